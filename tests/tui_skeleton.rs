//! The reader started on the archive's skeleton (`src/tui/pending_text.rs`):
//! it draws what the reader on the whole archive draws, reading each shown
//! article's issue alone; what needs every article's text asks for it and
//! waits, and a body search runs once it has come.

mod common;

use common::frame;
use kanbao::index::LazySkeleton;
use kanbao::loader::{self, LoadOptions};
use kanbao::model::{Archive, Issue};
use kanbao::search::HeadlineIndex;
use kanbao::tui::{
    Action, App, Effect, FilterAsk, InputKey, LoadedText, SearchAsk, Settings, Workers, perform,
};
use ratatui::layout::Rect;
use std::sync::Arc;

/// Workers that read an issue alone from the whole archive (or cannot),
/// and count the asks for the whole text.
struct FromWhole {
    whole: Arc<Archive>,
    readable: bool,
    read: Vec<usize>,
    loads: usize,
}

impl Workers for FromWhole {
    fn filter(&mut self, _: &App, _: FilterAsk) {}
    fn search(&mut self, _: &App, _: SearchAsk) {}
    fn use_index(&mut self, _: Arc<HeadlineIndex>) {}

    fn read_issue(&mut self, issue: usize) -> Option<Issue> {
        self.read.push(issue);
        self.readable
            .then(|| self.whole.issues.get(issue).cloned())
            .flatten()
    }

    fn load_text(&mut self) {
        self.loads += 1;
    }
}

fn whole() -> Arc<Archive> {
    Arc::new(loader::load_sample(&LoadOptions::default()))
}

fn workers(whole: &Arc<Archive>, readable: bool) -> FromWhole {
    FromWhole {
        whole: whole.clone(),
        readable,
        read: Vec::new(),
        loads: 0,
    }
}

/// The reader on `whole`'s skeleton, as the shell starts it.
fn on_skeleton(whole: &Archive, w: u16, h: u16, workers: &mut FromWhole) -> App {
    start_on(Arc::new(LazySkeleton::of(whole)), w, h, workers)
}

/// The reader on `skeleton`, its headline index built from it, as the
/// shell starts it.
fn start_on(skeleton: Arc<LazySkeleton>, w: u16, h: u16, workers: &mut FromWhole) -> App {
    let shells = skeleton.whole().expect("the skeleton reads");
    let index = Arc::new(HeadlineIndex::build(&shells, true));
    let mut app = App::on_skeleton(
        skeleton,
        Some(index),
        Settings::default(),
        Rect::new(0, 0, w, h),
    );
    let opening = app.opening();
    let _ = perform(&mut app, opening, workers);
    app
}

/// The whole archive as the loader hands it over, the same as the skeleton.
fn loaded(whole: &Arc<Archive>) -> LoadedText {
    LoadedText {
        archive: whole.clone(),
        parsed: Default::default(),
        same_as_skeleton: true,
    }
}

fn step(app: &mut App, workers: &mut FromWhole, action: Action) -> Vec<Effect> {
    let effects = kanbao::tui::update(app, action);
    let _ = perform(app, effects.clone(), workers);
    effects
}

/// The reader on a skeleton of `whole` beside the reader on `whole`
/// itself, at the same size, each key given to both.
struct SideBySide {
    on: App,
    sw: FromWhole,
    full: App,
    ww: FromWhole,
    size: String,
}

impl SideBySide {
    fn new(whole: &Arc<Archive>, skeleton: Arc<LazySkeleton>, w: u16, h: u16) -> SideBySide {
        let mut sw = workers(whole, true);
        let on = start_on(skeleton, w, h, &mut sw);
        let full = App::new(
            (**whole).clone(),
            Settings::default(),
            Rect::new(0, 0, w, h),
        );
        SideBySide {
            on,
            sw,
            full,
            ww: workers(whole, true),
            size: format!("{w}×{h}"),
        }
    }

    /// `key` given to both; they draw the same frame after it.
    fn step(&mut self, key: &Action) {
        step(&mut self.on, &mut self.sw, key.clone());
        step(&mut self.full, &mut self.ww, key.clone());
        assert_eq!(
            frame(&self.on),
            frame(&self.full),
            "{}, after {key:?}",
            self.size
        );
    }
}

#[test]
fn the_reader_on_the_skeleton_draws_what_the_reader_on_the_whole_archive_draws() {
    let whole = whole();
    let keys = [
        Action::Down,
        Action::Down,
        Action::Open,
        Action::PageDown,
        Action::NextArticle,
        Action::NextIssue,
        Action::Back,
        Action::FocusLeft,
        Action::Down,
        Action::Open,
        Action::Bottom,
        Action::NextPage,
        Action::JumpBack,
        Action::ToggleIssues,
        Action::Down,
        Action::Open,
    ];
    for (w, h) in [(80, 24), (100, 30), (200, 60), (30, 8)] {
        let mut skeleton_workers = workers(&whole, true);
        let mut on = on_skeleton(&whole, w, h, &mut skeleton_workers);
        let mut whole_workers = workers(&whole, true);
        let mut full = App::new((*whole).clone(), Settings::default(), Rect::new(0, 0, w, h));
        assert_eq!(frame(&on), frame(&full), "{w}×{h}, first frame");
        for key in &keys {
            step(&mut on, &mut skeleton_workers, key.clone());
            step(&mut full, &mut whole_workers, key.clone());
            assert_eq!(frame(&on), frame(&full), "{w}×{h}, after {key:?}");
        }
        assert!(on.text_pending, "reading never loaded the whole text");
        assert_eq!(skeleton_workers.loads, 0);
        // (30×8 is too small for the reader: nothing is shown, or read.)
        assert_eq!(
            skeleton_workers.read.is_empty(),
            on.geometry().reader.is_none() && w < 80,
            "{w}×{h}: the articles shown were read with their issues"
        );
        let mut read = skeleton_workers.read.clone();
        read.sort_unstable();
        read.dedup();
        assert_eq!(
            read.len(),
            skeleton_workers.read.len(),
            "each issue read once: {:?}",
            skeleton_workers.read
        );
    }
}

#[test]
fn what_needs_every_text_waits_for_it_and_a_body_search_runs_once_it_has_come() {
    let whole = whole();
    let mut w = workers(&whole, true);
    let mut app = on_skeleton(&whole, 100, 30, &mut w);
    step(&mut app, &mut w, Action::FocusRight);

    // The search prompt opens at once and the search goes to the worker,
    // which reads the candidates' issues alone when it can.
    step(&mut app, &mut w, Action::Search);
    assert!(app.overlay.is_some(), "the search prompt is open");
    for c in "株洲".chars() {
        step(&mut app, &mut w, Action::Input(InputKey::Char(c)));
    }
    let asked = step(&mut app, &mut w, Action::Input(InputKey::Submit));
    let ask = app.search_ask().expect("a search is asked");
    assert!(
        asked
            .iter()
            .any(|e| matches!(e, Effect::Search(a) if *a == ask)),
        "{asked:?}"
    );
    assert_eq!(w.loads, 0, "no whole text asked for a search");
    // When it cannot, the search waits for every article's text.
    step(&mut app, &mut w, Action::SearchNeedsText(ask.clone()));
    assert_eq!(w.loads, 1);
    step(&mut app, &mut w, Action::Input(InputKey::Cancel));

    // Showing the parse (`o`), no issue corrected here: on the skeleton,
    // at once, and back.
    step(&mut app, &mut w, Action::ShowOriginal);
    assert!(app.show_original, "{:?}", app.status);
    step(&mut app, &mut w, Action::ShowOriginal);
    assert!(!app.show_original, "{:?}", app.status);
    // A parse not held read alone (the corrected issue it replaces is
    // what `o` sets aside) waits for every article's text.
    app.parsed_issues.insert(3, whole.issues[3].clone());
    step(&mut app, &mut w, Action::ShowOriginal);
    assert!(!app.show_original, "not shown yet");
    let said = app.status.clone().unwrap_or_default();
    assert!(said.contains("正文载入中"), "{said}");
    assert!(
        frame(&app).contains("正文载入中"),
        "the status line says so"
    );
    step(&mut app, &mut w, Action::ShowOriginal);
    assert_eq!(w.loads, 1, "the text is asked for once");

    // The search asked again before the text comes runs when it does.
    step(&mut app, &mut w, Action::Search);
    step(&mut app, &mut w, Action::Input(InputKey::Submit));
    let ask = app.search_ask().expect("the same search asked again");
    step(&mut app, &mut w, Action::SearchNeedsText(ask.clone()));
    let after = step(&mut app, &mut w, Action::TextLoaded(loaded(&whole)));
    assert!(
        after
            .iter()
            .any(|e| matches!(e, Effect::Search(a) if *a == ask)),
        "{after:?}"
    );
    assert!(!app.text_pending);

    // With the text, the parse shows.
    step(&mut app, &mut w, Action::Input(InputKey::Cancel));
    step(&mut app, &mut w, Action::ShowOriginal);
    assert!(app.show_original, "{:?}", app.status);
}

/// On the skeleton an issue's date is corrected, a mark taken back with
/// `u`, and a run of lines selected in the source view, as on the whole
/// archive, with nothing loaded.
#[test]
fn a_date_an_undo_and_a_selected_run_need_no_more_than_the_skeleton() {
    let whole = whole();
    let mut keys = vec![
        Action::Down,
        Action::EditDate,
        Action::Input(InputKey::KillToStart),
    ];
    keys.extend(
        "2021-02-03"
            .chars()
            .map(|c| Action::Input(InputKey::Char(c))),
    );
    keys.extend([
        Action::Input(InputKey::Submit),
        Action::FocusRight,
        Action::ReviewStatus,
        Action::Undo,
        Action::Open,
        Action::Source,
        Action::SelectRun,
        Action::Down,
        Action::Down,
    ]);
    for (w, h) in [(80, 24), (140, 40)] {
        let mut both = SideBySide::new(&whole, Arc::new(LazySkeleton::of(&whole)), w, h);
        for key in &keys {
            both.step(key);
            if *key == Action::Input(InputKey::Submit) {
                assert!(
                    frame(&both.on).contains("2021-02-03"),
                    "{w}×{h}: the date shows"
                );
            }
        }
        assert_eq!(both.sw.loads, 0, "{w}×{h}: nothing loaded");
        assert!(
            both.on.source.as_ref().is_some_and(|p| p.run().is_some()),
            "{w}×{h}: a run is selected"
        );
    }
}

/// Structural corrections by keyboard on the skeleton: made on the shown
/// issue read alone and drawn as on the whole archive (the lists, the
/// reader, the source view, the filter's index spliced), taken back with
/// `u`, and nothing loaded; the whole archive that comes later, with the
/// corrections applied, replaces the skeleton as it is.
#[test]
fn structural_corrections_on_the_skeleton_draw_what_they_draw_on_the_whole_archive() {
    let whole = whole();
    let mut keys = vec![Action::FocusRight, Action::Open, Action::Source];
    // To line 15, a paragraph of the first article.
    keys.extend(std::iter::repeat_n(Action::Down, 10));
    keys.extend([
        Action::SplitHere,
        Action::Undo,
        Action::SplitHere,
        Action::Back,
        Action::NextArticle,
        Action::Source,
        Action::MergePrevious,
        Action::Back,
        Action::NextIssue,
        Action::Source,
        Action::MergeNext,
        Action::Back,
        // The parse, on the skeleton: the corrected issues set aside.
        Action::ShowOriginal,
        Action::PrevIssue,
        Action::NextArticle,
        Action::ShowOriginal,
        Action::Filter,
    ]);
    keys.extend("jiu".chars().map(|c| Action::Input(InputKey::Char(c))));
    for (w, h) in [(80, 24), (140, 40)] {
        let handed = Arc::new(LazySkeleton::of(&whole));
        let mut both = SideBySide::new(&whole, handed.clone(), w, h);
        let mut made = 0;
        let mut retired = None;
        for key in &keys {
            both.step(key);
            let said = both.on.status.clone().unwrap_or_default();
            if let Some((_, gone)) = said.split_once(": ")
                && let Some((id, _)) = gone.split_once(" retired")
            {
                retired = Some(id.to_string());
            }
            if matches!(
                key,
                Action::SplitHere | Action::MergePrevious | Action::MergeNext
            ) {
                assert!(said.contains("undo"), "{w}×{h} {key:?}: {said}");
                made += 1;
            }
            if *key == Action::ShowOriginal && both.on.show_original {
                assert!(said.contains("structural correction"), "{w}×{h}: {said}");
            }
        }
        assert_eq!(made, 4);
        let SideBySide { on, full, .. } = &both;
        assert!(
            on.text_pending && both.sw.loads == 0,
            "{w}×{h}: nothing loaded"
        );
        assert_eq!(on.article_count(), full.article_count(), "{w}×{h}");
        // The filter's index: the corrected issues' headlines spliced in,
        // as on the whole archive.
        assert!(!on.indexing && on.index.len() == full.index.len());
        assert_eq!(on.index.to_bytes(), full.index.to_bytes(), "{w}×{h}");
        // The check of the skeleton handed over finds it still stands: the
        // corrections made on it stay.
        let checked = kanbao::tui::CheckedSkeleton {
            skeleton: handed,
            index: None,
            texts: Vec::new(),
            parsed: Default::default(),
        };
        step(&mut both.on, &mut both.sw, Action::SkeletonChecked(checked));
        assert_eq!(frame(&both.on), frame(&both.full), "{w}×{h}, checked");
        assert_eq!(both.on.index.to_bytes(), both.full.index.to_bytes());
        // The whole archive, as the loader reads it with the corrections
        // made (from the review file; here, the reader's own).
        let mut corrected = Archive::clone(&whole);
        let structure = both.on.reviews.structure.clone();
        kanbao::review::structure::apply_read(&mut corrected, &structure);
        let mut loaded = loaded(&Arc::new(corrected));
        loaded.parsed = kanbao::review::structure::issues_as_parsed(&whole, &structure);
        loaded.same_as_skeleton = true;
        both.step(&Action::Input(InputKey::Cancel));
        // The text comes while `o` shows the parse, the reader on an
        // article a merge retired (only the parse has it): it shows the
        // parse still, on that article, the filter's index as the whole
        // archive's.
        both.step(&Action::ShowOriginal);
        let retired = retired.expect("a merge said what it retired");
        let on_it = |app: &App| app.current_article().is_some_and(|a| a.id == retired);
        for key in [Action::PrevArticle, Action::NextArticle] {
            for _ in 0..60 {
                if on_it(&both.on) {
                    break;
                }
                both.step(&key);
            }
        }
        assert!(on_it(&both.on), "{w}×{h}: {retired} shown under o");
        step(&mut both.on, &mut both.sw, Action::TextLoaded(loaded));
        assert!(!both.on.text_pending);
        assert!(both.on.show_original);
        assert!(on_it(&both.on), "{w}×{h}: still on {retired}");
        assert_eq!(
            frame(&both.on),
            frame(&both.full),
            "{w}×{h}, the whole text come"
        );
        // The filter's index, being built again for the archive that came
        // (the corrections made here were read again with it), is built
        // behind, not on the loop's thread.
        assert!(both.on.indexing, "{w}×{h}: the index built behind");
        both.step(&Action::ShowOriginal);
        // `o` twice, and `u` taking back the corrections made on the
        // skeleton, change the archive in place (no copy of it: at 100k
        // issues `u` took 11.2 s with one).
        let shown = Arc::as_ptr(&both.on.archive);
        for key in [Action::ShowOriginal, Action::ShowOriginal] {
            both.step(&key);
            let said = both.on.status.clone().unwrap_or_default();
            assert!(said.starts_with("showing the"), "{w}×{h}: {said}");
        }
        assert!(!both.on.show_original);
        for _ in 0..3 {
            both.step(&Action::Undo);
            let said = both.on.status.clone().unwrap_or_default();
            assert!(said.starts_with("undone"), "{w}×{h}: {said}");
        }
        assert_eq!(both.on.article_count(), whole.article_count());
        assert!(
            std::ptr::eq(shown, Arc::as_ptr(&both.on.archive)),
            "{w}×{h}: copied"
        );
    }
}

/// `V` on the skeleton: the articles still to review, as on the whole
/// archive, across issues, each issue's list made as it is shown, and
/// nothing loaded; `v` on a listed article keeps it listed until `V` is
/// pressed again.
#[test]
fn the_review_filter_on_the_skeleton_lists_what_it_lists_on_the_whole_archive() {
    let whole = whole();
    let keys = [
        Action::FocusRight,
        Action::ReviewOkNext,
        Action::Down,
        Action::ReviewOkNext,
        Action::ReviewOkNext,
        Action::ReviewFilter,
        Action::Down,
        Action::ReviewStatus,
        Action::Down,
        Action::NextIssue,
        Action::ReviewOkNext,
        Action::PrevIssue,
        Action::ReviewFilter,
        Action::ReviewFilter,
        Action::NextArticle,
        Action::Open,
        Action::NextArticle,
    ];
    for (w, h) in [(80, 24), (120, 40)] {
        let mut both = SideBySide::new(&whole, Arc::new(LazySkeleton::of(&whole)), w, h);
        for key in &keys {
            both.step(key);
        }
        let on = &both.on;
        assert!(on.review_filter && on.text_pending, "{w}×{h}");
        assert_eq!(both.sw.loads, 0, "{w}×{h}: nothing loaded");
        // Fewer rows than articles: the filter took the ok ones out.
        let listed: usize = (0..whole.issues.len())
            .map(|i| on.issue_rows(i).len())
            .sum();
        assert!(listed < whole.article_count(), "{listed}");
    }
}

/// A review mark holds for its article's whole text: on the skeleton it is
/// made against the shown article's issue read alone, as on the whole
/// archive, and loads nothing; an issue that could not be read alone
/// waits for every article's text.
#[test]
fn a_review_mark_on_the_skeleton_is_made_against_the_issue_read_alone() {
    let whole = whole();
    let keys = [
        Action::Down,
        Action::Open,
        Action::ReviewStatus,
        Action::ReviewOkNext,
        Action::ReviewFixNext,
        Action::NextIssue,
        Action::ReviewStatus,
        Action::ReviewStatus,
        Action::FocusLeft,
    ];
    let mut w = workers(&whole, true);
    let mut on = on_skeleton(&whole, 100, 30, &mut w);
    let mut ww = workers(&whole, true);
    let mut full = App::new(
        (*whole).clone(),
        Settings::default(),
        Rect::new(0, 0, 100, 30),
    );
    for key in keys {
        step(&mut on, &mut w, key.clone());
        step(&mut full, &mut ww, key.clone());
        assert_eq!(frame(&on), frame(&full), "after {key:?}");
    }
    assert_eq!(on.reviews.articles.len(), 3);
    assert_eq!(on.reviews.articles, full.reviews.articles, "the same marks");
    for (id, entry) in &on.reviews.articles {
        let (_, article) = whole.article(id).unwrap();
        assert_eq!(
            entry.fingerprint,
            kanbao::review::fingerprint(article),
            "{id}"
        );
    }
    assert!(frame(&on).contains("审校 needs-fix"), "{}", frame(&on));
    assert!(on.text_pending && w.loads == 0, "no article's text loaded");

    // A write comes back with a teammate's corrected headline in an issue
    // not read: it is read alone, and the filter finds the headline so.
    use kanbao::review::{ReviewChange, ReviewStatus};
    let far = 3;
    assert!(!w.read.contains(&far), "not read yet: {:?}", w.read);
    let mut team = on.reviews.clone();
    let mut change = ReviewChange::status(ReviewStatus::Ok);
    change.headline = Some(Some("鹦鹉螺号试航成功".into()));
    team.apply(
        whole.issues[far].articles().next().unwrap(),
        &change,
        None,
        0,
    );
    let written = kanbao::tui::Written::Reviews {
        reviews: Some(team),
        news: None,
    };
    let asked = step(&mut on, &mut w, Action::Written(written));
    assert!(
        asked
            .iter()
            .any(|e| matches!(e, Effect::ReadIssue(n) if *n == far)),
        "{asked:?}"
    );
    step(&mut on, &mut w, Action::Filter);
    for c in "ywlh".chars() {
        step(&mut on, &mut w, Action::Input(InputKey::Char(c)));
    }
    let asked = on.filter_ask().expect("the filter asks");
    let result = on.index.filter("ywlh", asked.scope, 50, &|| false).unwrap();
    assert_eq!(result.total, 1, "found by its correction");
    step(&mut on, &mut w, Action::FilterDone { asked, result });
    assert!(
        frame(&on).contains("✎ 高质量发展的株洲实践 鹦鹉螺号试航成功"),
        "{}",
        frame(&on)
    );
    assert_eq!(w.loads, 0);

    let mut w = workers(&whole, false);
    let mut app = on_skeleton(&whole, 100, 30, &mut w);
    step(&mut app, &mut w, Action::Open);
    step(&mut app, &mut w, Action::ReviewStatus);
    assert!(app.reviews.articles.is_empty(), "nothing marked");
    assert_eq!(w.loads, 1, "every article's text asked for");
}

#[test]
fn the_shown_article_copies_from_its_issue_read_alone() {
    let whole = whole();
    let mut w = workers(&whole, true);
    let mut app = on_skeleton(&whole, 100, 30, &mut w);
    step(&mut app, &mut w, Action::Open);
    let copied = step(&mut app, &mut w, Action::Copy);
    let body = &app.current_article().unwrap().body[0].text;
    let first: String = body.chars().take(12).collect();
    assert!(
        copied
            .iter()
            .any(|e| matches!(e, Effect::Copy(text) if text.contains(&first))),
        "{copied:?}"
    );
    assert_eq!(w.loads, 0, "no whole text for one article");
}

/// The source view and an issue's notes on the skeleton: drawn from the
/// issue read alone as on the whole archive, following the reader across
/// issues, with nothing loaded; an issue that cannot be read alone asks
/// for every article's text.
#[test]
fn the_source_view_on_the_skeleton_draws_what_it_draws_on_the_whole_archive() {
    let whole = whole();
    let keys = [
        Action::Open,
        Action::Source,
        Action::Down,
        Action::NextArticle,
        Action::NextIssue,
        Action::Down,
        Action::NextIssue,
        Action::Source,
        Action::IssueNotes,
        Action::NextIssue,
        Action::IssueNotes,
        Action::Source,
    ];
    for (w, h) in [(80, 24), (140, 40)] {
        let mut both = SideBySide::new(&whole, Arc::new(LazySkeleton::of(&whole)), w, h);
        for key in &keys {
            both.step(key);
        }
        assert!(
            both.on.text_pending && both.sw.loads == 0,
            "{w}×{h}: nothing loaded"
        );
    }
    let mut w = workers(&whole, false);
    let mut app = on_skeleton(&whole, 140, 40, &mut w);
    step(&mut app, &mut w, Action::Open);
    step(&mut app, &mut w, Action::Source);
    assert_eq!(w.loads, 1, "every article's text asked for");
    assert!(app.source.is_none(), "the view waits for the text");
    // Once it has come, the key opens the view.
    step(&mut app, &mut w, Action::TextLoaded(loaded(&whole)));
    step(&mut app, &mut w, Action::Source);
    let mut full = App::new(
        (*whole).clone(),
        Settings::default(),
        Rect::new(0, 0, 140, 40),
    );
    let mut ww = workers(&whole, true);
    step(&mut full, &mut ww, Action::Open);
    step(&mut full, &mut ww, Action::Source);
    assert_eq!(
        frame(&app),
        frame(&full),
        "the source view once the text came"
    );
}

#[test]
fn an_issue_that_cannot_be_read_alone_says_so_and_the_whole_text_is_offered() {
    let whole = whole();
    let mut w = workers(&whole, false);
    let mut app = on_skeleton(&whole, 100, 30, &mut w);
    step(&mut app, &mut w, Action::Open);
    let shown = frame(&app);
    assert!(shown.contains("正文未载入"), "{shown}");
    // Copying it needs the whole text.
    step(&mut app, &mut w, Action::Copy);
    assert_eq!(w.loads, 1);
    step(&mut app, &mut w, Action::TextLoaded(loaded(&whole)));
    let body = &app.current_article().unwrap().body[0].text;
    let first: String = body.chars().take(8).collect();
    let shown = frame(&app);
    assert!(!shown.contains("正文未载入"), "{shown}");
    assert!(shown.contains(&first), "{first} in\n{shown}");
}

#[test]
fn the_reader_on_the_skeleton_reads_only_the_issues_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::generated::archive(dir.path(), 300, 7);
    let whole = Arc::new(loader::load_path(&root, &LoadOptions::default()).unwrap());
    assert_eq!(whole.issues.len(), 300);
    let skeleton = Arc::new(LazySkeleton::of(&whole));
    let read = |s: &LazySkeleton| (0..s.len()).filter(|&n| s.is_read(n)).count();
    let (w, h) = (80, 24);
    let mut skeleton_workers = workers(&whole, true);
    let mut on = start_on(skeleton.clone(), w, h, &mut skeleton_workers);
    let mut full = App::new((*whole).clone(), Settings::default(), Rect::new(0, 0, w, h));
    let mut full_workers = workers(&whole, true);
    assert_eq!(frame(&on), frame(&full));
    // The status line counts every article, none of them read.
    let total = whole.article_count();
    assert!(
        frame(&on).contains(&format!("{total} articles")),
        "{}",
        frame(&on)
    );
    let shown = read(&skeleton);
    assert!(
        (1..=h as usize).contains(&shown),
        "a screen of issues read at most, not {shown} of 300"
    );
    for key in [
        Action::Bottom,
        Action::PageUp,
        Action::Open,
        Action::NextIssue,
    ] {
        step(&mut on, &mut skeleton_workers, key.clone());
        step(&mut full, &mut full_workers, key.clone());
        assert_eq!(frame(&on), frame(&full), "after {key:?}");
    }
    assert!(skeleton.is_read(299), "the last issue, shown, was read");
    let after = read(&skeleton);
    assert!(
        after <= 3 * h as usize,
        "three screens of issues read at most, not {after} of 300"
    );
}

/// Review entries are checked against their articles' whole text, which
/// the skeleton lacks: with the issues they bear on read alone (as the
/// loader hands them over), the reader on the skeleton shows the marks,
/// notes and corrected headlines the reader on the whole archive shows,
/// and its filter finds a headline by its correction; a skeleton brought
/// forward comes with them read again.
#[test]
fn with_the_reviewed_issues_read_alone_the_skeleton_shows_what_the_whole_archive_shows() {
    use kanbao::review::{ReviewChange, ReviewFile, ReviewStatus};
    let whole = whole();
    let (retitled, noted) = ((1, 0), (3, 1));
    let article = |(i, n): (usize, usize)| whole.issues[i].articles().nth(n).unwrap();
    let mut reviews = ReviewFile::default();
    let mut change = ReviewChange::status(ReviewStatus::Ok);
    change.headline = Some(Some("鹦鹉螺号试航成功".into()));
    reviews.apply(article(retitled), &change, None, 0);
    reviews.apply(
        article(noted),
        &ReviewChange::note(Some("版面有误".into())),
        None,
        0,
    );
    let read_alone = || [retitled.0, noted.0].map(|i| (i, Arc::new(whole.issues[i].clone())));
    let keys = [
        Action::Down,
        Action::Open,
        Action::NextIssue,
        Action::NextIssue,
        Action::NextArticle,
        Action::FocusLeft,
        Action::Top,
        Action::Down,
        Action::Open,
    ];
    for (w, h) in [(80, 24), (120, 40)] {
        let mut sw = workers(&whole, true);
        let mut on = on_skeleton(&whole, w, h, &mut sw);
        on.reviews = reviews.clone();
        on.hold_texts(read_alone());
        let mut ww = workers(&whole, true);
        let mut full = App::new((*whole).clone(), Settings::default(), Rect::new(0, 0, w, h));
        full.reviews = reviews.clone();
        for key in &keys {
            step(&mut on, &mut sw, key.clone());
            step(&mut full, &mut ww, key.clone());
            assert_eq!(frame(&on), frame(&full), "{w}×{h}, after {key:?}");
        }
        let screen = frame(&on);
        assert!(screen.contains("✔  ✎鹦鹉螺号"), "{w}×{h}: {screen}");
        // Found by its correction (`ywlh`), as on the whole archive.
        let filtered = |app: &mut App| {
            let w = &mut workers(&whole, true);
            step(app, w, Action::Filter);
            for c in "ywlh".chars() {
                step(app, w, Action::Input(InputKey::Char(c)));
            }
            let asked = app.filter_ask().expect("the filter asks");
            let result = app
                .index
                .filter("ywlh", asked.scope, 50, &|| false)
                .unwrap();
            step(app, w, Action::FilterDone { asked, result });
            frame(app)
        };
        let screen = filtered(&mut on);
        assert_eq!(screen, filtered(&mut full), "{w}×{h}, the filter");
        assert!(screen.contains("鹦鹉螺号试航成功"), "{w}×{h}: {screen}");
        assert!(on.text_pending && sw.loads == 0, "no article's text loaded");

        // Brought forward, the skeleton comes with the reviewed issues
        // read again: the marks stay.
        step(&mut on, &mut sw, Action::Input(InputKey::Cancel));
        step(&mut full, &mut ww, Action::Input(InputKey::Cancel));
        let brought = Arc::new(LazySkeleton::of(&whole));
        step(
            &mut on,
            &mut sw,
            Action::SkeletonChecked(kanbao::tui::CheckedSkeleton {
                skeleton: brought,
                index: Some(Arc::new(HeadlineIndex::build(&whole, true))),
                texts: read_alone().to_vec(),
                parsed: Default::default(),
            }),
        );
        let screen = filtered(&mut on);
        assert_eq!(screen, filtered(&mut full), "{w}×{h}, brought forward");
        assert!(screen.contains("鹦鹉螺号试航成功"), "{w}×{h}: {screen}");
    }
}

#[test]
fn a_skeleton_brought_forward_replaces_the_one_shown_and_the_reader_stays_on_its_article() {
    let whole = whole();
    let mut w = workers(&whole, true);
    let mut app = on_skeleton(&whole, 100, 30, &mut w);
    step(&mut app, &mut w, Action::Down);
    step(&mut app, &mut w, Action::Open);
    step(&mut app, &mut w, Action::NextArticle);
    let reading = app.current_article().unwrap().id.clone();
    let generation = app.archive_generation();

    // The same skeleton, checked: nothing changes.
    let same = kanbao::tui::CheckedSkeleton {
        skeleton: app.skeleton().expect("on the skeleton").clone(),
        index: None,
        texts: Vec::new(),
        parsed: Default::default(),
    };
    let before = frame(&app);
    step(&mut app, &mut w, Action::SkeletonChecked(same));
    assert_eq!(frame(&app), before);
    assert_eq!(app.archive_generation(), generation);
    assert!(!app.indexing);

    // A few files changed: an issue came first (its id sorts first) and
    // the issue read shows its article's new title.
    let mut changed = (*whole).clone();
    let mut first = changed.issues[0].clone();
    first.id = "1999-01-01".into();
    first.date = None;
    for a in first.pages.iter_mut().flat_map(|p| p.articles.iter_mut()) {
        a.id = a.id.replacen(&whole.issues[0].id, "1999-01-01", 1);
    }
    changed.issues.insert(0, first);
    let brought = Arc::new(LazySkeleton::of(&changed));
    // Issues are read alone from the archive as it now is.
    w.whole = Arc::new(changed.clone());
    // The filter open, showing hits of the index before.
    step(&mut app, &mut w, Action::Filter);
    step(&mut app, &mut w, Action::Input(InputKey::Char('z')));
    let asked = app.filter_ask().expect("the filter asks");
    let result = app.index.filter("z", asked.scope, 50, &|| false).unwrap();
    step(&mut app, &mut w, Action::FilterDone { asked, result });
    // A hit's row: its date and page, then its title.
    let hit_rows = |screen: &str| screen.lines().filter(|l| l.contains(" A1  ")).count();
    assert!(hit_rows(&frame(&app)) > 3, "{}", frame(&app));
    let after = step(
        &mut app,
        &mut w,
        Action::SkeletonChecked(kanbao::tui::CheckedSkeleton {
            skeleton: brought,
            index: None,
            texts: Vec::new(),
            parsed: Default::default(),
        }),
    );
    assert_eq!(app.archive.issues.len(), whole.issues.len() + 1);
    // Its hits named the index before: they are dropped, not drawn from
    // the new one (which has no entries yet), and it waits for that.
    let screen = frame(&app);
    assert!(screen.contains("索引中 indexing"), "{screen}");
    assert_eq!(hit_rows(&screen), 0, "no hit left: {screen}");
    step(&mut app, &mut w, Action::Input(InputKey::Cancel));
    assert_eq!(
        app.current_article().map(|a| a.id.as_str()),
        Some(reading.as_str())
    );
    assert!(app.indexing, "its headline index is to be built");
    assert_eq!(app.archive_generation(), generation + 1);
    assert!(
        after
            .iter()
            .any(|e| matches!(e, Effect::ReadIssue(n) if *n == app.issue)),
        "the issue shown is read alone again: {after:?}"
    );
    assert!(frame(&app).contains(&format!("{} issues", whole.issues.len() + 1)));

    // An index built for the skeleton before is dropped; one for this is taken.
    let old = Arc::new(HeadlineIndex::build(&whole, true));
    step(
        &mut app,
        &mut w,
        Action::IndexBuilt(kanbao::tui::BuiltIndex(old, generation)),
    );
    assert!(app.indexing);
    let new = Arc::new(HeadlineIndex::build(&changed, true));
    step(
        &mut app,
        &mut w,
        Action::IndexBuilt(kanbao::tui::BuiltIndex(new.clone(), generation + 1)),
    );
    assert!(!app.indexing);
    assert!(Arc::ptr_eq(&app.index, &new));
}

#[test]
fn a_whole_archive_unlike_the_skeleton_replaces_it_and_is_indexed_behind() {
    let whole = whole();
    let mut w = workers(&whole, true);
    let mut app = on_skeleton(&whole, 100, 30, &mut w);
    step(&mut app, &mut w, Action::Down);
    step(&mut app, &mut w, Action::Open);
    let reading = app.current_article().unwrap().id.clone();
    let generation = app.archive_generation();
    // A file changed between the skeleton and the load: a headline reads
    // otherwise.
    let mut changed = (*whole).clone();
    let article = changed.issues[0].pages[0].articles.first_mut().unwrap();
    article.headline.as_mut().unwrap().text = "一个改过的标题".into();
    step(
        &mut app,
        &mut w,
        Action::TextLoaded(LoadedText {
            archive: Arc::new(changed.clone()),
            parsed: Default::default(),
            same_as_skeleton: false,
        }),
    );
    assert!(!app.text_pending && app.skeleton().is_none());
    assert_eq!(app.archive_generation(), generation + 1);
    assert!(app.indexing, "indexed behind the reader, not on its thread");
    assert_eq!(
        app.current_article().map(|a| a.id.as_str()),
        Some(reading.as_str())
    );
    let index = Arc::new(HeadlineIndex::build(&changed, true));
    step(
        &mut app,
        &mut w,
        Action::IndexBuilt(kanbao::tui::BuiltIndex(index.clone(), generation + 1)),
    );
    assert!(!app.indexing && Arc::ptr_eq(&app.index, &index));
}
