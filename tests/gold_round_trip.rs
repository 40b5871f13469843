//! The archivists' reading handed back and scored: `kanbao review gold`
//! writes the archive as corrected for the pages marked ok, and `kanbao
//! check --against` scores the parser against it.

use kanbao::loader::{LoadOptions, load_path};
use kanbao::review::{REVIEW_FILE_NAME, ReviewChange, ReviewStatus};
use std::process::{Command, Output};

fn kanbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env(
            "KANBAO_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("XDG_DATA_HOME", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("kanbao runs")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// A copy of the sample archive's pages and sidecars in a folder of its own.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for e in std::fs::read_dir(&seeds).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn every_article_marked_ok_reads_back_as_a_perfect_score() {
    let dir = sample_copy();
    let root = dir.path().to_str().unwrap();
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    let review = dir.path().join(REVIEW_FILE_NAME);
    let articles: Vec<_> = archive.issues.iter().flat_map(|i| i.articles()).collect();
    // Nothing marked: nothing to hand back.
    let empty: serde_json::Value =
        serde_json::from_str(&stdout(&kanbao(&["review", "gold", root]))).unwrap();
    assert_eq!(empty, serde_json::json!({}));
    for a in &articles {
        kanbao::review::set(&review, a, &ReviewChange::status(ReviewStatus::Ok)).unwrap();
    }
    let gold_path = dir.path().join("gold.json");
    let gold = stdout(&kanbao(&["review", "gold", root]));
    let v: serde_json::Value = serde_json::from_str(&gold).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 4, "the four sample pages");
    std::fs::write(&gold_path, &gold).unwrap();
    let gold_arg = gold_path.to_str().unwrap();
    let o = kanbao(&[
        "check",
        root,
        "--against",
        gold_arg,
        "--min-recall",
        "1",
        "--min-precision",
        "1",
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let n = articles.iter().filter(|a| a.duplicate_of.is_none()).count();
    // Reporters are compared on articles, not on notices or promotions.
    let m = articles
        .iter()
        .filter(|a| a.duplicate_of.is_none() && a.kind == kanbao::model::ArticleKind::Article)
        .count();
    assert!(
        out.ends_with(&format!(
            "recall 1.000 ({n}/{n}) precision 1.000 ({n}/{n}) reporters {m}/{m} dates 4/4\n"
        )),
        "{out}"
    );
    // An archivist's corrected headline: the parser's reading now misses it.
    let first = articles[0];
    kanbao::review::set(
        &review,
        first,
        &ReviewChange::headline(Some("档案员更正的标题".into())),
    )
    .unwrap();
    let gold = stdout(&kanbao(&["review", "gold", root]));
    std::fs::write(&gold_path, &gold).unwrap();
    let o = kanbao(&[
        "check",
        root,
        "--against",
        gold_arg,
        "--json",
        "--min-recall",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1), "below the floor");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["found"], n - 1);
    assert_eq!(v["gold"], n);
    let missed: Vec<&serde_json::Value> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["missed"].as_array().unwrap())
        .collect();
    assert_eq!(missed, [&serde_json::json!("档案员更正的标题")]);
}

/// An archivist splits an article the parser ran together (here, on
/// purpose, one it read right): the gold reading has one article more, and
/// the parser's score shows it missed; undone, the score is 1.0 again.
#[test]
fn a_split_in_review_shows_as_the_parsers_miss_until_undone() {
    let dir = sample_copy();
    let root = dir.path().to_str().unwrap();
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    let (issue, article) = archive
        .issues
        .iter()
        .flat_map(|i| i.articles().map(move |a| (i, a)))
        .find(|(_, a)| a.body.len() >= 3)
        .unwrap();
    let at = article.body[1].lines.first;
    let o = kanbao(&[
        "review",
        "split",
        &article.id,
        "--at-line",
        &at.to_string(),
        "--role",
        "headline",
        root,
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let new_id = v["created"][0].as_str().unwrap().to_string();
    assert_eq!(new_id, format!("{}b", article.id));
    // Every article of the corrected archive marked ok, the new one too.
    let out = stdout(&kanbao(&["export", root, "--format", "headlines"]));
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(ids.contains(&new_id.as_str()));
    for id in &ids {
        assert!(
            kanbao(&["review", "set", id, root, "--status", "ok"])
                .status
                .success()
        );
    }
    let gold_path = dir.path().join("gold.json");
    std::fs::write(&gold_path, stdout(&kanbao(&["review", "gold", root]))).unwrap();
    let gold_arg = gold_path.to_str().unwrap();
    let o = kanbao(&["check", root, "--against", gold_arg, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["gold"].as_u64().unwrap(),
        v["found"].as_u64().unwrap() + 1,
        "{v}"
    );
    let file = crate_file_of(issue, article);
    let scored = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == file)
        .unwrap();
    assert_eq!(scored["missed"].as_array().unwrap().len(), 1);
    // Undone: the article's mark was made on its split text, so its page
    // is no longer all ok and leaves the reading; the rest scores 1.0.
    assert!(kanbao(&["review", "undo", root]).status.success());
    std::fs::write(&gold_path, stdout(&kanbao(&["review", "gold", root]))).unwrap();
    let o = kanbao(&["check", root, "--against", gold_arg, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["recall"], 1.0, "{v}");
    assert!(
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["file"] != file)
    );
}

/// The name of the page file `article` was read from.
fn crate_file_of(issue: &kanbao::model::Issue, article: &kanbao::model::Article) -> String {
    let page = issue
        .pages
        .iter()
        .find(|p| p.articles.iter().any(|a| a.id == article.id))
        .unwrap();
    kanbao::score::file_name(&page.source).to_string()
}

#[test]
fn a_bad_gold_file_is_one_located_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.json");
    std::fs::write(&gold, "{\n  \"a.txt\": [,]\n}").unwrap();
    let o = kanbao(&["check", "--against", gold.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("gold.json:2:"), "{err}");
    let o = kanbao(&["check", "--against", "/nonexistent/gold.json"]);
    assert_eq!(o.status.code(), Some(2));
}
