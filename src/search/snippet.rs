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

/// `range` cut to `text` and to its character boundaries. A sound corpus never needs it; a
/// snapshot forged past its checksums can map a match past its document's text (which then
/// reads as fillers), and that match is shown cut rather than panicking.
fn fit(text: &str, range: Range<usize>) -> Range<usize> {
    let floor = |i: usize| {
        let mut i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(range.start);
    start..floor(range.end).max(start)
}

/// Cuts `text[range]` with up to `context` characters on either side, never across a line.
pub fn snippet(text: &str, range: Range<usize>, context: usize, occurrence: usize) -> Snippet {
    let range = fit(text, range);
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
        let r = fit(text, r.clone());
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_past_the_text_or_inside_a_character_is_cut_to_it() {
        // What a forged snapshot can map a match to (fuzz: damage behind valid checksums).
        let text = "??京東??";
        let s = snippet(text, 101..107, 3, 0);
        assert_eq!((s.before.as_str(), s.matched.as_str()), ("東??", ""));
        let s = snippet(text, 3..7, 3, 0);
        assert_eq!(s.matched, "京");
        let p = pieces(text, &[1..4, 60..70]);
        assert_eq!(p.iter().map(|p| p.text.as_str()).collect::<String>(), text);
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
