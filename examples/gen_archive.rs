//! Writes a deterministic synthetic archive shaped like the sample archive,
//! for measuring kanbao at scale (see `tools/synth` for what it contains).
//!
//! ```sh
//! cargo run --release --example gen_archive -- --issues 10000 --out /tmp/kb10k --seed 1
//! ```
//!
//! About ten articles per page: 10,000 one-page issues are about 100,000
//! articles, 100,000 about a million. Files already in `--out` with the same
//! names are overwritten; others are left alone.

use kanbao_synth as synth;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Parser)]
#[command(about = "Write a deterministic synthetic kanbao archive")]
struct Args {
    /// Number of issues (one per day, the newest dated 2025-12-31).
    #[arg(long)]
    issues: usize,
    /// Folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Seed of every random choice: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Pages (files) per issue: `DATE_A1.txt`, `DATE_A2.txt`…, each with a sidecar.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=99))]
    pages_per_issue: u16,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    let opts = synth::Options {
        issues: args.issues,
        seed: args.seed,
        pages_per_issue: usize::from(args.pages_per_issue),
    };
    match synth::write_archive(&args.out, &opts) {
        Ok(s) => {
            println!(
                "wrote {} files ({} pages, {} sidecars), {:.1} MB, {} issues, ~{} articles to {} in {:.2} s",
                s.pages + s.sidecars,
                s.pages,
                s.sidecars,
                s.bytes as f64 / 1e6,
                s.issues,
                s.articles,
                args.out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_archive: {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
