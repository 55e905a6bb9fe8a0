//! What the segmentation examples share (not an example itself: cargo builds only
//! `examples/*.rs` and `examples/*/main.rs`).

/// jieba-rs given the word lines of one of our dictionary files (`dict/words.txt` as
/// scripts/dict.py writes it): every `word frequency` line up to the `%hmm` section, comments
/// and blank lines left out, so that both segmenters cut with the same words.
pub fn jieba_with_words_of(dictionary: &[u8]) -> jieba_rs::Jieba {
    let words: String = String::from_utf8_lossy(dictionary)
        .lines()
        .take_while(|l| !l.starts_with("%hmm"))
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    jieba_rs::Jieba::with_dict(&mut words.as_bytes()).expect("jieba-rs reads our word lines")
}
