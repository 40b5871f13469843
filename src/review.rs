//! Archivists' review marks: per article a status (ok / needs fix), a note and
//! corrected kicker or headline; per issue a corrected date.
//!
//! The marks of one archive live in `kanbao-review.ron` at the archive root, so
//! a team can keep them in git beside the scans, or in kanbao's data directory
//! when the root is read-only (or the archive is the embedded sample). Every
//! change goes through [`crate::store::update`], so several archivists on one
//! server lose nothing.
//!
//! An entry is keyed by the article's stable id (`2021-01-10/A1/3`) and carries
//! the [`fingerprint`] of the text it was made against. After a re-parse the id
//! may point at different text; the entry is then *stale*: shown and reported,
//! never applied as if it were about the new text.

use crate::model::{Archive, Article, IssueDate};
use crate::store::{self, Recovered, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

mod correction;
mod fingerprint;
mod gold;
mod place;
mod rebuild;
mod report;
pub mod structure;
pub(crate) use fingerprint::fnv1a64;
pub use fingerprint::{fingerprint, line_fingerprint};
pub use gold::{GoldArticle, GoldFile, gold_reading};
pub use place::{
    current_user, load_with_team, over_team, review_path, review_path_in, team_review_path,
};
pub use report::{
    CorrectionItem, Counts, IssueReport, ReportItem, Reported, ReviewReport, report,
    report_corrected, report_of,
};

/// The review file's name at an archive root.
pub const REVIEW_FILE_NAME: &str = "kanbao-review.ron";

/// The format version this kanbao writes. A file with a higher version came
/// from a newer kanbao: it is read, but not written, since this version would
/// drop the fields it does not know.
pub const REVIEW_VERSION: u32 = 1;

/// The version of a file holding structural corrections: a kanbao that
/// knows only [`REVIEW_VERSION`] would drop them, so it must not write it.
pub const STRUCTURE_VERSION: u32 = 2;

/// An archivist's verdict on an article's text.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ReviewStatus {
    #[default]
    Unreviewed,
    Ok,
    NeedsFix,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 3] = [
        ReviewStatus::Unreviewed,
        ReviewStatus::Ok,
        ReviewStatus::NeedsFix,
    ];

    /// The command-line spelling: `unreviewed`, `ok`, `needs-fix`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Unreviewed => "unreviewed",
            ReviewStatus::Ok => "ok",
            ReviewStatus::NeedsFix => "needs-fix",
        }
    }
}

impl fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown review status {0:?}: expected unreviewed, ok or needs-fix")]
pub struct UnknownStatus(pub String);

impl FromStr for ReviewStatus {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReviewStatus::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownStatus(s.to_string()))
    }
}

/// The review of one article. The corrections (`kicker`, `headline`) are shown
/// instead of the parsed text; the parsed model itself keeps the original.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewEntry {
    #[serde(default)]
    pub status: ReviewStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// [`fingerprint`] of the article text this entry was made against. A
    /// hand-written entry without one is always stale, never misapplied.
    #[serde(default)]
    pub fingerprint: String,
    /// When it last changed, `2026-11-25T04:15:00Z` (UTC).
    #[serde(default)]
    pub updated: String,
    /// Who last changed it (`$USER`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl ReviewEntry {
    /// True when the entry says nothing: no verdict, no note, no correction.
    pub fn is_blank(&self) -> bool {
        self.status == ReviewStatus::Unreviewed && self.note.is_none() && !self.corrects_title()
    }

    /// True when the entry corrects the kicker or the headline.
    pub fn corrects_title(&self) -> bool {
        self.kicker.is_some() || self.headline.is_some()
    }
}

/// Corrections to an issue as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueReview {
    /// The corrected issue date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// The whole `kanbao-review.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewFile {
    pub version: u32,
    /// By article id (`2021-01-10/A1/3`).
    pub articles: BTreeMap<String, ReviewEntry>,
    /// By issue id (`2021-01-10`).
    pub issues: BTreeMap<String, IssueReview>,
    /// Structural corrections, oldest first (see [`structure`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub structure: Vec<structure::Structural>,
}

impl Default for ReviewFile {
    fn default() -> Self {
        ReviewFile {
            version: REVIEW_VERSION,
            articles: BTreeMap::new(),
            issues: BTreeMap::new(),
            structure: Vec::new(),
        }
    }
}

/// How a review entry relates to an article as parsed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied<'a> {
    /// Made against this very text: show and use it.
    Fresh(&'a ReviewEntry),
    /// Made against text that has changed since: show it as stale, don't apply
    /// its status or corrections.
    Stale(&'a ReviewEntry),
    None,
}

impl<'a> Applied<'a> {
    pub fn fresh(self) -> Option<&'a ReviewEntry> {
        match self {
            Applied::Fresh(e) => Some(e),
            _ => None,
        }
    }

    pub fn entry(self) -> Option<&'a ReviewEntry> {
        match self {
            Applied::Fresh(e) | Applied::Stale(e) => Some(e),
            Applied::None => None,
        }
    }

    /// The status that applies to the article now (`Unreviewed` when stale).
    pub fn status(self) -> ReviewStatus {
        self.fresh().map_or(ReviewStatus::Unreviewed, |e| e.status)
    }
}

impl ReviewFile {
    /// The entry for `article`, checked against its current text.
    pub fn lookup(&self, article: &Article) -> Applied<'_> {
        match self.articles.get(&article.id) {
            None => Applied::None,
            Some(e) if e.fingerprint == fingerprint(article) => Applied::Fresh(e),
            Some(e) => Applied::Stale(e),
        }
    }

    /// The archive as the reader shows it: every fresh headline and kicker
    /// correction in place of the parsed text, and corrected issue dates.
    /// The source lines each title came from are kept; stale entries are
    /// never applied. Without any correction the archive is lent, not
    /// copied (an export of a large archive would otherwise hold it twice).
    pub fn corrected<'a>(&self, archive: &'a Archive) -> std::borrow::Cow<'a, Archive> {
        match self.corrects_shown() {
            false => std::borrow::Cow::Borrowed(archive),
            true => std::borrow::Cow::Owned(self.correct(archive.clone())),
        }
    }

    /// Whether any entry corrects what the archive shows: a title or a date.
    fn corrects_shown(&self) -> bool {
        self.corrects_titles() || self.issues.values().any(|i| i.date.is_some())
    }

    /// As [`corrected`](Self::corrected), in place: what a command that
    /// has no more use for the archive as parsed calls, so that one
    /// corrected headline does not hold the archive twice (at 10k issues
    /// `search` peaked at 3.4× the text).
    pub fn correct(&self, mut archive: Archive) -> Archive {
        if !self.corrects_shown() {
            return archive;
        }
        for issue in &mut archive.issues {
            if let Some(d) = self.issue_date(&issue.id) {
                issue.date = Some(d);
            }
            for page in &mut issue.pages {
                for a in &mut page.articles {
                    if let Some(fixed) = self.corrected_article(a) {
                        *a = fixed;
                    }
                }
            }
        }
        archive
    }

    /// Whether any entry corrects a kicker or a headline.
    pub fn corrects_titles(&self) -> bool {
        self.articles.values().any(ReviewEntry::corrects_title)
    }

    /// The article with its fresh kicker and headline corrections applied,
    /// when it has any.
    pub fn corrected_article(&self, article: &Article) -> Option<Article> {
        let e = self.lookup(article).fresh()?;
        if !e.corrects_title() {
            return None;
        }
        let mut a = article.clone();
        let at = a.lines;
        // An empty correction removes the title (a kicker the parser saw
        // where there was none).
        let fix = |slot: &mut Option<crate::model::Text>, text: &Option<String>| match text {
            Some(text) if text.is_empty() => *slot = None,
            Some(text) => {
                let lines = slot.as_ref().map_or(at, |t| t.lines);
                *slot = Some(crate::model::Text {
                    text: text.clone(),
                    lines,
                });
            }
            None => {}
        };
        fix(&mut a.kicker, &e.kicker);
        fix(&mut a.headline, &e.headline);
        Some(a)
    }

    /// The corrected date of an issue, when one was recorded and is valid.
    pub fn issue_date(&self, issue_id: &str) -> Option<IssueDate> {
        let date = self.issues.get(issue_id)?.date.as_deref()?;
        IssueDate::parse(date)
    }

    /// Applies `change` to the entry for `article` and returns the entry as it
    /// now is (`None` when it became blank and was removed). Fields the change
    /// leaves alone keep their value; `updated`, `by` and the fingerprint are
    /// touched only when something actually changed, so that re-marking an
    /// article "ok" twice does not produce a diff.
    ///
    /// A change made to a stale entry re-confirms it against the current text:
    /// the archivist makes it looking at that text with the old entry shown.
    pub fn apply(
        &mut self,
        article: &Article,
        change: &ReviewChange,
        by: Option<&str>,
        now: u64,
    ) -> Option<ReviewEntry> {
        let fingerprint = fingerprint(article);
        let entry = self.articles.entry(article.id.clone()).or_default();
        let before = entry.clone();
        if let Some(status) = change.status {
            entry.status = status;
        }
        for (field, value, keeps_empty) in [
            (&mut entry.note, &change.note, false),
            // An empty kicker says "this article has no kicker".
            (&mut entry.kicker, &change.kicker, true),
            (&mut entry.headline, &change.headline, false),
        ] {
            if let Some(value) = value {
                // An emptied text box clears the field.
                // Typed or pasted text is cleaned as it enters.
                *field = value
                    .as_deref()
                    .map(crate::intake::clean)
                    .filter(|s| keeps_empty || !s.is_empty());
            }
        }
        if !change.is_empty() {
            entry.fingerprint = fingerprint;
        }
        if *entry != before {
            entry.updated = store::rfc3339_utc(now);
            entry.by = by.map(str::to_string);
        }
        if entry.is_blank() {
            self.articles.remove(&article.id);
            return None;
        }
        Some(entry.clone())
    }
}

/// What an archivist changes on one article: `None` leaves a field as it is,
/// so two archivists changing different fields (or articles) both keep theirs.
/// For the text fields `Some(None)` (or an empty string) clears the field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewChange {
    pub status: Option<ReviewStatus>,
    pub note: Option<Option<String>>,
    pub kicker: Option<Option<String>>,
    pub headline: Option<Option<String>>,
}

impl ReviewChange {
    pub fn status(status: ReviewStatus) -> Self {
        ReviewChange {
            status: Some(status),
            ..Self::default()
        }
    }

    pub fn note(note: Option<String>) -> Self {
        ReviewChange {
            note: Some(note),
            ..Self::default()
        }
    }

    pub fn kicker(kicker: Option<String>) -> Self {
        ReviewChange {
            kicker: Some(kicker),
            ..Self::default()
        }
    }

    pub fn headline(headline: Option<String>) -> Self {
        ReviewChange {
            headline: Some(headline),
            ..Self::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.note.is_none()
            && self.kicker.is_none()
            && self.headline.is_none()
    }
}

/// Reads the review file at `path` (see [`store::load`]), its strings
/// cleaned as they enter: the file is edited by hand and shared, so a note
/// or correction may hold anything (see [`ReviewFile::cleaned`]).
pub fn load_reviews(path: &Path) -> Result<store::Loaded<ReviewFile>, StoreError> {
    let loaded = store::load::<ReviewFile>(path)?;
    Ok(store::Loaded {
        value: loaded.value.cleaned(),
        recovered: loaded.recovered,
    })
}

impl ReviewEntry {
    /// The entry with every text cleaned by [`crate::intake::clean`]: no
    /// control, escape sequence, bidi or zero-width character, one line.
    pub fn cleaned(mut self) -> ReviewEntry {
        let texts = [
            &mut self.note,
            &mut self.kicker,
            &mut self.headline,
            &mut self.by,
        ];
        for text in texts.into_iter().flatten() {
            crate::intake::clean_in_place(text);
        }
        crate::intake::clean_in_place(&mut self.fingerprint);
        crate::intake::clean_in_place(&mut self.updated);
        self
    }
}

impl ReviewFile {
    /// The file with its ids and every text cleaned (see
    /// [`ReviewEntry::cleaned`]), for showing. It is not written back: the
    /// file on disk keeps what its authors wrote.
    pub fn cleaned(self) -> ReviewFile {
        let articles = self
            .articles
            .into_iter()
            .map(|(id, entry)| (crate::intake::clean(&id), entry.cleaned()))
            .collect();
        let issues = self
            .issues
            .into_iter()
            .map(|(id, mut issue)| {
                if let Some(date) = &mut issue.date {
                    crate::intake::clean_in_place(date);
                }
                (crate::intake::clean(&id), issue)
            })
            .collect();
        let structure = self
            .structure
            .into_iter()
            .map(structure::Structural::cleaned)
            .collect();
        ReviewFile {
            version: self.version,
            articles,
            issues,
            structure,
        }
    }
}

/// Records `change` for `article` in the review file at `path`, merged with
/// whatever other archivists wrote meanwhile. Returns the entry as it now is.
pub fn set(
    path: &Path,
    article: &Article,
    change: &ReviewChange,
) -> Result<(Option<ReviewEntry>, Option<Recovered>), StoreError> {
    let by = current_user();
    store::try_update(path, |file: &mut ReviewFile| {
        check_version(path, file)?;
        let entry = file.apply(article, change, by.as_deref(), store::unix_now());
        Ok(entry.map(ReviewEntry::cleaned))
    })
}

/// Records a structural correction in the review file at `path`, after
/// whatever other archivists recorded meanwhile.
pub fn add_structural(
    path: &Path,
    correction: structure::Structural,
) -> Result<Option<Recovered>, StoreError> {
    store::try_update(path, |file: &mut ReviewFile| {
        file.structure.push(correction.clone());
        check_version(path, file)
    })
    .map(|((), recovered)| recovered)
}

/// Takes back a structural correction: the one with `stamp`, or without
/// one the last that `by` made. Returns it, or `None` when there was none.
pub fn undo_structural(
    path: &Path,
    stamp: Option<&str>,
    by: Option<&str>,
) -> Result<(Option<structure::Structural>, Option<Recovered>), StoreError> {
    store::try_update(path, |file: &mut ReviewFile| {
        let at = match stamp {
            Some(s) => file.structure.iter().rposition(|c| c.stamp == s),
            None => file.structure.iter().rposition(|c| c.by.as_deref() == by),
        };
        let taken = at.map(|i| file.structure.remove(i));
        check_version(path, file)?;
        Ok(taken)
    })
}

/// Records (or with `None` clears) the corrected date of an issue. The date
/// must have a year.
pub fn set_issue_date(
    path: &Path,
    issue_id: &str,
    date: Option<IssueDate>,
) -> Result<Option<Recovered>, StoreError> {
    if let Some(d) = date
        && (d.year.is_none() || !d.is_valid())
    {
        return Err(StoreError::Rejected {
            path: path.to_path_buf(),
            reason: format!("a corrected issue date needs a valid year-month-day, not {d}"),
        });
    }
    let (_, recovered) = store::try_update(path, |file: &mut ReviewFile| {
        check_version(path, file)?;
        match date {
            Some(d) => {
                file.issues.entry(issue_id.to_string()).or_default().date = Some(d.to_string());
            }
            None => {
                if let Some(issue) = file.issues.get_mut(issue_id) {
                    issue.date = None;
                    if *issue == IssueReview::default() {
                        file.issues.remove(issue_id);
                    }
                }
            }
        }
        Ok::<(), StoreError>(())
    })?;
    Ok(recovered)
}

fn check_version(path: &Path, file: &mut ReviewFile) -> Result<(), StoreError> {
    if file.version > STRUCTURE_VERSION {
        return Err(StoreError::Rejected {
            path: path.to_path_buf(),
            reason: format!(
                "written by a newer kanbao (format version {}, this one knows {STRUCTURE_VERSION})",
                file.version
            ),
        });
    }
    file.version = if file.structure.is_empty() {
        REVIEW_VERSION
    } else {
        STRUCTURE_VERSION
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleKind, Block, BlockKind, Byline, Issue, Page, Span, Text};

    fn text(s: &str) -> Text {
        Text {
            text: s.to_string(),
            lines: Span::line(1),
        }
    }

    fn article(id: &str, headline: &str, body: &str) -> Article {
        Article {
            id: id.to_string(),
            kind: ArticleKind::Article,
            section: None,
            kicker: None,
            headline: Some(text(headline)),
            subheadlines: vec![],
            byline: Byline::default(),
            dateline: None,
            body: vec![Block {
                kind: BlockKind::Paragraph,
                text: body.to_string(),
                lines: Span::line(2),
                repeated: false,
            }],
            captions: vec![],
            jumps: vec![],
            continued_to: None,
            continued_from: None,
            see_also: None,
            duplicate_of: None,
            lines: Span::new(1, 2),
        }
    }

    fn issue(id: &str, articles: Vec<Article>) -> Issue {
        Issue {
            id: id.to_string(),
            paper: Some("株洲日报".to_string()),
            date: IssueDate::parse(id),
            date_source: None,
            number: None,
            page_count: None,
            masthead: None,
            pages: vec![Page {
                label: "A1".to_string(),
                source: format!("{id}.txt"),
                articles,
                masthead_lines: Vec::new(),
            }],
            fragments: vec![],
            warnings: vec![],
            sources: vec![],
        }
    }

    #[test]
    fn fingerprint_follows_the_text_not_the_id() {
        let a = article("2021-01-10/A1/1", "春运开始", "今天起，春运开始。");
        let same_text_other_id = article("2021-01-10/A1/9", "春运开始", "今天起，春运开始。");
        assert_eq!(fingerprint(&a), fingerprint(&same_text_other_id));
        assert_eq!(fingerprint(&a).len(), 16);

        let mut body_changed = a.clone();
        body_changed.body[0].text.push('！');
        assert_ne!(fingerprint(&a), fingerprint(&body_changed));

        let mut kicker_added = a.clone();
        kicker_added.kicker = Some(text("本报讯"));
        assert_ne!(fingerprint(&a), fingerprint(&kicker_added));

        // Text moved between headline and body is a different article.
        let moved = article("x", "春运开始今天起，", "春运开始。");
        assert_ne!(fingerprint(&a), fingerprint(&moved));

        // Pinned: the hash must not change between builds or Rust versions,
        // or every stored review would turn stale.
        assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
        assert_eq!(format!("{:016x}", fnv1a64(b"a")), "af63dc4c8601ec8c");
    }

    #[test]
    fn lookup_tells_fresh_from_stale() {
        let mut file = ReviewFile::default();
        let a = article("2021-01-10/A1/1", "春运开始", "今天起，春运开始。");
        assert_eq!(file.lookup(&a), Applied::None);
        file.apply(&a, &ReviewChange::status(ReviewStatus::Ok), Some("li"), 0);
        assert_eq!(file.lookup(&a).status(), ReviewStatus::Ok);
        assert!(matches!(file.lookup(&a), Applied::Fresh(_)));

        let mut reparsed = a.clone();
        reparsed.body[0].text = "今天起，春运正式开始。".to_string();
        let applied = file.lookup(&reparsed);
        assert!(matches!(applied, Applied::Stale(_)));
        assert_eq!(applied.status(), ReviewStatus::Unreviewed);
        assert_eq!(applied.entry().unwrap().status, ReviewStatus::Ok);
    }

    #[test]
    fn changes_touch_only_their_fields() {
        let mut file = ReviewFile::default();
        let a = article("2021-01-10/A1/1", "春运开始", "正文。");
        file.apply(
            &a,
            &ReviewChange::status(ReviewStatus::NeedsFix),
            Some("li"),
            100,
        );
        let e = file
            .apply(
                &a,
                &ReviewChange::note(Some(" 标题有错字 ".into())),
                Some("wang"),
                200,
            )
            .unwrap();
        assert_eq!(e.status, ReviewStatus::NeedsFix);
        assert_eq!(e.note.as_deref(), Some("标题有错字"));
        assert_eq!(e.by.as_deref(), Some("wang"));
        assert_eq!(e.updated, "1970-01-01T00:03:20Z");

        // Setting what is already there is no change: no new timestamp.
        let same = file
            .apply(
                &a,
                &ReviewChange::status(ReviewStatus::NeedsFix),
                Some("zhao"),
                300,
            )
            .unwrap();
        assert_eq!(same.by.as_deref(), Some("wang"));

        // An emptied note clears; a blank entry disappears.
        file.apply(&a, &ReviewChange::note(Some(String::new())), None, 400);
        let gone = file.apply(
            &a,
            &ReviewChange::status(ReviewStatus::Unreviewed),
            None,
            500,
        );
        assert_eq!(gone, None);
        assert!(file.articles.is_empty());
    }

    #[test]
    fn status_spellings() {
        for st in ReviewStatus::ALL {
            assert_eq!(st.as_str().parse::<ReviewStatus>(), Ok(st));
        }
        assert_eq!("Needs-Fix".parse(), Ok(ReviewStatus::NeedsFix));
        assert!("fixme".parse::<ReviewStatus>().is_err());
    }

    #[test]
    fn set_persists_and_merges_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REVIEW_FILE_NAME);
        let a = article("2021-01-10/A1/1", "春运开始", "正文。");
        let b = article("2021-01-10/A1/2", "大雪", "正文二。");
        set(&path, &a, &ReviewChange::status(ReviewStatus::Ok)).unwrap();
        set(&path, &b, &ReviewChange::headline(Some("大雪纷飞".into()))).unwrap();
        set(&path, &a, &ReviewChange::note(Some("好".into()))).unwrap();
        set_issue_date(&path, "2021-01-10", IssueDate::parse("2021-01-11")).unwrap();
        assert!(set_issue_date(&path, "x", IssueDate::parse("--01-11")).is_err());

        let file = load_reviews(&path).unwrap().value;
        let ea = file.lookup(&a).fresh().unwrap();
        assert_eq!(
            (ea.status, ea.note.as_deref()),
            (ReviewStatus::Ok, Some("好"))
        );
        let eb = file.lookup(&b).fresh().unwrap();
        assert_eq!(eb.headline.as_deref(), Some("大雪纷飞"));
        assert_eq!(
            file.issue_date("2021-01-10"),
            IssueDate::parse("2021-01-11")
        );

        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("(\n    version: 1,\n"), "{text}");
        assert!(text.contains("\"2021-01-10/A1/1\": (\n            status: Ok,"));
        assert!(text.contains("headline: Some(\"大雪纷飞\")"), "{text}");
        assert!(text.ends_with(")\n"));

        set_issue_date(&path, "2021-01-10", None).unwrap();
        assert!(load_reviews(&path).unwrap().value.issues.is_empty());
    }

    #[test]
    fn a_file_from_a_newer_kanbao_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REVIEW_FILE_NAME);
        let newer = "(version: 3, articles: {}, issues: {}, flags: [\"x\"])\n";
        std::fs::write(&path, newer).unwrap();
        let a = article("i/A1/1", "h", "b");
        let err = set(&path, &a, &ReviewChange::status(ReviewStatus::Ok)).unwrap_err();
        assert!(err.to_string().contains("newer kanbao"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
    }

    #[test]
    fn corrupted_review_file_is_kept_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REVIEW_FILE_NAME);
        let garbage = "(version: 1, articles: { \"a\": (status: Maybe) })";
        std::fs::write(&path, garbage).unwrap();
        let loaded = load_reviews(&path).unwrap();
        assert_eq!(loaded.value, ReviewFile::default());
        let rec = loaded.recovered.unwrap();
        assert!(rec.error.contains("kanbao-review.ron:1:"), "{}", rec.error);
        assert_eq!(std::fs::read_to_string(&rec.moved_to).unwrap(), garbage);
        assert!(!path.exists());

        let a = article("i/A1/1", "h", "b");
        let (_, again) = set(&path, &a, &ReviewChange::status(ReviewStatus::Ok)).unwrap();
        assert_eq!(again, None, "already recovered");
        assert_eq!(load_reviews(&path).unwrap().value.articles.len(), 1);
    }

    #[test]
    fn review_file_goes_to_the_root_when_writable_else_data_dir() {
        let root = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let key = root.path().display().to_string();
        assert_eq!(
            review_path_in(Some(root.path()), &key, data.path()),
            root.path().join(REVIEW_FILE_NAME)
        );
        let sample = review_path_in(None, "sample", data.path());
        assert!(sample.starts_with(data.path().join("reviews")));
        assert!(
            sample
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("sample-")
        );
        let missing = root.path().join("gone");
        let elsewhere = review_path_in(Some(&missing), "/srv/papers/株洲日报", data.path());
        assert!(
            elsewhere
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("株洲日报-")
        );
    }

    #[cfg(unix)]
    #[test]
    fn read_only_root_sends_reviews_to_the_data_dir() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores permission bits; the probe then (correctly) says yes.
        let probed_writable = store::dir_accepts(root.path(), REVIEW_FILE_NAME);
        let path = review_path_in(Some(root.path()), "k", data.path());
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if probed_writable {
            assert_eq!(path, root.path().join(REVIEW_FILE_NAME));
        } else {
            assert!(path.starts_with(data.path()), "{}", path.display());
        }
    }

    #[test]
    fn the_teams_marks_show_beneath_this_users_own_and_a_broken_team_file_is_reported() {
        let root = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let own = data.path().join("mine.ron");
        let team = root.path().join(REVIEW_FILE_NAME);
        let a1 = article("2021-01-10/A1/1", "一", "甲。");
        let a2 = article("2021-01-10/A1/2", "二", "乙。");
        set(&team, &a1, &ReviewChange::status(ReviewStatus::Ok)).unwrap();
        set(&team, &a2, &ReviewChange::note(Some("team".into()))).unwrap();
        set(&own, &a2, &ReviewChange::status(ReviewStatus::NeedsFix)).unwrap();
        // Found only where the user's marks live elsewhere.
        assert_eq!(team_review_path(Some(root.path()), &team), None);
        let found = team_review_path(Some(root.path()), &own).unwrap();
        assert_eq!(found, team);
        let (loaded, problem) = load_with_team(&own, Some(&found)).unwrap();
        assert!(problem.is_none());
        let r = loaded.value;
        assert_eq!(
            r.lookup(&a1).status(),
            ReviewStatus::Ok,
            "the team's mark shows"
        );
        assert_eq!(
            r.lookup(&a2).status(),
            ReviewStatus::NeedsFix,
            "the user's own wins"
        );
        // A team file that does not parse is reported, left where it is,
        // and the user's own marks still load.
        let bytes = b"(version: 1, articles: {\"x\": (";
        std::fs::write(&team, bytes).unwrap();
        let (loaded, problem) = load_with_team(&own, Some(&team)).unwrap();
        let problem = problem.expect("reported").to_string();
        assert!(problem.contains(REVIEW_FILE_NAME), "{problem}");
        assert_eq!(loaded.value.lookup(&a2).status(), ReviewStatus::NeedsFix);
        assert_eq!(
            std::fs::read(&team).unwrap(),
            bytes,
            "never moved or rewritten"
        );
    }

    #[test]
    fn report_counts_each_state() {
        let a1 = article("2021-01-10/A1/1", "一", "甲。");
        let a2 = article("2021-01-10/A1/2", "二", "乙。");
        let a3 = article("2021-01-10/A1/3", "三", "丙。");
        let b1 = article("2021-01-09/A1/1", "四", "丁。");
        let mut reviews = ReviewFile::default();
        reviews.apply(&a1, &ReviewChange::status(ReviewStatus::Ok), None, 0);
        reviews.apply(
            &a2,
            &ReviewChange {
                status: Some(ReviewStatus::NeedsFix),
                note: Some(Some("错|字".into())),
                ..Default::default()
            },
            Some("li"),
            0,
        );
        let mut old_b1 = b1.clone();
        old_b1.body[0].text = "旧文。".into();
        reviews.apply(&old_b1, &ReviewChange::status(ReviewStatus::Ok), None, 0);
        // Corrected but not marked: counted as corrected, not untouched.
        reviews.apply(&a3, &ReviewChange::headline(Some("三改".into())), None, 0);
        let gone = article("2020-12-31/A1/1", "旧", "无。");
        reviews.apply(&gone, &ReviewChange::status(ReviewStatus::Ok), None, 0);
        reviews.issues.insert(
            "2021-01-09".into(),
            IssueReview {
                date: Some("2021-01-08".into()),
            },
        );

        let archive = Archive {
            root: "papers".into(),
            issues: vec![
                issue("2021-01-10", vec![a1, a2, a3]),
                issue("2021-01-09", vec![b1]),
            ],
            errors: vec![],
        };
        let r = report(&archive, &reviews);
        assert_eq!(
            r.totals,
            Counts {
                articles: 4,
                ok: 1,
                needs_fix: 1,
                corrected: 1,
                untouched: 0,
                stale: 1
            }
        );
        assert_eq!(r.issues[0].needs_fix[0].article, "2021-01-10/A1/2");
        assert_eq!(r.issues[1].stale[0].title.as_deref(), Some("四"));
        assert_eq!(r.issues[1].corrected_date.as_deref(), Some("2021-01-08"));
        assert_eq!(r.orphaned[0].article, "2020-12-31/A1/1");

        let md = r.to_markdown();
        assert!(
            md.contains("| 2021-01-10 | 2021-01-10 | 3 | 1 | 1 | 1 | 0 | 0 |"),
            "{md}"
        );
        assert!(md.contains("| 2021-01-09 | 2021-01-08 (corrected) | 1 | 0 | 0 | 0 | 0 | 1 |"));
        // The corrections made, listed.
        assert!(md.contains("## Corrections"), "{md}");
        assert!(
            md.contains("- headline `2021-01-10/A1/3`: 三改 [applied]"),
            "{md}"
        );
        assert!(
            md.contains("- date `2021-01-09`: 2021-01-08 [applied]"),
            "{md}"
        );
        assert!(
            md.contains("- `2021-01-10/A1/2` 二 [needs-fix] — 错|字 (li, 1970-01-01T00:00:00Z)")
        );
        assert!(md.contains("## Orphaned"));

        let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(json["totals"]["stale"], 1);
        assert_eq!(json["issues"][0]["needs_fix"][0]["status"], "needs-fix");
    }
}
