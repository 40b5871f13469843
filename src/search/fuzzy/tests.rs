//! The matcher's tests: pinyin and character terms scored as skim scores
//! the characters they land on, the fast pass equal to the full recurrence,
//! the sketch's early rejections.

use super::super::fold;
use super::super::headline::HeadlineIndex;
use super::super::test_support::{entry, pinyin_terms_for, synthetic_entries};
use super::super::{FilterResult, Scope};
use super::*;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

fn run(index: &HeadlineIndex, query: &str) -> FilterResult {
    index.filter(query, Scope::All, 20, &|| false).unwrap()
}

#[test]
fn pinyin_scores_as_if_the_characters_were_typed() {
    // A pinyin match scores what skim gives the characters it lands on.
    let table = PinyinTable::get();
    for (text, py, chars) in [
        ("王小明与宏远公司董事长李大伟座谈", "wxm", "王小明"),
        ("王小明与宏远公司董事长李大伟座谈", "lidw", "李大伟"),
        ("王小明与宏远公司董事长李大伟座谈", "dszl", "董事长李"),
        ("全国最长大桥 海上风电场开工", "hsfd", "海上风电"),
        ("全国最长大桥", "zcd", "最长大"),
        ("Abc def", "abde", "Abde"),
    ] {
        // Typed Latin letters keep their (lowercase) case: skim's
        // case-mismatch penalty applies to `A` as it would to a typed `a`.
        let typed: String = chars
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_ascii_lowercase()
                } else {
                    c
                }
            })
            .collect();
        let term = FuzzyTerm::pinyin(py).unwrap();
        let (score, positions) = term.align(table, text, true).unwrap();
        let landed: String = positions
            .iter()
            .map(|&p| text.chars().nth(p).unwrap())
            .collect();
        assert_eq!(landed, chars, "{py} in {text}");
        assert_eq!(term.align(table, text, false).unwrap().0, score);
        // A fresh matcher: skim reuses scratch buffers between calls. Each
        // letter of a syllable after its first adds one match's worth.
        let skim = SkimMatcherV2::default().fuzzy_match(text, &typed).unwrap();
        let extra_letters = (py.len() - chars.chars().count()) as i64;
        let one_match = fuzzy_matcher::skim::SkimScoreConfig::default().score_match as i64;
        assert_eq!(score, skim + extra_letters * one_match, "{py} in {text}");
    }
}

#[test]
fn a_whole_syllable_beats_the_same_letters_as_scattered_initials() {
    let table = PinyinTable::get();
    let term = FuzzyTerm::pinyin("zhang").unwrap();
    let syllable = term.score(table, "全国最长大桥").unwrap();
    // z h a n g as initials spread over a headline (这 会 按 年 估)
    assert!(syllable > 0);
    // Scattered, they are no match at all: pinyin means neighbours.
    assert_eq!(term.score(table, "国内这里会议按时年底估计"), None);
    let (_, positions) = term.align(table, "全国最长大桥", true).unwrap();
    assert_eq!(positions, [3], "the highlight is on 长");
}

#[test]
fn fast_pinyin_score_equals_the_full_recurrence() {
    let table = PinyinTable::get();
    let mut checked = 0;
    for (i, entry) in synthetic_entries(400, 50, 7).enumerate() {
        let text = fold::fold(&entry.text);
        let mut terms = pinyin_terms_for(&text, i);
        // Terms that mostly miss, or match scattered.
        terms.extend(
            [
                "zw", "zwfw", "mtf", "dy", "5g", "gdp", "zzzz", "xq", "a", "z",
            ]
            .map(String::from),
        );
        for term in terms {
            let Some(t) = FuzzyTerm::pinyin(&term) else {
                continue;
            };
            let full = t.align(table, &text, false).map(|a| a.0);
            let fast = t.score(table, &text);
            assert_eq!(fast, full, "{term} in {text}");
            assert_eq!(t.matches(table, &text), full.is_some(), "{term} in {text}");
            if full.is_some() {
                let sketch = (table.lead_quarters(&text), table.pairs(&text));
                assert!(
                    t.may_match(sketch.0, sketch.1),
                    "sketch rejects {term} in {text}"
                );
            }
            let shown = t.align(table, &text, true).map(|a| a.0);
            assert_eq!(shown, full, "{term} in {text}");
            if t.len() == 1 {
                assert_eq!(t.score_single(table, &text), full, "{term} in {text}");
            }
            checked += full.is_some() as usize;
        }
    }
    assert!(checked > 1000, "only {checked} matches checked");
}

#[test]
fn sketch_rejects_letters_in_the_wrong_order() {
    let table = PinyinTable::get();
    let sketch = |t: &str| (table.lead_quarters(t), table.pairs(t));
    let zw = FuzzyTerm::pinyin("zw").unwrap();
    // 委 (wei) before 漳州 (zhang zhou): no z…w in order.
    let (q, p) = sketch("市委书记漳州调研");
    assert!(!zw.may_match(q, p));
    let (q, p) = sketch("漳州市委书记调研");
    assert!(zw.may_match(q, p));
    // zh continues a reading: one character (漳) can take both letters.
    let zh = FuzzyTerm::pinyin("zh").unwrap();
    let (q, p) = sketch("调研漳");
    assert!(zh.may_match(q, p));
}

/// Skim's recurrence as fuzzy-matcher documents it, over a full matrix with
/// every cell fresh: what `FuzzyTerm` must compute, without its shortcuts.
fn skim_recurrence(text: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
    let c = fuzzy_matcher::skim::SkimScoreConfig::default();
    let neg = i64::MIN / 4;
    let t: Vec<char> = text.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    let kind = |ch: char| match ch {
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => 0,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => 1,
        '0'..='9' => 2,
        'A'..='Z' => 3,
        _ => 4,
    };
    let bonus: Vec<i64> = (0..t.len())
        .map(|j| {
            let b = match (if j == 0 { 0 } else { kind(t[j - 1]) }, kind(t[j])) {
                (0, _) => c.bonus_head,
                (1, _) => c.bonus_break,
                (2 | 4, 3) => c.bonus_camel,
                _ => 0,
            } as i64;
            if j == 0 {
                b * c.bonus_first_char_multiplier as i64
            } else {
                b
            }
        })
        .collect();
    // m[i][j], p[i][j]: the first i pattern chars placed within the first j text chars.
    let mut m = vec![vec![neg; t.len() + 1]; p.len() + 1];
    let mut g = vec![vec![neg; t.len() + 1]; p.len() + 1];
    g[0].fill(c.gap_extension as i64);
    for i in 1..=p.len() {
        for j in 1..=t.len() {
            let (ch, want) = (t[j - 1], p[i - 1]);
            let equal = if case_sensitive {
                ch == want
            } else {
                ch.eq_ignore_ascii_case(&want)
            };
            if equal {
                let penalty = if !case_sensitive && ch != want {
                    c.penalty_case_mismatch
                } else {
                    0
                };
                let via_match = m[i - 1][j - 1] + bonus[j - 1].max(c.bonus_consecutive as i64);
                let via_gap = g[i - 1][j - 1] + bonus[j - 1];
                let base = via_match.max(via_gap);
                if base > neg / 2 {
                    m[i][j] = base + (c.score_match + penalty) as i64;
                }
            }
            g[i][j] = (m[i][j - 1] + (c.gap_start + c.gap_extension) as i64)
                .max(g[i][j - 1] + c.gap_extension as i64);
        }
    }
    let best = m[p.len()].iter().copied().max().unwrap_or(neg);
    (best > neg / 2).then_some(best)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// A term of characters scores exactly what skim's recurrence gives,
    /// and its highlight spells the term at the score it reports.
    #[test]
    fn character_terms_score_by_skims_recurrence(
        text in "[政务服市株 aAbB1(_-]{1,45}",
        term in "[政务服市株aAbB1(_-]{2,9}",
    ) {
        let table = PinyinTable::get();
        let case_sensitive = term.bytes().any(|b| b.is_ascii_uppercase());
        let ours = FuzzyTerm::chars(&term, case_sensitive).unwrap();
        let score = ours.score(table, &text);
        proptest::prop_assert_eq!(score, skim_recurrence(&text, &term, case_sensitive));
        if let Some(score) = score {
            let (aligned, positions) = ours.align(table, &text, true).unwrap();
            proptest::prop_assert_eq!(aligned, score);
            let chars: Vec<char> = text.chars().collect();
            let spelled: String = positions.iter().map(|&p| chars[p]).collect();
            proptest::prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
            let spells_term = if case_sensitive {
                spelled == term
            } else {
                spelled.eq_ignore_ascii_case(&term)
            };
            proptest::prop_assert!(spells_term, "{} at {:?} in {}", term, positions, text);
        }
    }
}

#[test]
fn a_headlines_score_does_not_depend_on_the_headline_before() {
    // fuzzy-matcher's matcher keeps scratch cells between calls, and a
    // score can read one: this headline scores 75 for 服服政 right after
    // the other one, 63 on its own. Kanbao's score is the recurrence's, 63,
    // whatever was matched before it (on whichever thread).
    let text = "服市服政市服";
    let before = "服服株市市政务务株";
    let expected = skim_recurrence(text, "服服政", false);
    assert_eq!(expected, Some(63));
    let entry = |i: u32, text: &str| entry(i, text, 10 - i);
    for entries in [vec![entry(0, before), entry(1, text)], vec![entry(1, text)]] {
        let index = HeadlineIndex::from_entries(entries, true);
        let hits = run(&index, "服服政").hits;
        let hit = hits.iter().find(|h| index.text(h.entry) == text).unwrap();
        assert_eq!(Some(hit.score), expected);
    }
}

#[test]
fn only_pinyin_runs_of_whole_letters_take_the_initials_table() {
    // The table must not stand in for the recurrence where a letter may
    // continue a syllable (`zh`, `zhang`) or for characters typed as
    // themselves; `fast_pinyin_score_equals_the_full_recurrence` checks
    // that where it does, it agrees.
    let table = PinyinTable::get();
    let takes = |term: &FuzzyTerm| term.initials(table).is_some();
    for initials in ["cq", "cs", "jdh", "zwfw", "5g", "mtfzwfwk"] {
        assert!(takes(&FuzzyTerm::pinyin(initials).unwrap()), "{initials}");
    }
    for not in ["zh", "zhang", "mtfzwfwkd"] {
        assert!(!takes(&FuzzyTerm::pinyin(not).unwrap()), "{not}");
    }
    assert!(!takes(&FuzzyTerm::chars("株洲", false).unwrap()));
    let cq = FuzzyTerm::pinyin("cq").unwrap();
    assert!(
        cq.matches(table, "推动城区更新"),
        "城区: c then q, neighbours"
    );
    assert!(!cq.matches(table, "城市新区"), "城 and 区 not neighbours");
}
