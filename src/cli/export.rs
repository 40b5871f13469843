//! `kanbao export`: the whole archive as JSON, Markdown, text or headlines.

use super::*;

/// The whole archive in one format, titles as corrected in review unless
/// `original` asks for the parsed ones (JSON carries each review too).
pub(super) fn run(
    out: &mut impl Write,
    path: Option<PathBuf>,
    format: Format,
    original: bool,
) -> Result<(), CliError> {
    let (archive, reviews) = open_reviewed(path, original)?;
    report_load_problems(&archive);
    let text = match format {
        Format::Json => {
            let json = crate::export::archive_json_reviewed(&archive, &reviews);
            serde_json::to_string_pretty(&json).expect("export JSON serializes") + "\n"
        }
        Format::Md => crate::export::markdown(&reviews.corrected(&archive)),
        Format::Txt => crate::export::plain_text(&reviews.corrected(&archive)),
        Format::Headlines => crate::export::headlines(&reviews.corrected(&archive)),
        Format::Ndjson => crate::export::ndjson(&reviews.corrected(&archive)),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
