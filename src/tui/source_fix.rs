//! Structural corrections by keyboard, in the source view (see
//! `source.rs`): split the article at the cursor's line, merge it into the
//! article before or after it, move the cursor's line or the selected run
//! (a fragment, a neighbour's lines) into it, set a line's role (from the
//! chooser of `role_choice.rs`) — and `u`, which takes back the last review
//! action of this session, whatever it was (a mark, a note, a title or date
//! correction, a structural correction).
//!
//! A correction is tried on the issue at once (pure: the page's text is
//! the view's), shown in every pane, and written as an effect; one that
//! would change nothing is refused with the reason in the status line.
//! On the skeleton the issue is the one read alone, and the corrected
//! issue takes its place in the skeleton (`LazySkeleton::with_issues`);
//! `u` puts the issue as it was back. The whole archive, when it comes,
//! is read with the corrections from the review file again.

use super::action::Action;
use super::app::App;
use super::effect::{Effect, Write};
use super::panel::{PanelKind, SourceText};
use super::undo::UndoStep;
use crate::model::{Archive, Article};
use crate::review::structure::{
    self, Correction, LineRef, Structural, Toward, file_lines, line_ref, relative_source,
};
use crate::search::HeadlineIndex;
use crate::source_view::Role;
use std::sync::Arc;

/// Where a keyboard correction acts: the source view's article and page,
/// the cursor's line, the selected run.
pub(super) struct FixPlace {
    article: String,
    file: String,
    text: Arc<String>,
    /// The cursor's line.
    pub(super) here: LineRef,
    /// The article's first line: the article, as corrections name it.
    own: LineRef,
    /// The first and last lines with text of the selected run, if any.
    run: Option<(LineRef, LineRef)>,
}

/// What the reader shows in place of what it showed: the whole archive,
/// or the skeleton (see `pending_text.rs`).
pub(super) enum Shown {
    Archive(Arc<Archive>),
    Skeleton(Arc<crate::index::LazySkeleton>),
}

/// What becomes of the headline index when the archive shown is replaced
/// ([`App::replace_archive`]).
pub(super) enum IndexNext<'a> {
    /// Only the issues numbered here changed: their entries replaced.
    Changed(&'a [usize]),
    /// Built by the shell, off this thread: the filter says it is
    /// indexing meanwhile.
    Later,
}

impl App {
    /// The source view's place for a correction, or why there is none.
    pub(super) fn correction_place(&self) -> Result<FixPlace, String> {
        if self.show_original {
            return Err("showing the parse (o): o again to correct it".into());
        }
        let panel = self.source.as_ref().ok_or("open the source view first")?;
        let PanelKind::Source { article } = &panel.kind else {
            return Err("open the source view first".into());
        };
        let SourceText::Read(text) = &panel.text else {
            return Err("the page has not been read".into());
        };
        let lines = file_lines(text);
        let at = panel
            .lines
            .get(panel.cursor)
            .and_then(|l| l.number)
            .ok_or("no line under the cursor")?;
        let here = line_ref(&lines, at).ok_or("a blank line: move to a line with text")?;
        let first = self
            .current_article()
            .filter(|a| a.id == *article)
            .map(|a| a.lines.first)
            .ok_or("the article is not the reader's")?;
        let own = line_ref(&lines, first).ok_or("the article's first line is blank")?;
        let run = match panel.run() {
            None => None,
            Some(rows) => {
                let mut with_text = panel.lines[rows]
                    .iter()
                    .filter_map(|l| l.number.and_then(|n| line_ref(&lines, n)));
                let first = with_text.next().ok_or("no line with text in the run")?;
                let last = with_text.next_back().unwrap_or_else(|| first.clone());
                Some((first, last))
            }
        };
        Ok(FixPlace {
            article: article.clone(),
            file: panel.file.clone(),
            text: text.clone(),
            here,
            own,
            run,
        })
    }

    /// The correction `action` asks for at the source view's cursor.
    pub(super) fn fix_structure(&mut self, action: &Action) {
        let done = self.correction_place().and_then(|place| {
            let correction = match action {
                Action::SplitHere => Correction::Split {
                    at: place.here.clone(),
                    role: None,
                },
                Action::MergePrevious => Correction::Merge {
                    line: place.own.clone(),
                    into: Toward::Previous,
                },
                Action::MergeNext => Correction::Merge {
                    line: place.own.clone(),
                    into: Toward::Next,
                },
                Action::MoveHere => {
                    let (first, last) = place
                        .run
                        .clone()
                        .unwrap_or_else(|| (place.here.clone(), place.here.clone()));
                    Correction::Move {
                        first,
                        last,
                        into: place.own.clone(),
                    }
                }
                _ => return Err("not a correction".into()),
            };
            self.correct(place, correction)
        });
        self.status = Some(done.unwrap_or_else(|why| why));
    }

    /// The role chooser's answer: the cursor's line plays `role`.
    pub(super) fn set_line_role(&mut self, role: Role) {
        let done = self.correction_place().and_then(|place| {
            let line = place.here.clone();
            self.correct(place, Correction::SetRole { line, role })
        });
        self.status = Some(done.unwrap_or_else(|why| why));
    }

    /// Tries `correction` on the issue (pure: the page's text is the
    /// view's), and when it changes something shows it everywhere, writes
    /// it and keeps it for `u`; says what it did, or why nothing.
    fn correct(&mut self, place: FixPlace, correction: Correction) -> Result<String, String> {
        let FixPlace {
            article,
            file,
            text,
            ..
        } = place;
        // On the skeleton, the issue as read alone (see `pending_text.rs`).
        if self.text_missing(self.issue) {
            return Err(super::pending_text::TEXT_LOADING.into());
        }
        let before = self.current_issue().cloned().ok_or("no issue")?;
        let relative = relative_source(&self.archive.root, &file);
        let made = Structural::new(relative, correction, None, crate::store::unix_now());
        // Tried on this issue alone, with the page as the view read it.
        let mut one = Archive {
            root: self.archive.root.clone(),
            issues: vec![before.clone()],
            errors: Vec::new(),
        };
        let report = structure::apply(&mut one, std::slice::from_ref(&made), &move |_| {
            Some(String::clone(&text))
        });
        let outcome = &report.outcomes[0];
        if let Some(why) = &outcome.stale {
            return Err(format!("not changed: {why}"));
        }
        // The article the reader stays on: itself, or what it joined.
        let stay = if outcome.retired.contains(&article) {
            outcome.changed.first().cloned().unwrap_or(article)
        } else {
            article
        };
        // `o` shows this issue as it was parsed from now on: the first
        // correction of it keeps that.
        self.parsed_issues
            .entry(self.issue)
            .or_insert_with(|| before.clone());
        let described = made.describe();
        let key =
            |app: &App, action: Action| app.keymap.key_label(&action).unwrap_or_else(|| "-".into());
        let undo = key(self, Action::Undo);
        let done = match (&outcome.created[..], &outcome.retired[..]) {
            ([new], _) => format!(
                "{described}: new article {new} ({}: its first line's role · {undo}: undo)",
                key(self, Action::SetRole)
            ),
            (_, [gone]) => format!("{described}: {gone} retired ({undo}: undo)"),
            _ => format!("{described} ({undo}: undo)"),
        };
        self.undo.push(UndoStep::Structure {
            stamp: made.stamp.clone(),
            described,
            before: Arc::new(before),
            issue: self.issue,
            article: stay.clone(),
        });
        self.write_structure(Write::Structural {
            file: Default::default(),
            team: None,
            correction: made,
        });
        self.put_issue(self.issue, one.issues.remove(0), &stay);
        Ok(done)
    }

    /// Shows the issue numbered `n` as `issue` from now on (a structural
    /// correction made or taken back), the reader on `stay`: in the whole
    /// archive, or on the skeleton, in its place there (its text held)
    /// rather than every article's text loaded first: at 100k issues the
    /// first split showed 18.5–29 s after the source view was asked for,
    /// at 6.85 GB, against 0.33–0.39 s and 590 MB.
    fn put_issue(&mut self, n: usize, issue: crate::model::Issue, stay: &str) {
        match self.skeleton.clone() {
            Some(skeleton) => {
                let Some(next) = skeleton.with_issues(&[(n, &issue)]) else {
                    return;
                };
                self.texts.insert(n, Arc::new(issue));
                let whole = self.index_whole();
                self.replace_shown(
                    Shown::Skeleton(Arc::new(next)),
                    stay,
                    IndexNext::Changed(&[n]),
                    whole,
                );
            }
            None if n < self.archive.issues.len() => {
                // In place, unless a worker holds the archive shown (a
                // search, an index being built): at 100k issues a copy
                // made `u` take 11.2 s, against 0.35 s.
                let whole = self.index_whole();
                Arc::make_mut(&mut self.archive).issues[n] = issue;
                let archive = self.archive.clone();
                self.replace_shown(
                    Shown::Archive(archive),
                    stay,
                    IndexNext::Changed(&[n]),
                    whole,
                );
            }
            None => {}
        }
    }

    /// Queues a structural write to the review file, or keeps it in memory
    /// when there is none.
    fn write_structure(&mut self, write: Write) {
        match (&self.persist, write) {
            (Some(p), Write::Structural { correction, .. }) => {
                let w = Write::Structural {
                    file: p.review_path.clone(),
                    team: p.team_review_path.clone(),
                    correction,
                };
                self.queue(Effect::Write(w));
            }
            (Some(p), Write::UndoStructural { stamp, .. }) => {
                let w = Write::UndoStructural {
                    file: p.review_path.clone(),
                    team: p.team_review_path.clone(),
                    stamp,
                };
                self.queue(Effect::Write(w));
            }
            (None, Write::Structural { correction, .. }) => self.reviews.structure.push(correction),
            (None, Write::UndoStructural { stamp, .. }) => {
                self.reviews.structure.retain(|c| c.stamp != stamp)
            }
            (_, other) => self.queue(Effect::Write(other)),
        }
    }

    /// Shows `archive` from now on: lists, index, reader and source view,
    /// the reader on `stay`; the headline index as `next` says (see
    /// [`replace_shown`](Self::replace_shown)).
    pub(super) fn replace_archive(&mut self, archive: Arc<Archive>, stay: &str, next: IndexNext) {
        let whole = self.index_whole();
        self.replace_shown(Shown::Archive(archive), stay, next, whole);
    }

    /// Whether the headline index is whole (not the empty one of an index
    /// being built) and of the archive shown: then it can be brought
    /// forward over a few issues.
    pub(super) fn index_whole(&self) -> bool {
        !self.indexing && self.index.len() == self.article_count()
    }

    /// Shows the archive or the skeleton `shown` from now on: lists,
    /// index, reader and source view, the reader on `stay`. When `next`
    /// names the only issues that differ from what was shown before and
    /// the index was `whole` for it ([`index_whole`](Self::index_whole)),
    /// the headline index has their entries replaced, the rest moved
    /// ([`HeadlineIndex::with_issues`]), where building it again took 4 s
    /// at 100k issues, on this thread.
    pub(super) fn replace_shown(&mut self, shown: Shown, stay: &str, next: IndexNext, whole: bool) {
        let (focus, cursor_line) = (
            self.focus,
            self.source
                .as_ref()
                .and_then(|p| p.lines.get(p.cursor))
                .and_then(|l| l.number),
        );
        let mut before = std::mem::replace(
            &mut self.index,
            Arc::new(HeadlineIndex::from_entries(
                Vec::new(),
                self.settings.pinyin,
            )),
        );
        match shown {
            Shown::Archive(archive) => {
                self.archive = archive;
                self.skeleton = None;
            }
            Shown::Skeleton(skeleton) => {
                self.archive = skeleton.shells().clone();
                self.skeleton = Some(skeleton);
                self.forget_layouts();
            }
        }
        // The headlines changed places: indexed again (an index being
        // built for the archive before is dropped when it comes).
        let pinyin = self.settings.pinyin;
        let spliced = match next {
            IndexNext::Changed(changed) if whole && before.pinyin() == pinyin => {
                // Spliced as parsed: `sync_index` corrects the titles again.
                self.retitles.take_back(&mut before);
                let issues: Vec<(u32, &crate::model::Issue)> = changed
                    .iter()
                    .filter_map(|&n| Some((n as u32, self.issue_at(n)?)))
                    .collect();
                Arc::unwrap_or_clone(before).with_issues(self.archive.issues.len(), &issues)
            }
            _ => None,
        };
        // Else built again: here from the whole archive, or by the shell,
        // off this thread, from the skeleton (the filter says it is
        // indexing meanwhile).
        let index = match (spliced, next, &self.skeleton) {
            (Some(index), _, _) => Some(index),
            (None, IndexNext::Changed(_), None) => {
                Some(HeadlineIndex::build(&self.archive, pinyin))
            }
            _ => None,
        };
        let index_now = index.is_some();
        self.index =
            Arc::new(index.unwrap_or_else(|| HeadlineIndex::from_entries(Vec::new(), pinyin)));
        self.retitles.forget();
        self.index_rev = None;
        self.index_version += 1;
        self.indexing = !index_now;
        self.archive_generation += 1;
        self.forget_filter_hits();
        self.review_rev += 1;
        self.matches = None;
        self.rebuild_rows();
        self.go_to_id(stay);
        self.focus = focus;
        self.resave_overlay_place();
        if self.source.is_some() {
            self.show_source_of(stay.to_string());
            if let (Some(p), Some(n)) = (self.source.as_mut(), cursor_line)
                && let Some(i) = p.lines.iter().position(|l| l.number == Some(n))
            {
                p.cursor = i;
            }
        }
    }

    /// Records the entry of `article` before a change, for `u`.
    pub(super) fn remember_review(&mut self, article: &Article) {
        let before = self.reviews.articles.get(&article.id).cloned();
        self.undo.push(UndoStep::Review {
            article: Box::new(article.clone()),
            before,
        });
    }

    /// `u`: takes back the last review action of this session.
    pub(super) fn undo_last(&mut self) {
        if self.show_original && matches!(self.undo.last(), Some(UndoStep::Structure { .. })) {
            self.status = Some("showing the parse (o): o again, then undo".into());
            return;
        }
        let Some(step) = self.undo.pop() else {
            self.status = Some("nothing to undo".into());
            return;
        };
        match step {
            UndoStep::Structure {
                stamp,
                described,
                before,
                issue,
                article,
            } => {
                self.write_structure(Write::UndoStructural {
                    file: Default::default(),
                    team: None,
                    stamp,
                });
                // The issue as it was, where it is now (the archive shown
                // may have been read again since).
                let same = |i: &crate::model::Issue| i.id == before.id;
                let at = match self.archive.issues.get(issue) {
                    Some(i) if same(i) => Some(issue),
                    _ => self.archive.issues.iter().position(same),
                };
                if let Some(n) = at {
                    self.put_issue(n, crate::model::Issue::clone(&before), &article);
                }
                self.status = Some(format!("undone: {described}"));
            }
            UndoStep::Review { article, before } => {
                let before = before.unwrap_or_default();
                let change = crate::review::ReviewChange {
                    status: Some(before.status),
                    note: Some(before.note),
                    kicker: Some(before.kicker),
                    headline: Some(before.headline),
                };
                self.record_for(*article, change);
                self.status = Some("undone: the last mark or correction".into());
            }
            UndoStep::IssueDate { issue, before } => {
                let date = before.as_deref().and_then(crate::model::IssueDate::parse);
                match &self.persist {
                    Some(p) => {
                        let w = Write::IssueDate {
                            file: p.review_path.clone(),
                            team: p.team_review_path.clone(),
                            issue,
                            date,
                        };
                        self.queue(Effect::Write(w));
                    }
                    None => {
                        self.reviews.issues.entry(issue).or_default().date = before;
                        self.review_rev += 1;
                    }
                }
                self.status = Some("undone: the date correction".into());
            }
        }
    }
}
