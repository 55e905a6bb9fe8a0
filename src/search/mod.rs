//! Query → results: documents that contain the query, with counts and snippets cut from the
//! original text.
//!
//! A query is folded by the same analyser as the documents ([`crate::fold::fold_query`]) and
//! looked up in the [`Index`](crate::index::Index). Every match is then mapped back through the
//! document's [`OffsetMap`](crate::fold::OffsetMap), so what the reader sees is always the
//! original script: a search for 京东 shows 京東 where the article writes 京東.
//!
//! [`Searcher`] is the entry point: it reads a [`Store`](crate::store::Store) and never adds to
//! it.

pub mod engine;
pub mod rank;
pub mod reader;
pub mod searcher;
pub mod snippet;

pub use engine::{
    compile_regex, FacetValue, Facets, FieldFacet, Hit, Matches, SearchOptions, SearchResults, Sort, StoryCopy,
    VariantHit,
};
pub use reader::{ReaderParagraph, ReaderPiece};
pub use searcher::Searcher;
pub use snippet::{Piece, Snippet};
