//! Pinyin readings and the matcher that lets Latin letters find Chinese text.
//!
//! **How pinyin is indexed.** Not per headline at all: one process-wide table,
//! built on first use from `pinyin::ToPinyinMulti`, maps every character from
//! U+3007 (〇) to U+9FFF to a *reading set*: all its toneless readings (every
//! reading of a polyphonic character: 长 → `chang zhang`), deduplicated, `ü`
//! spelled `v` as pinyin keyboards do. Characters with identical readings
//! share a set, so the table is ~57 KB of `u16` set ids plus a few thousand
//! sets whose syllables live in one flat string. A headline then costs nothing
//! extra but one `u64` of *leads* (the first letters of its characters'
//! readings), which rejects most headlines before any matching.
//!
//! **How a query matches.** A query term of lowercase ASCII letters and digits
//! is split, every way possible, into pieces that each are a non-empty prefix
//! of a reading of one character, the characters in text order with gaps
//! allowed. That one rule covers initials (`mtf` → 毛腾飞), full pinyin
//! (`maotengfei`), mixed (`maotf`), and half-typed syllables (`maoten`). An
//! ASCII letter or digit in the text is its own one-letter reading, so `5gjz`
//! finds 5G基站 and a Latin term still matches Latin text.
//!
//! **How it scores.** With the recurrence and constants of fuzzy-matcher's
//! `SkimMatcherV2` (affine gaps, first-character, word-start and consecutive
//! bonuses), where a "pattern character" is a pinyin piece: the score is what
//! the matched characters would score if they had been typed themselves, so
//! pinyin hits rank against direct hits on the same scale.

use fuzzy_matcher::skim::SkimScoreConfig;
use pinyin::ToPinyinMulti;
use std::collections::HashMap;
use std::sync::OnceLock;

const FIRST: u32 = 0x3007;
const LAST: u32 = 0x9FFF;

/// Longest query term matched by pinyin (the matcher tracks consumed query
/// prefixes in a `u128` bit set).
pub(crate) const MAX_TERM: usize = 64;

/// The bit for one ASCII letter or digit (lowercase letters; 36 bits used).
#[inline]
pub(crate) fn lead_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << (b - b'A'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

#[derive(Clone, Copy)]
struct ReadingSet {
    leads: u64,
    start: u32,
    len: u32,
}

pub(crate) struct PinyinTable {
    /// Reading-set id per code point from `FIRST`; 0 means no reading.
    set_of: Box<[u16]>,
    sets: Vec<ReadingSet>,
    /// Every set's syllables, space-separated, back to back.
    syllables: String,
}

/// What one text character can match.
#[derive(Clone, Copy)]
pub(crate) enum Unit<'a> {
    /// An ASCII letter or digit matches itself (as typed, for the case penalty).
    Literal(u8),
    /// A Chinese character matches prefixes of its readings (space-separated).
    Readings(&'a [u8]),
    Nothing,
}

impl PinyinTable {
    pub(crate) fn get() -> &'static PinyinTable {
        static TABLE: OnceLock<PinyinTable> = OnceLock::new();
        TABLE.get_or_init(PinyinTable::build)
    }

    fn build() -> PinyinTable {
        let mut set_of = vec![0u16; (LAST - FIRST + 1) as usize].into_boxed_slice();
        let mut sets = vec![ReadingSet {
            leads: 0,
            start: 0,
            len: 0,
        }];
        let mut syllables = String::new();
        let mut ids: HashMap<String, u16> = HashMap::new();
        let mut readings: Vec<String> = Vec::new();
        for code in FIRST..=LAST {
            let Some(multi) = char::from_u32(code).and_then(|c| c.to_pinyin_multi()) else {
                continue;
            };
            readings.clear();
            for p in multi {
                let plain: String = p
                    .plain()
                    .chars()
                    .map(|c| match c {
                        'ü' => 'v',
                        'ê' => 'e',
                        c => c,
                    })
                    .filter(char::is_ascii_lowercase)
                    .collect();
                if !plain.is_empty() && !readings.contains(&plain) {
                    readings.push(plain);
                }
            }
            if readings.is_empty() {
                continue;
            }
            let key = readings.join(" ");
            let next_id = sets.len();
            let id = *ids.entry(key).or_insert_with_key(|key| {
                let start = syllables.len() as u32;
                syllables.push_str(key);
                let leads = readings
                    .iter()
                    .fold(0, |m, r| m | lead_bit(r.as_bytes()[0]));
                sets.push(ReadingSet {
                    leads,
                    start,
                    len: key.len() as u32,
                });
                u16::try_from(next_id).expect("fewer than 65536 reading sets")
            });
            set_of[(code - FIRST) as usize] = id;
        }
        PinyinTable {
            set_of,
            sets,
            syllables,
        }
    }

    /// The unit `c` (a folded character) stands for, and its lead bits.
    #[inline]
    pub(crate) fn unit(&self, c: char) -> (u64, Unit<'_>) {
        let code = c as u32;
        if c.is_ascii_alphanumeric() {
            return (lead_bit(c as u8), Unit::Literal(c as u8));
        }
        if !(FIRST..=LAST).contains(&code) {
            return (0, Unit::Nothing);
        }
        let id = self.set_of[(code - FIRST) as usize];
        if id == 0 {
            return (0, Unit::Nothing);
        }
        let set = self.sets[id as usize];
        let text = &self.syllables.as_bytes()[set.start as usize..(set.start + set.len) as usize];
        (set.leads, Unit::Readings(text))
    }

    /// The lead bits of every character of `text`.
    pub(crate) fn leads(&self, text: &str) -> u64 {
        text.chars().fold(0, |m, c| m | self.unit(c).0)
    }

    /// All readings of `c`, for tests and diagnostics.
    #[cfg(test)]
    pub(crate) fn readings(&self, c: char) -> Vec<String> {
        match self.unit(c).1 {
            Unit::Readings(r) => std::str::from_utf8(r)
                .unwrap()
                .split(' ')
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Skim's scoring constants, read from fuzzy-matcher so they cannot drift.
#[derive(Clone, Copy)]
struct Scoring {
    score_match: i32,
    gap_start: i32,
    gap_extension: i32,
    first_char_multiplier: i32,
    bonus_head: i32,
    bonus_break: i32,
    bonus_camel: i32,
    bonus_consecutive: i32,
    penalty_case_mismatch: i32,
}

impl Scoring {
    fn skim() -> Scoring {
        let c = SkimScoreConfig::default();
        Scoring {
            score_match: c.score_match,
            gap_start: c.gap_start,
            gap_extension: c.gap_extension,
            first_char_multiplier: c.bonus_first_char_multiplier,
            bonus_head: c.bonus_head,
            bonus_break: c.bonus_break,
            bonus_camel: c.bonus_camel,
            bonus_consecutive: c.bonus_consecutive,
            penalty_case_mismatch: c.penalty_case_mismatch,
        }
    }

    /// Skim's in-place bonus for matching `cur` after `prev` (`None` = start).
    #[inline]
    fn in_place(&self, prev: Option<char>, cur: char) -> i32 {
        #[derive(PartialEq)]
        enum T {
            Start,
            HardSep,
            SoftSep,
            Number,
            Upper,
            Lower,
        }
        let of = |c: char| match c {
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => T::HardSep,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => T::SoftSep,
            '0'..='9' => T::Number,
            'A'..='Z' => T::Upper,
            _ => T::Lower,
        };
        let p = prev.map_or(T::Start, of);
        match (p, of(cur)) {
            (T::Start | T::HardSep, _) => self.bonus_head,
            (T::SoftSep, _) => self.bonus_break,
            (T::Lower | T::Number, T::Upper) => self.bonus_camel,
            _ => 0,
        }
    }
}

const NEG: i32 = i32::MIN / 4;

/// One query term prepared for pinyin matching.
#[derive(Debug, Clone)]
pub(crate) struct PinyinTerm {
    term: Vec<u8>,
    /// `lead_bit(term[q])` for each position, to test quickly whether a
    /// character can continue a partial match.
    lead_at: Vec<u64>,
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

impl PinyinTerm {
    /// `term` must be lowercase ASCII letters and digits, 1 to `MAX_TERM` long.
    pub(crate) fn new(term: &str) -> Option<PinyinTerm> {
        let ok = !term.is_empty()
            && term.len() <= MAX_TERM
            && term
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        ok.then(|| PinyinTerm {
            term: term.as_bytes().to_vec(),
            lead_at: term.bytes().map(lead_bit).collect(),
        })
    }

    pub(crate) fn first_lead(&self) -> u64 {
        self.lead_at[0]
    }

    /// The letters the term could go on with from any of the `reach` rows.
    #[inline]
    fn wanted(&self, reach: u128) -> u64 {
        let mut bits = reach & ((1u128 << self.term.len()) - 1);
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
        let rest = &self.term[q..];
        match unit {
            Unit::Literal(c) => {
                if c.to_ascii_lowercase() == rest[0] {
                    each(1, c == rest[0]);
                }
            }
            Unit::Readings(r) => {
                for syllable in r.split(|&b| b == b' ') {
                    let l = syllable
                        .iter()
                        .zip(rest)
                        .take_while(|(a, b)| a == b)
                        .count();
                    if l > 0 {
                        each(l, true);
                    }
                }
            }
            Unit::Nothing => {}
        }
    }

    /// Whether the term matches `text` at all (no scoring): cheap rejection
    /// before the full alignment.
    pub(crate) fn matches(&self, table: &PinyinTable, text: &str) -> bool {
        let n = self.term.len();
        let done = 1u128 << n;
        let mut reach: u128 = 1;
        let mut wanted = self.lead_at[0];
        for c in text.chars() {
            let (leads, unit) = table.unit(c);
            if leads & wanted == 0 {
                continue;
            }
            let mut add = 0u128;
            let mut rows = reach & (done - 1);
            while rows != 0 {
                let q = rows.trailing_zeros() as usize;
                rows &= rows - 1;
                if leads & self.lead_at[q] == 0 {
                    continue;
                }
                self.piece_lengths(q, unit, |l, _| {
                    // Rows q+1 ..= q+l.
                    add |= ((1u128 << l) - 1) << (q + 1);
                });
            }
            if add & !reach != 0 {
                reach |= add;
                if reach & done != 0 {
                    return true;
                }
                wanted = self.wanted(reach);
            }
        }
        false
    }

    /// The best Skim-style score of the term against `text`, and with
    /// `positions` the char indices of the matched characters.
    // Rows index several arrays and bit sets at once; index loops are clearer.
    #[allow(clippy::needless_range_loop)]
    pub(crate) fn align(
        &self,
        table: &PinyinTable,
        text: &str,
        positions: bool,
    ) -> Option<(i64, Vec<usize>)> {
        let s = scoring();
        let n = self.term.len();
        // Column state for the previous character: skim's M (ends with a
        // match) and P (ends with a gap), one row per consumed term prefix.
        let mut m_old = [NEG; MAX_TERM + 1];
        let mut p_old = [NEG; MAX_TERM + 1];
        let mut m_new = [NEG; MAX_TERM + 1];
        let mut p_new = [NEG; MAX_TERM + 1];
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
            let mut col = positions.then_some(Column {
                m_from: [0; MAX_TERM + 1],
                m_via_match: 0,
                p_via_match: 0,
            });
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
            let (leads, unit) = table.unit(c);
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
                let via_gap = p_old[q0] + bonus;
                let (base, from_match) = if via_match >= via_gap {
                    (via_match, true)
                } else {
                    (via_gap, false)
                };
                if base <= NEG / 2 {
                    continue;
                }
                self.piece_lengths(q0, unit, |l, same_case| {
                    let score = base
                        + s.score_match
                        + if same_case {
                            0
                        } else {
                            s.penalty_case_mismatch
                        };
                    for q in q0 + 1..=q0 + l {
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

fn scoring() -> &'static Scoring {
    static SCORING: OnceLock<Scoring> = OnceLock::new();
    SCORING.get_or_init(Scoring::skim)
}
