//! Word documents (`.docx`): the text of `word/document.xml` paragraph by paragraph, headings
//! marked by their paragraph style, and the title, author and creation date of
//! `docProps/core.xml`. A heading becomes the title when the properties name none.
//!
//! The two XML parts are read by a small scanner rather than an XML crate: only `<w:p>`,
//! `<w:pStyle>`, `<w:t>`, `<w:tab/>`, `<w:br/>` and three property elements matter, and every
//! other element (tables' cells are paragraphs too) is passed over.

use super::zip::walk;
use crate::error::{Error, Result};
use crate::meta::Stated;

/// The text of a DOCX file, paragraph by paragraph, and its title, author and creation date
/// (see [`crate::formats`]).
pub fn read(name: &str, bytes: &[u8]) -> Result<(String, Stated)> {
    let (mut document, mut core) = (None, None);
    let prefix = format!("{name}/");
    walk(name, bytes, &mut |path, data| {
        match path.strip_prefix(&prefix) {
            Some("word/document.xml") => document = Some(data),
            Some("docProps/core.xml") => core = Some(data),
            _ => {}
        }
    })?;
    let bad = |message: &str| Error::BadFile {
        name: name.to_owned(),
        message: message.to_owned(),
    };
    let document = document.ok_or_else(|| {
        bad("it has no word/document.xml, so it is not a Word document; save it as .docx again or as text.")
    })?;
    let document = String::from_utf8_lossy(&document);
    let paragraphs = paragraphs(&document);
    if paragraphs.iter().all(|p| p.text.trim().is_empty()) {
        return Err(bad("the document has no text."));
    }
    let core = core.map(|c| String::from_utf8_lossy(&c).into_owned()).unwrap_or_default();
    let stated_title = element(&core, "dc:title").filter(|t| !t.trim().is_empty());
    let heading = paragraphs
        .iter()
        .find(|p| p.heading && !p.text.trim().is_empty())
        .map(|p| p.text.trim().to_owned());
    let stated = Stated {
        title: stated_title.clone().or(heading),
        author: element(&core, "dc:creator"),
        date: element(&core, "dcterms:created"),
        ..Stated::default()
    };
    let mut out = String::new();
    if let Some(title) = &stated_title {
        out.push_str(title.trim());
        out.push_str("\n\n");
    }
    for p in paragraphs.iter().filter(|p| !p.text.trim().is_empty()) {
        out.push_str(&p.text);
        out.push('\n');
    }
    Ok((out, stated))
}

/// One paragraph of `word/document.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Its text, runs joined; tabs and breaks as `\t` and `\n`.
    pub text: String,
    /// True for a heading or title style (`Heading1`, `Title`, `标题 1`, …).
    pub heading: bool,
}

/// The paragraphs of a `word/document.xml`.
pub fn paragraphs(xml: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut in_text = false;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        if in_text {
            if let Some(p) = current.as_mut() {
                p.text.push_str(&unescape(&rest[..open]));
            }
        }
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name = tag.trim_start_matches('/').split([' ', '/', '\t', '\n', '\r']).next().unwrap_or("");
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        match name {
            "w:p" if closing => out.extend(current.take()),
            "w:p" => {
                out.extend(current.take());
                if !empty {
                    current = Some(Paragraph { text: String::new(), heading: false });
                }
            }
            "w:pStyle" => {
                if let (Some(p), Some(style)) = (current.as_mut(), attribute(tag, "w:val")) {
                    let style = style.to_ascii_lowercase();
                    p.heading = style.starts_with("heading") || style == "title" || style.contains("标题");
                }
            }
            "w:t" => in_text = !closing && !empty,
            "w:tab" if !closing => current.iter_mut().for_each(|p| p.text.push('\t')),
            "w:br" | "w:cr" if !closing => current.iter_mut().for_each(|p| p.text.push('\n')),
            _ => {}
        }
    }
    out.extend(current);
    out
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')?;
    Some(&tag[at..at + end])
}

/// The text of the first `<name …>…</name>` in `xml`.
fn element(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("<{name}"))?;
    let open_end = xml[start..].find('>')? + start + 1;
    if xml[..open_end].ends_with("/>") {
        return None;
    }
    let end = xml[open_end..].find(&format!("</{name}>"))? + open_end;
    Some(unescape(&xml[open_end..end]))
}

/// XML's five entities and numeric character references.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
