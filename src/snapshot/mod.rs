//! Snapshots: a whole corpus as one byte string, so that it can be kept (in the browser's
//! storage, in a file, on a static host) and opened again without cleaning or indexing
//! anything.
//!
//! A snapshot holds the documents exactly as decoded (name, text, encoding and what decoding
//! lost), their paragraphs, cleaning (removed spans with reason and note, kept paragraphs),
//! metadata, the character-pair index, the name-variant table and the user's words. It does
//! not hold the word list for segmentation (a separate file the page loads when a word view
//! needs it) nor the GB18030/Big5 tables; nor caches that are rebuilt on first use (the
//! raw-text index, entity mentions, token streams, the paragraph keys for copies across
//! documents, which only adding a document needs).
//!
//! Opening reads no text (`DERV` holds what it would derive from them: character counts,
//! titles, the offset maps) and decodes no position of the index: it checks the lists' shape
//! (tables, lengths, the bits of each list's high part, from which the skip table is derived).
//! Each document's texts are checked against all that on their first read
//! (`store/check.rs`), the index's positions in it included (a hash of its characters' starts
//! and widths, as its text gives them and as the lists do): the checksums catch accidental
//! damage, this a file forged past them, whose document then reads as a filler, so a snapshot
//! that opens never cuts a character.
//! A snapshot without `DERV` opens the older way: each cleaned text assembled again from the
//! raw text and the removed spans and folded, one document at a time.
//!
//! Opening holds as little beside the corpus as it can, since wasm memory keeps its
//! high-water mark for good (issue 15 item 5): `STOR` is read first and the stories are
//! grouped straight from its bytes, one LSH band at a time, keeping no signature (they are
//! computed again from the texts when a document is added or the threshold changes, and
//! for a snapshot written meanwhile: the same bytes); `TEXT`'s buffer becomes the store's
//! page of coded bits (each document's bits moved down over the code and the length
//! prefixes), and `INDX`'s the index's lists, so neither is ever held twice. The layout
//! below is unchanged by this (format 4).
//!
//! ```
//! use corpus_explorer::{Corpus, search::SearchOptions};
//! let mut corpus = Corpus::new();
//! corpus.add_document("tw.txt", "京東與快手合作".as_bytes()).unwrap();
//! let bytes = corpus.save();
//! let mut opened = Corpus::open(&bytes).unwrap();
//! assert_eq!(opened.search("京东", &SearchOptions::default()).unwrap().total, 1);
//! // Anything else is refused with a message that says what is wrong.
//! let err = Corpus::open(b"PK\x03\x04 a zip file").unwrap_err();
//! assert!(err.to_string().contains("not a saved corpus"));
//! ```
//!
//! # Layout
//!
//! All integers are little-endian. A header, a table of sections, a checksum of both, then
//! the sections one after the other in table order:
//!
//! | offset | bytes | field |
//! |---|---|---|
//! | 0 | 8 | magic `89 43 4F 52 50 55 53 0A` (`\x89CORPUS\n`: a high byte first, so no text file starts with it, and a line feed last, so a transfer that rewrites line endings is caught) |
//! | 8 | 4 | format version ([`FORMAT_VERSION`]); a reader refuses a newer one |
//! | 12 | 4 | number of sections *n* |
//! | 16 | 8 | length of the whole snapshot in bytes (a cut-off file is told from a damaged one) |
//! | 24 | 16 | the crate version that wrote it, ASCII, padded with zero bytes |
//! | 40 | 28 × *n* | the section table: per section its tag (4 ASCII bytes), flags (`u32`, 0: stored as it is; the bits are kept for compression), offset (`u64`, from the start of the snapshot), length (`u64`) and CRC-32 of its bytes (`u32`) |
//! | 40 + 28*n* | 4 | CRC-32 of everything before it |
//!
//! Inside the sections, numbers are unsigned LEB128 varints (7 bits a byte, low first),
//! texts are a varint byte length and UTF-8, and ranges are byte offsets into the document's
//! raw text written as (gap from the previous range's end, length). The sections, in the
//! order they are written:
//!
//! | tag | holds |
//! |---|---|
//! | `DOCS` | the size limit (0 for none, else limit + 1); the number of documents; per document: name, encoding (its WHATWG name), undecodable bytes, the decoding warning (0, or 1 and the text), Traditional and Simplified character counts, paragraphs (count, then ranges), byte length of its text |
//! | `TEXT` | the documents' texts exactly as decoded, in id order, coded per character as the store keeps them in memory ([`crate::store`]'s `text.rs`, `text/code.rs`): the code — the number of symbols, then per symbol in rising order of value the gap from the previous value (the first from 0; a value is a character's scalar value, or 0x110000 for the escape) and its code length in bits (one byte, 1–24; canonical Huffman: codes of one length consecutive in the order of the values) — then per document the byte length of its bits and those bits (most significant bit first; an escape is followed by a scalar value in 21 bits; zero bits pad the last byte). Format 3 held the texts deflated in blocks of whole documents, formats 1 and 2 plain, one after the other; such a snapshot still opens, its texts coded on the way in |
//! | `CLEN` | cleaning: the table of notes (count, texts); per document: the number of paragraphs and a bit per paragraph (1 = kept at least in part, low bit first), the removed spans (count, ranges), and per span a byte (reason 0–10: duplicate, boilerplate, promotion, spam, caption, footer, navigation, comments, related, header, sidebar — 6–10 since HTML extraction, same layout; high bit: a whole paragraph) and its note's number |
//! | `META` | per document a byte of flags (title, date, URL, site, author: bits 0–4), then those present: title range; date (year + 1, month + 1, day + 1, each 0 when not stated) and its range; URL; site; author's name and range (ranges here as start and length) |
//! | `INDX` | the index (format 3): number of documents and each one's folded length; the character table — number of distinct characters, per character the gap from the previous one (the first from 0), its number of positions and the byte length of its list — then the postings, a byte length and the lists byte for byte as the index holds them in memory (per character its positions, byte offsets into the folded texts one after the other, as varint gaps, the first from 0; see [`crate::index`]). Format 2 held one block per character pair under a two-level pair table: such a snapshot still opens, its pairs merged into the characters' lists (`index/pairs.rs`). Format 1 held every pair as a key and every position as a gap: such a snapshot still opens, its index built again from the texts |
//! | `VARS` | the name-variant table as it stands: entities (count; canonical name, kind, variants), then the folded names the user added |
//! | `WORD` | the user's words, in the order added |
//! | `FLDS` | only when a document came with metadata stated beside its text (table rows, [`crate::formats`]): the number of documents; per document a byte (0: nothing stated, 1: stated), then title, date, source, URL and author (each 0, or 1 and the text) and the extra fields (count; name, value each) |
//! | `STOR` | the stories' signatures, so that opening does not fold and hash every article again (added within format 2: a snapshot without it opens and computes them; one with it opens in an older reader, which skips it): the number of documents, a byte per document (1: it has a signature, 0: too short for one), then per document that has one its 128 min-hashes as `u32` |
//! | `DERV` | what opening would otherwise derive from the texts, so that it inflates and folds none (added within format 3: a snapshot without it opens the older way, every text read; one with it opens in an older reader, which skips it): the number of documents; per document the raw text's length in characters, the cleaned text's, a byte of flags (bit 0: the cleaned text is the raw text exactly), the title shown, then the cleaning offset map (cleaned → raw) and the fold offset map (folded → cleaned), each as its anchors: a count, then per anchor the gaps from the previous one in both offsets. Each document's texts are checked against it on their first read (`store/check.rs`) |
//!
//! A reader skips sections whose tag it does not know, so a later version can add one
//! (stories, statistics) without a new format version; a change that older readers must
//! not ignore takes a new version (format 2 changed `INDX`; format 3 changed `INDX` to lists per
//! character and `TEXT` to deflated blocks; format 4 `TEXT` to a code per character). The
//! postings are compressed as the index holds them, and the texts coded as the store holds
//! them (0.45 of the text at 10 MB of poetry), so opening copies both and compresses nothing
//! again (each text is decoded once, to check it and for what opening derives from it).
//!
//! # Errors
//!
//! Reading never panics and never trusts a count: every length is checked against the bytes
//! there are before anything is allocated. A file that does not start with the magic is
//! [`Error::NotASnapshot`]; a newer format is [`Error::SnapshotTooNew`]; fewer bytes than
//! the header states is [`Error::SnapshotTruncated`]; a checksum that does not match, or
//! content that does not agree with itself, is [`Error::SnapshotDamaged`] naming the part.

pub(crate) mod codec;
mod sections;
pub mod source;

use crate::error::{Error, Result};
use crate::index::{Boundaries, Index};
use crate::query::Variants;
use crate::store::text::Texts;
use crate::store::{Checks, Entry, Store};
use crate::stories::Stories;
use codec::crc32;
pub use source::Source;

/// The first eight bytes of every snapshot.
pub const MAGIC: [u8; 8] = *b"\x89CORPUS\n";

/// The format this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 4;

/// The format whose `TEXT` held the texts deflated in blocks (3); formats 1 and 2 stored them
/// plain. Both open with their texts coded on the way in.
const FORMAT_TEXT_BLOCKS: u32 = 3;

/// The first format whose `TEXT` holds the texts coded per character, as the store keeps
/// them (4).
const FORMAT_TEXT_CODED: u32 = 4;

/// The format before the index's postings were compressed in memory and stored as they are
/// (2): a format-1 snapshot opens, with its index built again from the folded texts.
const FORMAT_REBUILDS_INDEX: u32 = 1;

/// The format whose `INDX` held pair postings: converted to lists per character on open.
const FORMAT_PAIR_INDEX: u32 = 2;

/// Bytes before the section table.
pub const HEADER_LEN: usize = 40;

/// Bytes of one entry of the section table.
pub const ENTRY_LEN: usize = 28;

/// The sections a snapshot (format 1 or 2) must have, in the order they are written.
const REQUIRED: [&str; 7] = ["DOCS", "TEXT", "CLEN", "META", "INDX", "VARS", "WORD"];

/// A corpus as a snapshot holds it: the store, the name-variant table and the user's words.
/// [`crate::Corpus::save`] and [`crate::Corpus::open`] put the session's parts in and take
/// them out.
#[derive(Debug)]
pub struct Parts {
    /// The documents, their cleaning and metadata, and the index.
    pub store: Store,
    /// The name-variant table, built-in and added.
    pub variants: Variants,
    /// The user's words, in the order added.
    pub user_words: Vec<String>,
    /// The stories at the default threshold, from the signatures `STOR` kept; `None` for a
    /// snapshot without that section (written before it), whose stories are computed again.
    pub stories: Option<Stories>,
}

/// One entry of the section table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Four ASCII letters naming the section (`TEXT`).
    pub tag: [u8; 4],
    /// Reserved for compression; 0 in formats 1 and 2.
    pub flags: u32,
    /// Where its bytes start, from the start of the snapshot.
    pub offset: u64,
    /// How many bytes it has.
    pub length: u64,
    /// CRC-32 of its bytes.
    pub crc: u32,
}

impl Section {
    /// The tag as text.
    pub fn name(&self) -> String {
        String::from_utf8_lossy(&self.tag).into_owned()
    }
}

/// The snapshot of a store, its variant table, the user's words and the stories' signatures
/// (left out when `stories` does not hold one per document).
pub fn write(
    store: &Store,
    variants: &Variants,
    user_words: &[String],
    stories: &Stories,
) -> Vec<u8> {
    let mut bodies = Vec::new();
    let mut out = write_parts(store, variants, user_words, stories, &mut |body| {
        bodies.extend_from_slice(body)
    });
    out.extend_from_slice(&bodies);
    out
}

/// [`write`] a section at a time: each section's bytes are handed to `part` as soon as they
/// are written, in file order, and dropped before the next is written; the header and the
/// section table (which need every section's length and checksum) are returned last. The
/// snapshot is the returned bytes followed by the parts. So a snapshot is never whole in
/// memory beside the corpus: in the browser (`src/wasm.rs`) each part goes straight into
/// JavaScript's memory, and wasm memory, which keeps its high-water mark for good, grows by
/// one section at most (the whole file and its sections side by side took 3× the snapshot,
/// measured at 10 MB of poetry: 24.5 → 64.7 MiB of wasm memory for a 13.4 MiB snapshot).
pub fn write_parts(
    store: &Store,
    variants: &Variants,
    user_words: &[String],
    stories: &Stories,
    part: &mut dyn FnMut(&[u8]),
) -> Vec<u8> {
    let mut table: Vec<(&str, usize, u32)> = Vec::new();
    let mut emit = |tag: &'static str, body: Vec<u8>| {
        table.push((tag, body.len(), crc32(&body)));
        part(&body);
    };
    let (docs, text) = sections::write_documents(store);
    emit("DOCS", docs);
    emit("TEXT", text);
    emit("CLEN", sections::write_cleaning(store));
    emit("META", sections::write_meta(store));
    emit("INDX", sections::write_index(store));
    emit("VARS", sections::write_variants(variants));
    emit("WORD", sections::write_words(user_words));
    if store.entries.iter().any(|e| e.stated.is_some()) {
        emit("FLDS", sections::write_fields(store));
    }
    if stories.len() == store.len() {
        emit("STOR", sections::write_stories(stories, store));
    }
    emit("DERV", sections::write_derived(store));
    let table_end = HEADER_LEN + ENTRY_LEN * table.len() + 4;
    let total = table_end + table.iter().map(|(_, len, _)| len).sum::<usize>();
    let mut out = Vec::with_capacity(table_end);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(table.len() as u32).to_le_bytes());
    out.extend_from_slice(&(total as u64).to_le_bytes());
    let mut writer = [0u8; 16];
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let n = version.len().min(16);
    writer[..n].copy_from_slice(&version[..n]);
    out.extend_from_slice(&writer);
    let mut offset = table_end as u64;
    for (tag, len, crc) in &table {
        out.extend_from_slice(tag.as_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(*len as u64).to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        offset += *len as u64;
    }
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

fn damaged(section: &str, problem: &str) -> Error {
    Error::SnapshotDamaged {
        section: section.to_owned(),
        problem: problem.to_owned(),
    }
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// The section table of a snapshot, after checking the magic, version, length and the
/// checksums of the header and of every section.
pub fn table(bytes: &[u8]) -> Result<Vec<Section>> {
    let (_, _, sections) = head(bytes, bytes.len() as u64)?;
    for s in &sections {
        let body = &bytes[s.offset as usize..(s.offset + s.length) as usize];
        if crc32(body) != s.crc {
            return Err(damaged(&s.name(), "its checksum does not match"));
        }
    }
    Ok(sections)
}

/// The format version, the stated length and the section table, from a snapshot's first bytes
/// (`bytes`: up to the end of its table, or all there are when fewer) and its whole length
/// `actual`: the magic, version, length and the header's checksum checked, and the sections
/// laid end to end within the stated length. Each section's own checksum is checked when its
/// bytes are read ([`table`], [`source::section`]).
fn head(bytes: &[u8], actual: u64) -> Result<(u32, u64, Vec<Section>)> {
    let magic_len = bytes.len().min(MAGIC.len());
    if bytes.is_empty() || bytes[..magic_len] != MAGIC[..magic_len] {
        return Err(Error::NotASnapshot);
    }
    let truncated = |expected: u64| Error::SnapshotTruncated { expected, actual };
    if bytes.len() < 12 {
        return Err(truncated(HEADER_LEN as u64 + 4));
    }
    let version = u32_at(bytes, 8);
    if version > FORMAT_VERSION {
        let writer = bytes
            .get(24..40)
            .map_or(String::from("an unknown version"), |w| {
                let w: Vec<u8> = w.iter().copied().take_while(|&b| b != 0).collect();
                String::from_utf8_lossy(&w).into_owned()
            });
        return Err(Error::SnapshotTooNew {
            version,
            writer,
            supported: FORMAT_VERSION,
        });
    }
    if version == 0 {
        return Err(damaged("header", "the format version is 0"));
    }
    if bytes.len() < HEADER_LEN {
        return Err(truncated(HEADER_LEN as u64 + 4));
    }
    let count = u32_at(bytes, 12) as u64;
    let declared = u64_at(bytes, 16);
    let table_end = HEADER_LEN as u64 + ENTRY_LEN as u64 * count + 4;
    if declared < actual || declared < table_end {
        // Longer than stated: not cut off, but not as written either. The checksum tells.
        if crc_ok(bytes, table_end) == Some(false) {
            return Err(damaged("header", "its checksum does not match"));
        }
        return Err(damaged("header", "the stated length is not the file's"));
    }
    if declared > actual {
        return Err(truncated(declared));
    }
    if crc_ok(bytes, table_end) != Some(true) {
        return Err(damaged("header", "its checksum does not match"));
    }
    let mut out = Vec::new();
    let mut next = table_end;
    for i in 0..count as usize {
        let at = HEADER_LEN + ENTRY_LEN * i;
        let mut tag = [0u8; 4];
        tag.copy_from_slice(&bytes[at..at + 4]);
        let section = Section {
            tag,
            flags: u32_at(bytes, at + 4),
            offset: u64_at(bytes, at + 8),
            length: u64_at(bytes, at + 16),
            crc: u32_at(bytes, at + 24),
        };
        let name = section.name();
        let end = section.offset.checked_add(section.length);
        if section.offset != next || end.is_none_or(|e| e > declared) {
            return Err(damaged(
                "section table",
                "a section is not where the table says",
            ));
        }
        if section.flags != 0 && REQUIRED.contains(&name.as_str()) {
            return Err(damaged(
                &name,
                "it is marked with a compression this version does not read",
            ));
        }
        next = section.offset + section.length;
        out.push(section);
    }
    if next != declared {
        return Err(damaged(
            "section table",
            "the sections do not fill the file",
        ));
    }
    Ok((version, declared, out))
}

/// Whether the header checksum (after the table ending at `table_end`) matches; `None` when
/// the bytes do not reach it.
fn crc_ok(bytes: &[u8], table_end: u64) -> Option<bool> {
    let end = usize::try_from(table_end)
        .ok()
        .filter(|&e| e <= bytes.len())?;
    Some(crc32(&bytes[..end - 4]) == u32_at(bytes, end - 4))
}

/// Reads a snapshot back: the store as it was saved (nothing cleaned or indexed again), the
/// variant table and the user's words. Any problem is an error naming it; nothing panics.
pub fn read(bytes: &[u8]) -> Result<Parts> {
    read_from(&mut &bytes[..])
}

/// [`read`] from a [`Source`]: the header and section table first, then each section's bytes
/// when they are needed (checked against its checksum then), each dropped once read — so that
/// the whole snapshot is never in memory beside the corpus built from it (in the browser, the
/// wasm memory that keeps its high-water mark for good). A source that fails or ends early is
/// an error saying so.
pub fn read_from(source: &mut dyn Source) -> Result<Parts> {
    let actual = source.len();
    let first = source::fetch(
        source,
        0,
        HEADER_LEN.min(usize::try_from(actual).unwrap_or(HEADER_LEN)),
        actual,
    )?;
    // The table's end, where the header says it is; fetched with the header when the file
    // is long enough (else `head` says what is wrong from the header alone).
    let table_end = (first.len() == HEADER_LEN)
        .then(|| HEADER_LEN as u64 + ENTRY_LEN as u64 * u32_at(&first, 12) as u64 + 4)
        .filter(|&end| end <= actual);
    let prefix = match table_end {
        Some(end) => source::fetch(source, 0, end as usize, actual)?,
        None => first,
    };
    let (version, stated, table) = head(&prefix, actual)?;
    drop(prefix);
    // The sections are not read in file order (the stories first): a source that ends early
    // is told where it ends before any of them.
    source::check_end(source, actual, stated)?;
    let present = |tag: &str| table.iter().any(|s| s.tag == tag.as_bytes()[..4]);
    let find = |tag: &str| {
        table
            .iter()
            .find(|s| s.tag == tag.as_bytes()[..4])
            .ok_or_else(|| damaged(tag, "the section is missing"))
    };
    // Shared: the sections read in pieces (`source::Pieces`) fetch beside whole ones.
    let source = std::cell::RefCell::new(source);
    let body = |tag: &str| -> Result<Vec<u8>> {
        source::section(&mut **source.borrow_mut(), find(tag)?, stated)
    };
    // The stories first: grouping them needs their section and band buckets for a moment
    // (2.6 MiB at 10 MB of poetry), room that the documents read next take over, instead of
    // a high-water mark above the whole corpus once read.
    let stories = if present("STOR") {
        Some(sections::read_stories(&body("STOR")?)?)
    } else {
        None
    };
    let (heads, texts, limit) =
        sections::read_documents(&body("DOCS")?, body("TEXT")?, version)?;
    let indx = body("INDX")?;
    let mut input = codec::In::new(&indx, "INDX");
    let folded_lens = sections::read_folded_lens(&mut input, &heads)?;
    let lists_at = input.position();
    let derived = version >= FORMAT_TEXT_BLOCKS && present("DERV");
    let (entries, index, checks) = match derived {
        // What opening needs of the texts is stored beside them: no text is inflated or
        // folded here, each is checked on its first read (`store/check.rs`). The sections
        // are read a piece at a time, never whole beside the entries.
        true => {
            let pieces = |tag: &'static str| Ok(source::Pieces::new(find(tag)?, tag, stated));
            let (entries, expected) = sections::read_entries_derived(
                &mut **source.borrow_mut(),
                [pieces("CLEN")?, pieces("META")?, pieces("DERV")?],
                heads,
                &folded_lens,
            )?;
            // The lists become the index's own bytes, not a copy beside the section.
            let index = sections::read_index_lists(indx, lists_at, &folded_lens)?;
            let checks = Checks::pending(expected, &index);
            (entries, index, checks)
        }
        false => {
            let (entries, index) = read_texts_eagerly(
                &body("CLEN")?,
                &body("META")?,
                heads,
                &texts,
                (indx, lists_at),
                folded_lens,
                version,
            )?;
            (entries, index, Checks::default())
        }
    };
    let variants = sections::read_variants(&body("VARS")?)?;
    let user_words = sections::read_words(&body("WORD")?)?;
    let mut store = Store::from_parts(entries, texts, index, limit, checks);
    if present("FLDS") {
        sections::read_fields(&body("FLDS")?, &mut store)?;
    }
    if stories.as_ref().is_some_and(|s| s.len() != store.len()) {
        return Err(damaged("STOR", "the stories hold another number of documents"));
    }
    Ok(Parts {
        store,
        variants,
        user_words,
        stories,
    })
}

/// The entries and index of a snapshot without `DERV` (written before it, or formats 1 and 2):
/// every text inflated, its cleaned text assembled and folded, one document at a time.
/// `indx` is the `INDX` section and where its lists (or pair table) start.
fn read_texts_eagerly(
    clen: &[u8],
    meta: &[u8],
    heads: Vec<sections::Head>,
    texts: &Texts,
    (indx, lists_at): (Vec<u8>, usize),
    folded_lens: Vec<usize>,
    version: u32,
) -> Result<(Vec<Entry>, Index)> {
    // One document at a time: its raw text inflated, its cleaned text assembled and folded
    // into the index's character boundaries (or, for format 1, the index built again), its
    // entry made, both texts dropped.
    let rebuilds = version == FORMAT_REBUILDS_INDEX;
    let (mut boundaries, mut rebuilt) = (
        Boundaries::with_capacity(heads.len(), folded_lens.iter().sum()),
        Index::default(),
    );
    let entries = sections::read_entries(
        clen,
        meta,
        heads,
        texts,
        &folded_lens,
        |text| {
            if rebuilds {
                rebuilt.push(text);
            } else {
                boundaries.push(text);
            }
        },
    )?;
    let index = if rebuilds {
        // Every text was pushed just now: nothing is asked for again.
        rebuilt.build(|_, _| {});
        rebuilt
    } else if version == FORMAT_PAIR_INDEX {
        sections::read_pair_index(codec::In::new(&indx[lists_at..], "INDX"), boundaries)?
    } else {
        // The lists become the index's own bytes, not a copy beside the section.
        sections::read_index(indx, lists_at, boundaries)?
    };
    Ok((entries, index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::seed_corpus;

    fn seeds() -> Vec<u8> {
        seed_corpus().save()
    }

    #[test]
    fn a_snapshot_starts_with_the_magic_and_lists_every_section() {
        let bytes = seeds();
        assert_eq!(bytes[..8], MAGIC);
        let names: Vec<String> = table(&bytes).unwrap().iter().map(Section::name).collect();
        assert_eq!(names[..REQUIRED.len()], REQUIRED);
        assert_eq!(names[REQUIRED.len()..], ["STOR", "DERV"]);
    }

    /// The snapshot with section `tag` left out, table and checksums redone: what a writer
    /// that never had it would have written.
    fn without(bytes: &[u8], tag: &[u8; 4]) -> Vec<u8> {
        let kept: Vec<Section> = table(bytes)
            .unwrap()
            .into_iter()
            .filter(|s| &s.tag != tag)
            .collect();
        let table_end = HEADER_LEN + ENTRY_LEN * kept.len() + 4;
        let mut out = bytes[..HEADER_LEN].to_vec();
        out[12..16].copy_from_slice(&(kept.len() as u32).to_le_bytes());
        let mut offset = table_end as u64;
        for s in &kept {
            out.extend_from_slice(&s.tag);
            out.extend_from_slice(&s.flags.to_le_bytes());
            out.extend_from_slice(&offset.to_le_bytes());
            out.extend_from_slice(&s.length.to_le_bytes());
            out.extend_from_slice(&s.crc.to_le_bytes());
            offset += s.length;
        }
        out[16..24].copy_from_slice(&offset.to_le_bytes());
        let crc = crc32(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        for s in &kept {
            out.extend_from_slice(&bytes[s.offset as usize..(s.offset + s.length) as usize]);
        }
        out
    }

    #[test]
    fn stories_open_from_their_section_as_computed_and_without_it() {
        const A: &str = "京东零售与快手宣布达成战略合作，双方将在供应链、品牌营销和数字化运营方面展开深度合作。快手电商负责人表示，此次合作将为平台商家带来更丰富的商品和更优质的服务。";
        let b = A.replace("更优质的服务", "更好的服务");
        let mut corpus = crate::testing::named_corpus(&[
            ("a.txt", A),
            ("short.txt", "短文"),
            ("copy.txt", A),
            ("edited.txt", &b),
        ]);
        assert!(!corpus.stories().stories.is_empty());
        let bytes = corpus.save();
        let kept = read(&bytes).unwrap().stories.expect("STOR read back");
        assert_eq!(kept.list(), corpus.stories());
        // Grouped from the section's bytes, no signature kept; computed again from the texts
        // for a document added, and for a snapshot written before that.
        assert!(!kept.holds_signatures());
        let mut reopened = crate::Corpus::open(&bytes).unwrap();
        assert_eq!(reopened.save(), bytes);
        let c = A.replace("供应链", "物流链");
        let mut built = crate::testing::named_corpus(&[
            ("a.txt", A),
            ("short.txt", "短文"),
            ("copy.txt", A),
            ("edited.txt", &b),
            ("again.txt", &c),
        ]);
        reopened.add_document("again.txt", c.as_bytes()).unwrap();
        assert_eq!(reopened.stories(), built.stories());
        let joined = |s: &crate::stories::Story| s.members.iter().any(|m| m.id == 4);
        assert!(built.stories().stories.iter().any(joined), "{:?}", built.stories());
        assert_eq!(reopened.save(), built.save());
        assert_eq!(
            reopened.set_story_threshold(0.9).unwrap(),
            built.set_story_threshold(0.9).unwrap()
        );
        let older = without(&bytes, b"STOR");
        let parts = read(&older).unwrap();
        assert!(parts.stories.is_none());
        let opened = crate::Corpus::open(&older).unwrap();
        assert_eq!(opened.stories(), corpus.stories());
        let mut from_section = crate::Corpus::open(&bytes).unwrap();
        assert_eq!(
            from_section.set_story_threshold(0.3).unwrap(),
            corpus.set_story_threshold(0.3).unwrap()
        );
    }

    #[test]
    fn a_stories_section_for_another_number_of_documents_is_damage() {
        let bad = forged(&seeds(), b"STOR", |body| body[0] += 1);
        assert!(
            matches!(read(&bad).unwrap_err(), Error::SnapshotDamaged { section, .. } if section == "STOR")
        );
    }

    #[test]
    fn another_kind_of_file_is_not_a_snapshot() {
        for bytes in [
            &b""[..],
            b"PK\x03\x04",
            "京东与快手".as_bytes(),
            b"\x89PNG\r\n\x1a\n",
        ] {
            assert_eq!(read(bytes).unwrap_err(), Error::NotASnapshot);
        }
    }

    #[test]
    fn a_newer_format_names_both_versions() {
        let mut bytes = seeds();
        bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        let err = read(&bytes).unwrap_err();
        assert!(
            matches!(err, Error::SnapshotTooNew { version, .. } if version == FORMAT_VERSION + 1),
            "{err}"
        );
        assert!(err.to_string().contains(env!("CARGO_PKG_VERSION")), "{err}");
    }

    /// The snapshot as format `version` (1 or 2) wrote it: `TEXT` the documents' texts one
    /// after the other, plain, and the version in the header (table and checksums redone).
    fn with_plain_text(bytes: &[u8], version: u32) -> Vec<u8> {
        let corpus = crate::Corpus::open(bytes).unwrap();
        let plain: Vec<u8> = (0..corpus.len() as u32)
            .flat_map(|id| corpus.raw_text(id).unwrap().into_owned().into_bytes())
            .collect();
        with_text(bytes, version, &plain)
    }

    /// The snapshot as format 3 wrote it: `TEXT` the texts deflated in blocks of whole
    /// documents of at least `block` bytes (the last one shorter); with `damaged`, the first
    /// block's deflate header names the reserved block type 3.
    fn with_deflated_blocks(bytes: &[u8], block: usize, damaged: bool) -> Vec<u8> {
        let corpus = crate::Corpus::open(bytes).unwrap();
        let mut blocks: Vec<(usize, String)> = vec![(0, String::new())];
        for id in 0..corpus.len() as u32 {
            let last = blocks.last_mut().unwrap();
            last.0 += 1;
            last.1.push_str(&corpus.raw_text(id).unwrap());
            if last.1.len() >= block {
                blocks.push((0, String::new()));
            }
        }
        blocks.retain(|b| b.0 > 0);
        let mut text = codec::Out::default();
        text.usize(blocks.len());
        for (i, (n, t)) in blocks.into_iter().enumerate() {
            text.usize(n);
            text.usize(t.len());
            let mut deflated = miniz_oxide::deflate::compress_to_vec(t.as_bytes(), 6);
            if damaged && i == 0 {
                deflated[0] |= 0b110;
            }
            text.bytes(&deflated);
        }
        with_text(bytes, FORMAT_TEXT_BLOCKS, &text.buf)
    }

    #[test]
    fn a_format_3_snapshot_opens_its_deflated_blocks_coded_again() {
        let mut corpus = seed_corpus();
        for block in [1, 4096, 1 << 20] {
            let bytes = with_deflated_blocks(&corpus.save(), block, false);
            let mut opened = crate::Corpus::open(&bytes).unwrap();
            for id in 0..corpus.len() as u32 {
                assert_eq!(opened.raw_text(id).unwrap(), corpus.raw_text(id).unwrap());
            }
            answer_alike(&mut corpus, &mut opened, &["京东", "直播", "的", "/[0-9]+亿/"]);
            // Saved again, it is format 4, with the same texts.
            let again = crate::Corpus::open(&opened.save()).unwrap();
            assert_eq!(again.raw_text(2).unwrap(), corpus.raw_text(2).unwrap());
            // A block whose bytes do not inflate is refused.
            let bad = with_deflated_blocks(&corpus.save(), block, true);
            assert!(matches!(read(&bad).unwrap_err(), Error::SnapshotDamaged { .. }));
        }
    }

    /// The snapshot with `TEXT` replaced by `text` and `version` in the header (table and
    /// checksums redone).
    fn with_text(bytes: &[u8], version: u32, plain: &[u8]) -> Vec<u8> {
        let mut header = bytes[..HEADER_LEN].to_vec();
        header[8..12].copy_from_slice(&version.to_le_bytes());
        rebuilt(header, bytes, b"TEXT", plain)
    }

    // A format-2 snapshot (plain `TEXT`, pair postings in `INDX`) written by the code of
    // that time is opened and compared in tests/snapshot.rs
    // (`a_format_2_snapshot_opens_and_answers_as_the_corpus_built_now`).

    #[test]
    fn a_format_1_snapshot_opens_with_its_index_built_again() {
        // Format 1's `INDX` began as format 2's does (documents, folded lengths); only that is
        // read, so a snapshot with plain text marked 1 stands for one.
        let mut corpus = seed_corpus();
        let bytes = with_plain_text(&corpus.save(), 1);
        let mut opened = crate::Corpus::open(&bytes).unwrap();
        answer_alike(&mut corpus, &mut opened, &["京东", "直播", "的", "电商平台"]);
    }

    #[test]
    fn a_cut_off_snapshot_says_how_long_it_should_be() {
        let bytes = seeds();
        for len in [5, 20, 100, bytes.len() / 2, bytes.len() - 1] {
            let err = read(&bytes[..len]).unwrap_err();
            assert!(
                matches!(err, Error::SnapshotTruncated { actual, .. } if actual == len as u64),
                "{len}: {err}"
            );
        }
    }

    #[test]
    fn a_flipped_bit_in_the_text_is_caught_by_its_checksum() {
        let bytes = seeds();
        let text = table(&bytes)
            .unwrap()
            .into_iter()
            .find(|s| &s.tag == b"TEXT")
            .unwrap();
        let mut bad = bytes.clone();
        bad[text.offset as usize + 10] ^= 4;
        let err = read(&bad).unwrap_err();
        assert_eq!(
            err,
            Error::SnapshotDamaged {
                section: "TEXT".into(),
                problem: "its checksum does not match".into()
            }
        );
        assert!(err.to_string().contains("Open an earlier copy"));
    }

    /// `bytes` with section `tag`'s body changed by `change`, its checksum and the header's
    /// redone: damage the checksums do not catch (a forged file).
    fn forged(bytes: &[u8], tag: &[u8; 4], change: impl FnOnce(&mut [u8])) -> Vec<u8> {
        let (i, s) = table(bytes)
            .unwrap()
            .into_iter()
            .enumerate()
            .find(|(_, s)| &s.tag == tag)
            .unwrap();
        let mut out = bytes.to_vec();
        let body = s.offset as usize..(s.offset + s.length) as usize;
        change(&mut out[body.clone()]);
        let crc = crc32(&out[body]);
        let at = HEADER_LEN + ENTRY_LEN * i;
        out[at + 24..at + 28].copy_from_slice(&crc.to_le_bytes());
        let end = HEADER_LEN + ENTRY_LEN * u32_at(bytes, 12) as usize;
        let crc = crc32(&out[..end]);
        out[end..end + 4].copy_from_slice(&crc.to_le_bytes());
        out
    }

    #[test]
    fn a_text_block_forged_past_its_checksum_is_refused_as_damaged() {
        // Without `DERV` (a snapshot written before it) opening reads every text.
        let bytes = without(&seeds(), b"DERV");
        // The code first (its symbols' gaps and lengths: a changed length is no complete
        // code, a changed gap names other characters), then the documents' bits: each of
        // these flips must give an error, never a panic nor a corpus.
        for at in [2, 8, 40, 200, 1000] {
            let bad = forged(&bytes, b"TEXT", |body| body[at] ^= 0x5A);
            let err = read(&bad).unwrap_err();
            assert!(matches!(err, Error::SnapshotDamaged { .. }), "{at}: {err}");
        }
        // Bytes flipped all over the section: an error or a corpus, never a panic.
        let len = table(&bytes).unwrap().iter().find(|s| &s.tag == b"TEXT").unwrap().length;
        for at in (0..len as usize).step_by(len as usize / 40) {
            let bad = forged(&bytes, b"TEXT", |body| {
                if let Some(b) = body.get_mut(at) {
                    *b ^= 0xA5;
                }
            });
            let _ = read(&bad);
        }
    }

    /// Every call that reads a text, on every document of `corpus`: none may panic.
    fn read_everything(corpus: &mut crate::Corpus) {
        let options = crate::search::SearchOptions::default();
        for q in ["京东", "快手", "的", "/直播.{0,4}电商/", "JD"] {
            let _ = corpus.search(q, &options);
        }
        let _ = corpus.documents();
        for id in 0..corpus.len() as u32 {
            let _ = corpus.raw_text(id);
            let _ = corpus.text(id);
            let _ = corpus.reader(id, "快手", &options);
        }
        let _ = corpus.figures(Default::default());
        let _ = corpus.concordance("的", &Default::default());
    }

    #[test]
    fn opening_reads_no_text_and_a_forged_one_reads_as_a_filler_when_first_read() {
        let corpus = seed_corpus();
        let bytes = corpus.save();
        let opened = crate::Corpus::open(&bytes).unwrap();
        // Nothing read yet: not a document checked.
        assert!(opened.store().checks_pending());
        for id in 0..corpus.len() as u32 {
            assert_eq!(opened.raw_text(id).unwrap(), corpus.raw_text(id).unwrap());
        }
        assert!(!opened.store().checks_failed());
        // A deflated text forged past its checksum: opening does not see it; the first read
        // does, and the document reads as a filler from then on, nothing panics.
        for at in [8, 40, 200, 1000] {
            let bad = forged(&bytes, b"TEXT", |body| body[at] ^= 0x5A);
            let Ok(mut opened) = crate::Corpus::open(&bad) else {
                continue;
            };
            read_everything(&mut opened);
            assert!(opened.store().checks_failed(), "{at}");
            let fillers = (0..opened.len() as u32)
                .filter(|&id| opened.raw_text(id).unwrap().bytes().all(|b| b == b'?'))
                .count();
            assert!(fillers >= 1, "{at}");
        }
    }

    #[test]
    fn forged_derived_data_is_refused_on_open_or_caught_when_first_read() {
        let bytes = seeds();
        let derv = table(&bytes)
            .unwrap()
            .into_iter()
            .find(|s| &s.tag == b"DERV")
            .unwrap();
        let mut caught = 0;
        for at in (1..derv.length as usize).step_by(7) {
            let bad = forged(&bytes, b"DERV", |body| body[at] = body[at].wrapping_add(1));
            match crate::Corpus::open(&bad) {
                Err(e) => assert!(matches!(e, Error::SnapshotDamaged { .. }), "{e}"),
                Ok(mut opened) => {
                    read_everything(&mut opened);
                    caught += opened.store().checks_failed() as usize;
                }
            }
        }
        assert!(caught > 0);
    }

    #[test]
    fn postings_forged_past_the_checksums_are_refused_on_open_or_never_panic() {
        let bytes = seeds();
        let indx = table(&bytes)
            .unwrap()
            .into_iter()
            .find(|s| &s.tag == b"INDX")
            .unwrap();
        // The lists are the last bytes of `INDX`: change any and the characters they give no
        // longer cover the folded texts exactly (caught when a document is read) or no longer
        // have their shape (refused on open).
        let len = indx.length as usize;
        for back in [1, 5, 50, 500, 5000] {
            let bad = forged(&bytes, b"INDX", |body| body[len - back] ^= 0x21);
            match crate::Corpus::open(&bad) {
                Err(e) => assert!(matches!(e, Error::SnapshotDamaged { .. }), "{back}: {e}"),
                Ok(mut opened) => read_everything(&mut opened),
            }
        }
    }

    /// The snapshot with section `tag`'s body replaced by `body` (of any length), table and
    /// checksums redone: a file forged past its checksums.
    fn with_section(bytes: &[u8], tag: &[u8; 4], body: &[u8]) -> Vec<u8> {
        rebuilt(bytes[..HEADER_LEN].to_vec(), bytes, tag, body)
    }

    /// `header`, then the table and bodies of `bytes`'s sections with `tag`'s body replaced by
    /// `body`: offsets, the sections' checksums, the total length and the file's checksum redone.
    fn rebuilt(mut out: Vec<u8>, bytes: &[u8], tag: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let sections = table(bytes).unwrap();
        let bodies: Vec<(&Section, &[u8])> = sections
            .iter()
            .map(|s| {
                let own = &bytes[s.offset as usize..(s.offset + s.length) as usize];
                (s, if &s.tag == tag { body } else { own })
            })
            .collect();
        let mut offset = (HEADER_LEN + ENTRY_LEN * bodies.len() + 4) as u64;
        for (s, body) in &bodies {
            out.extend_from_slice(&s.tag);
            out.extend_from_slice(&s.flags.to_le_bytes());
            out.extend_from_slice(&offset.to_le_bytes());
            out.extend_from_slice(&(body.len() as u64).to_le_bytes());
            out.extend_from_slice(&crc32(body).to_le_bytes());
            offset += body.len() as u64;
        }
        out[16..24].copy_from_slice(&offset.to_le_bytes());
        let crc = crc32(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        for (_, body) in bodies {
            out.extend_from_slice(body);
        }
        out
    }

    /// The seeds' snapshot with its index's lists changed by `change` (per character, its
    /// positions in the folded texts, in the order they are to be coded) and coded again as
    /// the writer codes them: a list can so hold what no index built from texts holds.
    fn with_lists(change: impl FnOnce(&mut Vec<(char, Vec<u32>)>)) -> Vec<u8> {
        let bytes = seeds();
        let parts = read(&bytes).unwrap();
        let index = &parts.store.index;
        let postings = index.parts(|_, _| unreachable!("built")).postings;
        let mut lists: Vec<(char, Vec<u32>)> = postings
            .chars
            .iter()
            .map(|&c| {
                let mut positions = Vec::new();
                postings.list(c).unwrap().decode_into(&mut positions);
                (char::from_u32(c).unwrap(), positions)
            })
            .collect();
        change(&mut lists);
        let mut forged = crate::index::Postings::default();
        for (c, positions) in &lists {
            forged.push_list(*c as u32, positions);
        }
        let mut bounds = vec![0u32];
        for d in 0..index.len() as u32 {
            bounds.push(bounds[d as usize] + index.doc_len(d) as u32);
        }
        with_section(&bytes, b"INDX", &sections::write_lists(&bounds, &forged))
    }

    /// `saved` and `opened` give the same answer, to the last field, to every one of `queries`.
    fn answer_alike(saved: &mut crate::Corpus, opened: &mut crate::Corpus, queries: &[&str]) {
        let options = crate::search::SearchOptions::default();
        for q in queries {
            let (a, b) = (saved.search(q, &options), opened.search(q, &options));
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{q}");
        }
    }

    /// Every view that turns the index's positions into pieces of text, for `queries`: the
    /// search with snippets (and removed spans, and name variants), the reader and its
    /// highlights, the concordance, collocates, dispersion and trends — then the texts. None
    /// may panic, whatever the lists say.
    fn read_through_the_index(corpus: &mut crate::Corpus, queries: &[&str]) {
        use crate::search::SearchOptions;
        for q in queries {
            for options in [
                SearchOptions { limit: 100, ..SearchOptions::default() },
                SearchOptions { include_removed: true, ..SearchOptions::default() },
                SearchOptions { variants: true, snippets: 20, ..SearchOptions::default() },
            ] {
                let _ = corpus.search(q, &options);
                for id in 0..corpus.len() as u32 {
                    let _ = corpus.reader(id, q, &options);
                }
            }
            for id in 0..corpus.len() as u32 {
                let _ = corpus.highlight(id, q);
            }
            let _ = corpus.concordance(q, &Default::default());
            let _ = corpus.collocates(q, &Default::default());
            let _ = corpus.dispersion(&[q.to_string()], &Default::default());
            let _ = corpus.trends(&[q.to_string()], &Default::default());
        }
        read_everything(corpus);
    }

    /// The list of the commonest character of the seeds that takes three bytes, and where
    /// it is in `lists`.
    fn commonest_wide(lists: &[(char, Vec<u32>)]) -> usize {
        (0..lists.len())
            .filter(|&i| lists[i].0.len_utf8() == 3)
            .max_by_key(|&i| lists[i].1.len())
            .unwrap()
    }

    #[test]
    fn lists_coded_again_unchanged_open_and_answer_as_the_saved_corpus() {
        let mut corpus = seed_corpus();
        let mut opened = crate::Corpus::open(&with_lists(|_| {})).unwrap();
        answer_alike(&mut corpus, &mut opened, &["京东", "的", "电商平台"]);
        assert!(!opened.store().checks_failed());
    }

    /// Opening checks no position: a position moved into the middle of a character (of
    /// three bytes), one listed twice, or one under a character of another width is caught
    /// when its document is first read — which then reads as a filler — and nothing panics
    /// before or after; searches of the other documents are not disturbed.
    #[test]
    fn forged_positions_are_caught_when_their_document_is_first_read() {
        type Forgery = fn(&mut Vec<(char, Vec<u32>)>);
        let forgeries: [(&str, Forgery); 3] = [
            ("moved into a character", |lists| {
                let i = commonest_wide(lists);
                let p = &mut lists[i].1;
                let k = p.len() / 2;
                p[k] += 1;
            }),
            ("listed twice", |lists| {
                let i = commonest_wide(lists);
                let p = &mut lists[i].1;
                let k = p.len() / 2;
                p.insert(k, p[k]);
            }),
            ("under a narrower character", |lists| {
                let wide = lists[commonest_wide(lists)].1[3];
                let narrow = lists.iter_mut().find(|(c, _)| c.is_ascii_digit()).unwrap();
                narrow.1.push(wide);
                narrow.1.sort_unstable();
            }),
        ];
        for (what, forgery) in forgeries {
            let mut changed = None;
            let bad = with_lists(|lists| {
                forgery(lists);
                changed = Some(lists[commonest_wide(lists)].0);
            });
            let mut opened = crate::Corpus::open(&bad).expect(what);
            assert!(opened.store().checks_pending(), "{what}: opening read no text");
            let wide = changed.unwrap().to_string();
            read_through_the_index(&mut opened, &[&wide, &format!("{wide}的"), "1", "京东"]);
            assert!(opened.store().checks_failed(), "{what}: caught");
            let fillers = (0..opened.len() as u32)
                .filter(|&id| opened.raw_text(id).unwrap().bytes().all(|b| b == b'?'))
                .count();
            assert!((1..opened.len()).contains(&fillers), "{what}: {fillers} fillers");
        }
    }

    /// Positions past the folded texts are in no document: no query finds them and no
    /// document's check counts them, so the corpus answers as saved.
    #[test]
    fn forged_positions_past_the_texts_find_nothing() {
        let bad = with_lists(|lists| {
            let i = commonest_wide(lists);
            let end = *lists[i].1.last().unwrap();
            lists[i].1.extend([end + 1_000, end + 1_003, u32::MAX - 3]);
        });
        let mut opened = crate::Corpus::open(&bad).unwrap();
        let mut corpus = seed_corpus();
        read_through_the_index(&mut opened, &["的", "京东"]);
        answer_alike(&mut corpus, &mut opened, &["的", "京东", "电商平台"]);
        assert!(!opened.store().checks_failed());
    }

    /// An Elias–Fano list whose positions are out of order inside one bucket of its high part
    /// passes the shape checked on open (no position is decoded then): its documents still
    /// hold exactly their characters, so they are sound; queries still get ascending,
    /// distinct hits, and nothing panics.
    #[test]
    fn a_list_out_of_order_inside_a_bucket_opens_and_never_panics() {
        let mut swapped = false;
        let bad = with_lists(|lists| {
            for (_, p) in lists.iter_mut().filter(|(_, p)| p.len() >= 8) {
                let n = p.len() as u32;
                let l = {
                    let q = (*p.last().unwrap() as u64 + 1) / n as u64;
                    if q <= 1 { 0 } else { 63 - q.leading_zeros() }
                };
                if let Some(k) = (0..p.len() - 2).find(|&k| p[k] >> l == p[k + 1] >> l) {
                    p.swap(k, k + 1);
                    swapped = true;
                    return;
                }
            }
        });
        assert!(swapped, "the seeds have two positions in one bucket");
        let mut opened = crate::Corpus::open(&bad).unwrap();
        read_through_the_index(&mut opened, &["的", "京东", "直播"]);
        let hits = opened.search("的", &Default::default()).unwrap();
        assert!(hits.total > 0);
    }

    #[test]
    fn a_snapshot_without_derived_data_opens_reading_every_text_and_answers_the_same() {
        let mut corpus = seed_corpus();
        let bytes = without(&corpus.save(), b"DERV");
        let mut opened = crate::Corpus::open(&bytes).unwrap();
        assert!(!opened.store().checks_pending());
        answer_alike(&mut corpus, &mut opened, &["京东", "直播", "的", "电商平台", "/直播.{0,4}电商/"]);
        assert_eq!(opened.save(), corpus.save());
    }

    #[test]
    fn unknown_sections_are_skipped() {
        // A later version's extra section, appended by hand: table entry, offsets, checksums.
        let bytes = seeds();
        let sections = table(&bytes).unwrap();
        let extra = b"stories of a later version".to_vec();
        let n = sections.len();
        let mut out = Vec::new();
        out.extend_from_slice(&bytes[..HEADER_LEN]);
        out[12..16].copy_from_slice(&(n as u32 + 1).to_le_bytes());
        let body_start = HEADER_LEN + ENTRY_LEN * (n + 1) + 4;
        let mut offset = body_start as u64;
        let mut entries: Vec<(&[u8], u32, u64, u32)> = sections
            .iter()
            .map(|s| (&s.tag[..], s.flags, s.length, s.crc))
            .collect();
        entries.push((b"STOR", 1, extra.len() as u64, crc32(&extra)));
        for (tag, flags, length, crc) in &entries {
            out.extend_from_slice(tag);
            out.extend_from_slice(&flags.to_le_bytes());
            out.extend_from_slice(&offset.to_le_bytes());
            out.extend_from_slice(&length.to_le_bytes());
            out.extend_from_slice(&crc.to_le_bytes());
            offset += length;
        }
        out[16..24].copy_from_slice(&offset.to_le_bytes());
        let crc = crc32(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&bytes[HEADER_LEN + ENTRY_LEN * n + 4..]);
        out.extend_from_slice(&extra);
        let parts = read(&out).unwrap();
        assert_eq!(parts.store.len(), 5);
    }
}

#[cfg(test)]
mod pending_tests {
    use crate::testing::seed_corpus;

    /// Documents added after the last search (their lists not built yet) are found after a
    /// save and an open, as the page stores a reader's files before any search.
    #[test]
    fn documents_added_since_the_last_search_are_found_after_open() {
        let mut corpus = seed_corpus();
        let options = crate::search::SearchOptions::default();
        corpus.search("京东", &options).unwrap();
        corpus
            .add_document("蓝鲸一号.txt", "蓝鲸直播今天开始。蓝鲸直播的第一场。".as_bytes())
            .unwrap();
        corpus
            .add_document("蓝鲸二号.txt", "第二篇：蓝鲸直播和快手。".as_bytes())
            .unwrap();
        let bytes = corpus.save();
        let mut opened = crate::Corpus::open(&bytes).unwrap();
        let found = opened.search("蓝鲸直播", &options).unwrap();
        assert_eq!(found.total, 2, "{found:?}");
        assert_eq!(corpus.search("蓝鲸直播", &options).unwrap().total, 2);
    }
}
