//! Word segmentation of folded text, with byte ranges back into it.
//!
//! Chinese is written without spaces between words, so counting words, collocations or
//! keywords needs a segmenter first. This one is jieba's dictionary algorithm without its HMM
//! (see [`route`](self) below): cut the text where the most probable sequence of dictionary
//! words says to. Its dictionary is a separate file (`dist/dict/words.txt`) that the page
//! fetches only when a word-level view first opens, so search never waits for it; the bytes
//! are handed to [`Segmenter::from_dictionary`].
//!
//! The segmenter works on the corpus's *folded* text (see [`crate::fold`]): Simplified, lower
//! case, half-width. It folds every dictionary word and user word with the same
//! [`fold_char`] as it reads them, and folds each character of the text as it looks at it, so
//! the original text segments exactly like its folded form (folding is one character for one
//! character), and a `T恤` in the dictionary matches `t恤` in the text.
//!
//! ```
//! use corpus_explorer::fold::fold;
//! use corpus_explorer::segment::Segmenter;
//!
//! let dictionary = "达到 30000\n亿元 20000\n快手 900\n电商 3000\n";
//! let mut segmenter = Segmenter::from_dictionary(dictionary.as_bytes()).unwrap();
//!
//! let text = fold("快手電商ＧＭＶ達到1758億元。").text;
//! let words: Vec<&str> = segmenter.segment(&text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(words, ["快手", "电商", "gmv", "达到", "1758", "亿元", "。"]);
//!
//! // A user word always comes out whole, wherever it occurs.
//! segmenter.add_word("快手電商").unwrap();
//! let words: Vec<&str> = segmenter.segment(&text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(words[0], "快手电商");
//!
//! // A file that is not a word list says so.
//! let err = Segmenter::from_dictionary(b"<!DOCTYPE html><h1>404</h1>").unwrap_err();
//! assert!(err.contains("HTML"));
//! ```
//!
//! # What a token is
//!
//! The ranges cover every character that is not white space, in order, without overlap; white
//! space is in no token. The text is first cut into *units*:
//!
//! - a Han character (CJK ideographs, all extensions, `〇`, `々`) is a unit;
//! - a run of letters and digits that are not Han (Latin, digits, Greek, Cyrillic, kana…) is one
//!   unit; a `.` between two ASCII digits stays inside it, so `86.1` and `v1.2` hold together,
//!   but `jd.com` is `jd` `.` `com`;
//! - any other character (punctuation, symbols, emoji) is a unit of its own;
//! - combining marks, variation selectors and the zero-width joiner stay with the character
//!   before them (and the joiner with the one after), so `❤️` is one unit.
//!
//! Runs of units without white space are then cut along the best path (`route.rs`), whose words
//! begin and end only at unit boundaries. With jieba's dictionary, where the few words mixing
//! Latin and Han (`T恤`, `A股`, `4S店`) are too rare to survive the pruning, this means: a run of
//! letters and digits is always one token, each punctuation character is one token, and Han
//! text is cut by the dictionary. `GMV达到1758亿元` → `gmv` `达到` `1758` `亿元`.
//!
//! # User words
//!
//! [`Segmenter::add_word`] makes a word come out as one token wherever it occurs. No
//! frequency can promise that (a user word `BC` loses to common words `AB` + `CD` around it
//! in `ABCD`, whatever its frequency, when `A` and `D` are rare enough), so a user word is
//! not given a large frequency; paths are compared first by how many characters user words
//! cover and only then by probability. The word keeps the frequency the dictionary gave it,
//! or 1 if it is new, and the dictionary's total is unchanged — so adding a word changes
//! nothing in text that does not contain it. The exceptions: two user words that overlap
//! (the pair covering more characters wins), and a word that would begin or end inside a run
//! of letters or digits (`ok` is not cut out of `okay`).
//!
//! # Why our own segmenter and not jieba-rs
//!
//! Measured with wasm-bindgen 0.2.130 and this crate's release profile, as the increment over
//! a bare module of one exported function that loads a dictionary and segments with it:
//!
//! | segmenter | +gzip | +raw |
//! |---|---|---|
//! | jieba-rs 0.11, `default-features = false`, `cut(text, hmm)` with `hmm` known at run time | +198 KB | +553 KB |
//! | jieba-rs 0.11, same, `cut(text, false)` (LTO drops the built-in HMM model) | +15.5 KB | +32.5 KB |
//! | this module | MEASURE | MEASURE |
//!
//! So a jieba-rs that never calls its HMM would have fit the budget. This module is preferred
//! because it is smaller still and because the rules above (letter and digit runs that a
//! dictionary word cannot cut into, user words that always win, the dictionary folded by our
//! own [`fold_char`]) are a few lines here but would be patches on jieba's output there; it is
//! the same algorithm, and a property test checks it against jieba-rs's `cut(_, false)` on
//! random Han text and random dictionaries. jieba-rs stays a dev-dependency for that test and
//! as the source of the dictionary.
//!
//! # The dictionary file
//!
//! `scripts/dict.py` writes the most frequent entries of jieba's `dict.txt` (MIT) as
//! `word frequency` lines, sorted by word; `scripts/build.sh` puts them at
//! `dist/dict/words.txt`. Measured on the five seed articles (folded), *agreement* being the
//! share of the tokens cut with all 349,045 entries that come out identically:
//!
//! | entries | raw | gzip -9 | agreement |
//! |---|---|---|---|
//! | MEASURE |
//!
//! The static server used here sends the file as it is (raw); a host that compresses sends
//! about the gzip figure.
//!
//! [`fold_char`]: crate::fold::fold_char

mod dictionary;
mod route;

use std::fmt;
use std::ops::Range;

use crate::fold::fold_char;
use dictionary::Dictionary;
use route::{best_path, Step};

/// A dictionary segmenter: reads a word list once, then cuts any number of texts.
///
/// Build it with [`Segmenter::from_dictionary`] from the bytes of `dict/words.txt`; it keeps
/// no reference to them.
#[derive(Clone)]
pub struct Segmenter {
    dictionary: Dictionary,
}

impl fmt::Debug for Segmenter {
    /// The word count only: the trie itself is megabytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Segmenter").field("words", &self.words()).finish()
    }
}

impl Segmenter {
    /// Reads a dictionary file: UTF-8 `word frequency` lines (a third column is ignored, so
    /// jieba's own `dict.txt` works too), `#` comment lines.
    ///
    /// The error is a sentence a person can act on, saying what the bytes are instead when
    /// they are no word list: empty, an HTML error page, still gzip-compressed, binary, not
    /// UTF-8, or which line is not `word frequency`.
    pub fn from_dictionary(bytes: &[u8]) -> Result<Segmenter, String> {
        Ok(Segmenter {
            dictionary: Dictionary::parse(bytes)?,
        })
    }

    /// Adds a word of the user's lexicon (folded first, so `快手電商` and `快手电商` are one
    /// word). From now on it comes out as one token wherever it occurs; see the module docs
    /// for how and for the two exceptions. Adding a word twice is harmless.
    ///
    /// Refuses an empty word and a word with white space inside, since no token holds white
    /// space; white space around the word is trimmed.
    pub fn add_word(&mut self, word: &str) -> Result<(), String> {
        let word = word.trim();
        if word.is_empty() {
            return Err("A user word cannot be empty.".to_string());
        }
        if word.contains(char::is_whitespace) {
            return Err(format!(
                "The user word \"{word}\" contains white space, and a token never does: add \
                 its parts as separate words."
            ));
        }
        self.dictionary.add_user_word(word);
        Ok(())
    }

    /// Cuts `text` into words: byte ranges into `text`, in order, covering every character
    /// that is not white space exactly once (see "What a token is" in the module docs).
    ///
    /// Meant for folded text, but the text may be the original as well: every character is
    /// folded as it is looked at, and folding keeps characters one for one, so both give the
    /// same cuts.
    pub fn segment(&self, text: &str) -> Vec<Range<usize>> {
        let mut tokens = Vec::with_capacity(text.len() / 4);
        let mut scratch = Scratch::default();
        let mut run_start = None;
        for (at, c) in text.char_indices() {
            match (c.is_whitespace(), run_start) {
                (true, Some(start)) => {
                    self.cut_run(text, start..at, &mut scratch, &mut tokens);
                    run_start = None;
                }
                (false, None) => run_start = Some(at),
                _ => {}
            }
        }
        if let Some(start) = run_start {
            self.cut_run(text, start..text.len(), &mut scratch, &mut tokens);
        }
        tokens
    }

    /// How many distinct words the segmenter knows, user words included.
    pub fn words(&self) -> usize {
        self.dictionary.words()
    }

    /// Cuts one run of text without white space (`text[run]`) and appends its tokens.
    fn cut_run(&self, text: &str, run: Range<usize>, scratch: &mut Scratch, tokens: &mut Vec<Range<usize>>) {
        scratch.units(text, run);
        let Scratch { chars, starts, bytes, route } = scratch;
        best_path(&self.dictionary, chars, starts, route);
        let mut unit = 0;
        while unit + 1 < starts.len() {
            let end = route[unit].end;
            tokens.push(bytes[unit]..bytes[end]);
            unit = end;
        }
    }
}

/// Buffers for one run, reused across the runs of a text.
#[derive(Default)]
struct Scratch {
    /// The run's characters, folded.
    chars: Vec<char>,
    /// Unit `k` is `chars[starts[k]..starts[k + 1]]`; the last entry is `chars.len()`.
    starts: Vec<usize>,
    /// Unit `k` starts at byte `bytes[k]` of the text; the last entry is the run's end.
    bytes: Vec<usize>,
    route: Vec<Step>,
}

impl Scratch {
    /// Cuts `text[run]` into units, as "What a token is" in the module docs describes.
    fn units(&mut self, text: &str, run: Range<usize>) {
        self.chars.clear();
        self.starts.clear();
        self.bytes.clear();
        // The class of the current unit, and whether the last character was a joiner.
        let mut unit: Option<Class> = None;
        let mut after_joiner = false;
        let mut iter = text[run.clone()].char_indices().peekable();
        while let Some((at, c)) = iter.next() {
            let c = fold_char(c);
            let class = Class::of(c);
            let last = self.chars.last().copied();
            let joins = match unit {
                None => false,
                Some(unit) => {
                    after_joiner
                        || is_mark(c)
                        || (class == Class::LetterOrDigit && unit == Class::LetterOrDigit)
                        || (c == '.'
                            && unit == Class::LetterOrDigit
                            && last.is_some_and(|l| l.is_ascii_digit())
                            && iter.peek().is_some_and(|&(_, n)| fold_char(n).is_ascii_digit()))
                }
            };
            if !joins {
                self.starts.push(self.chars.len());
                self.bytes.push(run.start + at);
                unit = Some(class);
            }
            self.chars.push(c);
            after_joiner = c == '\u{200D}';
        }
        self.starts.push(self.chars.len());
        self.bytes.push(run.end);
    }
}

/// What kind of unit a (folded) character starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A Han character: a unit on its own.
    Han,
    /// A letter or digit of any other script: runs of them are one unit.
    LetterOrDigit,
    /// Punctuation, symbols, emoji: a unit on its own.
    Other,
}

impl Class {
    fn of(c: char) -> Class {
        if is_han(c) {
            Class::Han
        } else if c.is_alphanumeric() {
            Class::LetterOrDigit
        } else {
            Class::Other
        }
    }
}

/// CJK ideographs (the unified block and every extension, and the compatibility ideographs),
/// plus `〇` and `々`, which Unicode counts as a number and a letter but Chinese writes like
/// characters (`二〇二〇年`).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '\u{3005}' | '\u{3007}'
    )
}

/// Characters that belong to the one before them: combining diacritical marks, variation
/// selectors, emoji skin-tone modifiers, and the zero-width joiner.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0100}'..='\u{E01EF}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{200D}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut<'a>(segmenter: &Segmenter, text: &'a str) -> Vec<&'a str> {
        segmenter.segment(text).into_iter().map(|r| &text[r]).collect()
    }

    fn small() -> Segmenter {
        Segmenter::from_dictionary("达到 30000\n亿元 20000\n快手 900\n电商 3000\n增长 8000\n".as_bytes()).unwrap()
    }

    #[test]
    fn latin_and_digit_runs_are_tokens_of_their_own() {
        let s = small();
        assert_eq!(cut(&s, "gmv达到1758亿元"), ["gmv", "达到", "1758", "亿元"]);
        assert_eq!(cut(&s, "增长86.1%"), ["增长", "86.1", "%"]);
        assert_eq!(cut(&s, "jd.com与iphone12"), ["jd", ".", "com", "与", "iphone12"]);
        assert_eq!(cut(&s, "5.增长"), ["5", ".", "增长"]);
    }
}
