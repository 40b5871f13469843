//! `|`: the article's text on the standard input of a shell command, run
//! on the terminal's normal screen as less runs one (the reader steps
//! aside while it runs and waits for Enter, so its output can be read).

use std::io::{BufRead, Write};
use std::process::{Command, Stdio};

/// Runs `command` with `sh -c`, `text` on its standard input, its output
/// and errors on the terminal. Returns the status line's news of it.
/// `wait`: ask for Enter before the reader comes back (on a terminal).
pub fn run(command: &str, text: &str, wait: bool) -> String {
    let child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return format!("| {command}: {e}"),
    };
    // Written from a thread: a command that stops reading (head -1) must
    // not leave the reader blocked on a full pipe.
    let feeder = child.stdin.take().map(|mut stdin| {
        let text = text.to_string();
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        })
    });
    let status = child.wait();
    if let Some(f) = feeder {
        let _ = f.join();
    }
    let news = match status {
        Ok(s) if s.success() => format!("| {command}: done"),
        Ok(s) => match s.code() {
            Some(code) => format!("| {command}: exited with {code}"),
            None => format!("| {command}: stopped by a signal"),
        },
        Err(e) => format!("| {command}: {e}"),
    };
    if wait {
        print!("\n{news} (press Enter to return to kanbao)");
        let _ = std::io::stdout().flush();
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
    news
}
