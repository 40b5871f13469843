//! Helpers the reader's test files share.
#![allow(dead_code)] // each test file uses some of them

use kanbao::search::Scope;
use kanbao::tui::{Action, App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption};

/// Runs what the shell would hand to its workers, synchronously. Like the
/// shell, holds a filter query while the headlines are being indexed.
pub fn settle(app: &mut App) {
    if !app.indexing
        && let Some((query, scope)) = app.pending_filter.take()
    {
        let result = app.index.filter(&query, scope, 500, &|| false).unwrap();
        update(
            app,
            Action::FilterDone {
                query,
                scope,
                result,
            },
        );
    }
    if let Some(query) = app.pending_search.take() {
        let found =
            kanbao::search::search_bodies_with(&app.archive, &query, Scope::All, 1000, &|| false)
                .unwrap();
        update(
            app,
            Action::SearchDone {
                query,
                total: found.total,
                hits: found.hits,
            },
        );
    }
}

/// The frame `draw` renders for the app at its size.
pub fn buffer(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| kanbao::tui::draw::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// One row as a terminal shows it: a wide cell covers the next column.
pub fn row_text(buf: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut out = String::new();
    let mut x = from;
    while x < to {
        let cell = &buf[(x, y)];
        out.push_str(cell.symbol());
        let w = match cell.diff_option {
            CellDiffOption::ForcedWidth(w) => w.get(),
            _ => unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16,
        };
        x += w;
    }
    out
}

/// The whole frame, one line per row, as it would look on the terminal.
pub fn frame(app: &App) -> String {
    let buf = buffer(app);
    (0..buf.area.height)
        .map(|y| row_text(&buf, y, 0, buf.area.width).trim_end().to_string() + "\n")
        .collect()
}
