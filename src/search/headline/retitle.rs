//! The review's title corrections held in the one headline index the
//! filter searches, with the parse's text of each kept to take it back.
//!
//! Why: the reader kept the parsed index and a corrected copy of it side
//! by side, two indexes for one archive. At 100k issues (962k headlines)
//! each is about 170 MB (heaptrack: `with_texts`' copy 62 + 46 + 61 MB),
//! so the reader's first `o` with a structural and a title correction
//! peaked at 782 MB, three indexes at once while the filter's worker
//! still held the copy before. Now a change of corrections rewrites the
//! few entries it concerns, in place when nothing else holds the index:
//! that `o` peaks at 539 MB, and the reader with a corrected headline
//! starts at 371 MB in 0.27–0.32 s, as without one (it was 461 MB and
//! 0.48–0.50 s).

use super::HeadlineIndex;
use std::sync::Arc;

/// One corrected entry: the text it is found by, and the parse's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retitle {
    pub entry: u32,
    pub corrected: String,
    pub parsed: String,
}

/// The corrections an index holds, by entry (see the module's comment).
#[derive(Clone, Debug, Default)]
pub struct Retitles {
    held: Vec<Retitle>,
}

impl Retitles {
    /// Makes `index`, which holds the corrections in `self`, hold those of
    /// `wanted` instead; returns whether it changed. An index another
    /// holder shares (the filter's worker) is copied first, so the holder
    /// keeps what it had.
    pub fn bring(&mut self, index: &mut Arc<HeadlineIndex>, mut wanted: Vec<Retitle>) -> bool {
        wanted.sort_by_key(|r| r.entry);
        wanted.dedup_by_key(|r| r.entry);
        if wanted == self.held {
            return false;
        }
        // Both sorted by entry, one each.
        let holds = |list: &[Retitle], r: &Retitle| {
            list.binary_search_by_key(&r.entry, |x| x.entry)
                .is_ok_and(|at| list[at] == *r)
        };
        let back: Vec<(u32, String)> = self
            .held
            .iter()
            .filter(|h| !holds(&wanted, h))
            .map(|h| (h.entry, h.parsed.clone()))
            .collect();
        let forward: Vec<(u32, String)> = wanted
            .iter()
            .filter(|w| !holds(&self.held, w))
            .map(|w| (w.entry, w.corrected.clone()))
            .collect();
        let index = Arc::make_mut(index);
        index.set_texts(&back);
        index.set_texts(&forward);
        self.held = wanted;
        true
    }

    /// Puts the parse's text back in every entry `index` holds corrected.
    pub fn take_back(&mut self, index: &mut Arc<HeadlineIndex>) {
        self.bring(index, Vec::new());
    }

    /// The index was replaced by one of the parse: it holds nothing.
    pub fn forget(&mut self) {
        self.held.clear();
    }
}
