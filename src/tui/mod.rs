//! The terminal shell (in progress).
use crate::layout::AmbiguousWidth;
use crate::model::Archive;

pub fn run(archive: Archive, _amb: AmbiguousWidth) -> std::io::Result<()> {
    eprintln!(
        "kanbao: the reader is not built yet; {} issues loaded. Try `kanbao list`.",
        archive.issues.len()
    );
    Ok(())
}
