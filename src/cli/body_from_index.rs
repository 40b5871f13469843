//! `search --body` answered from the full-text index and the skeleton,
//! reading the text of the issues it shows and nothing else.
//!
//! The index gives the articles (by place in archive order) that may hold
//! the query; the skeleton's listing says which issue each place falls in.
//! Those issues' files alone are read and parsed, and each issue so made is
//! checked against the skeleton (ids, dates, pages, every headline): one
//! that differs (its day's other pages, or a neighbour's date, bore on it)
//! sends the search to the whole archive instead. When the index answers
//! exactly ([`TextIndex::answers_exactly`]: plain words of two characters)
//! it also counts the matches, and only the first `--limit` are read; else
//! every candidate is checked, when they lie in few enough issues.
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
    let (Some(text), Some(listing)) = (
        TextIndex::open_for(cache, at, state.stamp),
        skeleton::open_listing_at(cache, at, state.key),
    ) else {
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
    // Where each issue's articles begin in archive order.
    let starts: Vec<usize> = listing
        .issues
        .iter()
        .scan(0, |n, row| {
            let start = *n;
            *n += row.articles;
            Some(start)
        })
        .collect();
    let issue_of = |place: usize| starts.partition_point(|&s| s <= place).checked_sub(1);
    let mut issues: Vec<u32> = Vec::new();
    for &place in wanted {
        let Some(n) = issue_of(place) else {
            return Ok(None);
        };
        if issues.last() != Some(&(n as u32)) {
            issues.push(n as u32);
        }
    }
    if issues.len() * READ_AT_MOST_ONE_IN > listing.issues.len() {
        return Ok(None);
    }
    let Some(read) = read_issues(cache, at, state.key, &issues) else {
        return Ok(None);
    };
    // The wanted places, renumbered in the issues read.
    let mut among = Vec::with_capacity(wanted.len());
    let mut first = 0;
    for (k, &n) in issues.iter().enumerate() {
        let (start, count) = (starts[n as usize], read.issues[k].article_count());
        among.extend(
            wanted
                .iter()
                .filter(|&&p| p >= start && p < start + count)
                .map(|p| p - start + first),
        );
        first += count;
    }
    let archive = reviews.corrected(&read);
    let ask = search::Ask {
        among: Some(&among),
        total: exact.then_some(candidates.len()),
        ..ask
    };
    search::run(out, &archive, ask).map(Some)
}

/// The issues numbered `issues` (sorted) of the archive at `at`, read from
/// their own files, each the same as the skeleton holds it; `None` when
/// one is not.
fn read_issues(cache: &Cache, at: &std::path::Path, key: u64, issues: &[u32]) -> Option<Archive> {
    let shells = skeleton::open_headlines_of(cache, at, key, issues)?;
    let mut files: Vec<PathBuf> = issues
        .iter()
        .flat_map(|&n| shells.issues.get(n as usize).map(|i| &i.pages[..]))
        .flatten()
        .map(|p| PathBuf::from(&p.source))
        .collect();
    files.sort();
    files.dedup();
    let mut loaded = loader::load_files(at, &files, &LoadOptions::default());
    let mut by_id: std::collections::HashMap<String, crate::model::Issue> =
        loaded.issues.drain(..).map(|i| (i.id.clone(), i)).collect();
    let mut read = Vec::with_capacity(issues.len());
    for &n in issues {
        let shell = shells.issues.get(n as usize)?;
        let issue = by_id.remove(&shell.id)?;
        if skeleton::issue_headlines(&issue) != *shell {
            return None;
        }
        read.push(issue);
    }
    Some(Archive {
        root: shells.root,
        issues: read,
        errors: Vec::new(),
    })
}
