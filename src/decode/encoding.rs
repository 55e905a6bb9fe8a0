//! The five encodings this module reads, by the names the WHATWG Encoding Standard gives them.

/// An encoding that [`decode_lossy`](super::lossy::decode_lossy) can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GB18030, which includes GBK and GB2312 (the WHATWG Encoding Standard decodes all three
    /// with this one decoder).
    Gb18030,
    /// Big5 with the Hong Kong extensions (HKSCS), as the WHATWG Encoding Standard defines it.
    Big5,
}

impl Encoding {
    /// The name as the WHATWG Encoding Standard spells it, which [`Decoded::encoding`]
    /// reports.
    ///
    /// [`Decoded::encoding`]: super::Decoded::encoding
    pub(super) fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "gb18030",
            Encoding::Big5 => "Big5",
        }
    }

    /// The encoding that the byte-order mark at the start of `bytes` declares, and the mark's
    /// length: the spec's "BOM sniff".
    pub(super) fn for_bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Some((Encoding::Utf8, 3)),
            [0xFF, 0xFE, ..] => Some((Encoding::Utf16Le, 2)),
            [0xFE, 0xFF, ..] => Some((Encoding::Utf16Be, 2)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_three_byte_order_marks() {
        assert_eq!(
            Encoding::for_bom(b"\xEF\xBB\xBFa"),
            Some((Encoding::Utf8, 3))
        );
        assert_eq!(Encoding::for_bom(b"\xFF\xFE"), Some((Encoding::Utf16Le, 2)));
        assert_eq!(
            Encoding::for_bom(b"\xFE\xFFa"),
            Some((Encoding::Utf16Be, 2))
        );
        assert_eq!(Encoding::for_bom(b"\xEF\xBB"), None);
        assert_eq!(Encoding::for_bom(b"\xFF"), None);
    }

    #[test]
    fn names_encodings_as_the_whatwg_standard_does() {
        // The same names encoding_rs gives, which users may have seen in earlier reports.
        for (ours, theirs) in [
            (Encoding::Utf8, encoding_rs::UTF_8),
            (Encoding::Utf16Le, encoding_rs::UTF_16LE),
            (Encoding::Utf16Be, encoding_rs::UTF_16BE),
            (Encoding::Gb18030, encoding_rs::GB18030),
            (Encoding::Big5, encoding_rs::BIG5),
        ] {
            assert_eq!(ours.name(), theirs.name());
        }
    }
}
