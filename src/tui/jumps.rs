//! Moves a reader of newspapers makes beyond line and article: to the next
//! or previous page (版) of the issue, to the next unread article, and along
//! a jump note (`下转A2版 → …`) with a way back (the back stack).

use super::app::{App, Return};
use super::geometry::Pane;

/// How many followed jumps are remembered: more than any chain of
/// continuations a paper prints (at most three pages in the samples).
const BACK_STACK: usize = 64;

impl App {
    /// The first article of the next (or previous) page of this issue.
    pub(super) fn step_page(&mut self, forward: bool) {
        let rows = self.current_rows();
        let Some(here) = rows.get(self.article).map(|r| r.page) else {
            return;
        };
        let start_of = |i: usize| {
            let page = rows[i].page;
            rows[..i]
                .iter()
                .rposition(|r| r.page != page)
                .map_or(0, |p| p + 1)
        };
        let target = if forward {
            rows.iter()
                .skip(self.article)
                .position(|r| r.page != here)
                .map(|d| self.article + d)
        } else {
            let start = start_of(self.article);
            (start > 0).then(|| start_of(start - 1))
        };
        match target {
            Some(row) => {
                self.select_article(row);
                let page = self.current_rows()[row].page;
                let label = self
                    .issue_at(self.issue)
                    .and_then(|i| i.pages.get(page))
                    .map(|p| p.label.clone())
                    .unwrap_or_default();
                self.status = Some(format!("{label}版"));
            }
            None => {
                self.status = Some(
                    if forward {
                        "last page of the issue"
                    } else {
                        "first page of the issue"
                    }
                    .into(),
                )
            }
        }
    }

    /// The next article not yet read, in reading order, across issues;
    /// repeats (printed twice) are skipped, being read with their original.
    pub(super) fn next_unread(&mut self) {
        let mut issue = self.issue;
        let mut from = self.article + 1;
        while issue < self.archive.issues.len() {
            let found = self
                .issue_rows(issue)
                .iter()
                .enumerate()
                .skip(from)
                .find(|(row, r)| {
                    !r.folded
                        && self
                            .article_at(issue, *row)
                            .is_some_and(|a| !self.read.contains(&a.id))
                });
            if let Some((row, _)) = found {
                self.select_issue(issue);
                self.article = row;
                self.scroll = 0;
                if self.focus == Pane::Issues {
                    self.focus = Pane::Articles;
                }
                if self.focus == Pane::Reader {
                    self.mark_read();
                }
                return;
            }
            issue += 1;
            from = 0;
        }
        self.status = Some("no unread article after this one".into());
    }

    /// Follows the article's jump note: the one on screen (`下转` at the
    /// end, `上接` at the top), else whichever it has. The place left is
    /// pushed on the back stack.
    pub(super) fn follow_jump(&mut self) {
        let Some(article) = self.current_article() else {
            return;
        };
        let Some(issue) = self.current_issue() else {
            return;
        };
        let ctx = crate::reading::context(issue, article);
        let total = self.reader_lines().len();
        let end_shown = self.scroll + self.reader_rows() >= total;
        // The page note (with `上接`) is within the first screen's lines.
        let top_shown = self.scroll < self.reader_rows();
        let onward = ctx.continues_in.clone();
        let back = ctx.continued_from_id.clone();
        let target = match (end_shown, top_shown) {
            (true, _) if onward.is_some() => onward,
            (_, true) if back.is_some() => back,
            _ => onward.or(back),
        };
        let Some(target) = target else {
            self.status = Some(match (&article.continued_to, &article.continued_from) {
                (None, None) => "no jump note (下转/上接) in this article".into(),
                _ => "the page it jumps to is not in the archive".into(),
            });
            return;
        };
        let here = Return {
            article: article.id.clone(),
            scroll: self.scroll,
            focus: self.focus,
        };
        if self.go_to_id(&target) {
            if self.back_stack.len() == BACK_STACK {
                self.back_stack.remove(0);
            }
            self.back_stack.push(here);
            self.open_in_reader();
            let key = self
                .keymap
                .key_label(&super::action::Action::JumpBack)
                .unwrap_or_default();
            self.status = Some(format!("→ {target} ({key}: back)"));
        }
    }

    /// Selects the issue nearest `span` in the issue list (dates as
    /// reviewed); `typed` is what the user typed, for the status line.
    pub(super) fn go_to_date(&mut self, span: crate::dates::DateSpan, typed: &str) {
        let dates = self
            .archive
            .issues
            .iter()
            .map(|i| self.reviews.issue_date(&i.id).or(i.date));
        let Some(i) = span.nearest(dates) else {
            self.status = Some("no issue has a date".into());
            return;
        };
        self.select_issue(i);
        self.focus = Pane::Issues;
        self.issues_hidden = false;
        let issue = &self.archive.issues[i];
        let date = self.reviews.issue_date(&issue.id).or(issue.date);
        let inside = date.and_then(|d| span.distance(d)) == Some(0);
        let shown = date.map(|d| d.to_string()).unwrap_or_default();
        self.status = Some(if inside {
            shown
        } else {
            format!("{shown}: the nearest issue to {typed}")
        });
    }

    /// Back to where the last followed jump left from.
    pub(super) fn jump_back(&mut self) {
        let Some(place) = self.back_stack.pop() else {
            self.status = Some("no jump to go back from".into());
            return;
        };
        if self.go_to_id(&place.article) {
            self.focus = place.focus;
            self.scroll = place.scroll.min(self.max_scroll());
        } else {
            self.status = Some(format!("{} is no longer shown", place.article));
        }
    }
}
