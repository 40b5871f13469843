//! What opens over the panes: the filter, the body search, the bookmark
//! list and the one-line editors.

use super::*;
use crate::layout::char_width;

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
            input_style(app, input),
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

fn place_of(app: &App, r: ArticleRef) -> (String, String) {
    match app.article_ref(r) {
        Some((issue, _)) => (
            issue_date(app, issue),
            issue.pages[r.page as usize].label.clone(),
        ),
        None => (String::new(), String::new()),
    }
}

pub(super) fn render_filter(buf: &mut Buffer, app: &App, f: &FilterUi) {
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
        let base = row_style(app, n == f.selected, true);
        let r = app.index.article(hit.entry);
        let (date, page) = place_of(app, r);
        // Where a headline is printed, when it leaves the headline room to
        // be read: on a narrow screen (20 columns) the place alone would
        // fill the row.
        let mut place = format!(" {date} {page:<3} ");
        if (str_width(&place, amb) + MIN_HEADLINE_COLUMNS + 1) as u16 > list.width {
            place = " ".into();
        }
        let used = str_width(&place, amb) as u16;
        // The index holds corrected titles (marked ✎, as in the lists); with
        // `o` the parsed one is shown, which the match positions do not index.
        let article = app.article_ref(r).map(|(_, a)| a);
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
        // As in every list, the last column stays blank.
        let room = list.width.saturating_sub(used + 1);
        let (text, positions) = scroll_to_match(&text, positions, room as usize, amb);
        let mut pieces = vec![(place, base.patch(theme.dim))];
        pieces.extend(matched_runs(
            &text,
            &positions,
            base,
            base.patch(theme.matched),
        ));
        list_row(buf, list, y, base, &pieces, None, 0, 0, amb);
    }
    if f.result.hits.is_empty() && f.answered == f.input.text && !app.indexing && list.height > 0 {
        // A query that cannot match says why (`!` alone: "needs a term").
        let why = crate::search::query_error(&f.input.text).map(|e| e.to_string());
        let note = why.as_deref().unwrap_or("no headline matches");
        empty_note(buf, list.x, list.y, list.width, note, app);
    }
}

/// The filter's rows show where a headline is printed only when this many
/// columns are left for the headline itself.
const MIN_HEADLINE_COLUMNS: usize = 12;

/// `text` cut into runs of matched (the characters at `positions`) and
/// unmatched characters, each with its style.
fn matched_runs(text: &str, positions: &[usize], base: Style, hit: Style) -> Vec<(String, Style)> {
    let mut runs: Vec<(String, Style)> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let style = if positions.binary_search(&i).is_ok() && c != '…' {
            hit
        } else {
            base
        };
        match runs.last_mut() {
            Some((run, s)) if *s == style => run.push(c),
            _ => runs.push((c.to_string(), style)),
        }
    }
    runs
}

/// A filter row's text as shown in `width` columns: when its last matched
/// character lies past the right edge, the row is scrolled (its start
/// replaced by `…`) so that the match shows, as fzf does, with a character
/// of what follows where there is room; positions move with it.
fn scroll_to_match<'t>(
    text: &'t str,
    positions: &[usize],
    width: usize,
    amb: AmbiguousWidth,
) -> (std::borrow::Cow<'t, str>, Vec<usize>) {
    let unchanged = (std::borrow::Cow::Borrowed(text), positions.to_vec());
    let Some(&last) = positions.last() else {
        return unchanged;
    };
    let chars: Vec<char> = text.chars().collect();
    let wide = |range: std::ops::Range<usize>| -> usize {
        chars[range].iter().map(|&c| char_width(c, amb)).sum()
    };
    if last >= chars.len() || str_width(text, amb) <= width {
        return unchanged;
    }
    let ellipsis = char_width('…', amb);
    // The row is cut at the right with a `…` too: the match must end
    // before it.
    if wide(0..last + 1) + ellipsis <= width {
        return unchanged;
    }
    // Show one character after the match when there is one, and start as
    // early as that allows.
    let end = (last + 2).min(chars.len());
    let tail = if end < chars.len() { ellipsis } else { 0 };
    let Some(start) = (1..=last).find(|&start| ellipsis + wide(start..end) + tail <= width) else {
        return unchanged;
    };
    let shown: String = std::iter::once('…')
        .chain(chars[start..].iter().copied())
        .collect();
    let moved = positions
        .iter()
        .filter(|&&p| p >= start)
        .map(|&p| p - start + 1)
        .collect();
    (std::borrow::Cow::Owned(shown), moved)
}

pub(super) fn render_search(buf: &mut Buffer, app: &App, s: &SearchUi) {
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
        let base = row_style(app, n == s.selected, true);
        let (date, page) = place_of(app, hit.article);
        let title = app
            .article_ref(hit.article)
            .map(|(_, a)| app.shown_titles(a).1)
            .unwrap_or_default();
        list_row(
            buf,
            list,
            y,
            base,
            &[(format!(" {date} {page:<3} "), base), (title, base)],
            None,
            0,
            0,
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
        let why = crate::search::query_error(&s.input.text).map(|e| e.to_string());
        let note = why.as_deref().unwrap_or("no article contains every term");
        empty_note(buf, list.x, list.y, list.width, note, app);
    }
}

pub(super) fn render_bookmarks(buf: &mut Buffer, app: &App, b: &BookmarksUi) {
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
        let base = row_style(app, n == b.selected, true);
        let title = match app.find_article(id) {
            Some((_, a)) => app.shown_titles(a).1,
            None => "(no longer in this archive)".into(),
        };
        let pieces = [(format!(" {id}  "), base), (title, base)];
        list_row(buf, body, y, base, &pieces, None, 0, 0, amb);
    }
}

/// The editor box: (x, y, width), four rows high, near the bottom.
pub(super) fn editor_box(app: &App) -> (u16, u16, u16) {
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

pub(super) fn render_editor(buf: &mut Buffer, app: &App, e: &EditorUi) {
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
    let style = input_style(app, &e.input);
    put_str(buf, x + 2, y + 2, room as u16 + 1, text, style, amb);
}

/// A query offered again is shown selected (reversed): typing replaces it.
fn input_style(app: &App, input: &LineInput) -> Style {
    let text = app.settings.theme.text;
    if input.selected {
        text.add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_past_the_right_edge_scrolls_into_view() {
        let amb = AmbiguousWidth::Narrow;
        // 20 characters, 40 columns; the match (山河) at 16–17.
        let text = "一二三四五六七八九十甲乙丙丁戊己山河庚辛";
        let (shown, at) = scroll_to_match(text, &[16, 17], 20, amb);
        assert!(shown.starts_with('…'), "{shown}");
        let cut = truncate(&shown, 20, amb);
        let kept: Vec<char> = cut.chars().collect();
        assert_eq!(
            at.iter().map(|&p| kept[p]).collect::<String>(),
            "山河",
            "{cut}"
        );
        // A match that fits is left where it is.
        let (shown, at) = scroll_to_match(text, &[1, 2], 20, amb);
        assert_eq!((shown.as_ref(), at.as_slice()), (text, &[1, 2][..]));
        // A row that fits is not touched.
        let (shown, _) = scroll_to_match("山河", &[0, 1], 20, amb);
        assert_eq!(shown, "山河");
    }
}
