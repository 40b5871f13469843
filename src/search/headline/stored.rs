//! The headline index as bytes, so that the archive's index can keep it
//! between runs: building it reads and folds every headline (about a third
//! of a warm `search` at 962k headlines), reading it back is a copy.
//!
//! Fixed-width little-endian fields, in this order: format (u32), pinyin
//! and newest-first (a byte each), the number of headlines (u64); per
//! headline its [`Meta`], then per headline its [`Heads`], then per
//! headline its article (three u32); the char maps (count, then key, length
//! and values); the arena (length and UTF-8 bytes). Anything short, long,
//! of another format or not UTF-8 reads as `None`. The caller checks the
//! bytes are whole (the skeleton's checksum).

use super::{HeadlineIndex, Heads, Lead, Meta, Sketch, Slot};
use crate::search::ArticleRef;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// The layout above; bumped when it or what the index holds changes.
const FORMAT: u32 = 1;

impl HeadlineIndex {
    /// The index as bytes ([`HeadlineIndex::from_bytes`] reads them).
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.meta.len();
        let mut out = Vec::with_capacity(32 + n * (64 + 48 + 12) + self.arena.len());
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.push(u8::from(self.pinyin));
        out.push(u8::from(self.newest_first));
        out.extend_from_slice(&(n as u64).to_le_bytes());
        for m in &self.meta {
            out.extend_from_slice(&m.sketch.chars[0].to_le_bytes());
            out.extend_from_slice(&m.sketch.chars[1].to_le_bytes());
            out.extend_from_slice(&m.sketch.quarters.to_le_bytes());
            out.extend_from_slice(&m.sketch.pairs.to_le_bytes());
            out.extend_from_slice(&m.slot.start.to_le_bytes());
            out.extend_from_slice(&m.slot.folded_len.to_le_bytes());
            out.extend_from_slice(&m.slot.original_len.to_le_bytes());
            out.extend_from_slice(&m.recency.to_le_bytes());
            out.extend_from_slice(&m.lead.0.to_le_bytes());
        }
        for h in &self.heads {
            out.extend_from_slice(&h.lead_neighbours.to_le_bytes());
            out.extend_from_slice(&h.neighbours.to_le_bytes());
            out.extend_from_slice(&h.packed.to_le_bytes());
            out.extend_from_slice(&(h.second as u32).to_le_bytes());
            out.extend_from_slice(&(h.third as u32).to_le_bytes());
            out.extend_from_slice(&h.boundary_chars.to_le_bytes());
            out.extend_from_slice(&h.boundary_pairs.to_le_bytes());
        }
        for a in &self.articles {
            out.extend_from_slice(&a.issue.to_le_bytes());
            out.extend_from_slice(&a.page.to_le_bytes());
            out.extend_from_slice(&a.article.to_le_bytes());
        }
        let mut maps: Vec<(&u32, &Box<[u32]>)> = self.char_maps.iter().collect();
        maps.sort_by_key(|(k, _)| **k);
        out.extend_from_slice(&(maps.len() as u64).to_le_bytes());
        for (key, values) in maps {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&(values.len() as u64).to_le_bytes());
            for v in values.iter() {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.arena.len() as u64).to_le_bytes());
        out.extend_from_slice(self.arena.as_bytes());
        out
    }

    /// The index [`HeadlineIndex::to_bytes`] wrote; `None` for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Option<HeadlineIndex> {
        let mut r = Reader(bytes);
        if r.u32()? != FORMAT {
            return None;
        }
        let pinyin = r.flag()?;
        let newest_first = r.flag()?;
        let n = usize::try_from(r.u64()?).ok()?;
        // Every headline takes 124 bytes: a count larger than what is left
        // is a damaged file, not an allocation to attempt.
        if n.checked_mul(124)? > r.0.len() {
            return None;
        }
        let mut meta = Vec::with_capacity(n);
        for _ in 0..n {
            meta.push(Meta {
                sketch: Sketch {
                    chars: [r.u64()?, r.u64()?],
                    quarters: r.u128()?,
                    pairs: r.u128()?,
                },
                slot: Slot {
                    start: r.u32()?,
                    folded_len: r.u16()?,
                    original_len: r.u16()?,
                },
                recency: r.u32()?,
                lead: Lead(r.u32()?),
            });
        }
        let mut heads = Vec::with_capacity(n);
        for _ in 0..n {
            heads.push(Heads {
                lead_neighbours: r.u128()?,
                neighbours: r.u64()?,
                packed: r.u64()?,
                second: char::from_u32(r.u32()?)?,
                third: char::from_u32(r.u32()?)?,
                boundary_chars: r.u32()?,
                boundary_pairs: r.u32()?,
            });
        }
        let mut articles = Vec::with_capacity(n);
        for _ in 0..n {
            articles.push(ArticleRef {
                issue: r.u32()?,
                page: r.u32()?,
                article: r.u32()?,
            });
        }
        let maps = usize::try_from(r.u64()?).ok()?;
        let mut char_maps = HashMap::new();
        for _ in 0..maps.min(n) {
            let key = r.u32()?;
            let len = usize::try_from(r.u64()?).ok()?;
            if len.checked_mul(4)? > r.0.len() {
                return None;
            }
            let values: Vec<u32> = (0..len).map(|_| r.u32()).collect::<Option<_>>()?;
            char_maps.insert(key, values.into_boxed_slice());
        }
        if char_maps.len() != maps {
            return None;
        }
        let len = usize::try_from(r.u64()?).ok()?;
        let arena = std::str::from_utf8(r.take(len)?).ok()?.to_string();
        let whole = r.0.is_empty()
            && meta.iter().all(|m| {
                let end = m.slot.start as usize
                    + usize::from(m.slot.folded_len)
                    + usize::from(m.slot.original_len);
                end <= arena.len()
                    && arena.is_char_boundary(m.slot.start as usize)
                    && arena.is_char_boundary(end)
            });
        whole.then_some(HeadlineIndex {
            arena,
            meta,
            heads,
            articles,
            char_maps,
            pinyin,
            newest_first,
            matcher: SkimMatcherV2::default(),
        })
    }
}

/// Reads fixed-width little-endian fields off the front of a slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.take(1)?[0] {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn u128(&mut self) -> Option<u128> {
        self.array().map(u128::from_le_bytes)
    }
}

#[cfg(test)]
mod tests {
    use crate::search::{ArticleRef, HeadlineEntry, HeadlineIndex, Scope};

    fn index(pinyin: bool) -> HeadlineIndex {
        let texts = [
            "春风十里新城",
            "①号线开通",
            "㈱公司年报",
            "绿皮火车",
            "春风十里新城",
            "",
        ];
        let entries = texts.iter().enumerate().map(|(n, t)| HeadlineEntry {
            article: ArticleRef {
                issue: n as u32,
                page: 0,
                article: 2,
            },
            text: t.to_string(),
            recency: 10 - n as u32,
        });
        HeadlineIndex::from_entries(entries, pinyin)
    }

    #[test]
    fn an_index_read_back_filters_as_the_one_written() {
        for pinyin in [false, true] {
            let built = index(pinyin);
            let bytes = built.to_bytes();
            let read = HeadlineIndex::from_bytes(&bytes).expect("reads back");
            assert_eq!(read.to_bytes(), bytes);
            assert_eq!(read.pinyin(), pinyin);
            for q in ["春风", "1号", "(株)", "cf", "lphc", "线 !春", "zz"] {
                let a = built.filter(q, Scope::All, 10, &|| false);
                let b = read.filter(q, Scope::All, 10, &|| false);
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{q}");
            }
            for e in 0..built.len() as u32 {
                assert_eq!(read.text(e), built.text(e));
                assert_eq!(read.article(e), built.article(e));
            }
        }
    }

    #[test]
    fn damaged_bytes_read_as_nothing() {
        let bytes = index(true).to_bytes();
        assert!(HeadlineIndex::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(HeadlineIndex::from_bytes(&longer).is_none());
        let mut other = bytes.clone();
        other[0] ^= 1;
        assert!(HeadlineIndex::from_bytes(&other).is_none());
        let mut huge = bytes.clone();
        huge[6..14].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(HeadlineIndex::from_bytes(&huge).is_none());
        assert!(HeadlineIndex::from_bytes(&[]).is_none());
    }
}
