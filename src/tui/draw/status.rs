//! The status line and the help.

use super::*;

/// `1 issue`, `4 issues`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

pub(super) fn render(buf: &mut Buffer, rect: Rect, app: &App) {
    let amb = app.settings.amb;
    let style = app.settings.theme.status;
    fill(buf, rect.x, rect.y, rect.width, style);
    let left = match &app.status {
        Some(msg) => format!(" {msg}"),
        None => format!(
            " {} · {} · {}{}",
            app.archive.root,
            count(app.archive.issues.len(), "issue"),
            count(app.article_count(), "article"),
            if app.text_pending && app.text_wanted() {
                " · 正文载入中 loading text…"
            } else {
                ""
            }
        ),
    };
    // Hints name the user's own keys (a rebound quit is not `q`).
    let key = |a: Action| {
        let fallback = if a == Action::Quit { "C-c" } else { "-" };
        app.keymap.key_label(&a).unwrap_or_else(|| fallback.into())
    };
    let right = match app.mode() {
        Mode::Wide => format!(
            "{} help  {} open  {} back  {} quit ",
            key(Action::ToggleHelp),
            key(Action::Open),
            key(Action::Back),
            key(Action::Quit)
        ),
        _ => format!(
            "{} help  {} quit ",
            key(Action::ToggleHelp),
            key(Action::Quit)
        ),
    };
    let right = right.as_str();
    let right_w = str_width(right, amb) as u16;
    let show_right = right_w + 20 <= rect.width;
    let left_max = if show_right {
        rect.width - right_w - 1
    } else {
        rect.width
    };
    put_str(
        buf,
        rect.x,
        rect.y,
        left_max,
        &truncate(&left, left_max as usize, amb),
        style,
        amb,
    );
    if show_right {
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

pub(super) fn render_help(buf: &mut Buffer, area: Rect, app: &App) {
    let amb = app.settings.amb;
    let theme = &app.settings.theme;
    let lines = app.keymap_help();
    let key_w = lines
        .iter()
        .map(|(k, _)| str_width(k, amb))
        .max()
        .unwrap_or(0) as u16;
    let text_w = lines
        .iter()
        .map(|(_, h)| str_width(h, amb))
        .max()
        .unwrap_or(0) as u16;
    let width = (key_w + text_w + 6).min(area.width);
    let height = (lines.len() as u16 + 4).min(area.height);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    let style = theme.text;
    let inner = width.saturating_sub(2);
    draw_box(buf, Rect::new(x, y, width, height), app);
    put_str(
        buf,
        x + 2,
        y,
        inner.saturating_sub(2),
        " keys · 按键 ",
        theme.headline,
        amb,
    );
    let rows = height.saturating_sub(4) as usize;
    // When it does not fit, the help scrolls (j/k) and says where it is.
    let first = app.help_scroll.min(lines.len().saturating_sub(rows.max(1)));
    for (i, (keys, help)) in lines.iter().skip(first).take(rows).enumerate() {
        let row = y + 2 + i as u16;
        put_str(
            buf,
            x + 2,
            row,
            key_w.min(inner.saturating_sub(2)),
            keys,
            theme.subhead,
            amb,
        );
        let hx = x + 2 + key_w + 2;
        if hx < x + width - 1 {
            put_str(buf, hx, row, x + width - 1 - hx, help, style, amb);
        }
    }
    if lines.len() > rows && height > 2 {
        let key = |a: Action| app.keymap.key_label(&a).unwrap_or_else(|| "-".into());
        let note = format!(
            " {}–{} of {} · {}/{} scroll · other keys close ",
            first + 1,
            (first + rows).min(lines.len()),
            lines.len(),
            key(Action::Down),
            key(Action::Up)
        );
        put_str(
            buf,
            x + 2,
            y + height - 1,
            inner.saturating_sub(2),
            &truncate(&note, inner.saturating_sub(2) as usize, amb),
            theme.dim,
            amb,
        );
    }
}
