//! The sources named on the command line, read into a [`Session`] the way the page reads them.
//!
//! Files and folders are walked in a fixed order (arguments as given, folder entries sorted by
//! name, recursively), so the same sources always give the same document ids. Every file goes
//! through one function, [`add_source`], which hands the bytes to exactly the code the browser
//! runs (`Session::add_file_with_progress`: sniff the format, decode, extract, clean, index;
//! a table or an archive gives many documents, and its bad rows or entries are listed).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use corpus_explorer::formats::{self, mapping::FIELDS, AddOptions, FileAdded, Format, Mapping};
use corpus_explorer::session::Session;

/// Extensions a folder walk takes: every format the page accepts and the core reads
/// ([`formats::sniff`]): plain text, HTML, tables (one document per row), ZIP archives (walked
/// like a folder) and DOCX. Other files in a folder are listed as skipped. A file named on the
/// command line is always tried, whatever its name (the core refuses binary data).
pub const ACCEPTED_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", // plain text
    "html", "htm", "xhtml", "shtml", // web pages (HTML extraction)
    "csv", "tsv", "tab", "jsonl", "ndjson", "json", // tables
    "zip", "docx",
];

/// Why a PDF is not read here, the same sentence in `--help`, the skipped list and a refusal.
/// The page reads PDF with pdf.js (JavaScript, in the browser); a native reader would be a
/// second, different text extraction (CID fonts and ToUnicode maps are where readers differ),
/// so the same PDF would give one text in the page and another here; and the maintained
/// native readers are large (pdf.js-sized) or GPL (poppler). Decided: no PDF on the command
/// line; `pdftotext` (or the page) turns it into text first.
pub const PDF_REFUSAL: &str = "PDF is read only by the page (pdf.js); the command line has no \
     PDF reader: convert it first (e.g. `pdftotext -enc UTF-8 file.pdf`) and add the .txt";

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
    /// Files in folders that were not read, with why (type not taken, hidden, PDF).
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
                    ACCEPTED_EXTENSIONS
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
        } else if has_extension(&path, ACCEPTED_EXTENSIONS) {
            found.sources.push(Source { path, name });
        } else if has_extension(&path, &["pdf"]) {
            found.skipped.push((name, PDF_REFUSAL.into()));
        } else {
            found.skipped.push((name, "not a file type the explorer reads".into()));
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

/// The columns named with `--column FIELD=COLUMN`, in the order given: which column of a
/// table fills which document field (`content`, `title`, `date`, `source`, `url`, `author`),
/// or `ignore=COLUMN` to leave a column out (no facet). Fields not named keep the guess from
/// the column names (`data/columns.txt`), exactly as the page's table dialog starts.
#[derive(Debug, Clone, Default)]
pub struct Columns(Vec<(String, String)>);

impl Columns {
    /// Parses one `FIELD=COLUMN`; a field the core does not know is an error listing them.
    pub fn push(&mut self, spec: &str) -> Result<(), String> {
        let (field, column) = spec.split_once('=').ok_or_else(|| {
            format!("--column “{spec}”: write FIELD=COLUMN, such as content=正文")
        })?;
        let field = field.trim().to_ascii_lowercase();
        if !FIELDS.contains(&field.as_str()) && field != "ignore" {
            return Err(format!(
                "--column “{spec}”: unknown field “{field}” (fields: {}, ignore)",
                FIELDS.join(", ")
            ));
        }
        if column.is_empty() {
            return Err(format!("--column “{spec}”: the column name is empty"));
        }
        self.0.push((field, column.to_owned()));
        Ok(())
    }

    /// The guess with the named columns put in its place. A named column is taken from any
    /// field the guess had given it (a column fills one field at most).
    fn apply(&self, mut mapping: Mapping) -> Mapping {
        for (field, column) in &self.0 {
            let named = Some(column.clone());
            for slot in [
                &mut mapping.content,
                &mut mapping.title,
                &mut mapping.date,
                &mut mapping.source,
                &mut mapping.url,
                &mut mapping.author,
            ] {
                if *slot == named {
                    *slot = None;
                }
            }
            match field.as_str() {
                "content" => mapping.content = named,
                "title" => mapping.title = named,
                "date" => mapping.date = named,
                "source" => mapping.source = named,
                "url" => mapping.url = named,
                "author" => mapping.author = named,
                _ => mapping.ignore.push(column.clone()),
            }
        }
        mapping
    }

    /// The options to read the table file `name` with: its guessed mapping as the page's
    /// dialog would show it, with the named columns in place. A named column the table does
    /// not have is an error listing the columns it has, so a typo never silently becomes
    /// "no text in this row" for every row. Not a table, or no `--column`: the defaults
    /// (tables inside a ZIP are always guessed).
    pub fn options_for(&self, session: &Session, name: &str, bytes: &[u8]) -> Result<AddOptions, String> {
        if self.0.is_empty() || !matches!(formats::sniff(name, bytes), Format::Table(_)) {
            return Ok(AddOptions::default());
        }
        let sample = session
            .inspect_table(name, bytes)
            .map_err(|error| error.to_string())?;
        if let Some((_, missing)) = self.0.iter().find(|(_, c)| !sample.columns.contains(c)) {
            return Err(format!(
                "{name}: has no column “{missing}” (named by --column); its columns: {}",
                sample.columns.join(", ")
            ));
        }
        Ok(AddOptions {
            mapping: Some(self.apply(sample.guess)),
        })
    }
}

/// Adds one file's bytes to the session with `Session::add_file_with_progress`, the code the
/// page's worker runs for every file it is given: a table gives a document per row, a ZIP one
/// per entry. The refusal of a PDF is replaced by the command line's own ([`PDF_REFUSAL`]).
pub fn add_source(
    session: &mut Session,
    name: &str,
    bytes: &[u8],
    columns: &Columns,
    progress: &mut dyn FnMut(usize, usize),
) -> FileAdded {
    if formats::sniff(name, bytes) == Format::Pdf {
        return FileAdded {
            ids: Vec::new(),
            problems: vec![formats::Problem {
                file: name.to_owned(),
                row: None,
                message: PDF_REFUSAL.into(),
            }],
        };
    }
    match columns.options_for(session, name, bytes) {
        Ok(options) => session.add_file_with_progress(name, bytes, &options, progress),
        Err(message) => FileAdded {
            ids: Vec::new(),
            problems: vec![formats::Problem {
                file: name.to_owned(),
                row: None,
                message,
            }],
        },
    }
}

/// What reading the sources gave.
#[derive(Debug, Default)]
pub struct Ingest {
    pub session: Session,
    /// Bytes of the files read (accepted or not).
    pub bytes: u64,
    /// Files that gave no document at all, with the reasons (the core's or the file
    /// system's; one line per problem).
    pub refused: Vec<(String, String)>,
    /// Rows and archive entries not added from files that gave documents, with the reason.
    pub partial: Vec<(String, String)>,
    /// Files that gave more than one document (tables, archives): `(name, documents)`.
    pub many: Vec<(String, usize)>,
    /// What the batches handed on (see [`Batches`]) held: documents, raw and kept characters,
    /// removed spans by reason. `session` holds only the documents since.
    pub flushed: Totals,
    /// Why handing a batch on failed (the sources after it were not read).
    pub failed: Option<String>,
}

/// Counts over documents no longer in the session.
#[derive(Debug, Default)]
pub struct Totals {
    pub documents: usize,
    pub chars: usize,
    pub kept: usize,
    pub removed: BTreeMap<String, (usize, usize)>,
}

impl Totals {
    /// Adds `session`'s documents.
    pub fn add(&mut self, session: &Session) {
        let docs = session.documents();
        self.documents += docs.len();
        self.chars += docs.iter().map(|d| d.chars).sum::<usize>();
        self.kept += docs.iter().map(|d| d.kept_chars).sum::<usize>();
        for (reason, (spans, units)) in removed_by_reason(session) {
            let e = self.removed.entry(reason).or_insert((0, 0));
            e.0 += spans;
            e.1 += units;
        }
    }
}

/// Ingesting in batches (the sharded build): once the files read since the last batch pass
/// `bytes`, the session goes to `flush` and a fresh one takes the next files, so memory holds
/// one batch, not the corpus.
pub struct Batches<'a> {
    pub bytes: u64,
    pub flush: &'a mut dyn FnMut(&mut Session) -> Result<(), String>,
}

impl Ingest {
    /// Documents read in all.
    pub fn documents(&self) -> usize {
        self.flushed.documents + self.session.len()
    }

    /// Hands the session to `flush` and starts a fresh one.
    pub fn flush(&mut self, flush: &mut dyn FnMut(&mut Session) -> Result<(), String>) -> Result<(), String> {
        if self.session.is_empty() {
            return Ok(());
        }
        self.flushed.add(&self.session);
        flush(&mut self.session)?;
        self.session = Session::default();
        Ok(())
    }
}

/// `file`, `file#row` (a table's row or line) for a problem, as the page lists it.
fn problem_name(problem: &formats::Problem) -> String {
    match problem.row {
        Some(row) if !problem.file.contains('#') => format!("{}#{row}", problem.file),
        _ => problem.file.clone(),
    }
}

/// Reads and adds every source in order, reporting progress on stderr at most every
/// `PROGRESS` (so 20,000 files do not print 20,000 lines; a large table or archive reports
/// inside the file too) and at the end.
pub fn ingest(
    sources: &[Source],
    columns: &Columns,
    quiet: bool,
    mut batches: Option<Batches>,
) -> Ingest {
    const PROGRESS: Duration = Duration::from_millis(500);
    let mut since = 0u64;
    let started = Instant::now();
    let mut told = Instant::now();
    let mut out = Ingest::default();
    for (i, source) in sources.iter().enumerate() {
        match fs::read(&source.path) {
            Ok(bytes) => {
                out.bytes += bytes.len() as u64;
                since += bytes.len() as u64;
                let mut inside = |done: usize, all: usize| {
                    if !quiet && told.elapsed() >= PROGRESS && done < all {
                        told = Instant::now();
                        eprintln!(
                            "  {}: {:.1} of {:.1} MB ({:.1} s)",
                            source.name,
                            done as f64 / 1e6,
                            all as f64 / 1e6,
                            started.elapsed().as_secs_f64()
                        );
                    }
                };
                let added = add_source(&mut out.session, &source.name, &bytes, columns, &mut inside);
                let list = if added.ids.is_empty() {
                    &mut out.refused
                } else {
                    &mut out.partial
                };
                if added.ids.is_empty() && added.problems.is_empty() {
                    list.push((source.name.clone(), "gave no document".into()));
                }
                for problem in &added.problems {
                    list.push((problem_name(problem), problem.message.clone()));
                }
                if added.ids.len() > 1 {
                    out.many.push((source.name.clone(), added.ids.len()));
                }
            }
            Err(error) => out.refused.push((
                source.name.clone(),
                format!("{}: cannot be read ({error})", source.path.display()),
            )),
        }
        if let Some(b) = batches.as_mut() {
            if since >= b.bytes {
                since = 0;
                if let Err(message) = out.flush(b.flush) {
                    out.failed = Some(message);
                    return out;
                }
            }
        }
        if !quiet && (told.elapsed() >= PROGRESS || i + 1 == sources.len()) {
            told = Instant::now();
            eprintln!(
                "  {}/{} files, {:.1} MB read, {} documents ({:.1} s)",
                i + 1,
                sources.len(),
                out.bytes as f64 / 1e6,
                out.documents(),
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
