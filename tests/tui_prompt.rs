//! The query line edits like a shell's and remembers its queries: `C-u`,
//! `C-w`, `C-a`/`C-e`; `↑` on the first hit (or with none) goes to an
//! older query, `↓` with no hits to a newer one; `/` and `s` reopen with
//! the last query selected. The history is kept in the state file.

mod common;

use common::{settle, update};
use kanbao::key::Key;
use kanbao::loader::{LoadOptions, load_sample};
use kanbao::tui::overlay::Overlay;
use kanbao::tui::{Action, App, Context, InputKey, Keymap, Persist, Settings, restore_marks};
use ratatui::layout::Rect;

fn app() -> App {
    App::new(
        load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, 120, 40),
    )
}

fn persist(dir: &std::path::Path) -> Persist {
    Persist {
        archive_key: "sample".into(),
        state_path: Some(dir.join("state.ron")),
        review_path: dir.join("kanbao-review.ron"),
        team_review_path: None,
    }
}

fn query(a: &App) -> (String, bool) {
    match &a.overlay {
        Some(Overlay::Filter(f)) => (f.input.text.clone(), f.input.selected),
        Some(Overlay::Search(s)) => (s.input.text.clone(), s.input.selected),
        other => panic!("no query line: {other:?}"),
    }
}

fn filter_and_open(a: &mut App, q: &str) {
    update(a, Action::Filter);
    update(a, Action::Paste(q.into()));
    settle(a);
    update(a, Action::Input(InputKey::Submit));
    assert!(a.overlay.is_none(), "{q} found a headline");
}

#[test]
fn shell_keys_are_bound_in_the_query_line() {
    let k = Keymap::default();
    let line = |s: &str| k.action(&s.parse::<Key>().unwrap(), Context::Line);
    assert_eq!(line("ctrl-u"), Some(Action::Input(InputKey::KillToStart)));
    assert_eq!(line("ctrl-w"), Some(Action::Input(InputKey::KillWord)));
    assert_eq!(line("ctrl-a"), Some(Action::Input(InputKey::Home)));
    assert_eq!(line("ctrl-e"), Some(Action::Input(InputKey::End)));
    assert_eq!(line("left"), Some(Action::Input(InputKey::Left)));
    assert_eq!(line("ctrl-p"), Some(Action::Input(InputKey::Up)));
}

#[test]
fn the_filter_remembers_its_queries_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    restore_marks(&mut a, Some(persist(dir.path())));
    filter_and_open(&mut a, "政协");
    filter_and_open(&mut a, "加强针");
    // `/` again: the last query, selected, and its hits at once.
    update(&mut a, Action::Filter);
    assert_eq!(query(&a), ("加强针".into(), true));
    settle(&mut a);
    match &a.overlay {
        Some(Overlay::Filter(f)) => assert!(!f.result.hits.is_empty()),
        _ => unreachable!(),
    }
    // Typing replaces the selection; C-w and C-u edit as a shell does.
    update(&mut a, Action::Input(InputKey::Char('m')));
    assert_eq!(query(&a), ("m".into(), false));
    update(&mut a, Action::Paste("tf 跨省".into()));
    update(&mut a, Action::Input(InputKey::KillWord));
    assert_eq!(query(&a).0, "mtf ");
    update(&mut a, Action::Input(InputKey::KillToStart));
    assert_eq!(query(&a).0, "");
    // An empty line has no hits: ↑ walks back, ↓ forward, then the draft.
    settle(&mut a);
    update(&mut a, Action::Input(InputKey::Up));
    assert_eq!(query(&a).0, "加强针");
    update(&mut a, Action::Input(InputKey::Up));
    assert_eq!(query(&a).0, "政协");
    update(&mut a, Action::Input(InputKey::Up));
    assert_eq!(query(&a).0, "政协", "the oldest stays");
    // With hits, ↓ moves in the list, not the history.
    settle(&mut a);
    update(&mut a, Action::Input(InputKey::Down));
    match &a.overlay {
        Some(Overlay::Filter(f)) => {
            assert_eq!(f.input.text, "政协");
            assert_eq!(f.selected, 1.min(f.result.hits.len() - 1));
        }
        _ => unreachable!(),
    }
    update(&mut a, Action::Input(InputKey::Cancel));
    // A restart finds the history in the state file.
    let mut b = app();
    restore_marks(&mut b, Some(persist(dir.path())));
    assert_eq!(b.filter_history, ["政协", "加强针"]);
    update(&mut b, Action::Filter);
    assert_eq!(query(&b), ("加强针".into(), true));
}

#[test]
fn the_body_search_reopens_with_its_last_query() {
    let mut a = app();
    update(&mut a, Action::Search);
    assert_eq!(query(&a), (String::new(), false));
    update(&mut a, Action::Paste("株洲".into()));
    update(&mut a, Action::Input(InputKey::Submit));
    settle(&mut a);
    update(&mut a, Action::Input(InputKey::Cancel));
    update(&mut a, Action::Search);
    assert_eq!(query(&a), ("株洲".into(), true));
    assert_eq!(a.search_history, ["株洲"]);
}
