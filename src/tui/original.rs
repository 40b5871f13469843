//! `o`: the archive as parsed, as `--original` shows it on the command
//! line — the parsed headlines instead of their corrections, and the
//! structure with no split, merge, role or move applied — and back.
//!
//! The reader keeps, of the issues structural corrections changed, their
//! parse ([`App::parsed_issues`]); `o` shows those in place of the
//! corrected ones and sets the corrected ones aside until `o` again. On
//! the skeleton those issues are held read alone (see `pending_text.rs`):
//! their parse is put in the skeleton's place, and `o` again puts the
//! skeleton it replaced back. The reader stays on the same article, or,
//! when the other reading has no article of that id (one a split made or
//! a merge retired), on the one that holds its first line.

use super::app::App;
use crate::index::LazySkeleton;
use crate::model::{Article, Issue};
use std::collections::HashMap;
use std::sync::Arc;

/// Where an article stands, to find it in another reading of its page.
struct Standing {
    id: String,
    source: String,
    first: u32,
}

/// The id of the article of `issue` to stay on: `at`'s own, else the
/// article of its page holding (or nearest above) its first line, else the
/// issue's first article.
fn nearest(issue: &Issue, at: &Standing) -> Option<String> {
    if issue.find_article(&at.id).is_some() {
        return Some(at.id.clone());
    }
    let on_page: Vec<&Article> = issue
        .pages
        .iter()
        .filter(|p| p.source == at.source)
        .flat_map(|p| &p.articles)
        .collect();
    let holding = on_page
        .iter()
        .find(|a| a.lines.first <= at.first && at.first <= a.lines.last)
        .or_else(|| {
            on_page
                .iter()
                .filter(|a| a.lines.first <= at.first)
                .max_by_key(|a| a.lines.first)
        })
        .or(on_page.first());
    holding
        .map(|a| a.id.clone())
        .or_else(|| issue.articles().next().map(|a| a.id.clone()))
}

impl App {
    /// `o`: the parse, or the corrections again.
    pub(super) fn toggle_original(&mut self) {
        self.swap_original(false);
    }

    /// [`toggle_original`](Self::toggle_original); with `built_behind`,
    /// a filter's index not whole (being built) is built again off the
    /// loop's thread (by the shell, as for an archive handed over) rather
    /// than on it: 4 s at 100k issues.
    pub(super) fn swap_original(&mut self, built_behind: bool) {
        let on = !self.show_original;
        let standing = self.current_article().map(|a| Standing {
            id: a.id.clone(),
            source: self
                .current_issue()
                .and_then(|i| i.page_of(&a.id))
                .map(|p| p.source.clone())
                .unwrap_or_default(),
            first: a.lines.first,
        });
        self.show_original = on;
        // Title corrections follow `show_original` (see `shown_titles`).
        self.review_rev += 1;
        let whole = self.index_whole();
        if let Some(skeleton) = self.skeleton.clone() {
            let swapped = self.original_on_skeleton(on, &skeleton);
            self.say_original(on, swapped.is_some());
            if let Some((changed, next)) = swapped {
                let stay = standing
                    .as_ref()
                    .and_then(|s| nearest(self.issue_at(self.issue)?, s))
                    .unwrap_or_default();
                self.replace_shown(
                    super::source_fix::Shown::Skeleton(next),
                    &stay,
                    super::source_fix::IndexNext::Changed(&changed),
                    whole,
                );
            }
            return;
        }
        // The issues whose parse differs from their corrections, swapped
        // either way in the archive itself (unless a worker holds it: at
        // 100k issues `o` took 8.0 s with a copy, against 0.29 s).
        let mut changed: Vec<usize> = Vec::new();
        let archive = &mut self.archive;
        match on {
            true => {
                let differs = |(i, parsed): (&usize, &crate::model::Issue)| {
                    archive.issues.get(*i).is_some_and(|now| now != parsed)
                };
                changed = self
                    .parsed_issues
                    .iter()
                    .filter(|&p| differs(p))
                    .map(|(i, _)| *i)
                    .collect();
                if !changed.is_empty() {
                    let issues = &mut Arc::make_mut(archive).issues;
                    let set_aside = changed
                        .iter()
                        .map(|&i| {
                            (
                                i,
                                std::mem::replace(&mut issues[i], self.parsed_issues[&i].clone()),
                            )
                        })
                        .collect();
                    self.corrected = Some(set_aside);
                }
            }
            false => {
                if let Some(set_aside) = self.corrected.take() {
                    let issues = &mut Arc::make_mut(archive).issues;
                    for (i, issue) in set_aside {
                        if let Some(slot) = issues.get_mut(i) {
                            *slot = issue;
                            changed.push(i);
                        }
                    }
                }
            }
        }
        changed.sort_unstable();
        let structure = !changed.is_empty();
        if structure {
            let stay = standing
                .as_ref()
                .and_then(|s| nearest(self.archive.issues.get(self.issue)?, s))
                .unwrap_or_default();
            let shown = self.archive.clone();
            let next = match whole || !built_behind {
                true => super::source_fix::IndexNext::Changed(&changed),
                false => super::source_fix::IndexNext::Later,
            };
            self.replace_shown(super::source_fix::Shown::Archive(shown), &stay, next, whole);
        }
        self.say_original(on, structure);
    }

    /// What `o` did, on the status line.
    fn say_original(&mut self, on: bool, structure: bool) {
        let key = self
            .keymap
            .key_label(&super::action::Action::ShowOriginal)
            .unwrap_or_else(|| "-".into());
        self.status = Some(match (on, structure) {
            (true, true) => {
                format!("showing the parse: no title or structural correction ({key}: back)")
            }
            (true, false) => format!("showing the parse: no title correction ({key}: back)"),
            (false, _) => "showing the corrections".into(),
        });
    }

    /// `o` on the skeleton: with `on`, the issues whose parse differs from
    /// what is shown put in `skeleton`'s place and held read as parsed, the
    /// corrected ones and `skeleton` set aside; else those put back. The
    /// issues changed and the skeleton to show, if any. (Each issue was
    /// held read alone: `o` waits for the whole text otherwise, see
    /// [`App::original_needs_text`].)
    fn original_on_skeleton(
        &mut self,
        on: bool,
        skeleton: &Arc<LazySkeleton>,
    ) -> Option<(Vec<usize>, Arc<LazySkeleton>)> {
        if !on {
            let set_aside = self.corrected.take()?;
            let before = self.corrected_skeleton.take()?;
            let mut changed: Vec<usize> = set_aside.keys().copied().collect();
            changed.sort_unstable();
            for (i, issue) in set_aside {
                self.texts.insert(i, Arc::new(issue));
            }
            return Some((changed, before));
        }
        let changed: Vec<usize> = self
            .parsed_issues
            .iter()
            .filter(|&(i, parsed)| self.texts.get(i).is_some_and(|now| **now != *parsed))
            .map(|(i, _)| *i)
            .collect();
        if changed.is_empty() {
            return None;
        }
        let parsed: Vec<(usize, &Issue)> = changed
            .iter()
            .map(|&i| (i, &self.parsed_issues[&i]))
            .collect();
        let next = Arc::new(skeleton.with_issues(&parsed)?);
        let mut set_aside = HashMap::new();
        for &i in &changed {
            let parse = Arc::new(self.parsed_issues[&i].clone());
            if let Some(now) = self.texts.insert(i, parse) {
                set_aside.insert(i, Arc::unwrap_or_clone(now));
            }
        }
        self.corrected = Some(set_aside);
        self.corrected_skeleton = Some(skeleton.clone());
        Some((changed, next))
    }

    /// Whether `o` must wait for every article's text: on the skeleton, to
    /// show the parse of an issue a structural correction changed that is
    /// not held read alone (its corrected text is what `o` sets aside).
    pub(super) fn original_needs_text(&self) -> bool {
        self.skeleton.is_some()
            && !self.show_original
            && self
                .parsed_issues
                .keys()
                .any(|i| !self.texts.contains_key(i))
    }
}
