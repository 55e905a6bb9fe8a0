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
    /// Non-empty lines, trimmed, as byte ranges into [`Document::text`].
    pub paragraphs: Vec<Range<usize>>,
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
        let mut paragraphs = paragraphs(&text);
        // Kept as long as the document: no spare capacity (a short line is 8–16 bytes here).
        paragraphs.shrink_to_fit();
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
            .map_or(self.name.as_str(), |r| &self.text[r.clone()])
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
    fn splits_lines_into_trimmed_paragraphs() {
        let d = doc("标题\r\n\r\n\u{3000}\u{3000}第一段。\n  第二段。 \r第三段");
        let paras: Vec<&str> = d.paragraphs.iter().map(|r| &d.text[r.clone()]).collect();
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
            paragraphs: Vec::new(),
            ..doc("x")
        };
        assert_eq!(d.title(), "t.txt");
    }
}
