//! Everything the user (or a worker, answering) can ask the reader for.

use super::effect::{FilterAsk, SearchAsk};
use super::input::InputKey;
use super::pending_text::{CheckedSkeleton, IssueText, LoadedText};
use crate::review::ReviewFile;
use crate::search::{BodyHit, FilterResult, HeadlineIndex};
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
    /// The first article of the next page (版) of the issue.
    NextPage,
    PrevPage,
    /// The next article not yet read, across issues.
    NextUnread,
    /// Back to where the last followed jump note left from.
    JumpBack,
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
    /// Mark the article ok and go to the next.
    ReviewOkNext,
    /// Mark the article as needing a fix and go to the next.
    ReviewFixNext,
    ReviewFilter,
    EditNote,
    EditHeadline,
    EditDate,
    ShowOriginal,
    /// The source view of the article: the page's lines and their roles.
    Source,
    /// The issue's warnings and fragments.
    IssueNotes,
    /// In the source view: the cursor's line starts a new article.
    SplitHere,
    /// In the source view: the article joins the one before it.
    MergePrevious,
    /// In the source view: the article joins the one after it.
    MergeNext,
    /// In the source view: the cursor's line, or the selected run of
    /// lines, goes into the article.
    MoveHere,
    /// In the source view: the role chooser for the cursor's line.
    SetRole,
    /// In the source view: a run of lines starts (or stops) at the cursor;
    /// the movement keys extend it.
    SelectRun,
    /// Takes back the last review action (mark, note, correction).
    Undo,
    /// A page's source file, read for the source view (or why not).
    SourceRead {
        file: String,
        text: Result<Arc<String>, String>,
    },
    /// Go to the issue nearest a typed date (a day, month or year).
    GoToDate,
    /// `y`: copy the article to the clipboard.
    Copy,
    /// `|`: pipe the article to a command typed at a prompt.
    Pipe,
    /// What became of a copy or a pipe, for the status line. `repaint`:
    /// the screen was left and must be drawn whole again.
    Said {
        news: String,
        repaint: bool,
    },
    /// A key typed into the open query line or editor.
    Input(InputKey),
    /// The filter worker's answer to a question.
    FilterDone {
        asked: FilterAsk,
        result: FilterResult,
    },
    /// The body search's answer.
    SearchDone {
        asked: SearchAsk,
        total: usize,
        hits: Vec<BodyHit>,
    },
    /// What became of a write that has something to say.
    Written(Written),
    /// Text pasted (or committed by an input method) into the open editor.
    Paste(String),
    /// The headline index, built after the first frame (see [`App::indexing`](crate::tui::App::indexing)).
    IndexBuilt(BuiltIndex),
    /// The skeleton the reader started on, checked against the archive's
    /// files: the same, or brought forward (see `pending_text.rs`).
    SkeletonChecked(CheckedSkeleton),
    /// On the skeleton: an issue read alone (see `pending_text.rs`).
    IssueRead(IssueText),
    /// The whole archive, loaded behind the skeleton.
    TextLoaded(LoadedText),
    /// A body search the skeleton's issues read alone cannot answer: it
    /// waits for every article's text.
    SearchNeedsText(SearchAsk),
}

/// A headline index handed to `update`, and the archive it was built for
/// ([`App::archive_generation`](crate::tui::App::archive_generation) when
/// it was asked for); equal when it is the same index.
#[derive(Clone)]
pub struct BuiltIndex(pub Arc<HeadlineIndex>, pub u64);

impl PartialEq for BuiltIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

impl Eq for BuiltIndex {}

impl std::fmt::Debug for BuiltIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BuiltIndex({} headlines)", self.0.len())
    }
}

/// The outcome of an [`Effect::Write`](super::effect::Effect::Write) worth
/// telling `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Nothing was written: the status line says why.
    Failed(String),
    /// The review file as it is after the write, teammates' marks included
    /// (`None`: it could not be read back), and news of it for the status
    /// line (a file repaired, or unreadable).
    Reviews {
        reviews: Option<ReviewFile>,
        news: Option<String>,
    },
}
