//! Text → document: a title and paragraphs, as byte ranges into the text as decoded.
//!
//! Nothing here copies or rewrites the text: a paragraph is a range of the original, trimmed of
//! surrounding white space (including the ideographic space U+3000 that Chinese pages use for
//! indentation), so a reader can always be shown exactly what the file says.

pub mod script;

use std::ops::Range;

use crate::decode::Decoded;
use crate::extract::PageFacts;
pub use script::{is_han, Script, ScriptCounts};

/// One document of the corpus.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name it was added under (usually the file name).
    pub name: String,
    /// The text exactly as decoded.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// Bytes of the file that could not be decoded (each run replaced by U+FFFD).
    pub undecodable_bytes: usize,
    /// What decoding lost, as a sentence, if anything.
    pub decode_warning: Option<String>,
    /// Non-empty lines, trimmed, as byte ranges into [`Document::text`] (kept compact:
    /// [`Lines`]).
    pub paragraphs: Lines,
    /// Script-specific character counts.
    pub script: ScriptCounts,
    /// Number of characters (Unicode scalar values) of the text.
    pub chars: usize,
    /// For an HTML page: its furniture, what its markup states and where its headline stands
    /// ([`crate::extract`]); `None` for plain text.
    pub page: Option<Box<PageFacts>>,
}

impl Document {
    /// Splits a decoded text into paragraphs and measures it.
    pub fn parse(name: &str, decoded: Decoded) -> Self {
        let decode_warning = decoded.undecodable_message();
        let undecodable_bytes = decoded.undecodable_bytes;
        let text = decoded.text;
        let paragraphs = Lines::from_ranges(&paragraphs(&text));
        let script = ScriptCounts::of(&text);
        let chars = text.chars().count();
        Document {
            name: name.to_owned(),
            text,
            encoding: decoded.encoding,
            undecodable_bytes,
            decode_warning,
            paragraphs,
            script,
            chars,
            page: None,
        }
    }

    /// The title: the first paragraph, or the file name when the text has none.
    pub fn title(&self) -> &str {
        self.paragraphs
            .first()
            .and_then(|r| self.text.get(r))
            .unwrap_or(self.name.as_str())
    }
}

/// Byte ranges of a text's paragraphs, kept as varints: per range the gap from the end of the
/// one before (zigzag, so that any order round-trips) and its length — two or three bytes a
/// line where a `Range<usize>` takes 16 (at 10 MB of poetry, 4.9 MiB of the corpus's memory
/// went to paragraph ranges). Read back as ranges when a step needs them (one document at a
/// time: cleaning, metadata, the reader, assembling the article).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    bytes: Box<[u8]>,
    len: usize,
}

#[inline]
fn put_var(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_var(bytes: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0u32;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= ((b & 0x7f) as u64).wrapping_shl(shift);
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    v
}

/// Writes [`Lines`] one range at a time, in order (a snapshot's paragraphs as they are read).
pub struct LinesWriter {
    bytes: Vec<u8>,
    len: usize,
    end: usize,
}

impl LinesWriter {
    /// Room for `n` ranges of short gaps and lengths.
    pub fn with_capacity(n: usize) -> LinesWriter {
        LinesWriter {
            bytes: Vec::with_capacity(n * 3),
            len: 0,
            end: 0,
        }
    }

    /// Appends `r`.
    #[inline]
    pub fn push(&mut self, r: Range<usize>) {
        let gap = r.start.wrapping_sub(self.end) as i64;
        put_var(&mut self.bytes, ((gap << 1) ^ (gap >> 63)) as u64);
        put_var(&mut self.bytes, r.end.wrapping_sub(r.start) as u64);
        self.end = r.end;
        self.len += 1;
    }

    /// The ranges pushed.
    pub fn finish(self) -> Lines {
        Lines {
            bytes: self.bytes.into_boxed_slice(),
            len: self.len,
        }
    }
}

impl Lines {
    /// The compact form of `ranges`.
    pub fn from_ranges(ranges: &[Range<usize>]) -> Lines {
        let mut lines = LinesWriter::with_capacity(ranges.len());
        for r in ranges {
            lines.push(r.clone());
        }
        lines.finish()
    }

    /// Number of paragraphs.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the text has no paragraph.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The ranges, in order.
    pub fn iter(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut at = 0;
        let mut end = 0usize;
        (0..self.len).map(move |_| {
            let z = get_var(&self.bytes, &mut at);
            let gap = ((z >> 1) as i64) ^ -((z & 1) as i64);
            let start = end.wrapping_add(gap as usize);
            end = start.wrapping_add(get_var(&self.bytes, &mut at) as usize);
            start..end
        })
    }

    /// The ranges as a vector, for the steps that take a slice of them.
    pub fn to_vec(&self) -> Vec<Range<usize>> {
        let mut out = Vec::with_capacity(self.len);
        out.extend(self.iter());
        out
    }

    /// The first range.
    pub fn first(&self) -> Option<Range<usize>> {
        self.iter().next()
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.len()
    }
}

/// Trimmed non-empty lines of `text`. Lines end at `\n`, `\r\n` or a lone `\r`.
pub(crate) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            if let Some(range) = trimmed(text, start..i) {
                out.push(range);
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// `range` of `text` without leading and trailing white space, or `None` if nothing is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let line = &text[range.clone()];
    let head = line.len() - line.trim_start().len();
    let body = line.trim();
    (!body.is_empty()).then(|| range.start + head..range.start + head + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::parse(
            "t.txt",
            crate::decode::decode("t.txt", text.as_bytes()).unwrap(),
        )
    }

    #[test]
    fn lines_give_back_the_ranges_they_were_made_of_in_any_order() {
        for ranges in [
            vec![],
            vec![Range { start: 0, end: 0 }],
            vec![3..10, 11..200, 70_000..70_001, 5_000_000..5_000_300],
            vec![10..20, 0..5, 4..30],
        ] {
            let lines = Lines::from_ranges(&ranges);
            assert_eq!(lines.to_vec(), ranges);
            assert_eq!(lines.len(), ranges.len());
            assert_eq!(lines.first(), ranges.first().cloned());
        }
        let d = doc("第一行\n\n  第二行  \r\n第三行");
        assert_eq!(d.paragraphs.heap_bytes(), 6);
        assert_eq!(d.paragraphs.to_vec(), [0..9, 13..22, 26..35]);
    }

    #[test]
    fn splits_lines_into_trimmed_paragraphs() {
        let d = doc("标题\r\n\r\n\u{3000}\u{3000}第一段。\n  第二段。 \r第三段");
        let paras: Vec<&str> = d.paragraphs.iter().map(|r| &d.text[r]).collect();
        assert_eq!(paras, ["标题", "第一段。", "第二段。", "第三段"]);
        assert_eq!(d.title(), "标题");
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(doc("京東 GMV").chars, 6);
    }

    #[test]
    fn falls_back_to_the_name_for_a_title() {
        let d = Document {
            paragraphs: Lines::default(),
            ..doc("x")
        };
        assert_eq!(d.title(), "t.txt");
    }
}
