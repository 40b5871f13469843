//! The filter's rows at 80×24: a hit whose match lies past the right edge
//! is scrolled so that the match shows (fzf's way), not cut off; at 20
//! columns the row gives its room to the headline.

mod common;

use common::{buffer, frame, settle, update};
use kanbao::loader::{LoadOptions, load_texts};
use kanbao::tui::{Action, App, InputKey, Settings};
use ratatui::layout::Rect;

/// The reader at 80×24 on one page, its filter open with `query` typed.
fn filtered(page: &str, query: &str) -> App {
    filtered_at(page, query, 80, 24)
}

fn filtered_at(page: &str, query: &str, width: u16, height: u16) -> App {
    let archive = load_texts(
        "t",
        &[("2021-01-10.txt", page.as_bytes())],
        &LoadOptions::default(),
    );
    let mut app = App::new(archive, Settings::default(), Rect::new(0, 0, width, height));
    update(&mut app, Action::Filter);
    settle(&mut app);
    for c in query.chars() {
        update(&mut app, Action::Input(InputKey::Char(c)));
        settle(&mut app);
    }
    app
}

#[test]
fn a_match_past_the_right_edge_is_scrolled_into_view() {
    // A headline far wider than the row, the match (山河) near its end.
    let long = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥山河在望";
    let app = filtered(&format!("{long}\n\n正文一句。\n"), "'山河");
    let screen = frame(&app);
    let row = screen
        .lines()
        .find(|l| l.contains("2021-01-10"))
        .unwrap_or_else(|| panic!("a hit row:\n{screen}"));
    assert!(row.contains("山河"), "the match shows:\n{screen}");
    assert!(row.contains("…"), "the row says it was scrolled:\n{screen}");
    assert!(
        !row.contains("一二三"),
        "the row's start gave way:\n{screen}"
    );
}

#[test]
fn a_query_that_cannot_match_says_why() {
    let mut app = filtered("山河在望\n\n正文一句。\n", "山 !");
    let screen = frame(&app);
    assert!(screen.contains("`!` needs a term after it"), "{screen}");
    assert!(!screen.contains("2021-01-10"), "no hit listed:\n{screen}");
    // The term typed, the query matches again.
    update(&mut app, Action::Input(InputKey::Char('海')));
    settle(&mut app);
    let screen = frame(&app);
    assert!(screen.contains("山河在望"), "{screen}");
    assert!(!screen.contains("needs a term"), "{screen}");
}

#[test]
fn at_twenty_columns_the_row_shows_the_headline_and_its_match_not_only_the_date() {
    let app = filtered_at("甲乙丙丁山河在望\n\n正文一句。\n", "山河", 20, 6);
    let screen = frame(&app);
    let buf = buffer(&app);
    let y = (0..buf.area.height)
        .find(|&y| (0..buf.area.width).any(|x| buf[(x, y)].symbol() == "在"))
        .unwrap_or_else(|| panic!("the headline shows:\n{screen}"));
    assert!(
        !screen.contains("2021-01-10"),
        "no room for the date:\n{screen}"
    );
    let x = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "山")
        .unwrap();
    let hit = buf[(x, y)].modifier;
    let plain = buf[(x - 2, y)].modifier;
    assert!(
        hit.contains(ratatui::style::Modifier::UNDERLINED)
            && !plain.contains(ratatui::style::Modifier::UNDERLINED),
        "the matched characters are marked on the selected row ({hit:?} vs {plain:?}):\n{screen}"
    );
}
