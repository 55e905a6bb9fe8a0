//! The five seed articles through the segmenter and through word discovery.
//!
//! ```text
//! cargo run --example segment_seeds -- --text        # the seeds as written, then folded
//! cargo run --example segment_seeds -- WORDS_TXT [--reference REFERENCE_TXT]
//!                                                   # frequency list and discovered words,
//!                                                   # and keywords against the reference
//! cargo run --release --example segment_seeds -- WORDS_TXT TEXT_FILE   # discovery on any
//!                                                   # text, one document per line, timed
//! ```
//!
//! `--text` is what `scripts/dict.py --fixture` reads to make the test dictionary of
//! `src/segment/seed_snapshot.rs`. With a dictionary file it prints, for the whole of the
//! seeds' paragraphs (raw text, folded; cleaning needs a `Corpus`), the 40 most frequent
//! words without and with the HMM, how the new words of issue 14 come out, and the
//! candidates `segment::discover` finds (dictionary words left out).

use std::collections::HashMap;

use corpus_explorer::analyse::reference::{reference_keywords, Reference, ReferenceOptions};
use corpus_explorer::fold::fold;
use corpus_explorer::segment::discover::{discover, DiscoverOptions};
use corpus_explorer::segment::Segmenter;

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_160cb79cbc9dbeea.txt"),
    include_str!("../seeds/001_309b811cfa3d92f8.txt"),
    include_str!("../seeds/002_8288d1e6a0cd6100.txt"),
    include_str!("../seeds/003_85f297a51afbf37a.txt"),
    include_str!("../seeds/004_43bb41bc52e1228d.txt"),
];

const NEW_WORDS: [&str; 8] = [
    "电商",
    "带货",
    "主播",
    "短视频",
    "直播间",
    "选品",
    "老铁",
    "断链",
];

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let folded: Vec<String> = SEEDS.iter().map(|s| fold(s).text).collect();
    if arg == "--text" {
        for s in SEEDS.iter().map(|s| s.to_string()).chain(folded) {
            println!("{s}");
        }
        return;
    }
    let bytes = std::fs::read(&arg).unwrap_or_else(|e| panic!("cannot read {arg:?}: {e}"));
    let mut segmenter = Segmenter::from_dictionary(&bytes).expect("a dictionary file");
    let reference = match std::env::args().nth(2).as_deref() {
        Some("--reference") => std::env::args().nth(3),
        _ => None,
    };
    if let (Some(path), None) = (std::env::args().nth(2), &reference) {
        let text = fold(&std::fs::read_to_string(&path).expect("a text file")).text;
        let start = std::time::Instant::now();
        let found = discover(
            text.lines(),
            |w| segmenter.contains(w),
            &DiscoverOptions::default(),
        );
        println!("{} candidates in {:?}", found.len(), start.elapsed());
        let words: Vec<String> = found
            .iter()
            .take(100)
            .map(|c| format!("{} {}", c.word, c.count))
            .collect();
        println!("{}", words.join(", "));
        return;
    }
    for hmm in [false, true] {
        segmenter.set_hmm(hmm);
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for text in &folded {
            for r in segmenter.segment(text) {
                let w = &text[r];
                if w.chars().any(char::is_alphanumeric) {
                    *counts.entry(w).or_default() += 1;
                }
            }
        }
        let mut rows: Vec<(&str, u64)> = counts.iter().map(|(w, n)| (*w, *n)).collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        println!("## top words, HMM {}", if hmm { "on" } else { "off" });
        let top: Vec<String> = rows
            .iter()
            .take(40)
            .map(|(w, n)| format!("{w} {n}"))
            .collect();
        println!("{}", top.join(", "));
        let new: Vec<String> = NEW_WORDS
            .iter()
            .map(|w| {
                let first = w.chars().next().map(String::from).unwrap_or_default();
                format!(
                    "{w} {} (in text {}; {first} alone {})",
                    counts.get(w).unwrap_or(&0),
                    folded.iter().map(|t| t.matches(w).count()).sum::<usize>(),
                    counts.get(first.as_str()).unwrap_or(&0)
                )
            })
            .collect();
        println!("new words: {}\n", new.join(", "));
    }
    let options = DiscoverOptions::default();
    let found = discover(
        folded.iter().map(String::as_str),
        |w| segmenter.contains(w),
        &options,
    );
    println!("## discovered (default options), word count cohesion left right score");
    for c in &found {
        println!(
            "{} {} {:.2} {:.2} {:.2} {:.1}",
            c.word, c.count, c.cohesion, c.left_entropy, c.right_entropy, c.score
        );
    }
    if let Some(path) = reference {
        let bytes = std::fs::read(&path).expect("a reference list");
        let reference = Reference::parse(&bytes).expect("a reference list");
        for c in &found {
            segmenter.add_word(&c.word).expect("a word");
        }
        let mut counts: HashMap<&str, u64> = HashMap::new();
        let mut total = 0;
        for text in &folded {
            for r in segmenter.segment(text) {
                let w = &text[r];
                // Words only, as the reference counts them.
                if w.chars().any(char::is_alphanumeric) {
                    *counts.entry(w).or_default() += 1;
                    total += 1;
                }
            }
        }
        let rows = reference_keywords(
            counts.iter().map(|(w, n)| (*w, *n)),
            total,
            &reference,
            &ReferenceOptions::default(),
        );
        println!("\n## keywords against the reference ({total} words; discovered words accepted)");
        for r in rows.iter().take(30) {
            println!(
                "{} {} {} {:.2} {:.1}",
                r.item, r.freq, r.freq_reference, r.log_ratio, r.g2
            );
        }
    }
}
