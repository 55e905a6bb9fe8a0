//! Where [`super::read_from`] gets a snapshot's bytes: the header and section table first,
//! then each section as it is needed, checked against its CRC-32.
//!
//! Why not one `&[u8]`: in the browser the bytes are a JavaScript `Uint8Array` (read from the
//! Origin Private File System, a file picked or a download), and handing it to the core as a
//! slice copies the *whole* snapshot into wasm memory before anything is read — about 1.4× the
//! text beside the corpus being built from it, a high-water mark that wasm memory keeps for
//! good (it never shrinks). Read through a [`Source`], the core holds one section at a time
//! (`src/wasm.rs` copies it out of the `Uint8Array`), and a section whose bytes the store keeps
//! as they are (the index's lists) becomes the store's own allocation instead of a second copy.
//!
//! A source may fail (a file that cannot be read any more) or end early (one shortened while
//! it was read): both are errors that say so, never a panic.
//!
//! ```
//! use corpus_explorer::{snapshot, Corpus};
//! let mut corpus = Corpus::new();
//! corpus.add_document("a.txt", "京東與快手合作".as_bytes()).unwrap();
//! let bytes = corpus.save();
//! // A slice is a source; so is anything that copies a range of bytes on request.
//! let parts = snapshot::read_from(&mut &bytes[..]).unwrap();
//! assert_eq!(parts.store.len(), 1);
//! ```

use super::codec::{crc32_continue, In};
use super::{crc32, damaged, Section};
use crate::error::{Error, Result};

/// A snapshot that can be read a range at a time.
pub trait Source {
    /// The snapshot's whole length in bytes.
    fn len(&self) -> u64;

    /// Whether the source holds no byte at all.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Copies the bytes from `offset` into `buf`, as many as there are up to `buf.len()`, and
    /// says how many: fewer only where the source ends early. `Err` with a phrase saying what
    /// went wrong when it cannot be read at all.
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::result::Result<usize, String>;
}

impl Source for &[u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::result::Result<usize, String> {
        let from = usize::try_from(offset).map_or(<[u8]>::len(self), |o| o.min(<[u8]>::len(self)));
        let n = buf.len().min(<[u8]>::len(self) - from);
        buf[..n].copy_from_slice(&self[from..from + n]);
        Ok(n)
    }
}

/// `len` bytes from `offset`: the whole of them, or an error — [`Error::SnapshotUnreadable`]
/// when the source fails, [`Error::SnapshotTruncated`] when it ends before them (`stated`: the
/// length the header gives).
pub(super) fn fetch(
    source: &mut dyn Source,
    offset: u64,
    len: usize,
    stated: u64,
) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; len];
    let got = source
        .read_at(offset, &mut buf)
        .map_err(|problem| Error::SnapshotUnreadable { problem })?;
    if got < len {
        return Err(Error::SnapshotTruncated {
            expected: stated,
            actual: offset + got as u64,
        });
    }
    Ok(buf)
}

/// Checks that the source holds its last byte (`actual`: its stated length), so that a source
/// that ends early is told with where it ends, whichever section is read first: the end is
/// found by halving (a byte read at a time, about 26 reads for 64 MiB).
pub(super) fn check_end(source: &mut dyn Source, actual: u64, stated: u64) -> Result<()> {
    let has = |source: &mut dyn Source, at: u64| -> Result<bool> {
        let mut byte = [0u8];
        source
            .read_at(at, &mut byte)
            .map(|n| n == 1)
            .map_err(|problem| Error::SnapshotUnreadable { problem })
    };
    if actual == 0 || has(source, actual - 1)? {
        return Ok(());
    }
    // The first offset the source does not give: between `low` (given, or 0) and `high`.
    let (mut low, mut high) = (0u64, actual - 1);
    while low < high {
        let mid = low + (high - low) / 2;
        if has(source, mid)? {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    Err(Error::SnapshotTruncated {
        expected: stated,
        actual: low,
    })
}

/// Section `s`'s bytes, checked against its checksum.
pub(super) fn section(source: &mut dyn Source, s: &Section, stated: u64) -> Result<Vec<u8>> {
    // The table was checked against the source's length, which fits in memory.
    let len =
        usize::try_from(s.length).map_err(|_| damaged("section table", "a section is too long"))?;
    let body = fetch(source, s.offset, len, stated)?;
    if crc32(&body) != s.crc {
        return Err(damaged(&s.name(), "its checksum does not match"));
    }
    Ok(body)
}

/// The bytes of a piece [`Pieces`] fetches at a time (more when one record is longer): small
/// beside the sections read so (`DERV` is 0.7 MiB at 10 MB of poetry), large enough that a
/// record is seldom parsed twice.
const PIECE: usize = 16 << 10;

/// A section read a piece at a time, its CRC-32 computed over the pieces in order, for the
/// sections read a document at a time beside the entries being made (`CLEN`, `META`, `DERV`):
/// read whole, they were 0.8 MiB of room beside the entries at 10 MB of poetry, a high-water
/// mark that wasm memory keeps (tests/bench/RESULTS.md, "Sections in pieces").
///
/// Each record is parsed by an [`In`] over what is fetched and not yet read ([`Pieces::next`]);
/// when the record runs past it (an [`In`] finds the bytes missing), more is fetched and the
/// record parsed again from its start. A parse that succeeds over a prefix of the rest reads
/// the same as over the whole, so the records are those of the whole section. Since the
/// checksum is known only at the end, every error of a section read so is checked against it
/// first ([`Pieces::check`]): damage is told as a checksum that does not match, as when the
/// section is fetched whole.
pub(super) struct Pieces {
    name: &'static str,
    /// Where the section lies in the source, its length and checksum.
    offset: u64,
    length: u64,
    crc: u32,
    /// The length the header states, for [`Error::SnapshotTruncated`].
    stated: u64,
    /// Fetched and not yet read from `read` on.
    window: Vec<u8>,
    read: usize,
    /// Bytes of the section fetched so far, and their CRC-32.
    fetched: u64,
    crc_so_far: u32,
}

impl Pieces {
    /// Section `s`, nothing fetched yet.
    pub(super) fn new(s: &Section, name: &'static str, stated: u64) -> Pieces {
        Pieces {
            name,
            offset: s.offset,
            length: s.length,
            crc: s.crc,
            stated,
            window: Vec::new(),
            read: 0,
            fetched: 0,
            crc_so_far: 0,
        }
    }

    /// The next record, as `parse` reads it from the rest of the section: more is fetched
    /// while it fails and there is more; its error stands only once the whole rest is
    /// fetched and the checksum matches.
    pub(super) fn next<T>(
        &mut self,
        source: &mut dyn Source,
        mut parse: impl FnMut(&mut In) -> Result<T>,
    ) -> Result<T> {
        loop {
            let mut input = In::new(&self.window[self.read..], self.name);
            match parse(&mut input) {
                Ok(value) => {
                    self.read += input.position();
                    return Ok(value);
                }
                Err(err) if self.fetched == self.length => {
                    self.check(source)?;
                    return Err(err);
                }
                Err(_) => self.more(source)?,
            }
        }
    }

    /// Fetches the next piece behind what is left unread: [`PIECE`] bytes, or as many as
    /// are left unread when more (a record longer than a piece is parsed again at most
    /// a logarithmic number of times), or the rest of the section when fewer.
    fn more(&mut self, source: &mut dyn Source) -> Result<()> {
        let unread = self.window.len() - self.read;
        let want = PIECE.max(unread) as u64;
        let n = want.min(self.length - self.fetched) as usize;
        self.window.copy_within(self.read.., 0);
        self.window.truncate(unread);
        self.read = 0;
        self.window.resize(unread + n, 0);
        let at = self.offset + self.fetched;
        let got = source
            .read_at(at, &mut self.window[unread..])
            .map_err(|problem| Error::SnapshotUnreadable { problem })?;
        if got < n {
            return Err(Error::SnapshotTruncated {
                expected: self.stated,
                actual: at + got as u64,
            });
        }
        self.crc_so_far = crc32_continue(self.crc_so_far, &self.window[unread..]);
        self.fetched += n as u64;
        Ok(())
    }

    /// Fetches what is left of the section (dropping it: this is for errors and the end) and
    /// compares the checksum: the error of a damaged section.
    pub(super) fn check(&mut self, source: &mut dyn Source) -> Result<()> {
        while self.fetched < self.length {
            self.read = self.window.len();
            self.more(source)?;
        }
        if self.crc_so_far != self.crc {
            return Err(damaged(self.name, "its checksum does not match"));
        }
        Ok(())
    }

    /// Fails unless every byte of the section was read, and its checksum matches.
    pub(super) fn finish(&mut self, source: &mut dyn Source) -> Result<()> {
        let left_over = self.read < self.window.len() || self.fetched < self.length;
        self.check(source)?;
        if left_over {
            return Err(damaged(self.name, "bytes left over after its end"));
        }
        Ok(())
    }
}

/// `done`'s error, unless one of `pieces` is damaged: then its checksum error, as when the
/// sections were fetched whole (each checked before anything of it was read).
pub(super) fn checked<T>(
    source: &mut dyn Source,
    pieces: &mut [&mut Pieces],
    done: Result<T>,
) -> Result<T> {
    if done.is_err() {
        for p in pieces {
            p.check(source)?;
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::super::{read, read_from, table, Parts};
    use super::*;
    use crate::testing::seed_corpus;

    /// A source over `bytes` that fails, or ends early, from byte `at` on; and counts the
    /// bytes it handed out, and the most it handed out at once.
    struct Faulty<'a> {
        bytes: &'a [u8],
        at: u64,
        fails: bool,
        largest: usize,
    }

    impl Source for Faulty<'_> {
        fn len(&self) -> u64 {
            self.bytes.len() as u64
        }

        fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::result::Result<usize, String> {
            let end = offset + buf.len() as u64;
            if end > self.at && self.fails {
                return Err("the file could not be read (NotReadableError)".into());
            }
            let got = (self.at.min(end).saturating_sub(offset)) as usize;
            let from = offset as usize;
            buf[..got].copy_from_slice(&self.bytes[from..from + got]);
            self.largest = self.largest.max(got);
            Ok(got)
        }
    }

    fn parts_eq(a: &Parts, b: &Parts) -> bool {
        format!("{:?}", a.store) == format!("{:?}", b.store)
            && a.user_words == b.user_words
            && format!("{:?}", a.variants) == format!("{:?}", b.variants)
    }

    #[test]
    fn a_source_read_a_section_at_a_time_opens_the_same_corpus_as_the_bytes() {
        let bytes = seed_corpus().save();
        let mut source = Faulty {
            bytes: &bytes,
            at: u64::MAX,
            fails: false,
            largest: 0,
        };
        let from_source = read_from(&mut source).unwrap();
        assert!(parts_eq(&from_source, &read(&bytes).unwrap()));
        // Never the whole snapshot at once: at most its largest section.
        let largest = table(&bytes)
            .unwrap()
            .iter()
            .map(|s| s.length)
            .max()
            .unwrap();
        assert_eq!(source.largest as u64, largest);
        assert!((source.largest as u64) < bytes.len() as u64 / 2);
    }

    #[test]
    fn a_source_that_fails_gives_its_own_message_wherever_it_fails() {
        let bytes = seed_corpus().save();
        for at in [0, 10, 60, bytes.len() as u64 / 2, bytes.len() as u64 - 1] {
            let mut source = Faulty {
                bytes: &bytes,
                at,
                fails: true,
                largest: 0,
            };
            let err = read_from(&mut source).unwrap_err();
            assert!(
                matches!(&err, Error::SnapshotUnreadable { problem } if problem.contains("NotReadableError")),
                "{at}: {err}"
            );
            assert!(err.to_string().contains("could not be read"), "{err}");
        }
    }

    #[test]
    fn a_source_that_ends_early_is_a_cut_off_snapshot_saying_where() {
        let bytes = seed_corpus().save();
        let whole = bytes.len() as u64;
        // The source claims the whole length but hands out fewer bytes from `at` on.
        for at in [0, 10, 39, 100, whole / 2, whole - 1] {
            let mut source = Faulty {
                bytes: &bytes,
                at,
                fails: false,
                largest: 0,
            };
            let err = read_from(&mut source).unwrap_err();
            assert!(
                matches!(err, Error::SnapshotTruncated { actual, .. } if actual <= at.max(1) && actual < whole),
                "{at}: {err}"
            );
        }
    }

    /// A section of `records` strings (each length-prefixed) at the start of a source.
    fn strings_section(records: &[String]) -> (Vec<u8>, Section) {
        let mut out = super::super::codec::Out::default();
        for r in records {
            out.str(r);
        }
        let section = Section {
            tag: *b"TEST",
            flags: 0,
            offset: 0,
            length: out.buf.len() as u64,
            crc: crc32(&out.buf),
        };
        (out.buf, section)
    }

    /// Reads every record of `section` in pieces from `bytes`: the records, and the most
    /// bytes fetched at once.
    fn read_in_pieces(
        bytes: &[u8],
        section: &Section,
        records: usize,
    ) -> (Result<Vec<String>>, usize) {
        let mut source = Faulty {
            bytes,
            at: u64::MAX,
            fails: false,
            largest: 0,
        };
        let mut pieces = Pieces::new(section, "TEST", bytes.len() as u64);
        let mut read = || -> Result<Vec<String>> {
            let mut out = Vec::new();
            for _ in 0..records {
                out.push(pieces.next(&mut source, |i| Ok(i.str()?.to_owned()))?);
            }
            pieces.finish(&mut source)?;
            Ok(out)
        };
        let out = read();
        (out, source.largest)
    }

    #[test]
    fn a_section_read_in_pieces_gives_its_records_a_piece_at_a_time() {
        // Records of every size around the piece, one of them four pieces long.
        let records: Vec<String> = (0..400)
            .map(|i| "字".repeat(if i == 123 { 4 * PIECE / 3 } else { i * 37 % 700 }))
            .collect();
        let (bytes, section) = strings_section(&records);
        assert!(bytes.len() > 20 * PIECE);
        let (read, largest) = read_in_pieces(&bytes, &section, records.len());
        assert_eq!(read.unwrap(), records);
        // Never more than a piece, but for the record longer than one.
        assert!(largest <= 4 * PIECE + 16, "{largest}");
        let small: Vec<String> = records.iter().filter(|r| r.len() < PIECE).cloned().collect();
        let (bytes, section) = strings_section(&small);
        let (read, largest) = read_in_pieces(&bytes, &section, small.len());
        assert_eq!(read.unwrap(), small);
        assert_eq!(largest, PIECE);
    }

    #[test]
    fn a_section_read_in_pieces_is_checked_by_its_checksum_and_its_end() {
        let records: Vec<String> = (0..300).map(|i| "京東".repeat(i % 50)).collect();
        let (bytes, section) = strings_section(&records);
        // A flipped bit anywhere, whether the records still parse or not: its checksum.
        for at in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            for flip in [0x01, 0x80] {
                let mut bad = bytes.clone();
                bad[at] ^= flip;
                let (read, _) = read_in_pieces(&bad, &section, records.len());
                assert_eq!(
                    read.unwrap_err(),
                    damaged("TEST", "its checksum does not match"),
                    "byte {at} ^ {flip:#x}"
                );
            }
        }
        // Fewer records read than the section holds: bytes left over.
        let (read, _) = read_in_pieces(&bytes, &section, records.len() - 1);
        assert_eq!(
            read.unwrap_err(),
            damaged("TEST", "bytes left over after its end")
        );
        // More asked for than it holds: the reader's own error, the checksum being right.
        let (read, _) = read_in_pieces(&bytes, &section, records.len() + 1);
        assert_eq!(
            read.unwrap_err(),
            damaged("TEST", "it ends too early")
        );
    }

    #[test]
    fn a_section_damaged_in_the_source_is_caught_by_its_checksum_when_fetched() {
        let bytes = seed_corpus().save();
        for s in table(&bytes).unwrap() {
            let mut bad = bytes.clone();
            bad[(s.offset + s.length / 2) as usize] ^= 0x10;
            let err = read_from(&mut &bad[..]).unwrap_err();
            assert_eq!(
                err,
                damaged(&s.name(), "its checksum does not match"),
                "{}",
                s.name()
            );
        }
    }
}
