//! Save and open: a corpus opened from its snapshot answers every call exactly as the one
//! that saved it — search, reader, text, documents, entities, user words, word frequencies
//! after the same dictionary — and goes on changing the same way (adding, removing).
//! Answers are compared as JSON, the form JavaScript gets them in. The 48 queries of the
//! query table are checked in `tests/queries.rs`.
mod common;

use corpus_explorer::analyse::frequency::{FrequencyOptions, ListUnit};
use corpus_explorer::search::{SearchOptions, Sort};
use corpus_explorer::Corpus;
use proptest::prelude::*;
use serde::Serialize;

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("answers serialize")
}

/// Every answer of `corpus` to `queries` (search in three modes, the reader of every document,
/// highlights), its documents, texts, entities and user words, as one comparable list.
fn answers(corpus: &mut Corpus, queries: &[&str]) -> Vec<String> {
    let mut out = vec![
        json(&corpus.documents()),
        json(&corpus.user_words()),
        format!("{:?}", corpus.entities()),
    ];
    for id in 0..corpus.len() as u32 {
        out.push(corpus.text(id).unwrap().into_owned());
        out.push(corpus.raw_text(id).unwrap().into_owned());
    }
    for q in queries {
        for (include_removed, variants) in [(false, false), (true, false), (false, true)] {
            let options = SearchOptions {
                include_removed,
                variants,
                limit: 100,
                sort: Sort::Relevance,
                ..SearchOptions::default()
            };
            out.push(format!(
                "{q}: {}",
                json(&corpus.search(q, &options).map_err(|e| e.to_string()))
            ));
            for id in 0..corpus.len() as u32 {
                out.push(json(
                    &corpus.reader(id, q, &options).map_err(|e| e.to_string()),
                ));
                out.push(json(&corpus.highlight(id, q).map_err(|e| e.to_string())));
            }
        }
    }
    out
}

const QUERIES: &[&str] = &[
    "京东",
    "快手",
    "東",
    "a",
    "快手 -京东",
    "title:快手",
    "/[0-9]+/",
    "\"电商 直播\"",
    "颤音",
    "分享到",
];

fn reopened(corpus: &Corpus) -> Corpus {
    Corpus::open(&corpus.save()).expect("a snapshot opens")
}

#[test]
fn the_seeds_answer_the_same_after_save_and_open() {
    let mut saved = common::seed_corpus();
    saved.add_variant("抖音", "抖抖音").unwrap();
    saved.add_word("直播电商").unwrap();
    let mut opened = reopened(&saved);
    assert_eq!(answers(&mut opened, QUERIES), answers(&mut saved, QUERIES));
}

#[test]
fn an_unsearched_corpus_saves_its_index_too() {
    // The index is built on the first search; save() must not need one first.
    let saved = common::seed_corpus();
    let mut opened = reopened(&saved);
    let mut searched = common::seed_corpus();
    assert_eq!(
        answers(&mut opened, QUERIES),
        answers(&mut searched, QUERIES)
    );
}

#[test]
fn word_frequencies_agree_once_the_same_dictionary_is_loaded() {
    let dictionary = "快手 10\n电商 10\n直播 8\n京东 9\n".as_bytes();
    let mut saved = common::seed_corpus();
    saved.add_word("老铁").unwrap();
    let mut opened = reopened(&saved);
    assert!(
        !opened.has_dictionary(),
        "the word list is not in the snapshot"
    );
    saved.load_dictionary(dictionary).unwrap();
    opened.load_dictionary(dictionary).unwrap();
    for unit in [ListUnit::Word, ListUnit::Char, ListUnit::Ngram] {
        let options = FrequencyOptions {
            unit,
            limit: 1000,
            ..FrequencyOptions::default()
        };
        assert_eq!(
            json(&opened.frequencies(&options).unwrap()),
            json(&saved.frequencies(&options).unwrap())
        );
    }
}

#[test]
fn an_opened_corpus_finds_copies_of_its_documents_in_a_new_one() {
    // Copies across documents need the paragraph keys, which the snapshot leaves out and
    // opening rebuilds when a document is added.
    let copy = std::str::from_utf8(common::CONDENSED_COPY.bytes).unwrap();
    let mut saved = common::seed_corpus();
    let mut opened = reopened(&saved);
    saved.add_document("copy.txt", copy.as_bytes()).unwrap();
    opened.add_document("copy.txt", copy.as_bytes()).unwrap();
    assert!(!saved.documents()[5].removed.is_empty());
    assert_eq!(answers(&mut opened, QUERIES), answers(&mut saved, QUERIES));
    saved.remove_document(1).unwrap();
    opened.remove_document(1).unwrap();
    assert_eq!(answers(&mut opened, QUERIES), answers(&mut saved, QUERIES));
}

#[test]
fn an_empty_corpus_round_trips_and_keeps_its_limit() {
    let mut saved = Corpus::with_limit(10);
    let mut opened = reopened(&saved);
    assert_eq!(answers(&mut opened, QUERIES), answers(&mut saved, QUERIES));
    assert!(opened
        .add_document("big.txt", "京东快手电商直播".as_bytes())
        .is_err());
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Random corpora over a small alphabet with page furniture, copies across documents,
    /// full-width letters (which fold to a shorter form) and astral characters, with user
    /// variants and words: the opened corpus answers exactly as the saved one.
    #[test]
    fn random_corpora_answer_the_same_after_save_and_open(
        docs in prop::collection::vec(
            prop::collection::vec("[京東东快手电商 。，Ａa1\u{20000}]{0,30}|分享到微信|相关文章", 1..8)
                .prop_map(|lines| lines.join("\n")),
            0..6,
        ),
        repeat in any::<prop::sample::Index>(),
        variant in "[京东快手]{2,3}",
        word in "[京东快手电商]{2,4}",
        query in "[京東东快手电商Ａa1]{1,3}",
    ) {
        let mut texts = docs.clone();
        if !docs.is_empty() {
            // A copy of an earlier document, so cross-document duplicates occur.
            texts.push(docs[repeat.index(docs.len())].clone());
        }
        let mut saved = Corpus::new();
        for (i, t) in texts.iter().enumerate() {
            let _ = saved.add_document(&format!("{i}.txt"), t.as_bytes());
        }
        let _ = saved.add_variant("某公司", &variant);
        let _ = saved.add_word(&word);
        let mut opened = reopened(&saved);
        let queries = [query.as_str(), "分享到", "某公司"];
        prop_assert_eq!(answers(&mut opened, &queries), answers(&mut saved, &queries));
        // And saving the opened corpus gives the same bytes.
        prop_assert_eq!(opened.save(), saved.save());
    }
}

/// Readers keep corpora in the browser's storage for weeks: a snapshot written by format 2
/// (pair postings; main at ddbae4c, `tests/fixtures/format2-seeds.corpus`: the seeds, a
/// document of full-width, astral and Latin characters, a user variant and a user word)
/// opens, its index converted, and answers as the same corpus built now — and saves as
/// that corpus does.
#[test]
fn a_format_2_snapshot_opens_and_answers_as_the_corpus_built_now() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/format2-seeds.corpus"
    ))
    .expect("fixture");
    assert_eq!(u32::from_le_bytes(bytes[8..12].try_into().unwrap()), 2);
    let mut opened = Corpus::open(&bytes).expect("a format-2 snapshot opens");
    let mut built = common::seed_corpus();
    built
        .add_document(
            "wide.txt",
            "Ａｂ京東快手\u{20000}電商 618 jd\n分享到微信".as_bytes(),
        )
        .unwrap();
    built.add_variant("抖音", "抖抖音").unwrap();
    built.add_word("直播电商").unwrap();
    let queries = [QUERIES, &["618", "jd", "ab", "\u{20000}电", "b京东"]].concat();
    assert_eq!(answers(&mut opened, &queries), answers(&mut built, &queries));
    assert_eq!(opened.save(), built.save());
}
