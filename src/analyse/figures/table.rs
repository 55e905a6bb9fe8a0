//! The figures table: every figure of every document, with its document, title and sentence.
//! Finding figures in one text is [`super::figures`]'s concern; this only walks the store.

use serde::Serialize;

use super::Figure;
use crate::analyse::{is_counted, Counted};
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
    /// True when the table counted one document per story (`onePerStory`); left out of the
    /// answer otherwise, so the table reads as before.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stories_once: bool,
}

/// Every figure of every document's text in view `which`.
///
/// With `counted` (`onePerStory`) only the documents it keeps: a story's figures once.
pub fn table(store: &Store, which: TextView, counted: Counted) -> Vec<CorpusFigure> {
    let mut out = Vec::new();
    for id in (0..store.len() as u32).filter(|&id| is_counted(counted, id)) {
        let text = store.view_text(id, which);
        let text: &str = &text;
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
                stories_once: counted.is_some(),
            });
        }
    }
    out
}
