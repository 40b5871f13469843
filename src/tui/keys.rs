//! Keys → actions. One table holds the default bindings with their help
//! text; the help overlay, the README and config overrides all read it.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::BTreeMap;

/// A key as written in the config and shown in help: `q`, `ctrl-d`,
/// `shift-tab`, `alt-x`, `pgdn`, `space`, `f1`, `G`, `{`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeySpec {
    /// Reads the grammar `config::is_valid_key_spec` accepts.
    pub fn parse(s: &str) -> Option<KeySpec> {
        let mut spec = KeySpec {
            code: KeyCode::Null,
            ctrl: false,
            alt: false,
        };
        let mut shift = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.len() > 5 && lower.starts_with("ctrl-") {
                spec.ctrl = true;
                rest = &rest[5..];
            } else if lower.len() > 4 && lower.starts_with("alt-") {
                spec.alt = true;
                rest = &rest[4..];
            } else if lower.len() > 6 && lower.starts_with("shift-") {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let name = rest.to_ascii_lowercase();
        spec.code = match name.as_str() {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" if shift => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgdn" => KeyCode::PageDown,
            "pgup" => KeyCode::PageUp,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            f if f.len() > 1
                && f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().ok()?)
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return None,
                }
            }
        };
        Some(spec)
    }

    pub fn matches(&self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        // Characters arrive as typed (`G` with shift held): compare the
        // character and ignore shift.
        self.code == key.code && ctrl == self.ctrl && alt == self.alt
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
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if self.ctrl {
            label.push_str("C-");
        }
        if self.alt {
            label.push_str("M-");
        }
        label.push_str(&name);
        label
    }
}

/// (config name, action, help text), in help order. The default keys live in
/// `assets/config.ron`, the one place that lists them.
pub const BINDINGS: &[(&str, Action, &str)] = &[
    ("down", Action::Down, "move down / scroll down"),
    ("up", Action::Up, "move up / scroll up"),
    ("focus_left", Action::FocusLeft, "pane to the left"),
    ("focus_right", Action::FocusRight, "pane to the right"),
    (
        "open",
        Action::Open,
        "open: issue → its articles, article → reader",
    ),
    ("back", Action::Back, "back, or close what is open"),
    ("top", Action::Top, "top"),
    ("bottom", Action::Bottom, "bottom"),
    ("half_page_down", Action::HalfPageDown, "half a page down"),
    ("half_page_up", Action::HalfPageUp, "half a page up"),
    ("page_down", Action::PageDown, "a page down"),
    ("page_up", Action::PageUp, "a page up"),
    (
        "next_article",
        Action::NextArticle,
        "next article (across pages and issues)",
    ),
    ("prev_article", Action::PrevArticle, "previous article"),
    ("next_issue", Action::NextIssue, "next issue"),
    ("prev_issue", Action::PrevIssue, "previous issue"),
    (
        "toggle_issues",
        Action::ToggleIssues,
        "show or hide the issue list",
    ),
    (
        "filter",
        Action::Filter,
        "filter headlines (pinyin too); Tab: this issue / all",
    ),
    ("search", Action::Search, "search article text"),
    (
        "next_match",
        Action::NextMatch,
        "next search match in the article",
    ),
    ("prev_match", Action::PrevMatch, "previous search match"),
    (
        "bookmark",
        Action::Bookmark,
        "bookmark the article (again: remove)",
    ),
    ("bookmarks", Action::Bookmarks, "list bookmarks"),
    (
        "review_status",
        Action::ReviewStatus,
        "review: unreviewed → ok → needs fix",
    ),
    (
        "review_filter",
        Action::ReviewFilter,
        "show only articles that still need work",
    ),
    ("edit_note", Action::EditNote, "edit the review note"),
    (
        "edit_headline",
        Action::EditHeadline,
        "correct the headline (Tab: the kicker)",
    ),
    ("edit_date", Action::EditDate, "correct the issue's date"),
    (
        "show_original",
        Action::ShowOriginal,
        "show the parsed headline instead of the correction",
    ),
    ("help", Action::ToggleHelp, "this help"),
    ("quit", Action::Quit, "quit (Ctrl-c always quits)"),
];

#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<(Action, Vec<KeySpec>)>,
}

impl Default for Keymap {
    /// The defaults of `assets/config.ron`.
    fn default() -> Self {
        Keymap::from_config(&crate::config::Config::default().keys).0
    }
}

impl Keymap {
    /// The config's `keys` (defaults with the user's entries merged in).
    /// Unknown action names and unreadable keys are reported, not fatal.
    pub fn from_config(keys: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        for name in keys.keys() {
            if !BINDINGS.iter().any(|(n, ..)| n == name) {
                problems.push(format!("unknown key action {name:?}"));
            }
        }
        let entries = BINDINGS
            .iter()
            .map(|(name, action, _)| {
                let specs = keys
                    .get(*name)
                    .into_iter()
                    .flatten()
                    .filter_map(|k| {
                        let spec = KeySpec::parse(k);
                        if spec.is_none() {
                            problems.push(format!("{name}: cannot read key {k:?}"));
                        }
                        spec
                    })
                    .collect();
                (action.clone(), specs)
            })
            .collect::<Vec<(Action, Vec<KeySpec>)>>();
        // One key, two actions: the first listed wins, so say which.
        let ctrl_c = KeySpec {
            code: KeyCode::Char('c'),
            ctrl: true,
            alt: false,
        };
        let mut seen: Vec<(KeySpec, &str)> = Vec::new();
        for ((name, action, _), (_, specs)) in BINDINGS.iter().zip(&entries) {
            for spec in specs {
                if *spec == ctrl_c && *action != Action::Quit {
                    problems.push(format!("{name}: ctrl-c always quits"));
                } else if let Some((_, first)) = seen.iter().find(|(s, _)| s == spec) {
                    problems.push(format!(
                        "{} is bound to both {first} and {name}: {first} wins",
                        spec.label()
                    ));
                } else {
                    seen.push((*spec, name));
                }
            }
        }
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
            .map(|(a, _)| a.clone())
    }

    /// The first key bound to `action`, as the help writes it (for hints
    /// that follow the user's bindings).
    pub fn key_label(&self, action: &Action) -> Option<String> {
        self.entries
            .iter()
            .find(|(a, _)| a == action)
            .and_then(|(_, specs)| specs.first())
            .map(KeySpec::label)
    }

    /// (keys, description) lines for the help overlay and the README.
    pub fn help_lines(&self) -> Vec<(String, &'static str)> {
        BINDINGS
            .iter()
            .zip(&self.entries)
            .map(|((_, _, help), (_, specs))| {
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
        assert_eq!(k.action(&key(KeyCode::Char('j'), KeyModifiers::ALT)), None);
    }

    #[test]
    fn every_action_has_a_default_key() {
        let k = Keymap::default();
        for (keys, help) in k.help_lines() {
            assert!(!keys.is_empty(), "no default key for: {help}");
        }
        let (_, problems) = Keymap::from_config(&crate::config::Config::default().keys);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn specs_with_modifiers_and_names() {
        assert_eq!(KeySpec::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert!(KeySpec::parse("alt-x").unwrap().alt);
        assert_eq!(KeySpec::parse("f5").unwrap().code, KeyCode::F(5));
        assert!(KeySpec::parse("ctrl-").is_none());
        assert!(KeySpec::parse("nonsense").is_none());
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
        let mut keys = crate::config::Config::default().keys;
        keys.extend(o);
        let (k, problems) = Keymap::from_config(&keys);
        assert_eq!(
            k.action(&key(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(k.action(&key(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(
            k.action(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        // `n` was next_match's: the clash is said too
        assert_eq!(problems.len(), 3, "{problems:?}");
        // a key taken from another action, and ctrl-c, are reported
        let mut clash = crate::config::Config::default().keys;
        clash.insert("down".to_string(), vec!["k".to_string()]);
        clash.insert("help".to_string(), vec!["ctrl-c".to_string()]);
        let (_, problems) = Keymap::from_config(&clash);
        assert!(
            problems.iter().any(|p| p.contains("k is bound to both")),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p.contains("ctrl-c always quits")));
        assert!(
            k.help_lines()
                .iter()
                .any(|(keys, help)| keys == "x" && help.starts_with("quit"))
        );
    }
}
