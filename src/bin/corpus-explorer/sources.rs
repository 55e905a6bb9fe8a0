//! The sources named on the command line, read into a [`Session`] the way the page reads them.
//!
//! Files and folders are walked in a fixed order (arguments as given, folder entries sorted by
//! name, recursively), so the same sources always give the same document ids. Every file goes
//! through one function, [`add_source`], which hands the bytes to exactly the code the browser
//! runs (`Session::add_document`: decode, clean, extract metadata, index).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use corpus_explorer::session::Session;

/// Extensions a folder walk takes; other files in a folder are listed as skipped. A file named
/// on the command line is always tried, whatever its name (the core refuses binary data).
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Extensions the page reduces to text first (`www/html-text.js`); the native core has no
/// HTML reader on this branch yet, so these are refused with a message saying so.
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

/// One file to read: where it is, and the name its document gets (its path below the folder
/// named on the command line, `/`-separated, or its file name).
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub name: String,
}

/// What walking the arguments found.
#[derive(Debug, Default)]
pub struct Found {
    pub sources: Vec<Source>,
    /// Files in folders that were not read, with why (type not taken, hidden).
    pub skipped: Vec<(String, String)>,
}

/// Walks `args` (files and folders) in order. A missing path, or a folder with no file to
/// read, is an error naming it: nothing is built from a half-typed command line.
pub fn find(args: &[PathBuf]) -> Result<Found, String> {
    let mut found = Found::default();
    for arg in args {
        let meta = fs::metadata(arg)
            .map_err(|error| format!("{}: cannot read it ({error})", arg.display()))?;
        if meta.is_dir() {
            let before = found.sources.len();
            walk(arg, arg, &mut found)?;
            if found.sources.len() == before {
                return Err(format!(
                    "{}: the folder holds no file to read (looked for {} files, in sub-folders too)",
                    arg.display(),
                    TEXT_EXTENSIONS
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        } else {
            let name = arg
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| arg.display().to_string());
            found.sources.push(Source {
                path: arg.clone(),
                name,
            });
        }
    }
    Ok(found)
}

fn walk(root: &Path, folder: &Path, found: &mut Found) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = fs::read_dir(folder)
        .map_err(|error| format!("{}: cannot list the folder ({error})", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = relative_name(root, &path);
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file_name.starts_with('.') {
            found.skipped.push((name, "hidden".into()));
            continue;
        }
        // Follows symbolic links the way reading a file does; a dangling one is listed.
        let Ok(meta) = fs::metadata(&path) else {
            found
                .skipped
                .push((name, "cannot be read (a broken link?)".into()));
            continue;
        };
        if meta.is_dir() {
            walk(root, &path, found)?;
        } else if has_extension(&path, TEXT_EXTENSIONS) || has_extension(&path, HTML_EXTENSIONS) {
            found.sources.push(Source { path, name });
        } else {
            found.skipped.push((name, "not a text file type".into()));
        }
    }
    Ok(())
}

fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn has_extension(path: &Path, list: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| list.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Adds one file's bytes to the session: the one place the CLI hands a file to the core, so
/// that switching to `Session::add_file` (every format the page accepts) is one line.
pub fn add_source(session: &mut Session, name: &str, bytes: &[u8]) -> Result<u32, String> {
    if has_extension(Path::new(name), HTML_EXTENSIONS) {
        return Err(format!(
            "{name}: HTML is not read by the command line yet; save the article as .txt"
        ));
    }
    session
        .add_document(name, bytes)
        .map_err(|error| error.to_string())
}

/// What reading the sources gave.
#[derive(Debug, Default)]
pub struct Ingest {
    pub session: Session,
    /// Bytes of the files read (accepted or not).
    pub bytes: u64,
    /// Files not added, with the core's or the file system's reason.
    pub refused: Vec<(String, String)>,
}

/// Reads and adds every source in order, reporting progress on stderr at most every
/// `PROGRESS` (so 20,000 files do not print 20,000 lines) and at the end.
pub fn ingest(sources: &[Source], quiet: bool) -> Ingest {
    const PROGRESS: Duration = Duration::from_millis(500);
    let started = Instant::now();
    let mut told = Instant::now();
    let mut out = Ingest::default();
    for (i, source) in sources.iter().enumerate() {
        match fs::read(&source.path) {
            Ok(bytes) => {
                out.bytes += bytes.len() as u64;
                if let Err(message) = add_source(&mut out.session, &source.name, &bytes) {
                    out.refused.push((source.name.clone(), message));
                }
            }
            Err(error) => out.refused.push((
                source.name.clone(),
                format!("{}: cannot be read ({error})", source.path.display()),
            )),
        }
        if !quiet && (told.elapsed() >= PROGRESS || i + 1 == sources.len()) {
            told = Instant::now();
            eprintln!(
                "  {}/{} files, {:.1} MB read, {} documents ({:.1} s)",
                i + 1,
                sources.len(),
                out.bytes as f64 / 1e6,
                out.session.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    out
}

/// Removed spans per reason (`duplicate`, `boilerplate`, …): how many, and how many characters
/// (UTF-16 units, as the page counts them).
pub fn removed_by_reason(session: &Session) -> BTreeMap<String, (usize, usize)> {
    let mut by = BTreeMap::new();
    for doc in session.documents() {
        for removed in &doc.removed {
            let reason = serde_name(&removed.reason);
            let entry = by.entry(reason).or_insert((0, 0));
            entry.0 += 1;
            entry.1 += removed.end.saturating_sub(removed.start);
        }
    }
    by
}

/// The reason's name as JavaScript sees it (`Reason` serialises in lowercase).
fn serde_name(reason: &corpus_explorer::clean::Reason) -> String {
    format!("{reason:?}").to_lowercase()
}
