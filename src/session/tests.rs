//! The session's API end to end: search, highlight, removal, limits.

use super::Session as Corpus;
use crate::error::Error;
use crate::search::SearchOptions;
use crate::testing::named_corpus as corpus;

#[test]
fn simplified_query_finds_traditional_text_shown_in_its_own_script() {
    let mut c = corpus(&[("tw", "京東牽“快手”\n\n京東零售"), ("cn", "快手与淘宝")]);
    let r = c.search("京东", &SearchOptions::default()).unwrap();
    assert_eq!((r.total, r.occurrences), (1, 2));
    assert_eq!(r.hits[0].snippets[0].matched, "京東");
}

#[test]
fn traditional_query_finds_simplified_text() {
    let mut c = corpus(&[("cn", "宣布与京东达成合作")]);
    let r = c.search("京東", &SearchOptions::default()).unwrap();
    assert_eq!(r.hits[0].snippets[0].matched, "京东");
}

#[test]
fn full_width_query_matches_half_width_text_and_back() {
    let mut c = corpus(&[("a", "ＧＭＶ达到1758亿元"), ("b", "gmv")]);
    let r = c.search("GMV", &SearchOptions::default()).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(
        r.hits.iter().find(|h| h.id == 0).unwrap().snippets[0].matched,
        "ＧＭＶ"
    );
}

#[test]
fn ranks_by_occurrences_then_id() {
    let mut c = corpus(&[("one", "快手"), ("two", "快手快手"), ("three", "快手")]);
    let ids: Vec<u32> = c
        .search("快手", &SearchOptions::default())
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(ids, [1, 0, 2]);
}

#[test]
fn pages_through_hits() {
    let mut c = corpus(&[("a", "快手"), ("b", "快手"), ("c", "快手")]);
    let options = SearchOptions {
        limit: 1,
        offset: 1,
        ..SearchOptions::default()
    };
    let r = c.search("快手", &options).unwrap();
    assert_eq!((r.total, r.hits.len(), r.hits[0].id), (3, 1, 1));
}

#[test]
fn empty_and_blank_queries_find_nothing() {
    let mut c = corpus(&[("a", "快手")]);
    assert_eq!(c.search("", &SearchOptions::default()).unwrap().total, 0);
    assert_eq!(
        c.search("  \u{3000}", &SearchOptions::default())
            .unwrap()
            .total,
        0
    );
}

#[test]
fn highlight_marks_every_occurrence_and_keeps_the_text() {
    let mut c = corpus(&[("tw", "京東，京東！")]);
    let pieces = c.highlight(0, "京东").unwrap();
    assert_eq!(
        pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
        "京東，京東！"
    );
    assert_eq!(pieces.iter().filter(|p| p.matched).count(), 2);
}

#[test]
fn a_bad_file_leaves_the_corpus_as_it_was() {
    let mut c = corpus(&[("a", "快手")]);
    assert!(c.add_document("bad.bin", b"\0\x01\x02").is_err());
    assert_eq!(c.len(), 1);
    assert_eq!(
        c.search("快手", &SearchOptions::default()).unwrap().total,
        1
    );
}

#[test]
fn going_past_the_size_limit_is_refused_with_a_message_and_nothing_lost() {
    let mut c = Corpus::with_limit(2_000_000);
    let text = "京东快手".repeat(100_000); // 1.2 MB
    c.add_document("a.txt", text.as_bytes()).unwrap();
    let err = c.add_document("b.txt", text.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("larger than 2 MB"), "{err}");
    assert_eq!(c.len(), 1);
    assert_eq!(
        c.search("京东", &SearchOptions::default()).unwrap().total,
        1
    );
}

#[test]
fn unknown_ids_are_errors_not_panics() {
    let mut c = corpus(&[("a", "快手")]);
    assert_eq!(c.text(7), Err(Error::UnknownDocument { id: 7 }));
    assert!(c.highlight(7, "快").is_err());
}

/// Documents, variants and words of `b` added to `a` (issue 15, "open a corpus and add it").
#[test]
fn adding_a_snapshot_appends_its_documents_as_if_their_files_were_added() {
    let mut a = corpus(&[("a.txt", "京东与快手宣布达成战略合作")]);
    let mut b = corpus(&[("b.txt", "抖音直播带货"), ("c.txt", "京東與淘寶合作")]);
    b.add_variant("抖音", "抖抖").unwrap();
    b.add_word("直播带货").unwrap();
    let ids = a.add_snapshot(&b.save()).unwrap();
    assert_eq!(ids, vec![1, 2]);
    let names: Vec<String> = a.documents().into_iter().map(|d| d.name).collect();
    assert_eq!(names, ["a.txt", "b.txt", "c.txt"]);

    let mut direct = corpus(&[
        ("a.txt", "京东与快手宣布达成战略合作"),
        ("b.txt", "抖音直播带货"),
        ("c.txt", "京東與淘寶合作"),
    ]);
    direct.add_variant("抖音", "抖抖").unwrap();
    let variants = SearchOptions {
        variants: true,
        ..SearchOptions::default()
    };
    for (query, options) in [("京东", SearchOptions::default()), ("抖抖", variants)] {
        let merged = a.search(query, &options).unwrap();
        let expected = direct.search(query, &options).unwrap();
        assert_eq!(merged.total, expected.total, "{query}");
        let ids = |r: &crate::search::SearchResults| r.hits.iter().map(|h| h.id).collect::<Vec<_>>();
        assert_eq!(ids(&merged), ids(&expected), "{query}");
    }
    assert_eq!(a.user_words(), ["直播带货"]);
    assert_eq!(a.raw_text(2).unwrap(), "京東與淘寶合作");
}

#[test]
fn adding_a_damaged_truncated_or_foreign_snapshot_changes_nothing() {
    let mut a = corpus(&[("a.txt", "京东与快手宣布达成战略合作")]);
    let good = corpus(&[("b.txt", "抖音直播带货")]).save();
    let mut damaged = good.clone();
    let last = damaged.len() - 3;
    damaged[last] ^= 0xff;
    let truncated = &good[..good.len() / 2];
    let foreign = "京东与快手".as_bytes();
    for bytes in [&damaged[..], truncated, foreign] {
        assert!(a.add_snapshot(bytes).is_err());
        assert_eq!(a.len(), 1);
    }
    assert!(matches!(a.add_snapshot(foreign), Err(Error::NotASnapshot)));
}

#[test]
fn adding_a_snapshot_past_the_size_limit_takes_its_documents_out_again() {
    let mut a = Corpus::with_limit(40);
    a.add_document("a.txt", "京东与快手合作".as_bytes()).unwrap();
    let big = corpus(&[("b.txt", "抖音直播"), ("c.txt", "京东与淘宝宣布达成战略合作协议")]).save();
    assert!(matches!(a.add_snapshot(&big), Err(Error::TooLarge { .. })));
    let names: Vec<String> = a.documents().into_iter().map(|d| d.name).collect();
    assert_eq!(names, ["a.txt"]);
}
