//! Figures: the amounts, percentages, dates and counts a text states, each with its sentence.
//!
//! News about business is made of numbers — 4338億元, 86.1%, 2019年, 3亿日活 — and a reader
//! comparing articles wants them in one table, sorted by size and linked back to where they
//! stand. [`figures`] finds them in one document and normalises each to a number (or an ISO
//! date) that sorts, keeping the text exactly as written and byte ranges into the original.
//!
//! ```
//! use corpus_explorer::analyse::figures::{figures, FigureKind};
//!
//! let found = figures("2019年直播電商市場規模達4338億元，同比增长约20%-30%。");
//! let shown: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
//! assert_eq!(shown, ["2019年", "4338億元", "约20%-30%"]);
//! assert_eq!(found[0].iso.as_deref(), Some("2019"));
//! assert_eq!(found[1].kind, FigureKind::Amount);
//! assert_eq!((found[1].value, found[1].unit.as_str()), (Some(4.338e11), "元"));
//! assert_eq!((found[2].value, found[2].value_to), (Some(20.0), Some(30.0)));
//! ```
//!
//! # How the text is read
//!
//! The text is folded first ([`crate::fold`]: 億 → 亿, 萬 → 万, `％` → `%`, `１２` → `12`),
//! so one set of rules reads Simplified and Traditional, full- and half-width text; every
//! range is mapped back to the original, and [`Figure::text`] is the original as written.
//!
//! ## Numbers
//!
//! - **Arabic numbers**, with decimals (`12.5`) and thousands separators (`1,758`: a comma
//!   counts only when exactly three digits follow it, because `,` is also what the Chinese
//!   comma `，` folds to). A number glued to a digit or a `.` on its left is the tail of
//!   something else, and `1.2.3` is a version, not a number.
//! - **Chinese numerals** (一二三四五六七八九十百千万亿两零〇): positional numbers such as
//!   三千 (3000), 一百零五 (105), 两万五 (25 000: a digit right after 百/千/万/亿 is the next
//!   place down). To keep words out, a Chinese numeral must start with a digit or 十 (so
//!   万物, 千家万户, 百亿补贴, 几千倍 are not numbers), a lone 一 is not a number (it is the
//!   article "a" far more often: 一个链接, 一家独大), and runs of digits without place words
//!   (三四线城市, 一二线, 五一期间) are not numbers — except four of them before 年, a year.
//!   Decimals follow 点 (三点五亿 = 3.5亿), but not before a place word (三点五十分 is a time).
//! - **Magnitudes** after an Arabic number: 万, 亿, 万亿, 千万, 百万, 十万, 千亿, 百亿,
//!   十亿, 千, and the informal `w` (万) and `k` (千). `w`/`k` count only when what follows
//!   is not a letter, digit or Han character (or is `+` or a unit): `10w+`, `月薪15k。` are
//!   magnitudes, `4K电视`, `5kg` are not. After a Chinese numeral, 万/亿 are part of the
//!   number itself, or follow 多/余 or decimals (三千多万, 三点五亿). Where a unit and a
//!   magnitude both start at a position (5千克), the unit wins.
//! - **Approximations** stay in [`Figure::text`] and do not change the value: 近/约/超/逾
//!   before the number (not the 近 of 最近/附近), 多/余 after the number or its magnitude
//!   (1000多个, 120多万笔, 6万多条), and `+` after an Arabic number (10w+, 500+家).
//! - **Ordinals are not figures**: a number after 第 (第三季度, 第 11 年).
//!
//! ## What makes a number a figure
//!
//! A number is a figure only when something says what it counts; a bare number (618大促,
//! 2.0时代, 7-11, 已服务500+客户) is not. What counts:
//!
//! - `%` (or 百分之 before the number) → [`FigureKind::Percent`], value in percent (86.1).
//! - A money unit from `data/figure-units.txt` (元, 块, 美元, 港元, 欧元, 人民币 …), or ¥ / $
//!   before an Arabic number → [`FigureKind::Amount`]. The unit is shown canonically
//!   (块钱, 人民币 → 元), so that amounts sort together.
//! - A measure word or unit from the same file (个 家 次 人 件 条 位 种 名 款 单 笔 倍 项,
//!   小时 天 周 个月 年 …) → [`FigureKind::Count`], with that unit (个小时 → 小时,
//!   个月 → 月). Words that merely begin with a unit (天猫, 次元, 年代, 人民) are listed
//!   there as not-units. At most one space may stand between a number and its unit.
//! - An Arabic number with a magnitude and nothing after it is a [`FigureKind::Count`] with
//!   no unit (3亿日活 → "3亿", 3e8). A Chinese numeral needs a unit (十万火急 is not a figure).
//! - A four-digit 19xx/20xx before 年 is a date, not a count of years; other numbers before
//!   年 are durations (从事账号买卖8年 → 8 年).
//!
//! ## Dates
//!
//! [`FigureKind::Date`] with no value and [`Figure::iso`] in ISO 8601's extended form:
//!
//! - `YYYY年M月D日` (or 号) → `2021-03-26`, `YYYY年M月` → `2021-03`, `YYYY年` → `2021`,
//!   with Arabic or Chinese numerals (二〇二一年三月) and single spaces allowed
//!   (2019 年); a year is 1900–2099.
//! - `M月D日` / `M月D号` without a year → `--03-01`; `M月` alone → `--03` (a month after a
//!   number is a date; the duration is written 个月 and is a count).
//! - `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.MM.DD` → `2020-07-17` (one separator throughout).
//! - Months are 1–12 and days exist in their month (29 February only in leap years); a
//!   month that does not exist is no date, a day that does not is left out (2月30日 → `--02`).
//! - Chinese-numeral months need a year or a day when they are 一月 (统一月度 and 唯一月活
//!   end in 一月 too), and 两 never writes a date (两月 is "two months").
//! - **Date ranges** are one figure whose iso is an ISO 8601 interval `start/end`, the end
//!   completed from the start: 6月16日-18日 → `--06-16/--06-18`, 2021年1月至2021年9月 →
//!   `2021-01/2021-09`, 2019-2020年 → `2019/2020`, 1-3月 → `--01/--03`.
//!
//! ## Ranges
//!
//! Two quantities joined by `-`, `–`, `—`, `~`, 至 or 到 are one figure with [`Figure::value`]
//! the lower and [`Figure::value_to`] the upper bound: 40-50元, 9000亿至9700亿元, 20%-30%,
//! 6到9个小时. The first side may leave out the unit and magnitude, which it then takes from
//! the second (400-500亿 is 400亿 to 500亿); when both sides have a unit it must be the same,
//! and the upper bound must not be below the lower. Otherwise the sides are read separately.
//!
//! ## Where figures are not looked for
//!
//! Inside URLs (from `http://`, `https://` or `www.` to the first character a URL cannot
//! hold): page addresses such as `show-14-363.html` are full of numbers that mean nothing.
//!
//! ## Sentences
//!
//! [`Figure::sentence`] is the enclosing sentence: the text between 。！？!?；; (the mark is
//! kept with its sentence) and line breaks, without surrounding white space. The reader
//! opens at this range.
//!
//! Figures come in text order and never overlap; at each position the first rule that matches
//! wins, in the order dates, 百分之, currency signs, quantities (with ranges).

use std::ops::Range;
use std::sync::OnceLock;

use serde::Serialize;

use crate::fold::fold;

/// The unit vocabulary (money, measure words, not-units), embedded at compile time.
const UNITS: &str = include_str!("../../data/figure-units.txt");

/// What a figure measures; the table groups and filters by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// Money: a number with a currency (元, 美元, ¥ …).
    Amount,
    /// A percentage (`%`, 百分之).
    Percent,
    /// A calendar date, month or year; [`Figure::iso`] says which.
    Date,
    /// Anything counted: a number with a measure word, a duration, or a bare magnitude (3亿).
    Count,
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// What it measures.
    pub kind: FigureKind,
    /// The figure as the original writes it, approximation marks included ("4338億元",
    /// "超3亿", "9000亿至9700亿元").
    pub text: String,
    /// The number it states, magnitudes applied (4338億元 → 4.338e11, 86.1% → 86.1); the
    /// lower bound of a range. `None` for dates, whose value is [`Figure::iso`].
    pub value: Option<f64>,
    /// The upper bound of a range (40-50元 → 50); `None` for a single number.
    pub value_to: Option<f64>,
    /// The unit, canonical: "元", "美元", "%", "个", "小时", …; "" for dates and for bare
    /// magnitudes (3亿).
    pub unit: String,
    /// Dates only: ISO 8601 extended form — "2021-03-26", "2021-03", "2021", "--03-01",
    /// "--03" — or an interval "start/end" for a date range.
    pub iso: Option<String>,
    /// Byte range of [`Figure::text`] in the original text.
    pub range: Range<usize>,
    /// Byte range of the enclosing sentence in the original text; contains `range`.
    pub sentence: Range<usize>,
}

/// Every figure of `text` (the original, Simplified or Traditional), in text order, without
/// overlaps. See the [module documentation](self) for the rules.
pub fn figures(text: &str) -> Vec<Figure> {
    let folded = fold(text);
    let scan = Scanner::new(&folded.text);
    let sentences = sentences(&folded.text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < scan.c.len() {
        let found = if scan.url[i] { None } else { scan.figure_at(i) };
        match found {
            Some(f) if f.end > i && !scan.url[f.start..f.end].iter().any(|&u| u) => {
                let (start, end) = (scan.at[f.start], scan.at[f.end]);
                let range = folded.offsets.to_original(start)..folded.offsets.to_original_end(end);
                // Sentences are sorted and disjoint, and a figure never crosses a boundary.
                let sentence = sentences
                    .get(sentences.partition_point(|s| s.end < end))
                    .filter(|s| s.start <= start)
                    .cloned()
                    .unwrap_or(start..end);
                let sentence = folded.offsets.to_original(sentence.start)
                    ..folded.offsets.to_original_end(sentence.end);
                out.push(Figure {
                    kind: f.kind,
                    text: text.get(range.clone()).unwrap_or_default().to_string(),
                    value: f.value,
                    value_to: f.value_to,
                    unit: f.unit.to_string(),
                    iso: f.iso,
                    range,
                    sentence,
                });
                i = f.end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The sentences of a folded text as byte ranges, trimmed of white space: split after
/// 。！？；(folded to their ASCII forms) and `｡`, and at line breaks.
fn sentences(folded: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let piece = &folded[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(from + lead..from + lead + trimmed.len());
        }
    };
    for (at, c) in folded.char_indices() {
        match c {
            '。' | '!' | '?' | ';' | '｡' => {
                let end = at + c.len_utf8();
                push(start, end, &mut out);
                start = end;
            }
            '\n' | '\r' => {
                push(start, at, &mut out);
                start = at + 1;
            }
            _ => {}
        }
    }
    push(start, folded.len(), &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// A unit from `data/figure-units.txt`.
struct Unit {
    written: Vec<char>,
    kind: FigureKind,
    canonical: &'static str,
}

struct Vocabulary {
    /// Longest first, so that the first match at a position is the longest.
    units: Vec<Unit>,
    not_units: Vec<Vec<char>>,
}

fn vocabulary() -> &'static Vocabulary {
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

// ---------------------------------------------------------------------------------------------
// Characters

/// Approximation marks that may stand before a number.
const APPROX_BEFORE: [char; 4] = ['近', '约', '超', '逾'];

/// Approximation marks that may follow a number or its magnitude.
fn is_approx_after(c: char) -> bool {
    matches!(c, '多' | '余')
}

/// What joins the two sides of a range.
fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '~' | '〜' | '至' | '到')
}

fn cn_digit(c: char) -> Option<u64> {
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
fn cn_place(c: char) -> Option<u32> {
    Some(match c {
        '十' => 1,
        '百' => 2,
        '千' => 3,
        '万' => 4,
        '亿' => 8,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_place(c).is_some()
}

/// A Han ideograph (the URO and extension A; enough to tell `4K电视` from `15k。`).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Characters a URL may contain. The comma is left out on purpose: the Chinese comma folds
/// to `,`, and a URL followed by `，` must end there.
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@$&*+=%".contains(c)
}

// ---------------------------------------------------------------------------------------------
// The scanner

/// A parsed number: its digits and a power of ten, so that magnitudes are applied exactly
/// (3.874亿 is "3874" × 10^5, parsed once, not 3.874 × 1e8 with a rounding error).
#[derive(Debug, Clone)]
struct Num {
    mantissa: String,
    exp: i32,
    /// Character index after the number.
    end: usize,
    arabic: bool,
    /// A four-digit year 1900–2099 written as plain digits (2021, 二〇二一).
    year: Option<u32>,
    /// A small whole number written without decimals or separators (Arabic: at most two
    /// digits), for months and days.
    small: Option<u32>,
    /// Chinese digits without place words, two or more (三四, 二〇二一).
    sequence: bool,
    /// The lone numeral 一.
    lone_one: bool,
}

impl Num {
    fn value(&self, magnitude: i32) -> Option<f64> {
        format!("{}e{}", self.mantissa, self.exp + magnitude)
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    }
}

/// A number with what follows it: magnitude, approximation marks, unit.
#[derive(Debug, Clone)]
struct Quantity {
    start: usize,
    end: usize,
    num: Num,
    magnitude: Option<i32>,
    unit: Option<(FigureKind, &'static str)>,
}

impl Quantity {
    /// Neither unit nor magnitude: only the first side of a range may be bare.
    fn is_bare(&self) -> bool {
        self.unit.is_none() && self.magnitude.is_none()
    }
    fn kind(&self) -> FigureKind {
        self.unit.map_or(FigureKind::Count, |(k, _)| k)
    }
    fn unit(&self) -> &'static str {
        self.unit.map_or("", |(_, u)| u)
    }
}

/// Year, month and day, any of which may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Ymd {
    y: Option<u32>,
    m: Option<u32>,
    d: Option<u32>,
}

impl Ymd {
    fn fields(&self) -> (bool, bool, bool) {
        (self.y.is_some(), self.m.is_some(), self.d.is_some())
    }
    fn key(&self) -> (u32, u32, u32) {
        (
            self.y.unwrap_or(0),
            self.m.unwrap_or(0),
            self.d.unwrap_or(0),
        )
    }
    fn iso(&self) -> String {
        match (self.y, self.m, self.d) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (None, None, _) => String::new(),
        }
    }
}

/// A date or date range, before it becomes a [`Figure`].
#[derive(Debug, Clone, Copy)]
struct Span {
    from: Ymd,
    to: Option<Ymd>,
}

/// A figure in character indices of the folded text.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: FigureKind,
    value: Option<f64>,
    value_to: Option<f64>,
    unit: &'static str,
    iso: Option<String>,
}

struct Scanner {
    /// The folded text's characters.
    c: Vec<char>,
    /// Byte offset of each character, plus the text's length at the end.
    at: Vec<usize>,
    /// Whether each character is part of a URL.
    url: Vec<bool>,
}

impl Scanner {
    fn new(folded: &str) -> Scanner {
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

    fn mark_urls(&mut self) {
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

    fn get(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    fn is(&self, i: usize, f: impl Fn(char) -> bool) -> bool {
        self.get(i).is_some_and(f)
    }

    fn digit(&self, i: usize) -> bool {
        self.is(i, |c| c.is_ascii_digit())
    }

    fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..)
            .zip(s.chars())
            .all(|(k, want)| self.get(k) == Some(want))
    }

    /// Skips one ASCII space, if there is one.
    fn skip_space(&self, i: usize) -> usize {
        if self.get(i) == Some(' ') {
            i + 1
        } else {
            i
        }
    }

    /// The number at `i` is an ordinal: 第 before it, perhaps with a space between.
    fn ordinal_before(&self, i: usize) -> bool {
        match i {
            0 => false,
            _ if self.c[i - 1] == '第' => true,
            1 => false,
            _ => self.c[i - 1] == ' ' && self.c[i - 2] == '第',
        }
    }

    /// One figure starting at `i`, if any.
    fn figure_at(&self, i: usize) -> Option<Found> {
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

    // -- numbers ------------------------------------------------------------------------------

    /// A digit at `i` continues something to its left: a digit, a `.` or a thousands comma.
    fn glued_before(&self, i: usize) -> bool {
        let Some(before) = i.checked_sub(1).map(|b| self.c[b]) else {
            return false;
        };
        before.is_ascii_digit()
            || before == '.'
            || (before == ',' && i > 1 && self.c[i - 2].is_ascii_digit())
    }

    /// An Arabic number at `i`: digits, thousands groups, decimals.
    fn arabic(&self, i: usize) -> Option<Num> {
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
    fn chinese(&self, i: usize) -> Option<Num> {
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
    fn number(&self, i: usize) -> Option<Num> {
        self.arabic(i)
            .or_else(|| self.chinese(i).filter(|n| !n.sequence && !n.lone_one))
    }

    /// A magnitude at `i` after a number: its power of ten and length in characters.
    fn magnitude(&self, i: usize, arabic: bool, chinese_scales: bool) -> Option<(i32, usize)> {
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

    /// The unit at `i`: `%` or the longest unit of the vocabulary, unless a not-unit word
    /// starts there. Returns its kind, canonical form and end.
    fn unit_at(&self, i: usize) -> Option<(FigureKind, &'static str, usize)> {
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
    fn quantity(&self, i: usize, allow_prefix: bool) -> Option<Quantity> {
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
    fn range_after(&self, first: &Quantity) -> Option<Found> {
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
    fn percent_words(&self, i: usize) -> Option<Found> {
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
    fn currency_first(&self, i: usize) -> Option<Found> {
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

    // -- dates --------------------------------------------------------------------------------

    /// A four-digit year number (Arabic, or Chinese digits) at `i`.
    fn year_number(&self, i: usize) -> Option<(u32, usize)> {
        if self.ordinal_before(i) {
            return None;
        }
        let num = self.arabic(i).or_else(|| self.chinese(i))?;
        Some((num.year?, num.end))
    }

    /// A month or day number (1..=max) at `i`.
    fn small_number(&self, i: usize, max: u32) -> Option<(u32, usize)> {
        if self.ordinal_before(i) {
            return None;
        }
        let num = self.arabic(i).or_else(|| self.chinese(i))?;
        let n = num.small.filter(|n| (1..=max).contains(n))?;
        Some((n, num.end))
    }

    /// The end of `marker` at `i`, after at most one space.
    fn marker(&self, i: usize, markers: &[char]) -> Option<usize> {
        let k = self.skip_space(i);
        self.is(k, |c| markers.contains(&c)).then_some(k + 1)
    }

    /// A date component: a number (from `number`) followed by one of `markers`, or two such
    /// numbers joined by a range separator and followed by the marker (2019-2020年, 1-3月).
    fn component(
        &self,
        i: usize,
        number: impl Fn(usize) -> Option<(u32, usize)>,
        markers: &[char],
    ) -> Option<(u32, Option<u32>, usize)> {
        let (n, end) = number(i)?;
        if let Some(after) = self.marker(end, markers) {
            return Some((n, None, after));
        }
        let s = self.skip_space(end);
        if !self.is(s, is_range_sep) {
            return None;
        }
        let (n2, end2) = number(self.skip_space(s + 1))?;
        let after = self.marker(end2, markers)?;
        (n2 > n).then_some((n, Some(n2), after))
    }

    fn year_part(&self, i: usize) -> Option<(u32, Option<u32>, usize)> {
        let part = self.component(i, |k| self.year_number(k), &['年'])?;
        // 1990年代 is a decade, not a year.
        (self.get(part.2) != Some('代')).then_some(part)
    }

    fn month_part(&self, i: usize) -> Option<(u32, Option<u32>, usize)> {
        self.component(i, |k| self.small_number(k, 12), &['月'])
    }

    fn day_part(&self, i: usize) -> Option<(u32, Option<u32>, usize)> {
        self.component(i, |k| self.small_number(k, 31), &['日', '号'])
    }

    /// YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD.
    fn numeric_date(&self, i: usize) -> Option<(Span, usize)> {
        // Plain digits: through [`Scanner::arabic`], 2021.03 would be a decimal number.
        let digits = |at: usize, lengths: std::ops::RangeInclusive<usize>| {
            let mut end = at;
            while self.digit(end) {
                end += 1;
            }
            let n: u32 = lengths
                .contains(&(end - at))
                .then(|| self.c[at..end].iter().collect::<String>().parse().ok())??;
            Some((n, end))
        };
        if self.glued_before(i) || self.ordinal_before(i) {
            return None;
        }
        let (y, year_end) = digits(i, 4..=4).filter(|(y, _)| (1900..=2099).contains(y))?;
        let sep = self
            .get(year_end)
            .filter(|c| matches!(c, '-' | '/' | '.'))?;
        let (m, month_end) = digits(year_end + 1, 1..=2)?;
        if self.get(month_end) != Some(sep) {
            return None;
        }
        let (d, end) = digits(month_end + 1, 1..=2)?;
        if self.is(end, |c| c.is_ascii_alphanumeric())
            || (self.get(end) == Some(sep) && self.digit(end + 1))
        {
            return None;
        }
        let ymd = Ymd {
            y: Some(y),
            m: Some(m),
            d: Some(d),
        };
        valid(&ymd).then_some((
            Span {
                from: ymd,
                to: None,
            },
            end,
        ))
    }

    /// One date, or a range inside one component (6月16-18日), at `i`.
    fn date_single(&self, i: usize) -> Option<(Span, usize)> {
        if let Some(found) = self.numeric_date(i) {
            return Some(found);
        }
        let mut from = Ymd::default();
        let mut to = None;
        let mut end;
        let month_at;
        if let Some((y, y2, e)) = self.year_part(i) {
            from.y = Some(y);
            end = e;
            if let Some(y2) = y2 {
                let span = Span {
                    from,
                    to: Some(Ymd {
                        y: Some(y2),
                        ..from
                    }),
                };
                return Some((span, end));
            }
            month_at = self.skip_space(e);
        } else {
            month_at = i;
            end = i;
        }
        if let Some((m, m2, e)) = self.month_part(month_at) {
            from.m = Some(m);
            end = e;
            if let Some(m2) = m2 {
                to = Some(Ymd {
                    m: Some(m2),
                    ..from
                });
            } else if let Some((d, d2, e)) = self.day_part(self.skip_space(e)) {
                // A day the month does not have (2月30日) is left out; the month stands.
                let with_day = Ymd { d: Some(d), ..from };
                let to_day = d2.map(|d2| Ymd {
                    d: Some(d2),
                    ..from
                });
                if valid(&with_day) && to_day.as_ref().is_none_or(valid) {
                    from = with_day;
                    end = e;
                    to = to_day;
                }
            }
        }
        if end == i || !valid(&from) || !to.as_ref().is_none_or(valid) {
            return None;
        }
        // 一月 alone is too often the tail of a word (统一月度, 唯一月活); with a year or a
        // day (2021年一月, 一月五日) it is January.
        if from.y.is_none() && from.d.is_none() && to.is_none() && self.c[month_at] == '一' {
            return None;
        }
        Some((Span { from, to }, end))
    }

    /// A date or date range at `i`.
    fn date_at(&self, i: usize) -> Option<Found> {
        let (mut span, mut end) = self.date_single(i)?;
        if span.to.is_none() {
            if let Some((to, to_end)) = self.date_continuation(&span.from, end) {
                span.to = Some(to);
                end = to_end;
            }
        }
        let iso = match span.to {
            Some(to) => format!("{}/{}", span.from.iso(), to.iso()),
            None => span.from.iso(),
        };
        Some(Found {
            start: i,
            end,
            kind: FigureKind::Date,
            value: None,
            value_to: None,
            unit: "",
            iso: Some(iso),
        })
    }

    /// The end of a date range after `from`, which ends at `end`: a separator, then a date
    /// whose missing leading parts come from `from` (6月16日-18日, 2021年1月至9月).
    fn date_continuation(&self, from: &Ymd, end: usize) -> Option<(Ymd, usize)> {
        let s = self.skip_space(end);
        if !self.is(s, is_range_sep) {
            return None;
        }
        let t = self.skip_space(s + 1);
        let (mut to, to_end) = match self.date_single(t) {
            Some((span, e)) if span.to.is_none() => (span.from, e),
            Some(_) => return None,
            // Only a day: 6月16日-18日.
            None if from.d.is_some() => {
                let (d, None, e) = self.day_part(t)? else {
                    return None;
                };
                (
                    Ymd {
                        d: Some(d),
                        ..Ymd::default()
                    },
                    e,
                )
            }
            None => return None,
        };
        if to.y.is_none() && to.m.is_none() {
            to.m = from.m;
        }
        if to.y.is_none() {
            to.y = from.y;
        }
        let fits = to.fields() == from.fields() && to.key() > from.key() && valid(&to);
        fits.then_some((to, to_end))
    }
}

/// Month 1–12 and a day that exists in it (29 February is allowed without a year).
fn valid(ymd: &Ymd) -> bool {
    let month_ok = ymd.m.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = ymd.d.is_none_or(|d| {
        let last = match ymd.m {
            Some(2) => match ymd.y {
                Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
                _ => 29,
            },
            Some(4 | 6 | 9 | 11) => 30,
            _ => 31,
        };
        (1..=last).contains(&d)
    });
    month_ok && day_ok && (ymd.d.is_none() || ymd.m.is_some())
}

/// Reads a run of Chinese numeral characters. Returns the value and whether the run is a
/// digit sequence (two or more digits without place words: 二〇二一, 三四); `None` when the
/// run is not a well-formed number.
fn parse_chinese(run: &[char]) -> Option<(u64, bool)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The texts of the figures of `text`, in order.
    fn texts(text: &str) -> Vec<String> {
        figures(text).into_iter().map(|f| f.text).collect()
    }

    /// The only figure of `text`.
    fn one(text: &str) -> Figure {
        let all = figures(text);
        assert_eq!(all.len(), 1, "{text}: {all:#?}");
        all.into_iter().next().unwrap()
    }

    /// The figure of `text` written `written`.
    fn written<'a>(all: &'a [Figure], written: &str) -> &'a Figure {
        all.iter().find(|f| f.text == written).unwrap_or_else(|| {
            panic!(
                "no figure {written:?} in {:?}",
                all.iter().map(|f| &f.text).collect::<Vec<_>>()
            )
        })
    }

    fn assert_figure(f: &Figure, kind: FigureKind, value: Option<f64>, unit: &str) {
        assert_eq!(
            (f.kind, f.value, f.unit.as_str()),
            (kind, value, unit),
            "{f:#?}"
        );
    }

    // -- numbers ------------------------------------------------------------------------------

    #[test]
    fn reads_decimals_and_thousands_separators() {
        assert_figure(
            &one("总销量达到12.5亿元。"),
            FigureKind::Amount,
            Some(1.25e9),
            "元",
        );
        assert_figure(
            &one("交易额1,758亿元"),
            FigureKind::Amount,
            Some(1.758e11),
            "元",
        );
        assert_figure(
            &one("共有1,234,567人"),
            FigureKind::Count,
            Some(1_234_567.0),
            "人",
        );
    }

    #[test]
    fn applies_magnitudes_exactly() {
        // 3.874 × 1e8 in floating point is 387400000.00000006; the digits are scaled instead.
        assert_eq!(one("用户数为3.874亿").value, Some(387_400_000.0));
        assert_eq!(one("规模达1万亿").value, Some(1e12));
        assert_eq!(one("卖出3千万件").value, Some(3e7));
        assert_eq!(one("目标是5百万").value, Some(5e6));
        assert_eq!(one("粉丝10w+").value, Some(1e5));
        assert_eq!(one("月薪15k。").value, Some(15_000.0));
    }

    #[test]
    fn w_and_k_are_magnitudes_only_when_not_glued_to_a_word() {
        assert!(figures("买了一台4K电视").is_empty());
        assert!(figures("重5kg的箱子").is_empty());
        assert!(figures("粉丝13.2WW").is_empty());
    }

    #[test]
    fn reads_chinese_numerals() {
        assert_figure(&one("来了三千人"), FigureKind::Count, Some(3000.0), "人");
        assert_figure(
            &one("花了两万五千元"),
            FigureKind::Amount,
            Some(25_000.0),
            "元",
        );
        assert_figure(&one("一百零五个"), FigureKind::Count, Some(105.0), "个");
        assert_figure(
            &one("月入两万五块钱"),
            FigureKind::Amount,
            Some(25_000.0),
            "元",
        );
        assert_figure(&one("三亿五千万人"), FigureKind::Count, Some(3.5e8), "人");
        assert_figure(&one("十年磨一剑"), FigureKind::Count, Some(10.0), "年");
        assert_figure(&one("三千多万人"), FigureKind::Count, Some(3e7), "人");
    }

    #[test]
    fn reads_chinese_decimals() {
        assert_figure(
            &one("销售额三点五亿元"),
            FigureKind::Amount,
            Some(3.5e8),
            "元",
        );
        assert_figure(&one("占百分之三点五"), FigureKind::Percent, Some(3.5), "%");
        assert!(figures("下午三点五十分,一点也不").is_empty());
    }

    #[test]
    fn keeps_chinese_words_that_contain_numerals_out() {
        for text in [
            "一个链接,一家独大,一次性",
            "三四五六线城市和一二线城市",
            "五一期间",
            "万物皆可直播,千家万户",
            "双百亿补贴",
            "几千倍的增长",
            "十几家门店",
            "十万火急",
            "双十一又成为天猫的合作平台",
        ] {
            assert!(figures(text).is_empty(), "{text}: {:#?}", figures(text));
        }
    }

    #[test]
    fn keeps_approximation_marks_in_the_text() {
        assert_eq!(
            texts(
                "日活超3亿,网络购物类负面信息达到6万多条,120多万笔订单,近3成,约40%,逾百人,1000余家"
            ),
            ["超3亿", "6万多条", "120多万笔", "约40%", "1000余家"]
        );
        assert_eq!(one("日活超3亿").value, Some(3e8));
        assert_eq!(one("1000多个品牌").value, Some(1000.0));
    }

    #[test]
    fn near_of_recently_is_not_an_approximation() {
        assert_eq!(texts("最近3天"), ["3天"]);
    }

    #[test]
    fn ordinals_are_not_figures() {
        assert!(figures("第三季度,第 11 年,第1名").is_empty());
    }

    // -- what makes a number a figure ---------------------------------------------------------

    #[test]
    fn reads_percentages() {
        assert_figure(&one("同比增长86.1%"), FigureKind::Percent, Some(86.1), "%");
        assert_figure(
            &one("同比增长８６．１％"),
            FigureKind::Percent,
            Some(86.1),
            "%",
        );
        assert_figure(&one("占百分之五十"), FigureKind::Percent, Some(50.0), "%");
        assert_figure(
            &one("百分之百的信任"),
            FigureKind::Percent,
            Some(100.0),
            "%",
        );
    }

    #[test]
    fn reads_money_units_and_shows_them_canonically() {
        assert_figure(&one("融资5亿美元"), FigureKind::Amount, Some(5e8), "美元");
        assert_figure(&one("价格100港元"), FigureKind::Amount, Some(100.0), "港元");
        assert_figure(&one("只要3块钱"), FigureKind::Amount, Some(3.0), "元");
        assert_figure(
            &one("投资200亿人民币"),
            FigureKind::Amount,
            Some(2e10),
            "元",
        );
        assert_figure(&one("售价¥99"), FigureKind::Amount, Some(99.0), "元");
        assert_figure(&one("花了$5亿"), FigureKind::Amount, Some(5e8), "美元");
        assert_figure(&one("7欧元"), FigureKind::Amount, Some(7.0), "欧元");
    }

    #[test]
    fn reads_counts_with_measure_words() {
        assert_figure(&one("卖出3万件"), FigureKind::Count, Some(3e4), "件");
        assert_figure(
            &one("发布了227项规范"),
            FigureKind::Count,
            Some(227.0),
            "项",
        );
        assert_figure(&one("增长7.9倍"), FigureKind::Count, Some(7.9), "倍");
        assert_figure(&one("直播4个小时"), FigureKind::Count, Some(4.0), "小时");
        assert_figure(&one("用了三个月"), FigureKind::Count, Some(3.0), "月");
        assert_figure(
            &one("有2.5亿人发布作品"),
            FigureKind::Count,
            Some(2.5e8),
            "人",
        );
        assert_figure(&one("已上架7天"), FigureKind::Count, Some(7.0), "天");
        assert_figure(
            &one("提高3个百分点"),
            FigureKind::Count,
            Some(3.0),
            "个百分点",
        );
        assert_figure(&one("3 家公司"), FigureKind::Count, Some(3.0), "家");
    }

    #[test]
    fn words_that_start_with_a_unit_are_not_units() {
        assert!(figures("前3天猫的份额,2次元文化,90年代").is_empty());
        assert_eq!(texts("3人民币"), ["3人民币"]);
    }

    #[test]
    fn a_magnitude_alone_makes_a_count() {
        let f = one("快手不缺流量,3亿日活是强大的流量池。");
        assert_figure(&f, FigureKind::Count, Some(3e8), "");
        assert_eq!(f.text, "3亿");
    }

    #[test]
    fn years_before_nian_are_dates_and_other_numbers_durations() {
        let f = one("2019年");
        assert_eq!(
            (f.kind, f.iso.as_deref(), f.value),
            (FigureKind::Date, Some("2019"), None)
        );
        assert_figure(&one("从事账号买卖8年"), FigureKind::Count, Some(8.0), "年");
        assert_figure(&one("持续3000年"), FigureKind::Count, Some(3000.0), "年");
    }

    #[test]
    fn bare_numbers_are_not_figures() {
        for text in [
            "618大促",
            "直播电商2.0时代",
            "沃尔玛、7-11等渠道",
            "已服务500+客户,累计交易384+",
            "1.用户体验升级",
            "【/s2/】",
            "36氪",
            "v1.2.3版本",
        ] {
            assert!(figures(text).is_empty(), "{text}: {:#?}", figures(text));
        }
    }

    // -- dates --------------------------------------------------------------------------------

    fn iso(text: &str) -> String {
        let f = one(text);
        assert_eq!(
            (f.kind, f.value, f.unit.as_str()),
            (FigureKind::Date, None, ""),
            "{f:#?}"
        );
        f.iso.unwrap_or_default()
    }

    #[test]
    fn reads_dates_with_year_month_and_day() {
        assert_eq!(iso("2019年12月23日开始"), "2019-12-23");
        assert_eq!(iso("于2020年9月入驻"), "2020-09");
        assert_eq!(iso("截至2020年3月"), "2020-03");
        assert_eq!(iso("从 2019 年开始"), "2019");
        assert_eq!(iso("2021年3月26日"), "2021-03-26");
        assert_eq!(iso("二〇二一年三月二十六日"), "2021-03-26");
    }

    #[test]
    fn reads_month_and_day_without_a_year() {
        assert_eq!(iso("5月27日,京东零售与快手宣布"), "--05-27");
        assert_eq!(iso("3月1号之前"), "--03-01");
        assert_eq!(iso("2月,疫情最严重"), "--02");
        assert_eq!(iso("十月一日"), "--10-01");
        assert_eq!(iso("2021年一月"), "2021-01");
        // 一月 alone ends words (统一月度), and 两 never writes a date.
        assert!(figures("统一月度考核,两月").is_empty());
    }

    #[test]
    fn reads_numeric_dates() {
        assert_eq!(iso("2020-07-17"), "2020-07-17");
        assert_eq!(iso("发布于2021/3/26"), "2021-03-26");
        assert_eq!(iso("2021.03.26"), "2021-03-26");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(figures("13月").is_empty());
        assert!(figures("2021-02-30").is_empty());
        assert_eq!(iso("2月30日"), "--02");
        assert_eq!(iso("2020年2月29日"), "2020-02-29");
        assert_eq!(iso("2021年2月29日"), "2021-02");
    }

    #[test]
    fn reads_date_ranges_as_intervals() {
        assert_eq!(iso("今年6月16日-18日期间"), "--06-16/--06-18");
        assert_eq!(iso("2021年1月至2021年9月"), "2021-01/2021-09");
        assert_eq!(iso("2020年3月到4月"), "2020-03/2020-04");
        assert_eq!(iso("2019-2020年"), "2019/2020");
        assert_eq!(iso("1-3月"), "--01/--03");
        assert_eq!(iso("6月16-18日"), "--06-16/--06-18");
        assert_eq!(texts("5月1日到北京"), ["5月1日"]);
    }

    // -- ranges -------------------------------------------------------------------------------

    #[test]
    fn reads_ranges_as_one_figure() {
        let f = one("如果价格在40-50元之间");
        assert_eq!(
            (f.text.as_str(), f.value, f.value_to),
            ("40-50元", Some(40.0), Some(50.0))
        );
        assert_eq!(f.unit, "元");
        let f = one("目标范围设定为9000亿至9700亿元。");
        assert_eq!(
            (f.value, f.value_to, f.kind),
            (Some(9e11), Some(9.7e11), FigureKind::Amount)
        );
        let f = one("在20%-30%之间");
        assert_eq!(
            (f.value, f.value_to, f.kind),
            (Some(20.0), Some(30.0), FigureKind::Percent)
        );
        let f = one("每天直播6到9个小时");
        assert_eq!(
            (f.value, f.value_to, f.unit.as_str()),
            (Some(6.0), Some(9.0), "小时")
        );
        let f = one("会达到400-500亿");
        assert_eq!((f.value, f.value_to), (Some(4e10), Some(5e10)));
        assert_eq!(texts("约40-50元"), ["约40-50元"]);
        let f = one("三到五个");
        assert_eq!((f.value, f.value_to), (Some(3.0), Some(5.0)));
    }

    #[test]
    fn sides_that_do_not_fit_are_read_separately() {
        assert_eq!(texts("增长30%到2021年"), ["30%", "2021年"]);
        assert_eq!(texts("从3亿至2亿"), ["3亿", "2亿"]);
        assert_eq!(texts("5元-3个"), ["5元", "3个"]);
    }

    // -- where and how --------------------------------------------------------------------

    #[test]
    fn skips_numbers_in_urls() {
        let text = "本文网址:https://www.51kuaishou.cn/show-14-363.html,价格100元";
        assert_eq!(texts(text), ["100元"]);
        assert!(figures("地址:http://www.heliu2.cn/xw/7772.html").is_empty());
    }

    #[test]
    fn maps_traditional_text_back_to_the_original() {
        let text = "２０１９年直播電商市場規模達4338億元";
        let all = figures(text);
        assert_eq!(texts(text), ["２０１９年", "4338億元"]);
        for f in &all {
            assert_eq!(&text[f.range.clone()], f.text);
        }
        assert_eq!(all[1].value, Some(4.338e11));
    }

    #[test]
    fn gives_each_figure_its_sentence() {
        let text = "第一句话。\n  快手日活超3亿！第三句有50%；最后 ";
        let all = figures(text);
        assert_eq!(&text[all[0].sentence.clone()], "快手日活超3亿！");
        assert_eq!(&text[all[1].sentence.clone()], "第三句有50%；");
        let text = "上半年营收100亿元\n下半年200亿元";
        let all = figures(text);
        assert_eq!(&text[all[1].sentence.clone()], "下半年200亿元");
    }

    #[test]
    fn the_unit_file_parses_into_known_sections() {
        let vocabulary = vocabulary();
        let section_lines = UNITS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('['))
            .count();
        assert_eq!(
            vocabulary.units.len() + vocabulary.not_units.len(),
            section_lines
        );
        assert!(vocabulary
            .not_units
            .iter()
            .all(|w| { vocabulary.units.iter().any(|u| w.starts_with(&u.written)) }));
    }

    // -- the seeds ----------------------------------------------------------------------------

    #[test]
    fn seed_000_traditional_market_size_and_year() {
        let text = include_str!("../../seeds/000_160cb79cbc9dbeea.txt");
        let all = figures(text);
        assert_figure(
            written(&all, "4338億元"),
            FigureKind::Amount,
            Some(4.338e11),
            "元",
        );
        assert_eq!(written(&all, "2019年").iso.as_deref(), Some("2019"));
        assert_figure(written(&all, "3億"), FigureKind::Count, Some(3e8), "");
        assert_figure(written(&all, "6萬多條"), FigureKind::Count, Some(6e4), "条");
        assert_figure(
            written(&all, "3500億次"),
            FigureKind::Count,
            Some(3.5e11),
            "次",
        );
        assert_eq!(
            written(&all, "6月16日-18日").iso.as_deref(),
            Some("--06-16/--06-18")
        );
        let f = written(&all, "4338億元");
        assert!(text[f.sentence.clone()].starts_with("中國消費者協會發布了"));
        assert!(text[f.sentence.clone()].ends_with("4338億元,預計2020年行業總規模將繼續擴大。"));
        // 618在即 is a shopping festival, not a figure.
        assert!(!all.iter().any(|f| f.text.contains("618")));
    }

    #[test]
    fn seed_001_record_sales_shares_and_date_line() {
        let text = include_str!("../../seeds/001_309b811cfa3d92f8.txt");
        let all = figures(text);
        assert_figure(written(&all, "12.5亿"), FigureKind::Count, Some(1.25e9), "");
        assert_figure(written(&all, "35%"), FigureKind::Percent, Some(35.0), "%");
        let f = written(&all, "500元");
        assert_figure(f, FigureKind::Amount, Some(500.0), "元");
        assert_eq!(&text[f.range.end..f.range.end + "以上".len()], "以上");
        let f = written(&all, "2020-07-17");
        assert_eq!(
            (f.kind, f.iso.as_deref()),
            (FigureKind::Date, Some("2020-07-17"))
        );
        assert_eq!(&text[f.sentence.clone()], "2020-07-17");
        assert_figure(written(&all, "10w+"), FigureKind::Count, Some(1e5), "");
        assert_eq!(
            written(&all, "2019年12月23日").iso.as_deref(),
            Some("2019-12-23")
        );
    }

    #[test]
    fn seed_002_gmv_growth_and_no_figures_in_the_account_widget() {
        let text = include_str!("../../seeds/002_8288d1e6a0cd6100.txt");
        let all = figures(text);
        assert_eq!(written(&all, "3月26日").iso.as_deref(), Some("--03-26"));
        assert_figure(
            written(&all, "3812亿"),
            FigureKind::Count,
            Some(3.812e11),
            "",
        );
        assert_figure(
            written(&all, "11.55亿"),
            FigureKind::Count,
            Some(1.155e9),
            "",
        );
        assert_figure(written(&all, "2万亿"), FigureKind::Count, Some(2e12), "");
        let f = written(&all, "6到9个小时");
        assert_eq!(
            (f.value, f.value_to, f.unit.as_str()),
            (Some(6.0), Some(9.0), "小时")
        );
        assert_figure(written(&all, "8年"), FigureKind::Count, Some(8.0), "年");
        // The widget's 500+ clients, 13.2WW followers and the page URL hold no figures.
        for not in ["500+", "384+", "13.2", "51", "363", "2.0"] {
            assert!(!all.iter().any(|f| f.text.contains(not)), "{not}");
        }
    }

    #[test]
    fn seed_003_market_shares_and_share_range() {
        let text = include_str!("../../seeds/003_85f297a51afbf37a.txt");
        let all = figures(text);
        assert_figure(written(&all, "50.1%"), FigureKind::Percent, Some(50.1), "%");
        assert_figure(
            written(&all, "26.51%"),
            FigureKind::Percent,
            Some(26.51),
            "%",
        );
        let f = written(&all, "20%-30%");
        assert_eq!((f.value, f.value_to), (Some(20.0), Some(30.0)));
        assert_figure(
            written(&all, "2.4亿元"),
            FigureKind::Amount,
            Some(2.4e8),
            "元",
        );
        assert_figure(
            written(&all, "120多万笔"),
            FigureKind::Count,
            Some(1.2e6),
            "笔",
        );
        let f = written(&all, "400-500亿");
        assert_eq!((f.value, f.value_to), (Some(4e10), Some(5e10)));
        assert_eq!(written(&all, "2020年3月").iso.as_deref(), Some("2020-03"));
        // Nothing from the source URL at the end.
        assert!(!all.iter().any(|f| f.text.contains("7772")));
    }

    #[test]
    fn seed_004_gmv_growth_and_target_range() {
        let text = include_str!("../../seeds/004_43bb41bc52e1228d.txt");
        let all = figures(text);
        assert_figure(
            written(&all, "1758亿元"),
            FigureKind::Amount,
            Some(1.758e11),
            "元",
        );
        assert_figure(written(&all, "86.1%"), FigureKind::Percent, Some(86.1), "%");
        assert_figure(
            written(&all, "6800亿元"),
            FigureKind::Amount,
            Some(6.8e11),
            "元",
        );
        let f = written(&all, "9000亿至9700亿元");
        assert_figure(f, FigureKind::Amount, Some(9e11), "元");
        assert_eq!(f.value_to, Some(9.7e11));
        let f = written(&all, "40-50元");
        assert_eq!((f.value, f.value_to), (Some(40.0), Some(50.0)));
        assert_eq!(written(&all, "3月1号").iso.as_deref(), Some("--03-01"));
        assert_eq!(
            written(&all, "2021年1月至2021年9月").iso.as_deref(),
            Some("2021-01/2021-09")
        );
        assert_eq!(written(&all, "2019 年").iso.as_deref(), Some("2019"));
        // 第三季度 and 第 11 年 are ordinals.
        assert!(!all
            .iter()
            .any(|f| f.text.contains('三') && f.text.contains('季')));
        assert!(!all.iter().any(|f| f.text.starts_with("11")));
    }

    // -- properties ---------------------------------------------------------------------------

    fn check_ranges(text: &str) -> Result<(), TestCaseError> {
        let all = figures(text);
        let mut last_end = 0;
        for f in &all {
            prop_assert!(
                text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end)
            );
            prop_assert!(
                text.is_char_boundary(f.sentence.start) && text.is_char_boundary(f.sentence.end)
            );
            prop_assert!(f.range.start < f.range.end && f.range.end <= text.len());
            prop_assert!(f.sentence.start <= f.range.start && f.range.end <= f.sentence.end);
            prop_assert!(f.sentence.end <= text.len());
            prop_assert_eq!(&text[f.range.clone()], f.text.as_str());
            prop_assert!(
                f.range.start >= last_end,
                "figures overlap or are out of order"
            );
            last_end = f.range.end;
            if let (Some(a), Some(b)) = (f.value, f.value_to) {
                prop_assert!(a <= b);
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn ranges_slice_the_text_inside_their_sentences(s in "\\PC{0,80}") {
            check_ranges(&s)?;
        }

        #[test]
        fn ranges_hold_on_number_like_text(
            s in "[0-9０-９,.%％ 一二两三十百千万亿億萬零〇年月日号元块个人多余+wk约超近第至到~\\-－。！\n億萬http:/w]{0,60}"
        ) {
            check_ranges(&s)?;
        }
    }
}
