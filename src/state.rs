//! Per-user reading state: read marks, bookmarks and where the reader was.
//!
//! One file, `state.ron` in kanbao's data directory, holds the state of every
//! archive the user has opened, keyed by [`archive_key`]. Every change is a
//! [`crate::store::update`], so two kanbao windows of the same user keep both
//! their marks.

use crate::store::{self, Recovered, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The state file's name in the data directory.
pub const STATE_FILE_NAME: &str = "state.ron";

/// The key of the embedded sample archive.
pub const SAMPLE_KEY: &str = "sample";

/// Where the reader was in an archive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub issue: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default)]
    pub scroll: u16,
    /// Where the first visible line starts in the text (block, byte offset):
    /// the place survives a window of another width, where lines wrap
    /// differently. `scroll` is kept for the lines above the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<(u32, u32)>,
    /// The list or the reader that had the keyboard: the next start opens
    /// there (quitting from the issue list reopens on the issue list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pane: Option<PanePlace>,
}

/// Which part of the reader had the keyboard when it closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PanePlace {
    Issues,
    Articles,
    Reader,
}

/// One user's state in one archive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadingState {
    /// Article ids read.
    pub read: BTreeSet<String>,
    /// Article ids bookmarked.
    pub bookmarks: BTreeSet<String>,
    pub last: Option<Position>,
    /// Headline filter queries submitted, oldest first (at most
    /// [`HISTORY_LIMIT`], each once).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filter_history: Vec<String>,
    /// Body searches run, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub search_history: Vec<String>,
}

/// How many queries of each kind are kept: a shell's history is longer,
/// but a reader's queries repeat, and the state file is rewritten on every
/// mark.
pub const HISTORY_LIMIT: usize = 100;

/// Which query line a history belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    Filter,
    Search,
}

/// Adds `query` as the newest of `history` (an earlier copy moves up),
/// keeping at most [`HISTORY_LIMIT`].
pub fn remember(history: &mut Vec<String>, query: &str) {
    let query = query.trim();
    if query.is_empty() {
        return;
    }
    history.retain(|q| q != query);
    history.push(query.to_string());
    let over = history.len().saturating_sub(HISTORY_LIMIT);
    history.drain(..over);
}

impl ReadingState {
    pub fn is_empty(&self) -> bool {
        *self == ReadingState::default()
    }

    /// The state with its ids cleaned by [`crate::intake::clean`] as it is
    /// read: `state.ron` can be edited by hand, and a bookmark's id is shown.
    pub fn cleaned(self) -> ReadingState {
        let clean = |ids: BTreeSet<String>| ids.iter().map(|id| crate::intake::clean(id)).collect();
        let clean_all = |qs: Vec<String>| qs.iter().map(|q| crate::intake::clean(q)).collect();
        ReadingState {
            read: clean(self.read),
            bookmarks: clean(self.bookmarks),
            filter_history: clean_all(self.filter_history),
            search_history: clean_all(self.search_history),
            last: self.last.map(|mut p| {
                crate::intake::clean_in_place(&mut p.issue);
                if let Some(a) = &mut p.article {
                    crate::intake::clean_in_place(a);
                }
                p
            }),
        }
    }
}

/// The whole `state.ron`: archive key → state.
pub type StateFile = BTreeMap<String, ReadingState>;

/// A stable name for an archive: its canonical root path, or `sample` for the
/// embedded sample. The same folder reached by another path (a symlink, `..`)
/// gets the same key, when it exists.
pub fn archive_key(archive_root: Option<&Path>) -> String {
    match archive_root {
        None => SAMPLE_KEY.to_string(),
        Some(root) => std::fs::canonicalize(root)
            .unwrap_or_else(|_| root.to_path_buf())
            .to_string_lossy()
            .into_owned(),
    }
}

/// `state.ron` in the data directory (`$XDG_DATA_HOME/kanbao/` on Linux), or
/// `None` when the system names no home directory.
pub fn state_path() -> Option<PathBuf> {
    store::data_dir().map(|d| d.join(STATE_FILE_NAME))
}

/// The state of one archive (the default when there is none yet).
pub fn load_state(
    path: &Path,
    archive_key: &str,
) -> Result<(ReadingState, Option<Recovered>), StoreError> {
    let loaded = store::load::<StateFile>(path)?;
    let mut all = loaded.value;
    Ok((
        all.remove(archive_key).unwrap_or_default().cleaned(),
        loaded.recovered,
    ))
}

/// Applies `f` to one archive's state, merged with whatever other windows
/// wrote meanwhile. An archive whose state becomes empty is dropped from the
/// file.
pub fn update_state<R>(
    path: &Path,
    archive_key: &str,
    f: impl FnOnce(&mut ReadingState) -> R,
) -> Result<(R, Option<Recovered>), StoreError> {
    store::update(path, |all: &mut StateFile| {
        let state = all.entry(archive_key.to_string()).or_default();
        let out = f(state);
        if state.is_empty() {
            all.remove(archive_key);
        }
        out
    })
}

/// Marks an article read or unread. Takes the wanted value rather than
/// toggling, so that a merge with another window cannot flip it back.
pub fn set_read(
    path: &Path,
    archive_key: &str,
    article_id: &str,
    read: bool,
) -> Result<Option<Recovered>, StoreError> {
    update_state(path, archive_key, |s| {
        set_member(&mut s.read, article_id, read)
    })
    .map(|(_, rec)| rec)
}

/// Adds or removes a bookmark (the wanted value, not a toggle: see [`set_read`]).
pub fn set_bookmark(
    path: &Path,
    archive_key: &str,
    article_id: &str,
    on: bool,
) -> Result<Option<Recovered>, StoreError> {
    update_state(path, archive_key, |s| {
        set_member(&mut s.bookmarks, article_id, on)
    })
    .map(|(_, rec)| rec)
}

/// An article was opened: marks it read and remembers it as the place to
/// come back to, in one write. Saving the place on every open (not only on a
/// clean quit) means a dropped SSH session or a killed terminal loses at most
/// the scroll within the last article.
pub fn record_open(
    path: &Path,
    archive_key: &str,
    position: Position,
) -> Result<Option<Recovered>, StoreError> {
    update_state(path, archive_key, |s| {
        if let Some(id) = &position.article {
            s.read.insert(id.clone());
        }
        s.last = Some(position);
    })
    .map(|(_, rec)| rec)
}

/// Adds a query to the archive's history of that kind.
pub fn record_query(
    path: &Path,
    archive_key: &str,
    kind: QueryKind,
    query: &str,
) -> Result<Option<Recovered>, StoreError> {
    update_state(path, archive_key, |s| {
        let history = match kind {
            QueryKind::Filter => &mut s.filter_history,
            QueryKind::Search => &mut s.search_history,
        };
        remember(history, query);
    })
    .map(|(_, rec)| rec)
}

/// Remembers where the reader is; the last window to write wins.
pub fn set_position(
    path: &Path,
    archive_key: &str,
    position: Position,
) -> Result<Option<Recovered>, StoreError> {
    update_state(path, archive_key, |s| s.last = Some(position)).map(|(_, rec)| rec)
}

fn set_member(set: &mut BTreeSet<String>, id: &str, on: bool) {
    if on {
        set.insert(id.to_string());
    } else {
        set.remove(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_persists_per_archive_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE_NAME);
        set_read(&path, "/srv/a", "2021-01-10/A1/1", true).unwrap();
        set_read(&path, "/srv/a", "2021-01-10/A1/2", true).unwrap();
        set_bookmark(&path, "/srv/a", "2021-01-10/A1/2", true).unwrap();
        set_read(&path, SAMPLE_KEY, "2020-11-28/A1/1", true).unwrap();
        let pos = Position {
            issue: "2021-01-10".into(),
            article: Some("2021-01-10/A1/2".into()),
            scroll: 17,
            anchor: Some((3, 120)),
            pane: Some(PanePlace::Articles),
        };
        set_position(&path, "/srv/a", pos.clone()).unwrap();
        set_read(&path, "/srv/a", "2021-01-10/A1/1", false).unwrap();

        // "Restart": nothing but the file carries over.
        let (a, rec) = load_state(&path, "/srv/a").unwrap();
        assert_eq!(rec, None);
        assert_eq!(
            a,
            ReadingState {
                read: BTreeSet::from(["2021-01-10/A1/2".to_string()]),
                bookmarks: BTreeSet::from(["2021-01-10/A1/2".to_string()]),
                last: Some(pos),
                ..ReadingState::default()
            }
        );
        let (sample, _) = load_state(&path, SAMPLE_KEY).unwrap();
        assert!(sample.read.contains("2020-11-28/A1/1"));
        assert_eq!(
            load_state(&path, "/elsewhere").unwrap().0,
            ReadingState::default()
        );

        // Emptied archives leave the file.
        set_read(&path, SAMPLE_KEY, "2020-11-28/A1/1", false).unwrap();
        let all: StateFile = store::load(&path).unwrap().value;
        assert_eq!(all.keys().collect::<Vec<_>>(), ["/srv/a"]);
    }

    #[test]
    fn corrupted_state_is_kept_aside_and_the_next_write_starts_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE_NAME);
        std::fs::write(&path, "{\"/srv/a\": (read: [\"x\"],").unwrap();
        let (state, rec) = load_state(&path, "/srv/a").unwrap();
        assert_eq!(state, ReadingState::default());
        let rec = rec.unwrap();
        assert!(rec.error.contains("state.ron:1:"), "{}", rec.error);
        assert!(!path.exists());
        set_bookmark(&path, "/srv/a", "y", true).unwrap();
        assert!(
            load_state(&path, "/srv/a")
                .unwrap()
                .0
                .bookmarks
                .contains("y")
        );
        assert!(rec.moved_to.exists());
    }

    #[test]
    fn query_history_keeps_each_query_once_newest_last() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STATE_FILE_NAME);
        for q in ["mtf", "跨省", "mtf", " ", "春运"] {
            record_query(&path, "/srv/a", QueryKind::Filter, q).unwrap();
        }
        record_query(&path, "/srv/a", QueryKind::Search, "通报").unwrap();
        let (s, _) = load_state(&path, "/srv/a").unwrap();
        assert_eq!(s.filter_history, ["跨省", "mtf", "春运"]);
        assert_eq!(s.search_history, ["通报"]);
        let mut long = Vec::new();
        for i in 0..HISTORY_LIMIT + 5 {
            remember(&mut long, &i.to_string());
        }
        assert_eq!(long.len(), HISTORY_LIMIT);
        assert_eq!(long[0], "5", "the oldest go");
    }

    #[test]
    fn archive_keys_are_canonical() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("papers");
        std::fs::create_dir(&sub).unwrap();
        let roundabout = sub.join("..").join("papers");
        assert_eq!(archive_key(Some(&roundabout)), archive_key(Some(&sub)));
        assert_eq!(archive_key(None), "sample");
    }
}
