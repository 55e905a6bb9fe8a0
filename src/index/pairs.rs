//! The postings of format 2, read only to convert a snapshot written then: per character
//! pair one self-describing block, under a two-level pair table (see [`PairPostings`]).
//! Readers keep corpora in the browser's storage for weeks, so format-2 snapshots must still
//! open; [`PairPostings::into_lists`] merges the blocks of each first character into that
//! character's list, which [`super::Index::from_pair_parts`] then checks like any other.

use super::lists::{get_var, Postings};

/// The compressed pair postings of format 2, as its `INDX` held them: the two-level pair
/// table and the blocks. Per pair, in pair order, a group's blocks contiguous: the gap from
/// the previous pair's second character in the group (0 for the first), the number of
/// positions, the byte length of the positions when there is more than one, then the
/// positions (byte offsets into the concatenated folded texts) as varint gaps, the first
/// from 0.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairPostings {
    /// The distinct first characters, ascending.
    pub firsts: Vec<u32>,
    /// Per first character, the index of its first group in `group_second`; plus the end.
    pub first_groups: Vec<u32>,
    /// Per group, the second character of its first pair (`0x110000` for a document's end).
    pub group_second: Vec<u32>,
    /// Per group, where its blocks start in `bytes`; plus the end.
    pub group_at: Vec<u32>,
    /// The blocks, one per pair, in pair order.
    pub bytes: Vec<u8>,
}

impl PairPostings {
    /// The positions of every first character, each character's merged into one ascending
    /// list: the postings of format 3, not yet checked or prepared. Blocks that do not decode
    /// end their group early (the check of the result then finds too few positions); the
    /// table's own shape is checked here, so that no slice is taken out of bounds.
    pub fn into_lists(self) -> Result<Postings, String> {
        let p = &self;
        let f = p.firsts.len();
        let g = p.group_second.len();
        let shape = || "the pair table and the postings do not agree".to_string();
        if p.first_groups.len() != f + 1
            || p.group_at.len() != g + 1
            || p.first_groups.first() != Some(&0)
            || p.first_groups.last().map(|&n| n as usize) != Some(g)
            || p.group_at.first() != Some(&0)
            || p.group_at.last().map(|&n| n as usize) != Some(p.bytes.len())
            || p.first_groups.windows(2).any(|w| w[0] > w[1])
            || p.group_at.windows(2).any(|w| w[0] > w[1])
        {
            return Err(shape());
        }
        let mut out = Postings::default();
        out.bytes.reserve(p.bytes.len());
        let mut positions: Vec<u32> = Vec::new();
        for fi in 0..f {
            positions.clear();
            let groups = p.first_groups[fi] as usize..p.first_groups[fi + 1] as usize;
            for gi in groups {
                let bytes = &p.bytes[p.group_at[gi] as usize..p.group_at[gi + 1] as usize];
                blocks_into(bytes, &mut positions);
            }
            if positions.is_empty() {
                return Err("a pair has no positions".into());
            }
            positions.sort_unstable();
            if positions.windows(2).any(|w| w[0] == w[1]) {
                return Err("positions are not in order".into());
            }
            if out.chars.last().is_some_and(|&c| c >= p.firsts[fi]) {
                return Err("the pairs are not in order".into());
            }
            out.push_list(p.firsts[fi], &positions);
        }
        if out.at.is_empty() {
            out.at.push(0);
        }
        Ok(out)
    }
}

/// Appends the positions of every block in one group's bytes to `out`; stops at bytes that
/// do not decode.
fn blocks_into(bytes: &[u8], out: &mut Vec<u32>) {
    let mut at = 0;
    while at < bytes.len() {
        let (Some(_gap), Some(count)) = (get_var(bytes, &mut at), get_var(bytes, &mut at)) else {
            return;
        };
        let len = if count > 1 {
            match get_var(bytes, &mut at) {
                Some(len) => len as usize,
                None => return,
            }
        } else {
            let mut end = at;
            if get_var(bytes, &mut end).is_none() {
                return;
            }
            end - at
        };
        let Some(payload) = at.checked_add(len).and_then(|end| bytes.get(at..end)) else {
            return;
        };
        at += len;
        let mut pat = 0;
        let mut p = 0u32;
        for _ in 0..count {
            let Some(gap) = get_var(payload, &mut pat) else {
                break;
            };
            p = p.wrapping_add(gap);
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::lists::put_var;
    use proptest::prelude::*;

    /// Format 2's encoder (main at ddbae4c, `encode_bucket`), kept for this test only: the
    /// pair postings of `docs` as a format-2 snapshot held them.
    fn format2(docs: &[&str]) -> PairPostings {
        const GROUP: usize = 16;
        const END: u32 = 0x11_0000;
        let mut entries: Vec<(u32, u32, u32)> = Vec::new();
        let mut base = 0u32;
        for d in docs {
            let mut chars = d.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                let second = chars.peek().map_or(END, |&(_, n)| n as u32);
                entries.push((c as u32, second, base + at as u32));
            }
            base += d.len() as u32;
        }
        entries.sort_unstable();
        let mut out = PairPostings::default();
        let mut k = 0;
        while k < entries.len() {
            let first = entries[k].0;
            let bucket_end = k + entries[k..].partition_point(|e| e.0 == first);
            out.firsts.push(first);
            out.first_groups.push(out.group_second.len() as u32);
            let mut pairs_in_group = GROUP;
            let mut previous_second = 0;
            while k < bucket_end {
                let second = entries[k].1;
                let run = entries[k..bucket_end].partition_point(|e| e.1 == second);
                if pairs_in_group == GROUP {
                    pairs_in_group = 0;
                    out.group_second.push(second);
                    out.group_at.push(out.bytes.len() as u32);
                    previous_second = second;
                }
                pairs_in_group += 1;
                put_var(&mut out.bytes, second - previous_second);
                previous_second = second;
                put_var(&mut out.bytes, run as u32);
                let mut payload = Vec::new();
                let mut previous = 0;
                for e in &entries[k..k + run] {
                    put_var(&mut payload, e.2 - previous);
                    previous = e.2;
                }
                if run > 1 {
                    put_var(&mut out.bytes, payload.len() as u32);
                }
                out.bytes.extend_from_slice(&payload);
                k += run;
            }
        }
        out.first_groups.push(out.group_second.len() as u32);
        out.group_at.push(out.bytes.len() as u32);
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// A format-2 index converted is the format-3 index of the same texts, byte for byte;
        /// damaged format-2 bytes convert to an error or to lists, never a panic.
        #[test]
        fn format2_postings_convert_to_the_lists_built_from_the_texts(
            docs in prop::collection::vec("[a-z0-9京东快手电商。\u{20000}]{0,60}", 0..5),
            flip_at in any::<prop::sample::Index>(),
            flip in 1u8..=255,
        ) {
            let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
            let old = format2(&refs);
            let mut converted = old.clone().into_lists().expect("converts");
            converted.prepare(None).expect("well formed");
            prop_assert_eq!(converted, Postings::build(&refs));
            if !old.bytes.is_empty() {
                let mut bad = old;
                let i = flip_at.index(bad.bytes.len());
                bad.bytes[i] ^= flip;
                if let Ok(mut lists) = bad.into_lists() {
                    let _ = lists.prepare(None);
                }
            }
        }
    }
}
