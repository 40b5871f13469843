//! What a headline stores to be rejected or bounded before any matching:
//! its word boundaries, a Bloom filter of its characters, and which
//! character pairs and pinyin lead-letter pairs occur in it.

use super::pinyin::PinyinTable;
use super::skim::scoring;

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

/// The most boundaries a headline counts ([`BoundCase::later_boundaries`](super::bounds::BoundCase::later_boundaries)).
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
/// a gap, and its score's bound is lower (see [`term_bound`](super::bounds::term_bound)).
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
/// indices of [`lead_bit`](super::pinyin::lead_bit).
#[inline]
pub(crate) fn lead_pair_bit(x: u32, y: u32) -> u128 {
    let pair = (x * 64 + y) as u64 | 1 << 42;
    1 << (pair.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> 57)
}
