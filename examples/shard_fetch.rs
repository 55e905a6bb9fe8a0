//! What a sharded site (src/shard/) makes a visitor download, natively:
//! `cargo run --release --example shard_fetch -- /work/main/.bench-cache/www/corpora/10mb`
//! (a benchmark corpus, as examples/snapshot_size.rs reads it) or `-- seeds/`. Prints the
//! site's files, then per query the bytes fetched (root included for the first) and rounds,
//! and the time to answer with every shard already in memory.

use std::time::Instant;

use corpus_explorer::search::SearchOptions;
use corpus_explorer::shard::{write, ShardOptions, ShardedCorpus};
use corpus_explorer::Corpus;

#[path = "support/bench_corpus.rs"]
mod bench_corpus;
use bench_corpus::offsets;

fn main() {
    let base = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let mut corpus = Corpus::new();
    let started = Instant::now();
    if std::path::Path::new(&base).is_dir() {
        let mut paths: Vec<_> = std::fs::read_dir(&base)
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            corpus.add_document(&name, &std::fs::read(&p).expect("file")).expect("document");
        }
    } else {
        let text = std::fs::read(format!("{base}.txt")).expect("corpus txt");
        let bounds = offsets(&std::fs::read_to_string(format!("{base}.json")).expect("json"));
        for (i, w) in bounds.windows(2).enumerate() {
            let _ = corpus.add_document(&format!("{i}.txt"), &text[w[0]..w[1]]);
        }
    }
    let text_chars: usize = corpus.documents().iter().map(|d| d.chars).sum();
    eprintln!("{} documents, {text_chars} characters, indexed in {:?}", corpus.len(), started.elapsed());
    let started = Instant::now();
    let site = write(&mut corpus, &ShardOptions::default()).expect("shards");
    let total: usize = site.files().map(|(_, b)| b.len()).sum();
    let mut on_disk = std::collections::BTreeMap::<String, usize>::new();
    for (name, b) in &site.shards {
        *on_disk.entry(name[..1].to_owned()).or_default() += b.len();
    }
    println!("on disk by kind: {on_disk:?}");
    println!(
        "sharded in {:?}: root {} B, {} shards, {total} B on disk",
        started.elapsed(),
        site.root.len(),
        site.shards.len()
    );
    let mut sharded = ShardedCorpus::open(&site.root).expect("root");
    let mut first = site.root.len();
    let options = SearchOptions::default();
    for query in ["明月", "月", "春风又绿江南岸", "白日依山尽", "明月 -春风", "不存在的词"] {
        let (mut bytes, mut rounds) = (std::mem::take(&mut first), 0);
        let mut by_kind = std::collections::BTreeMap::<String, usize>::new();
        loop {
            let needed = sharded.needed(query, &options).expect("query");
            if needed.is_empty() {
                break;
            }
            rounds += 1;
            for id in needed {
                let name = id.name();
                let (_, b) = site.shards.iter().find(|(n, _)| *n == name).expect("shard");
                bytes += b.len();
                *by_kind.entry(name[..1].to_owned()).or_default() += b.len();
                sharded.add_shard(&name, b).expect("add");
            }
        }
        let started = Instant::now();
        let results = sharded.search(query, &options).expect("search");
        let warm = started.elapsed();
        let whole = corpus.search(query, &options).expect("search");
        assert_eq!(results.total, whole.total, "{query}");
        println!(
            "{query}: {} docs, fetched {bytes} B in {rounds} rounds {by_kind:?}, answer {warm:?} warm",
            results.total
        );
    }
}
