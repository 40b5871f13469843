//! (placeholder until the layout branch lands: same API, naive wrapping)
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum AmbiguousWidth {
    #[default]
    Narrow,
    Wide,
}

impl AmbiguousWidth {
    pub fn from_columns(n: u8) -> Option<Self> {
        match n {
            1 => Some(Self::Narrow),
            2 => Some(Self::Wide),
            _ => None,
        }
    }
    pub fn columns(self) -> u8 {
        match self {
            Self::Narrow => 1,
            Self::Wide => 2,
        }
    }
}

pub fn char_width(c: char, amb: AmbiguousWidth) -> usize {
    use unicode_width::UnicodeWidthChar;
    match amb {
        AmbiguousWidth::Narrow => c.width().unwrap_or(0),
        AmbiguousWidth::Wide => c.width_cjk().unwrap_or(0),
    }
}

pub fn str_width(s: &str, amb: AmbiguousWidth) -> usize {
    s.chars().map(|c| char_width(c, amb)).sum()
}

pub fn is_ambiguous(c: char) -> bool {
    char_width(c, AmbiguousWidth::Narrow) != char_width(c, AmbiguousWidth::Wide)
}

pub struct WrappedLine {
    pub range: Range<usize>,
    pub width: usize,
}

pub fn wrap_cjk(text: &str, width: usize, amb: AmbiguousWidth) -> Vec<WrappedLine> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut w = 0;
    for (i, c) in text.char_indices() {
        let cw = char_width(c, amb);
        if w + cw > width.max(1) && i > start {
            out.push(WrappedLine {
                range: start..i,
                width: w,
            });
            start = i;
            w = 0;
        }
        w += cw;
    }
    out.push(WrappedLine {
        range: start..text.len(),
        width: w,
    });
    out
}

pub fn truncate(s: &str, width: usize, amb: AmbiguousWidth) -> std::borrow::Cow<'_, str> {
    if str_width(s, amb) <= width {
        return s.into();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c, amb);
        if w + cw + 1 > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out.into()
}
