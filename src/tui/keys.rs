//! Keys → actions. One table holds every binding — the panes' keys and
//! those of the query line, the editors and the bookmark list — with its
//! help text; the help overlay, the README and config overrides all read it.
//! Keys are kanbao's own [`Key`]s: the terminal shell converts crossterm's.

use super::action::Action;
use super::input::InputKey;
use crate::key::{Key, KeyCode, Modifiers};
use std::collections::BTreeMap;

/// Where a key is read, which decides what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The issue and article lists and the reader.
    Panes,
    /// A line being typed: the filter, the body search, an editor. A
    /// character no binding takes is typed.
    Line,
    /// A list with no line (the bookmarks): its own keys, then the line's.
    List,
}

/// One bindable action: its config name, where it applies, what it does,
/// and its line in the help.
#[derive(Debug, Clone)]
pub struct Binding {
    pub name: &'static str,
    pub context: Context,
    pub action: Action,
    pub help: &'static str,
}

const fn panes(name: &'static str, action: Action, help: &'static str) -> Binding {
    Binding {
        name,
        context: Context::Panes,
        action,
        help,
    }
}

const fn line(name: &'static str, key: InputKey, help: &'static str) -> Binding {
    Binding {
        name,
        context: Context::Line,
        action: Action::Input(key),
        help,
    }
}

const fn list(name: &'static str, key: InputKey, help: &'static str) -> Binding {
    Binding {
        name,
        context: Context::List,
        action: Action::Input(key),
        help,
    }
}

/// Every binding, in help order. The default keys live in
/// `assets/config.ron`, the one place that lists them.
pub const BINDINGS: &[Binding] = &[
    panes("down", Action::Down, "move down / scroll down"),
    panes("up", Action::Up, "move up / scroll up"),
    panes("focus_left", Action::FocusLeft, "pane to the left"),
    panes("focus_right", Action::FocusRight, "pane to the right"),
    panes(
        "open",
        Action::Open,
        "open: issue → articles → reader; in it, follow 下转/上接",
    ),
    panes("back", Action::Back, "back, or close what is open"),
    panes("top", Action::Top, "top"),
    panes("bottom", Action::Bottom, "bottom"),
    panes("half_page_down", Action::HalfPageDown, "half a page down"),
    panes("half_page_up", Action::HalfPageUp, "half a page up"),
    panes("page_down", Action::PageDown, "a page down"),
    panes("page_up", Action::PageUp, "a page up"),
    panes(
        "next_article",
        Action::NextArticle,
        "next article (across pages and issues)",
    ),
    panes("prev_article", Action::PrevArticle, "previous article"),
    panes("next_issue", Action::NextIssue, "next issue"),
    panes("prev_issue", Action::PrevIssue, "previous issue"),
    panes("next_page", Action::NextPage, "next page (版) of the issue"),
    panes("prev_page", Action::PrevPage, "previous page (版)"),
    panes(
        "next_unread",
        Action::NextUnread,
        "next unread article (across issues)",
    ),
    panes(
        "jump_back",
        Action::JumpBack,
        "back from a followed jump note",
    ),
    panes(
        "go_to_date",
        Action::GoToDate,
        "go to the issue nearest a date: 2021-01-10, 2021-01, 2021",
    ),
    panes(
        "toggle_issues",
        Action::ToggleIssues,
        "show or hide the issue list",
    ),
    panes(
        "filter",
        Action::Filter,
        "filter headlines (pinyin too); Tab: this issue / all",
    ),
    panes("search", Action::Search, "search article text"),
    panes(
        "next_match",
        Action::NextMatch,
        "next search match in the article",
    ),
    panes("prev_match", Action::PrevMatch, "previous search match"),
    panes(
        "bookmark",
        Action::Bookmark,
        "bookmark the article (again: remove)",
    ),
    panes("bookmarks", Action::Bookmarks, "list bookmarks"),
    panes(
        "review_status",
        Action::ReviewStatus,
        "review: unreviewed → ok → needs fix",
    ),
    panes(
        "review_ok_next",
        Action::ReviewOkNext,
        "review: mark ok, go to the next article",
    ),
    panes(
        "review_fix_next",
        Action::ReviewFixNext,
        "review: mark needs fix, go to the next article",
    ),
    panes(
        "review_filter",
        Action::ReviewFilter,
        "show only articles that still need work",
    ),
    panes("edit_note", Action::EditNote, "edit the review note"),
    panes(
        "edit_headline",
        Action::EditHeadline,
        "correct the headline (Tab: the kicker)",
    ),
    panes("edit_date", Action::EditDate, "correct the issue's date"),
    panes(
        "show_original",
        Action::ShowOriginal,
        "show the parse: no title or structural correction (again: back)",
    ),
    panes(
        "source",
        Action::Source,
        "source view: the page's lines, numbers and roles (again: close)",
    ),
    panes(
        "issue_notes",
        Action::IssueNotes,
        "the issue's warnings and fragments (again: close)",
    ),
    panes(
        "split_here",
        Action::SplitHere,
        "source view: the cursor's line starts a new article",
    ),
    panes(
        "merge_previous",
        Action::MergePrevious,
        "source view: the article joins the one before it",
    ),
    panes(
        "merge_next",
        Action::MergeNext,
        "source view: the article joins the one after it",
    ),
    panes(
        "move_here",
        Action::MoveHere,
        "source view: the cursor's line or the run goes into the article",
    ),
    panes(
        "set_role",
        Action::SetRole,
        "source view: choose the cursor's line's role (Esc: cancel)",
    ),
    panes(
        "select_run",
        Action::SelectRun,
        "source view: start a run of lines here (again or Esc: clear)",
    ),
    panes(
        "undo",
        Action::Undo,
        "undo the last review action (mark, note, correction)",
    ),
    panes(
        "copy",
        Action::Copy,
        "copy the article to the clipboard (OSC 52)",
    ),
    panes("pipe", Action::Pipe, "pipe the article to a shell command"),
    panes("help", Action::ToggleHelp, "this help"),
    panes("quit", Action::Quit, "quit (Ctrl-c always quits)"),
    line(
        "submit",
        InputKey::Submit,
        "typing: open the hit, run the search, save the edit",
    ),
    line(
        "cancel",
        InputKey::Cancel,
        "typing: close, back where you were",
    ),
    line(
        "switch",
        InputKey::Tab,
        "typing: filter this issue / all; headline / kicker",
    ),
    line(
        "next_hit",
        InputKey::Down,
        "typing: next hit; with no hits, a newer query",
    ),
    line(
        "prev_hit",
        InputKey::Up,
        "typing: previous hit; on the first, an older query",
    ),
    line("cursor_left", InputKey::Left, "typing: cursor left"),
    line("cursor_right", InputKey::Right, "typing: cursor right"),
    line("line_start", InputKey::Home, "typing: cursor to the start"),
    line("line_end", InputKey::End, "typing: cursor to the end"),
    line(
        "delete_back",
        InputKey::Backspace,
        "typing: delete before the cursor",
    ),
    line("delete", InputKey::Delete, "typing: delete at the cursor"),
    line(
        "delete_to_start",
        InputKey::KillToStart,
        "typing: delete to the start of the line",
    ),
    line(
        "delete_word",
        InputKey::KillWord,
        "typing: delete the word before the cursor",
    ),
    list("list_down", InputKey::Down, "bookmark list: next"),
    list("list_up", InputKey::Up, "bookmark list: previous"),
    list("list_close", InputKey::Cancel, "bookmark list: close"),
];

#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per binding of [`BINDINGS`], in order, its keys.
    keys: Vec<Vec<Key>>,
}

impl Default for Keymap {
    /// The defaults of `assets/config.ron`.
    fn default() -> Self {
        Keymap::from_config(&crate::config::Config::default().keys).0
    }
}

impl Keymap {
    /// The config's `keys` (defaults with the user's entries merged in).
    /// Unknown action names and clashes are reported, not fatal.
    pub fn from_config(config: &BTreeMap<String, Vec<Key>>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        for name in config.keys() {
            if !BINDINGS.iter().any(|b| b.name == name) {
                problems.push(format!("unknown key action {name:?}"));
            }
        }
        let mut keys: Vec<Vec<Key>> = BINDINGS
            .iter()
            .map(|b| config.get(b.name).cloned().unwrap_or_default())
            .collect();
        // One key, two actions where both apply: the first listed wins, so
        // say which, and take the key off the losing action, so that the
        // help and the status line never show a key for what it won't do.
        let mut seen: Vec<(Key, Context, &str)> = Vec::new();
        for (b, keys) in BINDINGS.iter().zip(keys.iter_mut()) {
            let mut kept = Vec::with_capacity(keys.len());
            for key in keys.iter() {
                if *key == Key::CTRL_C && b.action != Action::Quit {
                    problems.push(format!("{}: ctrl-c always quits", b.name));
                } else if let Some((_, _, first)) =
                    seen.iter().find(|(k, c, _)| k == key && *c == b.context)
                {
                    problems.push(format!(
                        "{} is bound to both {first} and {}: {first} wins",
                        key.label(),
                        b.name
                    ));
                } else {
                    seen.push((*key, b.context, b.name));
                    kept.push(*key);
                }
            }
            *keys = kept;
        }
        (Keymap { keys }, problems)
    }

    fn find(&self, key: &Key, context: Context) -> Option<Action> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .find(|(b, keys)| b.context == context && keys.contains(key))
            .map(|(b, _)| b.action.clone())
    }

    /// The action for a key pressed where `context` says; Ctrl-c always
    /// quits.
    pub fn action(&self, key: &Key, context: Context) -> Option<Action> {
        if *key == Key::CTRL_C {
            return Some(Action::Quit);
        }
        if context == Context::Panes {
            return self.find(key, Context::Panes);
        }
        let contexts: &[Context] = match context {
            Context::List => &[Context::List, Context::Line],
            _ => &[Context::Line],
        };
        let plain = Key::plain(key.code);
        for &c in contexts {
            if let Some(action) = self.find(key, c) {
                return Some(action);
            }
            // Terminals add modifiers to named keys unevenly (Ctrl-←,
            // Alt-Backspace): while typing, those keys mean themselves. Alt
            // with a character is the character (some input methods send it).
            let loose = match key.code {
                KeyCode::Char(_) => !key.modifiers.ctrl,
                _ => true,
            };
            if loose
                && key.modifiers != Modifiers::NONE
                && let Some(action) = self.find(&plain, c)
            {
                return Some(action);
            }
        }
        match key.code {
            KeyCode::Char(c) if !key.modifiers.ctrl => Some(Action::Input(InputKey::Char(c))),
            _ => None,
        }
    }

    /// The first key bound to `action`, as the help writes it (for hints
    /// that follow the user's bindings).
    pub fn key_label(&self, action: &Action) -> Option<String> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .find(|(b, _)| b.action == *action)
            .and_then(|(_, keys)| keys.first())
            .map(Key::label)
    }

    /// (keys, description) lines for the help overlay and the README.
    pub fn help_lines(&self) -> Vec<(String, &'static str)> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .map(|(b, keys)| {
                let labels: Vec<String> = keys.iter().map(Key::label).collect();
                (labels.join(" "), b.help)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: Modifiers) -> Key {
        Key::new(code, modifiers)
    }

    fn panes(k: &Keymap, key: Key) -> Option<Action> {
        k.action(&key, Context::Panes)
    }

    #[test]
    fn defaults() {
        let k = Keymap::default();
        let none = Modifiers::NONE;
        assert_eq!(panes(&k, key(KeyCode::Char('j'), none)), Some(Action::Down));
        assert_eq!(
            panes(&k, key(KeyCode::Char('G'), none)),
            Some(Action::Bottom)
        );
        assert_eq!(
            panes(&k, key(KeyCode::Char('d'), Modifiers::CTRL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            panes(&k, key(KeyCode::BackTab, none)),
            Some(Action::FocusLeft)
        );
        assert_eq!(
            panes(&k, key(KeyCode::Char('}'), none)),
            Some(Action::NextIssue)
        );
        assert_eq!(panes(&k, key(KeyCode::Char('Z'), none)), None);
        assert_eq!(panes(&k, key(KeyCode::Char('j'), Modifiers::ALT)), None);
    }

    #[test]
    fn typing_and_list_keys() {
        let k = Keymap::default();
        let input = |key: Key, c: Context| k.action(&key, c);
        let none = Modifiers::NONE;
        let typed = |c: char| Some(Action::Input(InputKey::Char(c)));
        assert_eq!(
            input(key(KeyCode::Char('j'), none), Context::Line),
            typed('j')
        );
        assert_eq!(
            input(key(KeyCode::Char('j'), none), Context::List),
            Some(Action::Input(InputKey::Down))
        );
        assert_eq!(
            input(key(KeyCode::Char('q'), Modifiers::ALT), Context::List),
            Some(Action::Input(InputKey::Cancel))
        );
        assert_eq!(
            input(key(KeyCode::Char('n'), Modifiers::CTRL), Context::Line),
            Some(Action::Input(InputKey::Down))
        );
        assert_eq!(
            input(key(KeyCode::Enter, none), Context::List),
            Some(Action::Input(InputKey::Submit))
        );
        assert_eq!(
            input(key(KeyCode::BackTab, none), Context::Line),
            Some(Action::Input(InputKey::Tab))
        );
        assert_eq!(
            input(key(KeyCode::Backspace, Modifiers::ALT), Context::Line),
            Some(Action::Input(InputKey::Backspace))
        );
        assert_eq!(
            input(key(KeyCode::Char('x'), Modifiers::ALT), Context::Line),
            typed('x')
        );
        assert_eq!(
            input(key(KeyCode::Char('x'), Modifiers::CTRL), Context::Line),
            None
        );
        assert_eq!(input(Key::CTRL_C, Context::Line), Some(Action::Quit));
        assert_eq!(input(key(KeyCode::F(1), none), Context::Line), None);
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

    fn keys(specs: &[&str]) -> Vec<Key> {
        specs.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn overrides_replace_and_ctrl_c_always_quits() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), keys(&["Z"]));
        o.insert("nonsense".to_string(), keys(&["Y"]));
        o.insert("down".to_string(), keys(&["n"]));
        let mut config = crate::config::Config::default().keys;
        config.extend(o);
        let (k, problems) = Keymap::from_config(&config);
        let none = Modifiers::NONE;
        assert_eq!(panes(&k, key(KeyCode::Char('Z'), none)), Some(Action::Quit));
        assert_eq!(panes(&k, key(KeyCode::Char('q'), none)), None);
        assert_eq!(
            panes(&k, key(KeyCode::Char('c'), Modifiers::CTRL)),
            Some(Action::Quit)
        );
        // `n` was next_match's: the clash is said too
        assert_eq!(problems.len(), 2, "{problems:?}");
        // a key taken from another action, and ctrl-c, are reported
        let mut clash = crate::config::Config::default().keys;
        clash.insert("down".to_string(), keys(&["k"]));
        clash.insert("help".to_string(), keys(&["ctrl-c"]));
        let (_, problems) = Keymap::from_config(&clash);
        assert!(
            problems.iter().any(|p| p.contains("k is bound to both")),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p.contains("ctrl-c always quits")));
        assert!(
            k.help_lines()
                .iter()
                .any(|(keys, help)| keys == "Z" && help.starts_with("quit"))
        );
        // A key the config gives to an action that loses the clash is not
        // shown for it: `j` stays down's, and quit is not labelled `j`.
        let mut lost = crate::config::Config::default().keys;
        lost.insert("quit".to_string(), keys(&["j"]));
        let (lost, why) = Keymap::from_config(&lost);
        assert!(why.iter().any(|p| p.contains("down wins")), "{why:?}");
        assert_ne!(lost.key_label(&Action::Quit).as_deref(), Some("j"));
        assert!(
            !lost
                .help_lines()
                .iter()
                .any(|(keys, help)| keys == "j" && help.starts_with("quit"))
        );
        // The same key in another context is no clash: Enter opens and
        // submits.
        assert!(
            !problems.iter().any(|p| p.contains("Enter")),
            "{problems:?}"
        );
    }
}
