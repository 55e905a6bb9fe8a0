//! Duplicated passages: repeated paragraphs, condensed copies, and copies across documents.
//!
//! Paragraphs are compared by a *key*: the folded text with everything but letters and digits
//! dropped, so that a copy with different spacing, punctuation or script still matches
//! ("但 是对于" in a scraped copy equals "但是对于").
//!
//! - **Repeated paragraph**: the same key earlier in the document. The first stays.
//! - **Condensed copy**: scrapers often prepend the whole article run together on one line. A
//!   long paragraph whose 8-character shingles are nearly all found in *two or more* other
//!   paragraphs is such a copy; the separate paragraphs stay, the aggregate goes.
//! - **Near copy**: a paragraph and an earlier one that cover each other almost entirely
//!   (a re-posted paragraph with a few words changed); the later one goes.
//! - **Across documents**: a paragraph of at least [`MIN_CROSS_DOC`] characters whose key an
//!   earlier document already holds (syndicated articles, shared boilerplate). The earlier
//!   document keeps it — unless such paragraphs are nearly the whole document ([`WHOLE_COPY`]):
//!   a second copy of a whole article keeps its text, and [`crate::stories`] groups the two.

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// Shingle length in characters. Eight Chinese characters are about three words: long enough
/// that unrelated paragraphs share almost none, short enough to survive small edits.
const SHINGLE: usize = 8;

/// Share of a paragraph's shingles found elsewhere for it to count as a copy. Scraped
/// condensed copies lose some characters at joins and gain spacing, hence not 1.0.
const COVERED: f64 = 0.8;

/// Stricter threshold for a near copy of a single paragraph, both ways.
const NEAR_COPY: f64 = 0.9;

/// How many holders of one shingle are kept, earliest first. Keeps the cost linear when
/// a file repeats the same passage thousands of times; real copies have a handful of holders.
const MAX_HOLDERS: usize = 8;

/// Paragraphs shorter than this (in key characters) are not checked for condensed copies.
const MIN_CONDENSED: usize = 100;

/// Paragraphs shorter than this (in key characters) may repeat within a document: a refrain
/// of a poem (五言 lines have five characters), a section heading, an author's name above each
/// of their poems. A title repeated as a heading, or a sentence pasted twice, is longer.
pub const MIN_REPEAT: usize = 8;

/// Paragraphs shorter than this are not matched across documents: short lines ("01",
/// "今日互动") recur across unrelated articles.
pub const MIN_CROSS_DOC: usize = 20;

/// The comparison key of a folded paragraph: its letters and digits only.
pub fn key(folded: &str) -> String {
    folded.chars().filter(|&c| is_alphanumeric(c)).collect()
}

/// `char::is_alphanumeric`, answered at once for ASCII and the CJK Unified Ideographs block
/// (all letters), which is nearly all of a Chinese text; the test `fast_alphanumeric_agrees`
/// checks it against the standard library for every character.
fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x4E00..=0x9FFF => true,
        _ => c.is_alphanumeric(),
    }
}

fn hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Keys of paragraphs already in the corpus, for duplicates across documents.
#[derive(Debug, Default)]
pub struct Seen {
    docs: FxHashMap<u64, u32>,
}

impl Seen {
    /// Records the content paragraphs (`keys`) of document `doc`.
    pub fn insert(&mut self, doc: u32, keys: &[&str]) {
        for k in keys.iter().filter(|k| k.chars().count() >= MIN_CROSS_DOC) {
            self.docs.entry(hash(k)).or_insert(doc);
        }
    }

    /// Heap bytes held (an estimate: the table's slots and control bytes).
    pub fn heap_bytes(&self) -> usize {
        self.docs.capacity() * (std::mem::size_of::<(u64, u32)>() + 1)
    }

    /// The earlier document holding a paragraph with this key.
    pub fn find(&self, key: &str) -> Option<u32> {
        if key.chars().count() < MIN_CROSS_DOC {
            return None;
        }
        self.docs.get(&hash(key)).copied()
    }
}

/// Share of a document's kept text (in key characters) that paragraphs held by earlier
/// documents may cover before the document counts as a *copy of a whole article* (a second
/// capture of the same page, a repost): those paragraphs then stay, because cutting them
/// would leave the copy empty (issue 13); [`crate::clean`] leaves whole copies to be grouped
/// as one story instead. A syndicated article that shares a few paragraphs stays well under.
pub const WHOLE_COPY: f64 = 0.8;

/// The least kept text (in key characters) a document needs for [`WHOLE_COPY`] to apply: a
/// one-line notice shared by many pages (a copyright line, a repeated announcement) is still
/// removed from all but the first; an article is longer. 100 characters is about two
/// sentences.
pub const MIN_WHOLE_COPY: usize = 100;

/// For each paragraph (by key), why it is a duplicate, or `None`. `skip[i]` marks paragraphs
/// already removed for another reason: they are neither checked nor kept as originals.
///
/// Paragraphs an earlier document holds are removed, unless together they are nearly the
/// whole document ([`WHOLE_COPY`]) and that is at least [`MIN_WHOLE_COPY`] characters: a copy of
/// a whole article keeps its text.
pub fn find(keys: &[String], skip: &[bool], seen: &Seen) -> Vec<Option<String>> {
    let out = find_with(keys, skip, seen);
    let (mut kept, mut elsewhere) = (0usize, 0usize);
    for (i, k) in keys.iter().enumerate() {
        if skip[i] {
            continue;
        }
        let n = k.chars().count();
        kept += n;
        if seen.find(k).is_some() {
            elsewhere += n;
        }
    }
    if kept >= MIN_WHOLE_COPY && elsewhere > 0 && elsewhere as f64 >= WHOLE_COPY * kept as f64 {
        return find_with(keys, skip, &Seen::default());
    }
    out
}

fn find_with(keys: &[String], skip: &[bool], seen: &Seen) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; keys.len()];
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, k) in keys.iter().enumerate() {
        if skip[i] || k.chars().count() < MIN_REPEAT {
            continue;
        }
        if let Some(&j) = first.get(k.as_str()) {
            out[i] = Some(format!("repeats paragraph {}", j + 1));
        } else if let Some(doc) = seen.find(k) {
            out[i] = Some(format!("also in document {doc}"));
        } else {
            first.insert(k, i);
        }
    }
    copies(keys, skip, &mut out);
    out
}

/// The distinct shingles of a key, sorted.
fn shingles(key: &str) -> Vec<u64> {
    let chars: Vec<char> = key.chars().collect();
    let mut out: Vec<u64> = chars
        .windows(SHINGLE)
        .map(|w| {
            let mut h = FxHasher::default();
            for &c in w {
                h.write_u32(c as u32);
            }
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Marks condensed copies and near copies among the paragraphs still kept.
fn copies(keys: &[String], skip: &[bool], out: &mut [Option<String>]) {
    // Paragraphs already removed (furniture, exact repeats) neither get checked nor count as
    // originals: an exact repeat's original is in the table anyway.
    let live: Vec<bool> = (0..keys.len())
        .map(|i| !skip[i] && out[i].is_none())
        .collect();
    let sets: Vec<Vec<u64>> = keys
        .iter()
        .zip(&live)
        .map(|(k, &l)| if l { shingles(k) } else { Vec::new() })
        .collect();
    // Every (shingle, paragraph) pair, sorted: a shingle's holders are one run, in paragraph
    // order. One flat array instead of a table of lists: no allocation per shingle.
    let mut held: Vec<(u64, u32)> = sets
        .iter()
        .enumerate()
        .flat_map(|(i, set)| set.iter().map(move |&s| (s, i as u32)))
        .collect();
    held.sort_unstable();
    // Where each paragraph's shingles start their run in `held`, found in one pass over it
    // (a binary search per shingle cost 25 steps of cache misses each: 40 s for a 50 MB file
    // of a million templated lines). `starts[from[i]..from[i + 1]]` are paragraph i's.
    let mut from = Vec::with_capacity(sets.len() + 1);
    from.push(0usize);
    for set in &sets {
        from.push(from.last().copied().unwrap_or(0) + set.len());
    }
    let mut fill = from.clone();
    let mut starts = vec![0u32; held.len()];
    let mut run = 0usize;
    for (e, &(s, i)) in held.iter().enumerate() {
        if held[run].0 != s {
            run = e;
        }
        starts[fill[i as usize]] = run as u32;
        fill[i as usize] += 1;
    }
    // Only the earliest holders of a shingle are looked at: the original of a copy comes
    // first, and a shingle held by hundreds of paragraphs (a corpus that repeats itself)
    // would otherwise make this quadratic.
    let holders = |run: u32| {
        let run = run as usize;
        let s = held[run].0;
        held[run..]
            .iter()
            .take(MAX_HOLDERS)
            .take_while(move |&&(h, _)| h == s)
            .map(|&(_, i)| i as usize)
    };
    let mut per_other: FxHashMap<usize, usize> = FxHashMap::default();
    for i in 0..keys.len() {
        if !live[i] || out[i].is_some() || sets[i].is_empty() {
            continue;
        }
        // How many of i's shingles each other paragraph holds, and how many any other does.
        per_other.clear();
        let mut covered = 0;
        for &run in &starts[from[i]..from[i + 1]] {
            let mut any = false;
            for j in holders(run).filter(|&j| j != i && out[j].is_none()) {
                *per_other.entry(j).or_default() += 1;
                any = true;
            }
            covered += usize::from(any);
        }
        let total = sets[i].len() as f64;
        let contributors = per_other
            .values()
            .filter(|&&n| n as f64 >= 0.05 * total)
            .count();
        if keys[i].chars().count() >= MIN_CONDENSED
            && covered as f64 >= COVERED * total
            && contributors >= 2
        {
            out[i] = Some(format!("condensed copy of {contributors} other paragraphs"));
            continue;
        }
        // The earliest paragraph it nearly repeats.
        let near = per_other
            .iter()
            .filter(|&(&j, &n)| {
                j < i
                    && n as f64 >= NEAR_COPY * total
                    && n as f64 >= NEAR_COPY * sets[j].len() as f64
            })
            .map(|(&j, _)| j)
            .min();
        if let Some(j) = near {
            out[i] = Some(format!("nearly repeats paragraph {}", j + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_alphanumeric_agrees() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    fn keys(paras: &[&str]) -> Vec<String> {
        paras
            .iter()
            .map(|p| key(&crate::fold::fold_query(p)))
            .collect()
    }

    fn run(paras: &[&str], seen: &Seen) -> Vec<bool> {
        let k = keys(paras);
        find(&k, &vec![false; k.len()], seen)
            .iter()
            .map(Option::is_some)
            .collect()
    }

    const A: &str = "快手不缺流量，三亿日活是强大的流量池。而京东不缺正品商品供应，和强大的配送物流和售后体系。";
    const B: &str = "根据协议，双方将在快手小店的供应链能力打造、品牌营销和数据能力共建等方面展开深入合作，共同打造短视频直播电商新生态。";
    const C: &str =
        "六一八在即，京东快手的联合不仅剑指大促，同样也是对未来的深入洞见，这是第三段正文。";

    #[test]
    fn short_lines_may_repeat_within_a_document() {
        assert_eq!(
            run(
                &["李白", "床前明月光", "李白", "床前明月光"],
                &Seen::default()
            ),
            [false; 4]
        );
    }

    #[test]
    fn removes_a_repeated_paragraph_but_keeps_the_first() {
        let title = "京東牽“快手”:直播電商大戰中的生態重建";
        let again = "京东牵 “快手”：直播电商大战中的生态重建";
        assert_eq!(
            run(&[title, A, again], &Seen::default()),
            [false, false, true]
        );
    }

    #[test]
    fn removes_a_condensed_copy_of_the_whole_article() {
        let condensed = format!("{} {} {}", A.replace('，', " "), B, C);
        assert_eq!(
            run(&[&condensed, A, B, C], &Seen::default()),
            [true, false, false, false]
        );
    }

    #[test]
    fn keeps_paragraphs_that_merely_share_phrases() {
        let d = "京东不缺正品商品供应，但是快手的用户更多来自下沉市场，双方合作各取所需，这是另一段话。";
        assert_eq!(run(&[A, B, C, d], &Seen::default()), [false; 4]);
    }

    #[test]
    fn removes_a_near_copy_with_a_character_changed() {
        let long = format!("{A}{B}{C}");
        let edited = long.replace("强大的配送", "强大的运送");
        assert_eq!(
            run(&[&long, "另一段", &edited], &Seen::default()),
            [false, false, true]
        );
    }

    #[test]
    fn templated_lines_are_not_copies_but_a_near_copy_among_them_is() {
        // Hundreds of lines share the template's shingles (more holders than MAX_HOLDERS):
        // each line's own numbers keep it apart; an edited copy of a long paragraph is found.
        let mut paras: Vec<String> = (0..300)
            .map(|i| format!("第{i}段：京东与快手在第{}个季度的合作带来了{}亿元的成交额。", i * 7, i * 13))
            .collect();
        let long = format!("{A}{B}{C}");
        paras.insert(150, long.clone());
        paras.push(long.replace("强大的配送", "强大的运送"));
        let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
        let got = run(&refs, &Seen::default());
        let removed: Vec<usize> = (0..got.len()).filter(|&i| got[i]).collect();
        assert_eq!(removed, [paras.len() - 1]);
    }

    #[test]
    fn removes_paragraphs_an_earlier_document_holds() {
        let mut seen = Seen::default();
        seen.insert(0, &[&key(A)]);
        assert_eq!(run(&[B, A], &seen), [false, true]);
    }

    #[test]
    fn keeps_a_whole_article_an_earlier_document_holds() {
        let mut seen = Seen::default();
        seen.insert(0, &[&key(A), &key(B), &key(C)]);
        assert_eq!(run(&[C, A, B], &seen), [false; 3]);
    }

    #[test]
    fn short_lines_are_not_matched_across_documents() {
        let mut seen = Seen::default();
        seen.insert(0, &["今日互动"]);
        assert_eq!(run(&["今日互动"], &seen), [false]);
    }
}
