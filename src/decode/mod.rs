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
//! varints that `tables.rs` expands on first use (0.1 ms natively). `differential.rs` checks that
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
//!
//! # The tables: embedded natively, a file the page loads in the browser
//!
//! Those 44 KB of tables serve only files that are neither UTF-8 nor UTF-16, while the bundled
//! articles and most files people add are UTF-8. So the wasm build leaves them out and the
//! page loads them like the segmentation dictionary, only when a file needs them:
//!
//! - **Which build has what** is decided by `cfg(target_arch = "wasm32")`, not a cargo
//!   feature: wasm32 starts with no tables ([`Decoder::default`] is
//!   [`Decoder::without_tables`]); every other target embeds them, so `cargo test` and native
//!   users read every encoding with nothing to load.
//! - **The file** `data/encodings.bin` holds the three tables exactly as `build.rs` wrote them,
//!   behind a header (magic, format version, lengths, checksum) that `tables.rs` documents and
//!   checks: a wrong, truncated or damaged file is refused with [`Error::BadEncodingTables`].
//!   `src/bin/encoding_tables.rs` writes it natively ([`encoding_tables_file`]), called by
//!   `scripts/build.sh`: 60,590 bytes, 42,659 gzip.
//! - **The flow**: [`Decoder::needs_tables`] tells the page, before adding a file, whether it
//!   needs the tables (not valid UTF-8, with or without a byte-order mark; not UTF-16; not
//!   refused anyway as empty or binary); [`Decoder::load_tables`] installs them, and until then
//!   [`Decoder::decode`] refuses such a file with [`Error::NeedsEncodingTables`], leaving the
//!   corpus as it was. `Corpus` holds one `Decoder`, and the binding exposes both steps as
//!   `needsEncodingTables` and `loadEncodingTables`.
//!
//! Measured on one snapshot of the crate, the same way as above:
//!
//! | shipped `_bg.wasm` | raw | gzip |
//! |---|---|---|
//! | tables embedded | 711,689 | 294,395 |
//! | tables loaded on demand | 656,612 | 252,645 (−41,750) |
//!
//! The loader (header checks, checksum, messages) costs about 1 KB of that back; expanding the
//! file in the browser takes a few milliseconds.

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
#[cfg(not(target_arch = "wasm32"))]
pub use tables::file as encoding_tables_file;
use tables::EncodingTables;

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

/// The name of an encoding this module reads, as [`Decoded::encoding`] reports it, from the
/// same name read back (a snapshot stores the name); `None` for any other string.
pub fn encoding_named(name: &str) -> Option<&'static str> {
    use Encoding::*;
    [Utf8, Utf16Le, Utf16Be, Gb18030, Big5]
        .into_iter()
        .map(Encoding::name)
        .find(|n| *n == name)
}

/// Decodes the bytes of the file `name`, detecting the encoding, or says why they cannot be
/// read as text: [`Decoder::decode`] with this build's default tables (embedded natively; none
/// in the wasm build, where GB18030 and Big5 files give [`Error::NeedsEncodingTables`]).
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
    Decoder::default().decode(name, bytes)
}

/// Decodes files, with or without the GB18030 and Big5 tables at hand.
///
/// UTF-8 and UTF-16 need no tables; GB18030 and Big5 do, both to tell which of them a file is
/// in and to decode it. Natively the tables are compiled in and [`Decoder::default`] has them;
/// the wasm build leaves them out (44 KB gzip that most pages never use) and starts without,
/// until [`Decoder::load_tables`] is given the tables file. See the module docs.
///
/// ```
/// use corpus_explorer::decode::{encoding_tables_file, Decoder};
/// use corpus_explorer::Error;
///
/// let gbk = b"\xbf\xec\xca\xd6\xb5\xe7\xc9\xcc"; // 快手电商
/// let mut decoder = Decoder::without_tables(); // as the page starts
/// assert!(decoder.needs_tables(gbk));
/// assert!(matches!(decoder.decode("b.txt", gbk), Err(Error::NeedsEncodingTables { .. })));
///
/// decoder.load_tables(&encoding_tables_file()).unwrap(); // data/encodings.bin
/// assert!(!decoder.needs_tables(gbk));
/// assert_eq!(decoder.decode("b.txt", gbk).unwrap().text, "快手电商");
/// ```
#[derive(Debug, Clone)]
pub struct Decoder {
    tables: Tables,
}

/// Where a [`Decoder`] finds its GB18030 and Big5 tables.
#[derive(Debug, Clone)]
enum Tables {
    /// Compiled into the crate (every target but wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    Embedded,
    /// Loaded from a tables file.
    Loaded(Box<EncodingTables>),
    /// None yet: files that need them are refused with [`Error::NeedsEncodingTables`].
    Missing,
}

impl Default for Decoder {
    /// A decoder with the tables this build has: the embedded ones natively, none in wasm.
    fn default() -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let tables = Tables::Embedded;
        #[cfg(target_arch = "wasm32")]
        let tables = Tables::Missing;
        Decoder { tables }
    }
}

/// What a first look at the bytes decides, before any table is needed.
enum Plan<'a> {
    /// UTF-16, by byte-order mark or NUL pattern.
    Utf16(Encoding),
    /// UTF-8 by byte-order mark, decoded with replacement.
    Utf8Bom,
    /// Valid UTF-8 without a byte-order mark: the text itself.
    Utf8(&'a str),
    /// Anything else: GB18030, Big5 or damaged UTF-8, by the frequent-hanzi contest, which
    /// needs the tables.
    Legacy,
}

impl Decoder {
    /// A decoder with no GB18030 and Big5 tables, as the wasm build starts: UTF-8 and UTF-16
    /// decode, anything else is refused with [`Error::NeedsEncodingTables`] until
    /// [`load_tables`](Self::load_tables). Natively this is how tests see what the page sees.
    pub fn without_tables() -> Self {
        Decoder {
            tables: Tables::Missing,
        }
    }

    /// Installs the tables from the bytes of a tables file (`data/encodings.bin`, written by
    /// `src/bin/encoding_tables.rs`); they take the place of any tables the decoder had. A file
    /// that is not one, from another format version, cut off or damaged is refused with
    /// [`Error::BadEncodingTables`] saying which, and the decoder keeps what it had.
    pub fn load_tables(&mut self, bytes: &[u8]) -> Result<()> {
        let tables = EncodingTables::from_file(bytes)
            .map_err(|message| Error::BadEncodingTables { message })?;
        self.tables = Tables::Loaded(Box::new(tables));
        Ok(())
    }

    /// True when the decoder has GB18030 and Big5 tables, embedded or loaded.
    pub fn has_tables(&self) -> bool {
        self.tables().is_some()
    }

    /// True when decoding `bytes` would need the tables and the decoder has none: the bytes
    /// are not valid UTF-8 (with or without a byte-order mark) nor UTF-16 (byte-order mark or
    /// NUL pattern), and are not refused anyway as empty or binary. The page asks this before
    /// adding a file, to fetch the tables only when one needs them.
    pub fn needs_tables(&self, bytes: &[u8]) -> bool {
        !self.has_tables() && matches!(plan("", bytes), Ok((Plan::Legacy, _)))
    }

    /// Decodes the bytes of the file `name`, detecting the encoding, or says why they cannot
    /// be read as text; see the module docs for the order of the checks. Without tables,
    /// bytes that need them give [`Error::NeedsEncodingTables`].
    pub fn decode(&self, name: &str, bytes: &[u8]) -> Result<Decoded> {
        self.decode_declared(name, bytes, None)
    }

    /// [`Decoder::decode`] for bytes that declare their own encoding (an HTML page's
    /// `<meta charset>`): the declaration is only asked when neither a byte-order mark nor a
    /// clean UTF-8 decode settles it (pages declaring gb2312 that were saved again as UTF-8 are
    /// common), and only a GB or Big5 label is taken; anything else leaves it to the detector.
    pub fn decode_declared(
        &self,
        name: &str,
        bytes: &[u8],
        declared: Option<&str>,
    ) -> Result<Decoded> {
        let declared = declared.and_then(|label| {
            let label = label.trim().to_ascii_lowercase();
            match label.as_str() {
                "gb2312" | "gbk" | "gb18030" | "x-gbk" | "chinese" | "csgb2312" | "euc-cn"
                | "iso-ir-58" | "hz-gb-2312" => Some(Encoding::Gb18030),
                "big5" | "big5-hkscs" | "x-x-big5" | "cn-big5" | "csbig5" => Some(Encoding::Big5),
                _ => None,
            }
        });
        let (plan, bom_len) = plan(name, bytes)?;
        let body = &bytes[bom_len..];
        let binary = |offset: usize| Error::Binary {
            name: name.to_owned(),
            offset: bom_len + offset,
        };
        let needs_tables = || Error::NeedsEncodingTables {
            name: name.to_owned(),
        };
        let tables = self.tables();
        let (encoding, decoded) = match plan {
            Plan::Utf16(utf16) => {
                let decoded = decode_lossy(utf16, body, true, tables).ok_or_else(needs_tables)?;
                // UTF-16 is full of NUL bytes, so look for binary content in the characters.
                if let Some(unit) = sniff::first_binary_unit(&decoded.text) {
                    return Err(binary(2 * unit));
                }
                (utf16, decoded)
            }
            Plan::Utf8Bom => {
                let decoded =
                    decode_lossy(Encoding::Utf8, body, true, tables).ok_or_else(needs_tables)?;
                (Encoding::Utf8, decoded)
            }
            Plan::Utf8(text) => (Encoding::Utf8, clean(text.to_owned())),
            Plan::Legacy => {
                let tables = tables.ok_or_else(needs_tables)?;
                let encoding = declared.unwrap_or_else(|| guess::guess(body, tables));
                let decoded =
                    decode_lossy(encoding, body, true, Some(tables)).ok_or_else(needs_tables)?;
                (encoding, decoded)
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

    /// Decodes `bytes` in the encoding `encoding` (a name as [`Decoded::encoding`] reports
    /// it), malformed sequences replaced by U+FFFD, with no detection: for the fields of a
    /// table whose encoding [`Decoder::decode`] decided on its first chunk
    /// ([`crate::formats`]). `None` for an unknown name, or GB18030/Big5 without tables.
    pub fn decode_as(&self, encoding: &str, bytes: &[u8]) -> Option<String> {
        use Encoding::*;
        let encoding = [Utf8, Utf16Le, Utf16Be, Gb18030, Big5]
            .into_iter()
            .find(|e| e.name() == encoding)?;
        decode_lossy(encoding, bytes, true, self.tables()).map(|d| d.text)
    }

    /// The tables to decode GB18030 and Big5 with, if any.
    fn tables(&self) -> Option<&EncodingTables> {
        match &self.tables {
            #[cfg(not(target_arch = "wasm32"))]
            Tables::Embedded => tables::embedded(),
            Tables::Loaded(tables) => Some(tables),
            Tables::Missing => None,
        }
    }
}

/// Steps 1–4 of the detection (module docs): how to decode the bytes of `name`, and the length
/// of their byte-order mark; or why they are refused before decoding (empty, binary).
fn plan<'a>(name: &str, bytes: &'a [u8]) -> Result<(Plan<'a>, usize)> {
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
    if let Some(utf16) = declared.filter(|&e| e != Encoding::Utf8) {
        return Ok((Plan::Utf16(utf16), bom_len));
    }
    if let Some(offset) = sniff::first_binary_byte(body) {
        return Err(Error::Binary {
            name: name.to_owned(),
            offset: bom_len + offset,
        });
    }
    let plan = match (declared, std::str::from_utf8(body)) {
        (Some(_), _) => Plan::Utf8Bom,
        (None, Ok(text)) => Plan::Utf8(text),
        (None, Err(_)) => Plan::Legacy,
    };
    Ok((plan, bom_len))
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
mod tests;
