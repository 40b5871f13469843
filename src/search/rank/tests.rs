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
