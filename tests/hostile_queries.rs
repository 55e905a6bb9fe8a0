//! Hostile queries against the bundled articles: each gets an answer or a clear message, in
//! bounded time, and the corpus keeps working afterwards.

mod common;

use std::time::{Duration, Instant};

use corpus_explorer::search::SearchOptions;
use corpus_explorer::Corpus;

fn corpus() -> Corpus {
    common::seed_corpus()
}

/// Generous: these take milliseconds; the bound only catches exponential blow-ups, on a
/// shared, noisy machine running debug builds.
const BOUND: Duration = Duration::from_secs(10);

#[test]
fn every_hostile_query_gets_an_answer_or_a_message_in_bounded_time() {
    let mut c = corpus();
    let long = "京".repeat(10_000);
    let cases: Vec<(&str, Option<&str>)> = vec![
        ("", None),
        ("   ", None),
        ("，。！？、", None),
        ("((((", None),
        ("快手)", None),
        ("\"京东 快手", Some("never closed")),
        ("“京东", Some("never closed")),
        ("/(a*)*b/", None),
        ("/(x+x+)+y/", None),
        ("/(.*){20}京东/", None),
        ("/((((((((((((((((((((a))))))))))))))))))))/", None),
        ("/[/", Some("not valid")),
        ("/a{1000}{1000}/", Some("not valid")),
        (long.as_str(), Some("Shorten")),
        ("OR", Some("OR needs")),
        ("- - -", Some("must be followed")),
        ("date:", Some("needs a value")),
    ];
    for (q, expected) in cases {
        let start = Instant::now();
        let outcome = c.search(q, &SearchOptions::default());
        assert!(
            start.elapsed() < BOUND,
            "{:.40}… took {:?}",
            q,
            start.elapsed()
        );
        match (expected, outcome) {
            (None, Ok(_)) => {}
            (Some(words), Err(e)) => assert!(e.to_string().contains(words), "{:.40}: {e}", q),
            (None, Err(e)) => panic!("{:.40} should be answered, got: {e}", q),
            (Some(words), Ok(_)) => panic!("{:.40} should say “{words}”", q),
        }
    }
    // Nothing above broke the corpus.
    assert_eq!(
        c.search("京东", &SearchOptions::default()).unwrap().total,
        3
    );
}
