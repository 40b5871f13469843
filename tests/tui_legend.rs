//! The legend of the lists' marks: in the help under the keys, in the
//! README, and a read mark unlike the review's ok.

mod common;

use kanbao::loader::{LoadOptions, load_sample};
use kanbao::tui::legend::{LEGEND, READ};
use kanbao::tui::{Action, App, Settings};
use ratatui::layout::Rect;

#[test]
fn the_help_ends_with_the_legend_of_the_marks() {
    let mut a = App::new(
        load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, 120, 40),
    );
    common::update(&mut a, Action::ToggleHelp);
    common::update(&mut a, Action::Bottom);
    let frame = common::frame(&a);
    for (mark, meaning) in LEGEND {
        assert!(
            frame
                .lines()
                .any(|l| l.contains(mark) && l.contains(meaning)),
            "{mark} {meaning} in the help:\n{frame}"
        );
    }
}

#[test]
fn the_readme_lists_every_mark_and_read_is_not_ok() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (mark, meaning) in LEGEND {
        let row = format!("| `{mark}` | {meaning} |");
        assert!(readme.contains(&row), "README lacks {row}");
    }
    let ok = LEGEND.iter().find(|(_, m)| *m == "review: ok").unwrap().0;
    assert_ne!(READ, ok);
    // Not two ticks: the read mark is no check mark of any weight.
    assert!(!['✓', '✔', '√', '☑'].iter().any(|c| READ.contains(*c)));
}
