//! Bringing the skeleton and the full-text index forward when a few files
//! of the archive changed, by reading those files' issues alone.
//!
//! Beside the skeleton lies its file table (`skeleton-files.bin`, in the
//! cache's frame, keyed as the skeleton): every file's path in the
//! archive, its stamp (size and time, its sidecar's) and the issues it
//! makes, with the archive's stamp and what the walk found amiss. When a
//! command finds the skeleton of another state, [`refresh`] compares the
//! files' stamps now with the table's. If the same files are there and no
//! more than [`MOST_CHANGED`] changed, the issues those files make (and
//! any other issue their files share) are read alone
//! ([`crate::loader::load_files`]) and each must come out as it stood in
//! the skeleton's shape: the same id, date, paper, number and pages (label
//! and file). Then their rows of the listing, their headlines and their
//! documents in the full-text index are replaced, and the rest kept as
//! they were. Anything else (a file added, removed or renamed, another
//! parser, an issue that reads differently alone because its day's other
//! pages or a neighbour's date bore on it) and nothing is refreshed: the
//! command loads the whole archive, which writes everything again.
//!
//! Why: at 100k generated issues, `kanbao list` after one file was edited
//! took 12.7 s, decoding every cached parse to write the skeleton again.
//! The parse cache itself is not touched here: the changed file is parsed
//! again (once) by the next command that loads the archive.

use super::parses::FileStamp;
use super::skeleton::{self, ArchiveState, IssueRow};
use super::{Cache, TextIndex};
use crate::model::{Archive, FileError, Issue};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Past this many changed files the archive is loaded whole: each changed
/// file's issue is read and parsed, about six times the cost of decoding
/// its cached parse.
pub const MOST_CHANGED: usize = 64;

/// The file table: what [`refresh`] compares and where it looks.
#[derive(Serialize, Deserialize)]
pub(super) struct FileTable {
    /// The archive's stamp in the table's state (the full-text index's name).
    stamp: u64,
    walk_errors: Vec<FileError>,
    files: Vec<FileRow>,
}

#[derive(Serialize, Deserialize)]
struct FileRow {
    /// The file's path in the archive.
    rel: String,
    stamp: FileStamp,
    /// The issues (by number in archive order) with a page or a source
    /// line from this file.
    issues: Vec<u32>,
}

impl FileTable {
    /// The issues (sorted, once each) with a page or a source line from
    /// one of the files `rels` (paths in the archive, as the table keeps
    /// them); `None` when one is not in the table.
    pub(super) fn issues_of(&self, rels: &[&str]) -> Option<Vec<u32>> {
        let by_rel: HashMap<&str, &FileRow> =
            self.files.iter().map(|f| (f.rel.as_str(), f)).collect();
        let mut issues = Vec::new();
        for rel in rels {
            issues.extend_from_slice(&by_rel.get(rel)?.issues);
        }
        issues.sort_unstable();
        issues.dedup();
        Some(issues)
    }

    /// The issues (sorted, once each) with a page or a source line from a
    /// file whose bare name (as [`crate::score::file_name`] gives it) is
    /// one of `names`; `None` when no file is so named for one of them.
    pub(super) fn issues_named(&self, names: &[&str]) -> Option<Vec<u32>> {
        let mut by_name: HashMap<&str, Vec<&FileRow>> = HashMap::new();
        for f in &self.files {
            by_name
                .entry(crate::score::file_name(&f.rel))
                .or_default()
                .push(f);
        }
        let mut issues = Vec::new();
        for name in names {
            for f in by_name.get(name)? {
                issues.extend_from_slice(&f.issues);
            }
        }
        issues.sort_unstable();
        issues.dedup();
        Some(issues)
    }

    /// The table of `archive`, whose files (in order) are `files` with the
    /// stamps `stamps`, in the state `stamp`.
    pub(super) fn of(
        stamp: u64,
        walk_errors: &[FileError],
        files: &[PathBuf],
        stamps: Vec<(String, FileStamp)>,
        archive: &Archive,
    ) -> Option<FileTable> {
        if stamps.len() != files.len() {
            return None;
        }
        // Pages and sources name their files as the loader shows them.
        let number: HashMap<String, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (crate::intake::display_path(f), i))
            .collect();
        let mut issues: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); files.len()];
        for (n, issue) in archive.issues.iter().enumerate() {
            let n = u32::try_from(n).ok()?;
            let pages = issue.pages.iter().map(|p| p.source.as_str());
            for source in pages.chain(issue.sources.iter().map(|s| s.path.as_str())) {
                if let Some(&i) = number.get(source) {
                    issues[i].insert(n);
                }
            }
        }
        Some(FileTable {
            stamp,
            walk_errors: walk_errors.to_vec(),
            files: stamps
                .into_iter()
                .zip(issues)
                .map(|((rel, stamp), issues)| FileRow {
                    rel,
                    stamp,
                    issues: issues.into_iter().collect(),
                })
                .collect(),
        })
    }
}

/// Brings the skeleton of the archive at `root` (and its full-text index,
/// when there is one) to the state `now`, from the skeleton of the state
/// before when only a few files changed since. True when the skeleton of
/// `now` is in place.
pub fn refresh(cache: &Cache, root: &Path, now: &ArchiveState) -> bool {
    refreshed(cache, root, now).is_some()
}

fn refreshed(cache: &Cache, root: &Path, now: &ArchiveState) -> Option<()> {
    // A state a watcher vouched for names no files: its skeleton is in
    // place, or a walk finds what changed.
    let now_files = now.files.as_ref()?;
    let (before, table) = skeleton::open_file_table(cache, root)?;
    let same_files = table.walk_errors == now.walk_errors
        && table.files.len() == now_files.len()
        && table
            .files
            .iter()
            .zip(now_files)
            .all(|(r, (rel, _))| r.rel == *rel);
    if !same_files {
        return None;
    }
    let changed: Vec<usize> = (0..now_files.len())
        .filter(|&i| table.files[i].stamp != now_files[i].1)
        .collect();
    // No file changed and yet another state: another parser or profiles.
    if changed.is_empty() || changed.len() > MOST_CHANGED {
        return None;
    }
    if changed.iter().any(|&i| table.files[i].issues.is_empty()) {
        return None;
    }
    // The changed files' issues, and every issue a file of theirs makes.
    let mut issues: BTreeSet<u32> = changed
        .iter()
        .flat_map(|&i| table.files[i].issues.iter().copied())
        .collect();
    let files = loop {
        let files: BTreeSet<usize> = (0..table.files.len())
            .filter(|&i| table.files[i].issues.iter().any(|n| issues.contains(n)))
            .collect();
        let more: BTreeSet<u32> = files
            .iter()
            .flat_map(|&i| table.files[i].issues.iter().copied())
            .collect();
        if more.len() == issues.len() {
            break files;
        }
        if files.len() > MOST_CHANGED * 4 {
            return None;
        }
        issues = more;
    };
    let mut listing = skeleton::open_listing_at(cache, root, before)?;
    let numbers: Vec<u32> = issues.iter().copied().collect();
    let shells = skeleton::open_headlines_of(cache, root, before, &numbers)?;
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|&i| root.join(&table.files[i].rel))
        .collect();
    let read = crate::loader::load_files(root, &paths, &Default::default());
    if !read.errors.is_empty() || read.issues.len() != issues.len() {
        return None;
    }
    let mut found = super::read_alone::ReadAlone::of(read.issues);
    let mut owned: Vec<(u32, Issue)> = Vec::with_capacity(issues.len());
    for &n in &issues {
        let old = shells.issues.get(n as usize)?;
        let new = found.take(old)?;
        if !same_shape(old, &new) {
            return None;
        }
        owned.push((n, new));
    }
    let replaced: Vec<(u32, &Issue)> = owned.iter().map(|(n, i)| (*n, i)).collect();
    let mut heads = Vec::with_capacity(replaced.len());
    for &(n, new) in &replaced {
        *listing.issues.get_mut(n as usize)? = IssueRow::of(new);
        heads.push((n, skeleton::issue_headlines(new)));
    }
    let from = table.stamp;
    let stamps = now_files.clone();
    let table = FileTable {
        stamp: now.stamp,
        walk_errors: table.walk_errors,
        files: table
            .files
            .into_iter()
            .zip(stamps)
            .map(|(row, (_, stamp))| FileRow { stamp, ..row })
            .collect(),
    };
    TextIndex::patch(cache, root, from, now.stamp, &replaced);
    skeleton::store_parts(cache, root, (before, now.key), &listing, &heads, &table)?;
    super::headline_patch::note(cache, root, (before, now.key), &numbers);
    Some(())
}

/// Whether `new`, read alone, stands where `old` (from the skeleton) did:
/// the same id, date, paper, number and pages.
fn same_shape(old: &Issue, new: &Issue) -> bool {
    old.id == new.id
        && old.date == new.date
        && old.date_source == new.date_source
        && old.paper == new.paper
        && old.number == new.number
        && old.page_count == new.page_count
        && old.pages.len() == new.pages.len()
        && old
            .pages
            .iter()
            .zip(&new.pages)
            .all(|(a, b)| a.label == b.label && a.source == b.source)
}
