//! Structural corrections: an archivist's fixes to how a page was cut into
//! articles — split an article at a line, merge it into the one before or
//! after, set a line's role, move lines (a fragment, a caption) into an
//! article — kept in `kanbao-review.ron` and applied after every parse.
//!
//! A correction names its lines by source file (relative to the archive's
//! root), line number and [`line_fingerprint`], never by article number,
//! so it survives a re-parse by a changed parser: it is applied when its
//! lines still say what they said (found again by their text when lines
//! were added above them), and reported stale — applied nowhere — when they
//! do not. Each correction works on lines: the page's lines are placed
//! (owner and role, as the source view shows them), the correction moves
//! lines between owners or changes roles, and only the articles it touched
//! are rebuilt from their lines (see `rebuild.rs`). Every line stays placed
//! exactly once; untouched articles keep their ids, a split-off article
//! takes its parent's id with a letter (`…/A1/3b`), and the ids a merge or
//! move empties are retired.

pub use super::correction::{
    Correction, FileLines, LineRef, Structural, Toward, file_lines, line_ref, relative_source,
};
use super::line_fingerprint;
use crate::model::{Archive, Fragment, Issue, Span};
use crate::source_view::{Owner, Role, line_roles};
use serde::Serialize;
use std::collections::HashMap;

use super::rebuild;

/// What became of one correction in this parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub stamp: String,
    pub source: String,
    /// `None`: applied. Otherwise why not (its lines changed, or the parse
    /// already reads it so).
    pub stale: Option<String>,
    /// Ids this correction retired (an article merged or moved away).
    pub retired: Vec<String>,
    /// Ids it created (the article a split started).
    pub created: Vec<String>,
    /// Every article it changed or created (what a report counts as
    /// corrected).
    pub changed: Vec<String>,
}

/// What applying the corrections did, over the archive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StructureReport {
    pub outcomes: Vec<Outcome>,
}

impl StructureReport {
    pub fn retired(&self) -> impl Iterator<Item = &str> {
        self.outcomes
            .iter()
            .flat_map(|o| o.retired.iter().map(String::as_str))
    }

    pub fn stale(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.stale.is_some())
    }
}

/// Where `r` is now: its own line when that still says the same, else the
/// one line of the file that does (lines were added or removed above it).
fn resolve(lines: &FileLines, r: &LineRef) -> Option<u32> {
    let same = |n: usize| {
        lines
            .get(n)
            .is_some_and(|t| line_fingerprint(t) == r.fingerprint)
    };
    if r.line >= 1 && same(r.line as usize - 1) {
        return Some(r.line);
    }
    let mut found = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty() && same(i));
    match (found.next(), found.next()) {
        (Some(i), None) => Some(i as u32 + 1),
        _ => None,
    }
}

/// Applies `corrections`, in order, to `archive`. `read` gives a page
/// file's text (by its `source`), for the fingerprints; a file it cannot
/// give leaves its corrections stale.
pub fn apply(
    archive: &mut Archive,
    corrections: &[Structural],
    read: &dyn Fn(&str) -> Option<String>,
) -> StructureReport {
    let mut report = StructureReport::default();
    if corrections.is_empty() {
        return report;
    }
    let root = archive.root.clone();
    let mut cache: HashMap<String, Option<FileLines>> = HashMap::new();
    for c in corrections {
        let found = archive.issues.iter().enumerate().find_map(|(i, issue)| {
            issue
                .pages
                .iter()
                .find(|p| relative_source(&root, &p.source) == c.source)
                .map(|p| (i, p.source.clone()))
        });
        let mut outcome = Outcome {
            stamp: c.stamp.clone(),
            source: c.source.clone(),
            stale: None,
            retired: Vec::new(),
            created: Vec::new(),
            changed: Vec::new(),
        };
        let Some((i, source)) = found else {
            outcome.stale = Some("its page is not in the archive".into());
            report.outcomes.push(outcome);
            continue;
        };
        let lines = cache
            .entry(source.clone())
            .or_insert_with(|| read(&source).map(|t| file_lines(&t)));
        match lines {
            None => outcome.stale = Some("its page could not be read".into()),
            Some(lines) => {
                let issue = &mut archive.issues[i];
                let before: HashMap<String, crate::model::Article> = issue
                    .articles()
                    .map(|a| (a.id.clone(), a.clone()))
                    .collect();
                match apply_one(issue, &source, lines, &c.correction, &mut outcome) {
                    Ok(()) => {
                        outcome.changed = issue
                            .articles()
                            .filter(|a| before.get(&a.id) != Some(*a))
                            .map(|a| a.id.clone())
                            .collect();
                    }
                    Err(why) => outcome.stale = Some(why),
                }
            }
        }
        report.outcomes.push(outcome);
    }
    report
}

/// Who holds a line now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    Article { page: usize, index: usize },
    Fragment(usize),
    Masthead { page: usize },
}

fn holder(issue: &Issue, source: &str, line: u32) -> Option<Holder> {
    let roles = line_roles(issue, source);
    match roles.get(&line)? {
        (_, Owner::Article(id)) => issue.pages.iter().enumerate().find_map(|(p, page)| {
            page.articles
                .iter()
                .position(|a| &a.id == id)
                .map(|index| Holder::Article { page: p, index })
        }),
        (_, Owner::Fragment) => issue
            .fragments
            .iter()
            .position(|f| f.source == source && f.lines.first <= line && line <= f.lines.last)
            .map(Holder::Fragment),
        (_, Owner::Masthead) => issue
            .pages
            .iter()
            .position(|p| {
                p.source == source
                    && p.masthead_lines
                        .iter()
                        .any(|s| s.first <= line && line <= s.last)
            })
            .map(|page| Holder::Masthead { page }),
        (_, Owner::None) => None,
    }
}

/// The (line, role) pairs of one article, in line order.
fn article_lines(issue: &Issue, source: &str, id: &str) -> Vec<(u32, Role)> {
    let mut out: Vec<(u32, Role)> = line_roles(issue, source)
        .into_iter()
        .filter(|(_, (_, o))| matches!(o, Owner::Article(a) if a == id))
        .map(|(n, (r, _))| (n, r))
        .collect();
    out.sort_unstable();
    out
}

fn apply_one(
    issue: &mut Issue,
    source: &str,
    lines: &FileLines,
    correction: &Correction,
    outcome: &mut Outcome,
) -> Result<(), String> {
    let at = |r: &LineRef| resolve(lines, r).ok_or_else(|| format!("line {} has changed", r.line));
    match correction {
        Correction::Split { at: r, role } => {
            let n = at(r)?;
            let Some(Holder::Article { page, index }) = holder(issue, source, n) else {
                return Err(format!("line {n} is in no article"));
            };
            let id = issue.pages[page].articles[index].id.clone();
            let mut own = article_lines(issue, source, &id);
            if own.first().is_none_or(|(first, _)| *first >= n) {
                return Err(format!("line {n} already starts its article"));
            }
            if let Some(role) = role {
                own.iter_mut()
                    .filter(|(l, _)| *l == n)
                    .for_each(|(_, r)| *r = *role);
            }
            let (head, tail): (Vec<_>, Vec<_>) = own.into_iter().partition(|(l, _)| *l < n);
            let new_id = free_id(issue, &id);
            let base = issue.pages[page].articles[index].clone();
            let originals = [&base];
            let first = rebuild::build(&base, id, &head, lines, &originals);
            let second = rebuild::build_new(&base, new_id.clone(), &tail, lines, &originals);
            let articles = &mut issue.pages[page].articles;
            articles[index] = first;
            articles.insert(index + 1, second);
            outcome.created.push(new_id);
            Ok(())
        }
        Correction::Merge { line: r, into } => {
            let n = at(r)?;
            let Some(Holder::Article { page, index }) = holder(issue, source, n) else {
                return Err(format!("line {n} is in no article"));
            };
            let target = match into {
                Toward::Previous => index.checked_sub(1),
                Toward::Next => Some(index + 1).filter(|&t| t < issue.pages[page].articles.len()),
            }
            .ok_or("no article on that side of it on its page")?;
            let gone = issue.pages[page].articles[index].clone();
            let keep = issue.pages[page].articles[target].clone();
            let mut all = article_lines(issue, source, &keep.id);
            all.extend(article_lines(issue, source, &gone.id));
            all.sort_unstable();
            let merged = rebuild::build(&keep, keep.id.clone(), &all, lines, &[&keep, &gone]);
            let articles = &mut issue.pages[page].articles;
            articles[target] = merged;
            articles.remove(index);
            outcome.retired.push(gone.id);
            Ok(())
        }
        Correction::SetRole { line: r, role } => {
            let n = at(r)?;
            let held = holder(issue, source, n).ok_or(format!("line {n} is placed nowhere"))?;
            set_role(issue, source, lines, n, *role, held, outcome)
        }
        Correction::Move { first, last, into } => {
            let (a, b, t) = (at(first)?, at(last)?, at(into)?);
            let (a, b) = (a.min(b), a.max(b));
            if (a..=b).contains(&t) {
                return Err("the lines would move into themselves".into());
            }
            let Some(Holder::Article { page, index }) = holder(issue, source, t) else {
                return Err(format!("line {t} is in no article"));
            };
            let target_id = issue.pages[page].articles[index].id.clone();
            let roles = line_roles(issue, source);
            let moving: Vec<(u32, Role)> = (a..=b)
                .filter_map(|l| roles.get(&l).map(|(r, o)| (l, *r, o.clone())))
                .filter(|(_, _, o)| !matches!(o, Owner::Article(id) if *id == target_id))
                .map(|(l, r, _)| {
                    (
                        l,
                        // What was no article's (a fragment, the masthead)
                        // comes in as a caption, the commonest such line.
                        if matches!(r, Role::Fragment | Role::Masthead) {
                            Role::Caption
                        } else {
                            r
                        },
                    )
                })
                .collect();
            if moving.is_empty() {
                return Err("no line to move".into());
            }
            let moved: Vec<u32> = moving.iter().map(|(l, _)| *l).collect();
            take_lines(issue, source, lines, &moved, outcome);
            let Some((page, index)) = find(issue, &target_id) else {
                return Err("the article is gone".into());
            };
            let base = issue.pages[page].articles[index].clone();
            let mut all = article_lines(issue, source, &target_id);
            all.extend(moving);
            all.sort_unstable();
            issue.pages[page].articles[index] =
                rebuild::build(&base, target_id, &all, lines, &[&base]);
            Ok(())
        }
    }
}

fn find(issue: &Issue, id: &str) -> Option<(usize, usize)> {
    issue.pages.iter().enumerate().find_map(|(p, page)| {
        page.articles
            .iter()
            .position(|a| a.id == id)
            .map(|i| (p, i))
    })
}

/// An id for the article split off `id`: `id` with the first free letter.
fn free_id(issue: &Issue, id: &str) -> String {
    ('b'..='z')
        .map(|c| format!("{id}{c}"))
        .chain((2..).map(|n| format!("{id}-{n}")))
        .find(|c| issue.find_article(c).is_none())
        .expect("an unused id")
}

/// Takes lines out of whatever holds them (articles rebuilt without them,
/// emptied articles retired, fragments and masthead spans cut).
fn take_lines(
    issue: &mut Issue,
    source: &str,
    lines: &FileLines,
    take: &[u32],
    outcome: &mut Outcome,
) {
    let roles = line_roles(issue, source);
    let mut from: Vec<String> = take
        .iter()
        .filter_map(|l| match roles.get(l) {
            Some((_, Owner::Article(id))) => Some(id.clone()),
            _ => None,
        })
        .collect();
    from.sort();
    from.dedup();
    for id in from {
        let Some((page, index)) = find(issue, &id) else {
            continue;
        };
        let kept: Vec<(u32, Role)> = article_lines(issue, source, &id)
            .into_iter()
            .filter(|(l, _)| !take.contains(l))
            .collect();
        if kept.is_empty() {
            issue.pages[page].articles.remove(index);
            outcome.retired.push(id);
        } else {
            let base = issue.pages[page].articles[index].clone();
            issue.pages[page].articles[index] = rebuild::build(&base, id, &kept, lines, &[&base]);
        }
    }
    let cut = |span: Span| -> Vec<Span> {
        let mut out = Vec::new();
        let mut start: Option<u32> = None;
        for l in span.first..=span.last + 1 {
            let keep = l <= span.last && !take.contains(&l);
            match (keep, start) {
                (true, None) => start = Some(l),
                (false, Some(s)) => {
                    out.push(Span::new(s, l - 1));
                    start = None;
                }
                _ => {}
            }
        }
        out
    };
    let mut fragments = Vec::new();
    for f in std::mem::take(&mut issue.fragments) {
        if f.source != source
            || !take
                .iter()
                .any(|l| f.lines.first <= *l && *l <= f.lines.last)
        {
            fragments.push(f);
            continue;
        }
        for span in cut(f.lines) {
            if (span.first..=span.last).all(|l| text_at(lines, l).trim().is_empty()) {
                continue;
            }
            fragments.push(Fragment {
                source: f.source.clone(),
                text: join_lines(lines, span),
                lines: span,
            });
        }
    }
    issue.fragments = fragments;
    for page in issue.pages.iter_mut().filter(|p| p.source == source) {
        page.masthead_lines = page.masthead_lines.iter().flat_map(|s| cut(*s)).collect();
    }
}

fn text_at(lines: &FileLines, n: u32) -> &str {
    lines.get(n as usize - 1).map_or("", String::as_str)
}

/// The text of the non-blank lines of `span`, joined.
fn join_lines(lines: &FileLines, span: Span) -> String {
    rebuild::join((span.first..=span.last).map(|l| text_at(lines, l)))
}

fn set_role(
    issue: &mut Issue,
    source: &str,
    lines: &FileLines,
    n: u32,
    role: Role,
    held: Holder,
    outcome: &mut Outcome,
) -> Result<(), String> {
    if role == Role::Duplicate {
        return Err("a repeat is found by the parser, not set".into());
    }
    match (held, role) {
        (Holder::Fragment(_), Role::Fragment) | (Holder::Masthead { .. }, Role::Masthead) => {
            Err(format!("line {n} is already a {role}"))
        }
        (_, Role::Fragment) => {
            take_lines(issue, source, lines, &[n], outcome);
            issue.fragments.push(Fragment {
                source: source.to_string(),
                text: text_at(lines, n).to_string(),
                lines: Span::line(n),
            });
            Ok(())
        }
        (_, Role::Masthead) => {
            let page = match held {
                Holder::Article { page, .. } | Holder::Masthead { page } => page,
                Holder::Fragment(_) => issue
                    .pages
                    .iter()
                    .position(|p| p.source == source)
                    .ok_or("no page")?,
            };
            take_lines(issue, source, lines, &[n], outcome);
            issue.pages[page].masthead_lines.push(Span::line(n));
            issue.pages[page].masthead_lines.sort();
            Ok(())
        }
        (Holder::Article { page, index }, role) => {
            let id = issue.pages[page].articles[index].id.clone();
            let mut own = article_lines(issue, source, &id);
            let before = own.clone();
            own.iter_mut()
                .filter(|(l, _)| *l == n)
                .for_each(|(_, r)| *r = role);
            if own == before {
                return Err(format!("line {n} is already a {role}"));
            }
            let base = issue.pages[page].articles[index].clone();
            issue.pages[page].articles[index] = rebuild::build(&base, id, &own, lines, &[&base]);
            Ok(())
        }
        (Holder::Fragment(_) | Holder::Masthead { .. }, role) => {
            // Into the article nearest above it on its page (else below).
            let roles = line_roles(issue, source);
            let near = |down: bool| {
                let mut l = n;
                loop {
                    l = if down {
                        l.checked_add(1)?
                    } else {
                        l.checked_sub(1)?
                    };
                    if l == 0 || l as usize > lines.len() {
                        return None;
                    }
                    if let Some((_, Owner::Article(id))) = roles.get(&l) {
                        return Some(id.clone());
                    }
                }
            };
            let id = near(false)
                .or_else(|| near(true))
                .ok_or("no article on its page")?;
            take_lines(issue, source, lines, &[n], outcome);
            let (page, index) = find(issue, &id).ok_or("the article is gone")?;
            let mut own = article_lines(issue, source, &id);
            own.push((n, role));
            own.sort_unstable();
            let base = issue.pages[page].articles[index].clone();
            issue.pages[page].articles[index] = rebuild::build(&base, id, &own, lines, &[&base]);
            Ok(())
        }
    }
}

/// The issues that `corrections` name a page of, by index, as they are
/// before the corrections are applied: what `--original` shows of them.
/// Kept by the reader for `o`, so that it can show the parse without
/// holding a second copy of the whole archive (corrections touch few
/// issues).
pub fn issues_as_parsed(
    archive: &Archive,
    corrections: &[Structural],
) -> std::collections::BTreeMap<usize, Issue> {
    let root = &archive.root;
    archive
        .issues
        .iter()
        .enumerate()
        .filter(|(_, issue)| {
            issue.pages.iter().any(|p| {
                let source = relative_source(root, &p.source);
                corrections.iter().any(|c| c.source == source)
            })
        })
        .map(|(i, issue)| (i, issue.clone()))
        .collect()
}

/// [`apply`] with the page files read where the archive was loaded from
/// (or the embedded sample's own), as the reader and the commands show
/// the archive.
pub fn apply_read(archive: &mut Archive, corrections: &[Structural]) -> StructureReport {
    let root = archive.root.clone();
    apply(archive, corrections, &|source: &str| {
        crate::source_view::read_source(&root, source).ok()
    })
}
