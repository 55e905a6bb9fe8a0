//! Stories: near-duplicate articles (reposts, lightly edited copies across sites) grouped, so a
//! reader sees a story once and a statistic can count it once.
//!
//! Each document gets a MinHash [`signature`] of its folded article text when it is added.
//! Locality-sensitive hashing cuts the signature into bands; two documents that agree on a
//! whole band are *candidates*, and candidates whose estimated Jaccard similarity reaches the
//! threshold are joined (union-find). A story's *lead* is its lowest id — the copy added first.
//!
//! The signatures are corpus data (what a snapshot saves); the bands and groups are
//! derived, so [`Stories::set_threshold`] regroups from the kept signatures without reading a
//! text, and adding a document costs its signature and a look at its band buckets.
//!
//! A corpus opened from a snapshot groups its documents straight from the snapshot's
//! signatures and keeps none of them (512 bytes a document, 0.12× the text at 10 MB of
//! poetry, issue 15): only each document's agreement with its lead, for [`Stories::list`].
//! Adding a document or a new threshold computes them again from the store's folded
//! articles first ([`Stories::restore`]), which gives the very same signatures, and keeps
//! them from then on; a snapshot written meanwhile computes them one document at a time
//! ([`Stories::signature_of`]).
//!
//! This step reads the [`Store`]'s folded texts; search and analysis read the groups.

pub mod signature;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::Store;
pub use signature::{exact_jaccard, similarity, BINS, MIN_SHINGLES, SHINGLE};

/// The similarity threshold before the reader changes it: an edited repost (first paragraph
/// trimmed, an ad line inserted) of a 20-sentence article keeps well over 0.6 of its
/// five-character shingles; distinct articles on one topic share far fewer (measured by
/// `examples/stories_eval.rs`).
pub const DEFAULT_THRESHOLD: f64 = 0.6;

/// The lowest threshold accepted: below it, LSH needs bands of one or two rows and articles
/// that merely share a topic would start to join.
pub const MIN_THRESHOLD: f64 = 0.3;

/// An empty link of a bucket chain.
const NONE: u32 = u32::MAX;

/// Reads signatures for [`Stories::regroup_with`]: `read(id, from, out)` fills `out` with
/// document `id`'s values from bin `from` on.
type Read<'a> = &'a dyn Fn(u32, usize, &mut [u32]);

/// Probability that a pair exactly at the threshold becomes a candidate, which decides the
/// band shape (see [`rows_for`]).
const CANDIDATE_RECALL: f64 = 0.995;

/// Rows per band for `threshold`: the most rows (fewer candidates below the threshold) with
/// which a pair exactly at the threshold still becomes a candidate with probability
/// [`CANDIDATE_RECALL`], i.e. 1 − (1 − t^r)^(K/r) ≥ 0.995. At t = 0.6 that is 3 rows × 42
/// bands; at 0.3, 2 × 64; at 0.9, 8 × 16.
fn rows_for(threshold: f64) -> usize {
    let mut best = 1;
    for r in 1..=16 {
        let bands = (BINS / r) as i32;
        if 1.0 - (1.0 - threshold.powi(r as i32)).powi(bands) >= CANDIDATE_RECALL {
            best = r;
        }
    }
    best
}

/// The groups of near-duplicate documents of one corpus.
#[derive(Debug)]
pub struct Stories {
    threshold: f64,
    /// [`BINS`] values per document, in id order; all zero (and `usable` false) for a document
    /// too short to have a signature. Empty, and `held` false, after opening a snapshot.
    signatures: Vec<u32>,
    /// Whether `signatures` holds every document's ([`Stories::restore`] when not).
    held: bool,
    /// Per document, how many of its bins equal its lead's (the similarity `list` tells, in
    /// 128ths): what the groups need of the signatures while these are not held.
    to_lead: Vec<u8>,
    usable: Vec<bool>,
    /// Rows per band for the current threshold.
    rows: usize,
    /// LSH buckets as chains: the 32-bit hash of a band (band index mixed in) → the latest
    /// document with it; `chain[id * bands + band]` → the previous document with the same
    /// key, or [`NONE`]. About 14 bytes per document and band, where a table of vectors took
    /// over 50 (measured with `examples/stories_eval.rs`). A 32-bit key may join two
    /// different bands by chance; that only makes a candidate, which the estimate rejects.
    heads: FxHashMap<u32, u32>,
    chain: Vec<u32>,
    /// Whether `heads` and `chain` hold every document's bands. Only adding a document reads
    /// them; after a whole regrouping (opening a snapshot, a new threshold, a rebuild) they are
    /// dropped and filed again by the next [`Stories::push`]. At 10 MB of poetry they took
    /// 1.37 MiB beside 1.18 MiB of signatures: what made the stories look "held twice".
    banded: bool,
    /// Union-find parents; a root is always the lowest id of its group.
    parent: Vec<u32>,
}

impl Default for Stories {
    fn default() -> Self {
        Stories {
            threshold: DEFAULT_THRESHOLD,
            signatures: Vec::new(),
            held: true,
            to_lead: Vec::new(),
            usable: Vec::new(),
            rows: rows_for(DEFAULT_THRESHOLD),
            heads: FxHashMap::default(),
            chain: Vec::new(),
            banded: true,
            parent: Vec::new(),
        }
    }
}

/// One story of two or more documents, as `stories()` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The document added first (lowest id).
    pub lead: u32,
    /// The other documents, in id order, each with its similarity to the lead.
    pub members: Vec<Member>,
}

/// A copy in a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// The document id.
    pub id: u32,
    /// Estimated Jaccard similarity of its shingles to the lead's (0..1).
    pub similarity: f64,
}

/// The answer of `stories()` and `setStoryThreshold()`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryList {
    /// The similarity threshold in force.
    pub threshold: f64,
    /// Documents in the corpus.
    pub documents: usize,
    /// Groups of two or more documents, by lead.
    pub stories: Vec<Story>,
}

impl Stories {
    /// No documents, the default threshold.
    pub fn new() -> Self {
        Self::default()
    }

    /// The similarity threshold in force.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.usable.len()
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.usable.is_empty()
    }

    /// Document `id`'s kept signature (all zero when it has none, or none is held).
    fn signature(&self, id: u32) -> [u32; BINS] {
        let at = id as usize * BINS;
        let mut out = [0; BINS];
        if let Some(sig) = self.signatures.get(at..at + BINS) {
            out.copy_from_slice(sig);
        }
        out
    }

    /// Whether every document's signature is held (false after opening a snapshot, until
    /// [`Stories::restore`]).
    pub fn holds_signatures(&self) -> bool {
        self.held
    }

    /// Computes the signatures again from `store`'s folded articles when they are not held
    /// (a corpus opened from a snapshot), so that a document can be added or the threshold
    /// changed; nothing when they are. The groups stay as they are: the same articles give the
    /// same signatures. About a whole-corpus scan's time, once per opened corpus.
    pub fn restore(&mut self, store: &Store) {
        if self.held {
            return;
        }
        let mut signatures = Vec::with_capacity(self.usable.len() * BINS);
        for id in 0..self.usable.len() as u32 {
            let (_, sig) = Self::signature_of(store, id);
            signatures.extend_from_slice(&sig);
        }
        self.signatures = signatures;
        self.held = true;
    }

    /// Document `id`'s signature computed from `store`'s folded article: whether it has one,
    /// and its values (all zero without).
    pub fn signature_of(store: &Store, id: u32) -> (bool, [u32; BINS]) {
        match signature::signature(&store.folded_article(id)) {
            Some(sig) => (true, sig),
            None => (false, [0; BINS]),
        }
    }

    /// Adds the next document (id [`Stories::len`]) from its folded article text and joins it
    /// to any story it belongs to. The signatures must be held ([`Stories::restore`]).
    pub fn push(&mut self, folded: &str) {
        if !self.banded {
            self.band_all();
        }
        let sig = signature::signature(folded);
        self.usable.push(sig.is_some());
        let values = sig.unwrap_or([0; BINS]);
        self.signatures.extend_from_slice(&values);
        let id = self.parent.len() as u32;
        self.parent.push(id);
        self.to_lead.push(0);
        // A document too short for a signature holds no band: its chain slots stay empty.
        self.chain
            .resize((id as usize + 1) * (BINS / self.rows), NONE);
        if sig.is_some() {
            let candidates = self.bucket(id, &values);
            for c in candidates {
                let other = self.signature(c);
                self.check(c, id, &other, &values);
            }
        }
    }

    /// Recomputes every signature from `store` (after a removal, when the store has cleaned
    /// every document again and the articles may have changed), keeping the threshold.
    pub fn rebuild(&mut self, store: &Store) {
        self.signatures.clear();
        self.held = true;
        self.to_lead.clear();
        self.usable.clear();
        self.parent.clear();
        self.heads.clear();
        self.chain.clear();
        self.banded = true;
        for id in 0..store.len() as u32 {
            self.push(&store.folded_article(id));
        }
        self.drop_bands();
    }

    /// The kept signatures, for a snapshot: per document whether it has one, and [`BINS`]
    /// values per document in id order (zeros for one without); `None` when they are not
    /// held ([`Stories::signature_of`] computes each).
    pub fn signatures(&self) -> Option<(&[bool], &[u32])> {
        self.held.then_some((&self.usable[..], &self.signatures[..]))
    }

    /// The stories of `usable.len()` documents grouped at the default threshold from their
    /// signatures as `read(id, from, out)` reads them (from a snapshot's bytes: document
    /// `id`'s values from bin `from` on, as many as `out` holds), exactly as pushing the
    /// documents one by one groups them, without folding or hashing any text and without
    /// keeping the signatures: only each document's agreement with its lead.
    pub fn from_signatures_of(usable: Vec<bool>, read: impl Fn(u32, usize, &mut [u32])) -> Self {
        let mut stories = Stories {
            usable,
            held: false,
            ..Self::default()
        };
        stories.regroup_with(&read);
        stories
    }

    /// The stories of documents whose signatures were kept ([`Stories::signatures`], read back
    /// from a snapshot), grouped at the default threshold exactly as pushing the documents one
    /// by one groups them, without folding or hashing any text again. `None` when the two do
    /// not agree in length.
    pub fn from_signatures(usable: Vec<bool>, signatures: Vec<u32>) -> Option<Self> {
        if signatures.len() != usable.len() * BINS {
            return None;
        }
        let mut stories = Stories {
            usable,
            signatures,
            ..Self::default()
        };
        stories.regroup();
        Some(stories)
    }

    /// Forgets every document; the threshold stays.
    pub fn clear(&mut self) {
        self.signatures.clear();
        self.held = true;
        self.to_lead.clear();
        self.usable.clear();
        self.parent.clear();
        self.heads.clear();
        self.chain.clear();
        self.banded = true;
    }

    /// Sets the similarity threshold and regroups from the kept signatures, which must be held
    /// ([`Stories::restore`]; without them the groups stay). Errors outside
    /// [`MIN_THRESHOLD`]..=1.
    pub fn set_threshold(&mut self, threshold: f64) -> Result<()> {
        if !(MIN_THRESHOLD..=1.0).contains(&threshold) {
            return Err(Error::BadThreshold {
                threshold: threshold.to_string(),
            });
        }
        self.threshold = threshold;
        self.rows = rows_for(threshold);
        self.regroup();
        Ok(())
    }

    /// Rebuilds the bands and groups from the kept signatures (when held).
    fn regroup(&mut self) {
        if !self.held {
            return;
        }
        let signatures = std::mem::take(&mut self.signatures);
        self.regroup_with(&|id, from, out| {
            let at = id as usize * BINS + from;
            out.copy_from_slice(&signatures[at..at + out.len()]);
        });
        self.signatures = signatures;
    }

    /// Rebuilds the groups from the signatures `read` gives, and each document's agreement
    /// with its lead.
    ///
    /// One band at a time: every document filed under its key of that band in a map that
    /// chains the documents of one key, and each pair of documents of one key checked, which
    /// makes the same stories as filing the documents one by one in the buckets
    /// ([`Stories::push`]): a story is a connected part of the graph of candidate pairs that
    /// reach the threshold, whatever the order the pairs are checked in, and its lead is its
    /// lowest id. The buckets of every band at once (1.8 MiB at 10 MB of poetry, with the
    /// map's growth) were the most memory opening needed beside the corpus; one band's map
    /// and chain take about 16 bytes a document. (The buckets could also pair two documents
    /// whose keys of two different bands agree by chance; one band at a time cannot, which
    /// changes nothing but a one-in-2^32 candidate, rejected unless the estimate reaches the
    /// threshold anyway.) A band's key reads only that band's values: opening a snapshot
    /// reads them from its bytes (a sort of every band's keys and whole signatures read per
    /// key were a quarter of opening 50 MB).
    fn regroup_with(&mut self, read: Read<'_>) {
        self.drop_bands();
        let n = self.usable.len() as u32;
        self.parent = (0..n).collect();
        let rows = self.rows;
        let whole = |id: u32| {
            let mut out = [0; BINS];
            read(id, 0, &mut out);
            out
        };
        let usable: Vec<u32> = (0..n).filter(|&id| self.usable[id as usize]).collect();
        let mut heads: FxHashMap<u32, u32> = FxHashMap::default();
        // Per document, the previous one filed under its key of the band at hand.
        let mut chain = vec![NONE; n as usize];
        let mut part = [0; BINS];
        for band in 0..BINS / rows {
            heads.clear();
            for &b in &usable {
                let values = &mut part[..rows];
                read(b, band * rows, values);
                let first = heads.insert(band_key(values, band), b).unwrap_or(NONE);
                chain[b as usize] = first;
                if first == NONE {
                    continue;
                }
                let sb = whole(b);
                let mut a = first;
                while a != NONE {
                    if self.find(a) != self.find(b) {
                        self.check(a, b, &whole(a), &sb);
                    }
                    a = chain[a as usize];
                }
            }
        }
        let leads = self.leads();
        self.to_lead = leads
            .iter()
            .enumerate()
            .map(|(id, &lead)| {
                if lead as usize == id {
                    0
                } else {
                    same_bins(&whole(id as u32), &whole(lead))
                }
            })
            .collect();
    }

    /// Frees the band buckets (the groups are made; only a document added needs them).
    fn drop_bands(&mut self) {
        self.heads = FxHashMap::default();
        self.chain = Vec::new();
        self.banded = false;
    }

    /// Files every document in its band buckets again, as pushing them one by one did,
    /// without regrouping: the groups are already made.
    fn band_all(&mut self) {
        let n = self.usable.len();
        self.heads.clear();
        self.chain.clear();
        self.chain.resize(n * (BINS / self.rows), NONE);
        for id in 0..n as u32 {
            if self.usable[id as usize] {
                let values = self.signature(id);
                self.file(id, &values, None);
            }
        }
        self.banded = true;
    }

    /// Files document `id` in its band buckets; returns the earlier documents sharing one.
    fn bucket(&mut self, id: u32, sig: &[u32; BINS]) -> Vec<u32> {
        let mut found: Vec<u32> = Vec::new();
        self.file(id, sig, Some(&mut found));
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Files document `id` in its band buckets, and puts the earlier documents sharing one in
    /// `found` when given.
    fn file(&mut self, id: u32, sig: &[u32; BINS], mut found: Option<&mut Vec<u32>>) {
        let rows = self.rows;
        let bands = BINS / rows;
        for band in 0..bands {
            let key = band_key(&sig[band * rows..(band + 1) * rows], band);
            let mut previous = self.heads.insert(key, id).unwrap_or(NONE);
            self.chain[id as usize * bands + band] = previous;
            if let Some(found) = found.as_deref_mut() {
                while previous != NONE {
                    found.push(previous);
                    previous = self.chain[previous as usize * bands + band];
                }
            }
        }
    }

    /// Joins `a` and `b` (signatures `sa` and `sb`) when they are not yet one story and their
    /// estimate reaches the threshold.
    fn check(&mut self, a: u32, b: u32, sa: &[u32; BINS], sb: &[u32; BINS]) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb || similarity(sa, sb) < self.threshold {
            return;
        }
        let (low, high) = (ra.min(rb), ra.max(rb));
        self.parent[high as usize] = low;
    }

    fn find(&mut self, mut id: u32) -> u32 {
        while self.parent[id as usize] != id {
            let grand = self.parent[self.parent[id as usize] as usize];
            self.parent[id as usize] = grand;
            id = grand;
        }
        id
    }

    /// The lead of each document's story (itself when it stands alone), in id order.
    pub fn leads(&self) -> Vec<u32> {
        let mut leads: Vec<u32> = Vec::with_capacity(self.parent.len());
        for (id, &p) in self.parent.iter().enumerate() {
            // Parents are lower ids, whose leads are already known.
            leads.push(if p as usize == id {
                p
            } else {
                leads[p as usize]
            });
        }
        leads
    }

    /// Per document, whether a statistic that counts a story once counts it: true for leads
    /// and documents that stand alone.
    pub fn counted(&self) -> Vec<bool> {
        self.leads()
            .iter()
            .enumerate()
            .map(|(id, &l)| l as usize == id)
            .collect()
    }

    /// The stories of two or more documents, by lead, members in id order.
    pub fn list(&self) -> StoryList {
        let leads = self.leads();
        let mut by_lead: FxHashMap<u32, usize> = FxHashMap::default();
        let mut stories: Vec<Story> = Vec::new();
        for (id, &lead) in leads.iter().enumerate() {
            if lead as usize == id {
                continue;
            }
            let at = *by_lead.entry(lead).or_insert_with(|| {
                stories.push(Story {
                    lead,
                    members: Vec::new(),
                });
                stories.len() - 1
            });
            let same = if self.held {
                same_bins(&self.signature(id as u32), &self.signature(lead))
            } else {
                self.to_lead[id]
            };
            // As `similarity` computes it.
            let similarity = same as f64 / BINS as f64;
            stories[at].members.push(Member {
                id: id as u32,
                similarity,
            });
        }
        stories.sort_by_key(|s| s.lead);
        StoryList {
            threshold: self.threshold,
            documents: self.usable.len(),
            stories,
        }
    }

    /// Heap bytes held: signatures, bands and groups.
    pub fn heap_bytes(&self) -> usize {
        self.signatures.capacity() * 4
            + self.to_lead.capacity()
            + self.usable.capacity()
            + self.parent.capacity() * 4
            + self.heads.capacity() * (std::mem::size_of::<(u32, u32)>() + 1)
            + self.chain.capacity() * 4
    }
}

/// The 32-bit key of band `band` of a signature from that band's values, the band's index
/// mixed in.
fn band_key(values: &[u32], band: usize) -> u32 {
    let mut h = band as u64 ^ 0xA076_1D64_78BD_642F;
    for &v in values {
        h = (h ^ v as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
    (h >> 32) as u32
}

/// How many bins two signatures agree on ([`similarity`] in 128ths).
fn same_bins(a: &[u32; BINS], b: &[u32; BINS]) -> u8 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as u8
}

#[cfg(test)]
mod tests;
