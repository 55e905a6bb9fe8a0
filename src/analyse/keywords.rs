//! Keywords: what one document says more often than the rest of the corpus.
//!
//! Each token of the document is compared with the rest of the corpus (all other documents)
//! by **Log Ratio** (Hardie 2014: the binary log of the ratio of relative frequencies, 1 =
//! twice as frequent) as the effect size that orders the list, filtered by **log-likelihood
//! G²** ≥ 3.84 (p < .05, one degree of freedom; Rayson & Garside 2000's keyness form of
//! Dunning 1993), as Hardie recommends: significance decides what is listed, the effect size
//! how it ranks.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::reference::{reference_keywords, ReferenceOptions};
use super::stats::{g2_keyness, log_ratio, rank_keywords, CHI2_P05};
use super::subset_ids;
use super::tokens::{is_punctuation, is_stopword, TokenFilter, Unit};
use super::{is_counted, Counted, Words};
use crate::error::{Error, Result};
use crate::search::Searcher;
use crate::store::{Store, TextView};

/// How keywords are computed.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct KeywordOptions {
    /// Minimum G² to list (3.84 = p < .05).
    pub min_g2: f64,
    /// Minimum frequency in the document.
    pub min_freq: u64,
    /// Also list negative keywords (rarer in the document than in the rest).
    pub negative: bool,
    /// Leave out stop words.
    pub stopwords: bool,
    /// Leave out punctuation.
    pub punctuation: bool,
    /// Rows to return.
    pub limit: usize,
    /// Tokens: words (needs the dictionary) or characters; default words once loaded.
    pub unit: Option<Unit>,
    /// Use the raw text, removed spans included.
    pub include_removed: bool,
    /// Count one document per story in the rest of the corpus (its lead), and leave the
    /// document's own copies out of the rest.
    pub one_per_story: bool,
}

impl KeywordOptions {
    /// The text this reads: the article, or the raw text with `include_removed`.
    pub fn view(&self) -> TextView {
        TextView::including_removed(self.include_removed)
    }
}

impl Default for KeywordOptions {
    fn default() -> Self {
        KeywordOptions {
            min_g2: CHI2_P05,
            min_freq: 2,
            negative: false,
            stopwords: true,
            punctuation: true,
            limit: 50,
            unit: None,
            include_removed: false,
            one_per_story: false,
        }
    }
}

/// One keyword.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeywordRow {
    /// The token, folded.
    pub item: String,
    /// Occurrences in the document.
    pub freq: u64,
    /// Occurrences in the rest of the corpus.
    pub freq_rest: u64,
    /// Documents of the corpus it occurs in.
    pub docs: u32,
    /// Log Ratio, document against the rest.
    pub log_ratio: f64,
    /// Log-likelihood G².
    pub g2: f64,
}

/// The keywords of one document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Keywords {
    /// The document.
    pub id: u32,
    /// Tokens in the document.
    pub tokens: u64,
    /// Tokens in the rest of the corpus.
    pub tokens_rest: u64,
    /// The unit counted.
    pub unit: Unit,
    /// Keywords, largest Log Ratio first.
    pub rows: Vec<KeywordRow>,
    /// Whether a story (near-duplicate documents) was counted once.
    #[serde(rename = "storiesOnce")]
    pub stories_once: bool,
}

/// The keywords of document `id` against the rest of the corpus.
pub fn keywords(
    store: &mut Store,
    words: &mut Words,
    id: u32,
    options: &KeywordOptions,
    rest: Counted,
) -> Result<Keywords> {
    store.entry(id)?;
    let unit = words.default_unit(options.unit);
    let tokens = words.streams(store, unit, options.view())?;
    let filter = TokenFilter {
        stopwords: options.stopwords,
        punctuation: options.punctuation,
    };
    let doc = &tokens.docs[id as usize];
    let mut counts: FxHashMap<u32, u64> = FxHashMap::default();
    for &t in &doc.ids {
        *counts.entry(t).or_default() += 1;
    }
    let n1 = doc.ids.len() as u64;
    let mut n2 = tokens.total - n1;
    // With a story counted once, the rest is only the documents `rest` keeps (never `id`):
    // frequencies and document counts over those, plus the document itself.
    let mut only: Vec<(u64, u32)> = Vec::new();
    if rest.is_some() {
        only = vec![(0, 0); tokens.vocab.len()];
        n2 = 0;
        for (d, other) in tokens.docs.iter().enumerate() {
            let is_rest = d != id as usize && is_counted(rest, d as u32);
            if !is_rest && d != id as usize {
                continue;
            }
            let mut seen: FxHashMap<u32, ()> = FxHashMap::default();
            for &t in &other.ids {
                if is_rest {
                    only[t as usize].0 += 1;
                    n2 += 1;
                }
                if seen.insert(t, ()).is_none() {
                    only[t as usize].1 += 1;
                }
            }
        }
    }
    // (frequency in the rest, documents holding it) of type `t`, `f1` its frequency here.
    let rest_of = |t: u32, f1: u64| match only.get(t as usize) {
        Some(&(f2, docs)) => (f2, docs),
        None => (tokens.freq[t as usize] - f1, tokens.doc_freq[t as usize]),
    };
    let rows: Vec<KeywordRow> = counts
        .into_iter()
        .filter(|&(t, f)| f >= options.min_freq && filter.keeps(&tokens.vocab[t as usize]))
        .map(|(t, f1)| {
            let (f2, docs) = rest_of(t, f1);
            KeywordRow {
                item: tokens.vocab[t as usize].clone(),
                freq: f1,
                freq_rest: f2,
                docs,
                log_ratio: log_ratio(f1 as f64, n1 as f64, f2 as f64, n2 as f64),
                g2: g2_keyness(f1 as f64, n1 as f64, f2 as f64, n2 as f64),
            }
        })
        .collect();
    let rows = rank_keywords(
        rows,
        |r| (r.log_ratio, r.g2, &r.item),
        options.min_g2,
        options.negative,
        options.limit,
    );
    Ok(Keywords {
        id,
        tokens: n1,
        tokens_rest: n2,
        unit,
        rows,
        stories_once: rest.is_some(),
    })
}

/// How [`reference_keywords_for`] chooses its target and its rows.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReferenceKeywordOptions {
    /// The target: a query selecting documents (see [`super::subset_ids`]); empty: the whole corpus.
    pub query: String,
    /// Leave stop words out of the rows (never out of the total).
    pub stopwords: bool,
    /// Minimum G² to list (3.84 = p < .05).
    pub min_g2: f64,
    /// Minimum frequency in the target.
    pub min_freq: u64,
    /// Also list negative keywords.
    pub negative: bool,
    /// Rows to return.
    pub limit: usize,
    /// Only words with a Han character.
    pub han_only: bool,
}

impl Default for ReferenceKeywordOptions {
    fn default() -> Self {
        let r = ReferenceOptions::default();
        ReferenceKeywordOptions {
            query: String::new(),
            stopwords: true,
            min_g2: r.min_g2,
            min_freq: r.min_freq,
            negative: r.negative,
            limit: r.limit,
            han_only: r.han_only,
        }
    }
}

/// The target of reference keywords: the query and how many documents it selected.
#[derive(Debug, Clone, Serialize)]
pub struct Subset {
    /// The query as given (empty: the whole corpus).
    pub query: String,
    /// Documents selected.
    pub docs: usize,
}

/// One keyword against general Chinese.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceKeywordRow {
    /// The word, folded.
    pub item: String,
    /// Occurrences in the target.
    pub freq: u64,
    /// Frequency in the reference list.
    pub freq_reference: u64,
    /// Documents of the target it occurs in.
    pub docs: u32,
    /// Log Ratio, target against reference.
    pub log_ratio: f64,
    /// Log-likelihood G².
    pub g2: f64,
}

/// Keywords of a part of the corpus against general Chinese.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceKeywords {
    /// Words in the target, punctuation left out (as the reference counts).
    pub tokens: u64,
    /// Words in the reference corpus.
    pub reference_tokens: u64,
    /// What was compared.
    pub subset: Subset,
    /// Always words.
    pub unit: Unit,
    /// Keywords, largest Log Ratio first.
    pub rows: Vec<ReferenceKeywordRow>,
}

/// The keywords of the documents `options.query` selects (the whole corpus when empty)
/// against the reference list loaded with [`Words::load_reference`], counted on the word token
/// streams every word statistic uses. Needs the dictionary and the reference list.
pub fn reference_keywords_for(
    store: &mut Store,
    searcher: &mut Searcher,
    words: &mut Words,
    options: &ReferenceKeywordOptions,
) -> Result<ReferenceKeywords> {
    if !words.has_reference() {
        return Err(Error::NoReference);
    }
    let ids = subset_ids(store, searcher, &options.query)?;
    let (tokens, reference) = words.streams_and_reference(store, TextView::Article)?;
    let mut counts: FxHashMap<u32, (u64, u32)> = FxHashMap::default();
    let mut total = 0u64;
    for &id in &ids {
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        for &t in &tokens.docs[id as usize].ids {
            if is_punctuation(&tokens.vocab[t as usize]) {
                continue;
            }
            total += 1;
            let entry = counts.entry(t).or_default();
            entry.0 += 1;
            if seen.insert(t) {
                entry.1 += 1;
            }
        }
    }
    let listed = counts
        .iter()
        .map(|(&t, &(n, _))| (tokens.vocab[t as usize].as_str(), n))
        .filter(|(word, _)| !options.stopwords || !is_stopword(word));
    let reference_options = ReferenceOptions {
        min_g2: options.min_g2,
        min_freq: options.min_freq,
        negative: options.negative,
        limit: options.limit,
        han_only: options.han_only,
    };
    let rows = reference_keywords(listed, total, reference, &reference_options)
        .into_iter()
        .map(|r| {
            let docs = tokens.id(&r.item).map_or(0, |t| counts[&t].1);
            ReferenceKeywordRow {
                item: r.item,
                freq: r.freq,
                freq_reference: r.freq_reference,
                docs,
                log_ratio: r.log_ratio,
                g2: r.g2,
            }
        })
        .collect();
    Ok(ReferenceKeywords {
        tokens: total,
        reference_tokens: reference.total(),
        subset: Subset {
            query: options.query.clone(),
            docs: ids.len(),
        },
        unit: Unit::Word,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{corpus_with_words, WORDS};
    use crate::Corpus;

    #[test]
    fn finds_what_a_document_says_more_often_than_the_rest() {
        let mut c = Corpus::new();
        c.add_document("a", "颤音颤音颤音颤音颤音电商电商".as_bytes())
            .unwrap();
        c.add_document("b", "快手快手快手快手快手电商电商".as_bytes())
            .unwrap();
        c.add_document("c", "淘宝淘宝淘宝淘宝淘宝电商电商".as_bytes())
            .unwrap();
        let options = KeywordOptions {
            unit: Some(Unit::Char),
            ..KeywordOptions::default()
        };
        let k = c.keywords(0, &options).unwrap();
        let items: Vec<&str> = k.rows.iter().map(|r| r.item.as_str()).collect();
        assert_eq!(
            items,
            ["音", "颤"],
            "颤音 is the document's own; 电商 is everywhere"
        );
        let row = &k.rows[0];
        assert_eq!((row.freq, row.freq_rest, row.docs), (5, 0, 1));
        assert_eq!(row.g2, g2_keyness(5.0, 14.0, 0.0, 28.0));
        assert_eq!(row.log_ratio, log_ratio(5.0, 14.0, 0.0, 28.0));
    }

    #[test]
    fn an_unknown_document_is_an_error() {
        assert!(Corpus::new()
            .keywords(3, &KeywordOptions::default())
            .is_err());
    }

    #[test]
    fn reference_keywords_count_only_the_subset_without_punctuation() {
        let mut c = corpus_with_words(
            &[
                ("tw.txt", "快手快手快手快手快手快手，京東京東京東京東京東。"),
                ("cn.txt", "我们今天合作。"),
            ],
            WORDS,
        );
        assert_eq!(
            c.reference_keywords(&ReferenceKeywordOptions::default())
                .unwrap_err(),
            Error::NoReference
        );
        let reference = "%total 1000000\n快手 10\n京东 5000\n合作 3000\n的 40000\n";
        assert_eq!(c.load_reference(reference.as_bytes()).unwrap(), 4);
        let options = ReferenceKeywordOptions {
            query: "script:trad".into(),
            ..ReferenceKeywordOptions::default()
        };
        let k = c.reference_keywords(&options).unwrap();
        assert_eq!(
            (k.subset.docs, k.tokens, k.reference_tokens),
            (1, 11, 1_000_000)
        );
        let items: Vec<&str> = k.rows.iter().map(|r| r.item.as_str()).collect();
        assert_eq!(items, ["快手", "京东"]);
        assert_eq!(
            (k.rows[0].freq, k.rows[0].freq_reference, k.rows[0].docs),
            (6, 10, 1)
        );
        let whole = c
            .reference_keywords(&ReferenceKeywordOptions::default())
            .unwrap();
        assert_eq!((whole.subset.docs, whole.tokens), (2, 14));
        assert!(c.load_reference(b"<html>").is_err());
        let bad = ReferenceKeywordOptions {
            query: "date:nonsense".into(),
            ..ReferenceKeywordOptions::default()
        };
        assert!(c.reference_keywords(&bad).is_err());
    }
}
