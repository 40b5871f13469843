//! A feature's parallel sections. A package of short reports under one
//! headline (a spread's `自助助人` / `抗原检测高效率`, `黄浦区  …`,
//! `感染者讲述` / `…`) sets each section's heading the same way and may sign
//! each section at its end. The first heading stands inside the open,
//! unsigned article, so it is a crosshead; the later ones follow a
//! signature and would read as new articles. A heading shaped as the
//! article's earlier crossheads continues it instead: the rule is to
//! keep an article whole where the shapes cannot decide.
//!
//! Measured on the development pages of 新民晚报 (43 one-article files,
//! several of them such packages): headline precision 0.689 without this
//! rule, 0.875 with it (`docs/PARSER.md` has the set's figures).

use super::classify::{Kind, Unit};
use super::shape::{self, char_len};

/// How a section heading is set: its title lines, the length of the first
/// (quotes aside), and whether it opens with a padded label (`黄浦区  标题`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RunShape {
    lines: usize,
    first_len: usize,
    label_len: Option<usize>,
}

/// Headings longer than this are headlines of their own, not section
/// labels: the packages' labels are 3–6 characters (`四处跑腿`,
/// `感染者讲述`, `“爱心名册”`).
const MAX_LABEL_CHARS: usize = 6;

impl RunShape {
    /// The shape of a run's title lines, if it is a section heading's: one
    /// or two lines, the first a short label (or opening with one).
    pub(super) fn of(run: &[Unit]) -> Option<RunShape> {
        let titles: Vec<&str> = run
            .iter()
            .filter(|u| u.kind == Kind::Title)
            .map(|u| u.text)
            .collect();
        if titles.is_empty() || titles.len() > 2 || titles.len() != run.len() {
            return None;
        }
        let first = titles[0];
        let label_len = padded_label(first);
        let first_len = bare_len(first);
        if label_len.is_none() && first_len > MAX_LABEL_CHARS {
            return None;
        }
        if titles.len() == 1 && label_len.is_none() && shape::is_kicker_shaped(first) {
            return None;
        }
        Some(RunShape {
            lines: titles.len(),
            first_len,
            label_len,
        })
    }

    /// Set the same way: as many lines, a padded label of the same length,
    /// or a first line within a character of the other's.
    pub(super) fn matches(self, other: RunShape) -> bool {
        if self.lines != other.lines {
            return false;
        }
        match (self.label_len, other.label_len) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.first_len.abs_diff(other.first_len) <= 1,
            _ => false,
        }
    }
}

/// `黄浦区  标题…` → 3: a short label, two spaces, then the heading.
fn padded_label(s: &str) -> Option<usize> {
    let (label, rest) = s.split_once("  ")?;
    let n = char_len(label);
    ((2..=4).contains(&n) && !rest.trim().is_empty() && !label.contains(' ')).then_some(n)
}

/// Characters other than quotes and brackets: `“爱心名册”` is 4.
fn bare_len(s: &str) -> usize {
    s.chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '「' | '」' | '《' | '》' | '‘' | '’'))
        .count()
}
