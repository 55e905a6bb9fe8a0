//! The scanner: the folded text as characters, the URLs in it, and the order in which the
//! rules are tried at each position ([`Scanner::figure_at`]).

use super::numbers::is_cn_numeral;
use super::FigureKind;

/// Approximation marks that may stand before a number.
pub(super) const APPROX_BEFORE: [char; 4] = ['近', '约', '超', '逾'];

/// Approximation marks that may follow a number or its magnitude.
pub(super) fn is_approx_after(c: char) -> bool {
    matches!(c, '多' | '余')
}

/// What joins the two sides of a range.
pub(super) fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '~' | '〜' | '至' | '到')
}

/// Characters a URL may contain. The comma is left out on purpose: the Chinese comma folds
/// to `,`, and a URL followed by `，` must end there.
pub(super) fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@$&*+=%".contains(c)
}

/// A figure in character indices of the folded text.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: FigureKind,
    pub(super) value: Option<f64>,
    pub(super) value_to: Option<f64>,
    pub(super) unit: &'static str,
    pub(super) iso: Option<String>,
}

pub(super) struct Scanner {
    /// The folded text's characters.
    pub(super) c: Vec<char>,
    /// Byte offset of each character, plus the text's length at the end.
    pub(super) at: Vec<usize>,
    /// Whether each character is part of a URL.
    pub(super) url: Vec<bool>,
}

impl Scanner {
    pub(super) fn new(folded: &str) -> Scanner {
        let (at, c): (Vec<usize>, Vec<char>) = folded.char_indices().unzip();
        let mut at = at;
        at.push(folded.len());
        let mut scanner = Scanner {
            url: vec![false; c.len()],
            c,
            at,
        };
        scanner.mark_urls();
        scanner
    }

    pub(super) fn mark_urls(&mut self) {
        let mut i = 0;
        while i < self.c.len() {
            if self.starts_with(i, "http://")
                || self.starts_with(i, "https://")
                || self.starts_with(i, "www.")
            {
                while i < self.c.len() && is_url_char(self.c[i]) {
                    self.url[i] = true;
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
    }

    pub(super) fn get(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    pub(super) fn is(&self, i: usize, f: impl Fn(char) -> bool) -> bool {
        self.get(i).is_some_and(f)
    }

    pub(super) fn digit(&self, i: usize) -> bool {
        self.is(i, |c| c.is_ascii_digit())
    }

    pub(super) fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..)
            .zip(s.chars())
            .all(|(k, want)| self.get(k) == Some(want))
    }

    /// Skips one ASCII space, if there is one.
    pub(super) fn skip_space(&self, i: usize) -> usize {
        if self.get(i) == Some(' ') {
            i + 1
        } else {
            i
        }
    }

    /// The number at `i` is an ordinal: 第 before it, perhaps with a space between.
    pub(super) fn ordinal_before(&self, i: usize) -> bool {
        match i {
            0 => false,
            _ if self.c[i - 1] == '第' => true,
            1 => false,
            _ => self.c[i - 1] == ' ' && self.c[i - 2] == '第',
        }
    }

    /// One figure starting at `i`, if any.
    pub(super) fn figure_at(&self, i: usize) -> Option<Found> {
        let c = self.c[i];
        if !(c.is_ascii_digit()
            || is_cn_numeral(c)
            || APPROX_BEFORE.contains(&c)
            || matches!(c, '¥' | '￥' | '$'))
        {
            return None;
        }
        if let Some(found) = self.date_at(i) {
            return Some(found);
        }
        if let Some(found) = self.percent_words(i) {
            return Some(found);
        }
        if let Some(found) = self.currency_first(i) {
            return Some(found);
        }
        let first = self.quantity(i, true)?;
        if let Some(found) = self.range_after(&first) {
            return Some(found);
        }
        if first.is_bare() {
            return None;
        }
        Some(Found {
            start: first.start,
            end: first.end,
            kind: first.kind(),
            value: first.num.value(first.magnitude.unwrap_or(0)),
            value_to: None,
            unit: first.unit(),
            iso: None,
        })
    }
}
