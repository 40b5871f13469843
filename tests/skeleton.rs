//! The archive's skeleton (src/index/skeleton.rs): `list` and the headline
//! search answer from it when nothing changed, and give byte for byte what
//! they give with `--no-index`, after any change to the archive, after a
//! review's correction, and after the skeleton was damaged.

mod common;

use common::generated::{age, archive, kanbao_with_cache, pages};
use kanbao::index::Cache;
use kanbao::index::skeleton::{self, Listing};
use kanbao::loader::{self, LoadOptions};
use std::path::{Path, PathBuf};

/// What a user sees: stdout, stderr and the exit code.
fn kanbao(cache: &Path, args: &[&str]) -> String {
    let o = kanbao_with_cache(cache, args);
    format!(
        "{}\n--- stderr\n{}\n--- exit {:?}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
        o.status.code()
    )
}

/// The listing the skeleton in `cache` holds for `root` as it is now, as
/// written (never refreshed, see `kanbao::index::refresh`).
fn fresh_listing(cache: &Path, root: &Path) -> Option<Listing> {
    let state = skeleton::state_now(root)?;
    skeleton::open_listing_at(&Cache::at(cache), root, state.key)
}

fn skeleton_files(cache: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for a in std::fs::read_dir(cache.join("archives"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for f in std::fs::read_dir(a.path()).unwrap().flatten() {
            if f.file_name().to_string_lossy().starts_with("skeleton-") {
                out.push(f.path());
            }
        }
    }
    out.sort();
    out
}

/// The commands the skeleton answers, as a user types them.
fn commands(r: &str) -> Vec<Vec<&str>> {
    vec![
        vec!["list", r],
        vec!["list", "--json", r],
        vec!["list", "--from", "2025-12-10", "--to", "2025-12-20", r],
        vec!["search", "跨省", r],
        vec!["search", "mtf", "--limit", "10", r],
        vec!["search", "xw", "--json", r],
        vec!["search", "株洲", "--json", "--limit", "50", r],
        vec!["search", "'通 !株", r],
        vec!["search", "跨省", "--original", r],
        vec!["search", "zz", "--from", "2025-12-15", r],
        vec!["search", "qqqqqq", r],
    ]
}

/// Every command twice through the index (the first may load and write
/// the skeleton, the second answers from it) and once without.
fn assert_same_answers(cache: &Path, root: &Path, when: &str) {
    let r = root.to_str().unwrap();
    for args in commands(r) {
        let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
        let without = kanbao(cache, &plain);
        let first = kanbao(cache, &args);
        assert!(
            fresh_listing(cache, root).is_some(),
            "{when}: {args:?} left a fresh skeleton"
        );
        let second = kanbao(cache, &args);
        assert_eq!(first, without, "{when}: {args:?}");
        assert_eq!(second, without, "{when}: {args:?}, from the skeleton");
    }
}

#[test]
fn list_and_headline_search_answer_the_same_from_the_skeleton() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 25, 7);
    let cache = tmp.path().join("cache");
    assert!(
        fresh_listing(&cache, &root).is_none(),
        "nothing written yet"
    );
    let r = root.to_str().unwrap();
    let built = kanbao(&cache, &["list", r]);
    assert!(built.ends_with("exit Some(0)"), "{built}");
    // What the skeleton holds is what a load gives.
    let loaded = loader::load_path(&root, &LoadOptions::default()).unwrap();
    assert_eq!(fresh_listing(&cache, &root), Some(Listing::of(&loaded)));
    assert_eq!(
        skeleton_files(&cache).len(),
        3,
        "list, headlines, file table"
    );
    // Never inside the archive.
    assert!(
        std::fs::read_dir(&root)
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().contains("skeleton"))
    );
    assert_same_answers(&cache, &root, "unchanged");
}

#[test]
fn kanbao_index_keeps_the_headline_index_of_the_archive_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 12, 3);
    let cache = tmp.path().join("cache");
    let built = kanbao(&cache, &["index", root.to_str().unwrap()]);
    assert!(built.ends_with("exit Some(0)"), "{built}");
    // Kept for this state of the archive, with every article's headline:
    // neither the first search nor the reader builds it.
    let state = skeleton::state_now(&root).unwrap();
    let (key, index) = skeleton::open_headline_index_as_kept(&Cache::at(&cache), &root, true)
        .expect("the headline index is kept");
    assert_eq!(key, state.key);
    let loaded = loader::load_path(&root, &LoadOptions::default()).unwrap();
    assert_eq!(index.len(), loaded.article_count());
    assert_same_answers(&cache, &root, "indexed");
}

#[test]
fn every_change_to_the_archive_makes_the_skeleton_stale() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 20, 3);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    kanbao(&cache, &["list", r]);
    assert!(fresh_listing(&cache, &root).is_some());
    let files = pages(&root);

    type Change = Box<dyn Fn(&[PathBuf])>;
    let changes: Vec<(&str, Change)> = vec![
        (
            "edited",
            Box::new(|f: &[PathBuf]| {
                let text = std::fs::read_to_string(&f[2]).unwrap();
                let edited = text.replacen('\n', "\n跨省通办的新标题\n\n", 1);
                std::fs::write(&f[2], edited).unwrap();
                age(&f[2], 1800);
            }),
        ),
        ("touched", Box::new(|f: &[PathBuf]| age(&f[4], 900))),
        (
            "added",
            Box::new(|f: &[PathBuf]| {
                let added = f[5].with_file_name("2099-added_A1.txt");
                std::fs::copy(&f[5], &added).unwrap();
                age(&added, 1200);
            }),
        ),
        (
            "deleted",
            Box::new(|f: &[PathBuf]| std::fs::remove_file(&f[7]).unwrap()),
        ),
        (
            "a sidecar touched",
            Box::new(|f: &[PathBuf]| {
                let sidecar = f
                    .iter()
                    .map(|p| p.with_extension("ron"))
                    .find(|p| p.exists())
                    .expect("a page with a sidecar");
                age(&sidecar, 600);
            }),
        ),
        (
            "a link to a page added",
            Box::new(|f: &[PathBuf]| {
                let link = f[11].with_file_name("2099-linked_A3.txt");
                std::os::unix::fs::symlink(&f[11], link).unwrap();
            }),
        ),
        (
            "renamed",
            Box::new(|f: &[PathBuf]| {
                std::fs::rename(&f[9], f[9].with_file_name("renamed_B2.txt")).unwrap()
            }),
        ),
    ];
    for (what, change) in changes {
        change(&files);
        assert!(
            fresh_listing(&cache, &root).is_none(),
            "{what}: the skeleton no longer stands for the archive"
        );
        assert_same_answers(&cache, &root, what);
    }
}

#[test]
fn review_corrections_show_as_without_the_skeleton() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 20, 5);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    let loaded = loader::load_path(&root, &LoadOptions::default()).unwrap();
    let issue = loaded.issues[3].id.clone();
    let in_issue = loaded.issues[3]
        .articles()
        .find_map(|a| a.headline.as_ref())
        .expect("a headline in the issue")
        .text
        .clone();
    let article = loaded.issues[6]
        .articles()
        .find(|a| a.headline.is_some())
        .expect("a titled article")
        .id
        .clone();
    kanbao(&cache, &["list", r]);

    // A corrected date: the skeleton still answers, the review over it.
    let set = kanbao(
        &cache,
        &["review", "set", &issue, r, "--date", "2021-05-05"],
    );
    assert!(set.ends_with("exit Some(0)"), "{set}");
    assert_same_answers(&cache, &root, "date corrected");
    let listed = kanbao(&cache, &["list", r]);
    assert!(listed.contains("2021-05-05 (review; parsed"), "{listed}");
    // The hits of the corrected issue carry its corrected date, from the
    // headline index kept beside the skeleton as without it.
    for args in [
        vec!["search", &in_issue, r],
        vec!["search", &in_issue, "--json", r],
    ] {
        let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
        let without = kanbao(&cache, &plain);
        assert!(without.contains("2021-05-05"), "{without}");
        kanbao(&cache, &args);
        assert_eq!(kanbao(&cache, &args), without, "{args:?}");
    }

    // A corrected headline: found by its new text, as without the index.
    let set = kanbao(
        &cache,
        &[
            "review",
            "set",
            &article,
            r,
            "--headline",
            "跨省通办的更正标题",
        ],
    );
    assert!(set.ends_with("exit Some(0)"), "{set}");
    assert_same_answers(&cache, &root, "headline corrected");
    let found = kanbao(&cache, &["search", "更正标题", r]);
    assert!(found.contains(&article), "{found}");
}

#[test]
fn a_damaged_skeleton_is_rebuilt_never_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 15, 11);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    let plain = |args: &[&str]| {
        let args: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
        kanbao(&cache, &args)
    };
    kanbao(&cache, &["list", r]);
    kanbao(&cache, &["search", "xw", r]);
    let files = skeleton_files(&cache);
    assert_eq!(
        files.len(),
        4,
        "list, headlines, file table and the headline index"
    );
    type Damage = Box<dyn Fn(&mut Vec<u8>)>;
    let damages: Vec<(&str, Damage)> = vec![
        (
            "cut short",
            Box::new(|b: &mut Vec<u8>| b.truncate(b.len() / 2)),
        ),
        (
            "a bit flipped",
            Box::new(|b: &mut Vec<u8>| {
                let at = b.len() - 3;
                b[at] ^= 0x10;
            }),
        ),
        (
            "foreign",
            Box::new(|b: &mut Vec<u8>| b[..8].copy_from_slice(b"NOTKANBO")),
        ),
        ("emptied", Box::new(|b: &mut Vec<u8>| b.clear())),
    ];
    for (what, damage) in damages {
        for f in &files {
            let mut bytes = std::fs::read(f).unwrap();
            damage(&mut bytes);
            std::fs::write(f, bytes).unwrap();
        }
        assert!(fresh_listing(&cache, &root).is_none(), "{what}");
        for args in [
            vec!["search", "跨省", r],
            vec!["list", "--json", r],
            vec!["list", r],
        ] {
            assert_eq!(kanbao(&cache, &args), plain(&args), "{what}: {args:?}");
        }
        assert!(fresh_listing(&cache, &root).is_some(), "{what}: rebuilt");
        // The headlines damaged beneath a whole headline index: a search
        // reads the pages of its hits' issues alone, each checked by its
        // own checksum.
        let headlines = files
            .iter()
            .find(|f| f.ends_with("skeleton-headlines.bin"))
            .unwrap();
        kanbao(&cache, &["search", "株洲", r]);
        let mut bytes = std::fs::read(headlines).unwrap();
        // A hit's headline changed in place, every length kept: what only
        // the checksum of its issue's pages can tell.
        let shown = plain(&["search", "株洲", r]);
        let title = shown.lines().next().unwrap().split('\t').nth(3).unwrap();
        let other = if title.starts_with('口') {
            "囗"
        } else {
            "口"
        };
        let width = title.chars().next().unwrap().len_utf8();
        assert_eq!(width, other.len(), "{title}");
        let places: Vec<usize> = (0..bytes.len() - title.len())
            .filter(|&at| bytes[at..].starts_with(title.as_bytes()))
            .collect();
        assert!(!places.is_empty(), "the headline is in the skeleton");
        for at in places {
            bytes[at..at + width].copy_from_slice(other.as_bytes());
        }
        std::fs::write(headlines, bytes).unwrap();
        for args in [
            vec!["search", "株洲", r],
            vec!["search", "株洲", "--limit", "50", r],
            vec!["search", "xw", "--json", r],
        ] {
            assert_eq!(kanbao(&cache, &args), plain(&args), "{what}: {args:?}");
        }
        assert_eq!(
            kanbao(&cache, &["search", "xw", "--json", r]),
            plain(&["search", "xw", "--json", r]),
            "{what}: rebuilt"
        );
    }
}
