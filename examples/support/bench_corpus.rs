//! Reading a benchmark corpus written by tests/bench/corpus.mjs (`<name>.txt`, and
//! `<name>.json` whose `offsets` are the byte offsets where documents start), for the examples
//! that measure the core on it.

/// The document offsets listed in a corpus's JSON description.
pub fn offsets(json: &str) -> Vec<usize> {
    let start = json
        .find("\"offsets\"")
        .expect("offsets in the corpus json");
    let open = start + json[start..].find('[').expect("[") + 1;
    let close = open + json[open..].find(']').expect("]");
    json[open..close]
        .split(',')
        .map(|n| n.trim().parse().expect("offset"))
        .collect()
}
