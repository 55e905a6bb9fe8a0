//! Test fixtures shared by the crate's unit tests and the integration tests (`tests/common`):
//! one corpus builder, and the bundled seeds as named constants that say what each one shows.
//! Not part of the API; hidden from the docs. The seeds are `include_bytes!` constants, so a
//! build that does not use them (the wasm) carries none of them.

use crate::Corpus;

pub mod generated;

/// A bundled seed file: its name in `seeds/` and its bytes exactly as scraped.
#[derive(Debug, Clone, Copy)]
pub struct Seed {
    /// The file name, which the golden snapshots and document names use.
    pub name: &'static str,
    /// The file's bytes.
    pub bytes: &'static [u8],
}

macro_rules! seed {
    ($file:literal) => {
        Seed {
            name: $file,
            bytes: include_bytes!(concat!("../seeds/", $file)),
        }
    };
}

/// 000 — the Traditional-script article (京東牽“快手”): a Simplified query must find it and
/// show its matches as it writes them; its title repeats as a heading mid-text, a photo caption
/// and a share/related-links footer are furniture.
pub const TRADITIONAL_ARTICLE: Seed = seed!("000_160cb79cbc9dbeea.txt");

/// 001 — the condensed-copy duplicate: the whole article condensed onto one line before the
/// real paragraphs (and an account name before the title); the only dated article (2020-07-17).
pub const CONDENSED_COPY: Seed = seed!("001_309b811cfa3d92f8.txt");

/// 002 — the account-sale widget at top and bottom, SEO phrases injected mid-sentence
/// (快手号买卖), a site disclaimer and URL.
pub const ACCOUNT_SALE_WIDGET: Seed = seed!("002_8288d1e6a0cd6100.txt");

/// 003 — machine-translated names: 抖音 appears as 颤音 and 快手 as "Aauto" (name variants);
/// image credit, a repeated headline, `【/s2/】` markers, byline and source URL.
pub const MACHINE_TRANSLATED_NAMES: Seed = seed!("003_85f297a51afbf37a.txt");

/// 004 — pasted-title spam: an SEO phrase (不走抖音平台交易…) pasted into the title and glued
/// into sentences several times.
pub const PASTED_TITLE_SPAM: Seed = seed!("004_43bb41bc52e1228d.txt");

/// Every seed in file-name order, the order the site loads them: document ids 0 to 4.
pub const SEEDS: [Seed; 5] = [
    TRADITIONAL_ARTICLE,
    CONDENSED_COPY,
    ACCOUNT_SALE_WIDGET,
    MACHINE_TRANSLATED_NAMES,
    PASTED_TITLE_SPAM,
];

/// A corpus of `(name, text)` documents, added in order (ids 0, 1, …).
pub fn named_corpus(docs: &[(&str, &str)]) -> Corpus {
    let mut corpus = Corpus::new();
    for (name, text) in docs {
        corpus
            .add_document(name, text.as_bytes())
            .expect("test document is usable");
    }
    corpus
}

/// A corpus of texts named `0.txt`, `1.txt`, … in order.
pub fn corpus<S: AsRef<str>>(texts: &[S]) -> Corpus {
    let names: Vec<String> = (0..texts.len()).map(|i| format!("{i}.txt")).collect();
    let docs: Vec<(&str, &str)> = names
        .iter()
        .zip(texts)
        .map(|(n, t)| (n.as_str(), t.as_ref()))
        .collect();
    named_corpus(&docs)
}

/// A corpus of the five bundled seeds, ids in [`SEEDS`] order.
pub fn seed_corpus() -> Corpus {
    let mut corpus = Corpus::new();
    for seed in SEEDS {
        corpus
            .add_document(seed.name, seed.bytes)
            .expect("seed decodes");
    }
    corpus
}

/// A small word list (`word frequency` lines) for word-level tests: a few common words and
/// two company names, so that what is not listed is left to the HMM or the lexicon.
pub const WORDS: &str = "快手 900\n合作 800\n宣布 700\n京东 600\n今天 500\n我们 500\n\
                         看到 500\n他们 500\n真的 500\n非常 500\n一起 500\n的 5000\n";

/// A corpus of `docs` (name, text) with the word list `words` (`word frequency` lines) loaded,
/// for word-level tests.
pub fn corpus_with_words(docs: &[(&str, &str)], words: &str) -> Corpus {
    let mut corpus = named_corpus(docs);
    corpus
        .load_dictionary(words.as_bytes())
        .expect("a test word list");
    corpus
}

/// Answers `query` from a sharded site in memory as the page does: asks what is needed, adds
/// it from `site`, until nothing is missing; returns the answer and the number of rounds.
pub fn sharded_search(
    site: &crate::shard::ShardedSite,
    corpus: &mut crate::shard::ShardedCorpus,
    query: &str,
    options: &crate::search::SearchOptions,
) -> crate::Result<(crate::search::SearchResults, usize)> {
    let mut rounds = 0;
    loop {
        let needed = corpus.needed(query, options)?;
        if needed.is_empty() {
            return Ok((corpus.search(query, options)?, rounds));
        }
        rounds += 1;
        assert!(rounds <= 7, "a query needs at most seven rounds ({query})");
        for id in needed {
            let name = id.name();
            let (_, bytes) = site
                .shards
                .iter()
                .find(|(n, _)| *n == name)
                .expect("every shard asked for is in the site");
            corpus.add_shard(&name, bytes)?;
        }
    }
}
