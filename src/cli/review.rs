//! `kanbao review`: its arguments; list, set and report review marks,
//! the gold reading, and the structural verbs (run in `structure`).

use super::*;
use crate::review::{ReviewChange, ReviewStatus};

/// The `kanbao review` subcommands and their arguments.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Every review entry of the archive
    List {
        #[command(flatten)]
        archive: ArchiveArgs,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Records a status, note or corrected headline for one article, or a
    /// corrected date for one issue
    Set {
        /// Article id (2021-01-10/A1/3), or an issue id with --date
        id: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        #[arg(long, value_parser = ["ok", "needs-fix", "unreviewed"])]
        status: Option<String>,
        /// A note ("" clears it)
        #[arg(long)]
        note: Option<String>,
        /// A corrected headline ("" clears the correction)
        #[arg(long)]
        headline: Option<String>,
        /// A corrected kicker ("" clears the correction)
        #[arg(long)]
        kicker: Option<String>,
        /// The parsed kicker is not one: the article has none
        #[arg(long, conflicts_with = "kicker")]
        no_kicker: bool,
        /// The issue's corrected date, YYYY-MM-DD ("" clears it); ID is an
        /// issue's id (as `list` prints it)
        #[arg(long, conflicts_with_all = ["status", "note", "headline", "kicker", "no_kicker"])]
        date: Option<String>,
    },
    /// The archive as corrected, as a gold reading (the JSON `check
    /// --against` takes), for the page files whose every article is marked ok
    Gold {
        #[command(flatten)]
        archive: ArchiveArgs,
    },
    /// Structural correction: the line starts a new article (ids of the
    /// articles around it stay; the new one is ID with a letter)
    Split {
        /// The article to split
        id: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        /// The line (of the page's file, as `show --source` numbers it)
        #[arg(long)]
        at_line: u32,
        /// The role of that line in the new article (headline, kicker…)
        #[arg(long)]
        role: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Structural correction: the article joins the one before it (or
    /// after it) on its page; its id is retired
    Merge {
        id: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        #[arg(long, value_enum, default_value_t = MergeInto::Previous)]
        into: MergeInto,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Structural correction: a line's role (kicker, headline, subheadline,
    /// byline, dateline, body, subhead, caption, jump, section, masthead,
    /// fragment); a byline is read again for its names
    Role {
        /// FILE:LINE (FILE as `check` prints it, or its name)
        place: String,
        role: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Structural correction: lines (a fragment, a caption) into an article
    Move {
        /// FILE:LINE or FILE:FIRST-LAST
        place: String,
        /// The article they go into
        id: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Takes back your last structural correction
    Undo {
        #[command(flatten)]
        archive: ArchiveArgs,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Per issue: reviewed, needs fix, untouched
    Report {
        #[command(flatten)]
        archive: ArchiveArgs,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
}

/// Which neighbour `review merge` joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MergeInto {
    Previous,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Json,
}

pub(super) fn run(
    out: &mut impl Write,
    command: ReviewCommand,
    cfg: &Config,
) -> Result<i32, CliError> {
    match command {
        ReviewCommand::Split { .. }
        | ReviewCommand::Merge { .. }
        | ReviewCommand::Role { .. }
        | ReviewCommand::Move { .. }
        | ReviewCommand::Undo { .. } => super::structure::run(out, command, cfg),
        ReviewCommand::Gold { archive } => {
            let path = archive.path(cfg);
            let (_, reviews) =
                load_reviews_here(path.as_deref()).map_err(|e| CliError::Other(e.to_string()))?;
            let gold = match super::from_skeleton::gold_reading(path.as_deref(), &reviews.value) {
                Some(gold) => gold,
                None => {
                    let mut archive = open_archive(path.as_deref())?;
                    structure_applied(&mut archive, &reviews.value);
                    crate::review::gold_reading(&archive, &reviews.value)
                }
            };
            if gold.is_empty() {
                eprintln!("kanbao: no page has every article marked ok: the gold reading is empty");
            }
            let v = serde_json::to_value(&gold).map_err(|e| CliError::Other(e.to_string()))?;
            print_json(out, &v)?;
            Ok(0)
        }
        ReviewCommand::List { archive, json } => {
            let path = archive.path(cfg);
            let (file, reviews) =
                load_reviews_here(path.as_deref()).map_err(|e| CliError::Other(e.to_string()))?;
            // The issues the entries and corrections bear on, read alone
            // when the skeleton stands for the archive.
            let mut archive =
                match super::from_skeleton::reviewed_archive(path.as_deref(), &reviews.value) {
                    Some(archive) => archive,
                    None => open_archive(path.as_deref())?,
                };
            // Entries are about the articles as corrected (a split-off
            // article's own marks).
            let applied =
                crate::review::structure::apply_read(&mut archive, &reviews.value.structure);
            let structure: Vec<serde_json::Value> = reviews
                .value
                .structure
                .iter()
                .zip(&applied.outcomes)
                .map(|(c, o)| {
                    serde_json::json!({
                        "place": c.place(),
                        "correction": c.describe(),
                        "state": if o.stale.is_some() { "stale" } else { "applied" },
                        "why": o.stale,
                        "created": o.created,
                        "retired": o.retired,
                        "by": c.by,
                        "updated": c.updated,
                    })
                })
                .collect();
            let retired: Vec<&str> = applied.retired().collect();
            let entries: Vec<serde_json::Value> = reviews
                .value
                .articles
                .iter()
                .map(|(id, e)| {
                    let state = match archive.article(id) {
                        None => "orphaned",
                        Some((_, a)) if crate::review::fingerprint(a) != e.fingerprint => "stale",
                        Some(_) => "fresh",
                    };
                    serde_json::json!({
                        "id": id,
                        "status": e.status.as_str(),
                        "note": e.note,
                        "kicker": e.kicker,
                        "headline": e.headline,
                        "state": state,
                        "by": e.by,
                        "updated": e.updated,
                    })
                })
                .collect();
            if json {
                let v = serde_json::json!({
                    "file": file.display().to_string(),
                    "reviews": entries,
                    "structure": structure,
                    "retired": retired,
                });
                print_json(out, &v)?;
            } else {
                for e in &entries {
                    let text = |k: &str| {
                        e[k].as_str()
                            .map(|s| clean(s).into_owned())
                            .unwrap_or_default()
                    };
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        text("id"),
                        text("status"),
                        text("state"),
                        text("headline"),
                        text("note")
                    )?;
                }
                for s in &structure {
                    let text = |k: &str| {
                        s[k].as_str()
                            .map(|s| clean(s).into_owned())
                            .unwrap_or_default()
                    };
                    let state = match s["why"].as_str() {
                        Some(why) => format!("stale: {}", clean(why)),
                        None => "applied".into(),
                    };
                    writeln!(
                        out,
                        "{}\tstructure\t{state}\t{}",
                        text("place"),
                        text("correction")
                    )?;
                }
                for id in &retired {
                    writeln!(out, "{}\tretired\tby a structural correction", clean(id))?;
                }
            }
            Ok(0)
        }
        ReviewCommand::Set {
            id,
            archive,
            status,
            note,
            headline,
            kicker,
            no_kicker,
            date,
        } => {
            let path = archive.path(cfg);
            // Marks go on the articles as corrected (a split-off one too):
            // the issue of `id` read alone when the skeleton stands for the
            // archive (at 100k issues the archive loaded took 12 s).
            let (archive, _) = super::from_skeleton::archive_for_article(path.clone(), false, &id)?;
            if let Some(date) = date {
                return set_issue_date(out, &archive, path.as_deref(), &id, &date);
            }
            let (_, article) = archive
                .article(&id)
                .ok_or_else(|| CliError::NoSuchArticle(id.clone()))?;
            let status = status
                .map(|s| s.parse::<ReviewStatus>())
                .transpose()
                .map_err(|e| CliError::Usage(e.to_string()))?;
            // What an archivist types is shown later: no escape sequences.
            let clean = |t: String| crate::decode::clean(&t).into_owned();
            let (note, headline, kicker) =
                (note.map(clean), headline.map(clean), kicker.map(clean));
            let change = ReviewChange {
                status,
                note: note.map(|n| (!n.trim().is_empty()).then_some(n)),
                kicker: match no_kicker {
                    true => Some(Some(String::new())),
                    false => kicker.map(|k| (!k.trim().is_empty()).then_some(k)),
                },
                headline: headline.map(|h| (!h.trim().is_empty()).then_some(h)),
            };
            if change.is_empty() {
                return Err(CliError::Usage(
                    "nothing to set: give --status, --note, --headline or --kicker".into(),
                ));
            }
            let (_, file) = review_place(path.as_deref());
            let (entry, recovered) = crate::review::set(&file, article, &change)
                .map_err(|e| CliError::Other(e.to_string()))?;
            if let Some(r) = recovered {
                eprintln!("kanbao: review file: {r}");
            }
            let status = entry.map(|e| e.status.as_str()).unwrap_or("unreviewed");
            writeln!(out, "{id}\t{status}\t{}", file.display())?;
            Ok(0)
        }
        ReviewCommand::Report { archive, format } => {
            let path = archive.path(cfg);
            let (_, reviews) =
                load_reviews_here(path.as_deref()).map_err(|e| CliError::Other(e.to_string()))?;
            let report = match super::from_skeleton::review_report(path.as_deref(), &reviews.value)
            {
                Some(report) => report,
                None => {
                    let mut archive = open_archive(path.as_deref())?;
                    let applied = structure_applied(&mut archive, &reviews.value);
                    crate::review::report_corrected(&archive, &reviews.value, &applied)
                }
            };
            let text = match format {
                ReportFormat::Md => report.to_markdown(),
                ReportFormat::Json => report.to_json(),
            };
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                writeln!(out)?;
            }
            Ok(0)
        }
    }
}

/// `review set ISSUE --date YYYY-MM-DD`: an issue's corrected date ("" clears).
fn set_issue_date(
    out: &mut impl Write,
    archive: &Archive,
    path: Option<&std::path::Path>,
    id: &str,
    date: &str,
) -> Result<i32, CliError> {
    if !archive.issues.iter().any(|i| i.id == id) {
        return Err(CliError::Usage(format!(
            "no issue {} (kanbao list prints the ids)",
            crate::decode::clean(id)
        )));
    }
    let date = match date.trim() {
        "" => None,
        d => Some(
            crate::model::IssueDate::parse(d)
                .filter(|d| d.year.is_some() && d.is_valid())
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "--date {}: give a date as YYYY-MM-DD",
                        crate::decode::clean(d)
                    ))
                })?,
        ),
    };
    let (_, file) = review_place(path);
    let recovered = crate::review::set_issue_date(&file, id, date)
        .map_err(|e| CliError::Other(e.to_string()))?;
    if let Some(r) = recovered {
        eprintln!("kanbao: review file: {r}");
    }
    let shown = date.map_or_else(|| "parsed date".to_string(), |d| d.to_string());
    writeln!(out, "{id}\t{shown}\t{}", file.display())?;
    Ok(0)
}
