//! The check a document opened from a snapshot gets the first time its text is read.
//!
//! Opening a snapshot ([`crate::snapshot`]) inflates and folds no text: what it needs of the
//! texts (character counts, titles, the cleaning and folding offset maps) is stored beside
//! them. The texts themselves are checked against all that lazily, one document at a time, on
//! the first read of its raw text ([`super::Store::raw`]): its ranges must cut it at
//! characters, the cleaned text assembled again and folded must give the stored maps, lengths
//! and counts, and the index's positions in it must be its characters' starts (a hash of them,
//! [`crate::index::start_hash`]). The checksums already catch accidental damage; this catches
//! a file forged past them, which can then give wrong hits but never a cut through a
//! character: a document that fails is read from then on as a *filler* — question marks, as
//! long as any offset its stored data can give — with identity maps, so nothing panics.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, Ordering};

use super::entry::Entry;
use crate::clean::assemble;
use crate::fold::{fold, OffsetMap};
use crate::index::start_hash;

/// The map of a damaged document: its fillers have the same length in every view.
static IDENTITY: OffsetMap = OffsetMap::IDENTITY;

const UNCHECKED: u8 = 0;
const SOUND: u8 = 1;
const DAMAGED: u8 = 2;

/// What a snapshot states about one document's texts beyond its entry, to compare with them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Expected {
    /// Byte length of the raw text (its block's, `DOCS`').
    pub(crate) raw_len: u32,
    /// Byte length of the cleaned text (the article).
    pub(crate) cleaned_len: u32,
    /// Byte length of the folded article (the index's).
    pub(crate) folded_len: u32,
    /// [`start_hash`] of the folded article, as the index's lists give it.
    pub(crate) starts: u64,
}

/// Per document opened from a snapshot, whether its text was checked and how it fared.
/// Documents past the end of `state` (added later, or every one of a store built here or
/// opened by the older, eager path) are sound.
#[derive(Debug, Default)]
pub(crate) struct Checks {
    state: Vec<AtomicU8>,
    expected: Vec<Expected>,
}

impl Checks {
    /// Every one of these documents to be checked on its first read.
    pub(crate) fn pending(expected: Vec<Expected>) -> Checks {
        Checks {
            state: expected.iter().map(|_| AtomicU8::new(UNCHECKED)).collect(),
            expected,
        }
    }

    fn state(&self, id: u32) -> u8 {
        self.state
            .get(id as usize)
            .map_or(SOUND, |s| s.load(Ordering::Relaxed))
    }

    /// True when document `id` needs no check: checked and sound, or never opened from a
    /// snapshot.
    pub(crate) fn sound(&self, id: u32) -> bool {
        self.state(id) == SOUND
    }

    /// True when document `id` was read and did not agree with what the snapshot states.
    pub(crate) fn damaged(&self, id: u32) -> bool {
        self.state(id) == DAMAGED
    }

    /// True when a document is still to be checked.
    #[cfg(test)]
    pub(crate) fn pending_any(&self) -> bool {
        self.state.iter().any(|s| s.load(Ordering::Relaxed) == UNCHECKED)
    }

    /// True when a document failed its check.
    #[cfg(test)]
    pub(crate) fn damaged_any(&self) -> bool {
        self.state.iter().any(|s| s.load(Ordering::Relaxed) == DAMAGED)
    }

    /// Heap bytes held.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.state.capacity() + self.expected.capacity() * std::mem::size_of::<Expected>()
    }

    /// Document `id`'s raw text `text` (as its block gives it), checked on its first read; a
    /// filler once it failed.
    pub(crate) fn raw<'a>(&self, id: u32, entry: &Entry, text: Cow<'a, str>) -> Cow<'a, str> {
        match self.state(id) {
            SOUND => text,
            DAMAGED => self.filler(id),
            _ => {
                let sound = self.expected[id as usize].agrees(entry, &text);
                self.state[id as usize].store(if sound { SOUND } else { DAMAGED }, Ordering::Relaxed);
                if sound {
                    text
                } else {
                    self.filler(id)
                }
            }
        }
    }

    /// The text a damaged document reads as, raw and cleaned: as long as the longest of its
    /// texts, so that every offset its stored data can give (each checked on open to stay
    /// within those lengths) cuts it at a character.
    pub(crate) fn filler(&self, id: u32) -> Cow<'static, str> {
        let e = self.expected[id as usize];
        let len = (e.raw_len as usize).max(e.cleaned_len as usize).max(e.folded_len as usize);
        Cow::Owned("?".repeat(len))
    }

    /// The folded text a damaged document reads as: its folded length, as the index has it.
    pub(crate) fn folded_filler(&self, id: u32) -> String {
        "?".repeat(self.expected[id as usize].folded_len as usize)
    }

    /// The map from document `id`'s folded text to its cleaned one, or from its cleaned text
    /// to its raw one: the stored one, or the identity once the document failed its check.
    pub(crate) fn map<'a>(&self, id: u32, stored: &'a OffsetMap) -> &'a OffsetMap {
        if self.damaged(id) {
            &IDENTITY
        } else {
            stored
        }
    }
}

impl Expected {
    /// Whether the raw text `text` gives exactly what the snapshot stated of it.
    fn agrees(&self, e: &Entry, text: &str) -> bool {
        let cuts = |r: &std::ops::Range<usize>| text.get(r.clone()).is_some();
        let meta = &e.meta;
        if text.len() != self.raw_len as usize
            || text.chars().count() != e.doc.chars
            || !e.doc.paragraphs.iter().all(|r| cuts(&r))
            || !e.cleaned.removed.iter().all(|r| cuts(&r.range))
            || !meta.title.iter().all(cuts)
            || !meta.date.iter().all(|(_, r)| cuts(r))
            || !meta.author.iter().all(|(_, r)| cuts(r))
        {
            return false;
        }
        let (cleaned, offsets) = assemble(text, &e.doc.paragraphs.to_vec(), &e.cleaned.removed);
        if cleaned.len() != self.cleaned_len as usize
            || offsets != e.cleaned.offsets
            || (cleaned == text) != e.article_is_raw()
            || cleaned.chars().count() != e.cleaned_chars
        {
            return false;
        }
        let folded = fold(&cleaned);
        folded.text.len() == self.folded_len as usize
            && folded.offsets == e.fold_offsets
            && start_hash(&folded.text) == self.starts
    }
}
