//! `kanbao export --format ndjson`: one article per line, a document search
//! engines ingest as is (the shape the README documents).

use std::collections::HashSet;
use std::process::Command;

fn kanbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kanbao"))
        .args(args)
        .env("XDG_CONFIG_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("XDG_DATA_HOME", env!("CARGO_TARGET_TMPDIR"))
        .env("KANBAO_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("kanbao runs")
}

/// `_XX` back to the byte it stands for.
fn unkey(key: &str) -> String {
    let mut out = Vec::new();
    let b = key.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'_' {
            out.push(u8::from_str_radix(&key[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn every_article_is_one_line_an_engine_accepts() {
    let o = kanbao(&["export", "--format", "ndjson"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let headlines = kanbao(&["export", "--format", "headlines"]);
    let articles = String::from_utf8(headlines.stdout).unwrap().lines().count();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), articles, "one line per article");
    assert!(text.ends_with('\n'));
    let mut keys = HashSet::new();
    for line in lines {
        let doc: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        let obj = doc.as_object().expect("an object");
        for field in obj.keys() {
            assert!(
                !field.starts_with('_'),
                "an engine's reserved name: {field}"
            );
        }
        let key = obj["key"].as_str().unwrap();
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "Meilisearch's id alphabet: {key}"
        );
        assert!(key.len() <= 511);
        assert_eq!(unkey(key), obj["id"].as_str().unwrap());
        assert!(keys.insert(key.to_string()), "keys are unique");
        match &obj["date"] {
            serde_json::Value::Null => {}
            serde_json::Value::String(d) => {
                assert_eq!(d.len(), 10, "{d}");
                assert!(d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-', "{d}");
            }
            other => panic!("date: {other}"),
        }
        for field in ["id", "issue", "page", "source", "kind", "title", "text"] {
            assert!(obj[field].is_string(), "{field} in {line}");
        }
        for field in ["subheadlines", "captions", "reporters"] {
            assert!(obj[field].is_array(), "{field}");
        }
    }
    // The text is what `show` prints in its paragraphs.
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let id = first["id"].as_str().unwrap();
    let show = kanbao(&["show", id, "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    let paragraphs: Vec<&str> = shown["article"]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(first["text"].as_str().unwrap(), paragraphs.join("\n\n"));
}

fn lines_of(args: &[&str]) -> Vec<String> {
    let o = kanbao(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn export_by_id_gives_one_article_or_one_issue_in_any_format() {
    let all = lines_of(&["export", "--format", "headlines"]);
    let article = all[3].split('\t').next().unwrap().to_string();
    let issue = article.split('/').next().unwrap().to_string();
    assert_eq!(
        lines_of(&["export", &article, "--format", "headlines"]),
        [all[3].clone()]
    );
    let of_issue = lines_of(&["export", &issue, "--format", "headlines"]);
    let expected: Vec<String> = all
        .iter()
        .filter(|l| l.starts_with(&format!("{issue}/")))
        .cloned()
        .collect();
    assert_eq!(of_issue, expected);
    assert!(of_issue.len() > 1);
    let doc = lines_of(&["export", &article, "--format", "ndjson"]);
    assert_eq!(doc.len(), 1);
    assert!(doc[0].contains(&format!("\"id\":\"{article}\"")));
    let json = kanbao(&["export", &article]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v["issues"][0]["pages"][0]["articles"][0]["id"],
        article.as_str()
    );
    let md = lines_of(&["export", &article, "--format", "md"]).join("\n");
    assert!(!md.is_empty());
    // An unknown id is an error, exit 2.
    let o = kanbao(&["export", "1999-09-09/Z9/9"]);
    assert_eq!(o.status.code(), Some(2));
    // A folder alone is still the archive.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.txt"), "标题一则\n\n本报讯 正文一段。\n").unwrap();
    let one = lines_of(&[
        "export",
        dir.path().to_str().unwrap(),
        "--format",
        "headlines",
    ]);
    assert_eq!(one.len(), 1);
}
