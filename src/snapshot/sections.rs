//! Each section's content, written from and read back into the store's own types. The
//! layout of every section is in the module doc of [`crate::snapshot`].

use std::ops::Range;

use super::codec::{In, Out};
use super::source::{self, Pieces, Source};
use crate::clean::{assemble, page_furniture, Cleaned, Reason, Removed};
use crate::extract::{Hints, PageFacts};
use crate::date::PartialDate;
use crate::decode::encoding_named;
use crate::document::{Document, Lines, LinesWriter, ScriptCounts};
use crate::error::{Error, Result};
use crate::fold::{fold, OffsetMap};
use crate::index::{Boundaries, Index, PairPostings, Postings};
use crate::meta::Meta;
use crate::query::{Entity, Variants};
use crate::store::text::{Code, Texts};
use crate::store::{Entry, Expected, Store, MAX_TEXT_BYTES};
use crate::stories::{Stories, BINS};

/// Every reason, by the byte that stands for it (its place in this list).
const REASONS: [Reason; 11] = [
    Reason::Duplicate,
    Reason::Boilerplate,
    Reason::Promotion,
    Reason::Spam,
    Reason::Caption,
    Reason::Footer,
    Reason::Navigation,
    Reason::Comments,
    Reason::Related,
    Reason::Header,
    Reason::Sidebar,
];

/// `DOCS` and `TEXT`: the store's code and each document's bits as they are (format 4).
pub(super) fn write_documents(store: &Store) -> (Vec<u8>, Vec<u8>) {
    let mut docs = Out::default();
    docs.var(store.limit().map_or(0, |l| l as u64 + 1));
    docs.usize(store.entries.len());
    for (id, e) in store.entries.iter().enumerate() {
        let d = &e.doc;
        docs.str(&d.name);
        docs.str(d.encoding);
        docs.usize(d.undecodable_bytes);
        docs.opt_str(d.decode_warning.as_deref());
        docs.usize(d.script.traditional);
        docs.usize(d.script.simplified);
        write_ranges(&mut docs, &d.paragraphs.to_vec());
        docs.usize(store.texts().text_len(id as u32));
    }
    let (code, bits) = store.texts().coded();
    let mut text = Out::default();
    let lengths = code.lengths();
    text.usize(lengths.len());
    let mut prev = 0;
    for (value, len) in lengths {
        text.var(u64::from(value - prev));
        text.u8(len);
        prev = value;
    }
    for b in bits {
        text.bytes(b);
    }
    (docs.buf, text.buf)
}

/// Sorted, non-overlapping ranges as (gap from the previous end, length) pairs.
fn write_ranges(out: &mut Out, ranges: &[Range<usize>]) {
    out.usize(ranges.len());
    let mut at = 0;
    for r in ranges {
        out.usize(r.start - at);
        out.usize(r.end - r.start);
        at = r.end;
    }
}

/// Ranges written by [`write_ranges`], each checked to slice `text` on character boundaries.
fn read_ranges(input: &mut In, text: Against) -> Result<Vec<Range<usize>>> {
    let ranges = read_raw_ranges(input)?;
    for r in &ranges {
        checked_range(input, text, r.start, r.end)?;
    }
    Ok(ranges)
}

/// Ranges written by [`write_ranges`], in order and not overlapping, not yet checked against
/// a text.
fn read_raw_ranges(input: &mut In) -> Result<Vec<Range<usize>>> {
    let n = input.count()?;
    let mut out = Vec::with_capacity(n);
    let mut at = 0;
    for _ in 0..n {
        out.push(next_range(input, &mut at)?);
    }
    Ok(out)
}

/// The next range written by [`write_ranges`] after the one ending at `at`.
#[inline]
fn next_range(input: &mut In, at: &mut usize) -> Result<Range<usize>> {
    let gap = input.usize()?;
    let len = input.usize()?;
    let (Some(start), Some(end)) = (
        at.checked_add(gap),
        at.checked_add(gap).and_then(|s| s.checked_add(len)),
    ) else {
        return Err(input.damaged("a range is out of bounds"));
    };
    *at = end;
    Ok(start..end)
}

/// Ranges written by [`write_ranges`], read straight into their compact form.
fn read_lines(input: &mut In) -> Result<Lines> {
    let n = input.count()?;
    let mut lines = LinesWriter::with_capacity(n);
    let mut at = 0;
    for _ in 0..n {
        lines.push(next_range(input, &mut at)?);
    }
    Ok(lines.finish())
}

/// What a range of a document is checked against: its raw text (opening that reads every
/// text), or only its length (opening that reads none: the text is checked on its first read,
/// `store/check.rs`).
#[derive(Clone, Copy)]
enum Against<'a> {
    Text(&'a str),
    Len(usize),
}

fn checked_range(input: &In, text: Against, start: usize, end: usize) -> Result<Range<usize>> {
    let fits = match text {
        Against::Text(text) => text.get(start..end).is_some(),
        Against::Len(len) => end <= len,
    };
    if start <= end && fits {
        Ok(start..end)
    } else {
        Err(input.damaged("a range does not cut the text at characters"))
    }
}

/// The most text a byte of coded bits can stand for: eight one-bit codes of four-byte
/// characters. A document that claims more is damaged, whatever its checksum.
const MAX_TEXT_PER_CODED_BYTE: usize = 32;

/// What format 4's `TEXT` holds: the code (its symbols' values as rising gaps, each with its
/// code length), then per document its coded bits, checked against the documents' lengths in
/// `DOCS` (`lens`). The section's own buffer becomes the store's page of bits: each
/// document's bits are moved down over the code and the length prefixes before them, so
/// that the texts are never held twice (the copy into a page of their own was 0.44× the
/// text beside the section while opening, a high-water mark that wasm memory keeps). Nothing
/// is decoded here: opening reads the texts one document at a time ([`read_entries`]), and
/// bits that do not decode to the stated text are found there.
fn read_coded(mut bytes: Vec<u8>, lens: &[usize]) -> Result<Texts> {
    let mut input = In::new(&bytes, "TEXT");
    let n = input.count()?;
    let mut pairs = Vec::with_capacity(n);
    let mut value = 0u64;
    for i in 0..n {
        let gap = input.var()?;
        if i > 0 && gap == 0 {
            return Err(input.damaged("the code's characters are not in rising order"));
        }
        value = value.saturating_add(gap);
        let v = u32::try_from(value).map_err(|_| input.damaged("the code names no character"))?;
        pairs.push((v, input.u8()?));
    }
    let code = if n == 0 {
        Code::default()
    } else {
        Code::from_lengths(&pairs).map_err(|_| {
            input.damaged("the character code is not a complete prefix code of characters")
        })?
    };
    drop(pairs);
    // Where each document's bits lie in the section, checked before anything moves.
    let mut spans = Vec::with_capacity(lens.len());
    let mut total = 0usize;
    for &len in lens {
        let n = input.count()?;
        let at = input.position();
        input.take(n)?;
        total = total.saturating_add(len);
        if len > n.saturating_mul(MAX_TEXT_PER_CODED_BYTE) || total > MAX_TEXT_BYTES {
            return Err(input.damaged("a document claims more text than its bits can hold"));
        }
        spans.push(at..at + n);
    }
    input.finish()?;
    // Moved down in order: each lands at or before where it was, after the one before it.
    let mut end = 0;
    let mut bits = Vec::with_capacity(spans.len());
    for span in spans {
        let n = span.len();
        bytes.copy_within(span, end);
        bits.push(n);
        end += n;
    }
    bytes.truncate(end);
    Ok(Texts::from_page(code, bytes, &bits, lens))
}

/// The most a deflated block can grow when inflated: deflate's own limit is 1032 to 1 (a
/// run of one byte), so a block that claims more is damaged, whatever its checksum.
const MAX_INFLATE_RATIO: usize = 1032;

/// What format 3's `TEXT` held: the texts deflated in blocks of whole documents (per block
/// its number of documents, the length of its text and its deflated bytes), checked against
/// the documents' lengths in `DOCS` (`lens`); each block inflated and its documents coded
/// as the store keeps them now, pushed one by one as when they were added (so the code, and
/// a snapshot saved again, are the ones the same corpus built now has).
fn read_blocks(bytes: &[u8], lens: &[usize]) -> Result<Texts> {
    let mut input = In::new(bytes, "TEXT");
    let n = input.count()?;
    let mut texts = Texts::default();
    let mut next = 0usize;
    let mut total = 0usize;
    for _ in 0..n {
        let docs = input.count()?;
        let len = input.usize()?;
        let deflated = {
            let dl = input.count()?;
            input.take(dl)?
        };
        let Some(block_lens) = lens.get(next..next + docs) else {
            return Err(input.damaged("its blocks hold more documents than DOCS lists"));
        };
        next += docs;
        total = total.saturating_add(len);
        if len > deflated.len().saturating_mul(MAX_INFLATE_RATIO) || total > MAX_TEXT_BYTES {
            return Err(input.damaged("a block claims more text than it can hold"));
        }
        if block_lens.iter().sum::<usize>() != len {
            return Err(input.damaged("a block's documents and its text differ in length"));
        }
        let text = inflate(deflated, len)
            .ok_or_else(|| input.damaged("a block does not inflate to the UTF-8 text it states"))?;
        let mut at = 0;
        for &l in block_lens {
            let doc = text
                .get(at..at + l)
                .ok_or_else(|| input.damaged("a document's text is not UTF-8"))?;
            texts.push(doc);
            at += l;
        }
    }
    input.finish()?;
    if next != lens.len() {
        return Err(input.damaged("its blocks hold fewer documents than DOCS lists"));
    }
    Ok(texts)
}

/// The text of a format-3 block, or `None` when its bytes do not inflate to exactly `len`
/// bytes of UTF-8 (into a buffer of that length: nothing grows, and more text is an error).
fn inflate(deflated: &[u8], len: usize) -> Option<String> {
    let mut bytes = vec![0u8; len];
    let n = miniz_oxide::inflate::decompress_slice_iter_to_slice(
        &mut bytes,
        std::iter::once(deflated),
        false,
        false,
    )
    .ok()?;
    if n != len {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// Formats 1 and 2's `TEXT`: the texts one after the other, as they are; coded here as the
/// store keeps them.
fn read_plain(bytes: &[u8], lens: &[usize]) -> Result<Texts> {
    let mut input = In::new(bytes, "TEXT");
    let mut texts = Texts::default();
    for &len in lens {
        let text = std::str::from_utf8(input.take(len)?)
            .map_err(|_| input.damaged("a document's text is not UTF-8"))?;
        texts.push(text);
    }
    input.finish()?;
    Ok(texts)
}

/// What `DOCS` and `TEXT` hold: the documents without their texts (and without paragraphs
/// yet: they are checked against the text in [`read_entries`]), each one's paragraph ranges
/// and text length, the texts coded ([`read_coded`] for format 4, `version`; format 3's
/// deflated blocks and the plain texts of formats 1 and 2 coded here), and the store's size
/// limit.
pub(super) fn read_documents(
    docs: &[u8],
    text: Vec<u8>,
    version: u32,
) -> Result<(Vec<Head>, Texts, Option<usize>)> {
    let mut input = In::new(docs, "DOCS");
    let limit = match input.var()? {
        0 => None,
        l => Some(
            usize::try_from(l - 1).map_err(|_| input.damaged("the size limit is out of range"))?,
        ),
    };
    let n = input.count()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let name = input.str()?.to_owned();
        let encoding = encoding_named(input.str()?).ok_or_else(|| {
            input.damaged("a document names an encoding this version does not know")
        })?;
        let undecodable_bytes = input.usize()?;
        let decode_warning = input.opt_str()?.map(str::to_owned);
        let script = ScriptCounts {
            traditional: input.usize()?,
            simplified: input.usize()?,
        };
        let paragraphs = read_lines(&mut input)?;
        let len = input.usize()?;
        out.push(Head {
            doc: Document {
                name,
                text: String::new(),
                encoding,
                undecodable_bytes,
                decode_warning,
                // Compact at once: as ranges, every document's paragraphs side by side were
                // 1.3 MiB of wasm memory at 10 MB of poetry while opening.
                paragraphs,
                script,
                chars: 0,
                page: None,
            },
            len,
        });
    }
    input.finish()?;
    let lens: Vec<usize> = out.iter().map(|h| h.len).collect();
    let texts = match version {
        super::FORMAT_TEXT_CODED.. => read_coded(text, &lens)?,
        super::FORMAT_TEXT_BLOCKS => read_blocks(&text, &lens)?,
        _ => read_plain(&text, &lens)?,
    };
    Ok((out, texts, limit))
}

/// A document as `DOCS` gives it, before its text is read: its paragraphs (in `doc`, not yet
/// checked against the text) and its text's byte length.
pub(super) struct Head {
    doc: Document,
    len: usize,
}

/// `CLEN`: a table of the notes (a handful of distinct rule names, each used many times),
/// then per document the kept-paragraph bits and the removed spans.
pub(super) fn write_cleaning(store: &Store) -> Vec<u8> {
    let mut notes: Vec<&str> = Vec::new();
    let mut note_ids: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for e in &store.entries {
        for r in &e.cleaned.removed {
            note_ids.entry(&r.note).or_insert_with(|| {
                notes.push(&r.note);
                notes.len() - 1
            });
        }
    }
    let mut out = Out::default();
    out.usize(notes.len());
    for n in &notes {
        out.str(n);
    }
    for e in &store.entries {
        let content = e.content();
        out.usize(content.len());
        for chunk in content.chunks(8) {
            out.u8(chunk
                .iter()
                .enumerate()
                .fold(0, |b, (i, &k)| b | (k as u8) << i));
        }
        let ranges: Vec<Range<usize>> = e.cleaned.removed.iter().map(|r| r.range.clone()).collect();
        write_ranges(&mut out, &ranges);
        for r in &e.cleaned.removed {
            let reason = REASONS.iter().position(|&x| x == r.reason).unwrap_or(0);
            out.u8(reason as u8 | (r.paragraph as u8) << 7);
            out.usize(note_ids[r.note.as_str()]);
        }
    }
    out.buf
}

/// `CLEN`'s table of notes, read first; then [`read_cleaning_of`] per document.
fn read_notes(input: &mut In) -> Result<Vec<String>> {
    let n = input.count()?;
    let mut notes = Vec::with_capacity(n);
    for _ in 0..n {
        notes.push(input.str()?.to_owned());
    }
    Ok(notes)
}

/// One document's part of `CLEN`: its kept-paragraph bits and removed spans, checked against
/// its raw text `text`, with the cleaned text and its offsets assembled again from the spans.
fn read_cleaning_of(
    input: &mut In,
    notes: &[String],
    d: &Document,
    text: &str,
) -> Result<(Cleaned, String)> {
    let (removed, content) = read_spans_of(input, notes, d, Against::Text(text))?;
    let (cleaned_text, offsets) = assemble(text, &d.paragraphs.to_vec(), &removed);
    Ok((
        Cleaned {
            removed,
            text: String::new(),
            offsets,
            content,
            keys: Vec::new(),
        },
        cleaned_text,
    ))
}

/// One document's part of `CLEN` as it is: the removed spans (checked against `text`) and
/// the kept-paragraph bits.
fn read_spans_of(
    input: &mut In,
    notes: &[String],
    d: &Document,
    text: Against,
) -> Result<(Vec<Removed>, Vec<bool>)> {
    let kept = input.usize()?;
    if kept != d.paragraphs.len() {
        return Err(input.damaged("a document's paragraphs and cleaning do not agree"));
    }
    let bits = input.take(kept.div_ceil(8))?;
    let content: Vec<bool> = (0..kept).map(|i| bits[i / 8] >> (i % 8) & 1 == 1).collect();
    let ranges = read_ranges(input, text)?;
    let mut removed = Vec::with_capacity(ranges.len());
    for range in ranges {
        let b = input.u8()?;
        let reason = *REASONS
            .get((b & 0x7F) as usize)
            .ok_or_else(|| input.damaged("a removed span has an unknown reason"))?;
        let note = notes
            .get(input.usize()?)
            .ok_or_else(|| input.damaged("a removed span names no note"))?
            .clone();
        removed.push(Removed {
            range,
            reason,
            note,
            paragraph: b & 0x80 != 0,
        });
    }
    Ok((removed, content))
}

/// `DERV`: what opening would otherwise derive from the texts, so that it reads none of them
/// (issue 15: at 50 MB of poetry, inflating and folding every text was nearly all of
/// open's 2.3 s). The number of documents; per document the raw text's length in characters,
/// the cleaned text's, a byte of flags (bit 0: the cleaned text is the raw text exactly), the
/// title shown, then two offset maps as their anchors (count, then per anchor the gaps from
/// the previous one in both offsets): cleaned → raw, then folded → cleaned. Each document's
/// texts are checked against all this on their first read (`store/check.rs`).
pub(super) fn write_derived(store: &Store) -> Vec<u8> {
    let mut out = Out::default();
    out.usize(store.entries.len());
    for e in &store.entries {
        out.usize(e.doc.chars);
        out.usize(e.cleaned_chars);
        out.u8(e.article_is_raw() as u8);
        out.str(&e.title());
        write_anchors(&mut out, &e.cleaned.offsets);
        write_anchors(&mut out, &e.fold_offsets);
    }
    out.buf
}

fn write_anchors(out: &mut Out, map: &OffsetMap) {
    let anchors: Vec<(u32, u32)> = map.anchors().collect();
    out.usize(anchors.len());
    let mut last = (0u32, 0u32);
    for (f, o) in anchors {
        out.var((f - last.0) as u64);
        out.var((o - last.1) as u64);
        last = (f, o);
    }
}

fn read_anchors(input: &mut In) -> Result<OffsetMap> {
    let n = input.count()?;
    // The gaps are unsigned: the anchors cannot go back.
    let mut map = OffsetMap::with_capacity(n);
    for _ in 0..n {
        let (df, dof) = (input.u32()?, input.u32()?);
        map.push_gaps(df, dof)
            .ok_or_else(|| input.damaged("an offset map runs past the text"))?;
    }
    map.shrink_to_fit();
    Ok(map)
}

/// The store's entries from `DOCS`' heads, `CLEN`, `META` and `DERV`, reading no text (every
/// range checked against its text's length only), and for each document what its texts must
/// give when first read (`store/check.rs`, which also asks the index for the document's
/// [`crate::index::start_hash`]). Offset maps are checked to stay within their texts'
/// lengths: folded → cleaned gives the cleaned length (past its last anchor both advance in
/// step), which must not pass the raw text's, nor may cleaned → raw give an offset past the
/// raw text.
///
/// The three sections are read a piece at a time from `source` ([`Pieces`]), a document's
/// part of each at a time, so that they are never held whole beside the entries being made;
/// an error is a checksum's when one of them is damaged ([`source::checked`]).
pub(super) fn read_entries_derived(
    source: &mut dyn Source,
    [mut clen, mut meta, mut derv]: [Pieces; 3],
    heads: Vec<Head>,
    folded_lens: &[usize],
) -> Result<(Vec<Entry>, Vec<Expected>)> {
    let done = entries_derived(
        source,
        [&mut clen, &mut meta, &mut derv],
        heads,
        folded_lens,
    )
    .and_then(|read| {
        for p in [&mut clen, &mut meta, &mut derv] {
            p.finish(source)?;
        }
        Ok(read)
    });
    // `DERV` first: the order in which they were fetched whole before.
    source::checked(source, &mut [&mut derv, &mut clen, &mut meta], done)
}

/// What one document's part of `DERV` holds.
struct Derived {
    chars: usize,
    cleaned_chars: usize,
    is_raw: bool,
    title: Box<str>,
    clean_map: OffsetMap,
    fold_map: OffsetMap,
}

fn read_derived_of(derv: &mut In) -> Result<Derived> {
    let chars = derv.usize()?;
    let cleaned_chars = derv.usize()?;
    let is_raw = match derv.u8()? {
        0 => false,
        1 => true,
        _ => return Err(derv.damaged("a document's flags name unknown bits")),
    };
    Ok(Derived {
        chars,
        cleaned_chars,
        is_raw,
        title: derv.str()?.into(),
        clean_map: read_anchors(derv)?,
        fold_map: read_anchors(derv)?,
    })
}

/// [`read_entries_derived`] without the sections' ends and checksums.
fn entries_derived(
    source: &mut dyn Source,
    [clen, meta, derv]: [&mut Pieces; 3],
    heads: Vec<Head>,
    folded_lens: &[usize],
) -> Result<(Vec<Entry>, Vec<Expected>)> {
    let notes = clen.next(source, read_notes)?;
    if derv.next(source, |derv| derv.count())? != heads.len() {
        return Err(super::damaged(
            "DERV",
            "it lists another number of documents than DOCS",
        ));
    }
    let mut out = Vec::with_capacity(heads.len());
    let mut expected = Vec::with_capacity(heads.len());
    for (head, &folded_len) in heads.into_iter().zip(folded_lens) {
        let Head { mut doc, len } = head;
        let text = Against::Len(len);
        let (removed, content) = clen.next(source, |clen| {
            for r in doc.paragraphs.iter() {
                checked_range(clen, text, r.start, r.end)?;
            }
            read_spans_of(clen, &notes, &doc, text)
        })?;
        let m = meta.next(source, |meta| read_meta_of(meta, text))?;
        let d = derv.next(source, read_derived_of)?;
        doc.chars = d.chars;
        let cleaned_len = match d.fold_map.last_anchor() {
            Some((f, o)) if f as usize <= folded_len => o as usize + (folded_len - f as usize),
            Some(_) => {
                return Err(super::damaged(
                    "DERV",
                    "an offset map runs past the folded text",
                ))
            }
            None => folded_len,
        };
        let clean_end = d
            .clean_map
            .last_anchor()
            .map_or(Some(cleaned_len), |(c, r)| {
                (c as usize <= cleaned_len).then(|| r as usize + (cleaned_len - c as usize))
            });
        if cleaned_len > len || clean_end.is_none_or(|end| end > len) {
            return Err(super::damaged("DERV", "an offset map runs past the text"));
        }
        let cleaned = Cleaned {
            removed,
            text: String::new(),
            offsets: d.clean_map,
            content,
            keys: Vec::new(),
        };
        doc.page = page_facts(&cleaned, &m);
        expected.push(Expected {
            raw_len: len as u32,
            cleaned_len: cleaned_len as u32,
            folded_len: folded_len as u32,
        });
        out.push(Entry::decoded(
            doc,
            cleaned,
            m,
            d.fold_map,
            d.cleaned_chars,
            d.is_raw,
            d.title,
        ));
    }
    Ok((out, expected))
}

/// What the rest of `INDX` holds in format 3 (after [`read_folded_lens`]), its shape checked
/// without the texts and without decoding a position ([`Index::from_lists`]; each document is
/// checked against the lists on its first read, `store/check.rs`).
pub(super) fn read_index_lists(body: Vec<u8>, from: usize, folded_lens: &[usize]) -> Result<Index> {
    let postings = read_postings(body, from)?;
    Index::from_lists(folded_lens, postings).map_err(indx_damaged)
}

/// The store's entries from `DOCS`' heads, `CLEN` and `META`, one document at a time: its
/// raw text read from `texts` (each block inflated once, in order: its length and paragraphs
/// checked against it), its cleaning read and the cleaned text assembled, folded (the folded
/// length checked against `folded_lens`, `INDX`'s; the folded text given to `each`), its
/// metadata read, the entry made; then both texts are dropped. Opening so holds one
/// document's texts at a time, not the corpus's (at 50 MB of poetry the raw texts were 48.6
/// MiB and the cleaned ones about as much of open's peak).
pub(super) fn read_entries(
    clen: &[u8],
    meta: &[u8],
    heads: Vec<Head>,
    texts: &Texts,
    folded_lens: &[usize],
    mut each: impl FnMut(&str),
) -> Result<Vec<Entry>> {
    let mut clen = In::new(clen, "CLEN");
    let mut meta = In::new(meta, "META");
    let notes = read_notes(&mut clen)?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, (head, &folded_len)) in heads.into_iter().zip(folded_lens).enumerate() {
        let Head { mut doc, len } = head;
        let text = texts.get(id as u32);
        if text.len() != len {
            return Err(Error::SnapshotDamaged {
                section: "TEXT".into(),
                problem: "a block does not inflate to the UTF-8 text it states".into(),
            });
        }
        for r in doc.paragraphs.iter() {
            checked_range(&clen, Against::Text(&text), r.start, r.end)?;
        }
        doc.chars = text.chars().count();
        let (mut cleaned, cleaned_text) = read_cleaning_of(&mut clen, &notes, &doc, &text)?;
        let f = fold(&cleaned_text);
        if f.text.len() != folded_len {
            return Err(Error::SnapshotDamaged {
                section: "INDX".into(),
                problem: "a document's folded text is not the one indexed (was it saved by a version that folds differently?)".into(),
            });
        }
        each(&f.text);
        let chars = cleaned_text.chars().count();
        let is_raw = cleaned_text == *text;
        drop(cleaned_text);
        let m = read_meta_of(&mut meta, Against::Text(&text))?;
        doc.page = page_facts(&cleaned, &m);
        doc.text = text.into_owned();
        cleaned.text = String::new();
        let mut entry = Entry::measured(doc, cleaned, m, f.offsets, chars, is_raw);
        entry.doc.text = String::new();
        out.push(entry);
    }
    clen.finish()?;
    meta.finish()?;
    Ok(out)
}

/// `META`: per document a byte of which fields are there, then the fields.
pub(super) fn write_meta(store: &Store) -> Vec<u8> {
    let mut out = Out::default();
    for e in &store.entries {
        let m = &e.meta;
        let flags = m.title.is_some() as u8
            | (m.date.is_some() as u8) << 1
            | (m.url.is_some() as u8) << 2
            | (m.site.is_some() as u8) << 3
            | (m.author.is_some() as u8) << 4;
        out.u8(flags);
        if let Some(r) = &m.title {
            write_range(&mut out, r);
        }
        if let Some((d, r)) = &m.date {
            out.var(d.year.map_or(0, |y| y as u64 + 1));
            out.var(d.month.map_or(0, |m| m as u64 + 1));
            out.var(d.day.map_or(0, |d| d as u64 + 1));
            write_range(&mut out, r);
        }
        if let Some(url) = &m.url {
            out.str(url);
        }
        if let Some(site) = &m.site {
            out.str(site);
        }
        if let Some((name, r)) = &m.author {
            out.str(name);
            write_range(&mut out, r);
        }
    }
    out.buf
}

fn write_range(out: &mut Out, r: &Range<usize>) {
    out.usize(r.start);
    out.usize(r.end - r.start);
}

fn read_range(input: &mut In, text: Against) -> Result<Range<usize>> {
    let start = input.usize()?;
    let len = input.usize()?;
    let end = start
        .checked_add(len)
        .ok_or_else(|| input.damaged("a range is out of bounds"))?;
    checked_range(input, text, start, end)
}

/// One document's part of `META`, its ranges checked against its raw text `text`.
fn read_meta_of(input: &mut In, text: Against) -> Result<Meta> {
    {
        let flags = input.u8()?;
        if flags >> 5 != 0 {
            return Err(input.damaged("a document's metadata names unknown fields"));
        }
        let mut m = Meta::default();
        if flags & 1 != 0 {
            m.title = Some(read_range(input, text)?);
        }
        if flags & 2 != 0 {
            let mut part = |max: u64| -> Result<Option<u64>> {
                match input.var()? {
                    0 => Ok(None),
                    v if v - 1 <= max => Ok(Some(v - 1)),
                    _ => Err(input.damaged("a date is out of range")),
                }
            };
            let year = part(u16::MAX as u64)?.map(|y| y as u16);
            let month = part(u8::MAX as u64)?.map(|m| m as u8);
            let day = part(u8::MAX as u64)?.map(|d| d as u8);
            let range = read_range(input, text)?;
            let date = PartialDate::new(year, month, day);
            if !date.is_valid() {
                return Err(input.damaged("a date is not a day of the calendar"));
            }
            m.date = Some((date, range));
        }
        if flags & 4 != 0 {
            m.url = Some(input.str()?.to_owned());
        }
        if flags & 8 != 0 {
            m.site = Some(input.str()?.to_owned());
        }
        if flags & 16 != 0 {
            let name = input.str()?.to_owned();
            m.author = Some((name, read_range(input, text)?));
        }
        Ok(m)
    }
}

/// `INDX`: the folded length of each document, then the index's postings as they are in
/// memory (format 3): the character table (number of distinct characters; per character the
/// gap from the previous one, the first from 0, its number of positions and the byte length
/// of its list) and the lists themselves, copied byte for byte.
pub(super) fn write_index(store: &Store) -> Vec<u8> {
    let parts = store.index_parts();
    write_lists(parts.bounds, &parts.postings)
}

/// `INDX` of format 3 from the documents' bounds in the folded texts and their postings.
pub(super) fn write_lists(bounds: &[u32], p: &Postings) -> Vec<u8> {
    let mut out = Out::default();
    let docs = bounds.len().saturating_sub(1);
    out.usize(docs);
    for w in bounds.windows(2) {
        out.var((w[1] - w[0]) as u64);
    }
    out.usize(p.chars.len());
    let mut previous = 0u32;
    for (i, &c) in p.chars.iter().enumerate() {
        out.var((c - previous) as u64);
        previous = c;
        out.var(p.counts[i] as u64);
        out.var((p.at[i + 1] - p.at[i]) as u64);
    }
    out.bytes(&p.bytes);
    out.buf
}

/// The start of `INDX` in both layouts: the number of documents and each one's folded length
/// (checked against the cleaned texts folded again as `CLEN` is read, [`read_cleaning`]).
/// Their sum cannot pass the documents' raw texts: a cleaned text is never longer.
pub(super) fn read_folded_lens(input: &mut In, docs: &[Head]) -> Result<Vec<usize>> {
    if input.count()? != docs.len() {
        return Err(input.damaged("the index holds another number of documents"));
    }
    let mut lens = Vec::with_capacity(docs.len());
    for _ in docs {
        lens.push(input.usize()?);
    }
    let raw: usize = docs.iter().map(|d| d.len).sum();
    if lens.iter().sum::<usize>() > raw {
        return Err(input.damaged("the folded texts are longer than the documents"));
    }
    Ok(lens)
}

/// What the rest of `INDX` holds in format 3 (`body` from `from` on, after
/// [`read_folded_lens`]): the character table and the lists of positions per character, over
/// the documents' cleaned texts folded (`boundaries`, filled while `CLEN` was read: folding is
/// one table look-up per character; the postings are what costs, and they are kept, not
/// rebuilt: the section's own bytes become the lists, the table before them moved out of the
/// way, so no second copy of the largest part of a snapshot is ever made). The index checks
/// that the postings fit these texts' characters (it keeps no text).
pub(super) fn read_index(body: Vec<u8>, from: usize, boundaries: Boundaries) -> Result<Index> {
    let postings = read_postings(body, from)?;
    Index::from_parts(boundaries, postings).map_err(indx_damaged)
}

/// `INDX` is damaged: `problem` says how.
fn indx_damaged(problem: String) -> Error {
    Error::SnapshotDamaged {
        section: "INDX".into(),
        problem,
    }
}

/// The character table and the lists of `INDX` (format 3), not yet checked: `body` is the
/// section, the table starts at `from`. The lists become the postings' own bytes (the
/// section's, moved), not a copy beside it.
fn read_postings(mut body: Vec<u8>, from: usize) -> Result<Postings> {
    let mut input = In::new(body.get(from..).unwrap_or_default(), "INDX");
    let mut postings = Postings::default();
    let n = input.count()?;
    postings.chars.reserve(n);
    postings.counts.reserve(n);
    postings.at.reserve(n + 1);
    postings.at.push(0);
    let (mut c, mut at) = (0u32, 0u32);
    for _ in 0..n {
        c = c
            .checked_add(input.u32()?)
            .ok_or_else(|| input.damaged("a character is out of range"))?;
        postings.chars.push(c);
        postings.counts.push(input.u32()?);
        at = at
            .checked_add(input.u32()?)
            .ok_or_else(|| input.damaged("the postings are too long"))?;
        postings.at.push(at);
    }
    let len = input.count()?;
    let start = from + input.position();
    input.take(len)?;
    input.finish()?;
    body.drain(..start);
    body.shrink_to_fit();
    postings.bytes = body;
    Ok(postings)
}

/// The `INDX` of a format-2 snapshot: after the folded lengths, the pair table (number of
/// distinct first characters, per first character the gap from the previous one and its
/// number of groups of pairs; number of groups, per group the second character of its first
/// pair and the byte length of its blocks) and the pair blocks — converted to format 3's
/// lists per character on open ([`Index::from_pair_parts`]), then checked as those are.
pub(super) fn read_pair_index(mut input: In, boundaries: Boundaries) -> Result<Index> {
    let mut postings = PairPostings::default();
    let n = input.count()?;
    postings.firsts.reserve(n);
    postings.first_groups.reserve(n + 1);
    postings.first_groups.push(0);
    let (mut first, mut groups) = (0u32, 0u32);
    for _ in 0..n {
        first = first
            .checked_add(input.u32()?)
            .ok_or_else(|| input.damaged("a pair is out of range"))?;
        postings.firsts.push(first);
        groups = groups
            .checked_add(input.u32()?)
            .ok_or_else(|| input.damaged("too many groups of pairs"))?;
        postings.first_groups.push(groups);
    }
    let n = input.count()?;
    postings.group_second.reserve(n);
    postings.group_at.reserve(n + 1);
    postings.group_at.push(0);
    let mut at = 0u32;
    for _ in 0..n {
        postings.group_second.push(input.u32()?);
        at = at
            .checked_add(input.u32()?)
            .ok_or_else(|| input.damaged("the postings are too long"))?;
        postings.group_at.push(at);
    }
    let len = input.count()?;
    postings.bytes = input.take(len)?.to_vec();
    input.finish()?;
    Index::from_pair_parts(boundaries, postings).map_err(|problem| input.damaged(problem))
}

/// What extraction knew of an HTML page, again from what the snapshot keeps: its furniture from
/// the removed spans (their notes say so), its stated metadata from the metadata found, so that
/// cleaning the documents anew after a removal gives the same answer. `None` for plain text.
fn page_facts(cleaned: &Cleaned, meta: &Meta) -> Option<Box<PageFacts>> {
    let furniture = page_furniture(&cleaned.removed);
    if furniture.is_empty() {
        return None;
    }
    let hints = Hints {
        headline: None,
        date: meta.date.as_ref().map(|(d, _)| *d),
        site: meta.site.clone(),
        title_site: None,
        url: meta.url.clone(),
        author: meta.author.as_ref().map(|(a, _)| a.clone()),
    };
    Some(Box::new(PageFacts {
        furniture,
        hints,
        title: meta.title.clone(),
    }))
}

/// `VARS`: the entities in order (canonical name, kind, variants), then the folded names the
/// user added.
pub(super) fn write_variants(variants: &Variants) -> Vec<u8> {
    let mut out = Out::default();
    out.usize(variants.entities().len());
    for e in variants.entities() {
        out.str(&e.canonical);
        out.str(&e.kind);
        out.usize(e.variants.len());
        for v in &e.variants {
            out.str(v);
        }
    }
    write_strings(&mut out, variants.added());
    out.buf
}

/// What `VARS` holds.
pub(super) fn read_variants(bytes: &[u8]) -> Result<Variants> {
    let mut input = In::new(bytes, "VARS");
    let n = input.count()?;
    let mut entities = Vec::with_capacity(n);
    for _ in 0..n {
        let canonical = input.str()?.to_owned();
        let kind = input.str()?.to_owned();
        let variants = read_strings(&mut input)?;
        entities.push(Entity {
            canonical,
            kind,
            variants,
        });
    }
    let added = read_strings(&mut input)?;
    input.finish()?;
    Ok(Variants::from_parts(entities, added))
}

/// `WORD`: the user's words in the order added.
pub(super) fn write_words(words: &[String]) -> Vec<u8> {
    let mut out = Out::default();
    write_strings(&mut out, words);
    out.buf
}

/// What `WORD` holds.
pub(super) fn read_words(bytes: &[u8]) -> Result<Vec<String>> {
    let mut input = In::new(bytes, "WORD");
    let words = read_strings(&mut input)?;
    input.finish()?;
    Ok(words)
}

fn write_strings(out: &mut Out, list: &[String]) {
    out.usize(list.len());
    for s in list {
        out.str(s);
    }
}

fn read_strings(input: &mut In) -> Result<Vec<String>> {
    let n = input.count()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(input.str()?.to_owned());
    }
    Ok(out)
}

/// `FLDS`: per document what a container stated beside its text (a byte: 0 none, 1 some;
/// then title, date, source, URL, author as optional texts, and the extra fields).
pub(super) fn write_fields(store: &Store) -> Vec<u8> {
    let mut out = Out::default();
    out.usize(store.entries.len());
    for e in &store.entries {
        let Some(st) = e.stated.as_deref() else {
            out.u8(0);
            continue;
        };
        out.u8(1);
        for value in [&st.title, &st.date, &st.source, &st.url, &st.author] {
            out.opt_str(value.as_deref());
        }
        out.usize(st.fields.len());
        for (name, value) in &st.fields {
            out.str(name);
            out.str(value);
        }
    }
    out.buf
}

/// Puts what `FLDS` holds beside the store's documents.
pub(super) fn read_fields(bytes: &[u8], store: &mut Store) -> Result<()> {
    let mut input = In::new(bytes, "FLDS");
    let n = input.count()?;
    if n != store.entries.len() {
        return Err(input.damaged("it lists another number of documents than DOCS"));
    }
    for e in &mut store.entries {
        if input.u8()? == 0 {
            continue;
        }
        let mut text = || -> Result<Option<String>> { Ok(input.opt_str()?.map(str::to_owned)) };
        let mut st = crate::meta::Stated {
            title: text()?,
            date: text()?,
            source: text()?,
            url: text()?,
            author: text()?,
            fields: Vec::new(),
        };
        let k = input.count()?;
        for _ in 0..k {
            let name = input.str()?.to_owned();
            st.fields.push((name, input.str()?.to_owned()));
        }
        e.stated = Some(Box::new(st));
    }
    input.finish()
}

/// `STOR`: the stories' signatures, so that opening does not fold and hash every article
/// again (14% of open()'s instructions at 10 MB, measured with callgrind): the number of
/// documents, a byte per document (1: it has a signature, 0: too short for one), then for
/// each that has one its [`crate::stories::signature::BINS`] values as `u32`, little-endian
/// (min-hashes look random: varints would not shrink them).
///
/// A corpus opened from a snapshot holds no signatures ([`Stories::restore`]): each is
/// computed again from the store here, one document at a time, as adding it computed it.
pub(super) fn write_stories(stories: &Stories, store: &Store) -> Vec<u8> {
    let mut out = Out::default();
    match stories.signatures() {
        Some((usable, signatures)) => {
            out.usize(usable.len());
            out.buf.extend(usable.iter().map(|&u| u as u8));
            for (id, _) in usable.iter().enumerate().filter(|(_, &u)| u) {
                for v in &signatures[id * BINS..(id + 1) * BINS] {
                    out.buf.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
        None => {
            let n = store.len();
            out.usize(n);
            let flags = out.buf.len();
            out.buf.resize(flags + n, 0);
            for id in 0..n as u32 {
                let (usable, sig) = Stories::signature_of(store, id);
                if usable {
                    out.buf[flags + id as usize] = 1;
                    for v in &sig {
                        out.buf.extend_from_slice(&v.to_le_bytes());
                    }
                }
            }
        }
    }
    out.buf
}

/// What `STOR` holds: the stories grouped straight from the section's bytes, no signature
/// copied out of it ([`Stories::from_signatures_of`]). The caller compares their number with
/// the documents'.
pub(super) fn read_stories(bytes: &[u8]) -> Result<Stories> {
    let mut input = In::new(bytes, "STOR");
    let docs = input.count()?;
    let mut usable = Vec::with_capacity(docs);
    for &b in input.take(docs)? {
        match b {
            0 | 1 => usable.push(b == 1),
            _ => return Err(input.damaged("a document's mark is neither 0 nor 1")),
        }
    }
    // Where each document's values start (`u32::MAX`: it has none).
    let mut at = vec![u32::MAX; docs];
    for (id, _) in usable.iter().enumerate().filter(|(_, &u)| u) {
        at[id] = input.position() as u32;
        input.take(BINS * 4)?;
    }
    input.finish()?;
    Ok(Stories::from_signatures_of(usable, |id, from, out| {
        let values = at.get(id as usize).and_then(|&a| {
            let start = (a as usize).checked_add(from * 4)?;
            bytes.get(start..start.checked_add(out.len() * 4)?)
        });
        if let Some(values) = values {
            for (slot, v) in out.iter_mut().zip(values.chunks_exact(4)) {
                *slot = u32::from_le_bytes([v[0], v[1], v[2], v[3]]);
            }
        } else {
            out.fill(0);
        }
    }))
}
