//! One review action of this session, kept so that `u` can take it back
//! (see `source_fix.rs`, which records and undoes them).

use crate::model::{Article, Issue};
use crate::review::ReviewEntry;
use std::sync::Arc;

/// One review action of this session, as `u` takes it back.
#[derive(Debug, Clone)]
pub enum UndoStep {
    /// A mark, note or title correction: the article's entry before it.
    Review {
        article: Box<Article>,
        before: Option<ReviewEntry>,
    },
    /// An issue date correction: the date before it.
    IssueDate {
        issue: String,
        before: Option<String>,
    },
    /// A structural correction: its stamp, and the one issue it changed
    /// as it was before.
    Structure {
        stamp: String,
        described: String,
        before: Arc<Issue>,
        /// The issue's number then.
        issue: usize,
        article: String,
    },
}
