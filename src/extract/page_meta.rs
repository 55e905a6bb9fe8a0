//! What the page's markup states about the article: the headline (`og:title`, JSON-LD
//! `headline`, `<title>` without its site-name suffix, `<h1>`), the publication date
//! (JSON-LD `datePublished`, `article:published_time` and its kin, `<time datetime>`), the
//! site (`og:site_name`, JSON-LD `publisher`), the address (`<link rel=canonical>`, `og:url`)
//! and the author (`<meta name=author>`, `article:author`, JSON-LD `author`).

#![cfg_attr(not(feature = "html"), allow(dead_code))]

#[cfg(feature = "html")]
use super::tree::HeadFacts;
use crate::date::PartialDate;

/// Metadata the markup states; each `None` when it does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// The headline, without a site-name suffix.
    pub headline: Option<String>,
    /// The publication date.
    pub date: Option<PartialDate>,
    /// The site's name as the markup states it (`og:site_name`, JSON-LD `publisher`).
    pub site: Option<String>,
    /// The site's name as the `<title>` gives it beside the headline (`…_澎湃新闻`): weaker
    /// than a stated site or a `来源：` line of the text.
    pub title_site: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// The author's name.
    pub author: Option<String>,
}

#[cfg(feature = "html")]
fn meta<'a>(head: &'a HeadFacts, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        head.metas
            .iter()
            .find(|(n, v)| n == k && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    })
}

/// The string values of `key` in JSON text, in order, with JSON escapes decoded. A scan, not
/// a parser: JSON-LD blocks are often invalid JSON (trailing commas, raw line breaks), and
/// only a few string fields are wanted.
pub(super) fn json_strings(json: &str, key: &str) -> Vec<String> {
    let needle = format!("\"{key}\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = json[from..].find(&needle) {
        let mut rest = json[from + at + needle.len()..].trim_start();
        from += at + needle.len();
        let Some(r) = rest.strip_prefix(':') else {
            continue;
        };
        rest = r.trim_start();
        // `"author": {"name": "…"}` or `[{"name": …}]`: the caller asks for "name" inside.
        let Some(r) = rest.strip_prefix('"') else {
            continue;
        };
        let mut value = String::new();
        let mut chars = r.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some('r') => {}
                    Some('u') => {
                        let hex: String = chars.by_ref().take(4).collect();
                        if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        {
                            value.push(c);
                        }
                    }
                    Some(other) => value.push(other),
                    None => break,
                },
                c => value.push(c),
            }
        }
        out.push(value);
    }
    out
}

/// The object text after `"key":` (up to its matching brace or bracket), for nested fields.
fn json_object<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let needle = format!("\"{key}\"");
    let at = json.find(&needle)? + needle.len();
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    let open = rest.chars().next()?;
    if open != '{' && open != '[' {
        return None;
    }
    let mut depth = 0i32;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if in_str {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&rest[..=i]);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(feature = "html")]
/// The JSON-LD block describing an article, if any.
fn article_json(head: &HeadFacts) -> Option<&str> {
    head.json_ld.iter().map(String::as_str).find(|j| {
        [
            "NewsArticle",
            "\"Article\"",
            "BlogPosting",
            "ReportageNewsArticle",
        ]
        .iter()
        .any(|t| j.contains(t))
    })
}

/// A date as written in markup or a date line: `2021-03-05T10:20:00+08:00`, `2021/3/5`,
/// `2021年3月5日`, `20210305`. The year must be 1990–2100.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let digits_of = |s: &str| -> Vec<u32> {
        let mut out = Vec::new();
        let mut n: Option<u32> = None;
        let mut len = 0;
        for c in s.chars() {
            if let Some(d) = c.to_digit(10) {
                n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d));
                len += 1;
            } else if let Some(v) = n.take() {
                out.push(v);
                if len == 8 && out.len() == 1 {
                    // 20210305
                    let v = out.pop().unwrap_or(0);
                    out.extend([v / 10000, v / 100 % 100, v % 100]);
                }
                len = 0;
                if out.len() >= 3 {
                    break;
                }
            }
        }
        if let Some(v) = n {
            if len == 8 && out.is_empty() {
                out.extend([v / 10000, v / 100 % 100, v % 100]);
            } else {
                out.push(v);
            }
        }
        out
    };
    let parts = digits_of(s.trim());
    let year = *parts.first()?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let month = parts.get(1).copied().filter(|m| (1..=12).contains(m));
    let day = month
        .and(parts.get(2).copied())
        .filter(|d| (1..=31).contains(d));
    let date = PartialDate::new(
        Some(year as u16),
        month.map(|m| m as u8),
        day.map(|d| d as u8),
    );
    date.is_valid().then_some(date)
}

/// Separators between a headline and the site name in `<title>`.
const SEPARATORS: [&str; 9] = [" - ", " – ", " — ", " | ", "|", "_", "－", "——", " :: "];

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The headline of a `<title>`: the title cut at its separators, the part that is not the
/// site's name and is the longest (`习近平…_网易新闻` → `习近平…`). An `<h1>` of the page that
/// the title starts with, or holds, wins: it is the headline as the page shows it.
pub(super) fn headline_of_title(title: &str, site: Option<&str>, h1s: &[&str]) -> Option<String> {
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    let t = squash(title);
    for h in h1s {
        let h2 = squash(h);
        if h2.chars().count() >= 4 && (t.starts_with(&h2) || t.contains(&h2)) {
            return Some(h.trim().to_owned());
        }
    }
    let mut parts: Vec<&str> = vec![title];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() <= 1 {
        return Some(title.to_owned());
    }
    let site = site.map(squash);
    let is_site = |p: &str| {
        let p = squash(p);
        site.as_ref()
            .is_some_and(|s| !s.is_empty() && (s.contains(&p) || p.contains(s.as_str())))
    };
    // The first part (titles put the headline first) unless it is the site name or much
    // shorter than another part (`网易新闻 | 习近平…`).
    let candidates: Vec<&str> = parts.iter().copied().filter(|p| !is_site(p)).collect();
    let longest = candidates
        .iter()
        .copied()
        .max_by_key(|p| p.chars().count())?;
    let first = candidates[0];
    if first.chars().count() * 2 >= longest.chars().count() {
        Some(first.to_owned())
    } else {
        Some(longest.to_owned())
    }
}

#[cfg(feature = "html")]
/// The last part of a `<title>` cut at its separators that is not the headline
/// (`共享充电宝涨价…_10%公司_澎湃新闻-The Paper` → `澎湃新闻`): the site, by the convention that
/// titles end with it. `None` when the title is only the headline.
fn site_in_title(title: &str, headline: &str) -> Option<String> {
    let mut parts: Vec<&str> = vec![title];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let h = squash(headline);
    parts
        .iter()
        .rev()
        .map(|p| p.trim())
        .find(|p| {
            let q = squash(p);
            !q.is_empty() && !h.contains(&q) && !q.contains(&h) && !q.is_ascii()
        })
        .map(str::to_owned)
}

/// Whether an author stated in the markup can be a byline: templates fill the field with the
/// site's name (the name in the `<title>` beside the headline) or an e-mail placeholder. The
/// table of words that are no person (未知, 网络整理, organisation endings) is applied after,
/// by [`crate::meta::extract_with`], which comes later in the pipeline.
fn is_person_name(a: &str, site: Option<&str>, title: &str, headline: Option<&str>) -> bool {
    let a = a.trim();
    if a.contains('.') || a.is_empty() || site == Some(a) {
        return false;
    }
    let rest = match headline {
        Some(h) => title.replacen(h, "", 1),
        None => title.to_owned(),
    };
    !rest.contains(a)
}

/// The JSON-LD `author` in any of its shapes: a string, an object with a `name`, or an array
/// of either; several names joined with 、 (the way Chinese bylines list them).
fn json_author(ld: &str) -> Option<String> {
    let names: Vec<String> = match json_object(ld, "author") {
        Some(inner) if inner.starts_with('[') && !inner.contains('{') => {
            // ["张三", "李四"]: the strings of the array.
            let body = inner.trim_start_matches('[').trim_end_matches(']');
            json_strings(&format!("\"x\":{body}"), "x")
                .into_iter()
                .chain(array_strings(body))
                .collect()
        }
        Some(inner) => json_strings(inner, "name"),
        None => json_strings(ld, "author").into_iter().take(1).collect(),
    };
    let mut seen: Vec<String> = Vec::new();
    for n in names.into_iter().map(|n| n.trim().to_owned()) {
        if !n.is_empty() && !seen.contains(&n) {
            seen.push(n);
        }
    }
    (!seen.is_empty()).then(|| seen.join("、"))
}

/// The string elements of a JSON array's body after the first (`"a", "b"` → `b`): the first is
/// read by [`json_strings`] under a made-up key.
fn array_strings(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(',') {
        rest = rest[at + 1..].trim_start();
        if rest.starts_with('"') {
            out.extend(
                json_strings(&format!("\"x\":{rest}"), "x")
                    .into_iter()
                    .take(1),
            );
        }
    }
    out
}

#[cfg(feature = "html")]
/// The hints the markup gives; `h1s` are the page's `<h1>` texts in order.
pub(super) fn hints(head: &HeadFacts, h1s: &[&str]) -> Hints {
    let ld = article_json(head);
    let ld_str = |key: &str| {
        ld.and_then(|j| {
            json_strings(j, key)
                .into_iter()
                .find(|s| !s.trim().is_empty())
        })
    };
    let ld_name = |key: &str| {
        ld.and_then(|j| json_object(j, key))
            .and_then(|o| {
                json_strings(o, "name")
                    .into_iter()
                    .find(|s| !s.trim().is_empty())
            })
            .or_else(|| ld_str(key))
    };
    let site = meta(head, &["og:site_name", "application-name", "twitter:site"])
        .map(str::to_owned)
        .or_else(|| ld_name("publisher"))
        .filter(|s| !s.starts_with('@'));
    let url = head
        .canonical
        .clone()
        .or_else(|| meta(head, &["og:url"]).map(str::to_owned))
        .filter(|u| u.starts_with("http"));
    let stated = meta(head, &["og:title", "twitter:title"])
        .map(str::to_owned)
        .or_else(|| ld_str("headline"));
    let from_title = headline_of_title(&head.title, site.as_deref(), h1s);
    let headline = match stated.and_then(|t| headline_of_title(&t, site.as_deref(), h1s)) {
        // A stated headline cut short (an unescaped quote ends the attribute) is a prefix of
        // the <title>'s: the longer one is the headline.
        Some(t) => match from_title {
            Some(long) if squash(&long).starts_with(&squash(&t)) => Some(long),
            _ => Some(t),
        },
        None => from_title,
    }
    .or_else(|| h1s.first().map(|h| h.to_string()));
    let date = ld_str("datePublished")
        .and_then(|d| parse_date(&d))
        .or_else(|| {
            meta(
                head,
                &[
                    "article:published_time",
                    "og:article:published_time",
                    "og:release_date",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "publish_date",
                    "publication_date",
                    "sailthru.date",
                    "dc.date.issued",
                    "dc.date",
                    "date",
                    "weibo:article:create_at",
                    "og:time",
                    "article:published",
                    "apub:time",
                ],
            )
            .and_then(parse_date)
        })
        .or_else(|| head.time.as_deref().and_then(parse_date));
    let author = meta(
        head,
        &[
            "author",
            "article:author",
            "og:article:author",
            "dc.creator",
        ],
    )
    .filter(|a| !a.starts_with("http"))
    .map(str::to_owned)
    .or_else(|| ld.and_then(json_author))
    .filter(|a| is_person_name(a, site.as_deref(), &head.title, headline.as_deref()));
    let title_site = headline
        .as_deref()
        .and_then(|h| site_in_title(&head.title, h));
    Hints {
        title_site,
        headline: headline.filter(|h| !h.trim().is_empty()),
        date,
        site,
        url,
        author,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_site_name_suffix_from_a_title() {
        let h = headline_of_title("两会今日开幕_网易新闻", Some("网易新闻"), &[]);
        assert_eq!(h.as_deref(), Some("两会今日开幕"));
        let h = headline_of_title("两会今日开幕 - 新华网", None, &[]);
        assert_eq!(h.as_deref(), Some("两会今日开幕"));
    }

    #[test]
    fn never_takes_only_the_site_name_for_the_headline() {
        let h = headline_of_title("-新华网", Some("新华网"), &[]);
        assert_eq!(h.as_deref(), Some("-新华网"));
        let h = headline_of_title("新华网 | 两会今日在北京开幕", Some("新华网"), &[]);
        assert_eq!(h.as_deref(), Some("两会今日在北京开幕"));
    }

    #[test]
    fn prefers_the_h1_the_title_holds() {
        let h = headline_of_title(
            "两会今日开幕（图）_国内新闻_新浪网",
            None,
            &["两会今日开幕（图）"],
        );
        assert_eq!(h.as_deref(), Some("两会今日开幕（图）"));
    }

    #[test]
    fn reads_dates_in_markup_forms() {
        assert_eq!(
            parse_date("2021-03-05T10:20:00+08:00")
                .map(|d| d.iso())
                .as_deref(),
            Some("2021-03-05")
        );
        assert_eq!(
            parse_date("2021年3月5日 10:20").map(|d| d.iso()).as_deref(),
            Some("2021-03-05")
        );
        assert_eq!(
            parse_date("20210305").map(|d| d.iso()).as_deref(),
            Some("2021-03-05")
        );
        assert_eq!(parse_date("1620000000"), None);
    }

    #[test]
    fn scans_json_strings_with_escapes() {
        let j = r#"{"@type":"NewsArticle","headline":"\u4e24\u4f1a \"开幕\"","author":{"@type":"Person","name":"张三"}}"#;
        assert_eq!(json_strings(j, "headline"), ["两会 \"开幕\""]);
        assert_eq!(
            json_object(j, "author").map(|o| json_strings(o, "name")),
            Some(vec!["张三".to_owned()])
        );
    }
}
