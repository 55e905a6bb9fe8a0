//! Collocates: the tokens that occur near a query more often than chance would have them.
//!
//! For every match of the node (any query the search understands), the tokens in a window of
//! `left` tokens before and `right` after are counted; tokens inside the match itself are not.
//! Each collocate `y` gets, with `f_xy` its count in the windows, `f_x` the number of node
//! matches, `f_y` its corpus frequency and `N` the corpus size in tokens:
//!
//! - **logDice** (Rychlý 2008), the default order: stable across corpus sizes, at most 14;
//! - **G²** (Dunning 1993) on the 2×2 table `f_xy, f_x − f_xy, f_y − f_xy, N − f_x − f_y + f_xy`;
//! - **MI** (Church & Hanks 1990), plain, not corrected for the window span.
//!
//! Window positions count every token, punctuation included (as AntConc does); filtered tokens
//! are simply not reported as collocates.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::stats::{g2_table, log_dice, mi};
use super::tokens::{TokenFilter, Unit};
use super::{is_counted, Counted, Words};
use crate::error::Result;
use crate::search::SearchOptions;
use crate::search::Searcher;
use crate::store::Store;
use crate::store::TextView;

/// The order of collocates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CollocateSort {
    /// logDice, highest first.
    #[default]
    Logdice,
    /// Log-likelihood, highest first.
    G2,
    /// Mutual information, highest first.
    Mi,
    /// Co-occurrence count, highest first.
    Freq,
}

/// How collocates are computed.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CollocateOptions {
    /// Window size left of the node, in tokens.
    pub left: usize,
    /// Window size right of the node, in tokens.
    pub right: usize,
    /// Leave out collocates seen fewer times than this in the windows.
    pub min_freq: u64,
    /// Order of the rows.
    pub sort: CollocateSort,
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
    /// Count one document per story (its lead): reposts count once.
    pub one_per_story: bool,
    /// Expand entity names in the node query.
    pub variants: bool,
}

impl CollocateOptions {
    /// The text this reads: the article, or the raw text with `include_removed`.
    pub fn view(&self) -> TextView {
        TextView::including_removed(self.include_removed)
    }
}

impl Default for CollocateOptions {
    fn default() -> Self {
        // A 5/5 window is the usual default of collocation tools (AntConc, Sketch Engine's
        // "−5 … 5" range) and what the issue asks for.
        CollocateOptions {
            left: 5,
            right: 5,
            min_freq: 2,
            sort: CollocateSort::Logdice,
            stopwords: false,
            punctuation: true,
            limit: 100,
            unit: None,
            include_removed: false,
            one_per_story: false,
            variants: false,
        }
    }
}

/// One collocate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CollocateRow {
    /// The collocate, folded.
    pub item: String,
    /// Co-occurrences within the windows (f_xy).
    pub freq: u64,
    /// Of those, left of the node.
    pub left: u64,
    /// Of those, right of the node.
    pub right: u64,
    /// Corpus frequency of the collocate (f_y).
    pub total: u64,
    /// logDice.
    pub log_dice: f64,
    /// Log-likelihood G².
    pub g2: f64,
    /// Mutual information.
    pub mi: f64,
}

/// The collocates of a node.
#[derive(Debug, Clone, Serialize)]
pub struct Collocates {
    /// The node query.
    pub query: String,
    /// Matches of the node (f_x).
    pub node: u64,
    /// Tokens in the corpus (N).
    pub tokens: u64,
    /// The unit counted.
    pub unit: Unit,
    /// Collocates in the requested order.
    pub rows: Vec<CollocateRow>,
    /// Whether a story (near-duplicate documents) was counted once.
    #[serde(rename = "storiesOnce")]
    pub stories_once: bool,
}

/// The collocates of `query`.
pub fn collocates(
    store: &mut Store,
    searcher: &mut Searcher,
    words: &mut Words,
    query: &str,
    options: &CollocateOptions,
    counted: Counted,
) -> Result<Collocates> {
    let search = SearchOptions::matching(options.include_removed, options.variants);
    let mut matches = searcher.run(store, query, &search)?;
    matches.docs.retain(|m| is_counted(counted, m.id));
    let folded: Vec<(u32, std::ops::Range<usize>)> = matches
        .docs
        .iter()
        .flat_map(|m| m.ranges.iter().map(move |r| (m.id, r.clone())))
        .map(|(id, r)| (id, store.to_folded(id, &r, options.view())))
        .collect();
    let unit = words.default_unit(options.unit);
    let tokens = words.streams(store, unit, options.view())?;
    let filter = TokenFilter {
        stopwords: options.stopwords,
        punctuation: options.punctuation,
    };
    let mut counts: FxHashMap<u32, (u64, u64)> = FxHashMap::default();
    for (id, r) in &folded {
        let doc = &tokens.docs[*id as usize];
        let (left_end, right_start) = (doc.last_before(r.start), doc.first_from(r.end));
        for &t in &doc.ids[left_end.saturating_sub(options.left)..left_end] {
            counts.entry(t).or_default().0 += 1;
        }
        for &t in &doc.ids[right_start..(right_start + options.right).min(doc.ids.len())] {
            counts.entry(t).or_default().1 += 1;
        }
    }
    // Corpus size and item frequencies over the documents counted.
    let mut only_freq: Vec<u64> = Vec::new();
    let mut n = tokens.total;
    if counted.is_some() {
        only_freq = vec![0; tokens.vocab.len()];
        n = 0;
        for (d, doc) in tokens.docs.iter().enumerate() {
            if is_counted(counted, d as u32) {
                n += doc.ids.len() as u64;
                for &t in &doc.ids {
                    only_freq[t as usize] += 1;
                }
            }
        }
    }
    let freq_of = |t: u32| {
        only_freq
            .get(t as usize)
            .copied()
            .unwrap_or(tokens.freq[t as usize])
    };
    let f_x = folded.len() as u64;
    let mut rows: Vec<CollocateRow> = counts
        .into_iter()
        .filter(|&(t, (l, r))| l + r >= options.min_freq && filter.keeps(&tokens.vocab[t as usize]))
        .map(|(t, (left, right))| {
            let (f_xy, f_y) = (left + right, freq_of(t));
            let (a, fx, fy, n) = (f_xy as f64, f_x as f64, f_y as f64, n as f64);
            CollocateRow {
                item: tokens.vocab[t as usize].clone(),
                freq: f_xy,
                left,
                right,
                total: f_y,
                log_dice: log_dice(a, fx, fy),
                g2: g2_table(
                    a,
                    (fx - a).max(0.0),
                    (fy - a).max(0.0),
                    (n - fx - fy + a).max(0.0),
                ),
                mi: mi(a, fx, fy, n),
            }
        })
        .collect();
    let key = |r: &CollocateRow| match options.sort {
        CollocateSort::Logdice => r.log_dice,
        CollocateSort::G2 => r.g2,
        CollocateSort::Mi => r.mi,
        CollocateSort::Freq => r.freq as f64,
    };
    rows.sort_by(|a, b| {
        key(b)
            .total_cmp(&key(a))
            .then_with(|| b.freq.cmp(&a.freq))
            .then_with(|| a.item.cmp(&b.item))
    });
    rows.truncate(options.limit);
    Ok(Collocates {
        query: query.to_owned(),
        node: f_x,
        tokens: n,
        unit,
        rows,
        stories_once: counted.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    fn chars() -> CollocateOptions {
        CollocateOptions {
            unit: Some(Unit::Char),
            min_freq: 1,
            ..CollocateOptions::default()
        }
    }

    #[test]
    fn counts_tokens_in_the_window_but_not_the_node_itself() {
        let mut c = corpus(&["甲乙京东丙丁戊己庚"]);
        let k = c
            .collocates(
                "京东",
                &CollocateOptions {
                    left: 1,
                    right: 2,
                    ..chars()
                },
            )
            .unwrap();
        let mut items: Vec<(&str, u64, u64)> = k
            .rows
            .iter()
            .map(|r| (r.item.as_str(), r.left, r.right))
            .collect();
        items.sort();
        assert_eq!(items, [("丁", 0, 1), ("丙", 0, 1), ("乙", 1, 0)]);
        assert_eq!(k.node, 1);
    }

    #[test]
    fn scores_with_the_formulas_of_the_stats_module() {
        // Node 快手 twice, 电 right of it twice, corpus of 8 characters.
        let mut c = corpus(&["快手电商", "快手电视"]);
        let k = c
            .collocates(
                "快手",
                &CollocateOptions {
                    left: 0,
                    right: 1,
                    ..chars()
                },
            )
            .unwrap();
        let row = &k.rows[0];
        assert_eq!((row.item.as_str(), row.freq, row.total), ("电", 2, 2));
        assert_eq!(row.log_dice, log_dice(2.0, 2.0, 2.0));
        assert_eq!(row.mi, mi(2.0, 2.0, 2.0, 8.0));
        assert_eq!(row.g2, g2_table(2.0, 0.0, 0.0, 6.0));
    }

    #[test]
    fn respects_the_minimum_frequency_and_the_filters() {
        let mut c = corpus(&["快手，电商。快手的电商"]);
        let k = c
            .collocates(
                "快手",
                &CollocateOptions {
                    min_freq: 2,
                    ..chars()
                },
            )
            .unwrap();
        assert!(k.rows.iter().all(|r| r.freq >= 2 && r.item != "，"));
    }
}
