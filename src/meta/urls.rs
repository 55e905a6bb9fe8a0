//! Addresses: URLs in labelled values and on lines of their own, and their hosts.

/// Whether the line starts with something URL-like (even one too broken to parse).
pub(super) fn starts_with_url(line: &str) -> bool {
    let head = line.as_bytes();
    ["http://", "https://", "www."].iter().any(|p| {
        head.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// The first URL anywhere in `value`, with its host.
pub(super) fn find_url(value: &str) -> Option<(String, String)> {
    value
        .char_indices()
        .filter(|&(i, _)| {
            i == 0
                || !value
                    .as_bytes()
                    .get(i - 1)
                    .is_some_and(u8::is_ascii_alphanumeric)
        })
        .find_map(|(i, _)| url_prefix(&value[i..]))
}

/// The URL `s` starts with (`http://`, `https://`, or a scheme-less `www.`), and its host in
/// lower case. The URL ends at the first character that is not printable ASCII, less trailing
/// punctuation.
pub(super) fn url_prefix(s: &str) -> Option<(String, String)> {
    if !starts_with_url(s) {
        return None;
    }
    let end = s.find(|c: char| !c.is_ascii_graphic()).unwrap_or(s.len());
    let url = s[..end].trim_end_matches(|c: char| ".,;:!?)]}'\"".contains(c));
    let after_scheme = url.find("://").map_or(url, |k| &url[k + 3..]);
    let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = host_port.split(':').next().unwrap_or("");
    let valid = !host.is_empty()
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && host.chars().any(|c| c.is_ascii_alphabetic());
    valid.then(|| (url.to_owned(), host.to_ascii_lowercase()))
}
