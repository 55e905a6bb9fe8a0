//! Word segmentation of folded text, with byte ranges back into it.
//!
//! Chinese is written without spaces between words, so counting words, collocations or
//! keywords needs a segmenter first. This one is jieba's dictionary algorithm without its HMM
//! (`route.rs`): cut the text where the most probable sequence of dictionary
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
//! (the choice covering more characters wins), and a word that would begin or end inside a run
//! of letters or digits (`ok` is not cut out of `okay`).
//!
//! # Why our own segmenter and not jieba-rs
//!
//! Measured with wasm-bindgen 0.2.130 and this crate's release profile (`opt-level = "s"`, LTO,
//! one codegen unit), as the growth of the shipped `_bg.wasm` when one exported class loads a
//! dictionary from bytes and segments with it:
//!
//! | segmenter | +gzip -9 | +raw |
//! |---|---|---|
//! | jieba-rs 0.11, `default-features = false`, `cut(text, false)`, in a bare module | +15.5 KB | +32.5 KB |
//! | the same, `hmm` known only at run time, bare module | +198 KB | +553 KB |
//! | the same `cut(text, false)`, **in this crate's module** | **+192 KB** | +545 KB |
//! | this module, in this crate's module | **+5.3 KB** | +14.2 KB |
//!
//! jieba-rs's built-in HMM model (~520 KB raw) goes only if the optimiser proves `hmm` is
//! always `false` after inlining: it did in a bare module but not once the call sat in this
//! crate's larger module, so jieba-rs costs ~190 KB gzip, far over the ~60 KB allowed next to
//! search (< 250 KB gzip first load). Hence this module: jieba's algorithm without the HMM,
//! about 350 lines with its error messages, 36× smaller than jieba-rs here and not at the mercy of an inlining
//! decision. It also makes the rules above (letter and digit runs that no word cuts into,
//! user words that always win, the dictionary folded by our own [`fold_char`]) a few lines
//! rather than patches on jieba's output. A property test checks it against jieba-rs's
//! `cut(_, false)` on random Han text and dictionaries; jieba-rs stays a dev-dependency for
//! that test and as the source of the dictionary.
//!
//! The HMM (`hmm.rs`, its decoder and the parser of its tables; the tables themselves ship in
//! the dictionary file) grew the full core's wasm by 12.6 KB raw, 4.3 KB gzip -9 (cargo's
//! release `corpus_explorer.wasm` before wasm-bindgen, at f49e671 and f3f1007).
//!
//! On the five seed articles, folded, with all 349,045 entries, it reproduces 99.3% of
//! jieba-rs's tokens; the rest are decimals (jieba cuts `86.1` into `86` `.` `1`) and one
//! word whose Traditional twin adds to its frequency here (`拋` folds into `抛`).
//!
//! # New words
//!
//! Without more, a word missing from the dictionary comes out as single characters: jieba's
//! list dates from about 2012 and lacks 快手, 带货, 主播, 抖音. Two remedies: jieba's HMM
//! (`hmm.rs`), whose tables ship at the end of the dictionary file and which is on whenever
//! they are there ([`Segmenter::set_hmm`]), labels each run of single characters the best path
//! leaves, as jieba's `cut(_, HMM=True)` does; and user words, which always win (the HMM never
//! glues a user word to its neighbours). [`discover`] finds candidate words in a corpus itself,
//! to be offered as user words. In wasm (Node 20) the 60,000-word list loads in about 20 ms and text is cut at
//! about 28 MB/s.
//!
//! # The dictionary file
//!
//! `scripts/dict.py` writes the most frequent entries of jieba's `dict.txt` (MIT; read from
//! the jieba-rs crate source) as `word frequency` lines sorted by word, with a comment header
//! naming the source and licence; `scripts/build.sh` puts them at `dist/dict/words.txt`.
//! Measured on the five seed articles (folded), *agreement* being the share of the tokens cut
//! with all 349,045 entries that come out identically:
//!
//! | entries | raw | gzip -9 | agreement | smallest frequency kept |
//! |---|---|---|---|---|
//! | 20,000 | 228 KB | 114 KB | 0.902 | 260 |
//! | 50,000 | 578 KB | 278 KB | 0.949 | 54 |
//! | **60,000** | **695 KB** | **331 KB** | **0.954** | 37 |
//! | 80,000 | 935 KB | 436 KB | 0.965 | 19 |
//! | 100,000 | 1,183 KB | 540 KB | 0.968 | 11 |
//! | 349,045 (all) | 4,245 KB | 1,701 KB | 1 | 2 |
//!
//! Since the `%hmm` section (69 KB gzip, 188 KB raw, at the end of the same file) the
//! 60,000-entry file is 884 KB raw and 401 KB gzip. Scored on the 20,131 hand-segmented Weibo
//! sentences of `../shared/wordseg-dev` by `scripts/wordseg-score.sh` (the README's
//! convention: span-exact P/R/F1; OOV-Han R = recall of gold words with a Han character that
//! are missing from jieba's full `dict.txt`):
//!
//! | segmenter | P | R | F1 | OOV R | OOV-Han R |
//! |---|---|---|---|---|---|
//! | ours, 60,000, no HMM | 0.7892 | 0.8380 | 0.8129 | 0.7847 | 0.0018 |
//! | **ours, 60,000, HMM** (emissions in tenths of a nat) | 0.8453 | 0.8353 | **0.8403** | 0.8537 | **0.3466** |
//! | ours, 60,000, HMM, emissions in hundredths | 0.8450 | 0.8345 | 0.8397 | 0.8538 | 0.3471 |
//! | ours, 100,000, no HMM | 0.8139 | 0.8464 | 0.8298 | 0.7847 | 0.0018 |
//! | ours, 100,000, HMM | 0.8527 | 0.8371 | 0.8448 | 0.8520 | 0.3379 |
//! | ours, 349,045 (all), no HMM | 0.8263 | 0.8264 | 0.8263 | 0.7848 | 0.0024 |
//! | ours, 349,045 (all), HMM | 0.8494 | 0.8149 | 0.8318 | 0.8496 | 0.3261 |
//! | jieba-rs 0.11, 60,000, no HMM | 0.7862 | 0.8375 | 0.8111 | 0.7823 | 0.0009 |
//! | jieba-rs 0.11, 60,000, HMM (full-precision model) | 0.8496 | 0.8363 | 0.8429 | 0.8612 | 0.3469 |
//!
//! With the HMM a larger list buys little F1 (+0.5 points for 100,000 entries and 220 KB gzip
//! more) and costs new-word recall: the more words the list has, the fewer runs of single
//! characters are left for the HMM, and the rare entries of jieba's list are often wrong cuts
//! of Weibo's new words. 60,000 stays the default. The 0.3-point gap to jieba-rs shows
//! mainly in OOV R, which counts numbers and Latin strings too; not investigated further
//! (jieba's HMM step joins some of them, such as `50%`, that our units keep apart).
//!
//! Without the HMM section, 60,000 kept the raw file under 700 KB, which is what the static
//! server used here sends (it does not compress); a host that compresses sends about the gzip
//! figure. Past 80,000
//! each 100 KB buys a tenth of a point. `scripts/dict.py --entries N` makes another size.
//!
//! [`fold_char`]: crate::fold::fold_char

mod dictionary;
pub mod discover;
mod hmm;
mod route;
#[cfg(test)]
mod seed_snapshot;

use std::fmt;
use std::ops::Range;

use crate::document::is_han;
use crate::fold::fold_char;
use dictionary::Dictionary;
use hmm::{Hmm, Viterbi};
use route::{best_path, Step};

/// A dictionary segmenter: reads a word list once, then cuts any number of texts.
///
/// Build it with [`Segmenter::from_dictionary`] from the bytes of `dict/words.txt`; it keeps
/// no reference to them.
#[derive(Clone)]
pub struct Segmenter {
    dictionary: Dictionary,
    /// jieba's new-word model, when the dictionary file carries it (`hmm.rs`).
    hmm: Option<Hmm>,
    /// Whether [`Segmenter::segment`] uses `hmm` (on by default when there is one).
    use_hmm: bool,
}

impl fmt::Debug for Segmenter {
    /// The word count only: the trie itself is megabytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut f = f.debug_struct("Segmenter");
        f.field("words", &self.words());
        if self.hmm.is_some() {
            f.field("hmm", &self.use_hmm);
        }
        f.finish()
    }
}

impl Segmenter {
    /// Reads a dictionary file: UTF-8 `word frequency` lines (a third column is ignored, so
    /// jieba's own `dict.txt` works too), `#` comment lines.
    ///
    /// The error is a sentence a person can act on, saying what the bytes are instead when
    /// they are no word list: empty, an HTML error page, still gzip-compressed, binary, not
    /// UTF-8, or which line is not `word frequency`.
    ///
    /// When the file ends with the `%hmm` section `scripts/dict.py` writes (jieba's new-word
    /// model), the segmenter recognises words the list lacks, as jieba's `cut(_, HMM=True)`
    /// does; [`Segmenter::set_hmm`] turns that off.
    pub fn from_dictionary(bytes: &[u8]) -> Result<Segmenter, String> {
        let (dictionary, hmm) = Dictionary::parse(bytes)?;
        Ok(Segmenter {
            dictionary,
            use_hmm: hmm.is_some(),
            hmm,
        })
    }

    /// Whether the dictionary file carried the new-word model (its `%hmm` section).
    pub fn has_hmm(&self) -> bool {
        self.hmm.is_some()
    }

    /// Turns new-word recognition on or off (jieba's `HMM=True` / `HMM=False`); on by default
    /// when the file carries the model, and without the model nothing to turn on. Returns
    /// whether it is now on.
    pub fn set_hmm(&mut self, on: bool) -> bool {
        self.use_hmm = on && self.hmm.is_some();
        self.use_hmm
    }

    /// Whether `word` (folded first) is a word of the dictionary or of the user's lexicon, as
    /// opposed to a prefix of one or unknown. What corpus-driven discovery
    /// ([`discover`](discover::discover)) leaves out.
    pub fn contains(&self, word: &str) -> bool {
        self.dictionary
            .lookup(word.chars())
            .is_some_and(|e| e.is_word())
    }

    /// The dictionary frequency of `word` (folded first): 0 for a word the list lacks, 1 for a
    /// user word that was not in it.
    pub fn frequency(&self, word: &str) -> u32 {
        self.dictionary.lookup(word.chars()).map_or(0, |e| e.freq)
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
    fn cut_run(
        &self,
        text: &str,
        run: Range<usize>,
        scratch: &mut Scratch,
        tokens: &mut Vec<Range<usize>>,
    ) {
        scratch.units(text, run);
        let Scratch {
            chars,
            starts,
            bytes,
            route,
            viterbi,
        } = scratch;
        best_path(&self.dictionary, chars, starts, route);
        let units = starts.len() - 1;
        let hmm = self.hmm.as_ref().filter(|_| self.use_hmm);
        let Some(hmm) = hmm else {
            let mut unit = 0;
            while unit < units {
                let end = route[unit].end;
                tokens.push(bytes[unit]..bytes[end]);
                unit = end;
            }
            return;
        };
        // jieba's `__cut_DAG`: single units the best path leaves in a row are gathered in a
        // buffer; a multi-unit word ends it. A single unit that is a user word ends it too,
        // so that the HMM never glues a user word to its neighbours.
        let run = Run {
            chars,
            starts,
            bytes,
        };
        let mut buffer: Option<usize> = None;
        let mut unit = 0;
        while unit < units {
            let end = route[unit].end;
            let single = end == unit + 1 && !self.is_user_word(&run, unit, end);
            if single {
                buffer.get_or_insert(unit);
            } else {
                if let Some(from) = buffer.take() {
                    self.cut_singles(hmm, &run, from, unit, viterbi, tokens);
                }
                tokens.push(bytes[unit]..bytes[end]);
            }
            unit = end;
        }
        if let Some(from) = buffer {
            self.cut_singles(hmm, &run, from, units, viterbi, tokens);
        }
    }

    fn is_user_word(&self, run: &Run, from: usize, to: usize) -> bool {
        let chars = &run.chars[run.starts[from]..run.starts[to]];
        self.dictionary
            .lookup(chars.iter().copied())
            .is_some_and(|e| e.user)
    }

    /// Units `from..to` came out of the best path one by one; cut them as jieba's `__cut_DAG`
    /// cuts its buffer: one unit as it is; a buffer that is itself a dictionary word unit by
    /// unit (the path preferred the single characters); otherwise each run of characters the
    /// HMM covers through the HMM (`finalseg.cut`), and every other unit on its own.
    fn cut_singles(
        &self,
        hmm: &Hmm,
        run: &Run,
        from: usize,
        to: usize,
        viterbi: &mut Viterbi,
        tokens: &mut Vec<Range<usize>>,
    ) {
        let whole = &run.chars[run.starts[from]..run.starts[to]];
        let is_word = || {
            self.dictionary
                .lookup(whole.iter().copied())
                .is_some_and(|e| e.freq > 0)
        };
        if to - from == 1 || is_word() {
            tokens.extend((from..to).map(|u| run.bytes[u]..run.bytes[u + 1]));
            return;
        }
        // A unit the HMM labels is one covered character (a mark after it is kept with it).
        let labelled = |u: usize| hmm::covers(run.chars[run.starts[u]]);
        let mut u = from;
        let mut first = Vec::new();
        while u < to {
            if !labelled(u) {
                tokens.push(run.bytes[u]..run.bytes[u + 1]);
                u += 1;
                continue;
            }
            let mut v = u + 1;
            while v < to && labelled(v) {
                v += 1;
            }
            if v - u == 1 {
                tokens.push(run.bytes[u]..run.bytes[v]);
            } else {
                first.clear();
                first.extend((u..v).map(|k| run.chars[run.starts[k]]));
                hmm.cut(&first, viterbi, |a, b| {
                    tokens.push(run.bytes[u + a]..run.bytes[u + b])
                });
            }
            u = v;
        }
    }
}

/// One run's units, as [`Scratch::units`] cut them.
struct Run<'a> {
    chars: &'a [char],
    starts: &'a [usize],
    bytes: &'a [usize],
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
    viterbi: Viterbi,
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
                            && iter
                                .peek()
                                .is_some_and(|&(_, n)| fold_char(n).is_ascii_digit()))
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
    use crate::fold::fold;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// Five sentences from the seed articles as written, then the same five folded; the file
    /// `scripts/dict.py --fixture` read to make `seed-words.txt`.
    const SENTENCES: &str = include_str!("testdata/snapshot-sentences.txt");

    /// The words of the 60,000-entry list that occur in [`SENTENCES`], with the total of the
    /// whole list: on these sentences it cuts exactly as `dist/dict/words.txt` does.
    fn seed_segmenter() -> &'static Segmenter {
        static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
        SEGMENTER.get_or_init(|| {
            Segmenter::from_dictionary(include_bytes!("testdata/seed-words.txt")).unwrap()
        })
    }

    fn small() -> Segmenter {
        Segmenter::from_dictionary(
            "达到 30000\n亿元 20000\n快手 900\n电商 3000\n增长 8000\n".as_bytes(),
        )
        .unwrap()
    }

    fn cut<'a>(segmenter: &Segmenter, text: &'a str) -> Vec<&'a str> {
        segmenter
            .segment(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    /// Reviewed by hand against jieba-rs 0.11 `cut(_, false)` with the same 60,000 words: the
    /// same cuts, except that jieba splits decimals (`12` `.` `5`) where we keep `12.5`.
    /// Without the HMM, words missing from jieba's 2012-era list (快手, 带货, 主播) come out
    /// as single characters; that is what user words are for.
    #[test]
    fn segments_seed_sentences_as_jieba_does_apart_from_decimals() {
        let expected = [
            // 000 (Traditional; folded first)
            "5 / 月 / 27 / 日 / , / 京东 / 零售 / 与 / 快 / 手 / 宣布 / 达成 / 战略 / 合作 / , / 这 / 一 / 重磅 / 合作 / 的 / 背后 / , / 不仅仅 / 可 / 解决 / 快 / 手 / 主 / 播 / 的 / 选 / 品 / 问题 / , / 同样 / 也 / 是 / 业内 / 少见 / 的 / 对于 / 整体 / 产业链 / 的 / 深度 / 整合 / 。",
            // 001
            "6 / 月 / 14 / 日 / , / 快 / 手 / 一 / 哥 / 辛 / 巴 / 复出 / 直播 / 带 / 货 / , / 最终 / 创造 / 12.5 / 亿 / 的 / 成绩 / , / 完成 / 了 / 直播 / 带 / 货 / 单 / 场 / 销售额 / 最高 / 的 / 历史 / 记录 / 。",
            // 003 (machine-translated)
            "2012 / 年 / 以来 / , / 天 / 猫 / 连续 / 八年 / 占据 / 中国 / 电 / 商 / 市场 / 50 / % / 以上 / 的 / 市场 / 份额 / , / 并 / 稳步 / 占据 / 国内 / 电 / 商 / 市场 / 的 / 半壁江山 / ; / jd / 。 / com / 的 / 市场 / 份额 / 大部分 / 时间 / 在 / 20 / % / - / 30 / % / 之间",
            // 004
            "从 / 快 / 手 / 2021 / 年 / 第三 / 季度 / 财 / 报 / 来看 / , / 快 / 手 / 电子商务 / 交易 / 总额 / ( / gmv / ) / 达到 / 1758 / 亿元 / , / 同比 / 增长 / 86.1 / % / , / 其中 / 90 / % / 来自 / 快 / 手 / 小店 / 。",
            // 001 again: quotes, book-title marks, Latin
            "全 / 网 / 刷 / 屏 / 的 / \" / 奥 / 利 / 给 / \" / 大叔 / 版 / 《 / 看见 / 》 / , / 宣布 / 与 / 京东 / 达成 / 合作 / , / 周杰伦 / 入驻 / 快 / 手 / , / 网易 / ceo / 丁 / 磊 / 快 / 手 / 直播 / 首 / 秀",
        ];
        let lines: Vec<&str> = SENTENCES.lines().collect();
        assert_eq!(lines.len(), 2 * expected.len());
        for (i, expected) in expected.iter().enumerate() {
            let folded = fold(lines[i]).text;
            assert_eq!(folded, lines[i + 5], "the fixture's folded line is stale");
            assert_eq!(
                cut(seed_segmenter(), &folded).join(" / "),
                *expected,
                "sentence {}",
                i + 1
            );
        }
    }

    /// A word list without 带货, and an HMM section that makes 带货 a word and leaves 的 single.
    const WITH_HMM: &str = "的 1000\n了 800\n%hmm 100\n\
        %start -0.26 x x -1.47\n%trans x -0.51 -0.92 x\n%trans -0.59 x x -0.81\n\
        %trans x -0.33 -1.26 x\n%trans -0.72 x x -0.67\n\
        带 500 x x 900\n货 x 500 x 900\n的 x x x 300\n了 x x x 300\n";

    #[test]
    fn hmm_joins_single_characters_the_list_lacks_and_can_be_turned_off() {
        let mut s = Segmenter::from_dictionary(WITH_HMM.as_bytes()).unwrap();
        assert!(s.has_hmm());
        assert_eq!(format!("{s:?}"), "Segmenter { words: 2, hmm: true }");
        assert_eq!(
            cut(&s, "带貨的gmv带货了"),
            ["带貨", "的", "gmv", "带货", "了"]
        );
        assert!(!s.set_hmm(false));
        assert_eq!(cut(&s, "带货的"), ["带", "货", "的"]);
        assert!(!small().set_hmm(true), "no model, nothing to turn on");
    }

    #[test]
    fn hmm_never_glues_a_user_word_to_its_neighbours() {
        let mut s = Segmenter::from_dictionary(WITH_HMM.as_bytes()).unwrap();
        s.add_word("货").unwrap();
        assert_eq!(cut(&s, "带货的"), ["带", "货", "的"]);
    }

    #[test]
    fn knows_its_words_and_their_frequencies() {
        let mut s = small();
        assert!(s.contains("電商") && s.contains("电商"));
        assert!(!s.contains("电") && !s.contains("带货"));
        assert_eq!(s.frequency("电商"), 3000);
        assert_eq!(s.frequency("带货"), 0);
        s.add_word("带货").unwrap();
        assert!(s.contains("带货"));
        assert_eq!(s.frequency("带货"), 1);
    }

    #[test]
    fn latin_and_digit_runs_are_tokens_of_their_own() {
        let s = small();
        assert_eq!(cut(&s, "gmv达到1758亿元"), ["gmv", "达到", "1758", "亿元"]);
        assert_eq!(cut(&s, "增长86.1%"), ["增长", "86.1", "%"]);
        assert_eq!(
            cut(&s, "jd.com与iphone12"),
            ["jd", ".", "com", "与", "iphone12"]
        );
        assert_eq!(cut(&s, "5.增长"), ["5", ".", "增长"]);
        assert_eq!(cut(&s, "v1.2.3版"), ["v1.2.3", "版"]);
    }

    #[test]
    fn punctuation_is_one_token_per_character_and_marks_stay_attached() {
        let s = small();
        assert_eq!(
            cut(&s, "快手!!“电商”"),
            ["快手", "!", "!", "“", "电商", "”"]
        );
        assert_eq!(
            cut(&s, "❤\u{FE0F}👍🏽cafe\u{301}"),
            ["❤\u{FE0F}", "👍🏽", "cafe\u{301}"]
        );
        assert_eq!(cut(&s, "👩\u{200D}💻电商"), ["👩\u{200D}💻", "电商"]);
    }

    #[test]
    fn white_space_is_in_no_token() {
        let s = small();
        assert_eq!(
            cut(&s, " 快手\u{3000}电商\n\t直播 "),
            ["快手", "电商", "直", "播"]
        );
    }

    #[test]
    fn empty_and_white_space_only_text_gives_no_tokens() {
        let s = small();
        assert!(s.segment("").is_empty());
        assert!(s.segment(" \n\t\u{3000}\r\n").is_empty());
    }

    #[test]
    fn user_word_comes_out_whole() {
        let mut s = seed_segmenter().clone();
        let text = fold(SENTENCES.lines().nth(1).unwrap()).text;
        assert!(cut(&s, &text).starts_with(&["6", "月", "14", "日", ",", "快", "手"]));
        s.add_word("快手").unwrap();
        s.add_word("直播带货").unwrap();
        let words = cut(&s, &text);
        assert!(
            words.starts_with(&["6", "月", "14", "日", ",", "快手", "一"]),
            "{words:?}"
        );
        assert_eq!(
            words.iter().filter(|w| **w == "直播带货").count(),
            2,
            "{words:?}"
        );
    }

    /// The case no frequency could win: in 南京市长江大桥 the common words 市长 and 江大桥
    /// around 长江 beat any frequency it could be given, so user words win by coverage.
    #[test]
    fn user_word_wins_against_common_words_crossing_it() {
        let mut s =
            Segmenter::from_dictionary("南京 5000\n市长 5000\n江大桥 5000\n".as_bytes()).unwrap();
        assert_eq!(cut(&s, "南京市长江大桥"), ["南京", "市长", "江大桥"]);
        s.add_word("长江").unwrap();
        assert_eq!(
            cut(&s, "南京市长江大桥"),
            ["南京", "市", "长江", "大", "桥"]
        );
        s.add_word("长江大桥").unwrap();
        assert_eq!(cut(&s, "南京市长江大桥"), ["南京", "市", "长江大桥"]);
    }

    #[test]
    fn user_word_is_folded_like_the_text() {
        let mut s = small();
        s.add_word(" GMV達到 ").unwrap();
        assert_eq!(cut(&s, "gmv达到1758亿元"), ["gmv达到", "1758", "亿元"]);
        s.add_word("c++").unwrap();
        assert_eq!(cut(&s, "c++电商"), ["c++", "电商"]);
    }

    #[test]
    fn user_word_never_cuts_into_a_letter_or_digit_run() {
        let mut s = small();
        s.add_word("ok").unwrap();
        s.add_word("8亿").unwrap();
        assert_eq!(cut(&s, "okay ok"), ["okay", "ok"]);
        assert_eq!(cut(&s, "1758亿元"), ["1758", "亿元"]);
    }

    #[test]
    fn refuses_empty_user_words_and_user_words_with_white_space() {
        let mut s = small();
        assert!(s.add_word("  ").unwrap_err().contains("empty"));
        assert!(s.add_word("快手 电商").unwrap_err().contains("white space"));
        assert_eq!(s.words(), 5);
    }

    #[test]
    fn counts_dictionary_and_user_words() {
        let mut s = small();
        assert_eq!(s.words(), 5);
        s.add_word("快手").unwrap();
        s.add_word("快手电商").unwrap();
        s.add_word("快手電商").unwrap();
        assert_eq!(s.words(), 6);
        assert_eq!(format!("{s:?}"), "Segmenter { words: 6 }");
    }

    #[test]
    fn garbage_dictionary_bytes_are_refused() {
        for garbage in [
            &b""[..],
            b"\x00\x01\x02\x03",
            b"<html><body>Not Found</body></html>",
            b"\x1f\x8b\x08\x00\x00",
            b"\xc3\x28 7",
        ] {
            let err = Segmenter::from_dictionary(garbage).unwrap_err();
            assert!(err.starts_with("The dictionary file"), "{err}");
        }
        assert!(Segmenter::from_dictionary(b"PK\x03\x04 zip")
            .unwrap_err()
            .contains("Line 1"));
    }

    #[test]
    fn segmentation_is_deterministic() {
        let text = fold(SENTENCES).text;
        let bytes = include_bytes!("testdata/seed-words.txt");
        let a = Segmenter::from_dictionary(bytes).unwrap();
        let b = Segmenter::from_dictionary(bytes).unwrap();
        let first = a.segment(&text);
        assert_eq!(a.segment("快手电商"), b.segment("快手电商"));
        assert_eq!(a.segment(&text), first);
        assert_eq!(b.segment(&text), first);
        assert_eq!(a.clone().segment(&text), first);
    }

    /// Characters the generated texts are made of: Han (Simplified and Traditional), Latin,
    /// digits, `.`, full-width forms, punctuation, white space, emoji and marks.
    fn text_strategy() -> impl Strategy<Value = String> {
        let pick = prop::sample::select(vec![
            '快', '手', '电', '商', '電', '達', '到', '亿', '元', '〇', 'a', 'B', 'Ｇ', '1', '９',
            '.', ',', '%', '“', ' ', '\u{3000}', '\n', '❤', '\u{FE0F}', '\u{200D}', '\u{301}', 'é',
            '😀',
        ]);
        prop_oneof![
            prop::collection::vec(pick, 0..40).prop_map(|cs| cs.into_iter().collect()),
            any::<String>(),
        ]
    }

    /// `segment`'s ranges, as character positions.
    fn char_ranges(segmenter: &Segmenter, text: &str) -> Vec<Range<usize>> {
        let index = |byte: usize| text[..byte].chars().count();
        segmenter
            .segment(text)
            .into_iter()
            .map(|r| index(r.start)..index(r.end))
            .collect()
    }

    proptest! {
        #[test]
        fn ranges_are_on_char_boundaries_and_cover_every_non_white_space_character_in_order(
            text in text_strategy()
        ) {
            let ranges = seed_segmenter().segment(&text);
            let mut at = 0;
            for r in &ranges {
                prop_assert!(r.start < r.end, "empty token {:?}", r);
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert!(at <= r.start, "tokens overlap or go back");
                prop_assert!(text[at..r.start].chars().all(char::is_whitespace), "a character was skipped");
                prop_assert!(!text[r.clone()].contains(char::is_whitespace), "white space in a token");
                at = r.end;
            }
            prop_assert!(text[at..].chars().all(char::is_whitespace));
        }

        #[test]
        fn segments_original_text_like_its_folded_form(text in text_strategy()) {
            let folded = fold(&text).text;
            prop_assert_eq!(char_ranges(seed_segmenter(), &text), char_ranges(seed_segmenter(), &folded));
        }

        #[test]
        fn adding_a_word_changes_nothing_where_it_does_not_occur(
            text in text_strategy(),
            word in "[快手电商达到]{1,3}",
        ) {
            prop_assume!(!fold(&text).text.contains(word.as_str()));
            let mut with_word = small();
            with_word.add_word(&word).unwrap();
            prop_assert_eq!(with_word.segment(&text), small().segment(&text));
        }

        #[test]
        fn arbitrary_dictionary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            if let Ok(s) = Segmenter::from_dictionary(&bytes) {
                prop_assert!(s.words() > 0);
            }
        }

        /// The HMM against jieba-rs's `cut(_, true)` with the same random dictionary and the
        /// same random emission tables (jieba's start and transition tables), on random Han
        /// text. 龘 has no emissions at all and some rows miss states, so jieba's tie rules are
        /// exercised too. Floats are written with Rust's round-trip formatting, so both read
        /// the very same numbers.
        #[test]
        fn hmm_agrees_with_jieba_on_han_text(
            singles in prop::collection::vec(1u32..5000, 6),
            entries in prop::collection::btree_map("[快手电商直播]{2,4}", 1u32..5000, 0..10),
            emissions in prop::collection::vec(
                prop::collection::vec(prop::option::weighted(0.8, -16.0f64..-2.0), 4), 6),
            text in "[快手电商直播龘]{0,30}",
        ) {
            let chars: Vec<char> = "快手电商直播".chars().collect();
            let singles = chars.iter().zip(singles).map(|(c, f)| (c.to_string(), f));
            let words: String = singles.chain(entries).map(|(w, f)| format!("{w} {f}\n")).collect();
            let start = "-0.26268660809250016 -3.14e+100 -3.14e+100 -1.4652633398537678";
            let trans = [
                "-3.14e+100 -0.510825623765990 -0.916290731874155 -3.14e+100",
                "-0.5897149736854513 -3.14e+100 -3.14e+100 -0.8085250474669937",
                "-3.14e+100 -0.33344856811948514 -1.2603623820268226 -3.14e+100",
                "-0.7211965654669841 -3.14e+100 -3.14e+100 -0.6658631448798212",
            ];
            let x = |v: &str| if v == "-3.14e+100" { "x".to_string() } else { v.to_string() };
            let mut ours = format!("{words}%hmm 1\n%start {}\n", start.split(' ').map(x).collect::<Vec<_>>().join(" "));
            for row in trans {
                ours += &format!("%trans {}\n", row.split(' ').map(x).collect::<Vec<_>>().join(" "));
            }
            let mut theirs = format!("{start}\n{}\n", trans.join("\n"));
            for (c, row) in chars.iter().zip(&emissions) {
                let cells: Vec<String> = row.iter().map(|v| v.map_or("x".into(), |v| format!("{}", -v))).collect();
                ours += &format!("{c} {}\n", cells.join(" "));
            }
            // 丁, in no text, keeps every emission line of jieba's format non-empty.
            ours += "丁 10 10 10 10\n";
            for state in 0..4 {
                let pairs: Vec<String> = chars.iter().zip(&emissions)
                    .filter_map(|(c, row)| row[state].map(|v| format!("{c}:{v}")))
                    .chain(std::iter::once("丁:-10".to_string()))
                    .collect();
                theirs += &format!("{}\n", pairs.join(","));
            }
            let ours = Segmenter::from_dictionary(ours.as_bytes()).unwrap();
            let mut jieba = jieba_rs::Jieba::with_dict(&mut words.as_bytes()).unwrap();
            jieba.set_hmm_model(jieba_rs::HmmModel::load(&mut theirs.as_bytes()).unwrap());
            let expected: Vec<Range<usize>> =
                jieba.cut(&text, true).into_iter().map(|t| t.byte_start..t.byte_end).collect();
            prop_assert_eq!(ours.segment(&text), expected);
        }

        /// The reference: jieba-rs itself, with the same random dictionary, on random Han text
        /// (where our unit rules and jieba's block rules coincide). Every character is a word
        /// of its own, as nearly every character is in jieba's dictionary: where one is not,
        /// jieba forces a word that starts with it and we do not (see `route.rs`).
        #[test]
        fn agrees_with_jieba_on_han_text(
            singles in prop::collection::vec(1u32..5000, 6),
            entries in prop::collection::btree_map("[快手电商直播]{2,4}", 1u32..5000, 0..30),
            text in "[快手电商直播]{0,40}",
        ) {
            let singles = "快手电商直播".chars().zip(singles).map(|(c, f)| (c.to_string(), f));
            let dictionary: String =
                singles.chain(entries).map(|(w, f)| format!("{w} {f}\n")).collect();
            let ours = Segmenter::from_dictionary(dictionary.as_bytes()).unwrap();
            let jieba = jieba_rs::Jieba::with_dict(&mut dictionary.as_bytes()).unwrap();
            let theirs: Vec<Range<usize>> =
                jieba.cut(&text, false).into_iter().map(|t| t.byte_start..t.byte_end).collect();
            prop_assert_eq!(ours.segment(&text), theirs);
        }
    }
}
