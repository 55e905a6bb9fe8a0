//! The corpus: documents, their folded forms and the index, behind one small API.
//!
//! This is what the wasm binding wraps, method for method. It owns the pipeline order:
//! decode → parse → fold → index on the way in; fold the query → look up → map back to the
//! original on the way out.

use std::ops::Range;

use serde::Serialize;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::analyse::tokens::{Tokens, Unit};
use crate::clean::{clean, Cleaned, Reason, Seen};
use crate::decode::Decoder;
use crate::document::{Document, Script};
use crate::error::{Error, Result};
use crate::fold::{fold, fold_query, OffsetMap};
use crate::index::Index;
use crate::meta::{extract, Meta};
use crate::query::Variants;
use crate::search::SearchOptions;
use crate::segment::Segmenter;

/// The most text one corpus holds, in bytes. The index needs about four bytes per character
/// on top of the texts themselves (original, cleaned and folded), so 256 MB of text (about 85
/// million Chinese characters) stays near 1.5 GB, inside what a browser tab can allocate for a
/// 32-bit wasm memory (4 GiB at most).
pub const MAX_TEXT_BYTES: usize = 256 * 1_000_000;

/// A document with what the corpus keeps beside it.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) doc: Document,
    pub(crate) cleaned: Cleaned,
    pub(crate) meta: Meta,
    /// From the folded cleaned text in the index back to `cleaned.text`.
    pub(crate) fold_offsets: OffsetMap,
    /// Length of `cleaned.text` in characters (BM25 normalises by it on every search).
    pub(crate) cleaned_chars: usize,
    /// The title, folded: `title:` filters and the title bonus compare against it.
    pub(crate) title_folded: String,
}

/// The raw texts folded and indexed, for searches that include removed spans. Built on the
/// first such search, so a corpus that never asks pays nothing for it.
#[derive(Debug, Default)]
pub(crate) struct RawIndex {
    pub(crate) index: Index,
    /// Per document, from the folded raw text back to the raw text.
    pub(crate) offsets: Vec<OffsetMap>,
}

/// A searchable collection of documents.
///
/// ```
/// use corpus_explorer::{Corpus, search::SearchOptions};
/// let mut corpus = Corpus::new();
/// corpus.add_document("tw.txt", "京東與快手合作".as_bytes()).unwrap();
/// corpus.add_document("cn.txt", "京东与快手合作".as_bytes()).unwrap();
/// let results = corpus.search("京东", &SearchOptions::default()).unwrap();
/// assert_eq!(results.total, 2);
/// // Matches are shown in the script the document is written in.
/// assert_eq!(results.hits[0].snippets[0].matched, "京東");
/// ```
#[derive(Debug, Default)]
pub struct Corpus {
    pub(crate) entries: Vec<Entry>,
    pub(crate) index: Index,
    pub(crate) raw: Option<RawIndex>,
    pub(crate) variants: Variants,
    /// The word segmenter, once its dictionary has been loaded.
    pub(crate) segmenter: Option<Segmenter>,
    /// Words of the user's lexicon, applied to the segmenter when it is (re)loaded.
    pub(crate) user_words: Vec<String>,
    /// The reference list of general Chinese, once loaded (`analyse/words.rs`).
    pub(crate) reference: Option<crate::analyse::reference::Reference>,
    /// Token streams by unit and view (`true`: raw text), built on first use and dropped
    /// whenever documents, the dictionary or the lexicon change.
    pub(crate) tokens: FxHashMap<(Unit, bool), Tokens>,
    /// Documents mentioning each entity, per view (`[cleaned, raw]`), built on first search;
    /// emptied when documents or variants change.
    pub(crate) entity_cache: [Option<Vec<FxHashSet<u32>>>; 2],
    seen: Seen,
    text_bytes: usize,
    /// The most text this corpus holds, when smaller than [`MAX_TEXT_BYTES`].
    limit: Option<usize>,
    /// Decodes added files; holds the GB18030/Big5 tables (embedded natively, loaded with
    /// [`Corpus::load_encoding_tables`] in the browser).
    pub(crate) decoder: Decoder,
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
}

/// One paragraph of the reader's view of a document.
#[derive(Debug, Clone, Serialize)]
pub struct ReaderParagraph {
    /// Why the whole paragraph is not part of the article, if it is not.
    pub removed: Option<Reason>,
    /// The rule that removed it.
    pub note: Option<String>,
    /// The paragraph's text in pieces.
    pub pieces: Vec<ReaderPiece>,
}

/// A run of a paragraph with one kind of marking.
#[derive(Debug, Clone, Serialize)]
pub struct ReaderPiece {
    /// The original text of the run.
    pub text: String,
    /// Whether the run is (part of) a match.
    #[serde(rename = "match")]
    pub matched: bool,
    /// Why the run is not part of the article, if it is not.
    pub removed: Option<Reason>,
    /// The rule that removed it.
    pub note: Option<String>,
}

/// UTF-16 offsets of sorted byte offsets into `text`, computed in one pass.
fn utf16_offsets(text: &str, sorted: &[usize]) -> Vec<usize> {
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
    /// The title to show: stated, else the first kept paragraph, cut to a sentence.
    pub(crate) fn title(&self) -> String {
        let range = self.meta.title.clone().or_else(|| {
            let first = self
                .doc
                .paragraphs
                .iter()
                .zip(&self.cleaned.content)
                .find(|(_, kept)| **kept);
            first.map(|(r, _)| r.clone())
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

    fn info(&self, id: u32) -> DocumentInfo {
        let bounds: Vec<usize> = self
            .cleaned
            .removed
            .iter()
            .flat_map(|r| [r.range.start, r.range.end])
            .collect();
        let mut sorted = bounds.clone();
        sorted.sort_unstable();
        let units = utf16_offsets(&self.doc.text, &sorted);
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
        }
    }
}

/// Heap bytes a corpus holds, by part ([`Corpus::memory`]): what the benchmark's memory
/// figures are made of. Capacities, so spare room counts; the allocator's own overhead does not.
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    /// The decoded original texts.
    pub raw_text: usize,
    /// Paragraph ranges of the originals.
    pub paragraphs: usize,
    /// The cleaned texts.
    pub cleaned_text: usize,
    /// Removed spans with their notes, and the offset maps back to the originals.
    pub removed_and_offsets: usize,
    /// The folded texts the index searches, with document bounds.
    pub folded_text: usize,
    /// The index's positions (one `u32` per character).
    pub positions: usize,
    /// The index's distinct pairs and where their positions start.
    pub pairs: usize,
    /// Paragraph keys of earlier documents, for duplicates across documents.
    pub seen: usize,
}

impl Memory {
    /// All parts together.
    pub fn total(&self) -> usize {
        self.raw_text
            + self.paragraphs
            + self.cleaned_text
            + self.removed_and_offsets
            + self.folded_text
            + self.positions
            + self.pairs
            + self.seen
    }
}

impl Corpus {
    /// What the corpus holds in memory, by part (the index as last built).
    pub fn memory(&self) -> Memory {
        let mut m = Memory::default();
        for e in &self.entries {
            m.raw_text += e.doc.text.capacity();
            m.paragraphs += e.doc.paragraphs.capacity() * std::mem::size_of::<Range<usize>>();
            m.cleaned_text += e.cleaned.text.capacity();
            m.removed_and_offsets += e.cleaned.removed.capacity()
                * std::mem::size_of::<crate::clean::Removed>()
                + e.cleaned
                    .removed
                    .iter()
                    .map(|r| r.note.capacity())
                    .sum::<usize>()
                + e.cleaned.offsets.heap_bytes()
                + e.cleaned.content.capacity()
                + e.fold_offsets.heap_bytes();
        }
        (m.folded_text, m.positions, m.pairs) = self.index.heap_bytes();
        m.seen = self.seen.heap_bytes();
        m
    }

    /// An empty corpus that holds up to [`MAX_TEXT_BYTES`] of text.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty corpus that holds up to `max_text_bytes` of text (at most [`MAX_TEXT_BYTES`]),
    /// for a page that embeds the explorer with a smaller memory budget.
    pub fn with_limit(max_text_bytes: usize) -> Self {
        Corpus {
            limit: Some(max_text_bytes.min(MAX_TEXT_BYTES)),
            ..Self::default()
        }
    }

    /// Decodes, parses, cleans, folds and indexes one file. Returns the new document's id.
    ///
    /// On error nothing is added and the documents already there are untouched.
    pub fn add_document(&mut self, name: &str, bytes: &[u8]) -> Result<u32> {
        let decoded = self.decoder.decode(name, bytes)?;
        let limit = self.limit.unwrap_or(MAX_TEXT_BYTES);
        if self.text_bytes + decoded.text.len() > limit {
            return Err(Error::TooLarge {
                name: name.to_owned(),
                limit,
            });
        }
        Ok(self.push(Document::parse(name, decoded)))
    }

    /// Cleans, folds and indexes a parsed document; returns its id.
    fn push(&mut self, doc: Document) -> u32 {
        let cleaned = clean(&doc.text, &doc.paragraphs, &self.seen);
        let meta = extract(&doc.text, &doc.paragraphs, &cleaned.content);
        let folded = fold(&cleaned.text);
        let id = self.entries.len() as u32;
        let keys: Vec<&str> = cleaned.keys.iter().map(String::as_str).collect();
        self.seen.insert(id, &keys);
        // The keys were only for `seen`: as long as the text again, they are not kept.
        let mut cleaned = cleaned;
        cleaned.keys = Vec::new();
        let cleaned_chars = cleaned.text.chars().count();
        self.entity_cache = [None, None];
        self.index.push(&folded.text);
        if let Some(raw) = &mut self.raw {
            let raw_folded = fold(&doc.text);
            raw.index.push(&raw_folded.text);
            raw.offsets.push(raw_folded.offsets);
        }
        self.text_bytes += doc.text.len();
        self.tokens.clear();
        let mut entry = Entry {
            doc,
            cleaned,
            meta,
            fold_offsets: folded.offsets,
            cleaned_chars,
            title_folded: String::new(),
        };
        entry.title_folded = fold_query(&entry.title());
        self.entries.push(entry);
        id
    }

    /// Removes document `id`. The documents after it move up one id, and every document is
    /// cleaned and indexed again in order, since a paragraph removed as a copy of the removed
    /// document's text now belongs to the article it was found in.
    pub fn remove_document(&mut self, id: u32) -> Result<()> {
        self.entry(id)?;
        let mut docs: Vec<Document> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(|e| e.doc)
            .collect();
        docs.remove(id as usize);
        self.rebuild(docs);
        Ok(())
    }

    /// Removes every document; loaded dictionary, lexicon, variants and tables stay.
    pub fn clear(&mut self) {
        self.rebuild(Vec::new());
    }

    fn rebuild(&mut self, docs: Vec<Document>) {
        self.entries.clear();
        self.index = Index::default();
        self.raw = None;
        self.seen = Seen::default();
        self.tokens.clear();
        self.entity_cache = [None, None];
        self.text_bytes = 0;
        for doc in docs {
            self.push(doc);
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A summary of every document, in id order.
    pub fn documents(&self) -> Vec<DocumentInfo> {
        self.entries
            .iter()
            .enumerate()
            .map(|(id, e)| e.info(id as u32))
            .collect()
    }

    pub(crate) fn entry(&self, id: u32) -> Result<&Entry> {
        self.entries
            .get(id as usize)
            .ok_or(Error::UnknownDocument { id })
    }

    /// The cleaned text of document `id`: the article, without what cleaning removed.
    pub fn text(&self, id: u32) -> Result<&str> {
        Ok(&self.entry(id)?.cleaned.text)
    }

    /// The text of document `id` exactly as decoded, removed spans and all.
    pub fn raw_text(&self, id: u32) -> Result<&str> {
        Ok(&self.entry(id)?.doc.text)
    }

    /// The raw-text index, built (documents folded and pushed) on first use.
    pub(crate) fn raw_index(&mut self) -> &mut RawIndex {
        let entries = &self.entries;
        self.raw.get_or_insert_with(|| {
            let mut raw = RawIndex::default();
            for e in entries {
                let folded = fold(&e.doc.text);
                raw.index.push(&folded.text);
                raw.offsets.push(folded.offsets);
            }
            raw
        })
    }

    /// The reader's view of document `id`: every paragraph of the raw text, in pieces marked
    /// as matches of `query` and as removed (with the reason), so a page can show the cleaned
    /// article and reveal what was removed in place. Matches are those a search with the same
    /// `options` finds: in the cleaned text, or everywhere with `include_removed`; name
    /// variants with `variants`.
    pub fn reader(
        &mut self,
        id: u32,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<ReaderParagraph>> {
        self.entry(id)?;
        let matches = self.raw_matches(id, query, options)?;
        let e = &self.entries[id as usize];
        Ok(reader_view(&e.doc, &e.cleaned, &matches))
    }

    /// Loads the word list for segmentation (the dictionary file's bytes: `word frequency`
    /// lines). The names of the variant table and the user's lexicon are added to it as words;
    /// word statistics are recomputed on next use.
    pub fn load_dictionary(&mut self, bytes: &[u8]) -> Result<usize> {
        let mut segmenter = Segmenter::from_dictionary(bytes)
            .map_err(|message| Error::BadDictionary { message })?;
        // Names of the variant table are words: jieba's list predates 快手 and 抖音, and a name
        // cut into characters would never show up in a word list or as a collocate. Names with
        // a space inside (Jack Ma) cannot be one token and are left to the dictionary.
        for name in self.variants.entities().iter().flat_map(|e| e.names()) {
            if !name.contains(char::is_whitespace) {
                segmenter
                    .add_word(name)
                    .map_err(|message| Error::BadWord { message })?;
            }
        }
        for word in &self.user_words {
            segmenter
                .add_word(word)
                .map_err(|message| Error::BadWord { message })?;
        }
        let words = segmenter.words();
        self.segmenter = Some(segmenter);
        self.tokens.clear();
        Ok(words)
    }

    /// Installs the GB18030/Big5 tables from the bytes of `data/encodings.bin`, which files in
    /// those encodings need in the browser (the wasm build does not embed them; natively they
    /// are embedded and loading replaces them). A file that is not the tables file, or is cut
    /// off or damaged, gives [`Error::BadEncodingTables`] and changes nothing.
    pub fn load_encoding_tables(&mut self, bytes: &[u8]) -> Result<()> {
        self.decoder.load_tables(bytes)
    }

    /// True once [`Corpus::load_dictionary`] has succeeded.
    pub fn has_dictionary(&self) -> bool {
        self.segmenter.is_some()
    }

    /// Adds a word to the user's lexicon: it comes out as one token from now on, and every
    /// word statistic is recomputed on next use. Works before the dictionary is loaded too.
    pub fn add_word(&mut self, word: &str) -> Result<()> {
        if let Some(segmenter) = &mut self.segmenter {
            segmenter
                .add_word(word)
                .map_err(|message| Error::BadWord { message })?;
        } else if word.trim().is_empty() || word.trim().contains(char::is_whitespace) {
            return Err(Error::BadWord {
                message: format!("“{word}” is not a word: give it without spaces."),
            });
        }
        let word = word.trim().to_owned();
        if !self.user_words.contains(&word) {
            self.user_words.push(word);
        }
        self.tokens.clear();
        Ok(())
    }

    /// The user's lexicon, in the order the words were added.
    pub fn user_words(&self) -> &[String] {
        &self.user_words
    }

    /// Adds `variant` as another name of the entity `canonical` (created if new), for name
    /// variant search and the entity facet.
    pub fn add_variant(&mut self, canonical: &str, variant: &str) -> Result<()> {
        self.variants
            .add(canonical, variant)
            .map_err(|message| Error::BadVariant { message })
    }

    /// Removes a name variant the user added. The segmenter keeps it as a word until the
    /// dictionary is next loaded, which changes no search result.
    pub fn remove_variant(&mut self, variant: &str) -> Result<()> {
        self.variants
            .remove(variant)
            .map_err(|message| Error::BadVariant { message })
    }

    /// All entities and their names, built-in and added.
    pub fn entities(&self) -> &[crate::query::Entity] {
        self.variants.entities()
    }
}

/// Cuts each paragraph at match and removed-span boundaries.
fn reader_view(
    doc: &Document,
    cleaned: &Cleaned,
    matches: &[Range<usize>],
) -> Vec<ReaderParagraph> {
    let text = &doc.text;
    doc.paragraphs
        .iter()
        .map(|p| {
            let spans: Vec<&crate::clean::Removed> = cleaned
                .removed
                .iter()
                .filter(|r| r.range.start < p.end && r.range.end > p.start)
                .collect();
            let whole = spans.iter().find(|r| r.paragraph && r.range == *p);
            let mut cuts = vec![p.start, p.end];
            for r in spans.iter().map(|r| &r.range).chain(matches.iter()) {
                cuts.extend(
                    [r.start, r.end]
                        .into_iter()
                        .filter(|&b| b > p.start && b < p.end),
                );
            }
            cuts.sort_unstable();
            cuts.dedup();
            let pieces = cuts
                .windows(2)
                .map(|w| {
                    let span = spans
                        .iter()
                        .find(|r| r.range.start <= w[0] && w[1] <= r.range.end);
                    ReaderPiece {
                        text: text[w[0]..w[1]].to_owned(),
                        matched: matches.iter().any(|m| m.start <= w[0] && w[1] <= m.end),
                        removed: span.map(|r| r.reason),
                        note: span.map(|r| r.note.clone()),
                    }
                })
                .collect();
            ReaderParagraph {
                removed: whole.map(|r| r.reason),
                note: whole.map(|r| r.note.clone()),
                pieces,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchOptions;

    fn corpus(docs: &[(&str, &str)]) -> Corpus {
        let mut c = Corpus::new();
        for (name, text) in docs {
            c.add_document(name, text.as_bytes()).unwrap();
        }
        c
    }

    #[test]
    fn simplified_query_finds_traditional_text_shown_in_its_own_script() {
        let mut c = corpus(&[("tw", "京東牽“快手”\n\n京東零售"), ("cn", "快手与淘宝")]);
        let r = c.search("京东", &SearchOptions::default()).unwrap();
        assert_eq!((r.total, r.occurrences), (1, 2));
        assert_eq!(r.hits[0].snippets[0].matched, "京東");
    }

    #[test]
    fn traditional_query_finds_simplified_text() {
        let mut c = corpus(&[("cn", "宣布与京东达成合作")]);
        let r = c.search("京東", &SearchOptions::default()).unwrap();
        assert_eq!(r.hits[0].snippets[0].matched, "京东");
    }

    #[test]
    fn full_width_query_matches_half_width_text_and_back() {
        let mut c = corpus(&[("a", "ＧＭＶ达到1758亿元"), ("b", "gmv")]);
        let r = c.search("GMV", &SearchOptions::default()).unwrap();
        assert_eq!(r.total, 2);
        assert_eq!(
            r.hits.iter().find(|h| h.id == 0).unwrap().snippets[0].matched,
            "ＧＭＶ"
        );
    }

    #[test]
    fn ranks_by_occurrences_then_id() {
        let mut c = corpus(&[("one", "快手"), ("two", "快手快手"), ("three", "快手")]);
        let ids: Vec<u32> = c
            .search("快手", &SearchOptions::default())
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(ids, [1, 0, 2]);
    }

    #[test]
    fn pages_through_hits() {
        let mut c = corpus(&[("a", "快手"), ("b", "快手"), ("c", "快手")]);
        let options = SearchOptions {
            limit: 1,
            offset: 1,
            ..SearchOptions::default()
        };
        let r = c.search("快手", &options).unwrap();
        assert_eq!((r.total, r.hits.len(), r.hits[0].id), (3, 1, 1));
    }

    #[test]
    fn empty_and_blank_queries_find_nothing() {
        let mut c = corpus(&[("a", "快手")]);
        assert_eq!(c.search("", &SearchOptions::default()).unwrap().total, 0);
        assert_eq!(
            c.search("  \u{3000}", &SearchOptions::default())
                .unwrap()
                .total,
            0
        );
    }

    #[test]
    fn highlight_marks_every_occurrence_and_keeps_the_text() {
        let mut c = corpus(&[("tw", "京東，京東！")]);
        let pieces = c.highlight(0, "京东").unwrap();
        assert_eq!(
            pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
            "京東，京東！"
        );
        assert_eq!(pieces.iter().filter(|p| p.matched).count(), 2);
    }

    #[test]
    fn a_bad_file_leaves_the_corpus_as_it_was() {
        let mut c = corpus(&[("a", "快手")]);
        assert!(c.add_document("bad.bin", b"\0\x01\x02").is_err());
        assert_eq!(c.len(), 1);
        assert_eq!(
            c.search("快手", &SearchOptions::default()).unwrap().total,
            1
        );
    }

    #[test]
    fn cuts_a_long_fallback_title_to_its_first_sentence() {
        let long = format!("“别骗人!”他说。{}", "很长".repeat(40));
        assert_eq!(short_title(&long), "“别骗人!”他说。");
        assert_eq!(short_title("短标题"), "短标题");
        assert_eq!(short_title(&"长".repeat(70)).chars().count(), TITLE_MAX + 1);
    }

    #[test]
    fn removing_a_document_renumbers_and_restores_what_it_had_claimed_as_copies() {
        let shared = "京东与快手宣布达成战略合作，直播电商迎来新的发展阶段。";
        let mut c = corpus(&[("a", shared), ("b", "快手电商"), ("c", shared)]);
        assert_eq!(c.text(2).unwrap(), "", "c repeats a");
        c.remove_document(0).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c.documents()[1].name, "c");
        assert_eq!(
            c.text(1).unwrap(),
            shared,
            "with a gone, c's paragraph is its own"
        );
        assert_eq!(
            c.search("京东", &SearchOptions::default()).unwrap().hits[0].id,
            1
        );
        assert!(c.remove_document(5).is_err());
        c.clear();
        assert!(c.is_empty());
    }

    #[test]
    fn going_past_the_size_limit_is_refused_with_a_message_and_nothing_lost() {
        let mut c = Corpus::with_limit(2_000_000);
        let text = "京东快手".repeat(100_000); // 1.2 MB
        c.add_document("a.txt", text.as_bytes()).unwrap();
        let err = c.add_document("b.txt", text.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("larger than 2 MB"), "{err}");
        assert_eq!(c.len(), 1);
        assert_eq!(
            c.search("京东", &SearchOptions::default()).unwrap().total,
            1
        );
    }

    #[test]
    fn unknown_ids_are_errors_not_panics() {
        let mut c = corpus(&[("a", "快手")]);
        assert_eq!(c.text(7), Err(Error::UnknownDocument { id: 7 }));
        assert!(c.highlight(7, "快").is_err());
    }
}
