//! A filter query parsed into terms, and what each term can score against
//! a headline: its match, its score, and the bounds the ranking pass orders by.
//! (The words of fzf's syntax are read by `syntax.rs`; the plain ones become
//! [`Term`]s here, the rest [`Clause`]s.)

use super::bounds::{BoundCase, term_bound, unit_gain};
use super::clause::Clause;
use super::fold::fold_char;
use super::fuzzy::FuzzyTerm;
use super::headline::{Heads, Meta, Sketch, char_sketch, fold32};
use super::syntax::{self, Anchor, QueryError};

use super::pinyin::PinyinTable;
use super::sketch::{MAX_WORD_GAP, char_bit, fold64};
use std::sync::atomic::{AtomicI64, Ordering};

/// A parsed query: whitespace-separated words, each of which must hold.
pub(super) struct Query {
    /// The folded words joined by single spaces: for a plain query (see
    /// [`Query::refines`]), a query whose key starts with the previous key
    /// can only match a subset of the previous matches.
    pub(super) key: String,
    /// The plain words (fuzzy, not excluded, not in an `|` group): scored,
    /// and what the ranking pass's bounds and shortcuts are built for.
    pub(super) terms: Vec<Term>,
    /// Every other word, as clauses that must hold too.
    pub(super) clauses: Vec<Clause>,
    /// Why the query cannot match anything, if it cannot.
    pub(super) error: Option<QueryError>,
}

pub(super) struct Term {
    /// Folded (NFKC) text of the term.
    pub(super) text: String,
    /// Smart case: an uppercase ASCII letter makes the term case-sensitive.
    pub(super) case_sensitive: bool,
    /// Bloom bits every matching entry must have.
    pub(super) chars: [u64; 2],
    /// For a pinyin term, the Bloom bits of all its characters: what a
    /// headline it matches as Latin text has (see [`Term::may_run`]).
    latin_chars: [u64; 2],
    /// The term's only character, when it has one (scored in one pass).
    pub(super) single: Option<char>,
    /// Lead bits of its first character (letter): which boundaries of a
    /// headline it can match at (all bits where a character has none)…
    first_leads: u64,
    /// …and, for a term of characters, its [`char_bit`] (all bits for pinyin).
    first_chars: u64,
    /// The same two for each later character (letter): how many of them
    /// can match at a boundary.
    later_units: Vec<(u64, u64)>,
    /// What a headline's second character must be (pinyin: lead bits it
    /// must have) to take the term's second character right after the first.
    second: SecondUnit,
    /// The first of `steps`, [`fold64`]ed: what the pairs at a headline's
    /// boundaries must have for the term's second unit to come right after
    /// the first at one (0: cannot be told).
    first_step: u64,
    /// For each step from one unit of the term to the next, the bit a
    /// headline's neighbours must have for it to be taken right after
    /// ([`FuzzyTerm::steps`]); 0 where that cannot be told.
    pub(super) steps: Vec<u128>,
    /// [`term_bound`] for the cases headlines are in (see
    /// [`Term::bound_slot`]), each worked out the first time it is asked
    /// for (`UNSET` until then): a query meets few of the thousands.
    pub(super) bounds: Box<[AtomicI64]>,
    /// The term's length in pattern characters (pinyin letters), and
    /// whether fuzzy-matcher itself scores it: what [`term_bound`] needs.
    pub(super) letters: usize,
    pub(super) by_skim: bool,
    pub(super) kind: TermKind,
}

/// See [`Term::bounds`].
const UNSET: i64 = i64::MIN;

/// See [`Term::second`].
enum SecondUnit {
    Leads(u64),
    Char(Option<char>),
}

pub(super) enum TermKind {
    /// Characters matched as themselves, scored with skim's recurrence by
    /// [`FuzzyTerm`] (see the module docs), or by fuzzy-matcher itself
    /// (`None`) for a term too long for it.
    Direct(Option<FuzzyTerm>),
    /// Pinyin (which also matches ASCII letters and digits literally).
    Pinyin(FuzzyTerm),
}

impl Query {
    /// An upper bound of the query's score against a headline, from its
    /// index records alone (see [`Term::bound`]).
    pub(super) fn bound(&self, meta: &Meta, heads: Heads) -> i64 {
        self.terms.iter().map(|t| t.bound(meta, heads)).sum::<i64>()
            + self
                .clauses
                .iter()
                .map(|c| c.bound(meta, heads))
                .sum::<i64>()
    }

    /// Whether a headline past the sketches may match, by its neighbours
    /// (see [`Term::may_run`]).
    #[inline]
    pub(super) fn may_run(&self, sketch: &Sketch, heads: Heads) -> bool {
        self.terms.iter().all(|t| t.may_run(sketch, heads))
    }

    /// Whether a headline with this sketch may match (see [`Term::may_match`]).
    #[inline]
    pub(super) fn may_match(&self, sketch: &Sketch) -> bool {
        self.terms.iter().all(|t| t.may_match(sketch))
            && self.clauses.iter().all(|c| c.may_match(sketch))
    }

    /// Whether `text` matches, without scoring it.
    pub(super) fn matches(&self, text: &str) -> bool {
        self.terms.iter().all(|t| t.matches(text)) && self.clauses.iter().all(|c| c.matches(text))
    }

    /// Whether only plain words make the query: then the previous matches
    /// of a query whose key this key extends hold every match of this one
    /// (not so with `!`, which matches more as its term grows, or `|`).
    pub(super) fn is_plain(&self) -> bool {
        self.clauses.is_empty() && self.error.is_none()
    }

    /// Whether this query can only match what `old` matched.
    pub(super) fn refines(&self, old: &Query) -> bool {
        self.is_plain() && old.is_plain() && self.key.starts_with(&old.key)
    }

    /// When this query is `old` with units (pinyin letters or characters)
    /// typed at the end of its last term: the most that can have added to
    /// a headline's score ([`unit_gain`] per unit). `None` for any other
    /// change, and where fuzzy-matcher's own matcher scores (its score of a
    /// term can depend on the headline scored before).
    pub(super) fn growth_from(&self, old: &Query) -> Option<i64> {
        if !self.refines(old) {
            return None;
        }
        let (Some((new_last, new_rest)), Some((old_last, old_rest))) =
            (self.terms.split_last(), old.terms.split_last())
        else {
            return None;
        };
        let same_rest = new_rest.len() == old_rest.len()
            && new_rest.iter().zip(old_rest).all(|(a, b)| a.text == b.text);
        let same_kind = matches!(
            (&new_last.kind, &old_last.kind),
            (TermKind::Pinyin(_), TermKind::Pinyin(_))
                | (TermKind::Direct(Some(_)), TermKind::Direct(Some(_)))
        );
        let extends = same_rest
            && same_kind
            && new_last.case_sensitive == old_last.case_sensitive
            && new_last.text.starts_with(&old_last.text)
            && new_last.letters >= old_last.letters;
        extends.then(|| (new_last.letters - old_last.letters) as i64 * unit_gain())
    }

    /// The query's only term, when it is one pinyin letter: the sketch
    /// alone tells which headlines it matches.
    pub(super) fn single_letter(&self) -> Option<&Term> {
        if !self.is_plain() {
            return None;
        }
        match self.terms.as_slice() {
            [term] => match &term.kind {
                TermKind::Pinyin(p) if p.len() == 1 => Some(term),
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn new(query: &str, pinyin: bool) -> Query {
        let mut folded = String::with_capacity(query.len());
        for c in query.chars() {
            fold_char(c, |f| folded.push(f));
        }
        let key = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut query = Query {
            key,
            terms: Vec::new(),
            clauses: Vec::new(),
            error: None,
        };
        match syntax::parse(&folded) {
            Ok(clauses) => {
                for clause in clauses {
                    match clause.as_slice() {
                        [word] if word.anchor == Anchor::Fuzzy && !word.negated => {
                            query.terms.push(Term::new(&word.text, pinyin));
                        }
                        _ => query.clauses.push(Clause::new(&clause, pinyin)),
                    }
                }
            }
            Err(e) => query.error = Some(e),
        }
        query
    }
}

impl Term {
    pub(super) fn new(text: &str, pinyin: bool) -> Term {
        let case_sensitive = text.bytes().any(|b| b.is_ascii_uppercase());
        let direct = || TermKind::Direct(FuzzyTerm::chars(text, case_sensitive));
        let kind = match pinyin && text.bytes().any(|b| b.is_ascii_lowercase()) {
            true => FuzzyTerm::pinyin(text).map_or_else(direct, TermKind::Pinyin),
            false => direct(),
        };
        // For pinyin terms only digits are certain to appear as themselves.
        let chars = match kind {
            TermKind::Direct(_) => char_sketch(text),
            TermKind::Pinyin(_) => char_sketch(
                &text
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
            ),
        };
        let mut it = text.chars();
        let single = it.next().filter(|_| it.next().is_none());
        let letters = match &kind {
            TermKind::Direct(_) => text.chars().count(),
            TermKind::Pinyin(p) => p.len(),
        };
        let leads = |c: char| PinyinTable::get().lead_bits_or_any(c);
        let chars_of = |c: char| match &kind {
            TermKind::Pinyin(_) => u64::MAX,
            TermKind::Direct(_) => char_bit(c),
        };
        let mut units = text.chars();
        let first = units.next();
        let first_leads = first.map_or(0, leads);
        let first_chars = first.map_or(0, chars_of);
        let later_units = units.clone().map(|c| (leads(c), chars_of(c))).collect();
        let second = match &kind {
            TermKind::Pinyin(p) => SecondUnit::Leads(p.second_lead()),
            TermKind::Direct(_) => SecondUnit::Char(units.next()),
        };
        let steps = match &kind {
            TermKind::Pinyin(p) | TermKind::Direct(Some(p)) => p.steps(),
            TermKind::Direct(None) => Vec::new(),
        };
        let by_skim = matches!(kind, TermKind::Direct(None));
        let bounds = (0..Term::bound_slots(steps.len()))
            .map(|_| AtomicI64::new(UNSET))
            .collect();
        Term {
            text: text.to_string(),
            case_sensitive,
            chars,
            latin_chars: char_sketch(text),
            single,
            first_leads,
            first_chars,
            later_units,
            second,
            first_step: steps.first().map_or(0, |&s| fold64(s)),
            steps,
            bounds,
            letters,
            by_skim,
            kind,
        }
    }

    /// Whether the term's first character (or pinyin letter) can match `c`.
    #[inline]
    fn may_start_at(&self, c: char) -> bool {
        match &self.kind {
            TermKind::Pinyin(p) => PinyinTable::get().lead_bits(c) & p.first_lead() != 0,
            TermKind::Direct(_) => self.text.chars().next().is_some_and(|want| {
                c == want || (!self.case_sensitive && c.eq_ignore_ascii_case(&want))
            }),
        }
    }

    /// An upper bound of the term's score against a headline, from its
    /// [`Lead`](super::headline::Lead) and boundary leads alone (see [`term_bound`]).
    #[inline]
    pub(super) fn bound(&self, meta: &Meta, heads: Heads) -> i64 {
        let lead = meta.lead;
        let boundaries = lead.boundaries();
        let first_at_boundary = boundaries > 0
            && self.first_leads & heads.boundary_leads() != 0
            && fold32(self.first_chars) & heads.boundary_chars != 0;
        if self.letters == 1 {
            // One unit: only whether it can stand first or at a word start
            // counts (see `term_bound`). The first keystroke of a query
            // bounds nearly every headline, so this is most of its work.
            return self.cached_bound(BoundCase {
                at_first: self.may_start_at(lead.first()),
                first_at_boundary,
                ..BoundCase::default()
            });
        }
        let second_next = self.may_take_second(heads.second());
        // As many as there are, if fewer than the boundaries counted (a
        // count of 7 may stand for more).
        let later_at_boundaries = self
            .later_units
            .iter()
            .filter(|&&(l, c)| {
                l & heads.boundary_leads() != 0 && fold32(c) & heads.boundary_chars != 0
            })
            .count() as u32;
        let later_boundaries = later_at_boundaries.min(boundaries);
        let neighbours = match self.kind {
            TermKind::Pinyin(_) => heads.lead_neighbours,
            TermKind::Direct(_) => heads.neighbours as u128,
        };
        let gap = |&step: &u128| {
            let step = match self.kind {
                TermKind::Pinyin(_) => step,
                TermKind::Direct(_) => fold64(step) as u128,
            };
            step != 0 && neighbours & step == 0
        };
        let case = BoundCase {
            at_first: self.may_start_at(lead.first()),
            second_next,
            first_at_boundary,
            boundary_run: first_at_boundary
                && (self.first_step == 0 || heads.boundary_pairs & fold32(self.first_step) != 0),
            later_boundaries: later_boundaries.min(7),
            word_gap: heads.word_gap(),
            first_skip: 1,
            gaps: self.steps.iter().filter(|s| gap(s)).count() as u32,
            second_gap: self.steps.first().is_some_and(gap),
        };
        if case.at_first {
            // Worked out each time: how far the second unit lies is one
            // more thing a headline can differ in.
            let mut first_skip = self.first_skip(meta.sketch.quarters, heads.len());
            // Neither the second character nor the third can take it: two
            // skipped at least (a headline that starts with its place name,
            // 株洲市…, and goes on with the term two characters later).
            if !case.second_next && !self.may_take_second(heads.third()) {
                first_skip = first_skip.max(2);
            }
            return term_bound(self.letters, self.by_skim, BoundCase { first_skip, ..case });
        }
        self.cached_bound(case)
    }

    /// [`term_bound`] for `case`, worked out once per query.
    #[inline]
    fn cached_bound(&self, case: BoundCase) -> i64 {
        // Racing threads store the same value.
        let cell = &self.bounds[Term::bound_slot(case)];
        match cell.load(Ordering::Relaxed) {
            UNSET => {
                let bound = term_bound(self.letters, self.by_skim, case);
                cell.store(bound, Ordering::Relaxed);
                bound
            }
            bound => bound,
        }
    }

    /// Whether `c` can take the term's second unit (pinyin: always, when
    /// the second letter may share the first's syllable).
    #[inline]
    fn may_take_second(&self, c: char) -> bool {
        match self.second {
            // All bits: the second letter may share the first's syllable,
            // whatever the character is.
            SecondUnit::Leads(u64::MAX) => true,
            SecondUnit::Leads(leads) => PinyinTable::get().lead_bits(c) & leads != 0,
            SecondUnit::Char(Some(want)) => {
                c == want || (!self.case_sensitive && c.eq_ignore_ascii_case(&want))
            }
            SecondUnit::Char(None) => false,
        }
    }

    /// The fewest characters a pinyin term's second letter, when it starts
    /// a piece, lies after a headline's first character: from the quarter
    /// of the headline where a reading first starts with it (see
    /// [`PinyinTable::lead_quarters`]). At least 1.
    pub(super) fn first_skip(&self, quarters: u128, len: usize) -> u32 {
        let TermKind::Pinyin(p) = &self.kind else {
            return 1;
        };
        let Some(letter) = p.letter(1).filter(u8::is_ascii_lowercase) else {
            return 1;
        };
        let in_quarters = (quarters >> ((letter - b'a') as u32 * 4)) & 0xF;
        if in_quarters == 0 {
            return 1;
        }
        let quarter = in_quarters.trailing_zeros() as usize;
        // Character j is in quarter j * 4 / len.
        let first_position = (quarter * len).div_ceil(4).max(1);
        (first_position - 1).max(1) as u32
    }

    /// Where [`Term::bounds`] keeps the bound of a case: the first three
    /// flags, the boundaries (up to 7), whether the second unit follows a
    /// gap or a first at a boundary, and how many units follow a gap.
    #[inline]
    fn bound_slot(case: BoundCase) -> usize {
        (case.at_first as usize)
            | (case.second_next as usize) << 1
            | (case.first_at_boundary as usize) << 2
            | (case.later_boundaries.min(7) as usize) << 3
            | (case.second_gap as usize) << 6
            | (case.boundary_run as usize) << 7
            | (case.word_gap.min(MAX_WORD_GAP) as usize) << 8
            | (case.gaps as usize) << 11
    }

    /// How many slots a term with `steps` steps has.
    fn bound_slots(steps: usize) -> usize {
        (steps + 1) << 11
    }

    /// Whether the term matches `text`, without scoring it: exactly when
    /// [`HeadlineIndex::score_term`](super::headline::HeadlineIndex::score_term) returns a score.
    pub(super) fn matches(&self, text: &str) -> bool {
        match &self.kind {
            TermKind::Pinyin(p) => p.matches(PinyinTable::get(), text),
            TermKind::Direct(_) => match self.single {
                Some(want) => Term::contains(text, want, self.case_sensitive),
                None => self.is_subsequence_of(text),
            },
        }
    }

    /// Whether `text` has `want` (smart case); memchr-backed.
    pub(super) fn contains(text: &str, want: char, case_sensitive: bool) -> bool {
        if case_sensitive || !want.is_ascii_alphabetic() {
            text.contains(want)
        } else {
            text.contains(want.to_ascii_lowercase()) || text.contains(want.to_ascii_uppercase())
        }
    }

    #[inline]
    pub(super) fn may_match(&self, sketch: &Sketch) -> bool {
        let chars_ok = sketch.chars[0] & self.chars[0] == self.chars[0]
            && sketch.chars[1] & self.chars[1] == self.chars[1];
        match &self.kind {
            TermKind::Direct(_) => chars_ok,
            TermKind::Pinyin(p) => chars_ok && p.may_match(sketch.quarters, sketch.pairs),
        }
    }

    /// Whether a pinyin term may match a headline past the sketches, by
    /// what its neighbours hold: as a run, a letter that is a whole piece
    /// and the one after it lead two neighbouring characters' readings (a
    /// step of [`FuzzyTerm::steps`]); as Latin text, fuzzily, every letter
    /// is in the text. `cq` passes the sketches of 20,460 of 96k generated
    /// headlines (a `c`-led and a `q`-led character anywhere, in order) and
    /// matches 359: each was aligned to be rejected. This check leaves
    /// 12,977 (the neighbours are a 128-bit Bloom filter). Over the 324
    /// two-letter words of 18 initials, each typed and erased
    /// (`bench_filter /tmp/kb10k --erase`), the keystrokes took 1.5–1.6 s
    /// in all against 2.7–2.8 s, p99 10 ms against 18–20 ms.
    #[inline]
    pub(super) fn may_run(&self, sketch: &Sketch, heads: Heads) -> bool {
        match &self.kind {
            TermKind::Direct(_) => true,
            TermKind::Pinyin(_) => {
                self.steps
                    .iter()
                    .all(|&s| s == 0 || heads.lead_neighbours & s != 0)
                    || (sketch.chars[0] & self.latin_chars[0] == self.latin_chars[0]
                        && sketch.chars[1] & self.latin_chars[1] == self.latin_chars[1])
            }
        }
    }

    /// Skim's own first check, without its per-call char buffers: every
    /// term character occurs in order.
    pub(super) fn is_subsequence_of(&self, text: &str) -> bool {
        let mut want = self.text.chars();
        let Some(mut next) = want.next() else {
            return true;
        };
        for c in text.chars() {
            let hit = if self.case_sensitive {
                c == next
            } else {
                c.eq_ignore_ascii_case(&next)
            };
            if hit {
                match want.next() {
                    Some(n) => next = n,
                    None => return true,
                }
            }
        }
        false
    }
}
