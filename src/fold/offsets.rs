//! The way back from a folded text to its original.

/// Maps byte offsets of a folded text to byte offsets of the text it was folded from.
///
/// Folding replaces each character by exactly one character, usually of the same UTF-8 length
/// (京東 → 京东 is 6 bytes both ways). Only where a length changes (full-width `Ａ`, 3 bytes,
/// becomes `a`, 1 byte) does the map record an anchor: the pair of offsets just after that
/// character. Between anchors the two texts advance in step, so one binary search finds any
/// offset. A Chinese text without full-width Latin needs no anchors at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// The anchors — `(folded, original)` offset pairs, non-decreasing in both; two share a
    /// folded offset only where a jump was recorded — in blocks of [`BLOCK`]: per block its
    /// first anchor and where the rest start in `gaps` (`[folded, original, start]`).
    heads: Vec<[u32; 3]>,
    /// The anchors after each block's first, as varint gaps from the one before (folded,
    /// then original zigzag-encoded). A Chinese text folded has an anchor at every full-width
    /// comma (`，` → `,`): at 10 MB of poetry, half a million anchors, 3.5 MB as pairs of
    /// `u32`, about a quarter of that as gaps.
    gaps: Vec<u8>,
    /// The last anchor pushed, and how many anchors its block holds.
    last: (u32, u32),
    in_last: u32,
}

/// Anchors per block: a look-up decodes at most this many gaps after its binary search.
const BLOCK: u32 = 32;

#[inline]
fn put_var(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_var(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= ((b & 0x7f) as u32).wrapping_shl(shift);
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    v
}

impl OffsetMap {
    /// The map of a text folded into one of the same length everywhere (no anchors), as a
    /// constant that can be borrowed for any document.
    pub const IDENTITY: OffsetMap = OffsetMap {
        heads: Vec::new(),
        gaps: Vec::new(),
        last: (0, 0),
        in_last: 0,
    };

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.heads.capacity() * 12 + self.gaps.capacity()
    }

    /// Gives back spare capacity (a map is complete once its text is).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.heads.shrink_to_fit();
        self.gaps.shrink_to_fit();
    }

    /// An empty map with room for `n` anchors of one- or two-byte gaps, which
    /// [`OffsetMap::push_gaps`] fills in order.
    pub(crate) fn with_capacity(n: usize) -> OffsetMap {
        let block = BLOCK as usize;
        OffsetMap {
            heads: Vec::with_capacity(n.div_ceil(block)),
            gaps: Vec::with_capacity((n - n.div_ceil(block)) * 2),
            ..OffsetMap::default()
        }
    }

    /// Appends the anchor `folded` and `original` bytes after the last one (after (0, 0) for
    /// the first), as a snapshot stores them: `None` when an offset passes `u32`.
    #[inline]
    pub(crate) fn push_gaps(&mut self, folded: u32, original: u32) -> Option<()> {
        let f = self.last.0.checked_add(folded)?;
        let o = self.last.1.checked_add(original)?;
        self.push(f, o);
        Some(())
    }

    #[inline]
    fn push(&mut self, folded: u32, original: u32) {
        if self.heads.is_empty() || self.in_last == BLOCK {
            self.heads.push([folded, original, self.gaps.len() as u32]);
            self.in_last = 1;
        } else {
            put_var(&mut self.gaps, folded.wrapping_sub(self.last.0));
            let d = original.wrapping_sub(self.last.1) as i32;
            put_var(&mut self.gaps, ((d << 1) ^ (d >> 31)) as u32);
            self.in_last += 1;
        }
        self.last = (folded, original);
    }

    /// The anchors of block `b`, in order.
    fn block(&self, b: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        let [f, o, start] = self.heads[b];
        let end = self.heads.get(b + 1).map_or(self.gaps.len(), |h| h[2] as usize);
        let bytes = &self.gaps[start as usize..end];
        let mut at = 0;
        let mut current = (f, o);
        std::iter::once(current).chain(std::iter::from_fn(move || {
            if at >= bytes.len() {
                return None;
            }
            let df = get_var(bytes, &mut at);
            let z = get_var(bytes, &mut at);
            let d = ((z >> 1) as i32) ^ -((z & 1) as i32);
            current = (current.0.wrapping_add(df), current.1.wrapping_add(d as u32));
            Some(current)
        }))
    }

    /// The last anchor whose `key` is at most `at` (keys non-decreasing).
    fn last_at_most(&self, at: usize, key: impl Fn((u32, u32)) -> u32) -> Option<(u32, u32)> {
        let b = self
            .heads
            .partition_point(|h| key((h[0], h[1])) as usize <= at);
        let b = b.checked_sub(1)?;
        self.block(b).take_while(|&a| key(a) as usize <= at).last()
    }

    /// Records that folded offset `folded` corresponds to original offset `original`.
    /// Anchors must be pushed in increasing order.
    pub(crate) fn push_anchor(&mut self, folded: usize, original: usize) {
        self.push(to_u32(folded), to_u32(original));
    }

    /// Records a jump: at transformed offset `at`, the original skips from `before` (where the
    /// text up to `at` ends) to `after` (where the text from `at` starts). Cleaning uses this
    /// where it cut a span out. A start offset `at` maps to `after`, an end offset to `before`.
    pub(crate) fn push_jump(&mut self, at: usize, before: usize, after: usize) {
        self.push(to_u32(at), to_u32(before));
        if after != before {
            self.push(to_u32(at), to_u32(after));
        }
    }

    /// True when folded and original offsets are the same everywhere.
    pub fn is_identity(&self) -> bool {
        self.heads.is_empty()
    }

    /// The original offset of the folded character boundary `folded`.
    pub fn to_original(&self, folded: usize) -> usize {
        match self.last_at_most(folded, |a| a.0) {
            Some((f, o)) => o as usize + (folded - f as usize),
            None => folded,
        }
    }

    /// The original offset of `folded` taken as the *end* of a range: where the original cut
    /// something out at `folded`, this is the offset before the cut, not after it.
    pub fn to_original_end(&self, folded: usize) -> usize {
        // The first anchor at `folded` or after: in the last block that starts before
        // `folded`, or the first anchor of the next block.
        let b = self.heads.partition_point(|h| (h[0] as usize) < folded);
        let first = b
            .checked_sub(1)
            .and_then(|p| self.block(p).find(|a| a.0 as usize >= folded))
            .or_else(|| self.heads.get(b).map(|h| (h[0], h[1])));
        match first {
            Some((f, o)) if f as usize == folded => o as usize,
            _ => self.to_original(folded),
        }
    }

    /// Every anchor, in order: what a snapshot stores of the map ([`OffsetMap::from_anchors`]
    /// builds the same map again).
    pub fn anchors(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..self.heads.len()).flat_map(|b| self.block(b))
    }

    /// The map of these anchors, or `None` when they go back in either offset (a damaged or
    /// forged snapshot): a map read back is then the very one [`OffsetMap::anchors`] came
    /// from.
    pub fn from_anchors(anchors: impl IntoIterator<Item = (u32, u32)>) -> Option<OffsetMap> {
        let mut map = OffsetMap::default();
        for (f, o) in anchors {
            if !map.heads.is_empty() && (f < map.last.0 || o < map.last.1) {
                return None;
            }
            map.push(f, o);
        }
        map.shrink_to_fit();
        Some(map)
    }

    /// The last anchor, if any: past it both texts advance in step to their ends.
    pub fn last_anchor(&self) -> Option<(u32, u32)> {
        (!self.heads.is_empty()).then_some(self.last)
    }

    /// The folded offset of the original character boundary `original`.
    pub fn to_folded(&self, original: usize) -> usize {
        match self.last_at_most(original, |a| a.1) {
            Some((f, o)) => f as usize + (original - o as usize),
            None => original,
        }
    }
}

/// [`OffsetMap::to_original`] or [`OffsetMap::to_original_end`] over non-decreasing folded
/// offsets, one after another: a search maps every occurrence in a document in order, and
/// each look-up goes on decoding from where the last one stopped instead of searching the
/// blocks and decoding a block from its head again. Answers exactly as the map's look-ups.
#[derive(Debug)]
pub struct Walk<'a> {
    map: &'a OffsetMap,
    /// Whether this walks ends ([`Walk::to_original_end`]) rather than starts.
    ends: bool,
    /// The block being decoded, `None` before the first look-up that needs one.
    block: Option<usize>,
    /// Starts: the last anchor at or before the offset asked last. Ends: the last anchor
    /// before it.
    current: (u32, u32),
    /// The anchor after `current` in its block, if any.
    next: Option<(u32, u32)>,
    /// Where the gap of the anchor after `next` starts in the map's gaps, and where the
    /// block's gaps end.
    at: usize,
    end: usize,
}

impl<'a> Walk<'a> {
    /// Moves to block `b`: its head current, the anchor after it next.
    fn enter(&mut self, b: usize) {
        let [f, o, start] = self.map.heads[b];
        self.block = Some(b);
        self.current = (f, o);
        self.at = start as usize;
        self.end = self
            .map
            .heads
            .get(b + 1)
            .map_or(self.map.gaps.len(), |h| h[2] as usize);
        self.next = self.decode(self.current);
    }

    /// The anchor after `after` in the block, decoding its gap.
    fn decode(&mut self, after: (u32, u32)) -> Option<(u32, u32)> {
        if self.at >= self.end {
            return None;
        }
        let bytes = &self.map.gaps[..self.end];
        let df = get_var(bytes, &mut self.at);
        let z = get_var(bytes, &mut self.at);
        let d = ((z >> 1) as i32) ^ -((z & 1) as i32);
        Some((after.0.wrapping_add(df), after.1.wrapping_add(d as u32)))
    }

    /// Steps on while the next anchor's folded offset is below `folded` (at most `folded`
    /// for starts), entering a later block first when its head qualifies. False when no
    /// anchor does (every one lies after).
    fn advance(&mut self, folded: usize) -> bool {
        let ends = self.ends;
        let before = |f: u32| {
            if ends {
                (f as usize) < folded
            } else {
                f as usize <= folded
            }
        };
        let heads = &self.map.heads;
        let from = self.block.unwrap_or(0);
        if self.block.is_none() || heads.get(from + 1).is_some_and(|h| before(h[0])) {
            let n = heads[from..].partition_point(|h| before(h[0]));
            let Some(b) = (from + n).checked_sub(1) else {
                return false;
            };
            if self.block != Some(b) {
                self.enter(b);
            }
        }
        while let Some(next) = self.next.filter(|n| before(n.0)) {
            self.current = next;
            self.next = self.decode(next);
        }
        true
    }

    /// As [`OffsetMap::to_original`]; offsets must not decrease from one call to the next.
    pub fn to_original(&mut self, folded: usize) -> usize {
        debug_assert!(!self.ends);
        if !self.advance(folded) {
            return folded;
        }
        let (f, o) = self.current;
        o as usize + (folded - f as usize)
    }

    /// As [`OffsetMap::to_original_end`]; offsets must not decrease from one call to the next.
    pub fn to_original_end(&mut self, folded: usize) -> usize {
        debug_assert!(self.ends);
        if !self.advance(folded) {
            // Every anchor lies at `folded` or after: the first decides.
            return match self.map.heads.first() {
                Some(h) if h[0] as usize == folded => h[1] as usize,
                _ => folded,
            };
        }
        // The first anchor at `folded` or after: next in this block, or the next block's head.
        let first = self.next.or_else(|| {
            let b = self.block.map_or(0, |b| b + 1);
            self.map.heads.get(b).map(|h| (h[0], h[1]))
        });
        match first {
            Some((f, o)) if f as usize == folded => o as usize,
            _ => {
                let (f, o) = self.current;
                o as usize + (folded - f as usize)
            }
        }
    }
}

impl OffsetMap {
    /// A walk mapping starts of ranges, in non-decreasing order ([`Walk::to_original`]).
    pub fn starts(&self) -> Walk<'_> {
        self.walk(false)
    }

    /// A walk mapping ends of ranges, in non-decreasing order ([`Walk::to_original_end`]).
    pub fn ends(&self) -> Walk<'_> {
        self.walk(true)
    }

    fn walk(&self, ends: bool) -> Walk<'_> {
        Walk {
            map: self,
            ends,
            block: None,
            current: (0, 0),
            next: None,
            at: 0,
            end: 0,
        }
    }
}

/// Offsets are stored as `u32` to halve the map's memory; the corpus size limit keeps every
/// text far below 4 GiB, so this never saturates in practice.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map with jumps and width changes over several blocks, walked at every offset: the
    /// walks answer as the map's own look-ups.
    #[test]
    fn walks_answer_as_the_look_ups() {
        let mut map = OffsetMap::default();
        let (mut f, mut o) = (0usize, 0usize);
        for i in 0..200usize {
            match i % 5 {
                0 => {
                    // A cut: the original skips 7 bytes at `f`.
                    map.push_jump(f, o, o + 7);
                    o += 7;
                }
                1 | 3 => {
                    // A full-width character folded to one byte.
                    f += 1;
                    o += 3;
                    map.push_anchor(f, o);
                }
                _ => {
                    f += 4;
                    o += 4;
                }
            }
        }
        let (mut starts, mut ends) = (map.starts(), map.ends());
        for at in 0..f + 10 {
            assert_eq!(starts.to_original(at), map.to_original(at), "start {at}");
            assert_eq!(ends.to_original_end(at), map.to_original_end(at), "end {at}");
        }
        // Offsets repeated, and walks started late, answer alike.
        for from in [0, 37, 500] {
            let (mut starts, mut ends) = (map.starts(), map.ends());
            for at in (from..f + 3).flat_map(|a| [a, a]) {
                assert_eq!(starts.to_original(at), map.to_original(at));
                assert_eq!(ends.to_original_end(at), map.to_original_end(at));
            }
        }
        let identity = OffsetMap::default();
        assert_eq!(identity.starts().to_original(9), 9);
        assert_eq!(identity.ends().to_original_end(9), 9);
    }

    #[test]
    fn a_map_rebuilt_from_its_anchors_is_the_same_map() {
        let mut map = OffsetMap::default();
        for i in 0..100usize {
            if i % 7 == 0 {
                map.push_jump(i * 2, i * 3, i * 3 + 1);
            } else {
                map.push_anchor(i * 2, i * 3 + 1);
            }
        }
        let anchors: Vec<(u32, u32)> = map.anchors().collect();
        assert_eq!(OffsetMap::from_anchors(anchors.iter().copied()), Some(map.clone()));
        assert_eq!(map.last_anchor(), anchors.last().copied());
        // Anchors that go back are refused, not mapped.
        assert_eq!(OffsetMap::from_anchors([(4, 4), (3, 5)]), None);
        assert_eq!(OffsetMap::from_anchors([(4, 4), (5, 3)]), None);
        assert!(OffsetMap::from_anchors([]).is_some_and(|m| m.is_identity()));
    }

    #[test]
    fn a_jump_maps_starts_after_and_ends_before_the_cut() {
        // "ab" + "ef" kept from "abCDef": the cut is at transformed offset 2.
        let mut map = OffsetMap::default();
        map.push_jump(0, 0, 0);
        map.push_jump(2, 2, 4);
        assert_eq!(map.to_original(2), 4);
        assert_eq!(map.to_original_end(2), 2);
        assert_eq!(map.to_original(3), 5);
        assert_eq!(map.to_original_end(4), 6);
        assert_eq!(map.to_original_end(1), 1);
    }

    #[test]
    fn many_anchors_map_like_a_plain_list_across_blocks() {
        // Every third byte shrinks by two, with a jump now and then: several blocks.
        let mut map = OffsetMap::default();
        let mut plain: Vec<(u32, u32)> = Vec::new();
        let (mut f, mut o) = (0u32, 0u32);
        for i in 0..200u32 {
            f += 1 + i % 3;
            o += 3 + i % 3;
            if i % 17 == 0 {
                map.push_jump(f as usize, o as usize, o as usize + 5);
                plain.push((f, o));
                o += 5;
            } else {
                map.push_anchor(f as usize, o as usize);
            }
            plain.push((f, o));
        }
        assert!(map.heads.len() > 5);
        let to_original = |x: usize| {
            let at = plain.partition_point(|&(pf, _)| pf as usize <= x);
            at.checked_sub(1)
                .map_or(x, |i| plain[i].1 as usize + (x - plain[i].0 as usize))
        };
        let to_original_end = |x: usize| {
            let at = plain.partition_point(|&(pf, _)| (pf as usize) < x);
            match plain.get(at) {
                Some(&(pf, po)) if pf as usize == x => po as usize,
                _ => to_original(x),
            }
        };
        let to_folded = |x: usize| {
            let at = plain.partition_point(|&(_, po)| po as usize <= x);
            at.checked_sub(1)
                .map_or(x, |i| plain[i].0 as usize + (x - plain[i].1 as usize))
        };
        for x in 0..(o as usize + 10) {
            assert_eq!(map.to_original(x), to_original(x), "to_original {x}");
            assert_eq!(map.to_original_end(x), to_original_end(x), "to_original_end {x}");
            assert_eq!(map.to_folded(x), to_folded(x), "to_folded {x}");
        }
    }

    #[test]
    fn without_anchors_offsets_are_unchanged() {
        let map = OffsetMap::default();
        assert_eq!(map.to_original(42), 42);
        assert_eq!(map.to_folded(42), 42);
    }

    #[test]
    fn maps_both_ways_around_a_shrunk_character() {
        // "Ａ京" folds to "a京": Ａ is 3 bytes, a is 1.
        let mut map = OffsetMap::default();
        map.push_anchor(1, 3);
        assert_eq!(map.to_original(0), 0);
        assert_eq!(map.to_original(1), 3);
        assert_eq!(map.to_original(4), 6);
        assert_eq!(map.to_folded(3), 1);
        assert_eq!(map.to_folded(6), 4);
    }
}
