//! `kanbao list`: one line per issue.

use super::*;
use crate::index::skeleton::{IssueRow, Listing};
use crate::model::IssueDate;

/// An issue's date as reviewed: (date, where it comes from, the parsed date
/// when a review corrected it).
fn reviewed_date(
    i: &IssueRow,
    reviews: &ReviewFile,
) -> (Option<IssueDate>, Option<&'static str>, Option<IssueDate>) {
    match reviews.issue_date(&i.id) {
        Some(d) => (Some(d), Some("review"), i.date),
        None => (i.date, i.date_source.map(|s| s.as_str()), None),
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
                let (date, parsed) = (date.map(|d| d.to_string()), parsed.map(|d| d.to_string()));
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
    // Written piece by piece, not formatted into strings first: each line
    // made three or four strings, 100k of them at 100k issues.
    for i in &listing.issues {
        write!(out, "{}\t", clean(&i.id))?;
        match reviewed_date(i, reviews) {
            (Some(d), Some("review"), Some(parsed)) => {
                write!(out, "{d} (review; parsed {parsed})")?
            }
            (Some(d), Some(s), _) => write!(out, "{d} ({s})")?,
            _ => out.write_all(b"date unknown")?,
        }
        match i.number {
            Some(n) => write!(out, "\t第{n}期")?,
            None => out.write_all(b"\t-")?,
        }
        writeln!(
            out,
            "\t{} page(s)\t{} article(s)\t{} warning(s)",
            i.pages, i.articles, i.warnings
        )?;
    }
    out.flush()?;
    Ok(())
}
