//! The masthead block at the top of a front page: paper name, page label,
//! date, weekday, lunar date, issue number, page count, weather.
//!
//! It starts with a line that is the paper's name (or an OCR alias or its
//! Latin name) near the top of the page and runs while every line reads as a
//! masthead field. Masthead lines never become articles.

use super::shape::{char_len, is_han, segments};
use crate::model::{IssueDate, Masthead, Span};
use crate::profile::Profiles;

/// What one masthead line (or space-separated part of one) says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    PaperName(String),
    Boilerplate,
    PageLabel(String),
    PageName(String),
    YearMonth(i32, u32),
    FullDate(IssueDate),
    Day(u32),
    Weekday(String),
    Lunar(String),
    Number(u32),
    PageCount(u32),
    Weather(String),
    Temperature(String),
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// A page's label as a folio prints it: `A1`, `A01`, `第01版`, `第A3版`,
/// `A3版`, `第十二版` → `A1`, `A01`, `01`, `A3`, `A3`, `12`: the letters and
/// digits as printed, without `第`/`版`; a label in Chinese numerals becomes
/// digits.
pub fn page_label(s: &str) -> Option<String> {
    let t = s.trim();
    let (inner, framed) = match t.strip_prefix('第').and_then(|r| r.strip_suffix('版')) {
        Some(inner) => (inner.trim(), true),
        None => (t.strip_suffix('版').unwrap_or(t).trim(), t.ends_with('版')),
    };
    // `第2/3版`: a spread is labelled by both its pages, `2-3` (a slash
    // would split the ids built on the label).
    if framed && let Some((a, b)) = inner.split_once(['/', '-', '、']) {
        let a = page_label(&format!("第{a}版"))?;
        let b = page_label(&format!("第{b}版"))?;
        return Some(format!("{a}-{b}"));
    }
    let letters = inner.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = &inner[letters..];
    let max_digits = if framed { 3 } else { 2 };
    if letters <= 2
        && (letters > 0 || framed)
        && (1..=max_digits).contains(&digits.len())
        && all_digits(digits)
    {
        return Some(inner.to_string());
    }
    if framed && letters == 0 {
        return chinese_number(inner).map(|n| n.to_string());
    }
    None
}

/// `一` … `九十九` (as page numbers and the like are written) → the number.
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a).filter(|&d| d > 0),
        ['十', b] => digit(*b).map(|d| 10 + d),
        [a, '十'] => digit(*a).filter(|&d| d > 1).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a).filter(|&d| d > 1)? * 10 + digit(*b).filter(|&d| d > 0)?),
        _ => None,
    }
}

/// A folio: the page's label and, after it, the page's name:
/// `第01版：要闻`, `第A3版 综合新闻`, `A3 综合新闻`, `第11版` → (label, name).
/// The name is a short label (a few words, no sentence in it).
pub fn folio(s: &str) -> Option<(String, Option<String>)> {
    let t = s.trim();
    // A folio opens with 第 or its label: every short line is asked.
    if t.len() > 96 || !(t.starts_with('第') || t.starts_with(|c: char| c.is_ascii_alphanumeric()))
    {
        return None;
    }
    if let Some(label) = page_label(t) {
        return Some((label, None));
    }
    // The label ends at `版` (`第01版：要闻`) or at the first space (`A3 综合新闻`).
    let (head, name) = match t.find('版') {
        Some(i) if t.starts_with('第') || t.as_bytes()[0].is_ascii_uppercase() => {
            (&t[..i + '版'.len_utf8()], &t[i + '版'.len_utf8()..])
        }
        _ => t.split_once([' ', '\u{3000}'])?,
    };
    let label = page_label(head)?;
    let name = name
        .trim_start_matches([' ', '\u{3000}', '：', ':', '·', '|', '-'])
        .trim();
    let is_name = !name.is_empty()
        && char_len(name) <= 16
        && name.chars().any(is_han)
        && name.chars().all(|c| {
            is_han(c)
                || c.is_ascii_alphanumeric()
                || matches!(c, '·' | ' ' | '\u{3000}' | '（' | '）' | '/')
        });
    is_name.then(|| (label, Some(name.to_string())))
}

/// A line shaped like a paper's name (`某某日报`, `某某晚报`, `明報`), for
/// papers without a profile: a few Han characters ending in 报/報, or such a
/// name with its edition (`某某日报海外版`). Only trusted where a masthead
/// field (a date, a folio) stands beside it.
pub fn is_paper_shaped(s: &str) -> bool {
    let t = s.trim();
    // At most eight characters and an edition: leave long lines at once.
    if t.len() > 4 * 11 {
        return false;
    }
    let base = t.strip_suffix("海外版").unwrap_or(t);
    (2..=8).contains(&char_len(base)) && base.chars().all(is_han) && base.ends_with(['报', '報'])
}

/// `2019-03-05`, `2019/3/5`, `2019.03.05`: a date as e-paper exports print it.
fn numeric_date(s: &str) -> Option<Field> {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let ok = y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len());
    if !ok || !all_digits(y) || !all_digits(m) || !all_digits(d) {
        return None;
    }
    let date = IssueDate::ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    date.is_valid().then_some(Field::FullDate(date))
}

/// `2021年1月` or `2021年1月10日`.
fn year_month_day(s: &str) -> Option<Field> {
    let (y, rest) = s.split_once('年')?;
    if y.len() != 4 || !all_digits(y) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let (m, rest) = rest.split_once('月')?;
    if !all_digits(m) {
        return None;
    }
    let month: u32 = m.parse().ok()?;
    if rest.is_empty() {
        return (1..=12)
            .contains(&month)
            .then_some(Field::YearMonth(year, month));
    }
    let d = rest.strip_suffix('日')?;
    let date = IssueDate::ymd(year, month, d.parse().ok()?);
    date.is_valid().then_some(Field::FullDate(date))
}

const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
const BRANCHES: &str = "子丑寅卯辰巳午未申酉戌亥";

fn is_lunar(s: &str) -> bool {
    let mut c = s.chars();
    let (Some(a), Some(b), Some('年')) = (c.next(), c.next(), c.next()) else {
        return s.starts_with("农历");
    };
    STEMS.contains(a) && BRANCHES.contains(b)
}

fn number_between<'a>(s: &'a str, open: &str, close: &str) -> Option<u32> {
    let inner: &'a str = s.strip_prefix(open)?.strip_suffix(close)?.trim();
    all_digits(inner).then(|| inner.parse().ok()).flatten()
}

fn classify(seg: &str, profiles: &Profiles) -> Option<Field> {
    let s = seg.trim();
    if profiles.is_paper_name_line(s) {
        let name = profiles.paper_in(s).unwrap_or(s).to_string();
        return Some(Field::PaperName(name));
    }
    if let Some(label) = page_label(s) {
        return Some(Field::PageLabel(label));
    }
    // A paper without a profile names itself in the same place.
    if is_paper_shaped(s) {
        return Some(Field::PaperName(s.to_string()));
    }
    if let Some(f) = year_month_day(s).or_else(|| numeric_date(s)) {
        return Some(f);
    }
    if all_digits(s) && s.len() <= 2 {
        let d: u32 = s.parse().ok()?;
        return (1..=31).contains(&d).then_some(Field::Day(d));
    }
    if let Some(rest) = s.strip_prefix("星期").or_else(|| s.strip_prefix('周'))
        && char_len(rest) == 1
        && "一二三四五六日天".contains(rest)
    {
        return Some(Field::Weekday(s.to_string()));
    }
    if is_lunar(s) {
        return Some(Field::Lunar(s.to_string()));
    }
    if let Some(n) = number_between(s, "第", "期") {
        return Some(Field::Number(n));
    }
    for (open, close) in [("今日", "版"), ("本期", "版"), ("共", "版")] {
        if let Some(n) = number_between(s, open, close) {
            return Some(Field::PageCount(n));
        }
    }
    if s.contains("天气") {
        let value = s
            .split_once(['：', ':'])
            .map(|(_, v)| v.trim())
            .unwrap_or("");
        return Some(Field::Weather(value.to_string()));
    }
    if s.contains('℃') || s.starts_with("气温") {
        let value = s.trim_start_matches("气温").trim();
        return Some(Field::Temperature(value.to_string()));
    }
    // The publisher, registration and web-address lines mastheads carry.
    if [
        "主管",
        "主办",
        "出版物号",
        "邮发代号",
        "ISSN",
        "CN ",
        "www.",
        "http",
    ]
    .iter()
    .any(|k| s.contains(k))
    {
        return Some(Field::Boilerplate);
    }
    // An all-capitals Latin line is a paper's Latin name.
    if s.len() >= 4
        && s.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
        && !s.chars().any(is_han)
    {
        return Some(Field::Boilerplate);
    }
    None
}

/// Classifies a whole line: every space-separated part must be a field,
/// except that boilerplate lines may hold spaces of their own.
fn classify_line(line: &str, profiles: &Profiles) -> Option<Vec<Field>> {
    if let Some(f) = classify(line, profiles) {
        return Some(vec![f]);
    }
    if let Some((label, Some(name))) = folio(line) {
        return Some(vec![Field::PageLabel(label), Field::PageName(name)]);
    }
    // `第 22487 期` is one field: a space between 第 and its number, or
    // between a number and 期/版/号, does not separate fields (while the one
    // in `人民日报 2019年3月5日` does).
    let chars: Vec<char> = line.chars().collect();
    let squeezed: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let at = |j: Option<usize>| j.and_then(|j| chars.get(j)).copied();
            let (before, after) = (at(i.checked_sub(1)), at(Some(i + 1)));
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            let inside = (before == Some('第') && digit(after))
                || (digit(before) && matches!(after, Some('期' | '版' | '号')))
                || (digit(before) && digit(after));
            !(c == ' ' && inside)
        })
        .map(|(_, &c)| c)
        .collect();
    let parts = segments(&squeezed);
    if parts.len() < 2 {
        return None;
    }
    // `2019年03月05日 星期二 第01版：要闻`: a folio may close the line.
    let mut fields = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        match classify(p, profiles) {
            Some(f) => fields.push(f),
            None => {
                let (label, name) = folio(&parts[i..].join(" "))?;
                fields.push(Field::PageLabel(label));
                fields.extend(name.map(Field::PageName));
                break;
            }
        }
    }
    Some(fields)
}

/// Reads a masthead from the first non-blank lines of a page.
/// Returns the masthead and how many of `lines` it used.
pub fn parse_masthead(lines: &[(u32, &str)], profiles: &Profiles) -> Option<(Masthead, usize)> {
    // The paper's name must be among the first three lines: a known name,
    // or one shaped like a paper's name (checked below against the fields
    // beside it), alone or opening a line of fields (`人民日报 2019年3月5日
    // 第01版`).
    let names_paper = |l: &str| {
        let l = l.trim();
        let first = l.split([' ', '\u{3000}']).next().unwrap_or(l);
        let is_name = |s: &str| profiles.is_paper_name_line(s) || is_paper_shaped(s);
        is_name(l)
            || (first.len() < l.len() && is_name(first) && classify_line(l, profiles).is_some())
    };
    let named = lines.iter().take(3).position(|(_, l)| names_paper(l))?;
    // The date or the folio may stand above the name (`第01版：要闻` /
    // `人民日报`): the block starts at the first of them.
    let start = named
        - (0..named)
            .rev()
            .take_while(|&i| classify_line(lines[i].1, profiles).is_some())
            .count();
    let mut m = Masthead::default();
    let mut fields_seen = 0;
    let mut year_month: Option<(i32, u32)> = None;
    let mut day: Option<u32> = None;
    let mut weather: Vec<String> = Vec::new();
    let mut used = start;
    for &(n, line) in &lines[start..] {
        let Some(fields) = classify_line(line, profiles) else {
            break;
        };
        // A bare number is a day only right after the year and month.
        if fields.iter().any(|f| matches!(f, Field::Day(_)))
            && (year_month.is_none() || day.is_some())
        {
            break;
        }
        fields_seen += fields.len();
        for f in fields {
            match f {
                Field::PaperName(name) => {
                    m.paper.get_or_insert(name);
                }
                Field::Boilerplate => {}
                Field::PageLabel(l) => {
                    m.page_label.get_or_insert(l);
                }
                Field::PageName(name) => {
                    m.page_name.get_or_insert(name);
                }
                Field::YearMonth(y, mo) => year_month = Some((y, mo)),
                Field::FullDate(d) => m.date = Some(d),
                Field::Day(d) => day = Some(d),
                Field::Weekday(w) => m.weekday = Some(w),
                Field::Lunar(l) => m.lunar = Some(l),
                Field::Number(x) => m.number = Some(x),
                Field::PageCount(x) => m.page_count = Some(x),
                Field::Weather(w) | Field::Temperature(w) => {
                    if !w.is_empty() {
                        weather.push(w)
                    }
                }
            }
        }
        m.lines.push(Span::line(n));
        used += 1;
    }
    if let (None, Some((y, mo)), Some(d)) = (m.date, year_month, day) {
        let date = IssueDate::ymd(y, mo, d);
        if date.is_valid() {
            m.date = Some(date);
        }
    }
    if !weather.is_empty() {
        m.weather = Some(weather.join(" "));
    }
    // Lines skipped before the name (at most two) are not masthead lines; a
    // name alone is a headline-sized word, not a masthead.
    // A name only shaped like a paper's must stand beside a date or a folio.
    let known = m
        .paper
        .as_deref()
        .is_some_and(|p| profiles.is_paper_name_line(p));
    let confirmed = known || m.date.is_some() || m.page_label.is_some();
    (m.lines.len().max(fields_seen) >= 2 && confirmed).then_some((m, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_split_masthead() {
        let text = [
            "株洲日报",
            "ZHUZHOU DAILY",
            "中共株洲市委主管、主办",
            "国内统一连续出版物号 CN 43-0005",
            "A1",
            "今日城区天气：多云",
            "气温 1℃~6℃",
            "2021年1月",
            "10",
            "星期日",
            "庚子年十一月廿七",
            "第 22487 期",
            "今日4版",
            "芦淞安源两地政务服务“跨省通办”",
        ];
        let lines: Vec<(u32, &str)> = text
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u32 + 1, *l))
            .collect();
        let (m, used) = parse_masthead(&lines, &Profiles::builtin()).unwrap();
        assert_eq!(used, 13);
        assert_eq!(m.paper.as_deref(), Some("株洲日报"));
        assert_eq!(m.page_label.as_deref(), Some("A1"));
        assert_eq!(m.date, Some(IssueDate::ymd(2021, 1, 10)));
        assert_eq!(m.weekday.as_deref(), Some("星期日"));
        assert_eq!(m.lunar.as_deref(), Some("庚子年十一月廿七"));
        assert_eq!(m.number, Some(22487));
        assert_eq!(m.page_count, Some(4));
        assert_eq!(m.weather.as_deref(), Some("多云 1℃~6℃"));
    }

    #[test]
    fn one_line_masthead_and_ocr_alias() {
        let lines = [
            (1, "株珠日报"),
            (2, "2022年1月7日 星期五 第 22800 期"),
            (3, "标题"),
        ];
        let (m, used) = parse_masthead(&lines, &Profiles::builtin()).unwrap();
        assert_eq!(used, 2);
        assert_eq!(m.paper.as_deref(), Some("株洲日报"));
        assert_eq!(m.date, Some(IssueDate::ymd(2022, 1, 7)));
        assert_eq!(m.number, Some(22800));
    }

    #[test]
    fn no_masthead_without_the_name() {
        let lines = [
            (1, "市级激光先进制造工程技术研究中心揭牌"),
            (2, "株洲日报记者 高晓燕"),
        ];
        assert!(parse_masthead(&lines, &Profiles::builtin()).is_none());
    }
}
