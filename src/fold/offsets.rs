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
    /// `(folded, original)` offset pairs, non-decreasing in both; two pairs share a folded
    /// offset only where a jump was recorded.
    anchors: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.anchors.capacity() * 8
    }

    /// Records that folded offset `folded` corresponds to original offset `original`.
    /// Anchors must be pushed in increasing order.
    pub(crate) fn push_anchor(&mut self, folded: usize, original: usize) {
        self.anchors.push((to_u32(folded), to_u32(original)));
    }

    /// Records a jump: at transformed offset `at`, the original skips from `before` (where the
    /// text up to `at` ends) to `after` (where the text from `at` starts). Cleaning uses this
    /// where it cut a span out. A start offset `at` maps to `after`, an end offset to `before`.
    pub(crate) fn push_jump(&mut self, at: usize, before: usize, after: usize) {
        self.anchors.push((to_u32(at), to_u32(before)));
        if after != before {
            self.anchors.push((to_u32(at), to_u32(after)));
        }
    }

    /// True when folded and original offsets are the same everywhere.
    pub fn is_identity(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The original offset of the folded character boundary `folded`.
    pub fn to_original(&self, folded: usize) -> usize {
        let at = self.anchors.partition_point(|&(f, _)| f as usize <= folded);
        match at.checked_sub(1).map(|i| self.anchors[i]) {
            Some((f, o)) => o as usize + (folded - f as usize),
            None => folded,
        }
    }

    /// The original offset of `folded` taken as the *end* of a range: where the original cut
    /// something out at `folded`, this is the offset before the cut, not after it.
    pub fn to_original_end(&self, folded: usize) -> usize {
        let at = self
            .anchors
            .partition_point(|&(f, _)| (f as usize) < folded);
        match self.anchors.get(at) {
            Some(&(f, o)) if f as usize == folded => o as usize,
            _ => self.to_original(folded),
        }
    }

    /// The folded offset of the original character boundary `original`.
    pub fn to_folded(&self, original: usize) -> usize {
        let at = self
            .anchors
            .partition_point(|&(_, o)| o as usize <= original);
        match at.checked_sub(1).map(|i| self.anchors[i]) {
            Some((f, o)) => f as usize + (original - o as usize),
            None => original,
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
