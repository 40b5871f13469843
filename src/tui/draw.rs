//! Rendering `&App` into a frame. Pure with respect to the app: drawing never
//! changes state (the layout cache aside, which only memoizes).

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
    draw_overlay(buf, app);
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

fn issue_row(app: &App, issue: &Issue) -> (String, String) {
    let mut left = issue_date(app, issue);
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
        empty_note(buf, rect.x, rect.y + 1, rect.width, "no issues", app);
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
        let (left, right) = issue_row(app, issue);
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
            let (l, r) = issue_row(app, issue);
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
    // With `V` on, the title says so and counts what is left to review.
    let (filter_mark, count) = if app.review_filter {
        (
            " · 待审 V",
            format!("{}/{} ", app.current_rows().len(), issue.article_count()),
        )
    } else {
        ("", format!("{} ", issue.article_count()))
    };
    title_bar(
        buf,
        Rect { height: 1, ..rect },
        &format!(" 文章 {}{filter_mark}", issue_date(app, issue)),
        &count,
        focused,
        app,
    );
    let lines = list_lines(app.current_rows());
    if lines.is_empty() {
        let note = if app.review_filter && issue.article_count() > 0 {
            "nothing left to review here (V shows all)"
        } else {
            "no articles on this page"
        };
        empty_note(buf, rect.x, rect.y + 1, rect.width, note, app);
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
                let (_, title, corrected) = app.shown_titles(a);
                // Marks: read, review status, bookmark (all single-width).
                let (review, review_style) = match app.review_of(a) {
                    Applied::Fresh(e) => match e.status {
                        ReviewStatus::Ok => ("✔", theme.mark),
                        ReviewStatus::NeedsFix => ("✗", theme.warning),
                        ReviewStatus::Unreviewed => (" ", theme.mark),
                    },
                    Applied::Stale(_) => ("?", theme.warning),
                    Applied::None => (" ", theme.mark),
                };
                let bookmark = if app.bookmarks.contains(&a.id) {
                    "⚑"
                } else {
                    " "
                };
                let mut spans: Vec<(String, Style)> = vec![
                    (read.to_string(), base.patch(theme.mark)),
                    (review.to_string(), base.patch(review_style)),
                    (format!("{bookmark} "), base.patch(theme.mark)),
                ];
                if corrected {
                    spans.push(("✎".into(), base.patch(theme.dim)));
                }
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
                // Cut the whole row once, then draw each piece in its style;
                // the ellipsis takes the style of the piece it ends.
                let joined: String = spans.iter().map(|(s, _)| s.as_str()).collect();
                let cut = truncate(&joined, left_max as usize, amb);
                let keep = cut.strip_suffix('…').unwrap_or(&cut).len();
                let (mut x, mut at, mut last) = (rect.x, 0, base);
                for (piece, style) in &spans {
                    if at >= keep {
                        break;
                    }
                    let shown = &piece[..(keep - at).min(piece.len())];
                    x += put_str(buf, x, y, left_max - (x - rect.x), shown, *style, amb);
                    at += piece.len();
                    last = *style;
                }
                if keep < cut.len() {
                    put_str(buf, x, y, left_max - (x - rect.x), "…", last, amb);
                }
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
        empty_note(
            buf,
            rect.x,
            rect.y + 1,
            rect.width,
            "no article selected",
            app,
        );
        return;
    };
    let issue = app.current_issue().expect("an article implies an issue");
    let lines = app.reader_lines();
    // The article's place in the issue as printed, the same count as the
    // reader's `A1版 · 3/8` note (list rows fold repeats and may be filtered).
    let (place, count) = issue
        .articles()
        .enumerate()
        .fold((0, 0), |(place, n), (i, a)| {
            (
                if std::ptr::eq(a, article) {
                    i + 1
                } else {
                    place
                },
                n + 1,
            )
        });
    let position = format!("{place}/{count} · {}% ", app.scroll_percent());
    let page = issue
        .pages
        .iter()
        .find(|p| p.articles.iter().any(|a| a.id == article.id))
        .map(|p| p.label.as_str())
        .unwrap_or("");
    title_bar(
        buf,
        Rect { height: 1, ..rect },
        &format!(" {} {page}版", issue_date(app, issue)),
        &position,
        focused,
        app,
    );
    let (x, width) = app.reader_column().expect("reader shown");
    let matches = app.current_matches();
    for (n, line) in lines
        .iter()
        .skip(app.scroll)
        .take(app.reader_rows())
        .enumerate()
    {
        let y = rect.y + 1 + n as u16;
        let style = line_style(line.kind, app);
        let marks = matches.map(|m| match_ranges(line, m)).unwrap_or_default();
        if marks.is_empty() {
            put_str(buf, x, y, width, &line.text, style, amb);
            continue;
        }
        // Split the line at the matches; the current match stands out more.
        let theme = &app.settings.theme;
        let mut spans: Vec<(&str, Style)> = Vec::new();
        let mut at = 0;
        for (range, current) in marks {
            if range.start < at {
                continue; // overlapping terms: the first one shown wins
            }
            spans.push((&line.text[at..range.start], style));
            let hl = if current {
                style
                    .patch(theme.matched)
                    .add_modifier(ratatui::style::Modifier::REVERSED)
            } else {
                style.patch(theme.matched)
            };
            spans.push((&line.text[range.clone()], hl));
            at = range.end;
        }
        spans.push((&line.text[at..], style));
        put_spans(buf, x, y, width, &spans, amb);
    }
}

/// Byte ranges of `line.text` covered by search matches, with whether each
/// is the current match.
pub fn match_ranges(
    line: &crate::reading::ReadLine,
    m: &super::overlay::ArticleMatches,
) -> Vec<(std::ops::Range<usize>, bool)> {
    let Some((block, offset)) = line.source else {
        return Vec::new();
    };
    if !matches!(line.kind, LineKind::Body | LineKind::Subhead) {
        return Vec::new();
    }
    let len = line.text.len() - line.indent;
    let mut out = Vec::new();
    for (i, hit) in m.matches.iter().enumerate() {
        if hit.block != block {
            continue;
        }
        let start = hit.range.start.max(offset);
        let end = hit.range.end.min(offset + len);
        if start < end {
            let a = line.indent + start - offset;
            let b = line.indent + end - offset;
            if line.text.is_char_boundary(a) && line.text.is_char_boundary(b) {
                out.push((a..b, i == m.current));
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// `1 issue`, `4 issues`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn draw_status(buf: &mut Buffer, rect: Rect, app: &App) {
    let amb = app.settings.amb;
    let style = app.settings.theme.status;
    fill(buf, rect.x, rect.y, rect.width, style);
    let left = match &app.status {
        Some(msg) => format!(" {msg}"),
        None => format!(
            " {} · {} · {}",
            app.archive.root,
            count(app.archive.issues.len(), "issue"),
            count(app.archive.article_count(), "article")
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

fn draw_help(buf: &mut Buffer, area: Rect, app: &App) {
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

/// Writes `text` with the characters at `positions` (char indices) in `hl`.
#[allow(clippy::too_many_arguments)]
fn put_highlighted(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    text: &str,
    positions: &[usize],
    base: Style,
    hl: Style,
    amb: AmbiguousWidth,
) {
    let cut = truncate(text, max as usize, amb);
    let mut col = 0;
    for (i, c) in cut.chars().enumerate() {
        let style = if positions.binary_search(&i).is_ok() && c != '…' {
            base.patch(hl)
        } else {
            base
        };
        let mut s = [0u8; 4];
        col += put_str(
            buf,
            x + col,
            y,
            max - col,
            c.encode_utf8(&mut s),
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
            let (x, y, w) = editor_box(app);
            let col = e.input.cursor_column(amb) as u16;
            Some((x + 2 + col.min(w.saturating_sub(5)), y + 2))
        }
        _ => None,
    }
}

pub(super) fn draw_overlay(buf: &mut Buffer, app: &App) {
    match &app.overlay {
        Some(Overlay::Filter(f)) => draw_filter(buf, app, f),
        Some(Overlay::Search(s)) => draw_search(buf, app, s),
        Some(Overlay::Bookmarks(b)) => draw_bookmarks(buf, app, b),
        Some(Overlay::Editor(e)) => draw_editor(buf, app, e),
        None => {}
    }
}

/// Title bar and query line of a full-body overlay; returns the list area.
fn query_panel(buf: &mut Buffer, app: &App, title: &str, right: &str, input: &LineInput) -> Rect {
    let theme = &app.settings.theme;
    let amb = app.settings.amb;
    let body = body_area(app);
    for y in body.y..body.y + body.height {
        fill(buf, body.x, y, body.width, theme.text);
    }
    title_bar(buf, Rect { height: 1, ..body }, title, right, true, app);
    if body.height > 1 {
        put_str(buf, body.x, body.y + 1, 2, "> ", theme.subhead, amb);
        put_str(
            buf,
            body.x + 2,
            body.y + 1,
            body.width.saturating_sub(2),
            &input.text,
            theme.text,
            amb,
        );
    }
    Rect::new(
        body.x,
        body.y + 2,
        body.width,
        body.height.saturating_sub(2),
    )
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

fn place_of(app: &App, r: ArticleRef) -> (String, String) {
    match r.get(&app.archive) {
        Some((issue, _)) => (
            issue_date(app, issue),
            issue.pages[r.page as usize].label.clone(),
        ),
        None => (String::new(), String::new()),
    }
}

fn draw_filter(buf: &mut Buffer, app: &App, f: &FilterUi) {
    let theme = &app.settings.theme;
    let amb = app.settings.amb;
    let scope = match f.scope {
        Scope::All => "全部 all",
        Scope::Issue(_) => "本期 this issue",
    };
    // The hits come first; until every match is counted the count is a floor.
    let waiting = if f.answered != f.input.text || f.result.pending > 0 {
        " …"
    } else {
        ""
    };
    let at_least = if f.result.pending > 0 { "≥" } else { "" };
    let right = if app.indexing {
        // The query is kept and runs the moment the index arrives.
        format!(
            "索引中 indexing… · {}: {scope} ",
            typing_key(app, InputKey::Tab)
        )
    } else {
        format!(
            "{at_least}{} 条{waiting} · {}: {scope} ",
            f.result.total,
            typing_key(app, InputKey::Tab)
        )
    };
    let list = query_panel(buf, app, " / 标题筛选 filter headlines", &right, &f.input);
    let rows = list.height as usize;
    let offset = list_window(f.selected, f.offset, rows);
    for (n, hit) in f.result.hits.iter().enumerate().skip(offset).take(rows) {
        let y = list.y + (n - offset) as u16;
        let base = if n == f.selected {
            theme.selected
        } else {
            theme.text
        };
        fill(buf, list.x, y, list.width, base);
        let r = app.index.article(hit.entry);
        let (date, page) = place_of(app, r);
        let place = format!(" {date} {page:<3} ");
        let used = put_str(
            buf,
            list.x,
            y,
            list.width,
            &place,
            base.patch(theme.dim),
            amb,
        );
        // The index holds corrected titles (marked ✎, as in the lists); with
        // `o` the parsed one is shown, which the match positions do not index.
        let article = r.get(&app.archive).map(|(_, a)| a);
        let fixed =
            article.filter(|a| app.review_of(a).fresh().is_some_and(|e| e.corrects_title()));
        let shifted: Vec<usize>;
        let (text, positions) = match fixed {
            Some(a) if app.show_original => (
                std::borrow::Cow::Owned(crate::search::searchable_text(a).0),
                &[][..],
            ),
            Some(_) => {
                shifted = hit.positions.iter().map(|p| p + 2).collect();
                (
                    std::borrow::Cow::Owned(format!("✎ {}", app.index.text(hit.entry))),
                    &shifted[..],
                )
            }
            None => (
                std::borrow::Cow::Borrowed(app.index.text(hit.entry)),
                &hit.positions[..],
            ),
        };
        put_highlighted(
            buf,
            list.x + used,
            y,
            list.width.saturating_sub(used),
            &text,
            positions,
            base,
            theme.matched,
            amb,
        );
    }
    if f.result.hits.is_empty() && f.answered == f.input.text && !app.indexing && list.height > 0 {
        empty_note(buf, list.x, list.y, list.width, "no headline matches", app);
    }
}

fn draw_search(buf: &mut Buffer, app: &App, s: &SearchUi) {
    let theme = &app.settings.theme;
    let amb = app.settings.amb;
    let enter = typing_key(app, InputKey::Submit);
    let right = match (&s.answered, s.running) {
        (_, true) => "searching… ".to_string(),
        (Some(q), _) if *q == s.input.text => format!("{} 篇 · {enter}: open ", s.total),
        _ => format!("{enter}: search "),
    };
    let list = query_panel(buf, app, " s 全文搜索 search text", &right, &s.input);
    let rows = (list.height / 2) as usize;
    let offset = list_window(s.selected, s.offset, rows);
    for (n, hit) in s.hits.iter().enumerate().skip(offset).take(rows) {
        let y = list.y + 2 * (n - offset) as u16;
        let base = if n == s.selected {
            theme.selected
        } else {
            theme.text
        };
        fill(buf, list.x, y, list.width, base);
        let (date, page) = place_of(app, hit.article);
        let title = hit
            .article
            .get(&app.archive)
            .map(|(_, a)| app.shown_titles(a).1)
            .unwrap_or_default();
        let head = format!(" {date} {page:<3} {title}");
        put_str(
            buf,
            list.x,
            y,
            list.width,
            &truncate(&head, list.width as usize, amb),
            base,
            amb,
        );
        put_str(
            buf,
            list.x + 2,
            y + 1,
            list.width.saturating_sub(2),
            &truncate(&hit.snippet, list.width.saturating_sub(2) as usize, amb),
            theme.dim,
            amb,
        );
    }
    if s.hits.is_empty() && s.answered.as_deref() == Some(s.input.text.as_str()) && list.height > 0
    {
        empty_note(
            buf,
            list.x,
            list.y,
            list.width,
            "no article contains every term",
            app,
        );
    }
}

fn draw_bookmarks(buf: &mut Buffer, app: &App, b: &BookmarksUi) {
    let theme = &app.settings.theme;
    let amb = app.settings.amb;
    let body = body_area(app);
    for y in body.y..body.y + body.height {
        fill(buf, body.x, y, body.width, theme.text);
    }
    title_bar(
        buf,
        Rect { height: 1, ..body },
        " M 书签 bookmarks",
        &format!(
            "{}: open  {}: back ",
            typing_key(app, InputKey::Submit),
            typing_key(app, InputKey::Cancel)
        ),
        true,
        app,
    );
    let rows = body.height.saturating_sub(1) as usize;
    let offset = list_window(b.selected, b.offset, rows);
    for (n, id) in b.ids.iter().enumerate().skip(offset).take(rows) {
        let y = body.y + 1 + (n - offset) as u16;
        let base = if n == b.selected {
            theme.selected
        } else {
            theme.text
        };
        fill(buf, body.x, y, body.width, base);
        let line = match app.archive.article(id) {
            Some((_, a)) => format!(" {id}  {}", app.shown_titles(a).1),
            None => format!(" {id}  (no longer in this archive)"),
        };
        put_str(
            buf,
            body.x,
            y,
            body.width,
            &truncate(&line, body.width as usize, amb),
            base,
            amb,
        );
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

/// The editor box: (x, y, width), four rows high, near the bottom.
fn editor_box(app: &App) -> (u16, u16, u16) {
    let body = body_area(app);
    let width = body.width.min(72);
    let x = body.x + (body.width - width) / 2;
    let y = body.y + body.height.saturating_sub(4);
    (x, y, width)
}

/// The user's first key for a typing key, for the overlays' hints.
fn typing_key(app: &App, key: InputKey) -> String {
    app.keymap
        .key_label(&Action::Input(key))
        .unwrap_or_else(|| "-".into())
}

fn draw_editor(buf: &mut Buffer, app: &App, e: &EditorUi) {
    let theme = &app.settings.theme;
    let amb = app.settings.amb;
    let (x, y, width) = editor_box(app);
    let inner = width.saturating_sub(2);
    draw_box(buf, Rect::new(x, y, width, 4), app);
    let prompt = format!(
        "{} · {}: save  {}: cancel",
        e.prompt(&typing_key(app, InputKey::Tab)),
        typing_key(app, InputKey::Submit),
        typing_key(app, InputKey::Cancel)
    );
    put_str(
        buf,
        x + 2,
        y + 1,
        inner.saturating_sub(2),
        &truncate(&prompt, inner.saturating_sub(2) as usize, amb),
        theme.subhead,
        amb,
    );
    // Long text scrolls so the cursor stays in the box.
    let room = inner.saturating_sub(3) as usize;
    let before = e.input.cursor_column(amb);
    let text = if before > room {
        let mut skip = before - room;
        let mut start = 0;
        for (i, c) in e.input.text.char_indices() {
            if skip == 0 {
                start = i;
                break;
            }
            skip = skip.saturating_sub(crate::layout::char_width(c, amb));
            start = i + c.len_utf8();
        }
        &e.input.text[start..]
    } else {
        e.input.text.as_str()
    };
    put_str(buf, x + 2, y + 2, room as u16 + 1, text, theme.text, amb);
}
