//! "Words found in this corpus": n-grams of the loaded corpus that look like words (frequent,
//! cohesive, free at both edges; [`crate::segment::discover`]) and that neither the dictionary
//! nor the user's lexicon knows, offered to the reader to accept into the lexicon.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::Words;
use crate::error::Result;
use crate::segment::discover::{discover, Candidate, DiscoverOptions};
use crate::store::{Store, TextView};

/// How [`found_words`] searches: [`DiscoverOptions`]'s thresholds, and how much text to read.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FoundWordsOptions {
    /// Longest candidate, in characters.
    pub max_len: usize,
    /// Fewest occurrences (in the text read).
    pub min_count: u64,
    /// Smallest cohesion, in bits.
    pub min_cohesion: f64,
    /// Smallest freedom, in bits.
    pub min_freedom: f64,
    /// Most words returned.
    pub limit: usize,
    /// Most characters read: a larger corpus is sampled (see [`found_words`]).
    pub max_chars: usize,
}

/// Characters [`found_words`] reads at most by default. In wasm (Node 20, the release build,
/// on a busy two-core machine) discovery took 3.7 s on 1 M characters of Weibo text and 6.3 s
/// on 2 M (natively about 0.7 s on 708,708 characters, `examples/segment_seeds.rs WORDS
/// TEXT`), so 1 M keeps the wait a few seconds; a word frequent enough to matter shows in any
/// such sample.
pub const FOUND_WORDS_MAX_CHARS: usize = 1_000_000;

impl Default for FoundWordsOptions {
    fn default() -> Self {
        let d = DiscoverOptions::default();
        FoundWordsOptions {
            max_len: d.max_len,
            min_count: d.min_count,
            min_cohesion: d.min_cohesion,
            min_freedom: d.min_freedom,
            limit: d.limit,
            max_chars: FOUND_WORDS_MAX_CHARS,
        }
    }
}

/// One word found in the corpus: a [`Candidate`] with the documents it occurs in. Its own
/// fields rather than `#[serde(flatten)]`, which costs the wasm a map serializer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundWord {
    /// The n-gram, folded.
    pub word: String,
    /// Occurrences in the text read.
    pub count: u64,
    /// Documents (of those read) it occurs in.
    pub docs: u32,
    /// Smallest pointwise mutual information over its cuts, in bits.
    pub cohesion: f64,
    /// Branching entropy of its left neighbours, in bits.
    pub left_entropy: f64,
    /// Branching entropy of its right neighbours, in bits.
    pub right_entropy: f64,
    /// The ranking score of [`discover`].
    pub score: f64,
}

/// The words found in the corpus, best first.
#[derive(Debug, Clone, Serialize)]
pub struct FoundWords {
    /// The candidates.
    pub rows: Vec<FoundWord>,
    /// Characters read.
    pub chars: usize,
    /// True when the corpus was larger than `max_chars` and only a sample was read.
    pub sampled: bool,
}

/// Words of the corpus that the segmenter does not know (neither the dictionary nor the
/// user's lexicon), by [`discover`] over the folded cleaned texts: what the page offers as
/// "words found in this corpus". Needs the dictionary.
///
/// A corpus longer than `max_chars` characters is sampled: whole documents spread evenly over
/// the corpus (every k-th in effect, the same ones on every call), the last one cut to fit, so
/// the answer stays a few seconds whatever the corpus.
pub fn found_words(
    store: &mut Store,
    words: &Words,
    options: &FoundWordsOptions,
) -> Result<FoundWords> {
    let segmenter = words.segmenter()?;
    store.prepare(TextView::Article);
    let view = store.view(TextView::Article);
    // Which documents, and how much of each, from their lengths (folding keeps the character
    // count); only those are folded (the index keeps no text).
    let lengths: Vec<usize> = store.entries.iter().map(|e| e.cleaned_chars).collect();
    let (picked, chars, sampled) = spread_sample(&lengths, options.max_chars.max(1));
    let sample: Vec<String> = picked
        .into_iter()
        .map(|(d, piece)| {
            let mut text = view.folded(d as u32).into_owned();
            let end = text.char_indices().nth(piece).map_or(text.len(), |(at, _)| at);
            text.truncate(end);
            text
        })
        .collect();
    let sample: Vec<&str> = sample.iter().map(String::as_str).collect();
    let discover_options = DiscoverOptions {
        max_len: options.max_len,
        min_count: options.min_count,
        min_cohesion: options.min_cohesion,
        min_freedom: options.min_freedom,
        limit: options.limit,
        ..DiscoverOptions::default()
    };
    let found = discover(
        sample.iter().copied(),
        |w| segmenter.contains(w),
        &discover_options,
    );
    let docs = document_counts(&sample, found.iter().map(|c| c.word.as_str()));
    let docs: Vec<u32> = found
        .iter()
        .map(|c| docs.get(c.word.as_str()).copied().unwrap_or(0))
        .collect();
    let rows = found
        .into_iter()
        .zip(docs)
        .map(|(c, docs): (Candidate, u32)| FoundWord {
            word: c.word,
            count: c.count,
            docs,
            cohesion: c.cohesion,
            left_entropy: c.left_entropy,
            right_entropy: c.right_entropy,
            score: c.score,
        })
        .collect();
    Ok(FoundWords {
        rows,
        chars,
        sampled,
    })
}

/// At most `max_chars` characters of `texts`, spread over the whole list: walking through
/// it, each text adds its share of the budget to what is due, and a text (cut to the room
/// left, for one longer than the budget) is taken once at least half of it is due. Uniform
/// texts come out as every k-th; the same texts on every call. Returns the texts, their
/// characters and whether anything was left out.
fn spread_sample(lengths: &[usize], max_chars: usize) -> (Vec<(usize, usize)>, usize, bool) {
    let total: usize = lengths.iter().sum();
    if total <= max_chars {
        return (lengths.iter().copied().enumerate().collect(), total, false);
    }
    let share = max_chars as f64 / total as f64;
    let (mut out, mut taken, mut due) = (Vec::new(), 0usize, 0.0);
    for (d, &len) in lengths.iter().enumerate() {
        due += share * len as f64;
        let piece = len.min(max_chars - taken);
        if piece == 0 || due < piece as f64 / 2.0 {
            continue;
        }
        due -= piece as f64;
        out.push((d, piece));
        taken += piece;
    }
    (out, taken, true)
}

/// In how many of `texts` each of `words` occurs: one pass over each text looking up its
/// n-grams of the words' lengths.
fn document_counts<'a>(
    texts: &[&str],
    words: impl Iterator<Item = &'a str>,
) -> FxHashMap<&'a str, u32> {
    let words: FxHashSet<&str> = words.collect();
    let lengths: FxHashSet<usize> = words.iter().map(|w| w.chars().count()).collect();
    let mut docs: FxHashMap<&str, u32> = FxHashMap::default();
    let mut bounds = Vec::new();
    for text in texts {
        bounds.clear();
        bounds.extend(text.char_indices().map(|(at, _)| at));
        bounds.push(text.len());
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for i in 0..bounds.len() - 1 {
            for &len in &lengths {
                if i + len < bounds.len() {
                    if let Some(&word) = words.get(&text[bounds[i]..bounds[i + len]]) {
                        seen.insert(word);
                    }
                }
            }
        }
        for word in seen {
            *docs.entry(word).or_default() += 1;
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{corpus_with_words, WORDS};

    #[test]
    fn found_words_offers_a_planted_word_and_forgets_it_once_accepted() {
        let filler = [
            "今天", "我们", "看到", "他们", "真的", "非常", "一起", "合作",
        ];
        let texts: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "{}{}氪金{}{}。",
                    filler[i % 8],
                    filler[i / 7 % 8],
                    filler[(i * 5 + 3) % 8],
                    filler[(i * 3 + 1) % 8]
                )
            })
            .collect();
        let docs: Vec<(String, &str)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("d{i}"), t.as_str()))
            .collect();
        let docs: Vec<(&str, &str)> = docs.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let mut c = corpus_with_words(&docs, WORDS);
        let found = c.found_words(&FoundWordsOptions::default()).unwrap();
        assert!(!found.sampled);
        assert_eq!(found.rows[0].word, "氪金");
        assert_eq!(found.rows[0].docs, 60);
        c.add_word("氪金").unwrap();
        let found = c.found_words(&FoundWordsOptions::default()).unwrap();
        assert!(found.rows.iter().all(|r| r.word != "氪金"));
        let few = FoundWordsOptions {
            max_chars: 100,
            ..FoundWordsOptions::default()
        };
        let sample = c.found_words(&few).unwrap();
        assert!(sample.sampled && sample.chars <= 100 && sample.chars > 90);
    }

    #[test]
    fn spread_sample_takes_documents_from_the_whole_list_and_cuts_the_last() {
        // Five texts of two characters ("一二", "三四", "五六", "七八", "九十").
        let lengths = [2, 2, 2, 2, 2];
        let (sample, chars, sampled) = spread_sample(&lengths, 5);
        assert!(sampled);
        assert_eq!(chars, 5);
        assert_eq!(sample, [(0, 2), (2, 2), (4, 1)]);
        let (one, chars, _) = spread_sample(&[10], 4);
        assert_eq!((one, chars), (vec![(0, 4)], 4));
        let (all, chars, sampled) = spread_sample(&lengths, 10);
        assert_eq!((all.len(), chars, sampled), (5, 10, false));
    }
}
