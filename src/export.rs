//! The parsed archive as JSON, Markdown, plain text or one headline per line.
//!
//! The JSON shape is a public interface (scripts depend on it; the README
//! documents it), so it is built from dedicated structs rather than by
//! serializing the internal model.

use crate::decode::clean;
use crate::model::{Archive, Article, BlockKind, FileError, Issue, Span};
use crate::review::{Applied, ReviewFile};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Serialize)]
pub struct ArchiveJson<'a> {
    pub root: &'a str,
    pub issues: Vec<IssueJson<'a>>,
    pub errors: Vec<ErrorJson<'a>>,
}

#[derive(Serialize)]
pub struct ErrorJson<'a> {
    pub source: &'a str,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct IssueJson<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub sources: Vec<&'a str>,
    pub paper: Option<&'a str>,
    pub date: Option<String>,
    pub date_source: Option<&'static str>,
    /// False when the year could not be decided (the date reads `--MM-DD`).
    pub year_known: bool,
    pub number: Option<u32>,
    pub page_count: Option<u32>,
    pub pages: Vec<PageJson<'a>>,
    pub fragments: Vec<FragmentJson<'a>>,
    pub warnings: Vec<WarningJson<'a>>,
    /// The date an archivist set (`kanbao review`, `D` in the reader).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_date: Option<String>,
}

#[derive(Serialize)]
pub struct PageJson<'a> {
    pub label: &'a str,
    pub source: &'a str,
    pub articles: Vec<ArticleJson<'a>>,
}

#[derive(Serialize)]
pub struct BlockJson<'a> {
    pub kind: &'static str,
    pub text: &'a str,
    pub lines: [u32; 2],
    pub repeated: bool,
}

#[derive(Serialize)]
pub struct ArticleJson<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub section: Option<&'a str>,
    pub kicker: Option<&'a str>,
    pub headline: Option<&'a str>,
    /// The headline, or for an untitled article its first sentence.
    pub title: String,
    pub subheadlines: Vec<&'a str>,
    pub untitled: bool,
    pub reporters: &'a [String],
    pub correspondents: &'a [String],
    pub interns: &'a [String],
    /// Names signed with no role word (a commentary's, an essay's writer).
    pub writers: &'a [String],
    pub agency: Option<&'a str>,
    pub dateline: Option<&'a str>,
    /// Body text in reading order (paragraphs and in-body subheads).
    pub paragraphs: Vec<&'a str>,
    /// The same blocks with their kind, source lines and repeat mark.
    pub blocks: Vec<BlockJson<'a>>,
    pub captions: Vec<&'a str>,
    pub continued_to: Option<&'a str>,
    pub continued_from: Option<&'a str>,
    pub see_also: Option<&'a str>,
    pub duplicate_of: Option<&'a str>,
    pub lines: [u32; 2],
    /// The archive's review of this article, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewJson<'a>>,
}

/// An article's review entry: status, note and corrected titles. `stale`
/// entries were made against other text and are not applied anywhere.
#[derive(Serialize)]
pub struct ReviewJson<'a> {
    pub status: &'static str,
    pub note: Option<&'a str>,
    pub kicker: Option<&'a str>,
    pub headline: Option<&'a str>,
    pub stale: bool,
}

#[derive(Serialize)]
pub struct FragmentJson<'a> {
    pub source: &'a str,
    pub text: &'a str,
    pub lines: [u32; 2],
}

#[derive(Serialize)]
pub struct WarningJson<'a> {
    pub source: &'a str,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: &'a str,
}

fn span(s: Span) -> [u32; 2] {
    [s.first, s.last]
}

pub fn article_json(a: &Article) -> ArticleJson<'_> {
    ArticleJson {
        id: &a.id,
        kind: a.kind.as_str(),
        section: a.section.as_ref().map(|t| t.text.as_str()),
        kicker: a.kicker.as_ref().map(|t| t.text.as_str()),
        headline: a.headline.as_ref().map(|t| t.text.as_str()),
        title: a.title(),
        subheadlines: a.subheadlines.iter().map(|t| t.text.as_str()).collect(),
        untitled: a.untitled(),
        reporters: &a.byline.reporters,
        correspondents: &a.byline.correspondents,
        interns: &a.byline.interns,
        writers: &a.byline.writers,
        agency: a.byline.agency.as_deref(),
        dateline: a.dateline.as_deref(),
        paragraphs: a.body.iter().map(|b| b.text.as_str()).collect(),
        blocks: a
            .body
            .iter()
            .map(|b| BlockJson {
                kind: match b.kind {
                    BlockKind::Paragraph => "paragraph",
                    BlockKind::Subhead => "subhead",
                },
                text: &b.text,
                lines: span(b.lines),
                repeated: b.repeated,
            })
            .collect(),
        captions: a.captions.iter().map(|t| t.text.as_str()).collect(),
        continued_to: a.continued_to.as_deref(),
        continued_from: a.continued_from.as_deref(),
        see_also: a.see_also.as_deref(),
        duplicate_of: a.duplicate_of.as_deref(),
        lines: span(a.lines),
        review: None,
    }
}

pub fn issue_json(i: &Issue) -> IssueJson<'_> {
    IssueJson {
        id: &i.id,
        source: i.source(),
        sources: i.sources.iter().map(|s| s.path.as_str()).collect(),
        paper: i.paper.as_deref(),
        date: i.date.map(|d| d.to_string()),
        date_source: i.date_source.map(|s| s.as_str()),
        year_known: i.date.is_some_and(|d| d.year.is_some()),
        number: i.number,
        page_count: i.page_count,
        pages: i
            .pages
            .iter()
            .map(|p| PageJson {
                label: &p.label,
                source: &p.source,
                articles: p.articles.iter().map(article_json).collect(),
            })
            .collect(),
        fragments: i
            .fragments
            .iter()
            .map(|f| FragmentJson {
                source: &f.source,
                text: &f.text,
                lines: span(f.lines),
            })
            .collect(),
        warnings: i
            .warnings
            .iter()
            .map(|w| WarningJson {
                source: &w.source,
                line: w.line,
                column: w.column,
                message: &w.message,
            })
            .collect(),
        corrected_date: None,
    }
}

pub fn archive_json(a: &Archive) -> ArchiveJson<'_> {
    ArchiveJson {
        root: &a.root,
        issues: a.issues.iter().map(issue_json).collect(),
        errors: errors_json(&a.errors),
    }
}

/// The files an archive could not read, as its JSON lists them.
pub fn errors_json(errors: &[FileError]) -> Vec<ErrorJson<'_>> {
    errors
        .iter()
        .map(|e| ErrorJson {
            source: &e.source,
            message: &e.message,
        })
        .collect()
}

/// [`archive_json`] with the archive's reviews: each reviewed article gets
/// its `review`, each issue whose date was corrected its `corrected_date`.
/// The parsed fields stay as parsed.
pub fn archive_json_reviewed<'a>(a: &'a Archive, reviews: &'a ReviewFile) -> ArchiveJson<'a> {
    ArchiveJson {
        root: &a.root,
        issues: a
            .issues
            .iter()
            .map(|i| issue_json_reviewed(i, reviews))
            .collect(),
        errors: errors_json(&a.errors),
    }
}

/// [`issue_json`] with the archive's reviews (see [`archive_json_reviewed`]).
pub fn issue_json_reviewed<'a>(issue: &'a Issue, reviews: &'a ReviewFile) -> IssueJson<'a> {
    let mut ij = issue_json(issue);
    ij.corrected_date = reviews.issue_date(&issue.id).map(|d| d.to_string());
    for (page, pj) in issue.pages.iter().zip(&mut ij.pages) {
        for (article, aj) in page.articles.iter().zip(&mut pj.articles) {
            let (entry, stale) = match reviews.lookup(article) {
                Applied::Fresh(e) => (e, false),
                Applied::Stale(e) => (e, true),
                Applied::None => continue,
            };
            aj.review = Some(ReviewJson {
                status: entry.status.as_str(),
                note: entry.note.as_deref(),
                kicker: entry.kicker.as_deref(),
                headline: entry.headline.as_deref(),
                stale,
            });
        }
    }
    ij
}

/// `kicker headline`, or the title of an untitled article: one line, clean.
pub fn headline_line(a: &Article) -> String {
    let mut s = String::new();
    if let Some(k) = &a.kicker {
        s.push_str(&k.text);
        s.push(' ');
    }
    s.push_str(&a.title());
    clean(&s).into_owned()
}

/// One line per article (kicker and headline), for piping into other tools.
pub fn headlines(archive: &Archive) -> String {
    let mut out = String::new();
    for issue in &archive.issues {
        for a in issue.articles() {
            // The id first: a line picked in fzf goes straight to `show`
            // (`cut -f1`).
            out.push_str(&a.id);
            out.push('\t');
            out.push_str(&headline_line(a));
            out.push('\n');
        }
    }
    out
}

/// `新华社 · 记者 王小明 · 通讯员 李四`
pub fn byline_text(a: &Article) -> String {
    let mut parts = Vec::new();
    if let Some(ag) = &a.byline.agency {
        parts.push(ag.clone());
    }
    if !a.byline.writers.is_empty() {
        parts.push(a.byline.writers.join(" "));
    }
    if !a.byline.reporters.is_empty() {
        parts.push(format!("记者 {}", a.byline.reporters.join(" ")));
    }
    if !a.byline.correspondents.is_empty() {
        parts.push(format!("通讯员 {}", a.byline.correspondents.join(" ")));
    }
    if !a.byline.interns.is_empty() {
        parts.push(format!("实习生 {}", a.byline.interns.join(" ")));
    }
    parts.join(" · ")
}

fn issue_heading(i: &Issue) -> String {
    let mut h = String::new();
    if let Some(p) = &i.paper {
        h.push_str(p);
        h.push(' ');
    }
    match i.date {
        Some(d) => h.push_str(&d.to_string()),
        None => h.push_str(&i.id),
    }
    if let Some(n) = i.number {
        let _ = write!(h, " 第{n}期");
    }
    clean(&h).into_owned()
}

/// Markdown: an issue per `#`, an article per `##`.
pub fn markdown(archive: &Archive) -> String {
    let mut out = String::new();
    for issue in &archive.issues {
        let _ = writeln!(out, "# {}\n", issue_heading(issue));
        for page in &issue.pages {
            for a in &page.articles {
                if let Some(k) = &a.kicker {
                    let _ = writeln!(out, "*{}*\n", clean(&k.text));
                }
                let title = clean(&a.title()).into_owned();
                let untitled = if a.untitled() { " (untitled)" } else { "" };
                let _ = writeln!(out, "## {title}{untitled}\n");
                for s in &a.subheadlines {
                    let _ = writeln!(out, "### {}\n", clean(&s.text));
                }
                let mut meta = vec![format!("`{}`", a.id), format!("page {}", page.label)];
                let by = byline_text(a);
                if !by.is_empty() {
                    meta.push(by);
                }
                if let Some(d) = &a.duplicate_of {
                    meta.push(format!("printed twice: see `{d}`"));
                }
                let _ = writeln!(out, "{}\n", clean(&meta.join(" · ")));
                for b in &a.body {
                    let text = clean(&b.text);
                    match (b.kind, b.repeated) {
                        (_, true) => {
                            let _ = writeln!(out, "> (repeated) {text}\n");
                        }
                        (BlockKind::Subhead, _) => {
                            let _ = writeln!(out, "**{text}**\n");
                        }
                        (BlockKind::Paragraph, _) => {
                            let _ = writeln!(out, "{text}\n");
                        }
                    }
                }
                for c in &a.captions {
                    let _ = writeln!(out, "*图：{}*\n", clean(&c.text));
                }
                if let Some(to) = &a.continued_to {
                    let _ = writeln!(out, "*(continued on {})*\n", clean(to));
                }
            }
        }
    }
    out
}

/// Plain text, one article after another.
pub fn plain_text(archive: &Archive) -> String {
    let mut out = String::new();
    for issue in &archive.issues {
        let _ = writeln!(out, "{}\n{}\n", issue_heading(issue), "=".repeat(40));
        for a in issue.articles() {
            out.push_str(&article_text(a));
            out.push('\n');
        }
    }
    out
}

/// One article as plain text, unwrapped.
pub fn article_text(a: &Article) -> String {
    let mut out = String::new();
    if let Some(s) = &a.section {
        let _ = writeln!(out, "[{}]", clean(&s.text));
    }
    if let Some(k) = &a.kicker {
        let _ = writeln!(out, "{}", clean(&k.text));
    }
    let _ = writeln!(out, "{}", clean(&a.title()));
    for s in &a.subheadlines {
        let _ = writeln!(out, "{}", clean(&s.text));
    }
    let by = byline_text(a);
    if !by.is_empty() {
        let _ = writeln!(out, "{}", clean(&by));
    }
    out.push('\n');
    for b in &a.body {
        let _ = writeln!(out, "　　{}", clean(&b.text));
    }
    out
}

/// One article as a search engine's document (`export --format ndjson`):
/// flat, one JSON object per line, no field an engine reserves (`_id`…).
/// `key` is the article id with every byte other than `A-Z a-z 0-9 -`
/// written `_XX` (hex; `_` itself too): unique, and a valid document id
/// for Meilisearch (which refuses `/`), Elasticsearch, OpenSearch and
/// Quickwit alike. `date` is a full `YYYY-MM-DD` or null (an engine's date
/// type refuses a date without its year); `date_text` says what is known.
#[derive(Serialize)]
pub struct SearchDocJson<'a> {
    pub key: String,
    pub id: &'a str,
    pub issue: &'a str,
    pub paper: Option<&'a str>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub page: &'a str,
    pub source: &'a str,
    pub kind: &'a str,
    pub kicker: Option<&'a str>,
    pub headline: Option<&'a str>,
    pub title: String,
    pub subheadlines: Vec<&'a str>,
    pub reporters: &'a [String],
    pub agency: Option<&'a str>,
    pub dateline: Option<&'a str>,
    /// The body's blocks, separated by blank lines.
    pub text: String,
    pub captions: Vec<&'a str>,
    pub duplicate_of: Option<&'a str>,
    pub lines: [u32; 2],
}

/// The id as a document key every engine accepts (see [`SearchDocJson`]).
pub fn search_key(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 8);
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02X}"));
        }
    }
    out
}

/// Every article of the archive as one line of JSON ([`SearchDocJson`]).
pub fn ndjson(archive: &Archive) -> String {
    let mut out = String::new();
    for issue in &archive.issues {
        for page in &issue.pages {
            for a in &page.articles {
                let doc = SearchDocJson {
                    key: search_key(&a.id),
                    id: &a.id,
                    issue: &issue.id,
                    paper: issue.paper.as_deref(),
                    date: issue
                        .date
                        .filter(|d| d.year.is_some())
                        .map(|d| d.to_string()),
                    date_text: issue.date.map(|d| d.to_string()),
                    page: &page.label,
                    source: &page.source,
                    kind: a.kind.as_str(),
                    kicker: a.kicker.as_ref().map(|t| t.text.as_str()),
                    headline: a.headline.as_ref().map(|t| t.text.as_str()),
                    title: a.title(),
                    subheadlines: a.subheadlines.iter().map(|t| t.text.as_str()).collect(),
                    reporters: &a.byline.reporters,
                    agency: a.byline.agency.as_deref(),
                    dateline: a.dateline.as_deref(),
                    text: a
                        .body
                        .iter()
                        .map(|b| b.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                    captions: a.captions.iter().map(|t| t.text.as_str()).collect(),
                    duplicate_of: a.duplicate_of.as_deref(),
                    lines: span(a.lines),
                };
                out.push_str(&serde_json::to_string(&doc).expect("a document serializes"));
                out.push('\n');
            }
        }
    }
    out
}

/// An archive's JSON ([`ArchiveJson`], pretty) written an issue at a time,
/// the same bytes as `serde_json::to_writer_pretty` writes of it whole, so
/// that exporting an archive of any size never holds its JSON (at 100k
/// generated issues, exporting the archive loaded as JSON peaked at 10 GB;
/// a few issues at a time, 172 MB).
pub struct JsonWriter<W: std::io::Write> {
    out: W,
    issues: usize,
}

impl<W: std::io::Write> JsonWriter<W> {
    /// Starts the archive's object, for the archive at `root`.
    pub fn start(mut out: W, root: &str) -> std::io::Result<Self> {
        write!(out, "{{\n  \"root\": ")?;
        serde_json::to_writer(&mut out, root)?;
        write!(out, ",\n  \"issues\": [")?;
        Ok(JsonWriter { out, issues: 0 })
    }

    /// The next issue.
    pub fn issue(&mut self, issue: &IssueJson) -> std::io::Result<()> {
        let sep = if self.issues == 0 { "" } else { "," };
        write!(self.out, "{sep}\n    ")?;
        self.issues += 1;
        nested(&mut self.out, issue, "    ")
    }

    /// Ends the object with the files the archive could not read.
    pub fn finish(mut self, errors: &[FileError]) -> std::io::Result<()> {
        let close = if self.issues == 0 { "]" } else { "\n  ]" };
        write!(self.out, "{close},\n  \"errors\": ")?;
        nested(&mut self.out, &errors_json(errors), "  ")?;
        writeln!(self.out, "\n}}")
    }
}

/// `value`'s pretty JSON as it stands nested at `indent`: serde_json's
/// pretty JSON keeps a string's line breaks escaped, so every line break
/// in it starts a line to indent. Written at once: standard output writes
/// each line it is handed apart (at 100k issues, exporting the JSON line
/// by line took 89 s, an issue at a time 28 s).
pub fn nested(
    out: &mut impl std::io::Write,
    value: &impl Serialize,
    indent: &str,
) -> std::io::Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    out.write_all(json.replace('\n', &format!("\n{indent}")).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`JsonWriter`] writes of `archive`, an issue at a time.
    fn written(archive: &Archive, reviews: &ReviewFile) -> String {
        let mut out = Vec::new();
        let mut json = JsonWriter::start(&mut out, &archive.root).unwrap();
        for issue in &archive.issues {
            json.issue(&issue_json_reviewed(issue, reviews)).unwrap();
        }
        json.finish(&archive.errors).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_json_written_an_issue_at_a_time_is_the_json_of_the_whole() {
        let mut archive = crate::loader::load_sample(&Default::default());
        archive.errors.push(FileError {
            source: "a/\"b\".txt".into(),
            message: "bad\nbytes".into(),
        });
        let reviews = ReviewFile::default();
        let whole = |a: &Archive| {
            serde_json::to_string_pretty(&archive_json_reviewed(a, &reviews)).unwrap() + "\n"
        };
        assert!(archive.issues.len() > 1);
        assert_eq!(written(&archive, &reviews), whole(&archive));
        archive.issues.truncate(1);
        assert_eq!(written(&archive, &reviews), whole(&archive));
        archive.issues.clear();
        archive.errors.clear();
        assert_eq!(written(&archive, &reviews), whole(&archive));
    }
}
