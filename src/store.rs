//! Files that never lose a mark: atomic, locked, merge-on-write RON files.
//!
//! Review marks and reading state are small RON files that several kanbao
//! processes (several archivists over SSH, or two windows of one user) may
//! change at the same time. Three rules keep every change:
//!
//! 1. **Atomic writes.** [`write_atomic`] writes a temporary file in the same
//!    directory, fsyncs it, renames it over the target and fsyncs the
//!    directory. A reader sees the old file or the new one, never half of one,
//!    even when the writer is killed.
//! 2. **Read-modify-write under a lock.** [`update`] takes an advisory lock on
//!    a sibling `NAME.lock` file (not on the data file itself: that is replaced
//!    by the rename, so a lock on it would guard a file nobody reads any more),
//!    re-reads the file, applies the caller's change and writes. The caller
//!    passes a *change*, not a whole value, so two writers' changes merge.
//! 3. **Nothing is silently overwritten.** A file that does not parse is
//!    renamed aside (`NAME.corrupt-20261125T041500`) and reported as
//!    [`Recovered`]; the caller starts from the default.
//!
//! Temporary files are named `.NAME.tmp-PID-N` and are locked while being
//! written, so the orphans of a killed writer can be told apart from a write in
//! progress and removed by the next writer.

use crate::located::Located;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::ffi::OsStr;
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Why a store file could not be read or written. Each message is one line
/// and starts with the file it is about.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot {op}: {source}", crate::intake::display_path(path))]
    Io {
        path: PathBuf,
        /// What was being done: "read", "write", "lock", "move aside", …
        op: &'static str,
        source: io::Error,
    },
    /// The file is not valid RON for the expected type.
    #[error("{}: {message}", Located::at(crate::intake::display_path(path), *line, *column))]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: cannot serialize: {message}", crate::intake::display_path(path))]
    Serialize { path: PathBuf, message: String },
    /// The caller's change refused to be written (e.g. a file from a newer
    /// kanbao that this version would truncate).
    #[error("{}: not written: {reason}", crate::intake::display_path(path))]
    Rejected { path: PathBuf, reason: String },
    /// The file is there but was not read: a pipe or a device in its place,
    /// or far larger than such a file can be (see [`crate::intake`]).
    #[error("{}: {reason}", crate::intake::display_path(path))]
    Refused { path: PathBuf, reason: String },
}

impl StoreError {
    fn io(path: &Path, op: &'static str, source: io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            op,
            source,
        }
    }
}

/// A file that did not parse and was moved aside instead of being overwritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// Where the unparsable bytes are kept, unchanged.
    pub moved_to: PathBuf,
    /// The parse error, `path:line:column: message`.
    pub error: String,
}

impl fmt::Display for Recovered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}; kept as {} and started afresh",
            self.error,
            self.moved_to.display()
        )
    }
}

/// What [`load`] found: the value (the default when the file was missing or
/// unparsable) and, when it was unparsable, where the bad file went.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    pub value: T,
    pub recovered: Option<Recovered>,
}

/// Reads `path`. A missing (or blank) file gives `T::default()`. A file that
/// does not parse is moved aside under the lock and reported in
/// [`Loaded::recovered`]; if it cannot be moved aside (a read-only
/// directory), the parse error is returned instead, so it is never lost.
pub fn load<T: DeserializeOwned + Default>(path: &Path) -> Result<Loaded<T>, StoreError> {
    // Writers replace the file by rename, so an unlocked read sees a whole
    // file. Only the rare recovery path needs the lock.
    match read_value::<T>(path)? {
        Ok(value) => Ok(Loaded {
            value,
            recovered: None,
        }),
        Err(parse_error) => {
            // No lock (read-only directory): the bad file cannot be moved
            // aside, so the parse error is the report.
            let Ok(lock) = Lock::acquire(path) else {
                return Err(parse_error);
            };
            // Re-read under the lock: another process may have recovered or
            // rewritten it meanwhile, and a good file must not be moved aside.
            let (value, recovered) = read_or_recover(path)?;
            lock.release();
            Ok(Loaded { value, recovered })
        }
    }
}

/// Reads `path` as it is, never moving it: for a file that is someone
/// else's to mend (a team's file this user can only read). A missing file
/// gives `T::default()`; one that does not parse is the error.
pub fn read<T: DeserializeOwned + Default>(path: &Path) -> Result<T, StoreError> {
    read_value::<T>(path)?
}

/// Applies `f` to the current contents of `path` and writes the result, all
/// under the file's lock, so that concurrent updates merge rather than
/// overwrite each other. `f` should make a *change* (set this mark), not
/// replace the value with one read earlier.
pub fn update<T, R>(
    path: &Path,
    f: impl FnOnce(&mut T) -> R,
) -> Result<(R, Option<Recovered>), StoreError>
where
    T: Serialize + DeserializeOwned + Default,
{
    try_update(path, |value: &mut T| Ok::<R, StoreError>(f(value)))
}

/// Like [`update`], but `f` may refuse; then nothing is written and its error
/// is returned.
pub fn try_update<T, R, E>(
    path: &Path,
    f: impl FnOnce(&mut T) -> Result<R, E>,
) -> Result<(R, Option<Recovered>), E>
where
    T: Serialize + DeserializeOwned + Default,
    E: From<StoreError>,
{
    let lock = Lock::acquire(path)?;
    let (mut value, recovered) = read_or_recover::<T>(path)?;
    let out = f(&mut value)?;
    let text = to_ron(path, &value)?;
    write_atomic(path, text.as_bytes())?;
    lock.release();
    Ok((out, recovered))
}

/// Writes `bytes` to `path` so that the file is either the old one or the new
/// one, whatever happens: temp file in the same directory, fsync, rename over
/// `path`, fsync the directory. It does not take the lock: use [`update`] for
/// files that other processes change too.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = parent_dir(path);
    let name = file_name(path)?;
    fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, "create directory", e))?;
    // A cleaner may remove our temp file in the instant between creating and
    // locking it (see `remove_orphan_temps`); the rename then finds nothing
    // and we start again with a new temp file.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let (tmp_path, mut tmp) = create_temp(dir, name)?;
        let written = tmp.write_all(bytes).and_then(|()| tmp.sync_all());
        if let Err(e) = written {
            drop(tmp);
            let _ = fs::remove_file(&tmp_path);
            return Err(StoreError::io(&tmp_path, "write", e));
        }
        match fs::rename(&tmp_path, path) {
            Ok(()) => break,
            Err(e) if e.kind() == io::ErrorKind::NotFound && attempts < 3 => continue,
            Err(e) => {
                drop(tmp);
                let _ = fs::remove_file(&tmp_path);
                return Err(StoreError::io(path, "replace", e));
            }
        }
    }
    sync_dir(dir).map_err(|e| StoreError::io(dir, "sync directory", e))?;
    remove_orphan_temps(dir, name);
    Ok(())
}

/// Parses RON text as `T`, naming `path` and the line and column on error.
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, StoreError> {
    ron::from_str(text).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        // The message may quote the file: cleaned like everything from it.
        message: crate::intake::clean(&lower_first(&e.code.to_string())),
    })
}

/// `Expected …` → `expected …`: messages follow the `file:line:col: message`
/// convention of compilers. Acronyms and names (`NO_COLOR`) are left alone.
pub(crate) fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && second.is_lowercase() => {
            first.to_ascii_lowercase().to_string() + &message[1..]
        }
        _ => message.to_string(),
    }
}

/// The RON form of `value` that every store file is written in: pretty,
/// deterministic (maps are `BTreeMap`s), one field per line, newline-terminated,
/// so that a team can keep it in git and read the diffs.
pub fn to_ron<T: Serialize>(path: &Path, value: &T) -> Result<String, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false);
    let mut text =
        ron::ser::to_string_pretty(value, config).map_err(|e| StoreError::Serialize {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    text.push('\n');
    Ok(text)
}

/// kanbao's per-user data directory (`$XDG_DATA_HOME/kanbao` on Linux), or
/// `None` when the system names no home directory.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kanbao").map(|d| d.data_dir().to_path_buf())
}

/// The file that guards `path`: `NAME.lock` beside it.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or(OsStr::new("")).to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// True when `dir` lets us keep a store file named `name` in it: its lock
/// file, if there is one, can be opened, and a temp file can be created
/// there (so the lock file can be, when a write needs it). This tries it for
/// real rather than reading permission bits, which say nothing about
/// read-only mounts, ACLs or running as root. It leaves nothing behind: a
/// reader of an archive writes nothing into it.
pub fn dir_accepts(dir: &Path, name: &str) -> bool {
    let lock = lock_path(&dir.join(name));
    if lock.exists() && open_lock_file(&lock).is_err() {
        return false;
    }
    match create_temp(dir, OsStr::new(name)) {
        Ok((tmp_path, tmp)) => {
            drop(tmp);
            let _ = fs::remove_file(tmp_path);
            true
        }
        Err(_) => false,
    }
}

/// Seconds since the Unix epoch as `2026-11-25T04:15:00Z` (UTC).
pub fn rfc3339_utc(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil_utc(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Now, in seconds since the Unix epoch (0 if the clock is before 1970).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------

/// An exclusive advisory lock on `NAME.lock`, released on drop (and by the
/// kernel when the process dies, so a killed writer never wedges the file).
struct Lock {
    file: File,
}

impl Lock {
    fn acquire(path: &Path) -> Result<Lock, StoreError> {
        let lock_path = lock_path(path);
        let dir = parent_dir(path);
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, "create directory", e))?;
        let file = open_lock_file(&lock_path).map_err(|e| StoreError::io(&lock_path, "open", e))?;
        match file.try_lock() {
            Ok(()) => return Ok(Lock { file }),
            Err(TryLockError::WouldBlock) => {
                // Another process is writing: say so before waiting for it.
                if let Some(notice) = LOCK_WAIT_NOTICE.get() {
                    notice(&LockWait {
                        path: path.to_path_buf(),
                        lock_path: lock_path.clone(),
                        holder: lock_holder(&file),
                    });
                }
            }
            Err(TryLockError::Error(_)) => {}
        }
        file.lock()
            .map_err(|e| StoreError::io(&lock_path, "lock", e))?;
        Ok(Lock { file })
    }

    fn release(self) {
        // Dropping the handle releases the lock too; unlocking first says so.
        let _ = self.file.unlock();
    }
}

/// A wait for another process's lock, as told to [`on_lock_wait`]'s notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockWait {
    /// The file to be changed.
    pub path: PathBuf,
    /// The lock file another process holds.
    pub lock_path: PathBuf,
    /// That process, when the system says (Linux: `/proc/locks`).
    pub holder: Option<u32>,
}

impl fmt::Display for LockWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |p: &Path| {
            crate::intake::display_name(&p.file_name().unwrap_or_default().to_string_lossy())
        };
        write!(
            f,
            "waiting for another kanbao to finish writing {} ({} is locked",
            crate::intake::display_path(&self.path),
            name(&self.lock_path)
        )?;
        if let Some(pid) = self.holder {
            write!(f, " by process {pid}")?;
        }
        write!(f, ")…")
    }
}

static LOCK_WAIT_NOTICE: std::sync::OnceLock<fn(&LockWait)> = std::sync::OnceLock::new();

/// Has `notice` called whenever a change must wait for another process's
/// lock, before the wait (a command-line tool tells its user; the first
/// call wins). Without it a wait is silent.
pub fn on_lock_wait(notice: fn(&LockWait)) {
    let _ = LOCK_WAIT_NOTICE.set(notice);
}

/// The process holding a lock on `file`, from `/proc/locks` (Linux only;
/// best effort).
#[cfg(target_os = "linux")]
fn lock_holder(file: &File) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let meta = file.metadata().ok()?;
    let dev = meta.dev();
    let id = format!(
        "{:02x}:{:02x}:{}",
        libc::major(dev),
        libc::minor(dev),
        meta.ino()
    );
    let locks = crate::intake::read_file(Path::new("/proc/locks"), 16 << 20).ok()?;
    let locks = String::from_utf8_lossy(&locks);
    locks.lines().find_map(|line| {
        // `1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF`
        // (waiters are listed as `1: -> FLOCK …`).
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.contains(&"->") {
            return None;
        }
        let at = fields.iter().position(|f| *f == id)?;
        fields.get(at.checked_sub(1)?)?.parse().ok()
    })
}

#[cfg(not(target_os = "linux"))]
fn lock_holder(_file: &File) -> Option<u32> {
    None
}

/// Opens (creating if needed) a lock file. Another user may have created it
/// without write permission for us; an advisory lock works on a read-only
/// handle, so fall back to that.
fn open_lock_file(lock_path: &Path) -> io::Result<File> {
    let rw = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path);
    match rw {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            File::open(lock_path).map_err(|_| e)
        }
        other => other,
    }
}

/// Reads and parses `path`: `Ok(Ok(value))`, `Ok(Ok(default))` when missing or
/// blank, `Ok(Err(parse error))` when unparsable, `Err` when unreadable.
fn read_value<T: DeserializeOwned + Default>(
    path: &Path,
) -> Result<Result<T, StoreError>, StoreError> {
    // Only a regular file, and not a huge one: a named pipe in its place
    // would block forever, a device would never end.
    let bytes = match crate::intake::read_file(path, crate::intake::STORE_LIMIT) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(Ok(T::default())),
        Err(crate::intake::ReadError::Io(e)) => return Err(StoreError::io(path, "read", e)),
        Err(refused) => {
            return Err(StoreError::Refused {
                path: path.to_path_buf(),
                reason: refused.to_string(),
            });
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, column) = end_position(valid);
            return Ok(Err(StoreError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: "not valid UTF-8".to_string(),
            }));
        }
    };
    // An empty file holds nothing to lose (someone `touch`ed it): no report.
    if text.trim().is_empty() {
        return Ok(Ok(T::default()));
    }
    Ok(parse_ron(path, &text))
}

/// Under the lock: the file's value, or the default after moving an
/// unparsable file aside.
fn read_or_recover<T: DeserializeOwned + Default>(
    path: &Path,
) -> Result<(T, Option<Recovered>), StoreError> {
    match read_value::<T>(path)? {
        Ok(value) => Ok((value, None)),
        Err(parse_error) => match move_aside(path) {
            Ok(moved_to) => Ok((
                T::default(),
                Some(Recovered {
                    moved_to,
                    error: parse_error.to_string(),
                }),
            )),
            // Cannot keep the bad file safe (read-only directory): report the
            // parse error itself, and the caller does not write over it.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                Err(parse_error)
            }
            Err(e) => Err(StoreError::io(path, "move aside", e)),
        },
    }
}

/// Renames `path` to `path.corrupt-YYYYMMDDTHHMMSS` (UTC), adding `-2`, `-3`…
/// when that name is taken, so an earlier rescued file is never replaced.
/// Called only under the lock, so the check-then-rename does not race.
fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let (y, mo, d, h, mi, s) = civil_utc(unix_now());
    let stamp = format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}");
    let base = path.file_name().unwrap_or(OsStr::new("")).to_os_string();
    for n in 1u32.. {
        let mut name = base.clone();
        name.push(format!(".corrupt-{stamp}"));
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let target = path.with_file_name(name);
        if fs::symlink_metadata(&target).is_err() {
            fs::rename(path, &target)?;
            return Ok(target);
        }
    }
    unreachable!("u32 ran out of suffixes")
}

/// The 1-based line and column just past `bytes` (for errors at their end).
fn end_position(bytes: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    let line = 1 + text.matches('\n').count();
    let column = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, column)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> Result<&OsStr, StoreError> {
    path.file_name().ok_or_else(|| StoreError::Rejected {
        path: path.to_path_buf(),
        reason: "not a file name".to_string(),
    })
}

/// The prefix of every temp file for `name`: `.NAME.tmp-`. The leading dot
/// and the suffix keep it from being taken for data (or for an archive page).
fn temp_prefix(name: &OsStr) -> String {
    format!(".{}.tmp-", name.to_string_lossy())
}

/// Creates `.NAME.tmp-PID-N` in `dir`, exclusively, and locks it for as long
/// as the handle lives: a temp file nobody holds a lock on is an orphan.
/// The index's cache files are written through it too.
pub(crate) fn create_temp(dir: &Path, name: &OsStr) -> Result<(PathBuf, File), StoreError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp_path = dir.join(format!("{}{}-{n}", temp_prefix(name), std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp_path)
        {
            Ok(file) => {
                file.lock()
                    .map_err(|e| StoreError::io(&tmp_path, "lock", e))?;
                return Ok((tmp_path, file));
            }
            // Left by an earlier process with the same pid: try the next N.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io(&tmp_path, "create", e)),
        }
    }
}

/// Best effort: removes `.NAME.tmp-*` files left by killed writers. A temp
/// file whose lock we can take has no writer any more.
pub(crate) fn remove_orphan_temps(dir: &Path, name: &OsStr) {
    let prefix = temp_prefix(name);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(&prefix) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = fs::remove_file(&path);
            }
            Err(TryLockError::WouldBlock) | Err(TryLockError::Error(_)) => {}
        }
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    // Makes the rename itself durable: without it a power cut can bring back
    // the old directory entry.
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a directory as a file; its rename is already
    // journaled by NTFS.
    Ok(())
}

/// UTC calendar fields of a Unix time (Howard Hinnant's `civil_from_days`),
/// so that timestamps need no date crate.
fn civil_utc(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (h, mi, s) = (
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    );
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(mo <= 2);
    (y, mo, d, h, mi, s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    type Map = BTreeMap<String, u32>;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_795_580_100), "2026-11-25T04:15:00Z");
    }

    #[test]
    fn messages_start_lower_case_but_keep_names() {
        assert_eq!(lower_first("Expected closing `)`"), "expected closing `)`");
        assert_eq!(lower_first("NO_COLOR set"), "NO_COLOR set");
    }

    #[test]
    fn missing_and_blank_files_load_as_default() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        assert_eq!(load::<Map>(&path).unwrap().value, Map::new());
        fs::write(&path, " \n").unwrap();
        let loaded = load::<Map>(&path).unwrap();
        assert_eq!((loaded.value, loaded.recovered), (Map::new(), None));
    }

    #[test]
    fn update_persists_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("x.ron");
        update(&path, |m: &mut Map| m.insert("b".into(), 2)).unwrap();
        update(&path, |m: &mut Map| m.insert("a".into(), 1)).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text, "{\n    \"a\": 1,\n    \"b\": 2,\n}\n");
        let again: Map = load(&path).unwrap().value;
        assert_eq!(again, Map::from([("a".into(), 1), ("b".into(), 2)]));
        assert!(lock_path(&path).exists());
    }

    #[test]
    fn a_refused_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        let r = try_update(&path, |_: &mut Map| -> Result<(), StoreError> {
            Err(StoreError::Rejected {
                path: PathBuf::from("x"),
                reason: "no".into(),
            })
        });
        assert!(r.is_err());
        assert!(!path.exists());
    }

    #[test]
    fn garbage_is_moved_aside_with_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        let garbage = b"{\n  \"a\": 1,\n  oops\n";
        fs::write(&path, garbage).unwrap();
        let loaded = load::<Map>(&path).unwrap();
        assert_eq!(loaded.value, Map::new());
        let rec = loaded.recovered.expect("reported");
        assert!(rec.error.contains("x.ron:3:"), "{}", rec.error);
        let moved_name = rec.moved_to.file_name().unwrap().to_string_lossy();
        assert!(moved_name.starts_with("x.ron.corrupt-20"), "{moved_name}");
        assert_eq!(fs::read(&rec.moved_to).unwrap(), garbage);
        assert!(!path.exists());

        // A second bad file in the same second keeps the first one.
        fs::write(&path, b"\xff\xfe").unwrap();
        let (_, rec2) = update(&path, |m: &mut Map| m.insert("z".into(), 26)).unwrap();
        let rec2 = rec2.expect("reported");
        assert!(rec2.error.contains("not valid UTF-8"), "{}", rec2.error);
        assert_ne!(rec.moved_to, rec2.moved_to);
        assert_eq!(fs::read(&rec.moved_to).unwrap(), garbage);
        assert_eq!(
            load::<Map>(&path).unwrap().value,
            Map::from([("z".into(), 26)])
        );
    }

    #[test]
    fn orphaned_temps_are_cleaned_but_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        let orphan = dir.path().join(".x.ron.tmp-999999-0");
        fs::write(&orphan, b"half a fi").unwrap();
        let (live_path, _live) = create_temp(dir.path(), OsStr::new("x.ron")).unwrap();
        write_atomic(&path, b"{}\n").unwrap();
        assert!(!orphan.exists());
        assert!(live_path.exists(), "a locked temp file is someone's write");
    }

    #[test]
    fn writable_directories_are_probed_for_real() {
        let dir = tempfile::tempdir().unwrap();
        assert!(dir_accepts(dir.path(), "x.ron"));
        assert!(!dir_accepts(&dir.path().join("missing"), "x.ron"));
        // Nothing is left behind by the probe: no temp file, no lock file.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }
}
