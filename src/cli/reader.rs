//! `kanbao [PATH]`: the reader, on a terminal.

use super::*;
use crate::tui::theme::Theme;
use crate::tui::{Keymap, Persist, Startup};
use std::sync::{Arc, OnceLock};

/// Opens the reader; the archive loads on a worker thread behind a progress
/// screen. A missing path is reported before the screen is taken over.
pub(super) fn run(
    path: Option<PathBuf>,
    amb: AmbiguousWidth,
    config: &Config,
    config_message: Option<String>,
) -> Result<(), CliError> {
    if let Some(p) = &path
        && !p.exists()
    {
        // `kanbao serach …`: a mistyped command reads as a path.
        if p.components().count() == 1 && p.extension().is_none() {
            return Err(CliError::Usage(format!(
                "{}: no such command, file or folder (kanbao --help lists the commands)",
                p.display()
            )));
        }
        return Err(loader::LoadError::NotFound {
            path: p.display().to_string(),
        }
        .into());
    }
    if !std::io::stdout().is_terminal() {
        return Err(CliError::Other(
            "the reader needs a terminal; for scripts use list, show, export, search, check".into(),
        ));
    }
    let theme = match config.effective_theme(crate::config::no_color_env()) {
        crate::config::Theme::Dark => Theme::dark(),
        crate::config::Theme::Light => Theme::light(),
        crate::config::Theme::None => Theme::none(),
    };
    let settings = crate::tui::Settings {
        amb,
        max_text_width: config.max_text_width,
        theme,
        pinyin: config.pinyin,
    };
    let (keymap, problems) = Keymap::from_config(&config.keys);
    let mut message = config_message;
    if let Some(p) = problems.first() {
        eprintln!("kanbao: config keys: {}", problems.join("; "));
        message.get_or_insert_with(|| format!("config keys: {p}"));
    }
    let (archive_key, review_path) = review_place(path.as_deref());
    let team_review_path = crate::review::team_review_path(path.as_deref(), &review_path);
    let persist = Persist {
        archive_key,
        state_path: crate::state::state_path(),
        review_path,
        team_review_path,
    };
    // The full-text index, when one was built for the archive as loaded:
    // opened on the loading thread, asked by the reader's body searches.
    let text_index: Arc<OnceLock<crate::index::TextIndex>> = Arc::new(OnceLock::new());
    let found_index = text_index.clone();
    let load_path = path.clone();
    let load = move |progress: &(dyn Fn(loader::Progress) + Sync)| {
        let opts = LoadOptions {
            progress: Some(progress),
            cache: index::archive_cache(),
            ..Default::default()
        };
        if let (Some(p), Some(cache)) = (&load_path, opts.cache) {
            let archive = loader::load_path(p, &opts);
            if let Ok(a) = &archive
                && a.errors.is_empty()
                && let Some(index) = crate::index::TextIndex::open_built(cache, p)
            {
                let _ = found_index.set(index);
            }
            return archive.unwrap_or_else(|e| Archive {
                root: p.display().to_string(),
                errors: vec![crate::model::FileError {
                    source: p.display().to_string(),
                    message: e.to_string(),
                }],
                ..Default::default()
            });
        }
        match &load_path {
            Some(p) => loader::load_path(p, &opts).unwrap_or_else(|e| Archive {
                root: p.display().to_string(),
                errors: vec![crate::model::FileError {
                    source: p.display().to_string(),
                    message: e.to_string(),
                }],
                ..Default::default()
            }),
            None => loader::load_sample(&opts),
        }
    };
    let startup = Startup {
        settings,
        keymap,
        persist: Some(persist),
        message,
        narrow: Some(Arc::new(move |query: &str| {
            text_index.get()?.candidates(query)
        })),
    };
    crate::tui::run(load, startup).map_err(|e| CliError::Other(format!("terminal: {e}")))
}
