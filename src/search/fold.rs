//! Width and compatibility folding (NFKC), applied one character at a time so
//! that every folded character can be traced back to the character it came
//! from.
//!
//! Whole-string NFKC would also compose sequences such as `e` + U+0301 into
//! `é`, which breaks the one-way mapping back to the original text; per
//! character NFKC keeps the mapping trivial and differs from it only on such
//! combining sequences, which OCR'd Chinese newspapers do not contain.

use unicode_normalization::UnicodeNormalization;

/// True for characters that NFKC leaves alone and that make up nearly all of a
/// Chinese page: ASCII and the two big CJK blocks. Skipping the normalizer for
/// them keeps folding cheap.
#[inline]
fn is_fold_invariant(c: char) -> bool {
    c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Calls `out` with the NFKC form of `c` (usually one character; `①` gives
/// `1`, `㈱` gives `(株)`).
#[inline]
pub(crate) fn fold_char(c: char, mut out: impl FnMut(char)) {
    if is_fold_invariant(c) {
        out(c);
    } else {
        std::iter::once(c).nfkc().for_each(out);
    }
}

/// [`fold`], borrowing `s` when it is its own fold: every character one
/// that NFKC leaves alone, as in most lines of a Chinese page without
/// full-width punctuation.
pub(crate) fn fold_cow(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().find(|&(_, c)| !is_fold_invariant(c)) {
        None => std::borrow::Cow::Borrowed(s),
        Some((at, _)) => {
            let mut out = String::with_capacity(s.len());
            out.push_str(&s[..at]);
            for c in s[at..].chars() {
                fold_char(c, |f| out.push(f));
            }
            std::borrow::Cow::Owned(out)
        }
    }
}

/// The folded form of `s` (NFKC per character).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

/// Folded text that remembers where each folded character came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Folded {
    pub text: String,
    /// For each folded character, the index of the original character it came
    /// from; `None` when folding kept the character count, so that indices are
    /// the same on both sides.
    pub char_map: Option<Vec<u32>>,
}

/// Folds `s`, keeping a character map only when the character count changed.
pub(crate) fn fold_mapped(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map: Vec<u32> = Vec::new();
    let mut count_changed = false;
    for (i, c) in s.chars().enumerate() {
        let mut produced = 0;
        fold_char(c, |f| {
            text.push(f);
            map.push(i as u32);
            produced += 1;
        });
        count_changed |= produced != 1;
    }
    Folded {
        text,
        char_map: count_changed.then_some(map),
    }
}

/// The byte map from folded text ([`fold`]) back to the original, for body
/// search, whose matches are reported as byte ranges in the original text.
pub(crate) struct FoldedBytes {
    /// `orig_start[b]`: byte offset in the original of the character that
    /// produced folded byte `b`; one extra element holds the original length.
    orig_start: Vec<u32>,
    /// `orig_end[b]`: end (exclusive) in the original of that same character.
    orig_end: Vec<u32>,
}

impl FoldedBytes {
    /// The map of `s` folded (ASCII case changes no byte offset).
    pub fn new(s: &str) -> FoldedBytes {
        let mut orig_start = Vec::with_capacity(s.len() + 1);
        let mut orig_end = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            let end = (i + c.len_utf8()) as u32;
            fold_char(c, |f| {
                for _ in 0..f.len_utf8() {
                    orig_start.push(i as u32);
                    orig_end.push(end);
                }
            });
        }
        orig_start.push(s.len() as u32);
        orig_end.push(s.len() as u32);
        FoldedBytes {
            orig_start,
            orig_end,
        }
    }

    /// The original byte range covering folded bytes `start..end` (whole
    /// original characters: a match inside `㈱`'s `(株)` highlights all of `㈱`).
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let s = self.orig_start[start] as usize;
        let e = if end > start {
            self.orig_end[end - 1] as usize
        } else {
            s
        };
        s..e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_folds_to_half_width() {
        assert_eq!(fold("５Ｇ基站ＡＢＣ，（株洲）"), "5G基站ABC,(株洲)");
        assert_eq!(fold("毛腾飞"), "毛腾飞");
    }

    #[test]
    fn char_map_only_when_count_changes() {
        assert_eq!(fold_mapped("５Ｇ").char_map, None);
        let f = fold_mapped("甲①㈱乙");
        assert_eq!(f.text, "甲1(株)乙");
        assert_eq!(f.char_map, Some(vec![0, 1, 2, 2, 2, 3]));
    }

    #[test]
    fn a_text_of_invariant_characters_is_its_own_fold() {
        for s in ["株洲市委书记 Li Wei 2024", "㐀䶿一鿿", ""] {
            assert_eq!(fold(s), s);
            assert!(matches!(fold_cow(s), std::borrow::Cow::Borrowed(_)));
        }
        for s in ["５Ｇ基站", "甲①", "（株洲）", "\u{3000}正文", "株洲，醴陵"] {
            assert_ne!(fold(s), s);
            assert!(matches!(fold_cow(s), std::borrow::Cow::Owned(_)));
            assert_eq!(fold_cow(s), fold(s), "{s}");
        }
    }

    #[test]
    fn byte_map_points_into_the_original() {
        let s = "上半年５Ｇ基站";
        let (text, f) = (fold(s), FoldedBytes::new(s));
        assert_eq!(text, "上半年5G基站");
        let at = text.find("5G").unwrap();
        assert_eq!(&s[f.original_range(at, at + 2)], "５Ｇ");
        let at = text.find("基站").unwrap();
        assert_eq!(&s[f.original_range(at, at + "基站".len())], "基站");
    }
}
