//! Helpers shared by the search module's unit tests.

use super::pinyin::PinyinTable;
use super::{ArticleRef, HeadlineEntry};

/// `n` synthetic headlines (tools/synth's), `per_issue` to an issue,
/// newest issue first, as `kanbao_synth::synthetic_entries` makes them.
/// Not that function itself: its `HeadlineEntry` is the built library's,
/// which in this crate's own unit tests is another type than ours.
pub(super) fn synthetic_entries(
    n: usize,
    per_issue: usize,
    seed: u64,
) -> impl Iterator<Item = HeadlineEntry> {
    let issues = n.div_ceil(per_issue) as u32;
    kanbao_synth::synthetic_headlines(n, seed)
        .enumerate()
        .map(move |(i, text)| {
            let issue = (i / per_issue) as u32;
            HeadlineEntry {
                article: ArticleRef {
                    issue,
                    page: 0,
                    article: (i % per_issue) as u32,
                },
                text,
                recency: issues - issue,
            }
        })
}

/// Pinyin terms that hit: each char's first reading, cut to 1..=len letters.
pub(super) fn pinyin_terms_for(text: &str, seed: usize) -> Vec<String> {
    let table = PinyinTable::get();
    let readings: Vec<String> = text
        .chars()
        .filter_map(|c| table.readings(c).into_iter().next())
        .collect();
    let mut out = Vec::new();
    for start in (0..readings.len()).step_by(3) {
        let mut term = String::new();
        for (k, r) in readings[start..].iter().take(4).enumerate() {
            let cut = 1 + (seed + k) % r.len();
            term.push_str(&r[..cut]);
        }
        out.push(term);
    }
    out
}

/// A headline of its own issue, with the recency given.
pub(super) fn entry(issue: u32, text: &str, recency: u32) -> HeadlineEntry {
    HeadlineEntry {
        article: ArticleRef {
            issue,
            page: 0,
            article: 0,
        },
        text: text.into(),
        recency,
    }
}
