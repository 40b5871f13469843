//! Bytes → clean text.
//!
//! Archives arrive as UTF-8 (with or without BOM) or, from older Chinese
//! systems, GB18030/GBK. Whatever arrives, the result is valid text with `\n`
//! line endings and no character that could drive a terminal (ESC, C0/C1
//! controls, bidi overrides) or hide text (zero-width characters). Every repair
//! is reported with its line so an archivist can find it in the source.

use encoding_rs::GB18030;
use std::borrow::Cow;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Decoded, sanitized text and what had to be repaired on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The file's own bytes when they needed no repair (nearly every file).
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    pub warnings: Vec<LineWarning>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// A repair made on one line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineWarning {
    pub line: u32,
    pub message: String,
}

/// True when the bytes look like a binary file rather than text: NUL bytes or
/// a high share of control bytes in the first 8 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 10 > head.len()
}

/// Decodes and sanitizes a whole file. A clean UTF-8 file, nearly every
/// file, is not copied: its text borrows the bytes.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // simdutf8 rather than `str::from_utf8`, whose fast path is for ASCII:
    // on Chinese text the whole of `decode` now takes a third of what
    // `from_utf8` alone took (a twelfth of the load time).
    let (raw, encoding, mut warnings) = match simdutf8::basic::from_utf8(body) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8, Vec::new()),
        Err(_) => {
            let (utf8, utf8_bad) = decode_utf8_lossy(body);
            // GB18030 only when it explains the bytes better than UTF-8 does:
            // a UTF-8 file cut inside a character must stay UTF-8.
            let (text, encoding, bad) = match decode_gb18030(body) {
                Some((gb, gb_bad)) if gb_bad.len() < utf8_bad.len() => {
                    (gb, Encoding::Gb18030, gb_bad)
                }
                _ => (utf8, Encoding::Utf8, utf8_bad),
            };
            (Cow::Owned(text), encoding, bad)
        }
    };
    let normalized = normalize_newlines(raw);
    let (text, sanitize_warnings) = if needs_sanitizing(normalized.as_bytes()) {
        let (text, w) = sanitize(&normalized);
        (Cow::Owned(text), w)
    } else {
        (normalized, Vec::new())
    };
    warnings.extend(sanitize_warnings);
    warnings.sort_by_key(|w| w.line);
    Decoded {
        text,
        encoding,
        warnings,
    }
}

fn decode_utf8_lossy(bytes: &[u8]) -> (String, Vec<LineWarning>) {
    let mut out = String::with_capacity(bytes.len());
    let mut warnings = Vec::new();
    let mut line = 1u32;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        line += valid.bytes().filter(|&b| b == b'\n').count() as u32;
        out.push_str(valid);
        if !chunk.invalid().is_empty() {
            out.push(char::REPLACEMENT_CHARACTER);
            warnings.push(LineWarning {
                line,
                message: format!(
                    "undecodable bytes {} replaced with U+FFFD",
                    hex(chunk.invalid())
                ),
            });
        }
    }
    (out, warnings)
}

/// GB18030 decoded line by line: `\n` never occurs inside a GB18030 sequence,
/// so errors can be pinned to their line. `None` when nothing decodes cleanly
/// (the bytes are not GB18030 at all).
fn decode_gb18030(bytes: &[u8]) -> Option<(String, Vec<LineWarning>)> {
    let mut out = String::with_capacity(bytes.len() * 3 / 2);
    let mut warnings = Vec::new();
    let mut clean_lines = 0usize;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (text, had_errors) = GB18030.decode_without_bom_handling(line);
        if had_errors {
            warnings.push(LineWarning {
                line: i as u32 + 1,
                message: "bytes that are not valid GB18030 replaced with U+FFFD".into(),
            });
        } else {
            clean_lines += 1;
        }
        out.push_str(&text);
    }
    (clean_lines > 0).then_some((out, warnings))
}

fn hex(bytes: &[u8]) -> String {
    let shown: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02X}")).collect();
    let more = if bytes.len() > 8 { " …" } else { "" };
    format!("{}{more}", shown.join(" "))
}

fn normalize_newlines(s: Cow<'_, str>) -> Cow<'_, str> {
    if !s.contains('\r') {
        return s;
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// True when `b` (UTF-8) may hold a character [`sanitize`] removes or changes:
/// an ASCII control other than newline and tab, DEL, a C1 control or soft
/// hyphen (C2 80–9F, C2 AD), U+200B–200F and U+2028–202E (E2 80 …),
/// U+2060–206F (E2 81 A0–AF), a BOM (EF BB BF) or U+FFF9–FFFB (EF BF B9–BB),
/// or any character whose first bytes start a block that holds a format
/// character (Arabic D8/DB/DC, U+08xx, U+180E, and a few 4-byte blocks). The
/// blocks are a superset (the slow path decides exactly); the test
/// `the_byte_scan_finds_every_character_the_rules_change` checks it against
/// the whole Unicode table.
fn needs_sanitizing(b: &[u8]) -> bool {
    // Every byte is tested with the two after it, without branches, a block
    // at a time so that the compiler turns the block into vector compares:
    // Chinese text is full of E2 and EF lead bytes (“”…，：), so a scan that
    // stops at each candidate would stop every few characters.
    const BLOCK: usize = 64;
    let mut i = 0;
    while i + BLOCK + 2 <= b.len() {
        let (x, y, z) = (
            &b[i..i + BLOCK],
            &b[i + 1..i + 1 + BLOCK],
            &b[i + 2..i + 2 + BLOCK],
        );
        let mut hit = false;
        for k in 0..BLOCK {
            hit |= unsafe_bytes(x[k], y[k], z[k]);
        }
        if hit {
            return true;
        }
        i += BLOCK;
    }
    // The tail, reading past the end as 0 (which completes no sequence).
    let at = |j: usize| b.get(j).copied().unwrap_or(0);
    (i..b.len()).any(|j| unsafe_bytes(b[j], at(j + 1), at(j + 2)))
}

/// Whether the character starting with byte `a`, followed by `b` and `c`, is
/// one [`sanitize`] changes. Bitwise `&`/`|` rather than `&&`/`||`, so that
/// it compiles to straight-line code (see [`needs_sanitizing`]).
#[inline(always)]
fn unsafe_bytes(a: u8, b: u8, c: u8) -> bool {
    let in_range = |v: u8, lo: u8, hi: u8| v.wrapping_sub(lo) <= hi - lo;
    let control = (a < 0x20) & (a != b'\n') & (a != b'\t') | (a == 0x7f);
    let c2 = (a == 0xc2) & (in_range(b, 0x80, 0x9f) | (b == 0xad));
    let e2_80 = (b == 0x80) & (in_range(c, 0x8b, 0x8f) | in_range(c, 0xa8, 0xae));
    let e2_81 = (b == 0x81) & in_range(c, 0xa0, 0xaf);
    let ef = (a == 0xef) & (((b == 0xbb) & (c == 0xbf)) | ((b == 0xbf) & in_range(c, 0xb9, 0xbb)));
    // Rare blocks with a format character somewhere in them: Arabic
    // (U+0600–07FF), U+0800–08FF, Mongolian (U+1800–183F), and the 4-byte
    // blocks of Kaithi, Egyptian, shorthand, musical symbols and tags.
    let rare = (a == 0xd8)
        | (a == 0xdb)
        | (a == 0xdc)
        | ((a == 0xe0) & in_range(b, 0xa0, 0xa3))
        | ((a == 0xe1) & (b == 0xa0))
        | ((a == 0xf0) & ((b == 0x91) | (b == 0x93) | (b == 0x9b) | (b == 0x9d)))
        | ((a == 0xf3) & (b == 0xa0));
    control | c2 | ((a == 0xe2) & (e2_80 | e2_81)) | ef | rare
}

/// True when [`sanitize`] removes `c`: a control character, or a format
/// character (Unicode general category Cf: bidi controls, zero-width
/// characters, the Arabic letter mark, the Mongolian vowel separator, a stray
/// BOM, …). Chinese text needs none of them.
pub fn is_unsafe(c: char) -> bool {
    unsafe_class(c).is_some()
}

/// What a character is, for sanitizing.
fn unsafe_class(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\t' => None,
        '\u{1b}' => Some("ESC"),
        '\0'..='\u{1f}' | '\u{7f}' => Some("control character"),
        '\u{80}'..='\u{9f}' => Some("C1 control character"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
            Some("bidi control")
        }
        '\u{200b}'..='\u{200d}' | '\u{2060}' => Some("zero-width character"),
        '\u{feff}' => Some("stray BOM"),
        _ if c.general_category() == GeneralCategory::Format => Some("format character"),
        _ => None,
    }
}

/// Removes everything that could drive a terminal or hide text, reporting each
/// line that was changed. Line and paragraph separators become newlines so
/// text on either side is not glued together.
pub fn sanitize(s: &str) -> (String, Vec<LineWarning>) {
    // Nearly every page is clean: say so from its bytes, without decoding
    // and re-pushing every character (a tenth of the load time otherwise).
    if !needs_sanitizing(s.as_bytes()) {
        return (s.to_owned(), Vec::new());
    }
    let mut out = String::with_capacity(s.len());
    let mut warnings = Vec::new();
    let mut line = 1u32;
    let mut removed: Vec<&'static str> = Vec::new();
    let mut removed_count = 0usize;
    let flush = |line: u32,
                 removed: &mut Vec<&'static str>,
                 count: &mut usize,
                 warnings: &mut Vec<LineWarning>| {
        if *count > 0 {
            warnings.push(LineWarning {
                line,
                message: format!(
                    "removed {count} unsafe character(s): {}",
                    removed.join(", ")
                ),
            });
            removed.clear();
            *count = 0;
        }
    };
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' || c == '\u{9b}' {
            // A whole escape sequence goes, not just its ESC: `ESC[31m` would
            // otherwise leave `[31m` in a headline.
            removed_count += 1 + if c == '\u{1b}' {
                skip_escape_sequence(&mut chars)
            } else {
                skip_csi(&mut chars)
            };
            if !removed.contains(&"escape sequence") {
                removed.push("escape sequence");
            }
            continue;
        }
        let c = if matches!(c, '\u{2028}' | '\u{2029}' | '\u{0c}' | '\u{0b}') {
            '\n'
        } else {
            c
        };
        if c == '\n' {
            flush(line, &mut removed, &mut removed_count, &mut warnings);
            line += 1;
            out.push(c);
            continue;
        }
        match unsafe_class(c) {
            Some(class) => {
                removed_count += 1;
                if !removed.contains(&class) {
                    removed.push(class);
                }
            }
            None => out.push(c),
        }
    }
    flush(line, &mut removed, &mut removed_count, &mut warnings);
    (out, warnings)
}

/// Consumes the rest of an escape sequence after its ESC, never past the end
/// of the line; returns how many characters it took. CSI (`ESC [` … final
/// byte), string sequences (`ESC ]` OSC, `ESC P` DCS, `ESC X`, `ESC ^`,
/// `ESC _`: up to BEL or `ESC \`), or one character (`ESC c`).
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> usize {
    let Some(&kind) = chars.peek() else { return 0 };
    if !(' '..='~').contains(&kind) {
        return 0;
    }
    chars.next();
    let mut taken = 1;
    match kind {
        '[' => taken += skip_csi(chars),
        ']' | 'P' | 'X' | '^' | '_' => {
            while let Some(&c) = chars.peek() {
                if c == '\n' {
                    break;
                }
                chars.next();
                taken += 1;
                if c == '\u{07}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                        taken += 1;
                    }
                    break;
                }
            }
        }
        _ => {}
    }
    taken
}

/// Consumes a control sequence's parameters and final byte (after `ESC [`
/// or the C1 CSI); returns how many characters it took.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> usize {
    let mut taken = 0;
    while let Some(&c) = chars.peek() {
        if !(' '..='~').contains(&c) {
            break;
        }
        chars.next();
        taken += 1;
        if ('@'..='~').contains(&c) {
            break;
        }
    }
    taken
}

/// Strips unsafe characters from text about to be shown, without reporting.
/// Used by every output path as a last line of defence.
/// Whole escape sequences go, as in [`sanitize`]; line breaks become spaces.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if needs_sanitizing(s.as_bytes()) || s.contains('\n') {
        Cow::Owned(sanitize(s).0.replace('\n', " "))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode("\u{feff}株洲日报\r\n第一行\r第二行\n".as_bytes());
        assert_eq!(d.text, "株洲日报\n第一行\n第二行\n");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) =
            GB18030.encode("株洲日报讯 1月6日，芦淞区与萍乡市安源区签订合作协议。\n第二行");
        let d = decode(&bytes);
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert!(d.text.starts_with("株洲日报讯 1月6日，"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_cut_inside_a_character_stays_utf8_and_reports_the_line() {
        let mut bytes = "第一行\n第二行\n株洲".as_bytes().to_vec();
        bytes.extend_from_slice(&"日".as_bytes()[..2]);
        let d = decode(&bytes);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, "第一行\n第二行\n株洲\u{fffd}");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].line, 3);
    }

    #[test]
    fn escape_sequences_and_bidi_never_survive() {
        let d = decode(
            "标题\u{1b}[31m红\u{7}\u{1b}]0;title\u{7}字\n\u{202e}反转\u{200b}\u{9b}2J完\u{1b}[0m"
                .as_bytes(),
        );
        assert_eq!(d.text, "标题红字\n反转完");
        assert_eq!(d.warnings.len(), 2);
        assert_eq!(d.warnings[0].line, 1);
        assert!(d.warnings[0].message.contains("escape sequence"));
        assert_eq!(d.warnings[1].line, 2);
        assert!(d.warnings[1].message.contains("bidi"));
    }

    #[test]
    fn the_byte_scan_finds_every_character_the_rules_change() {
        // Every character: the fast scan flags all those the slow path would
        // change (and a few rare blocks more), and no character of Chinese
        // text, which would send every page down the slow path.
        for cp in 0..=0x10ffffu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let text = c.encode_utf8(&mut buf);
            let changes = unsafe_class(c).is_some()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{0c}' | '\u{0b}');
            if changes {
                assert!(needs_sanitizing(text.as_bytes()), "U+{cp:04X}");
            }
            let chinese = matches!(
                cp,
                0x20..=0x7e | 0x2010..=0x2027 | 0x3000..=0x303f | 0x4e00..=0x9fff | 0xff00..=0xffef
            );
            if chinese && !changes {
                assert!(!needs_sanitizing(text.as_bytes()), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn every_format_character_goes_and_chinese_text_stays() {
        // U+061C (Arabic letter mark) and U+180E (Mongolian vowel separator)
        // survived a hand-kept list; the category table catches them.
        for c in [
            '\u{61c}',
            '\u{180e}',
            '\u{ad}',
            '\u{2064}',
            '\u{fff9}',
            '\u{e0001}',
        ] {
            let text = format!("标题{c}在这里");
            let d = decode(text.as_bytes());
            assert_eq!(d.text, "标题在这里", "U+{:04X}", c as u32);
            assert_eq!(d.warnings.len(), 1, "U+{:04X}", c as u32);
        }
        let text = "“株洲”——市民，说：…（新闻）〇、。《》\n";
        assert_eq!(decode(text.as_bytes()).text, text);
    }

    #[test]
    fn the_byte_scan_finds_a_character_wherever_it_falls_in_a_long_text() {
        // Clean text full of the lead bytes the unsafe characters share
        // (“” — … are E2, full-width punctuation is EF), long enough that
        // the scan works in blocks; each unsafe character at every offset,
        // across block boundaries and in the tail.
        let filler = "“株洲”——市民，说：…（新闻）";
        let clean: String = filler.repeat(12);
        assert!(!needs_sanitizing(clean.as_bytes()));
        for bad in [
            "\u{1b}", "\u{7f}", "\u{85}", "\u{200b}", "\u{202e}", "\u{2066}", "\u{feff}",
            "\u{61c}", "\u{180e}",
        ] {
            for cut in clean.char_indices().map(|(i, _)| i).chain([clean.len()]) {
                let text = format!("{}{bad}{}", &clean[..cut], &clean[cut..]);
                assert!(needs_sanitizing(text.as_bytes()), "{bad:?} at byte {cut}");
            }
        }
    }

    #[test]
    fn clean_removes_whole_sequences() {
        assert_eq!(clean("a\nb\u{1b}[31m红\u{1b}]0;x\u{7}"), "a b红");
        assert_eq!(clean("标题"), "标题");
    }

    #[test]
    fn tabs_and_newlines_are_kept() {
        let (s, w) = sanitize("甲\t乙\n丙");
        assert_eq!(s, "甲\t乙\n丙");
        assert!(w.is_empty());
    }

    #[test]
    fn binary_is_recognised() {
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\0\0\0"));
        assert!(!looks_binary("株洲日报\n".as_bytes()));
        assert!(!looks_binary(b""));
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut seed = 0x1234_5678u32;
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    seed as u8
                })
                .collect();
            let d = decode(&bytes);
            assert!(d.text.chars().all(|c| unsafe_class(c).is_none()));
        }
    }

    #[test]
    fn clean_flattens_newlines_and_controls() {
        // `ESC b` is a two-character escape sequence: both go.
        assert_eq!(clean("a\u{1b}b\nc"), "a c");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }
}
