//! Main-content extraction: an HTML page → the visible text of the whole page, block by block,
//! with the parts around the article marked as furniture, and what the markup states about the
//! article (headline, date, site, address, author).
//!
//! The step after [`crate::decode`] for HTML files. Nothing is thrown away: the document's
//! text is every visible block of the page, one per line, and everything that is not the
//! article is a [`Span`] with a [`Kind`] (navigation, comments, related, header, footer,
//! sidebar, promotion, boilerplate) that cleaning turns into a removed span with that reason,
//! so "show removed" shows the page's furniture in place. Today's cleaning then runs on the
//! article part.
//!
//! How the article is chosen (`select.rs`): per block, its text and its sentence punctuation
//! (Chinese `，。！？` and Latin) score the element around it, its parent and grandparent
//! (Readability's propagation), discounted by the share of text inside links; `<article>`,
//! `<main>`, `role=main` and `itemprop=articleBody` raise an element's score, and the class,
//! id, role and aria-label words of the general table `data/furniture.txt` (`furniture.rs`)
//! lower it and mark what they hold — inside the chosen article too. Headline, date, site,
//! address and author come from the markup (`page_meta.rs`) and win over what the metadata
//! step reads from lines of text ([`crate::meta::extract_with`]).
//!
//! Parsing is html5gum's WHATWG tokenizer (MIT, no dependencies): entities as browsers decode
//! them (`&#0147;` is “), raw text in `<script>` and `<style>`, attributes holding markup; the
//! tree is built here without recursion (`tree.rs`), so hostile nesting costs neither stack
//! nor quadratic time. Measured cost in the shipped wasm: see ARCHITECTURE.md.
//!
//! ```
//! # #[cfg(feature = "html")] {
//! use corpus_explorer::extract::extract;
//!
//! let html = "<title>两会开幕_某某新闻</title><nav><a href=/>首页</a></nav>\
//!     <div class=content><h1>两会开幕</h1><p>全国两会今天在北京开幕，代表们陆续抵达会场。会议将持续一周，审议多项报告。</p>\
//!     <p>记者在现场看到，会场内外秩序井然，各项准备工作已经就绪，代表们正在入场，会议即将开始。</p></div>\
//!     <div class=comment>网友评论：支持！</div>";
//! let page = extract(html);
//! assert_eq!(page.hints.headline.as_deref(), Some("两会开幕"));
//! assert!(page.text.contains("网友评论"));            // kept in the text …
//! assert!(page.furniture.iter().any(|s| &page.text[s.range.clone()] == "网友评论：支持！")); // … as furniture
//! # }
//! ```

mod furniture;
mod page_meta;
#[cfg(feature = "html")]
mod select;
#[cfg(feature = "html")]
mod tree;

use std::ops::Range;

pub use furniture::Kind;
pub use page_meta::{parse_date, Hints};

#[cfg(feature = "html")]
use furniture::Furniture;

/// A block of the page's text that is not the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range of the whole block (a line) in [`Page::text`].
    pub range: Range<usize>,
    /// What it is.
    pub kind: Kind,
    /// Which signal said so (`in comment`, `<nav>`, `links`, `after the article`).
    pub note: String,
}

/// What extraction keeps beside a document's text, for cleaning and metadata (and again when
/// the store cleans its documents anew after a removal).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// The blocks that are not the article, in order.
    pub furniture: Vec<Span>,
    /// What the markup states.
    pub hints: Hints,
    /// Where the headline stands in the text (an `<h1>`, or a part of the `<title>` line).
    pub title: Option<Range<usize>>,
}

/// An extracted page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The visible text: the `<title>` line, then every block of the page, one per line.
    pub text: String,
    /// The furniture, the hints and the headline's place.
    pub furniture: Vec<Span>,
    /// What the markup states.
    pub hints: Hints,
    /// Where the headline stands in [`Page::text`].
    pub title: Option<Range<usize>>,
}

impl Page {
    /// The parts a document keeps.
    pub fn facts(&self) -> PageFacts {
        PageFacts {
            furniture: self.furniture.clone(),
            hints: self.hints.clone(),
            title: self.title.clone(),
        }
    }
}

/// Extracts the visible text and the article of an HTML page (already decoded).
#[cfg(feature = "html")]
pub fn extract(html: &str) -> Page {
    let tree = tree::parse(html, Furniture::get());
    let h1s: Vec<&str> = tree
        .blocks
        .iter()
        .filter(|b| b.heading == 1)
        .map(|b| b.text.as_str())
        .collect();
    let hints = page_meta::hints(&tree.head, &h1s);
    let verdicts = select::select(&tree, hints.headline.as_deref());

    let mut text = String::with_capacity(html.len() / 3);
    let mut furniture = Vec::new();
    let mut title = None;
    let head_title = tree.head.title.trim();
    if !head_title.is_empty() {
        text.push_str(head_title);
        furniture.push(Span {
            range: 0..text.len(),
            kind: Kind::Header,
            note: "<title>".to_owned(),
        });
    }
    let mut headline_block = None;
    for (b, v) in tree.blocks.iter().zip(verdicts) {
        if !text.is_empty() {
            text.push('\n');
        }
        let range = text.len()..text.len() + b.text.len();
        text.push_str(&b.text);
        if let Some(h) = &hints.headline {
            let better = b.heading > 0 && headline_block.is_none();
            if *h == b.text && (better || headline_block.is_none()) {
                headline_block = Some(range.clone());
            }
        }
        if let Some((kind, note)) = v {
            furniture.push(Span { range, kind, note });
        }
    }
    if let Some(h) = &hints.headline {
        title = headline_block.or_else(|| head_title.find(h.as_str()).map(|at| at..at + h.len()));
    }
    Page {
        text,
        furniture,
        hints,
        title,
    }
}

/// The encoding an HTML page declares in its first 4 KB (`<meta charset=…>` or
/// `<meta http-equiv=content-type content="…; charset=…">`), as written.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_'))
        {
            i += 1;
        }
        if i > start {
            return Some(String::from_utf8_lossy(&lower[start..i]).into_owned());
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether a file is an HTML page: by its name (`.html`, `.htm`, `.xhtml`, `.shtml`), or by
/// its first bytes (`<!doctype html` or `<html`, after a byte-order mark and blank space).
pub fn is_html(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml", ".shtml"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return true;
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head: Vec<u8> = body[start..body.len().min(start + 64)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

#[cfg(all(test, feature = "html"))]
mod tests;
