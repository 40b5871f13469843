//! Structural corrections by keyboard in the source view, and `u`, by
//! `update()`: each shown at once in the lists, the reader and the view,
//! every line still placed once, written to the review file and undone.

mod common;

use common::frame;
use common::source_fix::{all_placed, apply, cursor_to, ids, opened};
use kanbao::loader::{LoadOptions, load_path};
use kanbao::review::ReviewStatus;
use kanbao::tui::{Action, App};

#[test]
fn split_at_the_cursor_shows_at_once_and_u_takes_it_back() {
    let (_dir, mut a) = opened(120, 40, false);
    let parsed = a.archive.clone();
    assert_eq!(ids(&a), ["1", "2"]);
    cursor_to(&mut a, 7);
    apply(&mut a, &[Action::SplitHere]);
    assert_eq!(ids(&a), ["1", "1b", "2"], "the list shows it");
    all_placed(&a);
    assert_eq!(a.current_article().unwrap().id, "2021-03-04/A1/1");
    let panel = a.source.as_ref().unwrap();
    assert_eq!(panel.lines[6].owner, "A1/1b", "the view shows it");
    assert_eq!(
        panel.lines[panel.cursor].number,
        Some(7),
        "the cursor stays"
    );
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("new article 2021-03-04/A1/1b")
    );
    assert_eq!(a.reviews.structure.len(), 1);
    // The filter's index knows the new article.
    assert!((0..a.index.len() as u32).any(|e| a.index.text(e).contains("居民说方便多了")));
    apply(&mut a, &[Action::Undo]);
    assert_eq!(ids(&a), ["1", "2"]);
    assert_eq!(*a.archive, *parsed);
    assert!(a.reviews.structure.is_empty());
    assert!(a.status.as_deref().unwrap().starts_with("undone: split"));
    apply(&mut a, &[Action::Undo]);
    assert_eq!(a.status.as_deref(), Some("nothing to undo"));
}

#[test]
fn merge_into_the_previous_or_the_next() {
    let (_dir, mut a) = opened(80, 24, false);
    // The article joins the next; the next one's id stays.
    apply(&mut a, &[Action::MergeNext]);
    assert_eq!(ids(&a), ["2"]);
    all_placed(&a);
    let said = a.status.clone().unwrap();
    assert!(said.contains("2021-03-04/A1/1 retired"), "{said}");
    assert_eq!(a.current_article().unwrap().id, "2021-03-04/A1/2");
    apply(
        &mut a,
        &[Action::Undo, Action::NextArticle, Action::MergePrevious],
    );
    assert_eq!(ids(&a), ["1"]);
    assert_eq!(
        a.current_article().unwrap().id,
        "2021-03-04/A1/1",
        "on what it joined"
    );
    // Nothing before the first: refused, nothing changed.
    apply(&mut a, &[Action::Undo, Action::Top]);
    let before = a.archive.clone();
    apply(&mut a, &[Action::MergePrevious]);
    assert!(
        a.status.as_deref().unwrap().starts_with("not changed"),
        "{:?}",
        a.status
    );
    assert_eq!(*a.archive, *before);
}

#[test]
fn move_the_fragment_under_the_cursor_into_the_article() {
    let (_dir, mut a) = opened(120, 40, false);
    apply(&mut a, &[Action::NextArticle]);
    assert_eq!(a.current_article().unwrap().id, "2021-03-04/A1/2");
    assert_eq!(a.archive.issues[0].fragments.len(), 1);
    cursor_to(&mut a, 9);
    apply(&mut a, &[Action::MoveHere]);
    all_placed(&a);
    assert!(a.archive.issues[0].fragments.is_empty());
    assert_eq!(a.current_article().unwrap().captions[0].text, "3");
    assert_eq!(a.source.as_ref().unwrap().lines[8].owner, "A1/2");
}

#[test]
fn a_correction_asks_for_the_source_view() {
    let (_dir, mut a) = opened(120, 40, false);
    apply(&mut a, &[Action::Source]);
    assert!(a.source.is_none());
    let before = a.archive.clone();
    apply(&mut a, &[Action::SplitHere]);
    assert_eq!(a.status.as_deref(), Some("open the source view first"));
    assert_eq!(*a.archive, *before);
}

#[test]
fn u_takes_back_a_mark_and_a_title_correction_too() {
    let (_dir, mut a) = opened(120, 40, false);
    apply(&mut a, &[Action::Back, Action::ReviewStatus]);
    let status = |a: &App| a.review_of(a.current_article().unwrap()).status();
    assert_eq!(status(&a), ReviewStatus::Ok);
    apply(&mut a, &[Action::ReviewStatus]);
    assert_eq!(status(&a), ReviewStatus::NeedsFix);
    apply(&mut a, &[Action::Undo]);
    assert_eq!(status(&a), ReviewStatus::Ok);
    apply(&mut a, &[Action::Undo]);
    assert_eq!(status(&a), ReviewStatus::Unreviewed);
    assert!(a.reviews.articles.is_empty(), "back to no entry");
}

#[test]
fn corrections_by_keyboard_are_written_to_the_review_file_and_undone() {
    let (dir, mut a) = opened(120, 40, true);
    cursor_to(&mut a, 7);
    apply(&mut a, &[Action::SplitHere]);
    let file = dir.path().join(kanbao::review::REVIEW_FILE_NAME);
    let saved = kanbao::review::load_reviews(&file).unwrap().value;
    assert_eq!(saved.structure.len(), 1);
    assert_eq!(saved.structure[0].source, "p.txt");
    assert_eq!(
        a.reviews.structure, saved.structure,
        "read back after the write"
    );
    // The commands see it too.
    let mut archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    kanbao::review::structure::apply_read(&mut archive, &saved.structure);
    assert_eq!(archive, *a.archive);
    apply(&mut a, &[Action::Undo]);
    let saved = kanbao::review::load_reviews(&file).unwrap().value;
    assert!(saved.structure.is_empty());
}

#[test]
fn frames_after_a_split() {
    for (w, h) in [(120, 40), (80, 24), (20, 6)] {
        let (_dir, mut a) = opened(w, h, false);
        cursor_to(&mut a, 7);
        apply(&mut a, &[Action::SplitHere]);
        let f = frame(&a);
        // The folder's name changes from run to run: the status line's
        // first part is left out.
        let f: String = f
            .lines()
            .take(h as usize - 1)
            .map(|l| format!("{l}\n"))
            .collect();
        insta::assert_snapshot!(format!("split_{w}x{h}"), f);
    }
}

/// Each entry of the filter's index: its article and text.
fn index_entries(
    index: &kanbao::search::HeadlineIndex,
) -> Vec<(kanbao::search::ArticleRef, String)> {
    (0..index.len() as u32)
        .map(|e| (index.article(e), index.text(e).to_string()))
        .collect()
}

#[test]
fn after_a_correction_and_its_undo_the_filter_finds_each_article_where_it_is() {
    // Three issues of the page, the newest (the one opened) first: the
    // entries of the two after it move when it gains or loses an article.
    let dir = tempfile::tempdir().unwrap();
    let page = common::source_fix::PAGE;
    for (name, date) in [
        ("a.txt", "2021年3月4日 星期四"),
        ("b.txt", "2021年3月3日 星期三"),
        ("c.txt", "2021年3月2日 星期二"),
    ] {
        let text = page.replace("2021年3月4日 星期四", date);
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    assert_eq!(archive.issues.len(), 3);
    let mut a = App::new(
        archive,
        kanbao::tui::Settings::default(),
        ratatui::layout::Rect::new(0, 0, 120, 40),
    );
    apply(&mut a, &[Action::Open, Action::Open, Action::Source]);
    assert_eq!(a.issue, 0);
    let as_built = |a: &App| {
        index_entries(&kanbao::search::HeadlineIndex::build(
            &a.archive,
            a.settings.pinyin,
        ))
    };
    assert_eq!(index_entries(&a.index).len(), 6);
    cursor_to(&mut a, 7);
    apply(&mut a, &[Action::SplitHere]);
    assert_eq!(index_entries(&a.index).len(), 7, "the new article");
    assert_eq!(index_entries(&a.index), as_built(&a));
    apply(&mut a, &[Action::Top, Action::MergeNext]);
    assert_eq!(index_entries(&a.index).len(), 6);
    assert_eq!(index_entries(&a.index), as_built(&a));
    // The parse shown (`o`) and the corrections again.
    apply(&mut a, &[Action::ShowOriginal]);
    assert_eq!(ids(&a), ["1", "2"]);
    assert_eq!(index_entries(&a.index), as_built(&a));
    apply(&mut a, &[Action::ShowOriginal]);
    assert_eq!(index_entries(&a.index), as_built(&a));
    apply(&mut a, &[Action::Undo]);
    assert_eq!(index_entries(&a.index).len(), 7);
    assert_eq!(index_entries(&a.index), as_built(&a));
    apply(&mut a, &[Action::Undo]);
    assert_eq!(index_entries(&a.index), as_built(&a));
    assert_eq!(index_entries(&a.index).len(), 6);
}
