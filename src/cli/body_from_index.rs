//! `search --body` answered from the full-text index and the skeleton,
//! reading the text of the issues it shows and nothing else.
//!
//! The index gives the articles (by issue and place in it) that may hold
//! the query. Those issues alone are read ([`crate::index::read_alone`]);
//! one that reads differently alone sends the search to the whole archive
//! instead. When
//! the index answers exactly ([`TextIndex::answers_exactly`]: plain words
//! of two or more characters) it also counts the matches, and only the
//! first `--limit` are read; else every candidate is checked, when they lie
//! in few enough issues.
//!
//! Why: at 100k generated issues `search --body 醴陵` loaded the whole
//! archive from the parse cache (2.3 GB) to print ten hits: 9.2–10.3 s and
//! 3.4 GB of memory.

use super::*;
use crate::index::skeleton;
use crate::index::{Cache, TextIndex};

/// The body search of the archive at `at` from its full-text index, or
/// `None` (having printed nothing) when the index cannot answer: none
/// built for the archive as it is, a query it cannot narrow, too many
/// issues to read, an issue that reads differently alone, or structural
/// corrections (the index knows the articles as parsed). The articles
/// whose titles the reviews correct are read alone and searched as
/// corrected (see [`retitled`]).
pub(super) fn body_search(
    out: &mut impl Write,
    cache: &Cache,
    at: &std::path::Path,
    reviews: &ReviewFile,
    ask: search::Ask,
) -> Result<Option<usize>, CliError> {
    if !reviews.structure.is_empty() {
        return Ok(None);
    }
    if crate::search::query_error(ask.query).is_some() {
        // `search::run` says why, the same with or without the index.
        return Ok(None);
    }
    let Some(state) = skeleton::state_now(at) else {
        return Ok(None);
    };
    // A skeleton of the state before a few files changed is refreshed,
    // and the full-text index with it.
    let listing = skeleton::open_listing_for(cache, at, &state);
    let (Some(text), Some(listing)) = (TextIndex::open_for(cache, at, state.stamp), listing) else {
        return Ok(None);
    };
    let Some(mut candidates) = text.candidates(ask.query) else {
        return Ok(None);
    };
    if reviews.corrects_titles() {
        let Some(retitled) = retitled(cache, at, state.key, reviews, ask.query) else {
            return Ok(None);
        };
        candidates = retitled.candidates(candidates, TextIndex::answers_exactly(ask.query));
    }
    let Some(found) = crate::index::read_alone::read_candidates(
        at,
        crate::index::read_alone::Against::Kept(cache, state.key),
        listing.issues.len(),
        &candidates,
        ask.query,
        ask.limit,
    ) else {
        return Ok(None);
    };
    let (read, among) = (found.read, found.among);
    let archive = reviews.correct(read);
    let ask = search::Ask {
        among: Some(&among),
        total: found.total,
        ..ask
    };
    search::run(out, &archive, ask).map(Some)
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

/// The articles of the archive at `at` (in the state `key` names) that
/// `reviews` retitle, their issues read alone, and which of them match
/// `query` as corrected; `None` when they cannot be read so.
fn retitled(
    cache: &Cache,
    at: &std::path::Path,
    key: u64,
    reviews: &ReviewFile,
    query: &str,
) -> Option<Retitled> {
    use crate::index::read_alone::{Against, read_issues_holding};
    let ids = reviews.articles.iter().filter(|(_, e)| e.corrects_title());
    let ids = ids.map(|(id, _)| id.as_str());
    let held = read_issues_holding(at, Against::Kept(cache, key), ids, &[])?;
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
    let matching = found
        .hits
        .iter()
        .map(|hit| {
            let issue = corrected.issues.get(hit.article.issue as usize)?;
            let earlier: usize = issue.pages[..hit.article.page as usize]
                .iter()
                .map(|p| p.articles.len())
                .sum();
            let k = u32::try_from(earlier + hit.article.article as usize).ok()?;
            Some((*held.numbers.get(hit.article.issue as usize)?, k))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Retitled { all, matching })
}
