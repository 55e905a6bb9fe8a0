//! The corpus-facing entry: every figure of every document, with its document and sentence.
//!
//! [`corpus_figures`] is a free function over the corpus, so it moves unchanged when the corpus
//! becomes a store that knows nothing of analysis; [`Corpus::figures`] only calls it.

use serde::Serialize;

use super::{figures, Figure};
use crate::corpus::Corpus;

/// A figure of the corpus, as the figures table shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CorpusFigure {
    /// The document.
    pub id: u32,
    /// Its title.
    pub title: String,
    /// The figure.
    #[serde(flatten)]
    pub figure: Figure,
    /// The sentence it stands in, as written.
    pub sentence_text: String,
    /// How many times the figure's text occurs earlier in the document, so the reader can
    /// open at this one when it searches for the text.
    pub occurrence: usize,
}

/// Every figure of every document's cleaned text (the raw text with `include_removed`), in
/// document order, then text order.
pub fn corpus_figures(corpus: &Corpus, include_removed: bool) -> Vec<CorpusFigure> {
    let mut out = Vec::new();
    for id in 0..corpus.len() as u32 {
        let text = corpus.view_text(id, include_removed);
        let title = corpus.entries[id as usize].title();
        for figure in figures(text) {
            let occurrence = text[..figure.range.start]
                .matches(figure.text.as_str())
                .count();
            out.push(CorpusFigure {
                id,
                title: title.clone(),
                sentence_text: text[figure.sentence.clone()].to_owned(),
                occurrence,
                figure,
            });
        }
    }
    out
}

impl Corpus {
    /// Every figure of every document's cleaned text (the raw text with `include_removed`);
    /// see [`corpus_figures`].
    pub fn figures(&self, include_removed: bool) -> Vec<CorpusFigure> {
        corpus_figures(self, include_removed)
    }
}
