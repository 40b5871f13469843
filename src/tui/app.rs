//! The reader's state and the one function that changes it.
//!
//! Keys and mouse events become [`Action`]s (see `keys.rs`); [`update`]
//! applies an action to [`App`]; `draw` renders `&App`. Nothing here touches
//! the terminal, so every behaviour is unit-tested by feeding actions.

use super::features::{ArticleMatches, Overlay, Persist};
use super::geometry::{self, Geometry, Mode, Pane};
use super::keys::Keymap;
use super::theme::Theme;
use crate::layout::AmbiguousWidth;
use crate::model::{Archive, Article, Issue};
use crate::reading::{self, ReadLine};
use crate::review::{ReviewFile, ReviewStatus};
use crate::search::{BodyHit, FilterResult, HeadlineIndex, Scope};
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

/// Everything the user can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    /// h / ← / Shift-Tab
    FocusLeft,
    /// l / → / Tab
    FocusRight,
    /// Enter: go in.
    Open,
    /// Esc: come back, or close what is open.
    Back,
    NextArticle,
    PrevArticle,
    NextIssue,
    PrevIssue,
    ToggleHelp,
    /// Open the folded issues pane (80–119 columns).
    ToggleIssues,
    Quit,
    Resize(u16, u16),
    /// Mouse wheel over a position.
    Scroll {
        x: u16,
        y: u16,
        down: bool,
    },
    /// Left click at a position.
    Click {
        x: u16,
        y: u16,
    },
    /// `/`: the fuzzy headline filter.
    Filter,
    /// Full-text search of article bodies.
    Search,
    NextMatch,
    PrevMatch,
    Bookmark,
    Bookmarks,
    ReviewStatus,
    ReviewFilter,
    EditNote,
    EditHeadline,
    EditDate,
    ShowOriginal,
    /// A key typed into the open query line or editor.
    Input(InputKey),
    /// The filter worker's answer to a query.
    FilterDone {
        query: String,
        scope: Scope,
        result: FilterResult,
    },
    /// The body search's answer.
    SearchDone {
        query: String,
        total: usize,
        hits: Vec<BodyHit>,
    },
    /// Text pasted (or committed by an input method) into the open editor.
    Paste(String),
    /// The headline index, built after the first frame (see [`App::indexing`]).
    IndexBuilt(BuiltIndex),
}

/// A headline index handed to `update`; equal when it is the same index.
#[derive(Clone)]
pub struct BuiltIndex(pub Arc<HeadlineIndex>);

impl PartialEq for BuiltIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for BuiltIndex {}

impl std::fmt::Debug for BuiltIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BuiltIndex({} headlines)", self.0.len())
    }
}

/// Keys a one-line editor understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Tab: toggles the filter's scope, or the corrected field.
    Tab,
    Up,
    Down,
    Submit,
    Cancel,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub amb: AmbiguousWidth,
    /// The reader's widest text column; wider panes centre it.
    pub max_text_width: u16,
    pub theme: Theme,
    /// Match headlines by pinyin in the filter.
    pub pinyin: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            amb: AmbiguousWidth::Narrow,
            max_text_width: 76,
            theme: Theme::dark(),
            pinyin: true,
        }
    }
}

/// One row of an issue's article list: an article, by page and index.
/// Repeats follow their original, folded (`folded` = printed twice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub page: usize,
    pub index: usize,
    pub folded: bool,
}

/// The article list of one issue in display order: page by page, each
/// repeat right under its original.
pub fn rows_of(issue: &Issue) -> Vec<Row> {
    let order = issue.reading_order().into_iter();
    order
        .map(|(page, index, folded)| Row {
            page,
            index,
            folded,
        })
        .collect()
}

/// (issue, page, article on the page, width, ambiguous columns, review
/// revision, original shown). Keyed by the article, not its list row: rows
/// shift when the review filter hides some.
type CacheKey = (usize, usize, usize, u16, u8, u64, bool);

pub struct App {
    /// Shared with the search thread.
    pub archive: Arc<Archive>,
    pub settings: Settings,
    /// Per issue, its article rows.
    pub rows: Vec<Vec<Row>>,
    pub focus: Pane,
    pub issue: usize,
    /// Index into `rows[issue]`.
    pub article: usize,
    pub issue_offset: usize,
    pub article_offset: usize,
    /// First reader line shown.
    pub scroll: usize,
    pub help: bool,
    /// First help line shown when the help does not fit.
    pub help_scroll: usize,
    pub area: Rect,
    pub quit: bool,
    /// A one-line message for the status bar (cleared by the next key).
    pub status: Option<String>,
    pub read: HashSet<String>,
    pub bookmarks: BTreeSet<String>,
    pub keymap: Keymap,
    /// The headline index the filter searches: the parsed headlines with
    /// the review's title corrections in place (see [`App::sync_index`]).
    pub index: Arc<HeadlineIndex>,
    /// The index of the parsed headlines, which corrections are applied to.
    pub(super) parsed_index: Arc<HeadlineIndex>,
    /// The `review_rev` that `index` reflects.
    pub(super) index_rev: Option<u64>,
    /// The headlines are still being indexed: the reader works, the filter
    /// waits (see [`App::indexing`]).
    pub indexing: bool,
    pub overlay: Option<Overlay>,
    /// A filter query for the shell to hand to the worker.
    pub pending_filter: Option<(String, Scope)>,
    /// A body search for the shell to run.
    pub pending_search: Option<String>,
    /// The last body search's matches, for highlighting and n/N.
    pub matches: Option<ArticleMatches>,
    pub reviews: ReviewFile,
    /// Bumped whenever review marks change, so laid-out articles are redone.
    pub review_rev: u64,
    /// Show only articles that still need review.
    pub review_filter: bool,
    /// The issue list is hidden on a wide screen (`i`).
    pub issues_hidden: bool,
    /// Where in the text the reader was left (see [`App::text_anchor`]),
    /// kept across resizes, which may clamp the scroll.
    pub reading_anchor: Option<(usize, usize)>,
    /// Show parsed headlines instead of corrections.
    pub show_original: bool,
    pub persist: Option<Persist>,
    /// Laid-out articles by (issue, row, width, setting): an article is
    /// wrapped once per width, however often it is drawn or scrolled.
    layouts: RefCell<HashMap<CacheKey, Rc<Vec<ReadLine>>>>,
}

impl App {
    /// An app over `archive`, building its headline index here (small
    /// archives and tests; the shell builds it on the loading thread).
    pub fn new(archive: Archive, settings: Settings, area: Rect) -> App {
        let index = Arc::new(HeadlineIndex::build(&archive, settings.pinyin));
        App::with_index(archive, index, settings, area)
    }

    /// An app whose headline index is still to come: the shell shows the
    /// archive at once and builds the index on a worker (0.3–0.6 s for
    /// 100k headlines), handing it over as [`Action::IndexBuilt`].
    pub fn indexing(archive: Archive, settings: Settings, area: Rect) -> App {
        let empty = Arc::new(HeadlineIndex::from_entries(Vec::new(), settings.pinyin));
        App {
            indexing: true,
            ..App::with_index(archive, empty, settings, area)
        }
    }

    pub fn with_index(
        archive: Archive,
        index: Arc<HeadlineIndex>,
        settings: Settings,
        area: Rect,
    ) -> App {
        let rows = archive.issues.iter().map(rows_of).collect();
        App {
            archive: Arc::new(archive),
            settings,
            rows,
            focus: Pane::Issues,
            issue: 0,
            article: 0,
            issue_offset: 0,
            article_offset: 0,
            scroll: 0,
            help: false,
            help_scroll: 0,
            area,
            quit: false,
            status: None,
            read: HashSet::new(),
            bookmarks: BTreeSet::new(),
            keymap: Keymap::default(),
            parsed_index: index.clone(),
            index,
            index_rev: None,
            indexing: false,
            overlay: None,
            pending_filter: None,
            pending_search: None,
            matches: None,
            reviews: ReviewFile::default(),
            review_rev: 0,
            review_filter: false,
            issues_hidden: false,
            reading_anchor: None,
            show_original: false,
            persist: None,
            layouts: RefCell::new(HashMap::new()),
        }
    }

    /// Keeps the filter's index in step with the review's title
    /// corrections, so that a corrected headline is found by what it now
    /// says. Returns whether the index changed; the shell then hands it to
    /// the filter worker.
    pub fn sync_index(&mut self) -> bool {
        if self.index_rev == Some(self.review_rev) {
            return false;
        }
        self.index_rev = Some(self.review_rev);
        let mut changes = Vec::new();
        if self.reviews.corrects_titles() {
            for entry in 0..self.parsed_index.len() as u32 {
                let Some((_, a)) = self.parsed_index.article(entry).get(&self.archive) else {
                    continue;
                };
                if self.reviews.articles.contains_key(&a.id)
                    && let Some(fixed) = self.reviews.corrected_article(a)
                {
                    changes.push((entry, crate::search::searchable_text(&fixed).0));
                }
            }
        }
        if changes.is_empty() && Arc::ptr_eq(&self.index, &self.parsed_index) {
            return false;
        }
        self.index = if changes.is_empty() {
            self.parsed_index.clone()
        } else {
            Arc::new(self.parsed_index.with_texts(&changes))
        };
        true
    }

    /// (keys, description) for the help overlay.
    pub fn keymap_help(&self) -> Vec<(String, &'static str)> {
        self.keymap.help_lines()
    }

    pub fn geometry(&self) -> Geometry {
        geometry::geometry(self.area, self.focus, self.issues_hidden)
    }

    pub fn mode(&self) -> Mode {
        geometry::mode(self.area)
    }

    pub fn current_issue(&self) -> Option<&Issue> {
        self.archive.issues.get(self.issue)
    }

    pub fn current_rows(&self) -> &[Row] {
        self.rows.get(self.issue).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn article_at(&self, issue: usize, row: usize) -> Option<&Article> {
        let r = self.rows.get(issue)?.get(row)?;
        self.archive.issues[issue].pages[r.page]
            .articles
            .get(r.index)
    }

    pub fn current_article(&self) -> Option<&Article> {
        self.article_at(self.issue, self.article)
    }

    /// The reader's text column (x, width) for the current size, if shown.
    pub fn reader_column(&self) -> Option<(u16, u16)> {
        self.geometry()
            .reader
            .map(|r| geometry::reader_text_column(r, self.settings.max_text_width))
    }

    /// Lines the reader shows below its title bar.
    pub fn reader_rows(&self) -> usize {
        self.geometry()
            .reader
            .map(|r| r.height.saturating_sub(1) as usize)
            .unwrap_or(1)
            .max(1)
    }

    /// The current article laid out for the reader's width (cached).
    pub fn reader_lines(&self) -> Rc<Vec<ReadLine>> {
        let Some((_, width)) = self.reader_column() else {
            return Rc::new(Vec::new());
        };
        self.lines_for(self.issue, self.article, width)
    }

    pub fn lines_for(&self, issue: usize, row: usize, width: u16) -> Rc<Vec<ReadLine>> {
        let Some(&Row { page, index, .. }) = self.rows.get(issue).and_then(|r| r.get(row)) else {
            return Rc::new(Vec::new());
        };
        let key = (
            issue,
            page,
            index,
            width,
            self.settings.amb.columns(),
            self.review_rev,
            self.show_original,
        );
        if let Some(lines) = self.layouts.borrow().get(&key) {
            return lines.clone();
        }
        let Some(article) = self.article_at(issue, row) else {
            return Rc::new(Vec::new());
        };
        let mut ctx = reading::context(&self.archive.issues[issue], article);
        let (kicker, headline, corrected) = self.shown_titles(article);
        if corrected {
            ctx.titles = Some((kicker, headline));
            ctx.notes.push("标题已校正 (o: 原题)".into());
        }
        match self.review_of(article) {
            crate::review::Applied::Fresh(e) => {
                if e.status != ReviewStatus::Unreviewed {
                    ctx.notes.push(format!("审校 {}", e.status));
                }
                if let Some(n) = &e.note {
                    ctx.notes.push(format!("备注：{n}"));
                }
            }
            crate::review::Applied::Stale(_) => {
                ctx.notes.push("审校记录针对的是旧文本，未应用".into());
            }
            crate::review::Applied::None => {}
        }
        let lines = Rc::new(reading::lay_out(
            article,
            &ctx,
            width as usize,
            self.settings.amb,
        ));
        let mut cache = self.layouts.borrow_mut();
        // Keep the cache small: a few widths of the articles near the cursor.
        if cache.len() > 64 {
            cache.clear();
        }
        cache.insert(key, lines.clone());
        lines
    }

    /// Where in the text the reader's first visible line starts: (block,
    /// byte offset), or `None` above the body.
    pub fn text_anchor(&self) -> Option<(usize, usize)> {
        let lines = self.reader_lines();
        lines
            .get(..=self.scroll.min(lines.len().saturating_sub(1)))?
            .iter()
            .rev()
            .find_map(|l| l.source)
    }

    /// Scrolls so that the line holding `anchor` is the first one shown.
    pub fn scroll_to_anchor(&mut self, (block, offset): (usize, usize)) {
        let lines = self.reader_lines();
        let at = lines
            .iter()
            .rposition(|l| l.source.is_some_and(|(b, o)| b == block && o <= offset))
            .or_else(|| {
                lines
                    .iter()
                    .position(|l| l.source.is_some_and(|(b, _)| b >= block))
            });
        if let Some(at) = at {
            self.scroll = at.min(self.max_scroll());
        }
    }

    pub fn max_scroll(&self) -> usize {
        self.reader_lines().len().saturating_sub(self.reader_rows())
    }

    /// How far through the article the reader is, in percent.
    pub fn scroll_percent(&self) -> u16 {
        let total = self.reader_lines().len();
        if total == 0 {
            return 100;
        }
        let seen = (self.scroll + self.reader_rows()).min(total);
        (seen * 100 / total) as u16
    }

    /// Issues and articles in view of their panes.
    fn keep_in_view(&mut self) {
        let g = self.geometry();
        if let Some(r) = g.issues {
            let total = self.archive.issues.len();
            self.issue_offset =
                scrolled_into_view(self.issue, self.issue_offset, geometry::list_rows(r), total);
        }
        if let Some(r) = g.articles {
            // Page headings take rows too: count them up to the selection.
            let visible = geometry::list_rows(r);
            let display = self.display_index(self.article);
            let total = self.display_index(self.current_rows().len().saturating_sub(1)) + 1;
            self.article_offset = scrolled_into_view(display, self.article_offset, visible, total);
        }
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Position of an article row in the displayed list, which interleaves a
    /// heading line before each page's first row.
    pub fn display_index(&self, row: usize) -> usize {
        let rows = self.current_rows();
        let mut display = 0;
        let mut last_page = None;
        for (i, r) in rows.iter().enumerate() {
            if last_page != Some(r.page) {
                display += 1;
                last_page = Some(r.page);
            }
            if i == row {
                return display;
            }
            display += 1;
        }
        display
    }

    /// The article row shown at a displayed list position, if it is one.
    pub fn row_at_display(&self, display: usize) -> Option<usize> {
        (0..self.current_rows().len()).find(|&i| self.display_index(i) == display)
    }

    fn select_issue(&mut self, issue: usize) {
        if issue != self.issue {
            self.issue = issue;
            self.article = 0;
            self.article_offset = 0;
            self.scroll = 0;
        }
    }

    fn select_article(&mut self, row: usize) {
        if row != self.article {
            self.article = row;
            self.scroll = 0;
        }
        if self.focus == Pane::Reader {
            self.mark_read();
        }
    }

    fn page_size(&self, pane: Pane) -> usize {
        match pane {
            Pane::Reader => self.reader_rows(),
            _ => self
                .geometry()
                .rect(pane)
                .map(geometry::list_rows)
                .unwrap_or(1)
                .max(1),
        }
    }

    /// Moves in the focused pane by `delta` (lines in the reader, rows in lists).
    fn move_by(&mut self, pane: Pane, delta: isize) {
        match pane {
            Pane::Issues => {
                let n = self.archive.issues.len();
                if n > 0 {
                    self.select_issue(step(self.issue, delta, n));
                }
            }
            Pane::Articles => {
                let n = self.current_rows().len();
                if n > 0 {
                    self.select_article(step(self.article, delta, n));
                }
            }
            Pane::Reader => {
                let max = self.max_scroll() as isize;
                self.scroll = (self.scroll as isize + delta).clamp(0, max) as usize;
            }
        }
    }

    /// Next or previous article in reading order, crossing pages and issues.
    fn next_article(&mut self, forward: bool) {
        let n = self.current_rows().len();
        if forward && self.article + 1 < n {
            self.select_article(self.article + 1);
        } else if !forward && self.article > 0 {
            self.select_article(self.article - 1);
        } else {
            // Into the neighbouring issue that has articles.
            let mut i = self.issue;
            loop {
                let next = if forward {
                    i.checked_add(1)
                } else {
                    i.checked_sub(1)
                };
                match next {
                    Some(j) if j < self.archive.issues.len() => {
                        i = j;
                        if !self.rows[i].is_empty() {
                            self.select_issue(i);
                            self.article = if forward { 0 } else { self.rows[i].len() - 1 };
                            self.scroll = 0;
                            if self.focus == Pane::Reader {
                                self.mark_read();
                            }
                            break;
                        }
                    }
                    _ => {
                        self.status = Some(if forward {
                            "last article of the archive".into()
                        } else {
                            "first article of the archive".into()
                        });
                        break;
                    }
                }
            }
        }
    }

    fn focus_left(&mut self) {
        self.focus = match self.focus {
            Pane::Reader => Pane::Articles,
            Pane::Articles | Pane::Issues => Pane::Issues,
        };
    }

    fn focus_right(&mut self) {
        self.focus = match self.focus {
            Pane::Issues => Pane::Articles,
            Pane::Articles | Pane::Reader => Pane::Reader,
        };
        if self.focus == Pane::Reader {
            self.mark_read();
        }
    }
}

fn step(current: usize, delta: isize, len: usize) -> usize {
    (current as isize + delta).clamp(0, len as isize - 1) as usize
}

/// The offset that keeps `selected` visible in a window of `rows`, never
/// leaving rows blank below the last of `total` (a window that grew shows
/// more of the top again).
fn scrolled_into_view(selected: usize, offset: usize, rows: usize, total: usize) -> usize {
    let rows = rows.max(1);
    let offset = offset.min(total.saturating_sub(rows));
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

/// Applies one action. The only place state changes.
pub fn update(app: &mut App, action: Action) {
    apply(app, action);
    if app.sync_index()
        && let Some(Overlay::Filter(f)) = &app.overlay
    {
        // The open filter's answer may name a headline as it was.
        app.pending_filter = Some((f.input.text.clone(), f.scope));
    }
}

fn apply(app: &mut App, action: Action) {
    // The index arriving from its worker is not the user acting: it closes
    // nothing (the help, say) and leaves the status line's news alone.
    if let Action::IndexBuilt(BuiltIndex(index)) = action {
        app.index_built(index);
        return;
    }
    if !matches!(action, Action::Resize(..)) {
        app.status = None;
    }
    if app.help {
        // The help scrolls with the movement keys; any other key closes it.
        let lines = app.keymap.help_lines().len();
        let last = lines.saturating_sub(1);
        match action {
            Action::Quit => app.quit = true,
            Action::Resize(w, h) => app.area = Rect::new(0, 0, w, h),
            Action::Down => app.help_scroll = (app.help_scroll + 1).min(last),
            Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => {
                app.help_scroll = (app.help_scroll + 10).min(last)
            }
            Action::PageUp | Action::HalfPageUp => {
                app.help_scroll = app.help_scroll.saturating_sub(10)
            }
            Action::Top => app.help_scroll = 0,
            Action::Bottom => app.help_scroll = last,
            _ => app.help = false,
        }
        return;
    }
    let focus = app.focus;
    match action {
        Action::Input(key) => app.overlay_key(key),
        Action::Paste(text) => app.overlay_paste(&text),
        Action::FilterDone {
            query,
            scope,
            result,
        } => app.filter_done(query, scope, result),
        Action::SearchDone { query, total, hits } => app.search_done(query, total, hits),
        // Taken before the help and the status line, at the top.
        Action::IndexBuilt(_) => {}
        // While an overlay is open only the keys above reach it (the shell
        // maps keys to Input); anything else closes nothing and does nothing.
        _ if app.overlay.is_some() && !matches!(action, Action::Quit | Action::Resize(..)) => {}
        Action::Filter => app.open_filter(),
        Action::Search => app.open_search(),
        Action::NextMatch => app.step_match(true),
        Action::PrevMatch => app.step_match(false),
        Action::Bookmark => app.toggle_bookmark(),
        Action::Bookmarks => app.open_bookmarks(),
        Action::ReviewStatus => app.cycle_review(),
        Action::ReviewFilter => app.toggle_review_filter(),
        Action::EditNote | Action::EditHeadline | Action::EditDate => app.open_editor(action),
        Action::ShowOriginal => {
            app.show_original = !app.show_original;
            app.status = Some(if app.show_original {
                "showing parsed headlines (o: corrections)".into()
            } else {
                "showing corrected headlines".into()
            });
        }
        Action::Quit => app.quit = true,
        Action::Resize(w, h) => {
            // Keep the reader on the same text: lines re-wrap at a new width.
            // The place the reader chose, not one a big window clamped.
            app.area = Rect::new(0, 0, w, h);
            if let Some(anchor) = app.reading_anchor {
                app.scroll_to_anchor(anchor);
            }
            app.keep_in_view();
            return;
        }
        Action::ToggleHelp => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::Up => app.move_by(focus, -1),
        Action::Down => app.move_by(focus, 1),
        Action::Top => app.move_by(focus, isize::MIN / 2),
        Action::Bottom => app.move_by(focus, isize::MAX / 2),
        Action::HalfPageDown => app.move_by(focus, (app.page_size(focus) / 2).max(1) as isize),
        Action::HalfPageUp => app.move_by(focus, -((app.page_size(focus) / 2).max(1) as isize)),
        Action::PageDown => app.move_by(
            focus,
            app.page_size(focus).saturating_sub(1).max(1) as isize,
        ),
        Action::PageUp => app.move_by(
            focus,
            -(app.page_size(focus).saturating_sub(1).max(1) as isize),
        ),
        Action::FocusLeft => app.focus_left(),
        Action::FocusRight => app.focus_right(),
        Action::ToggleIssues if app.mode() == Mode::Wide => {
            // Three panes: hide the issue list, or bring it back focused.
            let shown = !app.issues_hidden || focus == Pane::Issues;
            app.issues_hidden = shown;
            app.focus = match (shown, focus) {
                (true, Pane::Issues) => Pane::Articles,
                (true, other) => other,
                (false, _) => Pane::Issues,
            };
        }
        Action::ToggleIssues => {
            app.focus = if focus == Pane::Issues {
                Pane::Articles
            } else {
                Pane::Issues
            }
        }
        Action::Open => match focus {
            Pane::Issues => {
                app.focus = Pane::Articles;
                app.article = 0;
                app.article_offset = 0;
                app.scroll = 0;
            }
            Pane::Articles => {
                if app.current_article().is_some() {
                    app.open_in_reader();
                }
            }
            Pane::Reader => {}
        },
        Action::Back => match focus {
            Pane::Reader => app.focus = Pane::Articles,
            Pane::Articles => app.focus = Pane::Issues,
            Pane::Issues => app.status = Some("q quits".into()),
        },
        Action::NextArticle => app.next_article(true),
        Action::PrevArticle => app.next_article(false),
        Action::NextIssue | Action::PrevIssue => {
            let n = app.archive.issues.len();
            if n > 0 {
                let delta = if action == Action::NextIssue { 1 } else { -1 };
                app.select_issue(step(app.issue, delta, n));
                if focus == Pane::Reader {
                    app.mark_read();
                }
            }
        }
        Action::Scroll { x, y, down } => {
            if let Some(pane) = app.geometry().pane_at(x, y) {
                app.move_by(pane, if down { 3 } else { -3 });
            }
        }
        Action::Click { x, y } => click(app, x, y),
    }
    app.keep_in_view();
    app.reading_anchor = app.text_anchor();
}

fn click(app: &mut App, x: u16, y: u16) {
    let g = app.geometry();
    if g.issue_header.is_some_and(|r| r.contains((x, y).into())) {
        app.focus = Pane::Issues;
        return;
    }
    let Some(pane) = g.pane_at(x, y) else { return };
    let r = g.rect(pane).expect("pane under the pointer is shown");
    app.focus = pane;
    if y == r.y {
        return; // the title bar
    }
    let line = (y - r.y - 1) as usize;
    match pane {
        Pane::Issues => {
            let i = app.issue_offset + line;
            if i < app.archive.issues.len() {
                app.select_issue(i);
            }
        }
        Pane::Articles => {
            if let Some(row) = app.row_at_display(app.article_offset + line) {
                app.select_article(row);
            }
        }
        Pane::Reader => app.mark_read(),
    }
}
