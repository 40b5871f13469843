//! The synthetic archive generator behind `examples/gen_archive.rs`: the same
//! seed writes the same bytes, and kanbao reads back what was planned.
//! (The generator's own unit tests — calendar, PRNG, date shifting — run
//! here too, as part of the included module.)

use kanbao_synth as synth;

use kanbao::loader::{self, LoadOptions};
use kanbao::model::{Archive, DateSource, IssueDate};
use std::collections::BTreeMap;
use std::path::Path;
use synth::{Options, Summary};

fn generate(dir: &Path, issues: usize, seed: u64, pages_per_issue: usize) -> Summary {
    let opts = Options {
        issues,
        seed,
        pages_per_issue,
    };
    synth::write_archive(dir, &opts).expect("archive written")
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn load(dir: &Path) -> Archive {
    loader::load_path(dir, &LoadOptions::default()).expect("archive loads")
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let sa = generate(a.path(), 50, 1, 1);
    let sb = generate(b.path(), 50, 1, 1);
    assert_eq!(sa, sb);
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    assert_eq!(ta.len(), sa.pages + sa.sidecars);
    assert!(ta == tb, "two runs with seed 1 differ");
    // Files live in year folders, so the loader's recursive walk is used.
    assert!(ta.keys().all(|p| p.starts_with("2025/")), "{:?}", ta.keys());
    generate(c.path(), 50, 2, 1);
    assert!(tree(c.path()) != ta, "another seed, another archive");
}

#[test]
fn kanbao_reads_what_was_planned() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), 50, 1, 1);
    let archive = load(dir.path());
    assert!(archive.errors.is_empty(), "{:?}", archive.errors);
    assert_eq!(archive.issues.len(), 50);

    // About ten articles an issue, as many as were written.
    let articles = archive.article_count();
    let per_issue = articles as f64 / 50.0;
    assert!(
        (7.0..=13.0).contains(&per_issue),
        "{per_issue} articles/issue"
    );
    let written = summary.articles as f64;
    assert!(
        (articles as f64 - written).abs() <= written * 0.02,
        "{articles} articles read, {written} written"
    );

    // Every line placed, nearly every article titled.
    let (placed, lines, coverage) = kanbao::check::archive_coverage(&archive);
    assert_eq!(coverage, 1.0, "{placed} of {lines} lines placed");
    let titled = archive
        .issues
        .iter()
        .flat_map(|i| i.articles())
        .filter(|a| a.headline.as_ref().is_some_and(|h| !h.text.is_empty()))
        .count();
    assert!(titled * 10 >= articles * 9, "{titled} of {articles} titled");
    let wire = archive
        .issues
        .iter()
        .flat_map(|i| i.articles())
        .filter(|a| a.byline.agency.as_deref() == Some("新华社"))
        .count();
    assert!(wire > 0 && wire * 4 < articles, "{wire} wire articles");

    // Dates: from the sidecar or masthead exactly; inferred from datelines
    // (the day after the newest one) with the year when the text fixes it.
    let generator = synth::Generator::new(Options {
        issues: 50,
        seed: 1,
        pages_per_issue: 1,
    });
    let mut by_source = BTreeMap::new();
    for i in 0..50 {
        let plan = generator.plan(i);
        let (y, m, d) = plan.day.ymd_parts();
        let want = IssueDate::ymd(y, m, d);
        let iso = plan.day.iso();
        let issue = archive
            .issues
            .iter()
            .find(|x| x.source().ends_with(&format!("{iso}.txt")))
            .unwrap_or_else(|| panic!("issue {iso} loaded"));
        let got = issue.date.expect("every issue dated");
        let source = issue.date_source.expect("with a source");
        *by_source.entry(source.as_str()).or_insert(0) += 1;
        match source {
            DateSource::Masthead => {
                assert!(plan.masthead, "{iso}");
                assert_eq!(got, want, "{iso}");
            }
            DateSource::Sidecar => {
                assert!(plan.sidecar && !plan.masthead, "{iso}");
                assert_eq!(got, want, "{iso}");
            }
            DateSource::Inferred => {
                assert!(!plan.sidecar && !plan.masthead, "{iso}");
                assert_eq!((got.month, got.day), (m, d), "{iso}");
                assert!(got.year.is_none_or(|gy| gy == y), "{iso}: {got}");
            }
        }
        if got.year.is_some() {
            assert_eq!(issue.id, iso);
        }
    }
    assert!(
        by_source.len() == 3,
        "all three date sources: {by_source:?}"
    );
}

#[test]
fn pages_of_one_issue_are_one_issue() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), 12, 5, 3);
    assert_eq!((summary.pages, summary.sidecars), (36, 36));
    let archive = load(dir.path());
    assert_eq!(archive.issues.len(), 12);
    for issue in &archive.issues {
        let labels: Vec<&str> = issue.pages.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["A1", "A2", "A3"], "{}", issue.id);
        assert!(issue.pages[0].source.ends_with("_A1.txt"));
    }
    let (_, _, coverage) = kanbao::check::archive_coverage(&archive);
    assert_eq!(coverage, 1.0);
}
