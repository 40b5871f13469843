//! The source panel (see `tui/source.rs`): each row a source line's
//! number, its role and owner in the margin, then the line as printed; the
//! current article's lines bright in their role's style, the rest dim, the
//! cursor's row reversed.

use super::*;
use crate::source_view::Role;
use crate::tui::panel::{PanelLine, SourcePanel};
use crate::tui::role_choice::{ROLE_CHOICES, RoleChooser};

fn role_style(role: Option<Role>, app: &App) -> Style {
    let t = &app.settings.theme;
    match role {
        Some(Role::Section) => t.section,
        Some(Role::Kicker) => t.kicker,
        Some(Role::Headline) => t.headline,
        Some(Role::Subheadline) => t.subheadline,
        Some(Role::Byline | Role::Dateline) => t.byline,
        Some(Role::Subhead) => t.subhead,
        Some(Role::Caption) => t.caption,
        Some(Role::Duplicate) => t.repeated,
        Some(Role::Masthead | Role::Jump) => t.note,
        Some(Role::Fragment) => t.warning,
        Some(Role::Body) | None => t.text,
    }
}

/// A role in three letters, for a narrow panel.
fn short(role: Role) -> &'static str {
    match role {
        Role::Masthead => "mst",
        Role::Section => "sec",
        Role::Kicker => "kck",
        Role::Headline => "hed",
        Role::Subheadline => "sub",
        Role::Byline => "byl",
        Role::Dateline => "dtl",
        Role::Body => "bdy",
        Role::Subhead => "shd",
        Role::Caption => "cap",
        Role::Jump => "jmp",
        Role::Fragment => "frg",
        Role::Duplicate => "dup",
    }
}

/// The margin's columns at a panel width: number, role, owner.
struct Margin {
    digits: usize,
    role: usize,
    owner: usize,
}

fn margin(panel: &SourcePanel, width: u16) -> Margin {
    let digits = panel
        .lines
        .iter()
        .filter_map(|l| l.number)
        .max()
        .map_or(1, |n| n.to_string().len());
    let (role, owner) = match width {
        60.. => (11, 6),
        36.. => (3, 6),
        _ => (3, 0),
    };
    Margin {
        digits,
        role,
        owner,
    }
}

fn margin_text(line: &PanelLine, m: &Margin, in_run: bool) -> String {
    // A selected line is marked even where colour is off (NO_COLOR).
    let mark = match (in_run, line.current) {
        (true, _) => '+',
        (false, true) => '>',
        (false, false) => ' ',
    };
    let number = line.number.map(|n| n.to_string()).unwrap_or_default();
    let role = match line.role {
        Some(r) if m.role >= 11 => r.as_str(),
        Some(r) => short(r),
        None => "",
    };
    let mut out = format!("{mark}{number:>w$} {role:<r$} ", w = m.digits, r = m.role);
    if m.owner > 0 {
        let owner: String = line.owner.chars().take(m.owner).collect();
        out.push_str(&format!("{owner:<o$} ", o = m.owner));
    }
    out
}

pub(super) fn render(buf: &mut Buffer, rect: Rect, app: &App) {
    let Some(panel) = app.source.as_ref() else {
        return;
    };
    let amb = app.settings.amb;
    let theme = &app.settings.theme;
    for y in rect.y..rect.y + rect.height {
        fill(buf, rect.x, y, rect.width, theme.text);
    }
    let at = if panel.lines.is_empty() {
        String::new()
    } else {
        format!("{}/{} ", panel.cursor + 1, panel.lines.len())
    };
    title_bar(
        buf,
        Rect { height: 1, ..rect },
        &panel.title(),
        &at,
        true,
        app,
    );
    let rows = rect.height.saturating_sub(1) as usize;
    let m = margin(panel, rect.width);
    let run = panel.run();
    for (n, line) in panel.lines.iter().enumerate().skip(panel.offset).take(rows) {
        let y = rect.y + 1 + (n - panel.offset) as u16;
        let cursor = n == panel.cursor;
        let in_run = run.as_ref().is_some_and(|r| r.contains(&n));
        let base = match (cursor, in_run) {
            (true, _) => row_style(app, true, true),
            // The selected run: the unfocused selection's style, as a list
            // shows its selection when another pane has the keys.
            (false, true) => theme.selected_unfocused,
            (false, false) => theme.text,
        };
        fill(buf, rect.x, y, rect.width, base);
        let (margin_style, text_style) = match (cursor || in_run, line.current, line.warning) {
            (true, _, _) => (base, base),
            (false, _, true) => (theme.warning, theme.warning),
            (false, true, _) => (theme.mark, role_style(line.role, app)),
            (false, false, _) => (theme.dim, theme.dim),
        };
        let used = put_str(
            buf,
            rect.x,
            y,
            rect.width,
            &margin_text(line, &m, in_run),
            margin_style,
            amb,
        );
        put_str(
            buf,
            rect.x + used,
            y,
            rect.width.saturating_sub(used),
            &line.text,
            text_style,
            amb,
        );
    }
    if panel.lines.is_empty() && rows > 0 {
        empty_note(
            buf,
            rect.x,
            rect.y + 1,
            rect.width,
            "reading the page…",
            app,
        );
    }
}

/// The role chooser (`r`), over the source panel: which line, then each
/// role with its letter, the line's role now marked `*`, the arrows' row
/// reversed. Rows that do not fit scroll with the arrows.
pub(super) fn render_role_chooser(buf: &mut Buffer, app: &App, c: &RoleChooser) {
    let Some(rect) = app.source_rect() else {
        return;
    };
    let theme = &app.settings.theme;
    let amb = app.settings.amb;
    let width = rect.width.min(30);
    let height = rect.height.min(ROLE_CHOICES.len() as u16 + 3);
    if width < 4 || height < 3 {
        return;
    }
    // At the panel's top right, or its bottom right when the cursor's row
    // would be under it: the line being given a role stays in sight.
    let cursor_y = app
        .source
        .as_ref()
        .map_or(0, |p| rect.y + 1 + p.cursor.saturating_sub(p.offset) as u16);
    let y = if cursor_y < rect.y + height {
        rect.y + rect.height - height
    } else {
        rect.y
    };
    let area = Rect::new(rect.x + rect.width - width, y, width, height);
    draw_box(buf, area, app);
    let inner = width - 2;
    let cancel = app
        .keymap
        .key_label(&Action::Input(InputKey::Cancel))
        .unwrap_or_else(|| "-".into());
    let title = format!("line {} · role · {cancel}", c.line);
    put_str(
        buf,
        area.x + 1,
        area.y + 1,
        inner,
        &truncate(&title, inner as usize, amb),
        theme.subhead,
        amb,
    );
    let rows = height.saturating_sub(3) as usize;
    let offset = list_window(c.selected, 0, rows);
    for (n, (key, role)) in ROLE_CHOICES.iter().enumerate().skip(offset).take(rows) {
        let y = area.y + 2 + (n - offset) as u16;
        let style = if n == c.selected {
            row_style(app, true, true)
        } else {
            role_style(Some(*role), app)
        };
        let now = if c.current == Some(*role) { '*' } else { ' ' };
        fill(buf, area.x + 1, y, inner, style);
        put_str(
            buf,
            area.x + 1,
            y,
            inner,
            &format!("{now}{key}  {role}"),
            style,
            amb,
        );
    }
}
