//! Width measuring and Chinese line breaking, free of terminal code.
//!
//! Everything here works on byte ranges into the caller's text, so the reader
//! can wrap an article once, cache the [`WrappedLine`]s per width and setting,
//! and slice the original string when it draws.
//!
//! The module is split by idea: widths and truncation here, the character
//! classes of Chinese line breaking in `classes`, the line breaker in `wrap`.

mod classes;
mod wrap;

pub use classes::{is_closing_punct, is_opening_punct};
pub use wrap::{WrappedLine, wrap_cjk};

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// How East Asian Ambiguous characters (`“` `…` `—` `─` `°` …) are measured:
/// Western terminals draw them one column wide, CJK-configured ones two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum AmbiguousWidth {
    #[default]
    Narrow,
    Wide,
}

impl AmbiguousWidth {
    /// `1` → `Narrow`, `2` → `Wide` (the form used on the command line).
    pub fn from_columns(n: u8) -> Option<Self> {
        match n {
            1 => Some(AmbiguousWidth::Narrow),
            2 => Some(AmbiguousWidth::Wide),
            _ => None,
        }
    }

    pub fn columns(self) -> u8 {
        match self {
            AmbiguousWidth::Narrow => 1,
            AmbiguousWidth::Wide => 2,
        }
    }
}

/// Display columns of one character; control characters count 0.
pub fn char_width(c: char, amb: AmbiguousWidth) -> usize {
    let width = match amb {
        AmbiguousWidth::Narrow => c.width(),
        AmbiguousWidth::Wide => c.width_cjk(),
    };
    width.unwrap_or(0)
}

/// Display columns of a string: the sum of its characters' widths, so that it
/// always agrees with the widths [`wrap_cjk`] reports.
pub fn str_width(s: &str, amb: AmbiguousWidth) -> usize {
    s.chars().map(|c| char_width(c, amb)).sum()
}

/// True when `c` measures differently under the two settings.
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
}

/// The box-drawing characters of a plain border (ratatui's `border::PLAIN`
/// plus the tees and cross). All of them are East Asian Ambiguous.
pub const PLAIN_BORDER_CHARS: &str = "─│┌┐└┘├┤┬┴┼";

/// Whether the plain box-drawing border stays aligned under `amb`. In `Wide`
/// mode `─│┌┐└┘` count two columns each, so the TUI should draw ASCII borders
/// (`-` `|` `+`) instead. Which of U+2500..U+257F are ambiguous is listed by
/// [`ambiguous_box_drawing`]: all but the quadruple-dash and half lines, so
/// the rounded (`╭╮╯╰`) and double (`═║╔╗`) sets are no way out.
pub fn border_chars_safe(amb: AmbiguousWidth) -> bool {
    PLAIN_BORDER_CHARS.chars().all(|c| char_width(c, amb) == 1)
}

/// The box-drawing characters (U+2500..=U+257F) whose width depends on the
/// [`AmbiguousWidth`] setting.
pub fn ambiguous_box_drawing() -> impl Iterator<Item = char> {
    ('\u{2500}'..='\u{257F}').filter(|&c| is_ambiguous(c))
}

/// Cuts `s` to at most `width` columns, appending '…' when cut (for list rows).
/// Spaces before the '…' are dropped; when even the '…' does not fit, the cut
/// text is returned without it.
pub fn truncate(s: &str, width: usize, amb: AmbiguousWidth) -> Cow<'_, str> {
    if str_width(s, amb) <= width {
        return Cow::Borrowed(s);
    }
    let ellipsis = char_width('…', amb);
    let Some(room) = width.checked_sub(ellipsis) else {
        return Cow::Borrowed(cut_to(s, width, amb));
    };
    let kept = cut_to(s, room, amb).trim_end_matches(' ');
    Cow::Owned(format!("{kept}…"))
}

/// The longest prefix of `s` at most `width` columns wide.
fn cut_to(s: &str, width: usize, amb: AmbiguousWidth) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += char_width(c, amb);
        if used > width {
            return &s[..i];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmbiguousWidth::{Narrow, Wide};

    const LUSONG: &str = "株洲日报讯 1月6日，芦淞区与萍乡市安源区签订合作协议，拉开了两地政务服务“跨省通办”合作序幕。";

    #[test]
    fn truncate_cuts_list_rows() {
        assert_eq!(truncate("跨省通办", 8, Narrow), "跨省通办");
        assert!(matches!(truncate("跨省通办", 8, Narrow), Cow::Borrowed(_)));
        assert_eq!(truncate("跨省通办", 7, Narrow), "跨省通…");
        assert_eq!(truncate("跨省通办", 7, Wide), "跨省…");
        assert_eq!(truncate("跨省通办", 6, Wide), "跨省…");
        assert_eq!(truncate("CN 43-0005", 4, Narrow), "CN…");
        assert_eq!(truncate("跨省通办", 1, Narrow), "…");
        assert_eq!(truncate("跨省通办", 1, Wide), "");
        assert_eq!(truncate("abc", 0, Narrow), "");
        for width in 0..12 {
            for amb in [Narrow, Wide] {
                assert!(str_width(&truncate(LUSONG, width, amb), amb) <= width);
            }
        }
    }

    #[test]
    fn ambiguous_width_settings() {
        assert_eq!(AmbiguousWidth::default(), Narrow);
        assert_eq!(AmbiguousWidth::from_columns(1), Some(Narrow));
        assert_eq!(AmbiguousWidth::from_columns(2), Some(Wide));
        assert_eq!(AmbiguousWidth::from_columns(3), None);
        assert_eq!(Wide.columns(), 2);
        assert_eq!(Narrow.columns(), 1);
    }

    #[test]
    fn widths() {
        assert_eq!(char_width('株', Narrow), 2);
        assert_eq!(char_width('a', Wide), 1);
        assert_eq!(char_width('“', Narrow), 1);
        assert_eq!(char_width('“', Wide), 2);
        assert_eq!(char_width('…', Wide), 2);
        assert_eq!(char_width('\t', Narrow), 0);
        assert_eq!(char_width('\u{301}', Wide), 0);
        assert_eq!(str_width("“跨省通办”", Narrow), 10);
        assert_eq!(str_width("“跨省通办”", Wide), 12);
        assert!(is_ambiguous('—') && is_ambiguous('’') && is_ambiguous('℃'));
        assert!(!is_ambiguous('，') && !is_ambiguous('a') && !is_ambiguous('\u{3000}'));
    }

    #[test]
    fn box_drawing_ambiguity() {
        // 113 of the 128 are ambiguous: every line, corner, tee and cross,
        // double and rounded ones and the diagonals included. Only the
        // quadruple-dash lines and the half lines are always one column.
        let unambiguous: String = ('\u{2500}'..='\u{257F}')
            .filter(|&c| !is_ambiguous(c))
            .collect();
        assert_eq!(unambiguous, "╌╍╎╏╵╶╷╸╹╺╻╼╽╾╿");
        assert_eq!(ambiguous_box_drawing().count(), 128 - 15);
        assert!("─│┌┐└┘╭╮╯╰═║".chars().all(is_ambiguous));
        assert!(PLAIN_BORDER_CHARS.chars().all(is_ambiguous));
        assert!(border_chars_safe(Narrow));
        assert!(!border_chars_safe(Wide));
        assert!("-|+".chars().all(|c| char_width(c, Wide) == 1));
    }
}
