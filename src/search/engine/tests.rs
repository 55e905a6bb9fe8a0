//! The engine against a naive evaluation of the query language, and its edge cases.

use super::*;
use crate::Corpus;

/// The shared builder, for the `String` documents these tests make.
fn corpus(docs: &[String]) -> Corpus {
    crate::testing::corpus(docs)
}
use proptest::prelude::*;

fn search(c: &mut Corpus, q: &str) -> SearchResults {
    c.search(
        q,
        &SearchOptions {
            limit: 1000,
            sort: Sort::Order,
            ..SearchOptions::default()
        },
    )
    .unwrap()
}

#[test]
fn latin_terms_match_whole_tokens_only() {
    let mut c = corpus(&[
        "今年618大促".into(),
        "编号26180号".into(),
        "JD.COM和JDX".into(),
    ]);
    let ids = |r: SearchResults| r.hits.iter().map(|h| (h.id, h.count)).collect::<Vec<_>>();
    assert_eq!(ids(search(&mut c, "618")), [(0, 1)]);
    assert_eq!(ids(search(&mut c, "jd")), [(2, 1)]);
}

#[test]
fn a_regex_is_folded_like_the_text_and_ignores_case() {
    let mut c = corpus(&["京東與快手合作，GMV大增".into()]);
    let r = search(&mut c, "/京东.快手/");
    assert_eq!(r.hits[0].snippets[0].matched, "京東與快手");
    assert_eq!(search(&mut c, "/gmv/").total, 1);
}

#[test]
fn pathological_regexes_are_refused_or_answered_quickly() {
    let mut c = corpus(&["啊".repeat(5000)]);
    let start = std::time::Instant::now();
    let _ = c.search("/(啊*)*啊+$/", &SearchOptions::default());
    let _ = c.search("/(a{100}){100}/", &SearchOptions::default());
    assert!(
        start.elapsed().as_secs() < 10,
        "regex search must stay linear"
    );
    assert!(c
        .search(
            &format!("/{}/", "a".repeat(MAX_REGEX_CHARS + 1)),
            &SearchOptions::default()
        )
        .is_err());
}

#[test]
fn an_empty_regex_match_is_not_an_occurrence() {
    let mut c = corpus(&["快手".into()]);
    assert_eq!(search(&mut c, "/x*/").total, 0);
}

#[test]
fn nested_variants_count_once() {
    let mut c = corpus(&["Aauto Quicker和Aauto".into()]);
    let r = c
        .search(
            "快手",
            &SearchOptions {
                variants: true,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(r.occurrences, 2);
}

/// A naive reference for the query language: a document matches when every clause has a
/// term contained in its folded text and no excluded term is; the count is the number of
/// occurrences of the positive terms.
fn naive(docs: &[String], must: &[Vec<String>], not: &[String]) -> Vec<(u32, usize)> {
    if must.is_empty() && not.is_empty() {
        return Vec::new(); // an empty query asks for nothing
    }
    let count = |text: &str, q: &str| {
        text.char_indices()
            .filter(|(i, _)| text[*i..].starts_with(q))
            .count()
    };
    let mut out = Vec::new();
    for (id, d) in docs.iter().enumerate() {
        let text = crate::fold::fold(d).text;
        let ok = must
            .iter()
            .all(|c| c.iter().any(|t| text.contains(&fold_query(t))))
            && !not.iter().any(|t| text.contains(&fold_query(t)));
        if ok {
            let n = must
                .iter()
                .flatten()
                .map(|t| count(&text, &fold_query(t)))
                .sum();
            out.push((id as u32, n));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn query_language_equals_naive_evaluation(
        docs in prop::collection::vec("[京東东快手电電商台臺]{1,30}", 1..5),
        must in prop::collection::vec(prop::collection::vec("[京東东快手电電商台臺]{1,3}", 1..3), 0..3),
        not in prop::collection::vec("[京東东快手电電商台臺]{2,3}", 0..2),
    ) {
        // Documents keep one paragraph each, and duplicates across documents are removed
        // by cleaning, so make every document distinct and long enough to stay whole.
        let docs: Vec<String> = docs.iter().enumerate().map(|(i, d)| format!("{d}{}", "。".repeat(i + 1))).collect();
        let mut c = corpus(&docs);
        let cleaned: Vec<String> = (0..docs.len() as u32).map(|i| c.text(i).unwrap().into_owned()).collect();
        let query = must
            .iter()
            .map(|clause| clause.join(" OR "))
            .chain(not.iter().map(|t| format!("-{t}")))
            .collect::<Vec<_>>()
            .join(" ");
        // Terms that appear both in a clause and overlapping each other count separately
        // in the naive reference; the engine does the same (occurrences per term).
        let got: Vec<(u32, usize)> = search(&mut c, &query).hits.iter().map(|h| (h.id, h.count)).collect();
        prop_assert_eq!(got, naive(&cleaned, &must, &not), "query {}", query);
    }
}

proptest! {
    /// The title check's byte scan agrees with `str::contains` (Chinese, Latin, empty
    /// needles, needles longer than the title).
    #[test]
    fn contains_equals_str_contains(
        hay in "[京东快手a-c。]{0,24}",
        needle in "[京东快手a-c。]{0,3}",
    ) {
        prop_assert_eq!(contains(&hay, &needle), hay.contains(needle.as_str()));
    }
}
