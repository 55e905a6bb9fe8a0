//! Keywords against general Chinese: a corpus (or any part of it) compared with a reference
//! frequency list instead of with the rest of the corpus.
//!
//! "This article against the rest" ([`super::keywords`]) says what sets one document apart
//! from its neighbours; a corpus of livestream e-commerce articles against itself never shows
//! that 直播 and 带货 are what the whole corpus is about. That needs a reference corpus of
//! general Chinese. We ship its word frequencies, not its text: `dict/reference.txt`, written
//! by `scripts/dict.py --reference` from jieba's `dict.txt` (MIT licence), loaded by the page
//! only when reference keywords are asked for. jieba does not document how its frequencies
//! were counted; users on its issue tracker say from segmented text — the People's Daily 1998
//! corpus and novels of the author's own (fxsjy/jieba issue #896) — so "general Chinese" here
//! means mostly written Chinese of the 1990s–2000s, and a 2020s word like 直播 or 带货 is key
//! in any recent corpus. The file's header says so too.
//!
//! The scores are those of the keyword view, from [`super::stats`]: **Log Ratio** (Hardie
//! 2014) orders the list, **G²** in its keyword-tool form (Rayson & Garside 2000) filters it
//! at [`CHI2_P05`] by default; see `keywords.rs` for why. Everything here is a pure function of
//! counts: the caller counts the target's tokens (the whole corpus, a facet value, a search
//! result) and hands them in.
//!
//! **What to count as the target's total.** The reference counts words only — no
//! punctuation, no white space — so the target's total must leave punctuation out too
//! (`TokenFilter { punctuation: true, stopwords: false }` in [`super::tokens`]), or every
//! word's relative frequency in the target comes out about a sixth too low. Stop words may be
//! dropped from the rows, but not from the total. Rows are only words with a Han character
//! unless [`ReferenceOptions::han_only`] is turned off.
//!
//! ```
//! use corpus_explorer::analyse::reference::{reference_keywords, Reference, ReferenceOptions};
//!
//! let reference = Reference::parse("%total 1000000\n直播 2000\n的 40000\n购物 1500\n".as_bytes()).unwrap();
//! let counts = [("直播", 40), ("的", 45), ("购物", 2)];
//! let rows = reference_keywords(counts, 1000, &reference, &ReferenceOptions::default());
//! assert_eq!(rows[0].item, "直播"); // 20 times as frequent as in general Chinese
//! assert!(rows.iter().all(|r| r.item != "的"));
//! ```

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::stats::{g2_keyness, log_ratio, rank_keywords, CHI2_P05};
use crate::document::is_han;
use crate::fold::fold_char;

/// A reference frequency list: word → frequency, and the size of the corpus it was counted on.
#[derive(Debug, Clone)]
pub struct Reference {
    freq: FxHashMap<String, u64>,
    total: u64,
}

impl Reference {
    /// Reads a reference list: UTF-8 `word frequency` lines (a third column is ignored), `#`
    /// comments, and a `%total N` line giving the size of the source corpus, which may be
    /// larger than the sum of the listed frequencies when only the most frequent words are
    /// listed. Without `%total`, the sum is the total, so the segmenter's own `words.txt` reads
    /// too (its `%hmm` section ends the list). Words are folded as the corpus is, and entries
    /// that fold together add up.
    ///
    /// The error is a sentence for the person who deployed the page.
    pub fn parse(bytes: &[u8]) -> Result<Reference, String> {
        const REBUILD: &str = "Rebuild it with scripts/dict.py --reference.";
        if bytes.starts_with(&[0x1f, 0x8b]) {
            return Err(
                "The reference list is still gzip-compressed: decompress it before \
                        passing it in."
                    .to_string(),
            );
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "The reference list is not UTF-8 text (invalid bytes at offset {}). {REBUILD}",
                e.valid_up_to()
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim_start().starts_with('<') {
            return Err(
                "The reference list is an HTML page, not a word list: the server \
                        probably answered with an error page. Check that dict/reference.txt \
                        was deployed next to the page."
                    .to_string(),
            );
        }
        let mut freq: FxHashMap<String, u64> = FxHashMap::default();
        let mut total = None;
        let mut sum = 0u64;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with("%hmm") {
                break;
            }
            let mut fields = line.split_whitespace();
            let (word, value) = (fields.next().unwrap_or_default(), fields.next());
            let value: u64 = match value.map(str::parse) {
                Some(Ok(v)) => v,
                _ => {
                    let shown: String = line.chars().take(40).collect();
                    return Err(format!(
                        "Line {} of the reference list is not `word frequency` (\"{shown}\"). \
                         {REBUILD}",
                        number + 1
                    ));
                }
            };
            if word == "%total" {
                total = Some(value);
                continue;
            }
            let word: String = word.chars().map(fold_char).collect();
            *freq.entry(word).or_default() += value;
            sum += value;
        }
        if freq.is_empty() {
            return Err(format!("The reference list has no words in it. {REBUILD}"));
        }
        Ok(Reference {
            freq,
            total: total.unwrap_or(sum).max(sum),
        })
    }

    /// The size of the reference corpus, in words.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// How many words are listed.
    pub fn words(&self) -> usize {
        self.freq.len()
    }

    /// The reference frequency of a folded word: 0 when it is not listed.
    pub fn frequency(&self, word: &str) -> u64 {
        self.freq.get(word).copied().unwrap_or(0)
    }
}

/// How reference keywords are chosen; the same fields and defaults as the keyword view's.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReferenceOptions {
    /// Minimum G² to list (3.84 = p < .05).
    pub min_g2: f64,
    /// Minimum frequency in the target.
    pub min_freq: u64,
    /// Also list negative keywords (rarer in the target than in general Chinese).
    pub negative: bool,
    /// Rows to return.
    pub limit: usize,
    /// List only words with a Han character. The reference lists Chinese words: numbers and
    /// Latin strings (2021, gmv) are missing from it whatever their use, so they would all
    /// come out as keywords.
    pub han_only: bool,
}

impl Default for ReferenceOptions {
    fn default() -> Self {
        ReferenceOptions {
            min_g2: CHI2_P05,
            min_freq: 2,
            negative: false,
            limit: 50,
            han_only: true,
        }
    }
}

/// One word of the target compared with the reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceRow {
    /// The word, folded.
    pub item: String,
    /// Occurrences in the target.
    pub freq: u64,
    /// Frequency in the reference list (0 when it is not listed).
    pub freq_reference: u64,
    /// Log Ratio, target against reference.
    pub log_ratio: f64,
    /// Log-likelihood G² (keyword-tool form).
    pub g2: f64,
}

/// The keywords of a target against `reference`: `counts` are the target's folded words with
/// their counts (already filtered of stop words or punctuation if the caller wants), `total`
/// the target's size in words (see the module docs). Largest Log Ratio first, then largest
/// G², then the word.
pub fn reference_keywords<'a>(
    counts: impl IntoIterator<Item = (&'a str, u64)>,
    total: u64,
    reference: &Reference,
    options: &ReferenceOptions,
) -> Vec<ReferenceRow> {
    let (n1, n2) = (total as f64, reference.total() as f64);
    let rows: Vec<ReferenceRow> = counts
        .into_iter()
        .filter(|&(word, f1)| {
            f1 >= options.min_freq && f1 > 0 && (!options.han_only || word.chars().any(is_han))
        })
        .map(|(word, f1)| {
            let f2 = reference.frequency(word);
            ReferenceRow {
                item: word.to_string(),
                freq: f1,
                freq_reference: f2,
                log_ratio: log_ratio(f1 as f64, n1, f2 as f64, n2),
                g2: g2_keyness(f1 as f64, n1, f2 as f64, n2),
            }
        })
        .collect();
    rank_keywords(
        rows,
        |r| (r.log_ratio, r.g2, &r.item),
        options.min_g2,
        options.negative,
        options.limit,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        Reference::parse(
            "# general Chinese\n%total 1000000\n直播 2000\n的 40000\n購物 1000\n购物 500\n"
                .as_bytes(),
        )
        .unwrap()
    }

    #[test]
    fn reads_the_list_folds_its_words_and_keeps_the_stated_total() {
        let r = reference();
        assert_eq!(r.total(), 1_000_000);
        assert_eq!(r.words(), 3);
        assert_eq!(r.frequency("购物"), 1500);
        assert_eq!(r.frequency("带货"), 0);
        let summed =
            Reference::parse("直播 20 n\n的 30\n%hmm 10\n带 1 2 3 4\n".as_bytes()).unwrap();
        assert_eq!((summed.total(), summed.words()), (50, 2));
    }

    #[test]
    fn scores_as_the_keyword_view_does() {
        let rows = reference_keywords(
            [
                ("直播", 40),
                ("的", 45),
                ("带货", 12),
                ("购物", 2),
                ("主播", 1),
            ],
            1000,
            &reference(),
            &ReferenceOptions::default(),
        );
        let items: Vec<&str> = rows.iter().map(|r| r.item.as_str()).collect();
        // 的 is as frequent as in general Chinese; 购物's 2 are too few to tell (G² < 3.84);
        // 2021 is no Chinese word.
        assert_eq!(items, ["带货", "直播"]);
        let row = &rows[1];
        assert_eq!((row.freq, row.freq_reference), (40, 2000));
        assert_eq!(row.log_ratio, log_ratio(40.0, 1000.0, 2000.0, 1_000_000.0));
        assert_eq!(row.g2, g2_keyness(40.0, 1000.0, 2000.0, 1_000_000.0));
        assert_eq!(
            rows[0].freq_reference, 0,
            "unlisted: Log Ratio uses 0.5 for the zero"
        );
    }

    #[test]
    fn negative_keywords_and_limits() {
        let options = ReferenceOptions {
            negative: true,
            min_freq: 1,
            limit: 10,
            ..ReferenceOptions::default()
        };
        let rows = reference_keywords([("的", 2), ("直播", 40)], 1000, &reference(), &options);
        assert_eq!(rows.last().map(|r| r.item.as_str()), Some("的"));
        assert!(rows.last().unwrap().log_ratio < 0.0);
        let one = ReferenceOptions {
            limit: 1,
            ..options
        };
        assert_eq!(
            reference_keywords([("的", 2), ("直播", 40)], 1000, &reference(), &one).len(),
            1
        );
        assert!(reference_keywords([], 0, &reference(), &ReferenceOptions::default()).is_empty());
    }

    #[test]
    fn explains_files_that_are_no_reference_list() {
        let err = |b: &[u8]| Reference::parse(b).unwrap_err();
        assert!(err(b"\x1f\x8b\x08").contains("gzip"));
        assert!(err(b"<!DOCTYPE html>").contains("HTML"));
        assert!(err(b"\xff\xfe").contains("UTF-8"));
        assert!(err(b"# nothing\n").contains("no words"));
        assert!(err("直播 many\n".as_bytes()).starts_with("Line 1"));
    }
}
