//! The state of what opens over the panes: the headline filter, body
//! search, the bookmark list, the one-line editors and the role chooser.

use super::geometry::Pane;
use super::input::LineInput;
use crate::search::{BodyHit, BodyMatch, FilterResult, Scope};

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
    pub recall: Option<Recall>,
}

/// A walk through a query line's history: which query is shown (0 the
/// newest) and what was typed before the walk began, given back past the
/// newest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recall {
    pub back: usize,
    pub draft: String,
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
    pub recall: Option<Recall>,
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
    /// A shell command for `|` (of the current article).
    Pipe,
    /// A date to go to: `2021-01-10`, `2021-01` or `2021`.
    GoTo,
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
    /// The editor's title; `switch` is the key that swaps the title fields.
    pub fn prompt(&self, switch: &str) -> String {
        match self.target {
            EditTarget::Note(_) => "备注 note".into(),
            EditTarget::Headline(_) => format!("标题 headline ({switch}: kicker)"),
            EditTarget::Kicker(_) => format!("引题 kicker ({switch}: headline)"),
            EditTarget::Date(_) => "日期 date YYYY-MM-DD".into(),
            EditTarget::Pipe => "| command (the article on its input)".into(),
            EditTarget::GoTo => "go to date: 2021-01-10, 2021-01 or 2021".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Filter(FilterUi),
    Search(SearchUi),
    Bookmarks(BookmarksUi),
    Editor(EditorUi),
    /// The source view's role chooser (see `role_choice.rs`).
    Roles(super::role_choice::RoleChooser),
}

/// The matches of the last body search in the article being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMatches {
    pub article: String,
    pub matches: Vec<BodyMatch>,
    pub current: usize,
}
