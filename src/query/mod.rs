//! Queries: the language people type ([`parse`]) and the name variants it can expand to
//! ([`variants`]). Answering a query against the corpus is [`crate::search`]'s job.

pub mod parse;
pub mod variants;

pub use parse::{parse, Filter, Query, QueryError, ScriptFilter, Term};
pub use variants::{Entity, Variants};
