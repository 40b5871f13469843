//! The source view's role chooser (`r`), its run selection (`R`, moved by
//! `>`), a split's new article given a role, and `o` showing the structure
//! as parsed — by `update()`, and in frames at three sizes.

mod common;

use common::frame;
use common::source_fix::{PAGE, all_placed, apply, cursor_to, ids};
use kanbao::loader::{LoadOptions, load_path};
use kanbao::source_view::Role;
use kanbao::tui::overlay::Overlay;
use kanbao::tui::role_choice::ROLE_CHOICES;
use kanbao::tui::{Action, App, InputKey, Settings};
use ratatui::layout::Rect;

/// The page opened with the source view, marks in memory.
fn opened(w: u16, h: u16) -> (tempfile::TempDir, kanbao::tui::App) {
    common::source_fix::opened(w, h, false)
}

fn typed(c: char) -> Action {
    Action::Input(InputKey::Char(c))
}

/// Source line `n` as the view shows it: (role, owner).
fn line(app: &App, n: u32) -> (Option<Role>, String) {
    let panel = app.source.as_ref().unwrap();
    let l = panel.lines.iter().find(|l| l.number == Some(n)).unwrap();
    (l.role, l.owner.clone())
}

fn status(app: &App) -> String {
    app.status.clone().unwrap_or_default()
}

#[test]
fn r_opens_the_chooser_on_the_line_and_a_letter_sets_its_role() {
    let (_dir, mut a) = opened(120, 40);
    let parsed = a.archive.clone();
    cursor_to(&mut a, 5);
    apply(&mut a, &[Action::SetRole]);
    let Some(Overlay::Roles(c)) = &a.overlay else {
        panic!("the chooser is open: {:?}", a.overlay);
    };
    assert_eq!((c.line, c.current), (5, Some(Role::Byline)));
    assert_eq!(ROLE_CHOICES[c.selected].1, Role::Byline, "on its role now");
    // Other keys are the chooser's while it is open: `j` chooses nothing.
    apply(&mut a, &[typed('j')]);
    assert!(a.overlay.is_some());
    assert!(status(&a).contains("no role on j"), "{}", status(&a));
    assert_eq!(*a.archive, *parsed);
    // `t`: body. The byline's names are gone with it.
    apply(&mut a, &[typed('t')]);
    assert!(a.overlay.is_none());
    assert_eq!(line(&a, 5), (Some(Role::Body), "A1/1".into()));
    let article = a.current_article().unwrap();
    assert!(article.byline.reporters.is_empty(), "{:?}", article.byline);
    assert!(status(&a).starts_with("line 5 is a body"), "{}", status(&a));
    assert_eq!(a.reviews.structure.len(), 1, "written (kept in memory)");
    all_placed(&a);
    // Back to byline with the arrows and Enter: the names are read again.
    apply(&mut a, &[Action::SetRole]);
    let at = |a: &App| match &a.overlay {
        Some(Overlay::Roles(c)) => ROLE_CHOICES[c.selected].1,
        other => panic!("{other:?}"),
    };
    assert_eq!(at(&a), Role::Body);
    apply(
        &mut a,
        &[Action::Input(InputKey::Up), Action::Input(InputKey::Up)],
    );
    assert_eq!(at(&a), Role::Byline);
    apply(&mut a, &[Action::Input(InputKey::Submit)]);
    assert_eq!(line(&a, 5), (Some(Role::Byline), "A1/1".into()));
    assert_eq!(a.current_article().unwrap().byline.reporters, ["王小明"]);
    all_placed(&a);
    apply(&mut a, &[Action::Undo, Action::Undo]);
    assert_eq!(*a.archive, *parsed);
}

#[test]
fn the_chooser_refuses_what_changes_nothing_and_esc_cancels() {
    let (_dir, mut a) = opened(80, 24);
    let parsed = a.archive.clone();
    // The same role again: refused with the reason, nothing written.
    cursor_to(&mut a, 4);
    apply(&mut a, &[Action::SetRole, typed('h')]);
    assert!(
        status(&a).contains("line 4 is already a headline"),
        "{}",
        status(&a)
    );
    assert!(a.reviews.structure.is_empty());
    assert_eq!(*a.archive, *parsed);
    // Esc leaves the line as it is.
    apply(&mut a, &[Action::SetRole, Action::Input(InputKey::Cancel)]);
    assert!(a.overlay.is_none());
    assert_eq!(status(&a), "role unchanged");
    assert!(a.source.is_some(), "the view stays open");
    // A blank line has no role to set: no chooser.
    cursor_to(&mut a, 3);
    apply(&mut a, &[Action::SetRole]);
    assert!(a.overlay.is_none());
    assert!(status(&a).contains("a blank line"), "{}", status(&a));
    // Without the source view, `r` says what it needs.
    apply(&mut a, &[Action::Source, Action::SetRole]);
    assert!(a.overlay.is_none());
    assert_eq!(status(&a), "open the source view first");
}

#[test]
fn a_fragment_set_to_caption_joins_the_article_near_it() {
    let (_dir, mut a) = opened(120, 40);
    cursor_to(&mut a, 9);
    assert_eq!(line(&a, 9), (Some(Role::Fragment), "?".into()));
    apply(&mut a, &[Action::SetRole, typed('c')]);
    assert_eq!(line(&a, 9), (Some(Role::Caption), "A1/1".into()));
    assert!(a.archive.issues[0].fragments.is_empty());
    all_placed(&a);
}

#[test]
fn a_run_selected_with_r_moves_whole_into_the_article() {
    let (_dir, mut a) = opened(120, 40);
    apply(&mut a, &[Action::NextArticle]);
    assert_eq!(a.current_article().unwrap().id, "2021-03-04/A1/2");
    // Lines 7–9: the first article's last line, a blank, the fragment.
    cursor_to(&mut a, 7);
    apply(&mut a, &[Action::SelectRun, Action::Down, Action::Down]);
    assert_eq!(a.source.as_ref().unwrap().run(), Some(6..=8));
    apply(&mut a, &[Action::MoveHere]);
    assert!(
        status(&a).starts_with("move lines 7-9 into the article at line 11"),
        "{}",
        status(&a)
    );
    assert_eq!(line(&a, 7), (Some(Role::Body), "A1/2".into()));
    assert_eq!(line(&a, 9), (Some(Role::Caption), "A1/2".into()));
    assert_eq!(line(&a, 6).1, "A1/1", "the line above the run stays");
    assert!(a.archive.issues[0].fragments.is_empty());
    assert_eq!(
        a.source.as_ref().unwrap().anchor,
        None,
        "the run is cleared"
    );
    all_placed(&a);
    apply(&mut a, &[Action::Undo]);
    assert_eq!(line(&a, 7).1, "A1/1");
}

#[test]
fn a_run_is_cleared_by_r_or_esc_and_refused_when_it_holds_the_article() {
    let (_dir, mut a) = opened(120, 40);
    cursor_to(&mut a, 2);
    apply(&mut a, &[Action::SelectRun, Action::Down]);
    assert_eq!(a.source.as_ref().unwrap().run(), Some(1..=2));
    apply(&mut a, &[Action::SelectRun]);
    assert_eq!(a.source.as_ref().unwrap().run(), None, "R again clears");
    // Esc clears the run, the next Esc closes the view.
    apply(&mut a, &[Action::SelectRun, Action::Back]);
    assert!(a.source.as_ref().unwrap().anchor.is_none());
    // A run over the article's own first line cannot go into it.
    apply(&mut a, &[Action::SelectRun, Action::Down, Action::Down]);
    let before = a.archive.clone();
    apply(&mut a, &[Action::MoveHere]);
    assert!(
        status(&a).contains("the lines would move into themselves"),
        "{}",
        status(&a)
    );
    assert_eq!(*a.archive, *before);
    assert!(a.source.as_ref().unwrap().anchor.is_some(), "the run stays");
    apply(&mut a, &[Action::Back, Action::Back]);
    assert!(a.source.is_none());
    // `R` with no source view says what it needs.
    apply(&mut a, &[Action::SelectRun]);
    assert_eq!(status(&a), "open the source view first");
}

#[test]
fn a_split_then_r_gives_the_new_article_its_headline() {
    let (_dir, mut a) = opened(120, 40);
    let parsed = a.archive.clone();
    cursor_to(&mut a, 7);
    apply(&mut a, &[Action::SplitHere]);
    assert!(
        status(&a).contains("(r: its first line's role · u: undo)"),
        "{}",
        status(&a)
    );
    assert_eq!(ids(&a), ["1", "1b", "2"]);
    // The cursor is still on the new article's first line: `r h`.
    apply(&mut a, &[Action::SetRole, typed('h')]);
    assert_eq!(line(&a, 7), (Some(Role::Headline), "A1/1b".into()));
    let new = a.archive.issues[0]
        .find_article("2021-03-04/A1/1b")
        .unwrap();
    assert_eq!(new.title(), "居民说方便多了。");
    all_placed(&a);
    apply(&mut a, &[Action::Undo, Action::Undo]);
    assert_eq!(*a.archive, *parsed);
}

#[test]
fn o_shows_the_structure_as_parsed_and_back() {
    let (_dir, mut a) = opened(120, 40);
    let parsed = a.archive.clone();
    cursor_to(&mut a, 7);
    apply(&mut a, &[Action::SplitHere, Action::NextArticle]);
    assert_eq!(ids(&a), ["1", "1b", "2"]);
    assert_eq!(a.current_article().unwrap().id, "2021-03-04/A1/1b");
    let corrected = a.archive.clone();
    apply(&mut a, &[Action::ShowOriginal]);
    assert_eq!(*a.archive, *parsed, "the panes show the parse");
    assert_eq!(ids(&a), ["1", "2"]);
    assert!(status(&a).contains("no title or structural correction"));
    // 1b is no article of the parse: the reader is on the one holding its
    // first line, and so is the view.
    assert_eq!(a.current_article().unwrap().id, "2021-03-04/A1/1");
    assert_eq!(line(&a, 7).1, "A1/1");
    // No correction while the parse is shown, and no undo of one.
    apply(&mut a, &[Action::MergeNext]);
    assert!(status(&a).starts_with("showing the parse (o)"));
    apply(&mut a, &[Action::Undo]);
    assert!(status(&a).starts_with("showing the parse (o)"));
    apply(&mut a, &[Action::SetRole]);
    assert!(a.overlay.is_none());
    assert_eq!(*a.archive, *parsed);
    // Back: the corrections, on the same article.
    apply(&mut a, &[Action::ShowOriginal]);
    assert_eq!(*a.archive, *corrected);
    assert_eq!(ids(&a), ["1", "1b", "2"]);
    assert_eq!(a.current_article().unwrap().id, "2021-03-04/A1/1");
    assert_eq!(status(&a), "showing the corrections");
    apply(&mut a, &[Action::Undo]);
    assert_eq!(*a.archive, *parsed);
}

#[test]
fn o_shows_the_parse_of_corrections_made_before_the_reader_started() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.txt"), PAGE).unwrap();
    let mut archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    let parsed = archive.clone();
    let lines = kanbao::review::structure::file_lines(PAGE);
    let merge = kanbao::review::structure::Structural::new(
        "p.txt".into(),
        kanbao::review::structure::Correction::Merge {
            line: kanbao::review::structure::line_ref(&lines, 11).unwrap(),
            into: kanbao::review::structure::Toward::Previous,
        },
        None,
        0,
    );
    let corrections = [merge];
    // As the shell's loader does.
    let as_parsed = kanbao::review::structure::issues_as_parsed(&archive, &corrections);
    kanbao::review::structure::apply_read(&mut archive, &corrections);
    let mut a = App::new(archive, Settings::default(), Rect::new(0, 0, 120, 40));
    a.parsed_issues = as_parsed;
    apply(&mut a, &[Action::Open, Action::Open]);
    assert_eq!(ids(&a), ["1"]);
    apply(&mut a, &[Action::ShowOriginal]);
    assert_eq!(ids(&a), ["1", "2"]);
    assert_eq!(*a.archive, parsed);
    apply(&mut a, &[Action::NextArticle, Action::ShowOriginal]);
    assert_eq!(ids(&a), ["1"]);
    assert_eq!(
        a.current_article().unwrap().id,
        "2021-03-04/A1/1",
        "2 was merged into 1: the reader is on 1"
    );
}

#[test]
fn o_with_no_structural_correction_changes_no_article() {
    let (_dir, mut a) = opened(80, 24);
    let before = a.archive.clone();
    apply(&mut a, &[Action::ShowOriginal]);
    assert!(std::sync::Arc::ptr_eq(&a.archive, &before), "not rebuilt");
    assert!(status(&a).contains("no title correction"));
    apply(&mut a, &[Action::ShowOriginal]);
    assert!(std::sync::Arc::ptr_eq(&a.archive, &before));
}

/// The frame without its status line (which names the temporary folder).
fn body_of(a: &App, h: u16) -> String {
    frame(a)
        .lines()
        .take(h as usize - 1)
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn frames_with_a_run_selected_and_with_the_role_chooser() {
    for (w, h) in [(120, 40), (80, 24), (20, 6)] {
        let (_dir, mut a) = opened(w, h);
        cursor_to(&mut a, 6);
        apply(&mut a, &[Action::SelectRun, Action::Down, Action::Down]);
        insta::assert_snapshot!(format!("run_{w}x{h}"), body_of(&a, h));
        apply(&mut a, &[Action::Back, Action::Up, Action::SetRole]);
        assert!(a.overlay.is_some(), "{w}x{h}");
        insta::assert_snapshot!(format!("roles_{w}x{h}"), body_of(&a, h));
        // The arrows past the rows that fit scroll the list (no panic).
        for _ in 0..ROLE_CHOICES.len() + 2 {
            apply(&mut a, &[Action::Input(InputKey::Down)]);
            let _ = frame(&a);
        }
        apply(&mut a, &[Action::Resize(w / 2, h / 2)]);
        let _ = frame(&a);
    }
}
