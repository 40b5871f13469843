//! The terminal itself: taking it over and giving it back, and turning
//! crossterm's events into kanbao's keys and actions (the only place the
//! reader sees crossterm's events).

use super::action::Action;
use super::app::App;
use super::keys::Context;
use super::overlay::Overlay;
use crate::key::{Key, KeyCode, Modifiers};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};

/// Restores the terminal to how the shell expects it. Safe to call twice.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Holds the terminal in raw mode for its lifetime.
pub(super) struct TerminalGuard {
    pub(super) terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    pub(super) fn enter() -> io::Result<TerminalGuard> {
        // Restore first, then let the default hook print the panic message
        // onto a usable screen.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(e) =
            execute!(stdout, EnterAlternateScreen, EnableBracketedPaste).and_then(|_| {
                match mouse_wanted() {
                    true => execute!(stdout, EnableMouseCapture),
                    false => Ok(()),
                }
            })
        {
            restore_terminal();
            return Err(e);
        }
        let terminal = match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(t) => t,
            Err(e) => {
                restore_terminal();
                return Err(e);
            }
        };
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Turns a terminal event into an action. While a query line or editor is
/// open, keys edit it instead of moving around.
pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(k) => {
            let key = key_of(k)?;
            match &app.overlay {
                // The help says "other keys close": an unbound key closes it
                // too, and so does the quit key, as in less (it quits only
                // from the main screen; Ctrl-c always quits).
                _ if app.help => Some(match app.keymap.action(&key, Context::Panes) {
                    Some(Action::Quit) if key != Key::CTRL_C => Action::Back,
                    Some(action) => action,
                    None => Action::Back,
                }),
                Some(Overlay::Bookmarks(_)) => app.keymap.action(&key, Context::List),
                Some(_) => app.keymap.action(&key, Context::Line),
                None => app.keymap.action(&key, Context::Panes),
            }
        }
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                x: m.column,
                y: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                x: m.column,
                y: m.row,
                down: false,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// crossterm's key event as kanbao's [`Key`]: the one place the two meet.
/// A release is no key. Characters arrive as typed (`G` with shift held), so
/// shift is dropped: it is in the character, or in `BackTab`.
pub fn key_of(k: &KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as C;
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let code = match k.code {
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        C::Insert => KeyCode::Insert,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let modifiers = Modifiers {
        ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
        alt: k.modifiers.contains(KeyModifiers::ALT),
    };
    Some(Key { code, modifiers })
}

/// Whether the reader holds the terminal (raw mode on): the clipboard
/// sequence and a pipe's screen switch are for a terminal, not for tests.
fn reader_on_terminal() -> bool {
    crossterm::terminal::is_raw_mode_enabled().unwrap_or(false)
}

/// Sends the OSC 52 sequence for `text` (in tmux, also passed through to
/// the terminal outside) and says what became of it.
pub(super) fn copy_to_clipboard(text: &str) -> String {
    use super::clipboard::{cannot_copy, osc52, tmux_passthrough};
    use std::io::Write;
    if !reader_on_terminal() {
        return "no terminal to copy to".into();
    }
    let term = std::env::var("TERM").ok();
    let in_tmux = std::env::var_os("TMUX").is_some();
    let tmux_option = |name: &str| {
        std::process::Command::new("tmux")
            .args(["show-options", "-gv", name])
            .stderr(std::process::Stdio::null())
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    };
    let tmux = in_tmux.then(|| {
        (
            tmux_option("set-clipboard"),
            tmux_option("allow-passthrough"),
        )
    });
    if let Some(why) = cannot_copy(
        term.as_deref(),
        tmux.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
    ) {
        return why;
    }
    let sequence = osc52(text);
    let mut bytes = sequence.clone();
    if in_tmux {
        bytes.extend(tmux_passthrough(&sequence));
    }
    let mut out = io::stdout().lock();
    match out.write_all(&bytes).and_then(|_| out.flush()) {
        Ok(()) => format!(
            "copied {} characters (OSC 52; a terminal that refuses it says nothing)",
            text.chars().count()
        ),
        Err(e) => format!("not copied: {e}"),
    }
}

/// Runs `f` on the terminal's normal screen, as less runs a command: the
/// reader's screen is left (raw mode off, mouse released) and entered
/// again afterwards. `f` is told whether to wait for Enter (only on a
/// terminal). Returns `f`'s answer and whether the screen must be drawn
/// again whole.
pub(super) fn outside<T>(f: impl FnOnce(bool) -> T) -> (T, bool) {
    if !reader_on_terminal() {
        return (f(false), false);
    }
    restore_terminal();
    let answer = f(true);
    let _ = enable_raw_mode();
    let _ = execute!(
        io::stdout(),
        EnterAlternateScreen,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
        EnableBracketedPaste
    );
    if mouse_wanted() {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    (answer, true)
}

static MOUSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Whether the reader takes the mouse (the `mouse` setting, `--no-mouse`).
fn mouse_wanted() -> bool {
    MOUSE.load(std::sync::atomic::Ordering::Relaxed)
}

/// Leaves the mouse to the terminal (its own selection works) or takes it
/// (wheel and clicks reach the reader); set before the terminal is entered.
pub fn set_mouse(on: bool) {
    MOUSE.store(on, std::sync::atomic::Ordering::Relaxed);
}
