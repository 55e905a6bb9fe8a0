//! What a title and a name look like: the shape of a headline, the length of a name.

use std::ops::Range;

use super::labels::{is_closing, is_colon, is_opening, is_slash};

/// A title is usually at most this many characters; longer first lines are article sentences
/// (the condensed one-line article of some scrapes, a lead paragraph).
pub(super) const TITLE_MAX_CHARS: usize = 60;

/// Lines with fewer letters (CJK ideographs, Latin letters) than this are account names,
/// section numbers or stray labels (面朝, 01, 分享到), not titles.
pub(super) const TITLE_MIN_LETTERS: usize = 5;

/// How many meaningful content lines from the top are looked at for a title-shaped line
/// before falling back to the first of them.
pub(super) const TITLE_LOOKAHEAD: usize = 3;

/// An explicitly stated title longer than this is not a title value but a sentence.
pub(super) const EXPLICIT_TITLE_MAX_CHARS: usize = 200;

/// An author or site name longer than this is not a name.
pub(super) const NAME_MAX_CHARS: usize = 30;

/// Whether an explicit title value is one: some letters, not a paragraph.
pub(super) fn is_explicit_title(value: &str) -> bool {
    value.chars().any(char::is_alphabetic) && value.chars().count() <= EXPLICIT_TITLE_MAX_CHARS
}

/// Whether a line looks like a headline rather than a sentence: short, and not ending with
/// sentence or clause punctuation (closing quotes and brackets looked through).
pub(super) fn is_title_shaped(line: &str) -> bool {
    let core = line.trim_end_matches(|c: char| {
        matches!(c, '”' | '’' | '"' | '\'' | '》' | '」' | '』') || is_closing(c)
    });
    let ends_like_a_sentence = core.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '。' | '！' | '？' | '.' | '!' | '?' | '，' | ',' | '；' | ';' | '、'
        ) || is_colon(c)
    });
    line.chars().count() <= TITLE_MAX_CHARS && !ends_like_a_sentence
}

/// The name at the start of a value, as a range into it: cut at the first comma, 、, space,
/// bar, slash, bracket or full stop. `None` when empty, letterless or too long for a name.
pub(super) fn name(value: &str) -> Option<Range<usize>> {
    let end = value
        .find(|c: char| {
            c.is_whitespace()
                || is_slash(c)
                || is_colon(c)
                || is_opening(c)
                || is_closing(c)
                || matches!(c, ',' | '，' | '、' | ';' | '；' | '。')
        })
        .unwrap_or(value.len());
    let name = &value[..end];
    (name.chars().any(char::is_alphabetic) && name.chars().count() <= NAME_MAX_CHARS)
        .then_some(0..end)
}
