//! The UTF-8 decoder, with replacement.
//!
//! The standard library already splits bytes the way the WHATWG Encoding Standard's UTF-8
//! decoder does: [`<[u8]>::utf8_chunks`] yields valid text and, between, the "maximal
//! subparts" of malformed sequences (a lead byte and the continuation bytes that fit it, or
//! one stray byte), each of which the standard replaces with one U+FFFD.

use super::lossy::Lossy;

/// Decodes `bytes` as UTF-8 into `out`; see [`decode_lossy`](super::lossy::decode_lossy).
pub(super) fn decode(bytes: &[u8], last: bool, out: &mut Lossy) {
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        out.text.push_str(chunk.valid());
        at += chunk.valid().len();
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        // A maximal subpart that starts with a lead byte and runs to the end of the input is
        // a character cut off; anything else is malformed whatever follows.
        if at + invalid.len() == bytes.len() && matches!(invalid[0], 0xC2..=0xF4) {
            out.cut_off(at, invalid.len(), last);
        } else {
            out.malformed(at, invalid.len());
        }
        at += invalid.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], last: bool) -> Lossy {
        let mut out = Lossy::with_capacity_for(bytes.len());
        decode(bytes, last, &mut out);
        out
    }

    #[test]
    fn replaces_each_maximal_subpart_once() {
        // E0 80: E0 needs A0..BF next, so E0 alone is malformed and 80 is another.
        let d = decoded(b"a\xE0\x80b\xE4\xB8c\xF4\x90", true);
        assert_eq!(d.text, "a\u{FFFD}\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}");
        assert_eq!((d.replacements, d.bad_bytes, d.first_bad), (5, 6, Some(1)));
    }

    #[test]
    fn reports_a_stray_byte_at_the_end_even_of_a_prefix() {
        let d = decoded(b"ab\x80", false);
        assert_eq!((d.text.as_str(), d.bad_bytes), ("ab\u{FFFD}", 1));
        let d = decoded(b"ab\xE4\xB8", false);
        assert_eq!((d.text.as_str(), d.bad_bytes), ("ab", 0));
    }
}
