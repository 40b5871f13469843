//! The words of a query other than plain fuzzy terms: exact, anchored and
//! excluded words, and `|` groups. Each clause must hold; it holds when any
//! of its words does. Following fzf, fuzzy words are scored and exact ones
//! only required: an exact or excluded word adds 0, an `|` group the best
//! score of its words that match.

use super::exact::ExactTerm;
use super::headline::{HeadlineIndex, Heads, Meta, Sketch, char_sketch};
use super::query::Term;
use super::syntax::{Anchor, Word};

pub(super) struct Clause {
    words: Vec<ClauseWord>,
}

enum ClauseWord {
    /// A fuzzy word in an `|` group (boxed: a term carries its matcher's
    /// tables, over a kilobyte).
    Fuzzy(Box<Term>),
    Exact {
        term: ExactTerm,
        negated: bool,
        /// Bloom bits a text holding the term has.
        chars: [u64; 2],
    },
}

impl Clause {
    pub(super) fn new(words: &[Word], pinyin: bool) -> Clause {
        let words = words
            .iter()
            .map(|w| match (w.anchor, w.negated) {
                (Anchor::Fuzzy, false) => ClauseWord::Fuzzy(Box::new(Term::new(&w.text, pinyin))),
                (anchor, negated) => {
                    let term = ExactTerm::new(&w.text, anchor, pinyin);
                    ClauseWord::Exact {
                        chars: char_sketch(term.required_chars()),
                        term,
                        negated,
                    }
                }
            })
            .collect();
        Clause { words }
    }

    #[inline]
    pub(super) fn may_match(&self, sketch: &Sketch) -> bool {
        self.words.iter().any(|w| match w {
            ClauseWord::Fuzzy(t) => t.may_match(sketch),
            ClauseWord::Exact { negated: true, .. } => true,
            ClauseWord::Exact { chars, .. } => {
                sketch.chars[0] & chars[0] == chars[0] && sketch.chars[1] & chars[1] == chars[1]
            }
        })
    }

    /// An upper bound of the clause's score: its best word's.
    pub(super) fn bound(&self, meta: &Meta, heads: Heads) -> i64 {
        self.words
            .iter()
            .map(|w| match w {
                ClauseWord::Fuzzy(t) => t.bound(meta, heads),
                ClauseWord::Exact { .. } => 0,
            })
            .max()
            .unwrap_or(0)
    }

    pub(super) fn matches(&self, text: &str) -> bool {
        self.words.iter().any(|w| match w {
            ClauseWord::Fuzzy(t) => t.matches(text),
            ClauseWord::Exact { term, negated, .. } => term.find(text).is_some() != *negated,
        })
    }

    /// The clause's score against a folded text, or `None` when it does not hold.
    pub(super) fn score(&self, index: &HeadlineIndex, text: &str) -> Option<i64> {
        self.words
            .iter()
            .filter_map(|w| match w {
                ClauseWord::Fuzzy(t) => index.score_term(t, text),
                ClauseWord::Exact { term, negated, .. } => {
                    (term.find(text).is_some() != *negated).then_some(0)
                }
            })
            .max()
    }

    /// The folded-text char positions of every word that matches (an
    /// excluded word has none).
    pub(super) fn positions(&self, index: &HeadlineIndex, text: &str, out: &mut Vec<usize>) {
        for w in &self.words {
            match w {
                ClauseWord::Fuzzy(t) => index.term_positions(t, text, out),
                ClauseWord::Exact {
                    term,
                    negated: false,
                    ..
                } => {
                    if let Some((start, end)) = term.find(text) {
                        out.extend(start..end);
                    }
                }
                ClauseWord::Exact { negated: true, .. } => {}
            }
        }
    }
}
