//! A parse scored against a gold reading: what a careful archivist reads on
//! each page, in the JSON of `tests/gold/seeds.json` (per file: date, pages,
//! articles with kicker, headline, subs, reporters…; see [`crate::review`]'s
//! `gold` for writing one). Used by `kanbao check --against` and by the
//! project's own real-page tests, so archivists' readings become
//! regression tests of the parser.
//!
//! The rules are those of the project's measurement script
//! (`shared/tools/score.py`), kept identical so the figures agree: titles
//! compared NFKC-folded without punctuation or spaces; a gold headline
//! found inside the parsed kicker + headline (the parsed headline at least
//! half its length), or a parsed headline inside the gold kicker + headline
//! (at least 0.6 of it); an untitled article by its first 20 characters in
//! the first two paragraphs. Each gold article takes the first unused
//! match, in page order; repeats of an article are not counted.

use crate::model::{Archive, Article};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// A gold reading that cannot be scored against.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GoldError {
    #[error("gold file {0:?}: expected an object with an \"articles\" list")]
    NoArticles(String),
}

/// How one file of the gold reading scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileScore {
    /// The file's name, as the gold reading keys it.
    pub file: String,
    /// False when no issue of the archive was read from it.
    pub in_archive: bool,
    pub found: usize,
    pub gold: usize,
    pub predicted: usize,
    /// Gold headlines (or opening text) not found.
    pub missed: Vec<Option<String>>,
    /// Parsed headlines no gold article matched.
    pub extra: Vec<Option<String>>,
    pub reporters_ok: usize,
    /// Found articles whose reporters the gold states.
    pub reporters_checked: usize,
    pub date_ok: bool,
    pub date: Option<String>,
}

/// The whole reading's score, per file and overall.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    pub files: Vec<FileScore>,
    pub found: usize,
    pub gold: usize,
    pub predicted: usize,
    pub reporters_ok: usize,
    pub reporters_checked: usize,
    pub dates_ok: usize,
    pub dates: usize,
}

impl Score {
    /// Gold articles found, over gold articles (0 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    /// Parsed articles that are gold ones, over parsed articles.
    pub fn precision(&self) -> f64 {
        ratio(self.found, self.predicted)
    }

    /// The report as `score.py` prints it: a line per file (with its
    /// misses and extras), the summary last.
    pub fn lines(&self) -> Vec<String> {
        let shown = |t: &Option<String>| {
            t.as_deref()
                .map_or_else(|| "None".to_string(), crate::intake::clean)
        };
        let mut out = Vec::new();
        for f in &self.files {
            let name = crate::intake::display_name(&f.file);
            if !f.in_archive {
                out.push(format!("{name}: not in export"));
                continue;
            }
            let date = if f.date_ok {
                "ok".to_string()
            } else {
                format!("WRONG {}", f.date.as_deref().unwrap_or("None"))
            };
            out.push(format!(
                "{name}: found {}/{}, predicted {}, date {date}, reporters {}/{}",
                f.found, f.gold, f.predicted, f.reporters_ok, f.reporters_checked
            ));
            out.extend(f.missed.iter().map(|m| format!("   missed: {}", shown(m))));
            out.extend(f.extra.iter().map(|e| format!("   extra:  {}", shown(e))));
        }
        out.push(format!(
            "recall {:.3} ({}/{}) precision {:.3} ({}/{}) reporters {}/{} dates {}/{}",
            self.recall(),
            self.found,
            self.gold,
            self.precision(),
            self.found,
            self.predicted,
            self.reporters_ok,
            self.reporters_checked,
            self.dates_ok,
            self.dates
        ));
        out
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// Python's `str.isspace` (what `\s` matches in `score.py`): Unicode
/// whitespace and the four ASCII separators.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A title as compared: NFKC, no spaces or punctuation.
fn norm(t: Option<&str>) -> Vec<char> {
    const PUNCT: &str = "\u{3000}“”‘’\"'《》〈〉「」『』（）()【】[]:：,，。.!！?？;；、·…—-–~～/";
    t.unwrap_or("")
        .nfkc()
        .filter(|c| !is_space(*c) && !PUNCT.contains(*c))
        .collect()
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// A JSON value's truth as Python sees it (`""`, `[]`, `0`, `null` false).
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
    }
}

fn text_of(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

/// Does the parsed article `p` read as the gold article `g`?
pub fn matches(g: &Value, p: &Article) -> bool {
    if truthy(g.get("untitled")) || !truthy(g.get("headline")) {
        let first = norm(text_of(g.get("first_text")));
        let body: String = p.body.iter().take(2).map(|b| b.text.as_str()).collect();
        let body = norm(Some(&body));
        let head = &first[..first.len().min(20)];
        return !first.is_empty()
            && contains(&body, head)
            && (p.untitled() || text_of(g.get("kind")) == Some("continuation"));
    }
    let (gh, gk) = (
        norm(text_of(g.get("headline"))),
        norm(text_of(g.get("kicker"))),
    );
    let title = |t: &Option<crate::model::Text>| norm(t.as_ref().map(|t| t.text.as_str()));
    let (ph, pk) = (title(&p.headline), title(&p.kicker));
    if ph.is_empty() {
        return false;
    }
    let pkh: Vec<char> = pk.iter().chain(&ph).copied().collect();
    let gkh: Vec<char> = gk.iter().chain(&gh).copied().collect();
    if !gh.is_empty() && contains(&pkh, &gh) {
        return ph.len() as f64 >= 0.5 * gh.len() as f64;
    }
    // As Python compares: a float product, not a rational one.
    contains(&gkh, &ph) && ph.len() as f64 >= 0.6 * gh.len() as f64
}

/// The name of a source path's file (`a/b/001.txt` → `001.txt`).
pub fn file_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

fn names(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = v
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// What was parsed from one file: its articles (repeats aside) in page
/// order, and the date of the issue they are in.
struct Parsed<'a> {
    articles: Vec<&'a Article>,
    date: Option<String>,
}

fn score_file(file: &str, gold: &Value, golds: &[Value], parsed: &Parsed) -> FileScore {
    let preds = &parsed.articles;
    let mut used = vec![false; preds.len()];
    let mut s = FileScore {
        file: file.to_string(),
        in_archive: true,
        found: 0,
        gold: golds.len(),
        predicted: preds.len(),
        missed: Vec::new(),
        extra: Vec::new(),
        reporters_ok: 0,
        reporters_checked: 0,
        date_ok: false,
        date: parsed.date.clone(),
    };
    for g in golds {
        let Some(i) = (0..preds.len()).find(|&i| !used[i] && matches(g, preds[i])) else {
            let named = text_of(g.get("headline"))
                .filter(|h| !h.is_empty())
                .or_else(|| text_of(g.get("first_text")));
            s.missed.push(named.map(str::to_string));
            continue;
        };
        used[i] = true;
        s.found += 1;
        // `g.get("kind", "article")`: a kind given as null is no article.
        let article = match g.get("kind") {
            None => true,
            Some(k) => k.as_str() == Some("article"),
        };
        if article && g.get("reporters").is_some() {
            s.reporters_checked += 1;
            let mut got = preds[i].byline.reporters.clone();
            got.sort();
            s.reporters_ok += usize::from(names(g.get("reporters")) == got);
        }
    }
    s.extra = preds
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(p, _)| p.headline.as_ref().map(|t| t.text.clone()))
        .collect();
    s.date_ok = match gold.get("date") {
        None | Some(Value::Null) => s.date.is_none(),
        Some(d) => d.as_str().is_some() && d.as_str() == s.date.as_deref(),
    };
    s
}

/// The gold reading's files in the order written (the script reads them
/// so, and prints its lines in that order).
struct GoldFiles(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for GoldFiles {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Files;
        impl<'de> serde::de::Visitor<'de> for Files {
            type Value = GoldFiles;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object of files")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<GoldFiles, M::Error> {
                let mut out = Vec::new();
                while let Some(entry) = m.next_entry::<String, Value>()? {
                    out.push(entry);
                }
                Ok(GoldFiles(out))
            }
        }
        d.deserialize_map(Files)
    }
}

/// Reads a gold reading's JSON, keeping its files' order.
pub fn read_gold(json: &[u8]) -> Result<Vec<(String, Value)>, serde_json::Error> {
    serde_json::from_slice::<GoldFiles>(json).map(|g| g.0)
}

/// Scores `archive` against the gold reading `gold` (see [`read_gold`]).
/// Each gold file is scored against the pages read from the file of that
/// name, as if it had been exported on its own (which is how the
/// measurement runs the script); `only` limits the files scored.
pub fn score(
    archive: &Archive,
    gold: &[(String, Value)],
    only: Option<&[String]>,
) -> Result<Score, GoldError> {
    let mut by_name: HashMap<&str, Parsed> = HashMap::new();
    for issue in &archive.issues {
        // A repeat of an article printed in another file is no repeat to
        // that file read alone (the loader finds repeats across the pages
        // of an issue; the measurement reads each file on its own).
        let source_of: HashMap<&str, &str> = issue
            .pages
            .iter()
            .flat_map(|p| {
                p.articles
                    .iter()
                    .map(|a| (a.id.as_str(), p.source.as_str()))
            })
            .collect();
        for page in &issue.pages {
            let parsed = by_name.entry(file_name(&page.source)).or_insert(Parsed {
                articles: Vec::new(),
                date: issue.date.map(|d| d.to_string()),
            });
            let repeat_here = |a: &&Article| {
                a.duplicate_of
                    .as_deref()
                    .is_some_and(|o| source_of.get(o).is_none_or(|s| *s == page.source))
            };
            parsed
                .articles
                .extend(page.articles.iter().filter(|a| !repeat_here(a)));
        }
    }
    let mut total = Score::default();
    for (name, g) in gold {
        if name.starts_with('_') || only.is_some_and(|o| !o.iter().any(|n| n == name)) {
            continue;
        }
        let golds = g
            .get("articles")
            .and_then(Value::as_array)
            .ok_or_else(|| GoldError::NoArticles(crate::intake::display_name(name)))?;
        total.dates += 1;
        let Some(parsed) = by_name.get(name.as_str()) else {
            total.gold += golds.len();
            total.files.push(FileScore {
                file: name.clone(),
                in_archive: false,
                found: 0,
                gold: golds.len(),
                predicted: 0,
                missed: Vec::new(),
                extra: Vec::new(),
                reporters_ok: 0,
                reporters_checked: 0,
                date_ok: false,
                date: None,
            });
            continue;
        };
        let f = score_file(name, g, golds, parsed);
        total.found += f.found;
        total.gold += f.gold;
        total.predicted += f.predicted;
        total.reporters_ok += f.reporters_ok;
        total.reporters_checked += f.reporters_checked;
        total.dates_ok += usize::from(f.date_ok);
        total.files.push(f);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{LoadOptions, load_texts};
    use serde_json::json;

    const PAGE: &str = "晨光日报\n2021年3月4日 星期四\n\n河边新建一座桥\n记者 王小明\n\
        本报讯 3月3日，河边的新桥通车了。\n\n公园花开\n记者 李四\n\
        本报讯 春天到了，公园里的花都开了。\n";

    fn gold(v: Value) -> Vec<(String, Value)> {
        read_gold(v.to_string().as_bytes()).unwrap()
    }

    fn archive() -> Archive {
        load_texts("t", &[("p.txt", PAGE.as_bytes())], &LoadOptions::default())
    }

    #[test]
    fn a_perfect_reading_scores_one() {
        let g = json!({"_about": "x", "p.txt": {"date": "2021-03-04", "articles": [
            {"headline": "河边新建一座桥", "reporters": ["王小明"]},
            {"headline": "公园花开", "reporters": ["李四"]},
        ]}});
        let s = score(&archive(), &gold(g), None).unwrap();
        assert_eq!((s.recall(), s.precision()), (1.0, 1.0));
        assert_eq!((s.reporters_ok, s.reporters_checked), (2, 2));
        assert_eq!((s.dates_ok, s.dates), (1, 1));
        assert_eq!(
            s.lines().last().unwrap(),
            "recall 1.000 (2/2) precision 1.000 (2/2) reporters 2/2 dates 1/1"
        );
    }

    #[test]
    fn misses_extras_wrong_dates_and_absent_files_count() {
        let g = json!({"p.txt": {"date": "2021-03-05", "articles": [
            // punctuation and width do not matter
            {"headline": "河边新建一座桥！", "reporters": ["王小明", "赵六"]},
            {"headline": "没有这篇"},
        ]}, "q.txt": {"articles": [{"headline": "别处"}]}});
        let s = score(&archive(), &gold(g.clone()), None).unwrap();
        assert_eq!((s.found, s.gold, s.predicted), (1, 3, 2));
        assert_eq!((s.reporters_ok, s.reporters_checked), (0, 1));
        let lines = s.lines();
        assert_eq!(
            lines[0],
            "p.txt: found 1/2, predicted 2, date WRONG 2021-03-04, reporters 0/1"
        );
        assert_eq!(lines[1], "   missed: 没有这篇");
        assert_eq!(lines[2], "   extra:  公园花开");
        assert_eq!(lines[3], "q.txt: not in export");
        assert_eq!((s.dates_ok, s.dates), (0, 2));
        let only = ["q.txt".to_string()];
        assert_eq!(score(&archive(), &gold(g), Some(&only)).unwrap().gold, 1);
    }

    #[test]
    fn a_shorter_headline_inside_kicker_and_headline_matches() {
        let a = &archive().issues[0].pages[0].articles[1];
        let g = json!({"kicker": "春天来了", "headline": "公园花开了"});
        assert!(matches(&g, a), "4 of 5 characters");
        let g = json!({"headline": "公园花开满城春色如许啊"});
        assert!(!matches(&g, a), "4 of 11 is under 0.6");
    }

    #[test]
    fn a_gold_reading_keeps_its_order_and_must_be_an_object() {
        let g = read_gold(br#"{"b.txt": {"articles": []}, "a.txt": {"articles": []}}"#).unwrap();
        assert_eq!(g[0].0, "b.txt");
        assert!(read_gold(b"[1]").is_err());
        assert!(score(&archive(), &gold(json!({"p.txt": {}})), None).is_err());
    }
}
