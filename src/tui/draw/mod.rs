//! Rendering `&App` into a frame. Pure with respect to the app: drawing never
//! changes state (the layout cache aside, which only memoizes).
//!
//! One file per part of the screen, each with its render function: the
//! issue list (`issues`), the article list (`articles`), the reader
//! (`reader`), the status line and the help (`status`), and what opens over
//! the panes (`overlays`). This file lays them out and holds what they
//! share: rules, title bars, boxes, highlighted text, list windows.

mod articles;
mod issues;
mod overlays;
mod reader;
mod source;
mod status;

pub use reader::match_ranges;

use super::action::Action;
use super::app::{App, Row};
use super::geometry::{self, Mode, Pane};
use super::input::{InputKey, LineInput};
use super::overlay::{BookmarksUi, EditorUi, FilterUi, Overlay, SearchUi};
use super::text::{fill, put_spans, put_str};
use crate::layout::{AmbiguousWidth, str_width, truncate};
use crate::model::{DateSource, Issue};
use crate::reading::LineKind;
use crate::review::{Applied, ReviewStatus};
use crate::search::{ArticleRef, Scope};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Line-drawing characters. Box-drawing characters are East Asian ambiguous
/// width: a terminal that draws them two columns wide would break every
/// border, so with `--ambiguous-width 2` plain ASCII is used.
struct Rules {
    vertical: &'static str,
    horizontal: &'static str,
    corners: [&'static str; 4],
    arrow: &'static str,
}

fn rules(amb: AmbiguousWidth) -> Rules {
    match amb {
        AmbiguousWidth::Narrow => Rules {
            vertical: "│",
            horizontal: "─",
            corners: ["┌", "┐", "└", "┘"],
            arrow: "↳",
        },
        AmbiguousWidth::Wide => Rules {
            vertical: "|",
            horizontal: "-",
            corners: ["+", "+", "+", "+"],
            arrow: ">",
        },
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    // The terminal's screen was left and entered again (cleared): this
    // frame is drawn blank, so that the next, differing from it in every
    // cell that shows something, is drawn whole.
    if app.repaint.replace(false) {
        return;
    }
    render(buf, area, app);
}

/// Renders into any buffer (the frame, or a test buffer).
pub fn render(buf: &mut Buffer, area: Rect, app: &App) {
    let amb = app.settings.amb;
    let theme = &app.settings.theme;
    for y in area.y..area.y + area.height {
        fill(buf, area.x, y, area.width, theme.text);
    }
    if geometry::mode(area) == Mode::Tiny {
        let long = format!(
            "window too small: {}×{} (needs 20×6)",
            area.width, area.height
        );
        let msg = if str_width(&long, amb) <= area.width as usize {
            long.as_str()
        } else {
            "too small"
        };
        put_str(buf, area.x, area.y, area.width, msg, theme.warning, amb);
        return;
    }
    let g = app.geometry();
    let r = rules(amb);
    for sep in g.separators.into_iter().flatten() {
        for y in sep.y..sep.y + sep.height {
            put_str(buf, sep.x, y, 1, r.vertical, theme.separator, amb);
        }
    }
    if let Some(rect) = g.issues {
        issues::render(buf, rect, app);
    }
    if let Some(rect) = g.issue_header {
        issues::render_header(buf, rect, app);
    }
    if let Some(rect) = g.articles {
        articles::render(buf, rect, app);
    }
    if let Some(rect) = g.reader {
        reader::render(buf, rect, app);
    }
    if let Some(rect) = app.source_rect() {
        source::render(buf, rect, app);
    }
    status::render(buf, g.status, app);
    draw_overlay(buf, app);
    if app.help {
        status::render_help(buf, area, app);
    }
}

fn title_bar(buf: &mut Buffer, rect: Rect, left: &str, right: &str, focused: bool, app: &App) {
    let amb = app.settings.amb;
    let style = if focused {
        app.settings.theme.title_bar_focused
    } else {
        app.settings.theme.title_bar
    };
    fill(buf, rect.x, rect.y, rect.width, style);
    let right_w = str_width(right, amb) as u16;
    let left_max = rect.width.saturating_sub(right_w + 1);
    put_str(
        buf,
        rect.x,
        rect.y,
        left_max,
        &truncate(left, left_max as usize, amb),
        style,
        amb,
    );
    if right_w + 1 < rect.width {
        put_str(
            buf,
            rect.x + rect.width - right_w,
            rect.y,
            right_w,
            right,
            style,
            amb,
        );
    }
}

/// The body area: everything but the status line.
fn body_area(app: &App) -> Rect {
    let a = app.area;
    Rect::new(a.x, a.y, a.width, a.height.saturating_sub(1))
}

/// Where the terminal cursor goes: in the open query line or editor (so an
/// input method draws its candidates there), else hidden.
pub fn cursor(app: &App) -> Option<(u16, u16)> {
    if app.help || geometry::mode(app.area) == Mode::Tiny {
        return None;
    }
    let amb = app.settings.amb;
    let body = body_area(app);
    match &app.overlay {
        Some(Overlay::Filter(f)) => {
            let col = 2 + f.input.cursor_column(amb) as u16;
            Some((body.x + col.min(body.width.saturating_sub(1)), body.y + 1))
        }
        Some(Overlay::Search(s)) => {
            let col = 2 + s.input.cursor_column(amb) as u16;
            Some((body.x + col.min(body.width.saturating_sub(1)), body.y + 1))
        }
        Some(Overlay::Editor(e)) => {
            let (x, y, w) = overlays::editor_box(app);
            let col = e.input.cursor_column(amb) as u16;
            Some((x + 2 + col.min(w.saturating_sub(5)), y + 2))
        }
        _ => None,
    }
}

pub(super) fn draw_overlay(buf: &mut Buffer, app: &App) {
    match &app.overlay {
        Some(Overlay::Filter(f)) => overlays::render_filter(buf, app, f),
        Some(Overlay::Search(s)) => overlays::render_search(buf, app, s),
        Some(Overlay::Bookmarks(b)) => overlays::render_bookmarks(buf, app, b),
        Some(Overlay::Editor(e)) => overlays::render_editor(buf, app, e),
        Some(Overlay::Roles(c)) => source::render_role_chooser(buf, app, c),
        None => {}
    }
}

fn list_window(selected: usize, offset: usize, rows: usize) -> usize {
    if selected < offset {
        selected
    } else if selected >= offset + rows.max(1) {
        selected + 1 - rows.max(1)
    } else {
        offset
    }
}

/// A dim line saying why a pane or list is empty, one column in.
fn empty_note(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, app: &App) {
    let theme = &app.settings.theme;
    put_str(
        buf,
        x + 1,
        y,
        width.saturating_sub(1),
        text,
        theme.dim,
        app.settings.amb,
    );
}

/// A cleared rectangle with a one-line border.
fn draw_box(buf: &mut Buffer, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let amb = app.settings.amb;
    let r = rules(amb);
    if area.width < 2 || area.height < 2 {
        return;
    }
    for row in area.y..area.y + area.height {
        // A wide character just left of the box would lose its right half
        // under the border: blank it, so that the terminal repaints the
        // cell (urxvt left an empty box there).
        if area.x > buf.area.x
            && let Some(cell) = buf.cell_mut((area.x - 1, row))
            && crate::tui::text::cell_width(cell) > 1
        {
            let style = cell.style();
            cell.reset();
            cell.set_style(style);
        }
        fill(buf, area.x, row, area.width, theme.text);
    }
    let horizontal = r.horizontal.repeat(area.width as usize - 2);
    let (top, bottom) = (area.y, area.y + area.height - 1);
    for (row, left, right) in [(top, 0, 1), (bottom, 2, 3)] {
        let line = format!("{}{horizontal}{}", r.corners[left], r.corners[right]);
        put_str(buf, area.x, row, area.width, &line, theme.separator, amb);
    }
    for row in top + 1..bottom {
        put_str(buf, area.x, row, 1, r.vertical, theme.separator, amb);
        put_str(
            buf,
            area.x + area.width - 1,
            row,
            1,
            r.vertical,
            theme.separator,
            amb,
        );
    }
}

/// `2021-01-10`, with `~` when the date was inferred and `?` for an unknown year.
/// `~` marks an inferred date, `✎` one corrected in review.
fn issue_date(app: &App, issue: &Issue) -> String {
    if let Some(d) = app.reviews.issue_date(&issue.id) {
        return format!("{d}✎");
    }
    match issue.date {
        None => issue.id.clone(),
        Some(d) => {
            let mark = if issue.date_source == Some(DateSource::Inferred) {
                "~"
            } else {
                ""
            };
            // Issues sharing a day have ids with the file's name added
            // (`2021-01-10_A`): show the id, or they would look the same.
            let date = d.to_string();
            match issue.id.strip_prefix(date.as_str()) {
                Some(rest) if !rest.is_empty() => format!("{}{mark}", issue.id),
                _ => format!("{date}{mark}"),
            }
        }
    }
}

/// A list row's background: the selection's colours (dimmer when its pane
/// has not the focus), else the text's.
pub(super) fn row_style(app: &App, selected: bool, focused: bool) -> Style {
    let theme = &app.settings.theme;
    match (selected, focused) {
        (true, true) => theme.selected,
        (true, false) => theme.selected_unfocused,
        (false, _) => theme.text,
    }
}

/// One row of a pane's list, the helper the issue and article lists share:
/// the row filled with `base`; the `left` pieces from `inset` columns in,
/// cut to fit once as a whole (the ellipsis takes the style of the piece it
/// ends); `right` flush right, one column in, `gap` columns clear of the
/// left text. The last column stays blank.
#[allow(clippy::too_many_arguments)]
pub(super) fn list_row(
    buf: &mut Buffer,
    rect: Rect,
    y: u16,
    base: Style,
    left: &[(String, Style)],
    right: Option<(&str, Style)>,
    inset: u16,
    gap: u16,
    amb: AmbiguousWidth,
) {
    fill(buf, rect.x, y, rect.width, base);
    let right_w = right.map_or(0, |(text, _)| str_width(text, amb) as u16);
    let reserved = match right {
        Some(_) => right_w + gap + 1,
        None => 1,
    };
    let left_max = rect.width.saturating_sub(inset + reserved);
    let x0 = rect.x + inset;
    let joined: String = left.iter().map(|(s, _)| s.as_str()).collect();
    let cut = truncate(&joined, left_max as usize, amb);
    let keep = cut.strip_suffix('…').unwrap_or(&cut).len();
    // On a selected row the selection's own pair is kept: a piece's colour
    // (a dim kicker, a yellow mark) on the selection's background is
    // unreadable on some terminals. Its emphasis (bold, italic) stays.
    let selected = base.bg.is_some();
    let (mut x, mut at, mut last) = (x0, 0, base);
    for (piece, style) in left {
        let style = &if selected {
            Style {
                fg: base.fg,
                bg: base.bg,
                ..*style
            }
        } else {
            *style
        };
        if at >= keep {
            break;
        }
        let shown = &piece[..(keep - at).min(piece.len())];
        x += put_str(buf, x, y, left_max - (x - x0), shown, *style, amb);
        at += piece.len();
        last = *style;
    }
    if keep < cut.len() {
        put_str(buf, x, y, left_max - (x - x0), "…", last, amb);
    }
    if let Some((text, style)) = right
        && right_w + 2 < rect.width
    {
        put_str(
            buf,
            rect.x + rect.width - right_w - 1,
            y,
            right_w,
            text,
            if selected {
                Style {
                    fg: base.fg,
                    bg: base.bg,
                    ..style
                }
            } else {
                style
            },
            amb,
        );
    }
}
