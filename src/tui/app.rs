//! The reader's state, [`App`], and the questions asked of it: what is
//! selected, what is shown, where the reader stands.
//!
//! Keys and mouse events become `Action`s (see `keys.rs`); `update`
//! applies an action to [`App`]; `draw` renders `&App`. Nothing here touches
//! the terminal, so every behaviour is unit-tested by feeding actions.

use super::effect::{Effect, FilterAsk, Persist, SearchAsk};
use super::geometry::{self, Geometry, Mode, Pane};
use super::keys::Keymap;
use super::overlay::{ArticleMatches, Overlay};
use super::theme::Theme;
use crate::index::LazySkeleton;
use crate::layout::AmbiguousWidth;
use crate::model::{Archive, Article, Issue};
use crate::reading::{self, ReadLine};
use crate::review::{ReviewFile, ReviewStatus};
use crate::search::{HeadlineIndex, Retitle, Retitles};
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

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

/// Issues as parsed, by index, that structural corrections changed (see
/// [`App::parsed_issues`]).
pub type AsParsed = std::collections::BTreeMap<usize, Issue>;

/// (issue, page, article on the page, width, ambiguous columns, review
/// revision, original shown). Keyed by the article, not its list row: rows
/// shift when the review filter hides some.
type CacheKey = (usize, usize, usize, u16, u8, u64, bool);

pub struct App {
    /// Shared with the search thread. On the skeleton, every issue without
    /// its pages: [`App::issue_at`] reads them.
    pub archive: Arc<Archive>,
    /// The reader started on the skeleton: each issue's pages are read
    /// from it when first shown (see `pending_text.rs`).
    pub(super) skeleton: Option<Arc<LazySkeleton>>,
    /// The skeleton as the loader handed it over, before the structural
    /// corrections made on it here (what its check is compared with).
    pub(super) handed: Option<Arc<LazySkeleton>>,
    pub settings: Settings,
    /// Per issue, its article rows, made when first asked for
    /// ([`App::issue_rows`]).
    rows: Vec<OnceLock<Vec<Row>>>,
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
    /// A one-line message for the status bar (cleared by the next key).
    pub status: Option<String>,
    pub read: HashSet<String>,
    pub bookmarks: BTreeSet<String>,
    pub keymap: Keymap,
    /// The headline index the filter searches: the parsed headlines with
    /// the review's title corrections in place (see [`App::sync_index`]).
    pub index: Arc<HeadlineIndex>,
    /// The title corrections `index` holds, with the parse's texts.
    pub(super) retitles: Retitles,
    /// The `review_rev` that `index` reflects.
    pub(super) index_rev: Option<u64>,
    /// Counts the changes of `index`: a filter answer names the version it
    /// was asked of (see [`FilterAsk`]).
    pub index_version: u64,
    /// The headlines are still being indexed: the reader works, the filter
    /// waits (see [`App::indexing`]).
    pub indexing: bool,
    pub overlay: Option<Overlay>,
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
    /// Show the archive as parsed (`o`): parsed headlines instead of
    /// corrections, and the structure with no split, merge, role or move.
    pub show_original: bool,
    /// The issues, by index, that structural corrections changed, as they
    /// were parsed: from the start (the shell's loader) and from this
    /// session's corrections. `o` shows them in place of the corrected ones.
    pub parsed_issues: AsParsed,
    /// While `o` shows the parse: the corrected issues it replaced, set
    /// aside by number…
    pub(super) corrected: Option<HashMap<usize, Issue>>,
    /// …and on the skeleton, the skeleton it replaced, which `o` again
    /// puts back.
    pub(super) corrected_skeleton: Option<Arc<LazySkeleton>>,
    pub persist: Option<Persist>,
    /// The source view or the issue's notes, when open (see `source.rs`).
    pub source: Option<super::panel::SourcePanel>,
    /// This session's review actions, last on top, for `u`.
    pub undo: Vec<super::undo::UndoStep>,
    /// Counts the archives the reader has been on: a structural
    /// correction or a skeleton brought forward replaces it (and a
    /// headline index built for the one before is then dropped).
    pub(super) archive_generation: u64,
    /// The filter's and the body search's past queries, oldest first.
    pub filter_history: Vec<String>,
    pub search_history: Vec<String>,
    /// The last command `|` ran, offered again at its prompt.
    pub last_pipe: String,
    /// The screen was left (a `|` command ran on it): the next frame is
    /// drawn blank so that the one after it is drawn whole (see
    /// [`draw`](crate::tui::draw::draw)).
    pub repaint: std::cell::Cell<bool>,
    /// The places followed jump notes left from, newest last.
    pub back_stack: Vec<Return>,
    /// The archive holds the skeleton only: each article's text is read
    /// with its issue as it is shown (see `pending_text.rs`).
    pub text_pending: bool,
    /// On the skeleton: issues read alone, by number…
    pub(super) texts: HashMap<usize, Arc<Issue>>,
    /// …and the issues asked for, each once.
    pub(super) text_asked: HashSet<usize>,
    /// The whole archive's text was asked for.
    pub(super) text_wanted: bool,
    /// A body search asked on the skeleton, to run once the text is there.
    pub(super) search_held: Option<SearchAsk>,
    /// Laid-out articles by (issue, row, width, setting): an article is
    /// wrapped once per width, however often it is drawn or scrolled.
    layouts: RefCell<HashMap<CacheKey, Rc<Vec<ReadLine>>>>,
    /// Effects asked for by the `update` under way, which returns them:
    /// always empty between updates.
    effects: Vec<Effect>,
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
    /// 100k headlines), handing it over as [`Action::IndexBuilt`](crate::tui::Action::IndexBuilt).
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
        App::with_shared(Arc::new(archive), index, settings, area)
    }

    /// An app on the archive's skeleton, its articles' text to be read as
    /// shown (see `pending_text.rs`), with the headline index kept with it,
    /// or else indexing (the shell builds the index).
    pub fn on_skeleton(
        skeleton: Arc<LazySkeleton>,
        index: Option<Arc<HeadlineIndex>>,
        settings: Settings,
        area: Rect,
    ) -> App {
        let indexing = index.is_none();
        let index = index
            .unwrap_or_else(|| Arc::new(HeadlineIndex::from_entries(Vec::new(), settings.pinyin)));
        let empty = Arc::new(Archive::default());
        App {
            archive: skeleton.shells().clone(),
            rows: (0..skeleton.len()).map(|_| OnceLock::new()).collect(),
            handed: Some(skeleton.clone()),
            skeleton: Some(skeleton),
            indexing,
            text_pending: true,
            ..App::with_shared(empty, index, settings, area)
        }
    }

    /// As [`App::with_index`], over an archive shared with its loader.
    pub fn with_shared(
        archive: Arc<Archive>,
        index: Arc<HeadlineIndex>,
        settings: Settings,
        area: Rect,
    ) -> App {
        let rows = archive
            .issues
            .iter()
            .map(|i| OnceLock::from(rows_of(i)))
            .collect();
        App {
            archive,
            skeleton: None,
            handed: None,
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
            status: None,
            read: HashSet::new(),
            bookmarks: BTreeSet::new(),
            keymap: Keymap::default(),
            index,
            retitles: Retitles::default(),
            index_rev: None,
            index_version: 0,
            indexing: false,
            overlay: None,
            matches: None,
            reviews: ReviewFile::default(),
            review_rev: 0,
            review_filter: false,
            issues_hidden: false,
            reading_anchor: None,
            show_original: false,
            parsed_issues: AsParsed::new(),
            corrected: None,
            corrected_skeleton: None,
            persist: None,
            source: None,
            undo: Vec::new(),
            archive_generation: 0,
            back_stack: Vec::new(),
            last_pipe: String::new(),
            filter_history: Vec::new(),
            search_history: Vec::new(),
            repaint: std::cell::Cell::new(false),
            text_pending: false,
            texts: HashMap::new(),
            text_asked: HashSet::new(),
            text_wanted: false,
            search_held: None,
            layouts: RefCell::new(HashMap::new()),
            effects: Vec::new(),
        }
    }

    /// How many times the archive under the reader was replaced (a
    /// structural correction, a skeleton brought forward, the whole
    /// archive unlike its skeleton): what a headline index built for the
    /// archive shown now is tagged with.
    pub fn archive_generation(&self) -> u64 {
        self.archive_generation
    }

    /// Drops every laid-out article (their text or titles changed).
    pub(super) fn forget_layouts(&self) {
        self.layouts.borrow_mut().clear();
    }

    /// Asks for an effect; the `update` under way returns it.
    pub(super) fn queue(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    pub(super) fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// What the open filter asks the worker now; `None` with no filter
    /// open, or while the headlines are still being indexed (the query then
    /// runs when the index arrives).
    pub fn filter_ask(&self) -> Option<FilterAsk> {
        match &self.overlay {
            Some(Overlay::Filter(f)) if !self.indexing => Some(FilterAsk {
                query: f.input.text.clone(),
                scope: f.scope,
                index: self.index_version,
            }),
            _ => None,
        }
    }

    /// What the open body search asks: its query line.
    pub fn search_ask(&self) -> Option<SearchAsk> {
        match &self.overlay {
            Some(Overlay::Search(s)) => Some(SearchAsk {
                query: s.input.text.clone(),
            }),
            _ => None,
        }
    }

    /// Keeps the filter's index in step with the review's title
    /// corrections, so that a corrected headline is found by what it now
    /// says: the entries whose correction came, went or changed are
    /// rewritten ([`Retitles::bring`]), in a copy only while the filter's
    /// worker holds the index. Returns whether the index changed (`update`
    /// then hands it to the filter worker).
    pub fn sync_index(&mut self) -> bool {
        if self.index_rev == Some(self.review_rev) {
            return false;
        }
        self.index_rev = Some(self.review_rev);
        let mut wanted = Vec::new();
        if self.reviews.corrects_titles() {
            // The entries of the issues holding corrected titles only: on
            // the skeleton every other issue is left unread.
            let retitled = crate::index::read_alone::issues_holding(
                &self.archive,
                self.reviews
                    .articles
                    .iter()
                    .filter(|(_, e)| e.corrects_title())
                    .map(|(id, _)| id.as_str()),
            );
            let entries = self
                .index
                .entries_of_issues(&retitled)
                .unwrap_or_else(|| std::iter::once(0..self.index.len()).collect());
            for entry in entries.into_iter().flatten() {
                let entry = entry as u32;
                let Some((_, a)) = self.article_ref(self.index.article(entry)) else {
                    continue;
                };
                if self.reviews.articles.contains_key(&a.id)
                    && let Some(fixed) = self.reviews.corrected_article(a)
                {
                    wanted.push(Retitle {
                        entry,
                        corrected: crate::search::searchable_text(&fixed).0,
                        parsed: crate::search::searchable_text(a).0,
                    });
                }
            }
        }
        if !self.retitles.bring(&mut self.index, wanted) {
            return false;
        }
        self.index_version += 1;
        true
    }

    /// The help overlay's lines: (keys, description), then a blank line
    /// and the legend of the lists' marks.
    pub fn keymap_help(&self) -> Vec<(String, &'static str)> {
        let mut lines = self.keymap.help_lines();
        lines.push((String::new(), ""));
        lines.push(("marks".into(), "in the lists · 标记"));
        lines.extend(
            super::legend::LEGEND
                .iter()
                .map(|(mark, meaning)| (mark.to_string(), *meaning)),
        );
        lines
    }

    pub fn geometry(&self) -> Geometry {
        geometry::geometry(self.area, self.focus, self.issues_hidden)
    }

    pub fn mode(&self) -> Mode {
        geometry::mode(self.area)
    }

    pub fn current_issue(&self) -> Option<&Issue> {
        self.issue_at(self.issue)
    }

    pub fn current_rows(&self) -> &[Row] {
        self.issue_rows(self.issue)
    }

    /// Whether a structural correction was made on the skeleton shown
    /// (it is no longer the one the loader handed over).
    pub(super) fn structured_here(&self) -> bool {
        // Under `o`, the skeleton it set aside is the one corrected.
        let corrected = self.corrected_skeleton.as_ref().or(self.skeleton.as_ref());
        match (corrected, &self.handed) {
            (Some(shown), Some(handed)) => !Arc::ptr_eq(shown, handed),
            _ => false,
        }
    }

    /// The skeleton the reader is on, until every article's text has
    /// loaded.
    pub fn skeleton(&self) -> Option<&Arc<LazySkeleton>> {
        self.skeleton.as_ref()
    }

    /// The issue numbered `n` with its pages and articles (their text, on
    /// the skeleton, once its issue is read alone: see `pending_text.rs`).
    pub fn issue_at(&self, n: usize) -> Option<&Issue> {
        match &self.skeleton {
            // Read alone, an issue has its articles' text (and what a
            // review entry is checked against).
            Some(skeleton) => match self.texts.get(&n) {
                Some(read) => Some(read),
                None => skeleton.issue(n),
            },
            None => self.archive.issues.get(n),
        }
    }

    /// The article list of the issue numbered `n`, in display order.
    pub fn issue_rows(&self, n: usize) -> &[Row] {
        let Some(rows) = self.rows.get(n) else {
            return &[];
        };
        rows.get_or_init(|| self.shown_rows_of(n))
    }

    /// The article list of the issue numbered `n` as made now: with `V`,
    /// without the articles reviewed ok (an entry holds for its article's
    /// whole text: on the skeleton, the issues entries bear on are read
    /// alone, see `pending_text.rs`).
    pub(super) fn shown_rows_of(&self, n: usize) -> Vec<Row> {
        let Some(issue) = self.issue_at(n) else {
            return Vec::new();
        };
        let rows = rows_of(issue);
        if !self.review_filter {
            return rows;
        }
        rows.into_iter()
            .filter(|r| {
                let a = &issue.pages[r.page].articles[r.index];
                self.reviews.lookup(a).fresh().map(|e| e.status) != Some(ReviewStatus::Ok)
            })
            .collect()
    }

    /// Replaces every issue's article list.
    pub(super) fn set_rows(&mut self, rows: Vec<Vec<Row>>) {
        self.rows = rows.into_iter().map(OnceLock::from).collect();
    }

    /// Forgets every issue's article list, to be made again as asked for.
    /// Forgets the article list of the issue numbered `n`: made again
    /// when next asked for (the cursor kept within the current one's).
    pub(super) fn forget_rows_of(&mut self, n: usize) {
        if let Some(rows) = self.rows.get_mut(n) {
            *rows = OnceLock::new();
        }
        if n == self.issue {
            let shown = self.current_rows().len();
            self.article = self.article.min(shown.saturating_sub(1));
        }
    }

    pub(super) fn forget_rows(&mut self) {
        self.rows = (0..self.archive.issues.len())
            .map(|_| OnceLock::new())
            .collect();
    }

    /// How many articles the archive holds.
    pub fn article_count(&self) -> usize {
        match &self.skeleton {
            Some(skeleton) => skeleton.article_count(),
            None => self.archive.article_count(),
        }
    }

    /// The article `r` refers to, and its issue.
    pub fn article_ref(&self, r: crate::search::ArticleRef) -> Option<(&Issue, &Article)> {
        let issue = self.issue_at(r.issue as usize)?;
        Some((issue, r.in_issue(issue)?))
    }

    pub fn article_at(&self, issue: usize, row: usize) -> Option<&Article> {
        let r = self.issue_rows(issue).get(row)?;
        self.issue_at(issue)?
            .pages
            .get(r.page)?
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
        let Some(&Row { page, index, .. }) = self.issue_rows(issue).get(row) else {
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
        let Some(holder) = self.issue_at(issue) else {
            return Rc::new(Vec::new());
        };
        let mut ctx = reading::context(holder, article);
        if self.text_unread(issue) {
            ctx.notes.push(super::pending_text::TEXT_UNREAD.into());
        }
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
}

/// Where a followed jump left from, for the way back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Return {
    pub article: String,
    pub scroll: usize,
    pub focus: super::geometry::Pane,
}
