//! Relevance: Okapi BM25 over occurrence counts, with a bonus for matches in the title.
//!
//! For a query clause with `df` matching documents out of `n`, a document of length `dl`
//! (characters of the searched text; the corpus average is `avgdl`) in which the clause occurs
//! `tf` times scores
//!
//! ```text
//! idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · dl / avgdl)),   idf = ln(1 + (n − df + 0.5) / (df + 0.5))
//! ```
//!
//! summed over the clauses (Robertson & Zaragoza, "The Probabilistic Relevance Framework:
//! BM25 and Beyond", 2009, eq. 3.26 with the non-negative idf of Lucene). `k1 = 1.2` and
//! `b = 0.75` are the values that paper reports as robust defaults. Characters stand in for
//! words: an unsegmented Chinese text has no words to count, and length normalisation only needs
//! a length proportional to the text's.

/// Term-frequency saturation.
pub const K1: f64 = 1.2;

/// Strength of document-length normalisation.
pub const B: f64 = 0.75;

/// A clause found in the title adds this many times its idf: a title names what the article
/// is about, so a title match outweighs a couple of body mentions (Pagefind weighs headings
/// similarly, ×2 to ×7 depending on level).
pub const TITLE_WEIGHT: f64 = 2.0;

/// Inverse document frequency of a clause found in `df` of `n` documents; never negative.
pub fn idf(df: usize, n: usize) -> f64 {
    let (df, n) = (df as f64, n as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The BM25 contribution of one clause to one document.
pub fn bm25(tf: usize, df: usize, n: usize, dl: usize, avgdl: f64) -> f64 {
    if tf == 0 {
        return 0.0;
    }
    let tf = tf as f64;
    let norm = if avgdl > 0.0 {
        1.0 - B + B * dl as f64 / avgdl
    } else {
        1.0
    };
    idf(df, n) * tf * (K1 + 1.0) / (tf + K1 * norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_hand_computed_value() {
        // n = 5, df = 2: idf = ln(1 + 3.5 / 2.5) = ln 2.4 = 0.875469.
        // tf = 3, dl = avgdl: 0.875469 · 3 · 2.2 / (3 + 1.2) = 1.375737.
        assert!((bm25(3, 2, 5, 100, 100.0) - 1.375737).abs() < 1e-6);
    }

    #[test]
    fn rewards_more_occurrences_with_diminishing_returns() {
        let one = bm25(1, 2, 5, 100, 100.0);
        let two = bm25(2, 2, 5, 100, 100.0);
        let ten = bm25(10, 2, 5, 100, 100.0);
        assert!(one < two && two < ten && ten - two < two - 0.0);
    }

    #[test]
    fn a_longer_document_with_the_same_count_scores_lower() {
        assert!(bm25(2, 2, 5, 300, 100.0) < bm25(2, 2, 5, 100, 100.0));
    }

    #[test]
    fn rarer_clauses_weigh_more_and_idf_is_never_negative() {
        assert!(idf(1, 5) > idf(4, 5));
        assert!(idf(5, 5) > 0.0);
    }
}
