//! The word list a [`Segmenter`](super::Segmenter) walks: read from the dictionary file, folded,
//! and kept as a character trie.
//!
//! The file is plain UTF-8 text, one `word frequency` line per word (a third column, such as
//! jieba's part-of-speech tag, is ignored, so jieba's own `dict.txt` reads too), lines starting
//! with `#` are comments. `scripts/dict.py` writes it.
//!
//! Every word is folded with [`fold_char`] as it is read, the very function that folds the
//! corpus, so a dictionary entry in Traditional script or upper case (jieba has `4S店`, `T恤`)
//! matches the folded text it is meant for. Entries that fold to the same word add their
//! frequencies: folding says they are one word, so they are counted as one.
//!
//! The trie is one hash map from `(node, character)` to the child node, with a `Vec` of per-node
//! data beside it. For the 60,000-word list that is about 110,000 nodes: a few megabytes in the
//! tab, and a lookup per character is one hash of eight bytes.

use rustc_hash::FxHashMap;

use super::hmm::Hmm;
use crate::fold::fold_char;

/// The root of the trie: the empty word.
pub(super) const ROOT: u32 = 0;

/// What the trie knows about the word that ends at a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Entry {
    /// How often the word occurs in the dictionary's source corpus; 0 when the node is only a
    /// prefix of longer words (and not a user word).
    pub freq: u32,
    /// Added with [`Segmenter::add_word`](super::Segmenter::add_word): it wins any path.
    pub user: bool,
}

impl Entry {
    /// Whether a word ends here.
    pub fn is_word(self) -> bool {
        self.freq > 0 || self.user
    }
}

/// A folded word list as a trie, with the total frequency that turns counts into probabilities.
#[derive(Debug, Clone)]
pub(super) struct Dictionary {
    children: FxHashMap<(u32, char), u32>,
    /// Indexed by node; `entries[ROOT]` is the empty word and never a word.
    entries: Vec<Entry>,
    /// Sum of the frequencies read from the file. User words do not change it (see
    /// [`Dictionary::add_user_word`]).
    total: u64,
    /// Distinct words, user words included.
    words: usize,
}

impl Dictionary {
    /// Reads a dictionary file, and the HMM tables after its word list when the file has them
    /// (a `%hmm` line starts them; see `hmm.rs`); the error is a sentence for the person who
    /// deployed the page.
    pub fn parse(bytes: &[u8]) -> Result<(Dictionary, Option<Hmm>), String> {
        let text = check_looks_like_text(bytes)?;
        let mut hmm = None;
        let mut dictionary = Dictionary {
            children: FxHashMap::default(),
            entries: vec![Entry::default()],
            total: 0,
            words: 0,
        };
        let mut lines = text.lines().enumerate();
        while let Some((number, line)) = lines.next() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with("%hmm") {
                hmm = Some(Hmm::parse((number, line), lines.by_ref())?);
                break;
            }
            let mut fields = line.split_whitespace();
            let (word, freq) = match (fields.next(), fields.next()) {
                (Some(word), Some(freq)) => (word, freq),
                _ => return Err(bad_line(number, line, "has no frequency after the word")),
            };
            let freq: u32 = match freq.parse() {
                Ok(0) => return Err(bad_line(number, line, "gives the word a frequency of 0")),
                Ok(freq) => freq,
                Err(_) => {
                    return Err(bad_line(
                        number,
                        line,
                        "has no whole number as the frequency",
                    ))
                }
            };
            let node = dictionary.insert(word);
            let entry = &mut dictionary.entries[node as usize];
            if entry.freq == 0 {
                dictionary.words += 1;
            }
            entry.freq = entry.freq.saturating_add(freq);
            dictionary.total += u64::from(freq);
        }
        if dictionary.words == 0 {
            return Err(
                "The dictionary file has no words in it: every line is empty or a \
                        comment. Rebuild it with scripts/dict.py."
                    .to_string(),
            );
        }
        Ok((dictionary, hmm))
    }

    /// Makes `word` a user word. Its frequency stays what the dictionary gave it, or 1 for a new
    /// word, and the total is left alone: what decides that a user word comes out whole is not
    /// a frequency but the rule that paths are compared by user-word coverage first (see
    /// `route.rs`), and keeping the numbers as they were means that adding a word changes
    /// nothing in text that does not contain it. The caller has checked that `word` is not
    /// empty and has no white space.
    pub fn add_user_word(&mut self, word: &str) {
        let node = self.insert(word);
        let entry = &mut self.entries[node as usize];
        if !entry.is_word() {
            self.words += 1;
            entry.freq = 1;
        }
        entry.user = true;
    }

    /// The entry of the folded `word`, if the trie has its node (a prefix of longer words has
    /// one too, with frequency 0).
    pub fn lookup(&self, word: impl IntoIterator<Item = char>) -> Option<Entry> {
        let mut node = ROOT;
        for c in word {
            node = self.child(node, fold_char(c))?;
        }
        Some(self.entry(node))
    }

    /// The child of `node` along the folded character `c`.
    pub fn child(&self, node: u32, c: char) -> Option<u32> {
        self.children.get(&(node, c)).copied()
    }

    /// What ends at `node`.
    pub fn entry(&self, node: u32) -> Entry {
        self.entries[node as usize]
    }

    /// Natural logarithm of the total frequency: a word's log probability is
    /// `ln(freq) - log_total()`, as in jieba.
    pub fn log_total(&self) -> f64 {
        (self.total.max(1) as f64).ln()
    }

    /// Distinct words, user words included.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Walks (and where needed grows) the trie along the folded `word`; returns its node.
    fn insert(&mut self, word: &str) -> u32 {
        let mut node = ROOT;
        for c in word.chars().map(fold_char) {
            node = match self.children.get(&(node, c)) {
                Some(&child) => child,
                None => {
                    let child = self.entries.len() as u32;
                    self.entries.push(Entry::default());
                    self.children.insert((node, c), child);
                    child
                }
            };
        }
        node
    }
}

/// Refuses, with a message that says what the file is instead, bytes that are not a word list
/// at all: nothing, an HTML page (what a static host sends for a missing file), gzip that was
/// not decompressed, binary data, text that is not UTF-8.
fn check_looks_like_text(bytes: &[u8]) -> Result<&str, String> {
    const REBUILD: &str =
        "Rebuild it with scripts/dict.py (scripts/build.sh writes dict/words.txt).";
    if bytes.is_empty() {
        return Err(format!("The dictionary file is empty. {REBUILD}"));
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(
            "The dictionary file is still gzip-compressed: decompress it (for example \
                    with DecompressionStream(\"gzip\")) before passing it in."
                .to_string(),
        );
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if bytes[start] == b'<' {
        return Err(
            "The dictionary file is an HTML or XML page, not a word list: the server \
                    probably answered with an error page. Check that dict/words.txt was deployed \
                    next to the page."
                .to_string(),
        );
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "The dictionary file is binary data (a zero byte at offset {at}), not a word list \
             of `word frequency` lines. {REBUILD}"
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "The dictionary file is not UTF-8 text (invalid bytes at offset {}), so it is not a \
             word list made by scripts/dict.py. {REBUILD}",
            e.valid_up_to()
        )
    })
}

/// The message for a line that is not `word frequency`, quoting the start of the line.
fn bad_line(index: usize, line: &str, what: &str) -> String {
    let shown: String = line.chars().take(40).collect();
    let more = if shown.len() < line.len() { "…" } else { "" };
    format!(
        "Line {} of the dictionary file {what} (\"{shown}{more}\"): every line must be \
         `word frequency`, like \"电商 1234\". Is this the word list made by scripts/dict.py?",
        index + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(dictionary: &Dictionary, word: &str) -> Option<Entry> {
        let mut node = ROOT;
        for c in word.chars() {
            node = dictionary.child(node, c)?;
        }
        Some(dictionary.entry(node)).filter(|e| e.is_word())
    }

    #[test]
    fn reads_word_frequency_lines_and_skips_comments() {
        let d = Dictionary::parse("# a comment\n电商 30\n\n直播 20 n\n".as_bytes())
            .unwrap()
            .0;
        assert_eq!(d.words(), 2);
        assert_eq!(word(&d, "电商").map(|e| e.freq), Some(30));
        assert_eq!(word(&d, "直播").map(|e| e.freq), Some(20));
        assert_eq!(word(&d, "电"), None, "a prefix is not a word");
        assert!((d.log_total() - 50f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn folds_entries_and_adds_up_the_ones_that_fold_together() {
        let d = Dictionary::parse("電商 30\n电商 12\n4S店 3\n".as_bytes())
            .unwrap()
            .0;
        assert_eq!(d.words(), 2);
        assert_eq!(word(&d, "电商").map(|e| e.freq), Some(42));
        assert_eq!(word(&d, "4s店").map(|e| e.freq), Some(3));
    }

    #[test]
    fn user_words_keep_the_total() {
        let mut d = Dictionary::parse("电商 30\n".as_bytes()).unwrap().0;
        let before = d.log_total();
        d.add_user_word("快手电商");
        d.add_user_word("电商");
        assert_eq!(d.words(), 2);
        assert_eq!(d.log_total(), before);
        assert_eq!(
            word(&d, "快手电商"),
            Some(Entry {
                freq: 1,
                user: true
            })
        );
        assert_eq!(
            word(&d, "电商"),
            Some(Entry {
                freq: 30,
                user: true
            })
        );
    }

    #[test]
    fn explains_what_a_file_is_when_it_is_not_a_word_list() {
        let err = |bytes: &[u8]| Dictionary::parse(bytes).unwrap_err();
        assert!(err(b"").contains("empty"));
        assert!(err(b"\x1f\x8b\x08\x00").contains("gzip"));
        assert!(err(b"<!DOCTYPE html><title>404 Not Found</title>").contains("HTML"));
        assert!(err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").contains("binary"));
        assert!(err(b"caf\xe9 12\n").contains("not UTF-8"));
        assert!(err(b"# only a comment\n").contains("no words"));
        let e = err("电商 30\n直播\n".as_bytes());
        assert!(e.starts_with("Line 2 "), "{e}");
        assert!(e.contains("no frequency"), "{e}");
        assert!(err("电商 many\n".as_bytes()).contains("whole number"));
        assert!(err("电商 0\n".as_bytes()).contains("frequency of 0"));
    }
}
