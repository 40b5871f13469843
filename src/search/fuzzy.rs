//! The fuzzy matcher every query term goes through: skim's scoring over
//! characters typed as themselves or, for a lowercase Latin term, as pinyin
//! (the readings come from `pinyin.rs`).
//!
//! **How a query matches.** A query term of lowercase ASCII letters and digits
//! is split, every way possible, into pieces that each are a non-empty prefix
//! of a reading of one character, on neighbouring characters (a run; the
//! term's letters as a character term still match Latin text with gaps).
//! That one rule covers initials (`mtf` → 毛腾飞), full pinyin
//! (`maotengfei`), mixed (`maotf`), and half-typed syllables (`maoten`). An
//! ASCII letter or digit in the text is its own one-letter reading, so `5gjz`
//! finds 5G基站 and a Latin term still matches Latin text.
//!
//! **Character terms.** The same matcher scores a term of characters matched
//! as themselves (Chinese, or Latin where pinyin does not apply), each
//! character one piece: skim's own scoring, without fuzzy-matcher's scratch
//! cells carried between calls (see the `search` module docs).
//!
//! **How it scores.** With the recurrence and constants of fuzzy-matcher's
//! `SkimMatcherV2` (affine gaps, first-character, word-start and consecutive
//! bonuses), where a "pattern character" is a pinyin piece: the score is what
//! the matched characters would score if they had been typed themselves, so
//! pinyin hits rank against direct hits on the same scale, plus one match's
//! worth for every letter of a piece after its first (a whole syllable
//! outranks the same letters spread as initials over several characters). (Skim reads a
//! consecutive-run bonus from a scratch cell that may hold a previous call's
//! value; we use what a fresh matcher computes, which the tests compare with.)

use super::pinyin::{FIRST, LAST, MAX_TERM, PinyinTable, Unit, lead_bit};
use super::sketch::{bigram_bit, lead_pair_bit};
use super::skim::{Scoring, score_single, scoring};
use std::sync::OnceLock;

const NEG: i32 = i32::MIN / 4;

/// What the letters of a pinyin piece after its first add: each scores like
/// one more matched character, so `zhang` on 长 (one whole syllable) beats
/// five initials scattered over a headline, and typing more of a syllable
/// never makes its character rank lower.
#[inline]
fn syllable_bonus(s: &Scoring, letters: usize) -> i32 {
    (letters as i32 - 1) * s.score_match
}

/// Whether `text` has an ASCII letter. Most headlines have none, so the
/// whole text is read: without a stop at the first letter the loop runs
/// on vector registers. With a stop (`any`), this check took as long as
/// matching the headline's characters when counting a two-letter query's
/// matches (20% of the time each, in `perf`).
#[inline]
fn has_latin_letter(text: &str) -> bool {
    text.bytes()
        .fold(false, |seen, b| seen | ((b | 0x20).wrapping_sub(b'a') < 26))
}

/// One query term prepared for the matcher: pinyin letters, or characters
/// matched as themselves.
#[derive(Debug, Clone)]
pub(crate) struct FuzzyTerm {
    /// A pinyin term's letters and digits; empty for a character term.
    term: Vec<u8>,
    /// A character term's characters.
    chars: Option<CharTerm>,
    /// Pinyin: `lead_bit(term[q])` for each position; characters: the bit
    /// of the character at `q` among the term's distinct characters. To test
    /// quickly whether a character can continue a partial match.
    lead_at: Vec<u64>,
    /// `pair_bit(term[q - 1], term[q])` for each position after the first:
    /// zero where no reading has that pair, so the letter must start a piece.
    pair_at: Vec<u128>,
    /// For each bit of `lead_at`, the positions whose unit has it: the rows
    /// a character with those lead bits can extend.
    rows_of: [u128; 64],
    /// A pinyin term's letters as a character term: Latin text is matched
    /// fuzzily (gaps allowed), as fzf would, where pinyin needs a run.
    latin: Option<Box<FuzzyTerm>>,
    /// For a term of initials, made when it is first matched or scored.
    initials: OnceLock<Option<Initials>>,
}

/// A pinyin term of at most eight letters, each a whole piece (no reading
/// has two of them in a row: `cq`, `jdh`, `zwfw`), as a table of the
/// positions each character can take (bit `q`: it can stand for letter
/// `q`). Whether the term matches a text is then a shift-and over its
/// characters: one load from a 28 KB table and no
/// branch on what it holds, where [`FuzzyTerm::matches_dp`] tests a
/// character's lead letters against the ones wanted, a branch that real
/// headlines take at random. Why it matters: a broad two-letter query's
/// exact count checks most headlines after its hits are shown. In the
/// kept index of 962k generated headlines, `cq` leaves 302,298 to check
/// (3,491 match): 46–59 ms with the recurrence, 26–32 ms with the table
/// (and [`has_latin_letter`] vectorized); `cs` 289,834 (127,474 match),
/// 36–40 ms against 22–30 ms.
#[derive(Clone)]
struct Initials {
    /// The term's length, 1 to 8.
    len: u32,
    ascii: [u8; 128],
    /// From `FIRST` to `LAST`.
    chinese: Box<[u8]>,
}

// Not the 28 KB table: a query's `Debug` stays readable.
impl std::fmt::Debug for Initials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Initials")
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

impl Initials {
    /// Longest term of initials matched by the table.
    const MAX: usize = 8;

    #[inline]
    fn positions(&self, c: char) -> u32 {
        let code = c as u32;
        if code < 0x80 {
            return self.ascii[code as usize] as u32;
        }
        match self.chinese.get(code.wrapping_sub(FIRST) as usize) {
            Some(&rows) => rows as u32,
            None => 0,
        }
    }

    /// The best score of the letters as a run in `text`, as
    /// [`FuzzyTerm::score_dp`] computes it: each letter a whole piece, a
    /// run is one path through the recurrence, so its score is a sum over
    /// its characters. The first pays the gap extension and earns its
    /// in-place bonus (doubled at the text's start); each later one earns
    /// its bonus or the consecutive one, whichever is more; each scores a
    /// match, less skim's case penalty for an uppercase Latin letter.
    /// About a tenth of the recurrence's cost: `jd` over 962k headlines
    /// scores 43k of them for its best 500.
    fn score_run(&self, s: &Scoring, text: &str) -> Option<i64> {
        let n = self.len as usize;
        let last = 1 << (n - 1);
        // What the last characters add to a run as its first character,
        // and as a later one, at `j % MAX`.
        let mut first = [0i32; Initials::MAX];
        let mut later = [0i32; Initials::MAX];
        let mut best: Option<i64> = None;
        let mut ends = 0u32;
        let mut prev = None;
        for (j, c) in text.chars().enumerate() {
            ends = ((ends << 1) | 1) & self.positions(c);
            if ends != 0 {
                let mut bonus = s.in_place(prev, c);
                if j == 0 {
                    bonus *= s.first_char_multiplier;
                }
                let matched = s.score_match
                    + if c.is_ascii_uppercase() {
                        s.penalty_case_mismatch
                    } else {
                        0
                    };
                first[j % Initials::MAX] = s.gap_extension + bonus + matched;
                later[j % Initials::MAX] = bonus.max(s.bonus_consecutive) + matched;
                if ends & last != 0 {
                    let start = j + 1 - n;
                    let score = first[start % Initials::MAX]
                        + (start + 1..=j)
                            .map(|k| later[k % Initials::MAX])
                            .sum::<i32>();
                    best = best.max(Some(score as i64));
                }
            }
            prev = Some(c);
        }
        best
    }

    /// Whether the letters run, in order, on neighbouring characters of `text`.
    #[inline]
    fn run_in(&self, text: &str) -> bool {
        let last = 1 << (self.len - 1);
        // Bit q: the first q + 1 letters end at this character.
        let mut ends = 0u32;
        for c in text.chars() {
            ends = ((ends << 1) | 1) & self.positions(c);
            if ends & last != 0 {
                return true;
            }
        }
        false
    }
}

/// [`FuzzyTerm::rows_of`] for `lead_at`.
fn rows_of(lead_at: &[u64]) -> [u128; 64] {
    let mut rows = [0u128; 64];
    for (q, &leads) in lead_at.iter().enumerate() {
        let mut bits = leads;
        while bits != 0 {
            rows[bits.trailing_zeros() as usize] |= 1 << q;
            bits &= bits - 1;
        }
    }
    rows
}

/// A term of characters matched as themselves, as skim matches them: ASCII
/// letters regardless of case unless the term is case-sensitive, the case
/// mismatch then costing skim's penalty.
#[derive(Debug, Clone)]
struct CharTerm {
    chars: Vec<char>,
    case_sensitive: bool,
    /// Each distinct character (ASCII-lowercased unless case-sensitive) and
    /// its bit in `lead_at`.
    keys: Vec<(char, u64)>,
    /// One bit per character from `FIRST` to `LAST`, set for the term's own
    /// (3.6 KB, so it stays in the first-level cache): most characters of a
    /// headline are passed over with one bit test instead of a search of
    /// `keys` (a pinyin term's table of lead letters measured no slower
    /// than such a bit set, so it has none).
    own: Box<[u64]>,
}

impl CharTerm {
    fn key(&self, c: char) -> char {
        if self.case_sensitive {
            c
        } else {
            c.to_ascii_lowercase()
        }
    }

    #[inline]
    fn leads(&self, c: char) -> u64 {
        let i = (c as u32).wrapping_sub(FIRST) as usize;
        if self.own.get(i / 64).is_some_and(|w| w & 1 << (i % 64) == 0) {
            return 0;
        }
        let k = self.key(c);
        self.keys
            .iter()
            .find(|(kc, _)| *kc == k)
            .map_or(0, |&(_, bit)| bit)
    }
}

/// The pointers needed to walk back from the best cell (positions only).
struct Column {
    /// For each row reached by a match at this character: the row it came from.
    m_from: [u8; MAX_TERM + 1],
    /// Bit q: the match at row q continued a match at the previous character.
    m_via_match: u128,
    /// Bit q: the gap at row q opened right after a match (not a longer gap).
    p_via_match: u128,
}

impl FuzzyTerm {
    /// A pinyin term: `term` must be lowercase ASCII letters and digits, 1
    /// to `MAX_TERM` long.
    pub(crate) fn pinyin(term: &str) -> Option<FuzzyTerm> {
        let ok = !term.is_empty()
            && term.len() <= MAX_TERM
            && term
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let bytes = term.as_bytes();
        ok.then(|| {
            let lead_at: Vec<u64> = bytes.iter().copied().map(lead_bit).collect();
            FuzzyTerm {
                term: bytes.to_vec(),
                chars: None,
                rows_of: rows_of(&lead_at),
                latin: FuzzyTerm::chars(term, false).map(Box::new),
                initials: OnceLock::new(),
                lead_at,
                pair_at: bytes
                    .windows(2)
                    .map(|w| PinyinTable::get().pair_bit(w[0], w[1]))
                    .collect(),
            }
        })
    }

    /// A term of 1 to `MAX_TERM` characters matched as themselves, scored
    /// as skim scores them (see the module docs).
    pub(crate) fn chars(term: &str, case_sensitive: bool) -> Option<FuzzyTerm> {
        let chars: Vec<char> = term.chars().collect();
        if chars.is_empty() || chars.len() > MAX_TERM {
            return None;
        }
        let mut own = vec![0u64; ((LAST - FIRST + 1) as usize).div_ceil(64)];
        for &c in &chars {
            if let Some(i) = (c as u32).checked_sub(FIRST).filter(|&i| i <= LAST - FIRST) {
                own[i as usize / 64] |= 1 << (i % 64);
            }
        }
        let mut t = CharTerm {
            chars,
            case_sensitive,
            keys: Vec::new(),
            own: own.into_boxed_slice(),
        };
        let mut lead_at = Vec::with_capacity(t.chars.len());
        for &c in &t.chars {
            let k = t.key(c);
            let bit = match t.keys.iter().find(|(kc, _)| *kc == k) {
                Some(&(_, bit)) => bit,
                None => {
                    let bit = 1u64 << t.keys.len();
                    t.keys.push((k, bit));
                    bit
                }
            };
            lead_at.push(bit);
        }
        Some(FuzzyTerm {
            term: Vec::new(),
            pair_at: vec![0; t.chars.len() - 1],
            rows_of: rows_of(&lead_at),
            chars: Some(t),
            latin: None,
            initials: OnceLock::new(),
            lead_at,
        })
    }

    /// Which of the term's positions `c` can start a piece at, as bits of
    /// `lead_at`.
    #[inline]
    fn leads(&self, table: &PinyinTable, c: char) -> u64 {
        match &self.chars {
            None => table.lead_bits(c),
            Some(t) => t.leads(c),
        }
    }

    /// The positions a character with these lead bits can take.
    #[inline]
    fn rows_with(&self, mut leads: u64) -> u128 {
        let mut rows = 0;
        while leads != 0 {
            rows |= self.rows_of[leads.trailing_zeros() as usize];
            leads &= leads - 1;
        }
        rows
    }

    /// Whether a piece starting at position `q` is that one unit: the last
    /// one, a character, or a letter that no reading continues with the next.
    /// Then a text character whose lead bits take `q` takes exactly it,
    /// without looking at its readings.
    #[inline]
    fn whole_piece(&self, q: usize) -> bool {
        q + 1 == self.len() || self.pair_at[q] == 0
    }

    /// Whether `c`, taking position `q`, matches it in the case typed (else
    /// skim's case penalty applies): a Chinese character always; a Latin
    /// letter for a pinyin term when lowercase, as pinyin is typed.
    #[inline]
    fn same_case(&self, q: usize, c: char) -> bool {
        match &self.chars {
            None => !c.is_ascii_uppercase(),
            Some(t) => c == t.chars[q],
        }
    }

    /// What `c` can match.
    #[inline]
    fn unit<'t>(&self, table: &'t PinyinTable, c: char) -> Unit<'t> {
        match &self.chars {
            None => table.unit(c).1,
            Some(_) => Unit::Char(c),
        }
    }

    /// A necessary condition, from a headline's sketch alone: every letter
    /// either continues a reading from the letter before it (the pair occurs
    /// in some reading) or starts a piece at a character no earlier than the
    /// previous piece's — tracked by quarters of the headline, taking the
    /// earliest quarter possible at each letter. This rejects headlines that
    /// have the letters but in the wrong order (`zw` against 市委…株洲).
    /// For a one-letter term it is exact.
    #[inline]
    pub(crate) fn may_match(&self, quarters: u128, pairs: u128) -> bool {
        let mut earliest = 0u32;
        for (i, &b) in self.term.iter().enumerate() {
            if !b.is_ascii_lowercase() {
                continue; // a digit: not in the quarters, no constraint
            }
            if i > 0 && pairs & self.pair_at[i - 1] != 0 {
                continue; // may continue the previous piece, same character
            }
            let at = ((quarters >> ((b - b'a') as u32 * 4)) & 0xF) as u32 >> earliest;
            if at == 0 {
                return false;
            }
            earliest += at.trailing_zeros();
        }
        true
    }

    /// The letters the term could go on with from any of the `reach` rows.
    #[inline]
    fn wanted(&self, reach: u128) -> u64 {
        let mut bits = reach & ((1u128 << self.len()) - 1);
        let mut w = 0;
        while bits != 0 {
            w |= self.lead_at[bits.trailing_zeros() as usize];
            bits &= bits - 1;
        }
        w
    }

    /// How many bytes of the term from `q` a unit can consume: any count from
    /// 1 to the returned length is a valid piece.
    #[inline]
    fn piece_lengths(&self, q: usize, unit: Unit, mut each: impl FnMut(usize, bool)) {
        match unit {
            Unit::Literal(c) => {
                if c.to_ascii_lowercase() == self.term[q] {
                    each(1, c == self.term[q]);
                }
            }
            Unit::Readings(r) => {
                for syllable in r.split(|&b| b == b' ') {
                    let l = syllable
                        .iter()
                        .zip(&self.term[q..])
                        .take_while(|(a, b)| a == b)
                        .count();
                    if l > 0 {
                        each(l, true);
                    }
                }
            }
            Unit::Char(c) => {
                if let Some(t) = &self.chars {
                    let want = t.chars[q];
                    if c == want {
                        each(1, true);
                    } else if !t.case_sensitive && c.eq_ignore_ascii_case(&want) {
                        each(1, false);
                    }
                }
            }
            Unit::Nothing => {}
        }
    }

    /// The score of a one-letter term, in one pass (see [`score_single`]).
    pub(crate) fn score_single(&self, table: &PinyinTable, text: &str) -> Option<i64> {
        debug_assert_eq!(self.term.len(), 1);
        let (want, lead) = (self.term[0], self.lead_at[0]);
        score_single(text, |c| {
            // A Chinese character matches in its own case; a Latin letter
            // typed in lowercase against uppercase pays skim's case penalty.
            (table.lead_bits(c) & lead != 0).then_some(!c.is_ascii() || c as u32 == want as u32)
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.lead_at.len()
    }

    /// For each step from one of the term's units (pinyin letters or
    /// characters) to the next: the [`neighbours`](super::sketch::neighbours) bit a text must have for
    /// the next to be able to match right after, or 0 where that cannot be
    /// told (a letter that may sit inside a syllable). A pinyin letter that
    /// must start its piece and cannot continue it is the whole piece, on a
    /// character led by it; so the next, right after, starts the next
    /// character's piece: those two characters lead with the two letters.
    pub(crate) fn steps(&self) -> Vec<u128> {
        let n = self.len();
        match &self.chars {
            Some(t) => t.chars.windows(2).map(|w| bigram_bit(w[0], w[1])).collect(),
            None => (0..n.saturating_sub(1))
                .map(|i| {
                    let whole_piece = self.pair_at[i] == 0 && (i == 0 || self.pair_at[i - 1] == 0);
                    if whole_piece {
                        lead_pair_bit(
                            self.lead_at[i].trailing_zeros(),
                            self.lead_at[i + 1].trailing_zeros(),
                        )
                    } else {
                        0
                    }
                })
                .collect(),
        }
    }

    /// A pinyin term's letter (or digit) at `q`.
    pub(crate) fn letter(&self, q: usize) -> Option<u8> {
        self.term.get(q).copied()
    }

    /// The lead bit of the term's first letter.
    pub(crate) fn first_lead(&self) -> u64 {
        self.lead_at[0]
    }

    /// The lead bits a character must have to take the term's second letter
    /// right after a character that took the first: every bit when one
    /// reading could hold both letters (none with a one-letter term).
    pub(crate) fn second_lead(&self) -> u64 {
        match self.len() {
            0 | 1 => 0,
            _ if self.pair_at[0] != 0 => u64::MAX,
            _ => self.lead_at[1],
        }
    }

    /// The best score of the term against `text`, without positions: the
    /// same value as [`align`](Self::align), computed for every matching
    /// headline, so built to skip the characters that cannot take part.
    ///
    /// `align` walks skim's full recurrence for every character. Here the gap
    /// row is not stored but derived: a gap opened after a match at char `j'`
    /// is worth `M[j'] + gap_start + gap_extension` and changes by
    /// `gap_extension` per further char, so skim's `P[q]` before char `j` is
    /// `max(M_q[j'] - ext * j') + open + ext * (j - 2)` over matches at
    /// `j' <= j - 2`. Keeping that maximum per row makes a character that
    /// matches no wanted letter cost one table load.
    ///
    /// A term of [`Initials`] is scored run by run, at a fraction of the
    /// recurrence's cost: a query refined to two letters scores every
    /// headline its sketches let through when few match. In the kept index
    /// of 962k generated headlines, `bb` after `b` (2 matches, 95k scored)
    /// took its hits in 53–61 ms with the recurrence.
    pub(crate) fn score(&self, table: &PinyinTable, text: &str) -> Option<i64> {
        let run = match self.initials(table) {
            Some(initials) => initials.score_run(scoring(), text),
            None => self.score_dp(table, text),
        };
        match self.latin_in(text) {
            Some(latin) => run.max(latin.score_dp(table, text)),
            None => run,
        }
    }

    /// The character term a pinyin term also matches `text` as, when
    /// `text` has Latin letters to match.
    #[inline]
    fn latin_in(&self, text: &str) -> Option<&FuzzyTerm> {
        self.latin.as_deref().filter(|_| has_latin_letter(text))
    }

    /// Whether the term's pieces must lie on neighbouring characters: a
    /// pinyin term, which means a word typed by its readings. Measured on a
    /// 2,000-issue generated archive: with gaps allowed `mtf` matched 1,746
    /// headlines, nearly all of them initials scattered over a long
    /// headline; as a run it matches only what spells it.
    #[inline]
    fn contiguous(&self) -> bool {
        self.chars.is_none()
    }

    /// [`score`](Self::score) for the term as it is (pinyin: as a run).
    fn score_dp(&self, table: &PinyinTable, text: &str) -> Option<i64> {
        let s = scoring();
        let contiguous = self.contiguous();
        let n = self.len();
        // Per row: the M value at the last character that matched into it,
        // that character's index, and the best `M - ext * index` of earlier ones.
        let mut m_val = [NEG; MAX_TERM + 1];
        let mut m_at = [usize::MAX; MAX_TERM + 1];
        let mut gap_best = [NEG; MAX_TERM + 1];
        let (open, ext) = (s.gap_start + s.gap_extension, s.gap_extension);
        let mut reach: u128 = 1;
        let mut wanted = self.lead_at[0];
        let mut best = NEG;
        let mut prev: Option<char> = None;
        for (j, c) in text.chars().enumerate() {
            let leads = self.leads(table, c);
            if leads & wanted == 0 {
                prev = Some(c);
                if contiguous && reach != 1 {
                    // A run is broken: only a new one can start.
                    reach = 1;
                    wanted = self.lead_at[0];
                }
                continue;
            }
            let mut bonus = s.in_place(prev, c);
            if j == 0 {
                bonus *= s.first_char_multiplier;
            }
            prev = Some(c);
            let mut unit = None;
            let before = reach;
            let mut reached_here = 1u128;
            // Highest row first: a row written now is above the row read,
            // so no row is read after being overwritten at this character.
            let mut rows = reach & self.rows_with(leads) & ((1u128 << n) - 1);
            while rows != 0 {
                let q0 = 127 - rows.leading_zeros() as usize;
                rows &= !(1u128 << q0);
                let (via_match, via_gap) = if q0 == 0 {
                    (NEG, s.gap_extension + bonus)
                } else if contiguous {
                    // Reached at the character before (else not in `reach`).
                    (m_val[q0] + bonus.max(s.bonus_consecutive), NEG)
                } else {
                    let consecutive = bonus.max(s.bonus_consecutive);
                    let via_match = if m_at[q0].wrapping_add(1) == j {
                        m_val[q0] + consecutive
                    } else {
                        NEG
                    };
                    // P before j: gaps opened after matches at j' <= j - 2.
                    let mut g = gap_best[q0];
                    if m_at[q0] != usize::MAX && m_at[q0] + 2 <= j {
                        g = g.max(m_val[q0] - ext * m_at[q0] as i32);
                    }
                    let p = if g <= NEG / 2 {
                        NEG
                    } else {
                        g + open + ext * (j as i32 - 2)
                    };
                    (via_match, p + bonus)
                };
                let base = via_match.max(via_gap);
                if base <= NEG / 2 {
                    continue;
                }
                let matched = |same_case: bool| {
                    base + s.score_match
                        + if same_case {
                            0
                        } else {
                            s.penalty_case_mismatch
                        }
                };
                // Row q reached at character j with `score`.
                let mut put = |q: usize, score: i32| {
                    if m_at[q] == j {
                        m_val[q] = m_val[q].max(score);
                    } else {
                        if m_at[q] != usize::MAX {
                            gap_best[q] = gap_best[q].max(m_val[q] - ext * m_at[q] as i32);
                        }
                        m_val[q] = score;
                        m_at[q] = j;
                    }
                    reach |= 1 << q;
                    reached_here |= 1 << q;
                };
                if self.whole_piece(q0) {
                    // The lead bits said that `c` takes it.
                    put(q0 + 1, matched(self.same_case(q0, c)));
                } else {
                    let unit = *unit.get_or_insert_with(|| self.unit(table, c));
                    self.piece_lengths(q0, unit, |l, same_case| {
                        let score = matched(same_case);
                        for q in q0 + 1..=q0 + l {
                            put(q, score + syllable_bonus(s, q - q0));
                        }
                    });
                }
            }
            if m_at[n] == j {
                best = best.max(m_val[n]);
            }
            if contiguous {
                reach = reached_here;
                wanted = self.wanted(reach);
            } else if reach != before {
                wanted = self.wanted(reach);
            }
        }
        (best > NEG / 2).then_some(best as i64)
    }

    /// Whether the term matches `text` at all: the set of consumed term
    /// prefixes reachable after each character, without scores. What the
    /// filter asks of a headline that cannot rank among the hits shown.
    pub(crate) fn matches(&self, table: &PinyinTable, text: &str) -> bool {
        self.matches_dp(table, text)
            || self
                .latin_in(text)
                .is_some_and(|latin| latin.matches_dp(table, text))
    }

    fn matches_dp(&self, table: &PinyinTable, text: &str) -> bool {
        if let Some(initials) = self.initials(table) {
            return initials.run_in(text);
        }
        let contiguous = self.contiguous();
        let n = self.len();
        let done = 1u128 << n;
        let mut reach: u128 = 1;
        let mut wanted = self.lead_at[0];
        for c in text.chars() {
            let leads = self.leads(table, c);
            if leads & wanted == 0 {
                if contiguous && reach != 1 {
                    reach = 1;
                    wanted = self.lead_at[0];
                }
                continue;
            }
            let mut unit = None;
            // A run goes on only from rows reached at the character before.
            let mut next = if contiguous { 1 } else { reach };
            let mut rows = reach & self.rows_with(leads) & (done - 1);
            while rows != 0 {
                let q0 = rows.trailing_zeros() as usize;
                rows &= rows - 1;
                // Rows reached at this character are not extended by it:
                // `rows` is the set from before it.
                if self.whole_piece(q0) {
                    next |= 1 << (q0 + 1);
                } else {
                    let unit = *unit.get_or_insert_with(|| self.unit(table, c));
                    self.piece_lengths(q0, unit, |l, _| {
                        next |= ((1u128 << l) - 1) << (q0 + 1);
                    });
                }
            }
            if next & done != 0 {
                return true;
            }
            if next != reach {
                reach = next;
                wanted = self.wanted(reach);
            }
        }
        false
    }

    /// The term as a table of [`Initials`], when it is a pinyin term of
    /// initials.
    fn initials(&self, table: &PinyinTable) -> Option<&Initials> {
        self.initials
            .get_or_init(|| {
                let n = self.len();
                let initials =
                    self.contiguous() && n <= Initials::MAX && (0..n).all(|q| self.whole_piece(q));
                initials.then(|| {
                    let positions = |c: char| (self.rows_with(self.leads(table, c)) & 0xFF) as u8;
                    Initials {
                        len: n as u32,
                        ascii: std::array::from_fn(|code| positions(code as u8 as char)),
                        chinese: (FIRST..=LAST)
                            .map(|code| char::from_u32(code).map_or(0, positions))
                            .collect(),
                    }
                })
            })
            .as_ref()
    }

    /// The best Skim-style score of the term against `text`, and with
    /// `positions` the char indices of the matched characters (skim's full
    /// recurrence with back-pointers; used for the hits shown).
    pub(crate) fn align(
        &self,
        table: &PinyinTable,
        text: &str,
        positions: bool,
    ) -> Option<(i64, Vec<usize>)> {
        let run = self.align_dp(table, text, positions);
        let Some(latin) = self.latin_in(text) else {
            return run;
        };
        match (run, latin.align_dp(table, text, positions)) {
            (Some(r), Some(l)) => Some(if l.0 > r.0 { l } else { r }),
            (r, l) => r.or(l),
        }
    }

    // Rows index several arrays and bit sets at once; index loops are clearer.
    #[allow(clippy::needless_range_loop)]
    fn align_dp(
        &self,
        table: &PinyinTable,
        text: &str,
        positions: bool,
    ) -> Option<(i64, Vec<usize>)> {
        let s = scoring();
        let contiguous = self.contiguous();
        let n = self.len();
        // Column state for the previous character: skim's M (ends with a
        // match) and P (ends with a gap), one row per consumed term prefix.
        let mut buffers = [[NEG; MAX_TERM + 1]; 4];
        let [m_old, p_old, m_new, p_new] = &mut buffers;
        // Swapped by reference after each character, never copied.
        let (mut m_old, mut p_old, mut m_new, mut p_new) = (m_old, p_old, m_new, p_new);
        p_old[0] = s.gap_extension;
        let mut reach: u128 = 1;
        let mut best = (NEG, 0usize);
        let mut columns: Vec<Column> = Vec::new();
        let mut prev: Option<char> = None;
        for (j, c) in text.chars().enumerate() {
            let mut bonus = s.in_place(prev, c);
            if j == 0 {
                bonus *= s.first_char_multiplier;
            }
            prev = Some(c);
            let mut col = if positions {
                Some(Column {
                    m_from: [0; MAX_TERM + 1],
                    m_via_match: 0,
                    p_via_match: 0,
                })
            } else {
                None
            };
            // Gaps: P[q] = max(M[q] + gap_start + gap_extension, P[q] + gap_extension).
            p_new[0] = s.gap_extension;
            let mut r = reach & !1;
            while r != 0 {
                let q = r.trailing_zeros() as usize;
                r &= r - 1;
                let open = m_old[q] + s.gap_start + s.gap_extension;
                let extend = p_old[q] + s.gap_extension;
                p_new[q] = open.max(extend);
                if let Some(col) = &mut col
                    && open >= extend
                {
                    col.p_via_match |= 1 << q;
                }
            }
            // Matches: this character takes the next piece of the term.
            let mut touched: u128 = 0;
            let leads = self.leads(table, c);
            let mut unit = None;
            let mut r = reach & ((1u128 << n) - 1);
            while r != 0 {
                let q0 = r.trailing_zeros() as usize;
                r &= r - 1;
                if leads & self.lead_at[q0] == 0 {
                    continue;
                }
                // Skim's consecutive bonus, in effect: the in-place bonus but
                // at least `bonus_consecutive` (it does not carry a run's
                // first bonus along, so neither do we).
                let consecutive = bonus.max(s.bonus_consecutive);
                let via_match = m_old[q0] + consecutive;
                let via_gap = if contiguous && q0 > 0 {
                    NEG
                } else {
                    p_old[q0] + bonus
                };
                let (base, from_match) = if via_match >= via_gap {
                    (via_match, true)
                } else {
                    (via_gap, false)
                };
                if base <= NEG / 2 {
                    continue;
                }
                let unit = *unit.get_or_insert_with(|| self.unit(table, c));
                self.piece_lengths(q0, unit, |l, same_case| {
                    let score = base
                        + s.score_match
                        + if same_case {
                            0
                        } else {
                            s.penalty_case_mismatch
                        };
                    for q in q0 + 1..=q0 + l {
                        let score = score + syllable_bonus(s, q - q0);
                        if touched & (1 << q) == 0 || score > m_new[q] {
                            touched |= 1 << q;
                            m_new[q] = score;
                            if let Some(col) = &mut col {
                                col.m_from[q] = q0 as u8;
                                if from_match {
                                    col.m_via_match |= 1 << q;
                                } else {
                                    col.m_via_match &= !(1 << q);
                                }
                            }
                        }
                    }
                });
            }
            // Rows not matched at this character hold no M value.
            let mut r = reach & !touched;
            while r != 0 {
                let q = r.trailing_zeros() as usize;
                r &= r - 1;
                m_new[q] = NEG;
            }
            reach |= touched;
            // `>=`: on equal scores skim keeps the last column; so do we.
            if touched & (1 << n) != 0 && m_new[n] >= best.0 {
                best = (m_new[n], j);
            }
            std::mem::swap(&mut m_old, &mut m_new);
            std::mem::swap(&mut p_old, &mut p_new);
            if let Some(col) = col {
                columns.push(col);
            }
        }
        if best.0 <= NEG / 2 {
            return None;
        }
        let mut out = Vec::new();
        if positions {
            // Walk back from the best cell: in M the character is matched, in
            // P it is skipped; row 0 in P means the whole term is placed.
            let (mut q, mut j) = (n, best.1);
            let mut in_match = true;
            loop {
                let col = &columns[j];
                if in_match {
                    out.push(j);
                    let via = col.m_via_match & (1 << q) != 0;
                    q = col.m_from[q] as usize;
                    if q == 0 || j == 0 {
                        break;
                    }
                    in_match = via;
                } else {
                    if q == 0 || j == 0 {
                        break;
                    }
                    in_match = col.p_via_match & (1 << q) != 0;
                }
                j -= 1;
            }
            out.reverse();
        }
        Some((best.0 as i64, out))
    }
}

#[cfg(test)]
mod tests;
