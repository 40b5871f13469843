//! Byline and dateline grammar.
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
fn is_name(s: &str) -> bool {
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
fn is_outlet(s: &str) -> bool {
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The dateline as printed, without any byline inside it:
    /// `株洲日报讯 1月6日`, `新华社北京1月9日电`.
    pub text: String,
    pub agency: Option<String>,
    /// The paper named by the outlet, resolved through the profiles.
    pub paper: Option<String>,
    pub byline: Option<BylineParts>,
    pub month_day: Option<(u32, u32)>,
    /// Printed in brackets (`【新华社延安二十五日电】`): such datelines also
    /// open the further dispatches under one headline.
    pub bracketed: bool,
}

/// Reads `M月D日` at the start of `s`; returns (month, day, bytes used).
pub fn month_day_at(s: &str) -> Option<(u32, u32, usize)> {
    let (m, rest) = digits(s)?;
    let rest = rest.strip_prefix('月')?;
    let (d, rest2) = digits(rest)?;
    let rest2 = rest2
        .strip_prefix('日')
        .or_else(|| rest2.strip_prefix('号'))?;
    let (m, d) = (m as u32, d as u32);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d, s.len() - rest2.len()))
}

fn digits(s: &str) -> Option<(u64, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_digit())
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    if end == 0 || end > 4 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// Splits a leading `(…)`/`（…）` group off `s`.
fn paren_group(s: &str) -> Option<(&str, &str)> {
    let close = if s.starts_with('(') {
        ')'
    } else if s.starts_with('（') {
        '）'
    } else {
        return None;
    };
    let end = s.find(close)?;
    Some((&s[..end + close.len_utf8()], &s[end + close.len_utf8()..]))
}

/// The longest start of `s` of at most `max` bytes that ends on a character
/// boundary: a head that surely holds the first `max / 4` characters,
/// found without walking them.
fn head_bytes(s: &str, max: usize) -> &str {
    &s[..s.floor_char_boundary(max)]
}

/// Recognises a dateline opening `line`: `株洲日报讯 1月6日`,
/// `新华社北京1月9日电`, or either in brackets before the text
/// (`【新华社延安二十五日电】`, `〔本报南京廿日電〕`, `【本报邢台讯】`).
pub fn parse_dateline(line: &str, profiles: &Profiles) -> Option<Dateline> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['【', '〔', '[']) {
        let close = head_bytes(rest, 4 * 32).find(['】', '〕', ']'])?;
        let inner = rest[..close].trim();
        let d = wire_dateline(inner, profiles).or_else(|| local_dateline(inner, profiles))?;
        return (d.text.len() == inner.len()).then_some(Dateline {
            bracketed: true,
            ..d
        });
    }
    local_dateline(t, profiles).or_else(|| wire_dateline(t, profiles))
}

/// `二十五日`, `廿七日`, `五月三日` closing `s` (a dateline's date in
/// Chinese numerals) → (month if printed, day, where the date starts).
fn chinese_date_at_end(s: &str) -> Option<(Option<u32>, u32, usize)> {
    const NUMERALS: &str = "〇一二三四五六七八九十廿卅";
    let value = |n: &str| -> Option<u32> {
        let n = n.replace('廿', "二十").replace('卅', "三十");
        super::masthead::chinese_number(&n)
    };
    let body = s.strip_suffix('日')?;
    let day_at = body
        .char_indices()
        .rev()
        .take_while(|(_, c)| NUMERALS.contains(*c))
        .last()
        .map(|(i, _)| i)?;
    let day = value(&body[day_at..]).filter(|d| (1..=31).contains(d))?;
    let before = &body[..day_at];
    if let Some(m) = before.strip_suffix('月') {
        let month_at = m
            .char_indices()
            .rev()
            .take_while(|(_, c)| NUMERALS.contains(*c))
            .last()
            .map(|(i, _)| i);
        if let Some(at) = month_at
            && let Some(month) = value(&m[at..]).filter(|m| (1..=12).contains(m))
        {
            return Some((Some(month), day, at));
        }
    }
    Some((None, day, day_at))
}

/// A dateline closing an article in brackets: `（新华社北京1月1日电）`,
/// `（据新华社电）`. Wire copy printed without an opening dateline ends so.
/// Several bureaus and their reporters may share it:
/// `（本报北京、曼谷、柏林3月24日电  记者甲、乙、丙）`.
pub fn closing_dateline(line: &str, profiles: &Profiles) -> Option<Dateline> {
    if line.len() > 4 * 80 {
        return None;
    }
    let t = line.trim();
    let inner = t
        .strip_prefix('（')
        .and_then(|r| r.strip_suffix('）'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))?
        .trim();
    let (at, marker) = profiles
        .wire_markers()
        .iter()
        .filter_map(|m| m.find(head_bytes(inner, 4 * 48)).map(|at| (at, m)))
        .min_by_key(|&(at, _)| at)?;
    let end = at + marker.text.len();
    // The places of several bureaus, listed, date one dispatch.
    let head = inner[..end].replace('、', "");
    let mut d = wire_dateline(&head, profiles)?;
    if d.text.len() != head.len() {
        return None;
    }
    d.text = inner[..end].to_string();
    let tail = inner[end..].trim();
    if !tail.is_empty() {
        d.byline = Some(parse_byline(tail, profiles)?);
    }
    Some(d)
}

/// `记者张三报道：`, `记者 张三 李四报道，` opening a dateline's text.
fn run_in_byline<'a>(s: &'a str, profiles: &Profiles) -> Option<(BylineParts, &'a str)> {
    let t = s.trim_start_matches([' ', '\u{3000}']);
    let head = head_bytes(t, 4 * 24);
    let at = head.find("报道")?;
    let tail = &t[at + "报道".len()..];
    let tail = tail.strip_prefix(['：', ':', '，', ','])?;
    let b = parse_byline(&t[..at], profiles)?;
    (!b.reporters.is_empty()).then_some((b, tail))
}

fn local_dateline(t: &str, profiles: &Profiles) -> Option<Dateline> {
    // The markers are found with memchr's searcher, not `str::find(char)`,
    // which stops at every byte equal to the character's last one — in
    // Chinese text, most bytes of a line.
    for m in profiles.local_markers() {
        let marker = &m.text;
        // The outlet is at most 24 characters (96 bytes): no need to search
        // a whole paragraph for the marker.
        let head = head_bytes(t, 4 * 24 + marker.len());
        let Some(pos) = m.find(head) else {
            continue;
        };
        let outlet = &t[..pos];
        let n = char_len(outlet);
        if !(2..=24).contains(&n) || !is_outlet(outlet) {
            continue;
        }
        let after = &t[pos + marker.len()..];
        // 通讯员 contains 讯; a dateline marker is followed by a space, a
        // bracketed byline, a date or the end of the line — never by more words.
        let next = after.chars().next();
        if !matches!(
            next,
            None | Some(' ' | '\u{3000}' | '(' | '（' | '0'..='9' | '，' | ',')
        ) {
            continue;
        }
        let mut rest = after;
        let mut byline = None;
        if let Some((group, tail)) = paren_group(rest.trim_start_matches([' ', '\u{3000}'])) {
            byline = parse_byline(group, profiles);
            rest = tail;
        } else if let Some((run_in, tail)) = run_in_byline(rest, profiles) {
            // `本报讯 记者张三报道：…`
            byline = Some(run_in);
            rest = tail;
        }
        let trimmed = rest.trim_start_matches([' ', '\u{3000}']);
        // `12月8日至11日`: a range is what the report is about (an event's
        // days), not the day it was filed.
        let month_day = month_day_at(trimmed).filter(|&(_, _, used)| {
            !trimmed[used..].starts_with(['至', '到', '—', '-', '~', '～', '－'])
        });
        let mut text = t[..pos + marker.len()].to_string();
        if let Some((_, _, used)) = month_day {
            text.push(' ');
            text.push_str(&trimmed[..used]);
        }
        return Some(Dateline {
            text,
            agency: None,
            paper: profiles
                .paper_in(outlet)
                .map(str::to_string)
                .or_else(|| byline.as_ref().and_then(|b: &BylineParts| b.paper.clone())),
            byline,
            month_day: month_day.map(|(m, d, _)| (m, d)),
            bracketed: false,
        });
    }
    None
}

fn wire_dateline(t: &str, profiles: &Profiles) -> Option<Dateline> {
    // Look for `…M月D日电` or `…社电` within the first 32 characters.
    let head = head_bytes(t, 4 * 32);
    for m in profiles.wire_markers() {
        let marker = &m.text;
        let Some(pos) = m.find(head) else {
            continue;
        };
        let before = &head[..pos];
        if before.is_empty()
            || !before.chars().all(|c| is_han(c) || c.is_ascii_digit())
            || char_len(before) + char_len(marker) > 32
        {
            continue;
        }
        // The date, if any, sits right before the marker.
        let date_start = before
            .char_indices()
            .find(|&(i, _)| {
                month_day_at(&before[i..]).is_some_and(|(_, _, used)| i + used == before.len())
            })
            .map(|(i, _)| i);
        // Or in Chinese numerals, the month often left out (`延安二十五日电`).
        let spelled = date_start
            .is_none()
            .then(|| chinese_date_at_end(before))
            .flatten();
        let (source, month_day) = match (date_start, spelled) {
            (Some(i), _) => (
                &before[..i],
                month_day_at(&before[i..]).map(|(m, d, _)| (m, d)),
            ),
            (None, Some((month, day, at))) => (&before[..at], month.map(|m| (m, day))),
            (None, None) => (before, None),
        };
        let dated = date_start.is_some() || spelled.is_some();
        let agency = agency_in(source, profiles);
        // `本报北京3月3日电`: the paper's own correspondent files as a wire
        // does (national dailies date their own reports so).
        // `某某特区报广州3月2日电（记者…）`: a paper without a profile files
        // as its own bureau does, its name shaped as a paper's, with a date.
        let unknown_paper = (dated && profiles.paper_in(source).is_none())
            .then(|| {
                source
                    .char_indices()
                    .filter(|&(_, c)| c == '报' || c == '報')
                    .map(|(i, c)| &source[..i + c.len_utf8()])
                    .find(|name| super::masthead::is_paper_shaped(name))
            })
            .flatten();
        let paper = profiles
            .paper_in(source)
            .map(str::to_string)
            .or(unknown_paper.map(str::to_string));
        let own = agency.is_none()
            && (source.starts_with("本报") || source.starts_with("本報") || paper.is_some());
        match agency {
            // `新华社北京电` without a date is fine; words with no date are not.
            Some(a) if !dated && a.len() != source.len() => continue,
            // `本报北京电  （记者…）`: undated, but only before a space or a
            // bracket (`本报收到来电称` is prose).
            None if !own
                || (!dated
                    && (char_len(source) > 8
                        || !t[pos + marker.len()..].starts_with([' ', '\u{3000}', '（', '(']))) =>
            {
                continue;
            }
            _ => {}
        }
        let byline = paren_group(t[pos + marker.len()..].trim_start_matches([' ', '\u{3000}']))
            .and_then(|(group, _)| parse_byline(group, profiles));
        return Some(Dateline {
            text: t[..pos + marker.len()].to_string(),
            agency: agency.map(str::to_string),
            paper,
            byline,
            month_day,
            bracketed: false,
        });
    }
    None
}

/// The agency at the start of `source`: a profile agency, or a short name
/// ending in 社 (news agencies are 社).
fn agency_in<'a>(source: &'a str, profiles: &Profiles) -> Option<&'a str> {
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
