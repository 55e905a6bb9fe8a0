//! The furniture table (`data/furniture.txt`): which class, id, role and aria-label words,
//! and which element names, mark the parts of a page around its article.

#![cfg_attr(not(feature = "html"), allow(dead_code))]

use std::sync::OnceLock;

/// What a part of a page is, when it is not the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Menus, breadcrumbs, page links, tab bars.
    Navigation,
    /// Comment boxes and replies.
    Comments,
    /// Related, recommended and most-read article lists.
    Related,
    /// The page's masthead: logo, search box, login.
    Header,
    /// Copyright, ICP licence, contact and about links.
    Footer,
    /// Side columns and widgets.
    Sidebar,
    /// Advertising, app downloads, QR codes.
    Promotion,
    /// Share bars, tags, print and favourite buttons, hidden pop-ups.
    Boilerplate,
}

impl Kind {
    fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "navigation" => Kind::Navigation,
            "comments" => Kind::Comments,
            "related" => Kind::Related,
            "header" => Kind::Header,
            "footer" => Kind::Footer,
            "sidebar" => Kind::Sidebar,
            "promotion" => Kind::Promotion,
            "boilerplate" => Kind::Boilerplate,
            _ => return None,
        })
    }
}

const DATA: &str = include_str!("../../data/furniture.txt");

/// The table, read once.
#[derive(Debug, Default)]
pub(crate) struct Furniture {
    /// (word, whole word only, weak, kind)
    words: Vec<(String, bool, bool, Kind)>,
    /// Entries with non-ASCII letters, matched anywhere in a value.
    phrases: Vec<(String, Kind)>,
}

impl Furniture {
    /// The table of `data/furniture.txt`.
    pub(crate) fn get() -> &'static Furniture {
        static TABLE: OnceLock<Furniture> = OnceLock::new();
        TABLE.get_or_init(|| Furniture::parse(DATA))
    }

    fn parse(data: &str) -> Furniture {
        let mut table = Furniture::default();
        let mut kind = None;
        for line in data.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                kind = Kind::from_name(name);
                continue;
            }
            let Some(kind) = kind else { continue };
            if !line.is_ascii() {
                table.phrases.push((line.to_owned(), kind));
            } else if let Some(word) = line.strip_prefix('=') {
                table
                    .words
                    .push((word.to_ascii_lowercase(), true, false, kind));
            } else if let Some(word) = line.strip_prefix('~') {
                table
                    .words
                    .push((word.to_ascii_lowercase(), true, true, kind));
            } else {
                table
                    .words
                    .push((line.to_ascii_lowercase(), false, false, kind));
            }
        }
        table
    }

    /// The furniture an element is by its name (`nav`, `aside`, `header`, `footer`) or by a
    /// word of its class, id, role or aria-label, with the word that said so. The word is
    /// prefixed with `~` when it is a weak one (a position: left, right, top).
    pub(crate) fn of_element(
        &self,
        tag: &str,
        values: [Option<&str>; 4],
    ) -> Option<(Kind, Box<str>)> {
        let by_tag = match tag {
            "nav" => Some(Kind::Navigation),
            "aside" => Some(Kind::Sidebar),
            "header" => Some(Kind::Header),
            "footer" => Some(Kind::Footer),
            _ => None,
        };
        if let Some(kind) = by_tag {
            return Some((kind, format!("<{tag}>").into()));
        }
        for value in values.into_iter().flatten() {
            if let Some(found) = self.of_value(value) {
                return Some(found);
            }
        }
        None
    }

    fn of_value(&self, value: &str) -> Option<(Kind, Box<str>)> {
        for (phrase, kind) in &self.phrases {
            if value.contains(phrase.as_str()) {
                return Some((*kind, phrase.as_str().into()));
            }
        }
        for word in words(value) {
            for (entry, whole, weak, kind) in &self.words {
                let hit = if *whole {
                    word == *entry
                } else {
                    word.starts_with(entry.as_str())
                };
                if hit {
                    let word = if *weak { format!("~{word}") } else { word };
                    return Some((*kind, word.into()));
                }
            }
        }
        None
    }
}

/// The words of an attribute value, lower-cased: cut at every character that is not an ASCII
/// letter or digit, and where a lower-case letter is followed by an upper-case one.
fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_attribute_values_into_words_at_punctuation_and_case_changes() {
        assert_eq!(
            words("news-comment_box commentList"),
            ["news", "comment", "box", "comment", "list"]
        );
    }

    #[test]
    fn furniture_words_match_by_prefix_or_whole_word() {
        let t = Furniture::get();
        let kind = |class: &str| {
            t.of_element("div", [Some(class), None, None, None])
                .map(|(k, _)| k)
        };
        assert_eq!(kind("comments-box"), Some(Kind::Comments));
        assert_eq!(kind("related_news"), Some(Kind::Related));
        assert_eq!(kind("ad"), Some(Kind::Promotion));
        assert_eq!(kind("add-content"), None);
        assert_eq!(kind("article-content"), None);
        assert_eq!(kind("breadcrumbNav"), Some(Kind::Navigation));
        assert_eq!(kind("相关推荐"), Some(Kind::Related));
        assert_eq!(
            t.of_element("nav", [None; 4]).map(|(k, _)| k),
            Some(Kind::Navigation)
        );
        assert_eq!(
            t.of_element("footer", [None; 4]).map(|(k, _)| k),
            Some(Kind::Footer)
        );
    }
}
