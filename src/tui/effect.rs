//! What [`update`](fn@crate::tui::update) asks the world to do: run a filter or a
//! search on a worker, hand the filter a new index, write a mark, quit.
//!
//! `update` changes only the [`App`](crate::tui::App) and returns effects;
//! [`perform`](fn@crate::tui::perform) carries them out, in the terminal and in the
//! tests alike. A worker's answer comes back as an [`Action`](crate::tui::Action)
//! that names the question it answers ([`FilterAsk`], [`SearchAsk`]): an
//! answer to a question the screen no longer asks is dropped (the one rule,
//! in `update`).

use crate::model::{Article, IssueDate};
use crate::review::ReviewChange;
use crate::search::{HeadlineIndex, Scope};
use crate::state::Position;
use std::path::PathBuf;
use std::sync::Arc;

/// Where marks are kept. `None` in `App::persist` keeps them in memory only
/// (tests, or a machine with no home directory).
#[derive(Debug, Clone)]
pub struct Persist {
    pub archive_key: String,
    pub state_path: Option<PathBuf>,
    pub review_path: PathBuf,
    /// The team's review file, shown beneath this user's marks when these
    /// go elsewhere (see [`crate::review::team_review_path`]).
    pub team_review_path: Option<PathBuf>,
}

/// How many filter hits are ranked and shown at most.
pub const FILTER_LIMIT: usize = 500;
/// How many body-search hits are listed at most.
pub const SEARCH_LIMIT: usize = 1000;

#[derive(Clone)]
pub enum Effect {
    /// Filter the headlines (the newest ask cancels an older one).
    Filter(FilterAsk),
    /// Search the article bodies (the newest ask cancels an older one).
    Search(SearchAsk),
    /// The filter searches this index from now on: the headlines were
    /// indexed, or a title was corrected in review.
    UseIndex(Arc<HeadlineIndex>),
    /// A mark to keep between runs, written to disk.
    Write(Write),
    /// Read a page's source file for the source view.
    ReadSource {
        root: String,
        file: String,
    },
    /// Read the issue numbered so from its own files, the reader being on
    /// the archive's skeleton (see `pending_text.rs`).
    ReadIssue(usize),
    /// Load the whole archive's text, which the reader started without.
    LoadText,
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Run a shell command with this text on its standard input, on the
    /// terminal's normal screen.
    Pipe {
        command: String,
        text: String,
    },
    Quit,
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Filter(ask) => f.debug_tuple("Filter").field(ask).finish(),
            Effect::Search(ask) => f.debug_tuple("Search").field(ask).finish(),
            // The index itself is too big to print: its size says which.
            Effect::UseIndex(index) => write!(f, "UseIndex({} headlines)", index.len()),
            Effect::Write(w) => f.debug_tuple("Write").field(w).finish(),
            Effect::ReadSource { root, file } => f
                .debug_struct("ReadSource")
                .field("root", root)
                .field("file", file)
                .finish(),
            Effect::ReadIssue(n) => f.debug_tuple("ReadIssue").field(n).finish(),
            Effect::LoadText => f.write_str("LoadText"),
            Effect::Copy(text) => f.debug_tuple("Copy").field(text).finish(),
            Effect::Pipe { command, text } => f
                .debug_struct("Pipe")
                .field("command", command)
                .field("text", text)
                .finish(),
            Effect::Quit => f.write_str("Quit"),
        }
    }
}

/// A headline filter question: the query, where, and which index (the
/// `App::index_version` it was asked of).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterAsk {
    pub query: String,
    pub scope: Scope,
    pub index: u64,
}

/// A body search question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchAsk {
    pub query: String,
}

/// A write to the reading state (per user) or the review file (shared). Each
/// carries where it goes, so that performing it needs nothing else.
#[derive(Debug, Clone)]
pub enum Write {
    /// An article was opened: its read mark and the place, in one write.
    Opened {
        state: PathBuf,
        archive_key: String,
        position: Position,
    },
    Bookmark {
        state: PathBuf,
        archive_key: String,
        id: String,
        on: bool,
    },
    /// A query submitted, for the history of its query line.
    Query {
        state: PathBuf,
        archive_key: String,
        kind: crate::state::QueryKind,
        query: String,
    },
    /// Where the reader is, for the next start.
    Position {
        state: PathBuf,
        archive_key: String,
        position: Position,
    },
    /// A review mark, note or correction of an article.
    Review {
        file: PathBuf,
        /// The team's file, re-read with this user's after the write.
        team: Option<PathBuf>,
        article: Box<Article>,
        change: ReviewChange,
    },
    /// A structural correction (see [`crate::review::structure`]).
    Structural {
        file: PathBuf,
        team: Option<PathBuf>,
        correction: crate::review::structure::Structural,
    },
    /// Takes back the structural correction with this stamp.
    UndoStructural {
        file: PathBuf,
        team: Option<PathBuf>,
        stamp: String,
    },
    /// A corrected issue date (`None` clears it).
    IssueDate {
        file: PathBuf,
        team: Option<PathBuf>,
        issue: String,
        date: Option<IssueDate>,
    },
}
