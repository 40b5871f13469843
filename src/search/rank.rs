//! The ranking pass: the headlines that match a query, scored from the
//! highest bound down until the best `limit` are known, the rest only
//! counted; and the cache that lets the next keystroke re-match only the
//! last matches.

use super::Scope;
use super::headline::HeadlineIndex;
use super::query::{Query, Term, TermKind};
use super::skim::score_single;
use super::top::{RankKey, TopK, keep_best};

use super::pinyin::PinyinTable;

use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::sync::atomic::{AtomicI32, Ordering};

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

/// Headlines matched per parallel task at most; cancellation is checked
/// between tasks.
pub(super) const CHUNK: usize = 8192;

/// Headlines per parallel task in a pass over `len` of them: about 16
/// tasks, so that two threads (or eight) end together. A refined query's
/// pass over 20k previous matches made three tasks of 8192: one thread
/// did two while the other waited.
fn chunk_for(len: usize) -> usize {
    (len / 16).clamp(1024, CHUNK)
}

/// Headlines whose texts are loaded together before they are scored.
const BATCH: usize = 32;

/// Headlines scored (in parallel) between two checks of whether the rest
/// can still make the list: the first block past the list's filling, and
/// the most (blocks grow from one to the other).
const SCORE_BLOCK: usize = 1024;
const MAX_SCORE_BLOCK: usize = 16 * SCORE_BLOCK;

impl HeadlineIndex {
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
        if query.error.is_some() {
            // Nothing can match (the prompt says why: `query_error`).
            return Some(FilterResult::default());
        }
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
        // Erased back to a query answered before (backspace): its pass
        // again, not a new scan of every headline. Without it, erasing one
        // character of `zzdb` re-scored 96k headlines: 19–31 ms a key
        // through a pty (`bench_keys`), against 2–17 ms typing forward.
        if let Some(at) = cache
            .earlier
            .iter()
            .rposition(|p| same_context(p) && p.key == query.key && p.limit == limit)
        {
            let mut back = cache.earlier.remove(at);
            back.scored = 0;
            let result = back.result.clone();
            let before = cache.last.replace(back);
            cache.keep_earlier(before);
            return Some(result);
        }
        // Taken out for the pass and handed on to the next: a cancelled
        // pass leaves none behind, so no pass reads a cancelled one's.
        let kept = cache.last.as_mut().and_then(|last| last.ceilings.take());
        let previous = cache
            .last
            .as_ref()
            .filter(|last| same_context(last) && query.refines(&last.query));
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
        let before = cache.last.replace(CachedPass {
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
        cache.keep_earlier(before);
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
            .par_chunks(chunk_for(last.unchecked.len()))
            .map(|chunk| {
                if cancel() {
                    return None;
                }
                let mut found = Vec::new();
                for batch in chunk.chunks(BATCH) {
                    self.touch(batch.iter().copied());
                    found.extend(batch.iter().copied().filter(|&e| {
                        let text = self.folded(e);
                        query.matches(text)
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
        let chunk = chunk_for(len);
        let chunks = len.div_ceil(chunk);
        let ids = |c: usize| {
            (c * chunk..((c + 1) * chunk).min(len))
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
        let mut last_block = 0;
        while next < order.len() {
            if cancel() {
                return None;
            }
            // Enough to fill the list first, then larger blocks, at least
            // twice the one before up to `MAX_SCORE_BLOCK`: what the last
            // scores past the cut is at most what was scored before it.
            // Each block wakes the pool's threads and waits for both: `bb`
            // after `b` in 962k headlines scores 95k headlines to find its
            // 2 matches; in 191 blocks of ~500 that took 53–63 ms, a
            // seventh of it the kernel putting threads to sleep and waking
            // them, against 37–51 ms in growing blocks.
            let size = match limit.saturating_sub(top.len()) {
                0 => SCORE_BLOCK,
                unfilled => unfilled.clamp(2 * BATCH, SCORE_BLOCK),
            }
            .max((2 * last_block).min(MAX_SCORE_BLOCK));
            last_block = size;
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
                let heads = self.heads[e as usize];
                if query.may_match(&meta.sketch) && query.may_run(&meta.sketch, heads) {
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
    pub(super) fn score(&self, query: &Query, entry: u32) -> Option<i64> {
        let text = self.folded(entry);
        let terms: Option<i64> = query.terms.iter().map(|t| self.score_term(t, text)).sum();
        let clauses: Option<i64> = query.clauses.iter().map(|c| c.score(self, text)).sum();
        Some(terms? + clauses?)
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
    pub(super) fn score_term(&self, term: &Term, text: &str) -> Option<i64> {
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
    pub(super) fn positions(&self, entry: u32, query: &Query) -> Vec<usize> {
        let text = self.folded(entry);
        let mut out = Vec::new();
        for term in &query.terms {
            self.term_positions(term, text, &mut out);
        }
        for clause in &query.clauses {
            clause.positions(self, text, &mut out);
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

    /// The folded-text char positions of one term's best match, into `out`.
    pub(super) fn term_positions(&self, term: &Term, text: &str, out: &mut Vec<usize>) {
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

    /// Positions for the selected hits only.
    fn hits(&self, query: &Query, best: Vec<RankKey>) -> Vec<Hit> {
        best.par_iter()
            .map(|key| Hit {
                entry: key.entry(),
                score: key.score(),
                positions: if query.terms.is_empty() && query.clauses.is_empty() {
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
    /// The passes before `last`, oldest first: the queries the user comes
    /// back to by erasing characters.
    earlier: Vec<CachedPass>,
}

/// How many earlier passes are kept: a query erased to its first
/// character, 32 characters back.
const EARLIER_PASSES: usize = 32;

impl FilterCache {
    /// Keeps `pass` (the last one, replaced) among the earlier passes,
    /// without its ceilings (one number per headline; a pass taken back
    /// rescores from none), dropping the oldest past [`EARLIER_PASSES`] or
    /// past as many kept entries as the index has headlines, four times
    /// over (at 962k headlines, ≤ 15 MB).
    fn keep_earlier(&mut self, pass: Option<CachedPass>) {
        let Some(mut pass) = pass else { return };
        pass.ceilings = None;
        let budget = 4 * pass.index_len.max(1024);
        self.earlier
            .retain(|p| p.key != pass.key || p.scope != pass.scope || p.limit != pass.limit);
        self.earlier.push(pass);
        let size = |p: &CachedPass| p.matches.len() + p.unchecked.len() + p.result.hits.len();
        while self.earlier.len() > EARLIER_PASSES
            || self.earlier.iter().map(size).sum::<usize>() > budget
        {
            self.earlier.remove(0);
        }
    }

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

/// The texts one pass has scored, by where each is stored ([`Slot::start`](super::headline::Slot::start)):
/// identical headlines share a stored text (see [`Stored`](super::headline::Stored)), so each text is
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

enum Source<'a> {
    All(usize),
    Some(&'a [u32]),
}

impl Source<'_> {
    pub(super) fn len(&self) -> usize {
        match self {
            Source::All(n) => *n,
            Source::Some(ids) => ids.len(),
        }
    }

    #[inline]
    pub(super) fn get(&self, i: usize) -> u32 {
        match self {
            Source::All(_) => i as u32,
            Source::Some(ids) => ids[i],
        }
    }
}

#[cfg(test)]
mod tests;
