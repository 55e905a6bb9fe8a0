//! One stored document: the parsed document, what cleaning made of it, its metadata and the
//! way back from its folded text; and what the corpus tells about it (title, summary).

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

use crate::clean::{assemble, Cleaned, Reason};
use crate::document::{Document, Script};
use crate::fold::{fold_query, OffsetMap};
use crate::meta::{Meta, Stated};

/// A document with what the corpus keeps beside it.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The document, its text taken out once stored: the store keeps the texts deflated
    /// ([`super::text::Texts`]), read through [`super::Store::raw`].
    pub(crate) doc: Document,
    pub(crate) cleaned: Cleaned,
    pub(crate) meta: Meta,
    /// From the folded cleaned text in the index back to the cleaned text ([`Entry::article`];
    /// `cleaned.text` itself is not kept).
    pub(crate) fold_offsets: OffsetMap,
    /// Length of the cleaned text in characters (BM25 normalises by it on every search).
    pub(crate) cleaned_chars: usize,
    /// Whether the cleaned text is the raw text exactly (nothing removed, nothing trimmed).
    article_is_raw: bool,
    /// The title to show (stated, else the first kept paragraph, cut to a sentence), kept so
    /// that a hit, a list row or a concordance line never inflates a text for it.
    title: Box<str>,
    /// The title, folded: `title:` filters and the title bonus compare against it.
    pub(crate) title_folded: String,
    /// What a container stated beside the text (a table row's columns, [`crate::formats`]),
    /// applied over the metadata and kept for a rebuild; its extra fields are facets.
    pub(crate) stated: Option<Box<Stated>>,
    /// Which paragraphs cleaning kept ([`Cleaned::content`], emptied here): [`Entry::content`].
    kept: Kept,
}

/// Which paragraphs of a document cleaning kept, at least in part: a bit per paragraph (low
/// bit first), and nothing at all when it kept every one, as it does for most documents. As
/// `Vec<bool>` it was a byte per paragraph: 0.30 MiB at 10 MB of poetry (2,424 documents of
/// 130 lines each), 3% of the text for what is nearly always "all of them".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Kept(Box<[u8]>);

impl Kept {
    fn of(content: &[bool]) -> Kept {
        if content.iter().all(|&k| k) {
            return Kept::default();
        }
        let mut bits = vec![0u8; content.len().div_ceil(8)];
        for (i, _) in content.iter().enumerate().filter(|(_, &k)| k) {
            bits[i / 8] |= 1 << (i % 8);
        }
        Kept(bits.into_boxed_slice())
    }

    /// Whether paragraph `i` was kept.
    fn get(&self, i: usize) -> bool {
        self.0.is_empty() || self.0.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1)
    }
}

/// An extra field of a document, as JavaScript sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldInfo {
    /// The column it came from.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// A span the cleaned view leaves out, as JavaScript sees it.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedInfo {
    /// Start in UTF-16 code units of the raw text.
    pub start: usize,
    /// End in UTF-16 code units of the raw text.
    pub end: usize,
    /// Why it was removed.
    pub reason: Reason,
    /// Which rule fired.
    pub note: String,
}

/// What `documents()` tells about one document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfo {
    /// Stable id: the order in which documents were added, from 0.
    pub id: u32,
    /// The name it was added under.
    pub name: String,
    /// Its title: stated (标题:), else the first title-like line of the article.
    pub title: String,
    /// Publication date in ISO 8601, as precise as the text states it (`2021-03`).
    pub date: Option<String>,
    /// The site the article comes from (host name or stated source).
    pub source: Option<String>,
    /// The article's URL when the text gives one.
    pub url: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// Length of the raw text in characters.
    pub chars: usize,
    /// Length of the cleaned text in characters.
    pub kept_chars: usize,
    /// Number of paragraphs in the raw text.
    pub paragraphs: usize,
    /// Traditional, Simplified, mixed, or none.
    pub script: Script,
    /// Share of Traditional among script-specific characters, 0 to 1.
    pub traditional_share: f64,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// Bytes that could not be decoded and were replaced by U+FFFD.
    pub undecodable_bytes: usize,
    /// What decoding lost, as a sentence ("3 bytes could not be decoded as …"), if anything.
    pub decode_warning: Option<String>,
    /// Spans the cleaned view leaves out.
    pub removed: Vec<RemovedInfo>,
    /// Extra fields from a table's other columns (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldInfo>,
}

/// UTF-16 offsets of sorted byte offsets into `text`, computed in one pass.
pub(crate) fn utf16_offsets(text: &str, sorted: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted.len());
    let (mut byte, mut units) = (0, 0);
    let mut chars = text.char_indices().peekable();
    for &target in sorted {
        while byte < target {
            match chars.next() {
                Some((_, c)) => {
                    units += c.len_utf16();
                    byte += c.len_utf8();
                }
                None => break,
            }
        }
        out.push(units);
    }
    out
}

/// Titles longer than this (in characters) are cut for display: an article without a title
/// line falls back to its first paragraph, which can run to hundreds of characters.
const TITLE_MAX: usize = 60;

/// `line` cut to its first sentence, or to [`TITLE_MAX`] characters with an ellipsis.
fn short_title(line: &str) -> String {
    if line.chars().count() <= TITLE_MAX {
        return line.to_owned();
    }
    let head: String = line.chars().take(TITLE_MAX).collect();
    // Cut at a sentence end outside quotation marks and brackets, so that “别骗人!” stays whole.
    let mut depth = 0i32;
    let mut cut = None;
    for (at, c) in head.char_indices() {
        match c {
            '“' | '「' | '『' | '《' | '（' | '(' => depth += 1,
            '”' | '」' | '』' | '》' | '）' | ')' => depth -= 1,
            '。' | '！' | '？' | '!' | '?' if depth <= 0 && at > 0 => {
                cut = Some(at + c.len_utf8());
                break;
            }
            _ => {}
        }
    }
    match cut {
        Some(end) => head[..end].to_owned(),
        None => format!("{head}…"),
    }
}

impl Entry {
    /// A document with what ingestion derived from it: cleaning, metadata and the fold map of
    /// its article; the character count and the title, shown and folded, are computed here
    /// (while `doc` still holds its text).
    pub(crate) fn new(
        doc: Document,
        cleaned: Cleaned,
        meta: Meta,
        fold_offsets: OffsetMap,
    ) -> Entry {
        let cleaned_chars = cleaned.text.chars().count();
        let article_is_raw = cleaned.text == doc.text;
        Entry::measured(doc, cleaned, meta, fold_offsets, cleaned_chars, article_is_raw)
    }

    /// [`Entry::new`] with the cleaned text's length in characters and whether it is the raw
    /// text exactly already measured (a snapshot being opened drops each cleaned text once
    /// folded, so that opening never holds them all).
    pub(crate) fn measured(
        doc: Document,
        cleaned: Cleaned,
        meta: Meta,
        fold_offsets: OffsetMap,
        cleaned_chars: usize,
        article_is_raw: bool,
    ) -> Entry {
        // The cleaned text is a second copy of nearly all of the raw text: it is assembled
        // again from the paragraphs and the removed spans when asked for (`article`), as a
        // snapshot does on opening, instead of being kept.
        let mut cleaned = cleaned;
        cleaned.text = String::new();
        cleaned.offsets.shrink_to_fit();
        let mut fold_offsets = fold_offsets;
        fold_offsets.shrink_to_fit();
        // The title is found in the entry's own paragraphs and metadata, so it comes second.
        let mut entry = Entry::decoded(
            doc,
            cleaned,
            meta,
            fold_offsets,
            cleaned_chars,
            article_is_raw,
            Box::from(""),
        );
        entry.title = entry.find_title().into_boxed_str();
        entry.title_folded = fold_query(&entry.title);
        entry
    }

    /// An entry read back from a snapshot, with everything ingestion derived from the texts
    /// stated beside it (character counts, whether the article is the raw text, the title):
    /// nothing here reads a text. `doc` holds no text. The title is folded here.
    pub(crate) fn decoded(
        doc: Document,
        cleaned: Cleaned,
        meta: Meta,
        fold_offsets: OffsetMap,
        cleaned_chars: usize,
        article_is_raw: bool,
        title: Box<str>,
    ) -> Entry {
        let title_folded = fold_query(&title);
        let mut cleaned = cleaned;
        let kept = Kept::of(&std::mem::take(&mut cleaned.content));
        Entry {
            doc,
            cleaned,
            meta,
            fold_offsets,
            cleaned_chars,
            article_is_raw,
            title,
            title_folded,
            stated: None,
            kept,
        }
    }

    /// Whether each paragraph was kept by cleaning, at least in part ([`Cleaned::content`]).
    pub(crate) fn content(&self) -> Vec<bool> {
        (0..self.doc.paragraphs.len())
            .map(|i| self.kept.get(i))
            .collect()
    }

    /// The heap bytes of [`Entry::content`] as kept.
    pub(crate) fn content_heap_bytes(&self) -> usize {
        self.kept.0.len()
    }

    /// Whether the cleaned text is the raw text exactly.
    pub(crate) fn article_is_raw(&self) -> bool {
        self.article_is_raw
    }

    /// The cleaned text (the article) of this document, whose raw text is `raw`: the raw text
    /// itself when nothing was removed or trimmed, else assembled again from the paragraphs and
    /// removed spans, exactly as cleaning made it ([`crate::clean::assemble`]: one copy of the
    /// document, on demand).
    pub(crate) fn article<'a>(&self, raw: Cow<'a, str>) -> Cow<'a, str> {
        if self.article_is_raw {
            raw
        } else {
            Cow::Owned(assemble(&raw, &self.doc.paragraphs.to_vec(), &self.cleaned.removed).0)
        }
    }

    /// The extra fields of the document (none for most).
    pub(crate) fn fields(&self) -> &[(String, String)] {
        self.stated.as_deref().map_or(&[], |s| &s.fields)
    }

    /// The title to show: stated, else the first kept paragraph, cut to a sentence.
    pub(crate) fn title(&self) -> String {
        self.title.to_string()
    }

    /// [`Entry::title`] found in the text (`doc.text`, still there while the entry is made).
    fn find_title(&self) -> String {
        let range = self.meta.title.clone().or_else(|| {
            let first = self
                .doc
                .paragraphs
                .iter()
                .enumerate()
                .find(|(i, _)| self.kept.get(*i));
            first.map(|(_, r)| r)
        });
        match range {
            Some(r) => short_title(self.kept(r).trim()),
            None => short_title(self.doc.title()),
        }
    }

    /// The text of `range` without the phrases removed inside it (spam injected into a title).
    /// Whole removed paragraphs do not count: a title stated on a footer line (`标题:…`) is
    /// still the title.
    fn kept(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        let mut at = range.start;
        let inside = |r: &&crate::clean::Removed| {
            !r.paragraph && r.range.start < range.end && r.range.end > range.start
        };
        for r in self.cleaned.removed.iter().filter(inside) {
            if r.range.start > at {
                out.push_str(&self.doc.text[at..r.range.start]);
            }
            at = at.max(r.range.end);
        }
        if at < range.end {
            out.push_str(&self.doc.text[at..range.end]);
        }
        out
    }

    /// What `documents()` tells about this document; `raw` gives its raw text, asked for only
    /// when spans were removed (their offsets are told in UTF-16 code units of it).
    pub(crate) fn info(&self, id: u32, units: impl FnOnce(&[usize]) -> Vec<usize>) -> DocumentInfo {
        let bounds: Vec<usize> = self
            .cleaned
            .removed
            .iter()
            .flat_map(|r| [r.range.start, r.range.end])
            .collect();
        let mut sorted = bounds.clone();
        sorted.sort_unstable();
        let units = if sorted.is_empty() {
            Vec::new()
        } else {
            units(&sorted)
        };
        let unit = |b: usize| units[sorted.partition_point(|&x| x < b)];
        DocumentInfo {
            id,
            name: self.doc.name.clone(),
            title: self.title(),
            date: self.meta.date.as_ref().map(|(d, _)| d.iso()),
            source: self.meta.site.clone(),
            url: self.meta.url.clone(),
            author: self.meta.author.as_ref().map(|(a, _)| a.clone()),
            chars: self.doc.chars,
            kept_chars: self.cleaned_chars,
            paragraphs: self.doc.paragraphs.len(),
            script: self.doc.script.script(),
            traditional_share: self.doc.script.traditional_share(),
            encoding: self.doc.encoding,
            undecodable_bytes: self.doc.undecodable_bytes,
            decode_warning: self.doc.decode_warning.clone(),
            removed: self
                .cleaned
                .removed
                .iter()
                .map(|r| RemovedInfo {
                    start: unit(r.range.start),
                    end: unit(r.range.end),
                    reason: r.reason,
                    note: r.note.clone(),
                })
                .collect(),
            fields: self
                .fields()
                .iter()
                .map(|(name, value)| FieldInfo {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_paragraphs_are_bits_and_nothing_when_all_are_kept() {
        for content in [vec![], vec![true; 130], vec![false], vec![true, false, true], {
            let mut v = vec![true; 20];
            v[9] = false;
            v[19] = false;
            v
        }] {
            let kept = Kept::of(&content);
            let back: Vec<bool> = (0..content.len()).map(|i| kept.get(i)).collect();
            assert_eq!(back, content);
            let all = content.iter().all(|&k| k);
            assert_eq!(kept.0.len(), if all { 0 } else { content.len().div_ceil(8) });
        }
    }

    #[test]
    fn cuts_a_long_fallback_title_to_its_first_sentence() {
        let long = format!("“别骗人!”他说。{}", "很长".repeat(40));
        assert_eq!(short_title(&long), "“别骗人!”他说。");
        assert_eq!(short_title("短标题"), "短标题");
        assert_eq!(short_title(&"长".repeat(70)).chars().count(), TITLE_MAX + 1);
    }
}
