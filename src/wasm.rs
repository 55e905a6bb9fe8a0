//! The JavaScript API: the only module that knows about wasm-bindgen.
//!
//! Each method is a few lines that call [`crate::Corpus`] and convert the answer: plain JS
//! objects through `serde-wasm-bindgen`, and every [`crate::Error`] into a JS `Error` whose
//! message is the error's text. Nothing here panics on input from JavaScript.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::search::SearchOptions;

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

fn options(value: JsValue) -> Result<SearchOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(SearchOptions::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("search options are not understood: {e}")))
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

    /// `[{ id, name, title, chars, paragraphs, script, traditionalShare, encoding }]`.
    pub fn documents(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.documents())
    }

    /// `{ query, folded, total, occurrences, hits: [{ id, name, title, count, snippets }] }`.
    /// `options`: `{ limit, offset, snippets, context }`, all optional.
    pub fn search(&mut self, query: &str, options_value: JsValue) -> Result<JsValue, JsError> {
        let options = options(options_value)?;
        to_js(&self.inner.search(query, &options))
    }

    /// The text of document `id`, exactly as decoded.
    pub fn text(&self, id: u32) -> Result<String, JsError> {
        Ok(self.inner.text(id)?.to_owned())
    }

    /// The text of document `id` cut into `[{ text, match }]` pieces, matches of `query` marked.
    pub fn highlight(&mut self, id: u32, query: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.highlight(id, query)?)
    }
}
