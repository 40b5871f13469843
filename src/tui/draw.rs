//! Rendering `&App` into a frame. Pure with respect to the app: drawing never
//! changes state (the layout cache aside, which only memoizes).

use super::app::{App, Row};
use super::geometry::{self, Mode, Pane};
use super::text::{fill, put_spans, put_str};
use crate::layout::{AmbiguousWidth, str_width, truncate};
use crate::model::{DateSource, Issue};
use crate::reading::LineKind;
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
        draw_issues(buf, rect, app);
    }
    if let Some(rect) = g.issue_header {
        draw_issue_header(buf, rect, app);
    }
    if let Some(rect) = g.articles {
        draw_articles(buf, rect, app);
    }
    if let Some(rect) = g.reader {
        draw_reader(buf, rect, app);
    }
    draw_status(buf, g.status, app);
    if app.help {
        draw_help(buf, area, app);
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

/// `2021-01-10`, with `~` when the date was inferred and `?` for an unknown year.
fn issue_date(issue: &Issue) -> String {
    match issue.date {
        None => issue.id.clone(),
        Some(d) => {
            let mark = if issue.date_source == Some(DateSource::Inferred) {
                "~"
            } else {
                ""
            };
            format!("{d}{mark}")
        }
    }
}

fn issue_row(issue: &Issue) -> (String, String) {
    let mut left = issue_date(issue);
    if let Some(n) = issue.number {
        left.push_str(&format!(" 第{n}期"));
    }
    let warn = if issue.warnings.is_empty() { "" } else { " !" };
    (left, format!("{}篇{warn}", issue.article_count()))
}

fn draw_issues(buf: &mut Buffer, rect: Rect, app: &App) {
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
        put_str(
            buf,
            rect.x + 1,
            rect.y + 1,
            rect.width.saturating_sub(1),
            "no issues",
            theme.dim,
            amb,
        );
        return;
    }
    for (line, i) in (app.issue_offset..app.archive.issues.len())
        .take(geometry::list_rows(rect))
        .enumerate()
    {
        let y = rect.y + 1 + line as u16;
        let issue = &app.archive.issues[i];
        let style = if i == app.issue {
            if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            }
        } else {
            theme.text
        };
        fill(buf, rect.x, y, rect.width, style);
        let (left, right) = issue_row(issue);
        let right_w = str_width(&right, amb) as u16;
        let left_max = rect.width.saturating_sub(right_w + 2);
        put_str(
            buf,
            rect.x + 1,
            y,
            left_max,
            &truncate(&left, left_max as usize, amb),
            style,
            amb,
        );
        if right_w + 2 < rect.width {
            let warn_style = if issue.warnings.is_empty() {
                style
            } else {
                style.patch(theme.warning)
            };
            put_str(
                buf,
                rect.x + rect.width - right_w - 1,
                y,
                right_w,
                &right,
                warn_style,
                amb,
            );
        }
    }
}

fn draw_issue_header(buf: &mut Buffer, rect: Rect, app: &App) {
    let left = match app.current_issue() {
        Some(issue) => {
            let (l, r) = issue_row(issue);
            format!(" {l} · {r}")
        }
        None => " no issues".to_string(),
    };
    let right = format!("{}/{} i ", app.issue + 1, app.archive.issues.len());
    title_bar(buf, rect, &left, &right, false, app);
}

enum ListLine {
    Page(usize),
    Article(usize, Row),
}

fn list_lines(rows: &[Row]) -> Vec<ListLine> {
    let mut out = Vec::with_capacity(rows.len() + 4);
    let mut last = None;
    for (i, r) in rows.iter().enumerate() {
        if last != Some(r.page) {
            out.push(ListLine::Page(r.page));
            last = Some(r.page);
        }
        out.push(ListLine::Article(i, *r));
    }
    out
}

fn draw_articles(buf: &mut Buffer, rect: Rect, app: &App) {
    let amb = app.settings.amb;
    let theme = &app.settings.theme;
    let focused = app.focus == Pane::Articles;
    let r = rules(amb);
    let Some(issue) = app.current_issue() else {
        title_bar(
            buf,
            Rect { height: 1, ..rect },
            " 文章 Articles",
            "",
            focused,
            app,
        );
        return;
    };
    title_bar(
        buf,
        Rect { height: 1, ..rect },
        &format!(" 文章 {}", issue_date(issue)),
        &format!("{} ", issue.article_count()),
        focused,
        app,
    );
    let lines = list_lines(app.current_rows());
    if lines.is_empty() {
        put_str(
            buf,
            rect.x + 1,
            rect.y + 1,
            rect.width.saturating_sub(1),
            "no articles on this page",
            theme.dim,
            amb,
        );
    }
    for (n, line) in lines
        .iter()
        .skip(app.article_offset)
        .take(geometry::list_rows(rect))
        .enumerate()
    {
        let y = rect.y + 1 + n as u16;
        match line {
            ListLine::Page(p) => {
                let label = format!("{0}{0} {1}版 ", r.horizontal, issue.pages[*p].label);
                put_str(
                    buf,
                    rect.x + 1,
                    y,
                    rect.width.saturating_sub(1),
                    &label,
                    theme.page_heading,
                    amb,
                );
            }
            ListLine::Article(i, row) => {
                let a = &issue.pages[row.page].articles[row.index];
                let selected = *i == app.article;
                let base = if selected {
                    if focused {
                        theme.selected
                    } else {
                        theme.selected_unfocused
                    }
                } else {
                    theme.text
                };
                fill(buf, rect.x, y, rect.width, base);
                let read = if app.read.contains(&a.id) { "✓" } else { " " };
                let reporter = a
                    .byline
                    .reporters
                    .first()
                    .cloned()
                    .or_else(|| a.byline.agency.clone())
                    .unwrap_or_default();
                let right_w = if reporter.is_empty() {
                    0
                } else {
                    str_width(&reporter, amb) as u16 + 1
                };
                let left_max = rect.width.saturating_sub(right_w + 1);
                let title = a.title();
                let mut spans: Vec<(String, Style)> =
                    vec![(format!("{read} "), base.patch(theme.mark))];
                if row.folded {
                    spans.push((format!("{} 重复 ", r.arrow), base.patch(theme.dim)));
                }
                if a.untitled() {
                    spans.push(("（无标题）".into(), base.patch(theme.dim)));
                }
                let head_style = if row.folded {
                    base.patch(theme.dim)
                } else {
                    base
                };
                spans.push((title, head_style));
                if let Some(k) = &a.kicker {
                    spans.push((format!("  {}", k.text), base.patch(theme.dim)));
                }
                let joined: String = spans.iter().map(|(s, _)| s.as_str()).collect();
                let cut = truncate(&joined, left_max as usize, amb);
                // Re-split the truncated text over the same styles.
                let mut remaining = cut.len();
                let mut parts: Vec<(&str, Style)> = Vec::new();
                let mut offset = 0;
                for (s, st) in &spans {
                    if remaining == 0 {
                        break;
                    }
                    let take = s.len().min(remaining);
                    parts.push((&cut[offset..offset + take], *st));
                    offset += take;
                    remaining -= take;
                }
                if cut.len() > joined.len() || !joined.starts_with(cut.trim_end_matches('…')) {
                    parts = vec![(&cut, base)];
                } else if cut.ends_with('…') && !parts.is_empty() {
                    // the ellipsis belongs to the last part
                    let last = parts.len() - 1;
                    parts[last].0 = &cut[offset - parts[last].0.len()..];
                }
                put_spans(buf, rect.x, y, left_max, &parts, amb);
                if right_w > 0 {
                    put_str(
                        buf,
                        rect.x + rect.width - right_w,
                        y,
                        right_w,
                        &reporter,
                        base.patch(theme.dim),
                        amb,
                    );
                }
            }
        }
    }
}

fn line_style(kind: LineKind, app: &App) -> Style {
    let t = &app.settings.theme;
    match kind {
        LineKind::Section => t.section,
        LineKind::Kicker => t.kicker,
        LineKind::Headline => t.headline,
        LineKind::Subheadline => t.subheadline,
        LineKind::Byline => t.byline,
        LineKind::Note => t.note,
        LineKind::Blank | LineKind::Body => t.text,
        LineKind::Subhead => t.subhead,
        LineKind::Caption => t.caption,
        LineKind::Repeated => t.repeated,
    }
}

fn draw_reader(buf: &mut Buffer, rect: Rect, app: &App) {
    let amb = app.settings.amb;
    let focused = app.focus == Pane::Reader;
    let Some(article) = app.current_article() else {
        title_bar(
            buf,
            Rect { height: 1, ..rect },
            " 阅读 Reader",
            "",
            focused,
            app,
        );
        put_str(
            buf,
            rect.x + 1,
            rect.y + 1,
            rect.width.saturating_sub(2),
            "no article selected",
            app.settings.theme.dim,
            amb,
        );
        return;
    };
    let issue = app.current_issue().expect("an article implies an issue");
    let lines = app.reader_lines();
    let position = format!(
        "{}/{} · {}% ",
        app.article + 1,
        app.current_rows().len(),
        app.scroll_percent()
    );
    let page = issue
        .pages
        .iter()
        .find(|p| p.articles.iter().any(|a| a.id == article.id))
        .map(|p| p.label.as_str())
        .unwrap_or("");
    title_bar(
        buf,
        Rect { height: 1, ..rect },
        &format!(" {} {page}版", issue_date(issue)),
        &position,
        focused,
        app,
    );
    let (x, width) = app.reader_column().expect("reader shown");
    for (n, line) in lines
        .iter()
        .skip(app.scroll)
        .take(app.reader_rows())
        .enumerate()
    {
        let y = rect.y + 1 + n as u16;
        put_str(
            buf,
            x,
            y,
            width,
            &line.text,
            line_style(line.kind, app),
            amb,
        );
    }
}

fn draw_status(buf: &mut Buffer, rect: Rect, app: &App) {
    let amb = app.settings.amb;
    let style = app.settings.theme.status;
    fill(buf, rect.x, rect.y, rect.width, style);
    let left = match &app.status {
        Some(msg) => format!(" {msg}"),
        None => format!(
            " {} · {} issues · {} articles",
            app.archive.root,
            app.archive.issues.len(),
            app.archive.article_count()
        ),
    };
    let right = match app.mode() {
        Mode::Wide => "? help  Enter open  Esc back  q quit ",
        _ => "? help  q quit ",
    };
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

fn draw_help(buf: &mut Buffer, area: Rect, app: &App) {
    let amb = app.settings.amb;
    let theme = &app.settings.theme;
    let r = rules(amb);
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
    for row in y..y + height {
        fill(buf, x, row, width, style);
    }
    // Border.
    let inner = width.saturating_sub(2);
    let horizontal = r.horizontal.repeat(inner as usize);
    put_str(
        buf,
        x,
        y,
        width,
        &format!("{}{horizontal}{}", r.corners[0], r.corners[1]),
        theme.separator,
        amb,
    );
    put_str(
        buf,
        x,
        y + height - 1,
        width,
        &format!("{}{horizontal}{}", r.corners[2], r.corners[3]),
        theme.separator,
        amb,
    );
    for row in y + 1..y + height - 1 {
        put_str(buf, x, row, 1, r.vertical, theme.separator, amb);
        put_str(buf, x + width - 1, row, 1, r.vertical, theme.separator, amb);
    }
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
    for (i, (keys, help)) in lines.iter().take(rows).enumerate() {
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
        put_str(
            buf,
            x + 2,
            y + height - 1,
            inner.saturating_sub(2),
            " … (larger window for more) ",
            theme.dim,
            amb,
        );
    }
}
