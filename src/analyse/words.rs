//! What word-level analysis keeps beside the store: the segmenter with the user's lexicon, the
//! token streams of each view, built on first use, and the reference list of general Chinese
//! once loaded.

use rustc_hash::FxHashMap;

use super::reference::Reference;
use super::tokens::{Tokens, Unit};
use crate::error::{Error, Result};
use crate::query::Variants;
use crate::segment::Segmenter;
use crate::store::{Store, TextView};

/// The segmenter, the user's lexicon and the token-stream cache.
#[derive(Debug, Default)]
pub struct Words {
    /// The word segmenter, once its dictionary has been loaded.
    segmenter: Option<Segmenter>,
    /// Words of the user's lexicon, applied to the segmenter when it is (re)loaded.
    user_words: Vec<String>,
    /// Token streams by unit and view, built on first use and dropped
    /// whenever documents, the dictionary or the lexicon change.
    tokens: FxHashMap<(Unit, TextView), Tokens>,
    /// Word frequencies of general Chinese (`dict/reference.txt`), once loaded.
    reference: Option<Reference>,
}

impl Words {
    /// No dictionary, an empty lexicon.
    pub fn new() -> Self {
        Self::default()
    }

    /// Drops the token streams; call whenever the store's documents change.
    pub fn forget_documents(&mut self) {
        self.tokens.clear();
    }

    /// Loads the word list for segmentation (the dictionary file's bytes: `word frequency`
    /// lines). The names of the variant table and the user's lexicon are added to it as words;
    /// word statistics are recomputed on next use.
    pub fn load_dictionary(&mut self, bytes: &[u8], variants: &Variants) -> Result<usize> {
        let mut segmenter = Segmenter::from_dictionary(bytes)
            .map_err(|message| Error::BadDictionary { message })?;
        // Names of the variant table are words: jieba's list predates 快手 and 抖音, and a name
        // cut into characters would never show up in a word list or as a collocate. Names with
        // a space inside (Jack Ma) cannot be one token and are left to the dictionary.
        for name in variants.entities().iter().flat_map(|e| e.names()) {
            if !name.contains(char::is_whitespace) {
                segmenter
                    .add_word(name)
                    .map_err(|message| Error::BadWord { message })?;
            }
        }
        for word in &self.user_words {
            segmenter
                .add_word(word)
                .map_err(|message| Error::BadWord { message })?;
        }
        let words = segmenter.words();
        self.segmenter = Some(segmenter);
        self.tokens.clear();
        Ok(words)
    }

    /// True once [`Words::load_dictionary`] has succeeded.
    pub fn has_dictionary(&self) -> bool {
        self.segmenter.is_some()
    }

    /// Adds a word to the user's lexicon: it comes out as one token from now on, and every
    /// word statistic is recomputed on next use. Works before the dictionary is loaded too.
    pub fn add_word(&mut self, word: &str) -> Result<()> {
        if let Some(segmenter) = &mut self.segmenter {
            segmenter
                .add_word(word)
                .map_err(|message| Error::BadWord { message })?;
        } else if word.trim().is_empty() || word.trim().contains(char::is_whitespace) {
            return Err(Error::BadWord {
                message: format!("“{word}” is not a word: give it without spaces."),
            });
        }
        let word = word.trim().to_owned();
        if !self.user_words.contains(&word) {
            self.user_words.push(word);
        }
        self.tokens.clear();
        Ok(())
    }

    /// The user's lexicon, in the order the words were added.
    pub fn user_words(&self) -> &[String] {
        &self.user_words
    }

    /// The segmenter, once the dictionary is loaded.
    pub(crate) fn segmenter(&self) -> Result<&Segmenter> {
        self.segmenter.as_ref().ok_or(Error::NoDictionary)
    }

    /// Reads the reference list of general Chinese (the bytes of `dict/reference.txt`) and
    /// keeps it for keywords against it; returns how many words it lists.
    pub fn load_reference(&mut self, bytes: &[u8]) -> Result<usize> {
        let reference =
            Reference::parse(bytes).map_err(|message| Error::BadReference { message })?;
        let words = reference.words();
        self.reference = Some(reference);
        Ok(words)
    }

    /// True once [`Words::load_reference`] has succeeded.
    pub fn has_reference(&self) -> bool {
        self.reference.is_some()
    }

    /// The token streams of one view of `store` (see [`Words::streams`]) with the reference
    /// list, for keywords against general Chinese. Needs the dictionary and the reference.
    pub(crate) fn streams_and_reference(
        &mut self,
        store: &mut Store,
        which: TextView,
    ) -> Result<(&Tokens, &Reference)> {
        if self.reference.is_none() {
            return Err(Error::NoReference);
        }
        self.streams(store, Unit::Word, which)?;
        let tokens = &self.tokens[&(Unit::Word, which)];
        let reference = self.reference.as_ref().ok_or(Error::NoReference)?;
        Ok((tokens, reference))
    }

    /// The unit a view uses when the caller does not say: words once the dictionary is
    /// loaded, characters before.
    pub(crate) fn default_unit(&self, asked: Option<Unit>) -> Unit {
        asked.unwrap_or(if self.segmenter.is_some() {
            Unit::Word
        } else {
            Unit::Char
        })
    }

    /// The token streams of one view of `store`, built on first use. Words need the
    /// dictionary.
    pub(crate) fn streams(
        &mut self,
        store: &mut Store,
        unit: Unit,
        which: TextView,
    ) -> Result<&Tokens> {
        if unit == Unit::Word && self.segmenter.is_none() {
            return Err(Error::NoDictionary);
        }
        store.prepare(which);
        if !self.tokens.contains_key(&(unit, which)) {
            // Each document folded on demand into one buffer (the index keeps no text).
            let view = store.view(which);
            let mut text = String::new();
            let built = Tokens::build(
                (0..view.index.len() as u32).map(|d| {
                    view.fold_into(d, &mut text);
                    text.clone()
                }),
                unit,
                self.segmenter.as_ref(),
            );
            self.tokens.insert((unit, which), built);
        }
        Ok(&self.tokens[&(unit, which)])
    }
}
