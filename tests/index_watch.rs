//! `kanbao index --watch`: while it runs, commands take the archive's state
//! from it instead of checking every file, and answer as they would with
//! no index at all, right after any change to the archive.

mod common;

use common::generated::{age, archive, pages};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The real binary with its cache in `cache` (config and data beside it).
fn command(cache: &Path, args: &[&str]) -> Command {
    let home = cache.parent().unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_kanbao"));
    c.args(args)
        .env("KANBAO_CACHE_DIR", cache)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1");
    c
}

/// What `args` print (stdout, stderr and the exit code).
fn kanbao(cache: &Path, args: &[&str]) -> String {
    let out = command(cache, args).output().expect("kanbao runs");
    format!(
        "{}\n--- stderr\n{}\n--- exit {:?}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        out.status.code()
    )
}

/// `kanbao index --watch` running, its stderr lines on a channel; killed
/// when dropped.
struct Watcher {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watcher {
    fn start(cache: &Path, root: &Path) -> Watcher {
        let mut child = command(cache, &["index", "--watch", root.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kanbao runs");
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let w = Watcher { child, lines };
        w.wait_for("the index is fresh");
        w
    }

    /// Waits for a line holding `what`; the lines read until then.
    fn wait_for(&self, what: &str) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match self.lines.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => {
                    let found = line.contains(what);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(_) => panic!("no line with {what:?}; saw {seen:?}"),
            }
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The answer to `args` equals the answer without the index.
fn same_without_index(cache: &Path, args: &[&str], why: &str) -> String {
    let with = kanbao(cache, args);
    let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
    assert_eq!(with, kanbao(cache, &plain), "{args:?} ({why})");
    with
}

fn vouched(cache: &Path, root: &Path) -> bool {
    kanbao::index::skeleton::state_of(&kanbao::index::Cache::at(cache), root)
        .is_some_and(|s| s.vouched())
}

#[test]
fn commands_under_a_watcher_answer_as_without_the_index_after_every_change() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 24, 3);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    assert!(!vouched(&cache, &root), "no watcher, no vouching");

    let watcher = Watcher::start(&cache, &root);
    assert!(
        vouched(&cache, &root),
        "the watcher vouches for the archive"
    );
    let commands: [&[&str]; 4] = [
        &["list", r],
        &["search", "新闻", "--json", r],
        &["search", "--body", "醴陵", "--limit", "5", r],
        &["search", "--body", "醴陵新闻发布会", "--json", r],
    ];
    let same = |why: &str| {
        for args in commands {
            same_without_index(&cache, args, why);
        }
    };
    same("watched, nothing changed");
    // What the commands write in the archive (their review file's lock)
    // leaves the index clean.
    assert!(vouched(&cache, &root), "the commands made the index dirty");

    // Each change is seen by the very next command, before the watcher
    // has walked the archive again.
    let page: PathBuf = pages(&root)[5].clone();
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen('。', "。醴陵新闻发布会召开。", 1)).unwrap();
    age(&page, 3000);
    let found = same_without_index(
        &cache,
        &["search", "--body", "醴陵新闻发布会", r],
        "a sentence added",
    );
    assert!(found.contains("醴陵新闻发布会"), "{found}");
    same("a sentence added");
    // Once walked again, it vouches for the archive as it is now.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !vouched(&cache, &root) {
        assert!(std::time::Instant::now() < deadline, "never vouched again");
        std::thread::sleep(Duration::from_millis(50));
    }
    same("a sentence added, walked");

    std::fs::remove_file(pages(&root)[9].clone()).unwrap();
    same("a page deleted");
    let moved = pages(&root)[2].clone();
    std::fs::rename(&moved, moved.with_file_name("zz-moved.txt")).unwrap();
    same("a page renamed");
    let copy = root.join("added");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(&page, copy.join("copy.txt")).unwrap();
    age(&copy.join("copy.txt"), 3000);
    same("a folder added with a page");

    // A second watcher of the same archive is refused, and says why.
    let again = kanbao(&cache, &["index", "--watch", r]);
    assert!(
        again.contains("another kanbao already watches this archive (process ")
            && !again.contains("indexed")
            && again.ends_with("--- exit Some(1)"),
        "{again}"
    );
    drop(watcher);
    assert!(
        !vouched(&cache, &root),
        "a watcher gone vouches for nothing"
    );
    same("the watcher gone");
}

#[test]
fn a_single_file_is_not_watched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 2, 1);
    let cache = tmp.path().join("cache");
    let page = pages(&root)[0].clone();
    let out = kanbao(&cache, &["index", "--watch", page.to_str().unwrap()]);
    assert!(out.contains("--watch needs an archive folder"), "{out}");
    assert!(!out.ends_with("--- exit Some(0)"), "{out}");
}

#[test]
fn a_change_the_watcher_passes_over_never_changes_the_archives_state() {
    use kanbao::index::skeleton::state_now;
    use kanbao::loader::walk_reads;
    let tmp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(archive(tmp.path(), 4, 2)).unwrap();
    let folder = pages(&root)[0].parent().unwrap().to_path_buf();
    let write = |p: &Path| {
        std::fs::write(p, "新闻\n\n正文。\n").unwrap();
        age(p, 3000);
    };
    type Change<'a> = (PathBuf, bool, Box<dyn Fn(&Path) + 'a>);
    let changes: Vec<Change> = vec![
        // A command's review file, its lock and its temporary file.
        (root.join("kanbao-review.ron"), false, Box::new(write)),
        (root.join("kanbao-review.ron.lock"), false, Box::new(write)),
        (
            root.join(".kanbao-review.ron.tmp-1-0"),
            false,
            Box::new(write),
        ),
        // Hidden names and what is below them; files the walk never reads.
        (root.join(".notes.txt"), false, Box::new(write)),
        (
            root.join(".git/x.txt"),
            false,
            Box::new(|p: &Path| {
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                write(p)
            }),
        ),
        (folder.join("notes.md"), false, Box::new(write)),
        (folder.join("orphan.ron"), false, Box::new(write)),
        // Pages, a page's sidecar, folders and links.
        (folder.join("new.txt"), true, Box::new(write)),
        (
            folder.join("new.ron"),
            true,
            Box::new(|p: &Path| {
                std::fs::write(p, "(date: \"1952-01-01\")").unwrap();
                age(p, 3000);
            }),
        ),
        (folder.join("UPPER.TXT"), true, Box::new(write)),
        (
            root.join("1999"),
            true,
            Box::new(|p: &Path| std::fs::create_dir(p).unwrap()),
        ),
        (
            folder.join("new.txt"),
            true,
            Box::new(|p: &Path| std::fs::remove_file(p).unwrap()),
        ),
        #[cfg(unix)]
        (
            root.join("loop"),
            true,
            Box::new(|p: &Path| std::os::unix::fs::symlink(".", p).unwrap()),
        ),
    ];
    let mut changed = 0;
    for (path, matters, change) in changes {
        let before = state_now(&root).expect("a state").key;
        change(&path);
        let after = state_now(&root).expect("a state").key;
        assert_eq!(walk_reads(&root, &path), matters, "{}", path.display());
        assert!(
            before == after || matters,
            "{} changed the state and was passed over",
            path.display()
        );
        changed += usize::from(before != after);
    }
    assert!(changed >= 4, "only {changed} changes changed the state");
}
