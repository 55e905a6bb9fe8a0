//! The root and the shards given so far → search answers (see the module doc).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use regex_lite::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::writer::END;
use super::{fnv64, open, Kind, Root, ShardId, ROOT_NAME};
use crate::date::PartialDate;
use crate::document::Script;
use crate::error::{Error, Result};
use crate::fold::{fold, OffsetMap};
use crate::query::{parse, Variants};
use crate::search::engine::{Docs, Evaluator, Facts, Matches, SearchOptions, SearchResults};
use crate::search::{ReaderParagraph, ReaderPiece};
use crate::snapshot::codec::In;
use crate::store::TextView;

/// What the page's reader shows about one document of a sharded site ([`ShardedCorpus::document`]).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShardedDocument {
    /// Its id in the site (the order the CLI added the files in).
    pub id: u32,
    /// The name it was added under.
    pub name: String,
    /// Its title, as the whole corpus's `documents()` gives it.
    pub title: String,
    /// Publication date in ISO 8601, as precise as the text states it.
    pub date: Option<String>,
    /// The site the article comes from.
    pub source: Option<String>,
    /// The article's URL when the text gives one.
    pub url: Option<String>,
    /// Characters of the raw text.
    pub chars: usize,
    /// Characters of the cleaned article.
    pub kept_chars: usize,
    /// Traditional, Simplified, mixed, or none.
    pub script: Script,
}

/// One document's fields, from a document shard.
#[derive(Debug)]
struct Meta {
    name: String,
    title: String,
    title_folded: String,
    site: Option<String>,
    url: Option<String>,
    script: Script,
    date: Option<PartialDate>,
    fields: Vec<(String, String)>,
    raw_chars: usize,
    article_chars: usize,
    lead: u32,
}

/// One document's texts, from a text shard, each with its folded form's way back.
#[derive(Debug)]
struct Texts {
    /// Raw text, article (per [`TextView`] index).
    text: [String; 2],
    maps: [OffsetMap; 2],
}

/// A corpus read from a sharded site: the root, and whatever shards it was given.
#[derive(Debug)]
pub struct ShardedCorpus {
    root: Root,
    variants: Variants,
    /// Per view, pair key → (document, folded byte offset), sorted.
    postings: [BTreeMap<u64, Vec<(u32, u32)>>; 2],
    loaded: FxHashSet<ShardId>,
    meta: FxHashMap<u32, Meta>,
    texts: FxHashMap<u32, Texts>,
    entities: Option<[Vec<FxHashSet<u32>>; 2]>,
    /// What the last run missed.
    missing: RefCell<BTreeSet<ShardId>>,
}

fn view_index(which: TextView) -> usize {
    match which {
        TextView::Article => 0,
        TextView::Raw => 1,
    }
}

impl ShardedCorpus {
    /// Opens the root (`root.bin`'s bytes).
    pub fn open(bytes: &[u8]) -> Result<ShardedCorpus> {
        let (kind, payload) = open(ROOT_NAME, bytes)?;
        if kind != Kind::Root {
            return Err(Error::BadShard {
                name: ROOT_NAME.to_owned(),
                problem: "it is a shard, not the root".to_owned(),
            });
        }
        let root = decode_root(&payload)?;
        let variants = Variants::builtin();
        if variants.entities().len() != root.entity_count as usize {
            return Err(Error::BadShard {
                name: ROOT_NAME.to_owned(),
                problem: "written with another name-variant table; build the site again".to_owned(),
            });
        }
        Ok(ShardedCorpus {
            root,
            variants,
            postings: [BTreeMap::new(), BTreeMap::new()],
            loaded: FxHashSet::default(),
            meta: FxHashMap::default(),
            texts: FxHashMap::default(),
            entities: None,
            missing: RefCell::new(BTreeSet::new()),
        })
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.root.docs as usize
    }

    /// Whether the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.root.docs == 0
    }

    /// Every shard the root names, in a stable order (for a site writer's checks and for
    /// "make available offline").
    pub fn all_shards(&self) -> Vec<ShardId> {
        let mut out: Vec<ShardId> = Vec::new();
        for (v, kind) in [Kind::Postings, Kind::RawPostings].into_iter().enumerate() {
            out.extend(
                self.root.postings[v]
                    .iter()
                    .map(|&(_, hash)| ShardId { kind, hash }),
            );
        }
        out.extend(self.root.meta.iter().map(|&(_, hash)| ShardId {
            kind: Kind::Meta,
            hash,
        }));
        out.extend(self.root.text.iter().map(|&(_, hash)| ShardId {
            kind: Kind::Text,
            hash,
        }));
        out.push(ShardId {
            kind: Kind::Entities,
            hash: self.root.entities,
        });
        out.sort();
        out.dedup();
        out
    }

    /// The shards `query` still needs before [`ShardedCorpus::search`] can answer it, as
    /// far as what is loaded tells: empty when it can answer. Call again after adding them
    /// (a query needs at most three rounds: postings, then document fields, then texts).
    pub fn needed(&self, query: &str, options: &SearchOptions) -> Result<Vec<ShardId>> {
        self.run(query, options).map(|(_, missing)| missing)
    }

    /// Whether shard `id` has been added.
    pub fn has(&self, id: ShardId) -> bool {
        self.loaded.contains(&id)
    }

    /// Adds one shard's bytes, fetched as `name` (its file name, relative to the corpus
    /// folder); refuses bytes whose hash is not the name's, or that the root does not name.
    pub fn add_shard(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let hash = fnv64(bytes);
        let bad = |problem: &str| Error::BadShard {
            name: name.to_owned(),
            problem: problem.to_owned(),
        };
        let id = self
            .all_shards()
            .into_iter()
            .find(|id| id.hash == hash)
            .ok_or_else(|| bad("its bytes are not those of any part of this corpus"))?;
        if id.name() != name {
            return Err(bad("its bytes are those of another part of this corpus"));
        }
        if self.loaded.contains(&id) {
            return Ok(());
        }
        let (kind, payload) = open(name, bytes)?;
        if kind != id.kind {
            return Err(bad("wrong kind of file"));
        }
        let damaged = |e: Error| Error::BadShard {
            name: name.to_owned(),
            problem: e.to_string(),
        };
        match kind {
            Kind::Postings | Kind::RawPostings => {
                let v = if kind == Kind::Postings { 0 } else { 1 };
                let pairs = decode_postings(&payload).map_err(damaged)?;
                self.postings[v].extend(pairs);
            }
            Kind::Meta => {
                for (id, m) in decode_meta(&payload, self.root.docs).map_err(damaged)? {
                    self.meta.insert(id, m);
                }
            }
            Kind::Text => {
                for (id, t) in decode_texts(&payload, self.root.docs).map_err(damaged)? {
                    self.texts.insert(id, t);
                }
            }
            Kind::Entities => {
                self.entities = Some(
                    decode_entities(&payload, self.root.entity_count, self.root.docs)
                        .map_err(damaged)?,
                );
            }
            Kind::Root => return Err(bad("it is the root, not a shard")),
        }
        self.loaded.insert(id);
        Ok(())
    }

    /// Searches like [`crate::search::Searcher::search`] (same options, same answer), or
    /// [`Error::ShardsNeeded`] while some shard it needs is missing. `collapse` uses the story
    /// leads the site was built with.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let (results, missing) = self.run(query, options)?;
        if !missing.is_empty() {
            return Err(Error::ShardsNeeded {
                names: missing.iter().map(ShardId::name).collect(),
            });
        }
        Ok(results)
    }

    /// The text of document `id` (the cleaned article, or the raw text with `raw`), once its
    /// text shard is added; [`Error::ShardsNeeded`] names it before.
    pub fn text(&self, id: u32, raw: bool) -> Result<&str> {
        if id >= self.root.docs {
            return Err(Error::UnknownDocument { id });
        }
        match self.texts.get(&id) {
            Some(t) => Ok(&t.text[if raw { 0 } else { 1 }]),
            None => Err(Error::ShardsNeeded {
                names: vec![self.text_shard(id).name()],
            }),
        }
    }

    /// What the page's reader shows about document `id` (its `documents()` entry, less what a
    /// sharded site does not keep: author, encoding, removed spans), once its document shard is
    /// added; [`Error::ShardsNeeded`] names that shard before.
    pub fn document(&self, id: u32) -> Result<ShardedDocument> {
        if id >= self.root.docs {
            return Err(Error::UnknownDocument { id });
        }
        let m = self.meta.get(&id).ok_or_else(|| Error::ShardsNeeded {
            names: vec![self.meta_shard(id).name()],
        })?;
        Ok(ShardedDocument {
            id,
            name: m.name.clone(),
            title: m.title.clone(),
            date: m.date.as_ref().map(PartialDate::iso),
            source: m.site.clone(),
            url: m.url.clone(),
            chars: m.raw_chars,
            kept_chars: m.article_chars,
            script: m.script,
        })
    }

    /// The shards [`ShardedCorpus::reader`] still needs for document `id` with the matches of
    /// `query` marked: the query's postings, the document's fields and its text.
    pub fn reader_needed(
        &self,
        id: u32,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<ShardId>> {
        if id >= self.root.docs {
            return Err(Error::UnknownDocument { id });
        }
        self.reader_matches(id, query, options)?;
        let mut missing = self.missing.borrow_mut();
        if !self.meta.contains_key(&id) {
            missing.insert(self.meta_shard(id));
        }
        if !self.texts.contains_key(&id) {
            missing.insert(self.text_shard(id));
        }
        Ok(missing.iter().copied().collect())
    }

    /// The reader's view of document `id`: one paragraph per line of the cleaned article (of the
    /// raw text with `include_removed`), the matches of `query` marked. A sharded site keeps no
    /// removed spans, so nothing is marked removed; [`Error::ShardsNeeded`] until
    /// [`ShardedCorpus::reader_needed`] is empty.
    pub fn reader(
        &self,
        id: u32,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<ReaderParagraph>> {
        let names: Vec<String> = self
            .reader_needed(id, query, options)?
            .iter()
            .map(ShardId::name)
            .collect();
        if !names.is_empty() {
            return Err(Error::ShardsNeeded { names });
        }
        let matches = self.reader_matches(id, query, options)?;
        let text = self.text(id, options.view() == TextView::Raw)?;
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let end = start + body.len();
            if !body.trim().is_empty() {
                let mut cuts = vec![start, end];
                for m in &matches {
                    cuts.extend(
                        [m.start, m.end]
                            .into_iter()
                            .filter(|&b| b > start && b < end),
                    );
                }
                cuts.sort_unstable();
                cuts.dedup();
                let pieces = cuts
                    .windows(2)
                    .filter_map(|w| {
                        Some(ReaderPiece {
                            text: text.get(w[0]..w[1])?.to_owned(),
                            matched: matches.iter().any(|m| m.start <= w[0] && w[1] <= m.end),
                            removed: None,
                            note: None,
                        })
                    })
                    .collect();
                out.push(ReaderParagraph {
                    removed: None,
                    note: None,
                    pieces,
                });
            }
            start += line.len();
        }
        Ok(out)
    }

    /// The occurrences of `query` in document `id` (in the searched view), noting in `missing`
    /// the posting shards the query needs.
    fn reader_matches(
        &self,
        id: u32,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<Range<usize>>> {
        self.missing.borrow_mut().clear();
        let parsed = parse(query).map_err(|e| Error::BadQuery {
            message: e.to_string(),
        })?;
        if parsed.is_empty() {
            return Ok(Vec::new());
        }
        let no_entities: Vec<FxHashSet<u32>> = Vec::new();
        let entities = match &self.entities {
            Some(e) => &e[view_index(options.view())][..],
            None => {
                self.missing.borrow_mut().insert(ShardId {
                    kind: Kind::Entities,
                    hash: self.root.entities,
                });
                &no_entities[..]
            }
        };
        let evaluator = Evaluator {
            store: self,
            variants: &self.variants,
            entities,
        };
        Ok(evaluator.evaluate(parsed, options)?.into_ranges_of(id))
    }

    /// The text shard holding document `id`.
    pub fn text_shard(&self, id: u32) -> ShardId {
        let at = self
            .root
            .text
            .partition_point(|&(first, _)| first <= id)
            .max(1)
            - 1;
        ShardId {
            kind: Kind::Text,
            hash: self.root.text[at].1,
        }
    }

    fn meta_shard(&self, id: u32) -> ShardId {
        let at = self
            .root
            .meta
            .partition_point(|&(first, _)| first <= id)
            .max(1)
            - 1;
        ShardId {
            kind: Kind::Meta,
            hash: self.root.meta[at].1,
        }
    }

    /// The search on what is loaded, and what it missed.
    fn run(&self, query: &str, options: &SearchOptions) -> Result<(SearchResults, Vec<ShardId>)> {
        self.missing.borrow_mut().clear();
        let parsed = parse(query).map_err(|e| Error::BadQuery {
            message: e.to_string(),
        })?;
        let no_entities: Vec<FxHashSet<u32>> = Vec::new();
        let entities = match &self.entities {
            Some(e) => &e[view_index(options.view())][..],
            None => {
                self.missing.borrow_mut().insert(ShardId {
                    kind: Kind::Entities,
                    hash: self.root.entities,
                });
                &no_entities[..]
            }
        };
        let evaluator = Evaluator {
            store: self,
            variants: &self.variants,
            entities,
        };
        let matches = if parsed.is_empty() {
            Matches::none(parsed)
        } else {
            evaluator.evaluate(parsed, options)?
        };
        // The fields of every matching document come before ranking: ranked without them,
        // the page would name the wrong hits and ask for their texts.
        for m in &matches.docs {
            self.facts(m.id);
        }
        if !self.missing.borrow().is_empty() {
            let missing = self.missing.borrow().iter().copied().collect();
            return Ok((SearchResults::default(), missing));
        }
        let leads: Option<Vec<u32>> = options.collapse.then(|| {
            let mut leads: Vec<u32> = (0..self.root.docs).collect();
            for (&id, m) in &self.meta {
                leads[id as usize] = m.lead;
            }
            leads
        });
        let results = evaluator.rank(query, matches, options, leads.as_deref());
        let missing = self.missing.borrow().iter().copied().collect();
        Ok((results, missing))
    }

    /// The posting shards holding keys `lo..=hi` of view `v`; `None` (and noted as missing)
    /// unless all are loaded.
    fn keys_ready(&self, v: usize, lo: u64, hi: u64) -> bool {
        let fence = &self.root.postings[v];
        let kind = if v == 0 {
            Kind::Postings
        } else {
            Kind::RawPostings
        };
        let from = fence.partition_point(|&(first, _)| first <= lo).max(1) - 1;
        let to = fence.partition_point(|&(first, _)| first <= hi);
        let mut ready = true;
        for &(_, hash) in fence.get(from..to).unwrap_or_default() {
            let id = ShardId { kind, hash };
            if !self.loaded.contains(&id) {
                self.missing.borrow_mut().insert(id);
                ready = false;
            }
        }
        ready
    }

    /// Whether the pair `key` starts at (doc, at) in view `v`.
    fn pair_at(&self, v: usize, key: u64, doc: u32, at: u32) -> bool {
        self.postings[v]
            .get(&key)
            .is_some_and(|list| list.binary_search(&(doc, at)).is_ok())
    }
}

fn key(a: char, b: u32) -> u64 {
    (a as u64) << 32 | u64::from(b)
}

/// ASCII letters and digits, as pair characters.
fn alnums() -> impl Iterator<Item = char> {
    ('0'..='9').chain('A'..='Z').chain('a'..='z')
}

impl Docs for ShardedCorpus {
    fn len(&self) -> usize {
        self.root.docs as usize
    }

    fn facts(&self, id: u32) -> Facts<'_> {
        match self.meta.get(&id) {
            Some(m) => Facts {
                name: &m.name,
                title_folded: &m.title_folded,
                site: m.site.as_deref(),
                url: m.url.as_deref(),
                script: m.script,
                date: m.date.as_ref(),
                fields: &m.fields,
                raw_chars: m.raw_chars,
                article_chars: m.article_chars,
            },
            None => {
                self.missing.borrow_mut().insert(self.meta_shard(id));
                Facts {
                    name: "",
                    title_folded: "",
                    site: None,
                    url: None,
                    script: Script::None,
                    date: None,
                    fields: &[],
                    raw_chars: 0,
                    article_chars: 0,
                }
            }
        }
    }

    fn title(&self, id: u32) -> String {
        match self.meta.get(&id) {
            Some(m) => m.title.clone(),
            None => {
                self.missing.borrow_mut().insert(self.meta_shard(id));
                String::new()
            }
        }
    }

    fn view_text(&self, id: u32, which: TextView) -> Option<Cow<'_, str>> {
        match self.texts.get(&id) {
            Some(t) => Some(Cow::Borrowed(&t.text[view_index(which) ^ 1])),
            None => {
                self.missing.borrow_mut().insert(self.text_shard(id));
                None
            }
        }
    }

    fn average_chars(&self, which: TextView) -> f64 {
        let n = self.root.docs as usize;
        self.root.chars[view_index(which)] as usize as f64 / n.max(1) as f64
    }

    fn literal(&self, which: TextView, folded: &str) -> Vec<(u32, Range<usize>)> {
        let v = view_index(which);
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        let Some(&(_, first)) = chars.first() else {
            return Vec::new();
        };
        let &(last_at, last) = chars.last().unwrap_or(&(0, first));
        // Which keys this needs: the term's pairs (or, for one character, all pairs starting
        // with it), and for the Latin word boundary the pairs that would put a letter or
        // digit right before or after it.
        let mut ready = true;
        if chars.len() == 1 {
            ready &= self.keys_ready(v, key(first, 0), key(first, u32::MAX));
        } else {
            for w in chars.windows(2) {
                let k = key(w[0].1, w[1].1 as u32);
                ready &= self.keys_ready(v, k, k);
            }
        }
        let latin_start = first.is_ascii_alphanumeric();
        let latin_end = last.is_ascii_alphanumeric();
        if latin_start {
            for x in alnums() {
                let k = key(x, first as u32);
                ready &= self.keys_ready(v, k, k);
            }
        }
        if latin_end {
            ready &= self.keys_ready(v, key(last, '0' as u32), key(last, 'z' as u32));
        }
        if !ready {
            return Vec::new();
        }
        // Starts of every occurrence.
        let mut starts: Vec<(u32, u32)> = if chars.len() == 1 {
            let mut all: Vec<(u32, u32)> = self.postings[v]
                .range(key(first, 0)..=key(first, u32::MAX))
                .flat_map(|(_, list)| list.iter().copied())
                .collect();
            all.sort_unstable();
            all
        } else {
            // The rarest pair's positions, each checked against every other pair.
            let pairs: Vec<(u64, u32)> = chars
                .windows(2)
                .map(|w| (key(w[0].1, w[1].1 as u32), w[0].0 as u32))
                .collect();
            let lists: Option<Vec<&Vec<(u32, u32)>>> =
                pairs.iter().map(|(k, _)| self.postings[v].get(k)).collect();
            let Some(lists) = lists else {
                return Vec::new();
            };
            let rarest = (0..pairs.len())
                .min_by_key(|&i| lists[i].len())
                .unwrap_or(0);
            let offset = pairs[rarest].1;
            lists[rarest]
                .iter()
                .filter(|&&(_, at)| at >= offset)
                .map(|&(doc, at)| (doc, at - offset))
                .filter(|&(doc, start)| {
                    pairs
                        .iter()
                        .zip(&lists)
                        .all(|((_, off), list)| list.binary_search(&(doc, start + off)).is_ok())
                })
                .collect()
        };
        if latin_start {
            starts.retain(|&(doc, start)| {
                start == 0
                    || !alnums().any(|x| self.pair_at(v, key(x, first as u32), doc, start - 1))
            });
        }
        if latin_end {
            let at_last = last_at as u32;
            starts.retain(|&(doc, start)| {
                !alnums().any(|y| self.pair_at(v, key(last, y as u32), doc, start + at_last))
            });
        }
        let len = folded.len();
        starts
            .into_iter()
            .map(|(doc, start)| {
                let start = start as usize;
                // Ranges of the view where the text is at hand; elsewhere folded offsets,
                // which count the same and are never shown (only hits with text are).
                let range = match self.texts.get(&doc) {
                    Some(t) => {
                        let map = &t.maps[view_index(which) ^ 1];
                        map.to_original(start)..map.to_original_end(start + len)
                    }
                    None => start..start + len,
                };
                (doc, range)
            })
            .collect()
    }

    fn regex(&self, _which: TextView, _re: &Regex) -> Result<Vec<(u32, Range<usize>)>> {
        Err(Error::BadQuery {
            message: "A /regular expression/ reads the text of every document, which this site \
                      keeps in parts fetched on demand: search for the words instead (a phrase \
                      in quotes finds any substring)."
                .to_owned(),
        })
    }
}

fn decode_root(payload: &[u8]) -> Result<Root> {
    let mut r = In::new(payload, "root");
    let mut root = Root {
        docs: r.u32()?,
        chars: [r.var()?, r.var()?],
        ..Root::default()
    };
    for v in 0..2 {
        let n = r.count()?;
        let mut last = 0u64;
        for _ in 0..n {
            last = last
                .checked_add(r.var()?)
                .ok_or_else(|| r.damaged("key overflow"))?;
            let hash = u64::from_le_bytes(r.take(8)?.try_into().unwrap_or_default());
            root.postings[v].push((last, hash));
        }
    }
    for which in 0..2 {
        let n = r.count()?;
        let mut last = 0u32;
        let mut fence = Vec::with_capacity(n);
        for _ in 0..n {
            last = last
                .checked_add(r.u32()?)
                .ok_or_else(|| r.damaged("id overflow"))?;
            let hash = u64::from_le_bytes(r.take(8)?.try_into().unwrap_or_default());
            fence.push((last, hash));
        }
        if fence.first().is_some_and(|f| f.0 != 0) || (fence.is_empty() && root.docs > 0) {
            return Err(r.damaged("document fences do not start at 0"));
        }
        if which == 0 {
            root.meta = fence;
        } else {
            root.text = fence;
        }
    }
    root.entities = u64::from_le_bytes(r.take(8)?.try_into().unwrap_or_default());
    root.entity_count = r.u32()?;
    r.finish()?;
    Ok(root)
}

fn decode_postings(payload: &[u8]) -> Result<Vec<(u64, Vec<(u32, u32)>)>> {
    let mut r = In::new(payload, "postings");
    let pairs = r.count()?;
    let mut out = Vec::with_capacity(pairs);
    let mut k = 0u64;
    for i in 0..pairs {
        let d = r.var()?;
        k = if i == 0 {
            d
        } else {
            k.checked_add(d).ok_or_else(|| r.damaged("key overflow"))?
        };
        if (k & 0xFFFF_FFFF) as u32 > END {
            return Err(r.damaged("not a character pair"));
        }
        let n = r.count()?;
        let mut list = Vec::with_capacity(n);
        let (mut doc, mut pos) = (0u32, 0u32);
        for _ in 0..n {
            let dd = r.u32()?;
            let p = r.u32()?;
            if dd > 0 {
                doc = doc
                    .checked_add(dd)
                    .ok_or_else(|| r.damaged("document overflow"))?;
                pos = p;
            } else {
                pos = pos
                    .checked_add(p)
                    .ok_or_else(|| r.damaged("offset overflow"))?;
            }
            list.push((doc, pos));
        }
        // Sorted and unique by construction; a damaged shard must not break binary search.
        if list.windows(2).any(|w| w[0] >= w[1]) && list.len() > 1 {
            return Err(r.damaged("positions out of order"));
        }
        out.push((k, list));
    }
    r.finish()?;
    Ok(out)
}

/// (first id, count) of a document shard, checked against the corpus.
fn doc_range(r: &mut In, docs: u32) -> Result<Range<u32>> {
    let first = r.u32()?;
    let n = r.u32()?;
    match first.checked_add(n) {
        Some(end) if end <= docs => Ok(first..end),
        _ => Err(r.damaged("documents beyond the corpus")),
    }
}

fn decode_meta(payload: &[u8], docs: u32) -> Result<Vec<(u32, Meta)>> {
    let mut r = In::new(payload, "document shard");
    let range = doc_range(&mut r, docs)?;
    let mut out = Vec::with_capacity(range.len());
    for id in range {
        let name = r.str()?.to_owned();
        let title = r.str()?.to_owned();
        let title_folded = r.str()?.to_owned();
        let site = r.opt_str()?.map(str::to_owned);
        let url = r.opt_str()?.map(str::to_owned);
        let script = match r.u8()? {
            0 => Script::Traditional,
            1 => Script::Simplified,
            2 => Script::Mixed,
            3 => Script::None,
            _ => return Err(r.damaged("unknown script")),
        };
        let date = match r.u8()? {
            0 => None,
            _ => {
                let part = |v: u64| v.checked_sub(1);
                let y = part(r.var()?).map(|v| v as u16);
                let m = part(r.var()?).map(|v| v as u8);
                let d = part(r.var()?).map(|v| v as u8);
                Some(PartialDate::new(y, m, d))
            }
        };
        let n = r.count()?;
        let mut fields = Vec::with_capacity(n);
        for _ in 0..n {
            fields.push((r.str()?.to_owned(), r.str()?.to_owned()));
        }
        let raw_chars = r.usize()?;
        let article_chars = r.usize()?;
        let lead = r.u32()?;
        out.push((
            id,
            Meta {
                name,
                title,
                title_folded,
                site,
                url,
                script,
                date,
                fields,
                raw_chars,
                article_chars,
                lead: lead.min(docs.saturating_sub(1)),
            },
        ));
    }
    r.finish()?;
    Ok(out)
}

fn decode_texts(payload: &[u8], docs: u32) -> Result<Vec<(u32, Texts)>> {
    let mut r = In::new(payload, "text shard");
    let range = doc_range(&mut r, docs)?;
    let mut out = Vec::with_capacity(range.len());
    for id in range {
        let raw = r.str()?.to_owned();
        let article = match r.u8()? {
            0 => raw.clone(),
            _ => r.str()?.to_owned(),
        };
        let maps = [fold(&raw).offsets, fold(&article).offsets];
        out.push((
            id,
            Texts {
                text: [raw, article],
                maps,
            },
        ));
    }
    r.finish()?;
    Ok(out)
}

fn decode_entities(payload: &[u8], count: u32, docs: u32) -> Result<[Vec<FxHashSet<u32>>; 2]> {
    let mut r = In::new(payload, "entity shard");
    let mut out: [Vec<FxHashSet<u32>>; 2] = [Vec::new(), Vec::new()];
    for view in &mut out {
        if r.count()? != count as usize {
            return Err(r.damaged("entity count differs from the root's"));
        }
        for _ in 0..count {
            let n = r.count()?;
            let mut set = FxHashSet::default();
            let mut id = 0u32;
            for _ in 0..n {
                id = id
                    .checked_add(r.u32()?)
                    .ok_or_else(|| r.damaged("id overflow"))?;
                if id >= docs {
                    return Err(r.damaged("document beyond the corpus"));
                }
                set.insert(id);
            }
            view.push(set);
        }
    }
    r.finish()?;
    Ok(out)
}
