//! A folder, a file or the embedded sample → [`Archive`]. (in progress: API fixed, body coming)
use crate::model::Archive;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
}

/// Progress while loading: files done out of files found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

#[derive(Default)]
pub struct LoadOptions<'a> {
    /// Called from worker threads as files finish.
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
}

/// Loads every `*.txt` under `path` (recursively), or the one file `path` names.
pub fn load_path(path: &Path, _opts: &LoadOptions) -> Result<Archive, LoadError> {
    if !path.exists() {
        return Err(LoadError::NotFound {
            path: path.display().to_string(),
        });
    }
    Ok(Archive::default())
}

/// The sample archive embedded in the binary.
pub fn load_sample(_opts: &LoadOptions) -> Archive {
    Archive::default()
}
