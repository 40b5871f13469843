//! One page of OCR'd text → masthead, articles and unplaced fragments.
//!
//! The page is read line by line. Each non-blank line is classified by its
//! shape (title, byline, dateline, caption, jump marker, body…) and a small
//! state machine groups them: a run of title lines together with any byline
//! and captions around it is an article's header when a byline or dateline
//! confirms it (or it stands where no article is open); otherwise short lines
//! inside an article are its in-body subheads. Body lines cut by column breaks
//! are joined; repeated articles and paragraphs are marked, never dropped.
//! Every non-blank line ends up in exactly one place.

mod byline;
mod header;
mod masthead;
mod pages;
pub mod shape;

pub use byline::{
    BylineParts, Dateline, closing_dateline, month_day_at, parse_byline, parse_dateline,
};
pub use header::{Header, assign as assign_header};
pub use masthead::parse_masthead;
pub use pages::parse_pages;

use crate::model::{
    Article, ArticleKind, Block, BlockKind, Byline, IssueDate, Masthead, Span, Text,
};
use crate::profile::Profiles;
use shape::{
    at_least_chars, at_most_chars, char_len, comma_count, ends_sentence, is_bracket_subhead,
    is_latin_alnum, is_title_shaped,
};

/// What a page yields before the loader gives its articles ids (kept in
/// the parse cache, hence serde).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ParsedPage {
    pub masthead: Option<Masthead>,
    /// Articles in reading order, with empty ids.
    pub articles: Vec<Article>,
    pub fragments: Vec<Text>,
    pub warnings: Vec<(u32, String)>,
    /// The paper, from the masthead or else the outlets in bylines and datelines.
    pub paper: Option<String>,
    /// `M月D日` of every dateline, for inferring the issue date.
    pub dateline_days: Vec<(u32, u32)>,
    /// Every full date (`2022年1月4日`) in the text, for inferring the year.
    pub full_dates: Vec<IssueDate>,
    pub nonblank_lines: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
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
struct Unit<'a> {
    n: u32,
    text: &'a str,
    kind: Kind,
    /// The line as printed opens with an indent (`　　`, spaces).
    indented: bool,
    /// A blank line stands right above it.
    after_blank: bool,
}

impl Unit<'_> {
    fn as_text(&self) -> Text {
        Text {
            text: self.text.to_string(),
            lines: Span::line(self.n),
        }
    }
}

/// Which way a jump marker points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Jump {
    /// 下转A2版: the article goes on on another page.
    To,
    /// 上接A1版: this text goes on from another page.
    From,
    /// 详见B1版: more on another page.
    See,
}

impl Jump {
    /// Records the marker's page on the article it belongs to.
    fn record(self, a: &mut Article, label: String) {
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
fn jump_marker(s: &str) -> Option<(Jump, String)> {
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
fn trailing_jump(s: &str) -> Option<(Jump, String)> {
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
fn trailing_byline(s: &str, profiles: &Profiles) -> Option<BylineParts> {
    let t = s.trim_end();
    // Every paragraph passes here: only its last 48 characters matter.
    let tail = &t[t.floor_char_boundary(t.len().saturating_sub(4 * 48))..];
    let end = tail.rfind(['。', '！', '？', '”', '」'])?;
    let after = tail[end..].chars().next().map_or(0, char::len_utf8);
    let candidate = tail[end + after..].trim();
    if candidate.is_empty() || candidate.starts_with(['（', '(']) {
        return None;
    }
    let b = parse_byline(candidate, profiles)?;
    (!b.reporters.is_empty() || !b.correspondents.is_empty()).then_some(b)
}

/// Photo captions end with a credit: `…。张三摄`, `…。某公司 供图`,
/// `…（记者 张三 摄）`.
fn is_caption(s: &str) -> bool {
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
fn is_photo_credit(s: &str, profiles: &Profiles) -> bool {
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
fn is_promo(s: &str) -> bool {
    let t = s.trim();
    at_most_chars(t, 40)
        && (["扫一扫", "扫码", "长按识别", "扫描二维码"]
            .iter()
            .any(|k| t.starts_with(k))
            || t.contains("二维码"))
}

/// Legal notices: `…遗失，声明作废。`.
fn is_notice(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['。', '.']);
    ["声明作废", "特此声明", "特此公告", "特此通告", "特此通知"]
        .iter()
        .any(|k| t.ends_with(k))
}

/// A notice's heading: `减资公告`, `停水通告`, `遗失声明`, `招聘启事`,
/// `下列证件 声明作废` (short, no sentence in it).
fn is_notice_heading(s: &str) -> bool {
    let t = s.trim();
    char_len(t) <= 12
        && !t.contains(['，', '。', ',', '；'])
        && ["公告", "通告", "声明", "启事", "启示", "声明作废"]
            .iter()
            .any(|k| t.ends_with(k))
}

/// `一、`, `（一）`, `1.`-style headings that are short and title-shaped,
/// and ordinals standing alone (`第3计`, `第一招`).
fn is_enumerated_heading(s: &str) -> bool {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix('第') {
        let number = rest
            .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
        if number.len() < rest.len() && char_len(number) == 1 && number.chars().all(shape::is_han) {
            return true;
        }
    }
    let after_numeral = t.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    if after_numeral.len() < t.len() && after_numeral.starts_with('、') {
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
/// `统筹：某 版式：某`, `本版图片由某某提供`.
fn is_staff_credit(t: &str) -> bool {
    // Every short line is asked: only these characters open a credit.
    if !t.starts_with([
        '责', '编', '统', '版', '美', '校', '制', '设', '图', '数', '本',
    ]) {
        return false;
    }
    const STAFF: [&str; 11] = [
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
    ];
    let head = t
        .strip_prefix("本期")
        .or_else(|| t.strip_prefix("本版"))
        .unwrap_or(t);
    let credit = STAFF.iter().any(|s| {
        head.strip_prefix(s)
            .is_some_and(|r| r.starts_with(['：', ':', ' ', '\u{3000}', '/']))
    });
    credit
        || (t.starts_with("本版")
            && at_most_chars(t, 40)
            && (t.ends_with("提供") || t.ends_with("供图")))
}

/// Page furniture: see [`Kind::Furniture`].
fn is_furniture(s: &str, profiles: &Profiles) -> bool {
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
const BRIEF_MARKS: [char; 6] = ['■', '●', '◆', '▲', '★', '□'];

/// `◆韩浩月`, `◆  何建明`: a writer's name behind a bullet, alone on its
/// line (an essay's signature, not a brief's title); `□本报记者 张三`: a
/// byline behind one; `文/张三 图/李四`: who wrote and photographed.
fn marked_byline(s: &str, profiles: &Profiles) -> Option<BylineParts> {
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

/// `■标题 正文…` → (title, the text after it, if any).
fn brief_parts(s: &str) -> Option<(&str, Option<&str>)> {
    let t = s.trim().strip_prefix(BRIEF_MARKS)?.trim_start();
    let (title, rest) = match t.split_once([' ', '\u{3000}']) {
        Some((title, rest)) => (title, Some(rest.trim()).filter(|r| !r.is_empty())),
        None => (t, None),
    };
    (char_len(title) <= shape::MAX_HEADLINE_CHARS && is_title_shaped(title))
        .then_some((title, rest))
}

fn classify<'a>(n: u32, text: &'a str, profiles: &Profiles) -> Unit<'a> {
    let kind = if is_furniture(text, profiles) {
        Kind::Furniture
    } else if is_photo_credit(text, profiles) {
        Kind::Caption
    } else if let Some(b) = marked_byline(text, profiles) {
        Kind::Byline(b)
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
    }
}

fn new_article(kind: ArticleKind, at: Span) -> Article {
    Article {
        id: String::new(),
        kind,
        section: None,
        kicker: None,
        headline: None,
        subheadlines: Vec::new(),
        byline: Byline::default(),
        dateline: None,
        body: Vec::new(),
        captions: Vec::new(),
        jumps: Vec::new(),
        continued_to: None,
        continued_from: None,
        see_also: None,
        duplicate_of: None,
        lines: at,
    }
}

fn merge_byline(into: &mut Byline, parts: &BylineParts) {
    if into.agency.is_none() {
        into.agency.clone_from(&parts.agency);
    }
    for (list, names) in [
        (&mut into.reporters, &parts.reporters),
        (&mut into.correspondents, &parts.correspondents),
        (&mut into.interns, &parts.interns),
        (&mut into.writers, &parts.writers),
    ] {
        for n in names {
            if !list.contains(n) {
                list.push(n.clone());
            }
        }
    }
}

/// Gives `a` the bylines and captions of a header run (and its lines);
/// returns the papers the bylines name.
fn take_bylines_and_captions(a: &mut Article, run: &[Unit]) -> Vec<String> {
    let mut papers = Vec::new();
    for u in run {
        a.lines = a.lines.cover(Span::line(u.n));
        match &u.kind {
            Kind::Byline(b) => {
                merge_byline(&mut a.byline, b);
                a.byline.lines.push(u.as_text());
                papers.extend(b.paper.clone());
            }
            Kind::Caption => a.captions.push(u.as_text()),
            _ => {}
        }
    }
    papers
}

/// Text inside a `（…）`/`(…)` group only: a byline printed at an article's end.
fn is_parenthesised(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('（') && t.ends_with('）'))
}

struct Walker<'p> {
    profiles: &'p Profiles,
    articles: Vec<Article>,
    /// The article text is currently flowing into.
    current: Option<usize>,
    /// Set right after `上接X版`: the next header names that continuation.
    continuation_open: bool,
    /// Captions seen before any article they could belong to.
    pending_captions: Vec<Text>,
    /// A column label (`简讯`) over briefs: the first brief's section.
    pending_section: Option<Text>,
    fragments: Vec<Text>,
    papers: Vec<String>,
    dateline_days: Vec<(u32, u32)>,
    /// The article whose dateline was printed in brackets, if it is open.
    bracketed_dateline: Option<usize>,
    /// Text indented, titles flush: see [`parse_page`].
    indent_style: bool,
    /// Blank lines only between articles: see [`parse_page`].
    blank_style: bool,
}

impl Walker<'_> {
    fn cur(&mut self) -> Option<&mut Article> {
        self.current.map(|i| &mut self.articles[i])
    }

    fn push_article(&mut self, a: Article) -> usize {
        self.articles.push(a);
        let i = self.articles.len() - 1;
        self.current = Some(i);
        i
    }

    /// Is `text` a cut-off repeat of a paragraph already printed in the current
    /// article (the scan printed its opening twice)?
    fn repeats_current(&self, text: &str) -> bool {
        let Some(i) = self.current else { return false };
        char_len(text) >= 8
            && self.articles[i]
                .body
                .iter()
                .any(|b| b.text.len() > text.len() && b.text.starts_with(text.trim()))
    }

    fn add_body(&mut self, unit: &Unit, kind: BlockKind) {
        // Text straight after `上接X版`: the continuation has no reprinted
        // headline, and the next header starts another article.
        self.continuation_open = false;
        let idx = match self.current {
            Some(i) => i,
            None => self.push_article(new_article(ArticleKind::Article, Span::line(unit.n))),
        };
        let a = &mut self.articles[idx];
        a.lines = a.lines.cover(Span::line(unit.n));
        if let Some((jump, label)) = trailing_jump(unit.text) {
            jump.record(a, label);
        }
        // `…。（记者 张三 通讯员 李四）`: the byline closing the text.
        if kind == BlockKind::Paragraph
            && let Some(before) = shape::before_trailing_group(unit.text)
            && ends_sentence(before)
            && let Some(b) = parse_byline(&unit.text.trim()[before.len()..], self.profiles)
        {
            merge_byline(&mut a.byline, &b);
        }
        // `…谢谢所有人了。”本报记者  杨硕`: run on after the last sentence.
        if kind == BlockKind::Paragraph
            && let Some(b) = trailing_byline(unit.text, self.profiles)
        {
            merge_byline(&mut a.byline, &b);
        }

        let text = unit.text.trim();
        // A paragraph printed again (between the halves of one the column
        // break cut), or the cut-off opening of one printed again, is marked
        // as a copy and joins nothing.
        let copies = |b: &Block| {
            b.kind == BlockKind::Paragraph
                && (b.text == text || (b.text.len() > text.len() && b.text.starts_with(text)))
        };
        if kind == BlockKind::Paragraph
            && (at_least_chars(text, 16) || (at_least_chars(text, 8) && !ends_sentence(text)))
            && a.body.iter().any(copies)
        {
            a.body.push(Block {
                kind,
                text: text.to_string(),
                lines: Span::line(unit.n),
                repeated: true,
            });
            return;
        }
        // Join a paragraph cut by a column break: the last paragraph (or the
        // one before a copy printed between the halves) did not end its
        // sentence and this line continues it.
        let open = a.body.iter().rposition(|b| !b.repeated).filter(|&i| {
            a.body[i + 1..]
                .iter()
                .all(|b| b.kind == BlockKind::Paragraph)
        });
        if kind == BlockKind::Paragraph
            && let Some(last) = open.map(|i| &mut a.body[i])
            && last.kind == BlockKind::Paragraph
            && !ends_sentence(&last.text)
        {
            let glue = match (last.text.chars().last(), text.chars().next()) {
                // A number cut in two is one number; Latin words keep a space.
                (Some(x), Some(y)) if x.is_ascii_digit() && (y.is_ascii_digit() || y == '.') => "",
                (Some(x), Some(y)) if is_latin_alnum(x) && is_latin_alnum(y) => " ",
                _ => "",
            };
            last.text.push_str(glue);
            last.text.push_str(text);
            last.lines = last.lines.cover(Span::line(unit.n));
            return;
        }
        a.body.push(Block {
            kind,
            text: text.to_string(),
            lines: Span::line(unit.n),
            repeated: false,
        });
    }

    /// Starts a standalone insert (promo, notice) without ending the article
    /// whose columns it interrupts.
    fn insert(&mut self, unit: &Unit, kind: ArticleKind) {
        let resume = self.current;
        let notice_open =
            self.current.is_some() && self.current == self.articles.len().checked_sub(1);
        if kind == ArticleKind::Notice
            && notice_open
            && let Some(last) = self.articles.last_mut()
            && last.kind == ArticleKind::Notice
        {
            // Consecutive notices form one notice block.
            last.body.push(Block {
                kind: BlockKind::Paragraph,
                text: unit.text.trim().to_string(),
                lines: Span::line(unit.n),
                repeated: false,
            });
            last.lines = last.lines.cover(Span::line(unit.n));
            return;
        }
        let mut a = new_article(kind, Span::line(unit.n));
        match kind {
            ArticleKind::Promo => a.headline = Some(unit.as_text()),
            _ => a.body.push(Block {
                kind: BlockKind::Paragraph,
                text: unit.text.trim().to_string(),
                lines: Span::line(unit.n),
                repeated: false,
            }),
        }
        self.articles.push(a);
        // Notices are runs: keep the notice open; a promo hands back at once.
        self.current = if kind == ArticleKind::Notice {
            Some(self.articles.len() - 1)
        } else {
            resume
        };
    }

    fn dateline(&mut self, unit: &Unit, d: &Dateline) {
        if let Some((m, day)) = d.month_day {
            self.dateline_days.push((m, day));
        }
        if let Some(p) = &d.paper {
            self.papers.push(p.clone());
        }
        let needs_new = match self.current {
            None => true,
            Some(i) => {
                let a = &self.articles[i];
                // A lead printed above the dateline (a summary, 核心阅读, an
                // editor's note) leaves a titled article still waiting for
                // its dateline: the dateline is its, not another's.
                let lead_only = a.kind == ArticleKind::Article
                    && a.headline.is_some()
                    && a.dateline.is_none()
                    && a.byline.is_empty()
                    && a.body.len() <= 2;
                // `【新华社延安二十五日电】…` then `【新华社延安二十三日电】…`:
                // further dispatches under the same headline.
                let next_dispatch = d.bracketed
                    && a.kind == ArticleKind::Article
                    && a.headline.is_some()
                    && self.bracketed_dateline == Some(i);
                a.kind == ArticleKind::Notice
                    || a.kind == ArticleKind::Promo
                    || (!a.body.is_empty() && !lead_only && !next_dispatch)
            }
        };
        if needs_new {
            let mut a = new_article(ArticleKind::Article, Span::line(unit.n));
            a.captions = std::mem::take(&mut self.pending_captions);
            // A title read as a crosshead of the article above, then a line
            // or two of summary, then this dateline: the title was this
            // article's headline, the summary its lead. An article has one
            // dateline of its own, so the second one decides it.
            if let Some(i) = self.current
                && let Some((headline, lead)) = self.take_misread_header(i)
            {
                a.lines = a.lines.cover(headline.lines);
                for b in &lead {
                    a.lines = a.lines.cover(b.lines);
                }
                a.headline = Some(headline);
                a.body = lead;
            }
            self.push_article(a);
        }
        if d.bracketed {
            self.bracketed_dateline = self.current;
        }
        let a = self.cur().expect("an article is open");
        if a.dateline.is_some() {
            // A further dispatch: its text joins the article's.
            return self.add_body(unit, BlockKind::Paragraph);
        }
        a.dateline = Some(d.text.clone());
        if let Some(agency) = &d.agency {
            a.byline.agency = Some(agency.clone());
        }
        if let Some(b) = &d.byline {
            merge_byline(&mut a.byline, b);
        }
        self.add_body(unit, BlockKind::Paragraph);
    }

    /// See [`Walker::dateline`]: the last subhead of article `i` and the at
    /// most two paragraphs after it, taken out of it, when the article
    /// already has its own dateline.
    fn take_misread_header(&mut self, i: usize) -> Option<(Text, Vec<Block>)> {
        let a = &mut self.articles[i];
        if a.kind != ArticleKind::Article || a.dateline.is_none() {
            return None;
        }
        // A title with a comma was kept as a paragraph piece: it counts too.
        let k = a.body.iter().rposition(|b| {
            b.kind == BlockKind::Subhead
                || (!b.repeated
                    && at_most_chars(&b.text, shape::MAX_HEADLINE_CHARS)
                    && is_title_shaped(&b.text))
        })?;
        let after = &a.body[k + 1..];
        if after.len() > 2
            || after
                .iter()
                .any(|b| b.kind != BlockKind::Paragraph || b.repeated)
        {
            return None;
        }
        let mut tail = a.body.split_off(k);
        let head = tail.remove(0);
        // What the article keeps decides its span again.
        a.lines = a.spans().into_iter().reduce(Span::cover).unwrap_or(a.lines);
        Some((
            Text {
                text: head.text,
                lines: head.lines,
            },
            tail,
        ))
    }

    /// `（新华社北京1月1日电）`: the wire copy above ends here; what follows
    /// is another article.
    fn closing_dateline(&mut self, unit: &Unit, d: &Dateline) {
        let Some(a) = self.cur() else {
            return self.fragments.push(unit.as_text());
        };
        a.lines = a.lines.cover(Span::line(unit.n));
        if a.dateline.is_none() {
            a.dateline = Some(d.text.clone());
        }
        if a.byline.agency.is_none() {
            a.byline.agency.clone_from(&d.agency);
        }
        if let Some(b) = &d.byline {
            merge_byline(&mut a.byline, b);
        }
        a.body.push(Block {
            kind: BlockKind::Paragraph,
            text: unit.text.trim().to_string(),
            lines: Span::line(unit.n),
            repeated: false,
        });
        self.current = None;
    }

    /// A run of title, byline and caption lines: a new article's header, or
    /// subheads inside the current one.
    fn header_run(&mut self, run: &[Unit], prev: Option<&Unit>, next: Option<&Unit>) {
        let titles: Vec<&Unit> = run.iter().filter(|u| u.kind == Kind::Title).collect();
        let has_byline = run.iter().any(|u| matches!(u.kind, Kind::Byline(_)));
        let dateline_follows = matches!(next.map(|u| &u.kind), Some(Kind::Dateline(_)));
        let open_body = self
            .current
            .map(|i| {
                let a = &self.articles[i];
                a.kind == ArticleKind::Article || a.kind == ArticleKind::Continuation
            })
            .unwrap_or(false);
        let titles_look_like_a_header = titles.len() >= 2
            && (titles
                .iter()
                .any(|t| shape::is_section_label(t.text) || shape::is_kicker_shaped(t.text))
                || titles
                    .iter()
                    .skip(1)
                    .any(|t| shape::is_attendee_line(t.text) || shape::is_dash_deck(t.text))
                || titles.iter().all(|t| comma_count(t.text) == 0));
        // A photo item: a title and its caption (either above the other).
        let photo_item = run.iter().any(|u| u.kind == Kind::Caption) && !titles.is_empty();
        // `（上接A1版）` under a title: the continuation's reprinted headline.
        let continuation_follows = matches!(next.map(|u| &u.kind), Some(Kind::Jump(Jump::From, _)));
        // Titles right under an enumerated heading (`第1计` / `轻车熟路` /
        // `改装采样车`) are that section's crossheads, whatever their number.
        let under_enumeration = matches!(prev.map(|u| &u.kind), Some(Kind::Subhead))
            && open_body
            && !has_byline
            && !dateline_follows;
        // `致全市人民的感谢信` over `亲爱的市民朋友们：`: a letter opens.
        let salutation_follows = next.is_some_and(|u| {
            u.kind == Kind::Body
                && at_most_chars(u.text, 20)
                && u.text.trim_end().ends_with(['：', ':'])
                && !u.text.contains(['，', '。', ','])
        });
        // The page's own layout: a flush title after a blank line opens an
        // article; an indented title line is a crosshead.
        let flush_after_blank = (self.indent_style && !run[0].indented && run[0].after_blank)
            || (self.blank_style && run[0].after_blank);
        let indented_crosshead = (self.indent_style && titles.iter().all(|t| t.indented)
            || self.blank_style && !run[0].after_blank)
            && open_body
            && !has_byline
            && !dateline_follows;
        let is_header = !under_enumeration
            && !indented_crosshead
            && (has_byline
                || flush_after_blank
                || salutation_follows
                || dateline_follows
                || !open_body
                || self.continuation_open
                || titles_look_like_a_header
                || photo_item
                || continuation_follows);

        // `某某公司清算组` / `2021年3月24日` under a notice, a letter or a
        // statement: its signature, not the next article's header.
        if let Some(i) = self.current
            && (self.articles[i].kind == ArticleKind::Notice
                || (open_body && !self.articles[i].body.is_empty()))
            && !has_byline
            && titles.len() == run.len()
            && titles.len() <= 3
            && titles.last().is_some_and(|t| is_bare_date(t.text))
        {
            let a = &mut self.articles[i];
            for u in run {
                a.lines = a.lines.cover(Span::line(u.n));
                a.body.push(Block {
                    kind: BlockKind::Paragraph,
                    text: u.text.trim().to_string(),
                    lines: Span::line(u.n),
                    repeated: false,
                });
            }
            return;
        }
        // A column label over briefs (`简讯` then `■…`) heads the first one.
        if titles.len() == 1
            && run.len() == 1
            && matches!(next.map(|u| &u.kind), Some(Kind::Brief))
            && shape::is_section_label(run[0].text)
        {
            self.pending_section = Some(run[0].as_text());
            return;
        }
        // `本报讯 …导语。` then the byline: printed after the lead paragraph,
        // it belongs to the article above, not to a new untitled one.
        if titles.is_empty()
            && has_byline
            && !dateline_follows
            && let Some(i) = self.current
            && let a = &mut self.articles[i]
            && a.kind == ArticleKind::Article
            && a.headline.is_some()
            && a.byline.is_empty()
            && a.byline.lines.is_empty()
            && a.dateline.is_some()
            && a.body.len() == 1
        {
            let papers = take_bylines_and_captions(a, run);
            self.papers.extend(papers);
            return;
        }
        // A heading over a run of notices (遗失声明), or one that names itself
        // a notice (`停水通告`), is the notices' headline; their text follows.
        if titles.len() == 1
            && run.len() == 1
            && (matches!(next.map(|u| &u.kind), Some(Kind::Notice))
                || (is_notice_heading(run[0].text) && !dateline_follows))
            && !self.continuation_open
        {
            let mut a = new_article(ArticleKind::Notice, Span::line(run[0].n));
            a.headline = Some(run[0].as_text());
            self.push_article(a);
            return;
        }

        if !is_header {
            // Inside an article: short title lines are in-body subheads; a
            // title-shaped line with a comma is a cut piece of a paragraph.
            for u in run {
                match &u.kind {
                    Kind::Caption => {
                        let t = u.as_text();
                        if let Some(a) = self.cur() {
                            a.lines = a.lines.cover(t.lines);
                            a.captions.push(t);
                        }
                    }
                    _ if comma_count(u.text) > 0 => self.add_body(u, BlockKind::Paragraph),
                    _ => self.add_body(u, BlockKind::Subhead),
                }
            }
            return;
        }

        let first = Span::line(run[0].n);
        let idx = if self.continuation_open {
            self.continuation_open = false;
            self.current.expect("a continuation is open")
        } else {
            let mut a = new_article(ArticleKind::Article, first);
            a.captions = std::mem::take(&mut self.pending_captions);
            self.push_article(a)
        };
        let title_texts: Vec<Text> = titles.iter().map(|u| u.as_text()).collect();
        let header = header::assign(&title_texts);
        let a = &mut self.articles[idx];
        let papers = take_bylines_and_captions(a, run);
        a.section = header.section;
        a.kicker = header.kicker;
        a.headline = header.headline;
        a.subheadlines = header.subheadlines;
        self.papers.extend(papers);
    }

    /// `■标题 正文…`: a new article whose headline is the run-in title.
    fn brief(&mut self, unit: &Unit) {
        let Some((title, rest)) = brief_parts(unit.text) else {
            return self.add_body(unit, BlockKind::Paragraph);
        };
        let at = Span::line(unit.n);
        let mut a = new_article(ArticleKind::Article, at);
        a.section = self.pending_section.take();
        if let Some(s) = &a.section {
            a.lines = a.lines.cover(s.lines);
        }
        a.headline = Some(Text {
            text: title.to_string(),
            lines: at,
        });
        self.continuation_open = false;
        self.push_article(a);
        if let Some(rest) = rest {
            let body = Unit {
                n: unit.n,
                text: rest,
                kind: Kind::Body,
                indented: false,
                after_blank: false,
            };
            self.add_body(&body, BlockKind::Paragraph);
        }
    }

    fn jump(&mut self, unit: &Unit, jump: Jump, label: String) {
        if jump == Jump::From
            && let Some(a) = self.current.and_then(|i| self.articles.get_mut(i))
            && a.kind == ArticleKind::Article
            && a.headline.is_some()
            && a.body.is_empty()
            && a.dateline.is_none()
        {
            // `标题` then `（上接A1版）`: the reprinted headline names it.
            a.kind = ArticleKind::Continuation;
            a.continued_from = Some(label);
            a.lines = a.lines.cover(Span::line(unit.n));
            a.jumps.push(unit.as_text());
            return;
        }
        if jump == Jump::From {
            let mut a = new_article(ArticleKind::Continuation, Span::line(unit.n));
            a.continued_from = Some(label);
            a.jumps.push(unit.as_text());
            self.push_article(a);
            self.continuation_open = true;
            return;
        }
        match self.cur() {
            Some(a) => {
                a.lines = a.lines.cover(Span::line(unit.n));
                a.jumps.push(unit.as_text());
                jump.record(a, label);
            }
            None => self.fragments.push(unit.as_text()),
        }
    }
}

/// Spaces other than the ASCII and ideographic ones (a no-break space, the
/// typographic widths): e-papers pad bylines and datelines with `&nbsp;`
/// (`本报记者\u{a0}\u{a0}季\u{a0}\u{a0}芳`). They separate as a space does.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}'
    )
}

/// Does `text` hold an [`is_odd_space`]? Looked for by their UTF-8 bytes
/// (`C2 A0`, `E2 80 80`–`8A`, `E2 80 AF`, `E2 81 9F`): every page is asked,
/// and walking its characters cost a tenth of the parse.
fn has_odd_space(text: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // Built once: a searcher per page cost more than the search.
    static NBSP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\xc2\xa0"));
    static MMSP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\xe2\x81\x9f"));
    static GENERAL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\xe2\x80"));
    let b = text.as_bytes();
    NBSP.find(b).is_some()
        || MMSP.find(b).is_some()
        || GENERAL.find_iter(b).any(|i| {
            b.get(i + 2)
                .is_some_and(|&c| (0x80..=0x8a).contains(&c) || c == 0xaf)
        })
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
/// indent nothing: neither holds. Returns (indented text, blank-line
/// breaks).
fn page_layout(units: &[Unit]) -> (bool, bool) {
    let (mut long, mut long_indented) = (0, 0);
    let (mut following, mut following_after_blank) = (0, 0);
    let (mut titles, mut flush_titles, mut titles_after_blank) = (0, 0, 0);
    let mut previous_body = false;
    for u in units {
        match u.kind {
            Kind::Body if at_least_chars(u.text, 24) => {
                long += 1;
                long_indented += usize::from(u.indented);
                if previous_body {
                    following += 1;
                    following_after_blank += usize::from(u.after_blank);
                }
            }
            Kind::Title => {
                titles += 1;
                flush_titles += usize::from(!u.indented);
                titles_after_blank += usize::from(u.after_blank);
            }
            _ => {}
        }
        previous_body = u.kind == Kind::Body;
    }
    let indented = long >= 3 && long_indented * 10 >= long * 9 && flush_titles * 2 > titles;
    let blank_breaks = following >= 3
        && following_after_blank * 10 <= following
        && titles_after_blank * 2 > titles;
    (indented, blank_breaks)
}

/// Parses one page of sanitized text.
pub fn parse_page(text: &str, profiles: &Profiles) -> ParsedPage {
    parse_page_at(text, 1, profiles)
}

/// Parses a page whose first line is line `first_line` of its file.
fn parse_page_at(text: &str, first_line: u32, profiles: &Profiles) -> ParsedPage {
    // Most pages have none: only those that do are copied.
    let spaced;
    let text = if has_odd_space(text) {
        spaced = text.replace(is_odd_space, " ");
        spaced.as_str()
    } else {
        text
    };
    let lines: Vec<(u32, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i as u32 + first_line, l))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let mut page = ParsedPage {
        nonblank_lines: lines.iter().map(|(n, _)| *n).collect(),
        full_dates: full_dates(text),
        ..Default::default()
    };
    let mut start = 0;
    if let Some((m, used)) = parse_masthead(&lines, profiles) {
        // Lines before the paper's name (at most two) are fragments.
        let first_masthead_line = m.lines.first().map(|s| s.first).unwrap_or(0);
        for &(n, l) in lines.iter().take_while(|(n, _)| *n < first_masthead_line) {
            page.fragments.push(Text {
                text: l.trim().to_string(),
                lines: Span::line(n),
            });
        }
        page.paper = m.paper.clone();
        page.masthead = Some(m);
        start = used;
    }
    let mut units: Vec<Unit> = lines[start..]
        .iter()
        .enumerate()
        .map(|(k, &(n, l))| Unit {
            indented: l.starts_with(['\u{3000}', ' ', '\t']),
            after_blank: k + start == 0 || lines[k + start - 1].0 + 1 < n,
            ..classify(n, l.trim(), profiles)
        })
        .collect();
    // An inner page has no masthead, but its folio at the top (`A3`,
    // `2022年3月17日 星期四`) says the page and the day, as a masthead does.
    if page.masthead.is_none() {
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
            page.masthead = Some(m);
        }
    }
    // A headline may end with ？ or ！ (`年夜饭预订火爆，你订了吗？`): right
    // above a byline or a dateline, a short such line is a title.
    for i in 0..units.len().saturating_sub(1) {
        let t = units[i].text;
        let next_opens = match &units[i + 1].kind {
            Kind::Byline(_) | Kind::Dateline(_) => true,
            // `…去哪儿？` over `延伸阅读`: a sidebar's title and its label.
            Kind::Title => shape::is_section_label(units[i + 1].text),
            _ => false,
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
    // A paragraph right above a photo credit is the photo's caption
    // (`图为…。` then `新华社记者  王建威摄`).
    for i in 1..units.len() {
        if units[i].kind == Kind::Caption
            && units[i - 1].kind == Kind::Body
            && is_photo_credit(units[i].text, profiles)
            && at_most_chars(units[i - 1].text, 200)
        {
            units[i - 1].kind = Kind::Caption;
        }
    }
    // Where a line stands decides what a name-shaped line is.
    for i in 0..units.len() {
        let prev = i.checked_sub(1).map(|j| &units[j].kind);
        let next = units.get(i + 1).map(|u| &u.kind);
        let after_title = matches!(prev, Some(Kind::Title));
        let after_body = matches!(prev, Some(Kind::Body | Kind::ClosingDateline(_)));
        let body_follows = matches!(next, Some(Kind::Body | Kind::Dateline(_)));
        match &units[i].kind {
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
                    && (is_parenthesised(units[i].text) || shape::is_dash_deck(units[i].text)) =>
            {
                units[i].kind = Kind::Body;
            }
            _ => {}
        }
    }
    // A kicker may end with a colon (`冲刺一季度“开门红”：`), which reads as a
    // sentence end on its own; over a title line it is a title too.
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

    // Where does this page sign its articles? Under the headline (a byline
    // after a title line), or at the end of the text (a byline after a body
    // line)? The page's own bylines vote: a paper does one or the other, and
    // a byline after a body line means the one the page mostly does.
    // A byline after the text of an article that is signed already (in its
    // dateline, under its title), or one whose next header leads into a
    // dateline, is the next article's, printed before its headline: it
    // votes for signing under the title.
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
    let bylines_close = after_text > under_title;
    let (indent_style, blank_style) = page_layout(&units);

    let mut w = Walker {
        profiles,
        articles: Vec::new(),
        current: None,
        continuation_open: false,
        pending_captions: Vec::new(),
        pending_section: None,
        fragments: Vec::new(),
        papers: Vec::new(),
        dateline_days: Vec::new(),
        bracketed_dateline: None,
        indent_style,
        blank_style,
    };
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        match &u.kind {
            Kind::Title | Kind::Byline(_) | Kind::Caption => {
                // A cut-off repeat of a paragraph stays with its article.
                if u.kind == Kind::Title && w.repeats_current(u.text) {
                    w.add_body(u, BlockKind::Paragraph);
                    if let Some(a) = w.cur()
                        && let Some(b) = a.body.last_mut()
                    {
                        b.repeated = true;
                    }
                    i += 1;
                    continue;
                }
                // A bracketed byline after an article's text closes that
                // article; so does any byline right after the text on a page
                // that signs its articles at their end.
                let closing = is_parenthesised(u.text)
                    || (bylines_close && i > 0 && units[i - 1].kind == Kind::Body);
                if let Kind::Byline(b) = &u.kind
                    && closing
                    && let Some(a) = w.cur()
                    && !a.body.is_empty()
                {
                    merge_byline(&mut a.byline, b);
                    a.byline.lines.push(u.as_text());
                    a.lines = a.lines.cover(Span::line(u.n));
                    // The next section of an enumerated piece (`第2计`)
                    // goes on in the same article, and so does text with no
                    // header of its own (a roundup's next item): a new
                    // article needs a header.
                    let section_follows = units
                        .get(i + 1)
                        .is_some_and(|x| matches!(x.kind, Kind::Subhead | Kind::Body));
                    if !is_parenthesised(u.text) && !section_follows {
                        w.current = None;
                    }
                    i += 1;
                    continue;
                }
                // Page furniture inside a header (a folio between the page's
                // section name and the headline) does not split it.
                let mut end = units[i..]
                    .iter()
                    .position(|x| {
                        !matches!(
                            x.kind,
                            Kind::Title
                                | Kind::Byline(_)
                                | Kind::Caption
                                | Kind::Furniture
                                | Kind::Folio
                        )
                    })
                    .map(|p| i + p)
                    .unwrap_or(units.len());
                // A photo item printed caption first: caption, its title, then
                // a kicker (`…时要求`) that opens the next article.
                if units[i].kind == Kind::Caption
                    && let Some(t) = (i + 1..end).find(|&j| units[j].kind != Kind::Caption)
                    && units[t].kind == Kind::Title
                    && units
                        .get(t + 1)
                        .is_some_and(|x| x.kind == Kind::Title && shape::is_kicker_shaped(x.text))
                {
                    end = t + 1;
                }
                // A photo item (title, then its caption) ends at the caption
                // when another article's titles follow.
                if let Some(c) = (i + 1..end).find(|&j| {
                    units[j].kind == Kind::Caption
                        && units[i..j].iter().any(|x| x.kind == Kind::Title)
                        && units[j + 1..]
                            .iter()
                            .find(|x| x.kind != Kind::Furniture)
                            .is_some_and(|x| x.kind == Kind::Title)
                }) {
                    end = c + 1;
                }
                // A signature closing the text (`某某委员会` / `2022年6月1日`)
                // ends at its date: titles after it head the next article.
                if w.current.is_some_and(|c| !w.articles[c].body.is_empty())
                    && let Some(d) = (i..end.min(i + 3))
                        .take_while(|&j| units[j].kind == Kind::Title)
                        .find(|&j| is_bare_date(units[j].text))
                {
                    end = end.min(d + 1);
                }
                let run = &units[i..end];
                for f in run.iter().filter(|x| x.kind == Kind::Furniture) {
                    w.fragments.push(f.as_text());
                }
                let kept: Vec<Unit> = run
                    .iter()
                    .filter(|x| !matches!(x.kind, Kind::Furniture | Kind::Folio))
                    .cloned()
                    .collect();
                let run = kept.as_slice();
                let only_captions = run.iter().all(|x| x.kind == Kind::Caption);
                if only_captions {
                    for c in run {
                        let t = c.as_text();
                        match w.cur() {
                            Some(a) if !a.body.is_empty() || a.headline.is_some() => {
                                a.lines = a.lines.cover(t.lines);
                                a.captions.push(t)
                            }
                            _ => w.pending_captions.push(t),
                        }
                    }
                } else {
                    w.header_run(run, i.checked_sub(1).map(|j| &units[j]), units.get(end));
                }
                i = end;
                continue;
            }
            Kind::Subhead => w.add_body(u, BlockKind::Subhead),
            Kind::Dateline(d) => {
                let d = d.clone();
                w.dateline(u, &d);
            }
            Kind::ClosingDateline(d) => {
                let d = d.clone();
                w.closing_dateline(u, &d);
            }
            Kind::Jump(jump, label) => w.jump(u, *jump, label.clone()),
            Kind::Furniture => w.fragments.push(u.as_text()),
            Kind::Folio => {}
            Kind::Brief => w.brief(u),
            Kind::Promo => w.insert(u, ArticleKind::Promo),
            Kind::Notice => w.insert(u, ArticleKind::Notice),
            Kind::Body => {
                // A notice under its own heading takes the text that follows;
                // a run of bare notices does not.
                if w.current.is_some_and(|c| {
                    w.articles[c].kind == ArticleKind::Notice && w.articles[c].headline.is_none()
                }) {
                    // Body text after a notice run resumes the page's flow.
                    w.current = w.articles.iter().rposition(|a| {
                        a.kind == ArticleKind::Article || a.kind == ArticleKind::Continuation
                    });
                }
                w.add_body(u, BlockKind::Paragraph);
            }
        }
        i += 1;
    }
    // Captions that never met their article are kept as fragments.
    w.fragments.append(&mut w.pending_captions);
    credit_photographers(&mut w.articles, profiles);

    mark_repeats(&mut w.articles);
    release_slack(&mut w.articles);
    page.articles = w.articles;
    page.fragments.extend(w.fragments);
    page.dateline_days = w.dateline_days;
    if page.paper.is_none() {
        page.paper = most_common(&w.papers);
    }
    page.warnings.extend(
        ocr_variant_warnings(text, profiles)
            .into_iter()
            .map(|(line, w)| (line + first_line - 1, w)),
    );
    page
}

/// The byline in a caption's credit: `…。 株洲日报记者 张三 摄` → 记者 张三.
fn caption_byline(caption: &str, profiles: &Profiles) -> Option<BylineParts> {
    let t = caption.trim();
    let t = match shape::before_trailing_group(t) {
        // `…（株洲日报记者 张三 摄）`: the credit is the group.
        Some(before) => t[before.len()..]
            .trim()
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）'])
            .trim(),
        None => t,
    };
    let t = ["摄影报道", "摄影", "摄", "供图"]
        .iter()
        .find_map(|k| t.strip_suffix(k))?;
    let start = t
        .rfind(['。', '！', '？', '）', ')'])
        .map(|i| i + t[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    parse_byline(&t[start..], profiles)
}

/// An article signed only under its photo (photo news) is credited to the
/// photographer named there.
fn credit_photographers(articles: &mut [Article], profiles: &Profiles) {
    for a in articles
        .iter_mut()
        .filter(|a| a.byline.is_empty() && a.byline.lines.is_empty())
    {
        let credits: Vec<BylineParts> = a
            .captions
            .iter()
            .filter_map(|c| caption_byline(&c.text, profiles))
            .collect();
        for b in &credits {
            merge_byline(&mut a.byline, b);
        }
    }
}

fn most_common(items: &[String]) -> Option<String> {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for it in items {
        match counts.iter_mut().find(|(s, _)| *s == it) {
            Some((_, c)) => *c += 1,
            None => counts.push((it, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, c)| c)
        .map(|(s, _)| s.clone())
}

/// One warning per page and alias: the OCR misread the paper's name.
fn ocr_variant_warnings(text: &str, profiles: &Profiles) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for p in &profiles.papers {
        for alias in &p.aliases {
            // memchr's SIMD search: `str::find` scanned every page once per
            // alias at a thirtieth of the load time.
            if let Some(pos) = memchr::memmem::find(text.as_bytes(), alias.as_bytes()) {
                let line = text[..pos].matches('\n').count() as u32 + 1;
                out.push((
                    line,
                    format!("OCR variant {alias} read as the paper {}", p.name),
                ));
            }
        }
    }
    out
}

/// Marks what the scan printed twice: a later block identical to an earlier
/// one on the page is `repeated`; a later article identical to an earlier one
/// (same headline, same text) is left for the loader to point at its original.
fn mark_repeats(articles: &mut [Article]) {
    // Paragraphs sorted by length, then text, then place: a repeat is one
    // equal to the paragraph sorted before it, and the first print sorts
    // first. Texts are only compared when their lengths tie (hashing every
    // byte of every paragraph into a set cost a twentieth of the parse).
    let mut paragraphs: Vec<(usize, &str, usize, usize)> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        for (j, b) in a.body.iter().enumerate() {
            if at_least_chars(&b.text, 16) {
                paragraphs.push((b.text.len(), b.text.as_str(), i, j));
            }
        }
    }
    paragraphs.sort_unstable();
    let repeats: Vec<(usize, usize)> = paragraphs
        .windows(2)
        .filter(|w| w[0].1 == w[1].1)
        .map(|w| (w[1].2, w[1].3))
        .collect();
    for (i, j) in repeats {
        articles[i].body[j].repeated = true;
    }
}

/// Gives back the spare capacity that growing left behind: paragraphs joined
/// across column breaks grew by doubling, and the article lists too. The
/// loaded archive lives as long as the session, so at a million articles the
/// slack is tens of megabytes of resident memory (8% of a loaded archive).
fn release_slack(articles: &mut Vec<Article>) {
    for a in articles.iter_mut() {
        for b in &mut a.body {
            b.text.shrink_to_fit();
        }
        a.body.shrink_to_fit();
    }
    articles.shrink_to_fit();
}

/// A line that is only a date: `2021年3月24日`, `10月22日`.
fn is_bare_date(s: &str) -> bool {
    let t = s.trim();
    let whole = |s: &str| month_day_at(s).is_some_and(|(_, _, used)| used == s.len());
    char_len(t) <= 11
        && t.ends_with(['日', '号'])
        && (full_dates(t).len() == 1 && char_len(t) >= 8 || whole(t))
}

/// Every `YYYY年M月D日` in the text.
fn full_dates(text: &str) -> Vec<IssueDate> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // memmem rather than `str::find('年')`, which stops at every byte B4 (年's
    // last), a byte Chinese text is full of; every page is searched.
    for at in memchr::memmem::find_iter(bytes, "年".as_bytes()) {
        let from = at + '年'.len_utf8();
        if at < 4 || !bytes[at - 4..at].iter().all(u8::is_ascii_digit) {
            continue;
        }
        if at >= 5 && bytes[at - 5].is_ascii_digit() {
            continue;
        }
        let year: i32 = text[at - 4..at].parse().unwrap_or(0);
        if let Some((m, d, _)) = month_day_at(&text[from..]) {
            let date = IssueDate::ymd(year, m, d);
            if date.is_valid() {
                out.push(date);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
