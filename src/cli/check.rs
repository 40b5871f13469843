//! `kanbao check`: per file, what the parser warned about and how much
//! of it was placed.

use super::*;

/// `kanbao check` of the archive at `path`: a few issues at a time from
/// the skeleton when it stands for the archive (memory stays flat), else
/// of the archive loaded. The exit code: 0, or 1 when a file could not be
/// read.
pub(super) fn run(
    out: &mut impl Write,
    path: Option<&std::path::Path>,
    json: bool,
) -> Result<i32, CliError> {
    let mut check = Check::new(out, json);
    let (reviews, dates) = (ReviewFile::default(), DateArgs::default());
    if !super::from_skeleton::each_issue_read(path, &reviews, &dates, &mut check)? {
        let archive = open_archive(path)?;
        check.issues(&archive.issues)?;
        check.end(&archive.errors)?;
    }
    Ok(if check.unreadable == 0 { 0 } else { 1 })
}

/// What `check` says, issue by issue.
struct Check<'a, W: Write> {
    out: &'a mut W,
    /// With `--json`, the files' rows as they stand in the JSON printed at
    /// the end (its first key, the coverage, needs every row): as text
    /// they take far less memory than as values (100k generated issues:
    /// 690 MB as values).
    json: Option<Vec<u8>>,
    issues: usize,
    placed: usize,
    lines: usize,
    unreadable: usize,
}

impl<'a, W: Write> Check<'a, W> {
    fn new(out: &'a mut W, json: bool) -> Self {
        Check {
            out,
            json: json.then(Vec::new),
            issues: 0,
            placed: 0,
            lines: 0,
            unreadable: 0,
        }
    }

    /// Each file of `issues`: a row (a line, or with `--json` a row kept).
    fn issues(&mut self, issues: &[crate::model::Issue]) -> Result<(), CliError> {
        self.issues += issues.len();
        for issue in issues {
            for cov in crate::check::issue_coverage(issue) {
                self.placed += cov.placed;
                self.lines += cov.lines;
                let f = file_row(issue, &cov);
                match &mut self.json {
                    Some(files) => {
                        let sep: &[u8] = if files.is_empty() {
                            b"\n    "
                        } else {
                            b",\n    "
                        };
                        files.extend_from_slice(sep);
                        crate::export::nested(files, &f, "    ")?;
                    }
                    None => write_row(self.out, &f)?,
                }
            }
        }
        Ok(())
    }

    /// The files that could not be read, and the whole archive's coverage.
    fn end(&mut self, errors: &[crate::model::FileError]) -> Result<(), CliError> {
        self.unreadable = errors.len();
        let (placed, lines) = (self.placed, self.lines);
        let coverage = crate::check::ratio(placed, lines);
        if let Some(files) = self.json.take() {
            // The keys in order, as serde_json's pretty JSON of the whole.
            let errors: Vec<serde_json::Value> = errors
                .iter()
                .map(|e| serde_json::json!({"source": e.source, "message": e.message}))
                .collect();
            let out = &mut *self.out;
            let coverage = serde_json::json!(coverage);
            write!(out, "{{\n  \"coverage\": {coverage},\n  \"errors\": ")?;
            crate::export::nested(out, &errors, "  ")?;
            write!(out, ",\n  \"files\": [")?;
            out.write_all(&files)?;
            let close = if files.is_empty() { "]" } else { "\n  ]" };
            writeln!(
                out,
                "{close},\n  \"lines\": {lines},\n  \"placed\": {placed}\n}}"
            )?;
            return Ok(());
        }
        for e in errors {
            writeln!(
                self.out,
                "{}\terror: {}",
                clean(&e.source),
                clean(&e.message)
            )?;
        }
        if self.issues == 0 {
            writeln!(self.out, "no issues found")?;
        }
        writeln!(
            self.out,
            "coverage {coverage:.3} ({placed} of {lines} non-blank lines placed), {} file(s) unreadable",
            errors.len()
        )?;
        Ok(())
    }
}

impl<W: Write> super::from_skeleton::IssueSink for Check<'_, W> {
    fn start(&mut self, _: &str, _: &[crate::model::FileError], _: usize) -> Result<(), CliError> {
        Ok(())
    }

    fn batch(&mut self, issues: Archive) -> Result<(), CliError> {
        self.issues(&issues.issues)
    }

    fn finish(&mut self, errors: &[crate::model::FileError]) -> Result<(), CliError> {
        self.end(errors)
    }
}

/// What `check` says of the page file `cov` covers, in `issue`.
fn file_row(issue: &crate::model::Issue, cov: &crate::check::FileCoverage) -> serde_json::Value {
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
    serde_json::json!({
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
    })
}

/// A file's row as text, its warnings under it.
fn write_row(out: &mut impl Write, f: &serde_json::Value) -> std::io::Result<()> {
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
