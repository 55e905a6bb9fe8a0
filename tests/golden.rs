//! Golden snapshots of ingesting the bundled articles: metadata, every removed span with its
//! reason, and the cleaned text, one file per seed in `tests/golden/`.
//!
//! A change in cleaning shows up here as a diff a person can read. After reviewing it, accept
//! the new output with `UPDATE_GOLDEN=1 cargo test --test golden`.

mod common;

use std::fmt::Write;
use std::path::Path;

use corpus_explorer::Corpus;

/// Slices `text` by UTF-16 offsets, as JavaScript would.
fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[start..end])
}

fn snapshot(corpus: &Corpus, id: u32) -> String {
    let info = &corpus.documents()[id as usize];
    let raw = &*corpus.raw_text(id).expect("document exists");
    let cleaned = corpus.text(id).expect("document exists");
    let mut out = String::new();
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "# {}", info.name).unwrap();
    writeln!(out, "title:    {}", info.title).unwrap();
    writeln!(out, "date:     {}", or_none(&info.date)).unwrap();
    writeln!(out, "source:   {}", or_none(&info.source)).unwrap();
    writeln!(out, "url:      {}", or_none(&info.url)).unwrap();
    writeln!(out, "author:   {}", or_none(&info.author)).unwrap();
    writeln!(
        out,
        "script:   {:?} ({:.2} traditional)",
        info.script, info.traditional_share
    )
    .unwrap();
    writeln!(out, "encoding: {}", info.encoding).unwrap();
    let removed_chars: usize = info
        .removed
        .iter()
        .map(|r| utf16_slice(raw, r.start, r.end).chars().count())
        .sum();
    writeln!(
        out,
        "chars:    {} raw, {} kept, {} in {} removed spans",
        info.chars,
        info.kept_chars,
        removed_chars,
        info.removed.len()
    )
    .unwrap();
    writeln!(out, "\n## removed").unwrap();
    for r in &info.removed {
        let text = utf16_slice(raw, r.start, r.end);
        let shown: String = text.chars().take(60).collect();
        let more = if text.chars().count() > 60 { "…" } else { "" };
        writeln!(
            out,
            "[{:?}] {}..{} ({}) {}{}",
            r.reason, r.start, r.end, r.note, shown, more
        )
        .unwrap();
    }
    writeln!(out, "\n## cleaned\n{cleaned}").unwrap();
    out
}

#[test]
fn seeds_match_their_golden_snapshots() {
    let mut corpus = Corpus::new();
    let seeds = common::seeds();
    for (name, bytes) in &seeds {
        corpus.add_document(name, bytes).expect("seed decodes");
    }
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut stale = Vec::new();
    for (id, (name, _)) in seeds.iter().enumerate() {
        let got = snapshot(&corpus, id as u32);
        let path = dir.join(name.replace(".txt", ".golden.txt"));
        if update {
            std::fs::write(&path, &got).expect("write golden file");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "snapshots differ: {stale:?}; review with UPDATE_GOLDEN=1 cargo test --test golden && git diff tests/golden"
    );
}

/// The acceptance rule of the ingest issue, checked on every seed: no content paragraph
/// appears twice in the cleaned view.
#[test]
fn no_paragraph_appears_twice_in_any_cleaned_seed() {
    let mut corpus = Corpus::new();
    for (name, bytes) in common::seeds() {
        corpus.add_document(&name, &bytes).expect("seed decodes");
    }
    for id in 0..corpus.len() as u32 {
        let text = corpus.text(id).unwrap();
        let mut seen = std::collections::HashSet::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            assert!(seen.insert(line), "document {id} repeats: {line}");
        }
    }
}

/// Raw text comes back byte for byte, whatever cleaning removed.
#[test]
fn raw_text_is_the_original_exactly() {
    let mut corpus = Corpus::new();
    for (name, bytes) in common::seeds() {
        let id = corpus.add_document(&name, &bytes).expect("seed decodes");
        assert_eq!(corpus.raw_text(id).unwrap().as_bytes(), &bytes[..]);
    }
}

/// One line block per page of `../shared/pages-dev/` (issue 13): title, date, source, author,
/// kept characters, removed characters by reason, and the first and last 30 kept characters.
fn page_summary(corpus: &Corpus, id: u32) -> String {
    let info = &corpus.documents()[id as usize];
    let raw = &*corpus.raw_text(id).expect("document exists");
    let kept: String = corpus.text(id).expect("document exists").split_whitespace().collect::<Vec<_>>().join(" ");
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut by_reason: std::collections::BTreeMap<String, usize> = Default::default();
    for r in &info.removed {
        let chars = utf16_slice(raw, r.start, r.end).chars().count();
        *by_reason.entry(format!("{:?}", r.reason).to_lowercase()).or_default() += chars;
    }
    let chars: Vec<char> = kept.chars().collect();
    let head: String = chars.iter().take(30).collect();
    let tail: String = chars[chars.len().saturating_sub(30)..].iter().collect();
    let removed: Vec<String> = by_reason.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!(
        "# {}\ntitle: {}\ndate: {} · source: {} · author: {}\nkept: {} chars · removed: {}\nfirst: {}\nlast:  {}\n\n",
        info.name,
        info.title,
        or_none(&info.date),
        or_none(&info.source),
        or_none(&info.author),
        info.kept_chars,
        removed.join(", "),
        head,
        tail
    )
}

/// The real pages of `../shared/pages-dev/` through extraction, summarised in
/// `tests/golden/pages-dev.golden.txt`; skipped when the folder is absent (it is not part of
/// the repository). Each page is its own corpus, so no page is cleaned against another.
#[test]
fn pages_dev_match_their_golden_summaries() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pages-dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} is absent: skipped", dir.display());
        return;
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    let mut out = String::new();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).expect("readable page");
        let mut corpus = Corpus::new();
        match corpus.add_html(name, &bytes) {
            Ok(id) => out.push_str(&page_summary(&corpus, id)),
            Err(e) => out.push_str(&format!("# {name}\nrefused: {e}\n\n")),
        }
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/pages-dev.golden.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out).expect("golden written");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        want == out,
        "page summaries differ; review with UPDATE_GOLDEN=1 cargo test --test golden && git diff tests/golden"
    );
}
