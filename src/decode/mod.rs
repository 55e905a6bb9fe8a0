//! Bytes → text: the first step of the pipeline.
//!
//! Reads UTF-8 (with or without a byte-order mark), UTF-16 LE/BE (with a byte-order mark, or
//! without one when its NUL bytes make the byte order unambiguous), GB18030 — which includes
//! GBK and GB2312 — and Big5, and records which one it found. Bytes that do not decode are
//! replaced by U+FFFD and counted ([`Decoded::undecodable_message`] says so to a person).
//! Empty files, white space only and binary data are refused with a message naming the file.
//! The text is kept exactly as decoded — line endings and all — so that every later offset
//! points into what the author wrote.
//!
//! # Detection, in order
//!
//! 1. A byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE.
//! 2. Without one, bytes with NULs are UTF-16 if one byte order reads cleanly as familiar text
//!    (`sniff.rs`); this comes before the binary test, which those NULs would fail.
//! 3. Anything else with a NUL, or with more than 1% control bytes, is binary and refused.
//! 4. Valid UTF-8 is UTF-8 (GBK or Big5 text is valid UTF-8 only by rare accident).
//! 5. Otherwise UTF-8, GB18030 and Big5 each decode the first 64 KiB, and the one that reads
//!    most like Chinese wins: frequent hanzi (684 from Unicode's Unihan data) count for it,
//!    damaged spots and private-use characters against it (`guess.rs`, with measurements).
//!
//! Each malformed sequence becomes one U+FFFD; if more than a quarter of the bytes are lost
//! even in the best encoding, the file is refused instead.
//!
//! # Why decoders of our own, and no `TextDecoder` or `chardetng`
//!
//! The browser's `TextDecoder` decodes all of these encodings at no cost in the wasm. But the
//! core must stay plain Rust that `cargo test` exercises natively, and `TextDecoder` only
//! replaces malformed bytes: it cannot say how many bytes were lost or where, and a U+FFFD it
//! produced cannot be told from one the file contained. Detection would also cross into
//! JavaScript once per candidate and be testable only in a browser.
//!
//! The first version used `encoding_rs` (Firefox's implementation of the WHATWG Encoding
//! Standard, which reports every malformed sequence with its length), at +125 KB gzip in the
//! shipped `_bg.wasm` (release, LTO, `wasm-bindgen --remove-name-section
//! --remove-producers-section`, then `gzip -9`); `chardetng` would have added another 33 KB to
//! guess among every legacy encoding of the world, where Chinese files come in these five and
//! the frequent-hanzi score tells GBK from Big5 with a 2.6 KB table. Naming only five
//! encodings let LTO drop `encoding_rs`'s encoders and single-byte tables, but not its
//! Japanese and Korean decoders (45 KB gzip): every decoder is reached through one `match` on
//! an enum.
//!
//! So the module has its own decoders now, one file each, each following the spec's decoder
//! algorithm step for step, malformed sequences included: `gb18030.rs` (also GBK and GB2312),
//! `big5.rs` (with HKSCS), and `utf8.rs` and `utf16.rs` over the standard library. Their
//! index tables are not typed in: `build.rs` reads them off `encoding_rs`, now a build and
//! dev dependency only, by decoding every pointer's bytes, and packs them as delta-coded
//! varints that `tables.rs` expands on first use (0.1 ms). `differential.rs` checks that
//! every decoder gives exactly `encoding_rs`'s output — the text, each U+FFFD, the bytes it
//! stands for and the first offset — on every two-byte sequence, every four-byte GB18030
//! sequence, and random, byte-soup and damaged-text inputs.
//!
//! Measured on one snapshot of the crate, the same way as above:
//!
//! | build | raw | gzip |
//! |---|---|---|
//! | with `encoding_rs` | 746,028 | 344,690 |
//! | own decoders | 658,976 | 266,720 (−77,970) |
//! | probe: own decoders with the three tables emptied | 597,875 | 222,811 |
//! | probe: GB18030 and Big5 decoding code removed as well | 593,905 | 221,587 |
//!
//! The tables are nearly all of the cost, 43.9 KB gzip, and close to what the data allows
//! (`xz -9e` takes the packed indexes only 8% below `gzip -9`); plain `u16` per pointer
//! would have been 82 KB gzip (GB18030 45.7 KB, Big5 36.3 KB). The decoding code is 1.2 KB.
//! Decoding 10 MB of the seed articles natively (release build, `differential.rs`'s
//! benchmark) takes 24 ms in GB18030 and 24 ms in Big5, against `encoding_rs`'s 15 and 12 ms
//! with its SIMD ASCII paths: over 400 MB/s, far from mattering next to reading the file.

mod big5;
mod common;
#[cfg(test)]
mod differential;
mod encoding;
mod gb18030;
mod guess;
mod lossy;
mod sniff;
mod tables;
mod utf16;
mod utf8;

use crate::error::{Error, Result};
use encoding::Encoding;
use lossy::{decode_lossy, Lossy};

/// A decoded document text, how it was encoded, and what could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without the byte-order mark, line endings untouched. Each byte sequence that
    /// could not be decoded is one U+FFFD here.
    pub text: String,
    /// Name of the detected encoding as the WHATWG Encoding Standard spells it: `UTF-8`,
    /// `UTF-16LE`, `UTF-16BE`, `gb18030` (also for GBK and GB2312 files, which it includes) or
    /// `Big5`.
    pub encoding: &'static str,
    /// Whether the bytes started with a byte-order mark.
    pub bom: bool,
    /// How many U+FFFD were put into [`text`](Self::text) for malformed byte sequences. U+FFFD
    /// that the file itself contained are not counted.
    pub replacements: usize,
    /// How many bytes of the file those replacements stand for.
    pub undecodable_bytes: usize,
    /// Byte offset in the file (byte-order mark included) of the first undecodable byte.
    pub first_undecodable: Option<usize>,
}

impl Default for Decoded {
    /// An empty UTF-8 text without a byte-order mark, with nothing replaced.
    fn default() -> Self {
        Decoded {
            text: String::new(),
            encoding: "UTF-8",
            bom: false,
            replacements: 0,
            undecodable_bytes: 0,
            first_undecodable: None,
        }
    }
}

impl Decoded {
    /// A sentence for the person who added the file when some of it could not be decoded, such
    /// as "3 bytes could not be decoded as gb18030 and were replaced by � (the first at byte
    /// 17)."; `None` when everything decoded.
    ///
    /// ```
    /// let d = corpus_explorer::decode::decode("a.txt", b"caf\xE9 au lait").unwrap();
    /// assert_eq!(
    ///     d.undecodable_message().unwrap(),
    ///     "1 byte could not be decoded as UTF-8 and was replaced by � (at byte 3)."
    /// );
    /// ```
    pub fn undecodable_message(&self) -> Option<String> {
        let first = self.first_undecodable?;
        let encoding = self.encoding;
        Some(match self.undecodable_bytes {
            1 => format!(
                "1 byte could not be decoded as {encoding} and was replaced by � (at byte {first})."
            ),
            n => format!(
                "{n} bytes could not be decoded as {encoding} and were replaced by � \
                 (the first at byte {first})."
            ),
        })
    }
}

/// Decodes the bytes of the file `name`, detecting the encoding, or says why they cannot be
/// read as text.
///
/// ```
/// use corpus_explorer::decode::decode;
///
/// let d = decode("a.txt", "\u{FEFF}京東".as_bytes()).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding, d.bom), ("京東", "UTF-8", true));
///
/// // 快手电商 saved as GBK.
/// let d = decode("b.txt", b"\xbf\xec\xca\xd6\xb5\xe7\xc9\xcc").unwrap();
/// assert_eq!((d.text.as_str(), d.encoding), ("快手电商", "gb18030"));
/// ```
pub fn decode(name: &str, bytes: &[u8]) -> Result<Decoded> {
    if bytes.is_empty() {
        return Err(Error::Empty {
            name: name.to_owned(),
        });
    }
    let (declared, bom_len) = match Encoding::for_bom(bytes) {
        Some((encoding, len)) => (Some(encoding), len),
        None => (sniff::utf16_without_bom(bytes), 0),
    };
    let body = &bytes[bom_len..];
    let binary = |offset: usize| Error::Binary {
        name: name.to_owned(),
        offset: bom_len + offset,
    };
    let (encoding, decoded) = match declared {
        Some(utf16) if utf16 != Encoding::Utf8 => {
            // UTF-16 is full of NUL bytes, so look for binary content in the characters.
            let decoded = decode_lossy(utf16, body, true);
            if let Some(unit) = sniff::first_binary_unit(&decoded.text) {
                return Err(binary(2 * unit));
            }
            (utf16, decoded)
        }
        _ => {
            if let Some(offset) = sniff::first_binary_byte(body) {
                return Err(binary(offset));
            }
            match (declared, std::str::from_utf8(body)) {
                (None, Ok(text)) => (Encoding::Utf8, clean(text.to_owned())),
                (Some(utf8), _) => (utf8, decode_lossy(utf8, body, true)),
                (None, Err(_)) => {
                    let encoding = guess::guess(body);
                    (encoding, decode_lossy(encoding, body, true))
                }
            }
        }
    };
    if let Some(first_bad) = decoded
        .first_bad
        .filter(|_| unreadable(&decoded, body.len()))
    {
        return Err(Error::Undecodable {
            name: name.to_owned(),
            offset: bom_len + first_bad,
        });
    }
    if decoded.text.chars().all(char::is_whitespace) {
        return Err(Error::WhitespaceOnly {
            name: name.to_owned(),
        });
    }
    Ok(Decoded {
        text: decoded.text,
        encoding: encoding.name(),
        bom: bom_len > 0,
        replacements: decoded.replacements,
        undecodable_bytes: decoded.bad_bytes,
        first_undecodable: decoded.first_bad.map(|offset| bom_len + offset),
    })
}

/// Text that decoded without a single malformed sequence.
fn clean(text: String) -> Lossy {
    Lossy {
        text,
        replacements: 0,
        bad_bytes: 0,
        first_bad: None,
    }
}

/// Whether so much of the file failed to decode, even in the encoding that fitted best, that
/// showing it would help nobody: more than a quarter of its bytes.
fn unreadable(decoded: &Lossy, len: usize) -> bool {
    decoded.bad_bytes * 4 > len
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{Encoding, BIG5, GB18030};
    use proptest::prelude::*;

    /// A Traditional Chinese news article (the Big5 fixture), 6.6 KB with LF line endings.
    const TRADITIONAL: &str = include_str!("../../seeds/000_160cb79cbc9dbeea.txt");
    /// A Simplified Chinese news article (the GB18030 and UTF-16 fixtures), 12.9 KB.
    const SIMPLIFIED: &str = include_str!("../../seeds/001_309b811cfa3d92f8.txt");

    /// Short real sentences (10–20 characters) in both scripts: a detector that needs a long
    /// text to tell GBK from Big5 fails on these.
    const SHORT_SIMPLIFIED: &[&str] = &[
        "今天北京的天气很好，我们去公园散步。",
        "这个问题需要大家一起讨论解决。",
        "他在大学学习经济管理专业。",
        "政府发布了新的环境保护政策。",
        "我们明天早上八点在学校门口见面。",
        "快手宣布与京东达成战略合作",
        "直播带货成为新的经济增长点",
        "人民群众的生活水平不断提高",
    ];
    const SHORT_TRADITIONAL: &[&str] = &[
        "今天台北的天氣很好，我們去公園散步。",
        "這個問題需要大家一起討論解決。",
        "他在大學學習經濟管理專業。",
        "政府發表了新的環境保護政策。",
        "我們明天早上八點在學校門口見面。",
        "快手宣佈與京東達成戰略合作",
        "直播帶貨成為新的經濟增長點",
        "人民群眾的生活水準不斷提高",
    ];

    /// `text` encoded as `encoding`, panicking if any character has no mapping there.
    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(
            !unmappable,
            "fixture does not encode cleanly as {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    /// `text` without the characters that `encoding` cannot encode.
    fn encodable(encoding: &'static Encoding, text: &str) -> String {
        let mut buf = [0; 4];
        text.chars()
            .filter(|c| !encoding.encode(c.encode_utf8(&mut buf)).2)
            .collect()
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    fn ok(bytes: &[u8]) -> Decoded {
        decode("t.txt", bytes).unwrap()
    }

    #[test]
    fn reads_utf8_without_bom() {
        let d = ok("快手电商".as_bytes());
        assert_eq!(d.text, "快手电商");
        assert!(!d.bom);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.undecodable_message(), None);
    }

    #[test]
    fn reads_pure_ascii_as_utf8() {
        let d = ok(b"Plain ASCII, nothing else.\n");
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Plain ASCII, nothing else.\n", "UTF-8")
        );
    }

    #[test]
    fn strips_the_utf8_byte_order_mark_but_keeps_line_endings() {
        let d = ok(b"\xEF\xBB\xBFline\r\nnext\r");
        assert_eq!(d.text, "line\r\nnext\r");
        assert!(d.bom);
    }

    #[test]
    fn reads_a_whole_article_in_utf8_with_bom() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SIMPLIFIED.as_bytes());
        let d = ok(&bytes);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            (SIMPLIFIED, "UTF-8", true)
        );
    }

    #[test]
    fn keeps_crlf_and_lone_cr_exactly_in_every_encoding() {
        let text = SIMPLIFIED.replace('\n', "\r\n") + "末行\r";
        assert_eq!(ok(text.as_bytes()).text, text);
        assert_eq!(ok(&encode(GB18030, &text)).text, text);
        assert_eq!(ok(&utf16le(&text)).text, text);
        let traditional = encodable(BIG5, TRADITIONAL).replace('\n', "\r\n");
        assert_eq!(ok(&encode(BIG5, &traditional)).text, traditional);
    }

    #[test]
    fn reads_a_simplified_article_saved_as_gb18030() {
        let d = ok(&encode(GB18030, SIMPLIFIED));
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            (SIMPLIFIED, "gb18030", false)
        );
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn reads_a_traditional_article_saved_as_big5() {
        // Big5 lacks a few characters the article uses; leave those out of the fixture.
        let text = encodable(BIG5, TRADITIONAL);
        assert!(text.chars().count() > TRADITIONAL.chars().count() - 20);
        let d = ok(&encode(BIG5, &text));
        assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), "Big5"));
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn reads_traditional_text_saved_as_gbk() {
        let text = encodable(BIG5, TRADITIONAL);
        let d = ok(&encode(GB18030, &text));
        assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), "gb18030"));
    }

    #[test]
    fn tells_short_gbk_sentences_from_big5() {
        for &s in SHORT_SIMPLIFIED.iter().chain(SHORT_TRADITIONAL) {
            let d = ok(&encode(GB18030, s));
            assert_eq!((d.text.as_str(), d.encoding), (s, "gb18030"), "GBK {s}");
        }
        for &s in SHORT_TRADITIONAL {
            let d = ok(&encode(BIG5, s));
            assert_eq!((d.text.as_str(), d.encoding), (s, "Big5"), "Big5 {s}");
        }
    }

    #[test]
    fn reads_utf16_with_either_byte_order_mark() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16le(SIMPLIFIED));
        let mut be = vec![0xFE, 0xFF];
        be.extend(utf16be(SIMPLIFIED));
        let d = ok(&le);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            (SIMPLIFIED, "UTF-16LE", true)
        );
        let d = ok(&be);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            (SIMPLIFIED, "UTF-16BE", true)
        );
    }

    #[test]
    fn reads_utf16_without_byte_order_mark_by_its_nul_pattern() {
        for text in [SIMPLIFIED, TRADITIONAL, "Hello\r\nworld\r\n"] {
            let d = ok(&utf16le(text));
            assert_eq!(
                (d.text.as_str(), d.encoding, d.bom),
                (text, "UTF-16LE", false)
            );
            let d = ok(&utf16be(text));
            assert_eq!(
                (d.text.as_str(), d.encoding, d.bom),
                (text, "UTF-16BE", false)
            );
        }
    }

    #[test]
    fn reads_utf16_outside_the_basic_plane_and_counts_a_lone_surrogate() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16le("𠀀字"));
        bytes.extend_from_slice(&[0x00, 0xD8]); // a high surrogate with no low one
        bytes.extend(utf16le("尾\n"));
        let d = ok(&bytes);
        assert_eq!(d.text, "𠀀字\u{FFFD}尾\n");
        assert_eq!(
            (d.replacements, d.undecodable_bytes, d.first_undecodable),
            (1, 2, Some(8))
        );
    }

    #[test]
    fn replaces_and_counts_invalid_utf8_mid_file() {
        let (head, tail) = SIMPLIFIED.split_at(SIMPLIFIED.find("快手").unwrap());
        let mut bytes = head.as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF\xFE\xFD");
        bytes.extend_from_slice(tail.as_bytes());
        let d = ok(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, format!("{head}\u{FFFD}\u{FFFD}\u{FFFD}{tail}"));
        assert_eq!((d.replacements, d.undecodable_bytes), (3, 3));
        assert_eq!(d.first_undecodable, Some(head.len()));
        assert_eq!(
            d.undecodable_message().unwrap(),
            format!(
                "3 bytes could not be decoded as UTF-8 and were replaced by � (the first at byte {}).",
                head.len()
            )
        );
    }

    #[test]
    fn keeps_short_utf8_with_a_damaged_character_as_utf8() {
        // One byte inserted inside a character leaves several malformed sequences in a row;
        // they must count as one damaged spot, or GB18030 gibberish would win.
        let mut bytes = "快手宣布与京东合作".as_bytes().to_vec();
        bytes.insert(13, 0xFF);
        let d = ok(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("快手宣布") && d.text.ends_with("京东合作"));
    }

    #[test]
    fn counts_a_truncated_character_at_the_end_of_a_short_file() {
        let mut bytes = "京东".as_bytes().to_vec();
        bytes.extend_from_slice(&"东".as_bytes()[..2]);
        let d = ok(&bytes);
        assert_eq!((d.text.as_str(), d.encoding), ("京东\u{FFFD}", "UTF-8"));
        assert_eq!((d.undecodable_bytes, d.first_undecodable), (2, Some(6)));
    }

    #[test]
    fn counts_offsets_of_undecodable_bytes_from_the_start_of_the_file() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("京东快手".as_bytes());
        bytes.push(0xFF);
        bytes.extend_from_slice("电商".as_bytes());
        assert_eq!(ok(&bytes).first_undecodable, Some(15));
    }

    #[test]
    fn refuses_bytes_that_no_supported_encoding_reads() {
        assert_eq!(
            decode("x.bin", b"\xFF\xFF\xFF\xFFab"),
            Err(Error::Undecodable {
                name: "x.bin".into(),
                offset: 0
            })
        );
    }

    #[test]
    fn refuses_empty_files() {
        assert_eq!(
            decode("e.txt", b""),
            Err(Error::Empty {
                name: "e.txt".into()
            })
        );
        for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
            assert_eq!(
                decode("e.txt", bom),
                Err(Error::WhitespaceOnly {
                    name: "e.txt".into()
                })
            );
        }
    }

    #[test]
    fn refuses_whitespace_only_including_ideographic_space() {
        let white = " \n\t\u{3000}\r\n";
        for bytes in [
            white.as_bytes().to_vec(),
            encode(GB18030, white),
            utf16le(white),
        ] {
            assert_eq!(
                decode("w.txt", &bytes),
                Err(Error::WhitespaceOnly {
                    name: "w.txt".into()
                })
            );
        }
    }

    #[test]
    fn refuses_binary_data_with_the_offset_of_the_first_nul() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            decode("p.png", png),
            Err(Error::Binary {
                name: "p.png".into(),
                offset: 8
            })
        );
    }

    #[test]
    fn refuses_random_bytes_as_binary() {
        // A fixed xorshift stream: the same "random" file on every run.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        assert!(matches!(decode("r.bin", &bytes), Err(Error::Binary { .. })));
        let no_nul: Vec<u8> = bytes.iter().map(|&b| b.max(1)).collect();
        assert!(matches!(
            decode("r.bin", &no_nul),
            Err(Error::Binary { .. })
        ));
    }

    #[test]
    fn refuses_control_characters_in_utf16_with_a_byte_order_mark() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16le("ab\0cd"));
        assert_eq!(
            decode("u.txt", &bytes),
            Err(Error::Binary {
                name: "u.txt".into(),
                offset: 6
            })
        );
    }

    #[test]
    fn refuses_a_nul_byte_past_the_sniffed_prefix() {
        let mut bytes = "字".repeat(sniff::SNIFF_LEN).into_bytes();
        bytes.push(0);
        assert!(matches!(decode("n.txt", &bytes), Err(Error::Binary { .. })));
    }

    #[test]
    fn accepts_one_stray_control_byte_in_a_long_text() {
        let mut bytes = SIMPLIFIED.as_bytes().to_vec();
        bytes.push(0x1A); // the DOS end-of-file mark
        assert_eq!(ok(&bytes).text, format!("{SIMPLIFIED}\u{1A}"));
    }

    proptest! {
        #[test]
        fn gives_back_any_valid_utf8_text_exactly(
            text in "[\\PC\r\n\t]*[^\\s\\p{C}][\\PC\r\n\t]*"
        ) {
            let d = decode("p.txt", text.as_bytes()).unwrap();
            prop_assert_eq!(d.text, text);
            prop_assert_eq!(d.encoding, "UTF-8");
            prop_assert_eq!(d.replacements, 0);
        }

        #[test]
        fn never_panics_and_accounts_for_every_replacement(
            bytes in prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..600),
                proptest::collection::vec(0x80u8..=0xFF, 0..600),
                "\\PC{0,200}".prop_map(|s| encode_lossy(GB18030, &s)),
                "\\PC{0,200}".prop_map(|s| encode_lossy(BIG5, &s)),
                "\\PC{0,200}".prop_map(|s| utf16le(&s)),
            ]
        ) {
            if let Ok(d) = decode("p.bin", &bytes) {
                prop_assert!(!d.text.trim().is_empty());
                prop_assert!(d.replacements <= d.undecodable_bytes);
                prop_assert!(d.text.matches(char::REPLACEMENT_CHARACTER).count() >= d.replacements);
                prop_assert_eq!(d.first_undecodable.is_some(), d.replacements > 0);
                prop_assert!(d.first_undecodable.is_none_or(|o| o < bytes.len()));
            }
        }
    }

    fn encode_lossy(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        encoding.encode(text).0.into_owned()
    }
}
