//! Writes the GB18030/Big5 tables file that the page loads on demand.
//!
//! ```sh
//! cargo run --release --bin encoding_tables -- dist/data/encodings.bin
//! ```
//!
//! The wasm build does not embed the decoders' index tables (44 KB gzip that pages reading
//! only UTF-8 never use); the page fetches this file the first time someone adds a file that is
//! neither UTF-8 nor UTF-16 and hands it to `Corpus.loadEncodingTables`. This program runs
//! natively, where the crate embeds the tables `build.rs` generated, and writes them out in the
//! format `src/decode/tables.rs` documents and checks. `scripts/build.sh` calls it.
//!
//! A binary of its own, so the library stays free of it: `cargo build --lib` for wasm32 never
//! compiles this file, and nothing of it can end up in the shipped wasm.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(out), None) = (args.next(), args.next()) else {
        eprintln!("usage: encoding_tables <out path, such as dist/data/encodings.bin>");
        return ExitCode::from(2);
    };
    match write(Path::new(&out)) {
        Ok(len) => {
            println!("{}: {len} bytes", Path::new(&out).display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("encoding_tables: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the tables file to `out`, creating its folder; returns its length.
#[cfg(not(target_arch = "wasm32"))]
fn write(out: &Path) -> Result<usize, String> {
    let bytes = corpus_explorer::decode::encoding_tables_file();
    if let Some(dir) = out.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(bytes.len())
}

/// The wasm build has no tables to write (see `src/decode/tables.rs`); this keeps
/// `cargo build --target wasm32-unknown-unknown` without `--lib` compiling.
#[cfg(target_arch = "wasm32")]
fn write(_out: &Path) -> Result<usize, String> {
    Err("run natively: the wasm build does not embed the tables".into())
}
