//! The ranking pass over stored headlines: identical texts stored and
//! scored once, each keeping its place.

use super::super::test_support::entry;
use super::super::{FilterCache, HeadlineEntry, HeadlineIndex, Scope};

fn never() -> bool {
    false
}

fn run(index: &HeadlineIndex, query: &str) -> super::FilterResult {
    index.filter(query, Scope::All, 20, &never).unwrap()
}

#[test]
fn identical_headlines_are_stored_and_scored_once_and_each_keeps_its_place() {
    // A standing head printed in every issue, newest issue first, and the
    // same words once in full-width digits, once in half-width.
    let standing = "政务服务中心今日开放办理业务";
    let entries: Vec<HeadlineEntry> = (0..1000)
        .map(|i| entry(i, standing, 2000 - i))
        .chain([entry(1000, "5G政务服务", 5), entry(1001, "５Ｇ政务服务", 4)])
        .collect();
    let index = HeadlineIndex::from_entries(entries, true);
    // A thousand texts of the same length, all different, take a thousand
    // copies' room; the same text a thousand times takes one.
    let numbered = |i: u32| format!("{standing}{}", char::from_u32(0x4E00 + i).unwrap());
    let distinct = HeadlineIndex::from_entries((0..1000).map(|i| entry(i, &numbered(i), i)), true);
    let repeated = HeadlineIndex::from_entries((0..1000).map(|i| entry(i, &numbered(0), i)), true);
    let text_bytes = 1000 * numbered(0).len();
    assert!(
        distinct.heap_bytes() >= repeated.heap_bytes() + text_bytes - numbered(0).len(),
        "{} bytes for different texts, {} for one repeated",
        distinct.heap_bytes(),
        repeated.heap_bytes()
    );
    assert_eq!(index.text(1000), "5G政务服务");
    assert_eq!(index.text(1001), "５Ｇ政务服务", "its own original");

    let mut cache = FilterCache::default();
    let result = index
        .filter_cached("zwfw", Scope::All, 10, &mut cache, &never)
        .unwrap();
    assert_eq!(result.total, 1002);
    // Ties go to the newer issue: the ten newest prints of the standing head.
    let got: Vec<u32> = result.hits.iter().map(|h| h.entry).collect();
    assert_eq!(got, (0..10).collect::<Vec<u32>>());
    assert!(result.hits.iter().all(|h| h.positions == [0, 1, 2, 3]));
    assert!(
        cache.scored() <= 3,
        "{} texts scored for three distinct ones",
        cache.scored()
    );
    let five_g = index.filter("5gzw", Scope::All, 10, &never).unwrap();
    let got: Vec<(u32, &[usize])> = five_g
        .hits
        .iter()
        .map(|h| (h.entry, &h.positions[..]))
        .collect();
    assert_eq!(got, [(1000, &[0, 1, 2, 3][..]), (1001, &[0, 1, 2, 3][..])]);

    // Correcting one print changes that one only.
    let corrected = index.with_texts(&[(3, "量子纠缠实验室".into())]);
    assert_eq!(corrected.text(3), "量子纠缠实验室");
    assert_eq!(corrected.text(2), standing);
    assert_eq!(corrected.text(4), standing);
    assert_eq!(run(&corrected, "量子").hits.len(), 1);
    assert_eq!(run(&corrected, "zwfwzx").total, 999);
}

#[test]
fn erasing_back_to_an_earlier_query_answers_as_a_fresh_filter_without_scanning_again() {
    use super::super::test_support::synthetic_entries;
    let index = HeadlineIndex::from_entries(synthetic_entries(5000, 8, 7), true);
    let mut cache = FilterCache::default();
    let mut typed = String::new();
    let fresh = |q: &str| index.filter(q, Scope::All, 20, &never).unwrap();
    let ask = |q: &str, cache: &mut FilterCache| {
        index
            .filter_cached(q, Scope::All, 20, cache, &never)
            .unwrap()
    };
    for c in "zhengwu".chars() {
        typed.push(c);
        assert_eq!(ask(&typed, &mut cache), fresh(&typed), "typing {typed:?}");
    }
    assert!(
        ask("zheng", &mut cache).total > 0,
        "the word matches something"
    );
    // Erase to the first character: each answer is the fresh one, and no
    // headline is scored again for it.
    while typed.len() > 1 {
        typed.pop();
        let again = ask(&typed, &mut cache);
        assert_eq!(again, fresh(&typed), "erased to {typed:?}");
        assert_eq!(cache.scored(), 0, "{typed:?} was answered before");
    }
    // Typing on from an answer taken back refines it, as from any other.
    for q in ["zh", "zhe", "zhen"] {
        assert_eq!(ask(q, &mut cache), fresh(q), "typing on: {q:?}");
    }
    // Another scope is another query.
    let titles = index
        .filter_cached("zhen", Scope::Issue(3), 20, &mut cache, &never)
        .unwrap();
    assert_eq!(
        titles,
        index.filter("zhen", Scope::Issue(3), 20, &never).unwrap()
    );
}

#[test]
fn a_pinyin_term_finds_every_headline_it_matches_past_the_neighbour_check() {
    // The filter drops a headline whose neighbours cannot hold a pinyin
    // run (`Term::may_run`) before matching it: it must never drop one the
    // term matches, as a run or as Latin letters with gaps between them.
    use super::super::fold::fold;
    use super::super::fuzzy::FuzzyTerm;
    use super::super::pinyin::PinyinTable;
    use super::super::test_support::{pinyin_terms_for, synthetic_entries};
    let extra = [
        "CQ频道今晚播出",
        "c 和 q 两个字母",
        "重庆长桥通车",
        "5G基站建成",
        "长，桥",
        "Cat and Queen",
        "ＣＱ全角字母",
    ];
    let entries: Vec<HeadlineEntry> = synthetic_entries(3000, 30, 11)
        .chain(
            extra
                .iter()
                .enumerate()
                .map(|(i, t)| entry(200 + i as u32, t, 1)),
        )
        .collect();
    let texts: Vec<String> = entries.iter().map(|e| fold(&e.text)).collect();
    let index = HeadlineIndex::from_entries(entries, true);
    let table = PinyinTable::get();
    let initials = "zjsgxhdclmqwytbfkp5";
    let mut terms: Vec<String> = initials
        .chars()
        .flat_map(|a| initials.chars().map(move |b| format!("{a}{b}")))
        .collect();
    terms.extend(["cq", "cqt", "zqqc", "5gj", "catq", "chq"].map(String::from));
    for (i, text) in texts.iter().enumerate().step_by(97) {
        terms.extend(pinyin_terms_for(text, i));
    }
    let mut dropped_some = false;
    for term in &terms {
        let Some(fuzzy) = FuzzyTerm::pinyin(term) else {
            continue;
        };
        let expected: Vec<u32> = (0..texts.len() as u32)
            .filter(|&e| fuzzy.matches(table, &texts[e as usize]))
            .collect();
        let found = index.filter(term, Scope::All, usize::MAX, &never).unwrap();
        let mut got: Vec<u32> = found.hits.iter().map(|h| h.entry).collect();
        got.sort_unstable();
        assert_eq!(got, expected, "{term}");
        assert_eq!(found.total, expected.len(), "{term}");
        dropped_some |= expected.len() < texts.len() / 10;
    }
    assert!(dropped_some, "some term matches few headlines");
    for (term, text) in [
        ("cq", "CQ频道今晚播出"),
        ("cq", "c 和 q 两个字母"),
        ("cq", "重庆长桥通车"),
        ("cq", "ＣＱ全角字母"),
        ("cq", "Cat and Queen"),
    ] {
        let found = index.filter(term, Scope::All, usize::MAX, &never).unwrap();
        assert!(
            found.hits.iter().any(|h| index.text(h.entry) == text),
            "{term} finds {text}"
        );
    }
}
