//! Our decoders against `encoding_rs`, byte for byte, malformed sequences included.
//!
//! `encoding_rs` is Firefox's implementation of the WHATWG Encoding Standard and what this
//! module shipped before it had decoders of its own; it stays as a dev-dependency to be the
//! reference here. [`reference`] is the decoding this module used to do with it (replacement,
//! counting each malformed sequence it reports), and every test asserts that
//! [`decode_lossy`] gives the same [`Lossy`]: the same text, the same number of U+FFFD, the
//! same number of bytes they stand for and the same first offset. Every two-byte sequence,
//! every four-byte GB18030 sequence and random inputs of several shapes are compared.

use encoding_rs::DecoderResult;
use proptest::prelude::*;

use super::encoding::Encoding;
use super::lossy::Lossy;
use super::tables::embedded;

/// Our decoding, with the tables compiled into the crate.
fn decode_lossy(encoding: Encoding, bytes: &[u8], last: bool) -> Lossy {
    super::lossy::decode_lossy(encoding, bytes, last, embedded()).expect("the tables are embedded")
}

const ALL: [Encoding; 5] = [
    Encoding::Utf8,
    Encoding::Utf16Le,
    Encoding::Utf16Be,
    Encoding::Gb18030,
    Encoding::Big5,
];

fn theirs(encoding: Encoding) -> &'static encoding_rs::Encoding {
    match encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Gb18030 => encoding_rs::GB18030,
        Encoding::Big5 => encoding_rs::BIG5,
    }
}

/// `bytes` decoded by `encoding_rs` with replacement, each malformed sequence it reports
/// counted with its length and offset.
fn reference(encoding: Encoding, bytes: &[u8], last: bool) -> Lossy {
    let mut decoder = theirs(encoding).new_decoder_without_bom_handling();
    let mut out = Lossy::with_capacity_for(bytes.len());
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut out.text, last);
        read += n;
        match result {
            DecoderResult::InputEmpty => return out,
            DecoderResult::OutputFull => {
                let rest = bytes.len() - read;
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(rest)
                    .unwrap_or(rest);
                out.text.reserve(more.max(16));
            }
            DecoderResult::Malformed(len, after) => {
                // The sequence ended `after` bytes before what has been read.
                let (len, after) = (usize::from(len), usize::from(after));
                out.malformed(read - after - len, len);
            }
        }
    }
}

/// Panics with the input in hex when our decoding of `bytes` differs from `encoding_rs`'s.
fn assert_same(encoding: Encoding, bytes: &[u8], last: bool) {
    let ours = decode_lossy(encoding, bytes, last);
    let expected = reference(encoding, bytes, last);
    assert!(
        ours == expected,
        "{} (last: {last}) of {bytes:02X?}:\n ours: {ours:?}\ntheirs: {expected:?}",
        encoding.name()
    );
}

#[test]
fn every_two_byte_sequence_decodes_as_encoding_rs_does() {
    for encoding in ALL {
        for lead in 0..=0xFFu8 {
            for trail in 0..=0xFFu8 {
                for last in [true, false] {
                    assert_same(encoding, &[lead, trail], last);
                }
            }
        }
    }
}

#[test]
fn every_two_byte_sequence_in_running_text_decodes_as_encoding_rs_does() {
    // All sequences of one lead byte in one input, between ASCII and before a lead byte, so
    // that what a malformed sequence consumes shows in what follows it.
    for encoding in [Encoding::Gb18030, Encoding::Big5] {
        for lead in 0..=0xFFu8 {
            let mut bytes = Vec::new();
            for trail in 0..=0xFFu8 {
                bytes.extend_from_slice(&[b'a', lead, trail]);
            }
            bytes.push(0xA4);
            for last in [true, false] {
                assert_same(encoding, &bytes, last);
            }
        }
    }
}

#[test]
fn every_four_byte_gb18030_sequence_decodes_as_encoding_rs_does() {
    // All 1,587,600 sequences of the four-byte shape, the BMP ranges, the astral planes and
    // the unmapped pointers between them, one input per lead byte.
    for lead in 0x81..=0xFEu8 {
        let mut bytes = Vec::with_capacity(10 * 126 * 10 * 4);
        for second in 0x30..=0x39u8 {
            for third in 0x81..=0xFEu8 {
                for fourth in 0x30..=0x39u8 {
                    bytes.extend_from_slice(&[lead, second, third, fourth]);
                }
            }
        }
        assert_same(Encoding::Gb18030, &bytes, true);
    }
}

#[test]
fn every_broken_four_byte_gb18030_sequence_decodes_as_encoding_rs_does() {
    // Any third and fourth byte after a lead and a digit, cut off, alone and before more
    // text.
    for third in 0..=0xFFu8 {
        for last in [true, false] {
            assert_same(Encoding::Gb18030, &[0x81, 0x30, third], last);
        }
        for fourth in 0..=0xFFu8 {
            for last in [true, false] {
                assert_same(Encoding::Gb18030, &[0x81, 0x30, third, fourth], last);
            }
            assert_same(
                Encoding::Gb18030,
                &[0xFE, 0x39, third, fourth, 0x35, b'a'],
                true,
            );
        }
    }
}

/// Bytes that hit every branch of the decoders often: ASCII, digits, GBK and Big5 trails,
/// lead bytes, the bytes no encoding here starts a character with, and UTF-8 and UTF-16
/// surrogate material.
fn byte_soup() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            2 => 0x20..=0x7Eu8,
            2 => 0x30..=0x39u8,
            1 => 0x40..=0x7Eu8,
            3 => 0x81..=0xFEu8,
            2 => 0xA1..=0xFEu8,
            1 => prop_oneof![Just(0x00u8), Just(0x7F), Just(0x80), Just(0xA0), Just(0xFF)],
            1 => 0xD8..=0xDFu8,
            1 => 0x80..=0xBFu8,
            1 => 0xC0..=0xF7u8,
        ],
        0..64,
    )
}

/// Chinese text encoded as `encoding_rs` does it, with a few bytes overwritten, inserted or
/// removed: real text with the damage that real files have.
fn damaged_text() -> impl Strategy<Value = Vec<u8>> {
    (
        "[\\PC\r\n]{0,40}",
        prop_oneof![Just(encoding_rs::GB18030), Just(encoding_rs::BIG5)],
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 0..4),
    )
        .prop_map(|(text, encoding, edits)| {
            let mut bytes = encoding.encode(&text).0.into_owned();
            for (at, byte, kind) in edits {
                let at = at.index(bytes.len() + 1);
                match kind {
                    0 if at < bytes.len() => bytes[at] = byte,
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, byte),
                }
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn random_bytes_decode_as_encoding_rs_does(
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
        last in any::<bool>(),
    ) {
        for encoding in ALL {
            prop_assert_eq!(
                decode_lossy(encoding, &bytes, last),
                reference(encoding, &bytes, last),
                "{}", encoding.name()
            );
        }
    }

    #[test]
    fn byte_soup_decodes_as_encoding_rs_does(bytes in byte_soup(), last in any::<bool>()) {
        for encoding in ALL {
            prop_assert_eq!(
                decode_lossy(encoding, &bytes, last),
                reference(encoding, &bytes, last),
                "{}", encoding.name()
            );
        }
    }

    #[test]
    fn damaged_chinese_text_decodes_as_encoding_rs_does(
        bytes in damaged_text(),
        last in any::<bool>(),
    ) {
        for encoding in ALL {
            prop_assert_eq!(
                decode_lossy(encoding, &bytes, last),
                reference(encoding, &bytes, last),
                "{}", encoding.name()
            );
        }
    }

    #[test]
    fn utf16_with_stray_surrogates_decodes_as_encoding_rs_does(
        units in proptest::collection::vec(
            prop_oneof![0x20..0x7Fu16, 0x4E00..0xA000u16, 0xD800..0xE000u16],
            0..40,
        ),
        odd in proptest::option::of(any::<u8>()),
        last in any::<bool>(),
    ) {
        for (encoding, unit_bytes) in [
            (Encoding::Utf16Le, u16::to_le_bytes as fn(u16) -> [u8; 2]),
            (Encoding::Utf16Be, u16::to_be_bytes),
        ] {
            let mut bytes: Vec<u8> = units.iter().copied().flat_map(unit_bytes).collect();
            bytes.extend(odd);
            prop_assert_eq!(
                decode_lossy(encoding, &bytes, last),
                reference(encoding, &bytes, last),
                "{}", encoding.name()
            );
        }
    }
}

/// Decode speed against `encoding_rs` on 10 MB of the seed articles, saved as GB18030 and as
/// Big5. Timings mean something only in a release build:
/// `cargo test --release --lib decode::differential -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark; run it in release mode"]
fn measures_decode_speed_against_encoding_rs_on_ten_megabytes() {
    use std::time::Instant;

    const SEEDS: [&str; 5] = [
        include_str!("../../seeds/000_160cb79cbc9dbeea.txt"),
        include_str!("../../seeds/001_309b811cfa3d92f8.txt"),
        include_str!("../../seeds/002_8288d1e6a0cd6100.txt"),
        include_str!("../../seeds/003_85f297a51afbf37a.txt"),
        include_str!("../../seeds/004_43bb41bc52e1228d.txt"),
    ];
    let text = SEEDS.concat();
    for encoding in [Encoding::Gb18030, Encoding::Big5] {
        let once = theirs(encoding).encode(&text).0.into_owned();
        let bytes = once.repeat((10_000_000 / once.len()) + 1);
        // Build the table first: that is paid once per page, not per file.
        let start = Instant::now();
        decode_lossy(encoding, b"\xA4\xA4", true);
        let table = start.elapsed();
        let best = |decode: &dyn Fn() -> Lossy| {
            (0..5)
                .map(|_| {
                    let start = Instant::now();
                    std::hint::black_box(decode());
                    start.elapsed()
                })
                .min()
                .unwrap_or_default()
        };
        let ours = best(&|| decode_lossy(encoding, &bytes, true));
        let reference_time = best(&|| reference(encoding, &bytes, true));
        assert_eq!(
            decode_lossy(encoding, &bytes, true),
            reference(encoding, &bytes, true)
        );
        let mb = bytes.len() as f64 / 1e6;
        println!(
            "{}: table built in {:.2} ms; {mb:.1} MB, ours {:.1} ms ({:.0} MB/s), \
             encoding_rs {:.1} ms ({:.0} MB/s)",
            encoding.name(),
            table.as_secs_f64() * 1e3,
            ours.as_secs_f64() * 1e3,
            mb / ours.as_secs_f64(),
            reference_time.as_secs_f64() * 1e3,
            mb / reference_time.as_secs_f64(),
        );
    }
}
