//! One line → its kind, by its shape alone: title, byline, dateline,
//! caption, jump marker, notice, furniture, body… The passes in
//! `context` then re-read a line by the lines around it.

use super::byline::{self, BylineParts, parse_byline};
use super::dateline::{Dateline, closing_dateline, parse_dateline};
use super::shape::{
    self, at_least_chars, at_most_chars, char_len, is_bracket_subhead, is_title_shaped,
};
use super::{full_dates, masthead};
use crate::model::{Article, Span, Text};
use crate::profile::Profiles;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Title,
    /// `【分类标准】` or an enumerated heading (`一、…`): always an in-body subhead.
    Subhead,
    Byline(BylineParts),
    Dateline(Dateline),
    /// `（新华社北京1月1日电）` after an article's text: it ends that article.
    ClosingDateline(Dateline),
    Caption,
    Jump(Jump, String),
    Promo,
    Notice,
    /// `■标题 正文…`: a brief with a run-in title, an article of its own.
    Brief,
    /// An inner page's folio, read as its masthead (date, page label).
    Folio,
    /// Page furniture outside the masthead: a lone page label or number, a
    /// folio (date line, the paper's name, 责任编辑…), a web address. Kept
    /// in the page's fragments; it never interrupts an article's text.
    Furniture,
    Body,
}

#[derive(Debug, Clone)]
pub(super) struct Unit<'a> {
    pub(super) n: u32,
    pub(super) text: &'a str,
    pub(super) kind: Kind,
    /// The line as printed opens with an indent (`　　`, spaces).
    pub(super) indented: bool,
    /// A blank line stands right above it.
    pub(super) after_blank: bool,
    /// Two or more blank lines stand right above it.
    pub(super) after_wide_gap: bool,
    /// A contact box's line with a telephone number (see
    /// [`is_contact_line`]).
    pub(super) contact: bool,
}

impl Unit<'_> {
    pub(super) fn as_text(&self) -> Text {
        Text {
            text: self.text.to_string(),
            lines: Span::line(self.n),
        }
    }
}

/// Which way a jump marker points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Jump {
    /// 下转A2版: the article goes on on another page.
    To,
    /// 上接A1版: this text goes on from another page.
    From,
    /// 详见B1版: more on another page.
    See,
}

impl Jump {
    /// Records the marker's page on the article it belongs to.
    pub(super) fn record(self, a: &mut Article, label: String) {
        match self {
            Jump::To => a.continued_to = Some(label),
            Jump::From => a.continued_from = Some(label),
            Jump::See => a.see_also = Some(label),
        }
    }
}

/// `下转A2版`, `（下转第2版）`, `上接A1版`, `详见B1版`, `相关报道见A3版` →
/// (direction, page label). The verb decides: 转 onward, 接 from, 见 see;
/// a few words may stand before it (上接, 相关报道见), none after the label.
pub(super) fn jump_marker(s: &str) -> Option<(Jump, String)> {
    // A marker is short; every line of a page is asked.
    if s.len() > 96 {
        return None;
    }
    // `◀◀ 上接A1版`, `▶▶ 下转A2版`: arrows and bullets decorate the marker.
    let decoration = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '◀' | '▶' | '◁' | '▷' | '►' | '◄' | '→' | '←' | '»' | '«' | '>' | '<'
            )
            || BRIEF_MARKS.contains(&c)
    };
    let t = s
        .trim_matches(decoration)
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）'])
        .trim();
    let label = t.strip_suffix('版')?;
    let (verb_at, verb) = label
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '转' | '接' | '见'))?;
    let before = &label[..verb_at];
    if char_len(before) > 6 || !before.chars().all(shape::is_han) {
        return None;
    }
    let page = label[verb_at + verb.len_utf8()..].trim();
    let page = page.strip_prefix('第').unwrap_or(page).trim();
    // `（下转第三版）`: the page in Chinese numerals.
    let spelled = masthead::chinese_number(page).map(|n| n.to_string());
    let page = spelled.as_deref().unwrap_or(page);
    let letters = page.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = &page[letters..];
    if letters > 2
        || !(1..=3).contains(&digits.len())
        || !digits.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let jump = match verb {
        '转' => Jump::To,
        '接' => Jump::From,
        _ => Jump::See,
    };
    Some((jump, page.to_string()))
}

/// A jump marker closing a body line: `…。（下转A2版）`, or unbracketed
/// after the sentence, `…。详见A3版`.
pub(super) fn trailing_jump(s: &str) -> Option<(Jump, String)> {
    let t = s.trim_end();
    if let Some(close) = t.chars().last().filter(|c| matches!(c, ')' | '）')) {
        let open = if close == ')' { '(' } else { '（' };
        let start = t.rfind(open)?;
        return jump_marker(&t[start..]).filter(|_| start > 0);
    }
    // Every body line passes here: reject the common case without a search.
    if !t.ends_with('版') {
        return None;
    }
    // Only after a finished sentence: `转3版` inside a sentence is prose.
    let start = t.rfind(['。', '！', '？', '；'])?;
    let start = start + t[start..].chars().next().map_or(1, char::len_utf8);
    jump_marker(&t[start..])
}

/// A byline run on after a paragraph's last sentence, with its role word:
/// `…所有人了。”本报记者  杨硕`. Names alone there are prose.
pub(super) fn trailing_byline(s: &str, profiles: &Profiles) -> Option<BylineParts> {
    let t = s.trim_end();
    // Every paragraph passes here: only its last 48 characters matter.
    let tail = &t[t.floor_char_boundary(t.len().saturating_sub(4 * 48))..];
    // A slash credit may follow a colon too (`…訪談如下：甲乙口述╱記者丙丁採訪整理`).
    let Some(end) = tail.rfind(['。', '！', '？', '”', '」']) else {
        return after_colon(tail, profiles);
    };
    let after = tail[end..].chars().next().map_or(0, char::len_utf8);
    let candidate = tail[end + after..].trim();
    if candidate.is_empty() || candidate.starts_with(['（', '(']) {
        return None;
    }
    let Some(b) = parse_byline(candidate, profiles) else {
        return after_colon(candidate, profiles);
    };
    (!b.reporters.is_empty() || !b.correspondents.is_empty()).then_some(b)
}

/// A slash credit after a colon (`…訪談如下：甲乙口述╱記者丙丁採訪整理`).
fn after_colon(tail: &str, profiles: &Profiles) -> Option<BylineParts> {
    let i = tail.rfind('：').or_else(|| tail.rfind(':'))?;
    let candidate = tail[i..].trim_start_matches(['：', ':']).trim();
    (candidate.len() <= 160 && super::slash_credit::may_hold_one(candidate))
        .then(|| super::slash_credit::slash_credit(candidate, profiles))
        .flatten()
}

/// Photo captions end with a credit: `…。张三摄`, `…。某公司 供图`,
/// `…（记者 张三 摄）`.
pub(super) fn is_caption(s: &str) -> bool {
    let t = s.trim();
    if !at_most_chars(t, 120) {
        return false;
    }
    if let Some(before) = shape::before_trailing_group(t) {
        let group = t[before.len()..].trim().trim_start_matches(['(', '（']);
        let group = group.trim_end_matches([')', '）']).trim();
        return ["摄", "供图", "摄影"].iter().any(|k| group.ends_with(k)) && char_len(group) <= 24;
    }
    let credit_start = t
        .rfind(['。', ' ', '\u{3000}', '）', ')'])
        .map(|i| i + t[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let credit = &t[credit_start..];
    credit_start > 0
        && char_len(credit) <= 12
        && ["摄", "供图", "摄影", "提供", "图"]
            .iter()
            .any(|k| credit.ends_with(k))
}

/// A photo credit standing on its own line: `新华社记者  王建威摄`,
/// `李 博摄（人民视觉）`, `隋先凯摄（新华社发）`, `本报记者  李舸摄影报道`,
/// or a photo agency alone (`人民视觉`).
pub(super) fn is_photo_credit(s: &str, profiles: &Profiles) -> bool {
    // Every line is asked: leave long ones before trimming.
    if s.len() > 4 * 40 {
        return false;
    }
    let t = s.trim();
    // A credit ends in 摄, 摄影, 摄影报道, 供图, a picture agency (…视觉) or a
    // bracketed source: every short line is asked, most leave here.
    if !at_most_chars(t, 32) || !t.ends_with(['摄', '影', '道', '图', '觉', '）', ')']) {
        return false;
    }
    // A source in brackets after the credit: `（人民视觉）`, `（新华社发）`.
    let t = shape::before_trailing_group(t)
        .filter(|b| !b.trim().is_empty())
        .unwrap_or(t)
        .trim();
    let core = ["摄影报道", "摄影", "摄", "供图"]
        .iter()
        .find_map(|k| t.strip_suffix(k))
        .map(str::trim);
    match core {
        Some(who) => {
            !who.is_empty()
                && (parse_byline(who, profiles).is_some() || byline::names_only(who).is_some())
        }
        // A picture agency's name alone.
        None => at_most_chars(t, 6) && t.ends_with("视觉") && t.chars().all(shape::is_han),
    }
}

/// Promotions: scan-to-follow boxes.
pub(super) fn is_promo(s: &str) -> bool {
    let t = s.trim();
    at_most_chars(t, 40)
        && (["扫一扫", "扫码", "长按识别", "扫描二维码"]
            .iter()
            .any(|k| t.starts_with(k))
            // A QR code with what to do with it (`关注…二维码`); a headline
            // about QR codes (`二维码“批量生成”`) is no promotion.
            || (t.contains("二维码")
                && ["关注", "扫", "识别", "下载", "获取", "登录"]
                    .iter()
                    .any(|k| t.contains(k))))
}

/// Legal notices: `…遗失，声明作废。`.
pub(super) fn is_notice(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['。', '.']);
    ["声明作废", "特此声明", "特此公告", "特此通告", "特此通知"]
        .iter()
        .any(|k| t.ends_with(k))
}

/// A notice's heading: `减资公告`, `停水通告`, `遗失声明`, `招聘启事`,
/// `下列证件 声明作废` (short, no sentence in it).
pub(super) fn is_notice_heading(s: &str) -> bool {
    let t = s.trim();
    char_len(t) <= 12
        && !t.contains(['，', '。', ',', '；'])
        && ["公告", "通告", "声明", "启事", "启示", "声明作废"]
            .iter()
            .any(|k| t.ends_with(k))
        // `招聘启示` is a notice misspelt; `…的启示` (the lesson of …) is a
        // feature's heading.
        && !t.ends_with("的启示")
}

/// `一、`, `（一）`, `1.`-style headings that are short and title-shaped,
/// and ordinals standing alone (`第3计`, `第一招`).
pub(super) fn is_enumerated_heading(s: &str) -> bool {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix('第') {
        let number = rest
            .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
        if number.len() < rest.len() && char_len(number) == 1 && number.chars().all(shape::is_han) {
            return true;
        }
    }
    let after_numeral = t.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    // `一、…`, a numeral alone on its line (an essay's part: `一`), or a
    // numeral, a space and the part's title (`五  结语`).
    let spaced = after_numeral.starts_with([' ', '\u{3000}']) && at_most_chars(t, 20);
    if after_numeral.len() < t.len()
        && (after_numeral.starts_with('、') || after_numeral.is_empty() || spaced)
    {
        return true;
    }
    if let Some(rest) = t.strip_prefix('（').or_else(|| t.strip_prefix('('))
        && let Some(i) = rest.find(['）', ')'])
        && rest[..i]
            .chars()
            .all(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit())
    {
        return i > 0;
    }
    false
}

/// The page's staff credits: `责任编辑：某某`, `本期统筹：某某`,
/// `统筹：某 版式：某`, `本版图片由某某提供`, `資料來源：某某` — in either
/// script.
pub(super) fn is_staff_credit(t: &str) -> bool {
    // Every short line is asked: only these characters open a credit.
    if !t.starts_with([
        '责', '编', '统', '版', '美', '校', '制', '设', '图', '数', '资', '本', '責', '編', '統',
        '製', '設', '圖', '數', '資',
    ]) {
        return false;
    }
    const STAFF: [&str; 23] = [
        "责任编辑",
        "责编",
        "编辑",
        "统筹",
        "版式",
        "美编",
        "校对",
        "制图",
        "设计",
        "图片编辑",
        "数据来源",
        "资料来源",
        "責任編輯",
        "責編",
        "編輯",
        "統籌",
        "美編",
        "校對",
        "製圖",
        "設計",
        "圖片編輯",
        "數據來源",
        "資料來源",
    ];
    let head = t
        .strip_prefix("本期")
        .or_else(|| t.strip_prefix("本版"))
        .unwrap_or(t);
    let separated = |r: &str| r.starts_with(['：', ':', ' ', '\u{3000}', '/']);
    // `版式设计：某某`: two staff words make one role.
    let credit = STAFF.iter().filter_map(|s| head.strip_prefix(s)).any(|r| {
        separated(r)
            || STAFF
                .iter()
                .any(|s| r.strip_prefix(s).is_some_and(separated))
    });
    credit
        || (t.starts_with("本版")
            && at_most_chars(t, 40)
            && (t.ends_with("提供") || t.ends_with("供图")))
}

/// Page furniture: see [`Kind::Furniture`].
pub(super) fn is_furniture(s: &str, profiles: &Profiles) -> bool {
    let t = s.trim();
    // Furniture is short; every body line passes here, so leave them at once.
    if t.len() > 160 {
        return false;
    }
    // `A3`, `2`, `第2版`: a page label or number standing alone.
    let label = t.strip_prefix('第').unwrap_or(t);
    let label = label.strip_suffix('版').unwrap_or(label);
    let letters = label.chars().take_while(|c| c.is_ascii_uppercase()).count();
    if letters <= 2
        && (1..=3).contains(&(label.len() - letters))
        && label[letters..].chars().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    if profiles.is_paper_name_line(t) || is_staff_credit(t) {
        return true;
    }
    // `第01版：要闻`, `第A3版 综合新闻`: a folio with the page's name.
    if masthead::folio(t).is_some_and(|(_, name)| name.is_some()) {
        return true;
    }
    // `A2 某某会议召开`: a table-of-contents entry pointing at another page.
    if let Some((label, rest)) = t.split_once([' ', '\u{3000}'])
        && (2..=3).contains(&label.len())
        && label.starts_with(|c: char| c.is_ascii_uppercase())
        && label[1..].chars().all(|c| c.is_ascii_digit())
        && is_title_shaped(rest.trim())
    {
        return true;
    }
    if at_most_chars(t, 40) && (t.contains("www.") || t.contains("http")) {
        return true;
    }
    // A folio: `2022年3月17日 星期四`, `株洲日报 2022年3月17日 星期四 A3 综合新闻`.
    t.contains("星期")
        && at_most_chars(t, 40)
        && !t.contains(['，', '。'])
        && full_dates(t).len() == 1
}

/// The bullets that open briefs in a 简讯 column.
pub(super) const BRIEF_MARKS: [char; 8] = ['■', '●', '◆', '▲', '★', '□', '◎', '◇'];

/// `◆韩浩月`, `◆  何建明`: a writer's name behind a bullet, alone on its
/// line (an essay's signature, not a brief's title); `□本报记者 张三`: a
/// byline behind one; `文/张三 图/李四`: who wrote and photographed.
pub(super) fn marked_byline(s: &str, profiles: &Profiles) -> Option<BylineParts> {
    // A mark and a few names: every line is asked, leave long ones at once.
    if s.len() > 96 {
        return None;
    }
    let t = s.trim();
    if t.contains(['/', '／'])
        && let Some(b) = byline::text_and_picture_credit(t)
    {
        return Some(b);
    }
    let rest = t.strip_prefix(BRIEF_MARKS)?.trim_start();
    // `□本报记者 张三`: a byline behind the bullet.
    if let Some(b) = parse_byline(rest, profiles) {
        return Some(b);
    }
    byline::names_only(rest).map(|writers| BylineParts {
        writers,
        ..Default::default()
    })
}

/// `■ 某某报记者 甲乙 通讯员 丙丁 文/图 近日，…`: a marked byline with the
/// text run on after it (a crawl that kept no line breaks, an OCR that joined
/// two lines) → (the byline, the text). The byline needs a role word; the
/// longest run of leading words that reads as one is taken.
pub(super) fn run_in_marked_byline<'a>(
    s: &'a str,
    profiles: &Profiles,
) -> Option<(BylineParts, &'a str)> {
    let t = s.trim().strip_prefix(BRIEF_MARKS)?.trim_start();
    let ends: Vec<usize> = t
        .char_indices()
        .filter(|&(_, c)| c == ' ' || c == '\u{3000}')
        .map(|(i, _)| i)
        .take(9)
        .collect();
    ends.iter().rev().find_map(|&end| {
        let head = t[..end].trim_end();
        // `文/图` after the names says they also took the pictures.
        let names = head
            .strip_suffix("文/图")
            .or_else(|| head.strip_suffix("图/文"))
            .unwrap_or(head)
            .trim_end();
        let text = t[end..].trim_start();
        let b = match parse_byline(names, profiles) {
            Some(b) => b,
            // `■ 某某 文/图 …`, `■ 某某 经济学上…`: a writer's name alone,
            // before the picture credit or a long text.
            None if !names.contains([' ', '\u{3000}'])
                && (names.len() < head.len() || at_least_chars(text, 40)) =>
            {
                BylineParts {
                    writers: byline::names_only(names).filter(|n| n.len() == 1)?,
                    ..Default::default()
                }
            }
            None => return None,
        };
        let signed = !b.reporters.is_empty()
            || !b.correspondents.is_empty()
            || !b.writers.is_empty()
            || b.signed;
        (signed && !text.is_empty()).then_some((b, text))
    })
}

/// A short line with a telephone number in it (`某某服务中心：（02）2558-0133`,
/// `★某某基金会 0809-008585`): a contact box's entry, never a title or
/// a brief's, whatever marks it. A number of seven digits or more, with
/// only dashes inside it, is a telephone's; a date (`2010/12/07`) or a
/// year is not.
pub(super) fn is_contact_line(s: &str) -> bool {
    let t = s.trim();
    // 40 characters are at most 160 bytes: most lines leave here.
    if t.len() > 160 {
        return false;
    }
    // Most short lines hold fewer than seven digits in all: a count the
    // compiler turns into vector code says so at once (the load of 300
    // generated issues: 5M instructions less than the loop below alone).
    if t.bytes().filter(u8::is_ascii_digit).count() < 7 {
        return false;
    }
    // Digits and dashes are single bytes (a full-width dash ends a number).
    let mut digits = 0;
    for b in t.bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b'-' if digits > 0 => {}
            _ => digits = 0,
        }
        if digits >= 7 {
            return at_most_chars(t, 40);
        }
    }
    false
}

/// `地址：某某路226号`, `◎某某区公所：`: a short label, a colon, what it
/// labels (or nothing, when the entries follow).
pub(super) fn is_field_line(s: &str) -> bool {
    if s.len() > 4 * 48 {
        return false;
    }
    let t = s.trim().trim_start_matches(BRIEF_MARKS).trim_start();
    let Some((label, _)) = t.split_once(['：', ':']) else {
        return false;
    };
    at_most_chars(t, 40)
        && (1..=12).contains(&char_len(label))
        && !label.contains(['，', '。', ',', '；'])
}

/// `■标题 正文…` → (title, the text after it, if any).
pub(super) fn brief_parts(s: &str) -> Option<(&str, Option<&str>)> {
    let t = s.trim().strip_prefix(BRIEF_MARKS)?.trim_start();
    let (title, rest) = match t.split_once([' ', '\u{3000}']) {
        Some((title, rest)) => (title, Some(rest.trim()).filter(|r| !r.is_empty())),
        None => (t, None),
    };
    (char_len(title) <= shape::MAX_HEADLINE_CHARS && is_title_shaped(title))
        .then_some((title, rest))
}

pub(super) fn classify<'a>(n: u32, text: &'a str, profiles: &Profiles) -> Unit<'a> {
    let mut contact = false;
    let kind = if is_furniture(text, profiles) {
        Kind::Furniture
    } else if is_photo_credit(text, profiles) {
        Kind::Caption
    } else if let Some(b) = marked_byline(text, profiles) {
        Kind::Byline(b)
    } else if is_contact_line(text) {
        contact = true;
        Kind::Body
    } else if brief_parts(text).is_some() {
        Kind::Brief
    } else if let Some((jump, label)) = jump_marker(text) {
        Kind::Jump(jump, label)
    } else if let Some(b) = parse_byline(text, profiles).or_else(|| byline::signature(text)) {
        Kind::Byline(b)
    } else if let Some(d) = parse_dateline(text, profiles) {
        Kind::Dateline(d)
    } else if let Some(d) = closing_dateline(text, profiles) {
        Kind::ClosingDateline(d)
    } else if is_promo(text) {
        Kind::Promo
    } else if is_caption(text) {
        Kind::Caption
    } else if is_notice(text) && !is_notice_heading(text) {
        Kind::Notice
    } else if is_title_shaped(text) {
        if is_bracket_subhead(text) || is_enumerated_heading(text) {
            Kind::Subhead
        } else {
            Kind::Title
        }
    } else {
        Kind::Body
    };
    Unit {
        n,
        text,
        kind,
        indented: false,
        after_blank: false,
        after_wide_gap: false,
        contact,
    }
}

/// Text inside a `（…）`/`(…)` group only: a byline printed at an article's end.
pub(super) fn is_parenthesised(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('（') && t.ends_with('）'))
}
