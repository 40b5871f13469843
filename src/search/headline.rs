//! The headline index: each headline's folded text, stored once however
//! often it is printed, with the sketches and leading-character summaries
//! the filter reads (`rank.rs` filters it, `query.rs` parses a query).

use super::fold::fold_mapped;
use super::pinyin::PinyinTable;
use super::sketch::{MAX_WORD_GAP, boundaries, fold64, neighbours};
use super::{ArticleRef, Scope};
use crate::model::{Archive, Article};
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;

mod held;
mod retitle;
mod splice;
mod stored;

use held::{Arena, Held, Plain};

pub use retitle::{Retitle, Retitles};

/// One headline to index: what [`HeadlineIndex::from_entries`] takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadlineEntry {
    pub article: ArticleRef,
    /// The searchable text: see [`searchable_text`].
    pub text: String,
    /// Higher is newer; ties in score go to the newer entry.
    pub recency: u32,
}

/// Where the parts of an article's searchable text lie, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextParts {
    pub kicker: Option<Range<usize>>,
    pub headline: Range<usize>,
    /// One range per subheadline.
    pub subheadlines: Vec<Range<usize>>,
}

/// The searchable text of an article: kicker, headline and subheadlines
/// joined by single spaces, empty parts left out. An untitled article uses
/// its title ([`Article::title`], the first sentence) as the headline.
///
/// Match positions are character indices into this text, so a position `p`
/// falls in the kicker, the headline or a subheadline as [`TextParts`] says;
/// with a kicker, `kicker + " " + headline` is exactly the text's start.
pub fn searchable_text(article: &Article) -> (String, TextParts) {
    let mut text = String::new();
    let mut at = 0usize;
    let mut push = |part: &str, text: &mut String| -> Range<usize> {
        if !text.is_empty() {
            text.push(' ');
            at += 1;
        }
        text.push_str(part);
        let start = at;
        at += part.chars().count();
        start..at
    };
    let kicker = article
        .kicker
        .as_ref()
        .map(|k| k.text.trim())
        .filter(|k| !k.is_empty())
        .map(|k| push(k, &mut text));
    let headline = push(article.title().trim(), &mut text);
    let subheadlines = article
        .subheadlines
        .iter()
        .map(|s| s.text.trim())
        .filter(|s| !s.is_empty())
        .map(|s| push(s, &mut text))
        .collect();
    (
        text,
        TextParts {
            kicker,
            headline,
            subheadlines,
        },
    )
}

/// Cheap per-headline summary that rejects most headlines before matching.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
pub(super) struct Sketch {
    /// A 128-bit Bloom filter of the folded, ASCII-lowercased characters.
    pub(super) chars: [u64; 2],
    /// Where each letter leads a reading, by quarter of the headline (see
    /// `PinyinTable::lead_quarters`).
    pub(super) quarters: u128,
    /// The letter pairs inside its characters' readings (exact).
    pub(super) pairs: u128,
}

/// Sets a character's two bits (of 128) in a Bloom filter. Two bits rather
/// than one halve the false positives (~7% instead of ~14% for one character
/// against a 20-character headline), which is what a one-character query
/// pays for.
#[inline]
fn set_char_bits(bits: &mut [u64; 2], c: char) {
    let h = (c.to_ascii_lowercase() as u32).wrapping_mul(0x9E37_79B1);
    for b in [h >> 25, (h >> 18) & 127] {
        bits[(b >> 6) as usize] |= 1u64 << (b & 63);
    }
}

pub(super) fn char_sketch(text: &str) -> [u64; 2] {
    let mut bits = [0u64; 2];
    for c in text.chars() {
        set_char_bits(&mut bits, c);
    }
    bits
}

/// What the scan reads for each headline, in one 64-byte cache line: a
/// rescan of scattered previous matches then costs one miss here and one in
/// the text, instead of one per array.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
pub(super) struct Meta {
    pub(super) sketch: Sketch,
    pub(super) slot: Slot,
    pub(super) recency: u32,
    /// What bounds a headline's score without reading its text.
    pub(super) lead: Lead,
}

// SAFETY: `#[repr(C)]` all the way down, integers only, no padding: the
// sketch's 48 bytes, the slot's 8, recency and lead 4 each (64 bytes at an
// alignment of 64).
unsafe impl Plain for Meta {}
const _: () = assert!(size_of::<Meta>() == 64 && size_of::<Sketch>() == 48);

/// The folded text's first character (`'\0'` when empty), which alone can
/// earn a term the doubled first-character bonus, and how many later
/// characters earn any in-place bonus (see [`boundaries`]; up to 7), packed
/// in 32 bits to keep [`Meta`] one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(transparent)]
pub(super) struct Lead(u32);

impl Lead {
    pub(super) fn new(text: &str, boundaries: u32) -> Lead {
        let first = text.chars().next().unwrap_or('\0') as u32;
        Lead(first | boundaries.min(7) << 24)
    }

    pub(super) fn first(self) -> char {
        char::from_u32(self.0 & 0x1F_FFFF).unwrap_or('\0')
    }

    pub(super) fn boundaries(self) -> u32 {
        self.0 >> 24
    }
}

/// What else bounds a headline's score: its second character, which
/// neighbouring characters (and reading initials) it has, and what stands at
/// its word starts (see [`boundaries`]).
///
/// 48 bytes: a million headlines' worth is 48 MB, read only for the
/// headlines past the sketches.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub(super) struct Heads {
    /// Its pairs of neighbouring characters' readings' leading letters
    /// (see [`neighbours`]), and of the characters themselves, [`fold64`]ed.
    pub(super) lead_neighbours: u128,
    pub(super) neighbours: u64,
    /// The boundary leads (36 bits: [`lead_bit`](super::pinyin::lead_bit)s), the fewest characters
    /// between two word starts ([`Boundaries::word_gap`](super::sketch::Boundaries::word_gap), 3 bits from bit
    /// 36) and how many characters the folded text has (what its sketch's
    /// quarters are quarters of; 16 bits from bit 40).
    pub(super) packed: u64,
    /// Its second character (a `char`'s value; any other value reads as
    /// `'\0'`, see [`Heads::second`]).
    second: u32,
    /// Its third character: with the second, how far from its first a
    /// term's second unit can lie at the least.
    third: u32,
    /// The characters at its boundaries, as a Bloom filter ([`char_bit`](super::sketch::char_bit)),
    /// and the pairs of those and the next ([`Boundaries::pairs`](super::sketch::Boundaries::pairs)), both
    /// folded to 32 bits.
    pub(super) boundary_chars: u32,
    pub(super) boundary_pairs: u32,
}

// One cache line holds more than one headline's record.
const _: () = assert!(size_of::<Heads>() == 48);

/// The bits of [`Heads::packed`] that hold lead bits: letters and digits.
const LEAD_BITS: u64 = (1 << 36) - 1;

// SAFETY: `#[repr(C)]`, integers only, no padding (48 bytes: 16 + 8 + 8 +
// 4 × 4, at an alignment of 16).
unsafe impl Plain for Heads {}

impl Heads {
    pub(super) fn second(self) -> char {
        char::from_u32(self.second).unwrap_or('\0')
    }

    pub(super) fn third(self) -> char {
        char::from_u32(self.third).unwrap_or('\0')
    }

    pub(super) fn boundary_leads(self) -> u64 {
        self.packed & LEAD_BITS
    }

    pub(super) fn word_gap(self) -> u32 {
        (self.packed >> 36 & 7) as u32
    }

    pub(super) fn len(self) -> usize {
        (self.packed >> 40 & 0xFFFF) as usize
    }
}

/// A 64-bit Bloom filter's bits folded to 32.
pub(super) fn fold32(bits: u64) -> u32 {
    bits as u32 | (bits >> 32) as u32
}

/// Where one headline's text sits in the arena.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub(super) struct Slot {
    pub(super) start: u32,
    /// Length of the folded text, which matching reads.
    folded_len: u16,
    /// Length of the original text stored right after it; 0 when folding
    /// changed nothing and the folded text is the original.
    original_len: u16,
}

/// Where the texts stored so far start in the arena, by [`Prepared::stored_hash`]:
/// while an index is built, identical headlines (a standing head, a reprint,
/// the same wire story on several pages) share one copy, and so one
/// [`Slot::start`], which lets a pass score their text once.
#[derive(Default)]
pub(super) struct Stored {
    pub(super) starts: foldhash::HashMap<u64, u32>,
}

/// The headlines of a whole archive, prepared for filtering on each keystroke.
///
/// Memory per headline: its folded text (plus the original only when folding
/// changed it; one copy for identical headlines), a 64-byte [`Meta`] (sketch,
/// text slot, recency), a 48-byte [`Heads`] and the 12-byte article reference.
pub struct HeadlineIndex {
    pub(super) arena: Arena,
    /// Everything the scan reads per headline, one cache line each.
    pub(super) meta: Held<Meta>,
    /// Per headline, more of what bounds its score (read only for those
    /// past the sketches).
    pub(super) heads: Held<Heads>,
    pub(super) articles: Held<ArticleRef>,
    /// For the rare headline whose folding changed its character count
    /// (`①` → `1` is one-to-one, `㈱` → `(株)` is not): folded char → original char.
    pub(super) char_maps: HashMap<u32, Box<[u32]>>,
    pub(super) pinyin: bool,
    /// Whether recency never increases along the index (an archive lists
    /// its newest issue first): then index order breaks ties as recency does.
    pub(super) newest_first: bool,
    pub(super) matcher: SkimMatcherV2,
}

impl Clone for HeadlineIndex {
    /// A copy: 0.12–0.14 s for a million headlines (201 MB) in memory, see
    /// [`with_texts`](Self::with_texts); what is mapped is shared.
    fn clone(&self) -> HeadlineIndex {
        HeadlineIndex {
            arena: self.arena.clone(),
            meta: self.meta.clone(),
            heads: self.heads.clone(),
            articles: self.articles.clone(),
            char_maps: self.char_maps.clone(),
            pinyin: self.pinyin,
            newest_first: self.newest_first,
            // The matcher keeps no state between calls.
            matcher: SkimMatcherV2::default(),
        }
    }
}

/// Headlines longer than this (in bytes) are cut: no real headline is, and the
/// slot stores lengths as `u16`.
const MAX_TEXT: usize = 4096;

struct Prepared {
    pub(super) folded: String,
    pub(super) original: Option<String>,
    /// A hash of what the arena stores for it (folded text, then the
    /// original), for storing identical texts once.
    stored_hash: u64,
    pub(super) char_map: Option<Vec<u32>>,
    pub(super) sketch: Sketch,
    pub(super) lead: Lead,
    pub(super) heads: Heads,
}

fn prepare(text: &str, pinyin: bool) -> Prepared {
    let text = &text[..text.floor_char_boundary(MAX_TEXT)];
    let mut folded = fold_mapped(text);
    if folded.text.len() > MAX_TEXT {
        // Folding can grow the text (`㈱` → `(株)`); cut it again.
        let end = folded.text.floor_char_boundary(MAX_TEXT);
        let chars = folded.text[..end].chars().count();
        folded.text.truncate(end);
        if let Some(map) = &mut folded.char_map {
            map.truncate(chars);
        }
    }
    let sketch = Sketch {
        chars: char_sketch(&folded.text),
        quarters: if pinyin {
            PinyinTable::get().lead_quarters(&folded.text)
        } else {
            0
        },
        pairs: if pinyin {
            PinyinTable::get().pairs(&folded.text)
        } else {
            0
        },
    };
    let original = (folded.text != text).then(|| text.to_string());
    let stored_hash = foldhash::quality::FixedState::default().hash_one((&folded.text, &original));
    let found = boundaries(&folded.text);
    let (neighbours, lead_neighbours) = neighbours(&folded.text, pinyin);
    let len = folded.text.chars().count().min(0xFFFF) as u64;
    let mut after_first = folded.text.chars().skip(1);
    let heads = Heads {
        lead_neighbours,
        neighbours: fold64(neighbours),
        packed: found.leads & LEAD_BITS
            | (found.word_gap.min(MAX_WORD_GAP) as u64) << 36
            | len << 40,
        second: after_first.next().unwrap_or('\0') as u32,
        third: after_first.next().unwrap_or('\0') as u32,
        boundary_chars: fold32(found.chars),
        boundary_pairs: fold32(found.pairs),
    };
    Prepared {
        lead: Lead::new(&folded.text, found.count),
        heads,
        folded: folded.text,
        original,
        stored_hash,
        char_map: folded.char_map,
        sketch,
    }
}

/// The entries of the articles of `issue`, numbered `i` in an archive of
/// `count` issues, in order (as [`HeadlineIndex::build`] makes them).
pub(super) fn issue_entries(
    i: u32,
    issue: &crate::model::Issue,
    count: u32,
) -> impl Iterator<Item = HeadlineEntry> + '_ {
    issue.pages.iter().enumerate().flat_map(move |(p, page)| {
        page.articles
            .iter()
            .enumerate()
            .map(move |(a, article)| HeadlineEntry {
                article: ArticleRef {
                    issue: i,
                    page: p as u32,
                    article: a as u32,
                },
                text: searchable_text(article).0,
                recency: count - i,
            })
    })
}

impl HeadlineIndex {
    /// Indexes every article of `archive` (archive order: newest issue first).
    /// With `pinyin`, Latin-letter queries also match by pinyin.
    pub fn build(archive: &Archive, pinyin: bool) -> HeadlineIndex {
        let n = archive.issues.len() as u32;
        let articles = archive.issues.iter().enumerate().flat_map(|(i, issue)| {
            issue.pages.iter().enumerate().flat_map(move |(p, page)| {
                page.articles.iter().enumerate().map(move |(a, article)| {
                    let at = ArticleRef {
                        issue: i as u32,
                        page: p as u32,
                        article: a as u32,
                    };
                    (at, n - i as u32, article)
                })
            })
        });
        // The searchable texts are put together in the parallel part.
        HeadlineIndex::from_sources(articles, pinyin, |(article, recency, a)| HeadlineEntry {
            article,
            text: searchable_text(a).0,
            recency,
        })
    }

    /// As [`build`](Self::build), of an archive of `issues` issues that
    /// `issue` gives one at a time (each dropped once its headlines are
    /// taken): a skeleton read from its file indexed without holding it
    /// all (at 100k issues the skeleton decoded whole is 0.8 GB, its
    /// headlines' texts 0.1 GB). `None` when an issue does not come.
    pub fn build_each(
        issues: usize,
        issue: impl Fn(usize) -> Option<crate::model::Issue> + Sync,
        pinyin: bool,
    ) -> Option<HeadlineIndex> {
        use rayon::prelude::*;
        let n = issues as u32;
        let entries: Vec<Vec<HeadlineEntry>> = (0..issues)
            .into_par_iter()
            .map(|i| Some(issue_entries(i as u32, &issue(i)?, n).collect()))
            .collect::<Option<_>>()?;
        Some(HeadlineIndex::from_entries(
            entries.into_iter().flatten(),
            pinyin,
        ))
    }

    /// Indexes `entries` in the order given (which breaks ties last).
    pub fn from_entries(
        entries: impl IntoIterator<Item = HeadlineEntry>,
        pinyin: bool,
    ) -> HeadlineIndex {
        HeadlineIndex::from_sources(entries, pinyin, |entry| entry)
    }

    /// Indexes the entry that `entry` makes of each source, in order.
    fn from_sources<S: Send>(
        sources: impl IntoIterator<Item = S>,
        pinyin: bool,
        entry: impl Fn(S) -> HeadlineEntry + Sync,
    ) -> HeadlineIndex {
        if pinyin {
            PinyinTable::get();
        }
        let mut index = HeadlineIndex {
            arena: Arena::default(),
            meta: Held::default(),
            heads: Held::default(),
            articles: Held::default(),
            char_maps: HashMap::new(),
            pinyin,
            newest_first: true,
            matcher: SkimMatcherV2::default(),
        };
        // Prepare in parallel batches, append in order; a batch at a time
        // keeps the peak memory of a million-headline build small.
        let mut sources = sources.into_iter();
        let mut stored = Stored::default();
        loop {
            let batch: Vec<S> = sources.by_ref().take(1 << 13).collect();
            if batch.is_empty() {
                break;
            }
            let prepared: Vec<(HeadlineEntry, Prepared)> = batch
                .into_par_iter()
                .map(|source| {
                    let entry = entry(source);
                    let prepared = prepare(&entry.text, pinyin);
                    (entry, prepared)
                })
                .collect();
            for (entry, p) in prepared {
                index.push(&entry, p, &mut stored);
            }
        }
        index.arena.shrink_to_fit();
        index.meta.to_mut().shrink_to_fit();
        index.heads.to_mut().shrink_to_fit();
        index.articles.to_mut().shrink_to_fit();
        index
    }

    fn push(&mut self, entry: &HeadlineEntry, p: Prepared, stored: &mut Stored) {
        let id = self.meta.len() as u32;
        if self.meta.last().is_some_and(|m| m.recency < entry.recency) {
            self.newest_first = false;
        }
        let (sketch, slot, lead, heads) = self.store(id, p, Some(stored));
        self.meta.to_mut().push(Meta {
            sketch,
            slot,
            recency: entry.recency,
            lead,
        });
        self.heads.to_mut().push(heads);
        self.articles.to_mut().push(entry.article);
    }

    /// Appends an entry's text to the arena, unless `stored` knows the same
    /// text there already, and keeps its char map (when folding changed its
    /// length); returns what its [`Meta`] holds of it.
    fn store(
        &mut self,
        id: u32,
        p: Prepared,
        stored: Option<&mut Stored>,
    ) -> (Sketch, Slot, Lead, Heads) {
        let original = p.original.as_deref().unwrap_or("");
        let bytes = self.arena.as_bytes();
        let same_at = |start: u32| {
            let start = start as usize;
            let end = start + p.folded.len() + original.len();
            bytes.get(start..end).is_some_and(|b| {
                b[..p.folded.len()] == *p.folded.as_bytes()
                    && b[p.folded.len()..] == *original.as_bytes()
            })
        };
        let start = match stored {
            Some(stored) => match stored.starts.get(&p.stored_hash) {
                Some(&start) if same_at(start) => start,
                _ => {
                    let start = self.append(&p.folded, original);
                    stored.starts.insert(p.stored_hash, start);
                    start
                }
            },
            None => self.append(&p.folded, original),
        };
        let original_len = original.len() as u16;
        match p.char_map {
            Some(map) => self.char_maps.insert(id, map.into_boxed_slice()),
            None => self.char_maps.remove(&id),
        };
        let slot = Slot {
            start,
            folded_len: p.folded.len() as u16,
            original_len,
        };
        (p.sketch, slot, p.lead, p.heads)
    }

    /// Appends a folded text and the original (empty when the same) to the
    /// arena; returns where they start.
    fn append(&mut self, folded: &str, original: &str) -> u32 {
        let start = u32::try_from(self.arena.len()).expect("headline text under 4 GiB");
        self.arena.push_str(folded);
        self.arena.push_str(original);
        start
    }

    /// A copy of the index in which each `(entry, text)` replaces that
    /// entry's searchable text. Costs a copy of the index: 0.12–0.14 s for
    /// a million headlines (201 MB) on the 2-core machine of
    /// docs/BENCHMARKS.md. The reader corrects titles with [`Retitles`]
    /// instead, in place.
    pub fn with_texts(&self, changes: &[(u32, String)]) -> HeadlineIndex {
        let mut index = self.clone();
        index.set_texts(changes);
        index
    }

    /// As [`with_texts`](Self::with_texts), in place.
    pub fn set_texts(&mut self, changes: &[(u32, String)]) {
        for (entry, text) in changes {
            if (*entry as usize) < self.meta.len() {
                let (sketch, slot, lead, heads) =
                    self.store(*entry, prepare(text, self.pinyin), None);
                let meta = &mut self.meta.to_mut()[*entry as usize];
                (meta.sketch, meta.slot, meta.lead) = (sketch, slot, lead);
                self.heads.to_mut()[*entry as usize] = heads;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.meta.len()
    }

    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// Whether Latin-letter queries also match by pinyin.
    pub fn pinyin(&self) -> bool {
        self.pinyin
    }

    /// The entry's searchable text as printed (positions index its chars).
    pub fn text(&self, entry: u32) -> &str {
        let slot = self.meta[entry as usize].slot;
        let start = slot.start as usize + slot.folded_len as usize;
        if slot.original_len == 0 {
            self.folded(entry)
        } else {
            &self.arena[start..start + slot.original_len as usize]
        }
    }

    pub fn article(&self, entry: u32) -> ArticleRef {
        self.articles[entry as usize]
    }

    pub fn recency(&self, entry: u32) -> u32 {
        self.meta[entry as usize].recency
    }

    /// Bytes the index holds in memory, approximately (what it reads from
    /// the kept file, mapped, is not counted).
    pub fn heap_bytes(&self) -> usize {
        self.arena.heap_bytes()
            + self.meta.heap_bytes()
            + self.heads.heap_bytes()
            + self.articles.heap_bytes()
            + self
                .char_maps
                .values()
                .map(|m| m.len() * 4 + 32)
                .sum::<usize>()
    }

    pub(super) fn folded(&self, entry: u32) -> &str {
        let slot = self.meta[entry as usize].slot;
        let start = slot.start as usize;
        &self.arena[start..start + slot.folded_len as usize]
    }

    pub(super) fn in_scope(&self, entry: u32, scope: Scope) -> bool {
        match scope {
            Scope::All => true,
            Scope::Issue(i) => self.articles[entry as usize].issue == i,
        }
    }
}
