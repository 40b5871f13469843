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

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Character bigrams at the positions of their first characters, and the
/// characters that stand alone at theirs.
#[derive(Clone, Default)]
pub(crate) struct BigramTokenizer {
    token: Token,
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
    token: &'a mut Token,
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        self.token.reset();
        BigramStream {
            text,
            chars: text.char_indices().peekable(),
            position: 0,
            after_space: true,
            token: &mut self.token,
        }
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, first)) = self.chars.next() {
            let position = self.position;
            self.position += 1;
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
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.position = position;
            self.token.position_length = 1;
            self.token.text.clear();
            self.token.text.push_str(&self.text[from..to]);
            return true;
        }
        false
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
        let mut t = BigramTokenizer::default();
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
}
