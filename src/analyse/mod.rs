//! Analysis: turning counts from the corpus into the numbers corpus linguists read.
//!
//! This is the last step of the pipeline before the binding. Modules here count things in the
//! indexed corpus (keywords, collocates, dispersion across documents) and score those counts
//! with the formulas in [`stats`], which is plain arithmetic on numbers and knows nothing about
//! text.

pub mod collocates;
pub mod concordance;
pub mod figures;
pub mod frequency;
pub mod keywords;
pub mod reference;
pub mod stats;
pub mod tokens;
pub mod trends;
pub mod words;

use std::ops::Range;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use tokens::{Tokens, Unit};

impl Corpus {
    /// The unit a view uses when the caller does not say: words once the dictionary is
    /// loaded, characters before.
    pub(crate) fn default_unit(&self, asked: Option<Unit>) -> Unit {
        asked.unwrap_or(if self.segmenter.is_some() {
            Unit::Word
        } else {
            Unit::Char
        })
    }

    /// The token streams of one view, built on first use. Words need the dictionary.
    pub(crate) fn token_streams(&mut self, unit: Unit, include_removed: bool) -> Result<&Tokens> {
        if unit == Unit::Word && self.segmenter.is_none() {
            return Err(Error::NoDictionary);
        }
        self.prepare(include_removed);
        if !self.tokens.contains_key(&(unit, include_removed)) {
            let view = self.view(include_removed);
            let built = Tokens::build(
                (0..view.index.len() as u32).map(|d| view.index.doc_text(d)),
                unit,
                self.segmenter.as_ref(),
            );
            self.tokens.insert((unit, include_removed), built);
        }
        Ok(&self.tokens[&(unit, include_removed)])
    }

    /// A range of document `id`'s view text as a range of its folded text.
    pub(crate) fn to_folded(
        &self,
        id: u32,
        range: &Range<usize>,
        include_removed: bool,
    ) -> Range<usize> {
        let map = self.view(include_removed).maps[id as usize];
        map.to_folded(range.start)..map.to_folded(range.end)
    }
}

/// Character offsets of sorted byte offsets into `text`, in one pass.
pub(crate) fn char_offsets(text: &str, sorted: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted.len());
    let (mut chars, mut at) = (0, 0);
    let mut iter = text.char_indices();
    for &target in sorted {
        while at < target {
            match iter.next() {
                Some((_, c)) => {
                    at += c.len_utf8();
                    chars += 1;
                }
                None => break,
            }
        }
        out.push(chars);
    }
    out
}
