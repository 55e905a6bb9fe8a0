//! Where opening a snapshot spends its time and what the opened corpus holds, natively.
//! First write a snapshot of a benchmark corpus (tests/bench/corpus.mjs: `<name>.txt` +
//! `<name>.json`), then open it as often as wanted (under `valgrind --tool=callgrind` too,
//! whose instruction counts do not depend on the machine's load):
//!
//! ```text
//! cargo run --release --example open_profile -- save .bench-cache/www/corpora/10mb /tmp/10mb.corpus
//! cargo run --release --example open_profile -- open /tmp/10mb.corpus 5
//! ```
//!
//! `save` also takes a folder of files (the app-load benchmark's `.bench-cache/app-load/10mb`),
//! added in name order.
//!
//! `open` prints each run's time of `Corpus::open` and of its first search, their medians,
//! the parts of `Corpus::memory`, and the live heap after opening (a counting allocator),
//! so what lies outside the parts shows.

use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use corpus_explorer::Corpus;

#[path = "support/bench_corpus.rs"]
mod bench_corpus;
use bench_corpus::offsets;

#[path = "support/counting.rs"]
mod counting;
use counting::{LIVE, PEAK};

#[path = "support/cpu.rs"]
mod cpu;
use cpu::cpu;

fn mib(bytes: usize) -> String {
    format!("{:.2} MiB", bytes as f64 / (1 << 20) as f64)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The benchmark's 25 queries (tests/bench/corpus.mjs).
const QUERIES: [&str; 25] = [
    "明月", "長安", "长安", "白雲", "白云", "故人", "江南", "春風", "春风", "萬里", "相思",
    "不知", "明月光", "一片冰心", "千山萬水", "人生如夢", "人生如梦", "大江东去",
    "春眠不覺曉", "独在异乡为异客", "問君能有幾多愁", "黃河遠上白雲間", "songci", "01234",
    "poet.tang.3000.json",
];

/// The benchmark's 25 queries, timed natively: each once to warm up, then `PASSES` times;
/// and a regex search and two whole-corpus analyses, which read every document's folded text.
fn timings(corpus: &mut Corpus) {
    const PASSES: usize = 5;
    let queries = QUERIES;
    let options = corpus_explorer::search::SearchOptions {
        limit: 10,
        ..Default::default()
    };
    let mut samples = Vec::new();
    let mut counts = Vec::new();
    for q in queries {
        counts.push(corpus.search(q, &options).expect("search").total);
    }
    let c = cpu();
    for _ in 0..PASSES {
        for q in queries {
            let t = Instant::now();
            corpus.search(q, &options).expect("search");
            samples.push(t.elapsed());
        }
    }
    println!(
        "CPU time of the {} searches: {:?}",
        PASSES * queries.len(),
        cpu() - c
    );
    samples.sort();
    let p = |f: f64| samples[((samples.len() - 1) as f64 * f) as usize];
    println!(
        "25 queries x {PASSES} (limit 10, snippets): p50 {:?}, p95 {:?}, max {:?}; documents found {counts:?}",
        p(0.5),
        p(0.95),
        p(1.0)
    );
    for q in ["/明月.{0,3}光/", "/[0-9]+/"] {
        let (t, c) = (Instant::now(), cpu());
        let mut total = 0;
        for _ in 0..PASSES {
            total = corpus.search(q, &options).expect("regex").total;
        }
        println!(
            "regex {q} x {PASSES}: {:?} wall, {:?} CPU ({total} documents)",
            t.elapsed() / PASSES as u32,
            (cpu() - c) / PASSES as u32
        );
    }
    let (t, c) = (Instant::now(), cpu());
    let figures = corpus.figures(Default::default());
    println!(
        "figures (every document): {:?} wall, {:?} CPU ({} figures)",
        t.elapsed(),
        cpu() - c,
        figures.len()
    );
    let (t, c) = (Instant::now(), cpu());
    let mut bytes = 0;
    for _ in 0..PASSES {
        for id in 0..corpus.len() as u32 {
            bytes += corpus.raw_text(id).expect("text").len();
        }
    }
    println!(
        "every raw text read x {PASSES}: {:?} wall, {:?} CPU ({:.0} MB/s of text by wall time)",
        t.elapsed() / PASSES as u32,
        (cpu() - c) / PASSES as u32,
        bytes as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    let t = Instant::now();
    let conc = corpus
        .concordance("之", &Default::default())
        .expect("concordance");
    println!("concordance 之: {:?} ({} lines)", t.elapsed(), conc.total);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("save") => {
            let (base, out) = (&args[2], &args[3]);
            let mut corpus = Corpus::new();
            if std::path::Path::new(base).is_dir() {
                // A folder of files (the app-load benchmark's), added in name order.
                let mut names: Vec<_> = std::fs::read_dir(base)
                    .expect("corpus folder")
                    .map(|e| e.expect("entry").path())
                    .collect();
                names.sort();
                for path in names {
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    let bytes = std::fs::read(&path).expect("file");
                    corpus.add_document(&name, &bytes).expect("add");
                }
            } else {
                let text = std::fs::read(format!("{base}.txt")).expect("corpus txt");
                let bounds =
                    offsets(&std::fs::read_to_string(format!("{base}.json")).expect("json"));
                for (i, w) in bounds.windows(2).enumerate() {
                    corpus
                        .add_document(&format!("{i}.txt"), &text[w[0]..w[1]])
                        .expect("add");
                }
            }
            corpus.search("之", &Default::default()).expect("search");
            std::fs::write(out, corpus.save()).expect("write");
            println!("{} documents saved to {out}", corpus.len());
        }
        Some("open") => {
            let bytes = std::fs::read(&args[2]).expect("snapshot");
            let runs: usize = args.get(3).map_or(1, |n| n.parse().expect("runs"));
            let (mut opens, mut firsts) = (Vec::new(), Vec::new());
            let mut kept = None;
            let c = cpu();
            for _ in 0..runs {
                drop(kept.take());
                let before = LIVE.load(Relaxed);
                PEAK.store(before, Relaxed);
                let t = Instant::now();
                let mut corpus = Corpus::open(&bytes).expect("opens");
                let open = t.elapsed();
                let held = LIVE.load(Relaxed) - before;
                let peak = PEAK.load(Relaxed) - before;
                let found = corpus.search("中国", &Default::default()).expect("search");
                let first = t.elapsed();
                println!(
                    "open {open:?}, first result {first:?} ({} found), live heap after open {} (peak while opening {}, beside the snapshot's bytes)",
                    found.total,
                    mib(held),
                    mib(peak)
                );
                opens.push(open);
                firsts.push(first);
                kept = Some((corpus, held));
            }
            println!("CPU time of the {runs} opens and first searches: {:?}", cpu() - c);
            if std::env::var_os("OPEN_ONLY").is_some() {
                // Only the opens (a profiler's run): no searches, scans or analyses after.
                println!("median of {runs}: open {:?}, first result {:?}", median(opens), median(firsts));
                // What the page asks next: the list of documents (raw texts of those with
                // removed spans, for their UTF-16 offsets).
                let (corpus, _) = kept.expect("ran");
                let (t, c) = (Instant::now(), cpu());
                let documents = corpus.documents();
                let n = documents.len();
                println!("documents() of {n}: {:?} wall, {:?} CPU", t.elapsed(), cpu() - c);
                // DOCS_DUMP=FILE: the list as JSON, to compare two builds' lists with `cmp`.
                if let Some(path) = std::env::var_os("DOCS_DUMP") {
                    let json = serde_json::to_string(&documents).expect("serialises");
                    std::fs::write(path, json).expect("DOCS_DUMP written");
                }
                // STORIES_DUMP=FILE: the stories as opening grouped them, likewise.
                if let Some(path) = std::env::var_os("STORIES_DUMP") {
                    let json = serde_json::to_string(&corpus.stories()).expect("serialises");
                    std::fs::write(path, json).expect("STORIES_DUMP written");
                }
                return;
            }
            let (mut corpus, held) = kept.expect("ran");
            timings(&mut corpus);
            let text: usize = (0..corpus.len() as u32)
                .map(|id| corpus.raw_text(id).unwrap().len())
                .sum();
            let m = corpus.memory();
            println!(
                "{} documents, text {}; median of {runs}: open {:?}, first result {:?}",
                corpus.len(),
                mib(text),
                median(opens),
                median(firsts)
            );
            println!("{m:#?}");
            println!(
                "parts {} + stories {} = {}; live heap after open {} = {:.2}x the text",
                mib(m.total()),
                mib(corpus.stories_memory()),
                mib(m.total() + corpus.stories_memory()),
                mib(held),
                held as f64 / text as f64
            );
        }
        Some("stories") => {
            // What keeping no signature after open costs: the first document added (its
            // signatures computed again from every folded article, then the bands filed),
            // a second one, and a new threshold.
            let bytes = std::fs::read(&args[2]).expect("snapshot");
            let mut corpus = Corpus::open(&bytes).expect("opens");
            let before = LIVE.load(Relaxed);
            let text = "京东零售与快手宣布达成战略合作，双方将在供应链、品牌营销和数字化运营方面展开深度合作。";
            for name in ["first.txt", "second.txt"] {
                let (t, c) = (Instant::now(), cpu());
                corpus.add_document(name, text.as_bytes()).expect("add");
                println!("{name} added after open: {:?} wall, {:?} CPU", t.elapsed(), cpu() - c);
            }
            println!("stories hold {} after the adds", mib(corpus.stories_memory()));
            let (t, c) = (Instant::now(), cpu());
            corpus.set_story_threshold(0.8).expect("threshold");
            println!("threshold 0.8: {:?} wall, {:?} CPU", t.elapsed(), cpu() - c);
            let mut fresh = Corpus::open(&bytes).expect("opens");
            let (t, c) = (Instant::now(), cpu());
            fresh.set_story_threshold(0.8).expect("threshold");
            println!("threshold 0.8 right after open (signatures computed again): {:?} wall, {:?} CPU", t.elapsed(), cpu() - c);
            let (t, c) = (Instant::now(), cpu());
            let saved = Corpus::open(&bytes).expect("opens").save();
            println!("open + save (STOR computed from the texts): {:?} wall, {:?} CPU, same bytes: {}", t.elapsed(), cpu() - c, saved == bytes);
            let _ = before;
        }
        Some("search") => {
            // Only the 25 queries, `passes` times: a profile of searching alone.
            let mut corpus = Corpus::open(&std::fs::read(&args[2]).expect("snapshot")).expect("opens");
            let passes: usize = args.get(3).map_or(40, |n| n.parse().expect("passes"));
            let options = corpus_explorer::search::SearchOptions {
                limit: 10,
                ..Default::default()
            };
            let c = cpu();
            for _ in 0..passes {
                for q in QUERIES {
                    corpus.search(q, &options).expect("search");
                }
            }
            println!("CPU time of {} searches: {:?}", passes * QUERIES.len(), cpu() - c);
        }
        _ => panic!("usage: open_profile save <corpus base | folder> <out> | open <snapshot> [runs] | search <snapshot> [passes]"),
    }
}
