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

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Character bigrams at the positions of their first characters.
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
            token: &mut self.token,
        }
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, first)) = self.chars.next() {
            let position = self.position;
            self.position += 1;
            let Some(&(second_at, second)) = self.chars.peek() else {
                return false;
            };
            if first.is_whitespace() || second.is_whitespace() {
                continue;
            }
            let to = second_at + second.len_utf8();
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
        assert_eq!(tokens("a"), own(&[]));
        assert_eq!(tokens(""), own(&[]));
        assert_eq!(tokens("5g网"), own(&[("5g", 0), ("g网", 1)]));
    }
}
