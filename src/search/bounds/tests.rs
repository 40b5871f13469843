//! The score bounds hold: no headline scores above the bound the ranking
//! pass orders it by (a bound too low would drop a hit), and the bounds are
//! reached (so they skip as much as they can).

use super::super::fold;
use super::super::fuzzy::FuzzyTerm;
use super::super::headline::{HeadlineEntry, HeadlineIndex};
use super::super::pinyin::{self, PinyinTable};
use super::super::test_support::{entry, pinyin_terms_for, synthetic_entries};
use super::super::{bounds, sketch};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

#[test]
fn score_bounds_hold() {
    // Every score stays under its bound: the filter skips scoring headlines
    // whose bound cannot make the list, so a bound too low would drop hits.
    let table = PinyinTable::get();
    let skim = SkimMatcherV2::default();
    // Reached: pinyin, characters, each with a step ruled out.
    let mut tight = [false; 4];
    for (i, entry) in synthetic_entries(400, 50, 11).enumerate() {
        let text = fold::fold(&entry.text);
        let first = text.chars().next().unwrap_or('\0');
        let found = sketch::boundaries(&text);
        let (breaks, at_breaks) = (found.count, found.leads);
        // As the filter asks: can the first unit, or a later one, match at a boundary?
        let second = text.chars().nth(1).unwrap_or('\0');
        // …and which steps of the term the text's neighbours rule out.
        let (char_pairs, lead_pairs) = sketch::neighbours(&text, true);
        // `leads`: each unit's lead bits, `chars` its character bits (all
        // for pinyin); `steps`: what neighbours each unit needs to come
        // right after the one before.
        let case = |at_first, second_next, leads: &[u64], chars: &[u64], steps: &[u128], pairs| {
            let gap = |&step: &u128| step != 0 && pairs & step == 0;
            let at = |i: usize| leads[i] & at_breaks != 0 && chars[i] & found.chars != 0;
            let first_at_boundary = breaks > 0 && at(0);
            bounds::BoundCase {
                at_first,
                second_next,
                first_at_boundary,
                boundary_run: first_at_boundary
                    && steps
                        .first()
                        .is_none_or(|&s| s == 0 || found.pairs & sketch::fold64(s) != 0),
                later_boundaries: breaks.min((1..leads.len()).filter(|&i| at(i)).count() as u32),
                word_gap: found.word_gap,
                first_skip: 1,
                gaps: steps.iter().filter(|s| gap(s)).count() as u32,
                second_gap: steps.first().is_some_and(gap),
            }
        };
        let initials: Vec<String> = text
            .chars()
            .filter_map(|c| table.readings(c).into_iter().next())
            .map(|r| r[..1].to_string())
            .collect();
        let gapped = [
            vec![0, 2],
            vec![0, 3, 4],
            vec![0, 2, 3],
            vec![1, 4, 6],
            vec![0, 5, 6, 9],
        ]
        .into_iter()
        .filter_map(|pick| pick.iter().map(|&k| initials.get(k).cloned()).collect());
        for term in pinyin_terms_for(&text, i).into_iter().chain(gapped) {
            let t = FuzzyTerm::pinyin(&term).unwrap();
            let Some(score) = t.score(table, &text) else {
                continue;
            };
            let starts = table.lead_bits(first) & t.first_lead() != 0;
            let leads: Vec<u64> = term.bytes().map(pinyin::lead_bit).collect();
            // As the filter asks: a second letter that may share the first's
            // syllable always can come next.
            let next =
                t.second_lead() == u64::MAX || table.lead_bits(second) & t.second_lead() != 0;
            let any = vec![u64::MAX; leads.len()];
            let mut case = case(starts, next, &leads, &any, &t.steps(), lead_pairs);
            // Where the second letter first leads a reading, by quarter.
            let len = text.chars().count();
            let quarters = table.lead_quarters(&text);
            if let Some(&b) = term.as_bytes().get(1).filter(|b| b.is_ascii_lowercase()) {
                let q = (quarters >> ((b - b'a') as u32 * 4)) & 0xF;
                if q != 0 {
                    let position = (q.trailing_zeros() as usize * len).div_ceil(4).max(1);
                    case.first_skip = (position - 1).max(1) as u32;
                }
            }
            let bound = bounds::term_bound(term.len(), false, case);
            assert!(score <= bound, "{term} in {text}: {score} > {bound}");
            tight[0] |= score == bound;
            tight[2] |= score == bound && case.gaps > 0;
        }
        // Direct terms: runs of the text itself, from its start and later,
        // and characters picked with gaps between them.
        let chars: Vec<char> = text.chars().collect();
        let picks: Vec<Vec<usize>> = [0, 1, 3, 6]
            .iter()
            .flat_map(|&start| (1..=4).map(move |len| (start..start + len).collect()))
            .chain([
                vec![0, 2],
                vec![0, 3, 4],
                vec![0, 2, 5, 6],
                vec![1, 3],
                vec![2, 5, 6],
            ])
            .collect();
        for pick in picks {
            let Some(run) = pick
                .iter()
                .map(|&i| chars.get(i).copied())
                .collect::<Option<Vec<char>>>()
            else {
                continue;
            };
            let len = run.len();
            {
                let term: String = run.iter().collect();
                let case_sensitive = term.bytes().any(|b| b.is_ascii_uppercase());
                let ours = FuzzyTerm::chars(&term, case_sensitive).unwrap();
                let Some(score) = ours.score(table, &text) else {
                    continue;
                };
                let leads: Vec<u64> = run
                    .iter()
                    .map(|&c| match table.lead_bits(c) {
                        0 => u64::MAX,
                        l => l,
                    })
                    .collect();
                let next = run.get(1) == Some(&second);
                let chars: Vec<u64> = run.iter().map(|&c| sketch::char_bit(c)).collect();
                let case = case(
                    run[0] == first,
                    next,
                    &leads,
                    &chars,
                    &ours.steps(),
                    char_pairs,
                );
                let bound = bounds::term_bound(len, false, case);
                assert!(score <= bound, "{term} in {text}: {score} > {bound}");
                tight[1] |= score == bound;
                tight[3] |= score == bound && case.gaps > 0;
                // fuzzy-matcher itself (terms too long for ours) has its own bound.
                let skim_score = skim.fuzzy_match(&text, &term).unwrap();
                let skim_bound = bounds::term_bound(len, true, case);
                assert!(
                    skim_score <= skim_bound,
                    "{term} in {text}: {skim_score} > {skim_bound}"
                );
            }
        }
    }
    // …and the bounds are reached, so they skip as much as they can (a
    // pinyin term matches as a run: no pinyin score has a gap).
    assert_eq!(tight, [true, true, false, true]);
}

#[test]
fn one_more_typed_unit_adds_at_most_one_units_gain() {
    // What lets a refined query bound a headline by its previous score:
    // typing one more pinyin letter, or character, raises no headline's
    // score by more than `unit_gain`, and some by exactly that much.
    let table = PinyinTable::get();
    let gain = bounds::unit_gain();
    let mut largest = i64::MIN;
    let mut checked = 0;
    let extra = [
        "zw", "zwf", "zwfw", "zwfwk", "mt", "mtf", "ma", "mao", "maot", "5g", "5gj", "zh", "zha",
        "zhan", "zhang",
    ];
    for (i, entry) in synthetic_entries(400, 50, 11).enumerate() {
        let text = fold::fold(&entry.text);
        let chars: Vec<char> = text.chars().collect();
        let mut pinyin_terms = pinyin_terms_for(&text, i);
        pinyin_terms.extend(extra.map(String::from));
        let mut char_terms: Vec<String> = Vec::new();
        for start in (0..chars.len()).step_by(5) {
            // Runs of the text, and every other character of it (gaps).
            char_terms.push(chars[start..].iter().take(4).collect());
            char_terms.push(chars[start..].iter().step_by(2).take(4).collect());
        }
        let pinyin_pairs = pinyin_terms.iter().filter_map(|term| {
            let shorter = &term[..term.len() - 1];
            Some((FuzzyTerm::pinyin(shorter)?, FuzzyTerm::pinyin(term)?))
        });
        let char_pairs = char_terms.iter().filter_map(|term| {
            let shorter: String = term.chars().take(term.chars().count() - 1).collect();
            Some((
                FuzzyTerm::chars(&shorter, false)?,
                FuzzyTerm::chars(term, false)?,
            ))
        });
        for (shorter, longer) in pinyin_pairs.chain(char_pairs) {
            let Some(after) = longer.score(table, &text) else {
                continue;
            };
            let before = shorter.score(table, &text).expect("a prefix matches too");
            assert!(after - before <= gain, "{after} after {before} in {text}");
            largest = largest.max(after - before);
            checked += 1;
        }
    }
    assert!(checked > 2000, "only {checked} pairs checked");
    assert_eq!(largest, gain, "the gain is reached");
}

#[test]
fn the_filters_bounds_hold_and_know_how_far_the_second_unit_lies() {
    // A headline that opens with its place name (漳州市…) and goes on with
    // the term's second unit two characters later: neither its second
    // character nor its third can take it, so two are skipped at least,
    // and the bound says so exactly. The bounds are worked out as a pass
    // does, one query for every headline (it keeps those of each case).
    let mut entries: Vec<HeadlineEntry> = synthetic_entries(300, 50, 13).collect();
    let own = [
        "漳州市委召开常委会议",
        "漳州市政务服务中心启用",
        "漳州市人民政府工作报告",
        "政府工作报告审议通过",
        "漳州 市委书记调研",
        "量子通信 漳州市启动",
        // The same case, the second unit far and then near.
        "漳州市人民代表大会第三次会议开幕",
        "漳州市委全会在漳州召开",
    ];
    entries.extend(own.iter().enumerate().map(|(i, t)| entry(i as u32, t, 0)));
    let index = HeadlineIndex::from_entries(entries, true);
    let texts: Vec<Vec<char>> = (0..index.len() as u32)
        .map(|e| index.text(e).chars().collect())
        .collect();
    let mut terms: Vec<String> = ["zw", "zs", "zr", "zz", "zzsw", "zg", "sw", "lz", "zd", "zh"]
        .map(String::from)
        .to_vec();
    // Character terms: a headline's first character and one two or three later.
    for text in &texts {
        for later in [2, 3] {
            if let (Some(a), Some(b)) = (text.first(), text.get(later)) {
                terms.push(format!("{a}{b}"));
            }
        }
    }
    terms.sort();
    terms.dedup();
    let mut tight_skipping_two = 0;
    for term in &terms {
        let second = term.chars().nth(1).unwrap();
        let plain = |c: Option<&char>| {
            c.is_some_and(|&c| {
                let leads = PinyinTable::get().lead_bits(c);
                c != second
                    && (!second.is_ascii_lowercase() || leads & pinyin::lead_bit(second as u8) == 0)
            })
        };
        for (e, (score, bound)) in index.scores_and_bounds(term).into_iter().enumerate() {
            let Some(score) = score else { continue };
            let text = &texts[e];
            let shown: String = text.iter().collect();
            assert!(score <= bound, "{term} in {shown}: {score} > {bound}");
            if score == bound && plain(text.get(1)) && plain(text.get(2)) {
                tight_skipping_two += 1;
            }
        }
    }
    assert!(
        tight_skipping_two >= 5,
        "only {tight_skipping_two} tight bounds two characters on"
    );
    // Long enough that where `w` first leads (the first quarter) says
    // nothing: only the second and third characters tell.
    let long = "漳州市委召开常委会议部署全年重点工作任务";
    let index = HeadlineIndex::from_entries([entry(0, long, 0)], true);
    for term in ["zzsw", "漳委"] {
        let (score, bound) = index.scores_and_bounds(term)[0];
        assert_eq!(Some(bound), score, "{term} in {long}");
    }
}
