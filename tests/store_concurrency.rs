//! Several processes on one store file: nothing is lost, nothing is torn.
//!
//! The workers are this test binary re-executed with `KANBAO_STORE_WORKER` set,
//! running only the `worker` test (which does nothing in a normal run), so the
//! product ships no helper binary.

use kanbao::model::{Article, ArticleKind, Block, BlockKind, Byline, Span, Text};
use kanbao::review::{self, ReviewChange, ReviewFile, ReviewStatus};
use kanbao::store;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const ROLE: &str = "KANBAO_STORE_WORKER";
const FILE: &str = "KANBAO_STORE_WORKER_FILE";
const CHANGES: u32 = 200;
const CHURN_ENTRIES: u32 = 2_000;

type Marks = BTreeMap<String, u32>;

fn spawn_worker(role: &str, file: &Path, capture: bool) -> Child {
    let (out, err) = if capture {
        (Stdio::null(), Stdio::piped())
    } else {
        (Stdio::null(), Stdio::null())
    };
    Command::new(std::env::current_exe().expect("test binary path"))
        .args(["worker", "--exact", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(FILE, file)
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("re-exec the test binary")
}

fn wait_ok(child: Child) {
    let out = child.wait_with_output().expect("wait for worker");
    assert!(
        out.status.success(),
        "worker failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A synthetic article whose text depends on `n`.
fn article(n: u32) -> Article {
    let text = |s: String| Text {
        text: s,
        lines: Span::line(n),
    };
    Article {
        id: format!("2021-01-10/A1/{n}"),
        kind: ArticleKind::Article,
        section: None,
        kicker: None,
        headline: Some(text(format!("标题{n}"))),
        subheadlines: vec![],
        byline: Byline::default(),
        dateline: None,
        body: vec![Block {
            kind: BlockKind::Paragraph,
            text: format!("正文{n}。"),
            lines: Span::line(n + 1),
            repeated: false,
        }],
        captions: vec![],
        jumps: vec![],
        continued_to: None,
        continued_from: None,
        see_also: None,
        duplicate_of: None,
        lines: Span::new(n, n + 1),
    }
}

/// Does the work a parent asked for; a no-op in a normal test run.
#[test]
fn worker() {
    let Ok(role) = std::env::var(ROLE) else {
        return;
    };
    let path = PathBuf::from(std::env::var(FILE).expect("worker file"));
    match role.split_once(':') {
        // 200 distinct keys, one locked update each.
        Some(("keys", prefix)) => {
            for i in 0..CHANGES {
                store::update(&path, |m: &mut Marks| {
                    m.insert(format!("{prefix}-{i:03}"), i)
                })
                .expect("update");
            }
        }
        // One field of the same 200 articles the other worker changes.
        Some(("field", field)) => {
            for n in 0..CHANGES {
                let change = match field {
                    "status" => ReviewChange::status(ReviewStatus::NeedsFix),
                    _ => ReviewChange::note(Some(format!("备注{n}"))),
                };
                review::set(&path, &article(n), &change).expect("review set");
            }
        }
        // 100 structural corrections interleaved with 100 review marks
        // (another process does the same under another name).
        Some(("structure", who)) => {
            use review::structure::{Correction, LineRef, Structural};
            for n in 0..CHANGES / 2 {
                let correction = Correction::SetRole {
                    line: LineRef {
                        line: n + 1,
                        fingerprint: format!("{who}{n}"),
                    },
                    role: kanbao::source_view::Role::Caption,
                };
                let made = Structural::new("p.txt".into(), correction, Some(who.into()), 0);
                review::add_structural(&path, made).expect("add structural");
                let change = ReviewChange::note(Some(format!("{who}{n}")));
                let art = article(if who == "a" { n } else { n + CHANGES });
                review::set(&path, &art, &change).expect("review set");
            }
            // And takes back its own last one: the other's stay.
            review::undo_structural(&path, None, Some(who)).expect("undo");
        }
        // Rewrites a large file forever, until killed.
        _ if role == "churn" => {
            for generation in 0u32.. {
                store::update(&path, |m: &mut Marks| {
                    for i in 0..CHURN_ENTRIES {
                        m.insert(format!("2021-01-10/A{}/{i:04}", i % 8), generation);
                    }
                })
                .expect("update");
            }
        }
        // Reports where kanbao keeps its files, for the XDG test.
        _ if role == "paths" => {
            let show = |p: Option<PathBuf>| p.map(|p| p.display().to_string()).unwrap_or_default();
            println!("state={}", show(kanbao::state::state_path()));
            println!("config={}", show(kanbao::config::config_path()));
            println!("review={}", review::review_path(None, "sample").display());
        }
        _ => panic!("unknown worker role {role}"),
    }
}

#[test]
fn two_processes_adding_different_keys_keep_all_400() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.ron");
    let a = spawn_worker("keys:a", &path, true);
    let b = spawn_worker("keys:b", &path, true);
    wait_ok(a);
    wait_ok(b);
    let marks: Marks = store::load(&path).unwrap().value;
    assert_eq!(marks.len(), 2 * CHANGES as usize);
    for prefix in ["a", "b"] {
        for i in 0..CHANGES {
            assert_eq!(marks.get(&format!("{prefix}-{i:03}")), Some(&i));
        }
    }
}

#[test]
fn two_processes_changing_different_fields_of_the_same_articles_both_survive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(review::REVIEW_FILE_NAME);
    let a = spawn_worker("field:status", &path, true);
    let b = spawn_worker("field:note", &path, true);
    wait_ok(a);
    wait_ok(b);
    let reviews: ReviewFile = store::load(&path).unwrap().value;
    assert_eq!(reviews.articles.len(), CHANGES as usize);
    for n in 0..CHANGES {
        let art = article(n);
        let entry = reviews.lookup(&art).fresh().expect("fresh entry");
        assert_eq!(entry.status, ReviewStatus::NeedsFix, "{}", art.id);
        assert_eq!(entry.note.as_deref(), Some(format!("备注{n}").as_str()));
    }
}

#[test]
fn two_processes_recording_structural_corrections_and_marks_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(review::REVIEW_FILE_NAME);
    let a = spawn_worker("structure:a", &path, true);
    let b = spawn_worker("structure:b", &path, true);
    wait_ok(a);
    wait_ok(b);
    let reviews: ReviewFile = store::load(&path).unwrap().value;
    let half = (CHANGES / 2) as usize;
    assert_eq!(reviews.articles.len(), 2 * half, "every mark kept");
    assert_eq!(reviews.version, review::STRUCTURE_VERSION);
    for who in ["a", "b"] {
        let mine: Vec<String> = reviews
            .structure
            .iter()
            .filter(|s| s.by.as_deref() == Some(who))
            .map(|s| match &s.correction {
                review::structure::Correction::SetRole { line, .. } => line.fingerprint.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        // Each writer's own, in its order, all but the one it took back.
        let want: Vec<String> = (0..half - 1).map(|n| format!("{who}{n}")).collect();
        assert_eq!(mine, want, "{who}");
    }
    let mut stamps: Vec<&str> = reviews.structure.iter().map(|s| s.stamp.as_str()).collect();
    stamps.sort();
    stamps.dedup();
    assert_eq!(
        stamps.len(),
        reviews.structure.len(),
        "stamps tell them apart"
    );
}

#[test]
fn a_writer_killed_at_any_moment_never_leaves_a_torn_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ron");
    // A small deterministic generator: the kill moments vary from 0 to ~40 ms
    // after spawn, which spans start-up, the read, the write and the rename.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut saw_file = 0;
    for round in 0..30 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay_ms = 2 + (seed >> 33) % 40;
        let mut child = spawn_worker("churn", &path, false);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL the writer");
        child.wait().expect("reap the writer");

        match fs::read_to_string(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("round {round}: {e}"),
            Ok(text) => {
                saw_file += 1;
                // Parse strictly (no recovery): a torn file fails here.
                let marks: Marks = store::parse_ron(&path, &text)
                    .unwrap_or_else(|e| panic!("round {round} after {delay_ms} ms: {e}"));
                assert_eq!(marks.len(), CHURN_ENTRIES as usize, "round {round}");
                let generation = marks.values().next().copied();
                assert!(
                    marks.values().all(|g| Some(*g) == generation),
                    "round {round}: entries from two writes"
                );
            }
        }
    }
    assert!(
        saw_file > 0,
        "the writer never got to write: kills too early"
    );

    // Killed writers may leave temp files; they are never read as data, and
    // the next write removes them.
    store::update(&path, |m: &mut Marks| m.insert("after".into(), 1)).unwrap();
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "orphans left: {leftovers:?}");
    let marks: Marks = store::load(&path).unwrap().value;
    assert_eq!(marks.len(), CHURN_ENTRIES as usize + 1);
}

#[cfg(target_os = "linux")]
#[test]
fn files_go_where_xdg_says() {
    // Environment variables are process-wide, so the check runs in a child.
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["worker", "--exact", "--nocapture", "--test-threads=1"])
        .env(ROLE, "paths")
        .env(FILE, "-")
        .env("XDG_DATA_HOME", "/xdg/data")
        .env("XDG_CONFIG_HOME", "/xdg/config")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("state=/xdg/data/kanbao/state.ron\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("config=/xdg/config/kanbao/config.ron\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("review=/xdg/data/kanbao/reviews/sample-"),
        "{stdout}"
    );
}
