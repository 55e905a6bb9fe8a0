//! The documents' raw texts, kept deflated in blocks of whole documents and inflated on
//! demand through one accessor ([`Texts::get`]) with a small cache of inflated blocks.
//!
//! Why: the raw text was the second largest part of a corpus in memory (9.71 MiB of 27.3 at
//! 10 MB of poetry, issue 15). Deflate keeps 0.54 of it at 64 KiB blocks (0.57 at 16 KiB,
//! 0.59 at 8 KiB: measured on the benchmark's 10 MB of poetry; news with repeated furniture
//! deflates further). A block holds whole documents, so a document is one inflate of its
//! block; a block is closed once it holds [`BLOCK_BYTES`] of text, so a document longer than
//! that is a block of its own. The documents added since the last closed block stay as text
//! (`tail`) until the block fills, so adding one document never inflates anything.
//!
//! The cost is on reading: a page of ten hits with snippets inflates up to ten blocks
//! (fewer when hits share blocks or the cache holds them); a scan over every document
//! (regex search, the analyses) inflates each block once, in order. `miniz_oxide` is the
//! deflate the crate already had for ZIP archives and shards (MIT/Zlib/Apache-2.0).
//!
//! A snapshot stores the closed blocks as they are (format 3's `TEXT`), so opening one copies
//! deflated bytes and compresses nothing again.

use std::borrow::Cow;
use std::sync::Mutex;

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_slice_iter_to_slice;

/// Text per block before it is closed and deflated. 4 KiB, about one document of the
/// benchmark's poetry: every hit shown with a snippet inflates its block, and a 16 KiB block
/// made the 25 benchmark queries with snippets 0.48 ms slower each (CPU time, `examples/
/// open_profile.rs`) for a ratio of 0.57 instead of about 0.60; 64 KiB reach 0.54.
pub(crate) const BLOCK_BYTES: usize = 4 << 10;

/// Deflate level: miniz's default (6). Level 1 compresses about three times as fast but keeps
/// 0.62 of poetry instead of 0.57; adding documents is dominated by cleaning and indexing.
const LEVEL: u8 = 6;

/// Inflated blocks kept for the next reads: a page of hits in different blocks (ten) and
/// the block a scan is in, read again for the snippets and the reader of the same hits.
const CACHED_BLOCKS: usize = 16;

/// One closed block: its deflated bytes and the length of its text.
#[derive(Debug)]
pub(crate) struct Block {
    pub(crate) deflated: Box<[u8]>,
    pub(crate) len: u32,
}

/// Where one document's text lies: its block (`blocks.len()` for the tail) and its range in
/// the block's text.
#[derive(Debug, Clone, Copy)]
struct Slot {
    block: u32,
    start: u32,
    len: u32,
}

/// The raw texts of a store's documents, in id order.
#[derive(Debug, Default)]
pub(crate) struct Texts {
    blocks: Vec<Block>,
    slots: Vec<Slot>,
    /// The documents after the last closed block, as text.
    tail: String,
    /// Recently inflated blocks, most recent last.
    cache: Mutex<Vec<(u32, std::sync::Arc<str>)>>,
}

/// A block's bytes did not inflate to the text it should hold (a damaged or forged snapshot
/// that passed its checksum): what reading it gives instead, so that nothing panics.
const UNREADABLE: &str = "";

impl Texts {
    /// Appends the next document's text; closes and deflates the tail block when it is full.
    pub(crate) fn push(&mut self, text: &str) {
        let block = self.blocks.len() as u32;
        self.slots.push(Slot {
            block,
            start: self.tail.len() as u32,
            len: text.len() as u32,
        });
        self.tail.push_str(text);
        if self.tail.len() >= BLOCK_BYTES {
            self.close();
        }
    }

    /// Deflates the tail into a closed block (nothing when it is empty).
    fn close(&mut self) {
        if self.tail.is_empty() {
            return;
        }
        self.blocks.push(Block {
            deflated: compress_to_vec(self.tail.as_bytes(), LEVEL).into_boxed_slice(),
            len: self.tail.len() as u32,
        });
        self.tail = String::with_capacity(BLOCK_BYTES);
    }

    /// Appends a closed block of `lens.len()` documents as a snapshot stored it (deflated,
    /// not inflated here); the tail must be empty. `None` when the lengths do not add up to
    /// the block's, or a document's text would not fit the slots' 32-bit lengths.
    pub(crate) fn push_block(&mut self, block: Block, lens: &[usize]) -> Option<()> {
        if !self.tail.is_empty() || lens.iter().sum::<usize>() != block.len as usize {
            return None;
        }
        let id = self.blocks.len() as u32;
        let mut start = 0u32;
        for &len in lens {
            let len = u32::try_from(len).ok()?;
            self.slots.push(Slot {
                block: id,
                start,
                len,
            });
            start += len;
        }
        self.blocks.push(block);
        Some(())
    }

    /// The text of document `id`: borrowed from the tail, else copied out of its block,
    /// inflated (or found in the cache). Empty for an id past the end.
    pub(crate) fn get(&self, id: u32) -> Cow<'_, str> {
        let Some(&slot) = self.slots.get(id as usize) else {
            return Cow::Borrowed("");
        };
        let range = slot.start as usize..(slot.start + slot.len) as usize;
        if slot.block as usize == self.blocks.len() {
            return Cow::Borrowed(self.tail.get(range).unwrap_or(UNREADABLE));
        }
        let block = self.inflated(slot.block);
        Cow::Owned(block.get(range).unwrap_or(UNREADABLE).to_owned())
    }

    /// Byte length of document `id`'s text, without inflating it.
    pub(crate) fn text_len(&self, id: u32) -> usize {
        self.slots.get(id as usize).map_or(0, |s| s.len as usize)
    }

    /// The text of closed block `b`, from the cache or inflated into it.
    fn inflated(&self, b: u32) -> std::sync::Arc<str> {
        let mut cache = match self.cache.lock() {
            Ok(cache) => cache,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(at) = cache.iter().position(|(k, _)| *k == b) {
            let hit = cache.remove(at);
            let text = hit.1.clone();
            cache.push(hit);
            return text;
        }
        let text: std::sync::Arc<str> = inflate(&self.blocks[b as usize])
            .map_or_else(|| UNREADABLE.into(), Into::into);
        if cache.len() == CACHED_BLOCKS {
            cache.remove(0);
        }
        cache.push((b, text.clone()));
        text
    }

    /// The closed blocks and, per block, how many documents it holds; then the tail's
    /// documents (deflated by the caller when it stores them).
    pub(crate) fn blocks(&self) -> (Vec<(&Block, usize)>, &str, usize) {
        let mut counts = vec![0usize; self.blocks.len()];
        let mut in_tail = 0;
        for s in &self.slots {
            match counts.get_mut(s.block as usize) {
                Some(c) => *c += 1,
                None => in_tail += 1,
            }
        }
        (
            self.blocks.iter().zip(counts).collect(),
            &self.tail,
            in_tail,
        )
    }

    /// Heap bytes held: deflated blocks, slots, the tail and the cache.
    pub(crate) fn heap_bytes(&self) -> usize {
        let cached = match self.cache.lock() {
            Ok(c) => c.iter().map(|(_, t)| t.len()).sum::<usize>(),
            Err(_) => 0,
        };
        self.blocks.iter().map(|b| b.deflated.len()).sum::<usize>()
            + self.blocks.capacity() * std::mem::size_of::<Block>()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.tail.capacity()
            + cached
    }
}

/// Deflates `text` as a closed block stores it (for the snapshot's tail block).
pub(crate) fn deflate(text: &str) -> Block {
    Block {
        deflated: compress_to_vec(text.as_bytes(), LEVEL).into_boxed_slice(),
        len: text.len() as u32,
    }
}

/// The text of `block`, or `None` when its bytes do not inflate to exactly `len` bytes of
/// UTF-8.
pub(crate) fn inflate(block: &Block) -> Option<String> {
    // Into a buffer of exactly the stated length: nothing grows, and more text than stated
    // is an error.
    let mut bytes = vec![0u8; block.len as usize];
    let n = decompress_slice_iter_to_slice(
        &mut bytes,
        std::iter::once(&block.deflated[..]),
        false,
        false,
    )
    .ok()?;
    if n != bytes.len() {
        return None;
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_every_text_across_closed_blocks_and_the_tail() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("第{i}篇。{}", "京東與快手合作，".repeat(i * 37 % 900)))
            .collect();
        let mut store = Texts::default();
        for t in &texts {
            store.push(t);
        }
        assert!(store.blocks.len() > 3, "{} blocks", store.blocks.len());
        assert!(!store.tail.is_empty() || store.slots.last().unwrap().block < store.blocks.len() as u32);
        // In order, then backwards (every block leaves the cache and comes back).
        for (id, t) in texts.iter().enumerate() {
            assert_eq!(store.get(id as u32), t.as_str());
            assert_eq!(store.text_len(id as u32), t.len());
        }
        for (id, t) in texts.iter().enumerate().rev() {
            assert_eq!(store.get(id as u32), t.as_str());
        }
        assert_eq!(store.get(99), "");
        let raw: usize = texts.iter().map(String::len).sum();
        assert!(store.heap_bytes() < raw, "{} of {raw}", store.heap_bytes());
    }

    #[test]
    fn a_block_read_back_as_stored_gives_the_same_texts() {
        let mut first = Texts::default();
        let texts = ["一".repeat(7000), "二".repeat(9000), "三三".to_owned()];
        for t in &texts {
            first.push(t);
        }
        let (blocks, tail, in_tail) = first.blocks();
        let mut second = Texts::default();
        let mut next = 0;
        for (b, n) in blocks {
            let lens: Vec<usize> = texts[next..next + n].iter().map(String::len).collect();
            let copy = Block {
                deflated: b.deflated.clone(),
                len: b.len,
            };
            second.push_block(copy, &lens).unwrap();
            next += n;
        }
        let lens: Vec<usize> = texts[next..next + in_tail].iter().map(String::len).collect();
        second.push_block(deflate(tail), &lens).unwrap();
        for (id, t) in texts.iter().enumerate() {
            assert_eq!(second.get(id as u32), t.as_str());
        }
        // Lengths that do not add up are refused.
        assert!(second.push_block(deflate("四"), &[1]).is_none());
    }

    #[test]
    fn a_damaged_block_reads_as_empty_text_and_never_panics() {
        let mut texts = Texts::default();
        let mut block = deflate(&"损坏".repeat(100));
        block.deflated[3] ^= 0xFF;
        texts.push_block(block, &[300, 300]).unwrap();
        assert_eq!(texts.get(0), "");
        assert_eq!(texts.get(1), "");
    }
}
