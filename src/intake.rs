//! Where bytes and strings from outside enter the program.
//!
//! Everything kanbao reads besides its own code arrives here first:
//!
//! - [`read_file`] is the one way a file is read — pages, sidecars,
//!   `config.ron`, `state.ron`, `kanbao-review.ron`. Only a regular file is
//!   read (a named pipe would block forever, a device like `/dev/zero` never
//!   ends), it is opened without blocking so that a pipe swapped in at the
//!   last moment cannot hang it either, and it is read up to a limit that
//!   suits what it is. What is refused says why, for the caller to report.
//! - [`clean`] is the one sanitizer for a string from outside (a sidecar's
//!   paper, a review note, a config value): the same rules as page text
//!   ([`crate::decode::sanitize`]), on one line.
//! - [`display_name`] shows a file name that cannot be shown faithfully in an
//!   escaped form, and [`page_label`] accepts a page label only when it is a
//!   short printable token, since it becomes part of article ids.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// A page: large enough for any real page (the biggest seen are a few MB),
/// small enough that a mistaken multi-gigabyte file is refused, not read.
pub const PAGE_LIMIT: u64 = 512 << 20;
/// A sidecar (`NAME.ron` beside a page): a handful of fields.
pub const SIDECAR_LIMIT: u64 = 64 << 10;
/// `config.ron`.
pub const CONFIG_LIMIT: u64 = 1 << 20;
/// `state.ron` and `kanbao-review.ron`: a mark per article of large archives.
pub const STORE_LIMIT: u64 = 256 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A pipe, a device, a socket or a folder where a file was expected.
    NotRegular { kind: &'static str },
    /// Larger than what such a file may be.
    TooLarge { limit: u64 },
    /// The system's own error (missing, no permission, …).
    Io(io::Error),
}

impl ReadError {
    /// True when there is no such file (which callers usually treat as empty).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular { kind } => {
                write!(f, "{kind}, not a regular file: not read")
            }
            ReadError::TooLarge { limit } => {
                write!(f, "larger than {}: not read", human_size(*limit))
            }
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<ReadError> for io::Error {
    fn from(e: ReadError) -> io::Error {
        match e {
            ReadError::Io(e) => e,
            other => io::Error::new(io::ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Reads the whole of `path` when it is a regular file of at most `limit`
/// bytes. Never blocks on a pipe and never reads more than `limit + 1` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Looked at before it is opened: opening some devices does something.
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    check(&meta, limit)?;
    let file = open_nonblocking(path).map_err(ReadError::Io)?;
    // …and again through the opened file, which is what will be read.
    let meta = file.metadata().map_err(ReadError::Io)?;
    check(&meta, limit)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    // A file growing while it is read stops at the limit too.
    (&file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

fn check(meta: &Metadata, limit: u64) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            kind: kind_of(meta),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(())
}

fn kind_of(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a pipe with no writer returns at once instead of
    // waiting for one; O_NOCTTY: a terminal device never becomes ours.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// A string from outside, made safe to show: no control, escape sequence,
/// bidi or other format character (see [`crate::decode::sanitize`]), on one
/// line, trimmed.
pub fn clean(s: &str) -> String {
    let cleaned = crate::decode::clean(s);
    cleaned.trim().to_string()
}

/// [`clean`] in place, for the fields of a value read from a file.
pub fn clean_in_place(s: &mut String) {
    if crate::decode::clean(s).as_ref() != s.as_str() || s.trim().len() != s.len() {
        *s = clean(s);
    }
}

/// A file name or path as it can be shown: characters that would drive the
/// terminal, reorder or hide text, or break a line are written as
/// `\u{1b}`-style escapes, so that two names stay told apart and nothing of
/// the name reaches the terminal raw. Names that are not valid UTF-8 keep
/// their lossy form (U+FFFD), as they always had.
pub fn display_name(name: &str) -> String {
    if !name.chars().any(needs_escape) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// [`display_name`] of a path.
pub fn display_path(path: &Path) -> String {
    display_name(&path.to_string_lossy())
}

fn needs_escape(c: char) -> bool {
    crate::decode::is_unsafe(c) || c == '\n' || c == '\t'
}

/// The longest page label accepted, in characters (`A1`, `B12`, `要闻`, `第3版`).
pub const LABEL_MAX_CHARS: usize = 12;

/// `label` when it is a short printable token: 1 to [`LABEL_MAX_CHARS`]
/// characters, no space, no line break, no control or format character and
/// no `/` (which separates the parts of an article id).
pub fn page_label(label: &str) -> Option<&str> {
    let n = label.chars().count();
    let ok = (1..=LABEL_MAX_CHARS).contains(&n)
        && label
            .chars()
            .all(|c| !c.is_whitespace() && c != '/' && !needs_escape(c));
    ok.then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_larger_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        std::fs::write(&p, "(page: \"A1\")").unwrap();
        assert_eq!(read_file(&p, 100).unwrap(), b"(page: \"A1\")");
        let e = read_file(&p, 4).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { limit: 4 }), "{e}");
        assert_eq!(e.to_string(), "larger than 4 bytes: not read");
        assert!(
            read_file(&dir.path().join("none"), 10)
                .unwrap_err()
                .is_not_found()
        );
        let e = read_file(dir.path(), 10).unwrap_err();
        assert_eq!(e.to_string(), "a folder, not a regular file: not read");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let e = read_file(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(e.to_string(), "a device, not a regular file: not read");
    }

    #[test]
    fn names_with_controls_are_escaped_and_plain_ones_kept() {
        assert_eq!(display_name("2021-01-10_A1.txt"), "2021-01-10_A1.txt");
        assert_eq!(display_name("株洲日报.txt"), "株洲日报.txt");
        assert_eq!(
            display_name("a\u{1b}]0;x\u{7}b\u{202e}\n.txt"),
            "a\\u{1b}]0;x\\u{7}b\\u{202e}\\u{a}.txt"
        );
    }

    #[test]
    fn labels_are_short_printable_tokens() {
        for good in ["A1", "B12", "要闻", "第3版"] {
            assert_eq!(page_label(good), Some(good));
        }
        for bad in [
            "",
            "A\n1",
            "A 1",
            "A/1",
            "\u{202e}A1",
            "A\u{2066}1",
            "\u{1b}[2J",
            "ABCDEFGHIJKLMN",
        ] {
            assert_eq!(page_label(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn clean_removes_escapes_and_format_controls_on_one_line() {
        assert_eq!(clean(" 株洲\u{1b}]0;x\u{7}日报\u{200b}\n "), "株洲日报");
        let mut s = "a\u{9b}2Jb".to_string();
        clean_in_place(&mut s);
        assert_eq!(s, "ab");
    }
}
