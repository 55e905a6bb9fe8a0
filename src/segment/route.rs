//! The best cut of one run of text: jieba's maximum-probability path without its HMM.
//!
//! This is jieba's `get_DAG` + `calc` + `__cut_DAG_NO_HMM` (`jieba/__init__.py`, the same
//! algorithm in jieba-rs `Jieba::dag`, `Jieba::calc` and `cut_route::<false>`): every
//! dictionary word that occurs in the run is an edge of a directed acyclic graph over the
//! positions between units; a word's weight is its log probability `ln(freq) - ln(total)`, a
//! unit that is no word counts as frequency 1; the best path is found right to left by
//! dynamic programming, each position keeping the best way to the end. Ties go to the longer
//! word, as in jieba.
//!
//! Three things differ, all on purpose:
//!
//! - Edges run between *units*, not characters: a Han character is a unit, but a run of
//!   letters and digits is one unit too (see [`super`]), so no dictionary word can start or end
//!   inside `gmv` or `1758`. jieba gets the same for Latin letters and digits by joining single
//!   characters afterwards. On Han text the two agree, which a property test checks against
//!   jieba-rs itself.
//! - User words come first: a path is compared by how many characters user words cover, and
//!   only then by probability. A frequency alone cannot promise that a user word comes out
//!   whole: in `ABCD` with common words `AB` and `CD`, a user word `BC` of any finite frequency
//!   loses when `A` and `D` are rare enough. With coverage first, every occurrence of a user
//!   word comes out whole unless it overlaps another user word (then the cover of more
//!   characters wins, then probability), or it would begin or end inside a run of letters or
//!   digits.
//! - A unit may always stand alone. jieba adds a single character to the graph only when no
//!   dictionary word starts at it (`if not tmplist` in `get_DAG`), which forces a word on a
//!   character that is no word itself; that would let a dictionary word block a user word.
//!   In jieba's dictionary nearly every character is a word, so this changed no token of the
//!   seed articles.

use super::dictionary::{Dictionary, ROOT};

/// The best way from one unit to the end of the run.
#[derive(Debug, Clone, Copy)]
pub(super) struct Step {
    /// Characters covered by user words on the best path from here.
    user: u32,
    /// Log probability of the best path from here.
    prob: f64,
    /// The unit after the first word of that path: the word is `units[here..end]`.
    pub end: usize,
}

impl Step {
    /// Whether `self` is a better path than `other`: more user-word coverage, then higher
    /// probability, then (jieba's tie rule) a longer first word.
    fn beats(&self, other: &Step) -> bool {
        if self.user != other.user {
            return self.user > other.user;
        }
        self.prob > other.prob || (self.prob == other.prob && self.end > other.end)
    }
}

/// Fills `route` so that `route[i].end` is where the first word of the best cut of units
/// `i..` ends. `chars` are the run's folded characters; unit `k` is
/// `chars[starts[k]..starts[k + 1]]`, and `starts` ends with `chars.len()`.
pub(super) fn best_path(
    dictionary: &Dictionary,
    chars: &[char],
    starts: &[usize],
    route: &mut Vec<Step>,
) {
    let units = starts.len() - 1;
    let log_total = dictionary.log_total();
    route.clear();
    route.resize(
        units + 1,
        Step {
            user: 0,
            prob: 0.0,
            end: units,
        },
    );
    for i in (0..units).rev() {
        // The unit on its own is always a way on; a unit that is no word counts as
        // frequency 1, as in jieba (`FREQ.get(word) or 1`). The walk below replaces it when
        // the unit is a word.
        let mut best = edge(route, 1, 0, i + 1, log_total);
        let mut node = ROOT;
        'walk: for j in i..units {
            for &c in &chars[starts[j]..starts[j + 1]] {
                match dictionary.child(node, c) {
                    Some(child) => node = child,
                    None => break 'walk,
                }
            }
            let entry = dictionary.entry(node);
            if entry.is_word() {
                let covered = if entry.user {
                    (starts[j + 1] - starts[i]) as u32
                } else {
                    0
                };
                let candidate = edge(route, entry.freq, covered, j + 1, log_total);
                if j == i || candidate.beats(&best) {
                    best = candidate;
                }
            }
        }
        route[i] = best;
    }
}

/// The path that takes a word of frequency `freq` (covering `user` characters of user words)
/// up to unit `end`, then the best path from there. The sum is written as jieba writes it,
/// `ln(freq) - ln(total) + rest`, so that equal paths compare equal in both.
fn edge(route: &[Step], freq: u32, user: u32, end: usize, log_total: f64) -> Step {
    let rest = route[end];
    Step {
        user: user + rest.user,
        prob: f64::from(freq).ln() - log_total + rest.prob,
        end,
    }
}
