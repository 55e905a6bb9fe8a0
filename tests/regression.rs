//! Regression tests: each pins a bug the project once had (or a mistake a refactoring could
//! bring back), named for the bug, with the commit that fixed it where there is one.
mod common;

use common::{corpus, named_corpus, seed_corpus, PASTED_TITLE_SPAM};
use corpus_explorer::analyse::frequency::{FrequencyOptions, ListUnit};
use corpus_explorer::search::SearchOptions;
use corpus_explorer::Corpus;

fn total(c: &mut Corpus, query: &str) -> usize {
    c.search(query, &SearchOptions::default()).unwrap().total
}

/// Bug fixed in d3a777a: the SEO fragment pasted into 004's title (不走抖音平台交易:) was
/// removed from the sentences it was glued into twice but stayed in the title, so the title
/// showed the spam and `title:抖音` found the article.
#[test]
fn spam_fragment_glued_into_sentences_twice_is_removed_from_title_too() {
    let mut c = seed_corpus();
    let info = &c.documents()[4];
    assert_eq!(info.name, PASTED_TITLE_SPAM.name);
    assert!(!info.title.contains("不走抖音平台交易"), "{}", info.title);
    assert!(
        info.title.starts_with("快手电商要京东“分手”"),
        "{}",
        info.title
    );
    let hits = c
        .search("title:抖音", &SearchOptions::default())
        .unwrap()
        .hits;
    assert!(hits.iter().all(|h| h.id != 4));
    // The same on a corpus of its own: a title copied into two sentences.
    let title = "不走平台交易的秘密:某某电商要断开外链";
    let text = [
        title,
        "这是基于供应链层面的合作不走平台交易的秘密:某某电商要断开外链,影响不大。",
        "闭环不走平台交易的秘密,这不是我们做事的目的。",
        "品控不走平台交易的秘密比什么都重要。",
    ]
    .join("\n\n");
    let c = corpus(&[text]);
    assert!(!c.documents()[0].title.contains("不走平台交易的秘密"));
}

/// Bug fixed in 7cb1804: `removeDocument` dropped a document's entry without cleaning the
/// others again, so a paragraph removed as a copy of the removed document stayed removed from
/// the article it was found in; documents are now rebuilt in order so copy decisions follow.
/// (Moved here from the session's unit tests, assertions as they were, plus the way back.)
#[test]
fn remove_document_rebuilds_in_order_so_copy_decisions_follow() {
    let shared = "京东与快手宣布达成战略合作，直播电商迎来新的发展阶段。";
    let mut c = named_corpus(&[("a", shared), ("b", "快手电商"), ("c", shared)]);
    assert_eq!(c.text(2).unwrap(), "", "c repeats a");
    c.remove_document(0).unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c.documents()[1].name, "c");
    assert_eq!(
        c.text(1).unwrap(),
        shared,
        "with a gone, c's paragraph is its own"
    );
    assert_eq!(
        c.search("京东", &SearchOptions::default()).unwrap().hits[0].id,
        1
    );
    assert!(c.remove_document(5).is_err());
    // Adding a back after c: now a is the copy.
    c.add_document("a", shared.as_bytes()).unwrap();
    assert_eq!(c.text(2).unwrap(), "");
    c.clear();
    assert!(c.is_empty());
}

/// Proptest regression seed of 5134727 (`proptest-regressions/index/mod.txt`: `docs = []`):
/// an index without documents must answer a lookup with nothing, not panic; so must a corpus
/// that never had documents, or had them cleared.
#[test]
fn an_empty_index_answers_nothing() {
    let mut index = corpus_explorer::index::Index::default();
    index.build(|_, _| {});
    assert!(index.find("电").is_empty());
    let mut c = Corpus::new();
    assert_eq!(total(&mut c, "电"), 0);
    assert_eq!(total(&mut c, "/电/"), 0);
    let mut c = corpus(&["电商"]);
    c.clear();
    assert_eq!(total(&mut c, "电"), 0);
    let chars = FrequencyOptions {
        unit: ListUnit::Char,
        ..FrequencyOptions::default()
    };
    assert!(c.frequencies(&chars).unwrap().rows.is_empty());
}

/// Fixed in f38e0dd: short lines (refrains, headings, an author's name) repeated within one
/// document were removed as duplicates.
#[test]
fn short_lines_may_repeat_within_a_document() {
    let c = corpus(&["李白\n\n床前明月光\n\n李白\n\n床前明月光"]);
    assert_eq!(c.text(0).unwrap(), "李白\n床前明月光\n李白\n床前明月光");
}

/// Guards the caches moved out of the corpus (search's entity-mention cache, analysis' token
/// streams): they must be forgotten when documents change, or a search after `addDocument`
/// would miss the new document in the entity facet and the word counts.
#[test]
fn caches_follow_added_and_removed_documents() {
    let mut c = corpus(&["抖音直播"]);
    let facet = |c: &mut Corpus| {
        let r = c.search("直播", &SearchOptions::default()).unwrap();
        r.facets
            .entity
            .iter()
            .find(|f| f.value == "抖音")
            .map_or(0, |f| f.count)
    };
    assert_eq!(facet(&mut c), 1);
    let count = |c: &mut Corpus| {
        let list = c
            .frequencies(&FrequencyOptions {
                unit: ListUnit::Char,
                ..FrequencyOptions::default()
            })
            .unwrap();
        list.rows
            .iter()
            .find(|r| r.item == "抖")
            .map_or(0, |r| r.freq)
    };
    assert_eq!(count(&mut c), 1);
    c.add_document("b.txt", "颤音也在直播".as_bytes()).unwrap();
    assert_eq!(facet(&mut c), 2);
    c.add_document("c.txt", "抖音".as_bytes()).unwrap();
    assert_eq!(count(&mut c), 2);
    c.remove_document(0).unwrap();
    assert_eq!((facet(&mut c), count(&mut c)), (1, 1));
}

/// Found while moving the entity-mention cache out of the corpus: adding a name variant did
/// not empty the cache, so after a first search an `entity:` filter on a newly added entity
/// indexed past the cache's end and panicked (which kills the page's worker), and the entity
/// facet never counted new names.
#[test]
fn entity_filter_on_a_variant_added_after_a_search_does_not_panic() {
    let mut c = corpus(&["甲乙公司直播", "甲乙来了", "别的"]);
    assert_eq!(total(&mut c, "直播"), 1);
    c.add_variant("甲乙公司", "甲乙").unwrap();
    assert_eq!(total(&mut c, "entity:甲乙公司"), 2);
    let r = c.search("直播", &SearchOptions::default()).unwrap();
    assert!(r
        .facets
        .entity
        .iter()
        .any(|f| f.value == "甲乙公司" && f.count == 1));
    c.remove_variant("甲乙").unwrap();
    assert_eq!(total(&mut c, "entity:甲乙公司"), 1);
}

/// Issue 13: "when two captures of the same article are loaded, one of them has its whole
/// article cut out as a cross-document duplicate". A whole-article copy is a story (issue 17),
/// never a reason to empty one: paragraphs an earlier document holds stay when they are nearly
/// the whole article (`clean::duplicate::WHOLE_COPY`), and the two captures group as one story.
#[test]
fn second_capture_of_an_article_keeps_its_text_and_joins_the_first_as_a_story() {
    let article = [
        "京东零售与快手宣布达成战略合作，双方将在供应链、品牌营销和数字化运营方面展开深度合作。",
        "快手电商负责人表示，此次合作将为平台商家带来更丰富的商品和更优质的服务，让用户买得放心。",
        "业内人士认为，短视频平台与传统电商巨头的联手，将推动直播电商进入新的发展阶段。",
        "据悉，京东将向快手小店开放自营商品，快手用户无需跳转即可购买京东的商品并享受配送服务。",
    ]
    .join("\n\n");
    let c = named_corpus(&[("capture-1.txt", &article), ("capture-2.txt", &article)]);
    assert_eq!(c.text(1).unwrap(), c.text(0).unwrap());
    assert!(c.documents()[1].removed.is_empty());
    let stories = c.stories();
    assert_eq!(stories.stories.len(), 1);
    assert_eq!(stories.stories[0].lead, 0);
    assert_eq!(stories.stories[0].members[0].id, 1);
    // A paragraph shared with an earlier document is still cut when it is not the whole text.
    let mut c = named_corpus(&[
        ("a.txt", &article),
        (
            "b.txt",
            &format!(
                "{}\n\n{}",
                article.split("\n\n").next().unwrap(),
                "另一篇文章的正文，讲的是完全不同的事情：今年春天的雨水特别多，农民们忙着抢收油菜，城里的孩子们在雨中踢球，老人们在茶馆里聊天，一切都显得那么平静而美好。"
            ),
        ),
    ]);
    assert!(!c.text(1).unwrap().contains("京东零售"));
    assert!(c.stories().stories.is_empty());
    let _ = total(&mut c, "京东");
}
