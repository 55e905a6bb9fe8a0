//! Shared fixtures of the integration tests: the crate's own test support
//! (`corpus_explorer::testing`), so that unit and integration tests build corpora and read the
//! bundled seeds one way.
// Each test crate compiles this module on its own and uses part of it.
#![allow(dead_code, unused_imports)]

use corpus_explorer::Corpus;

pub use corpus_explorer::testing::{
    corpus, named_corpus, Seed, ACCOUNT_SALE_WIDGET, CONDENSED_COPY, MACHINE_TRANSLATED_NAMES,
    PASTED_TITLE_SPAM, SEEDS, TRADITIONAL_ARTICLE,
};

/// The bundled seeds as (file name, bytes), in the order the site loads them (by name), so
/// document ids are 0 = 000 … 4 = 004.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    SEEDS
        .iter()
        .map(|s| (s.name.to_owned(), s.bytes.to_vec()))
        .collect()
}

/// A corpus of the five bundled articles.
pub fn seed_corpus() -> Corpus {
    corpus_explorer::testing::seed_corpus()
}
