//! The corpus: documents, their folded forms and the index, behind one small API.
//!
//! This is what the wasm binding wraps, method for method. It owns the pipeline order:
//! decode → parse → fold → index on the way in; fold the query → look up → map back to the
//! original on the way out.

use std::ops::Range;

use serde::Serialize;

use crate::decode::decode;
use crate::document::{Document, Script};
use crate::error::{Error, Result};
use crate::fold::{fold, fold_query, OffsetMap};
use crate::index::{Index, Occurrence};
use crate::search::{snippet, Hit, Piece, SearchOptions, SearchResults};

/// The most folded text one corpus holds, in bytes. The index needs about four bytes per
/// character on top of the text itself (original and folded), so 256 MB of text (about 85
/// million Chinese characters) stays near 1 GB, well inside what a browser tab can allocate
/// for a 32-bit wasm memory (4 GiB at most).
pub const MAX_TEXT_BYTES: usize = 256 * 1_000_000;

/// Original byte ranges of a query's occurrences in one document.
type DocMatches = (u32, Vec<Range<usize>>);

/// A document with what the corpus keeps beside it.
#[derive(Debug)]
struct Entry {
    doc: Document,
    /// From the folded text in the index back to `doc.text`.
    offsets: OffsetMap,
}

/// A searchable collection of documents.
///
/// ```
/// use corpus_explorer::{Corpus, search::SearchOptions};
/// let mut corpus = Corpus::new();
/// corpus.add_document("tw.txt", "京東與快手合作".as_bytes()).unwrap();
/// corpus.add_document("cn.txt", "京东与快手合作".as_bytes()).unwrap();
/// let results = corpus.search("京东", &SearchOptions::default());
/// assert_eq!(results.total, 2);
/// // Matches are shown in the script the document is written in.
/// assert_eq!(results.hits[0].snippets[0].matched, "京東");
/// ```
#[derive(Debug, Default)]
pub struct Corpus {
    entries: Vec<Entry>,
    index: Index,
}

/// What `documents()` tells about one document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfo {
    /// Stable id: the order in which documents were added, from 0.
    pub id: u32,
    /// The name it was added under.
    pub name: String,
    /// Its title (first paragraph).
    pub title: String,
    /// Length in characters.
    pub chars: usize,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Traditional, Simplified, mixed, or none.
    pub script: Script,
    /// Share of Traditional among script-specific characters, 0 to 1.
    pub traditional_share: f64,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes, parses, folds and indexes one file. Returns the new document's id.
    ///
    /// On error nothing is added and the documents already there are untouched.
    pub fn add_document(&mut self, name: &str, bytes: &[u8]) -> Result<u32> {
        let decoded = decode(name, bytes)?;
        if self.index.text_len() + decoded.text.len() > MAX_TEXT_BYTES {
            return Err(Error::TooLarge {
                name: name.to_owned(),
                limit: MAX_TEXT_BYTES,
            });
        }
        let doc = Document::parse(name, decoded);
        let folded = fold(&doc.text);
        self.index.push(&folded.text);
        let id = self.entries.len() as u32;
        self.entries.push(Entry {
            doc,
            offsets: folded.offsets,
        });
        Ok(id)
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
            .map(|(id, e)| DocumentInfo {
                id: id as u32,
                name: e.doc.name.clone(),
                title: e.doc.title().to_owned(),
                chars: e.doc.chars,
                paragraphs: e.doc.paragraphs.len(),
                script: e.doc.script.script(),
                traditional_share: e.doc.script.traditional_share(),
                encoding: e.doc.encoding,
            })
            .collect()
    }

    fn entry(&self, id: u32) -> Result<&Entry> {
        self.entries
            .get(id as usize)
            .ok_or(Error::UnknownDocument { id })
    }

    /// The text of document `id`, exactly as decoded.
    pub fn text(&self, id: u32) -> Result<&str> {
        Ok(&self.entry(id)?.doc.text)
    }

    /// Original byte ranges of every occurrence of `query`, grouped by document in id order.
    fn matches(&mut self, query: &str) -> (String, Vec<DocMatches>) {
        self.index.build();
        let folded = fold_query(query.trim());
        let mut groups: Vec<DocMatches> = Vec::new();
        for Occurrence { doc, start } in self.index.find(&folded) {
            let map = &self.entries[doc as usize].offsets;
            let range = map.to_original(start)..map.to_original(start + folded.len());
            match groups.last_mut() {
                Some((d, ranges)) if *d == doc => ranges.push(range),
                _ => groups.push((doc, vec![range])),
            }
        }
        (folded, groups)
    }

    /// Finds every document containing `query` (folded, so either script matches), ranked by
    /// number of occurrences, then by id.
    pub fn search(&mut self, query: &str, options: &SearchOptions) -> SearchResults {
        let (folded, mut groups) = self.matches(query);
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let occurrences = groups.iter().map(|(_, r)| r.len()).sum();
        let total = groups.len();
        let hits = groups
            .into_iter()
            .skip(options.offset)
            .take(options.limit)
            .map(|(id, ranges)| self.hit(id, &ranges, options))
            .collect();
        SearchResults {
            query: query.to_owned(),
            folded,
            total,
            occurrences,
            hits,
        }
    }

    fn hit(&self, id: u32, ranges: &[Range<usize>], options: &SearchOptions) -> Hit {
        let doc = &self.entries[id as usize].doc;
        let mut snippets = Vec::new();
        let mut shown_until = 0;
        for (occurrence, r) in ranges.iter().enumerate() {
            if snippets.len() == options.snippets {
                break;
            }
            // An overlapping match ("哈哈" twice in "哈哈哈") would repeat the same snippet.
            if r.start < shown_until {
                continue;
            }
            snippets.push(snippet::snippet(
                &doc.text,
                r.clone(),
                options.context,
                occurrence,
            ));
            shown_until = r.end;
        }
        Hit {
            id,
            name: doc.name.clone(),
            title: doc.title().to_owned(),
            count: ranges.len(),
            snippets,
        }
    }

    /// The whole text of document `id` cut into pieces, every occurrence of `query` marked.
    pub fn highlight(&mut self, id: u32, query: &str) -> Result<Vec<Piece>> {
        self.entry(id)?;
        let (_, groups) = self.matches(query);
        let ranges = groups
            .into_iter()
            .find(|(d, _)| *d == id)
            .map(|(_, r)| r)
            .unwrap_or_default();
        Ok(snippet::pieces(&self.entry(id)?.doc.text, &ranges))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let r = c.search("京东", &SearchOptions::default());
        assert_eq!((r.total, r.occurrences), (1, 2));
        assert_eq!(r.hits[0].snippets[0].matched, "京東");
    }

    #[test]
    fn traditional_query_finds_simplified_text() {
        let mut c = corpus(&[("cn", "宣布与京东达成合作")]);
        let r = c.search("京東", &SearchOptions::default());
        assert_eq!(r.hits[0].snippets[0].matched, "京东");
        assert_eq!(r.folded, "京东");
    }

    #[test]
    fn full_width_query_matches_half_width_text_and_back() {
        let mut c = corpus(&[("a", "ＧＭＶ达到1758亿元"), ("b", "gmv")]);
        let r = c.search("GMV", &SearchOptions::default());
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
        let r = c.search("快手", &options);
        assert_eq!((r.total, r.hits.len(), r.hits[0].id), (3, 1, 1));
    }

    #[test]
    fn empty_and_blank_queries_find_nothing() {
        let mut c = corpus(&[("a", "快手")]);
        assert_eq!(c.search("", &SearchOptions::default()).total, 0);
        assert_eq!(c.search("  \u{3000}", &SearchOptions::default()).total, 0);
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
        assert_eq!(c.search("快手", &SearchOptions::default()).total, 1);
    }

    #[test]
    fn unknown_ids_are_errors_not_panics() {
        let mut c = corpus(&[("a", "快手")]);
        assert_eq!(c.text(7), Err(Error::UnknownDocument { id: 7 }));
        assert!(c.highlight(7, "快").is_err());
    }
}
