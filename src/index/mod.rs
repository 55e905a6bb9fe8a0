//! The index: every occurrence of any folded substring, without scanning the corpus per query.
//!
//! # Structure
//!
//! All folded documents are concatenated into one string. For every character position we
//! record the *character pair* that starts there — the character and its successor, or the
//! character and an end-of-document marker for the last one — and store the positions grouped
//! by pair, pairs sorted, in three flat arrays (compressed sparse rows):
//!
//! - `keys`: the sorted distinct pairs, each packed as `first << 32 | second`;
//! - `offsets`: where each pair's positions start in `positions`;
//! - `positions`: byte offsets into the concatenated text, ascending within each pair.
//!
//! # Queries
//!
//! - one character `c`: every pair starting with `c` is one contiguous run of `keys`, so its
//!   positions are one contiguous slice (sorted once before returning);
//! - two characters: exactly one pair's positions;
//! - longer: take the query's rarest pair and verify each candidate against the text.
//!
//! Why pairs and not a suffix array: building is two linear passes (a suffix array over the
//! integer alphabet of Chinese costs several times more), documents can be appended without
//! re-sorting anything already there, and the most frequent queries (two-character words) are
//! answered by a lookup with no verification. Memory is one `u32` per character plus the
//! distinct pairs.
//!
//! ```
//! use corpus_explorer::index::Index;
//! let mut index = Index::default();
//! index.push("京东快手京东");
//! index.push("京东");
//! index.build();
//! let hits: Vec<(u32, usize)> = index.find("京东").iter().map(|o| (o.doc, o.start)).collect();
//! assert_eq!(hits, [(0, 0), (0, 12), (1, 0)]);
//! ```

use std::borrow::Cow;

/// Marks the end of a document in a pair; no `char` has this value.
const END: u32 = 0x11_0000;

/// One occurrence of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    /// The document, numbered in the order they were pushed.
    pub doc: u32,
    /// Byte offset of the match in that document's folded text.
    pub start: usize,
}

/// The character-pair index over a sequence of folded documents.
#[derive(Debug, Default)]
pub struct Index {
    text: String,
    /// Start of each document in `text`, plus the end of the last one.
    bounds: Vec<u32>,
    keys: Vec<u64>,
    offsets: Vec<u32>,
    positions: Vec<u32>,
    /// Whether the pair arrays describe all of `text`.
    built: bool,
}

fn key(first: char, second: u32) -> u64 {
    (first as u64) << 32 | second as u64
}

/// The pair arrays of an index, as [`Index::parts`] hands them to a snapshot.
#[derive(Debug)]
pub struct Parts<'a> {
    /// The folded documents, concatenated.
    pub text: &'a str,
    /// Start of each document in `text`, plus the end of the last one (empty for no document).
    pub bounds: &'a [u32],
    /// The sorted distinct pairs, each `first << 32 | second`.
    pub keys: Cow<'a, [u64]>,
    /// Where each pair's positions start, plus the end.
    pub offsets: Cow<'a, [u32]>,
    /// Byte offsets into `text`, grouped by pair, ascending within each.
    pub positions: Cow<'a, [u32]>,
}

/// The pair arrays (keys, offsets, positions) of `text` cut at `bounds`: a bucket sort by the
/// first character (counts per character code, then one pass that drops each position into
/// its bucket, ascending), then each bucket sorted by the second character.
fn postings(text: &str, bounds: &[u32]) -> (Vec<u64>, Vec<u32>, Vec<u32>) {
    // Bucket starts by first character.
    let mut starts: Vec<u32> = Vec::new();
    for c in text.chars() {
        let c = c as usize;
        if c >= starts.len() {
            starts.resize(c + 1, 0);
        }
        starts[c] += 1;
    }
    let mut total = 0u32;
    for slot in starts.iter_mut() {
        let count = *slot;
        *slot = total;
        total += count;
    }
    let mut positions = vec![0u32; total as usize];
    let mut cursor = starts.clone();
    for (at, c) in text.char_indices() {
        let slot = &mut cursor[c as usize];
        positions[*slot as usize] = at as u32;
        *slot += 1;
    }
    drop(cursor);
    // Where documents end, a bit per byte: the pair there is (last character, END).
    let mut ends = vec![0u64; text.len() / 64 + 1];
    for &b in bounds.iter().skip(1) {
        ends[b as usize / 64] |= 1 << (b % 64);
    }
    let second = |after: usize| -> u32 {
        if ends[after / 64] >> (after % 64) & 1 == 1 {
            END
        } else {
            text[after..].chars().next().map_or(END, |c| c as u32)
        }
    };
    // Each bucket by second character, then position (positions are unique, so unstable
    // sorting keeps them ascending within a pair).
    let mut keys: Vec<u64> = Vec::new();
    let mut offsets: Vec<u32> = Vec::new();
    let mut scratch: Vec<u64> = Vec::new();
    let mut from = 0usize;
    for (first, &bucket_start) in starts
        .iter()
        .enumerate()
        .skip(1)
        .chain([(starts.len(), &total)])
    {
        let to = bucket_start as usize;
        if to > from {
            let first = first as u64 - 1;
            let width = char::from_u32(first as u32).map_or(1, char::len_utf8);
            scratch.clear();
            scratch.extend(
                positions[from..to]
                    .iter()
                    .map(|&p| (second(p as usize + width) as u64) << 32 | p as u64),
            );
            scratch.sort_unstable();
            let mut previous = u64::MAX;
            for (k, &entry) in scratch.iter().enumerate() {
                let pair = entry >> 32;
                if pair != previous {
                    keys.push(first << 32 | pair);
                    offsets.push((from + k) as u32);
                    previous = pair;
                }
                positions[from + k] = entry as u32;
            }
        }
        from = to;
    }
    offsets.push(total);
    (keys, offsets, positions)
}

impl Index {
    /// Appends a folded document; it becomes searchable after the next [`Index::build`].
    pub fn push(&mut self, folded: &str) {
        if self.bounds.is_empty() {
            self.bounds.push(0);
        }
        self.text.push_str(folded);
        self.bounds.push(self.text.len() as u32);
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

    /// Heap bytes held: (folded text, positions, pair keys and offsets).
    pub fn heap_bytes(&self) -> (usize, usize, usize) {
        (
            self.text.capacity() + self.bounds.capacity() * 4,
            self.positions.capacity() * 4,
            self.keys.capacity() * 8 + self.offsets.capacity() * 4,
        )
    }

    /// Total bytes of folded text.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The folded text of document `doc`.
    pub fn doc_text(&self, doc: u32) -> &str {
        let d = doc as usize;
        &self.text[self.bounds[d] as usize..self.bounds[d + 1] as usize]
    }

    /// (Re)builds the pair arrays if documents were pushed since the last build.
    ///
    /// A bucket sort by the first character (counts per character code, then one pass that
    /// drops each position into its bucket, ascending), then each bucket sorted by the second
    /// character. No hashing: at 10 MB this is several times faster than counting pairs in a
    /// hash map, and the only scratch memory is the count per character code (under 1 MB for
    /// Chinese text), a bit per text byte for document ends and the largest bucket.
    pub fn build(&mut self) {
        if self.built {
            return;
        }
        // Appending doubled the capacity as it went: give the spare back (in place, no copy).
        self.text.shrink_to_fit();
        self.bounds.shrink_to_fit();
        let (keys, offsets, positions) = postings(&self.text, &self.bounds);
        self.keys = keys;
        self.offsets = offsets;
        self.positions = positions;
        self.built = true;
    }

    /// The pair arrays as a snapshot stores them: borrowed when the index is built, computed
    /// (without changing the index) when documents were pushed since.
    pub fn parts(&self) -> Parts<'_> {
        if self.built {
            Parts {
                text: &self.text,
                bounds: &self.bounds,
                keys: Cow::Borrowed(&self.keys),
                offsets: Cow::Borrowed(&self.offsets),
                positions: Cow::Borrowed(&self.positions),
            }
        } else {
            let (keys, offsets, positions) = postings(&self.text, &self.bounds);
            Parts {
                text: &self.text,
                bounds: &self.bounds,
                keys: Cow::Owned(keys),
                offsets: Cow::Owned(offsets),
                positions: Cow::Owned(positions),
            }
        }
    }

    /// A built index from the folded documents (`docs`, concatenated in order) and pair
    /// arrays read back from a snapshot, checked so that no query can read past them: the
    /// arrays must be exactly what [`Index::build`] makes of these texts (one linear pass, no
    /// sorting). The error says which rule the arrays break.
    pub fn from_parts(
        docs: &[&str],
        keys: Vec<u64>,
        offsets: Vec<u32>,
        positions: Vec<u32>,
    ) -> Result<Index, String> {
        let mut index = Index::default();
        for d in docs {
            index.push(d);
        }
        index.text.shrink_to_fit();
        index.bounds.shrink_to_fit();
        let text = index.text.as_str();
        if offsets.len() != keys.len() + 1 || offsets.first() != Some(&0) {
            return Err("the pair table and its offsets do not agree".into());
        }
        if offsets.last().map(|&o| o as usize) != Some(positions.len()) {
            return Err("the offsets do not end at the last position".into());
        }
        if positions.len() != text.chars().count() {
            return Err("there is not one position per character".into());
        }
        // Where documents end, a bit per byte, as in `postings`.
        let mut end_bits = vec![0u64; text.len() / 64 + 1];
        for &b in index.bounds.iter().skip(1) {
            end_bits[b as usize / 64] |= 1 << (b % 64);
        }
        let ends = |at: usize| end_bits[at / 64] >> (at % 64) & 1 == 1;
        for (i, &k) in keys.iter().enumerate() {
            if i > 0 && keys[i - 1] >= k {
                return Err("the pairs are not in order".into());
            }
            let (from, to) = (offsets[i] as usize, offsets[i + 1] as usize);
            if from >= to || to > positions.len() {
                return Err("a pair has no positions".into());
            }
            let mut previous = None;
            for &p in &positions[from..to] {
                if previous.is_some_and(|q| q >= p) {
                    return Err("positions are not in order".into());
                }
                previous = Some(p);
                let p = p as usize;
                let Some(first) = text.get(p..).and_then(|t| t.chars().next()) else {
                    return Err("a position is not a character of the text".into());
                };
                let after = p + first.len_utf8();
                let second = if ends(after) {
                    END
                } else {
                    text[after..].chars().next().map_or(END, |c| c as u32)
                };
                if key(first, second) != k {
                    return Err("a position is filed under the wrong pair".into());
                }
            }
        }
        index.keys = keys;
        index.offsets = offsets;
        index.positions = positions;
        index.built = true;
        Ok(index)
    }

    fn run(&self, from: usize, to: usize) -> &[u32] {
        &self.positions[self.offsets[from] as usize..self.offsets[to] as usize]
    }

    /// Positions of the pair `(first, second)`, ascending.
    fn pair(&self, first: char, second: char) -> &[u32] {
        match self.keys.binary_search(&key(first, second as u32)) {
            Ok(i) => self.run(i, i + 1),
            Err(_) => &[],
        }
    }

    /// Positions of the character `c`, in no particular order.
    fn single(&self, c: char) -> &[u32] {
        let from = self.keys.partition_point(|&k| k < key(c, 0));
        let to = self.keys.partition_point(|&k| k <= key(c, END));
        self.run(from, to)
    }

    /// The document holding global position `pos`.
    fn doc_of(&self, pos: u32) -> usize {
        self.bounds.partition_point(|&b| b <= pos) - 1
    }

    /// Every occurrence of the folded string `query`, overlapping ones included, ordered by
    /// document and position. Call [`Index::build`] first; an unbuilt index finds nothing new.
    pub fn find(&self, query: &str) -> Vec<Occurrence> {
        debug_assert!(
            self.built || self.text.is_empty(),
            "Index::find before Index::build"
        );
        let chars: Vec<(usize, char)> = query.char_indices().collect();
        let global: Vec<u32> = match chars.as_slice() {
            [] => Vec::new(),
            [(_, c)] => {
                let mut all = self.single(*c).to_vec();
                all.sort_unstable();
                all
            }
            [(_, a), (_, b)] => self.pair(*a, *b).to_vec(),
            _ => {
                let rarest = chars
                    .windows(2)
                    .map(|w| (w[0].0, self.pair(w[0].1, w[1].1)))
                    .min_by_key(|(_, run)| run.len())
                    .expect("three or more characters have pairs");
                let (offset, run) = rarest;
                run.iter()
                    .filter_map(|&p| (p as usize).checked_sub(offset).map(|s| (p, s)))
                    .filter(|&(p, start)| self.matches_at(p, start, query))
                    .map(|(_, start)| start as u32)
                    .collect()
            }
        };
        // Positions ascend, so the document only moves forward: look ahead from the last one.
        let mut doc = 0;
        global
            .into_iter()
            .map(|p| {
                if self.bounds[doc + 1] <= p {
                    doc += self.bounds[doc + 1..].partition_point(|&b| b <= p);
                }
                Occurrence {
                    doc: doc as u32,
                    start: (p - self.bounds[doc]) as usize,
                }
            })
            .collect()
    }

    /// Whether `query` occurs at byte `start`, inside the document that holds position `anchor`.
    fn matches_at(&self, anchor: u32, start: usize, query: &str) -> bool {
        let doc = self.doc_of(anchor);
        let (lo, hi) = (self.bounds[doc] as usize, self.bounds[doc + 1] as usize);
        start >= lo
            && start + query.len() <= hi
            && &self.text.as_bytes()[start..start + query.len()] == query.as_bytes()
    }
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
        index.build();
        index
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
        index.push("京东");
        index.build();
        assert_eq!(index.find("京东").len(), 2);
    }

    #[test]
    fn an_empty_index_finds_nothing() {
        let mut index = Index::default();
        index.build();
        assert!(index.find("京").is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

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
            for q in &queries {
                prop_assert_eq!(index.find(q), naive(&folded, q), "query {:?}", q);
            }
        }
    }
}
