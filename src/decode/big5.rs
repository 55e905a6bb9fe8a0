//! The Big5 decoder (with the Hong Kong extensions), with replacement.
//!
//! The WHATWG Encoding Standard's "Big5 decoder", for a whole input at once. A byte 0x81–0xFE
//! leads a two-byte sequence (trail 0x40–0x7E or 0xA1–0xFE) looked up in index Big5; four
//! pointers decode to a letter and a combining mark instead. A sequence that maps to nothing
//! replaces the lead alone when the trail is ASCII (which is then read afresh), else both
//! bytes, as `encoding_rs` does; 0x80, 0xFF and a lead cut off by the end of the input are one
//! replacement each.

use super::lossy::{ascii_run, Lossy};
use super::tables::EncodingTables;

/// The pointers that decode to two code points, from the spec's decoder algorithm (HKSCS
/// writes these Latin letters with a macron or caron as one character).
const TWO_CODE_POINTS: [(usize, &str); 4] = [
    (1133, "\u{CA}\u{304}"),
    (1135, "\u{CA}\u{30C}"),
    (1164, "\u{EA}\u{304}"),
    (1166, "\u{EA}\u{30C}"),
];

/// Decodes `bytes` as Big5 into `out`, looking characters up in `tables`; see
/// [`decode_lossy`](super::lossy::decode_lossy).
pub(super) fn decode(bytes: &[u8], last: bool, tables: &EncodingTables, out: &mut Lossy) {
    let index = tables.big5_index();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        match lead {
            0x00..=0x7F => {
                let run = ascii_run(&bytes[i..]);
                out.push_ascii(&bytes[i..i + run]);
                i += run;
            }
            0x80 | 0xFF => {
                out.malformed(i, 1);
                i += 1;
            }
            0x81..=0xFE => {
                let Some(&trail) = bytes.get(i + 1) else {
                    return out.cut_off(i, 1, last);
                };
                let offset = if trail < 0x7F { 0x40 } else { 0x62 };
                let pointer = matches!(trail, 0x40..=0x7E | 0xA1..=0xFE)
                    .then(|| usize::from(lead - 0x81) * 157 + usize::from(trail - offset));
                if let Some(c) = pointer.and_then(|p| index.get(p).copied().flatten()) {
                    out.text.push(c);
                    i += 2;
                } else if let Some(&(_, pair)) =
                    TWO_CODE_POINTS.iter().find(|&&(p, _)| Some(p) == pointer)
                {
                    // The index leaves these four pointers unmapped.
                    out.text.push_str(pair);
                    i += 2;
                } else if trail.is_ascii() {
                    out.malformed(i, 1);
                    i += 1;
                } else {
                    out.malformed(i, 2);
                    i += 2;
                }
            }
        }
    }
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
    fn decodes_big5_hkscs_and_the_two_code_point_pointers() {
        assert_eq!(decoded(b"a\xA4\xA4\xA4\xE5").text, "a中文");
        // 87 40 is HKSCS's first character, 䏰 (U+43F0); 88 62 is Ê̄.
        assert_eq!(decoded(b"\x87\x40\x88\x62").text, "\u{43F0}\u{CA}\u{304}");
        // HKSCS characters outside the BMP: 87 45 is 𧉧 (U+27267).
        assert_eq!(decoded(b"\x87\x45").text, "\u{27267}");
    }

    #[test]
    fn replaces_the_lead_alone_before_an_ascii_trail() {
        let d = decoded(b"\xA4\x30\xA4\xA0\x80");
        assert_eq!(d.text, "\u{FFFD}0\u{FFFD}\u{FFFD}");
        assert_eq!((d.replacements, d.bad_bytes, d.first_bad), (3, 4, Some(0)));
    }

    #[test]
    fn counts_a_lead_cut_off_at_the_end() {
        let d = decoded(b"a\xA4");
        assert_eq!(
            (d.text.as_str(), d.bad_bytes, d.first_bad),
            ("a\u{FFFD}", 1, Some(1))
        );
        let mut prefix = Lossy::with_capacity_for(2);
        decode(b"a\xA4", false, embedded().unwrap(), &mut prefix);
        assert_eq!((prefix.text.as_str(), prefix.replacements), ("a", 0));
    }
}
