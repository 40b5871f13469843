//! Skim's scoring, as fuzzy-matcher's `SkimMatcherV2` scores: its constants
//! (read from fuzzy-matcher so they cannot drift), the in-place bonus a
//! matched character earns, and the one-character score without a matrix.
//! The matcher that applies them is `fuzzy.rs`.

use fuzzy_matcher::skim::SkimScoreConfig;
use std::sync::OnceLock;

/// Skim's scoring constants, read from fuzzy-matcher so they cannot drift.
#[derive(Clone, Copy)]
pub(super) struct Scoring {
    pub(super) score_match: i32,
    pub(super) gap_start: i32,
    pub(super) gap_extension: i32,
    pub(super) first_char_multiplier: i32,
    bonus_head: i32,
    bonus_break: i32,
    bonus_camel: i32,
    pub(super) bonus_consecutive: i32,
    pub(super) penalty_case_mismatch: i32,
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
    pub(super) fn best_in_place(&self) -> i32 {
        self.bonus_head.max(self.bonus_break).max(self.bonus_camel)
    }

    /// Skim's in-place bonus for matching `cur` after `prev` (`None` = start).
    #[inline]
    pub(super) fn in_place(&self, prev: Option<char>, cur: char) -> i32 {
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

pub(super) fn scoring() -> &'static Scoring {
    static SCORING: OnceLock<Scoring> = OnceLock::new();
    SCORING.get_or_init(Scoring::skim)
}
