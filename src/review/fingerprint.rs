//! Fingerprints: what a review entry was made against. An article's text
//! (an entry keyed by article id), a source line's text (a structural
//! correction keyed by file and line), as FNV-1a 64.

use crate::model::Article;

/// A fingerprint of the article's text (kicker, headline, body): 16 hex digits
/// of FNV-1a 64. Hand-rolled rather than `std`'s `DefaultHasher`, whose output
/// may change between Rust versions (and would silently make every stored
/// review stale). The id is left out: the fingerprint says *what* was
/// reviewed, the id says *where*.
pub fn fingerprint(article: &Article) -> String {
    let mut hash = Fnv1a64::new();
    // Each part is tagged and length-prefixed, so that moving text from the
    // headline to the body, or splitting a paragraph, changes the hash.
    let mut part = |tag: u8, text: Option<&str>| {
        hash.write(&[tag]);
        match text {
            None => hash.write(&[0]),
            Some(t) => {
                hash.write(&[1]);
                hash.write(&(t.len() as u64).to_le_bytes());
                hash.write(t.as_bytes());
            }
        }
    };
    part(b'k', article.kicker.as_ref().map(|t| t.text.as_str()));
    part(b'h', article.headline.as_ref().map(|t| t.text.as_str()));
    for block in &article.body {
        part(b'b', Some(&block.text));
    }
    format!("{:016x}", hash.finish())
}

pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a64::new();
    h.write(bytes);
    h.finish()
}

struct Fnv1a64(u64);

impl Fnv1a64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Fnv1a64(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A fingerprint of one source line as the source view shows it (cleaned,
/// trimmed): a structural correction names its lines by number and by this,
/// so it is never applied to a line whose text changed.
pub fn line_fingerprint(text: &str) -> String {
    format!("{:016x}", fnv1a64(crate::intake::clean(text).as_bytes()))
}
