//! The command line: `kanbao [PATH]` opens the reader; subcommands serve
//! scripts and quick lookups over SSH. Errors are one line on stderr with a
//! non-zero exit: 2 for bad usage or a missing path, 1 for unreadable files.

use crate::check;
use crate::config::{self, Config};
use crate::decode::clean;
use crate::export;
use crate::layout::AmbiguousWidth;
use crate::loader::{self, LoadOptions};
use crate::model::Archive;
use crate::reading::{self, LineKind};
use crate::review::{self, ReviewChange, ReviewStatus};
use crate::search::{self, HeadlineIndex, Scope};
use crate::state;
use crate::tui::Startup;
use crate::tui::theme::Theme;
use crate::tui::{Keymap, Persist};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kanbao",
    version,
    about = "看报 — a terminal reader for archives of OCR'd Chinese newspapers",
    long_about = "看报 — a terminal reader for archives of OCR'd Chinese newspapers.\n\n\
        With no PATH, opens the sample archive built into the binary.\n\
        PATH is a folder (every *.txt below it) or a single file.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Archive folder or file to read (default: the built-in sample archive)
    pub path: Option<PathBuf>,
    /// Columns that East Asian ambiguous-width characters (“ ” · … —) take:
    /// 2 on terminals set up for Chinese locales
    #[arg(long, global = true, value_name = "1|2", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub ambiguous_width: Option<u8>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per issue: id, date and its source, number, pages, articles, warnings
    List {
        #[arg(help = PATH_HELP)]
        path: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// One article laid out for the terminal
    Show {
        /// Article id, as `list`/`export` print it: 2021-01-10/A1/3
        id: String,
        #[arg(help = PATH_HELP)]
        path: Option<PathBuf>,
        /// Columns to lay out for, 10 or more (default: the terminal's width, else 80)
        #[arg(long, value_parser = clap::value_parser!(u16).range(10..))]
        width: Option<u16>,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// The parsed headline, not the archive's correction
        #[arg(long)]
        original: bool,
    },
    /// The whole archive: titles as corrected in review (JSON adds each review)
    Export {
        #[arg(help = PATH_HELP)]
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Parsed titles and dates only, without the archive's corrections
        #[arg(long)]
        original: bool,
    },
    /// Per file: warnings, untitled articles, duplicates, fragments, coverage
    Check {
        #[arg(help = PATH_HELP)]
        path: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Headlines (as corrected in review) ranked by the fuzzy filter (pinyin
    /// too), or with --body, articles whose text holds every term
    Search {
        /// Headline filter: characters, pinyin (mtf, maotengfei), terms separated by spaces;
        /// with --body: terms that must all occur
        query: String,
        #[arg(help = PATH_HELP)]
        path: Option<PathBuf>,
        /// How many hits to print at most
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Search article text instead of headlines
        #[arg(long)]
        body: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Match and print the parsed headlines, not the archive's corrections
        #[arg(long)]
        original: bool,
    },
    /// Review marks: list, set, report
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// Where the config file is, or the defaults to start one from
    Config {
        /// Print the default configuration (every setting, commented)
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print the config file's path
        #[arg(long)]
        path: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Every review entry of the archive
    List {
        #[arg(help = PATH_HELP)]
        path: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Records a status, note or corrected headline for one article
    Set {
        /// Article id: 2021-01-10/A1/3
        id: String,
        #[arg(help = PATH_HELP)]
        path: Option<PathBuf>,
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
    },
    /// Per issue: reviewed, needs fix, untouched
    Report {
        #[arg(help = PATH_HELP)]
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Md,
    Txt,
    Headlines,
}

const PATH_HELP: &str =
    "Archive folder or file (default: the config's archive, else the built-in sample)";

/// A failure with its exit code; printed as one line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] loader::LoadError),
    #[error("no article with id {0:?} (ids look like 2021-01-10/A1/3; `kanbao list` shows issues)")]
    NoSuchArticle(String),
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
    /// A command line that asks for nothing, or for something impossible.
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Other(String),
}

impl CliError {
    fn exit_code(&self) -> i32 {
        match self {
            CliError::Load(_) | CliError::NoSuchArticle(_) | CliError::Usage(_) => 2,
            CliError::Io(_) | CliError::Other(_) => 1,
        }
    }
}

/// Entry point for the binary: returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // One line, as every other error: clap's usage block would bury it.
            let text = e.to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
                .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
                .collect();
            let message = message.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            eprintln!("kanbao: {message} (kanbao --help lists the commands)");
            return 2;
        }
        Err(e) => {
            // --help and --version
            let _ = e.print();
            return 0;
        }
    };
    match run(cli) {
        Ok(code) => code,
        // A closed pipe (`kanbao export | head`) is not an error.
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("kanbao: {e}");
            e.exit_code()
        }
    }
}

/// True when output goes to a terminal and the user has not asked for no colour.
pub fn color_enabled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The user's config, or the defaults with the reason on stderr: a typo in
/// the config never locks anyone out.
fn load_config() -> (Config, Option<String>) {
    let Some(path) = config::config_path() else {
        return (Config::default(), None);
    };
    let (config, error) = config::load_config(&path);
    let Some(e) = error else {
        return (config, None);
    };
    eprintln!("kanbao: config ignored, using defaults: {e}");
    (config, Some(format!("{} (config ignored)", e.short())))
}

/// The archive named on the command line, else the config's, else the sample.
fn archive_path(given: Option<PathBuf>, config: &Config) -> Option<PathBuf> {
    given.or_else(|| config.archive.clone())
}

pub fn open_archive(path: Option<&std::path::Path>) -> Result<Archive, CliError> {
    let opts = LoadOptions::default();
    match path {
        Some(p) => Ok(loader::load_path(p, &opts)?),
        None => Ok(loader::load_sample(&opts)),
    }
}

fn ambiguous(cli_value: Option<u8>, config: &Config) -> AmbiguousWidth {
    cli_value
        .or(Some(config.ambiguous_width))
        .and_then(AmbiguousWidth::from_columns)
        .unwrap_or_default()
}

/// Where review marks of this archive live, and its key for reading state.
/// The archive and, unless `original` asks for the parsed text, its reviews.
fn open_reviewed(
    path: Option<PathBuf>,
    original: bool,
) -> Result<(Archive, review::ReviewFile), CliError> {
    let archive = open_archive(path.as_deref())?;
    let reviews = match original {
        true => review::ReviewFile::default(),
        false => reviews_of(path.as_deref()),
    };
    Ok((archive, reviews))
}

/// The archive's reviews, for output that shows corrections. A file that
/// cannot be read is reported and the output goes on without it.
fn reviews_of(path: Option<&std::path::Path>) -> review::ReviewFile {
    let (_, file) = review_place(path);
    match review::load_reviews(&file) {
        Ok(loaded) => {
            if let Some(r) = &loaded.recovered {
                eprintln!("kanbao: review file: {r}");
            }
            loaded.value
        }
        Err(e) => {
            eprintln!("kanbao: review file not read, corrections not applied: {e}");
            review::ReviewFile::default()
        }
    }
}

fn review_place(path: Option<&std::path::Path>) -> (String, PathBuf) {
    let key = state::archive_key(path);
    let review_path = review::review_path(path, &key);
    (key, review_path)
}

pub fn run(cli: Cli) -> Result<i32, CliError> {
    if let Some(Command::Config { default, path }) = &cli.command {
        return config_cmd(*default, *path);
    }
    let (config, config_message) = load_config();
    let amb = ambiguous(cli.ambiguous_width, &config);
    let mut out = std::io::stdout().lock();
    match cli.command {
        None => {
            drop(out);
            reader(
                archive_path(cli.path, &config),
                amb,
                &config,
                config_message,
            )?;
            Ok(0)
        }
        Some(Command::Config { .. }) => unreachable!("handled above"),
        Some(Command::Search {
            query,
            path,
            limit,
            body,
            json,
            original,
        }) => {
            let (archive, reviews) = open_reviewed(archive_path(path, &config), original)?;
            let archive = reviews.corrected(&archive);
            search_cmd(&mut out, &archive, &query, limit, body, json, config.pinyin)?;
            Ok(0)
        }
        Some(Command::Review { command }) => {
            crate::store::on_lock_wait(|w| eprintln!("kanbao: {w}"));
            review_cmd(&mut out, command, &config)
        }
        Some(Command::List { path, json }) => {
            let archive = open_archive(archive_path(path, &config).as_deref())?;
            list(&mut out, &archive, json)?;
            Ok(0)
        }
        Some(Command::Show {
            id,
            path,
            width,
            json,
            original,
        }) => {
            let (archive, reviews) = open_reviewed(archive_path(path, &config), original)?;
            let archive = reviews.corrected(&archive);
            let width = width.map_or_else(terminal_width, usize::from);
            show(&mut out, &archive, &id, width, json, amb)?;
            Ok(0)
        }
        Some(Command::Export {
            path,
            format,
            original,
        }) => {
            let (archive, reviews) = open_reviewed(archive_path(path, &config), original)?;
            report_load_problems(&archive);
            let text = match format {
                Format::Json => {
                    let json = export::archive_json_reviewed(&archive, &reviews);
                    serde_json::to_string_pretty(&json).expect("export JSON serializes") + "\n"
                }
                Format::Md => export::markdown(&reviews.corrected(&archive)),
                Format::Txt => export::plain_text(&reviews.corrected(&archive)),
                Format::Headlines => export::headlines(&reviews.corrected(&archive)),
            };
            out.write_all(text.as_bytes())?;
            Ok(0)
        }
        Some(Command::Check { path, json }) => {
            let archive = open_archive(archive_path(path, &config).as_deref())?;
            check_cmd(&mut out, &archive, json)?;
            Ok(if archive.errors.is_empty() { 0 } else { 1 })
        }
    }
}

/// Opens the reader; the archive loads on a worker thread behind a progress
/// screen. A missing path is reported before the screen is taken over.
fn reader(
    path: Option<PathBuf>,
    amb: AmbiguousWidth,
    config: &Config,
    config_message: Option<String>,
) -> Result<(), CliError> {
    if let Some(p) = &path
        && !p.exists()
    {
        // `kanbao serach …`: a mistyped command reads as a path.
        if p.components().count() == 1 && p.extension().is_none() {
            return Err(CliError::Usage(format!(
                "{}: no such command, file or folder (kanbao --help lists the commands)",
                p.display()
            )));
        }
        return Err(loader::LoadError::NotFound {
            path: p.display().to_string(),
        }
        .into());
    }
    if !std::io::stdout().is_terminal() {
        return Err(CliError::Other(
            "the reader needs a terminal; for scripts use list, show, export, search, check".into(),
        ));
    }
    let theme = match config.effective_theme(config::no_color_env()) {
        config::Theme::Dark => Theme::dark(),
        config::Theme::Light => Theme::light(),
        config::Theme::None => Theme::none(),
    };
    let settings = crate::tui::Settings {
        amb,
        max_text_width: config.max_text_width,
        theme,
        pinyin: config.pinyin,
    };
    let (keymap, problems) = Keymap::from_config(&config.keys);
    let mut message = config_message;
    if let Some(p) = problems.first() {
        eprintln!("kanbao: config keys: {}", problems.join("; "));
        message.get_or_insert_with(|| format!("config keys: {p}"));
    }
    let (archive_key, review_path) = review_place(path.as_deref());
    let persist = Persist {
        archive_key,
        state_path: state::state_path(),
        review_path,
    };
    let load_path = path.clone();
    let load = move |progress: &(dyn Fn(loader::Progress) + Sync)| {
        let opts = LoadOptions {
            progress: Some(progress),
            ..Default::default()
        };
        match &load_path {
            Some(p) => loader::load_path(p, &opts).unwrap_or_else(|e| Archive {
                root: p.display().to_string(),
                errors: vec![crate::model::FileError {
                    source: p.display().to_string(),
                    message: e.to_string(),
                }],
                ..Default::default()
            }),
            None => loader::load_sample(&opts),
        }
    };
    let startup = Startup {
        settings,
        keymap,
        persist: Some(persist),
        message,
    };
    crate::tui::run(load, startup).map_err(|e| CliError::Other(format!("terminal: {e}")))
}

/// Unreadable files and an empty archive are said once on stderr.
fn report_load_problems(archive: &Archive) {
    for e in &archive.errors {
        eprintln!("kanbao: {}: {}", clean(&e.source), clean(&e.message));
    }
    if archive.issues.is_empty() {
        eprintln!(
            "kanbao: {}: no issues found (kanbao reads *.txt files)",
            clean(&archive.root)
        );
    }
}

fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
        && w > 0
    {
        return w as usize;
    }
    80
}

fn list(out: &mut impl Write, archive: &Archive, json: bool) -> Result<(), CliError> {
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

fn show(
    out: &mut impl Write,
    archive: &Archive,
    id: &str,
    width: usize,
    json: bool,
    amb: AmbiguousWidth,
) -> Result<(), CliError> {
    let (issue, article) = archive
        .article(id)
        .ok_or_else(|| CliError::NoSuchArticle(id.to_string()))?;
    let ctx = reading::context(issue, article);
    if json {
        let v = serde_json::json!({
            "issue": issue.id,
            "page": ctx.page,
            "article": export::article_json(article),
        });
        print_json(out, &v)?;
        return Ok(());
    }
    let color = color_enabled();
    for line in reading::lay_out(article, &ctx, width, amb) {
        let (on, off) = match (color, line.kind) {
            (false, _) => ("", ""),
            (true, LineKind::Headline) => ("\x1b[1m", "\x1b[0m"),
            (true, LineKind::Kicker | LineKind::Note | LineKind::Repeated) => {
                ("\x1b[2m", "\x1b[0m")
            }
            (true, LineKind::Subhead) => ("\x1b[1m", "\x1b[0m"),
            (true, LineKind::Caption) => ("\x1b[3m", "\x1b[0m"),
            _ => ("", ""),
        };
        writeln!(out, "{on}{}{off}", line.text)?;
    }
    Ok(())
}

fn check_cmd(out: &mut impl Write, archive: &Archive, json: bool) -> Result<(), CliError> {
    let mut files = Vec::new();
    for issue in &archive.issues {
        for cov in check::issue_coverage(issue) {
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
    let (placed, lines, coverage) = check::archive_coverage(archive);
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

/// Pretty JSON and a newline: what every `--json` prints.
fn print_json(out: &mut impl Write, v: &serde_json::Value) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(v).expect("a Value serializes")
    )
}

/// The fields every search hit carries, in the order scripts see them.
fn hit_json(
    issue: &crate::model::Issue,
    a: &crate::model::Article,
    page: &str,
) -> serde_json::Value {
    serde_json::json!({
        "id": a.id,
        "date": issue.date.map(|d| d.to_string()),
        "page": page,
        "kicker": a.kicker.as_ref().map(|t| &t.text),
        "headline": a.title(),
    })
}

fn config_cmd(default: bool, path: bool) -> Result<i32, CliError> {
    let mut out = std::io::stdout().lock();
    if default {
        out.write_all(config::DEFAULT_CONFIG.as_bytes())?;
        return Ok(0);
    }
    match config::config_path() {
        Some(p) if path => {
            writeln!(out, "{}", p.display())?;
            Ok(0)
        }
        Some(p) => {
            let (_, error) = config::load_config(&p);
            let state = if !p.exists() {
                "not created yet; `kanbao config --default` prints one to start from".to_string()
            } else if let Some(e) = error {
                format!("has a mistake, defaults are used: {e}")
            } else {
                "read".to_string()
            };
            writeln!(out, "{}\t{state}", p.display())?;
            Ok(0)
        }
        None => Err(CliError::Other("no home directory: no config file".into())),
    }
}

#[allow(clippy::too_many_arguments)]
fn search_cmd(
    out: &mut impl Write,
    archive: &Archive,
    query: &str,
    limit: usize,
    body: bool,
    json: bool,
    pinyin: bool,
) -> Result<(), CliError> {
    let place = |r: search::ArticleRef| {
        let (issue, article) = r.get(archive).expect("hits point into the archive");
        let page = issue.pages[r.page as usize].label.clone();
        (issue, article, page)
    };
    if body {
        let found = search::search_bodies_with(archive, query, Scope::All, limit, &|| false)
            .unwrap_or_default();
        let hits = found.hits;
        if json {
            let hits: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    let (issue, a, page) = place(h.article);
                    let mut v = hit_json(issue, a, &page);
                    v["snippet"] = h.snippet.clone().into();
                    v["matches"] = h
                        .matches
                        .iter()
                        .map(|m| {
                            serde_json::json!({
                                "block": m.block, "start": m.range.start, "end": m.range.end,
                            })
                        })
                        .collect();
                    v
                })
                .collect();
            let v = serde_json::json!({ "total": found.total, "hits": hits });
            print_json(out, &v)?;
        } else {
            for h in &hits {
                let (issue, a, page) = place(h.article);
                let date = issue.date.map(|d| d.to_string()).unwrap_or_default();
                writeln!(
                    out,
                    "{}\t{date}\t{page}\t{}\t{}",
                    a.id,
                    clean(&a.title()),
                    clean(&h.snippet)
                )?;
            }
            more_hits(found.total, hits.len());
        }
        return Ok(());
    }
    let index = HeadlineIndex::build(archive, pinyin);
    let result = index
        .filter(query, Scope::All, limit, &|| false)
        .unwrap_or_default();
    if json {
        let hits: Vec<serde_json::Value> = result
            .hits
            .iter()
            .map(|h| {
                let (issue, a, page) = place(index.article(h.entry));
                let mut v = hit_json(issue, a, &page);
                v["subheadlines"] = a.subheadlines.iter().map(|t| t.text.as_str()).collect();
                // What `positions` index: kicker, headline and subheadlines
                // joined by single spaces.
                v["text"] = index.text(h.entry).into();
                v["score"] = h.score.into();
                v["positions"] = serde_json::json!(h.positions);
                v
            })
            .collect();
        let v = serde_json::json!({ "total": result.total, "hits": hits });
        print_json(out, &v)?;
    } else {
        for h in &result.hits {
            let (issue, a, page) = place(index.article(h.entry));
            let date = issue.date.map(|d| d.to_string()).unwrap_or_default();
            writeln!(
                out,
                "{}\t{date}\t{page}\t{}",
                a.id,
                clean(&export::headline_line(a))
            )?;
        }
        more_hits(result.total, result.hits.len());
    }
    Ok(())
}

/// Says on stderr that the list was cut (stdout stays one line per hit).
fn more_hits(total: usize, shown: usize) {
    if total > shown {
        eprintln!(
            "kanbao: {} more match(es); --limit {total} shows them all",
            total - shown
        );
    }
}

fn review_cmd(out: &mut impl Write, command: ReviewCommand, cfg: &Config) -> Result<i32, CliError> {
    let path_of = |p: Option<PathBuf>| archive_path(p, cfg);
    match command {
        ReviewCommand::List { path, json } => {
            let path = path_of(path);
            let archive = open_archive(path.as_deref())?;
            let (_, file) = review_place(path.as_deref());
            let reviews =
                review::load_reviews(&file).map_err(|e| CliError::Other(e.to_string()))?;
            if let Some(r) = &reviews.recovered {
                eprintln!("kanbao: review file: {r}");
            }
            let entries: Vec<serde_json::Value> = reviews
                .value
                .articles
                .iter()
                .map(|(id, e)| {
                    let state = match archive.article(id) {
                        None => "orphaned",
                        Some((_, a)) if review::fingerprint(a) != e.fingerprint => "stale",
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
                let v =
                    serde_json::json!({ "file": file.display().to_string(), "reviews": entries });
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
            }
            Ok(0)
        }
        ReviewCommand::Set {
            id,
            path,
            status,
            note,
            headline,
            kicker,
            no_kicker,
        } => {
            let path = path_of(path);
            let archive = open_archive(path.as_deref())?;
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
            let (entry, recovered) =
                review::set(&file, article, &change).map_err(|e| CliError::Other(e.to_string()))?;
            if let Some(r) = recovered {
                eprintln!("kanbao: review file: {r}");
            }
            let status = entry.map(|e| e.status.as_str()).unwrap_or("unreviewed");
            writeln!(out, "{id}\t{status}\t{}", file.display())?;
            Ok(0)
        }
        ReviewCommand::Report { path, format } => {
            let path = path_of(path);
            let archive = open_archive(path.as_deref())?;
            let (_, file) = review_place(path.as_deref());
            let reviews =
                review::load_reviews(&file).map_err(|e| CliError::Other(e.to_string()))?;
            let report = review::report(&archive, &reviews.value);
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
