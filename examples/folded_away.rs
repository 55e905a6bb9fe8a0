//! Prints, as one line, every character of jieba's HMM range (U+4E00..=U+9FD5) that folding
//! changes (Traditional forms and the like). `scripts/dict.py` leaves their rows out of the
//! dictionary file's `%hmm` section: the segmenter only ever sees folded text, so it could never
//! look them up.
//!
//! Run: `cargo run --quiet --example folded_away`

use corpus_explorer::fold::fold_char;

fn main() {
    let line: String = ('\u{4E00}'..='\u{9FD5}')
        .filter(|&c| fold_char(c) != c)
        .collect();
    println!("{line}");
}
