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
    /// `(folded, original)` offset pairs, strictly increasing in both.
    anchors: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// Records that folded offset `folded` corresponds to original offset `original`.
    /// Anchors must be pushed in increasing order.
    pub(crate) fn push_anchor(&mut self, folded: usize, original: usize) {
        self.anchors.push((to_u32(folded), to_u32(original)));
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
