//! Analysis: turning counts from the corpus into the numbers corpus linguists read.
//!
//! This is the last step of the pipeline before the session and the binding. Each view is a
//! free function over the [`Store`](crate::store::Store) — with the
//! [`Searcher`](crate::search::Searcher) when it starts from a query, and [`Words`] (the
//! segmenter and the token-stream cache) when it counts tokens — like tantivy's collectors,
//! which never add methods to its `Searcher`. Counts are scored with the formulas in [`stats`],
//! which is plain arithmetic on numbers and knows nothing about text.

pub mod collocates;
pub mod concordance;
pub mod figures;
pub mod frequency;
pub mod keywords;
pub mod reference;
pub mod stats;
pub mod tokens;
pub mod trends;
pub mod words;

pub use words::Words;

/// Which documents a statistic counts: `None` for all of them, or per document whether it is
/// counted (the leads of stories and the documents that stand alone, with `onePerStory`).
pub type Counted<'a> = Option<&'a [bool]>;

/// Whether document `id` is counted.
pub(crate) fn is_counted(counted: Counted, id: u32) -> bool {
    counted.is_none_or(|c| c.get(id as usize).copied().unwrap_or(true))
}

/// Character offsets of sorted byte offsets into `text`, in one pass.
pub(crate) fn char_offsets(text: &str, sorted: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted.len());
    let (mut chars, mut at) = (0, 0);
    let mut iter = text.char_indices();
    for &target in sorted {
        while at < target {
            match iter.next() {
                Some((_, c)) => {
                    at += c.len_utf8();
                    chars += 1;
                }
                None => break,
            }
        }
        out.push(chars);
    }
    out
}
