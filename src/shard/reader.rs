//! The root and the shards given so far → search answers (see the module doc).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use regex_lite::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::answer::{decode_answer, term_key, Answer};
use super::writer::END;
use super::{fnv64, open, Fence, Kind, Root, ShardId, ROOT_NAME};
use crate::date::PartialDate;
use crate::document::Script;
use crate::error::{Error, Result};
use crate::fold::{fold, fold_query, OffsetMap};
use crate::query::{parse, Variants};
use crate::search::engine::{
    DocMatch, Docs, Evaluator, Facts, Matches, SearchOptions, SearchResults, Sort,
};
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

/// What a shown hit needs of a document, from a card shard.
#[derive(Debug)]
struct Card {
    name: String,
    title: String,
    url: Option<String>,
    /// The hash of the text shard holding it.
    text: u64,
}

/// What ranking, filters and facets read of a document, from a column shard.
#[derive(Debug)]
struct Meta {
    site: Option<String>,
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
    /// Per view (article, raw, titles), pair key → (document, folded byte offset), sorted.
    postings: [BTreeMap<u64, Vec<(u32, u32)>>; 3],
    /// This run's title look-ups: folded text → documents whose title contains it.
    titles: RefCell<FxHashMap<String, std::rc::Rc<FxHashSet<u32>>>>,
    loaded: FxHashSet<ShardId>,
    /// Every file the root and the fence pages loaded so far name.
    named: FxHashSet<ShardId>,
    /// Fence pages loaded: hash → entries.
    pages: FxHashMap<u64, Vec<(u64, u64)>>,
    meta: FxHashMap<u32, Meta>,
    cards: FxHashMap<u32, Card>,
    /// Whether this run's filters read the URL (`source:`), which is on the cards.
    url_wanted: std::cell::Cell<bool>,
    texts: FxHashMap<u32, Texts>,
    entities: Option<[Vec<FxHashSet<u32>>; 2]>,
    /// Answers of frequent terms added, by answer key.
    answers: FxHashMap<u64, Answer>,
    /// The text shards the cards (and answers) added name, by document.
    text_of: FxHashMap<u32, u64>,
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
        let mut named = FxHashSet::default();
        for (fence, kind) in fences(&root) {
            named.extend(fence.top.iter().map(|&(key, hash)| ShardId {
                kind: if fence.paged { Kind::Fence } else { listed(kind, key) },
                hash,
            }));
        }
        named.insert(ShardId {
            kind: Kind::Entities,
            hash: root.entities,
        });
        Ok(ShardedCorpus {
            root,
            variants,
            postings: [BTreeMap::new(), BTreeMap::new(), BTreeMap::new()],
            titles: RefCell::new(FxHashMap::default()),
            loaded: FxHashSet::default(),
            named,
            pages: FxHashMap::default(),
            meta: FxHashMap::default(),
            cards: FxHashMap::default(),
            url_wanted: std::cell::Cell::new(false),
            texts: FxHashMap::default(),
            entities: None,
            answers: FxHashMap::default(),
            text_of: FxHashMap::default(),
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

    /// Every file the root names, and those the fence pages added so far name, in a stable
    /// order (for a site writer's checks and for "make available offline").
    pub fn all_shards(&self) -> Vec<ShardId> {
        let mut out: Vec<ShardId> = self.named.iter().copied().collect();
        out.sort();
        out
    }

    /// The shards `query` still needs before [`ShardedCorpus::search`] can answer it, as
    /// far as what is loaded tells: empty when it can answer. Call again after adding them
    /// (the rounds a query takes: the module doc's "Answering a query").
    pub fn needed(&self, query: &str, options: &SearchOptions) -> Result<Vec<ShardId>> {
        self.run(query, options).map(|(_, missing)| missing)
    }

    /// Notes that document `id`'s text is in the text shard `hash` (a card says so).
    fn name_text(&mut self, id: u32, hash: u64) {
        self.text_of.insert(id, hash);
        self.named.insert(ShardId {
            kind: Kind::Text,
            hash,
        });
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
        let id = ShardId::parse(name)
            .filter(|id| self.named.contains(id))
            .ok_or_else(|| bad("this corpus names no such file"))?;
        if id.hash != hash {
            return Err(bad("its bytes are not those the name promises (a damaged or \
                            different file): fetch it again"));
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
            Kind::Postings | Kind::RawPostings | Kind::TitlePostings => {
                let v = match kind {
                    Kind::Postings => 0,
                    Kind::RawPostings => 1,
                    _ => 2,
                };
                for (key, list) in decode_postings(&payload).map_err(damaged)? {
                    // A pair cut into pieces comes in several records, maybe several shards.
                    let have = self.postings[v].entry(key).or_default();
                    let sorted = have.last().is_none_or(|l| list.first().is_none_or(|f| l < f));
                    have.extend(list);
                    if !sorted {
                        have.sort_unstable();
                        have.dedup();
                    }
                }
            }
            Kind::Columns => {
                for (id, m) in decode_columns(&payload, self.root.docs).map_err(damaged)? {
                    self.meta.insert(id, m);
                }
            }
            Kind::Meta => {
                for (id, c) in decode_cards(&payload, self.root.docs).map_err(damaged)? {
                    self.name_text(id, c.text);
                    self.cards.insert(id, c);
                }
            }
            Kind::Fence => {
                let entries = decode_fence(&payload).map_err(damaged)?;
                // What kind of file a page lists: the fence whose top names it.
                let kind = fences(&self.root)
                    .into_iter()
                    .find(|(f, _)| f.paged && f.top.iter().any(|&(_, h)| h == id.hash))
                    .map(|(_, kind)| kind)
                    .ok_or_else(|| bad("a fence page no table names"))?;
                self.named.extend(entries.iter().map(|&(key, hash)| ShardId {
                    kind: listed(kind, key),
                    hash,
                }));
                self.pages.insert(id.hash, entries);
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
            Kind::Answer => {
                let answer = decode_answer(&payload, self.root.docs).map_err(damaged)?;
                // Its hits' columns and cards are those of their shards; their texts are
                // named here (no text fence page needed).
                for hit in &answer.hits {
                    let mut r = In::new(&hit.column, "answer");
                    let meta = read_meta(&mut r, hit.id).map_err(damaged)?;
                    let mut r = In::new(&hit.card, "answer");
                    let card = read_card(&mut r).map_err(damaged)?;
                    self.meta.insert(hit.id, meta);
                    self.name_text(hit.id, card.text);
                    self.cards.insert(hit.id, card);
                }
                self.answers.insert(answer.key, answer);
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
    /// text shard is added; [`Error::ShardsNeeded`] names it (or the fence page that names
    /// it) before.
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
        let (Some(m), Some(card)) = (self.meta.get(&id), self.cards.get(&id)) else {
            self.missing.borrow_mut().clear();
            self.want_fields(id);
            let names = self.missing.borrow().iter().map(ShardId::name).collect();
            return Err(Error::ShardsNeeded { names });
        };
        Ok(ShardedDocument {
            id,
            name: card.name.clone(),
            title: card.title.clone(),
            date: m.date.as_ref().map(PartialDate::iso),
            source: m.site.clone(),
            url: card.url.clone(),
            chars: m.raw_chars,
            kept_chars: m.article_chars,
            script: m.script,
        })
    }

    /// Notes as missing the column and card shards of document `id` not added yet (or the
    /// fence pages that name them).
    fn want_fields(&self, id: u32) {
        if !self.meta.contains_key(&id) {
            self.want_doc(&self.root.columns, Kind::Columns, id);
        }
        if !self.cards.contains_key(&id) {
            self.want_doc(&self.root.cards, Kind::Meta, id);
        }
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
        self.want_fields(id);
        if !self.texts.contains_key(&id) {
            self.want_text(id);
        }
        let missing = self.missing.borrow();
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

    /// The query evaluator over what is loaded; without the entity file yet, no entity
    /// matches and the file is noted as missing.
    fn evaluator(&self, options: &SearchOptions) -> Evaluator<'_> {
        let entities = match &self.entities {
            Some(e) => &e[view_index(options.view())][..],
            None => {
                self.missing.borrow_mut().insert(ShardId {
                    kind: Kind::Entities,
                    hash: self.root.entities,
                });
                &[]
            }
        };
        Evaluator {
            store: self,
            variants: &self.variants,
            entities,
            average_chars: None,
        }
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
        // A hit of a frequent term's answer (already added) whose every occurrence the answer
        // kept: its matches without the term's postings.
        if let Some((key, term)) = self.answerable(&parsed, options) {
            let hit = self
                .answers
                .get(&key)
                .and_then(|a| a.hits.iter().find(|h| h.id == id && h.at.len() == h.count));
            if let Some(hit) = hit {
                return Ok(match self.texts.get(&id) {
                    Some(t) => self.answer_ranges(t, &hit.at, term.len()),
                    // Not shown before its text comes (which the reader asks for).
                    None => Vec::new(),
                });
            }
        }
        let evaluator = self.evaluator(options);
        Ok(evaluator.evaluate(parsed, options)?.into_ranges_of(id))
    }

    /// An answer's folded article offsets of a term of `len` bytes, as ranges of the article.
    fn answer_ranges(&self, t: &Texts, at: &[u32], len: usize) -> Vec<Range<usize>> {
        let map = &t.maps[view_index(TextView::Article) ^ 1];
        at.iter()
            .map(|&at| {
                let at = at as usize;
                map.to_original(at)..map.to_original_end(at + len)
            })
            .collect()
    }

    /// The text shard holding document `id`, or, while the card that names it is not added,
    /// its card shard (or the fence page naming that): add it and ask again.
    pub fn text_shard(&self, id: u32) -> ShardId {
        if let Some(&hash) = self.text_of.get(&id) {
            return ShardId {
                kind: Kind::Text,
                hash,
            };
        }
        let u = u64::from(id);
        match self.lookup(&self.root.cards, Kind::Meta, u, u) {
            Ok(ids) => ids.into_iter().next(),
            Err(page) => Some(page),
        }
        .unwrap_or(ShardId {
            kind: Kind::Meta,
            hash: 0,
        })
    }

    /// Notes as missing the text shard of document `id`, or, before its card (which names
    /// it) is added, the card's shard.
    fn want_text(&self, id: u32) {
        match self.text_of.get(&id) {
            Some(&hash) => {
                self.missing.borrow_mut().insert(ShardId {
                    kind: Kind::Text,
                    hash,
                });
            }
            None => self.want_doc(&self.root.cards, Kind::Meta, id),
        }
    }

    /// The shards of `fence` whose keys may hold `from..=to` (from the last shard starting
    /// at or before `from`), or the first fence page still missing.
    fn lookup(&self, fence: &Fence, kind: Kind, from: u64, to: u64) -> std::result::Result<Vec<ShardId>, ShardId> {
        // A posting fence also lists answers (at `key × 4 + 2`), which are no posting shard.
        let postings = matches!(kind, Kind::Postings | Kind::RawPostings | Kind::TitlePostings);
        let span = |entries: &[(u64, u64)]| {
            let a = entries.partition_point(|&(k, _)| k <= from).max(1) - 1;
            let b = entries.partition_point(|&(k, _)| k <= to).max(a);
            a..b.min(entries.len()).max(a)
        };
        let shards = |entries: &[(u64, u64)]| -> Vec<ShardId> {
            let r = span(entries);
            let r = if r.is_empty() && entries.first().is_some_and(|&(k, _)| k <= to) {
                r.start..r.start + 1
            } else {
                r
            };
            entries[r]
                .iter()
                .map(|&(_, hash)| ShardId { kind, hash })
                .collect()
        };
        let only_shards = |entries: &[(u64, u64)]| -> Vec<ShardId> {
            if postings {
                let kept: Vec<(u64, u64)> =
                    entries.iter().copied().filter(|&(k, _)| k & 3 != 2).collect();
                shards(&kept)
            } else {
                shards(entries)
            }
        };
        if !fence.paged {
            return Ok(only_shards(&fence.top));
        }
        let pages = shards(&fence.top);
        let mut entries = Vec::new();
        let mut missing = None;
        for page in pages {
            let page = ShardId {
                kind: Kind::Fence,
                hash: page.hash,
            };
            match self.pages.get(&page.hash) {
                Some(e) => entries.extend_from_slice(e),
                None => {
                    self.missing.borrow_mut().insert(page);
                    missing.get_or_insert(page);
                }
            }
        }
        match missing {
            Some(page) => Err(page),
            None => Ok(only_shards(&entries)),
        }
    }

    /// The hash of the answer of `key` (see [`super::answer`]): `Ok(None)` when the site has
    /// none, `Err(())` while the fence page that would list it is missing (noted).
    fn answer_hash(&self, key: u64) -> std::result::Result<Option<u64>, ()> {
        let fence = &self.root.postings[0];
        let wanted = key.saturating_mul(4) | 2;
        let exact = |entries: &[(u64, u64)]| {
            entries
                .binary_search_by_key(&wanted, |&(k, _)| k)
                .ok()
                .map(|i| entries[i].1)
        };
        if !fence.paged {
            return Ok(exact(&fence.top));
        }
        let at = fence.top.partition_point(|&(k, _)| k <= wanted);
        let Some(&(_, page)) = fence.top.get(at.wrapping_sub(1)) else {
            return Ok(None);
        };
        match self.pages.get(&page) {
            Some(entries) => Ok(exact(entries)),
            None => {
                self.missing.borrow_mut().insert(ShardId {
                    kind: Kind::Fence,
                    hash: page,
                });
                Err(())
            }
        }
    }

    /// The query's answer key and folded term when a precomputed answer could give its
    /// results: one term of one or two characters, nothing else, the default order and view,
    /// stories not collapsed, and no name variants to expand.
    fn answerable(&self, parsed: &crate::query::Query, options: &SearchOptions) -> Option<(u64, String)> {
        let [clause] = &parsed.must[..] else {
            return None;
        };
        let [crate::query::Term::Text(text)] = &clause[..] else {
            return None;
        };
        if !parsed.not.is_empty()
            || !parsed.filters.is_empty()
            || options.include_removed
            || options.collapse
            || options.sort != Sort::Relevance
        {
            return None;
        }
        let folded = fold_query(text.trim());
        if options.variants && self.variants.find(&folded).is_some() {
            return None;
        }
        Some((term_key(&folded)?, folded))
    }

    /// The results from `answer` for the page `options` asks, once the shown hits' texts are
    /// added (noted as missing before); `None` when the answer cannot give them (a page past
    /// its hits, or snippets needing more positions than it kept): the postings path can.
    fn answered_by(
        &self,
        query: &str,
        term: &str,
        answer: &Answer,
        options: &SearchOptions,
    ) -> Option<SearchResults> {
        let shown = options.offset.saturating_add(options.limit);
        if shown > answer.hits.len() && answer.hits.len() < answer.docs {
            return None;
        }
        let page = || answer.hits.iter().skip(options.offset).take(options.limit);
        for hit in page() {
            if !self.texts.contains_key(&hit.id) {
                self.missing.borrow_mut().insert(ShardId {
                    kind: Kind::Text,
                    hash: hit.text,
                });
            }
        }
        if !self.missing.borrow().is_empty() {
            return Some(SearchResults::default());
        }
        let evaluator = Evaluator {
            store: self,
            variants: &self.variants,
            entities: &[],
            average_chars: None,
        };
        let mut hits = Vec::new();
        for h in page() {
            let ranges = self.answer_ranges(self.texts.get(&h.id)?, &h.at, term.len());
            let kept = ranges.len();
            let mut hit = evaluator.hit(h.id, DocMatch::of_term(h.id, ranges, h.count), h.score, options);
            if kept < h.count && hit.snippets.len() < options.snippets {
                return None;
            }
            hit.count = h.count;
            hits.push(hit);
        }
        Some(SearchResults {
            query: query.to_owned(),
            total: answer.docs,
            documents: answer.docs,
            occurrences: answer.occurrences,
            hits,
            facets: answer.facets.clone(),
        })
    }

    /// Notes the shard of `fence` holding document `id` as missing (or its fence page).
    fn want_doc(&self, fence: &Fence, kind: Kind, id: u32) {
        if let Ok(ids) = self.lookup(fence, kind, u64::from(id), u64::from(id)) {
            self.missing.borrow_mut().extend(ids);
        }
    }

    /// The search on what is loaded, and what it missed.
    fn run(&self, query: &str, options: &SearchOptions) -> Result<(SearchResults, Vec<ShardId>)> {
        self.missing.borrow_mut().clear();
        self.titles.borrow_mut().clear();
        let parsed = parse(query).map_err(|e| Error::BadQuery {
            message: e.to_string(),
        })?;
        self.url_wanted.set(
            parsed
                .filters
                .iter()
                .any(|f| matches!(f, crate::query::Filter::Source(_))),
        );
        // A frequent term alone: its answer, when the site has one and it covers the page.
        if let Some((key, term)) = self.answerable(&parsed, options) {
            let missing = || self.missing.borrow().iter().copied().collect::<Vec<_>>();
            match self.answer_hash(key) {
                Err(()) => return Ok((SearchResults::default(), missing())),
                Ok(None) => {}
                Ok(Some(hash)) => match self.answers.get(&key) {
                    Some(answer) => {
                        if let Some(results) = self.answered_by(query, &term, answer, options) {
                            return Ok((results, missing()));
                        }
                        self.missing.borrow_mut().clear();
                    }
                    None => {
                        let id = ShardId {
                            kind: Kind::Answer,
                            hash,
                        };
                        if !self.loaded.contains(&id) {
                            self.missing.borrow_mut().insert(id);
                            return Ok((SearchResults::default(), missing()));
                        }
                    }
                },
            }
        }
        // The title postings of the terms (the title bonus) are asked for with the query's
        // own postings, one round before ranking needs them: a query that then matches
        // nothing has fetched a few KB for nothing, and every other saves the round.
        for clause in &parsed.must {
            for term in clause {
                if let crate::query::Term::Text(t) = term {
                    self.titled(&crate::fold::fold_query(t.trim()));
                }
            }
        }
        let evaluator = self.evaluator(options);
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
        // A query with few matches (at most two pages) shows all or most of them: their cards
        // come with their fields, at most a page of cards more than the hits need, so the
        // hits' cards take no round of their own once ranking has chosen them.
        let page = options.offset.saturating_add(options.limit);
        if options.limit > 0 && matches.docs.len() <= page.saturating_mul(2) {
            for m in &matches.docs {
                if !self.cards.contains_key(&m.id) {
                    self.want_doc(&self.root.cards, Kind::Meta, m.id);
                }
            }
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

    /// Whether the posting shards holding keys `lo..=hi` of view `v` are all loaded (what
    /// is not is noted as missing).
    fn keys_ready(&self, v: usize, lo: u64, hi: u64) -> bool {
        let kind = [Kind::Postings, Kind::RawPostings, Kind::TitlePostings][v];
        // Fence keys are pair key × 2, + 1 for a shard continuing a pair.
        let Ok(ids) = self.lookup(&self.root.postings[v], kind, lo.saturating_mul(4), hi.saturating_mul(4) | 1) else {
            return false;
        };
        let mut ready = true;
        for id in ids {
            if !self.loaded.contains(&id) {
                self.missing.borrow_mut().insert(id);
                ready = false;
            }
        }
        ready
    }

    /// Starts (document, folded offset) of every occurrence of `folded` in view `v` (2: the
    /// titles), the Latin word boundary respected with `latin`; `None` (the shards noted as
    /// missing) until every posting shard it reads is loaded.
    fn occurrences(&self, v: usize, folded: &str, latin: bool) -> Option<Vec<(u32, u32)>> {
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        let Some(&(_, first)) = chars.first() else {
            return Some(Vec::new());
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
        let latin_start = latin && first.is_ascii_alphanumeric();
        let latin_end = latin && last.is_ascii_alphanumeric();
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
            return None;
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
                return Some(Vec::new());
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
        Some(starts)
    }

    /// The documents whose folded title contains `folded` (from the title postings), kept
    /// for the run; `None` while their shards are missing.
    fn titled(&self, folded: &str) -> Option<std::rc::Rc<FxHashSet<u32>>> {
        if let Some(set) = self.titles.borrow().get(folded) {
            return Some(set.clone());
        }
        let starts = self.occurrences(2, folded, false)?;
        let set = std::rc::Rc::new(starts.into_iter().map(|(doc, _)| doc).collect());
        self.titles.borrow_mut().insert(folded.to_owned(), std::rc::Rc::clone(&set));
        Some(set)
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
        let card = self.cards.get(&id);
        if card.is_none() && self.url_wanted.get() {
            self.want_doc(&self.root.cards, Kind::Meta, id);
        }
        let name = card.map_or("", |c| c.name.as_str());
        let url = card.and_then(|c| c.url.as_deref());
        match self.meta.get(&id) {
            Some(m) => Facts {
                name,
                // Titles are searched through their postings (`title_has`).
                title_folded: "",
                site: m.site.as_deref(),
                url,
                script: m.script,
                date: m.date.as_ref(),
                fields: &m.fields,
                raw_chars: m.raw_chars,
                article_chars: m.article_chars,
            },
            None => {
                self.want_doc(&self.root.columns, Kind::Columns, id);
                Facts {
                    name,
                    title_folded: "",
                    site: None,
                    url,
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
        match self.cards.get(&id) {
            Some(c) => c.title.clone(),
            None => {
                self.want_doc(&self.root.cards, Kind::Meta, id);
                String::new()
            }
        }
    }

    fn view_text(&self, id: u32, which: TextView) -> Option<Cow<'_, str>> {
        match self.texts.get(&id) {
            Some(t) => Some(Cow::Borrowed(&t.text[view_index(which) ^ 1])),
            None => {
                self.want_text(id);
                None
            }
        }
    }

    fn average_chars(&self, which: TextView) -> f64 {
        let n = self.root.docs as usize;
        self.root.chars[view_index(which)] as usize as f64 / n.max(1) as f64
    }

    fn literal(&self, which: TextView, folded: &str) -> Vec<(u32, Range<usize>)> {
        let Some(starts) = self.occurrences(view_index(which), folded, true) else {
            return Vec::new();
        };
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

    fn title_has(&self, id: u32, _facts: &Facts, folded: &str) -> bool {
        folded.is_empty() || self.titled(folded).is_some_and(|set| set.contains(&id))
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

/// The kind of file an entry of a fence of `kind` names: a posting fence also lists answers,
/// at keys `pair key × 4 + 2`.
fn listed(kind: Kind, key: u64) -> Kind {
    match kind {
        Kind::Postings if key & 3 == 2 => Kind::Answer,
        _ => kind,
    }
}

/// The five fence tables and the kind of shard each lists.
fn fences(root: &Root) -> [(&Fence, Kind); 5] {
    [
        (&root.postings[0], Kind::Postings),
        (&root.postings[1], Kind::RawPostings),
        (&root.postings[2], Kind::TitlePostings),
        (&root.columns, Kind::Columns),
        (&root.cards, Kind::Meta),
    ]
}

fn read_fence(r: &mut In) -> Result<Vec<(u64, u64)>> {
    let n = r.count()?;
    let mut last = 0u64;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let d = r.var()?;
        last = last
            .checked_add(d)
            .ok_or_else(|| r.damaged("key overflow"))?;
        let hash = u64::from_le_bytes(r.take(8)?.try_into().unwrap_or_default());
        out.push((last, hash));
    }
    Ok(out)
}

fn decode_fence(payload: &[u8]) -> Result<Vec<(u64, u64)>> {
    let mut r = In::new(payload, "fence page");
    let out = read_fence(&mut r)?;
    r.finish()?;
    Ok(out)
}

fn decode_root(payload: &[u8]) -> Result<Root> {
    let mut r = In::new(payload, "root");
    let mut root = Root {
        docs: r.u32()?,
        chars: [r.var()?, r.var()?],
        ..Root::default()
    };
    let read = |r: &mut In, docs: bool| -> Result<Fence> {
        let paged = r.u8()? != 0;
        let top = read_fence(r)?;
        if docs && (top.first().is_some_and(|f| f.0 != 0) || (top.is_empty() && root.docs > 0)) {
            return Err(r.damaged("document fences do not start at 0"));
        }
        Ok(Fence { paged, top })
    };
    let postings = [read(&mut r, false)?, read(&mut r, false)?, read(&mut r, false)?];
    let columns = read(&mut r, true)?;
    let cards = read(&mut r, true)?;
    root.postings = postings;
    root.columns = columns;
    root.cards = cards;
    root.entities = u64::from_le_bytes(r.take(8)?.try_into().unwrap_or_default());
    root.entity_count = r.u32()?;
    r.finish()?;
    Ok(root)
}

/// A posting shard's pairs: each pair key with its (document, folded byte offset) entries.
type PairLists = Vec<(u64, Vec<(u32, u32)>)>;

fn decode_postings(payload: &[u8]) -> Result<PairLists> {
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

/// The records of a shard of an id range: its [`doc_range`], then one record per document,
/// read by `record`, and nothing after them.
fn decode_docs<T>(
    payload: &[u8],
    docs: u32,
    what: &'static str,
    mut record: impl FnMut(&mut In<'_>, u32) -> Result<T>,
) -> Result<Vec<(u32, T)>> {
    let mut r = In::new(payload, what);
    let range = doc_range(&mut r, docs)?;
    let mut out = Vec::with_capacity(range.len());
    for id in range {
        out.push((id, record(&mut r, id)?));
    }
    r.finish()?;
    Ok(out)
}

fn decode_columns(payload: &[u8], docs: u32) -> Result<Vec<(u32, Meta)>> {
    decode_docs(payload, docs, "column shard", read_meta)
}

/// One document's column record (a column shard's, or an answer hit's).
fn read_meta(r: &mut In<'_>, id: u32) -> Result<Meta> {
    {
        let site = r.opt_str()?.map(str::to_owned);
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
        let back = r.u32()?;
        Ok(Meta {
            site,
            script,
            date,
            fields,
            raw_chars,
            article_chars,
            lead: id.saturating_sub(back),
        })
    }
}

fn decode_cards(payload: &[u8], docs: u32) -> Result<Vec<(u32, Card)>> {
    decode_docs(payload, docs, "card shard", |r, _| read_card(r))
}

/// One document's card record (a card shard's, or an answer hit's).
fn read_card(r: &mut In<'_>) -> Result<Card> {
    let name = r.str()?.to_owned();
    let title = r.str()?.to_owned();
    let url = r.opt_str()?.map(str::to_owned);
    let text = u64::from_le_bytes(r.take(8)?.try_into().unwrap_or_default());
    Ok(Card {
        name,
        title,
        url,
        text,
    })
}

fn decode_texts(payload: &[u8], docs: u32) -> Result<Vec<(u32, Texts)>> {
    decode_docs(payload, docs, "text shard", |r, _| {
        let raw = r.str()?.to_owned();
        let article = match r.u8()? {
            0 => raw.clone(),
            _ => r.str()?.to_owned(),
        };
        let maps = [fold(&raw).offsets, fold(&article).offsets];
        Ok(Texts {
            text: [raw, article],
            maps,
        })
    })
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
