//! Getting an article out of the reader: `y` asks for the clipboard
//! (OSC 52) with the article as text, `|` runs a command with it on the
//! command's input.

mod common;

use common::update;
use kanbao::loader::{LoadOptions, load_sample};
use kanbao::tui::{Action, App, Effect, InputKey, Settings};
use ratatui::layout::Rect;

fn reading() -> App {
    let mut a = App::new(
        load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, 120, 40),
    );
    update(&mut a, Action::Open);
    update(&mut a, Action::Open);
    a
}

#[test]
fn y_copies_place_titles_byline_text_and_id() {
    let mut a = reading();
    let article = a.current_article().unwrap().clone();
    let effects = update(&mut a, Action::Copy);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("one copy asked for: {effects:?}");
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "株洲日报 · 2022-01-07 · A1版", "{text}");
    assert!(lines.contains(&article.title().as_str()), "{text}");
    let by = kanbao::export::byline_text(&article);
    assert!(!by.is_empty() && lines.contains(&by.as_str()), "{text}");
    let first = &article.body[0].text;
    assert!(text.contains(first.as_str()), "the body, unwrapped");
    assert_eq!(lines.last(), Some(&article.id.as_str()));
    // The sequence the terminal receives: the text, base64, between OSC 52's ends.
    let seq = kanbao::tui::clipboard::osc52(text);
    assert!(seq.starts_with(b"\x1b]52;c;") && seq.ends_with(b"\x07"));
    use base64::Engine;
    let payload = &seq[7..seq.len() - 1];
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), *text);
    // Without a terminal (as here), the copy says so rather than failing.
    assert_eq!(a.status.as_deref(), Some("no terminal to copy to"));
}

#[test]
fn pipe_runs_a_typed_command_with_the_article_on_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("piped.txt");
    let mut a = reading();
    let expected = kanbao::tui::clipboard::article_text(&a).unwrap();
    update(&mut a, Action::Pipe);
    assert!(a.overlay.is_some(), "a prompt for the command");
    let command = format!("cat > '{}'", out.display());
    update(&mut a, Action::Paste(command.clone()));
    let effects = update(&mut a, Action::Input(InputKey::Submit));
    assert!(
        matches!(effects.as_slice(), [Effect::Pipe { command: c, .. }] if *c == command),
        "{effects:?}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    assert_eq!(a.status, Some(format!("| {command}: done")));
    assert!(a.overlay.is_none());
    // The prompt offers the last command again; a failing one is reported.
    update(&mut a, Action::Pipe);
    match &a.overlay {
        Some(kanbao::tui::overlay::Overlay::Editor(e)) => assert_eq!(e.input.text, command),
        other => panic!("{other:?}"),
    }
    update(&mut a, Action::Input(InputKey::Home));
    for _ in 0..command.chars().count() {
        update(&mut a, Action::Input(InputKey::Delete));
    }
    update(&mut a, Action::Paste("exit 3".into()));
    update(&mut a, Action::Input(InputKey::Submit));
    assert_eq!(a.status.as_deref(), Some("| exit 3: exited with 3"));
}
