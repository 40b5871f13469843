//! The headline index and its fuzzy filter.

use super::fold::{fold_char, fold_mapped};
use super::pinyin::{PinyinTable, PinyinTerm};
use super::{ArticleRef, Scope};
use crate::model::{Archive, Article};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

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
    pub total: usize,
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
    /// The pinyin leads (first letters of readings, ASCII letters and digits).
    leads: u64,
}

#[inline]
fn char_bit(c: char) -> (usize, u64) {
    let h = (c.to_ascii_lowercase() as u32).wrapping_mul(0x9E37_79B1) >> 25;
    ((h >> 6) as usize, 1u64 << (h & 63))
}

fn char_sketch(text: &str) -> [u64; 2] {
    let mut bits = [0u64; 2];
    for c in text.chars() {
        let (word, bit) = char_bit(c);
        bits[word] |= bit;
    }
    bits
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

/// The headlines of a whole archive, prepared for filtering on each keystroke.
///
/// Memory per headline: its folded text (plus the original only when folding
/// changed it), a 24-byte sketch, an 8-byte slot, the 12-byte article
/// reference and a 4-byte recency.
pub struct HeadlineIndex {
    arena: String,
    slots: Vec<Slot>,
    sketches: Vec<Sketch>,
    articles: Vec<ArticleRef>,
    recency: Vec<u32>,
    /// For the rare headline whose folding changed its character count
    /// (`①` → `1` is one-to-one, `㈱` → `(株)` is not): folded char → original char.
    char_maps: HashMap<u32, Box<[u32]>>,
    pinyin: bool,
    matcher: SkimMatcherV2,
}

/// Headlines longer than this (in bytes) are cut: no real headline is, and the
/// slot stores lengths as `u16`.
const MAX_TEXT: usize = 4096;

/// Headlines matched per parallel task; cancellation is checked between tasks.
const CHUNK: usize = 8192;

struct Prepared {
    folded: String,
    original: Option<String>,
    char_map: Option<Vec<u32>>,
    sketch: Sketch,
}

fn prepare(text: &str, pinyin: bool) -> Prepared {
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let mut folded = fold_mapped(text);
    if folded.text.len() > MAX_TEXT {
        // Folding can grow the text (`㈱` → `(株)`); cut it again.
        let mut end = MAX_TEXT;
        while !folded.text.is_char_boundary(end) {
            end -= 1;
        }
        let chars = folded.text[..end].chars().count();
        folded.text.truncate(end);
        if let Some(map) = &mut folded.char_map {
            map.truncate(chars);
        }
    }
    let sketch = Sketch {
        chars: char_sketch(&folded.text),
        leads: if pinyin {
            PinyinTable::get().leads(&folded.text)
        } else {
            0
        },
    };
    let original = (folded.text != text).then(|| text.to_string());
    Prepared {
        folded: folded.text,
        original,
        char_map: folded.char_map,
        sketch,
    }
}

impl HeadlineIndex {
    /// Indexes every article of `archive` (archive order: newest issue first).
    /// With `pinyin`, Latin-letter queries also match by pinyin.
    pub fn build(archive: &Archive, pinyin: bool) -> HeadlineIndex {
        let n = archive.issues.len() as u32;
        let entries = archive.issues.iter().enumerate().flat_map(|(i, issue)| {
            issue.pages.iter().enumerate().flat_map(move |(p, page)| {
                page.articles
                    .iter()
                    .enumerate()
                    .map(move |(a, article)| HeadlineEntry {
                        article: ArticleRef {
                            issue: i as u32,
                            page: p as u32,
                            article: a as u32,
                        },
                        text: searchable_text(article).0,
                        recency: n - i as u32,
                    })
            })
        });
        HeadlineIndex::from_entries(entries, pinyin)
    }

    /// Indexes `entries` in the order given (which breaks ties last).
    pub fn from_entries(
        entries: impl IntoIterator<Item = HeadlineEntry>,
        pinyin: bool,
    ) -> HeadlineIndex {
        if pinyin {
            PinyinTable::get();
        }
        let mut index = HeadlineIndex {
            arena: String::new(),
            slots: Vec::new(),
            sketches: Vec::new(),
            articles: Vec::new(),
            recency: Vec::new(),
            char_maps: HashMap::new(),
            pinyin,
            matcher: SkimMatcherV2::default(),
        };
        // Prepare in parallel batches, append in order; a batch at a time
        // keeps the peak memory of a million-headline build small.
        let mut entries = entries.into_iter();
        loop {
            let batch: Vec<HeadlineEntry> = entries.by_ref().take(1 << 16).collect();
            if batch.is_empty() {
                break;
            }
            let prepared: Vec<Prepared> =
                batch.par_iter().map(|e| prepare(&e.text, pinyin)).collect();
            for (entry, p) in batch.iter().zip(prepared) {
                index.push(entry, p);
            }
        }
        index.arena.shrink_to_fit();
        index.recency.shrink_to_fit();
        index.slots.shrink_to_fit();
        index.sketches.shrink_to_fit();
        index.articles.shrink_to_fit();
        index
    }

    fn push(&mut self, entry: &HeadlineEntry, p: Prepared) {
        let id = self.slots.len() as u32;
        let start = u32::try_from(self.arena.len()).expect("headline text under 4 GiB");
        self.arena.push_str(&p.folded);
        let original_len = p.original.as_ref().map_or(0, |o| {
            self.arena.push_str(o);
            o.len() as u16
        });
        self.slots.push(Slot {
            start,
            folded_len: p.folded.len() as u16,
            original_len,
        });
        if let Some(map) = p.char_map {
            self.char_maps.insert(id, map.into_boxed_slice());
        }
        self.sketches.push(p.sketch);
        self.articles.push(entry.article);
        self.recency.push(entry.recency);
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Whether Latin-letter queries also match by pinyin.
    pub fn pinyin(&self) -> bool {
        self.pinyin
    }

    /// The entry's searchable text as printed (positions index its chars).
    pub fn text(&self, entry: u32) -> &str {
        let slot = self.slots[entry as usize];
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
        self.recency[entry as usize]
    }

    /// Bytes held by the index (for the memory budget), approximately.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.slots.capacity() * size_of::<Slot>()
            + self.sketches.capacity() * size_of::<Sketch>()
            + self.articles.capacity() * size_of::<ArticleRef>()
            + self.recency.capacity() * 4
            + self
                .char_maps
                .values()
                .map(|m| m.len() * 4 + 32)
                .sum::<usize>()
    }

    fn folded(&self, entry: u32) -> &str {
        let slot = self.slots[entry as usize];
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
        let query = Query::new(query, self.pinyin);
        let previous = cache
            .last
            .as_ref()
            .filter(|last| {
                last.scope == scope
                    && last.index_len == self.len()
                    && query.key.starts_with(&last.key)
            })
            .map(|last| last.matches.as_slice());
        let source = match previous {
            Some(ids) => Source::Some(ids),
            None => Source::All(self.len()),
        };
        let scored = self.scan(&query, scope, source, cancel)?;
        let matches: Vec<u32> = scored.iter().map(|s| s.entry).collect();
        let result = self.rank(&query, scored, limit, cancel)?;
        cache.last = Some(CachedPass {
            key: query.key,
            scope,
            index_len: self.len(),
            matches,
        });
        Some(result)
    }

    /// Matches every entry of `source` in `scope`, in parallel chunks.
    fn scan(
        &self,
        query: &Query,
        scope: Scope,
        source: Source,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Scored>> {
        let len = source.len();
        let chunks: Option<Vec<Vec<Scored>>> = (0..len.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                if cancel() {
                    return None;
                }
                let range = c * CHUNK..((c + 1) * CHUNK).min(len);
                Some(
                    range
                        .map(|i| source.get(i))
                        .filter(|&e| self.in_scope(e, scope))
                        .filter_map(|e| {
                            self.score(e, query).map(|score| Scored { score, entry: e })
                        })
                        .collect(),
                )
            })
            .collect();
        Some(chunks?.concat())
    }

    /// The entry's score, or `None` when a term does not match it.
    fn score(&self, entry: u32, query: &Query) -> Option<i64> {
        let sketch = &self.sketches[entry as usize];
        for term in &query.terms {
            if !term.may_match(sketch) {
                return None;
            }
        }
        let text = self.folded(entry);
        let mut total = 0;
        for term in &query.terms {
            total += match &term.kind {
                TermKind::Pinyin(p) => {
                    let table = PinyinTable::get();
                    if !p.matches(table, text) {
                        return None;
                    }
                    p.align(table, text, false)?.0
                }
                TermKind::Direct => {
                    if !term.is_subsequence_of(text) {
                        return None;
                    }
                    self.matcher.fuzzy_match(text, &term.text)?
                }
            };
        }
        Some(total)
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
                TermKind::Direct => {
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

    fn rank_order(&self, a: &Scored, b: &Scored) -> Ordering {
        b.score
            .cmp(&a.score)
            .then_with(|| self.recency[b.entry as usize].cmp(&self.recency[a.entry as usize]))
            .then_with(|| a.entry.cmp(&b.entry))
    }

    /// Top-`limit` selection (no full sort), then positions for those only.
    fn rank(
        &self,
        query: &Query,
        mut scored: Vec<Scored>,
        limit: usize,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<FilterResult> {
        let total = scored.len();
        if scored.len() > limit {
            if limit > 0 {
                scored.select_nth_unstable_by(limit - 1, |a, b| self.rank_order(a, b));
            }
            scored.truncate(limit);
        }
        scored.sort_unstable_by(|a, b| self.rank_order(a, b));
        if cancel() {
            return None;
        }
        let hits = scored
            .par_iter()
            .map(|s| Hit {
                entry: s.entry,
                score: s.score,
                positions: if query.terms.is_empty() {
                    Vec::new()
                } else {
                    self.positions(s.entry, query)
                },
            })
            .collect();
        Some(FilterResult { total, hits })
    }
}

/// What [`HeadlineIndex::filter_cached`] remembers between keystrokes.
#[derive(Debug, Default)]
pub struct FilterCache {
    last: Option<CachedPass>,
}

#[derive(Debug)]
struct CachedPass {
    key: String,
    scope: Scope,
    index_len: usize,
    /// Every entry that matched, in index order.
    matches: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Scored {
    score: i64,
    entry: u32,
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
    kind: TermKind,
}

enum TermKind {
    /// Skim's fuzzy match against the folded text.
    Direct,
    /// Pinyin (which also matches ASCII letters and digits literally).
    Pinyin(PinyinTerm),
}

impl Query {
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
        let kind = match pinyin && text.bytes().any(|b| b.is_ascii_lowercase()) {
            true => PinyinTerm::new(text).map_or(TermKind::Direct, TermKind::Pinyin),
            false => TermKind::Direct,
        };
        // For pinyin terms only digits are certain to appear as themselves.
        let chars = match kind {
            TermKind::Direct => char_sketch(text),
            TermKind::Pinyin(_) => char_sketch(
                &text
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
            ),
        };
        Term {
            text: text.to_string(),
            case_sensitive,
            chars,
            kind,
        }
    }

    #[inline]
    fn may_match(&self, sketch: &Sketch) -> bool {
        let chars_ok = sketch.chars[0] & self.chars[0] == self.chars[0]
            && sketch.chars[1] & self.chars[1] == self.chars[1];
        match &self.kind {
            TermKind::Direct => chars_ok,
            TermKind::Pinyin(p) => chars_ok && sketch.leads & p.first_lead() != 0,
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
