//! Words found in a corpus: character n-grams that behave like words the dictionary lacks.
//!
//! A dictionary from 2012 knows neither 带货 nor 直播间, and jieba's HMM guesses new words
//! one sentence at a time. A whole corpus says more: a string that is a word recurs, its
//! characters stick together far more often than chance would put them side by side, and it
//! occurs among many different neighbours on both sides, while a fragment of a longer word
//! (播间 in 直播间) always has the same neighbour. Those are the three scores here, the
//! classic recipe of unsupervised Chinese word discovery (frequency, cohesion and freedom;
//! e.g. Matrix67, "互联网时代的社会语言学：基于SNS的文本数据挖掘", 2012, after Sproat & Shih
//! 1990 for cohesion by mutual information and Harris 1955 / Jin & Tanaka-Ishii 2006 for
//! boundaries by branching entropy):
//!
//! - **count**: occurrences of the n-gram in runs of Han characters;
//! - **cohesion**: the smallest pointwise mutual information over the ways of cutting the
//!   n-gram in two, `min log2(p(w) / (p(a) · p(b)))` with `p(x) = count(x) / N` and `N` the
//!   Han characters of the corpus (so 3 bits = the halves meet eight times as often as chance
//!   says; the weakest cut decides, since a word must hold at every cut);
//! - **freedom**: the smaller of the left and right branching entropies, in bits, of the
//!   characters next to the n-gram; an edge of a Han run (punctuation, a digit, the text's end)
//!   counts as a neighbour seen once, so a word often followed by a comma is not penalised.
//!
//! Candidates that pass all three thresholds and that `known` does not already know (the
//! dictionary plus the user's lexicon: [`Segmenter::contains`](super::Segmenter::contains))
//! are then thinned twice: an n-gram that begins or ends with a function character (的, 了,
//! 在, 与…: `FUNCTION_CHARS`) is a word plus its grammar, and one that splits wholly into
//! known words and other candidates of two or more characters (直播电商 = 直播 + 电商) is a
//! phrase. The rest are ranked by `score = cohesion × freedom × ln(count)`, so that among equally word-like
//! strings the frequent ones come first. The function is pure: texts in, ranked candidates
//! out; the reader decides which to accept as user words.
//!
//! ```
//! use corpus_explorer::segment::discover::{discover, DiscoverOptions};
//!
//! let filler = ["今天", "我们", "看到", "他们", "说", "这个", "那个", "一起", "真的", "非常"];
//! let texts: Vec<String> = (0..60)
//!     .map(|i| format!("{}{}带货{}{}。", filler[i % 10], filler[i / 6 % 10],
//!                      filler[(i * 7 + 3) % 10], filler[(i * 3 + 1) % 10]))
//!     .collect();
//! let found = discover(texts.iter().map(String::as_str), |w| filler.contains(&w),
//!                      &DiscoverOptions::default());
//! assert_eq!(found[0].word, "带货");
//! ```

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Thresholds of [`discover`]. The defaults were chosen on the five seed articles (about
/// 20,000 Han characters) and a generated corpus (the tests below); for a corpus of a few
/// articles lower `min_count`, for a large one raise it.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DiscoverOptions {
    /// Shortest candidate, in characters (at least 2).
    pub min_len: usize,
    /// Longest candidate, in characters (at most 6: n-grams are counted as packed integers).
    pub max_len: usize,
    /// Fewest occurrences.
    pub min_count: u64,
    /// Smallest cohesion (bits of pointwise mutual information at the weakest cut).
    pub min_cohesion: f64,
    /// Smallest freedom (bits of branching entropy on the poorer side).
    pub min_freedom: f64,
    /// Most candidates returned.
    pub limit: usize,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            min_len: 2,
            max_len: 4,
            min_count: 5,
            min_cohesion: 3.0,
            min_freedom: 1.0,
            limit: 200,
        }
    }
}

/// A string that behaves like a word, with the numbers that say so.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// The n-gram, as it occurs in the (folded) texts.
    pub word: String,
    /// Occurrences (overlapping ones counted).
    pub count: u64,
    /// Smallest pointwise mutual information over its cuts, in bits.
    pub cohesion: f64,
    /// Branching entropy of its left neighbours, in bits.
    pub left_entropy: f64,
    /// Branching entropy of its right neighbours, in bits.
    pub right_entropy: f64,
    /// `cohesion × min(left_entropy, right_entropy) × ln(count)`: the ranking.
    pub score: f64,
}

/// The neighbours of one candidate: counts per character, and how many occurrences touched
/// the edge of a Han run (each counted as a neighbour of its own).
#[derive(Default)]
struct Neighbours {
    chars: FxHashMap<char, u32>,
    edges: u32,
}

impl Neighbours {
    fn add(&mut self, c: Option<char>) {
        match c {
            Some(c) => *self.chars.entry(c).or_default() += 1,
            None => self.edges += 1,
        }
    }

    /// Shannon entropy in bits.
    fn entropy(&self) -> f64 {
        let total = f64::from(self.chars.values().sum::<u32>() + self.edges);
        if total == 0.0 {
            return 0.0;
        }
        let term = |n: f64| -(n / total) * (n / total).log2();
        self.chars
            .values()
            .map(|&n| term(f64::from(n)))
            .sum::<f64>()
            + f64::from(self.edges) * term(1.0)
    }
}

/// Characters that are nearly always a word of their own (structural particles, aspect
/// markers, the commonest prepositions, conjunctions and adverbs): an n-gram that begins or
/// ends with one is a word plus its grammatical neighbour (的合作, 在快手, 带来了), however
/// often the two meet. A short list of grammar, not of this corpus's words.
const FUNCTION_CHARS: &str = "的了着过在是和与及或也都就而把被让对从向这那";

fn has_function_edge(gram: &str) -> bool {
    let first = gram.chars().next();
    let last = gram.chars().next_back();
    [first, last]
        .into_iter()
        .flatten()
        .any(|c| FUNCTION_CHARS.contains(c))
}

/// Whether `gram` is two or more parts each of which `is_word` accepts (`top`: `gram` itself
/// does not count as one part).
fn is_compound(gram: &str, is_word: &impl Fn(&str) -> bool, top: bool) -> bool {
    if !top && is_word(gram) {
        return true;
    }
    gram.char_indices()
        .skip(1)
        .any(|(at, _)| is_word(&gram[..at]) && is_compound(&gram[at..], is_word, false))
}

/// The runs of Han characters in `text`.
fn han_runs(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !crate::document::is_han(c))
        .filter(|run| !run.is_empty())
}

/// The characters of `run`, and the byte offset of each with the run's length last.
fn char_bounds(run: &str, chars: &mut Vec<char>, out: &mut Vec<usize>) {
    chars.clear();
    out.clear();
    for (at, c) in run.char_indices() {
        chars.push(c);
        out.push(at);
    }
    out.push(run.len());
}

/// An n-gram of at most [`MAX_PACKED`] characters as one integer: each character's code point
/// in 21 bits, the first highest. Han characters are never U+0000, so n-grams of different
/// lengths never share a key (a longer one is at least 2^21 times larger). Counting under
/// these keys instead of string slices, with one look-up of each (n−1)-gram instead of two,
/// made discovery about 1.8 times faster in wasm (700,000 characters of Weibo text: 4.2 s →
/// 2.4 s in Node, on a busy machine) and left it as fast natively; the results are the same
/// (the tests below, the seed snapshot, and the 200 candidates of that text, compared).
///
/// The packed bits are far from random (neighbouring code points, zeros on top), which the
/// Fx hash passes on almost as they are; `Hash` mixes them first (splitmix64's finaliser) so
/// the table's buckets fill evenly.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key(u128);
const MAX_PACKED: usize = 6;

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let mut x = (self.0 as u64) ^ ((self.0 >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        state.write_u64(x ^ (x >> 31));
    }
}

fn pack(chars: &[char]) -> Key {
    Key(chars
        .iter()
        .fold(0, |key, &c| (key << 21) | u128::from(u32::from(c))))
}

/// Finds word-like n-grams in `texts` (folded texts: see [`crate::fold`]) that `known` does not
/// know, best first; see the module docs for the scores. Reads the texts twice (counts, then
/// the neighbours of the candidates), so the iterator must be cloneable, as an iterator over a
/// corpus's documents is.
pub fn discover<'a, I>(
    texts: I,
    known: impl Fn(&str) -> bool,
    options: &DiscoverOptions,
) -> Vec<Candidate>
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let min_len = options.min_len.max(2);
    let max_len = options.max_len.max(min_len).min(MAX_PACKED);
    let min_len = min_len.min(max_len);
    // Pass 1, one length at a time: every character, then each n-gram whose two (n−1)-grams
    // occur at least `min_count` times (an n-gram never occurs more often than its parts, so
    // nothing that could pass is lost, and a large corpus does not keep every 4-gram it
    // contains). Keys are the packed characters; the first occurrence's slice is kept beside
    // the count, for the n-grams that go on.
    let min_count = options.min_count.max(1);
    let mut counts: FxHashMap<Key, (u64, &'a str)> = FxHashMap::default();
    let mut chars_total = 0u64;
    let (mut chars, mut bounds, mut frequent) = (Vec::new(), Vec::new(), Vec::new());
    for len in 1..=max_len {
        for text in texts.clone() {
            for run in han_runs(text) {
                char_bounds(run, &mut chars, &mut bounds);
                let n = chars.len();
                if len == 1 {
                    chars_total += n as u64;
                } else {
                    // Whether the (len−1)-gram at each position is frequent: looked up once,
                    // as the prefix of one n-gram and the suffix of the one before.
                    frequent.clear();
                    frequent.extend((0..(n + 2).saturating_sub(len)).map(|i| {
                        counts
                            .get(&pack(&chars[i..i + len - 1]))
                            .is_some_and(|&(c, _)| c >= min_count)
                    }));
                }
                for i in 0..(n + 1).saturating_sub(len) {
                    if len > 1 && !(frequent[i] && frequent[i + 1]) {
                        continue;
                    }
                    let entry = counts
                        .entry(pack(&chars[i..i + len]))
                        .or_insert((0, &run[bounds[i]..bounds[i + len]]));
                    entry.0 += 1;
                }
            }
        }
    }
    if chars_total == 0 {
        return Vec::new();
    }
    let ln_n = (chars_total as f64).log2();
    let count = |s: &str| {
        let cs: Vec<char> = s.chars().collect();
        counts.get(&pack(&cs)).map_or(0, |&(c, _)| c)
    };
    // Cohesion of the n-grams that may become candidates.
    let mut cohesive: FxHashMap<Key, (&'a str, f64)> = FxHashMap::default();
    for (&key, &(n, gram)) in &counts {
        let len = gram.chars().count();
        if len < min_len || n < options.min_count || known(gram) || has_function_edge(gram) {
            continue;
        }
        let cohesion = gram
            .char_indices()
            .skip(1)
            .map(|(at, _)| {
                let (a, b) = gram.split_at(at);
                (n as f64).log2() + ln_n - (count(a) as f64).log2() - (count(b) as f64).log2()
            })
            .fold(f64::INFINITY, f64::min);
        if cohesion >= options.min_cohesion {
            cohesive.insert(key, (gram, cohesion));
        }
    }
    // Pass 2: the neighbours of those.
    let mut neighbours: FxHashMap<Key, (Neighbours, Neighbours)> = FxHashMap::default();
    for text in texts {
        for run in han_runs(text) {
            char_bounds(run, &mut chars, &mut bounds);
            let n = chars.len();
            for i in 0..n {
                for len in min_len..=max_len.min(n - i) {
                    let key = pack(&chars[i..i + len]);
                    if cohesive.contains_key(&key) {
                        let (left, right) = neighbours.entry(key).or_default();
                        left.add(if i > 0 { Some(chars[i - 1]) } else { None });
                        right.add(chars.get(i + len).copied());
                    }
                }
            }
        }
    }
    let mut found: Vec<Candidate> = neighbours
        .into_iter()
        .filter_map(|(key, (left, right))| {
            let (left_entropy, right_entropy) = (left.entropy(), right.entropy());
            let freedom = left_entropy.min(right_entropy);
            if freedom < options.min_freedom {
                return None;
            }
            let (gram, cohesion) = cohesive[&key];
            let count = counts[&key].0;
            Some(Candidate {
                word: gram.to_string(),
                count,
                cohesion,
                left_entropy,
                right_entropy,
                score: cohesion * freedom * (count as f64).ln(),
            })
        })
        .collect();
    // Compounds of words are phrases, not new words: 直播电商 is 直播 + 电商 and comes out so
    // once 电商 is accepted. Leave out a candidate that splits into parts of two or more
    // characters each of which is known or itself a candidate.
    let whole: std::collections::HashSet<String> = found.iter().map(|c| c.word.clone()).collect();
    let is_word = |w: &str| w.chars().count() >= 2 && (known(w) || whole.contains(w));
    found.retain(|c| !is_compound(&c.word, &is_word, true));
    found.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.count.cmp(&a.count))
            .then_with(|| a.word.cmp(&b.word))
    });
    found.truncate(options.limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pseudo-random generator, so the generated corpus is the same on every run.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    const PLANTED: [&str; 4] = ["氪金", "躺平族", "内卷", "元宇宙"];

    /// 400 "sentences" of 10–30 characters drawn at random from 60 common characters, with one
    /// of the planted words inserted at a random place in each of three sentences out of four,
    /// and punctuation between sentences.
    fn generated() -> (Vec<String>, Vec<char>) {
        let pool: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理".chars().take(60).collect();
        let mut rng = Lcg(42);
        let mut texts = Vec::new();
        for i in 0..400 {
            let len = 10 + rng.next(21);
            let mut s: String = (0..len).map(|_| pool[rng.next(pool.len())]).collect();
            if i % 4 != 3 {
                let at = rng.next(len + 1);
                let at = s.char_indices().nth(at).map_or(s.len(), |(b, _)| b);
                s.insert_str(at, PLANTED[rng.next(PLANTED.len())]);
            }
            s.push('。');
            texts.push(s);
        }
        (texts, pool)
    }

    #[test]
    fn finds_planted_words_and_not_random_combinations() {
        let (texts, pool) = generated();
        let found = discover(
            texts.iter().map(String::as_str),
            |_| false,
            &DiscoverOptions::default(),
        );
        let words: Vec<&str> = found.iter().map(|c| c.word.as_str()).collect();
        for planted in PLANTED {
            assert!(words.contains(&planted), "{planted} not in {words:?}");
        }
        assert_eq!(
            words.len(),
            PLANTED.len(),
            "only the planted words: {words:?}"
        );
        // The fragments of longer planted words have one neighbour on their inner side.
        assert!(!words.contains(&"躺平") && !words.contains(&"宇宙"));
        // Random pairs of pool characters recur too, but no more than chance says.
        let random_pairs = found
            .iter()
            .filter(|c| c.word.chars().all(|ch| pool.contains(&ch)))
            .count();
        assert_eq!(random_pairs, 0);
        for c in &found {
            assert!(c.cohesion >= 3.0 && c.left_entropy >= 1.0 && c.right_entropy >= 1.0);
            assert!(c.count >= 5 && c.score > 0.0);
        }
    }

    #[test]
    fn leaves_out_what_is_known_and_respects_the_limits() {
        let (texts, _) = generated();
        let options = DiscoverOptions {
            limit: 2,
            ..DiscoverOptions::default()
        };
        let found = discover(texts.iter().map(String::as_str), |w| w == "氪金", &options);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|c| c.word != "氪金"));
        let only_three = DiscoverOptions {
            min_len: 3,
            ..DiscoverOptions::default()
        };
        let found = discover(texts.iter().map(String::as_str), |_| false, &only_three);
        let mut words: Vec<&str> = found.iter().map(|c| c.word.as_str()).collect();
        words.sort();
        assert_eq!(words, ["元宇宙", "躺平族"]);
    }

    #[test]
    fn counts_only_han_runs_and_survives_empty_input() {
        assert!(discover([""; 3], |_| false, &DiscoverOptions::default()).is_empty());
        let texts = ["abc, 123!"; 10];
        assert!(discover(texts, |_| false, &DiscoverOptions::default()).is_empty());
    }

    #[test]
    fn entropy_counts_each_run_edge_as_its_own_neighbour() {
        let mut n = Neighbours::default();
        n.add(None);
        n.add(None);
        assert!((n.entropy() - 1.0).abs() < 1e-12);
        n.add(Some('的'));
        n.add(Some('的'));
        assert!((n.entropy() - 1.5).abs() < 1e-12);
    }
}
