//! Loading throughput, in source bytes: the four sample pages from memory
//! (decode, parse, assemble: `loader::load_texts`), and a generated
//! 200-issue archive from a temporary folder (walk, read and all the rest:
//! `loader::load_path`, in parallel as the reader does).
//!
//! `cargo bench --bench load -- --warm-up-time 1 --measurement-time 5`

// The generator's unit tests compile here without a test harness, leaving
// their `use super::*` unused; they run in tests/gen_archive.rs.
#[allow(unused_imports)]
use kanbao_synth as synth;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kanbao::loader::{self, LoadOptions};
use std::hint::black_box;

fn txt_bytes(files: &[(&str, &[u8])]) -> u64 {
    files
        .iter()
        .filter(|(name, _)| name.ends_with(".txt"))
        .map(|(_, b)| b.len() as u64)
        .sum()
}

fn load(c: &mut Criterion) {
    let opts = LoadOptions::default();

    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(txt_bytes(loader::SAMPLE_FILES)));
    group.bench_function("sample_4_pages", |b| {
        b.iter(|| loader::load_texts(loader::SAMPLE_ROOT, black_box(loader::SAMPLE_FILES), &opts))
    });

    let dir = tempfile::tempdir().expect("temporary folder");
    let written = synth::write_archive(
        dir.path(),
        &synth::Options {
            issues: 200,
            seed: 1,
            pages_per_issue: 1,
        },
    )
    .expect("archive written");
    let source: u64 = loader::load_path(dir.path(), &opts)
        .expect("archive loads")
        .issues
        .iter()
        .flat_map(|i| &i.sources)
        .map(|s| s.bytes)
        .sum();
    assert_eq!(written.issues, 200);
    group.throughput(Throughput::Bytes(source));
    group.bench_function("generated_200_issues", |b| {
        b.iter(|| loader::load_path(black_box(dir.path()), &opts).expect("archive loads"))
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
