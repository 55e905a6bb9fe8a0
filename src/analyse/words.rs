//! Words as the corpus cuts them, for readers and other tools: any text segmented, the words
//! found in this corpus ([`crate::segment::discover`]) offered for the lexicon, the corpus
//! exported segmented, and keywords of the corpus or a part of it against general Chinese
//! ([`super::reference`]).
//!
//! Free functions over a [`Corpus`], so they sit beside the corpus's own API rather than in
//! it. Everything here cuts with the corpus's one segmenter (dictionary, HMM, the user's
//! lexicon, and so every found word the reader accepted), on folded text, and hands back
//! pieces of the original: folding keeps characters one for one, so a word's byte range in
//! the folded text maps back through the document's (or the text's) offset map.
//!
//! ```
//! use corpus_explorer::{analyse::words::segment_text, Corpus};
//!
//! let mut corpus = Corpus::new();
//! corpus.load_dictionary("電商 100\n快手 100\n".as_bytes()).unwrap();
//! assert_eq!(segment_text(&corpus, "快手電商").unwrap(), ["快手", "電商"]);
//! ```

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::reference::{reference_keywords, Reference, ReferenceOptions};
use super::tokens::{is_punctuation, is_stopword, Unit};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::fold::fold;
use crate::search::SearchOptions;
use crate::segment::discover::{discover, Candidate, DiscoverOptions};

/// The words of `text` as the corpus would cut it, as pieces of `text` itself (in its own
/// script: 電商 stays 電商). White space is in no word. Needs the dictionary.
pub fn segment_text(corpus: &Corpus, text: &str) -> Result<Vec<String>> {
    let segmenter = corpus.segmenter.as_ref().ok_or(Error::NoDictionary)?;
    let folded = fold(text);
    Ok(segmenter
        .segment(&folded.text)
        .into_iter()
        .map(|r| {
            let start = folded.offsets.to_original(r.start);
            let end = folded.offsets.to_original_end(r.end);
            text[start..end].to_owned()
        })
        .collect())
}

/// The documents a query selects, in id order: all of them for an empty query, else those the
/// search finds (any query of the search box: `source:新浪`, `script:trad`, `date:2020`,
/// words…). A malformed query is an [`Error::BadQuery`].
pub fn subset_ids(corpus: &mut Corpus, query: &str) -> Result<Vec<u32>> {
    if query.trim().is_empty() {
        return Ok((0..corpus.len() as u32).collect());
    }
    let (_, matches, _) = corpus.run(query, &SearchOptions::default())?;
    let mut ids: Vec<u32> = matches.into_iter().map(|(id, _)| id).collect();
    ids.sort_unstable();
    Ok(ids)
}

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
pub fn found_words(corpus: &mut Corpus, options: &FoundWordsOptions) -> Result<FoundWords> {
    if corpus.segmenter.is_none() {
        return Err(Error::NoDictionary);
    }
    corpus.prepare(false);
    let view = corpus.view(false);
    let texts: Vec<&str> = (0..view.index.len() as u32)
        .map(|d| view.index.doc_text(d))
        .collect();
    let (sample, chars, sampled) = spread_sample(&texts, options.max_chars.max(1));
    let segmenter = corpus.segmenter.as_ref().ok_or(Error::NoDictionary)?;
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
fn spread_sample<'a>(texts: &[&'a str], max_chars: usize) -> (Vec<&'a str>, usize, bool) {
    let lengths: Vec<usize> = texts.iter().map(|t| t.chars().count()).collect();
    let total: usize = lengths.iter().sum();
    if total <= max_chars {
        return (texts.to_vec(), total, false);
    }
    let share = max_chars as f64 / total as f64;
    let (mut out, mut taken, mut due) = (Vec::new(), 0usize, 0.0);
    for (text, &len) in texts.iter().zip(&lengths) {
        due += share * len as f64;
        let piece = len.min(max_chars - taken);
        if piece == 0 || due < piece as f64 / 2.0 {
            continue;
        }
        due -= piece as f64;
        let end = text
            .char_indices()
            .nth(piece)
            .map_or(text.len(), |(at, _)| at);
        out.push(&text[..end]);
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

/// Which documents [`segmented_documents`] exports.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SegmentedOptions {
    /// A query selecting the documents (see [`subset_ids`]); empty: all of them.
    pub query: String,
}

/// One document cut into words, for export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentedDocument {
    /// The document's id.
    pub id: u32,
    /// The name it was added under.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Publication date (ISO 8601, as precise as stated).
    pub date: Option<String>,
    /// The source site.
    pub source: Option<String>,
    /// The cleaned article's words in its own script, separated by single spaces; paragraphs
    /// separated by `\n`.
    pub text: String,
}

/// The cleaned articles cut into words as every word statistic cuts them, for researchers
/// who take our cut to other tools. Needs the dictionary.
pub fn segmented_documents(
    corpus: &mut Corpus,
    options: &SegmentedOptions,
) -> Result<Vec<SegmentedDocument>> {
    let ids = subset_ids(corpus, &options.query)?;
    corpus.token_streams(Unit::Word, false)?;
    let tokens = &corpus.tokens[&(Unit::Word, false)];
    let documents = corpus.documents();
    Ok(ids
        .into_iter()
        .map(|id| {
            let entry = &corpus.entries[id as usize];
            let info = &documents[id as usize];
            let ranges = tokens.docs[id as usize].ranges.iter().map(|r| {
                let map = &entry.fold_offsets;
                map.to_original(r.start as usize)..map.to_original_end(r.end as usize)
            });
            SegmentedDocument {
                id,
                name: info.name.clone(),
                title: info.title.clone(),
                date: info.date.clone(),
                source: info.source.clone(),
                text: spaced(&entry.cleaned.text, ranges),
            }
        })
        .collect())
}

/// The words at `ranges` of `text` separated by one space, or by `\n` where the text between
/// two words holds a line break.
fn spaced(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> String {
    let mut out = String::with_capacity(text.len() * 4 / 3);
    let mut last = None;
    for r in ranges {
        if let Some(end) = last {
            out.push(if text[end..r.start].contains('\n') {
                '\n'
            } else {
                ' '
            });
        }
        out.push_str(&text[r.clone()]);
        last = Some(r.end);
    }
    out
}

/// Reads the reference list of general Chinese (`dict/reference.txt`) and keeps it with the
/// corpus for [`reference_keywords_for`]; returns how many words it lists.
pub fn load_reference(corpus: &mut Corpus, bytes: &[u8]) -> Result<usize> {
    let reference = Reference::parse(bytes).map_err(|message| Error::BadReference { message })?;
    let words = reference.words();
    corpus.reference = Some(reference);
    Ok(words)
}

/// How [`reference_keywords_for`] chooses its target and its rows.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReferenceKeywordOptions {
    /// The target: a query selecting documents (see [`subset_ids`]); empty: the whole corpus.
    pub query: String,
    /// Leave stop words out of the rows (never out of the total).
    pub stopwords: bool,
    /// Minimum G² to list (3.84 = p < .05).
    pub min_g2: f64,
    /// Minimum frequency in the target.
    pub min_freq: u64,
    /// Also list negative keywords.
    pub negative: bool,
    /// Rows to return.
    pub limit: usize,
    /// Only words with a Han character.
    pub han_only: bool,
}

impl Default for ReferenceKeywordOptions {
    fn default() -> Self {
        let r = ReferenceOptions::default();
        ReferenceKeywordOptions {
            query: String::new(),
            stopwords: true,
            min_g2: r.min_g2,
            min_freq: r.min_freq,
            negative: r.negative,
            limit: r.limit,
            han_only: r.han_only,
        }
    }
}

/// The target of reference keywords: the query and how many documents it selected.
#[derive(Debug, Clone, Serialize)]
pub struct Subset {
    /// The query as given (empty: the whole corpus).
    pub query: String,
    /// Documents selected.
    pub docs: usize,
}

/// One keyword against general Chinese.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceKeywordRow {
    /// The word, folded.
    pub item: String,
    /// Occurrences in the target.
    pub freq: u64,
    /// Frequency in the reference list.
    pub freq_reference: u64,
    /// Documents of the target it occurs in.
    pub docs: u32,
    /// Log Ratio, target against reference.
    pub log_ratio: f64,
    /// Log-likelihood G².
    pub g2: f64,
}

/// Keywords of a part of the corpus against general Chinese.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceKeywords {
    /// Words in the target, punctuation left out (as the reference counts).
    pub tokens: u64,
    /// Words in the reference corpus.
    pub reference_tokens: u64,
    /// What was compared.
    pub subset: Subset,
    /// Always words.
    pub unit: Unit,
    /// Keywords, largest Log Ratio first.
    pub rows: Vec<ReferenceKeywordRow>,
}

/// The keywords of the documents `options.query` selects (the whole corpus when empty)
/// against the reference list loaded with [`load_reference`], counted on the word token
/// streams every word statistic uses. Needs the dictionary and the reference list.
pub fn reference_keywords_for(
    corpus: &mut Corpus,
    options: &ReferenceKeywordOptions,
) -> Result<ReferenceKeywords> {
    if corpus.reference.is_none() {
        return Err(Error::NoReference);
    }
    let ids = subset_ids(corpus, &options.query)?;
    corpus.token_streams(Unit::Word, false)?;
    let tokens = &corpus.tokens[&(Unit::Word, false)];
    let reference = corpus.reference.as_ref().ok_or(Error::NoReference)?;
    let mut counts: FxHashMap<u32, (u64, u32)> = FxHashMap::default();
    let mut total = 0u64;
    for &id in &ids {
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        for &t in &tokens.docs[id as usize].ids {
            if is_punctuation(&tokens.vocab[t as usize]) {
                continue;
            }
            total += 1;
            let entry = counts.entry(t).or_default();
            entry.0 += 1;
            if seen.insert(t) {
                entry.1 += 1;
            }
        }
    }
    let listed = counts
        .iter()
        .map(|(&t, &(n, _))| (tokens.vocab[t as usize].as_str(), n))
        .filter(|(word, _)| !options.stopwords || !is_stopword(word));
    let reference_options = ReferenceOptions {
        min_g2: options.min_g2,
        min_freq: options.min_freq,
        negative: options.negative,
        limit: options.limit,
        han_only: options.han_only,
    };
    let rows = reference_keywords(listed, total, reference, &reference_options)
        .into_iter()
        .map(|r| {
            let docs = tokens.id(&r.item).map_or(0, |t| counts[&t].1);
            ReferenceKeywordRow {
                item: r.item,
                freq: r.freq,
                freq_reference: r.freq_reference,
                docs,
                log_ratio: r.log_ratio,
                g2: r.g2,
            }
        })
        .collect();
    Ok(ReferenceKeywords {
        tokens: total,
        reference_tokens: reference.total(),
        subset: Subset {
            query: options.query.clone(),
            docs: ids.len(),
        },
        unit: Unit::Word,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &str = "快手 900\n合作 800\n宣布 700\n京东 600\n今天 500\n我们 500\n\
                         看到 500\n他们 500\n真的 500\n非常 500\n一起 500\n的 5000\n";

    fn corpus(docs: &[(&str, &str)]) -> Corpus {
        let mut c = Corpus::new();
        for (name, text) in docs {
            c.add_document(name, text.as_bytes()).unwrap();
        }
        c.load_dictionary(WORDS.as_bytes()).unwrap();
        c
    }

    #[test]
    fn segment_text_returns_pieces_of_the_original_traditional_text() {
        let mut c = corpus(&[]);
        c.add_word("電商").unwrap();
        let words = segment_text(&c, "快手電商與京東 合作，ＧＭＶ").unwrap();
        assert_eq!(
            words,
            ["快手", "電商", "與", "京東", "合作", "，", "ＧＭＶ"]
        );
        assert!(segment_text(&Corpus::new(), "快手").is_err());
    }

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
        let mut c = corpus(&docs);
        let found = found_words(&mut c, &FoundWordsOptions::default()).unwrap();
        assert!(!found.sampled);
        assert_eq!(found.rows[0].word, "氪金");
        assert_eq!(found.rows[0].docs, 60);
        c.add_word("氪金").unwrap();
        let found = found_words(&mut c, &FoundWordsOptions::default()).unwrap();
        assert!(found.rows.iter().all(|r| r.word != "氪金"));
        let few = FoundWordsOptions {
            max_chars: 100,
            ..FoundWordsOptions::default()
        };
        let sample = found_words(&mut c, &few).unwrap();
        assert!(sample.sampled && sample.chars <= 100 && sample.chars > 90);
    }

    #[test]
    fn spread_sample_takes_documents_from_the_whole_list_and_cuts_the_last() {
        let texts = ["一二", "三四", "五六", "七八", "九十"];
        let (sample, chars, sampled) = spread_sample(&texts, 5);
        assert!(sampled);
        assert_eq!(chars, 5);
        assert_eq!(sample, ["一二", "五六", "九"]);
        let (one, chars, _) = spread_sample(&["一二三四五六七八九十"], 4);
        assert_eq!((one, chars), (vec!["一二三四"], 4));
        let (all, chars, sampled) = spread_sample(&texts, 10);
        assert_eq!((all.len(), chars, sampled), (5, 10, false));
    }

    #[test]
    fn segmented_documents_space_the_words_and_keep_paragraphs() {
        let mut c = corpus(&[
            ("tw.txt", "京東宣布與快手合作。\n\n我們看到這個"),
            ("cn.txt", "京东与快手"),
        ]);
        let rows = segmented_documents(&mut c, &SegmentedOptions::default()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "tw.txt");
        assert_eq!(rows[0].text, "京東 宣布 與 快手 合作 。\n我們 看到 這 個");
        let only = SegmentedOptions {
            query: "与".into()
        };
        let rows = segmented_documents(&mut c, &only).unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [0, 1]);
        let trad = SegmentedOptions {
            query: "script:trad".into(),
        };
        let rows = segmented_documents(&mut c, &trad).unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn reference_keywords_count_only_the_subset_without_punctuation() {
        let mut c = corpus(&[
            ("tw.txt", "快手快手快手快手快手快手，京東京東京東京東京東。"),
            ("cn.txt", "我们今天合作。"),
        ]);
        assert_eq!(
            reference_keywords_for(&mut c, &ReferenceKeywordOptions::default()).unwrap_err(),
            Error::NoReference
        );
        let reference = "%total 1000000\n快手 10\n京东 5000\n合作 3000\n的 40000\n";
        assert_eq!(load_reference(&mut c, reference.as_bytes()).unwrap(), 4);
        let options = ReferenceKeywordOptions {
            query: "script:trad".into(),
            ..ReferenceKeywordOptions::default()
        };
        let k = reference_keywords_for(&mut c, &options).unwrap();
        assert_eq!(
            (k.subset.docs, k.tokens, k.reference_tokens),
            (1, 11, 1_000_000)
        );
        let items: Vec<&str> = k.rows.iter().map(|r| r.item.as_str()).collect();
        assert_eq!(items, ["快手", "京东"]);
        assert_eq!(
            (k.rows[0].freq, k.rows[0].freq_reference, k.rows[0].docs),
            (6, 10, 1)
        );
        let whole = reference_keywords_for(&mut c, &ReferenceKeywordOptions::default()).unwrap();
        assert_eq!((whole.subset.docs, whole.tokens), (2, 14));
        assert!(load_reference(&mut c, b"<html>").is_err());
        let bad = ReferenceKeywordOptions {
            query: "date:nonsense".into(),
            ..ReferenceKeywordOptions::default()
        };
        assert!(reference_keywords_for(&mut c, &bad).is_err());
    }
}
