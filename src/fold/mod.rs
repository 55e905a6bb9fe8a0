//! Folding: the one analyser that documents and queries both go through.
//!
//! Folding maps every character to a canonical form so that spellings a reader considers the
//! same compare equal:
//!
//! - full-width ASCII to half-width (`ＧＭＶ` → `GMV`, `：` → `:`), the ideographic space to a
//!   plain space, and typographic quotes to ASCII ones (`“快手”` → `"快手"`);
//! - upper to lower case, where Unicode gives a single lower-case character;
//! - Traditional to Simplified Chinese, per character, from OpenCC's tables (see [`t2s`]).
//!
//! Each character folds to exactly one character. That keeps folding *substring-consistent*
//! (every substring of a text folds to a substring of the folded text, so a query for any
//! piece of a document finds it) and makes the way back to the original a simple walk, kept
//! in an [`OffsetMap`].
//!
//! ```
//! use corpus_explorer::fold::fold;
//! let folded = fold("京東ＧＭＶ達到");
//! assert_eq!(folded.text, "京东gmv达到");
//! // "gmv" starts at byte 6 of the folded text and at byte 6 of the original too;
//! // "达到" starts at byte 9 of the folded text and at byte 15 of the original.
//! assert_eq!(folded.offsets.to_original(9), 15);
//! ```

mod offsets;
pub mod t2s;

pub use offsets::{OffsetMap, Walk};

/// A folded text together with the way back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text: same number of characters as the original, one for one.
    pub text: String,
    /// Maps byte offsets in [`Folded::text`] to byte offsets in the original.
    pub offsets: OffsetMap,
}

/// Folds one character. Idempotent: `fold_char(fold_char(c)) == fold_char(c)`.
pub fn fold_char(c: char) -> char {
    let c = match c as u32 {
        // Full-width forms of ASCII 0x21..=0x7E sit at a fixed distance (Unicode's
        // "Halfwidth and Fullwidth Forms" block).
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => match c {
            // Typographic quotation marks to ASCII ones: Chinese text uses “” and ‘’ where a
            // query typed on a Latin keyboard has " and '.
            '“' | '”' | '„' | '‟' | '〝' | '〞' => '"',
            '‘' | '’' | '‚' | '‛' => '\'',
            _ => c,
        },
    };
    let c = lower(c);
    t2s::simplify(c)
}

/// Lower-cases `c` when Unicode gives exactly one lower-case character for it; otherwise (for
/// example `İ`, which lowers to two) leaves it alone to keep folding one-for-one.
fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_caseless(c) {
        return c;
    }
    let mut lowered = c.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Blocks without letter case that make up most Chinese text (CJK punctuation, kana,
/// ideographs, Hangul, Yi), answered without Unicode's case tables; the test
/// `caseless_blocks_have_no_case` checks every character of them.
fn is_caseless(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0xA4CF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Folds a whole text, recording where the byte length of a character changed.
pub fn fold(text: &str) -> Folded {
    let mut folded = String::with_capacity(text.len());
    let mut offsets = OffsetMap::default();
    for (at, c) in text.char_indices() {
        let f = fold_char(c);
        folded.push(f);
        if f.len_utf8() != c.len_utf8() {
            offsets.push_anchor(folded.len(), at + c.len_utf8());
        }
    }
    Folded {
        text: folded,
        offsets,
    }
}

/// Appends `text` folded to `out`: [`fold`] without the offset map, for a text whose map is
/// kept elsewhere (the index keeps no folded text; its documents are folded again on demand).
pub fn fold_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    out.extend(text.chars().map(fold_char));
}

/// Folds a query with the very same code as documents. Kept as its own name so that call sites
/// say what they fold; it must never diverge from [`fold`].
pub fn fold_query(query: &str) -> String {
    fold(query).text
}

#[cfg(test)]
mod tests {
    #[test]
    fn caseless_blocks_have_no_case() {
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| super::is_caseless(c))
        {
            assert!(
                c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]),
                "{c:?} has case"
            );
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(fold("京東牽快手直播電商").text, "京东牵快手直播电商");
    }

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(fold("ＧＭＶ　Ｑ１：JD.COM").text, "gmv q1:jd.com");
    }

    #[test]
    fn folds_typographic_quotes_to_ascii() {
        assert_eq!(fold("京東“分手”‘閉環’").text, "京东\"分手\"'闭环'");
    }

    #[test]
    fn leaves_simplified_and_latin_text_alone() {
        let s = "快手电商gmv达到1758亿元, 同比增长86.1%";
        assert_eq!(fold(s).text, s);
        assert!(fold(s).offsets.is_identity());
    }

    #[test]
    fn keeps_characters_that_lower_to_two() {
        assert_eq!(fold_char('İ'), 'İ');
    }

    #[test]
    fn maps_folded_offsets_back_past_width_changes() {
        let original = "ＡＢ京東";
        let folded = fold(original);
        assert_eq!(folded.text, "ab京东");
        assert_eq!(folded.offsets.to_original(0), 0);
        assert_eq!(folded.offsets.to_original(1), 3);
        assert_eq!(folded.offsets.to_original(2), 6);
        assert_eq!(folded.offsets.to_original(5), 9);
        assert_eq!(folded.offsets.to_original(8), 12);
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(c in any::<char>()) {
            prop_assert_eq!(fold_char(fold_char(c)), fold_char(c));
        }

        #[test]
        fn folding_keeps_the_character_count(s in "\\PC{0,40}") {
            prop_assert_eq!(fold(&s).text.chars().count(), s.chars().count());
        }

        #[test]
        fn every_folded_char_boundary_maps_to_an_original_char_boundary(
            s in "[a-zＡ-Ｚ京東电電\u{20000}-\u{20010}。 ]{0,30}"
        ) {
            let folded = fold(&s);
            let mut expected = s.char_indices().map(|(i, _)| i);
            for (i, _) in folded.text.char_indices() {
                let o = folded.offsets.to_original(i);
                prop_assert_eq!(Some(o), expected.next());
                prop_assert!(s.is_char_boundary(o));
            }
            prop_assert_eq!(folded.offsets.to_original(folded.text.len()), s.len());
        }

        #[test]
        fn folding_a_substring_gives_a_substring_of_the_folded_text(
            s in "[京東电電乾干台臺後后发發髮a-zA-Z ]{1,30}", a in 0usize..30, len in 1usize..10
        ) {
            let chars: Vec<char> = s.chars().collect();
            let a = a % chars.len();
            let b = (a + len).min(chars.len());
            let piece: String = chars[a..b].iter().collect();
            prop_assert!(fold(&s).text.contains(&fold_query(&piece)));
        }
    }
}
