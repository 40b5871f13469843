//! The best hits of a pass: score, recency and entry packed into one
//! integer key, and the top-k selection over those keys.

use super::rank::CHUNK;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Score, recency and entry packed so that a larger key ranks higher: higher
/// score, then newer, then earlier in the index. One integer comparison per
/// step of the top-k selection, no lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct RankKey(u128);

impl RankKey {
    const SCORE_BIAS: i64 = 1 << 40;

    pub(super) fn new(score: i64, recency: u32, entry: u32) -> RankKey {
        let score = (score + Self::SCORE_BIAS) as u64 as u128;
        RankKey(score << 64 | (recency as u128) << 32 | (!entry) as u128)
    }

    pub(super) fn score(self) -> i64 {
        (self.0 >> 64) as i64 - Self::SCORE_BIAS
    }

    pub(super) fn entry(self) -> u32 {
        !(self.0 as u32)
    }
}

/// The best `limit` keys so far (see [`HeadlineIndex::scan`]).
pub(super) struct TopK {
    limit: usize,
    heap: BinaryHeap<Reverse<RankKey>>,
}

impl TopK {
    pub(super) fn new(limit: usize) -> TopK {
        TopK {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(CHUNK) + 1),
        }
    }

    /// Whether a headline whose key is at most `bound` could still be among
    /// the best `limit`.
    #[inline]
    pub(super) fn could_take(&self, bound: RankKey) -> bool {
        self.heap.len() < self.limit
            || self
                .heap
                .peek()
                .is_some_and(|Reverse(worst)| bound >= *worst)
    }

    pub(super) fn len(&self) -> usize {
        self.heap.len()
    }

    pub(super) fn push(&mut self, key: RankKey) {
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

    pub(super) fn into_vec(self) -> Vec<RankKey> {
        let mut keys: Vec<RankKey> = self.heap.into_iter().map(|Reverse(k)| k).collect();
        keep_best(&mut keys, self.limit);
        keys
    }
}

/// Keeps the best `limit` keys, best first: a selection, then a sort of
/// only what is kept.
pub(super) fn keep_best(keys: &mut Vec<RankKey>, limit: usize) {
    if keys.len() > limit {
        if limit > 0 {
            keys.select_nth_unstable_by(limit - 1, |a, b| b.cmp(a));
        }
        keys.truncate(limit);
    }
    keys.sort_unstable_by(|a, b| b.cmp(a));
}
