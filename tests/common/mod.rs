//! Helpers the reader's test files share.
#![allow(dead_code)] // each test file uses some of them

pub mod generated;
pub mod source_fix;

use kanbao::search::{HeadlineIndex, Scope};
use kanbao::tui::{Action, App, Effect, FILTER_LIMIT, FilterAsk, SEARCH_LIMIT, SearchAsk, Workers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption};
use std::cell::RefCell;
use std::sync::Arc;

/// The questions the reader asked of its workers, not yet answered. The
/// tests' workers answer only in [`settle`], as threads would answer later.
#[derive(Default)]
struct Asked {
    filter: Option<FilterAsk>,
    search: Option<SearchAsk>,
}

thread_local! {
    static ASKED: RefCell<Asked> = RefCell::default();
}

/// The workers as the tests have them: a question waits for [`settle`].
struct Deferred;

impl Workers for Deferred {
    fn filter(&mut self, _: &App, ask: FilterAsk) {
        ASKED.with(|a| a.borrow_mut().filter = Some(ask));
    }

    fn search(&mut self, _: &App, ask: SearchAsk) {
        ASKED.with(|a| a.borrow_mut().search = Some(ask));
    }

    /// `settle` filters `app.index`, always the newest.
    fn use_index(&mut self, _: Arc<HeadlineIndex>) {}
}

/// `update`, with its effects performed as the shell performs them (writes
/// at once, questions when [`settle`] answers them). Returns the effects.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let effects = kanbao::tui::update(app, action);
    perform(app, effects.clone());
    effects
}

/// Performs effects as the shell does, with the tests' workers.
pub fn perform(app: &mut App, effects: Vec<Effect>) {
    let _ = kanbao::tui::perform(app, effects, &mut Deferred);
}

/// Closes the reader as the shell does: the place is saved.
pub fn leave(app: &mut App) {
    let effects = app.leaving();
    perform(app, effects);
}

/// Whether `effects` end the reader.
pub fn quits(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Quit))
}

/// Answers the questions asked of the workers, synchronously, as the
/// shell's workers would.
pub fn settle(app: &mut App) {
    let asked = ASKED.with(|a| std::mem::take(&mut *a.borrow_mut()));
    if let Some(asked) = asked.filter {
        let result = app
            .index
            .filter(&asked.query, asked.scope, FILTER_LIMIT, &|| false)
            .unwrap();
        update(app, Action::FilterDone { asked, result });
    }
    if let Some(asked) = asked.search {
        let found = kanbao::search::search_bodies_with(
            &app.archive,
            &asked.query,
            Scope::All,
            SEARCH_LIMIT,
            &|| false,
        )
        .unwrap();
        update(
            app,
            Action::SearchDone {
                asked,
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
