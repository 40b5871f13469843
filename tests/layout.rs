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
        is_opening_punct(a) || is_closing_punct(b) || (pair && self.gaps[j] == 0) || ellipsis
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
