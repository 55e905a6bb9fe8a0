//! The index: every occurrence of any folded substring, without scanning the corpus per query.
//!
//! # Structure
//!
//! Positions are byte offsets into the concatenation of all folded documents — a *virtual*
//! one: the index keeps only where each document starts, never the text (issue 15: the folded
//! copy was as large as the text itself). For every distinct character the index keeps the
//! ascending list of positions where it stands ([`Postings`], `lists.rs`): the characters,
//! per character its count and where its bytes start, the bytes (a list of four positions or
//! more Elias–Fano coded, a shorter one as varint gaps), and a skip table derived on load
//! (where every [`SKIP`]-th bucket of an Elias–Fano list starts), so that a seek jumps into a
//! long list instead of decoding up to its target.
//!
//! Format 2 (snapshots written before) kept one block of positions per character *pair*: a
//! lookup for a two-character word was one block, but the pairs cost 1.16× the text at 10 MB
//! of poetry (most pairs seen once or twice, each with a header and a full first position)
//! against 0.6–0.7× for the characters' lists (tests/bench/RESULTS.md, "Postings per
//! character"); `pairs.rs` converts a format-2 index on open.
//!
//! # Queries
//!
//! - one character: its list, ascending;
//! - longer: `c1 c2 … cn` is at `p` exactly when `c1` is at `p`, `c2` at `p + len(c1)`, and
//!   so on: the rarest character's positions (the counts are in the table) are the
//!   candidates, kept where every other character is at its offset — one [`Cursor`] per
//!   other character seeking forward, so a merge costs about the candidates, not the longer
//!   list. A chain that runs over a document's end is dropped (documents' starts are kept);
//! - a query that begins (ends) with an ASCII letter or digit drops the hits with one right
//!   before (after) it in the same document: those letters' and digits' lists say so, no
//!   text needed ([`Index::find_on_latin_boundaries`]).
//!
//! Building reads the folded texts: the documents pushed since the last build wait in the
//! index (one string each) and are dropped by the build; a build after further pushes asks the
//! caller for the earlier documents' texts again (the store folds them anew).
//!
//! Why lists per character and not a suffix array: building is two linear passes that
//! write every gap straight to its place, documents can be appended without re-sorting
//! anything, and the lists are about as small as positions can be kept per character.
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

mod lists;
mod pairs;

pub use lists::{Cursor, List, Postings, SKIP};
pub use pairs::PairPostings;

/// One occurrence of a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    /// The document, numbered in the order they were pushed.
    pub doc: u32,
    /// Byte offset of the match in that document's folded text.
    pub start: usize,
}

/// The character index over a sequence of folded documents.
///
/// It keeps no text once built: positions are byte offsets into the *virtual* concatenation
/// of the folded documents (only where each document starts is kept), and every query is
/// answered from the characters' lists alone (see [`Index::find`]). Building reads the
/// texts: those pushed since the last build are held until then, the earlier ones are asked
/// for again (folded anew by the caller, [`Index::build`]).
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

/// A hash of the characters of one folded text as the index sees them — each one's start
/// (byte offset from the text's start) and width in bytes — the same whether it is summed from
/// the text ([`start_hash`]) or from an index's lists in any order ([`Index::from_lists`]): a
/// store opened from a snapshot compares the two when it first reads a document, so that
/// postings which do not fit that document's text (a forged file) are caught before a match
/// cuts through one of its characters.
pub fn start_hash(folded: &str) -> u64 {
    folded
        .char_indices()
        .fold(0u64, |h, (at, c)| h.wrapping_add(mix(at as u32, c.len_utf8())))
}

/// SplitMix64's finaliser over a position and a width: spreads them over 64 bits, so that a
/// sum tells one set of characters from another (a commutative hash: the lists give
/// positions character by character, not in text order).
fn mix(p: u32, width: usize) -> u64 {
    let mut z = (p as u64 | (width as u64) << 32).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Bytes of folded text per entry of [`Hashes`]' table of documents.
const CHUNK: u32 = 4096;

/// What [`Index::start_hashes`] sums per document in its pass over every list: the
/// [`start_hash`] of each document's positions. Which document a position falls in comes
/// from a table of the document at every [`CHUNK`]th byte and a short step forward (a
/// document is about as long as a chunk at 50 MB of poetry), not a binary search.
struct Hashes<'a> {
    bounds: &'a [u32],
    chunks: Vec<u32>,
    hashes: Vec<u64>,
}

impl Hashes<'_> {
    /// Adds a position to its document's hash; a position past the texts is in none (no
    /// query gives it: [`Index::find`] drops what leaves its document).
    fn add(&mut self, p: u32, width: usize) {
        let Some(&first) = self.chunks.get((p / CHUNK) as usize) else {
            return;
        };
        let mut doc = first as usize;
        while self.bounds.get(doc + 1).is_some_and(|&b| b <= p) {
            doc += 1;
        }
        if let Some(h) = self.hashes.get_mut(doc).filter(|_| p < self.bounds[doc + 1]) {
            *h = h.wrapping_add(mix(p - self.bounds[doc], width));
        }
    }
}

impl Index {
    /// A built index from the documents' folded lengths and postings read back from a
    /// snapshot, checked without any text and without decoding a position: the lists' shape
    /// as [`Postings::prepare_shape`] checks it (the skip table derived from their bits). How
    /// the positions fit the texts is checked a document at a time, when the store first
    /// reads one: [`Index::start_hashes_of`] (or [`Index::start_hashes`], for many) must equal
    /// the [`start_hash`] of its folded text, which ties the lists to the texts (a position
    /// that is not a character's start, or under a character of another width, or listed
    /// twice, changes the sum). Opening 50 MB so decodes none of its 17 million positions
    /// (tests/bench/RESULTS.md, "Open checks no position"). The error says which rule the
    /// postings break.
    pub fn from_lists(lens: &[usize], mut postings: Postings) -> Result<Index, String> {
        let mut bounds = Vec::with_capacity(lens.len() + 1);
        bounds.push(0u32);
        let mut end = 0u32;
        for &len in lens {
            end = u32::try_from(len)
                .ok()
                .and_then(|l| end.checked_add(l))
                .ok_or("the folded texts are too long")?;
            bounds.push(end);
        }
        postings.prepare_shape()?;
        Ok(Index::checked(bounds, postings))
    }

    /// A built index of the documents whose starts are `bounds` (plus the end of the last),
    /// from postings already checked against them.
    fn checked(bounds: Vec<u32>, postings: Postings) -> Index {
        Index {
            pending: Vec::new(),
            pending_from: bounds.len().saturating_sub(1),
            bounds,
            postings,
            built: true,
        }
    }

    /// The [`start_hash`] of each of `docs`' positions as the lists give them: every list
    /// sought to each document (every position of the buckets it spans looked at, so that
    /// none is missed however a forged list orders them). A seek a list and a document —
    /// about `SEEK_COST` positions' decode each, 2–8 ms a document at 50 MB of poetry, less
    /// a document when several are asked at once — where [`Index::start_hashes`] decodes
    /// every position once for all documents.
    pub fn start_hashes_of(&self, docs: &[u32]) -> Vec<u64> {
        let ranges: Vec<std::ops::Range<u32>> = docs
            .iter()
            .map(|&d| {
                let d = d as usize;
                match (self.bounds.get(d), self.bounds.get(d + 1)) {
                    (Some(&start), Some(&end)) => start..end,
                    _ => 0..0,
                }
            })
            .collect();
        let mut hashes = vec![0u64; docs.len()];
        self.postings.each_in(&ranges, |k, p, width| {
            hashes[k] = hashes[k].wrapping_add(mix(p - ranges[k].start, width));
        });
        hashes
    }

    /// [`Index::start_hashes_of`] every document, in one pass over every position of every
    /// list: cheaper than asking for documents one by one once a few dozen are.
    pub fn start_hashes(&self) -> Vec<u64> {
        let end = self.text_len() as u32;
        let docs = self.len();
        // The document holding byte `i × CHUNK`: the last one starting at or before it.
        let mut chunks = Vec::with_capacity((end / CHUNK) as usize + 1);
        let mut doc = 0usize;
        for i in 0..=end / CHUNK {
            while doc + 1 < docs && self.bounds[doc + 1] <= i * CHUNK {
                doc += 1;
            }
            chunks.push(doc as u32);
        }
        let mut sums = Hashes {
            bounds: &self.bounds,
            chunks,
            hashes: vec![0u64; docs],
        };
        self.postings.each_position(|p, width| sums.add(p, width));
        sums.hashes
    }

    /// How many documents [`Index::start_hashes_of`] may be asked for before they have cost
    /// what one pass over every list ([`Index::start_hashes`]) costs: a seek in each list a
    /// document, against a decode of each position once (`SEEK_COST`).
    pub fn single_hashes_worth(&self) -> usize {
        let per_doc = self.postings.len().max(1) as u64 * SEEK_COST;
        (self.postings.positions() / per_doc) as usize
    }

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
    /// position lists, character and skip tables).
    pub fn heap_bytes(&self) -> (usize, usize, usize) {
        let (lists, tables) = self.postings.heap_bytes();
        (
            self.pending.iter().map(|t| t.len()).sum::<usize>()
                + self.pending.capacity() * std::mem::size_of::<Box<str>>()
                + self.bounds.capacity() * 4,
            lists,
            tables,
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

    /// (Re)builds the postings if documents were pushed since the last build
    /// ([`Postings::build`]: two passes over the texts, no sorting, no scratch per position).
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
        let postings = Postings::build(&texts);
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
                Cow::Owned(Postings::build(&self.whole_text(&mut refold)))
            },
        }
    }

    /// A built index from the character boundaries of the folded documents (their texts are
    /// not needed) and postings read back from a snapshot, checked so that no query can read
    /// past them or cut a character ([`Postings::prepare`]: every position must start a
    /// character whose end, with the listed character's width, is a boundary — one linear
    /// pass, no sorting, no look-up of characters). Which character a position is filed under
    /// is not checked: a forged snapshot can give wrong hits, never a read out of bounds or a
    /// cut through a character. The error says which rule the postings break.
    pub fn from_parts(boundaries: Boundaries, mut postings: Postings) -> Result<Index, String> {
        postings.prepare(Some(&boundaries))?;
        let mut bounds = boundaries.bounds;
        bounds.shrink_to_fit();
        Ok(Index::checked(bounds, postings))
    }

    /// [`Index::from_parts`] for the pair postings of a format-2 snapshot, converted to
    /// lists per character first (`pairs.rs`) and then checked the same way.
    pub fn from_pair_parts(boundaries: Boundaries, pairs: PairPostings) -> Result<Index, String> {
        Index::from_parts(boundaries, pairs.into_lists()?)
    }

    /// Every occurrence of the folded string `query`, overlapping ones included, ordered by
    /// document and position. Call [`Index::build`] first; an unbuilt index finds nothing new.
    ///
    /// Answered from the lists alone, no text read: one character is its list; a longer
    /// query `c1 c2 … cn` starts at `p` exactly when `c1` is at `p`, `c2` at `p + len(c1)`,
    /// and so on, inside one document. The rarest character's positions (the counts are in
    /// the table) are the candidates; each other character, in order of its count, keeps the
    /// candidates it stands after (a cursor seeking forward through its list).
    pub fn find(&self, query: &str) -> Vec<Occurrence> {
        debug_assert!(
            self.built || self.is_empty(),
            "Index::find before Index::build"
        );
        self.to_occurrences(self.starts(query), query.len())
    }

    /// [`Index::find`], less the hits where `query` begins (ends) with an ASCII letter or
    /// digit and one stands right before (after) it in the same document: "618" is not found
    /// inside "26180", nor "jd" inside "jdx". Told from the lists of the ASCII characters
    /// (folded text has no upper case, but both cases are asked).
    pub fn find_on_latin_boundaries(&self, query: &str) -> Vec<Occurrence> {
        let mut starts = self.starts(query);
        let (Some(first), Some(last)) = (query.chars().next(), query.chars().next_back()) else {
            return Vec::new();
        };
        let at_a_bound = |p: u32| self.bounds.binary_search(&p).is_ok();
        // Which character stands next to a start is not kept anywhere: the lists of the ASCII
        // characters are asked, in the order below, for every start still in question (its
        // probe: the byte before, or after), and a probe found in one is settled — dropped
        // when that character is a letter or digit, kept otherwise (a space, a slash, a comma
        // folded from "，": what usually stands beside a Latin word, so that most probes are
        // settled by the first few lists, not by asking all 62 letters and digits). A probe
        // no ASCII list holds has a wider character beside it, and is kept.
        let (first, last) = (first.is_ascii_alphanumeric(), last.is_ascii_alphanumeric());
        if !first && !last {
            return self.to_occurrences(starts, query.len());
        }
        let mut ascii: Vec<(u8, List<'_>)> = (0..128u8)
            .filter_map(|c| Some((c, self.postings.list(c as u32)?)))
            .collect();
        // The lists of what is not a letter or digit go first (a space, a line break, a
        // slash, a full stop: what usually stands beside a Latin word), each kind most
        // frequent first: a probe beside a word's usual neighbour is then settled by one of a
        // handful of short lists, not after every more frequent letter was asked (`songci/`:
        // 4 lists instead of 19 at 10 MB). Which lists hold a probe does not depend on the
        // order (one character stands at a position), so neither do the hits.
        ascii.sort_by_key(|(c, list)| (c.is_ascii_alphanumeric(), std::cmp::Reverse(list.count())));
        let probe_all = |probe: &dyn Fn(u32) -> Option<u32>, starts: &mut Vec<u32>| {
            let mut left: Vec<u32> = starts.iter().filter_map(|&p| probe(p)).collect();
            let mut alnum: Vec<u32> = Vec::new();
            // The list that holds the first probe is asked first: a word's neighbours are
            // mostly alike (a space before every `songci`, a slash after it), so most probes
            // are settled by that one list instead of after every more frequent one (`songci`
            // at 10 MB: 7.7 lists asked a probe on average).
            let mut order: Vec<(u8, List<'_>)> = ascii.clone();
            if let Some(&first) = left.first() {
                let holds = |list: &List<'_>| Cursor::new(*list).seek(first) == Some(first);
                if let Some(k) = order.iter().position(|(_, list)| holds(list)) {
                    order[..=k].rotate_right(1);
                }
            }
            for &(c, list) in &order {
                if left.is_empty() {
                    break;
                }
                if c.is_ascii_alphanumeric() {
                    retain_in(list, &mut left, 0, false, |t| alnum.push(t));
                } else {
                    retain_in(list, &mut left, 0, false, |_| {});
                }
            }
            alnum.sort_unstable();
            drop_probed(starts, &alnum, probe);
        };
        if first {
            let before = |p: u32| (p > 0 && !at_a_bound(p)).then(|| p - 1);
            probe_all(&before, &mut starts);
        }
        if last {
            let len = query.len() as u32;
            let after = |p: u32| {
                let after = p.saturating_add(len);
                (!at_a_bound(after)).then_some(after)
            };
            probe_all(&after, &mut starts);
        }
        self.to_occurrences(starts, query.len())
    }

    /// Global start positions of `query`, ascending (chains over a document's end included;
    /// [`Index::to_occurrences`] drops them). The two rarest characters' lists are read side
    /// by side when about as long ([`List::followed_by`]), the others then filter what is left.
    fn starts(&self, query: &str) -> Vec<u32> {
        let mut lists: Vec<(u32, List<'_>)> = Vec::new();
        for (offset, c) in query.char_indices() {
            let Some(list) = self.postings.list(c as u32) else {
                return Vec::new();
            };
            lists.push((offset as u32, list));
        }
        lists.sort_by_key(|(_, list)| list.count());
        let Some(&(offset, rarest)) = lists.first() else {
            return Vec::new();
        };
        let mut starts = Vec::new();
        // The next rarest list read beside the rarest when it is about as long (what a
        // two-character word of frequent characters needs), else the rarest decoded whole.
        let merged = match lists.get(1) {
            Some(&(to, next)) if (next.count() as usize) < MERGE_RATIO * rarest.count() as usize => {
                rarest.followed_by(offset, &next, to, &mut starts)
            }
            _ => false,
        };
        if !merged {
            starts.reserve(rarest.count() as usize);
            rarest.decode_into(&mut starts);
            if offset > 0 {
                starts.retain_mut(|p| match p.checked_sub(offset) {
                    Some(s) => {
                        *p = s;
                        true
                    }
                    None => false,
                });
            }
        }
        for &(offset, list) in &lists[1 + merged as usize..] {
            if starts.is_empty() {
                break;
            }
            retain_in(list, &mut starts, offset, true, |_| {});
        }
        // Lists opened from a snapshot are not checked for order inside a bucket until their
        // documents are read: whatever they say, the starts leave here ascending and distinct.
        if starts.windows(2).any(|w| w[0] >= w[1]) {
            starts.sort_unstable();
            starts.dedup();
        }
        starts
    }

    /// Occurrences from ascending global starts, each inside one document (a chain of
    /// characters over a document's end is dropped here).
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

/// Keeps the `targets` (ascending) whose `target + offset` is in `list` when `present`, those
/// whose is not otherwise: the list read beside them when it is about as long
/// ([`List::retain_followed`]), else each sought through its skip table.
/// Each target dropped goes to `dropped`.
fn retain_in(
    list: List<'_>,
    targets: &mut Vec<u32>,
    offset: u32,
    present: bool,
    mut dropped: impl FnMut(u32),
) {
    if (list.count() as usize) < MERGE_RATIO * targets.len() {
        list.retain_followed(targets, offset, present, dropped);
    } else {
        let mut cursor = Cursor::new(list);
        targets.retain(|&s| {
            let want = s.saturating_add(offset);
            let keep = (cursor.seek(want) == Some(want)) == present;
            if !keep {
                dropped(s);
            }
            keep
        });
    }
}

/// Drops the `starts` whose probe (`probe(start)`, ascending with them; `None` for a start
/// with nothing to look at) is among `found` (ascending).
fn drop_probed(starts: &mut Vec<u32>, found: &[u32], probe: impl Fn(u32) -> Option<u32>) {
    let mut k = 0;
    starts.retain(|&p| {
        let Some(t) = probe(p) else {
            return true;
        };
        while found.get(k).is_some_and(|&f| f < t) {
            k += 1;
        }
        found.get(k) != Some(&t)
    });
}

/// A list is merged with the starts found so far by decoding it whole when it holds fewer
/// than this many positions per start, else by seeking each start in it: decoding costs a
/// few instructions a position, a seek a few dozen.
const MERGE_RATIO: usize = 8;

/// What a list's seek in [`Index::start_hashes_of`] costs, in positions decoded by
/// [`Index::start_hashes`]: 28 at 10 MB and 31 at 50 MB of poetry, measured natively (one
/// document at a time; `start_hash_costs` below).
const SEEK_COST: u64 = 30;

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
    fn a_character_followed_by_many_others_finds_each_pair_past_a_skip_entry() {
        // 'a' before 100 distinct characters: a list of 200 positions, past a skip entry.
        let doc: String = (0..100u32)
            .flat_map(|i| ['a', char::from_u32(0x4E00 + i * 7).unwrap(), 'a', 'b'])
            .collect();
        let index = index_of(&[&doc]);
        assert!(index.postings.list('a' as u32).unwrap().count() as usize > SKIP);
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
        let mut other_character = good.clone();
        other_character.chars[0] += 1;
        sound(&docs, other_character);
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
    fn a_list_with_repeated_positions_still_gives_ascending_distinct_hits() {
        // 东's list forged to hold its first position three times (what opening a snapshot
        // does not look at: no position is decoded then): the hits are those of the sound
        // index, ascending and distinct.
        let docs = ["京东快手京东电商京东ab京东", "京东"];
        let index = index_of(&docs);
        let good = index.parts(|_, _| unreachable!()).postings.into_owned();
        let mut forged = Postings::default();
        for &c in &good.chars {
            let mut positions = Vec::new();
            good.list(c).unwrap().decode_into(&mut positions);
            if c == '东' as u32 {
                positions.insert(0, positions[0]);
                positions.insert(0, positions[0]);
            }
            forged.push_list(c, &positions);
        }
        let lens: Vec<usize> = docs.iter().map(|d| d.len()).collect();
        let back = Index::from_lists(&lens, forged).expect("the lists keep their shape");
        for q in ["东", "京东", "东电", "东a", "东京"] {
            assert_eq!(back.find(q), index.find(q), "{q}");
            assert_eq!(back.find_on_latin_boundaries(q), index.find_on_latin_boundaries(q));
        }
        // The document's hash as the lists give it tells the repeated position.
        assert_ne!(back.start_hashes_of(&[0]), [start_hash(docs[0])]);
        assert_eq!(back.start_hashes_of(&[1]), [start_hash(docs[1])]);
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

    /// Not a test: what checking documents against the lists costs on a saved corpus
    /// (`LAZYCHECK_FILE=/tmp/m50.corpus cargo test --release --lib -- --ignored
    /// start_hash_costs --nocapture`).
    #[test]
    #[ignore]
    fn start_hash_costs() {
        let Some(file) = std::env::var_os("LAZYCHECK_FILE") else {
            return;
        };
        let bytes = std::fs::read(file).unwrap();
        let parts = crate::snapshot::read(&bytes).unwrap();
        let index = &parts.store.index;
        let n = index.len() as u32;
        let t = std::time::Instant::now();
        let all = index.start_hashes();
        let pass = t.elapsed();
        let t = std::time::Instant::now();
        let step = (n / 50).max(1);
        for d in (0..n).step_by(step as usize) {
            assert_eq!(index.start_hashes_of(&[d]), [all[d as usize]]);
        }
        let one = t.elapsed() / (n / step);
        let t = std::time::Instant::now();
        let ten: Vec<u32> = (0..n).step_by(n as usize / 10).take(10).collect();
        let batch = index.start_hashes_of(&ten);
        let ten_at_once = t.elapsed();
        assert!(ten.iter().zip(batch).all(|(&d, h)| h == all[d as usize]));
        eprintln!(
            "{} lists, {} positions, {n} documents: one pass {pass:?}, one document {one:?}, ten at once {ten_at_once:?}, worth {}",
            index.postings.len(),
            index.postings.positions(),
            index.single_hashes_worth()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// On a wide alphabet (long lists with skip entries, many short ones) the index
        /// agrees with a linear scan, and its postings pass the check of a snapshot's.
        #[test]
        fn wide_alphabets_agree(
            docs in prop::collection::vec("[a-z0-9京东快手电商。]{0,300}", 0..5),
            query in "[a-z京东]{1,3}",
        ) {
            let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
            let index = index_of(&refs);
            let back = Index::from_parts(boundaries(&refs), index.postings.clone());
            prop_assert!(back.is_ok());
            // Opened as a snapshot opens it (no position decoded), each document's hash as
            // the lists give it is its text's, asked one at a time, all at once or in one pass.
            let lens: Vec<usize> = refs.iter().map(|d| d.len()).collect();
            let opened = Index::from_lists(&lens, index.postings.clone()).unwrap();
            let texts: Vec<u64> = refs.iter().map(|d| start_hash(d)).collect();
            let ids: Vec<u32> = (0..refs.len() as u32).collect();
            prop_assert_eq!(&opened.start_hashes_of(&ids), &texts);
            prop_assert_eq!(&opened.start_hashes(), &texts);
            for (d, &h) in texts.iter().enumerate() {
                prop_assert_eq!(opened.start_hashes_of(&[d as u32]), vec![h]);
            }
            prop_assert_eq!(opened.find(&query), naive(&docs, &query));
            prop_assert_eq!(index.find(&query), naive(&docs, &query));
            for d in &docs {
                for (i, c) in d.char_indices() {
                    let q: String = d[i..].chars().take(2).collect();
                    prop_assert_eq!(index.find(&q), naive(&docs, &q), "{} at {}", c, i);
                }
            }
        }

        /// Latin queries stop at letters and digits around them, whatever stands beside
        /// them (the lists asked in any order: the one that holds the first probe first).
        #[test]
        fn latin_boundaries_agree_with_a_scan(
            docs in prop::collection::vec("[ab1 /.\n京东]{0,80}", 0..5),
            query in "[ab1][ab1 京]{0,2}",
        ) {
            let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
            let index = index_of(&refs);
            let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let expected: Vec<Occurrence> = naive(&docs, &query)
                .into_iter()
                .filter(|o| {
                    let text = &docs[o.doc as usize];
                    let end = o.start + query.len();
                    let first = alnum(query.chars().next()) && alnum(text[..o.start].chars().next_back());
                    let last = alnum(query.chars().next_back()) && alnum(text[end..].chars().next());
                    !first && !last
                })
                .collect();
            prop_assert_eq!(index.find_on_latin_boundaries(&query), expected);
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
