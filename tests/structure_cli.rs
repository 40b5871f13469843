//! `kanbao review split | merge | role | move | undo` on the real binary:
//! recorded, shown by every command, refused when they change nothing,
//! listed (with retired ids), left out with `--original`.

use std::process::{Command, Output};

const PAGE: &str = "晨光日报\n\
2021年3月4日 星期四\n\
\n\
河边新建一座桥\n\
记者 王小明\n\
本报讯 3月3日，河边的新桥通车了。\n\
居民说方便多了。\n\
公园花开\n\
本报讯 春天到了，公园里的花都开了。\n\
\n\
3\n\
\n\
学校开学\n\
本报讯 今天学校开学了。\n";

fn kanbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env(
            "KANBAO_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("XDG_DATA_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("USER", "甲")
        .output()
        .expect("kanbao runs")
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn headlines(root: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["export", root, "--format", "headlines"];
    args.extend(extra);
    ok(kanbao(&args)).lines().map(str::to_string).collect()
}

#[test]
fn the_verbs_record_show_refuse_list_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.txt"), PAGE).unwrap();
    let root = dir.path().to_str().unwrap();
    let parsed = headlines(root, &[]);
    assert_eq!(parsed.len(), 3);

    // split, with its JSON
    let v: serde_json::Value = serde_json::from_str(&ok(kanbao(&[
        "review",
        "split",
        "2021-03-04/A1/1",
        "--at-line",
        "7",
        "--role",
        "headline",
        root,
        "--json",
    ])))
    .unwrap();
    assert_eq!(v["created"], serde_json::json!(["2021-03-04/A1/1b"]));
    assert_eq!(v["correction"]["source"], "p.txt");
    assert_eq!(v["correction"]["by"], "甲");
    assert_eq!(
        headlines(root, &[])[1],
        "2021-03-04/A1/1b\t居民说方便多了。",
        "export shows it"
    );
    let shown = ok(kanbao(&["show", "2021-03-04/A1/1b", root, "--width", "60"]));
    assert!(shown.contains("居民说方便多了。"), "{shown}");
    let found = ok(kanbao(&["search", "居民", root]));
    assert!(found.contains("2021-03-04/A1/1b"), "{found}");
    assert_eq!(
        headlines(root, &["--original"]),
        parsed,
        "--original leaves it out"
    );
    // The report counts the two articles the split changed as corrected
    // (not untouched) and lists the correction.
    let r: serde_json::Value =
        serde_json::from_str(&ok(kanbao(&["review", "report", root, "--format", "json"]))).unwrap();
    assert_eq!(r["totals"]["corrected"], 2, "{r}");
    assert_eq!(r["totals"]["untouched"], 2, "{r}");
    assert_eq!(r["corrections"][0]["kind"], "structure");
    assert_eq!(r["corrections"][0]["target"], "p.txt:7");
    assert_eq!(r["corrections"][0]["state"], "applied");

    // merge: the next article joins; its id is retired and listed so
    let out = ok(kanbao(&[
        "review",
        "merge",
        "2021-03-04/A1/2",
        "--into",
        "previous",
        root,
    ]));
    assert!(out.contains("retired 2021-03-04/A1/2"), "{out}");
    let listed = ok(kanbao(&["review", "list", root]));
    assert!(listed.contains("2021-03-04/A1/2\tretired"), "{listed}");
    assert!(
        listed.contains("p.txt:7\tstructure\tapplied\tsplit at line 7"),
        "{listed}"
    );

    // role and move, by FILE:LINE
    ok(kanbao(&["review", "role", "p.txt:11", "caption", root]));
    let v: serde_json::Value = serde_json::from_str(&ok(kanbao(&[
        "review",
        "move",
        "p.txt:11",
        "2021-03-04/A1/3",
        root,
        "--json",
    ])))
    .unwrap();
    assert_eq!(v["correction"]["correction"]["Move"]["into"]["line"], 13);
    let check = ok(kanbao(&["check", root]));
    assert!(check.contains("coverage 1.000"), "{check}");

    // What would change nothing is refused, and nothing is written.
    let before = std::fs::read(dir.path().join("kanbao-review.ron")).unwrap();
    let o = kanbao(&["review", "merge", "2021-03-04/A1/1", root]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no article on that side"));
    let o = kanbao(&["review", "role", "p.txt:4", "headline", root]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("already a headline"));
    let o = kanbao(&["review", "role", "p.txt:99", "body", root]);
    assert_eq!(o.status.code(), Some(2));
    let o = kanbao(&["review", "role", "p.txt:4", "title", root]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(dir.path().join("kanbao-review.ron")).unwrap(),
        before
    );

    // Undo, four times: back to the parse.
    for _ in 0..4 {
        let out = ok(kanbao(&["review", "undo", root]));
        assert!(out.starts_with("undone: "), "{out}");
    }
    assert_eq!(headlines(root, &[]), parsed);
    let out = ok(kanbao(&["review", "undo", root]));
    assert!(out.contains("no structural correction"), "{out}");
}

#[test]
fn a_correction_whose_line_changed_is_reported_stale_and_applied_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.txt");
    std::fs::write(&page, PAGE).unwrap();
    let root = dir.path().to_str().unwrap();
    ok(kanbao(&[
        "review",
        "split",
        "2021-03-04/A1/1",
        "--at-line",
        "7",
        root,
    ]));
    std::fs::write(&page, PAGE.replace("居民说方便多了。", "居民都说方便。")).unwrap();
    let o = kanbao(&["export", root, "--format", "headlines"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(err.contains("stale correction (p.txt:7"), "{err}");
    assert_eq!(ok(o).lines().count(), 3);
    let listed = ok(kanbao(&["review", "list", root]));
    assert!(
        listed.contains("\tstructure\tstale: line 7 has changed"),
        "{listed}"
    );
}
