//! Token streams: each document's folded text as a sequence of words or characters.
//!
//! Word-level views (frequency lists of words, collocates, keywords, concordance sorting by
//! word) read the streams built with the [`Segmenter`]; character-level ones (character and
//! n-gram lists, and concordance sorting before the dictionary is loaded) read a stream of
//! single characters. A token is identified by its folded form, so 電商 and 电商 are one word;
//! it keeps its byte range in the folded text, which maps back to the original like any match.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::fold::fold_query;
use crate::segment::Segmenter;

/// The stop-word list, embedded at compile time.
const STOPWORDS: &str = include_str!("../../data/stopwords.txt");

/// What a token is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A word, as the segmenter cuts the text.
    #[default]
    Word,
    /// A single character (white space excluded).
    Char,
}

/// One document's tokens: type ids with their byte ranges in the folded text.
#[derive(Debug, Default, Clone)]
pub struct DocTokens {
    /// Type id of each token, in text order.
    pub ids: Vec<u32>,
    /// Byte range of each token in the document's folded text.
    pub ranges: Vec<Range<u32>>,
}

impl DocTokens {
    /// Index of the first token starting at or after byte `at`.
    pub fn first_from(&self, at: usize) -> usize {
        self.ranges.partition_point(|r| (r.start as usize) < at)
    }

    /// Index one past the last token ending at or before byte `at`.
    pub fn last_before(&self, at: usize) -> usize {
        self.ranges.partition_point(|r| (r.end as usize) <= at)
    }
}

/// The token streams of all documents with their vocabulary and counts.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    /// The unit these tokens are.
    pub unit: Option<Unit>,
    /// Folded form of each type.
    pub vocab: Vec<String>,
    lookup: FxHashMap<String, u32>,
    /// Per document.
    pub docs: Vec<DocTokens>,
    /// Corpus frequency of each type.
    pub freq: Vec<u64>,
    /// Number of documents each type occurs in.
    pub doc_freq: Vec<u32>,
    /// Number of tokens in the corpus.
    pub total: u64,
}

impl Tokens {
    /// Tokenises the folded texts, by `segmenter` for words or per character.
    pub fn build<S: AsRef<str>>(
        texts: impl Iterator<Item = S>,
        unit: Unit,
        segmenter: Option<&Segmenter>,
    ) -> Tokens {
        let mut t = Tokens {
            unit: Some(unit),
            ..Tokens::default()
        };
        for text in texts {
            let text = text.as_ref();
            let ranges: Vec<Range<usize>> = match (unit, segmenter) {
                (Unit::Word, Some(s)) => s.segment(text),
                _ => text
                    .char_indices()
                    .filter(|(_, c)| !c.is_whitespace())
                    .map(|(i, c)| i..i + c.len_utf8())
                    .collect(),
            };
            let mut doc = DocTokens {
                ids: Vec::with_capacity(ranges.len()),
                ranges: Vec::with_capacity(ranges.len()),
            };
            let mut seen: FxHashSet<u32> = FxHashSet::default();
            for r in ranges {
                let id = t.intern(&text[r.clone()]);
                t.freq[id as usize] += 1;
                if seen.insert(id) {
                    t.doc_freq[id as usize] += 1;
                }
                doc.ids.push(id);
                doc.ranges.push(r.start as u32..r.end as u32);
            }
            t.total += doc.ids.len() as u64;
            t.docs.push(doc);
        }
        t
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.lookup.get(s) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.push(s.to_owned());
        self.lookup.insert(s.to_owned(), id);
        self.freq.push(0);
        self.doc_freq.push(0);
        id
    }

    /// The type id of a folded token.
    pub fn id(&self, folded: &str) -> Option<u32> {
        self.lookup.get(folded).copied()
    }
}

/// True for a token without a letter or digit: punctuation, symbols.
pub fn is_punctuation(token: &str) -> bool {
    !token.chars().any(char::is_alphanumeric)
}

/// True for a word of the stop-word list (`data/stopwords.txt`), given folded.
pub fn is_stopword(folded: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold_query)
            .collect()
    })
    .contains(folded)
}

/// Token filters shared by the frequency, collocate and keyword views.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TokenFilter {
    /// Leave out stop words.
    pub stopwords: bool,
    /// Leave out punctuation and symbols.
    pub punctuation: bool,
}

impl Default for TokenFilter {
    fn default() -> Self {
        TokenFilter {
            stopwords: false,
            punctuation: true,
        }
    }
}

impl TokenFilter {
    /// Whether `token` (folded) passes the filter.
    pub fn keeps(&self, token: &str) -> bool {
        let dropped =
            (self.punctuation && is_punctuation(token)) || (self.stopwords && is_stopword(token));
        !dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_tokens_skip_white_space_and_count_documents() {
        let t = Tokens::build(["京东 快手", "快手"].into_iter(), Unit::Char, None);
        assert_eq!(t.total, 6);
        assert_eq!(t.freq[t.id("快").unwrap() as usize], 2);
        assert_eq!(t.doc_freq[t.id("快").unwrap() as usize], 2);
        assert_eq!(t.doc_freq[t.id("京").unwrap() as usize], 1);
        assert_eq!(t.docs[0].ranges[2], 7..10);
    }

    #[test]
    fn word_tokens_come_from_the_segmenter() {
        let seg = Segmenter::from_dictionary("快手 100\n电商 100\n".as_bytes()).unwrap();
        let t = Tokens::build(["快手电商"].into_iter(), Unit::Word, Some(&seg));
        assert_eq!(t.vocab, ["快手", "电商"]);
    }

    #[test]
    fn finds_tokens_around_a_byte_offset() {
        let t = Tokens::build(["abc"].into_iter(), Unit::Char, None);
        let d = &t.docs[0];
        assert_eq!((d.first_from(1), d.last_before(1)), (1, 1));
        assert_eq!((d.first_from(3), d.last_before(3)), (3, 3));
    }

    #[test]
    fn filters_stop_words_and_punctuation() {
        let f = TokenFilter {
            stopwords: true,
            punctuation: true,
        };
        assert!(!f.keeps("的") && !f.keeps("，") && !f.keeps("我们"));
        assert!(f.keeps("快手") && f.keeps("gmv"));
        assert!(TokenFilter::default().keeps("的"));
    }
}
