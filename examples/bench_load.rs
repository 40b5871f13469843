//! Opens an archive the way the reader does and reports how long it took and
//! how much memory it holds: load (read, decode, parse, assemble), reader
//! state and first frame, then the headline index the filter needs.
//!
//! ```sh
//! cargo run --release --example gen_archive -- --issues 10000 --out /tmp/kb10k
//! cargo run --release --example bench_load -- /tmp/kb10k
//! ```
//!
//! The last line is one JSON object with every number, for scripts.

use kanbao::loader::{self, LoadOptions};
use kanbao::search::HeadlineIndex;
use kanbao::tui::{App, Settings, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// `VmRSS` and `VmHWM` (peak) from /proc/self/status, in bytes (0 elsewhere).
fn rss() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() -> ExitCode {
    // Taken first thing in main: "from process start" below means from here
    // (the runtime's start-up before main is well under a millisecond).
    let start = Instant::now();
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: bench_load DIR");
        return ExitCode::FAILURE;
    };
    let (width, height) = (120, 40);

    let archive = match loader::load_path(&dir, &LoadOptions::default()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bench_load: {e}");
            return ExitCode::FAILURE;
        }
    };
    let loaded = Instant::now();
    let (rss_loaded, _) = rss();
    let source_bytes: u64 = archive
        .issues
        .iter()
        .flat_map(|i| &i.sources)
        .map(|s| s.bytes)
        .sum();
    let files: usize = archive.issues.iter().map(|i| i.sources.len()).sum();
    let issues = archive.issues.len();
    let articles = archive.article_count();

    // What the reader does next: its first frame (the archive readable),
    // then the headline index, built meanwhile on a worker there; here
    // after the frame, so that each is timed on its own.
    let app = App::indexing(archive, Settings::default(), Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| draw::draw(f, &app))
        .expect("draw to a test terminal");
    let drawn = Instant::now();
    let index = HeadlineIndex::build(&app.archive, Settings::default().pinyin);
    let indexed = Instant::now();
    // Measured while the index is held, as the reader holds it.
    let (rss_end, hwm) = rss();
    drop(index);

    let load = loaded - start;
    let mb = source_bytes as f64 / 1e6;
    let load_mb_s = mb / load.as_secs_f64();
    let ratio = |b: u64| b as f64 / source_bytes.max(1) as f64;
    println!("archive          {}", dir.display());
    println!("source           {files} files, {mb:.1} MB, {issues} issues, {articles} articles");
    println!("load             {:.0} ms  ({load_mb_s:.1} MB/s)", ms(load));
    println!(
        "first frame      {:.0} ms from start, {:.1} ms after load (app + draw)",
        ms(drawn - start),
        ms(drawn - loaded),
    );
    println!(
        "headline index   {:.0} ms: the filter is ready {:.0} ms from start",
        ms(indexed - drawn),
        ms(indexed - start)
    );
    println!(
        "memory           RSS {:.0} MB after load, {:.0} MB with the index ({:.2}× source), peak {:.0} MB ({:.2}×)",
        rss_loaded as f64 / 1e6,
        rss_end as f64 / 1e6,
        ratio(rss_end),
        hwm as f64 / 1e6,
        ratio(hwm)
    );
    println!(
        "{}",
        serde_json::json!({
            "archive": dir.display().to_string(),
            "files": files,
            "issues": issues,
            "articles": articles,
            "source_bytes": source_bytes,
            "load_ms": ms(load),
            "load_mb_s": load_mb_s,
            "index_ms": ms(indexed - drawn),
            "first_frame_ms_from_start": ms(drawn - start),
            "first_frame_ms_from_load": ms(drawn - loaded),
            "filter_ready_ms_from_start": ms(indexed - start),
            "rss_after_load_mb": rss_loaded as f64 / 1e6,
            "rss_mb": rss_end as f64 / 1e6,
            "hwm_mb": hwm as f64 / 1e6,
            "rss_per_source": ratio(rss_end),
            "hwm_per_source": ratio(hwm),
        })
    );
    ExitCode::SUCCESS
}
