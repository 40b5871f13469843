//! Pinyin readings: the process-wide table that lets Latin letters find
//! Chinese text (the matcher that uses it is `fuzzy.rs`).
//!
//! **How pinyin is indexed.** Not per headline at all: one process-wide table,
//! built on first use from `pinyin::ToPinyinMulti`, maps every character from
//! U+3007 (〇) to U+9FFF to a *reading set*: its toneless readings that
//! pinyin matches (see `readings.rs`: the common one, and every reading in
//! everyday use of a polyphonic character: 长 → `chang zhang`), `ü`
//! spelled `v` as pinyin keyboards do. Characters with identical readings
//! share a set, so the table is ~57 KB of `u16` set ids plus a few thousand
//! sets whose syllables live in one flat string, plus a `u32` of lead letters
//! per character for the hot loops (~115 KB). A headline stores no pinyin,
//! only a sketch for rejecting it early: where each letter leads a reading,
//! by quarter of the headline, and which letter pairs occur inside its
//! readings (see [`FuzzyTerm::may_match`](super::fuzzy::FuzzyTerm::may_match)).

use pinyin::ToPinyinMulti;
use std::collections::HashMap;
use std::sync::OnceLock;

pub(super) const FIRST: u32 = 0x3007;
pub(super) const LAST: u32 = 0x9FFF;

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
        let polyphones: HashMap<char, Vec<&str>> = super::readings::polyphones().collect();
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
            if let Some(c) = char::from_u32(code) {
                super::readings::keep_meant(&mut readings, polyphones.get(&c).map(Vec::as_slice));
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
