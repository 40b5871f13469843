//! Proof that nothing was lost: every non-blank source line is claimed by
//! exactly one owner — the masthead, one article, or one fragment.

use crate::model::{Archive, Issue, Span};
use serde::Serialize;
use std::collections::HashMap;

/// Who claimed a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Owner {
    Masthead,
    Article(usize, usize),
    Fragment(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileCoverage {
    pub source: String,
    /// Non-blank lines in the file.
    pub lines: usize,
    /// Lines claimed by exactly one owner.
    pub placed: usize,
    /// Lines nobody claimed (a parser bug: should be empty).
    pub unplaced: Vec<u32>,
    /// Lines claimed by more than one owner (a parser bug: should be empty).
    pub claimed_twice: Vec<u32>,
    pub coverage: f64,
}

/// Placed lines over non-blank lines (1 when there are none).
pub fn ratio(placed: usize, lines: usize) -> f64 {
    if lines == 0 {
        1.0
    } else {
        placed as f64 / lines as f64
    }
}

/// Coverage of each source file of one issue.
pub fn issue_coverage(issue: &Issue) -> Vec<FileCoverage> {
    // (source, line) → owners, each with whether it names the line itself
    // (a span's first or last line, a one-line element) or only spans over
    // it. A paragraph joined across a column break spans the lines between
    // its pieces, which may hold a page number kept as a fragment: the
    // fragment's own claim wins there.
    let mut claims: HashMap<(&str, u32), Vec<(Owner, bool)>> = HashMap::new();
    fn add<'i>(
        claims: &mut HashMap<(&'i str, u32), Vec<(Owner, bool)>>,
        source: &'i str,
        span: Span,
        owner: Owner,
    ) {
        for line in span.first..=span.last {
            let named = line == span.first || line == span.last;
            let owners = claims.entry((source, line)).or_default();
            match owners.iter_mut().find(|(o, _)| *o == owner) {
                Some((_, n)) => *n |= named,
                None => owners.push((owner, named)),
            }
        }
    }
    /// How many owners hold a line: those naming it, if any do.
    fn holders(owners: &[(Owner, bool)]) -> usize {
        let named = owners.iter().filter(|(_, n)| *n).count();
        if named > 0 { named } else { owners.len() }
    }
    for (p, page) in issue.pages.iter().enumerate() {
        // Each page's own masthead or folio, whichever the issue kept.
        for s in &page.masthead_lines {
            add(&mut claims, page.source.as_str(), *s, Owner::Masthead);
        }
        for (a, article) in page.articles.iter().enumerate() {
            for s in article.spans() {
                add(&mut claims, page.source.as_str(), s, Owner::Article(p, a));
            }
        }
    }
    for (f, frag) in issue.fragments.iter().enumerate() {
        add(
            &mut claims,
            frag.source.as_str(),
            frag.lines,
            Owner::Fragment(f),
        );
    }
    issue
        .sources
        .iter()
        .map(|src| {
            let mut placed = 0;
            let mut unplaced = Vec::new();
            let mut claimed_twice = Vec::new();
            for &line in &src.nonblank_lines {
                match claims.get(&(src.path.as_str(), line)).map(|o| holders(o)) {
                    Some(1) => placed += 1,
                    Some(0) | None => unplaced.push(line),
                    Some(_) => claimed_twice.push(line),
                }
            }
            let lines = src.nonblank_lines.len();
            FileCoverage {
                source: src.path.clone(),
                lines,
                placed,
                unplaced,
                claimed_twice,
                coverage: ratio(placed, lines),
            }
        })
        .collect()
}

/// Coverage of the whole archive: placed lines over non-blank lines.
pub fn archive_coverage(archive: &Archive) -> (usize, usize, f64) {
    let (placed, lines) = archive
        .issues
        .iter()
        .flat_map(issue_coverage)
        .fold((0, 0), |(p, l), f| (p + f.placed, l + f.lines));
    (placed, lines, ratio(placed, lines))
}
