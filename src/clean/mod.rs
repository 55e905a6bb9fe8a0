//! Cleaning with provenance: which spans of a document are the article, and which are not.
//!
//! Nothing is deleted. Cleaning produces a list of [`Removed`] spans — byte ranges into the
//! text as decoded, each with a [`Reason`] and a note saying which rule fired — and from it a
//! cleaned text for search and statistics, with an [`OffsetMap`] back to the original so any
//! match in the cleaned text can be shown in place. The raw text stays as it was.
//!
//! The detectors, in the order they run:
//!
//! 1. [`markers`]: page furniture recognised line by line (share bars, promotion widgets,
//!    captions, footers) from `data/boilerplate.txt` plus layout rules;
//! 2. [`duplicate`]: repeated paragraphs, condensed copies of the article, near copies, and
//!    paragraphs an earlier document already holds;
//! 3. [`spam`]: phrases injected into sentences, from `data/spam-patterns.txt` and from copies
//!    of the page's title pasted into the body.
//!
//! Every detector compares *folded* text (see [`crate::fold`]), so the same rule works on
//! Traditional and Simplified, full-width and half-width alike.

pub mod duplicate;
pub mod markers;
pub mod spam;

use std::ops::Range;

use serde::Serialize;

use crate::extract::{Kind, Span};
use crate::fold::{fold, Folded, OffsetMap};
pub use duplicate::Seen;

/// Why a span is not part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// A passage that appears earlier in this document or in an earlier document, or a
    /// condensed copy of the whole article.
    Duplicate,
    /// Share buttons, navigation, related links, engagement prompts.
    Boilerplate,
    /// Advertising, account-sale and shop widgets.
    Promotion,
    /// A phrase injected into a sentence for search engines.
    Spam,
    /// An image credit or caption.
    Caption,
    /// Site disclaimer, copyright, address or restated metadata at the foot of the page.
    Footer,
    /// An HTML page's menus, breadcrumbs and lists of links ([`crate::extract`]).
    Navigation,
    /// An HTML page's comment box.
    Comments,
    /// An HTML page's related, recommended or most-read article lists.
    Related,
    /// An HTML page's masthead, and what stands before the article.
    Header,
    /// An HTML page's side columns and widgets.
    Sidebar,
}

/// The start of the note of every span removed because HTML extraction said so: how a
/// snapshot, which keeps spans and notes, knows them again ([`page_furniture`]).
pub const PAGE_NOTE: &str = "page: ";

impl From<Kind> for Reason {
    fn from(kind: Kind) -> Reason {
        match kind {
            Kind::Navigation => Reason::Navigation,
            Kind::Comments => Reason::Comments,
            Kind::Related => Reason::Related,
            Kind::Header => Reason::Header,
            Kind::Footer => Reason::Footer,
            Kind::Sidebar => Reason::Sidebar,
            Kind::Promotion => Reason::Promotion,
            Kind::Boilerplate => Reason::Boilerplate,
        }
    }
}

impl Reason {
    /// The extraction kind a page's removed span was made from.
    fn kind(self) -> Kind {
        match self {
            Reason::Navigation => Kind::Navigation,
            Reason::Comments => Kind::Comments,
            Reason::Related => Kind::Related,
            Reason::Header => Kind::Header,
            Reason::Footer => Kind::Footer,
            Reason::Sidebar => Kind::Sidebar,
            Reason::Promotion => Kind::Promotion,
            _ => Kind::Boilerplate,
        }
    }
}

/// The furniture spans of a page again, from the removed spans cleaning made of them (their
/// notes start with [`PAGE_NOTE`]): a snapshot keeps the removed spans, not the extraction.
pub fn page_furniture(removed: &[Removed]) -> Vec<Span> {
    removed
        .iter()
        .filter_map(|r| {
            let note = r.note.strip_prefix(PAGE_NOTE)?;
            Some(Span {
                range: r.range.clone(),
                kind: r.reason.kind(),
                note: note.to_owned(),
            })
        })
        .collect()
}

impl Reason {
    /// The reason named in a `[section]` of a data file.
    pub fn from_name(name: &str) -> Option<Reason> {
        Some(match name {
            "duplicate" => Reason::Duplicate,
            "boilerplate" => Reason::Boilerplate,
            "promotion" => Reason::Promotion,
            "spam" => Reason::Spam,
            "caption" => Reason::Caption,
            "footer" => Reason::Footer,
            "navigation" => Reason::Navigation,
            "comments" => Reason::Comments,
            "related" => Reason::Related,
            "header" => Reason::Header,
            "sidebar" => Reason::Sidebar,
            _ => return None,
        })
    }
}

/// A span of the original text that the cleaned view leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Byte range into the text as decoded.
    pub range: Range<usize>,
    /// Why it was removed.
    pub reason: Reason,
    /// Which rule fired, for a person checking the result ("marker “分享到”").
    pub note: String,
    /// True when the span is a whole paragraph, false for a phrase inside one.
    pub paragraph: bool,
}

/// The result of cleaning one document.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// Removed spans, sorted by start, not overlapping.
    pub removed: Vec<Removed>,
    /// The article: kept paragraphs joined by `\n`, removed phrases cut out.
    pub text: String,
    /// From offsets in [`Cleaned::text`] to offsets in the original.
    pub offsets: OffsetMap,
    /// `content[i]`: whether paragraph `i` was kept (at least in part).
    pub content: Vec<bool>,
    /// Comparison keys of the kept paragraphs, for [`Seen::insert`].
    pub keys: Vec<String>,
}

/// Cleans the document `text`, split into `paragraphs` (trimmed, non-empty byte ranges).
/// `seen` holds the paragraphs of earlier documents.
pub fn clean(text: &str, paragraphs: &[Range<usize>], seen: &Seen) -> Cleaned {
    clean_page(text, paragraphs, seen, &[])
}

/// [`clean`] for a document extracted from an HTML page: the paragraphs that extraction marked
/// as `furniture` are removed with its reason first (their note starts with [`PAGE_NOTE`]);
/// the detectors then run on what is left, the article.
pub fn clean_page(
    text: &str,
    paragraphs: &[Range<usize>],
    seen: &Seen,
    furniture: &[Span],
) -> Cleaned {
    let folded: Vec<Folded> = paragraphs.iter().map(|r| fold(&text[r.clone()])).collect();
    let folded_text: Vec<String> = folded.iter().map(|f| f.text.clone()).collect();

    let mut whole: Vec<Option<(Reason, String)>> = markers::classify_lines(&folded_text);
    if !furniture.is_empty() {
        // Both sorted by start: one pass. A paragraph inside a furniture span is furniture.
        let mut next = 0;
        for (slot, p) in whole.iter_mut().zip(paragraphs) {
            while next < furniture.len() && furniture[next].range.end <= p.start {
                next += 1;
            }
            if let Some(f) = furniture.get(next).filter(|f| f.range.start <= p.start) {
                *slot = Some((f.kind.into(), format!("{PAGE_NOTE}{}", f.note)));
            }
        }
    }
    let keys: Vec<String> = folded_text.iter().map(|f| duplicate::key(f)).collect();
    let skip: Vec<bool> = whole.iter().map(Option::is_some).collect();
    for (slot, dup) in whole.iter_mut().zip(duplicate::find(&keys, &skip, seen)) {
        if let (None, Some(note)) = (&slot, dup) {
            *slot = Some((Reason::Duplicate, note));
        }
    }
    let skip: Vec<bool> = whole.iter().map(Option::is_some).collect();

    let mut removed: Vec<Removed> = Vec::new();
    for (i, slot) in whole.iter().enumerate() {
        if let Some((reason, note)) = slot {
            removed.push(Removed {
                range: paragraphs[i].clone(),
                reason: *reason,
                note: note.clone(),
                paragraph: true,
            });
        }
    }
    for (i, r, note) in spam::find(&folded_text, &skip) {
        let base = paragraphs[i].start;
        let map = &folded[i].offsets;
        let range = base + map.to_original(r.start)..base + map.to_original_end(r.end);
        removed.push(Removed {
            range,
            reason: Reason::Spam,
            note,
            paragraph: false,
        });
    }
    removed.sort_by_key(|r| (r.range.start, std::cmp::Reverse(r.range.end)));
    let removed = merge(removed);

    let (text_out, offsets) = assemble(text, paragraphs, &removed);
    let content: Vec<bool> = skip.iter().map(|s| !s).collect();
    let keys = keys
        .into_iter()
        .zip(&content)
        .filter(|(_, c)| **c)
        .map(|(k, _)| k)
        .collect();
    Cleaned {
        removed,
        text: text_out,
        offsets,
        content,
        keys,
    }
}

/// The comparison keys [`Cleaned::keys`] holds for a document already cleaned: one per kept
/// paragraph (`content[i]`), exactly as [`clean`] computes them. A store opened from a snapshot
/// keeps no keys and rebuilds [`Seen`] from these only when a document is added to it.
pub fn content_keys(text: &str, paragraphs: &[Range<usize>], content: &[bool]) -> Vec<String> {
    paragraphs
        .iter()
        .zip(content)
        .filter(|(_, kept)| **kept)
        .filter_map(|(r, _)| text.get(r.clone()))
        .map(|p| duplicate::key(&fold(p).text))
        .collect()
}

/// Drops spans inside earlier ones and joins overlapping spans (the first one's reason wins).
fn merge(sorted: Vec<Removed>) -> Vec<Removed> {
    let mut out: Vec<Removed> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.range.start < last.range.end => {
                last.range.end = last.range.end.max(r.range.end);
            }
            _ => out.push(r),
        }
    }
    out
}

/// Pushes onto `pieces` what the removed spans leave of paragraph `p`, reading `removed` (sorted,
/// merged) from `*next`, which is left at the first span that may reach the next paragraph.
fn cut_paragraph(
    p: &Range<usize>,
    removed: &[Removed],
    next: &mut usize,
    pieces: &mut Vec<Range<usize>>,
) {
    let mut at = p.start;
    while *next < removed.len() && removed[*next].range.start < p.end {
        let r = &removed[*next].range;
        if r.end <= p.start {
            *next += 1;
            continue;
        }
        if r.start > at {
            pieces.push(at..r.start);
        }
        at = at.max(r.end);
        if r.end > p.end {
            break;
        }
        *next += 1;
    }
    if at < p.end {
        pieces.push(at..p.end);
    }
}

/// Builds the cleaned text from what the removed spans leave of each paragraph. A snapshot
/// keeps the spans, not the cleaned text, and calls this again on opening (every range must
/// slice `text`; the snapshot reader checks that first).
pub(crate) fn assemble(
    text: &str,
    paragraphs: &[Range<usize>],
    removed: &[Removed],
) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = OffsetMap::default();
    let mut next_removed = 0;
    let mut raw = paragraphs.first().map_or(0, |p| p.start);
    for p in paragraphs {
        let mut pieces: Vec<Range<usize>> = Vec::new();
        cut_paragraph(p, removed, &mut next_removed, &mut pieces);
        let pieces: Vec<Range<usize>> = pieces
            .into_iter()
            .filter(|r| !text[r.clone()].trim().is_empty())
            .collect();
        if pieces.is_empty() {
            continue;
        }
        // `raw` is the original offset that the end of `out` corresponds to, in step.
        if !out.is_empty() {
            out.push('\n');
            raw += 1;
        }
        for piece in pieces {
            // Where the original goes on in step (a paragraph after a single line break), no
            // anchor is needed; most paragraphs of most texts are such.
            if raw != piece.start || out.is_empty() && piece.start != 0 {
                offsets.push_jump(out.len(), raw, piece.start);
            }
            out.push_str(&text[piece.clone()]);
            raw = piece.end;
        }
    }
    // Reserved for the whole text, which removed spans made longer than needed; kept as long
    // as the document.
    out.shrink_to_fit();
    (out, offsets)
}

/// At least the first `stop` bytes of a cleaned article (all of it when shorter), a prefix of
/// what [`assemble`] makes of the whole raw text, assembled from `text`, only
/// the start of that raw text: a hit's snippets need the article up to their last match and
/// its context, and decoding and assembling the whole of every shown document was 40 % of a
/// page of results for a two-character word at 10 MB (callgrind). `None` when the start given
/// cannot tell (a piece reaching past it with nothing but spaces in view); the caller then
/// assembles the whole article.
pub(crate) fn article_prefix(
    text: &str,
    paragraphs: impl IntoIterator<Item = Range<usize>>,
    removed: &[Removed],
    stop: usize,
) -> Option<String> {
    article_window(text, 0, paragraphs, removed, stop).map(|(_, out)| out)
}

/// [`article_prefix`] from a paragraph on: `text` is the raw text from byte `at` on (as far
/// as it was decoded), `paragraphs` those from one starting at or after `at` on. Gives the
/// article from the first piece it keeps — the raw offset where that piece starts (`None`
/// when it keeps none), and at least `stop` bytes of the article from there (up to the
/// article's end) — which is the article's text from that piece on: the pieces and what
/// joins them depend on nothing before the paragraph. What a snippet deep in a long article
/// needs, with the cleaning map saying where that piece is in the article.
pub(crate) fn article_window(
    text: &str,
    at: usize,
    paragraphs: impl IntoIterator<Item = Range<usize>>,
    removed: &[Removed],
    stop: usize,
) -> Option<(Option<usize>, String)> {
    let end = at + text.len();
    let mut out = String::with_capacity(stop.min(text.len()) + 64);
    let mut first = None;
    let mut next_removed = 0;
    // The same pieces as `assemble` cuts: each paragraph less the removed spans in it.
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for p in paragraphs {
        if out.len() >= stop {
            break;
        }
        pieces.clear();
        cut_paragraph(&p, removed, &mut next_removed, &mut pieces);
        // Blank pieces are left out, as `assemble` does; a piece reaching past `text` is kept
        // when what is in view of it is not blank, and nothing after it is in view.
        let mut cut = false;
        let mut kept = 0;
        for i in 0..pieces.len() {
            let r = pieces[i].clone();
            let seen = text.get(r.start.checked_sub(at)?..r.end.min(end) - at)?;
            if r.end > end {
                if seen.trim().is_empty() {
                    return None;
                }
                pieces[kept] = r.start..end;
                kept += 1;
                cut = true;
                break;
            }
            if !seen.trim().is_empty() {
                pieces[kept] = r;
                kept += 1;
            }
        }
        if kept == 0 {
            continue;
        }
        if first.is_some() {
            out.push('\n');
        }
        first = first.or(Some(pieces[0].start));
        for piece in &pieces[..kept] {
            out.push_str(&text[piece.start - at..piece.end - at]);
        }
        if cut {
            return (out.len() >= stop).then_some((first, out));
        }
    }
    Some((first, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn paragraphs(text: &str) -> Vec<Range<usize>> {
        crate::document::Document::parse("t", crate::decode::decode("t", text.as_bytes()).unwrap())
            .paragraphs
            .to_vec()
    }

    proptest! {
        /// Every character of the cleaned text maps back to the same character of the
        /// original (line breaks between paragraphs map to a line break or a cut).
        #[test]
        fn cleaned_offsets_point_at_the_same_characters_in_the_original(
            lines in prop::collection::vec("[京東快手电商 分享到相关文章。，]{1,12}", 1..12),
            breaks in prop::collection::vec(prop::sample::select(vec!["\n", "\r\n", "\n\n", "\n  \n"]), 12),
        ) {
            let text: String = lines.iter().zip(&breaks).map(|(l, b)| format!("{l}{b}")).collect();
            prop_assume!(!text.trim().is_empty());
            let paras = paragraphs(&text);
            let cleaned = clean(&text, &paras, &Seen::default());
            for (i, c) in cleaned.text.char_indices() {
                let o = cleaned.offsets.to_original(i);
                let original = text[o..].chars().next();
                if c == '\n' {
                    prop_assert!(original.is_some_and(|o| o == '\r' || o == '\n' || o == ' ') || removed_at(&cleaned, o));
                } else {
                    prop_assert_eq!(original, Some(c), "cleaned byte {} maps to original byte {}", i, o);
                }
            }
        }
    }

    #[test]
    fn content_keys_are_the_keys_cleaning_keeps() {
        let text = "标题\n分享到微信\n京东与快手宣布达成战略合作，这是第一段。\n京东与快手宣布达成战略合作，这是第一段。";
        let paras = paragraphs(text);
        let cleaned = clean(text, &paras, &Seen::default());
        assert!(cleaned.content.contains(&false));
        assert_eq!(content_keys(text, &paras, &cleaned.content), cleaned.keys);
    }

    fn removed_at(cleaned: &Cleaned, at: usize) -> bool {
        cleaned
            .removed
            .iter()
            .any(|r| r.range.start <= at && at < r.range.end)
    }

    /// The character boundaries of `text`, and removed spans on them, sorted and not
    /// overlapping, from proptest's `(start, length in characters, whole paragraph)`.
    fn removed_spans(text: &str, spans: Vec<(usize, usize, bool)>) -> (Vec<usize>, Vec<Removed>) {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut removed: Vec<Removed> = Vec::new();
        let mut from = 0;
        for (start, len, paragraph) in spans {
            let s = bounds[(start % bounds.len()).max(from).min(bounds.len() - 1)];
            let e = bounds[(bounds.iter().position(|&b| b == s).unwrap() + len).min(bounds.len() - 1)];
            if e > s {
                removed.push(Removed { range: s..e, reason: Reason::Duplicate, note: String::new(), paragraph });
                from = bounds.iter().position(|&b| b == e).unwrap();
            }
        }
        (bounds, removed)
    }

    proptest! {
        /// The start of an article assembled from the start of its raw text is the start of
        /// the article assembled from the whole, at least `stop` bytes long (or all of it).
        #[test]
        fn an_article_prefix_is_the_start_of_the_whole_article(
            text in "[京东 a\n\r，]{0,60}",
            spans in prop::collection::vec((0usize..80, 0usize..6, any::<bool>()), 0..5),
            cut in 0usize..90,
            stop in 0usize..90,
        ) {
            let paragraphs = crate::document::paragraphs(&text);
            let (bounds, removed) = removed_spans(&text, spans);
            let whole = assemble(&text, &paragraphs, &removed).0;
            let cut = bounds[cut % bounds.len()];
            if let Some(prefix) = article_prefix(&text[..cut], paragraphs.iter().cloned(), &removed, stop) {
                prop_assert!(whole.starts_with(&prefix), "{:?} of {:?}", prefix, whole);
                prop_assert!(prefix.len() >= stop.min(whole.len()));
            }
            let all = article_prefix(&text, paragraphs.iter().cloned(), &removed, stop);
            prop_assert!(all.as_deref().is_some_and(|p| whole.starts_with(p) && p.len() >= stop.min(whole.len())));
        }

        /// An article assembled from any paragraph on, out of the raw text from that
        /// paragraph's start (to its end, or cut anywhere after), is the whole article's text
        /// from where the cleaning map puts its first piece, at least `stop` bytes long (or to
        /// the article's end).
        #[test]
        fn an_article_window_is_the_whole_article_from_where_the_map_puts_it(
            lines in prop::collection::vec("[京東快手电商 分享到相关文章。，a]{0,12}", 1..12),
            breaks in prop::collection::vec(prop::sample::select(vec!["\n", "\r\n", "\n\n", "\n  \n", "\r"]), 12),
            spans in prop::collection::vec((0usize..200, 0usize..9, any::<bool>()), 0..5),
            cut in 0usize..200,
            stop in 0usize..120,
        ) {
            let text: String = lines.iter().zip(&breaks).map(|(l, b)| format!("{l}{b}")).collect();
            let paragraphs = crate::document::paragraphs(&text);
            let (bounds, removed) = removed_spans(&text, spans);
            let (whole, map) = assemble(&text, &paragraphs, &removed);
            for (k, p) in paragraphs.iter().enumerate() {
                let end = bounds.iter().copied().find(|&b| b >= p.start + cut).unwrap_or(text.len());
                let window = article_window(&text[p.start..end], p.start, paragraphs[k..].iter().cloned(), &removed, stop);
                if let Some((Some(first), got)) = window {
                    let at = map.to_folded(first);
                    prop_assert!(whole.get(at..).is_some_and(|w| w.starts_with(&got)), "{:?} at {} of {:?}", got, at, whole);
                    prop_assert!(got.len() >= stop.min(whole.len() - at));
                }
                // With the rest of the text in view it always tells.
                let all = article_window(&text[p.start..], p.start, paragraphs[k..].iter().cloned(), &removed, stop);
                prop_assert!(all.is_some());
            }
        }
    }
}
