//! `kanbao [PATH]`: the reader, on a terminal.

use super::*;
use crate::index::LazySkeleton;
use crate::index::read_alone::Against;
use crate::tui::theme::Theme;
use crate::tui::{Keymap, Persist, Startup};
use std::sync::{Arc, OnceLock};

/// The skeleton the reader shows, as the reviews make it: the issues
/// they bear on read alone (see `run`).
struct Reviewed {
    /// Structural corrections changed the skeleton's articles.
    structured: bool,
    skeleton: Arc<LazySkeleton>,
    index: Option<Arc<crate::search::HeadlineIndex>>,
    texts: Vec<(usize, Arc<crate::model::Issue>)>,
    /// The structurally corrected issues as parsed (for `o`).
    parsed: crate::tui::AsParsed,
}

/// Opens the reader; the archive loads on a worker thread behind a progress
/// screen. A missing path is reported before the screen is taken over.
pub(super) fn run(
    path: Option<PathBuf>,
    amb: Option<AmbiguousWidth>,
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
    // `auto` settings ask the terminal, once, before the screen is taken.
    let configured = config.effective_theme(crate::config::no_color_env());
    let answers = if amb.is_none() || configured == crate::config::Theme::Auto {
        crate::tui::probe::ask(crate::tui::probe::WAIT)
    } else {
        crate::tui::probe::Answers::default()
    };
    let amb = amb
        .or_else(|| answers.ambiguous.and_then(AmbiguousWidth::from_columns))
        .unwrap_or_default();
    let theme = match configured {
        crate::config::Theme::Auto => match answers.light_background() {
            Some(true) => Theme::light(),
            _ => Theme::dark(),
        },
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
    // The index, and how many articles each issue of the archive as parsed
    // holds (to number the index's places in archive order).
    type Found = (crate::index::TextIndex, Vec<usize>);
    let text_index: Arc<OnceLock<Found>> = Arc::new(OnceLock::new());
    let found_index = text_index.clone();
    let load_path = path.clone();
    let reviews_at = (
        persist.review_path.clone(),
        persist.team_review_path.clone(),
    );
    let pinyin = settings.pinyin;
    let load = move |progress: &(dyn Fn(loader::Progress) + Sync),
                     early: &(dyn Fn(crate::tui::Early) -> bool + Sync)| {
        // The reviews, only read here: a file in trouble is left for the
        // reader to repair and report (see `restore_marks`).
        let read = |p: &std::path::Path| {
            crate::store::read::<ReviewFile>(p)
                .map(ReviewFile::cleaned)
                .ok()
        };
        let own = read(&reviews_at.0).unwrap_or_default();
        let reviews = match reviews_at.1.as_deref().and_then(read) {
            Some(team) => crate::review::over_team(own, team),
            None => own,
        };
        // The skeleton first, when it stands for the archive. It is shown
        // as kept, then checked by the stat of every file (and brought
        // forward when a few files changed); when it cannot be, the whole
        // archive loaded replaces it.
        let cache = index::archive_cache();
        // The issues the reviews bear on are read alone with it: an
        // entry is checked against its article's whole text, which the
        // skeleton does not hold, and a structural correction changes the
        // articles of the issues with a page from its file, which are
        // shown as corrected (the skeleton and its headline index with
        // them in place of their own). When they cannot be, the whole
        // archive is loaded first.
        let reviewed = |p: &std::path::Path,
                        cache: &crate::index::Cache,
                        kept: &mut super::from_skeleton::ReaderSkeleton|
         -> Option<Reviewed> {
            let ids = reviews.articles.keys().map(String::as_str);
            let structured = super::from_skeleton::corrected_issues(cache, p, kept.key, &reviews)?;
            let mut held = crate::index::read_alone::read_issues_holding(
                p,
                Against::Held(&kept.skeleton),
                ids,
                &structured,
            )?;
            let mut skeleton = kept.skeleton.clone();
            let index;
            let mut parsed = crate::tui::AsParsed::new();
            if structured.is_empty() {
                // Taken, as below: the reader alone holds the index it
                // shows, and corrects titles in it in place.
                index = kept.index.take();
            } else {
                for (n, issue) in held.numbers.iter().zip(&held.read.issues) {
                    if structured.binary_search(n).is_ok() {
                        parsed.insert(*n as usize, issue.clone());
                    }
                }
                crate::review::structure::apply_read(&mut held.read, &reviews.structure);
                let changed: Vec<(usize, &crate::model::Issue)> = held
                    .numbers
                    .iter()
                    .zip(&held.read.issues)
                    .filter(|(n, _)| structured.binary_search(n).is_ok())
                    .map(|(n, issue)| (*n as usize, issue))
                    .collect();
                skeleton = Arc::new(kept.skeleton.with_issues(&changed)?);
                // The kept index (taken: it is not the one shown) with the
                // corrected issues' headlines spliced in; else built of the
                // skeleton shown.
                let spliced: Vec<(u32, &crate::model::Issue)> =
                    changed.iter().map(|&(n, i)| (n as u32, i)).collect();
                index = kept.index.take().and_then(|i| {
                    Arc::unwrap_or_clone(i)
                        .with_issues(kept.skeleton.len(), &spliced)
                        .map(Arc::new)
                });
            }
            let texts = held
                .numbers
                .into_iter()
                .zip(held.read.issues)
                .map(|(n, issue)| (n as usize, Arc::new(issue)))
                .collect();
            Some(Reviewed {
                structured: !structured.is_empty(),
                skeleton,
                index,
                texts,
                parsed,
            })
        };
        let skeleton = match (&load_path, cache) {
            (Some(p), Some(cache)) => {
                // An index the reader builds of a skeleton is kept for
                // that skeleton's state, unless structural corrections
                // changed the skeleton shown.
                let keep_for = |key: u64, shown: &Reviewed| -> Option<crate::tui::KeepIndex> {
                    let at = p.clone();
                    (!shown.structured).then(|| -> crate::tui::KeepIndex {
                        Arc::new(move |index| {
                            crate::index::skeleton::keep_headline_index_of(cache, &at, key, index)
                        })
                    })
                };
                let mut kept = super::from_skeleton::kept_skeleton(cache, p, pinyin);
                let mut shown = None;
                if let Some(kept) = &mut kept
                    && let Some(reviewed) = reviewed(p, cache, kept)
                {
                    early(crate::tui::Early {
                        skeleton: reviewed.skeleton.clone(),
                        index: reviewed.index.clone(),
                        keep_index: keep_for(kept.key, &reviewed),
                        text: None,
                        texts: reviewed.texts.clone(),
                        parsed: reviewed.parsed.clone(),
                        checked: false,
                    });
                    // Not the index itself: the reader corrects titles
                    // in it in place when it alone holds it, where holding
                    // it through the check kept a second index (170 MB at
                    // 100k issues) while the reader made its own.
                    let index = reviewed.index.as_ref().map(Arc::downgrade);
                    let reviewed = Reviewed {
                        index: None,
                        ..reviewed
                    };
                    shown = Some((kept.skeleton.clone(), reviewed, index));
                }
                // Read again only for a skeleton brought forward.
                let checked = super::from_skeleton::checked_skeleton(cache, p, pinyin, kept)
                    .and_then(|(mut checked, text)| {
                        let reviewed = match shown {
                            Some((kept, reviewed, index))
                                if Arc::ptr_eq(&kept, &checked.skeleton) =>
                            {
                                // The same skeleton: the reader keeps the
                                // index it has.
                                Reviewed {
                                    index: index.and_then(|i| i.upgrade()),
                                    ..reviewed
                                }
                            }
                            _ => reviewed(p, cache, &mut checked)?,
                        };
                        Some((reviewed, checked.key, text))
                    });
                match checked {
                    Some((reviewed, key, text)) => {
                        let wanted = early(crate::tui::Early {
                            skeleton: reviewed.skeleton.clone(),
                            index: reviewed.index.clone(),
                            keep_index: keep_for(key, &reviewed),
                            // The full-text index knows the articles as
                            // parsed: the reader's body search reads the
                            // structurally corrected issues from the text
                            // it holds.
                            text,
                            texts: reviewed.texts,
                            parsed: reviewed.parsed,
                            checked: true,
                        });
                        if !wanted {
                            // The reader quit on the skeleton.
                            return None;
                        }
                        Some(reviewed.skeleton)
                    }
                    None => None,
                }
            }
            _ => None,
        };
        let opts = LoadOptions {
            progress: Some(progress),
            cache,
            ..Default::default()
        };
        let mut archive = match &load_path {
            Some(p) => loader::load_path(p, &opts).unwrap_or_else(|e| Archive {
                root: p.display().to_string(),
                errors: vec![crate::model::FileError {
                    source: p.display().to_string(),
                    message: e.to_string(),
                }],
                ..Default::default()
            }),
            None => loader::load_sample(&opts),
        };
        // The structural corrections as the review file holds them now:
        // the reader may have made some on the skeleton since it started.
        let structure = match skeleton.is_some() {
            true => {
                let own = read(&reviews_at.0).unwrap_or_default();
                match reviews_at.1.as_deref().and_then(read) {
                    Some(team) => crate::review::over_team(own, team).structure,
                    None => own.structure,
                }
            }
            false => reviews.structure.clone(),
        };
        // The full-text index answers for the archive as parsed: with
        // structural corrections (an article split off has a new id) the
        // reader's body search scans instead.
        if let (Some(p), Some(cache)) = (&load_path, opts.cache)
            && archive.errors.is_empty()
            && structure.is_empty()
            && let Some(index) = crate::index::TextIndex::open_built(cache, p)
        {
            let counts = archive.issues.iter().map(|i| i.article_count()).collect();
            let _ = found_index.set((index, counts));
        }
        // The archive as structurally corrected, as every command shows it.
        let parsed = crate::review::structure::issues_as_parsed(&archive, &structure);
        crate::review::structure::apply_read(&mut archive, &structure);
        let same_as_early = skeleton.is_some_and(|shells| shells.same_as(&archive));
        Some(crate::tui::Whole {
            archive,
            parsed,
            same_as_early,
        })
    };
    let (read_path, search_path) = (path.clone(), path.clone());
    let startup = Startup {
        settings,
        keymap,
        persist: Some(persist),
        message,
        narrow: Some(Arc::new(move |query: &str| {
            let (index, counts) = text_index.get()?;
            crate::index::archive_order(&index.candidates(query)?, counts)
        })),
        read_issue: Some(Arc::new(move |skeleton: &LazySkeleton, issue: usize| {
            let at = read_path.as_deref()?;
            let read = crate::index::read_alone::read_issues(
                at,
                Against::Held(skeleton),
                &[u32::try_from(issue).ok()?],
            )?;
            read.issues.into_iter().next()
        })),
        search_alone: Some(Arc::new(
            move |skeleton: &LazySkeleton,
                  text: &crate::index::TextIndex,
                  structured: &[(u32, &crate::model::Issue)],
                  query: &str,
                  limit: usize,
                  cancel: &(dyn Fn() -> bool + Sync)| {
                use crate::index::read_alone::{self as alone, ISSUES_AT_A_TIME};
                let at = search_path.as_deref()?;
                let mut places = text.candidates(query)?;
                if !structured.is_empty() {
                    places =
                        super::body_from_index::structured_candidates(places, structured, query)?;
                }
                let against = Against::Held(skeleton);
                let to_read = alone::to_read(&places, query, limit);
                if !alone::read_at_once(to_read.0, skeleton.len()) {
                    // Too many issues to hold read at once: a batch at a
                    // time, never the whole archive's text.
                    return alone::search_bodies_in_batches(
                        at,
                        against,
                        to_read,
                        structured,
                        query,
                        limit,
                        ISSUES_AT_A_TIME,
                        cancel,
                    );
                }
                alone::read_candidates(
                    at,
                    against,
                    skeleton.len(),
                    &places,
                    query,
                    limit,
                    structured,
                )?
                .search_bodies(query, limit, cancel)
            },
        )),
    };
    crate::tui::run(load, startup).map_err(|e| CliError::Other(format!("terminal: {e}")))
}
