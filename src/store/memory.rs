//! What a store holds in memory, by part.

use super::Store;

/// Heap bytes a corpus holds, by part ([`Store::memory`]): what the benchmark's memory
/// figures are made of. Capacities, so spare room counts; the allocator's own overhead does not.
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    /// The decoded original texts, deflated in blocks (with the few blocks inflated in the
    /// cache and the documents not yet in a closed block).
    pub raw_text: usize,
    /// Paragraph ranges of the originals.
    pub paragraphs: usize,
    /// The cleaned texts: none kept since issue 15 (assembled from the raw text and the
    /// removed spans when asked for), so 0 unless a caller holds one.
    pub cleaned_text: usize,
    /// Removed spans with their notes, and the offset maps back to the originals.
    pub removed_and_offsets: usize,
    /// The folded texts the index searches, with document bounds.
    pub folded_text: usize,
    /// The index's blocks of postings: per character pair its positions, gaps as varints
    /// (called `positions` while they were one `u32` per character).
    pub index_blocks: usize,
    /// The index's two-level pair table (first characters; per group of pairs its first
    /// second character and where its blocks start).
    pub pair_table: usize,
    /// Paragraph keys of earlier documents, for duplicates across documents.
    pub seen: usize,
    /// The per-document records themselves (one `Entry` each: the fixed-size fields of the
    /// document, its cleaning, metadata and fold map) and their small strings: name, folded
    /// title, decoding warning, URL, site, author, stated fields.
    pub entries: usize,
}

impl Memory {
    /// All parts together.
    pub fn total(&self) -> usize {
        self.raw_text
            + self.paragraphs
            + self.cleaned_text
            + self.removed_and_offsets
            + self.folded_text
            + self.index_blocks
            + self.pair_table
            + self.seen
            + self.entries
    }
}

impl Store {
    /// What the corpus holds in memory, by part (the index as last built).
    pub fn memory(&self) -> Memory {
        let mut m = Memory::default();
        for e in &self.entries {
            m.paragraphs += e.doc.paragraphs.heap_bytes();
            m.cleaned_text += e.cleaned.text.capacity();
            m.removed_and_offsets += e.cleaned.removed.capacity()
                * std::mem::size_of::<crate::clean::Removed>()
                + e.cleaned
                    .removed
                    .iter()
                    .map(|r| r.note.capacity())
                    .sum::<usize>()
                + e.cleaned.offsets.heap_bytes()
                + e.cleaned.content.capacity()
                + e.content_heap_bytes()
                + e.fold_offsets.heap_bytes();
        }
        m.removed_and_offsets += self.checks_heap_bytes();
        m.raw_text = self.texts.heap_bytes();
        m.entries = self.entries.capacity() * std::mem::size_of::<super::Entry>();
        for e in &self.entries {
            let opt = |s: &Option<String>| s.as_ref().map_or(0, String::capacity);
            m.entries += e.doc.name.capacity()
                + e.title_folded.capacity()
                + e.title().len()
                + opt(&e.doc.decode_warning)
                + opt(&e.meta.url)
                + opt(&e.meta.site)
                + e.meta.author.as_ref().map_or(0, |(a, _)| a.capacity())
                + e.stated.as_ref().map_or(0, |s| {
                    std::mem::size_of_val(&**s)
                        + s.fields
                            .iter()
                            .map(|(k, v)| 48 + k.capacity() + v.capacity())
                            .sum::<usize>()
                });
        }
        (m.folded_text, m.index_blocks, m.pair_table) = self.index.heap_bytes();
        m.seen = self.seen.heap_bytes();
        m
    }
}
