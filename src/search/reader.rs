//! The reader's view of a document: its paragraphs in pieces, marked as matches and as
//! removed, so the page shows the article and reveals what cleaning removed in place.

use std::ops::Range;

use serde::Serialize;

use crate::clean::{Cleaned, Reason, Removed};
use crate::document::Document;

/// One paragraph of the reader's view of a document.
#[derive(Debug, Clone, Serialize)]
pub struct ReaderParagraph {
    /// Why the whole paragraph is not part of the article, if it is not.
    pub removed: Option<Reason>,
    /// The rule that removed it.
    pub note: Option<String>,
    /// The paragraph's text in pieces.
    pub pieces: Vec<ReaderPiece>,
}

/// A run of a paragraph with one kind of marking.
#[derive(Debug, Clone, Serialize)]
pub struct ReaderPiece {
    /// The original text of the run.
    pub text: String,
    /// Whether the run is (part of) a match.
    #[serde(rename = "match")]
    pub matched: bool,
    /// Why the run is not part of the article, if it is not.
    pub removed: Option<Reason>,
    /// The rule that removed it.
    pub note: Option<String>,
}

/// Cuts each paragraph at match and removed-span boundaries.
pub(crate) fn reader_view(
    doc: &Document,
    text: &str,
    cleaned: &Cleaned,
    matches: &[Range<usize>],
) -> Vec<ReaderParagraph> {
    doc.paragraphs
        .iter()
        .map(|p| {
            let spans: Vec<&Removed> = cleaned
                .removed
                .iter()
                .filter(|r| r.range.start < p.end && r.range.end > p.start)
                .collect();
            let whole = spans.iter().find(|r| r.paragraph && r.range == p);
            let mut cuts = vec![p.start, p.end];
            for r in spans.iter().map(|r| &r.range).chain(matches.iter()) {
                cuts.extend(
                    [r.start, r.end]
                        .into_iter()
                        .filter(|&b| b > p.start && b < p.end),
                );
            }
            cuts.sort_unstable();
            cuts.dedup();
            let pieces = cuts
                .windows(2)
                .map(|w| {
                    let span = spans
                        .iter()
                        .find(|r| r.range.start <= w[0] && w[1] <= r.range.end);
                    ReaderPiece {
                        text: text[w[0]..w[1]].to_owned(),
                        matched: matches.iter().any(|m| m.start <= w[0] && w[1] <= m.end),
                        removed: span.map(|r| r.reason),
                        note: span.map(|r| r.note.clone()),
                    }
                })
                .collect();
            ReaderParagraph {
                removed: whole.map(|r| r.reason),
                note: whole.map(|r| r.note.clone()),
                pieces,
            }
        })
        .collect()
}
