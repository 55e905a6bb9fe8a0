//! Traditional → Simplified, one character at a time.
//!
//! The table is OpenCC's `t2s` conversion applied to every single CJK ideograph, generated at
//! build time by `build.rs` through the `ferrous-opencc` crate (OpenCC data, Apache-2.0) and
//! embedded as sorted `(traditional, simplified)` pairs: about 4,000 pairs, 32 KB raw. Why
//! per character and not by phrase is explained in `build.rs`: a phrase rule would make a
//! character fold differently inside and outside the phrase, and substring search would miss
//! occurrences.
//!
//! Lookups go through a dense table for the Basic Multilingual Plane's ideograph blocks (where
//! nearly all text is) built on first use, and a binary search of the pairs elsewhere.

use std::sync::OnceLock;

/// Sorted `(traditional, simplified)` code point pairs, as little-endian `u32`s.
static PAIRS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/t2s_table.bin"));

/// Sorted code points that OpenCC's `s2t` converts to another character, little-endian `u32`s.
static SIMPLIFIED_ONLY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/simplified_only.bin"));

/// The dense table covers U+3000..U+A000: CJK punctuation, extension A and the unified block.
const DENSE_START: u32 = 0x3000;
const DENSE_END: u32 = 0xA000;

fn u32s(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

fn pairs() -> &'static [(u32, u32)] {
    static TABLE: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    TABLE.get_or_init(|| u32s(PAIRS).chunks_exact(2).map(|p| (p[0], p[1])).collect())
}

/// `dense()[c - DENSE_START]` is the simplified form of `c`, as a code point.
fn dense() -> &'static [u32] {
    static DENSE: OnceLock<Vec<u32>> = OnceLock::new();
    DENSE.get_or_init(|| {
        let mut table: Vec<u32> = (DENSE_START..DENSE_END).collect();
        for &(from, to) in pairs()
            .iter()
            .filter(|(from, _)| (DENSE_START..DENSE_END).contains(from))
        {
            table[(from - DENSE_START) as usize] = to;
        }
        table
    })
}

/// The Simplified form of `c`, or `c` itself when OpenCC has no conversion for it.
pub fn simplify(c: char) -> char {
    let code = c as u32;
    let target = match code {
        0..DENSE_START => return c,
        DENSE_START..DENSE_END => dense()[(code - DENSE_START) as usize],
        _ => match pairs().binary_search_by_key(&code, |&(from, _)| from) {
            Ok(i) => pairs()[i].1,
            Err(_) => code,
        },
    };
    char::from_u32(target).unwrap_or(c)
}

/// True when `c` has a different Simplified form: it is written only in Traditional script.
pub fn is_traditional_only(c: char) -> bool {
    simplify(c) != c
}

/// True when `c` is written only in Simplified script, such as 东 or 们: OpenCC converts it
/// to a different Traditional character. Characters both scripts share (合, 快) are not.
/// A few shared characters whose first Traditional reading differs (干 → 幹, 后 → 後) count
/// here too; script detection works on shares, where they are noise.
pub fn is_simplified_form(c: char) -> bool {
    static LIST: OnceLock<Vec<u32>> = OnceLock::new();
    // Script detection asks this of every character of every document: the dense block gets a
    // bitmap (3.5 KB), the rare rest a binary search.
    static DENSE: OnceLock<Vec<u64>> = OnceLock::new();
    let list = LIST.get_or_init(|| u32s(SIMPLIFIED_ONLY));
    let code = c as u32;
    if (DENSE_START..DENSE_END).contains(&code) {
        let bits = DENSE.get_or_init(|| {
            let mut bits = vec![0u64; ((DENSE_END - DENSE_START) as usize).div_ceil(64)];
            for &s in list
                .iter()
                .filter(|s| (DENSE_START..DENSE_END).contains(*s))
            {
                let i = (s - DENSE_START) as usize;
                bits[i / 64] |= 1 << (i % 64);
            }
            bits
        });
        let i = (code - DENSE_START) as usize;
        return bits[i / 64] & (1 << (i % 64)) != 0;
    }
    list.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_of_plausible_size() {
        let table = pairs();
        assert!(
            table.len() > 2_500,
            "only {} pairs: the OpenCC table did not load",
            table.len()
        );
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn simplifies_outside_the_dense_block_too() {
        // Extension B: OpenCC maps U+2005E to U+2003E.
        assert_eq!(simplify('\u{2005E}'), '\u{2003E}');
    }

    #[test]
    fn simplifies_common_traditional_characters() {
        for (t, s) in [
            ('東', '东'),
            ('們', '们'),
            ('電', '电'),
            ('臺', '台'),
            ('發', '发'),
            ('髮', '发'),
        ] {
            assert_eq!(simplify(t), s, "{t}");
        }
    }

    #[test]
    fn leaves_simplified_and_shared_characters_alone() {
        for c in ['东', '快', '手', '中', 'a', '1', '。'] {
            assert_eq!(simplify(c), c);
        }
    }

    #[test]
    fn the_bitmap_agrees_with_the_list_on_every_dense_character() {
        let list = u32s(SIMPLIFIED_ONLY);
        for code in DENSE_START..DENSE_END {
            let c = char::from_u32(code).unwrap();
            assert_eq!(
                is_simplified_form(c),
                list.binary_search(&code).is_ok(),
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn classifies_script_specific_characters() {
        assert!(is_traditional_only('東'));
        assert!(!is_traditional_only('东'));
        assert!(is_simplified_form('东'));
        assert!(!is_simplified_form('東'));
        assert!(!is_simplified_form('快'));
        assert!(!is_simplified_form('合'));
    }
}
