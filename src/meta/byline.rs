//! Whether an author value names a person: not a placeholder (`未知`, `网络整理`), not an
//! organisation (`新京报`, `环球网`, `新浪财经-自媒体综合`) and not the page's own site, by the
//! table in `data/byline-words.txt`.

use std::sync::OnceLock;

/// The table (see its header for the format), embedded at compile time.
const DATA: &str = include_str!("../../data/byline-words.txt");

/// An author value longer than this is a phrase, not a name (a byline of several names joined
/// with 、 stays under it).
const AUTHOR_MAX_CHARS: usize = 30;

/// Placeholders and organisation-name endings, read once.
fn table() -> &'static (Vec<&'static str>, Vec<&'static str>) {
    static TABLE: OnceLock<(Vec<&'static str>, Vec<&'static str>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let (mut placeholders, mut endings) = (Vec::new(), Vec::new());
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let Some((kind, words)) = line.split_once('\t') else {
                continue;
            };
            let list = match kind {
                "placeholder" => &mut placeholders,
                "org-ending" => &mut endings,
                _ => continue,
            };
            list.extend(words.split(' ').filter(|w| !w.is_empty()));
        }
        (placeholders, endings)
    })
}

/// Whether `author` can be a person's name (or a few, or a pen name): some letters, at most
/// [`AUTHOR_MAX_CHARS`] characters, no address or e-mail, a Chinese name of at least two
/// characters, not a placeholder, not ending like an organisation, and not one of `sites`
/// (the page's site and source names, either containing the other).
pub fn is_person_name(author: &str, sites: &[&str]) -> bool {
    let a = author.trim();
    let n = a.chars().count();
    if n == 0 || n > AUTHOR_MAX_CHARS || a.contains('@') || a.contains("://") {
        return false;
    }
    if !a.chars().any(char::is_alphabetic) || (n == 1 && !a.is_ascii()) {
        return false;
    }
    let (placeholders, endings) = table();
    if placeholders.iter().any(|p| p.eq_ignore_ascii_case(a))
        || endings.iter().any(|e| a.ends_with(e))
    {
        return false;
    }
    !sites
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .any(|s| s.contains(a) || a.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_is_read() {
        let (p, e) = table();
        assert!(p.contains(&"未知") && p.contains(&"网络整理"));
        assert!(e.contains(&"网") && e.contains(&"自媒体"));
    }

    #[test]
    fn takes_people_and_pen_names() {
        for name in ["张三", "段彦超", "王小明", "李在山", "John Smith", "司马南"] {
            assert!(is_person_name(name, &[]), "{name}");
        }
    }

    #[test]
    fn refuses_placeholders_and_organisations() {
        for name in [
            "未知",
            "佚名",
            "网络整理",
            "Admin",
            "图",
            "新京报",
            "环球网",
            "新浪财经-自媒体综合",
            "观察者网专栏作者",
            "新华社",
            "央视新闻客户端",
        ] {
            assert!(!is_person_name(name, &[]), "{name}");
        }
    }

    #[test]
    fn refuses_the_pages_own_site_or_source() {
        assert!(!is_person_name("参考消息", &["参考消息"]));
        assert!(!is_person_name("某某新闻", &["某某新闻网"]));
        assert!(is_person_name("张三", &["参考消息"]));
    }

    #[test]
    fn refuses_addresses_and_long_phrases() {
        assert!(!is_person_name("editor@example.com", &[]));
        assert!(!is_person_name("https://example.com/u/1", &[]));
        assert!(!is_person_name(&"长".repeat(31), &[]));
    }
}
