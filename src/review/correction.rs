//! The record of a structural correction (see [`super::structure`]): what
//! it does, to which lines of which page file, by whom and when — and how
//! lines are named: by number and [`line_fingerprint`].

use super::line_fingerprint;
use crate::source_view::Role;
use serde::{Deserialize, Serialize};

/// A source line as a correction names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRef {
    pub line: u32,
    /// [`line_fingerprint`] of its text when the correction was made.
    pub fingerprint: String,
}

/// Which neighbour a merge joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Toward {
    Previous,
    Next,
}

/// What a structural correction does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Correction {
    /// The line starts a new article (with this role, when given).
    Split { at: LineRef, role: Option<Role> },
    /// The article holding this line joins its neighbour on the page.
    Merge { line: LineRef, into: Toward },
    /// The line plays this role (fragment: out of its article; masthead:
    /// into the page's masthead; another, from the fragments or the
    /// masthead: into the article next to it).
    SetRole { line: LineRef, role: Role },
    /// The lines `first..=last` go into the article holding `into` (a
    /// fragment's or the masthead's line as a caption).
    Move {
        first: LineRef,
        last: LineRef,
        into: LineRef,
    },
}

/// One structural correction as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structural {
    /// The page file, relative to the archive's root (see [`relative_source`]).
    pub source: String,
    pub correction: Correction,
    /// Tells this correction from any other (for undo): time, process, count.
    #[serde(default)]
    pub stamp: String,
    #[serde(default)]
    pub updated: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A page's `source` as corrections key it: relative to the archive's root
/// (`papers` → `papers/2021/a.txt` is `2021/a.txt`), so that the same
/// archive named by another path (`./papers`, an absolute path) finds its
/// corrections; a one-file archive is its file's name.
pub fn relative_source(root: &str, source: &str) -> String {
    let root = root.trim_end_matches(['/', '\\']);
    match source.strip_prefix(root) {
        Some(rest) if rest.starts_with(['/', '\\']) => rest[1..].to_string(),
        Some("") => crate::score::file_name(source).to_string(),
        _ => source.to_string(),
    }
}

/// A file's lines as the source view numbers them (index 0 is line 1).
pub type FileLines = Vec<String>;

/// Splits decoded text into the lines corrections name.
pub fn file_lines(text: &str) -> FileLines {
    text.split('\n')
        .map(|l| crate::intake::clean(l.trim_end_matches('\r')))
        .collect()
}

/// Makes a [`LineRef`] for line `n` of `lines`, when there is such a line.
pub fn line_ref(lines: &FileLines, n: u32) -> Option<LineRef> {
    let text = lines.get((n as usize).checked_sub(1)?)?;
    (!text.trim().is_empty()).then(|| LineRef {
        line: n,
        fingerprint: line_fingerprint(text),
    })
}

impl Structural {
    /// A new correction of `source` (relative, see [`relative_source`]),
    /// stamped now.
    pub fn new(source: String, correction: Correction, by: Option<String>, now: u64) -> Structural {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        Structural {
            source,
            correction,
            stamp: format!("{now}-{}-{n}", std::process::id()),
            updated: crate::store::rfc3339_utc(now),
            by,
        }
    }

    /// Its strings cleaned as they enter (the file is edited by hand).
    pub fn cleaned(mut self) -> Structural {
        for s in [&mut self.source, &mut self.stamp, &mut self.updated] {
            crate::intake::clean_in_place(s);
        }
        if let Some(by) = &mut self.by {
            crate::intake::clean_in_place(by);
        }
        self
    }

    /// The line it is about first, for messages: `FILE:LINE`.
    pub fn place(&self) -> String {
        let line = match &self.correction {
            Correction::Split { at, .. } => at.line,
            Correction::Merge { line, .. } | Correction::SetRole { line, .. } => line.line,
            Correction::Move { first, .. } => first.line,
        };
        format!("{}:{line}", crate::intake::display_name(&self.source))
    }

    /// What it does, in a few words.
    pub fn describe(&self) -> String {
        match &self.correction {
            Correction::Split { at, role } => match role {
                Some(r) => format!("split at line {} (as {r})", at.line),
                None => format!("split at line {}", at.line),
            },
            Correction::Merge { line, into } => {
                let side = match into {
                    Toward::Previous => "previous",
                    Toward::Next => "next",
                };
                format!("merge the article at line {} into the {side}", line.line)
            }
            Correction::SetRole { line, role } => format!("line {} is a {role}", line.line),
            Correction::Move { first, last, into } if first.line == last.line => {
                format!(
                    "move line {} into the article at line {}",
                    first.line, into.line
                )
            }
            Correction::Move { first, last, into } => format!(
                "move lines {}-{} into the article at line {}",
                first.line, last.line, into.line
            ),
        }
    }
}
