//! One review action of this session, kept so that `u` can take it back
//! (see `source_fix.rs`, which records and undoes them).

use crate::model::{Archive, Article};
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
    /// A structural correction: its stamp, and the archive before it.
    Structure {
        stamp: String,
        described: String,
        previous: Arc<Archive>,
        /// The issue (by number) the correction changed: the only one
        /// `previous` holds otherwise.
        issue: usize,
        article: String,
    },
}
