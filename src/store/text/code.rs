//! A canonical Huffman code over characters: the raw texts' coding ([`super::Texts`]).
//!
//! Why characters and not bytes: Chinese text is three UTF-8 bytes a character, and a few
//! thousand characters make up almost all of it. At 10 MB of poetry (3.73 M characters, 10,027
//! distinct) the order-0 entropy of the characters is 0.432 of the UTF-8 bytes and a Huffman
//! code over them 0.433, where deflate in 4 KiB blocks keeps 0.60 (and 0.54 at 64 KiB); the
//! characters' ranks as one or two bytes, deflated in 4 KiB blocks, 0.43 (/tmp/rankest.py,
//! /tmp/tc-huff.py on the benchmark's text). A prefix code reads one character per table
//! look-up with no history, so a document decodes on its own (no block of neighbours to
//! inflate) and can stop anywhere; reading every text of the 10 MB benchmark costs 312 M
//! instructions against 373 M for miniz_oxide's inflate (callgrind, tests/bench/RESULTS.md).
//! Deflate would also catch repeated passages, which a code per character does not.
//!
//! The code is canonical: only each symbol's length is stored, and codes of one length are
//! consecutive in the order of the symbols' values, so a code is a handful of bytes a symbol
//! in a snapshot. Lengths are at most [`MAX_LEN`] bits. Besides the characters there is one
//! more symbol, [`ESCAPE`]: a character the code does not know (one added since the code was
//! made) is written as the escape and its scalar value in 21 bits.
//!
//! Bits are written most significant first into bytes, so a code compares as an integer.
//! Hand-written (about 250 lines) rather than a crate: the Huffman crates on crates.io decode
//! bit by bit down a tree, and the table decoding here is what makes snippets cheap.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

/// The escape symbol's value: one past the last Unicode scalar value.
pub(crate) const ESCAPE: u32 = 0x11_0000;

/// Bits of a character's scalar value after an escape.
const ESCAPE_BITS: u32 = 21;

/// The longest code. A code that would be longer is made again with halved counts; 24 bits
/// is a probability of 2^-24, far rarer than any character of a text that fits in memory
/// (the 10 MB benchmark's longest code is 22 bits).
pub(crate) const MAX_LEN: u32 = 24;

/// Bits resolved by one table look-up (a table of 32 KiB); longer codes (the rarer
/// characters) go through the canonical per-length search. 16 bits (512 KiB) was no faster
/// at 10 MB of poetry (白雲's page with snippets 0.585 against 0.611 ms, within noise).
const TABLE_BITS: u32 = 12;

/// A canonical prefix code over characters and [`ESCAPE`], to encode and to decode.
#[derive(Debug, Default)]
pub(crate) struct Code {
    /// The symbols' values in canonical order: by code length, then by value.
    symbols: Vec<u32>,
    /// The code length of each symbol in `symbols`.
    lens: Vec<u8>,
    /// Per length, the first code of that length and the index in `symbols` of its symbol.
    first: [u32; MAX_LEN as usize + 2],
    start: [u32; MAX_LEN as usize + 2],
    /// Per length, how many symbols have it.
    count: [u32; MAX_LEN as usize + 2],
    /// For every `TABLE_BITS`-bit prefix, the character whose code it starts with, ready to
    /// append: its UTF-8 bytes (little-endian in the low 32 bits), the code's length (bits
    /// 32..37) and the bytes' count (bits 40..43); [`ESCAPE`]'s entry has its length and no
    /// bytes; 0 when the code is longer than the prefix. Decoding writes four bytes and keeps
    /// as many, with no scalar value to check and encode per character (84 instructions a
    /// character before, with a `u32` table and `String::push`).
    table: Vec<u64>,
    /// Value → code << 5 | length (one map type with the counts: less code in the wasm),
    /// made when the first text is encoded (not kept after opening a
    /// snapshot until a document is added).
    encoder: Option<FxHashMap<u32, u32>>,
}

/// Why a code's lengths were refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BadCode {
    /// A symbol that is neither a character nor [`ESCAPE`], or values not strictly rising.
    Symbols,
    /// A length of 0 or over [`MAX_LEN`], or lengths that are not a complete prefix code.
    Lengths,
}

impl Code {
    /// The code for characters counted in `counts` (with [`ESCAPE`] counted there too, or
    /// given one occurrence here): Huffman's lengths, limited to [`MAX_LEN`].
    pub(crate) fn from_counts(counts: &FxHashMap<u32, u32>) -> Code {
        let mut values: Vec<(u32, u64)> = counts
            .iter()
            .map(|(&v, &c)| (v, u64::from(c.max(1))))
            .collect();
        if !counts.contains_key(&ESCAPE) {
            values.push((ESCAPE, 1));
        }
        if values.len() == 1 {
            // One symbol alone still needs a bit: give it a partner never used.
            values.push((if values[0].0 == 0 { 1 } else { 0 }, 1));
        }
        values.sort_unstable();
        let mut weights: Vec<u64> = values.iter().map(|v| v.1).collect();
        let lens = loop {
            let lens = huffman_lengths(&weights);
            if lens.iter().all(|&l| u32::from(l) <= MAX_LEN) {
                break lens;
            }
            // Flatten the counts until the rarest code fits.
            for w in &mut weights {
                *w = (*w).div_ceil(2);
            }
        };
        let pairs: Vec<(u32, u8)> = values.iter().map(|v| v.0).zip(lens).collect();
        Code::from_lengths(&pairs).unwrap_or_default()
    }

    /// The code with these (value, length) pairs, values strictly rising: what a snapshot
    /// stores. Refused unless every value is a character or [`ESCAPE`] and the lengths make
    /// a complete prefix code of at most [`MAX_LEN`] bits.
    pub(crate) fn from_lengths(pairs: &[(u32, u8)]) -> Result<Code, BadCode> {
        if pairs.windows(2).any(|w| w[0].0 >= w[1].0)
            || pairs
                .iter()
                .any(|&(v, _)| v != ESCAPE && char::from_u32(v).is_none())
        {
            return Err(BadCode::Symbols);
        }
        let mut code = Code::default();
        let mut kraft = 0u64;
        for &(_, len) in pairs {
            if len == 0 || u32::from(len) > MAX_LEN {
                return Err(BadCode::Lengths);
            }
            code.count[len as usize] += 1;
            kraft += 1 << (MAX_LEN - u32::from(len));
        }
        if kraft != 1 << MAX_LEN {
            return Err(BadCode::Lengths);
        }
        let mut order: Vec<(u8, u32)> = pairs.iter().map(|&(v, l)| (l, v)).collect();
        order.sort_unstable();
        code.symbols = order.iter().map(|&(_, v)| v).collect();
        code.lens = order.iter().map(|&(l, _)| l).collect();
        let (mut next, mut index) = (0u32, 0u32);
        for len in 1..=MAX_LEN as usize {
            next = (next + code.count[len - 1]) << 1;
            code.first[len] = next;
            code.start[len] = index;
            index += code.count[len];
        }
        code.table = vec![0u64; 1 << TABLE_BITS];
        for (i, &len) in code.lens.iter().enumerate() {
            let len = u32::from(len);
            if len > TABLE_BITS {
                break;
            }
            let c = code.first[len as usize] + (i as u32 - code.start[len as usize]);
            let from = (c << (TABLE_BITS - len)) as usize;
            let n = 1usize << (TABLE_BITS - len);
            // Every value but the escape is a character (checked above).
            let entry = char::from_u32(code.symbols[i])
                .map_or(u64::from(len) << 32, |ch| table_entry(ch, len));
            code.table[from..from + n].fill(entry);
        }
        Ok(code)
    }

    /// The (value, length) pairs in the order of the values, as [`Code::from_lengths`] takes
    /// them.
    pub(crate) fn lengths(&self) -> Vec<(u32, u8)> {
        let mut pairs: Vec<(u32, u8)> = self
            .symbols
            .iter()
            .copied()
            .zip(self.lens.iter().copied())
            .collect();
        pairs.sort_unstable();
        pairs
    }

    /// Appends `text` coded to `out` (whole bytes: the last one padded with zero bits).
    pub(crate) fn encode(&mut self, text: &str, out: &mut Vec<u8>) {
        let (symbols, lens, first, start) = (&self.symbols, &self.lens, &self.first, &self.start);
        let encoder = self.encoder.get_or_insert_with(|| {
            symbols
                .iter()
                .zip(lens)
                .enumerate()
                .map(|(i, (&v, &l))| {
                    let c = first[l as usize] + (i as u32 - start[l as usize]);
                    (v, c << 5 | u32::from(l))
                })
                .collect()
        });
        let escape = encoder.get(&ESCAPE).copied().unwrap_or(1);
        let mut w = BitWriter {
            out,
            acc: 0,
            bits: 0,
        };
        for ch in text.chars() {
            match encoder.get(&(ch as u32)) {
                Some(&e) => w.put(e >> 5, e & 31),
                None => {
                    w.put(escape >> 5, escape & 31);
                    w.put(ch as u32, ESCAPE_BITS);
                }
            }
        }
        w.finish();
    }

    /// Decodes `bytes`, the code of a text of `len` bytes, into `out` until it holds `stop`
    /// more bytes of text or more (`len` or more: the whole text); `None` when the bits run
    /// out first, a character would end past `len`, or an escape names no character (a
    /// damaged or forged snapshot: never a panic).
    pub(crate) fn decode(
        &self,
        bytes: &[u8],
        len: usize,
        stop: usize,
        out: &mut String,
    ) -> Option<()> {
        self.decode_from(bytes, len, Mark::START, 0, stop, out)
            .map(|_| ())
    }

    /// Where decoding can start inside a text of `len` bytes coded as `bytes`: for each
    /// multiple of [`MARK_BYTES`] inside the text, the first character boundary at or after
    /// it ([`Mark`]). Read as [`Code::decode_from`] skips, nothing written; `None` where
    /// decoding would fail. A text coded past 2^30 bits gets marks only below that.
    pub(crate) fn marks(&self, bytes: &[u8], len: usize) -> Option<Vec<u32>> {
        let mut out = Vec::with_capacity(len / MARK_BYTES);
        if self.symbols.is_empty() {
            return (len == 0).then_some(out);
        }
        let mut r = BitReader::new(bytes);
        let (mut at, mut next) = (0, MARK_BYTES);
        while next < len {
            self.skip_to(&mut r, &mut at, next, |_| {})?;
            let bit = r.position();
            if bit >= 1 << 30 {
                break;
            }
            out.push((bit as u32) << 2 | (at - next) as u32);
            next += MARK_BYTES;
        }
        Some(out)
    }

    /// UTF-16 code units before each of the ascending byte offsets `sorted` of the text, read
    /// as [`Code::decode`] reads it but nothing written: what a document's removed spans need
    /// for the document list (`Entry::info`), which before decoded every such text up to its
    /// last span. An offset inside a character counts that character, one past the text the
    /// whole text, as counting over the decoded text does. `None` where decoding would fail.
    pub(crate) fn utf16_at(&self, bytes: &[u8], len: usize, sorted: &[usize]) -> Option<Vec<usize>> {
        if self.symbols.is_empty() {
            return (len == 0).then(|| vec![0; sorted.len()]);
        }
        let mut r = BitReader::new(bytes);
        let (mut byte, mut units) = (0usize, 0usize);
        let mut out = Vec::with_capacity(sorted.len());
        for &target in sorted {
            // Read as decode_from skips, counting units too: 4 UTF-8 bytes are 2 of UTF-16.
            self.skip_to(&mut r, &mut byte, target.min(len), |n| {
                units += 1 + usize::from(n == 4)
            })?;
            out.push(units);
        }
        Some(out)
    }

    /// [`Code::decode`] without the text's first bytes: the characters that end at or before
    /// byte `from` are read but not written (a snippet deep in a long text needs only its
    /// surroundings). Gives where what was written starts in the text: `from` or up to three
    /// bytes more, on a character boundary; `stop` still counts from the text's start.
    ///
    /// Reading starts at `mark` (one of [`Code::marks`] at or before `from`, or
    /// [`Mark::START`]): only the characters between it and `from` are skipped.
    pub(crate) fn decode_from(
        &self,
        bytes: &[u8],
        len: usize,
        mark: Mark,
        from: usize,
        stop: usize,
        out: &mut String,
    ) -> Option<usize> {
        if self.symbols.is_empty() {
            return (len == 0).then_some(0);
        }
        let mut r = BitReader::at_bit(bytes, mark.bit)?;
        // Skipping: each character read, not written (skip_char).
        let mut skipped = mark.byte;
        self.skip_to(&mut r, &mut skipped, from.min(stop.min(len)), |_| {})?;
        let len = len.checked_sub(skipped)?;
        let stop = stop.saturating_sub(skipped);
        let whole = out.len().checked_add(len)?;
        let end = out.len().checked_add(stop.min(len))?;
        // Bytes, not a `String`: a character is written as its four table bytes, of which
        // the next one overwrites those past its length; checked as UTF-8 once at the end
        // (the table's bytes always are). Writing into room made beforehand rather than
        // appending: 27 instructions a character less (callgrind).
        let mut text = std::mem::take(out).into_bytes();
        let mut at = text.len();
        text.resize(end.checked_add(4)?, 0);
        while at < end {
            r.refill();
            // A symbol takes at most 45 bits (a 24-bit escape code and 21 bits of value):
            // as many symbols as the refilled bits surely hold. `at < end` here, so the four
            // bytes at `at` are in the room made.
            loop {
                let top = r.peek(MAX_LEN);
                let e = self.table[(top >> (MAX_LEN - TABLE_BITS)) as usize];
                let n = (e >> 40) as usize;
                let utf8 = if n != 0 {
                    r.consume((e >> 32) as u32 & 31)?;
                    (e as u32).to_le_bytes()
                } else {
                    let mut utf8 = [0u8; 4];
                    let ch = char::from_u32(self.symbol(&mut r, e, top)?)?;
                    ch.encode_utf8(&mut utf8);
                    utf8
                };
                text.get_mut(at..at + 4)?.copy_from_slice(&utf8);
                at += if n != 0 { n } else { utf8_len(utf8[0]) };
                if at >= end || r.bits < 45 {
                    break;
                }
            }
        }
        text.truncate(at);
        // The loop ended at `end` or past it (within the last character).
        let fits = text.len() <= whole && (end < whole || text.len() == whole);
        *out = String::from_utf8(text).ok()?;
        fits.then_some(skipped)
    }

    /// Reads characters without writing them while the text read reaches no further than
    /// byte `*at` < `target` (the last may end past it), `each` told each one's UTF-8 byte
    /// count: what skipping, counting and finding marks read. `None` where decoding fails.
    #[inline]
    fn skip_to(
        &self,
        r: &mut BitReader,
        at: &mut usize,
        target: usize,
        mut each: impl FnMut(usize),
    ) -> Option<()> {
        while *at < target {
            r.refill();
            // As many characters as the refilled bits surely hold (45 bits at most each).
            loop {
                let n = self.skip_char(r)?;
                *at += n;
                each(n);
                if *at >= target || r.bits < 45 {
                    break;
                }
            }
        }
        Some(())
    }

    /// Reads the next character without writing it: its UTF-8 byte count (the table holds
    /// it; a longer code's from its value). What skipping and counting read.
    #[inline]
    fn skip_char(&self, r: &mut BitReader) -> Option<usize> {
        let top = r.peek(MAX_LEN);
        let e = self.table[(top >> (MAX_LEN - TABLE_BITS)) as usize];
        let n = (e >> 40) as usize;
        if n != 0 {
            r.consume((e >> 32) as u32 & 31)?;
            Some(n)
        } else {
            Some(char::from_u32(self.symbol(r, e, top)?)?.len_utf8())
        }
    }

    /// The value of the symbol at the reader, which the table does not give as a character's
    /// bytes (`e`, its entry: an escape's, or 0 for a code longer than the table's), consumed
    /// with an escape's value; `top` holds the next [`MAX_LEN`] bits.
    fn symbol(&self, r: &mut BitReader, e: u64, top: u32) -> Option<u32> {
        let value = if e != 0 {
            r.consume((e >> 32) as u32 & 31)?;
            ESCAPE
        } else {
            let (index, l) = self.slow(top)?;
            r.consume(l)?;
            self.symbols[index as usize]
        };
        if value != ESCAPE {
            return Some(value);
        }
        let value = r.peek(ESCAPE_BITS);
        r.consume(ESCAPE_BITS)?;
        Some(value)
    }

    /// The symbol of a code longer than [`TABLE_BITS`]: `top` holds the next [`MAX_LEN`] bits.
    fn slow(&self, top: u32) -> Option<(u32, u32)> {
        for len in TABLE_BITS + 1..=MAX_LEN {
            let c = top >> (MAX_LEN - len);
            let k = c.wrapping_sub(self.first[len as usize]);
            if c >= self.first[len as usize] && k < self.count[len as usize] {
                return Some((self.start[len as usize] + k, len));
            }
        }
        None
    }

    /// Heap bytes held (the encoder's map counted at hashbrown's one control byte and one
    /// slot per entry, at its load of 7/8).
    pub(crate) fn heap_bytes(&self) -> usize {
        let map = self.encoder.as_ref().map_or(0, |m| {
            m.capacity() * (std::mem::size_of::<(u32, u32)>() + 1)
        });
        self.symbols.capacity() * 4 + self.lens.capacity() + self.table.capacity() * 8 + map
    }
}

/// The byte count of a UTF-8 character from its first byte.
fn utf8_len(first: u8) -> usize {
    match first {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// A table entry ([`Code::table`]): `ch`'s UTF-8 bytes, its code's length `len` and the
/// bytes' count.
fn table_entry(ch: char, len: u32) -> u64 {
    let mut utf8 = [0u8; 4];
    let n = ch.encode_utf8(&mut utf8).len() as u64;
    u64::from(u32::from_le_bytes(utf8)) | u64::from(len) << 32 | n << 40
}

/// Huffman's code lengths for `weights` (at least two): the two lightest trees joined until
/// one is left; a leaf's length is its depth.
fn huffman_lengths(weights: &[u64]) -> Vec<u8> {
    let n = weights.len();
    // Nodes 0..n are the leaves, n.. the joined trees; ties go to the lower node number, so
    // the same counts always give the same code.
    let mut parent = vec![0usize; 2 * n - 1];
    let mut heap: BinaryHeap<Reverse<(u64, usize)>> = weights
        .iter()
        .enumerate()
        .map(|(i, &w)| Reverse((w, i)))
        .collect();
    let mut next = n;
    while let (Some(Reverse((wa, a))), Some(Reverse((wb, b)))) = (heap.pop(), heap.pop()) {
        parent[a] = next;
        parent[b] = next;
        heap.push(Reverse((wa + wb, next)));
        next += 1;
        if heap.len() == 1 {
            break;
        }
    }
    // The root is the last node made; a node's depth is its parent's plus one, and parents
    // are made after their children, so one pass from the root down fills every depth.
    let mut depth = vec![0u32; 2 * n - 1];
    for i in (0..2 * n - 2).rev() {
        depth[i] = depth[parent[i]] + 1;
    }
    depth[..n].iter().map(|&d| d.min(255) as u8).collect()
}

/// Bits into bytes, most significant first.
struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    acc: u64,
    bits: u32,
}

impl BitWriter<'_> {
    fn put(&mut self, code: u32, len: u32) {
        self.acc = (self.acc << len) | u64::from(code);
        self.bits += len;
        while self.bits >= 8 {
            self.bits -= 8;
            self.out.push((self.acc >> self.bits) as u8);
        }
    }

    fn finish(mut self) {
        if self.bits > 0 {
            let pad = 8 - self.bits;
            self.put(0, pad);
        }
    }
}

/// Text bytes between two marks ([`Code::marks`]): a snippet deep in a text skips at most
/// this much before its window, where it skipped everything before it (a tenth of the
/// text's coded size again in marks, at 4 bytes a mark: 0.8 % of the text).
pub(crate) const MARK_BYTES: usize = 512;

/// A place to start decoding a text: a character boundary, as its bit in the code and its
/// byte in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) bit: usize,
    pub(crate) byte: usize,
}

impl Mark {
    /// The text's start.
    pub(crate) const START: Mark = Mark { bit: 0, byte: 0 };

    /// The last of `marks` ([`Code::marks`]) at or before byte `from`, or the start.
    pub(crate) fn before(marks: &[u32], from: usize) -> Mark {
        let mark = |k: usize| {
            marks.get(k.checked_sub(1)?).map(|&m| Mark {
                bit: (m >> 2) as usize,
                byte: k * MARK_BYTES + (m & 3) as usize,
            })
        };
        let k = (from / MARK_BYTES).min(marks.len());
        match mark(k) {
            Some(m) if m.byte <= from => m,
            _ => k.checked_sub(1).and_then(mark).unwrap_or(Mark::START),
        }
    }
}

/// Bits out of bytes, most significant first; past the end, zero bits that
/// [`BitReader::consume`] refuses to hand out.
struct BitReader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The next bits, left-aligned.
    buf: u64,
    /// Valid bits in `buf`.
    bits: u32,
}

impl<'a> BitReader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        BitReader {
            bytes,
            at: 0,
            buf: 0,
            bits: 0,
        }
    }

    /// A reader from bit `bit` on; `None` past the end.
    fn at_bit(bytes: &'a [u8], bit: usize) -> Option<Self> {
        let mut r = BitReader {
            bytes,
            at: bit / 8,
            buf: 0,
            bits: 0,
        };
        if bit == 0 {
            return Some(r);
        }
        r.refill();
        r.consume((bit % 8) as u32)?;
        Some(r)
    }

    /// The bit the next one read is, from the start.
    fn position(&self) -> usize {
        self.at * 8 - self.bits as usize
    }

    /// At least 56 valid bits in `buf`, unless the bytes ran out. Eight bytes are loaded at
    /// once and as many whole ones kept as fit (the bits below the valid ones are then the
    /// stream's next bits or zeros, so loading them again with `|` changes nothing).
    #[inline]
    fn refill(&mut self) {
        if self.bits > 56 {
            return;
        }
        if let Some(chunk) = self.bytes.get(self.at..self.at + 8) {
            let word = u64::from_be_bytes(chunk.try_into().unwrap_or([0; 8]));
            self.buf |= word >> self.bits;
            self.at += ((63 - self.bits) >> 3) as usize;
            self.bits |= 56;
        } else {
            while self.bits <= 56 {
                let Some(&b) = self.bytes.get(self.at) else {
                    break;
                };
                self.buf |= u64::from(b) << (56 - self.bits);
                self.at += 1;
                self.bits += 8;
            }
        }
    }

    /// The next `n` bits (1..=32) as a number, zeros past the end.
    #[inline]
    fn peek(&self, n: u32) -> u32 {
        (self.buf >> (64 - n)) as u32
    }

    /// Drops the next `n` bits; `None` when fewer are left.
    #[inline]
    fn consume(&mut self, n: u32) -> Option<()> {
        if n > self.bits {
            return None;
        }
        self.buf <<= n;
        self.bits -= n;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_for(text: &str) -> Code {
        let mut counts = FxHashMap::default();
        for c in text.chars() {
            *counts.entry(c as u32).or_insert(0u32) += 1;
        }
        Code::from_counts(&counts)
    }

    #[test]
    fn a_text_decodes_to_itself_known_characters_and_escaped_ones() {
        let mut code = code_for("京东与快手合作，京东直播。abc");
        for text in [
            "京东直播",
            "京東與快手合作 😀 新字",
            "",
            "a",
            "ＡＢＣ\n\r\t",
        ] {
            let mut bytes = Vec::new();
            code.encode(text, &mut bytes);
            let mut out = String::from("前");
            code.decode(&bytes, text.len(), usize::MAX, &mut out)
                .unwrap();
            assert_eq!(out, format!("前{text}"));
        }
    }

    #[test]
    fn utf16_units_are_counted_as_over_the_decoded_text_at_every_offset() {
        use crate::store::entry::utf16_offsets;
        let mut code = code_for("京东与快手合作，京东直播。abc");
        for text in [
            "京東與快手合作 😀 新字😀",
            "",
            "a",
            "𠀀京东\u{10FFFF}abc，直播。",
            "京东直播京东直播京东直播京东直播京东直播京东直播京东直播京东直播京东直播京东直播",
        ] {
            let mut bytes = Vec::new();
            code.encode(text, &mut bytes);
            // Every offset alone (inside characters and past the end), and all of them at once.
            let all: Vec<usize> = (0..=text.len() + 2).collect();
            for sorted in all.iter().map(|&b| vec![b]).chain([all.clone(), vec![1, 1, 5, 9]]) {
                assert_eq!(
                    code.utf16_at(&bytes, text.len(), &sorted),
                    Some(utf16_offsets(text, &sorted)),
                    "{text:?} at {sorted:?}"
                );
            }
        }
        assert_eq!(Code::default().utf16_at(&[], 0, &[0, 3]), Some(vec![0, 0]));
    }

    #[test]
    fn decoding_can_stop_after_a_prefix_at_a_character_boundary() {
        let text = "床前明月光，疑是地上霜。a举头望明月，低头思故乡。";
        let mut code = code_for(text);
        let mut bytes = Vec::new();
        code.encode(text, &mut bytes);
        for stop in 0..=text.len() + 1 {
            let mut out = String::new();
            code.decode(&bytes, text.len(), stop, &mut out).unwrap();
            assert!(
                out.len() >= stop.min(text.len()) && out.len() < stop + 4,
                "{stop}"
            );
            assert!(text.starts_with(&out), "{stop}: {out}");
        }
    }

    #[test]
    fn decoding_from_any_mark_gives_the_text_from_its_byte() {
        // Characters of one to four bytes, escaped ones among them, over several marks.
        let sample = "京东a与快手，😀合作ＡＢ新字直播。\n";
        let mut code = code_for("京东与快手合作，直播。a");
        let text: String = sample.chars().cycle().take(3 * MARK_BYTES).collect();
        let mut bytes = Vec::new();
        code.encode(&text, &mut bytes);
        let marks = code.marks(&bytes, text.len()).unwrap();
        assert_eq!(marks.len(), (text.len() - 1) / MARK_BYTES);
        for (k, &m) in marks.iter().enumerate() {
            // The first character boundary at or after the multiple.
            let multiple = (k + 1) * MARK_BYTES;
            let byte = multiple + (m & 3) as usize;
            assert!(text.is_char_boundary(byte));
            assert!((multiple..byte).all(|b| !text.is_char_boundary(b)), "{k}");
            let mark = Mark { bit: (m >> 2) as usize, byte };
            let mut out = String::new();
            assert_eq!(code.decode_from(&bytes, text.len(), mark, byte, usize::MAX, &mut out), Some(byte));
            assert_eq!(out, text[byte..]);
        }
        // From every offset, through the last mark before it: the text from a boundary at or
        // up to three bytes past it, as from the start.
        for from in 0..=text.len() + 1 {
            let mark = Mark::before(&marks, from);
            assert!(mark.byte <= from);
            let (mut a, mut b) = (String::new(), String::new());
            let stop = from + 40;
            let at = code.decode_from(&bytes, text.len(), mark, from, stop, &mut a);
            assert_eq!(at, code.decode_from(&bytes, text.len(), Mark::START, from, stop, &mut b), "{from}");
            assert_eq!(a, b, "{from}");
        }
        // A text without a multiple of the mark's spacing inside it has none; no code, none.
        assert_eq!(code.marks(&bytes, MARK_BYTES), Some(vec![]));
        assert_eq!(Code::default().marks(&[], 0), Some(vec![]));
        assert_eq!(Mark::before(&[], 5000), Mark::START);
    }

    #[test]
    fn frequent_characters_get_short_codes() {
        let text = format!("{}{}{}", "的".repeat(1000), "之".repeat(10), "乎");
        let code = code_for(&text);
        let len = |v: char| code.lengths().iter().find(|p| p.0 == v as u32).unwrap().1;
        assert_eq!(len('的'), 1);
        assert!(len('之') < len('乎'), "{:?}", code.lengths());
    }

    #[test]
    fn long_codes_are_limited_and_still_decode() {
        // Fibonacci counts make the deepest Huffman tree: 40 symbols would need 39 bits.
        let mut counts = FxHashMap::default();
        let (mut a, mut b) = (1u32, 1u32);
        let mut text = String::new();
        for i in 0..40u32 {
            let ch = char::from_u32(0x4E00 + i).unwrap();
            counts.insert(ch as u32, a);
            if i % 5 == 0 {
                text.push(ch);
            }
            (a, b) = (b, a + b);
        }
        let mut code = Code::from_counts(&counts);
        assert!(code.lengths().iter().all(|p| u32::from(p.1) <= MAX_LEN));
        let mut bytes = Vec::new();
        code.encode(&text, &mut bytes);
        let mut out = String::new();
        code.decode(&bytes, text.len(), text.len(), &mut out)
            .unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn the_stored_lengths_give_back_the_same_code() {
        let mut code = code_for("床前明月光，疑是地上霜。举头望明月，低头思故乡。");
        let mut again = Code::from_lengths(&code.lengths()).unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        code.encode("明月光", &mut a);
        again.encode("明月光", &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn incomplete_or_unordered_codes_and_false_characters_are_refused() {
        assert_eq!(
            Code::from_lengths(&[(1, 1), (2, 2)]).unwrap_err(),
            BadCode::Lengths
        );
        assert_eq!(
            Code::from_lengths(&[(1, 1), (2, 1), (3, 1)]).unwrap_err(),
            BadCode::Lengths
        );
        assert_eq!(
            Code::from_lengths(&[(2, 1), (1, 1)]).unwrap_err(),
            BadCode::Symbols
        );
        assert_eq!(
            Code::from_lengths(&[(0xD800, 1), (ESCAPE, 1)]).unwrap_err(),
            BadCode::Symbols
        );
        assert_eq!(
            Code::from_lengths(&[(1, 0), (2, 1)]).unwrap_err(),
            BadCode::Lengths
        );
        assert!(Code::from_lengths(&[(1, 1), (ESCAPE, 1)]).is_ok());
    }

    #[test]
    fn cut_or_forged_bits_give_none_and_never_panic() {
        let mut code = code_for("一二三四五六七八九十");
        let text = "一二三四五六七八九十😀";
        let mut bytes = Vec::new();
        code.encode(text, &mut bytes);
        for cut in 0..bytes.len() {
            let mut out = String::new();
            assert!(
                code.decode(&bytes[..cut], text.len(), usize::MAX, &mut out)
                    .is_none(),
                "{cut}"
            );
        }
        // Every byte flipped in turn: a wrong text or None, never a panic nor a longer text.
        for i in 0..bytes.len() {
            let mut forged = bytes.clone();
            forged[i] ^= 0xA5;
            let mut out = String::new();
            if code
                .decode(&forged, text.len(), usize::MAX, &mut out)
                .is_some()
            {
                assert_eq!(out.len(), text.len());
            }
        }
        // An escape naming a surrogate.
        let esc = code.lengths().into_iter().find(|p| p.0 == ESCAPE).unwrap();
        let c = code.encoder.as_ref().unwrap()[&ESCAPE] >> 5;
        let mut w = Vec::new();
        let mut bw = BitWriter {
            out: &mut w,
            acc: 0,
            bits: 0,
        };
        bw.put(c, u32::from(esc.1));
        bw.put(0xD800, ESCAPE_BITS);
        bw.finish();
        assert!(code.decode(&w, 3, 3, &mut String::new()).is_none());
    }
}
