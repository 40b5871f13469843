//! Scores the parser against a careful reading of some pages (the gold JSON
//! format of `tests/gold/seeds.json`): which reference articles were found
//! with the right headline and kicker, which parsed articles are real ones,
//! whose bylines are right. Shared by the golden and held-out tests.
#![allow(dead_code)] // each test file uses some of it

use kanbao::model::{Archive, Article, Issue};
use serde_json::Value;

pub fn s(v: &Value) -> Option<&str> {
    v.as_str()
}

pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The files a gold document describes (its keys other than `_about`…).
pub fn files(g: &Value) -> Vec<(&String, &Value)> {
    g.as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .collect()
}

pub fn issue_for<'a>(archive: &'a Archive, file: &str) -> &'a Issue {
    archive
        .issues
        .iter()
        .find(|i| i.sources.iter().any(|s| s.path.ends_with(file)))
        .unwrap_or_else(|| panic!("{file} loaded"))
}

/// The parsed article a gold entry describes: same headline (or, untitled,
/// the same opening text) and same kicker.
pub fn matching<'a>(issue: &'a Issue, g: &Value) -> Option<&'a Article> {
    issue
        .articles()
        .filter(|a| a.duplicate_of.is_none())
        .find(|a| {
            let kicker_ok = a.kicker.as_ref().map(|t| t.text.as_str()) == s(&g["kicker"]);
            let head_ok = match s(&g["headline"]) {
                Some(h) => a.headline.as_ref().is_some_and(|t| t.text == h),
                None => {
                    a.untitled()
                        && s(&g["first_text"])
                            .is_some_and(|f| a.body.first().is_some_and(|b| b.text.starts_with(f)))
                }
            };
            kicker_ok && head_ok
        })
}

/// What a reading of some pages scores.
#[derive(Debug, Default)]
pub struct Score {
    pub gold: usize,
    pub found: usize,
    pub parsed: usize,
    pub real: usize,
    pub reporters_ok: usize,
    pub correspondents_ok: usize,
    /// Found articles whose reporters the gold states (the measurement
    /// checks those only).
    pub reporters_checked: usize,
    pub misses: Vec<String>,
    pub extras: Vec<String>,
}

impl Score {
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.gold as f64
    }
    pub fn precision(&self) -> f64 {
        self.real as f64 / self.parsed as f64
    }
    pub fn reporters(&self) -> f64 {
        self.reporters_ok as f64 / self.gold as f64
    }
    pub fn correspondents(&self) -> f64 {
        self.correspondents_ok as f64 / self.gold as f64
    }
}

pub fn score(archive: &Archive, gold: &Value) -> Score {
    let mut sc = Score::default();
    for (file, g) in files(gold) {
        let issue = issue_for(archive, file);
        let golds = g["articles"].as_array().unwrap();
        for ga in golds {
            sc.gold += 1;
            match matching(issue, ga) {
                Some(a) => {
                    sc.found += 1;
                    sc.reporters_ok += usize::from(a.byline.reporters == strings(&ga["reporters"]));
                    sc.correspondents_ok +=
                        usize::from(a.byline.correspondents == strings(&ga["correspondents"]));
                }
                None => sc.misses.push(format!("{file}: {}", ga["headline"])),
            }
        }
        // Pages of one issue share it: count each parsed article once, in
        // the file it came from.
        for page in issue
            .pages
            .iter()
            .filter(|p| p.source.ends_with(file.as_str()))
        {
            for a in page.articles.iter().filter(|a| a.duplicate_of.is_none()) {
                sc.parsed += 1;
                if golds
                    .iter()
                    .any(|ga| matching(issue, ga).is_some_and(|m| std::ptr::eq(m, a)))
                {
                    sc.real += 1;
                } else {
                    sc.extras.push(format!("{}: {}", a.id, a.title()));
                }
            }
        }
    }
    sc
}

/// The measurement's own scoring (`shared/tools/score.py`, which scores
/// kanbao on pages kept aside), as `kanbao check --against` runs it: the one
/// implementation in [`kanbao::score`], its figures in this file's [`Score`].
pub mod measured {
    use super::Score;
    use kanbao::model::Archive;
    use serde_json::Value;

    pub fn score(archive: &Archive, gold: &Value) -> Score {
        let gold = kanbao::score::read_gold(gold.to_string().as_bytes()).expect("a gold object");
        let sc = kanbao::score::score(archive, &gold, None).expect("a gold reading");
        let named = |t: &Option<String>| t.clone().unwrap_or_else(|| "None".into());
        Score {
            gold: sc.gold,
            found: sc.found,
            parsed: sc.predicted,
            real: sc.found,
            reporters_ok: sc.reporters_ok,
            correspondents_ok: 0,
            reporters_checked: sc.reporters_checked,
            misses: sc
                .files
                .iter()
                .flat_map(|f| {
                    f.missed
                        .iter()
                        .map(move |m| format!("{}: {}", f.file, named(m)))
                })
                .collect(),
            extras: sc
                .files
                .iter()
                .flat_map(|f| {
                    f.extra
                        .iter()
                        .map(move |e| format!("{}: {}", f.file, named(e)))
                })
                .collect(),
        }
    }
}
