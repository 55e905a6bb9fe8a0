//! The query table: queries over the bundled articles with the documents each must find,
//! worked out by hand from the seed files (grep and reading), not from the engine's output.
//!
//! Document ids follow the seeds' file order: 0 = 000 (Traditional, JD × Kuaishou),
//! 1 = 001 (Kuaishou's double subsidy), 2 = 002 (Kuaishou e-commerce conference, account-sale
//! widget), 3 = 003 (machine-translated: 抖音 → 颤音, 快手 → Aauto), 4 = 004 (Kuaishou cuts
//! links to Taobao and JD). By default only the cleaned articles are searched.
mod common;

use corpus_explorer::search::{SearchOptions, Sort};
use corpus_explorer::Corpus;

fn corpus() -> Corpus {
    common::seed_corpus()
}

#[derive(Clone, Copy)]
enum Opt {
    Plain,
    Variants,
    IncludeRemoved,
}

/// (query, options, expected document ids)
const TABLE: &[(&str, Opt, &[u32])] = &[
    // Simplified and Traditional find each other.
    ("京东", Opt::Plain, &[0, 1, 4]),
    ("京東", Opt::Plain, &[0, 1, 4]),
    ("宿华", Opt::Plain, &[0]),
    ("直播电商", Opt::Plain, &[0, 1, 2, 3, 4]),
    ("老铁", Opt::Plain, &[0, 2]),
    ("老鐵", Opt::Plain, &[0, 2]),
    // Latin and digits: case and width folded, word boundaries respected.
    ("GMV", Opt::Plain, &[2, 3, 4]),
    ("ＧＭＶ", Opt::Plain, &[2, 3, 4]),
    ("questmobile", Opt::Plain, &[1, 3]),
    ("618", Opt::Plain, &[0, 1]),
    ("JD", Opt::Plain, &[3]),
    ("JD.COM", Opt::Plain, &[3]),
    ("2020", Opt::Plain, &[0, 1, 2, 3, 4]),
    // Phrases, AND, OR, NOT.
    ("\"淘宝直播\"", Opt::Plain, &[1, 3, 4]),
    ("\"京东“分手”\"", Opt::Plain, &[4]),
    ("京东“分手”", Opt::Plain, &[4]),
    ("京东 快手", Opt::Plain, &[0, 1, 4]),
    ("京东 辛巴", Opt::Plain, &[1, 4]),
    ("京东 -抖音", Opt::Plain, &[0]),
    ("抖音 OR 颤音", Opt::Plain, &[1, 3, 4]),
    ("苏宁 OR 魔筷", Opt::Plain, &[1, 3, 4]),
    ("天猫 -淘宝", Opt::Plain, &[]),
    ("-快手", Opt::Plain, &[]),
    ("颤音", Opt::Plain, &[3]),
    ("拼多多", Opt::Plain, &[1, 3]),
    // Field filters.
    ("title:快手", Opt::Plain, &[0, 1, 4]),
    // 004's title line starts with an injected "不走抖音平台交易:", which cleaning removes.
    ("title:抖音", Opt::Plain, &[3]),
    ("script:trad", Opt::Plain, &[0]),
    ("快手 script:simp", Opt::Plain, &[1, 2, 3, 4]),
    ("date:2020", Opt::Plain, &[1]),
    ("date:2020-05..2020-08", Opt::Plain, &[1]),
    ("date:2021", Opt::Plain, &[]),
    ("source:heliu2", Opt::Plain, &[3]),
    ("快手 source:51kuaishou", Opt::Plain, &[2]),
    ("entity:抖音", Opt::Plain, &[1, 3, 4]),
    // Regular expressions over the folded text (億元 folds to 亿元).
    ("/[0-9]+亿元/", Opt::Plain, &[0, 3, 4]),
    ("/[0-9]+%/", Opt::Plain, &[1, 2, 3, 4]),
    // Name variants, opt-in.
    ("抖音", Opt::Plain, &[1, 3, 4]),
    ("颤音", Opt::Variants, &[1, 3, 4]),
    ("品多多", Opt::Plain, &[3]),
    ("品多多", Opt::Variants, &[1, 3]),
    ("Aauto", Opt::Variants, &[0, 1, 2, 3, 4]),
    // Removed spans are not searched unless asked.
    ("快手号买卖", Opt::Plain, &[]),
    ("快手号买卖", Opt::IncludeRemoved, &[2]),
    ("分享到", Opt::Plain, &[]),
    ("分享到", Opt::IncludeRemoved, &[0]),
    ("微信", Opt::Plain, &[0]),
    ("微信", Opt::IncludeRemoved, &[0, 3]),
];

fn options(opt: Opt) -> SearchOptions {
    let mut o = SearchOptions {
        limit: 100,
        sort: Sort::Order,
        ..SearchOptions::default()
    };
    match opt {
        Opt::Plain => {}
        Opt::Variants => o.variants = true,
        Opt::IncludeRemoved => o.include_removed = true,
    }
    o
}

#[test]
fn every_query_in_the_table_finds_exactly_its_documents() {
    assert!(TABLE.len() >= 30);
    let mut corpus = corpus();
    let mut wrong = Vec::new();
    for &(query, opt, expected) in TABLE {
        let results = corpus
            .search(query, &options(opt))
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let got: Vec<u32> = results.hits.iter().map(|h| h.id).collect();
        if got != expected || results.total != expected.len() {
            wrong.push(format!(
                "{query} ({}): expected {expected:?}, got {got:?}",
                match opt {
                    Opt::Plain => "plain",
                    Opt::Variants => "variants",
                    Opt::IncludeRemoved => "include removed",
                }
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} queries wrong:\n{}",
        wrong.len(),
        TABLE.len(),
        wrong.join("\n")
    );
}

#[test]
fn malformed_queries_get_a_message_that_points_at_the_problem() {
    let mut corpus = corpus();
    for (query, words) in [
        ("\"京东", "never closed"),
        ("快手 OR", "OR needs a term"),
        ("/[/", "not valid"),
        ("date:2020-13", "not a date"),
        ("script:latin", "not a script"),
        ("entity:不存在的公司", "not a known name"),
        ("-", "must be followed"),
    ] {
        let err = corpus
            .search(query, &SearchOptions::default())
            .expect_err(query);
        assert!(err.to_string().contains(words), "{query}: {err}");
    }
}

#[test]
fn every_hit_is_highlighted_in_the_original_script() {
    let mut corpus = corpus();
    let results = corpus.search("京东", &options(Opt::Plain)).unwrap();
    for hit in &results.hits {
        for s in &hit.snippets {
            let expected = if hit.id == 0 { "京東" } else { "京东" };
            assert_eq!(s.matched, expected, "document {}", hit.id);
        }
    }
}

#[test]
fn a_variant_match_says_which_variant_of_which_name() {
    let mut corpus = corpus();
    let results = corpus.search("抖音", &options(Opt::Variants)).unwrap();
    let doc3 = results.hits.iter().find(|h| h.id == 3).unwrap();
    let v = doc3
        .variants
        .iter()
        .find(|v| v.variant == "颤音")
        .expect("颤音 reported");
    assert_eq!((v.of.as_str(), v.count), ("抖音", 40));
}

#[test]
fn facets_count_the_matching_documents() {
    let mut corpus = corpus();
    let results = corpus.search("快手", &options(Opt::Plain)).unwrap();
    let count = |list: &[corpus_explorer::search::FacetValue], v: &str| {
        list.iter().find(|f| f.value == v).map_or(0, |f| f.count)
    };
    assert_eq!(count(&results.facets.script, "traditional"), 1);
    assert_eq!(count(&results.facets.script, "simplified"), 4);
    assert_eq!(count(&results.facets.year, "2020"), 1);
    assert_eq!(count(&results.facets.source, "www.heliu2.cn"), 1);
    assert_eq!(
        count(&results.facets.entity, "京东"),
        4,
        "JD.COM in 003 counts for 京东"
    );
}

#[test]
fn ranks_the_document_with_the_query_in_its_title_and_text_first() {
    let mut corpus = corpus();
    let results = corpus
        .search("颤音 OR 抖音", &SearchOptions::default())
        .unwrap();
    assert_eq!(
        results.hits[0].id, 3,
        "40 mentions of 颤音 outrank the rest"
    );
    let by_date = corpus
        .search(
            "快手",
            &SearchOptions {
                sort: Sort::Date,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(by_date.hits[0].id, 1, "the only dated article comes first");
}

#[test]
fn a_corpus_opened_from_its_snapshot_answers_the_whole_table_the_same() {
    // Compared as JSON, the form JavaScript gets: ranking, snippets, facets, variants; and
    // the reader of every document for each query.
    let mut saved = corpus();
    let mut opened = Corpus::open(&saved.save()).expect("the seeds' snapshot opens");
    for &(query, opt, _) in TABLE {
        let options = options(opt);
        let before = saved.search(query, &options).unwrap();
        let after = opened.search(query, &options).unwrap();
        assert_eq!(json(&after), json(&before), "{query}");
        for id in 0..saved.len() as u32 {
            let before = saved.reader(id, query, &options).unwrap();
            let after = opened.reader(id, query, &options).unwrap();
            assert_eq!(json(&after), json(&before), "{query}, reader of {id}");
        }
    }
}

#[test]
fn a_sharded_site_answers_the_whole_table_the_same() {
    // Small shards, so that the seeds make several of each kind and a query needs only some.
    let mut whole = corpus();
    let site = corpus_explorer::shard::write(
        &mut corpus(),
        &corpus_explorer::shard::ShardOptions {
            max_shard_bytes: 2048,
            hit_shard_bytes: 512,
            piece_entries: 16,
            ..corpus_explorer::shard::ShardOptions::default()
        },
    )
    .expect("the seeds shard");
    assert!(site.shards.len() > 10, "{} shards", site.shards.len());
    let mut sharded = corpus_explorer::shard::ShardedCorpus::open(&site.root).unwrap();
    for &(query, opt, _) in TABLE {
        for options in [
            options(opt),
            SearchOptions {
                variants: options(opt).variants,
                include_removed: options(opt).include_removed,
                ..SearchOptions::default()
            },
        ] {
            let before = whole.search(query, &options).unwrap();
            let answer =
                corpus_explorer::testing::sharded_search(&site, &mut sharded, query, &options);
            if query.contains('/') {
                // A regex reads every text: refused with a message, never answered in part.
                let error = answer.unwrap_err().to_string();
                assert!(error.contains("regular expression"), "{query}: {error}");
                continue;
            }
            assert_eq!(json(&answer.unwrap().0), json(&before), "{query}");
        }
    }
    assert!(
        sharded.all_shards().iter().any(|id| !sharded.has(*id)),
        "the table should not need every shard"
    );
}

/// An answer as JavaScript gets it.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("answers serialize")
}
