//! The terminal shell: keys → [`Action`] → [`update`] → [`draw`].
//!
//! The terminal is put back (raw mode off, alternate screen left, mouse
//! released, cursor shown) on every exit: a normal quit, an error, and a panic
//! (through a panic hook installed before the first frame).

pub mod app;
pub mod draw;
pub mod geometry;
pub mod keys;
pub mod text;
pub mod theme;

pub use app::{Action, App, Settings, update};
pub use keys::Keymap;

use crate::loader::Progress;
use crate::model::Archive;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use std::io::{self, Stdout};
use std::sync::mpsc;
use std::time::Duration;

/// Restores the terminal to how the shell expects it. Safe to call twice.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Holds the terminal in raw mode for its lifetime.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    fn enter() -> io::Result<TerminalGuard> {
        // Restore first, then let the default hook print the panic message
        // onto a usable screen.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableMouseCapture) {
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

/// Turns a terminal event into an action.
pub fn action_for(event: &Event, keymap: &Keymap) -> Option<Action> {
    match event {
        Event::Key(k) => keymap.action(k),
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

/// What the loading thread reports.
enum Loading {
    Progress(Progress),
    Done(Archive),
}

/// Runs the reader. `load` runs on a worker thread while the screen shows
/// its progress, so a large archive never leaves a frozen or blank screen.
pub fn run<F>(load: F, settings: Settings, keymap: Keymap) -> io::Result<()>
where
    F: FnOnce(&(dyn Fn(Progress) + Sync)) -> Archive + Send + 'static,
{
    let mut guard = TerminalGuard::enter()?;
    let (tx, rx) = mpsc::channel::<Loading>();
    let progress_tx = tx.clone();
    std::thread::spawn(move || {
        let progress_tx = std::sync::Mutex::new(progress_tx);
        let report = move |p: Progress| {
            if let Ok(tx) = progress_tx.lock() {
                let _ = tx.send(Loading::Progress(p));
            }
        };
        let archive = load(&report);
        let _ = tx.send(Loading::Done(archive));
    });

    // Loading screen until the archive arrives.
    let mut progress = Progress { done: 0, total: 0 };
    let archive = loop {
        let size = guard.terminal.size()?;
        guard
            .terminal
            .draw(|f| draw_loading(f, progress, &settings))?;
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(Loading::Progress(p)) => progress = p,
            Ok(Loading::Done(a)) => break a,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(io::Error::other("the loader stopped unexpectedly"));
            }
        }
        while event::poll(Duration::ZERO)? {
            if let Some(Action::Quit) = action_for(&event::read()?, &keymap) {
                return Ok(());
            }
        }
        let _ = size;
    };

    let size = guard.terminal.size()?;
    let mut app = App::new(archive, settings, Rect::new(0, 0, size.width, size.height));
    app.keymap = keymap;
    loop {
        guard.terminal.draw(|f| draw::draw(f, &app))?;
        // Debug builds only: lets the end-to-end test prove that a panic
        // still restores the terminal.
        #[cfg(debug_assertions)]
        if std::env::var_os("KANBAO_TEST_PANIC").is_some() {
            panic!("KANBAO_TEST_PANIC set: deliberate panic after the first frame");
        }
        let ev = event::read()?;
        if let Some(action) = action_for(&ev, &app.keymap) {
            update(&mut app, action);
        }
        // Drain what is already queued before drawing again (fast scrolling).
        while !app.quit && event::poll(Duration::ZERO)? {
            if let Some(action) = action_for(&event::read()?, &app.keymap) {
                update(&mut app, action);
            }
        }
        if app.quit {
            break;
        }
    }
    Ok(())
}

fn draw_loading(f: &mut ratatui::Frame, p: Progress, settings: &Settings) {
    let area = f.area();
    let buf = f.buffer_mut();
    let msg = if p.total == 0 {
        "kanbao: reading the archive…".to_string()
    } else {
        let width = 20usize;
        let filled = p.done * width / p.total.max(1);
        format!(
            "kanbao: loading {}/{} files [{}{}]",
            p.done,
            p.total,
            "#".repeat(filled),
            ".".repeat(width - filled)
        )
    };
    let y = area.y + area.height / 2;
    text::put_str(
        buf,
        area.x + 1,
        y,
        area.width.saturating_sub(1),
        &msg,
        settings.theme.text,
        settings.amb,
    );
}
