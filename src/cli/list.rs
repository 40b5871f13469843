//! `kanbao list`: one line per issue.

use super::*;
use crate::index::skeleton::{IssueRow, Listing};

/// An issue's date as reviewed: (date, where it comes from, the parsed date
/// when a review corrected it).
fn reviewed_date(
    i: &IssueRow,
    reviews: &ReviewFile,
) -> (Option<String>, Option<&'static str>, Option<String>) {
    let parsed = i.date.map(|d| d.to_string());
    match reviews.issue_date(&i.id) {
        Some(d) => (Some(d.to_string()), Some("review"), parsed),
        None => (parsed, i.date_source.map(|s| s.as_str()), None),
    }
}

pub(super) fn run(
    out: &mut impl Write,
    listing: &Listing,
    reviews: &ReviewFile,
    json: bool,
) -> Result<(), CliError> {
    if json {
        let issues: Vec<serde_json::Value> = listing
            .issues
            .iter()
            .map(|i| {
                let (date, source, parsed) = reviewed_date(i, reviews);
                serde_json::json!({
                    "id": i.id,
                    "source": i.source,
                    "paper": i.paper,
                    "date": date,
                    "date_source": source,
                    "parsed_date": parsed,
                    "number": i.number,
                    "pages": i.pages,
                    "articles": i.articles,
                    "warnings": i.warnings,
                })
            })
            .collect();
        let v = serde_json::json!({ "issues": issues, "errors": listing.errors.len() });
        print_json(out, &v)?;
        return Ok(());
    }
    report_problems(&listing.root, &listing.errors, listing.issues.is_empty());
    // One write for many lines: stdout flushes at every newline, and a
    // line per issue made that a system call per issue.
    let mut out = std::io::BufWriter::new(out);
    for i in &listing.issues {
        let date = match reviewed_date(i, reviews) {
            (Some(d), Some("review"), Some(parsed)) => format!("{d} (review; parsed {parsed})"),
            (Some(d), Some(s), _) => format!("{d} ({s})"),
            _ => "date unknown".to_string(),
        };
        let number = i
            .number
            .map(|n| format!("第{n}期"))
            .unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "{}\t{}\t{}\t{} page(s)\t{} article(s)\t{} warning(s)",
            clean(&i.id),
            date,
            number,
            i.pages,
            i.articles,
            i.warnings
        )?;
    }
    out.flush()?;
    Ok(())
}
