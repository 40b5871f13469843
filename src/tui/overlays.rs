//! What the keys do while something is open over the panes: the headline
//! filter, body search, the bookmark list and the one-line editors.
//!
//! Filtering and searching run off the UI thread: a key that changes the
//! question queues an [`Effect::Filter`] or [`Effect::Search`]; the answer
//! comes back as `Action::FilterDone`/`SearchDone`, and `update` drops an
//! answer to a question the screen no longer asks.

use super::action::Action;
use super::app::App;
use super::effect::{Effect, SearchAsk, Write};
use super::geometry::Pane;
use super::input::{InputKey, LineInput};
use super::overlay::{
    ArticleMatches, BookmarksUi, EditTarget, EditorUi, FilterUi, Overlay, Saved, SearchUi,
};
use crate::model::{Article, Issue, IssueDate};
use crate::review::ReviewChange;
use crate::search::{ArticleRef, BodyHit, FilterResult, HeadlineIndex, Scope};
use crate::state::QueryKind;
use std::sync::Arc;

impl App {
    fn saved(&self) -> Saved {
        Saved {
            focus: self.focus,
            issue: self.issue,
            article: self.article,
            scroll: self.scroll,
        }
    }

    /// Makes the place the open overlay goes back to the place now, in the
    /// overlay's pane: the archive under it was replaced, and the issue and
    /// row it saved are numbers in the archive before.
    pub(super) fn resave_overlay_place(&mut self) {
        let now = self.saved();
        let saved = match &mut self.overlay {
            Some(Overlay::Filter(f)) => &mut f.saved,
            Some(Overlay::Search(s)) => &mut s.saved,
            Some(Overlay::Bookmarks(b)) => &mut b.saved,
            _ => return,
        };
        *saved = Saved {
            focus: saved.focus,
            ..now
        };
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
        if issue >= self.archive.issues.len() {
            return false;
        }
        let row = self
            .issue_rows(issue)
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
    pub(super) fn shown_row_of(&self, id: &str) -> Option<(usize, usize)> {
        self.issues_for_id(id).find_map(|i| {
            let rows = self.issue_rows(i).len();
            (0..rows)
                .find(|&row| self.article_at(i, row).is_some_and(|a| a.id == id))
                .map(|row| (i, row))
        })
    }

    pub(super) fn go_to_id(&mut self, id: &str) -> bool {
        let found = self.issues_for_id(id).find_map(|i| {
            let issue = self.issue_at(i)?;
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

    /// The article `id`, and its issue.
    pub fn find_article(&self, id: &str) -> Option<(&Issue, &Article)> {
        self.issues_for_id(id).find_map(|i| {
            let issue = self.issue_at(i)?;
            issue.find_article(id).map(|a| (issue, a))
        })
    }

    /// The issues to look for the article `id` in: first those it names
    /// (an article's id begins with its issue's), then every other. On the
    /// skeleton each issue looked in is read: this keeps it to one.
    fn issues_for_id<'a>(&'a self, id: &'a str) -> impl Iterator<Item = usize> + 'a {
        let issues = &self.archive.issues;
        let named = move |i: &usize| {
            id.strip_prefix(issues[*i].id.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
        };
        let all = 0..issues.len();
        all.clone()
            .filter(named)
            .chain(all.filter(move |i| !named(i)))
    }

    /// Opens the current article in the reader and marks it read.
    pub(super) fn open_in_reader(&mut self) {
        self.focus = Pane::Reader;
        self.mark_read();
    }

    // ----- headline filter -------------------------------------------------

    pub(super) fn open_filter(&mut self) {
        let scope = Scope::All;
        // The last query again, selected: Enter keeps it, typing replaces it.
        let last = self.filter_history.last().cloned().unwrap_or_default();
        self.overlay = Some(Overlay::Filter(FilterUi {
            input: LineInput::selected(&last),
            recall: None,
            scope,
            result: FilterResult::default(),
            answered: String::new(),
            selected: 0,
            offset: 0,
            saved: self.saved(),
        }));
        self.ask_filter();
    }

    /// Queues the open filter's question (held while indexing: the index
    /// arriving asks it).
    fn ask_filter(&mut self) {
        if let Some(ask) = self.filter_ask() {
            self.queue(Effect::Filter(ask));
        }
    }

    /// Drops the open filter's hits, which name entries of an index of the
    /// archive before (another archive's entries may not exist in the new
    /// one); the filter is asked again of the new index.
    pub(super) fn forget_filter_hits(&mut self) {
        if let Some(Overlay::Filter(f)) = &mut self.overlay {
            f.result = FilterResult::default();
            f.answered.clear();
            f.selected = 0;
            f.offset = 0;
        }
    }

    /// The headline index has been built. A query typed meanwhile was held
    /// (see [`App::filter_ask`]); `update` now asks it of the new index.
    pub(super) fn index_built(&mut self, index: Arc<HeadlineIndex>, built_for: u64) {
        if built_for != self.archive_generation {
            return; // built for the archive as it was; one for this one is in use
        }
        self.index = index;
        self.retitles.forget();
        self.index_version += 1;
        // Corrections made meanwhile are applied to it by `sync_index`.
        self.index_rev = None;
        self.indexing = false;
    }

    /// The filter worker's answer to the open filter's question.
    pub(super) fn filter_done(&mut self, query: String, result: FilterResult) {
        if let Some(Overlay::Filter(f)) = &mut self.overlay {
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
                let query = f.input.text.clone();
                if let Some(entry) = hit {
                    self.remember_query(QueryKind::Filter, &query);
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
                self.ask_filter();
            }
            InputKey::Up | InputKey::Down
                if history_key(key, f.selected, f.result.hits.is_empty()) =>
            {
                let older = key == InputKey::Up;
                if super::history::step(&self.filter_history, &mut f.recall, &mut f.input, older) {
                    f.selected = 0;
                    f.offset = 0;
                    self.ask_filter();
                }
            }
            InputKey::Up => f.selected = f.selected.saturating_sub(1),
            InputKey::Down => {
                f.selected = (f.selected + 1).min(f.result.hits.len().saturating_sub(1))
            }
            other => {
                if f.input.apply(other) {
                    f.recall = None;
                    f.selected = 0;
                    f.offset = 0;
                    self.ask_filter();
                }
            }
        }
    }

    // ----- body search -----------------------------------------------------

    pub(super) fn open_search(&mut self) {
        let last = self.search_history.last().cloned().unwrap_or_default();
        self.overlay = Some(Overlay::Search(SearchUi {
            input: LineInput::selected(&last),
            recall: None,
            hits: Vec::new(),
            total: 0,
            answered: None,
            running: false,
            selected: 0,
            offset: 0,
            saved: self.saved(),
        }));
    }

    /// The body search's answer to the open search's question.
    pub(super) fn search_done(&mut self, query: String, total: usize, hits: Vec<BodyHit>) {
        if let Some(Overlay::Search(s)) = &mut self.overlay {
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
                        s.input.selected = false;
                        let query = s.input.text.clone();
                        self.queue(Effect::Search(SearchAsk {
                            query: query.clone(),
                        }));
                        self.remember_query(QueryKind::Search, &query);
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
            InputKey::Up | InputKey::Down if history_key(key, s.selected, s.hits.is_empty()) => {
                let older = key == InputKey::Up;
                super::history::step(&self.search_history, &mut s.recall, &mut s.input, older);
            }
            InputKey::Up => s.selected = s.selected.saturating_sub(1),
            InputKey::Down => s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1)),
            other => {
                if s.input.apply(other) {
                    s.recall = None;
                }
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
            Action::GoToDate => Some((EditTarget::GoTo, String::new())),
            Action::Pipe => self
                .current_article()
                .map(|_| (EditTarget::Pipe, self.last_pipe.clone())),
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
            EditTarget::GoTo => {
                if text.is_empty() {
                    self.overlay = None;
                    return;
                }
                let Some(span) = crate::dates::DateSpan::parse(&text) else {
                    self.status = Some(format!(
                        "{text:?} is not a date like 2021-01-10, 2021-01 or 2021"
                    ));
                    return;
                };
                self.overlay = None;
                self.go_to_date(span, &text);
            }
            EditTarget::Pipe => {
                self.overlay = None;
                if text.is_empty() {
                    return;
                }
                if let Some(article) = super::clipboard::article_text(self) {
                    self.last_pipe = text.clone();
                    self.queue(Effect::Pipe {
                        command: text,
                        text: article,
                    });
                }
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
                let before = self
                    .reviews
                    .issues
                    .get(&issue_id)
                    .and_then(|r| r.date.clone());
                self.undo.push(super::undo::UndoStep::IssueDate {
                    issue: issue_id.clone(),
                    before,
                });
                match &self.persist {
                    Some(p) => self.queue(Effect::Write(Write::IssueDate {
                        file: p.review_path.clone(),
                        team: p.team_review_path.clone(),
                        issue: issue_id,
                        date,
                    })),
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
            Some(Overlay::Roles(_)) => self.role_key(key),
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
        if let Some(Overlay::Filter(_)) = &self.overlay {
            self.ask_filter();
        }
    }
}

/// Whether ↑/↓ walk the query history rather than the hit list: ↑ on the
/// first hit or with none (the history sits above the list, as a shell's
/// above its prompt), ↓ only when there is no hit to move to.
fn history_key(key: InputKey, selected: usize, no_hits: bool) -> bool {
    match key {
        InputKey::Up => selected == 0,
        InputKey::Down => no_hits,
        _ => false,
    }
}
