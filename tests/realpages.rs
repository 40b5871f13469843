//! The parser on real pages of papers it was not written against: published
//! text of 人民日报 (1946 front pages, 2017 inner pages), 申報 (1948–49, in
//! traditional characters), 新民晚报 and 解放日报 (2022), 深圳特区报 (2017,
//! read also with the generic profile alone, as an unknown paper), 蘋果日報
//! (Taiwan, 2008–12, traditional characters, no profile), laid out as their
//! e-papers give it, each page with a careful reading in `gold.json` and its
//! source in `SOURCES.md` (`tests/realpages/<paper>/`). Scored as the
//! measurement scores kanbao on pages kept aside (`shared/tools/score.py`:
//! titles compared without punctuation). The floors keep what was reached;
//! `docs/PARSER.md` has the figures per paper.

mod scoring;

use kanbao::loader::{LoadOptions, load_path};

struct Floors {
    recall: f64,
    precision: f64,
    reporters: f64,
}

fn check(set: &str, floors: Floors) {
    check_with(set, floors, &kanbao::profile::Profiles::builtin());
}

fn check_with(set: &str, floors: Floors, profiles: &kanbao::profile::Profiles) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/realpages")
        .join(set);
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let opts = LoadOptions {
        profiles: Some(profiles),
        ..Default::default()
    };
    let archive = load_path(&dir, &opts).unwrap();
    let sc = scoring::measured::score(&archive, &gold);
    let reporters = sc.reporters_ok as f64 / sc.reporters_checked.max(1) as f64;
    println!(
        "{set}: recall {}/{} = {:.3}, precision {}/{} = {:.3}, reporters {}/{} = {:.3}",
        sc.found,
        sc.gold,
        sc.recall(),
        sc.real,
        sc.parsed,
        sc.precision(),
        sc.reporters_ok,
        sc.reporters_checked,
        reporters
    );
    let detail = format!("missed {:#?}\nextra {:#?}", sc.misses, sc.extras);
    assert!(
        sc.recall() >= floors.recall,
        "recall {:.3}\n{detail}",
        sc.recall()
    );
    assert!(
        sc.precision() >= floors.precision,
        "precision {:.3}\n{detail}",
        sc.precision()
    );
    assert!(reporters >= floors.reporters, "reporters {reporters:.3}");
    let (placed, lines, _) = kanbao::check::archive_coverage(&archive);
    assert_eq!(placed, lines, "every line placed exactly once");
    // Every page dated right (from its e-paper header) and in its paper.
    for (file, g) in scoring::files(&gold) {
        let issue = scoring::issue_for(&archive, file);
        assert_eq!(
            issue.date.map(|d| d.to_string()).as_deref(),
            g["date"].as_str(),
            "{set}/{file}"
        );
        if let Some(paper) = g["paper"].as_str() {
            assert_eq!(issue.paper.as_deref(), Some(paper), "{set}/{file}");
        }
        // The page's label from its folio (a spread: its first page), where
        // the source kept the page.
        let page = issue
            .pages
            .iter()
            .find(|p| p.source.ends_with(file.as_str()))
            .unwrap();
        let Some(printed) = g["pages"][0].as_str() else {
            continue;
        };
        assert!(
            kanbao::model::same_page(&page.label, printed),
            "{set}/{file}: label {} for page {printed}",
            page.label
        );
    }
}

#[test]
fn renmin_ribao() {
    check(
        "renmin-ribao",
        Floors {
            recall: 0.99,
            precision: 0.99,
            reporters: 0.94,
        },
    );
}

#[test]
fn xinmin_wanbao() {
    check(
        "xinmin-wanbao",
        Floors {
            recall: 0.97,
            precision: 0.99,
            reporters: 0.95,
        },
    );
}

#[test]
fn jiefang_ribao() {
    check(
        "jiefang-ribao",
        Floors {
            recall: 0.99,
            precision: 0.99,
            reporters: 0.95,
        },
    );
}

#[test]
fn renmin_ribao_front_pages_of_1946() {
    check(
        "renmin-ribao-front",
        Floors {
            recall: 0.96,
            precision: 0.99,
            reporters: 0.96,
        },
    );
}

#[test]
fn shen_bao_in_traditional_characters() {
    check(
        "shen-bao",
        Floors {
            recall: 0.98,
            precision: 0.98,
            reporters: 0.98,
        },
    );
}

#[test]
fn shenzhen_tequbao() {
    check(
        "shenzhen-tequbao",
        Floors {
            recall: 1.0,
            precision: 1.0,
            reporters: 0.9,
        },
    );
}

/// The same pages as a paper kanbao has no profile for: the generic profile
/// alone reads them as well (the paper's name from its masthead).
#[test]
fn shenzhen_tequbao_as_an_unknown_paper() {
    check_with(
        "shenzhen-tequbao",
        Floors {
            recall: 1.0,
            precision: 1.0,
            reporters: 0.9,
        },
        &kanbao::profile::Profiles::generic(),
    );
}

#[test]
fn pingguo_ribao() {
    // No profile: the paper's name comes from its masthead, its credits
    // (`報導．攝影╱X`, `【X╱台北報導】`) from the generic grammar.
    check(
        "pingguo-ribao",
        Floors {
            recall: 0.99,
            precision: 0.99,
            reporters: 0.99,
        },
    );
}
