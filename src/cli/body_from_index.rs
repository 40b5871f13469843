//! `search --body` answered from the full-text index and the skeleton,
//! reading the text of the issues it shows and nothing else.
//!
//! The index gives the articles (by issue and place in it) that may hold
//! the query. Those issues alone are read ([`crate::index::read_alone`]);
//! one that reads differently alone sends the search to the whole archive
//! instead. When the index answers exactly
//! ([`TextIndex::answers_exactly`]: words in any case, anchored or not,
//! joined by `|` and `!` or not; all but a word holding a control
//! character) it also counts the matches, and only the first `--limit`
//! are read; else every candidate is checked. The issues to read are read
//! at once when they lie in few enough of them, else a batch at a time
//! ([`in_batches`]: a large `--limit` of a common word).
//!
//! Why: at 100k generated issues `search --body 醴陵` loaded the whole
//! archive from the parse cache (2.3 GB) to print ten hits: 9.2–10.3 s and
//! 3.4 GB of memory. A query the index could not answer exactly (`^在`
//! and `水平。$`, before the index marked the ends of texts) with
//! candidates in most issues still loaded it: 10.9–19.4 s and 3.43 GB;
//! read in batches, the next read while one is searched, 17.1–27.9 s and
//! 166–218 MB (the issues' files parsed again cost more than their cached
//! parses decoded, but memory no longer grows with the archive). The
//! index now answers such queries exactly.

use super::*;
use crate::index::skeleton;
use crate::index::{Cache, TextIndex};

/// The body search of the archive at `at` within `dates` from its
/// full-text index, or `None` (having printed nothing) when the index
/// cannot answer: none built for the archive as it is, a query it cannot
/// narrow, too many issues to read, or an issue that reads differently
/// alone. The index knows the articles as parsed: the issues structural
/// corrections change are read alone, corrected and searched whole in
/// place of the index's candidates in them (see [`Structured`]), and the
/// articles whose titles the reviews correct are read alone and searched
/// as corrected (see [`retitled`]).
pub(super) fn body_search(
    out: &mut impl Write,
    cache: &Cache,
    at: &std::path::Path,
    reviews: &ReviewFile,
    dates: &DateArgs,
    ask: search::Ask,
) -> Result<Option<usize>, CliError> {
    if crate::search::query_error(ask.query).is_some() {
        // `search::run` says why, the same with or without the index.
        return Ok(None);
    }
    let Some(state) = skeleton::state_of(cache, at) else {
        return Ok(None);
    };
    // The skeleton's shells (opened once for every read below: 100k
    // shells take 60–80 ms) beside the full-text index's candidates.
    let candidates = || {
        let text = TextIndex::open_for(cache, at, state.stamp)?;
        text.candidates(ask.query)
    };
    let (held, mut candidates) =
        match rayon::join(|| skeleton::open_lazy_at(cache, at, state.key), candidates) {
            (Some(held), Some(candidates)) => (held, candidates),
            // A skeleton of the state before a few files changed is
            // refreshed, and the full-text index with it.
            (None, _) if crate::index::refresh::refresh(cache, at, &state) => {
                let Some(held) = skeleton::open_lazy_at(cache, at, state.key) else {
                    return Ok(None);
                };
                let Some(candidates) = candidates() else {
                    return Ok(None);
                };
                (held, candidates)
            }
            _ => return Ok(None),
        };
    let exactly = TextIndex::answers_exactly(ask.query);
    let against = crate::index::read_alone::Against::Held(&held);
    let structured = match reviews.structure.is_empty() {
        true => Structured::default(),
        false => match structured(cache, at, state.key, against, reviews, ask.query) {
            Some(structured) => structured,
            None => return Ok(None),
        },
    };
    if reviews.corrects_titles() {
        let Some(mut retitled) = retitled(at, against, reviews, ask.query) else {
            return Ok(None);
        };
        // Those in a structurally corrected issue are searched with it.
        retitled.all.retain(|p| !structured.holds(p));
        retitled.matching.retain(|p| !structured.holds(p));
        candidates = retitled.candidates(candidates, exactly);
    }
    if !structured.issues.is_empty() {
        candidates = structured.candidates(candidates);
    }
    // Within `--from`/`--to`: the candidates in the issues of those dates
    // (as reviewed), by the shells.
    let keeps = dates.keeps(reviews);
    let issues = &held.shells().issues;
    candidates.retain(|&(issue, _)| {
        let shell = issues.get(issue as usize);
        shell.is_some_and(|shell| keeps(&shell.id, shell.date))
    });
    let given = structured.given();
    let (wanted, total) = crate::index::read_alone::to_read(&candidates, ask.query, ask.limit);
    if !crate::index::read_alone::read_at_once(wanted, held.len()) {
        return in_batches(
            out,
            at,
            against,
            (wanted, total),
            &given,
            reviews,
            &structured,
            ask,
        );
    }
    let Some(found) = crate::index::read_alone::read_candidates(
        at,
        against,
        held.len(),
        &candidates,
        ask.query,
        ask.limit,
        &given,
    ) else {
        return Ok(None);
    };
    if let Some(report) = &structured.report {
        say_stale(report, reviews);
    }
    let (read, among) = (found.read, found.among);
    let archive = reviews.correct(read);
    let ask = search::Ask {
        among: Some(&among),
        total: found.total,
        ..ask
    };
    search::run(out, &archive, ask).map(Some)
}

/// [`body_search`] of the candidates to read `wanted` (and the total the
/// index counted, if it did), that lie in too many issues to read at once:
/// [`ISSUES_AT_A_TIME`](crate::index::read_alone::ISSUES_AT_A_TIME) issues
/// at a time, each batch searched as corrected and dropped
/// ([`each_candidates_batch`]), the hits held as they
/// will be printed; nothing is printed until every batch is read, so a
/// batch that reads differently alone still leaves the search to the
/// whole archive (`None`).
///
/// [`each_candidates_batch`]: crate::index::read_alone::each_candidates_batch
// The state of `body_search` at the point it hands over; a struct would
// only name it again.
#[allow(clippy::too_many_arguments)]
fn in_batches(
    out: &mut impl Write,
    at: &std::path::Path,
    against: crate::index::read_alone::Against,
    (wanted, total): (&[crate::index::Place], Option<usize>),
    given: &[(u32, &crate::model::Issue)],
    reviews: &ReviewFile,
    structured: &Structured,
    ask: search::Ask,
) -> Result<Option<usize>, CliError> {
    use crate::index::read_alone::{ISSUES_AT_A_TIME, each_candidates_batch};
    let mut hits = search::BodyHits::new(ask.json);
    let read = each_candidates_batch(at, against, wanted, given, ISSUES_AT_A_TIME, |batch| {
        let archive = reviews.correct(batch.read);
        let room = ask.limit.saturating_sub(hits.len());
        let found =
            crate::search::search_bodies_among(&archive, ask.query, &batch.among, room, &|| false)
                .unwrap_or_default();
        hits.add(&archive, found.hits, found.total);
        std::ops::ControlFlow::Continue(())
    });
    if read.is_none() {
        return Ok(None);
    }
    if let Some(total) = total {
        hits.counted(total);
    }
    if let Some(report) = &structured.report {
        say_stale(report, reviews);
    }
    hits.print(out).map(Some)
}

/// The articles of an archive whose titles its reviews correct (the
/// full-text index holds their titles as parsed), and those of them that
/// match a query as corrected, by place.
struct Retitled {
    all: Vec<crate::index::Place>,
    matching: Vec<crate::index::Place>,
}

impl Retitled {
    /// The index's `candidates` for a query made right for the articles
    /// retitled (sorted, once each): when the index answers `exactly`,
    /// those that match as corrected in place of those that matched as
    /// parsed; else every one of them among those to check.
    fn candidates(
        &self,
        candidates: Vec<crate::index::Place>,
        exactly: bool,
    ) -> Vec<crate::index::Place> {
        let mut places: Vec<crate::index::Place> = match exactly {
            true => candidates
                .into_iter()
                .filter(|p| self.all.binary_search(p).is_err())
                .chain(self.matching.iter().copied())
                .collect(),
            false => candidates
                .into_iter()
                .chain(self.all.iter().copied())
                .collect(),
        };
        places.sort_unstable();
        places.dedup();
        places
    }
}

/// Whether `reviews` give `a` other titles than its parse.
pub(super) fn retitles(reviews: &ReviewFile, a: &crate::model::Article) -> bool {
    fn title(t: &Option<crate::model::Text>) -> Option<&str> {
        t.as_ref().map(|t| t.text.as_str())
    }
    reviews.corrected_article(a).is_some_and(|c| {
        (title(&c.kicker), title(&c.headline)) != (title(&a.kicker), title(&a.headline))
    })
}

/// The articles of the archive at `at` that `reviews` retitle, their
/// issues read alone `against` its skeleton, and which of them match
/// `query` as corrected; `None` when they cannot be read so.
fn retitled(
    at: &std::path::Path,
    against: crate::index::read_alone::Against,
    reviews: &ReviewFile,
    query: &str,
) -> Option<Retitled> {
    let ids = reviews.articles.iter().filter(|(_, e)| e.corrects_title());
    let ids = ids.map(|(id, _)| id.as_str());
    let held = crate::index::read_alone::read_issues_holding(at, against, ids, &[])?;
    // By place in the archive, and by place among the issues read.
    let mut all = Vec::new();
    let mut among = Vec::new();
    let mut before = 0;
    for (&n, issue) in held.numbers.iter().zip(&held.read.issues) {
        for (k, a) in issue.articles().enumerate() {
            if retitles(reviews, a) {
                all.push((n, u32::try_from(k).ok()?));
                among.push(before + k);
            }
        }
        before += issue.article_count();
    }
    let corrected = reviews.correct(held.read);
    let found =
        crate::search::search_bodies_among(&corrected, query, &among, among.len(), &|| false)?;
    let matching = places_of(&found.hits, &corrected, &held.numbers)?;
    Some(Retitled { all, matching })
}

/// The issues of an archive with a page a structural correction names
/// (their articles are not the index's), and their articles as corrected
/// that match a query, by place in them.
#[derive(Default)]
struct Structured {
    /// By number (sorted).
    issues: Vec<u32>,
    /// The same issues, structurally corrected (their titles as parsed),
    /// when the caller does not hold them.
    shown: Vec<crate::model::Issue>,
    matching: Vec<crate::index::Place>,
    /// What the corrections made of them (their stale ones said once the
    /// search answers, as a load says them).
    report: Option<crate::review::structure::StructureReport>,
}

impl Structured {
    /// The issues numbered `numbers` (sorted) as `shown` (structurally
    /// corrected), and which of their articles match `query` as
    /// `matched` (`shown` with the titles the reviews correct, or as is)
    /// shows them.
    fn of(
        numbers: &[u32],
        shown: Vec<crate::model::Issue>,
        matched: &Archive,
        query: &str,
    ) -> Option<Structured> {
        let all = matched.article_count();
        let among: Vec<usize> = (0..all).collect();
        let found =
            crate::search::search_bodies_among(matched, query, &among, all.max(1), &|| false)?;
        Some(Structured {
            issues: numbers.to_vec(),
            shown,
            matching: places_of(&found.hits, matched, numbers)?,
            report: None,
        })
    }

    /// The issues as [`read_candidates`](crate::index::read_alone::read_candidates)
    /// takes them, in place of reading them.
    fn given(&self) -> Vec<(u32, &crate::model::Issue)> {
        self.issues.iter().copied().zip(&self.shown).collect()
    }

    /// Whether `place` lies in one of these issues.
    fn holds(&self, place: &crate::index::Place) -> bool {
        self.issues.binary_search(&place.0).is_ok()
    }

    /// The index's `candidates` for a query without those in these issues,
    /// and with their articles that match as corrected (each of them was
    /// searched whole: exactly, whatever the query).
    fn candidates(&self, candidates: Vec<crate::index::Place>) -> Vec<crate::index::Place> {
        let theirs = self.matching.iter().copied();
        let mut places: Vec<crate::index::Place> = candidates
            .into_iter()
            .filter(|p| !self.holds(p))
            .chain(theirs)
            .collect();
        places.sort_unstable();
        places.dedup();
        places
    }
}

/// The issues of the archive at `at` (in the state `key` names) that
/// `reviews`' structural corrections change, read alone `against` its
/// skeleton and corrected, and which of their articles match `query`;
/// `None` when they cannot be read so.
fn structured(
    cache: &Cache,
    at: &std::path::Path,
    key: u64,
    against: crate::index::read_alone::Against,
    reviews: &ReviewFile,
    query: &str,
) -> Option<Structured> {
    let numbers = super::from_skeleton::corrected_issues(cache, at, key, reviews)?;
    let mut held = crate::index::read_alone::read_issues_holding(at, against, [], &numbers)?;
    let report = crate::review::structure::apply_read(&mut held.read, &reviews.structure);
    let corrected = reviews.correct(held.read.clone());
    let mut structured = Structured::of(&held.numbers, held.read.issues, &corrected, query)?;
    structured.report = Some(report);
    Some(structured)
}

/// The full-text index's candidates `places` for `query` made right for
/// the issues `given` (by number, sorted), which the reader shows
/// structurally corrected: their articles that match as shown in place of
/// the index's candidates in them.
pub(super) fn structured_candidates(
    places: Vec<crate::index::Place>,
    given: &[(u32, &crate::model::Issue)],
    query: &str,
) -> Option<Vec<crate::index::Place>> {
    let numbers: Vec<u32> = given.iter().map(|&(n, _)| n).collect();
    let shown = Archive {
        issues: given.iter().map(|&(_, i)| i.clone()).collect(),
        ..Default::default()
    };
    let structured = Structured::of(&numbers, Vec::new(), &shown, query)?;
    Some(structured.candidates(places))
}

/// The places in the archive of body search `hits` in `read`, the issues
/// numbered `numbers` in the archive.
fn places_of(
    hits: &[crate::search::BodyHit],
    read: &Archive,
    numbers: &[u32],
) -> Option<Vec<crate::index::Place>> {
    hits.iter()
        .map(|hit| {
            let issue = read.issues.get(hit.article.issue as usize)?;
            let earlier: usize = issue
                .pages
                .get(..hit.article.page as usize)?
                .iter()
                .map(|p| p.articles.len())
                .sum();
            let k = u32::try_from(earlier + hit.article.article as usize).ok()?;
            Some((*numbers.get(hit.article.issue as usize)?, k))
        })
        .collect()
}
