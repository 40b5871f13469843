//! Bringing the kept headline index forward over a refresh: the issues a
//! refresh replaced ([`super::refresh`]) have their articles' texts put
//! into the index kept for the state before, instead of the index being
//! built again from every issue.
//!
//! A refresh writes, beside the skeleton it brought forward, which issues
//! it replaced since the state the kept headline index was built for
//! (`skeleton-headline-patch.bin`, keyed as the skeleton). The next command
//! that wants the headline index and finds the kept one of that state
//! reads those issues from the skeleton and, when each still has the
//! articles in the places the index holds (the same pages, the same number
//! of articles on each), sets their texts in place; otherwise it replaces
//! those issues' entries ([`HeadlineIndex::with_issues`]: the entries
//! after them move). The index brought forward is kept for the state now.
//!
//! Why: at 100k generated issues, one file touched then `kanbao search`
//! took 6.5–7.5 s and 1.2 GB, building the index of 962k headlines again
//! (2.5–2.7 s and 0.44 GB brought forward); the reader's filter was ready
//! 12.3–12.6 s after start (0.53–0.68 s).

use super::Cache;
use super::skeleton::{self, ArchiveState};
use crate::model::Issue;
use crate::search::HeadlineIndex;
use serde::{Deserialize, Serialize};
use std::path::Path;

const PATCH_MAGIC: &[u8; 8] = b"KBHPATCH";
const PATCH_FILE: &str = "skeleton-headline-patch.bin";

/// Past this many replaced issues the index is built again: each patched
/// issue costs a read of its pages, and a scan of the index finds them.
const MOST_PATCHED: usize = 1024;

/// What the file holds (see the module docs).
#[derive(Serialize, Deserialize)]
struct Patch {
    /// The state whose headline index the patch applies to.
    index_key: u64,
    /// The issues (numbers in archive order) replaced since, sorted.
    issues: Vec<u32>,
}

/// Notes that the refresh from the state `before` to `now` replaced
/// `issues`: added to what was replaced since the kept index's state, when
/// a patch of `before` leads back to it, or the replaced issues alone when
/// the kept index is of `before`. Nothing is noted when no index is kept
/// or it is of another state.
pub(super) fn note(cache: &Cache, root: &Path, (before, now): (u64, u64), issues: &[u32]) {
    let Some(index_key) = skeleton::kept_index_key(cache, root) else {
        return;
    };
    let mut all: Vec<u32> = if index_key == before {
        Vec::new()
    } else {
        match read(cache, root, before) {
            Some(p) if p.index_key == index_key => p.issues,
            _ => return,
        }
    };
    all.extend_from_slice(issues);
    all.sort_unstable();
    all.dedup();
    if all.len() > MOST_PATCHED {
        return;
    }
    let patch = Patch {
        index_key,
        issues: all,
    };
    if let Ok(bytes) = postcard::to_stdvec(&patch) {
        let _ = skeleton::write(cache, root, PATCH_FILE, PATCH_MAGIC, now, &[&bytes]);
    }
}

fn read(cache: &Cache, root: &Path, key: u64) -> Option<Patch> {
    let payload = skeleton::read(cache, root, PATCH_FILE, PATCH_MAGIC, key)?;
    postcard::from_bytes(&payload).ok()
}

/// The headline index of the archive at `root` in the state `now`, from
/// `kept`, the index kept for the state `kept_key`: the skeleton of `now`
/// (brought forward by a refresh if need be) and the patch the refresh
/// noted. Kept for `now` once made. `None` when it cannot be told right:
/// build the index again.
pub fn brought_forward(
    cache: &Cache,
    root: &Path,
    now: &ArchiveState,
    (kept_key, mut kept): (u64, HeadlineIndex),
) -> Option<HeadlineIndex> {
    let open = || skeleton::open_lazy(cache, root, Some(now.key));
    let (_, skeleton) = open().or_else(|| {
        super::refresh::refresh(cache, root, now)
            .then(open)
            .flatten()
    })?;
    let patch = read(cache, root, now.key).filter(|p| p.index_key == kept_key)?;
    let issues: Vec<(u32, Issue)> = patch
        .issues
        .iter()
        .map(|&n| Some((n, skeleton.read_issue(n as usize)?)))
        .collect::<Option<_>>()?;
    let kept = match patched_texts(&kept, &issues) {
        Some(texts) => {
            kept.set_texts(&texts);
            kept
        }
        None => {
            let issues: Vec<(u32, &Issue)> = issues.iter().map(|(n, i)| (*n, i)).collect();
            kept.with_issues(skeleton.len(), &issues)?
        }
    };
    skeleton::store_headline_index(cache, root, now.key, &kept);
    Some(kept)
}

/// The new texts of the entries of `issues` (by number, as they are now)
/// in `index`: `None` unless every one of those issues has its articles
/// where the index has them.
fn patched_texts(index: &HeadlineIndex, issues: &[(u32, Issue)]) -> Option<Vec<(u32, String)>> {
    let numbers: Vec<u32> = issues.iter().map(|&(n, _)| n).collect();
    let held = index.entries_of_issues(&numbers)?;
    let mut texts = Vec::new();
    for ((_, issue), held) in issues.iter().zip(held) {
        let places = issue.pages.iter().enumerate().flat_map(|(p, page)| {
            page.articles
                .iter()
                .enumerate()
                .map(move |(a, article)| (p as u32, a as u32, article))
        });
        if held.len() != places.clone().count() {
            return None;
        }
        for (e, (page, at, article)) in held.zip(places) {
            let r = index.article(e as u32);
            if (r.page, r.article) != (page, at) {
                return None;
            }
            texts.push((e as u32, crate::search::searchable_text(article).0));
        }
    }
    Some(texts)
}
