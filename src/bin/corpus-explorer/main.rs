//! `corpus-explorer`: the explorer's core on the command line, to publish a corpus on any
//! static host.
//!
//! ```sh
//! bash scripts/build.sh                      # the page, into dist/ (once)
//! cargo run --release --bin corpus-explorer -- build archive/ more.txt --out site/ --title "档案"
//! python3 scripts/serve.py --dir site        # or copy site/ to any static host
//! ```
//!
//! `build` reads files and folders, decodes, cleans and indexes them with the very code the
//! page runs (`Session`, the crate's library), and writes a ready-to-serve site: the built
//! page, both wasm cores and the corpus as one snapshot the page opens without indexing
//! anything (`site.rs` gives the layout). `snapshot` writes only the snapshot file
//! (`scripts/build.sh` prebuilds the bundled seeds with it).
//!
//! A binary of the crate, never part of the wasm: `cargo build --lib` for wasm32 does not
//! compile this folder, and it uses nothing but the standard library and the crate.

mod site;
mod sources;

use std::path::PathBuf;
use std::process::ExitCode;
use corpus_explorer::shard::ShardWriter;

const HELP: &str = "\
corpus-explorer — publish a Chinese text corpus as a static site

USAGE:
    corpus-explorer build SOURCES… --out SITE/ [OPTIONS]
    corpus-explorer snapshot SOURCES… --out FILE.corpus
    corpus-explorer help [build]

COMMANDS:
    build       read, clean and index SOURCES and write a ready-to-serve site
    snapshot    write only the corpus snapshot (what `build` puts in SITE/seeds/)

Run `corpus-explorer build --help` for the options.
";

const BUILD_HELP: &str = "\
corpus-explorer build — a ready-to-serve site from your files

USAGE:
    corpus-explorer build SOURCES… --out SITE/ [OPTIONS]

SOURCES are files and folders, in every format the page accepts except PDF:
    .txt .text .md .markdown      plain text, one document per file
    .html .htm .xhtml .shtml      a web page: the article is extracted; menus, navigation,
                                  comments, related links, sidebars are kept as removed spans
    .csv .tsv .tab                a table, one document per row (see --column)
    .jsonl .ndjson .json          JSON Lines or a JSON array of objects, one per row/item
    .zip                          an archive, read like a folder (every entry, nested once)
    .docx                         a Word document
PDF is not read here: the page reads it with pdf.js (JavaScript), and a native reader would
extract a different text from the same file (and is large or GPL); convert it first, e.g.
`pdftotext -enc UTF-8 file.pdf`, or add it in the page. A PDF in a folder is listed as
skipped with that reason; one named on the command line is refused.
Folders are read recursively, entries sorted by name, so the same sources always give the
same document ids; in a folder only the extensions above are read (others are listed as
skipped; hidden files are skipped). A file named on the command line is always tried; its
format comes from its bytes and its extension. UTF-8 (with or without BOM), UTF-16,
GB18030/GBK and Big5 are detected and decoded, in tables too. Each file is decoded, cleaned
(page furniture, copies, spam marked as removed, kept retrievable) and indexed by exactly
the code the page runs. A document is named by its path below the folder given (or its file
name); a table row is `table.csv#ROW`, an archive entry `archive.zip/path/in/it.txt`.
A row or entry that cannot be added (no text, bad line) is listed in the summary; the rest
of its file is added.

The site written to SITE/ holds:
    the page          copied from the site assets (see --site-assets), minus the bundled
                      seeds and the embedding demo (embed-example.html, embed-corpus/)
    pkg/              the wasm cores
    seeds/manifest.json, seeds/corpus.corpus
                      the prebuilt corpus as one snapshot, which the page opens as it is:
                      no indexing in the reader's browser
    precache.json, sw.js
                      the offline list for this site (it works offline after one visit)
Serve SITE/ from any static host (every URL in it is relative, so any sub-path works), e.g.
    python3 scripts/serve.py --dir SITE

OPTIONS:
    --out DIR               where to write the site (required); created if missing. A folder
                            that is not empty is refused unless --force is given (files are
                            then overwritten, none deleted)
    --title TEXT            the page's <title> (and the manifest's \"title\")
    --base-path PATH        the URL path the site is served under, such as /archive/; adds
                            <base href> so the page also works when the host serves it at
                            /archive without the final slash. Must start and end with /
    --site-assets DIR       the built page to copy (default: the crate's dist/, as
                            `bash scripts/build.sh` writes it: {DIST})
    --bundle                one snapshot file for the whole corpus (seeds/corpus.corpus),
                            whatever its size. The default up to 16 MiB of sources: a
                            visitor downloads it whole, then every query is local
    --sharded               a root (≤ 16 KiB) and content-addressed shards fetched on demand
                            (seeds/corpus/, see src/shard/), whatever the size. The default
                            above 16 MiB of sources (CORPUS_EXPLORER_SHARDED_ABOVE=BYTES
                            moves the line): a query fetches the root, its pairs' postings,
                            the matching documents' columns and the shown hits' texts
                            (read-only in the page).
                            Built in batches, so memory follows --batch-bytes, not the
                            corpus; cleaning's cross-document checks (repeated passages)
                            and the story groups see one batch at a time
    --max-shard-bytes N     sharded: a posting or column shard is closed past N bytes
                            (default 16384); fence tables are paged to keep the root
                            within 16 KiB
    --batch-bytes N         sharded: bytes of sources per batch (default 33554432)
    --column FIELD=COLUMN   for tables: the column that fills FIELD, one of content (the
                            text), title, date, source, url, author; or ignore=COLUMN to
                            leave a column out. Repeat it for several fields, e.g.
                              --column content=正文 --column date=发布时间
                            Fields not named keep the guess from the column names (as the
                            page's table dialog starts); other columns become facets. It
                            applies to every table named or found in a folder (tables inside
                            a ZIP are always guessed); a table without a named column is
                            refused, naming the columns it has
    --keep-going            exit 0 even if some files were refused (they are still listed)
    --force                 write into a folder that is not empty
    --quiet                 no progress, only the summary and errors
    -h, --help              this text

Progress goes to stderr, then a summary: documents (and which files gave several), bytes
read, removed spans by reason, files refused and why, rows or entries left out and why,
skipped files, the snapshot's size (or the shards' count and bytes).

EXIT STATUS:
    0   the site was written and every file was read
    1   nothing usable (no file gave a document) or the site could not be written
    2   bad command line: a missing path, a folder with no file to read, a bad option
    3   the site was written, but some files were refused or some rows/entries left out
        (see the summary; --keep-going: 0)
";

/// Above this many bytes of sources, `build` writes a sharded corpus unless `--bundle` says
/// otherwise: a visitor of a bundled site downloads the whole snapshot (about the sources'
/// size, deflated inside) before the first answer, and 16 MB is already seconds on a slow
/// line; the chinese-poetry bench's 10 MB set stays bundled (tests/bench/RESULTS.md).
const SHARDED_ABOVE: u64 = 16 << 20;

/// The sharded build hands the session on to the shard writer every this many bytes of
/// sources: peak memory follows a batch (~32 MB of text: the session and its sorted pair
/// entries, 16 bytes a character per view), not the corpus.
const BATCH_BYTES: u64 = 32 << 20;

/// [`SHARDED_ABOVE`], or the environment's `CORPUS_EXPLORER_SHARDED_ABOVE` (bytes; for tests,
/// which should not need 16 MB of files to see the switch).
fn sharded_above() -> u64 {
    std::env::var("CORPUS_EXPLORER_SHARDED_ABOVE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SHARDED_ABOVE)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => run(&args[1..], Command::Build),
        Some("snapshot") => run(&args[1..], Command::Snapshot),
        Some("help") if args.get(1).map(String::as_str) == Some("build") => {
            print!("{}", build_help());
            ExitCode::SUCCESS
        }
        Some("-h" | "--help" | "help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(other) => usage(&format!("unknown command “{other}”")),
        None => usage("no command given"),
    }
}

fn build_help() -> String {
    BUILD_HELP.replace("{DIST}", &default_assets().display().to_string())
}

fn default_assets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist")
}

fn usage(message: &str) -> ExitCode {
    eprintln!("corpus-explorer: {message}\n\n{HELP}");
    ExitCode::from(2)
}

#[derive(Clone, Copy, PartialEq)]
enum Command {
    Build,
    Snapshot,
}

/// The command line of `build` and `snapshot`, checked.
#[derive(Default)]
struct Options {
    sources: Vec<PathBuf>,
    out: Option<PathBuf>,
    title: Option<String>,
    base_path: Option<String>,
    site_assets: Option<PathBuf>,
    max_shard_bytes: Option<u64>,
    batch_bytes: Option<u64>,
    columns: sources::Columns,
    /// `--sharded` / `--bundle`; neither: by size ([`SHARDED_ABOVE`]).
    sharded: Option<bool>,
    keep_going: bool,
    force: bool,
    quiet: bool,
    help: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    let mut only_paths = false;
    while let Some(arg) = it.next() {
        if only_paths || !arg.starts_with('-') || arg == "-" {
            o.sources.push(PathBuf::from(arg));
            continue;
        }
        // `--name=value` and `--name value` both work.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |what: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name {
            "--" => only_paths = true,
            "-h" | "--help" => o.help = true,
            "--out" | "-o" => o.out = Some(PathBuf::from(value("a folder")?)),
            "--title" => o.title = Some(value("a title")?),
            "--base-path" => {
                let base = value("a path such as /archive/")?;
                if !base.starts_with('/') || !base.ends_with('/') {
                    return Err(format!(
                        "--base-path “{base}”: must start and end with / (such as /archive/)"
                    ));
                }
                o.base_path = Some(base);
            }
            "--site-assets" => o.site_assets = Some(PathBuf::from(value("a folder")?)),
            "--max-shard-bytes" => {
                let text = value("a number of bytes")?;
                let n: u64 = text.parse().map_err(|_| {
                    format!("--max-shard-bytes “{text}”: not a whole number of bytes")
                })?;
                if n < 4096 {
                    return Err(format!("--max-shard-bytes {n}: at least 4096"));
                }
                o.max_shard_bytes = Some(n);
            }
            "--batch-bytes" => {
                let text = value("a number of bytes")?;
                let n: u64 = text
                    .parse()
                    .map_err(|_| format!("--batch-bytes “{text}”: not a whole number of bytes"))?;
                o.batch_bytes = Some(n.max(1));
            }
            "--column" => o.columns.push(&value("FIELD=COLUMN, such as content=正文")?)?,
            "--bundle" => o.sharded = Some(false),
            "--sharded" => o.sharded = Some(true),
            "--keep-going" => o.keep_going = true,
            "--force" => o.force = true,
            "--quiet" | "-q" => o.quiet = true,
            _ => return Err(format!("unknown option “{arg}” (see --help)")),
        }
    }
    Ok(o)
}

fn run(args: &[String], command: Command) -> ExitCode {
    let options = match parse(args) {
        Ok(o) => o,
        Err(message) => return fail(2, &message),
    };
    if options.help {
        print!(
            "{}",
            if command == Command::Build {
                build_help()
            } else {
                HELP.to_string()
            }
        );
        return ExitCode::SUCCESS;
    }
    if options.sources.is_empty() {
        return fail(
            2,
            "no SOURCES given: name files or folders to read (see --help)",
        );
    }
    let Some(out) = options.out.clone() else {
        return fail(
            2,
            "--out is required: where to write the result (see --help)",
        );
    };
    let assets = options.site_assets.clone().unwrap_or_else(default_assets);
    if command == Command::Build {
        if let Err(message) = site::check_assets(&assets) {
            return fail(2, &message);
        }
        if !options.force && out.read_dir().is_ok_and(|mut d| d.next().is_some()) {
            return fail(
                2,
                &format!(
                    "{}: the folder is not empty; choose another or pass --force",
                    out.display()
                ),
            );
        }
    }

    let found = match sources::find(&options.sources) {
        Ok(found) => found,
        Err(message) => return fail(2, &message),
    };
    if !options.quiet {
        eprintln!("reading {} files", found.sources.len());
    }
    let source_bytes: u64 = found
        .sources
        .iter()
        .filter_map(|s| std::fs::metadata(&s.path).ok())
        .map(|m| m.len())
        .sum();
    let sharded = command == Command::Build
        && options.sharded.unwrap_or(source_bytes > sharded_above());
    let mut written_corpus = String::new();
    let ingest = if sharded {
        let corpus_dir = out.join(site::CORPUS_DIR).join(site::SHARDED_DIR);
        let mut sink = match site::DirSink::new(corpus_dir.clone()) {
            Ok(sink) => sink,
            Err(message) => return fail(1, &message),
        };
        let shard_options = corpus_explorer::shard::ShardOptions {
            max_shard_bytes: options
                .max_shard_bytes
                .map_or(corpus_explorer::shard::ShardOptions::default().max_shard_bytes, |n| {
                    n as usize
                }),
            ..corpus_explorer::shard::ShardOptions::default()
        };
        let runs = out.join(".corpus-explorer-runs");
        let mut writer = match ShardWriter::with_temp_dir(shard_options, runs.clone()) {
            Ok(w) => w,
            Err(error) => return fail(1, &error.to_string()),
        };
        let quiet = options.quiet;
        let mut flush = |session: &mut corpus_explorer::session::Session| -> Result<(), String> {
            if !quiet {
                eprintln!("  writing a batch of {} documents", session.len());
            }
            writer.add(session, &mut sink).map_err(|e| e.to_string())
        };
        let mut ingest = sources::ingest(
            &found.sources,
            &options.columns,
            options.quiet,
            Some(sources::Batches {
                bytes: options.batch_bytes.unwrap_or(BATCH_BYTES),
                flush: &mut flush,
            }),
        );
        if ingest.failed.is_none() {
            if let Err(message) = ingest.flush(&mut flush) {
                ingest.failed = Some(message);
            }
        }
        if let Some(message) = &ingest.failed {
            let _ = std::fs::remove_dir_all(&runs);
            return fail(1, message);
        }
        if !options.quiet && ingest.documents() > 0 {
            eprintln!("  merging the pair postings into shards");
        }
        let finished = if ingest.documents() > 0 {
            writer.finish(&mut sink)
        } else {
            Ok(())
        };
        let _ = std::fs::remove_dir_all(&runs);
        if let Err(error) = finished {
            return fail(1, &error.to_string());
        }
        written_corpus = format!(
            "sharded: {} files, {} bytes in {} (root {} bytes)",
            sink.files,
            sink.bytes,
            corpus_dir.display(),
            std::fs::metadata(corpus_dir.join(corpus_explorer::shard::ROOT_NAME))
                .map_or(0, |m| m.len())
        );
        ingest
    } else {
        sources::ingest(&found.sources, &options.columns, options.quiet, None)
    };
    let session = &ingest.session;
    let snapshot = if sharded { Vec::new() } else { session.save() };
    if !sharded {
        written_corpus = format!("snapshot: {} bytes", snapshot.len());
    }

    print_summary(&ingest, &found.skipped, &written_corpus);
    if ingest.documents() == 0 {
        return fail(
            1,
            "nothing usable: no file gave a document (reasons above)",
        );
    }

    match command {
        Command::Snapshot => {
            if let Err(error) = std::fs::write(&out, &snapshot) {
                return fail(1, &format!("{}: cannot write it ({error})", out.display()));
            }
            eprintln!("wrote {} ({} bytes)", out.display(), snapshot.len());
        }
        Command::Build => {
            let written = site::write(&site::SiteOptions {
                assets: &assets,
                out: &out,
                title: options.title.as_deref(),
                base_path: options.base_path.as_deref(),
                snapshot: &snapshot,
                documents: ingest.documents(),
                sharded,
            });
            match written {
                Ok(files) => eprintln!(
                    "wrote {} files to {} (layout: {}; serve it with `python3 scripts/serve.py --dir {}`)",
                    files.len(),
                    out.display(),
                    if sharded { "sharded, the corpus in seeds/corpus/" } else { "one snapshot" },
                    out.display()
                ),
                Err(message) => return fail(1, &message),
            }
        }
    }
    let complete = ingest.refused.is_empty() && ingest.partial.is_empty();
    if !complete && !options.keep_going {
        eprintln!(
            "corpus-explorer: {} file(s) refused, {} row(s)/entries left out (listed above); exit status 3 (--keep-going: 0)",
            ingest.refused.len(),
            ingest.partial.len()
        );
        return ExitCode::from(3);
    }
    ExitCode::SUCCESS
}

fn print_summary(ingest: &sources::Ingest, skipped: &[(String, String)], written: &str) {
    let mut totals = sources::Totals::default();
    totals.add(&ingest.session);
    let flushed = &ingest.flushed;
    let (chars, kept) = (totals.chars + flushed.chars, totals.kept + flushed.kept);
    let mut removed = totals.removed;
    for (reason, (spans, units)) in &flushed.removed {
        let e = removed.entry(reason.clone()).or_insert((0, 0));
        e.0 += spans;
        e.1 += units;
    }
    eprintln!("summary:");
    eprintln!("  documents: {}", ingest.documents());
    for (name, count) in ingest.many.iter().take(50) {
        eprintln!("    {name}: {count} documents");
    }
    if ingest.many.len() > 50 {
        eprintln!("    … and {} more files of several documents", ingest.many.len() - 50);
    }
    eprintln!("  bytes read: {}", ingest.bytes);
    eprintln!("  characters: {chars} raw, {kept} kept after cleaning");
    if removed.is_empty() {
        eprintln!("  removed spans: none");
    } else {
        eprintln!("  removed spans by reason:");
        for (reason, (spans, units)) in &removed {
            eprintln!("    {reason}: {spans} spans, {units} characters");
        }
    }
    eprintln!("  {written}");
    if !ingest.refused.is_empty() {
        eprintln!("  refused ({}):", ingest.refused.len());
        for (name, why) in &ingest.refused {
            // The core's messages name the file already.
            if why.contains(name.as_str()) {
                eprintln!("    {why}");
            } else {
                eprintln!("    {name}: {why}");
            }
        }
    }
    if !ingest.partial.is_empty() {
        eprintln!("  left out ({}), the rest of their files added:", ingest.partial.len());
        for (name, why) in ingest.partial.iter().take(50) {
            eprintln!("    {name}: {why}");
        }
        if ingest.partial.len() > 50 {
            eprintln!("    … and {} more", ingest.partial.len() - 50);
        }
    }
    if !skipped.is_empty() {
        eprintln!("  skipped ({}):", skipped.len());
        for (name, why) in skipped.iter().take(50) {
            eprintln!("    {name}: {why}");
        }
        if skipped.len() > 50 {
            eprintln!("    … and {} more", skipped.len() - 50);
        }
    }
}

fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("corpus-explorer: {message}");
    ExitCode::from(code)
}
