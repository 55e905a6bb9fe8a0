//! How big a snapshot is, and how long saving and opening take, natively:
//! `cargo run --release --example snapshot_size -- seeds/` (a folder: each `.txt` file one
//! document) or `-- /work/main/.bench-cache/www/corpora/10mb` (a benchmark corpus written by
//! tests/bench/corpus.mjs: `<name>.txt` + `<name>.json` with document offsets, as
//! examples/profile_build.rs reads it). Prints the size raw and after gzip -9 (through the
//! `gzip` command, when there is one) as a ratio of the text bytes, each section's share, and
//! the times of `save()` and `open()` (best of five).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use corpus_explorer::{snapshot, Corpus};

#[path = "support/bench_corpus.rs"]
mod bench_corpus;
use bench_corpus::offsets;

/// The documents of a folder or of a benchmark corpus, as (name, bytes).
fn documents(base: &str) -> Vec<(String, Vec<u8>)> {
    if std::path::Path::new(base).is_dir() {
        let mut paths: Vec<_> = std::fs::read_dir(base)
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(p).expect("file"))
            })
            .collect()
    } else {
        let text = std::fs::read(format!("{base}.txt")).expect("corpus txt");
        let bounds = offsets(&std::fs::read_to_string(format!("{base}.json")).expect("json"));
        bounds
            .windows(2)
            .enumerate()
            .map(|(i, w)| (format!("{i}.txt"), text[w[0]..w[1]].to_vec()))
            .collect()
    }
}

/// Bytes after `gzip -9`, if the command is there.
fn gzip9(bytes: &[u8]) -> Option<usize> {
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    Some(out.stdout.len())
}

fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..5 {
        let t = Instant::now();
        let out = f();
        best = best.min(t.elapsed());
        last = Some(out);
    }
    (best, last.expect("ran"))
}

fn main() {
    let base = std::env::args()
        .nth(1)
        .expect("a folder of .txt files, or a benchmark corpus path without extension");
    let docs = documents(&base);
    let t = Instant::now();
    let mut corpus = Corpus::new();
    for (name, bytes) in &docs {
        corpus.add_document(name, bytes).expect("add");
    }
    // The page saves a corpus that has been searched (its index built); save() builds the
    // pair table itself otherwise, which would time indexing, not saving.
    corpus.search("之", &Default::default()).expect("search");
    let ingest = t.elapsed();
    let text: usize = (0..corpus.len() as u32)
        .map(|id| corpus.raw_text(id).unwrap().len())
        .sum();
    let (save, bytes) = best(|| corpus.save());
    let (open, opened) = best(|| Corpus::open(&bytes).expect("opens"));
    assert_eq!(opened.len(), corpus.len());
    let ratio = |n: usize| n as f64 / text as f64;
    println!(
        "{} documents, {} bytes of text (UTF-8 as decoded)",
        corpus.len(),
        text
    );
    println!(
        "snapshot {} bytes = {:.2}x the text",
        bytes.len(),
        ratio(bytes.len())
    );
    match gzip9(&bytes) {
        Some(g) => println!("gzip -9 {g} bytes = {:.2}x the text", ratio(g)),
        None => println!("gzip -9: no gzip command"),
    }
    for s in snapshot::table(&bytes).expect("table") {
        println!(
            "  {} {:>12} bytes  {:.2}x the text",
            s.name(),
            s.length,
            ratio(s.length as usize)
        );
    }
    println!("save() {save:?}, open() {open:?} (best of five); adding the files and indexing them: {ingest:?}");
}
