//! [`wrap_cjk`]: one paragraph broken into lines by the basic rules of
//! Chinese layout (clreq).
//!
//! Every boundary between two characters gets a penalty; the wrapper fills a
//! line greedily and, when the next character does not fit, breaks at the
//! *latest* boundary of the *lowest* penalty seen on the line:
//!
//! | penalty | where                                                            |
//! |---------|------------------------------------------------------------------|
//! | `Free`  | between Han characters, CJK ↔ Latin, at a run of ASCII spaces    |
//! | `Soft`  | inside a word after a joiner or sign (`43-│0005`, `¥│100`)       |
//! | `Glue`  | between letters/digits (`81│21`), before a joiner (`43│-`, `1℃│~`) |
//! | `Avoid` | before closing / after opening punctuation, inside `——` `……`     |
//!
//! So punctuation that may not start a line pulls the preceding character
//! down with it (oidashi: `…序│幕。` rather than `…序幕│。`), a word only
//! splits when it is longer than a whole line, and the punctuation rules only
//! give way when even a whole line cannot hold the cluster (width 2 and `幕。`).
//!
//! Decisions the clreq basics leave open, made here:
//!
//! * An ASCII space is always a break opportunity, also inside `CN 43-0005`:
//!   the greedy fill only uses it when the next word does not fit, and it is
//!   better to move `43-0005` whole than to split the number. A space run is
//!   consumed by the break it hosts (it belongs to neither line).
//! * A number and the Han character after it may part (`2020│年`), as may Han
//!   text and the number after it (`提升│20%`); the number itself never does.
//! * `%` `％` `‰` `℃` `°` are treated as closing punctuation: they never start
//!   a line, so `20%` stays whole.
//! * When a break before closing punctuation cannot be avoided, the line it
//!   starts holds only closing punctuation (width 4, ambiguous wide:
//!   `幕。”）甲乙` → `幕。` / `”）` / `甲乙`), so no line ever *starts* with
//!   closing punctuation followed by text.
//! * Spaces at the start of a paragraph (the `　　` indent, or ASCII spaces)
//!   and at its end are ordinary characters of the first / last line; they are
//!   never dropped.
//! * An empty paragraph is one empty line; a `'\n'` ends a line and is itself
//!   break whitespace, so `"甲\n"` is two lines, `甲` and an empty one.
//! * Widths 0 and 1 behave like 1: every character still gets a line, a wide
//!   one overflowing by a column, and wrapping always terminates.

use super::classes::{
    is_closing_punct, is_number_prefix, is_opening_punct, is_two_part_mark, is_word_char,
    is_word_joiner,
};
use super::{AmbiguousWidth, char_width};
use std::ops::Range;

/// How much a break at one boundary costs; lower is better. The wrapper
/// breaks at the latest boundary of the lowest penalty on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Penalty {
    /// An ordinary break opportunity.
    Free,
    /// Inside a word, right after its joining punctuation: the best place to
    /// split a word that is longer than a line.
    Soft,
    /// Inside a word between letters or digits, or before a joiner.
    Glue,
    /// Breaks a punctuation rule: only when nothing else is on the line.
    Avoid,
}

const PENALTIES: usize = 4;

/// The penalty of a break between `a` and `b` with nothing in between;
/// `before_a` is the character before `a`, for joiners inside words.
fn penalty(before_a: Option<char>, a: char, b: char) -> Penalty {
    // `……` may not start a line (clreq 行首禁则), as `，` `。` may not.
    let ellipsis = matches!(b, '…' | '⋯');
    // An ideographic space starting a line would read as a paragraph's
    // indent (UAX #14 agrees: no break before it).
    let ideographic_space = b == '\u{3000}';
    if is_closing_punct(b)
        || is_opening_punct(a)
        || is_two_part_mark(a, b)
        || ellipsis
        || ideographic_space
    {
        Penalty::Avoid
    } else if matches!(b, '+' | '×' | '÷') && a.is_ascii_digit() {
        // `3+3+2`, `1+6+10`, `7×24`: a sum or product is one number
        // expression.
        Penalty::Glue
    } else if is_word_char(b) && is_word_char(a) {
        Penalty::Glue
    } else if is_word_joiner(b) {
        // `43│-0005`, `1℃│~6℃`, `中国│-东盟`: a joiner or range mark stays
        // with what it joins on the left.
        Penalty::Glue
    } else if is_word_char(b)
        // `://` in `http://1-apple.com.tw`: joiners in a row are inside
        // the word too (UAX #14 breaks no solidus from the number after it).
        && ((is_word_joiner(a) && before_a.is_some_and(|c| is_word_char(c) || is_word_joiner(c)))
            || is_number_prefix(a))
    {
        Penalty::Soft
    } else {
        Penalty::Free
    }
}

/// The penalty of a break at a run of ASCII spaces between `a` and `b`.
fn space_penalty(a: char, b: char) -> Penalty {
    if is_opening_punct(a) || is_closing_punct(b) {
        Penalty::Avoid
    } else {
        Penalty::Free
    }
}

/// One wrapped display line: a byte range into the source text plus its display width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    pub range: Range<usize>,
    pub width: usize,
}

/// Wraps one paragraph to `width` columns following the basic clreq rules
/// (see the [module docs](self)). Any `'\n'` inside is a forced break.
///
/// Every byte of `text` ends up in exactly one line's range, except the ASCII
/// space runs a break consumed and the `'\n'`s; ranges are increasing and do
/// not overlap. Linear in the length of `text`.
pub fn wrap_cjk(text: &str, width: usize, amb: AmbiguousWidth) -> Vec<WrappedLine> {
    Wrapper::new(text, width.max(1), amb).run()
}

/// A place where the current line could end.
#[derive(Debug, Clone, Copy)]
struct Opportunity {
    /// Where the line would end (byte offset) and the column count there.
    end: usize,
    end_col: usize,
    /// Where the next line would start: after the spaces a break consumes.
    next: usize,
    next_col: usize,
}

struct Wrapper<'a> {
    text: &'a str,
    width: usize,
    amb: AmbiguousWidth,
    lines: Vec<WrappedLine>,
    /// Start of the current line, in bytes and in columns since `text` began.
    start: usize,
    start_col: usize,
    /// Columns of everything read so far.
    col: usize,
    /// The latest opportunity of each penalty on the current line. Breaking at
    /// the latest one of the lowest penalty leaves the others valid, which is
    /// what keeps the wrapper linear: nothing is ever measured twice.
    latest: [Option<Opportunity>; PENALTIES],
    /// The current line was started by an unavoidable break before closing
    /// punctuation and has held only closing punctuation so far.
    closing_only: bool,
}

impl<'a> Wrapper<'a> {
    fn new(text: &'a str, width: usize, amb: AmbiguousWidth) -> Self {
        Wrapper {
            text,
            width,
            amb,
            // Most CJK characters are 3 bytes and 2 columns.
            lines: Vec::with_capacity(text.len() / (width * 3 / 2).max(1) + 1),
            start: 0,
            start_col: 0,
            col: 0,
            latest: [None; PENALTIES],
            closing_only: false,
        }
    }

    fn run(mut self) -> Vec<WrappedLine> {
        let text = self.text;
        // The last two visible characters of the paragraph, for penalties.
        let mut prev: Option<char> = None;
        let mut before_prev: Option<char> = None;
        // Whether the paragraph has shown anything but leading spaces yet.
        let mut past_indent = false;
        // A run of ASCII spaces waiting for the character after it:
        // (byte offset, column) of its start.
        let mut spaces: Option<(usize, usize)> = None;
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            if c == '\n' {
                self.push_line(i, self.col);
                self.start_line(i + 1, self.col);
                (prev, before_prev) = (None, None);
                past_indent = false;
                i += 1;
                continue;
            }
            if c == ' ' && past_indent {
                let run = text[i..].bytes().take_while(|&b| b == b' ').count();
                let after = text[i + run..].chars().next();
                // Leading and trailing spaces are text (an indent, or nothing
                // to break before); only spaces between two visible
                // characters are a break opportunity.
                if after.is_some_and(|c| c != '\n') {
                    spaces = Some((i, self.col));
                    self.col += run;
                    i += run;
                    continue;
                }
            }

            let w = char_width(c, self.amb);
            if let Some(a) = prev {
                let boundary = match spaces.take() {
                    Some((end, end_col)) => {
                        let after_spaces = Opportunity {
                            end,
                            end_col,
                            next: i,
                            next_col: self.col,
                        };
                        Some((after_spaces, space_penalty(a, c)))
                    }
                    // Zero-width characters (combining marks, controls) stay
                    // with the character before them.
                    None if w == 0 => None,
                    None => {
                        let here = Opportunity {
                            end: i,
                            end_col: self.col,
                            next: i,
                            next_col: self.col,
                        };
                        Some((here, penalty(before_prev, a, c)))
                    }
                };
                if let Some((opportunity, penalty)) = boundary {
                    if self.closing_only && !is_closing_punct(c) && c != ' ' {
                        // The closing punctuation that had to start this line
                        // gets the line to itself: text never follows it.
                        self.break_at(opportunity);
                    } else {
                        self.latest[penalty as usize] = Some(opportunity);
                    }
                }
            }

            self.col += w;
            i += c.len_utf8();
            if w > 0 {
                (before_prev, prev) = (prev, Some(c));
                past_indent |= !matches!(c, ' ' | '\u{3000}');
            }
            while self.col - self.start_col > self.width {
                match self.latest.iter().flatten().next() {
                    Some(&best) => self.break_at(best),
                    // A single character wider than the line (width 1).
                    None => break,
                }
            }
        }
        self.push_line(text.len(), self.col);
        self.lines
    }

    fn push_line(&mut self, end: usize, end_col: usize) {
        self.lines.push(WrappedLine {
            range: self.start..end,
            width: end_col - self.start_col,
        });
    }

    /// Starts a line at a forced break (or a fresh paragraph).
    fn start_line(&mut self, start: usize, start_col: usize) {
        self.start = start;
        self.start_col = start_col;
        self.latest = [None; PENALTIES];
        self.closing_only = false;
    }

    /// Ends the current line at `at`, one of the opportunities on it.
    fn break_at(&mut self, at: Opportunity) {
        self.push_line(at.end, at.end_col);
        self.start = at.next;
        self.start_col = at.next_col;
        // Opportunities at or before the break are gone; the ones after it
        // are still the latest of their penalty on the new line.
        for slot in &mut self.latest {
            if slot.is_some_and(|o| o.end <= at.end) {
                *slot = None;
            }
        }
        self.closing_only = self.text[at.next..]
            .chars()
            .next()
            .is_some_and(is_closing_punct);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmbiguousWidth::{Narrow, Wide};

    /// The wrapped lines as strings, for readable assertions.
    fn lines(text: &str, width: usize, amb: AmbiguousWidth) -> Vec<&str> {
        wrap_cjk(text, width, amb)
            .into_iter()
            .map(|l| &text[l.range])
            .collect()
    }

    #[test]
    fn a_product_stays_whole_and_an_ideographic_space_never_starts_a_line() {
        let n = AmbiguousWidth::Narrow;
        // Width 10: `平台开通在7` is 11 columns; `×24` goes down with the 7.
        assert_eq!(
            lines("平台开通在7×24小时", 10, n),
            ["平台开通在", "7×24小时"]
        );
        // The space stays at the end of the line before, not as an indent.
        for l in lines("甲乙丙丁　戊己庚", 8, n).iter().skip(1) {
            assert!(!l.starts_with('\u{3000}'), "{l:?}");
        }
    }

    #[test]
    fn an_ellipsis_never_starts_a_line_and_a_sum_stays_whole() {
        let n = AmbiguousWidth::Narrow;
        // Width 9: `他说甲乙` is 8 columns and `……` would start the next line.
        for l in lines("他说甲乙……好的", 9, n) {
            assert!(!l.starts_with('…'), "{l:?}");
        }
        // `“1+6+10”` and `3+3+2` are never cut before a `+`.
        for w in 4..12 {
            for l in lines("比分为“1+6+10”，共计3+3+2分", w, n) {
                assert!(!l.starts_with('+'), "width {w}: {l:?}");
            }
        }
    }

    const LUSONG: &str = "株洲日报讯 1月6日，芦淞区与萍乡市安源区签订合作协议，拉开了两地政务服务“跨省通办”合作序幕。";

    #[test]
    fn wraps_a_dateline_paragraph() {
        assert_eq!(
            lines(LUSONG, 30, Narrow),
            [
                "株洲日报讯 1月6日，芦淞区与萍",
                "乡市安源区签订合作协议，拉开了",
                "两地政务服务“跨省通办”合作序",
                "幕。",
            ]
        );
        assert_eq!(
            lines(LUSONG, 20, Narrow),
            [
                "株洲日报讯 1月6日，",
                "芦淞区与萍乡市安源区",
                "签订合作协议，拉开了",
                "两地政务服务“跨省通",
                "办”合作序幕。",
            ]
        );
        // Wide quotes take a column more each; still nothing over 16.
        assert_eq!(
            lines(LUSONG, 16, Wide),
            [
                "株洲日报讯 1月6",
                "日，芦淞区与萍乡",
                "市安源区签订合作",
                "协议，拉开了两地",
                "政务服务“跨省通",
                "办”合作序幕。",
            ]
        );
    }

    #[test]
    fn closing_punctuation_pulls_the_character_before_it_down() {
        // `序幕` fits at 30 but `。` would start the next line: `幕` goes too.
        let last = lines(LUSONG, 30, Narrow);
        assert_eq!(last[2..], ["两地政务服务“跨省通办”合作序", "幕。"]);
        // `协议，` at width 10: `议` moves down rather than `，` leading.
        assert_eq!(
            lines(LUSONG, 10, Narrow)[3..6],
            ["市安源区签", "订合作协", "议，拉开了"]
        );
    }

    #[test]
    fn opening_punctuation_goes_down_with_what_it_opens() {
        let text = "拉开了两地政务服务“跨省通办”合作序幕。";
        // `“` would fit as the 19th column, but it may not end the line.
        assert_eq!(
            lines(text, 19, Narrow),
            ["拉开了两地政务服务", "“跨省通办”合作序", "幕。"]
        );
        assert_eq!(
            lines("国创中心(以下简称", 9, Narrow),
            ["国创中心", "(以下简称"]
        );
    }

    #[test]
    fn numbers_and_units_stay_whole() {
        let text = "新产品使用寿命提升20%，缩短研发周期30%";
        assert_eq!(
            lines(text, 20, Narrow),
            ["新产品使用寿命提升", "20%，缩短研发周期30%"]
        );
        assert_eq!(
            lines(text, 10, Wide),
            ["新产品使用", "寿命提升", "20%，缩短", "研发周期", "30%"]
        );
        assert_eq!(
            lines(text, 8, Narrow),
            ["新产品使", "用寿命提", "升20%，", "缩短研发", "周期30%"]
        );
        assert_eq!(lines("增长81.21%。", 8, Wide), ["增长", "81.21%。"]);
        // Too long for the line: the number gives way before the comma does.
        assert_eq!(lines("000，", 3, Narrow), ["00", "0，"]);
        assert_eq!(lines("S84沪昆高速", 4, Narrow), ["S84", "沪昆", "高速"]);
        // A number may part from the Han character after it, never inside.
        assert_eq!(lines("于2020年12月", 6, Narrow), ["于2020", "年12月"]);
        assert_eq!(
            lines("在智慧城市、5G、人工智能", 11, Narrow),
            ["在智慧城", "市、5G、人", "工智能"]
        );
    }

    #[test]
    fn a_space_between_words_breaks_only_when_needed() {
        let text = "国内统一连续出版物号 CN 43-0005";
        assert_eq!(lines(text, 40, Narrow), [text]);
        assert_eq!(
            lines(text, 30, Narrow),
            ["国内统一连续出版物号 CN", "43-0005"]
        );
        assert_eq!(
            lines(text, 20, Narrow),
            ["国内统一连续出版物号", "CN 43-0005"]
        );
        assert_eq!(
            lines(text, 8, Wide),
            ["国内统一", "连续出版", "物号 CN", "43-0005"]
        );
        // The space a break happens at belongs to neither line.
        let wrapped = wrap_cjk(text, 20, Narrow);
        assert_eq!(wrapped[0].range, 0..30);
        assert_eq!(wrapped[1].range, 31..41);
        assert_eq!(
            wrapped.iter().map(|l| l.width).collect::<Vec<_>>(),
            [20, 10]
        );
    }

    #[test]
    fn words_longer_than_a_line_are_cut_by_width() {
        let text = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        assert_eq!(
            lines(text, 10, Narrow),
            ["ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ"]
        );
        // Preferably after the hyphen: `43-` / `0005`, not `43-00` / `05`.
        let cn = "国内统一连续出版物号 CN 43-0005";
        assert_eq!(lines(cn, 5, Narrow)[5..], ["CN", "43-", "0005"]);
        assert_eq!(lines(cn, 3, Narrow)[10..], ["CN", "43-", "000", "5"]);
    }

    #[test]
    fn a_web_address_moves_whole_when_it_fits_a_line() {
        // Not `只要进入http://` / `1-apple.com.tw连结`.
        assert_eq!(
            lines("只要进入http://1-apple.com.tw连结", 24, Narrow),
            ["只要进入", "http://1-apple.com.tw连", "结"]
        );
    }

    #[test]
    fn joiners_and_range_marks_never_start_a_line() {
        assert_eq!(lines("气温 1℃~6℃", 8, Narrow), ["气温 1℃~", "6℃"]);
        assert_eq!(
            lines("中国-东盟博览会", 5, Narrow),
            ["中国-", "东盟", "博览", "会"]
        );
    }

    #[test]
    fn dashes_and_ellipses_are_never_split() {
        assert_eq!(lines("甲乙——丙", 6, Wide), ["甲乙", "——丙"]);
        // An ellipsis never starts a line: it pulls the character before it.
        assert_eq!(lines("甲乙……丙", 5, Narrow), ["甲", "乙……", "丙"]);
        assert_eq!(
            lines("他说：“我们——不会放弃……”", 14, Wide),
            ["他说：“我们", "——不会放", "弃……”"]
        );
    }

    #[test]
    fn unavoidable_punctuation_lines_hold_only_punctuation() {
        // `幕。”）` is 8 columns: something has to give at width 4, and the
        // closing marks that must start a line get it to themselves.
        assert_eq!(lines("幕。”）甲乙", 4, Wide), ["幕。", "”）", "甲乙"]);
        assert_eq!(
            lines("幕。”）甲乙", 2, Wide),
            ["幕", "。", "”", "）", "甲", "乙"]
        );
        assert_eq!(lines("甲（“《乙", 4, Wide), ["甲", "（“", "《乙"]);
    }

    #[test]
    fn the_paragraph_indent_is_kept() {
        let text = "　　国家先进轨道交通装备创新中心";
        assert_eq!(
            lines(text, 10, Narrow),
            ["　　国家先", "进轨道交通", "装备创新中", "心"]
        );
        // Elsewhere an ideographic space is an ordinary wide character.
        assert_eq!(lines("甲乙　丙丁", 6, Narrow), ["甲乙　", "丙丁"]);
        assert_eq!(lines("  abc def", 6, Narrow), ["  abc", "def"]);
    }

    #[test]
    fn newlines_force_breaks() {
        assert_eq!(lines("甲乙\n\n丙丁", 10, Narrow), ["甲乙", "", "丙丁"]);
        assert_eq!(lines("甲\n", 10, Narrow), ["甲", ""]);
        assert_eq!(lines("", 10, Narrow), [""]);
        assert_eq!(
            wrap_cjk("", 10, Narrow),
            [WrappedLine {
                range: 0..0,
                width: 0
            }]
        );
    }

    #[test]
    fn trailing_spaces_stay_in_the_text() {
        assert_eq!(lines("abc   ", 4, Narrow), ["abc ", "  "]);
        assert_eq!(lines("甲乙 ", 10, Narrow), ["甲乙 "]);
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        assert_eq!(lines("甲\u{301}乙丙", 2, Narrow), ["甲\u{301}", "乙", "丙"]);
    }

    #[test]
    fn tiny_widths_put_one_character_on_a_line() {
        assert_eq!(lines("abc甲", 0, Narrow), ["a", "b", "c", "甲"]);
        assert_eq!(lines("ab甲“乙", 1, Wide), ["a", "b", "甲", "“", "乙"]);
        assert_eq!(lines("甲乙", 2, Wide), ["甲", "乙"]);
    }

    #[test]
    fn long_articles_wrap_in_one_pass() {
        let text = LUSONG.repeat(2_000);
        let wrapped = wrap_cjk(&text, 76, Wide);
        assert!(wrapped.iter().all(|l| l.width <= 76));
        assert_eq!(wrapped.last().unwrap().range.end, text.len());
    }
}
