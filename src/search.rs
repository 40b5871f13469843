//! Finding articles: a fuzzy headline filter for every keystroke, and
//! full-text search over bodies. Pure: no terminal code.
//!
//! # Headline filter
//!
//! [`HeadlineIndex::build`] indexes each article's [`searchable_text`]
//! (kicker, headline, subheadlines). [`HeadlineIndex::filter`] takes a query
//! in fzf's syntax (`syntax.rs`: words that all must hold, `|` between words
//! for either, `'exact`, `^prefix`, `suffix$`, `!excluded`; exact and
//! anchored words in `exact.rs`, the non-plain words as clauses in
//! `clause.rs`) and ranks the matching headlines by the sum of the fuzzy
//! terms' scores (exact words are only required), newer issues first on
//! ties, archive order after that. [`query_error`] says why a query cannot
//! match. A fuzzy term matches:
//!
//! - **fuzzily**, as fuzzy-matcher's `SkimMatcherV2` matches: its characters
//!   in order, gaps allowed, contiguous and word-initial runs scoring higher.
//!   The score is skim's recurrence with skim's constants, computed by our
//!   own matcher (`fuzzy::FuzzyTerm`, which also does pinyin): fuzzy-matcher
//!   keeps scratch cells between calls and its score can read one, so the same
//!   headline could score differently after another headline, and one query
//!   rank differently from run to run (see the test
//!   `a_headlines_score_does_not_depend_on_the_headline_before`). Ours equals
//!   the recurrence exactly (a property test against a plain full-matrix
//!   implementation) and a fresh `SkimMatcherV2` in all but about one random
//!   case in 20,000, where fuzzy-matcher carries a bonus over from such a cell.
//!   Terms longer than 64 characters go to fuzzy-matcher itself;
//! - **by pinyin**, when it is lowercase ASCII letters (and digits) and the
//!   index was built with pinyin: initials (`mtf` → 毛腾飞), full (`maotengfei`),
//!   mixed (`maotf`), half-typed (`maoten`), the everyday readings of a
//!   polyphonic character (长 as `chang` or `zhang`; `readings.rs`): the
//!   term is split, every way possible, into pieces that are each a
//!   non-empty prefix of a reading of one character, on neighbouring
//!   characters (a run: scattered initials are no match); ASCII letters and
//!   digits in the text are their own readings (`5gjz` → 5G基站), and Latin
//!   text also matches the letters fuzzily. A pinyin hit scores what skim
//!   would give the characters it landed on had they been typed, so pinyin
//!   and direct hits rank on one scale.
//!
//! Pinyin is not stored per headline: one process-wide table maps each
//! character (U+3007, U+3400–U+9FFF) to a shared set of toneless readings
//! from `pinyin::ToPinyinMulti` (`ü` as `v`), ~57 KB of ids plus a flat
//! syllable string. A headline stores only a sketch: where each letter leads
//! a reading, by quarter of the headline (`u128`), and which of the 115
//! letter pairs found inside pinyin readings occur in it (`u128`).
//!
//! Text and query are folded with NFKC, character by character, so full-width
//! and half-width forms match each other (５Ｇ and 5G, ＡＢＣ and abc). Case is
//! smart: a term with an uppercase letter is case-sensitive, and is not
//! matched by pinyin (it means Latin text).
//!
//! An empty query matches everything, newest first. Hit positions are char
//! indices into [`HeadlineIndex::text`], always landing on the characters
//! shown (for pinyin, the Chinese characters the letters stand for).
//!
//! For speed, each headline carries a 128-bit Bloom filter of its characters
//! and the pinyin sketch, which reject most headlines before any matching;
//! one-character terms (the first keystroke, which matches the most) are
//! scored in one pass without a matrix; every other headline past the sketches
//! gets an upper bound of its score from what is stored about its first
//! characters and word starts, and headlines are scored from the highest bound
//! down, in parallel blocks, only until the `limit`-th best beats every bound
//! left (the rest are only checked for a match, after the hits are sent, to
//! count them); identical headlines (a standing head, a reprint) share one
//! stored text, scored once per pass; the best are kept as packed integer
//! keys; only the hits returned get highlight positions; [`FilterCache`]
//! re-matches only the previous matches when a query extends the previous
//! one; [`FilterWorker`] runs all of this off the UI thread, a newer query
//! cancelling the pass in progress.
//! `docs/benchmarks/search.md` has the numbers.
//!
//! # Body search
//!
//! [`search_bodies`]: substring search, NFKC-folded and smart-case, every term
//! required; hits carry a snippet and each match as a block index and a byte
//! range in the original block text.

mod body;
mod bounds;
mod clause;
mod exact;
mod fold;
mod fuzzy;
mod headline;
mod pinyin;
mod query;
mod rank;
mod readings;
mod sketch;
mod skim;
mod syntax;
mod top;
mod worker;

pub use body::{
    BodyHit, BodyMatch, BodySearch, IndexWord, SNIPPET_BEFORE, SNIPPET_CHARS, fold_for_search,
    index_words, search_bodies, search_bodies_among, search_bodies_with, searched_texts,
};
pub use headline::{HeadlineEntry, HeadlineIndex, Retitle, Retitles, TextParts, searchable_text};
pub use rank::{FilterCache, FilterResult, Hit};
pub use syntax::QueryError;
pub use worker::{FilterReply, FilterWorker};

use serde::{Deserialize, Serialize};

/// Why `query` cannot match any headline (an operator with no term, a `|`
/// with no word on one side), or `None` when it can: what the reader's
/// prompt and `kanbao search` say instead of "no matches".
pub fn query_error(query: &str) -> Option<QueryError> {
    syntax::parse(&fold::fold(query)).err()
}

/// Where an article sits in an [`Archive`](crate::model::Archive): indices
/// into `issues`, that issue's `pages`, and that page's `articles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[repr(C)]
pub struct ArticleRef {
    pub issue: u32,
    pub page: u32,
    pub article: u32,
}

impl ArticleRef {
    /// The article this refers to, if `archive` has it.
    pub fn get<'a>(
        &self,
        archive: &'a crate::model::Archive,
    ) -> Option<(&'a crate::model::Issue, &'a crate::model::Article)> {
        let issue = archive.issues.get(self.issue as usize)?;
        Some((issue, self.in_issue(issue)?))
    }

    /// The article this refers to in `issue`, the issue it names.
    pub fn in_issue<'a>(
        &self,
        issue: &'a crate::model::Issue,
    ) -> Option<&'a crate::model::Article> {
        issue
            .pages
            .get(self.page as usize)?
            .articles
            .get(self.article as usize)
    }
}

/// Which headlines or articles to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    All,
    /// One issue, by index into `Archive::issues`.
    Issue(u32),
}

// Tests that quote sample headlines use the public API and live in
// tests/search_filter.rs (src/ holds no sample text); those that need the
// internals sit beside what they test, on invented or generated text.
#[cfg(test)]
mod test_support;
