//! `kanbao review split | merge | role | move | undo`: structural
//! corrections (see [`crate::review::structure`]), made against the archive
//! as already corrected, refused (exit 2, nothing written) when they would
//! change nothing, recorded with the same guarantees as every review mark.

use super::*;
use crate::review::structure::{
    self, Correction, FileLines, Outcome, Structural, Toward, file_lines, line_ref, relative_source,
};
use crate::source_view::Role;

/// What a structural verb reads of the archive beside the issues a
/// structural correction already changes: the issue of an article it
/// names, and the issues with a page from the file its place names
/// (`FILE` of `FILE:LINE`).
#[derive(Clone, Copy, Default)]
struct Names<'a> {
    article: Option<&'a str>,
    file: Option<&'a str>,
}

/// The archive as corrected now, where its review file is, and whether
/// only the issues `names` bear on were read (alone, when the skeleton
/// stands for the archive: at 100k issues `review merge` loaded every
/// parse, 26 s and 6.2 GB).
fn corrected(
    path: Option<&std::path::Path>,
    names: Names,
) -> Result<(Archive, PathBuf, bool), CliError> {
    let (_, reviews) = load_reviews_here(path).map_err(|e| CliError::Other(e.to_string()))?;
    let alone = match super::from_skeleton::skeleton_place(path) {
        Some((cache, at)) if names.article.is_some() || names.file.is_some() => {
            super::from_skeleton::issues_for(cache, at, names.article, names.file, &reviews.value)
        }
        _ => None,
    };
    let read_alone = alone.is_some();
    let mut archive = match alone {
        Some(archive) => archive,
        None => open_archive(path)?,
    };
    structure::apply_read(&mut archive, &reviews.value.structure);
    let (_, file) = review_place(path);
    Ok((archive, file, read_alone))
}

fn lines_of(archive: &Archive, source: &str) -> Result<FileLines, CliError> {
    crate::source_view::read_source(&archive.root, source)
        .map(|t| file_lines(&t))
        .map_err(|e| CliError::Other(e.to_string()))
}

/// The page file and first line of article `id`.
fn article_place(archive: &Archive, id: &str) -> Result<(String, u32), CliError> {
    let (issue, article) = archive
        .article(id)
        .ok_or_else(|| CliError::NoSuchArticle(id.to_string()))?;
    let page = issue.page_of(&article.id).expect("the article's page");
    Ok((page.source.clone(), article.lines.first))
}

/// `FILE:LINE` or `FILE:FIRST-LAST`: the page's source (as `check` prints
/// it, relative to the archive, or its file name alone) and the lines.
fn parse_place(archive: &Archive, place: &str) -> Result<(String, u32, u32), CliError> {
    let bad = || {
        CliError::Usage(format!(
            "{}: give FILE:LINE or FILE:FIRST-LAST",
            crate::decode::clean(place)
        ))
    };
    let (file, lines) = place.rsplit_once(':').ok_or_else(bad)?;
    let (a, b) = lines.split_once('-').unwrap_or((lines, lines));
    let (a, b): (u32, u32) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
    let sources = archive
        .issues
        .iter()
        .flat_map(|i| i.pages.iter().map(|p| p.source.as_str()));
    let mut found = sources_named(&archive.root, sources, file);
    found.dedup();
    match found[..] {
        [one] => Ok((one.to_string(), a.min(b), a.max(b))),
        [] => Err(CliError::Usage(format!(
            "no page file {} in the archive (`kanbao check` lists them)",
            crate::decode::clean(file)
        ))),
        _ => Err(CliError::Usage(format!(
            "{} names several page files: give its path",
            crate::decode::clean(file)
        ))),
    }
}

/// The page sources among `sources` (as the loader names them, the
/// archive's root `root`) that `file` names: its path, or its path in the
/// archive; else, when none is, its file name alone.
pub(super) fn sources_named<'s>(
    root: &str,
    sources: impl Iterator<Item = &'s str> + Clone,
    file: &str,
) -> Vec<&'s str> {
    let found: Vec<&str> = sources
        .clone()
        .filter(|s| *s == file || relative_source(root, s) == file)
        .collect();
    if !found.is_empty() {
        return found;
    }
    sources
        .filter(|s| crate::score::file_name(s) == file)
        .collect()
}

fn role_arg(role: &str) -> Result<Role, CliError> {
    role.parse::<Role>()
        .map_err(|e| CliError::Usage(e.to_string()))
}

fn reference(lines: &FileLines, source: &str, n: u32) -> Result<structure::LineRef, CliError> {
    line_ref(lines, n).ok_or_else(|| {
        CliError::Usage(format!(
            "{}:{n}: no such line, or a blank one",
            crate::intake::display_name(source)
        ))
    })
}

pub(super) fn run(
    out: &mut impl Write,
    command: ReviewCommand,
    cfg: &Config,
) -> Result<i32, CliError> {
    let (archive_args, json) = match &command {
        ReviewCommand::Split { archive, json, .. }
        | ReviewCommand::Merge { archive, json, .. }
        | ReviewCommand::Role { archive, json, .. }
        | ReviewCommand::Move { archive, json, .. }
        | ReviewCommand::Undo { archive, json } => (archive.path.clone(), *json),
        _ => unreachable!("only structural verbs come here"),
    };
    let path = ArchiveArgs { path: archive_args }.path(cfg);
    let by = crate::review::current_user();
    // Undo needs the review file only.
    if let ReviewCommand::Undo { .. } = command {
        let file = review_place(path.as_deref()).1;
        let (taken, recovered) = crate::review::undo_structural(&file, None, by.as_deref())
            .map_err(|e| CliError::Other(e.to_string()))?;
        if let Some(r) = recovered {
            eprintln!("kanbao: review file: {r}");
        }
        if json {
            print_json(out, &serde_json::json!({ "undone": taken }))?;
        } else {
            match &taken {
                Some(c) => writeln!(out, "undone: {} ({})", c.describe(), c.place())?,
                None => writeln!(out, "no structural correction of yours to undo")?,
            }
        }
        return Ok(0);
    }
    // What the verb names: its article, and its place's file (which may
    // be named by its file name alone: the issues of every page file so
    // named are read).
    let names = match &command {
        ReviewCommand::Split { id, .. } | ReviewCommand::Merge { id, .. } => Names {
            article: Some(id.as_str()),
            file: None,
        },
        ReviewCommand::Role { place, .. } => Names {
            article: None,
            file: file_of(place),
        },
        ReviewCommand::Move { place, id, .. } => Names {
            article: Some(id.as_str()),
            file: file_of(place),
        },
        _ => Names::default(),
    };
    let (mut archive, file, read_alone) = corrected(path.as_deref(), names)?;
    // A verb refused on the issues read alone is refused as the archive
    // loaded refuses it (an article on another page file than the place
    // is not among them).
    let (source, correction) = match correction_of(&archive, &command) {
        Err(_) if read_alone => {
            archive = corrected(path.as_deref(), Names::default())?.0;
            correction_of(&archive, &command)?
        }
        made => made?,
    };
    let relative = relative_source(&archive.root, &source);
    let made = Structural::new(relative, correction, by, crate::store::unix_now());
    // Tried first on the archive as corrected: one that changes nothing is
    // refused, not recorded.
    let mut trial = archive.clone();
    let outcome = structure::apply_read(&mut trial, std::slice::from_ref(&made))
        .outcomes
        .pop()
        .expect("one outcome per correction");
    if let Some(why) = &outcome.stale {
        return Err(CliError::Usage(format!(
            "{}: not recorded: {}",
            made.place(),
            crate::decode::clean(why)
        )));
    }
    let recovered = crate::review::add_structural(&file, made.clone())
        .map_err(|e| CliError::Other(e.to_string()))?;
    if let Some(r) = recovered {
        eprintln!("kanbao: review file: {r}");
    }
    report(out, &made, &outcome, &file, json)?;
    Ok(0)
}

/// The file of a place (`FILE` of `FILE:LINE`).
fn file_of(place: &str) -> Option<&str> {
    place.rsplit_once(':').map(|(file, _)| file)
}

/// The page file and the correction that `command` makes on `archive`
/// (as corrected now).
fn correction_of(
    archive: &Archive,
    command: &ReviewCommand,
) -> Result<(String, Correction), CliError> {
    Ok(match command {
        ReviewCommand::Split {
            id, at_line, role, ..
        } => {
            let (source, _) = article_place(archive, id)?;
            let lines = lines_of(archive, &source)?;
            let role = role.as_deref().map(role_arg).transpose()?;
            let at = reference(&lines, &source, *at_line)?;
            (source, Correction::Split { at, role })
        }
        ReviewCommand::Merge { id, into, .. } => {
            let (source, first) = article_place(archive, id)?;
            let lines = lines_of(archive, &source)?;
            let into = match into {
                MergeInto::Previous => Toward::Previous,
                MergeInto::Next => Toward::Next,
            };
            let line = reference(&lines, &source, first)?;
            (source, Correction::Merge { line, into })
        }
        ReviewCommand::Role { place, role, .. } => {
            let (source, n, _) = parse_place(archive, place)?;
            let lines = lines_of(archive, &source)?;
            let role = role_arg(role)?;
            let line = reference(&lines, &source, n)?;
            (source, Correction::SetRole { line, role })
        }
        ReviewCommand::Move { place, id, .. } => {
            let (source, a, b) = parse_place(archive, place)?;
            let (target, first) = article_place(archive, id)?;
            if target != source {
                return Err(CliError::Usage(format!(
                    "{id} is on another page file than {}",
                    crate::decode::clean(place)
                )));
            }
            let lines = lines_of(archive, &source)?;
            let (first_line, last) = (
                reference(&lines, &source, a)?,
                reference(&lines, &source, b)?,
            );
            let into = reference(&lines, &source, first)?;
            (
                source,
                Correction::Move {
                    first: first_line,
                    last,
                    into,
                },
            )
        }
        _ => unreachable!("only structural verbs come here"),
    })
}

fn report(
    out: &mut impl Write,
    made: &Structural,
    outcome: &Outcome,
    file: &std::path::Path,
    json: bool,
) -> Result<(), CliError> {
    if json {
        let v = serde_json::json!({
            "correction": made,
            "created": outcome.created,
            "retired": outcome.retired,
            "file": file.display().to_string(),
        });
        print_json(out, &v)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}\t{}\t{}",
        made.place(),
        made.describe(),
        file.display()
    )?;
    for id in &outcome.created {
        writeln!(out, "  new article {}", clean(id))?;
    }
    for id in &outcome.retired {
        writeln!(out, "  retired {}", clean(id))?;
    }
    Ok(())
}
