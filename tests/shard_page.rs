//! What the page asks of a sharded site besides search (`ShardedCorpus::document`,
//! `reader_needed`, `reader`; `www/sharded.js`): the reader shows the same article with the
//! same matches as the whole corpus's reader, after fetching only that document's shards.

use corpus_explorer::search::SearchOptions;
use corpus_explorer::shard::{write, ShardOptions, ShardedCorpus, ShardedSite};
use corpus_explorer::testing::{generated::generate, generated::to_traditional, sharded_search};
use corpus_explorer::Corpus;

fn generated() -> Corpus {
    let mut corpus = Corpus::new();
    for doc in generate(5, 300_000, 4, 0.2) {
        corpus.add_document(&doc.name, doc.text.as_bytes()).unwrap();
    }
    corpus
}

fn fetch(site: &ShardedSite, sharded: &mut ShardedCorpus, names: &[String]) {
    for name in names {
        let (_, bytes) = site
            .shards
            .iter()
            .find(|(n, _)| n == name)
            .expect("the site has it");
        sharded.add_shard(name, bytes).unwrap();
    }
}

/// The names of the shards the reader of document `id` still needs.
fn reader_needed(
    sharded: &ShardedCorpus,
    id: u32,
    query: &str,
    options: &SearchOptions,
) -> Vec<String> {
    sharded
        .reader_needed(id, query, options)
        .unwrap()
        .iter()
        .map(|id| id.name())
        .collect()
}

/// The matched pieces and the whole text the reader shows, kept paragraphs only.
fn shown(paragraphs: &[corpus_explorer::search::ReaderParagraph]) -> (Vec<String>, String) {
    let kept = paragraphs.iter().filter(|p| p.removed.is_none());
    let pieces: Vec<_> = kept
        .flat_map(|p| p.pieces.iter())
        .filter(|p| p.removed.is_none())
        .collect();
    let marked = pieces
        .iter()
        .filter(|p| p.matched)
        .map(|p| p.text.clone())
        .collect();
    let text = pieces.iter().map(|p| p.text.as_str()).collect();
    (marked, text)
}

#[test]
fn the_reader_of_a_sharded_site_marks_what_the_whole_corpus_marks() {
    let mut whole = generated();
    let site = write(&mut generated(), &ShardOptions::default()).unwrap();
    let mut sharded = ShardedCorpus::open(&site.root).unwrap();
    let text = whole.text(2).unwrap().into_owned();
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let term: String = chars[30..32].iter().collect();
    // Both scripts: a Traditional query finds and marks the Simplified text.
    for query in [term.clone(), to_traditional(&term)] {
        let options = SearchOptions::default();
        let (results, _) = sharded_search(&site, &mut sharded, &query, &options).unwrap();
        let hit = results.hits.first().expect("the term is in the corpus").id;
        let reader_options = SearchOptions::matching(false, false);
        // Before its shards come, the reader names them instead of answering in part.
        let mut rounds = 0;
        loop {
            let needed = reader_needed(&sharded, hit, &query, &reader_options);
            if needed.is_empty() {
                break;
            }
            assert!(sharded.reader(hit, &query, &reader_options).is_err());
            fetch(&site, &mut sharded, &needed);
            rounds += 1;
            assert!(rounds <= 2, "{query}: {needed:?}");
        }
        let got = sharded.reader(hit, &query, &reader_options).unwrap();
        let want = whole.reader(hit, &query, &reader_options).unwrap();
        let (marked, text) = shown(&got);
        let (want_marked, want_text) = shown(&want);
        assert!(!marked.is_empty(), "{query}: nothing marked");
        assert_eq!(marked, want_marked, "{query}");
        assert_eq!(
            text.replace('\n', ""),
            want_text.replace('\n', ""),
            "{query}"
        );
        let doc = sharded.document(hit).unwrap();
        let info = &whole.documents()[hit as usize];
        assert_eq!(
            (doc.name.as_str(), doc.title.as_str(), doc.date.clone()),
            (info.name.as_str(), info.title.as_str(), info.date.clone())
        );
        assert_eq!(doc.kept_chars, info.kept_chars);
    }
}

#[test]
fn a_document_whose_shard_has_not_come_is_named_not_guessed() {
    let site = write(&mut generated(), &ShardOptions::default()).unwrap();
    let sharded = ShardedCorpus::open(&site.root).unwrap();
    let error = sharded.document(0).unwrap_err().to_string();
    assert!(error.contains("m/"), "{error}");
    assert!(sharded.document(u32::MAX).is_err());
    assert!(sharded.reader(0, "", &SearchOptions::default()).is_err());
    let needed = sharded
        .reader_needed(0, "", &SearchOptions::default())
        .unwrap();
    let kinds: Vec<String> = needed.iter().map(|id| id.name()[..2].to_owned()).collect();
    assert_eq!(kinds, ["m/", "c/"], "{needed:?}: its card (which names its text shard), its columns");
    // Once its card is there, its text shard.
    let mut sharded = sharded;
    for id in needed {
        let name = id.name();
        let (_, bytes) = site.shards.iter().find(|(n, _)| *n == name).unwrap();
        sharded.add_shard(&name, bytes).unwrap();
    }
    let needed = sharded
        .reader_needed(0, "", &SearchOptions::default())
        .unwrap();
    let kinds: Vec<String> = needed.iter().map(|id| id.name()[..2].to_owned()).collect();
    assert_eq!(kinds, ["t/"], "{needed:?}");
}

#[test]
fn the_reader_of_a_hit_of_a_frequent_terms_answer_marks_the_same_without_its_postings() {
    let mut whole = generated();
    let options = ShardOptions {
        answer_docs: 5,
        answer_share: 0.0,
        ..ShardOptions::default()
    };
    let site = write(&mut generated(), &options).unwrap();
    let text = whole.text(2).unwrap().into_owned();
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && !c.is_ascii()).collect();
    let mut checked = 0;
    for term in chars[..40].iter().map(|c| c.to_string()).chain(chars[..40].windows(2).map(|w| w.iter().collect())) {
        let mut sharded = ShardedCorpus::open(&site.root).unwrap();
        let (results, _) =
            sharded_search(&site, &mut sharded, &term, &SearchOptions::default()).unwrap();
        let answered = sharded.all_shards().iter().any(|id| id.name().starts_with("a/") && sharded.has(*id));
        let reader_options = SearchOptions::matching(false, false);
        for hit in results.hits.iter().take(3) {
            loop {
                let needed = reader_needed(&sharded, hit.id, &term, &reader_options);
                if needed.is_empty() {
                    break;
                }
                fetch(&site, &mut sharded, &needed);
            }
            let after = sharded.reader(hit.id, &term, &reader_options).unwrap();
            let before = whole.reader(hit.id, &term, &reader_options).unwrap();
            assert_eq!(shown(&after), shown(&before), "{term} #{}", hit.id);
        }
        let postings = sharded.all_shards().iter().filter(|id| id.name().starts_with("p/") && sharded.has(**id)).count();
        if answered && results.hits.iter().take(3).all(|h| h.count <= 8) {
            assert_eq!(postings, 0, "{term}: postings read though the answer kept every match");
            checked += 1;
        }
    }
    assert!(checked > 0, "no term answered with every match kept");
}
