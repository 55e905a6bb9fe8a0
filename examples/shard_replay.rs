//! What a visitor of a sharded site downloads per query, replayed natively on the files the
//! CLI wrote (exact and load-independent: the page fetches the same names):
//!
//! `cargo run --release --example shard_replay -- SITE/seeds/corpus 明月 白日依山`
//! (`ROUNDS=1`: each round's files by kind on stderr)
//!
//! Per query, one JSON line: documents found; the first query on a fresh visit (root
//! included, every `needed` → `add_shard` round summed, by kind of file); the same query as
//! a later one (after another query of the list was answered); and the p95 of 30 warm
//! answers with everything loaded; ten hits a page as the page asks (`LIMIT=n` otherwise). `tests/bench/scale.mjs` runs it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use corpus_explorer::search::SearchOptions;
use corpus_explorer::shard::{ShardedCorpus, ROOT_NAME};

/// Answers `query` on `corpus`, fetching from `dir`; returns (bytes, rounds, bytes by kind).
fn fetch(dir: &Path, corpus: &mut ShardedCorpus, query: &str) -> (u64, usize, BTreeMap<String, u64>) {
    let options = options();
    let (mut bytes, mut rounds) = (0u64, 0);
    let mut by_kind = BTreeMap::new();
    loop {
        let needed = corpus.needed(query, &options).expect("query");
        if needed.is_empty() {
            return (bytes, rounds, by_kind);
        }
        rounds += 1;
        if std::env::var_os("ROUNDS").is_some() {
            let kinds: Vec<String> = needed.iter().map(|id| id.name()[..1].to_owned()).collect();
            eprintln!("{query}: round {rounds}: {}", kinds.join(" "));
        }
        for id in needed {
            let name = id.name();
            let b = std::fs::read(dir.join(&name)).expect("shard file");
            bytes += b.len() as u64;
            *by_kind.entry(name[..1].to_owned()).or_default() += b.len() as u64;
            corpus.add_shard(&name, &b).expect("shard");
        }
    }
}

/// The page's search: ten hits a page (www/app.js `pageSizeFrom`), or `LIMIT=n`.
fn options() -> SearchOptions {
    SearchOptions {
        limit: std::env::var("LIMIT").ok().and_then(|v| v.parse().ok()).unwrap_or(10),
        ..SearchOptions::default()
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("the corpus folder (SITE/seeds/corpus)"));
    let queries: Vec<String> = args.collect();
    let root = std::fs::read(dir.join(ROOT_NAME)).expect("root.bin");
    let options = options();
    for (i, query) in queries.iter().enumerate() {
        let mut fresh = ShardedCorpus::open(&root).expect("root");
        let started = Instant::now();
        let (bytes, rounds, by_kind) = fetch(&dir, &mut fresh, query);
        let first = fresh.search(query, &options).expect("search");
        let cold_ms = started.elapsed().as_secs_f64() * 1e3;
        // As a later query: after another one of the list (the next, cyclically).
        let other = &queries[(i + 1) % queries.len()];
        let mut visited = ShardedCorpus::open(&root).expect("root");
        if other != query {
            fetch(&dir, &mut visited, other);
        }
        let (later, later_rounds, later_kind) = fetch(&dir, &mut visited, query);
        let mut times: Vec<f64> = (0..30)
            .map(|_| {
                let t = Instant::now();
                fresh.search(query, &options).expect("search");
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let p95 = times[(times.len() * 95).div_ceil(100) - 1];
        let kinds = |m: &BTreeMap<String, u64>| {
            m.iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!(
            "{{\"query\": \"{query}\", \"documents\": {}, \"hits\": {}, \"root\": {}, \"first\": {}, \"firstRounds\": {rounds}, \"firstByKind\": {{{}}}, \"firstNativeMs\": {cold_ms:.1}, \"after\": \"{other}\", \"later\": {later}, \"laterRounds\": {later_rounds}, \"laterByKind\": {{{}}}, \"warmP95Ms\": {p95:.3}}}",
            first.total,
            first.hits.len(),
            root.len(),
            bytes + root.len() as u64,
            kinds(&by_kind),
            kinds(&later_kind),
        );
    }
}
