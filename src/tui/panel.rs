//! The state of the panel beside the reader: what it shows (the source
//! view of an article, or an issue's warnings and fragments), its rows and
//! its cursor. Filled and moved by `source.rs`, drawn by `draw/source.rs`.

use crate::source_view::Role;
use std::sync::Arc;

/// What the panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelKind {
    /// The source view of the article with this id.
    Source { article: String },
    /// The warnings and fragments of the issue at this index.
    IssueNotes { issue: usize },
}

/// The source file's text, once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceText {
    Reading,
    Read(Arc<String>),
    Failed(String),
}

/// One row of the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelLine {
    /// The source line number, when the row is one.
    pub number: Option<u32>,
    pub role: Option<Role>,
    /// Who took the line (an article's `A1/3`, `·` the masthead, `?` a fragment).
    pub owner: String,
    pub text: String,
    /// The current article's own line.
    pub current: bool,
    /// A warning rather than a line of text.
    pub warning: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePanel {
    pub kind: PanelKind,
    /// The source file shown (a page's `source`), for a source view.
    pub file: String,
    /// Its name as shown: relative to the archive's root.
    pub name: String,
    pub text: SourceText,
    pub lines: Vec<PanelLine>,
    pub cursor: usize,
    pub offset: usize,
    /// Where a selected run of lines starts (`R`): the run is the rows
    /// from here to the cursor.
    pub anchor: Option<usize>,
}

impl SourcePanel {
    /// The rows of the selected run, first to last, when one is selected.
    pub fn run(&self) -> Option<std::ops::RangeInclusive<usize>> {
        let a = self.anchor?;
        Some(a.min(self.cursor)..=a.max(self.cursor))
    }
}

impl SourcePanel {
    /// The title bar's text.
    pub fn title(&self) -> String {
        match (&self.kind, &self.text) {
            (PanelKind::IssueNotes { .. }, _) => " ! 警告与碎片 warnings and fragments".into(),
            (PanelKind::Source { .. }, SourceText::Reading) => {
                format!(" 原文 source · {} · reading…", self.name)
            }
            (PanelKind::Source { .. }, _) => format!(" 原文 source · {}", self.name),
        }
    }
}
