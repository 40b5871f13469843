//! What opens over the panes — the headline filter, body search, the
//! bookmark list, the one-line editors — and the marks kept between runs:
//! read marks, bookmarks and last position (per user), review status, notes
//! and corrections (per archive, shared).
//!
//! Filtering and searching run off the UI thread: `update` only records the
//! request (`pending_filter`, `pending_search`); the shell hands it to a
//! worker and feeds the answer back as `Action::FilterDone`/`SearchDone`,
//! dropping answers to queries that have since changed.

use super::app::{Action, App, InputKey};
use super::geometry::Pane;
use super::input::LineInput;
use crate::model::{Article, IssueDate};
use crate::review::{self, Applied, ReviewChange, ReviewStatus};
use crate::search::{ArticleRef, BodyHit, BodyMatch, FilterResult, HeadlineIndex, Scope};
use crate::state::{self, Position};
use std::path::PathBuf;
use std::sync::Arc;

/// The view to go back to when an overlay is cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub focus: Pane,
    pub issue: usize,
    pub article: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FilterUi {
    pub input: LineInput,
    pub scope: Scope,
    /// The newest answer received (stays on screen while a newer pass runs).
    pub result: FilterResult,
    /// The query `result` answers.
    pub answered: String,
    pub selected: usize,
    pub offset: usize,
    pub saved: Saved,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchUi {
    pub input: LineInput,
    pub hits: Vec<BodyHit>,
    pub total: usize,
    /// The query `hits` answer, once a search has run.
    pub answered: Option<String>,
    pub running: bool,
    pub selected: usize,
    pub offset: usize,
    pub saved: Saved,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BookmarksUi {
    pub ids: Vec<String>,
    pub selected: usize,
    pub offset: usize,
    pub saved: Saved,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    Note(String),
    Headline(String),
    Kicker(String),
    Date(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EditorUi {
    pub target: EditTarget,
    pub input: LineInput,
    /// The other title field (kicker or headline) once Tab has visited it:
    /// both keep their edits until Enter saves them or Esc drops them.
    pub other: Option<LineInput>,
}

impl EditorUi {
    pub fn prompt(&self) -> &'static str {
        match self.target {
            EditTarget::Note(_) => "备注 note",
            EditTarget::Headline(_) => "标题 headline (Tab: kicker)",
            EditTarget::Kicker(_) => "引题 kicker (Tab: headline)",
            EditTarget::Date(_) => "日期 date YYYY-MM-DD",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Filter(FilterUi),
    Search(SearchUi),
    Bookmarks(BookmarksUi),
    Editor(EditorUi),
}

/// The matches of the last body search in the article being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMatches {
    pub article: String,
    pub matches: Vec<BodyMatch>,
    pub current: usize,
}

/// Where marks are kept. `None` in `App::persist` keeps them in memory only
/// (tests, or a machine with no home directory).
#[derive(Debug, Clone)]
pub struct Persist {
    pub archive_key: String,
    pub state_path: Option<PathBuf>,
    pub review_path: PathBuf,
}

/// How many filter hits are ranked and shown at most.
pub const FILTER_LIMIT: usize = 500;
/// How many body-search hits are listed at most.
pub const SEARCH_LIMIT: usize = 1000;

impl App {
    fn saved(&self) -> Saved {
        Saved {
            focus: self.focus,
            issue: self.issue,
            article: self.article,
            scroll: self.scroll,
        }
    }

    fn restore(&mut self, s: Saved) {
        self.focus = s.focus;
        self.issue = s.issue.min(self.archive.issues.len().saturating_sub(1));
        self.article = s.article;
        self.scroll = s.scroll;
    }

    /// The list row of an article, selecting its issue.
    pub fn go_to(&mut self, r: ArticleRef) -> bool {
        let issue = r.issue as usize;
        let Some(rows) = self.rows.get(issue) else {
            return false;
        };
        let row = rows
            .iter()
            .position(|x| x.page == r.page as usize && x.index == r.article as usize);
        let Some(row) = row else {
            // Hidden by the review filter: show everything again.
            if self.review_filter {
                self.review_filter = false;
                self.rebuild_rows();
                self.status = Some("review filter off to show the article".into());
                return self.go_to(r);
            }
            return false;
        };
        self.issue = issue;
        self.article = row;
        self.scroll = 0;
        true
    }

    /// (issue, row) of an article among the rows shown now.
    fn shown_row_of(&self, id: &str) -> Option<(usize, usize)> {
        self.rows.iter().enumerate().find_map(|(i, rows)| {
            rows.iter()
                .position(|r| self.archive.issues[i].pages[r.page].articles[r.index].id == id)
                .map(|row| (i, row))
        })
    }

    fn go_to_id(&mut self, id: &str) -> bool {
        let found = self
            .archive
            .issues
            .iter()
            .enumerate()
            .find_map(|(i, issue)| {
                issue.pages.iter().enumerate().find_map(|(p, page)| {
                    page.articles
                        .iter()
                        .position(|a| a.id == id)
                        .map(|a| ArticleRef {
                            issue: i as u32,
                            page: p as u32,
                            article: a as u32,
                        })
                })
            });
        found.is_some_and(|r| self.go_to(r))
    }

    /// Opens the current article in the reader and marks it read.
    pub(super) fn open_in_reader(&mut self) {
        self.focus = Pane::Reader;
        self.mark_read();
    }

    // ----- headline filter -------------------------------------------------

    pub(super) fn open_filter(&mut self) {
        let scope = Scope::All;
        self.overlay = Some(Overlay::Filter(FilterUi {
            input: LineInput::default(),
            scope,
            result: FilterResult::default(),
            answered: String::new(),
            selected: 0,
            offset: 0,
            saved: self.saved(),
        }));
        self.pending_filter = Some((String::new(), scope));
    }

    /// The headline index has been built. A query typed meanwhile is still
    /// pending (the shell holds it while indexing) and now runs.
    pub(super) fn index_built(&mut self, index: Arc<HeadlineIndex>) {
        self.parsed_index = index.clone();
        self.index = index;
        // Corrections made meanwhile are applied to it by `sync_index`.
        self.index_rev = None;
        self.indexing = false;
    }

    /// An answer from the filter worker; stale answers are dropped.
    pub(super) fn filter_done(&mut self, query: String, scope: Scope, result: FilterResult) {
        if let Some(Overlay::Filter(f)) = &mut self.overlay
            && f.input.text == query
            && f.scope == scope
        {
            f.result = result;
            f.answered = query;
            f.selected = f.selected.min(f.result.hits.len().saturating_sub(1));
            f.offset = f.offset.min(f.selected);
        }
    }

    fn filter_key(&mut self, key: InputKey) {
        let Some(Overlay::Filter(f)) = &mut self.overlay else {
            return;
        };
        match key {
            InputKey::Cancel => {
                let saved = f.saved;
                self.overlay = None;
                self.restore(saved);
            }
            InputKey::Submit => {
                let hit = f.result.hits.get(f.selected).map(|h| h.entry);
                if let Some(entry) = hit {
                    let r = self.index.article(entry);
                    self.overlay = None;
                    if self.go_to(r) {
                        self.open_in_reader();
                    }
                }
            }
            InputKey::Tab => {
                f.scope = match f.scope {
                    Scope::All => Scope::Issue(self.issue as u32),
                    Scope::Issue(_) => Scope::All,
                };
                self.pending_filter = Some((f.input.text.clone(), f.scope));
            }
            InputKey::Up => f.selected = f.selected.saturating_sub(1),
            InputKey::Down => {
                f.selected = (f.selected + 1).min(f.result.hits.len().saturating_sub(1))
            }
            other => {
                if f.input.apply(other) {
                    f.selected = 0;
                    f.offset = 0;
                    self.pending_filter = Some((f.input.text.clone(), f.scope));
                }
            }
        }
    }

    // ----- body search -----------------------------------------------------

    pub(super) fn open_search(&mut self) {
        self.overlay = Some(Overlay::Search(SearchUi {
            input: LineInput::default(),
            hits: Vec::new(),
            total: 0,
            answered: None,
            running: false,
            selected: 0,
            offset: 0,
            saved: self.saved(),
        }));
    }

    pub(super) fn search_done(&mut self, query: String, total: usize, hits: Vec<BodyHit>) {
        if let Some(Overlay::Search(s)) = &mut self.overlay
            && s.input.text == query
        {
            s.hits = hits;
            s.total = total;
            s.answered = Some(query);
            s.running = false;
            s.selected = 0;
            s.offset = 0;
        }
    }

    fn search_key(&mut self, key: InputKey) {
        let Some(Overlay::Search(s)) = &mut self.overlay else {
            return;
        };
        match key {
            InputKey::Cancel => {
                let saved = s.saved;
                self.overlay = None;
                self.restore(saved);
            }
            InputKey::Submit => {
                let fresh = s.answered.as_deref() == Some(s.input.text.as_str());
                if !fresh {
                    if !s.input.text.trim().is_empty() {
                        s.running = true;
                        self.pending_search = Some(s.input.text.clone());
                    }
                    return;
                }
                let Some(hit) = s.hits.get(s.selected).cloned() else {
                    return;
                };
                self.overlay = None;
                if self.go_to(hit.article) {
                    let id = self
                        .current_article()
                        .map(|a| a.id.clone())
                        .unwrap_or_default();
                    self.matches = Some(ArticleMatches {
                        article: id,
                        matches: hit.matches,
                        current: 0,
                    });
                    self.open_in_reader();
                    self.show_match();
                }
            }
            InputKey::Up => s.selected = s.selected.saturating_sub(1),
            InputKey::Down => s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1)),
            other => {
                s.input.apply(other);
            }
        }
    }

    /// The matches to highlight in the article being read, if any.
    pub fn current_matches(&self) -> Option<&ArticleMatches> {
        let id = &self.current_article()?.id;
        self.matches.as_ref().filter(|m| &m.article == id)
    }

    /// Scrolls the reader so the current match is in view, a third down.
    pub(super) fn show_match(&mut self) {
        let Some(m) = self.current_matches() else {
            return;
        };
        let Some(target) = m.matches.get(m.current).cloned() else {
            return;
        };
        let lines = self.reader_lines();
        let line = lines.iter().position(|l| {
            l.source.is_some_and(|(block, offset)| {
                let len = l.text.len() - l.indent;
                block == target.block && (offset..offset + len.max(1)).contains(&target.range.start)
            })
        });
        if let Some(line) = line {
            let third = self.reader_rows() / 3;
            self.scroll = line.saturating_sub(third).min(self.max_scroll());
        }
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let id = self.current_article().map(|a| a.id.clone());
        match &mut self.matches {
            Some(m) if Some(&m.article) == id.as_ref() && !m.matches.is_empty() => {
                let n = m.matches.len();
                m.current = if forward {
                    (m.current + 1) % n
                } else {
                    (m.current + n - 1) % n
                };
                let at = m.current + 1;
                self.status = Some(format!("match {at}/{n}"));
                self.show_match();
            }
            _ => self.status = Some("no search matches in this article (s searches)".into()),
        }
    }

    // ----- bookmarks and read marks -----------------------------------------

    /// The reader shows an article: mark it read and remember the place.
    pub(super) fn mark_read(&mut self) {
        let Some(id) = self.current_article().map(|a| a.id.clone()) else {
            return;
        };
        self.read.insert(id);
        if let Some(pos) = self.position()
            && let Some(p) = &self.persist
            && let Some(path) = &p.state_path
            && let Err(e) = state::record_open(path, &p.archive_key, pos)
        {
            self.status = Some(format!("read mark not saved: {e}"));
        }
    }

    pub(super) fn toggle_bookmark(&mut self) {
        let Some(id) = self.current_article().map(|a| a.id.clone()) else {
            return;
        };
        let on = !self.bookmarks.contains(&id);
        if on {
            self.bookmarks.insert(id.clone());
        } else {
            self.bookmarks.remove(&id);
        }
        self.status = Some(if on { "bookmarked" } else { "bookmark removed" }.into());
        if let Some(p) = &self.persist
            && let Some(path) = &p.state_path
            && let Err(e) = state::set_bookmark(path, &p.archive_key, &id, on)
        {
            self.status = Some(format!("bookmark not saved: {e}"));
        }
    }

    pub(super) fn open_bookmarks(&mut self) {
        if self.bookmarks.is_empty() {
            self.status = Some("no bookmarks yet (m bookmarks the article)".into());
            return;
        }
        self.overlay = Some(Overlay::Bookmarks(BookmarksUi {
            ids: self.bookmarks.iter().cloned().collect(),
            selected: 0,
            offset: 0,
            saved: self.saved(),
        }));
    }

    fn bookmarks_key(&mut self, key: InputKey) {
        let Some(Overlay::Bookmarks(b)) = &mut self.overlay else {
            return;
        };
        match key {
            InputKey::Cancel => {
                let saved = b.saved;
                self.overlay = None;
                self.restore(saved);
            }
            InputKey::Up => b.selected = b.selected.saturating_sub(1),
            InputKey::Down => b.selected = (b.selected + 1).min(b.ids.len().saturating_sub(1)),
            InputKey::Submit => {
                let id = b.ids[b.selected].clone();
                self.overlay = None;
                if self.go_to_id(&id) {
                    self.open_in_reader();
                } else {
                    self.status = Some(format!("{id} is no longer in this archive"));
                }
            }
            _ => {}
        }
    }

    /// Where the reader is now, or `None` in an empty archive.
    pub fn position(&self) -> Option<Position> {
        Some(Position {
            issue: self.current_issue()?.id.clone(),
            article: self.current_article().map(|a| a.id.clone()),
            scroll: self.scroll.min(u16::MAX as usize) as u16,
            anchor: self
                .reading_anchor
                .or_else(|| self.text_anchor())
                .map(|(b, o)| {
                    (
                        b.min(u32::MAX as usize) as u32,
                        o.min(u32::MAX as usize) as u32,
                    )
                }),
        })
    }

    /// Saves where the reader is, for the next start.
    pub fn save_position(&mut self) {
        let Some(pos) = self.position() else { return };
        let Some(p) = &self.persist else { return };
        let Some(path) = &p.state_path else { return };
        let _ = state::set_position(path, &p.archive_key, pos);
    }

    /// Puts the reader back where the last session left it.
    pub fn restore_position(&mut self, pos: &Position) {
        if let Some(article) = &pos.article
            && self.go_to_id(article)
        {
            self.focus = Pane::Reader;
            // The window may be taller or narrower than last time.
            self.scroll = (pos.scroll as usize).min(self.max_scroll());
            if let Some((b, o)) = pos.anchor {
                self.reading_anchor = Some((b as usize, o as usize));
                self.scroll_to_anchor((b as usize, o as usize));
            }
        } else if let Some(i) = self.archive.issues.iter().position(|i| i.id == pos.issue) {
            self.issue = i;
        }
    }

    // ----- review -----------------------------------------------------------

    /// The review entry that applies to an article (stale ones are reported
    /// but never applied).
    pub fn review_of(&self, a: &Article) -> Applied<'_> {
        self.reviews.lookup(a)
    }

    /// (kicker, headline, corrected) as the lists and reader show them:
    /// corrections in place of the parsed text unless the original is asked for.
    pub fn shown_titles(&self, a: &Article) -> (Option<String>, String, bool) {
        let kicker = a.kicker.as_ref().map(|t| t.text.clone());
        let title = a.title();
        if self.show_original {
            return (kicker, title, false);
        }
        match self.review_of(a).fresh() {
            Some(e) if e.corrects_title() => (
                // An empty kicker correction removes a wrongly parsed kicker.
                match &e.kicker {
                    Some(k) => Some(k.clone()).filter(|k| !k.is_empty()),
                    None => kicker,
                },
                e.headline.clone().unwrap_or(title),
                true,
            ),
            _ => (kicker, title, false),
        }
    }

    /// What the title editor starts from: the correction when there is one
    /// (even while `o` shows the parsed text, so that saving never drops it
    /// unasked), else the parsed kicker and headline; an untitled article's
    /// headline field starts empty.
    fn editable_titles(&self, a: &Article) -> (String, String) {
        let entry = self.review_of(a).fresh();
        let kicker = entry
            .and_then(|e| e.kicker.clone())
            .or_else(|| a.kicker.as_ref().map(|t| t.text.clone()))
            .unwrap_or_default();
        let headline = entry
            .and_then(|e| e.headline.clone())
            .or_else(|| a.headline.as_ref().map(|t| t.text.clone()))
            .unwrap_or_default();
        (kicker, headline)
    }

    pub fn rebuild_rows(&mut self) {
        let filter = self.review_filter;
        let reviews = &self.reviews;
        self.rows = self
            .archive
            .issues
            .iter()
            .map(|issue| {
                let rows = super::app::rows_of(issue);
                if !filter {
                    return rows;
                }
                rows.into_iter()
                    .filter(|r| {
                        let a = &issue.pages[r.page].articles[r.index];
                        reviews.lookup(a).fresh().map(|e| e.status) != Some(ReviewStatus::Ok)
                    })
                    .collect()
            })
            .collect();
        let n = self.current_rows().len();
        self.article = self.article.min(n.saturating_sub(1));
    }

    /// Re-reads the review file (teammates may have written to it).
    fn reload_reviews(&mut self) {
        if let Some(p) = &self.persist {
            match review::load_reviews(&p.review_path) {
                Ok(loaded) => {
                    self.reviews = loaded.value;
                    if let Some(r) = loaded.recovered {
                        self.status = Some(format!("review file: {r}"));
                    }
                }
                Err(e) => self.status = Some(e.to_string()),
            }
        }
        self.review_rev += 1;
    }

    fn record(&mut self, change: ReviewChange) {
        let Some(article) = self.current_article().cloned() else {
            return;
        };
        match &self.persist {
            Some(p) => match review::set(&p.review_path, &article, &change) {
                Ok((_, recovered)) => {
                    if let Some(r) = recovered {
                        self.status = Some(format!("review file: {r}"));
                    }
                    self.reload_reviews();
                }
                Err(e) => self.status = Some(format!("not saved: {e}")),
            },
            None => {
                self.reviews
                    .apply(&article, &change, None, crate::store::unix_now());
                self.review_rev += 1;
            }
        }
    }

    pub(super) fn cycle_review(&mut self) {
        let Some(a) = self.current_article() else {
            return;
        };
        let next = match self.review_of(a).fresh().map(|e| e.status) {
            None | Some(ReviewStatus::Unreviewed) => ReviewStatus::Ok,
            Some(ReviewStatus::Ok) => ReviewStatus::NeedsFix,
            Some(ReviewStatus::NeedsFix) => ReviewStatus::Unreviewed,
        };
        self.record(ReviewChange::status(next));
        if self.status.is_none() {
            self.status = Some(format!("review: {next}"));
        }
        // With `V` on, an article marked ok stays listed (with its mark)
        // until the list is filtered again: `v` twice must reach "needs
        // fix" on the same article, not mark the next one.
    }

    pub(super) fn toggle_review_filter(&mut self) {
        self.review_filter = !self.review_filter;
        let id = self.current_article().map(|a| a.id.clone());
        // Where the selection stood in the issue's full list.
        let full = self
            .current_issue()
            .map(super::app::rows_of)
            .unwrap_or_default();
        let old = self.current_rows().get(self.article).copied();
        let place = old.and_then(|o| {
            full.iter()
                .position(|r| (r.page, r.index) == (o.page, o.index))
        });
        self.rebuild_rows();
        match id.and_then(|id| self.shown_row_of(&id)) {
            Some((i, row)) => {
                self.issue = i;
                self.article = row;
            }
            None => {
                // Hidden now: the next article that is still listed.
                let rows = self.current_rows();
                let at = |r: &super::app::Row| {
                    full.iter()
                        .position(|f| (f.page, f.index) == (r.page, r.index))
                };
                self.article = place
                    .and_then(|p| rows.iter().position(|r| at(r).is_some_and(|q| q >= p)))
                    .unwrap_or(rows.len().saturating_sub(1));
                self.scroll = 0;
            }
        }
        self.status = Some(if self.review_filter {
            "showing only articles that still need review".into()
        } else {
            "showing all articles".into()
        });
    }

    pub(super) fn open_editor(&mut self, which: Action) {
        let target_and_text = match which {
            Action::EditNote => self.current_article().map(|a| {
                let note = self.review_of(a).fresh().and_then(|e| e.note.clone());
                (EditTarget::Note(a.id.clone()), note.unwrap_or_default())
            }),
            Action::EditHeadline => self.current_article().map(|a| {
                let (_, headline) = self.editable_titles(a);
                (EditTarget::Headline(a.id.clone()), headline)
            }),
            Action::EditDate => self.current_issue().map(|i| {
                let date = self
                    .reviews
                    .issue_date(&i.id)
                    .or(i.date)
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                (EditTarget::Date(i.id.clone()), date)
            }),
            _ => None,
        };
        if let Some((target, text)) = target_and_text {
            self.overlay = Some(Overlay::Editor(EditorUi {
                target,
                input: LineInput::new(&text),
                other: None,
            }));
        }
    }

    fn editor_key(&mut self, key: InputKey) {
        let Some(Overlay::Editor(ed)) = &mut self.overlay else {
            return;
        };
        match key {
            InputKey::Cancel => self.overlay = None,
            InputKey::Tab => {
                let swapped = match &ed.target {
                    EditTarget::Headline(id) => EditTarget::Kicker(id.clone()),
                    EditTarget::Kicker(id) => EditTarget::Headline(id.clone()),
                    _ => return,
                };
                let to_kicker = matches!(swapped, EditTarget::Kicker(_));
                let other = match ed.other.take() {
                    Some(input) => input,
                    None => {
                        let text = self.current_article().map(|a| {
                            let (k, h) = self.editable_titles(a);
                            if to_kicker { k } else { h }
                        });
                        LineInput::new(&text.unwrap_or_default())
                    }
                };
                if let Some(Overlay::Editor(ed)) = &mut self.overlay {
                    ed.target = swapped;
                    ed.other = Some(std::mem::replace(&mut ed.input, other));
                }
            }
            InputKey::Submit => {
                let ed = ed.clone();
                self.save_editor(ed);
            }
            other => {
                ed.input.apply(other);
            }
        }
    }

    fn save_editor(&mut self, ed: EditorUi) {
        let text = ed.input.text.trim().to_string();
        let value = (!text.is_empty()).then(|| text.clone());
        match ed.target {
            EditTarget::Note(_) => {
                self.overlay = None;
                self.record(ReviewChange::note(value));
            }
            EditTarget::Headline(_) | EditTarget::Kicker(_) => {
                self.overlay = None;
                let Some(a) = self.current_article() else {
                    return;
                };
                let (kicker, headline) = if matches!(ed.target, EditTarget::Kicker(_)) {
                    (Some(&ed.input), ed.other.as_ref())
                } else {
                    (ed.other.as_ref(), Some(&ed.input))
                };
                // Writing back the parsed text removes the correction;
                // emptying a parsed kicker records that there is none.
                let corrected = |input: &LineInput, parsed: Option<&crate::model::Text>| {
                    let text = input.text.trim();
                    let parsed = parsed.map(|t| t.text.as_str());
                    match (text.is_empty(), parsed) {
                        (true, Some(_)) => Some(String::new()),
                        (true, None) => None,
                        (false, p) => (Some(text) != p).then(|| text.to_string()),
                    }
                };
                let change = ReviewChange {
                    kicker: kicker.map(|i| corrected(i, a.kicker.as_ref())),
                    headline: headline
                        .map(|i| corrected(i, a.headline.as_ref()))
                        // a headline cannot be removed, only corrected
                        .map(|h| h.filter(|h| !h.is_empty())),
                    ..ReviewChange::default()
                };
                self.record(change);
            }
            EditTarget::Date(issue_id) => {
                let date = if text.is_empty() {
                    None
                } else {
                    match IssueDate::parse(&text).filter(|d| d.year.is_some()) {
                        Some(d) => Some(d),
                        None => {
                            self.status = Some(format!("{text:?} is not a date like 2021-01-10"));
                            return;
                        }
                    }
                };
                self.overlay = None;
                match &self.persist {
                    Some(p) => match review::set_issue_date(&p.review_path, &issue_id, date) {
                        Ok(_) => self.reload_reviews(),
                        Err(e) => self.status = Some(format!("not saved: {e}")),
                    },
                    None => {
                        let entry = self.reviews.issues.entry(issue_id).or_default();
                        entry.date = date.map(|d| d.to_string());
                        self.review_rev += 1;
                    }
                }
            }
        }
    }

    /// Routes an editing key to whatever overlay is open.
    pub(super) fn overlay_key(&mut self, key: InputKey) {
        match &self.overlay {
            Some(Overlay::Filter(_)) => self.filter_key(key),
            Some(Overlay::Search(_)) => self.search_key(key),
            Some(Overlay::Bookmarks(_)) => self.bookmarks_key(key),
            Some(Overlay::Editor(_)) => self.editor_key(key),
            None => {}
        }
    }

    pub(super) fn overlay_paste(&mut self, text: &str) {
        let input = match &mut self.overlay {
            Some(Overlay::Filter(f)) => &mut f.input,
            Some(Overlay::Search(s)) => &mut s.input,
            Some(Overlay::Editor(e)) => &mut e.input,
            _ => return,
        };
        input.insert(text);
        if let Some(Overlay::Filter(f)) = &self.overlay {
            self.pending_filter = Some((f.input.text.clone(), f.scope));
        }
    }
}
