//! The review report: per issue, how many articles are reviewed, need a fix
//! or are untouched, and which to look at (`kanbao review report`).

use super::*;
use crate::model::Issue;
use std::collections::HashMap;

/// How many articles are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub articles: usize,
    /// Reviewed and found right.
    pub ok: usize,
    pub needs_fix: usize,
    /// No verdict yet, but corrected: a title, or its lines (a structural
    /// correction). Counted here, not as untouched.
    pub corrected: usize,
    /// No verdict and no correction yet (articles with only a note too).
    pub untouched: usize,
    /// Reviewed, but the text changed since: needs a second look.
    pub stale: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.articles += other.articles;
        self.ok += other.ok;
        self.needs_fix += other.needs_fix;
        self.corrected += other.corrected;
        self.untouched += other.untouched;
        self.stale += other.stale;
    }
}

/// One article worth listing in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportItem {
    pub article: String,
    /// The article's title now; `None` for an entry whose article is gone.
    pub title: Option<String>,
    /// `unreviewed`, `ok` or `needs-fix`: the entry's status as recorded.
    pub status: String,
    pub note: Option<String>,
    pub by: Option<String>,
    pub updated: String,
}

impl ReportItem {
    fn new(article_id: &str, title: Option<String>, e: &ReviewEntry) -> Self {
        ReportItem {
            article: article_id.to_string(),
            title,
            status: e.status.as_str().to_string(),
            note: e.note.clone(),
            by: e.by.clone(),
            updated: e.updated.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueReport {
    pub issue: String,
    /// The date as parsed.
    pub date: Option<String>,
    /// The date an archivist recorded instead, if any.
    pub corrected_date: Option<String>,
    pub counts: Counts,
    pub needs_fix: Vec<ReportItem>,
    pub stale: Vec<ReportItem>,
}

/// One correction made, for the report's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorrectionItem {
    /// `headline`, `kicker`, `date` or `structure`.
    pub kind: &'static str,
    /// The article or issue id, or for a structural one `FILE:LINE`.
    pub target: String,
    /// What it says now (the corrected text, or what the correction does).
    pub what: String,
    /// `applied`, or `stale` (its article or lines changed since).
    pub state: &'static str,
    pub by: Option<String>,
    pub updated: String,
}

/// Review progress of a whole archive, for `kanbao review report`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewReport {
    pub archive: String,
    pub totals: Counts,
    pub issues: Vec<IssueReport>,
    /// Entries whose article id is no longer in the archive: kept in the file,
    /// listed here so they can be looked at.
    pub orphaned: Vec<ReportItem>,
    /// Every correction recorded: titles, dates, structure.
    pub corrections: Vec<CorrectionItem>,
}

/// Counts, per issue, the articles reviewed ok, needing a fix, corrected,
/// untouched and stale, and lists the ones that need attention and the
/// corrections made. `archive` is as parsed (see [`report_corrected`]).
pub fn report(archive: &Archive, reviews: &ReviewFile) -> ReviewReport {
    report_corrected(archive, reviews, &structure::StructureReport::default())
}

/// [`report`] of an archive with the review's structural corrections
/// applied, `applied` saying what became of each.
pub fn report_corrected(
    archive: &Archive,
    reviews: &ReviewFile,
    applied: &structure::StructureReport,
) -> ReviewReport {
    let issues = archive.issues.iter().map(Reported::Read);
    report_of(&archive.root, issues, reviews, applied)
}

/// One issue as the report reads it.
#[derive(Debug, Clone, Copy)]
pub enum Reported<'a> {
    /// The issue as read (with the review's structural corrections).
    Read(&'a Issue),
    /// An issue no entry of the review and no structural correction bears
    /// on: its id, its date as parsed and how many articles it has, all
    /// untouched. What a skeleton tells without reading the issue.
    Unreviewed {
        id: &'a str,
        date: Option<IssueDate>,
        articles: usize,
    },
}

/// [`report_corrected`] of the archive at `root` whose issues, in order,
/// are `issues`. Every issue that holds an entry's article, or a page a
/// structural correction names, must be [`Reported::Read`]: an entry
/// whose article no issue read holds is reported orphaned.
pub fn report_of<'a>(
    root: &str,
    issues: impl Iterator<Item = Reported<'a>>,
    reviews: &ReviewFile,
    applied: &structure::StructureReport,
) -> ReviewReport {
    let restructured: std::collections::HashSet<&str> = applied
        .outcomes
        .iter()
        .flat_map(|o| o.changed.iter().map(String::as_str))
        .collect();
    let mut totals = Counts::default();
    let mut seen: HashMap<&str, &Article> = HashMap::new();
    let mut known_issues = std::collections::HashSet::new();
    let issues = issues
        .map(|issue| {
            let mut counts = Counts::default();
            let (mut needs_fix, mut stale) = (Vec::new(), Vec::new());
            let (id, date, read) = match issue {
                Reported::Read(issue) => (issue.id.as_str(), issue.date, Some(issue)),
                Reported::Unreviewed { id, date, articles } => {
                    counts.articles = articles;
                    counts.untouched = articles;
                    (id, date, None)
                }
            };
            known_issues.insert(id);
            for article in read.into_iter().flat_map(Issue::articles) {
                // The first article of an id, as `Archive::article` finds it.
                seen.entry(article.id.as_str()).or_insert(article);
                counts.articles += 1;
                match reviews.lookup(article) {
                    Applied::Stale(e) => {
                        counts.stale += 1;
                        stale.push(ReportItem::new(&article.id, Some(article.title()), e));
                    }
                    Applied::Fresh(e) if e.status == ReviewStatus::Ok => counts.ok += 1,
                    Applied::Fresh(e) if e.status == ReviewStatus::NeedsFix => {
                        counts.needs_fix += 1;
                        needs_fix.push(ReportItem::new(&article.id, Some(article.title()), e));
                    }
                    Applied::Fresh(e) if e.corrects_title() => counts.corrected += 1,
                    _ if restructured.contains(article.id.as_str()) => counts.corrected += 1,
                    Applied::Fresh(_) | Applied::None => counts.untouched += 1,
                }
            }
            totals.add(counts);
            IssueReport {
                issue: id.to_string(),
                date: date.map(|d| d.to_string()),
                corrected_date: reviews.issues.get(id).and_then(|r| r.date.clone()),
                counts,
                needs_fix,
                stale,
            }
        })
        .collect();
    let orphaned = reviews
        .articles
        .iter()
        .filter(|(id, _)| !seen.contains_key(id.as_str()))
        .map(|(id, e)| ReportItem::new(id, None, e))
        .collect();
    let corrections = corrections(
        &|id| seen.get(id).copied(),
        &|id| known_issues.contains(id),
        reviews,
        applied,
    );
    ReviewReport {
        archive: root.to_string(),
        totals,
        issues,
        orphaned,
        corrections,
    }
}

/// The corrections `reviews` record, each applied or stale: `article`
/// finds an article by id (as corrected), `known_issue` says whether an
/// issue id is the archive's.
fn corrections<'a>(
    article: &dyn Fn(&str) -> Option<&'a Article>,
    known_issue: &dyn Fn(&str) -> bool,
    reviews: &ReviewFile,
    applied: &structure::StructureReport,
) -> Vec<CorrectionItem> {
    let mut out = Vec::new();
    for (id, e) in &reviews.articles {
        let state = match article(id) {
            Some(a) if reviews.lookup(a).fresh().is_some() => "applied",
            _ => "stale",
        };
        for (kind, text) in [("kicker", &e.kicker), ("headline", &e.headline)] {
            if let Some(text) = text {
                out.push(CorrectionItem {
                    kind,
                    target: id.clone(),
                    what: if text.is_empty() {
                        "(none)".into()
                    } else {
                        text.clone()
                    },
                    state,
                    by: e.by.clone(),
                    updated: e.updated.clone(),
                });
            }
        }
    }
    for (id, r) in &reviews.issues {
        if let Some(date) = &r.date {
            let known = known_issue(id);
            out.push(CorrectionItem {
                kind: "date",
                target: id.clone(),
                what: date.clone(),
                state: if known { "applied" } else { "stale" },
                by: None,
                updated: String::new(),
            });
        }
    }
    for (i, c) in reviews.structure.iter().enumerate() {
        let stale = applied.outcomes.get(i).is_none_or(|o| o.stale.is_some());
        out.push(CorrectionItem {
            kind: "structure",
            target: c.place(),
            what: c.describe(),
            state: if stale { "stale" } else { "applied" },
            by: c.by.clone(),
            updated: c.updated.clone(),
        });
    }
    out
}

impl ReviewReport {
    pub fn to_json(&self) -> String {
        // Plain strings and integers: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn to_markdown(&self) -> String {
        use std::fmt::Write as _;
        let mut md = String::new();
        let _ = writeln!(md, "# Review report: {}\n", cell(&self.archive));
        md.push_str(
            "| issue | date | articles | ok | needs fix | corrected | untouched | stale |\n",
        );
        md.push_str("|---|---|--:|--:|--:|--:|--:|--:|\n");
        let row = |md: &mut String, issue: &str, date: &str, c: &Counts| {
            let _ = writeln!(
                md,
                "| {issue} | {date} | {} | {} | {} | {} | {} | {} |",
                c.articles, c.ok, c.needs_fix, c.corrected, c.untouched, c.stale
            );
        };
        for i in &self.issues {
            let date = match (&i.date, &i.corrected_date) {
                (_, Some(c)) => format!("{c} (corrected)"),
                (Some(d), None) => d.clone(),
                (None, None) => "?".to_string(),
            };
            row(&mut md, &cell(&i.issue), &cell(&date), &i.counts);
        }
        row(&mut md, "**total**", "", &self.totals);

        let sections = [
            (
                "Needs fix",
                self.issues
                    .iter()
                    .flat_map(|i| &i.needs_fix)
                    .collect::<Vec<_>>(),
            ),
            (
                "Stale (the text changed since it was reviewed)",
                self.issues.iter().flat_map(|i| &i.stale).collect(),
            ),
            (
                "Orphaned (the article is no longer in the archive)",
                self.orphaned.iter().collect(),
            ),
        ];
        for (heading, items) in sections {
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(md, "\n## {heading}\n");
            for item in items {
                let _ = write!(md, "- `{}`", item.article);
                if let Some(t) = &item.title {
                    let _ = write!(md, " {}", one_line(t));
                }
                let _ = write!(md, " [{}]", item.status);
                if let Some(n) = &item.note {
                    let _ = write!(md, " — {}", one_line(n));
                }
                if let Some(by) = &item.by {
                    let _ = write!(md, " ({by}, {})", item.updated);
                }
                md.push('\n');
            }
        }
        if !self.corrections.is_empty() {
            let _ = writeln!(md, "\n## Corrections\n");
            for c in &self.corrections {
                let _ = write!(
                    md,
                    "- {} `{}`: {} [{}]",
                    c.kind,
                    cell(&c.target),
                    one_line(&c.what),
                    c.state
                );
                if let Some(by) = &c.by {
                    let _ = write!(md, " ({}, {})", one_line(by), c.updated);
                }
                md.push('\n');
            }
        }
        md
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}
