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
//! | `root.bin` | document count; each view's total length (BM25's average); the fence tables: the first pair key of every posting shard (per view), the first document of every document and text shard, each with its hash; the entity file's hash | first, revalidated |
//! | `p/<hash>.bin` | pair postings of the cleaned articles: consecutive pair keys (`first << 32 \| second`, second = `0x110000` at a document's end), per pair every (document, folded byte offset) | when a query's pairs fall in its key range |
//! | `r/<hash>.bin` | the same over the raw texts (searches with removed spans included) | idem, for such searches |
//! | `m/<hash>.bin` | per document of an id range: name, title, folded title, site, URL, script, date, extra fields, lengths, story lead | for the documents a query matches (filters, ranking, facets) |
//! | `t/<hash>.bin` | per document of an id range: the raw text and the cleaned article | for the hits shown (snippets) |
//! | `e/<hash>.bin` | per view, per entity of the variant table, the documents that mention it | with the first query (the entity facet) |
//!
//! Every file is `CESH`, a kind byte, a format version byte, then its payload compressed with
//! deflate, so a host that strips `Content-Encoding` or `Range` serves it as it is; numbers in
//! payloads are LEB128 varints ([`crate::snapshot`]'s codec). A file is named by the FNV-1a
//! 64-bit hash of its bytes (16 hex digits): immutable, cacheable forever, and checked by
//! [`ShardedCorpus::add_shard`] against the name the root gives it.
//!
//! # Answering a query
//!
//! A query needs up to three rounds of fetching, which [`ShardedCorpus::needed`] discovers by
//! running the search on what is loaded and noting what was missing: the posting shards of
//! its pairs (a term of *n* characters: its *n − 1* pairs, each at its byte offset; one
//! character: every pair starting with it, one key range; a term starting or ending with a
//! Latin letter or digit also reads the pairs that tell whether one stands next to it, for the
//! word-boundary rule); then the document shards of the matching documents; then the text
//! shards of the hits on the page. [`ShardedCorpus::search`] refuses (with
//! [`Error::ShardsNeeded`]) until nothing is missing, so it never answers from part of the
//! data. A `/regex/` reads every text: a sharded corpus refuses it with a message.
//!
//! # Limits (what is still short)
//!
//! - The root holds one fence per shard; [`write`] doubles the shard size until the root fits
//!   [`ROOT_MAX_BYTES`] (a two-level fence would keep shards small for 1 GB corpora).
//! - A pair's postings are never split: a very frequent pair makes a shard of its own, larger
//!   than `max_shard_bytes`.
//! - The name-variant table is the built-in one; a corpus with user variants is refused.
//! - The writer sorts all (pair, document, offset) entries in memory: 16 bytes per character.

mod reader;
mod writer;

pub use reader::{ShardedCorpus, ShardedDocument};
pub use writer::{write, ShardOptions, ShardedSite};

use crate::error::{Error, Result};

/// The root's file name.
pub const ROOT_NAME: &str = "root.bin";
/// The most the root may weigh, whatever the number of documents.
pub const ROOT_MAX_BYTES: usize = 16 * 1024;
/// Every file starts with these bytes.
const MAGIC: &[u8; 4] = b"CESH";
/// The format version this build writes and reads.
const VERSION: u8 = 1;
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
    /// Document fields.
    Meta = 3,
    /// Document texts.
    Text = 4,
    /// Entity mentions.
    Entities = 5,
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
}

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

/// What the root says (see the module doc).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Root {
    pub docs: u32,
    /// Total characters of the articles and of the raw texts.
    pub chars: [u64; 2],
    /// Per view (article, raw): (first pair key, shard hash), keys ascending.
    pub postings: [Vec<(u64, u64)>; 2],
    /// (first document id, shard hash), ids ascending.
    pub meta: Vec<(u32, u64)>,
    pub text: Vec<(u32, u64)>,
    pub entities: u64,
    /// Entities the entity file lists (the variant table's length when written).
    pub entity_count: u32,
}

