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

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
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
