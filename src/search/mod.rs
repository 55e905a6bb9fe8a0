//! Query → results: documents that contain the query, with counts and snippets cut from the
//! original text.
//!
//! A query is folded by the same analyser as the documents ([`crate::fold::fold_query`]) and
//! looked up in the [`Index`](crate::index::Index). Every match is then mapped back through the
//! document's [`OffsetMap`](crate::fold::OffsetMap), so what the reader sees is always the
//! original script: a search for 京东 shows 京東 where the article writes 京東.

pub mod snippet;

use serde::{Deserialize, Serialize};

pub use snippet::{Piece, Snippet};

/// How a search is run. Every field has a default, so `{}` (or nothing) is a valid value.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SearchOptions {
    /// How many documents to return, after skipping `offset`.
    pub limit: usize,
    /// How many of the ranked documents to skip (for paging).
    pub offset: usize,
    /// How many snippets to cut per document.
    pub snippets: usize,
    /// Characters of context on each side of a match in a snippet.
    pub context: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        // Three snippets of ±30 characters show a match in its sentence without flooding a
        // result list; Pagefind's default excerpt is of the same order (30 words).
        SearchOptions {
            limit: 50,
            offset: 0,
            snippets: 3,
            context: 30,
        }
    }
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// The query after folding: what was actually looked up.
    pub folded: String,
    /// Number of documents that match (before paging).
    pub total: usize,
    /// Number of occurrences in all matching documents.
    pub occurrences: usize,
    /// The requested page of matching documents, most occurrences first.
    pub hits: Vec<Hit>,
}

/// One matching document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// The document id, as in `documents()`.
    pub id: u32,
    /// The document's name.
    pub name: String,
    /// The document's title.
    pub title: String,
    /// Occurrences of the query in this document, overlapping ones included.
    pub count: usize,
    /// The first few matches in their context, in the original script.
    pub snippets: Vec<Snippet>,
}
