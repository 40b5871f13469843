//! The source view: a page's original lines with their numbers, each with
//! the role the parser gave it (masthead, headline, body, fragment…) and
//! the article that took it, so a misplaced line is seen where it is.
//!
//! Pure: the lines' text is handed in (see [`read_source`] for where it
//! comes from); the roles come from the model's spans, placed as
//! [`crate::check`] places them — a line named by an element's first or last
//! line wins over one an element only spans across (a paragraph joined over
//! a column break spans lines of its neighbours).

use crate::model::{Article, Issue, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// What a source line was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Masthead,
    Section,
    Kicker,
    Headline,
    Subheadline,
    Byline,
    Dateline,
    Body,
    Subhead,
    Caption,
    Jump,
    Fragment,
    /// A block or article the page printed twice.
    Duplicate,
}

impl Role {
    pub const ALL: [Role; 13] = [
        Role::Masthead,
        Role::Section,
        Role::Kicker,
        Role::Headline,
        Role::Subheadline,
        Role::Byline,
        Role::Dateline,
        Role::Body,
        Role::Subhead,
        Role::Caption,
        Role::Jump,
        Role::Fragment,
        Role::Duplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Masthead => "masthead",
            Role::Section => "section",
            Role::Kicker => "kicker",
            Role::Headline => "headline",
            Role::Subheadline => "subheadline",
            Role::Byline => "byline",
            Role::Dateline => "dateline",
            Role::Body => "body",
            Role::Subhead => "subhead",
            Role::Caption => "caption",
            Role::Jump => "jump",
            Role::Fragment => "fragment",
            Role::Duplicate => "duplicate",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown line role {0:?}: expected one of masthead, section, kicker, headline, subheadline, byline, dateline, body, subhead, caption, jump, fragment, duplicate"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}

/// Who took a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "id")]
pub enum Owner {
    Masthead,
    /// An article, by id.
    Article(String),
    Fragment,
    /// Nobody: a blank line, or a line the parser lost (`kanbao check`).
    None,
}

/// One line of the page as printed, with what the parser made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    /// 1-based, as in `kanbao check` and the warnings.
    pub number: u32,
    pub text: String,
    pub role: Option<Role>,
    pub owner: Owner,
    /// The line belongs to the article the view is for.
    pub current: bool,
}

/// A page's source file seen from one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceView {
    pub source: String,
    pub article: String,
    pub lines: Vec<SourceLine>,
}

impl SourceView {
    /// The index in `lines` of the article's first line.
    pub fn first_current(&self) -> Option<usize> {
        self.lines.iter().position(|l| l.current)
    }
}

/// Every element of an article with the role its lines play.
fn article_roles(a: &Article) -> Vec<(Span, Role)> {
    let mut out = Vec::new();
    out.extend(a.section.iter().map(|t| (t.lines, Role::Section)));
    out.extend(a.kicker.iter().map(|t| (t.lines, Role::Kicker)));
    out.extend(a.headline.iter().map(|t| (t.lines, Role::Headline)));
    out.extend(a.subheadlines.iter().map(|t| (t.lines, Role::Subheadline)));
    out.extend(a.byline.lines.iter().map(|t| (t.lines, Role::Byline)));
    for b in &a.body {
        let role = match b.kind {
            _ if b.repeated => Role::Duplicate,
            crate::model::BlockKind::Subhead => Role::Subhead,
            crate::model::BlockKind::Paragraph => Role::Body,
        };
        out.push((b.lines, role));
    }
    // The dateline opens the first paragraph (wire copy's may close the
    // last): that line is shown as the dateline.
    if let Some(d) = a.dateline.as_deref().filter(|d| !d.is_empty()) {
        let head: String = d.chars().take(4).collect();
        let (first, last) = (a.body.first(), a.body.last());
        if let Some(b) = first.filter(|b| b.text.starts_with(&head)) {
            out.push((Span::line(b.lines.first), Role::Dateline));
        } else if let Some(b) = last.filter(|b| b.text.contains(d)) {
            out.push((Span::line(b.lines.last), Role::Dateline));
        }
    }
    out.extend(a.captions.iter().map(|t| (t.lines, Role::Caption)));
    out.extend(a.jumps.iter().map(|t| (t.lines, Role::Jump)));
    if a.duplicate_of.is_some() {
        for (_, role) in &mut out {
            *role = Role::Duplicate;
        }
    }
    out
}

/// Claim strength: a line an element names (its first or last line, or
/// a one-line element) over one it spans across; a later, more specific
/// claim (the dateline within the first paragraph) over an earlier one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Across,
    Named,
    Specific,
}

/// Line → (role, owner) for the lines of `source` in `issue`.
pub fn line_roles(issue: &Issue, source: &str) -> HashMap<u32, (Role, Owner)> {
    let mut map: HashMap<u32, (Role, Owner, Strength)> = HashMap::new();
    let mut claim = |span: Span, role: Role, owner: &Owner, specific: bool| {
        for line in span.first..=span.last {
            let strength = if specific {
                Strength::Specific
            } else if line == span.first || line == span.last {
                Strength::Named
            } else {
                Strength::Across
            };
            let slot = map.get(&line);
            // Within one owner the later (finer) claim wins at equal
            // strength; across owners the first named claim is kept.
            let take = match slot {
                None => true,
                Some((_, o, s)) => strength > *s || (strength == *s && o == owner),
            };
            if take {
                map.insert(line, (role, owner.clone(), strength));
            }
        }
    };
    for page in issue.pages.iter().filter(|p| p.source == source) {
        for s in &page.masthead_lines {
            claim(*s, Role::Masthead, &Owner::Masthead, false);
        }
        for a in &page.articles {
            let owner = Owner::Article(a.id.clone());
            for (span, role) in article_roles(a) {
                let specific = role == Role::Dateline && span.first == span.last;
                claim(span, role, &owner, specific);
            }
        }
    }
    for f in issue.fragments.iter().filter(|f| f.source == source) {
        // A fragment's own claim wins over a paragraph spanning across it.
        claim(f.lines, Role::Fragment, &Owner::Fragment, true);
    }
    map.into_iter()
        .map(|(line, (role, owner, _))| (line, (role, owner)))
        .collect()
}

/// The source view of `article` (of `issue`), whose page was read from
/// `text` (the decoded file, as [`read_source`] gives it).
pub fn source_view(issue: &Issue, article: &Article, text: &str) -> SourceView {
    let source = issue
        .page_of(&article.id)
        .map(|p| p.source.clone())
        .unwrap_or_else(|| issue.source().to_string());
    let roles = line_roles(issue, &source);
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let number = i as u32 + 1;
            // A blank line inside a paragraph's span is nobody's.
            let (role, owner) = match roles.get(&number) {
                Some((r, o)) if !raw.trim().is_empty() => (Some(*r), o.clone()),
                _ => (None, Owner::None),
            };
            let current = owner == Owner::Article(article.id.clone());
            SourceLine {
                number,
                text: crate::intake::clean(raw.trim_end_matches('\r')),
                role,
                owner,
                current,
            }
        })
        .collect::<Vec<_>>();
    // A final newline ends the last line; it starts no line of its own.
    let mut lines = lines;
    if lines.len() > 1
        && lines
            .last()
            .is_some_and(|l| l.text.is_empty() && l.role.is_none())
    {
        lines.pop();
    }
    SourceView {
        source,
        article: article.id.clone(),
        lines,
    }
}

/// How a line's owner is named in the margin: an article by its page and
/// number (`A1/3`), the masthead and the fragments by a sign.
pub fn owner_label(owner: &Owner) -> String {
    match owner {
        Owner::Article(id) => {
            let mut parts = id.rsplitn(3, '/');
            let n = parts.next().unwrap_or("");
            match parts.next() {
                Some(page) => format!("{page}/{n}"),
                None => n.to_string(),
            }
        }
        Owner::Masthead => "·".into(),
        Owner::Fragment => "?".into(),
        Owner::None => String::new(),
    }
}

/// The view as plain lines for `kanbao show --source`: a `>` before the
/// article's own lines, the line number, the role and the owner, the text.
pub fn plain_lines(view: &SourceView) -> Vec<String> {
    let digits = view.lines.last().map_or(1, |l| l.number.to_string().len());
    view.lines
        .iter()
        .map(|l| {
            let mark = if l.current { '>' } else { ' ' };
            let role = l.role.map_or("", Role::as_str);
            let owner = owner_label(&l.owner);
            format!(
                "{mark} {:>digits$}  {role:<11} {owner:<8} {}",
                l.number, l.text
            )
            .trim_end()
            .to_string()
        })
        .collect()
}

/// Why a page's source could not be read for the view.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{file}: {reason}")]
    Unreadable { file: String, reason: String },
}

/// The decoded text of `source` (a page's [`crate::model::Page::source`])
/// in the archive named `root`: the embedded sample's own bytes, or the
/// file as the loader read it (decoded and sanitized the same way, so the
/// line numbers agree).
pub fn read_source(root: &str, source: &str) -> Result<String, SourceError> {
    let unreadable = |reason: String| SourceError::Unreadable {
        file: crate::intake::display_name(source),
        reason,
    };
    let bytes = if root == crate::loader::SAMPLE_ROOT {
        crate::loader::SAMPLE_FILES
            .iter()
            .find(|(n, _)| crate::intake::display_name(n) == source)
            .map(|(_, b)| b.to_vec())
            .ok_or_else(|| unreadable("not in the sample archive".into()))?
    } else {
        crate::intake::read_file(std::path::Path::new(source), crate::intake::PAGE_LIMIT)
            .map_err(|e| unreadable(e.to_string()))?
    };
    if crate::decode::looks_binary(&bytes) {
        return Err(unreadable("not text".into()));
    }
    Ok(crate::decode::decode(&bytes).text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{LoadOptions, load_texts};

    const PAGE: &str = "晨光日报\n\
        2021年3月4日 星期四\n\
        \n\
        河边新建一座桥\n\
        记者 王小明\n\
        本报讯 3月3日，河边的新桥通车了。\n\
        居民说方便多了。\n\
        \n\
        3\n\
        \n\
        公园花开\n\
        记者 李四\n\
        本报讯 春天到了，公园里的花都开了。\n";

    fn archive() -> crate::model::Archive {
        load_texts("t", &[("p.txt", PAGE.as_bytes())], &LoadOptions::default())
    }

    #[test]
    fn every_placed_line_has_a_role_and_the_article_is_marked() {
        let archive = archive();
        let issue = &archive.issues[0];
        let first = issue.articles().next().expect("an article");
        let view = source_view(issue, first, PAGE);
        assert_eq!(view.lines.len(), PAGE.lines().count());
        let coverage = crate::check::issue_coverage(issue);
        // Every line the check places has a role here, and no blank line does.
        for l in &view.lines {
            assert_eq!(
                l.role.is_some(),
                !l.text.trim().is_empty(),
                "line {}",
                l.number
            );
        }
        assert_eq!(coverage[0].coverage, 1.0);
        let headline = first.headline.as_ref().unwrap().lines.first;
        let line = &view.lines[headline as usize - 1];
        assert_eq!(line.role, Some(Role::Headline));
        assert!(line.current);
        // The neighbour's lines are shown, not marked as this article's.
        assert!(
            view.lines
                .iter()
                .any(|l| !l.current && matches!(l.owner, Owner::Article(_)))
        );
        assert_eq!(view.first_current(), Some(headline as usize - 1));
    }

    #[test]
    fn roles_read_back_from_their_names() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        assert!("title".parse::<Role>().is_err());
    }

    #[test]
    fn plain_lines_mark_the_article_and_name_the_owner() {
        let archive = archive();
        let issue = &archive.issues[0];
        let first = issue.articles().next().unwrap();
        let lines = plain_lines(&source_view(issue, first, PAGE));
        let headline = lines.iter().find(|l| l.contains("河边新建一座桥")).unwrap();
        assert!(headline.starts_with('>'), "{headline}");
        assert!(headline.contains("headline"), "{headline}");
        let other = lines.iter().find(|l| l.contains("公园花开")).unwrap();
        assert!(other.starts_with(' '), "{other}");
    }

    #[test]
    fn owner_labels_drop_the_issue() {
        assert_eq!(
            owner_label(&Owner::Article("2021-03-04/A1/2".into())),
            "A1/2"
        );
        assert_eq!(owner_label(&Owner::Fragment), "?");
    }

    #[test]
    fn the_sample_archive_reads_its_own_sources() {
        let archive = crate::loader::load_sample(&LoadOptions::default());
        let issue = &archive.issues[0];
        let text = read_source(&archive.root, &issue.pages[0].source).expect("sample source");
        let a = &issue.pages[0].articles[0];
        let view = source_view(issue, a, &text);
        assert!(view.lines.iter().any(|l| l.current));
        assert!(read_source(&archive.root, "nothing.txt").is_err());
    }
}
