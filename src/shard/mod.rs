//! A corpus cut into pieces a browser fetches on demand: a small root, then only the shards a
//! query needs, then the text of the hits it shows (issue 16, item 2).
//!
//! One snapshot ([`crate::snapshot`]) suits a corpus a visitor downloads whole. For an archive
//! of hundreds of MB, [`write`] cuts a corpus into content-addressed files and
//! [`ShardedCorpus`] answers [`search`](ShardedCorpus::search) from the ones it was given,
//! with the very evaluator and ranking of [`crate::search`] (the [`Docs`] trait), so results
//! are those of the one-snapshot build (`tests/shard.rs` compares them).
//!
//! # Files
//!
//! | file | holds | fetched |
//! |---|---|---|
//! | `root.bin` | document count; each view's total length (BM25's average); five fence tables (posting shards per view — articles, raw texts, titles —, column and card shards): the first key of every shard with its hash, or, once a table is long, of every fence page; the entity file's hash | first, revalidated |
//! | `f/<hash>.bin` | a fence page: a run of one fence table's entries (first key, hash), so that the root stays within [`ROOT_MAX_BYTES`] for any number of shards | when a query needs a shard it names |
//! | `p/<hash>.bin` | pair postings of the cleaned articles: consecutive pair keys (`first << 32 \| second`, second = `0x110000` at a document's end), per pair every (document, folded byte offset); a pair with more than [`PIECE`] entries is cut into pieces, possibly over several shards | when a query's pairs fall in its key range |
//! | `a/<hash>.bin` | the answer of a frequent term of one or two characters (in at least [`ShardOptions::answer_docs`] documents and [`ShardOptions::answer_share`] of them): documents, occurrences, facets, and the best [`ShardOptions::answer_hits`] hits by BM25 (score, occurrences, first positions, column and card records), listed in the article posting fence | for that term alone, unfiltered, by relevance, a page within the kept hits |
//! | `r/<hash>.bin` | the same over the raw texts (searches with removed spans included) | idem, for such searches |
//! | `n/<hash>.bin` | the same over the folded titles: which documents' titles contain a term (BM25's title bonus, `title:`), without every matching document's title | the shards of the query's terms |
//! | `c/<hash>.bin` | columns of an id range (~400 documents): what ranking and facets read of *every* matching document (site, script, date, extra fields, the two lengths, story lead as a gap back from the id) | for the documents a query matches |
//! | `m/<hash>.bin` | cards of a small id range: what only a shown hit needs (name, title, URL) and the hash of the text shard holding the document | for the hits shown (and every match under `source:`, which reads the URL) |
//! | `t/<hash>.bin` | the raw text and the cleaned article of one document, or of a few small ones; named by its documents' cards (or an answer), not by a fence | for the hits shown (snippets) and the reader |
//! | `e/<hash>.bin` | per view, per entity of the variant table, the documents that mention it | with the first query (the entity facet) |
//!
//! Every file is `CESH`, a kind byte, a format version byte, then its payload compressed with
//! deflate, so a host that strips `Content-Encoding` or `Range` serves it as it is; numbers in
//! payloads are LEB128 varints ([`crate::snapshot`]'s codec). A file is named by the FNV-1a
//! 64-bit hash of its bytes (16 hex digits): immutable, cacheable forever, and checked by
//! [`ShardedCorpus::add_shard`] against the name the root (or a fence page) gives it.
//!
//! A posting fence's key is `pair key × 4 + 1` when the shard begins with a piece of a pair
//! that an earlier shard began, `× 4` otherwise, so a look-up fetches the shard where a pair
//! starts and not the one before it; `× 4 + 2` lists the pair's answer (a single character's
//! answer has the pair key `char << 32 | 0x110001`). A fence page never starts with an answer.
//! Fence pages hold 32 entries (~400 bytes), doubled until the root fits.
//!
//! # Answering a query
//!
//! [`ShardedCorpus::needed`] runs the search on what is loaded and notes what was missing;
//! the caller fetches that and asks again. A frequent term alone (see `a/`): the fence page
//! listing its answer, the answer, the shown hits' texts — three rounds, a few KB besides the
//! texts, however many documents it matches. Otherwise: fence pages (only for long tables) and
//! posting shards of the query's pairs (a term of *n* characters: its *n − 1* pairs, each at
//! its byte offset; one character: every pair starting with it, one key range; a term starting
//! or ending with a Latin letter or digit also reads the pairs that tell whether one stands
//! next to it, for the word-boundary rule), and with them the title postings of its terms
//! (BM25's title bonus: asked for before the matches are known, so that a query whose
//! columns are already loaded needs no round for them); then the column shards of the matching documents
//! (ranking and facets need them all; with them the cards of every match when there are at
//! most two pages of matches); then the cards of the hits on the page, then their
//! texts. At most seven rounds with every table paged, four without. [`ShardedCorpus::search`] refuses
//! (with [`Error::ShardsNeeded`]) until nothing is missing, so it never answers from part of
//! the data. A `/regex/` reads every text: a sharded corpus refuses it with a message.
//!
//! # Measured (chinese-poetry, `tests/bench/scale.mjs`; tests/bench/RESULTS.md has the rest)
//!
//! | corpus | build wall / CPU | peak RSS | on disk | root | 明月 first / later | 白日依山 first / later | 明月光 first |
//! |---|---|---|---|---|---|---|---|
//! | 10 MB | 12.9 s / 5.0 s | 145 MiB | 30.1 MB | 12,159 B | 71.4 / 54.4 KiB, 5 rounds | 73.8 / 56.8 KiB, 5 | 85.8 KiB |
//! | 200 MB | 805 s / 146 s | 456 MiB | 287.9 MB | 14,230 B | 41.9 / 28.0 KiB, 3 | 74.1 / 51.7 KiB, 7 | 158.8 KiB |
//! | 1 GB | 2,681 s / 796 s | 547 MiB | 1,030.6 MB | 13,844 B | 42.9 / 29.4 KiB, 3 | 143.5 / 85.7 KiB, 7 | 578.6 KiB |
//!
//! # Building at scale
//!
//! [`ShardWriter`] takes the corpus in batches (each a [`Session`](crate::session::Session)
//! that cleaned and indexed its documents with the page's code): columns, cards and texts
//! are written as they come, each batch's pair entries go out as one sorted run (in memory,
//! or in files with [`ShardWriter::with_temp_dir`]), and [`ShardWriter::finish`] merges the
//! runs into posting shards. Memory: one batch, plus one buffered piece per run while
//! merging. [`write`] is one batch.
//!
//! # Limits (what is still short)
//!
//! - Across batches, cleaning's cross-document checks (repeated passages) and the story
//!   groups see one batch at a time: a copy in another batch is not found. Doing as one
//!   snapshot does would take a first pass over every source computing what those checks
//!   key on (the paragraph keys of repeated passages, the stories' MinHash signatures,
//!   512 bytes a document: 120 MB at 1 GB, or spilled to a sorted run like the postings),
//!   then the batches cleaned against that global table — two reads of the sources.
//! - A term without an answer needs its whole posting list and every matching document's
//!   columns (exact counts, facets and BM25 over all matches): at 1 GB a term in a few
//!   thousand documents (under the answers' 2 %) still reads most column shards, and a
//!   longer phrase whose pairs are all frequent (明月光) reads their postings
//!   (tests/bench/RESULTS.md). A filter, another order or a page past the kept hits on a
//!   frequent term take that path too.
//! - The name-variant table is the built-in one; a corpus with user variants is refused.

mod answer;
mod reader;
mod writer;

pub use reader::{ShardedCorpus, ShardedDocument};
pub use writer::{write, ShardOptions, ShardSink, ShardWriter, ShardedSite, PIECE};

use crate::error::{Error, Result};

/// The root's file name.
pub const ROOT_NAME: &str = "root.bin";
/// The most the root may weigh, whatever the number of documents.
pub const ROOT_MAX_BYTES: usize = 16 * 1024;
/// Every file starts with these bytes.
const MAGIC: &[u8; 4] = b"CESH";
/// The format version this build writes and reads.
const VERSION: u8 = 3;
/// The most bytes one file may inflate to (a bomb stops here).
const MAX_INFLATED: usize = 512 << 20;

/// The kinds of file, and the folder each lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Root = 0,
    /// Pair postings of the cleaned articles.
    Postings = 1,
    /// Pair postings of the raw texts.
    RawPostings = 2,
    /// Cards: what a shown hit needs (name, title, URL).
    Meta = 3,
    /// Document texts.
    Text = 4,
    /// Entity mentions.
    Entities = 5,
    /// A page of a fence table.
    Fence = 6,
    /// Columns: what ranking, filters and facets read of every matching document.
    Columns = 7,
    /// Pair postings of the folded titles (the title bonus and `title:`).
    TitlePostings = 8,
    /// A frequent term's precomputed answer.
    Answer = 9,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Root => "",
            Kind::Postings => "p/",
            Kind::RawPostings => "r/",
            Kind::Meta => "m/",
            Kind::Text => "t/",
            Kind::Entities => "e/",
            Kind::Fence => "f/",
            Kind::Columns => "c/",
            Kind::TitlePostings => "n/",
            Kind::Answer => "a/",
        }
    }

    fn from_u8(v: u8) -> Option<Kind> {
        Some(match v {
            0 => Kind::Root,
            1 => Kind::Postings,
            2 => Kind::RawPostings,
            3 => Kind::Meta,
            4 => Kind::Text,
            5 => Kind::Entities,
            6 => Kind::Fence,
            7 => Kind::Columns,
            8 => Kind::TitlePostings,
            9 => Kind::Answer,
            _ => return None,
        })
    }
}

/// One shard: its kind and the hash of its bytes, which names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShardId {
    pub kind: Kind,
    pub hash: u64,
}

impl ShardId {
    /// The file name, relative to the corpus folder (`p/0123456789abcdef.bin`).
    pub fn name(&self) -> String {
        format!("{}{:016x}.bin", self.kind.folder(), self.hash)
    }

    /// The id a file name gives (`p/0123456789abcdef.bin`), if it is one.
    pub fn parse(name: &str) -> Option<ShardId> {
        let (folder, file) = name.split_once('/')?;
        let kind = [
            Kind::Postings,
            Kind::RawPostings,
            Kind::Meta,
            Kind::Text,
            Kind::Entities,
            Kind::Fence,
            Kind::Columns,
            Kind::TitlePostings,
            Kind::Answer,
        ]
        .into_iter()
        .find(|k| k.folder() == format!("{folder}/"))?;
        let hex = file.strip_suffix(".bin")?;
        if hex.len() != 16 {
            return None;
        }
        let hash = u64::from_str_radix(hex, 16).ok()?;
        Some(ShardId { kind, hash })
    }
}

/// The folders a site's corpus files live in (below the root's folder).
pub const FOLDERS: &[&str] = &["p", "r", "n", "c", "m", "t", "e", "f", "a"];

/// FNV-1a, 64 bits: names files by content. Not a defence against a hostile host (which can
/// serve any page it likes), a check that a download is the file the root names.
pub(crate) fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A file's bytes: the header, then the payload deflated.
fn seal(kind: Kind, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() / 3 + 8);
    out.extend_from_slice(MAGIC);
    out.push(kind as u8);
    out.push(VERSION);
    out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(payload, 6));
    out
}

/// The kind and inflated payload of a file's bytes.
fn open(name: &str, bytes: &[u8]) -> Result<(Kind, Vec<u8>)> {
    let bad = |problem: &str| Error::BadShard {
        name: name.to_owned(),
        problem: problem.to_owned(),
    };
    if bytes.len() < 6 || &bytes[..4] != MAGIC {
        return Err(bad("it is not a corpus file"));
    }
    let kind = Kind::from_u8(bytes[4]).ok_or_else(|| bad("unknown kind of file"))?;
    if bytes[5] != VERSION {
        return Err(bad(&format!(
            "format version {} where this page reads {VERSION}",
            bytes[5]
        )));
    }
    let payload = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes[6..], MAX_INFLATED)
        .map_err(|_| bad("its compressed bytes do not inflate"))?;
    Ok((kind, payload))
}

/// One fence table: (first key, hash) per shard, ascending; or, when `paged`, per fence page
/// (the first key of the page's first entry, the page's hash).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Fence {
    pub paged: bool,
    pub top: Vec<(u64, u64)>,
}

/// What the root says (see the module doc).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Root {
    pub docs: u32,
    /// Total characters of the articles and of the raw texts.
    pub chars: [u64; 2],
    /// Per view (article, raw, titles): posting fences (keys `pair key × 2 (+ 1)`).
    pub postings: [Fence; 3],
    /// Column and card fences (keys: first document id). A text shard is named by the cards
    /// of its documents.
    pub columns: Fence,
    pub cards: Fence,
    pub entities: u64,
    /// Entities the entity file lists (the variant table's length when written).
    pub entity_count: u32,
}
