//! Checks that our HMM step cuts exactly as jieba-rs's `cut(_, true)` does, given the same
//! word list and jieba's unrounded HMM tables:
//!
//! ```text
//! scripts/dict.py --hmm-exact --out /tmp/exact.txt
//! cargo run --release --example hmm_agreement -- /tmp/exact.txt TEXT_FILE
//! ```
//!
//! TEXT_FILE is any text, one sentence per line (spaces are removed, so a gold-segmented file
//! such as ../shared/wordseg-dev/dev.txt works). Each line is cut into pieces at every
//! character outside the HMM's range (U+4E00..=U+9FD5) or changed by folding, and each piece is
//! given to both segmenters on its own: elsewhere our units (digit and letter runs,
//! punctuation) and our folding differ from jieba on purpose. Prints how many pieces come out
//! identical, and the first few that do not.

use corpus_explorer::fold::fold_char;
use corpus_explorer::segment::Segmenter;

#[path = "support/mod.rs"]
mod support;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&args[0]).expect("a dictionary file");
    let ours = Segmenter::from_dictionary(&bytes).expect("a dictionary file");
    assert!(ours.has_hmm(), "the dictionary file has no %hmm section");
    let jieba = support::jieba_with_words_of(&bytes);
    let text = std::fs::read_to_string(&args[1]).expect("a text file");
    let (mut compared, mut same, mut shown) = (0, 0, 0);
    let han = |c: char| ('\u{4E00}'..='\u{9FD5}').contains(&c) && fold_char(c) == c;
    for piece in text
        .split(|c: char| !han(c))
        .filter(|p| p.chars().count() > 1)
    {
        compared += 1;
        let a: Vec<_> = ours.segment(piece);
        let b: Vec<_> = jieba
            .cut(piece, true)
            .into_iter()
            .map(|t| t.byte_start..t.byte_end)
            .collect();
        if a == b {
            same += 1;
        } else if shown < 5 {
            shown += 1;
            let cut = |rs: &[std::ops::Range<usize>]| {
                rs.iter()
                    .map(|r| &piece[r.clone()])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            println!("ours:  {}\njieba: {}\n", cut(&a), cut(&b));
        }
    }
    println!("{same} of {compared} pieces identical");
}
