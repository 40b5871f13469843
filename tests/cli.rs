//! The real binary, as scripts and people over SSH use it.

use std::process::{Command, Output};

fn kanbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env_remove("NO_COLOR")
        // keep the user's config out of the tests
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("XDG_DATA_HOME", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("kanbao runs")
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
    let issue = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "2021-01-10")
        .unwrap();
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
        out.lines()
            .any(|l| l == "市教育局发布通知，即日起至寒假结束—— 全市师生员工不得出境或跨省")
    );
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
