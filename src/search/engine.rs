//! Answering a parsed query against the corpus: terms, filters, ranking, facets.
//!
//! Every term goes through the one analyser ([`fold_query`]) and the index; a regular
//! expression runs over the folded text with a linear-time engine. Matches are kept as byte
//! ranges in the *searched view* of each document — the cleaned article, or the raw text when
//! removed spans are included — so snippets are cut from what the reader is shown.

use std::borrow::Cow;
use std::ops::Range;

use regex_lite::{Regex, RegexBuilder};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::rank::{bm25, idf, TITLE_WEIGHT};
use super::snippet::{self, Snippet};
use crate::date::PartialDate;
use crate::document::Script;
use crate::error::{Error, Result};
use crate::fold::{fold_char, fold_query, OffsetMap};
use crate::query::Variants;
use crate::query::{Filter, Query, ScriptFilter, Term};
use crate::store::{Store, TextView, View};

/// Longest regular expression accepted, in characters.
pub const MAX_REGEX_CHARS: usize = 200;

/// Compiled-program budget for one regular expression, in bytes. regex-lite's default (10
/// MiB) lets `(a{100}){100}`-style patterns take a visible pause to compile; 1 MiB is ample for
/// any pattern a reader types.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// BM25 score, highest first; ties by document order.
    #[default]
    Relevance,
    /// Publication date, newest first; undated documents last; ties by document order.
    Date,
    /// Document order (ids ascending).
    Order,
}

/// How a search is run. Every field has a default, so `{}` (or nothing) is a valid value.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SearchOptions {
    /// How many documents to return, after skipping `offset`.
    pub limit: usize,
    /// How many of the ranked documents to skip (for paging).
    pub offset: usize,
    /// How many snippets to cut per document.
    pub snippets: usize,
    /// Characters of context on each side of a match in a snippet.
    pub context: usize,
    /// Search the raw texts, spans removed by cleaning included, instead of the articles.
    pub include_removed: bool,
    /// Expand entity names to all their variants (抖音 also finds 颤音).
    pub variants: bool,
    /// Result order.
    pub sort: Sort,
    /// Count a story (near-duplicate documents, [`crate::stories`]) once: one hit per story,
    /// the other matching members folded under it as `copies`, `total` counting stories.
    pub collapse: bool,
}

impl SearchOptions {
    /// The text this reads: the article, or the raw text with `include_removed`.
    pub fn view(&self) -> TextView {
        TextView::including_removed(self.include_removed)
    }

    /// The defaults with the two options that decide which matches there are: what the
    /// reader and the analysis views search with (they take every match, not a page).
    pub fn matching(include_removed: bool, variants: bool) -> SearchOptions {
        SearchOptions {
            include_removed,
            variants,
            ..SearchOptions::default()
        }
    }
}

impl Default for SearchOptions {
    fn default() -> Self {
        // Three snippets of ±30 characters show a match in its sentence without flooding a
        // result list; Pagefind's default excerpt is of the same order (30 words).
        SearchOptions {
            limit: 50,
            offset: 0,
            snippets: 3,
            context: 30,
            include_removed: false,
            variants: false,
            sort: Sort::Relevance,
            collapse: false,
        }
    }
}

/// The answer to a search.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// Number of documents that match (before paging); stories with `collapse`.
    pub total: usize,
    /// Number of documents that match, whether or not copies are collapsed.
    pub documents: usize,
    /// Number of occurrences in all matching documents.
    pub occurrences: usize,
    /// The requested page of matching documents.
    pub hits: Vec<Hit>,
    /// Counts of the matching documents by source, script, year and entity mentioned.
    pub facets: Facets,
}

/// One matching document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// The document id, as in `documents()`.
    pub id: u32,
    /// The document's name.
    pub name: String,
    /// The document's title.
    pub title: String,
    /// Publication date (ISO 8601, possibly partial).
    pub date: Option<String>,
    /// Source site.
    pub source: Option<String>,
    /// The document's script.
    pub script: Script,
    /// Occurrences of the query's terms in this document, overlapping ones included.
    pub count: usize,
    /// BM25 relevance score.
    pub score: f64,
    /// The first few matches in their context, in the original script.
    pub snippets: Vec<Snippet>,
    /// Name variants that matched instead of the typed term, with their counts.
    pub variants: Vec<VariantHit>,
    /// With `collapse`: the other members of this document's story that match too, in id
    /// order. Left out of the answer when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<StoryCopy>,
}

/// A copy folded under a collapsed hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryCopy {
    /// The document id.
    pub id: u32,
    /// The document's name.
    pub name: String,
    /// The document's title.
    pub title: String,
}

/// A name variant found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariantHit {
    /// The variant as listed (颤音).
    pub variant: String,
    /// The entity's canonical name (抖音).
    pub of: String,
    /// Occurrences in this document.
    pub count: usize,
}

/// Facet counts over the matching documents, each list most frequent first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// By source site.
    pub source: Vec<FacetValue>,
    /// By script (traditional, simplified, mixed, none).
    pub script: Vec<FacetValue>,
    /// By year of publication.
    pub year: Vec<FacetValue>,
    /// By entity mentioned (canonical names).
    pub entity: Vec<FacetValue>,
    /// By each extra field of table rows ([`crate::formats`]), fields in order of first
    /// appearance; left out of the answer when no document has one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub field: Vec<FieldFacet>,
}

/// The facet of one extra field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldFacet {
    /// The field (the table's column name).
    pub name: String,
    /// Its values over the matching documents, most frequent first.
    pub values: Vec<FacetValue>,
}

/// One facet value and the number of matching documents that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    /// The value, as a filter would take it (`2020`, `traditional`, `www.heliu2.cn`, `抖音`).
    pub value: String,
    /// Matching documents with this value.
    pub count: usize,
}

/// One occurrence: its byte range in the searched view, and the variant label if a name
/// variant (not the typed term) matched.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    range: Range<usize>,
    variant: Option<(String, String)>,
}

/// Occurrences of one term or clause, by document.
type ByDoc = FxHashMap<u32, Vec<Found>>;

/// What a query found, before ranking: what the search ranks and every analysis counts.
#[derive(Debug, Default)]
pub struct Matches {
    /// The query as parsed.
    pub(crate) query: Query,
    /// The matching documents, in id order, with what was found in each.
    pub(crate) docs: Vec<DocMatch>,
    /// How many documents each positive clause occurs in (for idf).
    pub(crate) doc_freqs: Vec<usize>,
    /// The occurrences of the documents that keep theirs here, not in their own
    /// [`DocMatch::ranges`] ([`DocMatch::shared`]): one literal term's, as the index found
    /// them, so that a search allocates nothing per matching document. [`Matches::resolve`]
    /// and [`Matches::into_ranges_of`] hand them out; a search copies only its shown hits'.
    pub(crate) shared: Vec<(u32, Range<usize>)>,
}

impl Matches {
    /// Nothing found for `query` (an empty query asks for nothing).
    pub(crate) fn none(query: Query) -> Matches {
        Matches {
            query,
            ..Matches::default()
        }
    }

    /// Maps every document's ranges to the searched view's text ([`Docs::to_view`]): what the
    /// analyses and the reader read. A search maps only the hits it shows.
    pub(crate) fn resolve(&mut self, docs: &dyn Docs, which: TextView) {
        self.unshare();
        for m in &mut self.docs {
            docs.to_view(which, m.id, &mut m.ranges);
        }
    }

    /// Every occurrence in document `id`, in the searched view; empty when it does not match.
    pub(crate) fn into_ranges_of(mut self, id: u32) -> Vec<Range<usize>> {
        self.unshare();
        self.docs
            .into_iter()
            .find(|m| m.id == id)
            .map(|m| m.ranges)
            .unwrap_or_default()
    }

    /// Moves the [`Matches::shared`] occurrences into their documents' own `ranges`.
    fn unshare(&mut self) {
        let shared = std::mem::take(&mut self.shared);
        for m in &mut self.docs {
            m.take_shared(&shared);
        }
    }
}

/// What a query found in one document, before ranking.
#[derive(Debug, Default)]
pub(crate) struct DocMatch {
    /// The document.
    pub id: u32,
    /// Every occurrence of every positive clause, sorted by start: ranges of the searched
    /// view once [`Matches::resolve`]d (a search maps only the hits it shows).
    pub ranges: Vec<Range<usize>>,
    /// Occurrences per positive clause; empty for a document whose occurrences are
    /// [`DocMatch::shared`] (one clause, all of them).
    per_clause: Vec<usize>,
    /// Name variants that matched.
    variants: Vec<VariantHit>,
    /// Where this document's occurrences are in [`Matches::shared`] (empty when they are
    /// in `ranges`).
    shared: Range<u32>,
}

impl DocMatch {
    /// What one literal term (the query's only clause) found in document `id`: `count`
    /// occurrences, of which `ranges` are the first (a sharded corpus's precomputed answer
    /// keeps only those its snippets need).
    pub(crate) fn of_term(id: u32, ranges: Vec<Range<usize>>, count: usize) -> DocMatch {
        DocMatch {
            id,
            ranges,
            per_clause: vec![count],
            variants: Vec::new(),
            shared: 0..0,
        }
    }

    /// Occurrences of positive clause `c`.
    fn tf(&self, c: usize) -> usize {
        self.per_clause
            .get(c)
            .copied()
            .unwrap_or(self.shared.len())
    }

    /// Occurrences of every positive clause (those [`DocMatch::ranges`] holds, or
    /// [`DocMatch::shared`]).
    fn occurrences(&self) -> usize {
        self.ranges.len() + self.shared.len()
    }

    /// Copies this document's [`DocMatch::shared`] occurrences into its own `ranges`.
    fn take_shared(&mut self, shared: &[(u32, Range<usize>)]) {
        if self.shared.is_empty() {
            return;
        }
        let (from, to) = (self.shared.start as usize, self.shared.end as usize);
        self.ranges = shared
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .map(|(_, r)| r.clone())
            .collect();
        self.per_clause = vec![self.ranges.len()];
        self.shared = 0..0;
    }
}

/// Compiles a regular expression typed by a reader: non-ASCII characters folded like the text
/// (so /京東/ finds 京东), Latin letters matched in any case.
pub fn compile_regex(pattern: &str) -> Result<Regex> {
    if pattern.chars().count() > MAX_REGEX_CHARS {
        return Err(Error::BadQuery {
            message: format!(
                "The regular expression is longer than {MAX_REGEX_CHARS} characters; shorten it."
            ),
        });
    }
    let folded: String = pattern
        .chars()
        .map(|c| if c.is_ascii() { c } else { fold_char(c) })
        .collect();
    RegexBuilder::new(&folded)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(50)
        .build()
        .map_err(|e| Error::BadQuery {
            message: format!("The regular expression /{pattern}/ is not valid: {e}"),
        })
}

/// Occurrences of a folded literal, Latin boundaries respected, as ranges of the folded texts
/// ([`Docs::to_view`] maps them to the view's text).
pub(crate) fn literal(view: &View, folded: &str) -> Vec<(u32, Range<usize>)> {
    view.index
        .find_on_latin_boundaries(folded)
        .into_iter()
        .map(|o| (o.doc, o.start..o.start + folded.len()))
        .collect()
}

/// Folded ranges of one document, sorted by start, mapped to its text through `map` in place.
/// Starts walk the map once; so do ends while they do not decrease (ranges of several clauses
/// can nest), each other end is looked up on its own.
pub(crate) fn map_ranges(map: &OffsetMap, ranges: &mut [Range<usize>]) {
    if map.is_identity() {
        return;
    }
    let (mut starts, mut ends) = (map.starts(), map.ends());
    let (mut last_start, mut last_end) = (0, 0);
    for r in ranges {
        let start = if r.start >= last_start {
            last_start = r.start;
            starts.to_original(r.start)
        } else {
            map.to_original(r.start)
        };
        let end = if r.end >= last_end {
            last_end = r.end;
            ends.to_original_end(r.end)
        } else {
            map.to_original_end(r.end)
        };
        *r = start..end;
    }
}

/// Matches of a regular expression over every document's folded text, each folded on demand
/// into one buffer (the index keeps no text), as ranges of the folded texts.
fn regex(view: &View, re: &Regex) -> Vec<(u32, Range<usize>)> {
    let mut out = Vec::new();
    let mut text = String::new();
    for doc in 0..view.index.len() as u32 {
        view.fold_into(doc, &mut text);
        let matches = re.find_iter(&text).filter(|m| !m.is_empty());
        out.extend(matches.map(|m| (doc, m.range())));
    }
    out
}

/// What a search reads of one document besides its text: the filters', the ranking's and the
/// facets' fields.
pub(crate) struct Facts<'a> {
    pub name: &'a str,
    pub title_folded: &'a str,
    pub site: Option<&'a str>,
    pub url: Option<&'a str>,
    pub script: Script,
    pub date: Option<&'a PartialDate>,
    pub fields: &'a [(String, String)],
    /// Characters of the raw text and of the cleaned article (BM25's document length).
    pub raw_chars: usize,
    pub article_chars: usize,
}

impl Facts<'_> {
    fn chars(&self, which: TextView) -> usize {
        match which {
            TextView::Raw => self.raw_chars,
            TextView::Article => self.article_chars,
        }
    }
}

/// The documents a search runs over: a whole [`Store`] in memory, or a sharded corpus
/// ([`crate::shard::ShardedCorpus`]) that holds only the pieces a query needed. The
/// evaluator and the ranking are written once against this.
pub(crate) trait Docs {
    /// Number of documents (ids `0..len`).
    fn len(&self) -> usize;
    /// The fields of document `id`.
    fn facts(&self, id: u32) -> Facts<'_>;
    /// The title to show.
    fn title(&self, id: u32) -> String;
    /// The text of `id` in view `which`; `None` when it is not at hand (a sharded corpus
    /// that has not fetched it: the hit gets no snippets, and the corpus asks for it).
    fn view_text(&self, id: u32, which: TextView) -> Option<Cow<'_, str>>;
    /// [`Docs::view_text`], or only a part of it: from the start or from a character
    /// boundary at or up to three bytes past byte `from`, to at least byte `stop`; with
    /// where that part starts. What a hit's snippets need.
    fn view_text_window(
        &self,
        id: u32,
        which: TextView,
        from: usize,
        stop: usize,
    ) -> Option<(usize, Cow<'_, str>)> {
        let _ = (from, stop);
        Some((0, self.view_text(id, which)?))
    }
    /// Bytes of text between two matches' windows past which reading two windows costs less
    /// than reading the text between them ([`Docs::view_text_window`]): none for a store
    /// that gives the whole text anyway.
    fn window_gap(&self) -> usize {
        usize::MAX
    }
    /// BM25's average document length in characters.
    fn average_chars(&self, which: TextView) -> f64;
    /// Occurrences of a folded literal, Latin boundaries respected, as ranges of the view or
    /// of the folded text ([`Docs::to_view`] says which, and maps the latter).
    fn literal(&self, which: TextView, folded: &str) -> Vec<(u32, Range<usize>)>;
    /// Occurrences of a regular expression over the folded texts, as [`Docs::literal`]'s.
    fn regex(&self, which: TextView, re: &Regex) -> Result<Vec<(u32, Range<usize>)>>;
    /// Maps document `id`'s ranges, as [`Docs::literal`] gave them (sorted by start), to
    /// ranges of the view's text. A store maps here, so that a search maps only the hits it
    /// shows (counting and ranking need no offsets of the text); the default keeps ranges
    /// that are the view's already.
    fn to_view(&self, _which: TextView, _id: u32, _ranges: &mut [Range<usize>]) {}
    /// Documents `ids` are about to be read for their snippets: a store opened from a
    /// snapshot checks them at once ([`Store::reading`]).
    fn reading(&self, _ids: &[u32]) {}
    /// Whether document `id`'s folded title contains `folded` (the title bonus, `title:`);
    /// `facts` are its fields. A sharded corpus answers from an index of the titles instead
    /// of every matching document's title.
    fn title_has(&self, _id: u32, facts: &Facts, folded: &str) -> bool {
        contains(facts.title_folded, folded)
    }
}

/// Whether `needle` occurs in `hay`: `str::contains` for a short haystack (a title) asked
/// once per matching document. `str::contains` prepares a two-way search on every call; this
/// looks for the needle's last byte eight bytes at a time (a word compared with that byte
/// everywhere: a byte of the difference is zero where it matches) and compares the whole
/// needle only there — in Chinese text the last byte is a continuation byte, one of 64
/// values, so that is rare. Bytes compare as the strings do: a UTF-8 needle found in UTF-8
/// text starts on a character boundary.
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some(&last) = needle.last() else {
        return true;
    };
    let n = needle.len();
    if hay.len() < n {
        return false;
    }
    let ends_here = |end: usize| hay.get(end + 1 - n..=end) == Some(needle);
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let spread = ONES * u64::from(last);
    // `end`: where the needle's last byte would be; the first possible is `n - 1`.
    let mut end = n - 1;
    while let Some(Ok(word)) = hay.get(end..end + 8).map(<[u8; 8]>::try_from) {
        let x = u64::from_le_bytes(word) ^ spread;
        // A set high bit at every zero byte of `x` (and maybe past one: checked anyway).
        let mut zero = x.wrapping_sub(ONES) & !x & (ONES << 7);
        while zero != 0 {
            if ends_here(end + zero.trailing_zeros() as usize / 8) {
                return true;
            }
            zero &= zero - 1;
        }
        end += 8;
    }
    (end..hay.len()).any(|e| hay[e] == last && ends_here(e))
}

impl Docs for Store {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn facts(&self, id: u32) -> Facts<'_> {
        let e = &self.entries[id as usize];
        Facts {
            name: &e.doc.name,
            title_folded: &e.title_folded,
            site: e.meta.site.as_deref(),
            url: e.meta.url.as_deref(),
            script: e.doc.script.script(),
            date: e.meta.date.as_ref().map(|(d, _)| d),
            fields: e.fields(),
            raw_chars: e.doc.chars,
            article_chars: e.cleaned_chars,
        }
    }

    fn title(&self, id: u32) -> String {
        self.entries[id as usize].title()
    }

    fn view_text(&self, id: u32, which: TextView) -> Option<Cow<'_, str>> {
        Some(Store::view_text(self, id, which))
    }

    fn view_text_window(
        &self,
        id: u32,
        which: TextView,
        from: usize,
        stop: usize,
    ) -> Option<(usize, Cow<'_, str>)> {
        Some(Store::view_text_window(self, id, which, from, stop))
    }

    fn window_gap(&self) -> usize {
        crate::store::text::MARK_BYTES
    }

    fn average_chars(&self, which: TextView) -> f64 {
        let n = self.entries.len();
        let total: usize = (0..n as u32).map(|id| self.facts(id).chars(which)).sum();
        total as f64 / n.max(1) as f64
    }

    fn literal(&self, which: TextView, folded: &str) -> Vec<(u32, Range<usize>)> {
        literal(&self.view(which), folded)
    }

    fn regex(&self, which: TextView, re: &Regex) -> Result<Vec<(u32, Range<usize>)>> {
        Ok(regex(&self.view(which), re))
    }

    fn to_view(&self, which: TextView, id: u32, ranges: &mut [Range<usize>]) {
        map_ranges(self.offset_map(which, id), ranges);
    }

    fn reading(&self, ids: &[u32]) {
        Store::reading(self, ids);
    }
}

/// One search's read-only look at the documents: the documents, the name-variant table and
/// which documents mention each entity in the searched view (for `entity:` filters and facets).
pub(crate) struct Evaluator<'a> {
    pub(crate) store: &'a dyn Docs,
    pub(crate) variants: &'a Variants,
    /// Documents mentioning each entity, by entity index, in the searched view.
    pub(crate) entities: &'a [FxHashSet<u32>],
    /// BM25's average document length in the searched view, when the caller keeps it
    /// (else [`Docs::average_chars`] is asked).
    pub(crate) average_chars: Option<f64>,
}

impl Evaluator<'_> {
    /// Occurrences of one term by document, in the given view.
    fn term(&self, view: TextView, term: &Term, variants: bool) -> Result<ByDoc> {
        let mut by_doc = ByDoc::default();
        match term {
            Term::Regex(pattern) => {
                let re = compile_regex(pattern)?;
                for (doc, range) in self.store.regex(view, &re)? {
                    by_doc.entry(doc).or_default().push(Found {
                        range,
                        variant: None,
                    });
                }
            }
            Term::Text(text) => {
                let folded = fold_query(text.trim());
                if folded.is_empty() {
                    return Ok(by_doc);
                }
                let entity = if variants {
                    self.variants.find(&folded)
                } else {
                    None
                };
                let names: Vec<(String, Option<(String, String)>)> = match entity {
                    Some(e) => e
                        .names()
                        .map(|n| {
                            let f = fold_query(n);
                            let label = (f != folded).then(|| (n.to_owned(), e.canonical.clone()));
                            (f, label)
                        })
                        .collect(),
                    None => vec![(folded, None)],
                };
                for (name, label) in &names {
                    // Occurrences come by document: one look-up of the document per run.
                    let found = self.store.literal(view, name);
                    for run in found.chunk_by(|a, b| a.0 == b.0) {
                        by_doc.entry(run[0].0).or_default().extend(run.iter().map(|(_, range)| Found {
                            range: range.clone(),
                            variant: label.clone(),
                        }));
                    }
                }
                // A variant inside a longer one ("Aauto" in "Aauto Quicker") is one mention.
                // One name alone comes sorted, and its matches all have one length, so none
                // lies inside another.
                let single = names.len() == 1;
                for found in by_doc.values_mut().filter(|_| !single) {
                    found.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
                    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
                    for f in found.drain(..) {
                        if !kept.last().is_some_and(|k| {
                            k.range.start <= f.range.start
                                && f.range.end <= k.range.end
                                && k.range != f.range
                        }) {
                            kept.push(f);
                        }
                    }
                    *found = kept;
                }
            }
        }
        Ok(by_doc)
    }

    fn passes(
        &self,
        entry: &Facts,
        id: u32,
        filter: &Filter,
        entities: &[FxHashSet<u32>],
    ) -> Result<bool> {
        Ok(match filter {
            Filter::Title(t) => self.store.title_has(id, entry, &fold_query(t)),
            Filter::Source(s) => {
                let wanted = fold_query(s);
                [entry.site, entry.url]
                    .iter()
                    .any(|v| v.is_some_and(|v| fold_query(v).contains(&wanted)))
            }
            Filter::Script(wanted) => {
                let script = entry.script;
                matches!(
                    (wanted, script),
                    (ScriptFilter::Traditional, Script::Traditional)
                        | (ScriptFilter::Simplified, Script::Simplified)
                        | (ScriptFilter::Mixed, Script::Mixed)
                )
            }
            Filter::Date { from, to } => match entry.date {
                None => false,
                Some(d) => {
                    from.is_none_or(|f| d.first_day() >= f.first_day())
                        && to.is_none_or(|t| d.last_day() <= t.last_day())
                }
            },
            Filter::Entity(name) => entities
                .get(self.entity_at(name)?)
                .is_some_and(|docs| docs.contains(&id)),
        })
    }

    /// The index of the entity `name` names, or an error saying it is unknown.
    fn entity_at(&self, name: &str) -> Result<usize> {
        let folded = fold_query(name);
        self.variants
            .entities()
            .iter()
            .position(|e| e.names().any(|n| fold_query(n) == folded))
            .ok_or_else(|| Error::BadQuery {
                message: format!(
                    "entity:{name} is not a known name: add it under name variants first."
                ),
            })
    }

    /// Documents matching `query` (in id order) with what was found in each, and the number
    /// of documents each positive clause occurs in (for idf). The searcher prepares the store
    /// and the entity cache first.
    pub(crate) fn evaluate(&self, query: Query, options: &SearchOptions) -> Result<Matches> {
        let view = options.view();
        let entities = self.entities;

        // The filters are checked only on the documents the terms leave, so that a sharded
        // corpus needs the fields of those alone; the one filter that can fail (an unknown
        // entity) is checked first, on its own, whenever there are documents.
        if self.store.len() > 0 {
            for filter in &query.filters {
                if let Filter::Entity(name) = filter {
                    self.entity_at(name)?;
                }
            }
        }
        if let Some(matches) = self.single_literal(&query, options)? {
            return Ok(matches);
        }
        let mut clauses: Vec<ByDoc> = Vec::with_capacity(query.must.len());
        for clause in &query.must {
            let mut merged = ByDoc::default();
            for term in clause {
                let found = self.term(view, term, options.variants)?;
                if merged.is_empty() {
                    merged = found;
                    continue;
                }
                for (doc, found) in found {
                    merged.entry(doc).or_default().extend(found);
                }
            }
            clauses.push(merged);
        }
        let mut candidates: Vec<u32> = match clauses.first() {
            Some(first) => {
                let mut ids: Vec<u32> = first.keys().copied().collect();
                ids.sort_unstable();
                ids
            }
            None => (0..self.store.len() as u32).collect(),
        };
        for clause in &clauses[clauses.len().min(1)..] {
            candidates.retain(|d| clause.contains_key(d));
        }
        for term in &query.not {
            let excluded = self.term(view, term, options.variants)?;
            candidates.retain(|d| !excluded.contains_key(d));
        }
        if !query.filters.is_empty() {
            let mut kept = Vec::with_capacity(candidates.len());
            for id in candidates {
                let facts = self.store.facts(id);
                let mut ok = true;
                for filter in &query.filters {
                    ok = ok && self.passes(&facts, id, filter, entities)?;
                }
                if ok {
                    kept.push(id);
                }
            }
            candidates = kept;
        }
        let doc_freqs = clauses.iter().map(FxHashMap::len).collect();
        let docs = candidates
            .into_iter()
            .map(|id| doc_match(id, &clauses))
            .collect();
        Ok(Matches {
            query,
            docs,
            doc_freqs,
            shared: Vec::new(),
        })
    }
    /// [`Evaluator::evaluate`] for the most common query, one literal term (a word, a
    /// phrase) with no name variants to add, answered straight from the index's occurrences,
    /// which come by document and position: no map of documents, no copy of each occurrence
    /// with its variant label, no sort (a third of a two-character search's instructions at
    /// 10 MB, measured with callgrind). `None` for any other query, and for occurrences not in
    /// that order (never from a store), which the general path sorts; both paths give the
    /// same matches.
    fn single_literal(&self, query: &Query, options: &SearchOptions) -> Result<Option<Matches>> {
        let [clause] = &query.must[..] else {
            return Ok(None);
        };
        let [Term::Text(text)] = &clause[..] else {
            return Ok(None);
        };
        let folded = fold_query(text.trim());
        if options.variants && self.variants.find(&folded).is_some() {
            return Ok(None);
        }
        let view = options.view();
        let found = if folded.is_empty() {
            Vec::new()
        } else {
            self.store.literal(view, &folded)
        };
        if !found.is_sorted_by_key(|(doc, r)| (*doc, r.start, r.end)) {
            return Ok(None);
        }
        let mut docs: Vec<DocMatch> = Vec::new();
        let mut at = 0u32;
        for run in found.chunk_by(|a, b| a.0 == b.0) {
            let end = at + run.len() as u32;
            docs.push(DocMatch {
                id: run[0].0,
                shared: at..end,
                ..DocMatch::default()
            });
            at = end;
        }
        let doc_freqs = vec![docs.len()];
        for term in &query.not {
            let excluded = self.term(view, term, options.variants)?;
            docs.retain(|m| !excluded.contains_key(&m.id));
        }
        if !query.filters.is_empty() {
            let mut kept = Vec::with_capacity(docs.len());
            for m in docs {
                let facts = self.store.facts(m.id);
                let mut ok = true;
                for filter in &query.filters {
                    ok = ok && self.passes(&facts, m.id, filter, self.entities)?;
                }
                if ok {
                    kept.push(m);
                }
            }
            docs = kept;
        }
        Ok(Some(Matches {
            query: query.clone(),
            docs,
            doc_freqs,
            shared: found,
        }))
    }

    /// Ranks what [`Evaluator::evaluate`] found: scores, facets, the page asked for with
    /// snippets.
    pub(crate) fn rank(
        &self,
        query: &str,
        matches: Matches,
        options: &SearchOptions,
        leads: Option<&[u32]>,
    ) -> SearchResults {
        let Matches {
            query: parsed,
            docs,
            doc_freqs: dfs,
            shared,
        } = matches;
        let n = self.store.len();
        let avgdl = self
            .average_chars
            .unwrap_or_else(|| self.store.average_chars(options.view()));
        // The literal terms of each clause, folded once for the title bonus.
        let clause_texts: Vec<Vec<String>> = parsed
            .must
            .iter()
            .map(|clause| {
                clause
                    .iter()
                    .filter_map(|t| match t {
                        Term::Text(t) => Some(fold_query(t.trim())),
                        Term::Regex(_) => None,
                    })
                    .collect()
            })
            .collect();
        // Each document's fields are read once, for its score and the facets together.
        let mut facets = FacetCounts::new(self.store.len());
        let mut scored: Vec<(u32, DocMatch, f64)> = docs
            .into_iter()
            .map(|m| {
                let id = m.id;
                let facts = self.store.facts(id);
                facets.add(id, &facts);
                let length = facts.chars(options.view());
                let mut score = 0.0;
                for (c, texts) in clause_texts.iter().enumerate() {
                    score += bm25(m.tf(c), dfs[c], n, length, avgdl);
                    if texts
                        .iter()
                        .any(|t| self.store.title_has(id, &facts, t.as_str()))
                    {
                        score += TITLE_WEIGHT * idf(dfs[c], n);
                    }
                }
                (id, m, score)
            })
            .collect();
        let facets = facets.finish(self.variants, self.entities);
        let occurrences = scored.iter().map(|s| s.1.occurrences()).sum();
        let documents = scored.len();
        let mut copies: FxHashMap<u32, Vec<StoryCopy>> = FxHashMap::default();
        if let Some(leads) = leads {
            scored = self.collapse(scored, leads, &mut copies);
        }
        let total = scored.len();
        // Only the page asked for needs to be in order: the rest is counted, not shown.
        let shown = options.offset.saturating_add(options.limit);
        if shown < scored.len() && options.sort == Sort::Relevance {
            // Chosen on small keys (score, id, place), not by moving the matches around
            // (a hundred bytes each): then only the chosen ones are kept, in place.
            let mut keys: Vec<(f64, u32, u32)> = scored
                .iter()
                .enumerate()
                .map(|(i, s)| (s.2, s.0, i as u32))
                .collect();
            keys.select_nth_unstable_by(shown, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut keep = vec![false; scored.len()];
            for k in &keys[..shown] {
                keep[k.2 as usize] = true;
            }
            let mut i = 0;
            scored.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
        match options.sort {
            Sort::Relevance => scored.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0))),
            Sort::Date => scored.sort_by(|a, b| {
                let date = |id: u32| self.store.facts(id).date.map(PartialDate::last_day);
                // Newest first; `None` (undated) sorts after every date.
                date(b.0).cmp(&date(a.0)).then(a.0.cmp(&b.0))
            }),
            Sort::Order => scored.sort_by_key(|s| s.0),
        }
        let page = scored.iter().skip(options.offset).take(options.limit);
        self.store.reading(&page.map(|s| s.0).collect::<Vec<u32>>());
        let hits = scored
            .into_iter()
            .skip(options.offset)
            .take(options.limit)
            .map(|(id, mut m, score)| {
                m.take_shared(&shared);
                let mut hit = self.hit(id, m, score, options);
                hit.copies = copies.remove(&id).unwrap_or_default();
                hit
            })
            .collect();
        SearchResults {
            query: query.to_owned(),
            total,
            documents,
            occurrences,
            hits,
            facets,
        }
    }

    /// One hit per story: the first matching member in id order (the lead when it matches)
    /// stands for it; the other matching members go into `copies`, under its id.
    fn collapse(
        &self,
        scored: Vec<(u32, DocMatch, f64)>,
        leads: &[u32],
        copies: &mut FxHashMap<u32, Vec<StoryCopy>>,
    ) -> Vec<(u32, DocMatch, f64)> {
        let mut shown: FxHashMap<u32, u32> = FxHashMap::default();
        let mut kept = Vec::with_capacity(scored.len());
        // `scored` is in id order here (matches come in id order), so the first member of a
        // story met is its lowest matching id.
        for s in scored {
            let lead = leads.get(s.0 as usize).copied().unwrap_or(s.0);
            match shown.get(&lead) {
                Some(&first) => {
                    copies.entry(first).or_default().push(StoryCopy {
                        id: s.0,
                        name: self.store.facts(s.0).name.to_owned(),
                        title: self.store.title(s.0),
                    });
                }
                None => {
                    shown.insert(lead, s.0);
                    kept.push(s);
                }
            }
        }
        kept
    }

    pub(crate) fn hit(&self, id: u32, mut m: DocMatch, score: f64, options: &SearchOptions) -> Hit {
        let entry = self.store.facts(id);
        // The matches shown (an overlapping one, "哈哈" twice in "哈哈哈", would repeat a
        // snippet), then only as much of the text as they and their context reach: a
        // character is at most 4 bytes, and one more tells whether the context was cut.
        // Only the ranges looked at are mapped to the view's text, a few at a time (a hit
        // shows three of its matches, and may have hundreds; the count needs no offsets).
        let mut shown: Vec<(usize, Range<usize>)> = Vec::new();
        let mut shown_until = 0;
        let mut mapped = 0;
        for occurrence in 0..m.ranges.len() {
            if shown.len() == options.snippets {
                break;
            }
            if occurrence == mapped {
                mapped = m.ranges.len().min(mapped + options.snippets.max(1) * 2);
                self.store.to_view(options.view(), id, &mut m.ranges[occurrence..mapped]);
            }
            let r = &m.ranges[occurrence];
            if r.start < shown_until {
                continue;
            }
            shown.push((occurrence, r.clone()));
            shown_until = r.end;
        }
        // A character is at most 4 bytes: a window from `from` on holds a match's context
        // and one character more, which tells whether it was cut (and the text may start up
        // to 3 bytes past `from`). Matches far enough apart get windows of their own
        // ([`Docs::window_gap`]), the others share one.
        let reach = options.context.saturating_add(1).saturating_mul(4);
        let apart = reach.saturating_mul(2).saturating_add(self.store.window_gap());
        let mut snippets = Vec::new();
        let mut rest = &shown[..];
        while !rest.is_empty() {
            let mut n = 1;
            while n < rest.len() && rest[n].1.start.saturating_sub(rest[n - 1].1.end) <= apart {
                n += 1;
            }
            let (group, after) = rest.split_at(n);
            rest = after;
            let from = group[0].1.start.saturating_sub(reach.saturating_add(4));
            let stop = group[n - 1].1.end.saturating_add(reach);
            let window = self.store.view_text_window(id, options.view(), from, stop);
            let (at, text) = window.unwrap_or_default();
            if text.is_empty() {
                continue;
            }
            // Ranges past the text (a forged snapshot) are cut by `snippet`.
            let shift = |r: Range<usize>| r.start.saturating_sub(at)..r.end.saturating_sub(at);
            snippets.extend(group.iter().map(|(occurrence, r)| {
                snippet::snippet(&text, shift(r.clone()), options.context, *occurrence)
            }));
        }
        Hit {
            id,
            name: entry.name.to_owned(),
            title: self.store.title(id),
            date: entry.date.map(PartialDate::iso),
            source: entry.site.map(str::to_owned),
            script: entry.script,
            count: m.ranges.len(),
            score,
            snippets,
            variants: m.variants,
            copies: Vec::new(),
        }
    }
}

/// Facet counts over the matching documents, added one document at a time while they are
/// scored (one read of each document's fields for both). Counted under borrowed keys (no
/// string per document), owned once at the end.
struct FacetCounts<'a> {
    source: FxHashMap<&'a str, usize>,
    /// By script: traditional, simplified, mixed, none.
    script: [usize; 4],
    year: FxHashMap<u16, usize>,
    fields: Vec<(&'a str, FxHashMap<&'a str, usize>)>,
    /// The matching documents, a bit each (for the entity facet).
    matched: Vec<u64>,
}

impl<'a> FacetCounts<'a> {
    fn new(docs: usize) -> Self {
        FacetCounts {
            source: FxHashMap::default(),
            script: [0; 4],
            year: FxHashMap::default(),
            fields: Vec::new(),
            matched: vec![0u64; docs.div_ceil(64)],
        }
    }

    fn add(&mut self, id: u32, e: &Facts<'a>) {
        if let Some(w) = self.matched.get_mut(id as usize / 64) {
            *w |= 1 << (id % 64);
        }
        if let Some(site) = e.site {
            *self.source.entry(site).or_default() += 1;
        }
        self.script[e.script as usize] += 1;
        if let Some(y) = e.date.and_then(|d| d.year) {
            *self.year.entry(y).or_default() += 1;
        }
        for (name, value) in e.fields {
            let at = match self.fields.iter().position(|(n, _)| n == name) {
                Some(at) => at,
                None => {
                    self.fields.push((name, FxHashMap::default()));
                    self.fields.len() - 1
                }
            };
            *self.fields[at].1.entry(value).or_default() += 1;
        }
    }

    fn finish(self, variants: &Variants, entities: &[FxHashSet<u32>]) -> Facets {
        let owned = |counts: FxHashMap<&str, usize>| -> FxHashMap<String, usize> {
            counts.into_iter().map(|(k, n)| (k.to_owned(), n)).collect()
        };
        let matched = &self.matched;
        // Each entity's documents (few, for most) looked up in the matched set.
        let entity: FxHashMap<String, usize> = variants
            .entities()
            .iter()
            .zip(entities)
            .map(|(e, docs)| {
                let n = docs
                    .iter()
                    .filter(|&&id| matched.get(id as usize / 64).is_some_and(|w| w >> (id % 64) & 1 == 1))
                    .count();
                (e.canonical.clone(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let script = [
            Script::Traditional,
            Script::Simplified,
            Script::Mixed,
            Script::None,
        ]
        .into_iter()
        .map(|s| (script_name(s).to_owned(), self.script[s as usize]))
        .filter(|(_, n)| *n > 0)
        .collect();
        Facets {
            source: ranked(owned(self.source)),
            script: ranked(script),
            year: ranked(self.year.into_iter().map(|(y, n)| (y.to_string(), n)).collect()),
            entity: ranked(entity),
            field: self
                .fields
                .into_iter()
                .map(|(name, counts)| FieldFacet {
                    name: name.to_owned(),
                    values: ranked(owned(counts)),
                })
                .collect(),
        }
    }
}

/// The name of a script as the facet (and the `script:` filter) gives it.
fn script_name(script: Script) -> &'static str {
    match script {
        Script::Traditional => "traditional",
        Script::Simplified => "simplified",
        Script::Mixed => "mixed",
        Script::None => "none",
    }
}

/// Sorts facet counts, most frequent first, then by value.
fn ranked(counts: FxHashMap<String, usize>) -> Vec<FacetValue> {
    let mut out: Vec<FacetValue> = counts
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}

/// Collects what the positive clauses found in document `id`.
fn doc_match(id: u32, clauses: &[ByDoc]) -> DocMatch {
    let mut m = DocMatch {
        id,
        ..DocMatch::default()
    };
    for clause in clauses {
        let found = clause.get(&id).map_or(&[][..], Vec::as_slice);
        m.per_clause.push(found.len());
        for f in found {
            m.ranges.push(f.range.clone());
            if let Some((variant, of)) = &f.variant {
                match m.variants.iter_mut().find(|l| &l.variant == variant) {
                    Some(l) => l.count += 1,
                    None => m.variants.push(VariantHit {
                        variant: variant.clone(),
                        of: of.clone(),
                        count: 1,
                    }),
                }
            }
        }
    }
    m.ranges.sort_by_key(|r| (r.start, r.end));
    m
}

#[cfg(test)]
mod tests;
