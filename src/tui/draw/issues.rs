//! The issue list and, when the list is folded away, the issue header.

use super::*;

fn issue_row(app: &App, issue: &Issue) -> (String, String) {
    let mut left = issue_date(app, issue);
    if let Some(n) = issue.number {
        left.push_str(&format!(" 第{n}期"));
    }
    let warn = if issue.warnings.is_empty() { "" } else { " !" };
    (left, format!("{}篇{warn}", issue.article_count()))
}

pub(super) fn render(buf: &mut Buffer, rect: Rect, app: &App) {
    let amb = app.settings.amb;
    let theme = &app.settings.theme;
    let focused = app.focus == Pane::Issues;
    title_bar(
        buf,
        Rect { height: 1, ..rect },
        " 期 Issues",
        &format!("{} ", app.archive.issues.len()),
        focused,
        app,
    );
    if app.archive.issues.is_empty() {
        empty_note(buf, rect.x, rect.y + 1, rect.width, "no issues", app);
        return;
    }
    for (line, i) in (app.issue_offset..app.archive.issues.len())
        .take(geometry::list_rows(rect))
        .enumerate()
    {
        let y = rect.y + 1 + line as u16;
        let Some(issue) = app.issue_at(i) else {
            continue;
        };
        let style = row_style(app, i == app.issue, focused);
        let (left, right) = issue_row(app, issue);
        let warn_style = if issue.warnings.is_empty() {
            style
        } else {
            style.patch(theme.warning)
        };
        list_row(
            buf,
            rect,
            y,
            style,
            &[(left, style)],
            Some((&right, warn_style)),
            1,
            0,
            amb,
        );
    }
}

pub(super) fn render_header(buf: &mut Buffer, rect: Rect, app: &App) {
    let left = match app.current_issue() {
        Some(issue) => {
            let (l, r) = issue_row(app, issue);
            format!(" {l} · {r}")
        }
        None => " no issues".to_string(),
    };
    let right = format!("{}/{} i ", app.issue + 1, app.archive.issues.len());
    title_bar(buf, rect, &left, &right, false, app);
}
