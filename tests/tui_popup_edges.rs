//! No wide character is cut in half on screen: a cell two columns wide is
//! always followed by its blank covered cell, never by a border or text
//! drawn over its right half (which some terminals show as an empty box).

mod common;

use kanbao::layout::AmbiguousWidth;
use kanbao::loader::{LoadOptions, load_sample};
use kanbao::tui::text::cell_width;
use kanbao::tui::{Action, App, Settings};
use ratatui::layout::Rect;

/// (x, y) of every wide cell whose right half holds something else, in
/// the frame as drawn (before ratatui's diff, which would skip the cell a
/// wide character covers and so drop the border drawn there).
fn halves_covered(app: &App) -> Vec<(u16, u16)> {
    let mut buf = ratatui::buffer::Buffer::empty(app.area);
    kanbao::tui::draw::render(&mut buf, app.area, app);
    let mut bad = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width.saturating_sub(1) {
            if cell_width(&buf[(x, y)]) == 2 && buf[(x + 1, y)].symbol() != " " {
                bad.push((x, y));
            }
        }
    }
    bad
}

#[test]
fn popups_never_cover_half_a_wide_character() {
    for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
        // Every parity of the boxes' left edge over the lists: the editor
        // (72 wide) from 73 columns, the help (about 80) from 140.
        for (w, h) in (70..=100).chain(140..=152).flat_map(|w| [(w, 12), (w, 20)]) {
            let mut a = App::new(
                load_sample(&LoadOptions::default()),
                Settings {
                    amb,
                    ..Settings::default()
                },
                Rect::new(0, 0, w, h),
            );
            for action in [
                Action::Down,
                Action::Open,
                Action::Down,
                Action::Down,
                Action::Open,
            ] {
                common::update(&mut a, action);
            }
            common::update(&mut a, Action::ToggleHelp);
            assert_eq!(halves_covered(&a), [], "help at {w}×{h} {amb:?}");
            common::update(&mut a, Action::Back);
            common::update(&mut a, Action::EditNote);
            assert_eq!(halves_covered(&a), [], "editor at {w}×{h} {amb:?}");
        }
    }
}
