//! The reader on the archive's skeleton, its articles' text read as shown.
//!
//! When the archive's index stands for it as it is, the reader starts on
//! its skeleton: every issue, page and article with its titles, and the
//! headline index kept with it, so the lists and the filter work at once.
//! The articles shown are read with their issue, alone, from its own files
//! ([`Effect::ReadIssue`]), and so are, from the start, the issues a
//! review entry bears on ([`App::hold_texts`]: an entry holds for its
//! article's whole text) and those a structural correction changes (put
//! in the skeleton's place as corrected, by the loader); nothing else is:
//! reading an archive holds its skeleton, not its text.
//! A body search reads the issues of the full-text index's candidates alone
//! (past one issue in six, a batch of issues at a time, each dropped once
//! searched; with structural corrections, the issues held read are searched
//! whole as shown instead, see [`App::structured_texts`]); a review mark, note or
//! corrected title, the source view, an issue's notes and a structural
//! correction (the issue corrected put in the skeleton's place, see
//! `source_fix.rs`) are made of the shown article's issue read alone, and
//! `V` makes each issue's list of articles still to review as it is shown;
//! an issue's date is corrected and `o` shows the parse (see `original.rs`)
//! on the skeleton. What needs every article's text (a body search without
//! a full-text index of the archive as it is, or whose candidates' issues
//! read differently alone; `o` when a corrected issue is not held read)
//! asks for the whole archive ([`Effect::LoadText`]), says it is loading,
//! and works once it has come ([`Action::TextLoaded`]).
//!
//! The skeleton is shown as kept, before the stat of every file says
//! whether it still stands for the archive; that check follows
//! ([`Action::SkeletonChecked`]), and a skeleton brought forward (a few
//! files changed) replaces the one shown, the reader staying on its
//! article.
//!
//! Why: at 100k generated issues (2.0 GB of text) the reader showed its
//! first frame after loading every parse, 6.6–7.1 s, peak 3.5 GB, and its
//! filter about 4 s later, once the headline index was built; on the
//! skeleton decoded whole after the stat of every file, 1.9–2.6 s and
//! 1.13 GB; with each issue read as shown, 0.9 s and 0.41 GB, half of it
//! the stat; shown as kept and checked behind the first frame, 0.26–0.29 s
//! and 0.38 GB. With one headline corrected in review the reader loaded
//! every parse before its first frame (11.0–11.7 s, 3.6 GB); with the
//! reviewed issues read alone, 0.91–1.03 s and 0.47 GB.

use super::action::Action;
use super::app::{App, AsParsed};
use super::effect::{Effect, SearchAsk};
use crate::index::LazySkeleton;
use crate::model::{Archive, Issue};
use crate::search::HeadlineIndex;
use std::sync::Arc;

/// What the reader says to an action that needs every article's text
/// while it loads.
pub const TEXT_LOADING: &str =
    "正文载入中 loading every article's text for that: try again in a moment";

/// What the reading view says of an article whose issue could not be read
/// alone.
pub const TEXT_UNREAD: &str = "正文未载入 this article's text could not be read alone: \
     it comes with every article's, which a review mark or the source view loads";

/// What the reader says when the text it was asked for has come.
const TEXT_LOADED: &str = "正文已载入 every article's text has loaded";

/// The whole archive, loaded behind the skeleton the reader started on.
#[derive(Clone)]
pub struct LoadedText {
    pub archive: Arc<Archive>,
    /// As [`App::parsed_issues`].
    pub parsed: AsParsed,
    /// The same issues, pages, articles and titles as the skeleton: the
    /// lists, the headline index and the cursor stay as they are.
    pub same_as_skeleton: bool,
}

/// The skeleton the reader started on, checked: the same one when it
/// still stands for the archive, else the skeleton brought forward and the
/// headline index kept for it, if any.
#[derive(Clone)]
pub struct CheckedSkeleton {
    pub skeleton: Arc<LazySkeleton>,
    pub index: Option<Arc<HeadlineIndex>>,
    /// The issues a review entry bears on, read alone (see
    /// [`App::hold_texts`]).
    pub texts: Vec<(usize, Arc<Issue>)>,
    /// Those of them structural corrections changed, as parsed (see
    /// [`App::parsed_issues`]).
    pub parsed: AsParsed,
}

impl PartialEq for CheckedSkeleton {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.skeleton, &other.skeleton)
    }
}

impl Eq for CheckedSkeleton {}

impl std::fmt::Debug for CheckedSkeleton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CheckedSkeleton({} issues)", self.skeleton.len())
    }
}

/// One issue read alone from its files, or `None` when it cannot be (it
/// reads differently alone, or a file is gone): the reader then waits for
/// the whole archive.
#[derive(Clone)]
pub struct IssueText {
    pub issue: usize,
    pub text: Option<Arc<Issue>>,
}

impl PartialEq for LoadedText {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.archive, &other.archive)
    }
}

impl Eq for LoadedText {}

impl std::fmt::Debug for LoadedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LoadedText({} issues)", self.archive.issues.len())
    }
}

impl PartialEq for IssueText {
    fn eq(&self, other: &Self) -> bool {
        self.issue == other.issue
            && match (&self.text, &other.text) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

impl Eq for IssueText {}

impl std::fmt::Debug for IssueText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let read = self.text.as_ref().map(|i| i.id.as_str());
        write!(f, "IssueText({}, {read:?})", self.issue)
    }
}

/// Whether `action` makes a structural correction: on the skeleton, of
/// the shown issue read alone (see [`needs_shown_text`]), unless every
/// article's text is on its way (the corrections then wait for it, so that
/// none is made on a skeleton the whole archive then replaces).
fn corrects_structure(action: &Action) -> bool {
    matches!(
        action,
        Action::SplitHere
            | Action::MergePrevious
            | Action::MergeNext
            | Action::MoveHere
            | Action::SetRole
    )
}

/// Whether `action` needs the shown article's whole text only: copy and
/// pipe, the source view and the issue's notes (its page's lines told
/// apart, its fragments), a structural correction, and a review mark,
/// note or corrected title, which holds for the article's whole text (its
/// fingerprint). The shown article's issue is read alone; the reviewed
/// issues were read with the skeleton.
fn needs_shown_text(action: &Action) -> bool {
    corrects_structure(action)
        || matches!(
            action,
            Action::Copy
                | Action::Pipe
                | Action::Source
                | Action::IssueNotes
                | Action::ReviewStatus
                | Action::ReviewOkNext
                | Action::ReviewFixNext
                | Action::EditNote
                | Action::EditHeadline
        )
}

impl App {
    /// Whether every article's text was asked for (and is loading, while
    /// [`App::text_pending`]).
    pub fn text_wanted(&self) -> bool {
        self.text_wanted
    }

    /// Whether the issue numbered `issue` lacks its articles' text: the
    /// reader is on the skeleton and the issue was not read alone.
    pub fn text_missing(&self, issue: usize) -> bool {
        self.text_pending && !self.texts.contains_key(&issue)
    }

    /// Whether the issue numbered `issue` was asked for alone and could
    /// not be read so.
    pub(super) fn text_unread(&self, issue: usize) -> bool {
        self.text_missing(issue) && self.text_asked.contains(&issue)
    }

    /// What the reader asks for before its first frame: on the skeleton,
    /// the text of the article it opens on.
    pub fn opening(&mut self) -> Vec<Effect> {
        self.ask_for_text();
        self.take_effects()
    }

    /// Whether `action` must wait for every article's text: the reader is
    /// on the skeleton and the action needs more than the shown article.
    pub(super) fn waits_for_text(&self, action: &Action) -> bool {
        // The key that opened the source view closes it.
        let closes = *action == Action::Source
            && self
                .source
                .as_ref()
                .is_some_and(|p| matches!(p.kind, super::panel::PanelKind::Source { .. }));
        self.text_pending
            && !closes
            && match needs_shown_text(action) {
                true => {
                    self.text_missing(self.issue)
                        || (self.text_wanted && corrects_structure(action))
                }
                // (A body search reads the issues of its candidates
                // alone, or waits for the text, see
                // [`App::search_needs_text`]; an issue's date is the
                // skeleton's, and `u` takes back a structural correction
                // by the issue as it was.)
                false => *action == Action::ShowOriginal && self.original_needs_text(),
            }
    }

    /// The issues structural corrections changed ([`App::parsed_issues`]:
    /// those the review file corrects, read with the skeleton, and those
    /// corrected here), as shown, by number (sorted): a body search on the
    /// skeleton searches them whole from this text, since the full-text
    /// index knows their articles as parsed. `None` when one is not held
    /// read (the search then waits for every article's text).
    pub(super) fn structured_texts(&self) -> Option<Vec<(u32, Arc<Issue>)>> {
        self.parsed_issues
            .keys()
            .map(|&n| Some((u32::try_from(n).ok()?, self.texts.get(&n)?.clone())))
            .collect()
    }

    /// Asks for every article's text (once), and says it is coming.
    pub(super) fn want_text(&mut self) {
        self.status = Some(TEXT_LOADING.into());
        self.load_text();
    }

    /// Asks for every article's text, once.
    pub(super) fn load_text(&mut self) {
        if self.text_pending && !self.text_wanted {
            self.text_wanted = true;
            self.queue(Effect::LoadText);
        }
    }

    /// A body search the issues read alone could not answer: held until
    /// every article's text has loaded, which is asked for (the search
    /// panel says it is searching meanwhile).
    pub(super) fn search_needs_text(&mut self, asked: SearchAsk) {
        if self.text_pending && self.search_ask().as_ref() == Some(&asked) {
            self.search_held = Some(asked);
            self.load_text();
        }
    }

    /// On the skeleton, asks for the issue of the article the reader
    /// shows, once.
    pub(super) fn ask_for_text(&mut self) {
        if self.text_pending
            && !self.texts.contains_key(&self.issue)
            && self.geometry().reader.is_some()
            && self.current_article().is_some()
            && self.text_asked.insert(self.issue)
        {
            self.queue(Effect::ReadIssue(self.issue));
        }
    }

    /// Issues read alone before they are shown: on the skeleton, those a
    /// review entry bears on (its mark and corrected titles hold for the
    /// article's whole text, which the skeleton lacks).
    pub fn hold_texts(&mut self, texts: impl IntoIterator<Item = (usize, Arc<Issue>)>) {
        if !self.text_pending {
            return;
        }
        for (n, issue) in texts {
            self.text_asked.insert(n);
            self.texts.insert(n, issue);
        }
        self.forget_layouts();
        // The corrected titles are found in the issues read.
        self.index_rev = None;
    }

    /// An issue read alone: its articles show their text from now on.
    pub(super) fn issue_read(&mut self, read: IssueText) {
        if !self.text_pending {
            return; // the whole archive came first
        }
        if let Some(issue) = read.text {
            // A title a review corrects in it is the filter's from now on.
            if issue.articles().any(|a| {
                self.reviews
                    .articles
                    .get(&a.id)
                    .is_some_and(|e| e.corrects_title())
            }) {
                self.index_rev = None;
            }
            self.texts.insert(read.issue, issue);
            self.forget_layouts();
            // With `V`, its list as its entries now hold.
            if self.review_filter {
                self.forget_rows_of(read.issue);
            }
        }
        // The panel beside the reader waits for the issue it shows (a
        // page's lines, the issue's fragments); when it cannot be read
        // alone, for every article's text.
        if read.issue == self.issue && self.source.is_some() {
            if self.text_missing(read.issue) {
                self.want_text();
            }
            self.lay_out_source();
        }
    }

    /// On the skeleton, asks for the issues the review entries bear on
    /// that were not read (a teammate's marks come with a write), once.
    pub(super) fn ask_for_reviewed(&mut self) {
        if !self.text_pending {
            return;
        }
        let ids = self.reviews.articles.keys().map(String::as_str);
        for n in crate::index::read_alone::issues_holding(&self.archive, ids) {
            let n = n as usize;
            if !self.texts.contains_key(&n) && self.text_asked.insert(n) {
                self.queue(Effect::ReadIssue(n));
            }
        }
    }

    /// The skeleton shown, checked against the archive's files: when it was
    /// brought forward it replaces the one shown (the issues read alone
    /// are dropped and read again as shown), the reader staying on its
    /// article.
    pub(super) fn skeleton_checked(&mut self, checked: CheckedSkeleton) {
        let same = self
            .handed
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, &checked.skeleton));
        if same || !self.text_pending {
            return;
        }
        // The structural corrections made on the skeleton shown come back
        // with every article's text (the loader reads the review file
        // again).
        if self.structured_here() {
            self.load_text();
        }
        // The parse shown again over the skeleton that replaces this one.
        let original = self.leave_original();
        self.handed = Some(checked.skeleton.clone());
        let stay = self.current_article().map(|a| a.id.clone());
        self.archive = checked.skeleton.shells().clone();
        self.skeleton = Some(checked.skeleton);
        self.archive_generation += 1;
        self.texts.clear();
        self.text_asked.clear();
        self.hold_texts(checked.texts);
        self.parsed_issues = checked.parsed;
        self.matches = None;
        self.forget_filter_hits();
        self.forget_rows();
        self.forget_layouts();
        match checked.index {
            Some(index) => {
                self.index = index;
                self.indexing = false;
            }
            // The shell builds it for this archive.
            None => {
                let pinyin = self.settings.pinyin;
                self.index = Arc::new(HeadlineIndex::from_entries(Vec::new(), pinyin));
                self.indexing = true;
            }
        }
        self.retitles.forget();
        self.index_rev = None;
        self.index_version += 1;
        if !stay.as_deref().is_some_and(|id| self.go_to_id(id)) {
            self.issue = self.issue.min(self.archive.issues.len().saturating_sub(1));
            self.article = 0;
            self.scroll = 0;
        }
        self.keep_in_view();
        self.resave_overlay_place();
        // A body search's hits name articles by their place in the
        // skeleton before: asked again of this one.
        if let Some(super::overlay::Overlay::Search(s)) = &mut self.overlay
            && (s.answered.is_some() || s.running)
        {
            s.hits.clear();
            s.total = 0;
            s.answered = None;
            s.running = true;
            s.selected = 0;
            s.offset = 0;
            if let Some(ask) = self.search_ask() {
                self.queue(Effect::Search(ask));
            }
        }
        self.show_original_again(original);
    }

    /// `o` taken back (the corrected issues and the skeleton it set aside
    /// put back, the reader on the article that holds its line) before the
    /// skeleton shown is replaced, so that the replacement finds the
    /// reader's article and the filter's index as they are without `o`.
    /// When it was on, the article it showed, to go back to. The status
    /// line is kept.
    fn leave_original(&mut self) -> Option<Option<String>> {
        if !self.show_original {
            return None;
        }
        let shown = self.current_article().map(|a| a.id.clone());
        let said = self.status.take();
        self.toggle_original();
        self.status = said;
        Some(shown)
    }

    /// `o` again over the archive that replaced the one it was on (the
    /// parse's entries spliced into the filter's index, or, while that is
    /// being built, the index built again behind), on the article it
    /// showed, the status line kept.
    fn show_original_again(&mut self, was: Option<Option<String>>) {
        let Some(shown) = was else {
            return;
        };
        let said = self.status.take();
        self.swap_original(true);
        self.status = said;
        if let Some(id) = shown
            && self.current_article().is_none_or(|a| a.id != id)
            && self.go_to_id(&id)
        {
            self.keep_in_view();
        }
    }

    /// The whole archive has loaded: it replaces the skeleton, the issues
    /// read alone are dropped, and nothing waits any more.
    pub(super) fn text_loaded(&mut self, loaded: LoadedText) {
        if !self.text_pending {
            return;
        }
        self.text_pending = false;
        if self.text_wanted {
            self.status = Some(TEXT_LOADED.into());
        }
        let here = self.structured_here();
        let original = self.leave_original();
        self.texts.clear();
        self.text_asked.clear();
        self.parsed_issues = loaded.parsed;
        // The corrections made on the skeleton are the loader's too, read
        // from the review file again: the archive replaces the skeleton.
        if loaded.same_as_skeleton && !here {
            // The rows made so far are the whole archive's too.
            self.archive = loaded.archive;
            self.skeleton = None;
            self.forget_layouts();
        } else {
            // A file changed between the skeleton and the load.
            let stay = self.current_article().map(|a| a.id.clone());
            self.replace_archive(
                loaded.archive,
                stay.as_deref().unwrap_or(""),
                super::source_fix::IndexNext::Later,
            );
        }
        self.lay_out_source();
        self.show_original_again(original);
        // The search held, if the panel still asks it.
        if let Some(ask) = self.search_held.take()
            && self.search_ask().as_ref() == Some(&ask)
        {
            self.queue(Effect::Search(ask));
        }
    }
}
