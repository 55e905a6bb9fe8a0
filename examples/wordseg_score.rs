//! Scores word segmenters on hand-segmented text, with the convention of
//! `../shared/wordseg-dev/README.md` (SIGHAN bakeoff scoring):
//!
//! - each line of the gold file is one sentence, words separated by single spaces; the
//!   segmenters get the line with its spaces removed, otherwise unchanged (no folding: ours
//!   folds each character as it looks at it, and keeps its ranges in the text it was given);
//! - a word is the span of character offsets it covers; a predicted word is correct when a gold
//!   word has the same span; P = correct / predicted, R = correct / gold, F1 = 2PR / (P + R);
//! - OOV = a gold word missing from jieba's full `dict.txt` (by exact string); OOV-Han = an OOV
//!   word with at least one Han character. OOV-R and OOV-Han-R are the recalls of those.
//!
//! Rows: our `Segmenter` without and with its HMM for every dictionary file given, then
//! jieba-rs 0.11 (`cut(_, false)` and `cut(_, true)`, its built-in HMM) on the word list of the
//! first file. Run through `scripts/wordseg-score.sh`, which finds the files; by hand:
//!
//! ```text
//! cargo run --release --example wordseg_score -- GOLD JIEBA_DICT_TXT WORDS_TXT [WORDS_TXT…]
//! ```
//!
//! The gold file is read where it lies and never copied (its terms: the README above).

use std::collections::HashSet;
use std::ops::Range;

use corpus_explorer::document::is_han;
use corpus_explorer::segment::Segmenter;

#[path = "support/mod.rs"]
mod support;

/// Counts for one segmenter.
#[derive(Default)]
struct Score {
    predicted: u64,
    gold: u64,
    correct: u64,
    oov: u64,
    oov_correct: u64,
    oov_han: u64,
    oov_han_correct: u64,
}

impl Score {
    fn row(&self, name: &str) -> String {
        let p = self.correct as f64 / self.predicted as f64;
        let r = self.correct as f64 / self.gold as f64;
        let f = 2.0 * p * r / (p + r);
        format!(
            "| {name} | {p:.4} | {r:.4} | {f:.4} | {:.4} | {:.4} |",
            self.oov_correct as f64 / self.oov as f64,
            self.oov_han_correct as f64 / self.oov_han as f64,
        )
    }
}

/// A gold sentence: its text without spaces, and its words as character spans.
struct Sentence {
    text: String,
    words: Vec<(Range<usize>, bool, bool)>,
}

fn score(sentences: &[Sentence], cut: impl Fn(&str) -> Vec<Range<usize>>) -> Score {
    let mut s = Score::default();
    for sentence in sentences {
        let predicted: HashSet<Range<usize>> = cut(&sentence.text).into_iter().collect();
        s.predicted += predicted.len() as u64;
        for (span, oov, han) in &sentence.words {
            let hit = predicted.contains(span) as u64;
            s.gold += 1;
            s.correct += hit;
            if *oov {
                s.oov += 1;
                s.oov_correct += hit;
                if *han {
                    s.oov_han += 1;
                    s.oov_han_correct += hit;
                }
            }
        }
    }
    s
}

/// Byte ranges of `text` as character ranges.
fn char_spans(text: &str, bytes: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut at_byte = vec![0; text.len() + 1];
    let mut n = 0;
    for (b, _) in text.char_indices() {
        at_byte[b] = n;
        n += 1;
    }
    at_byte[text.len()] = n;
    bytes
        .into_iter()
        .map(|r| at_byte[r.start]..at_byte[r.end])
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: wordseg_score GOLD JIEBA_DICT_TXT WORDS_TXT [WORDS_TXT…]");
        std::process::exit(2);
    }
    let full: HashSet<String> = read(&args[1])
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let sentences: Vec<Sentence> = read(&args[0])
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut at = 0;
            let words = line
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let n = w.chars().count();
                    let span = at..at + n;
                    at += n;
                    (span, !full.contains(w), w.chars().any(is_han))
                })
                .map(|(span, oov, han)| (span, oov, oov && han))
                .collect();
            Sentence {
                text: line.split(' ').collect(),
                words,
            }
        })
        .collect();
    let gold: usize = sentences.iter().map(|s| s.words.len()).sum();
    println!(
        "{} sentences, {gold} gold words, {} OOV-Han",
        sentences.len(),
        sentences
            .iter()
            .flat_map(|s| &s.words)
            .filter(|w| w.2)
            .count()
    );
    println!("\n| segmenter | P | R | F1 | OOV R | OOV-Han R |\n|---|---|---|---|---|---|");
    for path in &args[2..] {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let mut ours = Segmenter::from_dictionary(&bytes).expect("a dictionary file");
        let name = std::path::Path::new(path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        for hmm in [false, true] {
            if hmm && !ours.has_hmm() {
                continue;
            }
            ours.set_hmm(hmm);
            let s = score(&sentences, |t| char_spans(t, ours.segment(t)));
            let label = if hmm { "HMM" } else { "no HMM" };
            println!("{}", s.row(&format!("ours, {name}, {label}")));
        }
    }
    // jieba-rs on the first file's word list (its lines up to the %hmm section).
    let jieba = support::jieba_with_words_of(read(&args[2]).as_bytes());
    for hmm in [false, true] {
        let s = score(&sentences, |t| {
            jieba
                .cut(t, hmm)
                .into_iter()
                .map(|tok| tok.start..tok.end)
                .collect()
        });
        let label = if hmm { "HMM" } else { "no HMM" };
        println!("{}", s.row(&format!("jieba-rs 0.11, same list, {label}")));
    }
}
