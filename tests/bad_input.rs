//! Bad input gets a clear message and loses nothing: each bad file is
//! reported, the rest of the folder loads, nothing panics.

use kanbao::loader::{LoadOptions, load_path};
use std::fs;

const GOOD: &str = "好标题在这里\n\n株洲日报记者 甲乙\n\n株洲日报讯 3月1日，正文。\n";

fn warnings_for<'a>(archive: &'a kanbao::model::Archive, name: &str) -> Vec<&'a str> {
    archive
        .issues
        .iter()
        .flat_map(|i| i.warnings.iter())
        .filter(|w| w.source.ends_with(name))
        .map(|w| w.message.as_str())
        .collect()
}

#[test]
fn a_folder_of_bad_files_still_loads_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    fs::write(p.join("empty.txt"), "").unwrap();
    fs::write(
        p.join("binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\x03\0>\0",
    )
    .unwrap();
    // 6 MB on one line
    let long: String = "很长的一行没有换行，".repeat(6 * 1024 * 1024 / 30);
    fs::write(p.join("long.txt"), &long).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(GOOD);
    fs::write(p.join("gbk.txt"), &gb).unwrap();
    let mut cut = GOOD.as_bytes().to_vec();
    cut.extend_from_slice(&"字".as_bytes()[..2]);
    fs::write(p.join("cut.txt"), &cut).unwrap();
    fs::create_dir(p.join("sub")).unwrap();
    fs::write(p.join("sub").join("nested.TXT"), GOOD).unwrap();
    fs::write(p.join("notes.md"), "not part of the archive").unwrap();

    let archive = load_path(p, &LoadOptions::default()).unwrap();
    let sources: Vec<&str> = archive.issues.iter().map(|i| i.source()).collect();
    assert_eq!(sources.len(), 7, "{sources:?}");
    assert!(!sources.iter().any(|s| s.ends_with("notes.md")));

    let title_of = |name: &str| {
        archive
            .issues
            .iter()
            .find(|i| i.source().ends_with(name))
            .and_then(|i| i.articles().next())
            .map(|a| a.title())
    };
    assert_eq!(title_of("good.txt").as_deref(), Some("好标题在这里"));
    assert_eq!(title_of("nested.TXT").as_deref(), Some("好标题在这里"));
    assert_eq!(title_of("gbk.txt").as_deref(), Some("好标题在这里"));
    assert_eq!(title_of("cut.txt").as_deref(), Some("好标题在这里"));

    assert_eq!(warnings_for(&archive, "empty.txt"), ["empty file"]);
    assert!(warnings_for(&archive, "binary.txt")[0].contains("binary"));
    assert!(warnings_for(&archive, "gbk.txt").contains(&"decoded as GB18030"));
    assert!(warnings_for(&archive, "cut.txt")[0].contains("U+FFFD"));
    // the long line is kept whole, not dropped
    let long_issue = archive
        .issues
        .iter()
        .find(|i| i.source().ends_with("long.txt"))
        .unwrap();
    let kept: usize = long_issue.articles().map(|a| a.body_chars()).sum();
    assert_eq!(kept, long.chars().count());
    let (placed, lines, _) = kanbao::check::archive_coverage(&archive);
    assert_eq!(placed, lines);
}

#[test]
fn unsafe_characters_never_reach_the_model() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("evil.txt"),
        "标题\u{1b}]0;pwned\u{7}\n\n株洲日报讯 正文\u{1b}[2J\u{202e}反\u{9b}31m。\n",
    )
    .unwrap();
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    let json = serde_json::to_string(&kanbao::export::archive_json(&archive)).unwrap();
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!json.contains(bad), "{bad:?} leaked");
    }
    assert!(
        warnings_for(&archive, "evil.txt")
            .iter()
            .any(|w| w.contains("escape sequence"))
    );
    // The whole sequences go, not only their ESC: the title stays clean.
    let a = archive.issues[0].articles().next().unwrap();
    assert_eq!(a.title(), "标题");
    assert!(!json.contains("[2J") && !json.contains("31m") && !json.contains("pwned"));
}

#[test]
fn a_broken_sidecar_is_reported_with_its_position_and_the_page_loads() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.txt"), GOOD).unwrap();
    fs::write(
        dir.path().join("p.ron"),
        "(\n  date: \"2021-01-10\",\n  paper: 株洲日报,\n)",
    )
    .unwrap();
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    let issue = &archive.issues[0];
    assert_eq!(issue.article_count(), 1);
    let w = issue
        .warnings
        .iter()
        .find(|w| w.source.ends_with("p.ron"))
        .unwrap();
    assert_eq!(w.line, Some(3));
    assert!(w.column.is_some());
    assert!(w.message.starts_with("sidecar ignored"));
}

#[test]
fn a_good_sidecar_overrides_the_inferred_date() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.txt"), GOOD).unwrap();
    fs::write(
        dir.path().join("p.ron"),
        "(date: \"2019-03-02\", page: \"B3\", number: 7)",
    )
    .unwrap();
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    let issue = &archive.issues[0];
    assert_eq!(issue.id, "2019-03-02");
    assert_eq!(issue.date_source, Some(kanbao::model::DateSource::Sidecar));
    assert_eq!(issue.number, Some(7));
    assert_eq!(issue.pages[0].label, "B3");
    assert_eq!(issue.pages[0].articles[0].id, "2019-03-02/B3/1");
}

#[test]
fn pages_of_one_day_form_one_issue() {
    let dir = tempfile::tempdir().unwrap();
    for (name, page) in [("day_A2.txt", "A2"), ("day_A1.txt", "A1")] {
        fs::write(dir.path().join(name), GOOD).unwrap();
        fs::write(
            dir.path().join(name.replace(".txt", ".ron")),
            format!("(date: \"2021-01-10\", page: \"{page}\")"),
        )
        .unwrap();
    }
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    assert_eq!(archive.issues.len(), 1);
    let labels: Vec<&str> = archive.issues[0]
        .pages
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(labels, ["A1", "A2"]);
}

#[test]
fn arbitrary_bytes_never_panic_the_loader() {
    let mut seed = 0x9e37_79b9u32;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let pieces: [&[u8]; 8] = [
        "株洲日报记者 ".as_bytes(),
        "标题".as_bytes(),
        "讯 1月6日，".as_bytes(),
        b"\n\n",
        "下转A2版".as_bytes(),
        "（记者/".as_bytes(),
        b"\xff\xfe\x80",
        "。”".as_bytes(),
    ];
    for round in 0..200 {
        let mut bytes = Vec::new();
        for _ in 0..(next() % 40) {
            if next() % 3 == 0 {
                bytes.push(next() as u8);
            } else {
                bytes.extend_from_slice(pieces[(next() % 8) as usize]);
            }
        }
        let name = format!("r{round}.txt");
        let archive = kanbao::loader::load_texts("t", &[(&name, &bytes)], &LoadOptions::default());
        let (placed, lines, _) = kanbao::check::archive_coverage(&archive);
        assert_eq!(
            placed,
            lines,
            "round {round}: {:?}",
            String::from_utf8_lossy(&bytes)
        );
    }
}

#[test]
fn a_missing_path_is_an_error() {
    let err = load_path(
        std::path::Path::new("/no/such/archive"),
        &LoadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "/no/such/archive: no such file or directory"
    );
}

#[test]
fn a_jump_links_both_pages_and_an_orphan_continuation_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let a1 = "头版标题\n\n株洲日报讯 3月1日，正文开头说了很多。\n\n下转A2版\n";
    let a2 = "上接A1版\n\n头版标题续\n\n接着把话说完。\n\n上接B7版\n\n没头的续文说完了。\n";
    fs::write(dir.path().join("d_A1.txt"), a1).unwrap();
    fs::write(dir.path().join("d_A1.ron"), "(date: \"2021-03-02\")").unwrap();
    fs::write(dir.path().join("d_A2.txt"), a2).unwrap();
    fs::write(dir.path().join("d_A2.ron"), "(date: \"2021-03-02\")").unwrap();
    let archive = load_path(dir.path(), &LoadOptions::default()).unwrap();
    assert_eq!(archive.issues.len(), 1);
    let issue = &archive.issues[0];
    let start = issue.find_article("2021-03-02/A1/1").unwrap();
    assert_eq!(start.continued_to.as_deref(), Some("A2"));
    let rest = issue.find_article("2021-03-02/A2/1").unwrap();
    assert_eq!(
        rest.kind,
        kanbao::model::ArticleKind::Article,
        "its start is in the archive"
    );
    assert_eq!(rest.continued_from.as_deref(), Some("A1"));
    assert_eq!(rest.title(), "头版标题续");
    let ctx = kanbao::reading::context(issue, start);
    assert_eq!(ctx.continues_in.as_deref(), Some("2021-03-02/A2/1"));
    let ctx = kanbao::reading::context(issue, rest);
    assert_eq!(ctx.continued_from_id.as_deref(), Some("2021-03-02/A1/1"));
    let orphan = issue.find_article("2021-03-02/A2/2").unwrap();
    assert_eq!(orphan.kind, kanbao::model::ArticleKind::Continuation);
    assert_eq!(orphan.continued_from.as_deref(), Some("B7"));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_reported_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    let fifo = p.join("fifo.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Without the check this would block forever on opening the pipe.
    let archive = load_path(p, &LoadOptions::default()).unwrap();
    assert_eq!(archive.issues.len(), 1);
    assert_eq!(archive.errors.len(), 1, "{:?}", archive.errors);
    assert!(archive.errors[0].message.contains("not a regular file"));
}
