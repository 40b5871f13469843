//! Upper bounds of a term's score against a text, from what the sketches
//! say about it: what lets the ranking pass score the best first and stop.

use super::sketch::MAX_BOUNDARIES;
use super::skim::scoring;

/// What bounds a term's score against one text (see [`term_bound`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BoundCase {
    /// The term's first character (letter) can match the text's first.
    pub at_first: bool,
    /// …and its second can follow right after: on the text's second
    /// character (or, for pinyin, within the same reading).
    pub second_next: bool,
    /// The term's first character can match at one of the text's boundaries.
    pub first_at_boundary: bool,
    /// …and its second can follow right after (on the next character, or,
    /// for pinyin, within the same reading).
    pub boundary_run: bool,
    /// How many boundaries the term's later characters can match at.
    pub later_boundaries: u32,
    /// The fewest characters between two word starts ([`Boundaries::word_gap`](super::sketch::Boundaries::word_gap)).
    pub word_gap: u32,
    /// With `at_first`: the fewest characters skipped before the second
    /// unit when it does not come right after (at least 1).
    pub first_skip: u32,
    /// How many of the term's later characters cannot match right after the
    /// one before (see [`neighbours`](super::sketch::neighbours)): each comes after a gap.
    pub gaps: u32,
    /// …whether the second is one of them.
    pub second_gap: bool,
}

/// An upper bound of the score of a term of `letters` pattern characters
/// (pinyin letters) against a text. Lets the filter skip scoring headlines
/// that cannot make the list.
///
/// Every matched character scores `score_match`; the first one pays
/// `gap_extension` (skim's empty-prefix gap) and gets its in-place bonus:
/// doubled on the text's first character, at most `bonus_head` at a
/// boundary ([`boundaries`](super::sketch::boundaries)), none elsewhere. A later one right after the
/// one before gets the consecutive bonus, or its in-place bonus at a
/// boundary; after a gap (always, for the `gaps` that cannot follow right
/// after), its in-place bonus less the gap's cost. A pinyin piece's
/// extra letters each score one more `score_match` (`fuzzy::syllable_bonus`), so
/// counting letters rather than pieces bounds it.
///
/// Fuzzy-matcher's own matcher (`by_skim`, for terms longer than
/// [`MAX_TERM`](super::pinyin::MAX_TERM)) reads a consecutive match's bonus from a cell of its matrix
/// that may hold an earlier column's, or an earlier call's, bonus: never the
/// doubled first-column one, which only the first pattern character can
/// take, but possibly a word start's. There every later character is
/// allowed `bonus_head`.
pub(crate) fn term_bound(letters: usize, by_skim: bool, case: BoundCase) -> i64 {
    let s = scoring();
    let n = letters.max(1) as i32;
    let head = s.best_in_place();
    let first_char = (head * s.first_char_multiplier).max(head);
    let gap = s.gap_start + s.gap_extension;
    // `k` later characters, `g` of them after a gap, the best of them at
    // boundaries: where a boundary is worth more after a gap (the whole
    // in-place bonus) than in a run (what it adds to the consecutive one).
    let later = |k: i32, g: i32| {
        if by_skim {
            return k * head.max(s.bonus_consecutive);
        }
        let g = g.clamp(0, k.max(0));
        // A headline counts up to 7 boundaries ([`MAX_BOUNDARIES`]): 7 may be more.
        let boundaries = match case.later_boundaries {
            b if b >= MAX_BOUNDARIES => k.max(0),
            b => (b as i32).min(k.max(0)),
        };
        let on_gaps = boundaries.min(g);
        let on_runs = (boundaries - on_gaps).min(k - g);
        (k - g) * s.bonus_consecutive
            + g * gap
            + on_gaps * head
            + on_runs * (head - s.bonus_consecutive).max(0)
    };
    let gaps = if by_skim { 0 } else { case.gaps as i32 };
    let second_gap = !by_skim && case.second_gap;
    let base = n * s.score_match + s.gap_extension;
    // What the later characters add when the second can, or cannot, come
    // right after the first. After a gap the second earns its in-place bonus
    // less the gap's cost, then the rest: at another word start only after
    // skipping at least the characters between two word starts, when the
    // first is at one (`from_word_start`).
    let rest = |second_next: bool, skip: u32, skip_to_word: u32| {
        if n == 1 {
            0
        } else if second_next && !second_gap {
            later(n - 1, gaps)
        } else {
            let (skip, skip_to_word) = if by_skim {
                (1, 1)
            } else {
                (skip.max(1) as i32, skip.max(skip_to_word) as i32)
            };
            let mut after_gap = s.gap_start + s.gap_extension * skip;
            if case.later_boundaries > 0 {
                after_gap = after_gap.max(s.gap_start + s.gap_extension * skip_to_word + head);
            }
            after_gap + later(n - 2, gaps - second_gap as i32)
        }
    };
    // The first character where no bonus is earned, at a boundary, or on the
    // text's first character.
    let mut bound = base + rest(true, 1, 1);
    if case.first_at_boundary {
        bound = bound.max(base + head + rest(case.boundary_run || by_skim, 1, case.word_gap));
    }
    if case.at_first {
        bound =
            bound.max(base + first_char + rest(case.second_next, case.first_skip, case.word_gap));
    }
    bound as i64
}

/// The most one more unit (pinyin letter or character) typed at the end
/// of a term can add to its score against any text, with the recurrence of
/// [`FuzzyTerm`](super::fuzzy::FuzzyTerm): the longer term's best alignment, without its last unit,
/// is an alignment of the shorter term, so it scores at most the shorter
/// term's best; the last unit adds a match (`score_match`) and at most a
/// word start's or a run's bonus, its gap never adds (the doubled
/// first-character bonus goes to the first unit only), and a letter that
/// lengthens a pinyin piece adds one more `score_match`
/// (`fuzzy::syllable_bonus`). What lets a refined query bound a headline's
/// score by the score it had a keystroke earlier.
pub(crate) fn unit_gain() -> i64 {
    let s = scoring();
    (s.score_match + s.best_in_place().max(s.bonus_consecutive).max(0)) as i64
}

#[cfg(test)]
mod tests;
