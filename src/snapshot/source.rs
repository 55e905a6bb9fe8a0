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
