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
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    /// Inserts text at the cursor; newlines and controls become nothing
    /// (the line stays one line).
    /// Inserts at the cursor. A one-line field: pasted lines (terminals end
    /// them in \r, \n or both) are joined by one space, never glued.
    pub fn insert(&mut self, s: &str) {
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
}
