//! Rendered frames: every screen state at 120×40, 80×24, 60×20 and the
//! smallest supported 20×6 (and below it), with both ambiguous-width
//! settings. Review changes with `cargo insta review` (or INSTA_UPDATE).

use kanbao::layout::AmbiguousWidth;
use kanbao::loader::{LoadOptions, load_sample};
use kanbao::model::Archive;
mod common;

use common::{buffer, frame, row_text, settle, update};
use kanbao::tui::{Action, App, InputKey, Settings};
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (60, 20), (20, 6)];

fn app(w: u16, h: u16, amb: AmbiguousWidth) -> App {
    app_made_by(App::new, w, h, amb)
}

/// The sample archive's app as `make` makes it: `App::new`, or
/// `App::indexing` (before its headline index has been built).
fn app_made_by(
    make: fn(Archive, Settings, Rect) -> App,
    w: u16,
    h: u16,
    amb: AmbiguousWidth,
) -> App {
    let settings = Settings {
        amb,
        ..Settings::default()
    };
    make(
        load_sample(&LoadOptions::default()),
        settings,
        Rect::new(0, 0, w, h),
    )
}

/// The reader's text column, rows joined: what the eye reads.
fn reader_text(app: &App) -> String {
    let buf = buffer(app);
    let r = app.geometry().reader.unwrap();
    let (x, w) = app.reader_column().unwrap();
    (r.y + 1..r.y + r.height)
        .map(|y| row_text(&buf, y, x, x + w).trim_end().to_string())
        .collect()
}

/// The states a user meets, reached by keys.
fn states() -> Vec<(&'static str, Vec<Action>)> {
    vec![
        ("lists", vec![]),
        ("articles", vec![Action::Down, Action::Open, Action::Down]),
        // 2021-01-10, third article, scrolled a page
        (
            "reader",
            vec![
                Action::Down,
                Action::Open,
                Action::Down,
                Action::Down,
                Action::Open,
                Action::PageDown,
            ],
        ),
        ("help", vec![Action::ToggleHelp]),
        ("filter", type_filter("mtf")),
        // Typed before the headline index has been built (see `indexing`).
        ("filter_indexing", type_filter("mtf")),
    ]
}

/// `/` and then `query` typed into the filter.
fn type_filter(query: &str) -> Vec<Action> {
    std::iter::once(Action::Filter)
        .chain(query.chars().map(|c| Action::Input(InputKey::Char(c))))
        .collect()
}

/// States whose headline index is still being built when they are drawn.
fn indexing(state: &str) -> bool {
    state.ends_with("_indexing")
}

fn snapshot_all(amb: AmbiguousWidth, tag: &str) {
    for (w, h) in SIZES {
        for (state, actions) in states() {
            let make = if indexing(state) {
                App::indexing
            } else {
                App::new
            };
            let mut a = app_made_by(make, w, h, amb);
            for action in actions {
                update(&mut a, action);
                settle(&mut a);
            }
            let name = format!("{tag}_{w}x{h}_{state}");
            insta::assert_snapshot!(name, frame(&a));
        }
    }
}

#[test]
fn frames_narrow_ambiguous() {
    snapshot_all(AmbiguousWidth::Narrow, "amb1");
}

#[test]
fn frames_wide_ambiguous() {
    snapshot_all(AmbiguousWidth::Wide, "amb2");
}

#[test]
fn below_the_minimum_a_line_says_so() {
    for (w, h) in [(19, 6), (20, 5), (10, 3), (9, 1)] {
        let a = app(w, h, AmbiguousWidth::Narrow);
        let f = frame(&a);
        assert!(
            f.starts_with("too small") || f.starts_with("window too small"),
            "{w}x{h}:\n{f}"
        );
    }
    // even one cell draws something and does not panic
    assert_eq!(frame(&app(1, 1, AmbiguousWidth::Narrow)), "t\n");
}

#[test]
fn huge_terminals_render_without_panicking_and_centre_the_text() {
    let mut a = app(500, 200, AmbiguousWidth::Narrow);
    for action in [Action::Open, Action::Open] {
        update(&mut a, action);
    }
    let f = frame(&a);
    assert!(f.contains("我市完成加强针接种47万余剂次"));
    let (x, width) = a.reader_column().unwrap();
    assert_eq!(width, 76, "text stays at the readable width");
    let reader = a.geometry().reader.unwrap();
    assert!(x > reader.x + 50, "centred in the reader pane");
}

#[test]
fn every_sample_article_reads_to_the_end_at_80x24() {
    let mut a = app(80, 24, AmbiguousWidth::Narrow);
    update(&mut a, Action::Open);
    update(&mut a, Action::Open);
    let total = a.archive.article_count();
    let mut seen = 0;
    loop {
        seen += 1;
        let article = a.current_article().unwrap().clone();
        // Page down to the end and collect what was on screen.
        let mut screens = Vec::new();
        loop {
            screens.push(reader_text(&a));
            let before = a.scroll;
            update(&mut a, Action::PageDown);
            if a.scroll == before {
                break;
            }
        }
        assert_eq!(a.scroll_percent(), 100, "{}", article.id);
        for block in &article.body {
            if block.repeated {
                continue;
            }
            // Every paragraph's opening and closing characters were on screen
            // (a page down keeps one line, so any two adjacent lines share a screen).
            let text: String = block.text.split_whitespace().collect();
            let chars: Vec<char> = text.chars().collect();
            let head: String = chars.iter().take(6).collect();
            let tail: String = chars[chars.len().saturating_sub(6)..].iter().collect();
            for piece in [head, tail] {
                assert!(
                    screens
                        .iter()
                        .any(|s| s.split_whitespace().collect::<String>().contains(&piece)),
                    "{}: {piece} never shown",
                    article.id
                );
            }
        }
        let before = a.current_article().unwrap().id.clone();
        update(&mut a, Action::NextArticle);
        if a.current_article().unwrap().id == before {
            break;
        }
    }
    assert_eq!(seen, total);
}
