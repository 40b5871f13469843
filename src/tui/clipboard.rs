//! Getting an article out of the reader: the text `y` copies and `|`
//! pipes, and the OSC 52 sequence that puts it on the clipboard of the
//! terminal the reader is shown in — over SSH and in tmux too, since the
//! sequence travels with the screen's own output.

use super::app::App;
use base64::Engine;

/// The current article as text to paste: where it was printed (paper,
/// date — a corrected one — and page), kicker, headline, byline, the body
/// unwrapped, and the id to quote. Every part is sanitized.
pub fn article_text(app: &App) -> Option<String> {
    let article = app.current_article()?;
    let issue = app.current_issue()?;
    let ctx = crate::reading::context(issue, article);
    let mut place: Vec<String> = Vec::new();
    place.extend(
        issue
            .paper
            .as_deref()
            .map(|p| crate::decode::clean(p).into_owned()),
    );
    place.extend(
        app.reviews
            .issue_date(&issue.id)
            .or(issue.date)
            .map(|d| d.to_string()),
    );
    place.push(format!("{}版", crate::decode::clean(&ctx.page)));
    let (kicker, headline, _) = app.shown_titles(article);
    let mut out = String::new();
    out.push_str(&place.join(" · "));
    out.push_str("\n\n");
    if let Some(k) = kicker {
        out.push_str(&crate::decode::clean(&k));
        out.push('\n');
    }
    out.push_str(&crate::decode::clean(&headline));
    out.push('\n');
    let by = crate::export::byline_text(article);
    if !by.is_empty() {
        out.push_str(&crate::decode::clean(&by));
        out.push('\n');
    }
    out.push('\n');
    for b in &article.body {
        out.push_str(crate::reading::INDENT);
        out.push_str(&crate::decode::clean(&b.text));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&crate::decode::clean(&article.id));
    out.push('\n');
    Some(out)
}

/// `ESC ] 52 ; c ; base64 BEL`: the terminal puts the text on the
/// clipboard (`c`). Only line breaks and tabs of the text's controls are
/// kept, so nothing in it can act on the terminal that receives it
/// (base64 would carry anything, and the clipboard would paste it back).
pub fn osc52(text: &str) -> Vec<u8> {
    let clean: String = text
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    let mut out = b"\x1b]52;c;".to_vec();
    out.extend(
        base64::engine::general_purpose::STANDARD
            .encode(clean)
            .bytes(),
    );
    out.push(0x07);
    out
}

/// The same sequence for tmux to pass to the terminal outside it
/// (`ESC P tmux; …ESC \`, each ESC inside doubled), which tmux does with
/// `set -g allow-passthrough on`. With `set -g set-clipboard on` tmux takes
/// the plain sequence itself.
pub fn tmux_passthrough(sequence: &[u8]) -> Vec<u8> {
    let mut out = b"\x1bPtmux;".to_vec();
    for &b in sequence {
        if b == 0x1b {
            out.push(0x1b);
        }
        out.push(b);
    }
    out.extend_from_slice(b"\x1b\\");
    out
}

/// Why the clipboard sequence cannot arrive, when that can be told: the
/// terminal has none (the Linux console, a dumb terminal), or tmux is set
/// to drop it. `term` is `$TERM`; `tmux` the values of tmux's
/// `set-clipboard` and `allow-passthrough` options when inside tmux.
pub fn cannot_copy(term: Option<&str>, tmux: Option<(&str, &str)>) -> Option<String> {
    match term {
        None | Some("" | "dumb" | "linux") => {
            return Some(format!(
                "this terminal ({}) has no clipboard sequence (OSC 52); try | with a command",
                term.filter(|t| !t.is_empty()).unwrap_or("no TERM")
            ));
        }
        _ => {}
    }
    if let Some((set_clipboard, passthrough)) = tmux
        && set_clipboard.trim() != "on"
        && passthrough.trim() != "on"
    {
        return Some(
            "tmux drops the clipboard sequence: set -g set-clipboard on (or allow-passthrough on)"
                .into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_of_the_text_between_the_sequence_ends() {
        assert_eq!(osc52("新闻 a\n"), b"\x1b]52;c;5paw6Ze7IGEK\x07".to_vec());
        // A control in the text is dropped before encoding, so the
        // clipboard never pastes it back.
        assert_eq!(osc52("a\x1b[2Jb\x07"), osc52("a[2Jb"));
        assert_eq!(osc52(""), b"\x1b]52;c;\x07".to_vec());
    }

    #[test]
    fn tmux_passthrough_doubles_every_escape() {
        assert_eq!(
            tmux_passthrough(b"\x1b]52;c;YQ==\x07"),
            b"\x1bPtmux;\x1b\x1b]52;c;YQ==\x07\x1b\\".to_vec()
        );
    }

    #[test]
    fn says_when_the_sequence_cannot_arrive() {
        assert!(cannot_copy(Some("xterm-256color"), None).is_none());
        assert!(cannot_copy(Some("linux"), None).unwrap().contains("linux"));
        assert!(cannot_copy(None, None).is_some());
        assert!(cannot_copy(Some("tmux-256color"), Some(("on", "off"))).is_none());
        assert!(cannot_copy(Some("tmux-256color"), Some(("external", "on"))).is_none());
        let said = cannot_copy(Some("screen"), Some(("external\n", "off\n"))).unwrap();
        assert!(said.contains("set-clipboard on"), "{said}");
    }
}
