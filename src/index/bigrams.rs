//! The full-text index's tokenizer: every pair of neighbouring characters,
//! at the position of its first character.
//!
//! tantivy's own `NgramTokenizer` cuts the same bigrams but puts every one
//! at position 0, so a phrase of bigrams cannot be asked for: a word of
//! three or more characters could only be narrowed to the articles holding
//! all its bigrams somewhere, and each of those read to be sure (at 100k
//! generated issues `search --body 醴陵市` read 42k candidates: the whole
//! archive loaded, 8.8 s). At their places, the word is the phrase of its
//! bigrams and the index answers it exactly.
//!
//! Bigrams holding whitespace are left out: a query's words never hold any.
//! A character standing alone (whitespace or the text's end on both sides)
//! is in no bigram, so it is a token of its own: then every character of a
//! text is in some token, and a one-character word occurs exactly where a
//! token starts with it, ends with it or is it (see
//! [`super::text::TextIndex::candidates`]). Why: without them a query of
//! one character could not be narrowed at all, and at 100k generated
//! issues `search --body 陵` loaded the whole archive (12–15 s, 3.46 GB).
//!
//! The index's texts are also marked at their ends, for `^` and `$`
//! ([`BigramTokenizer::marking`]); a query's words are not.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Marks a text's first character: `\u{2}` and the character, a token
/// just before the text's first bigram.
pub(crate) const START: char = '\u{2}';
/// Marks a text's last character: the character and `\u{3}`, a token just
/// after the text's last bigram.
pub(crate) const END: char = '\u{3}';

/// Character bigrams at the positions of their first characters, and the
/// characters that stand alone at theirs; [`marking`](Self::marking), the
/// text's first and last characters marked too.
#[derive(Clone, Default)]
pub(crate) struct BigramTokenizer {
    token: Token,
    marks: bool,
}

impl BigramTokenizer {
    /// The tokenizer of the index's texts: each text's first character
    /// (unless whitespace) also a token `START` + it, at position 0, and
    /// its last (likewise) a token it + `END`, at its own position; every
    /// character one place on. Then `^word` is the phrase of the start
    /// mark and the word's bigrams, `word$` that of the bigrams and the
    /// end mark: a word anchored to a text's start or end is answered by
    /// the index as a plain one is. Why: `search --body '^在'` (at 100k
    /// issues a word in nearly every article) read every article's text
    /// to see where 在 stands, 32 s, where the index answers `在` in 0.9 s.
    pub(crate) fn marking() -> BigramTokenizer {
        BigramTokenizer {
            token: Token::default(),
            marks: true,
        }
    }
}

/// The bigrams of one text.
pub(crate) struct BigramStream<'a> {
    text: &'a str,
    /// Byte offsets of the text's characters, and the text's end.
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    position: usize,
    /// Whether the character before the next one is whitespace, or there
    /// is none.
    after_space: bool,
    /// With marks: the first character, until its mark is given…
    start: Option<(usize, char)>,
    /// …and the last one read, with its position, until the text's end.
    last: Option<(usize, usize, char)>,
    marks: bool,
    token: &'a mut Token,
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        self.token.reset();
        let start = match self.marks {
            true => text
                .char_indices()
                .next()
                .filter(|(_, c)| !c.is_whitespace()),
            false => None,
        };
        BigramStream {
            text,
            chars: text.char_indices().peekable(),
            position: usize::from(self.marks),
            after_space: true,
            start,
            last: None,
            marks: self.marks,
            token: &mut self.token,
        }
    }
}

impl BigramStream<'_> {
    /// The next token, at `from..to` in the text and `position`: its text,
    /// emptied, to be written.
    fn give(&mut self, from: usize, to: usize, position: usize) -> &mut String {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        self.token.text.clear();
        &mut self.token.text
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((at, first)) = self.start.take() {
            let mark = self.give(at, at + first.len_utf8(), 0);
            mark.push(START);
            mark.push(first);
            return true;
        }
        while let Some((from, first)) = self.chars.next() {
            let position = self.position;
            self.position += 1;
            if self.marks {
                self.last = Some((from, position, first));
            }
            let after_space = std::mem::replace(&mut self.after_space, first.is_whitespace());
            if first.is_whitespace() {
                continue;
            }
            let to = match self.chars.peek() {
                Some(&(second_at, second)) if !second.is_whitespace() => {
                    second_at + second.len_utf8()
                }
                // Alone: its own token.
                _ if after_space => from + first.len_utf8(),
                _ => continue,
            };
            let text = self.text;
            self.give(from, to, position).push_str(&text[from..to]);
            return true;
        }
        match self.last.take() {
            Some((at, position, last)) if !last.is_whitespace() => {
                let mark = self.give(at, at + last.len_utf8(), position);
                mark.push(last);
                mark.push(END);
                true
            }
            _ => false,
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        tokens_of(&mut BigramTokenizer::default(), text)
    }

    fn tokens_of(t: &mut BigramTokenizer, text: &str) -> Vec<(String, usize)> {
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    #[test]
    fn bigrams_sit_at_their_first_characters_and_skip_whitespace() {
        let own = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
            v.iter().map(|(t, p)| (t.to_string(), *p)).collect()
        };
        assert_eq!(
            tokens("株洲日报"),
            own(&[("株洲", 0), ("洲日", 1), ("日报", 2)])
        );
        assert_eq!(tokens("株洲 日报"), own(&[("株洲", 0), ("日报", 3)]));
        assert_eq!(tokens(""), own(&[]));
        assert_eq!(tokens("5g网"), own(&[("5g", 0), ("g网", 1)]));
    }

    #[test]
    fn a_character_alone_is_a_token_of_its_own() {
        let own = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
            v.iter().map(|(t, p)| (t.to_string(), *p)).collect()
        };
        assert_eq!(tokens("陵"), own(&[("陵", 0)]));
        assert_eq!(
            tokens("第 陵 版 株洲"),
            own(&[("第", 0), ("陵", 2), ("版", 4), ("株洲", 6)])
        );
        // At a text's either end, beside a word: in a bigram already.
        assert_eq!(tokens("株洲 a"), own(&[("株洲", 0), ("a", 3)]));
        assert_eq!(tokens("a 株洲"), own(&[("a", 0), ("株洲", 2)]));
        assert_eq!(tokens("  "), own(&[]));
    }

    #[test]
    fn marking_puts_a_texts_first_and_last_characters_before_and_after_its_bigrams() {
        let own = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
            v.iter().map(|(t, p)| (t.to_string(), *p)).collect()
        };
        let marked = |text: &str| tokens_of(&mut BigramTokenizer::marking(), text);
        assert_eq!(
            marked("株洲日报"),
            own(&[
                ("\u{2}株", 0),
                ("株洲", 1),
                ("洲日", 2),
                ("日报", 3),
                ("报\u{3}", 4)
            ])
        );
        // A text of one character: its start, itself, its end.
        assert_eq!(
            marked("陵"),
            own(&[("\u{2}陵", 0), ("陵", 1), ("陵\u{3}", 1)])
        );
        // Whitespace at either end is not marked (no anchored word starts
        // or ends with it); the bigrams keep their places one on.
        assert_eq!(marked(" 株洲 a "), own(&[("株洲", 2), ("a", 5)]));
        assert_eq!(
            marked("第 陵"),
            own(&[("\u{2}第", 0), ("第", 1), ("陵", 3), ("陵\u{3}", 3)])
        );
        assert_eq!(marked(""), own(&[]));
        // Without marks, as before.
        assert_eq!(tokens("株洲"), own(&[("株洲", 0)]));
    }
}
