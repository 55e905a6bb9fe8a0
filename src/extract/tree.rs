//! HTML tokens → a flat list of elements (parent links) and text blocks.
//!
//! The tokenizer is html5gum (WHATWG: entities, `&#0147;` read as windows-1252 the way
//! browsers do, raw text in `<script>`/`<style>`/`<title>`/`<textarea>`). Building the tree is
//! ours, and iterative: an explicit stack of open elements, capped at [`MAX_DEPTH`], so 100,000
//! nested `<div>` cost neither recursion nor quadratic time. End tags close the nearest open
//! element of that name (unmatched ones are ignored), a block opened inside `<p>` closes it,
//! `<li>` closes an open `<li>` of the same list — the tree builder's rules that matter for
//! finding paragraphs, not the whole of them.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::furniture::{Furniture, Kind};

/// Elements nested deeper than this are read as if they were their deepest allowed ancestor:
/// their text is kept, their structure is not. Real pages nest 20–40 deep.
pub(super) const MAX_DEPTH: usize = 256;

/// No element (the parent of the root elements).
pub(super) const NONE: u32 = u32::MAX;

/// One element that was opened.
#[derive(Debug, Clone)]
pub(super) struct Element {
    pub(super) parent: u32,
    pub(super) tag: Box<str>,
    /// Furniture its own name or attributes say it is, with the word that said so.
    pub(super) furniture: Option<(Kind, Box<str>)>,
    /// `<article>`, `<main>` or `itemprop=articleBody`: a page saying where its article is.
    pub(super) article_hint: bool,
}

/// A run of visible text between two block boundaries.
#[derive(Debug, Clone)]
pub(super) struct Block {
    /// The innermost open element when the block's text started.
    pub(super) elem: u32,
    /// The text, whitespace collapsed, trimmed, without line breaks.
    pub(super) text: String,
    /// Characters of the text inside links.
    pub(super) link_chars: usize,
    /// 1–6 inside `<h1>`–`<h6>`, else 0.
    pub(super) heading: u8,
}

/// What the markup says about the page outside its visible text.
#[derive(Debug, Clone, Default)]
pub(super) struct HeadFacts {
    pub(super) title: String,
    /// `(name or property or itemprop, content)` of every `<meta>`, names lower-cased.
    pub(super) metas: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub(super) canonical: Option<String>,
    /// Texts of `<script type="application/ld+json">`.
    pub(super) json_ld: Vec<String>,
    /// The first `<time datetime>` (or `pubdate`/`itemprop=datePublished` `datetime`).
    pub(super) time: Option<String>,
}

/// The parsed page.
#[derive(Debug, Default)]
pub(super) struct Tree {
    pub(super) elements: Vec<Element>,
    pub(super) blocks: Vec<Block>,
    pub(super) head: HeadFacts,
}

/// Elements whose content is never visible text.
fn is_hidden(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "select"
            | "textarea"
            | "button"
            | "head"
            | "canvas"
            | "video"
            | "audio"
    )
}

/// Elements without an end tag.
fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

/// Elements that begin and end a block of text.
pub(super) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "td"
            | "th"
            | "thead"
            | "tfoot"
            | "tr"
            | "ul"
            | "caption"
            | "title"
            | "option"
            | "legend"
            | "details"
            | "summary"
    )
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Open element on the stack.
struct Open {
    id: u32,
    tag: Box<str>,
    hidden: bool,
    link: bool,
    heading: u8,
    title: bool,
    json_ld: bool,
}

struct Builder<'f> {
    table: &'f Furniture,
    tree: Tree,
    stack: Vec<Open>,
    /// Elements opened past [`MAX_DEPTH`], not on the stack (their end tags are ignored).
    text: String,
    link_chars: usize,
    /// A space is owed before the next visible character (collapsed whitespace).
    space: bool,
    script_text: String,
}

impl Builder<'_> {
    fn top(&self) -> Option<&Open> {
        self.stack.last()
    }

    fn hidden(&self) -> bool {
        self.top().is_some_and(|o| o.hidden)
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let link_chars = std::mem::replace(&mut self.link_chars, 0);
        self.space = false;
        let trimmed = text.trim_matches(|c: char| c.is_whitespace());
        if trimmed.is_empty() {
            return;
        }
        let elem = self.top().map_or(NONE, |o| o.id);
        let heading = self.top().map_or(0, |o| o.heading);
        let text = if trimmed.len() == text.len() {
            text
        } else {
            trimmed.to_owned()
        };
        self.tree.blocks.push(Block {
            elem,
            text,
            link_chars,
            heading,
        });
    }

    fn push_text(&mut self, s: &str) {
        let top = self.top();
        if top.is_some_and(|o| o.title) {
            self.tree.head.title.push_str(s);
            return;
        }
        if top.is_some_and(|o| o.json_ld) {
            self.script_text.push_str(s);
            return;
        }
        if self.hidden() {
            return;
        }
        let link = top.is_some_and(|o| o.link);
        for c in s.chars() {
            if c.is_whitespace() {
                // Collapsed as a browser does; U+00A0 and U+3000 are visible in a browser,
                // but a line made of them is still blank, so they collapse here too.
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
            if link {
                self.link_chars += 1;
            }
        }
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        let attr = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        match name {
            "meta" => {
                let key = attr("property")
                    .or_else(|| attr("name"))
                    .or_else(|| attr("itemprop"))
                    .or_else(|| attr("http-equiv"));
                if let (Some(key), Some(content)) = (key, attr("content")) {
                    let key = key.to_ascii_lowercase();
                    self.tree.head.metas.push((key, content.to_owned()));
                }
                if let Some(charset) = attr("charset") {
                    self.tree
                        .head
                        .metas
                        .push(("charset".into(), charset.to_owned()));
                }
                return;
            }
            "link" => {
                let rel = attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical")
                    && self.tree.head.canonical.is_none()
                {
                    self.tree.head.canonical = attr("href").map(str::to_owned);
                }
                return;
            }
            "time" if self.tree.head.time.is_none() => {
                self.tree.head.time = attr("datetime").map(str::to_owned);
            }
            _ => {}
        }
        if self.tree.head.time.is_none()
            && attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        {
            let value = attr("content").or_else(|| attr("datetime"));
            self.tree.head.time = value.map(str::to_owned);
        }
        // Anything but head content ends <head>, written or not (a page without </head>
        // keeps its body).
        let head_content = matches!(
            name,
            "title" | "meta" | "link" | "style" | "script" | "base" | "noscript" | "template"
        );
        if !head_content {
            if let Some(at) = self.stack.iter().rposition(|o| &*o.tag == "head") {
                self.stack.truncate(at);
            }
        }
        let block = is_block(name);
        if block || name == "img" {
            self.flush();
        }
        if is_void(name) || self_closing && !matches!(name, "div" | "p" | "a" | "span") {
            return;
        }
        // A block inside <p> closes it; a list item closes the open one of its list.
        if block {
            if self.top().is_some_and(|o| &*o.tag == "p") {
                self.stack.pop();
            }
            if name == "li" || name == "dt" || name == "dd" {
                let open = self
                    .stack
                    .iter()
                    .rposition(|o| matches!(&*o.tag, "li" | "dt" | "dd" | "ul" | "ol" | "dl"));
                if let Some(at) =
                    open.filter(|&at| matches!(&*self.stack[at].tag, "li" | "dt" | "dd"))
                {
                    self.stack.truncate(at);
                }
            }
        }
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        let parent = self.top();
        let hidden = parent.is_some_and(|o| o.hidden)
            || is_hidden(name)
            || attr("hidden").is_some()
            || attr("aria-hidden") == Some("true")
            || attr("style").is_some_and(|s| {
                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                let s = s.to_ascii_lowercase();
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        let heading = match name.as_bytes() {
            [b'h', d @ b'1'..=b'6'] => d - b'0',
            _ => parent.map_or(0, |o| o.heading),
        };
        let link = name == "a" && attr("href").is_some() || parent.is_some_and(|o| o.link);
        let json_ld = name == "script"
            && attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        let title = name == "title" && self.tree.head.title.is_empty();
        let itemprop = attr("itemprop").unwrap_or("");
        let article_hint = matches!(name, "article" | "main")
            || itemprop.eq_ignore_ascii_case("articleBody")
            || attr("role") == Some("main");
        let furniture = self.table.of_element(
            name,
            [attr("class"), attr("id"), attr("role"), attr("aria-label")],
        );
        let id = self.tree.elements.len() as u32;
        self.tree.elements.push(Element {
            parent: parent.map_or(NONE, |o| o.id),
            tag: name.into(),
            furniture,
            article_hint,
        });
        self.stack.push(Open {
            id,
            tag: name.into(),
            // <title> and JSON-LD are read, not shown; the rest of <head> is hidden.
            hidden: hidden && !title && !json_ld,
            link,
            heading,
            title,
            json_ld,
        });
    }

    fn end(&mut self, name: &str) {
        if is_block(name) {
            self.flush();
        }
        // The nearest open element of that name; an end tag without one is ignored.
        if let Some(at) = self.stack.iter().rposition(|o| &*o.tag == name) {
            if self.stack[at].json_ld {
                let text = std::mem::take(&mut self.script_text);
                self.tree.head.json_ld.push(text);
            }
            // Closing an element closes what was left open inside it: a block ends there.
            if self.stack.len() > at + 1 && !is_block(name) {
                let inner_block = self.stack[at + 1..].iter().any(|o| is_block(&o.tag));
                if inner_block {
                    self.flush();
                }
            }
            self.stack.truncate(at);
        }
    }
}

/// Parses `html` (already decoded) into elements, text blocks and head facts.
pub(super) fn parse(html: &str, table: &Furniture) -> Tree {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut b = Builder {
        table,
        tree: Tree::default(),
        stack: Vec::new(),
        text: String::new(),
        link_chars: 0,
        space: false,
        script_text: String::new(),
    };
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = lossy(&tag.name).to_ascii_lowercase();
                let attrs: Vec<(String, String)> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (lossy(k).to_ascii_lowercase(), lossy(&v.value)))
                    .collect();
                b.start(&name, &attrs, tag.self_closing);
            }
            Token::EndTag(tag) => {
                let name = lossy(&tag.name).to_ascii_lowercase();
                b.end(&name);
            }
            Token::String(s) => b.push_text(&String::from_utf8_lossy(&s.value)),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.flush();
    let title: String = b
        .tree
        .head
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    b.tree.head.title = title;
    b.tree
}
