//! The primitives every section is written with: LEB128 varints, length-prefixed strings, and
//! CRC-32; and a reader that turns every way of running out of bytes into an
//! [`Error::SnapshotDamaged`] naming the section.

use std::sync::OnceLock;

use crate::error::{Error, Result};

/// CRC-32 (IEEE 802.3, reflected, polynomial `0xEDB88320`: the one of zip, gzip and PNG, so
/// `python3 -c "import zlib; print(zlib.crc32(section))"` checks a section by hand), eight
/// bytes at a time ("slicing-by-8"): every open checks every section, and a byte-at-a-time
/// table was a fifth of opening 50 MB (tests/bench/RESULTS.md, "Open is a decode"). The
/// tables (8 KiB) are computed on first use rather than shipped: `crc32fast`'s precomputed
/// 16 KiB of tables cost 14 KB gzip in every wasm core.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    crc32_continue(0, bytes)
}

/// The CRC-32 of some bytes followed by `bytes`, from the CRC-32 of the former (`crc`; 0 for
/// none), as zlib's `crc32(crc, buf, len)`: a section read a piece at a time is checked
/// against the CRC of its pieces in order (`source::Pieces`), never held whole.
pub(crate) fn crc32_continue(crc: u32, bytes: &[u8]) -> u32 {
    static TABLES: OnceLock<Box<[[u32; 256]; 8]>> = OnceLock::new();
    let t = TABLES.get_or_init(|| {
        let mut t = Box::new([[0u32; 256]; 8]);
        for i in 0..256 {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            t[0][i] = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                let previous = t[k - 1][i];
                t[k][i] = (previous >> 8) ^ t[0][(previous & 0xFF) as usize];
            }
        }
        t
    });
    let mut crc = !crc;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let lo = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        crc = t[7][(lo & 0xFF) as usize]
            ^ t[6][((lo >> 8) & 0xFF) as usize]
            ^ t[5][((lo >> 16) & 0xFF) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][c[4] as usize]
            ^ t[2][c[5] as usize]
            ^ t[1][c[6] as usize]
            ^ t[0][c[7] as usize];
    }
    for &b in chunks.remainder() {
        crc = (crc >> 8) ^ t[0][((crc ^ b as u32) & 0xFF) as usize];
    }
    !crc
}

/// A section being written.
#[derive(Debug, Default)]
pub(crate) struct Out {
    pub(crate) buf: Vec<u8>,
}

impl Out {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    /// An unsigned LEB128 varint: 7 bits a byte, low bits first, high bit set on all but the last.
    pub(crate) fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    pub(crate) fn usize(&mut self, v: usize) {
        self.var(v as u64);
    }

    /// Bytes preceded by their length.
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.usize(b.len());
        self.buf.extend_from_slice(b);
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// `0` for none, else `1` and the string.
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
}

/// A section being read: every read checks that the bytes are there.
#[derive(Debug)]
pub(crate) struct In<'a> {
    data: &'a [u8],
    at: usize,
    section: &'static str,
}

impl<'a> In<'a> {
    pub(crate) fn new(data: &'a [u8], section: &'static str) -> Self {
        In {
            data,
            at: 0,
            section,
        }
    }

    /// How many bytes have been read.
    pub(crate) fn position(&self) -> usize {
        self.at
    }

    /// The error for this section.
    pub(crate) fn damaged(&self, problem: impl Into<String>) -> Error {
        Error::SnapshotDamaged {
            section: self.section.to_owned(),
            problem: problem.into(),
        }
    }

    /// Fails unless the section ends here: a section with bytes left over is not the one its
    /// writer meant either.
    pub(crate) fn finish(&self) -> Result<()> {
        if self.at == self.data.len() {
            Ok(())
        } else {
            Err(self.damaged("bytes left over after its end"))
        }
    }

    pub(crate) fn u8(&mut self) -> Result<u8> {
        let b = *self
            .data
            .get(self.at)
            .ok_or_else(|| self.damaged("it ends too early"))?;
        self.at += 1;
        Ok(b)
    }

    #[inline]
    pub(crate) fn var(&mut self) -> Result<u64> {
        // Most numbers (gaps between positions, lengths) take one byte.
        if let Some(&b) = self.data.get(self.at) {
            if b < 0x80 {
                self.at += 1;
                return Ok(b as u64);
            }
        }
        self.long_var()
    }

    /// A varint of more than one byte, or the error at the section's end.
    #[inline(never)]
    fn long_var(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            let bits = (b & 0x7F) as u64;
            if shift == 63 && bits > 1 {
                break;
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.damaged("a number is too long"))
    }

    /// A number that fits in 32 bits (every offset and length of a corpus does:
    /// [`crate::store::MAX_TEXT_BYTES`] is far below 4 GiB).
    #[inline]
    pub(crate) fn u32(&mut self) -> Result<u32> {
        match self.var()? {
            v @ 0..=0xFFFF_FFFF => Ok(v as u32),
            _ => Err(self.damaged("a number is out of range")),
        }
    }

    #[inline]
    pub(crate) fn usize(&mut self) -> Result<usize> {
        Ok(self.u32()? as usize)
    }

    /// A count of items that take at least one byte each: never more than the bytes left,
    /// so that a damaged count cannot make the reader allocate without bound.
    pub(crate) fn count(&mut self) -> Result<usize> {
        let n = self.usize()?;
        if n > self.data.len() - self.at {
            return Err(self.damaged("a count is larger than the section"));
        }
        Ok(n)
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| self.damaged("it ends too early"))?;
        let out = &self.data[self.at..end];
        self.at = end;
        Ok(out)
    }

    pub(crate) fn str(&mut self) -> Result<&'a str> {
        let n = self.usize()?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).map_err(|_| self.damaged("a text is not UTF-8"))
    }

    pub(crate) fn opt_str(&mut self) -> Result<Option<&'a str>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err(self.damaged("an optional text is marked neither present nor absent")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_is_the_zip_and_png_checksum() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        // Lengths around the eight-byte steps, against a bit-at-a-time CRC.
        let bytes: Vec<u8> = (0..100u32).map(|i| (i * 37 + 11) as u8).collect();
        for len in 0..bytes.len() {
            let mut crc = !0u32;
            for &b in &bytes[..len] {
                crc ^= b as u32;
                for _ in 0..8 {
                    crc = if crc & 1 == 1 { 0xEDB8_8320 ^ (crc >> 1) } else { crc >> 1 };
                }
            }
            assert_eq!(crc32(&bytes[..len]), !crc, "length {len}");
        }
    }

    #[test]
    fn crc32_of_pieces_in_order_is_the_crc32_of_the_whole() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 91 + 7) as u8).collect();
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(crc32_continue(crc32(a), b), crc32(&bytes), "cut at {cut}");
        }
        let by_threes = bytes.chunks(3).fold(0, crc32_continue);
        assert_eq!(by_threes, crc32(&bytes));
    }

    #[test]
    fn varints_round_trip_at_every_width() {
        let values = [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX];
        let mut out = Out::default();
        for v in values {
            out.var(v);
        }
        let mut input = In::new(&out.buf, "TEST");
        for v in values {
            assert_eq!(input.var().unwrap(), v);
        }
        input.finish().unwrap();
    }

    #[test]
    fn a_count_larger_than_the_bytes_left_is_damage_not_an_allocation() {
        let mut out = Out::default();
        out.var(1 << 40);
        let err = In::new(&out.buf, "DOCS").count().unwrap_err();
        assert!(err.to_string().contains("DOCS"), "{err}");
    }

    #[test]
    fn an_overlong_varint_is_refused() {
        let bytes = [0xFF; 11];
        assert!(In::new(&bytes, "TEST").var().is_err());
    }
}
