//! The index tables of the GB18030 and Big5 decoders, and the file the page loads them from.
//!
//! `build.rs` reads the tables off `encoding_rs` at build time (decoding every pointer's byte
//! sequence), so they equal the WHATWG Encoding Standard's index-gb18030, index-gb18030-ranges
//! and index-big5 as Firefox implements them. The two large indexes are packed (see
//! `pack_index` in `build.rs`: gzip shrinks them to 16 KB and 25 KB instead of 46 KB and 36 KB
//! as plain `u16`s) and are expanded here into one `Option<char>` per pointer: 96 KB and 79 KB
//! of memory, a fraction of a millisecond natively (3 ms for the first load in Node's wasm).
//!
//! # Embedded natively, loaded in the browser
//!
//! The tables are 44 KB of the wasm's gzip size, yet only files that are neither UTF-8 nor
//! UTF-16 need them. So the wasm build (`target_arch = "wasm32"`) does not embed them: the
//! page fetches `data/encodings.bin` when a file needs it and hands it to
//! [`EncodingTables::from_file`] (through `Corpus::load_encoding_tables`). Every other target
//! embeds them with `include_bytes!` ([`embedded`]), so `cargo test` and native users decode
//! everything with no file to load. A `cfg` on the target rather than a cargo feature: the
//! choice follows from where the code runs, and a feature could be forgotten in one build.
//!
//! # The file
//!
//! [`file()`] writes it (natively, for `src/bin/encoding_tables.rs`); all numbers little-endian:
//!
//! | bytes | what |
//! |---|---|
//! | 0..8 | magic `CXENC\r\n\x1A`: a name, then CR LF and ^Z, which a text-mode transfer mangles (PNG's trick) |
//! | 8..12 | format version, [`VERSION`] |
//! | 12..24 | lengths of the three tables: packed index gb18030, packed index Big5, gb18030 ranges |
//! | 24..28 | FNV-1a (32-bit) of everything after the header |
//! | 28.. | the three tables, in that order, exactly as `build.rs` wrote them |
//!
//! Loading checks all of it — magic, version, lengths against the bytes there, checksum, and
//! then that each table expands to exactly the pointers the spec has, with valid code points —
//! so a wrong, truncated or damaged file is refused with a sentence saying which, and loaded
//! tables always have the shape the decoders expect.

use std::fmt;

/// The first bytes of a tables file.
const MAGIC: [u8; 8] = *b"CXENC\r\n\x1A";

/// The version of the file format this build reads and writes. Raise it whenever the layout
/// or the packing changes, so that a page never expands a file in a format it misreads.
pub const VERSION: u32 = 1;

/// Magic, version, three lengths and the checksum.
const HEADER_LEN: usize = 8 + 4 + 3 * 4 + 4;

/// Two-byte pointers of index gb18030: lead 0x81–0xFE × 190 trails.
const GB18030_POINTERS: usize = 126 * 190;

/// Pointers of index Big5: lead 0x81–0xFE × 157 trails.
const BIG5_POINTERS: usize = 126 * 157;

/// The last four-byte pointer that index gb18030 ranges covers (U+FFFF); the astral planes
/// after it are computed by the decoder.
const LAST_RANGE_POINTER: u32 = 39_419;

/// What a file is called in messages.
const NAME: &str = "The GB18030/Big5 tables file (data/encodings.bin)";

/// The expanded tables that the GB18030 and Big5 decoders look characters up in.
#[derive(Clone, PartialEq, Eq)]
pub struct EncodingTables {
    /// index gb18030: the code point of each two-byte pointer.
    gb18030: Vec<Option<char>>,
    /// index Big5: the code point of each pointer.
    big5: Vec<Option<char>>,
    /// index gb18030 ranges: `(first pointer, its code point)` runs, sorted, the first at 0.
    ranges: Vec<(u32, u32)>,
}

impl fmt::Debug for EncodingTables {
    /// A summary: the 43,722 entries themselves would drown a `{:?}` of the corpus.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodingTables")
            .field("gb18030_pointers", &self.gb18030.len())
            .field("big5_pointers", &self.big5.len())
            .field("gb18030_ranges", &self.ranges.len())
            .finish()
    }
}

impl EncodingTables {
    /// Reads a tables file as [`file()`] writes it, or says in a sentence why these bytes are not
    /// one (another kind of file, another version, cut off, damaged).
    pub fn from_file(bytes: &[u8]) -> Result<EncodingTables, String> {
        if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
            return Err(format!(
                "{NAME} was expected, but these {} bytes do not start like it. Load \
                 data/encodings.bin from the same build as the page.",
                bytes.len()
            ));
        }
        let Some(header) = bytes.get(..HEADER_LEN) else {
            return Err(format!(
                "{NAME} is cut off inside its header ({} of {HEADER_LEN} bytes). Download it \
                 again.",
                bytes.len()
            ));
        };
        let word = |at: usize| {
            u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
        };
        let version = word(8);
        if version != VERSION {
            return Err(format!(
                "{NAME} is in format version {version}, but this page reads version \
                 {VERSION}. Load data/encodings.bin from the same build as the page."
            ));
        }
        let lengths = [word(12), word(16), word(20)].map(|n| n as usize);
        let payload = &bytes[HEADER_LEN..];
        let announced = lengths.iter().fold(0usize, |sum, &n| sum.saturating_add(n));
        if announced != payload.len() {
            let how = if announced > payload.len() {
                "cut off"
            } else {
                "followed by extra bytes"
            };
            return Err(format!(
                "{NAME} is {how}: its header announces {announced} bytes of tables, but {} \
                 follow. Download it again.",
                payload.len()
            ));
        }
        if checksum(payload) != word(24) {
            return Err(format!(
                "{NAME} is damaged: its checksum does not match its contents. Download it again."
            ));
        }
        let (gb18030, rest) = payload.split_at(lengths[0]);
        let (big5, ranges) = rest.split_at(lengths[1]);
        EncodingTables::from_packed(gb18030, big5, ranges)
            .map_err(|problem| format!("{NAME} is malformed: {problem}. Rebuild it."))
    }

    /// Expands the three tables as `build.rs` writes them, checking that each has exactly the
    /// spec's pointers and only valid code points.
    fn from_packed(gb18030: &[u8], big5: &[u8], ranges: &[u8]) -> Result<EncodingTables, String> {
        Ok(EncodingTables {
            gb18030: unpack_index(gb18030, GB18030_POINTERS, "index gb18030")?,
            big5: unpack_index(big5, BIG5_POINTERS, "index Big5")?,
            ranges: unpack_ranges(ranges)?,
        })
    }

    /// The code point of each two-byte GB18030 pointer, `(lead − 0x81) × 190 + (trail −
    /// offset)`.
    pub(super) fn gb18030_index(&self) -> &[Option<char>] {
        &self.gb18030
    }

    /// The code point of each Big5 pointer, `(lead − 0x81) × 157 + (trail − offset)`; `None`
    /// where the index has none and at the four pointers that decode to two code points.
    pub(super) fn big5_index(&self) -> &[Option<char>] {
        &self.big5
    }

    /// The spec's "index gb18030 ranges code point" for a four-byte pointer in the BMP part
    /// (0..=39419): the run that starts at the last pointer not above `pointer`, advanced by
    /// the distance from its start.
    pub(super) fn gb18030_range_code_point(&self, pointer: u32) -> Option<char> {
        let run = self.ranges.partition_point(|&(start, _)| start <= pointer);
        let (start, code) = self.ranges.get(run.checked_sub(1)?)?;
        char::from_u32(code + (pointer - start))
    }
}

/// Expands an index packed by `build.rs`: per pointer a LEB128 varint, 0 for no code point,
/// else 1 + the zigzag-coded difference from the previous code point. Refuses anything but
/// exactly `pointers` entries of valid code points.
fn unpack_index(packed: &[u8], pointers: usize, what: &str) -> Result<Vec<Option<char>>, String> {
    let mut index = Vec::with_capacity(pointers);
    // Always a valid code point (or 0) between entries, so adding a delta of at most 2^34
    // (five varint bytes) cannot overflow.
    let mut previous: i64 = 0;
    let mut n: u64 = 0;
    let mut shift = 0;
    for &byte in packed {
        if shift > 28 {
            return Err(format!("{what} holds a number longer than five bytes"));
        }
        n |= u64::from(byte & 0x7F) << shift;
        shift += 7;
        if byte & 0x80 != 0 {
            continue;
        }
        index.push(match n {
            0 => None,
            n => {
                let zigzag = n - 1;
                previous += (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
                let c = u32::try_from(previous).ok().and_then(char::from_u32);
                Some(c.ok_or_else(|| {
                    format!(
                        "{what} maps pointer {} to {previous}, which is not a character",
                        index.len()
                    )
                })?)
            }
        });
        (n, shift) = (0, 0);
    }
    if shift != 0 {
        return Err(format!("{what} ends in the middle of a number"));
    }
    if index.len() != pointers {
        return Err(format!(
            "{what} has {} entries instead of {pointers}",
            index.len()
        ));
    }
    Ok(index)
}

/// Reads index gb18030 ranges: `(pointer, code point)` pairs as little-endian `u16`s, sorted by
/// pointer, the first at pointer 0, none past the BMP's last pointer.
fn unpack_ranges(bytes: &[u8]) -> Result<Vec<(u32, u32)>, String> {
    const WHAT: &str = "index gb18030 ranges";
    if bytes.is_empty() || !bytes.len().is_multiple_of(4) {
        return Err(format!(
            "{WHAT} is {} bytes long, not a whole number of pairs",
            bytes.len()
        ));
    }
    let ranges: Vec<(u32, u32)> = bytes
        .chunks_exact(4)
        .map(|b| {
            let pointer = u16::from_le_bytes([b[0], b[1]]);
            let code = u16::from_le_bytes([b[2], b[3]]);
            (u32::from(pointer), u32::from(code))
        })
        .collect();
    if ranges[0].0 != 0 {
        return Err(format!("{WHAT} does not start at pointer 0"));
    }
    if ranges.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
        return Err(format!("{WHAT} is not sorted by pointer"));
    }
    if ranges
        .last()
        .is_some_and(|&(start, _)| start > LAST_RANGE_POINTER)
    {
        return Err(format!("{WHAT} runs past pointer {LAST_RANGE_POINTER}"));
    }
    // Each run's code points, up to the next run (or the last pointer), must stay in u16: the
    // BMP, where the decoder's `code + (pointer − start)` is then a code point or a surrogate
    // (which `char::from_u32` turns into "no character").
    let ends = ranges
        .iter()
        .skip(1)
        .map(|&(start, _)| start)
        .chain([LAST_RANGE_POINTER + 1]);
    if ranges
        .iter()
        .zip(ends)
        .any(|(&(start, code), end)| code + (end - 1 - start) > 0xFFFF)
    {
        return Err(format!("{WHAT} runs past U+FFFF"));
    }
    Ok(ranges)
}

/// FNV-1a, 32-bit: enough to tell a damaged download from the file that was built, and five
/// lines instead of a dependency. (Not against tampering: the file comes from the page's own
/// origin, and every table is checked for shape after the checksum anyway.)
fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811C_9DC5, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The tables `build.rs` generated, as it wrote them. Not in the wasm build: see the module
/// docs.
#[cfg(not(target_arch = "wasm32"))]
mod generated {
    /// index gb18030, packed.
    pub(super) static GB18030_INDEX: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/gb18030_index.bin"));
    /// index Big5, packed.
    pub(super) static BIG5_INDEX: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/big5_index.bin"));
    /// index gb18030 ranges.
    pub(super) static GB18030_RANGES: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/gb18030_ranges.bin"));
}

/// The tables compiled into this build, expanded on first use; `None` only if `build.rs` wrote
/// something `from_packed` refuses, which the tests below rule out.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn embedded() -> Option<&'static EncodingTables> {
    use std::sync::OnceLock;
    static TABLES: OnceLock<Option<EncodingTables>> = OnceLock::new();
    TABLES
        .get_or_init(|| {
            EncodingTables::from_packed(
                generated::GB18030_INDEX,
                generated::BIG5_INDEX,
                generated::GB18030_RANGES,
            )
            .ok()
        })
        .as_ref()
}

/// The tables file (`data/encodings.bin`) holding the tables compiled into this build, for
/// `src/bin/encoding_tables.rs` to write next to the page. Not in the wasm build, which has no
/// tables to write.
#[cfg(not(target_arch = "wasm32"))]
pub fn file() -> Vec<u8> {
    let tables = [
        generated::GB18030_INDEX,
        generated::BIG5_INDEX,
        generated::GB18030_RANGES,
    ];
    let payload = tables.concat();
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    for table in tables {
        // Each table is tens of kilobytes; a length past u32 would be a broken build.
        let len = u32::try_from(table.len()).expect("a table fits in 4 GB");
        out.extend_from_slice(&len.to_le_bytes());
    }
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tables() -> &'static EncodingTables {
        embedded().expect("the embedded tables expand")
    }

    /// `file()` with its checksum recomputed after `edit`, so that the checks behind the
    /// checksum are reached.
    fn resealed(edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let mut bytes = file();
        edit(&mut bytes);
        let sum = checksum(&bytes[HEADER_LEN..]);
        bytes[24..28].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    #[test]
    fn indexes_hold_one_entry_per_pointer() {
        assert_eq!(tables().gb18030_index().len(), 126 * 190);
        assert_eq!(tables().big5_index().len(), 126 * 157);
    }

    #[test]
    fn indexes_map_known_pointers() {
        // 中 is D6 D0 in GBK: (0xD6 − 0x81) × 190 + (0xD0 − 0x41).
        assert_eq!(
            tables().gb18030_index()[(0xD6 - 0x81) * 190 + (0xD0 - 0x41)],
            Some('中')
        );
        // 中 is A4 A4 in Big5: (0xA4 − 0x81) × 157 + (0xA4 − 0x62).
        assert_eq!(
            tables().big5_index()[(0xA4 - 0x81) * 157 + (0xA4 - 0x62)],
            Some('中')
        );
        // Big5's first mapped pointer, 942, is in HKSCS; pointers below are unmapped.
        assert!(tables().big5_index()[..942].iter().all(Option::is_none));
        assert!(tables().big5_index()[942].is_some());
    }

    #[test]
    fn ranges_give_the_spec_examples() {
        // The first run starts at U+0080; pointer 7457 is the spec's special U+E7C7.
        assert_eq!(tables().gb18030_range_code_point(0), Some('\u{80}'));
        assert_eq!(tables().gb18030_range_code_point(7457), Some('\u{E7C7}'));
        assert_eq!(tables().gb18030_range_code_point(39419), Some('\u{FFFF}'));
    }

    #[test]
    fn unpacks_unmapped_pointers_and_falling_code_points() {
        // 'b' (+98), none, 'a' (−1), 'a' (0): 1 + zigzag(98) = 197 takes two bytes.
        assert_eq!(
            unpack_index(&[0xC5, 0x01, 0x00, 0x02, 0x01], 4, "test"),
            Ok(vec![Some('b'), None, Some('a'), Some('a')])
        );
    }

    #[test]
    fn file_round_trips_the_embedded_tables() {
        let bytes = file();
        assert_eq!(&bytes[..8], b"CXENC\r\n\x1A");
        assert_eq!(&bytes[8..12], &VERSION.to_le_bytes());
        assert_eq!(EncodingTables::from_file(&bytes).as_ref(), Ok(tables()));
    }

    #[test]
    fn refuses_a_file_of_another_kind() {
        for other in [
            &b""[..],
            b"CXENC",
            b"\x1F\x8B\x08\x00 a gzip stream",
            "的 100\n了 90\n".as_bytes(),
        ] {
            let message = EncodingTables::from_file(other).unwrap_err();
            assert!(message.contains("do not start like it"), "{message}");
        }
    }

    #[test]
    fn refuses_a_truncated_file_wherever_it_is_cut() {
        let bytes = file();
        for len in (8..bytes.len())
            .step_by(997)
            .chain([8, 27, 28, bytes.len() - 1])
        {
            let message = EncodingTables::from_file(&bytes[..len]).unwrap_err();
            assert!(message.contains("cut off"), "cut at {len}: {message}");
        }
        let mut longer = bytes;
        longer.push(0);
        let message = EncodingTables::from_file(&longer).unwrap_err();
        assert!(message.contains("extra bytes"), "{message}");
    }

    #[test]
    fn refuses_another_format_version() {
        let mut bytes = file();
        bytes[8..12].copy_from_slice(&2u32.to_le_bytes());
        let message = EncodingTables::from_file(&bytes).unwrap_err();
        assert!(
            message.contains("version 2") && message.contains("version 1"),
            "{message}"
        );
    }

    #[test]
    fn refuses_a_file_damaged_in_transit() {
        let mut bytes = file();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x40;
        let message = EncodingTables::from_file(&bytes).unwrap_err();
        assert!(message.contains("damaged"), "{message}");
    }

    #[test]
    fn refuses_tables_of_the_wrong_shape_behind_a_valid_checksum() {
        // One pointer fewer in index gb18030: its last byte moved to the Big5 table's length.
        let short = resealed(|b| {
            let gb = u32::from_le_bytes([b[12], b[13], b[14], b[15]]);
            let big5 = u32::from_le_bytes([b[16], b[17], b[18], b[19]]);
            b[12..16].copy_from_slice(&(gb - 1).to_le_bytes());
            b[16..20].copy_from_slice(&(big5 + 1).to_le_bytes());
        });
        let message = EncodingTables::from_file(&short).unwrap_err();
        assert!(message.contains("malformed"), "{message}");
        // A first code point past U+10FFFF: 1 + zigzag(0x110000) = 0x220001, as a varint.
        let huge = resealed(|b| {
            let gb = u32::from_le_bytes([b[12], b[13], b[14], b[15]]);
            b[12..16].copy_from_slice(&(gb + 4).to_le_bytes());
            b.splice(HEADER_LEN..HEADER_LEN, [0x81, 0x80, 0x88, 0x01]);
        });
        let message = EncodingTables::from_file(&huge).unwrap_err();
        assert!(message.contains("not a character"), "{message}");
    }

    #[test]
    fn refuses_ranges_that_would_leave_the_bmp() {
        assert!(unpack_ranges(&[0, 0, 0x80, 0]).is_ok());
        assert!(unpack_ranges(&[1, 0, 0x80, 0]).is_err());
        assert!(unpack_ranges(&[0, 0, 0x00, 0xFF]).is_err());
        assert!(unpack_ranges(&[0, 0, 0x80, 0, 0, 0, 0x90, 0]).is_err());
        assert!(unpack_ranges(&[0, 0, 0x80]).is_err());
    }

    proptest! {
        #[test]
        fn never_panics_on_a_damaged_or_forged_file(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
            reseal in any::<bool>(),
        ) {
            let mut bytes = file();
            for (at, byte) in edits {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            bytes.truncate(HEADER_LEN + cut.index(bytes.len() - HEADER_LEN + 1));
            if reseal && bytes.len() >= HEADER_LEN {
                let sum = checksum(&bytes[HEADER_LEN..]);
                bytes[24..28].copy_from_slice(&sum.to_le_bytes());
            }
            // Anything but the exact file may be accepted only if it still has the spec's shape.
            if let Ok(tables) = EncodingTables::from_file(&bytes) {
                prop_assert_eq!(tables.gb18030_index().len(), GB18030_POINTERS);
                prop_assert_eq!(tables.big5_index().len(), BIG5_POINTERS);
            }
        }
    }
}
