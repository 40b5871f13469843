//! Behaviour tests over small archives built from real headlines.

use super::*;
use crate::model::{
    Archive, Article, ArticleKind, Block, BlockKind, Byline, Issue, Page, Span, Text,
};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;
use std::time::Duration;

fn text(s: &str) -> Text {
    Text {
        text: s.to_string(),
        lines: Span::line(1),
    }
}

/// An article with a headline (and optionally kicker and body paragraphs).
fn article(kicker: Option<&str>, headline: &str, body: &[&str]) -> Article {
    Article {
        id: String::new(),
        kind: ArticleKind::Article,
        section: None,
        kicker: kicker.map(text),
        headline: Some(text(headline)),
        subheadlines: Vec::new(),
        byline: Byline::default(),
        dateline: None,
        body: body
            .iter()
            .map(|b| Block {
                kind: BlockKind::Paragraph,
                text: b.to_string(),
                lines: Span::line(2),
                repeated: false,
            })
            .collect(),
        captions: Vec::new(),
        jumps: Vec::new(),
        continued_to: None,
        continued_from: None,
        see_also: None,
        duplicate_of: None,
        lines: Span::line(1),
    }
}

/// An archive of issues (newest first), each one page of articles.
fn archive(issues: Vec<Vec<Article>>) -> Archive {
    Archive {
        root: "test".into(),
        issues: issues
            .into_iter()
            .enumerate()
            .map(|(i, articles)| Issue {
                id: format!("issue-{i}"),
                paper: Some("株洲日报".into()),
                date: None,
                date_source: None,
                number: None,
                page_count: None,
                masthead: None,
                pages: vec![Page {
                    label: "A1".into(),
                    source: String::new(),
                    articles,
                    masthead_lines: Vec::new(),
                }],
                fragments: Vec::new(),
                warnings: Vec::new(),
                sources: Vec::new(),
            })
            .collect(),
        errors: Vec::new(),
    }
}

fn headlines(issues: &[&[&str]]) -> Archive {
    archive(
        issues
            .iter()
            .map(|hs| hs.iter().map(|h| article(None, h, &[])).collect())
            .collect(),
    )
}

const REAL: &[&str] = &[
    "毛腾飞与东旭集团董事长李兆廷座谈",
    "省贸促会会长贺坚来株调研",
    "芦淞安源两地政务服务“跨省通办”",
    "国内最长纯玻纤 海上风电叶片下线",
    "“好恰客”回流 点亮“夜经济”",
];

fn never() -> bool {
    false
}

fn run(index: &HeadlineIndex, query: &str) -> FilterResult {
    index.filter(query, Scope::All, 50, &never).unwrap()
}

/// The texts of the hits, best first.
fn texts(index: &HeadlineIndex, query: &str) -> Vec<String> {
    run(index, query)
        .hits
        .iter()
        .map(|h| index.text(h.entry).to_string())
        .collect()
}

/// The highlighted characters of the best hit.
fn highlighted(index: &HeadlineIndex, query: &str) -> String {
    let result = run(index, query);
    let hit = result
        .hits
        .first()
        .unwrap_or_else(|| panic!("{query}: no hit"));
    let chars: Vec<char> = index.text(hit.entry).chars().collect();
    hit.positions.iter().map(|&p| chars[p]).collect()
}

fn real_index(pinyin: bool) -> HeadlineIndex {
    HeadlineIndex::build(&headlines(&[REAL]), pinyin)
}

#[test]
fn contiguous_match_beats_scattered() {
    let index = HeadlineIndex::build(
        &headlines(&[&["李某与兆丰集团座谈廷议", "毛腾飞与东旭集团董事长李兆廷座谈"]]),
        false,
    );
    let hits = texts(&index, "李兆廷");
    assert_eq!(hits[0], "毛腾飞与东旭集团董事长李兆廷座谈");
    assert_eq!(hits.len(), 2);
    assert_eq!(highlighted(&index, "李兆廷"), "李兆廷");
}

#[test]
fn newer_issue_wins_a_tie() {
    let same = "省贸促会会长贺坚来株调研";
    let index = HeadlineIndex::build(&headlines(&[&[same], &[same], &[same]]), true);
    let result = run(&index, "调研");
    let issues: Vec<u32> = result
        .hits
        .iter()
        .map(|h| index.article(h.entry).issue)
        .collect();
    assert_eq!(issues, [0, 1, 2], "issue 0 is the newest");
    assert!(result.hits.windows(2).all(|w| w[0].score == w[1].score));

    // Recency, not entry order, decides.
    let entry = |issue: u32, recency: u32| HeadlineEntry {
        article: ArticleRef {
            issue,
            page: 0,
            article: 0,
        },
        text: same.to_string(),
        recency,
    };
    let index = HeadlineIndex::from_entries([entry(0, 1), entry(1, 5), entry(2, 3)], false);
    let order: Vec<u32> = run(&index, "调研").hits.iter().map(|h| h.entry).collect();
    assert_eq!(order, [1, 2, 0]);
}

#[test]
fn empty_query_lists_everything_newest_first() {
    let index = HeadlineIndex::build(&headlines(&[&["甲", "乙"], &["丙"]]), true);
    let result = run(&index, "  ");
    assert_eq!(result.total, 3);
    let shown: Vec<&str> = result.hits.iter().map(|h| index.text(h.entry)).collect();
    assert_eq!(shown, ["甲", "乙", "丙"]);
    assert!(result.hits.iter().all(|h| h.positions.is_empty()));
}

#[test]
fn limit_keeps_the_best_and_counts_all() {
    let index = real_index(true);
    let result = index.filter("长", Scope::All, 1, &never).unwrap();
    assert_eq!(result.total, 3, "董事长, 会长, 最长");
    assert_eq!(result.hits.len(), 1);
}

#[test]
fn pinyin_initials_full_mixed_and_half_typed() {
    let index = real_index(true);
    for query in ["mtf", "maotengfei", "maotf", "mtengf", "maoten"] {
        let hits = texts(&index, query);
        assert_eq!(hits[0], REAL[0], "{query}");
    }
    assert_eq!(highlighted(&index, "mtf"), "毛腾飞");
    assert_eq!(highlighted(&index, "maotengfei"), "毛腾飞");
    assert_eq!(highlighted(&index, "maotf"), "毛腾飞");
    assert_eq!(highlighted(&index, "maoten"), "毛腾");
    assert_eq!(highlighted(&index, "lzt"), "李兆廷");
    assert_eq!(highlighted(&index, "kuashengtb"), "跨省通办");
    // The pieces lie on neighbouring characters: 与 (yu) follows 飞, so
    // `mtfa` and `mtfq` (团, four characters on, also has the rare reading
    // qiu) do not match 毛腾飞与东旭集团…
    assert!(!texts(&index, "mtfa").iter().any(|h| h == REAL[0]));
    assert!(!texts(&index, "mtfq").iter().any(|h| h == REAL[0]));
    assert_eq!(highlighted(&index, "mtfy"), "毛腾飞与");
}

#[test]
fn pinyin_positions_land_on_the_right_characters() {
    let index = real_index(true);
    let result = run(&index, "hqk");
    let hit = &result.hits[0];
    assert_eq!(index.text(hit.entry), "“好恰客”回流 点亮“夜经济”");
    assert_eq!(hit.positions, [1, 2, 3]);
    // With a kicker, positions count from the kicker's first character.
    let a = archive(vec![vec![article(Some("聚焦两会"), "贺坚来株调研", &[])]]);
    let index = HeadlineIndex::build(&a, true);
    let result = run(&index, "dy");
    assert_eq!(index.text(result.hits[0].entry), "聚焦两会 贺坚来株调研");
    assert_eq!(result.hits[0].positions, [9, 10]);
    let (text, parts) = searchable_text(&a.issues[0].pages[0].articles[0]);
    assert_eq!(text, "聚焦两会 贺坚来株调研");
    assert_eq!(parts.kicker, Some(0..4));
    assert_eq!(parts.headline, 5..11);
}

#[test]
fn polyphonic_characters_match_every_reading() {
    let table = pinyin::PinyinTable::get();
    assert!(table.readings('长').contains(&"chang".to_string()));
    assert!(table.readings('长').contains(&"zhang".to_string()));
    assert!(table.readings('重').contains(&"chong".to_string()));
    assert!(table.readings('重').contains(&"zhong".to_string()));
    assert_eq!(table.readings('绿'), ["lv", "lu"]);
    // Rare readings are not matched (see `readings.rs`).
    assert_eq!(table.readings('超'), ["chao"]);

    let index = HeadlineIndex::build(
        &headlines(&[&[
            "国内最长纯玻纤 海上风电叶片下线",
            "毛腾飞与东旭集团董事长李兆廷座谈",
            "重庆重点项目",
        ]]),
        true,
    );
    assert_eq!(highlighted(&index, "zuichang"), "最长");
    assert_eq!(highlighted(&index, "dszhang"), "董事长");
    assert_eq!(highlighted(&index, "chongq"), "重庆");
    assert_eq!(highlighted(&index, "zhongd"), "重点");
    assert_eq!(highlighted(&index, "cqzd"), "重庆重点");
}

#[test]
fn pinyin_can_be_switched_off() {
    let index = real_index(false);
    assert!(texts(&index, "mtf").is_empty());
    assert_eq!(texts(&index, "毛腾飞")[0], REAL[0]);
}

#[test]
fn uppercase_means_latin_not_pinyin() {
    let index = real_index(true);
    assert!(texts(&index, "MTF").is_empty());
}

#[test]
fn latin_and_digits_match_literally_inside_pinyin_terms() {
    let index = HeadlineIndex::build(&headlines(&[&["全市５Ｇ基站建设提速", "GDP增长"]]), true);
    assert_eq!(highlighted(&index, "5gjz"), "５Ｇ基站");
    assert_eq!(highlighted(&index, "gdpzz"), "GDP增长");
}

#[test]
fn width_folding_works_both_ways() {
    let index = HeadlineIndex::build(
        &headlines(&[&["全市５Ｇ基站建设提速", "5G网络覆盖城乡", "ＡＢＣ公司上市"]]),
        false,
    );
    let mut hits = texts(&index, "5G");
    hits.sort();
    assert_eq!(hits, ["5G网络覆盖城乡", "全市５Ｇ基站建设提速"]);
    let mut hits = texts(&index, "５Ｇ");
    hits.sort();
    assert_eq!(hits, ["5G网络覆盖城乡", "全市５Ｇ基站建设提速"]);
    assert_eq!(texts(&index, "abc"), ["ＡＢＣ公司上市"]);
    assert_eq!(highlighted(&index, "５Ｇ基"), "５Ｇ基");
}

#[test]
fn positions_survive_folding_that_changes_length() {
    // ㈱ folds to three characters, "(株)"; positions still index the original.
    let index = HeadlineIndex::build(&headlines(&[&["㈱株洲①号文件"]]), false);
    assert_eq!(highlighted(&index, "1号"), "①号");
    assert_eq!(run(&index, "1号").hits[0].positions, [3, 4]);
    assert_eq!(highlighted(&index, "洲"), "洲");
}

#[test]
fn smart_case() {
    let index = HeadlineIndex::build(&headlines(&[&["ABC公司", "abc公司"]]), true);
    assert_eq!(texts(&index, "ABC"), ["ABC公司"]);
    assert_eq!(texts(&index, "abc").len(), 2);
    assert_eq!(texts(&index, "Abc"), Vec::<String>::new());
}

#[test]
fn all_terms_must_match() {
    let index = real_index(true);
    assert_eq!(texts(&index, "毛腾飞 座谈"), [REAL[0]]);
    assert_eq!(texts(&index, "mtf zuot"), [REAL[0]]);
    assert!(texts(&index, "毛腾飞 调研").is_empty());
    assert_eq!(highlighted(&index, "座谈 mtf"), "毛腾飞座谈");
}

#[test]
fn scope_limits_to_one_issue() {
    let index = HeadlineIndex::build(
        &headlines(&[&["株洲调研"], &["长沙调研"], &["湘潭调研"]]),
        true,
    );
    let result = index.filter("调研", Scope::Issue(1), 10, &never).unwrap();
    assert_eq!(result.total, 1);
    assert_eq!(index.text(result.hits[0].entry), "长沙调研");
    assert_eq!(run(&index, "dy").total, 3);
}

#[test]
fn cancelled_filter_returns_none() {
    let index = real_index(true);
    assert!(index.filter("mtf", Scope::All, 10, &|| true).is_none());
}

#[test]
fn cached_filter_agrees_with_a_fresh_one() {
    let index = real_index(true);
    let mut cache = FilterCache::default();
    for query in [
        "", "m", "ma", "mao", "maot", "maotf", "maot", "毛", "毛 ", "毛 z", "毛 zuo",
    ] {
        let cached = index
            .filter_cached(query, Scope::All, 10, &mut cache, &never)
            .unwrap();
        assert_eq!(cached, run_limit(&index, query, 10), "{query}");
    }
    // The same query asked again, with another limit or scope, is answered afresh.
    let all = index
        .filter_cached("z", Scope::All, 10, &mut cache, &never)
        .unwrap();
    assert!(all.hits.len() > 2, "{all:?}");
    let fewer = index
        .filter_cached("z ", Scope::All, 2, &mut cache, &never)
        .unwrap();
    assert_eq!(fewer, run_limit(&index, "z", 2));
    let one_issue = index
        .filter_cached("z", Scope::Issue(1), 2, &mut cache, &never)
        .unwrap();
    assert_eq!(
        one_issue,
        index.filter("z", Scope::Issue(1), 2, &never).unwrap()
    );
    assert_ne!(one_issue, fewer);
}

fn run_limit(index: &HeadlineIndex, query: &str, limit: usize) -> FilterResult {
    index.filter(query, Scope::All, limit, &never).unwrap()
}

#[test]
fn pinyin_scores_as_if_the_characters_were_typed() {
    // A pinyin match scores what skim gives the characters it lands on.
    let table = pinyin::PinyinTable::get();
    for (text, py, chars) in [
        ("毛腾飞与东旭集团董事长李兆廷座谈", "mtf", "毛腾飞"),
        ("毛腾飞与东旭集团董事长李兆廷座谈", "lizt", "李兆廷"),
        ("毛腾飞与东旭集团董事长李兆廷座谈", "dszl", "董事长李"),
        ("国内最长纯玻纤 海上风电叶片下线", "hsfd", "海上风电"),
        ("国内最长纯玻纤", "zcc", "最长纯"),
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
        let term = fuzzy::FuzzyTerm::pinyin(py).unwrap();
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
    let table = pinyin::PinyinTable::get();
    let term = fuzzy::FuzzyTerm::pinyin("zhang").unwrap();
    let syllable = term.score(table, "国内最长纯玻纤").unwrap();
    // z h a n g as initials spread over a headline (这 会 按 年 估)
    assert!(syllable > 0);
    // Scattered, they are no match at all: pinyin means neighbours.
    assert_eq!(term.score(table, "国内这里会议按时年底估计"), None);
    let (_, positions) = term.align(table, "国内最长纯玻纤", true).unwrap();
    assert_eq!(positions, [3], "the highlight is on 长");
}

#[test]
fn body_search_requires_every_term_and_maps_matches_to_the_original() {
    let body = [
        "上半年，全市新建５Ｇ基站1200个。",
        "5G基站建设提速，基站覆盖城乡。",
    ];
    let a = archive(vec![
        vec![
            article(None, "通信", &body),
            article(None, "其他", &["只有基站。"]),
        ],
        vec![article(None, "旧闻", &["５ｇ基站"])],
    ]);
    let hits = search_bodies(&a, "5g 基站", Scope::All, 10);
    assert_eq!(hits.len(), 2);
    let hit = &hits[0];
    assert_eq!((hit.article.issue, hit.article.article), (0, 0));
    let shown: Vec<(usize, &str)> = hit
        .matches
        .iter()
        .map(|m| {
            (
                m.block,
                &a.issues[0].pages[0].articles[0].body[m.block].text[m.range.clone()],
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (0, "５Ｇ"),
            (0, "基站"),
            (1, "5G"),
            (1, "基站"),
            (1, "基站")
        ]
    );
    assert!(hit.snippet.contains("５Ｇ基站"), "{}", hit.snippet);
    assert_eq!(hits[1].article.issue, 1);

    // Smart case, scope, limit and the total.
    assert!(search_bodies(&a, "5g 基站", Scope::Issue(1), 10).len() == 1);
    assert!(
        search_bodies(&a, "5G 基站", Scope::All, 10).len() == 1,
        "５ｇ is lowercase"
    );
    let s = search_bodies_with(&a, "基站", Scope::All, 1, &never).unwrap();
    assert_eq!((s.total, s.hits.len()), (3, 1));
    assert!(search_bodies(&a, "", Scope::All, 10).is_empty());
    assert!(search_bodies_with(&a, "基站", Scope::All, 10, &|| true).is_none());
}

#[test]
fn snippets_are_cut_around_the_first_match() {
    let long = format!("{}关键词{}", "前".repeat(40), "后".repeat(80));
    let a = archive(vec![vec![article(None, "长文", &[&long])]]);
    let hit = &search_bodies(&a, "关键词", Scope::All, 1)[0];
    assert!(hit.snippet.starts_with('…') && hit.snippet.ends_with('…'));
    assert_eq!(hit.snippet.chars().count(), SNIPPET_CHARS + 2);
    assert!(
        hit.snippet
            .starts_with(&format!("…{}关键词", "前".repeat(SNIPPET_BEFORE)))
    );
}

#[test]
fn worker_delivers_the_newest_query() {
    let index = Arc::new(real_index(true));
    let (worker, replies) = FilterWorker::spawn(Arc::clone(&index), 10);
    worker.submit("m", Scope::All);
    worker.submit("mt", Scope::All);
    let last = worker.submit("mtf", Scope::All);
    let reply = loop {
        let reply = replies
            .recv_timeout(Duration::from_secs(10))
            .expect("a reply");
        if reply.generation == last {
            break reply;
        }
        assert!(reply.generation < last);
    };
    assert_eq!(reply.query, "mtf");
    assert_eq!(index.text(reply.result.hits[0].entry), REAL[0]);
    assert_eq!(worker.latest(), last);
    drop(worker);
}

#[test]
fn a_corrected_text_replaces_the_parsed_one_in_a_copy_and_in_the_worker() {
    let parsed = Arc::new(real_index(true));
    let corrected = Arc::new(parsed.with_texts(&[(1, "量子纠缠实验室".into())]));
    assert_eq!(corrected.text(1), "量子纠缠实验室");
    assert_eq!(corrected.article(1), parsed.article(1), "same article");
    assert_eq!(run(&parsed, "量子").total, 0, "the copy, not the original");
    let hit = &run(&corrected, "lzjc").hits[0];
    assert_eq!((hit.entry, &hit.positions[..]), (1, &[0, 1, 2, 3][..]));
    // The worker answers from the new index, its cache dropped with the old.
    let (worker, replies) = FilterWorker::spawn(Arc::clone(&parsed), 10);
    let ask = |query: &str| {
        let generation = worker.submit(query, Scope::All);
        loop {
            let reply = replies.recv_timeout(Duration::from_secs(10)).unwrap();
            if reply.generation == generation {
                break reply.result;
            }
        }
    };
    assert_eq!(ask("量").total, run(&parsed, "量").total);
    worker.set_index(Arc::clone(&corrected));
    assert_eq!(ask("量子").total, 1);
}

#[test]
fn the_worker_sends_the_hits_then_the_count() {
    let index = Arc::new(HeadlineIndex::from_entries(
        synthetic_entries(30_000, 100, 5),
        true,
    ));
    let (worker, replies) = FilterWorker::spawn(Arc::clone(&index), 50);
    let mut counted_later = 0;
    for query in ["z", "zw", "株", "株洲", "m", "mt"] {
        let generation = worker.submit(query, Scope::All);
        let fresh = index.filter(query, Scope::All, 50, &never).unwrap();
        let mut answers = Vec::new();
        while answers.last().is_none_or(|r: &FilterResult| r.pending > 0) {
            let reply = replies.recv_timeout(Duration::from_secs(10)).unwrap();
            assert_eq!(reply.generation, generation);
            answers.push(reply.result);
        }
        // The same hits each time; the count settles on the full pass's.
        assert!(answers.iter().all(|r| r.hits == fresh.hits), "{query}");
        assert_eq!(answers.last().unwrap().total, fresh.total, "{query}");
        assert!(answers.len() <= 2);
        counted_later += (answers.len() == 2) as usize;
    }
    assert!(
        counted_later >= 2,
        "only {counted_later} counts came after the hits"
    );
}

/// Pinyin terms that hit: each char's first reading, cut to 1..=len letters.
fn pinyin_terms_for(text: &str, seed: usize) -> Vec<String> {
    let table = pinyin::PinyinTable::get();
    let readings: Vec<String> = text
        .chars()
        .filter_map(|c| table.readings(c).into_iter().next())
        .collect();
    let mut out = Vec::new();
    for start in (0..readings.len()).step_by(3) {
        let mut term = String::new();
        for (k, r) in readings[start..].iter().take(4).enumerate() {
            let cut = 1 + (seed + k) % r.len();
            term.push_str(&r[..cut]);
        }
        out.push(term);
    }
    out
}

#[test]
fn fast_pinyin_score_equals_the_full_recurrence() {
    let table = pinyin::PinyinTable::get();
    let mut checked = 0;
    for (i, entry) in synthetic_entries(400, 50, 7).enumerate() {
        let text = super::fold::fold(&entry.text);
        let mut terms = pinyin_terms_for(&text, i);
        // Terms that mostly miss, or match scattered.
        terms.extend(
            [
                "zw", "zwfw", "mtf", "dy", "5g", "gdp", "zzzz", "xq", "a", "z",
            ]
            .map(String::from),
        );
        for term in terms {
            let Some(t) = fuzzy::FuzzyTerm::pinyin(&term) else {
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
fn single_character_scores_equal_skim() {
    let index = HeadlineIndex::build(
        &headlines(&[&[
            "株洲日报 5G(株洲)站",
            "Zhuzhou 株洲",
            "ABC-abc 公司",
            "“好恰客”回流 点亮“夜经济”",
            "株洲西站启动GDP增长6.5%",
        ]]),
        true,
    );
    for query in [
        "株", "洲", "5", "站", "a", "A", "B", "c", "-", "“", "夜", "Z", "z", "G", "g", "D", "6",
        "%",
    ] {
        for hit in run(&index, query).hits {
            let text = index.text(hit.entry);
            let skim = SkimMatcherV2::default().fuzzy_match(text, query);
            // Pinyin may add matches (a → 安); where skim matches literally,
            // the scores must agree or pinyin must do better.
            match skim {
                Some(s) if query.chars().any(|c| !c.is_ascii_lowercase()) => {
                    assert_eq!(hit.score, s, "{query} in {text}")
                }
                Some(s) => assert!(hit.score >= s, "{query} in {text}"),
                None => assert!(query.chars().all(|c| c.is_ascii_lowercase())),
            }
        }
    }
}

#[test]
fn sketch_rejects_letters_in_the_wrong_order() {
    let table = pinyin::PinyinTable::get();
    let sketch = |t: &str| (table.lead_quarters(t), table.pairs(t));
    let zw = fuzzy::FuzzyTerm::pinyin("zw").unwrap();
    // 委 (wei) before 株洲 (zhu zhou): no z…w in order.
    let (q, p) = sketch("市委书记株洲调研");
    assert!(!zw.may_match(q, p));
    let (q, p) = sketch("株洲市委书记调研");
    assert!(zw.may_match(q, p));
    // zh continues a reading: one character (株) can take both letters.
    let zh = fuzzy::FuzzyTerm::pinyin("zh").unwrap();
    let (q, p) = sketch("调研株");
    assert!(zh.may_match(q, p));
}

#[test]
fn score_bounds_hold() {
    // Every score stays under its bound: the filter skips scoring headlines
    // whose bound cannot make the list, so a bound too low would drop hits.
    let table = pinyin::PinyinTable::get();
    let skim = SkimMatcherV2::default();
    // Reached: pinyin, characters, each with a step ruled out.
    let mut tight = [false; 4];
    for (i, entry) in synthetic_entries(400, 50, 11).enumerate() {
        let text = super::fold::fold(&entry.text);
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
            let t = fuzzy::FuzzyTerm::pinyin(&term).unwrap();
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
                let ours = fuzzy::FuzzyTerm::chars(&term, case_sensitive).unwrap();
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
fn skipping_hopeless_scores_changes_nothing() {
    let newest_first = HeadlineIndex::from_entries(synthetic_entries(20_000, 100, 3), true);
    // Oldest first: index order no longer breaks ties as recency does.
    let entries: Vec<HeadlineEntry> = synthetic_entries(20_000, 100, 3).collect();
    let oldest_first = HeadlineIndex::from_entries(entries.into_iter().rev(), true);
    for (index, query) in [&newest_first, &oldest_first]
        .into_iter()
        .flat_map(|index| {
            [
                "z",
                "m",
                "株",
                "政",
                "5",
                "G",
                "g",
                "zw",
                "zwf",
                "mtf",
                "maot",
                "株洲",
                "政务",
                "株洲 调",
                "zw 市",
                "5g",
            ]
            .map(move |query| (index, query))
        })
    {
        let every = index.filter(query, Scope::All, usize::MAX, &never).unwrap();
        let top = index.filter(query, Scope::All, 50, &never).unwrap();
        assert_eq!(top.total, every.total, "{query}");
        let expected: Vec<(u32, i64)> = every
            .hits
            .iter()
            .take(50)
            .map(|h| (h.entry, h.score))
            .collect();
        let got: Vec<(u32, i64)> = top.hits.iter().map(|h| (h.entry, h.score)).collect();
        assert_eq!(got, expected, "{query}");
    }
}

/// A headline of its own issue, with the recency given.
fn entry(issue: u32, text: &str, recency: u32) -> HeadlineEntry {
    HeadlineEntry {
        article: ArticleRef {
            issue,
            page: 0,
            article: 0,
        },
        text: text.into(),
        recency,
    }
}

#[test]
fn a_tie_at_the_last_place_goes_to_the_newer_headline_even_when_skipping() {
    // The best-bounded headlines (a word start that could take `w`) are
    // scored first and all score 51; so do plainer, newer ones whose bound
    // is exactly 51: they must still be scored, and win the ties.
    let entries: Vec<HeadlineEntry> = (0..60)
        .map(|i| entry(i, "政务 王", i))
        .chain((60..90).map(|i| entry(i, "政务", 100 + i)))
        .collect();
    let index = HeadlineIndex::from_entries(entries, true);
    let all = index.filter("zw", Scope::All, usize::MAX, &never).unwrap();
    assert!(all.hits.iter().all(|h| h.score == all.hits[0].score));
    let top = index.filter("zw", Scope::All, 50, &never).unwrap();
    let expected: Vec<u32> = all.hits.iter().take(50).map(|h| h.entry).collect();
    let got: Vec<u32> = top.hits.iter().map(|h| h.entry).collect();
    assert_eq!(got, expected);
    assert!(got.contains(&60), "the newer plain ones are in");

    // Many plain ones listed oldest first, older and newer than the others:
    // the newest of them still win the ties.
    let entries: Vec<HeadlineEntry> = (0..60)
        .map(|i| entry(i, "政务 王", 1000 + i))
        .chain((60..3060).map(|i| entry(i, "政务", i - 60)))
        .collect();
    let index = HeadlineIndex::from_entries(entries, true);
    let all = index.filter("zw", Scope::All, usize::MAX, &never).unwrap();
    let top = index.filter("zw", Scope::All, 50, &never).unwrap();
    let expected: Vec<u32> = all.hits.iter().take(50).map(|h| h.entry).collect();
    let got: Vec<u32> = top.hits.iter().map(|h| h.entry).collect();
    assert_eq!(got, expected);
    assert!(got.contains(&3059), "the newest plain one is in");
}

#[test]
fn hits_first_then_the_count_agree_with_a_full_pass() {
    // As the reader's worker types: the hits of each keystroke at once, the
    // count after them, or not at all when the next key comes first.
    let index = HeadlineIndex::from_entries(synthetic_entries(30_000, 100, 5), true);
    let mut deferred = 0;
    for (query, count_each) in [
        ("zwfw", true),
        ("zwfw", false),
        ("株洲 调", true),
        ("株洲 调", false),
        ("mtf", false),
        ("政务服务", true),
    ] {
        let mut cache = FilterCache::default();
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let fresh = index.filter(&typed, Scope::All, 50, &never).unwrap();
            let first = index
                .filter_hits(&typed, Scope::All, 50, &mut cache, &never)
                .unwrap();
            assert_eq!(first.hits, fresh.hits, "{typed}");
            assert!(first.total <= fresh.total && fresh.total <= first.total + first.pending);
            deferred += first.pending;
            if count_each {
                let total = index.count_pending(&mut cache, &never).unwrap();
                assert_eq!(total, fresh.total, "{typed}");
            }
        }
        let total = index.count_pending(&mut cache, &never).unwrap();
        let fresh = index.filter(query, Scope::All, 50, &never).unwrap();
        assert_eq!(total, fresh.total, "{query}");
    }
    assert!(
        deferred > 10_000,
        "the bounds left only {deferred} to count"
    );
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
        let table = pinyin::PinyinTable::get();
        let case_sensitive = term.bytes().any(|b| b.is_ascii_uppercase());
        let ours = fuzzy::FuzzyTerm::chars(&term, case_sensitive).unwrap();
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
fn two_letters_of_one_syllable_on_the_first_character_are_not_underestimated() {
    // `zh` takes 张 alone, at the start; the character after it has no
    // reading. The newest headline scores as high as the others, and must
    // not be passed over for a bound that wanted a second character.
    let entries: Vec<HeadlineEntry> = (0..100)
        .map(|i| entry(i, "张三调研", 1 + i))
        .chain([entry(100, "张，调研", 1000)])
        .collect();
    let index = HeadlineIndex::from_entries(entries, true);
    let all = index.filter("zh", Scope::All, usize::MAX, &never).unwrap();
    assert_eq!(all.hits[0].entry, 100, "the newest ties the best");
    let top = index.filter("zh", Scope::All, 1, &never).unwrap();
    assert_eq!(top.hits, all.hits[..1]);
}

#[test]
fn one_more_typed_unit_adds_at_most_one_units_gain() {
    // What lets a refined query bound a headline by its previous score:
    // typing one more pinyin letter, or character, raises no headline's
    // score by more than `unit_gain`, and some by exactly that much.
    let table = pinyin::PinyinTable::get();
    let gain = bounds::unit_gain();
    let mut largest = i64::MIN;
    let mut checked = 0;
    let extra = [
        "zw", "zwf", "zwfw", "zwfwk", "mt", "mtf", "ma", "mao", "maot", "5g", "5gj", "zh", "zha",
        "zhan", "zhang",
    ];
    for (i, entry) in synthetic_entries(400, 50, 11).enumerate() {
        let text = super::fold::fold(&entry.text);
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
            Some((
                fuzzy::FuzzyTerm::pinyin(shorter)?,
                fuzzy::FuzzyTerm::pinyin(term)?,
            ))
        });
        let char_pairs = char_terms.iter().filter_map(|term| {
            let shorter: String = term.chars().take(term.chars().count() - 1).collect();
            Some((
                fuzzy::FuzzyTerm::chars(&shorter, false)?,
                fuzzy::FuzzyTerm::chars(term, false)?,
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
fn typing_on_ranks_as_a_fresh_filter_even_after_a_cancelled_pass() {
    // Each keystroke's bounds start from the scores of the one before (the
    // hits list is what a full pass would give). A pass cancelled halfway,
    // for a query typed over at once, must leave nothing the next one reads.
    let index = HeadlineIndex::from_entries(synthetic_entries(30_000, 100, 5), true);
    let type_out = |query: &str, cancel_at: Option<&str>| {
        let mut cache = FilterCache::default();
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            if cancel_at == Some(typed.as_str()) {
                // A different next letter, cancelled once its scan is under way.
                let calls = std::sync::atomic::AtomicUsize::new(0);
                let cancel = || calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed) > 2;
                let other = format!("{}q", &typed[..typed.len() - c.len_utf8()]);
                assert!(
                    index
                        .filter_hits(&other, Scope::All, 50, &mut cache, &cancel)
                        .is_none()
                );
            }
            let fresh = index.filter(&typed, Scope::All, 50, &never).unwrap();
            let cached = index
                .filter_hits(&typed, Scope::All, 50, &mut cache, &never)
                .unwrap();
            assert_eq!(cached.hits, fresh.hits, "{typed}");
        }
    };
    for query in ["zwfwkstb", "maotengfei", "政务服务", "株洲 调研", "gdp5G"] {
        type_out(query, None);
    }
    type_out("zwfwkstb", Some("zwf"));
    type_out("mtfd", Some("mtf"));
}

#[test]
fn the_filters_bounds_hold_and_know_how_far_the_second_unit_lies() {
    // A headline that opens with its place name (株洲市…) and goes on with
    // the term's second unit two characters later: neither its second
    // character nor its third can take it, so two are skipped at least,
    // and the bound says so exactly. The bounds are worked out as a pass
    // does, one query for every headline (it keeps those of each case).
    let mut entries: Vec<HeadlineEntry> = synthetic_entries(300, 50, 13).collect();
    let own = [
        "株洲市委召开常委会议",
        "株洲市政务服务中心启用",
        "株洲市人民政府工作报告",
        "政府工作报告审议通过",
        "株洲 市委书记调研",
        "量子通信 株洲市启动",
        // The same case, the second unit far and then near.
        "株洲市人民代表大会第三次会议开幕",
        "株洲市委全会在株洲召开",
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
                let leads = pinyin::PinyinTable::get().lead_bits(c);
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
    let long = "株洲市委召开常委会议部署全年重点工作任务";
    let index = HeadlineIndex::from_entries([entry(0, long, 0)], true);
    for term in ["zzsw", "株委"] {
        let (score, bound) = index.scores_and_bounds(term)[0];
        assert_eq!(Some(bound), score, "{term} in {long}");
    }
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
fn an_overlong_headline_is_cut_on_a_character_boundary_and_still_found() {
    // 4,096 bytes is the cut: 3-byte characters do not divide it, and
    // `㈱` folds to three characters, growing the folded text past it.
    let long = format!("株洲{}", "政".repeat(2000));
    let grown = "㈱".repeat(1500);
    let index = HeadlineIndex::from_entries([entry(0, &long, 2), entry(1, &grown, 1)], true);
    assert!(index.text(0).len() <= 4096 && long.starts_with(index.text(0)));
    assert!(grown.starts_with(index.text(1)));
    assert_eq!(run(&index, "株洲").hits[0].entry, 0);
    let hit = &run(&index, "株").hits[0];
    assert_eq!((hit.entry, &hit.positions[..]), (0, &[0][..]));
    assert_eq!(run(&index, "(株)").total, 1);
}
