//! `kanbao export [ID]`: the whole archive, or one issue or article, as
//! JSON, Markdown, text, headlines or search documents.

use super::from_skeleton::IssueSink;
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
    // The whole archive is written a few issues at a time, read alone
    // from the skeleton when it stands for the archive.
    if id.is_none() {
        let reviews = match original {
            true => ReviewFile::default(),
            false => reviews_of(path.as_deref()),
        };
        let mut sink = Sink::new(&mut *out, format, &reviews);
        if super::from_skeleton::each_issue_read(path.as_deref(), &reviews, dates, &mut sink)? {
            return Ok(());
        }
    }
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
    let mut archive = match id {
        Some(id) => only(archive, id).ok_or_else(|| CliError::NoSuchArticle(id.to_string()))?,
        None => archive,
    };
    // Written as the pass over the skeleton writes it, the archive one
    // batch.
    let mut sink = Sink::new(out, format, &reviews);
    sink.begin(&archive.root)?;
    let errors = std::mem::take(&mut archive.errors);
    sink.batch(archive)?;
    sink.finish(&errors)
}

/// The text of `archive` with `reviews` applied, made by `text_of` a few
/// issues at a time so that it is never held whole.
fn write_text(
    out: &mut impl Write,
    archive: Archive,
    text_of: fn(&Archive) -> String,
    reviews: &ReviewFile,
) -> Result<(), CliError> {
    let mut issues = archive.issues.into_iter();
    loop {
        let batch = Archive {
            issues: issues
                .by_ref()
                .take(super::from_skeleton::ISSUES_AT_A_TIME)
                .collect(),
            ..Default::default()
        };
        if batch.issues.is_empty() {
            return Ok(());
        }
        out.write_all(text_of(&reviews.correct(batch)).as_bytes())?;
    }
}

/// Where the whole archive's issues go, a few at a time, in a format.
struct Sink<'a, W: Write> {
    writing: Writing<'a, W>,
    reviews: &'a ReviewFile,
}

enum Writing<'a, W: Write> {
    Text(&'a mut W, fn(&Archive) -> String),
    /// JSON, before the archive's root is known.
    JsonUnstarted(&'a mut W),
    Json(crate::export::JsonWriter<&'a mut W>),
    Finished,
}

impl<'a, W: Write> Sink<'a, W> {
    fn new(out: &'a mut W, format: Format, reviews: &'a ReviewFile) -> Self {
        let writing = match text_maker(format) {
            Some(text_of) => Writing::Text(out, text_of),
            None => Writing::JsonUnstarted(out),
        };
        Sink { writing, reviews }
    }

    /// Before the first issue: JSON's object opened, for the archive at
    /// `root`.
    fn begin(&mut self, root: &str) -> Result<(), CliError> {
        self.writing = match std::mem::replace(&mut self.writing, Writing::Finished) {
            Writing::JsonUnstarted(out) => {
                Writing::Json(crate::export::JsonWriter::start(out, root)?)
            }
            other => other,
        };
        Ok(())
    }
}

impl<W: Write> IssueSink for Sink<'_, W> {
    fn start(
        &mut self,
        root: &str,
        errors: &[crate::model::FileError],
        issues: usize,
    ) -> Result<(), CliError> {
        report_problems(root, errors, issues == 0);
        self.begin(root)
    }

    fn batch(&mut self, issues: Archive) -> Result<(), CliError> {
        match &mut self.writing {
            Writing::Text(out, text_of) => write_text(*out, issues, *text_of, self.reviews),
            Writing::Json(json) => {
                for issue in &issues.issues {
                    json.issue(&crate::export::issue_json_reviewed(issue, self.reviews))?;
                }
                Ok(())
            }
            Writing::JsonUnstarted(_) | Writing::Finished => Ok(()),
        }
    }

    fn finish(&mut self, errors: &[crate::model::FileError]) -> Result<(), CliError> {
        if let Writing::Json(json) = std::mem::replace(&mut self.writing, Writing::Finished) {
            json.finish(errors)?;
        }
        Ok(())
    }
}

/// What makes the text of a few issues (reviews applied) in `format`:
/// every format but JSON, which [`crate::export::JsonWriter`] writes an
/// issue at a time.
fn text_maker(format: Format) -> Option<fn(&Archive) -> String> {
    match format {
        Format::Md => Some(crate::export::markdown),
        Format::Txt => Some(crate::export::plain_text),
        Format::Headlines => Some(crate::export::headlines),
        Format::Ndjson => Some(crate::export::ndjson),
        Format::Json => None,
    }
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
