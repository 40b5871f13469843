//! Loading stays near-linear in the input (issue 17, item 3): a page of
//! 200,000 short headline/dateline lines took over eight minutes when each
//! article was compared with every one before it. Timed as ratios against a
//! 20,000-line page loaded the same way, not against the clock, so a slow or
//! busy machine does not fail it while a quadratic stage does (10x the lines
//! would take 100x the time).

use kanbao::loader::{LoadOptions, load_path};
use std::path::Path;
use std::time::{Duration, Instant};

/// Held by each test for its whole run: timings taken while the other test
/// loads its large input would be skewed, so the tests take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The issue's reproducer: N short lines, every third a headline.
fn headline_page(n: usize) -> String {
    let mut s = String::with_capacity(n * 20);
    for i in 0..n {
        if i % 3 != 0 {
            s.push_str(&format!("株洲日报讯 {i}。\n"));
        } else {
            s.push_str(&format!("标题{i}\n"));
        }
    }
    s
}

/// A page of about `bytes` bytes of longer paragraphs under headlines.
fn long_page(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 200);
    let mut i = 0;
    while s.len() < bytes {
        if i % 3 != 0 {
            s.push_str(&format!(
                "株洲日报讯 {i}，今天市民在广场上举行活动，记者看到人山人海，大家都很高兴。\n"
            ));
        } else {
            s.push_str(&format!("标题{i}\n\n"));
        }
        i += 1;
    }
    s
}

/// The best of `runs` loads (with the reader's article list) of a folder holding `text` as its one page, with
/// the article count as a check that it was really parsed. A load still
/// running after `deadline` fails the test there (a quadratic stage would
/// otherwise take many minutes to fail it).
fn load_time(dir: &Path, text: &str, runs: usize, deadline: Duration) -> (Duration, usize) {
    std::fs::write(dir.join("p.txt"), text).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for _ in 0..runs {
            let start = Instant::now();
            let archive = load_path(&dir, &LoadOptions::default()).unwrap();
            // …and the reader's article list, built before its first frame.
            let articles: usize = archive.issues.iter().map(|i| i.reading_order().len()).sum();
            let _ = tx.send((start.elapsed(), articles));
        }
    });
    let mut best = (Duration::MAX, 0);
    for _ in 0..runs {
        let (t, n) = rx
            .recv_timeout(deadline)
            .unwrap_or_else(|_| panic!("a load of {} bytes took over {deadline:?}", text.len()));
        best = best.min((t, n));
    }
    best
}

#[test]
fn a_long_page_loads_in_time_proportional_to_its_size() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let small = headline_page(20_000);
    let (t_small, n_small) = load_time(dir.path(), &small, 3, Duration::from_secs(120));
    assert!(n_small > 5_000, "{n_small} articles");

    let large = headline_page(200_000);
    let (t_large, n_large) = load_time(dir.path(), &large, 1, t_small * 40);
    assert!(n_large > 10 * n_small - 100, "{n_large} articles");
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    // Linear is 10 (12-17 measured); quadratic was 100 and more.
    assert!(
        ratio < 40.0,
        "20k lines: {t_small:?}, 200k lines: {t_large:?} ({ratio:.1}x for 10x the lines)"
    );

    let huge = long_page(50 << 20);
    let size_ratio = huge.len() as f64 / small.len() as f64;
    let (t_huge, n_huge) = load_time(dir.path(), &huge, 1, t_small.mul_f64(3.0 * size_ratio));
    assert!(n_huge > 100_000, "{n_huge} articles");
    let ratio = t_huge.as_secs_f64() / t_small.as_secs_f64();
    eprintln!("20k lines {t_small:?}, 200k lines {t_large:?}, 50 MB {t_huge:?}");
    assert!(
        ratio < 3.0 * size_ratio,
        "20k lines ({} bytes): {t_small:?}, 50 MB: {t_huge:?} ({ratio:.0}x for {size_ratio:.0}x the bytes)",
        small.len()
    );
}

/// The best of `runs` runs of `f`, failing the test once one takes longer
/// than `deadline`.
fn best_time<T: Send + 'static>(
    runs: usize,
    deadline: Duration,
    f: impl Fn() -> T + Send + 'static,
) -> (Duration, T) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..runs {
            let start = Instant::now();
            let out = f();
            let _ = tx.send((start.elapsed(), out));
        }
    });
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..runs {
        let (t, out) = rx
            .recv_timeout(deadline)
            .unwrap_or_else(|_| panic!("a run took over {deadline:?}"));
        if best.as_ref().is_none_or(|(b, _)| t < *b) {
            best = Some((t, out));
        }
    }
    best.unwrap()
}

/// `n` undated pages all named `p.txt`, in folders of their own: `n`
/// issues whose ids must be told apart (`p`, `p~2`, …).
fn same_names(n: usize) -> kanbao::model::Archive {
    let names: Vec<String> = (0..n).map(|i| format!("d{i}/p.txt")).collect();
    let page = "标题\n\n正文。\n".as_bytes();
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), page)).collect();
    kanbao::loader::load_texts("same", &files, &LoadOptions::default())
}

#[test]
fn many_pages_of_one_name_load_in_linear_time() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (t_small, small) = best_time(3, Duration::from_secs(120), || same_names(2_000));
    assert_eq!(small.issues.len(), 2_000);
    let (t_large, large) = best_time(1, t_small * 40, || same_names(20_000));
    let ids: std::collections::HashSet<&str> = large.issues.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 20_000, "every id unique");
    assert!(ids.contains("p") && ids.contains("p~20000"));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    eprintln!("same names: 2k {t_small:?}, 20k {t_large:?}");
    assert!(ratio < 40.0, "same names: {ratio:.1}x for 10x");
}
