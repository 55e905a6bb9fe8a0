//! Generates the Traditional→Simplified character table used by `src/fold/`.
//!
//! The table comes from OpenCC's `t2s` conversion (TSCharacters + TSPhrases, through the
//! `ferrous-opencc` crate, Apache-2.0). We ask OpenCC for the conversion of every single
//! ideograph in the Unicode CJK blocks and keep the pairs where the answer is one different
//! character. The result is a sorted list of `(traditional, simplified)` code points written to
//! `$OUT_DIR/t2s_table.bin` as little-endian `u32` pairs; the crate embeds it with
//! `include_bytes!`. A second list, `simplified_only.bin`, holds the characters that OpenCC's
//! `s2t` turns into another character: the ones only Simplified script uses, for telling
//! which script a document is written in.
//!
//! Why per character and not OpenCC's phrase conversion of whole texts: search folding must be
//! the same for a substring as for the text around it. A phrase table converts 乾 inside 乾隆
//! differently from 乾 alone, so a one-character query would miss occurrences that the phrase
//! rule rewrote. A per-character fold is a fixed equivalence, applied identically to documents
//! and queries, so every substring of a document folds to a substring of the folded document.
//! The phrase tables still decide nothing here; only the character table does.
//!
//! A second step writes the index tables of the GB18030 and Big5 decoders in `src/decode/`,
//! read off `encoding_rs` (a build dependency only), embedded natively and shipped to the
//! browser as a separate file; see [`encoding_tables`].

use std::{env, fs, path::Path};

use ferrous_opencc::{config::BuiltinConfig, OpenCC};

/// Code point ranges holding CJK ideographs that OpenCC's tables mention.
const CJK_RANGES: &[(u32, u32)] = &[
    (0x2E80, 0x2FDF),   // radicals supplement, Kangxi radicals
    (0x3000, 0x303F),   // CJK symbols and punctuation
    (0x3400, 0x4DBF),   // extension A
    (0x4E00, 0x9FFF),   // unified ideographs
    (0xF900, 0xFAFF),   // compatibility ideographs
    (0x20000, 0x323AF), // extensions B–H
];

/// Every ideograph that `config` converts to a single different character, with its target.
fn single_char_conversions(config: BuiltinConfig) -> Vec<(u32, u32)> {
    let opencc = OpenCC::from_config(config).expect("OpenCC tables load");
    let mut table = Vec::new();
    let mut buf = [0u8; 4];
    for &(start, end) in CJK_RANGES {
        for code in start..=end {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            let converted = opencc.convert(ch.encode_utf8(&mut buf));
            let mut chars = converted.chars();
            if let (Some(target), None) = (chars.next(), chars.next()) {
                if target != ch {
                    table.push((code, target as u32));
                }
            }
        }
    }
    table
}

fn write_u32s(name: &str, values: impl IntoIterator<Item = u32>) {
    let bytes: Vec<u8> = values.into_iter().flat_map(u32::to_le_bytes).collect();
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    fs::write(out, bytes).expect("write generated table");
}

/// The wasm stack in bytes, instead of the linker's default 1 MiB: the stack is part of every
/// instance's memory, which never shrinks (issue 15 item 5: a corpus in at most 1.5× its text).
/// The deepest input any core accepts used 26 KiB of it (JSON at serde_json's recursion limit;
/// a regex at its nesting limit 16 KiB), measured by `tests/node/stack.test.mjs`, which fails
/// when one uses more than half. Rust lays the stack first in memory (`--stack-first`), so an
/// overflow faults below address 0 instead of writing over data.
const WASM_STACK_BYTES: u32 = 256 << 10;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=-zstack-size={WASM_STACK_BYTES}");
    }
    let mut table = single_char_conversions(BuiltinConfig::T2s);
    // OpenCC's character table is not closed under itself: a simplified form can be listed again
    // as a traditional key, and a few pairs point at each other. Send every character to the end
    // of its chain (to the smallest member when the chain loops) so that folding is idempotent,
    // fold(fold(c)) == fold(c), which the crate's property tests check.
    let direct: std::collections::HashMap<u32, u32> = table.iter().copied().collect();
    for entry in &mut table {
        entry.1 = canonical(entry.0, &direct);
    }
    table.retain(|(from, to)| from != to);
    table.sort_unstable();
    write_u32s(
        "t2s_table.bin",
        table.iter().flat_map(|&(from, to)| [from, to]),
    );

    // Characters written only in Simplified script: those whose own Traditional form (OpenCC
    // s2t, first candidate) is a different character, such as 东 → 東. Shared characters such
    // as 合 convert to themselves and are left out.
    let mut simplified: Vec<u32> = single_char_conversions(BuiltinConfig::S2t)
        .into_iter()
        .map(|(from, _)| from)
        .collect();
    simplified.sort_unstable();
    write_u32s("simplified_only.bin", simplified);

    encoding_tables();
}

/// The end of `start`'s chain of conversions, or the smallest code point of the loop it enters.
fn canonical(start: u32, direct: &std::collections::HashMap<u32, u32>) -> u32 {
    let mut seen = vec![start];
    let mut current = start;
    while let Some(&next) = direct.get(&current) {
        if let Some(at) = seen.iter().position(|&c| c == next) {
            return *seen[at..].iter().min().expect("a loop has members");
        }
        seen.push(next);
        current = next;
    }
    current
}

/// Writes the index tables of the WHATWG Encoding Standard's GB18030 and Big5 decoders, which
/// `src/decode/gb18030.rs` and `src/decode/big5.rs` implement.
///
/// Nothing is typed in by hand: each table is read off `encoding_rs` (the same decoders, as
/// Firefox ships them) by decoding every pointer's byte sequence without replacement, so our
/// decoders give exactly its output, which `src/decode/differential.rs` checks exhaustively.
///
/// Native builds embed the three files (`src/decode/tables.rs`); the wasm build does not, and
/// `src/bin/encoding_tables.rs` writes them into `data/encodings.bin`, which the page loads
/// only when a file is neither UTF-8 nor UTF-16. They are generated for every target all the
/// same, so the file the page loads holds the very tables the native tests check.
///
/// - `gb18030_index.bin`: index gb18030, pointer = (lead − 0x81) × 190 + (trail − offset),
///   23,940 pointers, in the [`pack_index`] format.
/// - `big5_index.bin`: index Big5, pointer = (lead − 0x81) × 157 + (trail − offset), 19,782
///   pointers, the same format. The four pointers that decode to two code points (Ê̄, Ê̌, ê̄,
///   ê̌) are left unmapped here: the decoder's algorithm names them itself.
/// - `gb18030_ranges.bin`: index gb18030 ranges, the four-byte sequences of the BMP as
///   `(first pointer, its code point)` runs, little-endian `u16` pairs (about 200): within a
///   run, pointer and code point advance together.
fn encoding_tables() {
    use encoding_rs::{BIG5, GB18030};

    let gb18030: Vec<Option<char>> = two_byte_sequences((0x40..=0x7E).chain(0x80..=0xFE))
        .map(|bytes| match decoded_chars(GB18030, &bytes).as_slice() {
            [] => None,
            &[c] => Some(c),
            more => panic!("gb18030 {bytes:02X?} decodes to {more:?}"),
        })
        .collect();
    assert_eq!(gb18030.len(), 126 * 190);
    write_bytes("gb18030_index.bin", &pack_index(&gb18030));

    let big5: Vec<Option<char>> = two_byte_sequences((0x40..=0x7E).chain(0xA1..=0xFE))
        .enumerate()
        .map(|(pointer, bytes)| {
            let chars = decoded_chars(BIG5, &bytes);
            match chars.as_slice() {
                [] => None,
                &[c] => Some(c),
                // The spec's own special cases, handled in `src/decode/big5.rs`.
                [_, _] if [1133, 1135, 1164, 1166].contains(&pointer) => None,
                more => panic!("Big5 {bytes:02X?} decodes to {more:?}"),
            }
        })
        .collect();
    assert_eq!(big5.len(), 126 * 157);
    write_bytes("big5_index.bin", &pack_index(&big5));

    // Four-byte pointers 0..=39419 cover the BMP; the astral planes (from pointer 189000)
    // are one run the decoder computes itself.
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for pointer in 0..=39_419u32 {
        let bytes = [
            (0x81 + pointer / 12_600) as u8,
            (0x30 + pointer / 1_260 % 10) as u8,
            (0x81 + pointer / 10 % 126) as u8,
            (0x30 + pointer % 10) as u8,
        ];
        let &[c] = decoded_chars(GB18030, &bytes).as_slice() else {
            panic!("gb18030 {bytes:02X?} does not decode to one code point");
        };
        let code = u32::from(c);
        match ranges.last() {
            Some(&(first, first_code)) if code == first_code + (pointer - first) => {}
            _ => ranges.push((pointer, code)),
        }
    }
    let bytes: Vec<u8> = ranges
        .iter()
        .flat_map(|&(pointer, code)| [pointer, code])
        .map(|n| u16::try_from(n).expect("BMP pointers and code points fit u16"))
        .flat_map(u16::to_le_bytes)
        .collect();
    write_bytes("gb18030_ranges.bin", &bytes);
}

/// Every sequence of a lead byte 0x81–0xFE and one of `trails`, in pointer order.
fn two_byte_sequences(trails: impl Iterator<Item = u8> + Clone) -> impl Iterator<Item = [u8; 2]> {
    (0x81..=0xFEu8).flat_map(move |lead| trails.clone().map(move |trail| [lead, trail]))
}

/// The characters `encoding` decodes `bytes` to, or none when they are malformed.
fn decoded_chars(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Vec<char> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map_or_else(Vec::new, |text| text.chars().collect())
}

/// An index as a byte stream that gzip shrinks well: per pointer, 0 when it is unmapped,
/// else 1 + the zigzag-coded difference from the previous mapped code point, as a LEB128
/// varint. Indexes list characters mostly in rising runs, so most differences are small and
/// repeat; measured with `gzip -9`, GB18030's index takes 16.0 KB this way against 45.7 KB as
/// plain `u16`s, Big5's 25.5 KB against 36.3 KB. `src/decode/tables.rs` expands it on first use.
fn pack_index(index: &[Option<char>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut previous = 0i64;
    for entry in index {
        let mut n = match *entry {
            None => 0,
            Some(c) => {
                let delta = i64::from(u32::from(c)) - previous;
                previous = i64::from(u32::from(c));
                1 + ((delta << 1) ^ (delta >> 63)) as u64
            }
        };
        while n >= 0x80 {
            out.push((n as u8 & 0x7F) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }
    out
}

fn write_bytes(name: &str, bytes: &[u8]) {
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    fs::write(out, bytes).expect("write generated table");
}
