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
//!
//! # Files
//!
//! This file holds the one [`Figure`] type and [`figures`], which folds the text, runs the
//! scanner and maps what it finds back to the original. `scan.rs` is the scanner (characters,
//! URLs, the order of the rules), `numbers.rs` reads numbers and magnitudes, `quantities.rs`
//! units, ranges, percentages and amounts, `dates.rs` dates into [`crate::date::PartialDate`],
//! and `table.rs` runs it over every document of the store ([`table()`]).

mod dates;
mod numbers;
mod quantities;
mod scan;
mod table;
#[cfg(test)]
mod tests;

use std::ops::Range;

use serde::Serialize;

use crate::fold::fold;
use scan::Scanner;
pub use table::{table, CorpusFigure};

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
