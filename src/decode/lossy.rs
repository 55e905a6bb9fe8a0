//! Decoding with replacement, counting what was replaced.
//!
//! A decoder that only replaces malformed sequences with U+FFFD (as the browser's
//! `TextDecoder` does) cannot say how many bytes were lost or where, and a text may contain
//! U+FFFD legitimately, so counting them afterwards would be wrong. Our decoders report each
//! malformed sequence to [`Lossy::malformed`] instead, which inserts the U+FFFD itself,
//! counting sequences and bytes and remembering where the first one was.

use super::encoding::Encoding;
use super::tables::EncodingTables;
use super::{big5, gb18030, utf16, utf8};

/// Text decoded from bytes, with what could not be decoded counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Lossy {
    /// The text; each malformed sequence became one U+FFFD.
    pub text: String,
    /// How many U+FFFD were inserted.
    pub replacements: usize,
    /// How many input bytes those replacements stand for.
    pub bad_bytes: usize,
    /// Offset in the input of the first malformed byte.
    pub first_bad: Option<usize>,
}

impl Lossy {
    /// An empty text with room for what `len` input bytes usually decode to: Chinese takes
    /// three UTF-8 bytes for two bytes of GBK, Big5 or UTF-16. The string grows when a text
    /// needs more.
    pub(super) fn with_capacity_for(len: usize) -> Lossy {
        Lossy {
            text: String::with_capacity(len.saturating_add(len / 2)),
            replacements: 0,
            bad_bytes: 0,
            first_bad: None,
        }
    }

    /// Records the malformed sequence of `len` bytes at input offset `at` and writes one
    /// U+FFFD for it.
    pub(super) fn malformed(&mut self, at: usize, len: usize) {
        self.replacements += 1;
        self.bad_bytes += len;
        self.first_bad.get_or_insert(at);
        self.text.push(char::REPLACEMENT_CHARACTER);
    }

    /// Records the `len` bytes at `at` that the input ends in the middle of a sequence with:
    /// malformed when the input is complete (`last`), left out when it is only a prefix.
    pub(super) fn cut_off(&mut self, at: usize, len: usize, last: bool) {
        if last {
            self.malformed(at, len);
        }
    }

    /// Appends a run of ASCII bytes, which every encoding here except UTF-16 maps to
    /// themselves.
    pub(super) fn push_ascii(&mut self, ascii: &[u8]) {
        debug_assert!(ascii.is_ascii());
        // ASCII is valid UTF-8, so the fallback never runs; it only avoids an `unwrap`.
        match std::str::from_utf8(ascii) {
            Ok(text) => self.text.push_str(text),
            Err(_) => self.text.extend(ascii.iter().map(|&b| char::from(b))),
        }
    }
}

/// Decodes `bytes` as `encoding`, without byte-order-mark handling (the caller has already
/// stripped one), following the WHATWG Encoding Standard's decoder for it with error mode
/// "replacement".
///
/// GB18030 and Big5 look characters up in `tables`; without them (`None`, as in the browser
/// before the tables file is loaded) those two give `None`. UTF-8 and UTF-16 need no tables
/// and always give an answer.
///
/// With `last == false` the input is a prefix of something longer: a sequence cut off at the
/// end is then left out rather than reported as malformed.
pub(super) fn decode_lossy(
    encoding: Encoding,
    bytes: &[u8],
    last: bool,
    tables: Option<&EncodingTables>,
) -> Option<Lossy> {
    let mut out = Lossy::with_capacity_for(bytes.len());
    match encoding {
        Encoding::Utf8 => utf8::decode(bytes, last, &mut out),
        Encoding::Utf16Le => utf16::decode(bytes, last, u16::from_le_bytes, &mut out),
        Encoding::Utf16Be => utf16::decode(bytes, last, u16::from_be_bytes, &mut out),
        Encoding::Gb18030 => gb18030::decode(bytes, last, tables?, &mut out),
        Encoding::Big5 => big5::decode(bytes, last, tables?, &mut out),
    }
    Some(out)
}

/// The length of the run of ASCII bytes at the start of `bytes`.
pub(super) fn ascii_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::super::tables::embedded;
    use super::*;
    use Encoding::{Big5, Gb18030, Utf16Le, Utf8};

    /// `decode_lossy` with the embedded tables.
    fn decode_lossy(encoding: Encoding, bytes: &[u8], last: bool) -> Lossy {
        super::decode_lossy(encoding, bytes, last, embedded()).unwrap()
    }

    #[test]
    fn needs_tables_for_gb18030_and_big5_only() {
        for encoding in [Gb18030, Big5] {
            assert_eq!(super::decode_lossy(encoding, b"abc", true, None), None);
        }
        for encoding in [Utf8, Utf16Le, Encoding::Utf16Be] {
            assert!(super::decode_lossy(encoding, b"ab", true, None).is_some());
        }
    }

    #[test]
    fn counts_each_malformed_sequence_and_its_bytes() {
        let d = decode_lossy(Utf8, b"ab\xFFcd\xE4\xB8e", true);
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}e");
        assert_eq!(d.replacements, 2);
        assert_eq!(d.bad_bytes, 3);
        assert_eq!(d.first_bad, Some(2));
    }

    #[test]
    fn does_not_count_replacement_characters_that_were_in_the_text() {
        let d = decode_lossy(Utf8, "a\u{FFFD}b".as_bytes(), true);
        assert_eq!(d.text, "a\u{FFFD}b");
        assert_eq!(d.replacements, 0);
        assert_eq!(d.first_bad, None);
    }

    #[test]
    fn leaves_out_a_sequence_cut_off_at_the_end_of_a_prefix() {
        let bytes = "中文".as_bytes();
        let cut = &bytes[..4];
        assert_eq!(decode_lossy(Utf8, cut, false).text, "中");
        assert_eq!(decode_lossy(Utf8, cut, false).replacements, 0);
        assert_eq!(decode_lossy(Utf8, cut, true).replacements, 1);
    }

    #[test]
    fn decodes_gb18030_big5_and_utf16() {
        assert_eq!(
            decode_lossy(Gb18030, b"\xD6\xD0\xCE\xC4", true).text,
            "中文"
        );
        assert_eq!(decode_lossy(Big5, b"\xA4\xA4\xA4\xE5", true).text, "中文");
        assert_eq!(
            decode_lossy(Utf16Le, b"\x2D\x4E\x87\x65", true).text,
            "中文"
        );
    }

    #[test]
    fn reports_an_odd_trailing_byte_of_utf16() {
        let d = decode_lossy(Utf16Le, b"\x2D\x4E\x87", true);
        assert_eq!(d.text, "中\u{FFFD}");
        assert_eq!((d.replacements, d.bad_bytes, d.first_bad), (1, 1, Some(2)));
    }

    #[test]
    fn finds_the_end_of_an_ascii_run() {
        assert_eq!(ascii_run(b"ab\xD6\xD0c"), 2);
        assert_eq!(ascii_run(b"abc"), 3);
        assert_eq!(ascii_run(b"\x80"), 0);
    }
}
