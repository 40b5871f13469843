//! An article laid out for reading at a given width: the lines the reader
//! shows and `kanbao show` prints. Pure: styling is decided by the caller from
//! each line's [`LineKind`].

use crate::decode::clean;
use crate::layout::{AmbiguousWidth, str_width, wrap_cjk};
use crate::model::{Article, ArticleKind, BlockKind, Issue, same_page};

/// What a laid-out line is, so the shell can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    Section,
    Kicker,
    Headline,
    Subheadline,
    Byline,
    /// Page and jump notes: `A1版 · 3/8`, `下转A2版 → 2021-01-10/A2/1`.
    Note,
    Blank,
    Body,
    Subhead,
    Caption,
    /// A paragraph the scan printed twice, shown folded.
    Repeated,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadLine {
    pub kind: LineKind,
    pub text: String,
    /// For body lines: the block index and the byte offset in that block's
    /// text where this line's text starts (after `indent` bytes of indent),
    /// so search matches can be highlighted on the right line.
    pub source: Option<(usize, usize)>,
    pub indent: usize,
}

impl ReadLine {
    fn plain(kind: LineKind, text: String) -> ReadLine {
        ReadLine {
            kind,
            text,
            source: None,
            indent: 0,
        }
    }
}

/// Everything around the article that the layout shows.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// `A1`
    pub page: String,
    /// 1-based place in the issue and the issue's article count.
    pub position: (usize, usize),
    /// Where a `下转` jump lands, when that article is in the archive.
    pub continues_in: Option<String>,
    pub continued_from_id: Option<String>,
    /// When the article is a repeat: the original's id.
    pub duplicate_of: Option<String>,
    /// (kicker, headline) to show instead of the parsed ones (a correction).
    pub titles: Option<(Option<String>, String)>,
    /// Extra notes for the note line (review status, a review note).
    pub notes: Vec<String>,
}

/// The paragraph indent: two ideographic spaces.
pub const INDENT: &str = "\u{3000}\u{3000}";

fn wrap_into(
    out: &mut Vec<ReadLine>,
    kind: LineKind,
    text: &str,
    width: usize,
    amb: AmbiguousWidth,
) {
    for l in wrap_cjk(text, width, amb) {
        out.push(ReadLine::plain(kind, text[l.range].to_string()));
    }
}

/// Lays out one article at `width` columns.
pub fn lay_out(a: &Article, ctx: &Context, width: usize, amb: AmbiguousWidth) -> Vec<ReadLine> {
    let width = width.max(4);
    let mut out = Vec::new();
    if let Some(s) = &a.section {
        wrap_into(
            &mut out,
            LineKind::Section,
            &format!("【{}】", clean(&s.text)),
            width,
            amb,
        );
    }
    let (kicker, title) = match &ctx.titles {
        Some((k, h)) => (k.clone(), h.clone()),
        None => (a.kicker.as_ref().map(|k| k.text.clone()), a.title()),
    };
    if let Some(k) = &kicker {
        wrap_into(&mut out, LineKind::Kicker, &clean(k), width, amb);
    }
    let title = clean(&title).into_owned();
    let title = if a.untitled() && ctx.titles.is_none() {
        format!("（无标题）{title}")
    } else {
        title
    };
    wrap_into(&mut out, LineKind::Headline, &title, width, amb);
    for s in &a.subheadlines {
        wrap_into(&mut out, LineKind::Subheadline, &clean(&s.text), width, amb);
    }
    // The dateline opens the first paragraph, as printed; the byline gets
    // a line of its own.
    let by = crate::export::byline_text(a);
    if !by.is_empty() {
        wrap_into(&mut out, LineKind::Byline, &clean(&by), width, amb);
    }
    let mut notes = vec![format!(
        "{}版 · {}/{}",
        ctx.page, ctx.position.0, ctx.position.1
    )];
    if let Some(from) = &a.continued_from {
        notes.push(match &ctx.continued_from_id {
            Some(id) => format!("上接{from}版 ← {id}"),
            None => format!("上接{from}版（起始部分不在档案中）"),
        });
    }
    if let Some(d) = &ctx.duplicate_of {
        notes.push(format!("重复刊印，原文 {d}"));
    }
    wrap_into(
        &mut out,
        LineKind::Note,
        &clean(&notes.join("  ")),
        width,
        amb,
    );
    // Review notes each on a line of their own.
    for note in &ctx.notes {
        wrap_into(&mut out, LineKind::Note, &clean(note), width, amb);
    }
    out.push(ReadLine::plain(LineKind::Blank, String::new()));

    for (bi, b) in a.body.iter().enumerate() {
        let text = clean(&b.text);
        if b.repeated {
            let preview = crate::layout::truncate(&text, width.saturating_sub(8), amb);
            out.push(ReadLine {
                kind: LineKind::Repeated,
                text: format!("（重复）{preview}"),
                source: Some((bi, 0)),
                indent: 0,
            });
            continue;
        }
        match b.kind {
            BlockKind::Subhead => {
                if out.last().is_some_and(|l| l.kind != LineKind::Blank) {
                    out.push(ReadLine::plain(LineKind::Blank, String::new()));
                }
                for l in wrap_cjk(&text, width, amb) {
                    out.push(ReadLine {
                        kind: LineKind::Subhead,
                        text: text[l.range.clone()].to_string(),
                        source: Some((bi, l.range.start)),
                        indent: 0,
                    });
                }
            }
            BlockKind::Paragraph => {
                // Wrap with the indent in place so the first line is shorter.
                let indented = format!("{INDENT}{text}");
                for l in wrap_cjk(&indented, width, amb) {
                    let (indent, offset) = if l.range.start == 0 {
                        (INDENT.len().min(l.range.len()), 0)
                    } else {
                        (0, l.range.start.saturating_sub(INDENT.len()))
                    };
                    out.push(ReadLine {
                        kind: LineKind::Body,
                        text: indented[l.range.clone()].to_string(),
                        source: Some((bi, offset)),
                        indent,
                    });
                }
            }
        }
    }
    for c in &a.captions {
        out.push(ReadLine::plain(LineKind::Blank, String::new()));
        wrap_into(
            &mut out,
            LineKind::Caption,
            &format!("图：{}", clean(&c.text)),
            width,
            amb,
        );
    }
    if a.continued_to.is_some() || a.see_also.is_some() {
        out.push(ReadLine::plain(LineKind::Blank, String::new()));
    }
    if let Some(to) = &a.continued_to {
        let note = match &ctx.continues_in {
            Some(id) => format!("下转{to}版 → {id}"),
            None => format!("下转{to}版（不在档案中）"),
        };
        wrap_into(&mut out, LineKind::Note, &note, width, amb);
    }
    if let Some(see) = &a.see_also {
        wrap_into(
            &mut out,
            LineKind::Note,
            &format!("详见{see}版"),
            width,
            amb,
        );
    }
    debug_assert!(out.iter().all(|l| str_width(&l.text, amb) <= width));
    out
}

/// Resolves the article's place and jumps within its issue.
pub fn context(issue: &Issue, article: &Article) -> Context {
    let page_of = |a: &Article| {
        issue
            .pages
            .iter()
            .find(|p| p.articles.iter().any(|x| std::ptr::eq(x, a)))
            .map(|p| p.label.clone())
            .unwrap_or_default()
    };
    let page = page_of(article);
    let position = issue
        .articles()
        .position(|x| std::ptr::eq(x, article))
        .map_or(0, |i| i + 1);
    let continues_in = article.continued_to.as_ref().and_then(|to| {
        issue
            .pages
            .iter()
            .filter(|p| same_page(&p.label, to))
            .flat_map(|p| p.articles.iter())
            .find(|x| {
                x.continued_from
                    .as_deref()
                    .is_some_and(|f| same_page(f, &page))
            })
            .map(|x| x.id.clone())
    });
    let continued_from_id = article.continued_from.as_ref().and_then(|from| {
        issue
            .pages
            .iter()
            .filter(|p| same_page(&p.label, from))
            .flat_map(|p| p.articles.iter())
            .find(|x| {
                x.kind != ArticleKind::Continuation
                    && x.continued_to
                        .as_deref()
                        .is_some_and(|t| same_page(t, &page))
            })
            .map(|x| x.id.clone())
    });
    Context {
        page,
        position: (position, issue.article_count()),
        continues_in,
        continued_from_id,
        duplicate_of: article.duplicate_of.clone(),
        titles: None,
        notes: Vec::new(),
    }
}
