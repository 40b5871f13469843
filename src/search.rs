//! Finding articles: a fuzzy headline filter for every keystroke, and
//! full-text search over bodies. Pure: no terminal code.
//!
//! # Headline filter
//!
//! [`HeadlineIndex::build`] indexes each article's [`searchable_text`]
//! (kicker, headline, subheadlines). [`HeadlineIndex::filter`] takes a query
//! of whitespace-separated terms, all of which must match, and ranks the
//! matching headlines by the sum of the terms' scores, newer issues first on
//! ties, archive order after that. A term matches:
//!
//! - **fuzzily**, by fuzzy-matcher's `SkimMatcherV2`: its characters in order,
//!   gaps allowed, contiguous and word-initial runs scoring higher;
//! - **by pinyin**, when it is lowercase ASCII letters (and digits) and the
//!   index was built with pinyin: initials (`mtf` → 毛腾飞), full (`maotengfei`),
//!   mixed (`maotf`), half-typed (`maoten`), every reading of a polyphonic
//!   character (长 as `chang` or `zhang`). See [`pinyin`] for the details.
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
//! and the set of its pinyin leads, which reject most headlines before any
//! matching; matching runs in parallel chunks that check for cancellation;
//! only the best `limit` are selected (no full sort) and only they get
//! highlight positions; [`FilterCache`] re-matches only the previous matches
//! when a query extends the previous one; [`FilterWorker`] runs all of this
//! off the UI thread, a newer query cancelling the pass in progress.
//!
//! # Body search
//!
//! [`search_bodies`]: substring search, NFKC-folded and smart-case, every term
//! required; hits carry a snippet and each match as a block index and a byte
//! range in the original block text.

mod body;
mod fold;
mod headline;
pub mod pinyin;
mod worker;

pub use body::{
    BodyHit, BodyMatch, BodySearch, SNIPPET_BEFORE, SNIPPET_CHARS, search_bodies,
    search_bodies_with,
};
pub use headline::{
    FilterCache, FilterResult, HeadlineEntry, HeadlineIndex, Hit, TextParts, searchable_text,
};
pub use worker::{FilterReply, FilterWorker};

use serde::{Deserialize, Serialize};

/// Where an article sits in an [`Archive`](crate::model::Archive): indices
/// into `issues`, that issue's `pages`, and that page's `articles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
        let article = issue
            .pages
            .get(self.page as usize)?
            .articles
            .get(self.article as usize)?;
        Some((issue, article))
    }
}

/// Which headlines or articles to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    All,
    /// One issue, by index into `Archive::issues`.
    Issue(u32),
}

#[cfg(test)]
mod tests;
