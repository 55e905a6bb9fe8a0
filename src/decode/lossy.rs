//! Decoding with replacement, counting what was replaced.
//!
//! `encoding_rs`'s own `decode` replaces malformed sequences with U+FFFD but only says *whether*
//! it did; a text can also contain U+FFFD legitimately, so counting them afterwards would be
//! wrong. Here the decoder reports each malformed sequence and we insert the U+FFFD ourselves,
//! counting sequences and bytes and remembering where the first one was.

use encoding_rs::{DecoderResult, Encoding};

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

/// Decodes `bytes` as `encoding`, without byte-order-mark handling (the caller has already
/// stripped one).
///
/// With `last == false` the input is a prefix of something longer: a sequence cut off at the
/// end is then left out rather than reported as malformed.
pub(super) fn decode_lossy(encoding: &'static Encoding, bytes: &[u8], last: bool) -> Lossy {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // The bound is exact for what the decoder may write; it is `None` only when the length
    // overflows `usize`, and then the loop below grows the buffer as needed.
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut out = Lossy {
        text: String::with_capacity(capacity),
        replacements: 0,
        bad_bytes: 0,
        first_bad: None,
    };
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut out.text, last);
        read += n;
        match result {
            DecoderResult::InputEmpty => return out,
            DecoderResult::OutputFull => {
                let rest = bytes.len() - read;
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(rest)
                    .unwrap_or(rest);
                // At least room for one character, so that every round makes progress.
                out.text.reserve(more.max(16));
            }
            DecoderResult::Malformed(len, after) => {
                let (len, after) = (usize::from(len), usize::from(after));
                out.replacements += 1;
                out.bad_bytes += len;
                // The sequence ended `after` bytes before what has been read; the whole input
                // is one buffer, so this never underflows, but saturate rather than trust it.
                out.first_bad
                    .get_or_insert(read.saturating_sub(after).saturating_sub(len));
                out.text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030, UTF_16LE, UTF_8};

    #[test]
    fn counts_each_malformed_sequence_and_its_bytes() {
        let d = decode_lossy(UTF_8, b"ab\xFFcd\xE4\xB8e", true);
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}e");
        assert_eq!(d.replacements, 2);
        assert_eq!(d.bad_bytes, 3);
        assert_eq!(d.first_bad, Some(2));
    }

    #[test]
    fn does_not_count_replacement_characters_that_were_in_the_text() {
        let d = decode_lossy(UTF_8, "a\u{FFFD}b".as_bytes(), true);
        assert_eq!(d.text, "a\u{FFFD}b");
        assert_eq!(d.replacements, 0);
        assert_eq!(d.first_bad, None);
    }

    #[test]
    fn leaves_out_a_sequence_cut_off_at_the_end_of_a_prefix() {
        let bytes = "中文".as_bytes();
        let cut = &bytes[..4];
        assert_eq!(decode_lossy(UTF_8, cut, false).text, "中");
        assert_eq!(decode_lossy(UTF_8, cut, false).replacements, 0);
        assert_eq!(decode_lossy(UTF_8, cut, true).replacements, 1);
    }

    #[test]
    fn decodes_gb18030_big5_and_utf16() {
        assert_eq!(
            decode_lossy(GB18030, b"\xD6\xD0\xCE\xC4", true).text,
            "中文"
        );
        assert_eq!(decode_lossy(BIG5, b"\xA4\xA4\xA4\xE5", true).text, "中文");
        assert_eq!(
            decode_lossy(UTF_16LE, b"\x2D\x4E\x87\x65", true).text,
            "中文"
        );
    }

    #[test]
    fn reports_an_odd_trailing_byte_of_utf16() {
        let d = decode_lossy(UTF_16LE, b"\x2D\x4E\x87", true);
        assert_eq!(d.text, "中\u{FFFD}");
        assert_eq!((d.replacements, d.bad_bytes, d.first_bad), (1, 1, Some(2)));
    }
}
