//! Keys → actions. One table holds the default bindings with their help
//! text; the help overlay, the README and config overrides all read it.

use super::app::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::BTreeMap;

/// A key as written in the config and shown in help: `q`, `ctrl-d`,
/// `shift-tab`, `pgdn`, `space`, `G`, `{`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl KeySpec {
    pub fn parse(s: &str) -> Option<KeySpec> {
        let (ctrl, name) = match s.strip_prefix("ctrl-") {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let code = match name {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "pgup" | "pageup" => KeyCode::PageUp,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            _ => {
                let mut chars = name.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return None,
                }
            }
        };
        Some(KeySpec { code, ctrl })
    }

    pub fn matches(&self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match (self.code, key.code) {
            // Letters arrive as typed (`G` with shift); compare the character.
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b && ctrl == self.ctrl,
            (a, b) => a == b && ctrl == self.ctrl,
        }
    }

    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("C-{name}") } else { name }
    }
}

/// (config name, action, default keys, help text), in help order.
pub const BINDINGS: &[(&str, Action, &[&str], &str)] = &[
    (
        "down",
        Action::Down,
        &["j", "down"],
        "move down / scroll down",
    ),
    ("up", Action::Up, &["k", "up"], "move up / scroll up"),
    (
        "focus_left",
        Action::FocusLeft,
        &["h", "left", "shift-tab"],
        "pane to the left",
    ),
    (
        "focus_right",
        Action::FocusRight,
        &["l", "right", "tab"],
        "pane to the right",
    ),
    (
        "open",
        Action::Open,
        &["enter"],
        "open: issue → its articles, article → reader",
    ),
    (
        "back",
        Action::Back,
        &["esc"],
        "back, or close what is open",
    ),
    ("top", Action::Top, &["g", "home"], "top"),
    ("bottom", Action::Bottom, &["G", "end"], "bottom"),
    (
        "half_page_down",
        Action::HalfPageDown,
        &["ctrl-d"],
        "half a page down",
    ),
    (
        "half_page_up",
        Action::HalfPageUp,
        &["ctrl-u"],
        "half a page up",
    ),
    (
        "page_down",
        Action::PageDown,
        &["space", "pgdn"],
        "a page down",
    ),
    ("page_up", Action::PageUp, &["b", "pgup"], "a page up"),
    (
        "next_article",
        Action::NextArticle,
        &["]"],
        "next article (across pages and issues)",
    ),
    (
        "prev_article",
        Action::PrevArticle,
        &["["],
        "previous article",
    ),
    ("next_issue", Action::NextIssue, &["}"], "next issue"),
    ("prev_issue", Action::PrevIssue, &["{"], "previous issue"),
    (
        "toggle_issues",
        Action::ToggleIssues,
        &["i"],
        "show or hide the issue list",
    ),
    ("help", Action::ToggleHelp, &["?"], "this help"),
    ("quit", Action::Quit, &["q"], "quit (Ctrl-c always quits)"),
];

#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<(Action, Vec<KeySpec>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with_overrides(&BTreeMap::new()).0
    }
}

impl Keymap {
    /// Defaults, with the config's `keys` replacing whole entries. Unknown
    /// action names and unreadable keys are reported, not fatal.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        for name in overrides.keys() {
            if !BINDINGS.iter().any(|(n, ..)| n == name) {
                problems.push(format!("unknown key action {name:?}"));
            }
        }
        let entries = BINDINGS
            .iter()
            .map(|(name, action, defaults, _)| {
                let specs: Vec<KeySpec> = match overrides.get(*name) {
                    Some(keys) => keys
                        .iter()
                        .filter_map(|k| {
                            let spec = KeySpec::parse(k);
                            if spec.is_none() {
                                problems.push(format!("{name}: cannot read key {k:?}"));
                            }
                            spec
                        })
                        .collect(),
                    None => defaults.iter().filter_map(|k| KeySpec::parse(k)).collect(),
                };
                (*action, specs)
            })
            .collect();
        (Keymap { entries }, problems)
    }

    /// The action for a key press; Ctrl-c always quits.
    pub fn action(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Action::Quit);
        }
        self.entries
            .iter()
            .find(|(_, specs)| specs.iter().any(|s| s.matches(key)))
            .map(|(a, _)| *a)
    }

    /// (keys, description) lines for the help overlay and the README.
    pub fn help_lines(&self) -> Vec<(String, &'static str)> {
        BINDINGS
            .iter()
            .zip(&self.entries)
            .map(|((_, _, _, help), (_, specs))| {
                let keys: Vec<String> = specs.iter().map(KeySpec::label).collect();
                (keys.join(" "), *help)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults() {
        let k = Keymap::default();
        assert_eq!(
            k.action(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(&key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            k.action(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusLeft)
        );
        assert_eq!(
            k.action(&key(KeyCode::Char('}'), KeyModifiers::SHIFT)),
            Some(Action::NextIssue)
        );
        assert_eq!(k.action(&key(KeyCode::Char('x'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn overrides_replace_and_ctrl_c_always_quits() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), vec!["x".to_string()]);
        o.insert("nonsense".to_string(), vec!["y".to_string()]);
        o.insert(
            "down".to_string(),
            vec!["n".to_string(), "ctrl-".to_string()],
        );
        let (k, problems) = Keymap::with_overrides(&o);
        assert_eq!(
            k.action(&key(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(k.action(&key(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(
            k.action(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            k.help_lines()
                .iter()
                .any(|(keys, help)| keys == "x" && help.starts_with("quit"))
        );
    }
}
