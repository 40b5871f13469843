//! Keystroke to drawn, through a pty: the real binary reading a real
//! (pseudo) terminal, the headline filter open, one letter typed at a time.
//!
//! ```sh
//! cargo run --release --example gen_archive -- --issues 10000 --out /tmp/kb10k
//! cargo build --release
//! cargo run --release --example bench_keys -- /tmp/kb10k [--bin target/release/kanbao] [--keys 200] [--each]
//! cargo run --release --example bench_keys -- --fzf /tmp/kb10k.headlines [--keys 200] [--each]
//! ```
//!
//! Each keystroke is timed from its write to the pty to the last byte the
//! reader draws in answer (the echo, then the hits, then the exact count),
//! taken as the last output that draws a character before 150 ms with
//! none; that wait is not counted. Output that only moves or shows the
//! cursor (a loop that redraws an unchanged screen on a timer) is not
//! drawing. The reader starts with its own empty config and state folders.
//! The last line is one JSON object with every number, for scripts.
//! `--each` writes every keystroke's time and the query it left to stderr.
//!
//! `--fzf LINES` times fzf's own UI the same way, on a file of headlines
//! (`kanbao export ARCHIVE --format headlines`: an id, a tab, the
//! headline; fzf matches the headline), the same keystrokes typed.

#[cfg(unix)]
fn main() {
    pty::main();
}

#[cfg(not(unix))]
fn main() {
    eprintln!("bench_keys needs a Unix pty");
}

#[cfg(unix)]
mod pty {
    use std::fs::File;
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::path::PathBuf;
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    /// Output silent this long means the frame is finished.
    const QUIET: Duration = Duration::from_millis(150);

    pub fn main() {
        let mut args = std::env::args().skip(1);
        let mut archive = None;
        let mut bin = PathBuf::from("target/release/kanbao");
        let mut keys = 200usize;
        let mut each = false;
        let mut fzf: Option<PathBuf> = None;
        while let Some(a) = args.next() {
            match a.as_str() {
                "--each" => each = true,
                "--fzf" => fzf = Some(args.next().expect("--fzf LINES").into()),
                "--bin" => bin = args.next().expect("--bin PATH").into(),
                "--keys" => keys = args.next().and_then(|n| n.parse().ok()).expect("--keys N"),
                _ => archive = Some(a),
            }
        }
        let archive = match &fzf {
            Some(lines) => lines.display().to_string(),
            None => archive
                .expect("usage: bench_keys ARCHIVE [--bin PATH] [--keys N] [--each] | --fzf LINES"),
        };
        let home = std::env::temp_dir().join(format!("kanbao-bench-keys-{}", std::process::id()));
        std::fs::create_dir_all(&home).expect("scratch folder");

        let (master, slave) = open_pty(120, 40);
        let slave_file = File::from(slave);
        let mut child = {
            let mut cmd = match &fzf {
                // fzf reads its lines from stdin and the keys from the
                // terminal; it matches the headline, not the id before it.
                Some(lines) => {
                    let mut cmd = Command::new("fzf");
                    cmd.args(["--delimiter", "\t", "--nth", "2.."])
                        .stdin(File::open(lines).expect("open --fzf LINES"))
                        .stdout(Stdio::null());
                    cmd
                }
                None => {
                    let mut cmd = Command::new(&bin);
                    cmd.arg(&archive)
                        .stdin(Stdio::from(slave_file.try_clone().expect("dup")))
                        .stdout(Stdio::from(slave_file.try_clone().expect("dup")));
                    cmd
                }
            };
            cmd.env("TERM", "xterm-256color")
                .env("XDG_CONFIG_HOME", &home)
                .env("XDG_DATA_HOME", &home)
                .env("XDG_STATE_HOME", &home)
                .env("XDG_CACHE_HOME", &home)
                .stderr(Stdio::from(slave_file));
            // SAFETY: setsid and ioctl are async-signal-safe; the child
            // takes the pty as its controlling terminal, as a shell would.
            unsafe {
                cmd.pre_exec(|| {
                    libc::setsid();
                    libc::ioctl(2, libc::TIOCSCTTY, 0);
                    Ok(())
                });
            }
            cmd.spawn().expect("start kanbao (or fzf)")
        };
        let mut writer = File::from(master);
        let mut reader = writer.try_clone().expect("dup master");
        let (tx, rx) = mpsc::channel::<Instant>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if draws(&buf[..n]) && tx.send(Instant::now()).is_err() {
                    break;
                }
            }
        });
        // Started, loaded and indexed: nothing drawn for two seconds.
        let started = Instant::now();
        settle(&rx, Duration::from_secs(2));
        let ready = started.elapsed();
        if fzf.is_none() {
            writer.write_all(b"/").expect("open the filter");
            settle(&rx, QUIET);
        }

        // Type a word, then erase it, over and over: every character typed
        // is a new query (pinyin initials, so that each matches many
        // headlines), every erasure goes back to one typed before. The
        // words are drawn from common initials, so that typing is not only
        // the same four queries again.
        let mut words = Words(0x9e37_79b9_7f4a_7c15);
        let mut word = words.next_word();
        let mut typed = Vec::with_capacity(keys);
        let mut first = Vec::with_capacity(keys);
        let (mut typing, mut erasing) = (Vec::new(), Vec::new());
        let mut step = 0usize;
        while typed.len() < keys {
            let cycle = step % (2 * word.len());
            let key: &[u8] = if cycle < word.len() {
                &word[cycle..=cycle]
            } else {
                b"\x7f"
            };
            step += 1;
            let sent = Instant::now();
            writer.write_all(key).expect("type");
            if let Some((first_byte, last_byte)) = answer(&rx) {
                first.push(first_byte - sent);
                typed.push(last_byte - sent);
                if each {
                    let done = (cycle + 1).min(2 * word.len() - cycle - 1);
                    eprintln!(
                        "{:>8.2} ms  {:<4}  {}",
                        (last_byte - sent).as_secs_f64() * 1e3,
                        String::from_utf8_lossy(&word[..done]),
                        if key == b"\x7f" { "erase" } else { "type" },
                    );
                }
                if key == b"\x7f" {
                    erasing.push(last_byte - sent);
                } else {
                    typing.push(last_byte - sent);
                }
            }
            if step.is_multiple_of(2 * word.len()) {
                word = words.next_word();
            }
        }
        writer
            .write_all(b"\x1b")
            .expect("close the filter (fzf: quit)");
        settle(&rx, QUIET);
        if fzf.is_none() {
            writer.write_all(b"q").expect("quit");
        }
        let _ = child.wait();
        let _ = std::fs::remove_dir_all(&home);

        let (p50, p99, max) = percentiles(&mut typed);
        let (f50, f99, _) = percentiles(&mut first);
        let (t50, t99, _) = percentiles(&mut typing);
        let (e50, e99, _) = percentiles(&mut erasing);
        match &fzf {
            Some(_) => println!("lines {archive}, fzf's own UI"),
            None => println!("archive {archive}, binary {}", bin.display()),
        }
        println!(
            "ready (loaded, indexed, quiet 2 s after): {:.2} s",
            ready.as_secs_f64() - 2.0
        );
        println!("keystrokes timed: {}", typed.len());
        println!("typed to last byte drawn ms: p50 {p50:.2}  p99 {p99:.2}  max {max:.2}");
        println!("typed to first byte drawn ms: p50 {f50:.2}  p99 {f99:.2}");
        println!(
            "  characters typed ({}): p50 {t50:.2}  p99 {t99:.2}; erased ({}): p50 {e50:.2}  p99 {e99:.2}",
            typing.len(),
            erasing.len()
        );
        println!(
            "{}",
            serde_json::json!({
                "keys": typed.len(),
                "drawn_p50_ms": p50, "drawn_p99_ms": p99, "drawn_max_ms": max,
                "first_byte_p50_ms": f50, "first_byte_p99_ms": f99,
                "typing_p50_ms": t50, "typing_p99_ms": t99,
                "erasing_p50_ms": e50, "erasing_p99_ms": e99,
            })
        );
    }

    /// Four-letter words of common pinyin initials, from a fixed seed.
    struct Words(u64);

    impl Words {
        fn next_word(&mut self) -> Vec<u8> {
            const INITIALS: &[u8] = b"zjsgxhdclmqwytbfkp";
            (0..4)
                .map(|_| {
                    // xorshift64: the same words on every run.
                    self.0 ^= self.0 << 13;
                    self.0 ^= self.0 >> 7;
                    self.0 ^= self.0 << 17;
                    INITIALS[(self.0 % INITIALS.len() as u64) as usize]
                })
                .collect()
        }
    }

    /// True when `bytes` put a character on the screen: anything but
    /// control sequences (`ESC [ … final`) and control characters.
    fn draws(bytes: &[u8]) -> bool {
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                0x1b if bytes.get(i + 1) == Some(&b'[') => {
                    i += 2;
                    while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                        i += 1;
                    }
                }
                0x1b => i += 1,
                b if b >= 0x20 => return true,
                _ => {}
            }
            i += 1;
        }
        false
    }

    /// Waits until the reader has drawn nothing for `quiet`.
    fn settle(rx: &mpsc::Receiver<Instant>, quiet: Duration) {
        while rx.recv_timeout(quiet).is_ok() {}
    }

    /// The first and last output times of one answer; none if nothing came.
    fn answer(rx: &mpsc::Receiver<Instant>) -> Option<(Instant, Instant)> {
        let first = rx.recv_timeout(Duration::from_secs(5)).ok()?;
        let mut last = first;
        while let Ok(t) = rx.recv_timeout(QUIET) {
            last = t;
        }
        Some((first, last))
    }

    fn percentiles(v: &mut [Duration]) -> (f64, f64, f64) {
        v.sort();
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
        (at(0.5), at(0.99), at(1.0))
    }

    fn open_pty(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two fds we then own; the name pointer may be null.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both fds were just opened and are owned by nobody else.
        unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
    }
}
