//! `update()` as the user drives it: selection, focus, scroll bounds, and
//! moving between articles across pages and issues. No terminal involved.

mod common;

use common::update;
use kanbao::loader::{LoadOptions, load_sample, load_texts};
use kanbao::tui::geometry::Pane;
use kanbao::tui::{Action, App, Settings};
use ratatui::layout::Rect;

fn app(w: u16, h: u16) -> App {
    App::new(
        load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, w, h),
    )
}

/// Opens the longest sample article, 2020-11-28/A1/3, in the reader.
fn open_longest_article(app: &mut App) {
    apply(
        app,
        &[
            Action::Down,
            Action::Down,
            Action::Open,
            Action::Down,
            Action::Down,
            Action::Open,
        ],
    );
}

/// Applies the actions in turn; returns the effects they asked for.
fn apply(app: &mut App, actions: &[Action]) -> Vec<kanbao::tui::Effect> {
    let mut effects = Vec::new();
    for a in actions {
        effects.extend(update(app, a.clone()));
    }
    effects
}

#[test]
fn starts_on_the_newest_issue_in_the_issue_list() {
    let a = app(120, 40);
    assert_eq!(a.focus, Pane::Issues);
    assert_eq!(a.current_issue().unwrap().id, "2022-01-07");
    assert_eq!(a.current_article().unwrap().id, "2022-01-07/A1/1");
}

#[test]
fn enter_goes_in_and_esc_comes_back() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Down, Action::Open]);
    assert_eq!(a.focus, Pane::Articles);
    assert_eq!(a.current_issue().unwrap().id, "2021-01-10");
    apply(&mut a, &[Action::Down, Action::Down, Action::Open]);
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(a.current_article().unwrap().id, "2021-01-10/A1/3");
    assert!(a.read.contains("2021-01-10/A1/3"), "opening marks read");
    let mut effects = apply(&mut a, &[Action::Back]);
    assert_eq!(a.focus, Pane::Articles);
    effects.extend(apply(&mut a, &[Action::Back, Action::Back]));
    assert_eq!(a.focus, Pane::Issues);
    assert!(!common::quits(&effects), "Esc never quits");
}

#[test]
fn selection_stays_in_bounds() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Up, Action::Up]);
    assert_eq!(a.issue, 0);
    apply(&mut a, &[Action::Bottom]);
    assert_eq!(a.issue, 3);
    apply(&mut a, &[Action::Down, Action::PageDown]);
    assert_eq!(a.issue, 3);
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.issue, 0);
    apply(&mut a, &[Action::FocusRight, Action::Bottom]);
    assert_eq!(a.article, a.current_rows().len() - 1);
    apply(
        &mut a,
        &[Action::HalfPageUp, Action::HalfPageUp, Action::HalfPageUp],
    );
    assert_eq!(a.article, 0);
}

#[test]
fn reader_scroll_is_bounded_and_pages() {
    let mut a = app(80, 24);
    // the longest sample article: 2020-11-28/A1/3 (政协 40周年)
    open_longest_article(&mut a);
    assert_eq!(a.current_article().unwrap().id, "2020-11-28/A1/3");
    let rows = a.reader_rows();
    let total = a.reader_lines().len();
    assert!(total > rows * 2, "long enough to page: {total} lines");
    apply(&mut a, &[Action::PageDown]);
    assert_eq!(a.scroll, rows - 1);
    apply(&mut a, &[Action::HalfPageDown]);
    assert_eq!(a.scroll, rows - 1 + rows / 2);
    apply(&mut a, &[Action::Bottom]);
    assert_eq!(a.scroll, total - rows);
    assert_eq!(a.scroll_percent(), 100);
    apply(&mut a, &[Action::Down, Action::PageDown]);
    assert_eq!(a.scroll, total - rows, "never past the end");
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.scroll, 0);
    apply(&mut a, &[Action::Up]);
    assert_eq!(a.scroll, 0);
}

#[test]
fn next_and_previous_article_cross_issues() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Open, Action::Bottom, Action::Open]);
    assert_eq!(a.current_article().unwrap().id, "2022-01-07/A1/8");
    apply(&mut a, &[Action::NextArticle]);
    assert_eq!(a.current_article().unwrap().id, "2021-01-10/A1/1");
    assert_eq!(a.scroll, 0);
    assert!(a.read.contains("2021-01-10/A1/1"), "reading on marks read");
    apply(&mut a, &[Action::PrevArticle]);
    assert_eq!(a.current_article().unwrap().id, "2022-01-07/A1/8");
    apply(&mut a, &[Action::NextIssue, Action::NextIssue]);
    assert_eq!(a.current_issue().unwrap().id, "2020-11-28");
    apply(&mut a, &[Action::PrevIssue]);
    assert_eq!(a.current_issue().unwrap().id, "2021-01-10");
    // the very end of the archive says so and stays
    apply(
        &mut a,
        &[
            Action::NextIssue,
            Action::NextIssue,
            Action::FocusLeft,
            Action::Bottom,
            Action::NextArticle,
        ],
    );
    assert_eq!(a.current_issue().unwrap().id, "2020-05-15");
    assert_eq!(a.article, a.current_rows().len() - 1);
    assert!(a.status.as_deref().unwrap().contains("last article"));
}

#[test]
fn next_article_crosses_pages_within_an_issue() {
    let page = |title: &str| format!("{title}\n\n株洲日报讯 3月1日，正文。\n");
    let (a1, a2) = (page("甲版标题"), page("乙版标题"));
    let ron1 = "(date: \"2021-03-02\", page: \"A1\")";
    let ron2 = "(date: \"2021-03-02\", page: \"A2\")";
    let archive = load_texts(
        "t",
        &[
            ("x/a1.txt", a1.as_bytes()),
            ("x/a1.ron", ron1.as_bytes()),
            ("x/a2.txt", a2.as_bytes()),
            ("x/a2.ron", ron2.as_bytes()),
        ],
        &LoadOptions::default(),
    );
    assert_eq!(archive.issues.len(), 1);
    let mut a = App::new(archive, Settings::default(), Rect::new(0, 0, 120, 40));
    apply(&mut a, &[Action::Open, Action::Open]);
    assert_eq!(a.current_article().unwrap().id, "2021-03-02/A1/1");
    apply(&mut a, &[Action::NextArticle]);
    assert_eq!(a.current_article().unwrap().id, "2021-03-02/A2/1");
}

#[test]
fn printed_twice_is_folded_under_its_original() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Down, Action::Down]);
    let rows = a.current_rows().to_vec();
    let ids: Vec<String> = (0..rows.len())
        .map(|i| a.article_at(a.issue, i).unwrap().id.clone())
        .collect();
    let original = ids.iter().position(|id| id == "2020-11-28/A1/5").unwrap();
    assert_eq!(ids[original + 1], "2020-11-28/A1/7");
    assert!(rows[original + 1].folded);
}

#[test]
fn narrow_screens_show_one_pane_and_medium_folds_the_issues() {
    let mut a = app(60, 20);
    assert!(a.geometry().issues.is_some() && a.geometry().reader.is_none());
    apply(&mut a, &[Action::Open]);
    assert!(a.geometry().articles.is_some() && a.geometry().issues.is_none());
    apply(&mut a, &[Action::Open]);
    assert!(a.geometry().reader.is_some() && a.geometry().articles.is_none());
    let mut a = app(80, 24);
    apply(&mut a, &[Action::Open]);
    let g = a.geometry();
    assert!(g.issues.is_none() && g.issue_header.is_some() && g.reader.is_some());
    apply(&mut a, &[Action::ToggleIssues]);
    assert!(a.geometry().issues.is_some());
}

#[test]
fn resize_relays_out_and_keeps_scroll_in_bounds() {
    let mut a = app(120, 40);
    open_longest_article(&mut a);
    apply(&mut a, &[Action::Bottom]);
    let wide_total = a.reader_lines().len();
    // 40 columns: one pane, a 38-column text column instead of 50
    apply(&mut a, &[Action::Resize(40, 20)]);
    assert!(
        a.reader_lines().len() > wide_total,
        "narrower column, more lines"
    );
    assert!(a.scroll <= a.max_scroll());
    apply(
        &mut a,
        &[Action::Resize(10, 3), Action::Down, Action::Resize(200, 60)],
    );
    assert!(a.scroll <= a.max_scroll());
}

#[test]
fn mouse_wheel_and_click() {
    let mut a = app(120, 40);
    let g = a.geometry();
    let articles = g.articles.unwrap();
    // click the third article row (row 0 is the title bar, row 1 the page heading)
    update(
        &mut a,
        Action::Click {
            x: articles.x + 3,
            y: articles.y + 4,
        },
    );
    assert_eq!(a.focus, Pane::Articles);
    assert_eq!(a.article, 2);
    let reader = g.reader.unwrap();
    update(
        &mut a,
        Action::Scroll {
            x: reader.x + 5,
            y: reader.y + 5,
            down: true,
        },
    );
    assert!(a.scroll > 0 || a.max_scroll() == 0);
    let issues = g.issues.unwrap();
    update(
        &mut a,
        Action::Scroll {
            x: issues.x + 1,
            y: issues.y + 2,
            down: true,
        },
    );
    assert_eq!(a.issue, 3);
}

#[test]
fn help_opens_and_a_key_closes_it() {
    let mut a = app(80, 24);
    apply(&mut a, &[Action::ToggleHelp]);
    assert!(a.help);
    apply(&mut a, &[Action::NextIssue]);
    assert!(!a.help);
    assert_eq!(a.issue, 0, "the closing key does nothing else");
    let effects = apply(&mut a, &[Action::ToggleHelp, Action::Quit]);
    assert!(common::quits(&effects));
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut a = app(80, 24);
    apply(&mut a, &[Action::ToggleHelp, Action::Down, Action::Down]);
    assert!(a.help);
    assert_eq!(a.help_scroll, 2);
    apply(&mut a, &[Action::Bottom]);
    // The keys, then the legend of the marks.
    assert_eq!(a.help_scroll, a.keymap_help().len() - 1);
    apply(&mut a, &[Action::Back]);
    assert!(!a.help);
}

#[test]
fn a_window_that_grows_shows_the_top_of_the_lists_again() {
    let mut a = app(80, 24);
    apply(&mut a, &[Action::Down, Action::Open]);
    for _ in 0..5 {
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::Resize(80, 6));
    apply(&mut a, &[Action::Down, Action::Down, Action::Down]);
    assert!(a.article_offset > 0, "a short window scrolls the list");
    update(&mut a, Action::Resize(80, 24));
    assert_eq!(a.article_offset, 0, "the whole list fits again");
}

#[test]
fn a_restored_place_fits_a_taller_window() {
    let mut small = app(80, 24);
    apply(
        &mut small,
        &[
            Action::Down,
            Action::Open,
            Action::Down,
            Action::Down,
            Action::Open,
            Action::Bottom,
        ],
    );
    let pos = small.position().unwrap();
    assert!(pos.scroll > 0);
    let mut big = app(120, 60);
    big.restore_position(&pos);
    assert_eq!(big.current_article().unwrap().id, "2021-01-10/A1/3");
    assert_eq!(
        big.scroll,
        big.max_scroll(),
        "no blank screen below the end"
    );
}

#[test]
fn i_hides_and_shows_the_issue_list_on_a_wide_screen() {
    let mut a = app(140, 40);
    update(&mut a, Action::Open);
    assert!(a.geometry().issues.is_some());
    let narrow_reader = a.geometry().reader.unwrap().width;
    update(&mut a, Action::ToggleIssues);
    assert!(a.geometry().issues.is_none(), "hidden");
    assert_eq!(a.focus, Pane::Articles);
    assert!(
        a.geometry().reader.unwrap().width > narrow_reader,
        "the reader gets its columns"
    );
    let screen = common::frame(&a);
    assert!(!screen.contains("期 Issues"), "{screen}");
    update(&mut a, Action::ToggleIssues);
    assert!(a.geometry().issues.is_some(), "shown again");
    assert_eq!(a.focus, Pane::Issues);
}

#[test]
fn hints_follow_rebound_keys_and_any_unbound_key_closes_the_help() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use kanbao::tui::{Keymap, action_for};
    let mut a = app(80, 24);
    let keys = [("quit".to_string(), vec!["x".parse().unwrap()])].into();
    a.keymap = Keymap::from_config(&keys).0;
    let screen = common::frame(&a);
    let status = screen.lines().last().unwrap();
    assert!(status.contains("x quit"), "{status}");
    update(&mut a, Action::ToggleHelp);
    assert!(a.help);
    let z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE));
    let action = action_for(&z, &a).expect("an unbound key still acts on the help");
    update(&mut a, action);
    assert!(!a.help, "z closed the help");
    // The quit key closes the help, as in less; Ctrl-c still quits.
    update(&mut a, Action::ToggleHelp);
    let x = Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
    assert_eq!(action_for(&x, &a), Some(Action::Back));
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(action_for(&ctrl_c, &a), Some(Action::Quit));
}

#[test]
fn the_title_bar_and_the_page_note_count_the_same_way() {
    // 2020-11-28 prints an article twice: the list folds the copy under its
    // original, so list rows and the issue's order differ.
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Down, Action::Down, Action::Open]);
    assert_eq!(a.current_issue().unwrap().id, "2020-11-28");
    update(&mut a, Action::Open);
    for _ in 0..8 {
        let screen = common::frame(&a);
        let id = a.current_article().unwrap().id.clone();
        let n: usize = id.rsplit('/').next().unwrap().parse().unwrap();
        assert!(screen.contains(&format!("{n}/8 · ")), "{id}:\n{screen}");
        assert!(screen.contains(&format!("A1版 · {n}/8")), "{id}:\n{screen}");
        update(&mut a, Action::NextArticle);
    }
}

#[test]
fn issues_of_the_same_day_can_be_told_apart() {
    let page = "标题\n\n株洲日报讯 3月1日，正文。\n".as_bytes();
    let side = "(date: \"2021-03-02\", paper: \"株洲日报\")".as_bytes();
    let archive = load_texts(
        "two",
        &[
            ("morning.txt", page),
            ("morning.ron", side),
            ("evening.txt", page),
            ("evening.ron", side),
        ],
        &LoadOptions::default(),
    );
    let ids: Vec<String> = archive.issues.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    let a = App::new(archive, Settings::default(), Rect::new(0, 0, 120, 30));
    let screen = common::frame(&a);
    for id in &ids {
        assert!(screen.contains(id.as_str()), "{id} shown:\n{screen}");
    }
    assert!(screen.contains("2 issues · 2 articles"), "{screen}");
}

#[test]
fn the_reader_keeps_its_place_in_the_text_across_widths() {
    // 2020-11-28's third article is long: page into its body at 80×24.
    let mut a = app(80, 24);
    open_longest_article(&mut a);
    apply(&mut a, &[Action::PageDown, Action::PageDown]);
    let anchor = a.text_anchor().expect("in the body");
    // The first two lines on screen, and everything on screen.
    let top = |a: &App| -> String {
        a.reader_lines()[a.scroll..]
            .iter()
            .take(2)
            .map(|l| l.text.trim_start_matches('　').to_string())
            .collect()
    };
    let shown = |a: &App| -> String {
        a.reader_lines()[a.scroll..]
            .iter()
            .take(a.reader_rows())
            .map(|l| l.text.trim_start_matches('　').to_string())
            .collect()
    };
    let piece: String = top(&a).chars().take(6).collect();
    for (w, h) in [(120, 40), (200, 60), (60, 20), (80, 24)] {
        update(&mut a, Action::Resize(w, h));
        // At the top, unless the rest of the article fits below it.
        let visible = if a.scroll < a.max_scroll() {
            top(&a)
        } else {
            shown(&a)
        };
        assert!(
            visible.contains(&piece),
            "{piece:?} kept in view at {w}×{h}: {visible:?}"
        );
    }
    assert_eq!(a.text_anchor().map(|(b, _)| b), Some(anchor.0));
    // and a saved place comes back at another width
    let pos = a.position().unwrap();
    let mut b = app(130, 45);
    b.restore_position(&pos);
    assert!(
        shown(&b).contains(&piece),
        "{piece:?} after a restart at 130×45"
    );
}

#[test]
fn the_query_line_and_bookmark_list_keys_come_from_the_keymap() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use kanbao::tui::{InputKey, Keymap, action_for};
    let mut a = app(80, 24);
    let mut keys = kanbao::config::Config::default().keys;
    keys.insert("cancel".to_string(), vec!["ctrl-g".parse().unwrap()]);
    let (keymap, problems) = Keymap::from_config(&keys);
    assert!(problems.is_empty(), "{problems:?}");
    a.keymap = keymap;
    update(&mut a, Action::Filter);
    let press = |code, mods| Event::Key(KeyEvent::new(code, mods));
    assert_eq!(
        action_for(&press(KeyCode::Char('g'), KeyModifiers::CONTROL), &a),
        Some(Action::Input(InputKey::Cancel)),
        "a rebound typing key"
    );
    assert_eq!(
        action_for(&press(KeyCode::Esc, KeyModifiers::NONE), &a),
        None,
        "Esc no longer cancels"
    );
    assert_eq!(
        action_for(&press(KeyCode::Char('q'), KeyModifiers::NONE), &a),
        Some(Action::Input(InputKey::Char('q'))),
        "typed in the query line"
    );
    let help: Vec<_> = a.keymap.help_lines();
    assert!(
        help.iter()
            .any(|(k, h)| k == "C-g" && h.starts_with("typing: close")),
        "and the help shows it"
    );
}

#[test]
fn quitting_from_a_list_reopens_on_that_list() {
    use kanbao::tui::geometry::Pane;
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut a = app(w, h);
        open_longest_article(&mut a);
        apply(&mut a, &[Action::FocusLeft, Action::FocusLeft]);
        assert_eq!(a.focus, Pane::Issues, "{w}×{h}");
        let pos = a.position().unwrap();
        let mut b = app(w, h);
        b.restore_position(&pos);
        assert_eq!(
            b.focus,
            Pane::Issues,
            "reopened on the issue list at {w}×{h}"
        );
        // From the reader, the reader; a place saved before this was kept
        // (no pane) opens the reader as it did.
        let mut a = app(w, h);
        open_longest_article(&mut a);
        let pos = a.position().unwrap();
        let mut b = app(w, h);
        b.restore_position(&pos);
        assert_eq!(b.focus, Pane::Reader);
        let mut b = app(w, h);
        b.restore_position(&kanbao::state::Position { pane: None, ..pos });
        assert_eq!(b.focus, Pane::Reader);
    }
}
