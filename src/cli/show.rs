//! `kanbao show ID`: one article laid out for the terminal.

use super::*;
use crate::reading::LineKind;

pub(super) fn run(
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
    let ctx = crate::reading::context(issue, article);
    if json {
        let v = serde_json::json!({
            "issue": issue.id,
            "page": ctx.page,
            "article": crate::export::article_json(article),
        });
        print_json(out, &v)?;
        return Ok(());
    }
    let color = color_enabled();
    for line in crate::reading::lay_out(article, &ctx, width, amb) {
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
