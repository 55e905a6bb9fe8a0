//! Tests of decoding: detection, each decoder, lossy input and refusals.

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

/// Files in every way the detection can go: UTF-8 with and without a byte-order mark (and
/// damaged after one), UTF-16 by mark and by NULs, GB18030, Big5, and refused ones.
fn files_of_every_kind() -> Vec<(&'static str, Vec<u8>)> {
    let mut utf8_bom_damaged = b"\xEF\xBB\xBF".to_vec();
    utf8_bom_damaged.extend_from_slice("京东\u{FF}".as_bytes());
    utf8_bom_damaged.push(0xFF);
    let mut utf16_bom = vec![0xFF, 0xFE];
    utf16_bom.extend(utf16le(SIMPLIFIED));
    vec![
        ("utf8", SIMPLIFIED.as_bytes().to_vec()),
        (
            "utf8-bom",
            [&b"\xEF\xBB\xBF"[..], SIMPLIFIED.as_bytes()].concat(),
        ),
        ("utf8-bom-damaged", utf8_bom_damaged),
        ("utf16le-bom", utf16_bom),
        ("utf16be-nul", utf16be(TRADITIONAL)),
        ("gb18030", encode(GB18030, SIMPLIFIED)),
        ("big5", encode(BIG5, &encodable(BIG5, TRADITIONAL))),
        ("utf8-damaged", b"\xE4\xBA\xAC\xFF\xE4\xB8\x9C".to_vec()),
        ("empty", Vec::new()),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ("controls", b"\x81\x01\x02\x03\x04\xA4\xA4".to_vec()),
    ]
}

/// The kinds in [`files_of_every_kind`] that only the GB18030/Big5 contest can read.
const NEED_TABLES: [&str; 3] = ["gb18030", "big5", "utf8-damaged"];

#[test]
fn asks_for_the_encoding_tables_before_reading_gbk_or_big5_without_them() {
    let decoder = Decoder::without_tables();
    for (kind, bytes) in files_of_every_kind() {
        if NEED_TABLES.contains(&kind) {
            let err = decoder.decode("旧文.txt", &bytes).unwrap_err();
            assert_eq!(
                err,
                Error::NeedsEncodingTables {
                    name: "旧文.txt".into()
                },
                "{kind}"
            );
            assert_eq!(
                err.to_string(),
                "“旧文.txt” is not UTF-8 or UTF-16; the GB18030/Big5 tables must be loaded \
                 first (loadEncodingTables)."
            );
        } else {
            // Everything else decodes (or is refused) exactly as with the tables.
            assert_eq!(
                decoder.decode("t.txt", &bytes),
                decode("t.txt", &bytes),
                "{kind}"
            );
        }
    }
}

#[test]
fn needs_the_tables_only_for_bytes_neither_utf8_nor_utf16_nor_refused() {
    let without = Decoder::without_tables();
    for (kind, bytes) in files_of_every_kind() {
        assert_eq!(
            without.needs_tables(&bytes),
            NEED_TABLES.contains(&kind),
            "{kind}"
        );
        // Natively the tables are embedded: nothing ever needs loading.
        assert!(!Decoder::default().needs_tables(&bytes), "{kind}");
    }
}

#[test]
fn reads_gbk_and_big5_once_the_tables_file_is_loaded() {
    let mut decoder = Decoder::without_tables();
    decoder.load_tables(&encoding_tables_file()).unwrap();
    assert!(decoder.has_tables());
    for (kind, bytes) in files_of_every_kind() {
        assert!(!decoder.needs_tables(&bytes), "{kind}");
        assert_eq!(
            decoder.decode("t.txt", &bytes),
            decode("t.txt", &bytes),
            "{kind}"
        );
    }
}

#[test]
fn a_bad_tables_file_leaves_the_decoder_as_it_was() {
    let mut file = encoding_tables_file();
    file.truncate(file.len() / 2);
    let mut without = Decoder::without_tables();
    let err = without.load_tables(&file).unwrap_err();
    assert!(matches!(err, Error::BadEncodingTables { .. }), "{err:?}");
    assert!(err.to_string().contains("cut off"), "{err}");
    assert!(!without.has_tables());
    let mut embedded = Decoder::default();
    assert!(embedded.load_tables("的 100\n".as_bytes()).is_err());
    assert!(embedded.has_tables());
}

#[test]
fn a_corpus_without_tables_refuses_gbk_unchanged_until_they_are_loaded() {
    // The browser's corpus, simulated natively.
    let mut corpus = crate::store::Store::new();
    corpus.decoder = Decoder::without_tables();
    corpus.add_document("a.txt", SIMPLIFIED.as_bytes()).unwrap();
    let gbk = encode(GB18030, "快手宣布与京东达成战略合作");
    assert_eq!(
        corpus.add_document("b.txt", &gbk),
        Err(Error::NeedsEncodingTables {
            name: "b.txt".into()
        })
    );
    assert_eq!(corpus.len(), 1);
    assert!(corpus.load_encoding_tables(b"CXENC").is_err());
    assert!(corpus.decoder.needs_tables(&gbk));
    corpus
        .load_encoding_tables(&encoding_tables_file())
        .unwrap();
    assert!(!corpus.decoder.needs_tables(&gbk));
    assert_eq!(corpus.add_document("b.txt", &gbk), Ok(1));
    assert_eq!(corpus.documents()[1].encoding, "gb18030");
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
