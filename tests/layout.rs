//! Property tests for `kanbao::layout::wrap_cjk`: whatever the text and width,
//! the lines fit, rebuild the text exactly, and only break a punctuation rule
//! or a word when the line is too narrow for anything else.

use kanbao::layout::{
    AmbiguousWidth, WrappedLine, char_width, is_closing_punct, is_opening_punct, str_width,
    wrap_cjk,
};
use proptest::prelude::*;

/// The closing punctuation the brief names, full-width and OCR half-width.
const CLOSING: &str = "，。、；：？！”’」』）》〉】〕］｝,.;:?!)]}％%．｡";
/// The opening punctuation the brief names.
const OPENING: &str = "“‘「『（《〈【〔［｛([{";
const HAN: &str = "株洲日报讯芦淞区与萍乡市安源签订合作协议拉开了两地政务服跨省通办序幕激光";

fn char_of(set: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<char> = set.chars().collect();
    prop::sample::select(chars).prop_map(String::from)
}

/// One piece of newspaper-like text: Han, punctuation, words, numbers, spaces.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => char_of(HAN),
        2 => char_of(CLOSING),
        2 => char_of(OPENING),
        1 => prop::sample::select(vec!["——", "……", "—", "…", "―", "　", "-", "~", "℃"])
            .prop_map(String::from),
        1 => "[A-Za-z]{1,9}",
        1 => "[0-9]{1,6}",
        1 => "[0-9]{1,3}\\.[0-9]{1,2}%",
        1 => "[0-9]{2}-[0-9]{4}",
        2 => " {1,3}",
    ]
}

/// A paragraph as `wrap_cjk` gets it from the parser: no newline, no spaces
/// around it.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..40).prop_map(|tokens| {
        tokens
            .concat()
            .trim_matches(|c| c == ' ' || c == '\u{3000}')
            .to_string()
    })
}

/// Anything: newlines, an indent, leading and trailing spaces, zero-width
/// characters.
fn any_text() -> impl Strategy<Value = String> {
    let extra = prop::sample::select(vec!["\n", "　　", "  ", "\u{301}", "\t", "\r\n"]);
    prop::collection::vec(
        prop_oneof![4 => token(), 1 => extra.prop_map(String::from)],
        0..40,
    )
    .prop_map(|tokens| tokens.concat())
}

fn amb() -> impl Strategy<Value = AmbiguousWidth> {
    prop_oneof![Just(AmbiguousWidth::Narrow), Just(AmbiguousWidth::Wide)]
}

/// The ranges are increasing, rebuild `text` with only break whitespace (a
/// space run, or one `'\n'`) left out, and report their true widths.
fn assert_rebuilds(text: &str, lines: &[WrappedLine], amb: AmbiguousWidth) {
    assert!(!lines.is_empty());
    assert_eq!(lines[0].range.start, 0);
    assert_eq!(lines.last().unwrap().range.end, text.len());
    let mut newlines = 0;
    for pair in lines.windows(2) {
        let gap = &text[pair[0].range.end..pair[1].range.start];
        if gap == "\n" {
            newlines += 1;
        } else {
            assert!(gap.bytes().all(|b| b == b' '), "gap {gap:?} in {text:?}");
        }
    }
    assert_eq!(newlines, text.matches('\n').count(), "{text:?}");
    for line in lines {
        assert_eq!(line.width, str_width(&text[line.range.clone()], amb));
    }
}

/// The visible characters of a one-line paragraph with the spaces before each.
struct Atoms {
    chars: Vec<char>,
    starts: Vec<usize>,
    gaps: Vec<usize>,
}

impl Atoms {
    fn new(text: &str) -> Atoms {
        let (mut chars, mut starts, mut gaps) = (vec![], vec![], vec![]);
        let mut spaces = 0;
        for (i, c) in text.char_indices() {
            if c == ' ' {
                spaces += 1;
            } else {
                chars.push(c);
                starts.push(i);
                gaps.push(spaces);
                spaces = 0;
            }
        }
        Atoms {
            chars,
            starts,
            gaps,
        }
    }

    /// A break before atom `j` breaks a punctuation rule.
    fn protected(&self, j: usize) -> bool {
        let (a, b) = (self.chars[j - 1], self.chars[j]);
        let pair = matches!((a, b), ('—' | '―', '—' | '―') | ('…', '…'));
        // An ellipsis may not start a line, as a full stop may not.
        let ellipsis = matches!(b, '…' | '⋯') && self.gaps[j] == 0;
        // An ideographic space would read as an indent at a line's start.
        let indent_like = b == '\u{3000}' && self.gaps[j] == 0;
        is_opening_punct(a)
            || is_closing_punct(b)
            || (pair && self.gaps[j] == 0)
            || ellipsis
            || indent_like
    }

    /// A break before atom `j` splits a run of ASCII letters and digits.
    fn in_word(&self, j: usize) -> bool {
        let (a, b) = (self.chars[j - 1], self.chars[j]);
        // A sum (`3+3`) is one number expression too.
        let word = |c: char| c.is_ascii_alphanumeric();
        (word(a) && word(b) || a.is_ascii_digit() && b == '+') && self.gaps[j] == 0
    }

    /// Columns of the largest run around boundary `j` whose every boundary
    /// satisfies `joined`: what would have to fit on one line.
    fn cluster_width(
        &self,
        j: usize,
        amb: AmbiguousWidth,
        joined: impl Fn(usize) -> bool,
    ) -> usize {
        let mut first = j - 1;
        while first > 0 && joined(first) {
            first -= 1;
        }
        let mut last = j;
        while last + 1 < self.chars.len() && joined(last + 1) {
            last += 1;
        }
        (first..=last)
            .map(|k| char_width(self.chars[k], amb) + if k > first { self.gaps[k] } else { 0 })
            .sum()
    }
}

fn only(line: &str, class: fn(char) -> bool) -> bool {
    line.chars().filter(|&c| c != ' ').all(class)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn lines_fit_and_rebuild_the_text(text in any_text(), width in 0usize..40, amb in amb()) {
        let lines = wrap_cjk(&text, width, amb);
        assert_rebuilds(&text, &lines, amb);
        for line in &lines {
            // Below 2 columns a wide character cannot fit anywhere; it then
            // stands alone.
            let alone = text[line.range.clone()].chars().filter(|&c| char_width(c, amb) > 0).count() <= 1;
            prop_assert!(line.width <= width || (width < 2 && alone), "{line:?} of {text:?}");
        }
    }

    #[test]
    fn breaks_keep_the_rules_unless_the_line_is_too_narrow(
        text in paragraph(),
        width in 2usize..40,
        amb in amb(),
    ) {
        let lines = wrap_cjk(&text, width, amb);
        assert_rebuilds(&text, &lines, amb);
        if str_width(&text, amb) <= width {
            prop_assert_eq!(lines.len(), 1);
        }
        let atoms = Atoms::new(&text);
        for (k, line) in lines.iter().enumerate() {
            let s = &text[line.range.clone()];
            prop_assert!(line.width <= width);
            prop_assert!(!s.starts_with(' ') && !s.ends_with(' '), "{s:?} of {text:?}");
            if k > 0 && s.starts_with(is_closing_punct) {
                prop_assert!(only(s, is_closing_punct), "{s:?} of {text:?} at {width}");
            }
            if k + 1 < lines.len() && s.ends_with(is_opening_punct) {
                prop_assert!(only(s, is_opening_punct), "{s:?} of {text:?} at {width}");
            }
            if k == 0 {
                continue;
            }
            let j = atoms.starts.binary_search(&line.range.start).expect("lines start at text");
            if atoms.protected(j) {
                let need = atoms.cluster_width(j, amb, |b| atoms.protected(b));
                prop_assert!(need > width, "rule broken before {s:?} in {text:?} at {width}");
            }
            if atoms.in_word(j) {
                let need = atoms.cluster_width(j, amb, |b| atoms.protected(b) || atoms.in_word(b));
                prop_assert!(need > width, "word split before {s:?} in {text:?} at {width}");
            }
        }
    }
}

#[test]
fn the_named_punctuation_is_classified() {
    assert!(CLOSING.chars().all(is_closing_punct));
    assert!(OPENING.chars().all(is_opening_punct));
    assert!(
        !HAN.chars()
            .any(|c| is_closing_punct(c) || is_opening_punct(c))
    );
}

// ----- ICU4X as an oracle ---------------------------------------------------
//
// ICU4X's UAX #14 line breaker (strict, Chinese content) says where a line
// may break. Every break `wrap_cjk` makes must be one it allows, or one of
// the listed places where Chinese typography (clreq) allows what UAX #14
// does not, or forced: ICU allows no break anywhere on the line, so the line
// had to be cut somewhere (a word or number longer than the width).

/// Byte offsets where ICU4X allows a line to break in `text`.
fn icu_breaks(text: &str) -> std::collections::BTreeSet<usize> {
    use icu_segmenter::LineSegmenter;
    use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness};
    let zh: icu_locale_core::LanguageIdentifier = "zh".parse().unwrap();
    let mut options = LineBreakOptions::default();
    options.strictness = Some(LineBreakStrictness::Strict);
    options.content_locale = Some(&zh);
    LineSegmenter::new_for_non_complex_scripts(options)
        .segment_str(text)
        .collect()
}

/// Why Chinese typography allows a break that UAX #14 does not, for the
/// break between `a` (the last character before it, spaces aside) and `b`
/// (the first after), or `None`. Each is a rule of clreq (行首禁则 and
/// 行尾禁则 name what may not start or end a line; everything else may)
/// that UAX #14, written for text where these marks mean something else,
/// does not follow.
fn clreq_exception(a: char, b: char) -> Option<&'static str> {
    // UAX #14 gives “ ” ‘ ’ the class QU (a quotation mark of unknown
    // direction) and breaks neither before nor after one; it keeps an
    // opening bracket with a sign before it (`%(`, `$(`: PO/PR × OP). In
    // Chinese “ ‘ 「 《 （ open and a line may start with them.
    if is_opening_punct(b) {
        return Some("a line may start with opening punctuation (“ ‘ 「 《 （)");
    }
    // Likewise a line may end after closing punctuation: ” ’ (QU for
    // UAX #14), and the half-width `,` `)` `:` `.` that OCR prints for
    // their full-width forms, which UAX #14 keeps with a following letter or
    // digit as in English `1,000` or `(a)b` (kanbao still keeps a number
    // like `1,000` whole).
    if is_closing_punct(a) {
        return Some("a line may end after closing punctuation (” ’ and half-width , ) :)");
    }
    // `9月15日-29日`, `株——20%`: a range mark or a dash between Han and a
    // number may end a line (clreq only forbids them to start one, and a
    // `——` to be split). UAX #14 reads `-` as a minus sign and `―` as a
    // letter, and keeps either with the digit after it (HY × NU, AL × NU).
    if matches!(a, '-' | '~' | '～' | '〜' | '—' | '―') {
        return Some("a line may end after a range mark or dash (15日- | 29日)");
    }
    // `0000 | ―`: a dash (破折号) may start a line; clreq forbids splitting
    // `——`, which the wrapper never does. UAX #14 reads `―` (U+2015) as a
    // letter, which stays with a digit or letter before it (AL × NU).
    if matches!(b, '—' | '―') {
        return Some("a line may start with a dash (0000 | ―)");
    }
    // `互联网+ | 政务服务`, `3千米× | 3千米`: an operator joining words or
    // quantities may end a line. UAX #14 keeps `+` (PR) with an ideograph
    // or digit after it, as in `+86`, and reads `×` as a letter (AL), which
    // does not part from a digit. (A digit and the `+` after it stay
    // together: a sum like `3+3` is never cut before the `+`.)
    if matches!(a, '+' | '×' | '÷' | '=') {
        return Some("a line may end after an operator joining words (互联网+ | 政务服务)");
    }
    None
}

/// The breaks `wrap_cjk` makes in `text` at `width` that ICU disallows,
/// sorted into (allowed by clreq, forced, unexplained).
/// Whether clreq forbids a break at byte `at` of `text` (the start of the
/// next line, after any spaces): opening punctuation would end the line, or
/// closing punctuation, an ellipsis or an ideographic space start the next,
/// or a `——` / `……` would be split.
fn clreq_forbids(text: &str, at: usize) -> bool {
    let a = text[..at].trim_end_matches(' ').chars().next_back();
    let b = text[at..].chars().next();
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let pair = matches!((a, b), ('—' | '―', '—' | '―') | ('…' | '⋯', '…' | '⋯'));
    is_opening_punct(a) || is_closing_punct(b) || matches!(b, '…' | '⋯' | '\u{3000}') || pair
}

#[derive(Default)]
struct Tally {
    checked: usize,
    forced: usize,
    /// Breaks allowed by each clreq exception.
    clreq: std::collections::BTreeMap<&'static str, usize>,
    unexplained: Vec<String>,
}

/// The breaks `wrap_cjk` makes in `text` at `width`, checked against ICU.
fn against_icu(text: &str, width: usize, amb: AmbiguousWidth, tally: &mut Tally) {
    let lines = wrap_cjk(text, width, amb);
    let allowed = icu_breaks(text);
    for pair in lines.windows(2) {
        let (prev, line) = (&pair[0], &pair[1]);
        tally.checked += 1;
        if allowed.contains(&line.range.start) {
            continue;
        }
        // Nowhere on the line do ICU and clreq both allow a break: it had
        // to be cut somewhere (a word longer than the line, or punctuation
        // that may neither end nor start one).
        if allowed
            .range(prev.range.start + 1..line.range.start)
            .all(|&b| clreq_forbids(text, b))
        {
            tally.forced += 1;
            continue;
        }
        let a = text[..prev.range.end].chars().next_back().unwrap_or(' ');
        let b = text[line.range.start..].chars().next().unwrap_or(' ');
        match clreq_exception(a, b) {
            Some(why) => *tally.clreq.entry(why).or_default() += 1,
            None => tally.unexplained.push(format!(
                "{:?} | {:?} at {width}",
                &text[prev.range.clone()],
                &text[line.range.clone()]
            )),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn every_break_is_one_icu_allows_or_a_listed_clreq_exception(
        text in paragraph(),
        width in 2usize..40,
        amb in amb(),
    ) {
        let mut tally = Tally::default();
        against_icu(&text, width, amb, &mut tally);
        prop_assert!(tally.unexplained.is_empty(), "{:#?}", tally.unexplained);
    }
}

/// The sample archive and the real pages under tests/realpages, laid out as
/// the reader lays out a paragraph (indented) at the widths the issue
/// measured: every break ICU disallows is explained.
#[test]
fn real_pages_break_where_icu_or_clreq_allows() {
    use kanbao::loader::{LoadOptions, load_path, load_sample};
    let mut archives = vec![load_sample(&LoadOptions::default())];
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realpages");
    for entry in std::fs::read_dir(&real).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            archives.push(load_path(&path, &LoadOptions::default()).unwrap());
        }
    }
    let mut tally = Tally::default();
    for archive in &archives {
        for issue in &archive.issues {
            for article in issue.articles() {
                for block in &article.body {
                    let text = format!("\u{3000}\u{3000}{}", block.text);
                    for width in [20, 33, 47, 80] {
                        against_icu(&text, width, AmbiguousWidth::Narrow, &mut tally);
                    }
                }
            }
        }
    }
    // `cargo test --test layout real_pages -- --nocapture` prints the tally.
    let clreq: usize = tally.clreq.values().sum();
    println!(
        "breaks checked {}; ICU disallows {}: forced {}, clreq {clreq} {:#?}, unexplained {}",
        tally.checked,
        tally.forced + clreq + tally.unexplained.len(),
        tally.forced,
        tally.clreq,
        tally.unexplained.len()
    );
    assert!(tally.checked > 10_000, "{} breaks checked", tally.checked);
    assert!(tally.unexplained.is_empty(), "{:#?}", tally.unexplained);
}
