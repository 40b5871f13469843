//! `list`, headline `search`, `show` and `export ID` answered from the
//! archive's skeleton (see [`crate::index::skeleton`]) when it stands for
//! the archive as it is, else from the archive loaded, with the same output
//! either way.

use super::*;
use crate::index::read_alone::Against;
use crate::index::skeleton;
use std::sync::Arc;

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
/// with its skeleton (else built of the skeleton and kept, unless
/// `--from`/`--to` cut the archive), reading the skeleton's pages of the
/// hits' issues alone; else from the archive loaded. The reviews' corrected
/// dates apply over the skeleton; the issues holding corrected titles or
/// structurally corrected pages are read alone and corrected (see
/// [`reviewed_issues`]) and spliced into the index.
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
    // The kept headline index is read beside the walk that says whether
    // it is still the archive's.
    let pinyin = ask.pinyin;
    let (state, kept) = std::thread::scope(|s| {
        let kept =
            whole.then(|| s.spawn(|| skeleton::open_headline_index_as_kept(cache, at, pinyin)));
        let state = skeleton::state_of(cache, at);
        (state, kept.and_then(|k| k.join().ok().flatten()))
    });
    let key = state.as_ref().map(|s| s.key);
    // The kept index, of the state now or brought forward to it when a
    // refresh replaced a few issues since.
    let index = match (&state, kept) {
        (Some(state), Some((kept_key, index))) if kept_key == state.key => Some(index),
        (Some(state), Some(kept)) => {
            crate::index::headline_patch::brought_forward(cache, at, state, kept)
        }
        _ => None,
    };
    // A skeleton of the state before a few files changed is refreshed.
    let headlines = |k| skeleton::open_headlines(cache, at, k);
    let refreshed = |k| {
        let state = state.as_ref()?;
        crate::index::refresh::refresh(cache, at, state).then(|| headlines(k))?
    };
    let skeleton_of = |k| headlines(k).or_else(|| refreshed(k));
    // Else the index is built of the skeleton and kept for the next search.
    let index = match (key, index) {
        (Some(k), None) if whole => skeleton_of(k).map(|archive| {
            let index = crate::search::HeadlineIndex::build(&archive, pinyin);
            skeleton::store_headline_index(cache, at, k, &index);
            index
        }),
        (_, index) => index,
    };
    let reviewed = key.and_then(|k| reviewed_issues(cache, at, k, &reviews, true));
    if let (Some(key), Some(index), Some(reviewed)) = (key, index, &reviewed)
        && let Some(index) = with_reviewed(index, reviewed, &reviews)
    {
        let archive_of = |issues: &[u32]| {
            let mut archive = skeleton::open_headlines_of(cache, at, key, issues)?;
            for (n, issue) in reviewed.numbers.iter().zip(&reviewed.read.issues) {
                *archive.issues.get_mut(*n as usize)? = issue.clone();
            }
            Some(archive)
        };
        if let Some(found) = search::run_indexed(out, &index, &archive_of, &reviews, ask)? {
            return Ok(found);
        }
    }
    // The skeleton cut to `--from`/`--to`, with the reviewed issues as
    // read; else the archive loaded.
    let skeleton = key.zip(reviewed).and_then(|(k, reviewed)| {
        let mut archive = skeleton_of(k)?;
        for (n, issue) in reviewed.numbers.into_iter().zip(reviewed.read.issues) {
            *archive.issues.get_mut(n as usize)? = issue;
        }
        Some(archive)
    });
    let loaded = match skeleton {
        Some(archive) => archive,
        None => structured(open_archive(Some(at))?, &reviews),
    };
    let loaded = dates.keep(loaded, &reviews);
    let archive = reviews.correct(loaded);
    search::run(out, &archive, ask)
}

/// The issues of the archive at `at` in the state `key` names that a
/// review changes beyond what its skeleton shows, read alone: those with
/// a page a structural correction names, structurally corrected (the
/// stale corrections said on stderr, as a load says them), and with
/// `titles` those holding a corrected kicker or headline (an entry is
/// checked against its article's whole text, which the skeleton does not
/// hold). `None` when they cannot be read alone.
fn reviewed_issues(
    cache: &crate::index::Cache,
    at: &std::path::Path,
    key: u64,
    reviews: &ReviewFile,
    titles: bool,
) -> Option<crate::index::read_alone::ReadHolding> {
    let ids = reviews
        .articles
        .iter()
        .filter(|(_, e)| titles && e.corrects_title())
        .map(|(id, _)| id.as_str());
    let also = corrected_issues(cache, at, key, reviews)?;
    let mut held =
        crate::index::read_alone::read_issues_holding(at, Against::Kept(cache, key), ids, &also)?;
    if !reviews.structure.is_empty() {
        structure_applied(&mut held.read, reviews);
    }
    Some(held)
}

/// The page files `reviews`' structural corrections name.
fn corrected_files(reviews: &ReviewFile) -> Vec<&str> {
    let files = reviews.structure.iter().map(|c| c.source.as_str());
    files.collect()
}

/// The numbers of the issues of the archive at `at` in the state `key`
/// names with a page from a file `reviews`' structural corrections name
/// (none without them), by the skeleton's file table; `None` when it is of
/// another state or a file is not the archive's.
pub(super) fn corrected_issues(
    cache: &crate::index::Cache,
    at: &std::path::Path,
    key: u64,
    reviews: &ReviewFile,
) -> Option<Vec<u32>> {
    let files = corrected_files(reviews);
    match files.is_empty() {
        true => Some(Vec::new()),
        false => crate::index::read_alone::issues_of_files(cache, at, key, &files),
    }
}

/// `index` with the headlines of the `reviewed` issues as `reviews`
/// correct them (the splice of [`crate::search::HeadlineIndex::with_issues`]:
/// at 962k headlines 0.12–0.16 s, against 2.6–2.8 s to build it again).
fn with_reviewed(
    index: crate::search::HeadlineIndex,
    reviewed: &crate::index::read_alone::ReadHolding,
    reviews: &ReviewFile,
) -> Option<crate::search::HeadlineIndex> {
    if reviewed.numbers.is_empty() {
        return Some(index);
    }
    let corrected = reviews.correct(Archive {
        issues: reviewed.read.issues.clone(),
        ..Default::default()
    });
    let pairs: Vec<(u32, &crate::model::Issue)> = reviewed
        .numbers
        .iter()
        .copied()
        .zip(&corrected.issues)
        .collect();
    index.with_issues(reviewed.count, &pairs)
}

/// What `list` prints of the archive, and its reviews: from the archive's
/// skeleton when it stands for the archive as it is now (refreshed when a
/// few files changed), the issues a structural correction changes read
/// alone and corrected; else from the archive loaded.
pub(super) fn open_listing(path: Option<PathBuf>) -> Result<(Listing, ReviewFile), CliError> {
    let Some((cache, at)) = skeleton_place(path.as_deref()) else {
        let (archive, reviews) = open_reviewed(path, false)?;
        return Ok((Listing::of(&archive), reviews));
    };
    let reviews = reviews_of(Some(at));
    // The listing in place is read while the archive's files are stamped
    // (most of a warm `list`), and kept when it is of the state they name:
    // 20–25 ms of 0.3 s at 100k issues.
    let (state, kept) = rayon::join(
        || skeleton::state_of(cache, at),
        || skeleton::open_listing_as_kept(cache, at),
    );
    if let Some(state) = state
        && let Some(mut listing) = match kept {
            Some((key, listing)) if key == state.key => Some(listing),
            _ => skeleton::open_listing_for(cache, at, &state),
        }
        && let Some(reviewed) = reviewed_issues(cache, at, state.key, &reviews, false)
    {
        // The rows of the structurally corrected issues, as corrected.
        for (n, issue) in reviewed.numbers.iter().zip(&reviewed.read.issues) {
            if let Some(row) = listing.issues.get_mut(*n as usize) {
                *row = skeleton::IssueRow::of(issue);
            }
        }
        return Ok((listing, reviews));
    }
    let archive = structured(open_archive(Some(at))?, &reviews);
    Ok((Listing::of(&archive), reviews))
}

/// The archive `show ID` and `export ID` read, and its reviews: the issue
/// `id` names or holds alone, read from its own files (see
/// [`crate::index::read_alone`]) with those a structural correction
/// changes, when the skeleton stands for the archive; else the archive
/// loaded. At 100k generated issues, loading it took 8–10 s to show one
/// article.
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
    // With the issues a structural correction changes, corrected (their
    // stale corrections said, as a load says them).
    if let Some(mut archive) = issues_for_article(cache, at, id, &reviews) {
        if !reviews.structure.is_empty() {
            structure_applied(&mut archive, &reviews);
        }
        return Ok((archive, reviews));
    }
    Ok((structured(open_archive(Some(at))?, &reviews), reviews))
}

/// The issue of the archive at `at` that `id` names or holds, with those
/// with a page a structural correction of `reviews` names, read alone
/// (not corrected) when the skeleton stands for the archive: what a
/// command about one article needs of the archive. `None` when they cannot
/// be read so.
pub(super) fn issues_for_article(
    cache: &crate::index::Cache,
    at: &std::path::Path,
    id: &str,
    reviews: &ReviewFile,
) -> Option<Archive> {
    issues_for(cache, at, Some(id), None, reviews)
}

/// As [`issues_for_article`], for the article `id` (if any) and every
/// issue with a page from the page files `file` names (`FILE` of a
/// structural verb's `FILE:LINE`: its path, its path in the archive, or
/// its file name alone; see [`super::structure::sources_named`]).
pub(super) fn issues_for(
    cache: &crate::index::Cache,
    at: &std::path::Path,
    id: Option<&str>,
    file: Option<&str>,
    reviews: &ReviewFile,
) -> Option<Archive> {
    let mut files = corrected_files(reviews);
    // Naming a page file needs every file's path: a walk.
    let state = match file {
        Some(_) => skeleton::state_now(at)?,
        None => skeleton::state_of(cache, at)?,
    };
    let listing = skeleton::open_listing_for(cache, at, &state)?;
    let mut numbers = Vec::new();
    if let Some(id) = id {
        numbers.push(crate::index::read_alone::issue_holding(&listing, id)?);
    }
    if let Some(file) = file {
        // The archive's files as the loader names their pages.
        let sources: Vec<(String, &str)> = state
            .files
            .iter()
            .flatten()
            .map(|(rel, _)| (crate::intake::display_path(&at.join(rel)), rel.as_str()))
            .collect();
        let root = crate::intake::display_path(at);
        let named: std::collections::HashSet<&str> =
            super::structure::sources_named(&root, sources.iter().map(|(s, _)| s.as_str()), file)
                .into_iter()
                .collect();
        // A file named by no page: the archive loaded says so.
        if named.is_empty() {
            return None;
        }
        let rels = sources.iter().filter(|(s, _)| named.contains(s.as_str()));
        files.extend(rels.map(|&(_, rel)| rel));
    }
    if !files.is_empty() {
        numbers.extend(crate::index::read_alone::issues_of_files(
            cache, at, state.key, &files,
        )?);
    }
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() * crate::index::read_alone::READ_AT_MOST_ONE_IN > listing.issues.len() {
        return None;
    }
    crate::index::read_alone::read_issues(at, Against::Kept(cache, state.key), &numbers)
}

/// The issues of the archive at `path` that `reviews` bear on (holding an
/// entry's article, or a page a structural correction names), read alone
/// and not corrected, when the skeleton stands for the archive: what
/// `review list` checks its entries against. `None` when they cannot be
/// read so.
pub(super) fn reviewed_archive(
    path: Option<&std::path::Path>,
    reviews: &ReviewFile,
) -> Option<Archive> {
    reviewed_issues_listed(path, reviews).map(|(_, held)| held.read)
}

/// The listing of the archive at `path` (refreshed when a few files
/// changed) and the issues `reviews` bear on, read alone and not
/// corrected, when the skeleton stands for the archive (see
/// [`reviewed_archive`]).
fn reviewed_issues_listed(
    path: Option<&std::path::Path>,
    reviews: &ReviewFile,
) -> Option<(Listing, crate::index::read_alone::ReadHolding)> {
    let (cache, at) = skeleton_place(path)?;
    let state = skeleton::state_of(cache, at)?;
    let listing = skeleton::open_listing_for(cache, at, &state)?;
    let ids = reviews.articles.keys().map(String::as_str);
    let also = corrected_issues(cache, at, state.key, reviews)?;
    let against = Against::Kept(cache, state.key);
    let held = crate::index::read_alone::read_issues_holding(at, against, ids, &also)?;
    Some((listing, held))
}

/// The review report of the archive at `path` from its skeleton, when it
/// stands for the archive: the issues `reviews` bear on read alone and
/// structurally corrected (the stale corrections said on stderr, as a load
/// says them), every other issue counted from its listing row, its
/// articles untouched. `None` when the issues cannot be read so. At 100k
/// generated issues, with a merge and a few marks, the report took
/// 0.5–0.9 s and 147 MB so, against 10–15 s and 3.4 GB loading the archive.
pub(super) fn review_report(
    path: Option<&std::path::Path>,
    reviews: &ReviewFile,
) -> Option<crate::review::ReviewReport> {
    use crate::review::Reported;
    let (listing, mut held) = reviewed_issues_listed(path, reviews)?;
    if held.count != 0 && held.count != listing.issues.len() {
        return None;
    }
    let applied = structure_applied(&mut held.read, reviews);
    let read: std::collections::HashMap<u32, &crate::model::Issue> = held
        .numbers
        .iter()
        .copied()
        .zip(&held.read.issues)
        .collect();
    let issues = listing
        .issues
        .iter()
        .zip(0u32..)
        .map(|(row, n)| match read.get(&n) {
            Some(issue) => Reported::Read(issue),
            None => Reported::Unreviewed {
                id: &row.id,
                date: row.date,
                articles: row.articles,
            },
        });
    Some(crate::review::report_of(
        &listing.root,
        issues,
        reviews,
        &applied,
    ))
}

/// The gold reading of the archive at `path` from its skeleton, when it
/// stands for the archive: a page is in it only when every article on it
/// is marked ok, so only the issues holding an article marked ok are read
/// alone, with those a structural correction names, structurally corrected
/// (the stale corrections said on stderr). The reading keys a page by its
/// file's bare name, and a page not all ok rules out every page of that
/// name: every issue with a page of a file so named is read too. `None`
/// when the issues cannot be read so. At 100k generated issues, one page
/// all ok: 0.6–0.7 s and 133 MB, against 20–22 s and 6.8 GB loading the
/// archive.
pub(super) fn gold_reading(
    path: Option<&std::path::Path>,
    reviews: &ReviewFile,
) -> Option<std::collections::BTreeMap<String, crate::review::GoldFile>> {
    use crate::index::read_alone::{issues_of_file_names, read_issues_holding};
    let (cache, at) = skeleton_place(path)?;
    let state = skeleton::state_of(cache, at)?;
    // (Refreshed when a few files changed.)
    skeleton::open_listing_for(cache, at, &state)?;
    let ok = || {
        let ok = reviews.articles.iter();
        ok.filter(|(_, e)| e.status == crate::review::ReviewStatus::Ok)
            .map(|(id, _)| id.as_str())
    };
    let against = || Against::Kept(cache, state.key);
    let mut also = corrected_issues(cache, at, state.key, reviews)?;
    let mut held = read_issues_holding(at, against(), ok(), &also)?;
    loop {
        let pages = held.read.issues.iter().flat_map(|i| &i.pages);
        let mut names: Vec<&str> = pages.map(|p| crate::score::file_name(&p.source)).collect();
        names.sort_unstable();
        names.dedup();
        let named = issues_of_file_names(cache, at, state.key, &names)?;
        if named.iter().all(|n| held.numbers.binary_search(n).is_ok()) {
            break;
        }
        also.extend(named);
        held = read_issues_holding(at, against(), ok(), &also)?;
    }
    structure_applied(&mut held.read, reviews);
    Some(crate::review::gold_reading(&held.read, reviews))
}

/// What the reader starts on before the archive's text has loaded (see
/// `tui/pending_text.rs`): the skeleton, each issue's pages read when
/// first asked for, and the headline index kept for the same state, if
/// any.
pub(super) struct ReaderSkeleton {
    /// The key of the archive's state it was kept for.
    pub key: u64,
    pub skeleton: Arc<crate::index::LazySkeleton>,
    pub index: Option<Arc<crate::search::HeadlineIndex>>,
}

/// The skeleton kept for the archive at `at` and the headline index kept
/// with it for `pinyin`, whatever state of the archive they were kept
/// for: what the reader shows at once, before the stat of every file says
/// whether it still stands for the archive ([`checked_skeleton`]). At
/// 100k issues the three read together took 0.8 s on two cores, the
/// stat of every file 0.42 s of it alone.
pub(super) fn kept_skeleton(
    cache: &crate::index::Cache,
    at: &std::path::Path,
    pinyin: bool,
) -> Option<ReaderSkeleton> {
    kept_skeleton_and_index(cache, at, pinyin).map(|(kept, _)| kept)
}

/// As [`kept_skeleton`], with the headline index kept for another state
/// than the skeleton's, when it is (for [`checked_skeleton`] to bring
/// forward rather than read again).
fn kept_skeleton_and_index(
    cache: &crate::index::Cache,
    at: &std::path::Path,
    pinyin: bool,
) -> Option<(ReaderSkeleton, Option<(u64, crate::search::HeadlineIndex)>)> {
    let (kept_index, kept) = std::thread::scope(|s| {
        let index = s.spawn(|| skeleton::open_headline_index_as_kept(cache, at, pinyin));
        let kept = skeleton::open_lazy_as_kept(cache, at);
        (index.join().ok().flatten(), kept)
    });
    let (key, kept) = kept?;
    let (index, other) = match kept_index {
        Some((k, index)) if k == key => (Some(Arc::new(index)), None),
        other => (None, other),
    };
    let kept = ReaderSkeleton {
        key,
        skeleton: Arc::new(kept),
        index,
    };
    Some((kept, other))
}

/// The skeleton that stands for the archive at `at` as it is now, and the
/// full-text index of this state: `kept` when it still does, else the
/// skeleton brought forward (a few files changed; its headline index
/// brought forward too when it can be, else to be built again), else
/// `None`.
pub(super) fn checked_skeleton(
    cache: &crate::index::Cache,
    at: &std::path::Path,
    pinyin: bool,
    kept: Option<ReaderSkeleton>,
) -> Option<(ReaderSkeleton, Option<Arc<crate::index::TextIndex>>)> {
    let state = skeleton::state_of(cache, at)?;
    let key = state.key;
    let text = || crate::index::TextIndex::open_for(cache, at, state.stamp).map(Arc::new);
    if let Some(kept) = kept.filter(|k| k.key == key) {
        return Some((kept, text()));
    }
    let (mut refreshed, other_index) = crate::index::refresh::refresh(cache, at, &state)
        .then(|| kept_skeleton_and_index(cache, at, pinyin))??;
    // The headline index of the state before, brought forward over the
    // issues the refresh replaced: at 100k issues, one file touched, the
    // filter is ready 0.53–0.68 s after start, peak 0.72–0.75 GB, against
    // 12.3–12.6 s and 0.96–0.99 GB building it again behind the first frame.
    if let Some(kept) = other_index {
        refreshed.index =
            crate::index::headline_patch::brought_forward(cache, at, &state, kept).map(Arc::new);
    }
    (refreshed.key == key).then(|| (refreshed, text()))
}

/// How many issues [`each_issue_read`] reads (and `export` writes) at a
/// time: enough for the files' parses to share both cores, few enough
/// that memory stays flat.
pub(super) const ISSUES_AT_A_TIME: usize = 256;

/// What a pass over an archive's issues ([`each_issue_read`]) hands them to.
pub(super) trait IssueSink {
    /// Before the first batch: the archive's root, as a load names it,
    /// the files it could not read, and how many issues are to come.
    fn start(
        &mut self,
        root: &str,
        errors: &[crate::model::FileError],
        issues: usize,
    ) -> Result<(), CliError>;
    /// The next issues, in archive order.
    fn batch(&mut self, issues: Archive) -> Result<(), CliError>;
    /// After the last batch: the files the archive could not read.
    fn finish(&mut self, errors: &[crate::model::FileError]) -> Result<(), CliError>;
}

/// The issues of the archive at `path` within `dates`, in archive order, a
/// few at a time, each batch handed to `sink` as an archive of its own
/// (structurally corrected as `reviews` say, the stale corrections said
/// on stderr; not otherwise corrected), when the skeleton stands for the
/// archive: each batch is read from its own files and checked against the
/// skeleton, so memory stays flat however big the archive is. When a batch
/// reads differently alone, the archive is loaded and the rest of it
/// handed over from there. False, having handed nothing, when the skeleton
/// cannot answer (the caller then loads the archive). At 100k generated
/// issues, `export --format ndjson` loaded the archive and built its text
/// whole: 26.8 s and 5.66 GB.
pub(super) fn each_issue_read(
    path: Option<&std::path::Path>,
    reviews: &ReviewFile,
    dates: &DateArgs,
    sink: &mut dyn IssueSink,
) -> Result<bool, CliError> {
    let Some((cache, at)) = skeleton_place(path) else {
        return Ok(false);
    };
    let Some(state) = skeleton::state_of(cache, at) else {
        return Ok(false);
    };
    let Some(listing) = skeleton::open_listing_for(cache, at, &state) else {
        return Ok(false);
    };
    let Some(held) = skeleton::open_lazy_at(cache, at, state.key) else {
        return Ok(false);
    };
    // The structurally corrected issues, read and corrected first.
    let Some(structured) = reviewed_issues(cache, at, state.key, reviews, false) else {
        return Ok(false);
    };
    let keeps = dates.keeps(reviews);
    let wanted: Vec<u32> = (0u32..)
        .zip(&listing.issues)
        .filter(|(_, row)| keeps(&row.id, row.date))
        .map(|(n, _)| n)
        .collect();
    sink.start(&listing.root, &listing.errors, wanted.len())?;
    // Batches are read on a thread of their own while the one before is
    // written.
    let given: Vec<(u32, &crate::model::Issue)> = structured
        .numbers
        .iter()
        .copied()
        .zip(&structured.read.issues)
        .collect();
    let unread_from = std::thread::scope(|s| -> Result<Option<u32>, CliError> {
        let (read, batches) = std::sync::mpsc::sync_channel(1);
        let (held, given) = (&held, &given);
        s.spawn(move || {
            for batch in wanted.chunks(ISSUES_AT_A_TIME) {
                let against = Against::Held(held);
                let issues = crate::index::read_alone::read_issues_given(at, against, batch, given)
                    .map(|read| read.issues)
                    .ok_or(batch[0]);
                let unread = issues.is_err();
                if read.send(issues).is_err() || unread {
                    return;
                }
            }
        });
        for batch in batches {
            let issues = match batch {
                Ok(issues) => issues,
                Err(first) => return Ok(Some(first)),
            };
            let batch = Archive {
                issues,
                root: listing.root.clone(),
                errors: Vec::new(),
            };
            sink.batch(dates.keep(batch, reviews))?;
        }
        Ok(None)
    })?;
    if let Some(first) = unread_from {
        // A batch reads differently alone: the rest as the whole archive
        // reads it.
        let mut archive = open_archive(Some(at))?;
        crate::review::structure::apply_read(&mut archive, &reviews.structure);
        archive
            .issues
            .drain(..(first as usize).min(archive.issues.len()));
        sink.batch(dates.keep(archive, reviews))?;
    }
    sink.finish(&listing.errors)?;
    Ok(true)
}
