//! The reading keys a less or newsboat user reaches for: less's paging
//! keys, page (版) by page, the next unread article, and jump notes
//! followed and come back from. Driven through `update()`, no terminal.

mod common;

use common::update;
use kanbao::key::Key;
use kanbao::loader::{LoadOptions, load_texts};
use kanbao::tui::geometry::Pane;
use kanbao::tui::{Action, App, Context, Keymap, Settings};
use ratatui::layout::Rect;

/// One issue of three pages: A1's first article goes on on A2.
fn archive_app(w: u16, h: u16) -> App {
    let body = "正文说了很多很多的话。".repeat(80);
    let a1 = format!(
        "头版标题\n\n本报讯 3月1日，{body}\n\n下转A2版\n\n第二条新闻\n\n本报讯 第二条的正文。\n"
    );
    let a2 = "上接A1版\n\n头版标题续\n\n接着把话说完。\n\n二版新闻\n\n本报讯 二版的正文。\n";
    let a3 = "三版新闻\n\n本报讯 三版的正文。\n";
    let side = b"(date: \"2021-03-02\")".as_slice();
    let archive = load_texts(
        "t",
        &[
            ("d_A1.txt", a1.as_bytes()),
            ("d_A1.ron", side),
            ("d_A2.txt", a2.as_bytes()),
            ("d_A2.ron", side),
            ("d_A3.txt", a3.as_bytes()),
            ("d_A3.ron", side),
        ],
        &LoadOptions::default(),
    );
    App::new(archive, Settings::default(), Rect::new(0, 0, w, h))
}

fn apply(app: &mut App, actions: &[Action]) {
    for a in actions {
        let _ = update(app, a.clone());
    }
}

fn id(app: &App) -> String {
    app.current_article().unwrap().id.clone()
}

fn key(spec: &str) -> Key {
    spec.parse().unwrap()
}

#[test]
fn less_paging_keys_are_bound_where_free() {
    let k = Keymap::default();
    let panes = |s: &str| k.action(&key(s), Context::Panes);
    assert_eq!(panes("f"), Some(Action::PageDown));
    assert_eq!(panes("ctrl-f"), Some(Action::PageDown));
    assert_eq!(panes("ctrl-b"), Some(Action::PageUp));
    assert_eq!(panes("d"), Some(Action::HalfPageDown));
    assert_eq!(panes(")"), Some(Action::NextPage));
    assert_eq!(panes("("), Some(Action::PrevPage));
    assert_eq!(panes("U"), Some(Action::NextUnread));
    assert_eq!(panes("backspace"), Some(Action::JumpBack));
    // `u` is left for the review's undo.
    assert_ne!(panes("u"), Some(Action::HalfPageUp));
}

#[test]
fn page_keys_go_to_the_first_article_of_the_next_and_previous_page() {
    let mut a = archive_app(120, 40);
    apply(&mut a, &[Action::Open]);
    assert_eq!(id(&a), "2021-03-02/A1/1");
    apply(&mut a, &[Action::NextPage]);
    assert_eq!(id(&a), "2021-03-02/A2/1");
    assert_eq!(a.status.as_deref(), Some("A2版"));
    apply(&mut a, &[Action::Down, Action::NextPage]);
    assert_eq!(id(&a), "2021-03-02/A3/1");
    apply(&mut a, &[Action::NextPage]);
    assert_eq!(id(&a), "2021-03-02/A3/1", "stays on the last page");
    assert_eq!(a.status.as_deref(), Some("last page of the issue"));
    apply(&mut a, &[Action::PrevPage]);
    assert_eq!(id(&a), "2021-03-02/A2/1");
    // From the second article of a page: the start of the page before.
    apply(&mut a, &[Action::Down, Action::PrevPage]);
    assert_eq!(id(&a), "2021-03-02/A1/1");
    apply(&mut a, &[Action::PrevPage]);
    assert_eq!(a.status.as_deref(), Some("first page of the issue"));
}

#[test]
fn next_unread_skips_what_was_read_and_marks_what_it_opens() {
    let mut a = archive_app(120, 40);
    // Read A1/1 and A2/1 in the reader.
    apply(&mut a, &[Action::Open, Action::Open]);
    apply(&mut a, &[Action::FocusLeft, Action::NextPage, Action::Open]);
    assert!(a.read.contains("2021-03-02/A2/1"));
    apply(&mut a, &[Action::FocusLeft, Action::Top]);
    apply(&mut a, &[Action::NextUnread]);
    assert_eq!(id(&a), "2021-03-02/A1/2", "the first not read");
    assert_eq!(a.focus, Pane::Articles);
    assert!(
        !a.read.contains("2021-03-02/A1/2"),
        "listing is not reading"
    );
    apply(&mut a, &[Action::FocusRight, Action::NextUnread]);
    assert_eq!(id(&a), "2021-03-02/A2/2", "A2/1 was read: skipped");
    assert!(a.read.contains("2021-03-02/A2/2"), "opened in the reader");
    apply(&mut a, &[Action::NextUnread, Action::NextUnread]);
    assert_eq!(id(&a), "2021-03-02/A3/1");
    assert_eq!(
        a.status.as_deref(),
        Some("no unread article after this one")
    );
}

#[test]
fn enter_in_the_reader_follows_the_jump_note_and_backspace_returns() {
    let mut a = archive_app(80, 24);
    apply(&mut a, &[Action::Open, Action::Open, Action::Bottom]);
    assert_eq!(id(&a), "2021-03-02/A1/1");
    let scrolled = a.scroll;
    assert!(scrolled > 0, "a long article, read to its end");
    apply(&mut a, &[Action::Open]);
    assert_eq!(id(&a), "2021-03-02/A2/1", "下转A2版 followed");
    assert_eq!(a.focus, Pane::Reader);
    assert!(a.read.contains("2021-03-02/A2/1"));
    assert!(a.status.as_deref().unwrap().contains("Bksp: back"));
    // Its 上接 note leads back, as a second jump on the stack.
    apply(&mut a, &[Action::Open]);
    assert_eq!(id(&a), "2021-03-02/A1/1");
    assert_eq!(a.scroll, 0, "a followed jump opens at the top");
    apply(&mut a, &[Action::JumpBack]);
    assert_eq!(id(&a), "2021-03-02/A2/1");
    apply(&mut a, &[Action::JumpBack]);
    assert_eq!(id(&a), "2021-03-02/A1/1");
    assert_eq!(a.scroll, scrolled, "back where the jump was taken");
    apply(&mut a, &[Action::JumpBack]);
    assert_eq!(a.status.as_deref(), Some("no jump to go back from"));
    // An article with no jump note says so.
    apply(
        &mut a,
        &[
            Action::FocusLeft,
            Action::NextPage,
            Action::Down,
            Action::Open,
            Action::Open,
        ],
    );
    assert_eq!(id(&a), "2021-03-02/A2/2");
    assert_eq!(
        a.status.as_deref(),
        Some("no jump note (下转/上接) in this article")
    );
}

#[test]
fn q_closes_the_overlays_that_take_no_typing_and_quits_only_from_the_panes() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    let mut a = archive_app(120, 40);
    apply(&mut a, &[Action::ToggleHelp]);
    let act = kanbao::tui::action_for(&q, &a).unwrap();
    assert!(!common::quits(&update(&mut a, act)));
    assert!(!a.help, "q closed the help");
    apply(&mut a, &[Action::Open, Action::Bookmark, Action::Bookmarks]);
    assert!(a.overlay.is_some());
    let act = kanbao::tui::action_for(&q, &a).unwrap();
    assert!(!common::quits(&update(&mut a, act)));
    assert!(a.overlay.is_none(), "q closed the bookmark list");
    let act = kanbao::tui::action_for(&q, &a).unwrap();
    assert!(
        common::quits(&update(&mut a, act)),
        "and quits from the panes"
    );
}

#[test]
fn t_goes_to_the_issue_nearest_a_typed_day_month_or_year() {
    use kanbao::tui::InputKey;
    let mut a = App::new(
        kanbao::loader::load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, 120, 40),
    );
    let go = |a: &mut App, date: &str| {
        apply(a, &[Action::GoToDate, Action::Paste(date.into())]);
        apply(a, &[Action::Input(InputKey::Submit)]);
    };
    apply(&mut a, &[Action::Open, Action::Open]);
    go(&mut a, "2021-01-10");
    assert_eq!(a.current_issue().unwrap().id, "2021-01-10");
    assert_eq!(a.focus, Pane::Issues, "landed in the issue list");
    assert_eq!(a.status.as_deref(), Some("2021-01-10"));
    go(&mut a, "2020");
    assert_eq!(
        a.current_issue().unwrap().id,
        "2020-05-15",
        "the year's first"
    );
    go(&mut a, "2021-06");
    assert_eq!(a.current_issue().unwrap().id, "2021-01-10");
    assert_eq!(
        a.status.as_deref(),
        Some("2021-01-10: the nearest issue to 2021-06")
    );
    go(&mut a, "2030");
    assert_eq!(a.current_issue().unwrap().id, "2022-01-07");
    // Not a date: said, and the prompt stays open to correct it.
    go(&mut a, "1月");
    assert!(a.status.as_deref().unwrap().contains("not a date"));
    assert!(a.overlay.is_some());
    apply(&mut a, &[Action::Input(InputKey::Cancel)]);
    assert!(a.overlay.is_none());
}
