//! Which blocks are the article: the container whose text is densest in sentences and poorest
//! in links, by the scoring Readability made common (each paragraph scores its container in
//! full, the container's parent by half and grandparent by a third), adapted to Chinese: a
//! paragraph's score counts Chinese and Latin sentence punctuation, since Chinese has no spaces
//! between words and commas are its clauses.

use super::furniture::Kind;
use super::tree::{Block, Element, Tree, NONE};

/// Why a block is not the article, or `None` when it is.
pub(super) type Verdict = Option<(Kind, String)>;

/// Paragraph-like elements: their text scores the element around them.
fn is_inline_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "span"
            | "font"
            | "b"
            | "strong"
            | "em"
            | "i"
            | "a"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "td"
            | "pre"
            | "blockquote"
            | "u"
            | "br"
            | "section"
    )
}

/// Sentence punctuation, Chinese and Latin: the signal that a block is prose, not a menu.
fn is_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '！' | '？' | '；' | '、' | '：' | '“' | '”' | ',' | '.' | '!' | '?' | ';'
    )
}

/// Characters that count as text (letters, digits, ideographs), not spaces or symbols.
fn is_text_char(c: char) -> bool {
    c.is_alphanumeric()
}

pub(super) struct Measures {
    pub(super) chars: usize,
    pub(super) punct: usize,
}

pub(super) fn measure(text: &str) -> Measures {
    let mut m = Measures { chars: 0, punct: 0 };
    for c in text.chars() {
        if is_text_char(c) {
            m.chars += 1;
        } else if is_punct(c) {
            m.punct += 1;
        }
    }
    m
}

fn ancestors(elements: &[Element], from: u32) -> impl Iterator<Item = u32> + '_ {
    std::iter::successors((from != NONE).then_some(from), move |&e| {
        let p = elements[e as usize].parent;
        (p != NONE).then_some(p)
    })
}

/// The container of a block: its element, or that element's parent when the element is a
/// paragraph-like one.
fn container(elements: &[Element], block: &Block) -> u32 {
    let mut e = block.elem;
    while e != NONE && is_inline_block(&elements[e as usize].tag) {
        e = elements[e as usize].parent;
    }
    e
}

/// Least text (letters and ideographs) under the chosen container for the choice to stand;
/// below it the page is not an article page (an index, a short notice), and only the blocks
/// marked as furniture are removed.
const MIN_ARTICLE_CHARS: usize = 120;

/// The verdict for every block of the tree, in order.
pub(super) fn select(tree: &Tree, headline: Option<&str>) -> Vec<Verdict> {
    let els = &tree.elements;
    let n = els.len();
    let mut score = vec![0f64; n];
    let mut chars = vec![0usize; n];
    let mut links = vec![0usize; n];
    let measures: Vec<Measures> = tree.blocks.iter().map(|b| measure(&b.text)).collect();
    for (b, m) in tree.blocks.iter().zip(&measures) {
        for a in ancestors(els, b.elem) {
            chars[a as usize] += m.chars;
            links[a as usize] += b.link_chars.min(m.chars);
        }
        let own = m.chars.saturating_sub(b.link_chars);
        if own < 10 || b.heading > 0 {
            continue;
        }
        let s = 1.0 + m.punct as f64 + (m.chars as f64 / 100.0).min(3.0);
        let c = container(els, b);
        for (level, a) in ancestors(els, c).take(3).enumerate() {
            score[a as usize] += s / (level as f64 + 1.0);
        }
    }
    let mut best: Option<(usize, f64)> = None;
    for i in 0..n {
        if score[i] == 0.0 {
            continue;
        }
        let density = links[i] as f64 / chars[i].max(1) as f64;
        let mut s = score[i] * (1.0 - density);
        if els[i].article_hint {
            s *= 1.5;
        }
        if els[i]
            .furniture
            .as_ref()
            .is_some_and(|(_, w)| !w.starts_with('~'))
        {
            s *= 0.3;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    // Siblings of the chosen container that score nearly as well are the same article split in
    // several boxes (pages 1 and 2 of a long text, a lead and a body).
    let mut chosen: Vec<u32> = Vec::new();
    if let Some((b, s)) = best.filter(|&(b, _)| chars[b] >= MIN_ARTICLE_CHARS) {
        chosen.push(b as u32);
        let parent = els[b].parent;
        // A page that says where its article is (<article>, articleBody) is taken at its word.
        let parent = if els[b].article_hint { NONE } else { parent };
        for i in 0..n {
            if i != b && els[i].parent == parent && parent != NONE && els[i].furniture.is_none() {
                let density = links[i] as f64 / chars[i].max(1) as f64;
                if score[i] * (1.0 - density) >= (s * 0.3).max(8.0) {
                    chosen.push(i as u32);
                }
            }
        }
    }
    let first_chosen = tree
        .blocks
        .iter()
        .position(|b| ancestors(els, b.elem).any(|a| chosen.contains(&a)));
    tree.blocks
        .iter()
        .zip(&measures)
        .enumerate()
        .map(|(i, (b, m))| verdict(els, b, m, &chosen, i < first_chosen.unwrap_or(0), headline))
        .collect()
}

fn verdict(
    els: &[Element],
    b: &Block,
    m: &Measures,
    chosen: &[u32],
    before: bool,
    headline: Option<&str>,
) -> Verdict {
    // The nearest element marked as furniture below the article (or anywhere, outside it).
    let mut flag: Option<(Kind, String)> = None;
    let mut inside = false;
    for a in ancestors(els, b.elem) {
        if chosen.contains(&a) {
            inside = true;
            break;
        }
        if flag.is_none() {
            if let Some((kind, word)) = &els[a as usize].furniture {
                flag = Some((*kind, format!("in {word}")));
            }
        }
    }
    // A position word (left, right, top) says nothing about what lies inside the article.
    if inside
        && flag
            .as_ref()
            .is_some_and(|(_, note)| note.starts_with("in ~"))
    {
        flag = None;
    }
    let is_headline = headline.is_some_and(|h| !h.is_empty() && b.text == h);
    if is_headline && b.heading > 0 {
        return None;
    }
    if let Some(f) = flag {
        return Some(f);
    }
    let link_heavy = b.link_chars * 2 > m.chars && m.chars > 0;
    if chosen.is_empty() {
        // Not an article page: only what is marked, and lists of links, go.
        return link_heavy.then(|| (Kind::Navigation, "links".to_owned()));
    }
    if inside {
        return link_heavy.then(|| (Kind::Related, "links inside the article".to_owned()));
    }
    if is_headline {
        return None;
    }
    if link_heavy {
        return Some((Kind::Navigation, "links".to_owned()));
    }
    Some(if before {
        (Kind::Header, "before the article".to_owned())
    } else {
        (Kind::Footer, "after the article".to_owned())
    })
}
