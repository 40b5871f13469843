//! Hostile archives (issue 17): pipes and devices where small files belong,
//! escapes in names and metadata, each reproducer of the issue as a user
//! would meet it. Every run of the binary has a deadline: a hang fails the
//! test instead of hanging the suite.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PAGE: &str = "好标题在这里\n\n株洲日报记者 甲乙\n\n株洲日报讯 3月1日，正文。\n";

/// Runs kanbao with its config and data under `home`; fails the test when it
/// has not finished within 20 seconds (the reproducers hung forever).
fn kanbao(home: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("KANBAO_CACHE_DIR", home.join("cache"))
        .env("USER", "tester")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kanbao runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kanbao {args:?} still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No character that drives a terminal or reorders or hides text.
fn assert_clean(what: &str, text: &str) {
    let bad: Vec<String> = text
        .chars()
        .filter(|&c| c != '\n' && c != '\t' && kanbao::decode::is_unsafe(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what} carries {bad:?}:\n{text}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// An archive folder with one page, `p.txt`, under a fresh home.
fn archive() -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("r1");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("p.txt"), PAGE).unwrap();
    (home, root)
}

#[cfg(unix)]
/// The id of the archive's one article, as `kanbao search` gives it.
fn the_article_id(home: &std::path::Path, root: &str) -> String {
    out(&kanbao(home, &["search", "标题", root]))
        .split('\t')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn a_pipe_as_a_sidecar_is_reported_and_the_page_loads() {
    let (home, root) = archive();
    mkfifo(&root.join("p.ron"));
    let r = root.to_str().unwrap();
    let o = kanbao(home.path(), &["check", r]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("p.ron: sidecar ignored: a named pipe, not a regular file: not read"),
        "{}",
        out(&o)
    );
    let o = kanbao(home.path(), &["export", r, "--format", "headlines"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("好标题在这里"), "{}", out(&o));
}

#[cfg(unix)]
#[test]
fn a_device_as_a_sidecar_is_not_read() {
    let (home, root) = archive();
    std::os::unix::fs::symlink("/dev/zero", root.join("p.ron")).unwrap();
    let o = kanbao(home.path(), &["check", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("p.ron: sidecar ignored: a device, not a regular file: not read"),
        "{}",
        out(&o)
    );
}

#[test]
fn a_huge_sidecar_is_refused_with_its_limit() {
    let (home, root) = archive();
    let mut big = String::from("(paper: \"株洲日报\", page: \"A1\")\n");
    big.push_str(&"// padding\n".repeat(10_000));
    std::fs::write(root.join("p.ron"), big).unwrap();
    let o = kanbao(home.path(), &["check", root.to_str().unwrap()]);
    assert!(
        out(&o).contains("sidecar ignored: larger than 64 KiB: not read"),
        "{}",
        out(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_as_the_review_file_is_reported_by_every_command_that_reads_it() {
    let (home, root) = archive();
    mkfifo(&root.join("kanbao-review.ron"));
    let r = root.to_str().unwrap();
    let why = "kanbao-review.ron: a named pipe, not a regular file: not read";

    let o = kanbao(home.path(), &["review", "list", r]);
    assert_ne!(o.status.code(), Some(0));
    assert!(err(&o).contains(why), "{}", err(&o));

    let id = out(&kanbao(home.path(), &["list", r]))
        .lines()
        .next()
        .and_then(|l| l.split('\t').next())
        .map(|i| format!("{i}/A1/1"))
        .unwrap();
    let o = kanbao(home.path(), &["review", "set", &id, r, "--status", "ok"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(err(&o).contains(why), "{}", err(&o));
    // nothing was put in the pipe's place
    let meta = std::fs::symlink_metadata(root.join("kanbao-review.ron")).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()));

    let o = kanbao(home.path(), &["export", r, "--format", "headlines"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains(why), "{}", err(&o));
    assert!(out(&o).contains("好标题在这里"));
}

#[cfg(unix)]
#[test]
fn a_pipe_as_the_config_gives_the_defaults_and_says_why() {
    let (home, root) = archive();
    std::fs::create_dir_all(home.path().join("config/kanbao")).unwrap();
    mkfifo(&home.path().join("config/kanbao/config.ron"));
    let o = kanbao(home.path(), &["list", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        err(&o).contains("config ignored, using defaults:")
            && err(&o).contains("config.ron: a named pipe, not a regular file: not read"),
        "{}",
        err(&o)
    );
    assert!(out(&o).contains("1 page(s)"));
}

#[cfg(unix)]
#[test]
fn a_pipe_as_the_state_file_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ron");
    mkfifo(&path);
    let (tx, rx) = std::sync::mpsc::channel();
    let p = path.clone();
    std::thread::spawn(move || {
        let _ = tx.send(kanbao::state::load_state(&p, "key").map(|_| ()));
    });
    let result = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("reading a pipe as state.ron returns within 10 s");
    let e = result.unwrap_err().to_string();
    assert!(
        e.ends_with("state.ron: a named pipe, not a regular file: not read"),
        "{e}"
    );
    // …and the place is not saved over it
    let pos = kanbao::state::Position::default();
    assert!(kanbao::state::set_position(&path, "key", pos).is_err());
}

/// A page under a name with an OSC escape, and a sidecar whose paper and
/// page are escape sequences: the reproducer of issue 17, item 4.
fn escaped_archive() -> (tempfile::TempDir, std::path::PathBuf) {
    let (home, root) = archive();
    std::fs::write(
        root.join("p.ron"),
        "(paper: \"\u{1b}]0;x\u{7}\", page: \"\u{1b}[2J\", date: \"2021-03-02\")",
    )
    .unwrap();
    std::fs::write(root.join("q\u{1b}]0;x\u{7}2.txt"), PAGE).unwrap();
    (home, root)
}

#[test]
fn names_and_sidecar_strings_reach_no_output_raw() {
    let (home, root) = escaped_archive();
    let r = root.to_str().unwrap();
    for args in [
        &["search", "标题", r][..],
        &["search", "--body", "正文", r],
        &["search", "标题", "--json", r],
        &["list", r],
        &["check", r],
        &["export", r, "--format", "json"],
        &["export", r, "--format", "md"],
        &["review", "report", r, "--format", "md"],
    ] {
        let o = kanbao(home.path(), args);
        assert_clean(&format!("{args:?} stdout"), &out(&o));
        assert_clean(&format!("{args:?} stderr"), &err(&o));
    }
    // The file name is shown escaped, the refused sidecar strings reported.
    let check = out(&kanbao(home.path(), &["check", r]));
    assert!(check.contains("q\\u{1b}]0;x\\u{7}2.txt"), "{check}");
    assert!(
        check.contains("p.ron: sidecar paper name is empty: ignored"),
        "{check}"
    );
    assert!(
        check.contains("p.ron: sidecar page label \"\\u{1b}[2J\" is not a short printable token"),
        "{check}"
    );
    // The escaped id is one a user can type back.
    let id = "q\\u{1b}]0;x\\u{7}2/A1/1";
    let o = kanbao(
        home.path(),
        &[
            "review",
            "set",
            id,
            r,
            "--status",
            "needs-fix",
            "--note",
            "看过",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).starts_with(&format!("{id}\tneeds-fix\t")),
        "{}",
        out(&o)
    );
    let report = out(&kanbao(home.path(), &["review", "report", r]));
    assert_clean("review report", &report);
    assert!(report.contains("看过"), "{report}");
}

#[test]
fn a_label_with_a_newline_cannot_split_ids() {
    let (home, root) = archive();
    std::fs::write(
        root.join("p.ron"),
        "(page: \"A\\n1\", date: \"2021-03-02\")",
    )
    .unwrap();
    let r = root.to_str().unwrap();
    let o = kanbao(home.path(), &["search", "标题", r]);
    let found = out(&o);
    let lines: Vec<&str> = found.lines().collect();
    assert_eq!(lines.len(), 1, "{found}");
    assert!(lines[0].starts_with("2021-03-02/A1/1\t"), "{found}");
    let check = out(&kanbao(home.path(), &["check", r]));
    assert!(
        check.contains("sidecar page label \"A\\u{a}1\" is not a short printable token"),
        "{check}"
    );
}

#[test]
fn hand_edited_review_notes_and_corrections_are_cleaned() {
    let (home, root) = archive();
    let r = root.to_str().unwrap();
    // The id of the one article, then a review file as a careless or
    // hostile hand would write it.
    let id = the_article_id(home.path(), r);
    let review = format!(
        "(version: 1, articles: {{ \"{id}\": (status: NeedsFix, \
         note: Some(\"\u{1b}[2J看\u{9b}31m\u{85}\u{202e}注\"), \
         headline: Some(\"改\u{200b}\u{2066}正\u{61c}\u{180e}\"), fingerprint: \"x\") }})"
    );
    std::fs::write(root.join("kanbao-review.ron"), review).unwrap();
    let report = out(&kanbao(
        home.path(),
        &["review", "report", r, "--format", "md"],
    ));
    assert_clean("review report --format md", &report);
    assert!(report.contains("看注"), "{report}");
    for args in [
        &["review", "report", r, "--format", "json"][..],
        &["review", "list", r, "--json"],
        &["export", r, "--format", "json"],
        &["search", "改正", "--json", r],
    ] {
        let o = kanbao(home.path(), args);
        // The entry is stale (its fingerprint is no article's), so the
        // search finds nothing: exit 1, as grep; an error would be 2.
        let ok = o.status.success() || (args[0] == "search" && o.status.code() == Some(1));
        assert!(ok, "{args:?}: {}", err(&o));
        assert_clean(&format!("{args:?}"), &out(&o));
    }
    // The file keeps what its authors wrote: cleaning is for showing.
    let kept = std::fs::read_to_string(root.join("kanbao-review.ron")).unwrap();
    assert!(kept.contains('\u{202e}'));
}

/// Issue 17, item 7: `review set` waited 11 s in silence behind another
/// process's lock. Now it says that it waits, and for what, before waiting.
#[test]
fn a_review_set_behind_another_process_lock_says_it_waits() {
    use std::io::Read;
    let (home, root) = archive();
    let r = root.to_str().unwrap();
    let id = the_article_id(home.path(), r);
    // This test process holds the lock as a writer would.
    let lock = std::fs::File::create(root.join("kanbao-review.ron.lock")).unwrap();
    lock.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(["review", "set", &id, r, "--status", "ok"])
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("KANBAO_CACHE_DIR", home.path().join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        let mut seen = Vec::new();
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            let _ = tx.send(String::from_utf8_lossy(&seen).into_owned());
        }
    });
    // The line may come in pieces: read until its end.
    let mut said = String::new();
    while !said.contains('\n') {
        said = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("kanbao says it waits while the lock is held");
    }
    assert!(child.try_wait().unwrap().is_none(), "still waiting");
    assert!(
        said.contains("waiting for another kanbao to finish writing")
            && said.contains("kanbao-review.ron (kanbao-review.ron.lock is locked by process ")
            && said.contains(&std::process::id().to_string()),
        "{said}"
    );
    drop(lock);
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "finishes once the lock is free"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(out(&o).starts_with(&format!("{id}\tok\t")), "{}", out(&o));
}

/// Item 7: a symlinked folder that loops is reported, not skipped in silence.
#[cfg(unix)]
#[test]
fn a_symlinked_folder_loop_is_reported() {
    let (home, root) = archive();
    std::os::unix::fs::symlink(".", root.join("self")).unwrap();
    let o = kanbao(home.path(), &["check", root.to_str().unwrap()]);
    assert!(
        out(&o).contains(
            "self\terror: a symlinked folder that loops back to a folder above it: not followed"
        ),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("p.txt\t1 article(s)"), "{}", out(&o));
}

/// A hand-edited `state.ron`: the bookmarks and place the reader shows
/// come back cleaned (the file itself is left as written).
#[test]
fn a_hand_edited_state_file_is_cleaned_as_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ron");
    let text = "{ \"k\": (read: [\"a\u{1b}[2J/A1/1\"], bookmarks: [\"b\u{202e}/A1/2\"], \
                last: Some((issue: \"b\u{9b}31m\", article: Some(\"b\u{200b}/A1/2\"), scroll: 0))) }";
    std::fs::write(&path, text).unwrap();
    let (state, recovered) = kanbao::state::load_state(&path, "k").unwrap();
    assert!(recovered.is_none());
    assert_eq!(state.read.iter().collect::<Vec<_>>(), ["a/A1/1"]);
    assert_eq!(state.bookmarks.iter().collect::<Vec<_>>(), ["b/A1/2"]);
    let last = state.last.unwrap();
    assert_eq!(
        (last.issue.as_str(), last.article.as_deref()),
        ("b", Some("b/A1/2"))
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
