//! The figures table: every figure of every document, with its document, title and sentence.
//! Finding figures in one text is [`super::figures`]'s concern; this only walks the store.

use serde::Serialize;

use super::Figure;
use crate::store::{Store, TextView};

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

/// Every figure of every document's text in view `which`.
pub fn table(store: &Store, which: TextView) -> Vec<CorpusFigure> {
    let mut out = Vec::new();
    for id in 0..store.len() as u32 {
        let text = store.view_text(id, which);
        let title = store.entries[id as usize].title();
        for figure in super::figures(text) {
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
