//! The invented page the source view's correction tests share, opened in
//! the reader, and what those tests ask of it.

use super::update;
use kanbao::check::archive_coverage;
use kanbao::layout::AmbiguousWidth;
use kanbao::loader::{LoadOptions, load_path};
use kanbao::tui::{Action, App, Persist, Settings, restore_marks};
use ratatui::layout::Rect;

/// An invented page: a masthead, two articles, a page number left as a
/// fragment between them.
pub const PAGE: &str = "晨光日报\n\
    2021年3月4日 星期四\n\
    \n\
    河边新建一座桥\n\
    记者 王小明\n\
    本报讯 3月3日，河边的新桥通车了。\n\
    居民说方便多了。\n\
    \n\
    3\n\
    \n\
    公园花开\n\
    记者 李四\n\
    本报讯 春天到了，公园里的花都开了。\n";

/// The page in a folder, opened in the reader on its first article with
/// the source view open; marks in memory, or in the folder's review file.
pub fn opened(w: u16, h: u16, persist: bool) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.txt"), PAGE).unwrap();
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    let settings = Settings {
        amb: AmbiguousWidth::Narrow,
        ..Settings::default()
    };
    let mut app = App::new(archive, settings, Rect::new(0, 0, w, h));
    if persist {
        let p = Persist {
            archive_key: "pages".into(),
            state_path: None,
            review_path: dir.path().join(kanbao::review::REVIEW_FILE_NAME),
            team_review_path: None,
        };
        restore_marks(&mut app, Some(p));
    }
    apply(&mut app, &[Action::Open, Action::Open, Action::Source]);
    (dir, app)
}

pub fn apply(app: &mut App, actions: &[Action]) {
    for a in actions {
        let _ = update(app, a.clone());
    }
}

/// The article ids of the issue's list, by their last part.
pub fn ids(app: &App) -> Vec<String> {
    app.current_rows()
        .iter()
        .map(|r| {
            let a = &app.archive.issues[app.issue].pages[r.page].articles[r.index];
            a.id.rsplit('/').next().unwrap().to_string()
        })
        .collect()
}

pub fn all_placed(app: &App) {
    let (placed, lines, _) = archive_coverage(&app.archive);
    assert_eq!(placed, lines, "every line placed exactly once");
}

/// Moves the view's cursor to source line `n`.
pub fn cursor_to(app: &mut App, n: u32) {
    apply(app, &[Action::Top]);
    for _ in 1..n {
        apply(app, &[Action::Down]);
    }
    let panel = app.source.as_ref().unwrap();
    assert_eq!(panel.lines[panel.cursor].number, Some(n));
}
