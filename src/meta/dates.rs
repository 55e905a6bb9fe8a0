//! Publication dates: labelled values, lines that are only a date, short bylines holding one;
//! read into the crate's one [`PartialDate`].

use std::ops::Range;

use super::labels::{is_bar, is_closing, is_colon, is_field_start, leading_brackets, Label};
use crate::date::{days_in_month, PartialDate};

/// A line with a date and other words (a byline like `新浪科技 2020-07-17 10:23`) is read as
/// dated only if it is at most this long and free of clause punctuation.
pub(super) const BYLINE_MAX_CHARS: usize = 80;

/// How a date without a label stands in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateLine {
    /// The line is the date, perhaps with a weekday and a time: `2021年3月26日 星期五`.
    Only,
    /// The line is a short byline holding the date: `新浪科技 2020-07-17 10:23`.
    Byline,
}

/// Dates in `line` that stand as a publication date would: a line of their own, or a field of
/// a short byline-like line. Labelled dates (whose values the labels hold) are skipped.
pub(super) fn unlabelled_dates(
    line: &str,
    labels: &[Label],
) -> Vec<(PartialDate, Range<usize>, DateLine)> {
    let mut out = Vec::new();
    let lead = leading_brackets(line);
    let quiet = line.chars().count() <= BYLINE_MAX_CHARS
        && !line.contains(|c: char| {
            matches!(
                c,
                '。' | '，' | ',' | '！' | '!' | '？' | '?' | '；' | ';' | '、'
            )
        });
    for (i, _) in line.char_indices() {
        if !is_field_start(line, i) || labels.iter().any(|l| l.value.start == i) {
            continue;
        }
        let Some((date, len)) = date_at(&line[i..]) else {
            continue;
        };
        let rest = &line[i + len..];
        let only = i == lead && only_time_after(rest);
        let ends_field = rest
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || is_bar(c) || is_closing(c))
            || weekday_len(rest).is_some();
        if only {
            out.push((date, i..i + len, DateLine::Only));
        } else if quiet && ends_field && date.month.is_some() {
            out.push((date, i..i + len, DateLine::Byline));
        }
    }
    out
}

/// Whether what follows a date is only white space, commas, closing brackets, a weekday and a
/// time of day.
pub(super) fn only_time_after(mut rest: &str) -> bool {
    loop {
        rest = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '，') || is_closing(c)
        });
        if rest.is_empty() {
            return true;
        }
        if let Some(n) = weekday_len(rest).or_else(|| time_len(rest)) {
            rest = &rest[n..];
        } else {
            return false;
        }
    }
}

/// Byte length of a weekday at the start of `s`: 星期五, 周五, 週日, 礼拜天.
pub(super) fn weekday_len(s: &str) -> Option<usize> {
    let prefix = ["星期", "礼拜", "禮拜", "周", "週"]
        .into_iter()
        .find(|p| s.starts_with(p))?;
    let day = s[prefix.len()..].chars().next()?;
    "一二三四五六日天"
        .contains(day)
        .then(|| prefix.len() + day.len_utf8())
}

/// Byte length of a time of day at the start of `s`: `10:23`, `10:23:45`, `T10:23`.
pub(super) fn time_len(s: &str) -> Option<usize> {
    let mut at = usize::from(s.starts_with('T'));
    let (_, n) = number(&s[at..], 1, 2)?;
    at += n;
    for part in 0..2 {
        let Some(colon) = s[at..].chars().next().filter(|&c| is_colon(c)) else {
            return (part > 0).then_some(at);
        };
        let (_, n) = number(&s[at + colon.len_utf8()..], 2, 2)?;
        at += colon.len_utf8() + n;
    }
    Some(at)
}

/// A decimal digit, ASCII or full-width.
pub(super) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The number of `min..=max` digits at the start of `s` and its byte length; `None` if there
/// are fewer digits, or more (so `2020` is not read from `20201`).
pub(super) fn number(s: &str, min: usize, max: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut len = 0;
    let mut count = 0;
    for c in s.chars() {
        let Some(d) = digit(c) else { break };
        count += 1;
        if count > max {
            return None;
        }
        value = value * 10 + d;
        len += c.len_utf8();
    }
    (count >= min).then_some((value, len))
}

/// The date `s` starts with and its byte length: `2020-07-17`, `2020/7/17`, `2020.07.17`,
/// `2020-07`, `2021年3月26日`, `2021年3月`, `2021年` (digits ASCII or full-width). Validated:
/// year 1900–2100, month 1–12, day within the month.
pub(super) fn date_at(s: &str) -> Option<(PartialDate, usize)> {
    let (year, mut at) = number(s, 4, 4)?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let year = u16::try_from(year).ok()?;
    let sep = s[at..].chars().next()?;
    at += sep.len_utf8();
    let (month, day, len) = if sep == '年' {
        match number(&s[at..], 1, 2).filter(|&(_, n)| s[at + n..].starts_with('月')) {
            None => (None, None, at),
            Some((month, n)) => {
                at += n + '月'.len_utf8();
                let day = number(&s[at..], 1, 2).and_then(|(day, n)| {
                    let suffix = s[at + n..]
                        .chars()
                        .next()
                        .filter(|c| matches!(c, '日' | '号' | '號'))?;
                    Some((day, n + suffix.len_utf8()))
                });
                match day {
                    Some((day, n)) => (Some(month), Some(day), at + n),
                    None => (Some(month), None, at),
                }
            }
        }
    } else if matches!(sep, '-' | '/' | '.' | '－' | '／' | '．') {
        let (month, n) = number(&s[at..], 1, 2)?;
        at += n;
        let day = s[at..]
            .strip_prefix(sep)
            .and_then(|rest| number(rest, 1, 2))
            .map(|(day, n)| (day, sep.len_utf8() + n));
        match day {
            Some((day, n)) => (Some(month), Some(day), at + n),
            // 2020.07 is too often a decimal number to be read as a month.
            None if !matches!(sep, '.' | '．') => (Some(month), None, at),
            None => return None,
        }
    } else {
        return None;
    };
    // A digit right after the date means it was a longer number (2020-07-17.5 is no date).
    if s[len..].chars().next().and_then(digit).is_some() {
        return None;
    }
    let month = match month {
        Some(m) if (1..=12).contains(&m) => Some(m as u8),
        Some(_) => return None,
        None => None,
    };
    let day = match (month, day) {
        (Some(m), Some(d)) if d >= 1 && d <= u32::from(days_in_month(Some(year), m)) => {
            Some(d as u8)
        }
        (_, Some(_)) => return None,
        _ => None,
    };
    Some((PartialDate::new(Some(year), month, day), len))
}
