//! Full-text search over article bodies.

use super::fold::{FoldedBytes, fold};
use super::{ArticleRef, Scope};
use crate::model::{Archive, Article};
use rayon::prelude::*;
use std::ops::Range;

/// One occurrence of a term in an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMatch {
    /// Index into [`Article::body`].
    pub block: usize,
    /// Byte range in that block's original (unfolded) text.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyHit {
    pub article: ArticleRef,
    /// About [`SNIPPET_CHARS`] characters of the original text around the
    /// first match, with `…` where it was cut.
    pub snippet: String,
    /// Every occurrence of every term, in reading order.
    pub matches: Vec<BodyMatch>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodySearch {
    /// How many articles matched.
    pub total: usize,
    /// The first `limit` of them, in archive order (newest first).
    pub hits: Vec<BodyHit>,
}

/// Snippet length in characters, of which [`SNIPPET_BEFORE`] come before the match.
pub const SNIPPET_CHARS: usize = 60;
pub const SNIPPET_BEFORE: usize = 16;

/// Searches article bodies for `query`: whitespace-separated terms, each of
/// which must occur in the article (in any block) as a substring. Text and
/// query are NFKC-folded (５Ｇ finds 5G); a term without uppercase letters
/// ignores ASCII case. An empty query finds nothing. Hits come in archive
/// order, at most `limit`.
pub fn search_bodies(archive: &Archive, query: &str, scope: Scope, limit: usize) -> Vec<BodyHit> {
    search_bodies_with(archive, query, scope, limit, &|| false)
        .map(|s| s.hits)
        .unwrap_or_default()
}

/// [`search_bodies`] with the total count, giving up (`None`) once `cancel`
/// returns true.
pub fn search_bodies_with(
    archive: &Archive,
    query: &str,
    scope: Scope,
    limit: usize,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<BodySearch> {
    let terms: Vec<BodyTerm> = fold(query).split_whitespace().map(BodyTerm::new).collect();
    if terms.is_empty() {
        return Some(BodySearch::default());
    }
    let articles: Vec<(ArticleRef, &Article)> = archive
        .issues
        .iter()
        .enumerate()
        .filter(|(i, _)| match scope {
            Scope::All => true,
            Scope::Issue(s) => *i as u32 == s,
        })
        .flat_map(|(i, issue)| {
            issue.pages.iter().enumerate().flat_map(move |(p, page)| {
                page.articles.iter().enumerate().map(move |(a, article)| {
                    let at = ArticleRef {
                        issue: i as u32,
                        page: p as u32,
                        article: a as u32,
                    };
                    (at, article)
                })
            })
        })
        .collect();
    // First which articles match at all (stopping at each term's first
    // occurrence), then every match and a snippet for the `limit` shown.
    let matching: Vec<usize> = articles
        .par_chunks(256)
        .enumerate()
        .map(|(c, chunk)| {
            if cancel() {
                return None;
            }
            Some(
                chunk
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, a))| contains_all(a, &terms))
                    .map(|(i, _)| c * 256 + i)
                    .collect::<Vec<_>>(),
            )
        })
        .collect::<Option<Vec<_>>>()?
        .concat();
    let hits = matching
        .iter()
        .take(limit)
        .map(|&i| {
            let (at, article) = articles[i];
            let matches = all_matches(article, &terms);
            let snippet = matches
                .first()
                .map(|m| snippet(&article.body[m.block].text, m.range.clone()))
                .unwrap_or_default();
            BodyHit {
                article: at,
                snippet,
                matches,
            }
        })
        .collect();
    Some(BodySearch {
        total: matching.len(),
        hits,
    })
}

struct BodyTerm {
    text: String,
    /// Smart case: no uppercase ASCII letter means case is ignored.
    ignore_case: bool,
}

impl BodyTerm {
    fn new(folded: &str) -> BodyTerm {
        let ignore_case = !folded.bytes().any(|b| b.is_ascii_uppercase());
        BodyTerm {
            text: if ignore_case {
                folded.to_ascii_lowercase()
            } else {
                folded.to_string()
            },
            ignore_case,
        }
    }
}

/// A block folded once, with an ASCII-lowercased copy made on demand
/// (lowercasing ASCII keeps every byte offset).
struct Haystack {
    folded: FoldedBytes,
    lower: Option<String>,
}

impl Haystack {
    fn new(text: &str) -> Haystack {
        Haystack {
            folded: FoldedBytes::new(text, false),
            lower: None,
        }
    }

    fn text_for(&mut self, term: &BodyTerm) -> &str {
        if term.ignore_case {
            self.lower
                .get_or_insert_with(|| self.folded.text.to_ascii_lowercase())
        } else {
            &self.folded.text
        }
    }
}

fn contains_all(article: &Article, terms: &[BodyTerm]) -> bool {
    let mut found = vec![false; terms.len()];
    let mut left = terms.len();
    for block in &article.body {
        let mut hay = Haystack::new(&block.text);
        for (t, term) in terms.iter().enumerate() {
            if !found[t] && hay.text_for(term).contains(&term.text) {
                found[t] = true;
                left -= 1;
                if left == 0 {
                    return true;
                }
            }
        }
    }
    false
}

fn all_matches(article: &Article, terms: &[BodyTerm]) -> Vec<BodyMatch> {
    let mut out = Vec::new();
    for (b, block) in article.body.iter().enumerate() {
        let mut hay = Haystack::new(&block.text);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for term in terms {
            let spans: Vec<(usize, usize)> = hay
                .text_for(term)
                .match_indices(term.text.as_str())
                .map(|(at, m)| (at, at + m.len()))
                .collect();
            ranges.extend(
                spans
                    .into_iter()
                    .map(|(s, e)| hay.folded.original_range(s, e)),
            );
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        out.extend(
            ranges
                .into_iter()
                .map(|range| BodyMatch { block: b, range }),
        );
    }
    out
}

/// About `SNIPPET_CHARS` characters of `text` around `range`, on one line.
fn snippet(text: &str, range: Range<usize>) -> String {
    let before: Vec<usize> = text[..range.start].char_indices().map(|(i, _)| i).collect();
    let start = before
        .len()
        .checked_sub(SNIPPET_BEFORE)
        .map_or(0, |i| before[i]);
    let shown_before = before.len().min(SNIPPET_BEFORE);
    let end = text[range.start..]
        .char_indices()
        .nth(SNIPPET_CHARS - shown_before)
        .map_or(text.len(), |(i, _)| range.start + i)
        .max(range.end);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(
        text[start..end]
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
    );
    if end < text.len() {
        out.push('…');
    }
    out
}
