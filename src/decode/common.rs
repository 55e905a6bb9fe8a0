//! The most frequent Chinese characters, as a bit set over the CJK Unified Ideographs block.
//!
//! The list lives in `data/encoding-common-hanzi.txt`, which says where it comes from (Unicode's
//! Unihan database: the 500 most frequent Simplified characters of a standard frequency
//! dictionary of modern Chinese, plus their common Traditional forms — 684 characters). It is
//! turned into a 2.6 KB bit set at compile time, so a malformed list fails the build rather than
//! a user's upload, and nothing is parsed at run time.

/// First and last code point of the CJK Unified Ideographs block (U+4E00..U+9FFF), where every
/// character of the list lies.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;
const WORDS: usize = ((LAST - FIRST + 1) as usize).div_ceil(64);

static COMMON: [u64; WORDS] = bit_set(include_str!("../../data/encoding-common-hanzi.txt"));

/// Whether `c` is one of the most frequent Chinese characters, in either script.
pub(super) fn is_common_hanzi(c: char) -> bool {
    let c = u32::from(c);
    if !(FIRST..=LAST).contains(&c) {
        return false;
    }
    let i = (c - FIRST) as usize;
    COMMON[i / 64] & (1 << (i % 64)) != 0
}

/// Builds the bit set from the list: `#` lines are comments, white space is ignored, anything
/// else must be an ideograph of the block (three UTF-8 bytes, lead byte E4..E9).
const fn bit_set(list: &str) -> [u64; WORDS] {
    let b = list.as_bytes();
    let mut bits = [0u64; WORDS];
    let mut i = 0;
    let mut line_start = true;
    let mut comment = false;
    while i < b.len() {
        let byte = b[i];
        if byte == b'\n' {
            line_start = true;
            comment = false;
            i += 1;
            continue;
        }
        if line_start && byte == b'#' {
            comment = true;
        }
        line_start = false;
        if comment || byte == b' ' || byte == b'\t' || byte == b'\r' {
            i += 1;
            continue;
        }
        assert!(
            byte >= 0xE4 && byte <= 0xE9 && i + 2 < b.len(),
            "data/encoding-common-hanzi.txt: only CJK Unified Ideographs may be listed"
        );
        let c = ((byte as u32 & 0x0F) << 12)
            | ((b[i + 1] as u32 & 0x3F) << 6)
            | (b[i + 2] as u32 & 0x3F);
        assert!(
            c >= FIRST && c <= LAST,
            "data/encoding-common-hanzi.txt: only CJK Unified Ideographs may be listed"
        );
        let k = (c - FIRST) as usize;
        bits[k / 64] |= 1 << (k % 64);
        i += 3;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_frequent_characters_in_both_scripts() {
        for c in "的一是不了人我在有这這们們说說国國".chars() {
            assert!(is_common_hanzi(c), "{c}");
        }
    }

    #[test]
    fn rejects_rare_characters_and_non_ideographs() {
        for c in "鬯龘靐齉a，。ア\u{E000}".chars() {
            assert!(!is_common_hanzi(c), "{c}");
        }
    }

    #[test]
    fn holds_every_listed_character_and_no_other() {
        let listed: std::collections::BTreeSet<char> =
            include_str!("../../data/encoding-common-hanzi.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::chars)
                .filter(|c| !c.is_whitespace())
                .collect();
        assert_eq!(listed.len(), 684);
        let set: Vec<char> = (FIRST..=LAST)
            .filter_map(char::from_u32)
            .filter(|&c| is_common_hanzi(c))
            .collect();
        assert_eq!(set, listed.into_iter().collect::<Vec<_>>());
    }
}
