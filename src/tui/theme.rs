//! Colours and emphasis. `none` uses only bold, dim, italic and reverse, so
//! it reads on any terminal and is what `NO_COLOR` selects.

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
            selected_unfocused: base.bg(Color::DarkGray),
            dim: base.fg(Color::DarkGray),
            page_heading: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            section: base.fg(Color::Magenta),
            kicker: base.fg(Color::Gray),
            headline: base.fg(Color::White).add_modifier(Modifier::BOLD),
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
        Theme {
            name: "light",
            title_bar: base.fg(Color::Black).bg(Color::Gray),
            title_bar_focused: base
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            selected: base.fg(Color::White).bg(Color::Blue),
            selected_unfocused: base.bg(Color::Gray),
            dim: base.fg(Color::DarkGray),
            page_heading: base.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            kicker: base.fg(Color::DarkGray),
            headline: base.fg(Color::Black).add_modifier(Modifier::BOLD),
            subheadline: base.fg(Color::Blue),
            byline: base.fg(Color::Green),
            subhead: base.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            caption: base.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            status: base.fg(Color::Black).bg(Color::Gray),
            matched: base
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ..Theme::dark()
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

    pub fn by_name(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "none" => Some(Theme::none()),
            _ => None,
        }
    }
}
