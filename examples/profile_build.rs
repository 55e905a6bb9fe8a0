//! Times each stage of building a corpus natively, on a benchmark corpus written by
//! tests/bench/corpus.mjs (`<name>.txt` + `<name>.json` with document offsets):
//! `cargo run --release --example profile_build -- .bench-cache/www/corpora/10`.
//! The browser figures are in tests/bench/RESULTS.md; this shows where the time goes.

use std::sync::atomic::Ordering::Relaxed;
use std::time::Instant;

use corpus_explorer::clean::{clean, Seen};
use corpus_explorer::decode::Decoder;
use corpus_explorer::document::Document;
use corpus_explorer::fold::fold;
use corpus_explorer::index::Index;
use corpus_explorer::meta::extract;
use corpus_explorer::Corpus;

#[path = "support/counting.rs"]
mod counting;
use counting::{LIVE, PEAK};

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
}

#[path = "support/bench_corpus.rs"]
mod bench_corpus;
use bench_corpus::offsets;

fn main() {
    let base = std::env::args()
        .nth(1)
        .expect("path without extension, e.g. .bench-cache/www/corpora/10");
    // A folder (say seeds/): each file one document.
    let (text, bounds) = if std::path::Path::new(&base).is_dir() {
        let mut paths: Vec<_> = std::fs::read_dir(&base)
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        let mut text = Vec::new();
        let mut bounds = vec![0];
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            text.extend(std::fs::read(path).expect("file"));
            bounds.push(text.len());
        }
        (text, bounds)
    } else {
        let text = std::fs::read(format!("{base}.txt")).expect("corpus txt");
        (
            text,
            offsets(&std::fs::read_to_string(format!("{base}.json")).expect("corpus json")),
        )
    };
    let docs: Vec<&[u8]> = bounds.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    println!("{} documents, {} bytes", docs.len(), text.len());

    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let t = Instant::now();
    let mut corpus = Corpus::new();
    for (i, d) in docs.iter().enumerate() {
        corpus.add_document(&format!("{i}.txt"), d).expect("add");
    }
    let add = t.elapsed();
    let t = Instant::now();
    let r = corpus.search("之", &Default::default()).expect("search");
    println!(
        "Corpus::add_document all: {add:?}; first search (index build): {:?}, {} hits",
        t.elapsed(),
        r.total
    );
    println!(
        "heap held by the corpus {} ({:.2}x the corpus bytes), peak while building {} ({:.2}x)",
        mib(LIVE.load(Relaxed) - before),
        (LIVE.load(Relaxed) - before) as f64 / text.len() as f64,
        mib(PEAK.load(Relaxed) - before),
        (PEAK.load(Relaxed) - before) as f64 / text.len() as f64,
    );

    let m = corpus.memory();
    println!(
        "held, by part: raw {} · paragraphs {} · cleaned {} · removed+offsets {} · folded {} · index blocks {} · pair table {} · seen {} = {}",
        mib(m.raw_text), mib(m.paragraphs), mib(m.cleaned_text), mib(m.removed_and_offsets),
        mib(m.folded_text), mib(m.index_blocks), mib(m.pair_table), mib(m.seen), mib(m.total())
    );
    // Query latency, as the benchmark asks (limit 10, default snippets), after a warm-up.
    let queries = [
        "明月",
        "長安",
        "长安",
        "白雲",
        "白云",
        "故人",
        "江南",
        "春風",
        "春风",
        "萬里",
        "相思",
        "不知",
        "明月光",
        "一片冰心",
        "千山萬水",
        "人生如夢",
        "人生如梦",
        "大江东去",
        "春眠不覺曉",
        "独在异乡为异客",
        "問君能有幾多愁",
        "黃河遠上白雲間",
        "songci",
        "01234",
        "poet.tang.3000.json",
    ];
    let options = corpus_explorer::search::SearchOptions {
        limit: 10,
        ..Default::default()
    };
    for q in queries {
        corpus.search(q, &options).expect("search");
    }
    // PROFILE_QUERIES=N repeats each query N times and stops there, for a profiler.
    let reps: usize = std::env::var("PROFILE_QUERIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let mut times: Vec<(f64, &str)> = queries
        .iter()
        .map(|&q| {
            let t = Instant::now();
            for _ in 0..reps {
                corpus.search(q, &options).expect("search");
            }
            (t.elapsed().as_secs_f64() * 1000.0 / reps as f64, q)
        })
        .collect();
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("slowest queries (ms): {:?}", &times[..6]);
    if std::env::var("PROFILE_QUERIES").is_ok() {
        return;
    }

    let decoder = Decoder::default();
    let z = std::time::Duration::ZERO;
    let (mut dec, mut parse, mut cl, mut me, mut fo, mut ix) = (z, z, z, z, z, z);
    let mut seen = Seen::default();
    let mut index = Index::default();
    let mut kept: (
        Vec<Document>,
        Vec<corpus_explorer::clean::Cleaned>,
        Vec<corpus_explorer::meta::Meta>,
        Vec<corpus_explorer::fold::OffsetMap>,
    ) = Default::default();
    let mut held = [0usize; 6];
    drop(corpus);
    for (i, d) in docs.iter().enumerate() {
        let t = Instant::now();
        let decoded = decoder.decode("x.txt", d).expect("decode");
        dec += t.elapsed();
        let t = Instant::now();
        let l0 = LIVE.load(Relaxed);
        let doc = Document::parse("x.txt", decoded);
        parse += t.elapsed();
        let l1 = LIVE.load(Relaxed);
        let t = Instant::now();
        let c = clean(&doc.text, &doc.paragraphs.to_vec(), &seen);
        let keys: Vec<&str> = c.keys.iter().map(String::as_str).collect();
        seen.insert(i as u32, &keys);
        cl += t.elapsed();
        let l2 = LIVE.load(Relaxed);
        let t = Instant::now();
        let m = extract(&doc.text, &doc.paragraphs.to_vec(), &c.content);
        me += t.elapsed();
        let l3 = LIVE.load(Relaxed);
        let t = Instant::now();
        let f = fold(&c.text);
        fo += t.elapsed();
        let t = Instant::now();
        index.push(&f.text);
        ix += t.elapsed();
        let l4 = LIVE.load(Relaxed);
        held[0] += l1 - l0;
        held[1] += l2 - l1;
        held[2] += l3 - l2;
        held[3] += l4 - l3;
        kept.0.push(doc);
        kept.1.push(c);
        kept.2.push(m);
        kept.3.push(f.offsets);
    }
    let t = Instant::now();
    let l = LIVE.load(Relaxed);
    index.build(|_, _| {});
    let build = t.elapsed();
    held[4] = LIVE.load(Relaxed) - l;
    println!("held: document (raw text, paragraphs) {}, cleaned {}, meta {}, folded text+offsets (after the decoded bytes drop) {}, index arrays {}", mib(held[0]), mib(held[1]), mib(held[2]), mib(held[3]), mib(held[4]));
    let sum = |f: &dyn Fn(usize) -> usize| mib((0..kept.0.len()).map(f).sum());
    println!(
        "raw text {}, paragraphs {} ({} of them), cleaned text {}, removed {}, cleaned offsets {}, content {}, keys {}, fold offsets {}",
        sum(&|i| kept.0[i].text.capacity()),
        sum(&|i| kept.0[i].paragraphs.heap_bytes()),
        (0..kept.0.len()).map(|i| kept.0[i].paragraphs.len()).sum::<usize>(),
        sum(&|i| kept.1[i].text.capacity()),
        sum(&|i| kept.1[i].removed.capacity() * std::mem::size_of::<corpus_explorer::clean::Removed>()),
        sum(&|i| std::mem::size_of_val(&kept.1[i].offsets)),
        sum(&|i| kept.1[i].content.capacity()),
        sum(&|i| kept.1[i].keys.iter().map(|k| k.capacity() + 24).sum::<usize>()),
        sum(&|i| std::mem::size_of_val(&kept.3[i])),
    );
    let all: std::time::Duration = dec + parse + cl + me + fo + ix + build;
    println!("decode {dec:?} parse {parse:?} clean {cl:?} meta {me:?} fold {fo:?} push {ix:?} index.build {build:?} = {all:?}");
}
