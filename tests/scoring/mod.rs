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

/// The measurement's own matching (`shared/tools/score.py`, which scores
/// kanbao on pages kept aside), for pages whose gold was read by that
/// convention: titles compared without punctuation and spaces, NFKC-folded;
/// a headline may be found inside kicker + headline, or a shorter parsed
/// headline inside the gold kicker + headline.
pub mod measured {
    use super::{Score, files, s, strings};
    use kanbao::model::{Archive, Article};
    use serde_json::Value;
    use unicode_normalization::UnicodeNormalization;

    fn norm(t: Option<&str>) -> Vec<char> {
        const PUNCT: &str =
            " \t\u{3000}“”‘’\"'《》〈〉「」『』（）()【】[]:：,，。.!！?？;；、·…—-–~～/";
        t.unwrap_or("")
            .nfkc()
            .filter(|c| !c.is_whitespace() && !PUNCT.contains(*c))
            .collect()
    }

    fn contains(hay: &[char], needle: &[char]) -> bool {
        needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
    }

    fn text(t: &Option<kanbao::model::Text>) -> Option<&str> {
        t.as_ref().map(|t| t.text.as_str())
    }

    pub fn matches(g: &Value, p: &Article) -> bool {
        if g["untitled"].as_bool() == Some(true) || s(&g["headline"]).is_none() {
            let first = norm(s(&g["first_text"]));
            let body: String = p.body.iter().take(2).map(|b| b.text.as_str()).collect();
            let body = norm(Some(&body));
            let head = &first[..first.len().min(20)];
            return !first.is_empty()
                && contains(&body, head)
                && (p.untitled() || s(&g["kind"]) == Some("continuation"));
        }
        let (gh, gk) = (norm(s(&g["headline"])), norm(s(&g["kicker"])));
        let (ph, pk) = (norm(text(&p.headline)), norm(text(&p.kicker)));
        if ph.is_empty() {
            return false;
        }
        let pkh: Vec<char> = pk.iter().chain(&ph).copied().collect();
        let gkh: Vec<char> = gk.iter().chain(&gh).copied().collect();
        if !gh.is_empty() && contains(&pkh, &gh) {
            return ph.len() * 2 >= gh.len();
        }
        contains(&gkh, &ph) && ph.len() * 10 >= gh.len() * 6
    }

    /// Scores each file's parsed articles (duplicates aside) against its gold:
    /// each gold article takes the first unused match, in page order.
    pub fn score(archive: &Archive, gold: &Value) -> Score {
        let mut sc = Score::default();
        for (file, g) in files(gold) {
            let preds: Vec<&Article> = archive
                .issues
                .iter()
                .flat_map(|i| &i.pages)
                .filter(|p| p.source.ends_with(file.as_str()))
                .flat_map(|p| &p.articles)
                .filter(|a| a.duplicate_of.is_none())
                .collect();
            let mut used = vec![false; preds.len()];
            for ga in g["articles"].as_array().unwrap() {
                sc.gold += 1;
                match (0..preds.len()).find(|&i| !used[i] && matches(ga, preds[i])) {
                    Some(i) => {
                        used[i] = true;
                        sc.found += 1;
                        let a = preds[i];
                        let checked = ga.get("reporters").is_some()
                            && s(&ga["kind"]).unwrap_or("article") == "article";
                        sc.reporters_checked += usize::from(checked);
                        let mut want = strings(&ga["reporters"]);
                        let mut got = a.byline.reporters.clone();
                        want.sort();
                        got.sort();
                        sc.reporters_ok += usize::from(checked && want == got);
                        let mut want = strings(&ga["correspondents"]);
                        let mut got = a.byline.correspondents.clone();
                        want.sort();
                        got.sort();
                        sc.correspondents_ok += usize::from(want == got);
                    }
                    None => sc.misses.push(format!("{file}: {}", ga["headline"])),
                }
            }
            sc.parsed += preds.len();
            sc.real += used.iter().filter(|u| **u).count();
            for (a, _) in preds.iter().zip(&used).filter(|(_, u)| !**u) {
                sc.extras.push(format!("{}: {}", a.id, a.title()));
            }
        }
        sc
    }
}
