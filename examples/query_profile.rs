//! Where a page of search results spends its time, per query, natively: the benchmark's 25
//! queries (tests/bench/corpus.mjs) on an opened snapshot, each timed with snippets (the
//! page the benchmark measures: limit 10, three snippets) and without, medians of `passes`.
//!
//! ```text
//! cargo run --release --example open_profile -- save .bench-cache/www/corpora/10mb /tmp/10mb.corpus
//! cargo run --release --example query_profile -- /tmp/10mb.corpus 21
//! ```
//!
//! A diagnostic, not a test: nothing is asserted; a busy machine stretches every figure.

use std::time::{Duration, Instant};

use corpus_explorer::search::SearchOptions;
use corpus_explorer::Corpus;

const QUERIES: [&str; 25] = [
    "明月", "長安", "长安", "白雲", "白云", "故人", "江南", "春風", "春风", "萬里", "相思", "不知",
    "明月光", "一片冰心", "千山萬水", "人生如夢", "人生如梦", "大江东去", "春眠不覺曉",
    "独在异乡为异客", "問君能有幾多愁", "黃河遠上白雲間", "songci", "01234", "poet.tang.3000.json",
];

fn median(corpus: &mut Corpus, query: &str, options: &SearchOptions, passes: usize) -> Duration {
    let mut times: Vec<Duration> = (0..passes)
        .map(|_| {
            let t = Instant::now();
            corpus.search(query, options).expect("search");
            t.elapsed()
        })
        .collect();
    times.sort();
    times[passes / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("snapshot");
    let passes: usize = args.get(2).map_or(11, |n| n.parse().expect("passes"));
    let mut corpus = Corpus::open(&bytes).expect("open");
    let with = SearchOptions { limit: 10, ..Default::default() };
    let without = SearchOptions { limit: 10, snippets: 0, ..Default::default() };
    let (mut sum_with, mut sum_without) = (Duration::ZERO, Duration::ZERO);
    println!("{:<24} {:>8} {:>10} {:>10}", "query", "docs", "snippets", "none");
    // QDUMP=file writes every query's full answer as JSON lines, under three sets of options
    // (a page with snippets; every hit with snippets; removed spans included): two builds'
    // dumps compared tell whether a change kept every result.
    if let Ok(path) = std::env::var("QDUMP") {
        let every = SearchOptions { limit: usize::MAX, ..Default::default() };
        let removed = SearchOptions { include_removed: true, ..Default::default() };
        let mut out = String::new();
        for q in QUERIES {
            for options in [&with, &every, &removed] {
                let r = corpus.search(q, options).expect("search");
                out.push_str(&serde_json::to_string(&r).expect("json"));
                out.push('\n');
            }
        }
        std::fs::write(path, out).expect("write the dump");
        return;
    }
    // QP=明月 times that query alone (for `perf record`).
    let only = std::env::var("QP").ok();
    for q in QUERIES.iter().copied().filter(|q| only.as_deref().is_none_or(|o| o == *q)) {
        let docs = corpus.search(q, &with).expect("search").total;
        let (a, b) = (median(&mut corpus, q, &with, passes), median(&mut corpus, q, &without, passes));
        sum_with += a;
        sum_without += b;
        println!("{q:<24} {docs:>8} {:>8.3}ms {:>8.3}ms", a.as_secs_f64() * 1e3, b.as_secs_f64() * 1e3);
    }
    println!("sum of medians: {:.2} ms with snippets, {:.2} ms without", sum_with.as_secs_f64() * 1e3, sum_without.as_secs_f64() * 1e3);
}
