//! Replacing the headlines of a few issues in an index, however many
//! articles each has now: an issue's entries lie together in archive
//! order, so those after it only move.
//!
//! Why: an article added to a page, or a structural correction in the
//! reader, changes the articles of one issue. Building the index again
//! prepares every headline (7–12 s of two cores at 962k headlines); this
//! prepares that issue's and copies the rest.

use super::{HeadlineIndex, Meta, Stored, issue_entries, prepare};
use crate::model::Issue;
use rayon::prelude::*;
use std::ops::Range;

impl HeadlineIndex {
    /// Where the entries of each issue numbered in `issues` lie, when the
    /// index holds its entries issue by issue in archive order (as
    /// [`build`](Self::build) and [`build_each`](Self::build_each) make
    /// it); `None` otherwise.
    pub(crate) fn entries_of_issues(&self, issues: &[u32]) -> Option<Vec<Range<usize>>> {
        if !self.articles.windows(2).all(|w| w[0].issue <= w[1].issue) {
            return None;
        }
        let at = |n: u32| {
            self.articles.partition_point(|a| a.issue < n)
                ..self.articles.partition_point(|a| a.issue <= n)
        };
        Some(issues.iter().map(|&n| at(n)).collect())
    }

    /// The index with the headlines of each `(n, issue)` of `issues` (the
    /// issue numbered `n` in an archive of `count` issues) those of `issue`
    /// as it is now. `None` when the index does not hold its entries issue
    /// by issue in archive order (one not made by [`build`](Self::build)
    /// or [`build_each`](Self::build_each)), or an issue is out of range.
    pub fn with_issues(mut self, count: usize, issues: &[(u32, &Issue)]) -> Option<HeadlineIndex> {
        let count = u32::try_from(count).ok()?;
        let mut issues: Vec<(u32, &Issue)> = issues.to_vec();
        issues.sort_by_key(|&(n, _)| n);
        issues.dedup_by_key(|&mut (n, _)| n);
        if issues.last().is_some_and(|&(n, _)| n >= count) {
            return None;
        }
        let numbers: Vec<u32> = issues.iter().map(|&(n, _)| n).collect();
        let held = self.entries_of_issues(&numbers)?;
        // Per replaced issue: where its entries were, and what replaces them.
        let replaced: Vec<(Range<usize>, Vec<_>)> = issues
            .par_iter()
            .zip(held)
            .map(|(&(n, issue), old)| {
                let new: Vec<_> = issue_entries(n, issue, count)
                    .map(|entry| {
                        let prepared = prepare(&entry.text, self.pinyin);
                        (entry, prepared)
                    })
                    .collect();
                (old, new)
            })
            .collect();
        // In place, from the last issue back (the entries before each stay
        // where they are): its entries swapped for the new ones and those
        // after it moved, rather than every record copied into new arrays
        // beside the old (119 MB at 962k headlines, held twice meanwhile).
        let mut stored = Stored::default();
        for (old, new) in replaced.into_iter().rev() {
            let moved = |id: u32| -> Option<u32> {
                let id = id as usize;
                match id {
                    _ if id < old.start => Some(id as u32),
                    _ if id < old.end => None,
                    _ => Some((id - old.len() + new.len()) as u32),
                }
            };
            let maps = std::mem::take(&mut self.char_maps);
            self.char_maps = maps
                .into_iter()
                .filter_map(|(id, map)| Some((moved(id)?, map)))
                .collect();
            let (mut meta, mut heads, mut articles) = (
                Vec::with_capacity(new.len()),
                Vec::with_capacity(new.len()),
                Vec::with_capacity(new.len()),
            );
            for (i, (entry, prepared)) in new.into_iter().enumerate() {
                let id = (old.start + i) as u32;
                let (sketch, slot, lead, head) = self.store(id, prepared, Some(&mut stored));
                meta.push(Meta {
                    sketch,
                    slot,
                    recency: entry.recency,
                    lead,
                });
                heads.push(head);
                articles.push(entry.article);
            }
            self.meta.to_mut().splice(old.clone(), meta);
            self.heads.to_mut().splice(old.clone(), heads);
            self.articles.to_mut().splice(old, articles);
        }
        self.newest_first = self.meta.windows(2).all(|w| w[0].recency >= w[1].recency);
        Some(self)
    }
}
