//! The postings of format 3: one list of positions per distinct character.
//!
//! Why characters and not pairs (format 2): a pair index stores the text's *bigram*
//! information — for every position, which pair starts there — and at 10 MB of poetry that
//! is about 17 bits a character (1.05 million distinct pairs, most seen once or twice, each
//! with a header), 11.3 MiB = 1.16× the text. Which character starts at each position is all
//! a query needs (the successor's position is the next one, and it is in its own character's
//! list), and costs the *unigram* entropy: about 10 bits a character, 0.57× the text at 10 MB
//! of poetry (tests/bench/RESULTS.md, "Postings per character"). The price is paid at query
//! time: a two-character query merges two lists instead of reading one; with the skip table
//! below a merge costs about the shorter list, not the longer one.
//!
//! Layout ([`Postings`]): the distinct characters ascending; per character its number of
//! positions and where its bytes start; the bytes, per character its positions: lists of [`EF_FROM`] or more Elias–Fano coded (a header
//! byte `l`, the low `l` bits of every position packed, then the high parts in unary: one set
//! bit per position at `(p >> l) + i`), shorter ones as unsigned LEB128 gaps (the first from
//! 0). Derived on load, never stored: a **skip table**, per Elias–Fano list where every
//! [`SKIP`]-th zero of the high part ends, so that [`Cursor::seek`] jumps straight to the
//! bucket of its target in a long list ("。", ",", a line break: hundreds of thousands of
//! positions) instead of decoding up to it — what a rare character merged with a frequent
//! one, and the Latin word-boundary rule, need.

use super::Boundaries;

/// Zeros of an Elias–Fano high part between two entries of the skip table (a zero closes
/// each bucket of `2^l` values; there are about as many buckets as positions). A seek counts
/// at most this many zeros, a few 64-bit words, after its table look-up; the table costs 4
/// bytes per `SKIP` buckets.
pub const SKIP: usize = 128;

/// The per-character position lists of a text (see the module doc). What a snapshot stores,
/// less the skip table, which [`Postings::prepare`] derives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    /// The distinct characters, ascending.
    pub chars: Vec<u32>,
    /// Per character, its number of positions.
    pub counts: Vec<u32>,
    /// Per character, where its list starts in `bytes`; plus the end.
    pub at: Vec<u32>,
    /// The lists, one per character in `chars` order: positions as varint gaps.
    pub bytes: Vec<u8>,
    /// Per character, its first entry in `skips`; plus the end (derived).
    skip_from: Vec<u32>,
    /// Per Elias–Fano list, where the high part's every [`SKIP`]-th zero ends (the bit after
    /// it): the start of the positions whose high part is that multiple of `SKIP` (derived).
    skips: Vec<u32>,
}

/// Lists of at least this many positions are Elias–Fano coded, shorter ones varint gaps.
/// Elias–Fano takes `2 + log2(u / n)` bits a position for `n` positions below `u`, about 13%
/// less than varint gaps over the per-character lists of 10 MB of poetry (5.68 against 6.55
/// MiB, measured on the benchmark corpus); below four positions its header byte and rounding
/// cost more than they save.
pub const EF_FROM: u32 = 4;

/// One character's list: what a [`Cursor`] reads.
#[derive(Debug, Clone, Copy)]
pub struct List<'a> {
    bytes: &'a [u8],
    count: u32,
    skips: &'a [u32],
}

impl<'a> List<'a> {
    /// Its number of positions.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Appends every position, ascending, to `out` (read as `each_ef` reads it): a merge of two
    /// frequent characters decodes whole lists.
    pub fn decode_into(&self, out: &mut Vec<u32>) {
        out.reserve(self.count as usize);
        let cursor = Cursor::new(*self);
        if cursor.ef.is_none() {
            out.extend(cursor);
            return;
        }
        self.each_ef(&cursor, |p| {
            out.push(p);
            true
        });
    }

    /// Keeps the `starts` (ascending) for which `start + offset` is in the list when
    /// `present`, those for which it is not otherwise, handing each other one to `dropped`;
    /// reads the list once beside them and stops when they run out: what a query merging two
    /// lists of about the same length does, without decoding the second one into a buffer.
    pub fn retain_followed(
        &self,
        starts: &mut Vec<u32>,
        offset: u32,
        present: bool,
        mut dropped: impl FnMut(u32),
    ) {
        let cursor = Cursor::new(*self);
        if cursor.ef.is_none() {
            // At most three positions.
            let listed: Vec<u32> = cursor.collect();
            starts.retain(|&s| {
                let keep = listed.contains(&s.saturating_add(offset)) == present;
                if !keep {
                    dropped(s);
                }
                keep
            });
            return;
        }
        let n = starts.len();
        let (mut k, mut kept) = (0, 0);
        if n > 0 {
            let mut want = starts[0].saturating_add(offset);
            self.each_ef(&cursor, |p| loop {
                if want > p {
                    return true;
                }
                if (want == p) == present {
                    starts[kept] = starts[k];
                    kept += 1;
                } else {
                    dropped(starts[k]);
                }
                k += 1;
                if k == n {
                    return false;
                }
                want = starts[k].saturating_add(offset);
            });
        }
        // The starts past the list's last position are not in it.
        while k < n {
            if present {
                dropped(starts[k]);
            } else {
                starts[kept] = starts[k];
                kept += 1;
            }
            k += 1;
        }
        starts.truncate(kept);
    }

    /// Appends to `out`, ascending, every `p - from` for `p` in this list (`p >= from`) such
    /// that `p - from + to` is in `other`: the candidates of a two-character query (this
    /// list the rarer character's, `from` its offset in the query, `to` the other's), both
    /// lists read at once, neither decoded into a buffer first (decoding the rarer list
    /// whole and then filtering it took about twice the instructions at 10 MB). `false`,
    /// with nothing appended, unless both lists are Elias–Fano coded.
    pub fn followed_by(&self, from: u32, other: &List<'_>, to: u32, out: &mut Vec<u32>) -> bool {
        let (Some(mut a), Some(mut b)) = (Ef::new(self), Ef::new(other)) else {
            return false;
        };
        // Each list decoded a block at a time (a loop without surprises), then the blocks
        // merged without a branch per step (`x - from + to` against `y`, both sides moved
        // by `from`): a merge that branched on every comparison mispredicted about every
        // other one (perf, a two-character query at 10 MB).
        let (from, to) = (u64::from(from), u64::from(to));
        let (mut xs, mut ys) = ([0u64; BLOCK], [0u64; BLOCK]);
        let (mut nx, mut ny) = (a.fill(&mut xs, to), b.fill(&mut ys, from));
        let (mut i, mut j) = (0, 0);
        while nx > 0 && ny > 0 {
            let (xb, yb) = (&xs[..nx.min(BLOCK)], &ys[..ny.min(BLOCK)]);
            while i < xb.len() && j < yb.len() {
                let (x, y) = (xb[i], yb[j]);
                if x == y && x >= from + to {
                    out.push((x - from - to) as u32);
                }
                i += usize::from(x <= y);
                j += usize::from(y <= x);
            }
            if i == nx {
                (nx, i) = (a.fill(&mut xs, to), 0);
            }
            if j == ny {
                (ny, j) = (b.fill(&mut ys, from), 0);
            }
        }
        true
    }

    /// Calls `f` with every position of an Elias–Fano list (`cursor` new on it), ascending,
    /// until it returns false. Read word by word of its high part (what [`Cursor`] does one
    /// position at a time, checked at each step): the `i`-th set bit lies at `high + i`, so a
    /// position is the bit's index less `i`, shifted, with its low bits. One call of `f`, so
    /// that it is inlined into the loop (a merge's step is a few instructions).
    #[inline(always)]
    fn each_ef(&self, cursor: &Cursor<'_>, mut f: impl FnMut(u32) -> bool) {
        let Some(l) = cursor.ef else {
            return;
        };
        let (low, high, n) = (cursor.low, cursor.high, self.count as usize);
        let (l, mask) = (l as usize, (1u64 << l) - 1);
        let (mut i, mut bit) = (0, 0);
        for (word, bytes) in high.chunks(8).enumerate() {
            let mut w = load64(bytes, 0);
            while w != 0 {
                if i == n {
                    return;
                }
                // At least `i` bits precede the `i`-th set bit: no underflow.
                let h = (word * 64 + w.trailing_zeros() as usize - i) as u64;
                w &= w - 1;
                let v = h << l | (load64(low, bit / 8) >> (bit % 8)) & mask;
                let Ok(v) = u32::try_from(v) else {
                    return; // not a list we wrote (a prepared list never has this)
                };
                if !f(v) {
                    return;
                }
                i += 1;
                bit += l;
            }
        }
    }
}

/// Positions [`List::followed_by`] decodes from each list at a time (2 KiB of stack for both).
const BLOCK: usize = 128;

/// An Elias–Fano list read forward only, a block at a time, for [`List::followed_by`]: what
/// [`Cursor::next`] does, without a cursor's seek state and varint case.
struct Ef<'a> {
    low: &'a [u8],
    high: &'a [u8],
    l: usize,
    mask: u64,
    /// The high part's 64 bits from bit `word_at` not yet read.
    word: u64,
    word_at: usize,
    /// Positions read, and how many there are.
    i: usize,
    n: usize,
}

impl<'a> Ef<'a> {
    fn new(list: &List<'a>) -> Option<Ef<'a>> {
        let cursor = Cursor::new(*list);
        let l = cursor.ef? as usize;
        Some(Ef {
            low: cursor.low,
            high: cursor.high,
            l,
            mask: (1u64 << l) - 1,
            word: cursor.word,
            word_at: 0,
            i: 0,
            n: list.count as usize,
        })
    }

    /// Fills `block` with the next positions plus `add`; returns how many (0 at the end).
    /// The state is copied into locals for the loop, so that it stays in registers, and the
    /// loop checks nothing that cannot fail: the `i`-th set bit of the high part lies at
    /// least `i` bits in, the low bits' offset grows by `l` a position, and a slot's index is
    /// below the block's length by construction. A position past `u32` (not a list we wrote)
    /// is looked for once the block is filled: the list ends before it, as it would have had
    /// each position been checked.
    fn fill(&mut self, block: &mut [u64; BLOCK], add: u64) -> usize {
        let (low, high, l, mask) = (self.low, self.high, self.l, self.mask);
        let (mut word, mut word_at, i) = (self.word, self.word_at, self.i);
        // At most `BLOCK` more, and no more than the list has.
        let want = self.n.saturating_sub(i).min(BLOCK);
        let (mut k, mut bit, mut seen) = (0, i * l, 0u64);
        // The high part's bit less the position's index, but for `k`: fewer live values in
        // the loop (its index is `i + k`).
        let mut shifted = word_at.wrapping_sub(i);
        while k < want {
            while word == 0 {
                word_at += 64;
                shifted = shifted.wrapping_add(64);
                if word_at / 8 >= high.len() {
                    // Not a list we wrote: it ends here.
                    (self.word, self.word_at, self.i) = (word, word_at, self.n);
                    return Self::below_u32(block, k, add, seen);
                }
                word = load64(high, word_at / 8);
            }
            let h = (shifted + word.trailing_zeros() as usize).wrapping_sub(k);
            word &= word - 1;
            let v = (h as u64) << l | (load64(low, bit / 8) >> (bit % 8)) & mask;
            seen |= v;
            block[k % BLOCK] = v.wrapping_add(add);
            k += 1;
            bit += l;
        }
        let i = if seen > u64::from(u32::MAX) { self.n } else { i + k };
        (self.word, self.word_at, self.i) = (word, word_at, i);
        Self::below_u32(block, k, add, seen)
    }

    /// How many of the `k` positions filled lie below `u32`'s end (all of them unless `seen`,
    /// every position or-ed, says otherwise): the list ends at the first that does not.
    fn below_u32(block: &[u64; BLOCK], k: usize, add: u64, seen: u64) -> usize {
        if seen <= u64::from(u32::MAX) {
            return k;
        }
        block[..k]
            .iter()
            .position(|&p| p.wrapping_sub(add) > u64::from(u32::MAX))
            .unwrap_or(k)
    }
}

/// Reads a list forward, and seeks with the skip table.
pub struct Cursor<'a> {
    list: List<'a>,
    /// Varint list: byte offset of the next gap. Elias–Fano: the bit of the high part where
    /// the search for the next set bit starts.
    at: usize,
    /// Positions decoded so far.
    taken: u32,
    /// The last position decoded (when `taken > 0`).
    p: u32,
    /// Elias–Fano: low bits per position (`None` for a varint list), the low and high parts,
    /// and the 64 bits of the high part from bit `word_at` (a multiple of 64) not yet read.
    ef: Option<u32>,
    word: u64,
    word_at: usize,
    low: &'a [u8],
    high: &'a [u8],
}

/// Eight bytes from `bytes[i..]`, little-endian, zero past the end. Inside the list it is one
/// unaligned load (a copy into a zeroed buffer first took a third of a two-character merge's
/// instructions at 10 MB, measured with callgrind); only the last seven bytes take the copy.
#[inline(always)]
fn load64(bytes: &[u8], i: usize) -> u64 {
    if let Some(Ok(word)) = bytes.get(i..i.wrapping_add(8)).map(<[u8; 8]>::try_from) {
        return u64::from_le_bytes(word);
    }
    load64_tail(bytes, i)
}

/// [`load64`] near the end of `bytes`.
#[cold]
fn load64_tail(bytes: &[u8], i: usize) -> u64 {
    let mut buf = [0u8; 8];
    if let Some(tail) = bytes.get(i..) {
        let n = tail.len().min(8);
        buf[..n].copy_from_slice(&tail[..n]);
    }
    u64::from_le_bytes(buf)
}

/// Elias–Fano's low bits for `n` positions below `u`: `floor(log2(u / n))`, 0 when `u <= n`.
fn ef_low_bits(n: u32, u: u64) -> u32 {
    let q = u / n.max(1) as u64;
    if q <= 1 {
        0
    } else {
        63 - q.leading_zeros()
    }
}

/// Byte length of an Elias–Fano list of `n` positions, the last `last`, `l` low bits each:
/// the header byte (`l`), the low parts, the high parts in unary (`n + (last >> l)` bits).
fn ef_len(n: u32, last: u32, l: u32) -> usize {
    1 + (n as usize * l as usize).div_ceil(8) + (n as usize + (last >> l) as usize).div_ceil(8)
}

/// Writes position number `i` (value `v`) of an Elias–Fano list of `n` positions into `list`
/// (zeroed, of [`ef_len`] bytes, its header byte set).
fn ef_put(list: &mut [u8], n: u32, i: u32, v: u32) {
    let l = list[0] as u32;
    let low_len = (n as usize * l as usize).div_ceil(8);
    let mut bit = 8 + i as usize * l as usize;
    let mut value = v as u64 & ((1u64 << l) - 1);
    let mut left = l;
    while left > 0 {
        let off = (bit % 8) as u32;
        let take = (8 - off).min(left);
        list[bit / 8] |= ((value & ((1 << take) - 1)) << off) as u8;
        value >>= take;
        bit += take as usize;
        left -= take;
    }
    let hb = (v >> l) as usize + i as usize;
    list[1 + low_len + hb / 8] |= 1 << (hb % 8);
}

/// Appends a list of `positions` (ascending, distinct) coded as [`Cursor`] reads it.
fn encode_list(positions: &[u32], out: &mut Vec<u8>) {
    let n = positions.len() as u32;
    match positions.last() {
        Some(&last) if n >= EF_FROM => {
            let l = ef_low_bits(n, last as u64 + 1);
            let from = out.len();
            out.resize(from + ef_len(n, last, l), 0);
            let list = &mut out[from..];
            list[0] = l as u8;
            for (i, &p) in positions.iter().enumerate() {
                ef_put(list, n, i as u32, p);
            }
        }
        _ => {
            let mut previous = 0;
            for &p in positions {
                put_var(out, p - previous);
                previous = p;
            }
        }
    }
}

impl<'a> Cursor<'a> {
    pub fn new(list: List<'a>) -> Cursor<'a> {
        let (mut ef, mut low, mut high) = (None, &[][..], &[][..]);
        if list.count >= EF_FROM {
            let l = list.bytes.first().map_or(0, |&l| (l as u32).min(31));
            let low_len = (list.count as usize * l as usize).div_ceil(8);
            let rest = list.bytes.get(1..).unwrap_or(&[]);
            let split = low_len.min(rest.len());
            ef = Some(l);
            low = &rest[..split];
            high = &rest[split..];
        }
        Cursor {
            list,
            at: 0,
            taken: 0,
            p: 0,
            ef,
            low,
            high,
            word: load64(high, 0),
            word_at: 0,
        }
    }

    /// The next position; `None` at the end (or on bytes that do not decode, which a
    /// prepared list never has).
    #[inline]
    fn advance(&mut self) -> Option<u32> {
        if self.taken == self.list.count {
            return None;
        }
        if let Some(l) = self.ef {
            while self.word == 0 {
                self.word_at += 64;
                if self.word_at / 8 >= self.high.len() {
                    return None;
                }
                self.word = load64(self.high, self.word_at / 8);
            }
            let hb = self.word_at + self.word.trailing_zeros() as usize;
            self.word &= self.word - 1;
            self.at = hb + 1;
            let high = hb.checked_sub(self.taken as usize)? as u64;
            let bit = self.taken as usize * l as usize;
            let low = if l == 0 {
                0
            } else {
                (load64(self.low, bit / 8) >> (bit % 8)) & ((1u64 << l) - 1)
            };
            let v = high << l | low;
            self.p = u32::try_from(v).ok()?;
        } else {
            let gap = get_var(self.list.bytes, &mut self.at)?;
            self.p = if self.taken == 0 {
                gap
            } else {
                self.p.checked_add(gap)?
            };
        }
        self.taken += 1;
        Some(self.p)
    }

    /// The first position at or after `target` (the cursor never moves back: targets of
    /// successive calls should ascend). In an Elias–Fano list the positions whose high part
    /// is `target >> l` start right after the high part's `target >> l`-th zero: the skip
    /// table gives where every [`SKIP`]-th zero ends, a few words' popcounts find the one
    /// wanted, and the cursor jumps there when it lies ahead; then it decodes forward (a
    /// bucket holds one or two positions on average). A varint list is at most three
    /// positions long.
    pub fn seek(&mut self, target: u32) -> Option<u32> {
        if self.taken > 0 && self.p >= target {
            return Some(self.p);
        }
        if let Some(l) = self.ef {
            let h = (target >> l) as usize;
            if h > 0 {
                // Where the h-th zero ends: from the last sampled zero at or before it.
                let j = (h / SKIP).min(self.list.skips.len());
                let (mut at, mut zeros) = match j {
                    0 => (0usize, 0usize),
                    _ => (self.list.skips[j - 1] as usize, j * SKIP),
                };
                if at < self.at {
                    // Already past that sample: count on from the cursor instead (the bits
                    // before it are `taken` ones and the rest zeros).
                    at = self.at;
                    zeros = self.at - self.taken as usize;
                }
                while zeros < h {
                    let wi = at / 64;
                    if wi * 8 >= self.high.len() {
                        return None;
                    }
                    let mut w = !load64(self.high, wi * 8) & (!0u64 << (at % 64));
                    let c = w.count_ones() as usize;
                    if zeros + c < h {
                        zeros += c;
                        at = (wi + 1) * 64;
                        continue;
                    }
                    for _ in 0..h - zeros - 1 {
                        w &= w - 1;
                    }
                    at = wi * 64 + w.trailing_zeros() as usize + 1;
                    zeros = h;
                }
                let taken = at - h;
                if taken >= self.list.count as usize {
                    return None;
                }
                if at > self.at {
                    self.at = at;
                    self.taken = taken as u32;
                    self.word_at = at / 64 * 64;
                    self.word = load64(self.high, self.word_at / 8) & (!0u64 << (at % 64));
                }
            }
        }
        self.by_ref().find(|&p| p >= target)
    }
}

impl Iterator for Cursor<'_> {
    type Item = u32;

    /// The next position, ascending.
    #[inline]
    fn next(&mut self) -> Option<u32> {
        self.advance()
    }
}

/// Appends `v` as an unsigned LEB128 varint.
pub(super) fn put_var(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Writes `v` as a varint at `out[*at..]` (room known in advance).
fn write_var(out: &mut [u8], at: &mut usize, mut v: u32) {
    while v >= 0x80 {
        out[*at] = v as u8 | 0x80;
        *at += 1;
        v >>= 7;
    }
    out[*at] = v as u8;
    *at += 1;
}

/// Bytes of `v` as a varint.
fn var_len(v: u32) -> u32 {
    1 + (32 - (v | 1).leading_zeros() - 1) / 7
}

/// Reads a varint at `*at`; `None` past the end of `bytes` or beyond 32 bits.
#[inline]
pub(super) fn get_var(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        if shift == 28 && b > 0x0f {
            return None;
        }
        v |= ((b & 0x7f) as u32) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

impl Postings {
    /// Heap bytes held: (lists, tables).
    pub fn heap_bytes(&self) -> (usize, usize) {
        (
            self.bytes.capacity(),
            (self.chars.capacity()
                + self.counts.capacity()
                + self.at.capacity()
                + self.skip_from.capacity())
                * 4
                + self.skips.capacity() * 4,
        )
    }

    /// The list of character `c`, if it occurs.
    pub fn list(&self, c: u32) -> Option<List<'_>> {
        let i = self.chars.binary_search(&c).ok()?;
        Some(List {
            bytes: self
                .bytes
                .get(*self.at.get(i)? as usize..*self.at.get(i + 1)? as usize)?,
            count: *self.counts.get(i)?,
            skips: self
                .skips
                .get(*self.skip_from.get(i)? as usize..*self.skip_from.get(i + 1)? as usize)?,
        })
    }

    /// Appends the list of character `c` (above every character already there) with the
    /// given positions (ascending, distinct). For conversions and tests; call
    /// [`Postings::prepare`] after the last.
    pub fn push_list(&mut self, c: u32, positions: &[u32]) {
        if self.at.is_empty() {
            self.at.push(0);
        }
        self.chars.push(c);
        self.counts.push(positions.len() as u32);
        encode_list(positions, &mut self.bytes);
        self.at.push(self.bytes.len() as u32);
    }

    /// The postings of the documents `docs` (folded texts, in order; positions are byte
    /// offsets into their concatenation), prepared.
    ///
    /// Two passes over the text and no sorting: the first counts, per character, its
    /// positions and the bytes its gaps take; the second writes every gap straight into its
    /// place in one buffer of exactly the final size. The scratch is a table from character
    /// code to a dense number (four bytes per code up to the highest one seen: 256 KiB for
    /// the Basic Multilingual Plane) and 16 bytes per distinct character — nothing per
    /// position, so building needs no more than the texts and the postings it makes (wasm
    /// memory keeps its high-water mark: format 2's build sorted eight-byte entries for an
    /// eighth of the text at a time).
    pub fn build<S: AsRef<str>>(docs: &[S]) -> Postings {
        const NONE: u32 = u32::MAX;
        let mut ids: Vec<u32> = Vec::new();
        // Per dense number: the character, its count, its last position, its byte size.
        let mut chars: Vec<u32> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut last: Vec<u32> = Vec::new();
        let mut sizes: Vec<u32> = Vec::new();
        let mut base = 0u32;
        for d in docs {
            let text = d.as_ref();
            for (at, c) in text.char_indices() {
                let code = c as usize;
                if code >= ids.len() {
                    ids.resize(code + 1, NONE);
                }
                let mut id = ids[code];
                if id == NONE {
                    id = chars.len() as u32;
                    ids[code] = id;
                    chars.push(c as u32);
                    counts.push(0);
                    last.push(0);
                    sizes.push(0);
                }
                let id = id as usize;
                let p = base + at as u32;
                sizes[id] += var_len(p - last[id]);
                last[id] = p;
                counts[id] += 1;
            }
            base += text.len() as u32;
        }
        // Lists in character order: where each starts.
        let mut order: Vec<u32> = (0..chars.len() as u32).collect();
        order.sort_unstable_by_key(|&id| chars[id as usize]);
        let mut out = Postings {
            chars: Vec::with_capacity(chars.len()),
            counts: Vec::with_capacity(chars.len()),
            at: Vec::with_capacity(chars.len() + 1),
            ..Postings::default()
        };
        // A list's size: Elias–Fano from its count and last position, else the varint sum.
        // Then `sizes` becomes each list's start, `last` is reset for the second pass, and
        // `taken` counts what each list has received.
        let mut total = 0u32;
        out.at.push(0);
        for &id in &order {
            let id = id as usize;
            out.chars.push(chars[id]);
            out.counts.push(counts[id]);
            if counts[id] >= EF_FROM {
                let l = ef_low_bits(counts[id], last[id] as u64 + 1);
                sizes[id] = ef_len(counts[id], last[id], l) as u32;
            }
            let size = sizes[id];
            sizes[id] = total;
            total += size;
            out.at.push(total);
        }
        drop(order);
        drop(chars);
        let mut bytes = vec![0u8; total as usize];
        let mut taken = vec![0u32; counts.len()];
        for (id, &n) in counts.iter().enumerate() {
            if n >= EF_FROM {
                let from = sizes[id] as usize;
                bytes[from] = ef_low_bits(n, last[id] as u64 + 1) as u8;
            }
        }
        last.iter_mut().for_each(|l| *l = 0);
        let mut base = 0u32;
        for d in docs {
            let text = d.as_ref();
            for (at, c) in text.char_indices() {
                let id = ids[c as usize] as usize;
                let p = base + at as u32;
                let n = counts[id];
                if n >= EF_FROM {
                    ef_put(&mut bytes[sizes[id] as usize..], n, taken[id], p);
                    taken[id] += 1;
                } else {
                    let mut w = sizes[id] as usize;
                    write_var(&mut bytes, &mut w, p - last[id]);
                    sizes[id] = w as u32;
                    last[id] = p;
                }
            }
            base += text.len() as u32;
        }
        drop(counts);
        drop(ids);
        out.bytes = bytes;
        out.prepare(None)
            .expect("postings built from texts are well formed");
        out
    }

    /// Checks the lists and derives the skip table. Always: tables of matching lengths,
    /// characters ascending and valid, every list non-empty, decodable to exactly its bytes,
    /// positions strictly ascending. With the character boundaries `b` of the texts, also: as
    /// many positions as characters, each at the start of a character whose end (with the
    /// listed character's width) is a boundary — so that a query's chain of characters,
    /// each checked, ends on one; which character really stands there is not compared (a
    /// forged snapshot can give wrong hits, never a cut through a character). One pass over
    /// the lists, two bit look-ups a position. The error says which rule the lists break.
    pub fn prepare(&mut self, b: Option<&Boundaries>) -> Result<(), String> {
        let not_a_character = || "a position is not a character of the text".to_string();
        let total = match b {
            None => self.prepare_with(|_, _| Ok(()))?,
            Some(b) => self.prepare_with(|p, width| {
                let at = p as usize;
                if at >= b.len || !b.get(at) || !b.get(at + width) {
                    return Err(not_a_character());
                }
                Ok(())
            })?,
        };
        if b.is_some_and(|b| total != b.chars) {
            return Err("there is not one position per character".into());
        }
        Ok(())
    }

    /// [`Postings::prepare_shape`], then every position decoded: `each` called on it and its
    /// character's width in bytes (an error from it stops the check), positions strictly
    /// ascending; returns the number of positions.
    pub fn prepare_with(
        &mut self,
        mut each: impl FnMut(u32, usize) -> Result<(), String>,
    ) -> Result<usize, String> {
        self.prepare_shape()?;
        let mut total = 0usize;
        for i in 0..self.chars.len() {
            let width = self.width(i);
            let Some(list) = self.list_at(i) else {
                return Err(damaged());
            };
            let mut cursor = Cursor::new(list);
            let mut previous = None;
            // No `Option` combinators: this loop runs once per character of the corpus.
            for _ in 0..list.count {
                let Some(p) = cursor.next() else {
                    return Err(damaged());
                };
                if previous.is_some_and(|q| q >= p) {
                    return Err("positions are not in order".into());
                }
                previous = Some(p);
                each(p, width)?;
            }
            total += list.count as usize;
        }
        Ok(total)
    }

    /// Checks what can be checked of the lists without decoding their positions, and derives
    /// the skip table from the Elias–Fano lists' high parts a 64-bit word at a time (a few
    /// words a list of 128 positions, against decoding each): tables of matching lengths,
    /// characters ascending and valid, every list non-empty and of exactly its bytes — a
    /// varint list (three positions at most) decoded, strictly ascending; an Elias–Fano list's
    /// low bits as long as its count says, its high part holding exactly `count` set bits with
    /// the last in its last byte, and its largest position inside 32 bits. What this leaves
    /// unchecked is the order of an Elias–Fano list's positions inside one bucket of its
    /// high part (duplicates included) and how the positions fit the texts: opening a
    /// snapshot checks those per document, on its first read ([`super::Index::start_hashes_of`]),
    /// and a query keeps its starts ascending whatever the lists say.
    pub fn prepare_shape(&mut self) -> Result<(), String> {
        let n = self.chars.len();
        if self.counts.len() != n
            || self.at.len() != n + 1
            || self.at.first() != Some(&0)
            || self.at.last().map(|&a| a as usize) != Some(self.bytes.len())
        {
            return Err("the character table and the postings do not agree".into());
        }
        if self.chars.windows(2).any(|w| w[0] >= w[1]) || self.at.windows(2).any(|w| w[0] >= w[1]) {
            return Err("the characters are not in order".into());
        }
        if self.chars.iter().any(|&c| char::from_u32(c).is_none()) {
            return Err("a position is not a character of the text".into());
        }
        // Each position takes at least a bit (a byte in a varint list), so the skip table is
        // bounded by the bytes.
        let mut skips = 0usize;
        for (i, &count) in self.counts.iter().enumerate() {
            let len = (self.at[i + 1] - self.at[i]) as usize;
            let most = if count >= EF_FROM { len * 8 } else { len };
            if count == 0 || count as usize > most {
                return Err("a character's number of positions does not fit its list".into());
            }
            if count >= EF_FROM {
                // The high part's length bounds its zeros (`8 × bytes − count` at most).
                let l = self.bytes[self.at[i] as usize].min(31) as usize;
                let high = len.saturating_sub(1 + (count as usize * l).div_ceil(8));
                skips += (high * 8).saturating_sub(count as usize) / SKIP;
            }
        }
        self.skips = Vec::with_capacity(skips);
        self.skip_from = Vec::with_capacity(n + 1);
        self.skip_from.push(0);
        for i in 0..n {
            let bytes = &self.bytes[self.at[i] as usize..self.at[i + 1] as usize];
            let count = self.counts[i];
            if count < EF_FROM {
                let mut at = 0;
                let mut p = 0u32;
                for k in 0..count {
                    let gap = get_var(bytes, &mut at).ok_or_else(damaged)?;
                    if k > 0 && gap == 0 {
                        return Err("positions are not in order".into());
                    }
                    p = p.checked_add(gap).ok_or_else(damaged)?;
                }
                if at != bytes.len() {
                    return Err(damaged());
                }
            } else {
                let l = bytes[0];
                let low_len = (count as usize * l as usize).div_ceil(8);
                let high = match bytes.get(1 + low_len..) {
                    Some(high) if l <= 31 && high.last().is_some_and(|&b| b != 0) => high,
                    _ => return Err(damaged()),
                };
                let last = skip_zeros(high, count, &mut self.skips).ok_or_else(damaged)?;
                // The last position's high part is the zeros before the last set bit; the
                // positions' high parts never decrease, so it bounds them all.
                if ((last + 1 - count as usize) as u64) << l > u32::MAX as u64 {
                    return Err(damaged());
                }
            }
            self.skip_from.push(self.skips.len() as u32);
        }
        Ok(())
    }

    /// Character number `i`'s width in UTF-8 bytes (1 for a code that is not a character,
    /// which [`Postings::prepare_shape`] refuses).
    fn width(&self, i: usize) -> usize {
        char::from_u32(self.chars[i]).map_or(1, char::len_utf8)
    }

    /// Character number `i`'s list.
    fn list_at(&self, i: usize) -> Option<List<'_>> {
        Some(List {
            bytes: self
                .bytes
                .get(*self.at.get(i)? as usize..*self.at.get(i + 1)? as usize)?,
            count: *self.counts.get(i)?,
            skips: self
                .skips
                .get(*self.skip_from.get(i)? as usize..*self.skip_from.get(i + 1)? as usize)
                .unwrap_or(&[]),
        })
    }

    /// Calls `f` with every position of every list that lies in one of `ranges`, that range's
    /// number and the position's character's width in bytes, list by list: each list is
    /// sought to the bucket of a range's start and read to the end of the bucket of its last
    /// byte (every position of those buckets looked at, so that one out of order inside a
    /// bucket is not missed). A seek a list and a range: what checking documents against the
    /// lists costs, against decoding them all. The lists are the outer loop, so that a short
    /// list is fetched from memory once for all the ranges (a few thousand lists at 50 MB:
    /// each seek mostly waits for its list's bytes).
    pub fn each_in(&self, ranges: &[std::ops::Range<u32>], mut f: impl FnMut(usize, u32, usize)) {
        for i in 0..self.chars.len() {
            let Some(list) = self.list_at(i) else {
                continue;
            };
            let width = self.width(i);
            for (k, range) in ranges.iter().enumerate() {
                if range.is_empty() {
                    continue;
                }
                let mut cursor = Cursor::new(list);
                let (from, to) = match cursor.ef {
                    // Every position of the buckets from `range.start`'s to `range.end - 1`'s.
                    Some(l) => (
                        range.start >> l << l,
                        ((((range.end - 1) >> l) as u64 + 1) << l).min(u32::MAX as u64 + 1),
                    ),
                    None => (0, u32::MAX as u64 + 1),
                };
                let mut next = cursor.seek(from);
                while let Some(p) = next {
                    if p as u64 >= to {
                        break;
                    }
                    if range.contains(&p) {
                        f(k, p, width);
                    }
                    next = cursor.next();
                }
            }
        }
    }

    /// Calls `f` with every position of every list and its character's width in bytes, in
    /// the lists' order: the one pass over the whole index.
    pub fn each_position(&self, mut f: impl FnMut(u32, usize)) {
        for i in 0..self.chars.len() {
            let Some(list) = self.list_at(i) else {
                continue;
            };
            let width = self.width(i);
            let cursor = Cursor::new(list);
            if cursor.ef.is_none() {
                cursor.for_each(|p| f(p, width));
            } else {
                list.each_ef(&cursor, |p| {
                    f(p, width);
                    true
                });
            }
        }
    }

    /// The number of distinct characters (lists).
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when there is no list.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The number of positions, as the character table states it.
    pub fn positions(&self) -> u64 {
        self.counts.iter().map(|&c| c as u64).sum()
    }
}

fn damaged() -> String {
    "a list of positions does not decode".to_string()
}

/// Scans an Elias–Fano high part a 64-bit word at a time: pushes onto `skips` where every
/// [`SKIP`]-th zero before its `count`-th set bit ends (the bit after it), and returns the
/// index of that set bit; `None` unless the part holds exactly `count` set bits.
fn skip_zeros(high: &[u8], count: u32, skips: &mut Vec<u32>) -> Option<usize> {
    let from = skips.len();
    let (mut ones, mut zeros, mut next) = (0usize, 0usize, SKIP);
    let mut last = None;
    for (word, chunk) in high.chunks(8).enumerate() {
        let w = load64(chunk, 0);
        let bits = chunk.len() * 8;
        let c = w.count_ones() as usize;
        if c > 0 {
            last = Some(word * 64 + 63 - w.leading_zeros() as usize);
        }
        ones += c;
        let z = bits - c;
        while zeros + z >= next {
            // The (next − zeros)-th zero of this word.
            let mut free = !w & (u64::MAX >> (64 - bits));
            for _ in 0..next - zeros - 1 {
                free &= free - 1;
            }
            skips.push((word * 64 + free.trailing_zeros() as usize + 1) as u32);
            next += SKIP;
        }
        zeros += z;
    }
    let last = last?;
    if ones != count as usize {
        return None;
    }
    // Only the zeros before the last set bit: the buckets that hold a position.
    while skips.len() > from && skips.last().is_some_and(|&s| s as usize > last) {
        skips.pop();
    }
    Some(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one_list(positions: &[u32]) -> Postings {
        let mut p = Postings::default();
        p.push_list('京' as u32, positions);
        p.prepare(None).expect("well formed");
        p
    }

    fn decoded(p: &Postings) -> Vec<u32> {
        let mut out = Vec::new();
        p.list('京' as u32).unwrap().decode_into(&mut out);
        out
    }

    #[test]
    fn a_list_round_trips_at_position_zero_the_last_position_and_huge_gaps() {
        for positions in [
            vec![0],
            vec![u32::MAX],
            vec![0, u32::MAX],
            vec![
                0,
                1,
                2,
                127,
                128,
                16_383,
                16_384,
                1 << 21,
                (1 << 28) + 5,
                u32::MAX - 1,
            ],
        ] {
            let p = one_list(&positions);
            assert_eq!(decoded(&p), positions);
            let mut cursor = Cursor::new(p.list('京' as u32).unwrap());
            for &q in &positions {
                assert_eq!(cursor.seek(q), Some(q));
            }
            assert_eq!(
                cursor.seek(u32::MAX),
                positions.last().copied().filter(|&l| l == u32::MAX)
            );
        }
    }

    proptest! {
        /// Reading a list beside a set of starts keeps exactly the starts whose shifted
        /// position the list holds (or does not hold), for short (varint) and Elias–Fano
        /// lists, starts past the list's end included.
        #[test]
        fn retain_followed_equals_a_filter_on_membership(
            positions in prop::collection::btree_set(0u32..2_000, 1..300),
            starts in prop::collection::btree_set(0u32..2_100, 0..300),
            offset in 0u32..6,
            present: bool,
        ) {
            let positions: Vec<u32> = positions.into_iter().collect();
            let p = one_list(&positions);
            let mut kept: Vec<u32> = starts.iter().copied().collect();
            p.list('京' as u32).unwrap().retain_followed(&mut kept, offset, present, |_| {});
            let expected: Vec<u32> = starts
                .into_iter()
                .filter(|s| positions.binary_search(&(s + offset)).is_ok() == present)
                .collect();
            prop_assert_eq!(kept, expected);
        }
    }

    proptest! {
        /// Two lists read at once keep exactly the shifted positions a filter on membership
        /// keeps, whichever offsets (a start before `from` is dropped), and say when they
        /// cannot (a varint list of three positions or fewer).
        #[test]
        fn followed_by_equals_a_filter_on_membership(
            first in prop::collection::btree_set(0u32..3_000, 1..400),
            second in prop::collection::btree_set(0u32..3_000, 1..400),
            from in 0u32..7,
            to in 0u32..7,
        ) {
            let mut p = Postings::default();
            let a: Vec<u32> = first.into_iter().collect();
            let b: Vec<u32> = second.into_iter().collect();
            // Characters ascend in the table: 东 (U+4E1C) before 京 (U+4EAC).
            p.push_list('东' as u32, &a);
            p.push_list('京' as u32, &b);
            p.prepare(None).expect("well formed");
            let (la, lb) = (p.list('东' as u32).unwrap(), p.list('京' as u32).unwrap());
            let mut out = Vec::new();
            let merged = la.followed_by(from, &lb, to, &mut out);
            prop_assert_eq!(merged, a.len() >= EF_FROM as usize && b.len() >= EF_FROM as usize);
            if merged {
                let expected: Vec<u32> = a
                    .iter()
                    .filter(|&&x| x >= from && b.binary_search(&(x - from + to)).is_ok())
                    .map(|&x| x - from)
                    .collect();
                prop_assert_eq!(out, expected);
            } else {
                prop_assert!(out.is_empty());
            }
        }
    }

    #[test]
    fn many_singletons_each_find_their_one_position() {
        // 5,000 characters seen once each, as a long text of distinct rare characters gives.
        let mut p = Postings::default();
        for i in 0..5_000u32 {
            p.push_list(0x4E00 + i, &[i * 3]);
        }
        p.prepare(None).unwrap();
        assert!(p.skips.is_empty());
        for i in (0..5_000u32).step_by(97) {
            let list = p.list(0x4E00 + i).unwrap();
            assert_eq!(list.count(), 1);
            assert_eq!(Cursor::new(list).seek(0), Some(i * 3));
        }
        assert!(p.list(0x4E00 + 5_000).is_none());
    }

    #[test]
    fn forged_lists_are_refused_without_panicking() {
        let good = one_list(&[3, 9, 300]);
        let mut zero_gap = Postings::default();
        zero_gap.push_list(1, &[3]);
        zero_gap.bytes.push(0);
        zero_gap.counts[0] = 2;
        zero_gap.at[1] = 2;
        assert!(zero_gap.prepare(None).is_err());
        let mut too_many = good.clone();
        too_many.counts[0] = 100;
        assert!(too_many.prepare(None).is_err());
        let mut no_char = good.clone();
        no_char.chars[0] = 0xD800;
        assert!(no_char.prepare(None).is_err());
        // And an Elias–Fano list (dense positions, past a skip entry).
        let dense: Vec<u32> = (0..300).map(|i| i * 5 + i % 3).collect();
        let ef = one_list(&dense);
        assert_eq!(decoded(&ef), dense);
        assert!(ef.bytes.len() < dense.len(), "under a byte a position");
        for good in [good, ef] {
            for at in 0..good.bytes.len() {
                for flip in [0x01, 0x40, 0x80] {
                    let mut bad = good.clone();
                    bad.bytes[at] ^= flip;
                    if bad.prepare(None).is_ok() {
                        let mut cursor = Cursor::new(bad.list('京' as u32).unwrap());
                        let _ = cursor.seek(10);
                        let _ = cursor.seek(1_000);
                    }
                }
            }
        }
    }

    /// The skip table as decoding finds it (what `prepare` derived before the high parts were
    /// scanned a word at a time): per Elias–Fano list, for every `SKIP`-th zero that precedes
    /// a position, the bit after it.
    fn skips_by_decoding(p: &Postings) -> Vec<Vec<u32>> {
        (0..p.chars.len())
            .map(|i| {
                let list = List { skips: &[], ..p.list_at(i).unwrap() };
                let mut cursor = Cursor::new(list);
                let mut out = Vec::new();
                let mut next_zero = SKIP;
                for k in 0..list.count as usize {
                    cursor.next().unwrap();
                    if cursor.ef.is_some() {
                        let high = cursor.at - 1 - k;
                        while next_zero <= high {
                            out.push((next_zero + k) as u32);
                            next_zero += SKIP;
                        }
                    }
                }
                out
            })
            .collect()
    }

    /// `positions` coded as one Elias–Fano list in the order given (ascending or not, repeated
    /// or not, as long as the high parts do not decrease): what a forged snapshot can hold.
    fn coded_as_given(positions: &[u32]) -> Postings {
        let n = positions.len() as u32;
        let top = *positions.iter().max().unwrap();
        let l = ef_low_bits(n, top as u64 + 1);
        let mut bytes = vec![0u8; ef_len(n, top, l)];
        bytes[0] = l as u8;
        for (i, &v) in positions.iter().enumerate() {
            ef_put(&mut bytes, n, i as u32, v);
        }
        Postings {
            chars: vec!['京' as u32],
            counts: vec![n],
            at: vec![0, bytes.len() as u32],
            bytes,
            ..Postings::default()
        }
    }

    #[test]
    fn a_list_out_of_order_inside_a_bucket_has_the_shape_but_not_the_order() {
        // 40 and 41 share a bucket (l = 4 here), listed in the wrong order; then 50 twice.
        for positions in [&[3u32, 41, 40, 90, 200, 300][..], &[3, 41, 50, 50, 200, 300]] {
            let mut p = coded_as_given(positions);
            assert!(p.prepare_shape().is_ok(), "{positions:?}");
            assert!(p.clone().prepare(None).is_err(), "{positions:?}");
            // Every position of the range is handed over, in the list's order, however placed.
            let mut seen = Vec::new();
            p.each_in(std::slice::from_ref(&(35..60)), |_, q, width| {
                assert_eq!(width, 3);
                seen.push(q);
            });
            let mut expected: Vec<u32> =
                positions.iter().copied().filter(|q| (35..60).contains(q)).collect();
            seen.sort_unstable();
            expected.sort_unstable();
            assert_eq!(seen, expected);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The skip table derived from the high parts' words on open is the one decoding every
        /// position gives, and [`Postings::each_in`] gives exactly the positions in its ranges.
        #[test]
        fn the_shape_check_derives_the_skip_table_decoding_gives(
            lists in prop::collection::vec(
                (prop::collection::btree_set(0u32..60_000, 1..900), 1u32..4),
                1..6,
            ),
            ranges in prop::collection::vec((0u32..61_000, 0u32..3_000), 1..5),
        ) {
            let mut p = Postings::default();
            for (i, (positions, spread)) in lists.iter().enumerate() {
                let spread: Vec<u32> = positions.iter().map(|&q| q * spread).collect();
                p.push_list(0x4E00 + i as u32, &spread);
            }
            p.prepare_shape().unwrap();
            let shaped = p.skips.clone();
            let from = p.skip_from.clone();
            let decoded = skips_by_decoding(&p);
            for (i, skips) in decoded.iter().enumerate() {
                prop_assert_eq!(&shaped[from[i] as usize..from[i + 1] as usize], &skips[..]);
            }
            let ranges: Vec<std::ops::Range<u32>> =
                ranges.iter().map(|&(s, len)| s * 2..s * 2 + len).collect();
            let mut got = vec![Vec::new(); ranges.len()];
            p.each_in(&ranges, |k, q, _| got[k].push(q));
            for (k, r) in ranges.iter().enumerate() {
                let mut all = Vec::new();
                for c in &p.chars {
                    p.list(*c).unwrap().decode_into(&mut all);
                }
                all.retain(|q| r.contains(q));
                all.sort_unstable();
                got[k].sort_unstable();
                prop_assert_eq!(&got[k], &all);
            }
        }

        /// Random position sets (dense runs, sparse jumps, lists longer than several skip
        /// intervals) decode to themselves, and seeking any ascending targets gives what a
        /// linear search gives.
        #[test]
        fn random_position_sets_round_trip_and_seek_like_a_linear_search(
            gaps in prop::collection::vec(prop_oneof![1u32..4, 1u32..200, 1u32..100_000], 1..700),
            first in 0u32..1000,
            targets in prop::collection::vec(0u32..40_000_000, 0..60),
        ) {
            let mut positions = vec![first];
            for g in gaps {
                let next = positions.last().unwrap().saturating_add(g);
                if next == *positions.last().unwrap() {
                    break;
                }
                positions.push(next);
            }
            let p = one_list(&positions);
            prop_assert_eq!(decoded(&p), positions.clone());
            let mut targets = targets;
            targets.sort_unstable();
            let mut cursor = Cursor::new(p.list('京' as u32).unwrap());
            for t in targets {
                let want = positions.iter().copied().find(|&q| q >= t);
                prop_assert_eq!(cursor.seek(t), want, "target {}", t);
            }
        }
    }
}
