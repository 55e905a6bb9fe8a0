//! The JavaScript API: the only module that knows about wasm-bindgen.
//!
//! Each method is a few lines that call [`crate::Corpus`] and convert the answer: plain JS
//! objects through `serde-wasm-bindgen`, and every [`crate::Error`] into a JS `Error` whose
//! message is the error's text. Nothing here panics on input from JavaScript.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[cfg(feature = "analysis")]
use crate::analyse::{
    collocates::CollocateOptions, concordance::ConcordanceOptions, frequency::FrequencyOptions,
    keywords::KeywordOptions, trends::TermOptions,
};
use crate::search::SearchOptions;
#[cfg(feature = "analysis")]
use crate::store::TextView;

/// A searchable collection of Chinese documents.
#[wasm_bindgen(js_name = Corpus)]
#[derive(Default)]
pub struct JsCorpus {
    inner: crate::Corpus,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not hand the result to JavaScript: {e}")))
}

/// Reads an optional options object; `undefined` and `null` give the defaults.
fn options<T: Default + DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("{what} options are not understood: {e}")))
}

/// A snapshot in a JavaScript `Uint8Array`, read a range at a time
/// ([`crate::snapshot::Source`]): the array stays in JavaScript's memory and only the section
/// being read is copied into wasm memory, which keeps its high-water mark for good.
struct JsBytes(js_sys::Uint8Array);

impl JsBytes {
    /// The bytes of a `Uint8Array` (a Node `Buffer` is one) or an `ArrayBuffer`.
    fn new(value: JsValue) -> Result<JsBytes, JsError> {
        use wasm_bindgen::JsCast;
        if value.is_instance_of::<js_sys::ArrayBuffer>() {
            return Ok(JsBytes(js_sys::Uint8Array::new(&value)));
        }
        value
            .dyn_into::<js_sys::Uint8Array>()
            .map(JsBytes)
            .map_err(|_| JsError::new("Corpus.open takes the bytes of a saved corpus: a Uint8Array or an ArrayBuffer"))
    }
}

impl crate::snapshot::Source for JsBytes {
    fn len(&self) -> u64 {
        self.0.length() as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, String> {
        // A detached array (its buffer transferred meanwhile) has length 0: a short read, which
        // the reader reports as a cut-off snapshot.
        let len = self.0.length() as u64;
        let from = offset.min(len);
        let to = offset.saturating_add(buf.len() as u64).min(len);
        let n = (to - from) as usize;
        self.0
            .subarray(from as u32, to as u32)
            .copy_to(&mut buf[..n]);
        Ok(n)
    }
}

/// One entity of the variant table, as JavaScript sees it.
#[derive(Serialize)]
struct EntityInfo<'a> {
    canonical: &'a str,
    kind: &'a str,
    variants: &'a [String],
}

/// Options of `text()` and `reader()`.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ViewOptions {
    /// `text()`: the original exactly, instead of the cleaned article.
    raw: bool,
    /// `reader()`: match the query in removed spans too.
    include_removed: bool,
    /// `reader()`: expand entity names to their variants, as the search does.
    variants: bool,
    /// `figures()`: one document per story (its lead).
    one_per_story: bool,
}

#[wasm_bindgen(js_class = Corpus)]
impl JsCorpus {
    /// An empty corpus.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsCorpus {
        JsCorpus::default()
    }

    /// Adds a file's bytes under `name`; returns the new document's id. Throws an `Error`
    /// saying what is wrong with unusable input; the corpus is then unchanged.
    #[wasm_bindgen(js_name = addDocument)]
    pub fn add_document(&mut self, name: &str, bytes: &[u8]) -> Result<u32, JsError> {
        Ok(self.inner.add_document(name, bytes)?)
    }

    /// Removes document `id`; the documents after it move up one id.
    #[wasm_bindgen(js_name = removeDocument)]
    pub fn remove_document(&mut self, id: u32) -> Result<(), JsError> {
        Ok(self.inner.remove_document(id)?)
    }

    /// Removes every document (to replace the corpus); dictionary, lexicon and variants stay.
    pub fn clear(&mut self) {
        self.inner.clear();
    }

    /// `[{ id, name, title, date, source, url, author, chars, keptChars, paragraphs, script,
    /// traditionalShare, encoding, removed: [{ start, end, reason, note }] }]`; `removed`
    /// ranges are UTF-16 offsets into the raw text.
    pub fn documents(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.documents())
    }

    /// `{ query, total, documents, occurrences, hits: [{ id, name, title, date, source, script,
    /// count, score, snippets, variants, copies? }], facets: { source, script, year, entity } }`.
    /// `options`: `{ limit, offset, snippets, context, includeRemoved, variants, sort, collapse
    /// }`, all optional; `sort` is `"relevance"`, `"date"` or `"order"`. With `collapse` a
    /// story counts once: `total` counts stories, `documents` matching documents, and a hit
    /// carries `copies: [{ id, name, title }]`, its story's other matching members. Throws an
    /// `Error` naming the problem for a malformed query.
    pub fn search(&mut self, query: &str, options_value: JsValue) -> Result<JsValue, JsError> {
        let options: SearchOptions = options(options_value, "search")?;
        to_js(&self.inner.search(query, &options)?)
    }

    /// The cleaned text of document `id`; with `{ raw: true }` the original exactly.
    pub fn text(&self, id: u32, options_value: JsValue) -> Result<String, JsError> {
        let view: ViewOptions = options(options_value, "text")?;
        Ok(if view.raw {
            self.inner.raw_text(id)?.into_owned()
        } else {
            self.inner.text(id)?.into_owned()
        })
    }

    /// The reader's view of document `id`: `[{ removed, note, pieces: [{ text, match,
    /// removed, note }] }]`, one entry per paragraph of the original, matches of `query`
    /// marked. `options`: `{ includeRemoved, variants }`.
    pub fn reader(
        &mut self,
        id: u32,
        query: &str,
        options_value: JsValue,
    ) -> Result<JsValue, JsError> {
        let view: ViewOptions = options(options_value, "reader")?;
        let search = SearchOptions::matching(view.include_removed, view.variants);
        to_js(&self.inner.reader(id, query, &search)?)
    }

    /// Adds `variant` as another name of `canonical` (an entity is created if new). Throws an
    /// `Error` when the name is too short or already names another entity.
    #[wasm_bindgen(js_name = addVariant)]
    pub fn add_variant(&mut self, canonical: &str, variant: &str) -> Result<(), JsError> {
        Ok(self.inner.add_variant(canonical, variant)?)
    }

    /// Removes a name variant the user added; throws for a built-in one.
    #[wasm_bindgen(js_name = removeVariant)]
    pub fn remove_variant(&mut self, variant: &str) -> Result<(), JsError> {
        Ok(self.inner.remove_variant(variant)?)
    }

    /// `[{ canonical, kind, variants }]`: the name-variant table, built-in and added.
    pub fn entities(&self) -> Result<JsValue, JsError> {
        let list: Vec<EntityInfo> = self
            .inner
            .entities()
            .iter()
            .map(|e| EntityInfo {
                canonical: &e.canonical,
                kind: &e.kind,
                variants: &e.variants,
            })
            .collect();
        to_js(&list)
    }

    /// Installs the GB18030/Big5 tables: the bytes of `data/encodings.bin`, which the page
    /// fetches only when `needsEncodingTables` says a file needs them. Throws an `Error` saying
    /// what is wrong when the bytes are not that file, or are cut off or damaged.
    #[wasm_bindgen(js_name = loadEncodingTables)]
    pub fn load_encoding_tables(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        Ok(self.inner.load_encoding_tables(bytes)?)
    }

    /// True when `addDocument` would refuse these bytes for want of the GB18030/Big5 tables:
    /// they are neither UTF-8 nor UTF-16, not empty or binary, and no tables are loaded.
    #[wasm_bindgen(js_name = needsEncodingTables)]
    pub fn needs_encoding_tables(&self, bytes: &[u8]) -> bool {
        self.inner.needs_encoding_tables(bytes)
    }

    /// The cleaned text of document `id` cut into `[{ text, match }]` pieces, matches of
    /// `query` marked.
    pub fn highlight(&mut self, id: u32, query: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.highlight(id, query)?)
    }

    /// `{ threshold, documents, stories: [{ lead, members: [{ id, similarity }] }] }`: groups of
    /// two or more near-duplicate documents (reposts); `lead` is the one added first, `members`
    /// the others with their estimated similarity to it (0..1).
    pub fn stories(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.stories())
    }

    /// Sets the story similarity threshold (0.3 to 1; 0.6 at first) and regroups from the kept
    /// signatures; answers as `stories()`. Throws an `Error` outside the range.
    #[wasm_bindgen(js_name = setStoryThreshold)]
    pub fn set_story_threshold(&mut self, threshold: f64) -> Result<JsValue, JsError> {
        to_js(&self.inner.set_story_threshold(threshold)?)
    }

    /// The whole corpus as one snapshot, a `Uint8Array` to keep or download: documents,
    /// cleaning, metadata, the index, name variants and user words (not the word list).
    /// Written a section at a time, each copied out to JavaScript at once, so wasm memory
    /// (which never shrinks) holds one section beside the corpus, never the whole file.
    pub fn save(&self) -> js_sys::Uint8Array {
        let mut parts: Vec<js_sys::Uint8Array> = Vec::new();
        let header = self
            .inner
            .save_in_parts(&mut |body| parts.push(js_sys::Uint8Array::from(body)));
        let total = header.len() as u32 + parts.iter().map(|p| p.length()).sum::<u32>();
        let out = js_sys::Uint8Array::new_with_length(total);
        out.set(&js_sys::Uint8Array::from(&header[..]), 0);
        let mut at = header.len() as u32;
        for part in parts {
            out.set(&part, at);
            at += part.length();
        }
        out
    }

    /// Adds the documents of a snapshot made by `save()` after this corpus's own, with its
    /// user's name variants and words; returns their new ids. Throws an `Error` saying what
    /// is wrong (not a snapshot, newer, cut off, damaged, too large) and changes nothing.
    #[wasm_bindgen(js_name = addSnapshot)]
    pub fn add_snapshot(&mut self, bytes: &[u8]) -> Result<Vec<u32>, JsError> {
        Ok(self.inner.add_snapshot(bytes)?)
    }

    /// `Corpus.open(bytes)`: the corpus a snapshot made by `save()` holds (a `Uint8Array` or an
    /// `ArrayBuffer`), answering every call as the one saved. Throws an `Error` saying what is
    /// wrong when the bytes are not a snapshot, or one written by a newer version, cut off or
    /// damaged. The bytes stay in JavaScript: their sections are copied into wasm memory one
    /// at a time while the corpus is built (`JsBytes`), never the whole file beside it.
    pub fn open(bytes: JsValue) -> Result<JsCorpus, JsError> {
        Ok(JsCorpus {
            inner: crate::Corpus::open_from(&mut JsBytes::new(bytes)?)?,
        })
    }
}

/// The word-level and analysis API: left out of the search-only build (`--no-default-features`),
/// which the page loads first so that the first search waits for less code; see
/// ARCHITECTURE.md, "Two builds of one crate".
#[cfg(feature = "analysis")]
#[wasm_bindgen(js_class = Corpus)]
impl JsCorpus {
    /// Loads the word list for word-level views: the bytes of the dictionary file
    /// (`dict/words.txt`). Returns the number of words. Throws an `Error` saying what the
    /// bytes are instead when they are not a word list.
    #[wasm_bindgen(js_name = loadDictionary)]
    pub fn load_dictionary(&mut self, bytes: &[u8]) -> Result<usize, JsError> {
        Ok(self.inner.load_dictionary(bytes)?)
    }

    /// True once the dictionary is loaded.
    #[wasm_bindgen(js_name = hasDictionary)]
    pub fn has_dictionary(&self) -> bool {
        self.inner.has_dictionary()
    }

    /// Adds a word to the user lexicon; every word statistic is recomputed on next use.
    #[wasm_bindgen(js_name = addWord)]
    pub fn add_word(&mut self, word: &str) -> Result<(), JsError> {
        Ok(self.inner.add_word(word)?)
    }

    /// The user lexicon, in the order added.
    #[wasm_bindgen(js_name = userWords)]
    pub fn user_words(&self) -> Vec<String> {
        self.inner.user_words().to_vec()
    }

    /// `{ query, total, unit, lines: [{ id, title, left, match, right, clippedLeft,
    /// clippedRight, occurrence }] }`. `options`: `{ width, sort: ["1R", "2R", "1L", "2L",
    /// "match"…], offset, limit, unit: "word"|"char", includeRemoved, variants }`.
    pub fn concordance(&mut self, query: &str, options_value: JsValue) -> Result<JsValue, JsError> {
        let options: ConcordanceOptions = options(options_value, "concordance")?;
        to_js(&self.inner.concordance(query, &options)?)
    }

    /// `{ terms, dp, counts, docs: [{ id, title, chars, marks: [{ term, at, occurrence }] }] }`
    /// for a list of queries. `options`: `{ includeRemoved, variants }`.
    pub fn dispersion(
        &mut self,
        terms: Vec<String>,
        options_value: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: TermOptions = options(options_value, "dispersion")?;
        to_js(&self.inner.dispersion(&terms, &options)?)
    }

    /// `{ unit, tokens, types, rows: [{ item, freq, per10k, docs, dp }] }`. `options`: `{ unit:
    /// "word"|"char"|"ngram", n, doc, stopwords, punctuation, minFreq, offset, limit,
    /// includeRemoved }`.
    pub fn frequencies(&mut self, options_value: JsValue) -> Result<JsValue, JsError> {
        let options: FrequencyOptions = options(options_value, "frequency")?;
        to_js(&self.inner.frequencies(&options)?)
    }

    /// `{ query, node, tokens, unit, rows: [{ item, freq, left, right, total, logDice, g2, mi
    /// }] }`. `options`: `{ left, right, minFreq, sort: "logdice"|"g2"|"mi"|"freq", stopwords,
    /// punctuation, limit, unit, includeRemoved, variants }`.
    pub fn collocates(&mut self, query: &str, options_value: JsValue) -> Result<JsValue, JsError> {
        let options: CollocateOptions = options(options_value, "collocate")?;
        to_js(&self.inner.collocates(query, &options)?)
    }

    /// `{ id, tokens, tokensRest, unit, rows: [{ item, freq, freqRest, docs, logRatio, g2 }] }`.
    /// `options`: `{ minG2, minFreq, negative, stopwords, punctuation, limit, unit,
    /// includeRemoved }`.
    pub fn keywords(&mut self, id: u32, options_value: JsValue) -> Result<JsValue, JsError> {
        let options: KeywordOptions = options(options_value, "keyword")?;
        to_js(&self.inner.keywords(id, &options)?)
    }

    /// `{ terms, docs: [{ id, title, date, chars, counts, per10k }] }`, documents by date.
    /// `options`: `{ includeRemoved, variants }`.
    pub fn trends(
        &mut self,
        terms: Vec<String>,
        options_value: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: TermOptions = options(options_value, "trend")?;
        to_js(&self.inner.trends(&terms, &options)?)
    }

    /// `[{ id, title, kind: "amount"|"percent"|"date"|"count", text, value, valueTo, unit, iso,
    /// range, sentence, sentenceText, occurrence }]`: every figure of the corpus. `options`:
    /// `{ includeRemoved, onePerStory }`; with `onePerStory` each row also says `storiesOnce:
    /// true`.
    pub fn figures(&self, options_value: JsValue) -> Result<JsValue, JsError> {
        let view: ViewOptions = options(options_value, "figures")?;
        to_js(&self.inner.figures_of(
            TextView::including_removed(view.include_removed),
            view.one_per_story,
        ))
    }
}

/// The words API of issue 14: any text segmented as the corpus cuts it, the words found in
/// this corpus, the corpus exported segmented, and keywords against general Chinese. Each
/// method calls the session, which hands it to `analyse/export.rs`, `found.rs` or `keywords.rs`.
#[cfg(feature = "analysis")]
#[wasm_bindgen(js_class = Corpus)]
impl JsCorpus {
    /// The words of `text` as the corpus would cut it (dictionary, new-word model, user
    /// lexicon), as pieces of `text` in its own script. Needs the word list.
    pub fn segment(&self, text: &str) -> Result<Vec<String>, JsError> {
        Ok(self.inner.segment(text)?)
    }

    /// `{ rows: [{ word, count, docs, cohesion, leftEntropy, rightEntropy, score }], chars,
    /// sampled }`: words of the corpus the word list lacks, best first. `options`: `{ maxLen,
    /// minCount, minCohesion, minFreedom, limit, maxChars }`.
    #[wasm_bindgen(js_name = foundWords)]
    pub fn found_words(&mut self, options_value: JsValue) -> Result<JsValue, JsError> {
        let options = options(options_value, "found-word")?;
        to_js(&self.inner.found_words(&options)?)
    }

    /// `[{ id, name, title, date, source, text }]`: the cleaned articles' words separated by
    /// spaces, paragraphs by `\n`. `options`: `{ query }` (empty: every document).
    #[wasm_bindgen(js_name = segmentedDocuments)]
    pub fn segmented_documents(&mut self, options_value: JsValue) -> Result<JsValue, JsError> {
        let options = options(options_value, "export")?;
        to_js(&self.inner.segmented_documents(&options)?)
    }

    /// Loads the reference list of general Chinese (the bytes of `dict/reference.txt`);
    /// returns the number of words it lists.
    #[wasm_bindgen(js_name = loadReference)]
    pub fn load_reference(&mut self, bytes: &[u8]) -> Result<usize, JsError> {
        Ok(self.inner.load_reference(bytes)?)
    }

    /// True once the reference list is loaded.
    #[wasm_bindgen(js_name = hasReference)]
    pub fn has_reference(&self) -> bool {
        self.inner.has_reference()
    }

    /// `{ tokens, referenceTokens, subset: { query, docs }, unit, rows: [{ item, freq,
    /// freqReference, docs, logRatio, g2 }] }`. `options`: `{ query, stopwords, minG2, minFreq,
    /// negative, limit, hanOnly }`; `query` selects the documents (empty: the whole corpus).
    #[wasm_bindgen(js_name = referenceKeywords)]
    pub fn reference_keywords(&mut self, options_value: JsValue) -> Result<JsValue, JsError> {
        let options = options(options_value, "reference keyword")?;
        to_js(&self.inner.reference_keywords(&options)?)
    }
}

/// Files of any format, on the full core only (tables, archives and DOCX need `csv-core`,
/// `serde_json`, `rawzip` and `miniz_oxide`, which the search core the page starts on leaves
/// out; the page moves to the full core before adding the reader's files anyway).
#[cfg(feature = "analysis")]
#[wasm_bindgen(js_class = Corpus)]
impl JsCorpus {
    /// Adds any file — text, HTML, `.csv`/`.tsv`/`.jsonl`/`.json` (one document per row), `.zip`
    /// (every entry), `.docx` — and answers `{ ids, problems: [{ file, row, message }] }`: what
    /// was added, and each file, archive entry or row refused with its reason. `options`:
    /// `{ mapping: { content, title, date, source, url, author, ignore } }` for a table
    /// (column names; guessed when absent).
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: &str, bytes: &[u8], options_value: JsValue) -> Result<JsValue, JsError> {
        let options: crate::formats::AddOptions = options(options_value, "addFile")?;
        to_js(&self.inner.add_file(name, bytes, &options))
    }

    /// `{ columns, rows, guess, encoding }`: a table's columns, first rows and the mapping its
    /// column names suggest, adding nothing. Throws for a file that is not a table.
    #[wasm_bindgen(js_name = inspectTable)]
    pub fn inspect_table(&self, name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        to_js(&self.inner.inspect_table(name, bytes)?)
    }

    /// Starts adding a large table chunk by chunk (`pushTable`, then `finishTable`).
    #[wasm_bindgen(js_name = beginTable)]
    pub fn begin_table(&mut self, name: &str, options_value: JsValue) -> Result<(), JsError> {
        let options: crate::formats::AddOptions = options(options_value, "beginTable")?;
        Ok(self.inner.begin_table(name, &options)?)
    }

    /// Reads the next chunk of the table and adds the rows it completes: `{ ids, problems }`.
    /// Throws when the first chunk needs the GB18030/Big5 tables (load them and push it again).
    #[wasm_bindgen(js_name = pushTable)]
    pub fn push_table(&mut self, chunk: &[u8]) -> Result<JsValue, JsError> {
        to_js(&self.inner.push_table(chunk)?)
    }

    /// Reads the rest of the table and closes it: `{ ids, problems }`.
    #[wasm_bindgen(js_name = finishTable)]
    pub fn finish_table(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.inner.finish_table()?)
    }
}

/// What this build of the core offers: `{ version, analysis, sharded, methods }`, so the page asks
/// instead of guessing from export names. `analysis` is false in the search-only build
/// (`--no-default-features`), whose `methods` (the `Corpus` methods by their JS names) then
/// leave out the word-level and analysis API; `sharded` says whether `ShardedCorpus` is there
/// (the archive core a sharded site starts on). `tests/node/cores.test.mjs` checks the lists
/// against each build's exports.
#[wasm_bindgen]
pub fn capabilities() -> Result<JsValue, JsError> {
    const SEARCH: &str = "addDocument removeDocument clear documents search text reader \
        addVariant removeVariant entities loadEncodingTables needsEncodingTables highlight \
        stories setStoryThreshold save open addSnapshot";
    const ANALYSIS: &str = "loadDictionary hasDictionary addWord userWords concordance \
        dispersion frequencies collocates keywords trends figures \
        segment foundWords segmentedDocuments loadReference hasReference referenceKeywords \
        addFile inspectTable beginTable pushTable finishTable";
    #[derive(Serialize)]
    struct Capabilities {
        version: &'static str,
        analysis: bool,
        /// Whether `ShardedCorpus` is in this build (the `sharded` feature).
        sharded: bool,
        methods: Vec<&'static str>,
    }
    let analysis = cfg!(feature = "analysis");
    let extra = if analysis { ANALYSIS } else { "" };
    let methods = SEARCH.split_whitespace().chain(extra.split_whitespace());
    to_js(&Capabilities {
        version: env!("CARGO_PKG_VERSION"),
        analysis,
        sharded: cfg!(feature = "sharded"),
        methods: methods.collect(),
    })
}

/// A corpus read from a sharded site ([`crate::shard`]): the root first, then the shards
/// `needed` names, then `search` (issue 16). `www/sharded.js` runs the fetching. Only in
/// the full core for now (the `sharded` feature): the page has no sharded path yet, and the
/// reader (inflate, a second instance of the search engine) must not grow the first load
/// until it does.
#[cfg(feature = "sharded")]
#[wasm_bindgen(js_name = ShardedCorpus)]
pub struct JsShardedCorpus {
    inner: crate::shard::ShardedCorpus,
}

#[cfg(feature = "sharded")]
#[wasm_bindgen(js_class = ShardedCorpus)]
impl JsShardedCorpus {
    /// Opens the root (`root.bin`'s bytes); refuses bytes that are not one.
    pub fn open(root: &[u8]) -> Result<JsShardedCorpus, JsError> {
        Ok(JsShardedCorpus {
            inner: crate::shard::ShardedCorpus::open(root)?,
        })
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    /// The file names (relative to the root's folder) `query` still needs; empty when
    /// `search` can answer.
    pub fn needed(&self, query: &str, options_value: JsValue) -> Result<Vec<String>, JsError> {
        let options: SearchOptions = options(options_value, "search")?;
        Ok(self
            .inner
            .needed(query, &options)?
            .iter()
            .map(crate::shard::ShardId::name)
            .collect())
    }

    /// Adds one fetched shard; refuses bytes that are not the file `name` names.
    #[wasm_bindgen(js_name = addShard)]
    pub fn add_shard(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
        Ok(self.inner.add_shard(name, bytes)?)
    }

    /// Searches like `Corpus.search`, once every needed shard is added.
    pub fn search(&self, query: &str, options_value: JsValue) -> Result<JsValue, JsError> {
        let options: SearchOptions = options(options_value, "search")?;
        to_js(&self.inner.search(query, &options)?)
    }

    /// `{ id, name, title, date, source, url, chars, keptChars, script }` of document `id`, once
    /// its document shard is added (`readerNeeded` names it).
    pub fn document(&self, id: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.document(id)?)
    }

    /// The file names `reader(id, query, options)` still needs: the query's postings, the
    /// document's fields and its text. `options`: `{ includeRemoved, variants }`.
    #[wasm_bindgen(js_name = readerNeeded)]
    pub fn reader_needed(
        &self,
        id: u32,
        query: &str,
        options_value: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let view: ViewOptions = options(options_value, "reader")?;
        let search = SearchOptions::matching(view.include_removed, view.variants);
        Ok(self
            .inner
            .reader_needed(id, query, &search)?
            .iter()
            .map(crate::shard::ShardId::name)
            .collect())
    }

    /// As `Corpus.reader`: `[{ removed, note, pieces: [{ text, match }] }]`, one entry per line
    /// of the cleaned article (the raw text with `includeRemoved`); a sharded site keeps no
    /// removed spans, so none is marked.
    pub fn reader(&self, id: u32, query: &str, options_value: JsValue) -> Result<JsValue, JsError> {
        let view: ViewOptions = options(options_value, "reader")?;
        let search = SearchOptions::matching(view.include_removed, view.variants);
        to_js(&self.inner.reader(id, query, &search)?)
    }
}
