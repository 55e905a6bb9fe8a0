//! The UTF-16LE and UTF-16BE decoders, with replacement.
//!
//! The WHATWG Encoding Standard's "shared UTF-16 decoder": code units are read two bytes at a
//! time; a lead (high) surrogate must be followed by a trail (low) surrogate, else it is one
//! malformed sequence of two bytes and the unit after it is read afresh; a lone trail
//! surrogate is malformed; at the end of the input, a lead surrogate and an odd byte left over
//! are one malformed sequence together.

use super::lossy::Lossy;

/// Decodes `bytes` as UTF-16 into `out`, reading each code unit with `unit` (little- or
/// big-endian); see [`decode_lossy`](super::lossy::decode_lossy).
pub(super) fn decode(bytes: &[u8], last: bool, unit: fn([u8; 2]) -> u16, out: &mut Lossy) {
    let unit_at = |i: usize| unit([bytes[i], bytes[i + 1]]);
    let mut i = 0;
    while i + 1 < bytes.len() {
        let code = unit_at(i);
        match code {
            0xD800..=0xDBFF if i + 3 < bytes.len() => {
                let trail = unit_at(i + 2);
                if (0xDC00..=0xDFFF).contains(&trail) {
                    let c =
                        0x10000 + ((u32::from(code) - 0xD800) << 10) + (u32::from(trail) - 0xDC00);
                    out.text
                        .push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                    i += 4;
                } else {
                    out.malformed(i, 2);
                    i += 2;
                }
            }
            // A lead surrogate with no complete unit after it: cut off, together with an odd
            // byte that may follow.
            0xD800..=0xDBFF => return out.cut_off(i, bytes.len() - i, last),
            0xDC00..=0xDFFF => {
                out.malformed(i, 2);
                i += 2;
            }
            _ => {
                // Not a surrogate, so a scalar value.
                out.text
                    .push(char::from_u32(code.into()).unwrap_or(char::REPLACEMENT_CHARACTER));
                i += 2;
            }
        }
    }
    if i < bytes.len() {
        out.cut_off(i, 1, last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], last: bool) -> Lossy {
        let mut out = Lossy::with_capacity_for(bytes.len());
        decode(bytes, last, u16::from_le_bytes, &mut out);
        out
    }

    #[test]
    fn joins_surrogate_pairs() {
        assert_eq!(decoded(b"\x40\xD8\x00\xDC\x57\x5B", true).text, "𠀀字");
    }

    #[test]
    fn replaces_a_lead_surrogate_without_trail_and_reads_the_next_unit_afresh() {
        let d = decoded(b"\x40\xD8\x57\x5B\x40\xD8\x40\xD8\x00\xDC", true);
        assert_eq!(d.text, "\u{FFFD}字\u{FFFD}𠀀");
        assert_eq!((d.replacements, d.bad_bytes, d.first_bad), (2, 4, Some(0)));
    }

    #[test]
    fn replaces_a_lone_trail_surrogate() {
        let d = decoded(b"\x00\xDC\x61\x00", true);
        assert_eq!((d.text.as_str(), d.bad_bytes), ("\u{FFFD}a", 2));
    }

    #[test]
    fn counts_a_lead_surrogate_and_an_odd_byte_at_the_end_as_one_sequence() {
        let d = decoded(b"\x61\x00\x40\xD8\x00", true);
        assert_eq!(d.text, "a\u{FFFD}");
        assert_eq!((d.replacements, d.bad_bytes, d.first_bad), (1, 3, Some(2)));
        assert_eq!(decoded(b"\x61\x00\x40\xD8\x00", false).text, "a");
    }
}
