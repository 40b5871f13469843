//! Fuzzing on stable Rust (issue 17, "make it stay fixed"): proptest drives
//! mutated sample pages, sidecars, review files and configs through the
//! readers, and asserts two things of every run: nothing panics, and no
//! string kanbao would print — JSON, Markdown, text, the reader's laid-out
//! lines, warnings and error messages — carries a control, bidi, zero-width
//! or other format character.
//!
//! The inputs start from the sample pages and sidecars in `seeds/` and are
//! mutated with the kinds of damage the issue tried: flipped bytes, C0/C1
//! controls, escape sequences, bidi and zero-width characters, invalid UTF-8,
//! NULs, truncation, and bytes of RON's syntax. Each target runs for a time
//! budget rather than a number of cases: 8 s by default, 45 s when `CI` is
//! set (the two targets run side by side), `KANBAO_FUZZ_SECONDS` to choose.
//! A failure is shrunk by proptest and printed as the smallest input found.

use kanbao::decode::is_unsafe;
use kanbao::loader::{LoadOptions, load_texts};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::time::{Duration, Instant};

const SEEDS: &[(&str, &[u8])] = &[
    (
        "000.txt",
        include_bytes!("../seeds/000_52f0eab0ce7afa90.txt"),
    ),
    (
        "001.txt",
        include_bytes!("../seeds/001_116e626ffbbcf756.txt"),
    ),
    (
        "002.txt",
        include_bytes!("../seeds/002_4686ddf467469859.txt"),
    ),
    (
        "004.txt",
        include_bytes!("../seeds/004_6232c28edf24c7ca.txt"),
    ),
];

const SIDECARS: &[&[u8]] = &[
    include_bytes!("../seeds/000_52f0eab0ce7afa90.ron"),
    include_bytes!("../seeds/001_116e626ffbbcf756.ron"),
    include_bytes!("../seeds/002_4686ddf467469859.ron"),
    include_bytes!("../seeds/004_6232c28edf24c7ca.ron"),
    b"(date: \"2021-01-10\", paper: \"\", page: \"A\\n1\", number: 22487, page_count: 8)",
];

const REVIEW: &[u8] = "(\n    version: 1,\n    articles: {\n        \"2020-11-28/A1/1\": (\n            status: NeedsFix,\n            note: Some(\"标题错了\"),\n            headline: Some(\"改正的标题\"),\n            kicker: Some(\"\"),\n            fingerprint: \"ec95483112bf183d\",\n            updated: \"2026-12-06T07:45:16Z\",\n            by: Some(\"甲\"),\n        ),\n    },\n    issues: {\n        \"2020-11-28\": (date: Some(\"2020-11-29\")),\n    },\n)\n".as_bytes();

const CONFIG: &[u8] = b"(\n    archive: \"/srv/papers\",\n    theme: \"dark\",\n    ambiguous_width: 1,\n    max_text_width: 80,\n    pinyin: true,\n    keys: { quit: [\"q\", \"ctrl-c\"], down: [\"j\"] },\n)\n";

/// What the issue's mutator inserted: terminal escapes, C1 controls, bidi,
/// zero-width and other format characters, invalid and cut UTF-8, NUL, CR,
/// GB18030 bytes, and RON's syntax.
const NASTY: &[&[u8]] = &[
    b"\x1b[2J",
    b"\x1b]0;owned\x07",
    b"\x1bP+q\x1b\\",
    b"\x1b",
    "\u{9b}31m".as_bytes(),
    "\u{85}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{2066}".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{61c}".as_bytes(),
    "\u{180e}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{e0041}".as_bytes(),
    b"\0",
    b"\r",
    b"\n",
    b"\n\n",
    b"\t",
    b"\x07",
    b"\xff\xfe",
    b"\xc2",
    b"\xe6\xa0",
    b"\xd6\xea\xd6\xde",
    b"\"",
    b"(",
    b")",
    b":",
    b",",
    b"Some(",
    b"\\u{1b}",
    b"\\n",
    "株洲日报讯 1月6日，".as_bytes(),
    "上接A1版".as_bytes(),
    "转第2版".as_bytes(),
    "2021年1月10日".as_bytes(),
];

#[derive(Debug, Clone)]
enum Op {
    Insert(usize, usize),
    Bytes(usize, Vec<u8>),
    Flip(usize, u8),
    Delete(usize, usize),
    Truncate(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<usize>(), 0..NASTY.len()).prop_map(|(at, k)| Op::Insert(at, k)),
        2 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Op::Bytes(at, b)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(at, x)| Op::Flip(at, x)),
        1 => (any::<usize>(), 1..64usize).prop_map(|(at, n)| Op::Delete(at, n)),
        1 => any::<usize>().prop_map(Op::Truncate),
    ]
}

fn mutate(base: &[u8], ops: &[Op]) -> Vec<u8> {
    let mut b = base.to_vec();
    for op in ops {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match op {
            Op::Insert(i, k) => {
                let i = at(*i, b.len());
                b.splice(i..i, NASTY[*k].iter().copied());
            }
            Op::Bytes(i, bytes) => {
                let i = at(*i, b.len());
                b.splice(i..i, bytes.iter().copied());
            }
            Op::Flip(i, x) => {
                if !b.is_empty() {
                    let i = i % b.len();
                    b[i] ^= x | 1;
                }
            }
            Op::Delete(i, n) => {
                if !b.is_empty() {
                    let i = i % b.len();
                    let end = (i + n).min(b.len());
                    b.drain(i..end);
                }
            }
            Op::Truncate(i) => {
                let i = at(*i, b.len());
                b.truncate(i);
            }
        }
    }
    b
}

/// Bytes made from `bases`: mutated, or (rarely) wholly arbitrary.
fn input(bases: &'static [&'static [u8]]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => (0..bases.len(), prop::collection::vec(op(), 0..12))
            .prop_map(move |(k, ops)| mutate(bases[k], &ops)),
        1 => prop::collection::vec(any::<u8>(), 0..600),
    ]
}

fn budget() -> Duration {
    let default = if std::env::var_os("CI").is_some() {
        45
    } else {
        8
    };
    let secs = std::env::var("KANBAO_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    Duration::from_secs(secs)
}

/// Runs `test` on inputs from `strategy` until the budget is spent, in
/// rounds of fresh random seeds; returns how many cases ran.
fn fuzz<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) -> usize
where
    S::Value: std::fmt::Debug,
{
    let start = Instant::now();
    let mut cases = 0;
    while start.elapsed() < budget() || cases == 0 {
        let mut runner = TestRunner::new(Config {
            cases: 32,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{e}");
        }
        cases += 32;
    }
    cases
}

/// The characters a printed string must not carry (newline and tab aside).
fn check_clean(what: &str, text: &str) -> Result<(), TestCaseError> {
    if let Some(c) = text
        .chars()
        .find(|&c| c != '\n' && c != '\t' && is_unsafe(c))
    {
        return Err(TestCaseError::fail(format!(
            "{what} carries U+{:04X}: {text:?}",
            c as u32
        )));
    }
    Ok(())
}

fn check_json(what: &str, v: &serde_json::Value) -> Result<(), TestCaseError> {
    match v {
        serde_json::Value::String(s) => check_clean(what, s),
        serde_json::Value::Array(a) => a.iter().try_for_each(|x| check_json(what, x)),
        serde_json::Value::Object(o) => o.iter().try_for_each(|(k, x)| {
            check_clean(what, k)?;
            check_json(what, x)
        }),
        _ => Ok(()),
    }
}

/// Everything kanbao prints of an archive, checked.
fn check_archive(
    archive: &kanbao::model::Archive,
    reviews: &kanbao::review::ReviewFile,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(kanbao::export::archive_json_reviewed(archive, reviews))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    check_json("export --format json", &json)?;
    let corrected = reviews.corrected(archive);
    check_clean("export --format md", &kanbao::export::markdown(&corrected))?;
    check_clean(
        "export --format txt",
        &kanbao::export::plain_text(&corrected),
    )?;
    check_clean(
        "export --format headlines",
        &kanbao::export::headlines(&corrected),
    )?;
    check_clean(
        "review report",
        &kanbao::review::report(archive, reviews).to_markdown(),
    )?;
    for issue in &corrected.issues {
        let _ = kanbao::check::issue_coverage(issue);
        for article in issue.articles() {
            let ctx = kanbao::reading::context(issue, article);
            let lines = kanbao::reading::lay_out(article, &ctx, 30, Default::default());
            for line in lines {
                check_clean("the reader's lines", &line.text)?;
            }
        }
    }
    Ok(())
}

#[test]
fn pages_decode_parse_and_check_without_panic_or_unsafe_output() {
    const PAGES: &[&[u8]] = &[SEEDS[0].1, SEEDS[1].1, SEEDS[2].1, SEEDS[3].1];
    let pages = PAGES;
    let cases = fuzz(
        (
            input(pages),
            input(pages),
            prop::sample::select(vec!["p", "A2", "2021-01-10_B3", "\u{1b}]0;x\u{7}"]),
        ),
        |(page, other, name)| {
            let first = format!("{name}.txt");
            let files: Vec<(&str, &[u8])> = vec![(&first, &page), ("2021-01-10_A1.txt", &other)];
            let archive = load_texts("fuzz", &files, &LoadOptions::default());
            check_archive(&archive, &Default::default())
        },
    );
    eprintln!("{cases} page cases");
}

#[test]
fn sidecars_review_files_and_configs_read_without_panic_or_unsafe_output() {
    let dir = tempfile::tempdir().unwrap();
    let n = std::sync::atomic::AtomicUsize::new(0);
    let cases = fuzz(
        (
            input(SIDECARS),
            input(&[REVIEW]),
            input(&[CONFIG]),
            0..SEEDS.len(),
        ),
        |(sidecar, review, config, k)| {
            // A sidecar beside a sample page.
            let files: Vec<(&str, &[u8])> = vec![("p.txt", SEEDS[k].1), ("p.ron", &sidecar)];
            let archive = load_texts("fuzz", &files, &LoadOptions::default());

            // A review file and a config as read from disk (a fresh folder
            // each time: an unparsable one is moved aside).
            let case = dir.path().join(
                n.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                    .to_string(),
            );
            std::fs::create_dir(&case).unwrap();
            let path = case.join("kanbao-review.ron");
            std::fs::write(&path, &review).unwrap();
            let reviews = match kanbao::review::load_reviews(&path) {
                Ok(loaded) => {
                    if let Some(r) = &loaded.recovered {
                        check_clean("review recovery", &r.to_string())?;
                    }
                    loaded.value
                }
                Err(e) => {
                    check_clean("review error", &e.to_string())?;
                    Default::default()
                }
            };
            let json = serde_json::to_value(&reviews).unwrap();
            check_json("review file as read", &json)?;
            check_archive(&archive, &reviews)?;

            let path = case.join("config.ron");
            std::fs::write(&path, &config).unwrap();
            if let (_, Some(e)) = kanbao::config::load_config(&path) {
                check_clean("config error", &e.to_string())?;
                check_clean("config error", &e.short())?;
            }
            std::fs::remove_dir_all(&case).unwrap();
            Ok(())
        },
    );
    eprintln!("{cases} sidecar/review/config cases");
}
