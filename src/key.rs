//! A key as kanbao knows it, free of any terminal library: what the config
//! names (`q`, `ctrl-d`, `shift-tab`, `alt-x`, `pgdn`, `space`, `f1`, `G`,
//! `{`), what the keymap matches and what the help shows. The terminal shell
//! turns crossterm's key events into [`Key`]s.
//!
//! The grammar: modifiers (`ctrl-`, `alt-`, `shift-`, each at most once,
//! case-insensitive) and then one character or a key name ([`KEY_NAMES`],
//! `f1`–`f12`, case-insensitive). A character is case-sensitive (`G` ≠ `g`):
//! characters arrive as typed, so shift is part of the character and
//! `shift-` before one changes nothing; `shift-tab` is [`KeyCode::BackTab`].

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    /// F1–F12.
    F(u8),
}

/// Ctrl and Alt; shift is part of the [`KeyCode`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Modifiers {
    pub ctrl: bool,
    pub alt: bool,
}

impl Modifiers {
    pub const NONE: Modifiers = Modifiers {
        ctrl: false,
        alt: false,
    };
    pub const CTRL: Modifiers = Modifiers {
        ctrl: true,
        alt: false,
    };
    pub const ALT: Modifiers = Modifiers {
        ctrl: false,
        alt: true,
    };
}

/// A key press: a key and the modifiers held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: Modifiers,
}

/// Names of the keys that are not characters, as the config writes them.
pub const KEY_NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    pub const fn new(code: KeyCode, modifiers: Modifiers) -> Key {
        Key { code, modifiers }
    }

    /// A key with no modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key::new(code, Modifiers::NONE)
    }

    /// Ctrl-c: always quits, whatever the keymap says.
    pub const CTRL_C: Key = Key::new(KeyCode::Char('c'), Modifiers::CTRL);

    /// The key as the help writes it: `C-d`, `M-x`, `S-Tab`, `↑`, `PgDn`.
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
        };
        let mut label = String::new();
        if self.modifiers.ctrl {
            label.push_str("C-");
        }
        if self.modifiers.alt {
            label.push_str("M-");
        }
        label.push_str(&name);
        label
    }
}

/// Why a text is not a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAKey(pub String);

impl fmt::Display for NotAKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a key: write a character (\"q\"), a key name \
             (\"enter\", \"pgdn\", \"f1\") or modifiers and a key (\"ctrl-c\", \"shift-tab\")",
            self.0
        )
    }
}

impl std::error::Error for NotAKey {}

impl FromStr for Key {
    type Err = NotAKey;

    fn from_str(spec: &str) -> Result<Key, NotAKey> {
        let not_a_key = || NotAKey(spec.to_string());
        let mut rest = spec;
        let mut modifiers = Modifiers::NONE;
        let mut shift = false;
        let mut seen = Vec::new();
        loop {
            let lower = rest.to_ascii_lowercase();
            let Some(modifier) = ["ctrl-", "alt-", "shift-"]
                .into_iter()
                .find(|m| lower.starts_with(m) && lower.len() > m.len())
            else {
                break;
            };
            if seen.contains(&modifier) {
                return Err(not_a_key());
            }
            seen.push(modifier);
            match modifier {
                "ctrl-" => modifiers.ctrl = true,
                "alt-" => modifiers.alt = true,
                _ => shift = true,
            }
            rest = &rest[modifier.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_control() || c.is_whitespace() => return Err(not_a_key()),
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let name = rest.to_ascii_lowercase();
                match KEY_NAMES.iter().find(|(n, _)| *n == name) {
                    Some((_, KeyCode::Tab)) if shift => KeyCode::BackTab,
                    Some((_, code)) => *code,
                    None => match name.strip_prefix('f').map(str::parse::<u8>) {
                        Some(Ok(n)) if (1..=12).contains(&n) && !name.starts_with("f0") => {
                            KeyCode::F(n)
                        }
                        _ => return Err(not_a_key()),
                    },
                }
            }
        };
        Ok(Key { code, modifiers })
    }
}

impl fmt::Display for Key {
    /// As the config writes it; reads back with [`FromStr`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(c) if c != ' ' => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let (name, _) = KEY_NAMES
                    .iter()
                    .find(|(_, c)| *c == code)
                    .expect("every named key has a name");
                f.write_str(name)
            }
        }
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spec = String::deserialize(d)?;
        spec.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        for ok in [
            "q",
            "G",
            "?",
            "-",
            "ctrl--",
            "ctrl-c",
            "Ctrl-C",
            "shift-tab",
            "pgdn",
            "f12",
            "alt-ctrl-x",
            "空",
        ] {
            assert!(ok.parse::<Key>().is_ok(), "{ok}");
        }
        for bad in [
            "",
            "ctrl-",
            "ctrl-ctrl-c",
            "pgdown",
            "f13",
            "f0",
            "f01",
            "qq",
            " ",
            "\t",
            "nonsense",
        ] {
            assert!(bad.parse::<Key>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_and_modifiers() {
        let key = |s: &str| s.parse::<Key>().unwrap();
        assert_eq!(key("shift-tab").code, KeyCode::BackTab);
        assert_eq!(key("backtab").code, KeyCode::BackTab);
        assert!(key("alt-x").modifiers.alt);
        assert_eq!(key("f5").code, KeyCode::F(5));
        assert_eq!(key("Ctrl-c"), Key::CTRL_C);
        assert_eq!(key("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(key("G"), Key::plain(KeyCode::Char('G')));
        assert_eq!(key("shift-g"), Key::plain(KeyCode::Char('g')));
        assert_eq!(key("ctrl-d").label(), "C-d");
        assert_eq!(key("shift-tab").label(), "S-Tab");
    }

    #[test]
    fn written_keys_read_back() {
        for spec in [
            "q",
            "ctrl-d",
            "alt-ctrl-x",
            "space",
            "pgdn",
            "f7",
            "backtab",
            "{",
        ] {
            let key: Key = spec.parse().unwrap();
            assert_eq!(key.to_string().parse::<Key>(), Ok(key), "{spec}");
        }
    }
}
