//! Session → root and shards (see the module doc for the files).

use super::{fnv64, seal, Kind, Root, ShardId, ROOT_MAX_BYTES};
use crate::error::{Error, Result};
use crate::query::Variants;
use crate::search::engine::Docs;
use crate::session::Session;
use crate::snapshot::codec::Out;
use crate::store::TextView;

/// End-of-document marker in a pair key (as the index's).
pub(crate) const END: u32 = 0x11_0000;

/// How the corpus is cut.
#[derive(Debug, Clone, Copy)]
pub struct ShardOptions {
    /// A shard is closed once its payload passes this many bytes (before compression).
    pub max_shard_bytes: usize,
}

impl Default for ShardOptions {
    fn default() -> Self {
        // 64 KiB of payload deflates to ~20–30 KiB: a 2-character query fetches one posting
        // shard, within the 100 KiB for a later query.
        ShardOptions {
            max_shard_bytes: 64 * 1024,
        }
    }
}

/// The files of a sharded corpus, names relative to its folder.
#[derive(Debug, Default)]
pub struct ShardedSite {
    /// `root.bin`'s bytes.
    pub root: Vec<u8>,
    /// Every other file: (name, bytes), names unique.
    pub shards: Vec<(String, Vec<u8>)>,
}

impl ShardedSite {
    /// Every file, the root first.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        std::iter::once((super::ROOT_NAME, self.root.as_slice()))
            .chain(self.shards.iter().map(|(n, b)| (n.as_str(), b.as_slice())))
    }
}

/// Cuts `session`'s corpus into a root and shards (see the module doc). The shard size doubles
/// until the root fits [`ROOT_MAX_BYTES`].
pub fn write(session: &mut Session, options: &ShardOptions) -> Result<ShardedSite> {
    let (store, searcher, leads) = session.shard_parts();
    if searcher.variants().entities().len() != Variants::builtin().entities().len() {
        return Err(Error::BadVariant {
            message: "a sharded site carries the built-in name variants only; remove the \
                      added ones, or build with --bundle"
                .to_owned(),
        });
    }
    let entities = [
        searcher.entity_docs(store, TextView::Article),
        searcher.entity_docs(store, TextView::Raw),
    ];
    let n = store.entries.len();
    // Pair entries per view, sorted by (key, document, offset).
    let mut pairs: [Vec<(u64, u32, u32)>; 2] = [Vec::new(), Vec::new()];
    for (v, which) in [TextView::Article, TextView::Raw].into_iter().enumerate() {
        store.prepare(which);
        let view = store.view(which);
        for doc in 0..n as u32 {
            let text = view.folded(doc);
            let mut chars = text.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                let next = chars.peek().map_or(END, |&(_, c)| c as u32);
                pairs[v].push(((c as u64) << 32 | next as u64, doc, at as u32));
            }
        }
        pairs[v].sort_unstable();
    }
    let store: &crate::store::Store = store;
    let mut chars = [0u64; 2];
    for id in 0..n as u32 {
        let f = store.facts(id);
        chars[0] += f.article_chars as u64;
        chars[1] += f.raw_chars as u64;
    }

    let mut max = options.max_shard_bytes.max(1024);
    loop {
        let mut site = ShardedSite::default();
        let mut root = Root {
            docs: n as u32,
            chars,
            ..Root::default()
        };
        for (v, kind) in [Kind::Postings, Kind::RawPostings].into_iter().enumerate() {
            root.postings[v] = posting_shards(&pairs[v], kind, max, &mut site);
        }
        root.meta = doc_shards(n, Kind::Meta, max, &mut site, |out, id| {
            let f = store.facts(id);
            out.str(f.name);
            out.str(&store.title(id));
            out.str(f.title_folded);
            out.opt_str(f.site);
            out.opt_str(f.url);
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
            out.var(u64::from(leads.get(id as usize).copied().unwrap_or(id)));
        });
        root.text = doc_shards(n, Kind::Text, max, &mut site, |out, id| {
            let raw = store.view_text(id, TextView::Raw);
            let article = store.view_text(id, TextView::Article);
            out.str(&raw);
            if article == raw {
                out.u8(0);
            } else {
                out.u8(1);
                out.str(&article);
            }
        });
        let mut out = Out::default();
        for docs in &entities {
            out.usize(docs.len());
            for set in docs {
                let mut ids: Vec<u32> = set.iter().copied().collect();
                ids.sort_unstable();
                out.usize(ids.len());
                let mut last = 0;
                for id in ids {
                    out.var(u64::from(id - last));
                    last = id;
                }
            }
        }
        root.entity_count = entities[0].len() as u32;
        root.entities = push(&mut site, Kind::Entities, &out.buf).hash;
        site.root = seal(Kind::Root, &encode_root(&root));
        if site.root.len() <= ROOT_MAX_BYTES {
            return Ok(site);
        }
        max *= 2;
    }
}

/// Seals `payload` as a file of `kind`, adds it (once) and returns its id.
fn push(site: &mut ShardedSite, kind: Kind, payload: &[u8]) -> ShardId {
    let bytes = seal(kind, payload);
    let id = ShardId {
        kind,
        hash: fnv64(&bytes),
    };
    let name = id.name();
    if !site.shards.iter().any(|(n, _)| *n == name) {
        site.shards.push((name, bytes));
    }
    id
}

/// Posting shards of sorted pair entries; returns the fence (first key, hash) per shard.
fn posting_shards(
    entries: &[(u64, u32, u32)],
    kind: Kind,
    max: usize,
    site: &mut ShardedSite,
) -> Vec<(u64, u64)> {
    let mut fence = Vec::new();
    let mut first: Option<u64> = None;
    let mut last_key = 0u64;
    let mut pairs_in = 0usize;
    let mut body = Out::default();
    let close = |first: &mut Option<u64>,
                 body: &mut Out,
                 pairs_in: &mut usize,
                 fence: &mut Vec<(u64, u64)>,
                 site: &mut ShardedSite| {
        if let Some(k) = first.take() {
            let mut out = Out::default();
            out.usize(*pairs_in);
            out.buf.extend_from_slice(&body.buf);
            fence.push((k, push(site, kind, &out.buf).hash));
            body.buf.clear();
            *pairs_in = 0;
        }
    };
    let mut i = 0;
    while i < entries.len() {
        let key = entries[i].0;
        let end = i + entries[i..].partition_point(|e| e.0 == key);
        if first.is_some() && body.buf.len() >= max {
            close(&mut first, &mut body, &mut pairs_in, &mut fence, site);
        }
        if first.is_none() {
            first = Some(key);
            last_key = key;
            body.var(key);
        } else {
            body.var(key - last_key);
            last_key = key;
        }
        body.usize(end - i);
        let (mut doc, mut pos) = (0u32, 0u32);
        for &(_, d, p) in &entries[i..end] {
            if d != doc {
                body.var(u64::from(d - doc));
                body.var(u64::from(p));
            } else {
                body.var(0);
                body.var(u64::from(p - pos));
            }
            doc = d;
            pos = p;
        }
        pairs_in += 1;
        i = end;
    }
    close(&mut first, &mut body, &mut pairs_in, &mut fence, site);
    fence
}

/// Document-range shards: `record` writes one document; returns (first id, hash) per shard.
fn doc_shards(
    n: usize,
    kind: Kind,
    max: usize,
    site: &mut ShardedSite,
    mut record: impl FnMut(&mut Out, u32),
) -> Vec<(u32, u64)> {
    let mut fence = Vec::new();
    let mut id = 0u32;
    while (id as usize) < n {
        let first = id;
        let mut body = Out::default();
        while (id as usize) < n && (id == first || body.buf.len() < max) {
            record(&mut body, id);
            id += 1;
        }
        let mut out = Out::default();
        out.var(u64::from(first));
        out.var(u64::from(id - first));
        out.buf.extend_from_slice(&body.buf);
        fence.push((first, push(site, kind, &out.buf).hash));
    }
    fence
}

fn encode_root(root: &Root) -> Vec<u8> {
    let mut out = Out::default();
    out.var(u64::from(root.docs));
    out.var(root.chars[0]);
    out.var(root.chars[1]);
    for fence in &root.postings {
        out.usize(fence.len());
        let mut last = 0;
        for &(key, hash) in fence {
            out.var(key - last);
            last = key;
            out.buf.extend_from_slice(&hash.to_le_bytes());
        }
    }
    for fence in [&root.meta, &root.text] {
        out.usize(fence.len());
        let mut last = 0;
        for &(first, hash) in fence {
            out.var(u64::from(first - last));
            last = first;
            out.buf.extend_from_slice(&hash.to_le_bytes());
        }
    }
    out.buf.extend_from_slice(&root.entities.to_le_bytes());
    out.var(u64::from(root.entity_count));
    out.buf
}
