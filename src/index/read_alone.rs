//! Issues read alone: from their own files, checked against the archive's
//! skeleton, so that a command that shows a few articles reads a few
//! files rather than the whole archive (or its every cached parse).
//!
//! An issue read alone is the archive's only when nothing outside its
//! files bore on it (its day's other pages, a neighbour's date): each is
//! compared with what the skeleton holds of it (ids, dates, pages and every
//! headline, [`skeleton::issue_headlines`]), and one that differs makes
//! the read fail; the caller then loads the archive.
//!
//! Why: at 100k generated issues, loading the archive from its parses to
//! print 20 search hits took 8.1–8.5 s and 3.4 GB.

use super::skeleton::{self, Listing};
use super::{Cache, LazySkeleton};
use crate::model::{Archive, Issue};
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// The skeleton an issue read alone is checked against.
#[derive(Clone, Copy)]
pub enum Against<'a> {
    /// The headlines file kept for the archive in the state `key` names.
    Kept(&'a Cache, u64),
    /// The skeleton the reader holds (opening the file again read its
    /// 100k shells each time: 60–90 ms an issue shown).
    Held(&'a LazySkeleton),
}

impl<'a> Against<'a> {
    /// The skeleton it names: held, or the kept one opened into `opened`.
    fn skeleton<'s>(
        self,
        root: &Path,
        opened: &'s mut Option<LazySkeleton>,
    ) -> Option<&'s LazySkeleton>
    where
        'a: 's,
    {
        match self {
            Against::Kept(cache, key) => {
                Some(opened.insert(skeleton::open_lazy(cache, root, Some(key))?.1))
            }
            Against::Held(skeleton) => Some(skeleton),
        }
    }
}

/// The issues numbered `issues` (sorted, in archive order) of the archive
/// at `root`, read from their own files, each the same as the skeleton
/// holds it; `None` when one is not.
pub fn read_issues(root: &Path, against: Against, issues: &[u32]) -> Option<Archive> {
    let mut opened = None;
    let skeleton = against.skeleton(root, &mut opened)?;
    // Not kept in the skeleton: a pass over the whole archive reads it
    // all a few issues at a time.
    let shells: Vec<std::borrow::Cow<Issue>> = issues
        .iter()
        .map(|&n| skeleton.issue_passing(n as usize))
        .collect::<Option<_>>()?;
    let mut files: Vec<PathBuf> = shells
        .iter()
        .flat_map(|i| &i.pages)
        .map(|p| PathBuf::from(&p.source))
        .collect();
    files.sort();
    files.dedup();
    let loaded = crate::loader::load_files(root, &files, &Default::default());
    let mut found = ReadAlone::of(loaded.issues);
    let mut read = Vec::with_capacity(issues.len());
    for shell in shells {
        let issue = found.take(&shell)?;
        if skeleton::issue_headlines(&issue) != *shell {
            return None;
        }
        read.push(issue);
    }
    // The files the archive could not read are the whole archive's, as
    // a load reports them.
    Some(Archive {
        root: skeleton.shells().root.clone(),
        issues: read,
        errors: skeleton.shells().errors.clone(),
    })
}

/// The issues numbered `issues` (sorted), those `given` (by number,
/// sorted: issues the caller holds as it shows them) as given, the rest
/// read alone as [`read_issues`] reads them; `None` when one of those
/// reads differently alone.
pub fn read_issues_given(
    root: &Path,
    against: Against,
    issues: &[u32],
    given: &[(u32, &Issue)],
) -> Option<Archive> {
    let held = |n: &u32| given.binary_search_by_key(n, |&(g, _)| g).ok();
    let unheld: Vec<u32> = issues
        .iter()
        .copied()
        .filter(|n| held(n).is_none())
        .collect();
    let mut read = read_issues(root, against, &unheld)?;
    let mut from_files = std::mem::take(&mut read.issues).into_iter();
    read.issues = issues
        .iter()
        .map(|n| match held(n) {
            Some(at) => Some(given[at].1.clone()),
            None => from_files.next(),
        })
        .collect::<Option<_>>()?;
    Some(read)
}

/// Issues read alone for what a review changes, with where they stand.
pub struct ReadHolding {
    /// How many issues the archive holds (0 when no issue was asked for:
    /// the skeleton is then not opened).
    pub count: usize,
    /// The numbers of the issues read (sorted)…
    pub numbers: Vec<u32>,
    /// …and the issues as read, in that order (the archive's root and
    /// errors with them).
    pub read: Archive,
}

/// The issues of the archive at `root` that hold the articles `ids` name
/// (`ISSUE/PAGE/N`), and the issues numbered `also` (those with a page of
/// a file a structural correction names, [`issues_of_files`]), read alone
/// and checked `against` its skeleton. Ids no issue holds are left out.
/// `None` when an issue reads differently alone, or they lie in more than
/// one issue in [`READ_AT_MOST_ONE_IN`] (loading the archive is then
/// faster).
pub fn read_issues_holding<'a>(
    root: &Path,
    against: Against,
    ids: impl IntoIterator<Item = &'a str>,
    also: &[u32],
) -> Option<ReadHolding> {
    let mut ids = ids.into_iter().peekable();
    if ids.peek().is_none() && also.is_empty() {
        return Some(ReadHolding {
            count: 0,
            numbers: Vec::new(),
            read: Archive::default(),
        });
    }
    let mut opened = None;
    let skeleton = against.skeleton(root, &mut opened)?;
    let mut numbers = issues_holding(skeleton.shells(), ids);
    numbers.extend_from_slice(also);
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() * READ_AT_MOST_ONE_IN > skeleton.len() {
        return None;
    }
    let read = read_issues(root, Against::Held(skeleton), &numbers)?;
    Some(ReadHolding {
        count: skeleton.len(),
        numbers,
        read,
    })
}

/// The numbers (sorted, once each) of the issues of the archive at
/// `root` in the state `key` names with a page or a source line from one
/// of the files `files` (paths in the archive, as structural corrections
/// name them), by the skeleton's file table; `None` when the table is of
/// another state or a file is not in it.
pub fn issues_of_files(cache: &Cache, root: &Path, key: u64, files: &[&str]) -> Option<Vec<u32>> {
    let (kept, table) = skeleton::open_file_table(cache, root)?;
    (kept == key).then(|| table.issues_of(files))?
}

/// As [`issues_of_files`], of every file whose bare name is one of
/// `names` (a gold reading keys a page by its file's name alone).
pub fn issues_of_file_names(
    cache: &Cache,
    root: &Path,
    key: u64,
    names: &[&str],
) -> Option<Vec<u32>> {
    let (kept, table) = skeleton::open_file_table(cache, root)?;
    (kept == key).then(|| table.issues_named(names))?
}

/// The numbers (sorted, once each) of the issues of `archive` that hold the
/// articles `ids` name (`2021-01-10/A1/3`), by their ids alone (an
/// issue's id is an article id's part before one of its slashes), so
/// that no issue's pages are read. Ids no issue holds are left out.
pub fn issues_holding<'a>(archive: &Archive, ids: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
    let mut ids = ids.into_iter().peekable();
    if ids.peek().is_none() {
        return Vec::new();
    }
    let by_id: HashMap<&str, u32> = archive
        .issues
        .iter()
        .zip(0u32..)
        .map(|(issue, n)| (issue.id.as_str(), n))
        .collect();
    let mut numbers: Vec<u32> = ids
        .filter_map(|id| {
            id.match_indices('/')
                .find_map(|(at, _)| by_id.get(&id[..at]).copied())
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// Issues read alone, to be found by the skeleton's issue each stands for.
pub(super) struct ReadAlone(HashMap<String, Issue>);

impl ReadAlone {
    pub(super) fn of(issues: Vec<Issue>) -> ReadAlone {
        ReadAlone(
            issues
                .into_iter()
                .filter_map(|i| Some((i.pages.first()?.source.clone(), i)))
                .collect(),
        )
    }

    /// The issue read alone that stands where `shell` does in the archive,
    /// found by its first page's file (not its id, which read alone may
    /// lack what the whole archive adds to tell apart issues of one date),
    /// under the archive's id.
    pub(super) fn take(&mut self, shell: &Issue) -> Option<Issue> {
        let mut issue = self.0.remove(&shell.pages.first()?.source)?;
        if issue.id != shell.id {
            renamed(&mut issue, &shell.id);
        }
        Some(issue)
    }
}

/// `issue` with the id `id`, and its articles' ids (and the ids they name
/// as their originals) with it, as the whole archive names it: there two
/// issues of one date are told apart by their files' names
/// (`2022-09-19_FILE`), which an issue read alone does not need.
fn renamed(issue: &mut Issue, id: &str) {
    let (old, new) = (format!("{}/", issue.id), format!("{id}/"));
    let rename = |s: &mut String| {
        if let Some(rest) = s.strip_prefix(&old) {
            *s = format!("{new}{rest}");
        }
    };
    for a in issue.pages.iter_mut().flat_map(|p| p.articles.iter_mut()) {
        rename(&mut a.id);
        if let Some(original) = a.duplicate_of.as_mut() {
            rename(original);
        }
    }
    issue.id = id.to_string();
}

/// Reading an issue's files and parsing them costs about six times what
/// decoding its cached parse does (0.6 ms against 0.1 ms a generated
/// issue): past a sixth of the archive's issues, reading them alone is
/// slower than loading the archive.
pub const READ_AT_MOST_ONE_IN: usize = 6;

/// The issues a body search reads alone, from the full-text index's
/// candidates: see [`read_candidates`].
pub struct Candidates {
    /// The issues read, by their numbers in the archive (sorted)…
    pub numbers: Vec<u32>,
    /// …and as read, in that order.
    pub read: Archive,
    /// The candidates to search, numbered in archive order of `read`.
    pub among: Vec<usize>,
    /// How many articles match, when the index says it exactly
    /// ([`TextIndex::answers_exactly`](super::TextIndex::answers_exactly)).
    pub total: Option<usize>,
}

/// The issues holding the candidates `places` (sorted; every article that
/// may match `query`, from the full-text index) of the archive at `root`
/// (of `issue_count` issues), read alone and checked `against` its
/// skeleton, except those `given` (by number, sorted: issues the caller
/// holds as it shows them, such as those a review's structural
/// corrections change; `places` are those of their articles as given). When the
/// index answers exactly only the first `limit` candidates' issues are
/// read. `None` when the candidates lie in more than one issue in
/// [`READ_AT_MOST_ONE_IN`], or an issue reads differently alone.
pub fn read_candidates(
    root: &Path,
    against: Against,
    issue_count: usize,
    places: &[super::Place],
    query: &str,
    limit: usize,
    given: &[(u32, &Issue)],
) -> Option<Candidates> {
    let (wanted, total) = to_read(places, query, limit);
    let numbers = issues_of_places(wanted);
    if !few_enough(numbers.len(), issue_count) {
        return None;
    }
    read_wanted(root, against, wanted, numbers, given, total)
}

/// As [`read_candidates`], the candidates to read `places` ([`to_read`]),
/// however many issues they lie in: `per_batch` issues at a time, in
/// archive order, each batch handed to `each` and dropped, so that memory
/// stays that of one batch. `None` when an issue reads differently alone
/// (the batches before it were handed on). Each batch's
/// [`Candidates::total`] is `None`: the total is what the index counted
/// ([`to_read`]), or the batches' matches added up.
///
/// Why: a body search whose candidates to read lie in many issues (then
/// `^`, `$` and uppercase words, which the index could not answer
/// exactly; now a large `--limit`) loaded the whole archive; at 100k
/// generated issues 3.4 GB (and a 600k-issue archive would not fit in
/// this machine's memory).
pub fn each_candidates_batch(
    root: &Path,
    against: Against,
    places: &[super::Place],
    given: &[(u32, &Issue)],
    per_batch: usize,
    mut each: impl FnMut(Candidates) -> ControlFlow<()>,
) -> Option<()> {
    // The places of each batch of `per_batch` issues, and their issues.
    let mut batches = Vec::new();
    let mut rest = places;
    while !rest.is_empty() {
        let mut numbers: Vec<u32> = Vec::with_capacity(per_batch);
        let mut end = 0;
        for &(issue, _) in rest {
            if numbers.last() != Some(&issue) {
                if numbers.len() == per_batch.max(1) {
                    break;
                }
                numbers.push(issue);
            }
            end += 1;
        }
        let (batch, after) = rest.split_at(end);
        batches.push((batch, numbers));
        rest = after;
    }
    // The next batch is read on a thread of its own while `each` takes
    // the one before: reading parses files, `each` searches, and neither
    // keeps both cores busy alone.
    std::thread::scope(|s| {
        let (read, reads) = std::sync::mpsc::sync_channel(1);
        s.spawn(move || {
            for (batch, numbers) in batches {
                let candidates = read_wanted(root, against, batch, numbers, given, None);
                let unread = candidates.is_none();
                if read.send(candidates).is_err() || unread {
                    return;
                }
            }
        });
        // Leaving the loop drops the receiving end: the reading thread's
        // next send fails and it stops.
        for candidates in reads {
            if each(candidates?).is_break() {
                break;
            }
        }
        Some(())
    })
}

/// Issues read and searched together when the candidates lie in too many
/// to read at once: a batch is read on every core (its files parsed in
/// parallel) and searched in parallel, and dropped before the next.
pub const ISSUES_AT_A_TIME: usize = 64;

/// The body search for `query` among the candidates to read `wanted` (and
/// the total the index counted, if it did: see [`to_read`]), however many
/// issues they lie in: `per_batch` issues at a time
/// ([`each_candidates_batch`]), each searched and dropped, the first
/// `limit` hits kept with the whole archive's places. The answer
/// [`Candidates::search_bodies`] gives for them read at once; `None` when
/// `cancel` (reading stops: at most the batch under way is finished), or
/// an issue reads differently alone.
///
/// Why: the reader loaded every article's text for a body search whose
/// candidates lie in more than one issue in [`READ_AT_MOST_ONE_IN`] (in
/// an archive of fewer than 6,000 issues, a query the index answers
/// exactly with 1,000 hits; in any archive, one it cannot narrow to
/// exact answers), and held it all from then on.
// The candidates, what they are read against and the search; a struct
// would only name them again.
#[allow(clippy::too_many_arguments)]
pub fn search_bodies_in_batches(
    root: &Path,
    against: Against,
    (wanted, total): (&[super::Place], Option<usize>),
    given: &[(u32, &Issue)],
    query: &str,
    limit: usize,
    per_batch: usize,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<crate::search::BodySearch> {
    let mut found = crate::search::BodySearch::default();
    let mut counted = 0;
    // Cancelled, or a hit outside its batch: no answer.
    let mut stopped = false;
    each_candidates_batch(root, against, wanted, given, per_batch, |batch| {
        let room = limit.saturating_sub(found.hits.len());
        let Some(part) =
            crate::search::search_bodies_among(&batch.read, query, &batch.among, room, cancel)
        else {
            stopped = true;
            return ControlFlow::Break(());
        };
        counted += part.total;
        for mut hit in part.hits {
            let Some(&number) = batch.numbers.get(hit.article.issue as usize) else {
                stopped = true;
                return ControlFlow::Break(());
            };
            hit.article.issue = number;
            found.hits.push(hit);
        }
        ControlFlow::Continue(())
    })?;
    if stopped || cancel() {
        return None;
    }
    found.total = total.unwrap_or(counted);
    Some(found)
}

/// The candidates of `places` (sorted) to read for `query`, and how many
/// articles match when the full-text index says it exactly: then the
/// first `limit` (the rest are only counted), else all of them.
pub fn to_read<'p>(
    places: &'p [super::Place],
    query: &str,
    limit: usize,
) -> (&'p [super::Place], Option<usize>) {
    match super::TextIndex::answers_exactly(query) {
        true => (&places[..places.len().min(limit)], Some(places.len())),
        false => (places, None),
    }
}

/// Whether the issues of the candidates to read `wanted` ([`to_read`]), of
/// an archive of `issue_count` issues, are few enough to read at once
/// ([`READ_AT_MOST_ONE_IN`]); else [`each_candidates_batch`] reads them.
pub fn read_at_once(wanted: &[super::Place], issue_count: usize) -> bool {
    few_enough(issues_of_places(wanted).len(), issue_count)
}

/// Whether `issues` of an archive of `issue_count` are few enough to read
/// alone ([`READ_AT_MOST_ONE_IN`]).
fn few_enough(issues: usize, issue_count: usize) -> bool {
    issues * READ_AT_MOST_ONE_IN <= issue_count
}

/// The issues (sorted, once each) of `places` (sorted).
fn issues_of_places(places: &[super::Place]) -> Vec<u32> {
    let mut numbers: Vec<u32> = places.iter().map(|&(issue, _)| issue).collect();
    numbers.dedup();
    numbers
}

/// The issues `numbers` of the places `wanted`, read (those `given` as
/// given) with the places renumbered in them.
fn read_wanted(
    root: &Path,
    against: Against,
    wanted: &[super::Place],
    numbers: Vec<u32>,
    given: &[(u32, &Issue)],
    total: Option<usize>,
) -> Option<Candidates> {
    let read = read_issues_given(root, against, &numbers, given)?;
    // The wanted places, numbered in the issues read.
    let counts: Vec<usize> = read.issues.iter().map(|i| i.article_count()).collect();
    let renumbered: Vec<super::Place> = wanted
        .iter()
        .map(|&(issue, article)| {
            let k = numbers
                .binary_search(&issue)
                .expect("each wanted issue is read");
            (k as u32, article)
        })
        .collect();
    let among = super::archive_order(&renumbered, &counts)?;
    Some(Candidates {
        numbers,
        read,
        among,
        total,
    })
}

impl Candidates {
    /// The body search for `query` in the issues read: the answer a scan
    /// of the whole archive gives for its first `limit` hits, their places
    /// the whole archive's. `None` when `cancel`.
    pub fn search_bodies(
        self,
        query: &str,
        limit: usize,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<crate::search::BodySearch> {
        let mut found =
            crate::search::search_bodies_among(&self.read, query, &self.among, limit, cancel)?;
        for hit in &mut found.hits {
            hit.article.issue = *self.numbers.get(hit.article.issue as usize)?;
        }
        if let Some(total) = self.total {
            found.total = total;
        }
        Some(found)
    }
}

/// The number of the issue that `id` names, or that holds the article
/// `id` (`ISSUE/PAGE/N`), by the listing; `None` when no issue's id is it
/// or begins it.
pub fn issue_holding(listing: &Listing, id: &str) -> Option<u32> {
    let n = listing.issues.iter().position(|row| {
        id.strip_prefix(row.id.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })?;
    u32::try_from(n).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::skeleton::IssueRow;

    /// A generated archive of `issues` one-page issues on disk, and its
    /// skeleton as loaded.
    fn on_disk(dir: &Path, issues: usize) -> (PathBuf, LazySkeleton) {
        let root = dir.join("archive");
        let options = kanbao_synth::Options {
            issues,
            seed: 3,
            pages_per_issue: 1,
        };
        kanbao_synth::write_archive(&root, &options).unwrap();
        let loaded = crate::loader::load_path(&root, &Default::default()).unwrap();
        (root, LazySkeleton::of(&loaded))
    }

    #[test]
    fn candidates_read_in_batches_are_those_read_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, skeleton) = on_disk(tmp.path(), 9);
        let against = Against::Held(&skeleton);
        // Candidates in every issue but one, some issues with several.
        let places: Vec<crate::index::Place> = (0u32..9)
            .filter(|&i| i != 4)
            .flat_map(|i| (0..1 + i % 3).map(move |a| (i, a)))
            .collect();
        let given_issue = skeleton.read_issue(6).unwrap();
        let given = [(6u32, &given_issue)];
        let at_once = read_candidates(&root, against, 1000, &places, "^Q", 1000, &given).unwrap();
        let ids_of = |c: &Candidates| -> Vec<String> {
            let articles: Vec<_> = c.read.issues.iter().flat_map(|i| i.articles()).collect();
            c.among.iter().map(|&n| articles[n].id.clone()).collect()
        };
        let at_once_ids = ids_of(&at_once);
        assert_eq!(at_once_ids.len(), places.len());
        for per_batch in [1, 2, 3, 8, 9, 100] {
            let mut numbers = Vec::new();
            let mut ids = Vec::new();
            let read = each_candidates_batch(&root, against, &places, &given, per_batch, |c| {
                assert!(c.numbers.len() <= per_batch, "{per_batch}: {:?}", c.numbers);
                assert_eq!(c.total, None);
                ids.extend(ids_of(&c));
                numbers.extend(c.numbers);
                ControlFlow::Continue(())
            });
            assert!(read.is_some(), "{per_batch}");
            assert_eq!(numbers, at_once.numbers, "{per_batch}");
            assert_eq!(ids, at_once_ids, "{per_batch}");
        }
        // Not read at once past one issue in six; in turn, whatever their number.
        assert!(read_candidates(&root, against, 12, &places, "^Q", 1000, &given).is_none());
        // An issue that reads differently alone stops the reading.
        let source = &skeleton.issue(7).unwrap().pages[0].source;
        std::fs::write(source, "改了\n").unwrap();
        let mut handed = Vec::new();
        let read = each_candidates_batch(&root, against, &places, &given, 2, |c| {
            handed.extend(c.numbers);
            ControlFlow::Continue(())
        });
        assert!(read.is_none());
        assert_eq!(handed, [0, 1, 2, 3, 5, 6], "the batches before it");
    }

    #[test]
    fn a_body_search_in_batches_answers_as_a_scan_of_the_whole_archive() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, skeleton) = on_disk(tmp.path(), 12);
        let against = Against::Held(&skeleton);
        let whole = crate::loader::load_path(&root, &Default::default()).unwrap();
        let never = || false;
        let scope = crate::search::Scope::All;
        for query in ["醴陵", "的 发展", "^在"] {
            let scan = crate::search::search_bodies_with(&whole, query, scope, usize::MAX, &never)
                .unwrap();
            // The full-text index's candidates, exactly: the articles that match.
            let places: Vec<crate::index::Place> = scan
                .hits
                .iter()
                .map(|h| (h.article.issue, h.article.article))
                .collect();
            assert!(
                issues_of_places(&places).len() > 6,
                "{query}: matches in few issues"
            );
            for limit in [1, 5, 1000] {
                let first = &scan.hits[..limit.min(scan.hits.len())];
                for per_batch in [1, 2, 5, 100] {
                    let batched = search_bodies_in_batches(
                        &root,
                        against,
                        to_read(&places, query, limit),
                        &[],
                        query,
                        limit,
                        per_batch,
                        &never,
                    )
                    .unwrap();
                    let why = format!("{query}, {limit} hits, {per_batch} issues a batch");
                    assert_eq!(batched.total, scan.total, "{why}");
                    assert_eq!(batched.hits, first, "{why}");
                }
            }
        }
        // Cancelled once under way: no answer.
        let places: Vec<crate::index::Place> = (0u32..12).map(|i| (i, 0)).collect();
        let searched = std::sync::atomic::AtomicUsize::new(0);
        let cancel = || searched.fetch_add(1, std::sync::atomic::Ordering::Relaxed) > 0;
        let wanted = (&places[..], None);
        let cancelled =
            search_bodies_in_batches(&root, against, wanted, &[], "的", 1000, 2, &cancel);
        assert!(cancelled.is_none());
    }

    #[test]
    fn the_issues_holding_articles_are_found_by_their_ids() {
        let sample = crate::loader::load_sample(&Default::default());
        let issue = |id: &str| Issue {
            id: id.into(),
            ..sample.issues[0].clone()
        };
        let archive = Archive {
            issues: vec![
                issue("2021-01-10"),
                issue("2021-01-11_b"),
                issue("2021-01-11"),
            ],
            ..Default::default()
        };
        let ids = [
            "2021-01-11/A2/1",
            "2021-01-10/A1/3",
            "2021-01-11_b/A1/1",
            "2021-01-11/A1/4",
            "1999-01-01/A1/1",
            "2021-01-10",
        ];
        assert_eq!(issues_holding(&archive, ids), vec![0, 1, 2]);
        assert_eq!(issues_holding(&archive, ["2021-01-11/B1/2"]), vec![2]);
        assert!(issues_holding(&archive, []).is_empty());
    }

    #[test]
    fn an_id_names_its_issue_by_the_whole_issue_id() {
        let row = |id: &str| IssueRow {
            id: id.into(),
            source: String::new(),
            paper: None,
            date: None,
            date_source: None,
            number: None,
            pages: 1,
            articles: 1,
            warnings: 0,
        };
        let listing = Listing {
            root: String::new(),
            issues: vec![row("2021-01-01"), row("2021-01-01-2"), row("2021-01-02")],
            errors: Vec::new(),
        };
        assert_eq!(issue_holding(&listing, "2021-01-01-2/A1/3"), Some(1));
        assert_eq!(issue_holding(&listing, "2021-01-01/A1/3"), Some(0));
        assert_eq!(issue_holding(&listing, "2021-01-02/B2/1"), Some(2));
        assert_eq!(issue_holding(&listing, "2021-01-01-2"), Some(1));
        assert_eq!(issue_holding(&listing, "2021-01-03/A1/1"), None);
        assert_eq!(issue_holding(&listing, "2021-01-0"), None);
    }
}
