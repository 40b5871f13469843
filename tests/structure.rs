//! Structural corrections on the model: each one's tree before and after,
//! every line still placed exactly once; stale when their lines changed,
//! never applied to other lines, and kept across a re-parse by a changed
//! parser (a modified profile).

use kanbao::check::archive_coverage;
use kanbao::loader::{LoadOptions, load_texts};
use kanbao::model::{Archive, Article};
use kanbao::review::structure::{
    Correction, LineRef, Structural, StructureReport, Toward, apply, file_lines, line_ref,
};
use kanbao::source_view::Role;

/// An invented page: masthead, three articles, a page number left as a
/// fragment, and a caption line the parser reads as body.
const PAGE: &str = "晨光日报\n\
2021年3月4日 星期四\n\
\n\
河边新建一座桥\n\
记者 王小明\n\
本报讯 3月3日，河边的新桥通车了。\n\
居民说方便多了。\n\
公园花开\n\
本报讯 春天到了，公园里的花都开了。\n\
游人很多。\n\
\n\
3\n\
\n\
学校开学\n\
本报讯 今天学校开学了。\n\
学生们很高兴。\n";

fn parsed(text: &str) -> Archive {
    load_texts("t", &[("p.txt", text.as_bytes())], &LoadOptions::default())
}

fn fix(text: &str, correction: Correction) -> Structural {
    let _ = text;
    Structural::new("p.txt".into(), correction, Some("甲".into()), 0)
}

fn at(text: &str, n: u32) -> LineRef {
    line_ref(&file_lines(text), n).expect("a non-blank line")
}

/// The archive with `corrections` applied, read from `text`.
fn corrected(text: &str, corrections: &[Structural]) -> (Archive, StructureReport) {
    let mut archive = parsed(text);
    let owned = text.to_string();
    let report = apply(&mut archive, corrections, &move |_| Some(owned.clone()));
    let (placed, lines, _) = archive_coverage(&archive);
    assert_eq!(placed, lines, "every line placed exactly once");
    (archive, report)
}

/// Each article as (id, headline, body paragraphs).
fn tree(archive: &Archive) -> Vec<(String, Option<String>, Vec<String>)> {
    archive.issues[0]
        .articles()
        .map(|a: &Article| {
            (
                a.id.rsplit('/').next().unwrap().to_string(),
                a.headline.as_ref().map(|t| t.text.clone()),
                a.body.iter().map(|b| b.text.clone()).collect(),
            )
        })
        .collect()
}

fn t(id: &str, headline: Option<&str>, body: &[&str]) -> (String, Option<String>, Vec<String>) {
    (
        id.to_string(),
        headline.map(str::to_string),
        body.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn the_page_parses_as_the_tests_expect() {
    let (a, _) = corrected(PAGE, &[]);
    assert_eq!(
        tree(&a),
        [
            t(
                "1",
                Some("河边新建一座桥"),
                &["本报讯 3月3日，河边的新桥通车了。", "居民说方便多了。"]
            ),
            t(
                "2",
                Some("公园花开"),
                &["本报讯 春天到了，公园里的花都开了。", "游人很多。"]
            ),
            t(
                "3",
                Some("学校开学"),
                &["本报讯 今天学校开学了。", "学生们很高兴。"]
            ),
        ]
    );
    assert_eq!(a.issues[0].fragments.len(), 1);
}

#[test]
fn split_starts_a_new_article_at_the_line_and_keeps_the_other_ids() {
    let split = fix(
        PAGE,
        Correction::Split {
            at: at(PAGE, 7),
            role: Some(Role::Headline),
        },
    );
    let (a, report) = corrected(PAGE, &[split]);
    assert_eq!(
        tree(&a),
        [
            t(
                "1",
                Some("河边新建一座桥"),
                &["本报讯 3月3日，河边的新桥通车了。"]
            ),
            t("1b", Some("居民说方便多了。"), &[]),
            t(
                "2",
                Some("公园花开"),
                &["本报讯 春天到了，公园里的花都开了。", "游人很多。"]
            ),
            t(
                "3",
                Some("学校开学"),
                &["本报讯 今天学校开学了。", "学生们很高兴。"]
            ),
        ]
    );
    assert_eq!(report.outcomes[0].created, ["2021-03-04/A1/1b"]);
    assert_eq!(
        report.outcomes[0].changed,
        ["2021-03-04/A1/1", "2021-03-04/A1/1b"]
    );
    assert!(report.outcomes[0].stale.is_none());
    // The first part keeps its byline; the articles untouched are equal.
    let first = a.issues[0].find_article("2021-03-04/A1/1").unwrap();
    assert_eq!(first.byline.reporters, ["王小明"]);
    let (before, _) = corrected(PAGE, &[]);
    assert_eq!(
        a.issues[0].find_article("2021-03-04/A1/3"),
        before.issues[0].find_article("2021-03-04/A1/3")
    );
    // Splitting at an article's first line changes nothing: stale.
    let again = fix(
        PAGE,
        Correction::Split {
            at: at(PAGE, 8),
            role: None,
        },
    );
    let (b, report) = corrected(PAGE, &[again]);
    assert!(
        report.outcomes[0]
            .stale
            .as_deref()
            .unwrap()
            .contains("already starts")
    );
    assert_eq!(tree(&b), tree(&before));
}

#[test]
fn merge_joins_the_previous_or_the_next_and_retires_the_id() {
    let merge = fix(
        PAGE,
        Correction::Merge {
            line: at(PAGE, 8),
            into: Toward::Previous,
        },
    );
    let (a, report) = corrected(PAGE, &[merge]);
    assert_eq!(
        tree(&a),
        [
            t(
                "1",
                Some("河边新建一座桥"),
                &[
                    "本报讯 3月3日，河边的新桥通车了。",
                    "居民说方便多了。",
                    "公园花开",
                    "本报讯 春天到了，公园里的花都开了。",
                    "游人很多。"
                ]
            ),
            t(
                "3",
                Some("学校开学"),
                &["本报讯 今天学校开学了。", "学生们很高兴。"]
            ),
        ]
    );
    assert_eq!(report.retired().collect::<Vec<_>>(), ["2021-03-04/A1/2"]);
    let next = fix(
        PAGE,
        Correction::Merge {
            line: at(PAGE, 8),
            into: Toward::Next,
        },
    );
    let (b, _) = corrected(PAGE, &[next]);
    let ids: Vec<String> = tree(&b).into_iter().map(|x| x.0).collect();
    assert_eq!(ids, ["1", "3"]);
    // The joined article reads in page order: the first headline leads,
    // the second is a subhead within; the id is the one that stays.
    assert_eq!(tree(&b)[1].1.as_deref(), Some("公园花开"));
    assert_eq!(tree(&b)[1].2[2], "学校开学");
    // Nothing before the first article.
    let none = fix(
        PAGE,
        Correction::Merge {
            line: at(PAGE, 4),
            into: Toward::Previous,
        },
    );
    assert!(corrected(PAGE, &[none]).1.outcomes[0].stale.is_some());
}

#[test]
fn a_byline_given_to_the_next_article_moves_back_and_is_read_again() {
    // The parser gives a byline under an article's text to the article
    // below it (a byline printed above a headline is common).
    let page = PAGE.replace("游人很多。", "通讯员 赵六");
    let article = |a: &Archive, n: u32| {
        a.issues[0]
            .find_article(&format!("2021-03-04/A1/{n}"))
            .unwrap()
            .clone()
    };
    let (parsed_page, _) = corrected(&page, &[]);
    assert_eq!(article(&parsed_page, 3).byline.correspondents, ["赵六"]);
    let back = fix(
        &page,
        Correction::Move {
            first: at(&page, 10),
            last: at(&page, 10),
            into: at(&page, 8),
        },
    );
    let (moved, _) = corrected(&page, &[back]);
    assert_eq!(article(&moved, 2).byline.correspondents, ["赵六"]);
    assert!(article(&moved, 3).byline.is_empty());
    assert_eq!(
        article(&moved, 3).headline.as_ref().unwrap().text,
        "学校开学"
    );
    // Set to body, the name is no byline's; set back, it is read again.
    let role = |role| {
        fix(
            &page,
            Correction::SetRole {
                line: at(&page, 10),
                role,
            },
        )
    };
    let (body, _) = corrected(&page, &[role(Role::Body)]);
    assert!(article(&body, 3).byline.is_empty());
    assert_eq!(
        article(&body, 3).headline.as_ref().unwrap().text,
        "学校开学"
    );
    let (again, report) = corrected(&page, &[role(Role::Body), role(Role::Byline)]);
    assert!(report.stale().next().is_none(), "{report:?}");
    assert_eq!(article(&again, 3).byline.correspondents, ["赵六"]);
}

#[test]
fn roles_move_lines_to_the_fragments_the_masthead_or_back() {
    // A body line is a fragment: out of its article.
    let out = fix(
        PAGE,
        Correction::SetRole {
            line: at(PAGE, 10),
            role: Role::Fragment,
        },
    );
    let (a, _) = corrected(PAGE, std::slice::from_ref(&out));
    assert_eq!(tree(&a)[1].2, ["本报讯 春天到了，公园里的花都开了。"]);
    assert!(a.issues[0].fragments.iter().any(|f| f.text == "游人很多。"));
    // The page number is a caption: into the article above it.
    let caption = fix(
        PAGE,
        Correction::SetRole {
            line: at(PAGE, 12),
            role: Role::Caption,
        },
    );
    let (b, _) = corrected(PAGE, &[caption]);
    let second = b.issues[0].find_article("2021-03-04/A1/2").unwrap();
    assert_eq!(second.captions[0].text, "3");
    assert!(b.issues[0].fragments.is_empty());
    // A headline is a subhead of its article.
    let sub = fix(
        PAGE,
        Correction::SetRole {
            line: at(PAGE, 8),
            role: Role::Masthead,
        },
    );
    let (c, _) = corrected(PAGE, &[sub]);
    assert_eq!(
        c.issues[0].pages[0]
            .masthead_lines
            .iter()
            .filter(|s| s.first == 8)
            .count(),
        1
    );
}

#[test]
fn move_takes_a_fragment_or_a_run_of_lines_into_an_article() {
    let frag = fix(
        PAGE,
        Correction::Move {
            first: at(PAGE, 12),
            last: at(PAGE, 12),
            into: at(PAGE, 14),
        },
    );
    let (a, _) = corrected(PAGE, &[frag]);
    assert!(a.issues[0].fragments.is_empty());
    let third = a.issues[0].find_article("2021-03-04/A1/3").unwrap();
    assert_eq!(
        third.captions[0].text, "3",
        "a fragment comes in as a caption"
    );
    assert_eq!(tree(&a)[2], tree(&parsed(PAGE))[2]);
    // A whole article's lines moved away: its id is retired.
    let run = fix(
        PAGE,
        Correction::Move {
            first: at(PAGE, 8),
            last: at(PAGE, 10),
            into: at(PAGE, 4),
        },
    );
    let (b, report) = corrected(PAGE, &[run]);
    assert_eq!(report.outcomes[0].retired, ["2021-03-04/A1/2"]);
    let ids: Vec<String> = tree(&b).into_iter().map(|x| x.0).collect();
    assert_eq!(ids, ["1", "3"]);
}

#[test]
fn undo_is_the_log_without_its_last_correction() {
    let split = fix(
        PAGE,
        Correction::Split {
            at: at(PAGE, 7),
            role: None,
        },
    );
    let merge = fix(
        PAGE,
        Correction::Merge {
            line: at(PAGE, 14),
            into: Toward::Previous,
        },
    );
    let (both, _) = corrected(PAGE, &[split.clone(), merge]);
    let (undone, _) = corrected(PAGE, std::slice::from_ref(&split));
    let (only_split, _) = corrected(PAGE, &[split]);
    assert_ne!(tree(&both), tree(&undone));
    assert_eq!(tree(&undone), tree(&only_split));
    let (none, _) = corrected(PAGE, &[]);
    assert_eq!(none, parsed(PAGE));
}

#[test]
fn a_changed_line_is_stale_and_a_moved_one_is_found_by_its_text() {
    let split = fix(
        PAGE,
        Correction::Split {
            at: at(PAGE, 7),
            role: None,
        },
    );
    // The line's text changed: applied nowhere.
    let edited = PAGE.replace("居民说方便多了。", "居民说很方便。");
    let (a, report) = corrected(&edited, std::slice::from_ref(&split));
    assert!(
        report.outcomes[0]
            .stale
            .as_deref()
            .unwrap()
            .contains("changed")
    );
    assert_eq!(a, parsed(&edited));
    // Two lines added above it: the same line, found by its text.
    let shifted = PAGE.replacen("\n\n", "\n\n附加一行\n\n", 1);
    let (b, report) = corrected(&shifted, &[split]);
    assert!(report.outcomes[0].stale.is_none(), "{report:?}");
    let new = b.issues[0]
        .find_article("2021-03-04/A1/1b")
        .expect("split off");
    assert_eq!(new.body[0].text, "居民说方便多了。");
    assert_eq!(new.lines.first, 9);
}

/// The same page read by a parser with another profile: a correction is
/// applied to its own line or reported stale — never to another line.
#[test]
fn a_correction_survives_a_re_parse_by_a_changed_parser() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/001_116e626ffbbcf756.txt"
    ))
    .unwrap();
    let lines = file_lines(&seed);
    let load = |profiles: &kanbao::profile::Profiles| {
        let opts = LoadOptions {
            profiles: Some(profiles),
            ..LoadOptions::default()
        };
        load_texts("t", &[("p.txt", seed.as_bytes())], &opts)
    };
    let builtin = kanbao::profile::Profiles::builtin();
    // A parser that knows no role word of these pages' bylines and none of
    // their datelines: bylines and article starts read otherwise.
    let mut papers = builtin.papers.clone();
    for p in &mut papers {
        p.roles = [("撰稿".to_string(), kanbao::profile::Role::Reporter)].into();
        p.local_dateline_marker = "本刊讯".into();
    }
    let generic = kanbao::profile::Profiles::new(papers);
    let (by_builtin, by_generic) = (load(&builtin), load(&generic));
    assert_ne!(by_builtin, by_generic, "the profile changes the parse");
    // Split the longest article of the builtin parse at a line in its body.
    let longest = by_builtin.issues[0]
        .articles()
        .max_by_key(|a| a.body.len())
        .unwrap();
    let n = longest.body[longest.body.len() / 2].lines.first;
    let want = lines[n as usize - 1].clone();
    let split = fix(
        &seed,
        Correction::Split {
            at: line_ref(&lines, n).unwrap(),
            role: None,
        },
    );
    for mut archive in [by_builtin, by_generic] {
        let text = seed.clone();
        let report = apply(&mut archive, std::slice::from_ref(&split), &move |_| {
            Some(text.clone())
        });
        let (placed, total, _) = archive_coverage(&archive);
        assert_eq!(placed, total);
        match &report.outcomes[0].stale {
            None => {
                let id = &report.outcomes[0].created[0];
                let new = archive.issues[0].find_article(id).unwrap();
                assert_eq!(new.lines.first, n, "starts at the line it was made on");
                let first_text = new.body.first().map(|b| b.text.as_str()).unwrap_or("");
                assert!(first_text.starts_with(want.trim()), "{first_text}");
            }
            Some(why) => assert!(why.contains("already starts"), "{why}"),
        }
    }
}
