//! The query lines' history: the filter's and the search's past queries,
//! kept per archive in the state file, walked with the keys that move in
//! the hit list when that list has no use for them — `↑` on the first hit
//! (or with none) goes to an older query, `↓` with no hits to a newer one,
//! as a shell's history sits above its prompt.

use super::app::App;
use super::effect::{Effect, Write};
use super::input::LineInput;
use super::overlay::Recall;
use crate::state::QueryKind;

/// One step through `history` (oldest first), `older` or newer, showing
/// the query in `input`; past the newest, what was typed before the walk
/// comes back. Returns whether the line changed.
pub fn step(
    history: &[String],
    recall: &mut Option<Recall>,
    input: &mut LineInput,
    older: bool,
) -> bool {
    let n = history.len();
    match (recall.as_mut(), older) {
        (None, false) => false,
        (None, true) => {
            let Some(newest) = history.last() else {
                return false;
            };
            *recall = Some(Recall {
                back: 0,
                draft: input.text.clone(),
            });
            input.set(newest);
            true
        }
        (Some(r), true) => {
            if r.back + 1 >= n {
                return false;
            }
            r.back += 1;
            input.set(&history[n - 1 - r.back]);
            true
        }
        (Some(r), false) => {
            if r.back == 0 {
                let draft = std::mem::take(&mut r.draft);
                *recall = None;
                input.set(&draft);
            } else {
                r.back -= 1;
                input.set(&history[n - 1 - r.back]);
            }
            true
        }
    }
}

impl App {
    /// Keeps a submitted query in its history, here and in the state file.
    pub(super) fn remember_query(&mut self, kind: QueryKind, query: &str) {
        let history = match kind {
            QueryKind::Filter => &mut self.filter_history,
            QueryKind::Search => &mut self.search_history,
        };
        crate::state::remember(history, query);
        if query.trim().is_empty() {
            return;
        }
        if let Some(p) = &self.persist
            && let Some(path) = &p.state_path
        {
            let write = Write::Query {
                state: path.clone(),
                archive_key: p.archive_key.clone(),
                kind,
                query: query.trim().to_string(),
            };
            self.queue(Effect::Write(write));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_back_and_forth_and_gives_back_the_draft() {
        let history = vec!["a".to_string(), "b".into(), "c".into()];
        let mut recall = None;
        let mut input = LineInput::new("typed");
        assert!(
            !step(&history, &mut recall, &mut input, false),
            "nothing newer"
        );
        assert!(step(&history, &mut recall, &mut input, true));
        assert_eq!(input.text, "c");
        step(&history, &mut recall, &mut input, true);
        step(&history, &mut recall, &mut input, true);
        assert_eq!(input.text, "a");
        assert!(!step(&history, &mut recall, &mut input, true), "the oldest");
        step(&history, &mut recall, &mut input, false);
        assert_eq!(input.text, "b");
        step(&history, &mut recall, &mut input, false);
        step(&history, &mut recall, &mut input, false);
        assert_eq!(input.text, "typed", "the draft, past the newest");
        assert_eq!(recall, None);
        assert!(!step(&[], &mut recall, &mut input, true));
    }
}
