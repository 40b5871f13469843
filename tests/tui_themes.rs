//! The themes on any terminal: every colour pair readable (measured against
//! xterm's palette), headings in the terminal's own foreground, and frames
//! of both themes with their colours, as snapshots.

mod common;

use kanbao::loader::{LoadOptions, load_sample};
use kanbao::tui::theme::{Theme, contrast, xterm_rgb};
use kanbao::tui::{Action, App, Settings};
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

const WHITE: (u8, u8, u8) = (255, 255, 255);
const BLACK: (u8, u8, u8) = (0, 0, 0);

/// What a style's text is drawn in on a terminal of background `bg` and
/// foreground `fg`: (foreground, background).
fn drawn(style: Style, fg: (u8, u8, u8), bg: (u8, u8, u8)) -> ((u8, u8, u8), (u8, u8, u8)) {
    let pick = |c: Option<Color>, default| c.and_then(xterm_rgb).unwrap_or(default);
    (pick(style.fg, fg), pick(style.bg, bg))
}

/// Contrast of every style of `theme` on a terminal of these colours.
fn poor(theme: &Theme, fg: (u8, u8, u8), bg: (u8, u8, u8), least: f64) -> Vec<String> {
    theme
        .styles()
        .into_iter()
        .filter_map(|(name, style)| {
            let (f, b) = drawn(style, fg, bg);
            let c = contrast(f, b);
            (c < least).then(|| format!("{}: {name} {c:.2}", theme.name))
        })
        .collect()
}

#[test]
fn the_light_theme_reads_on_white_and_on_black() {
    let light = Theme::light();
    assert_eq!(poor(&light, BLACK, WHITE, 3.0), Vec::<String>::new());
    assert_eq!(poor(&light, WHITE, BLACK, 3.0), Vec::<String>::new());
}

#[test]
fn the_dark_theme_reads_on_black() {
    assert_eq!(
        poor(&Theme::dark(), (229, 229, 229), BLACK, 3.0),
        Vec::<String>::new()
    );
}

#[test]
fn headings_are_the_terminals_own_foreground_in_bold() {
    use ratatui::style::Modifier;
    for theme in [Theme::dark(), Theme::light(), Theme::none()] {
        assert_eq!(theme.headline.fg, None, "{}", theme.name);
        assert!(theme.headline.add_modifier.contains(Modifier::BOLD));
        // No fixed white or black text without its own background.
        for (name, style) in theme.styles() {
            if style.bg.is_none() {
                assert!(
                    !matches!(style.fg, Some(Color::White | Color::Black)),
                    "{}: {name}",
                    theme.name
                );
            }
        }
    }
}

/// The frame as text, each row followed by its colour runs
/// (`from-to fg/bg +modifiers`) where they are not the plain text's.
fn styled_frame(app: &App) -> String {
    let buf = common::buffer(app);
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push_str(common::row_text(&buf, y, 0, buf.area.width).trim_end());
        out.push('\n');
        let mut runs: Vec<(u16, u16, Style)> = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            // A wide character's cell covers the next column: one run.
            let w = match cell.diff_option {
                ratatui::buffer::CellDiffOption::ForcedWidth(w) => w.get(),
                _ => unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16,
            };
            let style = cell.style();
            match runs.last_mut() {
                Some((_, end, s)) if *s == style && *end == x => *end = x + w,
                _ => runs.push((x, x + w, style)),
            }
            x += w;
        }
        let shown: Vec<String> = runs
            .into_iter()
            .filter(|(_, _, s)| {
                let plain = |c: Option<Color>| matches!(c, None | Some(Color::Reset));
                !(plain(s.fg) && plain(s.bg) && s.add_modifier.is_empty())
            })
            .map(|(a, b, s)| {
                let c = |c: Option<Color>| c.map_or("-".into(), |c| format!("{c:?}"));
                format!("{a}-{b} {}/{} {:?}", c(s.fg), c(s.bg), s.add_modifier)
            })
            .collect();
        if !shown.is_empty() {
            out.push_str(&format!("  ^ {}\n", shown.join(" · ")));
        }
    }
    out
}

fn reading(theme: Theme) -> App {
    let mut a = App::new(
        load_sample(&LoadOptions::default()),
        Settings {
            theme,
            ..Settings::default()
        },
        Rect::new(0, 0, 100, 16),
    );
    for action in [
        Action::Down,
        Action::Open,
        Action::Down,
        Action::Down,
        Action::Open,
    ] {
        common::update(&mut a, action);
    }
    a
}

#[test]
fn frames_of_both_themes() {
    insta::assert_snapshot!("theme_dark_reader", styled_frame(&reading(Theme::dark())));
    insta::assert_snapshot!("theme_light_reader", styled_frame(&reading(Theme::light())));
    let mut help = reading(Theme::light());
    common::update(&mut help, Action::ToggleHelp);
    insta::assert_snapshot!("theme_light_help", styled_frame(&help));
}
