//! `list`, headline `search`, `show` and `export ID` answered from the
//! archive's skeleton (see [`crate::index::skeleton`]) when it stands for
//! the archive as it is, else from the archive loaded, with the same output
//! either way.

use super::*;
use crate::index::read_alone::Against;
use crate::index::skeleton;

/// The archive's folder or file and the index, when the archive's
/// skeleton may answer for it (an archive named that exists, and no
/// `--no-index`).
pub(super) fn skeleton_place(
    path: Option<&std::path::Path>,
) -> Option<(&crate::index::Cache, &std::path::Path)> {
    let (cache, path) = (index::archive_cache()?, path?);
    path.exists().then_some((cache, path))
}

/// The headline search of the archive at `at`: from the headline index kept
/// with its skeleton, reading the skeleton's pages of the hits' issues
/// alone; else from the skeleton, building the headline index (and keeping
/// it, unless `--from`/`--to` cut the archive); else from the archive
/// loaded. The reviews' corrected dates apply over the skeleton; corrected
/// titles and structural corrections load the archive (both are checked
/// against the articles' whole text, which the skeleton does not hold).
pub(super) fn headline_search(
    out: &mut impl Write,
    cache: &crate::index::Cache,
    at: &std::path::Path,
    dates: &DateArgs,
    original: bool,
    ask: search::Ask,
) -> Result<usize, CliError> {
    let reviews = match original {
        true => ReviewFile::default(),
        false => reviews_of(Some(at)),
    };
    let whole = dates.from.is_none() && dates.to.is_none();
    let from_skeleton = reviews.structure.is_empty() && !reviews.corrects_titles();
    // The kept headline index is read beside the walk that says whether
    // it is still the archive's.
    let pinyin = ask.pinyin;
    let (state, kept) = match from_skeleton {
        true => std::thread::scope(|s| {
            let kept =
                whole.then(|| s.spawn(|| skeleton::open_headline_index_as_kept(cache, at, pinyin)));
            let state = skeleton::state_now(at);
            (state, kept.and_then(|k| k.join().ok().flatten()))
        }),
        false => (None, None),
    };
    let key = state.as_ref().map(|s| s.key);
    if let Some(key) = key
        && let Some((kept_key, index)) = kept
        && kept_key == key
    {
        let archive_of = |issues: &[u32]| skeleton::open_headlines_of(cache, at, key, issues);
        if let Some(found) = search::run_indexed(out, &index, &archive_of, &reviews, ask)? {
            return Ok(found);
        }
    }
    // A skeleton of the state before a few files changed is refreshed.
    let headlines = |k| skeleton::open_headlines(cache, at, k);
    let refreshed = |k| {
        let state = state.as_ref()?;
        crate::index::refresh::refresh(cache, at, state).then(|| headlines(k))?
    };
    let skeleton = key.and_then(|k| Some((headlines(k).or_else(|| refreshed(k))?, k)));
    let (loaded, keep) = match skeleton {
        Some((archive, k)) => (archive, whole.then_some(k)),
        None => (structured(open_archive(Some(at))?, &reviews), None),
    };
    let loaded = dates.keep(loaded, &reviews);
    let archive = reviews.corrected(&loaded);
    let store = |index: &crate::search::HeadlineIndex| {
        if let Some(k) = keep {
            skeleton::store_headline_index(cache, at, k, index);
        }
    };
    let ask = search::Ask {
        keep_index: Some(&store),
        ..ask
    };
    search::run(out, &archive, ask)
}

/// What `list` prints of the archive, and its reviews: from the archive's
/// skeleton when it was written for the archive as it is now and no
/// structural correction changes its issues, else from the archive loaded.
pub(super) fn open_listing(path: Option<PathBuf>) -> Result<(Listing, ReviewFile), CliError> {
    let Some((cache, at)) = skeleton_place(path.as_deref()) else {
        let (archive, reviews) = open_reviewed(path, false)?;
        return Ok((Listing::of(&archive), reviews));
    };
    let reviews = reviews_of(Some(at));
    if reviews.structure.is_empty()
        && let Some(listing) = skeleton::open_listing(cache, at)
    {
        return Ok((listing, reviews));
    }
    let archive = structured(open_archive(Some(at))?, &reviews);
    Ok((Listing::of(&archive), reviews))
}

/// The archive `show ID` and `export ID` read, and its reviews: the issue
/// `id` names or holds alone, read from its own files (see
/// [`crate::index::read_alone`]), when the skeleton stands for the archive
/// and no structural correction changes its ids; else the archive loaded. At 100k generated issues, loading it
/// took 8–10 s to show one article.
pub(super) fn archive_for_article(
    path: Option<PathBuf>,
    original: bool,
    id: &str,
) -> Result<(Archive, ReviewFile), CliError> {
    let Some((cache, at)) = skeleton_place(path.as_deref()) else {
        return open_reviewed(path, original);
    };
    let reviews = match original {
        true => ReviewFile::default(),
        false => reviews_of(Some(at)),
    };
    if reviews.structure.is_empty()
        && let Some(state) = skeleton::state_now(at)
        && let Some(listing) = skeleton::open_listing_for(cache, at, &state)
        && let Some(n) = crate::index::read_alone::issue_holding(&listing, id)
        && let Some(archive) =
            crate::index::read_alone::read_issues(at, Against::Kept(cache, state.key), &[n])
    {
        return Ok((archive, reviews));
    }
    Ok((structured(open_archive(Some(at))?, &reviews), reviews))
}

/// What the reader starts on before the archive's text has loaded (see
/// `tui/pending_text.rs`).
pub(super) struct ReaderSkeleton {
    /// The stamp of the archive's state it stands for, to find the
    /// full-text index by.
    pub stamp: u64,
    /// The skeleton itself, each issue's pages read when first asked for.
    pub shells: crate::index::LazySkeleton,
    /// The headline index kept with it, when it was built for this state.
    pub index: Option<crate::search::HeadlineIndex>,
}

/// The skeleton of the archive at `at` when it stands for the archive as
/// it is (refreshed when a few files changed), with the headline index
/// kept for this state and `pinyin`, if any.
pub(super) fn reader_skeleton(
    cache: &crate::index::Cache,
    at: &std::path::Path,
    pinyin: bool,
) -> Option<ReaderSkeleton> {
    // The three at once, each about half a second at 100k issues: the
    // walk that says the archive's state, and what was kept for a state.
    let (state, kept_index, kept_shells) = std::thread::scope(|s| {
        let index = s.spawn(|| skeleton::open_headline_index_as_kept(cache, at, pinyin));
        let shells = s.spawn(|| skeleton::open_lazy_as_kept(cache, at));
        let state = skeleton::state_now(at);
        let (index, shells) = (index.join(), shells.join());
        (state, index.ok().flatten(), shells.ok().flatten())
    });
    let state = state?;
    let key = state.key;
    let shells = match kept_shells {
        Some((k, shells)) if k == key => shells,
        // A skeleton of the state before a few files changed is refreshed.
        _ => {
            crate::index::refresh::refresh(cache, at, &state)
                .then(|| skeleton::open_lazy_as_kept(cache, at))?
                .filter(|(k, _)| *k == key)?
                .1
        }
    };
    let index = kept_index
        .filter(|(k, _)| *k == key)
        .map(|(_, index)| index);
    Some(ReaderSkeleton {
        stamp: state.stamp,
        shells,
        index,
    })
}
