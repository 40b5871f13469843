//! The headline filter over synthetic headlines: one full pass per query
//! (no cache), and a typed query replayed keystroke by keystroke with the
//! cache, as the UI runs it.

use criterion::{Criterion, criterion_group, criterion_main};
use kanbao::search::{FilterCache, HeadlineIndex, Scope, synthetic_entries};
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

    c.bench_function("build_100k", |b| {
        b.iter(|| HeadlineIndex::from_entries(synthetic_entries(ITEMS, 200, 42), true).len())
    });
}

criterion_group!(benches, filter);
criterion_main!(benches);
