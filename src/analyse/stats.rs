//! The statistics of corpus linguistics, each formula written once, with its source.
//!
//! Everything here is a pure function of counts. Which view is meant to use which:
//!
//! | question | function | reads as |
//! |---|---|---|
//! | is a word more frequent in one corpus than another? | [`g2_keyness`] (significance), [`log_ratio`] (size of the difference) | G² above [`CHI2_P01`]; Log Ratio 1 = twice as frequent |
//! | do two words occur together more than chance? | [`log_dice`], [`mi`]; [`g2_table`] for the pair's 2×2 table | logDice ≤ 14; MI 3 = eight times chance |
//! | is a word spread evenly over the documents? | [`dp`], [`dp_norm`] | 0 = even, 1 = all in one place |
//! | how frequent, comparably across corpora? | [`per_ten_thousand`] | occurrences per 10,000 |
//!
//! ```
//! use corpus_explorer::analyse::stats::{g2_keyness, log_ratio, CHI2_P001};
//!
//! // 疫情 occurs 120 times in 50,000 characters of 2020 articles and 6 times in 60,000
//! // characters of 2019 articles.
//! let g2 = g2_keyness(120.0, 50_000.0, 6.0, 60_000.0);
//! assert!(g2 > CHI2_P001); // a real difference, p < .001…
//! let lr = log_ratio(120.0, 50_000.0, 6.0, 60_000.0);
//! assert!((lr - 24f64.log2()).abs() < 1e-9); // …and a large one: 24 times as frequent
//! ```
//!
//! # Conventions
//!
//! - **Counts are `f64`**, so one signature serves integer counts (`n as f64`) and normalised or
//!   weighted ones. A negative or NaN count is read as 0 and anything above 2⁵³ (the largest
//!   integer an `f64` holds exactly; no corpus in a browser tab comes near it) as 2⁵³.
//! - **Every function returns a finite number and never panics**, whatever it is given. Where
//!   a formula has nothing to measure (an empty corpus, a pair never seen together) the score is
//!   `0.0`, and each function's docs say which cases those are. NaN would poison sorting and
//!   JSON; infinity would sort a one-off accident above every real finding.
//! - **Logarithms are computed from the parts** (`ln O − ln E`, not `ln(O / E)`) so that no
//!   product or quotient of counts can overflow or underflow on the way.
//! - Logs are base 2 for the effect sizes (logDice, MI, Log Ratio: one unit = a doubling) and
//!   natural for G², whose χ² approximation needs `ln`.

/// Critical value of χ² with one degree of freedom at p < 0.05 (exactly 3.8415…).
///
/// G² on a 2×2 table is approximately χ²-distributed with one degree of freedom (Dunning 1993),
/// so a keyword with G² above this is significant at the 5% level. The three values are the
/// χ²(1) quantiles rounded to two decimals, as keyness tables usually print them (Rayson,
/// Berridge & Francis 2004, "Extending the Cochran rule for the comparison of word frequencies
/// between corpora"). With thousands of words tested at once, 5% lets through many chance
/// findings; prefer [`CHI2_P01`] or [`CHI2_P001`] for keyword lists.
pub const CHI2_P05: f64 = 3.84;

/// Critical value of χ² with one degree of freedom at p < 0.01 (exactly 6.6349…); see
/// [`CHI2_P05`].
pub const CHI2_P01: f64 = 6.63;

/// Critical value of χ² with one degree of freedom at p < 0.001 (exactly 10.8276…); see
/// [`CHI2_P05`].
pub const CHI2_P001: f64 = 10.83;

/// Counts are clamped to this: 2⁵³, the largest integer an `f64` represents exactly.
const MAX_COUNT: f64 = 9_007_199_254_740_992.0;

/// A count as the formulas may use it: NaN and negatives become 0, huge values [`MAX_COUNT`].
fn count(x: f64) -> f64 {
    // `NaN > 0.0` is false, so NaN lands on 0 with the negatives.
    if x > 0.0 {
        x.min(MAX_COUNT)
    } else {
        0.0
    }
}

/// One cell's share of G²: `O · ln(O / E)` given `ln E`, with `0 · ln 0 = 0` (the limit as
/// `O → 0`). When `O > 0` its row and column are non-empty, so `ln E` is finite.
fn o_ln_o_over_e(o: f64, ln_e: f64) -> f64 {
    if o > 0.0 {
        o * (o.ln() - ln_e)
    } else {
        0.0
    }
}

/// Log-likelihood G² of a 2×2 contingency table — the full four-cell form.
///
/// ```text
///            col 1   col 2
///   row 1      a       b
///   row 2      c       d          E_ij = row_i · col_j / N,   N = a + b + c + d
///
///   G² = 2 · Σ O_ij · ln(O_ij / E_ij)      (0 · ln 0 = 0)
/// ```
///
/// Source: Ted Dunning (1993), "Accurate methods for the statistics of surprise and
/// coincidence", *Computational Linguistics* 19(1). Unlike Pearson's χ², G² stays accurate
/// for the rare events that make up most of a corpus.
///
/// Use it for a collocation's table (a = x with y, b = x without y, c = y without x, d =
/// neither). For keyword lists use [`g2_keyness`], the two-cell form keyword tools print; the
/// two differ (see there).
///
/// Reads as: 0 when rows are proportional (no association); above [`CHI2_P05`],
/// [`CHI2_P01`], [`CHI2_P001`] significant at those levels. It says *how sure*, not *how
/// strong*, and it does not say in which direction.
///
/// Edge cases: an all-zero table gives 0.0. Never negative: the sum is `N` times a
/// Kullback–Leibler divergence, and rounding below zero is clamped.
pub fn g2_table(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let [a, b, c, d] = [a, b, c, d].map(count);
    let n = a + b + c + d;
    if n == 0.0 {
        return 0.0;
    }
    let (row1, row2, col1, col2) = (a + b, c + d, a + c, b + d);
    let ln_n = n.ln();
    // ln E_ij = ln row_i + ln col_j − ln N; an empty row or column gives −∞, but then its
    // cells are 0 and `o_ln_o_over_e` never looks at it.
    let ln_e = |row: f64, col: f64| row.ln() + col.ln() - ln_n;
    let sum = o_ln_o_over_e(a, ln_e(row1, col1))
        + o_ln_o_over_e(b, ln_e(row1, col2))
        + o_ln_o_over_e(c, ln_e(row2, col1))
        + o_ln_o_over_e(d, ln_e(row2, col2));
    // `max` also turns a NaN into 0, though none can arise from clamped counts.
    (2.0 * sum).max(0.0)
}

/// Log-likelihood G² for comparing a word's frequency in two corpora — the keyword-tool form.
///
/// ```text
///   E1 = size1 · (f1 + f2) / (size1 + size2)
///   E2 = size2 · (f1 + f2) / (size1 + size2)
///   G² = 2 · (f1 · ln(f1 / E1) + f2 · ln(f2 / E2))      (0 · ln 0 = 0)
/// ```
///
/// Source: Paul Rayson & Roger Garside (2000), "Comparing corpora using frequency profiling",
/// *Proceedings of the Workshop on Comparing Corpora*, ACL 2000; the form of UCREL's
/// log-likelihood calculator and of most keyword lists.
///
/// It keeps only the two cells where the word occurs. The full table ([`g2_table`] with `a =
/// f1, b = f2, c = size1 − f1, d = size2 − f2`) adds the cells of all the *other* words; those
/// add a non-negative amount, so this form is never larger, and the gap is small for rare
/// words (30 in 1,000 against 10 in 1,000: 10.46 here, 10.67 from the table). The keyword view
/// uses this form so its numbers match other keyword tools.
///
/// Reads as [`g2_table`]: above [`CHI2_P01`] significant at p < .01. G² has no sign; whether
/// the word is over- or under-used in the target is the sign of [`log_ratio`].
///
/// Edge cases: 0.0 when either corpus is empty or the word occurs in neither. Symmetric: the
/// two corpora can be swapped without changing the score.
pub fn g2_keyness(
    freq_target: f64,
    size_target: f64,
    freq_reference: f64,
    size_reference: f64,
) -> f64 {
    let [f1, n1, f2, n2] = [freq_target, size_target, freq_reference, size_reference].map(count);
    let f = f1 + f2;
    if n1 == 0.0 || n2 == 0.0 || f == 0.0 {
        return 0.0;
    }
    // ln E_i = ln size_i + ln(f1 + f2) − ln(size1 + size2); all three are finite here.
    let ln_share = f.ln() - (n1 + n2).ln();
    let sum = o_ln_o_over_e(f1, n1.ln() + ln_share) + o_ln_o_over_e(f2, n2.ln() + ln_share);
    // Non-negative because E1 + E2 = f1 + f2 (a KL divergence again); clamp rounding.
    (2.0 * sum).max(0.0)
}

/// logDice: how exclusively two words keep each other's company.
///
/// ```text
///   logDice = 14 + log2(2 · f_xy / (f_x + f_y))
/// ```
///
/// Source: Pavel Rychlý (2008), "A lexicographer-friendly association score", *Proceedings of
/// Recent Advances in Slavonic Natural Language Processing (RASLAN)*; the score Sketch Engine
/// ranks collocates by.
///
/// Reads as: at most 14, reached when x and y only ever occur together; each point less halves
/// the Dice coefficient. It does not depend on the corpus size, so scores compare across
/// corpora, and unlike [`mi`] it does not push rare one-off pairs to the top. Typical
/// collocates score well below 14; a rare pair of frequent words can score below 0.
///
/// Edge cases: 0.0 when the pair was never seen together (`f_xy = 0`, including when either
/// word is absent) — so score only pairs actually observed, as a collocation list does. A pair
/// cannot be more frequent than either of its words, so `f_xy` is clamped to `min(f_x, f_y)`
/// (window counts that count one y several times around one x can exceed it); the score thus
/// never exceeds 14.
pub fn log_dice(f_xy: f64, f_x: f64, f_y: f64) -> f64 {
    let [f_x, f_y] = [f_x, f_y].map(count);
    let f_xy = count(f_xy).min(f_x).min(f_y);
    if f_xy == 0.0 {
        return 0.0;
    }
    // log2(2 · f_xy / (f_x + f_y)) = 1 + log2 f_xy − log2(f_x + f_y), which cannot underflow.
    (14.0 + 1.0 + f_xy.log2() - (f_x + f_y).log2()).min(14.0)
}

/// Pointwise mutual information: how much more often two words co-occur than chance predicts.
///
/// ```text
///   MI = log2(f_xy · N / (f_x · f_y))        (observed over expected, E = f_x · f_y / N)
/// ```
///
/// Source: Kenneth W. Church & Patrick Hanks (1990), "Word association norms, mutual
/// information, and lexicography", *Computational Linguistics* 16(1).
///
/// This is the plain form: the expected frequency is not multiplied by a window span. Some
/// tools that count co-occurrences within a window of `span` positions do multiply it, which
/// lowers every score by `log2(span)`; a caller wanting those values subtracts that.
///
/// Reads as: 0 = exactly as often as chance; 1 = twice as often; 3 = eight times (3 is a
/// common cut-off for a collocation, Hunston 2002, *Corpora in Applied Linguistics*); negative
/// = less often than chance. MI rewards rarity: a pair of words seen once each, once together,
/// scores near the maximum, so pair it with a minimum frequency or prefer [`log_dice`].
///
/// Edge cases: 0.0 when `f_xy`, `f_x`, `f_y` or `N` is zero (an unseen pair, an empty corpus).
pub fn mi(f_xy: f64, f_x: f64, f_y: f64, n: f64) -> f64 {
    let [f_xy, f_x, f_y, n] = [f_xy, f_x, f_y, n].map(count);
    if f_xy == 0.0 || f_x == 0.0 || f_y == 0.0 || n == 0.0 {
        return 0.0;
    }
    f_xy.log2() + n.log2() - f_x.log2() - f_y.log2()
}

/// Frequency used in place of a zero in [`log_ratio`], after Hardie (2014).
const LOG_RATIO_ZERO: f64 = 0.5;

/// Log Ratio: the binary log of how many times more frequent a word is in one corpus than in
/// another — the effect size that goes with [`g2_keyness`].
///
/// ```text
///   Log Ratio = log2((f1 / N1) / (f2 / N2))
/// ```
///
/// Source: Andrew Hardie (2014), "Log Ratio – an informal introduction", ESRC Centre for
/// Corpus Approaches to Social Science (CASS), Lancaster University.
///
/// Reads as: 0 = equally frequent (relative to corpus size); 1 = twice as frequent in the
/// first corpus; 2 = four times; −1 = half as frequent. Its sign says which corpus the word is
/// key for, which G² does not.
///
/// Edge cases: a zero frequency in one corpus would give ±∞, so it is replaced by 0.5, as
/// Hardie suggests — half an occurrence, below anything observed. 0.0 when the word occurs in
/// neither corpus (no difference to measure) or either corpus is empty.
pub fn log_ratio(f1: f64, n1: f64, f2: f64, n2: f64) -> f64 {
    let [f1, n1, f2, n2] = [f1, n1, f2, n2].map(count);
    if n1 == 0.0 || n2 == 0.0 || (f1 == 0.0 && f2 == 0.0) {
        return 0.0;
    }
    let f1 = if f1 == 0.0 { LOG_RATIO_ZERO } else { f1 };
    let f2 = if f2 == 0.0 { LOG_RATIO_ZERO } else { f2 };
    (f1.log2() - n1.log2()) - (f2.log2() - n2.log2())
}

/// The parts both slices describe, with counts clamped; `None` when there is nothing to
/// measure (no occurrences or an empty corpus). Returns DP and the smallest part's share.
fn deviation_of_proportions(occurrences: &[f64], part_sizes: &[f64]) -> Option<(f64, f64)> {
    let parts = occurrences.len().min(part_sizes.len());
    let (occurrences, part_sizes) = (&occurrences[..parts], &part_sizes[..parts]);
    let total: f64 = occurrences.iter().copied().map(count).sum();
    let size: f64 = part_sizes.iter().copied().map(count).sum();
    if total == 0.0 || size == 0.0 {
        return None;
    }
    let deviations: f64 = occurrences
        .iter()
        .zip(part_sizes)
        .map(|(&v, &s)| (count(v) / total - count(s) / size).abs())
        .sum();
    let smallest = part_sizes
        .iter()
        .map(|&s| count(s) / size)
        .fold(1.0, f64::min);
    Some(((0.5 * deviations).clamp(0.0, 1.0), smallest))
}

/// Gries' DP ("deviation of proportions"): how unevenly an item is spread over the parts of a
/// corpus, given how large each part is.
///
/// ```text
///   s_i = size of part i / corpus size          (expected share)
///   v_i = occurrences in part i / occurrences   (observed share)
///   DP  = ½ · Σ |v_i − s_i|
/// ```
///
/// Source: Stefan Th. Gries (2008), "Dispersions and adjusted frequencies in corpora",
/// *International Journal of Corpus Linguistics* 13(4).
///
/// Reads as: 0 = spread exactly in proportion to the parts' sizes; towards 1 = concentrated in
/// few parts. Its maximum is `1 − min s_i` (everything in the smallest part), so with few
/// parts it cannot reach 1; [`dp_norm`] rescales it to reach 1.
///
/// `occurrences[i]` and `part_sizes[i]` describe part i (a document, say). Parts beyond the
/// shorter slice are ignored.
///
/// Edge cases: 0.0 when the item never occurs or the parts are empty. Always within [0, 1].
pub fn dp(occurrences: &[f64], part_sizes: &[f64]) -> f64 {
    deviation_of_proportions(occurrences, part_sizes).map_or(0.0, |(dp, _)| dp)
}

/// Gries' DP normalised to reach 1: `DP_norm = DP / (1 − min s_i)`.
///
/// Source: Jefrey Lijffijt & Stefan Th. Gries (2012), "Correction to Stefan Th. Gries'
/// 'Dispersions and adjusted frequencies in corpora'", *International Journal of Corpus
/// Linguistics* 17(1).
///
/// Reads as [`dp`], but 1 now means "as concentrated as these parts allow" (everything in the
/// smallest part) whatever their number and sizes, so scores compare across corpora divided
/// differently. Never smaller than [`dp`].
///
/// Edge cases: as [`dp`]; and 0.0 for a single part, where `1 − min s_i = 0` and every item is
/// trivially spread as expected. Always within [0, 1].
pub fn dp_norm(occurrences: &[f64], part_sizes: &[f64]) -> f64 {
    match deviation_of_proportions(occurrences, part_sizes) {
        Some((dp, smallest)) if smallest < 1.0 => (dp / (1.0 - smallest)).clamp(0.0, 1.0),
        _ => 0.0,
    }
}

/// Occurrences per 10,000 tokens (characters, for unsegmented Chinese): a frequency that
/// compares across corpora of different sizes.
///
/// ```text
///   per 10,000 = frequency / corpus size · 10,000
/// ```
///
/// Reads as: 25 = once every 400 characters. Per million is the usual base for large reference
/// corpora; a corpus loaded into a browser tab is far smaller, and per 10,000 keeps typical
/// figures readable without long runs of zeros.
///
/// Edge cases: 0.0 for an empty corpus. A frequency far larger than a corpus below one token
/// saturates at `f64::MAX` rather than overflowing.
pub fn per_ten_thousand(frequency: f64, corpus_size: f64) -> f64 {
    let [frequency, corpus_size] = [frequency, corpus_size].map(count);
    if corpus_size == 0.0 {
        return 0.0;
    }
    (frequency / corpus_size * 10_000.0).min(f64::MAX)
}

/// Keeps the keywords worth listing and puts them in keyword order: those with G² of at least
/// `min_g2` and (unless `negative`) a positive Log Ratio, largest Log Ratio first, then largest
/// G², then the word; at most `limit`. `key` gives a row's (Log Ratio, G², word). One order for
/// keywords against the rest of the corpus and against general Chinese alike.
pub fn rank_keywords<T>(
    mut rows: Vec<T>,
    key: impl Fn(&T) -> (f64, f64, &str),
    min_g2: f64,
    negative: bool,
    limit: usize,
) -> Vec<T> {
    rows.retain(|row| {
        let (log_ratio, g2, _) = key(row);
        g2 >= min_g2 && (negative || log_ratio > 0.0)
    });
    rows.sort_by(|a, b| {
        let ((ra, ga, wa), (rb, gb, wb)) = (key(a), key(b));
        rb.total_cmp(&ra)
            .then(gb.total_cmp(&ga))
            .then_with(|| wa.cmp(wb))
    });
    rows.truncate(limit);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Equal up to a relative error of 1e-9 (absolute near zero).
    fn close(got: f64, want: f64) -> bool {
        (got - want).abs() <= 1e-9 * want.abs().max(1.0)
    }

    macro_rules! assert_close {
        ($got:expr, $want:expr) => {{
            let (got, want) = ($got, $want);
            assert!(close(got, want), "got {got}, want {want}");
        }};
    }

    // ---- G², full table ----

    #[test]
    fn g2_table_matches_hand_computed_value_for_10_20_30_40() {
        // N = 100; rows 30, 70; columns 40, 60.
        // E = 30·40/100 = 12, 30·60/100 = 18, 70·40/100 = 28, 70·60/100 = 42.
        // 10·ln(10/12) = −1.8232156   20·ln(20/18) = 2.1072103
        // 30·ln(30/28) =  2.0697861   40·ln(40/42) = −1.9516066
        // sum = 0.4021743, G² = 2 · sum = 0.8043486 — far below 3.84: no association.
        assert_close!(g2_table(10.0, 20.0, 30.0, 40.0), 0.804_348_646_096_483_5);
        assert!(g2_table(10.0, 20.0, 30.0, 40.0) < CHI2_P05);
    }

    #[test]
    fn g2_table_is_zero_when_rows_are_proportional() {
        // 10:20 = 30:60, so every O equals its E and every ln(O/E) is 0.
        assert_close!(g2_table(10.0, 20.0, 30.0, 60.0), 0.0);
    }

    #[test]
    fn g2_table_counts_empty_cells_as_contributing_nothing() {
        // Perfect association: N = 20, every E = 10·10/20 = 5.
        // 10·ln(10/5) twice, 0·ln 0 = 0 twice: G² = 2 · 20·ln 2 = 40·ln 2 = 27.7258872.
        assert_close!(g2_table(10.0, 0.0, 0.0, 10.0), 40.0 * 2f64.ln());
    }

    #[test]
    fn g2_table_of_an_empty_table_is_zero() {
        assert_eq!(g2_table(0.0, 0.0, 0.0, 0.0), 0.0);
        assert_eq!(g2_table(f64::NAN, -1.0, 0.0, 0.0), 0.0);
    }

    // ---- G², keyness ----

    #[test]
    fn g2_keyness_matches_hand_computed_value() {
        // 30 in 1,000 against 10 in 1,000: E1 = E2 = 1000·40/2000 = 20.
        // 30·ln(30/20) = 12.1639532, 10·ln(10/20) = −6.9314718
        // G² = 2 · 5.2324814 = 10.4649629 — significant at p < .01, not at p < .001.
        let g2 = g2_keyness(30.0, 1000.0, 10.0, 1000.0);
        assert_close!(g2, 10.464_962_875_290_956);
        assert!(CHI2_P01 < g2 && g2 < CHI2_P001);
    }

    #[test]
    fn g2_keyness_differs_from_the_full_table() {
        // The same comparison as a full table: a = 30, b = 10, c = 970, d = 990.
        // The extra cells (E = 1960·1000/2000 = 980 each):
        // 970·ln(970/980) = −9.9488052, 990·ln(990/980) = 10.0508477, sum 0.1020426,
        // so G² = 10.4649629 + 2 · 0.1020426 = 10.6690480.
        assert_close!(g2_table(30.0, 10.0, 970.0, 990.0), 10.669_048_049_699_542);
        assert!(g2_keyness(30.0, 1000.0, 10.0, 1000.0) < g2_table(30.0, 10.0, 970.0, 990.0));
    }

    #[test]
    fn g2_keyness_is_zero_for_equal_relative_frequencies() {
        // 5/1000 = 10/2000: E1 = 1000·15/3000 = 5 = f1, E2 = 10 = f2.
        assert_close!(g2_keyness(5.0, 1000.0, 10.0, 2000.0), 0.0);
    }

    #[test]
    fn g2_keyness_is_zero_when_a_corpus_is_empty_or_the_word_absent() {
        assert_eq!(g2_keyness(5.0, 0.0, 3.0, 100.0), 0.0);
        assert_eq!(g2_keyness(5.0, 100.0, 3.0, 0.0), 0.0);
        assert_eq!(g2_keyness(0.0, 100.0, 0.0, 100.0), 0.0);
    }

    // ---- logDice ----

    #[test]
    fn log_dice_matches_hand_computed_value() {
        // 2·10 / (20 + 30) = 0.4; log2 0.4 = −1.3219281; 14 − 1.3219281 = 12.6780719.
        assert_close!(log_dice(10.0, 20.0, 30.0), 12.678_071_905_112_638);
    }

    #[test]
    fn log_dice_is_fourteen_when_the_words_only_occur_together() {
        // 2·7 / (7 + 7) = 1; log2 1 = 0.
        assert_close!(log_dice(7.0, 7.0, 7.0), 14.0);
    }

    #[test]
    fn log_dice_clamps_cooccurrence_to_the_rarer_word() {
        // f_xy = 9 > f_x = 5 is read as 5: 2·5 / (5 + 5) = 1, so 14, not 14 + log2 1.8.
        assert_close!(log_dice(9.0, 5.0, 5.0), 14.0);
    }

    #[test]
    fn log_dice_is_zero_for_pairs_never_seen_together() {
        assert_eq!(log_dice(0.0, 20.0, 30.0), 0.0);
        assert_eq!(log_dice(3.0, 0.0, 30.0), 0.0);
    }

    #[test]
    fn log_dice_falls_below_zero_for_a_rare_pair_of_frequent_words() {
        // 2·1 / (2¹⁹ + 2¹⁹) = 2⁻¹⁹; 14 − 19 = −5.
        assert_close!(log_dice(1.0, 524_288.0, 524_288.0), -5.0);
    }

    // ---- MI ----

    #[test]
    fn mi_matches_hand_computed_value() {
        // E = 20·30/1000 = 0.6; O/E = 10/0.6 = 16.6667; log2 16.6667 = 4.0588937.
        assert_close!(mi(10.0, 20.0, 30.0, 1000.0), 4.058_893_689_053_568);
    }

    #[test]
    fn mi_is_zero_when_the_pair_occurs_as_often_as_chance_predicts() {
        // E = 20·50/1000 = 1 = O.
        assert_close!(mi(1.0, 20.0, 50.0, 1000.0), 0.0);
        // O = 8·E is 3 bits: E = 1, O = 8.
        assert_close!(mi(8.0, 20.0, 50.0, 1000.0), 3.0);
    }

    #[test]
    fn mi_is_zero_when_anything_is_missing() {
        assert_eq!(mi(0.0, 20.0, 50.0, 1000.0), 0.0);
        assert_eq!(mi(1.0, 0.0, 50.0, 1000.0), 0.0);
        assert_eq!(mi(1.0, 20.0, 0.0, 1000.0), 0.0);
        assert_eq!(mi(1.0, 20.0, 50.0, 0.0), 0.0);
    }

    // ---- Log Ratio ----

    #[test]
    fn log_ratio_is_zero_for_equal_relative_frequencies() {
        // 5/1000 = 10/2000.
        assert_close!(log_ratio(5.0, 1000.0, 10.0, 2000.0), 0.0);
    }

    #[test]
    fn log_ratio_counts_doublings() {
        // (2/1000) / (1/1000) = 2 → 1;  (8/1000) / (1/1000) = 8 → 3;  (1/1000) / (4/1000) → −2.
        assert_close!(log_ratio(2.0, 1000.0, 1.0, 1000.0), 1.0);
        assert_close!(log_ratio(8.0, 1000.0, 1.0, 1000.0), 3.0);
        assert_close!(log_ratio(1.0, 1000.0, 4.0, 1000.0), -2.0);
    }

    #[test]
    fn log_ratio_replaces_a_zero_frequency_by_one_half() {
        // (0.5/1000) / (4/2000) = 0.0005 / 0.002 = 0.25 → −2.
        assert_close!(log_ratio(0.0, 1000.0, 4.0, 2000.0), -2.0);
        // (4/1000) / (0.5/1000) = 8 → 3.
        assert_close!(log_ratio(4.0, 1000.0, 0.0, 1000.0), 3.0);
    }

    #[test]
    fn log_ratio_is_zero_when_the_word_is_absent_from_both_or_a_corpus_is_empty() {
        // Replacing both zeros by 0.5 would give log2(2000/1000) = 1, a difference that isn't.
        assert_eq!(log_ratio(0.0, 1000.0, 0.0, 2000.0), 0.0);
        assert_eq!(log_ratio(3.0, 0.0, 4.0, 2000.0), 0.0);
        assert_eq!(log_ratio(3.0, 1000.0, 4.0, 0.0), 0.0);
    }

    // ---- DP ----

    #[test]
    fn dp_is_zero_for_a_distribution_proportional_to_part_sizes() {
        // Equal parts, equal counts: v_i = s_i = 1/4.
        assert_close!(dp(&[3.0, 3.0, 3.0, 3.0], &[100.0; 4]), 0.0);
        // Unequal parts: s = (.1, .2, .3, .4), v = (1, 2, 3, 4)/10 — the same.
        assert_close!(dp(&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 30.0, 40.0]), 0.0);
        assert_close!(
            dp_norm(&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 30.0, 40.0]),
            0.0
        );
    }

    #[test]
    fn dp_of_one_to_five_in_five_equal_parts_is_one_fifth() {
        // s_i = 1/5 = 3/15; v = (1, 2, 3, 4, 5)/15.
        // |v − s| = (2, 1, 0, 1, 2)/15, sum 6/15; DP = 3/15 = 0.2.
        // DP_norm = 0.2 / (1 − 0.2) = 0.25.
        let sizes = [1000.0; 5];
        assert_close!(dp(&[1.0, 2.0, 3.0, 4.0, 5.0], &sizes), 0.2);
        assert_close!(dp_norm(&[1.0, 2.0, 3.0, 4.0, 5.0], &sizes), 0.25);
    }

    #[test]
    fn dp_of_lijffijt_and_gries_three_equal_parts_example() {
        // Their Table 1 setup: three equal parts, 2/3 of the occurrences in one, 1/3 in another.
        // |v − s| = (2/3 − 1/3, 1/3 − 1/3, 0 − 1/3) = (1/3, 0, 1/3); DP = ½ · 2/3 = 1/3.
        // DP_norm = (1/3) / (1 − 1/3) = 1/2.
        assert_close!(dp(&[2.0, 1.0, 0.0], &[50.0; 3]), 1.0 / 3.0);
        assert_close!(dp_norm(&[2.0, 1.0, 0.0], &[50.0; 3]), 0.5);
    }

    #[test]
    fn dp_is_maximal_when_everything_falls_in_the_smallest_part() {
        // s = (.1, .2, .3, .4). All in part 1: |v − s| = (.9, .2, .3, .4), sum 1.8, DP = 0.9
        // = 1 − min s; DP_norm = 0.9 / 0.9 = 1.
        let sizes = [10.0, 20.0, 30.0, 40.0];
        assert_close!(dp(&[7.0, 0.0, 0.0, 0.0], &sizes), 0.9);
        assert_close!(dp_norm(&[7.0, 0.0, 0.0, 0.0], &sizes), 1.0);
        // All in the largest part is less uneven: |v − s| = (.1, .2, .3, .6), DP = 0.6,
        // DP_norm = 0.6 / 0.9 = 2/3.
        assert_close!(dp(&[0.0, 0.0, 0.0, 7.0], &sizes), 0.6);
        assert_close!(dp_norm(&[0.0, 0.0, 0.0, 7.0], &sizes), 2.0 / 3.0);
    }

    #[test]
    fn dp_of_an_absent_item_or_an_empty_corpus_is_zero() {
        assert_eq!(dp(&[0.0, 0.0], &[10.0, 10.0]), 0.0);
        assert_eq!(dp(&[1.0, 2.0], &[0.0, 0.0]), 0.0);
        assert_eq!(dp(&[], &[]), 0.0);
        assert_eq!(dp_norm(&[0.0, 0.0], &[10.0, 10.0]), 0.0);
    }

    #[test]
    fn dp_norm_is_zero_for_a_single_part() {
        // s = (1): DP = |1 − 1| / 2 = 0 and 1 − min s = 0.
        assert_eq!(dp(&[5.0], &[100.0]), 0.0);
        assert_eq!(dp_norm(&[5.0], &[100.0]), 0.0);
    }

    #[test]
    fn dp_ignores_parts_missing_from_the_shorter_slice() {
        // Only the first two parts count: the three-part example without its third size.
        assert_close!(dp(&[1.0, 1.0, 9.0], &[10.0, 10.0]), 0.0);
        assert_close!(dp(&[1.0, 1.0], &[10.0, 10.0, 500.0]), 0.0);
    }

    // ---- per 10,000 and constants ----

    #[test]
    fn per_ten_thousand_scales_and_guards_an_empty_corpus() {
        // 3 / 6000 · 10000 = 5.
        assert_close!(per_ten_thousand(3.0, 6000.0), 5.0);
        assert_eq!(per_ten_thousand(3.0, 0.0), 0.0);
        assert_eq!(per_ten_thousand(0.0, 6000.0), 0.0);
    }

    #[test]
    fn critical_values_are_chi_square_one_df_quantiles_rounded() {
        // χ²(1) quantiles: 3.841458820694124, 6.634896601021214, 10.827566170662733.
        let rounded = |x: f64| (x * 100.0).round() / 100.0;
        assert_eq!(CHI2_P05, rounded(3.841_458_820_694_124));
        assert_eq!(CHI2_P01, rounded(6.634_896_601_021_214));
        assert_eq!(CHI2_P001, rounded(10.827_566_170_662_733));
    }

    // ---- properties ----

    /// Realistic counts and everything else an f64 can be (NaN, ±∞, negatives, subnormals).
    fn any_count() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(0.0),
            (0u32..1_000_000).prop_map(f64::from),
            0.0..100.0f64,
            any::<f64>(),
        ]
    }

    /// Dunning's own formulation: G² = 2 (Σ k ln k − Σ rows ln rows − Σ cols ln cols + N ln N),
    /// a different route to the same number.
    fn g2_entropy_form(a: f64, b: f64, c: f64, d: f64) -> f64 {
        let xlnx = |x: f64| if x > 0.0 { x * x.ln() } else { 0.0 };
        2.0 * (xlnx(a) + xlnx(b) + xlnx(c) + xlnx(d)
            - xlnx(a + b)
            - xlnx(c + d)
            - xlnx(a + c)
            - xlnx(b + d)
            + xlnx(a + b + c + d))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn every_score_is_finite_for_any_input(
            a in any_count(), b in any_count(), c in any_count(), d in any_count(),
        ) {
            for x in [
                g2_table(a, b, c, d),
                g2_keyness(a, b, c, d),
                log_dice(a, b, c),
                mi(a, b, c, d),
                log_ratio(a, b, c, d),
                dp(&[a, b], &[c, d]),
                dp_norm(&[a, b], &[c, d]),
                per_ten_thousand(a, b),
            ] {
                prop_assert!(x.is_finite(), "{x} from {a}, {b}, {c}, {d}");
            }
        }

        #[test]
        fn g2_is_never_negative(a in any_count(), b in any_count(), c in any_count(), d in any_count()) {
            prop_assert!(g2_table(a, b, c, d) >= 0.0);
            prop_assert!(g2_keyness(a, b, c, d) >= 0.0);
        }

        #[test]
        fn g2_table_equals_dunnings_entropy_form(
            a in 0u32..10_000, b in 0u32..10_000, c in 0u32..10_000, d in 0u32..10_000,
        ) {
            let [a, b, c, d] = [a, b, c, d].map(f64::from);
            let (got, want) = (g2_table(a, b, c, d), g2_entropy_form(a, b, c, d));
            // The entropy form subtracts terms of size N ln N, so allow for its rounding.
            prop_assert!((got - want).abs() <= 1e-6 * (1.0 + want.abs()), "{got} vs {want}");
        }

        #[test]
        fn g2_keyness_is_symmetric_and_never_exceeds_the_full_table(
            (f1, n1) in (1u32..1_000_000).prop_flat_map(|n| (0..=n, Just(n))),
            (f2, n2) in (1u32..1_000_000).prop_flat_map(|n| (0..=n, Just(n))),
        ) {
            let [f1, n1, f2, n2] = [f1, n1, f2, n2].map(f64::from);
            let keyness = g2_keyness(f1, n1, f2, n2);
            prop_assert!(close(keyness, g2_keyness(f2, n2, f1, n1)));
            let table = g2_table(f1, f2, n1 - f1, n2 - f2);
            prop_assert!(keyness <= table + 1e-9 * (1.0 + table), "{keyness} > {table}");
        }

        #[test]
        fn log_dice_is_at_most_fourteen(f_xy in any_count(), f_x in any_count(), f_y in any_count()) {
            prop_assert!(log_dice(f_xy, f_x, f_y) <= 14.0);
        }

        #[test]
        fn log_ratio_flips_sign_when_the_corpora_swap(
            f1 in any_count(), n1 in any_count(), f2 in any_count(), n2 in any_count(),
        ) {
            let (there, back) = (log_ratio(f1, n1, f2, n2), log_ratio(f2, n2, f1, n1));
            prop_assert!((there + back).abs() <= 1e-9 * (1.0 + there.abs()), "{there} vs {back}");
        }

        #[test]
        fn dp_lies_between_zero_and_dp_norm_and_dp_norm_at_most_one(
            parts in prop::collection::vec((any_count(), any_count()), 0..12),
        ) {
            let (occurrences, sizes): (Vec<f64>, Vec<f64>) = parts.into_iter().unzip();
            let (dp, norm) = (dp(&occurrences, &sizes), dp_norm(&occurrences, &sizes));
            prop_assert!((0.0..=1.0).contains(&dp), "dp {dp}");
            prop_assert!((0.0..=1.0).contains(&norm), "dp_norm {norm}");
            prop_assert!(dp <= norm + 1e-12, "dp {dp} > dp_norm {norm}");
        }
    }
}
