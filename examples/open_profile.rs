//! Where opening a snapshot spends its time and what the opened corpus holds, natively.
//! First write a snapshot of a benchmark corpus (tests/bench/corpus.mjs: `<name>.txt` +
//! `<name>.json`), then open it as often as wanted (under `valgrind --tool=callgrind` too,
//! whose instruction counts do not depend on the machine's load):
//!
//! ```text
//! cargo run --release --example open_profile -- save .bench-cache/www/corpora/10mb /tmp/10mb.corpus
//! cargo run --release --example open_profile -- open /tmp/10mb.corpus 5
//! ```
//!
//! `open` prints each run's time of `Corpus::open` and of its first search, their medians,
//! the parts of `Corpus::memory`, and the live heap after opening (a counting allocator),
//! so what lies outside the parts shows.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use corpus_explorer::Corpus;

#[path = "support/bench_corpus.rs"]
mod bench_corpus;
use bench_corpus::offsets;

/// Counts live heap bytes.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.2} MiB", bytes as f64 / (1 << 20) as f64)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("save") => {
            let (base, out) = (&args[2], &args[3]);
            let text = std::fs::read(format!("{base}.txt")).expect("corpus txt");
            let bounds = offsets(&std::fs::read_to_string(format!("{base}.json")).expect("json"));
            let mut corpus = Corpus::new();
            for (i, w) in bounds.windows(2).enumerate() {
                corpus
                    .add_document(&format!("{i}.txt"), &text[w[0]..w[1]])
                    .expect("add");
            }
            corpus.search("之", &Default::default()).expect("search");
            std::fs::write(out, corpus.save()).expect("write");
            println!("{} documents saved to {out}", corpus.len());
        }
        Some("open") => {
            let bytes = std::fs::read(&args[2]).expect("snapshot");
            let runs: usize = args.get(3).map_or(1, |n| n.parse().expect("runs"));
            let (mut opens, mut firsts) = (Vec::new(), Vec::new());
            let mut kept = None;
            for _ in 0..runs {
                drop(kept.take());
                let before = LIVE.load(Relaxed);
                let t = Instant::now();
                let mut corpus = Corpus::open(&bytes).expect("opens");
                let open = t.elapsed();
                let held = LIVE.load(Relaxed) - before;
                let found = corpus.search("中国", &Default::default()).expect("search");
                let first = t.elapsed();
                println!(
                    "open {open:?}, first result {first:?} ({} found), live heap after open {}",
                    found.total,
                    mib(held)
                );
                opens.push(open);
                firsts.push(first);
                kept = Some((corpus, held));
            }
            let (corpus, held) = kept.expect("ran");
            let text: usize = (0..corpus.len() as u32)
                .map(|id| corpus.raw_text(id).unwrap().len())
                .sum();
            let m = corpus.memory();
            println!(
                "{} documents, text {}; median of {runs}: open {:?}, first result {:?}",
                corpus.len(),
                mib(text),
                median(opens),
                median(firsts)
            );
            println!("{m:#?}");
            println!(
                "parts {} + stories {} = {}; live heap after open {} = {:.2}x the text",
                mib(m.total()),
                mib(corpus.stories_memory()),
                mib(m.total() + corpus.stories_memory()),
                mib(held),
                held as f64 / text as f64
            );
        }
        _ => panic!("usage: open_profile save <corpus base> <out> | open <snapshot> [runs]"),
    }
}
