//! Finding and marking in the reader: the filter, body search, bookmarks,
//! review marks and editors, driven through `update()` with the workers'
//! answers fed back as the shell would.

mod common;

use common::{frame as screen, settle, update};
use kanbao::loader::{LoadOptions, load_sample};
use kanbao::search::{HeadlineIndex, Scope};
use kanbao::tui::geometry::Pane;
use kanbao::tui::overlay::Overlay;
use kanbao::tui::{Action, App, BuiltIndex, FilterAsk, InputKey, Persist, Settings, restore_marks};
use ratatui::layout::Rect;
use std::sync::Arc;

fn app() -> App {
    App::new(
        load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, 120, 40),
    )
}

/// The sample's app as the reader starts it on a large archive, before its
/// headline index has been built, and the index its worker would hand over.
fn app_indexing(w: u16, h: u16) -> (App, BuiltIndex) {
    let archive = load_sample(&LoadOptions::default());
    let index = BuiltIndex(Arc::new(HeadlineIndex::build(&archive, true)), 0);
    (
        App::indexing(archive, Settings::default(), Rect::new(0, 0, w, h)),
        index,
    )
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Input(InputKey::Char(c)));
        settle(app);
    }
}

fn key(app: &mut App, k: InputKey) {
    update(app, Action::Input(k));
    settle(app);
}

fn filter_titles(app: &App) -> Vec<String> {
    match &app.overlay {
        Some(Overlay::Filter(f)) => f
            .result
            .hits
            .iter()
            .map(|h| app.index.text(h.entry).to_string())
            .collect(),
        _ => panic!("filter open"),
    }
}

#[test]
fn filter_by_pinyin_opens_the_article_and_the_lists_follow() {
    let mut a = app();
    update(&mut a, Action::Filter);
    settle(&mut a);
    assert_eq!(
        filter_titles(&a).len(),
        34,
        "an empty query lists every headline"
    );
    type_text(&mut a, "mtf");
    let titles = filter_titles(&a);
    assert!(titles[0].contains("毛腾飞"), "{titles:?}");
    key(&mut a, InputKey::Down);
    key(&mut a, InputKey::Submit);
    assert!(a.overlay.is_none());
    assert_eq!(a.focus, Pane::Reader);
    let opened = a.current_article().unwrap();
    let (kicker, headline, _) = a.shown_titles(opened);
    assert!(
        headline.contains("毛腾飞") || kicker.is_some_and(|k| k.contains("毛腾飞")),
        "the second hit is one of his articles"
    );
    assert_eq!(
        a.current_issue().unwrap().id,
        opened.id.split('/').next().unwrap()
    );
    assert!(a.read.contains(&opened.id));
}

#[test]
fn the_archive_reads_while_its_headlines_are_indexed_and_the_filter_runs_when_they_are() {
    let (mut a, index) = app_indexing(120, 40);
    // Reading does not wait for the index.
    update(&mut a, Action::Open);
    update(&mut a, Action::Open);
    assert_eq!(a.focus, Pane::Reader);
    let reading = a.current_article().unwrap().id.clone();
    let headline = &a.current_article().unwrap().headline.as_ref().unwrap().text;
    let start: String = headline.chars().take(6).collect();
    assert!(screen(&a).contains(&start), "{}", screen(&a));
    // The filter takes the query and says why nothing is listed yet.
    update(&mut a, Action::Filter);
    settle(&mut a);
    let opened = screen(&a);
    assert!(opened.contains("indexing"), "{opened}");
    assert!(!opened.contains("no headline matches"), "{opened}");
    type_text(&mut a, "mtf");
    let waiting = screen(&a);
    assert!(waiting.contains("indexing"), "{waiting}");
    assert!(!waiting.contains("no headline matches"), "{waiting}");
    assert!(filter_titles(&a).is_empty());
    // The index arrives: the query typed meanwhile runs, and a message on
    // the status line (a config mistake, say) is still there.
    a.status = Some("config.ron:1:9: unknown theme".into());
    update(&mut a, Action::IndexBuilt(index));
    assert_eq!(a.status.as_deref(), Some("config.ron:1:9: unknown theme"));
    settle(&mut a);
    assert!(!a.indexing);
    let titles = filter_titles(&a);
    assert!(titles[0].contains("毛腾飞"), "{titles:?}");
    let found = screen(&a);
    assert!(
        !found.contains("indexing") && found.contains(" 条"),
        "{found}"
    );
    // Esc comes back to the article being read.
    key(&mut a, InputKey::Cancel);
    assert_eq!(a.current_article().unwrap().id, reading);
}

#[test]
fn the_index_arriving_while_the_help_is_open_is_kept_and_the_help_stays() {
    let (mut a, index) = app_indexing(80, 24);
    update(&mut a, Action::ToggleHelp);
    update(&mut a, Action::IndexBuilt(index));
    assert!(
        a.help,
        "a worker's answer is not a key that closes the help"
    );
    assert!(!a.indexing);
    update(&mut a, Action::ToggleHelp);
    update(&mut a, Action::Filter);
    settle(&mut a);
    assert_eq!(filter_titles(&a).len(), 34, "every headline, indexed");
}

#[test]
fn filter_scope_and_escape_restores_the_view() {
    let mut a = app();
    update(&mut a, Action::Down); // 2021-01-10
    update(&mut a, Action::Open);
    update(&mut a, Action::Down);
    let before = (a.issue, a.article, a.focus);
    update(&mut a, Action::Filter);
    type_text(&mut a, "毛腾飞");
    let all = filter_titles(&a);
    let containing = (0..a.index.len() as u32)
        .filter(|&e| a.index.text(e).contains("毛腾飞"))
        .count();
    assert_eq!(all.len(), containing);
    assert!(all.iter().all(|t| t.contains("毛腾飞")), "{all:?}");
    key(&mut a, InputKey::Tab);
    let this_issue = filter_titles(&a);
    assert_eq!(this_issue.len(), 2, "{this_issue:?}");
    key(&mut a, InputKey::Down);
    key(&mut a, InputKey::Cancel);
    assert!(a.overlay.is_none());
    assert_eq!((a.issue, a.article, a.focus), before);
}

#[test]
fn a_stale_filter_answer_is_dropped() {
    let mut a = app();
    update(&mut a, Action::Filter);
    type_text(&mut a, "mtf");
    let answered_mtf = filter_titles(&a);
    // The user types on; an answer for an older query ("mt") arrives late.
    update(&mut a, Action::Input(InputKey::Char('x')));
    let stale = a.index.filter("mt", Scope::All, 500, &|| false).unwrap();
    assert_ne!(stale.hits.len(), answered_mtf.len(), "a different answer");
    let index = a.index_version;
    update(
        &mut a,
        Action::FilterDone {
            asked: FilterAsk {
                query: "mt".into(),
                scope: Scope::All,
                index,
            },
            result: stale,
        },
    );
    match &a.overlay {
        Some(Overlay::Filter(f)) => assert_eq!(f.answered, "mtf", "the stale answer is ignored"),
        _ => panic!("filter open"),
    }
    assert_eq!(
        filter_titles(&a),
        answered_mtf,
        "the previous results stay on screen"
    );
    // An answer for the right query but the other scope is stale too.
    let other_scope = a
        .index
        .filter("mtfx", Scope::Issue(0), 500, &|| false)
        .unwrap();
    let index = a.index_version;
    update(
        &mut a,
        Action::FilterDone {
            asked: FilterAsk {
                query: "mtfx".into(),
                scope: Scope::Issue(0),
                index,
            },
            result: other_scope,
        },
    );
    match &a.overlay {
        Some(Overlay::Filter(f)) => assert_eq!(f.answered, "mtf"),
        _ => panic!("filter open"),
    }
    settle(&mut a);
    match &a.overlay {
        Some(Overlay::Filter(f)) => assert_eq!(f.answered, "mtfx"),
        _ => panic!("filter open"),
    }
}

#[test]
fn opening_a_search_hit_scrolls_to_a_match_far_down() {
    let mut a = App::new(
        load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, 80, 24),
    );
    update(&mut a, Action::Search);
    // Printed once, in the last paragraphs of a long article.
    type_text(&mut a, "茶陵县委政协");
    key(&mut a, InputKey::Submit);
    key(&mut a, InputKey::Submit);
    assert_eq!(a.focus, Pane::Reader);
    let lines = a.reader_lines();
    let at = lines
        .iter()
        .position(|l| l.text.contains("茶陵"))
        .expect("the match is laid out");
    assert!(at >= a.reader_rows(), "the match is below the first screen");
    assert!(
        (a.scroll..a.scroll + a.reader_rows()).contains(&at),
        "line {at} is visible after opening (scroll {}, {} rows)",
        a.scroll,
        a.reader_rows()
    );
}

#[test]
fn body_search_highlights_and_steps_through_matches() {
    let mut a = App::new(
        load_sample(&LoadOptions::default()),
        Settings::default(),
        Rect::new(0, 0, 80, 24),
    );
    update(&mut a, Action::Search);
    type_text(&mut a, "两委 换届");
    key(&mut a, InputKey::Submit);
    let hits = match &a.overlay {
        Some(Overlay::Search(s)) => s.hits.clone(),
        _ => panic!(),
    };
    assert_eq!(hits.len(), 1, "only one article has both terms");
    key(&mut a, InputKey::Submit);
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(a.current_article().unwrap().id, "2021-01-10/A1/3");
    let m = a
        .current_matches()
        .expect("matches kept for the reader")
        .clone();
    assert!(
        m.matches.len() >= 10,
        "every occurrence of both terms: {}",
        m.matches.len()
    );
    // every match lands on its text in some laid-out line
    let lines = a.reader_lines();
    let highlighted: usize = lines
        .iter()
        .map(|l| kanbao::tui::draw::match_ranges(l, &m).len())
        .sum();
    assert!(highlighted >= m.matches.len());
    for l in lines.iter() {
        for (r, _) in kanbao::tui::draw::match_ranges(l, &m) {
            let t = &l.text[r];
            assert!(
                "两委换届".contains(t) || t.chars().all(|c| "两委换届".contains(c)),
                "{t}"
            );
        }
    }
    let first_scroll = a.scroll;
    for _ in 0..m.matches.len() - 1 {
        update(&mut a, Action::NextMatch);
    }
    assert!(a.scroll > first_scroll, "the last match is further down");
    update(&mut a, Action::NextMatch);
    assert_eq!(a.current_matches().unwrap().current, 0, "wraps around");
    update(&mut a, Action::PrevMatch);
    assert_eq!(a.current_matches().unwrap().current, m.matches.len() - 1);
    update(&mut a, Action::NextArticle);
    update(&mut a, Action::NextMatch);
    assert!(a.status.as_deref().unwrap().contains("no search matches"));
}

fn persisted(dir: &std::path::Path) -> Persist {
    Persist {
        archive_key: "sample".into(),
        state_path: Some(dir.join("state.ron")),
        review_path: dir.join("kanbao-review.ron"),
        team_review_path: None,
    }
}

#[test]
fn bookmarks_read_marks_and_position_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    restore_marks(&mut a, Some(persisted(dir.path())));
    update(&mut a, Action::Open);
    update(&mut a, Action::Down);
    update(&mut a, Action::Open);
    update(&mut a, Action::Bookmark);
    update(&mut a, Action::PageDown);
    let (id, scroll) = (a.current_article().unwrap().id.clone(), a.scroll);
    common::leave(&mut a);
    drop(a);

    let mut b = app();
    restore_marks(&mut b, Some(persisted(dir.path())));
    assert!(b.bookmarks.contains(&id));
    assert!(b.read.contains(&id));
    assert_eq!(
        b.current_article().unwrap().id,
        id,
        "last position restored"
    );
    assert_eq!(b.focus, Pane::Reader);
    assert_eq!(b.scroll, scroll);
    // the bookmark list opens it
    update(&mut b, Action::NextIssue);
    update(&mut b, Action::Bookmarks);
    assert!(matches!(b.overlay, Some(Overlay::Bookmarks(_))));
    update(&mut b, Action::Input(InputKey::Submit));
    assert_eq!(b.current_article().unwrap().id, id);
    update(&mut b, Action::Bookmark);
    assert!(!b.bookmarks.contains(&id), "m again removes it");
}

#[test]
fn review_status_note_and_correction_persist_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    restore_marks(&mut a, Some(persisted(dir.path())));
    update(&mut a, Action::Open);
    let id = a.current_article().unwrap().id.clone();
    update(&mut a, Action::ReviewStatus);
    assert_eq!(a.status.as_deref(), Some("review: ok"));
    // note, typed as an input method delivers it
    update(&mut a, Action::EditNote);
    update(&mut a, Action::Paste("标题有错字".into()));
    update(&mut a, Action::Input(InputKey::Char('！')));
    update(&mut a, Action::Input(InputKey::Submit));
    // headline correction
    update(&mut a, Action::EditHeadline);
    for _ in 0..3 {
        update(&mut a, Action::Input(InputKey::Backspace));
    }
    update(&mut a, Action::Paste("剂次".into()));
    update(&mut a, Action::Input(InputKey::Submit));
    let article = a.current_article().unwrap().clone();
    let (_, shown, corrected) = a.shown_titles(&article);
    assert!(corrected);
    assert_eq!(shown, "我市完成加强针接种47万剂次");
    assert!(
        a.reader_lines()
            .iter()
            .any(|l| l.text.contains("我市完成加强针接种47万剂次"))
    );
    assert!(
        a.reader_lines()
            .iter()
            .any(|l| l.text.contains("备注：标题有错字！"))
    );
    update(&mut a, Action::ShowOriginal);
    assert_eq!(a.shown_titles(&article).1, "我市完成加强针接种47万余剂次");
    update(&mut a, Action::ShowOriginal);

    // the review filter hides what is done
    let before = a.current_rows().len();
    update(&mut a, Action::ReviewFilter);
    assert_eq!(a.current_rows().len(), before - 1);
    update(&mut a, Action::ReviewFilter);

    // on disk, for the team
    let file = std::fs::read_to_string(dir.path().join("kanbao-review.ron")).unwrap();
    assert!(
        file.contains(&format!("\"{id}\"")) && file.contains("标题有错字！"),
        "{file}"
    );

    // a restart applies it again
    let mut b = app();
    restore_marks(&mut b, Some(persisted(dir.path())));
    let article = b.archive.article(&id).unwrap().1.clone();
    assert_eq!(b.shown_titles(&article).1, "我市完成加强针接种47万剂次");
    assert_eq!(
        b.review_of(&article).status(),
        kanbao::review::ReviewStatus::Ok
    );
}

#[test]
fn a_review_made_against_other_text_is_reported_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kanbao-review.ron"),
        r#"(version: 1, articles: { "2022-01-07/A1/1": (status: NeedsFix, headline: Some("别的标题"), fingerprint: "0000000000000000", updated: "2026-01-01T00:00:00Z") }, issues: {})"#,
    )
    .unwrap();
    let mut a = app();
    restore_marks(&mut a, Some(persisted(dir.path())));
    let article = a.current_article().unwrap().clone();
    assert_eq!(
        a.shown_titles(&article).1,
        "我市完成加强针接种47万余剂次",
        "never applied to changed text"
    );
    assert!(a.reader_lines().iter().any(|l| l.text.contains("旧文本")));
}

#[test]
fn issue_date_correction_is_checked() {
    let mut a = app();
    update(&mut a, Action::EditDate);
    for _ in 0..10 {
        update(&mut a, Action::Input(InputKey::Backspace));
    }
    update(&mut a, Action::Paste("2022-13-01".into()));
    update(&mut a, Action::Input(InputKey::Submit));
    assert!(a.overlay.is_some(), "a bad date keeps the editor open");
    assert!(a.status.as_deref().unwrap().contains("not a date"));
    for _ in 0..10 {
        update(&mut a, Action::Input(InputKey::Backspace));
    }
    update(&mut a, Action::Paste("2022-01-08".into()));
    update(&mut a, Action::Input(InputKey::Submit));
    assert!(a.overlay.is_none());
    assert_eq!(
        a.reviews.issue_date("2022-01-07").unwrap().to_string(),
        "2022-01-08"
    );
}

#[test]
fn keys_do_not_leak_past_an_open_overlay() {
    let mut a = app();
    update(&mut a, Action::Filter);
    update(&mut a, Action::Down);
    update(&mut a, Action::NextIssue);
    assert_eq!(a.issue, 0, "navigation keys do nothing while typing");
    let effects = update(&mut a, Action::Quit);
    assert!(common::quits(&effects), "but quitting always works");
}

#[test]
fn marks_show_in_the_lists() {
    let mut a = app();
    update(&mut a, Action::Open);
    update(&mut a, Action::ReviewStatus); // ok
    update(&mut a, Action::Bookmark);
    update(&mut a, Action::Down);
    update(&mut a, Action::ReviewStatus);
    update(&mut a, Action::ReviewStatus); // needs fix
    update(&mut a, Action::Open); // read
    let s = screen(&a);
    assert!(
        s.lines().any(|l| l.contains(" ✔⚑ 我市完成加强针接种")),
        "{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.contains("◦✗  中共中央政治局常务委员会召")),
        "{s}"
    );
    update(&mut a, Action::EditDate);
    update(&mut a, Action::Input(InputKey::Backspace));
    update(&mut a, Action::Input(InputKey::Char('8')));
    update(&mut a, Action::Input(InputKey::Submit));
    assert!(
        screen(&a).contains("2022-01-08✎"),
        "a corrected date is marked"
    );
}

/// The reader's text, joined.
fn reader_text(a: &App) -> String {
    a.reader_lines()
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn with_reviewed_articles_hidden_the_reader_shows_the_selected_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    restore_marks(&mut a, Some(persisted(dir.path())));
    update(&mut a, Action::Open);
    update(&mut a, Action::Open);
    update(&mut a, Action::ReviewStatus); // the first article: ok
    update(&mut a, Action::NextArticle);
    update(&mut a, Action::NextArticle);
    let _ = reader_text(&a); // laid out (and cached) before the filter
    update(&mut a, Action::ReviewFilter);
    let shown = a.current_article().unwrap().clone();
    let (_, headline, _) = a.shown_titles(&shown);
    let text = reader_text(&a);
    assert!(
        text.contains(headline.split(' ').next().unwrap()),
        "the reader shows {}, the selection:\n{text}",
        shown.id
    );
    // and a review mark goes to the article on screen
    update(&mut a, Action::ReviewStatus);
    assert!(a.status.as_deref().unwrap().contains("ok"));
    let out = kanbao::review::load_reviews(&dir.path().join("kanbao-review.ron")).unwrap();
    assert!(
        out.value.articles.contains_key(&shown.id),
        "{:?}",
        out.value.articles.keys()
    );
}

#[test]
fn the_title_editor_keeps_both_fields_across_tab() {
    let mut a = app();
    update(&mut a, Action::Down); // 2021-01-10
    update(&mut a, Action::Open);
    update(&mut a, Action::Down);
    update(&mut a, Action::Down);
    update(&mut a, Action::Open); // its third article has a kicker
    let article = a.current_article().unwrap().clone();
    assert!(article.kicker.is_some());
    update(&mut a, Action::EditHeadline);
    key(&mut a, InputKey::End);
    type_text(&mut a, "甲");
    key(&mut a, InputKey::Tab);
    key(&mut a, InputKey::End);
    type_text(&mut a, "乙");
    key(&mut a, InputKey::Tab);
    match &a.overlay {
        Some(Overlay::Editor(ed)) => assert!(ed.input.text.ends_with('甲'), "{}", ed.input.text),
        _ => panic!("editor open"),
    }
    key(&mut a, InputKey::Submit);
    let (kicker, headline, corrected) = a.shown_titles(&article);
    assert!(corrected);
    assert_eq!(headline, format!("{}甲", article.title()));
    assert_eq!(
        kicker.unwrap(),
        format!("{}乙", article.kicker.as_ref().unwrap().text)
    );
}

#[test]
fn the_filter_shows_a_corrected_headline_as_the_lists_do() {
    let mut a = app();
    update(&mut a, Action::Open);
    update(&mut a, Action::Open);
    let parsed = a.current_article().unwrap().title();
    update(&mut a, Action::EditHeadline);
    key(&mut a, InputKey::End);
    type_text(&mut a, "（更正）");
    key(&mut a, InputKey::Submit);
    update(&mut a, Action::Filter);
    type_text(&mut a, &parsed);
    let frame = screen(&a);
    assert!(frame.contains("✎"), "{frame}");
    assert!(frame.contains("（更正）"), "{frame}");
}

#[test]
fn the_count_shows_as_a_floor_until_every_match_is_counted() {
    let mut a = app();
    update(&mut a, Action::Filter);
    update(&mut a, Action::Input(InputKey::Char('z')));
    let full = a.index.filter("z", Scope::All, 500, &|| false).unwrap();
    assert!(full.total > 3);
    let mut first = full.clone();
    (first.total, first.pending) = (2, full.total - 2);
    let answer = |a: &mut App, result| {
        let asked = FilterAsk {
            query: "z".into(),
            scope: Scope::All,
            index: a.index_version,
        };
        update(a, Action::FilterDone { asked, result })
    };
    answer(&mut a, first);
    assert!(screen(&a).contains("≥2 条 …"), "{}", screen(&a));
    answer(&mut a, full.clone());
    let frame = screen(&a);
    assert!(
        frame.contains(&format!(" {} 条 · Tab", full.total)) && !frame.contains('≥'),
        "{frame}"
    );
}

#[test]
fn a_corrected_headline_is_what_the_filter_finds() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    restore_marks(&mut a, Some(persisted(dir.path())));
    update(&mut a, Action::Open);
    update(&mut a, Action::Open);
    let id = a.current_article().unwrap().id.clone();
    let parsed = a.current_article().unwrap().title();
    // The OCR got it wrong: the archivist retypes the headline.
    update(&mut a, Action::EditHeadline);
    for _ in 0..parsed.chars().count() {
        key(&mut a, InputKey::Backspace);
    }
    type_text(&mut a, "量子纠缠实验室落户");
    key(&mut a, InputKey::Submit);
    let found = |app: &mut App, query: &str| -> Vec<String> {
        update(app, Action::Filter);
        type_text(app, query);
        match &app.overlay {
            Some(Overlay::Filter(f)) => f
                .result
                .hits
                .iter()
                .map(|h| {
                    let r = app.index.article(h.entry);
                    r.get(&app.archive).unwrap().1.id.clone()
                })
                .collect(),
            _ => panic!("filter open"),
        }
    };
    // By the new words, in characters and in pinyin, highlighted and marked.
    assert_eq!(found(&mut a, "量子纠缠"), std::slice::from_ref(&id));
    let frame = screen(&a);
    assert!(frame.contains("✎ 量子纠缠实验室落户"), "{frame}");
    key(&mut a, InputKey::Cancel);
    assert!(found(&mut a, "lzjcsys").contains(&id));
    key(&mut a, InputKey::Cancel);
    // Not by the words it no longer has.
    assert!(!found(&mut a, &parsed).contains(&id), "{parsed}");
    key(&mut a, InputKey::Cancel);
    // `o` shows the parsed headline in the filter's rows too.
    update(&mut a, Action::ShowOriginal);
    found(&mut a, "量子纠缠");
    let frame = screen(&a);
    assert!(frame.contains(&parsed) && !frame.contains("✎"), "{frame}");
    key(&mut a, InputKey::Cancel);
    // After a restart, the correction is still what is found.
    let mut b = app();
    restore_marks(&mut b, Some(persisted(dir.path())));
    assert_eq!(found(&mut b, "量子纠缠"), [id]);
}

#[test]
fn reviewing_with_finished_articles_hidden() {
    use kanbao::review::ReviewStatus;
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    restore_marks(&mut a, Some(persisted(dir.path())));
    update(&mut a, Action::Open);
    update(&mut a, Action::ReviewFilter);
    let first = a.current_article().unwrap().clone();
    // v twice on one article: ok, then needs fix; it stays selected.
    update(&mut a, Action::ReviewStatus);
    update(&mut a, Action::ReviewStatus);
    assert_eq!(a.current_article().unwrap().id, first.id);
    let status = |a: &App, id: &str| {
        a.reviews
            .articles
            .get(id)
            .map(|e| e.status)
            .unwrap_or(ReviewStatus::Unreviewed)
    };
    assert_eq!(status(&a, &first.id), ReviewStatus::NeedsFix);
    assert_eq!(a.reviews.articles.len(), 1, "no other article was marked");
    // Mark the first three ok with V off, stay on the third, turn V on:
    // the selection goes to the next article still needing work.
    update(&mut a, Action::ReviewFilter);
    for _ in 0..3 {
        let e = a.current_article().unwrap().id.clone();
        while status(&a, &e) != ReviewStatus::Ok {
            update(&mut a, Action::ReviewStatus);
        }
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::Up);
    update(&mut a, Action::ReviewFilter);
    let now = a.current_article().unwrap().id.clone();
    assert!(now.ends_with("/A1/4"), "the next one to review, not {now}");
    let frame = screen(&a);
    assert!(frame.contains("待审 V"), "the list says V is on:\n{frame}");
}

#[test]
fn the_title_editor_never_drops_a_correction_unasked() {
    let mut a = app();
    update(&mut a, Action::Down); // 2021-01-10
    update(&mut a, Action::Open);
    update(&mut a, Action::Down);
    update(&mut a, Action::Down);
    update(&mut a, Action::Open); // an article with a kicker
    let article = a.current_article().unwrap().clone();
    update(&mut a, Action::EditHeadline);
    key(&mut a, InputKey::End);
    type_text(&mut a, "甲");
    key(&mut a, InputKey::Submit);
    // o shows the parsed title; E then Enter keeps the correction.
    update(&mut a, Action::ShowOriginal);
    update(&mut a, Action::EditHeadline);
    match &a.overlay {
        Some(Overlay::Editor(ed)) => assert!(ed.input.text.ends_with('甲'), "{}", ed.input.text),
        _ => panic!("editor open"),
    }
    key(&mut a, InputKey::Submit);
    update(&mut a, Action::ShowOriginal);
    assert_eq!(a.shown_titles(&article).1, format!("{}甲", article.title()));
    // Emptying the kicker field says the article has none.
    update(&mut a, Action::EditHeadline);
    key(&mut a, InputKey::Tab);
    key(&mut a, InputKey::End);
    for _ in 0..article.kicker.as_ref().unwrap().text.chars().count() {
        key(&mut a, InputKey::Backspace);
    }
    key(&mut a, InputKey::Submit);
    let (kicker, headline, corrected) = a.shown_titles(&article);
    assert!(corrected);
    assert_eq!(kicker, None, "the kicker is gone");
    assert!(headline.ends_with('甲'), "the headline correction stays");
}

#[test]
fn an_untitled_article_gets_a_headline_from_an_empty_field() {
    let mut a = app();
    // 2020-05-15 holds an untitled article
    let issue = a
        .archive
        .issues
        .iter()
        .position(|i| i.articles().any(|x| x.untitled()))
        .unwrap();
    while a.issue < issue {
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::Open);
    while !a.current_article().unwrap().untitled() {
        update(&mut a, Action::Down);
    }
    let article = a.current_article().unwrap().clone();
    update(&mut a, Action::EditHeadline);
    match &a.overlay {
        Some(Overlay::Editor(ed)) => assert_eq!(ed.input.text, "", "not the first sentence"),
        _ => panic!("editor open"),
    }
    type_text(&mut a, "市领导调研醴陵");
    key(&mut a, InputKey::Submit);
    assert_eq!(a.shown_titles(&article).1, "市领导调研醴陵");
    assert!(screen(&a).contains("市领导调研醴陵"), "the list shows it");
}

#[test]
fn update_only_asks_for_writes_and_perform_makes_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    restore_marks(&mut a, Some(persisted(dir.path())));
    let effects = kanbao::tui::update(&mut a, Action::Bookmark);
    assert_eq!(a.bookmarks.len(), 1, "the app changed at once");
    assert!(
        !dir.path().join("state.ron").exists(),
        "but nothing was written by update"
    );
    assert!(
        matches!(effects.as_slice(), [kanbao::tui::Effect::Write(_)]),
        "{effects:?}"
    );
    common::perform(&mut a, effects);
    let state = std::fs::read_to_string(dir.path().join("state.ron")).unwrap();
    assert!(state.contains("bookmarks"), "{state}");
}

#[test]
fn a_filter_answer_from_the_index_before_a_correction_is_dropped() {
    let mut a = app();
    update(&mut a, Action::Open);
    update(&mut a, Action::Open);
    update(&mut a, Action::Filter);
    type_text(&mut a, "mtf");
    let before = a.index_version;
    // A correction made meanwhile (as a teammate's write would) swaps the index.
    key(&mut a, InputKey::Cancel);
    update(&mut a, Action::EditHeadline);
    key(&mut a, InputKey::End);
    type_text(&mut a, "甲");
    key(&mut a, InputKey::Submit);
    assert!(a.index_version > before, "the corrected title is indexed");
    update(&mut a, Action::Filter);
    type_text(&mut a, "mtf");
    // An answer to the same words, asked of the old index, arrives late.
    let late = kanbao::search::FilterResult {
        total: 999,
        ..Default::default()
    };
    update(
        &mut a,
        Action::FilterDone {
            asked: FilterAsk {
                query: "mtf".into(),
                scope: Scope::All,
                index: before,
            },
            result: late,
        },
    );
    match &a.overlay {
        Some(Overlay::Filter(f)) => {
            assert_eq!(f.answered, "mtf");
            assert_ne!(f.result.total, 999, "the old index's answer was dropped");
        }
        _ => panic!("filter open"),
    }
}
