//! What the generator recombines: the sample archive, parsed once by kanbao
//! itself and compiled into article templates whose officials' names, place
//! names, numbers and dates are slots filled per issue.
//!
//! Compiling once keeps generation cheap: an issue is rendered by copying
//! literal runs and formatting a few slots, never by re-scanning text.

use super::rng::{Day, Rng};
use kanbao::loader::{self, LoadOptions};
use kanbao::model::{ArticleKind, BlockKind, Issue};
use kanbao::parse::month_day_at;
use kanbao::parse::shape::{char_len, comma_count, ends_sentence, is_balanced, segments};

/// Officials and other people named in the sample's local reports. Each is
/// swapped for a generated name, consistently within one issue (a headline
/// and its body name the same person). National leaders in wire copy are
/// left alone: wire copy is kept as printed.
const PEOPLE: &[&str] = &[
    "毛腾飞",
    "阳卫国",
    "王洪斌",
    "彭建忠",
    "何朝晖",
    "周建光",
    "羊贵平",
    "李兆廷",
    "何剑波",
    "杨英杰",
    "张云志",
    "朱建纲",
    "王卫安",
    "杨玉芳",
    "李晓葵",
    "覃万成",
    "杨胜跃",
    "冯建湘",
    "文志强",
    "曹慧泉",
    "胡长春",
    "陈恢清",
    "田红旗",
    "李东林",
    "刘可安",
    "张媛媛",
    "李武宁",
    "郭学益",
    "付刚华",
    "王庭恺",
    "毛伟明",
    "蔡溪",
    "贺坚",
    "顾峰",
    "李智",
    "刘伟",
    "朱军",
    "王攀",
    "刘文",
];

/// Places of Zhuzhou, in groups of interchangeable names: districts, and
/// county-level cities and counties written without their suffix.
pub const PLACES: &[&[&str]] = &[
    &["芦淞", "荷塘", "石峰", "天元", "渌口"],
    &["醴陵", "茶陵", "炎陵"],
];

pub fn people_count() -> usize {
    PEOPLE.len()
}

/// One piece of compiled text.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Lit(Box<str>),
    /// A person from [`PEOPLE`], by index.
    Person(u8),
    /// A place: (group in [`PLACES`], index in the group).
    Place(u8, u8),
    /// A number of this many digits, redrawn per use.
    Num(u8),
    /// `YYYY年`: years from the sample issue's year.
    Year(i32),
    /// `YYYY年M月D日`: days from the sample issue's date.
    FullDate(i32),
    /// `M月D日`: days from the sample issue's date.
    MonthDay(i32),
}

/// Text with slots.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rich {
    pub segs: Vec<Seg>,
    /// Characters of the sample text it was compiled from.
    pub chars: usize,
}

/// How much of a text may vary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vary {
    /// Dates only (wire copy: printed as the agency sent it).
    Dates,
    /// Dates, people, places and numbers (the paper's own reports).
    All,
}

/// Compiles `text`, which the sample printed on `seed_day`.
fn compile(text: &str, seed_day: Day, vary: Vary) -> Rich {
    let mut segs = Vec::new();
    let mut lit = String::new();
    let flush = |lit: &mut String, segs: &mut Vec<Seg>| {
        if !lit.is_empty() {
            segs.push(Seg::Lit(std::mem::take(lit).into_boxed_str()));
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    'scan: while i < text.len() {
        let rest = &text[i..];
        if bytes[i].is_ascii_digit() {
            let run = rest.bytes().take_while(u8::is_ascii_digit).count();
            let digits = &rest[..run];
            let after = &rest[run..];
            // Codes and model numbers (CN 43-0005, S84, 5G, 298.20) stay.
            let code = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '-' | '/' | ':'))
            };
            if !code(text[..i].chars().next_back()) && !code(after.chars().next()) {
                if let Some((seg, used)) = date_at(rest, run, seed_day) {
                    flush(&mut lit, &mut segs);
                    segs.push(seg);
                    i += used;
                    continue;
                }
                // Counts and amounts vary; times and calendar numbers do not.
                let unit_follows = after.starts_with(['年', '月', '日', '号', '时', '点']);
                if vary == Vary::All && run >= 2 && !digits.starts_with('0') && !unit_follows {
                    flush(&mut lit, &mut segs);
                    segs.push(Seg::Num(run as u8));
                    i += run;
                    continue;
                }
            }
            lit.push_str(digits);
            i += run;
            continue;
        }
        if vary == Vary::All {
            if let Some(p) = PEOPLE.iter().position(|p| rest.starts_with(p)) {
                flush(&mut lit, &mut segs);
                segs.push(Seg::Person(p as u8));
                i += PEOPLE[p].len();
                continue;
            }
            for (g, group) in PLACES.iter().enumerate() {
                if let Some(p) = group.iter().position(|p| rest.starts_with(p)) {
                    flush(&mut lit, &mut segs);
                    segs.push(Seg::Place(g as u8, p as u8));
                    i += group[p].len();
                    continue 'scan;
                }
            }
        }
        let c = rest.chars().next().expect("not at the end");
        lit.push(c);
        i += c.len_utf8();
    }
    flush(&mut lit, &mut segs);
    Rich {
        segs,
        chars: char_len(text),
    }
}

/// A date at the start of `s` (whose first `run` bytes are digits): the slot
/// and the bytes it covers.
fn date_at(s: &str, run: usize, seed_day: Day) -> Option<(Seg, usize)> {
    let after = &s[run..];
    if run == 4
        && let Some(tail) = after.strip_prefix('年')
    {
        let year: i32 = s[..run].parse().ok()?;
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let used = run + '年'.len_utf8();
        if let Some((m, d, more)) = month_day_at(tail)
            && d <= kanbao::model::days_in_month(year, m)
        {
            let days = Day::ymd(year, m, d).0 - seed_day.0;
            return Some((Seg::FullDate(days as i32), used + more));
        }
        return Some((Seg::Year(year - seed_day.year()), used));
    }
    if after.starts_with('月') {
        let (m, d, used) = month_day_at(s)?;
        // The year is the sample issue's, or the one before when that puts
        // the date more than six weeks after the issue ("12月15日" in January).
        let year = seed_day.year();
        if d > kanbao::model::days_in_month(year, m)
            || d > kanbao::model::days_in_month(year - 1, m)
        {
            return None;
        }
        let mut days = Day::ymd(year, m, d).0 - seed_day.0;
        if days > 45 {
            days = Day::ymd(year - 1, m, d).0 - seed_day.0;
        }
        return Some((Seg::MonthDay(days as i32), used));
    }
    None
}

/// Per issue: who the people are, which places, which day.
pub struct Cast<'a> {
    pub day: Day,
    pub people: Vec<&'a str>,
    /// Rotation of each place group.
    pub place_shift: [usize; 2],
}

impl Rich {
    pub fn render(&self, cast: &Cast, rng: &mut Rng, out: &mut String) {
        use std::fmt::Write;
        for seg in &self.segs {
            match seg {
                Seg::Lit(s) => out.push_str(s),
                Seg::Person(p) => out.push_str(cast.people[*p as usize]),
                Seg::Place(g, p) => {
                    let group = PLACES[*g as usize];
                    out.push_str(
                        group[(*p as usize + cast.place_shift[*g as usize]) % group.len()],
                    );
                }
                Seg::Num(n) => {
                    out.push(char::from(b'1' + rng.below(9) as u8));
                    for _ in 1..*n {
                        out.push(char::from(b'0' + rng.below(10) as u8));
                    }
                }
                Seg::Year(dy) => {
                    let _ = write!(out, "{}年", cast.day.year() + dy);
                }
                Seg::FullDate(days) => {
                    let (y, m, d) = cast.day.plus(i64::from(*days)).ymd_parts();
                    let _ = write!(out, "{y}年{m}月{d}日");
                }
                Seg::MonthDay(days) => {
                    let (_, m, d) = cast.day.plus(i64::from(*days)).ymd_parts();
                    let _ = write!(out, "{m}月{d}日");
                }
            }
        }
    }

    pub fn render_string(&self, cast: &Cast, rng: &mut Rng) -> String {
        let mut s = String::with_capacity(self.chars * 3 + 8);
        self.render(cast, rng, &mut s);
        s
    }

    fn concat(a: &Rich, sep: &str, b: &Rich) -> Rich {
        let mut segs = a.segs.clone();
        if !sep.is_empty() {
            segs.push(Seg::Lit(sep.into()));
        }
        segs.extend(b.segs.iter().cloned());
        Rich {
            segs,
            chars: a.chars + char_len(sep) + b.chars,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Rich),
    Subhead(Rich),
}

/// The first paragraph of a report, without its dateline.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    pub text: Rich,
    /// The sample's dateline carried `M月D日`.
    pub dated: bool,
    /// Wire copy: what stood before the date (`新华社北京`).
    pub wire_source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub wire: bool,
    pub kicker: Option<Rich>,
    pub headline: Rich,
    pub subheadlines: Vec<Rich>,
    /// Reports open with a dateline; features and notes do not.
    pub lead: Option<Lead>,
    pub body: Vec<Block>,
}

/// Everything recombined, compiled from the sample archive.
pub struct Material {
    pub local: Vec<Template>,
    pub wire: Vec<Template>,
    /// Paragraphs of local reports, for lengthening and mixing articles.
    pub paragraphs: Vec<Rich>,
    /// Headlines printed as two spaced halves (`选配强“两委”班子 提升凝聚力战斗力`).
    pub spaced_halves: Vec<(Rich, Rich)>,
    /// One-piece headlines cut near the middle where both halves stand alone.
    pub joined_halves: Vec<(Rich, Rich)>,
    /// Photo captions without their credit.
    pub captions: Vec<Rich>,
    pub promos: Vec<String>,
}

/// Strips a local dateline (`株洲日报讯(记者/X) 1月6日，`) from the start of a
/// report's first paragraph: (rest, whether it carried a date).
fn strip_local_dateline(p: &str) -> Option<(&str, bool)> {
    let head_end = p.char_indices().nth(40).map_or(p.len(), |(i, _)| i);
    let pos = p[..head_end].find('讯')?;
    let mut rest = p[pos + '讯'.len_utf8()..].trim_start_matches([' ', '\u{3000}']);
    for (open, close) in [('(', ')'), ('（', '）')] {
        if rest.starts_with(open)
            && let Some(end) = rest.find(close)
        {
            rest = rest[end + close.len_utf8()..].trim_start_matches([' ', '\u{3000}']);
        }
    }
    let dated = month_day_at(rest).map(|(_, _, used)| {
        rest = &rest[used..];
        // `5月13日至14日`: the range's end belongs to the dateline too.
        if let Some(to) = rest.strip_prefix('至') {
            let digits = to.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0
                && let Some(after) = to[digits..].strip_prefix('日')
            {
                rest = after;
            }
        }
    });
    let rest = rest.trim_start_matches(['，', ',', ' ', '\u{3000}']);
    (!rest.is_empty()).then_some((rest, dated.is_some()))
}

/// Splits a wire dateline (`新华社北京1月9日电 `): (source, rest).
fn strip_wire_dateline(p: &str) -> Option<(String, &str)> {
    let head_end = p.char_indices().nth(32).map_or(p.len(), |(i, _)| i);
    let pos = p[..head_end].find('电')?;
    let before = &p[..pos];
    let date_start = before
        .char_indices()
        .find(|&(i, _)| month_day_at(&before[i..]).is_some())
        .map(|(i, _)| i)?;
    let rest = p[pos + '电'.len_utf8()..].trim_start_matches([' ', '\u{3000}']);
    Some((before[..date_start].to_string(), rest))
}

/// Can this text stand as (part of) a headline in any combination: short,
/// balanced, no clause comma, no sentence punctuation.
fn headline_piece(s: &str) -> bool {
    let n = char_len(s);
    (3..=24).contains(&n)
        && is_balanced(s)
        && comma_count(s) == 0
        && !s.contains(['。', '！', '？', '；', '：', '，', '、', ' '])
        && !ends_sentence(s)
}

/// Cuts a one-piece headline near its middle: both halves at least four
/// characters, balanced, and not cutting a number or a person's name.
fn split_middle(s: &str) -> Option<(&str, &str)> {
    let idx: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    let n = idx.len();
    if !(10..=28).contains(&n) {
        return None;
    }
    let mid = n / 2;
    (0..n / 3).flat_map(|d| [mid + d, mid - d]).find_map(|k| {
        let (a, b) = s.split_at(idx[k]);
        let cuts_digits = a.ends_with(|c: char| c.is_ascii_digit())
            && b.starts_with(|c: char| c.is_ascii_digit());
        let cuts_name = PEOPLE
            .iter()
            .chain(PLACES.iter().flat_map(|g| g.iter()))
            .any(|p| {
                s.match_indices(p)
                    .any(|(at, _)| at < idx[k] && idx[k] < at + p.len())
            });
        (k >= 4
            && n - k >= 4
            && headline_piece(a)
            && headline_piece(b)
            && !cuts_digits
            && !cuts_name)
            .then_some((a, b))
    })
}

fn day_of(issue: &Issue) -> Day {
    let d = issue.date.expect("every sample page has a sidecar date");
    Day::ymd(d.year.expect("with a year"), d.month, d.day)
}

impl Material {
    /// Parses the sample archive embedded in kanbao (`seeds/*.txt` and their
    /// `.ron` sidecars, via `loader::SAMPLE_FILES`) and compiles it.
    pub fn from_sample() -> Material {
        let sample = loader::load_texts(
            loader::SAMPLE_ROOT,
            loader::SAMPLE_FILES,
            &LoadOptions::default(),
        );
        let mut m = Material {
            local: Vec::new(),
            wire: Vec::new(),
            paragraphs: Vec::new(),
            spaced_halves: Vec::new(),
            joined_halves: Vec::new(),
            captions: Vec::new(),
            promos: Vec::new(),
        };
        for issue in &sample.issues {
            let day = day_of(issue);
            for a in issue.articles() {
                if a.kind == ArticleKind::Promo {
                    if let Some(h) = &a.headline
                        && !m.promos.contains(&h.text)
                    {
                        m.promos.push(h.text.clone());
                    }
                    continue;
                }
                if a.kind != ArticleKind::Article || a.duplicate_of.is_some() {
                    continue;
                }
                let Some(headline) = &a.headline else {
                    continue;
                };
                let wire = a.byline.agency.is_some();
                let vary = if wire { Vary::Dates } else { Vary::All };
                let mut blocks = a.body.iter().filter(|b| !b.repeated);
                let lead = match &a.dateline {
                    Some(_) => {
                        let first = blocks.next().map(|b| b.text.as_str()).unwrap_or("");
                        if wire {
                            strip_wire_dateline(first).map(|(source, rest)| Lead {
                                text: compile(rest, day, vary),
                                dated: true,
                                wire_source: Some(source),
                            })
                        } else {
                            strip_local_dateline(first).map(|(rest, dated)| Lead {
                                text: compile(rest, day, vary),
                                dated,
                                wire_source: None,
                            })
                        }
                    }
                    None => None,
                };
                if a.dateline.is_some() && lead.is_none() {
                    continue;
                }
                let body: Vec<Block> = blocks
                    .filter_map(|b| {
                        let t = b.text.as_str();
                        match b.kind {
                            // Only whole sentences: a paragraph the parser
                            // left cut would be cut again by the generator.
                            BlockKind::Paragraph if ends_sentence(t) && char_len(t) >= 12 => {
                                Some(Block::Para(compile(t, day, vary)))
                            }
                            BlockKind::Subhead if char_len(t) <= 24 => {
                                Some(Block::Subhead(compile(t, day, vary)))
                            }
                            _ => None,
                        }
                    })
                    .collect();
                if lead.is_none() && !body.iter().any(|b| matches!(b, Block::Para(_))) {
                    continue;
                }
                if !wire {
                    for b in &body {
                        if let Block::Para(p) = b
                            && p.chars >= 40
                        {
                            m.paragraphs.push(p.clone());
                        }
                    }
                    let h = headline.text.as_str();
                    match segments(h).as_slice() {
                        [x, y] if headline_piece(x) && headline_piece(y) => m
                            .spaced_halves
                            .push((compile(x, day, vary), compile(y, day, vary))),
                        [_] => {
                            if let Some((x, y)) = split_middle(h) {
                                m.joined_halves
                                    .push((compile(x, day, vary), compile(y, day, vary)));
                            }
                        }
                        _ => {}
                    }
                    for c in &a.captions {
                        // Keep what precedes the credit (`…。刘平摄`).
                        if let Some(end) = c.text.rfind('。') {
                            m.captions.push(compile(&c.text[..end], day, vary));
                        }
                    }
                }
                let t = Template {
                    wire,
                    kicker: a.kicker.as_ref().map(|k| compile(&k.text, day, vary)),
                    headline: compile(&headline.text, day, vary),
                    subheadlines: a
                        .subheadlines
                        .iter()
                        .map(|s| compile(&s.text, day, vary))
                        .collect(),
                    lead,
                    body,
                };
                if wire {
                    m.wire.push(t);
                } else {
                    m.local.push(t);
                }
            }
        }
        // Captions made from headline halves: `图为…现场`.
        let extra: Vec<Rich> = m
            .spaced_halves
            .iter()
            .chain(&m.joined_halves)
            .map(|(a, _)| Rich::concat(&compile("图为", Day(0), Vary::Dates), "", a))
            .map(|r| Rich::concat(&r, "", &compile("现场", Day(0), Vary::Dates)))
            .collect();
        m.captions.extend(extra);
        assert!(
            m.local.len() >= 10 && m.wire.len() >= 2 && !m.spaced_halves.is_empty(),
            "the sample archive yields enough material"
        );
        m
    }

    /// A headline recombined from two halves of different sample headlines.
    pub fn recombined_headline(&self, rng: &mut Rng) -> Rich {
        let (pool, sep) = if rng.chance(0.6) || self.joined_halves.len() < 2 {
            (&self.spaced_halves, " ")
        } else {
            (&self.joined_halves, "")
        };
        let left = &rng.pick(pool).0;
        let right = &rng.pick(pool).1;
        Rich::concat(left, sep, right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cast(day: Day) -> Cast<'static> {
        Cast {
            day,
            people: vec!["甲乙丙"; PEOPLE.len()],
            place_shift: [1, 1],
        }
    }

    #[test]
    fn dates_move_with_the_issue() {
        let seed = Day::ymd(2021, 1, 10);
        let r = compile(
            "自2020年12月15日以来，1月8日晚，2019年6月，共1152个村",
            seed,
            Vary::All,
        );
        let mut rng = Rng::new(1);
        let s = r.render_string(&cast(Day::ymd(2005, 3, 1)), &mut rng);
        // 26 days, 2 days and 2 years before the issue, as in the sample.
        assert!(
            s.starts_with("自2005年2月3日以来，2月27日晚，2003年6月，共"),
            "{s}"
        );
        assert_eq!(
            char_len(&s),
            char_len("自2005年2月3日以来，2月27日晚，2003年6月，共1152个村")
        );
    }

    #[test]
    fn people_places_and_codes() {
        let seed = Day::ymd(2021, 1, 10);
        let r = compile("毛腾飞在醴陵调研芦淞区 CN 43-0005 S84 5G", seed, Vary::All);
        let s = r.render_string(&cast(seed), &mut Rng::new(1));
        assert_eq!(s, "甲乙丙在茶陵调研荷塘区 CN 43-0005 S84 5G");
        let wire = compile("习近平27日在毛腾飞", seed, Vary::Dates);
        assert_eq!(wire.segs, vec![Seg::Lit("习近平27日在毛腾飞".into())]);
    }

    #[test]
    fn datelines_are_stripped() {
        assert_eq!(
            strip_local_dateline("株洲日报讯 1月6日，芦淞区与萍乡市"),
            Some(("芦淞区与萍乡市", true))
        );
        assert_eq!(
            strip_local_dateline("株珠日报·掌上株珠讯(记者/刘琼 通讯员/朱卫健) 1月6日,记者从"),
            Some(("记者从", true))
        );
        assert_eq!(
            strip_local_dateline("株洲日报讯 5月13日至14日，市委书记"),
            Some(("市委书记", true))
        );
        assert_eq!(
            strip_local_dateline("株洲日报讯 目前，河北"),
            Some(("目前，河北", false))
        );
        assert_eq!(
            strip_wire_dateline("新华社北京1月9日电 中共中央"),
            Some(("新华社北京".to_string(), "中共中央"))
        );
    }

    #[test]
    fn the_sample_yields_material() {
        let m = Material::from_sample();
        assert!(m.local.len() >= 15, "{}", m.local.len());
        assert!(m.wire.len() >= 3);
        assert!(m.paragraphs.len() >= 50);
        assert!(m.joined_halves.len() >= 3);
        assert!(!m.promos.is_empty());
    }
}
