//! Credits with a slash, as papers in traditional characters (Taiwan, Hong
//! Kong) print them: the roles before the slash and the names after it
//! (`報導．攝影╱王小明`, `報導╱甲乙、丙丁`), or the reporters before it and
//! where they filed from after it (`【王小明╱台北報導】`,
//! `記者王小明／台北報導`). The slash is `╱`, `／` or `/`. And the credit of
//! an interview told to a reporter, slashed or not
//! (`甲乙口述 記者王小明採訪整理`, `甲乙╱口述．王小明╱採訪`): the reporter
//! is the one who took it down.
//!
//! Role words alone decide nothing here: a credit needs a reporting role
//! (報導, 採訪, 撰文, 編譯, in either script) or the closing `報導` of the
//! second form, so `文/张三` and `图/李四` keep their own grammar (see
//! `byline::text_and_picture_credit`).

use super::byline::{BylineParts, is_name, parse_byline};
use super::shape::{char_len, is_han};
use crate::profile::Profiles;

const SLASHES: [char; 3] = ['╱', '／', '/'];

/// Could `s` hold a slash credit: a `/`, `╱`, `／` or `述` (of 口述)? Every
/// short line is asked, so the searchers are made once: `str::contains`
/// with a non-ASCII character sets up a string search each time, which
/// cost the load of 300 generated issues 17M instructions (cachegrind),
/// and a hand loop over the bytes more.
pub fn may_hold_one(s: &str) -> bool {
    static WIDE: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::LazyLock::new(|| {
            ["╱", "／", "述"].map(|c| memchr::memmem::Finder::new(c.as_bytes()))
        });
    let b = s.as_bytes();
    memchr::memchr(b'/', b).is_some() || WIDE.iter().any(|f| f.find(b).is_some())
}

/// Role words of the first form; those that make a reporter first.
const REPORTING: &[&str] = &[
    "報導", "报道", "報道", "採訪", "采访", "撰文", "編譯", "编译",
];
const OTHER_ROLES: &[&str] = &["攝影", "摄影", "文字", "整理", "圖", "图", "文"];

/// What may stand between two role words: a dot of any kind, a comma, a
/// space — or a `?` where a lost dot was saved as one.
fn is_role_gap(c: char) -> bool {
    matches!(
        c,
        '．' | '.' | '、' | '˙' | '·' | '・' | '‧' | '?' | ' ' | '\u{3000}'
    )
}

/// The credit `text` is, whole; `None` when it is not one.
pub fn slash_credit(text: &str, profiles: &Profiles) -> Option<BylineParts> {
    let mut t = text.trim();
    for (open, close) in [
        ('【', '】'),
        ('〔', '〕'),
        ('[', ']'),
        ('（', '）'),
        ('(', ')'),
    ] {
        if let Some(inner) = t.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            t = inner.trim();
        }
    }
    if char_len(t) > 40 {
        return None;
    }
    if let Some(parts) = as_told(t) {
        return Some(parts);
    }
    let at = t.find(SLASHES)?;
    let (left, right) = (t[..at].trim(), t[at..].trim_start_matches(SLASHES).trim());
    roles_then_names(left, right, profiles).or_else(|| names_then_place(left, right))
}

/// Is the article signed by a slash credit: a credit line, a bracketed
/// dateline (`【王小明╱台北報導】`), or one run on after one of its first
/// paragraphs? A page that credits so puts a new article's credit in its
/// first lines.
pub(super) fn signed_with_one(a: &crate::model::Article, profiles: &Profiles) -> bool {
    let credit = |t: &str| may_hold_one(t) && slash_credit(t, profiles).is_some();
    let run_on = |t: &str| {
        let tail = &t[t.floor_char_boundary(t.len().saturating_sub(4 * 48))..];
        may_hold_one(tail)
            && tail
                .rfind(['。', '！', '？', '”', '」', '：'])
                .map(|i| &tail[i..])
                .and_then(|rest| rest.char_indices().nth(1).map(|(j, _)| &rest[j..]))
                .is_some_and(|rest| credit(rest.trim()))
    };
    a.byline.lines.iter().any(|l| credit(&l.text))
        || a.dateline.as_deref().is_some_and(credit)
        || a.body
            .iter()
            .take(3)
            .any(|b| credit(&b.text) || run_on(&b.text))
}

/// `報導．攝影╱王小明、實習記者李四`.
fn roles_then_names(left: &str, right: &str, profiles: &Profiles) -> Option<BylineParts> {
    let mut rest = left;
    let mut reporting = false;
    while !rest.is_empty() {
        let word = REPORTING
            .iter()
            .chain(OTHER_ROLES)
            .find(|w| rest.starts_with(**w))?;
        reporting |= REPORTING.contains(word);
        rest = rest[word.len()..].trim_start_matches(is_role_gap);
    }
    if !reporting {
        return None;
    }
    let mut parts = BylineParts::default();
    for piece in right
        .split(['、', '，', ',', ' ', '\u{3000}'])
        .filter(|p| !p.is_empty())
    {
        if is_name(piece) {
            if !parts.reporters.iter().any(|n| n == piece) {
                parts.reporters.push(piece.to_string());
            }
            continue;
        }
        // A second credit after the names: `…、實習記者李四`.
        let more = parse_byline(piece, profiles)?;
        for (list, names) in [
            (&mut parts.reporters, more.reporters),
            (&mut parts.correspondents, more.correspondents),
            (&mut parts.interns, more.interns),
        ] {
            list.extend(names);
        }
    }
    (!parts.is_empty()).then_some(parts)
}

/// `甲乙口述 記者王小明採訪整理`, `甲乙口述╱記者王小明採訪整理`,
/// `甲乙╱口述．王小明╱採訪`: the narrator, then the reporter who took it
/// down (the reporter is all the credit gives the article).
fn as_told(t: &str) -> Option<BylineParts> {
    let (narrator, after) = t.split_once("口述")?;
    let narrator = narrator.trim_end_matches(SLASHES).trim();
    if !is_name(narrator) {
        return None;
    }
    let rest = after.trim_start_matches(|c| SLASHES.contains(&c) || is_role_gap(c));
    let rest = rest
        .strip_prefix("記者")
        .or_else(|| rest.strip_prefix("记者"))
        .unwrap_or(rest);
    let name = ["採訪整理", "采访整理", "採訪", "采访", "整理"]
        .iter()
        .find_map(|v| rest.strip_suffix(v))?
        .trim_end_matches(|c| SLASHES.contains(&c) || is_role_gap(c));
    is_name(name).then(|| BylineParts {
        reporters: vec![name.to_string()],
        ..Default::default()
    })
}

/// `王小明╱台北報導`, `記者甲乙、丙丁／南投報導`.
fn names_then_place(left: &str, right: &str) -> Option<BylineParts> {
    let place = ["報導", "报道", "報道"]
        .iter()
        .find_map(|v| right.strip_suffix(v))?;
    if char_len(place) > 4 || !place.chars().all(is_han) {
        return None;
    }
    let names = left
        .strip_prefix("記者")
        .or_else(|| left.strip_prefix("记者"))
        .unwrap_or(left);
    let names: Vec<&str> = names
        .split(['、', '，', ',', ' ', '\u{3000}'])
        .filter(|n| !n.is_empty())
        .collect();
    ((1..=4).contains(&names.len()) && names.iter().all(|n| is_name(n))).then(|| BylineParts {
        reporters: names.iter().map(|n| n.to_string()).collect(),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(s: &str) -> Option<Vec<String>> {
        slash_credit(s, &Profiles::builtin()).map(|b| {
            let mut all = b.reporters;
            all.extend(b.interns);
            all
        })
    }

    #[test]
    fn roles_before_the_slash_and_names_after_it() {
        assert_eq!(credit("報導．攝影╱王小明").unwrap(), ["王小明"]);
        assert_eq!(credit("報導 攝影╱甲乙、丙丁").unwrap(), ["甲乙", "丙丁"]);
        assert_eq!(credit("報導?攝影╱王小明").unwrap(), ["王小明"]);
        assert_eq!(credit("報導攝影／王小明").unwrap(), ["王小明"]);
        assert_eq!(credit("报道/张三").unwrap(), ["张三"]);
        assert_eq!(
            credit("報導．攝影╱王小明、實習記者李四").unwrap(),
            ["王小明", "李四"]
        );
    }

    #[test]
    fn reporters_before_the_slash_and_where_they_filed_from_after_it() {
        assert_eq!(credit("【王小明╱台北報導】").unwrap(), ["王小明"]);
        assert_eq!(
            credit("〔記者甲乙、丙丁／南投報導〕").unwrap(),
            ["甲乙", "丙丁"]
        );
        assert_eq!(credit("記者王小明/綜合報導").unwrap(), ["王小明"]);
    }

    #[test]
    fn an_interview_told_to_a_reporter_credits_the_reporter() {
        assert_eq!(credit("甲乙口述 記者王小明採訪整理").unwrap(), ["王小明"]);
        assert_eq!(credit("甲乙口述╱記者王小明採訪整理").unwrap(), ["王小明"]);
        assert_eq!(credit("甲乙╱口述．王小明╱採訪").unwrap(), ["王小明"]);
        assert_eq!(credit("他的口述历史整理成书"), None);
    }

    #[test]
    fn other_slashes_are_no_credit() {
        assert_eq!(credit("攝影╱王小明"), None, "a photo credit alone");
        assert_eq!(
            credit("文/张三"),
            None,
            "the text credit has its own grammar"
        );
        assert_eq!(credit("記者/张三"), None, "the byline grammar reads it");
        assert_eq!(credit("2/3的病童難以康復"), None);
        assert_eq!(credit("報導╱這是一句很長的話而不是名字"), None);
        assert_eq!(credit("甲乙╱台北市政府發布的報告指出報導"), None);
    }
}
