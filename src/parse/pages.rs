//! One file, several pages: an e-paper export or a scan that holds a front
//! page and its continuation page (`第01版` … `第02版：要闻`) is cut where the
//! next page's folio stands, and each page is parsed on its own.
//!
//! A page break is a folio naming a page (`第02版：要闻`, `第A2版`) or a
//! folio's date line (`2021年1月10日 星期日`) standing after the text of the
//! page above, together with the folio lines around it (the paper's name,
//! a page label). The table of contents' `A2 某某会议召开` is not one: a
//! break needs the word 版 or the date line.

use super::masthead::{folio, is_paper_shaped, page_label};
use super::shape::at_most_chars;
use super::{ParsedPage, full_dates, parse_page, parse_page_at};
use crate::profile::Profiles;

/// Does this line open a page's folio?
fn is_break(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 120 {
        return false;
    }
    let names_a_page = t.contains('版') && folio(t).is_some();
    let dated = t.contains("星期")
        && at_most_chars(t, 40)
        && !t.contains(['，', '。'])
        && full_dates(t).len() == 1;
    names_a_page || dated
}

/// A line that belongs to a folio block: the paper's name, a bare label.
fn is_folio_part(line: &str, profiles: &Profiles) -> bool {
    let t = line.trim();
    // Folio lines are short; every line of every file is asked.
    if t.len() > 120 {
        return false;
    }
    is_break(t)
        || profiles.is_paper_name_line(t)
        || is_paper_shaped(t)
        || (at_most_chars(t, 4) && page_label(t).is_some())
}

/// The 1-based lines where a new page starts (the first page's is not listed).
/// One pass: each line is looked at once, and a break's folio block is
/// walked back over only as far as the text above it.
fn page_starts(lines: &[&str], profiles: &Profiles) -> Vec<usize> {
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let mut starts = Vec::new();
    // Text lines since the last page's top: a break needs the page above to
    // hold some (the first page's own folio block is its top, not a break).
    let mut text_above = 0;
    for k in 0..nonblank.len() {
        let line = lines[nonblank[k]];
        if !is_folio_part(line, profiles) {
            text_above += 1;
            continue;
        }
        if text_above >= 2 && is_break(line) {
            // The block starts at the first folio line above the break.
            let mut first = k;
            while first > 0 && is_folio_part(lines[nonblank[first - 1]], profiles) {
                first -= 1;
            }
            starts.push(nonblank[first] + 1);
            text_above = 0;
        }
    }
    starts
}

/// Parses a file's text as one page or several, each on the file's own
/// line numbers.
pub fn parse_pages(text: &str, profiles: &Profiles) -> Vec<ParsedPage> {
    // A break names a page (版) or prints a weekday (星期) past the page's
    // own top: only pages with such a line there get the line-by-line look
    // (jump markers, 下转A2版, hold 版 too but are no break).
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static PAGE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("版"));
    static WEEKDAY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("星期"));
    let top = text.floor_char_boundary(text.len().min(256));
    let bytes = text.as_bytes();
    let line_at = |i: usize| {
        let start = memchr::memrchr(b'\n', &bytes[..i]).map_or(0, |n| n + 1);
        let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
        &text[start..end]
    };
    let candidate = PAGE
        .find_iter(&bytes[top..])
        .chain(WEEKDAY.find_iter(&bytes[top..]))
        .any(|i| is_break(line_at(top + i)));
    if !candidate {
        return vec![parse_page(text, profiles)];
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let starts = page_starts(&lines, profiles);
    if starts.is_empty() {
        return vec![parse_page(text, profiles)];
    }
    // Byte offsets of each line's start, to cut the text without copying.
    let mut offsets = Vec::with_capacity(lines.len() + 1);
    let mut at = 0;
    for l in &lines {
        offsets.push(at);
        at += l.len() + 1;
    }
    offsets.push(text.len() + 1);
    std::iter::once(1)
        .chain(starts.iter().copied())
        .zip(
            starts
                .iter()
                .copied()
                .chain(std::iter::once(lines.len() + 1)),
        )
        .map(|(from, to)| {
            let piece =
                &text[offsets[from - 1]..offsets[to - 1].saturating_sub(1).max(offsets[from - 1])];
            parse_page_at(piece, from as u32, profiles)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_front_page_and_its_continuation_in_one_file_are_two_pages() {
        // An invented front page and its continuation (shared with the
        // loader's test in tests/any_paper.rs).
        let text = include_str!("../../tests/fixtures/two_pages.txt");
        let pages = parse_pages(text, &Profiles::builtin());
        assert_eq!(pages.len(), 2);
        let label = |p: &ParsedPage| p.masthead.as_ref().and_then(|m| m.page_label.clone());
        assert_eq!(label(&pages[0]).as_deref(), Some("A1"));
        assert_eq!(label(&pages[1]).as_deref(), Some("A2"));
        let titles = |p: &ParsedPage| p.articles.iter().map(|a| a.title()).collect::<Vec<_>>();
        assert_eq!(titles(&pages[0]), ["甲乙会议召开", "丙丁工程开工"]);
        assert_eq!(pages[1].articles[0].continued_from.as_deref(), Some("A1"));
        assert_eq!(pages[1].articles[1].title(), "戊己活动举行");
        // Line numbers are the file's: the second page starts at its folio.
        assert_eq!(pages[1].nonblank_lines.first(), Some(&11));
        let all: usize = pages.iter().map(|p| p.nonblank_lines.len()).sum();
        assert_eq!(all, text.lines().filter(|l| !l.trim().is_empty()).count());
    }

    #[test]
    fn a_table_of_contents_and_a_date_in_the_text_are_not_page_breaks() {
        let text = "某市日报\n2021年1月10日 星期日\n第A1版：要闻\n\n导读\nA2 某某会议召开\nA3 某某工程开工\n\n\
                    甲乙会议召开\n本报讯 会议于2021年1月9日召开，说了一件事。\n";
        assert_eq!(parse_pages(text, &Profiles::builtin()).len(), 1);
    }
}
