//! Words as the corpus cuts them, for readers and other tools: any text segmented, and the
//! corpus exported segmented. Both cut with the corpus's one segmenter (dictionary, HMM, the
//! user's lexicon, so every found word the reader accepted) on folded text, and hand back
//! pieces of the original: folding keeps characters one for one, so a word's byte range in
//! the folded text maps back through the document's (or the text's) offset map.
//!
//! ```
//! use corpus_explorer::Corpus;
//!
//! let mut corpus = Corpus::new();
//! corpus.load_dictionary("電商 100\n快手 100\n".as_bytes()).unwrap();
//! assert_eq!(corpus.segment("快手電商").unwrap(), ["快手", "電商"]);
//! ```

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::subset_ids;
use super::tokens::Unit;
use super::Words;
use crate::error::Result;
use crate::fold::fold;
use crate::search::Searcher;
use crate::store::{Store, TextView};

/// The words of `text` as the corpus would cut it, as pieces of `text` itself (in its own
/// script: 電商 stays 電商). White space is in no word. Needs the dictionary.
pub fn segment_text(words: &Words, text: &str) -> Result<Vec<String>> {
    let segmenter = words.segmenter()?;
    let folded = fold(text);
    Ok(segmenter
        .segment(&folded.text)
        .into_iter()
        .map(|r| {
            let start = folded.offsets.to_original(r.start);
            let end = folded.offsets.to_original_end(r.end);
            text[start..end].to_owned()
        })
        .collect())
}

/// Which documents [`segmented_documents`] exports.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SegmentedOptions {
    /// A query selecting the documents (see [`super::subset_ids`]); empty: all of them.
    pub query: String,
}

/// One document cut into words, for export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentedDocument {
    /// The document's id.
    pub id: u32,
    /// The name it was added under.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Publication date (ISO 8601, as precise as stated).
    pub date: Option<String>,
    /// The source site.
    pub source: Option<String>,
    /// The cleaned article's words in its own script, separated by single spaces; paragraphs
    /// separated by `\n`.
    pub text: String,
}

/// The cleaned articles cut into words as every word statistic cuts them, for researchers
/// who take our cut to other tools. Needs the dictionary.
pub fn segmented_documents(
    store: &mut Store,
    searcher: &mut Searcher,
    words: &mut Words,
    options: &SegmentedOptions,
) -> Result<Vec<SegmentedDocument>> {
    let ids = subset_ids(store, searcher, &options.query)?;
    let tokens = words.streams(store, Unit::Word, TextView::Article)?;
    let documents = store.documents();
    Ok(ids
        .into_iter()
        .map(|id| {
            let info = &documents[id as usize];
            let view = store.view(TextView::Article);
            let ranges = tokens.docs[id as usize].ranges.iter().map(|r| {
                let map = view.map(id);
                map.to_original(r.start as usize)..map.to_original_end(r.end as usize)
            });
            SegmentedDocument {
                id,
                name: info.name.clone(),
                title: info.title.clone(),
                date: info.date.clone(),
                source: info.source.clone(),
                text: spaced(&store.article(id), ranges),
            }
        })
        .collect())
}

/// The words at `ranges` of `text` separated by one space, or by `\n` where the text between
/// two words holds a line break.
fn spaced(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> String {
    let mut out = String::with_capacity(text.len() * 4 / 3);
    let mut last = None;
    for r in ranges {
        if let Some(end) = last {
            out.push(if text[end..r.start].contains('\n') {
                '\n'
            } else {
                ' '
            });
        }
        out.push_str(&text[r.clone()]);
        last = Some(r.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{corpus_with_words, WORDS};
    use crate::Corpus;

    #[test]
    fn segment_text_returns_pieces_of_the_original_traditional_text() {
        let mut c = corpus_with_words(&[], WORDS);
        c.add_word("電商").unwrap();
        let words = c.segment("快手電商與京東 合作，ＧＭＶ").unwrap();
        assert_eq!(
            words,
            ["快手", "電商", "與", "京東", "合作", "，", "ＧＭＶ"]
        );
        assert!(Corpus::new().segment("快手").is_err());
    }

    #[test]
    fn segmented_documents_space_the_words_and_keep_paragraphs() {
        let mut c = corpus_with_words(
            &[
                ("tw.txt", "京東宣布與快手合作。\n\n我們看到這個"),
                ("cn.txt", "京东与快手"),
            ],
            WORDS,
        );
        let rows = c.segmented_documents(&SegmentedOptions::default()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "tw.txt");
        assert_eq!(rows[0].text, "京東 宣布 與 快手 合作 。\n我們 看到 這 個");
        let only = SegmentedOptions {
            query: "与".into()
        };
        let rows = c.segmented_documents(&only).unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [0, 1]);
        let trad = SegmentedOptions {
            query: "script:trad".into(),
        };
        let rows = c.segmented_documents(&trad).unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [0]);
    }
}
