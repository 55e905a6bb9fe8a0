//! The GB18030 decoder (also for GBK and GB2312), with replacement.
//!
//! The WHATWG Encoding Standard's "gb18030 decoder", for a whole input at once. A byte
//! 0x81–0xFE leads a two-byte sequence (trail 0x40–0x7E or 0x80–0xFE, looked up in index
//! gb18030) or a four-byte one (lead, 0x30–0x39, 0x81–0xFE, 0x30–0x39; the BMP through index
//! gb18030 ranges, the other planes linearly from pointer 189000). What a malformed sequence
//! consumes follows the spec's "restore to the stream" steps exactly, as `encoding_rs` does:
//!
//! - a two-byte sequence that maps to nothing replaces the lead alone when the trail is ASCII
//!   (which is then read afresh), else both bytes;
//! - a four-byte sequence whose third or fourth byte is out of range replaces the lead alone,
//!   and decoding goes on from the second byte (an ASCII digit);
//! - a well-formed four-byte sequence without a code point replaces all four bytes;
//! - a sequence cut off by the end of the input is one replacement.

use super::lossy::{ascii_run, Lossy};
use super::tables::EncodingTables;

/// Decodes `bytes` as GB18030 into `out`, looking characters up in `tables`; see
/// [`decode_lossy`](super::lossy::decode_lossy).
pub(super) fn decode(bytes: &[u8], last: bool, tables: &EncodingTables, out: &mut Lossy) {
    let index = tables.gb18030_index();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        match lead {
            0x00..=0x7F => {
                let run = ascii_run(&bytes[i..]);
                out.push_ascii(&bytes[i..i + run]);
                i += run;
            }
            0x80 => {
                out.text.push('\u{20AC}');
                i += 1;
            }
            0xFF => {
                out.malformed(i, 1);
                i += 1;
            }
            0x81..=0xFE => {
                let Some(&second) = bytes.get(i + 1) else {
                    return out.cut_off(i, 1, last);
                };
                if second.is_ascii_digit() {
                    i += four_byte(bytes, i, last, tables, out);
                    continue;
                }
                let offset = if second < 0x7F { 0x40 } else { 0x41 };
                let pointer = matches!(second, 0x40..=0x7E | 0x80..=0xFE)
                    .then(|| usize::from(lead - 0x81) * 190 + usize::from(second - offset));
                match pointer.and_then(|p| index.get(p).copied().flatten()) {
                    Some(c) => {
                        out.text.push(c);
                        i += 2;
                    }
                    None if second.is_ascii() => {
                        out.malformed(i, 1);
                        i += 1;
                    }
                    None => {
                        out.malformed(i, 2);
                        i += 2;
                    }
                }
            }
        }
    }
}

/// Decodes the four-byte sequence whose lead is at `bytes[at]` and second byte a digit, and
/// returns how many bytes to move on.
fn four_byte(
    bytes: &[u8],
    at: usize,
    last: bool,
    tables: &EncodingTables,
    out: &mut Lossy,
) -> usize {
    let Some(&third) = bytes.get(at + 2) else {
        out.cut_off(at, 2, last);
        return 2;
    };
    if !(0x81..=0xFE).contains(&third) {
        out.malformed(at, 1);
        return 1;
    }
    let Some(&fourth) = bytes.get(at + 3) else {
        out.cut_off(at, 3, last);
        return 3;
    };
    if !fourth.is_ascii_digit() {
        out.malformed(at, 1);
        return 1;
    }
    let pointer = u32::from(bytes[at] - 0x81) * (10 * 126 * 10)
        + u32::from(bytes[at + 1] - 0x30) * (10 * 126)
        + u32::from(third - 0x81) * 10
        + u32::from(fourth - 0x30);
    let code_point = match pointer {
        0..=39_419 => tables.gb18030_range_code_point(pointer),
        189_000..=1_237_575 => char::from_u32(0x10000 + pointer - 189_000),
        _ => None,
    };
    match code_point {
        Some(c) => out.text.push(c),
        None => out.malformed(at, 4),
    }
    4
}

#[cfg(test)]
mod tests {
    use super::super::tables::embedded;
    use super::*;

    fn decoded(bytes: &[u8]) -> Lossy {
        let mut out = Lossy::with_capacity_for(bytes.len());
        decode(bytes, true, embedded().unwrap(), &mut out);
        out
    }

    #[test]
    fn decodes_gbk_four_byte_sequences_and_the_euro_byte() {
        assert_eq!(decoded(b"a\xD6\xD0\x80").text, "a中€");
        // U+00A5 is the first range's 37th pointer; U+20000 is pointer 189000 + 0x10000.
        assert_eq!(decoded(b"\x81\x30\x84\x36").text, "\u{A5}");
        assert_eq!(decoded(b"\x95\x32\x82\x36").text, "\u{20000}");
    }

    #[test]
    fn replaces_the_lead_alone_before_an_ascii_trail() {
        let d = decoded(b"\xD6\x7F\xD6\xFF");
        assert_eq!(d.text, "\u{FFFD}\u{7F}\u{FFFD}");
        assert_eq!((d.replacements, d.bad_bytes), (2, 3));
    }

    #[test]
    fn goes_on_from_the_digit_after_a_broken_four_byte_sequence() {
        // Third byte out of range: the lead is replaced, "0" and "a" are text.
        assert_eq!(decoded(b"\x81\x30a").text, "\u{FFFD}0a");
        // Fourth byte out of range: "0" is text, then 81 40 is a two-byte character.
        let d = decoded(b"\x81\x30\x81\x40");
        assert_eq!(d.text, "\u{FFFD}0丂");
        assert_eq!((d.bad_bytes, d.first_bad), (1, Some(0)));
    }

    #[test]
    fn replaces_four_bytes_without_a_code_point_together() {
        let d = decoded(b"\x84\x31\xA5\x30x\xFE\x39\xFE\x39");
        assert_eq!(d.text, "\u{FFFD}x\u{FFFD}");
        assert_eq!((d.replacements, d.bad_bytes), (2, 8));
    }

    #[test]
    fn counts_a_cut_off_sequence_as_one_replacement() {
        for (bytes, len) in [(&b"a\x81"[..], 1), (b"a\x81\x30", 2), (b"a\x81\x30\x81", 3)] {
            let d = decoded(bytes);
            assert_eq!(
                (d.text.as_str(), d.bad_bytes, d.first_bad),
                ("a\u{FFFD}", len, Some(1))
            );
            let mut prefix = Lossy::with_capacity_for(bytes.len());
            decode(bytes, false, embedded().unwrap(), &mut prefix);
            assert_eq!((prefix.text.as_str(), prefix.replacements), ("a", 0));
        }
    }
}
