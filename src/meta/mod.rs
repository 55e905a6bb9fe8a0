//! Metadata: the title, publication date, source URL and site, and author that a scraped
//! Chinese article states about itself.
//!
//! This is the pipeline step after cleaning: it reads the document's paragraphs together with
//! what the cleaner kept (a title is never taken from a removed line), so it imports
//! [`crate::document`] and is called by the corpus, never the other way round.
//!
//! Scraped pages carry their metadata as loose lines around the article: an account name and
//! the headline at the top, a date line, a byline such as `文/张三` or `作者：张三`, and a footer
//! with `来源：新浪科技` or `本文网址:https://…`. [`extract`] reads those lines by the
//! conventions Chinese news sites, portals and self-media platforms share. Every label word it
//! knows is in `data/meta-labels.txt` (read by `labels.rs`), so extending it is a one-line
//! change to a data file.
//!
//! What is found is returned as byte ranges into the text where that is possible (title, date,
//! author), so the reader can show the very characters the file holds; the URL and site are
//! returned as strings because the host name is lower-cased.
//!
//! ```
//! use corpus_explorer::meta::extract;
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
//!
//! # Files
//!
//! `labels.rs` finds the labels of a line (`作者：`, `来源 `, `文/`) from the data file,
//! `title.rs` says what a title and a name look like, `dates.rs` reads publication dates into
//! the crate's one [`PartialDate`], `urls.rs` reads addresses and their hosts.

mod byline;
mod dates;
mod labels;
mod stated;
#[cfg(test)]
mod tests;
mod title;
mod urls;

use std::ops::Range;

use crate::date::PartialDate;
use crate::extract::PageFacts;
pub use byline::is_person_name;
use dates::{date_at, unlabelled_dates, DateLine};
use labels::{labels, leading_brackets, Field};
pub use stated::Stated;
use title::{is_explicit_title, is_title_shaped, name, TITLE_LOOKAHEAD, TITLE_MIN_LETTERS};
use urls::{find_url, starts_with_url, url_prefix};
use Field::{Author, Credit, Date, Editor, Source, Title, Url};

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
/// [`Document::paragraphs`](crate::document::Document::paragraphs)). `content[i]` is false when the
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
    // Every byline value in order; the first that names a person is the author, checked once
    // the source name (which may come later) is known.
    let mut authors: Vec<(String, Range<usize>)> = Vec::new();

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
                    if let Some(r) = name(value) {
                        authors.push((value[r.clone()].to_owned(), at + r.start..at + r.end));
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
    let sites: Vec<&str> = source_name.iter().map(String::as_str).collect();
    let author = authors.into_iter().find(|(a, _)| is_person_name(a, &sites));
    Meta {
        title,
        date: best_date.map(|(_, d, r)| (d, r)),
        url,
        site: host.or(source_name),
        author,
    }
}

/// [`extract`] for a document that may come from an HTML page: what the page's markup states
/// ([`PageFacts`]: the headline's place, JSON-LD and `<meta>` date, site, address and author)
/// wins over what is read from lines of text; the text fills in what the markup leaves out. A
/// date or author stated only in the markup has an empty range at the start of the text.
pub fn extract_with(
    text: &str,
    paragraphs: &[Range<usize>],
    content: &[bool],
    page: Option<&PageFacts>,
) -> Meta {
    let mut meta = extract(text, paragraphs, content);
    let Some(page) = page else {
        return meta;
    };
    let hints = &page.hints;
    if let Some(title) = page.title.clone().filter(|r| text.get(r.clone()).is_some()) {
        meta.title = Some(title);
    }
    if let Some(date) = hints.date {
        meta.date = Some((date, 0..0));
    }
    let hint_host = hints
        .url
        .as_deref()
        .and_then(urls::url_prefix)
        .map(|(_, host)| host);
    if let Some(url) = &hints.url {
        meta.url = Some(url.clone());
    }
    let text_host = meta.url.is_some() && meta.site.as_ref().is_some_and(|s| s.contains('.'));
    meta.site = hints
        .site
        .clone()
        .or_else(|| meta.site.clone().filter(|_| !text_host))
        .or_else(|| hints.title_site.clone())
        .or(hint_host)
        .or_else(|| meta.site.clone());
    // A byline naming the page's own site (`作者：某某网` on 某某网), or a placeholder, is no
    // author, whether the markup or the text states it.
    let sites: Vec<&str> = [&hints.site, &hints.title_site, &meta.site]
        .into_iter()
        .filter_map(|s| s.as_deref())
        .collect();
    if let Some(author) = hints.author.as_ref().filter(|a| is_person_name(a, &sites)) {
        meta.author = Some((author.clone(), 0..0));
    } else {
        meta.author = meta
            .author
            .take()
            .filter(|(a, _)| is_person_name(a, &sites));
    }
    meta
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
