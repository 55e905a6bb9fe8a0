//! Metadata a container states beside the text rather than in it: a table row's title, date,
//! source, URL and author columns, a DOCX's core properties. They take the place of what
//! [`super::extract`] read from the text, field by field.

use super::dates::date_at;
use super::Meta;

/// Fields stated outside the text, and extra fields (a table's other columns) kept for facets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stated {
    /// The title; when the text starts with it (tables put it on the first line), the title
    /// range points there.
    pub title: Option<String>,
    /// The publication date as written (`2021-03-05 10:00`, `2021年3月5日`), read like a date
    /// in the text; a value that is no date leaves the text's own.
    pub date: Option<String>,
    /// The site or publication.
    pub source: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// `(name, value)` of other columns, for facets.
    pub fields: Vec<(String, String)>,
}

impl Stated {
    /// True when nothing is stated.
    pub fn is_empty(&self) -> bool {
        *self == Stated::default()
    }

    /// Puts the stated fields over what the text gave. Fields stated outside the text get an
    /// empty range at 0: there is no place in the text to point to.
    pub fn apply(&self, meta: &mut Meta, text: &str) {
        if let Some(title) = self.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            if let Some(at) = text.find(title) {
                meta.title = Some(at..at + title.len());
            }
        }
        if let Some(date) = self.date.as_deref().and_then(|d| date_at(d.trim())) {
            meta.date = Some((date.0, 0..0));
        }
        if let Some(url) = self.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            meta.url = Some(url.to_owned());
            let host = url.split_once("://").map(|(_, rest)| rest).unwrap_or(url);
            let host = host.split(['/', '?', '#']).next().unwrap_or("");
            if !host.is_empty() {
                meta.site = Some(host.to_ascii_lowercase());
            }
        }
        if let Some(source) = self.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            meta.site = Some(source.to_owned());
        }
        if let Some(author) = self.author.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            meta.author = Some((author.to_owned(), 0..0));
        }
    }
}
