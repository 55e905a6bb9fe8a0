//! Labels: the words that announce a field of metadata in a line (`作者：张三`, `来源 新浪`,
//! `文/张三`), read from `data/meta-labels.txt`.

use std::ops::Range;
use std::sync::OnceLock;

/// The label table (see its header for the format), embedded at compile time.
pub(super) const DATA: &str = include_str!("../../data/meta-labels.txt");

/// What a marker announces about the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
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
pub(super) enum Sep {
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
pub(super) struct Marker {
    pub(super) words: &'static str,
    pub(super) field: Field,
    pub(super) sep: Sep,
}

use Field::Author;
use Sep::{Byline, Colon, ColonOrSpace, Prefix, Slash};

/// Every label [`super::extract`] knows, in the order of `data/meta-labels.txt`, read once.
pub(super) fn markers() -> &'static [Marker] {
    static MARKERS: OnceLock<Vec<Marker>> = OnceLock::new();
    MARKERS.get_or_init(|| DATA.lines().filter_map(marker).collect())
}

/// One line of the label table: field, separator and spellings, tab-separated. `None` for
/// comments, blank lines and lines that do not parse (a mistake in our own data file, which the
/// unit tests catch; skipping it keeps users safe from it).
pub(super) fn marker(line: &'static str) -> Option<Marker> {
    if line.trim().is_empty() || line.starts_with('#') {
        return None;
    }
    let mut parts = line.splitn(3, '\t');
    let field = match parts.next()? {
        "title" => Field::Title,
        "date" => Field::Date,
        "url" => Field::Url,
        "source" => Field::Source,
        "author" => Field::Author,
        "editor" => Field::Editor,
        "credit" => Field::Credit,
        _ => return None,
    };
    let sep = match parts.next()? {
        "colon" => Colon,
        "colon-or-space" => ColonOrSpace,
        "byline" => Byline,
        "slash" => Slash,
        "prefix" => Prefix,
        _ => return None,
    };
    let words = parts.next()?.trim();
    (!words.is_empty()).then_some(Marker { words, field, sep })
}

/// A label found in a line: where its marker starts and where its value lies (byte offsets
/// into the line; the value trimmed, ending at the next label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Label {
    pub(super) field: Field,
    pub(super) start: usize,
    pub(super) value: Range<usize>,
}

/// Bars that separate byline fields: `来源：新浪 | 作者：张三`.
pub(super) fn is_bar(c: char) -> bool {
    matches!(c, '|' | '｜' | '丨')
}

pub(super) fn is_slash(c: char) -> bool {
    matches!(c, '/' | '／') || is_bar(c)
}

pub(super) fn is_colon(c: char) -> bool {
    matches!(c, ':' | '：')
}

pub(super) fn is_opening(c: char) -> bool {
    matches!(c, '【' | '[' | '（' | '(' | '〔' | '「' | '『')
}

pub(super) fn is_closing(c: char) -> bool {
    matches!(c, '】' | ']' | '）' | ')' | '〕' | '」' | '』')
}

/// Byte length of the opening brackets a line starts with.
pub(super) fn leading_brackets(line: &str) -> usize {
    line.len() - line.trim_start_matches(is_opening).len()
}

/// Whether a field may start at byte `i` of `line`: at the line start, or after white space, a
/// bar or a bracket.
pub(super) fn is_field_start(line: &str, i: usize) -> bool {
    match line.get(..i).and_then(|before| before.chars().next_back()) {
        None => i == 0,
        Some(c) => c.is_whitespace() || is_bar(c) || is_opening(c) || is_closing(c),
    }
}

/// One way of writing a marker, with the marker it spells.
pub(super) type Spelling = (&'static [u8], &'static Marker);

/// Every spelling of every marker, grouped by its first byte (ASCII lower-cased, since
/// markers match case-insensitively), so `marker_at` tries only the few that can start at a
/// position instead of all of them.
pub(super) fn spellings_by_first_byte() -> &'static [Vec<Spelling>] {
    static TABLE: OnceLock<Vec<Vec<Spelling>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); 256];
        for marker in markers() {
            for word in marker.words.split(' ').filter(|w| !w.is_empty()) {
                let first = word.as_bytes()[0].to_ascii_lowercase();
                table[first as usize].push((word.as_bytes(), marker));
            }
        }
        table
    })
}

/// The spellings of author bylines (`Author` markers with a `Byline` separator) by first
/// byte: `run_in_author` is tried at every position of a line's head, and filtering the whole
/// first-byte group there took a tenth of the metadata pass over a corpus of short lines.
fn author_bylines_by_first_byte() -> &'static [Vec<Spelling>] {
    static TABLE: OnceLock<Vec<Vec<Spelling>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        spellings_by_first_byte()
            .iter()
            .map(|group| {
                group
                    .iter()
                    .filter(|(_, m)| m.field == Field::Author && m.sep == Byline)
                    .copied()
                    .collect()
            })
            .collect()
    })
}

/// The marker starting at byte `i` of `line`, and where its value starts.
pub(super) fn marker_at(line: &str, i: usize) -> Option<(Field, usize)> {
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
pub(super) fn value_start(line: &str, i: usize, sep: Sep) -> Option<usize> {
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

/// A byline line whose first field is the reporter's publication run into the label
/// (`澎湃新闻记者 段彦超 廖艳`, `扬子晚报记者 张楠`, `新京报记者 王某 报道`) is at most this many
/// characters long; longer lines are prose, where "…的记者 …" is not a byline.
pub(super) const ORG_BYLINE_MAX_CHARS: usize = 40;

/// The publication name before such a label is at most this many letters (`中国青年报`,
/// `21世纪经济报道`).
pub(super) const ORG_NAME_MAX_CHARS: usize = 12;

/// A dateline byline in brackets (`新华社巴黎12月9日电（记者唐霁）`) opens within this many
/// characters of the paragraph's start; further on, a bracket is part of the story.
pub(super) const DATELINE_MAX_CHARS: usize = 40;

/// Whether an author label at byte `i` may follow a publication's name run into it
/// (`扬子晚报记者 张楠`): the line is short, and everything before the label, after any opening
/// brackets, is the letters of one name.
fn after_publication_name(line: &str, i: usize) -> bool {
    let from = leading_brackets(line);
    let Some(org) = line.get(from..i) else {
        return false;
    };
    let n = org.chars().count();
    (1..=ORG_NAME_MAX_CHARS).contains(&n)
        && org.chars().all(|c| c.is_alphanumeric())
        && !org.is_ascii()
        && line.chars().count() <= ORG_BYLINE_MAX_CHARS
        && !line.contains(['。', '，', '！', '？', '；', ',', ';'])
}

/// The value start of a bracketed byline written without a separator (`（记者唐霁）`,
/// `（记者 张三 李四）`): the author label `marker_end` ends right after an opening bracket near
/// the paragraph start, and a short name closes the bracket.
fn bracketed_byline(line: &str, label_start: usize, marker_end: usize) -> Option<usize> {
    let before = line.get(..label_start)?;
    if !before.chars().next_back().is_some_and(is_opening)
        || before.chars().count() > DATELINE_MAX_CHARS
    {
        return None;
    }
    let rest = line.get(marker_end..)?;
    let close = rest.find(is_closing)?;
    let inside = rest[..close].trim();
    let n = inside.chars().count();
    ((1..=super::title::NAME_MAX_CHARS).contains(&n)
        && inside
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '、'))
    .then(|| marker_end + (rest.len() - rest.trim_start().len()))
}

/// An author label at byte `i` that is not at a field start but still a byline: opening a
/// bracketed dateline byline, or after a publication's name on a short line (the label then
/// starts with the line, the name being part of it). Gives the label's start and value start.
fn run_in_author(line: &str, i: usize) -> Option<(usize, usize)> {
    // Both forms open within DATELINE_MAX_CHARS (= ORG_BYLINE_MAX_CHARS) characters, at most
    // four bytes each: a cheap bound that spares the scan of long lines.
    if i > DATELINE_MAX_CHARS.max(ORG_BYLINE_MAX_CHARS) * 4 {
        return None;
    }
    let rest = line.as_bytes().get(i..)?;
    let spellings = &author_bylines_by_first_byte()[rest.first()?.to_ascii_lowercase() as usize];
    spellings
        .iter()
        .filter(|(word, _)| rest.get(..word.len()).is_some_and(|h| h == *word))
        .max_by_key(|(word, _)| word.len())
        .and_then(|&(word, m)| {
            let end = i + word.len();
            bracketed_byline(line, i, end)
                .map(|value| (i, value))
                .or_else(|| {
                    // Set off by white space only: `怒斥记者：…` is a headline's quote.
                    let spaced = line[end..].starts_with(char::is_whitespace);
                    (spaced && after_publication_name(line, i))
                        .then(|| value_start(line, end, m.sep))
                        .flatten()
                        .map(|value| (leading_brackets(line), value))
                })
        })
}

/// A line of byline fields (date, source, author) is at most this many characters; in it a
/// label written with a colon counts even run into the text before it.
pub(super) const BYLINE_MAX_CHARS: usize = 80;

/// A label written with a colon (`作者：李在山`) run into what comes before, as the `<span>`s
/// of a byline are (`2019-09-26 12:11来源：证券时报网作者：李在山`): after an earlier label's
/// value, or anywhere in a short line.
fn colon_label_after_label(line: &str, i: usize) -> Option<(Field, usize, usize)> {
    let (field, value) = marker_at(line, i)?;
    let between = line.get(i..value)?;
    between.contains(is_colon).then_some((field, i, value))
}

/// All labels of a line, in order.
pub(super) fn labels(line: &str) -> Vec<Label> {
    let mut found: Vec<(Field, usize, usize)> = Vec::new();
    // Counted once: per position it made a long line quadratic (a 2-million-character line).
    let short = line.len() <= BYLINE_MAX_CHARS || line.chars().count() <= BYLINE_MAX_CHARS;
    let mut i = 0;
    while i < line.len() {
        let run_in = || run_in_author(line, i).map(|(start, value)| (Author, start, value));
        let here = if is_field_start(line, i) {
            marker_at(line, i)
                .map(|(field, value)| (field, i, value))
                .or_else(run_in)
        } else if found.is_empty() {
            run_in().or_else(|| {
                // After a time (`12:11来源：`), not after a word (`数据的来源：`).
                let after_word = line[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
                (short && !after_word)
                    .then(|| colon_label_after_label(line, i))
                    .flatten()
            })
        } else {
            colon_label_after_label(line, i)
        };
        if let Some((field, start, value)) = here {
            found.push((field, start, value));
            i = value.max(i + 1);
            while !line.is_char_boundary(i) {
                i += 1;
            }
            continue;
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
