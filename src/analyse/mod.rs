//! Analysis: turning counts from the corpus into the numbers corpus linguists read.
//!
//! This is the last step of the pipeline before the session and the binding. Each view is a
//! free function over the [`Store`](crate::store::Store) — with the
//! [`Searcher`](crate::search::Searcher) when it starts from a query, and [`Words`] (the
//! segmenter and the token-stream cache) when it counts tokens — like tantivy's collectors,
//! which never add methods to its `Searcher`. Counts are scored with the formulas in [`stats`],
//! which is plain arithmetic on numbers and knows nothing about text.

pub mod collocates;
pub mod concordance;
pub mod export;
pub mod figures;
pub mod found;
pub mod frequency;
pub mod keywords;
pub mod reference;
pub mod stats;
pub mod tokens;
pub mod trends;
pub mod words;

pub use words::Words;

use crate::error::Result;
use crate::search::{SearchOptions, Searcher};
use crate::store::Store;

/// The documents a query selects, in id order: all of them for an empty query, else those the
/// search finds (any query of the search box: `source:新浪`, `script:trad`, `date:2020`,
/// words…). A malformed query is an [`crate::Error::BadQuery`].
pub(crate) fn subset_ids(
    store: &mut Store,
    searcher: &mut Searcher,
    query: &str,
) -> Result<Vec<u32>> {
    if query.trim().is_empty() {
        return Ok((0..store.len() as u32).collect());
    }
    let matches = searcher.run(store, query, &SearchOptions::default())?;
    Ok(matches.docs.iter().map(|m| m.id).collect())
}

/// Which documents a statistic counts: `None` for all of them, or per document whether it is
/// counted (the leads of stories and the documents that stand alone, with `onePerStory`).
pub type Counted<'a> = Option<&'a [bool]>;

/// Whether document `id` is counted.
pub(crate) fn is_counted(counted: Counted, id: u32) -> bool {
    counted.is_none_or(|c| c.get(id as usize).copied().unwrap_or(true))
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
