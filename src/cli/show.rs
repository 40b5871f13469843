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
            "paper": issue.paper,
            "date": issue.date.map(|d| d.to_string()),
            "page": ctx.page,
            "article": crate::export::article_json(article),
        });
        print_json(out, &v)?;
        return Ok(());
    }
    let color = color_enabled();
    // Where it was printed, first: paper, date, page, and the id to quote.
    let mut place: Vec<String> = Vec::new();
    place.extend(issue.paper.as_deref().map(clean).map(|p| p.into_owned()));
    place.extend(issue.date.map(|d| d.to_string()));
    place.push(format!("{}版", clean(&ctx.page)));
    place.push(clean(&article.id).into_owned());
    let (dim, off) = if color {
        ("\x1b[2m", "\x1b[0m")
    } else {
        ("", "")
    };
    // Within the width asked for: the parts go on as few lines as fit.
    let mut line = String::new();
    for part in place {
        let joined = if line.is_empty() {
            part.clone()
        } else {
            format!("{line} · {part}")
        };
        if !line.is_empty() && crate::layout::str_width(&joined, amb) > width {
            writeln!(out, "{dim}{line}{off}")?;
            line = part;
        } else {
            line = joined;
        }
    }
    writeln!(out, "{dim}{line}{off}\n")?;
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

/// `kanbao show ID --source`: the page's original lines around the article
/// (see [`crate::source_view`]), as text or JSON.
pub(super) fn run_source(
    out: &mut impl Write,
    archive: &Archive,
    id: &str,
    json: bool,
) -> Result<(), CliError> {
    let (issue, article) = archive
        .article(id)
        .ok_or_else(|| CliError::NoSuchArticle(id.to_string()))?;
    let page = issue
        .page_of(&article.id)
        .map_or_else(|| issue.source(), |p| p.source.as_str());
    let text = crate::source_view::read_source(&archive.root, page)
        .map_err(|e| CliError::Other(e.to_string()))?;
    let view = crate::source_view::source_view(issue, article, &text);
    if json {
        print_json(
            out,
            &serde_json::to_value(&view).map_err(|e| CliError::Other(e.to_string()))?,
        )?;
        return Ok(());
    }
    writeln!(out, "{}", clean(&view.source))?;
    for line in crate::source_view::plain_lines(&view) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
