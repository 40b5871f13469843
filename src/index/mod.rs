//! The persistent index: what kanbao keeps per archive in the user's cache
//! folder (never inside the archive, which may be read-only or in git) so
//! that a second start re-reads nothing that did not change.
//!
//! Today it holds the parse of every file ([`parses`]): keyed by the file's
//! path, size and modification time (and its sidecar's), and by the parser's
//! version (a hash of the parser's source, made by `build.rs`) and the paper
//! profiles in use. A changed or added file is parsed again alone, a
//! deleted one is dropped. Every file of the cache carries a magic number,
//! its format's version and a checksum: one that is truncated, corrupted or
//! from another version is rebuilt, never trusted. Files are written aside
//! and renamed into place, so two processes building at once each leave a
//! whole file and a reader never sees half of one.
//!
//! Beside the parses it keeps the archive's [`skeleton`]: what `list`
//! prints and what the headline search reads, so that those answer
//! without decoding every parse when nothing changed; the full-text index
//! ([`TextIndex`]); and what lets a command read a few issues alone
//! ([`read_alone`]) or bring the skeleton and the full-text index forward
//! when a few files changed ([`refresh`]); and, while `kanbao index
//! --watch` runs, the watcher that vouches for it so that commands need not
//! stamp every file ([`watch`]).
//!
//! Layout: `CACHE/archives/HASH/parses-NN.bin` (and `skeleton-list.bin`,
//! `skeleton-headlines.bin`, `skeleton-headline-index.bin`,
//! `skeleton-files.bin`, `text-STAMP/`; `watch.lock` and `watch/` while a
//! watcher runs), where `CACHE` is
//! `$KANBAO_CACHE_DIR` or the system's cache folder for kanbao
//! (`~/.cache/kanbao` on Linux) and `HASH` names the archive's folder as
//! given and as resolved. `CACHE/archives/HASH/archive` holds that resolved
//! path, so that [`Cache::prune`] can tell a cache whose archive is gone.

mod bigrams;
mod frame;
pub mod headline_patch;
mod lazy_skeleton;
pub(crate) mod parses;
pub mod read_alone;
pub mod refresh;
pub mod skeleton;
mod text;
pub mod watch;

pub use lazy_skeleton::LazySkeleton;
pub use text::{Place, TextIndex, archive_order};

use crate::profile::Profiles;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable that moves the cache folder (tests, or a
/// faster disk).
pub const CACHE_DIR_ENV: &str = "KANBAO_CACHE_DIR";

/// The parser's version: a hash of its source files, made by `build.rs`. A
/// new parser never reads an older one's cache.
const PARSER_SOURCE_HASH: &str = env!("KANBAO_PARSER_HASH");

/// A cache folder, and what one load found in it.
#[derive(Debug)]
pub struct Cache {
    root: PathBuf,
    /// Files whose parse came from the cache during the last loads.
    pub reused: AtomicUsize,
    /// Files read and parsed (not in the cache, or changed).
    pub parsed: AtomicUsize,
    /// The state of the archive last loaded through this cache (see
    /// [`Cache::archive_stamp`]), and every file's path in the archive and
    /// stamp in that state.
    loaded: std::sync::Mutex<Option<parses::State>>,
}

impl Cache {
    /// A cache kept in `root`.
    pub fn at(root: impl Into<PathBuf>) -> Cache {
        Cache {
            root: root.into(),
            reused: AtomicUsize::new(0),
            parsed: AtomicUsize::new(0),
            loaded: std::sync::Mutex::new(None),
        }
    }

    /// What names the state of the archive last loaded through this cache:
    /// every file's path, size and time, and the parser's version. `None`
    /// before a load, or when a file was too fresh to be sure of.
    pub fn archive_stamp(&self) -> Option<u64> {
        self.loaded.lock().ok()?.as_ref().map(|(stamp, _)| *stamp)
    }

    pub(crate) fn set_loaded(&self, state: Option<parses::State>) {
        if let Ok(mut s) = self.loaded.lock() {
            *s = state;
        }
    }

    /// The files' stamps of the last load (see [`Cache::archive_stamp`]),
    /// taken out; empty when its state is not known.
    pub(crate) fn take_file_stamps(&self) -> Vec<(String, parses::FileStamp)> {
        self.loaded
            .lock()
            .ok()
            .and_then(|mut s| s.as_mut().map(|(_, files)| std::mem::take(files)))
            .unwrap_or_default()
    }

    /// The user's cache: `$KANBAO_CACHE_DIR`, else the system's cache folder
    /// for kanbao; `None` when the system names no home.
    pub fn user() -> Option<Cache> {
        let root = match std::env::var_os(CACHE_DIR_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => directories::ProjectDirs::from("", "", "kanbao")?
                .cache_dir()
                .to_path_buf(),
        };
        Some(Cache::at(root))
    }

    /// The cache folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder that holds one archive's cache.
    pub fn archive_dir(&self, archive: &Path) -> PathBuf {
        let resolved = std::fs::canonicalize(archive).unwrap_or_else(|_| archive.to_path_buf());
        let mut h = Fnv::new();
        h.write(archive.as_os_str().as_encoded_bytes());
        h.write(&[0]);
        h.write(resolved.as_os_str().as_encoded_bytes());
        self.root
            .join("archives")
            .join(format!("{:016x}", h.finish()))
    }

    /// Removes one archive's cache, or with `None` every archive's.
    pub fn clear(&self, archive: Option<&Path>) -> std::io::Result<()> {
        let dir = match archive {
            Some(a) => self.archive_dir(a),
            None => self.root.join("archives"),
        };
        match std::fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Records in `dir` (an archive's cache folder) which archive it is
    /// for, unless it already says so: written aside and renamed, like the
    /// cache's other files.
    pub(crate) fn record_archive(dir: &Path, archive: &Path) {
        let resolved = std::fs::canonicalize(archive).unwrap_or_else(|_| archive.to_path_buf());
        let name = resolved.as_os_str().as_encoded_bytes();
        let file = dir.join(ARCHIVE_RECORD);
        if std::fs::read(&file).is_ok_and(|b| b == name) {
            return;
        }
        // A cache folder that cannot say which archive it is for is pruned.
        let _ = crate::store::write_atomic(&file, name);
    }

    /// Removes the cache of every archive that is gone (its folder no
    /// longer exists), and every cache that does not say which archive it
    /// is for (an older kanbao's, which this one would rebuild anyway).
    /// Returns what was removed: the archive (or `None`) and the bytes.
    pub fn prune(&self) -> std::io::Result<Vec<(Option<PathBuf>, u64)>> {
        let archives = self.root.join("archives");
        let entries = match std::fs::read_dir(&archives) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut removed = Vec::new();
        for entry in entries.flatten() {
            let dir = entry.path();
            if !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let archive = std::fs::read(dir.join(ARCHIVE_RECORD))
                .ok()
                .map(|b| PathBuf::from(String::from_utf8_lossy(&b).into_owned()));
            if archive.as_deref().is_some_and(Path::exists) {
                continue;
            }
            let bytes = size_of(&dir);
            std::fs::remove_dir_all(&dir)?;
            removed.push((archive, bytes));
        }
        Ok(removed)
    }

    pub(crate) fn count(&self, reused: usize, parsed: usize) {
        self.reused.fetch_add(reused, Ordering::Relaxed);
        self.parsed.fetch_add(parsed, Ordering::Relaxed);
    }
}

/// The file in an archive's cache folder that names the archive.
const ARCHIVE_RECORD: &str = "archive";

/// The bytes of the files below `dir`.
pub(crate) fn size_of(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => size_of(&e.path()),
                    _ => e.metadata().map_or(0, |m| m.len()),
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The version a cached parse must carry to be used: the parser's source
/// and the profiles it read with (their every field, in a fixed order).
pub(crate) fn parse_version(profiles: &Profiles) -> u64 {
    let mut h = Fnv::new();
    h.write(PARSER_SOURCE_HASH.as_bytes());
    h.write(format!("{profiles:?}").as_bytes());
    h.finish()
}

/// FNV-1a, 64 bits: a stable hash for names and versions (the standard
/// library's hasher may change between releases; these must not).
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}
