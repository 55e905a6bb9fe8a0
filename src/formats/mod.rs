//! Files as they come — plain text, HTML, tables (CSV, TSV, JSON Lines, JSON), ZIP archives,
//! DOCX and PDF — turned into the documents the store adds.
//!
//! [`sniff`] decides what a file is from its bytes first (ZIP's `PK\x03\x04`, `%PDF-`) and
//! its extension second. Containers and tables give many documents, or problems: an entry or a
//! row that cannot be a document is listed with its path or row number and a message, and the
//! rest is added. Nothing here adds to the corpus itself: [`crate::session::Session::add_file`]
//! adds each [`Item`] in turn.
//!
//! - `table.rs`: CSV/TSV (RFC 4180, `csv-core`) and JSON Lines / JSON arrays (`serde_json`),
//!   one document per row, streaming chunk by chunk.
//! - `mapping.rs`: which column is the text, title, date, source, URL or author
//!   (`data/columns.txt`); other columns become extra fields, which search offers as facets.
//! - `zip.rs`: a ZIP walked like a folder (`rawzip` + `miniz_oxide`), with zip-bomb limits.
//! - `docx.rs`: a Word document's paragraphs and headings, and its core properties.
//!
//! # Crates and what they cost
//!
//! `csv-core` (MIT/Unlicense: RFC 4180 on bytes, no allocation, streaming by design),
//! `serde_json` (MIT/Apache-2.0, already the tests' JSON), `rawzip` (MIT: the ZIP structure,
//! no dependencies, no decompressor of its own) and `miniz_oxide` (MIT/Zlib/Apache-2.0:
//! inflate with a hard output limit). They reach only the full core: the binding's `addFile`,
//! `inspectTable` and `…Table` methods are in the `analysis` build, which the page moves to
//! before adding the reader's files anyway. Measured on the shipped `_bg.wasm` (release, LTO,
//! wasm-bindgen, `gzip -9`) against the commit before this module: the full core 310,038 →
//! 366,236 bytes (+56.2 KB; raw 838,949 → 976,448), the search core the page starts on
//! 216,018 → 220,951 (+4.9 KB: the field facets and the snapshot's `FLDS`). PDF is not here:
//! the page reads it with pdf.js, loaded only when a PDF is added (`www/pdf-text.js`).
//!
//! A row or a DOCX becomes a text (its title on the first line, then the article) and a
//! [`Stated`]: the title, date, source, URL and author it states beside the text, which take
//! the place of what the metadata step reads in the text (dates through the same date reader),
//! and the extra columns, kept beside the document for facets and in snapshots.

pub mod docx;
pub mod mapping;
pub mod table;
pub mod zip;

use serde::{Deserialize, Serialize};

use crate::meta::Stated;

pub use mapping::Mapping;
pub use table::{TableKind, TableReader, TableSample};

/// What a file is, decided by [`sniff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (anything not recognised as another format).
    Text,
    /// A web page.
    Html,
    /// A table, one document per row.
    Table(TableKind),
    /// A ZIP archive, walked like a folder.
    Zip,
    /// A Word document (a ZIP with `word/document.xml`).
    Docx,
    /// A PDF.
    Pdf,
}

/// The lower-case extension of `name`, without the dot.
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    }
}

/// What the file `name` is: magic bytes first (`PK\x03\x04`, `%PDF-`), then the extension
/// (`.csv`, `.tsv`, `.jsonl`/`.ndjson`, `.json`, the HTML names of [`crate::extract::is_html`]), then a JSON start
/// (`{` or `[`) in a file without a known text extension.
pub fn sniff(name: &str, bytes: &[u8]) -> Format {
    let ext = extension(name);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return if ext == "docx" { Format::Docx } else { Format::Zip };
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    match ext.as_str() {
        "csv" => Format::Table(TableKind::Csv),
        "tsv" | "tab" => Format::Table(TableKind::Tsv),
        "jsonl" | "ndjson" => Format::Table(TableKind::JsonLines),
        "json" => {
            // A .json file of one object per line is JSON Lines.
            let mut lines = body
                .split(|&b| b == b'\n')
                .map(<[u8]>::trim_ascii)
                .filter(|l| !l.is_empty());
            let object = |l: &[u8]| l.starts_with(b"{") && l.ends_with(b"}");
            match (lines.next(), lines.next()) {
                (Some(a), Some(b)) if object(a) && object(b) => Format::Table(TableKind::JsonLines),
                _ => Format::Table(TableKind::Json),
            }
        }
        "docx" => Format::Docx,
        "pdf" => Format::Pdf,
        // A web page by its name: extract's one list of HTML extensions.
        _ if crate::extract::is_html(name, &[]) => Format::Html,
        _ => Format::Text,
    }
}

/// Something that could not be added, and why: the file (or the path inside an archive),
/// the row or line of a table, and a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// File name, or `archive.zip/folder/file.txt` inside an archive.
    pub file: String,
    /// The row (CSV/TSV, from 1 after the header), line (JSON Lines) or item (JSON array).
    pub row: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

/// What one file became: the ids of the documents added, and what was refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileAdded {
    /// Ids of the new documents, in order.
    pub ids: Vec<u32>,
    /// Entries and rows that were not added, each with its reason.
    pub problems: Vec<Problem>,
}

/// How to read a file: `{ mapping }` in JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct AddOptions {
    /// For tables: which column fills which field; guessed when absent.
    pub mapping: Option<Mapping>,
}

/// A piece of a file on its way into the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// One document to add.
    Document {
        /// Its name: the file, `file.csv#12` for a row, `a.zip/dir/b.txt` inside an archive.
        name: String,
        /// Its bytes (tables and DOCX give UTF-8 text).
        bytes: Vec<u8>,
        /// True for HTML, which goes through HTML extraction.
        html: bool,
        /// The encoding of the file the text came from, when `bytes` were re-encoded.
        encoding: Option<&'static str>,
        /// Metadata stated beside the text (a row's columns, a DOCX's properties).
        stated: Stated,
    },
    /// Something refused.
    Problem(Problem),
}

#[cfg(test)]
mod tests;
