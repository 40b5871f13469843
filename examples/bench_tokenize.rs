//! Character bigrams against a word segmenter, for the full-text index:
//! how long each takes to cut an archive's text, how many terms and
//! postings each makes (what the index stores), and — the question that
//! decides — whether an index of each finds every article a search by
//! substring finds (`search --body` matches substrings, as a reader
//! expects of Chinese text, which has no spaces between words).
//!
//! ```sh
//! cargo run --release --example gen_archive -- --issues 2000 --out /tmp/kb2k
//! cargo run --release --example bench_tokenize -- /tmp/kb2k --queries 300
//! ```
//!
//! The segmenter is ICU4X's dictionary word segmenter (its Chinese and
//! Japanese dictionary, compiled in), the maintained one already in the
//! tree (the line-breaking tests use its line segmenter). A query is
//! segmented the same way and must find all its words; the bigram index
//! must find all the query's bigrams. Queries are two to four Han
//! characters taken from the archive's own text at random.

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use kanbao::loader::{self, LoadOptions};
use kanbao::search::{fold_for_search, searched_texts};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// One article's terms: their ids, sorted, each once.
type Terms = Vec<u32>;

/// Term ids handed out as terms are met.
#[derive(Default)]
struct Vocabulary(HashMap<String, u32>);

impl Vocabulary {
    fn id(&mut self, term: &str) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(term.to_string()).or_insert(next)
    }

    fn get(&self, term: &str) -> Option<u32> {
        self.0.get(term).copied()
    }
}

fn bigrams(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .filter(|w| !w[0].is_whitespace() && !w[1].is_whitespace())
        .map(|w| w.iter().collect())
        .collect()
}

fn words(segmenter: &icu_segmenter::WordSegmenterBorrowed<'static>, text: &str) -> Vec<String> {
    let breaks: Vec<usize> = segmenter.segment_str(text).collect();
    breaks
        .windows(2)
        .map(|w| &text[w[0]..w[1]])
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .map(str::to_string)
        .collect()
}

/// Every article's terms by `cut`, and the vocabulary.
fn index(
    texts: &[Vec<String>],
    mut cut: impl FnMut(&str) -> Vec<String>,
) -> (Vec<Terms>, Vocabulary) {
    let mut vocabulary = Vocabulary::default();
    let docs = texts
        .iter()
        .map(|article| {
            let mut terms: Terms = article
                .iter()
                .flat_map(|t| cut(t))
                .map(|t| vocabulary.id(&t))
                .collect();
            terms.sort_unstable();
            terms.dedup();
            terms
        })
        .collect();
    (docs, vocabulary)
}

/// The articles holding every term of `query` (none when a term is not
/// in the vocabulary).
fn candidates(docs: &[Terms], vocabulary: &Vocabulary, query: &[String]) -> Vec<usize> {
    let Some(ids) = query
        .iter()
        .map(|t| vocabulary.get(t))
        .collect::<Option<Vec<u32>>>()
    else {
        return Vec::new();
    };
    (0..docs.len())
        .filter(|&d| ids.iter().all(|id| docs[d].binary_search(id).is_ok()))
        .collect()
}

/// xorshift64*: queries drawn the same way on every run.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut dir, mut queries) = (None, 300usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--queries" => queries = args.next().and_then(|n| n.parse().ok()).unwrap_or(300),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: bench_tokenize ARCHIVE [--queries N]");
        return ExitCode::from(2);
    };
    let archive = match loader::load_path(&dir, &LoadOptions::default()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bench_tokenize: {e}");
            return ExitCode::from(1);
        }
    };
    let texts: Vec<Vec<String>> = archive
        .issues
        .iter()
        .flat_map(|i| i.pages.iter().flat_map(|p| p.articles.iter()))
        .map(|a| searched_texts(a).map(fold_for_search).collect())
        .collect();
    let bytes: usize = texts.iter().flatten().map(String::len).sum();
    println!(
        "{} articles, {:.1} MB of searched text",
        texts.len(),
        bytes as f64 / 1e6
    );

    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let started = Instant::now();
    let (gram_docs, gram_vocabulary) = index(&texts, bigrams);
    let gram_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let (word_docs, word_vocabulary) = index(&texts, |t| words(&segmenter, t));
    let word_secs = started.elapsed().as_secs_f64();
    let postings = |docs: &[Terms]| docs.iter().map(Vec::len).sum::<usize>();
    println!("| | bigrams | ICU4X dictionary words |");
    println!("|---|---|---|");
    println!("| cutting the text (one thread) | {gram_secs:.2} s | {word_secs:.2} s |");
    println!(
        "| distinct terms | {} | {} |",
        gram_vocabulary.0.len(),
        word_vocabulary.0.len()
    );
    println!(
        "| postings (article × term) | {} | {} |",
        postings(&gram_docs),
        postings(&word_docs)
    );

    for whole_words in [false, true] {
        ask(
            &texts,
            &segmenter,
            (&gram_docs, &gram_vocabulary),
            (&word_docs, &word_vocabulary),
            queries,
            whole_words,
        );
    }
    ExitCode::SUCCESS
}

/// Asks `queries` terms of both indexes and prints how they fare: terms
/// of two to four Han characters cut from the text at random, or (with
/// `whole_words`) words the segmenter cut, the kindest case for it.
fn ask(
    texts: &[Vec<String>],
    segmenter: &icu_segmenter::WordSegmenterBorrowed<'static>,
    (gram_docs, gram_vocabulary): (&[Terms], &Vocabulary),
    (word_docs, word_vocabulary): (&[Terms], &Vocabulary),
    queries: usize,
    whole_words: bool,
) {
    let mut draw = Draw(0x9e37_79b9_7f4a_7c15);
    let (mut asked, mut truth_total, mut word_found, mut gram_candidates) = (0, 0, 0, 0);
    let mut missed_queries = 0;
    let mut examples = Vec::new();
    let mut tries = 0;
    while asked < queries && tries < queries * 50 {
        tries += 1;
        let article = &texts[draw.below(texts.len())];
        let Some(text) = article.get(draw.below(article.len().max(1))) else {
            continue;
        };
        let term: String = if whole_words {
            let all = words(segmenter, text);
            if all.is_empty() {
                continue;
            }
            all[draw.below(all.len())].clone()
        } else {
            let chars: Vec<char> = text.chars().collect();
            let len = 2 + draw.below(3);
            if chars.len() < len {
                continue;
            }
            let at = draw.below(chars.len() - len + 1);
            chars[at..at + len].iter().collect()
        };
        let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        if !(2..=4).contains(&term.chars().count()) || !term.chars().all(han) {
            continue;
        }
        asked += 1;
        let truth: Vec<usize> = (0..texts.len())
            .filter(|&d| texts[d].iter().any(|t| t.contains(&term)))
            .collect();
        let by_words = candidates(word_docs, word_vocabulary, &words(segmenter, &term));
        let by_grams = candidates(gram_docs, gram_vocabulary, &bigrams(&term));
        let found = truth
            .iter()
            .filter(|d| by_words.binary_search(d).is_ok())
            .count();
        assert!(
            truth.iter().all(|d| by_grams.binary_search(d).is_ok()),
            "a bigram index never misses"
        );
        truth_total += truth.len();
        word_found += found;
        gram_candidates += by_grams.len();
        if found < truth.len() {
            missed_queries += 1;
            if examples.len() < 4 {
                examples.push(format!("{term} {found} of {}", truth.len()));
            }
        }
    }
    let kind = if whole_words {
        "words the segmenter cut"
    } else {
        "2–4 Han characters cut at random"
    };
    println!(
        "| {asked} queries of {kind}: articles holding them found ({truth_total} in all) | 1.000 | {:.3} |",
        word_found as f64 / truth_total.max(1) as f64
    );
    println!(
        "| … queries that miss an article | 0 | {missed_queries} (e.g. {}) |",
        examples.join("; ")
    );
    println!(
        "| … articles read per article found (the scan checks the candidates) | {:.3} | ≤ 1 |",
        gram_candidates as f64 / truth_total.max(1) as f64
    );
}
