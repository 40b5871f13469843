//! Pinyin readings and the matcher that lets Latin letters find Chinese text.
//!
//! **How pinyin is indexed.** Not per headline at all: one process-wide table,
//! built on first use from `pinyin::ToPinyinMulti`, maps every character from
//! U+3007 (〇) to U+9FFF to a *reading set*: all its toneless readings (every
//! reading of a polyphonic character: 长 → `chang zhang`), deduplicated, `ü`
//! spelled `v` as pinyin keyboards do. Characters with identical readings
//! share a set, so the table is ~57 KB of `u16` set ids plus a few thousand
//! sets whose syllables live in one flat string, plus a `u32` of lead letters
//! per character for the hot loops (~115 KB). A headline stores no pinyin,
//! only a sketch for rejecting it early: where each letter leads a reading,
//! by quarter of the headline, and which letter pairs occur inside its
//! readings (see [`FuzzyTerm::may_match`]).
//!
//! **How a query matches.** A query term of lowercase ASCII letters and digits
//! is split, every way possible, into pieces that each are a non-empty prefix
//! of a reading of one character, the characters in text order with gaps
//! allowed. That one rule covers initials (`mtf` → 毛腾飞), full pinyin
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
    /// The set's leads per code point, copied out so that the hot loops
    /// (most characters cannot continue a match) need one load per character.
    leads_of: Box<[u32]>,
    sets: Vec<ReadingSet>,
    /// Every set's syllables, space-separated, back to back.
    syllables: String,
    /// A dense id (< 128) for each pair of letters that occurs in a row
    /// inside some reading (`ma`, `ao`, `zh`: 115 of the 676 pairs), or
    /// `NO_PAIR`; lets a headline's pairs fit in one exact `u128`.
    pair_ids: [u8; 26 * 26],
}

const NO_PAIR: u8 = u8::MAX;

/// Index of a pair of lowercase letters in `pair_ids`.
#[inline]
fn pair_slot(a: u8, b: u8) -> Option<usize> {
    (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        .then(|| (a - b'a') as usize * 26 + (b - b'a') as usize)
}

/// What one text character can match.
#[derive(Clone, Copy)]
pub(crate) enum Unit<'a> {
    /// An ASCII letter or digit matches itself (as typed, for the case penalty).
    Literal(u8),
    /// A Chinese character matches prefixes of its readings (space-separated).
    Readings(&'a [u8]),
    /// Any character, matched by a character term as itself.
    Char(char),
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
        let leads_of = set_of
            .iter()
            .map(|&id| sets[id as usize].leads as u32)
            .collect();
        let mut pair_ids = [NO_PAIR; 26 * 26];
        let mut next = 0u8;
        let pairs = sets.iter().flat_map(|set| {
            let text = &syllables.as_bytes()[set.start as usize..(set.start + set.len) as usize];
            text.windows(2)
        });
        for w in pairs {
            if let Some(slot) = pair_slot(w[0], w[1])
                && pair_ids[slot] == NO_PAIR
            {
                assert!(next < 128, "more than 128 letter pairs in pinyin");
                pair_ids[slot] = next;
                next += 1;
            }
        }
        PinyinTable {
            set_of,
            leads_of,
            sets,
            syllables,
            pair_ids,
        }
    }

    /// The lead bits of `c`: which letters (or the digit) a piece matched by
    /// `c` can start with. Zero for characters that match nothing.
    #[inline]
    pub(crate) fn lead_bits(&self, c: char) -> u64 {
        let code = c as u32;
        if code < 0x80 {
            return lead_bit(code as u8);
        }
        match self.leads_of.get(code.wrapping_sub(FIRST) as usize) {
            Some(&leads) => leads as u64,
            None => 0,
        }
    }

    /// [`lead_bits`](Self::lead_bits), or every bit for a character that
    /// has none (a quotation mark): what can stand where it stands, as far
    /// as a bound can tell.
    #[inline]
    pub(crate) fn lead_bits_or_any(&self, c: char) -> u64 {
        match self.lead_bits(c) {
            0 => u64::MAX,
            l => l,
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
    /// Where in `text` each letter leads a reading, by quarter: bit
    /// `letter * 4 + quarter` is set when a character in that quarter of the
    /// text (by character index) has a reading starting with that letter, or
    /// is that letter. Letters only; digits are left to the character sketch.
    pub(crate) fn lead_quarters(&self, text: &str) -> u128 {
        let len = text.chars().count().max(1);
        let mut bits = 0u128;
        for (j, c) in text.chars().enumerate() {
            let quarter = (j * 4 / len) as u32;
            let mut letters = self.lead_bits(c) & ((1 << 26) - 1);
            while letters != 0 {
                let letter = letters.trailing_zeros();
                letters &= letters - 1;
                bits |= 1u128 << (letter * 4 + quarter);
            }
        }
        bits
    }

    /// The bit of the letter pair `a b` if it occurs inside some reading, else 0.
    #[inline]
    pub(crate) fn pair_bit(&self, a: u8, b: u8) -> u128 {
        match pair_slot(a, b).map(|slot| self.pair_ids[slot]) {
            Some(id) if id != NO_PAIR => 1 << id,
            _ => 0,
        }
    }

    /// The letter pairs inside the readings of every character of `text`,
    /// exactly (see [`pair_bit`](Self::pair_bit)).
    pub(crate) fn pairs(&self, text: &str) -> u128 {
        let mut bits = 0;
        for c in text.chars() {
            if let Unit::Readings(r) = self.unit(c).1 {
                for w in r.windows(2) {
                    bits |= self.pair_bit(w[0], w[1]);
                }
            }
        }
        bits
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

    /// The largest in-place bonus a character after the first can earn.
    fn best_in_place(&self) -> i32 {
        self.bonus_head.max(self.bonus_break).max(self.bonus_camel)
    }

    /// Skim's in-place bonus for matching `cur` after `prev` (`None` = start).
    #[inline]
    fn in_place(&self, prev: Option<char>, cur: char) -> i32 {
        // Skim counts a non-ASCII character as a lowercase letter: after one
        // (Chinese after Chinese, nearly always) only an uppercase Latin
        // letter earns a bonus (a camel hump: 启动GDP), no classification needed.
        if prev.is_some_and(|p| !p.is_ascii()) {
            return if cur.is_ascii_uppercase() {
                self.bonus_camel
            } else {
                0
            };
        }
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

/// What the letters of a pinyin piece after its first add: each scores like
/// one more matched character, so `zhang` on 长 (one whole syllable) beats
/// five initials scattered over a headline, and typing more of a syllable
/// never makes its character rank lower.
#[inline]
fn syllable_bonus(s: &Scoring, letters: usize) -> i32 {
    (letters as i32 - 1) * s.score_match
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
    /// characters) to the next: the [`neighbours`] bit a text must have for
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
    pub(crate) fn score(&self, table: &PinyinTable, text: &str) -> Option<i64> {
        let s = scoring();
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
                continue;
            }
            let mut bonus = s.in_place(prev, c);
            if j == 0 {
                bonus *= s.first_char_multiplier;
            }
            prev = Some(c);
            let mut unit = None;
            let before = reach;
            // Highest row first: a row written now is above the row read,
            // so no row is read after being overwritten at this character.
            let mut rows = reach & self.rows_with(leads) & ((1u128 << n) - 1);
            while rows != 0 {
                let q0 = 127 - rows.leading_zeros() as usize;
                rows &= !(1u128 << q0);
                let (via_match, via_gap) = if q0 == 0 {
                    (NEG, s.gap_extension + bonus)
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
            if reach != before {
                wanted = self.wanted(reach);
            }
        }
        (best > NEG / 2).then_some(best as i64)
    }

    /// Whether the term matches `text` at all: the set of consumed term
    /// prefixes reachable after each character, without scores. What the
    /// filter asks of a headline that cannot rank among the hits shown.
    pub(crate) fn matches(&self, table: &PinyinTable, text: &str) -> bool {
        let n = self.len();
        let done = 1u128 << n;
        let mut reach: u128 = 1;
        let mut wanted = self.lead_at[0];
        for c in text.chars() {
            let leads = self.leads(table, c);
            if leads & wanted == 0 {
                continue;
            }
            let mut unit = None;
            let before = reach;
            let mut rows = reach & self.rows_with(leads) & (done - 1);
            while rows != 0 {
                let q0 = rows.trailing_zeros() as usize;
                rows &= rows - 1;
                // Rows reached at this character are not extended by it:
                // `rows` is the set from before it.
                if self.whole_piece(q0) {
                    reach |= 1 << (q0 + 1);
                } else {
                    let unit = *unit.get_or_insert_with(|| self.unit(table, c));
                    self.piece_lengths(q0, unit, |l, _| {
                        reach |= ((1u128 << l) - 1) << (q0 + 1);
                    });
                }
            }
            if reach & done != 0 {
                return true;
            }
            if reach != before {
                wanted = self.wanted(reach);
            }
        }
        false
    }

    /// The best Skim-style score of the term against `text`, and with
    /// `positions` the char indices of the matched characters (skim's full
    /// recurrence with back-pointers; used for the hits shown).
    // Rows index several arrays and bit sets at once; index loops are clearer.
    #[allow(clippy::needless_range_loop)]
    pub(crate) fn align(
        &self,
        table: &PinyinTable,
        text: &str,
        positions: bool,
    ) -> Option<(i64, Vec<usize>)> {
        let s = scoring();
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
                let via_gap = p_old[q0] + bonus;
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

/// Skim's score for a one-character pattern, without its matrix: the best
/// single position, `score_match + gap_extension + in-place bonus` (the
/// first column's bonus doubled), less the case penalty. `matches` says
/// whether a text character matches, and if so whether in the same case.
///
/// This is the keystroke that matches the most headlines (the first one), so
/// it gets a pass of its own; tests check it against `SkimMatcherV2`.
pub(crate) fn score_single(text: &str, matches: impl Fn(char) -> Option<bool>) -> Option<i64> {
    let s = scoring();
    let mut best: Option<i32> = None;
    let mut prev = None;
    for (j, c) in text.chars().enumerate() {
        if let Some(same_case) = matches(c) {
            let mut bonus = s.in_place(prev, c);
            if j == 0 {
                bonus *= s.first_char_multiplier;
            }
            let penalty = if same_case {
                0
            } else {
                s.penalty_case_mismatch
            };
            let score = s.score_match + s.gap_extension + bonus + penalty;
            best = Some(best.map_or(score, |b| b.max(score)));
        }
        prev = Some(c);
    }
    best.map(i64::from)
}

/// The characters of `text` after the first that earn skim's in-place
/// bonus (a word start after a space or separator, a camel hump): the only
/// places besides the first character where a match can score more than a
/// character inside a word (Chinese after Chinese earns none). Returns how
/// many there are and what is at them (see [`Boundaries`]).
pub(crate) fn boundaries(text: &str) -> Boundaries {
    let s = scoring();
    let table = PinyinTable::get();
    let mut prev = None;
    let mut found = Boundaries {
        word_gap: MAX_WORD_GAP,
        ..Boundaries::default()
    };
    let mut at_boundary = false;
    // Where the last word started: the text's start counts.
    let mut last_start = 0;
    for (j, c) in text.chars().enumerate() {
        if at_boundary && let Some(b) = prev {
            found.pairs |=
                fold64(bigram_bit(b, c) | lead_pairs(table.lead_bits(b), table.lead_bits(c)));
        }
        at_boundary = prev.is_some() && s.in_place(prev, c) > 0;
        if at_boundary {
            found.count += 1;
            found.leads |= table.lead_bits_or_any(c);
            found.chars |= char_bit(c);
            found.word_gap = found.word_gap.min((j - last_start - 1) as u32);
            last_start = j;
        }
        prev = Some(c);
    }
    found
}

/// The most boundaries a headline counts ([`BoundCase::later_boundaries`]).
pub(crate) const MAX_BOUNDARIES: u32 = 7;

/// The most [`Boundaries::word_gap`] tells (a gap of 7 characters already
/// costs more than a word start earns).
pub(crate) const MAX_WORD_GAP: u32 = 7;

/// A text's [`boundaries`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Boundaries {
    pub count: u32,
    /// The lead bits of the characters at them ([`PinyinTable::lead_bits`];
    /// all bits for a character that has none, such as a quotation mark)…
    pub leads: u64,
    /// …the characters at them, as a Bloom filter ([`char_bit`])…
    pub chars: u64,
    /// …and the pairs of a character at one and the next: [`neighbours`]'
    /// bits of both kinds, [`fold64`]ed.
    pub pairs: u64,
    /// The fewest characters between two word starts (the text's start one
    /// of them), up to [`MAX_WORD_GAP`]: what a match at one word start
    /// skips at least to reach the next.
    pub word_gap: u32,
}

/// A [`neighbours`] bit (or set) in 64 bits: the two halves together.
#[inline]
pub(crate) fn fold64(bits: u128) -> u64 {
    bits as u64 | (bits >> 64) as u64
}

/// A character's bit in a 64-bit Bloom filter, ASCII letters lowercased.
#[inline]
pub(crate) fn char_bit(c: char) -> u64 {
    1 << ((c.to_ascii_lowercase() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

/// Which pairs of neighbouring characters a text has, as two 128-bit Bloom
/// filters: the characters themselves (ASCII lowercased: [`bigram_bit`]),
/// and, when `pinyin`, the letters their readings start with
/// ([`lead_pair_bit`]). A term's character or pinyin letter whose pair with
/// the one before it is missing cannot follow it right after: it comes after
/// a gap, and its score's bound is lower (see [`term_bound`]).
pub(crate) fn neighbours(text: &str, pinyin: bool) -> (u128, u128) {
    let table = PinyinTable::get();
    let (mut chars, mut leads) = (0u128, 0u128);
    let mut prev: Option<(char, u64)> = None;
    for c in text.chars() {
        let c_leads = if pinyin { table.lead_bits(c) } else { 0 };
        if let Some((p, p_leads)) = prev {
            chars |= bigram_bit(p, c);
            leads |= lead_pairs(p_leads, c_leads);
        }
        prev = Some((c, c_leads));
    }
    (chars, leads)
}

/// The [`lead_pair_bit`]s of two neighbouring characters' lead bits.
fn lead_pairs(a: u64, b: u64) -> u128 {
    let mut bits = 0;
    let mut xs = a;
    while xs != 0 {
        let x = xs.trailing_zeros();
        xs &= xs - 1;
        let mut ys = b;
        while ys != 0 {
            let y = ys.trailing_zeros();
            ys &= ys - 1;
            bits |= lead_pair_bit(x, y);
        }
    }
    bits
}

/// The Bloom bit of two neighbouring characters, ASCII letters lowercased.
#[inline]
pub(crate) fn bigram_bit(a: char, b: char) -> u128 {
    let (a, b) = (a.to_ascii_lowercase() as u64, b.to_ascii_lowercase() as u64);
    1 << ((a << 21 | b).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57)
}

/// The Bloom bit of two neighbouring characters' leading letters, as
/// indices of [`lead_bit`].
#[inline]
pub(crate) fn lead_pair_bit(x: u32, y: u32) -> u128 {
    let pair = (x * 64 + y) as u64 | 1 << 42;
    1 << (pair.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> 57)
}

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
    /// The fewest characters between two word starts ([`Boundaries::word_gap`]).
    pub word_gap: u32,
    /// With `at_first`: the fewest characters skipped before the second
    /// unit when it does not come right after (at least 1).
    pub first_skip: u32,
    /// How many of the term's later characters cannot match right after the
    /// one before (see [`neighbours`]): each comes after a gap.
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
/// boundary ([`boundaries`]), none elsewhere. A later one right after the
/// one before gets the consecutive bonus, or its in-place bonus at a
/// boundary; after a gap (always, for the `gaps` that cannot follow right
/// after), its in-place bonus less the gap's cost. A pinyin piece's
/// extra letters each score one more `score_match` ([`syllable_bonus`]), so
/// counting letters rather than pieces bounds it.
///
/// Fuzzy-matcher's own matcher (`by_skim`, for terms longer than
/// [`MAX_TERM`]) reads a consecutive match's bonus from a cell of its matrix
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
/// [`FuzzyTerm`]: the longer term's best alignment, without its last unit,
/// is an alignment of the shorter term, so it scores at most the shorter
/// term's best; the last unit adds a match (`score_match`) and at most a
/// word start's or a run's bonus, its gap never adds (the doubled
/// first-character bonus goes to the first unit only), and a letter that
/// lengthens a pinyin piece adds one more `score_match`
/// ([`syllable_bonus`]). What lets a refined query bound a headline's
/// score by the score it had a keystroke earlier.
pub(crate) fn unit_gain() -> i64 {
    let s = scoring();
    (s.score_match + s.best_in_place().max(s.bonus_consecutive).max(0)) as i64
}

fn scoring() -> &'static Scoring {
    static SCORING: OnceLock<Scoring> = OnceLock::new();
    SCORING.get_or_init(Scoring::skim)
}
