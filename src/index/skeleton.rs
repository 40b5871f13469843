//! The archive's skeleton: what `kanbao list` prints per issue, and the
//! archive without its article bodies for the headline search, kept beside
//! the parses so that those two answer without decoding every parse.
//!
//! Decoding every cached parse is most of a warm start (1.0 s of the
//! 1.22–1.29 s `list` took at 10k issues); the skeleton is a few percent of
//! the parses' size. It is written whenever an archive is loaded through
//! the cache in a known state (every file trusted, see
//! [`Cache::archive_stamp`]), and used only when the archive is in that
//! same state now: the key is the archive's stamp (every file's path, size
//! and time, its sidecar's, the parser's version and profiles) and what
//! the walk of its folders found amiss, which the caller computes afresh
//! from the files' metadata ([`state_now`]), reading none of them. A
//! skeleton of the state before a few files changed is brought forward by
//! [`super::refresh`].
//!
//! It holds the archive as parsed: review corrections of dates and titles
//! are applied over it as they are over a loaded archive. Two kinds of
//! correction are not, and the commands load the archive whenever the
//! review file holds one: structural corrections (they need the page's
//! lines) and corrected titles in `search` (a correction applies only while
//! its fingerprint, a hash of the article's whole text, still matches).
//!
//! Each file is
//!
//! ```text
//! magic: 8 bytes  format: u32  key: u64  root: u32 length + bytes
//! payload length: u64  CRC-32 of the payload: u32  payload (postcard)
//! ```
//!
//! all little-endian: `skeleton-list.bin` holds a [`Listing`],
//! `skeleton-headlines.bin` the archive without bodies ([`headlines_of`]):
//! a u64 length and the issues' shells (ids, dates, where their pages
//! lie), then each issue's pages, so that a search decodes only the issues
//! of its hits. `skeleton-headline-index.bin` holds the headline index
//! built from it ([`HeadlineIndex::to_bytes`]), written by the first search
//! after the skeleton. `skeleton-files.bin` holds the file table that a
//! refresh compares (see [`super::refresh`]).
//! A file that is short, foreign, of another key or format, or fails its
//! checksum is never used: the command loads the archive, which writes the
//! file again. Files are written aside and renamed into place.

use super::lazy_skeleton::LazySkeleton;
use super::refresh::FileTable;
use super::{Cache, Fnv};
use crate::model::{Archive, Article, DateSource, FileError, Issue, IssueDate, Page};
use crate::search::HeadlineIndex;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The layout of the files and of what they hold; bumped when either changes.
const FORMAT: u32 = 6;
const LIST_MAGIC: &[u8; 8] = b"KBLIST\0\0";
const HEADLINES_MAGIC: &[u8; 8] = b"KBHEADS\0";
const LIST_FILE: &str = "skeleton-list.bin";
const HEADLINES_FILE: &str = "skeleton-headlines.bin";
const INDEX_MAGIC: &[u8; 8] = b"KBHINDEX";
const INDEX_FILE: &str = "skeleton-headline-index.bin";
const FILES_MAGIC: &[u8; 8] = b"KBFILES\0";
const FILES_FILE: &str = "skeleton-files.bin";

/// One issue as `list` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueRow {
    pub id: String,
    /// The first source file, which names the issue.
    pub source: String,
    pub paper: Option<String>,
    /// As parsed; a review's correction is applied when printing.
    pub date: Option<IssueDate>,
    pub date_source: Option<DateSource>,
    pub number: Option<u32>,
    pub pages: usize,
    pub articles: usize,
    pub warnings: usize,
}

impl IssueRow {
    /// The row `list` prints of `issue`.
    pub fn of(i: &Issue) -> IssueRow {
        IssueRow {
            id: i.id.clone(),
            source: i.source().to_string(),
            paper: i.paper.clone(),
            date: i.date,
            date_source: i.date_source,
            number: i.number,
            pages: i.pages.len(),
            articles: i.article_count(),
            warnings: i.warnings.len(),
        }
    }
}

/// What `list` prints of an archive: its issues, and the files that could
/// not be read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    pub root: String,
    pub issues: Vec<IssueRow>,
    pub errors: Vec<FileError>,
}

impl Listing {
    pub fn of(archive: &Archive) -> Listing {
        Listing {
            root: archive.root.clone(),
            issues: archive.issues.iter().map(IssueRow::of).collect(),
            errors: archive.errors.clone(),
        }
    }
}

/// The archive with what the headline search reads and prints: issues'
/// ids and dates, pages' labels, articles' ids, kickers, headlines and
/// subheadlines, and for an untitled article the first block its title is
/// made of; what the reader's lists show besides (the first reporter or
/// the agency, a repeat's original, the issue's warnings). Bodies, the rest
/// of the bylines, captions and sources are left out.
pub fn headlines_of(archive: &Archive) -> Archive {
    Archive {
        root: archive.root.clone(),
        issues: archive.issues.iter().map(issue_headlines).collect(),
        errors: archive.errors.clone(),
    }
}

/// One issue as [`headlines_of`] keeps it.
pub fn issue_headlines(i: &Issue) -> Issue {
    let article = |a: &Article| Article {
        id: a.id.clone(),
        kind: a.kind,
        section: None,
        kicker: a.kicker.clone(),
        headline: a.headline.clone(),
        subheadlines: a.subheadlines.clone(),
        // The article list names the first reporter, else the agency.
        byline: crate::model::Byline {
            reporters: a.byline.reporters.iter().take(1).cloned().collect(),
            agency: a.byline.agency.clone(),
            ..Default::default()
        },
        dateline: None,
        // `Article::title` of an untitled article is its first sentence.
        body: match &a.headline {
            Some(_) => Vec::new(),
            None => a.body.iter().take(1).cloned().collect(),
        },
        captions: Vec::new(),
        jumps: Vec::new(),
        continued_to: None,
        continued_from: None,
        see_also: None,
        // The reader's rows fold a repeat under its original
        // (`Issue::reading_order`): the skeleton's rows are the archive's.
        duplicate_of: a.duplicate_of.clone(),
        lines: a.lines,
    };
    Issue {
        id: i.id.clone(),
        paper: i.paper.clone(),
        date: i.date,
        date_source: i.date_source,
        number: i.number,
        page_count: i.page_count,
        masthead: None,
        pages: i
            .pages
            .iter()
            .map(|p| Page {
                label: p.label.clone(),
                source: p.source.clone(),
                articles: p.articles.iter().map(article).collect(),
                masthead_lines: Vec::new(),
            })
            .collect(),
        fragments: Vec::new(),
        // The issue list marks an issue with warnings.
        warnings: i.warnings.clone(),
        sources: Vec::new(),
    }
}

/// An issue of the headlines' skeleton without its pages, and where they
/// lie after the shells.
#[derive(Clone, Serialize, Deserialize)]
pub(super) struct IssueShell {
    pub id: String,
    pub paper: Option<String>,
    pub date: Option<IssueDate>,
    pub date_source: Option<DateSource>,
    pub number: Option<u32>,
    pub page_count: Option<u32>,
    /// The issue list marks an issue with warnings.
    pub warnings: Vec<crate::model::Warning>,
    /// Its articles: the reader's status line counts them before any
    /// issue's pages are read (see [`super::LazySkeleton`]).
    pub articles: u32,
    pub at: u64,
    pub len: u64,
    /// CRC-32 of its pages' bytes: a search reads those alone, not the
    /// whole file the header's checksum covers.
    pub crc: u32,
}

impl IssueShell {
    /// The shell of `issue`, whose pages are `pages` (encoded) at `at`
    /// after the shells.
    fn of(issue: &Issue, at: u64, pages: &[u8]) -> IssueShell {
        IssueShell {
            id: issue.id.clone(),
            paper: issue.paper.clone(),
            date: issue.date,
            date_source: issue.date_source,
            number: issue.number,
            page_count: issue.page_count,
            warnings: issue.warnings.clone(),
            articles: u32::try_from(issue.article_count()).unwrap_or(u32::MAX),
            at,
            len: pages.len() as u64,
            crc: crc32fast::hash(pages),
        }
    }

    /// The issue it is the shell of, with `pages`, made of the shell
    /// itself (no copy of its strings: 100k shells at a time).
    pub(super) fn into_issue(self, pages: Vec<Page>) -> Issue {
        Issue {
            id: self.id,
            paper: self.paper,
            date: self.date,
            date_source: self.date_source,
            number: self.number,
            page_count: self.page_count,
            masthead: None,
            pages,
            fragments: Vec::new(),
            warnings: self.warnings,
            sources: Vec::new(),
        }
    }

    /// The issue it is the shell of, with `pages`.
    pub(super) fn issue(&self, pages: Vec<Page>) -> Issue {
        self.clone().into_issue(pages)
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct Shells {
    pub root: String,
    pub errors: Vec<FileError>,
    pub issues: Vec<IssueShell>,
}

/// The headlines' skeleton as written: shells, then every issue's pages.
pub(super) fn headlines_payload(archive: &Archive) -> postcard::Result<Vec<u8>> {
    let skeleton = headlines_of(archive);
    let pages: Vec<Vec<u8>> = skeleton
        .issues
        .par_iter()
        .map(|i| postcard::to_stdvec(&i.pages))
        .collect::<postcard::Result<_>>()?;
    let mut at = 0u64;
    let shells = Shells {
        root: skeleton.root,
        errors: skeleton.errors,
        issues: skeleton
            .issues
            .into_iter()
            .zip(&pages)
            .map(|(i, p)| {
                let shell = IssueShell::of(&i, at, p);
                at += p.len() as u64;
                shell
            })
            .collect(),
    };
    let head = postcard::to_stdvec(&shells)?;
    let mut out = Vec::with_capacity(12 + head.len() + at as usize);
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&head).to_le_bytes());
    out.extend_from_slice(&head);
    for p in pages {
        out.extend_from_slice(&p);
    }
    Ok(out)
}

/// The shells at the start of the headlines' payload, when their
/// checksum holds, and where the pages begin.
pub(super) fn shells_of(payload: &[u8]) -> Option<(Shells, usize)> {
    let (len, rest) = payload.split_at_checked(8)?;
    let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
    let (crc, rest) = rest.split_at_checked(4)?;
    let head = rest.get(..len)?;
    if crc32fast::hash(head) != u32::from_le_bytes(crc.try_into().ok()?) {
        return None;
    }
    Some((postcard::from_bytes(head).ok()?, 12 + len))
}

/// The archive of `shells`, with the pages `pages_of` gives each issue by
/// its number (`None`: damaged).
pub(super) fn archive_of(
    shells: Shells,
    pages_of: &(dyn Fn(usize, &IssueShell) -> Option<Vec<Page>> + Sync),
) -> Option<Archive> {
    let issues = shells
        .issues
        .par_iter()
        .enumerate()
        .map(|(n, s)| Some(s.issue(pages_of(n, s)?)))
        .collect::<Option<Vec<Issue>>>()?;
    Some(Archive {
        root: shells.root,
        issues,
        errors: shells.errors,
    })
}

/// The skeleton's key for an archive whose stamp is `stamp` and whose walk
/// found `walk_errors`.
pub(crate) fn key(stamp: u64, walk_errors: &[FileError]) -> u64 {
    let mut h = Fnv::new();
    h.write(&FORMAT.to_le_bytes());
    h.write(&stamp.to_le_bytes());
    for e in walk_errors {
        h.write(e.source.as_bytes());
        h.write(&[0]);
        h.write(e.message.as_bytes());
        h.write(&[0]);
    }
    h.finish()
}

/// The state of an archive as its files' metadata tell it (see
/// [`state_now`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveState {
    /// Every file's path, size and time, and the parser's version (what
    /// names the full-text index, see [`Cache::archive_stamp`]).
    pub stamp: u64,
    /// The stamp and what the walk found amiss: the skeleton's key.
    pub key: u64,
    /// Every file's path in the archive and its stamp, in order; `None`
    /// when a watcher vouched for the state ([`state_of`]) and no walk
    /// was made.
    pub(crate) files: Option<Vec<(String, super::parses::FileStamp)>>,
    /// What the walk found amiss.
    pub(crate) walk_errors: Vec<FileError>,
}

impl ArchiveState {
    /// Whether a watcher vouched for this state ([`state_of`]) rather than
    /// a walk of the archive finding it.
    pub fn vouched(&self) -> bool {
        self.files.is_none()
    }
}

/// The state of the archive at `root` as it is now, loaded with the
/// default profiles: a walk of its folders and the metadata of its files,
/// nothing read. `None` when it cannot be known (no such path, a file
/// changed in the last seconds).
pub fn state_now(root: &Path) -> Option<ArchiveState> {
    let (found, walk_errors) =
        crate::loader::archive_files_with(root, &super::parses::named_stamp_in(root)).ok()?;
    let version = super::parse_version(crate::loader::default_profiles());
    let (stamp, files) = super::parses::archive_stamp_now(found, version)?;
    Some(ArchiveState {
        stamp,
        key: key(stamp, &walk_errors),
        files: Some(files),
        walk_errors,
    })
}

/// The state of the archive at `root` as a watcher of it vouches for it
/// (see [`super::watch`]): no walk, when `kanbao index --watch` runs for it
/// and nothing changed since its last walk; else as [`state_now`] walks
/// it.
pub fn state_of(cache: &Cache, root: &Path) -> Option<ArchiveState> {
    let version = || super::parse_version(crate::loader::default_profiles());
    let dir = cache.archive_dir(root);
    match super::watch::ask(&dir, version, super::watch::PATIENCE) {
        Some(v) => Some(ArchiveState {
            stamp: v.stamp,
            key: v.key,
            files: None,
            walk_errors: Vec::new(),
        }),
        None => state_now(root),
    }
}

/// The listing of the archive at `root`, when the skeleton was written for
/// the archive as it is now.
pub fn open_listing(cache: &Cache, root: &Path) -> Option<Listing> {
    open_listing_for(cache, root, &state_now(root)?)
}

/// The listing in place, whatever state of the archive it was written
/// for, and that state's key (the caller compares it with the state now).
pub fn open_listing_as_kept(cache: &Cache, root: &Path) -> Option<(u64, Listing)> {
    let (key, payload) = read_as_kept(cache, root, LIST_FILE, LIST_MAGIC)?;
    Some((key, postcard::from_bytes(&payload).ok()?))
}

/// The listing of the archive at `root` in the state `state`: the
/// skeleton's when it was written for that state, else the skeleton of the
/// state before refreshed to it, when only a few files changed (see
/// [`super::refresh`]).
pub fn open_listing_for(cache: &Cache, root: &Path, state: &ArchiveState) -> Option<Listing> {
    open_listing_at(cache, root, state.key).or_else(|| {
        super::refresh::refresh(cache, root, state)
            .then(|| open_listing_at(cache, root, state.key))?
    })
}

/// The listing of the archive at `root`, when the skeleton was written for
/// the archive in the state `key` names ([`state_now`]).
pub fn open_listing_at(cache: &Cache, root: &Path, key: u64) -> Option<Listing> {
    let payload = read(cache, root, LIST_FILE, LIST_MAGIC, key)?;
    postcard::from_bytes(&payload).ok()
}

/// The archive at `root` without bodies ([`headlines_of`]), when the
/// skeleton was written for the archive in the state `key` names
/// ([`state_now`]).
pub fn open_headlines(cache: &Cache, root: &Path, key: u64) -> Option<Archive> {
    headlines_from(&read(cache, root, HEADLINES_FILE, HEADLINES_MAGIC, key)?)
}

/// The archive without bodies that a headlines file's payload holds.
fn headlines_from(payload: &[u8]) -> Option<Archive> {
    let (shells, start) = shells_of(payload)?;
    let pages = payload.get(start..)?;
    archive_of(shells, &|_, s| {
        let at = usize::try_from(s.at).ok()?;
        let end = at.checked_add(usize::try_from(s.len).ok()?)?;
        postcard::from_bytes(pages.get(at..end)?).ok()
    })
}

/// As [`open_headlines`], with the pages of the issues numbered in
/// `issues` only (every other issue's left empty): what printing a few
/// hits needs. Reads the header, the shells and those issues' pages, each
/// checked by its own checksum, rather than the whole file (147 MB at
/// 100k issues).
pub fn open_headlines_of(cache: &Cache, root: &Path, key: u64, issues: &[u32]) -> Option<Archive> {
    let skeleton = open_lazy(cache, root, Some(key))?.1;
    let read: Vec<(usize, Issue)> = issues
        .iter()
        .map(|&n| Some((n as usize, skeleton.read_issue(n as usize)?)))
        .collect::<Option<_>>()?;
    // The shells taken, not copied: copying 100k took 0.1 s of a search.
    let mut archive = skeleton.into_shells();
    for (n, issue) in read {
        *archive.issues.get_mut(n)? = issue;
    }
    Some(archive)
}

/// The headlines file of the archive at `root` in the state `key` names,
/// open, with its shells read (checked by their own checksum) and not its
/// pages: what reading a few issues, or splicing a few in, needs.
struct OpenShells {
    file: std::fs::File,
    size: u64,
    shells: Shells,
    /// Where in the file the pages begin.
    pages_at: u64,
}

fn open_shells(cache: &Cache, root: &Path, key: u64) -> Option<OpenShells> {
    open_shells_kept(cache, root, Some(key)).map(|(_, open)| open)
}

/// As [`open_shells`], for the state `key` names, or when `None` whatever
/// state the file was written for, with that state's key.
fn open_shells_kept(cache: &Cache, root: &Path, key: Option<u64>) -> Option<(u64, OpenShells)> {
    use std::io::Read;
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(cache.archive_dir(root).join(HEADLINES_FILE)).ok()?;
    let size = file.metadata().ok()?.len();
    let root_name = root.to_string_lossy();
    let mut head = vec![0u8; 8 + 4 + 8 + 4 + root_name.len() + 8 + 4 + 12];
    (&file).read_exact(&mut head).ok()?;
    let key = match key {
        Some(key) => key,
        None => super::frame::key_of(&head, HEADLINES_MAGIC, FORMAT)?,
    };
    let start = super::frame::header_end(&head, HEADLINES_MAGIC, FORMAT, key, &root_name)?;
    let (len, _) = super::frame::payload_len_crc(&head, &root_name)?;
    // A file cut short or grown is not the one written.
    if start as u64 + len != size {
        return None;
    }
    let shells_len = u64::from_le_bytes(head.get(start..start + 8)?.try_into().ok()?);
    if shells_len > size {
        return None;
    }
    let shells_len = usize::try_from(shells_len).ok()?;
    let mut payload = head[start..].to_vec();
    payload.resize(12 + shells_len, 0);
    file.read_exact_at(&mut payload[12..], (start + 12) as u64)
        .ok()?;
    let (shells, pages_start) = shells_of(&payload)?;
    let open = OpenShells {
        file,
        size,
        shells,
        pages_at: (start + pages_start) as u64,
    };
    Some((key, open))
}

/// The skeleton's headlines with each issue's pages read when first asked
/// for (see [`LazySkeleton`]), whatever state of the archive they were
/// written for, and that state's key: read beside the walk that says the
/// state now, and used only when the keys agree. Reads the header and the
/// shells (4.3 MB at 100k generated issues), not the pages (155 MB).
pub fn open_lazy_as_kept(cache: &Cache, root: &Path) -> Option<(u64, LazySkeleton)> {
    open_lazy(cache, root, None)
}

/// The skeleton's headlines, each issue's pages read when asked for,
/// when they were written for the state `key` names.
pub fn open_lazy_at(cache: &Cache, root: &Path, key: u64) -> Option<LazySkeleton> {
    open_lazy(cache, root, Some(key)).map(|(_, lazy)| lazy)
}

/// The skeleton's headlines, each issue's pages read when asked for, for
/// the state `key` names, or when `None` whatever state they were written
/// for; with that state's key.
pub(super) fn open_lazy(
    cache: &Cache,
    root: &Path,
    key: Option<u64>,
) -> Option<(u64, LazySkeleton)> {
    let (
        key,
        OpenShells {
            file,
            size,
            shells,
            pages_at,
        },
    ) = open_shells_kept(cache, root, key)?;
    // Every issue's pages lie inside the file.
    let room = size.checked_sub(pages_at)?;
    let inside = |s: &IssueShell| s.at.checked_add(s.len).is_some_and(|end| end <= room);
    shells.issues.iter().all(inside).then_some(())?;
    Some((key, LazySkeleton::from_file(shells, file, pages_at)))
}

/// The headline index kept for the archive at `root`, whatever state of
/// the archive it was built for, and that state's key: read while the walk
/// that says the state now ([`state_now`]) runs beside it, and used only
/// when the two keys agree. At 100k issues each takes 0.3–0.5 s, so
/// reading one after the other cost a headline search twice that.
pub fn open_headline_index_as_kept(
    cache: &Cache,
    root: &Path,
    pinyin: bool,
) -> Option<(u64, HeadlineIndex)> {
    let (key, payload) = read_as_kept(cache, root, INDEX_FILE, INDEX_MAGIC)?;
    let map = std::sync::Arc::new(payload.bytes);
    let index = HeadlineIndex::from_map(map, payload.start).filter(|i| i.pinyin() == pinyin)?;
    Some((key, index))
}

/// The key of the state the kept headline index was built for, read from
/// its header alone (its payload not checked).
pub fn kept_index_key(cache: &Cache, root: &Path) -> Option<u64> {
    let bytes = map(&cache.archive_dir(root).join(INDEX_FILE))?;
    super::frame::key_of(&bytes, INDEX_MAGIC, FORMAT)
}

/// Keeps `index`, built of the skeleton of the state `key`, when the
/// skeleton in place is still of that state (read from its header): an
/// index of a state the skeleton has since moved on from would only take
/// the place of one kept for the state now.
pub fn keep_headline_index_of(cache: &Cache, root: &Path, key: u64, index: &HeadlineIndex) {
    let in_place = map(&cache.archive_dir(root).join(HEADLINES_FILE))
        .and_then(|bytes| super::frame::key_of(&bytes, HEADLINES_MAGIC, FORMAT));
    if in_place == Some(key) {
        store_headline_index(cache, root, key, index);
    }
}

/// Keeps `index`, built from [`open_headlines`]'s archive for `key`, for
/// the next search (one per archive: the last built).
pub fn store_headline_index(cache: &Cache, root: &Path, key: u64, index: &HeadlineIndex) {
    let _ = write(
        cache,
        root,
        INDEX_FILE,
        INDEX_MAGIC,
        key,
        &[&index.to_bytes_at(super::frame::payload_offset(&root.to_string_lossy()))],
    );
}

/// Writes the skeleton of `archive` (loaded from `root`, in the state
/// `key` names), unless the files in place already hold it whole. A
/// skeleton that cannot be written costs the next command its speed,
/// nothing else.
pub(crate) fn store(cache: &Cache, root: &Path, key: u64, archive: &Archive, files: &Stamped) {
    // What is in place is written again unless it reads as it should: a
    // file of another layout under the same format number is not trusted.
    let holds = |name, magic, reads: &dyn Fn(&[u8]) -> bool| {
        read(cache, root, name, magic, key).is_some_and(|payload| reads(&payload))
    };
    if !holds(LIST_FILE, LIST_MAGIC, &|p| {
        postcard::from_bytes::<Listing>(p).is_ok()
    }) && let Ok(payload) = postcard::to_stdvec(&Listing::of(archive))
    {
        let _ = write(cache, root, LIST_FILE, LIST_MAGIC, key, &[&payload]);
    }
    if !holds(HEADLINES_FILE, HEADLINES_MAGIC, &|p| shells_of(p).is_some())
        && let Ok(payload) = headlines_payload(archive)
    {
        let _ = write(
            cache,
            root,
            HEADLINES_FILE,
            HEADLINES_MAGIC,
            key,
            &[&payload],
        );
    }
    if !holds(FILES_FILE, FILES_MAGIC, &|p| {
        postcard::from_bytes::<FileTable>(p).is_ok()
    }) && let Some(table) = FileTable::of(
        files.stamp,
        files.walk_errors,
        files.paths,
        cache.take_file_stamps(),
        archive,
    ) && let Ok(payload) = postcard::to_stdvec(&table)
    {
        let _ = write(cache, root, FILES_FILE, FILES_MAGIC, key, &[&payload]);
    }
}

/// The archive's files as a load found them, for the file table.
pub(crate) struct Stamped<'a> {
    /// The archive's stamp.
    pub stamp: u64,
    pub walk_errors: &'a [FileError],
    /// Every file, in order.
    pub paths: &'a [std::path::PathBuf],
}

/// Writes the skeleton of the archive in the state `key` from its parts,
/// refreshed (see [`super::refresh`]): the listing, the file table, and the
/// headlines of the skeleton of the state `before` with the issues
/// `replaced` (by number; their headlines, see [`issue_headlines`]) in
/// place of theirs. Every other issue's bytes are copied as they are, not
/// decoded: the headlines of 100k generated issues are 140 MB, and decoding
/// and writing them again took 2.1 s of a refresh's 3.1 s. The headline
/// index of the state before is of no more use; the next search builds it
/// again.
pub(super) fn store_parts(
    cache: &Cache,
    root: &Path,
    (before, key): (u64, u64),
    listing: &Listing,
    replaced: &[(u32, Issue)],
    table: &FileTable,
) -> Option<()> {
    // The old file's pages are not read: the unchanged issues' bytes are
    // copied file to file (`copy_file_range`), and the new checksum is
    // made from each issue's own, which reading checks. At 100k issues
    // reading, checking and writing the 159 MB took 0.45 s of a refresh.
    let OpenShells {
        file: old,
        shells,
        pages_at,
        ..
    } = open_shells(cache, root, before)?;
    let new: std::collections::HashMap<u32, (&Issue, Vec<u8>)> = replaced
        .iter()
        .map(|(n, i)| Some((*n, (i, postcard::to_stdvec(&i.pages).ok()?))))
        .collect::<Option<_>>()?;
    /// A run of the new pages: new bytes, or a range of the old file's.
    enum Run<'a> {
        New(&'a [u8]),
        Old { at: u64, len: u64 },
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut pages_crc = crc32fast::Hasher::new();
    let mut issues = Vec::with_capacity(shells.issues.len());
    let mut at = 0u64;
    for (n, shell) in shells.issues.into_iter().enumerate() {
        let n = u32::try_from(n).ok()?;
        let shell = match new.get(&n) {
            Some((issue, blob)) => {
                runs.push(Run::New(blob));
                IssueShell::of(issue, at, blob)
            }
            None => {
                match runs.last_mut() {
                    Some(Run::Old { at: from, len }) if *from + *len == shell.at => {
                        *len += shell.len
                    }
                    _ => runs.push(Run::Old {
                        at: shell.at,
                        len: shell.len,
                    }),
                }
                IssueShell { at, ..shell }
            }
        };
        pages_crc.combine(&crc32fast::Hasher::new_with_initial_len(
            shell.crc, shell.len,
        ));
        at += shell.len;
        issues.push(shell);
    }
    let head = postcard::to_stdvec(&Shells {
        root: shells.root,
        errors: shells.errors,
        issues,
    })
    .ok()?;
    let (len, crc) = (
        (head.len() as u64).to_le_bytes(),
        crc32fast::hash(&head).to_le_bytes(),
    );
    let mut payload_crc = crc32fast::Hasher::new();
    for piece in [&len[..], &crc, &head] {
        payload_crc.update(piece);
    }
    payload_crc.combine(&pages_crc);
    let spliced = |file: &mut std::io::BufWriter<std::fs::File>| {
        use std::io::{Read, Seek, Write};
        for piece in [&len[..], &crc, &head] {
            file.write_all(piece)?;
        }
        for run in &runs {
            match *run {
                Run::New(bytes) => file.write_all(bytes)?,
                Run::Old { at, len } => {
                    let mut from = &old;
                    from.seek(std::io::SeekFrom::Start(pages_at + at))?;
                    let copied = std::io::copy(&mut from.take(len), file)?;
                    if copied != len {
                        return Err(std::io::ErrorKind::UnexpectedEof.into());
                    }
                }
            }
        }
        Ok(())
    };
    let list = postcard::to_stdvec(listing).ok()?;
    let files = postcard::to_stdvec(table).ok()?;
    // The table last: a skeleton with no table of its state is only never
    // refreshed.
    write(cache, root, LIST_FILE, LIST_MAGIC, key, &[&list]).ok()?;
    let id = (HEADLINES_FILE, HEADLINES_MAGIC, key);
    write_with(cache, root, id, payload_crc, spliced).ok()?;
    write(cache, root, FILES_FILE, FILES_MAGIC, key, &[&files]).ok()
}

/// The file table of the skeleton in place, whatever state it is of, and
/// that state's key.
pub(super) fn open_file_table(cache: &Cache, root: &Path) -> Option<(u64, FileTable)> {
    let (key, payload) = read_as_kept(cache, root, FILES_FILE, FILES_MAGIC)?;
    Some((key, postcard::from_bytes(&payload).ok()?))
}

/// As [`read`], whatever state of the archive the file was written for,
/// with that state's key (the caller compares it with the state now).
fn read_as_kept(cache: &Cache, root: &Path, name: &str, magic: &[u8; 8]) -> Option<(u64, Payload)> {
    let bytes = map(&cache.archive_dir(root).join(name))?;
    let key = super::frame::key_of(&bytes, magic, FORMAT)?;
    let start = payload_start(&bytes, magic, key, &root.to_string_lossy())?;
    Some((key, Payload { bytes, start }))
}

/// A skeleton file's header (see [`super::frame`]).
#[cfg(test)]
fn header(magic: &[u8; 8], key: u64, root: &str, payload: &[u8]) -> Vec<u8> {
    super::frame::header(magic, FORMAT, key, root, payload)
}

/// A file's payload: its bytes after the header, in the file mapped.
pub(super) struct Payload {
    bytes: memmap2::Mmap,
    start: usize,
}

/// The file at `path` mapped, not read: reading the 142 MB headline index
/// at 100k issues took 140–170 ms (a fresh buffer faulted in page by page,
/// and the copy), mapping it and checking its checksum 22–25 ms.
///
/// Safety: the cache's files are never written in place, only written
/// aside and renamed over (see [`write`]), so the bytes mapped do not
/// change while they are read. (A program other than kanbao cutting a
/// cache file short while it is read would stop the process, as with
/// tantivy's own mapped index files.)
fn map(path: &Path) -> Option<memmap2::Mmap> {
    let file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() == 0 {
        return None;
    }
    // SAFETY: see above.
    unsafe { memmap2::Mmap::map(&file) }.ok()
}

impl std::ops::Deref for Payload {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes[self.start..]
    }
}

/// The payload of the file `name` when it is whole and holds the skeleton
/// of this archive in the state `key` names.
pub(super) fn read(
    cache: &Cache,
    root: &Path,
    name: &str,
    magic: &[u8; 8],
    key: u64,
) -> Option<Payload> {
    let bytes = map(&cache.archive_dir(root).join(name))?;
    let start = payload_start(&bytes, magic, key, &root.to_string_lossy())?;
    Some(Payload { bytes, start })
}

/// Where the payload begins, when the header matches and the payload is
/// whole.
fn payload_start(bytes: &[u8], magic: &[u8; 8], key: u64, root: &str) -> Option<usize> {
    super::frame::payload_start(bytes, magic, FORMAT, key, root)
}

/// Writes the file beside its place and renames it there: a reader sees
/// the old file or the new one, never half of one. The payload is the
/// `pieces` one after the other.
pub(super) fn write(
    cache: &Cache,
    root: &Path,
    name: &str,
    magic: &[u8; 8],
    key: u64,
    pieces: &[&[u8]],
) -> std::io::Result<()> {
    use std::io::Write;
    let mut crc = crc32fast::Hasher::new();
    for p in pieces {
        crc.update(p);
    }
    write_with(cache, root, (name, magic, key), crc, |file| {
        pieces.iter().try_for_each(|p| file.write_all(p))
    })
}

/// As [`write`], the payload written by `body`, `crc` its checksum and
/// length (known without reading it: see [`store_parts`]).
fn write_with(
    cache: &Cache,
    root: &Path,
    (name, magic, key): (&str, &[u8; 8], u64),
    crc: crc32fast::Hasher,
    body: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write;
    let dir = cache.archive_dir(root);
    std::fs::create_dir_all(&dir)?;
    let head = super::frame::header_of(
        magic,
        FORMAT,
        key,
        &root.to_string_lossy(),
        crc.total_len(),
        crc.finalize(),
    );
    // Locked while written: what a killed writer left (up to 150 MB at
    // 100k issues) is swept by the next write of the same file.
    crate::store::remove_orphan_temps(&dir, name.as_ref());
    let (aside, file) =
        crate::store::create_temp(&dir, name.as_ref()).map_err(std::io::Error::other)?;
    let written = (|| {
        let mut file = std::io::BufWriter::with_capacity(1 << 20, file);
        file.write_all(&head)?;
        body(&mut file)?;
        // No fsync: a file cut short by a crash fails its checksum, and
        // is written again.
        file.flush()
    })();
    written
        .and_then(|()| std::fs::rename(&aside, dir.join(name)))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&aside);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skeleton_file_is_read_only_whole_and_of_its_key() {
        let payload = postcard::to_stdvec(&Listing::default()).unwrap();
        let mut good = header(LIST_MAGIC, 7, "/a", &payload);
        good.extend_from_slice(&payload);
        let start = payload_start(&good, LIST_MAGIC, 7, "/a").expect("whole");
        assert_eq!(&good[start..], payload.as_slice());
        assert!(payload_start(&good, LIST_MAGIC, 8, "/a").is_none(), "key");
        assert!(payload_start(&good, HEADLINES_MAGIC, 7, "/a").is_none());
        assert!(payload_start(&good, LIST_MAGIC, 7, "/b").is_none());
        assert!(payload_start(&good[..good.len() - 1], LIST_MAGIC, 7, "/a").is_none());
        let mut flipped = good.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert!(payload_start(&flipped, LIST_MAGIC, 7, "/a").is_none());
    }

    #[test]
    fn a_whole_file_of_another_layout_is_written_again_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("cache"));
        let root = dir.path().join("archive");
        let archive = crate::loader::load_sample(&Default::default());
        // Whole frames of the right key whose payloads are not what this
        // build writes (an older layout under the same format number).
        for (name, magic) in [
            (LIST_FILE, LIST_MAGIC),
            (HEADLINES_FILE, HEADLINES_MAGIC),
            (FILES_FILE, FILES_MAGIC),
        ] {
            write(&cache, &root, name, magic, 7, &[&[0xff; 64]]).unwrap();
        }
        assert!(open_listing_at(&cache, &root, 7).is_none());
        let paths: Vec<std::path::PathBuf> = Vec::new();
        let files = Stamped {
            stamp: 1,
            walk_errors: &[],
            paths: &paths,
        };
        store(&cache, &root, 7, &archive, &files);
        let listing = open_listing_at(&cache, &root, 7).expect("the listing written again");
        assert_eq!(listing.issues.len(), archive.issues.len());
        let shells = open_headlines(&cache, &root, 7).expect("the headlines written again");
        assert_eq!(shells, headlines_of(&archive));
    }

    #[test]
    fn the_key_follows_the_walks_errors() {
        let e = FileError {
            source: "x".into(),
            message: "a symlinked folder".into(),
        };
        assert_ne!(key(1, &[]), key(1, std::slice::from_ref(&e)));
        assert_ne!(key(1, &[]), key(2, &[]));
    }
}
