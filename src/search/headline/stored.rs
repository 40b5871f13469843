//! The headline index as bytes, so that the archive's index can keep it
//! between runs: building it reads and folds every headline (about a third
//! of a warm `search` at 962k headlines). Read back, its arrays are used
//! where they lie in the kept file, mapped ([`HeadlineIndex::from_map`]),
//! or copied ([`HeadlineIndex::from_bytes`]).
//!
//! Fixed-width little-endian fields, in this order: format (u32), pinyin
//! and newest-first (a byte each), the number of headlines (u64), a byte
//! saying how many zero bytes follow it so that what comes next starts 64
//! bytes into the file's pages (given where the bytes start in the file);
//! per headline its [`Meta`] (64 bytes), then per headline its [`Heads`]
//! (48), then per headline its article (three u32); the char maps (count,
//! then key, length and values); the arena (length and UTF-8 bytes). The
//! first three arrays are laid out as the types are in memory
//! (`#[repr(C)]`), so that a little-endian machine maps them as they are.
//! Anything short, long, of another format or not UTF-8 reads as `None`.
//! The caller checks the bytes are whole (the skeleton's checksum).
//!
//! Why mapped: at 100k issues (962k headlines, 170 MB) a `search` spent
//! half of its 0.22–0.26 s copying the arrays into fresh memory (page
//! faults, zeroing, memmove) and handing it back at exit.

use super::held::{Arena, Held, Plain};
use super::{HeadlineIndex, Heads, Lead, Meta, Sketch, Slot};
use crate::search::ArticleRef;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;
use std::sync::Arc;

/// The layout above; bumped when it or what the index holds changes.
const FORMAT: u32 = 2;

/// Where the arrays start, in the file: a multiple of this.
const ALIGN: usize = 64;

/// Bytes per headline in the three arrays.
const PER_HEADLINE: usize = size_of::<Meta>() + size_of::<Heads>() + size_of::<ArticleRef>();

// SAFETY: `#[repr(C)]`, three u32s, no padding.
unsafe impl Plain for ArticleRef {}
const _: () = assert!(size_of::<ArticleRef>() == 12 && PER_HEADLINE == 124);

impl HeadlineIndex {
    /// The index as bytes, for a file in which they start `base` bytes in
    /// ([`HeadlineIndex::from_map`] reads them there; from anywhere else,
    /// [`HeadlineIndex::from_bytes`] copies them).
    pub fn to_bytes_at(&self, base: usize) -> Vec<u8> {
        let n = self.meta.len();
        let mut out = Vec::with_capacity(32 + ALIGN + n * PER_HEADLINE + self.arena.len());
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.push(u8::from(self.pinyin));
        out.push(u8::from(self.newest_first));
        out.extend_from_slice(&(n as u64).to_le_bytes());
        let pad = (base + out.len() + 1).next_multiple_of(ALIGN) - (base + out.len() + 1);
        out.push(pad as u8);
        out.resize(out.len() + pad, 0);
        for m in self.meta.iter() {
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
        for h in self.heads.iter() {
            out.extend_from_slice(&h.lead_neighbours.to_le_bytes());
            out.extend_from_slice(&h.neighbours.to_le_bytes());
            out.extend_from_slice(&h.packed.to_le_bytes());
            out.extend_from_slice(&h.second.to_le_bytes());
            out.extend_from_slice(&h.third.to_le_bytes());
            out.extend_from_slice(&h.boundary_chars.to_le_bytes());
            out.extend_from_slice(&h.boundary_pairs.to_le_bytes());
        }
        for a in self.articles.iter() {
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

    /// As [`HeadlineIndex::to_bytes_at`] for bytes at the start of a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_bytes_at(0)
    }

    /// The index [`HeadlineIndex::to_bytes_at`] wrote, copied out of
    /// `bytes`; `None` for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Option<HeadlineIndex> {
        read(bytes, None)
    }

    /// The index [`HeadlineIndex::to_bytes_at`] wrote at `start` in `map`,
    /// its arrays and texts used where they lie (each copied only if it
    /// does not lie aligned, or on a big-endian machine); `None` for
    /// anything else.
    pub fn from_map(map: Arc<memmap2::Mmap>, start: usize) -> Option<HeadlineIndex> {
        read(map.get(start..)?, Some((&map, start)))
    }
}

/// The index in `bytes`, which lie at `start` in `map` when given.
fn read(bytes: &[u8], map: Option<(&Arc<memmap2::Mmap>, usize)>) -> Option<HeadlineIndex> {
    let mut r = Reader(bytes);
    if r.u32()? != FORMAT {
        return None;
    }
    let pinyin = r.flag()?;
    let newest_first = r.flag()?;
    let n = usize::try_from(r.u64()?).ok()?;
    // A count larger than what is left is a damaged file, not an
    // allocation to attempt.
    if n.checked_mul(PER_HEADLINE)? > r.0.len() {
        return None;
    }
    let pad = r.take(1)?[0] as usize;
    if pad >= ALIGN || r.take(pad)?.iter().any(|&b| b != 0) {
        return None;
    }
    // Where the reader is in the map.
    let at = |r: &Reader| map.map(|(m, start)| (m, start + bytes.len() - r.0.len()));
    let meta = array(&mut r, at, n, |r| {
        Some(Meta {
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
        })
    })?;
    let heads = array(&mut r, at, n, |r| {
        Some(Heads {
            lead_neighbours: r.u128()?,
            neighbours: r.u64()?,
            packed: r.u64()?,
            second: r.u32()?,
            third: r.u32()?,
            boundary_chars: r.u32()?,
            boundary_pairs: r.u32()?,
        })
    })?;
    let articles = array(&mut r, at, n, |r| {
        Some(ArticleRef {
            issue: r.u32()?,
            page: r.u32()?,
            article: r.u32()?,
        })
    })?;
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
    let arena = match at(&r) {
        Some((m, from)) => {
            r.take(len)?;
            Arena::mapped(m, from, len)?
        }
        None => Arena::from_string(std::str::from_utf8(r.take(len)?).ok()?.to_string()),
    };
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

/// `n` items of `T` off the front of `r`: where they lie in the map when
/// `at` places the reader in one and they lie aligned there, else each
/// read by `item`.
fn array<'m, T: Plain>(
    r: &mut Reader,
    at: impl Fn(&Reader) -> Option<(&'m Arc<memmap2::Mmap>, usize)>,
    n: usize,
    item: impl Fn(&mut Reader) -> Option<T>,
) -> Option<Held<T>> {
    if let Some((m, from)) = at(r)
        && let Some(held) = Held::mapped(m, from, n)
    {
        r.take(n * size_of::<T>())?;
        return Some(held);
    }
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        items.push(item(r)?);
    }
    Some(Held::Owned(items))
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

    /// `read` filters, and gives each entry's text and article, as `built`.
    fn same_answers(built: &HeadlineIndex, read: &HeadlineIndex) {
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

    #[test]
    fn an_index_read_back_filters_as_the_one_written() {
        for pinyin in [false, true] {
            let built = index(pinyin);
            let bytes = built.to_bytes();
            let read = HeadlineIndex::from_bytes(&bytes).expect("reads back");
            assert_eq!(read.to_bytes(), bytes);
            assert_eq!(read.pinyin(), pinyin);
            same_answers(&built, &read);
        }
    }

    #[test]
    fn an_index_mapped_filters_as_the_one_written_wherever_its_bytes_lie() {
        use std::io::Write;
        use std::sync::Arc;
        let built = index(true);
        // `written_at`: where the bytes were laid out to start in a file;
        // `lying_at`: where they do.
        for (written_at, lying_at) in [(0, 0), (37, 37), (101, 101), (37, 38), (64, 3)] {
            let mut file = tempfile::tempfile().unwrap();
            file.write_all(&vec![7u8; lying_at]).unwrap();
            let bytes = built.to_bytes_at(written_at);
            file.write_all(&bytes).unwrap();
            // SAFETY: a file of this test's own, not changed while mapped.
            let map = Arc::new(unsafe { memmap2::Mmap::map(&file) }.unwrap());
            let read = HeadlineIndex::from_map(Arc::clone(&map), lying_at).expect("reads back");
            // Laid out where they lie, the arrays and texts are not copied
            // into memory; elsewhere they are, with the same answers.
            let in_memory = read.heap_bytes() >= built.heap_bytes() / 2;
            assert_eq!(in_memory, written_at != lying_at, "{written_at} {lying_at}");
            same_answers(&built, &read);
            // A change to the index mapped is made in memory, the file
            // left as it is.
            let mut changed = read.clone();
            changed.set_texts(&[(3, "绿色出行".to_string())]);
            assert_eq!(changed.text(3), "绿色出行");
            assert_eq!(read.text(3), "绿皮火车");
            assert_eq!(&map[lying_at..], &bytes[..]);
            let found = changed.filter("lsc", Scope::All, 10, &|| false).unwrap();
            assert_eq!(found.hits.first().map(|h| h.entry), Some(3), "{found:?}");
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
