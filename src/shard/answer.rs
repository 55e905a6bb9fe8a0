//! Precomputed answers for frequent terms (`a/` files, see the module doc).
//!
//! Exact counts, facets and BM25 need every matching document's columns: a term found in a
//! fifth of a 1 GB archive would read every column shard (900 KB, tests/bench/RESULTS.md).
//! For a term of one or two characters found in at least [`ShardOptions::answer_docs`]
//! documents the writer runs, once, what an unfiltered search of that term does — with the
//! very ranking and facet code of [`crate::search`] over a table of every document's columns
//! ([`Table`]) — and keeps the counts, the facets and the best [`ShardOptions::answer_hits`]
//! hits (score, occurrences, the first few positions, their column and card records and the
//! name of their text shard). The reader answers such a query from this one file and the
//! texts of the hits it shows; anything else (a filter, another order, a page beyond the
//! kept hits, a longer phrase) goes through the postings as before.
//!
//! [`ShardOptions::answer_docs`]: super::ShardOptions::answer_docs
//! [`ShardOptions::answer_hits`]: super::ShardOptions::answer_hits

use std::borrow::Cow;
use std::ops::Range;

use regex_lite::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::date::PartialDate;
use crate::document::Script;
use crate::error::Result;
use crate::fold::fold_query;
use crate::query::{Query, Term, Variants};
use crate::search::engine::{
    DocMatch, Docs, Evaluator, FacetValue, Facets, Facts, FieldFacet, Matches, SearchOptions,
};
use crate::snapshot::codec::{In, Out};
use crate::store::TextView;

/// The second character of a single character's answer key: past every pair's (`END` is
/// `0x110000`), so it sorts after the character's pairs.
pub(crate) const SINGLE: u32 = 0x11_0001;

/// Positions kept per hit: a snippet needs one, three snippets (the default) rarely more than
/// three; overlapping matches (哈哈 in 哈哈哈) skip some. When they do not suffice the reader
/// takes the postings path.
pub(crate) const POSITIONS: usize = 8;

/// The answer key of a term (folded; one or two characters), if terms like it get answers:
/// no ASCII (Latin words have a boundary rule the answer does not keep), no whitespace.
pub(crate) fn term_key(folded: &str) -> Option<u64> {
    let mut chars = folded.chars();
    let a = chars.next()?;
    let b = chars.next();
    if chars.next().is_some()
        || [Some(a), b]
            .into_iter()
            .flatten()
            .any(|c| c.is_ascii() || c.is_whitespace())
    {
        return None;
    }
    Some((a as u64) << 32 | u64::from(b.map_or(SINGLE, |b| b as u32)))
}

/// The term an answer key stands for.
fn key_term(key: u64) -> Option<String> {
    let a = char::from_u32((key >> 32) as u32)?;
    let b = (key & 0xFFFF_FFFF) as u32;
    let mut term = a.to_string();
    if b != SINGLE {
        term.push(char::from_u32(b)?);
    }
    Some(term)
}

/// What the writer keeps of every document for the answers: what ranking and facets read.
#[derive(Default)]
pub(crate) struct Table {
    titles: Vec<Box<str>>,
    sites: Vec<Option<u32>>,
    site_names: Vec<String>,
    site_ids: FxHashMap<String, u32>,
    scripts: Vec<Script>,
    dates: Vec<Option<PartialDate>>,
    fields: Vec<Box<[(String, String)]>>,
    lengths: Vec<u32>,
    /// Each document's column and card records.
    columns: Vec<Box<[u8]>>,
    cards: Vec<Box<[u8]>>,
    /// Characters of all the articles (BM25's average).
    pub chars: u64,
}

impl Table {
    /// Adds the next document, with its column record (its card comes with
    /// [`Table::push_card`], once its text shard is named).
    pub fn push(&mut self, facts: &Facts, column: Vec<u8>) {
        self.titles.push(facts.title_folded.into());
        let site = facts.site.map(|s| match self.site_ids.get(s) {
            Some(&id) => id,
            None => {
                let id = self.site_names.len() as u32;
                self.site_names.push(s.to_owned());
                self.site_ids.insert(s.to_owned(), id);
                id
            }
        });
        self.sites.push(site);
        self.scripts.push(facts.script);
        self.dates.push(facts.date.copied());
        self.fields.push(facts.fields.to_vec().into_boxed_slice());
        self.lengths.push(facts.article_chars as u32);
        self.chars += facts.article_chars as u64;
        self.columns.push(column.into_boxed_slice());
    }

    /// Adds the card record of the next document without one.
    pub fn push_card(&mut self, card: &[u8]) {
        self.cards.push(card.into());
    }

    /// Document `id`'s column and card records.
    fn records(&self, id: u32) -> (&[u8], &[u8]) {
        (&self.columns[id as usize], &self.cards[id as usize])
    }
}

impl Docs for Table {
    fn len(&self) -> usize {
        self.titles.len()
    }

    fn facts(&self, id: u32) -> Facts<'_> {
        let i = id as usize;
        Facts {
            name: "",
            title_folded: &self.titles[i],
            site: self.sites[i].map(|s| self.site_names[s as usize].as_str()),
            url: None,
            script: self.scripts[i],
            date: self.dates[i].as_ref(),
            fields: &self.fields[i],
            raw_chars: 0,
            article_chars: self.lengths[i] as usize,
        }
    }

    fn title(&self, _id: u32) -> String {
        String::new()
    }

    fn view_text(&self, _id: u32, _which: TextView) -> Option<Cow<'_, str>> {
        None
    }

    fn average_chars(&self, _which: TextView) -> f64 {
        // As the reader computes it from the root (`ShardedCorpus::average_chars`).
        self.chars as usize as f64 / self.titles.len().max(1) as f64
    }

    fn literal(&self, _which: TextView, _folded: &str) -> Vec<(u32, Range<usize>)> {
        Vec::new()
    }

    fn regex(&self, _which: TextView, _re: &Regex) -> Result<Vec<(u32, Range<usize>)>> {
        Ok(Vec::new())
    }
}

/// What a term found in one document, while the merge streams its entries.
#[derive(Clone, Copy)]
struct Found {
    doc: u32,
    count: u32,
    /// The first [`POSITIONS`] starts (folded byte offsets), ascending.
    at: [u32; POSITIONS],
}

impl Found {
    fn new(doc: u32, at: u32) -> Found {
        let mut f = Found {
            doc,
            count: 1,
            at: [u32::MAX; POSITIONS],
        };
        f.at[0] = at;
        f
    }

    fn kept(&self) -> &[u32] {
        &self.at[..(self.count as usize).min(POSITIONS)]
    }

    /// Adds the starts of `other` (the same document, another pair), keeping the first ones.
    fn absorb(&mut self, other: &Found) {
        let mut all: Vec<u32> = self.kept().iter().chain(other.kept()).copied().collect();
        all.sort_unstable();
        self.count += other.count;
        for (slot, v) in self
            .at
            .iter_mut()
            .zip(all.into_iter().chain(std::iter::repeat(u32::MAX)))
        {
            *slot = v;
        }
    }
}

/// Watches the merged article postings (key, document, offset in key order) and writes an
/// answer for every pair and every first character found in enough documents.
pub(crate) struct Answers<'a> {
    table: &'a Table,
    entities: Vec<FxHashSet<u32>>,
    variants: Variants,
    /// Text shard fence (first id, hash), for each hit's text.
    texts: &'a [(u64, u64)],
    min_docs: usize,
    hits: usize,
    key: Option<u64>,
    pair: Vec<Found>,
    /// The first character being gathered over its pairs, and what they found.
    first: Option<u32>,
    single: FxHashMap<u32, Found>,
    /// (answer key, encoded answer) for every answer made, in key order.
    pub made: Vec<(u64, Vec<u8>)>,
}

impl<'a> Answers<'a> {
    pub fn new(
        table: &'a Table,
        entities: &[Vec<u32>],
        texts: &'a [(u64, u64)],
        min_docs: usize,
        hits: usize,
    ) -> Answers<'a> {
        Answers {
            table,
            entities: entities
                .iter()
                .map(|ids| ids.iter().copied().collect())
                .collect(),
            variants: Variants::builtin(),
            texts,
            min_docs: min_docs.max(1),
            hits: hits.max(1),
            key: None,
            pair: Vec::new(),
            first: None,
            single: FxHashMap::default(),
            made: Vec::new(),
        }
    }

    /// One merged entry.
    pub fn push(&mut self, key: u64, doc: u32, at: u32) {
        if self.key != Some(key) {
            self.end_pair();
            let first = (key >> 32) as u32;
            if self.first != Some(first) {
                self.end_single();
                self.first = Some(first);
            }
            self.key = Some(key);
        }
        match self.pair.last_mut() {
            Some(f) if f.doc == doc => {
                if (f.count as usize) < POSITIONS {
                    f.at[f.count as usize] = at;
                }
                f.count += 1;
            }
            _ => self.pair.push(Found::new(doc, at)),
        }
    }

    /// Ends the stream.
    pub fn finish(&mut self) {
        self.end_pair();
        self.end_single();
    }

    fn end_pair(&mut self) {
        let Some(key) = self.key.take() else {
            return;
        };
        let pair = std::mem::take(&mut self.pair);
        // The first character's occurrences, for a one-character query (every pair starting
        // with it, the end of a document included).
        let first = char::from_u32((key >> 32) as u32);
        if first.is_some_and(|c| !c.is_ascii() && !c.is_whitespace()) {
            for f in &pair {
                match self.single.get_mut(&f.doc) {
                    Some(have) => have.absorb(f),
                    None => {
                        self.single.insert(f.doc, *f);
                    }
                }
            }
        }
        if pair.len() >= self.min_docs && (key & 0xFFFF_FFFF) as u32 != super::writer::END {
            self.answer(key, &pair);
        }
        self.pair = pair;
        self.pair.clear();
    }

    fn end_single(&mut self) {
        let Some(first) = self.first.take() else {
            return;
        };
        let single = std::mem::take(&mut self.single);
        if single.len() >= self.min_docs {
            let mut found: Vec<Found> = single.into_values().collect();
            found.sort_unstable_by_key(|f| f.doc);
            self.answer(u64::from(first) << 32 | u64::from(SINGLE), &found);
        }
    }

    /// Writes the answer of the term `key` stands for, found as `found` (in id order).
    fn answer(&mut self, key: u64, found: &[Found]) {
        let Some(term) = key_term(key) else {
            return;
        };
        if term_key(&term) != Some(key) || fold_query(&term) != term {
            return;
        }
        let evaluator = Evaluator {
            store: self.table,
            variants: &self.variants,
            entities: &self.entities,
            average_chars: None,
        };
        let matches = Matches {
            query: Query {
                must: vec![vec![Term::Text(term.clone())]],
                not: Vec::new(),
                filters: Vec::new(),
            },
            docs: found
                .iter()
                .map(|f| DocMatch::of_term(f.doc, Vec::new(), f.count as usize))
                .collect(),
            doc_freqs: vec![found.len()],
            shared: Vec::new(),
        };
        let options = SearchOptions {
            limit: self.hits,
            snippets: 0,
            ..SearchOptions::default()
        };
        let results = evaluator.rank(&term, matches, &options, None);
        let mut out = Out::default();
        out.var(key);
        out.usize(found.len());
        out.var(found.iter().map(|f| u64::from(f.count)).sum());
        encode_facets(&results.facets, &mut out);
        out.usize(results.hits.len());
        for hit in &results.hits {
            let Ok(i) = found.binary_search_by_key(&hit.id, |f| f.doc) else {
                continue;
            };
            let f = &found[i];
            out.var(u64::from(hit.id));
            out.var(u64::from(f.count));
            out.buf
                .extend_from_slice(&hit.score.to_bits().to_le_bytes());
            let kept = f.kept();
            out.usize(kept.len());
            let mut last = 0;
            for &at in kept {
                out.var(u64::from(at - last));
                last = at;
            }
            let t = self
                .texts
                .partition_point(|&(first, _)| first <= u64::from(hit.id));
            let text = self.texts.get(t.wrapping_sub(1)).map_or(0, |&(_, h)| h);
            out.buf.extend_from_slice(&text.to_le_bytes());
            let (column, card) = self.table.records(hit.id);
            out.bytes(column);
            out.bytes(card);
        }
        self.made.push((key, out.buf));
    }
}

fn encode_values(values: &[FacetValue], out: &mut Out) {
    out.usize(values.len());
    for v in values {
        out.str(&v.value);
        out.usize(v.count);
    }
}

fn encode_facets(f: &Facets, out: &mut Out) {
    for values in [&f.source, &f.script, &f.year, &f.entity] {
        encode_values(values, out);
    }
    out.usize(f.field.len());
    for field in &f.field {
        out.str(&field.name);
        encode_values(&field.values, out);
    }
}

fn decode_values(r: &mut In) -> Result<Vec<FacetValue>> {
    let n = r.count()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(FacetValue {
            value: r.str()?.to_owned(),
            count: r.usize()?,
        });
    }
    Ok(out)
}

/// One kept hit of an answer.
#[derive(Debug)]
pub(crate) struct AnswerHit {
    pub id: u32,
    /// Occurrences in the document.
    pub count: usize,
    pub score: f64,
    /// The first occurrences' starts (folded byte offsets of the article).
    pub at: Vec<u32>,
    /// The hash of its text shard.
    pub text: u64,
    /// Its column and card records (as in `c/` and `m/` files).
    pub column: Vec<u8>,
    pub card: Vec<u8>,
}

/// A decoded answer (what an unfiltered search of its term gives, but the hits' texts).
#[derive(Debug)]
pub(crate) struct Answer {
    pub key: u64,
    pub docs: usize,
    pub occurrences: usize,
    pub facets: Facets,
    /// The best hits, best first.
    pub hits: Vec<AnswerHit>,
}

pub(crate) fn decode_answer(payload: &[u8], docs: u32) -> Result<Answer> {
    let mut r = In::new(payload, "answer");
    let key = r.var()?;
    let matched = r.usize()?;
    let occurrences = r.var()? as usize;
    let mut lists = Vec::with_capacity(4);
    for _ in 0..4 {
        lists.push(decode_values(&mut r)?);
    }
    let n = r.count()?;
    let mut field = Vec::with_capacity(n);
    for _ in 0..n {
        field.push(FieldFacet {
            name: r.str()?.to_owned(),
            values: decode_values(&mut r)?,
        });
    }
    let [source, script, year, entity] =
        <[Vec<FacetValue>; 4]>::try_from(lists).unwrap_or_else(|_| unreachable!("four lists"));
    let n = r.count()?;
    let mut hits = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.u32()?;
        if id >= docs {
            return Err(r.damaged("document beyond the corpus"));
        }
        let count = r.usize()?;
        let score = f64::from_bits(u64::from_le_bytes(
            r.take(8)?.try_into().unwrap_or_default(),
        ));
        let k = r.count()?;
        let mut at = Vec::with_capacity(k);
        let mut last = 0u32;
        for _ in 0..k {
            last = last
                .checked_add(r.u32()?)
                .ok_or_else(|| r.damaged("offset overflow"))?;
            at.push(last);
        }
        let text = u64::from_le_bytes(r.take(8)?.try_into().unwrap_or_default());
        let len = r.usize()?;
        let column = r.take(len)?.to_vec();
        let len = r.usize()?;
        let card = r.take(len)?.to_vec();
        hits.push(AnswerHit {
            id,
            count,
            score,
            at,
            text,
            column,
            card,
        });
    }
    r.finish()?;
    Ok(Answer {
        key,
        docs: matched,
        occurrences,
        facets: Facets {
            source,
            script,
            year,
            entity,
            field,
        },
        hits,
    })
}
