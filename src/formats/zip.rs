//! ZIP archives walked like a folder: every file entry is handed on under its path
//! (`archive.zip/folder/file.txt`), folders, `__MACOSX/` and dot files are skipped, encrypted
//! entries and entries in methods other than stored and deflate are refused with a message,
//! and zip bombs are stopped by two limits on what inflating may produce.
//!
//! `rawzip` reads the archive's structure (no dependencies, no decompression of its own) and
//! `miniz_oxide` inflates deflate entries with a hard output limit, so a header that lies about
//! an entry's size cannot make us allocate more than the limit.

use miniz_oxide::inflate::decompress_to_vec_with_limit;
use rawzip::{CompressionMethod, ZipArchive};

use super::Problem;
use crate::error::{Error, Result};

/// The most one archive may inflate to, all entries together: a corpus holds at most 256 MB
/// of text (`store::MAX_TEXT_BYTES`), and an archive of text cannot usefully give more.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1_000_000;
/// The largest ratio of inflated to compressed size accepted for an entry of over
/// [`RATIO_FLOOR`] bytes. Text compresses 3–10 times with deflate (Chinese news about 2.5–4);
/// a ratio of 100 is a zip bomb's signature, not text's.
pub const MAX_RATIO: u64 = 100;
/// Entries inflating to less than this are never refused for their ratio: a small file of
/// one repeated line is not a bomb.
pub const RATIO_FLOOR: u64 = 1 << 20;

/// Calls `entry(path, bytes)` for every file entry of the archive `name`, in archive order,
/// and returns what was refused. An archive that cannot be read at all is an error.
pub fn walk(
    name: &str,
    bytes: &[u8],
    entry: &mut dyn FnMut(String, Vec<u8>),
) -> Result<Vec<Problem>> {
    let bad = |message: String| Error::BadFile {
        name: name.to_owned(),
        message,
    };
    let archive = ZipArchive::from_slice(bytes)
        .map_err(|e| bad(format!("it is not a ZIP archive that can be read ({e}).")))?;
    let mut problems = Vec::new();
    let mut total: u64 = 0;
    let mut entries = archive.entries();
    loop {
        let header = match entries.next_entry() {
            Ok(Some(header)) => header,
            Ok(None) => break,
            Err(e) => {
                problems.push(Problem {
                    file: name.to_owned(),
                    row: None,
                    message: format!("the archive's list of files is damaged ({e}); the entries after this point were not read."),
                });
                break;
            }
        };
        if header.is_dir() {
            continue;
        }
        let raw_path = String::from_utf8_lossy(header.file_path().as_bytes()).into_owned();
        let path = raw_path.replace('\\', "/");
        if path.split('/').any(|part| part == "__MACOSX" || part.starts_with('.')) {
            continue;
        }
        let file = format!("{name}/{path}");
        let refuse = |message: String| Problem {
            file: file.clone(),
            row: None,
            message,
        };
        if header.flags().is_encrypted() {
            problems.push(refuse(
                "is encrypted (password-protected); unpack the archive with its password and add the files."
                    .into(),
            ));
            continue;
        }
        let local = match archive.get_entry(header.wayfinder()) {
            Ok(local) => local,
            Err(e) => {
                problems.push(refuse(format!("cannot be read from the archive ({e}).")));
                continue;
            }
        };
        let data = local.data();
        let room = MAX_TOTAL_BYTES - total;
        let limit = room.min((data.len() as u64).max(1).saturating_mul(MAX_RATIO).max(RATIO_FLOOR));
        let inflated = match header.compression_method() {
            CompressionMethod::STORE => data.to_vec(),
            CompressionMethod::DEFLATE => {
                match decompress_to_vec_with_limit(data, limit as usize) {
                    Ok(out) => out,
                    Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                        let why = if limit == room {
                            format!(
                                "was not unpacked: the archive would unpack to more than {} MB, \
                                 more text than one corpus holds (a zip bomb?).",
                                MAX_TOTAL_BYTES / 1_000_000
                            )
                        } else {
                            format!(
                                "was not unpacked: it would grow more than {MAX_RATIO} times its \
                                 packed size, which text does not (a zip bomb?)."
                            )
                        };
                        problems.push(refuse(why));
                        if limit == room {
                            break;
                        }
                        continue;
                    }
                    Err(_) => {
                        problems.push(refuse("is damaged: its compressed data does not inflate.".into()));
                        continue;
                    }
                }
            }
            other => {
                problems.push(refuse(format!(
                    "is compressed with {other}, which is not read; re-pack the archive with the usual (deflate) compression."
                )));
                continue;
            }
        };
        if inflated.len() as u64 > room {
            problems.push(refuse(format!(
                "was not unpacked: the archive would unpack to more than {} MB, more text than \
                 one corpus holds.",
                MAX_TOTAL_BYTES / 1_000_000
            )));
            break;
        }
        total += inflated.len() as u64;
        entry(file, inflated);
    }
    Ok(problems)
}
