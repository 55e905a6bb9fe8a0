//! Quantities: a number with its unit (from `data/figure-units.txt`), approximation marks and
//! ranges; percentages written 百分之 and amounts after a currency sign.

use std::sync::OnceLock;

use super::numbers::{is_cn_numeral, Num};
use super::scan::{is_approx_after, is_range_sep, Found, Scanner, APPROX_BEFORE};
use super::FigureKind;

/// The unit vocabulary (money, measure words, not-units), embedded at compile time.
pub(super) const UNITS: &str = include_str!("../../../data/figure-units.txt");

/// A unit from `data/figure-units.txt`.
pub(super) struct Unit {
    pub(super) written: Vec<char>,
    pub(super) kind: FigureKind,
    pub(super) canonical: &'static str,
}

pub(super) struct Vocabulary {
    /// Longest first, so that the first match at a position is the longest.
    pub(super) units: Vec<Unit>,
    pub(super) not_units: Vec<Vec<char>>,
}

pub(super) fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let mut units = Vec::new();
        let mut not_units = Vec::new();
        let mut section = "";
        for line in UNITS.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                section = line;
                continue;
            }
            let mut words = line.split_whitespace();
            let Some(written) = words.next() else {
                continue;
            };
            let canonical = words.next().unwrap_or(written);
            let kind = match section {
                "[money]" => FigureKind::Amount,
                "[count]" => FigureKind::Count,
                "[not-unit]" => {
                    not_units.push(written.chars().collect());
                    continue;
                }
                // A line outside a known section is a mistake in our own data file, which
                // the unit tests catch; skipping it keeps users safe from it.
                _ => continue,
            };
            units.push(Unit {
                written: written.chars().collect(),
                kind,
                canonical,
            });
        }
        units.sort_by_key(|u| std::cmp::Reverse(u.written.len()));
        Vocabulary { units, not_units }
    })
}

/// A number with what follows it: magnitude, approximation marks, unit.
#[derive(Debug, Clone)]
pub(super) struct Quantity {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) num: Num,
    pub(super) magnitude: Option<i32>,
    pub(super) unit: Option<(FigureKind, &'static str)>,
}

impl Quantity {
    /// Neither unit nor magnitude: only the first side of a range may be bare.
    pub(super) fn is_bare(&self) -> bool {
        self.unit.is_none() && self.magnitude.is_none()
    }
    pub(super) fn kind(&self) -> FigureKind {
        self.unit.map_or(FigureKind::Count, |(k, _)| k)
    }
    pub(super) fn unit(&self) -> &'static str {
        self.unit.map_or("", |(_, u)| u)
    }
}

impl Scanner {
    /// The unit at `i`: `%` or the longest unit of the vocabulary, unless a not-unit word
    /// starts there. Returns its kind, canonical form and end.
    pub(super) fn unit_at(&self, i: usize) -> Option<(FigureKind, &'static str, usize)> {
        if self.get(i) == Some('%') {
            return Some((FigureKind::Percent, "%", i + 1));
        }
        let vocabulary = vocabulary();
        let unit = vocabulary
            .units
            .iter()
            .find(|u| self.c.get(i..i + u.written.len()) == Some(&u.written[..]))?;
        let excluded = vocabulary
            .not_units
            .iter()
            .any(|w| w.len() > unit.written.len() && self.c.get(i..i + w.len()) == Some(&w[..]));
        if excluded {
            return None;
        }
        Some((unit.kind, unit.canonical, i + unit.written.len()))
    }

    /// A number with its magnitude, approximation marks and unit, starting at `i` (at an
    /// approximation mark before the number when `allow_prefix`). A bare number comes back
    /// too (as the possible start of a range); `None` when there is no number, or it is an
    /// ordinal or a year.
    pub(super) fn quantity(&self, i: usize, allow_prefix: bool) -> Option<Quantity> {
        let mut p = i;
        if allow_prefix && APPROX_BEFORE.contains(&self.c[i]) {
            if self.c[i] == '近' && i > 0 && matches!(self.c[i - 1], '最' | '附') {
                return None;
            }
            p = i + 1;
        }
        if self.ordinal_before(p) {
            return None;
        }
        let num = self.number(p)?;
        let arabic = num.arabic;
        let bare = Quantity {
            start: i,
            end: num.end,
            num: num.clone(),
            magnitude: None,
            unit: None,
        };
        let mut cur = num.end;
        let mut approx = false;
        if self.is(cur, is_approx_after) {
            cur += 1;
            approx = true;
        }
        let mut unit = self.unit_at(self.skip_space(cur));
        let mut magnitude = None;
        let mut end = num.end;
        if unit.is_none() {
            // A Chinese numeral takes 万/亿 after 多/余 or decimals (三千多万, 三点五亿).
            if let Some((exp, len)) = self.magnitude(cur, arabic, approx || num.exp < 0) {
                magnitude = Some(exp);
                cur += len;
                if self.is(cur, is_approx_after) {
                    cur += 1;
                }
                end = cur;
                approx = false;
            }
        }
        let mut plus = false;
        if arabic && unit.is_none() && self.get(cur) == Some('+') {
            cur += 1;
            plus = true;
            if magnitude.is_some() {
                end = cur;
            }
        }
        if unit.is_none() {
            unit = self.unit_at(self.skip_space(cur));
        }
        let quantity = match unit {
            Some((kind, canonical, unit_end)) => {
                let is_year = num.year.is_some()
                    && canonical == "年"
                    && magnitude.is_none()
                    && !approx
                    && !plus;
                if is_year {
                    return None;
                }
                Quantity {
                    start: i,
                    end: unit_end,
                    num,
                    magnitude,
                    unit: Some((kind, canonical)),
                }
            }
            // Magnitude alone: a count for Arabic numbers; a Chinese numeral needs a unit.
            None if magnitude.is_some() && arabic => Quantity {
                start: i,
                end,
                num,
                magnitude,
                unit: None,
            },
            None => bare,
        };
        Some(quantity)
    }

    /// A range whose first side is `first`: separator, then a second quantity with a unit or
    /// magnitude.
    pub(super) fn range_after(&self, first: &Quantity) -> Option<Found> {
        let s = self.skip_space(first.end);
        if !self.is(s, is_range_sep) {
            return None;
        }
        let second = self.quantity(self.skip_space(s + 1), false)?;
        if second.is_bare() {
            return None;
        }
        let unit_agrees = match (first.unit, second.unit) {
            (Some(a), Some(b)) => a == b,
            (Some(_), None) => false,
            (None, _) => true,
        };
        if !unit_agrees {
            return None;
        }
        let first_magnitude = if first.is_bare() {
            second.magnitude
        } else {
            first.magnitude
        };
        let from = first.num.value(first_magnitude.unwrap_or(0))?;
        let to = second.num.value(second.magnitude.unwrap_or(0))?;
        if to < from {
            return None;
        }
        Some(Found {
            start: first.start,
            end: second.end,
            kind: second.kind(),
            value: Some(from),
            value_to: Some(to),
            unit: second.unit(),
            iso: None,
        })
    }

    /// 百分之 + a number (百分之五十, 百分之10, 百分之百).
    pub(super) fn percent_words(&self, i: usize) -> Option<Found> {
        if !self.starts_with(i, "百分之") {
            return None;
        }
        let p = i + 3;
        let num = match self.arabic(p) {
            Some(n) => n,
            None if self.get(p) == Some('百') && !self.is(p + 1, is_cn_numeral) => Num {
                mantissa: "100".into(),
                exp: 0,
                end: p + 1,
                arabic: false,
                year: None,
                small: None,
                sequence: false,
                lone_one: false,
            },
            None => self.chinese(p).filter(|n| !n.sequence)?,
        };
        Some(Found {
            start: i,
            end: num.end,
            kind: FigureKind::Percent,
            value: num.value(0),
            value_to: None,
            unit: "%",
            iso: None,
        })
    }

    /// ¥ or $ before an Arabic number (and its magnitude): ¥99, $5亿.
    pub(super) fn currency_first(&self, i: usize) -> Option<Found> {
        let unit = match self.c[i] {
            '¥' | '￥' => "元",
            '$' => "美元",
            _ => return None,
        };
        let num = self.arabic(i + 1)?;
        let (magnitude, end) = match self.magnitude(num.end, true, false) {
            Some((exp, len)) => (exp, num.end + len),
            None => (0, num.end),
        };
        Some(Found {
            start: i,
            end,
            kind: FigureKind::Amount,
            value: num.value(magnitude),
            value_to: None,
            unit,
            iso: None,
        })
    }
}
