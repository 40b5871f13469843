//! Where a message is about, written as compilers write it — `file:line:column:
//! message` — so that editors and terminals can jump there. Config mistakes,
//! unreadable store files and the loader's warnings all say where with it.

use std::fmt;

/// A file, and when known a 1-based line and column in it. Displays as
/// `file`, `file:line` or `file:line:column`; a column without a line is not
/// shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located<P> {
    pub path: P,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl<P: fmt::Display> Located<P> {
    pub fn new(path: P, line: Option<usize>, column: Option<usize>) -> Located<P> {
        Located { path, line, column }
    }

    /// A place in the file: line and column.
    pub fn at(path: P, line: usize, column: usize) -> Located<P> {
        Located::new(path, Some(line), Some(column))
    }
}

impl<P: fmt::Display> fmt::Display for Located<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_is_known() {
        assert_eq!(Located::at("a.ron", 3, 14).to_string(), "a.ron:3:14");
        assert_eq!(Located::new("a.txt", Some(7), None).to_string(), "a.txt:7");
        assert_eq!(Located::new("a.txt", None, Some(2)).to_string(), "a.txt");
    }
}
