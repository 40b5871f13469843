//! `kanbao check`: per file, what the parser warned about and how much
//! of it was placed.

use super::*;

pub(super) fn run(out: &mut impl Write, archive: &Archive, json: bool) -> Result<(), CliError> {
    let mut files = Vec::new();
    for issue in &archive.issues {
        for cov in crate::check::issue_coverage(issue) {
            let on_file = |src: &str| src == cov.source;
            let articles: Vec<_> = issue
                .pages
                .iter()
                .filter(|p| on_file(&p.source))
                .flat_map(|p| p.articles.iter())
                .collect();
            let warnings: Vec<_> = issue
                .warnings
                .iter()
                // A page's warnings, and its sidecar's (NAME.ron beside NAME.txt).
                .filter(|w| {
                    on_file(&w.source)
                        || std::path::Path::new(&w.source)
                            == std::path::Path::new(&cov.source).with_extension("ron")
                })
                .collect();
            files.push(serde_json::json!({
                "source": cov.source,
                "issue": issue.id,
                "articles": articles.len(),
                "untitled": articles.iter().filter(|a| a.untitled()).count(),
                "duplicates": articles.iter().filter(|a| a.duplicate_of.is_some()).count(),
                "repeated_blocks": articles.iter().flat_map(|a| a.body.iter()).filter(|b| b.repeated).count(),
                "fragments": issue.fragments.iter().filter(|f| on_file(&f.source)).count(),
                "warnings": warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                "lines": cov.lines,
                "placed": cov.placed,
                "unplaced": cov.unplaced,
                "claimed_twice": cov.claimed_twice,
                "coverage": cov.coverage,
            }));
        }
    }
    let (placed, lines, coverage) = crate::check::archive_coverage(archive);
    if json {
        let v = serde_json::json!({
            "files": files,
            "errors": archive.errors.iter().map(|e| serde_json::json!({"source": e.source, "message": e.message})).collect::<Vec<_>>(),
            "lines": lines,
            "placed": placed,
            "coverage": coverage,
        });
        print_json(out, &v)?;
        return Ok(());
    }
    for f in &files {
        writeln!(
            out,
            "{}\t{} article(s), {} untitled, {} printed twice, {} repeated block(s), {} fragment(s)\tcoverage {:.3}",
            clean(f["source"].as_str().unwrap_or("")),
            f["articles"],
            f["untitled"],
            f["duplicates"],
            f["repeated_blocks"],
            f["fragments"],
            f["coverage"].as_f64().unwrap_or(0.0),
        )?;
        for w in f["warnings"].as_array().into_iter().flatten() {
            writeln!(out, "  warning: {}", clean(w.as_str().unwrap_or("")))?;
        }
    }
    for e in &archive.errors {
        writeln!(out, "{}\terror: {}", clean(&e.source), clean(&e.message))?;
    }
    if archive.issues.is_empty() {
        writeln!(out, "no issues found")?;
    }
    writeln!(
        out,
        "coverage {coverage:.3} ({placed} of {lines} non-blank lines placed), {} file(s) unreadable",
        archive.errors.len()
    )?;
    Ok(())
}
