//! The headline filter over synthetic headlines: one full pass per query
//! (no cache), and a typed query replayed keystroke by keystroke with the
//! cache, as the UI runs it.

use criterion::{Criterion, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use kanbao::search::{FilterCache, HeadlineIndex, Scope};
use kanbao_synth::synthetic_entries;
use std::hint::black_box;

const ITEMS: usize = 100_000;

fn filter(c: &mut Criterion) {
    let index = HeadlineIndex::from_entries(synthetic_entries(ITEMS, 200, 42), true);
    let mut group = c.benchmark_group("filter_100k");
    group.sample_size(20);
    for query in [
        "株",
        "政务服务",
        "z",
        "zw",
        "mtf",
        "maotengfei",
        "株洲 调研",
        "量子纠缠",
    ] {
        group.bench_function(query, |b| {
            b.iter(|| index.filter(black_box(query), Scope::All, 200, &|| false))
        });
    }
    group.bench_function("typed zwfwkstb", |b| {
        b.iter(|| {
            let mut cache = FilterCache::default();
            let mut typed = String::new();
            for ch in "zwfwkstb".chars() {
                typed.push(ch);
                black_box(index.filter_cached(&typed, Scope::All, 200, &mut cache, &|| false));
            }
        })
    });
    group.finish();

    // Per-call costs, to see which matcher is the wall.
    let headline = "毛腾飞与东旭集团董事长李兆廷座谈 政务服务“跨省通办”";
    let skim = fuzzy_matcher::skim::SkimMatcherV2::default();
    c.bench_function("skim fuzzy_match 政务服务 (one headline)", |b| {
        b.iter(|| skim.fuzzy_match(black_box(headline), black_box("政务服务")))
    });
    c.bench_function("skim fuzzy_indices 政务服务 (one headline)", |b| {
        b.iter(|| skim.fuzzy_indices(black_box(headline), black_box("政务服务")))
    });
    let one = HeadlineIndex::from_entries(
        [kanbao::search::HeadlineEntry {
            article: kanbao::search::ArticleRef {
                issue: 0,
                page: 0,
                article: 0,
            },
            text: headline.to_string(),
            recency: 0,
        }],
        true,
    );
    c.bench_function("filter zwfw (one headline, incl. positions)", |b| {
        b.iter(|| one.filter(black_box("zwfw"), Scope::All, 1, &|| false))
    });

    c.bench_function("build_100k", |b| {
        b.iter(|| HeadlineIndex::from_entries(synthetic_entries(ITEMS, 200, 42), true).len())
    });
}

criterion_group!(benches, filter);
criterion_main!(benches);
