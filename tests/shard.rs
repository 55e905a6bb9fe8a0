//! A sharded site answers exactly as the whole corpus does, fetching only what a query needs
//! (`src/shard/`): a generated corpus of several hundred KB cut into many shards.

use corpus_explorer::search::{SearchOptions, Sort};
use corpus_explorer::shard::{
    write, Kind, ShardOptions, ShardWriter, ShardedCorpus, ShardedSite, ROOT_MAX_BYTES,
};
use corpus_explorer::testing::{generated::generate, sharded_search};
use corpus_explorer::Corpus;

fn generated() -> Corpus {
    let mut corpus = Corpus::new();
    for doc in generate(11, 600_000, 4, 0.2) {
        corpus.add_document(&doc.name, doc.text.as_bytes()).unwrap();
    }
    corpus
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("answers serialize")
}

#[test]
fn a_generated_corpus_is_answered_the_same_from_its_shards_fetching_only_some() {
    let mut whole = generated();
    let site = write(&mut generated(), &ShardOptions::default()).unwrap();
    assert!(site.root.len() <= ROOT_MAX_BYTES);
    let mut sharded = ShardedCorpus::open(&site.root).unwrap();
    let posting_shards = sharded
        .all_shards()
        .iter()
        .filter(|id| id.kind == Kind::Postings)
        .count();
    assert!(posting_shards >= 4, "{posting_shards} posting shards");
    let mut queries = queries_from(&whole);
    queries.push("不在语料里的词组合".to_owned());
    let mut first = true;
    for query in &queries {
        for options in [
            SearchOptions::default(),
            SearchOptions {
                sort: Sort::Order,
                collapse: true,
                offset: 3,
                limit: 5,
                ..SearchOptions::default()
            },
        ] {
            let before = whole.search(query, &options).unwrap();
            let (after, rounds) = sharded_search(&site, &mut sharded, query, &options).unwrap();
            assert_eq!(json(&after), json(&before), "{query}");
            if first {
                // The first query fetches postings, then fields, then texts.
                assert!(rounds >= 2, "{query}: {rounds} rounds");
                let loaded = sharded
                    .all_shards()
                    .iter()
                    .filter(|id| id.kind == Kind::Postings && sharded.has(**id))
                    .count();
                assert!(loaded < posting_shards, "{query}: {loaded} of {posting_shards}");
                first = false;
            }
        }
    }
}

#[test]
fn a_shard_that_is_not_the_one_named_is_refused_and_nothing_changes() {
    let site = write(&mut generated(), &ShardOptions::default()).unwrap();
    let mut sharded = ShardedCorpus::open(&site.root).unwrap();
    let (name, bytes) = &site.shards[0];
    let (other, _) = &site.shards[1];
    assert!(sharded.add_shard(other, bytes).is_err());
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    let error = sharded.add_shard(name, &damaged).unwrap_err().to_string();
    assert!(error.contains(name.as_str()), "{error}");
    assert!(sharded.all_shards().iter().all(|id| !sharded.has(*id)));
    assert!(ShardedCorpus::open(bytes).is_err());
    assert!(ShardedCorpus::open(b"<html>not found</html>").is_err());
    // Until its shards come, a search says what it needs instead of answering in part.
    let error = sharded.search("的", &SearchOptions::default()).unwrap_err().to_string();
    assert!(error.contains("more part"), "{error}");
}

/// Queries drawn from a corpus's own text: 1 to 5 characters, both scripts, operators.
fn queries_from(whole: &Corpus) -> Vec<String> {
    let text = whole.text(3).unwrap().into_owned();
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut queries: Vec<String> = Vec::new();
    for len in 1..=5 {
        for at in [0, 7, 40] {
            queries.push(chars[at..at + len].iter().collect());
        }
    }
    let two: String = chars[10..12].iter().collect();
    let three: String = chars[20..23].iter().collect();
    queries.push(format!("{two} {three}"));
    queries.push(format!("{two} -{three}"));
    queries.push(format!("{two} OR {three}"));
    queries.push(format!("\"{three}\" script:simp"));
    queries.push(corpus_explorer::testing::generated::to_traditional(&three));
    queries
}

fn assert_same_answers(whole: &mut Corpus, site: &ShardedSite, sorts: &[Sort]) {
    let mut sharded = ShardedCorpus::open(&site.root).unwrap();
    for query in queries_from(whole) {
        for &sort in sorts {
            let options = SearchOptions {
                sort,
                limit: 7,
                ..SearchOptions::default()
            };
            let before = whole.search(&query, &options).unwrap();
            let (after, _) = sharded_search(site, &mut sharded, &query, &options).unwrap();
            assert_eq!(json(&after), json(&before), "{query}");
        }
    }
}

#[test]
fn tiny_shards_page_the_fences_and_cut_frequent_pairs_into_pieces_with_the_same_answers() {
    let mut whole = generated();
    let options = ShardOptions {
        max_shard_bytes: 1024,
        hit_shard_bytes: 256,
        piece_entries: 64,
        // An answer for every term in two documents: the posting fences get long.
        answer_docs: 2,
        answer_share: 0.0,
        ..ShardOptions::default()
    };
    let site = write(&mut generated(), &options).unwrap();
    assert!(site.root.len() <= ROOT_MAX_BYTES);
    assert!(
        site.shards.iter().any(|(n, _)| n.starts_with("f/")),
        "no fence page among {} shards",
        site.shards.len()
    );
    assert_same_answers(&mut whole, &site, &[Sort::Relevance, Sort::Order]);
}

#[test]
fn a_corpus_written_in_batches_answers_as_the_whole_corpus() {
    // No planted copies: cleaning's cross-document checks and the stories see one batch at a
    // time (the module doc's Limits), which a corpus without copies does not notice.
    let docs = generate(5, 400_000, 4, 0.0);
    let mut whole = Corpus::new();
    for doc in &docs {
        whole.add_document(&doc.name, doc.text.as_bytes()).unwrap();
    }
    let mut site = ShardedSite::default();
    // Answers too: their table of every document's columns is filled batch by batch.
    let options = ShardOptions {
        answer_docs: 10,
        answer_share: 0.0,
        ..ShardOptions::default()
    };
    let mut writer = ShardWriter::new(options);
    for batch in docs.chunks(docs.len().div_ceil(3)) {
        let mut session = Corpus::new();
        for doc in batch {
            session.add_document(&doc.name, doc.text.as_bytes()).unwrap();
        }
        writer.add(&mut session, &mut site).unwrap();
    }
    assert_eq!(writer.len(), whole.len());
    writer.finish(&mut site).unwrap();
    let one = write(&mut whole, &options).unwrap();
    assert!(one.shards.iter().any(|(n, _)| n.starts_with("a/")), "no answer written");
    assert_same_answers(&mut whole, &site, &[Sort::Relevance, Sort::Date]);
    // The same documents give the same files, batched or not, but for the runs' order.
    let names = |s: &ShardedSite| {
        let mut n: Vec<String> = s.shards.iter().map(|(n, _)| n.clone()).collect();
        n.sort();
        n
    };
    assert_eq!(names(&site), names(&one));
}

/// The most frequent characters and pairs of a corpus's first documents' text (by documents
/// that contain them), as queries.
fn frequent_terms(whole: &Corpus, n: usize) -> Vec<String> {
    let mut docs: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for id in 0..whole.len().min(60) as u32 {
        let chars: Vec<char> = whole.text(id).unwrap().chars().collect();
        let mut seen = std::collections::HashSet::new();
        for w in chars.windows(2) {
            if w.iter().all(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_ascii_punctuation()) {
                seen.insert(w[0].to_string());
                seen.insert(w.iter().collect::<String>());
            }
        }
        for term in seen {
            *docs.entry(term).or_default() += 1;
        }
    }
    let mut terms: Vec<(String, usize)> = docs.into_iter().collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let singles = terms.iter().filter(|t| t.0.chars().count() == 1).take(n / 2);
    let pairs = terms.iter().filter(|t| t.0.chars().count() == 2).take(n - n / 2);
    singles.chain(pairs).map(|t| t.0.clone()).collect()
}

#[test]
fn frequent_terms_are_answered_from_their_answer_file_as_the_whole_corpus_does() {
    let mut whole = generated();
    // A low threshold, so that this small corpus has many frequent terms.
    let options = ShardOptions {
        answer_docs: 20,
        answer_share: 0.0,
        answer_hits: 12,
        ..ShardOptions::default()
    };
    let site = write(&mut generated(), &options).unwrap();
    assert!(site.shards.iter().any(|(n, _)| n.starts_with("a/")), "no answer written");
    let terms = frequent_terms(&whole, 16);
    let mut answered = 0;
    for term in &terms {
        let traditional = corpus_explorer::testing::generated::to_traditional(term);
        for query in [term.clone(), traditional, format!("\"{term}\"")] {
            let pages = [
                SearchOptions { limit: 10, ..SearchOptions::default() },
                SearchOptions { limit: 2, offset: 10, ..SearchOptions::default() },
                // Past the kept hits, another order, a filter, many snippets: the postings.
                SearchOptions { limit: 10, offset: 10, ..SearchOptions::default() },
                SearchOptions { limit: 5, snippets: 40, ..SearchOptions::default() },
                SearchOptions { sort: Sort::Date, limit: 5, ..SearchOptions::default() },
                SearchOptions { variants: true, limit: 5, ..SearchOptions::default() },
            ];
            for page in pages {
                let before = whole.search(&query, &page).unwrap();
                let mut sharded = ShardedCorpus::open(&site.root).unwrap();
                let (after, _) = sharded_search(&site, &mut sharded, &query, &page).unwrap();
                assert_eq!(json(&after), json(&before), "{query} {page:?}");
                let loaded = |kind: Kind| {
                    sharded.all_shards().iter().filter(|id| id.kind == kind && sharded.has(**id)).count()
                };
                if loaded(Kind::Answer) > 0 && page.offset + page.limit <= 12 && page.snippets <= 3 {
                    // From the answer alone: no postings, no columns, no cards.
                    assert_eq!(loaded(Kind::Postings) + loaded(Kind::Columns) + loaded(Kind::Meta), 0, "{query}");
                    answered += 1;
                }
            }
            let filtered = format!("{query} script:simp");
            let before = whole.search(&filtered, &SearchOptions::default()).unwrap();
            let mut sharded = ShardedCorpus::open(&site.root).unwrap();
            let (after, _) =
                sharded_search(&site, &mut sharded, &filtered, &SearchOptions::default()).unwrap();
            assert_eq!(json(&after), json(&before), "{filtered}");
        }
    }
    assert!(answered >= terms.len(), "{answered} answered of {} terms", terms.len());
    // Longer phrases and the query table through the postings, with answers in the fences.
    assert_same_answers(&mut whole, &site, &[Sort::Relevance, Sort::Order]);
}
