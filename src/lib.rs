//! # corpus-explorer
//!
//! The core of an in-browser explorer for Chinese text corpora. It decodes files, splits them
//! into documents, folds Traditional and Simplified script (and full-width forms, and case) to
//! one form, indexes every character pair, and answers substring queries — showing each match
//! in the script the document is written in.
//!
//! The pipeline, one module per step:
//!
//! | step | module | |
//! |---|---|---|
//! | bytes → text | [`decode`] | UTF-8, UTF-16, GB18030, Big5; refuses binary and empty files |
//! | text → document | [`document`] | paragraphs, script |
//! | document → article | [`clean`] | removed spans with reasons: duplicates, furniture, spam |
//! | article → metadata | [`meta`] | title, date, source, author |
//! | document → folded text | [`fold`] | one analyser for documents and queries |
//! | folded text → index | [`index`] | character-pair postings |
//! | query text → query | [`query`] | the query language; name variants |
//! | documents → store | [`store`] | documents, texts, cleaning spans, offset maps, the index |
//! | store → stories | [`stories`] | near-duplicate articles grouped (MinHash/LSH), counted once on request |
//! | query → results | [`search`] | BM25 ranking, facets, snippets, highlights in the original |
//! | store → statistics | [`analyse`] | concordance, frequencies, collocates, keywords, trends, figures |
//! | store ⇄ bytes | [`snapshot`] | the whole corpus saved and opened again, no re-cleaning or re-indexing |
//! | all of it | [`Corpus`] ([`session`]) | the API that `wasm` binds for JavaScript |
//!
//! Everything here is plain Rust, tested natively with `cargo test`; only the `wasm` module
//! knows about JavaScript.
//!
//! ```
//! use corpus_explorer::{Corpus, search::SearchOptions};
//!
//! let mut corpus = Corpus::new();
//! corpus.add_document("tw.txt", "京東零售與快手宣佈達成戰略合作".as_bytes()).unwrap();
//! corpus.add_document("cn.txt", "5月27日，京东零售与快手宣布达成战略合作".as_bytes()).unwrap();
//!
//! // A Simplified query finds both articles…
//! let results = corpus.search("京东零售", &SearchOptions::default()).unwrap();
//! assert_eq!(results.total, 2);
//! // …and each match is shown as its article writes it.
//! let mut shown: Vec<&str> = results.hits.iter().map(|h| h.snippets[0].matched.as_str()).collect();
//! shown.sort();
//! assert_eq!(shown, ["京东零售", "京東零售"]);
//!
//! // The query language: AND by space, "phrases", OR, -exclusion, field filters, /regex/.
//! assert_eq!(corpus.search("快手 -5月", &SearchOptions::default()).unwrap().total, 1);
//! let err = corpus.search("\"京东", &SearchOptions::default()).unwrap_err();
//! assert!(err.to_string().contains("never closed"));
//! ```

pub mod analyse;
pub mod clean;
pub mod date;
pub mod decode;
pub mod document;
pub mod error;
pub mod extract;
pub mod fold;
pub mod formats;
pub mod index;
pub mod meta;
pub mod query;
pub mod search;
pub mod segment;
pub mod session;
pub mod shard;
pub mod snapshot;
pub mod store;
pub mod stories;
#[doc(hidden)]
pub mod testing;
mod wasm;

pub use error::{Error, Result};
/// The session under the name JavaScript and the tests know it by.
pub use session::Session as Corpus;
