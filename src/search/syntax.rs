//! fzf's extended query syntax, read into clauses: what each word of a
//! query asks for, before anything is matched.
//!
//! Words are separated by whitespace and all must hold (AND); `|` between
//! words makes them one clause that holds when any of them does (OR). A word
//! is
//!
//! | word      | holds when the headline…                     |
//! |-----------|----------------------------------------------|
//! | `term`    | matches `term` fuzzily (or by pinyin)        |
//! | `'term`   | contains `term` exactly                      |
//! | `^term`   | starts with `term`                           |
//! | `term$`   | ends with `term`                             |
//! | `^term$`  | is `term`                                    |
//! | `!term`   | does not contain `term` (`!^`, `!$`, `!'` too) |
//!
//! as fzf reads them. A word that is only an operator (`!`, `^`, `'`, `$`,
//! `!^`…) or a `|` with no word on one side cannot match anything: that is a
//! [`QueryError`], which says why.

/// How a word is anchored to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// Characters in order, gaps allowed (the plain word); scored.
    Fuzzy,
    /// A contiguous substring (`'term`, and `!term`).
    Substring,
    /// At the start (`^term`).
    Prefix,
    /// At the end (`term$`).
    Suffix,
    /// The whole text (`^term$`).
    Whole,
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The term with its operators taken off.
    pub(crate) text: String,
    pub(crate) anchor: Anchor,
    /// `!`: the word holds when the term does not match.
    pub(crate) negated: bool,
}

/// Why a query cannot match anything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("`{0}` needs a term after it (as in `!term`, `^term`, `'term`)")]
    OperatorAlone(String),
    #[error("`$` needs a term before it (as in `term$`)")]
    DollarAlone,
    #[error("`|` needs a term on each side (as in `this | that`)")]
    DanglingOr,
}

/// A query as clauses, all of which must hold; a clause holds when any of
/// its words does.
pub(crate) fn parse(query: &str) -> Result<Vec<Vec<Word>>, QueryError> {
    let mut clauses: Vec<Vec<Word>> = Vec::new();
    let mut or_pending = false;
    for token in query.split_whitespace() {
        if token == "|" {
            if or_pending || clauses.is_empty() {
                return Err(QueryError::DanglingOr);
            }
            or_pending = true;
            continue;
        }
        let word = word(token)?;
        match clauses.last_mut() {
            Some(clause) if or_pending => clause.push(word),
            _ => clauses.push(vec![word]),
        }
        or_pending = false;
    }
    if or_pending {
        return Err(QueryError::DanglingOr);
    }
    Ok(clauses)
}

/// One whitespace-free token as a word.
fn word(token: &str) -> Result<Word, QueryError> {
    let (negated, rest) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let operators = &token[..token.len() - rest.len()];
    let alone = |op: &str| QueryError::OperatorAlone(format!("{operators}{op}"));
    if let Some(term) = rest.strip_prefix('\'') {
        if term.is_empty() {
            return Err(alone("'"));
        }
        return Ok(Word {
            text: term.to_string(),
            anchor: Anchor::Substring,
            negated,
        });
    }
    let (prefix, rest) = match rest.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    // A `$` alone (or `^$`) is an operator, not a term ending in one.
    let (suffix, term) = match rest.strip_suffix('$') {
        Some(term) if !term.is_empty() => (true, term),
        Some(_) if prefix => return Err(alone("^$")),
        Some(_) => return Err(QueryError::DollarAlone),
        None => (false, rest),
    };
    if term.is_empty() {
        return Err(alone(if prefix { "^" } else { "" }));
    }
    let anchor = match (prefix, suffix) {
        (true, true) => Anchor::Whole,
        (true, false) => Anchor::Prefix,
        (false, true) => Anchor::Suffix,
        // fzf: an excluded term is matched exactly, not fuzzily.
        (false, false) if negated => Anchor::Substring,
        (false, false) => Anchor::Fuzzy,
    };
    Ok(Word {
        text: term.to_string(),
        anchor,
        negated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, anchor: Anchor, negated: bool) -> Word {
        Word {
            text: text.to_string(),
            anchor,
            negated,
        }
    }

    #[test]
    fn each_operator_reads_as_fzf_reads_it() {
        use Anchor::*;
        let cases = [
            ("山河", w("山河", Fuzzy, false)),
            ("'山河", w("山河", Substring, false)),
            ("^山河", w("山河", Prefix, false)),
            ("山河$", w("山河", Suffix, false)),
            ("^山河$", w("山河", Whole, false)),
            ("!山河", w("山河", Substring, true)),
            ("!'山河", w("山河", Substring, true)),
            ("!^山河", w("山河", Prefix, true)),
            ("!山河$", w("山河", Suffix, true)),
            ("^mtf", w("mtf", Prefix, false)),
        ];
        for (query, want) in cases {
            assert_eq!(parse(query), Ok(vec![vec![want]]), "{query}");
        }
    }

    #[test]
    fn spaces_and_and_bars_or() {
        use Anchor::*;
        let clauses = parse("山河 !湖海 | ^风 云$").unwrap();
        assert_eq!(
            clauses,
            vec![
                vec![w("山河", Fuzzy, false)],
                vec![w("湖海", Substring, true), w("风", Prefix, false)],
                vec![w("云", Suffix, false)],
            ]
        );
        assert_eq!(parse("  ").unwrap(), Vec::<Vec<Word>>::new());
    }

    #[test]
    fn an_operator_without_a_term_says_why() {
        for (query, want) in [
            ("!", QueryError::OperatorAlone("!".into())),
            ("山河 ^", QueryError::OperatorAlone("^".into())),
            ("'", QueryError::OperatorAlone("'".into())),
            ("!^", QueryError::OperatorAlone("!^".into())),
            ("^$", QueryError::OperatorAlone("^$".into())),
            ("$", QueryError::DollarAlone),
            ("| 山河", QueryError::DanglingOr),
            ("山河 |", QueryError::DanglingOr),
            ("山河 | | 湖海", QueryError::DanglingOr),
        ] {
            assert_eq!(parse(query), Err(want.clone()), "{query}");
            assert!(want.to_string().contains('`'), "{want}");
        }
    }
}
