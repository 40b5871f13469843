//! The reader: the article laid out, search matches highlighted.

use super::*;

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

pub(super) fn render(buf: &mut Buffer, rect: Rect, app: &App) {
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
        .page_of(&article.id)
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
    m: &crate::tui::overlay::ArticleMatches,
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
