//! The parsed archive: issue → page → article, plus what could not be placed.
//!
//! Every element keeps the 1-based, inclusive source line span it came from, so
//! `kanbao check` can prove that no source line was lost and a review entry can
//! fingerprint exactly the lines it was made against.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An inclusive, 1-based range of source lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub first: u32,
    pub last: u32,
}

impl Span {
    pub fn line(n: u32) -> Span {
        Span { first: n, last: n }
    }
    pub fn new(first: u32, last: u32) -> Span {
        Span {
            first: first.min(last),
            last: first.max(last),
        }
    }
    /// The smallest span holding both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
        }
    }
}

/// A calendar date whose year may be unknown (inferred from "11月27日" alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IssueDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl IssueDate {
    pub fn ymd(year: i32, month: u32, day: u32) -> IssueDate {
        IssueDate {
            year: Some(year),
            month,
            day,
        }
    }

    /// Parses `YYYY-MM-DD`, or `--MM-DD` (ISO 8601 for a date with no year).
    pub fn parse(s: &str) -> Option<IssueDate> {
        let s = s.trim();
        let (year, rest) = if let Some(rest) = s.strip_prefix("--") {
            (None, rest)
        } else {
            let (y, rest) = s.split_once('-')?;
            if y.len() != 4 {
                return None;
            }
            (Some(y.parse().ok()?), rest)
        };
        let (m, d) = rest.split_once('-')?;
        let date = IssueDate {
            year,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        date.is_valid().then_some(date)
    }

    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year.unwrap_or(2000), self.month)
    }

    /// The next calendar day; the year rolls over on 31 December when known.
    pub fn next_day(self) -> IssueDate {
        let dim = days_in_month(self.year.unwrap_or(2001), self.month);
        if self.day < dim {
            IssueDate {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            IssueDate {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            IssueDate {
                year: self.year.map(|y| y + 1),
                month: 1,
                day: 1,
            }
        }
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for IssueDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

/// Where an issue's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    Masthead,
    Sidecar,
    Inferred,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Masthead => "masthead",
            DateSource::Sidecar => "sidecar",
            DateSource::Inferred => "inferred",
        }
    }
}

/// A page label's sort and comparison key: its letters, then its number
/// (`A1` < `A2` < `A10` < `B1`; `01` is `1`, as a jump marker `下转第1版`
/// names the folio `第01版`; a spread `2-3` is its first page).
pub fn page_key(label: &str) -> (&str, u32) {
    let digits_at = label
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(label.len());
    let (letters, rest) = label.split_at(digits_at);
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    (letters, rest[..end].parse().unwrap_or(0))
}

/// Do two page labels name the same page (`01` and `1`, `A03` and `A3`)?
pub fn same_page(a: &str, b: &str) -> bool {
    a == b || page_key(a) == page_key(b)
}

/// The block of a front page that names the paper and the day (never an article).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Masthead {
    pub paper: Option<String>,
    pub page_label: Option<String>,
    /// The page's name in its folio (`第01版：要闻` → 要闻).
    #[serde(default)]
    pub page_name: Option<String>,
    pub date: Option<IssueDate>,
    pub weekday: Option<String>,
    pub lunar: Option<String>,
    pub number: Option<u32>,
    pub page_count: Option<u32>,
    pub weather: Option<String>,
    pub lines: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    Article,
    Notice,
    Promo,
    Continuation,
}

impl ArticleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::Article => "article",
            ArticleKind::Notice => "notice",
            ArticleKind::Promo => "promo",
            ArticleKind::Continuation => "continuation",
        }
    }
}

/// One line of text from the page with the lines it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub text: String,
    pub lines: Span,
}

/// What the body of an article is made of, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    /// An in-body subhead: 【分类标准】 or a short title line inside a long article.
    Subhead,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Every source line this block was joined from (column breaks join lines).
    pub lines: Span,
    /// Set when this block repeats an earlier block of the same article word for
    /// word (the scan printed it twice): shown collapsed, never deleted.
    pub repeated: bool,
}

/// Who wrote it: reporters (记者), correspondents (通讯员), interns (实习生),
/// writers who sign with their name alone (a commentary's or an essay's
/// signature), agency (新华社).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    pub reporters: Vec<String>,
    pub correspondents: Vec<String>,
    pub interns: Vec<String>,
    #[serde(default)]
    pub writers: Vec<String>,
    pub agency: Option<String>,
    /// The byline lines as printed, when the byline stood on lines of its own.
    pub lines: Vec<Text>,
}

impl Byline {
    pub fn is_empty(&self) -> bool {
        self.reporters.is_empty()
            && self.correspondents.is_empty()
            && self.interns.is_empty()
            && self.writers.is_empty()
            && self.agency.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// `ISSUE/PAGE/N`, stable across runs of the same archive.
    pub id: String,
    pub kind: ArticleKind,
    pub section: Option<Text>,
    pub kicker: Option<Text>,
    pub headline: Option<Text>,
    pub subheadlines: Vec<Text>,
    pub byline: Byline,
    /// `株洲日报讯 1月6日` / `新华社北京1月9日电`: where and when it was filed.
    pub dateline: Option<String>,
    pub body: Vec<Block>,
    pub captions: Vec<Text>,
    /// Jump markers as printed ("下转A2版"), kept as their own lines.
    pub jumps: Vec<Text>,
    pub continued_to: Option<String>,
    pub continued_from: Option<String>,
    pub see_also: Option<String>,
    /// Id of the article this one repeats, when the page printed it twice.
    pub duplicate_of: Option<String>,
    pub lines: Span,
}

impl Article {
    /// True when no headline was printed (or the scan lost it).
    pub fn untitled(&self) -> bool {
        self.headline.is_none()
    }

    /// What lists and search show: the headline, or for an untitled article
    /// its first sentence.
    pub fn title(&self) -> String {
        if let Some(h) = &self.headline {
            return h.text.clone();
        }
        let first = self.body.first().map(|b| b.text.as_str()).unwrap_or("");
        first_sentence(first, 40)
    }

    /// Every line span this article claims, for coverage accounting.
    pub fn spans(&self) -> Vec<Span> {
        let mut out = Vec::new();
        out.extend(self.section.iter().map(|t| t.lines));
        out.extend(self.kicker.iter().map(|t| t.lines));
        out.extend(self.headline.iter().map(|t| t.lines));
        out.extend(self.subheadlines.iter().map(|t| t.lines));
        out.extend(self.byline.lines.iter().map(|t| t.lines));
        out.extend(self.body.iter().map(|b| b.lines));
        out.extend(self.captions.iter().map(|t| t.lines));
        out.extend(self.jumps.iter().map(|t| t.lines));
        out
    }

    /// Character count of the body, for lists and statistics.
    pub fn body_chars(&self) -> usize {
        self.body.iter().map(|b| b.text.chars().count()).sum()
    }
}

/// The first sentence of `text`, cut at `max` characters with an ellipsis.
pub fn first_sentence(text: &str, max: usize) -> String {
    let end = text
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?' | '；'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.chars().count() > max {
        let cut: String = sentence.chars().take(max).collect();
        format!("{cut}…")
    } else {
        sentence.to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub label: String,
    /// The file this page was read from, as found under the archive root.
    pub source: String,
    pub articles: Vec<Article>,
    /// Source lines this page's masthead or folio took (the issue keeps
    /// one masthead; every page's lines are accounted for).
    #[serde(default)]
    pub masthead_lines: Vec<Span>,
}

/// Text the parser could not place; kept so that nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    pub source: String,
    pub text: String,
    pub lines: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub source: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |n: Option<u32>| n.map(|n| n as usize);
        let place = crate::located::Located::new(&self.source, at(self.line), at(self.column));
        write!(f, "{place}: {}", self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// The date (`2021-01-10`) when it is known and unique in the archive,
    /// else the date or file stem with the stem appended.
    pub id: String,
    pub paper: Option<String>,
    pub date: Option<IssueDate>,
    pub date_source: Option<DateSource>,
    pub number: Option<u32>,
    pub page_count: Option<u32>,
    pub masthead: Option<Masthead>,
    pub pages: Vec<Page>,
    pub fragments: Vec<Fragment>,
    pub warnings: Vec<Warning>,
    /// Per source file: the non-blank line numbers, so coverage can be proved.
    pub sources: Vec<SourceFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: String,
    pub bytes: u64,
    pub nonblank_lines: Vec<u32>,
}

impl Issue {
    /// The articles in reading order, as (page, index on the page, is a
    /// repeat): page by page, each repeat right under its original, and a
    /// repeat whose original is missing at the end. Linear in the articles
    /// (looking for each original's repeats among all articles took minutes
    /// on a page of 200,000 short lines).
    pub fn reading_order(&self) -> Vec<(usize, usize, bool)> {
        use std::collections::HashMap;
        let mut repeats: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (p, page) in self.pages.iter().enumerate() {
            for (i, a) in page.articles.iter().enumerate() {
                if let Some(original) = &a.duplicate_of {
                    repeats.entry(original.as_str()).or_default().push((p, i));
                }
            }
        }
        let mut placed: Vec<Vec<bool>> = self
            .pages
            .iter()
            .map(|p| vec![false; p.articles.len()])
            .collect();
        let mut order = Vec::new();
        for (p, page) in self.pages.iter().enumerate() {
            for (i, a) in page.articles.iter().enumerate() {
                if a.duplicate_of.is_some() {
                    continue;
                }
                order.push((p, i, false));
                for &(q, j) in repeats.get(a.id.as_str()).into_iter().flatten() {
                    order.push((q, j, true));
                    placed[q][j] = true;
                }
            }
        }
        for (p, page) in self.pages.iter().enumerate() {
            for (i, a) in page.articles.iter().enumerate() {
                if a.duplicate_of.is_some() && !placed[p][i] {
                    order.push((p, i, true));
                }
            }
        }
        order
    }

    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.pages.iter().flat_map(|p| p.articles.iter())
    }

    pub fn article_count(&self) -> usize {
        self.pages.iter().map(|p| p.articles.len()).sum()
    }

    /// The first source file, which names the issue in listings.
    pub fn source(&self) -> &str {
        self.sources.first().map(|s| s.path.as_str()).unwrap_or("")
    }

    pub fn find_article(&self, id: &str) -> Option<&Article> {
        self.articles().find(|a| a.id == id)
    }

    /// The page that holds the article `id`.
    pub fn page_of(&self, id: &str) -> Option<&Page> {
        self.pages
            .iter()
            .find(|p| p.articles.iter().any(|a| a.id == id))
    }
}

/// A file that could not be read at all (not a parse warning: those live on the issue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileError {
    pub source: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Archive {
    /// How the archive was named on the command line, or `(sample archive)`.
    pub root: String,
    /// Newest first; issues with no known date last, by source.
    pub issues: Vec<Issue>,
    pub errors: Vec<FileError>,
}

impl Archive {
    /// Finds an article by id (`2021-01-10/A1/3`).
    pub fn article(&self, id: &str) -> Option<(&Issue, &Article)> {
        self.issues
            .iter()
            .find_map(|i| i.find_article(id).map(|a| (i, a)))
    }

    pub fn article_count(&self) -> usize {
        self.issues.iter().map(Issue::article_count).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_labels_name_the_same_page_with_or_without_leading_zeros() {
        assert!(same_page("01", "1"));
        assert!(same_page("A03", "A3"));
        assert!(same_page("2-3", "2"));
        assert!(!same_page("A1", "B1"));
        assert!(!same_page("A1", "A10"));
        assert!(page_key("A2") < page_key("A10"));
    }

    #[test]
    fn dates_parse_and_roll_over() {
        let d = IssueDate::parse("2020-12-31").unwrap();
        assert_eq!(d.next_day().to_string(), "2021-01-01");
        assert_eq!(
            IssueDate::parse("2020-02-28")
                .unwrap()
                .next_day()
                .to_string(),
            "2020-02-29"
        );
        let no_year = IssueDate::parse("--11-27").unwrap();
        assert_eq!(no_year.year, None);
        assert_eq!(no_year.next_day().to_string(), "--11-28");
        assert!(IssueDate::parse("2021-02-30").is_none());
        assert!(IssueDate::parse("21-02-03").is_none());
    }

    #[test]
    fn first_sentence_stops_at_the_full_stop() {
        assert_eq!(first_sentence("甲乙丙。丁戊", 40), "甲乙丙。");
        assert_eq!(first_sentence("一二三四五六", 3), "一二三…");
    }
}
