//! [`update`]: the one function that applies an [`Action`] to the [`App`].
//! It changes nothing but the app and returns what the world is to do
//! ([`Effect`]s), for [`perform`](fn@crate::tui::perform) to carry out.

use super::action::{Action, BuiltIndex, Written};
use super::app::App;
use super::effect::Effect;
use super::geometry::{Mode, Pane};
use super::navigate::step;
use ratatui::layout::Rect;

/// Applies one action and returns the effects it asks for. Once the reader
/// has started (`App::new`, `restore_marks`, the shell's keymap and first
/// message), the only place state changes.
#[must_use = "the effects are to be performed"]
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let version = app.index_version;
    apply(app, action);
    app.sync_index();
    app.ask_for_text();
    let mut effects = app.take_effects();
    if app.index_version != version {
        // A new index: the filter searches it from now on, and the open
        // filter's answer may name a headline as it was.
        effects.retain(|e| !matches!(e, Effect::Filter(_)));
        effects.push(Effect::UseIndex(app.index.clone()));
        effects.extend(app.filter_ask().map(Effect::Filter));
    }
    effects
}

/// The one staleness rule: a worker's answer is used only when it answers
/// the question the screen asks now (the same query, scope and index). An
/// older answer, or one to a closed overlay, is dropped.
fn answers_now(app: &App, action: &Action) -> bool {
    match action {
        Action::FilterDone { asked, .. } => app.filter_ask().as_ref() == Some(asked),
        Action::SearchDone { asked, .. } => app.search_ask().as_ref() == Some(asked),
        _ => true,
    }
}

fn apply(app: &mut App, action: Action) {
    // Answers (the index, a filter or search, a write) are not the user
    // acting: they close nothing (the help, say) and leave the status
    // line's news alone.
    match action {
        Action::IndexBuilt(BuiltIndex(index, built_for)) => {
            return app.index_built(index, built_for);
        }
        Action::SkeletonChecked(checked) => return app.skeleton_checked(checked),
        Action::IssueRead(read) => return app.issue_read(read),
        Action::TextLoaded(loaded) => return app.text_loaded(loaded),
        Action::SearchNeedsText(asked) => return app.search_needs_text(asked),
        Action::SourceRead { file, text } => return app.source_read(file, text),
        Action::Said { news, repaint } => {
            app.status = Some(news);
            if repaint {
                app.repaint.set(true);
            }
            return;
        }
        Action::FilterDone { .. } | Action::SearchDone { .. } | Action::Written(_) => {
            if answers_now(app, &action) {
                answer(app, action);
                app.keep_in_view();
                app.reading_anchor = app.text_anchor();
            }
            return;
        }
        _ => {}
    }
    if !matches!(action, Action::Resize(..)) {
        app.status = None;
    }
    if app.help {
        // The help scrolls with the movement keys; any other key closes it.
        let lines = app.keymap_help().len();
        let last = lines.saturating_sub(1);
        match action {
            Action::Quit => app.queue(Effect::Quit),
            Action::Resize(w, h) => app.area = Rect::new(0, 0, w, h),
            Action::Down => app.help_scroll = (app.help_scroll + 1).min(last),
            Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => {
                app.help_scroll = (app.help_scroll + 10).min(last)
            }
            Action::PageUp | Action::HalfPageUp => {
                app.help_scroll = app.help_scroll.saturating_sub(10)
            }
            Action::Top => app.help_scroll = 0,
            Action::Bottom => app.help_scroll = last,
            _ => app.help = false,
        }
        return;
    }
    let focus = app.focus;
    match action {
        Action::Input(key) => app.overlay_key(key),
        Action::Paste(text) => app.overlay_paste(&text),
        // Taken before the help and the status line, at the top.
        Action::IndexBuilt(_)
        | Action::SkeletonChecked(_)
        | Action::IssueRead(_)
        | Action::TextLoaded(_)
        | Action::SearchNeedsText(_)
        | Action::Said { .. }
        | Action::FilterDone { .. }
        | Action::SearchDone { .. }
        | Action::Written(_)
        | Action::SourceRead { .. } => {}
        // While an overlay is open only the keys above reach it (the shell
        // maps keys to Input); anything else closes nothing and does nothing.
        _ if app.overlay.is_some() && !matches!(action, Action::Quit | Action::Resize(..)) => {}
        _ if app.waits_for_text(&action) => app.want_text(),
        _ if app.overlay.is_none() && app.source_action(&action) => {}
        Action::Source => app.open_source(),
        Action::SplitHere | Action::MergePrevious | Action::MergeNext | Action::MoveHere => {
            app.fix_structure(&action)
        }
        Action::SetRole => app.open_role_chooser(),
        // The source view takes it when open (see `source_action`).
        Action::SelectRun => app.status = Some("open the source view first".into()),
        Action::Undo => app.undo_last(),
        Action::IssueNotes => app.open_issue_notes(),
        Action::Filter => app.open_filter(),
        Action::Search => app.open_search(),
        Action::NextMatch => app.step_match(true),
        Action::PrevMatch => app.step_match(false),
        Action::Bookmark => app.toggle_bookmark(),
        Action::Bookmarks => app.open_bookmarks(),
        Action::ReviewStatus => app.cycle_review(),
        Action::ReviewOkNext => app.review_and_next(crate::review::ReviewStatus::Ok),
        Action::ReviewFixNext => app.review_and_next(crate::review::ReviewStatus::NeedsFix),
        Action::ReviewFilter => app.toggle_review_filter(),
        Action::EditNote
        | Action::EditHeadline
        | Action::EditDate
        | Action::Pipe
        | Action::GoToDate => app.open_editor(action),
        Action::Copy => match super::clipboard::article_text(app) {
            Some(text) => app.queue(Effect::Copy(text)),
            None => app.status = Some("no article to copy".into()),
        },
        Action::ShowOriginal => app.toggle_original(),
        Action::Quit => app.queue(Effect::Quit),
        Action::Resize(w, h) => {
            // Keep the reader on the same text: lines re-wrap at a new width.
            // The place the reader chose, not one a big window clamped.
            app.area = Rect::new(0, 0, w, h);
            if let Some(anchor) = app.reading_anchor {
                app.scroll_to_anchor(anchor);
            }
            app.keep_in_view();
            return;
        }
        Action::ToggleHelp => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::Up => app.move_by(focus, -1),
        Action::Down => app.move_by(focus, 1),
        Action::Top => app.move_by(focus, isize::MIN / 2),
        Action::Bottom => app.move_by(focus, isize::MAX / 2),
        Action::HalfPageDown => app.move_by(focus, (app.page_size(focus) / 2).max(1) as isize),
        Action::HalfPageUp => app.move_by(focus, -((app.page_size(focus) / 2).max(1) as isize)),
        Action::PageDown => app.move_by(
            focus,
            app.page_size(focus).saturating_sub(1).max(1) as isize,
        ),
        Action::PageUp => app.move_by(
            focus,
            -(app.page_size(focus).saturating_sub(1).max(1) as isize),
        ),
        Action::FocusLeft => app.focus_left(),
        Action::FocusRight => app.focus_right(),
        Action::ToggleIssues if app.mode() == Mode::Wide => {
            // Three panes: hide the issue list, or bring it back focused.
            let shown = !app.issues_hidden || focus == Pane::Issues;
            app.issues_hidden = shown;
            app.focus = match (shown, focus) {
                (true, Pane::Issues) => Pane::Articles,
                (true, other) => other,
                (false, _) => Pane::Issues,
            };
        }
        Action::ToggleIssues => {
            app.focus = if focus == Pane::Issues {
                Pane::Articles
            } else {
                Pane::Issues
            }
        }
        Action::Open => match focus {
            Pane::Issues => {
                app.focus = Pane::Articles;
                app.article = 0;
                app.article_offset = 0;
                app.scroll = 0;
            }
            Pane::Articles => {
                if app.current_article().is_some() {
                    app.open_in_reader();
                }
            }
            Pane::Reader => app.follow_jump(),
        },
        Action::JumpBack => app.jump_back(),
        Action::NextPage => app.step_page(true),
        Action::PrevPage => app.step_page(false),
        Action::NextUnread => app.next_unread(),
        Action::Back => match focus {
            Pane::Reader => app.focus = Pane::Articles,
            Pane::Articles => app.focus = Pane::Issues,
            Pane::Issues => app.status = Some("q quits".into()),
        },
        Action::NextArticle => app.next_article(true),
        Action::PrevArticle => app.next_article(false),
        Action::NextIssue | Action::PrevIssue => {
            let n = app.archive.issues.len();
            if n > 0 {
                let delta = if action == Action::NextIssue { 1 } else { -1 };
                app.select_issue(step(app.issue, delta, n));
                if focus == Pane::Reader {
                    app.mark_read();
                }
            }
        }
        Action::Scroll { x, y, down } => {
            if let Some(pane) = app.geometry().pane_at(x, y) {
                app.move_by(pane, if down { 3 } else { -3 });
            }
        }
        Action::Click { x, y } => click(app, x, y),
    }
    app.sync_source();
    app.keep_in_view();
    app.reading_anchor = app.text_anchor();
}

/// A worker's or the disk's answer, known to answer what is asked now.
fn answer(app: &mut App, action: Action) {
    match action {
        Action::FilterDone { asked, result } => app.filter_done(asked.query, result),
        Action::SearchDone { asked, total, hits } => app.search_done(asked.query, total, hits),
        Action::Written(Written::Failed(message)) => app.status = Some(message),
        Action::Written(Written::Reviews { reviews, news }) => app.reviews_written(reviews, news),
        _ => {}
    }
}

fn click(app: &mut App, x: u16, y: u16) {
    let g = app.geometry();
    if g.issue_header.is_some_and(|r| r.contains((x, y).into())) {
        app.focus = Pane::Issues;
        return;
    }
    let Some(pane) = g.pane_at(x, y) else { return };
    let r = g.rect(pane).expect("pane under the pointer is shown");
    app.focus = pane;
    if y == r.y {
        return; // the title bar
    }
    let line = (y - r.y - 1) as usize;
    match pane {
        Pane::Issues => {
            let i = app.issue_offset + line;
            if i < app.archive.issues.len() {
                app.select_issue(i);
            }
        }
        Pane::Articles => {
            if let Some(row) = app.row_at_display(app.article_offset + line) {
                app.select_article(row);
            }
        }
        Pane::Reader => app.mark_read(),
    }
}
