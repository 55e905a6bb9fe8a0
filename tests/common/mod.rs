//! Shared fixtures of the integration tests: the bundled articles.
// Each test crate compiles this module on its own and uses part of it.
#![allow(dead_code)]

use std::path::Path;

use corpus_explorer::Corpus;

/// The bundled seeds as (file name, bytes), in the order the site loads them (by name), so
/// document ids are 0 = 000 … 4 = 004.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&p).expect("readable seed"))
        })
        .collect()
}

/// A corpus of the five bundled articles.
pub fn seed_corpus() -> Corpus {
    let mut corpus = Corpus::new();
    for (name, bytes) in seeds() {
        corpus.add_document(&name, &bytes).expect("seed decodes");
    }
    corpus
}
