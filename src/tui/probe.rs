//! Asking the terminal, once at start, what cannot be known otherwise: its
//! background colour (OSC 11), for the `auto` theme, and how wide it draws
//! an East Asian ambiguous-width character, for `ambiguous_width: auto` —
//! printed at the start of the line, then the cursor's position asked
//! (CSI 6n), as vim does.
//!
//! Terminals answer in the order asked, and every terminal answers CSI 6n:
//! its answer closes the wait, so a terminal without OSC 11 costs no
//! timeout. One with no answer at all (a dumb pipe) costs [`WAIT`]; one
//! that has begun to answer is waited for up to [`WAIT_FOR_THE_REST`].

use std::time::Duration;

/// How long to wait for a first answer. Local terminals answer in well
/// under a millisecond and SSH adds a round trip; a terminal that does not
/// answer at all delays the start by this much.
pub const WAIT: Duration = Duration::from_millis(1000);

/// How long to wait for the rest once answers have begun to arrive: an
/// answer left unread would reach the reader as typed keys (`rgb:…` would
/// type `r`, `g`, `b`, `/`), so a slow terminal is waited for.
pub const WAIT_FOR_THE_REST: Duration = Duration::from_millis(3000);

/// What the terminal said.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answers {
    /// The background colour, 8 bits a channel.
    pub background: Option<(u8, u8, u8)>,
    /// Columns the ambiguous character took: 1 or 2.
    pub ambiguous: Option<u8>,
}

impl Answers {
    /// Whether the background is light (by its perceived brightness).
    pub fn light_background(&self) -> Option<bool> {
        self.background
            .map(|(r, g, b)| 299 * r as u32 + 587 * g as u32 + 114 * b as u32 > 128 * 1000)
    }
}

/// What is written: to the start of the line, an ambiguous-width
/// character (U+201C “), the background question, the cursor question.
pub const QUESTIONS: &[u8] = b"\r\xe2\x80\x9c\x1b]11;?\x1b\\\x1b[6n";

/// What clears the line the character was printed on.
pub const CLEAN_UP: &[u8] = b"\r\x1b[2K";

/// Reads the answers in `bytes`: `ESC ] 11 ; rgb:R/G/B` (ended by BEL or
/// ST) and `ESC [ row ; col R`. Returns them and whether the cursor's
/// answer (the last one) has arrived.
pub fn parse(bytes: &[u8]) -> (Answers, bool) {
    let mut answers = Answers::default();
    let mut done = false;
    let text = String::from_utf8_lossy(bytes);
    if let Some(at) = text.find("\x1b]11;") {
        let rest = &text[at + 5..];
        let end = rest.find(['\x07', '\x1b']).unwrap_or(rest.len());
        answers.background = parse_rgb(&rest[..end]);
    }
    // The cursor's answer: the last `ESC [ digits ; digits R`.
    let mut search = text.as_ref();
    while let Some(at) = search.find("\x1b[") {
        let rest = &search[at + 2..];
        if let Some(end) = rest.find('R')
            && let Some((row, col)) = rest[..end].split_once(';')
            && row.bytes().all(|b| b.is_ascii_digit())
            && let Ok(col) = col.parse::<u16>()
        {
            done = true;
            // From column 1, one character: the cursor is at 2 or 3.
            answers.ambiguous = match col {
                2 => Some(1),
                3 => Some(2),
                _ => None,
            };
        }
        search = rest;
    }
    (answers, done)
}

/// `rgb:ffff/ffff/ffff` (1 to 4 hex digits a channel) → 8-bit channels.
fn parse_rgb(s: &str) -> Option<(u8, u8, u8)> {
    let s = s.strip_prefix("rgb:")?;
    let mut parts = s.split('/').map(|p| {
        let p = p.trim();
        if p.is_empty() || p.len() > 4 {
            return None;
        }
        let v = u32::from_str_radix(p, 16).ok()?;
        let max = (1u32 << (4 * p.len())) - 1;
        Some((v * 255 / max) as u8)
    });
    let rgb = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(rgb)
}

/// Asks the terminal (raw mode on for the while) and waits up to `wait`.
/// Not a terminal, or no answer: no answers.
#[cfg(unix)]
pub fn ask(wait: Duration) -> Answers {
    use std::io::{IsTerminal, Read, Write};
    use std::os::fd::AsRawFd;
    if !std::io::stdout().is_terminal() {
        return Answers::default();
    }
    let Ok(mut tty) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
    else {
        return Answers::default();
    };
    let was_raw = crossterm::terminal::is_raw_mode_enabled().unwrap_or(false);
    if !was_raw && crossterm::terminal::enable_raw_mode().is_err() {
        return Answers::default();
    }
    let mut got = Vec::new();
    if tty.write_all(QUESTIONS).and_then(|_| tty.flush()).is_ok() {
        let start = std::time::Instant::now();
        let fd = tty.as_raw_fd();
        loop {
            let limit = if got.is_empty() {
                wait
            } else {
                WAIT_FOR_THE_REST
            };
            let Some(left) = limit.checked_sub(start.elapsed()) else {
                break;
            };
            let mut poll = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, for the length given.
            let ready = unsafe { libc::poll(&mut poll, 1, left.as_millis() as libc::c_int) };
            if ready <= 0 {
                break;
            }
            let mut chunk = [0u8; 256];
            match tty.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&chunk[..n]),
            }
            if parse(&got).1 {
                break;
            }
        }
    }
    let _ = tty.write_all(CLEAN_UP).and_then(|_| tty.flush());
    if !was_raw {
        let _ = crossterm::terminal::disable_raw_mode();
    }
    parse(&got).0
}

#[cfg(not(unix))]
pub fn ask(_wait: Duration) -> Answers {
    Answers::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_background_and_the_cursor() {
        let (a, done) = parse(b"\x1b]11;rgb:ffff/ffff/dddd\x1b\\\x1b[12;3R");
        assert!(done);
        assert_eq!(a.background, Some((255, 255, 221)));
        assert_eq!(a.ambiguous, Some(2));
        assert_eq!(a.light_background(), Some(true));
        let (a, _) = parse(b"\x1b]11;rgb:00/2b/36\x07\x1b[1;2R");
        assert_eq!(a.background, Some((0, 43, 54)));
        assert_eq!(a.light_background(), Some(false));
        assert_eq!(a.ambiguous, Some(1));
    }

    #[test]
    fn a_terminal_without_osc_11_or_not_done_yet() {
        let (a, done) = parse(b"\x1b[5;2R");
        assert!(done);
        assert_eq!((a.background, a.ambiguous), (None, Some(1)));
        let (a, done) = parse(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\");
        assert!(!done, "the cursor's answer closes the wait");
        assert_eq!(a.background, Some((255, 255, 255)));
        assert_eq!(parse(b"").0, Answers::default());
        // Nonsense is no answer.
        let (a, _) = parse(b"\x1b]11;rgb:zz/00/00\x07\x1b[1;9R");
        assert_eq!(a, Answers::default());
    }
}
