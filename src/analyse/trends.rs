//! Where terms occur: along each document (dispersion) and across documents in time (trends).
//!
//! Each term is a query of the search language, so a term may be a phrase, an OR group or a
//! regex. Positions are measured in characters of the searched text, so the plot of a document
//! has the document's length.

use serde::{Deserialize, Serialize};

use super::stats::{dp, per_ten_thousand};
use super::{char_offsets, is_counted, Counted};
use crate::error::Result;
use crate::search::SearchOptions;
use crate::search::Searcher;
use crate::store::{Store, TextView};

/// Options shared by dispersion and trends.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TermOptions {
    /// Use the raw text, removed spans included.
    pub include_removed: bool,
    /// Expand entity names to their variants.
    pub variants: bool,
    /// Count one document per story (its lead): the copies are left out.
    pub one_per_story: bool,
}

impl TermOptions {
    /// The text this reads: the article, or the raw text with `include_removed`.
    pub fn view(&self) -> TextView {
        TextView::including_removed(self.include_removed)
    }
}

/// One match in a dispersion plot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    /// Which term (index into `terms`).
    pub term: usize,
    /// Character offset of the match in the document.
    pub at: usize,
    /// Which match of this term in the document (0-based), to open the reader there.
    pub occurrence: usize,
}

/// One document of a dispersion plot.
#[derive(Debug, Clone, Serialize)]
pub struct DispersionRow {
    /// The document.
    pub id: u32,
    /// Its title.
    pub title: String,
    /// Its length in characters.
    pub chars: usize,
    /// Every match of every term, in text order.
    pub marks: Vec<Mark>,
}

/// Where each term occurs along each document.
#[derive(Debug, Clone, Serialize)]
pub struct Dispersion {
    /// The terms.
    pub terms: Vec<String>,
    /// Gries' DP of each term over the documents (sizes in characters).
    pub dp: Vec<f64>,
    /// Total matches of each term.
    pub counts: Vec<usize>,
    /// Every document counted, in id order.
    pub docs: Vec<DispersionRow>,
    /// Whether a story (near-duplicate documents) was counted once.
    #[serde(rename = "storiesOnce")]
    pub stories_once: bool,
}

/// One document of a trend chart.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendRow {
    /// The document.
    pub id: u32,
    /// Its title.
    pub title: String,
    /// Publication date (ISO 8601, possibly partial).
    pub date: Option<String>,
    /// Length in characters.
    pub chars: usize,
    /// Matches of each term.
    pub counts: Vec<usize>,
    /// Matches of each term per 10,000 characters.
    pub per10k: Vec<f64>,
}

/// Frequency of terms per document, ordered by publication date.
#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    /// The terms.
    pub terms: Vec<String>,
    /// Dated documents oldest first, then undated ones in document order.
    pub docs: Vec<TrendRow>,
    /// Whether a story (near-duplicate documents) was counted once.
    #[serde(rename = "storiesOnce")]
    pub stories_once: bool,
}

/// Byte ranges of each term's matches, per term then per document id.
fn term_matches(
    store: &mut Store,
    searcher: &mut Searcher,
    terms: &[String],
    options: &TermOptions,
    counted: Counted,
) -> Result<Vec<Vec<Vec<std::ops::Range<usize>>>>> {
    let search = SearchOptions::matching(options.include_removed, options.variants);
    let n = store.entries.len();
    let mut out = Vec::with_capacity(terms.len());
    for term in terms {
        let matches = searcher.run(store, term, &search)?;
        let mut per_doc = vec![Vec::new(); n];
        for m in matches
            .docs
            .into_iter()
            .filter(|m| is_counted(counted, m.id))
        {
            per_doc[m.id as usize] = m.ranges;
        }
        out.push(per_doc);
    }
    Ok(out)
}

/// Where each of `terms` occurs along each document, with its DP.
pub fn dispersion(
    store: &mut Store,
    searcher: &mut Searcher,
    terms: &[String],
    options: &TermOptions,
    counted: Counted,
) -> Result<Dispersion> {
    let found = term_matches(store, searcher, terms, options, counted)?;
    let mut docs = Vec::with_capacity(store.entries.len());
    let mut sizes = Vec::with_capacity(store.entries.len());
    for id in (0..store.entries.len() as u32).filter(|&id| is_counted(counted, id)) {
        let text = store.view_text(id, options.view());
        let text: &str = &text;
        let mut starts: Vec<(usize, usize, usize)> = Vec::new();
        for (term, per_doc) in found.iter().enumerate() {
            starts.extend(
                per_doc[id as usize]
                    .iter()
                    .enumerate()
                    .map(|(k, r)| (r.start, term, k)),
            );
        }
        starts.sort_unstable();
        let offsets: Vec<usize> = starts.iter().map(|s| s.0).collect();
        let chars = char_offsets(text, &offsets);
        let marks = starts
            .iter()
            .zip(chars)
            .map(|(&(_, term, occurrence), at)| Mark {
                term,
                at,
                occurrence,
            })
            .collect();
        let length = text.chars().count();
        sizes.push(length as f64);
        docs.push(DispersionRow {
            id,
            title: store.entries[id as usize].title(),
            chars: length,
            marks,
        });
    }
    let counts: Vec<usize> = found.iter().map(|d| d.iter().map(Vec::len).sum()).collect();
    let dp = found
        .iter()
        .map(|per_doc| {
            dp(
                &per_doc
                    .iter()
                    .enumerate()
                    .filter(|&(id, _)| is_counted(counted, id as u32))
                    .map(|(_, r)| r.len() as f64)
                    .collect::<Vec<_>>(),
                &sizes,
            )
        })
        .collect();
    Ok(Dispersion {
        terms: terms.to_vec(),
        dp,
        counts,
        docs,
        stories_once: counted.is_some(),
    })
}

/// How often each of `terms` occurs in each document, documents ordered by date.
pub fn trends(
    store: &mut Store,
    searcher: &mut Searcher,
    terms: &[String],
    options: &TermOptions,
    counted: Counted,
) -> Result<Trends> {
    let found = term_matches(store, searcher, terms, options, counted)?;
    let mut docs: Vec<TrendRow> = (0..store.entries.len() as u32)
        .filter(|&id| is_counted(counted, id))
        .map(|id| {
            let entry = &store.entries[id as usize];
            let chars = match options.view() {
                TextView::Article => entry.cleaned_chars,
                TextView::Raw => entry.doc.chars,
            };
            let counts: Vec<usize> = found.iter().map(|d| d[id as usize].len()).collect();
            TrendRow {
                id,
                title: entry.title(),
                date: entry.meta.date.as_ref().map(|(d, _)| d.iso()),
                chars,
                per10k: counts
                    .iter()
                    .map(|&c| per_ten_thousand(c as f64, chars as f64))
                    .collect(),
                counts,
            }
        })
        .collect();
    // ISO dates sort as strings; partial ones ("2021") before full ones of the same year.
    docs.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.cmp(y).then(a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });
    Ok(Trends {
        terms: terms.to_vec(),
        docs,
        stories_once: counted.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    #[test]
    fn places_each_match_at_its_character_offset() {
        let mut c = corpus(&["快手和京東，京东", "没有"]);
        let d = c
            .dispersion(&["京东".into(), "快手".into()], &TermOptions::default())
            .unwrap();
        let marks: Vec<(usize, usize, usize)> = d.docs[0]
            .marks
            .iter()
            .map(|m| (m.term, m.at, m.occurrence))
            .collect();
        assert_eq!(marks, [(1, 0, 0), (0, 3, 0), (0, 6, 1)]);
        assert_eq!(d.counts, [2, 1]);
        assert!(d.docs[1].marks.is_empty());
        assert_eq!(d.docs[0].chars, 8);
    }

    #[test]
    fn dp_is_high_for_a_term_in_one_document() {
        let mut c = corpus(&["快手快手", "京东京东"]);
        let d = c
            .dispersion(&["快手".into()], &TermOptions::default())
            .unwrap();
        assert!((d.dp[0] - 0.5).abs() < 1e-9);
    }

    #[test]
    fn trends_order_documents_by_date_with_undated_last() {
        let mut c = corpus(&["无日期 快手", "2021年3月26日\n快手快手", "2020-07-17\n快手"]);
        let t = c.trends(&["快手".into()], &TermOptions::default()).unwrap();
        let order: Vec<(u32, Option<&str>, usize)> = t
            .docs
            .iter()
            .map(|d| (d.id, d.date.as_deref(), d.counts[0]))
            .collect();
        assert_eq!(
            order,
            [
                (2, Some("2020-07-17"), 1),
                (1, Some("2021-03-26"), 2),
                (0, None, 1)
            ]
        );
    }

    #[test]
    fn a_malformed_term_is_an_error() {
        let mut c = corpus(&["快手"]);
        assert!(c
            .trends(&["\"快手".into()], &TermOptions::default())
            .is_err());
    }
}
