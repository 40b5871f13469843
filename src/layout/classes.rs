//! The character classes of Chinese line breaking: which punctuation may
//! not start or end a line (clreq 行首禁则 / 行尾禁则), the two-character
//! marks, and what makes up a word or a number.

/// Punctuation that may not start a line (clreq 行首禁则), plus the percent
/// and degree signs that must stay with their number.
#[rustfmt::skip]
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        // Full-width, with the ideographic full stop's variants.
        '，' | '。' | '．' | '｡' | '︒' | '、' | '､' | '；' | '：' | '？' | '！'
        | '”' | '’' | '」' | '』' | '｣' | '）' | '》' | '〉' | '】' | '〕' | '〗' | '〙'
        | '］' | '｝' | '｠'
        // Half-width forms, as OCR often prints them.
        | ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']' | '}'
        // Signs that end a number.
        | '%' | '％' | '‰' | '℃' | '℉' | '°'
    )
}

/// Punctuation that may not end a line (clreq 行尾禁则).
#[rustfmt::skip]
pub fn is_opening_punct(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '「' | '『' | '｢' | '（' | '《' | '〈' | '【' | '〔' | '〖' | '〘'
        | '［' | '｛' | '｟'
        | '(' | '[' | '{'
    )
}

/// `——` and `……` (and their look-alikes) are one mark in two characters.
pub(super) fn is_two_part_mark(a: char, b: char) -> bool {
    let dash = |c| matches!(c, '—' | '―');
    let ellipsis = |c| matches!(c, '…' | '⋯');
    (dash(a) && dash(b)) || (ellipsis(a) && ellipsis(b))
}

/// Letters and digits of Latin-like scripts (and their full-width forms):
/// the characters that make up words and numbers, as opposed to Han, kana and
/// Hangul, which may break anywhere.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c.is_alphanumeric() && (c < '\u{2E80}' || ('\u{FF10}'..='\u{FF5A}').contains(&c)))
}

/// Joins two word parts (`43-0005`, `81.21`, `1,000`, `km/h`, `don't`) or
/// marks a range (`1℃~6℃`, `1月～3月`).
pub(super) fn is_word_joiner(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ':' | '-' | '–' | '/' | '~' | '～' | '〜' | '_' | '@' | '&' | '\'' | '·' | '・'
    )
}

/// Signs that belong to the number after them: `¥100`, `#3`, `+86`.
pub(super) fn is_number_prefix(c: char) -> bool {
    matches!(c, '$' | '¥' | '￥' | '€' | '£' | '#' | '+' | '№')
}
