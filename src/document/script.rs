//! Which Chinese script a text is written in.

use serde::Serialize;

use crate::fold::t2s;

/// The script of a text, decided from the characters that only one script uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// At least [`DOMINANT_SHARE`] of the script-specific characters are Traditional.
    Traditional,
    /// At least [`DOMINANT_SHARE`] of the script-specific characters are Simplified.
    Simplified,
    /// Both scripts are present in substantial shares.
    Mixed,
    /// Too few script-specific characters to tell (Latin text, or a few shared characters).
    None,
}

/// The share one script needs among script-specific characters to name the text. OpenCC
/// lists some characters shared by both scripts as simplified targets (干, 台, 后), so a purely
/// Traditional text still shows a few percent "Simplified"; 0.8 leaves ample room for that.
pub const DOMINANT_SHARE: f64 = 0.8;

/// Fewer script-specific characters than this and the text gets [`Script::None`].
pub const MIN_EVIDENCE: usize = 5;

/// Counts of script-specific characters in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Characters written only in Traditional script (東, 們).
    pub traditional: usize,
    /// Characters that are the Simplified form of another (东, 们).
    pub simplified: usize,
}

impl ScriptCounts {
    /// Counts the script-specific characters of `text`.
    pub fn of(text: &str) -> Self {
        let mut counts = Self::default();
        for c in text.chars() {
            if t2s::is_traditional_only(c) {
                counts.traditional += 1;
            } else if t2s::is_simplified_form(c) {
                counts.simplified += 1;
            }
        }
        counts
    }

    /// The share of Traditional among script-specific characters (0 when there are none).
    pub fn traditional_share(&self) -> f64 {
        let total = self.traditional + self.simplified;
        if total == 0 {
            0.0
        } else {
            self.traditional as f64 / total as f64
        }
    }

    /// The script these counts point to.
    pub fn script(&self) -> Script {
        if self.traditional + self.simplified < MIN_EVIDENCE {
            return Script::None;
        }
        let share = self.traditional_share();
        if share >= DOMINANT_SHARE {
            Script::Traditional
        } else if share <= 1.0 - DOMINANT_SHARE {
            Script::Simplified
        } else {
            Script::Mixed
        }
    }
}

/// Whether `c` is written as a Chinese character: a CJK ideograph (the unified block, every
/// extension — A in the BMP, B to I in plane 2 and 3 — and the compatibility ideographs), or
/// `〇` or `々`, which Unicode counts as a number and a letter but Chinese writes like
/// characters (`二〇二〇年`, `常々`).
///
/// This is the crate's one definition. Segmentation makes each such character a unit of its
/// own; the figures reader needs it to tell a magnitude (`月薪15k。`) from a word that starts
/// with a letter (`4K电视`). An earlier copy in the figures reader covered only the BMP blocks
/// and left out `〇`/`々`; the complete one is kept because a character of a later extension
/// is as much a Han character as one of the unified block (Unicode's `Script=Han`, less the
/// radicals and Hangzhou numerals, which Chinese prose does not use as words).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '\u{3005}' | '\u{3007}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_covers_every_ideograph_block_and_the_ideographic_zero() {
        for c in ['京', '東', '㐀', '豈', '𠀀', '𫠠', '〇', '々'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['a', '1', '，', '。', 'ア', '한', '\u{3000}'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn detects_traditional_text() {
        let c = ScriptCounts::of("京東零售與快手宣佈達成戰略合作，這一重磅合作的背後");
        assert_eq!(c.script(), Script::Traditional);
    }

    #[test]
    fn detects_simplified_text() {
        let c = ScriptCounts::of("京东零售与快手宣布达成战略合作，这一重磅合作的背后");
        assert_eq!(c.script(), Script::Simplified);
    }

    #[test]
    fn detects_mixed_text() {
        let c = ScriptCounts::of("京東零售與快手宣佈達成。京东零售与快手宣布达成。");
        assert_eq!(c.script(), Script::Mixed);
    }

    #[test]
    fn says_none_for_latin_text() {
        assert_eq!(ScriptCounts::of("GMV 2021 JD.COM").script(), Script::None);
    }
}
