//! The event loop: the loading screen, then keys and the workers' answers
//! through `update` and `perform` to the screen; the workers on threads;
//! the place saved on a hang-up.

use super::action::{Action, BuiltIndex};
use super::app::{App, Settings};
use super::draw;
use super::effect::{FILTER_LIMIT, FilterAsk, Persist, SEARCH_LIMIT, SearchAsk, Write};
use super::keys::{Context, Keymap};
use super::perform::{self, Workers, perform, restore_marks};
use super::terminal::{TerminalGuard, action_for, key_of, restore_terminal};
use super::text;
use super::update::update;
use crate::loader::Progress;
use crate::model::Archive;
use crate::search::{self, FilterWorker, HeadlineIndex, Scope};
use crate::state::Position;
use crossterm::event::{self, Event};
use ratatui::layout::Rect;
use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Duration;

/// What the loading thread reports.
enum Loading {
    Progress(Progress),
    Done(Archive),
}

/// How the reader starts: settings, keys, where marks live, what to say.
pub struct Startup {
    pub settings: Settings,
    pub keymap: Keymap,
    pub persist: Option<Persist>,
    /// Shown in the status line at start (a config error, say).
    pub message: Option<String>,
}

/// Runs the reader. `load` runs on a worker thread while the screen shows
/// its progress, so a large archive never leaves a frozen or blank screen;
/// the headline index is built on another after the first frame, so the
/// archive can be read meanwhile (the filter says it is indexing).
pub fn run<F>(load: F, startup: Startup) -> io::Result<()>
where
    F: FnOnce(&(dyn Fn(Progress) + Sync)) -> Archive + Send + 'static,
{
    let Startup {
        settings,
        keymap,
        persist,
        message,
    } = startup;
    // Armed before the first byte reaches the terminal (see crate::signals).
    let early_exit = crate::signals::restore_on_signal(restore_terminal);
    let mut guard = TerminalGuard::enter()?;
    let (tx, rx) = mpsc::channel::<Loading>();
    let pinyin = settings.pinyin;
    std::thread::spawn(move || {
        let progress_tx = std::sync::Mutex::new(tx.clone());
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
            if let Event::Key(k) = event::read()?
                && let Some(key) = key_of(&k)
                && keymap.action(&key, Context::Panes) == Some(Action::Quit)
            {
                return Ok(());
            }
        }
    };

    let size = guard.terminal.size()?;
    let mut app = App::indexing(archive, settings, Rect::new(0, 0, size.width, size.height));
    let (index_tx, index_rx) = mpsc::channel::<Arc<HeadlineIndex>>();
    let to_index = app.archive.clone();
    std::thread::spawn(move || {
        let _ = index_tx.send(Arc::new(HeadlineIndex::build(&to_index, pinyin)));
    });
    app.keymap = keymap;
    restore_marks(&mut app, persist);
    // A config mistake and a recovered state or review file are both news.
    app.status = match (message, app.status.take()) {
        (Some(m), Some(r)) => Some(format!("{m} · {r}")),
        (m, r) => m.or(r),
    };
    let mut workers = Threads::start(&app);
    let place: Place = Arc::new(Mutex::new(app.position()));
    save_place_on_hang_up(&place, &app);
    early_exit.disarm();
    // Debug builds only: lets the end-to-end test prove that a panic
    // still restores the terminal.
    let panic_after_first_frame =
        cfg!(debug_assertions) && std::env::var_os("KANBAO_TEST_PANIC").is_some();
    // The loop is a closure so that its errors (a terminal gone away) pass
    // through the position save below like a quit does.
    let mut event_loop = || -> io::Result<()> {
        loop {
            guard.terminal.draw(|f| {
                draw::draw(f, &app);
                if let Some(pos) = draw::cursor(&app) {
                    f.set_cursor_position(pos);
                }
            })?;
            if panic_after_first_frame {
                panic!("KANBAO_TEST_PANIC set: deliberate panic after the first frame");
            }
            // Wait for a key, or for a worker's answer.
            let mut actions = Vec::new();
            if event::poll(Duration::from_millis(40))? {
                actions.extend(action_for(&event::read()?, &app));
                // Take what is already queued too (fast scrolling, pastes).
                while event::poll(Duration::ZERO)? {
                    let ev = event::read()?;
                    actions.extend(action_for(&ev, &app));
                }
            }
            actions.extend(workers.answers(&index_rx));
            let acted = !actions.is_empty();
            for action in actions {
                let effects = update(&mut app, action);
                if perform(&mut app, effects, &mut workers).is_break() {
                    return Ok(());
                }
            }
            if acted && let Ok(mut p) = place.lock() {
                *p = app.position();
            }
        }
    };
    let result = event_loop();
    let leaving = app.leaving();
    let _ = perform(&mut app, leaving, &mut workers);
    result
}

/// The reader's workers on threads: the filter worker (a newer question
/// cancelling an older one), a thread per body search (likewise), and the
/// headline index being built.
struct Threads {
    filter: FilterWorker,
    filter_replies: mpsc::Receiver<search::FilterReply>,
    /// The questions of the newest filter generations, to name in answers:
    /// the worker numbers its replies, the reader names its questions.
    filter_asks: VecDeque<(u64, FilterAsk)>,
    search_tx: mpsc::Sender<Action>,
    search_replies: mpsc::Receiver<Action>,
    search_generation: Arc<AtomicU64>,
}

impl Threads {
    fn start(app: &App) -> Threads {
        let (filter, filter_replies) = FilterWorker::spawn(app.index.clone(), FILTER_LIMIT);
        let (search_tx, search_replies) = mpsc::channel::<Action>();
        Threads {
            filter,
            filter_replies,
            filter_asks: VecDeque::new(),
            search_tx,
            search_replies,
            search_generation: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The answers that have come in, as actions for `update` (which drops
    /// those to questions no longer asked).
    fn answers(&mut self, index_rx: &mpsc::Receiver<Arc<HeadlineIndex>>) -> Vec<Action> {
        let mut answers = Vec::new();
        for reply in self.filter_replies.try_iter() {
            // A generation no longer remembered is long superseded.
            if let Some((_, asked)) = self
                .filter_asks
                .iter()
                .find(|(g, _)| *g == reply.generation)
            {
                answers.push(Action::FilterDone {
                    asked: asked.clone(),
                    result: reply.result,
                });
            }
        }
        answers.extend(self.search_replies.try_iter());
        answers.extend(
            index_rx
                .try_iter()
                .map(|index| Action::IndexBuilt(BuiltIndex(index))),
        );
        answers
    }
}

impl Workers for Threads {
    fn filter(&mut self, _: &App, ask: FilterAsk) {
        let generation = self.filter.submit(&ask.query, ask.scope);
        if self.filter_asks.len() == 16 {
            self.filter_asks.pop_front();
        }
        self.filter_asks.push_back((generation, ask));
    }

    /// Runs a body search on its own thread; a newer search cancels it.
    fn search(&mut self, app: &App, asked: SearchAsk) {
        let archive = app.archive.clone();
        let tx = self.search_tx.clone();
        let generation = self.search_generation.fetch_add(1, Ordering::AcqRel) + 1;
        let latest = self.search_generation.clone();
        std::thread::spawn(move || {
            let cancelled = || latest.load(Ordering::Acquire) != generation;
            if let Some(found) = search::search_bodies_with(
                &archive,
                &asked.query,
                Scope::All,
                SEARCH_LIMIT,
                &cancelled,
            ) {
                let _ = tx.send(Action::SearchDone {
                    asked,
                    total: found.total,
                    hits: found.hits,
                });
            }
        });
    }

    fn use_index(&mut self, index: Arc<HeadlineIndex>) {
        self.filter.set_index(index);
    }
}

/// Where the reader is, kept current by the event loop for the hang-up handler.
type Place = Arc<Mutex<Option<Position>>>;

/// A hang-up (SIGHUP: the SSH session dropped), TERM, INT or QUIT (sent by
/// `kill`; the keyboard's Ctrl-c is a key in raw mode) ends the process
/// from a thread of its own, after saving the place the loop last published
/// and restoring the terminal. It cannot be a flag for the loop to check:
/// crossterm's reader spins on a closed terminal and never returns to it.
fn save_place_on_hang_up(place: &Place, app: &App) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])
        else {
            return;
        };
        let place = place.clone();
        let target = app
            .persist
            .as_ref()
            .and_then(|p| Some((p.state_path.clone()?, p.archive_key.clone())));
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if let Some((state, archive_key)) = &target
                    && let Some(position) = place.lock().ok().and_then(|p| p.clone())
                {
                    perform::write(Write::Position {
                        state: state.clone(),
                        archive_key: archive_key.clone(),
                        position,
                    });
                }
                restore_terminal();
                std::process::exit(128 + signal);
            }
        });
    }
    #[cfg(not(unix))]
    let _ = (place, app);
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
