//! `kanbao list`: one line per issue.

use super::*;

pub(super) fn run(out: &mut impl Write, archive: &Archive, json: bool) -> Result<(), CliError> {
    if json {
        let issues: Vec<serde_json::Value> = archive
            .issues
            .iter()
            .map(|i| {
                serde_json::json!({
                    "id": i.id,
                    "source": i.source(),
                    "paper": i.paper,
                    "date": i.date.map(|d| d.to_string()),
                    "date_source": i.date_source.map(|s| s.as_str()),
                    "number": i.number,
                    "pages": i.pages.len(),
                    "articles": i.article_count(),
                    "warnings": i.warnings.len(),
                })
            })
            .collect();
        let v = serde_json::json!({ "issues": issues, "errors": archive.errors.len() });
        print_json(out, &v)?;
        return Ok(());
    }
    report_load_problems(archive);
    for i in &archive.issues {
        let date = match (i.date, i.date_source) {
            (Some(d), Some(s)) => format!("{d} ({})", s.as_str()),
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
            i.pages.len(),
            i.article_count(),
            i.warnings.len()
        )?;
    }
    Ok(())
}
