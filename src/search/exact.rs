//! Exact and anchored words (`'term`, `^term`, `term$`, `^term$`, and every
//! `!term`): where in a folded headline a term stands, as itself or, for a
//! lowercase Latin term, as a pinyin run (neighbouring characters whose
//! readings spell it: `^dhhs` finds a headline that starts 大好河山).

use super::pinyin::{PinyinTable, Unit};
use super::syntax::Anchor;

/// An exact or anchored word, prepared for matching.
#[derive(Debug, Clone)]
pub(super) struct ExactTerm {
    /// Folded text of the term.
    text: String,
    /// Smart case, as for fuzzy terms.
    case_sensitive: bool,
    anchor: Anchor,
    /// Lowercase ASCII letters and digits, with pinyin on: also matched as a
    /// pinyin run.
    pinyin: bool,
}

impl ExactTerm {
    pub(super) fn new(text: &str, anchor: Anchor, pinyin: bool) -> ExactTerm {
        let case_sensitive = text.bytes().any(|b| b.is_ascii_uppercase());
        let pinyin = pinyin
            && text.len() <= super::pinyin::MAX_TERM
            && text.bytes().any(|b| b.is_ascii_lowercase())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        ExactTerm {
            text: text.to_string(),
            case_sensitive,
            anchor,
            pinyin,
        }
    }

    /// Characters every text it matches has (none when pinyin may stand in
    /// for them).
    pub(super) fn required_chars(&self) -> &str {
        if self.pinyin { "" } else { &self.text }
    }

    /// Where the term stands in `text`: the char range of its first
    /// occurrence as the anchor allows, or `None`.
    pub(super) fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.find_literal(text)
            .or_else(|| self.pinyin.then(|| self.find_pinyin(text)).flatten())
    }

    fn same(&self, a: &str) -> bool {
        if self.case_sensitive {
            a == self.text
        } else {
            a.eq_ignore_ascii_case(&self.text)
        }
    }

    /// As itself; the range in chars.
    fn find_literal(&self, text: &str) -> Option<(usize, usize)> {
        let n = self.text.len();
        let at = |byte: usize| text[..byte].chars().count();
        let range = |byte: usize| {
            let start = at(byte);
            (start, start + self.text.chars().count())
        };
        let fits = |byte: usize| {
            text.is_char_boundary(byte)
                && text
                    .get(byte..byte + n)
                    .is_some_and(|piece| self.same(piece))
        };
        match self.anchor {
            Anchor::Prefix => fits(0).then(|| range(0)),
            Anchor::Suffix => text.len().checked_sub(n).filter(|&b| fits(b)).map(range),
            Anchor::Whole => (text.len() == n && fits(0)).then(|| range(0)),
            Anchor::Substring | Anchor::Fuzzy => {
                if self.case_sensitive || !self.text.bytes().any(|b| b.is_ascii_alphabetic()) {
                    text.find(&self.text).map(range)
                } else {
                    text.char_indices()
                        .map(|(b, _)| b)
                        .find(|&b| fits(b))
                        .map(range)
                }
            }
        }
    }

    /// As a pinyin run; the range in chars.
    fn find_pinyin(&self, text: &str) -> Option<(usize, usize)> {
        let chars: Vec<char> = text.chars().collect();
        let last = chars.len().checked_sub(1)?;
        let starts = match self.anchor {
            Anchor::Prefix | Anchor::Whole => 0..1,
            _ => 0..chars.len(),
        };
        let must_end = matches!(self.anchor, Anchor::Suffix | Anchor::Whole);
        starts.into_iter().find_map(|start| {
            let ends = run_ends(self.text.as_bytes(), &chars[start..]);
            let end = if must_end {
                ends.contains(&(last - start)).then_some(last - start)
            } else {
                ends.first().copied()
            }?;
            Some((start, start + end + 1))
        })
    }
}

/// Where a pinyin run spelling all of `term` can end in `chars` when it
/// starts at `chars[0]`: offsets of the last character, ascending. Every
/// character of the run takes a non-empty prefix of one of its readings (an
/// ASCII letter or digit is its own reading), so initials, full and mixed
/// spellings and a half-typed last syllable all make runs.
pub(super) fn run_ends(term: &[u8], chars: &[char]) -> Vec<usize> {
    let table = PinyinTable::get();
    let n = term.len();
    if n == 0 || n > super::pinyin::MAX_TERM {
        return Vec::new();
    }
    let done = 1u128 << n;
    // Bit q: the first q letters are spelled by the run so far.
    let mut reach: u128 = 1;
    let mut ends = Vec::new();
    for (j, &c) in chars.iter().enumerate() {
        let mut next = 0u128;
        let unit = table.unit(c).1;
        let mut rows = reach & (done - 1);
        while rows != 0 {
            let q = rows.trailing_zeros() as usize;
            rows &= rows - 1;
            match unit {
                Unit::Literal(b) => {
                    if b.to_ascii_lowercase() == term[q] {
                        next |= 1 << (q + 1);
                    }
                }
                Unit::Readings(r) => {
                    for syllable in r.split(|&b| b == b' ') {
                        let l = syllable
                            .iter()
                            .zip(&term[q..])
                            .take_while(|(a, b)| a == b)
                            .count();
                        next |= ((1u128 << l) - 1) << (q + 1);
                    }
                }
                Unit::Char(_) | Unit::Nothing => {}
            }
        }
        if next & done != 0 {
            ends.push(j);
        }
        reach = next & (done - 1);
        if reach == 0 {
            break;
        }
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(term: &str, anchor: Anchor, text: &str) -> Option<(usize, usize)> {
        ExactTerm::new(term, anchor, true).find(text)
    }

    #[test]
    fn literal_anchors() {
        use Anchor::*;
        assert_eq!(find("河山", Substring, "大好河山在望"), Some((2, 4)));
        assert_eq!(find("河山", Prefix, "大好河山在望"), None);
        assert_eq!(find("大好", Prefix, "大好河山在望"), Some((0, 2)));
        assert_eq!(find("在望", Suffix, "大好河山在望"), Some((4, 6)));
        assert_eq!(find("河山", Suffix, "大好河山在望"), None);
        assert_eq!(find("大好河山", Whole, "大好河山"), Some((0, 4)));
        assert_eq!(find("大好河", Whole, "大好河山"), None);
        // Smart case: lowercase matches either case, uppercase only itself.
        assert_eq!(find("gdp", Substring, "全年GDP增长"), Some((2, 5)));
        assert_eq!(find("Gdp", Substring, "全年GDP增长"), None);
    }

    #[test]
    fn latin_terms_also_match_pinyin_runs_at_the_anchor() {
        use Anchor::*;
        // 大好河山: da hao he shan.
        assert_eq!(find("dh", Prefix, "大好河山"), Some((0, 2)));
        assert_eq!(find("dahaoh", Prefix, "大好河山"), Some((0, 3)));
        assert_eq!(find("hs", Prefix, "大好河山"), None);
        assert_eq!(find("hs", Suffix, "大好河山"), Some((2, 4)));
        assert_eq!(find("hes", Substring, "大好河山"), Some((2, 4)));
        // Neighbours only: 大…河 are not a run.
        assert_eq!(find("dhs", Substring, "大好河山"), None);
        assert_eq!(find("dhhs", Whole, "大好河山"), Some((0, 4)));
        // Uppercase means Latin: no pinyin.
        assert_eq!(find("DH", Prefix, "大好河山"), None);
    }

    #[test]
    fn run_ends_counts_half_typed_syllables() {
        let chars: Vec<char> = "大好河山".chars().collect();
        assert_eq!(run_ends(b"dah", &chars), vec![1]);
        assert_eq!(run_ends(b"da", &chars), vec![0]);
        assert_eq!(run_ends(b"x", &chars), Vec::<usize>::new());
    }
}
