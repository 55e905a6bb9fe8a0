//! The check a document opened from a snapshot gets the first time its text is read.
//!
//! Opening a snapshot ([`crate::snapshot`]) inflates and folds no text: what it needs of the
//! texts (character counts, titles, the cleaning and folding offset maps) is stored beside
//! them. The texts themselves are checked against all that lazily, one document at a time, on
//! the first read of its raw text ([`super::Store::raw`]): its ranges must cut it at
//! characters, the cleaned text assembled again and folded must give the stored maps, lengths
//! and counts, and the index's positions in it must be its characters' starts (a hash of them,
//! [`crate::index::start_hash`], against the same hash of the positions every list holds in
//! the document: [`Index::start_hashes_of`]). The checksums already catch accidental damage;
//! this catches a file forged past them, which can then give wrong hits but never a cut
//! through a character: a document that fails is read from then on as a *filler* — question
//! marks, as long as any offset its stored data can give — with identity maps, so nothing
//! panics.
//!
//! The lists' side of a document's hash is a seek in every list (11,857 at 50 MB), cheaper a
//! document when a search's page of hits asks for its documents at once ([`Checks::ahead`]);
//! once as many documents were sought so as one pass over every position costs
//! ([`Index::single_hashes_worth`]: a whole-corpus analysis reads them all), the rest come
//! from that one pass ([`Index::start_hashes`]). Opening checks no position: that pass was
//! 69 % of opening's instructions at 10 MB.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use super::entry::Entry;
use crate::clean::assemble;
use crate::fold::{fold, OffsetMap};
use crate::index::{start_hash, Index};

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
}

/// Per document opened from a snapshot, whether its text was checked and how it fared.
/// Documents past the end of `state` (added later, or every one of a store built here or
/// opened by the older, eager path) are sound.
#[derive(Debug, Default)]
pub(crate) struct Checks {
    state: Vec<AtomicU8>,
    expected: Vec<Expected>,
    /// Every document's [`start_hash`] as the index's lists give it, once summed in one pass.
    starts: OnceLock<Vec<u64>>,
    /// Documents whose lists' hash was sought ([`Index::start_hashes_of`]), and how many may
    /// be before the one pass costs less.
    sought: AtomicUsize,
    worth_seeking: usize,
    /// Hashes sought ahead of their documents' first read ([`Checks::ahead`]), until then.
    early: Mutex<Vec<(u32, u64)>>,
}

impl Checks {
    /// Every one of these documents to be checked on its first read, against their texts and
    /// against `index` (the lists opened with them).
    pub(crate) fn pending(expected: Vec<Expected>, index: &Index) -> Checks {
        Checks {
            state: expected.iter().map(|_| AtomicU8::new(UNCHECKED)).collect(),
            expected,
            worth_seeking: index.single_hashes_worth(),
            ..Checks::default()
        }
    }

    /// Document `id`'s [`start_hash`] as `index`'s lists give it: sought ahead, or sought in
    /// every list now while few documents were, else from one pass over them all (kept).
    /// `None` without the index (only while it is rebuilt, which [`Checks::settle`] comes
    /// before).
    fn starts(&self, id: u32, index: Option<&Index>) -> Option<u64> {
        if let Some(all) = self.starts.get() {
            return all.get(id as usize).copied();
        }
        if let Ok(mut early) = self.early.lock() {
            if let Some(k) = early.iter().position(|&(d, _)| d == id) {
                return Some(early.swap_remove(k).1);
            }
        }
        let index = index?;
        if self.sought.fetch_add(1, Ordering::Relaxed) < self.worth_seeking {
            return index.start_hashes_of(&[id]).first().copied();
        }
        self.starts.get_or_init(|| index.start_hashes()).get(id as usize).copied()
    }

    /// Documents `ids` are about to be read (a search's page of hits, for their snippets):
    /// the lists' hashes of those not checked yet are sought all at once, each list read once
    /// for them all — or summed for every document in one pass, when that costs less now.
    pub(crate) fn ahead(&self, ids: &[u32], index: &Index) {
        if self.starts.get().is_some() {
            return;
        }
        let Ok(mut early) = self.early.lock() else {
            return;
        };
        let mut wanted: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&id| self.state(id) == UNCHECKED && early.iter().all(|&(d, _)| d != id))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() {
            return;
        }
        let sought = self.sought.fetch_add(wanted.len(), Ordering::Relaxed);
        if sought + wanted.len() > self.worth_seeking {
            early.clear();
            let _ = self.starts.set(index.start_hashes());
            return;
        }
        let hashes = index.start_hashes_of(&wanted);
        early.extend(wanted.into_iter().zip(hashes));
    }

    /// Sums every unchecked document's hash from `index` now, before its lists are dropped
    /// (a document is added and the index built again: its old documents are then read for
    /// their texts, and checked against the lists they were opened with).
    pub(crate) fn settle(&self, index: &Index) {
        let unchecked = self.state.iter().any(|s| s.load(Ordering::Relaxed) == UNCHECKED);
        if unchecked && self.starts.get().is_none() {
            let _ = self.starts.set(index.start_hashes());
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
        self.state.capacity()
            + self.expected.capacity() * std::mem::size_of::<Expected>()
            + self.starts.get().map_or(0, |s| s.capacity() * 8)
            + self.early.lock().map_or(0, |e| e.capacity() * 16)
    }

    /// Document `id`'s raw text `text` (as its block gives it), checked on its first read
    /// (against `index`, the lists opened with it); a filler once it failed.
    pub(crate) fn raw<'a>(
        &self,
        id: u32,
        entry: &Entry,
        text: Cow<'a, str>,
        index: Option<&Index>,
    ) -> Cow<'a, str> {
        match self.state(id) {
            SOUND => text,
            DAMAGED => self.filler(id),
            _ => {
                let sound = self
                    .starts(id, index)
                    .is_some_and(|starts| self.expected[id as usize].agrees(entry, &text, starts));
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
    /// Whether the raw text `text` gives exactly what the snapshot stated of it, and the
    /// index's lists `starts` (the [`start_hash`] of the positions they hold in it).
    fn agrees(&self, e: &Entry, text: &str, starts: u64) -> bool {
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
            && start_hash(&folded.text) == starts
    }
}
