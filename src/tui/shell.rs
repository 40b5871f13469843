//! The event loop: the loading screen, then keys and the workers' answers
//! through `update` and `perform` to the screen; the workers on threads;
//! the place saved on a hang-up.

use super::action::{Action, BuiltIndex};
use super::app::{App, AsParsed, Settings};
use super::draw;
use super::effect::{FILTER_LIMIT, FilterAsk, Persist, SEARCH_LIMIT, SearchAsk, Write};
use super::keys::{Context, Keymap};
use super::pending_text::{CheckedSkeleton, LoadedText};
use super::perform::{self, Workers, perform, restore_marks};
use super::terminal::{TerminalGuard, action_for, key_of, restore_terminal};
use super::text;
use super::update::update;
use crate::index::{LazySkeleton, TextIndex};
use crate::loader::Progress;
use crate::model::{Archive, Issue};
use crate::search::{self, FilterWorker, HeadlineIndex, Scope};
use crate::state::Position;
use crossterm::event::{self, Event};
use ratatui::layout::Rect;
use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, mpsc};

/// Everything the event loop waits for, on one channel: the terminal's
/// events (from a thread blocked in `crossterm::event::read`), the
/// loader's progress and the workers' answers. The loop sleeps in `recv`
/// until one arrives and draws once for all that came with it: a reply is
/// drawn as soon as it exists, and an idle reader draws nothing. (Polling
/// crossterm every 40 ms put a 40 ms floor under every filter keystroke.)
enum Wake {
    Terminal(io::Result<Event>),
    Progress(Progress),
    Early(Early),
    Loaded(Whole),
    Filter(search::FilterReply),
    Answer(Action),
}

/// How the reader starts: settings, keys, where marks live, what to say.
pub struct Startup {
    pub settings: Settings,
    pub keymap: Keymap,
    pub persist: Option<Persist>,
    /// Shown in the status line at start (a config error, say).
    pub message: Option<String>,
    /// The articles (archive order) that may hold every term of a body
    /// search, from a full-text index; `None` (or an answer of `None`)
    /// reads every article.
    pub narrow: Option<Narrow>,
    /// While the reader shows an [`Early`] skeleton: the issue numbered so,
    /// read alone from its files…
    pub read_issue: Option<ReadIssue>,
    /// …and a body search answered from the full-text index and the
    /// issues of its candidates read alone; `None` when it cannot be (the
    /// reader then loads every article's text and searches that).
    pub search_alone: Option<SearchAlone>,
}

/// See [`Startup::narrow`].
pub type Narrow = Arc<dyn Fn(&str) -> Option<Vec<usize>> + Send + Sync>;

/// See [`Startup::read_issue`]: the issue numbered so in the skeleton
/// shown, read alone and checked against it.
pub type ReadIssue = Arc<dyn Fn(&LazySkeleton, usize) -> Option<Issue> + Send + Sync>;

/// See [`Startup::search_alone`]: the skeleton shown and the full-text
/// index of its state, the query, how many hits, and whether the search is
/// cancelled.
pub type SearchAlone = Arc<
    dyn Fn(
            &LazySkeleton,
            &TextIndex,
            &[(u32, &Issue)],
            &str,
            usize,
            &(dyn Fn() -> bool + Sync),
        ) -> Option<search::BodySearch>
        + Send
        + Sync,
>;

/// What the loader may hand over before the whole archive: its skeleton
/// (every article with its titles, no text; each issue's read when first
/// shown) and the headline index kept with it, if any. The reader starts
/// on it (see `pending_text.rs`). The loader hands it over as kept, then
/// again once the stat of every file has checked it (the same skeleton,
/// or one brought forward), with the full-text index of that state.
pub struct Early {
    pub skeleton: Arc<LazySkeleton>,
    pub index: Option<Arc<HeadlineIndex>>,
    /// Keeps a headline index built of this skeleton for the next start
    /// (the cache, written by the loader's side), when there is a cache.
    pub keep_index: Option<KeepIndex>,
    /// The full-text index of the archive's state, to search bodies by.
    pub text: Option<Arc<TextIndex>>,
    /// The issues a review entry bears on, read alone, by number (see
    /// [`App::hold_texts`]).
    pub texts: Vec<(usize, Arc<Issue>)>,
    /// Those of them structural corrections changed, as parsed (for `o`,
    /// see [`App::parsed_issues`]).
    pub parsed: AsParsed,
    /// The skeleton was checked against the archive's files. Until it is,
    /// a body search waits; after, the loader waits until every
    /// article's text is wanted.
    pub checked: bool,
}

/// See [`Early::keep_index`].
pub type KeepIndex = Arc<dyn Fn(&HeadlineIndex) + Send + Sync>;

/// What the loader gives at last.
pub struct Whole {
    /// The archive as structurally corrected.
    pub archive: Archive,
    /// The issues the corrections changed, as parsed (for `o`, see
    /// [`App::parsed_issues`]).
    pub parsed: AsParsed,
    /// The archive has the same issues, pages, articles and titles as the
    /// [`Early`] skeleton handed over before it, if one was.
    pub same_as_early: bool,
}

/// Runs the reader. `load` gives the archive ([`Whole`]); it runs on a
/// worker thread while the screen shows its progress, so a large archive
/// never leaves a frozen or blank screen. When it hands over an [`Early`]
/// skeleton first, the reader starts on that and takes the whole archive
/// when it comes. Handing over a checked skeleton returns once the whole
/// archive is wanted, `false` when the reader has quit without wanting
/// it: `load` then loads nothing and gives `None`. The headline index, unless kept, is built on another
/// thread after the first frame, so the archive can be read meanwhile (the
/// filter says it is indexing).
pub fn run<F>(load: F, startup: Startup) -> io::Result<()>
where
    F: FnOnce(&(dyn Fn(Progress) + Sync), &(dyn Fn(Early) -> bool + Sync)) -> Option<Whole>
        + Send
        + 'static,
{
    let Startup {
        settings,
        keymap,
        persist,
        message,
        narrow,
        read_issue,
        search_alone,
    } = startup;
    // Armed before the first byte reaches the terminal (see crate::signals).
    let early_exit = crate::signals::restore_on_signal(restore_terminal);
    let mut guard = TerminalGuard::enter()?;
    let (tx, rx) = mpsc::channel::<Wake>();
    read_terminal_into(tx.clone());
    let loader_tx = tx.clone();
    let (want_text, text_wanted) = mpsc::channel::<()>();
    let text_wanted = Mutex::new(text_wanted);
    std::thread::spawn(move || {
        let progress_tx = Mutex::new(loader_tx.clone());
        let report = move |p: Progress| {
            if let Ok(tx) = progress_tx.lock() {
                let _ = tx.send(Wake::Progress(p));
            }
        };
        // Handing over a skeleton, the loader waits until the reader wants
        // the whole text (or is gone): reading needs only the issues shown.
        let early_tx = Mutex::new(loader_tx.clone());
        let early = move |e: Early| {
            let checked = e.checked;
            if let Ok(tx) = early_tx.lock() {
                let _ = tx.send(Wake::Early(e));
            }
            match text_wanted.lock() {
                Ok(wanted) if checked => wanted.recv().is_ok(),
                _ => true,
            }
        };
        if let Some(whole) = load(&report, &early) {
            let _ = loader_tx.send(Wake::Loaded(whole));
        }
    });

    // Loading screen until the archive (or its skeleton) arrives, drawn
    // once per batch of news.
    let mut progress = Progress { done: 0, total: 0 };
    let start = 'loading: loop {
        guard
            .terminal
            .draw(|f| draw_loading(f, progress, &settings))?;
        let Ok(first) = rx.recv() else {
            return Err(io::Error::other("the loader stopped unexpectedly"));
        };
        for wake in std::iter::once(first).chain(rx.try_iter()) {
            match wake {
                Wake::Progress(p) => progress = p,
                Wake::Early(e) => break 'loading Ok(e),
                Wake::Loaded(whole) => break 'loading Err(whole),
                Wake::Terminal(event) => {
                    if let Event::Key(k) = event?
                        && let Some(key) = key_of(&k)
                        && keymap.action(&key, Context::Panes) == Some(Action::Quit)
                    {
                        return Ok(());
                    }
                }
                Wake::Filter(_) | Wake::Answer(_) => {}
            }
        }
    };

    let size = guard.terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let mut held = None;
    let mut app = match start {
        Ok(early) => {
            let mut app =
                App::on_skeleton(early.skeleton.clone(), early.index.clone(), settings, area);
            app.hold_texts(early.texts.clone());
            app.parsed_issues = early.parsed.clone();
            if early.index.is_none() {
                index_skeleton(&tx, &early.skeleton, early.keep_index.clone(), &app);
            }
            held = Some(Held::of(early));
            app
        }
        Err(whole) => {
            let mut app = App::indexing(whole.archive, settings, area);
            app.parsed_issues = whole.parsed;
            index_archive(&tx, app.archive.clone(), &app);
            app
        }
    };
    app.keymap = keymap;
    restore_marks(&mut app, persist);
    // A config mistake and a recovered state or review file are both news.
    app.status = match (message, app.status.take()) {
        (Some(m), Some(r)) => Some(format!("{m} · {r}")),
        (m, r) => m.or(r),
    };
    let mut workers = Threads::start(&app, tx.clone(), narrow, read_issue);
    workers.held = held;
    workers.want_text = Some(want_text);
    workers.search_alone = search_alone;
    let opening = app.opening();
    let _ = perform(&mut app, opening, &mut workers);
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
            // After the screen was left (a `|` command) the first frame is
            // drawn blank and the next one whole (see `draw::draw`): nothing
            // else may wake the loop soon, so both are drawn now.
            let frames = if app.repaint.get() { 2 } else { 1 };
            for _ in 0..frames {
                guard.terminal.draw(|f| {
                    draw::draw(f, &app);
                    if let Some(pos) = draw::cursor(&app) {
                        f.set_cursor_position(pos);
                    }
                })?;
            }
            if panic_after_first_frame {
                panic!("KANBAO_TEST_PANIC set: deliberate panic after the first frame");
            }
            // Sleep until a key or an answer; then take whatever else is
            // already queued (fast scrolling, pastes) before drawing again.
            let Ok(first) = rx.recv() else {
                return Err(io::Error::other("the terminal reader stopped"));
            };
            for wake in std::iter::once(first).chain(rx.try_iter()) {
                // Each event is read against the state the ones before it
                // left (a key that opens an overlay changes what the next
                // key means).
                let action = match wake {
                    Wake::Terminal(event) => action_for(&event?, &app),
                    Wake::Filter(reply) => workers.filter_answer(reply),
                    Wake::Answer(action) => Some(action),
                    Wake::Loaded(whole) => Some(Action::TextLoaded(LoadedText {
                        archive: Arc::new(whole.archive),
                        parsed: whole.parsed,
                        same_as_skeleton: whole.same_as_early,
                    })),
                    Wake::Early(early) => {
                        let checked = CheckedSkeleton {
                            skeleton: early.skeleton.clone(),
                            index: early.index.clone(),
                            texts: early.texts.clone(),
                            parsed: early.parsed.clone(),
                        };
                        workers.hold(early);
                        Some(Action::SkeletonChecked(checked))
                    }
                    Wake::Progress(_) => None,
                };
                let Some(action) = action else { continue };
                let generation = app.archive_generation();
                let checked = matches!(action, Action::SkeletonChecked(_) | Action::TextLoaded(_));
                let effects = update(&mut app, action);
                if perform(&mut app, effects, &mut workers).is_break() {
                    return Ok(());
                }
                // Another archive, or skeleton, without its headline index.
                if app.archive_generation() != generation && app.indexing {
                    match app.skeleton() {
                        Some(skeleton) => {
                            index_skeleton(&tx, skeleton, workers.keep_index_of(skeleton), &app)
                        }
                        None => index_archive(&tx, app.archive.clone(), &app),
                    }
                }
                if checked {
                    workers.release_search(&app);
                }
            }
            if let Ok(mut p) = place.lock() {
                *p = app.position();
            }
        }
    };
    let result = event_loop();
    let leaving = app.leaving();
    let _ = perform(&mut app, leaving, &mut workers);
    result
}

/// Reads the terminal on a thread of its own, sending every event (or the
/// error that ends reading) into the loop's channel. The thread is never
/// joined: it stays blocked in `read` until the process exits.
fn read_terminal_into(tx: mpsc::Sender<Wake>) {
    std::thread::Builder::new()
        .name("kanbao-terminal".into())
        .spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if tx.send(Wake::Terminal(event)).is_err() || failed {
                    break;
                }
            }
        })
        .expect("spawn the terminal reader");
}

/// Builds a headline index on a thread (`build`, given whether to match
/// pinyin), for the archive `app` is on now (see [`BuiltIndex`]).
fn build_index(
    tx: &mpsc::Sender<Wake>,
    build: impl FnOnce(bool) -> HeadlineIndex + Send + 'static,
    keep: Option<KeepIndex>,
    app: &App,
) {
    let (tx, pinyin, built_for) = (tx.clone(), app.settings.pinyin, app.archive_generation());
    std::thread::spawn(move || {
        let index = Arc::new(build(pinyin));
        let _ = tx.send(Wake::Answer(Action::IndexBuilt(BuiltIndex(
            index.clone(),
            built_for,
        ))));
        // After the reader has it: writing 150 MB at 100k issues takes a
        // few tenths of a second.
        if let Some(keep) = keep {
            keep(&index);
        }
    });
}

/// As [`build_index`], of `archive`.
fn index_archive(tx: &mpsc::Sender<Wake>, archive: Arc<Archive>, app: &App) {
    build_index(
        tx,
        move |pinyin| HeadlineIndex::build(&archive, pinyin),
        None,
        app,
    );
}

/// As [`build_index`], of the skeleton's issues, each read for it and
/// dropped (an issue no longer readable leaves the index empty: the filter
/// finds nothing until the whole archive has loaded). The index is kept
/// with `keep`, unless it came out empty that way: at 100k issues, after
/// an edit the kept index could not be brought forward over, every start
/// of the reader built it again (the filter ready 12.3–12.6 s after start).
fn index_skeleton(
    tx: &mpsc::Sender<Wake>,
    skeleton: &Arc<LazySkeleton>,
    keep: Option<KeepIndex>,
    app: &App,
) {
    let skeleton = skeleton.clone();
    // An index of every article is whole; the empty one is not.
    let articles = skeleton.article_count();
    let keep = keep.map(|keep| -> KeepIndex {
        Arc::new(move |index: &HeadlineIndex| {
            if index.len() == articles {
                keep(index)
            }
        })
    });
    build_index(
        tx,
        move |pinyin| {
            skeleton
                .headline_index(pinyin)
                .unwrap_or_else(|| HeadlineIndex::from_entries(Vec::new(), pinyin))
        },
        keep,
        app,
    );
}

/// The skeleton the reader is on, as the workers read and search it.
struct Held {
    skeleton: Arc<LazySkeleton>,
    text: Option<Arc<TextIndex>>,
    checked: bool,
    keep_index: Option<KeepIndex>,
}

impl Held {
    fn of(early: Early) -> Held {
        Held {
            skeleton: early.skeleton,
            text: early.text,
            checked: early.checked,
            keep_index: early.keep_index,
        }
    }
}

/// The reader's workers on threads: the filter worker (a newer question
/// cancelling an older one), a thread per body search (likewise). Each
/// answers into the loop's one channel.
struct Threads {
    filter: FilterWorker,
    /// The questions of the newest filter generations, to name in answers:
    /// the worker numbers its replies, the reader names its questions.
    filter_asks: VecDeque<(u64, FilterAsk)>,
    wake: mpsc::Sender<Wake>,
    search_generation: Arc<AtomicU64>,
    narrow: Option<Narrow>,
    read_issue: Option<ReadIssue>,
    /// Tells the loader, waiting after the skeleton, to load the text.
    want_text: Option<mpsc::Sender<()>>,
    /// On the skeleton: body searches of the issues read alone…
    search_alone: Option<SearchAlone>,
    /// …of the skeleton the reader is on (updated with it, on the loop's
    /// thread)…
    held: Option<Held>,
    /// …and the body search asked before the skeleton was checked, which
    /// waits for the full-text index that comes with the check.
    waiting_search: Option<SearchAsk>,
}

impl Threads {
    fn start(
        app: &App,
        wake: mpsc::Sender<Wake>,
        narrow: Option<Narrow>,
        read_issue: Option<ReadIssue>,
    ) -> Threads {
        let filter_wake = wake.clone();
        let filter = FilterWorker::spawn_with(app.index.clone(), FILTER_LIMIT, move |reply| {
            filter_wake.send(Wake::Filter(reply)).is_ok()
        });
        Threads {
            filter,
            filter_asks: VecDeque::new(),
            wake,
            search_generation: Arc::new(AtomicU64::new(0)),
            narrow,
            read_issue,
            want_text: None,
            search_alone: None,
            held: None,
            waiting_search: None,
        }
    }

    /// The skeleton handed over again, checked: the workers read and
    /// search it from now on. A search under way on another skeleton is
    /// cancelled (the reader asks it again, see
    /// [`App::skeleton_checked`](crate::tui::App)).
    fn hold(&mut self, early: Early) {
        let same = self
            .held
            .as_ref()
            .is_some_and(|h| Arc::ptr_eq(&h.skeleton, &early.skeleton));
        if !same {
            self.search_generation.fetch_add(1, Ordering::AcqRel);
        }
        self.held = Some(Held::of(early));
    }

    /// How to keep an index built of `skeleton`, when it is the one held.
    fn keep_index_of(&self, skeleton: &Arc<LazySkeleton>) -> Option<KeepIndex> {
        let held = self.held.as_ref()?;
        Arc::ptr_eq(&held.skeleton, skeleton).then(|| held.keep_index.clone())?
    }

    /// Runs the body search that waited for the skeleton's check, if the
    /// reader still asks it.
    fn release_search(&mut self, app: &App) {
        if let Some(ask) = self.waiting_search.take()
            && app.search_ask().as_ref() == Some(&ask)
        {
            self.search(app, ask);
        }
    }

    /// A filter reply as the action for `update` (which drops answers to
    /// questions no longer asked); none for a generation no longer
    /// remembered, long superseded.
    fn filter_answer(&self, reply: search::FilterReply) -> Option<Action> {
        let (_, asked) = self
            .filter_asks
            .iter()
            .find(|(g, _)| *g == reply.generation)?;
        Some(Action::FilterDone {
            asked: asked.clone(),
            result: reply.result,
        })
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
        let tx = self.wake.clone();
        let generation = self.search_generation.fetch_add(1, Ordering::AcqRel) + 1;
        let latest = self.search_generation.clone();
        let narrow = self.narrow.clone();
        self.waiting_search = None;
        if app.text_pending
            && let Some(held) = &self.held
            && held.text.is_none()
            && !held.checked
        {
            // The full-text index comes with the skeleton's check.
            self.waiting_search = Some(asked);
            return;
        }
        // The full-text index knows the articles as parsed: the issues
        // structural corrections change are searched as the reader shows
        // them, from the text it holds. At 100k issues with a merge in the
        // review file, `s 醴陵` answered in 0.15–0.28 s at 492 MB, against
        // 12.8–16.3 s and 3.8 GB waiting for every article's text.
        let alone = app.text_pending.then(|| {
            let held = self.held.as_ref()?;
            let on = (held.skeleton.clone(), held.text.clone()?);
            Some((on, app.structured_texts()?, self.search_alone.clone()?))
        });
        std::thread::spawn(move || {
            let cancelled = || latest.load(Ordering::Acquire) != generation;
            // On the skeleton: from the issues read alone, else once every
            // article's text has loaded.
            if let Some(alone) = alone {
                let found = alone.and_then(|((skeleton, text), structured, search)| {
                    let given: Vec<(u32, &Issue)> =
                        structured.iter().map(|(n, i)| (*n, &**i)).collect();
                    search(
                        &skeleton,
                        &text,
                        &given,
                        &asked.query,
                        SEARCH_LIMIT,
                        &cancelled,
                    )
                });
                let action = match found {
                    Some(found) => Action::SearchDone {
                        asked,
                        total: found.total,
                        hits: found.hits,
                    },
                    None if cancelled() => return,
                    None => Action::SearchNeedsText(asked),
                };
                let _ = tx.send(Wake::Answer(action));
                return;
            }
            let among = narrow.and_then(|n| n(&asked.query));
            let found = match &among {
                Some(among) => search::search_bodies_among(
                    &archive,
                    &asked.query,
                    among,
                    SEARCH_LIMIT,
                    &cancelled,
                ),
                None => search::search_bodies_with(
                    &archive,
                    &asked.query,
                    Scope::All,
                    SEARCH_LIMIT,
                    &cancelled,
                ),
            };
            if let Some(found) = found {
                let _ = tx.send(Wake::Answer(Action::SearchDone {
                    asked,
                    total: found.total,
                    hits: found.hits,
                }));
            }
        });
    }

    fn use_index(&mut self, index: Arc<HeadlineIndex>) {
        self.filter.set_index(index);
    }

    /// Reads the issue here, on the loop's thread: a few files, a few
    /// milliseconds (0.6 ms a generated issue), as reading a source does.
    fn read_issue(&mut self, issue: usize) -> Option<Issue> {
        let held = self.held.as_ref()?;
        self.read_issue.as_ref()?(&held.skeleton, issue)
    }

    fn load_text(&mut self) {
        if let Some(tx) = self.want_text.take() {
            let _ = tx.send(());
        }
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
