//! Byline grammar (datelines, which may carry a byline, are in `dateline`).
//!
//! Bylines: `[outlet]ROLE[sep]NAME[ NAME…][ ROLE[sep]NAME…]`, where ROLE is a
//! profile role word (记者, 通讯员, 实习生), sep is `/`, `：` or a space, and a
//! NAME is two to four Han characters (longer with a middle dot for
//! transliterated names). Both `株洲日报记者 X` on its own line and the
//! parenthesised `(记者/X 通讯员/Y)` inside a dateline are this grammar.
//!
//! Datelines: `OUTLET讯[(byline)] [M月D日]` for the paper's own reports and
//! `AGENCY[PLACE]M月D日电` for wire copy.

use super::shape::{char_len, is_han};
use crate::profile::{Profiles, Role};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BylineParts {
    /// The outlet before the first role word, resolved through the profiles
    /// when it names a known paper (OCR variants included).
    pub outlet: Option<String>,
    pub paper: Option<String>,
    pub reporters: Vec<String>,
    pub correspondents: Vec<String>,
    pub interns: Vec<String>,
    /// Names signed with no role word (`刘  瑾`, `樊小杰  孔令华`).
    pub writers: Vec<String>,
    /// Signed by a role that needs no name (本报评论员).
    pub signed: bool,
    /// The outlet when it is a news agency (`新华社记者 X`).
    pub agency: Option<String>,
}

impl BylineParts {
    fn push(&mut self, role: Role, name: String) {
        let list = match role {
            Role::Reporter => &mut self.reporters,
            // A commentator writes the paper's opinion; no report is filed.
            Role::Commentator => &mut self.writers,
            Role::Correspondent => &mut self.correspondents,
            Role::Intern => &mut self.interns,
        };
        if !list.contains(&name) {
            list.push(name);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.reporters.is_empty()
            && self.correspondents.is_empty()
            && self.interns.is_empty()
            && self.writers.is_empty()
    }
}

fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・')
}

fn is_separator(c: char) -> bool {
    matches!(c, '/' | '／' | '：' | ':')
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\t')
}

fn is_name_gap(c: char) -> bool {
    is_space(c) || matches!(c, '、' | '，' | ',')
}

fn role_at<'p>(s: &str, profiles: &'p Profiles) -> Option<(&'p str, Role)> {
    let c = s.chars().next()?;
    profiles
        .roles_starting(c)
        .iter()
        .find(|(w, _)| s.starts_with(w.as_str()))
        .map(|(w, r)| (w.as_str(), *r))
}

/// A person's name: 2–4 Han characters, or a dotted transliteration.
pub(super) fn is_name(s: &str) -> bool {
    let n = char_len(s);
    if s.chars().any(is_name_dot) {
        return (3..=12).contains(&n)
            && s.chars().all(|c| is_han(c) || is_name_dot(c))
            && !s.starts_with(is_name_dot)
            && !s.ends_with(is_name_dot);
    }
    (2..=4).contains(&n) && s.chars().all(is_han)
}

/// An outlet before the first role word: a short run of Han characters, dots
/// and Latin letters (`株洲日报`, `株珠日报·掌上株珠`, `本报`), or nothing.
pub(super) fn is_outlet(s: &str) -> bool {
    let n = char_len(s);
    n <= 16
        && s.chars()
            .all(|c| is_han(c) || is_name_dot(c) || c.is_ascii_alphabetic())
}

/// Parses a whole line (or parenthesised group) as a byline.
pub fn parse_byline(text: &str, profiles: &Profiles) -> Option<BylineParts> {
    let mut t = text.trim();
    // 48 characters are at most 192 bytes: most body lines leave here.
    if t.len() > 192 {
        return None;
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            t = inner.trim();
        }
    }
    // `報導．攝影╱王小明`: roles, a slash, names; `甲乙口述 記者王小明採訪整理`
    // (see `slash_credit`).
    // A slash credit is 40 characters at most.
    if t.len() <= 160
        && super::slash_credit::may_hold_one(t)
        && let Some(parts) = super::slash_credit::slash_credit(t, profiles)
    {
        return Some(parts);
    }
    // `文/图 株洲日报记者 张三`: who wrote and who photographed is one person.
    for credit in ["文/图", "文／图", "图/文", "图／文", "文图/", "文/", "文／"] {
        if let Some(rest) = t.strip_prefix(credit) {
            t = rest.trim_start();
            break;
        }
    }
    // `记者 张三 李四 报道`, `本报记者 张三 摄`: the verb closing the
    // credit is no name.
    // Most lines asked end otherwise: look only when the last character can
    // close such a verb.
    // `（记者 张三 文/图）`: the credit after the names, too.
    let verbs: &[&str] = if t.ends_with(['道', '写', '影', '摄', '理', '图', '文']) {
        &[
            "摄影报道",
            "综合报道",
            "报道",
            "采写",
            "摄影",
            "摄",
            "整理",
            "文/图",
            "文／图",
            "图/文",
            "图／文",
        ]
    } else {
        &[]
    };
    for verb in verbs {
        if let Some(rest) = t.strip_suffix(verb)
            && rest.ends_with(is_name_gap)
        {
            t = rest.trim_end();
            break;
        }
    }
    // `本报特约记者 张三 北京报道`: where it was filed from, then the verb.
    if let Some(rest) = t.strip_suffix("报道")
        && let Some(gap) = rest.rfind(is_name_gap)
        && (1..=4).contains(&char_len(rest[gap..].trim_start_matches(is_name_gap)))
        && rest[gap..]
            .trim_start_matches(is_name_gap)
            .chars()
            .all(is_han)
    {
        t = rest[..gap].trim_end();
    }
    if t.is_empty() || char_len(t) > 48 {
        return None;
    }
    // Find the first role word; what precedes it is the outlet.
    let Some((role_pos, _)) = t
        .char_indices()
        .find(|&(i, c)| profiles.may_start_role(c) && role_at(&t[i..], profiles).is_some())
    else {
        return bracketed_names(text, t);
    };
    let outlet = t[..role_pos].trim();
    if !is_outlet(outlet) {
        return None;
    }
    let mut parts = BylineParts {
        outlet: (!outlet.is_empty()).then(|| outlet.to_string()),
        paper: profiles.paper_in(outlet).map(str::to_string),
        // An agency's own reporters (新华社记者 X); the paper's own 报社 is not one.
        agency: agency_in(outlet, profiles)
            .filter(|a| a.len() == outlet.len() && profiles.paper_in(outlet).is_none())
            .map(str::to_string),
        ..Default::default()
    };
    let mut rest = &t[role_pos..];
    while !rest.is_empty() {
        let (word, role) = role_at(rest, profiles)?;
        rest = &rest[word.len()..];
        rest = rest.trim_start_matches(|c| is_separator(c) || is_space(c));
        let mut names = 0;
        loop {
            if rest.is_empty() || role_at(rest, profiles).is_some() {
                break;
            }
            let end = rest
                .char_indices()
                .find(|&(_, c)| is_name_gap(c) || is_separator(c))
                .map(|(i, _)| i)
                .unwrap_or(rest.len());
            let mut name = &rest[..end];
            // `王五通讯员` with no gap: the next role word ends the name.
            if let Some((i, _)) = name
                .char_indices()
                .skip(1)
                .find(|&(i, _)| role_at(&name[i..], profiles).is_some())
            {
                name = &name[..i];
            }
            // `张  洋`: e-papers pad a two-character name to the width of a
            // three-character one.
            if let Some((padded, used)) = padded_name(rest) {
                parts.push(role, padded);
                names += 1;
                rest = rest[used..].trim_start_matches(is_name_gap);
                continue;
            }
            if !is_name(name) {
                return None;
            }
            parts.push(role, name.to_string());
            names += 1;
            rest = &rest[name.len()..];
            rest = rest.trim_start_matches(is_name_gap);
        }
        // `本报评论员` signs without a name; so does an agency's `新华社记者`
        // standing alone (the names follow, or the agency is all it says).
        let unnamed_ok = rest.is_empty() && (role == Role::Commentator || parts.agency.is_some());
        if names == 0 && !unnamed_ok {
            return None;
        }
        if role == Role::Commentator {
            parts.signed = true;
        }
    }
    (!parts.is_empty() || parts.signed || parts.agency.is_some()).then_some(parts)
}

/// A two-character name padded with spaces at the start of `s` (`张  洋`,
/// `常  钦  李晓晴`): two single Han characters with only spaces between,
/// each standing alone. Returns the name and the bytes it used.
fn padded_name(s: &str) -> Option<(String, usize)> {
    let single = |t: &str| -> Option<(char, usize)> {
        let mut it = t.char_indices();
        let (_, c) = it.next()?;
        let after = it.next();
        let alone = match after {
            None => true,
            Some((_, next)) => is_name_gap(next) || is_separator(next),
        };
        (is_han(c) && alone).then_some((c, c.len_utf8()))
    };
    let (a, la) = single(s)?;
    let gap = s[la..].len() - s[la..].trim_start_matches(is_space).len();
    if gap == 0 {
        return None;
    }
    let (b, lb) = single(&s[la + gap..])?;
    Some((format!("{a}{b}"), la + gap + lb))
}

/// A signature standing alone under a title: a padded two-character name
/// (`刘  瑾`). An unpadded name alone is not enough: a short label reads the
/// same (see [`names_only`] for where one is).
pub fn signature(text: &str) -> Option<BylineParts> {
    // Two characters and padding: every line is asked, leave long ones.
    if text.len() > 24 {
        return None;
    }
    let t = text.trim();
    let (name, used) = padded_name(t)?;
    (used == t.len()).then(|| BylineParts {
        writers: vec![name],
        ..Default::default()
    })
}

/// `文/张三 图/李四`: who wrote and who photographed, with no role word; both
/// are the article's reporters, as a photographer's credit is. `文/张三`
/// alone, with no picture credit beside it, signs an essay: its writer
/// (a supplement's column prints its authors so).
pub fn text_and_picture_credit(text: &str) -> Option<BylineParts> {
    let t = text.trim();
    if t.len() > 96 {
        return None;
    }
    let mut reporters = Vec::new();
    let mut picture = false;
    for part in t.split(|c: char| is_space(c)).filter(|p| !p.is_empty()) {
        picture |= part.starts_with(['图']);
        let names = ["文/", "文／", "图/", "图／"]
            .iter()
            .find_map(|k| part.strip_prefix(k));
        match names {
            Some(n) if is_name(n) => reporters.push(n.to_string()),
            // A second name after a credit: `文/张三 李四`.
            None if !reporters.is_empty() && is_name(part) => reporters.push(part.to_string()),
            _ => return None,
        }
    }
    if reporters.is_empty() {
        return None;
    }
    Some(if picture {
        BylineParts {
            reporters,
            ..Default::default()
        }
    } else {
        BylineParts {
            writers: reporters,
            ..Default::default()
        }
    })
}

/// A line of names and nothing else: `田正平`, `樊小杰  孔令华`,
/// `岳宗德  李  明` (names of two or three characters, two-character ones
/// possibly padded), at most six. Shape alone cannot tell `田正平` from a
/// three-character label; the caller decides by where the line stands.
pub fn names_only(text: &str) -> Option<Vec<String>> {
    let mut rest = text.trim();
    let mut names = Vec::new();
    while !rest.is_empty() {
        if let Some((name, used)) = padded_name(rest) {
            names.push(name);
            rest = rest[used..].trim_start_matches(is_space);
            continue;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        let name = &rest[..end];
        // Two or three characters, or a dotted transliteration.
        let short_or_dotted = char_len(name) <= 3 || name.chars().any(is_name_dot);
        if !(is_name(name) && short_or_dotted) {
            return None;
        }
        names.push(name.to_string());
        rest = rest[end..].trim_start_matches(is_space);
    }
    (1..=6).contains(&names.len()).then_some(names)
}

/// `（张三 李四）` closing an article: names alone in brackets are its
/// writers. Not an outlet (`（新华社）`) and never without the brackets.
fn bracketed_names(text: &str, inner: &str) -> Option<BylineParts> {
    let t = text.trim();
    let bracketed =
        (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('（') && t.ends_with('）'));
    if !bracketed {
        return None;
    }
    let names: Vec<&str> = inner.split(is_name_gap).filter(|n| !n.is_empty()).collect();
    let all_names = (1..=4).contains(&names.len())
        && names.iter().all(|n| {
            is_name(n)
                && !n.ends_with(['社', '报', '台', '网', '讯', '电'])
                && !n.contains(['续', '完'])
        });
    all_names.then(|| BylineParts {
        reporters: names.iter().map(|n| n.to_string()).collect(),
        ..Default::default()
    })
}

/// The agency at the start of `source`: a profile agency, or a short name
/// ending in 社 (news agencies are 社).
pub(super) fn agency_in<'a>(source: &'a str, profiles: &Profiles) -> Option<&'a str> {
    // `据新华社…电`: "according to" is not part of the agency's name.
    let source = source.strip_prefix('据').unwrap_or(source);
    if let Some(a) = profiles
        .papers
        .iter()
        .flat_map(|p| p.agencies.iter())
        .find(|a| source.starts_with(a.as_str()))
    {
        return Some(&source[..a.len()]);
    }
    // News sites date their copy as agencies do (`人民网北京3月5日电`).
    let (at, c) = source
        .char_indices()
        .find(|&(_, c)| matches!(c, '社' | '网' | '網'))?;
    let end = at + c.len_utf8();
    (char_len(&source[..end]) <= 6).then_some(&source[..end])
}

#[cfg(test)]
mod tests {
    use super::super::dateline::*;
    use super::*;

    fn p() -> Profiles {
        Profiles::builtin()
    }

    #[test]
    fn byline_on_its_own_line() {
        let b = parse_byline("株洲日报记者 刘毅", &p()).unwrap();
        assert_eq!(b.reporters, ["刘毅"]);
        assert_eq!(b.paper.as_deref(), Some("株洲日报"));
        let b = parse_byline("通讯员/管丽 陈楚杰", &p()).unwrap();
        assert_eq!(b.correspondents, ["管丽", "陈楚杰"]);
        let b = parse_byline("株洲日报记者 叶新福 胡文洁", &p()).unwrap();
        assert_eq!(b.reporters, ["叶新福", "胡文洁"]);
        let b = parse_byline("株珠日报·掌上株珠记者/旷昆红 通讯员/莫艳琼", &p()).unwrap();
        assert_eq!(b.reporters, ["旷昆红"]);
        assert_eq!(b.correspondents, ["莫艳琼"]);
        assert_eq!(b.paper.as_deref(), Some("株洲日报"));
        let b = parse_byline("（记者 王小明 实习生 李四）", &p()).unwrap();
        assert_eq!(b.reporters, ["王小明"]);
        assert_eq!(b.interns, ["李四"]);
    }

    #[test]
    fn sentences_are_not_bylines() {
        assert!(parse_byline("记者从市卫健委疾控科获悉", &p()).is_none());
        assert!(parse_byline("株洲日报记者", &p()).is_none());
        assert!(parse_byline("市领导何剑波、何朝晖参加座谈。", &p()).is_none());
    }

    #[test]
    fn local_datelines() {
        let d =
            parse_dateline("株洲日报讯 1月6日，芦淞区与萍乡市安源区签订合作协议", &p()).unwrap();
        assert_eq!(d.text, "株洲日报讯 1月6日");
        assert_eq!(d.month_day, Some((1, 6)));
        assert_eq!(d.paper.as_deref(), Some("株洲日报"));
        let d = parse_dateline(
            "株珠日报·掌上株珠讯(记者/刘琼 通讯员/朱卫健) 1月6日,记者从市卫健委获悉",
            &p(),
        )
        .unwrap();
        assert_eq!(d.text, "株珠日报·掌上株珠讯 1月6日");
        assert_eq!(d.paper.as_deref(), Some("株洲日报"));
        let b = d.byline.unwrap();
        assert_eq!(b.reporters, ["刘琼"]);
        assert_eq!(b.correspondents, ["朱卫健"]);
        let d = parse_dateline("株洲日报讯 主动下访，把心贴近人民。", &p()).unwrap();
        assert_eq!(d.month_day, None);
        // 通讯员 is not a dateline, nor is 通讯 inside a word
        assert!(parse_dateline("通讯员/张凌坤", &p()).is_none());
        assert!(parse_dateline("中国移动通讯公司发布公告。", &p()).is_none());
    }

    #[test]
    fn wire_datelines() {
        let d = parse_dateline("新华社北京1月9日电 中共中央总书记", &p()).unwrap();
        assert_eq!(d.text, "新华社北京1月9日电");
        assert_eq!(d.agency.as_deref(), Some("新华社"));
        assert_eq!(d.month_day, Some((1, 9)));
        let d = parse_dateline("中新社上海3月2日电（记者 张三）上海市", &p()).unwrap();
        assert_eq!(d.agency.as_deref(), Some("中新社"));
        assert_eq!(d.byline.unwrap().reporters, ["张三"]);
        assert!(parse_dateline("今天下午停电", &p()).is_none());
    }
}
