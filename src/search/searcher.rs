//! The searcher: what searching keeps beside the store (the name-variant table and which
//! documents mention each entity), and the entry points that run a query over a store.
//!
//! Like tantivy's `Searcher`, it reads the store and never adds to it; analyses take what
//! `Searcher::run` found and count on their own.

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::engine::{literal, Docs, Evaluator, Matches, SearchOptions, SearchResults};
use super::reader::{reader_view, ReaderParagraph};
use super::snippet;
use crate::error::{Error, Result};
use crate::fold::fold_query;
use crate::query::{parse, Entity, Variants};
use crate::store::{Store, TextView};

/// Name variants and the entity-mention cache; searches take the store they read.
#[derive(Debug, Default)]
pub struct Searcher {
    variants: Variants,
    /// Documents mentioning each entity, per view (indexed by [`TextView`]: article, raw), built on first search;
    /// emptied when documents ([`Searcher::forget_documents`]) or variants change.
    entity_cache: [Option<Vec<FxHashSet<u32>>>; 2],
    /// BM25's average document length per view, summed once over the documents instead of at
    /// every search; emptied with the documents.
    average_chars: [Option<f64>; 2],
}

impl Searcher {
    /// A searcher with the built-in variant table.
    pub fn new() -> Self {
        Self::default()
    }

    /// A searcher with this variant table (a corpus opened from a snapshot).
    pub fn with_variants(variants: Variants) -> Self {
        Searcher {
            variants,
            ..Self::default()
        }
    }

    /// The name-variant table, built-in and added.
    pub fn variants(&self) -> &Variants {
        &self.variants
    }

    /// Drops what was learnt about the documents; call whenever the store's documents change.
    pub fn forget_documents(&mut self) {
        self.entity_cache = [None, None];
        self.average_chars = [None, None];
    }

    /// Finds which documents mention each entity, in the given view, unless known already.
    /// Every search needs this for the entity facet; it changes only when documents
    /// change, which empties the cache.
    fn prepare_entities(&mut self, store: &Store, which: TextView) {
        if self.entity_cache[which as usize].is_some() {
            return;
        }
        let view = store.view(which);
        let docs: Vec<FxHashSet<u32>> = self
            .variants
            .entities()
            .iter()
            .map(|e| {
                e.names()
                    .flat_map(|n| literal(&view, &fold_query(n)))
                    .map(|(d, _)| d)
                    .collect()
            })
            .collect();
        self.entity_cache[which as usize] = Some(docs);
        self.average_chars[which as usize] = Some(store.average_chars(which));
    }

    /// Which documents mention each entity in view `which` (what a sharded corpus stores
    /// beside its postings, [`crate::shard`]).
    pub(crate) fn entity_docs(
        &mut self,
        store: &mut Store,
        which: TextView,
    ) -> Vec<FxHashSet<u32>> {
        store.prepare(which);
        self.prepare_entities(store, which);
        self.entity_cache[which as usize]
            .clone()
            .unwrap_or_default()
    }

    /// The read-only evaluator of one search; [`Searcher::prepare_entities`] first.
    fn evaluator<'a>(&'a self, store: &'a Store, which: TextView) -> Evaluator<'a> {
        Evaluator {
            store,
            variants: &self.variants,
            entities: self.entity_cache[which as usize]
                .as_deref()
                .unwrap_or_default(),
            average_chars: self.average_chars[which as usize],
        }
    }

    /// Parses and evaluates `query`, every match as a range of the searched view's text; an
    /// empty query matches nothing.
    pub(crate) fn run(
        &mut self,
        store: &mut Store,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Matches> {
        let mut matches = self.evaluate(store, query, options)?;
        matches.resolve(store, options.view());
        Ok(matches)
    }

    /// [`Searcher::run`] with the matches left as the store found them ([`Matches::resolve`]):
    /// a search ranks on counts and maps only the hits it shows.
    fn evaluate(
        &mut self,
        store: &mut Store,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Matches> {
        let parsed = parse(query).map_err(|e| Error::BadQuery {
            message: e.to_string(),
        })?;
        store.prepare(options.view());
        self.prepare_entities(store, options.view());
        if parsed.is_empty() {
            return Ok(Matches::none(parsed));
        }
        self.evaluator(store, options.view())
            .evaluate(parsed, options)
    }

    /// Searches the store with the query language of [`crate::query::parse()`]: ranked hits
    /// with snippets, totals and facets. A malformed query is an [`Error::BadQuery`] whose
    /// message says what is wrong and where. With `leads` (each document's story lead,
    /// [`crate::stories::Stories::leads`]) a story counts once (`options.collapse`).
    pub fn search(
        &mut self,
        store: &mut Store,
        query: &str,
        options: &SearchOptions,
        leads: Option<&[u32]>,
    ) -> Result<SearchResults> {
        let matches = self.evaluate(store, query, options)?;
        Ok(self
            .evaluator(store, options.view())
            .rank(query, matches, options, leads))
    }

    /// Original byte ranges (into the raw text) of every match of `query` in document `id`.
    fn raw_matches(
        &mut self,
        store: &mut Store,
        id: u32,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<Range<usize>>> {
        // Only this document's matches are mapped to its text.
        let mut ranges = self.evaluate(store, query, options)?.into_ranges_of(id);
        store.to_view(options.view(), id, &mut ranges);
        if options.view() == TextView::Raw {
            return Ok(ranges); // already in the raw text
        }
        let map = store.clean_map(id);
        Ok(ranges
            .into_iter()
            .map(|r| map.to_original(r.start)..map.to_original_end(r.end))
            .collect())
    }

    /// The cleaned text of document `id` cut into pieces, every match of `query` marked.
    pub fn highlight(
        &mut self,
        store: &mut Store,
        id: u32,
        query: &str,
    ) -> Result<Vec<snippet::Piece>> {
        store.entry(id)?;
        let mut ranges = self
            .evaluate(store, query, &SearchOptions::default())?
            .into_ranges_of(id);
        store.to_view(TextView::Article, id, &mut ranges);
        Ok(snippet::pieces(
            &store.view_text(id, TextView::Article),
            &ranges,
        ))
    }

    /// The reader's view of document `id`: every paragraph of the raw text, in pieces marked
    /// as matches of `query` and as removed (with the reason), so a page can show the cleaned
    /// article and reveal what was removed in place. Matches are those a search with the same
    /// `options` finds: in the cleaned text, or everywhere with `include_removed`; name
    /// variants with `variants`.
    pub fn reader(
        &mut self,
        store: &mut Store,
        id: u32,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<ReaderParagraph>> {
        store.entry(id)?;
        let matches = self.raw_matches(store, id, query, options)?;
        let e = &store.entries[id as usize];
        Ok(reader_view(&e.doc, &store.raw(id), &e.cleaned, &matches))
    }

    /// Adds `variant` as another name of the entity `canonical` (created if new), for name
    /// variant search and the entity facet.
    pub fn add_variant(&mut self, canonical: &str, variant: &str) -> Result<()> {
        self.variants
            .add(canonical, variant)
            .map_err(|message| Error::BadVariant { message })?;
        // The cache lists documents per entity: a new entity or name makes it stale (and an
        // `entity:` filter on a new entity would look past its end).
        self.entity_cache = [None, None];
        Ok(())
    }

    /// Removes a name variant the user added. The segmenter keeps it as a word until the
    /// dictionary is next loaded, which changes no search result.
    pub fn remove_variant(&mut self, variant: &str) -> Result<()> {
        self.variants
            .remove(variant)
            .map_err(|message| Error::BadVariant { message })?;
        self.entity_cache = [None, None];
        Ok(())
    }

    /// All entities and their names, built-in and added.
    pub fn entities(&self) -> &[Entity] {
        self.variants.entities()
    }
}
