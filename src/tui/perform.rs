//! Carrying out [`Effect`]s: the one place in the reader that reads or
//! writes files. The terminal's event loop and the tests both call
//! [`perform`]; they differ only in their [`Workers`] (threads, or a
//! synchronous stand-in that answers when the test says so).

use super::action::{Action, Written};
use super::app::App;
use super::effect::{Effect, FilterAsk, Persist, SearchAsk, Write};
use super::pending_text::IssueText;
use super::update::update;
use crate::model::Issue;
use crate::review;
use crate::search::HeadlineIndex;
use crate::state;
use std::collections::VecDeque;
use std::ops::ControlFlow;
use std::sync::Arc;

/// What answers the reader's questions off the UI thread. Answers come back
/// as `Action::FilterDone` / `Action::SearchDone`, through `update`.
pub trait Workers {
    fn filter(&mut self, app: &App, ask: FilterAsk);
    fn search(&mut self, app: &App, ask: SearchAsk);
    /// The filter searches `index` from the next question on.
    fn use_index(&mut self, index: Arc<HeadlineIndex>);
    /// The issue numbered `issue` read alone from its files, the reader
    /// being on the skeleton; `None` when it cannot be (see
    /// `pending_text.rs`). Workers that never start on a skeleton have none.
    fn read_issue(&mut self, issue: usize) -> Option<Issue> {
        let _ = issue;
        None
    }
    /// Load the whole archive's text, which the reader started without.
    fn load_text(&mut self) {}
}

/// Carries out `effects` in order: questions go to the workers; writes are
/// made here and now, and what they have to say goes back through
/// `update` (whose effects join the queue). Breaks when the reader is to
/// quit.
pub fn perform(app: &mut App, effects: Vec<Effect>, workers: &mut dyn Workers) -> ControlFlow<()> {
    let mut queue = VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Filter(ask) => workers.filter(app, ask),
            Effect::Search(ask) => workers.search(app, ask),
            Effect::UseIndex(index) => workers.use_index(index),
            Effect::Write(w) => {
                if let Some(outcome) = write(w) {
                    queue.extend(update(app, Action::Written(outcome)));
                }
            }
            Effect::ReadSource { root, file } => {
                let text = crate::source_view::read_source(&root, &file)
                    .map(Arc::new)
                    .map_err(|e| e.to_string());
                queue.extend(update(app, Action::SourceRead { file, text }));
            }
            Effect::LoadText => workers.load_text(),
            Effect::ReadIssue(issue) => {
                let text = workers.read_issue(issue).map(Arc::new);
                queue.extend(update(app, Action::IssueRead(IssueText { issue, text })));
            }
            Effect::Copy(text) => {
                let news = super::terminal::copy_to_clipboard(&text);
                queue.extend(update(
                    app,
                    Action::Said {
                        news,
                        repaint: false,
                    },
                ));
            }
            Effect::Pipe { command, text } => {
                let (news, repaint) =
                    super::terminal::outside(|wait| super::pipe::run(&command, &text, wait));
                queue.extend(update(app, Action::Said { news, repaint }));
            }
            Effect::Quit => return ControlFlow::Break(()),
        }
    }
    ControlFlow::Continue(())
}

/// Makes one write; returns what the reader should hear of it.
pub fn write(w: Write) -> Option<Written> {
    match w {
        Write::Opened {
            state,
            archive_key,
            position,
        } => state::record_open(&state, &archive_key, position)
            .err()
            .map(|e| Written::Failed(format!("read mark not saved: {e}"))),
        Write::Bookmark {
            state,
            archive_key,
            id,
            on,
        } => state::set_bookmark(&state, &archive_key, &id, on)
            .err()
            .map(|e| Written::Failed(format!("bookmark not saved: {e}"))),
        Write::Query {
            state,
            archive_key,
            kind,
            query,
        } => state::record_query(&state, &archive_key, kind, &query)
            .err()
            .map(|e| Written::Failed(format!("query history not saved: {e}"))),
        Write::Position {
            state,
            archive_key,
            position,
        } => {
            // Said nowhere: the reader is closing.
            let _ = state::set_position(&state, &archive_key, position);
            None
        }
        Write::Review {
            file,
            team,
            article,
            change,
        } => Some(match review::set(&file, &article, &change) {
            Ok((_, recovered)) => reread_reviews(&file, team.as_deref(), recovered),
            Err(e) => Written::Failed(format!("not saved: {e}")),
        }),
        Write::Structural {
            file,
            team,
            mut correction,
        } => {
            correction.by = review::current_user();
            Some(match review::add_structural(&file, correction) {
                Ok(recovered) => reread_reviews(&file, team.as_deref(), recovered),
                Err(e) => Written::Failed(format!("not saved: {e}")),
            })
        }
        Write::UndoStructural { file, team, stamp } => {
            Some(match review::undo_structural(&file, Some(&stamp), None) {
                Ok((_, recovered)) => reread_reviews(&file, team.as_deref(), recovered),
                Err(e) => Written::Failed(format!("not undone: {e}")),
            })
        }
        Write::IssueDate {
            file,
            team,
            issue,
            date,
        } => Some(match review::set_issue_date(&file, &issue, date) {
            Ok(_) => reread_reviews(&file, team.as_deref(), None),
            Err(e) => Written::Failed(format!("not saved: {e}")),
        }),
    }
}

/// The review file after a write: re-read, since teammates may have written
/// to it too. `recovered`: what the write found wrong with the file.
fn reread_reviews(
    file: &std::path::Path,
    team: Option<&std::path::Path>,
    recovered: Option<crate::store::Recovered>,
) -> Written {
    let written = recovered.map(|r| format!("review file: {r}"));
    match review::load_with_team(file, team) {
        Ok((loaded, team_problem)) => Written::Reviews {
            reviews: Some(loaded.value),
            news: loaded
                .recovered
                .map(|r| format!("review file: {r}"))
                .or(written)
                .or(team_problem.map(|e| format!("the team's review file is not shown: {e}"))),
        },
        Err(e) => Written::Reviews {
            reviews: None,
            news: Some(e.to_string()),
        },
    }
}

/// Loads read marks, bookmarks, reviews and the last position.
pub fn restore_marks(app: &mut App, persist: Option<Persist>) {
    let Some(p) = persist else { return };
    if let Some(path) = &p.state_path {
        match state::load_state(path, &p.archive_key) {
            Ok((s, recovered)) => {
                app.read = s.read.into_iter().collect();
                app.bookmarks = s.bookmarks;
                app.filter_history = s.filter_history;
                app.search_history = s.search_history;
                if let Some(pos) = &s.last {
                    app.restore_position(pos);
                }
                if let Some(r) = recovered {
                    app.status = Some(format!("reading state: {r}"));
                }
            }
            Err(e) => app.status = Some(format!("reading state: {e}")),
        }
    }
    match review::load_with_team(&p.review_path, p.team_review_path.as_deref()) {
        Ok((loaded, team_problem)) => {
            app.reviews = loaded.value;
            if let Some(r) = loaded.recovered {
                app.status = Some(format!("review file: {r}"));
            }
            if let Some(e) = team_problem {
                app.status = Some(format!("the team's review file is not shown: {e}"));
            }
        }
        Err(e) => app.status = Some(format!("review file: {e}")),
    }
    app.persist = Some(p);
    app.rebuild_rows();
    app.sync_index();
}
