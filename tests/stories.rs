//! Stories (issue 17): near-duplicate articles grouped by MinHash/LSH, on a generated corpus
//! with planted copies (`corpus_explorer::testing::generated`), and what search and the
//! statistics do with them.

use corpus_explorer::analyse::frequency::{FrequencyOptions, ListUnit};
use corpus_explorer::fold::fold;
use corpus_explorer::search::SearchOptions;
use corpus_explorer::stories::{exact_jaccard, signature::signature, similarity};
use corpus_explorer::testing::generated::{generate, to_traditional, Edit, GeneratedDoc, Rng};
use corpus_explorer::Corpus;

fn load(docs: &[GeneratedDoc]) -> Corpus {
    let mut c = Corpus::new();
    for d in docs {
        c.add_document(&d.name, d.text.as_bytes()).unwrap();
    }
    c
}

/// The story lead of every document (itself when alone).
fn leads(c: &Corpus) -> Vec<u32> {
    let list = c.stories();
    let mut leads: Vec<u32> = (0..list.documents as u32).collect();
    for s in &list.stories {
        for m in &s.members {
            leads[m.id as usize] = s.lead;
        }
    }
    leads
}

/// A generated corpus of about 400 KB: 3 topics (so many articles share a vocabulary), a
/// third of the documents planted copies.
fn planted() -> Vec<GeneratedDoc> {
    generate(17, 400_000, 3, 0.33)
}

/// The estimate's standard error at K = 128 bins is sqrt(J(1-J)/128) ≤ 0.044; over ~200
/// pairs of every similarity, each estimate stays within 0.16 (3.6 standard errors at worst)
/// and the mean error within 0.03.
#[test]
fn minhash_estimates_agree_with_exact_jaccard_on_random_pairs() {
    let docs = generate(5, 300_000, 2, 0.0);
    let mut rng = Rng::new(99);
    let (mut worst, mut sum, mut n) = (0.0f64, 0.0, 0);
    for _ in 0..200 {
        let a = &docs[rng.below(docs.len())].text;
        let b = &docs[rng.below(docs.len())].text;
        // A mix: the first k paragraphs of a, the rest of b, for similarities of every size.
        let pa: Vec<&str> = a.split("\n\n").collect();
        let pb: Vec<&str> = b.split("\n\n").collect();
        let k = rng.below(pa.len() + 1);
        let mixed = pa[..k]
            .iter()
            .chain(pb.iter().skip(k))
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n");
        let (fa, fm) = (fold(a).text, fold(&mixed).text);
        let (Some(sa), Some(sm)) = (signature(&fa), signature(&fm)) else {
            continue;
        };
        let err = (similarity(&sa, &sm) - exact_jaccard(&fa, &fm)).abs();
        worst = worst.max(err);
        sum += err;
        n += 1;
    }
    assert!(n > 150);
    assert!(worst <= 0.16, "worst error {worst}");
    assert!(sum / n as f64 <= 0.03, "mean error {}", sum / n as f64);
}

#[test]
fn generated_traditional_copies_fold_back_to_the_original() {
    let doc = &generate(3, 5_000, 1, 0.0)[0].text;
    let copy = to_traditional(doc);
    assert_ne!(&copy, doc);
    assert_eq!(fold(&copy).text, fold(doc).text);
}

#[test]
fn every_planted_copy_is_found_and_distinct_articles_on_one_topic_are_not_merged() {
    let docs = planted();
    let c = load(&docs);
    let leads = leads(&c);
    let mut edits = std::collections::HashSet::new();
    for (i, d) in docs.iter().enumerate() {
        match d.copy_of {
            Some((original, how)) => {
                edits.insert(format!("{how:?}"));
                assert_eq!(
                    leads[i], leads[original],
                    "{} ({how:?} copy of {}) not grouped with it",
                    d.name, docs[original].name
                );
            }
            None => assert_eq!(leads[i], i as u32, "original {} merged", d.name),
        }
    }
    assert_eq!(edits.len(), 5, "every kind of edit was planted: {edits:?}");
    let originals = docs.iter().filter(|d| d.copy_of.is_none()).count();
    assert!(c.stories().stories.len() <= originals);
}

#[test]
fn a_whole_article_copy_keeps_its_text_and_joins_the_story() {
    let docs = planted();
    let c = load(&docs);
    for (i, d) in docs.iter().enumerate() {
        if let Some((_, Edit::Reordered)) = d.copy_of {
            assert!(
                c.text(i as u32).unwrap().len() > d.text.len() / 2,
                "{}",
                d.name
            );
        }
    }
}

#[test]
fn raising_the_threshold_splits_stories_and_lowering_it_back_restores_them() {
    let docs = planted();
    let mut c = load(&docs);
    let before = c.stories();
    assert_eq!(before.threshold, 0.6);
    let strict = c.set_story_threshold(1.0).unwrap();
    let grouped = |l: &corpus_explorer::stories::StoryList| -> usize {
        l.stories.iter().map(|s| s.members.len()).sum()
    };
    assert!(grouped(&strict) < grouped(&before));
    assert!(c.set_story_threshold(0.2).is_err());
    assert!(c
        .set_story_threshold(1.5)
        .unwrap_err()
        .to_string()
        .contains("between 0.3 and 1"));
    assert_eq!(c.set_story_threshold(0.6).unwrap(), before);
}

#[test]
fn adding_and_removing_documents_equals_building_from_scratch() {
    let docs = generate(8, 150_000, 2, 0.4);
    let mut c = load(&docs);
    let mut kept: Vec<GeneratedDoc> = docs.clone();
    for id in [0usize, 7, 3] {
        c.remove_document(id as u32).unwrap();
        kept.remove(id);
    }
    assert_eq!(c.stories(), load(&kept).stories());
    // And adding back after removal, at another threshold.
    c.set_story_threshold(0.5).unwrap();
    c.add_document(&docs[0].name, docs[0].text.as_bytes())
        .unwrap();
    kept.push(docs[0].clone());
    let mut fresh = load(&kept);
    fresh.set_story_threshold(0.5).unwrap();
    assert_eq!(c.stories(), fresh.stories());
    c.clear();
    assert!(c.stories().stories.is_empty());
    assert_eq!(c.stories().threshold, 0.5);
}

#[test]
fn search_collapse_shows_a_story_once_with_its_copies() {
    let docs = planted();
    let mut c = load(&docs);
    let (copy, original) = docs
        .iter()
        .enumerate()
        .find_map(|(i, d)| match d.copy_of {
            Some((o, Edit::AdLines)) => Some((i as u32, o as u32)),
            _ => None,
        })
        .unwrap();
    // A phrase of the original's last paragraph, which every copy keeps.
    let text = c.text(original).unwrap().into_owned();
    let last = text.lines().last().unwrap();
    let phrase: String = last.chars().take(12).collect();
    let plain = c
        .search(&format!("\"{phrase}\""), &SearchOptions::default())
        .unwrap();
    assert!(plain.hits.iter().any(|h| h.id == copy));
    assert_eq!(plain.documents, plain.total);
    assert!(plain.hits.iter().all(|h| h.copies.is_empty()));
    let options = SearchOptions {
        collapse: true,
        ..SearchOptions::default()
    };
    let collapsed = c.search(&format!("\"{phrase}\""), &options).unwrap();
    assert_eq!(collapsed.documents, plain.total);
    assert!(collapsed.total < plain.total);
    let hit = collapsed.hits.iter().find(|h| h.id == original).unwrap();
    assert!(hit.copies.iter().any(|k| k.id == copy));
    assert!(collapsed.hits.iter().all(|h| h.id != copy));
    let shown: usize = collapsed.hits.iter().map(|h| 1 + h.copies.len()).sum();
    assert_eq!(shown, plain.total);
}

#[test]
fn one_per_story_frequencies_count_as_if_the_copies_were_not_there() {
    let docs = planted();
    let mut c = load(&docs);
    let originals: Vec<GeneratedDoc> = docs
        .iter()
        .filter(|d| d.copy_of.is_none())
        .cloned()
        .collect();
    let mut alone = load(&originals);
    let options = FrequencyOptions {
        unit: ListUnit::Char,
        limit: 50,
        ..FrequencyOptions::default()
    };
    let all = c.frequencies(&options).unwrap();
    assert!(!all.stories_once);
    let once = c
        .frequencies(&FrequencyOptions {
            one_per_story: true,
            ..options.clone()
        })
        .unwrap();
    assert!(once.stories_once);
    let expected = alone.frequencies(&options).unwrap();
    assert!(once.tokens < all.tokens);
    assert_eq!(once.tokens, expected.tokens);
    let rows = |l: &corpus_explorer::analyse::frequency::FrequencyList| -> Vec<(String, u64, u32)> {
        l.rows
            .iter()
            .map(|r| (r.item.clone(), r.freq, r.docs))
            .collect()
    };
    assert_eq!(rows(&once), rows(&expected));
}

#[test]
fn one_per_story_leaves_the_copies_out_of_every_statistic() {
    use corpus_explorer::analyse::concordance::ConcordanceOptions;
    use corpus_explorer::analyse::keywords::KeywordOptions;
    use corpus_explorer::analyse::trends::TermOptions;
    use corpus_explorer::store::TextView;
    let docs = generate(21, 120_000, 2, 0.4);
    let mut c = load(&docs);
    let originals = docs.iter().filter(|d| d.copy_of.is_none()).count();
    let copies = docs.len() - originals;
    assert!(copies > 0);
    let terms = vec!["的".to_owned()];
    let once = TermOptions {
        one_per_story: true,
        ..TermOptions::default()
    };
    let trends = c.trends(&terms, &once).unwrap();
    assert!(trends.stories_once);
    assert_eq!(trends.docs.len(), originals);
    assert_eq!(
        c.trends(&terms, &TermOptions::default())
            .unwrap()
            .docs
            .len(),
        docs.len()
    );
    let dispersion = c.dispersion(&terms, &once).unwrap();
    assert_eq!(dispersion.docs.len(), originals);
    let copy = docs.iter().position(|d| d.copy_of.is_some()).unwrap() as u32;
    let lines = c
        .concordance(
            "的",
            &ConcordanceOptions {
                one_per_story: true,
                limit: 100_000,
                ..ConcordanceOptions::default()
            },
        )
        .unwrap();
    assert!(lines.stories_once);
    assert!(lines.lines.iter().all(|l| l.id != copy));
    assert!(c
        .figures_of(TextView::Article, true)
        .iter()
        .all(|f| f.id != copy && f.stories_once));
    // A copy's keywords are not cancelled by its own original.
    let options = KeywordOptions {
        unit: Some(corpus_explorer::analyse::tokens::Unit::Char),
        one_per_story: true,
        ..KeywordOptions::default()
    };
    let k = c.keywords(copy, &options).unwrap();
    assert!(k.stories_once);
    let plain = c
        .keywords(
            copy,
            &KeywordOptions {
                one_per_story: false,
                ..options
            },
        )
        .unwrap();
    assert!(k.tokens_rest < plain.tokens_rest);
}

/// Stories are not a snapshot section yet: opening a saved corpus computes them again, so the
/// groups (and the leads search and every statistic use) are the same before and after.
#[test]
fn a_corpus_opened_from_its_snapshot_has_the_same_stories() {
    let docs = planted();
    let saved = load(&docs);
    assert!(
        !saved.stories().stories.is_empty(),
        "the planted copies form stories"
    );
    let opened = Corpus::open(&saved.save()).expect("the snapshot opens");
    assert_eq!(leads(&opened), leads(&saved));
    assert_eq!(
        serde_json::to_string(&opened.stories()).unwrap(),
        serde_json::to_string(&saved.stories()).unwrap()
    );
}
