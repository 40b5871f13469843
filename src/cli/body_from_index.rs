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

/// Reading an issue's files and parsing them costs about six times what
/// decoding its cached parse does (0.6 ms against 0.1 ms a generated
/// issue): past a sixth of the archive, loading it whole is cheaper.
const READ_AT_MOST_ONE_IN: usize = 6;

/// The body search of the archive at `at` from its full-text index, or
/// `None` (having printed nothing) when the index cannot answer: none
/// built for the archive as it is, a query it cannot narrow, too many
/// issues to read, an issue that reads differently alone, or corrections
/// the index does not know (structural ones, corrected titles).
pub(super) fn body_search(
    out: &mut impl Write,
    cache: &Cache,
    at: &std::path::Path,
    reviews: &ReviewFile,
    ask: search::Ask,
) -> Result<Option<usize>, CliError> {
    if !reviews.structure.is_empty() || reviews.corrects_titles() {
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
    let Some(candidates) = text.candidates(ask.query) else {
        return Ok(None);
    };
    let exact = TextIndex::answers_exactly(ask.query);
    let wanted = match exact {
        true => &candidates[..candidates.len().min(ask.limit)],
        false => &candidates[..],
    };
    let mut issues: Vec<u32> = wanted.iter().map(|&(issue, _)| issue).collect();
    issues.dedup();
    if issues.len() * READ_AT_MOST_ONE_IN > listing.issues.len() {
        return Ok(None);
    }
    let Some(read) = crate::index::read_alone::read_issues(cache, at, state.key, &issues) else {
        return Ok(None);
    };
    // The wanted places, numbered in the issues read.
    let counts: Vec<usize> = read.issues.iter().map(|i| i.article_count()).collect();
    let renumbered: Vec<crate::index::Place> = wanted
        .iter()
        .map(|&(issue, article)| {
            let k = issues
                .binary_search(&issue)
                .expect("each wanted issue is read");
            (k as u32, article)
        })
        .collect();
    let Some(among) = crate::index::archive_order(&renumbered, &counts) else {
        return Ok(None);
    };
    let archive = reviews.corrected(&read);
    let ask = search::Ask {
        among: Some(&among),
        total: exact.then_some(candidates.len()),
        ..ask
    };
    search::run(out, &archive, ask).map(Some)
}
