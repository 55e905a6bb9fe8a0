//! New words the dictionary lacks: jieba's hidden Markov model over runs of single characters.
//!
//! The dictionary path (`route.rs`) cuts a word it does not know into single characters
//! (`带` `货`). jieba then looks at every run of such single characters and, unless the run
//! itself is a dictionary word, labels each character **B**egin, **M**iddle, **E**nd or
//! **S**ingle by Viterbi decoding of a four-state HMM; `B M* E` spans become words. This file
//! is that model and that decoder (`jieba/finalseg/__init__.py`; jieba-rs `hmm.rs`), tie rules
//! included, so that with the same tables it labels exactly as jieba does.
//!
//! # The model tables
//!
//! jieba's `finalseg` model (MIT licence; `hmm.model` in the `jieba-macros` crate), trained by
//! jieba's author on segmented text: start and transition log probabilities of the four
//! states, and per character the log probability that each state emits it. The tables ship
//! inside the dictionary file, after its word list (`scripts/dict.py` writes them), so the page
//! loads them lazily with the words and needs no second file:
//!
//! ```text
//! %hmm 10                      emissions are −ln p × 10, rounded (the scale is the number)
//! %start -0.2627 x x -1.4653   B E M S, natural logs, x = impossible
//! %trans x -0.5108 -0.9163 x   four rows: from B, E, M, S to B E M S
//! …
//! 耀 105 122 x 135             a character, then its emission in B E M S
//! ```
//!
//! Only characters that folding leaves alone are written: the segmenter sees folded text, so
//! the Traditional rows of jieba's model could never be looked up. A Traditional row in the
//! file is skipped for the same reason. Rounding to tenths of a nat is what keeps the section
//! small (69 KB gzip, 11,694 characters); on the Weibo sentences of `scripts/wordseg-score.sh`
//! it scores as well as hundredths (word F1 0.8403 against 0.8397: the difference is noise).
//!
//! Checked against jieba-rs 0.11 `cut(_, true)` by `examples/hmm_agreement.rs` on the 67,118
//! runs of two or more Han characters in `../shared/wordseg-dev/dev.txt`, with the same
//! 60,000 words: with jieba's unrounded tables (`scripts/dict.py --hmm-exact`) all 67,118 come
//! out identical; with the shipped tenths, 66,653 (99.3%).

use rustc_hash::FxHashMap;

use crate::fold::fold_char;

/// jieba's "impossible": a log probability no sum of real ones reaches.
const MIN_FLOAT: f64 = -3.14e100;

/// The four labels, in jieba-rs's index order (B, E, M, S: alphabetical, which is what makes
/// its tie rule equal to Python jieba's `max` over `(score, state)` pairs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    Begin = 0,
    End = 1,
    Middle = 2,
    Single = 3,
}

/// The states each state may follow, the smaller index first: on a tie the second wins, as in
/// jieba (`max` over `(prob, state)` prefers the later letter).
const ALLOWED_PREV: [[State; 2]; 4] = [
    [State::End, State::Single],
    [State::Begin, State::Middle],
    [State::Begin, State::Middle],
    [State::End, State::Single],
];

/// Whether the HMM labels `c`: jieba's `re_han` in `finalseg`, `[\u4E00-\u9FD5]`. Other
/// characters in a run of singles stay single.
pub(super) fn covers(c: char) -> bool {
    ('\u{4E00}'..='\u{9FD5}').contains(&c)
}

/// jieba's BMES model, read from the `%hmm` section of the dictionary file.
#[derive(Debug, Clone)]
pub(super) struct Hmm {
    start: [f64; 4],
    trans: [[f64; 4]; 4],
    emit: FxHashMap<char, [f64; 4]>,
}

/// Buffers reused across the runs of a text.
#[derive(Debug, Default)]
pub(super) struct Viterbi {
    /// Chosen predecessor of each state at each step, four per character.
    prev: Vec<State>,
    path: Vec<State>,
}

impl Hmm {
    /// Reads the section: `lines` are the file's lines after the `%hmm` line, numbered from 0
    /// for the whole file; `header` is the `%hmm` line itself.
    pub fn parse<'a>(
        header: (usize, &str),
        lines: impl Iterator<Item = (usize, &'a str)>,
    ) -> Result<Hmm, String> {
        let (number, line) = header;
        let scale: f64 = match line.split_whitespace().nth(1).map(str::parse::<f64>) {
            Some(Ok(s)) if s > 0.0 && s.is_finite() => s,
            _ => return Err(bad(number, line, "needs a positive scale after %hmm")),
        };
        let mut start = None;
        let mut trans = Vec::new();
        let mut emit = FxHashMap::default();
        for (number, line) in lines {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split_whitespace();
            let key = fields.next().unwrap_or_default();
            let values: Vec<&str> = fields.collect();
            let four = |divisor: f64| -> Result<[f64; 4], String> {
                if values.len() != 4 {
                    return Err(bad(number, line, "needs four numbers, for B, E, M and S"));
                }
                let mut out = [MIN_FLOAT; 4];
                for (slot, v) in out.iter_mut().zip(&values) {
                    if *v != "x" {
                        *slot = match v.parse::<f64>() {
                            Ok(p) if p.is_finite() => p / divisor,
                            _ => return Err(bad(number, line, "has a value that is no number")),
                        };
                    }
                }
                Ok(out)
            };
            match key {
                "%start" => start = Some(four(1.0)?),
                "%trans" => trans.push(four(1.0)?),
                _ => {
                    let mut chars = key.chars();
                    let c = match (chars.next(), chars.next()) {
                        (Some(c), None) if !key.starts_with('%') => c,
                        _ => {
                            return Err(bad(
                                number,
                                line,
                                "is neither %start, %trans nor one character and its emissions",
                            ))
                        }
                    };
                    let row = four(-scale)?;
                    if fold_char(c) == c {
                        emit.insert(c, row);
                    }
                }
            }
        }
        let (Some(start), Ok(trans)) = (start, <[[f64; 4]; 4]>::try_from(trans)) else {
            return Err(
                "The dictionary file's %hmm section needs one %start line and four \
                        %trans lines. Rebuild it with scripts/dict.py."
                    .to_string(),
            );
        };
        Ok(Hmm { start, trans, emit })
    }

    /// How many characters have emission probabilities.
    #[cfg(test)]
    pub fn characters(&self) -> usize {
        self.emit.len()
    }

    fn emissions(&self, c: char) -> [f64; 4] {
        self.emit.get(&c).copied().unwrap_or([MIN_FLOAT; 4])
    }

    /// Cuts `chars` (at least two, each [`covers`]ed) as jieba's `finalseg.__cut` does: calls
    /// `word(start, end)` with character positions for each word, in order.
    pub fn cut(&self, chars: &[char], buffers: &mut Viterbi, mut word: impl FnMut(usize, usize)) {
        self.viterbi(chars, buffers);
        let mut begin = 0;
        let mut next = 0;
        for (i, state) in buffers.path.iter().enumerate() {
            match state {
                State::Begin => begin = i,
                State::End => {
                    word(begin, i + 1);
                    next = i + 1;
                }
                State::Single => {
                    word(i, i + 1);
                    next = i + 1;
                }
                State::Middle => {}
            }
        }
        if next < chars.len() {
            word(next, chars.len());
        }
    }

    /// The most probable labels of `chars`, left in `buffers.path`; jieba-rs's `viterbi`.
    fn viterbi(&self, chars: &[char], buffers: &mut Viterbi) {
        let n = chars.len();
        buffers.prev.clear();
        buffers.prev.resize(4 * n, State::Begin);
        let emit = self.emissions(chars[0]);
        let mut v: [f64; 4] = std::array::from_fn(|y| self.start[y] + emit[y]);
        for (t, &c) in chars.iter().enumerate().skip(1) {
            let emit = self.emissions(c);
            let mut next = [0.0; 4];
            for y in 0..4 {
                let [p0, p1] = ALLOWED_PREV[y];
                let prob0 = v[p0 as usize] + self.trans[p0 as usize][y] + emit[y];
                let prob1 = v[p1 as usize] + self.trans[p1 as usize][y] + emit[y];
                let (prob, state) = if prob0 > prob1 {
                    (prob0, p0)
                } else {
                    (prob1, p1)
                };
                next[y] = prob;
                buffers.prev[t * 4 + y] = state;
            }
            v = next;
        }
        let mut state = if v[State::End as usize] > v[State::Single as usize] {
            State::End
        } else {
            State::Single
        };
        buffers.path.clear();
        buffers.path.resize(n, State::Single);
        buffers.path[n - 1] = state;
        for t in (1..n).rev() {
            state = buffers.prev[t * 4 + state as usize];
            buffers.path[t - 1] = state;
        }
    }
}

fn bad(number: usize, line: &str, what: &str) -> String {
    let shown: String = line.chars().take(40).collect();
    format!(
        "Line {} of the dictionary file's %hmm section {what} (\"{shown}\"). Rebuild the file \
         with scripts/dict.py.",
        number + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model that makes 带货 a word and leaves 的 single.
    fn model() -> Hmm {
        let text = "%start -0.26 x x -1.47\n\
                    %trans x -0.51 -0.92 x\n%trans -0.59 x x -0.81\n\
                    %trans x -0.33 -1.26 x\n%trans -0.72 x x -0.67\n\
                    带 500 x x 900\n货 x 500 x 900\n的 x x x 300\n";
        Hmm::parse((0, "%hmm 100"), text.lines().enumerate()).unwrap()
    }

    fn words(hmm: &Hmm, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        hmm.cut(&chars, &mut Viterbi::default(), |a, b| {
            out.push(chars[a..b].iter().collect())
        });
        out
    }

    #[test]
    fn labels_a_run_into_words() {
        assert_eq!(words(&model(), "带货的"), ["带货", "的"]);
        assert_eq!(words(&model(), "的带货"), ["的", "带货"]);
    }

    /// jieba-rs's `test_hmm_cut_ties_go_to_the_higher_state`: characters the model does not
    /// know score every state alike, and the tie rule keeps them single.
    #[test]
    fn unknown_characters_stay_single() {
        assert_eq!(words(&model(), "龘龘龘"), ["龘", "龘", "龘"]);
    }

    #[test]
    fn skips_rows_folding_makes_unreachable_and_refuses_broken_sections() {
        let m = Hmm::parse(
            (0, "%hmm 100"),
            "%start 0 x x 0\n%trans 0 0 0 0\n%trans 0 0 0 0\n%trans 0 0 0 0\n%trans 0 0 0 0\n\
             貨 1 1 1 1\n货 1 1 1 1\n"
                .lines()
                .enumerate(),
        )
        .unwrap();
        assert_eq!(m.characters(), 1);
        let err = |header: &str, body: &str| {
            Hmm::parse((0, header), body.lines().enumerate()).unwrap_err()
        };
        assert!(err("%hmm", "").contains("scale"));
        assert!(err("%hmm 100", "%start 0 0\n").contains("four numbers"));
        assert!(err("%hmm 100", "带货 1 1 1 1\n").contains("one character"));
        assert!(err("%hmm 100", "带 1 1 y 1\n").contains("no number"));
        assert!(err("%hmm 100", "带 1 1 1 1\n").contains("%start"));
    }
}
