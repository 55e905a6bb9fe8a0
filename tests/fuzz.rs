//! Fuzzing with proptest: everything that reads user input, fed arbitrary input.
//!
//! cargo-fuzz needs a nightly toolchain, which this project's machines cannot install, so the
//! fuzz targets are property tests driven by random and structured inputs. Each target asserts
//! that the code under test returns (an answer or an error) without panicking, and checks the
//! invariants a caller relies on.
//!
//! CI runs a short smoke (the default case counts below). A long local run:
//!
//! ```sh
//! FUZZ_CASES=2000000 cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! Every crash found becomes a named regression test next to the code it concerns. Runs so
//! far (2026-11-23): 10.2 million executions (3.4 million per target) and, after the decoder
//! rewrite, 3 million more (1 million per target), without a failure. The snapshot targets
//! (random bytes, cut-off and flipped snapshots, damage behind resealed checksums),
//! 2026-12-07: 3,000 cases each (a debug build on a loaded machine), without a failure.

use corpus_explorer::analyse::concordance::ConcordanceOptions;
use corpus_explorer::search::SearchOptions;
use corpus_explorer::{query, snapshot, Corpus, Error};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Cases per target: `FUZZ_CASES` or a smoke-sized default.
fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bytes that look like the files people drop: text in several encodings with damage,
/// control characters, markup and the odd binary run.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let text = "[京東东快手电商 。，！“”\\n\\r\\t分享到相关文章0-9a-zA-Z<>/&\u{200F}\u{202E}\u{FEFF}\u{20000}\u{301}]{0,200}";
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        text.prop_map(String::into_bytes),
        (text, prop::collection::vec(any::<u8>(), 0..8), 0usize..200).prop_map(|(t, junk, at)| {
            let mut b = t.into_bytes();
            let at = at.min(b.len());
            b.splice(at..at, junk);
            b
        }),
        text.prop_map(|t| {
            let mut b = vec![0xFF, 0xFE];
            b.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
    ]
}

/// Queries as people type them, and worse.
fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[京東东快手电商 \"“”/\\\\()\\[\\]{}*+?|^$.:：\\-ORtitle:date:script:entity:0-9]{0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config(300))]

    /// decode + parse + clean + index: any bytes are either refused with a message or added,
    /// and an added document's raw text and removed spans are consistent.
    #[test]
    fn ingest_never_panics(bytes in file_bytes(), name in any::<String>()) {
        let mut corpus = Corpus::new();
        match corpus.add_document(&name, &bytes) {
            Ok(id) => {
                let raw = corpus.raw_text(id).unwrap().into_owned();
                let info = &corpus.documents()[0];
                let units = raw.encode_utf16().count();
                for r in &info.removed {
                    prop_assert!(r.start <= r.end && r.end <= units);
                }
                prop_assert!(corpus.text(id).unwrap().len() <= raw.len() + info.paragraphs);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// The query parser answers every string with a query or a message with a position.
    #[test]
    fn query_parser_never_panics(q in query_text()) {
        if let Err(e) = query::parse(&q) {
            prop_assert!(e.at <= q.chars().count().max(query::parse::MAX_QUERY_CHARS));
            prop_assert!(!e.message.is_empty());
        }
    }

    /// Search, reader and concordance with arbitrary queries over arbitrary corpora: an answer
    /// or an error, never a panic; every snippet is text of the document.
    #[test]
    fn search_and_concordance_never_panic(
        docs in prop::collection::vec("[京東东快手电商 。，“”\\n分享到a-z0-9]{1,80}", 1..4),
        q in query_text(),
        variants in any::<bool>(),
        include_removed in any::<bool>(),
    ) {
        let mut corpus = Corpus::new();
        for (i, d) in docs.iter().enumerate() {
            let _ = corpus.add_document(&format!("{i}.txt"), d.as_bytes());
        }
        let options = SearchOptions { variants, include_removed, ..SearchOptions::default() };
        if let Ok(results) = corpus.search(&q, &options) {
            for hit in &results.hits {
                let text = if include_removed { corpus.raw_text(hit.id).unwrap().into_owned() } else { corpus.text(hit.id).unwrap().into_owned() };
                for s in &hit.snippets {
                    let line = format!("{}{}{}", s.before, s.matched, s.after);
                    prop_assert!(text.contains(&s.matched), "snippet match not in the text");
                    prop_assert!(!line.is_empty());
                }
                let _ = corpus.reader(hit.id, &q, &options);
            }
        }
        let _ = corpus.concordance(&q, &ConcordanceOptions { include_removed, variants, ..ConcordanceOptions::default() });
    }
}

/// A real snapshot: the seeds with a user variant and word, searched once (index built).
fn seed_snapshot() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let mut corpus = corpus_explorer::testing::seed_corpus();
        corpus.add_variant("抖音", "抖抖音").unwrap();
        corpus.add_word("直播电商").unwrap();
        corpus.search("京东", &SearchOptions::default()).unwrap();
        corpus.save()
    })
}

/// Recomputes every checksum of a snapshot (by the layout in `src/snapshot/mod.rs`), so that
/// damage reaches the section readers instead of stopping at the checksums: what a crafted
/// file, or a bug in a writer, would hand them.
fn reseal(bytes: &mut [u8]) {
    let count = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let table_end = snapshot::HEADER_LEN + snapshot::ENTRY_LEN * count;
    if table_end + 4 > bytes.len() {
        return;
    }
    for i in 0..count {
        let at = snapshot::HEADER_LEN + snapshot::ENTRY_LEN * i;
        let offset = u64::from_le_bytes(bytes[at + 8..at + 16].try_into().unwrap());
        let length = u64::from_le_bytes(bytes[at + 16..at + 24].try_into().unwrap());
        let Some(body) = offset
            .checked_add(length)
            .and_then(|end| bytes.get(offset as usize..end as usize))
        else {
            continue;
        };
        let crc = crc32(body);
        bytes[at + 24..at + 28].copy_from_slice(&crc.to_le_bytes());
    }
    let crc = crc32(&bytes[..table_end]);
    bytes[table_end..table_end + 4].copy_from_slice(&crc.to_le_bytes());
}

/// CRC-32 (zip's), written out again so the test does not lean on the code it checks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// What opening any bytes may give: a corpus that answers a search, or one of the snapshot
/// errors with a message. Never a panic, never another kind of error.
fn open_checked(bytes: &[u8]) -> Result<(), TestCaseError> {
    match Corpus::open(bytes) {
        Ok(mut corpus) => {
            let _ = corpus.search("京东", &SearchOptions::default());
            let _ = corpus.documents();
            if !corpus.is_empty() {
                let _ = corpus.reader(0, "快手", &SearchOptions::default());
            }
        }
        Err(e) => {
            prop_assert!(
                matches!(
                    e,
                    Error::NotASnapshot
                        | Error::SnapshotTooNew { .. }
                        | Error::SnapshotTruncated { .. }
                        | Error::SnapshotDamaged { .. }
                ),
                "{e:?}"
            );
            prop_assert!(!e.to_string().is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(300))]

    /// Random bytes, with and without the snapshot's magic in front, are refused.
    #[test]
    fn opening_random_bytes_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        magic in any::<bool>(),
    ) {
        let mut input = if magic { snapshot::MAGIC.to_vec() } else { Vec::new() };
        input.extend(bytes);
        open_checked(&input)?;
    }

    /// A real snapshot cut anywhere is refused as cut off (or, before the magic ends, as not
    /// a snapshot); with bits flipped, as damaged.
    #[test]
    fn truncated_and_flipped_snapshots_are_refused(
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..4),
    ) {
        let bytes = seed_snapshot();
        let len = cut.index(bytes.len());
        let err = Corpus::open(&bytes[..len]).expect_err("a cut-off snapshot");
        prop_assert!(
            matches!(err, Error::SnapshotTruncated { .. } | Error::NotASnapshot),
            "cut at {}: {:?}", len, err
        );
        let mut flipped = bytes.to_vec();
        for (at, bit) in &flips {
            flipped[at.index(bytes.len())] ^= 1 << bit;
        }
        open_checked(&flipped)?;
        if flipped[..8] == snapshot::MAGIC && flipped[8..12] == bytes[8..12] {
            prop_assert!(Corpus::open(&flipped).is_err(), "a flipped bit went unnoticed");
        }
    }

    /// Damage behind valid checksums reaches the section readers: an answer or an error, never
    /// a panic.
    #[test]
    fn damage_behind_valid_checksums_never_panics(
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        let mut bytes = seed_snapshot().to_vec();
        // Change section bytes only (after the header, table and its checksum).
        let sections = snapshot::table(&bytes).expect("a sound snapshot").len();
        let body_start = snapshot::HEADER_LEN + snapshot::ENTRY_LEN * sections + 4;
        for (at, value) in &changes {
            let at = body_start + at.index(bytes.len() - body_start);
            bytes[at] = *value;
        }
        reseal(&mut bytes);
        open_checked(&bytes)?;
    }
}
