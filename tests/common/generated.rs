//! Generated archives on disk, for the tests of the index and the
//! skeleton: the files in them and their modification times.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A generated archive of `issues` one-page issues, every file dated an
/// hour ago (files changed in the last seconds are never trusted, as a
/// change within the clock's tick could keep their stamp).
pub fn archive(dir: &Path, issues: usize, seed: u64) -> PathBuf {
    let root = dir.join("archive");
    kanbao_synth::write_archive(
        &root,
        &kanbao_synth::Options {
            issues,
            seed,
            pages_per_issue: 1,
        },
    )
    .expect("generate");
    for f in files(&root) {
        age(&f, 3600);
    }
    root
}

/// Every file under `dir`: pages and their sidecars, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The parse shards (`parses-*.bin`) in the index folder `cache`: a
/// command that loaded the archive through the index left them.
pub fn parse_shards(cache: &Path) -> Vec<PathBuf> {
    files(cache)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("parses-")
        })
        .collect()
}

/// The pages under `dir`.
pub fn pages(dir: &Path) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect()
}

/// Sets `path`'s modification time `secs` seconds into the past.
pub fn age(path: &Path, secs: u64) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(secs))
        .unwrap();
}

/// The real binary run with `args`, its cache in `cache` and its config
/// and data folders beside it, colour off.
pub fn kanbao_with_cache(cache: &Path, args: &[&str]) -> std::process::Output {
    let home = cache.parent().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env("KANBAO_CACHE_DIR", cache)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1")
        .output()
        .expect("kanbao runs")
}
