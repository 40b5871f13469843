//! End to end: the real binary in a real terminal (tmux), driven by keys.
//!
//! `bash .ci/test` installs tmux when it is missing; without it this test
//! fails rather than skipping, so CI can never go green without running it.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

struct Session {
    name: String,
    dir: tempfile::TempDir,
}

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(args)
        .output()
        .expect("tmux is installed (bash .ci/test installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Session {
    /// Starts kanbao in a detached tmux session of the given size. The shell
    /// around it records the exit status and the terminal modes afterwards,
    /// then stays open so the pane can be inspected.
    fn start(tag: &str, w: u16, h: u16, args: &str, env: &str) -> Session {
        Session::start_in(tempfile::tempdir().unwrap(), tag, w, h, args, env)
    }

    /// Like [`Session::start`], with config and data in `dir` (a second run
    /// sees what the first one saved).
    fn start_in(
        dir: tempfile::TempDir,
        tag: &str,
        w: u16,
        h: u16,
        args: &str,
        env: &str,
    ) -> Session {
        let name = format!("kanbao-e2e-{tag}-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_kanbao");
        let d = dir.path().display();
        let script = format!(
            "export XDG_CONFIG_HOME={d} XDG_DATA_HOME={d} KANBAO_CACHE_DIR={d}/cache RUST_BACKTRACE=0 {env}; \
             {bin} {args}; echo $? > {d}/exit; stty -a > {d}/stty; sleep 60"
        );
        let _ = tmux(&["kill-session", "-t", &name]);
        let size = format!("{w}x{h}");
        let session = Session { name, dir };
        // A server still shutting down after an earlier test's last session
        // can refuse the new one ("server exited unexpectedly"): try again.
        for _ in 0..20 {
            tmux(&[
                "new-session",
                "-d",
                "-s",
                &session.name,
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                &script,
            ]);
            if session.format("#{window_width}x#{window_height}") == size {
                return session;
            }
            let _ = tmux(&["kill-session", "-t", &session.name]);
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("tmux did not start an {size} session");
    }

    fn screen(&self) -> String {
        tmux(&["capture-pane", "-p", "-t", &self.name])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            tmux(&["send-keys", "-t", &self.name, k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn wait_for(&self, what: &str) -> String {
        self.wait_for_all(&[what])
    }

    /// Waits until the screen shows every one of `what`. A frame reaches
    /// tmux in pieces, so a capture can hold half of one: asserting on the
    /// rest of a screen found by one string would race the drawing.
    fn wait_for_all(&self, what: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if what.iter().all(|w| s.contains(w)) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited 20 s for {what:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn wait_exit(&self) -> i32 {
        let path = self.file("exit");
        let start = Instant::now();
        loop {
            if let Ok(s) = std::fs::read_to_string(&path)
                && !s.trim().is_empty()
            {
                // Wait for stty's output too: the shell writes it after the
                // exit code, and on a loaded machine 200 ms was not always
                // enough (the restore check then read an empty file).
                let stty = self.file("stty");
                let waited = Instant::now();
                while std::fs::read_to_string(&stty).map_or(true, |t| !t.contains("echo"))
                    && waited.elapsed() < Duration::from_secs(10)
                {
                    std::thread::sleep(Duration::from_millis(50));
                }
                return s.trim().parse().unwrap();
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "kanbao did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn format(&self, f: &str) -> String {
        tmux(&["display-message", "-p", "-t", &self.name, f])
            .trim()
            .to_string()
    }

    /// The terminal is back as the shell left it.
    fn assert_restored(&self) {
        assert_eq!(self.format("#{alternate_on}"), "0", "alternate screen left");
        assert_eq!(self.format("#{cursor_flag}"), "1", "cursor shown");
        assert_eq!(self.format("#{mouse_any_flag}"), "0", "mouse released");
        let stty = std::fs::read_to_string(self.file("stty")).unwrap();
        assert!(
            stty.contains(" icanon") && stty.contains(" echo "),
            "raw mode off: {stty}"
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = tmux(&["kill-session", "-t", &self.name]);
    }
}

/// A folder holding these page files, the archive a test reads.
fn pages_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// An archive folder of `pages` (old enough for the index to trust their
/// stamps) in `dir`, indexed by `kanbao index` into `dir/cache`.
fn indexed_archive(dir: &std::path::Path, pages: &[(String, String)]) -> String {
    let archive = dir.join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    for (name, text) in pages {
        let path = archive.join(name);
        std::fs::write(&path, text).unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }
    let built = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(["index", archive.to_str().unwrap()])
        .env("KANBAO_CACHE_DIR", dir.join("cache"))
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    archive.display().to_string()
}

fn have_tmux() {
    assert!(
        Command::new("tmux").arg("-V").output().is_ok(),
        "tmux is needed for this test: run `bash .ci/test`, which installs it"
    );
}

#[test]
fn read_scroll_resize_quit_at_80x24() {
    have_tmux();
    let s = Session::start("main", 80, 24, "", "");
    // The status line is drawn last: the whole first frame is there.
    s.wait_for_all(&["2022-01-07", "(sample archive) · 4 issues · 34 articles"]);
    // Down to the 2021-01-10 issue, open it, open its third (long) article.
    s.keys(&["j", "Enter", "j", "j", "Enter"]);
    s.wait_for_all(&["选配强“两委”班子", "3/9", "记者 罗欣"]);
    // Scroll a page: the percentage moves.
    let before = s.screen();
    s.keys(&["Space"]);
    let start = Instant::now();
    while s.screen() == before && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_ne!(s.screen(), before, "space scrolled the reader");
    // Next article across the list.
    s.keys(&["]"]);
    s.wait_for("4/9");
    // Resize to three panes.
    tmux(&["resize-window", "-t", &s.name, "-x", "130", "-y", "40"]);
    s.wait_for_all(&["期 Issues", "文章 2021-01-10"]);
    // Help, then quit.
    s.keys(&["?"]);
    s.wait_for("keys · 按键");
    s.keys(&["Escape", "q"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_dropped_session_keeps_the_place() {
    have_tmux();
    let mut s = Session::start("hangup", 80, 24, "", "");
    s.wait_for("2022-01-07");
    s.keys(&["j", "Enter", "j", "j", "Enter"]);
    // The headline shows in the article list too: wait for the reader's
    // own place (`3/9 · 46%`), or the spaces may reach the list; then for
    // that place to move, or the hang-up may come before the spaces.
    let screen = s.wait_for_all(&["选配强“两委”班子", "3/9 ·"]);
    let place: String = screen
        .lines()
        .find_map(|l| l.find("3/9 ·").map(|i| l[i..].trim_end().to_string()))
        .unwrap();
    s.keys(&["Space", "Space"]);
    let start = Instant::now();
    while s.screen().contains(&place) && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    // The SSH connection drops: the terminal hangs up under kanbao.
    tmux(&["kill-session", "-t", &s.name]);
    let state = s.file("kanbao/state.ron");
    let start = Instant::now();
    let saved = loop {
        let text = std::fs::read_to_string(&state).unwrap_or_default();
        if text.contains("scroll:") && !text.contains("scroll: 0") {
            break text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the place was not saved after the hang-up: {text:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(saved.contains("\"2021-01-10/A1/3\""), "{saved}");
    // The next start opens the same article, scrolled where it was.
    let dir = std::mem::replace(&mut s.dir, tempfile::tempdir().unwrap());
    let again = Session::start_in(dir, "hangup2", 80, 24, "", "");
    let screen = again.wait_for_all(&["选配强“两委”班子", "3/9 · "]);
    // The header may be captured before its percentage is drawn: read it
    // from a screen that has one.
    let percent = |screen: &str| -> Option<u32> {
        let rest = &screen[screen.find("3/9 · ")? + "3/9 · ".len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        rest[digits.len()..]
            .starts_with('%')
            .then(|| digits.parse().ok())?
    };
    let start = Instant::now();
    let mut screen = screen;
    while percent(&screen).is_none() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
        screen = again.screen();
    }
    assert!(
        percent(&screen).is_some_and(|p| p > 0),
        "scrolled as before:\n{screen}"
    );
}

#[test]
fn a_config_mistake_is_shown_and_the_reader_starts_anyway() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("kanbao")).unwrap();
    std::fs::write(dir.path().join("kanbao/config.ron"), "(theme: Purple)\n").unwrap();
    let s = Session::start_in(dir, "badcfg", 80, 24, "", "");
    // File, line and column, on an 80-column screen.
    s.wait_for_all(&["config.ron:1:9: ", "2022-01-07"]);
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_term_signal_restores_the_terminal() {
    have_tmux();
    let s = Session::start("term", 80, 24, "", "");
    s.wait_for("2022-01-07");
    let shell = s.format("#{pane_pid}");
    let out = Command::new("pgrep")
        .args(["-P", &shell])
        .output()
        .expect("pgrep runs");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "kanbao runs under the pane's shell");
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert_eq!(s.wait_exit(), 128 + 15, "ended by TERM");
    s.assert_restored();
}

#[test]
fn tiny_window_and_ctrl_c() {
    have_tmux();
    let s = Session::start("tiny", 20, 6, "", "");
    s.wait_for("2022-01-07");
    tmux(&["resize-window", "-t", &s.name, "-x", "15", "-y", "4"]);
    s.wait_for("too small");
    s.keys(&["C-c"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_panic_still_restores_the_terminal() {
    have_tmux();
    // Debug builds panic on purpose after the first frame when asked to.
    let s = Session::start("panic", 80, 24, "", "KANBAO_TEST_PANIC=1");
    let code = s.wait_exit();
    assert_eq!(code, 101, "a panic exits 101");
    s.assert_restored();
    let screen = s.screen();
    assert!(
        screen.contains("deliberate panic"),
        "the panic message is readable:\n{screen}"
    );
}

#[test]
fn a_missing_archive_never_takes_the_screen() {
    have_tmux();
    let s = Session::start("missing", 80, 24, "/no/such/archive", "");
    assert_eq!(s.wait_exit(), 2);
    s.assert_restored();
    assert!(
        s.screen()
            .contains("kanbao: /no/such/archive: no such file or directory")
    );
}

/// A terminal that draws East Asian ambiguous-width characters two columns
/// wide, as terminals in Chinese locales do: tmux takes character widths
/// from the C library's `wcwidth`, so a locale whose charmap gives every
/// ambiguous character width 2 (built here with `localedef`) makes one.
struct WideLocale {
    dir: tempfile::TempDir,
}

impl WideLocale {
    fn build() -> WideLocale {
        use kanbao::layout::{AmbiguousWidth, char_width, is_ambiguous};
        let charmap = Command::new("zcat")
            .arg("/usr/share/i18n/charmaps/UTF-8.gz")
            .output()
            .expect("zcat runs");
        assert!(
            charmap.status.success(),
            "the locales package is needed: run `bash .ci/test`"
        );
        let text = String::from_utf8(charmap.stdout).unwrap();
        let start = text.find("\nWIDTH\n").expect("charmap has a WIDTH section") + 7;
        let end = text.find("\nEND WIDTH").unwrap();
        // Code points the charmap already gives a width (combining marks…).
        let mut covered = Vec::new();
        for line in text[start..end].lines() {
            let code = |s: &str| {
                u32::from_str_radix(s.trim_start_matches("<U").trim_end_matches('>'), 16).ok()
            };
            let range = line.split_whitespace().next().unwrap_or("");
            let (a, b) = match range.split_once("...") {
                Some((a, b)) => (code(a), code(b)),
                None => (code(range), code(range)),
            };
            if let (Some(a), Some(b)) = (a, b) {
                covered.push(a..=b);
            }
        }
        let mut wide = String::new();
        for cp in 0x80u32..0x30000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if is_ambiguous(c)
                && char_width(c, AmbiguousWidth::Wide) == 2
                && !(0xE000..=0xF8FF).contains(&cp)
                && !covered.iter().any(|r| r.contains(&cp))
            {
                wide.push_str(&format!("<U{cp:04X}>\t2\n"));
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let patched = format!("{}\n{wide}{}", &text[..end], &text[end..]);
        let map = dir.path().join("UTF-8-WIDE");
        std::fs::write(&map, patched).unwrap();
        let out = dir.path().join("en_US.UTF-8");
        // localedef warns about the standard charmap's quirks; the locale is built anyway.
        let _ = Command::new("localedef")
            .args([
                "-f",
                map.to_str().unwrap(),
                "-i",
                "en_US",
                out.to_str().unwrap(),
            ])
            .output()
            .expect("localedef runs");
        assert!(out.join("LC_CTYPE").exists(), "localedef built the locale");
        WideLocale { dir }
    }

    /// Runs kanbao in a tmux server of its own under the wide locale and
    /// returns the screen after opening a long article.
    fn screen(&self, tag: &str, amb: &str) -> String {
        let socket = format!("kanbao-wide-{tag}-{}", std::process::id());
        let home = tempfile::tempdir().unwrap();
        let bin = env!("CARGO_BIN_EXE_kanbao");
        // `auto`: no flag, the default setting, which asks the terminal.
        let flag = match amb {
            "auto" => String::new(),
            n => format!("--ambiguous-width {n}"),
        };
        let script = format!(
            "XDG_CONFIG_HOME={h} XDG_DATA_HOME={h} KANBAO_CACHE_DIR={h}/cache {bin} {flag}; sleep 60",
            h = home.path().display()
        );
        let run = |args: &[&str]| {
            Command::new("tmux")
                .args(["-L", &socket])
                .args(args)
                .env("LOCPATH", self.dir.path())
                .env("LC_ALL", "en_US.UTF-8")
                .output()
                .expect("tmux runs")
        };
        run(&[
            "new-session",
            "-d",
            "-s",
            "w",
            "-x",
            "80",
            "-y",
            "24",
            &script,
        ]);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            let first = String::from_utf8_lossy(&run(&["capture-pane", "-p", "-t", "w"]).stdout)
                .into_owned();
            if first.contains("2022-01-07") {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        for k in ["j", "Enter", "j", "j", "Enter"] {
            run(&["send-keys", "-t", "w", k]);
            std::thread::sleep(Duration::from_millis(80));
        }
        // The article is open and the frame is complete: two captures
        // 300 ms apart agree (a busy machine may still be drawing).
        let capture = || {
            String::from_utf8_lossy(&run(&["capture-pane", "-p", "-t", "w"]).stdout).into_owned()
        };
        let start = Instant::now();
        let mut screen = capture();
        loop {
            std::thread::sleep(Duration::from_millis(300));
            let next = capture();
            if next == screen && screen.contains("选配强“两委”班子") {
                break;
            }
            screen = next;
            if start.elapsed() > Duration::from_secs(20) {
                break;
            }
        }
        run(&["kill-server"]);
        screen
    }
}

/// Columns of each row up to the pane separator, measured as the wide terminal draws.
fn separator_columns(screen: &str, sep: char) -> Vec<Option<usize>> {
    use kanbao::layout::{AmbiguousWidth, str_width};
    screen
        .lines()
        .take(23)
        .map(|l| {
            l.find(sep)
                .map(|i| str_width(&l[..i], AmbiguousWidth::Wide))
        })
        .collect()
}

#[test]
fn borders_and_text_stay_aligned_on_a_terminal_with_wide_ambiguous_characters() {
    have_tmux();
    let locale = WideLocale::build();
    let screen = locale.screen("two", "2");
    assert!(screen.contains("选配强“两委”班子"), "{screen}");
    let columns = separator_columns(&screen, '|');
    assert!(
        columns.iter().all(|c| *c == Some(34)),
        "with --ambiguous-width 2 every row has its separator at column 34:\n{screen}\n{columns:?}"
    );
    // …and the same terminal with the default setting shows why the setting exists.
    let wrong = locale.screen("one", "1");
    let columns = separator_columns(&wrong, '│');
    assert!(
        columns.iter().any(|c| *c != Some(34)),
        "with width 1 on this terminal the layout breaks:\n{wrong}"
    );
}

#[test]
fn ambiguous_width_auto_asks_the_terminal_of_either_kind() {
    have_tmux();
    // The wide terminal: auto finds 2 (ASCII rules, aligned at column 34).
    let locale = WideLocale::build();
    let screen = locale.screen("auto", "auto");
    assert!(screen.contains("选配强“两委”班子"), "{screen}");
    let columns = separator_columns(&screen, '|');
    assert!(
        columns.iter().all(|c| *c == Some(34)),
        "auto on a wide terminal draws as 2 does:\n{screen}\n{columns:?}"
    );
    // The ordinary terminal: auto finds 1 (box-drawing rules), and the
    // probe's character leaves nothing behind on the screen it was shown on.
    let s = Session::start("autonarrow", 80, 24, "", "");
    s.wait_for_all(&["2022-01-07", "(sample archive)"]);
    s.keys(&["j", "Enter", "j", "j", "Enter"]);
    let screen = s.wait_for_all(&["选配强“两委”班子", "3/9"]);
    let narrow = |line: &str| {
        line.find('│')
            .map(|i| kanbao::layout::str_width(&line[..i], kanbao::layout::AmbiguousWidth::Narrow))
    };
    assert!(
        screen.lines().take(23).all(|l| narrow(l) == Some(34)),
        "auto on an ordinary terminal draws as 1 does:\n{screen}"
    );
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let after = s.screen();
    assert!(
        !after.contains('“'),
        "the probe's character was cleared:\n{after}"
    );
}

#[test]
fn a_large_archive_shows_progress_while_it_loads() {
    have_tmux();
    // 3,000 pages (≈ 58 MB): long enough to load that the loading screen shows.
    let archive = tempfile::tempdir().unwrap();
    let pages: Vec<&[u8]> = kanbao::loader::SAMPLE_FILES
        .iter()
        .filter(|(n, _)| n.ends_with(".txt"))
        .map(|(_, b)| *b)
        .collect();
    for i in 0..3000 {
        let dir = archive.path().join(format!("{}", i / 500));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("p{i:04}.txt")), pages[i % pages.len()]).unwrap();
    }
    let s = Session::start("large", 80, 24, archive.path().to_str().unwrap(), "");
    let start = Instant::now();
    let mut saw_progress = false;
    loop {
        let screen = s.screen();
        if screen.contains("kanbao: loading") {
            saw_progress = true;
        }
        if screen.contains("Issues") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "never finished loading:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(15));
    }
    assert!(saw_progress, "a progress line was on screen while loading");
    // The headlines are indexed after the first frame; a query typed at
    // once waits for the index and then runs.
    s.keys(&["/", "m", "t", "f"]);
    let start = Instant::now();
    loop {
        let screen = s.screen();
        if screen.contains(" 条") && screen.contains("毛腾飞") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the filter never answered:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(15));
    }
    s.keys(&["Escape", "q"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// A TERM or a hang-up while the archive is still loading (issue 17): the
/// terminal is given back whole, not left raw on the alternate screen.
#[test]
fn a_signal_while_the_archive_loads_restores_the_terminal() {
    have_tmux();
    // One page of 200,000 short lines: seconds to load in a debug build.
    let archive = tempfile::tempdir().unwrap();
    let mut page = String::new();
    for i in 0..200_000 {
        if i % 3 != 0 {
            page.push_str(&format!("株洲日报讯 {i}。\n"));
        } else {
            page.push_str(&format!("标题{i}\n"));
        }
    }
    std::fs::write(archive.path().join("p.txt"), page).unwrap();
    for (tag, signal, code) in [
        ("load-term", "-TERM", 128 + 15),
        ("load-hup", "-HUP", 128 + 1),
    ] {
        let s = Session::start(tag, 80, 24, archive.path().to_str().unwrap(), "");
        let screen = s.wait_for("kanbao: ");
        assert!(!screen.contains("Issues"), "still loading:\n{screen}");
        let shell = s.format("#{pane_pid}");
        let out = Command::new("pgrep")
            .args(["-P", &shell])
            .output()
            .expect("pgrep runs");
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(!pid.is_empty(), "kanbao runs under the pane's shell");
        Command::new("kill").args([signal, &pid]).status().unwrap();
        assert_eq!(s.wait_exit(), code, "ended by {signal}");
        s.assert_restored();
    }
}

/// Named pipes as `config.ron` and `state.ron` (issue 17): the reader used
/// to sit on a blank screen deaf to `q`. It starts with the defaults, says
/// why in the status line, and quits on `q`.
#[test]
fn pipes_as_config_and_state_do_not_hang_the_reader() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("kanbao")).unwrap();
    for name in ["config.ron", "state.ron"] {
        let made = Command::new("mkfifo")
            .arg(dir.path().join("kanbao").join(name))
            .status()
            .unwrap();
        assert!(made.success());
    }
    let s = Session::start_in(dir, "pipes", 120, 24, "", "");
    s.wait_for_all(&["2022-01-07", "config.ron: a named pipe"]);
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// The source view by its key on the real binary, a split made there by
/// keyboard, shown and written at once, and its undo.
#[test]
fn a_split_by_keyboard_in_the_source_view_and_its_undo() {
    have_tmux();
    let pages = pages_folder(&[(
        "p.txt",
        "晨光日报\n2021年3月4日 星期四\n\n河边新建一座桥\n记者 王小明\n\
         本报讯 3月3日，河边的新桥通车了。\n居民说方便多了。\n\n公园花开\n\
         本报讯 春天到了，公园里的花都开了。\n",
    )]);
    let root = pages.path().display().to_string();
    let review = pages.path().join("kanbao-review.ron");
    let s = Session::start("structure", 120, 30, &root, "");
    s.wait_for_all(&["2021-03-04", "1 issue · 2 articles"]);
    s.keys(&["Enter", "Enter", "S"]);
    s.wait_for_all(&["原文 source · p.txt", "> 4 headline    A1/1"]);
    // To line 7, and split there: the view and the status line say so.
    s.keys(&["j", "j", "j", "c"]);
    s.wait_for_all(&[
        "7 body        A1/1b  居民说方便多了。",
        "new article 2021-03-04/A1/1b",
    ]);
    let written = std::fs::read_to_string(&review).unwrap();
    assert!(written.contains("Split("), "{written}");
    s.keys(&["u"]);
    s.wait_for_all(&[
        "undone: split at line 7",
        "7 body        A1/1   居民说方便多了。",
    ]);
    let written = std::fs::read_to_string(&review).unwrap();
    assert!(!written.contains("Split("), "{written}");
    s.keys(&["S", "q"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// A correction made on the command line is in the reader's lists at the
/// next start (the reader opens the archive as corrected, as every command
/// shows it).
#[test]
fn the_reader_opens_the_archive_as_structurally_corrected() {
    have_tmux();
    let pages = pages_folder(&[(
        "p.txt",
        "晨光日报\n2021年3月4日 星期四\n\n河边新建一座桥\n记者 王小明\n\
         本报讯 3月3日，河边的新桥通车了。\n居民说方便多了。\n",
    )]);
    let root = pages.path().display().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args([
            "review",
            "split",
            "2021-03-04/A1/1",
            "--at-line",
            "7",
            &root,
        ])
        .env("XDG_DATA_HOME", pages.path())
        .env("XDG_CONFIG_HOME", pages.path())
        .env(
            "KANBAO_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = Session::start("corrected", 100, 24, &root, "");
    s.wait_for("1 issue · 2 articles");
    s.keys(&["Enter"]);
    s.wait_for("（无标题）居民说方便多了。");
    // `o`: the parse, as the loader kept it; again: the correction.
    s.keys(&["o"]);
    s.wait_for("showing the parse: no title or structural correction");
    std::thread::sleep(Duration::from_millis(300));
    let screen = s.screen();
    assert!(!screen.contains("（无标题）"), "{screen}");
    s.keys(&["o"]);
    s.wait_for_all(&["showing the corrections", "（无标题）居民说方便多了。"]);
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
}

/// The README's example on the real binary: a split given a headline with
/// the role chooser, both undone, then a run of lines selected and moved.
#[test]
fn a_role_by_the_chooser_and_a_run_moved_by_keyboard() {
    have_tmux();
    let pages = pages_folder(&[(
        "p.txt",
        "晨光日报\n2021年3月4日 星期四\n\n河边新建一座桥\n记者 王小明\n\
         本报讯 3月3日，河边的新桥通车了。\n居民说方便多了。\n\n3\n\n公园花开\n\
         记者 李四\n本报讯 春天到了，公园里的花都开了。\n",
    )]);
    let root = pages.path().display().to_string();
    let review = pages.path().join("kanbao-review.ron");
    let s = Session::start("roles", 120, 30, &root, "");
    s.wait_for_all(&["2021-03-04", "1 issue · 2 articles"]);
    s.keys(&["Enter", "Enter", "S"]);
    s.wait_for("> 4 headline    A1/1");
    s.keys(&["j", "j", "j", "c"]);
    s.wait_for("new article 2021-03-04/A1/1b (r: its first line's role");
    s.keys(&["r"]);
    s.wait_for("line 7 · role · Esc");
    s.keys(&["h"]);
    s.wait_for_all(&[
        "line 7 is a headline",
        "7 headline    A1/1b  居民说方便多了。",
    ]);
    let written = std::fs::read_to_string(&review).unwrap();
    assert!(written.contains("SetRole("), "{written}");
    s.keys(&["u", "u"]);
    s.wait_for_all(&[
        "undone: split at line 7",
        "7 body        A1/1   居民说方便多了。",
    ]);
    s.keys(&["]"]);
    s.wait_for(">11 headline    A1/2");
    s.keys(&["k", "k", "k", "k", "R", "j", "j"]);
    s.wait_for("+ 9 fragment    ?");
    s.keys(&[">"]);
    s.wait_for_all(&[
        "move lines 7-9 into the article at line 11",
        "9 caption     A1/2   3",
        "7 body        A1/2   居民说方便多了。",
    ]);
    let written = std::fs::read_to_string(&review).unwrap();
    assert!(written.contains("Move("), "{written}");
    assert!(!written.contains("Split("), "{written}");
    s.keys(&["S", "q"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    have_tmux();
    let taken = Session::start("mouse", 80, 24, "", "");
    taken.wait_for("(sample archive)");
    assert_eq!(
        taken.format("#{mouse_any_flag}"),
        "1",
        "the reader takes the mouse"
    );
    let left = Session::start("nomouse", 80, 24, "--no-mouse", "");
    left.wait_for("(sample archive)");
    assert_eq!(
        left.format("#{mouse_any_flag}"),
        "0",
        "--no-mouse leaves it"
    );
    // The config's `mouse: false` does the same.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("kanbao")).unwrap();
    std::fs::write(dir.path().join("kanbao/config.ron"), "(mouse: false)").unwrap();
    let set = Session::start_in(dir, "mouseconf", 80, 24, "", "");
    set.wait_for("(sample archive)");
    assert_eq!(
        set.format("#{mouse_any_flag}"),
        "0",
        "mouse: false leaves it"
    );
    for s in [taken, left, set] {
        s.keys(&["q"]);
        assert_eq!(s.wait_exit(), 0);
        s.assert_restored();
    }
}

#[test]
fn y_copies_through_tmux_and_pipe_runs_on_the_normal_screen() {
    have_tmux();
    let s = Session::start("copy", 100, 30, "", "");
    s.wait_for("(sample archive)");
    // tmux takes the clipboard sequence into a paste buffer when
    // set-clipboard is on (the sequence itself is gone by then: tmux
    // consumed it).
    tmux(&["set-option", "-g", "set-clipboard", "on"]);
    s.keys(&["j", "Enter", "j", "j", "Enter"]);
    s.wait_for("记者 罗欣");
    s.keys(&["y"]);
    s.wait_for("copied");
    let start = Instant::now();
    let copied = loop {
        let buffers = tmux(&["list-buffers", "-F", "#{buffer_name}"]);
        let found = buffers
            .lines()
            .map(|b| tmux(&["show-buffer", "-b", b]))
            .find(|t| t.contains("2021-01-10/A1/3") && t.contains("选配强"));
        if let Some(t) = found {
            break t;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no buffer holds the article: {buffers}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(copied.contains("2021-01-10 · A1版"), "{copied}");
    // `|`: the command runs on the normal screen; Enter brings the reader back.
    let out = s.file("piped.txt");
    s.keys(&["|"]);
    s.wait_for("| command");
    tmux(&[
        "send-keys",
        "-t",
        &s.name,
        "-l",
        &format!("cat > {}", out.display()),
    ]);
    s.keys(&["Enter"]);
    s.wait_for("press Enter to return");
    assert_eq!(s.format("#{alternate_on}"), "0", "the reader stepped aside");
    s.keys(&["Enter"]);
    s.wait_for_all(&["记者 罗欣", ": done"]);
    assert_eq!(s.format("#{alternate_on}"), "1");
    let piped = std::fs::read_to_string(&out).unwrap();
    assert!(
        piped.contains("选配强") && piped.ends_with("2021-01-10/A1/3\n"),
        "{piped}"
    );
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// The reader's `s` asks the archive's full-text index when `kanbao index`
/// has built one, and finds a term that only a photo caption holds.
#[test]
fn body_search_in_the_reader_with_a_built_index_finds_a_caption() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        (
            "a_A1.txt",
            "河边新修步道开放\n\n本报讯 新修的步道今天开放，市民前来散步。\n\n傍晚的步道上人来人往zqx。王小明摄\n",
        ),
        (
            "b_A1.txt",
            "城东菜场重新开业\n\n本报讯 城东菜场今天重新开业。\n",
        ),
    ]
    .map(|(n, t)| (n.to_string(), t.to_string()));
    let archive = indexed_archive(dir.path(), &pages);
    let s = Session::start_in(dir, "bodyindex", 100, 30, &archive, "");
    s.wait_for("河边新修步道开放");
    s.keys(&["s", "z", "q", "x", "Enter"]);
    // One article, listed in the search's panel by its page and title.
    let screen = s.wait_for("1 篇");
    assert!(screen.contains("A1  河边新修步道开放"), "{screen}");
    s.keys(&["Escape", "q"]);
    assert_eq!(s.wait_exit(), 0);
}

/// Eight one-page issues of one article each (2021-03-01 to 08), the
/// first one's body ending in `first_tail`, the others' in "市民纷纷前来。".
fn eight_issues(first_tail: &str) -> Vec<(String, String)> {
    let heads = [
        "河边新修步道开放",
        "城东菜场重新开业",
        "北门小学新校舍落成",
        "南湖公园荷花盛开",
        "西站公交线路调整",
        "老街修缮工程完工",
        "图书馆延长开放时间",
        "体育馆举办象棋赛",
    ];
    heads
        .iter()
        .enumerate()
        .map(|(n, head)| {
            let tail = if n == 0 {
                first_tail
            } else {
                "市民纷纷前来。"
            };
            (
                format!("2021-03-{:02}_A1.txt", n + 1),
                format!("{head}\n\n本报讯 {head}，{tail}\n"),
            )
        })
        .collect()
}

/// The reader on the skeleton of an indexed archive: the body search reads
/// the one issue its index candidate lies in, alone, and the reader is
/// still on the skeleton after it (`o` then asks for the text).
#[test]
fn body_search_on_the_skeleton_reads_the_candidates_issue_alone() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    let archive = indexed_archive(dir.path(), &eight_issues("傍晚的步道上人来人往zqx。"));
    let cache = dir.path().join("cache");
    remove_parses(&cache);
    let s = Session::start_in(dir, "bodyalone", 100, 30, &archive, "");
    s.wait_for("8 issues");
    s.keys(&["s", "z", "q", "x", "Enter"]);
    let screen = s.wait_for("1 篇");
    assert!(screen.contains("A1  河边新修步道开放"), "{screen}");
    s.keys(&["Escape", "q"]);
    assert_eq!(s.wait_exit(), 0);
    // Had the search loaded every article's text, it would have parsed
    // the archive and kept the parses.
    assert!(
        common::generated::parse_shards(&cache).is_empty(),
        "the search parsed the whole archive"
    );
}

/// A reviewed archive opens on its skeleton like one without reviews: the
/// issues its review entries bear on are read alone with it, so that an
/// article's mark and corrected headline show, and the filter finds the
/// headline by its correction, and a mark is made, while no other
/// article's text is read (the archive's parses, removed, are not made
/// again).
#[test]
fn a_reviewed_archive_opens_on_its_skeleton_with_its_marks_and_corrections() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    let archive = indexed_archive(dir.path(), &eight_issues("市民纷纷前来。"));
    let root = PathBuf::from(&archive);
    let loaded = kanbao::loader::load_path(&root, &Default::default()).unwrap();
    let id = loaded.issues[5].articles().next().unwrap().id.clone();
    let headline = "老街修缮工程竣工验收";
    let set = [
        "review",
        "set",
        &id,
        &archive,
        "--status",
        "ok",
        "--headline",
        headline,
    ];
    kanbao_in(dir.path(), &set);
    let cache = dir.path().join("cache");
    let parses = || common::generated::parse_shards(&cache);
    assert!(!parses().is_empty(), "kanbao index keeps the parses");
    remove_parses(&cache);
    let s = Session::start_in(dir, "reviewed", 100, 30, &archive, "");
    s.wait_for("8 issues");
    s.keys(&["/", "j", "g", "y", "s"]);
    s.wait_for("老街修缮工程竣工验收");
    s.keys(&["Enter"]);
    let screen = s.wait_for("标题已校正");
    // The article list's row: marked ok, its headline corrected.
    assert!(screen.contains("✔  ✎老街修缮工程竣工验收"), "{screen}");
    assert!(screen.contains("审校 ok"), "{screen}");
    // Marked again on the skeleton: written to the review file.
    s.keys(&["v"]);
    s.wait_for("审校 needs-fix");
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
    let reviews = std::fs::read_to_string(root.join("kanbao-review.ron")).unwrap();
    assert!(reviews.contains("NeedsFix"), "{reviews}");
    assert!(parses().is_empty(), "the reader parsed the whole archive");
}

/// `kanbao ARGS` with the index the sessions started in `dir` use
/// (`dir/cache`), which must succeed.
fn kanbao_in(dir: &std::path::Path, args: &[&str]) {
    let done = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env("KANBAO_CACHE_DIR", dir.join("cache"))
        .env("XDG_DATA_HOME", dir)
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&done.stderr)
    );
}

/// Removes the parses `kanbao index` kept in `cache`: a reader that
/// loaded the whole archive would parse every file again and keep them.
fn remove_parses(cache: &std::path::Path) {
    for shard in common::generated::parse_shards(cache) {
        std::fs::remove_file(shard).unwrap();
    }
}

/// [`eight_issues`], the seventh with two articles on its page (图书馆…,
/// then 城北新建停车场启用, whose text alone says 新增车位三百个wkq).
fn two_articles_on_the_seventh() -> Vec<(String, String)> {
    let mut pages = eight_issues("市民纷纷前来。");
    pages[6].1 = "图书馆延长开放时间\n\n本报讯 图书馆延长开放时间，市民纷纷前来。\n\n\
                  城北新建停车场启用\n\n本报讯 城北新建停车场启用，新增车位三百个wkq。\n"
        .into();
    pages
}

/// The body search `s wkq` finds the text the merged article brought into
/// the one it joined, under that one's headline.
fn body_search_finds_the_merged_text(s: &Session) {
    s.keys(&["s", "w", "k", "q", "Enter"]);
    let screen = s.wait_for_all(&["1 篇", "A1  图书馆延长开放时间"]);
    assert!(!screen.contains("载入"), "{screen}");
    s.keys(&["Escape"]);
}

/// A structural correction made (two articles merged), the reader still
/// opens on the skeleton, the corrected issue read alone and shown as
/// corrected, and never parses the whole archive.
#[test]
fn a_structurally_corrected_archive_opens_on_its_skeleton_as_corrected() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    let archive = indexed_archive(dir.path(), &two_articles_on_the_seventh());
    let root = PathBuf::from(&archive);
    let loaded = kanbao::loader::load_path(&root, &Default::default()).unwrap();
    let articles: Vec<&kanbao::model::Article> = loaded.issues[6].articles().collect();
    assert_eq!(articles.len(), 2, "two articles on the page");
    kanbao_in(dir.path(), &["review", "merge", &articles[1].id, &archive]);
    let cache = dir.path().join("cache");
    let parses = || common::generated::parse_shards(&cache);
    remove_parses(&cache);
    let s = Session::start_in(dir, "structured", 100, 30, &archive, "");
    s.wait_for("8 issues");
    // The merged article's headline is no longer one the filter finds;
    // the article it joined shows its text.
    s.keys(&["/", "t", "s", "g"]);
    s.wait_for("图书馆延长开放时间");
    s.keys(&["Enter"]);
    let screen = s.wait_for("新增车位三百个");
    assert!(!screen.contains("载入"), "{screen}");
    // The body search finds the merged article's text in the article it
    // joined, from the issue the reader holds as corrected.
    body_search_finds_the_merged_text(&s);
    // `o` shows the parse, the merged article on its own again, and the
    // corrections again, on the skeleton.
    s.keys(&["o"]);
    let screen = s.wait_for_all(&["showing the parse", "城北新建停车场启用"]);
    assert!(!screen.contains("载入"), "{screen}");
    s.keys(&["o"]);
    s.wait_for("showing the corrections");
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
    assert!(parses().is_empty(), "the reader parsed the whole archive");
}

/// A structural correction made in the reader on the skeleton (`K`, the
/// next article merged into the one shown): made on the issue read alone,
/// written to the review file, shown at once, and the archive never
/// parsed whole.
#[test]
fn a_merge_made_on_the_skeleton_is_written_and_shown_without_loading_the_archive() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    let archive = indexed_archive(dir.path(), &two_articles_on_the_seventh());
    let root = PathBuf::from(&archive);
    let cache = dir.path().join("cache");
    let parses = || common::generated::parse_shards(&cache);
    remove_parses(&cache);
    let s = Session::start_in(dir, "mergehere", 100, 30, &archive, "");
    s.wait_for("8 issues");
    s.keys(&["/", "t", "s", "g"]);
    s.wait_for("图书馆延长开放时间");
    s.keys(&["Enter", "S"]);
    s.wait_for("原文 source");
    s.keys(&["K"]);
    let screen = s.wait_for("retired");
    assert!(!screen.contains("载入"), "{screen}");
    s.keys(&["Escape"]);
    s.wait_for("新增车位三百个");
    body_search_finds_the_merged_text(&s);
    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
    let reviews = std::fs::read_to_string(root.join("kanbao-review.ron")).unwrap();
    assert!(reviews.contains("Merge"), "{reviews}");
    assert!(parses().is_empty(), "the reader parsed the whole archive");
}

/// Three one-page issues indexed, then the files named written over with
/// `texts` half an hour ago (after the index, and old enough to be
/// trusted): the archive's folder.
fn indexed_then_changed(dir: &std::path::Path, texts: &[(&str, &str)]) -> String {
    let pages: Vec<(String, String)> = ["河边新修步道开放", "城东菜场重新开业", "南湖公园荷花盛开"]
        .iter()
        .enumerate()
        .map(|(n, head)| {
            (
                format!("2021-03-{:02}_A1.txt", n + 2),
                format!("{head}\n\n本报讯 {head}，市民纷纷前来。\n"),
            )
        })
        .collect();
    let archive = indexed_archive(dir, &pages);
    let half_an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(1800);
    for (name, head) in texts {
        let path = std::path::Path::new(&archive).join(name);
        std::fs::write(&path, format!("{head}\n\n本报讯 {head}，市民纷纷前来。\n")).unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(half_an_hour_ago).unwrap();
    }
    archive
}

/// The reader shows the skeleton as `kanbao index` kept it, then the stat
/// of every file finds a file changed since: the skeleton brought forward
/// replaces it.
#[test]
fn a_skeleton_kept_before_a_file_changed_is_brought_forward() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    let archive = indexed_then_changed(dir.path(), &[("2021-03-03_A1.txt", "城东菜场今日开业")]);
    let s = Session::start_in(dir, "brought", 100, 30, &archive, "");
    s.wait_for("3 issues");
    // The filter finds the new headline (by its pinyin initials), and the
    // old one is gone.
    s.keys(&["/", "j", "r", "k", "y"]);
    s.wait_for("城东菜场今日开业");
    s.keys(&["Escape", "/", "c", "x", "k", "y"]);
    s.wait_for("no headline matches");
    s.keys(&["Escape", "q"]);
    assert_eq!(s.wait_exit(), 0);
}

/// A file that gained an article since the index: the skeleton is brought
/// forward, the kept headline index cannot be (its articles moved), so the
/// reader builds it and keeps it for the archive as it is now: the next
/// start does not build it again.
#[test]
fn an_index_the_reader_builds_of_its_skeleton_is_kept_for_the_next_start() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    let archive = indexed_then_changed(dir.path(), &[]);
    let page = std::path::Path::new(&archive).join("2021-03-03_A1.txt");
    std::fs::write(
        &page,
        "城东菜场今日开业\n\n本报讯 城东菜场今日开业，市民纷纷前来。\n\n\
         西站公交线路调整\n\n本报讯 西站公交线路今起调整，请市民留意。\n",
    )
    .unwrap();
    let f = std::fs::File::options().write(true).open(&page).unwrap();
    f.set_modified(std::time::SystemTime::now() - Duration::from_secs(1800))
        .unwrap();
    let cache = kanbao::index::Cache::at(dir.path().join("cache"));
    let root = PathBuf::from(&archive);
    let loaded = kanbao::loader::load_path(&root, &Default::default()).unwrap();
    assert_eq!(loaded.article_count(), 4, "the page holds two articles now");
    // No headline index kept to bring forward over the edit: the reader
    // builds one of its skeleton.
    std::fs::remove_file(cache.archive_dir(&root).join("skeleton-headline-index.bin")).unwrap();
    let kept_for_now = || {
        let now = kanbao::index::skeleton::state_now(&root).map(|s| s.key);
        let kept = kanbao::index::skeleton::open_headline_index_as_kept(&cache, &root, true);
        kept.is_some_and(|(key, index)| Some(key) == now && index.len() == 4)
    };
    assert!(!kept_for_now(), "kept for the archive before the edit");
    let s = Session::start_in(dir, "keeps", 100, 30, &archive, "");
    s.wait_for("4 articles");
    s.keys(&["/", "x", "z", "g", "j"]);
    s.wait_for("西站公交线路调整");
    let waited = Instant::now();
    while !kept_for_now() && waited.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(kept_for_now(), "the index the reader built is kept");
    s.keys(&["Escape", "q"]);
    assert_eq!(s.wait_exit(), 0);
}

/// A file added since the index cannot be brought into the skeleton: the
/// skeleton shown first gives way to the whole archive, loaded.
#[test]
fn a_skeleton_kept_before_a_file_was_added_gives_way_to_the_archive() {
    have_tmux();
    let dir = tempfile::tempdir().unwrap();
    let archive = indexed_then_changed(dir.path(), &[("2021-03-01_A1.txt", "西站公交线路调整")]);
    let s = Session::start_in(dir, "added", 100, 30, &archive, "");
    s.wait_for("4 issues");
    s.keys(&["/", "x", "z", "g", "j"]);
    s.wait_for("西站公交线路调整");
    s.keys(&["Escape", "q"]);
    assert_eq!(s.wait_exit(), 0);
}

/// Issue 16's whole session on the real binary: find an article by
/// `^`-anchored pinyin, follow its jump note to the continuation, copy it
/// (the OSC 52 sequence is in the pane's raw output), jump to a date, mark
/// the article there ok and move on, undo the mark, quit.
#[test]
fn a_whole_session_find_follow_copy_date_mark_undo_quit() {
    have_tmux();
    let pages = pages_folder(&[
        (
            "p1.txt",
            "晨光日报\n2021年3月4日 星期四\n第A1版\n\n河边新建一座桥\n记者 王小明\n\
             本报讯 3月3日，河边的新桥通车了。居民说方便多了。（下转A2版）\n\n\
             公园花开\n本报讯 春天到了，公园里的花都开了。\n",
        ),
        (
            "p2.txt",
            "晨光日报\n2021年3月4日 星期四\n第A2版\n\n（上接A1版）\n\
             桥上每天走过上千人，附近的商店也热闹起来。\n",
        ),
        (
            "p3.txt",
            "晨光日报\n2021年5月6日 星期四\n第A1版\n\n夜市重新开张\n记者 李小红\n\
             本报讯 5月5日，老街夜市重新开张。\n",
        ),
    ]);
    let root = pages.path().display().to_string();
    let review = pages.path().join("kanbao-review.ron");
    let s = Session::start("session", 100, 30, &root, "");
    // The newest issue opens first.
    s.wait_for_all(&["2021-03-04", "夜市重新开张"]);

    // Find by pinyin anchored at the headline's start, and open the hit.
    s.keys(&["/"]);
    s.wait_for("filter headlines");
    tmux(&["send-keys", "-t", &s.name, "-l", "^hbxj"]);
    s.wait_for_all(&["1 条", "2021-03-04 A1  河边新建一座桥"]);
    s.keys(&["Enter"]);
    s.wait_for("下转A2版 → 2021-03-04/A2/1");

    // Enter follows the jump note to the continuation on A2.
    s.keys(&["Enter"]);
    s.wait_for_all(&["2021-03-04 A2版", "上接A1版 ← 2021-03-04/A1/1"]);

    // y copies it: the clipboard sequence leaves kanbao for the terminal.
    tmux(&["set-option", "-g", "set-clipboard", "on"]);
    let raw = s.file("raw");
    tmux(&[
        "pipe-pane",
        "-o",
        "-t",
        &s.name,
        &format!("cat >> {}", raw.display()),
    ]);
    s.keys(&["y"]);
    s.wait_for("copied");
    let start = Instant::now();
    while !std::fs::read(&raw).is_ok_and(|b| b.windows(4).any(|w| w == b"]52;")) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no OSC 52 in the pane's output"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux(&["pipe-pane", "-t", &s.name]);

    // A date typed at `t` goes to that issue.
    s.keys(&["t"]);
    tmux(&["send-keys", "-t", &s.name, "-l", "2021-05-06"]);
    s.keys(&["Enter"]);
    s.wait_for("2021-05-06 A1版");

    // `a`: ok, and on to the next article (the older issue's first).
    s.keys(&["a"]);
    s.wait_for_all(&["review: ok", "2021-03-04 A1版"]);
    let written = std::fs::read_to_string(&review).unwrap();
    assert!(
        written.contains("\"2021-05-06/A1/1\"") && written.contains("status: Ok"),
        "{written}"
    );

    // `u` takes the mark back, on disk too.
    s.keys(&["u"]);
    s.wait_for("undone");
    let written = std::fs::read_to_string(&review).unwrap();
    assert!(!written.contains("2021-05-06/A1/1"), "{written}");

    s.keys(&["q"]);
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
