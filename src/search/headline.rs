//! The headline index and its fuzzy filter.

use super::bounds::{BoundCase, term_bound, unit_gain};
use super::fold::{fold_char, fold_mapped};
use super::fuzzy::{FuzzyTerm, score_single};
use super::pinyin::PinyinTable;
use super::sketch::{MAX_WORD_GAP, boundaries, char_bit, fold64, neighbours};
use super::{ArticleRef, Scope};
use crate::model::{Archive, Article};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::atomic::{AtomicI32, AtomicI64, Ordering};

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

/// What the filter returns: how many headlines matched and the best of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterResult {
    /// Headlines known to match.
    pub total: usize,
    /// Headlines that may match but cannot be among `hits`, not yet checked
    /// (only from [`HeadlineIndex::filter_hits`]): the final count is
    /// between `total` and `total + pending`.
    pub pending: usize,
    /// Best first: score, then newer, then archive order.
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the [`HeadlineIndex`]; see [`HeadlineIndex::article`] and
    /// [`HeadlineIndex::text`].
    pub entry: u32,
    pub score: i64,
    /// Sorted char indices into [`HeadlineIndex::text`] of the matched
    /// characters (for pinyin, the Chinese characters the letters stand for).
    pub positions: Vec<usize>,
}

/// Cheap per-headline summary that rejects most headlines before matching.
#[derive(Debug, Clone, Copy, Default)]
struct Sketch {
    /// A 128-bit Bloom filter of the folded, ASCII-lowercased characters.
    chars: [u64; 2],
    /// Where each letter leads a reading, by quarter of the headline (see
    /// `PinyinTable::lead_quarters`).
    quarters: u128,
    /// The letter pairs inside its characters' readings (exact).
    pairs: u128,
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

fn char_sketch(text: &str) -> [u64; 2] {
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
struct Meta {
    sketch: Sketch,
    slot: Slot,
    recency: u32,
    /// What bounds a headline's score without reading its text.
    lead: Lead,
}

/// The folded text's first character (`'\0'` when empty), which alone can
/// earn a term the doubled first-character bonus, and how many later
/// characters earn any in-place bonus (see [`boundaries`]; up to 7), packed
/// in 32 bits to keep [`Meta`] one cache line.
#[derive(Debug, Clone, Copy)]
struct Lead(u32);

impl Lead {
    fn new(text: &str, boundaries: u32) -> Lead {
        let first = text.chars().next().unwrap_or('\0') as u32;
        Lead(first | boundaries.min(7) << 24)
    }

    fn first(self) -> char {
        char::from_u32(self.0 & 0x1F_FFFF).unwrap_or('\0')
    }

    fn boundaries(self) -> u32 {
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
struct Heads {
    /// Its pairs of neighbouring characters' readings' leading letters
    /// (see [`neighbours`]), and of the characters themselves, [`fold64`]ed.
    lead_neighbours: u128,
    neighbours: u64,
    /// The boundary leads (36 bits: [`lead_bit`]s), the fewest characters
    /// between two word starts ([`Boundaries::word_gap`], 3 bits from bit
    /// 36) and how many characters the folded text has (what its sketch's
    /// quarters are quarters of; 16 bits from bit 40).
    packed: u64,
    second: char,
    /// Its third character: with the second, how far from its first a
    /// term's second unit can lie at the least.
    third: char,
    /// The characters at its boundaries, as a Bloom filter ([`char_bit`]),
    /// and the pairs of those and the next ([`Boundaries::pairs`]), both
    /// folded to 32 bits.
    boundary_chars: u32,
    boundary_pairs: u32,
}

// One cache line holds more than one headline's record.
const _: () = assert!(size_of::<Heads>() == 48);

/// The bits of [`Heads::packed`] that hold lead bits: letters and digits.
const LEAD_BITS: u64 = (1 << 36) - 1;

impl Heads {
    fn boundary_leads(self) -> u64 {
        self.packed & LEAD_BITS
    }

    fn word_gap(self) -> u32 {
        (self.packed >> 36 & 7) as u32
    }

    fn len(self) -> usize {
        (self.packed >> 40 & 0xFFFF) as usize
    }
}

/// A 64-bit Bloom filter's bits folded to 32.
fn fold32(bits: u64) -> u32 {
    bits as u32 | (bits >> 32) as u32
}

/// Where one headline's text sits in the arena.
#[derive(Debug, Clone, Copy)]
struct Slot {
    start: u32,
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
struct Stored {
    starts: foldhash::HashMap<u64, u32>,
}

/// The headlines of a whole archive, prepared for filtering on each keystroke.
///
/// Memory per headline: its folded text (plus the original only when folding
/// changed it; one copy for identical headlines), a 64-byte [`Meta`] (sketch,
/// text slot, recency), a 48-byte [`Heads`] and the 12-byte article reference.
pub struct HeadlineIndex {
    arena: String,
    /// Everything the scan reads per headline, one cache line each.
    meta: Vec<Meta>,
    /// Per headline, more of what bounds its score (read only for those
    /// past the sketches).
    heads: Vec<Heads>,
    articles: Vec<ArticleRef>,
    /// For the rare headline whose folding changed its character count
    /// (`①` → `1` is one-to-one, `㈱` → `(株)` is not): folded char → original char.
    char_maps: HashMap<u32, Box<[u32]>>,
    pinyin: bool,
    /// Whether recency never increases along the index (an archive lists
    /// its newest issue first): then index order breaks ties as recency does.
    newest_first: bool,
    matcher: SkimMatcherV2,
}

/// Headlines longer than this (in bytes) are cut: no real headline is, and the
/// slot stores lengths as `u16`.
const MAX_TEXT: usize = 4096;

/// Headlines matched per parallel task; cancellation is checked between tasks.
const CHUNK: usize = 8192;

/// Headlines whose texts are loaded together before they are scored.
const BATCH: usize = 32;

/// Headlines scored (in parallel) between two checks of whether the rest
/// can still make the list.
const SCORE_BLOCK: usize = 1024;

struct Prepared {
    folded: String,
    original: Option<String>,
    /// A hash of what the arena stores for it (folded text, then the
    /// original), for storing identical texts once.
    stored_hash: u64,
    char_map: Option<Vec<u32>>,
    sketch: Sketch,
    lead: Lead,
    heads: Heads,
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
        second: after_first.next().unwrap_or('\0'),
        third: after_first.next().unwrap_or('\0'),
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
            arena: String::new(),
            meta: Vec::new(),
            heads: Vec::new(),
            articles: Vec::new(),
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
        index.meta.shrink_to_fit();
        index.heads.shrink_to_fit();
        index.articles.shrink_to_fit();
        index
    }

    fn push(&mut self, entry: &HeadlineEntry, p: Prepared, stored: &mut Stored) {
        let id = self.meta.len() as u32;
        if self.meta.last().is_some_and(|m| m.recency < entry.recency) {
            self.newest_first = false;
        }
        let (sketch, slot, lead, heads) = self.store(id, p, Some(stored));
        self.meta.push(Meta {
            sketch,
            slot,
            recency: entry.recency,
            lead,
        });
        self.heads.push(heads);
        self.articles.push(entry.article);
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
    /// entry's searchable text: how a headline corrected in review becomes
    /// what the filter finds. Costs a copy of the index, paid once per
    /// correction: 0.12–0.14 s for a million headlines (201 MB) on the
    /// 2-core machine of docs/BENCHMARKS.md, nothing noticeable below that.
    pub fn with_texts(&self, changes: &[(u32, String)]) -> HeadlineIndex {
        let mut index = HeadlineIndex {
            arena: self.arena.clone(),
            meta: self.meta.clone(),
            heads: self.heads.clone(),
            articles: self.articles.clone(),
            char_maps: self.char_maps.clone(),
            pinyin: self.pinyin,
            newest_first: self.newest_first,
            matcher: SkimMatcherV2::default(),
        };
        for (entry, text) in changes {
            if (*entry as usize) < index.meta.len() {
                let (sketch, slot, lead, heads) =
                    index.store(*entry, prepare(text, self.pinyin), None);
                let meta = &mut index.meta[*entry as usize];
                (meta.sketch, meta.slot, meta.lead) = (sketch, slot, lead);
                index.heads[*entry as usize] = heads;
            }
        }
        index
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

    /// Bytes held by the index (for the memory budget), approximately.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.meta.capacity() * size_of::<Meta>()
            + self.heads.capacity() * size_of::<Heads>()
            + self.articles.capacity() * size_of::<ArticleRef>()
            + self
                .char_maps
                .values()
                .map(|m| m.len() * 4 + 32)
                .sum::<usize>()
    }

    fn folded(&self, entry: u32) -> &str {
        let slot = self.meta[entry as usize].slot;
        let start = slot.start as usize;
        &self.arena[start..start + slot.folded_len as usize]
    }

    fn in_scope(&self, entry: u32, scope: Scope) -> bool {
        match scope {
            Scope::All => true,
            Scope::Issue(i) => self.articles[entry as usize].issue == i,
        }
    }

    /// Filters the headlines by `query` (see the module docs), returning the
    /// number of matches and the best `limit` with highlight positions, or
    /// `None` as soon as `cancel` returns true (checked between chunks).
    pub fn filter(
        &self,
        query: &str,
        scope: Scope,
        limit: usize,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<FilterResult> {
        self.filter_cached(query, scope, limit, &mut FilterCache::default(), cancel)
    }

    /// Like [`filter`](Self::filter), but when `query` extends the query of
    /// the previous call with the same `cache` (typing one more character),
    /// only that call's matches are matched again.
    pub fn filter_cached(
        &self,
        query: &str,
        scope: Scope,
        limit: usize,
        cache: &mut FilterCache,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<FilterResult> {
        let mut result = self.filter_hits(query, scope, limit, cache, cancel)?;
        if result.pending > 0 {
            result.total = self.count_pending(cache, cancel)?;
            result.pending = 0;
        }
        Some(result)
    }

    /// The best `limit` hits at once, the exact count perhaps later: like
    /// [`filter_cached`](Self::filter_cached), except that headlines which
    /// cannot be among the hits (their score's bound says so) are not yet
    /// checked for a match. They are counted in [`FilterResult::pending`],
    /// not in `total`, until [`count_pending`](Self::count_pending) settles
    /// them. On a broad query over a large archive that check is most of the
    /// work, and nothing on screen but the count depends on it.
    pub fn filter_hits(
        &self,
        query: &str,
        scope: Scope,
        limit: usize,
        cache: &mut FilterCache,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<FilterResult> {
        let query = Query::new(query, self.pinyin);
        let same_context = |last: &CachedPass| last.scope == scope && last.index_len == self.len();
        if let Some(last) = &mut cache.last
            && same_context(last)
            && last.key == query.key
            && last.limit == limit
        {
            // Only spaces changed (a term is about to be typed): same answer.
            last.scored = 0;
            return Some(last.result.clone());
        }
        // Taken out for the pass and handed on to the next: a cancelled
        // pass leaves none behind, so no pass reads a cancelled one's.
        let kept = cache.last.as_mut().and_then(|last| last.ceilings.take());
        let previous = cache
            .last
            .as_ref()
            .filter(|last| same_context(last) && query.key.starts_with(&last.key));
        // A refined query scores a headline at most what the previous one
        // did (or could), plus what the units typed since can add.
        let growth = previous
            .filter(|_| kept.is_some())
            .and_then(|last| query.growth_from(&last.query));
        let merged;
        let source = match previous {
            Some(last) if last.unchecked.is_empty() => Source::Some(&last.matches),
            Some(last) => {
                merged = merge_sorted(&last.matches, &last.unchecked);
                Source::Some(&merged)
            }
            None => Source::All(self.len()),
        };
        let ceilings = match kept {
            Some(c) if c.len() == self.len() => c,
            _ => (0..self.len()).map(|_| AtomicI32::new(0)).collect(),
        };
        let pass = self.scan(&query, scope, source, limit, &ceilings, growth, cancel)?;
        if cancel() {
            return None;
        }
        let result = FilterResult {
            total: pass.matches.len(),
            pending: pass.unchecked.len(),
            hits: self.hits(&query, pass.best),
        };
        cache.last = Some(CachedPass {
            key: query.key.clone(),
            scope,
            index_len: self.len(),
            limit,
            query,
            matches: pass.matches,
            unchecked: pass.unchecked,
            result: result.clone(),
            scored: pass.scored,
            ceilings: Some(ceilings),
        });
        Some(result)
    }

    /// Checks the headlines [`filter_hits`](Self::filter_hits) left pending
    /// and returns the exact number of matches of the cached query, or `None`
    /// when cancelled (the cache then still holds a usable superset).
    pub fn count_pending(
        &self,
        cache: &mut FilterCache,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<usize> {
        let Some(last) = cache.last.as_mut() else {
            return Some(0);
        };
        if last.unchecked.is_empty() {
            return Some(last.matches.len());
        }
        let query = &last.query;
        let found: Vec<Vec<u32>> = last
            .unchecked
            .par_chunks(CHUNK)
            .map(|chunk| {
                if cancel() {
                    return None;
                }
                let mut found = Vec::new();
                for batch in chunk.chunks(BATCH) {
                    self.touch(batch.iter().copied());
                    found.extend(batch.iter().copied().filter(|&e| {
                        let text = self.folded(e);
                        query.terms.iter().all(|t| t.matches(text))
                    }));
                }
                Some(found)
            })
            .collect::<Option<_>>()?;
        last.matches = merge_sorted(&last.matches, &found.concat());
        last.unchecked = Vec::new();
        last.result.total = last.matches.len();
        last.result.pending = 0;
        Some(last.matches.len())
    }

    /// Matches every entry of `source` in `scope` and keeps the best `limit`.
    ///
    /// A headline's score has an upper bound known without reading its text
    /// (see [`Term::bound`]). The headlines past the sketches are scored in
    /// order of that bound (ties: newer first, as the ranking breaks them),
    /// a block at a time in parallel, each text once (see [`TextScores`]),
    /// until the `limit`-th best found ranks above the next bound: no
    /// headline left can make the list, and the rest are only left to check
    /// for a match (`unchecked`), never scored (or, for one pinyin letter,
    /// whose sketch tells, known to match).
    ///
    /// `ceilings` holds, per entry of `source`, an upper bound of its score
    /// for the previous query; with `growth` (what the query can have gained
    /// since: see [`Query::growth_from`]) it caps the bounds. The scan
    /// leaves in it the scores, or bounds, it found.
    // One pass of the filter takes these together; a struct would only name them again.
    #[allow(clippy::too_many_arguments)]
    fn scan(
        &self,
        query: &Query,
        scope: Scope,
        source: Source,
        limit: usize,
        ceilings: &[AtomicI32],
        growth: Option<i64>,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<Pass> {
        let len = source.len();
        let chunks = len.div_ceil(CHUNK);
        let ids = |c: usize| {
            (c * CHUNK..((c + 1) * CHUNK).min(len))
                .map(|i| source.get(i))
                .filter(|&e| self.in_scope(e, scope))
        };
        // A one-letter pinyin term's sketch says exactly which headlines it
        // matches: those not scored are matches, not left to check.
        let exact = query.single_letter().is_some();
        // 1. Every headline past the sketches, with the bound of its score.
        let found: Vec<Vec<Candidate>> = (0..chunks)
            .into_par_iter()
            .map(|c| {
                if cancel() {
                    return None;
                }
                Some(self.candidates(query, ids(c), ceilings, growth))
            })
            .collect::<Option<_>>()?;
        let mut candidates = found.concat();
        // 2. Scored from the highest bound key down, until the `limit`-th
        // best key found beats every bound key left.
        let order = self.by_bound_key(&candidates);
        let recency = |c: &Candidate| self.meta[c.entry as usize].recency;
        let key = |c: &Candidate| RankKey::new(c.bound as i64, recency(c), c.entry);
        let mut top = TopK::new(limit);
        let mut next = 0;
        let mut texts = TextScores::default();
        let (mut entries, mut text_of) = (Vec::new(), Vec::new());
        while next < order.len() {
            if cancel() {
                return None;
            }
            // Enough to fill the list first, then larger blocks.
            let size = match limit.saturating_sub(top.len()) {
                0 => SCORE_BLOCK,
                unfilled => unfilled.clamp(2 * BATCH, SCORE_BLOCK),
            };
            let block = &order[next..(next + size).min(order.len())];
            // Keys only fall along `order`: the first that cannot make the
            // list ends the scoring.
            let open = block.partition_point(|&at| top.could_take(key(&candidates[at as usize])));
            if open == 0 {
                break;
            }
            let block = &block[..open];
            entries.clear();
            entries.extend(block.iter().map(|&at| candidates[at as usize].entry));
            self.score_texts(query, &entries, &mut texts, &mut text_of);
            for (&at, &text) in block.iter().zip(&text_of) {
                let c = &mut candidates[at as usize];
                c.bound = match texts.scores[text as usize] {
                    Some(score) => {
                        ceilings[c.entry as usize].store(clamp_i32(score), Ordering::Relaxed);
                        top.push(RankKey::new(score, recency(c), c.entry));
                        Candidate::MATCHED
                    }
                    None => Candidate::MISSED,
                };
            }
            next += open;
        }
        // 3. What was not scored is left to check, in index order.
        let passes: Vec<Pass> = candidates
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut pass = Pass::default();
                for c in chunk {
                    match c.bound {
                        Candidate::MATCHED => pass.matches.push(c.entry),
                        Candidate::MISSED => {}
                        _ if exact => pass.matches.push(c.entry),
                        _ => pass.unchecked.push(c.entry),
                    }
                }
                pass
            })
            .collect();
        let mut pass = Pass::merge(passes, top.into_vec(), limit);
        pass.scored = texts.scores.len();
        Some(pass)
    }

    /// Scores the texts of `entries` that `texts` has not scored yet, in
    /// parallel, and sets `text_of` to where in `texts.scores` each entry's
    /// score is.
    fn score_texts(
        &self,
        query: &Query,
        entries: &[u32],
        texts: &mut TextScores,
        text_of: &mut Vec<u32>,
    ) {
        // Where each text is stored, first: loads that do not wait for each
        // other, from records scattered over the index.
        let starts: Vec<u32> = entries
            .iter()
            .map(|&e| self.meta[e as usize].slot.start)
            .collect();
        let mut fresh = Vec::new();
        text_of.clear();
        for (&e, start) in entries.iter().zip(starts) {
            let next = (texts.scores.len() + fresh.len()) as u32;
            text_of.push(*texts.by_start.entry(start).or_insert_with(|| {
                fresh.push(e);
                next
            }));
        }
        texts
            .scores
            .par_extend(fresh.par_chunks(BATCH).flat_map_iter(|batch| {
                self.touch(batch.iter().copied());
                batch.iter().map(|&e| self.score(query, e))
            }));
    }

    /// The headlines of one chunk past the sketches, with their bounds, in
    /// index order.
    fn candidates(
        &self,
        query: &Query,
        mut ids: impl Iterator<Item = u32>,
        ceilings: &[AtomicI32],
        growth: Option<i64>,
    ) -> Vec<Candidate> {
        // Most of a chunk passes a broad query's sketches: no regrowing.
        let mut out = Vec::with_capacity(ids.size_hint().1.unwrap_or(0));
        let mut batch = [0u32; 16];
        loop {
            let n = batch
                .iter_mut()
                .map_while(|slot| ids.next().map(|e| *slot = e))
                .count();
            if n == 0 {
                break;
            }
            // A batch's loads first, independent of each other, so that
            // their cache misses overlap (a refined query's previous matches
            // are scattered over the index).
            let touched = batch[..n].iter().fold(0u64, |acc, &e| {
                acc ^ self.meta[e as usize].sketch.chars[0] ^ self.heads[e as usize].packed
            });
            std::hint::black_box(touched);
            for &e in &batch[..n] {
                let meta = &self.meta[e as usize];
                if query.terms.iter().all(|t| t.may_match(&meta.sketch)) {
                    let heads = self.heads[e as usize];
                    let mut bound = query.bound(meta, heads);
                    let ceiling = &ceilings[e as usize];
                    if let Some(growth) = growth {
                        bound = bound.min(ceiling.load(Ordering::Relaxed) as i64 + growth);
                    }
                    let bound = clamp_i32(bound);
                    ceiling.store(bound, Ordering::Relaxed);
                    out.push(Candidate { entry: e, bound });
                }
            }
        }
        out
    }

    /// Positions in `candidates` (in index order) from the highest bound key
    /// (bound, then recency, then index order, as [`RankKey`]) to the lowest.
    /// A query's bounds take a few values only, and the archive lists newer
    /// issues first: a counting sort by bound keeps index order within each
    /// bound, which then is key order. An index built from entries in
    /// another order is sorted by key.
    fn by_bound_key(&self, candidates: &[Candidate]) -> Vec<u32> {
        let key = |at: &u32| {
            let c = &candidates[*at as usize];
            Reverse(RankKey::new(
                c.bound as i64,
                self.meta[c.entry as usize].recency,
                c.entry,
            ))
        };
        let (Some(low), Some(high)) = (
            candidates.iter().map(|c| c.bound).min(),
            candidates.iter().map(|c| c.bound).max(),
        ) else {
            return Vec::new();
        };
        let span = (high as i64 - low as i64) as usize + 1;
        let mut order: Vec<u32> = (0..candidates.len() as u32).collect();
        if !self.newest_first || span > 1 << 16 {
            order.sort_by_key(key);
            return order;
        }
        // Counting sort: slot `high - bound` for each bound, highest first.
        let mut starts = vec![0usize; span + 1];
        for c in candidates {
            starts[(high - c.bound) as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        for (at, c) in candidates.iter().enumerate() {
            let slot = &mut starts[(high - c.bound) as usize];
            order[*slot] = at as u32;
            *slot += 1;
        }
        order
    }

    /// The query's score against an entry, or `None` when it does not match.
    fn score(&self, query: &Query, entry: u32) -> Option<i64> {
        let text = self.folded(entry);
        query.terms.iter().map(|t| self.score_term(t, text)).sum()
    }

    /// Loads the first byte of each entry's text, the texts about to be
    /// scored: rescanning scattered previous matches is bound by memory
    /// latency, and loads that do not depend on each other overlap, where
    /// one miss at a time would not.
    fn touch(&self, entries: impl Iterator<Item = u32>) {
        let touched = entries.fold(0u8, |acc, e| {
            let start = self.meta[e as usize].slot.start as usize;
            acc ^ self.arena.as_bytes().get(start).copied().unwrap_or(0)
        });
        std::hint::black_box(touched);
    }

    /// One term's score against a folded text, or `None` when it does not match.
    fn score_term(&self, term: &Term, text: &str) -> Option<i64> {
        match &term.kind {
            TermKind::Pinyin(p) if p.len() == 1 => p.score_single(PinyinTable::get(), text),
            // No separate feasibility pass first: past the sketch, nearly
            // every headline matches, and scoring tells non-matches anyway.
            TermKind::Pinyin(p) => p.score(PinyinTable::get(), text),
            TermKind::Direct(_) => match term.single {
                Some(want) => {
                    let case_sensitive = term.case_sensitive;
                    // Most headlines that pass the Bloom filter by chance stop here.
                    if !Term::contains(text, want, case_sensitive) {
                        return None;
                    }
                    score_single(text, |c| {
                        if c == want {
                            Some(true)
                        } else {
                            (!case_sensitive && c.eq_ignore_ascii_case(&want)).then_some(false)
                        }
                    })
                }
                None => {
                    if !term.is_subsequence_of(text) {
                        return None;
                    }
                    match &term.kind {
                        TermKind::Direct(Some(f)) => f.score(PinyinTable::get(), text),
                        _ => self.matcher.fuzzy_match(text, &term.text),
                    }
                }
            },
        }
    }

    /// Sorted original-text char positions of every term's match.
    fn positions(&self, entry: u32, query: &Query) -> Vec<usize> {
        let text = self.folded(entry);
        let mut out = Vec::new();
        for term in &query.terms {
            match &term.kind {
                TermKind::Pinyin(p) => {
                    if let Some((_, pos)) = p.align(PinyinTable::get(), text, true) {
                        out.extend(pos);
                    }
                }
                TermKind::Direct(Some(f)) if term.single.is_none() => {
                    if let Some((_, pos)) = f.align(PinyinTable::get(), text, true) {
                        out.extend(pos);
                    }
                }
                TermKind::Direct(_) => {
                    if let Some((_, pos)) = self.matcher.fuzzy_indices(text, &term.text) {
                        out.extend(pos);
                    }
                }
            }
        }
        if let Some(map) = self.char_maps.get(&entry) {
            for p in &mut out {
                *p = map[*p] as usize;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Positions for the selected hits only.
    fn hits(&self, query: &Query, best: Vec<RankKey>) -> Vec<Hit> {
        best.par_iter()
            .map(|key| Hit {
                entry: key.entry(),
                score: key.score(),
                positions: if query.terms.is_empty() {
                    Vec::new()
                } else {
                    self.positions(key.entry(), query)
                },
            })
            .collect()
    }
}

#[cfg(test)]
impl HeadlineIndex {
    /// Each entry's score for `query` and the bound the filter puts on it
    /// before scoring it, in index order, as one pass works them out (for
    /// the tests).
    pub(crate) fn scores_and_bounds(&self, query: &str) -> Vec<(Option<i64>, i64)> {
        let query = Query::new(query, self.pinyin);
        (0..self.len() as u32)
            .map(|entry| {
                let (meta, heads) = (&self.meta[entry as usize], self.heads[entry as usize]);
                (self.score(&query, entry), query.bound(meta, heads))
            })
            .collect()
    }
}

/// What [`HeadlineIndex::filter_cached`] remembers between keystrokes.
#[derive(Default)]
pub struct FilterCache {
    last: Option<CachedPass>,
}

impl FilterCache {
    /// How many texts the last pass scored (aligned) to find its hits, each
    /// once however many headlines print it: the work the score bounds could
    /// not spare. For benchmarks.
    pub fn scored(&self) -> usize {
        self.last.as_ref().map_or(0, |last| last.scored)
    }
}

struct CachedPass {
    key: String,
    scope: Scope,
    index_len: usize,
    limit: usize,
    query: Query,
    /// Every entry known to match, in index order.
    matches: Vec<u32>,
    /// Entries that may match, not yet checked (see
    /// [`HeadlineIndex::filter_hits`]), in index order.
    unchecked: Vec<u32>,
    result: FilterResult,
    /// How many texts were scored for `result`.
    scored: usize,
    /// Per entry, for those this pass looked at (its `matches` and
    /// `unchecked` among them): its score if scored, else the bound it had.
    /// What the next keystroke's bounds start from (see
    /// [`Query::growth_from`]).
    ceilings: Option<Box<[AtomicI32]>>,
}

/// What one scan found: every match in index order, the entries left to
/// check, and the best `limit`.
#[derive(Default)]
struct Pass {
    matches: Vec<u32>,
    unchecked: Vec<u32>,
    /// Best first once [`keep_best`] has run.
    best: Vec<RankKey>,
    /// How many texts were scored.
    scored: usize,
}

impl Pass {
    /// The chunks' passes in order, their best and `best` kept to `limit`.
    fn merge(passes: Vec<Pass>, mut best: Vec<RankKey>, limit: usize) -> Pass {
        let mut all = Pass {
            matches: Vec::with_capacity(passes.iter().map(|p| p.matches.len()).sum()),
            unchecked: Vec::with_capacity(passes.iter().map(|p| p.unchecked.len()).sum()),
            best: Vec::new(),
            scored: 0,
        };
        for pass in passes {
            all.matches.extend_from_slice(&pass.matches);
            all.unchecked.extend_from_slice(&pass.unchecked);
            best.extend_from_slice(&pass.best);
            all.scored += pass.scored;
        }
        keep_best(&mut best, limit);
        all.best = best;
        all
    }
}

/// The texts one pass has scored, by where each is stored ([`Slot::start`]):
/// identical headlines share a stored text (see [`Stored`]), so each text is
/// scored once per pass, however many headlines print it.
#[derive(Default)]
struct TextScores {
    scores: Vec<Option<i64>>,
    /// Stored text → its place in `scores`.
    by_start: foldhash::HashMap<u32, u32>,
}

/// A headline past the sketches, in the middle of [`HeadlineIndex::scan`].
#[derive(Clone, Copy)]
struct Candidate {
    entry: u32,
    /// The bound of its score, until it is scored: then
    /// [`Candidate::MATCHED`] or [`Candidate::MISSED`].
    bound: i32,
}

impl Candidate {
    const MATCHED: i32 = i32::MAX;
    const MISSED: i32 = i32::MIN;
}

/// A score or bound as a [`Candidate::bound`], clear of the two markers.
fn clamp_i32(score: i64) -> i32 {
    score.clamp(i32::MIN as i64 + 1, i32::MAX as i64 - 1) as i32
}

/// Two sorted lists of entries as one.
fn merge_sorted(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Score, recency and entry packed so that a larger key ranks higher: higher
/// score, then newer, then earlier in the index. One integer comparison per
/// step of the top-k selection, no lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RankKey(u128);

impl RankKey {
    const SCORE_BIAS: i64 = 1 << 40;

    fn new(score: i64, recency: u32, entry: u32) -> RankKey {
        let score = (score + Self::SCORE_BIAS) as u64 as u128;
        RankKey(score << 64 | (recency as u128) << 32 | (!entry) as u128)
    }

    fn score(self) -> i64 {
        (self.0 >> 64) as i64 - Self::SCORE_BIAS
    }

    fn entry(self) -> u32 {
        !(self.0 as u32)
    }
}

/// The best `limit` keys so far (see [`HeadlineIndex::scan`]).
struct TopK {
    limit: usize,
    heap: BinaryHeap<Reverse<RankKey>>,
}

impl TopK {
    fn new(limit: usize) -> TopK {
        TopK {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(CHUNK) + 1),
        }
    }

    /// Whether a headline whose key is at most `bound` could still be among
    /// the best `limit`.
    #[inline]
    fn could_take(&self, bound: RankKey) -> bool {
        self.heap.len() < self.limit
            || self
                .heap
                .peek()
                .is_some_and(|Reverse(worst)| bound >= *worst)
    }

    fn len(&self) -> usize {
        self.heap.len()
    }

    fn push(&mut self, key: RankKey) {
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(key));
        } else {
            // Full: replace the worst, if this is better.
            if let Some(mut worst) = self.heap.peek_mut()
                && key > worst.0
            {
                *worst = Reverse(key);
            }
        }
    }

    fn into_vec(self) -> Vec<RankKey> {
        let mut keys: Vec<RankKey> = self.heap.into_iter().map(|Reverse(k)| k).collect();
        keep_best(&mut keys, self.limit);
        keys
    }
}

/// Keeps the best `limit` keys, best first: a selection, then a sort of
/// only what is kept.
fn keep_best(keys: &mut Vec<RankKey>, limit: usize) {
    if keys.len() > limit {
        if limit > 0 {
            keys.select_nth_unstable_by(limit - 1, |a, b| b.cmp(a));
        }
        keys.truncate(limit);
    }
    keys.sort_unstable_by(|a, b| b.cmp(a));
}

enum Source<'a> {
    All(usize),
    Some(&'a [u32]),
}

impl Source<'_> {
    fn len(&self) -> usize {
        match self {
            Source::All(n) => *n,
            Source::Some(ids) => ids.len(),
        }
    }

    #[inline]
    fn get(&self, i: usize) -> u32 {
        match self {
            Source::All(_) => i as u32,
            Source::Some(ids) => ids[i],
        }
    }
}

/// A parsed query: whitespace-separated terms, each of which must match.
struct Query {
    /// The folded terms joined by single spaces: a query whose key starts with
    /// the previous key can only match a subset of the previous matches.
    key: String,
    terms: Vec<Term>,
}

struct Term {
    /// Folded (NFKC) text of the term.
    text: String,
    /// Smart case: an uppercase ASCII letter makes the term case-sensitive.
    case_sensitive: bool,
    /// Bloom bits every matching entry must have.
    chars: [u64; 2],
    /// The term's only character, when it has one (scored in one pass).
    single: Option<char>,
    /// Lead bits of its first character (letter): which boundaries of a
    /// headline it can match at (all bits where a character has none)…
    first_leads: u64,
    /// …and, for a term of characters, its [`char_bit`] (all bits for pinyin).
    first_chars: u64,
    /// The same two for each later character (letter): how many of them
    /// can match at a boundary.
    later_units: Vec<(u64, u64)>,
    /// What a headline's second character must be (pinyin: lead bits it
    /// must have) to take the term's second character right after the first.
    second: SecondUnit,
    /// The first of `steps`, [`fold64`]ed: what the pairs at a headline's
    /// boundaries must have for the term's second unit to come right after
    /// the first at one (0: cannot be told).
    first_step: u64,
    /// For each step from one unit of the term to the next, the bit a
    /// headline's neighbours must have for it to be taken right after
    /// ([`FuzzyTerm::steps`]); 0 where that cannot be told.
    steps: Vec<u128>,
    /// [`term_bound`] for the cases headlines are in (see
    /// [`Term::bound_slot`]), each worked out the first time it is asked
    /// for (`UNSET` until then): a query meets few of the thousands.
    bounds: Box<[AtomicI64]>,
    /// The term's length in pattern characters (pinyin letters), and
    /// whether fuzzy-matcher itself scores it: what [`term_bound`] needs.
    letters: usize,
    by_skim: bool,
    kind: TermKind,
}

/// See [`Term::bounds`].
const UNSET: i64 = i64::MIN;

/// See [`Term::second`].
enum SecondUnit {
    Leads(u64),
    Char(Option<char>),
}

enum TermKind {
    /// Characters matched as themselves, scored with skim's recurrence by
    /// [`FuzzyTerm`] (see the module docs), or by fuzzy-matcher itself
    /// (`None`) for a term too long for it.
    Direct(Option<FuzzyTerm>),
    /// Pinyin (which also matches ASCII letters and digits literally).
    Pinyin(FuzzyTerm),
}

impl Query {
    /// An upper bound of the query's score against a headline, from its
    /// index records alone (see [`Term::bound`]).
    fn bound(&self, meta: &Meta, heads: Heads) -> i64 {
        self.terms.iter().map(|t| t.bound(meta, heads)).sum()
    }

    /// When this query is `old` with units (pinyin letters or characters)
    /// typed at the end of its last term: the most that can have added to
    /// a headline's score ([`unit_gain`] per unit). `None` for any other
    /// change, and where fuzzy-matcher's own matcher scores (its score of a
    /// term can depend on the headline scored before).
    fn growth_from(&self, old: &Query) -> Option<i64> {
        let (Some((new_last, new_rest)), Some((old_last, old_rest))) =
            (self.terms.split_last(), old.terms.split_last())
        else {
            return None;
        };
        let same_rest = new_rest.len() == old_rest.len()
            && new_rest.iter().zip(old_rest).all(|(a, b)| a.text == b.text);
        let same_kind = matches!(
            (&new_last.kind, &old_last.kind),
            (TermKind::Pinyin(_), TermKind::Pinyin(_))
                | (TermKind::Direct(Some(_)), TermKind::Direct(Some(_)))
        );
        let extends = same_rest
            && same_kind
            && new_last.case_sensitive == old_last.case_sensitive
            && new_last.text.starts_with(&old_last.text)
            && new_last.letters >= old_last.letters;
        extends.then(|| (new_last.letters - old_last.letters) as i64 * unit_gain())
    }

    /// The query's only term, when it is one pinyin letter: the sketch
    /// alone tells which headlines it matches.
    fn single_letter(&self) -> Option<&Term> {
        match self.terms.as_slice() {
            [term] => match &term.kind {
                TermKind::Pinyin(p) if p.len() == 1 => Some(term),
                _ => None,
            },
            _ => None,
        }
    }

    fn new(query: &str, pinyin: bool) -> Query {
        let mut folded = String::with_capacity(query.len());
        for c in query.chars() {
            fold_char(c, |f| folded.push(f));
        }
        let terms: Vec<Term> = folded
            .split_whitespace()
            .map(|t| Term::new(t, pinyin))
            .collect();
        let key = terms
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Query { key, terms }
    }
}

impl Term {
    fn new(text: &str, pinyin: bool) -> Term {
        let case_sensitive = text.bytes().any(|b| b.is_ascii_uppercase());
        let direct = || TermKind::Direct(FuzzyTerm::chars(text, case_sensitive));
        let kind = match pinyin && text.bytes().any(|b| b.is_ascii_lowercase()) {
            true => FuzzyTerm::pinyin(text).map_or_else(direct, TermKind::Pinyin),
            false => direct(),
        };
        // For pinyin terms only digits are certain to appear as themselves.
        let chars = match kind {
            TermKind::Direct(_) => char_sketch(text),
            TermKind::Pinyin(_) => char_sketch(
                &text
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
            ),
        };
        let mut it = text.chars();
        let single = it.next().filter(|_| it.next().is_none());
        let letters = match &kind {
            TermKind::Direct(_) => text.chars().count(),
            TermKind::Pinyin(p) => p.len(),
        };
        let leads = |c: char| PinyinTable::get().lead_bits_or_any(c);
        let chars_of = |c: char| match &kind {
            TermKind::Pinyin(_) => u64::MAX,
            TermKind::Direct(_) => char_bit(c),
        };
        let mut units = text.chars();
        let first = units.next();
        let first_leads = first.map_or(0, leads);
        let first_chars = first.map_or(0, chars_of);
        let later_units = units.clone().map(|c| (leads(c), chars_of(c))).collect();
        let second = match &kind {
            TermKind::Pinyin(p) => SecondUnit::Leads(p.second_lead()),
            TermKind::Direct(_) => SecondUnit::Char(units.next()),
        };
        let steps = match &kind {
            TermKind::Pinyin(p) | TermKind::Direct(Some(p)) => p.steps(),
            TermKind::Direct(None) => Vec::new(),
        };
        let by_skim = matches!(kind, TermKind::Direct(None));
        let bounds = (0..Term::bound_slots(steps.len()))
            .map(|_| AtomicI64::new(UNSET))
            .collect();
        Term {
            text: text.to_string(),
            case_sensitive,
            chars,
            single,
            first_leads,
            first_chars,
            later_units,
            second,
            first_step: steps.first().map_or(0, |&s| fold64(s)),
            steps,
            bounds,
            letters,
            by_skim,
            kind,
        }
    }

    /// Whether the term's first character (or pinyin letter) can match `c`.
    #[inline]
    fn may_start_at(&self, c: char) -> bool {
        match &self.kind {
            TermKind::Pinyin(p) => PinyinTable::get().lead_bits(c) & p.first_lead() != 0,
            TermKind::Direct(_) => self.text.chars().next().is_some_and(|want| {
                c == want || (!self.case_sensitive && c.eq_ignore_ascii_case(&want))
            }),
        }
    }

    /// An upper bound of the term's score against a headline, from its
    /// [`Lead`] and boundary leads alone (see [`term_bound`]).
    #[inline]
    fn bound(&self, meta: &Meta, heads: Heads) -> i64 {
        let lead = meta.lead;
        let boundaries = lead.boundaries();
        let first_at_boundary = boundaries > 0
            && self.first_leads & heads.boundary_leads() != 0
            && fold32(self.first_chars) & heads.boundary_chars != 0;
        if self.letters == 1 {
            // One unit: only whether it can stand first or at a word start
            // counts (see `term_bound`). The first keystroke of a query
            // bounds nearly every headline, so this is most of its work.
            return self.cached_bound(BoundCase {
                at_first: self.may_start_at(lead.first()),
                first_at_boundary,
                ..BoundCase::default()
            });
        }
        let second_next = self.may_take_second(heads.second);
        // As many as there are, if fewer than the boundaries counted (a
        // count of 7 may stand for more).
        let later_at_boundaries = self
            .later_units
            .iter()
            .filter(|&&(l, c)| {
                l & heads.boundary_leads() != 0 && fold32(c) & heads.boundary_chars != 0
            })
            .count() as u32;
        let later_boundaries = later_at_boundaries.min(boundaries);
        let neighbours = match self.kind {
            TermKind::Pinyin(_) => heads.lead_neighbours,
            TermKind::Direct(_) => heads.neighbours as u128,
        };
        let gap = |&step: &u128| {
            let step = match self.kind {
                TermKind::Pinyin(_) => step,
                TermKind::Direct(_) => fold64(step) as u128,
            };
            step != 0 && neighbours & step == 0
        };
        let case = BoundCase {
            at_first: self.may_start_at(lead.first()),
            second_next,
            first_at_boundary,
            boundary_run: first_at_boundary
                && (self.first_step == 0 || heads.boundary_pairs & fold32(self.first_step) != 0),
            later_boundaries: later_boundaries.min(7),
            word_gap: heads.word_gap(),
            first_skip: 1,
            gaps: self.steps.iter().filter(|s| gap(s)).count() as u32,
            second_gap: self.steps.first().is_some_and(gap),
        };
        if case.at_first {
            // Worked out each time: how far the second unit lies is one
            // more thing a headline can differ in.
            let mut first_skip = self.first_skip(meta.sketch.quarters, heads.len());
            // Neither the second character nor the third can take it: two
            // skipped at least (a headline that starts with its place name,
            // 株洲市…, and goes on with the term two characters later).
            if !case.second_next && !self.may_take_second(heads.third) {
                first_skip = first_skip.max(2);
            }
            return term_bound(self.letters, self.by_skim, BoundCase { first_skip, ..case });
        }
        self.cached_bound(case)
    }

    /// [`term_bound`] for `case`, worked out once per query.
    #[inline]
    fn cached_bound(&self, case: BoundCase) -> i64 {
        // Racing threads store the same value.
        let cell = &self.bounds[Term::bound_slot(case)];
        match cell.load(Ordering::Relaxed) {
            UNSET => {
                let bound = term_bound(self.letters, self.by_skim, case);
                cell.store(bound, Ordering::Relaxed);
                bound
            }
            bound => bound,
        }
    }

    /// Whether `c` can take the term's second unit (pinyin: always, when
    /// the second letter may share the first's syllable).
    #[inline]
    fn may_take_second(&self, c: char) -> bool {
        match self.second {
            // All bits: the second letter may share the first's syllable,
            // whatever the character is.
            SecondUnit::Leads(u64::MAX) => true,
            SecondUnit::Leads(leads) => PinyinTable::get().lead_bits(c) & leads != 0,
            SecondUnit::Char(Some(want)) => {
                c == want || (!self.case_sensitive && c.eq_ignore_ascii_case(&want))
            }
            SecondUnit::Char(None) => false,
        }
    }

    /// The fewest characters a pinyin term's second letter, when it starts
    /// a piece, lies after a headline's first character: from the quarter
    /// of the headline where a reading first starts with it (see
    /// [`PinyinTable::lead_quarters`]). At least 1.
    fn first_skip(&self, quarters: u128, len: usize) -> u32 {
        let TermKind::Pinyin(p) = &self.kind else {
            return 1;
        };
        let Some(letter) = p.letter(1).filter(u8::is_ascii_lowercase) else {
            return 1;
        };
        let in_quarters = (quarters >> ((letter - b'a') as u32 * 4)) & 0xF;
        if in_quarters == 0 {
            return 1;
        }
        let quarter = in_quarters.trailing_zeros() as usize;
        // Character j is in quarter j * 4 / len.
        let first_position = (quarter * len).div_ceil(4).max(1);
        (first_position - 1).max(1) as u32
    }

    /// Where [`Term::bounds`] keeps the bound of a case: the first three
    /// flags, the boundaries (up to 7), whether the second unit follows a
    /// gap or a first at a boundary, and how many units follow a gap.
    #[inline]
    fn bound_slot(case: BoundCase) -> usize {
        (case.at_first as usize)
            | (case.second_next as usize) << 1
            | (case.first_at_boundary as usize) << 2
            | (case.later_boundaries.min(7) as usize) << 3
            | (case.second_gap as usize) << 6
            | (case.boundary_run as usize) << 7
            | (case.word_gap.min(MAX_WORD_GAP) as usize) << 8
            | (case.gaps as usize) << 11
    }

    /// How many slots a term with `steps` steps has.
    fn bound_slots(steps: usize) -> usize {
        (steps + 1) << 11
    }

    /// Whether the term matches `text`, without scoring it: exactly when
    /// [`HeadlineIndex::score_term`] returns a score.
    fn matches(&self, text: &str) -> bool {
        match &self.kind {
            TermKind::Pinyin(p) => p.matches(PinyinTable::get(), text),
            TermKind::Direct(_) => match self.single {
                Some(want) => Term::contains(text, want, self.case_sensitive),
                None => self.is_subsequence_of(text),
            },
        }
    }

    /// Whether `text` has `want` (smart case); memchr-backed.
    fn contains(text: &str, want: char, case_sensitive: bool) -> bool {
        if case_sensitive || !want.is_ascii_alphabetic() {
            text.contains(want)
        } else {
            text.contains(want.to_ascii_lowercase()) || text.contains(want.to_ascii_uppercase())
        }
    }

    #[inline]
    fn may_match(&self, sketch: &Sketch) -> bool {
        let chars_ok = sketch.chars[0] & self.chars[0] == self.chars[0]
            && sketch.chars[1] & self.chars[1] == self.chars[1];
        match &self.kind {
            TermKind::Direct(_) => chars_ok,
            TermKind::Pinyin(p) => chars_ok && p.may_match(sketch.quarters, sketch.pairs),
        }
    }

    /// Skim's own first check, without its per-call char buffers: every
    /// term character occurs in order.
    fn is_subsequence_of(&self, text: &str) -> bool {
        let mut want = self.text.chars();
        let Some(mut next) = want.next() else {
            return true;
        };
        for c in text.chars() {
            let hit = if self.case_sensitive {
                c == next
            } else {
                c.eq_ignore_ascii_case(&next)
            };
            if hit {
                match want.next() {
                    Some(n) => next = n,
                    None => return true,
                }
            }
        }
        false
    }
}
