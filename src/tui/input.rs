//! A one-line text editor for the query line and the review editors.
//!
//! Chinese arrives from the terminal's input method as committed characters
//! (key events) or as a bracketed paste; both insert at the cursor. The
//! cursor column is measured with kanbao's width function so the terminal's
//! cursor (where the input method draws its candidate window) sits right.

use crate::layout::{AmbiguousWidth, str_width};

/// Keys a one-line editor understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-u: delete from the start of the line to the cursor.
    KillToStart,
    /// Ctrl-w: delete the word before the cursor (and the spaces after it).
    KillWord,
    /// Tab: toggles the filter's scope, or the corrected field.
    Tab,
    Up,
    Down,
    Submit,
    Cancel,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Byte offset of the cursor in `text`, always on a char boundary.
    pub cursor: usize,
    /// The whole text is selected (a query offered again): typing
    /// replaces it, deleting clears it, moving the cursor keeps it.
    pub selected: bool,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.len(),
            selected: false,
        }
    }

    /// `text`, selected, with the cursor at its end.
    pub fn selected(text: &str) -> LineInput {
        LineInput {
            selected: !text.is_empty(),
            ..LineInput::new(text)
        }
    }

    /// Puts `text` in the line (a query from the history), cursor at the end.
    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    /// Drops a selected text (typing or deleting replaces it); true when
    /// there was one.
    fn take_selection(&mut self) -> bool {
        let was = std::mem::take(&mut self.selected);
        if was {
            self.text.clear();
            self.cursor = 0;
        }
        was
    }

    /// Inserts text at the cursor; newlines and controls become nothing
    /// (the line stays one line).
    /// Inserts at the cursor. A one-line field: pasted lines (terminals end
    /// them in \r, \n or both) are joined by one space, never glued.
    pub fn insert(&mut self, s: &str) {
        self.take_selection();
        let joined;
        let s = if s.contains(['\r', '\n']) {
            joined = s
                .split(['\r', '\n'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            joined.as_str()
        } else {
            s
        };
        // Escape sequences go whole (a pasted `ESC[31m` leaves no `[31m`).
        let clean: String = crate::decode::clean(s)
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Applies an editing key; returns true when the text changed.
    pub fn apply(&mut self, key: InputKey) -> bool {
        let deletes = matches!(
            key,
            InputKey::Backspace | InputKey::Delete | InputKey::KillToStart | InputKey::KillWord
        );
        if deletes && self.take_selection() {
            return true;
        }
        if matches!(
            key,
            InputKey::Left | InputKey::Right | InputKey::Home | InputKey::End
        ) {
            self.selected = false;
        }
        match key {
            InputKey::Char(c) => {
                self.insert(c.encode_utf8(&mut [0; 4]));
                true
            }
            InputKey::Backspace => match self.text[..self.cursor].chars().next_back() {
                Some(c) => {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                    true
                }
                None => false,
            },
            InputKey::Delete if self.cursor < self.text.len() => {
                self.text.remove(self.cursor);
                true
            }
            InputKey::Left => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
                false
            }
            InputKey::Right => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
                false
            }
            InputKey::Home => {
                self.cursor = 0;
                false
            }
            InputKey::End => {
                self.cursor = self.text.len();
                false
            }
            InputKey::KillToStart => {
                let changed = self.cursor > 0;
                self.text.drain(..self.cursor);
                self.cursor = 0;
                changed
            }
            InputKey::KillWord => {
                // As a shell's Ctrl-w: the spaces before the cursor, then
                // the word before them. A run of Chinese is one word.
                let before = &self.text[..self.cursor];
                let word_end = before.trim_end().len();
                let start = before[..word_end]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let changed = start < self.cursor;
                self.text.drain(start..self.cursor);
                self.cursor = start;
                changed
            }
            _ => false,
        }
    }

    /// Display columns before the cursor.
    pub fn cursor_column(&self, amb: AmbiguousWidth) -> usize {
        str_width(&self.text[..self.cursor], amb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_chinese_by_characters() {
        let mut l = LineInput::new("株洲");
        l.apply(InputKey::Char('日'));
        l.insert("报社");
        assert_eq!(l.text, "株洲日报社");
        l.apply(InputKey::Backspace);
        l.apply(InputKey::Left);
        l.apply(InputKey::Delete);
        assert_eq!(l.text, "株洲日");
        assert_eq!(l.cursor_column(AmbiguousWidth::Narrow), 6);
        l.apply(InputKey::Home);
        l.apply(InputKey::Char('《'));
        assert_eq!(l.text, "《株洲日");
        l.insert("a\nb\u{1b}");
        assert_eq!(l.text, "《a b株洲日");
        l.insert("第一行\r第二行\r\n");
        assert_eq!(l.text, "《a b第一行 第二行株洲日");
        l.insert(" ");
        assert_eq!(l.text, "《a b第一行 第二行 株洲日", "a typed space stays");
    }

    #[test]
    fn shell_editing_keys() {
        let mut l = LineInput::new("mtf 跨省 通报");
        assert!(l.apply(InputKey::KillWord));
        assert_eq!(l.text, "mtf 跨省 ");
        assert!(l.apply(InputKey::KillWord), "spaces, then the word");
        assert_eq!(l.text, "mtf ");
        l.apply(InputKey::Char('x'));
        l.apply(InputKey::Left);
        assert!(l.apply(InputKey::KillToStart));
        assert_eq!((l.text.as_str(), l.cursor), ("x", 0));
        assert!(!l.apply(InputKey::KillToStart), "nothing before the cursor");
        assert!(!l.apply(InputKey::KillWord));
    }

    #[test]
    fn a_selected_query_is_replaced_by_typing_and_kept_by_moving() {
        let mut l = LineInput::selected("春运");
        l.apply(InputKey::Char('c'));
        assert_eq!(l.text, "c");
        let mut l = LineInput::selected("春运");
        l.insert("粘贴");
        assert_eq!(l.text, "粘贴");
        let mut l = LineInput::selected("春运");
        assert!(l.apply(InputKey::Backspace));
        assert_eq!(l.text, "");
        let mut l = LineInput::selected("春运");
        l.apply(InputKey::Left);
        l.apply(InputKey::Char('x'));
        assert_eq!(l.text, "春x运", "moving ends the selection, keeps the text");
        assert!(!LineInput::selected("").selected);
    }
}
