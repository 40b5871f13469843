//! After the walk: photographers credited, what the scan printed twice
//! marked, the paper's misread names warned about, spare capacity returned.

use super::byline::{BylineParts, parse_byline};
use super::shape::{self, at_least_chars};
use super::walker::merge_byline;
use crate::model::Article;
use crate::profile::Profiles;

/// The byline in a caption's credit: `…。 株洲日报记者 张三 摄` → 记者 张三.
pub(super) fn caption_byline(caption: &str, profiles: &Profiles) -> Option<BylineParts> {
    let t = caption.trim();
    let t = match shape::before_trailing_group(t) {
        // `…（株洲日报记者 张三 摄）`: the credit is the group.
        Some(before) => t[before.len()..]
            .trim()
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）'])
            .trim(),
        None => t,
    };
    let t = ["摄影报道", "摄影", "摄", "供图"]
        .iter()
        .find_map(|k| t.strip_suffix(k))?;
    let start = t
        .rfind(['。', '！', '？', '）', ')'])
        .map(|i| i + t[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    parse_byline(&t[start..], profiles)
}

/// An article signed only under its photo (photo news) is credited to the
/// photographer named there.
pub(super) fn credit_photographers(articles: &mut [Article], profiles: &Profiles) {
    for a in articles
        .iter_mut()
        .filter(|a| a.byline.is_empty() && a.byline.lines.is_empty())
    {
        let credits: Vec<BylineParts> = a
            .captions
            .iter()
            .filter_map(|c| caption_byline(&c.text, profiles))
            .collect();
        for b in &credits {
            merge_byline(&mut a.byline, b);
        }
    }
}

pub(super) fn most_common(items: &[String]) -> Option<String> {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for it in items {
        match counts.iter_mut().find(|(s, _)| *s == it) {
            Some((_, c)) => *c += 1,
            None => counts.push((it, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, c)| c)
        .map(|(s, _)| s.clone())
}

/// One warning per page and alias: the OCR misread the paper's name.
pub(super) fn ocr_variant_warnings(text: &str, profiles: &Profiles) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for p in &profiles.papers {
        for alias in &p.aliases {
            // memchr's SIMD search: `str::find` scanned every page once per
            // alias at a thirtieth of the load time.
            if let Some(pos) = memchr::memmem::find(text.as_bytes(), alias.as_bytes()) {
                let line = text[..pos].matches('\n').count() as u32 + 1;
                out.push((
                    line,
                    format!("OCR variant {alias} read as the paper {}", p.name),
                ));
            }
        }
    }
    out
}

/// Marks what the scan printed twice: a later block identical to an earlier
/// one on the page is `repeated`; a later article identical to an earlier one
/// (same headline, same text) is left for the loader to point at its original.
pub(super) fn mark_repeats(articles: &mut [Article]) {
    // Paragraphs sorted by length, then text, then place: a repeat is one
    // equal to the paragraph sorted before it, and the first print sorts
    // first. Texts are only compared when their lengths tie (hashing every
    // byte of every paragraph into a set cost a twentieth of the parse).
    let mut paragraphs: Vec<(usize, &str, usize, usize)> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        for (j, b) in a.body.iter().enumerate() {
            if at_least_chars(&b.text, 16) {
                paragraphs.push((b.text.len(), b.text.as_str(), i, j));
            }
        }
    }
    paragraphs.sort_unstable();
    let repeats: Vec<(usize, usize)> = paragraphs
        .windows(2)
        .filter(|w| w[0].1 == w[1].1)
        .map(|w| (w[1].2, w[1].3))
        .collect();
    for (i, j) in repeats {
        articles[i].body[j].repeated = true;
    }
}

/// Gives back the spare capacity that growing left behind: paragraphs joined
/// across column breaks grew by doubling, and the article lists too. The
/// loaded archive lives as long as the session, so at a million articles the
/// slack is tens of megabytes of resident memory (8% of a loaded archive).
pub(super) fn release_slack(articles: &mut Vec<Article>) {
    for a in articles.iter_mut() {
        for b in &mut a.body {
            b.text.shrink_to_fit();
        }
        a.body.shrink_to_fit();
    }
    articles.shrink_to_fit();
}
