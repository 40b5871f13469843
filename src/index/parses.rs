//! The parse cache: every file's parse, in 64 shard files per archive.
//!
//! A file belongs to the shard its path (relative to the archive) hashes
//! to, so touching one file rewrites one sixty-fourth of the cache, not all
//! of it. A shard is
//!
//! ```text
//! "KBPARSE\0"  format: u32  version: u64  root: u32 length + bytes
//! payload length: u64  CRC-32 of the payload: u32  payload (postcard)
//! ```
//!
//! all little-endian; the payload is a list of (path, stamp, parse).
//! Anything amiss (short, wrong magic, format, version or root, a checksum
//! that does not match, a payload that does not decode) and the shard is
//! read as empty: its files are parsed again and the shard rewritten.

use super::{Cache, Fnv};
use crate::loader::Parsed;
use crate::model::FileError;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MAGIC: &[u8; 8] = b"KBPARSE\0";
/// The layout above; bumped when it changes.
const FORMAT: u32 = 1;
const SHARDS: usize = 64;
/// A file changed less than this before it was stamped might change again
/// within the clock's tick and keep its stamp (as git's "racy" files): its
/// parse is stored but not trusted, so the next start parses it again.
const RACY: Duration = Duration::from_secs(2);

/// What identifies one version of a file: its size and modification time,
/// and its sidecar's (`None`: no sidecar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileStamp {
    bytes: u64,
    modified_ns: u128,
    sidecar: Option<(u64, u128)>,
    /// False when the file was too fresh to be sure of (see [`RACY`]).
    trusted: bool,
}

/// A file's size and modification time.
fn size_and_time(m: std::io::Result<std::fs::Metadata>) -> std::io::Result<(u64, u128)> {
    let m = m?;
    let t = m.modified()?.duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok((m.len(), t.as_nanos()))
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        FileStamp::from_metadata(
            std::fs::metadata(path),
            std::fs::metadata(path.with_extension("ron")),
        )
    }

    /// The stamp of a file whose metadata is `file`, and its sidecar's
    /// `sidecar` (an error of kind `NotFound`: none).
    fn from_metadata(
        file: std::io::Result<std::fs::Metadata>,
        sidecar: std::io::Result<std::fs::Metadata>,
    ) -> Option<FileStamp> {
        let (bytes, modified_ns) = size_and_time(file).ok()?;
        let sidecar = match size_and_time(sidecar) {
            Ok(s) => Some(s),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(_) => return None,
        };
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let newest = sidecar.map_or(modified_ns, |s| s.1.max(modified_ns));
        Some(FileStamp {
            bytes,
            modified_ns,
            sidecar,
            trusted: newest + RACY.as_nanos() <= now,
        })
    }

    /// The cached parse stamped `self` may stand for the file stamped `now`.
    fn still(&self, now: &FileStamp) -> bool {
        self.trusted && now.trusted && self == now
    }
}

#[derive(Deserialize)]
struct Entry {
    path: String,
    stamp: FileStamp,
    parsed: Parsed,
}

/// An entry to write, borrowed (postcard writes it as it would [`Entry`]).
#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a str,
    stamp: &'a FileStamp,
    parsed: &'a Parsed,
}

/// A file's number, path in the archive, stamp and cached parse if usable.
type Stamped = (usize, String, Option<FileStamp>, Option<Parsed>);
/// The same with whether it came from the cache, and the parse.
type Outcome = (
    usize,
    String,
    Option<FileStamp>,
    bool,
    Result<Parsed, FileError>,
);

/// Every file's parse, from the cache when its stamp is unchanged, else by
/// `parse` (and then cached). In the order of `files`. `root` is the
/// archive as given; `version` from [`super::parse_version`].
pub(crate) fn parses(
    cache: &Cache,
    root: &Path,
    files: &[PathBuf],
    version: u64,
    parse: &(dyn Fn(&Path) -> Result<Parsed, FileError> + Sync),
) -> Vec<Result<Parsed, FileError>> {
    let dir = cache.archive_dir(root);
    let usable = std::fs::create_dir_all(&dir).is_ok();
    if usable {
        Cache::record_archive(&dir, root);
    }
    let root_name = root.to_string_lossy();
    let mut by_shard: Vec<Vec<(usize, String)>> = vec![Vec::new(); SHARDS];
    for (i, f) in files.iter().enumerate() {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        by_shard[shard_of(&rel)].push((i, rel));
    }
    type Done = (
        usize,
        (String, Option<FileStamp>),
        Result<Parsed, FileError>,
    );
    let done: Vec<Vec<Done>> = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(shard, members)| {
            let path = dir.join(format!("parses-{shard:02}.bin"));
            let (found, intact) = match usable {
                true => read_shard(&path, version, &root_name),
                false => (HashMap::new(), false),
            };
            let mut found = found;
            let before = found.len();
            let stamped: Vec<Stamped> = members
                .into_iter()
                .map(|(i, rel)| {
                    let stamp = FileStamp::of(&files[i]);
                    let cached = match (found.remove(&rel), &stamp) {
                        (Some((old, parsed)), Some(now)) if old.still(now) => Some(parsed),
                        _ => None,
                    };
                    (i, rel, stamp, cached)
                })
                .collect();
            // Entries of files no longer in the archive are dropped.
            let dropped = !found.is_empty();
            drop(found);
            let reused = stamped.iter().filter(|s| s.3.is_some()).count();
            let results: Vec<Outcome> = stamped
                .into_par_iter()
                .map(|(i, rel, stamp, cached)| match cached {
                    Some(p) => (i, rel, stamp, true, Ok(p)),
                    None => (i, rel, stamp, false, parse(&files[i])),
                })
                .collect();
            let parsed = results.len() - reused;
            cache.count(reused, parsed);
            let changed = parsed > 0 || dropped || !intact || reused != before;
            if usable && changed {
                let keep: Vec<EntryRef> = results
                    .iter()
                    .filter_map(|(_, rel, stamp, _, r)| {
                        Some(EntryRef {
                            path: rel,
                            stamp: stamp.as_ref()?,
                            parsed: r.as_ref().ok()?,
                        })
                    })
                    .collect();
                // A cache that cannot be written costs the next start its
                // speed, nothing else.
                let _ = write_shard(&path, version, &root_name, &keep);
            }
            results
                .into_iter()
                .map(|(i, rel, stamp, _, r)| (i, (rel, stamp), r))
                .collect()
        })
        .collect();
    let mut out: Vec<Option<Result<Parsed, FileError>>> = (0..files.len()).map(|_| None).collect();
    let mut stamps: Vec<Option<(String, Option<FileStamp>)>> = vec![None; files.len()];
    for (i, stamp, r) in done.into_iter().flatten() {
        out[i] = Some(r);
        stamps[i] = Some(stamp);
    }
    cache.set_loaded(archive_state(version, stamps));
    out.into_iter()
        .map(|r| r.expect("every file has a result"))
        .collect()
}

/// A file's path in the archive and its stamp (`None`: not to be had).
type NamedStamp = Option<(String, Option<FileStamp>)>;

/// The stamp of `file` as [`FileStamp::of`] gives it, by its folder's
/// `entries` (sorted by name) when the walk has them: a sidecar the folder
/// lacks is not looked for, and no path is resolved from the root again.
/// At 150,110 files (100k issues) stamping is most of a warm `list`.
pub(crate) fn stamp_in(file: &Path, entries: Option<&crate::loader::Entries>) -> Option<FileStamp> {
    let Some(entries) = entries else {
        return FileStamp::of(file);
    };
    // A symlink's own metadata is not its target's: those follow the path.
    let metadata = |path: &Path| -> std::io::Result<std::fs::Metadata> {
        let name = path.file_name().unwrap_or_default();
        match entries.binary_search_by(|(n, _)| n.as_os_str().cmp(name)) {
            Err(_) => Err(std::io::ErrorKind::NotFound.into()),
            Ok(at) => match &entries[at].1 {
                e if e.file_type().is_ok_and(|t| !t.is_symlink()) => e.metadata(),
                _ => std::fs::metadata(path),
            },
        }
    };
    FileStamp::from_metadata(metadata(file), metadata(&file.with_extension("ron")))
}

/// A file's path in the archive and its stamp by its folder's entries
/// (see [`stamp_in`]): what the walk makes of each file when the archive's
/// state is asked for.
pub(crate) fn named_stamp_in(
    root: &Path,
) -> impl Fn(&Path, Option<&crate::loader::Entries>) -> (String, Option<FileStamp>) + Sync {
    move |file, entries| {
        let rel = file.strip_prefix(root).unwrap_or(file);
        (rel.to_string_lossy().into_owned(), stamp_in(file, entries))
    }
}

/// The state [`parses`] would give the archive whose files' paths and
/// stamps are `files` (see [`named_stamp_in`]).
pub(crate) fn archive_stamp_now(
    files: Vec<(PathBuf, (String, Option<FileStamp>))>,
    version: u64,
) -> Option<State> {
    archive_state(
        version,
        files.into_iter().map(|(_, named)| Some(named)).collect(),
    )
}

/// The stamp that names an archive's state, and every file's path in the
/// archive and stamp in that state.
pub(crate) type State = (u64, Vec<(String, FileStamp)>);

/// The archive's state: the stamp that names it (every file's path and
/// stamp, in order, and the parser's version) and the files' stamps;
/// unknown when a file could not be stamped or was too fresh to trust.
fn archive_state(version: u64, stamps: Vec<NamedStamp>) -> Option<State> {
    let mut h = Fnv::new();
    h.write(&version.to_le_bytes());
    let mut files = Vec::with_capacity(stamps.len());
    for s in stamps {
        let (rel, Some(stamp)) = s? else {
            return None;
        };
        if !stamp.trusted {
            return None;
        }
        h.write(rel.as_bytes());
        h.write(&[0]);
        h.write(&stamp.bytes.to_le_bytes());
        h.write(&stamp.modified_ns.to_le_bytes());
        let (sb, sm) = stamp.sidecar.unwrap_or((u64::MAX, 0));
        h.write(&sb.to_le_bytes());
        h.write(&sm.to_le_bytes());
        files.push((rel, stamp));
    }
    Some((h.finish(), files))
}

fn shard_of(rel: &str) -> usize {
    let mut h = Fnv::new();
    h.write(rel.as_bytes());
    (h.finish() % SHARDS as u64) as usize
}

/// The header before the payload (see [`super::frame`]).
fn header(version: u64, root: &str, payload: &[u8]) -> Vec<u8> {
    super::frame::header(MAGIC, FORMAT, version, root, payload)
}

type Found = HashMap<String, (FileStamp, Parsed)>;

/// A shard's entries, and whether the shard was whole and current (a
/// missing shard is not: it is to be written).
fn read_shard(path: &Path, version: u64, root: &str) -> (Found, bool) {
    let Ok(bytes) = std::fs::read(path) else {
        return (HashMap::new(), false);
    };
    match decode_shard(&bytes, version, root) {
        Some(entries) => (
            entries
                .into_iter()
                .map(|e| (e.path, (e.stamp, e.parsed)))
                .collect(),
            true,
        ),
        None => (HashMap::new(), false),
    }
}

fn decode_shard(bytes: &[u8], version: u64, root: &str) -> Option<Vec<Entry>> {
    let start = super::frame::payload_start(bytes, MAGIC, FORMAT, version, root)?;
    postcard::from_bytes(&bytes[start..]).ok()
}

/// Writes the shard beside its place and renames it there: a reader sees
/// the old shard or the new one, and of two writers the last rename wins
/// with a whole shard. No fsync: a shard cut short by a crash fails its
/// checksum and is rebuilt.
fn write_shard(path: &Path, version: u64, root: &str, entries: &[EntryRef]) -> std::io::Result<()> {
    if entries.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let payload = postcard::to_stdvec(entries).map_err(std::io::Error::other)?;
    let mut bytes = header(version, root, &payload);
    bytes.extend_from_slice(&payload);
    // Locked while written, so that what a killed writer left is told from
    // a write in progress and swept by the next write of the shard.
    let (dir, name) = (
        path.parent().unwrap_or(Path::new(".")),
        path.file_name().unwrap_or_default(),
    );
    crate::store::remove_orphan_temps(dir, name);
    let (aside, mut file) = crate::store::create_temp(dir, name).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut file, &bytes)
        .and_then(|()| std::fs::rename(&aside, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&aside);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_decodes_only_whole_and_current() {
        let entries: Vec<EntryRef> = Vec::new();
        let payload = postcard::to_stdvec(&entries).unwrap();
        let mut good = header(7, "/a", &payload);
        good.extend_from_slice(&payload);
        assert!(decode_shard(&good, 7, "/a").is_some());
        assert!(decode_shard(&good, 8, "/a").is_none(), "another version");
        assert!(decode_shard(&good, 7, "/b").is_none(), "another archive");
        assert!(
            decode_shard(&good[..good.len() - 1], 7, "/a").is_none(),
            "cut"
        );
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(decode_shard(&flipped, 7, "/a").is_none(), "bit flipped");
        assert!(decode_shard(b"KBPARSE", 7, "/a").is_none());
    }

    /// The walk stamps files by their folder's entries; a parse is cached
    /// under the stamp its path gives. Were the two to differ, the
    /// skeleton would never stand for the archive and every command would
    /// load it.
    #[cfg(unix)]
    #[test]
    fn a_stamp_by_the_folders_entries_is_the_stamp_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let old = std::time::SystemTime::now() - Duration::from_secs(60);
        let write = |name: &str, text: &str| {
            let path = root.join(name);
            std::fs::write(&path, text).unwrap();
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(old).unwrap();
        };
        write("alone.txt", "a page");
        write("with.txt", "a page with a sidecar");
        write("with.ron", "(date: \"2021-01-01\")");
        write("target.txt", "the page a link points at");
        write("target.ron", "()");
        std::os::unix::fs::symlink(root.join("target.txt"), root.join("link.txt")).unwrap();
        let (found, _) = crate::loader::archive_files_with(root, &named_stamp_in(root)).unwrap();
        assert_eq!(found.len(), 4);
        for (file, (rel, stamp)) in &found {
            assert_eq!(root.join(rel), *file);
            let by_path = FileStamp::of(file);
            assert!(by_path.is_some_and(|s| s.trusted), "{rel}");
            assert_eq!(*stamp, by_path, "{rel}");
        }
        let with = found
            .iter()
            .find(|(_, (rel, _))| rel == "with.txt")
            .unwrap();
        assert!(with.1.1.unwrap().sidecar.is_some());
        let (_, (_, alone)) = &found[0];
        assert!(alone.unwrap().sidecar.is_none());
    }
}
