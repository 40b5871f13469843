//! Full-text search over article bodies.

use super::fold::{FoldedBytes, fold, fold_cow};
use super::syntax::{self, Anchor, Word};
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

/// Searches article text for `query`: whitespace-separated terms, each of
/// which must occur in the article as a substring of one of what the
/// article shows ([`searched_texts`]: kicker, headline, subheadlines, body
/// blocks, captions). Text and
/// query are NFKC-folded (５Ｇ finds 5G); a term without uppercase letters
/// ignores ASCII case. An empty query finds nothing. Hits come in archive
/// order, at most `limit`.
///
/// fzf's operators are read as in the headline filter where they mean
/// something for text: `a | b` either term, `!term` articles without it,
/// `^term` / `term$` at the start / end of a paragraph, `'term` the same as
/// `term` (every term is matched exactly). A query that cannot match (see
/// [`query_error`](super::query_error)) finds nothing.
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
    search(archive, query, scope, None, limit, cancel)
}

/// [`search_bodies_with`] over the whole archive, reading only the articles
/// numbered `among` (their places in archive order, sorted): those a
/// full-text index says may match. The answer is a scan's when `among`
/// holds every article that matches.
pub fn search_bodies_among(
    archive: &Archive,
    query: &str,
    among: &[usize],
    limit: usize,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<BodySearch> {
    search(archive, query, Scope::All, Some(among), limit, cancel)
}

/// A word of a body query as a full-text index of folded text (see
/// [`fold_for_search`]), ASCII-lowercased or not, can look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexWord {
    /// Folded, and lowercased unless `cased`.
    pub text: String,
    /// `!word`: the article must not hold it.
    pub negated: bool,
    /// `^word`: at the start of a text (kicker, headline, paragraph…).
    pub starts: bool,
    /// `word$`: at the end of one.
    pub ends: bool,
    /// With an uppercase letter, the word matches its case: `text` is
    /// folded but not lowercased.
    pub cased: bool,
    /// Whether the articles holding `text` (where `starts` and `ends`
    /// say) are exactly those the word matches; else they are more.
    pub exact: bool,
}

/// `query` as a full-text index can answer it: its clauses, each a list of
/// alternatives (`|`), one of which must match in every clause. `None`
/// when it does not parse.
pub fn index_words(query: &str) -> Option<Vec<Vec<IndexWord>>> {
    let clauses = syntax::parse(&fold(query)).ok()?;
    let word = |w: &Word| {
        // Smart case: an uppercase letter makes the word match its case.
        let cased = w.text.bytes().any(|b| b.is_ascii_uppercase());
        IndexWord {
            text: match cased {
                true => w.text.clone(),
                false => w.text.to_ascii_lowercase(),
            },
            negated: w.negated,
            starts: matches!(w.anchor, Anchor::Prefix | Anchor::Whole),
            ends: matches!(w.anchor, Anchor::Suffix | Anchor::Whole),
            cased,
            // No page text holds a control character (see `decode`), which
            // the index's marks of a text's ends are.
            exact: !w.text.bytes().any(|b| b < 0x20),
        }
    };
    Some(
        clauses
            .iter()
            .map(|c| c.iter().map(word).collect())
            .collect(),
    )
}

/// Text folded as the body search folds it (NFKC, one character at a time).
pub fn fold_for_search(text: &str) -> String {
    fold(text)
}

fn search(
    archive: &Archive,
    query: &str,
    scope: Scope,
    among: Option<&[usize]>,
    limit: usize,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<BodySearch> {
    let Ok(clauses) = syntax::parse(&fold(query)) else {
        return Some(BodySearch::default());
    };
    let terms: Vec<BodyTerm> = clauses.iter().flatten().map(BodyTerm::new).collect();
    // Each clause's words, as indices into `terms`.
    let mut next = 0;
    let clauses: Vec<Vec<usize>> = clauses
        .iter()
        .map(|c| {
            next += c.len();
            (next - c.len()..next).collect()
        })
        .collect();
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
    let articles = match among {
        Some(among) => among
            .iter()
            .filter_map(|&n| articles.get(n).copied())
            .collect(),
        None => articles,
    };
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
                    .filter(|(_, (_, a))| holds(a, &terms, &clauses))
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
            // A body match shows in context; else (a term only a caption or
            // headline holds) the first text that holds a term.
            let snippet = match matches.first() {
                Some(m) => snippet(&article.body[m.block].text, m.range.clone()),
                None => first_outside_body(article, &terms).unwrap_or_default(),
            };
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

pub(crate) struct BodyTerm {
    text: String,
    /// Smart case: no uppercase ASCII letter means case is ignored.
    ignore_case: bool,
    anchor: Anchor,
    negated: bool,
}

impl BodyTerm {
    fn new(word: &Word) -> BodyTerm {
        let folded = &word.text;
        let ignore_case = !folded.bytes().any(|b| b.is_ascii_uppercase());
        BodyTerm {
            text: if ignore_case {
                folded.to_ascii_lowercase()
            } else {
                folded.to_string()
            },
            ignore_case,
            anchor: word.anchor,
            negated: word.negated,
        }
    }

    /// Byte ranges of the term in one block's (folded) text.
    fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        let t = self.text.as_str();
        match self.anchor {
            Anchor::Fuzzy | Anchor::Substring => text
                .match_indices(t)
                .map(|(at, m)| (at, at + m.len()))
                .collect(),
            Anchor::Prefix => text
                .starts_with(t)
                .then_some((0, t.len()))
                .into_iter()
                .collect(),
            Anchor::Suffix => text
                .ends_with(t)
                .then(|| (text.len() - t.len(), text.len()))
                .into_iter()
                .collect(),
            Anchor::Whole => (text == t).then_some((0, t.len())).into_iter().collect(),
        }
    }

    fn occurs_in(&self, text: &str) -> bool {
        match self.anchor {
            Anchor::Fuzzy | Anchor::Substring => text.contains(&self.text),
            _ => !self.spans(text).is_empty(),
        }
    }
}

/// A block folded once, with an ASCII-lowercased copy made on demand
/// (lowercasing ASCII keeps every byte offset), and the map from folded
/// bytes back to the original made only when a match is to be shown. A
/// block that is its own fold is read in place. Why: at 10k generated
/// issues, folding every candidate's blocks with a map of their every byte
/// (8 bytes a byte) was 31% of the profile of `search --body '^在'`,
/// though only the hits shown use the maps.
struct Haystack<'t> {
    original: &'t str,
    folded: std::borrow::Cow<'t, str>,
    lower: Option<String>,
    mapped: Option<FoldedBytes>,
}

impl<'t> Haystack<'t> {
    fn new(text: &'t str) -> Haystack<'t> {
        Haystack {
            original: text,
            folded: fold_cow(text),
            lower: None,
            mapped: None,
        }
    }

    fn text_for(&mut self, term: &BodyTerm) -> &str {
        let folded = &*self.folded;
        if term.ignore_case && folded.bytes().any(|b| b.is_ascii_uppercase()) {
            self.lower
                .get_or_insert_with(|| folded.to_ascii_lowercase())
        } else {
            folded
        }
    }

    /// The original byte range of the folded bytes `start..end`.
    fn original_range(&mut self, start: usize, end: usize) -> Range<usize> {
        match &self.folded {
            std::borrow::Cow::Borrowed(_) => start..end,
            std::borrow::Cow::Owned(_) => self
                .mapped
                .get_or_insert_with(|| FoldedBytes::new(self.original))
                .original_range(start, end),
        }
    }
}

/// Everything of an article that a body search reads, as the reader shows
/// it: kicker, headline, subheadlines, body blocks and photo captions (a
/// term only a caption held was not found before).
pub fn searched_texts(article: &Article) -> impl Iterator<Item = &str> {
    let heads = article.kicker.iter().chain(&article.headline);
    heads
        .chain(&article.subheadlines)
        .map(|t| t.text.as_str())
        .chain(article.body.iter().map(|b| b.text.as_str()))
        .chain(article.captions.iter().map(|t| t.text.as_str()))
}

/// A snippet around the first term found outside the body blocks.
fn first_outside_body(article: &Article, terms: &[BodyTerm]) -> Option<String> {
    let heads = article.kicker.iter().chain(&article.headline);
    let outside = heads.chain(&article.subheadlines).chain(&article.captions);
    for text in outside.map(|t| t.text.as_str()) {
        let mut hay = Haystack::new(text);
        for term in terms.iter().filter(|t| !t.negated) {
            if let Some(at) = hay.text_for(term).find(term.text.as_str()) {
                let range = hay.original_range(at, at + term.text.len());
                return Some(snippet(text, range));
            }
        }
    }
    None
}

/// Whether every clause holds in the article: one of its terms occurs
/// (an excluded one: does not occur) in some block.
fn holds(article: &Article, terms: &[BodyTerm], clauses: &[Vec<usize>]) -> bool {
    let mut found = vec![false; terms.len()];
    let mut left = terms.len();
    for text in searched_texts(article) {
        let mut hay = Haystack::new(text);
        for (t, term) in terms.iter().enumerate() {
            if !found[t] && term.occurs_in(hay.text_for(term)) {
                found[t] = true;
                left -= 1;
            }
        }
        if left == 0 {
            break;
        }
    }
    clauses
        .iter()
        .all(|c| c.iter().any(|&t| found[t] != terms[t].negated))
}

fn all_matches(article: &Article, terms: &[BodyTerm]) -> Vec<BodyMatch> {
    let mut out = Vec::new();
    for (b, block) in article.body.iter().enumerate() {
        let mut hay = Haystack::new(&block.text);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for term in terms.iter().filter(|t| !t.negated) {
            let spans = term.spans(hay.text_for(term));
            ranges.extend(spans.into_iter().map(|(s, e)| hay.original_range(s, e)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{LoadOptions, load_texts};

    #[test]
    fn a_query_reaches_an_index_as_its_clauses_of_folded_words() {
        let word = |text: &str, negated, cased| IndexWord {
            text: text.into(),
            negated,
            starts: false,
            ends: false,
            cased,
            exact: true,
        };
        let anchored = |text: &str, starts, ends| IndexWord {
            starts,
            ends,
            ..word(text, false, false)
        };
        let words = |q: &str| index_words(q).unwrap();
        // Full-width letters fold to ASCII; an uppercase one keeps the
        // word's case.
        assert_eq!(
            words("步道 ＡＢ ａｂ"),
            [
                [word("步道", false, false)],
                [word("AB", false, true)],
                [word("ab", false, false)]
            ]
        );
        assert_eq!(
            words("^步道 '开放 ab 公园$ ^散步$"),
            [
                [anchored("步道", true, false)],
                [word("开放", false, false)],
                [word("ab", false, false)],
                [anchored("公园", false, true)],
                [anchored("散步", true, true)]
            ]
        );
        assert_eq!(
            words("^GDp"),
            [[IndexWord {
                cased: true,
                ..anchored("GDp", true, false)
            }]]
        );
        assert_eq!(
            words("步道 | !公园"),
            [[word("步道", false, false), word("公园", true, false)]]
        );
        assert_eq!(words(""), Vec::<Vec<IndexWord>>::new());
        assert!(index_words("!").is_none());
    }

    #[test]
    fn a_term_only_a_caption_holds_is_found() {
        let page = "河边新修步道开放\n\n本报讯 新修的步道今天开放，市民前来散步。\n\n\
                    傍晚的步道上人来人往。王小明摄\n";
        let archive = load_texts("t", &[("p.txt", page.as_bytes())], &LoadOptions::default());
        let article = archive.issues[0].articles().next().expect("an article");
        assert!(
            article.captions.iter().any(|c| c.text.contains("人来人往")),
            "the page's photo caption: {article:?}"
        );
        assert!(article.body.iter().all(|b| !b.text.contains("人来人往")));
        let hits = search_bodies(&archive, "人来人往", Scope::All, 10);
        assert_eq!(hits.len(), 1);
        assert!(hits[0].snippet.contains("人来人往"), "{}", hits[0].snippet);
        assert!(hits[0].matches.is_empty(), "no body block to highlight");
        // With a body term too: both must occur, each in its own text.
        assert_eq!(
            search_bodies(&archive, "散步 人来人往", Scope::All, 10).len(),
            1
        );
        assert_eq!(
            search_bodies(&archive, "散步 不在文中", Scope::All, 10).len(),
            0
        );
        // The headline counts too.
        assert_eq!(search_bodies(&archive, "步道开放", Scope::All, 10).len(), 1);
    }
}
