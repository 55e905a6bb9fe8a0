//! The analysis views on the bundled articles, at the character level (the word list is a
//! separate file the page loads; word-level behaviour is unit-tested in src/analyse/).
//!
//! Expected counts come from the cleaned texts in tests/golden/ (grep), document ids from the
//! seeds' file order: 0 = 000 (Traditional), 1 = 001 (the only dated article, 2020-07-17),
//! 2 = 002, 3 = 003 (machine-translated, 颤音 × 40), 4 = 004.
mod common;

use corpus_explorer::analyse::collocates::CollocateOptions;
use corpus_explorer::analyse::concordance::{ConcordanceOptions, SortKey};
use corpus_explorer::analyse::frequency::{FrequencyOptions, ListUnit};
use corpus_explorer::analyse::keywords::KeywordOptions;
use corpus_explorer::analyse::tokens::Unit;
use corpus_explorer::analyse::trends::TermOptions;
use corpus_explorer::store::TextView;
use corpus_explorer::Corpus;

fn corpus() -> Corpus {
    common::seed_corpus()
}

#[test]
fn concordance_lists_every_match_of_jd_in_either_script() {
    let mut c = corpus();
    let k = c
        .concordance(
            "京东",
            &ConcordanceOptions {
                limit: 1000,
                ..ConcordanceOptions::default()
            },
        )
        .unwrap();
    // 29 in 000 (京東), 14 in 001, 9 in 004.
    assert_eq!(k.total, 29 + 14 + 9);
    assert!(k
        .lines
        .iter()
        .filter(|l| l.id == 0)
        .all(|l| l.matched == "京東"));
    assert!(k
        .lines
        .iter()
        .filter(|l| l.id != 0)
        .all(|l| l.matched == "京东"));
}

#[test]
fn concordance_sorts_by_the_character_to_the_right() {
    let mut c = corpus();
    let options = ConcordanceOptions {
        sort: vec![SortKey::R1],
        unit: Some(Unit::Char),
        limit: 1000,
        ..ConcordanceOptions::default()
    };
    let k = c.concordance("京东", &options).unwrap();
    let firsts: Vec<String> = k
        .lines
        .iter()
        .map(|l| {
            corpus_explorer::fold::fold_query(
                &l.right.chars().next().map(String::from).unwrap_or_default(),
            )
        })
        .collect();
    let mut sorted = firsts.clone();
    sorted.sort();
    assert_eq!(firsts, sorted);
}

#[test]
fn dispersion_and_trends_count_what_search_counts() {
    let mut c = corpus();
    let d = c
        .dispersion(&["颤音".into(), "京东".into()], &TermOptions::default())
        .unwrap();
    assert_eq!(d.counts, [40, 52]);
    assert!(d.dp[0] > d.dp[1], "颤音 sits in one article, 京东 in three");
    let t = c.trends(&["京东".into()], &TermOptions::default()).unwrap();
    assert_eq!(t.docs[0].id, 1, "the only dated article comes first");
    assert_eq!(t.docs.iter().map(|d| d.counts[0]).sum::<usize>(), 52);
}

#[test]
fn character_frequencies_put_de_near_the_top_spread_over_every_article() {
    let mut c = corpus();
    let list = c
        .frequencies(&FrequencyOptions {
            unit: ListUnit::Char,
            limit: 5,
            ..FrequencyOptions::default()
        })
        .unwrap();
    let de = list
        .rows
        .iter()
        .find(|r| r.item == "的")
        .expect("的 among the five most frequent characters");
    assert_eq!(de.docs, 5);
    assert!(de.dp < 0.2, "的 is spread evenly: DP {}", de.dp);
}

#[test]
fn keywords_of_the_machine_translated_article_are_its_garbles() {
    let mut c = corpus();
    let options = KeywordOptions {
        unit: Some(Unit::Char),
        ..KeywordOptions::default()
    };
    let k = c.keywords(3, &options).unwrap();
    let top: Vec<&str> = k.rows.iter().take(10).map(|r| r.item.as_str()).collect();
    assert!(top.contains(&"颤"), "top keywords of 003: {top:?}");
}

#[test]
fn collocates_of_jd_include_kuaishou() {
    let mut c = corpus();
    let options = CollocateOptions {
        unit: Some(Unit::Char),
        ..CollocateOptions::default()
    };
    let k = c.collocates("京东", &options).unwrap();
    assert_eq!(k.node, 52);
    assert!(
        k.rows.iter().take(20).any(|r| r.item == "快"),
        "{:?}",
        k.rows.iter().take(20).map(|r| &r.item).collect::<Vec<_>>()
    );
}

#[test]
fn figures_come_with_their_document_and_sentence_in_the_original_script() {
    let c = corpus();
    let figures = c.figures(TextView::Article);
    let market = figures
        .iter()
        .find(|f| f.figure.text == "4338億元")
        .expect("000 states the market size");
    assert_eq!(market.id, 0);
    assert_eq!(market.figure.value, Some(4.338e11));
    assert!(market.sentence_text.contains("直播電商市場規模"));
    assert!(figures
        .iter()
        .any(|f| f.id == 4 && f.figure.text == "86.1%"));
    // The account-sale widget of 002 is removed, so its "13.2WW" is no figure of the article.
    assert!(!figures
        .iter()
        .any(|f| f.id == 2 && f.figure.text.contains("WW")));
}
