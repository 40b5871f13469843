//! Who is who in an article's header: section label, kicker (引题), headline
//! (主题, possibly printed over two lines or glued to its kicker on one line)
//! and subheadlines (副题).
//!
//! Chinese front pages set the main headline large and short, often in two
//! halves separated by a space; the kicker above it is a sentence-like line
//! that introduces it (`…时强调`, `…——`); decks below it list attendees or
//! expand on it. The rules below read those shapes, nothing else.

use super::shape::{
    MAX_HEADLINE_CHARS, char_len, comma_count, ends_with_reporting_verb, is_attendee_line,
    is_dash_deck, is_kicker_shaped, is_section_label, segments,
};
use crate::model::Text;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub section: Option<Text>,
    pub kicker: Option<Text>,
    pub headline: Option<Text>,
    pub subheadlines: Vec<Text>,
}

/// A deck line is never a headline: attendees, or a dash-led line.
fn is_deck(s: &str) -> bool {
    is_attendee_line(s) || is_dash_deck(s)
}

/// `奋进新征程·一线见闻`: a series' name, a middle dot, its part's name;
/// short, no comma, nothing that closes a kicker.
fn is_series_title(s: &str) -> bool {
    let t = s.trim();
    let parts: Vec<&str> = t.split(['·', '•', '・']).collect();
    parts.len() == 2
        && char_len(t) <= 14
        && comma_count(t) == 0
        && !is_kicker_shaped(t)
        && parts
            .iter()
            .all(|p| char_len(p) >= 2 && p.chars().all(super::shape::is_han))
}

/// A headline carrying its column's name in brackets at its end:
/// `当以正向力量引导经济全球化（钟声）`, `…(大家手笔)`.
pub fn carries_column(s: &str) -> bool {
    let t = s.trim();
    let Some(before) = super::shape::before_trailing_group(t) else {
        return false;
    };
    let group = &t[before.len()..];
    !before.trim().is_empty() && (3..=16).contains(&char_len(group))
}

/// A main headline printed as two halves on one line: `A B`, short.
fn is_two_part_headline(s: &str) -> bool {
    segments(s).len() >= 2 && char_len(s) <= MAX_HEADLINE_CHARS && comma_count(s) == 0
}

/// One half of a headline broken over two lines: short, one segment, no commas.
fn is_headline_half(s: &str) -> bool {
    char_len(s) <= 16 && segments(s).len() == 1 && comma_count(s) == 0 && !is_deck(s)
}

fn join(a: &Text, b: &Text) -> Text {
    Text {
        text: format!("{} {}", a.text, b.text),
        lines: a.lines.cover(b.lines),
    }
}

/// Assigns roles to the title lines of one header, in printed order.
pub fn assign(titles: &[Text]) -> Header {
    let mut header = Header::default();
    let mut rest: Vec<Text> = Vec::with_capacity(titles.len());
    for (k, t) in titles.iter().enumerate() {
        // A series' title above the kicker or headline (`奋进新征程·一线见闻`):
        // two short names joined by a middle dot, standing first.
        let series = k == 0 && titles.len() >= 2 && is_series_title(&t.text);
        if titles.len() >= 2 && header.section.is_none() && (is_section_label(&t.text) || series) {
            header.section = Some(t.clone());
        } else {
            rest.push(t.clone());
        }
    }
    if rest.is_empty() {
        // Only a label: it is the title.
        header.headline = header.section.take();
        return header;
    }

    // A kicker printed over two lines: the second closes it with a reporting
    // verb (`某某在…会议上传达学习` / `…精神时强调`).
    if rest.len() >= 3
        && !is_kicker_shaped(&rest[0].text)
        && ends_with_reporting_verb(&rest[1].text)
        && !is_deck(&rest[0].text)
        && comma_count(&rest[1].text) == 0
    {
        let kicker = join(&rest[0], &rest[1]);
        rest.splice(0..2, [kicker]);
    }
    let second_is_deck = rest.get(1).is_some_and(|t| is_deck(&t.text));
    // `找准着力点（治理之道）`: national dailies hang the column's name on
    // the main headline in brackets; the line above it is its kicker.
    let second_carries_column =
        rest.get(1).is_some_and(|t| carries_column(&t.text)) && !carries_column(&rest[0].text);
    // `中央国家机关` over `部门机关党委书记专题研讨班举办`: a short subject
    // over a line at least twice as long introduces it. Measured on every
    // two-line header of the seeds, the held-out sets and the real pages:
    // 15 such headers are kicker and headline, none headline and deck.
    let han = |s: &str| s.chars().filter(|&c| super::shape::is_han(c)).count();
    let short_subject =
        rest.len() == 2 && han(&rest[0].text) <= 6 && han(&rest[0].text) * 2 <= han(&rest[1].text);
    // `…，孩子谁来照顾？` or `某某指示：甲，乙，丙` over a line without a
    // comma: a punctuated first line asks or reports; the line under it is
    // the headline.
    let punctuated_kicker = rest.len() >= 2 && {
        let (first, second) = (&rest[0].text, &rest[1].text);
        comma_count(first) > 0
            && comma_count(second) == 0
            && (first.ends_with(['？', '！', '?', '!']) || first.contains(['：', ':']))
    };
    let has_kicker = rest.len() >= 2
        && !second_is_deck
        && (is_kicker_shaped(&rest[0].text)
            || punctuated_kicker
            || short_subject
            || second_carries_column
            || is_two_part_headline(&rest[1].text)
            || (rest.len() >= 3
                && is_headline_half(&rest[1].text)
                && is_headline_half(&rest[2].text)));

    let mut i;
    if has_kicker {
        header.kicker = Some(rest[0].clone());
        let mut headline = rest[1].clone();
        i = 2;
        // A headline broken over two lines under its kicker.
        if let Some(next) = rest.get(2)
            && !is_deck(&next.text)
            && char_len(&next.text) <= 16
            && comma_count(&next.text) == 0
            && char_len(&headline.text) <= MAX_HEADLINE_CHARS
        {
            headline = join(&headline, next);
            i += 1;
        }
        header.headline = Some(headline);
    } else {
        let (kicker, headline) = split_glued(&rest[0]);
        header.kicker = kicker;
        header.headline = Some(headline);
        i = 1;
    }
    header.subheadlines = rest[i..].to_vec();
    header
}

/// A kicker glued to its headline on one line: `某局发布通知，即日起至月底—— 全市暂停大型活动`.
fn split_glued(line: &Text) -> (Option<Text>, Text) {
    let segs = segments(&line.text);
    let part = |s: &[&str]| Text {
        text: s.join(" "),
        lines: line.lines,
    };
    if segs.len() < 2 {
        return (None, line.clone());
    }
    // A dash or colon closes a kicker.
    if let Some(i) = segs[..segs.len() - 1]
        .iter()
        .position(|s| s.ends_with("——") || s.ends_with('：') || s.ends_with(':'))
    {
        return (Some(part(&segs[..=i])), part(&segs[i + 1..]));
    }
    // A series label (`某某攻坚·株洲答卷`): its middle dot marks a kicker.
    if segs.len() == 2 && segs[0].contains(['·', '•', '・']) && !segs[1].contains(['·', '•', '・'])
    {
        return (Some(part(&segs[..1])), part(&segs[1..]));
    }
    // Two halves too long to be one headline: the first is the kicker.
    if segs.len() == 2 && char_len(&line.text) > MAX_HEADLINE_CHARS {
        return (Some(part(&segs[..1])), part(&segs[1..]));
    }
    // A reporting kicker a quarter longer than the parallel halves after it,
    // or at least 0.7 of both together; a line of long parallel halves is
    // one big headline.
    if segs.len() >= 3 && ends_with_reporting_verb(segs[0]) {
        let first = char_len(segs[0]);
        let longest_rest = segs[1..].iter().map(|s| char_len(s)).max().unwrap_or(0);
        let all_rest: usize = segs[1..].iter().map(|s| char_len(s)).sum();
        if first * 4 >= longest_rest * 5 || first * 10 >= all_rest * 7 {
            return (Some(part(&segs[..1])), part(&segs[1..]));
        }
    }
    (None, line.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn texts(lines: &[&str]) -> Vec<Text> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| Text {
                text: t.to_string(),
                lines: Span::line(i as u32 + 1),
            })
            .collect()
    }

    fn roles(lines: &[&str]) -> (Option<String>, Option<String>, Option<String>, Vec<String>) {
        let h = assign(&texts(lines));
        (
            h.section.map(|t| t.text),
            h.kicker.map(|t| t.text),
            h.headline.map(|t| t.text),
            h.subheadlines.into_iter().map(|t| t.text).collect(),
        )
    }

    #[test]
    fn kicker_by_reporting_verb() {
        let (_, k, h, s) = roles(&["甲在乙调研时强调", "选配强班子 提升战斗力"]);
        assert_eq!(k.as_deref(), Some("甲在乙调研时强调"));
        assert_eq!(h.as_deref(), Some("选配强班子 提升战斗力"));
        assert!(s.is_empty());
    }

    #[test]
    fn kicker_over_a_two_part_headline_but_not_over_a_deck() {
        let (_, k, h, _) = roles(&["省贸促会会长来株调研", "加快场馆建设 高质量做好筹备工作"]);
        assert!(k.is_some());
        assert_eq!(h.as_deref(), Some("加快场馆建设 高质量做好筹备工作"));
        let (_, k, h, s) = roles(&["某某到市公安局调研", "让公平正义如阳光普照"]);
        assert!(k.is_none());
        assert_eq!(h.as_deref(), Some("某某到市公安局调研"));
        assert_eq!(s, ["让公平正义如阳光普照"]);
    }

    #[test]
    fn headline_over_two_lines_under_a_kicker() {
        let (_, k, h, s) = roles(&[
            "某某督导铁路客运复开工作",
            "密切协作配合",
            "尽快推动铁路恢复客运",
            "某某出席",
        ]);
        assert_eq!(k.as_deref(), Some("某某督导铁路客运复开工作"));
        assert_eq!(h.as_deref(), Some("密切协作配合 尽快推动铁路恢复客运"));
        assert_eq!(s, ["某某出席"]);
    }

    #[test]
    fn long_deck_stays_a_subheadline() {
        let (_, k, h, s) = roles(&[
            "中央某委员会召开会议",
            "分析国内外形势研究部署工作落地见效 研究提升产业链供应链稳定性和竞争力 研究其他事项",
            "某某主持会议",
        ]);
        assert!(k.is_none());
        assert_eq!(h.as_deref(), Some("中央某委员会召开会议"));
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn glued_kicker_and_headline() {
        let (_, k, h, _) =
            roles(&["市教育局发布通知，即日起至寒假结束—— 全市师生员工不得出境或跨省"]);
        assert_eq!(k.as_deref(), Some("市教育局发布通知，即日起至寒假结束——"));
        assert_eq!(h.as_deref(), Some("全市师生员工不得出境或跨省"));
        let (_, k, h, _) =
            roles(&["某某系列报道之一的专题 某地推进质量工作方面成效突出受到国务院表彰"]);
        assert_eq!(k.as_deref(), Some("某某系列报道之一的专题"));
        assert!(h.is_some());
        // parallel halves of one headline are not split
        let (_, k, _, _) =
            roles(&["甲对乙工作作出重要指示强调 更加注重系统观念法治思维 切实推动工作高质量发展"]);
        assert!(k.is_none());
        let (_, k, h, _) = roles(&[
            "甲在调研长沙火车站与高铁城际多式联运时强调 创新高效率的零换乘 实现群众高品质出行",
        ]);
        assert!(k.is_some());
        assert_eq!(h.as_deref(), Some("创新高效率的零换乘 实现群众高品质出行"));
    }

    #[test]
    fn section_labels() {
        let (sec, _, h, _) = roles(&["年底前，五个街道要基本建成示范片区", "新闻发布"]);
        assert_eq!(sec.as_deref(), Some("新闻发布"));
        assert_eq!(h.as_deref(), Some("年底前，五个街道要基本建成示范片区"));
    }
}
