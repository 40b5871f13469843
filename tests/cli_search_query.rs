//! `kanbao search` with fzf's syntax: exit 0 on hits, 1 on none, 2 (and a
//! reason) for a query that cannot match.

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
        .unwrap()
}

#[test]
fn search_reads_fzf_syntax_and_exits_by_what_it_found() {
    let hits = kanbao(&["search", "^mtf", "--limit", "100"]);
    assert_eq!(hits.status.code(), Some(0));
    let out = String::from_utf8(hits.stdout).unwrap();
    assert!(!out.is_empty());
    for line in out.lines() {
        let headline = line.split('\t').nth(3).unwrap();
        assert!(headline.starts_with("毛腾飞"), "{line}");
    }
    let none = kanbao(&["search", "'毛腾飞 !毛腾飞"]);
    assert_eq!(none.status.code(), Some(1));
    for bad in [&["search", "!"][..], &["search", "--body", "山 |"]] {
        let out = kanbao(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("cannot match"), "{err}");
    }
}
