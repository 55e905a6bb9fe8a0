//! Which column of a table fills which field of a document: the guess from the column names
//! (`data/columns.txt`), and the mapping the reader confirms or changes.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The table of column names, one field per line (see the file's header).
const DATA: &str = include_str!("../../data/columns.txt");

/// The document fields a column can fill, in the order of `data/columns.txt`.
pub const FIELDS: [&str; 6] = ["content", "title", "date", "source", "url", "author"];

/// Which column fills each field of a document; `None` leaves the field to the text's own
/// metadata. Columns named nowhere here become extra fields (facets).
///
/// In JavaScript: `{ content: "正文", title: "标题", date: "发布时间", source: null, … }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mapping {
    /// The article text. A table needs one.
    pub content: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The publication date, read like a date in the text ([`crate::date`]).
    pub date: Option<String>,
    /// The site or publication.
    pub source: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// Columns to leave out altogether (neither a field nor a facet).
    pub ignore: Vec<String>,
}

impl Mapping {
    /// The column that fills `field` (one of [`FIELDS`]).
    pub fn column(&self, field: &str) -> Option<&str> {
        match field {
            "content" => self.content.as_deref(),
            "title" => self.title.as_deref(),
            "date" => self.date.as_deref(),
            "source" => self.source.as_deref(),
            "url" => self.url.as_deref(),
            "author" => self.author.as_deref(),
            _ => None,
        }
    }

    fn set(&mut self, field: &str, column: &str) {
        let slot = match field {
            "content" => &mut self.content,
            "title" => &mut self.title,
            "date" => &mut self.date,
            "source" => &mut self.source,
            "url" => &mut self.url,
            "author" => &mut self.author,
            _ => return,
        };
        *slot = Some(column.to_owned());
    }

    /// True when `column` fills a field or is ignored: it is no facet.
    pub fn is_used(&self, column: &str) -> bool {
        FIELDS.iter().any(|f| self.column(f) == Some(column))
            || self.ignore.iter().any(|c| c == column)
    }
}

/// A column name as compared with the table: trimmed, ASCII lower case, without `_`, `-`,
/// spaces and a byte-order mark.
fn key(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '\t'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `(field, spellings as keys)`, read once from `data/columns.txt`.
fn table() -> &'static [(&'static str, Vec<String>)] {
    static TABLE: OnceLock<Vec<(&'static str, Vec<String>)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (field, names) = l.split_once('\t')?;
                let field = FIELDS.iter().find(|f| **f == field.trim())?;
                Some((*field, names.split_whitespace().map(key).collect()))
            })
            .collect()
    })
}

/// The mapping the column names suggest: for each field, the column whose name is the
/// earliest spelling of it in `data/columns.txt`; a column fills one field at most. When no
/// name says which column is the text, the one with the longest values in `sample` is taken.
pub fn guess(columns: &[String], sample: &[Vec<String>]) -> Mapping {
    let keys: Vec<String> = columns.iter().map(|c| key(c)).collect();
    let mut mapping = Mapping::default();
    let mut taken = vec![false; columns.len()];
    for (field, spellings) in table() {
        let best = spellings
            .iter()
            .find_map(|s| (0..columns.len()).find(|&i| !taken[i] && keys[i] == *s));
        if let Some(i) = best {
            taken[i] = true;
            mapping.set(field, &columns[i]);
        }
    }
    if mapping.content.is_none() {
        let longest = (0..columns.len()).filter(|&i| !taken[i]).max_by_key(|&i| {
            sample
                .iter()
                .map(|row| row.get(i).map_or(0, |v| v.chars().count()))
                .sum::<usize>()
        });
        if let Some(i) = longest {
            mapping.content = Some(columns[i].clone());
        }
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn guesses_chinese_and_english_column_names() {
        let m = guess(&names(&["标题", "发布时间", "来源", "链接", "作者", "正文", "频道"]), &[]);
        assert_eq!(m.title.as_deref(), Some("标题"));
        assert_eq!(m.date.as_deref(), Some("发布时间"));
        assert_eq!(m.source.as_deref(), Some("来源"));
        assert_eq!(m.url.as_deref(), Some("链接"));
        assert_eq!(m.author.as_deref(), Some("作者"));
        assert_eq!(m.content.as_deref(), Some("正文"));
        assert!(!m.is_used("频道"));
        let m = guess(&names(&["\u{feff}Title", "pub_date", "Site", "URL", "Body"]), &[]);
        assert_eq!(m.title.as_deref(), Some("\u{feff}Title"));
        assert_eq!(m.date.as_deref(), Some("pub_date"));
        assert_eq!(m.source.as_deref(), Some("Site"));
        assert_eq!(m.content.as_deref(), Some("Body"));
    }

    #[test]
    fn takes_the_longest_column_as_text_when_no_name_says() {
        let sample = vec![vec!["a".into(), "很长的一段正文内容".into(), "x".into()]];
        let m = guess(&names(&["c1", "c2", "c3"]), &sample);
        assert_eq!(m.content.as_deref(), Some("c2"));
    }
}
