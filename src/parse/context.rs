//! Passes that re-read a line's kind by the lines around it and by what
//! the page's other articles show: an inner page's folio, a punctuated
//! kicker atop the page, a question over a byline, a kicker closed by a
//! dash, a deck over a dateline, a caption over its credit, a name line (a
//! signature, a writer's post, a reader's letter) by its place, a kicker
//! ending in a colon, a contact box's entries, a numbered box closing the
//! page, where the page signs its articles, and its layout.

use super::byline::{self, BylineParts};
use super::classify::{
    BRIEF_MARKS, Kind, Unit, is_field_line, is_parenthesised, is_photo_credit, run_in_marked_byline,
};
use super::shape::{self, at_least_chars, at_most_chars, char_len, ends_sentence, is_title_shaped};
use super::{full_dates, header, is_bare_date, masthead};
use crate::model::{Masthead, Span};
use crate::profile::Profiles;

/// An inner page has no masthead, but its folio at the top (`A3`,
/// `2022年3月17日 星期四`) says the page and the day, as a masthead does.
pub(super) fn inner_page_folio(units: &mut [Unit]) -> Option<Masthead> {
    let top = units
        .iter()
        .take_while(|u| matches!(u.kind, Kind::Furniture | Kind::Title))
        .count();
    let dated = (0..top)
        .find(|&i| units[i].kind == Kind::Furniture && full_dates(units[i].text).len() == 1)
        // `第02版：要闻` alone names the page, if not the day.
        .or_else(|| {
            (0..top).find(|&i| {
                units[i].kind == Kind::Furniture
                    && units[i].text.contains('版')
                    && masthead::folio(units[i].text).is_some()
            })
        });
    if let Some(d) = dated {
        let dated_line = units[d].n;
        let mut m = Masthead {
            date: full_dates(units[d].text).first().copied(),
            weekday: units[d]
                .text
                .find("星期")
                .map(|i| units[d].text[i..].chars().take(3).collect()),
            ..Masthead::default()
        };
        // Before the first real title: the page label, the date and the
        // page's name (`要闻`, `综合新闻`) are the folio.
        // …and no further than the folio's last line.
        let first_title = (0..top)
            .find(|&i| units[i].kind == Kind::Title && !shape::is_section_label(units[i].text))
            .unwrap_or(top);
        let folio_end = (0..first_title)
            .rfind(|&i| units[i].kind == Kind::Furniture)
            .map_or(0, |i| i + 1);
        for u in units[..folio_end].iter_mut() {
            // A bare page number (`2`) is a label here too.
            let folio = (u.kind == Kind::Furniture)
                .then(|| {
                    let t = u.text.trim();
                    let number =
                        (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
                    masthead::folio(t).or(number.then(|| (t.to_string(), None)))
                })
                .flatten();
            let is_label = folio.is_some();
            let is_name = u.kind == Kind::Title && shape::is_section_label(u.text);
            if u.n == dated_line || is_label || is_name {
                if let Some((label, name)) = folio {
                    m.page_label.get_or_insert(label);
                    if let Some(name) = name {
                        m.page_name.get_or_insert(name);
                    }
                }
                m.lines.push(Span::line(u.n));
                u.kind = Kind::Folio;
            }
        }
        return Some(m);
    }
    None
}

/// A headline may end with ？ or ！ (`年夜饭预订火爆，你订了吗？`): right
/// above a byline or a dateline, a short such line is a title.
pub(super) fn questions_over_bylines(units: &mut [Unit], profiles: &Profiles) {
    for i in 0..units.len().saturating_sub(1) {
        let t = units[i].text;
        let next_opens = match &units[i + 1].kind {
            Kind::Byline(_) | Kind::Dateline(_) => true,
            // `◎ 某某报记者 甲乙 正文…`: a byline with the text run on.
            Kind::Brief => run_in_marked_byline(units[i + 1].text, profiles).is_some(),
            // `…去哪儿？` over `延伸阅读`: a sidebar's title and its label.
            Kind::Title => shape::is_section_label(units[i + 1].text),
            _ => false,
        };
        // `…，严查！（政策解读）`: the column's name hangs on after the mark.
        let t = match shape::before_trailing_group(t) {
            Some(before) if header::carries_column(t) => before.trim_end(),
            _ => t,
        };
        if units[i].kind == Kind::Body
            && next_opens
            && let Some(head) = t.strip_suffix(['？', '！', '?', '!'])
            && char_len(head) <= shape::MAX_HEADLINE_CHARS
            && is_title_shaped(head)
        {
            units[i].kind = Kind::Title;
        }
    }
}

/// The page's first line over a title, set as a kicker with punctuation: a
/// question (`…，孩子谁来照顾？`) or a speaker and what was said
/// (`某某指示：甲，乙，丙`), not ending a sentence. Body-shaped by its
/// commas, it heads the article under it: nothing stands open above it.
pub(super) fn punctuated_kicker_atop(units: &mut [Unit]) {
    let Some(i) = units
        .iter()
        .position(|u| !matches!(u.kind, Kind::Folio | Kind::Furniture))
    else {
        return;
    };
    let t = units[i].text;
    let question = t.ends_with(['？', '！', '?', '!']);
    let said = t
        .split_once(['：', ':'])
        .is_some_and(|(who, what)| !who.is_empty() && !what.is_empty())
        && !ends_sentence(t)
        && !t.ends_with(['，', '、', ',', '；']);
    let titled_below = units.get(i + 1).is_some_and(|u| u.kind == Kind::Title)
        && units
            .get(i + 2)
            .is_none_or(|u| !matches!(u.kind, Kind::Folio | Kind::Furniture));
    if units[i].kind == Kind::Body
        && (question || said)
        && at_most_chars(t, 40)
        && !t.contains(['。', '；'])
        && titled_below
    {
        units[i].kind = Kind::Title;
    }
}

/// A kicker closed by a dash (`由甲向乙、由丙向丁，…越来越高——`) reads as a
/// sentence by its commas; over a title line, it is that title's kicker.
pub(super) fn dashed_kickers(units: &mut [Unit]) {
    for i in 0..units.len().saturating_sub(1) {
        let t = units[i].text;
        if units[i].kind == Kind::Body
            && units[i + 1].kind == Kind::Title
            && t.ends_with("——")
            && at_most_chars(t, 60)
            && !t.contains(['。', '；'])
        {
            units[i].kind = Kind::Title;
        }
    }
}

/// `日共主张改选议会` / `谴责多数议员曾与军部合作，从事侵略战争` /
/// `【新华社延安二十五日电】…`: a short line without a sentence's end
/// between a title and the dateline is the title's deck, whatever its
/// commas.
pub(super) fn decks_over_datelines(units: &mut [Unit]) {
    for i in 1..units.len().saturating_sub(1) {
        let t = units[i].text;
        if units[i].kind == Kind::Body
            && units[i - 1].kind == Kind::Title
            && matches!(units[i + 1].kind, Kind::Dateline(_) | Kind::Byline(_))
            && at_most_chars(t, 32)
            && !ends_sentence(t)
            && !t.contains(['。', '；', '？', '！'])
        {
            units[i].kind = Kind::Title;
        }
    }
}

/// A paragraph right above a photo credit is the photo's caption
/// (`图为…。` then `新华社记者  王建威摄`).
pub(super) fn captions_over_credits(units: &mut [Unit], profiles: &Profiles) {
    for i in 1..units.len() {
        if units[i].kind == Kind::Caption
            && units[i - 1].kind == Kind::Body
            && is_photo_credit(units[i].text, profiles)
            && at_most_chars(units[i - 1].text, 200)
        {
            units[i - 1].kind = Kind::Caption;
        }
    }
}

/// Where a line stands decides what a name-shaped line is.
pub(super) fn names_by_position(units: &mut [Unit]) {
    for i in 0..units.len() {
        let prev = i.checked_sub(1).map(|j| &units[j].kind);
        let next = units.get(i + 1).map(|u| &u.kind);
        let after_title = matches!(prev, Some(Kind::Title));
        // …or after the date that closes the text (`一九四六年二月五日`).
        let after_body = matches!(prev, Some(Kind::Body | Kind::ClosingDateline(_)))
            || (matches!(prev, Some(Kind::Title)) && is_bare_date(units[i - 1].text));
        let body_follows = matches!(next, Some(Kind::Body | Kind::Dateline(_) | Kind::Subhead));
        // `某某某` / `某某学会会长`: a name, then the post its holder writes
        // from; never a headline.
        // (Asked of titles only: every line passes here.)
        let after_name = || i > 0 && byline::names_only(units[i - 1].text).is_some();
        match &units[i].kind {
            Kind::Title if is_post(units[i].text) && after_name() => {
                units[i].kind = Kind::Body;
            }
            // `安  徽` above a headline is a regional label, not a signature.
            Kind::Byline(b) if !b.writers.is_empty() && b.outlet.is_none() && !after_title => {
                units[i].kind = Kind::Title;
            }
            // `田正平`, `樊小杰  孔令华` between the headline and the text: the
            // writers' signature.
            Kind::Title if after_title && body_follows => {
                if let Some(names) = byline::names_only(units[i].text) {
                    units[i].kind = Kind::Byline(BylineParts {
                        writers: names,
                        ..Default::default()
                    });
                }
            }
            // `（作者单位：…）`, `——编者`, `——某镇镇长某某` right after the
            // text: a note or an attribution closing it, never a header.
            Kind::Title
                if after_body
                    && (is_parenthesised(units[i].text)
                        || shape::is_dash_deck(units[i].text)
                        || is_reader_signature(units[i].text)) =>
            {
                units[i].kind = Kind::Body;
            }
            _ => {}
        }
    }
}

/// Posts a writer signs with, closing the line that names them
/// (`某某学会会长`, `某某研究室主任`, `某大学教授`): the grammar of a title
/// of office, as role words are a byline's.
const POSTS: [&str; 16] = [
    "会长",
    "主任",
    "教授",
    "研究员",
    "院长",
    "所长",
    "主席",
    "馆长",
    "校长",
    "理事长",
    "秘书长",
    "专家",
    "学者",
    "评论家",
    "董事长",
    "总编辑",
];

fn is_post(s: &str) -> bool {
    let t = s.trim();
    at_most_chars(t, 30) && !t.contains(['，', '。', '：']) && POSTS.iter().any(|p| t.ends_with(p))
}

/// A reader's letter signed with where they live and who they are:
/// `某区某路某弄某苑  张先生` — a surname and a form of address after a
/// space closing the line.
fn is_reader_signature(s: &str) -> bool {
    const ADDRESS: [&str; 6] = ["先生", "女士", "小姐", "老伯", "阿姨", "同学"];
    let t = s.trim();
    let Some((_, who)) = t.rsplit_once([' ', '\u{3000}']) else {
        return false;
    };
    at_most_chars(t, 40)
        && (3..=4).contains(&char_len(who))
        && ADDRESS.iter().any(|a| who.ends_with(a))
}

/// A kicker may end with a colon (`冲刺一季度“开门红”：`), which reads as a
/// sentence end on its own; over a title line it is a title too.
pub(super) fn colon_kickers(units: &mut [Unit]) {
    for i in 1..units.len() {
        if units[i].kind == Kind::Title && units[i - 1].kind == Kind::Body {
            let t = units[i - 1].text;
            if let Some(head) = t.strip_suffix(['：', ':'])
                && char_len(head) <= shape::MAX_HEADLINE_CHARS
                && is_title_shaped(head)
            {
                units[i - 1].kind = Kind::Title;
            }
        }
    }
}

/// A contact box (`协助某某管道` over `地址：…`, `电话：（02）2558-0133`,
/// `◎某某基金会：` / `．0809-008585`): the lines of the form `LABEL：VALUE`
/// (a bullet allowed) and the short bulleted names of what they describe,
/// next to a line with a telephone number, are the box's
/// entries, text of the article around them — not titles, briefs or new
/// articles. Only next to a number: a headline may be `某某：某某`.
pub(super) fn contact_boxes(units: &mut [Unit]) {
    // Most pages have none: classify marked the lines with a number.
    if !units.iter().any(|u| u.contact) {
        return;
    }
    // `◎某某餐馆` over `地址：…`: an item's name, bulleted.
    let item = |t: &str| t.trim_start().starts_with(BRIEF_MARKS) && at_most_chars(t, 20);
    let entry = |u: &Unit| u.contact || is_field_line(u.text) || item(u.text);
    let mut i = 0;
    while i < units.len() {
        if !entry(&units[i]) {
            i += 1;
            continue;
        }
        let end = (i..units.len())
            .find(|&j| !entry(&units[j]))
            .unwrap_or(units.len());
        if (i..end).any(|j| units[j].contact) {
            for u in &mut units[i..end] {
                if matches!(u.kind, Kind::Title | Kind::Brief) {
                    u.kind = Kind::Body;
                }
            }
        }
        i = end;
    }
}

/// A heading over numbered points (`1.…`, `2.…`, counted from 1) that run
/// to the end of the page: a standing box (a foundation's notes, a list of
/// rules), an item of its own like a notice, not the story's last section.
/// Only at the page's end: numbered points under a crosshead are common
/// inside an article.
pub(super) fn numbered_box_closing_page(units: &mut [Unit]) {
    let Some(last) = units
        .iter()
        .rposition(|u| !matches!(u.kind, Kind::Furniture | Kind::Folio))
    else {
        return;
    };
    let Some(points) = numbered(units[last].text).map(|n| n as usize) else {
        return;
    };
    if points < 2 || points > last {
        return;
    }
    let first = last + 1 - points;
    let counted = (0..points).all(|k| numbered(units[first + k].text) == Some(k as u32 + 1));
    if !counted || units[first - 1].kind != Kind::Title {
        return;
    }
    for u in &mut units[first..=last] {
        if matches!(u.kind, Kind::Body | Kind::Subhead | Kind::Title) {
            u.kind = Kind::Notice;
        }
    }
}

/// `1.…`, `2、…`, `３．…`: the number (one or two digits) a point opens with.
fn numbered(s: &str) -> Option<u32> {
    let t = s.trim_start();
    let (mut n, mut digits, mut used) = (0, 0, t.len());
    for (i, c) in t.char_indices() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => {
                used = i;
                break;
            }
        };
        if digits == 2 {
            // Three digits or more: no point's number (and no overflow).
            return None;
        }
        n = n * 10 + d;
        digits += 1;
    }
    (digits > 0 && t[used..].starts_with(['.', '．', '、'])).then_some(n)
}

/// Where does this page sign its articles? Under the headline (a byline
/// after a title line), or at the end of the text (a byline after a body
/// line)? The page's own bylines vote: a paper does one or the other, and
/// a byline after a body line means the one the page mostly does.
/// A byline after the text of an article that is signed already (in its
/// dateline, under its title), or one whose next header leads into a
/// dateline, is the next article's, printed before its headline: it
/// votes for signing under the title.
pub(super) fn bylines_close_articles(units: &[Unit]) -> bool {
    let (mut under_title, mut after_text) = (0, 0);
    let mut signed = false;
    for (i, u) in units.iter().enumerate() {
        match &u.kind {
            Kind::Title => signed = false,
            Kind::Dateline(d) if d.byline.is_some() => signed = true,
            Kind::Byline(_) if !is_parenthesised(u.text) && i > 0 => match units[i - 1].kind {
                Kind::Title => {
                    under_title += 1;
                    signed = true;
                }
                Kind::Body => {
                    let heads_a_dateline = units[i + 1..]
                        .iter()
                        .find(|x| !matches!(x.kind, Kind::Byline(_) | Kind::Title | Kind::Caption))
                        .is_some_and(|x| matches!(x.kind, Kind::Dateline(_)));
                    if signed || heads_a_dateline {
                        under_title += 1;
                    } else {
                        after_text += 1;
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    after_text > under_title
}

/// How the page shows where its articles start, counted in one pass:
///
/// * text indented, titles flush (an e-paper's export: `　　正文…` under
///   `标题`): 9 in 10 long paragraphs indented, most titles not;
/// * blank lines only between articles: paragraphs run on line after line
///   (a blank line before at most 1 in 10), most titles after a blank.
///
/// Either way a title after a blank line starts an article and one inside
/// the text is a crosshead. OCR'd pages put blank lines everywhere and
/// indent nothing: neither holds.
///
/// * a wider gap between articles: one blank line after every paragraph,
///   two or more only where a block ends (a full-text database's export;
///   株洲日报's OCR puts 3 before a byline, caption or headline that starts
///   a block). A title after such a gap starts an article — on the
///   解放日报 pages it is the only sign of an article with neither byline
///   nor dateline, printed after another's last paragraph. A title after a
///   single blank still decides as on any page (a crosshead needs no rule).
pub(super) fn page_layout(units: &[Unit]) -> PageLayout {
    let (mut long, mut long_indented) = (0, 0);
    let (mut following, mut following_after_blank, mut following_after_wide) = (0, 0, 0);
    let (mut titles, mut flush_titles, mut titles_after_blank) = (0, 0, 0);
    let mut titles_after_wide = 0;
    let mut previous_body = false;
    for u in units {
        match u.kind {
            Kind::Body if at_least_chars(u.text, 24) => {
                long += 1;
                long_indented += usize::from(u.indented);
                if previous_body {
                    following += 1;
                    following_after_blank += usize::from(u.after_blank);
                    following_after_wide += usize::from(u.after_wide_gap);
                }
            }
            Kind::Title => {
                titles += 1;
                flush_titles += usize::from(!u.indented);
                titles_after_blank += usize::from(u.after_blank);
                titles_after_wide += usize::from(u.after_wide_gap);
            }
            _ => {}
        }
        previous_body = u.kind == Kind::Body;
    }
    let blank_breaks = following >= 3
        && following_after_blank * 10 <= following
        && titles_after_blank * 2 > titles;
    let single_blanks = following_after_blank - following_after_wide;
    PageLayout {
        indented_text: long >= 3 && long_indented * 10 >= long * 9 && flush_titles * 2 > titles,
        blank_breaks,
        wide_gap_breaks: !blank_breaks
            && following >= 3
            && single_blanks * 10 >= following * 9
            && titles_after_wide > 0,
    }
}

/// How a page shows where its articles start: see [`page_layout`].
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PageLayout {
    /// Text indented, titles flush.
    pub(super) indented_text: bool,
    /// Blank lines only between articles.
    pub(super) blank_breaks: bool,
    /// One blank line between paragraphs, a wider gap between articles.
    pub(super) wide_gap_breaks: bool,
}
