//! The parse cache (src/index): fresh after every change to the archive,
//! never trusted when damaged, whole under concurrent builders, and never
//! a different answer from parsing everything.

mod common;

use common::generated::{age, archive, files, kanbao_with_cache, pages};
use kanbao::index::Cache;
use kanbao::index::read_alone::Against;
use kanbao::loader::{self, LoadOptions};
use kanbao::model::Archive;
use kanbao::profile::Profiles;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::Ordering;

fn shards(cache: &Path) -> Vec<PathBuf> {
    common::generated::parse_shards(cache)
}

/// Loads through `cache`; returns the archive and (parsed, reused).
fn load_cached(
    root: &Path,
    cache: &Path,
    profiles: Option<&Profiles>,
) -> (Archive, (usize, usize)) {
    let cache = Cache::at(cache);
    let opts = LoadOptions {
        cache: Some(&cache),
        profiles,
        ..Default::default()
    };
    let a = loader::load_path(root, &opts).unwrap();
    let counts = (
        cache.parsed.load(Ordering::Relaxed),
        cache.reused.load(Ordering::Relaxed),
    );
    (a, counts)
}

fn load_plain(root: &Path) -> Archive {
    loader::load_path(root, &LoadOptions::default()).unwrap()
}

#[test]
fn a_second_load_parses_nothing_and_gives_the_same_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 30, 1);
    let cache = tmp.path().join("cache");
    let n = pages(&root).len();
    let (cold, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (n, 0));
    let (warm, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (0, n));
    assert_eq!(warm, cold);
    assert_eq!(warm, load_plain(&root));
    assert!(!shards(&cache).is_empty());
    // The cache is beside, never inside, the archive.
    assert!(
        files(&root)
            .iter()
            .all(|f| !f.to_string_lossy().contains("parses-"))
    );
}

#[test]
fn an_edited_added_deleted_or_renamed_file_is_parsed_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 30, 2);
    let cache = tmp.path().join("cache");
    let all = pages(&root);
    let n = all.len();
    load_cached(&root, &cache, None);

    // Edit: a headline changed, the file dated a minute ago.
    let edited = &all[3];
    let text = std::fs::read_to_string(edited).unwrap();
    std::fs::write(edited, format!("新的标题在这里\n\n{text}")).unwrap();
    age(edited, 60);
    let (a, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (1, n - 1), "only the edited file is parsed");
    assert_eq!(a, load_plain(&root));

    // Add.
    let added = root.join("extra_A1.txt");
    std::fs::write(&added, "加上的文章标题\n\n记者 张三\n\n本报讯 正文在此。\n").unwrap();
    age(&added, 60);
    let (a, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (1, n));
    assert_eq!(a, load_plain(&root));

    // Delete: gone from the archive and from the answer.
    std::fs::remove_file(&added).unwrap();
    let (a, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (0, n));
    assert_eq!(a, load_plain(&root));
    assert!(a.issues.iter().all(|i| !i.source().contains("extra_A1")));

    // Rename: the file under its new name is a new file.
    let renamed = root.join("renamed_A1.txt");
    std::fs::rename(&all[5], &renamed).unwrap();
    let (a, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (1, n - 1));
    assert_eq!(a, load_plain(&root));

    // A sidecar changed is its page changed.
    let sidecar = files(&root)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .expect("the generator writes sidecars");
    let text = std::fs::read_to_string(&sidecar).unwrap();
    std::fs::write(&sidecar, format!("{text}\n")).unwrap();
    age(&sidecar, 60);
    let (_, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (1, n - 1));
}

#[test]
fn a_file_changed_within_the_clocks_tick_is_never_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 5, 3);
    let cache = tmp.path().join("cache");
    let fresh = &pages(&root)[0];
    std::fs::write(fresh, "第一稿标题\n\n本报讯 正文。\n").unwrap();
    let n = pages(&root).len();
    load_cached(&root, &cache, None);
    // Same size, same second: a stamp alone could not tell them apart.
    std::fs::write(fresh, "第二稿标题\n\n本报讯 正文。\n").unwrap();
    let (a, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (1, n - 1));
    assert_eq!(a, load_plain(&root));
}

#[test]
fn other_profiles_parse_everything_again() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 10, 4);
    let cache = tmp.path().join("cache");
    let n = pages(&root).len();
    load_cached(&root, &cache, None);
    let generic = Profiles::generic();
    let (a, counts) = load_cached(&root, &cache, Some(&generic));
    assert_eq!(counts, (n, 0));
    let plain = loader::load_path(
        &root,
        &LoadOptions {
            profiles: Some(&generic),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(a, plain);
}

#[test]
fn a_damaged_or_foreign_cache_is_rebuilt_never_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 40, 5);
    let cache = tmp.path().join("cache");
    let n = pages(&root).len();
    let (truth, _) = load_cached(&root, &cache, None);
    let all = shards(&cache);
    assert!(all.len() >= 3, "{all:?}");
    // One shard cut short, one overwritten with garbage, one claiming
    // another format version, one with a payload byte changed.
    let cut = std::fs::read(&all[0]).unwrap();
    std::fs::write(&all[0], &cut[..cut.len() / 2]).unwrap();
    std::fs::write(&all[1], b"not a shard at all").unwrap();
    let mut foreign = std::fs::read(&all[2]).unwrap();
    foreign[8] ^= 0x7f;
    std::fs::write(&all[2], &foreign).unwrap();
    let mut flipped = std::fs::read(all.last().unwrap()).unwrap();
    let mid = flipped.len() - 10;
    flipped[mid] ^= 0x01;
    std::fs::write(all.last().unwrap(), &flipped).unwrap();

    let (a, (parsed, reused)) = load_cached(&root, &cache, None);
    assert_eq!(a, truth);
    assert!(parsed >= 4, "the damaged shards' files are parsed again");
    assert_eq!(parsed + reused, n);
    // …and rewritten whole.
    let (_, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (0, n));
}

#[test]
fn concurrent_builders_leave_a_whole_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 40, 6);
    let cache = tmp.path().join("cache");
    let truth = load_plain(&root);
    let n = pages(&root).len();
    let answers: Vec<Archive> = std::thread::scope(|s| {
        let builders: Vec<_> = (0..4)
            .map(|_| s.spawn(|| load_cached(&root, &cache, None).0))
            .collect();
        builders.into_iter().map(|b| b.join().unwrap()).collect()
    });
    assert!(answers.iter().all(|a| *a == truth));
    let (a, counts) = load_cached(&root, &cache, None);
    assert_eq!(counts, (0, n));
    assert_eq!(a, truth);
    let leftovers: Vec<PathBuf> = files(&cache)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The cache files directly in the archive's cache folder.
fn cache_files(cache: &Path, root: &Path) -> Vec<String> {
    let dir = Cache::at(cache).archive_dir(root);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn what_a_killed_writer_left_is_swept_and_a_write_in_progress_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 20, 8);
    let at = root.to_str().unwrap();
    // The files a build writes, from a build in another cache folder.
    let first = tmp.path().join("first");
    assert!(kanbao_with_cache(&first, &["index", at]).status.success());
    let written = cache_files(&first, &root);
    assert!(
        written.iter().any(|n| n.starts_with("parses-")) && written.len() >= 4,
        "{written:?}"
    );
    // A process killed while writing each of them, and one writing still
    // (its temp file locked, as a live writer's is).
    let cache = tmp.path().join("cache");
    let dir = Cache::at(&cache).archive_dir(&root);
    std::fs::create_dir_all(&dir).unwrap();
    let orphans: Vec<PathBuf> = written
        .iter()
        .map(|n| dir.join(format!(".{n}.tmp-999999-0")))
        .collect();
    for o in &orphans {
        std::fs::write(o, b"half a file").unwrap();
    }
    let live = dir.join(format!(".{}.tmp-{}-0", written[0], std::process::id()));
    let held = std::fs::File::create(&live).unwrap();
    held.lock().unwrap();
    // The same for the full-text index's folder: one left by a killed
    // build (its lock free), one being built (its lock held).
    let killed = dir.join(".building-999999-0");
    std::fs::create_dir_all(&killed).unwrap();
    std::fs::write(killed.join("segment"), b"half an index").unwrap();
    std::fs::write(dir.join(".building-999999-0.lock"), b"").unwrap();
    let building = dir.join(format!(".building-{}-1", std::process::id()));
    std::fs::create_dir_all(&building).unwrap();
    let building_lock =
        std::fs::File::create(dir.join(format!(".building-{}-1.lock", std::process::id())))
            .unwrap();
    building_lock.lock().unwrap();

    assert!(kanbao_with_cache(&cache, &["index", at]).status.success());
    let left: Vec<&PathBuf> = orphans.iter().filter(|o| o.exists()).collect();
    assert!(left.is_empty(), "not swept: {left:?}");
    assert!(live.exists(), "a locked temp file is a write in progress");
    assert!(
        !killed.exists(),
        "the folder of a killed index build is swept"
    );
    assert!(building.exists(), "an index being built is kept");
    drop((held, building_lock));
    let mut now = cache_files(&cache, &root);
    now.retain(|n| !n.contains(".tmp-") && !n.starts_with(".building-"));
    assert_eq!(now, written, "every file written whole beside them");
    assert_eq!(kanbao(&cache, &["list", at]), kanbao(&first, &["list", at]));
}

fn kanbao(cache: &Path, args: &[&str]) -> String {
    let o = kanbao_with_cache(cache, args);
    format!(
        "{}\n--- exit {:?}",
        String::from_utf8_lossy(&o.stdout),
        o.status.code()
    )
}

/// What `kanbao ARGS` prints with the index in `cache`, having checked
/// that it prints the same with `--no-index`.
fn same_without_index(cache: &Path, args: &[&str], why: &str) -> String {
    let with = kanbao(cache, args);
    let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
    assert_eq!(with, kanbao(cache, &plain), "{args:?} ({why})");
    with
}

/// What each of `commands` prints with the index in `cache`, having
/// checked that none parsed the archive (its parses were removed).
fn answered_from_the_index(cache: &Path, commands: &[&[&str]]) -> Vec<String> {
    commands
        .iter()
        .map(|args| {
            let answer = kanbao(cache, args);
            assert!(shards(cache).is_empty(), "{args:?} parsed the archive");
            answer
        })
        .collect()
}

/// What `kanbao` printed on stdout, without the exit line [`kanbao`] adds.
fn printed_text(answer: &str) -> &str {
    answer.split("\n--- exit").next().unwrap()
}

/// What `kanbao … --json` printed, parsed.
fn printed_json(answer: &str) -> serde_json::Value {
    serde_json::from_str(printed_text(answer)).unwrap()
}

/// Checks that each of `commands` prints its `answers` with `--no-index`.
fn same_as_without_index(cache: &Path, commands: &[&[&str]], answers: &[String]) {
    for (args, with) in commands.iter().zip(answers) {
        let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
        assert_eq!(*with, kanbao(cache, &plain), "{args:?}");
    }
}

/// Indexes the archive at `root` into `cache`, then removes its parses:
/// a command that loaded the archive would parse every file again and
/// keep the parses (see [`answered_from_the_index`]).
fn indexed_without_parses(cache: &Path, root: &Path) {
    let built = kanbao(cache, &["index", root.to_str().unwrap()]);
    assert!(built.ends_with("exit Some(0)"), "{built}");
    for shard in shards(cache) {
        std::fs::remove_file(shard).unwrap();
    }
}

/// The id of the `n`th article of the archive at `root`, in archive order.
fn nth_article_id(root: &Path, n: usize) -> String {
    let archive = load_plain(root);
    let article = archive.issues.iter().flat_map(|i| i.articles()).nth(n);
    article.expect("an article").id.clone()
}

#[test]
fn a_body_search_finds_a_headline_only_its_correction_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 12, 9);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    let id = nth_article_id(&root, 5);
    let built = kanbao(&cache, &["index", r]);
    assert!(built.ends_with("exit Some(0)"), "{built}");
    let set = kanbao(
        &cache,
        &["review", "set", &id, r, "--headline", "鹦鹉螺号试航成功"],
    );
    assert!(set.ends_with("exit Some(0)"), "{set}");
    // The full-text index holds the parsed headline only: the corrected
    // article is read all the same.
    let found = same_without_index(
        &cache,
        &["search", "--body", "鹦鹉螺号", "--json", r],
        "a corrected headline",
    );
    assert!(found.contains(&id), "{found}");
}

#[test]
fn a_headline_search_over_corrected_titles_reads_only_their_issues() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 30, 9);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    let (retitled, kicked) = (nth_article_id(&root, 5), nth_article_id(&root, 150));
    let built = kanbao(&cache, &["index", r]);
    assert!(built.ends_with("exit Some(0)"), "{built}");
    for (id, field, text) in [
        (&retitled, "--headline", "鹦鹉螺号试航成功"),
        (&kicked, "--kicker", "螺旋桨专版"),
    ] {
        let set = kanbao(&cache, &["review", "set", id, r, field, text]);
        assert!(set.ends_with("exit Some(0)"), "{set}");
    }
    // The archive's parses gone: a search that loaded the archive would
    // parse every file again and keep the parses.
    for shard in shards(&cache) {
        std::fs::remove_file(shard).unwrap();
    }
    // The retitled article's headline as parsed, which the correction
    // takes away from it.
    let parsed = load_plain(&root)
        .issues
        .iter()
        .flat_map(|i| i.articles())
        .find(|a| a.id == retitled)
        .and_then(|a| a.headline.clone())
        .expect("a headline")
        .text;
    let searches: [&[&str]; 10] = [
        &["search", "鹦鹉螺号", "--json", r],
        &["search", "螺旋桨", r],
        &["search", "跨省", r],
        &["search", "yw", "--json", "--limit", "200", r],
        &["search", "螺", "--from", "2025-12-01", r],
        &["search", "--body", "鹦鹉螺号", "--json", r],
        &["search", "--body", "螺旋桨", r],
        &["search", "--body", &parsed, "--json", "--limit", "3", r],
        &["search", "--body", "醴陵", "--limit", "5", r],
        &["search", "--body", "试航 鹦鹉螺号 螺", r],
    ];
    let answers = answered_from_the_index(&cache, &searches);
    assert!(answers[0].contains(&retitled), "{}", answers[0]);
    assert!(answers[1].contains(&kicked), "{}", answers[1]);
    // The body search finds the corrected titles, and not the parsed one.
    assert!(answers[5].contains(&retitled), "{}", answers[5]);
    assert!(answers[6].contains(&kicked), "{}", answers[6]);
    assert!(!answers[7].contains(&retitled), "{}", answers[7]);
    assert!(answers[9].contains(&retitled), "{}", answers[9]);
    for (args, with) in searches.iter().zip(&answers) {
        let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
        assert_eq!(*with, kanbao(&cache, &plain), "{args:?}");
    }
}

/// A body search whose hits to print lie in more than a sixth of the
/// issues reads those issues in turn, not the whole archive, and answers
/// as the scan does: the hits, the total and the "more match" note, with
/// a date window too.
#[test]
fn a_body_search_with_candidates_in_most_issues_reads_them_in_turn() {
    let tmp = tempfile::tempdir().unwrap();
    // More issues than one batch reads (64).
    let issues = 150;
    let root = archive(tmp.path(), issues, 5);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    indexed_without_parses(&cache, &root);
    // A word left out: nearly every article, in every issue; words that
    // match case (`S84` in about a third of the issues).
    let searches: [&[&str]; 5] = [
        &["search", "--body", "!UD", "--json", "--limit", "5000", r],
        // Answered exactly by the index, but its first 200 in many issues.
        &["search", "--body", "水平", "--json", "--limit", "200", r],
        &["search", "--body", "S84 | UD", "--limit", "10", r],
        &["search", "--body", "S84 !UD", "--json", r],
        &[
            "search",
            "--body",
            "!MW",
            "--from",
            "2000-01-05",
            "--to",
            "2000-04-20",
            r,
        ],
    ];
    let answers = answered_from_the_index(&cache, &searches);
    // More than one issue in six: too many to read at once.
    let days_of = |hits: &serde_json::Value| -> std::collections::HashSet<String> {
        let hits = hits.as_array().unwrap().iter();
        hits.map(|h| h["date"].as_str().unwrap().to_string())
            .collect()
    };
    let found = printed_json(&answers[0]);
    assert!(days_of(&found["hits"]).len() * 6 > issues);
    let hits = found["hits"].as_array().unwrap();
    assert_eq!(found["total"].as_u64(), Some(hits.len() as u64));
    let exact = printed_json(&answers[1]);
    assert_eq!(exact["hits"].as_array().unwrap().len(), 200);
    assert!(exact["total"].as_u64().unwrap() > 200, "{}", exact["total"]);
    assert!(days_of(&exact["hits"]).len() * 6 > issues);
    assert_eq!(
        printed_text(&answers[2]).lines().count(),
        10,
        "{}",
        answers[2]
    );
    same_as_without_index(&cache, &searches, &answers);
    // The plain command says how many more match, as without the index.
    let more = |args: &[&str]| {
        let o = kanbao_with_cache(&cache, args);
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let note = more(searches[2]);
    assert!(note.contains("more match"), "{note}");
    let plain: Vec<&str> = searches[2].iter().copied().chain(["--no-index"]).collect();
    assert_eq!(note, more(&plain));
}

#[test]
fn structural_corrections_made_and_shown_read_only_their_issues() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 30, 9);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    let loaded = load_plain(&root);
    let on_page = |issue: usize, n: usize| loaded.issues[issue].pages[0].articles[n].clone();
    let (kept, merged, joined) = (on_page(4, 0), on_page(4, 1), on_page(20, 2));
    indexed_without_parses(&cache, &root);
    let retitled = loaded.issues[9].pages[0].articles[0].id.clone();
    // A line's role, its page named by its file name alone; a line moved
    // into the article before, its page named by its path in the archive.
    let page_file = |issue: usize| loaded.issues[issue].pages[0].source.clone();
    let in_archive = |source: &str| source[r.len() + 1..].to_string();
    let (captioned, moved, into) = (on_page(12, 1), on_page(16, 2), on_page(16, 1));
    let role_place = format!(
        "{}:{}",
        Path::new(&page_file(12))
            .file_name()
            .unwrap()
            .to_str()
            .unwrap(),
        captioned.lines.last
    );
    let move_place = format!("{}:{}", in_archive(&page_file(16)), moved.lines.last);
    let corrections: [&[&str]; 5] = [
        &["review", "merge", &merged.id, r],
        &["review", "merge", &joined.id, "--into", "next", r],
        &["review", "role", &role_place, "caption", r],
        &["review", "move", &move_place, &into.id, r],
        &[
            "review",
            "set",
            &retitled,
            r,
            "--headline",
            "鹦鹉螺号试航成功",
        ],
    ];
    for args in corrections {
        let done = kanbao(&cache, args);
        assert!(done.ends_with("exit Some(0)"), "{args:?}: {done}");
        assert!(shards(&cache).is_empty(), "{args:?} parsed the archive");
    }
    let merged_title = merged.title();
    // A phrase of the merged article's text, which the article it joined
    // holds now.
    let merged_words: String = merged.body[0].text.chars().take(6).collect();
    let commands: [&[&str]; 14] = [
        &["review", "list", r],
        &["review", "list", "--json", r],
        &["list", r],
        &["list", "--json", r],
        &["search", &merged_title, "--json", r],
        &["search", "鹦鹉螺号", r],
        &["search", "yw", "--json", "--limit", "300", r],
        &["search", "螺", "--from", "2025-12-01", r],
        &["show", &kept.id, "--width", "60", r],
        &["export", &kept.id, "--format", "json", r],
        &[
            "search",
            "--body",
            &merged_words,
            "--json",
            "--limit",
            "3",
            r,
        ],
        &["search", "--body", "醴陵", "--limit", "4", r],
        &["search", "--body", "鹦鹉螺号", "--json", r],
        &["search", "--body", "鹦鹉螺号 号", r],
    ];
    let answers = answered_from_the_index(&cache, &commands);
    for (args, with) in commands.iter().zip(&answers) {
        assert!(with.ends_with("exit Some(0)"), "{args:?}: {with}");
        let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
        assert_eq!(*with, kanbao(&cache, &plain), "{args:?}");
    }
    // A line moved into an article of another page, a page file no page
    // is from: refused as the archive loaded refuses them.
    let elsewhere = format!("{}:{}", in_archive(&page_file(3)), on_page(3, 1).lines.last);
    let refused: [&[&str]; 2] = [
        &["review", "move", &elsewhere, &into.id, r],
        &["review", "role", "no-such-page.txt:3", "caption", r],
    ];
    for args in refused {
        let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
        let (with, without) = (
            kanbao_with_cache(&cache, args),
            kanbao_with_cache(&cache, &plain),
        );
        assert_eq!(with.status.code(), Some(2), "{args:?}");
        assert_eq!(
            (with.status.code(), &with.stderr),
            (without.status.code(), &without.stderr),
            "{args:?}"
        );
    }
    // The merges show: two articles fewer, and the merged one found by its
    // headline no more under its own id.
    let count = |listing: &str| -> u64 {
        let v = printed_json(listing);
        let issues = v["issues"].as_array().unwrap();
        issues.iter().map(|i| i["articles"].as_u64().unwrap()).sum()
    };
    assert_eq!(count(&answers[3]) as usize, loaded.article_count() - 2);
    assert!(answers[0].contains("鹦鹉螺号试航成功"), "{}", answers[0]);
    assert!(
        !answers[4].contains(&format!("\"{}\"", merged.id)),
        "{}",
        answers[4]
    );
}

#[test]
fn every_command_answers_the_same_with_and_without_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 25, 7);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    let article = nth_article_id(&root, 17);
    let commands: Vec<Vec<&str>> = vec![
        vec!["list", r],
        vec!["list", "--json", r],
        vec!["search", "跨省", r],
        vec!["search", "xw", "--json", r],
        vec!["search", "--body", "醴陵", r],
        vec!["search", "--body", "株洲 记者", "--json", r],
        vec!["show", &article, "--width", "60", r],
        vec!["export", "--format", "json", r],
        vec!["export", "--format", "md", r],
        vec!["export", "--format", "headlines", r],
    ];
    let built = kanbao(&cache, &["index", r]);
    assert!(built.ends_with("exit Some(0)"), "{built}");
    assert!(!shards(&cache).is_empty());
    for args in &commands {
        let plain: Vec<&str> = args.iter().copied().chain(["--no-index"]).collect();
        let without = kanbao(&cache, &plain);
        let cold = kanbao(&tmp.path().join("cold"), args);
        let warm = kanbao(&cache, args);
        assert_eq!(warm, without, "{args:?}");
        assert_eq!(cold, without, "{args:?}");
    }
    // --clear removes it.
    kanbao(&cache, &["index", "--clear", r]);
    assert!(shards(&cache).is_empty());
}

/// Queries made of the archive's own text: substrings of 1 to 4
/// characters of kickers, headlines, paragraphs and captions (so that most
/// match something), alone, in pairs, in upper case, with a term that
/// occurs nowhere, and joined by `|` and `!`; and a text's first or last
/// 1 to 4 characters, or a whole short text, anchored (`^`, `$`, `^…$`).
fn queries_from(archive: &Archive, n: usize) -> Vec<String> {
    let texts: Vec<String> = archive
        .issues
        .iter()
        .flat_map(|i| i.articles())
        .flat_map(|a| {
            kanbao::search::searched_texts(a)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    let term = |next: &mut dyn FnMut(usize) -> usize| {
        let chars: Vec<char> = texts[next(texts.len())].chars().collect();
        let len = 1 + next(4);
        let start = next(chars.len().saturating_sub(len).max(1));
        chars[start..(start + len).min(chars.len())]
            .iter()
            .collect::<String>()
    };
    let end = |next: &mut dyn FnMut(usize) -> usize, last: bool| {
        let chars: Vec<char> = texts[next(texts.len())].chars().collect();
        let len = (1 + next(4)).min(chars.len());
        let at = if last { chars.len() - len } else { 0 };
        chars[at..at + len].iter().collect::<String>()
    };
    let short = texts.iter().filter(|t| t.chars().count() <= 8).count();
    (0..n)
        .map(|i| match i % 10 {
            7 => format!("^{}", end(&mut next, false)),
            8 => format!("{}$", end(&mut next, true)),
            9 if short > 0 => {
                let nth = next(short);
                let whole = texts.iter().filter(|t| t.chars().count() <= 8).nth(nth);
                format!("^{}$ | !^{}", whole.unwrap(), end(&mut next, false))
            }
            0 | 1 => term(&mut next),
            2 => format!("{} {}", term(&mut next), term(&mut next)),
            3 => term(&mut next).to_uppercase(),
            4 => format!("{} 无此词语", term(&mut next)),
            5 => format!(
                "{} | {} !{}",
                term(&mut next),
                term(&mut next),
                term(&mut next)
            ),
            _ => format!("!{} | {}", term(&mut next), term(&mut next)),
        })
        .collect()
}

#[test]
fn the_full_text_index_answers_as_the_scan_does() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 40, 8);
    // Characters that stand alone, in no bigram: at a paragraph's end, and
    // between spaces (full-width, and ASCII after folding).
    let page = &pages(&root)[7];
    let text = std::fs::read_to_string(page).unwrap();
    std::fs::write(
        page,
        format!("{text}\n据悉 陵\n\n第　Ｑ　版 鬯 。\n\nＧＤＰ与GDP和gdp\n"),
    )
    .unwrap();
    age(page, 3600);
    let cache_dir = tmp.path().join("cache");
    let cache = Cache::at(&cache_dir);
    let opts = LoadOptions {
        cache: Some(&cache),
        ..Default::default()
    };
    let archive = loader::load_path(&root, &opts).unwrap();
    let index = kanbao::index::TextIndex::open_or_build(&cache, &root, &archive)
        .expect("the archive's files are old enough to be trusted");
    let all = usize::MAX;
    let counts: Vec<usize> = archive.issues.iter().map(|i| i.article_count()).collect();
    let (mut narrowed, mut matched, mut exact) = (0, 0, 0);
    let alone = [
        "陵",
        "q",
        "鬯",
        "第 q",
        "鬯 据悉",
        "!陵",
        "鬯 | !据悉",
        "^据悉",
        "陵$",
        "^陵",
        "^第",
        "。$",
        "^第 。$",
        "!^据悉",
        // Uppercase: the word's case.
        "Q",
        "GDP",
        "gdp",
        "Gdp",
        "^GDP",
        "gdp$",
        "GDP$",
        "^GDP与",
        "!GDP",
        "GDP和 | 陵",
    ]
    .map(String::from);
    for q in alone.into_iter().chain(queries_from(&archive, 300)) {
        let scan = kanbao::search::search_bodies_with(
            &archive,
            &q,
            kanbao::search::Scope::All,
            all,
            &|| false,
        )
        .unwrap();
        let Some(places) = index.candidates(&q) else {
            let no_words = q.trim().is_empty() || kanbao::search::query_error(&q).is_some();
            assert!(no_words, "every query of words is narrowed: {q:?}");
            continue;
        };
        if q.contains('鬯') {
            assert!(scan.total > 0, "the character alone is found: {q:?}");
        }
        let among = kanbao::index::archive_order(&places, &counts).expect("places in the archive");
        narrowed += 1;
        matched += usize::from(scan.total > 0);
        if kanbao::index::TextIndex::answers_exactly(&q) {
            exact += 1;
            assert_eq!(among.len(), scan.total, "the index counts {q:?} itself");
        }
        let found =
            kanbao::search::search_bodies_among(&archive, &q, &among, all, &|| false).unwrap();
        assert_eq!(found, scan, "{q:?}");
    }
    assert!(
        narrowed > 200 && matched > 100 && exact > 100,
        "{narrowed} narrowed, {matched} matched, {exact} counted by the index"
    );
    // A second open finds the index on disk rather than building it again.
    let built: Vec<PathBuf> = files(&cache_dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("/text-"))
        .collect();
    assert!(!built.is_empty());
    let again = kanbao::index::TextIndex::open_or_build(&cache, &root, &archive).unwrap();
    assert_eq!(again.candidates("株洲"), index.candidates("株洲"));
}

/// An archive of `issues` issues of two pages (two files) each, old
/// enough to be trusted.
fn two_page_archive(dir: &Path, issues: usize, seed: u64) -> PathBuf {
    let root = dir.join("archive");
    let options = kanbao_synth::Options {
        issues,
        seed,
        pages_per_issue: 2,
    };
    kanbao_synth::write_archive(&root, &options).unwrap();
    for f in files(&root) {
        age(&f, 3600);
    }
    root
}

#[test]
fn a_body_search_from_the_index_answers_as_one_over_the_whole_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let root = two_page_archive(tmp.path(), 40, 11);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    let built = kanbao(&cache, &["index", r]);
    assert!(built.ends_with("exit Some(0)"), "{built}");
    let same = |q: &str, limit: &str, why: &str| {
        let args = ["search", "--body", q, "--limit", limit, r];
        same_without_index(&cache, &args, why);
        same_without_index(&cache, &[&args[..], &["--json"]].concat(), why);
    };
    for (n, q) in queries_from(&load_plain(&root), 60).iter().enumerate() {
        same(q, ["1", "3", "1000"][n % 3], "fresh index");
    }
    // Only the issues shown are read: with the parses gone, the search
    // answers without loading the archive (which would cache them again).
    for shard in shards(&cache) {
        std::fs::remove_file(shard).unwrap();
    }
    same("醴陵", "2", "no parses");
    same("株洲市", "2", "no parses");
    // A character alone too, though it lies in nearly every issue.
    same("陵", "2", "no parses");
    same("的 株", "3", "no parses");
    // Either word, and a word left out.
    same("醴陵 | 株洲", "2", "no parses");
    same("株洲 !醴陵", "3", "no parses");
    same("!醴陵 | 记者", "2", "no parses");
    // Within a window of dates: the candidates of those issues alone.
    let loaded = load_plain(&root);
    let known: Vec<String> = loaded
        .issues
        .iter()
        .filter_map(|i| Some(i.date.filter(|d| d.year.is_some())?.to_string()))
        .collect();
    let (from, to) = (&known[10], &known[25]);
    let (from, to) = (from.min(to), from.max(to));
    for (q, limit) in [("醴陵", "3"), ("陵", "4"), ("株洲 记者", "2")] {
        let args = [
            "search", "--body", q, "--from", from, "--to", to, "--limit", limit, r,
        ];
        let with = same_without_index(&cache, &args, "a window");
        assert!(with.ends_with("exit Some(0)"), "{with}");
        let json = same_without_index(&cache, &[&args[..], &["--json"]].concat(), "a window");
        let v = printed_json(&json);
        for hit in v["hits"].as_array().unwrap() {
            let date = hit["date"].as_str().unwrap();
            assert!(from.as_str() <= date && date <= to.as_str(), "{date}");
        }
    }
    // And `show ID` and `export ID` read the issue that holds it alone.
    let ids: Vec<String> = load_plain(&root)
        .issues
        .iter()
        .flat_map(|i| i.articles())
        .map(|a| a.id.clone())
        .step_by(97)
        .collect();
    for id in &ids {
        let issue = id.split('/').next().unwrap();
        let asked: [&[&str]; 6] = [
            &["show", id, "--width", "60"],
            &["show", id, "--json"],
            &["show", id, "--source"],
            &["export", id, "--format", "json"],
            &["export", issue, "--format", "md"],
            &["export", id, "--format", "ndjson"],
        ];
        for asked in asked {
            let with = same_without_index(&cache, &[asked, &[r]].concat(), "no parses");
            assert!(with.ends_with("exit Some(0)"), "{with}");
        }
    }
    assert!(shards(&cache).is_empty(), "the archive was loaded");
    // An id no issue holds is looked for in the archive loaded.
    let missing = same_without_index(&cache, &["show", "2099-01-01/A1/1", r], "no such id");
    assert!(!missing.ends_with("exit Some(0)"), "{missing}");
    // An index of the archive as it was is not used once a file changed.
    let page = &pages(&root)[5];
    let text = std::fs::read_to_string(page).unwrap();
    std::fs::write(page, text.replacen('。', "。醴陵新闻。", 1)).unwrap();
    age(page, 3600);
    same("醴陵新闻", "5", "a file changed");
    same("醴陵", "3", "a file changed");
}

#[test]
fn the_readers_body_search_from_issues_read_alone_answers_as_a_scan_of_the_whole_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let root = two_page_archive(tmp.path(), 60, 12);
    let cache_dir = tmp.path().join("cache");
    let built = kanbao(&cache_dir, &["index", root.to_str().unwrap()]);
    assert!(built.ends_with("exit Some(0)"), "{built}");
    let cache = Cache::at(&cache_dir);
    let state = kanbao::index::skeleton::state_now(&root).unwrap();
    let text = kanbao::index::TextIndex::open_for(&cache, &root, state.stamp).unwrap();
    let whole = load_plain(&root);
    // Checked against the headlines file, and against the skeleton the
    // reader holds, by turns.
    let (key, held) = kanbao::index::skeleton::open_lazy_as_kept(&cache, &root).unwrap();
    assert_eq!(key, state.key);
    let (mut answered, mut hits) = (0, 0);
    for (n, q) in queries_from(&whole, 150).iter().enumerate() {
        let limit = [1, 3, 50][n % 3];
        let Some(places) = text.candidates(q) else {
            continue;
        };
        let against = match n % 2 {
            0 => Against::Kept(&cache, state.key),
            _ => Against::Held(&held),
        };
        let alone = kanbao::index::read_alone::read_candidates(
            &root,
            against,
            whole.issues.len(),
            &places,
            q,
            limit,
            &[],
        )
        .and_then(|c| c.search_bodies(q, limit, &|| false));
        let Some(alone) = alone else {
            // Too many issues to read alone: the reader loads the archive.
            continue;
        };
        let scan = kanbao::search::search_bodies_with(
            &whole,
            q,
            kanbao::search::Scope::All,
            limit,
            &|| false,
        )
        .unwrap();
        assert_eq!(alone, scan, "{q:?}, limit {limit}");
        answered += 1;
        hits += usize::from(!scan.hits.is_empty());
    }
    assert!(
        answered > 60 && hits > 30,
        "{answered} answered alone, {hits} with hits"
    );
}

#[test]
fn an_edited_file_refreshes_its_issue_alone_and_every_answer_stays_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let root = two_page_archive(tmp.path(), 40, 12);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    kanbao(&cache, &["index", r]);
    let parses: Vec<Vec<u8>> = shards(&cache)
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    // What answers from the index and the skeleton alone (a search that
    // shows most issues loads the archive: `READ_AT_MOST_ONE_IN`).
    let commands: [&[&str]; 5] = [
        &["list", r],
        &["list", "--json", r],
        &["search", "新闻发布", "--json", r],
        &["search", "--body", "醴陵新闻发布会", "--json", r],
        &["search", "--body", "醴陵", "--limit", "3", r],
    ];
    let same = |why: &str| {
        for args in commands {
            same_without_index(&cache, args, why);
        }
    };
    let edit = |page: &Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(page).unwrap();
        assert!(text.contains(from), "{}", page.display());
        std::fs::write(page, text.replacen(from, to, 1)).unwrap();
        age(page, 3000);
    };
    // A sentence added to one page: its issue is read again, alone.
    let page = pages(&root)[7].clone();
    edit(&page, "。", "。醴陵新闻发布会召开。");
    same("a sentence added");
    let found = kanbao(&cache, &["search", "--body", "醴陵新闻发布会", r]);
    assert!(found.contains("醴陵新闻发布会"), "{found}");
    let now: Vec<Vec<u8>> = shards(&cache)
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert!(
        now == parses,
        "the archive was loaded whole rather than refreshed"
    );
    // The headlines file the refresh spliced reads whole (its checksum
    // made from its issues' own) and holds the archive's skeleton.
    let state = kanbao::index::skeleton::state_now(&root).unwrap();
    let spliced = kanbao::index::skeleton::open_headlines(&Cache::at(&cache), &root, state.key)
        .expect("the spliced headlines read whole");
    assert_eq!(
        spliced,
        kanbao::index::skeleton::headlines_of(&load_plain(&root))
    );
    // Two files at once, one of them twice.
    edit(&page, "醴陵新闻发布会召开。", "");
    edit(&pages(&root)[20], "。", "。全市新闻发布会召开。");
    same("two files changed");
    // A change that moves the issue (another date, by its sidecar) loads
    // the archive.
    let sidecar = files(&root)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .expect("a page with a sidecar");
    edit(&sidecar, "date: \"20", "date: \"19");
    same("an issue moved");
}

#[test]
fn issues_of_one_date_are_read_alone_under_the_ids_the_whole_archive_gives_them() {
    let tmp = tempfile::tempdir().unwrap();
    let root = archive(tmp.path(), 30, 5);
    // A second copy of one issue, in another folder: the archive tells
    // the two issues of that date apart by their files' names.
    let page = pages(&root)[3].clone();
    let date = page.file_stem().unwrap().to_string_lossy().into_owned();
    let extra = root.join("extra");
    std::fs::create_dir_all(&extra).unwrap();
    let copy = extra.join(page.file_name().unwrap());
    std::fs::copy(&page, &copy).unwrap();
    age(&copy, 3600);
    let whole = load_plain(&root);
    let told_apart: Vec<&kanbao::model::Issue> = whole
        .issues
        .iter()
        .filter(|i| i.id.starts_with(&format!("{date}_")))
        .collect();
    assert_eq!(told_apart.len(), 2, "two issues of {date}");
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    indexed_without_parses(&cache, &root);
    for issue in told_apart {
        let id = &issue.articles().next().unwrap().id;
        let shown = same_without_index(&cache, &["show", id, r], "one of two issues of a date");
        assert!(shown.ends_with("exit Some(0)"), "{shown}");
        same_without_index(
            &cache,
            &["export", &issue.id, "--format", "md", r],
            "its issue",
        );
    }
    assert!(shards(&cache).is_empty(), "the archive was loaded");
    // An edit of one of them refreshes its issue alone, under its id.
    let text = std::fs::read_to_string(&copy).unwrap();
    std::fs::write(&copy, text.replacen('。', "。醴陵新闻。", 1)).unwrap();
    age(&copy, 60);
    let listed = same_without_index(&cache, &["list", r], "one of two issues of a date edited");
    assert!(listed.ends_with("exit Some(0)"), "{listed}");
    same_without_index(&cache, &["search", "--body", "醴陵新闻", r], "edited");
    assert!(
        shards(&cache).is_empty(),
        "the archive was loaded, not refreshed"
    );
}

#[test]
fn prune_removes_the_index_of_an_archive_that_is_gone_and_keeps_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let kept = archive(&tmp.path().join("kept"), 3, 1);
    let gone = archive(&tmp.path().join("gone"), 3, 2);
    for a in [&kept, &gone] {
        let out = kanbao(&cache, &["list", a.to_str().unwrap()]);
        assert!(out.ends_with("exit Some(0)"), "{out}");
    }
    let dir_of = |a: &Path| Cache::at(&cache).archive_dir(a);
    let (kept_dir, gone_dir) = (dir_of(&kept), dir_of(&gone));
    assert!(kept_dir.is_dir() && gone_dir.is_dir());
    // An older kanbao's cache names no archive.
    let older = cache.join("archives").join("00000000000000aa");
    std::fs::create_dir_all(&older).unwrap();
    std::fs::write(older.join("parses-00.bin"), b"old").unwrap();
    std::fs::remove_dir_all(&gone).unwrap();

    let o = Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(["index", "--prune"])
        .env("KANBAO_CACHE_DIR", &cache)
        .output()
        .expect("kanbao runs");
    let said = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(
        !gone_dir.exists(),
        "the gone archive's index is removed: {said}"
    );
    assert!(!older.exists(), "so is one that names no archive: {said}");
    assert!(kept_dir.is_dir(), "the other archive's index stays: {said}");
    assert!(
        said.contains("(gone)") && said.contains("2 index(es) removed"),
        "{said}"
    );
    // The archive that stays still answers from its index.
    let (_, (parsed, reused)) = load_cached(&kept, &cache, None);
    assert_eq!((parsed, reused), (0, 3));
}

#[test]
fn a_headline_edited_or_an_article_added_in_one_file_brings_the_kept_headline_index_forward() {
    use kanbao::index::headline_patch::brought_forward;
    use kanbao::index::skeleton;
    use kanbao::search::{HeadlineIndex, Scope};
    let tmp = tempfile::tempdir().unwrap();
    let root = two_page_archive(tmp.path(), 40, 12);
    let cache = tmp.path().join("cache");
    let r = root.to_str().unwrap();
    kanbao(&cache, &["index", r]);
    // One character of a headline of the eighth issue changed in its file.
    let before = load_plain(&root);
    let (page, headline) = before.issues[7]
        .pages
        .iter()
        .flat_map(|p| p.articles.iter().map(move |a| (p, a)))
        .find_map(|(p, a)| Some((p.source.clone(), a.headline.as_ref()?.text.clone())))
        .expect("a headline");
    let second = headline.chars().nth(1).unwrap();
    let edited = headline.replacen(second, "鹦", 1);
    let path = root.join(&page);
    let path = if path.exists() {
        path
    } else {
        PathBuf::from(&page)
    };
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(&headline),
        "{} holds {headline}",
        path.display()
    );
    std::fs::write(&path, text.replacen(&headline, &edited, 1)).unwrap();
    age(&path, 3000);
    // `list` refreshes the skeleton; the index kept for the state before
    // is brought forward (and kept for the state now: the next search
    // reads it as it is), and answers as the index of the archive now.
    let forward_and_now = |change: &str| {
        same_without_index(&cache, &["list", r], change);
        let state = skeleton::state_now(&root).unwrap();
        let kept = skeleton::open_headline_index_as_kept(&Cache::at(&cache), &root, true).unwrap();
        assert_ne!(kept.0, state.key, "kept for the state before: {change}");
        let forward = brought_forward(&Cache::at(&cache), &root, &state, kept)
            .unwrap_or_else(|| panic!("brought forward over {change}"));
        let (key, _) =
            skeleton::open_headline_index_as_kept(&Cache::at(&cache), &root, true).unwrap();
        assert_eq!(key, state.key);
        (forward, HeadlineIndex::build(&load_plain(&root), true))
    };
    let (forward, now) = forward_and_now("a headline edited");
    let found = |index: &HeadlineIndex, q: &str| index.filter(q, Scope::All, usize::MAX, &|| false);
    for q in [
        edited.as_str(),
        headline.as_str(),
        "鹦",
        "新闻",
        "xw",
        "株洲",
    ] {
        assert_eq!(found(&forward, q), found(&now, q), "{q}");
    }
    assert!(!found(&forward, &edited).unwrap().hits.is_empty());
    let shown = same_without_index(&cache, &["search", &edited, "--json", r], "brought forward");
    assert!(shown.contains(&edited), "{shown}");
    // An article added to the page moves every entry after its issue's:
    // the issue's entries are replaced, the rest moved, and the answers
    // are still the archive's.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\n\n鹦鹉洲大桥今日通车\n\n本报讯 大桥今日通车。\n"),
    )
    .unwrap();
    age(&path, 3000);
    let (forward, now) = forward_and_now("an article added");
    assert_eq!(forward.len(), now.len());
    assert!(now.len() > 7 * 3, "entries after the eighth issue's");
    for q in ["鹦鹉洲", "ywzdq", edited.as_str(), "新闻", "xw", "株洲"] {
        assert_eq!(found(&forward, q), found(&now, q), "{q}");
    }
    same_without_index(
        &cache,
        &["search", "鹦鹉洲", "--json", r],
        "an article added",
    );
    same_without_index(&cache, &["search", "yw", r], "an article added");
}

#[test]
fn the_review_report_and_gold_reading_read_only_the_reviewed_issues() {
    let tmp = tempfile::tempdir().unwrap();
    // 60 issues: the six reviewed are read alone (more than a sixth of
    // the archive's would be loaded with it).
    let root = archive(tmp.path(), 60, 11);
    let r = root.to_str().unwrap();
    // Issue 7's page moved beside the others under issue 5's file name:
    // the gold reading keys a page by its file's name alone, so a page of
    // that name not all marked ok rules out issue 5's page too.
    let before = load_plain(&root);
    let (five, seven) = (&before.issues[5], &before.issues[7]);
    let named = Path::new(&five.pages[0].source).to_path_buf();
    let moved = Path::new(&seven.pages[0].source).to_path_buf();
    let aside = root.join("elsewhere");
    std::fs::create_dir(&aside).unwrap();
    let to = aside.join(named.file_name().unwrap());
    std::fs::rename(&moved, &to).unwrap();
    let sidecar = moved.with_extension("ron");
    if sidecar.exists() {
        std::fs::rename(&sidecar, to.with_extension("ron")).unwrap();
    }
    age(&to, 3600);
    let loaded = load_plain(&root);
    let issue_of = |id: &str| loaded.issues.iter().position(|i| i.id == id).unwrap();
    let (five, seven) = (issue_of(&five.id), issue_of(&seven.id));
    let cache = tmp.path().join("cache");
    indexed_without_parses(&cache, &root);
    let on_page = |issue: usize| loaded.issues[issue].pages[0].articles.clone();
    let set = |args: &[&str]| {
        let mut all = vec!["review", "set"];
        all.extend_from_slice(args);
        all.push(r);
        let done = kanbao(&cache, &all);
        assert!(done.ends_with("exit Some(0)"), "{all:?}: {done}");
    };
    let all_ok = |issue: usize| {
        for a in on_page(issue) {
            set(&[&a.id, "--status", "ok"]);
        }
    };
    // A merge, a corrected headline, a corrected date, an article that
    // needs a fix, and issue 5's and issue 20's pages all marked ok.
    let merged = on_page(12)[1].id.clone();
    let merge = kanbao(&cache, &["review", "merge", &merged, r]);
    assert!(merge.ends_with("exit Some(0)"), "{merge}");
    set(&[&on_page(9)[0].id, "--headline", "鹦鹉螺号试航成功"]);
    set(&[&loaded.issues[14].id, "--date", "1999-12-31"]);
    set(&[
        &on_page(3)[2].id,
        "--status",
        "needs-fix",
        "--note",
        "缺一行",
    ]);
    all_ok(5);
    all_ok(20);
    assert!(shards(&cache).is_empty(), "the marks parsed the archive");
    let commands: [&[&str]; 3] = [
        &["review", "report", r],
        &["review", "report", "--format", "json", r],
        &["review", "gold", r],
    ];
    let answers = answered_from_the_index(&cache, &commands);
    same_as_without_index(&cache, &commands, &answers);
    let file_name = named.file_name().unwrap().to_str().unwrap();
    let page_20 = Path::new(&loaded.issues[20].pages[0].source);
    let name_20 = page_20.file_name().unwrap().to_str().unwrap();
    assert!(answers[0].contains("缺一行"), "{}", answers[0]);
    assert!(answers[0].contains("1999-12-31"), "{}", answers[0]);
    assert!(answers[2].contains(name_20), "{}", answers[2]);
    assert!(!answers[2].contains(file_name), "{}", answers[2]);
    // Issue 7's page all ok too: both pages of that name are gold.
    all_ok(seven);
    let gold = answered_from_the_index(&cache, &[commands[2]]).remove(0);
    assert_eq!(gold, kanbao(&cache, &["review", "gold", r, "--no-index"]));
    assert!(gold.contains(file_name), "{gold}");
    let report = answered_from_the_index(&cache, &[commands[1]]).remove(0);
    let v = printed_json(&report);
    let ok = |n: usize| v["issues"][n]["counts"]["ok"].as_u64().unwrap() as usize;
    assert_eq!(ok(five), on_page(five).len());
    assert_eq!(ok(seven), on_page(seven).len());
}

#[test]
fn exporting_or_checking_the_whole_archive_reads_it_a_few_issues_at_a_time() {
    let tmp = tempfile::tempdir().unwrap();
    // More issues than one batch holds (256), so that the batches join.
    let root = archive(tmp.path(), 270, 12);
    let r = root.to_str().unwrap();
    let loaded = load_plain(&root);
    let cache = tmp.path().join("cache");
    indexed_without_parses(&cache, &root);
    let on_page = |issue: usize| loaded.issues[issue].pages[0].articles.clone();
    let review = |args: &[&str]| {
        let done = kanbao(&cache, &[&["review"], args, &[r]].concat());
        assert!(done.ends_with("exit Some(0)"), "{args:?}: {done}");
    };
    // A merge in each batch (one in its last issue), a corrected headline
    // and a corrected date that moves an issue out of the window below.
    review(&["merge", &on_page(3)[1].id]);
    review(&["merge", &on_page(255)[1].id]);
    review(&["merge", &on_page(262)[2].id]);
    review(&["set", &on_page(260)[0].id, "--headline", "鹦鹉螺号试航成功"]);
    review(&["set", &loaded.issues[200].id, "--date", "1899-01-01"]);
    assert!(shards(&cache).is_empty(), "the review parsed the archive");
    // A window around issue 200's date as parsed.
    let dated: Vec<(String, &str)> = loaded.issues[150..266]
        .iter()
        .filter_map(|i| Some((i.date.filter(|d| d.year.is_some())?.to_string(), &*i.id)))
        .collect();
    let from = dated.iter().map(|d| &d.0).min().unwrap().clone();
    let to = dated.iter().map(|d| &d.0).max().unwrap().clone();
    let other = dated
        .iter()
        .find(|d| d.1 != loaded.issues[200].id)
        .unwrap()
        .1;
    assert!(dated.iter().any(|d| d.1 == loaded.issues[200].id));
    let commands: [&[&str]; 10] = [
        &["export", "--format", "ndjson", r],
        &["export", "--format", "json", r],
        &["export", "--format", "json", "--from", "2999-01-01", r],
        &["export", "--format", "md", r],
        &["export", "--format", "txt", r],
        &["export", "--format", "headlines", r],
        &[
            "export", "--format", "ndjson", "--from", &from, "--to", &to, r,
        ],
        &["export", "--format", "md", "--original", r],
        &["check", r],
        &["check", "--json", r],
    ];
    let answers = answered_from_the_index(&cache, &commands);
    same_as_without_index(&cache, &commands, &answers);
    assert!(answers[5].contains("鹦鹉螺号试航成功"), "{}", answers[5]);
    let lines = |s: &str| s.lines().filter(|l| l.starts_with('{')).count();
    let articles = loaded
        .issues
        .iter()
        .map(|i| i.article_count())
        .sum::<usize>();
    assert_eq!(lines(&answers[0]), articles - 3, "three articles merged");
    assert_eq!(
        printed_json(&answers[1])["issues"]
            .as_array()
            .unwrap()
            .len(),
        270
    );
    assert_eq!(printed_json(&answers[2])["issues"], serde_json::json!([]));
    // Written a piece at a time, as serde_json writes the whole (its keys
    // sorted).
    let printed = printed_text(&answers[9]);
    let whole = serde_json::to_string_pretty(&printed_json(&answers[9])).unwrap();
    assert_eq!(printed, whole + "\n");
    assert_eq!(
        printed_json(&answers[9])["files"].as_array().unwrap().len(),
        270
    );
    assert!(
        !answers[6].contains(&loaded.issues[200].id),
        "{}",
        answers[6]
    );
    assert!(answers[6].contains(other), "{}", answers[6]);
}
