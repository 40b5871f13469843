//! The role chooser of the source view: `r` opens it on the cursor's line,
//! a letter sets the line's role at once (`b` byline, `h` headline…), the
//! arrows and Enter pick from the list, Esc leaves the line as it is. The
//! role is set as a structural correction (see `source_fix.rs`).

use super::app::App;
use super::input::InputKey;
use super::overlay::Overlay;
use crate::source_view::Role;

/// The roles an archivist sets, each with the letter that chooses it, in
/// the order the chooser lists them (a page's order, top to bottom, the
/// page's own parts last). `jump` and `duplicate` are found by the parser,
/// never set.
pub const ROLE_CHOICES: [(char, Role); 11] = [
    ('k', Role::Kicker),
    ('h', Role::Headline),
    ('s', Role::Subheadline),
    ('b', Role::Byline),
    ('d', Role::Dateline),
    ('t', Role::Body),
    ('u', Role::Subhead),
    ('c', Role::Caption),
    ('e', Role::Section),
    ('m', Role::Masthead),
    ('f', Role::Fragment),
];

/// The open chooser: for which source line, the role it has now, and the
/// row the arrows have reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChooser {
    pub line: u32,
    pub current: Option<Role>,
    pub selected: usize,
}

impl App {
    /// `r`: the chooser for the source view's cursor line, or why not.
    pub(super) fn open_role_chooser(&mut self) {
        let place = match self.correction_place() {
            Ok(p) => p,
            Err(why) => {
                self.status = Some(why);
                return;
            }
        };
        let current = self
            .source
            .as_ref()
            .and_then(|p| p.lines.get(p.cursor))
            .and_then(|l| l.role);
        let selected = ROLE_CHOICES
            .iter()
            .position(|(_, r)| Some(*r) == current)
            .unwrap_or(0);
        self.overlay = Some(Overlay::Roles(RoleChooser {
            line: place.here.line,
            current,
            selected,
        }));
    }

    pub(super) fn role_key(&mut self, key: InputKey) {
        let Some(Overlay::Roles(c)) = &mut self.overlay else {
            return;
        };
        let last = ROLE_CHOICES.len() - 1;
        let chosen = match key {
            InputKey::Cancel => {
                self.overlay = None;
                self.status = Some("role unchanged".into());
                return;
            }
            InputKey::Up => {
                c.selected = c.selected.checked_sub(1).unwrap_or(last);
                return;
            }
            InputKey::Down | InputKey::Tab => {
                c.selected = if c.selected >= last {
                    0
                } else {
                    c.selected + 1
                };
                return;
            }
            InputKey::Submit => ROLE_CHOICES[c.selected.min(last)].1,
            InputKey::Char(ch) => {
                let ch = ch.to_ascii_lowercase();
                match ROLE_CHOICES.iter().find(|(k, _)| *k == ch) {
                    Some((_, role)) => *role,
                    None => {
                        self.status =
                            Some(format!("no role on {ch}: a letter of the list, or Esc"));
                        return;
                    }
                }
            }
            _ => return,
        };
        self.overlay = None;
        self.set_line_role(chosen);
    }
}
