//! The panel that shows what the parser did with a page: the source view of
//! the current article (its page's original lines, each with its number,
//! role and owner, see [`crate::source_view`]), or the issue's warnings and
//! fragments. At 120 columns and more it stands beside the reader (over the
//! lists); narrower it takes the reader's place.
//!
//! While it is open the movement keys move its cursor (and extend a run of
//! lines selected with `R`); the key that opened it, or Esc, closes it (Esc
//! clears a selected run first); every other key works as ever, and the view
//! follows the article the reader moves to.

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::geometry::{Mode, Pane};
use super::panel::{PanelKind, PanelLine, SourcePanel, SourceText};
use crate::source_view::{self, Role, SourceView};
use ratatui::layout::Rect;
use std::sync::Arc;

/// What the source view shows while the issue of its page is read.
const ISSUE_READING: &str = "正文读取中 reading the issue's text…";

fn view_lines(view: &SourceView) -> Vec<PanelLine> {
    view.lines
        .iter()
        .map(|l| PanelLine {
            number: Some(l.number),
            role: l.role,
            owner: source_view::owner_label(&l.owner),
            text: l.text.clone(),
            current: l.current,
            warning: false,
        })
        .collect()
}

fn note_lines(app: &App, issue: usize) -> Vec<PanelLine> {
    let Some(issue) = app.issue_at(issue) else {
        return Vec::new();
    };
    let mut out: Vec<PanelLine> = issue
        .warnings
        .iter()
        .map(|w| PanelLine {
            number: w.line,
            role: None,
            owner: String::new(),
            text: crate::intake::clean(&w.to_string()),
            current: false,
            warning: true,
        })
        .collect();
    out.extend(issue.fragments.iter().map(|f| PanelLine {
        number: Some(f.lines.first),
        role: Some(Role::Fragment),
        owner: String::new(),
        text: format!(
            "{}: {}",
            crate::intake::display_name(file_name(&f.source)),
            crate::intake::clean(&f.text)
        ),
        current: false,
        warning: false,
    }));
    if out.is_empty() {
        out.push(PanelLine {
            number: None,
            role: None,
            owner: String::new(),
            text: "no warning and no fragment in this issue".into(),
            current: false,
            warning: false,
        });
    }
    out
}

/// The last part of a source path: the page file's own name.
fn file_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

impl App {
    /// Where the panel is drawn: beside the reader on a wide screen (where
    /// the lists were), in the reader's place on a narrower one.
    pub fn source_rect(&self) -> Option<Rect> {
        self.source.as_ref()?;
        let g = self.geometry();
        let reader = g.reader?;
        if self.mode() == Mode::Wide && reader.x > 1 {
            Some(Rect::new(0, reader.y, reader.x - 1, reader.height))
        } else {
            Some(reader)
        }
    }

    /// Rows of lines the panel shows (its title bar apart).
    pub fn source_rows(&self) -> usize {
        self.source_rect()
            .map_or(1, |r| r.height.saturating_sub(1) as usize)
            .max(1)
    }

    /// The source view of the current article: opened on the reader, the
    /// page's file asked for (or taken from the open view when it is the
    /// same file).
    pub(super) fn open_source(&mut self) {
        let Some(article) = self.current_article().map(|a| a.id.clone()) else {
            self.status = Some("no article to show the source of".into());
            return;
        };
        if self.focus != Pane::Reader {
            self.open_in_reader();
        }
        self.show_source_of(article);
    }

    /// Points the panel at `article`'s page, reading it when it is not the
    /// file already read.
    pub(super) fn show_source_of(&mut self, article: String) {
        let file = self
            .current_issue()
            .and_then(|i| i.page_of(&article))
            .map(|p| p.source.clone())
            .unwrap_or_default();
        let known = self
            .source
            .as_ref()
            .filter(|p| p.file == file)
            .and_then(|p| match &p.text {
                SourceText::Read(t) => Some(SourceText::Read(t.clone())),
                _ => None,
            });
        let text = match known {
            Some(t) => t,
            None => {
                self.queue(Effect::ReadSource {
                    root: self.archive.root.clone(),
                    file: file.clone(),
                });
                SourceText::Reading
            }
        };
        let name = crate::intake::display_name(&crate::review::structure::relative_source(
            &self.archive.root,
            &file,
        ));
        self.source = Some(SourcePanel {
            kind: PanelKind::Source { article },
            name,
            file,
            text,
            lines: Vec::new(),
            cursor: 0,
            offset: 0,
            anchor: None,
        });
        self.lay_out_source();
    }

    /// The issue's warnings and fragments.
    pub(super) fn open_issue_notes(&mut self) {
        let issue = self.issue;
        self.focus = Pane::Reader;
        let lines = note_lines(self, issue);
        self.source = Some(SourcePanel {
            kind: PanelKind::IssueNotes { issue },
            file: String::new(),
            name: String::new(),
            text: SourceText::Failed(String::new()),
            lines,
            cursor: 0,
            offset: 0,
            anchor: None,
        });
    }

    /// The file's text, read (or not) for the panel.
    pub(super) fn source_read(&mut self, file: String, text: Result<Arc<String>, String>) {
        let Some(panel) = self.source.as_mut() else {
            return;
        };
        if panel.file != file || panel.text != SourceText::Reading {
            return; // an answer for a view no longer shown
        }
        panel.text = match text {
            Ok(t) => SourceText::Read(t),
            Err(e) => SourceText::Failed(e),
        };
        self.lay_out_source();
    }

    /// The panel's rows from the file's text and the archive as shown, the
    /// cursor on the article's first line (an issue's notes: its rows from
    /// the issue as shown).
    pub(super) fn lay_out_source(&mut self) {
        let Some(panel) = self.source.as_ref() else {
            return;
        };
        let article = match &panel.kind {
            PanelKind::Source { article } => article,
            // The issue's fragments come with its text.
            &PanelKind::IssueNotes { issue } => {
                let lines = note_lines(self, issue);
                if let Some(panel) = self.source.as_mut() {
                    panel.lines = lines;
                }
                return;
            }
        };
        let lines = match &panel.text {
            SourceText::Reading => Vec::new(),
            SourceText::Failed(e) => vec![PanelLine {
                number: None,
                role: None,
                owner: String::new(),
                text: format!("the source cannot be read: {e}"),
                current: false,
                warning: true,
            }],
            // On the skeleton, the page's lines are told apart by its
            // issue read alone (see `pending_text.rs`): until it is.
            SourceText::Read(_) if self.text_missing(self.issue) => {
                vec![PanelLine {
                    number: None,
                    role: None,
                    owner: String::new(),
                    text: ISSUE_READING.into(),
                    current: false,
                    warning: false,
                }]
            }
            SourceText::Read(text) => {
                let found = self
                    .current_issue()
                    .and_then(|i| i.find_article(article).map(|a| (i, a)));
                match found {
                    Some((issue, a)) => view_lines(&source_view::source_view(issue, a, text)),
                    None => Vec::new(),
                }
            }
        };
        let rows = self.source_rows();
        let panel = self.source.as_mut().expect("checked above");
        panel.cursor = lines.iter().position(|l| l.current).unwrap_or(0);
        // The article's first line a few rows from the top, its context above.
        panel.offset = panel.cursor.saturating_sub(rows / 4);
        panel.lines = lines;
    }

    /// Handles `action` when the panel takes it; false leaves it to the
    /// panes.
    pub(super) fn source_action(&mut self, action: &Action) -> bool {
        let rows = self.source_rows();
        let Some(panel) = self.source.as_mut() else {
            return false;
        };
        let last = panel.lines.len().saturating_sub(1);
        let page = rows.saturating_sub(1).max(1);
        let to = |c: usize, d: isize| (c as isize + d).clamp(0, last as isize) as usize;
        // Esc clears a selected run first; the next one closes the panel.
        if panel.anchor.is_some() && *action == Action::Back {
            panel.anchor = None;
            return true;
        }
        if *action == Action::SelectRun {
            if !matches!(panel.kind, PanelKind::Source { .. }) || panel.lines.is_empty() {
                return false;
            }
            panel.anchor = match panel.anchor {
                Some(_) => None,
                None => Some(panel.cursor),
            };
            return true;
        }
        let closes = matches!(
            (&panel.kind, action),
            (_, Action::Back)
                | (PanelKind::Source { .. }, Action::Source)
                | (PanelKind::IssueNotes { .. }, Action::IssueNotes)
        );
        if closes {
            self.source = None;
            return true;
        }
        let cursor = match action {
            Action::Down => to(panel.cursor, 1),
            Action::Up => to(panel.cursor, -1),
            Action::Top => 0,
            Action::Bottom => last,
            Action::HalfPageDown => to(panel.cursor, (page / 2).max(1) as isize),
            Action::HalfPageUp => to(panel.cursor, -((page / 2).max(1) as isize)),
            Action::PageDown => to(panel.cursor, page as isize),
            Action::PageUp => to(panel.cursor, -(page as isize)),
            Action::Scroll { down, .. } => to(panel.cursor, if *down { 3 } else { -3 }),
            Action::Click { .. } => panel.cursor,
            _ => return false,
        };
        panel.cursor = cursor;
        if cursor < panel.offset {
            panel.offset = cursor;
        } else if cursor >= panel.offset + rows {
            panel.offset = cursor + 1 - rows;
        }
        true
    }

    /// After any other action: the view follows the article (and issue)
    /// the reader is on, and opening another pane's full screen closes it
    /// on a narrow screen.
    pub(super) fn sync_source(&mut self) {
        let Some(panel) = self.source.as_ref() else {
            return;
        };
        if self.focus != Pane::Reader && self.mode() != Mode::Wide {
            self.source = None;
            return;
        }
        match panel.kind.clone() {
            PanelKind::Source { article } => match self.current_article().map(|a| a.id.clone()) {
                Some(now) if now != article => self.show_source_of(now),
                Some(_) => {}
                None => self.source = None,
            },
            PanelKind::IssueNotes { issue } if issue != self.issue => {
                self.open_issue_notes();
            }
            PanelKind::IssueNotes { .. } => {}
        }
    }
}
