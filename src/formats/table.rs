//! Tables — CSV, TSV, JSON Lines and JSON arrays of objects — read as one document per row,
//! streaming: [`TableReader::push`] takes the file in chunks of any size and hands back the
//! rows completed so far, so a 200 MB export never sits in memory whole (JSON arrays are the
//! exception: one value, parsed at the end).
//!
//! CSV goes through `csv-core` (RFC 4180: quoted fields, doubled quotes, line breaks inside
//! quotes, CRLF, a UTF-8 byte-order mark), on the raw bytes: in GBK/GB18030 and Big5 no byte
//! of a multi-byte character is a comma, quote, tab or line break, so the fields are cut
//! before they are decoded, each in the encoding decided on the first chunk
//! ([`crate::decode::Decoder`]).

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use serde::Serialize;
use serde_json::Value;

use super::mapping::{guess, Mapping};
use super::{Item, Problem};
use crate::decode::Decoder;
use crate::error::{Error, Result};
use crate::meta::Stated;

/// The kinds of table read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Comma-separated values.
    Csv,
    /// Tab-separated values.
    Tsv,
    /// One JSON object per line.
    JsonLines,
    /// One JSON array of objects (or an object holding one).
    Json,
}

/// Rows held back before the mapping is guessed, for the guess to see their values.
const SAMPLE_ROWS: usize = 20;
/// Longest extra-column value kept as a facet, in characters: longer values are text, not a
/// category to count by.
const FACET_MAX_CHARS: usize = 80;

/// One row of a table: its number (data rows from 1 for CSV/TSV, lines from 1 for JSON Lines,
/// elements from 1 for a JSON array) and its cells by column.
#[derive(Debug, Clone)]
pub struct Row {
    /// Where the row is, for messages and document names.
    pub number: usize,
    /// `(column, value)` in column order.
    pub cells: Vec<(String, String)>,
}

/// What `inspectTable` shows before loading: the columns, a few rows and the guessed mapping.
#[derive(Debug, Clone, Serialize)]
pub struct TableSample {
    /// Column names in order.
    pub columns: Vec<String>,
    /// The first rows, values in column order.
    pub rows: Vec<Vec<String>>,
    /// The mapping the column names suggest.
    pub guess: Mapping,
    /// The encoding the table was read in.
    pub encoding: &'static str,
}

/// Reads a table chunk by chunk into rows and rows into documents.
#[derive(Debug)]
pub struct TableReader {
    name: String,
    kind: TableKind,
    mapping: Option<Mapping>,
    encoding: Option<&'static str>,
    csv: Reader,
    record: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    header: Option<Vec<String>>,
    /// JSON Lines: the line cut off at the end of the last chunk; JSON: the whole file.
    pending_bytes: Vec<u8>,
    /// Rows read before the mapping was decided.
    held: Vec<Row>,
    rows: usize,
    lines: usize,
}

impl TableReader {
    /// A reader for the table file `name`; `mapping` as the reader chose it, or `None` to
    /// guess it from the column names and the first rows.
    pub fn new(name: &str, kind: TableKind, mapping: Option<Mapping>) -> TableReader {
        let delimiter = if kind == TableKind::Tsv { b'\t' } else { b',' };
        TableReader {
            name: name.to_owned(),
            kind,
            mapping,
            encoding: None,
            csv: ReaderBuilder::new().delimiter(delimiter).build(),
            record: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            header: None,
            pending_bytes: Vec::new(),
            held: Vec::new(),
            rows: 0,
            lines: 0,
        }
    }

    /// The encoding decided on the first chunk, once there was one.
    pub fn encoding(&self) -> Option<&'static str> {
        self.encoding
    }

    /// Reads the next chunk; the documents of the rows it completes, and problems of rows
    /// that cannot be documents, go to `out`. An error (the encoding needs tables that are not
    /// loaded, UTF-16) stops the table.
    pub fn push(&mut self, chunk: &[u8], decoder: &Decoder, out: &mut Vec<Item>) -> Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        if self.encoding.is_none() {
            self.encoding = Some(self.decide_encoding(chunk, decoder)?);
        }
        let mut rows = Vec::new();
        match self.kind {
            TableKind::Csv | TableKind::Tsv => self.csv_rows(chunk, decoder, &mut rows),
            TableKind::JsonLines => {
                self.pending_bytes.extend_from_slice(chunk);
                let cut = self.pending_bytes.iter().rposition(|&b| b == b'\n');
                if let Some(cut) = cut {
                    let rest = self.pending_bytes.split_off(cut + 1);
                    let lines = std::mem::replace(&mut self.pending_bytes, rest);
                    self.json_lines(&lines, decoder, &mut rows, out);
                }
            }
            TableKind::Json => self.pending_bytes.extend_from_slice(chunk),
        }
        self.deliver(rows, out);
        Ok(())
    }

    /// Reads what is left after the last chunk. A table with no rows at all is an error.
    pub fn finish(&mut self, decoder: &Decoder, out: &mut Vec<Item>) -> Result<()> {
        let mut rows = Vec::new();
        match self.kind {
            TableKind::Csv | TableKind::Tsv => self.csv_rows(&[], decoder, &mut rows),
            TableKind::JsonLines => {
                let lines = std::mem::take(&mut self.pending_bytes);
                self.json_lines(&lines, decoder, &mut rows, out);
            }
            TableKind::Json => {
                let bytes = std::mem::take(&mut self.pending_bytes);
                self.json_array(&bytes, decoder, &mut rows)?;
            }
        }
        self.deliver(rows, out);
        if self.mapping.is_none() {
            let held = std::mem::take(&mut self.held);
            self.decide_mapping(&held);
            for row in held {
                self.emit(row, out);
            }
        }
        if self.rows == 0 && self.lines == 0 {
            return Err(self.bad("it has no rows. A table needs a header line and one row per article."));
        }
        Ok(())
    }

    /// The columns and first rows without adding anything.
    pub fn inspect(name: &str, kind: TableKind, bytes: &[u8], decoder: &Decoder) -> Result<TableSample> {
        let mut reader = TableReader::new(name, kind, None);
        // Only the start matters; a row cut off at the end of it is left out.
        let head = &bytes[..bytes.len().min(1 << 20)];
        reader.encoding = Some(reader.decide_encoding(head, decoder)?);
        let mut rows = Vec::new();
        let mut ignored = Vec::new();
        match kind {
            TableKind::Csv | TableKind::Tsv => {
                reader.csv_rows(head, decoder, &mut rows);
                if head.len() == bytes.len() {
                    reader.csv_rows(&[], decoder, &mut rows);
                }
            }
            TableKind::JsonLines => {
                let end = head.iter().rposition(|&b| b == b'\n').map_or(head.len(), |i| i + 1);
                reader.json_lines(&head[..end], decoder, &mut rows, &mut ignored);
            }
            TableKind::Json => reader.json_array(bytes, decoder, &mut rows)?,
        }
        rows.truncate(SAMPLE_ROWS);
        let columns = reader.columns(&rows);
        let values: Vec<Vec<String>> = rows
            .iter()
            .map(|r| columns.iter().map(|c| cell(r, c).unwrap_or_default().to_owned()).collect())
            .collect();
        Ok(TableSample {
            guess: guess(&columns, &values),
            columns,
            rows: values,
            encoding: reader.encoding.unwrap_or("UTF-8"),
        })
    }

    fn bad(&self, message: &str) -> Error {
        Error::BadFile {
            name: self.name.clone(),
            message: message.to_owned(),
        }
    }

    /// UTF-8 when the chunk is UTF-8 (a character cut off at its end allowed), else what the
    /// decoder detects in it. UTF-16 tables are refused: their commas are two bytes.
    fn decide_encoding(&self, chunk: &[u8], decoder: &Decoder) -> Result<&'static str> {
        let body = chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk);
        match std::str::from_utf8(body) {
            Ok(_) => return Ok("UTF-8"),
            Err(e) if e.error_len().is_none() => return Ok("UTF-8"),
            Err(_) => {}
        }
        let decoded = decoder.decode(&self.name, chunk)?;
        if decoded.encoding.starts_with("UTF-16") {
            return Err(self.bad(
                "it is a UTF-16 table, which is not read yet. Save or export it as CSV in \
                 UTF-8 (or GBK) and add it again.",
            ));
        }
        Ok(decoded.encoding)
    }

    fn text(&self, bytes: &[u8], decoder: &Decoder) -> String {
        let encoding = self.encoding.unwrap_or("UTF-8");
        if encoding == "UTF-8" {
            return String::from_utf8_lossy(bytes).into_owned();
        }
        decoder
            .decode_as(encoding, bytes)
            .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned())
    }

    fn csv_rows(&mut self, mut input: &[u8], decoder: &Decoder, rows: &mut Vec<Row>) {
        let last = input.is_empty();
        loop {
            let (res, nin, nout, nend) = self.csv.read_record(
                input,
                &mut self.record[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            input = &input[nin..];
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    if !last {
                        return;
                    }
                }
                ReadRecordResult::OutputFull => {
                    let len = self.record.len() * 2;
                    self.record.resize(len, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len() * 2;
                    self.ends.resize(len, 0);
                }
                ReadRecordResult::Record => {
                    let mut fields = Vec::with_capacity(self.ends_len);
                    let mut start = 0;
                    for &end in &self.ends[..self.ends_len] {
                        fields.push(self.text(&self.record[start..end], decoder));
                        start = end;
                    }
                    self.out_len = 0;
                    self.ends_len = 0;
                    if fields.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    match &self.header {
                        None => {
                            let mut header: Vec<String> =
                                fields.into_iter().map(|f| f.trim().to_owned()).collect();
                            for (i, h) in header.iter_mut().enumerate() {
                                if h.is_empty() {
                                    *h = format!("column {}", i + 1);
                                }
                            }
                            self.header = Some(header);
                        }
                        Some(header) => {
                            self.rows += 1;
                            let cells = header.iter().cloned().zip(fields).collect();
                            rows.push(Row {
                                number: self.rows,
                                cells,
                            });
                        }
                    }
                }
                ReadRecordResult::End => return,
            }
            if last && input.is_empty() && matches!(res, ReadRecordResult::InputEmpty) {
                return;
            }
        }
    }

    fn json_lines(&mut self, bytes: &[u8], decoder: &Decoder, rows: &mut Vec<Row>, out: &mut Vec<Item>) {
        if bytes.is_empty() {
            return;
        }
        for line in bytes.split(|&b| b == b'\n') {
            self.lines += 1;
            let number = self.lines;
            let text = self.text(line, decoder);
            let text = text.trim().trim_start_matches('\u{feff}');
            if text.is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(map)) => {
                    self.rows += 1;
                    rows.push(Row {
                        number,
                        cells: map.into_iter().map(|(k, v)| (k, plain(v))).collect(),
                    });
                }
                Ok(_) => out.push(Item::Problem(self.problem(
                    number,
                    "is not a JSON object ({\"title\": …, \"content\": …}); skipped.",
                ))),
                Err(e) => out.push(Item::Problem(
                    self.problem(number, &format!("is not valid JSON ({e}); skipped.")),
                )),
            }
        }
        // A final line without a line break is counted as one line too many by split.
        if bytes.last() == Some(&b'\n') {
            self.lines -= 1;
        }
    }

    fn json_array(&mut self, bytes: &[u8], decoder: &Decoder, rows: &mut Vec<Row>) -> Result<()> {
        let text = self.text(bytes, decoder);
        let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| self.bad(&format!("it is not valid JSON ({e}).")))?;
        let items = match value {
            Value::Array(items) => items,
            // {"data": [ … ]}: the one array of the object.
            Value::Object(map) => {
                let mut arrays = map.into_iter().filter_map(|(_, v)| match v {
                    Value::Array(a) => Some(a),
                    _ => None,
                });
                match (arrays.next(), arrays.next()) {
                    (Some(a), None) => a,
                    _ => return Err(self.bad("it is a JSON object; an array of articles ([{\"title\": …, \"content\": …}, …]) was expected.")),
                }
            }
            _ => return Err(self.bad("it is not a JSON array of articles.")),
        };
        for (i, item) in items.into_iter().enumerate() {
            if let Value::Object(map) = item {
                self.rows += 1;
                rows.push(Row {
                    number: i + 1,
                    cells: map.into_iter().map(|(k, v)| (k, plain(v))).collect(),
                });
            }
        }
        Ok(())
    }

    fn problem(&self, number: usize, message: &str) -> Problem {
        let what = match self.kind {
            TableKind::JsonLines => "line",
            TableKind::Json => "item",
            _ => "row",
        };
        Problem {
            file: self.name.clone(),
            row: Some(number),
            message: format!("{what} {number} {message}"),
        }
    }

    /// Column names: the header, or every key of the rows in order of first appearance.
    fn columns(&self, rows: &[Row]) -> Vec<String> {
        if let Some(header) = &self.header {
            return header.clone();
        }
        let mut columns: Vec<String> = Vec::new();
        for row in rows {
            for (c, _) in &row.cells {
                if !columns.contains(c) {
                    columns.push(c.clone());
                }
            }
        }
        columns
    }

    fn decide_mapping(&mut self, sample: &[Row]) {
        let columns = self.columns(sample);
        let values: Vec<Vec<String>> = sample
            .iter()
            .map(|r| columns.iter().map(|c| cell(r, c).unwrap_or_default().to_owned()).collect())
            .collect();
        self.mapping = Some(guess(&columns, &values));
    }

    fn deliver(&mut self, rows: Vec<Row>, out: &mut Vec<Item>) {
        if self.mapping.is_none() {
            self.held.extend(rows);
            if self.held.len() < SAMPLE_ROWS {
                return;
            }
            let held = std::mem::take(&mut self.held);
            self.decide_mapping(&held);
            for row in held {
                self.emit(row, out);
            }
            return;
        }
        for row in rows {
            self.emit(row, out);
        }
    }

    /// One row as a document: its title on the first line and the text under it; the mapped
    /// fields stated beside it, the other columns as extra fields.
    fn emit(&self, row: Row, out: &mut Vec<Item>) {
        let Some(mapping) = &self.mapping else { return };
        let content = mapping.content.as_deref().and_then(|c| cell(&row, c)).unwrap_or("");
        if content.trim().is_empty() {
            let column = mapping.content.as_deref().unwrap_or("?");
            out.push(Item::Problem(self.problem(
                row.number,
                &format!("has no text in the column “{column}”; skipped."),
            )));
            return;
        }
        let value = |field: &str| {
            mapping
                .column(field)
                .and_then(|c| cell(&row, c))
                .map(one_line)
                .filter(|v| !v.is_empty())
        };
        let stated = Stated {
            title: value("title"),
            date: value("date"),
            source: value("source"),
            url: value("url"),
            author: value("author"),
            fields: row
                .cells
                .iter()
                .filter(|(c, v)| !mapping.is_used(c) && !v.trim().is_empty())
                .map(|(c, v)| (c.clone(), one_line(v).chars().take(FACET_MAX_CHARS).collect()))
                .collect(),
        };
        let mut text = String::with_capacity(content.len() + 100);
        if let Some(title) = &stated.title {
            text.push_str(title);
            text.push_str("\n\n");
        }
        text.push_str(content);
        out.push(Item::Document {
            name: format!("{}#{}", self.name, row.number),
            bytes: text.into_bytes(),
            html: false,
            encoding: self.encoding,
            stated,
        });
    }
}

fn cell<'a>(row: &'a Row, column: &str) -> Option<&'a str> {
    row.cells
        .iter()
        .find(|(c, _)| c == column)
        .map(|(_, v)| v.as_str())
}

fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A JSON value as a cell: strings as they are, numbers and booleans written out, arrays of
/// strings joined, anything else as JSON text.
fn plain(value: Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s,
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("、"),
        other => other.to_string(),
    }
}
