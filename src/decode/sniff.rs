//! Looking at raw bytes before decoding: UTF-16 without a byte-order mark, and binary data.
//!
//! The two questions are asked in this order because UTF-16 text is full of NUL bytes (every
//! ASCII character, line breaks included, has a zero half) that would otherwise look binary.

use super::common::is_common_hanzi;
use super::encoding::Encoding::{self, Utf16Be, Utf16Le};
use super::lossy::decode_lossy;

/// How many leading bytes (or UTF-16 code units) are inspected for control characters and for
/// the UTF-16 pattern. Text editors and `file(1)` look at a similar prefix; a binary format
/// shows itself within its first few kilobytes.
pub(super) const SNIFF_LEN: usize = 8192;

/// The share of control characters above which a sniffed prefix counts as binary: more than
/// 1 in 100. Random bytes have 26 in 256 (10%) of the counted controls, text has none or a
/// stray one, so the threshold sits an order of magnitude from both.
const CONTROLS_PER_HUNDRED: usize = 1;

/// The share of "familiar" characters (ASCII, the most frequent hanzi, Chinese punctuation)
/// that a UTF-16 reading of BOM-less bytes must reach, in percent. Real text, English or
/// Chinese, reaches 75–100%; ASCII or binary bytes paired up into UTF-16 code units give
/// scattered ideographs and symbols, almost none of them frequent.
const FAMILIAR_PERCENT: usize = 50;

/// The UTF-16 byte order of BOM-less bytes, if their NUL bytes make it unambiguous.
///
/// UTF-16 writes every ASCII character — line breaks, digits, Latin letters — with a zero
/// byte (the second of the pair in little-endian, the first in big-endian), so UTF-16 text
/// nearly always contains NULs, which 8-bit text never does. The bytes are taken as UTF-16
/// when they contain a NUL, have an even length, and one byte order decodes the sniffed
/// prefix with no malformed sequence, no control character, and at least half of the
/// characters familiar. Without any NUL (a single line of pure Chinese, say) nothing is
/// guessed: such bytes go on to the other checks and are most likely refused as binary.
pub(super) fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(2 * SNIFF_LEN)];
    let last = sample.len() == bytes.len();
    [Utf16Le, Utf16Be]
        .into_iter()
        .filter_map(|encoding| {
            // UTF-16 needs no tables, so this always decodes.
            let decoded = decode_lossy(encoding, sample, last, None)?;
            if decoded.replacements > 0 || decoded.text.chars().any(is_control) {
                return None;
            }
            let total = decoded.text.chars().count();
            let familiar = decoded.text.chars().filter(|&c| is_familiar(c)).count();
            (familiar * 100 >= total * FAMILIAR_PERCENT).then_some((familiar, encoding))
        })
        .max_by_key(|&(familiar, _)| familiar)
        .map(|(_, encoding)| encoding)
}

/// The offset of the byte that shows `bytes` are binary rather than 8-bit or UTF-8 text: the
/// first NUL anywhere, or the first control byte when more than 1 in 100 bytes of the sniffed
/// prefix are control bytes. A lone stray control byte (a DOS end-of-file mark, a form feed
/// pasted from a terminal) does not refuse a text.
pub(super) fn first_binary_byte(bytes: &[u8]) -> Option<usize> {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Some(nul);
    }
    let prefix = &bytes[..bytes.len().min(SNIFF_LEN)];
    let mut controls = prefix
        .iter()
        .enumerate()
        .filter(|&(_, &b)| is_control(char::from(b)));
    let first = controls.next()?.0;
    too_many_controls(1 + controls.count(), prefix.len()).then_some(first)
}

/// The same test on text already decoded from UTF-16: the UTF-16 code unit index of the first
/// U+0000, or of the first control character when there are too many of them.
pub(super) fn first_binary_unit(text: &str) -> Option<usize> {
    let mut units = 0;
    let mut sniffed = 0;
    let mut controls = 0;
    let mut first = None;
    for c in text.chars() {
        if c == '\0' {
            return Some(units);
        }
        if sniffed < SNIFF_LEN {
            sniffed += 1;
            if is_control(c) {
                controls += 1;
                first.get_or_insert(units);
            }
        }
        units += c.len_utf16();
    }
    first.filter(|_| too_many_controls(controls, sniffed))
}

fn too_many_controls(controls: usize, len: usize) -> bool {
    controls * 100 > len * CONTROLS_PER_HUNDRED
}

/// A C0 control that no text file contains: everything below U+0020 except tab, line feed,
/// vertical tab, form feed, carriage return and escape (terminal colour codes in logs).
fn is_control(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{1B}')
}

/// Characters that make up most of real text: printable ASCII and white space, the most
/// frequent hanzi, CJK and full-width punctuation, and the quotes, dashes and ellipsis that
/// Chinese text takes from General Punctuation.
fn is_familiar(c: char) -> bool {
    c.is_ascii_graphic()
        || c.is_ascii_whitespace()
        || is_common_hanzi(c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn finds_the_byte_order_of_utf16_by_its_nul_bytes() {
        let text = "京东与快手宣布达成战略合作。\n2020年5月27日\n";
        assert_eq!(utf16_without_bom(&utf16le(text)), Some(Utf16Le));
        assert_eq!(utf16_without_bom(&utf16be(text)), Some(Utf16Be));
        assert_eq!(
            utf16_without_bom(&utf16le("plain English\r\n")),
            Some(Utf16Le)
        );
    }

    #[test]
    fn does_not_guess_utf16_without_any_nul_byte() {
        assert_eq!(
            utf16_without_bom(&utf16le("京东与快手宣布达成战略合作")),
            None
        );
    }

    #[test]
    fn does_not_take_ascii_with_a_stray_nul_for_utf16() {
        assert_eq!(utf16_without_bom(b"some ascii text\0"), None);
        assert_eq!(utf16_without_bom(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), None);
    }

    #[test]
    fn refuses_nul_and_many_control_bytes_but_not_one_stray_control() {
        assert_eq!(first_binary_byte(b"text\0more"), Some(4));
        assert_eq!(first_binary_byte(b"ab\x01\x02\x03cd"), Some(2));
        let mut long = "正文".repeat(100).into_bytes();
        long.push(0x1A);
        assert_eq!(first_binary_byte(&long), None);
        assert_eq!(first_binary_byte(b"tabs\tand\r\nbreaks\x0c\x1b[0m"), None);
    }

    #[test]
    fn counts_utf16_code_units_to_the_first_nul_character() {
        assert_eq!(first_binary_unit("a𠀀b\0"), Some(4));
        assert_eq!(first_binary_unit("中文\r\n"), None);
    }
}
