//! The query language, parsed.
//!
//! ```text
//! 京东 快手            both terms (AND)
//! "直播 电商"          an exact phrase; spaces and punctuation inside are matched as written
//! 抖音 OR 快手         either term; OR binds tighter than the space: a OR b c = (a OR b) AND c
//! -淘宝 / -"淘宝直播"   documents without the term
//! /京东.{0,5}快手/     a regular expression over the folded text (linear-time engine)
//! title:快手           the title contains 快手 (folded, so title:快手 matches 快手 and 快手)
//! source:heliu2        the source site contains heliu2
//! script:trad          Traditional documents (trad, simp, mixed; 繁, 简, 混)
//! date:2020            published in 2020; date:2020-05..2021-03, date:2021-03-26, date:..2020
//! entity:抖音          mentions 抖音 under any of its names (颤音, Douyin…)
//! ```
//!
//! Field names have Chinese aliases (标题, 来源, 文字, 日期, 实体). A token with an unknown field name
//! (`12:30`, `https://…`) is an ordinary term. Every malformed query gives a [`QueryError`]
//! whose message says what is wrong and where.

use std::fmt;

use crate::date::PartialDate;

/// A term to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A literal string (a bare word or a quoted phrase), as typed.
    Text(String),
    /// A regular expression, as typed between the slashes.
    Regex(String),
}

/// Which script a `script:` filter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptFilter {
    /// `script:trad`
    Traditional,
    /// `script:simp`
    Simplified,
    /// `script:mixed`
    Mixed,
}

/// A document-level condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `title:` — the title contains this (folded) text.
    Title(String),
    /// `source:` — the source site or URL contains this (folded) text.
    Source(String),
    /// `script:` — the document's script.
    Script(ScriptFilter),
    /// `entity:` — the document mentions this entity under any of its names.
    Entity(String),
    /// `date:` — publication date within `from..=to` (either end open).
    Date {
        /// Earliest date, inclusive.
        from: Option<PartialDate>,
        /// Latest date, inclusive (a partial date includes its whole month or year).
        to: Option<PartialDate>,
    },
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Every clause must match; a clause matches when any of its terms does.
    pub must: Vec<Vec<Term>>,
    /// No document may contain any of these.
    pub not: Vec<Term>,
    /// Document conditions, all of which must hold.
    pub filters: Vec<Filter>,
}

impl Query {
    /// True when the query asks for nothing at all (empty or only spaces).
    pub fn is_empty(&self) -> bool {
        self.must.is_empty() && self.not.is_empty() && self.filters.is_empty()
    }
}

/// What is wrong with a query, and where (a character position in the query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// Character offset of the problem in the query.
    pub at: usize,
    /// A sentence a person can act on.
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

impl std::error::Error for QueryError {}

/// The longest query accepted, in characters. Longer input is almost certainly pasted text
/// rather than a query, and every term costs an index lookup.
pub const MAX_QUERY_CHARS: usize = 1000;

fn error<T>(at: usize, message: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError {
        at,
        message: message.into(),
    })
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn closing_quote(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        _ => None,
    }
}

/// One lexical item of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Term {
        term: Term,
        negated: bool,
        at: usize,
    },
    Field {
        name: &'static str,
        value: String,
        at: usize,
        negated: bool,
    },
    Or {
        at: usize,
    },
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// A quoted phrase starting at the opening quote; returns its content.
    fn quoted(&mut self) -> Result<String, QueryError> {
        let start = self.pos;
        let open = self.chars[start];
        let close = closing_quote(open).unwrap_or(open);
        self.pos += 1;
        let mut out = String::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            // Accept the ASCII quote as a closer for typographic openers too: IMEs mix them.
            if c == close || (c == '"' && open != '"') {
                if out.trim().is_empty() {
                    return error(
                        start,
                        "The quoted phrase is empty: put the words to match between the quotes.",
                    );
                }
                return Ok(out);
            }
            out.push(c);
        }
        error(
            start,
            format!("The quote {open} is never closed: add a closing {close} after the phrase."),
        )
    }

    /// A regular expression starting at the opening slash; returns the pattern.
    fn regex(&mut self) -> Result<String, QueryError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                // "\/" is a literal slash inside the pattern; other escapes go to the engine.
                '\\' => match self.peek() {
                    Some('/') => {
                        self.pos += 1;
                        out.push('/');
                    }
                    Some(next) => {
                        self.pos += 1;
                        out.push('\\');
                        out.push(next);
                    }
                    None => out.push('\\'),
                },
                '/' => {
                    if out.is_empty() {
                        return error(start, "The regular expression // is empty: write a pattern between the slashes.");
                    }
                    return Ok(out);
                }
                _ => out.push(c),
            }
        }
        error(start, "The regular expression is never closed: end it with a / (write \\/ for a slash inside it).")
    }

    /// A bare word up to the next space.
    fn word(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek().filter(|c| !is_space(*c)) {
            out.push(c);
            self.pos += 1;
        }
        out
    }

    fn tokens(mut self) -> Result<Vec<Token>, QueryError> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.pos += 1;
                continue;
            }
            let at = self.pos;
            let negated = c == '-' || c == '－';
            if negated {
                self.pos += 1;
                match self.peek() {
                    None => {
                        return error(
                            at,
                            "A - must be followed by the term to exclude, as in -淘宝.",
                        )
                    }
                    Some(n) if is_space(n) => {
                        return error(
                            at,
                            "A - must be followed by the term to exclude, as in -淘宝.",
                        )
                    }
                    _ => {}
                }
            }
            let c = self.peek().unwrap_or(' ');
            if closing_quote(c).is_some() {
                let phrase = self.quoted()?;
                out.push(Token::Term {
                    term: Term::Text(phrase),
                    negated,
                    at,
                });
                continue;
            }
            if c == '/' {
                let pattern = self.regex()?;
                out.push(Token::Term {
                    term: Term::Regex(pattern),
                    negated,
                    at,
                });
                continue;
            }
            let word_start = self.pos;
            let word = self.word();
            if word == "OR" && !negated {
                out.push(Token::Or { at });
                continue;
            }
            if let Some((name, rest)) = split_field(&word) {
                let value = if rest.is_empty() {
                    return error(at, format!("{name}: needs a value, as in {name}:快手."));
                } else if rest.starts_with(|c| closing_quote(c).is_some()) {
                    // title:"直播 电商": re-read from the quote, spaces included.
                    self.pos = word_start + word.chars().count() - rest.chars().count();
                    self.quoted()?
                } else {
                    rest.to_owned()
                };
                out.push(Token::Field {
                    name,
                    value,
                    at,
                    negated,
                });
                continue;
            }
            out.push(Token::Term {
                term: Term::Text(word),
                negated,
                at,
            });
        }
        Ok(out)
    }
}

/// Canonical field name of a `name:value` word, and the value; `None` for other words.
fn split_field(word: &str) -> Option<(&'static str, &str)> {
    let (name, value) = word.split_once(':').or_else(|| word.split_once('：'))?;
    let canonical = match name.to_lowercase().as_str() {
        "title" | "标题" | "標題" => "title",
        "source" | "site" | "来源" | "來源" => "source",
        "script" | "文字" => "script",
        "date" | "日期" => "date",
        "entity" | "实体" | "實體" => "entity",
        _ => return None,
    };
    Some((canonical, value))
}

fn script_filter(value: &str, at: usize) -> Result<ScriptFilter, QueryError> {
    match value.to_lowercase().as_str() {
        "trad" | "traditional" | "繁" | "繁体" | "繁體" => Ok(ScriptFilter::Traditional),
        "simp" | "simplified" | "简" | "简体" | "簡體" => Ok(ScriptFilter::Simplified),
        "mixed" | "混" | "混合" => Ok(ScriptFilter::Mixed),
        _ => error(
            at,
            format!(
                "script:{value} is not a script: use script:trad, script:simp or script:mixed."
            ),
        ),
    }
}

/// Parses `2020`, `2020-05`, `2020-05-17` (also with / or .).
fn date_parts(text: &str) -> Option<PartialDate> {
    let mut parts = text.split(['-', '/', '.']);
    let year: u16 = parts
        .next()?
        .parse()
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    let month = match parts.next() {
        Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(PartialDate::new(Some(year), month, day))
}

fn date_filter(value: &str, at: usize) -> Result<Filter, QueryError> {
    let bad = || {
        error(
            at,
            format!("date:{value} is not a date or range: use date:2020, date:2020-05, date:2020-05-17 or date:2020-05..2021-03."),
        )
    };
    let (from, to) = match value.split_once("..") {
        Some((a, b)) => (a, b),
        None => (value, value),
    };
    let parse = |s: &str| {
        if s.is_empty() {
            Ok(None)
        } else {
            date_parts(s).map(Some).ok_or(())
        }
    };
    match (parse(from), parse(to)) {
        (Ok(None), Ok(None)) => bad(),
        (Ok(from), Ok(to)) => {
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    return error(
                        at,
                        format!("date:{value} ends before it starts: put the earlier date first."),
                    );
                }
            }
            Ok(Filter::Date { from, to })
        }
        _ => bad(),
    }
}

/// Parses a query. An empty or blank query gives an empty [`Query`].
pub fn parse(query: &str) -> Result<Query, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return error(
            MAX_QUERY_CHARS,
            format!("The query is {} characters long; at most {MAX_QUERY_CHARS} are searched. Shorten it.", chars.len()),
        );
    }
    let tokens = Lexer { chars, pos: 0 }.tokens()?;
    let mut q = Query::default();
    let mut pending_or: Option<usize> = None;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Or { at } => {
                let after_term =
                    i > 0 && matches!(tokens[i - 1], Token::Term { negated: false, .. });
                if !after_term || pending_or.is_some() {
                    return error(*at, "OR needs a term on each side, as in 抖音 OR 快手.");
                }
                pending_or = Some(*at);
            }
            Token::Term {
                term,
                negated: true,
                at,
            } => {
                if let Some(or) = pending_or {
                    return error(
                        or.min(*at),
                        "OR cannot join an excluded term: write -a -b to exclude both.",
                    );
                }
                q.not.push(term.clone());
            }
            Token::Term {
                term,
                negated: false,
                ..
            } => {
                if pending_or.take().is_some() {
                    if let Some(last) = q.must.last_mut() {
                        last.push(term.clone());
                        continue;
                    }
                }
                q.must.push(vec![term.clone()]);
            }
            Token::Field {
                name,
                value,
                at,
                negated,
            } => {
                if let Some(or) = pending_or {
                    return error(or, "OR cannot join a field filter such as title: or date:.");
                }
                if *negated {
                    return error(
                        *at,
                        format!("-{name}: is not supported: filters can only narrow, not exclude."),
                    );
                }
                let filter = match *name {
                    "title" => Filter::Title(value.clone()),
                    "source" => Filter::Source(value.clone()),
                    "script" => Filter::Script(script_filter(value, *at)?),
                    "entity" => Filter::Entity(value.clone()),
                    _ => date_filter(value, *at)?,
                };
                q.filters.push(filter);
            }
        }
    }
    if let Some(at) = pending_or {
        return error(at, "OR needs a term on each side, as in 抖音 OR 快手.");
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Term {
        Term::Text(s.into())
    }

    #[test]
    fn spaces_separate_terms_that_must_all_match() {
        assert_eq!(
            parse("京东  快手").unwrap().must,
            [vec![text("京东")], vec![text("快手")]]
        );
        assert!(parse(" \u{3000} ").unwrap().is_empty());
    }

    #[test]
    fn quotes_make_one_exact_phrase_with_spaces_and_punctuation() {
        assert_eq!(
            parse("\"JD. COM\" 快手").unwrap().must[0],
            [text("JD. COM")]
        );
        assert_eq!(parse("“直播 电商”").unwrap().must[0], [text("直播 电商")]);
    }

    #[test]
    fn or_binds_tighter_than_and() {
        let q = parse("抖音 OR 颤音 电商").unwrap();
        assert_eq!(
            q.must,
            [vec![text("抖音"), text("颤音")], vec![text("电商")]]
        );
        assert_eq!(
            parse("a OR b OR c").unwrap().must,
            [vec![text("a"), text("b"), text("c")]]
        );
    }

    #[test]
    fn minus_excludes() {
        let q = parse("快手 -淘宝 -\"天猫 商家\"").unwrap();
        assert_eq!(q.not, [text("淘宝"), text("天猫 商家")]);
    }

    #[test]
    fn slashes_make_a_regex_with_escaped_slashes_inside() {
        assert_eq!(
            parse("/京东.{0,3}快手/").unwrap().must[0],
            [Term::Regex("京东.{0,3}快手".into())]
        );
        assert_eq!(
            parse(r"/a\/b\d/").unwrap().must[0],
            [Term::Regex(r"a/b\d".into())]
        );
    }

    #[test]
    fn reads_every_filter_with_chinese_aliases() {
        let q =
            parse("title:快手 来源:heliu2 script:繁 date:2020-05..2021-03 日期:2021 entity:抖音")
                .unwrap();
        assert_eq!(
            q.filters,
            [
                Filter::Title("快手".into()),
                Filter::Source("heliu2".into()),
                Filter::Script(ScriptFilter::Traditional),
                Filter::Date {
                    from: Some(PartialDate::new(Some(2020), Some(5), None)),
                    to: Some(PartialDate::new(Some(2021), Some(3), None))
                },
                Filter::Date {
                    from: Some(PartialDate::new(Some(2021), None, None)),
                    to: Some(PartialDate::new(Some(2021), None, None))
                },
                Filter::Entity("抖音".into()),
            ]
        );
        assert_eq!(
            parse("title:\"直播 电商\"").unwrap().filters,
            [Filter::Title("直播 电商".into())]
        );
        assert_eq!(
            parse("date:..2020").unwrap().filters,
            [Filter::Date {
                from: None,
                to: Some(PartialDate::new(Some(2020), None, None))
            }]
        );
    }

    #[test]
    fn unknown_field_names_are_plain_terms() {
        assert_eq!(parse("12:30").unwrap().must[0], [text("12:30")]);
        assert_eq!(parse("http://a.cn").unwrap().must[0], [text("http://a.cn")]);
    }

    #[test]
    fn malformed_queries_say_what_and_where() {
        let cases = [
            ("\"京东", 0, "never closed"),
            ("快手 /京东", 3, "never closed"),
            ("OR 快手", 0, "OR needs a term"),
            ("快手 OR", 3, "OR needs a term"),
            ("快手 OR OR 京东", 6, "OR needs a term"),
            ("快手 -", 3, "must be followed"),
            ("script:latin", 0, "not a script"),
            ("date:2020-13", 0, "not a date"),
            ("date:2021..2020", 0, "ends before"),
            ("title:", 0, "needs a value"),
            ("\"\"", 0, "empty"),
            ("//", 0, "empty"),
        ];
        for (query, at, words) in cases {
            let e = parse(query).unwrap_err();
            assert_eq!(e.at, at, "{query}: {e}");
            assert!(e.message.contains(words), "{query}: {e}");
        }
    }

    #[test]
    fn refuses_overlong_queries() {
        assert!(parse(&"字".repeat(MAX_QUERY_CHARS + 1))
            .unwrap_err()
            .message
            .contains("Shorten"));
    }
}
