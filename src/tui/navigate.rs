//! Moving around: selecting issues and articles, focus between the panes,
//! scrolling, and keeping the selection in view.

use super::app::App;
use super::geometry::{self, Pane};

impl App {
    /// Issues and articles in view of their panes.
    pub(super) fn keep_in_view(&mut self) {
        let g = self.geometry();
        if let Some(r) = g.issues {
            let total = self.archive.issues.len();
            self.issue_offset =
                scrolled_into_view(self.issue, self.issue_offset, geometry::list_rows(r), total);
        }
        if let Some(r) = g.articles {
            // Page headings take rows too: count them up to the selection.
            let visible = geometry::list_rows(r);
            let display = self.display_index(self.article);
            let total = self.display_index(self.current_rows().len().saturating_sub(1)) + 1;
            self.article_offset = scrolled_into_view(display, self.article_offset, visible, total);
        }
        self.scroll = self.scroll.min(self.max_scroll());
    }

    pub(super) fn select_issue(&mut self, issue: usize) {
        if issue != self.issue {
            self.issue = issue;
            self.article = 0;
            self.article_offset = 0;
            self.scroll = 0;
        }
    }

    pub(super) fn select_article(&mut self, row: usize) {
        if row != self.article {
            self.article = row;
            self.scroll = 0;
        }
        if self.focus == Pane::Reader {
            self.mark_read();
        }
    }

    pub(super) fn page_size(&self, pane: Pane) -> usize {
        match pane {
            Pane::Reader => self.reader_rows(),
            _ => self
                .geometry()
                .rect(pane)
                .map(geometry::list_rows)
                .unwrap_or(1)
                .max(1),
        }
    }

    /// Moves in the focused pane by `delta` (lines in the reader, rows in lists).
    pub(super) fn move_by(&mut self, pane: Pane, delta: isize) {
        match pane {
            Pane::Issues => {
                let n = self.archive.issues.len();
                if n > 0 {
                    self.select_issue(step(self.issue, delta, n));
                }
            }
            Pane::Articles => {
                let n = self.current_rows().len();
                if n > 0 {
                    self.select_article(step(self.article, delta, n));
                }
            }
            Pane::Reader => {
                let max = self.max_scroll() as isize;
                self.scroll = (self.scroll as isize + delta).clamp(0, max) as usize;
            }
        }
    }

    /// Next or previous article in reading order, crossing pages and issues.
    pub(super) fn next_article(&mut self, forward: bool) {
        let n = self.current_rows().len();
        if forward && self.article + 1 < n {
            self.select_article(self.article + 1);
        } else if !forward && self.article > 0 {
            self.select_article(self.article - 1);
        } else {
            // Into the neighbouring issue that has articles.
            let mut i = self.issue;
            loop {
                let next = if forward {
                    i.checked_add(1)
                } else {
                    i.checked_sub(1)
                };
                match next {
                    Some(j) if j < self.archive.issues.len() => {
                        i = j;
                        let rows = self.issue_rows(i).len();
                        if rows > 0 {
                            self.select_issue(i);
                            self.article = if forward { 0 } else { rows - 1 };
                            self.scroll = 0;
                            if self.focus == Pane::Reader {
                                self.mark_read();
                            }
                            break;
                        }
                    }
                    _ => {
                        self.status = Some(if forward {
                            "last article of the archive".into()
                        } else {
                            "first article of the archive".into()
                        });
                        break;
                    }
                }
            }
        }
    }

    pub(super) fn focus_left(&mut self) {
        self.focus = match self.focus {
            Pane::Reader => Pane::Articles,
            Pane::Articles | Pane::Issues => Pane::Issues,
        };
    }

    pub(super) fn focus_right(&mut self) {
        self.focus = match self.focus {
            Pane::Issues => Pane::Articles,
            Pane::Articles | Pane::Reader => Pane::Reader,
        };
        if self.focus == Pane::Reader {
            self.mark_read();
        }
    }
}

pub(super) fn step(current: usize, delta: isize, len: usize) -> usize {
    (current as isize + delta).clamp(0, len as isize - 1) as usize
}

/// The offset that keeps `selected` visible in a window of `rows`, never
/// leaving rows blank below the last of `total` (a window that grew shows
/// more of the top again).
fn scrolled_into_view(selected: usize, offset: usize, rows: usize, total: usize) -> usize {
    let rows = rows.max(1);
    let offset = offset.min(total.saturating_sub(rows));
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}
