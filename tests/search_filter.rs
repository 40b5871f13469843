//! The headline filter and body search through the library's API, over
//! small archives built from real headlines (sample text lives in tests/,
//! never in src/): what a user of `/`, `s` and `kanbao search` sees.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use kanbao::model::{
    Archive, Article, ArticleKind, Block, BlockKind, Byline, Issue, Page, Span, Text,
};
use kanbao::search::*;
use kanbao_synth::synthetic_entries;
use std::sync::Arc;
use std::time::Duration;

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
fn polyphonic_characters_match_their_everyday_readings() {
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

    // A block that is its own fold (ASCII and CJK ideographs only) is
    // matched in place, its uppercase letters lowercased for a query in
    // lower case, the matches still its own bytes.
    let own = ["华为5G基站建成，覆盖城乡", "华为5G基站建成"];
    let b = archive(vec![vec![article(None, "通信", &own)]]);
    let hit = &search_bodies(&b, "5g 基站", Scope::All, 10)[0];
    let body = &b.issues[0].pages[0].articles[0].body;
    let shown: Vec<(usize, &str)> = hit
        .matches
        .iter()
        .map(|m| (m.block, &body[m.block].text[m.range.clone()]))
        .collect();
    assert_eq!(shown, [(0, "5G"), (0, "基站"), (1, "5G"), (1, "基站")]);
    assert!(search_bodies(&b, "5G 建成", Scope::All, 10).len() == 1);
    assert!(search_bodies(&b, "华为5g基站建成$", Scope::All, 10).len() == 1);
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

#[test]
fn fzf_query_syntax_in_the_filter() {
    let index = real_index(true);
    let all = |query: &str| -> Vec<String> {
        let result = run(&index, query);
        assert_eq!(result.total, result.hits.len(), "{query}");
        texts(&index, query)
    };
    // The issue's examples, each of which gave "no headline matches".
    let found = all("毛腾飞 !贺坚来");
    assert_eq!(found, [REAL[0]]);
    assert!(all("毛腾飞 !东旭").is_empty());
    assert_eq!(all("^毛"), [REAL[0]]);
    assert_eq!(all("'跨省"), [REAL[2]]);
    // Exact: the characters in a row, not spread (跨…办 is spread).
    assert!(all("'跨办").is_empty());
    assert_eq!(all("跨办"), [REAL[2]]);
    assert_eq!(all("下线$"), [REAL[3]]);
    assert_eq!(all("^国内最长纯玻纤 海上风电叶片下线$"), [REAL[3]]);
    assert!(all("^国内最长$").is_empty());
    // OR, and OR with AND.
    let mut either = all("跨省 | 夜经济");
    either.sort();
    let mut want = vec![REAL[2].to_string(), REAL[4].to_string()];
    want.sort();
    assert_eq!(either, want);
    assert_eq!(all("跨省 | 夜经济 通办"), [REAL[2]]);
    // Excluded anchors.
    let not_first = all("!^毛");
    assert_eq!(not_first.len(), REAL.len() - 1);
    assert!(!not_first.iter().any(|t| t == REAL[0]));
    assert_eq!(all("!下线$").len(), REAL.len() - 1);
    // Anchored pinyin: a run at the start (毛腾飞…) or the end (…座谈).
    assert_eq!(all("^mtf"), [REAL[0]]);
    assert_eq!(all("^maotengf"), [REAL[0]]);
    assert!(all("^lzt").is_empty(), "李兆廷 is not at the start");
    assert_eq!(all("zt$"), [REAL[0]]);
    assert_eq!(highlighted(&index, "^mtf"), "毛腾飞");
    // An exact word adds nothing to the score: the fuzzy words rank.
    let with = run(&index, "mtf '李兆廷").hits[0].score;
    assert_eq!(with, run(&index, "mtf").hits[0].score);
}

#[test]
fn a_query_that_cannot_match_says_why_and_matches_nothing() {
    let index = real_index(true);
    for query in ["!", "毛腾飞 ^", "'", "$", "!^", "| 毛腾飞", "毛腾飞 |"] {
        assert!(query_error(query).is_some(), "{query}");
        assert_eq!(run(&index, query).total, 0, "{query}");
    }
    for query in ["毛腾飞 !贺坚来", "a | b", "^mtf", "!x", "5$"] {
        assert_eq!(query_error(query), None, "{query}");
    }
    let why = query_error("!").unwrap().to_string();
    assert!(why.contains("needs a term"), "{why}");
}

#[test]
fn body_search_reads_exclusion_or_and_paragraph_anchors() {
    let a = archive(vec![vec![
        article(None, "甲", &["山河在望，春风又绿。", "第二段落。"]),
        article(None, "乙", &["山河依旧。"]),
        article(None, "丙", &["春风得意。"]),
    ]]);
    let found = |q: &str| -> Vec<String> {
        search_bodies(&a, q, Scope::All, 10)
            .iter()
            .map(|h| h.article.get(&a).unwrap().1.title().to_string())
            .collect()
    };
    assert_eq!(found("山河"), ["甲", "乙"]);
    assert_eq!(found("山河 !春风"), ["乙"]);
    assert_eq!(found("依旧 | 得意"), ["乙", "丙"]);
    assert_eq!(found("^春风"), ["丙"]);
    assert_eq!(found("绿。$"), ["甲"]);
    assert_eq!(found("'山河在望"), ["甲"]);
    assert!(found("!").is_empty());
    // An excluded term is not highlighted.
    let hits = search_bodies(&a, "山河 !春风", Scope::All, 10);
    assert!(hits[0].matches.iter().all(|m| m.block == 0));
}

/// Everything a user can tell of an index: each entry's article, text and
/// recency, and what the filter answers (hits, scores, highlights, counts)
/// for `queries`.
fn observed(index: &HeadlineIndex, queries: &[String]) -> Vec<String> {
    let entries = (0..index.len() as u32).map(|e| {
        format!(
            "{e}: {:?} {} {}",
            index.article(e),
            index.text(e),
            index.recency(e)
        )
    });
    let answers = queries.iter().map(|q| format!("{q}: {:?}", run(index, q)));
    entries.chain(answers).collect()
}

#[test]
fn an_index_with_a_few_issues_replaced_answers_as_one_built_again() {
    // Synthetic headlines, some folded (full-width digits, a circled
    // ideograph that folds to three characters: its own char map).
    let mut texts = kanbao_synth::synthetic_headlines(400, 11);
    let mut next = || texts.next().unwrap();
    let issue = |n: usize, next: &mut dyn FnMut() -> String| -> Vec<Article> {
        (0..n)
            .map(|_| article(Some("短讯"), &next(), &[]))
            .collect()
    };
    let mut issues: Vec<Vec<Article>> = (0..30).map(|i| issue(3 + i % 4, &mut next)).collect();
    issues[4].push(article(None, "５Ｇ基站㈱建成投用", &[]));
    issues[20].push(article(None, "㈱公司第２季度营收", &[]));
    let before = archive(issues.clone());
    // One issue gains articles, one loses all but one, one has a headline
    // changed to a folded one, the last loses every article; the folded
    // headline after them all moves.
    issues[3].push(article(None, &next(), &[]));
    issues[3].push(article(None, "第１号文件㈱发布", &[]));
    issues[9].truncate(1);
    issues[12][0] = article(Some("要闻"), "①号线㈱开通运营", &[]);
    issues[29].clear();
    let after = archive(issues);
    let changed: Vec<(u32, &Issue)> = [12u32, 3, 29, 9]
        .iter()
        .map(|&n| (n, &after.issues[n as usize]))
        .collect();

    let mut queries: Vec<String> = ["5g", "gs", "㈱", "1hx", "号线", "jz", "第2", "zx", "x"]
        .map(String::from)
        .to_vec();
    for a in after
        .issues
        .iter()
        .flat_map(|i| &i.pages[0].articles)
        .step_by(7)
    {
        let h = &a.headline.as_ref().unwrap().text;
        queries.push(h.chars().take(2).collect());
        queries.push(h.chars().skip(3).take(3).collect());
    }
    for pinyin in [true, false] {
        let spliced = HeadlineIndex::build(&before, pinyin)
            .with_issues(after.issues.len(), &changed)
            .expect("an index built issue by issue");
        let built = HeadlineIndex::build(&after, pinyin);
        assert_eq!(spliced.len(), built.len());
        assert_eq!(observed(&spliced, &queries), observed(&built, &queries));
    }
}

#[test]
fn title_corrections_held_in_one_index_answer_as_an_index_of_those_titles() {
    let mut texts = kanbao_synth::synthetic_headlines(200, 5);
    let mut issues: Vec<Vec<Article>> = (0..20)
        .map(|_| {
            (0..4)
                .map(|_| article(Some("短讯"), &texts.next().unwrap(), &[]))
                .collect()
        })
        .collect();
    issues[2][1] = article(None, "５Ｇ基站㈱建成投用", &[]);
    let parse = issues.clone();
    let queries: Vec<String> = [
        "5g", "㈱", "1hx", "号线", "量子", "lzjc", "dx", "zx", "实验",
    ]
    .map(String::from)
    .to_vec();
    let built = |issues: &[Vec<Article>]| {
        observed(
            &HeadlineIndex::build(&archive(issues.to_vec()), true),
            &queries,
        )
    };
    let entry = |index: &HeadlineIndex, issue: u32, article: u32| {
        (0..index.len() as u32)
            .find(|&e| {
                let r = index.article(e);
                (r.issue, r.article) == (issue, article)
            })
            .unwrap()
    };
    // The reader's corrections, one headline each, as `sync_index` makes them.
    let retitle =
        |index: &HeadlineIndex, fixes: &[(u32, u32, &str)], titles: &mut Vec<Vec<Article>>| {
            *titles = parse.clone();
            fixes
                .iter()
                .map(|&(i, k, headline)| {
                    let parsed = &parse[i as usize][k as usize];
                    let fixed = article(None, headline, &[]);
                    titles[i as usize][k as usize] = fixed.clone();
                    Retitle {
                        entry: entry(index, i, k),
                        corrected: searchable_text(&fixed).0,
                        parsed: searchable_text(parsed).0,
                    }
                })
                .collect::<Vec<_>>()
        };

    let held_by_the_worker = Arc::new(HeadlineIndex::build(&archive(parse.clone()), true));
    let mut index = Arc::clone(&held_by_the_worker);
    let mut retitles = Retitles::default();
    let mut titles = Vec::new();

    let first = [
        (2, 1, "①号线㈱开通运营"),
        (5, 0, "量子纠缠实验室"),
        (7, 3, "短讯"),
    ];
    let wanted = retitle(&index, &first, &mut titles);
    assert!(retitles.bring(&mut index, wanted.clone()));
    assert_eq!(observed(&index, &queries), built(&titles));
    assert_eq!(
        observed(&held_by_the_worker, &queries),
        built(&parse),
        "what the worker holds is not changed under it"
    );
    let alone = Arc::as_ptr(&index);
    assert!(!retitles.bring(&mut index, wanted), "the same corrections");

    // One kept, one changed, one gone, one new: rewritten in place.
    let next = [
        (5, 0, "量子纠缠实验室"),
        (2, 1, "第２号线建成"),
        (9, 2, "实验小学开学"),
    ];
    let wanted = retitle(&index, &next, &mut titles);
    assert!(retitles.bring(&mut index, wanted));
    assert_eq!(observed(&index, &queries), built(&titles));
    assert_eq!(
        Arc::as_ptr(&index),
        alone,
        "an index held alone is not copied"
    );

    retitles.take_back(&mut index);
    assert_eq!(observed(&index, &queries), built(&parse));
}
