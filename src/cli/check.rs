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

/// The scores `check --against` must reach (exit 1 below them).
pub(super) struct Floors {
    pub recall: Option<f64>,
    pub precision: Option<f64>,
}

/// `kanbao check --against GOLD.json`: the parse scored against a gold
/// reading (see [`crate::score`]); the text is what the project's
/// `score.py` prints. Returns whether the floors were met.
pub(super) fn against(
    out: &mut impl Write,
    archive: &Archive,
    gold: &std::path::Path,
    only: &[String],
    floors: Floors,
    json: bool,
) -> Result<bool, CliError> {
    let shown = crate::intake::display_path(gold);
    let bytes = crate::intake::read_file(gold, crate::intake::PAGE_LIMIT)
        .map_err(|e| CliError::Usage(format!("{shown}: {e}")))?;
    let value = crate::score::read_gold(&bytes).map_err(|e| {
        let at = crate::located::Located::at(&shown, e.line(), e.column());
        CliError::Usage(format!("{at}: {}", clean(&e.to_string())))
    })?;
    let only = (!only.is_empty()).then_some(only);
    let score = crate::score::score(archive, &value, only)
        .map_err(|e| CliError::Usage(format!("{shown}: {e}")))?;
    if json {
        let mut v = serde_json::to_value(&score).map_err(|e| CliError::Other(e.to_string()))?;
        v["recall"] = score.recall().into();
        v["precision"] = score.precision().into();
        print_json(out, &v)?;
    } else {
        for line in score.lines() {
            writeln!(out, "{line}")?;
        }
    }
    Ok(floors.recall.is_none_or(|r| score.recall() >= r)
        && floors.precision.is_none_or(|p| score.precision() >= p))
}
