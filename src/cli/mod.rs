//! The command line: `kanbao [PATH]` opens the reader; subcommands serve
//! scripts and quick lookups over SSH. Errors are one line on stderr with a
//! non-zero exit: 2 for bad usage or a missing path, 1 for unreadable files.
//!
//! This file holds the command line's shape, the dispatch and what the
//! commands share (opening the archive and its reviews); each command is
//! in a file of its own.

mod body_from_index;
mod check;
mod config;
mod export;
mod from_skeleton;
mod index;
mod list;
mod reader;
mod review;
mod search;
mod show;
mod structure;

use crate::config::Config;
use crate::decode::clean;
use crate::index::skeleton::Listing;
use crate::layout::AmbiguousWidth;
use crate::loader::{self, LoadOptions};
use crate::model::Archive;
use crate::review::ReviewFile;
use crate::state;
use clap::{Args, Parser, Subcommand, ValueEnum};
use from_skeleton::{headline_search, open_listing, skeleton_place};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

pub use review::{MergeInto, ReportFormat, ReviewCommand};

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
    /// Leave the mouse to the terminal, so that text can be selected with it
    /// (the config's `mouse: false`)
    #[arg(long)]
    pub no_mouse: bool,
    /// Read and parse every file, neither using nor updating the index
    /// (the cache of parses kept between runs; see `kanbao index`)
    #[arg(long, global = true)]
    pub no_index: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per issue: id, date and its source, number, pages, articles, warnings
    List {
        #[command(flatten)]
        archive: ArchiveArgs,
        #[command(flatten)]
        dates: DateArgs,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// One article laid out for the terminal
    Show {
        /// Article id, as `list`/`export` print it: 2021-01-10/A1/3
        id: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        /// Columns to lay out for, 10 or more (default: the terminal's width, else 80)
        #[arg(long, value_parser = clap::value_parser!(u16).range(10..))]
        width: Option<u16>,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// The parsed headline, not the archive's correction
        #[arg(long)]
        original: bool,
        /// The page's original lines instead: numbers, each line's role and
        /// owner, `>` before the article's own
        #[arg(long)]
        source: bool,
    },
    /// The whole archive, or one issue or article by id: titles as corrected
    /// in review (JSON adds each review)
    Export {
        /// An issue's or an article's id (2021-01-10, 2021-01-10/A1/3); a
        /// file or folder given alone is the archive
        id: Option<String>,
        #[command(flatten)]
        archive: ArchiveArgs,
        #[command(flatten)]
        dates: DateArgs,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Parsed titles and dates only, without the archive's corrections
        #[arg(long)]
        original: bool,
    },
    /// Per file: warnings, untitled articles, duplicates, fragments, coverage
    Check {
        #[command(flatten)]
        archive: ArchiveArgs,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Score the parse (corrections left out) against a gold reading
        /// (the JSON of tests/gold/seeds.json, or `kanbao review gold`'s):
        /// headline recall and precision, reporters, dates, per file
        #[arg(long, value_name = "GOLD.json")]
        against: Option<PathBuf>,
        /// With --against: only these gold files (comma-separated names)
        #[arg(long, value_delimiter = ',', requires = "against")]
        only: Vec<String>,
        /// With --against: exit 1 when recall is below this
        #[arg(long, requires = "against")]
        min_recall: Option<f64>,
        /// With --against: exit 1 when precision is below this
        #[arg(long, requires = "against")]
        min_precision: Option<f64>,
    },
    /// Headlines (as corrected in review) ranked by the fuzzy filter (pinyin
    /// too), or with --body, articles whose text holds every term
    Search {
        /// Headline filter: characters, pinyin (mtf, maotengfei), terms separated by spaces,
        /// in fzf's syntax ('exact ^prefix suffix$ !not a | b); with --body: terms that must
        /// all occur (| ! ^ $ too). Exit 1: no match; 2: a query that cannot match
        query: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        #[command(flatten)]
        dates: DateArgs,
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
    /// Shell completions: kanbao completions bash > /etc/bash_completion.d/kanbao
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff): kanbao man > kanbao.1; man ./kanbao.1
    Man,
    /// Builds or refreshes the archive's index (every file's parse, kept in
    /// the user's cache folder) so that later commands start at once
    Index {
        #[command(flatten)]
        archive: ArchiveArgs,
        /// Remove the index: this archive's when one is named, else every one
        #[arg(long)]
        clear: bool,
        /// Remove the index of every archive whose folder is gone (and any
        /// an older kanbao left that names no archive)
        #[arg(long, conflicts_with = "clear")]
        prune: bool,
        /// Keep running once the index is built: keep it fresh as the
        /// archive's files change, so that commands on the archive need
        /// not check every file first (see the README)
        #[arg(long, conflicts_with_all = ["clear", "prune"])]
        watch: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Md,
    Txt,
    Headlines,
    /// One article per line, a search engine's document (see the README)
    Ndjson,
}

/// `--from` / `--to`: the issues of a span of dates, as reviewed.
#[derive(Debug, Clone, Default, Args)]
pub struct DateArgs {
    /// Only issues dated on or after this day, month or year (2021-01-10, 2021-01, 2021)
    #[arg(long, value_name = "DATE", value_parser = parse_span)]
    pub from: Option<crate::dates::DateSpan>,
    /// Only issues dated on or before this day, month or year (2021 means up to 2021-12-31)
    #[arg(long, value_name = "DATE", value_parser = parse_span)]
    pub to: Option<crate::dates::DateSpan>,
}

fn parse_span(s: &str) -> Result<crate::dates::DateSpan, String> {
    crate::dates::DateSpan::parse(s)
        .ok_or_else(|| format!("{s:?} is not a date like 2021-01-10, 2021-01 or 2021"))
}

impl DateArgs {
    /// The archive with only the issues whose date (a review's correction
    /// first) lies within `--from` and `--to`.
    pub fn keep(&self, mut archive: Archive, reviews: &ReviewFile) -> Archive {
        let keeps = self.keeps(reviews);
        archive.issues.retain(|i| keeps(&i.id, i.date));
        archive
    }

    /// The listing with only the issues [`DateArgs::keep`] keeps.
    pub fn keep_listing(&self, mut listing: Listing, reviews: &ReviewFile) -> Listing {
        let keeps = self.keeps(reviews);
        listing.issues.retain(|i| keeps(&i.id, i.date));
        listing
    }

    /// Does the window hold an issue of this id and parsed date (a
    /// review's corrected date first)?
    fn keeps<'r>(
        &self,
        reviews: &'r ReviewFile,
    ) -> impl Fn(&str, Option<crate::model::IssueDate>) -> bool + 'r {
        let window = self.window();
        move |id, date| window.is_open() || window.contains(reviews.issue_date(id).or(date))
    }

    fn window(&self) -> crate::dates::DateWindow {
        crate::dates::DateWindow {
            from: self.from,
            to: self.to,
        }
    }
}

/// The archive a command reads, shared by every command that reads one.
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// Archive folder or file (default: the config's archive, else the built-in sample)
    pub path: Option<PathBuf>,
}

impl ArchiveArgs {
    /// The archive named on the command line, else the config's, else the
    /// sample (`None`).
    fn path(self, config: &Config) -> Option<PathBuf> {
        self.path.or_else(|| config.archive.clone())
    }
}

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
/// `kanbao serch mtf`: a first word that is no file or folder but is a
/// command's name mistyped gets "did you mean" (clap would read it as the
/// archive's path and complain about the next word instead).
fn mistyped_command() -> Option<(String, String)> {
    use clap::CommandFactory;
    let arg = std::env::args_os().nth(1)?.into_string().ok()?;
    if arg.starts_with('-') || std::path::Path::new(&arg).exists() {
        return None;
    }
    let cmd = Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    if names.contains(&arg) {
        return None;
    }
    names
        .into_iter()
        .map(|n| (strsim::damerau_levenshtein(&arg, &n), n))
        .filter(|&(d, _)| d <= 2)
        .min()
        .map(|(_, n)| (arg, n))
}

pub fn main() -> i32 {
    if let Some((typed, meant)) = mistyped_command() {
        eprintln!(
            "kanbao: {} is no command, file or folder: did you mean `kanbao {meant}`? (kanbao --help lists the commands)",
            clean(&typed)
        );
        return 2;
    }
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
    let Some(path) = crate::config::config_path() else {
        return (Config::default(), None);
    };
    let (config, error) = crate::config::load_config(&path);
    let Some(e) = error else {
        return (config, None);
    };
    eprintln!("kanbao: config ignored, using defaults: {e}");
    (config, Some(format!("{} (config ignored)", e.short())))
}

pub fn open_archive(path: Option<&std::path::Path>) -> Result<Archive, CliError> {
    let opts = LoadOptions {
        cache: index::archive_cache(),
        ..Default::default()
    };
    match path {
        Some(p) => Ok(loader::load_path(p, &opts)?),
        None => Ok(loader::load_sample(&opts)),
    }
}

fn ambiguous(cli_value: Option<u8>, config: &Config) -> AmbiguousWidth {
    cli_value
        .or(config.ambiguous_width)
        .and_then(AmbiguousWidth::from_columns)
        .unwrap_or_default()
}

/// Where review marks of this archive live, and its key for reading state.
/// The archive and, unless `original` asks for the parsed text, its reviews.
fn open_reviewed(path: Option<PathBuf>, original: bool) -> Result<(Archive, ReviewFile), CliError> {
    let archive = open_archive(path.as_deref())?;
    let reviews = match original {
        true => ReviewFile::default(),
        false => reviews_of(path.as_deref()),
    };
    Ok((structured(archive, &reviews), reviews))
}

fn structured(mut archive: Archive, reviews: &ReviewFile) -> Archive {
    structure_applied(&mut archive, reviews);
    archive
}

/// The archive with the review's structural corrections applied; those
/// whose lines changed are said on stderr and applied nowhere.
fn structure_applied(
    archive: &mut Archive,
    reviews: &ReviewFile,
) -> crate::review::structure::StructureReport {
    let report = crate::review::structure::apply_read(archive, &reviews.structure);
    say_stale(&report, reviews);
    report
}

/// Says on stderr the structural corrections of `reviews` that `report`
/// found stale.
fn say_stale(report: &crate::review::structure::StructureReport, reviews: &ReviewFile) {
    for (o, c) in report.outcomes.iter().zip(&reviews.structure) {
        if let Some(why) = &o.stale {
            eprintln!(
                "kanbao: stale correction ({}, {}): {}",
                c.place(),
                c.describe(),
                clean(why)
            );
        }
    }
}

/// The archive's reviews, for output that shows corrections. A file that
/// cannot be read is reported and the output goes on without it.
fn reviews_of(path: Option<&std::path::Path>) -> ReviewFile {
    match load_reviews_here(path) {
        Ok((_, loaded)) => loaded.value,
        Err(e) => {
            eprintln!("kanbao: review file not read, corrections not applied: {e}");
            ReviewFile::default()
        }
    }
}

/// The archive's reviews: this user's file, with the team's beneath it when
/// this user's marks go elsewhere; what was wrong with either is said on
/// stderr. Returns the file this user's changes go to, and the reviews.
fn load_reviews_here(
    path: Option<&std::path::Path>,
) -> Result<(PathBuf, crate::store::Loaded<ReviewFile>), crate::store::StoreError> {
    let (_, file) = review_place(path);
    let team = crate::review::team_review_path(path, &file);
    let (loaded, team_problem) = crate::review::load_with_team(&file, team.as_deref())?;
    if let Some(r) = &loaded.recovered {
        eprintln!("kanbao: review file: {r}");
    }
    if let Some(e) = team_problem {
        eprintln!("kanbao: the team's review file is not shown: {e}");
    }
    Ok((file, loaded))
}

fn review_place(path: Option<&std::path::Path>) -> (String, PathBuf) {
    let key = state::archive_key(path);
    let review_path = crate::review::review_path(path, &key);
    (key, review_path)
}

pub fn run(cli: Cli) -> Result<i32, CliError> {
    if let Some(Command::Config { default, path }) = &cli.command {
        return config::run(*default, *path);
    }
    // Made by clap_complete and clap_mangen from the same definition as the
    // parser, so they cannot drift from it.
    if let Some(Command::Completions { shell }) = &cli.command {
        let mut cmd = <Cli as clap::CommandFactory>::command();
        clap_complete::generate(*shell, &mut cmd, "kanbao", &mut std::io::stdout());
        return Ok(0);
    }
    if let Some(Command::Man) = &cli.command {
        let cmd = <Cli as clap::CommandFactory>::command();
        clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
        return Ok(0);
    }
    index::set_use_index(!cli.no_index);
    let (config, config_message) = load_config();
    let amb = ambiguous(cli.ambiguous_width, &config);
    let mut out = std::io::stdout().lock();
    match cli.command {
        None => {
            drop(out);
            crate::tui::set_mouse(config.mouse && !cli.no_mouse);
            let path = ArchiveArgs { path: cli.path }.path(&config);
            // `auto` (None): the reader asks the terminal.
            let amb = cli
                .ambiguous_width
                .or(config.ambiguous_width)
                .and_then(AmbiguousWidth::from_columns);
            reader::run(path, amb, &config, config_message)?;
            Ok(0)
        }
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => {
            unreachable!("handled above")
        }
        Some(Command::Search {
            query,
            archive,
            dates,
            limit,
            body,
            json,
            original,
        }) => {
            let path = archive.path(&config);
            // As grep and fzf: 1 when nothing matches, so scripts can test it.
            let exit = |found: usize| if found == 0 { 1 } else { 0 };
            let ask = search::Ask {
                query: &query,
                limit,
                body,
                json,
                pinyin: config.pinyin,
                among: None,
                total: None,
                keep_index: None,
            };
            if !body && let Some((cache, at)) = skeleton_place(path.as_deref()) {
                let found = headline_search(&mut out, cache, at, &dates, original, ask)?;
                return Ok(exit(found));
            }
            let reviews = match original {
                true => ReviewFile::default(),
                false => reviews_of(path.as_deref()),
            };
            let whole = dates.from.is_none() && dates.to.is_none();
            // Plain body searches answer from the full-text index, reading
            // only the issues of the hits shown.
            if body
                && let Some((cache, at)) = skeleton_place(path.as_deref())
                && let Some(found) =
                    body_from_index::body_search(&mut out, cache, at, &reviews, &dates, ask)?
            {
                return Ok(exit(found));
            }
            let loaded = structured(open_archive(path.as_deref())?, &reviews);
            // The full-text index holds the archive as parsed, article by
            // article in order: with a date window or structural
            // corrections the places differ, and the search scans.
            let plain = whole && reviews.structure.is_empty();
            let loaded = dates.keep(loaded, &reviews);
            let among = match body && plain {
                true => index::body_candidates(path.as_deref(), &loaded, &reviews, &query),
                false => None,
            };
            let archive = reviews.correct(loaded);
            let ask = search::Ask {
                among: among.as_deref(),
                ..ask
            };
            let found = search::run(&mut out, &archive, ask)?;
            Ok(exit(found))
        }
        Some(Command::Review { command }) => {
            crate::store::on_lock_wait(|w| eprintln!("kanbao: {w}"));
            review::run(&mut out, command, &config)
        }
        Some(Command::List {
            archive,
            dates,
            json,
        }) => {
            // Dates as reviewed, as the reader, show and export give them.
            let (listing, reviews) = open_listing(archive.path(&config))?;
            let listing = dates.keep_listing(listing, &reviews);
            list::run(&mut out, &listing, &reviews, json)?;
            Ok(0)
        }
        Some(Command::Show {
            id,
            archive,
            width,
            json,
            original,
            source,
        }) => {
            let (archive, reviews) =
                from_skeleton::archive_for_article(archive.path(&config), original, &id)?;
            let archive = reviews.correct(archive);
            if source {
                show::run_source(&mut out, &archive, &id, json)?;
                return Ok(0);
            }
            let width = width.map_or_else(terminal_width, usize::from);
            show::run(&mut out, &archive, &id, width, json, amb)?;
            Ok(0)
        }
        Some(Command::Export {
            id,
            archive,
            dates,
            format,
            original,
        }) => {
            // `kanbao export PATH` as before: a lone word that names a file
            // or folder is the archive, not an id.
            let (id, archive) = match (id, archive.path) {
                (Some(word), None) if std::path::Path::new(&word).exists() => (
                    None,
                    ArchiveArgs {
                        path: Some(PathBuf::from(word)),
                    },
                ),
                (id, path) => (id, ArchiveArgs { path }),
            };
            export::run(
                &mut out,
                archive.path(&config),
                id.as_deref(),
                &dates,
                format,
                original,
            )?;
            Ok(0)
        }
        Some(Command::Index {
            archive,
            clear,
            prune,
            watch,
        }) => {
            drop(out);
            if prune {
                return index::prune();
            }
            let named = archive.path.is_some();
            index::run(
                archive.path(&config),
                clear && !named,
                clear,
                watch,
                config.pinyin,
            )
        }
        Some(Command::Check {
            archive,
            json,
            against: Some(gold),
            only,
            min_recall,
            min_precision,
        }) => {
            let archive = open_archive(archive.path(&config).as_deref())?;
            let floors = check::Floors {
                recall: min_recall,
                precision: min_precision,
            };
            let met = check::against(&mut out, &archive, &gold, &only, floors, json)?;
            Ok(if met { 0 } else { 1 })
        }
        Some(Command::Check { archive, json, .. }) => {
            check::run(&mut out, archive.path(&config).as_deref(), json)
        }
    }
}

/// Unreadable files and an empty archive are said once on stderr.
fn report_load_problems(archive: &Archive) {
    report_problems(&archive.root, &archive.errors, archive.issues.is_empty());
}

/// Unreadable files, and an archive (`root`) of no issues.
fn report_problems(root: &str, errors: &[crate::model::FileError], no_issues: bool) {
    for e in errors {
        eprintln!("kanbao: {}: {}", clean(&e.source), clean(&e.message));
    }
    if no_issues {
        eprintln!(
            "kanbao: {}: no issues found (kanbao reads *.txt files)",
            clean(root)
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

/// Pretty JSON and a newline: what every `--json` prints.
fn print_json(out: &mut impl Write, v: &serde_json::Value) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(v).expect("a Value serializes")
    )
}
