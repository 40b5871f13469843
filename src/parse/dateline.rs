//! Dateline grammar: `OUTLET讯[(byline)] [M月D日]` for a paper's own
//! reports, `AGENCY[PLACE]M月D日电` for wire copy and a national daily's
//! bureaus, either in brackets (`【新华社延安二十五日电】`), and the
//! bracketed dateline closing a text (`（新华社北京1月1日电）`).

use super::byline::{BylineParts, agency_in, is_outlet, parse_byline};
use super::shape::{char_len, is_han};
use crate::profile::Profiles;

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
        // `【王小明╱台北報導】`: who filed it and from where.
        if let Some(b) = super::slash_credit::slash_credit(inner, profiles)
            && inner.ends_with(['導', '道'])
        {
            let closed = rest[close..].chars().next().map_or(0, char::len_utf8);
            return Some(Dateline {
                text: t[..t.len() - rest.len() + close + closed].to_string(),
                agency: None,
                paper: None,
                byline: Some(b),
                month_day: None,
                bracketed: true,
            });
        }
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
