//! Colours and emphasis. `none` uses only bold, dim, italic and reverse, so
//! it reads on any terminal and is what `NO_COLOR` selects.
//!
//! Headings are drawn in the terminal's own foreground, bold, in every
//! theme: a fixed white or black vanishes on a background of the same
//! colour. `dark` is for dark backgrounds; `light` picks colours of middle
//! lightness from the 256-colour palette, each readable (contrast ≥ 3:1)
//! on white and on black alike, so that it stays readable even where the
//! background was guessed wrong. `tests/tui_themes.rs` measures every pair
//! against xterm's palette.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    pub text: Style,
    pub title_bar: Style,
    pub title_bar_focused: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub dim: Style,
    pub page_heading: Style,
    pub section: Style,
    pub kicker: Style,
    pub headline: Style,
    pub subheadline: Style,
    pub byline: Style,
    pub note: Style,
    pub subhead: Style,
    pub caption: Style,
    pub repeated: Style,
    pub status: Style,
    pub mark: Style,
    pub warning: Style,
    pub matched: Style,
    pub separator: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        let base = Style::default();
        Theme {
            name: "dark",
            text: base,
            title_bar: base.fg(Color::Gray).bg(Color::DarkGray),
            title_bar_focused: base
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected: base.fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: base.fg(Color::White).bg(Color::DarkGray),
            dim: base.fg(Color::DarkGray),
            page_heading: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            section: base.fg(Color::Magenta),
            kicker: base.fg(Color::Gray),
            headline: base.add_modifier(Modifier::BOLD),
            subheadline: base.fg(Color::Cyan),
            byline: base.fg(Color::Green),
            note: base.fg(Color::DarkGray),
            subhead: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            caption: base.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            repeated: base.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            status: base.fg(Color::Gray).bg(Color::Black),
            mark: base.fg(Color::Green),
            warning: base.fg(Color::Yellow),
            matched: base
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            separator: base.fg(Color::DarkGray),
        }
    }

    pub fn light() -> Theme {
        let base = Style::default();
        // Middle-lightness colours of the 256-colour cube: each ≥ 3:1
        // against both white and black (xterm's values; see the tests).
        let green = Color::Indexed(28); // #008700
        let blue = Color::Indexed(25); // #005faf
        let teal = Color::Indexed(30); // #008787
        let brown = Color::Indexed(130); // #af5f00
        let purple = Color::Indexed(127); // #af00af
        let red = Color::Indexed(160); // #d70000
        let grey = Color::Indexed(244); // #808080
        Theme {
            name: "light",
            text: base,
            title_bar: base.fg(Color::Black).bg(Color::Indexed(250)),
            title_bar_focused: base.fg(Color::White).bg(blue).add_modifier(Modifier::BOLD),
            selected: base.fg(Color::White).bg(blue),
            selected_unfocused: base.fg(Color::Black).bg(Color::Indexed(250)),
            dim: base.fg(grey),
            page_heading: base.fg(purple).add_modifier(Modifier::BOLD),
            section: base.fg(purple),
            kicker: base.fg(grey),
            headline: base.add_modifier(Modifier::BOLD),
            subheadline: base.fg(teal),
            byline: base.fg(green),
            note: base.fg(grey),
            subhead: base.fg(purple).add_modifier(Modifier::BOLD),
            caption: base.fg(grey).add_modifier(Modifier::ITALIC),
            repeated: base.fg(grey).add_modifier(Modifier::ITALIC),
            status: base.fg(Color::Black).bg(Color::Indexed(250)),
            mark: base.fg(green),
            warning: base.fg(brown),
            matched: base
                .fg(red)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            separator: base.fg(grey),
        }
    }

    /// No colour at all: emphasis only.
    pub fn none() -> Theme {
        let base = Style::default();
        let bold = base.add_modifier(Modifier::BOLD);
        let dim = base.add_modifier(Modifier::DIM);
        let reverse = base.add_modifier(Modifier::REVERSED);
        Theme {
            name: "none",
            text: base,
            title_bar: dim.add_modifier(Modifier::REVERSED),
            title_bar_focused: reverse.add_modifier(Modifier::BOLD),
            selected: reverse,
            selected_unfocused: base.add_modifier(Modifier::UNDERLINED),
            dim,
            page_heading: bold,
            section: base,
            kicker: dim,
            headline: bold,
            subheadline: base,
            byline: base,
            note: dim,
            subhead: bold,
            caption: base.add_modifier(Modifier::ITALIC),
            repeated: dim.add_modifier(Modifier::ITALIC),
            status: reverse,
            mark: bold,
            warning: bold,
            matched: bold.add_modifier(Modifier::UNDERLINED),
            separator: dim,
        }
    }

    /// Every style with its name, for the contrast checks.
    pub fn styles(&self) -> Vec<(&'static str, Style)> {
        vec![
            ("text", self.text),
            ("title_bar", self.title_bar),
            ("title_bar_focused", self.title_bar_focused),
            ("selected", self.selected),
            ("selected_unfocused", self.selected_unfocused),
            ("dim", self.dim),
            ("page_heading", self.page_heading),
            ("section", self.section),
            ("kicker", self.kicker),
            ("headline", self.headline),
            ("subheadline", self.subheadline),
            ("byline", self.byline),
            ("note", self.note),
            ("subhead", self.subhead),
            ("caption", self.caption),
            ("repeated", self.repeated),
            ("status", self.status),
            ("mark", self.mark),
            ("warning", self.warning),
            ("matched", self.matched),
            ("separator", self.separator),
        ]
    }

    pub fn by_name(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "none" => Some(Theme::none()),
            _ => None,
        }
    }
}

/// A colour as xterm draws it by default: the 16 named colours, the
/// 6×6×6 cube and the grey ramp. `None` for the terminal's own colours.
pub fn xterm_rgb(c: Color) -> Option<(u8, u8, u8)> {
    const NAMED: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let index = match c {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some((r, g, b)),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
    };
    Some(match index {
        0..=15 => NAMED[index as usize],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = index - 16;
            (level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        _ => {
            let v = 8 + 10 * (index - 232);
            (v, v, v)
        }
    })
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let lum = |(r, g, b): (u8, u8, u8)| {
        let lin = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}
