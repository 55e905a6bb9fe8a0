//! Concordance (key word in context): every match of a query with its context, sortable by the
//! words around it.
//!
//! Any query the search understands works (phrases, OR, regexes, filters). Lines are ordered
//! by up to several sort keys — 1R is the first token to the right of the match, 2L the second
//! to the left — compared by their folded form, with document order as the last tie-break, as
//! AntConc's KWIC sort does. Keys are computed for every match but text is cut only for the
//! requested page, so a query with a hundred thousand matches (的) costs one sort, not a
//! hundred thousand strings.

use std::cmp::Ordering;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::tokens::Unit;
use super::{is_counted, Counted, Words};
use crate::error::Result;
use crate::search::snippet;
use crate::search::SearchOptions;
use crate::search::Searcher;
use crate::store::{Store, TextView};

/// One level of the concordance sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum SortKey {
    /// First token left of the match.
    #[serde(rename = "1L")]
    L1,
    /// Second token left of the match.
    #[serde(rename = "2L")]
    L2,
    /// Third token left of the match.
    #[serde(rename = "3L")]
    L3,
    /// First token right of the match.
    #[serde(rename = "1R")]
    R1,
    /// Second token right of the match.
    #[serde(rename = "2R")]
    R2,
    /// Third token right of the match.
    #[serde(rename = "3R")]
    R3,
    /// The match itself (its folded form), for regex and OR queries.
    #[serde(rename = "match")]
    Match,
}

/// How a concordance is built.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConcordanceOptions {
    /// Characters of context on each side.
    pub width: usize,
    /// Sort levels, most significant first; empty for document order.
    pub sort: Vec<SortKey>,
    /// Lines to skip (paging).
    pub offset: usize,
    /// Lines to return.
    pub limit: usize,
    /// Tokens for sorting: words (needs the dictionary) or characters; default words when the
    /// dictionary is loaded.
    pub unit: Option<Unit>,
    /// Search the raw text, removed spans included.
    pub include_removed: bool,
    /// Expand entity names to their variants.
    pub variants: bool,
    /// Count one document per story (its lead): the copies' lines are left out.
    pub one_per_story: bool,
}

impl ConcordanceOptions {
    /// The text this reads: the article, or the raw text with `include_removed`.
    pub fn view(&self) -> TextView {
        TextView::including_removed(self.include_removed)
    }
}

impl Default for ConcordanceOptions {
    fn default() -> Self {
        // 20 characters a side fill a line of a typical KWIC display; AntConc's default is
        // 50 Latin characters, about 20 Chinese ones in width.
        ConcordanceOptions {
            width: 20,
            sort: Vec::new(),
            offset: 0,
            limit: 100,
            unit: None,
            include_removed: false,
            variants: false,
            one_per_story: false,
        }
    }
}

/// A concordance line.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConcordanceLine {
    /// The document.
    pub id: u32,
    /// Its title.
    pub title: String,
    /// Context before the match (original text, same line).
    pub left: String,
    /// The match as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Context after the match.
    pub right: String,
    /// True when `left` was cut short.
    pub clipped_left: bool,
    /// True when `right` was cut short.
    pub clipped_right: bool,
    /// Which match of the document this is (0-based), to open the reader there.
    pub occurrence: usize,
}

/// A page of concordance lines.
#[derive(Debug, Clone, Serialize)]
pub struct Concordance {
    /// The query.
    pub query: String,
    /// All matching lines (before paging).
    pub total: usize,
    /// The unit used for sort keys.
    pub unit: Unit,
    /// The requested page.
    pub lines: Vec<ConcordanceLine>,
    /// Whether a story (near-duplicate documents) was counted once.
    #[serde(rename = "storiesOnce")]
    pub stories_once: bool,
}

/// A match, located: document, occurrence in it, range in the view text.
struct Hit {
    id: u32,
    occurrence: usize,
    range: Range<usize>,
    /// Token type ids for the sort levels (`None` past the document's edge).
    keys: Vec<Option<u32>>,
    /// The folded match, when sorting by it.
    matched: String,
}

/// The concordance of `query`.
pub fn concordance(
    store: &mut Store,
    searcher: &mut Searcher,
    words: &mut Words,
    query: &str,
    options: &ConcordanceOptions,
    counted: Counted,
) -> Result<Concordance> {
    let search = SearchOptions::matching(options.include_removed, options.variants);
    let mut matches = searcher.run(store, query, &search)?;
    matches.docs.retain(|m| is_counted(counted, m.id));
    let mut hits: Vec<Hit> = matches
        .docs
        .into_iter()
        .flat_map(|m| {
            let id = m.id;
            m.ranges
                .into_iter()
                .enumerate()
                .map(move |(occurrence, range)| Hit {
                    id,
                    occurrence,
                    range,
                    keys: Vec::new(),
                    matched: String::new(),
                })
        })
        .collect();
    let unit = words.default_unit(options.unit);
    if !options.sort.is_empty() {
        sort_hits(store, words, &mut hits, &options.sort, unit, options.view())?;
    }
    let total = hits.len();
    let lines = hits
        .into_iter()
        .skip(options.offset)
        .take(options.limit)
        .map(|h| {
            let text = store.view_text(h.id, options.view());
            let text: &str = &text;
            let s = snippet::snippet(text, h.range, options.width, h.occurrence);
            ConcordanceLine {
                id: h.id,
                title: store.entries[h.id as usize].title(),
                left: s.before,
                matched: s.matched,
                right: s.after,
                clipped_left: s.clipped_before,
                clipped_right: s.clipped_after,
                occurrence: h.occurrence,
            }
        })
        .collect();
    Ok(Concordance {
        query: query.to_owned(),
        total,
        unit,
        lines,
        stories_once: counted.is_some(),
    })
}

fn sort_hits(
    store: &mut Store,
    words: &mut Words,
    hits: &mut [Hit],
    sort: &[SortKey],
    unit: Unit,
    which: TextView,
) -> Result<()> {
    let folded: Vec<Range<usize>> = hits
        .iter()
        .map(|h| store.to_folded(h.id, &h.range, which))
        .collect();
    if sort.contains(&SortKey::Match) {
        // Hits come in document order: each document folded once (the index keeps no text).
        let view = store.view(which);
        let (mut text, mut text_of) = (String::new(), None);
        for (h, f) in hits.iter_mut().zip(&folded) {
            if text_of != Some(h.id) {
                view.fold_into(h.id, &mut text);
                text_of = Some(h.id);
            }
            h.matched = text.get(f.clone()).unwrap_or_default().to_owned();
        }
    }
    let tokens = words.streams(store, unit, which)?;
    for (h, f) in hits.iter_mut().zip(&folded) {
        let doc = &tokens.docs[h.id as usize];
        let (right, left) = (doc.first_from(f.end), doc.last_before(f.start));
        h.keys = sort
            .iter()
            .map(|k| match k {
                SortKey::R1 => doc.ids.get(right).copied(),
                SortKey::R2 => doc.ids.get(right + 1).copied(),
                SortKey::R3 => doc.ids.get(right + 2).copied(),
                SortKey::L1 => left.checked_sub(1).map(|i| doc.ids[i]),
                SortKey::L2 => left.checked_sub(2).map(|i| doc.ids[i]),
                SortKey::L3 => left.checked_sub(3).map(|i| doc.ids[i]),
                SortKey::Match => None,
            })
            .collect();
    }
    let vocab = &tokens.vocab;
    hits.sort_by(|a, b| {
        for (level, key) in sort.iter().enumerate() {
            let ord = if *key == SortKey::Match {
                a.matched.cmp(&b.matched)
            } else {
                let word = |h: &Hit| h.keys[level].map(|id| vocab[id as usize].as_str());
                word(a).cmp(&word(b))
            };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        (a.id, a.occurrence).cmp(&(b.id, b.occurrence))
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    fn lines(c: &Concordance) -> Vec<String> {
        c.lines
            .iter()
            .map(|l| format!("{}[{}]{}", l.left, l.matched, l.right))
            .collect()
    }

    #[test]
    fn lists_every_match_in_document_order_in_the_original_script() {
        let mut c = corpus(&["京東和快手合作。", "快手与京东，京东与快手。"]);
        let k = c
            .concordance("京东", &ConcordanceOptions::default())
            .unwrap();
        assert_eq!(k.total, 3);
        assert_eq!(
            lines(&k),
            [
                "[京東]和快手合作。",
                "快手与[京东]，京东与快手。",
                "快手与京东，[京东]与快手。"
            ]
        );
        assert_eq!(k.lines[2].occurrence, 1);
    }

    #[test]
    fn sorts_by_the_first_character_right_then_left() {
        let mut c = corpus(&["甲京东乙。丙京东甲。甲京东甲。"]);
        let options = ConcordanceOptions {
            sort: vec![SortKey::R1, SortKey::L1],
            unit: Some(Unit::Char),
            ..ConcordanceOptions::default()
        };
        let k = c.concordance("京东", &options).unwrap();
        let rights: Vec<(String, String)> = k
            .lines
            .iter()
            .map(|l| {
                (
                    l.right.chars().next().unwrap().to_string(),
                    l.left.chars().last().unwrap().to_string(),
                )
            })
            .collect();
        // 乙 (U+4E59) < 甲 (U+7532); among the 甲s, 丙 (U+4E19) < 甲.
        assert_eq!(
            rights,
            [
                ("乙".into(), "甲".into()),
                ("甲".into(), "丙".into()),
                ("甲".into(), "甲".into())
            ]
        );
    }

    #[test]
    fn pages_through_lines() {
        let mut c = corpus(&[&"快手，".repeat(30)]);
        let k = c
            .concordance(
                "快手",
                &ConcordanceOptions {
                    offset: 25,
                    limit: 10,
                    ..ConcordanceOptions::default()
                },
            )
            .unwrap();
        assert_eq!((k.total, k.lines.len(), k.lines[0].occurrence), (30, 5, 25));
    }

    #[test]
    fn word_sorting_needs_the_dictionary() {
        let mut c = corpus(&["快手电商"]);
        let options = ConcordanceOptions {
            sort: vec![SortKey::R1],
            unit: Some(Unit::Word),
            ..ConcordanceOptions::default()
        };
        assert!(c
            .concordance("快", &options)
            .unwrap_err()
            .to_string()
            .contains("dictionary"));
        c.load_dictionary("快手 10\n电商 10\n".as_bytes()).unwrap();
        assert_eq!(c.concordance("快手", &options).unwrap().total, 1);
    }
}
