//! Where an archive's review file lives (at the root, or in kanbao's data
//! directory), whose it is, and the team's file beneath this user's.

use super::{REVIEW_FILE_NAME, ReviewFile, fnv1a64, load_reviews};
use crate::store::{self, StoreError};
use std::path::{Path, PathBuf};

/// The team's review file at the archive root, when this user's marks go
/// elsewhere (the root is read-only for them) and the team keeps one there.
pub fn team_review_path(archive_root: Option<&Path>, own: &Path) -> Option<PathBuf> {
    let team = archive_root?.join(REVIEW_FILE_NAME);
    (team != own && team.is_file()).then_some(team)
}

/// This user's marks over the team's: where both review an article (or
/// date an issue), this user's entry is the one shown; every other team
/// entry shows as it is. Nothing of the team's is written back: changes
/// go to this user's file.
pub fn over_team(own: ReviewFile, team: ReviewFile) -> ReviewFile {
    let mut merged = team;
    merged.version = own.version;
    merged.articles.extend(own.articles);
    merged.issues.extend(own.issues);
    // The team's corrections first, then this user's made since.
    merged.structure.extend(own.structure);
    merged
}

/// This user's review file, with the team's beneath it when there is one
/// (see [`team_review_path`]). A team file that cannot be read is reported
/// in the second value and left out; it is never moved or rewritten.
pub fn load_with_team(
    own: &Path,
    team: Option<&Path>,
) -> Result<(store::Loaded<ReviewFile>, Option<StoreError>), StoreError> {
    let mut loaded = load_reviews(own)?;
    let Some(team) = team else {
        return Ok((loaded, None));
    };
    match store::read::<ReviewFile>(team) {
        Ok(t) => {
            loaded.value = over_team(loaded.value, t.cleaned());
            Ok((loaded, None))
        }
        Err(e) => Ok((loaded, Some(e))),
    }
}

/// The name reviews are signed with: `$USER` (`$USERNAME` on Windows).
pub fn current_user() -> Option<String> {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|u| !u.trim().is_empty())
}

/// Where the review file of an archive lives: `kanbao-review.ron` at the root
/// when the root is a directory we can write to (tried for real), else a
/// per-archive file in kanbao's data directory. `archive_root` is `None` for
/// the embedded sample; `archive_key` names the archive (see
/// [`crate::state::archive_key`]).
pub fn review_path(archive_root: Option<&Path>, archive_key: &str) -> PathBuf {
    let data_dir = store::data_dir().unwrap_or_else(|| PathBuf::from(".kanbao"));
    review_path_in(archive_root, archive_key, &data_dir)
}

/// [`review_path`] with the data directory given.
pub fn review_path_in(archive_root: Option<&Path>, archive_key: &str, data_dir: &Path) -> PathBuf {
    if let Some(root) = archive_root
        && root.is_dir()
        && store::dir_accepts(root, REVIEW_FILE_NAME)
    {
        return root.join(REVIEW_FILE_NAME);
    }
    data_dir
        .join("reviews")
        .join(format!("{}.ron", data_file_stem(archive_key)))
}

/// `LASTNAME-HASH`: readable enough to find by hand, unique per archive key.
fn data_file_stem(archive_key: &str) -> String {
    let last = Path::new(archive_key)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    let hash = fnv1a64(archive_key.as_bytes());
    if slug.is_empty() {
        format!("archive-{hash:016x}")
    } else {
        format!("{slug}-{hash:016x}")
    }
}
