//! `kanbao export [ID]`: the whole archive, or one issue or article, as
//! JSON, Markdown, text, headlines or search documents.

use super::*;

/// The whole archive in one format, titles as corrected in review unless
/// `original` asks for the parsed ones (JSON carries each review too).
pub(super) fn run(
    out: &mut impl Write,
    path: Option<PathBuf>,
    id: Option<&str>,
    dates: &DateArgs,
    format: Format,
    original: bool,
) -> Result<(), CliError> {
    let (archive, reviews) = match id {
        // One issue or article: that issue alone, read from its files
        // when the index stands for the archive.
        Some(id) if dates.from.is_none() && dates.to.is_none() => {
            super::from_skeleton::archive_for_article(path, original, id)?
        }
        _ => open_reviewed(path, original)?,
    };
    let archive = dates.keep(archive, &reviews);
    report_load_problems(&archive);
    let archive = match id {
        Some(id) => only(archive, id).ok_or_else(|| CliError::NoSuchArticle(id.to_string()))?,
        None => archive,
    };
    let text = match format {
        Format::Json => {
            let json = crate::export::archive_json_reviewed(&archive, &reviews);
            serde_json::to_string_pretty(&json).expect("export JSON serializes") + "\n"
        }
        Format::Md => crate::export::markdown(&reviews.correct(archive)),
        Format::Txt => crate::export::plain_text(&reviews.correct(archive)),
        Format::Headlines => crate::export::headlines(&reviews.correct(archive)),
        Format::Ndjson => crate::export::ndjson(&reviews.correct(archive)),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// The archive cut down to the issue `id` names, or to the one article it
/// names (in its issue, on its page); `None` when it names neither.
fn only(mut archive: Archive, id: &str) -> Option<Archive> {
    let at = archive
        .issues
        .iter()
        .position(|i| i.id == id || i.articles().any(|a| a.id == id))?;
    let mut issue = archive.issues.swap_remove(at);
    if issue.id != id {
        for page in &mut issue.pages {
            page.articles.retain(|a| a.id == id);
        }
        issue.pages.retain(|p| !p.articles.is_empty());
    }
    archive.issues = vec![issue];
    Some(archive)
}
