//! Figures for stories (issue 17): precision and recall of near-duplicate pair detection
//! against exact Jaccard on the same shingles, and grouping time and extra memory at about
//! 10 MB and 50 MB of generated text. Not a test: run it and read it.
//!
//!     cargo run --release --example stories_eval [threshold]
//!
//! The corpus is `corpus_explorer::testing::generated::generate`: articles of 20–60 random
//! sentences on 20 topics (articles of a topic share a vocabulary and stock phrases), a fifth of
//! the documents planted copies (trimmed, reordered, ad lines inserted, Traditional, all of it).
//!
//! Measured at the default threshold 0.6 (release build, 2 shared cores, 2026-12-06):
//!
//! | | figure |
//! |---|---|
//! | pairs, 830 documents (159 planted copies) | precision 1.000, recall 0.995 (196 found, 0 false, 1 missed) |
//! | 10 MB, 3,321 documents | grouping 0.07 s as added (signatures 0.05 s); regroup 0.006 s; 4.9 MB, 1,465 B/document |
//! | 50 MB, 16,571 documents | grouping 0.39 s as added (signatures 0.23 s); regroup 0.08 s; 30.6 MB, 1,848 B/document |
//!
//! In wasm (the full core of `scripts/build.sh` in Node, a random-word corpus with a fifth
//! copies): regrouping every document from the kept signatures (`setStoryThreshold`) took
//! 39 ms at 10 MB (3,293 documents) and 0.8 s at 50 MB (16,491 documents).
//!
//! The missed pair sits just above the threshold, where the estimate's standard error (±0.043
//! at 128 bins) decides; every planted copy was grouped with its original.

use std::time::Instant;

use corpus_explorer::fold::fold;
use corpus_explorer::stories::{exact_jaccard, Stories};
use corpus_explorer::testing::generated::generate;

fn main() {
    let threshold: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(corpus_explorer::stories::DEFAULT_THRESHOLD);

    // Precision and recall: every pair's exact Jaccard is computed, so a corpus of ~1,000
    // documents (quadratic in the pairs).
    let docs = generate(2026, 2_500_000, 20, 0.2);
    let folded: Vec<String> = docs.iter().map(|d| fold(&d.text).text).collect();
    let mut stories = Stories::new();
    stories.set_threshold(threshold).unwrap();
    for f in &folded {
        stories.push(f);
    }
    let leads = stories.leads();
    let started = Instant::now();
    let (mut tp, mut fp, mut fn_, mut pairs) = (0usize, 0usize, 0usize, 0usize);
    for i in 0..folded.len() {
        for j in i + 1..folded.len() {
            pairs += 1;
            let truth = exact_jaccard(&folded[i], &folded[j]) >= threshold;
            let found = leads[i] == leads[j];
            match (truth, found) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    println!(
                        "  false: {} and {}, exact {:.3}",
                        docs[i].name,
                        docs[j].name,
                        exact_jaccard(&folded[i], &folded[j])
                    );
                }
                (true, false) => {
                    fn_ += 1;
                    println!(
                        "  missed: {} and {}, exact {:.3}",
                        docs[i].name,
                        docs[j].name,
                        exact_jaccard(&folded[i], &folded[j])
                    );
                }
                _ => {}
            }
        }
    }
    let planted = docs.iter().filter(|d| d.copy_of.is_some()).count();
    println!(
        "pairs at threshold {threshold}: {} documents ({} planted copies), {pairs} pairs, exact in {:.1} s",
        docs.len(),
        planted,
        started.elapsed().as_secs_f64()
    );
    println!(
        "  same story (grouped) vs exact Jaccard >= threshold: {tp} true, {fp} false positives, {fn_} missed; precision {:.4}, recall {:.4}",
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fn_).max(1) as f64
    );

    for mb in [10usize, 50] {
        let docs = generate(mb as u64, mb * 1_000_000, 20, 0.2);
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        // Folded as the store folds (the store keeps the folded text; stories read it there).
        let folded: Vec<String> = docs.iter().map(|d| fold(&d.text).text).collect();
        let started = Instant::now();
        let mut stories = Stories::new();
        for f in &folded {
            stories.push(f);
        }
        let push = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let sigs = folded
            .iter()
            .filter_map(|f| corpus_explorer::stories::signature::signature(f))
            .count();
        let signatures = started.elapsed().as_secs_f64();
        let started = Instant::now();
        stories.set_threshold(0.7).unwrap();
        stories.set_threshold(threshold).unwrap();
        let regroup = started.elapsed().as_secs_f64() / 2.0;
        let list = stories.list();
        let grouped: usize = list.stories.iter().map(|s| s.members.len()).sum();
        let memory = stories.heap_bytes();
        println!(
            "{:.1} MB, {} documents ({sigs} with signatures): grouping {:.3} s as added (signatures alone {:.3} s), regroup at a new threshold {:.3} s; {} stories holding {grouped} copies ({} planted); extra memory {:.2} MB = {} bytes per document",
            bytes as f64 / 1e6,
            docs.len(),
            push,
            signatures,
            regroup,
            list.stories.len(),
            docs.iter().filter(|d| d.copy_of.is_some()).count(),
            memory as f64 / 1e6,
            memory / docs.len().max(1)
        );
    }
}
