//! A watcher that vouches for an archive's index (`kanbao index --watch`),
//! so that a command need not stat every file to know the index is fresh.
//!
//! Why: at 100k issues (150,110 files) the walk that stamps every file is
//! 0.29 s of a 0.46 s `search` and nearly all of `list` and `search
//! --body`; `find -printf` of the same files takes as long. Only a change
//! notification can say "nothing changed" for less, as git's fsmonitor
//! and watchman do for `git status`.
//!
//! The watcher ([`keep_fresh`]) holds an exclusive lock on `watch.lock` in
//! the archive's cache folder while it runs. It watches the archive's
//! folder (recursively) and the cache's `watch/` folder with one watch, so
//! that the system reports their changes in the order they happened. A
//! change the walk would see (a page, a sidecar, a folder: not a command's
//! review file, see `loader::walk_reads`) makes the index dirty; once the
//! archive has been
//! quiet for [`QUIET`], the watcher walks it and brings the index to the
//! state it finds (the caller's `freshen`), and the index is clean again
//! unless a change came after that walk began.
//!
//! A command ([`ask`]) that finds the lock held creates a question file in
//! `watch/` and waits for its answer. A change the command (or anything
//! before it) made is reported before the question, so when the watcher
//! reads the question it has seen that change: it answers with the state
//! it vouches for only when the index is clean, else "unknown", and the
//! command walks the archive itself as it would with no watcher. No
//! watcher, a watcher of another kanbao or other profiles, or no answer
//! within [`PATIENCE`]: the command walks too. So the watcher can make a
//! command faster, never wrong — on a file system that reports changes.
//! Network file systems (a change made on another machine) and writes
//! through a shared memory map report none: do not watch those.

use crate::intake::display_path;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The file the running watcher holds locked.
const LOCK_FILE: &str = "watch.lock";
/// The folder of questions and answers.
const WATCH_DIR: &str = "watch";
const QUESTION: &str = "question";
const ANSWER: &str = "answer";
/// The first word of an answer, with the protocol's version.
const HEADER: &str = "kanbao-watch 1";

/// How long the archive must be quiet before the watcher walks it: a copy
/// of many files is walked once, not once per file.
pub const QUIET: Duration = Duration::from_millis(150);
/// How long a command waits for an answer before it walks the archive
/// itself. The watcher answers between two of its own walks: at 100k
/// issues a walk and the refresh of a touched file take about 0.5 s.
pub const PATIENCE: Duration = Duration::from_secs(2);
/// How long after a walk that could not vouch (a file changed in the
/// last seconds, see `parses::RACY`) the watcher walks again.
const RETRY: Duration = Duration::from_millis(2500);

/// What a watcher vouches for: the archive's state as the stamps of its
/// files name it, for the parser and profiles of `version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vouch {
    /// [`super::parse_version`] of the watcher's profiles.
    pub version: u64,
    /// [`super::skeleton::ArchiveState::stamp`].
    pub stamp: u64,
    /// [`super::skeleton::ArchiveState::key`].
    pub key: u64,
}

impl Vouch {
    fn line(answer: Option<Vouch>) -> String {
        match answer {
            Some(v) => format!(
                "{HEADER} {:016x} {:016x} {:016x}\n",
                v.version, v.stamp, v.key
            ),
            None => format!("{HEADER} unknown\n"),
        }
    }

    fn parse(text: &str) -> Option<Vouch> {
        let rest = text.strip_prefix(HEADER)?.strip_suffix('\n')?;
        let mut words = rest.strip_prefix(' ')?.split(' ');
        let mut hex = || u64::from_str_radix(words.next()?, 16).ok();
        let vouch = Vouch {
            version: hex()?,
            stamp: hex()?,
            key: hex()?,
        };
        words.next().is_none().then_some(vouch)
    }
}

/// What the watcher tells its caller as it goes.
#[derive(Debug)]
pub enum WatchNews {
    /// A walk ended: what the index now stands for, or `None` (a file
    /// changed in the last seconds, or the index could not be brought up
    /// to date), and how long the walk and the freshening took.
    Walked(Option<Vouch>, Duration),
    /// A command's question answered: with the state, or "unknown".
    Answered(Option<Vouch>),
}

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("another kanbao already watches this archive{}", .0.map(|p| format!(" (process {p})")).unwrap_or_default())]
    AlreadyWatched(Option<u32>),
    #[error("{}: {}", .0.display(), .1)]
    Io(PathBuf, std::io::Error),
    #[error("cannot watch {}: {}", display_path(.0), told(.1))]
    Notify(PathBuf, notify::Error),
    /// A folder made since could not be watched, or changes were lost
    /// otherwise: no longer able to vouch, the watcher stops.
    #[error("stopped watching {}: {}; commands check its files themselves", display_path(.0), told(.1))]
    Lost(PathBuf, notify::Error),
}

/// What a watch error says, in a sentence, with the first path it is about
/// shown as every path from outside is ([`display_path`]). notify's own
/// message for the limit of watches was "OS file watch limit reached.
/// about [\"/archive/new9/sub\"]".
fn told(e: &notify::Error) -> String {
    use notify::ErrorKind;
    let what = match &e.kind {
        ErrorKind::MaxFilesWatch => "the system's limit on watches is reached".to_owned(),
        ErrorKind::Io(io) => io.to_string(),
        ErrorKind::PathNotFound => "it is gone".to_owned(),
        ErrorKind::WatchNotFound => "a watch is gone".to_owned(),
        ErrorKind::Generic(said) => crate::intake::display_name(said),
        ErrorKind::InvalidConfig(_) => "the watch cannot be set up".to_owned(),
        ErrorKind::WatchStartFailed => "the system would not start watching".to_owned(),
        _ => "the system's watch failed".to_owned(),
    };
    let at = e.paths.first().map(|p| format!("at {}", display_path(p)));
    let hint = matches!(e.kind, ErrorKind::MaxFilesWatch)
        .then(|| "on Linux, raise fs.inotify.max_user_watches".to_owned());
    let more: Vec<String> = at.into_iter().chain(hint).collect();
    match more.is_empty() {
        true => what,
        false => format!("{what} ({})", more.join("; ")),
    }
}

/// Watches the archive at `root`, whose cache folder is `dir`, until
/// `stop` says so. A change at a path `matters` (given the archive's
/// resolved folder and the path) makes the index dirty. After every quiet
/// spell following such a change (and once at the start) `freshen` walks
/// the archive and brings the index to the state it finds, returning what
/// it may vouch for; a command's question is answered with that, while
/// nothing changed since the walk began.
pub fn keep_fresh(
    dir: &Path,
    root: &Path,
    matters: &dyn Fn(&Path, &Path) -> bool,
    mut freshen: impl FnMut() -> Option<Vouch>,
    mut news: impl FnMut(WatchNews),
    stop: &dyn Fn() -> bool,
) -> Result<(), WatchError> {
    let questions = dir.join(WATCH_DIR);
    fs::create_dir_all(&questions).map_err(|e| WatchError::Io(questions.clone(), e))?;
    let lock_path = dir.join(LOCK_FILE);
    let lock = File::options()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&lock_path)
        .map_err(|e| WatchError::Io(lock_path.clone(), e))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(WatchError::AlreadyWatched(running_pid(dir))),
        Err(TryLockError::Error(e)) => return Err(WatchError::Io(lock_path, e)),
    }
    // Which process watches, for the message a second watcher gets.
    {
        use std::io::Write;
        let _ = lock.set_len(0);
        let _ = (&lock).write_all(std::process::id().to_string().as_bytes());
    }
    // What an earlier watcher or an interrupted command left.
    if let Ok(entries) = fs::read_dir(&questions) {
        for e in entries.flatten() {
            let _ = fs::remove_file(e.path());
        }
    }
    // Events carry the paths as watched: the question folder's resolved
    // path, so a question is told from an archive's file by its prefix.
    let questions = fs::canonicalize(&questions).map_err(|e| WatchError::Io(questions, e))?;
    let root = fs::canonicalize(root).map_err(|e| WatchError::Io(root.to_path_buf(), e))?;
    let (tx, events) = mpsc::channel();
    use notify::{Config, EventKindMask, RecommendedWatcher, RecursiveMode, Watcher};
    // Changes only: the walk itself opens every folder, and an opening
    // reported would make the index dirty again at every walk.
    let config = Config::default().with_event_kinds(EventKindMask::CORE);
    let mut watcher =
        RecommendedWatcher::new(tx, config).map_err(|e| WatchError::Notify(root.clone(), e))?;
    // Both before the first walk, so that no change slips between them.
    watcher
        .watch(&questions, RecursiveMode::NonRecursive)
        .map_err(|e| WatchError::Notify(questions.clone(), e))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| WatchError::Notify(root.clone(), e))?;

    let mut vouched: Option<Vouch> = None;
    // Dirty since this instant (the start: walk at once).
    let mut dirty_since: Option<Instant> = Some(
        Instant::now()
            .checked_sub(QUIET)
            .unwrap_or_else(Instant::now),
    );
    let mut walk_after = Instant::now();
    while !stop() {
        let wait = match dirty_since {
            Some(since) => (since + QUIET)
                .max(walk_after)
                .saturating_duration_since(Instant::now()),
            None => Duration::from_millis(200),
        };
        match events.recv_timeout(wait.min(Duration::from_millis(200))) {
            Ok(Ok(event)) if matches!(event.kind, notify::EventKind::Access(_)) => {}
            Ok(Ok(event)) => {
                let event: notify::Event = event;
                let (asked, archive): (Vec<&PathBuf>, Vec<&PathBuf>) = event
                    .paths
                    .iter()
                    .partition(|p| p.parent() == Some(questions.as_path()));
                let archive_changed = event.need_rescan()
                    || event.paths.is_empty()
                    || archive.iter().any(|p| matters(&root, p));
                if archive_changed {
                    dirty_since = Some(Instant::now());
                    vouched = None;
                }
                // Any report of a question still there (a system may report
                // its creation as another kind, or with the next change).
                for question in asked {
                    if question.extension().is_some_and(|e| e == QUESTION) && question.exists() {
                        let answer = vouched.filter(|_| dirty_since.is_none());
                        answer_to(question, answer);
                        news(WatchNews::Answered(answer));
                    }
                }
            }
            // A folder that could not be watched (the system's limit on
            // watches, its permissions) whose changes would matter: they
            // would go unseen, and a watcher that cannot see them must not
            // vouch. (A hidden folder's do not matter.)
            Ok(Err(e)) if e.paths.iter().all(|p| !matters(&root, p)) && !e.paths.is_empty() => {}
            Ok(Err(e)) => return Err(WatchError::Lost(root, e)),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        let Some(since) = dirty_since else { continue };
        let now = Instant::now();
        if now < since + QUIET || now < walk_after {
            continue;
        }
        // Clean from the walk's start: a change after it is an event
        // still to come, which makes the index dirty again.
        dirty_since = None;
        let started = Instant::now();
        vouched = freshen();
        news(WatchNews::Walked(vouched, started.elapsed()));
        if vouched.is_none() {
            dirty_since = Some(started);
            walk_after = Instant::now() + RETRY;
        }
    }
    drop(watcher);
    drop(lock);
    Ok(())
}

/// Writes the answer beside `question` (whole, by a rename) and removes
/// the question.
fn answer_to(question: &Path, answer: Option<Vouch>) {
    let final_path = question.with_extension(ANSWER);
    let aside = question.with_extension("answering");
    if fs::write(&aside, Vouch::line(answer)).is_ok() {
        let _ = fs::rename(&aside, &final_path);
    }
    let _ = fs::remove_file(question);
}

/// Whether a watcher runs for the archive whose cache folder is `dir`
/// (it holds the lock). With no watcher ever run, one failed open.
fn watched(dir: &Path) -> bool {
    let Ok(lock) = File::open(dir.join(LOCK_FILE)) else {
        return false;
    };
    matches!(lock.try_lock_shared(), Err(TryLockError::WouldBlock))
}

/// `Err` when a watcher already runs for the archive whose cache folder
/// is `dir`: asked before building the index, so that a second watcher
/// says so at once (its own lock, taken later, is what settles a race).
pub fn none_running(dir: &Path) -> Result<(), WatchError> {
    match watched(dir) {
        true => Err(WatchError::AlreadyWatched(running_pid(dir))),
        false => Ok(()),
    }
}

/// The process the lock file names.
fn running_pid(dir: &Path) -> Option<u32> {
    fs::read_to_string(dir.join(LOCK_FILE))
        .ok()
        .and_then(|s| s.trim().parse().ok())
}

/// What the watcher of the archive whose cache folder is `dir` vouches
/// for, when one runs, answers within `patience`, and vouches for a state
/// of `version` (worked out only then); `None` otherwise (then walk the
/// archive). With no watcher this costs one failed open.
pub fn ask(dir: &Path, version: impl FnOnce() -> u64, patience: Duration) -> Option<Vouch> {
    if !watched(dir) {
        return None;
    }
    static ASKED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let n = ASKED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let question = dir
        .join(WATCH_DIR)
        .join(format!("{}-{nonce}-{n}.{QUESTION}", std::process::id()));
    File::create_new(&question).ok()?;
    let answer = question.with_extension(ANSWER);
    let deadline = Instant::now() + patience;
    let mut nap = Duration::from_micros(50);
    loop {
        match fs::read_to_string(&answer) {
            Ok(text) => {
                let _ = fs::remove_file(&answer);
                return Vouch::parse(&text).filter(|v| v.version == version());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => break,
        }
        if Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(2));
    }
    let _ = fs::remove_file(&question);
    let _ = fs::remove_file(&answer);
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    #[test]
    fn a_lost_watch_says_why_in_a_sentence_and_names_its_folder_safely() {
        let limit = notify::Error::new(notify::ErrorKind::MaxFilesWatch)
            .add_path(PathBuf::from("/archive/new\u{1b}[2J/sub"));
        let said = WatchError::Lost(PathBuf::from("/archive"), limit).to_string();
        assert!(
            said.starts_with("stopped watching /archive: the system's limit on watches is reached"),
            "{said}"
        );
        assert!(said.contains("(at /archive/new"), "{said}");
        assert!(
            said.contains("raise fs.inotify.max_user_watches)"),
            "{said}"
        );
        assert!(
            said.ends_with("; commands check its files themselves"),
            "{said}"
        );
        assert!(
            !said.contains('\u{1b}'),
            "a folder's name cannot drive the terminal: {said}"
        );
    }

    #[test]
    fn an_answer_reads_back_as_written_and_nothing_else_does() {
        let v = Vouch {
            version: 1,
            stamp: u64::MAX,
            key: 0xabc,
        };
        assert_eq!(Vouch::parse(&Vouch::line(Some(v))), Some(v));
        assert_eq!(Vouch::parse(&Vouch::line(None)), None);
        let whole = Vouch::line(Some(v));
        assert_eq!(Vouch::parse(&whole[..whole.len() - 2]), None);
        assert_eq!(Vouch::parse(&whole.replace("watch 1", "watch 2")), None);
        assert_eq!(Vouch::parse(&format!("{}x\n", whole.trim_end())), None);
    }

    /// A watcher on a thread over a folder, its walks counted; each walk
    /// vouches for the number of walks so far as its stamp.
    struct Running {
        stop: Arc<AtomicBool>,
        walks: Arc<AtomicU64>,
        thread: Option<std::thread::JoinHandle<Result<(), WatchError>>>,
    }

    impl Running {
        fn start(dir: &Path, root: &Path, vouch: Arc<AtomicBool>) -> Running {
            let stop = Arc::new(AtomicBool::new(false));
            let walks = Arc::new(AtomicU64::new(0));
            let (dir, root) = (dir.to_path_buf(), root.to_path_buf());
            let (s, w) = (Arc::clone(&stop), Arc::clone(&walks));
            let thread = std::thread::spawn(move || {
                keep_fresh(
                    &dir,
                    &root,
                    &|_, _| true,
                    || {
                        let n = w.fetch_add(1, Ordering::SeqCst) + 1;
                        vouch.load(Ordering::SeqCst).then_some(Vouch {
                            version: 7,
                            stamp: n,
                            key: n,
                        })
                    },
                    |_| {},
                    &|| s.load(Ordering::SeqCst),
                )
            });
            let running = Running {
                stop,
                walks,
                thread: Some(thread),
            };
            running.wait_for_walks(1);
            running
        }

        fn wait_for_walks(&self, n: u64) {
            let deadline = Instant::now() + Duration::from_secs(20);
            while self.walks.load(Ordering::SeqCst) < n {
                assert!(Instant::now() < deadline, "the watcher never walked");
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }

    impl Drop for Running {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::SeqCst);
            if let Some(t) = self.thread.take() {
                let _ = t.join();
            }
        }
    }

    #[test]
    fn a_command_gets_the_state_vouched_for_only_while_nothing_changed_since() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, root) = (tmp.path().join("cache"), tmp.path().join("archive"));
        fs::create_dir_all(root.join("1952")).unwrap();
        fs::write(root.join("1952/a.txt"), "一").unwrap();
        // No watcher: no answer, at once.
        assert_eq!(ask(&dir, || 7, PATIENCE), None);

        let running = Running::start(&dir, &root, Arc::new(AtomicBool::new(true)));
        let first = ask(&dir, || 7, PATIENCE).expect("a clean index is vouched for");
        assert_eq!(first.stamp, 1);
        // Another version's command walks for itself.
        assert_eq!(ask(&dir, || 8, PATIENCE), None);
        // A change just made is seen before the question: not vouched for
        // until the watcher has walked again.
        type Change = fn(&Path) -> std::io::Result<()>;
        let changes: [Change; 6] = [
            |r| fs::write(r.join("1952/a.txt"), "二"),
            |r| fs::write(r.join("1952/b.txt"), "三"),
            |r| fs::remove_file(r.join("1952/a.txt")),
            |r| fs::create_dir(r.join("1953")),
            |r| fs::write(r.join("1953/c.txt"), "四"),
            |r| fs::rename(r.join("1953"), r.join("1954")),
        ];
        for change in changes {
            let before = running.walks.load(Ordering::SeqCst);
            change(&root).unwrap();
            // Asked at once, the watcher has not walked since (it waits
            // for a quiet spell), so it does not vouch; never for the
            // state before the change.
            let answer = ask(&dir, || 7, PATIENCE);
            assert!(
                answer.is_none_or(|v| v.stamp > before),
                "{answer:?} after walk {before}"
            );
            // Once it has walked again, it vouches for what it found.
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                let answer = ask(&dir, || 7, PATIENCE);
                if let Some(v) = answer {
                    assert!(v.stamp > before, "{v:?} after walk {before}");
                    break;
                }
                assert!(Instant::now() < deadline, "never vouched again");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        // A second watcher of the same archive is refused.
        let again = keep_fresh(&dir, &root, &|_, _| true, || None, |_| {}, &|| true);
        assert!(matches!(again, Err(WatchError::AlreadyWatched(Some(_)))));
        drop(running);
        // Gone: the lock is free and commands walk.
        assert_eq!(ask(&dir, || 7, PATIENCE), None);
        let left: Vec<_> = fs::read_dir(dir.join(WATCH_DIR)).unwrap().collect();
        assert!(left.is_empty(), "questions or answers left: {left:?}");
    }

    #[test]
    fn a_walk_that_cannot_vouch_leaves_commands_walking() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, root) = (tmp.path().join("cache"), tmp.path().join("archive"));
        fs::create_dir_all(&root).unwrap();
        let vouch = Arc::new(AtomicBool::new(false));
        let running = Running::start(&dir, &root, Arc::clone(&vouch));
        assert_eq!(ask(&dir, || 7, PATIENCE), None);
        // It walks again later, and vouches once it can.
        vouch.store(true, Ordering::SeqCst);
        running.wait_for_walks(2);
        let answer = ask(&dir, || 7, PATIENCE);
        assert!(answer.is_some_and(|v| v.stamp >= 2), "{answer:?}");
    }
}
