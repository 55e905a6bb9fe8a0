//! Where a page of search results spends its time, per query, natively: the benchmark's 25
//! queries (tests/bench/corpus.mjs) on an opened snapshot, each timed with snippets (the
//! page the benchmark measures: limit 10, three snippets) and without, medians of `passes`.
//!
//! ```text
//! cargo run --release --example open_profile -- save .bench-cache/www/corpora/10mb /tmp/10mb.corpus
//! cargo run --release --example query_profile -- /tmp/10mb.corpus 21
//! QBENCH=5 target/release/examples/query_profile /tmp/10mb.corpus   # the bench's p50/p95
//! QDUMP=/tmp/a.jsonl target/release/examples/query_profile /tmp/10mb.corpus   # every answer
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

#[path = "support/cpu.rs"]
mod cpu;
use cpu::cpu;

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
    // QBENCH=passes: the browser benchmark's measure (tests/bench/worker.js), natively: one
    // warm-up pass, then `passes` passes over the 25 queries (limit 10, snippets), each
    // sample the mean of a batch of back-to-back calls (2 ms at least, 50 calls at most),
    // p50 and p95 as report.mjs ranks them; and the CPU time of every timed call.
    if let Some(passes) = std::env::var("QBENCH").ok().and_then(|p| p.parse::<usize>().ok()) {
        let first: Vec<Duration> = QUERIES
            .iter()
            .map(|q| {
                let t = Instant::now();
                corpus.search(q, &with).expect("search");
                t.elapsed()
            })
            .collect();
        let batches: Vec<u32> = first
            .iter()
            .map(|t| (2e-3 / t.as_secs_f64().max(1e-5)).ceil().clamp(1.0, 50.0) as u32)
            .collect();
        let (mut samples, mut calls, c) = (Vec::new(), 0u32, cpu());
        for _ in 0..passes {
            for (q, &batch) in QUERIES.iter().zip(&batches) {
                let t = Instant::now();
                for _ in 0..batch {
                    corpus.search(q, &with).expect("search");
                }
                samples.push(t.elapsed() / batch);
                calls += batch;
            }
        }
        let cpu_per_call = (cpu() - c) / calls;
        samples.sort();
        let rank = |p: f64| samples[((p * samples.len() as f64).ceil() as usize).max(1) - 1];
        println!(
            "{} samples: p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms; CPU {:.3} ms a call over {calls} calls",
            samples.len(),
            rank(0.5).as_secs_f64() * 1e3,
            rank(0.95).as_secs_f64() * 1e3,
            rank(1.0).as_secs_f64() * 1e3,
            cpu_per_call.as_secs_f64() * 1e3
        );
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
