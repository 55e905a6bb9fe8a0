//! Keywords: what one document says more often than the rest of the corpus.
//!
//! Each token of the document is compared with the rest of the corpus (all other documents)
//! by **Log Ratio** (Hardie 2014: the binary log of the ratio of relative frequencies, 1 =
//! twice as frequent) as the effect size that orders the list, filtered by **log-likelihood
//! G²** ≥ 3.84 (p < .05, one degree of freedom; Rayson & Garside 2000's keyness form of
//! Dunning 1993), as Hardie recommends: significance decides what is listed, the effect size
//! how it ranks.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::stats::{g2_keyness, log_ratio, CHI2_P05};
use super::tokens::{TokenFilter, Unit};
use super::{is_counted, Counted, Words};
use crate::error::Result;
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
    let mut rows: Vec<KeywordRow> = counts
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
        .filter(|r| r.g2 >= options.min_g2 && (options.negative || r.log_ratio > 0.0))
        .collect();
    rows.sort_by(|a, b| {
        b.log_ratio
            .total_cmp(&a.log_ratio)
            .then(b.g2.total_cmp(&a.g2))
            .then_with(|| a.item.cmp(&b.item))
    });
    rows.truncate(options.limit);
    Ok(Keywords {
        id,
        tokens: n1,
        tokens_rest: n2,
        unit,
        rows,
        stories_once: rest.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
