//! Reviewing a run of articles: one key marks ok and moves on, another
//! marks "needs fix" and moves on; the marks reach the team's file.

mod common;

use common::update;
use kanbao::loader::{LoadOptions, load_sample};
use kanbao::review::ReviewStatus;
use kanbao::tui::{Action, App, Persist, Settings, restore_marks};
use ratatui::layout::Rect;

fn app() -> App {
    App::new(
        load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, 120, 40),
    )
}

fn status_of(app: &App, id: &str) -> ReviewStatus {
    let article = app.archive.article(id).unwrap().1.clone();
    app.review_of(&article).status()
}

#[test]
fn ok_and_needs_fix_keys_mark_and_move_to_the_next_article() {
    let dir = tempfile::tempdir().unwrap();
    let persist = Persist {
        archive_key: "sample".into(),
        state_path: Some(dir.path().join("state.ron")),
        review_path: dir.path().join("kanbao-review.ron"),
        team_review_path: None,
    };
    let mut a = app();
    restore_marks(&mut a, Some(persist.clone()));
    update(&mut a, Action::Open);
    update(&mut a, Action::Open);
    let first = a.current_article().unwrap().id.clone();
    update(&mut a, Action::ReviewOkNext);
    let second = a.current_article().unwrap().id.clone();
    assert_ne!(first, second, "moved on");
    assert_eq!(status_of(&a, &first), ReviewStatus::Ok);
    assert!(
        a.read.contains(&second),
        "the next one is open in the reader"
    );
    update(&mut a, Action::ReviewFixNext);
    let third = a.current_article().unwrap().id.clone();
    assert_ne!(third, second);
    assert_eq!(status_of(&a, &second), ReviewStatus::NeedsFix);
    assert_eq!(status_of(&a, &third), ReviewStatus::Unreviewed);
    // `v` still cycles, and stays on the article.
    update(&mut a, Action::ReviewStatus);
    assert_eq!(a.current_article().unwrap().id, third);
    assert_eq!(status_of(&a, &third), ReviewStatus::Ok);
    // On disk, for the team and the next start.
    let mut b = app();
    restore_marks(&mut b, Some(persist));
    assert_eq!(status_of(&b, &first), ReviewStatus::Ok);
    assert_eq!(status_of(&b, &second), ReviewStatus::NeedsFix);
}
