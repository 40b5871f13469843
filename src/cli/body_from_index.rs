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
