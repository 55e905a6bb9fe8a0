//! Numbers: Arabic (decimals, thousands separators), Chinese numerals (positional, with
//! decimals after 点), and the magnitudes after them (万, 亿, `w`, `k` …).

use super::scan::Scanner;
use crate::document::is_han;

pub(super) fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Power of ten of a Chinese place word.
pub(super) fn cn_place(c: char) -> Option<u32> {
    Some(match c {
        '十' => 1,
        '百' => 2,
        '千' => 3,
        '万' => 4,
        '亿' => 8,
        _ => return None,
    })
}

pub(super) fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_place(c).is_some()
}

/// A parsed number: its digits and a power of ten, so that magnitudes are applied exactly
/// (3.874亿 is "3874" × 10^5, parsed once, not 3.874 × 1e8 with a rounding error).
#[derive(Debug, Clone)]
pub(super) struct Num {
    pub(super) mantissa: String,
    pub(super) exp: i32,
    /// Character index after the number.
    pub(super) end: usize,
    pub(super) arabic: bool,
    /// A four-digit year 1900–2099 written as plain digits (2021, 二〇二一).
    pub(super) year: Option<u32>,
    /// A small whole number written without decimals or separators (Arabic: at most two
    /// digits), for months and days.
    pub(super) small: Option<u32>,
    /// Chinese digits without place words, two or more (三四, 二〇二一).
    pub(super) sequence: bool,
    /// The lone numeral 一.
    pub(super) lone_one: bool,
}

impl Num {
    pub(super) fn value(&self, magnitude: i32) -> Option<f64> {
        format!("{}e{}", self.mantissa, self.exp + magnitude)
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    }
}

impl Scanner {
    /// A digit at `i` continues something to its left: a digit, a `.` or a thousands comma.
    pub(super) fn glued_before(&self, i: usize) -> bool {
        let Some(before) = i.checked_sub(1).map(|b| self.c[b]) else {
            return false;
        };
        before.is_ascii_digit()
            || before == '.'
            || (before == ',' && i > 1 && self.c[i - 2].is_ascii_digit())
    }

    /// An Arabic number at `i`: digits, thousands groups, decimals.
    pub(super) fn arabic(&self, i: usize) -> Option<Num> {
        if !self.digit(i) || self.glued_before(i) {
            return None;
        }
        let mut mantissa = String::new();
        let mut j = i;
        while self.digit(j) {
            mantissa.push(self.c[j]);
            j += 1;
        }
        let int_len = j - i;
        let mut grouped = false;
        if int_len <= 3 {
            while self.get(j) == Some(',')
                && (1..=3).all(|k| self.digit(j + k))
                && !self.digit(j + 4)
            {
                mantissa.extend(&self.c[j + 1..j + 4]);
                j += 4;
                grouped = true;
            }
        }
        let mut decimals = 0;
        if self.get(j) == Some('.') && self.digit(j + 1) {
            let mut k = j + 1;
            while self.digit(k) {
                mantissa.push(self.c[k]);
                k += 1;
                decimals += 1;
            }
            if self.get(k) == Some('.') && self.digit(k + 1) {
                return None; // 1.2.3: a version or a section number
            }
            j = k;
        }
        // Longer numbers are identifiers (order numbers, phone numbers), not quantities.
        if mantissa.len() > 18 {
            return None;
        }
        let plain = !grouped && decimals == 0;
        let whole: Option<u32> = if plain && int_len <= 4 {
            mantissa.parse().ok()
        } else {
            None
        };
        Some(Num {
            exp: -decimals,
            end: j,
            arabic: true,
            year: whole.filter(|y| int_len == 4 && (1900..=2099).contains(y)),
            small: whole.filter(|_| int_len <= 2),
            sequence: false,
            lone_one: false,
            mantissa,
        })
    }

    /// A Chinese numeral at `i`, read as far as numeral characters go.
    pub(super) fn chinese(&self, i: usize) -> Option<Num> {
        let first = self.get(i)?;
        if !(cn_digit(first).is_some() || first == '十') {
            return None;
        }
        if i > 0 && is_cn_numeral(self.c[i - 1]) {
            return None;
        }
        let mut j = i;
        while self.is(j, is_cn_numeral) {
            j += 1;
        }
        let run = &self.c[i..j];
        let (value, sequence) = parse_chinese(run)?;
        let mut mantissa = value.to_string();
        // Decimals after 点: 三点五亿. Not when a place word follows (三点五十分 is a time).
        let mut k = j + 1;
        if !sequence && self.get(j) == Some('点') {
            while self.is(k, |c| c != '两' && cn_digit(c).is_some()) {
                k += 1;
            }
        }
        let decimals = k.saturating_sub(j + 1);
        if decimals > 0 && !self.is(k, |c| cn_place(c).is_some_and(|p| p < 4)) {
            mantissa.extend(
                self.c[j + 1..k]
                    .iter()
                    .filter_map(|&c| cn_digit(c))
                    .map(|d| char::from_digit(d as u32, 10).unwrap_or('0')),
            );
            return Some(Num {
                mantissa,
                exp: -(decimals as i32),
                end: k,
                arabic: false,
                year: None,
                small: None,
                sequence: false,
                lone_one: false,
            });
        }
        let year = u32::try_from(value)
            .ok()
            .filter(|_| sequence && run.len() == 4 && !run.contains(&'两'))
            .filter(|y| (1900..=2099).contains(y));
        Some(Num {
            mantissa,
            exp: 0,
            end: j,
            arabic: false,
            year,
            // 两 counts (两个) but never dates (二月, not 两月).
            small: u32::try_from(value)
                .ok()
                .filter(|v| !sequence && *v <= 99 && run[0] != '两'),
            sequence,
            lone_one: run == ['一'],
        })
    }

    /// A number that may start a quantity: Arabic, or a Chinese numeral that is neither a
    /// digit run nor a lone 一.
    pub(super) fn number(&self, i: usize) -> Option<Num> {
        self.arabic(i)
            .or_else(|| self.chinese(i).filter(|n| !n.sequence && !n.lone_one))
    }

    /// A magnitude at `i` after a number: its power of ten and length in characters.
    pub(super) fn magnitude(
        &self,
        i: usize,
        arabic: bool,
        chinese_scales: bool,
    ) -> Option<(i32, usize)> {
        const ARABIC: [(&str, i32); 10] = [
            ("万亿", 12),
            ("千亿", 11),
            ("百亿", 10),
            ("十亿", 9),
            ("千万", 7),
            ("百万", 6),
            ("十万", 5),
            ("亿", 8),
            ("万", 4),
            ("千", 3),
        ];
        // After a Chinese numeral the place words belong to the number, except after 多/余
        // or decimals (三千多万, 三点五亿): then the caller says `chinese_scales`.
        const CHINESE: [(&str, i32); 3] = [("万亿", 12), ("亿", 8), ("万", 4)];
        let table: &[(&str, i32)] = if arabic {
            &ARABIC
        } else if chinese_scales {
            &CHINESE
        } else {
            return None;
        };
        for &(word, exp) in table {
            if self.starts_with(i, word) {
                return Some((exp, word.chars().count()));
            }
        }
        if arabic {
            let exp = match self.get(i)? {
                'w' => 4,
                'k' => 3,
                _ => return None,
            };
            let ok = match self.get(i + 1) {
                None | Some('+') => true,
                Some(n) => {
                    !(n.is_ascii_alphanumeric() || is_han(n))
                        || self.unit_at(self.skip_space(i + 1)).is_some()
                }
            };
            return ok.then_some((exp, 1));
        }
        None
    }
}

/// Reads a run of Chinese numeral characters. Returns the value and whether the run is a
/// digit sequence (two or more digits without place words: 二〇二一, 三四); `None` when the
/// run is not a well-formed number.
pub(super) fn parse_chinese(run: &[char]) -> Option<(u64, bool)> {
    if run.iter().all(|&c| cn_digit(c).is_some()) {
        let mut value: u64 = 0;
        for &c in run {
            value = value.checked_mul(10)?.checked_add(cn_digit(c)?)?;
        }
        return Some((value, run.len() > 1));
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut number: Option<u64> = None;
    // The place of the last place word within the section (十百千), to insist they fall.
    let mut last_small: Option<u32> = None;
    let mut last_place = 0;
    let mut after_place = false;
    let mut prev_zero = false;
    for (k, &c) in run.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if number.is_some() && !prev_zero {
                return None; // 二十一二: two digits in a row
            }
            number = Some(d);
            prev_zero = d == 0;
            after_place = k > 0 && cn_place(run[k - 1]).is_some();
            continue;
        }
        prev_zero = false;
        let place = cn_place(c)?;
        match place {
            1..=3 => {
                if last_small.is_some_and(|p| p <= place) {
                    return None;
                }
                let n = match number {
                    Some(n) => n,
                    None if k == 0 && place == 1 => 1,
                    None => return None,
                };
                section = section.checked_add(n.checked_mul(10u64.pow(place))?)?;
                last_small = Some(place);
            }
            4 => {
                let s = section.checked_add(number.unwrap_or(0))?;
                if s == 0 {
                    return None;
                }
                total = total.checked_add(s.checked_mul(10_000)?)?;
                section = 0;
                last_small = None;
            }
            _ => {
                let s = total
                    .checked_add(section)?
                    .checked_add(number.unwrap_or(0))?;
                if s == 0 {
                    return None;
                }
                total = s.checked_mul(100_000_000)?;
                section = 0;
                last_small = None;
            }
        }
        number = None;
        last_place = place;
    }
    let mut tail = number.unwrap_or(0);
    // 两万五 = 25 000, 一百五 = 150: a final digit right after a place word stands for the
    // place below it.
    if number.is_some() && after_place && last_place >= 2 {
        tail = tail.checked_mul(10u64.pow(last_place - 1))?;
    }
    Some((total.checked_add(section)?.checked_add(tail)?, false))
}
