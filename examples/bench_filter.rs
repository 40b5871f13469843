//! Replays typed queries against the headline filter, one keystroke at a time,
//! and reports per-keystroke latency.
//!
//! ```text
//! cargo run --release --example bench_filter -- DIR
//! cargo run --release --example bench_filter -- --write-archive DIR --synthetic 100000
//! cargo run --release --example bench_filter -- --synthetic 1000000 [--lines FILE]
//!     [--rounds 3] [--limit 500] [--no-pinyin] [--queries 政务服务,mtf,…]
//!     [--every-round] [--erase] [--fresh]
//! cargo run --release --example bench_filter -- --kept DIR [options as above]
//! ```
//!
//! `--kept DIR` filters the headline index kept for the archive DIR in the
//! cache (`$KANBAO_CACHE_DIR` or the user's), mapped as the reader maps it
//! (`kanbao index DIR` builds it). `--fresh` starts each query of each
//! round from an empty filter cache, as if typed for the first time, so
//! every round times every keystroke; without it, later rounds find most
//! answers cached.
//!
//! The last line printed is one JSON object:
//! `{"items":…,"load_ms":…,"rss_mb":…,"p50_ms":…,"p99_ms":…,"max_ms":…,
//! "count_p50_ms":…,"count_p99_ms":…}` where the `p…_ms` figures are the time
//! from a keystroke to its hits (what the list shows: the reader's worker
//! sends them at once), `count_…` the time to the exact number of matches
//! (sent next), `load_ms` the time until the index is ready (loading plus
//! indexing) and `rss_mb` VmRSS from /proc/self/status after the replay.
//!
//! `--write-archive DIR` only writes a synthetic archive of N articles (page
//! files with sidecars, about 2 KB of text per article) for the DIR mode.

use kanbao::loader::{LoadOptions, load_path};
use kanbao::model::Archive;
use kanbao::search::{FilterCache, HeadlineIndex, Scope};
use kanbao_synth::{synthetic_entries, synthetic_pages};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Typed as a reader would: Chinese, pinyin initials, full pinyin, mixed
/// initials of a longer phrase, a term pair, and a query with no hits.
const QUERIES: &[&str] = &[
    "政务服务",
    "mtf",
    "maotengfei",
    "zwfwkstb",
    "株洲 调研",
    "量子纠缠",
];

struct Args {
    dir: Option<PathBuf>,
    kept: Option<PathBuf>,
    fresh: bool,
    synthetic: Option<usize>,
    lines: Option<PathBuf>,
    write_archive: Option<PathBuf>,
    rounds: usize,
    limit: usize,
    /// Erase each query one character at a time after typing it.
    erase: bool,
    pinyin: bool,
    queries: Vec<String>,
    /// Print every round's keystrokes, not only the first's.
    every_round: bool,
}

fn parse_args() -> Args {
    let mut args = Args {
        dir: None,
        kept: None,
        fresh: false,
        synthetic: None,
        lines: None,
        write_archive: None,
        rounds: 3,
        // What the reader asks for (kanbao::tui::FILTER_LIMIT).
        limit: kanbao::tui::FILTER_LIMIT,
        pinyin: true,
        queries: QUERIES.iter().map(|q| q.to_string()).collect(),
        every_round: false,
        erase: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().unwrap_or_else(|| panic!("{name} needs a value"));
        match a.as_str() {
            "--synthetic" => args.synthetic = Some(value("--synthetic").parse().expect("a count")),
            "--lines" => args.lines = Some(value("--lines").into()),
            "--write-archive" => args.write_archive = Some(value("--write-archive").into()),
            "--rounds" => args.rounds = value("--rounds").parse().expect("a count"),
            "--limit" => args.limit = value("--limit").parse().expect("a count"),
            "--no-pinyin" => args.pinyin = false,
            "--every-round" => args.every_round = true,
            "--erase" => args.erase = true,
            "--fresh" => args.fresh = true,
            "--kept" => args.kept = Some(value("--kept").into()),
            "--queries" => {
                args.queries = value("--queries").split(',').map(str::to_string).collect()
            }
            _ if a.starts_with("--") => panic!("unknown option {a}"),
            _ => args.dir = Some(a.into()),
        }
    }
    args
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Bytes of text in the archive: every headline, body block and caption.
fn archive_text_bytes(archive: &Archive) -> usize {
    let texts = |a: &kanbao::model::Article| {
        let t = |x: &Option<kanbao::model::Text>| x.as_ref().map_or(0, |t| t.text.len());
        t(&a.kicker)
            + t(&a.headline)
            + a.subheadlines.iter().map(|s| s.text.len()).sum::<usize>()
            + a.body.iter().map(|b| b.text.len()).sum::<usize>()
            + a.captions.iter().map(|c| c.text.len()).sum::<usize>()
    };
    archive
        .issues
        .iter()
        .flat_map(|i| i.articles())
        .map(texts)
        .sum()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    let args = parse_args();
    if let Some(dir) = &args.write_archive {
        let n = args.synthetic.expect("--write-archive needs --synthetic N");
        std::fs::create_dir_all(dir).expect("create the archive folder");
        let mut bytes = 0;
        for (stem, text, sidecar) in synthetic_pages(n, 10, 4, 0x6b61_6e62_616f) {
            bytes += text.len();
            std::fs::write(dir.join(format!("{stem}.txt")), text).expect("write a page");
            std::fs::write(dir.join(format!("{stem}.ron")), sidecar).expect("write a sidecar");
        }
        println!(
            "wrote {n} articles ({:.1} MB) to {}",
            bytes as f64 / 1e6,
            dir.display()
        );
        return;
    }
    let start = Instant::now();
    let (index, text_bytes, archive) = match (&args.dir, args.synthetic) {
        _ if args.kept.is_some() => {
            let root = args.kept.as_deref().expect("--kept");
            let cache = kanbao::index::Cache::user().expect("a cache folder");
            let Some((_, index)) =
                kanbao::index::skeleton::open_headline_index_as_kept(&cache, root, args.pinyin)
            else {
                eprintln!(
                    "no headline index kept for {}: run `kanbao index` on it",
                    root.display()
                );
                std::process::exit(2)
            };
            (index, 0, None)
        }
        (_, Some(n)) => {
            let mut bytes = 0;
            let entries =
                synthetic_entries(n, 200, 0x6b61_6e62_616f).inspect(|e| bytes += e.text.len());
            let index = HeadlineIndex::from_entries(entries, args.pinyin);
            (index, bytes, None)
        }
        (Some(dir), None) => {
            let archive = load_path(dir, &LoadOptions::default()).unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(2)
            });
            let loaded = start.elapsed();
            eprintln!("loaded {} issues in {loaded:.2?}", archive.issues.len());
            let index = HeadlineIndex::build(&archive, args.pinyin);
            let bytes = archive_text_bytes(&archive);
            (index, bytes, Some(archive))
        }
        (None, None) => {
            eprintln!(
                "usage: bench_filter DIR | --synthetic N | --kept DIR [--lines FILE] [--rounds R] [--limit L] [--no-pinyin] [--queries Q,…] [--every-round] [--erase] [--fresh]"
            );
            std::process::exit(2)
        }
    };
    let load_ms = start.elapsed().as_secs_f64() * 1e3;
    println!(
        "indexed {} headlines in {load_ms:.0} ms; archive text {:.1} MB, index heap {:.1} MB, rss {:.1} MB",
        index.len(),
        text_bytes as f64 / 1e6,
        index.heap_bytes() as f64 / 1e6,
        rss_mb()
    );
    if let Some(path) = &args.lines {
        let mut out =
            std::io::BufWriter::new(std::fs::File::create(path).expect("create --lines file"));
        for e in 0..index.len() as u32 {
            writeln!(out, "{}", index.text(e)).expect("write --lines file");
        }
        println!("wrote {} lines to {}", index.len(), path.display());
    }

    // Per keystroke, as the reader's worker does it: the hits first (what
    // the list shows), then the exact count of every match.
    let mut latencies = Vec::new();
    let mut counted = Vec::new();
    let mut cache = FilterCache::default();
    for round in 0..args.rounds {
        for query in &args.queries {
            if args.fresh {
                cache = FilterCache::default();
            }
            // Each state the query box goes through: typed, then (with
            // `--erase`) erased back to empty, as `bench_keys` types.
            let chars: Vec<char> = query.chars().collect();
            let typing = (1..=chars.len()).map(|n| chars[..n].iter().collect::<String>());
            let erasing = (0..chars.len())
                .rev()
                .filter(|_| args.erase)
                .map(|n| chars[..n].iter().collect::<String>());
            for typed in typing.chain(erasing) {
                let t = Instant::now();
                let result = index
                    .filter_hits(&typed, Scope::All, args.limit, &mut cache, &|| false)
                    .expect("not cancelled");
                let ms = t.elapsed().as_secs_f64() * 1e3;
                let total = index
                    .count_pending(&mut cache, &|| false)
                    .expect("not cancelled");
                let count_ms = t.elapsed().as_secs_f64() * 1e3;
                latencies.push(ms);
                counted.push(count_ms);
                if round == 0 || args.every_round {
                    println!(
                        "{ms:>8.2} ms  {total:>8} hits  {typed}  (counted at {count_ms:.2} ms; {} scored, {} checked after the hits)",
                        cache.scored(),
                        result.pending
                    );
                }
            }
        }
    }
    // The reader keeps the archive: measure with it alive.
    let _ = &archive;
    latencies.sort_by(f64::total_cmp);
    counted.sort_by(f64::total_cmp);
    println!(
        "{{\"items\":{},\"load_ms\":{:.1},\"rss_mb\":{:.1},\"p50_ms\":{:.2},\"p99_ms\":{:.2},\"max_ms\":{:.2},\"count_p50_ms\":{:.2},\"count_p99_ms\":{:.2}}}",
        index.len(),
        load_ms,
        rss_mb(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or(0.0),
        percentile(&counted, 50.0),
        percentile(&counted, 99.0),
    );
}
