//! The one error type of the crate.
//!
//! Every message is written for the person who dropped the file or typed the query: it names
//! the file, says what is wrong and, where there is one, what to do about it. The binding layer
//! turns an [`Error`] into a JS `Error` carrying exactly this text.

use std::fmt;

/// Why an operation on the corpus could not be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The file has no bytes at all.
    Empty {
        /// File name as given by the caller.
        name: String,
    },
    /// The file decodes to nothing but white space.
    WhitespaceOnly {
        /// File name as given by the caller.
        name: String,
    },
    /// The bytes look like a binary file (image, archive, executable), not text.
    Binary {
        /// File name as given by the caller.
        name: String,
        /// Byte offset of the first byte that gave it away.
        offset: usize,
    },
    /// The bytes are in no encoding the explorer reads: more than a quarter of them fail to
    /// decode as UTF-8, UTF-16, GB18030/GBK and Big5 alike.
    Undecodable {
        /// File name as given by the caller.
        name: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file is neither UTF-8 nor UTF-16, and the GB18030/Big5 tables that reading it
    /// needs are not loaded yet (the wasm build ships without them; `src/decode/tables.rs`).
    /// The page loads `data/encodings.bin` and adds the file again.
    NeedsEncodingTables {
        /// File name as given by the caller.
        name: String,
    },
    /// The file is an HTML page and this build of the core was made without the `html`
    /// feature (the search-only core the page starts on): the full core reads web pages.
    HtmlNeedsFullCore {
        /// File name as given by the caller.
        name: String,
    },
    /// The bytes given as the GB18030/Big5 tables file are not one: another kind of file,
    /// another format version, cut off or damaged.
    BadEncodingTables {
        /// What is wrong, as a sentence.
        message: String,
    },
    /// A container or table (CSV, JSON, ZIP, DOCX, PDF) cannot be read as a whole; the
    /// message says why and what to do ([`crate::formats`]).
    BadFile {
        /// File name (or path inside an archive) as given by the caller.
        name: String,
        /// What is wrong, as a sentence.
        message: String,
    },
    /// The corpus would grow past what one browser tab can index.
    TooLarge {
        /// File name as given by the caller.
        name: String,
        /// The limit in bytes of folded text.
        limit: usize,
    },
    /// The query cannot be read; the message says what is wrong and where.
    BadQuery {
        /// What is wrong, as a sentence.
        message: String,
    },
    /// A name variant could not be added.
    BadVariant {
        /// What is wrong, as a sentence.
        message: String,
    },
    /// The dictionary file for word segmentation cannot be read.
    BadDictionary {
        /// What is wrong, as a sentence.
        message: String,
    },
    /// A word cannot be added to the user's lexicon.
    BadWord {
        /// What is wrong, as a sentence.
        message: String,
    },
    /// A word-level view was asked for before the dictionary was loaded.
    NoDictionary,
    /// The reference list of general Chinese (`dict/reference.txt`) cannot be read.
    BadReference {
        /// What is wrong, as a sentence.
        message: String,
    },
    /// Keywords against general Chinese were asked for before the reference list was loaded.
    NoReference,
    /// No document has this id (it was never added, or the corpus was replaced).
    UnknownDocument {
        /// The id that was asked for.
        id: u32,
    },
    /// The story similarity threshold is outside the range `setStoryThreshold` accepts.
    BadThreshold {
        /// The threshold that was asked for, as written back (a string, so that `Error`
        /// stays `Eq`).
        threshold: String,
    },
    /// The bytes opened as a saved corpus are not one: they do not start with the snapshot
    /// signature (another kind of file, or an empty one).
    NotASnapshot,
    /// A saved corpus in a format version this build does not read: written by a newer
    /// version of the explorer.
    SnapshotTooNew {
        /// The snapshot's format version.
        version: u32,
        /// The version of the explorer that wrote it, as it states it.
        writer: String,
        /// The newest format version this build reads.
        supported: u32,
    },
    /// A saved corpus cut off before its end: an interrupted download, copy or write.
    SnapshotTruncated {
        /// The length in bytes the snapshot states (or the least a snapshot can have).
        expected: u64,
        /// The bytes there are.
        actual: u64,
    },
    /// A saved corpus whose bytes could not be read while it was being opened (a file that
    /// became unreadable, or a source that failed; [`crate::snapshot::Source`]).
    SnapshotUnreadable {
        /// What went wrong, as the source said it.
        problem: String,
    },
    /// A saved corpus whose bytes changed after it was written: a checksum does not match, or
    /// a part does not agree with the rest.
    SnapshotDamaged {
        /// The part where the damage was found (`header`, `section table`, or a section's tag
        /// such as `TEXT`).
        section: String,
        /// What is wrong there, as a phrase.
        problem: String,
    },
    /// A file offered as a piece of a sharded corpus ([`crate::shard`]) is not one of its
    /// pieces: another site's, a damaged download, or a page the host put in its place.
    BadShard {
        /// The file's name (`root.bin`, `p/<hash>.bin`, …).
        name: String,
        /// What is wrong with it, as a phrase.
        problem: String,
    },
    /// A sharded corpus cannot answer yet: these pieces must be fetched first
    /// ([`crate::shard::ShardedCorpus::needed`]).
    ShardsNeeded {
        /// The file names of the missing pieces.
        names: Vec<String>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty { name } => {
                write!(f, "“{name}” is empty: there is no text to add.")
            }
            Error::WhitespaceOnly { name } => {
                write!(
                    f,
                    "“{name}” contains only spaces and line breaks: there is no text to add."
                )
            }
            Error::Binary { name, offset } => write!(
                f,
                "“{name}” looks like a binary file, not text (control byte at offset {offset}). \
                 Add plain-text files such as .txt or .md."
            ),
            Error::Undecodable { name, offset } => write!(
                f,
                "“{name}” is not in an encoding this explorer can read (UTF-8, UTF-16, GB18030/GBK \
                 or Big5): more than a quarter of its bytes do not decode, the first at offset \
                 {offset}. Save it as UTF-8 and add it again."
            ),
            Error::NeedsEncodingTables { name } => write!(
                f,
                "“{name}” is not UTF-8 or UTF-16; the GB18030/Big5 tables must be loaded first \
                 (loadEncodingTables)."
            ),
            Error::HtmlNeedsFullCore { name } => write!(
                f,
                "“{name}” is a web page, and this build of the core reads text only; add it to \
                 the full core (built with the `html` feature), which extracts the article."
            ),
            Error::BadFile { name, message } => write!(f, "“{name}”: {message}"),
            Error::TooLarge { name, limit } => write!(
                f,
                "Adding “{name}” would make the corpus larger than {} MB of text, the most one \
                 browser tab can index. Remove some documents first.",
                limit / 1_000_000
            ),
            Error::BadQuery { message }
            | Error::BadVariant { message }
            | Error::BadDictionary { message }
            | Error::BadEncodingTables { message }
            | Error::BadWord { message }
            | Error::BadReference { message } => f.write_str(message),
            Error::NoReference => f.write_str(
                "Keywords against general Chinese need the reference list: load it first \
                 (loadReference, the bytes of dict/reference.txt).",
            ),
            Error::NoDictionary => f.write_str(
                "Word statistics need the word list: load the dictionary first (loadDictionary), \
                 or use characters instead of words.",
            ),
            Error::NotASnapshot => f.write_str(
                "This file is not a saved corpus: it does not start the way a corpus saved by \
                 this explorer does. Open a file made with “Save corpus”; to search a text file, \
                 add it as a document instead.",
            ),
            Error::SnapshotTooNew {
                version,
                writer,
                supported,
            } => write!(
                f,
                "This corpus was saved by a newer version of the explorer ({writer}, snapshot \
                 format {version}); this version reads format {supported} and older. Reload the \
                 page to get the new version, then open the file again."
            ),
            Error::SnapshotTruncated { expected, actual } => write!(
                f,
                "This saved corpus is cut off: it should be {expected} bytes long but has only \
                 {actual}. The download, copy or save was interrupted; copy or save it again."
            ),
            Error::SnapshotUnreadable { problem } => write!(
                f,
                "This saved corpus could not be read to its end ({problem}). Nothing was \
                 changed; open it again, or save it again from where it came from."
            ),
            Error::BadShard { name, problem } => write!(
                f,
                "The corpus file {name} did not arrive intact ({problem}). Reload the page; if \
                 it persists, the site must be built again."
            ),
            Error::ShardsNeeded { names } => write!(
                f,
                "This search needs {} more part(s) of the corpus ({}); they are fetched first.",
                names.len(),
                names.join(", ")
            ),
            Error::SnapshotDamaged { section, problem } => write!(
                f,
                "This saved corpus is damaged ({section}: {problem}): it changed after it was \
                 saved. Open an earlier copy, or add the documents again."
            ),
            Error::UnknownDocument { id } => {
                write!(
                    f,
                    "There is no document with id {id}; it may have been removed."
                )
            }
            Error::BadThreshold { threshold } => write!(
                f,
                "The story similarity threshold must be between 0.3 and 1 (a share of shared \
                 text), not {threshold}."
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_the_problem() {
        let e = Error::Undecodable {
            name: "新闻.txt".into(),
            offset: 12,
        };
        let text = e.to_string();
        assert!(text.contains("新闻.txt"));
        assert!(text.contains("offset 12"));
        assert!(text.contains("Save it as UTF-8"));
    }
}
