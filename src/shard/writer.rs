//! Sessions → root and shards (see the module doc for the files), in batches.

use std::collections::{BinaryHeap, HashSet};
use std::io::Read;
use std::path::PathBuf;

use super::answer::{Answers, Table};
use super::{fnv64, seal, Fence, Kind, Root, ShardId, ROOT_MAX_BYTES, ROOT_NAME};
use crate::error::{Error, Result};
use crate::fold::fold;
use crate::query::Variants;
use crate::search::engine::Docs;
use crate::session::Session;
use crate::snapshot::codec::Out;
use crate::store::{Store, TextView};

/// End-of-document marker in a pair key (as the index's).
pub(crate) const END: u32 = 0x11_0000;

/// The most entries one record of a pair holds: a longer posting list is cut into pieces, so a
/// very frequent pair spreads over shards of the usual size (and the merge buffers one piece
/// per run, not a whole list).
pub const PIECE: usize = 8192;

/// How the corpus is cut.
#[derive(Debug, Clone, Copy)]
pub struct ShardOptions {
    /// A posting or column shard is closed once its payload passes this many bytes (before
    /// compression).
    pub max_shard_bytes: usize,
    /// The same for card and text shards, which a query fetches per shown hit: small, so a
    /// page of hits costs about its own text.
    pub hit_shard_bytes: usize,
    /// The same for column shards: a query of a few documents spread over the corpus reads
    /// one per document.
    pub column_shard_bytes: usize,
    /// The most entries of one pair in one record ([`PIECE`]).
    pub piece_entries: usize,
    /// A term of one or two characters found in at least this many documents, and in at
    /// least `answer_share` of them, gets a precomputed answer (`a/`, the module doc);
    /// `usize::MAX`: none.
    pub answer_docs: usize,
    /// The least share of the documents (0–1) a term must be found in to get an answer.
    pub answer_share: f64,
    /// How many of the best hits an answer keeps (pages of the default search it covers).
    pub answer_hits: usize,
}

impl Default for ShardOptions {
    fn default() -> Self {
        // 16 KiB of postings deflates to ~14 KiB (positions barely compress): a 4-character
        // phrase (3 pairs) fetches ≤ 3 shards, within the 100 KiB for a later query
        // (measured on chinese-poetry, tests/bench/RESULTS.md). 4 KiB of hit data keeps one
        // ~4 KB document per text shard.
        //
        //
        // Answers: without one, a term reads its postings and the column shards of its
        // documents, spread over the corpus — at 1 GB, past a thousand documents, nearly all
        // of them (900 KB). With one, a few KB. A term in 2 % of the documents: on
        // chinese-poetry 9,216 terms of one or two characters (of 12,083 documents of the
        // 50 MB set; 18,036 at 1 %, 81,696 at 0.2 %), ~3.4 KB each; under 1,000 documents the
        // columns of a smaller corpus are few (10 MB: 9 KB in all). 50 hits are five pages
        // of ten (www/app.js). tests/bench/RESULTS.md has what they cost and save.
        //
        // Columns: ~10 bytes a document, ~4 deflated; 4 KiB holds ~400 documents in ~1.5 KB,
        // so a rare phrase whose 40 documents lie in 40 places of a 1 GB corpus reads ~60 KB
        // of them instead of ~160 KB at 16 KiB (tests/bench/RESULTS.md).
        ShardOptions {
            max_shard_bytes: 16 * 1024,
            hit_shard_bytes: 4 * 1024,
            column_shard_bytes: 4 * 1024,
            piece_entries: PIECE,
            answer_docs: 1000,
            answer_share: 0.02,
            answer_hits: 50,
        }
    }
}

/// Where a writer's files go: each is given once, by name (relative to the corpus folder).
pub trait ShardSink {
    /// Keeps one file (a name given twice has the same bytes: it may be ignored).
    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<()>;
}

/// The files of a sharded corpus in memory, names relative to its folder.
#[derive(Debug, Default)]
pub struct ShardedSite {
    /// `root.bin`'s bytes.
    pub root: Vec<u8>,
    /// Every other file: (name, bytes), names unique.
    pub shards: Vec<(String, Vec<u8>)>,
    names: HashSet<String>,
}

impl ShardedSite {
    /// Every file, the root first.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        std::iter::once((ROOT_NAME, self.root.as_slice()))
            .chain(self.shards.iter().map(|(n, b)| (n.as_str(), b.as_slice())))
    }
}

impl ShardSink for ShardedSite {
    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        if name == ROOT_NAME {
            self.root = bytes.to_vec();
        } else if self.names.insert(name.to_owned()) {
            self.shards.push((name.to_owned(), bytes.to_vec()));
        }
        Ok(())
    }
}

/// Cuts `session`'s corpus into a root and shards in memory (one batch of [`ShardWriter`]).
pub fn write(session: &mut Session, options: &ShardOptions) -> Result<ShardedSite> {
    let mut site = ShardedSite::default();
    let mut writer = ShardWriter::new(*options);
    writer.add(session, &mut site)?;
    writer.finish(&mut site)?;
    Ok(site)
}

/// Seals `payload` as a file of `kind`, hands it to `sink` and returns its id.
fn push(sink: &mut dyn ShardSink, kind: Kind, payload: &[u8]) -> Result<ShardId> {
    let bytes = seal(kind, payload);
    let id = ShardId {
        kind,
        hash: fnv64(&bytes),
    };
    sink.put(&id.name(), &bytes)?;
    Ok(id)
}

/// Documents in id order → shards of an id range, closed past a size.
struct DocShards {
    kind: Kind,
    max: usize,
    first: u32,
    count: u32,
    body: Out,
    fence: Vec<(u64, u64)>,
}

impl DocShards {
    fn new(kind: Kind, max: usize) -> DocShards {
        DocShards {
            kind,
            max,
            first: 0,
            count: 0,
            body: Out::default(),
            fence: Vec::new(),
        }
    }

    /// Adds document `id` (the next one), written by `record`.
    fn add(&mut self, sink: &mut dyn ShardSink, id: u32, record: impl FnOnce(&mut Out)) -> Result<()> {
        if self.count == 0 {
            self.first = id;
        }
        record(&mut self.body);
        self.count += 1;
        if self.body.buf.len() >= self.max {
            self.close(sink)?;
        }
        Ok(())
    }

    fn close(&mut self, sink: &mut dyn ShardSink) -> Result<()> {
        if self.count == 0 {
            return Ok(());
        }
        let mut out = Out::default();
        out.var(u64::from(self.first));
        out.var(u64::from(self.count));
        out.buf.extend_from_slice(&self.body.buf);
        let id = push(sink, self.kind, &out.buf)?;
        self.fence.push((u64::from(self.first), id.hash));
        self.body.buf.clear();
        self.count = 0;
        Ok(())
    }
}

/// One sorted run of (key, document, offset) entries, delta-coded: in memory or in a file.
enum Run {
    Memory(Vec<u8>),
    File(PathBuf),
}

/// Writes a corpus given in batches (see the module doc, "Building at scale").
pub struct ShardWriter {
    options: ShardOptions,
    temp: Option<PathBuf>,
    docs: u32,
    chars: [u64; 2],
    /// Per view: articles, raw texts, titles.
    runs: [Vec<Run>; 3],
    columns: DocShards,
    cards: DocShards,
    texts: DocShards,
    /// Card records of the documents of the text shard still open: each gets that shard's
    /// hash when it closes.
    pending_cards: Vec<(u32, Vec<u8>)>,
    entities: [Vec<Vec<u32>>; 2],
    /// Every document's ranking and facet fields, for the answers (none when they are off).
    table: Option<Table>,
}

impl ShardWriter {
    /// A writer that keeps its sorted runs in memory (about 5 bytes per character per view).
    pub fn new(options: ShardOptions) -> ShardWriter {
        let hit = options.hit_shard_bytes.max(256);
        let count = Variants::builtin().entities().len();
        ShardWriter {
            options,
            temp: None,
            docs: 0,
            chars: [0, 0],
            runs: [Vec::new(), Vec::new(), Vec::new()],
            columns: DocShards::new(Kind::Columns, options.column_shard_bytes.max(256)),
            // A card is ~50 bytes: groups of ~20, so ten hits fetch ~10 small files.
            cards: DocShards::new(Kind::Meta, (hit / 4).max(256)),
            texts: DocShards::new(Kind::Text, hit),
            pending_cards: Vec::new(),
            entities: [vec![Vec::new(); count], vec![Vec::new(); count]],
            table: (options.answer_docs < usize::MAX).then(Table::default),
        }
    }

    /// A writer that keeps its sorted runs as files in `dir` (created; its run files are
    /// removed by [`ShardWriter::finish`]).
    pub fn with_temp_dir(options: ShardOptions, dir: PathBuf) -> Result<ShardWriter> {
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        let mut w = ShardWriter::new(options);
        w.temp = Some(dir);
        Ok(w)
    }

    /// Documents written so far.
    pub fn len(&self) -> usize {
        self.docs as usize
    }

    /// Whether no document was written yet.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Appends `session`'s documents (ids continue after the previous batches').
    pub fn add(&mut self, session: &mut Session, sink: &mut dyn ShardSink) -> Result<()> {
        let (store, searcher, leads) = session.shard_parts();
        if searcher.variants().entities().len() != Variants::builtin().entities().len() {
            return Err(Error::BadVariant {
                message: "a sharded site carries the built-in name variants only; remove the \
                          added ones, or build with --bundle"
                    .to_owned(),
            });
        }
        let base = self.docs;
        for (v, which) in [TextView::Article, TextView::Raw].into_iter().enumerate() {
            for (e, docs) in searcher.entity_docs(store, which).into_iter().enumerate() {
                let mut ids: Vec<u32> = docs.into_iter().map(|id| id + base).collect();
                ids.sort_unstable();
                self.entities[v][e].extend(ids);
            }
        }
        let store: &Store = store;
        let n = store.entries.len() as u32;
        for local in 0..n {
            let id = base + local;
            let f = store.facts(local);
            self.chars[0] += f.article_chars as u64;
            self.chars[1] += f.raw_chars as u64;
            let lead = base + leads.get(local as usize).copied().unwrap_or(local);
            let mut column = Out::default();
            {
                let out = &mut column;
                out.opt_str(f.site);
                out.u8(f.script as u8);
                match f.date {
                    None => out.u8(0),
                    Some(d) => {
                        out.u8(1);
                        out.var(d.year.map_or(0, |y| u64::from(y) + 1));
                        out.var(d.month.map_or(0, |m| u64::from(m) + 1));
                        out.var(d.day.map_or(0, |d| u64::from(d) + 1));
                    }
                }
                out.usize(f.fields.len());
                for (k, v) in f.fields {
                    out.str(k);
                    out.str(v);
                }
                out.usize(f.raw_chars);
                out.usize(f.article_chars);
                // The lead is the story's lowest id: a gap back, 0 for most documents.
                out.var(u64::from(id.saturating_sub(lead)));
            }
            let mut card = Out::default();
            card.str(f.name);
            card.str(&store.title(local));
            card.opt_str(f.url);
            self.columns.add(sink, id, |out| out.buf.extend_from_slice(&column.buf))?;
            if let Some(table) = &mut self.table {
                table.push(&f, column.buf);
            }
            self.pending_cards.push((id, card.buf));
            let raw = store.view_text(local, TextView::Raw);
            let article = store.view_text(local, TextView::Article);
            self.texts.add(sink, id, |out| {
                out.str(&raw);
                if article == raw {
                    out.u8(0);
                } else {
                    out.u8(1);
                    out.str(&article);
                }
            })?;
            if self.texts.count == 0 {
                self.flush_cards(sink)?;
            }
        }
        // Pair entries per view, sorted, as one run. The folded text is the fold of the view's
        // text (folding is one character for one character), as the index holds it; the
        // titles' is the folded title search compares.
        for v in 0..3 {
            let mut entries: Vec<(u64, u32, u32)> = Vec::new();
            for local in 0..n {
                let folded = match v {
                    0 => fold(&store.view_text(local, TextView::Article)).text,
                    1 => fold(&store.view_text(local, TextView::Raw)).text,
                    _ => store.facts(local).title_folded.to_owned(),
                };
                let mut chars = folded.char_indices().peekable();
                while let Some((at, c)) = chars.next() {
                    let next = chars.peek().map_or(END, |&(_, c)| c as u32);
                    entries.push(((c as u64) << 32 | next as u64, base + local, at as u32));
                }
            }
            entries.sort_unstable();
            let mut out = Vec::with_capacity(entries.len() * 4);
            encode_run(&entries, &mut out);
            drop(entries);
            let run = match &self.temp {
                None => Run::Memory(out),
                Some(dir) => {
                    let path = dir.join(format!("run-{v}-{}.bin", self.runs[v].len()));
                    std::fs::write(&path, &out).map_err(|e| io_error(&path, e))?;
                    Run::File(path)
                }
            };
            self.runs[v].push(run);
        }
        self.docs += n;
        Ok(())
    }

    /// Writes the cards waiting for their text shard, which just closed, with its hash.
    fn flush_cards(&mut self, sink: &mut dyn ShardSink) -> Result<()> {
        let text = self.texts.fence.last().map_or(0, |&(_, hash)| hash);
        for (id, mut card) in std::mem::take(&mut self.pending_cards) {
            card.extend_from_slice(&text.to_le_bytes());
            self.cards.add(sink, id, |out| out.buf.extend_from_slice(&card))?;
            if let Some(table) = &mut self.table {
                table.push_card(&card);
            }
        }
        Ok(())
    }

    /// Merges the runs into posting shards, writes the entity file, the fence pages and the
    /// root. Posting shards double in size if the root would not fit [`ROOT_MAX_BYTES`] even
    /// with every table paged.
    pub fn finish(mut self, sink: &mut dyn ShardSink) -> Result<()> {
        self.columns.close(sink)?;
        self.texts.close(sink)?;
        self.flush_cards(sink)?;
        self.cards.close(sink)?;
        let mut out = Out::default();
        for docs in &self.entities {
            out.usize(docs.len());
            for ids in docs {
                out.usize(ids.len());
                let mut last = 0;
                for &id in ids {
                    out.var(u64::from(id - last));
                    last = id;
                }
            }
        }
        let entities = push(sink, Kind::Entities, &out.buf)?.hash;
        let mut postings: [Vec<(u64, u64)>; 3] = [Vec::new(), Vec::new(), Vec::new()];
        for (v, kind) in [Kind::Postings, Kind::RawPostings, Kind::TitlePostings]
            .into_iter()
            .enumerate()
        {
            let runs = std::mem::take(&mut self.runs[v]);
            let mut files = Vec::new();
            let mut readers: Vec<Box<dyn Read>> = Vec::with_capacity(runs.len());
            for run in runs {
                readers.push(match run {
                    Run::Memory(bytes) => Box::new(std::io::Cursor::new(bytes)),
                    Run::File(path) => {
                        let file = std::fs::File::open(&path).map_err(|e| io_error(&path, e))?;
                        files.push(path);
                        Box::new(file)
                    }
                });
            }
            // Title postings are few and a term reads only its pairs': small shards.
            let max = if kind == Kind::TitlePostings {
                self.options.hit_shard_bytes.max(256)
            } else {
                self.options.max_shard_bytes.max(1024)
            };
            let mut shards = PostingShards::new(
                kind,
                max,
                self.options.piece_entries.max(1),
            );
            // The articles' frequent terms get answers, made as their entries stream by.
            let mut answers = match (&self.table, kind) {
                (Some(table), Kind::Postings) => Some(Answers::new(
                    table,
                    &self.entities[0],
                    &self.texts.fence,
                    self.options.answer_docs.max(
                        (self.options.answer_share.clamp(0.0, 1.0) * f64::from(self.docs)).ceil()
                            as usize,
                    ),
                    self.options.answer_hits,
                )),
                _ => None,
            };
            merge(readers, |key, doc, at| {
                if let Some(a) = &mut answers {
                    a.push(key, doc, at);
                }
                shards.push(sink, key, doc, at)
            })?;
            shards.close_all(sink)?;
            postings[v] = shards.fence;
            if let Some(mut answers) = answers {
                answers.finish();
                // In the posting fence, at `key × 4 + 2`: found with the pair's shards.
                for (key, payload) in answers.made {
                    let id = push(sink, Kind::Answer, &payload)?;
                    postings[v].push((key * 4 + 2, id.hash));
                }
                postings[v].sort_unstable();
            }
            for path in files {
                let _ = std::fs::remove_file(path);
            }
        }
        // Fence tables go in the root whole while it has room; the longest are paged first
        // (each page a file, so a query reads a page instead of the whole table), and pages
        // grow only if paging every long table is not enough.
        let tables: [&[(u64, u64)]; 5] = [
            &postings[0],
            &postings[1],
            &postings[2],
            &self.columns.fence,
            &self.cards.fence,
        ];
        let mut paging = [false; 5];
        // Pages start small (a look-up reads one page: 32 entries, ~400 bytes) and double
        // until the root fits.
        let mut per_page = 32usize;
        loop {
            let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
            let mut fences: Vec<Fence> = Vec::with_capacity(5);
            for (i, (table, &paged)) in tables.iter().zip(&paging).enumerate() {
                fences.push(if paged && table.len() > per_page {
                    page(table, per_page, i < 3, &mut pages)
                } else {
                    Fence {
                        paged: false,
                        top: table.to_vec(),
                    }
                });
            }
            let [p0, p1, p2, columns, cards] = <[Fence; 5]>::try_from(fences)
                .unwrap_or_else(|_| unreachable!("five fences"));
            let root = Root {
                docs: self.docs,
                chars: self.chars,
                postings: [p0, p1, p2],
                columns,
                cards,
                entities,
                entity_count: self.entities[0].len() as u32,
            };
            let bytes = seal(Kind::Root, &encode_root(&root));
            if bytes.len() <= ROOT_MAX_BYTES {
                for (name, page) in &pages {
                    sink.put(name, page)?;
                }
                return sink.put(ROOT_NAME, &bytes);
            }
            let longest = (0..5)
                .filter(|&i| !paging[i] && tables[i].len() > per_page)
                .max_by_key(|&i| tables[i].len());
            match longest {
                Some(i) => paging[i] = true,
                None if per_page < 1 << 16 => per_page *= 2,
                None => {
                    return Err(Error::BadShard {
                        name: ROOT_NAME.to_owned(),
                        problem: "the fence tables do not fit the root: build with a larger \
                                  --max-shard-bytes"
                            .to_owned(),
                    })
                }
            }
        }
    }
}

fn io_error(path: &std::path::Path, e: std::io::Error) -> Error {
    Error::BadShard {
        name: path.display().to_string(),
        problem: format!("cannot write or read it ({e})"),
    }
}

/// The fence paged by `per_page` entries: the top for the root; the pages' files into `pages`.
/// A posting fence's page never starts with an answer (key `× 4 + 2`), so that the page where
/// a key falls holds the posting shard where it starts.
fn page(
    fence: &[(u64, u64)],
    per_page: usize,
    postings: bool,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> Fence {
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < fence.len() {
        let mut end = (start + per_page).min(fence.len());
        while postings && end < fence.len() && fence[end].0 & 3 == 2 {
            end += 1;
        }
        chunks.push(&fence[start..end]);
        start = end;
    }
    let mut top = Vec::new();
    for chunk in chunks {
        let mut out = Out::default();
        encode_fence(chunk, &mut out);
        let bytes = seal(Kind::Fence, &out.buf);
        let id = ShardId {
            kind: Kind::Fence,
            hash: fnv64(&bytes),
        };
        top.push((chunk[0].0, id.hash));
        pages.push((id.name(), bytes));
    }
    Fence { paged: true, top }
}

pub(crate) fn encode_fence(fence: &[(u64, u64)], out: &mut Out) {
    out.usize(fence.len());
    let mut last = 0;
    for &(key, hash) in fence {
        out.var(key - last);
        last = key;
        out.buf.extend_from_slice(&hash.to_le_bytes());
    }
}

/// Sorted entries → a run: per entry the key's gap, then (a new key) document and offset, or
/// (same key) the document's gap and the offset (or its gap, same document).
fn encode_run(entries: &[(u64, u32, u32)], out: &mut Vec<u8>) {
    fn var(out: &mut Vec<u8>, mut v: u64) {
        while v >= 0x80 {
            out.push(v as u8 | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }
    let (mut k, mut d, mut p) = (0u64, 0u32, 0u32);
    for &(key, doc, at) in entries {
        var(out, key - k);
        if key != k {
            var(out, u64::from(doc));
            var(out, u64::from(at));
        } else if doc != d {
            var(out, u64::from(doc - d));
            var(out, u64::from(at));
        } else {
            var(out, 0);
            var(out, u64::from(at - p));
        }
        (k, d, p) = (key, doc, at);
    }
}

/// Reads a run back, entry by entry (its own buffer: a byte at a time through `Read` would
/// cost a call per byte).
struct RunReader {
    input: Box<dyn Read>,
    buf: Vec<u8>,
    at: usize,
    last: (u64, u32, u32),
    started: bool,
}

impl RunReader {
    fn new(input: Box<dyn Read>) -> RunReader {
        RunReader {
            input,
            buf: Vec::new(),
            at: 0,
            last: (0, 0, 0),
            started: false,
        }
    }

    fn byte(&mut self) -> std::io::Result<Option<u8>> {
        if self.at == self.buf.len() {
            self.buf.resize(1 << 16, 0);
            let n = self.input.read(&mut self.buf)?;
            self.buf.truncate(n);
            self.at = 0;
            if n == 0 {
                return Ok(None);
            }
        }
        self.at += 1;
        Ok(Some(self.buf[self.at - 1]))
    }

    fn var(&mut self) -> std::io::Result<Option<u64>> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let Some(b) = self.byte()? else {
                return Ok(None);
            };
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(Some(v));
            }
            shift += 7;
        }
    }

    fn next(&mut self) -> std::io::Result<Option<(u64, u32, u32)>> {
        let Some(dk) = self.var()? else {
            return Ok(None);
        };
        let (a, b) = (self.var()?.unwrap_or(0), self.var()?.unwrap_or(0));
        let (k, d, p) = self.last;
        let entry = if dk != 0 || !self.started {
            (k + dk, a as u32, b as u32)
        } else if a != 0 {
            (k, d + a as u32, b as u32)
        } else {
            (k, d, p + b as u32)
        };
        self.started = true;
        self.last = entry;
        Ok(Some(entry))
    }
}

/// k-way merge of sorted runs (batches in id order, so equal keys come in document order).
fn merge(
    inputs: Vec<Box<dyn Read>>,
    mut each: impl FnMut(u64, u32, u32) -> Result<()>,
) -> Result<()> {
    let failed = |e: std::io::Error| Error::BadShard {
        name: "a sorted run".to_owned(),
        problem: format!("cannot read it back ({e})"),
    };
    let mut readers: Vec<RunReader> = inputs.into_iter().map(RunReader::new).collect();
    let mut heap = BinaryHeap::new();
    for (i, r) in readers.iter_mut().enumerate() {
        if let Some(e) = r.next().map_err(failed)? {
            heap.push(std::cmp::Reverse((e, i)));
        }
    }
    while let Some(std::cmp::Reverse(((key, doc, at), i))) = heap.pop() {
        each(key, doc, at)?;
        if let Some(e) = readers[i].next().map_err(failed)? {
            heap.push(std::cmp::Reverse((e, i)));
        }
    }
    Ok(())
}

/// Merged entries → posting shards (records of at most [`PIECE`] entries per pair).
struct PostingShards {
    kind: Kind,
    max: usize,
    piece: usize,
    body: Out,
    records: usize,
    /// The shard's fence key, once it has a record.
    first: Option<u64>,
    last_key: u64,
    /// The pair being gathered and its entries.
    key: u64,
    pending: Vec<(u32, u32)>,
    /// Whether a piece of `key` was already written.
    continued: bool,
    fence: Vec<(u64, u64)>,
}

impl PostingShards {
    fn new(kind: Kind, max: usize, piece: usize) -> PostingShards {
        PostingShards {
            kind,
            max,
            piece,
            body: Out::default(),
            records: 0,
            first: None,
            last_key: 0,
            key: 0,
            pending: Vec::new(),
            continued: false,
            fence: Vec::new(),
        }
    }

    fn push(&mut self, sink: &mut dyn ShardSink, key: u64, doc: u32, at: u32) -> Result<()> {
        if key != self.key || self.pending.len() >= self.piece {
            self.record(sink)?;
            if key != self.key {
                self.continued = false;
            }
            self.key = key;
        }
        self.pending.push((doc, at));
        Ok(())
    }

    /// Writes the pending entries as one record.
    fn record(&mut self, sink: &mut dyn ShardSink) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.first.is_some() && self.body.buf.len() >= self.max {
            self.close(sink)?;
        }
        match self.first {
            None => {
                self.first = Some(self.key * 4 + u64::from(self.continued));
                self.body.var(self.key);
            }
            Some(_) => self.body.var(self.key - self.last_key),
        }
        self.last_key = self.key;
        self.body.usize(self.pending.len());
        let (mut doc, mut pos) = (0u32, 0u32);
        for &(d, p) in &self.pending {
            if d != doc {
                self.body.var(u64::from(d - doc));
                self.body.var(u64::from(p));
            } else {
                self.body.var(0);
                self.body.var(u64::from(p - pos));
            }
            doc = d;
            pos = p;
        }
        self.records += 1;
        self.pending.clear();
        self.continued = true;
        Ok(())
    }

    fn close(&mut self, sink: &mut dyn ShardSink) -> Result<()> {
        if let Some(first) = self.first.take() {
            let mut out = Out::default();
            out.usize(self.records);
            out.buf.extend_from_slice(&self.body.buf);
            self.fence.push((first, push(sink, self.kind, &out.buf)?.hash));
            self.body.buf.clear();
            self.records = 0;
        }
        Ok(())
    }
}

impl PostingShards {
    /// Writes what is pending and closes the last shard.
    fn close_all(&mut self, sink: &mut dyn ShardSink) -> Result<()> {
        self.record(sink)?;
        self.close(sink)
    }
}

fn encode_root(root: &Root) -> Vec<u8> {
    let mut out = Out::default();
    out.var(u64::from(root.docs));
    out.var(root.chars[0]);
    out.var(root.chars[1]);
    for fence in [
        &root.postings[0],
        &root.postings[1],
        &root.postings[2],
        &root.columns,
        &root.cards,
    ] {
        out.u8(u8::from(fence.paged));
        encode_fence(&fence.top, &mut out);
    }
    out.buf.extend_from_slice(&root.entities.to_le_bytes());
    out.var(u64::from(root.entity_count));
    out.buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_reads_back_as_written() {
        let entries = vec![(5, 0, 3), (5, 0, 9), (5, 2, 1), (7, 1, 0), (1 << 40, 9, 4)];
        let mut bytes = Vec::new();
        encode_run(&entries, &mut bytes);
        let mut got = Vec::new();
        merge(vec![Box::new(std::io::Cursor::new(bytes))], |k, d, p| {
            got.push((k, d, p));
            Ok(())
        })
        .unwrap();
        assert_eq!(got, entries);
    }

    #[test]
    fn runs_merge_in_key_then_document_order() {
        let (a, b) = (vec![(1, 0, 0), (3, 1, 2)], vec![(1, 5, 0), (2, 6, 1), (3, 7, 0)]);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        encode_run(&a, &mut x);
        encode_run(&b, &mut y);
        let mut got = Vec::new();
        merge(
            vec![Box::new(std::io::Cursor::new(x)), Box::new(std::io::Cursor::new(y))],
            |k, d, p| {
                got.push((k, d, p));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(got, vec![(1, 0, 0), (1, 5, 0), (2, 6, 1), (3, 1, 2), (3, 7, 0)]);
    }
}
