//! The store: documents, their raw and cleaned texts, cleaning spans, offset maps and the
//! index — exactly what a snapshot of a corpus would hold, and nothing about how it is searched
//! or analysed.
//!
//! It owns the pipeline order on the way in: decode → parse → clean → metadata → fold → index.
//! Search ([`crate::search`]) and analysis ([`crate::analyse`]) read it; they never add to it.

mod check;
mod entry;
mod memory;
pub(crate) mod text;

use std::borrow::Cow;
use std::ops::Range;

use crate::clean::{article_prefix, article_window, clean_page, content_keys, Seen};
use crate::decode::Decoder;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::fold::{fold, fold_into, OffsetMap};
use crate::index::Index;
#[cfg(feature = "html")]
use crate::extract::{declared_charset, extract as extract_page};
use crate::extract::is_html;
use crate::meta::{extract_with, Stated};

pub(crate) use check::{Checks, Expected};
pub(crate) use entry::Entry;
pub use entry::{DocumentInfo, FieldInfo, RemovedInfo};
use entry::utf16_offsets;
pub use memory::Memory;
use text::Texts;

/// The most text one corpus holds, in bytes. The store keeps the raw text (deflated) and a
/// compressed index (about as many bytes as the text at 10 MB of poetry), so
/// 256 MB of text (about 85 million Chinese characters) stays well under 1.5 GB, inside what
/// a browser tab can allocate for a 32-bit wasm memory (4 GiB at most).
pub const MAX_TEXT_BYTES: usize = 256 * 1_000_000;

/// The raw texts folded and indexed, for searches that include removed spans. Built on the
/// first such search, so a corpus that never asks pays nothing for it.
#[derive(Debug, Default)]
pub(crate) struct RawIndex {
    pub(crate) index: Index,
    /// Per document, from the folded raw text back to the raw text.
    pub(crate) offsets: Vec<OffsetMap>,
}

/// The documents of a corpus with everything derived from them at ingestion.
///
/// Document ids are the insertion order, from 0; removing a document rebuilds the rest in
/// order (see [`Store::remove_document`]).
#[derive(Debug, Default)]
pub struct Store {
    pub(crate) entries: Vec<Entry>,
    /// The documents' raw texts, deflated in blocks: read through [`Store::raw`].
    texts: Texts,
    pub(crate) index: Index,
    pub(crate) raw: Option<RawIndex>,
    seen: Seen,
    /// True when `seen` is empty for want of rebuilding (a store opened from a snapshot keeps
    /// no paragraph keys): the next added document rebuilds it first.
    seen_stale: bool,
    text_bytes: usize,
    /// Documents opened from a snapshot whose texts are checked on first read (`check.rs`).
    checks: Checks,
    /// The most text this store holds, when smaller than [`MAX_TEXT_BYTES`].
    limit: Option<usize>,
    /// Decodes added files; holds the GB18030/Big5 tables (embedded natively, loaded with
    /// [`Store::load_encoding_tables`] in the browser).
    pub(crate) decoder: Decoder,
}

/// Which text of each document a search or an analysis reads. The JavaScript options call it
/// `includeRemoved` (and `raw` for `text()`); the binding and the options types convert.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum TextView {
    /// The cleaned article: kept paragraphs, removed phrases cut out. What the index holds.
    #[default]
    Article = 0,
    /// The text exactly as decoded, removed spans and all, through an index built on first use.
    Raw = 1,
}

impl TextView {
    /// [`TextView::Raw`] when removed spans are included, else [`TextView::Article`].
    pub fn including_removed(include_removed: bool) -> TextView {
        if include_removed {
            TextView::Raw
        } else {
            TextView::Article
        }
    }
}

/// The searched texts of a store in one view: the index and the way back from folded offsets.
pub(crate) struct View<'a> {
    /// The index of the folded texts (which it does not keep: [`View::folded`]).
    pub(crate) index: &'a Index,
    /// Per document of the raw view, from folded offsets back to the raw text (the article
    /// view's maps are the entries').
    raw_maps: Option<&'a [OffsetMap]>,
    entries: &'a [Entry],
    texts: &'a Texts,
    checks: &'a Checks,
    /// The article index, which documents opened from a snapshot are checked against.
    article: &'a Index,
    which: TextView,
}

/// Document `id`'s raw text, checked on its first read (`check.rs`) against its entry and the
/// article index (`None` only while that index is rebuilt, after [`Checks::settle`]).
fn checked_raw<'a>(
    entries: &[Entry],
    texts: &'a Texts,
    checks: &Checks,
    index: Option<&Index>,
    id: u32,
) -> Cow<'a, str> {
    checks.raw(id, &entries[id as usize], texts.get(id), index)
}

/// Document `id`'s article, assembled from its checked raw text (a damaged document's filler
/// as it is).
fn checked_article<'a>(
    entries: &[Entry],
    texts: &'a Texts,
    checks: &Checks,
    index: Option<&Index>,
    id: u32,
) -> Cow<'a, str> {
    let raw = checked_raw(entries, texts, checks, index, id);
    if checks.damaged(id) {
        raw
    } else {
        entries[id as usize].article(raw)
    }
}

/// Document `id`'s article folded, appended to `out` (a damaged document's filler as long as
/// the index has its folded text).
fn fold_article_into(
    entries: &[Entry],
    texts: &Texts,
    checks: &Checks,
    index: Option<&Index>,
    id: u32,
    out: &mut String,
) {
    let article = checked_article(entries, texts, checks, index, id);
    if checks.damaged(id) {
        out.push_str(&checks.folded_filler(id));
    } else {
        fold_into(&article, out);
    }
}

impl<'a> View<'a> {
    /// The folded text of document `doc` in this view: folded on demand from the view's text
    /// (the cleaned article, assembled, or the raw text), since neither index keeps one.
    pub(crate) fn folded(&self, doc: u32) -> Cow<'a, str> {
        if let Some(text) = self.index.pending_text(doc) {
            return Cow::Borrowed(text);
        }
        let mut out = String::new();
        self.fold_into(doc, &mut out);
        Cow::Owned(out)
    }

    /// [`View::folded`] into `out` (emptied first), for a scan over many documents that
    /// reuses one buffer.
    pub(crate) fn fold_into(&self, doc: u32, out: &mut String) {
        out.clear();
        if let Some(text) = self.index.pending_text(doc) {
            out.push_str(text);
            return;
        }
        match self.which {
            TextView::Raw => fold_into(
                &checked_raw(self.entries, self.texts, self.checks, Some(self.article), doc),
                out,
            ),
            TextView::Article => {
                fold_article_into(self.entries, self.texts, self.checks, Some(self.article), doc, out)
            }
        }
    }

    /// From document `doc`'s folded offsets back to this view's text.
    pub(crate) fn map(&self, doc: u32) -> &'a OffsetMap {
        match self.raw_maps {
            Some(maps) => &maps[doc as usize],
            None => self
                .checks
                .map(doc, &self.entries[doc as usize].fold_offsets),
        }
    }
}

impl Store {
    /// An empty store that holds up to [`MAX_TEXT_BYTES`] of text.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that holds up to `max_text_bytes` of text (at most [`MAX_TEXT_BYTES`]),
    /// for a page that embeds the explorer with a smaller memory budget.
    pub fn with_limit(max_text_bytes: usize) -> Self {
        Store {
            limit: Some(max_text_bytes.min(MAX_TEXT_BYTES)),
            ..Self::default()
        }
    }

    /// Decodes, parses, cleans, folds and indexes one file. Returns the new document's id.
    ///
    /// On error nothing is added and the documents already there are untouched.
    ///
    /// An HTML page (by its name, or bytes starting `<!doctype html`/`<html`) goes through
    /// [`Store::add_html`].
    pub fn add_document(&mut self, name: &str, bytes: &[u8]) -> Result<u32> {
        if is_html(name, bytes) {
            return self.add_html(name, bytes);
        }
        self.add_stated(name, bytes, None, Stated::default())
    }

    /// [`Store::add_document`] of a text that a container gave with metadata beside it
    /// ([`crate::formats`]): `stated` takes the place of what the text says, and `encoding`,
    /// when given, is the container's (a GBK table's rows arrive as UTF-8 text).
    pub fn add_stated(
        &mut self,
        name: &str,
        bytes: &[u8],
        encoding: Option<&'static str>,
        stated: Stated,
    ) -> Result<u32> {
        let decoded = self.decoder.decode(name, bytes)?;
        let limit = self.limit.unwrap_or(MAX_TEXT_BYTES);
        if self.text_bytes + decoded.text.len() > limit {
            return Err(Error::TooLarge {
                name: name.to_owned(),
                limit,
            });
        }
        let mut doc = Document::parse(name, decoded);
        if let Some(encoding) = encoding {
            doc.encoding = encoding;
        }
        let stated = (!stated.is_empty()).then(|| Box::new(stated));
        Ok(self.push(doc, stated))
    }

    /// Adds an HTML page: decoded (byte-order mark, then a clean UTF-8 decode, then the
    /// page's `<meta charset>`, then the detector), its visible text extracted block by block
    /// with the furniture around the article marked ([`crate::extract`]), then cleaned like any
    /// text with the furniture removed first. The document's text is the page's visible text,
    /// so "show removed" shows navigation and comments in place. Returns the new id.
    ///
    /// On error nothing is added and the documents already there are untouched.
    ///
    /// Without the `html` feature (the search-only core), [`Error::HtmlNeedsFullCore`].
    #[cfg(not(feature = "html"))]
    pub fn add_html(&mut self, name: &str, _bytes: &[u8]) -> Result<u32> {
        Err(Error::HtmlNeedsFullCore {
            name: name.to_owned(),
        })
    }

    /// See the `html`-less version above; this is the one that reads pages.
    #[cfg(feature = "html")]
    pub fn add_html(&mut self, name: &str, bytes: &[u8]) -> Result<u32> {
        let declared = declared_charset(bytes);
        let decoded = self.decoder.decode_declared(name, bytes, declared.as_deref())?;
        let page = extract_page(&decoded.text);
        if page.text.trim().is_empty() {
            return Err(Error::WhitespaceOnly {
                name: name.to_owned(),
            });
        }
        let limit = self.limit.unwrap_or(MAX_TEXT_BYTES);
        if self.text_bytes + page.text.len() > limit {
            return Err(Error::TooLarge {
                name: name.to_owned(),
                limit,
            });
        }
        let facts = page.facts();
        let mut doc = Document::parse(
            name,
            crate::decode::Decoded {
                text: page.text,
                ..decoded
            },
        );
        doc.page = Some(Box::new(facts));
        Ok(self.push(doc, None))
    }

    /// A store of documents read back from a snapshot, with their index as saved
    /// ([`crate::snapshot`]): nothing is cleaned or indexed again. The paragraph keys for
    /// copies across documents are rebuilt only if a document is added.
    ///
    /// `texts` holds the entries' texts (deflated), in id order.
    ///
    /// `checks`: what to compare each document's texts with on their first read, when opening
    /// read none of them (`check.rs`); empty when opening checked them all.
    pub(crate) fn from_parts(
        entries: Vec<Entry>,
        texts: Texts,
        index: Index,
        limit: Option<usize>,
        checks: Checks,
    ) -> Store {
        let text_bytes = (0..entries.len() as u32).map(|id| texts.text_len(id)).sum();
        Store {
            entries,
            texts,
            index,
            seen_stale: true,
            text_bytes,
            checks,
            limit: limit.map(|l| l.min(MAX_TEXT_BYTES)),
            ..Store::default()
        }
    }

    /// The size limit given to [`Store::with_limit`], if any.
    pub(crate) fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// Cleans, folds and indexes a parsed document; returns its id.
    fn push(&mut self, doc: Document, stated: Option<Box<Stated>>) -> u32 {
        // The index is built again after this: the documents not read yet are checked
        // against the lists they were opened with, which go then.
        self.checks.settle(&self.index);
        if self.seen_stale {
            self.seen_stale = false;
            for (id, e) in self.entries.iter().enumerate() {
                let index = Some(&self.index);
                let raw = checked_raw(&self.entries, &self.texts, &self.checks, index, id as u32);
                let keys = content_keys(&raw, &e.doc.paragraphs.to_vec(), &e.content());
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                self.seen.insert(id as u32, &keys);
            }
        }
        let furniture = doc.page.as_ref().map_or(&[][..], |p| &p.furniture[..]);
        let paragraphs = doc.paragraphs.to_vec();
        let cleaned = clean_page(&doc.text, &paragraphs, &self.seen, furniture);
        let mut meta = extract_with(&doc.text, &paragraphs, &cleaned.content, doc.page.as_deref());
        drop(paragraphs);
        if let Some(stated) = &stated {
            stated.apply(&mut meta, &doc.text);
        }
        let folded = fold(&cleaned.text);
        let id = self.entries.len() as u32;
        let keys: Vec<&str> = cleaned.keys.iter().map(String::as_str).collect();
        self.seen.insert(id, &keys);
        // The keys were only for `seen`: as long as the text again, they are not kept.
        let mut cleaned = cleaned;
        cleaned.keys = Vec::new();
        self.index.push(&folded.text);
        if let Some(raw) = &mut self.raw {
            let raw_folded = fold(&doc.text);
            raw.index.push(&raw_folded.text);
            raw.offsets.push(raw_folded.offsets);
        }
        self.text_bytes += doc.text.len();
        let mut entry = Entry::new(doc, cleaned, meta, folded.offsets);
        entry.stated = stated;
        self.texts.push(&entry.doc.text);
        entry.doc.text = String::new();
        self.entries.push(entry);
        id
    }

    /// Removes document `id`. The documents after it move up one id, and every document is
    /// cleaned and indexed again in order, since a paragraph removed as a copy of the removed
    /// document's text now belongs to the article it was found in.
    pub fn remove_document(&mut self, id: u32) -> Result<()> {
        self.entry(id)?;
        let raws: Vec<String> = (0..self.entries.len() as u32)
            .map(|i| self.raw(i).into_owned())
            .collect();
        self.texts = Texts::default();
        let mut docs: Vec<(Document, Option<Box<Stated>>)> = std::mem::take(&mut self.entries)
            .into_iter()
            .zip(raws)
            .map(|(mut e, raw)| {
                e.doc.text = raw;
                (e.doc, e.stated)
            })
            .collect();
        docs.remove(id as usize);
        self.rebuild(docs);
        Ok(())
    }

    /// Removes every document; the loaded tables and the size limit stay.
    pub fn clear(&mut self) {
        self.rebuild(Vec::new());
    }

    fn rebuild(&mut self, docs: Vec<(Document, Option<Box<Stated>>)>) {
        self.entries.clear();
        self.texts = Texts::default();
        self.index = Index::default();
        self.raw = None;
        self.seen = Seen::default();
        self.seen_stale = false;
        self.checks = Checks::default();
        self.text_bytes = 0;
        for (doc, stated) in docs {
            self.push(doc, stated);
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A summary of every document, in id order.
    pub fn documents(&self) -> Vec<DocumentInfo> {
        self.entries
            .iter()
            .enumerate()
            // The removed spans' UTF-16 offsets count the characters of the raw text as it
            // decodes, up to the last span's end and unchecked: counting cannot cut a
            // character, and a document whose first read is its check (`check.rs`, folding
            // and hashing it) is not checked here for the list — after reopening 50 MB that
            // was every document with a removed span, half of this call's time, before the
            // page's first search.
            .map(|(id, e)| {
                let id = id as u32;
                e.info(id, |sorted| {
                    self.texts.utf16_at(id, sorted).unwrap_or_else(|| {
                        let last = sorted.last().copied().unwrap_or(0);
                        utf16_offsets(&self.texts.prefix(id, last), sorted)
                    })
                })
            })
            .collect()
    }

    pub(crate) fn entry(&self, id: u32) -> Result<&Entry> {
        self.entries
            .get(id as usize)
            .ok_or(Error::UnknownDocument { id })
    }

    /// The cleaned text of document `id`: the article, without what cleaning removed
    /// (assembled when asked for: the store does not keep it beside the raw text).
    pub fn text(&self, id: u32) -> Result<Cow<'_, str>> {
        Ok(self.entry(id)?.article(self.raw(id)))
    }

    /// The text of document `id` exactly as decoded, removed spans and all.
    pub fn raw_text(&self, id: u32) -> Result<Cow<'_, str>> {
        self.entry(id)?;
        Ok(self.raw(id))
    }

    /// The raw text of document `id` (which must exist): the one way to it, inflated from its
    /// block on demand ([`text::Texts`]) for the reader, snippets, the analyses' scans,
    /// rebuilding after a removal and assembling the article.
    pub(crate) fn raw(&self, id: u32) -> Cow<'_, str> {
        checked_raw(&self.entries, &self.texts, &self.checks, Some(&self.index), id)
    }

    /// The cleaned text (the article) of document `id`, which must exist.
    pub(crate) fn article(&self, id: u32) -> Cow<'_, str> {
        checked_article(&self.entries, &self.texts, &self.checks, Some(&self.index), id)
    }

    /// From document `id`'s cleaned text back to its raw text (which must exist).
    pub(crate) fn clean_map(&self, id: u32) -> &OffsetMap {
        self.checks.map(id, &self.entries[id as usize].cleaned.offsets)
    }

    /// True when a document opened from a snapshot is still to be checked against its text.
    #[cfg(test)]
    pub(crate) fn checks_pending(&self) -> bool {
        self.checks.pending_any()
    }

    /// True when a document opened from a snapshot did not agree with its text.
    #[cfg(test)]
    pub(crate) fn checks_failed(&self) -> bool {
        self.checks.damaged_any()
    }

    /// Heap bytes of what the lazy checks of an opened snapshot's documents hold.
    pub(crate) fn checks_heap_bytes(&self) -> usize {
        self.checks.heap_bytes()
    }

    /// The deflated texts, for the snapshot.
    pub(crate) fn texts(&self) -> &Texts {
        &self.texts
    }

    /// The raw-text index, built (documents folded and pushed) on first use.
    fn raw_index(&mut self) -> &mut RawIndex {
        let (entries, texts, checks) = (&self.entries, &self.texts, &self.checks);
        let article = Some(&self.index);
        let n = self.entries.len() as u32;
        self.raw.get_or_insert_with(|| {
            let mut raw = RawIndex::default();
            for id in 0..n {
                let folded = fold(&checked_raw(entries, texts, checks, article, id));
                raw.index.push(&folded.text);
                raw.offsets.push(folded.offsets);
            }
            raw
        })
    }

    /// Builds what reading `which` needs (the index, or the raw-text index). The indexes keep
    /// no folded text: documents indexed before are folded again for a rebuild.
    pub(crate) fn prepare(&mut self, which: TextView) {
        if which == TextView::Raw {
            self.raw_index();
            let (entries, texts, checks) = (&self.entries, &self.texts, &self.checks);
            let article = Some(&self.index);
            if let Some(raw) = &mut self.raw {
                raw.index.build(|d, out| {
                    fold_into(&checked_raw(entries, texts, checks, article, d), out)
                });
            }
        } else {
            // Built only after a push, which settled the checks: no lists are needed here.
            let (entries, texts, checks) = (&self.entries, &self.texts, &self.checks);
            self.index
                .build(|d, out| fold_article_into(entries, texts, checks, None, d, out));
        }
    }

    /// The parts of the article index a snapshot stores (computed when documents were added
    /// since the last build, the earlier ones folded again).
    pub(crate) fn index_parts(&self) -> crate::index::Parts<'_> {
        self.index
            .parts(|d, out| self.view(TextView::Article).fold_into(d, out))
    }

    /// The folded article of document `id` (what the index searches), folded on demand.
    pub(crate) fn folded_article(&self, id: u32) -> Cow<'_, str> {
        self.view(TextView::Article).folded(id)
    }

    /// The searched texts; [`Store::prepare`] must have run for this view.
    pub(crate) fn view(&self, which: TextView) -> View<'_> {
        match (&self.raw, which) {
            (Some(raw), TextView::Raw) => View {
                index: &raw.index,
                raw_maps: Some(&raw.offsets),
                entries: &self.entries,
                texts: &self.texts,
                checks: &self.checks,
                article: &self.index,
                which: TextView::Raw,
            },
            _ => View {
                index: &self.index,
                raw_maps: None,
                entries: &self.entries,
                texts: &self.texts,
                checks: &self.checks,
                article: &self.index,
                which: TextView::Article,
            },
        }
    }

    /// The way back from document `id`'s folded text in view `which` to the view's text.
    pub(crate) fn offset_map(&self, which: TextView, id: u32) -> &OffsetMap {
        match (&self.raw, which) {
            (Some(raw), TextView::Raw) => &raw.offsets[id as usize],
            _ => self.checks.map(id, &self.entries[id as usize].fold_offsets),
        }
    }

    /// Documents `ids` are about to be read: those opened from a snapshot and not read yet
    /// are checked against the index's lists all at once ([`Checks::ahead`]), cheaper than
    /// one at a time.
    pub(crate) fn reading(&self, ids: &[u32]) {
        self.checks.ahead(ids, &self.index);
    }

    /// The text of `id` in view `which`: the cleaned article or the raw text.
    pub(crate) fn view_text(&self, id: u32, which: TextView) -> Cow<'_, str> {
        match which {
            TextView::Raw => self.raw(id),
            TextView::Article => self.article(id),
        }
    }

    /// At least the first `stop` bytes of `id`'s text in view `which` (all of it when the
    /// article is assembled from the raw text, or shorter): what a hit's snippets need,
    /// without decoding the rest of a long text.
    pub(crate) fn view_text_prefix(&self, id: u32, which: TextView, stop: usize) -> Cow<'_, str> {
        match which {
            // A sound document's article is assembled only as far as `stop` reaches, from the
            // start of its raw text (a line more than the article's `stop` maps to).
            TextView::Article if !self.entries[id as usize].article_is_raw() => {
                let e = &self.entries[id as usize];
                let raw = || self.texts.prefix(id, e.cleaned.offsets.to_original(stop) + 256);
                let start = (self.checks.sound(id)).then(|| {
                    article_prefix(&raw(), e.doc.paragraphs.iter(), &e.cleaned.removed, stop)
                });
                start.flatten().map_or_else(|| self.article(id), Cow::Owned)
            }
            // A text opened from a snapshot is checked whole on its first read; once sound,
            // its start is enough.
            _ if self.checks.sound(id) => self.texts.prefix(id, stop),
            _ => self.raw(id),
        }
    }

    /// [`Store::view_text_prefix`], from a character boundary at or up to three bytes past
    /// `from` when the view is the raw text and sound (the characters before are decoded,
    /// not kept), from the first paragraph at or before `from` when it is an article
    /// assembled from a sound raw text ([`Store::article_window`]), from the start otherwise:
    /// where the text given starts, and the text.
    pub(crate) fn view_text_window(
        &self,
        id: u32,
        which: TextView,
        from: usize,
        stop: usize,
    ) -> (usize, Cow<'_, str>) {
        let raw = matches!(which, TextView::Raw)
            || self.entries.get(id as usize).is_some_and(Entry::article_is_raw);
        if self.checks.sound(id) {
            if raw {
                return self.texts.window(id, from, stop);
            }
            if let Some(window) = self.article_window(id, from, stop) {
                return window;
            }
        }
        (0, self.view_text_prefix(id, which, stop))
    }

    /// Document `id`'s article (assembled from its raw text) from the paragraph holding the
    /// article's byte `from` on, to at least `stop`: its raw text decoded from that
    /// paragraph's start ([`Texts::window`]) and assembled from there ([`article_window`]),
    /// the cleaning map saying where its first piece is in the article. `None` when that is
    /// not worth it (`from` near the start) or cannot be told (the caller then assembles
    /// from the start).
    fn article_window(&self, id: u32, from: usize, stop: usize) -> Option<(usize, Cow<'_, str>)> {
        if from < text::MARK_BYTES {
            return None;
        }
        let e = self.entries.get(id as usize)?;
        let map = &e.cleaned.offsets;
        let raw_from = map.to_original(from);
        // The last paragraph that starts at or before it.
        let (k, start) = e
            .doc
            .paragraphs
            .iter()
            .map(|p| p.start)
            .enumerate()
            .take_while(|&(_, start)| start <= raw_from)
            .last()?;
        let (at, raw) = self.texts.window(id, start, map.to_original(stop) + 256);
        let paragraphs = e.doc.paragraphs.iter().skip(k);
        // Where the article window begins, it is at most as far before `from` as its first
        // piece is before `raw_from` in the raw text (cleaning only takes out): enough for
        // `stop`.
        let wanted = stop.saturating_sub(from).saturating_add(raw_from - start);
        let (first, article) = article_window(&raw, at, paragraphs, &e.cleaned.removed, wanted)?;
        let begins = map.to_folded(first?);
        (begins <= from.saturating_add(3)).then_some((begins, Cow::Owned(article)))
    }

    /// A range of document `id`'s view text as a range of its folded text.
    pub(crate) fn to_folded(&self, id: u32, range: &Range<usize>, which: TextView) -> Range<usize> {
        let map = self.view(which).map(id);
        map.to_folded(range.start)..map.to_folded(range.end)
    }

    /// Installs the GB18030/Big5 tables from the bytes of `data/encodings.bin`, which files in
    /// those encodings need in the browser (the wasm build does not embed them; natively they
    /// are embedded and loading replaces them). A file that is not the tables file, or is cut
    /// off or damaged, gives [`Error::BadEncodingTables`] and changes nothing.
    pub fn load_encoding_tables(&mut self, bytes: &[u8]) -> Result<()> {
        self.decoder.load_tables(bytes)
    }

    /// True when [`Store::add_document`] would refuse these bytes for want of the GB18030/Big5
    /// tables.
    pub fn needs_encoding_tables(&self, bytes: &[u8]) -> bool {
        self.decoder.needs_tables(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::seed_corpus;

    /// A window of any view, deep in a text or near its start, of a corpus built here and of
    /// the same opened from its snapshot: the view's text from a boundary at or up to three
    /// bytes past `from` (or from earlier), to at least `stop`. The seeds' articles have
    /// removed spans, blank lines and duplicated passages: the article is assembled from a
    /// paragraph deep in the raw text, decoded from the mark before it.
    #[test]
    fn a_window_is_the_view_s_text_from_where_it_says() {
        let built = seed_corpus();
        let opened = crate::Corpus::open(&built.save()).unwrap();
        for corpus in [&built, &opened] {
            let store = corpus.store();
            let mut deep = 0;
            for id in 0..store.len() as u32 {
                for which in [TextView::Article, TextView::Raw] {
                    let whole = store.view_text(id, which).into_owned();
                    for from in (0..whole.len() + 2).step_by(29) {
                        let stop = from + 150;
                        let (at, w) = store.view_text_window(id, which, from, stop);
                        assert!(at <= from + 3 && whole.is_char_boundary(at), "{id} {from} {at}");
                        assert!(whole[at..].starts_with(w.as_ref()), "{id} {which:?} {from}");
                        assert!(at + w.len() >= stop.min(whole.len()), "{id} {which:?} {from}: {at}+{} of {}", w.len(), whole.len());
                        deep += usize::from(at > 0);
                    }
                }
            }
            assert!(deep > 100, "{deep} windows past the start");
        }
    }
}
