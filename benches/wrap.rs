//! `wrap_cjk` on a long newspaper paragraph and on a 100,000-character
//! article, at a full-width (76) and a half-width (38) reading column, with
//! both ambiguous-width settings.
//!
//! `cargo bench --bench wrap -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kanbao::layout::{AmbiguousWidth, wrap_cjk};

/// Sentences in the style of the sample archive: Han text with numbers,
/// percentages, quotes, book-title marks, dashes, ellipses and Latin words.
const SENTENCES: &[&str] = &[
    "株洲日报讯 1月6日，芦淞区与萍乡市安源区签订合作协议，拉开了两地政务服务“跨省通办”合作序幕。",
    "首批“跨省通办”高频政务服务事项清单，涉及人社、医保、卫健、企业开办等领域，如异地就医备案、内资企业及分支机构变更登记等业务。",
    "相比传统技术，新产品使用寿命提升20%，缩短研发周期30%，节省开模成本60%。",
    "国家先进轨道交通装备创新中心(以下简称“国创中心”)建设的市级“激光先进制造工程技术研究中心”正式揭牌。",
    "中方希望《区域全面经济伙伴关系协定》尽早生效，在智慧城市、5G、人工智能、电子商务、大数据等领域打造更多合作亮点。",
    "今日城区天气：多云，气温 1℃~6℃；国内统一连续出版物号 CN 43-0005，第 22487 期。",
    "“萍乡市仅2个区，是江西的‘西大门’。”他说——既有利于解决两地企业和群众办事‘多头跑、跑远路、跑多趟’的问题……",
];

/// Exactly `chars` characters of sample text.
fn sample(chars: usize) -> String {
    SENTENCES
        .iter()
        .cycle()
        .flat_map(|s| s.chars())
        .take(chars)
        .collect()
}

fn wrap(c: &mut Criterion) {
    for (name, chars) in [("paragraph_2600", 2_600), ("article_100k", 100_000)] {
        let text = sample(chars);
        let mut group = c.benchmark_group(format!("wrap_cjk/{name}"));
        group.throughput(Throughput::Elements(chars as u64));
        for width in [76, 38] {
            for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
                group.bench_with_input(
                    BenchmarkId::new(format!("{amb:?}"), width),
                    &text,
                    |b, text| b.iter(|| wrap_cjk(black_box(text), width, amb)),
                );
            }
        }
        group.finish();
    }
}

criterion_group!(benches, wrap);
criterion_main!(benches);
