//! The index: every occurrence of any folded substring, without scanning the corpus per query.
//!
//! # Structure
//!
//! Positions are byte offsets into the concatenation of all folded documents — a *virtual*
//! one: the index keeps only where each document starts, never the text (issue 15: the folded
//! copy was as large as the text itself). For every character position we record the
//! *character pair* that starts there — the character and its successor, or the character and
//! an end-of-document marker for the last one — and keep the positions grouped by pair, pairs
//! sorted, compressed ([`Postings`]):
//!
//! - a **two-level pair table**: the distinct first characters (`firsts`), and for each the
//!   run of its pairs cut into groups of up to [`GROUP`] pairs; per group only the second
//!   character of its first pair and where its bytes start are kept (8 bytes per group, half
//!   a byte per pair), not a key and an offset per pair (12 bytes per pair before);
//! - the **postings**, one byte string: per pair one self-describing block, blocks in pair
//!   order, a group's blocks contiguous — the gap from the previous pair's second character
//!   in the group (0 for the first), the number of positions, the byte length of the
//!   positions when there is more than one, then the positions (byte offsets into the
//!   concatenated text) as gaps from the previous one, the first from 0. Every number is an
//!   unsigned LEB128 varint (7 bits a byte, low first).
//!
//! A query decodes only the blocks it needs: a binary search finds the first character and
//! then the group, a scan of at most [`GROUP`] block headers (each skipped by its length)
//! finds the pair. The snapshot stores these bytes as they are, so opening one decodes
//! nothing; a pair's positions are one contiguous block that says its own size, which is
//! what an index fetched in pieces needs.
//!
//! Why not a skip table inside a block: a query reads all positions of every pair it looks
//! up (two characters: the answer; longer: the rarest pair's as candidates, then each other
//! pair's once, merged with the candidates left), so there is little to skip to; a skip table
//! would pay where a frequent pair meets very few candidates.
//!
//! # Queries
//!
//! - one character `c`: every pair starting with `c` is one contiguous run of groups, so its
//!   positions are decoded from one contiguous byte range (sorted once before returning);
//! - two characters: exactly one pair's positions;
//! - longer: `c1 c2 … cn` is at `p` exactly when pair `(c1, c2)` is at `p`, `(c2, c3)` at
//!   `p + len(c1)`, and so on (a document's last character pairs with its end, so the chain
//!   never crosses documents): the rarest pair's positions (the counts are in the block
//!   headers) are the candidates, kept where every other pair is at its offset;
//! - a query that begins (ends) with an ASCII letter or digit drops the hits with one right
//!   before (after) it: the pairs `(x, c1)` at `p - 1` (`(cn, y)` after the last character)
//!   say so, no text needed ([`Index::find_on_latin_boundaries`]).
//!
//! Building reads the folded texts: the documents pushed since the last build wait in the
//! index (one string each) and are dropped by the build; a build after further pushes asks the
//! caller for the earlier documents' texts again (the store folds them anew).
//!
//! Why pairs and not a suffix array: building is two linear passes (a suffix array over the
//! integer alphabet of Chinese costs several times more), documents can be appended without
//! re-sorting anything already there, and the most frequent queries (two-character words) are
//! answered by a lookup with no verification.
//!
//! ```
//! use corpus_explorer::index::Index;
//! let mut index = Index::default();
//! index.push("京东快手京东");
//! index.push("京东");
//! index.build(|_, _| {}); // every text is still held: nothing to fold again
//! let hits: Vec<(u32, usize)> = index.find("京东").iter().map(|o| (o.doc, o.start)).collect();
//! assert_eq!(hits, [(0, 0), (0, 12), (1, 0)]);
//! ```

use std::borrow::Cow;

/// Marks the end of a document in a pair; no `char` has this value.
const END: u32 = 0x11_0000;

/// Pairs per group of the pair table. A lookup scans at most this many block headers after
/// its binary search; the table costs 8 bytes per group. 16 keeps the scan to a few dozen
/// bytes and the table to half a byte per pair (at 10 MB of poetry, 1.05 million distinct
/// pairs for 3.4 million characters: the table per pair mattered more than the positions).
pub const GROUP: usize = 16;

/// One occurrence of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    /// The document, numbered in the order they were pushed.
    pub doc: u32,
    /// Byte offset of the match in that document's folded text.
    pub start: usize,
}

/// The compressed pair postings of a text: the two-level pair table and the blocks (see the
/// module doc). What a snapshot stores as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    /// The distinct first characters, ascending.
    pub firsts: Vec<u32>,
    /// Per first character, the index of its first group in `group_second`; plus the end.
    pub first_groups: Vec<u32>,
    /// Per group, the second character of its first pair (`END` for a document's end).
    pub group_second: Vec<u32>,
    /// Per group, where its blocks start in `bytes`; plus the end.
    pub group_at: Vec<u32>,
    /// The blocks, one per pair, in pair order.
    pub bytes: Vec<u8>,
}

impl Postings {
    /// Heap bytes held: (blocks, pair table).
    fn heap_bytes(&self) -> (usize, usize) {
        (
            self.bytes.capacity(),
            (self.firsts.capacity()
                + self.first_groups.capacity()
                + self.group_second.capacity()
                + self.group_at.capacity())
                * 4,
        )
    }

    /// The groups of first character `c`.
    fn groups_of(&self, c: u32) -> std::ops::Range<usize> {
        match self.firsts.binary_search(&c) {
            Ok(f) => self.first_groups[f] as usize..self.first_groups[f + 1] as usize,
            Err(_) => 0..0,
        }
    }

    /// The blocks of groups `from..to`, as (second character, position count, positions).
    fn blocks(&self, groups: std::ops::Range<usize>) -> Blocks<'_> {
        let (from, to) = if groups.is_empty() {
            (0, 0)
        } else {
            (
                self.group_at[groups.start] as usize,
                self.group_at[groups.end] as usize,
            )
        };
        Blocks {
            postings: self,
            bytes: self.bytes.get(from..to).unwrap_or(&[]),
            at: 0,
            group: groups.start,
            group_end: from,
            next_group_at: from,
            base: from,
            second: 0,
        }
    }

    /// The block of pair `(first, second)`: its position count and positions, if it occurs.
    fn block(&self, first: u32, second: u32) -> Option<(u32, &[u8])> {
        let groups = self.groups_of(first);
        // The last group whose first pair is not after `second`.
        let g = groups.start
            + self.group_second[groups.clone()].partition_point(|&s| s <= second);
        if g == groups.start {
            return None;
        }
        self.blocks(g - 1..g)
            .take_while(|b| b.0 <= second)
            .find(|b| b.0 == second)
            .map(|(_, count, payload)| (count, payload))
    }
}

/// Iterates blocks over a run of groups (each group's first block takes its second
/// character from the table). Stops at the end, or at bytes that do not decode (which a
/// built or checked index never has).
struct Blocks<'a> {
    postings: &'a Postings,
    bytes: &'a [u8],
    at: usize,
    group: usize,
    /// Absolute byte offset where the current group ends (before the first block: `base`).
    group_end: usize,
    next_group_at: usize,
    /// Absolute offset of `bytes[0]`.
    base: usize,
    second: u32,
}

impl<'a> Iterator for Blocks<'a> {
    type Item = (u32, u32, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.bytes.len() {
            return None;
        }
        if self.base + self.at >= self.group_end {
            // A new group: its first pair's second character comes from the table.
            self.second = *self.postings.group_second.get(self.group)?;
            self.next_group_at = *self.postings.group_at.get(self.group + 1)? as usize;
            self.group_end = self.next_group_at;
            self.group += 1;
        }
        let gap = get_var(self.bytes, &mut self.at)?;
        self.second = self.second.checked_add(gap)?;
        let count = get_var(self.bytes, &mut self.at)?;
        let len = if count > 1 {
            get_var(self.bytes, &mut self.at)? as usize
        } else {
            let mut end = self.at;
            get_var(self.bytes, &mut end)?;
            end - self.at
        };
        let payload = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some((self.second, count, payload))
    }
}

/// Appends `v` as an unsigned LEB128 varint.
fn put_var(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`; `None` past the end of `bytes` or beyond 32 bits.
#[inline]
fn get_var(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        if shift == 28 && b > 0x0f {
            return None;
        }
        v |= ((b & 0x7f) as u32) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

/// Appends the `count` positions encoded in `payload` to `out` (stops early on bytes that do
/// not decode, which a built or checked index never has).
fn decode_into(payload: &[u8], count: u32, out: &mut Vec<u32>) {
    let mut at = 0;
    let mut p = 0u32;
    for _ in 0..count {
        let Some(gap) = get_var(payload, &mut at) else {
            return;
        };
        p = p.wrapping_add(gap);
        out.push(p);
    }
}

/// The character-pair index over a sequence of folded documents.
///
/// It keeps no text once built: positions are byte offsets into the *virtual* concatenation
/// of the folded documents (only where each document starts is kept), and every query is
/// answered from the pairs alone (see [`Index::find`]). Building reads the texts: those
/// pushed since the last build are held until then, the earlier ones are asked for again
/// (folded anew by the caller, [`Index::build`]).
#[derive(Debug, Default)]
pub struct Index {
    /// The folded texts of documents `pending_from..`, one string each: what the next build
    /// reads; emptied by it.
    pending: Vec<Box<str>>,
    /// The first document whose text is in `pending`.
    pending_from: usize,
    /// Start of each document in the virtual concatenation, plus the end of the last one.
    bounds: Vec<u32>,
    postings: Postings,
    /// Whether the postings describe every document pushed.
    built: bool,
}

/// The parts of an index, as [`Index::parts`] hands them to a snapshot.
#[derive(Debug)]
pub struct Parts<'a> {
    /// Start of each document in the virtual concatenation of the folded texts, plus the end
    /// of the last one (empty for no document).
    pub bounds: &'a [u32],
    /// The compressed postings of the folded texts.
    pub postings: Cow<'a, Postings>,
}

/// Where the characters of the folded texts start, one bit per byte of their virtual
/// concatenation (plus one for its end), and how many there are: what [`Index::from_parts`]
/// checks saved postings against, built one document at a time so that no folded text need
/// be kept ([`Boundaries::push`]).
#[derive(Debug, Default)]
pub struct Boundaries {
    bits: Vec<u64>,
    len: usize,
    chars: usize,
    bounds: Vec<u32>,
}

impl Boundaries {
    /// Room for `docs` documents of `bytes` folded bytes in all.
    pub fn with_capacity(docs: usize, bytes: usize) -> Boundaries {
        let mut bounds = Vec::with_capacity(docs + 1);
        bounds.push(0);
        Boundaries {
            bits: Vec::with_capacity(bytes / 64 + 1),
            len: 0,
            chars: 0,
            bounds,
        }
    }

    fn set(&mut self, at: usize) {
        let word = at / 64;
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        self.bits[word] |= 1 << (at % 64);
    }

    fn get(&self, at: usize) -> bool {
        self.bits.get(at / 64).is_some_and(|w| w >> (at % 64) & 1 == 1)
    }

    /// Appends the next folded document.
    pub fn push(&mut self, folded: &str) {
        if self.bounds.is_empty() {
            self.bounds.push(0);
        }
        for (at, _) in folded.char_indices() {
            self.set(self.len + at);
            self.chars += 1;
        }
        self.len += folded.len();
        self.set(self.len);
        self.bounds.push(self.len as u32);
    }
}

/// Writes one bucket's pairs (all with first character `first`, entries `second << 32 |
/// position` sorted) into `out` as blocks, groups of [`GROUP`] pairs.
fn encode_bucket(first: u32, sorted: &[u64], out: &mut Postings) {
    out.firsts.push(first);
    out.first_groups.push(out.group_second.len() as u32);
    let mut pairs_in_group = GROUP;
    let mut previous_second = 0u32;
    let mut payload: Vec<u8> = Vec::new();
    let mut k = 0;
    while k < sorted.len() {
        let second = (sorted[k] >> 32) as u32;
        let run = sorted[k..].partition_point(|&e| (e >> 32) as u32 == second);
        if pairs_in_group == GROUP {
            pairs_in_group = 0;
            out.group_second.push(second);
            out.group_at.push(out.bytes.len() as u32);
            previous_second = second;
        }
        pairs_in_group += 1;
        put_var(&mut out.bytes, second - previous_second);
        previous_second = second;
        put_var(&mut out.bytes, run as u32);
        payload.clear();
        let mut previous = 0u32;
        for &e in &sorted[k..k + run] {
            put_var(&mut payload, e as u32 - previous);
            previous = e as u32;
        }
        if run > 1 {
            put_var(&mut out.bytes, payload.len() as u32);
        }
        out.bytes.extend_from_slice(&payload);
        k += run;
    }
}

/// The compressed postings of the folded documents `docs`: a bucket sort by the first
/// character (counts per character code, then passes that drop each position, with the
/// character after it or the document's end, into its bucket), then each bucket sorted by the
/// second character and encoded.
///
/// The positions are bucketed a slice of character codes at a time, each slice holding at
/// most an eighth of the characters (or half a million), so the scratch (eight bytes a
/// position: the next character and the position) is about one byte per character of text:
/// wasm memory never shrinks, so what building needs at its peak is what the tab keeps (with
/// a quarter, the 50 MB benchmark's wasm memory after build was 308.5 MiB against 298.6 with
/// four-byte positions). Each slice costs one more pass over the text. The
/// documents are separate strings, so that the texts waiting for a build are never one
/// string grown by doubling (old and new buffer held at once).
fn postings<S: AsRef<str>>(docs: &[S]) -> Postings {
    let total: usize = docs.iter().map(|d| d.as_ref().chars().count()).sum();
    postings_in_slices(docs, (total / 8).max(1 << 19))
}

/// [`postings`] with at most `slice_max` positions bucketed at a time (tests give a small one
/// to cut even a short text into many slices).
fn postings_in_slices<S: AsRef<str>>(docs: &[S], slice_max: usize) -> Postings {
    // Counts by first character.
    let mut counts: Vec<u32> = Vec::new();
    let mut total = 0usize;
    for d in docs {
        for c in d.as_ref().chars() {
            let c = c as usize;
            if c >= counts.len() {
                counts.resize(c + 1, 0);
            }
            counts[c] += 1;
            total += 1;
        }
    }
    let mut out = Postings::default();
    // The blocks in one allocation of about their final size: growing by doubling would hold
    // the old and the new buffer at once (1.5 times the postings, then twice while shrinking),
    // and wasm memory keeps its high-water mark. Four bytes a character is what positions as
    // `u32` took; at 10 MB of poetry the blocks take 3.5 (shrunk in place at the end).
    out.bytes.reserve_exact(total * 4);
    // `second << 32 | position` per character of the slice, bucket after bucket.
    let mut entries: Vec<u64> = Vec::new();
    let mut lo = 0usize;
    while lo < counts.len() {
        // Character codes lo..hi, at most `slice_max` positions (or one code above it).
        let mut hi = lo;
        let mut in_slice = 0usize;
        while hi < counts.len() && (in_slice == 0 || in_slice + counts[hi] as usize <= slice_max) {
            in_slice += counts[hi] as usize;
            hi += 1;
        }
        if in_slice > 0 {
            let mut starts: Vec<u32> = Vec::with_capacity(hi - lo + 1);
            let mut sum = 0u32;
            for &n in &counts[lo..hi] {
                starts.push(sum);
                sum += n;
            }
            starts.push(sum);
            entries.clear();
            entries.resize(in_slice, 0);
            let mut cursor = starts.clone();
            let mut base = 0u64;
            for d in docs {
                let text = d.as_ref();
                let mut chars = text.char_indices().peekable();
                while let Some((at, c)) = chars.next() {
                    let c = c as usize;
                    if (lo..hi).contains(&c) {
                        let second = chars.peek().map_or(END, |&(_, n)| n as u32);
                        let slot = &mut cursor[c - lo];
                        entries[*slot as usize] = (second as u64) << 32 | (base + at as u64);
                        *slot += 1;
                    }
                }
                base += text.len() as u64;
            }
            drop(cursor);
            for (i, w) in starts.windows(2).enumerate() {
                let (from, to) = (w[0] as usize, w[1] as usize);
                if from == to {
                    continue;
                }
                // Positions are unique, so unstable sorting keeps them ascending in a pair.
                let bucket = &mut entries[from..to];
                bucket.sort_unstable();
                encode_bucket((lo + i) as u32, bucket, &mut out);
            }
        }
        lo = hi;
    }
    drop(entries);
    out.first_groups.push(out.group_second.len() as u32);
    out.group_at.push(out.bytes.len() as u32);
    out.bytes.shrink_to_fit();
    out.firsts.shrink_to_fit();
    out.first_groups.shrink_to_fit();
    out.group_second.shrink_to_fit();
    out.group_at.shrink_to_fit();
    out
}

impl Index {
    /// Appends a folded document; it becomes searchable after the next [`Index::build`].
    pub fn push(&mut self, folded: &str) {
        if self.bounds.is_empty() {
            self.bounds.push(0);
        }
        if self.built {
            self.pending_from = self.len();
        }
        self.pending.push(folded.into());
        let end = self.bounds.last().copied().unwrap_or(0) as usize + folded.len();
        self.bounds.push(end as u32);
        self.built = false;
    }

    /// Number of documents pushed.
    pub fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// True when no document was pushed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Heap bytes held: (folded text waiting for the next build and document bounds,
    /// postings blocks, pair table).
    pub fn heap_bytes(&self) -> (usize, usize, usize) {
        let (blocks, table) = self.postings.heap_bytes();
        (
            self.pending.iter().map(|t| t.len()).sum::<usize>()
                + self.pending.capacity() * std::mem::size_of::<Box<str>>()
                + self.bounds.capacity() * 4,
            blocks,
            table,
        )
    }

    /// Total bytes of folded text.
    pub fn text_len(&self) -> usize {
        self.bounds.last().copied().unwrap_or(0) as usize
    }

    /// Byte length of document `doc`'s folded text.
    pub fn doc_len(&self, doc: u32) -> usize {
        let d = doc as usize;
        (self.bounds[d + 1] - self.bounds[d]) as usize
    }

    /// The folded text of document `doc` while the index still holds it (pushed since the
    /// last build), so that a caller need not fold it again.
    pub fn pending_text(&self, doc: u32) -> Option<&str> {
        let d = doc as usize;
        if self.built || d < self.pending_from || d >= self.len() {
            return None;
        }
        self.pending.get(d - self.pending_from).map(|t| &**t)
    }

    /// The folded texts of every document: the earlier ones from `refold` (which appends
    /// document `doc`'s folded text to the string it is given), then those pushed since.
    fn whole_text(&self, refold: &mut dyn FnMut(u32, &mut String)) -> Vec<Cow<'_, str>> {
        let mut texts: Vec<Cow<'_, str>> = Vec::with_capacity(self.len());
        for d in 0..self.pending_from as u32 {
            let mut text = String::with_capacity(self.doc_len(d));
            refold(d, &mut text);
            debug_assert_eq!(text.len(), self.doc_len(d), "a refolded text changed length");
            texts.push(Cow::Owned(text));
        }
        texts.extend(self.pending.iter().map(|t| Cow::Borrowed(&**t)));
        texts
    }

    /// (Re)builds the postings if documents were pushed since the last build.
    ///
    /// A bucket sort by the first character (counts per character code, then passes that
    /// drop each position into its bucket, ascending), then each bucket sorted by the second
    /// character and encoded. No hashing: at 10 MB this is several times faster than counting
    /// pairs in a hash map; the scratch is the count per character code (under 1 MB for
    /// Chinese text) and eight bytes for each position of one slice of character codes.
    ///
    /// The index keeps no text: when documents were pushed after an earlier build, the texts
    /// of the documents before them are asked of `refold` (document id, the string to append
    /// its folded text to), and the whole is indexed again. The texts are dropped afterwards.
    pub fn build(&mut self, mut refold: impl FnMut(u32, &mut String)) {
        if self.built {
            return;
        }
        // The old postings go first, so the new ones can take their place.
        self.postings = Postings::default();
        self.bounds.shrink_to_fit();
        let texts = self.whole_text(&mut refold);
        let postings = postings(&texts);
        drop(texts);
        self.postings = postings;
        self.pending = Vec::new();
        self.pending_from = self.len();
        self.built = true;
    }

    /// The parts a snapshot stores: the postings borrowed when the index is built, computed
    /// (without changing the index; earlier texts through `refold`, as in [`Index::build`])
    /// when documents were pushed since.
    pub fn parts(&self, mut refold: impl FnMut(u32, &mut String)) -> Parts<'_> {
        Parts {
            bounds: &self.bounds,
            postings: if self.built || self.is_empty() {
                Cow::Borrowed(&self.postings)
            } else {
                Cow::Owned(postings(&self.whole_text(&mut refold)))
            },
        }
    }

    /// A built index from the character boundaries of the folded documents (their texts are
    /// not needed) and postings read back from a snapshot, checked so that no query can read
    /// past them or cut a character: they must have the shape of these texts' postings, every
    /// position must start a character, and the character after it (and the one after that,
    /// for a pair) must end on a boundary — one linear pass over the blocks with a bit look-up
    /// or three per position, no sorting, no look-up of characters. Which pair a position is
    /// filed under is not checked: a forged snapshot can give wrong hits, never a read out of
    /// bounds or a cut through a character. The error says which rule the postings break.
    pub fn from_parts(boundaries: Boundaries, postings: Postings) -> Result<Index, String> {
        check(&boundaries, &postings)?;
        let mut bounds = boundaries.bounds;
        bounds.shrink_to_fit();
        let docs = bounds.len().saturating_sub(1);
        Ok(Index {
            pending: Vec::new(),
            pending_from: docs,
            bounds,
            postings,
            built: true,
        })
    }

    /// Positions of the pair `(first, second)`, ascending.
    fn pair(&self, first: char, second: char) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some((count, payload)) = self.postings.block(first as u32, second as u32) {
            out.reserve(count as usize);
            decode_into(payload, count, &mut out);
        }
        out
    }

    /// Positions of the character `c`, in no particular order.
    fn single(&self, c: char) -> Vec<u32> {
        let mut out = Vec::new();
        for (_, count, payload) in self.postings.blocks(self.postings.groups_of(c as u32)) {
            decode_into(payload, count, &mut out);
        }
        out
    }

    /// Every occurrence of the folded string `query`, overlapping ones included, ordered by
    /// document and position. Call [`Index::build`] first; an unbuilt index finds nothing new.
    ///
    /// Answered from the pairs alone, no text read: one character is the union of its pairs;
    /// two characters are one pair; a longer query `c1 c2 … cn` starts at `p` exactly when
    /// pair `(c1, c2)` is at `p`, `(c2, c3)` at `p + len(c1)`, and so on — each pair inside one
    /// document, since a document's last character pairs with its end. The rarest pair's
    /// positions (the counts are in the block headers) are the candidates; each other pair, in
    /// order of its count, is decoded once and merged with the candidates left.
    pub fn find(&self, query: &str) -> Vec<Occurrence> {
        debug_assert!(
            self.built || self.is_empty(),
            "Index::find before Index::build"
        );
        self.to_occurrences(self.starts(query), query.len())
    }

    /// [`Index::find`], less the hits where `query` begins (ends) with an ASCII letter or
    /// digit and one stands right before (after) it: "618" is not found inside "26180", nor
    /// "jd" inside "jdx". Told from the pairs too: an alphanumeric `x` before the hit at `p` is
    /// pair `(x, c1)` at `p - 1` (folded text has no upper case, but both cases are asked).
    pub fn find_on_latin_boundaries(&self, query: &str) -> Vec<Occurrence> {
        let mut starts = self.starts(query);
        let (Some(first), Some(last)) = (query.chars().next(), query.chars().next_back()) else {
            return Vec::new();
        };
        if first.is_ascii_alphanumeric() && !starts.is_empty() {
            let before = self.pairs_at(alnums().map(|x| (x, first)));
            starts.retain(|&p| p == 0 || before.binary_search(&(p - 1)).is_err());
        }
        if last.is_ascii_alphanumeric() && !starts.is_empty() {
            let at_last = (query.len() - last.len_utf8()) as u32;
            let after = self.pairs_at(alnums().map(|y| (last, y)));
            starts.retain(|&p| after.binary_search(&(p + at_last)).is_err());
        }
        self.to_occurrences(starts, query.len())
    }

    /// The positions of all the given pairs, sorted.
    fn pairs_at(&self, pairs: impl Iterator<Item = (char, char)>) -> Vec<u32> {
        let mut out = Vec::new();
        for (a, b) in pairs {
            if let Some((count, payload)) = self.postings.block(a as u32, b as u32) {
                decode_into(payload, count, &mut out);
            }
        }
        out.sort_unstable();
        out
    }

    /// Global start positions of `query`, ascending.
    fn starts(&self, query: &str) -> Vec<u32> {
        let chars: Vec<(usize, char)> = query.char_indices().collect();
        match chars.as_slice() {
            [] => Vec::new(),
            [(_, c)] => {
                let mut all = self.single(*c);
                all.sort_unstable();
                all
            }
            [(_, a), (_, b)] => self.pair(*a, *b),
            _ => {
                // Every pair with its offset in the query; a pair that does not occur means
                // no match.
                let mut pairs: Vec<(u32, u32, &[u8])> = Vec::with_capacity(chars.len() - 1);
                for w in chars.windows(2) {
                    let Some((count, payload)) =
                        self.postings.block(w[0].1 as u32, w[1].1 as u32)
                    else {
                        return Vec::new();
                    };
                    pairs.push((w[0].0 as u32, count, payload));
                }
                pairs.sort_by_key(|&(_, count, _)| count);
                let (offset, count, payload) = pairs[0];
                let mut starts = Vec::with_capacity(count as usize);
                decode_into(payload, count, &mut starts);
                starts.retain_mut(|p| match p.checked_sub(offset) {
                    Some(s) => {
                        *p = s;
                        true
                    }
                    None => false,
                });
                for &(offset, count, payload) in &pairs[1..] {
                    if starts.is_empty() {
                        break;
                    }
                    keep_followed(&mut starts, offset, payload, count);
                }
                starts
            }
        }
    }

    /// Occurrences from ascending global starts, each inside one document (always so for a
    /// built index; postings read from a forged snapshot could say otherwise).
    fn to_occurrences(&self, starts: Vec<u32>, len: usize) -> Vec<Occurrence> {
        // Positions ascend, so the document only moves forward: look ahead from the last one.
        let mut doc = 0;
        starts
            .into_iter()
            .filter_map(|p| {
                if *self.bounds.get(doc + 1)? <= p {
                    doc += self.bounds.get(doc + 1..)?.partition_point(|&b| b <= p);
                }
                let end = self.bounds.get(doc + 1).copied()?;
                (p as usize + len <= end as usize).then(|| Occurrence {
                    doc: doc as u32,
                    start: (p - self.bounds[doc]) as usize,
                })
            })
            .collect()
    }
}

/// ASCII letters and digits.
fn alnums() -> impl Iterator<Item = char> {
    ('0'..='9').chain('A'..='Z').chain('a'..='z')
}

/// Keeps the starts `s` (ascending) for which the pair whose `count` positions `payload`
/// encodes is at `s + offset`: one merge of the two ascending lists, no allocation.
fn keep_followed(starts: &mut Vec<u32>, offset: u32, payload: &[u8], count: u32) {
    let mut at = 0;
    let mut p = 0u32;
    let mut left = count;
    let mut next = || -> Option<u32> {
        if left == 0 {
            return None;
        }
        left -= 1;
        p = p.wrapping_add(get_var(payload, &mut at)?);
        Some(p)
    };
    let mut current = next();
    starts.retain(|&s| {
        let want = s.saturating_add(offset);
        while let Some(c) = current {
            if c >= want {
                break;
            }
            current = next();
        }
        current == Some(want)
    });
}

/// Checks that `postings` have the shape [`Index::build`] gives them over the texts whose
/// character boundaries are `b`: tables of matching lengths in order, every block decodable
/// inside its group, pairs ascending, positions ascending within a pair, as many positions as
/// characters, each at the start of a character whose end (with the first character's width)
/// is a boundary, and for a pair of two characters the second's end too. One pass over the
/// blocks with at most three bit look-ups per position; the characters themselves are not
/// compared (see [`Index::from_parts`]).
fn check(b: &Boundaries, p: &Postings) -> Result<(), String> {
    let f = p.firsts.len();
    let g = p.group_second.len();
    if p.first_groups.len() != f + 1
        || p.group_at.len() != g + 1
        || p.first_groups.first() != Some(&0)
        || p.first_groups.last().map(|&n| n as usize) != Some(g)
        || p.group_at.first() != Some(&0)
        || p.group_at.last().map(|&n| n as usize) != Some(p.bytes.len())
    {
        return Err("the pair table and the postings do not agree".into());
    }
    if p.firsts.windows(2).any(|w| w[0] >= w[1])
        || p.first_groups.windows(2).any(|w| w[0] >= w[1])
        || p.group_at.windows(2).any(|w| w[0] >= w[1])
    {
        return Err("the pairs are not in order".into());
    }
    let not_a_character = || "a position is not a character of the text".to_string();
    let width = |c: u32| char::from_u32(c).map(|c| c.len_utf8());
    let mut total = 0usize;
    for fi in 0..p.firsts.len() {
        let groups = p.first_groups[fi] as usize..p.first_groups[fi + 1] as usize;
        let w1 = width(p.firsts[fi]).ok_or_else(not_a_character)?;
        let mut previous_second: Option<u32> = None;
        for gi in groups {
            let bytes = &p.bytes[p.group_at[gi] as usize..p.group_at[gi + 1] as usize];
            let mut at = 0;
            let mut second = p.group_second[gi];
            let mut pairs = 0;
            while at < bytes.len() {
                let damaged = || "a block of positions does not decode".to_string();
                let gap = get_var(bytes, &mut at).ok_or_else(damaged)?;
                if (pairs == 0) != (gap == 0) {
                    return Err("the pairs are not in order".into());
                }
                second = second.checked_add(gap).ok_or_else(damaged)?;
                if previous_second.is_some_and(|s| s >= second) || second > END {
                    return Err("the pairs are not in order".into());
                }
                previous_second = Some(second);
                pairs += 1;
                let w2 = if second == END {
                    0
                } else {
                    width(second).ok_or_else(not_a_character)?
                };
                let count = get_var(bytes, &mut at).ok_or_else(damaged)?;
                if count == 0 {
                    return Err("a pair has no positions".into());
                }
                let payload = if count > 1 {
                    let len = get_var(bytes, &mut at).ok_or_else(damaged)? as usize;
                    let end = at.checked_add(len).ok_or_else(damaged)?;
                    let payload = bytes.get(at..end).ok_or_else(damaged)?;
                    at += len;
                    payload
                } else {
                    let from = at;
                    get_var(bytes, &mut at).ok_or_else(damaged)?;
                    &bytes[from..at]
                };
                // Every position decoded (no `Option` combinators: this loop runs once per
                // character of the corpus), ascending, each starting a character whose end,
                // and its successor's, are boundaries.
                let mut pat = 0;
                let mut pos = 0u32;
                for i in 0..count {
                    let Some(gap) = get_var(payload, &mut pat) else {
                        return Err(damaged());
                    };
                    if i > 0 && gap == 0 {
                        return Err("positions are not in order".into());
                    }
                    let Some(next) = pos.checked_add(gap) else {
                        return Err(damaged());
                    };
                    pos = next;
                    let at = pos as usize;
                    if at >= b.len || !b.get(at) || !b.get(at + w1) || !b.get(at + w1 + w2) {
                        return Err(not_a_character());
                    }
                }
                if pat != payload.len() {
                    return Err(damaged());
                }
                total += count as usize;
            }
            if pairs == 0 || pairs > GROUP {
                return Err("a group of the pair table is empty or too long".into());
            }
        }
    }
    if total != b.chars {
        return Err("there is not one position per character".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn index_of(docs: &[&str]) -> Index {
        let mut index = Index::default();
        for d in docs {
            index.push(d);
        }
        index.build(|_, _| unreachable!("nothing was built before"));
        index
    }

    fn boundaries(docs: &[&str]) -> Boundaries {
        let mut b = Boundaries::default();
        for d in docs {
            b.push(d);
        }
        b
    }

    /// The reference: every char boundary of every document where `query` starts.
    fn naive(docs: &[String], query: &str) -> Vec<Occurrence> {
        if query.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (d, text) in docs.iter().enumerate() {
            for (start, _) in text.char_indices() {
                if text[start..].starts_with(query) {
                    out.push(Occurrence {
                        doc: d as u32,
                        start,
                    });
                }
            }
        }
        out
    }

    #[test]
    fn finds_single_characters_including_the_last_of_a_document() {
        let index = index_of(&["快手东", "东"]);
        let hits = index.find("东");
        assert_eq!(
            hits,
            [
                Occurrence { doc: 0, start: 6 },
                Occurrence { doc: 1, start: 0 }
            ]
        );
    }

    #[test]
    fn never_matches_across_documents() {
        let index = index_of(&["京东快", "手京东"]);
        assert!(index.find("快手").is_empty());
        assert!(index.find("东快手").is_empty());
    }

    #[test]
    fn counts_overlapping_occurrences() {
        let index = index_of(&["哈哈哈哈"]);
        assert_eq!(index.find("哈哈哈").len(), 2);
    }

    #[test]
    fn finds_nothing_for_absent_or_empty_queries() {
        let index = index_of(&["京东"]);
        assert!(index.find("").is_empty());
        assert!(index.find("淘宝").is_empty());
        assert!(index.find("京东京").is_empty());
    }

    #[test]
    fn rebuilds_after_a_document_is_pushed() {
        let mut index = index_of(&["京东"]);
        index.push("京东快手");
        index.build(|doc, out| {
            assert_eq!(doc, 0);
            out.push_str("京东");
        });
        assert_eq!(index.find("京东").len(), 2);
        assert_eq!(index.find("东快手"), [Occurrence { doc: 1, start: 3 }]);
    }

    #[test]
    fn an_empty_index_finds_nothing() {
        let mut index = Index::default();
        index.build(|_, _| {});
        assert!(index.find("京").is_empty());
    }

    #[test]
    fn a_character_followed_by_many_others_finds_each_pair_across_groups() {
        // 'a' before 100 distinct characters: seven groups of pairs to search and to skip.
        let doc: String = (0..100u32)
            .flat_map(|i| ['a', char::from_u32(0x4E00 + i * 7).unwrap(), 'a', 'b'])
            .collect();
        let index = index_of(&[&doc]);
        assert!(index.postings.group_second.len() > 7);
        let docs = [doc.clone()];
        for i in 0..100u32 {
            let c = char::from_u32(0x4E00 + i * 7).unwrap();
            for q in [format!("a{c}"), format!("a{c}a"), format!("{c}ab")] {
                assert_eq!(index.find(&q), naive(&docs, &q), "{q}");
            }
        }
        assert_eq!(index.find("a").len(), 200);
        assert_eq!(index.find("ab"), naive(&docs, "ab"));
        assert!(index.find("a\u{4E01}").is_empty());
    }

    #[test]
    fn postings_read_back_are_checked_so_that_no_hit_cuts_a_character_or_leaves_its_document() {
        let docs = ["京东快手京东电商ab", "京东"];
        let index = index_of(&docs);
        let good = index.parts(|_, _| unreachable!()).postings.into_owned();
        let back = Index::from_parts(boundaries(&docs), good.clone()).expect("sound");
        assert_eq!(back.find("京东快手"), index.find("京东快手"));
        let mut cut = good.clone();
        cut.bytes.pop();
        assert!(Index::from_parts(boundaries(&docs), cut).is_err());
        // Postings of other texts of the same length, with other character widths, are refused.
        assert!(Index::from_parts(boundaries(&["京东快手京东电商a", "京东b"]), good.clone()).is_err());
        // Damage that keeps the shape is accepted; its hits may be wrong, but each lies in its
        // document and starts and ends on characters.
        let sound = |texts: &[&str], postings: Postings| {
            let Ok(index) = Index::from_parts(boundaries(texts), postings) else {
                return;
            };
            for q in "京 东 京东 东京 快手 电商 京西 西 东快手 a ab b 电商a".split(' ') {
                for hit in index
                    .find(q)
                    .into_iter()
                    .chain(index.find_on_latin_boundaries(q))
                {
                    let text = texts[hit.doc as usize];
                    let end = hit.start + q.len();
                    assert!(end <= text.len(), "{q}: {hit:?}");
                    assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(end));
                }
            }
        };
        let mut other_pair = good.clone();
        other_pair.group_second[0] += 1;
        sound(&docs, other_pair);
        for at in 0..good.bytes.len() {
            for flip in [0x41, 0x01, 0x02, 0x03, 0x80] {
                let mut bad = good.clone();
                bad.bytes[at] ^= flip;
                sound(&docs, bad);
            }
        }
        sound(&["京东快手京东电商ab", "京西"], good);
    }

    #[test]
    fn latin_queries_stop_at_letters_and_digits_around_them() {
        let docs = ["26180 618 a618b 618", "jdx jd xjd", "618"];
        let index = index_of(&docs);
        let starts = |q: &str| -> Vec<(u32, usize)> {
            index
                .find_on_latin_boundaries(q)
                .iter()
                .map(|o| (o.doc, o.start))
                .collect()
        };
        assert_eq!(starts("618"), [(0, 6), (0, 16), (2, 0)]);
        assert_eq!(starts("jd"), [(1, 4)]);
        assert_eq!(starts("18"), []);
        assert_eq!(starts("618 "), [(0, 6)]);
        assert_eq!(index.find("618").len(), 5);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Slicing the character codes changes nothing in the postings; and on a wide
        /// alphabet (many pairs per first character, so several groups) the index still
        /// agrees with a linear scan.
        #[test]
        fn sliced_builds_and_wide_alphabets_agree(
            docs in prop::collection::vec("[a-z0-9京东快手电商。]{0,80}", 0..5),
            slice in 1usize..20,
            query in "[a-z京东]{1,3}",
        ) {
            let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
            let index = index_of(&refs);
            prop_assert_eq!(&postings_in_slices(&docs, slice), &index.postings);
            let back = Index::from_parts(boundaries(&refs), index.postings.clone());
            prop_assert!(back.is_ok());
            prop_assert_eq!(index.find(&query), naive(&docs, &query));
            for d in &docs {
                for (i, c) in d.char_indices() {
                    let q: String = d[i..].chars().take(2).collect();
                    prop_assert_eq!(index.find(&q), naive(&docs, &q), "{} at {}", c, i);
                }
            }
        }

        /// The index agrees with a linear scan on random corpora over a small alphabet (so
        /// that matches, overlaps and document edges are common) for queries cut from the
        /// corpus and for random strings.
        #[test]
        fn index_equals_naive_scan(
            docs in prop::collection::vec("[京东快手电商a1 。\u{20000}]{0,40}", 0..6),
            cut_doc in 0usize..6, cut_at in 0usize..40, cut_len in 1usize..6,
            random in "[京东快手电商a1 。\u{20000}]{1,4}",
        ) {
            let folded: Vec<String> = docs.iter().map(|d| crate::fold::fold(d).text).collect();
            let refs: Vec<&str> = folded.iter().map(String::as_str).collect();
            let index = index_of(&refs);
            let mut queries = vec![crate::fold::fold_query(&random)];
            if let Some(doc) = folded.get(cut_doc % folded.len().max(1)) {
                let chars: Vec<char> = doc.chars().collect();
                if !chars.is_empty() {
                    let a = cut_at % chars.len();
                    let b = (a + cut_len).min(chars.len());
                    queries.push(chars[a..b].iter().collect());
                }
            }
            // The same documents pushed in two batches, each built: the second build asks
            // for the first batch's texts again.
            let mut twice = Index::default();
            let split = cut_doc % (refs.len() + 1);
            for d in &refs[..split] {
                twice.push(d);
            }
            twice.build(|_, _| unreachable!());
            for d in &refs[split..] {
                twice.push(d);
            }
            twice.build(|doc, out| out.push_str(refs[doc as usize]));
            prop_assert_eq!(&twice.postings, &index.postings);
            for q in &queries {
                prop_assert_eq!(index.find(q), naive(&folded, q), "query {:?}", q);
                let bounded: Vec<Occurrence> = naive(&folded, q)
                    .into_iter()
                    .filter(|o| {
                        let text = &folded[o.doc as usize];
                        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                        let (first, last) = (q.chars().next(), q.chars().next_back());
                        (!alnum(first) || !alnum(text[..o.start].chars().next_back()))
                            && (!alnum(last) || !alnum(text[o.start + q.len()..].chars().next()))
                    })
                    .collect();
                prop_assert_eq!(index.find_on_latin_boundaries(q), bounded, "query {:?}", q);
            }
        }
    }
}
