//! Parsed pages → the archive: pages of one paper and day gathered into
//! issues, dates decided (masthead, else sidecar, else inferred from
//! datelines), ids given, continuations settled, reprints linked.

use super::file::Parsed;
use crate::model::{
    Archive, Article, ArticleKind, DateSource, FileError, Fragment, Issue, IssueDate, Page,
    SourceFile, Warning,
};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// The day after the newest dateline; the year from a full date printed
/// shortly before it, else unknown (never guessed).
pub fn infer_date(days: &[(u32, u32)], full_dates: &[IssueDate]) -> Option<IssueDate> {
    // Datelines on either side of New Year: January is after December.
    let wraps = days.iter().any(|d| d.0 >= 11) && days.iter().any(|d| d.0 <= 2);
    let key = |d: &(u32, u32)| {
        if wraps && d.0 <= 2 {
            (d.0 + 12, d.1)
        } else {
            *d
        }
    };
    let &(month, day) = days.iter().max_by_key(|d| key(d))?;
    let ordinal = |m: u32, d: u32| (m - 1) * 31 + d;
    let target = ordinal(month, day);
    // A full date within about six weeks of the newest dateline fixes the
    // year: one before it (a report on what happened), or one after it (a
    // rule taking effect, `自2023年3月1日起`), across New Year either way.
    const YEAR: u32 = 12 * 31;
    let year = full_dates
        .iter()
        .flat_map(|f| {
            let o = ordinal(f.month, f.day);
            let before = if o <= target {
                (target - o, 0)
            } else {
                (target + YEAR - o, 1)
            };
            let after = if o >= target {
                (o - target, 0)
            } else {
                (o + YEAR - target, -1)
            };
            [(before, false), (after, true)]
                .into_iter()
                .filter(|((gap, _), _)| *gap <= 45)
                .map(move |((gap, shift), later)| ((gap, later), f.year.map(|y| y + shift)))
        })
        // The nearest; on a tie, the date before the dateline.
        .min_by_key(|(key, _)| *key)
        .and_then(|(_, y)| y);
    let date = IssueDate { year, month, day };
    date.is_valid().then(|| date.next_day())
}

/// A page label hidden in a file name: `2021-01-10_A2.txt` → `A2`.
fn label_from_stem(stem: &str) -> Option<String> {
    stem.split(['_', '-', '.', ' '])
        .find(|tok| {
            let letters = tok.chars().take_while(|c| c.is_ascii_uppercase()).count();
            let digits = &tok[letters..];
            (1..=2).contains(&letters)
                && (1..=2).contains(&digits.len())
                && digits.chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
}

/// One file's page with its decided metadata, before grouping.
struct PageDraft {
    parsed: Parsed,
    label: String,
    date: Option<IssueDate>,
    date_source: Option<DateSource>,
    paper: Option<String>,
}

fn decide(mut parsed: Parsed) -> PageDraft {
    let sidecar = parsed.sidecar.clone().unwrap_or_default();
    let masthead = parsed.page.masthead.as_ref();
    let label = sidecar
        .page
        .clone()
        .or_else(|| masthead.and_then(|m| m.page_label.clone()))
        .or_else(|| label_from_stem(&parsed.stem))
        .unwrap_or_else(|| "A1".to_string());
    let sidecar_date = sidecar.date.as_deref().and_then(|s| {
        let d = IssueDate::parse(s);
        if d.is_none() {
            parsed.warnings.push(Warning {
                source: parsed.source.clone(),
                line: None,
                column: None,
                message: format!("sidecar date {s:?} is not YYYY-MM-DD: ignored"),
            });
        }
        d
    });
    let masthead_date = masthead.and_then(|m| m.date);
    let (date, date_source) = if let Some(d) = masthead_date {
        if let Some(s) = sidecar_date.filter(|s| *s != d) {
            parsed.warnings.push(Warning {
                source: parsed.source.clone(),
                line: None,
                column: None,
                message: format!(
                    "sidecar date {s} disagrees with the masthead's {d}: masthead kept"
                ),
            });
        }
        (Some(d), Some(DateSource::Masthead))
    } else if let Some(d) = sidecar_date {
        (Some(d), Some(DateSource::Sidecar))
    } else {
        let inferred = infer_date(&parsed.page.dateline_days, &parsed.page.full_dates);
        if let Some(d) = inferred
            && d.year.is_none()
        {
            parsed.warnings.push(Warning {
                source: parsed.source.clone(),
                line: None,
                column: None,
                message: format!(
                    "date inferred as {d} from the datelines; the year could not be decided"
                ),
            });
        }
        (inferred, inferred.map(|_| DateSource::Inferred))
    };
    let paper = sidecar.paper.clone().or_else(|| parsed.page.paper.clone());
    PageDraft {
        parsed,
        label,
        date,
        date_source,
        paper,
    }
}

/// Gathers pages into issues, gives ids, links duplicates, sorts newest first.
pub(super) fn assemble(root: String, parsed: Vec<Parsed>, errors: Vec<FileError>) -> Archive {
    let drafts: Vec<PageDraft> = parsed
        .into_par_iter()
        .flat_map_iter(Parsed::into_pages)
        .map(decide)
        .collect();

    // Pages of the same paper and full date are one issue, unless two of them
    // claim the same page label (then they are separate issues of that day).
    // A page joins the first such group that has no page with its label; the
    // groups are found by date, so this stays linear in the pages.
    let mut groups: Vec<Vec<PageDraft>> = Vec::new();
    let mut by_day: HashMap<IssueDate, Vec<usize>> = HashMap::new();
    for d in drafts {
        let key = d.date.filter(|x| x.year.is_some());
        let slot = key.as_ref().and_then(|k| {
            by_day.get(k).and_then(|candidates| {
                candidates.iter().copied().find(|&g| {
                    // A page that does not name its paper joins the day's issue.
                    let group_paper = groups[g].iter().find_map(|p| p.paper.as_ref());
                    let paper_fits = match (group_paper, &d.paper) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    };
                    paper_fits && !groups[g].iter().any(|p| p.label == d.label)
                })
            })
        });
        match slot {
            Some(i) => groups[i].push(d),
            None => {
                if let Some(k) = key {
                    by_day.entry(k).or_default().push(groups.len());
                }
                groups.push(vec![d]);
            }
        }
    }

    let mut issues: Vec<Issue> = groups.into_par_iter().map(build_issue).collect();
    assign_issue_ids(&mut issues);
    // Each issue on its own from here: a tenth of the load, done in parallel.
    issues.par_iter_mut().for_each(|issue| {
        assign_article_ids(issue);
        link_duplicates(issue);
        settle_continuations(issue);
    });
    issues.sort_by(|a, b| {
        let key = |i: &Issue| {
            i.date
                .map(|d| (d.year.is_some(), d.year.unwrap_or(0), d.month, d.day))
        };
        key(b).cmp(&key(a)).then_with(|| a.source().cmp(b.source()))
    });
    Archive {
        root,
        issues,
        errors,
    }
}

fn build_issue(mut pages: Vec<PageDraft>) -> Issue {
    pages.sort_by_key(|p| page_order(&p.label));
    let first = &pages[0];
    let mut issue = Issue {
        id: String::new(),
        paper: pages.iter().find_map(|p| p.paper.clone()),
        date: first.date,
        date_source: first.date_source,
        number: None,
        page_count: None,
        masthead: None,
        pages: Vec::new(),
        fragments: Vec::new(),
        warnings: Vec::new(),
        sources: Vec::new(),
    };
    // Where each file's source entry is: a file of several pages is one
    // source, looked up (not searched: an issue may hold many pages).
    let mut source_at: HashMap<String, usize> = HashMap::new();
    for d in pages {
        let PageDraft { parsed, label, .. } = d;
        let sidecar = parsed.sidecar.unwrap_or_default();
        if let Some(m) = &parsed.page.masthead {
            issue.number = issue.number.or(m.number);
            issue.page_count = issue.page_count.or(m.page_count);
            if issue.masthead.is_none() {
                issue.masthead = Some(m.clone());
            }
        }
        issue.number = issue.number.or(sidecar.number);
        issue.page_count = issue.page_count.or(sidecar.page_count);
        issue.warnings.extend(parsed.warnings);
        issue
            .fragments
            .extend(parsed.page.fragments.into_iter().map(|t| Fragment {
                source: parsed.source.clone(),
                text: t.text,
                lines: t.lines,
            }));
        match source_at.get(&parsed.source) {
            Some(&k) => {
                let s = &mut issue.sources[k];
                s.bytes += parsed.bytes;
                s.nonblank_lines.extend(parsed.page.nonblank_lines);
            }
            None => {
                source_at.insert(parsed.source.clone(), issue.sources.len());
                issue.sources.push(SourceFile {
                    path: parsed.source.clone(),
                    bytes: parsed.bytes,
                    nonblank_lines: parsed.page.nonblank_lines,
                });
            }
        }
        issue.pages.push(Page {
            label,
            source: parsed.source,
            articles: parsed.page.articles,
            masthead_lines: parsed.page.masthead.map(|m| m.lines).unwrap_or_default(),
        });
    }
    issue
}

/// A1 < A2 < A10 < B1: letters, then the number.
fn page_order(label: &str) -> (String, u32) {
    let (letters, n) = crate::model::page_key(label);
    (letters.to_string(), n)
}

fn stem_of(issue: &Issue) -> String {
    Path::new(issue.source())
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The full date when it names one issue; otherwise the date (or nothing)
/// with the file stem, so ids stay unique and stable across runs.
fn assign_issue_ids(issues: &mut [Issue]) {
    let full = |i: &Issue| i.date.filter(|d| d.year.is_some());
    // How many issues share each full date (counted once, not per issue).
    let mut per_date: HashMap<IssueDate, usize> = HashMap::new();
    for d in issues.iter().filter_map(full) {
        *per_date.entry(d).or_default() += 1;
    }
    let mut taken = std::collections::HashSet::new();
    // Per base id, the next `~n` to try: many issues of one base (the same
    // file name in many folders) would otherwise each try every n again.
    let mut next: HashMap<String, usize> = HashMap::new();
    for issue in issues.iter_mut() {
        let full_date = full(issue);
        let unique = full_date.is_some_and(|d| per_date[&d] == 1);
        let date = full_date.map(|d| d.to_string());
        let mut id = match (&date, unique) {
            (Some(d), true) => d.clone(),
            (Some(d), false) => format!("{d}_{}", stem_of(issue)),
            (None, _) => stem_of(issue),
        };
        if id.is_empty() {
            id = "issue".into();
        }
        let base = id.clone();
        let n = next.entry(base.clone()).or_insert(2);
        while !taken.insert(id.clone()) {
            id = format!("{base}~{n}");
            *n += 1;
        }
        issue.id = id;
    }
}

fn assign_article_ids(issue: &mut Issue) {
    for page in &mut issue.pages {
        for (i, a) in page.articles.iter_mut().enumerate() {
            a.id = format!("{}/{}/{}", issue.id, page.label, i + 1);
        }
    }
}

/// Text after 上接X版 whose start is in this issue (an article on page X
/// that jumps to this page) is an ordinary article linked both ways through
/// its page labels; only one whose start is missing stays a `continuation`.
fn settle_continuations(issue: &mut Issue) {
    // (page it starts on, page it jumps to), looked up rather than searched:
    // a page of many jumps would otherwise be quadratic. Pages are compared
    // by their key (`01` is `1`, as `下转第1版` names the folio `第01版`).
    let key = |label: &str| {
        let (letters, n) = crate::model::page_key(label);
        (letters.to_string(), n)
    };
    let starts: std::collections::HashSet<((String, u32), (String, u32))> = issue
        .pages
        .iter()
        .flat_map(|p| {
            p.articles
                .iter()
                .filter_map(|a| a.continued_to.as_deref().map(|to| (key(&p.label), key(to))))
        })
        .collect();
    for page in &mut issue.pages {
        let here = key(&page.label);
        for a in &mut page.articles {
            if a.kind == ArticleKind::Continuation
                && let Some(from) = &a.continued_from
                && starts.contains(&(key(from), here.clone()))
            {
                a.kind = ArticleKind::Article;
            }
        }
    }
}

/// Same headline and same opening paragraph: the page printed it twice.
/// `None` for an article with neither, which is never a duplicate.
fn duplicate_key(a: &Article) -> Option<(Option<&str>, Option<&str>)> {
    let head = a.headline.as_ref().map(|h| h.text.as_str());
    let opening = a.body.first().map(|b| b.text.as_str());
    (head.is_some() || opening.is_some()).then_some((head, opening))
}

/// Points every article the issue printed again at its first printing. One
/// pass with a map from key to first printing: linear in the articles (a
/// pass comparing each article with all before it took minutes on a page of
/// 200,000 short lines).
fn link_duplicates(issue: &mut Issue) {
    let mut first: HashMap<(Option<&str>, Option<&str>), &str> = HashMap::new();
    let mut links: Vec<(usize, usize, String)> = Vec::new();
    for (p, page) in issue.pages.iter().enumerate() {
        for (a, article) in page.articles.iter().enumerate() {
            let Some(key) = duplicate_key(article) else {
                continue;
            };
            match first.entry(key) {
                std::collections::hash_map::Entry::Occupied(o) => {
                    links.push((p, a, o.get().to_string()));
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(article.id.as_str());
                }
            }
        }
    }
    for (p, a, id) in links {
        issue.pages[p].articles[a].duplicate_of = Some(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{LoadOptions, load_texts};

    #[test]
    fn infers_the_day_after_the_newest_dateline() {
        let d = infer_date(&[(11, 24), (11, 27), (11, 26)], &[]).unwrap();
        assert_eq!(d.to_string(), "--11-28");
        let d = infer_date(&[(1, 6), (1, 5)], &[IssueDate::ymd(2022, 1, 4)]).unwrap();
        assert_eq!(d.to_string(), "2022-01-07");
        // a full date far from the datelines says nothing about the year
        let d = infer_date(&[(5, 14)], &[IssueDate::ymd(2019, 1, 1)]).unwrap();
        assert_eq!(d.year, None);
        // across New Year
        let d = infer_date(&[(12, 31), (1, 1)], &[IssueDate::ymd(2020, 12, 30)]).unwrap();
        assert_eq!(d.to_string(), "2021-01-02");
        assert!(infer_date(&[], &[]).is_none());
        // a date a week after the datelines (a rule taking effect) decides too
        let d = infer_date(&[(2, 22)], &[IssueDate::ymd(2023, 3, 1)]).unwrap();
        assert_eq!(d.to_string(), "2023-02-23");
        // …also across New Year: a January date after December datelines
        let d = infer_date(&[(12, 20)], &[IssueDate::ymd(2024, 1, 1)]).unwrap();
        assert_eq!(d.to_string(), "2023-12-21");
    }

    #[test]
    fn pages_of_one_day_group_and_ids_stay_unique() {
        let page = "标题\n\n株洲日报记者 刘毅\n\n株洲日报讯 1月6日，正文。\n".as_bytes();
        let sidecar = |date: &str, label: &str| {
            format!("(date: \"{date}\", paper: \"株洲日报\", page: \"{label}\")")
        };
        let sidecars = [
            ("a_A1.ron", sidecar("2021-01-07", "A1")),
            ("b_A2.ron", sidecar("2021-01-07", "A2")),
            // A second A1 that day starts a second issue; the A2 after it
            // joins that one, the first having its A2 already.
            ("c_A1.ron", sidecar("2021-01-07", "A1")),
            ("d_A2.ron", sidecar("2021-01-07", "A2")),
            ("e_A1.ron", sidecar("2021-01-08", "A1")),
        ];
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for (ron, text) in &sidecars {
            files.push((ron.replace(".ron", ".txt"), page.to_vec()));
            files.push((ron.to_string(), text.as_bytes().to_vec()));
        }
        let files: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let archive = load_texts("t", &files, &LoadOptions::default());
        let issues: Vec<(&str, Vec<&str>)> = archive
            .issues
            .iter()
            .map(|i| {
                let pages = i.pages.iter().map(|p| p.source.as_str()).collect();
                (i.id.as_str(), pages)
            })
            .collect();
        assert_eq!(
            issues,
            [
                ("2021-01-08", vec!["e_A1.txt"]),
                ("2021-01-07_a_A1", vec!["a_A1.txt", "b_A2.txt"]),
                ("2021-01-07_c_A1", vec!["c_A1.txt", "d_A2.txt"]),
            ]
        );
    }

    #[test]
    fn page_labels_from_file_names() {
        assert_eq!(label_from_stem("2021-01-10_A2").as_deref(), Some("A2"));
        assert_eq!(label_from_stem("000_52f0eab0ce7afa90"), None);
        assert!(page_order("A2") < page_order("A10"));
        assert!(page_order("A10") < page_order("B1"));
    }
}
