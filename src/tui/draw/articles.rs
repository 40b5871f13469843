//! The article list of the selected issue, page by page.

use super::*;

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

pub(super) fn render(buf: &mut Buffer, rect: Rect, app: &App) {
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
                let base = row_style(app, selected, focused);
                let read = if app.read.contains(&a.id) {
                    crate::tui::legend::READ
                } else {
                    " "
                };
                let reporter = a
                    .byline
                    .reporters
                    .first()
                    .cloned()
                    .or_else(|| a.byline.agency.clone())
                    .unwrap_or_default();
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
                    (read.to_string(), base.patch(theme.dim)),
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
                let right =
                    (!reporter.is_empty()).then_some((reporter.as_str(), base.patch(theme.dim)));
                list_row(buf, rect, y, base, &spans, right, 0, 1, amb);
            }
        }
    }
}
