//! Document → metadata: the title, publication date, source URL and site, and author that a
//! scraped Chinese article states about itself.
//!
//! Scraped pages carry their metadata as loose lines around the article: an account name and
//! the headline at the top, a date line, a byline such as `文/张三` or `作者：张三`, and a footer
//! with `来源：新浪科技` or `本文网址:https://…`. [`extract`] reads those lines by the
//! conventions Chinese news sites, portals and self-media platforms share. Every marker word it
//! knows is in `MARKERS`, one table at the top of this file, so extending it is a one-line change.
//!
//! What is found is returned as byte ranges into the text where that is possible (title, date,
//! author), so the reader can show the very characters the file holds; the URL and site are
//! returned as strings because the host name is lower-cased.
//!
//! ```
//! use corpus_explorer::document::meta::extract;
//!
//! let text = "面朝\n乘风破浪的快手\n2020-07-17\n正文第一段。\n来源：新浪科技";
//! // One paragraph per line, as byte ranges (the document stage also trims them).
//! let paragraphs: Vec<_> = text
//!     .split('\n')
//!     .scan(0, |at, line| {
//!         let range = *at..*at + line.len();
//!         *at = range.end + 1;
//!         Some(range)
//!     })
//!     .collect();
//! let meta = extract(text, &paragraphs, &[true; 5]);
//! assert_eq!(meta.title.map(|r| &text[r]), Some("乘风破浪的快手"));
//! assert_eq!(meta.date.map(|(d, _)| d.iso()), Some("2020-07-17".to_owned()));
//! assert_eq!(meta.site.as_deref(), Some("新浪科技"));
//! ```
//!
//! Nothing here panics: paragraph ranges that do not slice `text` are skipped, and every value
//! is cut on character boundaries.

use std::ops::Range;
use std::sync::OnceLock;

use crate::date::{days_in_month, PartialDate};

/// What a marker announces about the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// The title, stated explicitly; overrides the title guessed from the first lines.
    Title,
    /// The publication date.
    Date,
    /// The address of the article; its value counts only when it is a URL (地址 is also a
    /// postal address).
    Url,
    /// Where the article comes from: a URL, or else a site or publication name.
    Source,
    /// The person or account who wrote it.
    Author,
    /// Editors and reviewers: not authors, recognised so their lines are not taken for titles.
    Editor,
    /// Image credits: recognised so their lines are not taken for titles.
    Credit,
}

/// How a marker word is separated from its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// A colon, ASCII `:` or full-width `：`: `标题：…`.
    Colon,
    /// A colon or white space alone: `来源 新浪`.
    ColonOrSpace,
    /// A colon, a slash or bar (`/ ／ | ｜ 丨`), or white space alone: `记者 张三`, `作者/张三`.
    Byline,
    /// A colon, a slash or a bar, but not white space alone: `文/张三`, `文丨张三`, `图/视觉中国`.
    /// (`文` followed by a space is too often just the character 文.)
    Slash,
    /// Nothing: the marker is a prefix of the line (`图片来自canva`).
    Prefix,
}

/// Marker words (space-separated spellings of one label), the field they announce and how
/// their value is set off.
#[derive(Debug, Clone, Copy)]
struct Marker {
    words: &'static str,
    field: Field,
    sep: Sep,
}

const fn m(words: &'static str, field: Field, sep: Sep) -> Marker {
    Marker { words, field, sep }
}

use Field::{Author, Credit, Date, Editor, Source, Title, Url};
use Sep::{Byline, Colon, ColonOrSpace, Prefix, Slash};

/// Every marker word [`extract`] knows, in Simplified and Traditional spelling.
///
/// These are the general labels of Chinese web articles — the headline, date, source, byline
/// and footer fields of news portals (新浪, 网易, 搜狐, 中央社), WeChat public accounts and
/// self-media platforms (头条号, 百家号, 快手/抖音 account sites) — not words of any one page.
///
/// A marker counts only at the start of a *field*: the start of a line (after an opening
/// bracket), or after white space or a bar (`|`, `｜`, `丨`) that separates byline fields such as
/// `来源：新浪科技 | 作者：张三`. So the 作者 of "仅代表作者本人" or the 记者 of "有记者问" is
/// never read as a label. A field's value runs to the next label of its line. ASCII markers
/// match in any case. When two markers match at one place the longer wins (发布时间 over 时间).
const MARKERS: &[Marker] = &[
    // An explicitly stated title.
    m(
        "标题 標題 题目 題目 文章标题 文章標題 新闻标题 新聞標題 Title",
        Title,
        Colon,
    ),
    // The publication date. 更新时间 (last updated) is left out on purpose.
    m(
        "发布时间 發佈時間 發布時間 发布日期 發佈日期 發布日期",
        Date,
        ColonOrSpace,
    ),
    m("发表时间 發表時間 发表日期 發表日期", Date, ColonOrSpace),
    m("发表于 發表於 发布于 發佈於 發布於", Date, ColonOrSpace),
    m("时间 時間 日期 Date", Date, Colon),
    // The address of the article. Only a URL value counts.
    m(
        "本文网址 本文網址 本文链接 本文鏈接 本文連結 本文地址",
        Url,
        ColonOrSpace,
    ),
    m(
        "原文链接 原文鏈接 原文連結 原文网址 原文網址 原文地址",
        Url,
        ColonOrSpace,
    ),
    m(
        "文章链接 文章鏈接 文章连结 文章連結 文章网址 文章網址 文章地址",
        Url,
        ColonOrSpace,
    ),
    m("网址 網址", Url, ColonOrSpace),
    m("链接 鏈接 連結 地址 URL", Url, Colon),
    // Where the article comes from: a URL, or a site or publication name.
    m(
        "来源 來源 本文来源 本文來源 文章来源 文章來源",
        Source,
        ColonOrSpace,
    ),
    m(
        "新闻来源 新聞來源 稿件来源 稿件來源 稿源",
        Source,
        ColonOrSpace,
    ),
    m("出处 出處 转载自 轉載自", Source, ColonOrSpace),
    m("转自 轉自 Source", Source, Colon),
    // The byline. 文 alone needs a slash or colon: 文/张三, 文 | 张三, 文丨张三.
    m("文", Author, Slash),
    m("作者 本文作者 文章作者 撰文 撰稿 撰稿人", Author, Byline),
    m(
        "记者 記者 本报记者 本報記者 特约记者 特約記者",
        Author,
        Byline,
    ),
    m("Author", Author, Colon),
    // Editors and reviewers: not the author.
    m(
        "编辑 編輯 责任编辑 責任編輯 责编 責編 主编 主編",
        Editor,
        Byline,
    ),
    m("审核 審核 校对 校對", Editor, Byline),
    // Image credits: lines that are never the title.
    m(
        "图片来源 圖片來源 图片来自 圖片來自 图源 圖源",
        Credit,
        Prefix,
    ),
    m("题图 題圖 配图 配圖", Credit, Prefix),
    m("摄影 攝影", Credit, Byline),
    m("图 圖", Credit, Slash),
];

/// A title is usually at most this many characters; longer first lines are article sentences
/// (the condensed one-line article of some scrapes, a lead paragraph).
const TITLE_MAX_CHARS: usize = 60;

/// Lines with fewer letters (CJK ideographs, Latin letters) than this are account names,
/// section numbers or stray labels (面朝, 01, 分享到), not titles.
const TITLE_MIN_LETTERS: usize = 5;

/// How many meaningful content lines from the top are looked at for a title-shaped line
/// before falling back to the first of them.
const TITLE_LOOKAHEAD: usize = 3;

/// An explicitly stated title longer than this is not a title value but a sentence.
const EXPLICIT_TITLE_MAX_CHARS: usize = 200;

/// An author or site name longer than this is not a name.
const NAME_MAX_CHARS: usize = 30;

/// A line with a date and other words (a byline like `新浪科技 2020-07-17 10:23`) is read as
/// dated only if it is at most this long and free of clause punctuation.
const BYLINE_MAX_CHARS: usize = 80;

/// What a document states about itself. Each field is `None` when the text does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title as a byte range into the text: a trimmed line, or the value after `标题:`.
    pub title: Option<Range<usize>>,
    /// The publication date and the byte range of the date as written. Its year is always
    /// stated (1900–2100); month and day when the text gives them.
    pub date: Option<(PartialDate, Range<usize>)>,
    /// The URL of the article as written.
    pub url: Option<String>,
    /// The host of [`Meta::url`] in lower case (`www.51kuaishou.cn`), or, without a URL, the
    /// name after 来源 / 出处 / 转载自 (`新浪科技`).
    pub site: Option<String>,
    /// The author's name and its byte range; editors are not authors.
    pub author: Option<(String, Range<usize>)>,
}

/// Reads the title, date, URL, site and author of one document.
///
/// `paragraphs`: trimmed non-empty lines as byte ranges into `text` (see
/// [`Document::paragraphs`](super::Document::paragraphs)). `content[i]` is false when the
/// cleaning stage removed paragraph `i` entirely (boilerplate, ads, duplicates); a missing entry
/// counts as content. The title comes from a content paragraph unless a `标题：` line states it;
/// date, URL and author may come from any paragraph.
///
/// - **title**: an explicit `标题：` / `標題：` / `题目：` value wins. Otherwise the first of the
///   first three meaningful content lines that is short (≤ 60 characters) and does
///   not end like a sentence or clause (`。！？，：；`), else the first meaningful content line.
///   A line is meaningful unless it has fewer than 5 letters, is only a date, is a URL, or
///   starts with a label of the marker table (a byline, a source, an image credit).
/// - **date**: a labelled date (`发布时间：`, `日期:`, `时间:`) first; then, preferring full dates
///   to partial ones, a line that is only a date (with perhaps a weekday and a time), then a
///   short byline-like line holding a year-month or full date. A date inside a sentence is an
///   event, not the publication date, and is never taken.
/// - **url**: the first URL after a URL or source label (`本文网址:`, `原文链接：`, `来源：`),
///   else the first line that is nothing but a URL.
/// - **site**: the URL's host, or the name after a source label when there is no URL.
/// - **author**: the first byline value (`文/`, `作者：`, `记者 `), cut at the first comma, 、,
///   space, bar or slash.
pub fn extract(text: &str, paragraphs: &[Range<usize>], content: &[bool]) -> Meta {
    let mut explicit_title: Option<Range<usize>> = None;
    let mut title_candidates: Vec<Range<usize>> = Vec::new();
    // (labelled first, more precise first, line-only before byline, position) → date
    let mut best_date: Option<RankedDate> = None;
    let mut labelled_url: Option<(String, String)> = None;
    let mut bare_url: Option<(String, String)> = None;
    let mut source_name: Option<String> = None;
    let mut author: Option<(String, Range<usize>)> = None;

    for (i, range) in paragraphs.iter().enumerate() {
        let Some(line) = text.get(range.clone()) else {
            continue;
        };
        let base = range.start;
        let labels = labels(line);

        for label in &labels {
            let value = &line[label.value.clone()];
            let at = base + label.value.start;
            match label.field {
                Title => {
                    if explicit_title.is_none() && is_explicit_title(value) {
                        explicit_title = Some(at..at + value.len());
                    }
                }
                Date => {
                    if let Some((date, len)) = date_at(value) {
                        consider_date(
                            &mut best_date,
                            (0, 3 - date.precision(), 0, at),
                            date,
                            at..at + len,
                        );
                    }
                }
                Url => {
                    if labelled_url.is_none() {
                        labelled_url = find_url(value);
                    }
                }
                Source => {
                    if let Some(found) = url_prefix(value) {
                        if labelled_url.is_none() {
                            labelled_url = Some(found);
                        }
                    } else if source_name.is_none() {
                        source_name = name(value).map(|r| value[r].to_owned());
                    }
                }
                Author => {
                    if author.is_none() {
                        author = name(value)
                            .map(|r| (value[r.clone()].to_owned(), at + r.start..at + r.end));
                    }
                }
                Editor | Credit => {}
            }
        }

        let mut date_only = false;
        for (date, span, kind) in unlabelled_dates(line, &labels) {
            date_only |= kind == DateLine::Only;
            let tier = if kind == DateLine::Only { 0 } else { 1 };
            let at = base + span.start;
            consider_date(
                &mut best_date,
                (1, 3 - date.precision(), tier, at),
                date,
                at..base + span.end,
            );
        }

        let url_line = url_prefix(line).filter(|(url, _)| url.len() == line.len());
        if bare_url.is_none() {
            bare_url.clone_from(&url_line);
        }

        let is_content = content.get(i).copied().unwrap_or(true);
        let starts_with_label = labels
            .first()
            .is_some_and(|l| l.start == leading_brackets(line));
        if is_content
            && title_candidates.len() < TITLE_LOOKAHEAD
            && !date_only
            && !starts_with_label
            && url_line.is_none()
            && !starts_with_url(line)
            && line.chars().filter(|c| c.is_alphabetic()).count() >= TITLE_MIN_LETTERS
        {
            title_candidates.push(range.clone());
        }
    }

    let title = explicit_title.or_else(|| {
        title_candidates
            .iter()
            .find(|r| text.get((*r).clone()).is_some_and(is_title_shaped))
            .or_else(|| title_candidates.first())
            .cloned()
    });
    let (url, host) = match labelled_url.or(bare_url) {
        Some((url, host)) => (Some(url), Some(host)),
        None => (None, None),
    };
    Meta {
        title,
        date: best_date.map(|(_, d, r)| (d, r)),
        url,
        site: host.or(source_name),
        author,
    }
}

/// How good a date candidate is, lower first: (labelled 0 / not 1, 3 − precision, line of its
/// own 0 / byline 1, byte position).
type DateRank = (u8, u8, u8, usize);

/// A date candidate: its rank, the date, and where it is written.
type RankedDate = (DateRank, PartialDate, Range<usize>);

/// Keeps the date of lower rank.
fn consider_date(
    best: &mut Option<RankedDate>,
    rank: DateRank,
    date: PartialDate,
    range: Range<usize>,
) {
    if best.as_ref().is_none_or(|(r, _, _)| rank < *r) {
        *best = Some((rank, date, range));
    }
}

/// A label found in a line: where its marker starts and where its value lies (byte offsets
/// into the line; the value trimmed, ending at the next label).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Label {
    field: Field,
    start: usize,
    value: Range<usize>,
}

/// Bars that separate byline fields: `来源：新浪 | 作者：张三`.
fn is_bar(c: char) -> bool {
    matches!(c, '|' | '｜' | '丨')
}

fn is_slash(c: char) -> bool {
    matches!(c, '/' | '／') || is_bar(c)
}

fn is_colon(c: char) -> bool {
    matches!(c, ':' | '：')
}

fn is_opening(c: char) -> bool {
    matches!(c, '【' | '[' | '（' | '(' | '〔' | '「' | '『')
}

fn is_closing(c: char) -> bool {
    matches!(c, '】' | ']' | '）' | ')' | '〕' | '」' | '』')
}

/// Byte length of the opening brackets a line starts with.
fn leading_brackets(line: &str) -> usize {
    line.len() - line.trim_start_matches(is_opening).len()
}

/// Whether a field may start at byte `i` of `line`: at the line start, or after white space, a
/// bar or a bracket.
fn is_field_start(line: &str, i: usize) -> bool {
    match line.get(..i).and_then(|before| before.chars().next_back()) {
        None => i == 0,
        Some(c) => c.is_whitespace() || is_bar(c) || is_opening(c) || is_closing(c),
    }
}

/// One way of writing a marker, with the marker it spells.
type Spelling = (&'static [u8], &'static Marker);

/// Every spelling of every marker, grouped by its first byte (ASCII lower-cased, since
/// markers match case-insensitively), so `marker_at` tries only the few that can start at a
/// position instead of all of them.
fn spellings_by_first_byte() -> &'static [Vec<Spelling>] {
    static TABLE: OnceLock<Vec<Vec<Spelling>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); 256];
        for marker in MARKERS {
            for word in marker.words.split(' ').filter(|w| !w.is_empty()) {
                let first = word.as_bytes()[0].to_ascii_lowercase();
                table[first as usize].push((word.as_bytes(), marker));
            }
        }
        table
    })
}

/// The marker starting at byte `i` of `line`, and where its value starts.
fn marker_at(line: &str, i: usize) -> Option<(Field, usize)> {
    let rest = line.as_bytes().get(i..)?;
    let spellings = &spellings_by_first_byte()[rest.first()?.to_ascii_lowercase() as usize];
    let mut best: Option<(usize, Field, usize)> = None;
    for &(word, marker) in spellings {
        let matches = rest
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word));
        if !matches || best.is_some_and(|(len, _, _)| len >= word.len()) {
            continue;
        }
        if let Some(value) = value_start(line, i + word.len(), marker.sep) {
            best = Some((word.len(), marker.field, value));
        }
    }
    best.map(|(_, field, value)| (field, value))
}

/// Where the value starts after a marker ending at byte `i`, if the separator `sep` asks for
/// is there.
fn value_start(line: &str, i: usize, sep: Sep) -> Option<usize> {
    let after = line.get(i..)?;
    if sep == Prefix {
        return Some(i);
    }
    let spaced = after.trim_start();
    let space = after.len() - spaced.len();
    let next = spaced.chars().next();
    let accepts = |c: char| match sep {
        Colon | ColonOrSpace => is_colon(c),
        Byline | Slash => is_colon(c) || is_slash(c),
        Prefix => false,
    };
    match next {
        Some(c) if accepts(c) => {
            let rest = &spaced[c.len_utf8()..];
            Some(line.len() - rest.trim_start().len())
        }
        _ if space > 0 && matches!(sep, ColonOrSpace | Byline) => Some(i + space),
        _ => None,
    }
}

/// All labels of a line, in order.
fn labels(line: &str) -> Vec<Label> {
    let mut found: Vec<(Field, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        if is_field_start(line, i) {
            if let Some((field, value)) = marker_at(line, i) {
                found.push((field, i, value));
                i = value.max(i + 1);
                while !line.is_char_boundary(i) {
                    i += 1;
                }
                continue;
            }
        }
        i += line
            .get(i..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8);
    }
    let mut out = Vec::with_capacity(found.len());
    for (k, &(field, start, value)) in found.iter().enumerate() {
        let end = found
            .get(k + 1)
            .map_or(line.len(), |next| next.1)
            .max(value);
        let raw = line.get(value..end).unwrap_or("");
        let trimmed = raw
            .trim_start()
            .trim_end_matches(|c: char| c.is_whitespace() || is_bar(c));
        let from = value + (raw.len() - raw.trim_start().len());
        out.push(Label {
            field,
            start,
            value: from..from + trimmed.len(),
        });
    }
    out
}

/// Whether an explicit title value is one: some letters, not a paragraph.
fn is_explicit_title(value: &str) -> bool {
    value.chars().any(char::is_alphabetic) && value.chars().count() <= EXPLICIT_TITLE_MAX_CHARS
}

/// Whether a line looks like a headline rather than a sentence: short, and not ending with
/// sentence or clause punctuation (closing quotes and brackets looked through).
fn is_title_shaped(line: &str) -> bool {
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
fn name(value: &str) -> Option<Range<usize>> {
    let end = value
        .find(|c: char| {
            c.is_whitespace()
                || is_slash(c)
                || is_colon(c)
                || is_opening(c)
                || matches!(c, ',' | '，' | '、' | ';' | '；' | '。')
        })
        .unwrap_or(value.len());
    let name = &value[..end];
    (name.chars().any(char::is_alphabetic) && name.chars().count() <= NAME_MAX_CHARS)
        .then_some(0..end)
}

// ---------------------------------------------------------------------------------------------
// URLs

/// Whether the line starts with something URL-like (even one too broken to parse).
fn starts_with_url(line: &str) -> bool {
    let head = line.as_bytes();
    ["http://", "https://", "www."].iter().any(|p| {
        head.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// The first URL anywhere in `value`, with its host.
fn find_url(value: &str) -> Option<(String, String)> {
    value
        .char_indices()
        .filter(|&(i, _)| {
            i == 0
                || !value
                    .as_bytes()
                    .get(i - 1)
                    .is_some_and(u8::is_ascii_alphanumeric)
        })
        .find_map(|(i, _)| url_prefix(&value[i..]))
}

/// The URL `s` starts with (`http://`, `https://`, or a scheme-less `www.`), and its host in
/// lower case. The URL ends at the first character that is not printable ASCII, less trailing
/// punctuation.
fn url_prefix(s: &str) -> Option<(String, String)> {
    if !starts_with_url(s) {
        return None;
    }
    let end = s.find(|c: char| !c.is_ascii_graphic()).unwrap_or(s.len());
    let url = s[..end].trim_end_matches(|c: char| ".,;:!?)]}'\"".contains(c));
    let after_scheme = url.find("://").map_or(url, |k| &url[k + 3..]);
    let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = host_port.split(':').next().unwrap_or("");
    let valid = !host.is_empty()
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && host.chars().any(|c| c.is_ascii_alphabetic());
    valid.then(|| (url.to_owned(), host.to_ascii_lowercase()))
}

// ---------------------------------------------------------------------------------------------
// Dates

/// How a date without a label stands in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateLine {
    /// The line is the date, perhaps with a weekday and a time: `2021年3月26日 星期五`.
    Only,
    /// The line is a short byline holding the date: `新浪科技 2020-07-17 10:23`.
    Byline,
}

/// Dates in `line` that stand as a publication date would: a line of their own, or a field of
/// a short byline-like line. Labelled dates (whose values the labels hold) are skipped.
fn unlabelled_dates(line: &str, labels: &[Label]) -> Vec<(PartialDate, Range<usize>, DateLine)> {
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
fn only_time_after(mut rest: &str) -> bool {
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
fn weekday_len(s: &str) -> Option<usize> {
    let prefix = ["星期", "礼拜", "禮拜", "周", "週"]
        .into_iter()
        .find(|p| s.starts_with(p))?;
    let day = s[prefix.len()..].chars().next()?;
    "一二三四五六日天"
        .contains(day)
        .then(|| prefix.len() + day.len_utf8())
}

/// Byte length of a time of day at the start of `s`: `10:23`, `10:23:45`, `T10:23`.
fn time_len(s: &str) -> Option<usize> {
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
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The number of `min..=max` digits at the start of `s` and its byte length; `None` if there
/// are fewer digits, or more (so `2020` is not read from `20201`).
fn number(s: &str, min: usize, max: usize) -> Option<(u32, usize)> {
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
fn date_at(s: &str) -> Option<(PartialDate, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Trimmed non-empty lines, as the document stage cuts them.
    fn lines(text: &str) -> Vec<Range<usize>> {
        super::super::paragraphs(text)
    }

    fn meta(text: &str) -> Meta {
        let paragraphs = lines(text);
        extract(text, &paragraphs, &vec![true; paragraphs.len()])
    }

    fn title(text: &str) -> Option<&str> {
        meta(text).title.map(|r| &text[r])
    }

    fn date(text: &str) -> Option<String> {
        meta(text).date.map(|(d, _)| d.iso())
    }

    fn author(text: &str) -> Option<String> {
        meta(text).author.map(|(a, _)| a)
    }

    // --- title

    #[test]
    fn takes_the_first_line_as_title() {
        assert_eq!(
            title("快手电商的下一站\n正文第一段。"),
            Some("快手电商的下一站")
        );
    }

    #[test]
    fn skips_a_short_account_name_before_the_title() {
        assert_eq!(
            title("面朝\n乘风破浪的快手\n正文。"),
            Some("乘风破浪的快手")
        );
    }

    #[test]
    fn skips_date_url_and_byline_lines_for_the_title() {
        let text = "2020-07-17\nhttps://example.com/a\n作者：张三丰先生\n快手电商的下一站\n正文。";
        assert_eq!(title(text), Some("快手电商的下一站"));
    }

    #[test]
    fn skips_image_credits_for_the_title() {
        assert_eq!(
            title("图片来自视觉中国网站\n快手电商的下一站\n正文。"),
            Some("快手电商的下一站")
        );
    }

    #[test]
    fn prefers_a_title_shaped_line_to_a_sentence() {
        let text = "这是一段很长的导语，讲了很多事情。\n快手电商的下一站\n正文。";
        assert_eq!(title(text), Some("快手电商的下一站"));
    }

    #[test]
    fn falls_back_to_the_first_content_line() {
        let text = "第一句话是一个完整的句子。\n第二句话也是句子。";
        assert_eq!(title(text), Some("第一句话是一个完整的句子。"));
    }

    #[test]
    fn looks_only_a_few_lines_down_for_a_title() {
        let text = "第一句是句子。\n第二句是句子。\n第三句是句子。\n短短的小标题行";
        assert_eq!(title(text), Some("第一句是句子。"));
    }

    #[test]
    fn takes_no_title_from_a_line_the_cleaner_removed() {
        let text = "已服务500客户累计交易\n快手电商的下一站\n正文。";
        let paragraphs = lines(text);
        let meta = extract(text, &paragraphs, &[false, true, true]);
        assert_eq!(meta.title.map(|r| &text[r]), Some("快手电商的下一站"));
    }

    #[test]
    fn an_explicit_title_line_overrides_the_first_line() {
        let text = "图片来自canva\n正文第一段很长很长。\n标题:[科技界] 抖音电商梦圆还有多远?\n";
        assert_eq!(title(text), Some("[科技界] 抖音电商梦圆还有多远?"));
    }

    #[test]
    fn reads_traditional_and_full_width_title_labels() {
        assert_eq!(title("正文。\n標題：直播電商大戰"), Some("直播電商大戰"));
        assert_eq!(title("正文。\n题目 ： 直播电商大战"), Some("直播电商大战"));
    }

    #[test]
    fn an_explicit_title_counts_even_on_a_removed_line() {
        let text = "正文第一段。\n标题：直播电商大战";
        let meta = extract(text, &lines(text), &[true, false]);
        assert_eq!(meta.title.map(|r| &text[r]), Some("直播电商大战"));
    }

    #[test]
    fn gives_no_title_without_a_meaningful_line() {
        assert_eq!(title("面朝\n01\n分享到:"), None);
        assert_eq!(meta(""), Meta::default());
    }

    // --- date

    #[test]
    fn reads_numeric_dates_as_iso() {
        assert_eq!(date("标题行在这里\n2020-07-17"), Some("2020-07-17".into()));
        assert_eq!(date("标题行在这里\n2020/7/17"), Some("2020-07-17".into()));
        assert_eq!(date("标题行在这里\n2020.07.17"), Some("2020-07-17".into()));
        assert_eq!(
            date("标题行在这里\n２０２０－０７－１７"),
            Some("2020-07-17".into())
        );
    }

    #[test]
    fn reads_chinese_dates_keeping_partial_ones_partial() {
        assert_eq!(date("标题\n2021年3月26日"), Some("2021-03-26".into()));
        assert_eq!(date("标题\n2021年03月26号"), Some("2021-03-26".into()));
        assert_eq!(date("标题\n2021年3月"), Some("2021-03".into()));
        assert_eq!(date("标题\n2021年"), Some("2021".into()));
    }

    #[test]
    fn reads_a_labelled_date_with_its_byte_range() {
        let text = "标题\n发布时间：2021年3月26日 10:30\n正文。";
        let (d, r) = meta(text).date.unwrap();
        assert_eq!(
            d,
            PartialDate {
                year: Some(2021),
                month: Some(3),
                day: Some(26)
            }
        );
        assert_eq!(&text[r], "2021年3月26日");
        assert_eq!(
            date("標題\n發佈時間: 2021-03-26"),
            Some("2021-03-26".into())
        );
        assert_eq!(date("标题\n日期:2021/3/26"), Some("2021-03-26".into()));
    }

    #[test]
    fn prefers_a_labelled_date_to_a_date_line() {
        assert_eq!(
            date("标题\n2019年\n正文。\n时间：2020-07-17"),
            Some("2020-07-17".into())
        );
    }

    #[test]
    fn prefers_a_full_date_line_to_a_year_heading() {
        assert_eq!(
            date("2019年\n正文。\n2020-07-17"),
            Some("2020-07-17".into())
        );
    }

    #[test]
    fn reads_a_date_line_with_weekday_and_time() {
        assert_eq!(
            date("标题\n2021年3月26日 星期五 10:23:45"),
            Some("2021-03-26".into())
        );
        assert_eq!(date("标题\n2020-07-17 10:23"), Some("2020-07-17".into()));
    }

    #[test]
    fn reads_a_date_in_a_short_byline() {
        assert_eq!(
            date("标题\n新浪科技 2020-07-17 10:23 来源：新浪"),
            Some("2020-07-17".into())
        );
    }

    #[test]
    fn ignores_event_dates_inside_sentences() {
        assert_eq!(
            date("标题\n从2019年12月23日开始,快手小店就出现了状况。"),
            None
        );
        assert_eq!(
            date("标题\n2019年6月,快手电商部正式成立;2020年合作。"),
            None
        );
        assert_eq!(date("标题\n2018年快手上线购物车功能"), None);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(date("标题\n2020-13-01"), None);
        assert_eq!(date("标题\n2021-02-29"), None);
        assert_eq!(date("标题\n2020-02-29"), Some("2020-02-29".into()));
        assert_eq!(date("标题\n2020-04-31"), None);
        assert_eq!(date("标题\n1899-01-01"), None);
        assert_eq!(date("标题\n20201-01-01"), None);
        assert_eq!(date("标题\n2020.07"), None);
    }

    // --- url and site

    #[test]
    fn reads_a_labelled_url_and_its_host() {
        let m = meta("正文。\n本文网址:https://www.51kuaishou.cn/show-14-363.html");
        assert_eq!(
            m.url.as_deref(),
            Some("https://www.51kuaishou.cn/show-14-363.html")
        );
        assert_eq!(m.site.as_deref(), Some("www.51kuaishou.cn"));
        let m = meta("正文。\n原文鏈接：HTTP://News.Example.COM:8080/a?b=1。");
        assert_eq!(m.url.as_deref(), Some("HTTP://News.Example.COM:8080/a?b=1"));
        assert_eq!(m.site.as_deref(), Some("news.example.com"));
    }

    #[test]
    fn reads_a_bare_url_line() {
        let m = meta("正文。\nhttp://www.heliu2.cn/xw/7772.html");
        assert_eq!(m.url.as_deref(), Some("http://www.heliu2.cn/xw/7772.html"));
        assert_eq!(m.site.as_deref(), Some("www.heliu2.cn"));
    }

    #[test]
    fn ignores_a_postal_address() {
        let m = meta("正文。\n地址：北京市海淀区中关村大街1号");
        assert_eq!((m.url, m.site), (None, None));
    }

    #[test]
    fn names_the_source_site_without_a_url() {
        assert_eq!(
            meta("正文。\n来源：新浪科技").site.as_deref(),
            Some("新浪科技")
        );
        assert_eq!(
            meta("正文。\n來源: 中央社 | 作者：王小明").site.as_deref(),
            Some("中央社")
        );
        assert_eq!(meta("正文。\n转载自 36氪").site.as_deref(), Some("36氪"));
    }

    #[test]
    fn prefers_the_url_host_to_the_source_name() {
        let m = meta("来源：新浪科技\n正文。\n原文链接：https://tech.sina.com.cn/x.html");
        assert_eq!(m.site.as_deref(), Some("tech.sina.com.cn"));
    }

    #[test]
    fn ignores_a_source_word_inside_a_sentence_or_an_image_credit() {
        let m = meta("图片来源：视觉中国\n这些数据的来源：官方财报。");
        assert_eq!(m.site, None);
    }

    // --- author

    #[test]
    fn reads_bylines_in_their_common_forms() {
        assert_eq!(author("标题\n文/张三"), Some("张三".into()));
        assert_eq!(author("标题\n文 | 张三"), Some("张三".into()));
        assert_eq!(author("标题\n文丨张三"), Some("张三".into()));
        assert_eq!(author("标题\n作者：张三"), Some("张三".into()));
        assert_eq!(author("标题\n本文作者: 王小明"), Some("王小明".into()));
        assert_eq!(author("标题\n记者 张三 李四"), Some("张三".into()));
        assert_eq!(author("標題\n本報記者：王小明"), Some("王小明".into()));
    }

    #[test]
    fn cuts_the_author_at_the_first_comma() {
        let text = "标题\n文/新零售外国参考记者,微信官方号:xlswaican";
        let (name, r) = meta(text).author.unwrap();
        assert_eq!(name, "新零售外国参考记者");
        assert_eq!(&text[r], "新零售外国参考记者");
    }

    #[test]
    fn reads_an_author_among_other_byline_fields() {
        assert_eq!(
            author("标题\n来源：新浪科技 作者：张三 编辑：李四"),
            Some("张三".into())
        );
    }

    #[test]
    fn does_not_take_an_editor_for_the_author() {
        assert_eq!(author("标题\n责任编辑：李四"), None);
    }

    #[test]
    fn ignores_author_words_inside_sentences() {
        assert_eq!(author("标题\n该文观点仅代表作者本人。"), None);
        assert_eq!(author("标题\n在采访中,有记者问为什么。"), None);
        assert_eq!(author("标题\n作者认为这是好事。"), None);
        assert_eq!(author("标题\n文章写得好。"), None);
    }

    // --- robustness

    #[test]
    fn skips_ranges_that_do_not_slice_the_text() {
        let text = "快手电商的下一站";
        // Inside a character, past the end, reversed: skipped, no panic.
        let reversed = Range { start: 9, end: 3 };
        let m = extract(text, &[1..2, 0..100, reversed], &[]);
        assert_eq!(m, Meta::default());
        let m = extract(text, &[1..2, 0..text.len()], &[true]);
        assert_eq!(m.title.map(|r| &text[r]), Some(text));
    }

    proptest! {
        #[test]
        fn never_panics_and_returns_ranges_that_slice_the_text(
            // Marker words, date and URL pieces and separators, glued at random.
            text in concat!(
                "(标题|文/|作者|记者 |来源|发布时间|本文网址|http://a.b/|www.|",
                "2020|年|月|日|-|/|\\.|:|：|,|\\||丨| |\n|[0-9０-９]|[a-z]|.){0,40}"
            ),
        ) {
            let paragraphs = lines(&text);
            let m = extract(&text, &paragraphs, &vec![true; paragraphs.len()]);
            if let Some(r) = m.title { prop_assert!(text.get(r).is_some()); }
            if let Some((d, r)) = m.date {
                prop_assert!(text.get(r).is_some());
                prop_assert!(d.year.is_some_and(|y| (1900..=2100).contains(&y)));
            }
            if let Some((name, r)) = m.author { prop_assert_eq!(text.get(r), Some(name.as_str())); }
        }

        #[test]
        fn never_panics_on_arbitrary_ranges(
            text in "\\PC{0,30}",
            ranges in proptest::collection::vec((0usize..120, 0usize..120), 0..6),
            content in proptest::collection::vec(any::<bool>(), 0..6),
        ) {
            let paragraphs: Vec<Range<usize>> = ranges.into_iter().map(|(a, b)| a..b).collect();
            let m = extract(&text, &paragraphs, &content);
            if let Some(r) = m.title { prop_assert!(text.get(r).is_some()); }
        }
    }

    // --- the bundled seeds

    /// Runs `extract` on a seed with every line content except those numbered (0-based
    /// paragraph index) in `not_content`.
    fn seed(text: &str, not_content: &[usize]) -> Meta {
        let paragraphs = lines(text);
        let content: Vec<bool> = (0..paragraphs.len())
            .map(|i| !not_content.contains(&i))
            .collect();
        extract(text, &paragraphs, &content)
    }

    #[test]
    fn seed_000_traditional_title_no_date_no_source() {
        let text = include_str!("../../seeds/000_160cb79cbc9dbeea.txt");
        let m = seed(text, &[]);
        assert_eq!(
            m.title.map(|r| &text[r]),
            Some("京東牽“快手”:直播電商大戰中的生態重建")
        );
        assert_eq!(m.date, None);
        assert_eq!((m.url, m.site, m.author), (None, None, None));
    }

    #[test]
    fn seed_001_title_after_account_name_and_date_line() {
        let text = include_str!("../../seeds/001_309b811cfa3d92f8.txt");
        let m = seed(text, &[]);
        assert_eq!(
            m.title.map(|r| &text[r]),
            Some("乘风破浪的快手,双百亿补贴背后的一盘大棋")
        );
        let (d, r) = m.date.unwrap();
        assert_eq!(d.iso(), "2020-07-17");
        assert_eq!(&text[r], "2020-07-17");
        assert_eq!((m.url, m.site, m.author), (None, None, None));
    }

    #[test]
    fn seed_002_url_from_the_footer_title_after_the_widget() {
        let text = include_str!("../../seeds/002_8288d1e6a0cd6100.txt");
        // The account-sale widget (its first five lines) is what the cleaner removes.
        let m = seed(text, &[0, 1, 2, 3, 4]);
        // The article's headline was not scraped: the first article line stands in for it.
        let title = m.title.map(|r| &text[r]).unwrap();
        assert!(
            title.starts_with("“别骗老铁!别骗老铁!别骗老铁!”"),
            "{title}"
        );
        assert_eq!(m.date, None);
        assert_eq!(
            m.url.as_deref(),
            Some("https://www.51kuaishou.cn/show-14-363.html")
        );
        assert_eq!(m.site.as_deref(), Some("www.51kuaishou.cn"));
        assert_eq!(m.author, None);
    }

    #[test]
    fn seed_003_explicit_title_byline_and_address() {
        let text = include_str!("../../seeds/003_85f297a51afbf37a.txt");
        let m = seed(text, &[]);
        assert_eq!(
            m.title.map(|r| &text[r]),
            Some("[科技界] 抖音电商梦圆还有多远?")
        );
        assert_eq!(m.date, None);
        assert_eq!(m.url.as_deref(), Some("http://www.heliu2.cn/xw/7772.html"));
        assert_eq!(m.site.as_deref(), Some("www.heliu2.cn"));
        let (name, r) = m.author.unwrap();
        assert_eq!(name, "新零售外国参考记者");
        assert_eq!(&text[r], "新零售外国参考记者");
    }

    #[test]
    fn seed_004_first_line_title_and_nothing_else() {
        let text = include_str!("../../seeds/004_43bb41bc52e1228d.txt");
        let m = seed(text, &[]);
        assert_eq!(
            m.title.map(|r| &text[r]),
            Some("不走抖音平台交易:快手电商要京东“分手”快手断链不是“为了闭环”")
        );
        assert_eq!(m.date, None);
        assert_eq!((m.url, m.site, m.author), (None, None, None));
    }
}
