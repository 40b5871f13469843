//! The source view: the page's original lines beside (or instead of) the
//! parsed article, with their numbers, roles and owners — by `update()`, in
//! frames at 120×40, 80×24 and 20×6, and from `kanbao show --source`.

mod common;

use common::source_fix::PAGE;
use common::{frame, update};
use kanbao::layout::AmbiguousWidth;
use kanbao::loader::{LoadOptions, load_path, load_sample};
use kanbao::model::Archive;
use kanbao::source_view::Role;
use kanbao::tui::panel::PanelKind;
use kanbao::tui::{Action, App, Settings};
use ratatui::layout::Rect;
use std::process::Command;

fn app_over(archive: Archive, w: u16, h: u16) -> App {
    let settings = Settings {
        amb: AmbiguousWidth::Narrow,
        ..Settings::default()
    };
    App::new(archive, settings, Rect::new(0, 0, w, h))
}

fn sample_app(w: u16, h: u16) -> App {
    app_over(load_sample(&LoadOptions::default()), w, h)
}

/// The invented page in a folder of its own, loaded as kanbao loads a path.
fn page_app(w: u16, h: u16) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.txt"), PAGE).unwrap();
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    (dir, app_over(archive, w, h))
}

fn apply(app: &mut App, actions: &[Action]) {
    for a in actions {
        let _ = update(app, a.clone());
    }
}

/// 2021-01-10, its second article, in the reader.
const SECOND_ARTICLE: [Action; 5] = [
    Action::Down,
    Action::Open,
    Action::Down,
    Action::Open,
    Action::Source,
];

#[test]
fn the_key_opens_the_page_with_the_article_marked_and_again_closes_it() {
    let mut a = sample_app(120, 40);
    apply(&mut a, &SECOND_ARTICLE);
    let article = a.current_article().unwrap().clone();
    assert_eq!(article.id, "2021-01-10/A1/2");
    let panel = a.source.as_ref().expect("the source view is open");
    assert_eq!(
        panel.kind,
        PanelKind::Source {
            article: article.id.clone()
        }
    );
    // Every line of the file, numbered from 1; the cursor on the headline.
    assert_eq!(panel.lines[0].number, Some(1));
    let headline = article.headline.as_ref().unwrap().lines.first;
    let at = &panel.lines[panel.cursor];
    assert_eq!(at.number, Some(headline));
    assert_eq!(at.role, Some(Role::Headline));
    assert!(at.current);
    // The neighbours' lines are there, not marked as this article's.
    assert!(panel.lines.iter().any(|l| l.owner == "A1/1" && !l.current));
    assert!(panel.lines.iter().any(|l| l.role == Some(Role::Masthead)));
    // Movement keys move the view's cursor, not the reader.
    let (scroll, cursor) = (a.scroll, panel.cursor);
    apply(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(panel_cursor(&a), cursor + 2);
    assert_eq!(a.scroll, scroll);
    apply(&mut a, &[Action::Source]);
    assert!(a.source.is_none());
    apply(&mut a, &[Action::Source, Action::Back]);
    assert!(a.source.is_none(), "Esc closes it");
    assert_eq!(a.current_article().unwrap().id, "2021-01-10/A1/2");
}

fn panel_cursor(a: &App) -> usize {
    a.source.as_ref().unwrap().cursor
}

#[test]
fn the_cursor_moves_within_the_file_and_stops_at_its_ends() {
    let mut a = sample_app(80, 24);
    apply(&mut a, &SECOND_ARTICLE);
    let start = panel_cursor(&a);
    apply(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(panel_cursor(&a), start + 2);
    apply(&mut a, &[Action::Top]);
    assert_eq!(panel_cursor(&a), 0);
    apply(&mut a, &[Action::Up]);
    assert_eq!(panel_cursor(&a), 0);
    apply(&mut a, &[Action::Bottom]);
    let last = a.source.as_ref().unwrap().lines.len() - 1;
    assert_eq!(panel_cursor(&a), last);
    let panel = a.source.as_ref().unwrap();
    assert!(panel.offset <= last && last < panel.offset + a.source_rows());
}

#[test]
fn the_view_follows_the_reader_to_the_next_article() {
    let mut a = sample_app(120, 40);
    apply(&mut a, &SECOND_ARTICLE);
    apply(&mut a, &[Action::NextArticle]);
    let id = a.current_article().unwrap().id.clone();
    assert_eq!(id, "2021-01-10/A1/3");
    let panel = a.source.as_ref().unwrap();
    assert_eq!(panel.kind, PanelKind::Source { article: id });
    assert!(panel.lines[panel.cursor].current);
    assert_eq!(panel.lines[panel.cursor].owner, "A1/3");
}

#[test]
fn a_fragment_between_articles_is_shown_where_it_is() {
    let (_dir, mut a) = page_app(120, 40);
    apply(&mut a, &[Action::Open, Action::Open, Action::Source]);
    let panel = a.source.as_ref().unwrap();
    let nine = &panel.lines[8];
    assert_eq!(nine.number, Some(9));
    assert_eq!(nine.role, Some(Role::Fragment));
    assert_eq!(nine.owner, "?");
    assert!(!nine.current);
    let roles: Vec<Option<Role>> = panel.lines[3..7].iter().map(|l| l.role).collect();
    assert_eq!(
        roles,
        [
            Some(Role::Headline),
            Some(Role::Byline),
            Some(Role::Dateline),
            Some(Role::Body)
        ]
    );
}

#[test]
fn an_unreadable_source_says_so_and_does_not_break_the_reader() {
    let (dir, mut a) = page_app(80, 24);
    std::fs::remove_file(dir.path().join("p.txt")).unwrap();
    apply(&mut a, &[Action::Open, Action::Open, Action::Source]);
    let panel = a.source.as_ref().unwrap();
    assert_eq!(panel.lines.len(), 1);
    assert!(panel.lines[0].text.contains("cannot be read"));
    assert!(frame(&a).contains("cannot be read"));
}

#[test]
fn the_issues_warnings_and_fragments_open_from_the_reader() {
    let (_dir, mut a) = page_app(80, 24);
    apply(&mut a, &[Action::Open, Action::Open, Action::IssueNotes]);
    let panel = a.source.as_ref().unwrap();
    assert!(
        panel
            .lines
            .iter()
            .any(|l| l.role == Some(Role::Fragment) && l.number == Some(9) && l.text == "p.txt: 3")
    );
    assert!(frame(&a).contains("warnings and fragments"));
    apply(&mut a, &[Action::IssueNotes]);
    assert!(a.source.is_none());
    // The sample's issue with an OCR warning lists it.
    let mut s = sample_app(120, 40);
    let with_warning = s
        .archive
        .issues
        .iter()
        .position(|i| !i.warnings.is_empty())
        .expect("a sample issue with a warning");
    for _ in 0..with_warning {
        apply(&mut s, &[Action::Down]);
    }
    apply(&mut s, &[Action::IssueNotes]);
    let panel = s.source.as_ref().unwrap();
    assert!(
        panel
            .lines
            .iter()
            .any(|l| l.warning && l.text.contains("OCR"))
    );
}

#[test]
fn frames_of_the_source_view() {
    for (w, h) in [(120, 40), (80, 24), (20, 6)] {
        let mut a = sample_app(w, h);
        apply(&mut a, &SECOND_ARTICLE);
        insta::assert_snapshot!(format!("source_{w}x{h}"), frame(&a));
        // Loaded from memory: the status line names no temporary folder.
        let archive = kanbao::loader::load_texts(
            "pages",
            &[("p.txt", PAGE.as_bytes())],
            &LoadOptions::default(),
        );
        let mut p = app_over(archive, w, h);
        apply(&mut p, &[Action::Open, Action::Open, Action::IssueNotes]);
        insta::assert_snapshot!(format!("issue_notes_{w}x{h}"), frame(&p));
    }
}

fn kanbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env(
            "KANBAO_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("XDG_DATA_HOME", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("kanbao runs")
}

#[test]
fn show_source_prints_the_same_view_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.txt"), PAGE).unwrap();
    let root = dir.path().to_str().unwrap();
    let o = kanbao(&["show", "2021-03-04/A1/1", root, "--source"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].ends_with("p.txt"), "{out}");
    assert_eq!(lines[4], ">  4  headline    A1/1     河边新建一座桥");
    assert_eq!(lines[9], "   9  fragment    ?        3");
    assert_eq!(lines[11], "  11  headline    A1/2     公园花开");
    let o = kanbao(&["show", "2021-03-04/A1/2", root, "--source", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["article"], "2021-03-04/A1/2");
    assert_eq!(v["lines"][10]["role"], "headline");
    assert_eq!(v["lines"][10]["current"], true);
    assert_eq!(v["lines"][3]["owner"]["id"], "2021-03-04/A1/1");
    // The embedded sample reads its own pages.
    let o = kanbao(&["show", "2021-01-10/A1/1", "--source"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.lines()
            .any(|l| l.starts_with('>') && l.contains("headline"))
    );
    let o = kanbao(&["show", "1999-01-01/A1/1", "--source"]);
    assert_eq!(o.status.code(), Some(2));
}
