//! The site `build` writes: the page built by `scripts/build.sh` (its `dist/`), minus the
//! bundled seeds, plus the prebuilt corpus.
//!
//! ```text
//! SITE/
//!   index.html, *.js, style.css, …   the page, copied from the site assets (dist/)
//!   pkg/                             both cores' wasm and their JS
//!   dict/, data/                     the word list, the reference list, the GB18030/Big5 tables
//!   seeds/manifest.json              {"title", "snapshot": "corpus.corpus", "documents": 1234}
//!   seeds/corpus.corpus              the corpus as one snapshot (src/snapshot/), opened as is
//!   precache.json, sw.js             the offline list of this site's files, and its build id
//! ```
//!
//! The folder is still called `seeds/` because that is where the page (`www/main.js`) and
//! the embed element look for their manifest; what is in it is the site owner's corpus. The
//! single-file build (`corpus-explorer.html`, the seeds inlined) is not copied.
//!
//! ## The sharded layout (`--sharded`, the default above 16 MiB of sources: read by the page
//! through `www/sharded.js`, which preloads the root instead of a snapshot)
//!
//! ```text
//! SITE/seeds/manifest.json            {"sharded": "corpus/root.bin", "documentCount": …}
//! SITE/seeds/corpus/root.bin          ≤ 16 KiB: fences of every shard kind, lengths, counts
//! SITE/seeds/corpus/f/<hash>.bin      fence pages, once a fence table is long
//! SITE/seeds/corpus/{p,r}/<hash>.bin  pair postings (articles, raw texts) by pair-key range
//! SITE/seeds/corpus/c/<hash>.bin      columns by id range (filters, ranking, facets)
//! SITE/seeds/corpus/m/<hash>.bin      cards by small id range (name, title, URL of a hit)
//! SITE/seeds/corpus/t/<hash>.bin      one document's texts, or a few small ones (snippets,
//!                                     the reader)
//! SITE/seeds/corpus/e/<hash>.bin      the documents mentioning each entity (its facet)
//! SITE/seeds/corpus/n/<hash>.bin      pair postings of the titles (the title bonus, `title:`)
//! ```
//!
//! The CLI writes the root and the shards into `seeds/corpus/` as it builds (batch by batch,
//! `ShardWriter`); the root is in `precache.json`, the shards are not (a site of 1 GB has ~10⁵
//! of them: the service worker keeps each as it comes). Every file is content-addressed (FNV-1a 64 of its bytes), deflated inside the format (hosts
//! that strip `Content-Encoding` or `Range` serve it as it is) and immutable; the root alone is
//! revalidated. Why this split (what every match needs apart from what only shown hits need),
//! and what a query fetches: `src/shard/`'s module doc.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Where the page keeps the corpus, relative to the site root (see the module doc).
pub const CORPUS_DIR: &str = "seeds";
/// The snapshot's file name inside [`CORPUS_DIR`].
pub const SNAPSHOT_NAME: &str = "corpus.corpus";

/// What the site gets besides the page.
pub struct SiteOptions<'a> {
    pub assets: &'a Path,
    pub out: &'a Path,
    pub title: Option<&'a str>,
    pub base_path: Option<&'a str>,
    pub snapshot: &'a [u8],
    pub documents: usize,
    /// Sharded: the root and shards are already in [`SHARDED_DIR`]; no snapshot is written.
    pub sharded: bool,
}

/// Where a sharded corpus goes, inside [`CORPUS_DIR`].
pub const SHARDED_DIR: &str = "corpus";

/// Writes a sharded corpus's files into `dir` as the writer gives them (`dir/p/…`), counting
/// files and bytes.
pub struct DirSink {
    pub dir: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

impl DirSink {
    /// Creates `dir` and its folders.
    pub fn new(dir: PathBuf) -> Result<DirSink, String> {
        for folder in corpus_explorer::shard::FOLDERS {
            let d = dir.join(folder);
            fs::create_dir_all(&d)
                .map_err(|error| format!("{}: cannot create the folder ({error})", d.display()))?;
        }
        Ok(DirSink {
            dir,
            files: 0,
            bytes: 0,
        })
    }
}

impl corpus_explorer::shard::ShardSink for DirSink {
    fn put(&mut self, name: &str, bytes: &[u8]) -> corpus_explorer::Result<()> {
        let path = self.dir.join(name);
        // Content-addressed: a name already written has these very bytes.
        if name != corpus_explorer::shard::ROOT_NAME && path.exists() {
            return Ok(());
        }
        fs::write(&path, bytes).map_err(|error| corpus_explorer::Error::BadShard {
            name: path.display().to_string(),
            problem: format!("cannot write it ({error})"),
        })?;
        self.files += 1;
        self.bytes += bytes.len() as u64;
        Ok(())
    }
}

/// Checks that `assets` is a built page (`scripts/build.sh`'s `dist/`), with a message saying
/// what to do when it is not.
pub fn check_assets(assets: &Path) -> Result<(), String> {
    for needed in [
        "index.html",
        "pkg/corpus_explorer_bg.wasm",
        "pkg/corpus_explorer.js",
        "sw.js",
    ] {
        if !assets.join(needed).is_file() {
            return Err(format!(
                "{}: not a built page (no {needed}); run `bash scripts/build.sh` first, or pass \
                 --site-assets with the dist/ folder it writes",
                assets.display()
            ));
        }
    }
    Ok(())
}

/// Writes the whole site; returns the files written, relative to `out`, sorted.
pub fn write(options: &SiteOptions) -> Result<Vec<String>, String> {
    let out = options.out;
    fs::create_dir_all(out.join(CORPUS_DIR))
        .map_err(|error| format!("{}: cannot create the folder ({error})", out.display()))?;
    let mut written = Vec::new();
    copy_assets(options.assets, options.assets, out, &mut written)
        .map_err(|error| format!("copying the page into {}: {error}", out.display()))?;

    let index = out.join("index.html");
    let html =
        fs::read_to_string(&index).map_err(|error| format!("{}: {error}", index.display()))?;
    let mut html = page(&html, options.title, options.base_path);
    if options.sharded {
        // A sharded site has no snapshot: the page fetches the root first (www/sharded.js),
        // on the archive core (the search core with the sharded reader): `data-core="archive"`
        // tells www/main.js to start on it, and it is preloaded instead of the search core.
        html = html
            .replace(
                &format!("./{CORPUS_DIR}/{SNAPSHOT_NAME}\""),
                &format!("./{CORPUS_DIR}/{SHARDED_DIR}/{}\"", corpus_explorer::shard::ROOT_NAME),
            )
            .replace(
                "\"./pkg/corpus_explorer_search_bg.wasm\"",
                "\"./pkg/corpus_explorer_archive_bg.wasm\"",
            )
            .replacen("<html ", "<html data-core=\"archive\" ", 1);
    }
    write_file(out, "index.html", html.as_bytes(), &mut written)?;

    let mut manifest = manifest(options.title, options.base_path, options.documents);
    if options.sharded {
        // The page finds the root under "sharded" (and no snapshot).
        manifest = manifest.replace(
            &format!("\"snapshot\": {}", json_string(SNAPSHOT_NAME)),
            &format!("\"sharded\": {}", json_string(&format!("{SHARDED_DIR}/{}", corpus_explorer::shard::ROOT_NAME))),
        );
    }
    write_file(
        out,
        &format!("{CORPUS_DIR}/manifest.json"),
        manifest.as_bytes(),
        &mut written,
    )?;
    if !options.sharded {
        write_file(
            out,
            &format!("{CORPUS_DIR}/{SNAPSHOT_NAME}"),
            options.snapshot,
            &mut written,
        )?;
    } else {
        // The root is the page's shell, kept for offline use like the page; the shards are
        // kept by the service worker as they come (a site of 1 GB has ~10⁵ of them).
        let root = format!("{CORPUS_DIR}/{SHARDED_DIR}/{}", corpus_explorer::shard::ROOT_NAME);
        if out.join(&root).is_file() {
            written.push(root);
        }
    }

    written.sort();
    written.dedup();
    precache(out, &written)?;
    written.push("precache.json".into());
    written.sort();
    Ok(written)
}

/// What of the built page a site does not get: the bundled seeds, the single-file build (which
/// inlines them), the offline list (written again for this site's files) and the demo of
/// embedding with its own two articles (`<corpus-explorer>` itself, `corpus-explorer.js`, stays).
const LEFT_OUT: &[&str] = &[
    CORPUS_DIR,
    "corpus-explorer.html",
    "precache.json",
    "embed-example.html",
    "embed-example.css",
    "embed-corpus",
];

/// Copies the page, leaving out [`LEFT_OUT`].
fn copy_assets(root: &Path, from: &Path, to: &Path, written: &mut Vec<String>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(from)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if LEFT_OUT.contains(&rel.as_str()) {
            continue;
        }
        let target = to.join(path.strip_prefix(from).unwrap_or(&path));
        if path.is_dir() {
            fs::create_dir_all(&target)?;
            copy_assets(root, &path, &target, written)?;
        } else {
            fs::copy(&path, &target)?;
            written.push(rel);
        }
    }
    Ok(())
}

fn write_file(
    out: &Path,
    rel: &str,
    bytes: &[u8],
    written: &mut Vec<String>,
) -> Result<(), String> {
    let path = out.join(rel);
    fs::write(&path, bytes)
        .map_err(|error| format!("{}: cannot write it ({error})", path.display()))?;
    written.push(rel.to_string());
    Ok(())
}

/// index.html for this site: the title, a `<base>` when a base path is given, and the
/// preloads of the bundled seeds replaced by one of the snapshot (right after the manifest's,
/// so it downloads with the code).
pub fn page(html: &str, title: Option<&str>, base_path: Option<&str>) -> String {
    let seeds_preload = format!("<link rel=\"preload\" href=\"./{CORPUS_DIR}/");
    let manifest_preload = format!("{seeds_preload}manifest.json\"");
    let mut out = String::with_capacity(html.len() + 256);
    for line in html.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(&seeds_preload) && !trimmed.starts_with(&manifest_preload) {
            continue; // a seed article or the seeds' own snapshot
        }
        if let (Some(title), true) = (title, trimmed.starts_with("<title>")) {
            let indent = &line[..line.len() - trimmed.len()];
            out.push_str(&format!("{indent}<title>{}</title>\n", escape(title)));
            continue;
        }
        out.push_str(line);
        let indent = &line[..line.len() - trimmed.len()];
        if trimmed.starts_with(&manifest_preload) {
            out.push_str(&format!(
                "{indent}<link rel=\"preload\" href=\"./{CORPUS_DIR}/{SNAPSHOT_NAME}\" as=\"fetch\" crossorigin>\n"
            ));
        }
        if let (Some(base), true) = (base_path, trimmed.starts_with("<meta charset")) {
            out.push_str(&format!("{indent}<base href=\"{}\">\n", escape(base)));
        }
    }
    out
}

/// The manifest the page reads first (`www/corpus-download.js`): with `snapshot`, it opens
/// that file instead of fetching and indexing articles.
pub fn manifest(title: Option<&str>, base_path: Option<&str>, documents: usize) -> String {
    let mut fields = vec![format!("  \"snapshot\": {}", json_string(SNAPSHOT_NAME))];
    fields.push(format!("  \"documentCount\": {documents}"));
    if let Some(title) = title {
        fields.push(format!("  \"title\": {}", json_string(title)));
    }
    if let Some(base) = base_path {
        fields.push(format!("  \"basePath\": {}", json_string(base)));
    }
    format!("{{\n{}\n}}\n", fields.join(",\n"))
}

/// precache.json for `sw.js` (the format `scripts/build.sh` writes: `{ build, files }`), and
/// the same build id stamped into this site's `sw.js`, so a rebuilt site is a new service
/// worker and browsers install it.
fn precache(out: &Path, written: &[String]) -> Result<(), String> {
    let files: Vec<&String> = written
        .iter()
        .filter(|f| {
            !(f.starts_with("dict/")
                || f.starts_with("data/")
                || f.ends_with(".d.ts")
                || *f == "sw.js")
        })
        .collect();
    // FNV-1a over each file's path, length and bytes: a change of any file changes the id.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for file in &files {
        let bytes = fs::read(out.join(file)).map_err(|error| format!("{file}: {error}"))?;
        feed(file.as_bytes());
        feed(&[0]);
        feed(bytes.len().to_string().as_bytes());
        feed(&[0]);
        feed(&bytes);
    }
    let build = format!("{hash:016x}");
    let sw_path = out.join("sw.js");
    let sw = fs::read_to_string(&sw_path).map_err(|error| format!("sw.js: {error}"))?;
    let Some(at) = sw.find("const BUILD = \"") else {
        return Err(
            "sw.js: no `const BUILD = \"…\"` to stamp (is it from scripts/build.sh?)".into(),
        );
    };
    let start = at + "const BUILD = \"".len();
    let end = start + sw[start..].find('"').unwrap_or(0);
    let sw = format!("{}{build}{}", &sw[..start], &sw[end..]);
    fs::write(&sw_path, sw).map_err(|error| format!("sw.js: {error}"))?;
    let mut listed: Vec<String> = files
        .iter()
        .map(|f| format!("    {}", json_string(f)))
        .collect();
    listed.push(format!("    {}", json_string("sw.js")));
    listed.sort();
    let json = format!(
        "{{\n  \"build\": \"{build}\",\n  \"files\": [\n{}\n  ]\n}}\n",
        listed.join(",\n")
    );
    fs::write(out.join("precache.json"), json).map_err(|error| format!("precache.json: {error}"))
}

/// Text for an HTML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<head>\n  <meta charset=\"utf-8\">\n  <title>语料浏览器</title>\n  \
        <link rel=\"preload\" href=\"./seeds/manifest.json\" as=\"fetch\" crossorigin>\n  \
        <link rel=\"preload\" href=\"./seeds/000.txt\" as=\"fetch\" crossorigin>\n</head>\n";

    #[test]
    fn page_preloads_the_snapshot_instead_of_the_seed_articles() {
        let html = page(INDEX, None, None);
        assert!(!html.contains("000.txt"));
        assert!(html.contains("href=\"./seeds/manifest.json\""));
        assert!(html.contains("href=\"./seeds/corpus.corpus\" as=\"fetch\" crossorigin>"));
    }

    #[test]
    fn page_title_and_base_are_escaped() {
        let html = page(INDEX, Some("档案 <b>&"), Some("/a\"b/"));
        assert!(html.contains("<title>档案 &lt;b&gt;&amp;</title>"));
        assert!(html.contains("<base href=\"/a&quot;b/\">"));
        assert!(!html.contains("语料浏览器"));
    }

    #[test]
    fn manifest_strings_are_json_escaped() {
        let json = manifest(Some("a\"\\\n"), None, 3);
        assert!(json.contains(r#""title": "a\"\\\u000a""#), "{json}");
        assert!(json.contains("\"documentCount\": 3"));
    }
}
