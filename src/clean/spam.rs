//! Spam phrases injected into sentences.
//!
//! Three detectors, all working on folded paragraphs and returning byte ranges inside them:
//!
//! - **Known spam vocabulary** from `data/spam-patterns.txt`: account-trade SEO phrases
//!   (快手号买卖, 购买抖音号) and template residue (【/s2/】), wherever they stand.
//! - **Injected copies of a line**: SEO injection pastes the page's title (or another heading
//!   near the top) into the body mid-sentence. A line among the first [`SOURCE_LINES`]
//!   paragraphs, [`MIN_COPY`] to [`MAX_COPY`] characters long, that reappears *inside* a longer
//!   paragraph, not introduced by a quotation mark or bracket, is removed there; the line
//!   itself stays. Limiting the sources to the head keeps the cost linear in the document.
//! - **Fragments of injected copies**: the pieces of such a line between punctuation marks,
//!   when at least [`MIN_FRAGMENT`] characters long, are injected on their own too; a piece
//!   that reappears glued to a sentence (a letter directly on either side) is removed.

use std::ops::Range;
use std::sync::OnceLock;

use regex_lite::Regex;

/// The pattern file, embedded at compile time.
const DATA: &str = include_str!("../../data/spam-patterns.txt");

/// Shortest line (in characters) whose copies inside other paragraphs count as injected.
/// Shorter lines are headings or set phrases an author may well repeat in a sentence.
pub const MIN_COPY: usize = 12;

/// Longest line whose copies count: titles and headings, not paragraphs.
pub const MAX_COPY: usize = 80;

/// Only lines among this many first paragraphs are sources of injected copies.
pub const SOURCE_LINES: usize = 10;

/// Shortest fragment (in characters) of an injected line that is removed where it recurs.
pub const MIN_FRAGMENT: usize = 6;

/// A span to remove: paragraph index, byte range in its folded text, and why.
pub type Found = (usize, Range<usize>, String);

/// A spam pattern: a literal every match contains, and the regex.
struct Pattern {
    literal: String,
    regex: Regex,
}

/// Parses a pattern line, `literal<TAB>regex`; `None` for a malformed line.
fn pattern(line: &str) -> Option<Pattern> {
    let (literal, regex) = line.split_once('\t')?;
    Some(Pattern {
        literal: literal.to_owned(),
        regex: Regex::new(regex).ok()?,
    })
}

fn patterns() -> &'static [Pattern] {
    static PATTERNS: OnceLock<Vec<Pattern>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        DATA.lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            // A malformed line in our own data file is a mistake that the unit tests catch
            // (every line must parse); skipping it keeps users safe from it.
            .filter_map(pattern)
            .collect()
    })
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '"' | '‘' | '\'' | '《' | '「' | '『' | '(' | '（' | '[' | '【'
    )
}

fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// All spans to remove from the paragraphs (`folded`); `skip[i]` marks paragraphs already
/// removed whole, which are neither searched nor used as sources of copies.
pub fn find(folded: &[String], skip: &[bool]) -> Vec<Found> {
    let mut found = Vec::new();
    for (i, text) in folded.iter().enumerate().filter(|(i, _)| !skip[*i]) {
        for p in patterns().iter().filter(|p| text.contains(&p.literal)) {
            for m in p.regex.find_iter(text) {
                found.push((i, m.range(), format!("spam phrase “{}”", m.as_str())));
            }
        }
    }
    let mut fragments: Vec<&str> = Vec::new();
    for (src, line) in folded
        .iter()
        .enumerate()
        .take(SOURCE_LINES)
        .filter(|(i, _)| !skip[*i])
    {
        let line = line.trim();
        let letters = line.chars().filter(|c| c.is_alphanumeric()).count();
        if !(MIN_COPY..=MAX_COPY).contains(&letters) {
            continue;
        }
        let mut injected = false;
        for (i, text) in folded.iter().enumerate() {
            if i == src || skip[i] || text.len() <= line.len() {
                continue;
            }
            for (at, _) in text.match_indices(line) {
                if text[..at].chars().next_back().is_some_and(is_opening) {
                    continue;
                }
                found.push((
                    i,
                    at..at + line.len(),
                    format!("copy of paragraph {} injected", src + 1),
                ));
                injected = true;
            }
        }
        if injected {
            fragments.extend(
                line.split(is_punctuation)
                    .filter(|f| f.chars().count() >= MIN_FRAGMENT),
            );
        }
    }
    for fragment in fragments {
        let mut loose: Vec<(usize, Range<usize>)> = Vec::new();
        let mut glued_count = 0;
        for (i, text) in folded.iter().enumerate().filter(|(i, _)| !skip[*i]) {
            for (at, _) in text.match_indices(fragment) {
                let end = at + fragment.len();
                let inside = found
                    .iter()
                    .any(|(p, r, _)| *p == i && r.start <= at && end <= r.end);
                if inside {
                    continue;
                }
                let glued = text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    || text[end..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if glued {
                    glued_count += 1;
                    found.push((
                        i,
                        at..end,
                        format!("fragment “{fragment}” of an injected line"),
                    ));
                } else {
                    loose.push((i, at..end));
                }
            }
        }
        // Glued into sentences twice or more, the fragment is injected wherever it stands —
        // the title the injector copied included ("<spam>:<real title>"). A separator right
        // after it at the start of a line (or before it at the end) goes with it.
        if glued_count >= MIN_GLUED {
            for (i, range) in loose {
                let range = with_separator(&folded[i], range);
                found.push((
                    i,
                    range,
                    format!("fragment “{fragment}” of an injected line, injected elsewhere too"),
                ));
            }
        }
    }
    found
}

/// Glued occurrences that make a fragment spam everywhere.
pub const MIN_GLUED: usize = 2;

fn is_separator(c: char) -> bool {
    matches!(c, ':' | '：' | '|' | '｜' | '-' | '—' | '_' | '·' | ' ')
}

/// `range` of `text` extended over the separator that joined it to the rest of its line,
/// when it starts or ends the line.
fn with_separator(text: &str, range: Range<usize>) -> Range<usize> {
    let line = text.trim();
    let lead = text.len() - text.trim_start().len();
    if range.start == lead {
        let extra: usize = text[range.end..]
            .chars()
            .take_while(|&c| is_separator(c))
            .map(char::len_utf8)
            .sum();
        return range.start..range.end + extra;
    }
    if range.end == lead + line.len() {
        let extra: usize = text[..range.start]
            .chars()
            .rev()
            .take_while(|&c| is_separator(c))
            .map(char::len_utf8)
            .sum();
        return range.start - extra..range.end;
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold_query;

    fn spans(paras: &[&str]) -> Vec<(usize, String)> {
        let folded: Vec<String> = paras.iter().map(|p| fold_query(p)).collect();
        let mut out: Vec<(usize, String)> = find(&folded, &vec![false; folded.len()])
            .into_iter()
            .map(|(i, r, _)| (i, folded[i][r].to_owned()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_pattern_line_parses_and_its_literal_is_in_its_regex() {
        let lines = DATA
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for line in lines {
            let p = pattern(line).unwrap_or_else(|| panic!("bad pattern line: {line}"));
            assert!(!p.literal.is_empty(), "{line}");
            let unescaped = p.regex.as_str().replace('\\', "");
            assert!(
                unescaped.contains(&p.literal),
                "{line}: the literal must be in every match"
            );
        }
    }

    #[test]
    fn removes_account_trade_phrases_mid_sentence() {
        let got = spans(&[
            "他提到微博号买卖，商品交易前后至少经历了四个阶段",
            "部分品牌购买快手号，不受影响",
        ]);
        assert_eq!(got, [(0, "微博号买卖".into()), (1, "购买快手号".into())]);
    }

    #[test]
    fn removes_template_residue() {
        assert_eq!(
            spans(&["【/s2/】除了和品多多合作"]),
            [(0, "【/s2/】".into())]
        );
    }

    #[test]
    fn removes_a_title_pasted_into_a_sentence_and_its_fragments() {
        let title = "不走平台交易的秘密:某某电商要断开外链";
        let body =
            "这是基于供应链层面的合作不走平台交易的秘密:某某电商要断开外链,这次调整影响不大。";
        let other = "闭环不走平台交易的秘密,这不是我们做事的目的。";
        let got = spans(&[title, body, other]);
        assert_eq!(
            got,
            [
                (1, "不走平台交易的秘密:某某电商要断开外链".into()),
                (2, "不走平台交易的秘密".into())
            ]
        );
    }

    #[test]
    fn a_fragment_glued_into_sentences_twice_is_removed_from_the_title_too() {
        let title = "不走平台交易的秘密:某某电商要断开外链";
        let a = "这是基于供应链层面的合作不走平台交易的秘密:某某电商要断开外链,影响不大。";
        let b = "闭环不走平台交易的秘密,这不是我们做事的目的。";
        let c = "品控不走平台交易的秘密比什么都重要。";
        let got = spans(&[title, a, b, c]);
        assert!(got.contains(&(0, "不走平台交易的秘密:".into())), "{got:?}");
    }

    #[test]
    fn keeps_a_quoted_title() {
        let title = "直播电商的下一个十年会是什么样子";
        let body = "他在演讲《直播电商的下一个十年会是什么样子》中说，信任是基础。";
        assert!(spans(&[title, body]).is_empty());
    }

    #[test]
    fn keeps_ordinary_sentences() {
        assert!(spans(&["二手品类主播认为在平台交易更安全，粉丝承担的风险更小。"]).is_empty());
    }
}
