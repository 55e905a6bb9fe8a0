//! Choosing between UTF-8 with errors, GB18030 (GBK) and Big5 for bytes that are not valid
//! UTF-8.
//!
//! Byte counts alone cannot tell GBK from Big5: both are two-byte encodings with lead bytes
//! 0x81–0xFE, and nearly every Big5 text is also well-formed GB18030 (which maps its
//! user-defined areas to private-use code points), while most GBK text is well-formed Big5.
//! What differs is *which* characters come out: the right decoding of Chinese prose is
//! mostly made of the most frequent hanzi (about 70% of its ideographs are among the 684 of
//! `data/encoding-common-hanzi.txt`), a wrong one of rare ideographs, kana, Greek, box drawing
//! and private-use characters. So each candidate is scored by
//!
//! `frequent hanzi − MALFORMED_COST × (damaged spots + private-use characters)`
//!
//! and the highest score wins; ties go to UTF-8, then GB18030, then Big5. A damaged spot is a
//! run of adjacent U+FFFD: one corrupt byte inside a UTF-8 character leaves up to four
//! malformed sequences in a row, and counting each would make a slightly damaged UTF-8 text
//! lose to GB18030 gibberish of the same bytes.
//!
//! Malformed sequences are weighed rather than compared first: a Big5 file with one corrupt
//! byte still decodes as GB18030 without a single error (GB18030 accepts nearly every byte
//! pair), so "fewest errors wins" would read it as GB18030 gibberish.
//!
//! Measured on the windows of n consecutive non-space characters of the five seed articles
//! (the Simplified ones saved as GBK, the Traditional one as GBK and as Big5): all 1,638
//! windows of 10 characters, and all of 15 and 20, are read right; 2,042 of 2,044 of 8, 99.6%
//! (GBK) and 97.7% (Big5) of 4, 99.3% and 88.8% of 2. UTF-8 windows with a byte inserted
//! mid-character stay UTF-8 in 99.9% of cases at 2 characters and in all from 8 — after
//! counting damaged spots rather than sequences, which this measurement prompted (it was 16%
//! at 3 characters and 74% at 6 before). The seeds played no part in making the list, and the
//! cost was set before measuring and not tuned.

use super::common::is_common_hanzi;
use super::encoding::Encoding::{self, Big5, Gb18030, Utf8};
use super::lossy::{decode_lossy, Lossy};
use super::tables::EncodingTables;

/// How many leading bytes take part in the contest: 64 KiB is some 20,000 hanzi, far more
/// than the contest needs, and bounds the cost of decoding three times.
const CONTEST_LEN: usize = 64 * 1024;

/// How many frequent hanzi one damaged spot or private-use character outweighs. Real
/// text in the right encoding has neither, so each is strong evidence against a candidate;
/// but a corrupt byte or two must not outweigh a whole text's worth of frequent characters.
const MALFORMED_COST: usize = 4;

/// The encoding in which `bytes` (not valid UTF-8, no byte-order mark) read most like Chinese,
/// decoding GB18030 and Big5 with `tables`.
pub(super) fn guess(bytes: &[u8], tables: &EncodingTables) -> Encoding {
    let sample = &bytes[..bytes.len().min(CONTEST_LEN)];
    let last = sample.len() == bytes.len();
    let mut best = (i64::MIN, Utf8);
    for encoding in [Utf8, Gb18030, Big5] {
        // Always decoded: the tables are given.
        let Some(decoded) = decode_lossy(encoding, sample, last, Some(tables)) else {
            continue;
        };
        let score = score(&decoded);
        if score > best.0 {
            best = (score, encoding);
        }
    }
    best.1
}

/// How much a decoding reads like Chinese text; see the module docs.
fn score(decoded: &Lossy) -> i64 {
    let mut frequent = 0;
    let mut suspect = 0;
    let mut previous = ' ';
    for c in decoded.text.chars() {
        if is_common_hanzi(c) {
            frequent += 1;
        } else if ('\u{E000}'..='\u{F8FF}').contains(&c)
            || (c == char::REPLACEMENT_CHARACTER && previous != c)
        {
            suspect += 1;
        }
        previous = c;
    }
    frequent as i64 - (MALFORMED_COST * suspect) as i64
}

#[cfg(test)]
mod tests {
    use super::super::tables::embedded;
    use super::*;

    use encoding_rs::{BIG5, GB18030};

    fn guess(bytes: &[u8]) -> Encoding {
        super::guess(bytes, embedded().unwrap())
    }

    fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} does not encode in {}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn tells_gbk_from_big5_in_one_short_sentence() {
        let simplified = "这个问题需要大家一起讨论解决。";
        let traditional = "這個問題需要大家一起討論解決。";
        assert_eq!(guess(&encode(GB18030, simplified)), Gb18030);
        assert_eq!(guess(&encode(BIG5, traditional)), Big5);
    }

    #[test]
    fn reads_traditional_text_saved_as_gbk_as_gbk() {
        // GBK encodes Traditional characters too; the frequent-hanzi list has both scripts.
        let traditional = "這個問題需要大家一起討論解決。";
        assert_eq!(guess(&encode(GB18030, traditional)), Gb18030);
    }

    #[test]
    fn prefers_utf8_with_a_bad_byte_to_gibberish() {
        let mut bytes = "京东与快手宣布达成战略合作，".repeat(3).into_bytes();
        bytes.insert(9, 0xFF);
        assert_eq!(guess(&bytes), Utf8);
    }

    #[test]
    fn keeps_big5_with_a_corrupt_byte_as_big5() {
        let mut bytes = encode(
            BIG5,
            "京東與快手宣佈達成戰略合作，直播電商大戰中的生態重建。",
        );
        bytes.insert(10, 0xFF);
        assert_eq!(guess(&bytes), Big5);
    }

    #[test]
    fn counts_a_run_of_replacements_as_one_damaged_spot() {
        let damaged = Lossy {
            text: "的的\u{FFFD}\u{FFFD}\u{FFFD}的的\u{FFFD}".into(),
            replacements: 4,
            bad_bytes: 4,
            first_bad: Some(6),
        };
        assert_eq!(score(&damaged), 4 - 2 * MALFORMED_COST as i64);
    }

    #[test]
    fn scores_private_use_characters_like_malformed_sequences() {
        let clean = Lossy {
            text: "的的的的".into(),
            replacements: 0,
            bad_bytes: 0,
            first_bad: None,
        };
        let private = Lossy {
            text: "的的的的\u{E000}".into(),
            ..clean.clone()
        };
        assert_eq!(score(&clean), 4);
        assert_eq!(score(&private), 4 - MALFORMED_COST as i64);
    }
}
