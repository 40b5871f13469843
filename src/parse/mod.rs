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
//!
//! [`parse_page`] runs these passes in order, one file each:
//! `masthead` (the paper's name block or an inner page's folio) →
//! `classify` (each line's kind by its shape) → `context` (a line's kind
//! re-read by its neighbours and by how the page signs and lays out its
//! articles) → `walker` (lines grouped into articles; `header_run` decides
//! a run of title lines, `sections` a feature's parallel ones) → `finish`
//! (photographers credited, repeats marked, misread names warned about).
//! `byline`, `dateline`, `header` and [`shape`] are the grammars they share;
//! `pages` cuts a file holding several pages.

mod byline;
mod classify;
mod context;
mod dateline;
mod finish;
mod header;
mod header_run;
mod masthead;
mod pages;
mod sections;
pub mod shape;
mod slash_credit;
mod walker;

pub use byline::{BylineParts, parse_byline};
pub use dateline::{Dateline, closing_dateline, month_day_at, parse_dateline};
pub use header::{Header, assign as assign_header};
pub use masthead::parse_masthead;
pub use pages::parse_pages;

use crate::model::{Article, IssueDate, Masthead, Span, Text};
use crate::profile::Profiles;
use classify::{Unit, classify};
use finish::{
    credit_photographers, mark_repeats, most_common, ocr_variant_warnings, release_slack,
};
use shape::char_len;

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
            after_wide_gap: k + start > 0 && lines[k + start - 1].0 + 2 < n,
            ..classify(n, l.trim(), profiles)
        })
        .collect();
    if page.masthead.is_none() {
        page.masthead = context::inner_page_folio(&mut units);
    }
    context::punctuated_kicker_atop(&mut units);
    context::questions_over_bylines(&mut units, profiles);
    context::dashed_kickers(&mut units);
    context::decks_over_datelines(&mut units);
    context::captions_over_credits(&mut units, profiles);
    context::names_by_position(&mut units);
    context::colon_kickers(&mut units);
    context::contact_boxes(&mut units);
    context::numbered_box_closing_page(&mut units);
    let bylines_close = context::bylines_close_articles(&units);
    let layout = context::page_layout(&units);
    let mut w = walker::walk(&units, profiles, bylines_close, layout);
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

/// A line that is only a date: `2021年3月24日`, `10月22日`, or in numerals
/// as older pages print it, `一九四六年二月五日`.
fn is_bare_date(s: &str) -> bool {
    let t = s.trim();
    if is_numeral_date(t) {
        return true;
    }
    let whole = |s: &str| month_day_at(s).is_some_and(|(_, _, used)| used == s.len());
    char_len(t) <= 11
        && t.ends_with(['日', '号'])
        && (full_dates(t).len() == 1 && char_len(t) >= 8 || whole(t))
}

/// `一九四六年二月五日`, `二〇二一年十月廿二日`: a year of four numeral
/// digits, then a month and a day in numerals.
fn is_numeral_date(t: &str) -> bool {
    const DIGITS: &str = "〇零一二三四五六七八九";
    let numerals =
        |s: &str| !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十廿卅".contains(c));
    let Some((year, rest)) = t.split_once('年') else {
        return false;
    };
    let Some((month, rest)) = rest.split_once('月') else {
        return false;
    };
    let day = rest.strip_suffix(['日', '号']).unwrap_or("-");
    year.chars().count() == 4
        && year.chars().all(|c| DIGITS.contains(c))
        && numerals(month)
        && numerals(day)
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
