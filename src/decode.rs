//! Bytes → text: the first step of the pipeline.
//!
//! Reads UTF-8 with or without a byte-order mark and refuses what is not text at all (empty
//! files, white space only, binary data) with a message that names the file. The text is kept
//! exactly as decoded — line endings and all — so that every later offset points into what the
//! author wrote.

use crate::error::{Error, Result};

/// The UTF-8 byte-order mark that Windows editors put at the start of files.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many leading bytes are inspected for binary content. Text editors and `file(1)` look at
/// a similar prefix; a control byte this early is a reliable sign of a non-text format.
const SNIFF_LEN: usize = 8192;

/// A decoded document text and how it was encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without the byte-order mark.
    pub text: String,
    /// Name of the detected encoding, as the WHATWG Encoding Standard spells it.
    pub encoding: &'static str,
    /// Whether the bytes started with a byte-order mark.
    pub bom: bool,
}

/// Decodes the bytes of the file `name`, or says why they cannot be read as text.
///
/// ```
/// let d = corpus_explorer::decode::decode("a.txt", "\u{FEFF}京東".as_bytes()).unwrap();
/// assert_eq!(d.text, "京東");
/// assert!(d.bom);
/// ```
pub fn decode(name: &str, bytes: &[u8]) -> Result<Decoded> {
    if bytes.is_empty() {
        return Err(Error::Empty {
            name: name.to_owned(),
        });
    }
    let (body, bom) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if let Some(offset) = first_binary_byte(body) {
        return Err(Error::Binary {
            name: name.to_owned(),
            offset: offset + bom_len(bom),
        });
    }
    let text = std::str::from_utf8(body).map_err(|e| Error::InvalidUtf8 {
        name: name.to_owned(),
        offset: e.valid_up_to() + bom_len(bom),
    })?;
    if text.chars().all(char::is_whitespace) {
        return Err(Error::WhitespaceOnly {
            name: name.to_owned(),
        });
    }
    Ok(Decoded {
        text: text.to_owned(),
        encoding: "UTF-8",
        bom,
    })
}

fn bom_len(bom: bool) -> usize {
    if bom {
        UTF8_BOM.len()
    } else {
        0
    }
}

/// The offset of the first byte in the sniffed prefix that no text file contains: NUL, or a C0
/// control other than tab, line feed, vertical tab, form feed, carriage return and escape.
fn first_binary_byte(bytes: &[u8]) -> Option<usize> {
    let prefix = &bytes[..bytes.len().min(SNIFF_LEN)];
    prefix
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1B))
        .or_else(|| bytes.iter().position(|&b| b == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_without_bom() {
        let d = decode("a.txt", "快手电商".as_bytes()).unwrap();
        assert_eq!(d.text, "快手电商");
        assert!(!d.bom);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn strips_the_byte_order_mark_but_keeps_line_endings() {
        let d = decode("a.txt", b"\xEF\xBB\xBFline\r\nnext\r").unwrap();
        assert_eq!(d.text, "line\r\nnext\r");
        assert!(d.bom);
    }

    #[test]
    fn refuses_empty_files() {
        assert_eq!(
            decode("e.txt", b""),
            Err(Error::Empty {
                name: "e.txt".into()
            })
        );
        assert_eq!(
            decode("e.txt", UTF8_BOM),
            Err(Error::WhitespaceOnly {
                name: "e.txt".into()
            })
        );
    }

    #[test]
    fn refuses_whitespace_only_including_ideographic_space() {
        let err = decode("w.txt", " \n\t\u{3000}\r\n".as_bytes()).unwrap_err();
        assert_eq!(
            err,
            Error::WhitespaceOnly {
                name: "w.txt".into()
            }
        );
    }

    #[test]
    fn refuses_binary_data_with_the_offset_of_the_control_byte() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            decode("p.png", png),
            Err(Error::Binary {
                name: "p.png".into(),
                offset: 6
            })
        );
    }

    #[test]
    fn refuses_a_nul_byte_past_the_sniffed_prefix() {
        let mut bytes = "字".repeat(SNIFF_LEN).into_bytes();
        bytes.push(0);
        assert!(matches!(decode("n.txt", &bytes), Err(Error::Binary { .. })));
    }

    #[test]
    fn reports_where_invalid_utf8_starts() {
        let mut bytes = "京东".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF\xFE");
        assert_eq!(
            decode("x.txt", &bytes),
            Err(Error::InvalidUtf8 {
                name: "x.txt".into(),
                offset: 6
            })
        );
    }
}
