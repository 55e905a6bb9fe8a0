//! Main-content extraction measured against hand-made ground truth (issue 13).
//!
//! ```sh
//! cargo run --release --example extract_eval                 # every page in tests/extract/truth.tsv
//! cargo run --release --example extract_eval -- --dump NAME  # one page: each line, kept or why removed
//! ```
//!
//! Reads the pages from `../shared/pages-dev/` (never copied into the project; skipped when the
//! folder is absent). Per page and overall: article precision / recall / F1 by character
//! overlap (letters, digits and ideographs; whitespace and punctuation are not counted) between
//! the kept text and the article as marked — from the truth's first snippet to the end of
//! the line where its last snippet stands —,
//! the share of furniture snippets gone from the kept text, the share of article snippets
//! kept, title, date, source and author accuracy, and time per MB.

use std::path::Path;
use std::time::Instant;

use corpus_explorer::session::Session;

const PAGES: &str = "../shared/pages-dev";
const TRUTH: &str = "tests/extract/truth.tsv";

struct Truth {
    file: String,
    title: String,
    date: String,
    source: String,
    author: String,
    first: String,
    last: String,
    gone: Vec<String>,
    kept: Vec<String>,
}

fn parse_truth(text: &str) -> Vec<Truth> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 9 {
                eprintln!("truth line with {} fields: {l}", f.len());
                return None;
            }
            let list = |s: &str| -> Vec<String> {
                s.split("||")
                    .map(str::trim)
                    .filter(|x| !x.is_empty() && *x != "-")
                    .map(str::to_owned)
                    .collect()
            };
            Some(Truth {
                file: f[0].into(),
                title: f[1].into(),
                date: f[2].into(),
                source: f[3].into(),
                author: f[4].into(),
                first: f[5].into(),
                last: f[6].into(),
                gone: list(f[7]),
                kept: list(f[8]),
            })
        })
        .collect()
}

/// Per character of `raw`: whether it is outside every removed span (given in UTF-16 units).
fn kept_mask(raw: &str, removed: &[(usize, usize)]) -> Vec<(char, bool)> {
    let mut out = Vec::new();
    let mut unit = 0;
    for c in raw.chars() {
        let inside = removed.iter().any(|&(s, e)| unit >= s && unit < e);
        out.push((c, !inside));
        unit += c.len_utf16();
    }
    out
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if !Path::new(PAGES).is_dir() {
        println!("{PAGES} is absent: nothing to evaluate.");
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--dump") {
        let name = &args[at + 1];
        let bytes = std::fs::read(Path::new(PAGES).join(name)).expect("page");
        let mut s = Session::new();
        let id = s.add_html(name, &bytes).expect("added");
        let info = &s.documents()[id as usize];
        println!(
            "title={:?} date={:?} source={:?} author={:?} url={:?}",
            info.title, info.date, info.source, info.author, info.url
        );
        let raw = s.raw_text(id).expect("raw");
        let mut unit = 0;
        for line in raw.split('\n') {
            let len: usize = line.chars().map(char::len_utf16).sum();
            let r = info
                .removed
                .iter()
                .find(|r| r.start <= unit && r.end > unit);
            match r {
                Some(r) => println!(
                    "  - [{:?} {}] {}",
                    r.reason,
                    r.note,
                    line.chars().take(60).collect::<String>()
                ),
                None => println!("  + {}", line.chars().take(80).collect::<String>()),
            }
            unit += len + 1;
        }
        return;
    }
    let truth = match std::fs::read_to_string(TRUTH) {
        Ok(t) => parse_truth(&t),
        Err(e) => {
            println!("{TRUTH}: {e}");
            return;
        }
    };
    let (mut tp_all, mut kept_all, mut truth_all) = (0usize, 0usize, 0usize);
    let (mut gone_n, mut gone_ok, mut keep_n, mut keep_ok) = (0, 0, 0, 0);
    let mut authors_unstated = 0usize;
    let (mut titles, mut dates, mut date_n, mut sources, mut source_n, mut authors, mut author_n) =
        (0, 0, 0, 0, 0, 0, 0);
    let (mut bytes_total, mut secs) = (0usize, 0f64);
    let mut f1s = Vec::new();
    println!(
        "{:<24} {:>5} {:>5} {:>5} {:>5} {:>5}  t d s a",
        "page", "P", "R", "F1", "gone", "kept"
    );
    for t in &truth {
        let Ok(bytes) = std::fs::read(Path::new(PAGES).join(&t.file)) else {
            println!("{}: missing", t.file);
            continue;
        };
        let mut s = Session::new();
        let start = Instant::now();
        let Ok(id) = s.add_html(&t.file, &bytes) else {
            println!("{}: refused", t.file);
            continue;
        };
        secs += start.elapsed().as_secs_f64();
        bytes_total += bytes.len();
        let info = s.documents()[id as usize].clone();
        let raw = s.raw_text(id).expect("raw").into_owned();
        let removed: Vec<(usize, usize)> = info.removed.iter().map(|r| (r.start, r.end)).collect();
        let mask = kept_mask(&raw, &removed);
        // The article: from the first snippet to the end of the last one.
        let raw_chars: Vec<char> = raw.chars().collect();
        let raw_string: String = raw_chars.iter().collect();
        let begin = raw_string.find(&t.first);
        // … to the end of the line the last snippet starts.
        let end = begin.and_then(|b| {
            let e = b + raw_string[b..].rfind(&t.last)?;
            Some(
                raw_string[e..]
                    .find('\n')
                    .map_or(raw_string.len(), |n| e + n),
            )
        });
        let (Some(b), Some(e)) = (begin, end) else {
            println!(
                "{}: article snippets not found in the page text ({:?} … {:?})",
                t.file, t.first, t.last
            );
            continue;
        };
        let (cb, ce) = (
            raw_string[..b].chars().count(),
            raw_string[..e].chars().count(),
        );
        let (mut tp, mut kept, mut tru) = (0, 0, 0);
        for (i, (c, k)) in mask.iter().enumerate() {
            if !c.is_alphanumeric() {
                continue;
            }
            let in_truth = i >= cb && i < ce;
            kept += *k as usize;
            tru += in_truth as usize;
            tp += (*k && in_truth) as usize;
        }
        let p = tp as f64 / kept.max(1) as f64;
        let r = tp as f64 / tru.max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        f1s.push(f1);
        tp_all += tp;
        kept_all += kept;
        truth_all += tru;
        let cleaned = squash(&s.text(id).expect("text"));
        let g = t
            .gone
            .iter()
            .filter(|x| !cleaned.contains(&squash(x)))
            .count();
        let k = t
            .kept
            .iter()
            .filter(|x| cleaned.contains(&squash(x)))
            .count();
        gone_n += t.gone.len();
        gone_ok += g;
        keep_n += t.kept.len();
        keep_ok += k;
        let title_ok = squash(&info.title) == squash(&t.title);
        titles += title_ok as usize;
        let mut marks = String::new();
        marks.push(if title_ok { '+' } else { '-' });
        if t.date != "-" {
            date_n += 1;
            let ok = info.date.as_deref().is_some_and(|d| d.starts_with(&t.date));
            dates += ok as usize;
            marks.push_str(if ok { " +" } else { " -" });
        } else {
            marks.push_str(" .");
        }
        if t.source != "-" {
            source_n += 1;
            let got = info.source.clone().unwrap_or_default();
            let ok = t
                .source
                .split('|')
                .any(|alt| !got.is_empty() && (got.contains(alt) || alt.contains(got.as_str())));
            sources += ok as usize;
            marks.push_str(if ok { " +" } else { " -" });
        } else {
            marks.push_str(" .");
        }
        if t.author != "-" {
            author_n += 1;
            let got = info.author.clone().unwrap_or_default();
            let ok =
                !got.is_empty() && (got.contains(&t.author) || t.author.contains(got.as_str()));
            authors += ok as usize;
            marks.push_str(if ok { " +" } else { " -" });
        } else if info.author.is_some() {
            // An author where the page states none (a site name, a placeholder) is wrong.
            authors_unstated += 1;
            marks.push_str(" x");
        } else {
            marks.push_str(" .");
        }
        println!(
            "{:<24} {:>5.3} {:>5.3} {:>5.3} {:>2}/{:<2} {:>2}/{:<2}  {}",
            t.file,
            p,
            r,
            f1,
            g,
            t.gone.len(),
            k,
            t.kept.len(),
            marks
        );
        if args.iter().any(|a| a == "-v") {
            if !title_ok {
                println!("    title {:?} want {:?}", info.title, t.title);
            }
            println!(
                "    date {:?} source {:?} author {:?}",
                info.date, info.source, info.author
            );
            for x in t.gone.iter().filter(|x| cleaned.contains(&squash(x))) {
                println!("    still there: {x}");
            }
            for x in t.kept.iter().filter(|x| !cleaned.contains(&squash(x))) {
                println!("    lost: {x}");
            }
        }
    }
    let p = tp_all as f64 / kept_all.max(1) as f64;
    let r = tp_all as f64 / truth_all.max(1) as f64;
    let pct = |a: usize, n: usize| 100.0 * a as f64 / n.max(1) as f64;
    println!();
    println!("pages: {}", f1s.len());
    println!(
        "article (pooled characters): precision {p:.3} recall {r:.3} F1 {:.3}",
        2.0 * p * r / (p + r).max(1e-9)
    );
    println!(
        "article F1, mean of pages: {:.3}",
        f1s.iter().sum::<f64>() / f1s.len().max(1) as f64
    );
    println!(
        "furniture snippets gone: {gone_ok}/{gone_n} ({:.0}%)",
        pct(gone_ok, gone_n)
    );
    println!(
        "article snippets kept: {keep_ok}/{keep_n} ({:.0}%)",
        pct(keep_ok, keep_n)
    );
    println!(
        "titles: {titles}/{} ({:.0}%)",
        f1s.len(),
        pct(titles, f1s.len())
    );
    println!(
        "dates (same day): {dates}/{date_n} ({:.0}%)",
        pct(dates, date_n)
    );
    println!(
        "sources: {sources}/{source_n} ({:.0}%)",
        pct(sources, source_n)
    );
    println!(
        "authors: {authors}/{author_n} ({:.0}%)",
        pct(authors, author_n)
    );
    println!("authors given where the page states none: {authors_unstated}");
    println!(
        "time: {:.1} ms per MB ({:.1} MB in {:.0} ms, add_html: decode, extract, clean, index)",
        1000.0 * secs / (bytes_total as f64 / 1e6).max(1e-9),
        bytes_total as f64 / 1e6,
        secs * 1000.0
    );
}
