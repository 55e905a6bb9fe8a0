//! Page furniture found line by line: share bars, promotion widgets, captions, footers.
//!
//! The markers live in `data/boilerplate.txt` (general conventions of Chinese web pages, see
//! the file's header). A line is classified from its own markers first; then three layout rules
//! catch the lines around furniture that carry no marker of their own:
//!
//! - **trailing block**: page furniture near the end of an article is followed by more of it
//!   ("今日互动" → "你怎么看?"), so short lines after a removed line in the last third of the
//!   document go with it;
//! - **sandwich**: a short line between two removed lines of the same reason shares it (an
//!   account-sale banner's middle line);
//! - **widget grid**: a run of at least six very short lines without sentence punctuation,
//!   many of them repeated, is a widget's table of labels and values.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::Reason;
use crate::fold::fold_query;

/// The marker file, embedded at compile time.
const DATA: &str = include_str!("../../data/boilerplate.txt");

/// Lines up to this many characters are "short": one marker is enough to classify them.
/// Share bars, captions and footer lines are almost always shorter; article sentences with
/// their clauses rarely are (median paragraph of the bundled articles: ~90 characters).
pub const SHORT_LINE: usize = 40;

/// Lines longer than this are never furniture by markers alone, however many they hold: a
/// condensed copy of a whole article carries its footer's markers along, and is a duplicate.
/// Site disclaimers, the longest furniture, stay well under it (~130 characters).
pub const LONG_LINE: usize = 300;

/// Longest line taken for a photo caption by its position marks.
const CAPTION_LINE: usize = 80;

/// Trailing-block lines at most this long are taken along ("你怎么看?", "对于快手电商").
const TRAILING_LINE: usize = 20;

/// Lines of a widget grid are at most this long ("13.2WW", "粉丝数量").
const GRID_LINE: usize = 12;

/// A widget grid has at least this many lines.
const GRID_MIN_LINES: usize = 6;

#[derive(Debug)]
struct Marker {
    text: String,
    reason: Reason,
    at_start: bool,
    weak: bool,
}

/// The markers, and where to look for them: grouped by their first character, so a line is
/// scanned once instead of once per marker.
#[derive(Debug)]
struct Markers {
    list: Vec<Marker>,
    /// Markers that must start the line, by first character.
    starting: FxHashMap<char, Vec<usize>>,
    /// Markers that may stand anywhere, by first character.
    anywhere: FxHashMap<char, Vec<usize>>,
}

impl Markers {
    /// The markers that occur in `folded` (indices into `list`): those that must start the
    /// line first, then the others, each group in file order. Found in one pass over the
    /// line's characters; most lines hold none, and then nothing is allocated.
    fn found_in(&self, folded: &str) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::new();
        let Some(first) = folded.chars().next() else {
            return found;
        };
        for &k in self.starting.get(&first).into_iter().flatten() {
            if folded.starts_with(&self.list[k].text) {
                found.push(k);
            }
        }
        let starting = found.len();
        for (at, c) in folded.char_indices() {
            for &k in self.anywhere.get(&c).into_iter().flatten() {
                if !found[starting..].contains(&k) && folded[at..].starts_with(&self.list[k].text) {
                    found.push(k);
                }
            }
        }
        found[..starting].sort_unstable();
        found[starting..].sort_unstable();
        found
    }
}

fn markers() -> &'static Markers {
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let list = parse(DATA);
        let mut starting: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        let mut anywhere: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        for (k, m) in list.iter().enumerate() {
            // An empty marker (a data line of only "~" or "^") would match every line: skipped.
            let Some(c) = m.text.chars().next() else {
                continue;
            };
            let group = if m.at_start {
                &mut starting
            } else {
                &mut anywhere
            };
            group.entry(c).or_default().push(k);
        }
        Markers {
            list,
            starting,
            anywhere,
        }
    })
}

fn parse(data: &str) -> Vec<Marker> {
    let mut reason = None;
    let mut out = Vec::new();
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            reason = Reason::from_name(name);
            continue;
        }
        let Some(reason) = reason else { continue };
        let weak = line.starts_with('~');
        let rest = line.trim_start_matches('~');
        let at_start = rest.starts_with('^');
        let text = fold_query(rest.trim_start_matches('^'));
        out.push(Marker {
            text,
            reason,
            at_start,
            weak,
        });
    }
    out
}

fn is_url(token: &str) -> bool {
    token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.")
}

/// Length in characters, not counting URLs: "本文网址:https://…" is as short as its label.
fn visible_len(folded: &str) -> usize {
    let mut len = folded.chars().count();
    let mut rest = folded;
    while let Some(at) = ["http://", "https://", "www."]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        // A URL runs over printable ASCII, so its characters are its bytes.
        let url = rest[at..]
            .chars()
            .take_while(char::is_ascii_graphic)
            .count();
        len -= url;
        rest = &rest[at + url..];
    }
    len
}

/// The reason a single folded line is furniture, with the marker that decided it.
fn classify(folded: &str) -> Option<(Reason, String)> {
    if is_url(folded.trim()) && !folded.trim().contains(char::is_whitespace) {
        return Some((Reason::Footer, "a bare URL".into()));
    }
    let chars = visible_len(folded);
    if chars > LONG_LINE {
        return None;
    }
    if chars <= CAPTION_LINE && is_photo_caption(folded) {
        return Some((Reason::Caption, "photo caption with position marks".into()));
    }
    let short = chars <= SHORT_LINE;
    let table = markers();
    let mut hits: Vec<&Marker> = Vec::new();
    // Markers that must start the line are the more specific ones: they come first, so that
    // "文/…, 微信官方号:…" is a byline (footer) before it is promotion.
    for k in table.found_in(folded) {
        let m = &table.list[k];
        if short && !m.weak {
            return Some((m.reason, format!("marker “{}”", m.text)));
        }
        hits.push(m);
    }
    for m in &hits {
        let same: Vec<&str> = hits
            .iter()
            .filter(|o| o.reason == m.reason)
            .map(|o| o.text.as_str())
            .collect();
        if same.len() >= 2 {
            return Some((m.reason, format!("markers “{}”", same.join("”, “"))));
        }
    }
    None
}

/// A news photo caption names who stands where: "张三(左)与李四(右)交谈", "(前排中)". A line
/// with such a parenthesised position mark and no sentence-final punctuation is a caption.
fn is_photo_caption(folded: &str) -> bool {
    if folded
        .chars()
        .any(|c| matches!(c, '。' | '！' | '!' | '？' | '?'))
    {
        return false;
    }
    let inner = |s: &str| {
        let s = s
            .strip_prefix("前排")
            .or_else(|| s.strip_prefix("后排"))
            .unwrap_or(s);
        let mut chars = s.chars();
        matches!(chars.next(), Some('左' | '中' | '右'))
            && chars.all(|c| matches!(c, '一' | '二' | '三' | '四' | '五' | '起'))
    };
    // Full-width parentheses fold to ASCII ones.
    folded
        .split('(')
        .skip(1)
        .filter_map(|rest| rest.split_once(')'))
        .any(|(mark, _)| inner(mark))
}

fn has_sentence_punctuation(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(
            c,
            '。' | '，' | ',' | '；' | ';' | '！' | '!' | '？' | '?' | '、'
        )
    })
}

/// Classifies each paragraph (given folded) as furniture or content (`None`).
pub fn classify_lines(folded: &[String]) -> Vec<Option<(Reason, String)>> {
    let mut out: Vec<Option<(Reason, String)>> = folded.iter().map(|p| classify(p)).collect();
    let len = |i: usize| folded[i].chars().count();
    let n = folded.len();

    // Widget grids.
    let mut i = 0;
    while i < n {
        let run_end = (i..n)
            .find(|&j| len(j) > GRID_LINE || has_sentence_punctuation(&folded[j]))
            .unwrap_or(n);
        if run_end - i >= GRID_MIN_LINES {
            let run = &folded[i..run_end];
            let repeated = run
                .iter()
                .filter(|l| run.iter().filter(|o| o == l).count() > 1)
                .count();
            if repeated * 3 >= run.len() {
                for slot in &mut out[i..run_end] {
                    slot.get_or_insert((Reason::Promotion, "widget grid of short labels".into()));
                }
            }
        }
        i = run_end.max(i + 1);
    }

    // Sandwiches.
    for i in 1..n.saturating_sub(1) {
        if out[i].is_none() && len(i) <= SHORT_LINE {
            if let (Some((a, _)), Some((b, _))) = (&out[i - 1], &out[i + 1]) {
                if a == b {
                    out[i] = Some((*a, "between two removed lines".into()));
                }
            }
        }
    }

    // Trailing blocks.
    let tail_start = n - n / 3;
    for i in tail_start.max(1)..n {
        if out[i].is_none() && len(i) <= TRAILING_LINE {
            if let Some((reason, _)) = &out[i - 1] {
                out[i] = Some((*reason, "follows page furniture at the end".into()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<Option<Reason>> {
        let folded: Vec<String> = text.iter().map(|l| fold_query(l)).collect();
        classify_lines(&folded)
            .into_iter()
            .map(|c| c.map(|(r, _)| r))
            .collect()
    }

    #[test]
    fn data_file_parses_into_every_section() {
        for reason in [
            Reason::Boilerplate,
            Reason::Promotion,
            Reason::Caption,
            Reason::Footer,
        ] {
            assert!(
                markers().list.iter().any(|m| m.reason == reason),
                "{reason:?}"
            );
        }
    }

    #[test]
    fn removes_a_share_bar_in_either_script() {
        assert_eq!(
            lines(&["分享到:", "相關文章:"]),
            [Some(Reason::Boilerplate); 2]
        );
    }

    #[test]
    fn keeps_article_sentences_that_mention_a_marker_word_in_passing() {
        let body = "平台累计点赞超过3500亿次，用户可以在评论区分享到自己的朋友圈，这是一个很长的句子，用来说明正文不会被误删。";
        assert_eq!(lines(&[body]), [None]);
    }

    #[test]
    fn a_weak_marker_alone_does_not_remove_a_line() {
        assert_eq!(lines(&["侵权问题频发"]), [None]);
    }

    #[test]
    fn two_markers_remove_a_long_disclaimer() {
        let disclaimer = "站内部分内容由互联网用户自发贡献，该文观点仅代表作者本人。本站仅提供信息存储空间服务，不拥有所有权，不承担相关法律责任。如发现本站有涉嫌抄袭侵权的内容，请联系我们，一经核实立即删除。";
        assert_eq!(lines(&[disclaimer]), [Some(Reason::Footer)]);
    }

    #[test]
    fn removes_photo_captions_by_position_marks() {
        assert_eq!(
            lines(&["王五（前排中）與趙六（左二）交談"]),
            [Some(Reason::Caption)]
        );
        assert_eq!(lines(&["他站在左边(左)说话。"]), [None]);
        assert_eq!(lines(&["收入(中国)增长"]), [None]);
    }

    #[test]
    fn removes_url_lines_whatever_the_url_length() {
        let got = lines(&[
            "本文网址:https://www.example.com/news/2021/03/26/a-very-long-path-name.html",
            "https://example.com/a",
        ]);
        assert_eq!(got, [Some(Reason::Footer); 2]);
    }

    #[test]
    fn prefers_a_byline_to_promotion() {
        assert_eq!(
            lines(&["文/某某记者,微信官方号:abc"]),
            [Some(Reason::Footer)]
        );
    }

    #[test]
    fn never_classifies_very_long_lines_by_markers() {
        let long = format!("{}关注更多福利 后台回复", "正文".repeat(200));
        assert_eq!(lines(&[&long]), [None]);
    }

    #[test]
    fn removes_image_credits_and_captions() {
        assert_eq!(
            lines(&["图片来自网络", "▲ 主播直播间", "圖源：視覺中國"]),
            [Some(Reason::Caption); 3]
        );
    }

    #[test]
    fn takes_short_lines_after_furniture_at_the_end() {
        let long = "这是正文里的一个段落，它足够长，不会被当成页面上的附属内容，也不会被删除。";
        let got = lines(&[
            long,
            long,
            long,
            long,
            "今日互动",
            "对于这件事",
            "你怎么看?",
        ]);
        assert_eq!(got[4..], [Some(Reason::Boilerplate); 3]);
        assert_eq!(got[..4], [None; 4]);
    }

    #[test]
    fn recognises_a_widget_grid() {
        let grid = [
            "12WW",
            "无违规",
            "已开通",
            "粉丝数量",
            "有无违规",
            "13WW",
            "无违规",
            "已开通",
            "粉丝数量",
            "有无违规",
        ];
        assert!(lines(&grid).iter().all(|r| *r == Some(Reason::Promotion)));
    }

    #[test]
    fn a_short_list_in_the_article_is_not_a_grid() {
        let list = ["第一", "第二", "第三", "第四", "第五", "第六"];
        assert!(lines(&list).iter().all(Option::is_none));
    }

    #[test]
    fn a_line_between_two_promotion_lines_is_promotion() {
        let got = lines(&[
            "已服务500+客户,累计交易384+",
            "某某交易网,行业领军人物",
            "账号经理 - 从事账号买卖8年",
        ]);
        assert_eq!(got, [Some(Reason::Promotion); 3]);
    }
}
