//! Frequency lists of words, characters and character n-grams.
//!
//! Each row gives the raw frequency, the frequency per 10,000 tokens, the number of documents
//! the item occurs in, and Gries' DP (how unevenly it is spread over the documents, 0 = evenly
//! by document size, towards 1 = all in one document; see [`super::stats::dp`]). Counts cover
//! the whole corpus or one document; DP and document counts always describe the whole corpus.
//!
//! N-grams are runs of 2–5 adjacent characters that do not cross white space (nor punctuation
//! when punctuation is filtered out): the standard way to find recurring expressions in
//! unsegmented Chinese without trusting a segmenter.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::stats::{dp, per_ten_thousand};
use super::tokens::{is_punctuation, TokenFilter, Tokens, Unit};
use super::{is_counted as counts_doc, Counted, Words};
use crate::error::{Error, Result};
use crate::store::{Store, TextView};

/// What a frequency list counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListUnit {
    /// Words (needs the dictionary).
    #[default]
    Word,
    /// Single characters.
    Char,
    /// Character n-grams of length `n`.
    Ngram,
}

/// How a frequency list is built.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FrequencyOptions {
    /// Words, characters or n-grams.
    pub unit: ListUnit,
    /// N-gram length, 2 to 5.
    pub n: usize,
    /// Count one document only.
    pub doc: Option<u32>,
    /// Leave out stop words (`data/stopwords.txt`).
    pub stopwords: bool,
    /// Leave out punctuation and symbols.
    pub punctuation: bool,
    /// Leave out items rarer than this.
    pub min_freq: u64,
    /// Rows to skip.
    pub offset: usize,
    /// Rows to return.
    pub limit: usize,
    /// Count the raw text, removed spans included.
    pub include_removed: bool,
    /// Count one document per story (its lead): reposts count once.
    pub one_per_story: bool,
}

impl FrequencyOptions {
    /// The text this reads: the article, or the raw text with `include_removed`.
    pub fn view(&self) -> TextView {
        TextView::including_removed(self.include_removed)
    }
}

impl Default for FrequencyOptions {
    fn default() -> Self {
        FrequencyOptions {
            unit: ListUnit::Word,
            n: 2,
            doc: None,
            stopwords: false,
            punctuation: true,
            min_freq: 1,
            offset: 0,
            limit: 100,
            include_removed: false,
            one_per_story: false,
        }
    }
}

/// One item of a frequency list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrequencyRow {
    /// The item, folded (Simplified, lower case).
    pub item: String,
    /// Occurrences in the counted scope.
    pub freq: u64,
    /// Occurrences per 10,000 tokens of the scope.
    pub per10k: f64,
    /// Documents of the corpus it occurs in.
    pub docs: u32,
    /// Gries' DP over the corpus's documents.
    pub dp: f64,
}

/// A page of a frequency list.
#[derive(Debug, Clone, Serialize)]
pub struct FrequencyList {
    /// What was counted.
    pub unit: ListUnit,
    /// Tokens (or n-grams) in the scope, after filtering.
    pub tokens: u64,
    /// Distinct items in the scope, after filtering.
    pub types: usize,
    /// The requested page, most frequent first (ties alphabetical).
    pub rows: Vec<FrequencyRow>,
    /// Whether a story (near-duplicate documents) was counted once.
    #[serde(rename = "storiesOnce")]
    pub stories_once: bool,
}

/// Per-item counts: total, per document, document frequency.
#[derive(Default)]
struct Counts {
    freq: FxHashMap<String, u64>,
    per_doc: FxHashMap<String, Vec<(u32, u64)>>,
    doc_sizes: Vec<f64>,
}

impl Counts {
    fn add(&mut self, doc: u32, item: String) {
        *self.freq.entry(item.clone()).or_default() += 1;
        let list = self.per_doc.entry(item).or_default();
        match list.last_mut() {
            Some((d, n)) if *d == doc => *n += 1,
            _ => list.push((doc, 1)),
        }
    }
}

fn ngram_counts(tokens: &Tokens, n: usize, filter: &TokenFilter, counted: Counted) -> Counts {
    let mut counts = Counts::default();
    for (d, doc) in tokens.docs.iter().enumerate() {
        let mut size = 0.0;
        if !counts_doc(counted, d as u32) {
            counts.doc_sizes.push(size);
            continue;
        }
        for start in 0..doc.ids.len().saturating_sub(n - 1) {
            let window = start..start + n;
            let adjacent = window
                .clone()
                .skip(1)
                .all(|i| doc.ranges[i - 1].end == doc.ranges[i].start);
            let words: Vec<&str> = window
                .map(|i| tokens.vocab[doc.ids[i] as usize].as_str())
                .collect();
            if !adjacent || (filter.punctuation && words.iter().any(|w| is_punctuation(w))) {
                continue;
            }
            size += 1.0;
            counts.add(d as u32, words.concat());
        }
        counts.doc_sizes.push(size);
    }
    counts
}

fn token_counts(tokens: &Tokens, counted: Counted) -> Counts {
    let mut counts = Counts::default();
    for (d, doc) in tokens.docs.iter().enumerate() {
        if !counts_doc(counted, d as u32) {
            counts.doc_sizes.push(0.0);
            continue;
        }
        for &id in &doc.ids {
            counts.add(d as u32, tokens.vocab[id as usize].clone());
        }
        counts.doc_sizes.push(doc.ids.len() as f64);
    }
    counts
}

/// A frequency list of words, characters or n-grams.
pub fn frequencies(
    store: &mut Store,
    words: &mut Words,
    options: &FrequencyOptions,
    counted: Counted,
) -> Result<FrequencyList> {
    if options.unit == ListUnit::Ngram && !(2..=5).contains(&options.n) {
        return Err(Error::BadQuery {
            message: format!("n-grams are 2 to 5 characters long, not {}.", options.n),
        });
    }
    if let Some(id) = options.doc {
        store.entry(id)?;
    }
    let unit = if options.unit == ListUnit::Word {
        Unit::Word
    } else {
        Unit::Char
    };
    let filter = TokenFilter {
        stopwords: options.stopwords,
        punctuation: options.punctuation,
    };
    let tokens = words.streams(store, unit, options.view())?;
    let counts = match options.unit {
        ListUnit::Ngram => ngram_counts(tokens, options.n, &filter, counted),
        _ => token_counts(tokens, counted),
    };
    let kept = |item: &str| options.unit == ListUnit::Ngram || filter.keeps(item);
    let scope_freq = |item: &str| -> u64 {
        match options.doc {
            None => counts.freq[item],
            Some(doc) => counts.per_doc[item]
                .iter()
                .find(|(d, _)| *d == doc)
                .map_or(0, |(_, n)| *n),
        }
    };
    let mut rows: Vec<(&str, u64)> = counts
        .freq
        .keys()
        .filter(|item| kept(item))
        .map(|item| (item.as_str(), scope_freq(item)))
        .filter(|(_, f)| *f > 0)
        .collect();
    let scope_tokens: u64 = rows.iter().map(|(_, f)| f).sum();
    rows.retain(|(_, f)| *f >= options.min_freq);
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let types = rows.len();
    let page: FxHashSet<&str> = rows
        .iter()
        .skip(options.offset)
        .take(options.limit)
        .map(|(i, _)| *i)
        .collect();
    let out = rows
        .iter()
        .filter(|(item, _)| page.contains(item))
        .map(|&(item, freq)| {
            let mut per_doc = vec![0.0; counts.doc_sizes.len()];
            for &(d, n) in &counts.per_doc[item] {
                per_doc[d as usize] = n as f64;
            }
            FrequencyRow {
                item: item.to_owned(),
                freq,
                per10k: per_ten_thousand(freq as f64, scope_tokens as f64),
                docs: counts.per_doc[item].len() as u32,
                dp: dp(&per_doc, &counts.doc_sizes),
            }
        })
        .collect();
    Ok(FrequencyList {
        unit: options.unit,
        tokens: scope_tokens,
        types,
        rows: out,
        stories_once: counted.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    fn chars(options: FrequencyOptions) -> FrequencyOptions {
        FrequencyOptions {
            unit: ListUnit::Char,
            ..options
        }
    }

    #[test]
    fn counts_characters_across_scripts_with_document_counts() {
        let mut c = corpus(&["京東京東", "京东快手"]);
        let list = c.frequencies(&chars(FrequencyOptions::default())).unwrap();
        assert_eq!(list.tokens, 8);
        let jing = &list.rows[0];
        assert_eq!((jing.item.as_str(), jing.freq, jing.docs), ("东", 3, 2));
        assert_eq!(jing.per10k, 3750.0);
    }

    #[test]
    fn dp_is_zero_for_an_item_spread_evenly_and_high_for_one_in_one_document() {
        let mut c = corpus(&["甲乙甲乙", "甲丙甲丙"]);
        let list = c.frequencies(&chars(FrequencyOptions::default())).unwrap();
        let row = |s: &str| list.rows.iter().find(|r| r.item == s).unwrap().clone();
        assert_eq!(row("甲").dp, 0.0);
        assert!((row("乙").dp - 0.5).abs() < 1e-9);
    }

    #[test]
    fn filters_punctuation_by_default_and_stop_words_on_request() {
        let mut c = corpus(&["我的，快手的。"]);
        let all = c.frequencies(&chars(FrequencyOptions::default())).unwrap();
        assert!(all.rows.iter().all(|r| r.item != "，"));
        assert!(all.rows.iter().any(|r| r.item == "的"));
        let no_stop = c
            .frequencies(&chars(FrequencyOptions {
                stopwords: true,
                ..FrequencyOptions::default()
            }))
            .unwrap();
        assert!(no_stop
            .rows
            .iter()
            .all(|r| r.item != "的" && r.item != "我"));
    }

    #[test]
    fn counts_ngrams_that_do_not_cross_spaces_or_punctuation() {
        let mut c = corpus(&["电商直播，电商 直播"]);
        let list = c
            .frequencies(&FrequencyOptions {
                unit: ListUnit::Ngram,
                n: 2,
                ..FrequencyOptions::default()
            })
            .unwrap();
        let items: Vec<(&str, u64)> = list
            .rows
            .iter()
            .map(|r| (r.item.as_str(), r.freq))
            .collect();
        assert_eq!(items, [("电商", 2), ("直播", 2), ("商直", 1)]);
    }

    #[test]
    fn counts_one_document_only() {
        let mut c = corpus(&["快手", "快手快手京东"]);
        let list = c
            .frequencies(&chars(FrequencyOptions {
                doc: Some(1),
                ..FrequencyOptions::default()
            }))
            .unwrap();
        assert_eq!(
            (list.tokens, list.rows[0].freq, list.rows[0].docs),
            (6, 2, 2)
        );
    }

    #[test]
    fn refuses_ngrams_outside_two_to_five() {
        let mut c = corpus(&["快手"]);
        assert!(c
            .frequencies(&FrequencyOptions {
                unit: ListUnit::Ngram,
                n: 7,
                ..FrequencyOptions::default()
            })
            .is_err());
    }

    #[test]
    fn word_lists_follow_the_user_lexicon() {
        let mut c = corpus(&["快手电商快手电商"]);
        c.load_dictionary("快手 10\n电商 10\n".as_bytes()).unwrap();
        let before = c.frequencies(&FrequencyOptions::default()).unwrap();
        assert_eq!(before.rows.len(), 2);
        c.add_word("快手电商").unwrap();
        let after = c.frequencies(&FrequencyOptions::default()).unwrap();
        assert_eq!(
            (after.rows[0].item.as_str(), after.rows[0].freq),
            ("快手电商", 2)
        );
    }
}
