//! The session: one corpus as the page uses it — the [`Store`], the [`Searcher`] (name
//! variants, entity-mention cache) and the analysis [`Words`] (segmenter, user lexicon,
//! token streams) — behind the API that the `wasm` module binds, method for method.
//!
//! Every method is a few lines handing the request to the part that owns it; the only thing
//! the session adds is keeping the caches honest: when the store's documents change, the
//! searcher and the word streams forget what they had learnt about them.

use crate::analyse::collocates::{self, CollocateOptions, Collocates};
use crate::analyse::concordance::{self, Concordance, ConcordanceOptions};
use crate::analyse::export::{self, SegmentedDocument, SegmentedOptions};
use crate::analyse::figures::{self, CorpusFigure};
use crate::analyse::found::{self, FoundWords, FoundWordsOptions};
use crate::analyse::frequency::{self, FrequencyList, FrequencyOptions};
use crate::analyse::keywords::{
    self, KeywordOptions, Keywords, ReferenceKeywordOptions, ReferenceKeywords,
};
use crate::analyse::trends::{self, Dispersion, TermOptions, Trends};
use crate::analyse::Words;
use crate::error::{Error, Result};
use crate::formats::{self, AddOptions, FileAdded, Format, Item, Problem, TableReader, TableSample};
use crate::query::Entity;
use crate::search::{Piece, ReaderParagraph, SearchOptions, SearchResults, Searcher};
use crate::snapshot;
use crate::store::{DocumentInfo, Memory, Store, TextView};
use crate::stories::{Stories, StoryList};

/// A searchable, analysable collection of documents (`Corpus` in JavaScript and at the crate
/// root).
///
/// ```
/// use corpus_explorer::{Corpus, search::SearchOptions};
/// let mut corpus = Corpus::new();
/// corpus.add_document("tw.txt", "京東與快手合作".as_bytes()).unwrap();
/// corpus.add_document("cn.txt", "京东与快手合作".as_bytes()).unwrap();
/// let results = corpus.search("京东", &SearchOptions::default()).unwrap();
/// assert_eq!(results.total, 2);
/// // Matches are shown in the script the document is written in.
/// assert_eq!(results.hits[0].snippets[0].matched, "京東");
/// ```
#[derive(Debug, Default)]
pub struct Session {
    store: Store,
    /// The table being added chunk by chunk ([`Session::begin_table`]), if any.
    table: Option<TableReader>,
    /// The near-duplicate groups, kept in step with the store's documents.
    stories: Stories,
    searcher: Searcher,
    words: Words,
}

impl Session {
    /// An empty corpus that holds up to [`crate::store::MAX_TEXT_BYTES`] of text.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty corpus that holds up to `max_text_bytes` of text (at most
    /// [`crate::store::MAX_TEXT_BYTES`]), for a page that embeds the explorer with a smaller
    /// memory budget.
    pub fn with_limit(max_text_bytes: usize) -> Self {
        Session {
            store: Store::with_limit(max_text_bytes),
            ..Self::default()
        }
    }

    /// The parts a sharded corpus is written from ([`crate::shard::write`]).
    pub(crate) fn shard_parts(&mut self) -> (&mut Store, &mut Searcher, Vec<u32>) {
        let leads = self.stories.leads();
        (&mut self.store, &mut self.searcher, leads)
    }

    /// The whole corpus as one snapshot ([`crate::snapshot`]): documents, cleaning,
    /// metadata, the index, the name variants and the user's words; not the word list, which
    /// [`Session::load_dictionary`] loads again.
    pub fn save(&self) -> Vec<u8> {
        snapshot::write(
            &self.store,
            self.searcher.variants(),
            self.words.user_words(),
            &self.stories,
        )
    }

    /// [`Session::save`] a section at a time ([`snapshot::write_parts`]): each section handed
    /// to `part` as soon as it is written, the header returned last; the snapshot is the
    /// header followed by the parts. The page saves so, keeping wasm memory to one section.
    /// Documents added since the last search are indexed for the file and the lists dropped
    /// (as [`Session::save`] does): building and keeping them here was measured at 10 MB to
    /// raise the wasm memory after the save from 45.6 to 51.8 MiB.
    pub fn save_in_parts(&self, part: &mut dyn FnMut(&[u8])) -> Vec<u8> {
        snapshot::write_parts(
            &self.store,
            self.searcher.variants(),
            self.words.user_words(),
            &self.stories,
            part,
        )
    }

    /// The corpus a snapshot holds, answering every call as the one that saved it, with
    /// nothing cleaned or indexed again. Bytes that are not a snapshot, or one that is newer,
    /// cut off or damaged, give an error saying which ([`Error::NotASnapshot`],
    /// [`Error::SnapshotTooNew`], [`Error::SnapshotTruncated`], [`Error::SnapshotDamaged`]).
    pub fn open(bytes: &[u8]) -> Result<Session> {
        Session::open_from(&mut &bytes[..])
    }

    /// [`Session::open`] reading the snapshot a section at a time from `source`
    /// ([`snapshot::Source`]), so that the whole of it is never in memory beside the corpus
    /// (the page reads it out of a JavaScript array); a source that fails or ends early is an
    /// error saying so ([`Error::SnapshotUnreadable`], [`Error::SnapshotTruncated`]).
    pub fn open_from(source: &mut dyn snapshot::Source) -> Result<Session> {
        let parts = snapshot::read_from(source)?;
        let mut words = Words::new();
        for word in &parts.user_words {
            words.add_word(word).map_err(|_| Error::SnapshotDamaged {
                section: "WORD".into(),
                problem: format!("“{word}” is not a word"),
            })?;
        }
        // The stories come from the signatures the snapshot kept (`STOR`), at the default
        // threshold (the page replays the reader's); a snapshot written before that section
        // has them computed again from the folded articles.
        let stories = parts.stories.unwrap_or_else(|| {
            let mut stories = Stories::default();
            stories.rebuild(&parts.store);
            stories
        });
        Ok(Session {
            store: parts.store,
            stories,
            searcher: Searcher::with_variants(parts.variants),
            words,
            table: None,
        })
    }

    /// Adds the documents of a snapshot made by [`Session::save`] after this corpus's own
    /// ("open a corpus file and add it"), with the name variants and words its user added.
    /// Returns the new documents' ids, in the snapshot's order.
    ///
    /// The snapshot keeps each article's text exactly as decoded, so its documents are
    /// cleaned and indexed again here, as if their files were added: an opened snapshot's
    /// index cannot be spliced into this one, and cleaning looks across documents (a
    /// paragraph repeated in another article). A file that came in GB18030 or Big5 is then
    /// said to be UTF-8, which is what its decoded text is.
    ///
    /// All or nothing: bytes that are not a sound snapshot give the error of
    /// [`Session::open`] and change nothing; when the documents would pass the size limit,
    /// the ones added are taken out again and [`Error::TooLarge`] names the first refused.
    pub fn add_snapshot(&mut self, bytes: &[u8]) -> Result<Vec<u32>> {
        let other = Session::open(bytes)?;
        let mut ids = Vec::with_capacity(other.len());
        for info in other.documents() {
            let raw = other.raw_text(info.id)?;
            match self.add_document(&info.name, raw.as_bytes()) {
                Ok(id) => ids.push(id),
                Err(error) => {
                    for id in ids.into_iter().rev() {
                        self.remove_document(id)?;
                    }
                    return Err(error);
                }
            }
        }
        let added = other.searcher.variants();
        for name in added.added() {
            if self.searcher.variants().find(name).is_some() {
                continue; // a name this corpus knows already keeps its entity here
            }
            if let Some(entity) = added.find(name) {
                // Its written form, when the entity lists it so; else the folded name.
                let written = entity
                    .variants
                    .iter()
                    .find(|v| crate::fold::fold_query(v) == *name)
                    .map_or(name.as_str(), String::as_str);
                self.searcher.add_variant(&entity.canonical, written)?;
            }
        }
        for word in other.words.user_words() {
            if !self.words.user_words().contains(word) {
                self.words.add_word(word)?;
            }
        }
        Ok(ids)
    }

    /// The documents and everything derived from them.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Files document `id`, just added to the store, in the stories (their signatures
    /// computed again first in a corpus opened from a snapshot, which holds none).
    fn push_story(&mut self, id: u32) {
        self.stories.restore(&self.store);
        self.stories.push(&self.store.folded_article(id));
    }

    /// The store changed: what search and analysis had learnt about its documents is stale.
    fn forget_documents(&mut self) {
        self.searcher.forget_documents();
        self.words.forget_documents();
    }

    /// Decodes, parses, cleans, folds and indexes one file. Returns the new document's id.
    ///
    /// On error nothing is added and the documents already there are untouched.
    pub fn add_document(&mut self, name: &str, bytes: &[u8]) -> Result<u32> {
        let id = self.store.add_document(name, bytes)?;
        self.push_story(id);
        self.forget_documents();
        Ok(id)
    }

    /// Adds an HTML page: its visible text, with the navigation, comments and other furniture
    /// around the article removed (and shown with "show removed"), and its headline, date,
    /// site and author from the markup first ([`Store::add_html`]). [`Session::add_document`]
    /// sends HTML here by itself (by name, or by `<!doctype html`/`<html` at the start).
    pub fn add_html(&mut self, name: &str, bytes: &[u8]) -> Result<u32> {
        let id = self.store.add_html(name, bytes)?;
        self.push_story(id);
        self.forget_documents();
        Ok(id)
    }

    /// Adds any file: plain text, HTML, a table (CSV, TSV, JSON Lines, JSON: one document per
    /// row), a ZIP archive (every entry, as a folder), a DOCX; what it is comes from its bytes
    /// and its extension ([`formats::sniff`]). Whatever cannot be added — the file itself, a
    /// row, an archive entry — is listed in `problems` with its reason, and the rest is added.
    ///
    /// ```
    /// use corpus_explorer::{Corpus, formats::AddOptions};
    /// let mut corpus = Corpus::new();
    /// let csv = "标题,发布时间,来源,正文\n快手电商,2021-03-05,新华网,快手与京东合作。\n";
    /// let added = corpus.add_file("news.csv", csv.as_bytes(), &AddOptions::default());
    /// assert_eq!(added.ids, [0]);
    /// let doc = &corpus.documents()[0];
    /// assert_eq!((doc.title.as_str(), doc.date.as_deref()), ("快手电商", Some("2021-03-05")));
    /// ```
    pub fn add_file(&mut self, name: &str, bytes: &[u8], options: &AddOptions) -> FileAdded {
        self.add_file_with_progress(name, bytes, options, &mut |_, _| {})
    }

    /// [`Session::add_file`], calling `progress(bytes read, bytes in all)` as a table or an
    /// archive is read (for the command line and the worker's progress bar).
    pub fn add_file_with_progress(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: &AddOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> FileAdded {
        let mut added = FileAdded::default();
        self.add_any(name, bytes, options, 0, progress, &mut added);
        progress(bytes.len(), bytes.len());
        added
    }

    /// [`Session::add_file`] of one file or archive entry, `depth` archives deep.
    fn add_any(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: &AddOptions,
        depth: usize,
        progress: &mut dyn FnMut(usize, usize),
        added: &mut FileAdded,
    ) {
        let problem = |e: Error| Problem {
            file: name.to_owned(),
            row: None,
            message: e.to_string(),
        };
        let sniffed = formats::sniff(name, bytes);
        match sniffed {
            Format::Text | Format::Html => {
                let result = if sniffed == Format::Html {
                    self.add_html(name, bytes)
                } else {
                    self.add_document(name, bytes)
                };
                match result {
                    Ok(id) => added.ids.push(id),
                    Err(e) => added.problems.push(problem(e)),
                }
            }
            Format::Table(kind) => {
                let mut reader = TableReader::new(name, kind, options.mapping.clone());
                let mut items = Vec::new();
                // Slices of 1 MB, as the worker streams a File: the same code path.
                for (i, chunk) in bytes.chunks(1 << 20).enumerate() {
                    if let Err(e) = reader.push(chunk, &self.store.decoder, &mut items) {
                        added.problems.push(problem(e));
                        return;
                    }
                    for item in items.drain(..) {
                        self.take(item, added);
                    }
                    progress((i + 1) * (1 << 20), bytes.len());
                }
                if let Err(e) = reader.finish(&self.store.decoder, &mut items) {
                    added.problems.push(problem(e));
                }
                for item in items {
                    self.take(item, added);
                }
            }
            Format::Zip if depth >= MAX_ARCHIVE_DEPTH => added.problems.push(Problem {
                file: name.to_owned(),
                row: None,
                message: format!("is an archive inside {MAX_ARCHIVE_DEPTH} archives; unpack it and add its files."),
            }),
            Format::Zip => {
                let mut entries = Vec::new();
                // Entries are inflated first and added after: an archive's text is bounded by
                // formats::zip::MAX_TOTAL_BYTES.
                match formats::zip::walk(name, bytes, &mut |path, data| entries.push((path, data))) {
                    Ok(problems) => {
                        let total = entries.len();
                        for (i, (path, data)) in entries.into_iter().enumerate() {
                            self.add_any(&path, &data, options, depth + 1, &mut |_, _| {}, added);
                            progress(bytes.len() * (i + 1) / total.max(1), bytes.len());
                        }
                        added.problems.extend(problems);
                    }
                    Err(e) => added.problems.push(problem(e)),
                }
            }
            Format::Docx => match formats::docx::read(name, bytes) {
                Ok((text, stated)) => self.take(Item::Document {
                    name: name.to_owned(),
                    bytes: text.into_bytes(),
                    html: false,
                    encoding: None,
                    stated,
                }, added),
                Err(e) => added.problems.push(problem(e)),
            },
            Format::Pdf => added.problems.push(Problem {
                file: name.to_owned(),
                row: None,
                message: "is a PDF, which cannot be added yet: save or export its text as \
                          .txt or .docx and add that (a scanned PDF has no text at all and needs \
                          OCR first)."
                    .into(),
            }),
        }
    }

    /// Adds one item of a file: a document (its extra fields kept) or a problem.
    fn take(&mut self, item: Item, added: &mut FileAdded) {
        match item {
            Item::Document { name, bytes, html, encoding, stated } => {
                let result = if html {
                    self.add_html(&name, &bytes)
                } else {
                    self.store.add_stated(&name, &bytes, encoding, stated).inspect(|&id| {
                        self.push_story(id);
                        self.forget_documents();
                    })
                };
                match result {
                    Ok(id) => added.ids.push(id),
                    Err(e) => added.problems.push(Problem {
                        file: name,
                        row: None,
                        message: e.to_string(),
                    }),
                }
            }
            Item::Problem(p) => added.problems.push(p),
        }
    }


    /// Starts adding the table `name` chunk by chunk ([`Session::push_table`]), for a file
    /// too large to hold whole; a table begun before and not finished is dropped (its rows
    /// added so far stay).
    pub fn begin_table(&mut self, name: &str, options: &AddOptions) -> Result<()> {
        let Format::Table(kind) = formats::sniff(name, b"") else {
            return Err(Error::BadFile {
                name: name.to_owned(),
                message: "is not a table (.csv, .tsv, .jsonl, .json).".into(),
            });
        };
        self.table = Some(TableReader::new(name, kind, options.mapping.clone()));
        Ok(())
    }

    /// Reads the next chunk of the table begun with [`Session::begin_table`] and adds the rows
    /// it completes. An error (the encoding needs the GB18030/Big5 tables first) keeps the
    /// table open when it comes from the first chunk, so the chunk can be given again.
    pub fn push_table(&mut self, chunk: &[u8]) -> Result<FileAdded> {
        let mut reader = self.table.take().ok_or_else(no_table)?;
        let mut items = Vec::new();
        let first = reader.encoding().is_none();
        if let Err(e) = reader.push(chunk, &self.store.decoder, &mut items) {
            if first {
                self.table = Some(reader);
            }
            return Err(e);
        }
        self.table = Some(reader);
        let mut added = FileAdded::default();
        for item in items {
            self.take(item, &mut added);
        }
        Ok(added)
    }

    /// Reads what is left of the table and closes it.
    pub fn finish_table(&mut self) -> Result<FileAdded> {
        let mut reader = self.table.take().ok_or_else(no_table)?;
        let mut items = Vec::new();
        let mut added = FileAdded::default();
        let result = reader.finish(&self.store.decoder, &mut items);
        for item in items {
            self.take(item, &mut added);
        }
        result.map(|()| added)
    }

    /// The columns, first rows and guessed mapping of a table, adding nothing: what the page
    /// shows before the reader confirms the mapping. Only the first megabyte is read.
    pub fn inspect_table(&self, name: &str, bytes: &[u8]) -> Result<TableSample> {
        match formats::sniff(name, bytes) {
            Format::Table(kind) => TableReader::inspect(name, kind, bytes, &self.store.decoder),
            _ => Err(Error::BadFile {
                name: name.to_owned(),
                message: "is not a table (.csv, .tsv, .jsonl, .json).".into(),
            }),
        }
    }

    /// Removes document `id`; the documents after it move up one id and every document is
    /// cleaned again in order ([`Store::remove_document`]).
    pub fn remove_document(&mut self, id: u32) -> Result<()> {
        self.store.remove_document(id)?;
        // The store cleaned every document again, so any article may have changed.
        self.stories.rebuild(&self.store);
        self.forget_documents();
        Ok(())
    }

    /// Removes every document; loaded dictionary, lexicon, variants and tables stay.
    pub fn clear(&mut self) {
        self.store.clear();
        self.stories.clear();
        self.forget_documents();
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.store.is_empty()
    }

    /// A summary of every document, in id order.
    pub fn documents(&self) -> Vec<DocumentInfo> {
        self.store.documents()
    }

    /// The cleaned text of document `id`: the article, without what cleaning removed.
    pub fn text(&self, id: u32) -> Result<std::borrow::Cow<'_, str>> {
        self.store.text(id)
    }

    /// The text of document `id` exactly as decoded, removed spans and all.
    pub fn raw_text(&self, id: u32) -> Result<std::borrow::Cow<'_, str>> {
        self.store.raw_text(id)
    }

    /// What the corpus holds in memory, by part (the index as last built).
    pub fn memory(&self) -> Memory {
        self.store.memory()
    }

    /// Installs the GB18030/Big5 tables ([`Store::load_encoding_tables`]).
    pub fn load_encoding_tables(&mut self, bytes: &[u8]) -> Result<()> {
        self.store.load_encoding_tables(bytes)
    }

    /// True when [`Session::add_document`] would refuse these bytes for want of the
    /// GB18030/Big5 tables.
    pub fn needs_encoding_tables(&self, bytes: &[u8]) -> bool {
        self.store.needs_encoding_tables(bytes)
    }

    /// The groups of near-duplicate documents (stories of two or more).
    pub fn stories(&self) -> StoryList {
        self.stories.list()
    }

    /// Sets the story similarity threshold (0.3 to 1) and regroups from the kept signatures.
    pub fn set_story_threshold(&mut self, threshold: f64) -> Result<StoryList> {
        self.stories.restore(&self.store);
        self.stories.set_threshold(threshold)?;
        Ok(self.stories.list())
    }

    /// The extra heap bytes the stories hold (signatures, bands, groups).
    pub fn stories_memory(&self) -> usize {
        self.stories.heap_bytes()
    }

    /// Per document, whether a statistic counts it when `one_per_story` asks for a story once:
    /// `None` (count everything) otherwise.
    fn counted(&self, one_per_story: bool) -> Option<Vec<bool>> {
        one_per_story.then(|| self.stories.counted())
    }

    /// Searches the corpus ([`Searcher::search`]); with `collapse`, a story counts once.
    pub fn search(&mut self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let leads = options.collapse.then(|| self.stories.leads());
        self.searcher
            .search(&mut self.store, query, options, leads.as_deref())
    }

    /// The reader's view of document `id` ([`Searcher::reader`]).
    pub fn reader(
        &mut self,
        id: u32,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<ReaderParagraph>> {
        self.searcher.reader(&mut self.store, id, query, options)
    }

    /// The cleaned text of document `id` cut into pieces, every match of `query` marked.
    pub fn highlight(&mut self, id: u32, query: &str) -> Result<Vec<Piece>> {
        self.searcher.highlight(&mut self.store, id, query)
    }

    /// Adds `variant` as another name of the entity `canonical` (created if new), for name
    /// variant search and the entity facet.
    pub fn add_variant(&mut self, canonical: &str, variant: &str) -> Result<()> {
        self.searcher.add_variant(canonical, variant)
    }

    /// Removes a name variant the user added. The segmenter keeps it as a word until the
    /// dictionary is next loaded, which changes no search result.
    pub fn remove_variant(&mut self, variant: &str) -> Result<()> {
        self.searcher.remove_variant(variant)
    }

    /// All entities and their names, built-in and added.
    pub fn entities(&self) -> &[Entity] {
        self.searcher.entities()
    }

    /// Loads the word list for segmentation ([`Words::load_dictionary`]); the names of the
    /// variant table become words too.
    pub fn load_dictionary(&mut self, bytes: &[u8]) -> Result<usize> {
        self.words.load_dictionary(bytes, self.searcher.variants())
    }

    /// True once [`Session::load_dictionary`] has succeeded.
    pub fn has_dictionary(&self) -> bool {
        self.words.has_dictionary()
    }

    /// Adds a word to the user's lexicon ([`Words::add_word`]).
    pub fn add_word(&mut self, word: &str) -> Result<()> {
        self.words.add_word(word)
    }

    /// The user's lexicon, in the order the words were added.
    pub fn user_words(&self) -> &[String] {
        self.words.user_words()
    }

    /// The concordance of `query`.
    pub fn concordance(
        &mut self,
        query: &str,
        options: &ConcordanceOptions,
    ) -> Result<Concordance> {
        let counted = self.counted(options.one_per_story);
        let (store, searcher, words) = (&mut self.store, &mut self.searcher, &mut self.words);
        concordance::concordance(store, searcher, words, query, options, counted.as_deref())
    }

    /// The collocates of `query`.
    pub fn collocates(&mut self, query: &str, options: &CollocateOptions) -> Result<Collocates> {
        let counted = self.counted(options.one_per_story);
        let (store, searcher, words) = (&mut self.store, &mut self.searcher, &mut self.words);
        collocates::collocates(store, searcher, words, query, options, counted.as_deref())
    }

    /// The keywords of document `id` against the rest of the corpus. With `one_per_story`
    /// the rest counts each story once and leaves out `id`'s own story (its copies would
    /// otherwise cancel its keywords).
    pub fn keywords(&mut self, id: u32, options: &KeywordOptions) -> Result<Keywords> {
        let rest = options.one_per_story.then(|| {
            let leads = self.stories.leads();
            let own = leads.get(id as usize).copied().unwrap_or(id);
            leads
                .iter()
                .enumerate()
                .map(|(d, &lead)| lead as usize == d && lead != own)
                .collect::<Vec<bool>>()
        });
        keywords::keywords(
            &mut self.store,
            &mut self.words,
            id,
            options,
            rest.as_deref(),
        )
    }

    /// A frequency list of words, characters or n-grams.
    pub fn frequencies(&mut self, options: &FrequencyOptions) -> Result<FrequencyList> {
        let counted = self.counted(options.one_per_story);
        frequency::frequencies(
            &mut self.store,
            &mut self.words,
            options,
            counted.as_deref(),
        )
    }

    /// Where each of `terms` occurs along each document, with its DP.
    pub fn dispersion(&mut self, terms: &[String], options: &TermOptions) -> Result<Dispersion> {
        let counted = self.counted(options.one_per_story);
        let (store, searcher) = (&mut self.store, &mut self.searcher);
        trends::dispersion(store, searcher, terms, options, counted.as_deref())
    }

    /// How often each of `terms` occurs in each document, documents ordered by date.
    pub fn trends(&mut self, terms: &[String], options: &TermOptions) -> Result<Trends> {
        let counted = self.counted(options.one_per_story);
        let (store, searcher) = (&mut self.store, &mut self.searcher);
        trends::trends(store, searcher, terms, options, counted.as_deref())
    }

    /// The words of `text` as the corpus would cut it, as pieces of `text`
    /// ([`export::segment_text`]). Needs the dictionary.
    pub fn segment(&self, text: &str) -> Result<Vec<String>> {
        export::segment_text(&self.words, text)
    }

    /// Words of the corpus that neither the dictionary nor the lexicon knows, best first
    /// ([`found::found_words`]). Needs the dictionary.
    pub fn found_words(&mut self, options: &FoundWordsOptions) -> Result<FoundWords> {
        found::found_words(&mut self.store, &self.words, options)
    }

    /// The cleaned articles a query selects cut into words, for export
    /// ([`export::segmented_documents`]). Needs the dictionary.
    pub fn segmented_documents(
        &mut self,
        options: &SegmentedOptions,
    ) -> Result<Vec<SegmentedDocument>> {
        let (store, searcher, words) = (&mut self.store, &mut self.searcher, &mut self.words);
        export::segmented_documents(store, searcher, words, options)
    }

    /// Loads the reference list of general Chinese ([`Words::load_reference`]).
    pub fn load_reference(&mut self, bytes: &[u8]) -> Result<usize> {
        self.words.load_reference(bytes)
    }

    /// True once [`Session::load_reference`] has succeeded.
    pub fn has_reference(&self) -> bool {
        self.words.has_reference()
    }

    /// Keywords of the documents a query selects (all of them for an empty one) against
    /// general Chinese ([`keywords::reference_keywords_for`]).
    pub fn reference_keywords(
        &mut self,
        options: &ReferenceKeywordOptions,
    ) -> Result<ReferenceKeywords> {
        let (store, searcher, words) = (&mut self.store, &mut self.searcher, &mut self.words);
        keywords::reference_keywords_for(store, searcher, words, options)
    }

    /// Every figure of every document's text in view `which` (the article, or the raw text).
    pub fn figures(&self, which: TextView) -> Vec<CorpusFigure> {
        self.figures_of(which, false)
    }

    /// [`Session::figures`], with `one_per_story` of one document per story (its lead).
    pub fn figures_of(&self, which: TextView, one_per_story: bool) -> Vec<CorpusFigure> {
        let counted = self.counted(one_per_story);
        figures::table(&self.store, which, counted.as_deref())
    }
}

/// How many archives deep an archive is still opened (a ZIP in a ZIP is; one more is not).
const MAX_ARCHIVE_DEPTH: usize = 2;

fn no_table() -> Error {
    Error::BadFile {
        name: "(table)".into(),
        message: "no table is being added: call beginTable first.".into(),
    }
}

#[cfg(test)]
mod tests;
