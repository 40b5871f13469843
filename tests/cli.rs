//! The real binary, as scripts and people over SSH use it.

use std::process::{Command, Output};

fn kanbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env_remove("NO_COLOR")
        // keep the user's config out of the tests
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("XDG_DATA_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("KANBAO_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("kanbao runs")
}

/// The issue `id` in `list --json` or `export --format json` output.
fn issue_json<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("issue {id} in the output"))
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

/// `show`'s output after the lines that say where the article was printed
/// (paper · date · page · id) and the blank line under them.
fn after_place(shown: &str) -> &str {
    shown.split_once("\n\n").map_or(shown, |(_, rest)| rest)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn list_shows_the_sample_newest_first() {
    let o = kanbao(&["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(
        ids,
        ["2022-01-07", "2021-01-10", "2020-11-28", "2020-05-15"]
    );
    assert!(out.contains("2021-01-10\t2021-01-10 (masthead)\t第22487期\t1 page(s)\t9 article(s)"));
    assert!(!out.contains('\u{1b}'), "no escape codes into a pipe");
}

#[test]
fn list_json() {
    let o = kanbao(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let first = &v["issues"][0];
    assert_eq!(first["id"], "2022-01-07");
    assert_eq!(first["date_source"], "sidecar");
    assert_eq!(first["articles"], 8);
    assert_eq!(v["issues"][1]["number"], 22487);
}

#[test]
fn show_lays_out_an_article_at_the_asked_width() {
    let o = kanbao(&["show", "2021-01-10/A1/1", "--width", "40"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // First where it was printed, within the width too.
    assert!(
        out.starts_with("株洲日报 · 2021-01-10 · A1版\n2021-01-10/A1/1\n\n"),
        "{out}"
    );
    assert!(out.contains("芦淞安源两地政务服务“跨省通办”"));
    assert!(out.contains("记者 刘毅 · 通讯员 张凌坤"));
    assert!(
        out.contains("\u{3000}\u{3000}株洲日报讯"),
        "paragraph indent kept"
    );
    for line in out.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 40, "{w} columns: {line}");
    }
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn show_json_and_unknown_ids() {
    let o = kanbao(&["show", "2020-05-15/A1/3", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["article"]["untitled"], true);
    assert_eq!(
        v["article"]["reporters"],
        serde_json::json!(["叶新福", "胡文洁"])
    );
    let o = kanbao(&["show", "1999-01-01/A1/1"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("kanbao: no article with id"));
}

#[test]
fn export_json_has_the_documented_shape() {
    let o = kanbao(&["export", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let issue = issue_json(&v, "2021-01-10");
    assert_eq!(issue["source"], "seeds/001_116e626ffbbcf756.txt");
    assert_eq!(issue["paper"], "株洲日报");
    assert_eq!(issue["date_source"], "masthead");
    assert_eq!(issue["number"], 22487);
    assert_eq!(issue["page_count"], 4);
    let a = &issue["pages"][0]["articles"][0];
    for key in [
        "id",
        "kind",
        "section",
        "kicker",
        "headline",
        "subheadlines",
        "untitled",
        "reporters",
        "correspondents",
        "agency",
        "dateline",
        "paragraphs",
        "captions",
        "continued_to",
        "continued_from",
        "see_also",
        "duplicate_of",
        "lines",
    ] {
        assert!(a.get(key).is_some(), "article.{key}");
    }
    assert_eq!(a["id"], "2021-01-10/A1/1");
    assert_eq!(a["dateline"], "株洲日报讯 1月6日");
    assert_eq!(a["correspondents"], serde_json::json!(["张凌坤"]));
    assert!(issue["fragments"].is_array() && issue["warnings"].is_array());
}

#[test]
fn export_headlines_markdown_text() {
    let o = kanbao(&["export", "--format", "headlines"]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 34);
    assert!(
        out.lines().any(|l| l
            == "2021-01-10/A1/4\t市教育局发布通知，即日起至寒假结束—— 全市师生员工不得出境或跨省")
    );
    // The id is the first field: what a line picked in fzf hands to `show`.
    let id = out.lines().next().unwrap().split('\t').next().unwrap();
    assert!(kanbao(&["show", id]).status.success());
    let md = stdout(&kanbao(&["export", "--format", "md"]));
    assert!(md.contains("## 路口坚守 保交通畅通"));
    assert!(md.contains("printed twice: see `2020-11-28/A1/5`"));
    let txt = stdout(&kanbao(&["export", "--format", "txt"]));
    assert!(txt.contains("株洲日报 2021-01-10 第22487期"));
}

#[test]
fn check_proves_coverage() {
    let o = kanbao(&["check"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.lines().last().unwrap().starts_with("coverage 1.000 ("),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&kanbao(&["check", "--json"]))).unwrap();
    assert_eq!(v["coverage"], 1.0);
    assert_eq!(v["files"].as_array().unwrap().len(), 4);
}

#[test]
fn check_exits_1_when_a_file_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "标题\n\n株洲日报讯 正文。\n").unwrap();
    std::os::unix::fs::symlink("/nonexistent/target", dir.path().join("gone.txt")).unwrap();
    let o = kanbao(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("gone.txt\terror:"), "{out}");
    assert!(out.contains("ok.txt\t1 article(s)"), "{out}");
}

#[test]
fn a_missing_path_is_one_line_and_exit_2() {
    for args in [
        &["list", "/no/such/dir"][..],
        &["/no/such/dir"][..],
        &["check", "/no/such/dir"][..],
    ] {
        let o = kanbao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            "kanbao: /no/such/dir: no such file or directory\n"
        );
    }
}

#[test]
fn an_empty_archive_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let o = kanbao(&["list", dir.path().to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("no issues found"));
}

#[test]
fn bad_usage_exits_2() {
    let o = kanbao(&["export", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let o = kanbao(&["--ambiguous-width", "3", "list"]);
    assert_eq!(o.status.code(), Some(2));
}

fn kanbao_in(home: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("KANBAO_CACHE_DIR", home.join("cache"))
        .output()
        .expect("kanbao runs")
}

#[test]
fn search_headlines_by_pinyin_for_scripts() {
    let o = kanbao(&["search", "mtf", "--json", "--limit", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    let first = &hits[0];
    let text = format!(
        "{}{}",
        first["kicker"]
            .as_str()
            .map(|k| format!("{k} "))
            .unwrap_or_default(),
        first["headline"].as_str().unwrap()
    );
    let chars: Vec<char> = text.chars().collect();
    let marked: String = first["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| chars[p.as_u64().unwrap() as usize])
        .collect();
    assert_eq!(
        marked, "毛腾飞",
        "positions land on the Chinese characters: {first}"
    );
    for key in ["id", "date", "page", "score"] {
        assert!(first.get(key).is_some(), "{key}");
    }
    // A hit in a subheadline: `text` is what the positions index.
    let o = kanbao(&["search", "阳卫国出席", "--json", "--limit", "1"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hit = &v["hits"][0];
    let chars: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
    let marked: String = hit["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| chars[p.as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, "阳卫国出席", "{hit}");
    assert!(
        hit["subheadlines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains("阳卫国出席")),
        "{hit}"
    );
    assert!(v["total"].as_u64().unwrap() >= 1);
    // plain output: one line per hit
    let out = stdout(&kanbao(&["search", "maotengfei", "--limit", "2"]));
    assert_eq!(out.lines().count(), 2);
    assert!(out.lines().all(|l| l.contains("毛腾飞")), "{out}");
}

#[test]
fn search_bodies_with_folding() {
    let o = kanbao(&["search", "--body", "５Ｇ 人工智能", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(v["total"], 1);
    assert_eq!(hits[0]["id"], "2020-11-28/A1/2");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("5G"));
    assert!(hits[0]["matches"].as_array().unwrap().len() >= 2);
    let none = stdout(&kanbao(&["search", "--body", "不存在的词语组合"]));
    assert!(none.is_empty());
}

#[test]
fn review_set_list_report_on_the_sample() {
    let home = tempfile::tempdir().unwrap();
    let o = kanbao_in(
        home.path(),
        &[
            "review",
            "set",
            "2021-01-10/A1/1",
            "--status",
            "needs-fix",
            "--note",
            "标题缺字",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("2021-01-10/A1/1\tneeds-fix\t"));
    let o = kanbao_in(
        home.path(),
        &["review", "set", "2021-01-10/A1/2", "--status", "ok"],
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&kanbao_in(
        home.path(),
        &["review", "list", "--json"],
    )))
    .unwrap();
    let reviews = v["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 2);
    assert_eq!(reviews[0]["id"], "2021-01-10/A1/1");
    assert_eq!(reviews[0]["status"], "needs-fix");
    assert_eq!(reviews[0]["note"], "标题缺字");
    assert_eq!(reviews[0]["state"], "fresh");
    // the sample is read-only: marks go to the data directory
    assert!(
        v["file"]
            .as_str()
            .unwrap()
            .starts_with(home.path().join("data").to_str().unwrap())
    );
    let md = stdout(&kanbao_in(
        home.path(),
        &["review", "report", "--format", "md"],
    ));
    assert!(md.contains("2021-01-10"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&kanbao_in(
        home.path(),
        &["review", "report", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(json["totals"]["ok"], 1);
    assert_eq!(json["totals"]["needs_fix"], 1);
    let bad = kanbao_in(
        home.path(),
        &["review", "set", "nope/A1/1", "--status", "ok"],
    );
    assert_eq!(bad.status.code(), Some(2));
    let nothing = kanbao_in(home.path(), &["review", "set", "2021-01-10/A1/1"]);
    assert_eq!(
        nothing.status.code(),
        Some(2),
        "a command line asking nothing"
    );
}

#[test]
fn a_bad_command_line_is_one_line_and_exit_2() {
    for args in [
        &["list", "--frob"][..],
        &["show"],
        &["export", "--format", "xml"],
        &["serach", "mtf"],
    ] {
        let o = kanbao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("kanbao: "), "{err}");
    }
    let err = stderr(&kanbao(&["export", "--format", "xml"]));
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn review_file_lives_at_a_writable_archive_root() {
    let home = tempfile::tempdir().unwrap();
    let archive = tempfile::tempdir().unwrap();
    std::fs::write(
        archive.path().join("p.txt"),
        "标题甲\n\n株洲日报讯 3月1日，正文。\n",
    )
    .unwrap();
    std::fs::write(archive.path().join("p.ron"), "(date: \"2021-03-02\")").unwrap();
    let root = archive.path().to_str().unwrap();
    let o = kanbao_in(
        home.path(),
        &[
            "review",
            "set",
            "2021-03-02/A1/1",
            root,
            "--headline",
            "更正的标题",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let file = std::fs::read_to_string(archive.path().join("kanbao-review.ron")).unwrap();
    assert!(file.contains("更正的标题"));

    // What scripts and readers get: the correction, the parsed text on request.
    let run = |args: &[&str]| stdout(&kanbao_in(home.path(), args));
    let shown = run(&["show", "2021-03-02/A1/1", root, "--width", "40"]);
    assert!(after_place(&shown).starts_with("更正的标题"), "{shown}");
    let original = run(&["show", "2021-03-02/A1/1", root, "--original"]);
    assert!(after_place(&original).starts_with("标题甲"), "{original}");
    assert_eq!(
        run(&["export", root, "--format", "headlines"]),
        "2021-03-02/A1/1\t更正的标题\n"
    );
    assert!(run(&["export", root, "--format", "md"]).contains("更正的标题"));
    // A correction is what the filter finds, by its characters or its pinyin;
    // the parsed headline only with --original.
    assert!(run(&["search", "更正", root]).contains("更正的标题"));
    assert!(run(&["search", "gzdbt", root]).contains("更正的标题"));
    assert_eq!(run(&["search", "标题甲", root]), "");
    assert!(run(&["search", "标题甲", root, "--original"]).contains("标题甲"));
    let json: serde_json::Value =
        serde_json::from_str(&run(&["export", root, "--format", "json"])).unwrap();
    let a = &json["issues"][0]["pages"][0]["articles"][0];
    assert_eq!(a["headline"], "标题甲", "the parsed field stays as parsed");
    assert_eq!(a["review"]["headline"], "更正的标题");
    assert_eq!(a["review"]["stale"], false);
    let plain: serde_json::Value =
        serde_json::from_str(&run(&["export", root, "--format", "json", "--original"])).unwrap();
    assert!(
        plain["issues"][0]["pages"][0]["articles"][0]
            .get("review")
            .is_none()
    );
}

#[test]
fn a_wrongly_parsed_kicker_can_be_removed() {
    let home = tempfile::tempdir().unwrap();
    let id = "2021-01-10/A1/3";
    let before = stdout(&kanbao_in(home.path(), &["show", id, "--width", "60"]));
    assert!(
        after_place(&before).starts_with("毛腾飞在醴陵调研"),
        "{before}"
    );
    let o = kanbao_in(home.path(), &["review", "set", id, "--no-kicker"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = stdout(&kanbao_in(home.path(), &["show", id, "--width", "60"]));
    assert!(
        after_place(&after).starts_with("选配强“两委”班子"),
        "{after}"
    );
    let original = stdout(&kanbao_in(home.path(), &["show", id, "--original"]));
    assert!(
        after_place(&original).starts_with("毛腾飞在醴陵调研"),
        "{original}"
    );
}

#[test]
fn config_default_path_and_a_malformed_config() {
    let home = tempfile::tempdir().unwrap();
    let o = kanbao_in(home.path(), &["config", "--default"]);
    assert!(stdout(&o).contains("max_text_width: 76"));
    let o = kanbao_in(home.path(), &["config", "--path"]);
    assert_eq!(
        stdout(&o).trim(),
        home.path()
            .join("config/kanbao/config.ron")
            .to_str()
            .unwrap()
    );
    std::fs::create_dir_all(home.path().join("config/kanbao")).unwrap();
    std::fs::write(
        home.path().join("config/kanbao/config.ron"),
        "(\n  theme: Dark,\n  max_text_wdth: 60,\n)",
    )
    .unwrap();
    let o = kanbao_in(home.path(), &["list"]);
    assert!(o.status.success(), "a typo never locks anyone out");
    let err = stderr(&o);
    assert!(
        err.contains("config.ron:3:"),
        "file, line and column: {err}"
    );
    assert_eq!(stdout(&o).lines().count(), 4);
}

#[test]
fn config_sets_the_default_archive() {
    let home = tempfile::tempdir().unwrap();
    let archive = tempfile::tempdir().unwrap();
    std::fs::write(
        archive.path().join("p.txt"),
        "标题甲\n\n株洲日报讯 3月1日，正文。\n",
    )
    .unwrap();
    std::fs::create_dir_all(home.path().join("config/kanbao")).unwrap();
    std::fs::write(
        home.path().join("config/kanbao/config.ron"),
        format!("(archive: \"{}\")", archive.path().display()),
    )
    .unwrap();
    let out = stdout(&kanbao_in(home.path(), &["list"]));
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn typed_corrections_carry_no_escape_sequences() {
    let home = tempfile::tempdir().unwrap();
    let id = "2021-01-10/A1/1";
    let o = kanbao_in(
        home.path(),
        &[
            "review",
            "set",
            id,
            "--headline",
            "新\u{1b}[31m标题\u{1b}]0;x\u{7}",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&kanbao_in(home.path(), &["show", id]));
    assert!(after_place(&shown).starts_with("新标题\n"), "{shown:?}");
}

#[test]
fn a_cut_hit_list_says_so_and_widths_are_checked() {
    let o = kanbao(&["search", "--body", "株洲", "--limit", "2"]);
    assert_eq!(stdout(&o).lines().count(), 2);
    assert!(
        stderr(&o).contains("more match(es); --limit"),
        "{}",
        stderr(&o)
    );
    let all = kanbao(&["search", "--body", "株洲", "--limit", "1000"]);
    assert!(stderr(&all).is_empty(), "{}", stderr(&all));
    let o = kanbao(&["show", "2021-01-10/A1/1", "--width", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn reading_an_archive_writes_nothing_into_it() {
    let dir = sample_copy();
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let root = dir.path().to_str().unwrap();
    for args in [
        vec!["list", root],
        vec!["search", "跨省", root],
        vec!["search", "--body", "醴陵", root],
        vec!["export", root, "--format", "json"],
        vec!["check", root],
        vec!["review", "list", root],
    ] {
        let o = kanbao(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let mut after: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        after.sort();
        let mut want = before.clone();
        want.sort();
        assert_eq!(after, want, "{args:?} left something in the archive");
    }
}

#[test]
fn search_exits_1_when_nothing_matches_as_grep_does() {
    for args in [
        vec!["search", "鑫鑫鑫鑫"],
        vec!["search", "--body", "鑫鑫鑫鑫"],
    ] {
        let o = kanbao(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    let o = kanbao(&["search", "跨省"]);
    assert_eq!(o.status.code(), Some(0));
    // An error is 2, not 1.
    let o = kanbao(&["search", "跨省", "/no/such/archive"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_mistyped_command_gets_did_you_mean() {
    let o = kanbao(&["serch", "mtf"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("did you mean `kanbao search`"), "{err}");
    let o = kanbao(&["lsit"]);
    assert!(
        stderr(&o).contains("did you mean `kanbao list`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn list_shows_an_issues_corrected_date() {
    let dir = sample_copy();
    std::fs::write(
        dir.path().join("kanbao-review.ron"),
        "(version: 1, issues: {\"2021-01-10\": (date: Some(\"2021-01-11\"))})",
    )
    .unwrap();
    let root = dir.path().to_str().unwrap();
    let o = kanbao(&["list", root]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("2021-01-10\t2021-01-11 (review; parsed 2021-01-10)"),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&kanbao(&["list", root, "--json"]))).unwrap();
    let issue = issue_json(&v, "2021-01-10");
    assert_eq!(issue["date"], "2021-01-11");
    assert_eq!(issue["date_source"], "review");
    assert_eq!(issue["parsed_date"], "2021-01-10");
}

#[test]
fn review_set_date_corrects_an_issues_date() {
    let dir = sample_copy();
    let root = dir.path().to_str().unwrap();
    let o = kanbao(&["review", "set", "2021-01-10", root, "--date", "2021-01-11"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&kanbao(&["list", root])).contains("2021-01-11 (review; parsed 2021-01-10)"));
    // Not a date, not an issue, or mixed with an article's fields: refused.
    for args in [
        vec!["review", "set", "2021-01-10", root, "--date", "1月11日"],
        vec!["review", "set", "2099-01-01", root, "--date", "2021-01-11"],
        vec![
            "review",
            "set",
            "2021-01-10",
            root,
            "--date",
            "2021-01-11",
            "--note",
            "x",
        ],
    ] {
        assert_eq!(kanbao(&args).status.code(), Some(2), "{args:?}");
    }
    // "" clears it.
    let o = kanbao(&["review", "set", "2021-01-10", root, "--date", ""]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&kanbao(&["list", root])).contains("2021-01-10\t2021-01-10 (masthead)"));
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let o = kanbao(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let out = stdout(&o);
        for sub in ["search", "export", "review", "completions"] {
            assert!(out.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    let o = kanbao(&["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let man = stdout(&o);
    assert!(man.contains(".TH kanbao 1"), "{man}");
    assert!(man.contains("search"));
}

/// The issue ids of `list`'s output, in order.
fn listed(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn from_and_to_keep_the_issues_of_a_day_a_month_or_a_year() {
    let o = kanbao(&["list", "--from", "2021", "--to", "2021-06"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(listed(&o), ["2021-01-10"]);
    let o = kanbao(&["list", "--from", "2020-11-28"]);
    assert_eq!(listed(&o), ["2022-01-07", "2021-01-10", "2020-11-28"]);
    let o = kanbao(&["list", "--to", "2020-11"]);
    assert_eq!(listed(&o), ["2020-11-28", "2020-05-15"]);
    // Headlines and the search: only what those issues printed.
    let o = kanbao(&["export", "--format", "headlines", "--from", "2022"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.is_empty());
    assert!(out.lines().all(|l| l.starts_with("2022-01-07/")), "{out}");
    let all = kanbao(&["search", "中共中央政治局", "--limit", "100"]);
    let early = kanbao(&["search", "中共中央政治局", "--limit", "100", "--to", "2021"]);
    assert!(early.status.success());
    let early = stdout(&early);
    assert!(stdout(&all).lines().count() > early.lines().count());
    assert!(early.lines().all(|l| !l.starts_with("2022")), "{early}");
    // Nothing in the span: search exits 1 as with no hit.
    let none = kanbao(&["search", "中共中央政治局", "--from", "2030"]);
    assert_eq!(none.status.code(), Some(1));
    // A bad date is a usage error that says what a date looks like.
    let bad = kanbao(&["list", "--from", "2021-13"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("2021-01-10, 2021-01 or 2021"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn from_and_to_go_by_the_date_as_corrected_in_review() {
    let dir = sample_copy();
    let path = dir.path().to_str().unwrap();
    let set = kanbao(&["review", "set", "2020-05-15", "--date", "2021-03-01", path]);
    assert!(set.status.success(), "{}", stderr(&set));
    let o = kanbao(&["list", path, "--from", "2021-03", "--to", "2021-03"]);
    assert_eq!(listed(&o), ["2020-05-15"]);
}
