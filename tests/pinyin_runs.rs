//! Pinyin precision, measured on a generated archive (tools/synth): every
//! headline a pinyin query finds holds a run of neighbouring characters
//! whose readings spell the query (or, in Latin text, the query's letters in
//! order), checked against the `pinyin` crate's readings directly, not
//! against the filter's own matcher; and a run taken from a headline finds
//! that headline.

use kanbao::loader::{self, LoadOptions};
use kanbao::search::{HeadlineIndex, Scope};
use kanbao_synth as synth;
use pinyin::ToPinyinMulti;

/// Every toneless reading of `c` the `pinyin` crate knows (`ü` as `v`), or
/// the character itself, lowercased, for an ASCII letter or digit.
fn readings(c: char) -> Vec<String> {
    if c.is_ascii_alphanumeric() {
        return vec![c.to_ascii_lowercase().to_string()];
    }
    c.to_pinyin_multi()
        .map(|m| {
            m.into_iter()
                .map(|p| p.plain().replace('ü', "v").replace('ê', "e"))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `chars`, from its first character on, spell all of `query`: each
/// character a non-empty prefix of one of its readings.
fn spells(query: &str, chars: &[char]) -> bool {
    if query.is_empty() {
        return true;
    }
    let Some((&c, rest)) = chars.split_first() else {
        return false;
    };
    readings(c).iter().any(|r| {
        (1..=r.len().min(query.len()))
            .any(|l| query.starts_with(&r[..l]) && spells(&query[l..], rest))
    })
}

/// The oracle: a run of neighbouring characters spelling `query`, or the
/// query's letters in order among the text's Latin letters and digits.
fn holds_run(query: &str, text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let run = (0..chars.len()).any(|start| spells(query, &chars[start..]));
    let mut latin = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase());
    run || query.chars().all(|q| latin.any(|c| c == q))
}

#[test]
fn every_pinyin_hit_holds_a_run_of_neighbouring_characters_spelling_the_query() {
    let dir = tempfile::tempdir().unwrap();
    let opts = synth::Options {
        issues: 60,
        seed: 7,
        pages_per_issue: 1,
    };
    synth::write_archive(dir.path(), &opts).unwrap();
    let archive = loader::load_path(dir.path(), &LoadOptions::default()).unwrap();
    let index = HeadlineIndex::build(&archive, true);
    let n = index.len();
    assert!(n > 300, "{n} headlines");
    // Queries typed as people type pinyin, from the archive's own
    // headlines: initials and full syllables of three neighbours, and a
    // half-typed last syllable.
    let first = |c: char| readings(c).into_iter().next();
    let mut queries: Vec<(String, u32)> = Vec::new();
    for e in (0..n as u32).step_by(37) {
        let chars: Vec<char> = index.text(e).chars().collect();
        let Some(window) = chars.windows(3).find(|w| w.iter().all(|c| !c.is_ascii())) else {
            continue;
        };
        let Some(syllables) = window.iter().map(|&c| first(c)).collect::<Option<Vec<_>>>() else {
            continue;
        };
        let initials: String = syllables.iter().map(|s| &s[..1]).collect();
        let half = format!("{}{}", syllables[0], &syllables[1][..1]);
        queries.push((initials, e));
        queries.push((syllables.concat(), e));
        queries.push((half, e));
    }
    assert!(queries.len() >= 30, "{} queries", queries.len());
    let fixed = ["mtf", "kszt", "ymfk"].map(|q| (q.to_string(), u32::MAX));
    let mut hits_checked = 0;
    for (query, source) in queries.iter().chain(&fixed) {
        let result = index.filter(query, Scope::All, n, &|| false).unwrap();
        assert_eq!(result.total, result.hits.len(), "{query}: every hit listed");
        for hit in &result.hits {
            let text = index.text(hit.entry);
            assert!(
                holds_run(query, text),
                "{query} found {text}, which holds no run"
            );
            hits_checked += 1;
        }
        if *source != u32::MAX {
            assert!(
                result.hits.iter().any(|h| h.entry == *source),
                "{query} does not find {}",
                index.text(*source)
            );
        }
    }
    assert!(hits_checked > 100, "{hits_checked} hits checked");
}
