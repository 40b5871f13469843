//! `kanbao index [PATH]`: builds or refreshes the archive's index (see
//! [`crate::index`]); `--clear` removes it; `--prune` removes those of
//! archives that are gone. And the switch every command reads:
//! `--no-index` bypasses the index altogether.

use super::*;
use crate::index::{Cache, TextIndex};
use std::sync::OnceLock;
use std::sync::atomic::Ordering;

static USE_INDEX: OnceLock<bool> = OnceLock::new();
static CACHE: OnceLock<Option<Cache>> = OnceLock::new();

/// Set once, from `--no-index`, before any archive is opened.
pub(super) fn set_use_index(on: bool) {
    let _ = USE_INDEX.set(on);
}

/// The user's cache, unless `--no-index` said not to use one.
pub(super) fn archive_cache() -> Option<&'static Cache> {
    if !USE_INDEX.get().copied().unwrap_or(true) {
        return None;
    }
    CACHE.get_or_init(Cache::user).as_ref()
}

/// Builds (or refreshes) the index of `path`, with a progress line on
/// stderr when it is a terminal; or, with `clear`, removes it (`all`: every
/// archive's).
pub(super) fn run(
    path: Option<PathBuf>,
    all: bool,
    clear: bool,
    watch: bool,
    pinyin: bool,
) -> Result<i32, CliError> {
    let Some(cache) = archive_cache() else {
        return Err(CliError::Usage(
            "--no-index: there is no index to build or clear".into(),
        ));
    };
    if clear {
        let archive = if all { None } else { path.as_deref() };
        cache
            .clear(archive)
            .map_err(|e| CliError::Other(format!("{}: {e}", cache.root().display())))?;
        match archive {
            Some(p) => eprintln!(
                "kanbao: removed the index of {}",
                clean(&p.display().to_string())
            ),
            None => eprintln!(
                "kanbao: removed every index under {}",
                cache.root().display()
            ),
        }
        return Ok(0);
    }
    let Some(path) = path else {
        return Err(CliError::Usage(
            "kanbao index needs an archive folder or file (the sample is never indexed)".into(),
        ));
    };
    if watch {
        if !path.is_dir() {
            return Err(CliError::Usage(format!(
                "--watch needs an archive folder; {} is not one (a single file is stamped at once anyway)",
                clean(&path.display().to_string())
            )));
        }
        crate::index::watch::none_running(&cache.archive_dir(&path))
            .map_err(|e| CliError::Other(e.to_string()))?;
        // Its first walk builds the index only if it is not in place: a
        // watcher started on a fresh index does not load the archive (at
        // 100k issues 6 s and 3.5 GB; its walk 0.4 s).
        return keep_watching(cache, &path, pinyin);
    }
    let started = std::time::Instant::now();
    let (archive, text_secs) = build(cache, &path, pinyin)?;
    report_load_problems(&archive);
    eprintln!(
        "kanbao: indexed {} files ({} parsed, {} unchanged) in {:.2} s (full text {:.2} s); {} in {}",
        cache.parsed.load(Ordering::Relaxed) + cache.reused.load(Ordering::Relaxed),
        cache.parsed.load(Ordering::Relaxed),
        cache.reused.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
        text_secs,
        megabytes(crate::index::size_of(&cache.archive_dir(&path))),
        cache.archive_dir(&path).display()
    );
    Ok(if archive.errors.is_empty() { 0 } else { 1 })
}

/// `kanbao index --watch PATH`: builds the index if it is not in place,
/// then keeps it fresh while the archive changes and vouches for it to
/// every command (see [`crate::index::watch`]), until interrupted.
fn keep_watching(cache: &Cache, path: &std::path::Path, pinyin: bool) -> Result<i32, CliError> {
    use crate::index::watch::{WatchNews, keep_fresh};
    let shown = clean(&path.display().to_string()).into_owned();
    eprintln!(
        "kanbao: watching {shown}; while nothing changes, commands on it skip checking its \
         files (Ctrl-C stops)"
    );
    // A walk that cannot vouch is said once, not at every retry.
    let mut vouching = true;
    let news = |n: WatchNews| match n {
        WatchNews::Walked(Some(_), took) => {
            vouching = true;
            eprintln!(
                "kanbao: {shown}: checked, the index is fresh ({:.2} s)",
                took.as_secs_f64()
            )
        }
        WatchNews::Walked(None, _) if vouching => {
            vouching = false;
            eprintln!(
                "kanbao: {shown}: the index cannot be vouched for yet (a file changed in the \
                 last seconds, the folder is gone, or the cache cannot be written); checking \
                 again every few seconds, commands check the files themselves meanwhile"
            )
        }
        WatchNews::Walked(None, _) | WatchNews::Answered(_) => {}
    };
    keep_fresh(
        &cache.archive_dir(path),
        path,
        &loader::walk_reads,
        || freshen(cache, path, pinyin),
        news,
        &|| false,
    )
    .map_err(|e| CliError::Other(clean(&e.to_string()).into_owned()))?;
    Ok(0)
}

/// The watcher's walk: the archive's state now, and its index brought to
/// that state (refreshed when a few files changed, else built again);
/// what the watcher may vouch for, or `None` (a file too fresh to trust,
/// or the index could not be written).
fn freshen(
    cache: &Cache,
    path: &std::path::Path,
    pinyin: bool,
) -> Option<crate::index::watch::Vouch> {
    use crate::index::skeleton::{self, ArchiveState};
    // The skeleton of the state (refreshed when a few files changed, and
    // the full text with it), the full text and the headline index.
    let in_place = |state: &ArchiveState| {
        skeleton::open_listing_for(cache, path, state).is_some()
            && TextIndex::open_for(cache, path, state.stamp).is_some()
            && headline_index_for(cache, path, state, pinyin)
    };
    let mut state = skeleton::state_now(path)?;
    if !in_place(&state) {
        build(cache, path, pinyin).ok()?;
        state = skeleton::state_now(path)?;
        if !in_place(&state) {
            return None;
        }
    }
    Some(crate::index::watch::Vouch {
        version: crate::index::parse_version(loader::default_profiles()),
        stamp: state.stamp,
        key: state.key,
    })
}

/// Whether the headline index kept (with `pinyin` as asked) is of `state`,
/// once brought forward to it (or built again of its skeleton) when it is
/// not.
fn headline_index_for(
    cache: &Cache,
    path: &std::path::Path,
    state: &crate::index::skeleton::ArchiveState,
    pinyin: bool,
) -> bool {
    use crate::index::skeleton;
    let kept = skeleton::open_headline_index_as_kept(cache, path, pinyin);
    if kept.as_ref().is_some_and(|(key, _)| *key == state.key) {
        return true;
    }
    let forward = kept
        .and_then(|kept| crate::index::headline_patch::brought_forward(cache, path, state, kept));
    if forward.is_none()
        && let Some(shells) = skeleton::open_headlines(cache, path, state.key)
    {
        let index = crate::search::HeadlineIndex::build(&shells, pinyin);
        skeleton::store_headline_index(cache, path, state.key, &index);
    }
    skeleton::kept_index_key(cache, path) == Some(state.key)
}

/// Builds or refreshes the index of the archive at `path` (a progress line
/// on stderr when it is a terminal): the archive as loaded, and the
/// seconds the full text took.
fn build(cache: &Cache, path: &std::path::Path, pinyin: bool) -> Result<(Archive, f64), CliError> {
    let tty = std::io::stderr().is_terminal();
    let report = |p: loader::Progress| {
        if tty && (p.done.is_multiple_of(256) || p.done == p.total) {
            eprint!("\rkanbao: indexing {}/{} files", p.done, p.total);
        }
    };
    let opts = LoadOptions {
        progress: Some(&report),
        cache: Some(cache),
        ..Default::default()
    };
    let archive = loader::load_path(path, &opts)?;
    if tty {
        eprintln!();
    }
    let text_started = std::time::Instant::now();
    let text = TextIndex::open_or_build(cache, path, &archive);
    if text.is_none() {
        eprintln!(
            "kanbao: no full-text index (a file changed in the last seconds, or the cache \
             folder is not writable): search --body reads every article"
        );
    }
    let text_secs = text_started.elapsed().as_secs_f64();
    // The headline index too, so that the first headline search and the
    // reader's filter need not build it (about 4 s at 100k issues).
    if let Some(state) = crate::index::skeleton::state_now(path) {
        headline_index_for(cache, path, &state, pinyin);
    }
    Ok((archive, text_secs))
}

/// `kanbao index --prune`: removes the index of every archive that is gone,
/// saying which and how much room it gave back.
pub(super) fn prune() -> Result<i32, CliError> {
    let Some(cache) = archive_cache() else {
        return Err(CliError::Usage(
            "--no-index: there is no index to prune".into(),
        ));
    };
    let removed = cache
        .prune()
        .map_err(|e| CliError::Other(format!("{}: {e}", cache.root().display())))?;
    for (archive, bytes) in &removed {
        match archive {
            Some(a) => eprintln!(
                "kanbao: removed the index of {} (gone), {}",
                clean(&a.display().to_string()),
                megabytes(*bytes)
            ),
            None => eprintln!(
                "kanbao: removed an index that names no archive (an older kanbao's), {}",
                megabytes(*bytes)
            ),
        }
    }
    let total: u64 = removed.iter().map(|(_, b)| b).sum();
    eprintln!(
        "kanbao: {} index(es) removed, {} freed in {}",
        removed.len(),
        megabytes(total),
        cache.root().display()
    );
    Ok(0)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// The articles (by place in archive order) that may hold every term of
/// `query`, from the archive's full-text index when `kanbao index` built
/// one for the archive as it is; `None` to scan every article instead: no
/// index, a stale one, the sample, or a query the index cannot narrow.
/// A stale index is not rebuilt here: building it reads the whole archive
/// (13.8–15.4 s for 10k issues, against a 3.7 s scan), which a search must
/// not make a user wait for. `loaded` is the archive as
/// parsed (what the index holds): an article whose title `reviews`
/// corrects is always read, the index knowing only the parsed title.
pub(super) fn body_candidates(
    path: Option<&std::path::Path>,
    loaded: &Archive,
    reviews: &crate::review::ReviewFile,
    query: &str,
) -> Option<Vec<usize>> {
    let (cache, path) = (archive_cache()?, path?);
    let index = TextIndex::open_built(cache, path)?;
    let counts: Vec<usize> = loaded.issues.iter().map(|i| i.article_count()).collect();
    let mut among = crate::index::archive_order(&index.candidates(query)?, &counts)?;
    if reviews.corrects_titles() {
        // Asked of the reviews, not of a corrected copy of the archive
        // (which held it twice).
        let retitled = loaded
            .issues
            .iter()
            .flat_map(|i| i.pages.iter().flat_map(|p| p.articles.iter()))
            .enumerate()
            .filter(|(_, a)| super::body_from_index::retitles(reviews, a))
            .map(|(n, _)| n);
        among.extend(retitled);
        among.sort_unstable();
        among.dedup();
    }
    Some(among)
}
