//! Cutting original text around matches, so the frontend never slices corpus text itself.
//!
//! Rust works in UTF-8 bytes and JavaScript in UTF-16 code units; handing JS ready-cut strings
//! sidesteps the conversion entirely.

use std::ops::Range;

use serde::Serialize;

/// A match with some context, in the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snippet {
    /// Text before the match, up to the line start or the context width.
    pub before: String,
    /// The matched text exactly as the document writes it.
    #[serde(rename = "match")]
    pub matched: String,
    /// Text after the match, up to the line end or the context width.
    pub after: String,
    /// True when `before` was cut short of the line start (show an ellipsis).
    pub clipped_before: bool,
    /// True when `after` was cut short of the line end (show an ellipsis).
    pub clipped_after: bool,
    /// Which occurrence in the document this is (0-based), to scroll the reader to it.
    pub occurrence: usize,
}

/// A run of document text, marked when it is (part of) a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// The text of the run.
    pub text: String,
    /// Whether the run is a match.
    #[serde(rename = "match")]
    pub matched: bool,
}

fn is_line_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// Cuts `text[range]` with up to `context` characters on either side, never across a line.
pub fn snippet(text: &str, range: Range<usize>, context: usize, occurrence: usize) -> Snippet {
    let line_start = text[..range.start]
        .rfind(is_line_break)
        .map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find(is_line_break)
        .map_or(text.len(), |i| range.end + i);

    let head = &text[line_start..range.start];
    let from = head
        .char_indices()
        .rev()
        .take(context)
        .last()
        .map_or(head.len(), |(i, _)| i);

    let tail = &text[range.end..line_end];
    let to = tail
        .char_indices()
        .nth(context)
        .map_or(tail.len(), |(i, _)| i);

    Snippet {
        before: head[from..].trim_start().to_owned(),
        matched: text[range.clone()].to_owned(),
        after: tail[..to].trim_end().to_owned(),
        clipped_before: from > 0,
        clipped_after: to < tail.len(),
        occurrence,
    }
}

/// Cuts the whole of `text` into pieces, marking `ranges` (sorted by start; overlapping or
/// touching ranges are merged into one mark).
pub fn pieces(text: &str, ranges: &[Range<usize>]) -> Vec<Piece> {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r.clone()),
        }
    }
    let mut out = Vec::with_capacity(merged.len() * 2 + 1);
    let mut at = 0;
    for r in merged {
        if r.start > at {
            out.push(Piece {
                text: text[at..r.start].to_owned(),
                matched: false,
            });
        }
        out.push(Piece {
            text: text[r.clone()].to_owned(),
            matched: true,
        });
        at = r.end;
    }
    if at < text.len() || out.is_empty() {
        out.push(Piece {
            text: text[at..].to_owned(),
            matched: false,
        });
    }
    out
}

/// At least the first `stop` bytes of document `id`'s article, whose raw text is read only as
/// far as [`article_prefix`] needs when the document is `sound` (checked against its snapshot,
/// or never opened from one); else, or when that start cannot tell, the whole article.
pub(crate) fn article_start(
    store: &crate::store::Store,
    id: u32,
    stop: usize,
    sound: bool,
) -> std::borrow::Cow<'_, str> {
    let e = &store.entries[id as usize];
    if sound {
        // The raw bytes up to where the article's `stop` comes from, and a line more, so that
        // a blank piece at the cut seldom leaves the start undecided.
        let raw_stop = e.cleaned.offsets.to_original(stop).saturating_add(256);
        let raw = store.texts().prefix(id, raw_stop);
        if let Some(start) = article_prefix(&raw, e.doc.paragraphs.iter(), &e.cleaned.removed, stop) {
            return start.into();
        }
    }
    store.article(id)
}

/// At least the first `stop` bytes of a cleaned article (all of it when shorter), a prefix of
/// what [`crate::clean::assemble`] makes of the whole raw text, assembled from `text`, only
/// the start of that raw text: a hit's snippets need the article up to their last match and
/// its context, and decoding and assembling the whole of every shown document was 40 % of a
/// page of results for a two-character word at 10 MB (callgrind). `None` when the start given
/// cannot tell (a piece reaching past it with nothing but spaces in view); the caller then
/// assembles the whole article.
pub(crate) fn article_prefix(
    text: &str,
    paragraphs: impl IntoIterator<Item = Range<usize>>,
    removed: &[crate::clean::Removed],
    stop: usize,
) -> Option<String> {
    let mut out = String::with_capacity(stop.min(text.len()) + 64);
    let mut next_removed = 0;
    // The same pieces as `assemble` cuts: each paragraph less the removed spans in it.
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for p in paragraphs {
        if out.len() >= stop {
            return Some(out);
        }
        pieces.clear();
        let mut at = p.start;
        while next_removed < removed.len() && removed[next_removed].range.start < p.end {
            let r = &removed[next_removed].range;
            if r.end <= p.start {
                next_removed += 1;
                continue;
            }
            if r.start > at {
                pieces.push(at..r.start);
            }
            at = at.max(r.end);
            if r.end > p.end {
                break;
            }
            next_removed += 1;
        }
        if at < p.end {
            pieces.push(at..p.end);
        }
        // Blank pieces are left out, as `assemble` does; a piece reaching past `text` is kept
        // when what is in view of it is not blank, and nothing after it is in view.
        let mut cut = false;
        let mut kept = 0;
        for i in 0..pieces.len() {
            let r = pieces[i].clone();
            let seen = text.get(r.start..r.end.min(text.len()))?;
            if r.end > text.len() {
                if seen.trim().is_empty() {
                    return None;
                }
                pieces[kept] = r.start..text.len();
                kept += 1;
                cut = true;
                break;
            }
            if !seen.trim().is_empty() {
                pieces[kept] = r;
                kept += 1;
            }
        }
        if kept == 0 {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for piece in &pieces[..kept] {
            out.push_str(&text[piece.clone()]);
        }
        if cut {
            return (out.len() >= stop).then_some(out);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The start of an article assembled from the start of its raw text is the start of
        /// the article assembled from the whole, at least `stop` bytes long (or all of it).
        #[test]
        fn an_article_prefix_is_the_start_of_the_whole_article(
            text in "[京东 a\n\r，]{0,60}",
            spans in prop::collection::vec((0usize..80, 0usize..6, any::<bool>()), 0..5),
            cut in 0usize..90,
            stop in 0usize..90,
        ) {
            let paragraphs = crate::document::paragraphs(&text);
            // Removed spans on character boundaries, sorted, not overlapping.
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let mut removed: Vec<crate::clean::Removed> = Vec::new();
            let mut from = 0;
            for (start, len, paragraph) in spans {
                let s = bounds[(start % bounds.len()).max(from).min(bounds.len() - 1)];
                let e = bounds[(bounds.iter().position(|&b| b == s).unwrap() + len).min(bounds.len() - 1)];
                if e > s {
                    removed.push(crate::clean::Removed {
                        range: s..e,
                        reason: crate::clean::Reason::Duplicate,
                        note: String::new(),
                        paragraph,
                    });
                    from = bounds.iter().position(|&b| b == e).unwrap();
                }
            }
            let whole = crate::clean::assemble(&text, &paragraphs, &removed).0;
            let cut = bounds[cut % bounds.len()];
            if let Some(prefix) = article_prefix(&text[..cut], paragraphs.iter().cloned(), &removed, stop) {
                prop_assert!(whole.starts_with(&prefix), "{:?} of {:?}", prefix, whole);
                prop_assert!(prefix.len() >= stop.min(whole.len()));
            }
            let all = article_prefix(&text, paragraphs.iter().cloned(), &removed, stop);
            prop_assert!(all.as_deref().is_some_and(|p| whole.starts_with(p) && p.len() >= stop.min(whole.len())));
        }
    }

    #[test]
    fn cuts_context_within_the_line() {
        let text = "第一行\n京東零售與快手宣佈達成戰略合作\n下一行";
        let start = text.find("快手").unwrap();
        let s = snippet(text, start..start + 6, 3, 0);
        assert_eq!(
            (s.before.as_str(), s.matched.as_str(), s.after.as_str()),
            ("零售與", "快手", "宣佈達")
        );
        assert!(s.clipped_before && s.clipped_after);
    }

    #[test]
    fn does_not_clip_short_lines() {
        let text = "京東快手";
        let s = snippet(text, 6..12, 30, 2);
        assert_eq!((s.before.as_str(), s.after.as_str()), ("京東", ""));
        assert!(!s.clipped_before && !s.clipped_after);
        assert_eq!(s.occurrence, 2);
    }

    #[test]
    fn pieces_rebuild_the_text_and_merge_overlaps() {
        let text = "哈哈哈哈 ok";
        let ps = pieces(text, &[0..9, 3..12]);
        assert_eq!(ps.iter().map(|p| p.text.as_str()).collect::<String>(), text);
        assert_eq!(ps.iter().filter(|p| p.matched).count(), 1);
    }

    #[test]
    fn pieces_without_ranges_are_the_whole_text() {
        assert_eq!(
            pieces("abc", &[]),
            [Piece {
                text: "abc".into(),
                matched: false
            }]
        );
    }
}
