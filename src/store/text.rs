//! The documents' raw texts, kept coded with a Huffman code over characters built from the
//! corpus itself ([`code::Code`]) and decoded on demand, one document at a time, through one
//! accessor ([`Texts::get`]).
//!
//! Why: the raw text was the second largest part of a corpus in memory (9.71 MiB of 27.3 at
//! 10 MB of poetry, issue 15). Deflated in blocks of whole documents of 4 KiB (format 3) it
//! kept 0.60 of the text (0.65 with a cache of inflated blocks), and every snippet inflated a
//! whole block (~37 µs with miniz_oxide); coded per character it keeps 0.44 and a document
//! decodes on its own, with nothing cached (measured figures: tests/bench/RESULTS.md, "Raw
//! text coded per character").
//!
//! The code is made from the characters of the texts held when it is made, and made again
//! (every document decoded with the old code and coded with the new) whenever the text has
//! doubled since: adding documents one by one so recodes at most about twice the text in
//! all, and the code fits what the corpus is now. A character the code does not know yet is
//! written escaped (its scalar value in 21 bits) until then. A snapshot stores the code and
//! each document's bits as they are (format 4's `TEXT`), so opening copies them and codes
//! nothing again.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub(crate) mod code;
pub(crate) use code::{Code, MARK_BYTES};
use code::Mark;

/// Coded bytes per page: documents are appended to a page of this capacity until the next
/// one does not fit (a document longer than that is a page of its own), so the pages waste
/// at most one page's room and no single allocation grows with the corpus.
const PAGE_BYTES: usize = 64 << 10;

/// Where one document's bits lie: its page and its first byte there (they end where the next
/// document's begin, or with the page), and the byte length of its text.
#[derive(Debug, Clone, Copy)]
struct Slot {
    page: u32,
    start: u32,
    len: u32,
}

/// The raw texts of a store's documents, in id order.
#[derive(Debug, Default)]
pub(crate) struct Texts {
    code: Code,
    slots: Vec<Slot>,
    pages: Vec<Vec<u8>>,
    /// Per document, where decoding can start inside it ([`Code::marks`]), found the first
    /// time a window deep in it is read ([`Texts::window`]: one pass over its bits, nothing
    /// written) and kept, since the code and bits do not change until the next recode.
    marks: Vec<OnceLock<Box<[u32]>>>,
    /// Bytes of text held, and held when the code was made.
    total: usize,
    coded_at: usize,
}

/// What reading a document whose bits do not decode to its text gives (a damaged or forged
/// snapshot that passed its checksum), so that nothing panics; opening refuses such a
/// snapshot ([`crate::snapshot`] compares every text's length).
const UNREADABLE: &str = "";

impl Texts {
    /// Appends the next document's text, coded; the code is made again first when the text
    /// held would be more than twice what it was made from.
    pub(crate) fn push(&mut self, text: &str) {
        self.total += text.len();
        if self.total > 2 * self.coded_at {
            self.recode(text);
        }
        let mut bits = Vec::new();
        self.code.encode(text, &mut bits);
        self.append(&bits, text.len());
    }

    /// A code made from every text held and `next`, and every held text coded with it.
    fn recode(&mut self, next: &str) {
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        let mut count = |text: &str| {
            for c in text.chars() {
                *counts.entry(c as u32).or_insert(0) += 1;
            }
        };
        for id in 0..self.slots.len() as u32 {
            count(&self.get(id));
        }
        count(next);
        // The escape, as likely as a character seen once (Good–Turing's estimate of a new
        // one).
        let once = counts.values().filter(|&&n| n == 1).count() as u32;
        counts.insert(code::ESCAPE, once + 1);
        let old = std::mem::take(self);
        self.code = Code::from_counts(&counts);
        self.total = old.total;
        self.coded_at = old.total;
        let mut bits = Vec::new();
        for id in 0..old.slots.len() as u32 {
            bits.clear();
            // A text that does not decode (only from a damaged snapshot, which opening
            // refuses) stays unreadable: no bits for its length.
            let text = old.get(id);
            self.code.encode(&text, &mut bits);
            self.append(&bits, old.text_len(id));
        }
    }

    /// Appends a document's coded bits and the length of its text.
    fn append(&mut self, bits: &[u8], len: usize) {
        let fits = self
            .pages
            .last()
            .is_some_and(|p| p.is_empty() || p.len() + bits.len() <= p.capacity());
        if !fits {
            if let Some(last) = self.pages.last_mut() {
                last.shrink_to_fit();
            }
            self.pages
                .push(Vec::with_capacity(PAGE_BYTES.max(bits.len())));
        }
        let page = self.pages.len() - 1;
        let at = &mut self.pages[page];
        self.slots.push(Slot {
            page: page as u32,
            start: at.len() as u32,
            len: len as u32,
        });
        self.marks.push(OnceLock::new());
        at.extend_from_slice(bits);
    }

    /// Texts coded with `code` whose bits are `page`, the documents' one after the other:
    /// `bits[i]` bytes of them for document `i`, whose text is `lens[i]` bytes long. What a
    /// snapshot's `TEXT` becomes once its documents' bits are moved together, so that opening
    /// copies no text (not decoded here: [`Texts::get`] finds bits that do not give it).
    pub(crate) fn from_page(code: Code, mut page: Vec<u8>, bits: &[usize], lens: &[usize]) -> Texts {
        page.shrink_to_fit();
        let mut slots = Vec::with_capacity(lens.len());
        let mut start = 0usize;
        for (&n, &len) in bits.iter().zip(lens) {
            slots.push(Slot {
                page: 0,
                start: start as u32,
                len: len as u32,
            });
            start += n;
        }
        let total = lens.iter().sum();
        Texts {
            code,
            marks: slots.iter().map(|_| OnceLock::new()).collect(),
            slots,
            pages: vec![page],
            total,
            coded_at: total,
        }
    }

    /// The text of document `id`, decoded. Empty for an id past the end.
    pub(crate) fn get(&self, id: u32) -> Cow<'_, str> {
        let mut out = String::new();
        self.get_into(id, &mut out);
        Cow::Owned(out)
    }

    /// [`Texts::get`] into `out` (emptied first), for a scan that reuses one buffer.
    pub(crate) fn get_into(&self, id: u32, out: &mut String) {
        self.prefix_into(id, usize::MAX, out);
    }

    /// The start of document `id`'s text: at least its first `stop` bytes (fewer only when
    /// the text is shorter), ending on a character boundary. What a snippet needs of a long
    /// text whose matches are near its start, without decoding the rest.
    pub(crate) fn prefix(&self, id: u32, stop: usize) -> Cow<'_, str> {
        let mut out = String::new();
        self.prefix_into(id, stop, &mut out);
        Cow::Owned(out)
    }

    /// [`Texts::prefix`] without its first bytes, up to `from`: where the text given starts
    /// (a character boundary, `from` or up to three bytes past it) and the text from there.
    /// What a snippet deep in a long text needs: the characters before are read, not written.
    /// A window past the first mark starts from the last mark before it
    /// ([`Texts::marks_of`]).
    pub(crate) fn window(&self, id: u32, from: usize, stop: usize) -> (usize, Cow<'_, str>) {
        let mut out = String::new();
        let Some(slot) = self.slots.get(id as usize) else {
            return (0, Cow::Owned(out));
        };
        let (bits, len) = (self.bits(id), slot.len as usize);
        // A window near the start finds no mark before it: no need to find the text's marks.
        let mark = if from >= MARK_BYTES {
            Mark::before(self.marks_of(id), from)
        } else {
            Mark::START
        };
        match self.code.decode_from(bits, len, mark, from, stop, &mut out) {
            Some(at) => (at, Cow::Owned(out)),
            None => (0, Cow::Borrowed(UNREADABLE)),
        }
    }

    /// Document `id`'s marks ([`Code::marks`]), found on the first call; none for a text
    /// that does not decode (it reads as unreadable from its start, as before).
    fn marks_of(&self, id: u32) -> &[u32] {
        let Some(marks) = self.marks.get(id as usize) else {
            return &[];
        };
        marks.get_or_init(|| {
            let len = self.text_len(id);
            let found = self.code.marks(self.bits(id), len);
            found.unwrap_or_default().into_boxed_slice()
        })
    }

    /// UTF-16 code units of text `id` before each of the ascending byte offsets `sorted`
    /// ([`Code::utf16_at`]), without decoding it into a string; `None` when it is unreadable.
    pub(crate) fn utf16_at(&self, id: u32, sorted: &[usize]) -> Option<Vec<usize>> {
        let slot = self.slots.get(id as usize)?;
        self.code.utf16_at(self.bits(id), slot.len as usize, sorted)
    }

    fn prefix_into(&self, id: u32, stop: usize, out: &mut String) {
        out.clear();
        let Some(slot) = self.slots.get(id as usize) else {
            return;
        };
        if self
            .code
            .decode(self.bits(id), slot.len as usize, stop, out)
            .is_none()
        {
            out.clear();
            out.push_str(UNREADABLE);
        }
    }

    /// Byte length of document `id`'s text, without decoding it.
    pub(crate) fn text_len(&self, id: u32) -> usize {
        self.slots.get(id as usize).map_or(0, |s| s.len as usize)
    }

    /// The code and, per document, its bits and the byte length of its text: what a snapshot
    /// stores.
    pub(crate) fn coded(&self) -> (&Code, impl Iterator<Item = &[u8]>) {
        let bits = (0..self.slots.len() as u32).map(|id| self.bits(id));
        (&self.code, bits)
    }

    /// Document `id`'s bits: from its start to the next document's in the same page, or to
    /// the page's end.
    fn bits(&self, id: u32) -> &[u8] {
        let Some(slot) = self.slots.get(id as usize) else {
            return &[];
        };
        let Some(page) = self.pages.get(slot.page as usize) else {
            return &[];
        };
        let end = match self.slots.get(id as usize + 1) {
            Some(next) if next.page == slot.page => next.start as usize,
            _ => page.len(),
        };
        page.get(slot.start as usize..end).unwrap_or_default()
    }

    /// Heap bytes held: the coded pages, the slots and the code.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.pages.iter().map(Vec::capacity).sum::<usize>()
            + self.pages.capacity() * std::mem::size_of::<Vec<u8>>()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.marks.capacity() * std::mem::size_of::<OnceLock<Box<[u32]>>>()
            + self.marks.iter().filter_map(OnceLock::get).map(|m| m.len() * 4).sum::<usize>()
            + self.code.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forty texts, one of them (the 21st) coded longer than a page.
    fn sample() -> Vec<String> {
        let mut texts: Vec<String> = (0..40)
            .map(|i| format!("第{i}篇。{}", "京東與快手合作，".repeat(i * 37 % 900)))
            .collect();
        texts[20] = (0..60_000u32)
            .filter_map(|i| char::from_u32(0x4E00 + i * 7919 % 3000))
            .collect();
        texts
    }

    #[test]
    fn gives_back_every_text_added_one_by_one_across_recodes() {
        let texts = sample();
        let mut store = Texts::default();
        for (n, t) in texts.iter().enumerate() {
            store.push(t);
            // Every text so far, after each push (some of them made the code again).
            for (id, t) in texts[..=n].iter().enumerate() {
                assert_eq!(store.get(id as u32), t.as_str());
            }
        }
        assert!(store.pages.len() > 1, "{} pages", store.pages.len());
        for (id, t) in texts.iter().enumerate() {
            assert_eq!(store.text_len(id as u32), t.len());
        }
        assert_eq!(store.get(99), "");
        assert_eq!(store.prefix(20, 7), texts[20][..9]);
        assert_eq!(store.prefix(3, 1 << 30), texts[3]);
        // Windows: from a boundary at or up to three bytes past `from`, to at least `stop`
        // (past the first mark, from the mark before `from`).
        for (id, t) in texts.iter().enumerate() {
            let deep = (0..t.len()).step_by(97).map(|from| (from, from + 50));
            let fixed = [(0, 9), (5, 40), (7, 7), (100, 1 << 30), (t.len(), 1 << 30)];
            for (from, stop) in fixed.into_iter().chain(deep) {
                let (at, w) = store.window(id as u32, from, stop);
                let from = from.min(stop.min(t.len()));
                assert!(at >= from && at <= from + 3 && t.is_char_boundary(at), "{id} {at}");
                assert!(t[at..].starts_with(w.as_ref()), "{id} {from}");
                assert!(at + w.len() >= stop.min(t.len()), "{id} {from} {stop}");
            }
        }
        let raw: usize = texts.iter().map(String::len).sum();
        assert!(
            store.heap_bytes() < raw * 6 / 10,
            "{} of {raw}",
            store.heap_bytes()
        );
    }

    #[test]
    fn characters_new_since_the_code_was_made_are_escaped_and_read_back() {
        let mut store = Texts::default();
        store.push(&"床前明月光".repeat(100));
        // Not yet twice the text: no new code, so these characters are escaped.
        let new = "疑是地上霜 😀 ABC";
        store.push(new);
        assert_eq!(store.coded_at, "床前明月光".repeat(100).len());
        assert_eq!(store.get(1), new);
    }

    #[test]
    fn texts_stored_as_coded_read_back_the_same() {
        let texts = sample();
        let mut first = Texts::default();
        for t in &texts {
            first.push(t);
        }
        let (code, bits) = first.coded();
        let (mut page, mut sizes) = (Vec::new(), Vec::new());
        for b in bits {
            page.extend_from_slice(b);
            sizes.push(b.len());
        }
        let lens: Vec<usize> = texts.iter().map(String::len).collect();
        let code = Code::from_lengths(&code.lengths()).unwrap();
        let mut second = Texts::from_page(code, page, &sizes, &lens);
        for (id, t) in texts.iter().enumerate() {
            assert_eq!(second.get(id as u32), t.as_str());
        }
        // Adding to an opened store keeps the code until the text doubles.
        second.push("新增一篇");
        assert_eq!(second.get(texts.len() as u32), "新增一篇");
    }

    #[test]
    fn damaged_bits_read_as_empty_text_and_never_panic() {
        let mut first = Texts::default();
        first.push(&"损坏".repeat(100));
        let (code, mut bits) = first.coded();
        let mut damaged = bits.next().unwrap().to_vec();
        damaged.truncate(damaged.len() / 2);
        let code = Code::from_lengths(&code.lengths()).unwrap();
        let mut texts = Texts::from_page(code, damaged.clone(), &[damaged.len()], &[600]);
        assert_eq!(texts.get(0), "");
        // Made again with a new code, it stays unreadable rather than wrong.
        texts.push(&"新".repeat(1000));
        assert_eq!(texts.get(0), "");
        assert_eq!(texts.get(1), "新".repeat(1000));
    }
}
