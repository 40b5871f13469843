//! The full-text index of article text (tantivy), beside the parse cache.
//!
//! One document per article, named by its issue's number in archive order
//! and its own number in the issue (so that an issue's documents can be
//! replaced alone, see [`TextIndex::patch`]). Its
//! text is every field a body search reads ([`searched_texts`]: kicker,
//! headline, subheadlines, body blocks, captions), folded as the search
//! folds it (NFKC per character, ASCII lowercased; a text with an
//! uppercase letter also as it is, in a field of its own, for the words
//! that match case) and cut into character
//! bigrams at their places ([`super::bigrams`]), each text a value of its
//! own (so no bigram runs from one text into the next); a character that
//! stands alone is a token of its own, and each text's first and last
//! characters are marked ([`super::bigrams::BigramTokenizer::marking`]).
//! A word of one character occurs where a token starts with it, ends
//! with it or is it, a word of two where its bigram does, a longer one
//! where its bigrams stand in a row; `^word` where the start mark stands
//! before them, `word$` where the end mark stands after. For a query of
//! such words, joined by `|` and `!` as the body search joins them, the
//! index gives exactly the articles that match
//! ([`TextIndex::answers_exactly`]); for a word holding a control
//! character (which no page text holds) those that *may*, and the body
//! search checks them; either way its answers are a scan's.
//!
//! Why the cased field: a word with an uppercase letter matches its case
//! (smart case), so the lowercased text could only name the articles
//! holding it in any case, and each was read to see. `GDP`, `UD` or
//! `S84` in a third of the issues meant reading them all: at 100k issues
//! 17–28 s in batches, and the reader loaded every article's text.
//!
//! An index belongs to one state of the archive: its folder is named by
//! the archive's stamp ([`super::Cache::archive_stamp`], every file's path,
//! size and time and the parser's version). It is built aside and renamed
//! into place, so a folder that exists is whole; one that fails to open or
//! to answer is removed and the search scans instead. An index brought
//! forward to a new state ([`TextIndex::patch`]) is patched in a copy made
//! of links to its files (tantivy never rewrites a file it wrote) and
//! renamed to the new state's name, the old one left whole for whoever
//! reads it.

use super::{Cache, Fnv};
use crate::model::{Archive, Issue};
use crate::search::searched_texts;
use std::path::{Path, PathBuf};
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, TantivyDocument, Term};

/// The layout of the documents; bumped when it changes (6: the ends of
/// each text marked; 7: the texts with uppercase letters as they are).
const FORMAT: u32 = 7;
/// The tokenizer the text field is indexed with: character bigrams.
const BIGRAMS: &str = "kanbao_bigrams";
/// The writer's memory, split between its threads (tantivy's minimum is
/// 15 MB per thread). Why 512 MB: with 96 MB the full text of 10,000
/// generated issues took 7.5–7.6 s, with 400–800 MB 5.2–6.1 s (fewer
/// segments written and merged), alternating at load 1.7–2.2.
const WRITER_BYTES: usize = 512_000_000;

/// An open full-text index.
pub struct TextIndex {
    reader: IndexReader,
    fields: Fields,
}

/// An article's place: its issue's number in archive order, and its own
/// number in the issue (page by page).
pub type Place = (u32, u32);

#[derive(Clone, Copy)]
struct Fields {
    text: Field,
    /// The texts holding an uppercase ASCII letter, folded but not
    /// lowercased: where a word with one (which matches its case) is.
    cased: Field,
    issue: Field,
    article: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(BIGRAMS)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = b.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(indexing.clone()),
    );
    let cased = b.add_text_field(
        "cased",
        TextOptions::default().set_indexing_options(indexing),
    );
    // Indexed as well, so that an issue's documents can be deleted by it.
    let issue = b.add_u64_field("issue", FAST | INDEXED);
    let article = b.add_u64_field("article", FAST);
    (
        b.build(),
        Fields {
            text,
            cased,
            issue,
            article,
        },
    )
}

/// The folder of the index of the archive in this state.
fn folder(cache: &Cache, root: &Path, stamp: u64) -> PathBuf {
    let mut h = Fnv::new();
    h.write(&stamp.to_le_bytes());
    h.write(&FORMAT.to_le_bytes());
    cache
        .archive_dir(root)
        .join(format!("text-{:016x}", h.finish()))
}

impl TextIndex {
    /// The index of `archive` as loaded through `cache` (whose stamp names
    /// it), built now when there is none; `None` when the archive's state
    /// is not known for sure (a file too fresh to trust) or the index can
    /// be neither opened nor built.
    pub fn open_or_build(cache: &Cache, root: &Path, archive: &Archive) -> Option<TextIndex> {
        let stamp = cache.archive_stamp()?;
        let dir = folder(cache, root, stamp);
        if dir.is_dir() {
            match TextIndex::open(&dir) {
                Some(index) => return Some(index),
                None => {
                    let _ = std::fs::remove_dir_all(&dir);
                }
            }
        }
        build(&dir, archive).ok()?;
        // Older states' indexes are of no more use.
        if let (Some(parent), Some(name)) = (dir.parent(), dir.file_name())
            && let Ok(entries) = std::fs::read_dir(parent)
        {
            for e in entries.flatten() {
                let other = e.file_name();
                if other != name && other.to_string_lossy().starts_with("text-") {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        TextIndex::open(&dir)
    }

    /// The index of `archive` as loaded through `cache`, when one was
    /// built already (by `kanbao index` or `search --body`); never builds
    /// (the reader must not wait on a build).
    pub fn open_built(cache: &Cache, root: &Path) -> Option<TextIndex> {
        TextIndex::open_for(cache, root, cache.archive_stamp()?)
    }

    /// The index of the archive at `root` in the state `stamp` names (see
    /// [`super::skeleton::state_now`]), when one was built; never builds.
    pub fn open_for(cache: &Cache, root: &Path, stamp: u64) -> Option<TextIndex> {
        TextIndex::open(&folder(cache, root, stamp))
    }

    /// Whether [`TextIndex::candidates`] gives for `query` exactly the
    /// articles that match it, not only those that may: every word, in
    /// every clause and alternative, negated or not, anchored or not, in
    /// any case, has its tokens in an article's folded text (lowercased,
    /// or for a word with an uppercase letter as it is) exactly where the
    /// word is; no word holds a control character. Then the index alone
    /// counts the matches.
    pub fn answers_exactly(query: &str) -> bool {
        crate::search::index_words(query)
            .is_some_and(|clauses| clauses.iter().flatten().all(|w| w.exact))
    }

    fn open(dir: &Path) -> Option<TextIndex> {
        let index = Index::open_in_dir(dir).ok()?;
        let (expected, fields) = schema();
        if index.schema() != expected {
            return None;
        }
        let reader = index.reader().ok()?;
        Some(TextIndex { reader, fields })
    }

    /// Brings the index of the archive in the state `from` to the state
    /// `to`, in which the issues `issues` (by number, with their articles
    /// as they are now) changed and nothing else did. False when it could
    /// not (no index of `from`, or it failed); the index of `to` is then
    /// built by `kanbao index` as any other.
    pub fn patch(cache: &Cache, root: &Path, from: u64, to: u64, issues: &[(u32, &Issue)]) -> bool {
        let (old, new) = (folder(cache, root, from), folder(cache, root, to));
        if new.is_dir() {
            return true;
        }
        if !old.is_dir() {
            return false;
        }
        let Ok(aside) = Aside::of(&new) else {
            return false;
        };
        let patched = link_copy(&old, &aside.dir).is_ok()
            && patch_in(&aside.dir, issues).is_ok()
            && std::fs::rename(&aside.dir, &new).is_ok();
        drop(aside);
        if !patched {
            return new.is_dir();
        }
        let _ = std::fs::remove_dir_all(&old);
        true
    }

    /// The places of the articles that may match `query` (as the body
    /// search folds and splits it: every clause, one of its alternatives),
    /// in archive order; `None` when the index cannot answer (a query that
    /// does not parse or holds no word, or the index failed).
    pub fn candidates(&self, query: &str) -> Option<Vec<Place>> {
        let clauses = crate::search::index_words(query)?;
        if clauses.is_empty() {
            return None;
        }
        let searcher = self.reader.searcher();
        let docs_of = |q: &dyn Query| -> Option<Vec<DocAddress>> {
            let mut docs: Vec<DocAddress> = searcher
                .search(q, &DocSetCollector)
                .ok()?
                .into_iter()
                .collect();
            docs.sort_unstable();
            Some(docs)
        };
        let plain = clauses.iter().all(|c| matches!(&c[..], [w] if !w.negated));
        let docs = match plain {
            // Every word required: tantivy intersects them.
            true => {
                let words: Vec<(Occur, Box<dyn Query>)> = clauses
                    .iter()
                    .map(|c| Some((Occur::Must, self.word_query(&c[0])?)))
                    .collect::<Option<_>>()?;
                docs_of(&BooleanQuery::new(words))?
            }
            // Either word, or a word left out: each word's articles asked
            // alone and joined here. (A phrase query nested in a union or
            // an exclusion trips tantivy 0.27's own debug assertion that a
            // scorer is never sought backwards.)
            false => {
                let every = std::cell::OnceCell::new();
                let all_of = || every.get_or_init(|| docs_of(&AllQuery)).clone();
                let mut met: Option<Vec<DocAddress>> = None;
                for alternatives in &clauses {
                    let mut any = Vec::new();
                    for w in alternatives {
                        match (w.negated, w.exact) {
                            (false, _) => any.extend(docs_of(&*self.word_query(w)?)?),
                            (true, true) => {
                                let holding = docs_of(&*self.word_query(w)?)?;
                                let mut rest = all_of()?;
                                rest.retain(|d| holding.binary_search(d).is_err());
                                any.extend(rest);
                            }
                            // Not exact: its complement would be too few.
                            (true, false) => any.extend(all_of()?),
                        }
                    }
                    any.sort_unstable();
                    any.dedup();
                    met = Some(match met {
                        None => any,
                        Some(mut met) => {
                            met.retain(|d| any.binary_search(d).is_ok());
                            met
                        }
                    });
                }
                met?
            }
        };
        let mut columns = Vec::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            columns.push((fast.u64("issue").ok()?, fast.u64("article").ok()?));
        }
        let mut places: Vec<Place> = docs
            .into_iter()
            .map(|at| {
                let (issue, article) = columns.get(at.segment_ord as usize)?;
                let n =
                    |c: &tantivy::columnar::Column<u64>| u32::try_from(c.first(at.doc_id)?).ok();
                Some((n(issue)?, n(article)?))
            })
            .collect::<Option<_>>()?;
        places.sort_unstable();
        Some(places)
    }

    /// The articles holding the query word `word` (folded): those with its
    /// bigrams in a row, or for one character, those with a token that
    /// starts with it, ends with it or is it ([`super::bigrams`]); anchored,
    /// with the start mark before them or the end mark after.
    fn word_query(&self, word: &crate::search::IndexWord) -> Option<Box<dyn Query>> {
        use super::bigrams::{END, START};
        let field = match word.cased {
            true => self.fields.cased,
            false => self.fields.text,
        };
        let term = |g: &String| Term::from_field_text(field, g);
        let (first, last) = (word.text.chars().next()?, word.text.chars().next_back()?);
        let one = word.text.chars().nth(1).is_none();
        if one && !word.starts && !word.ends {
            let c = format!("\\x{{{:x}}}", first as u32);
            let pattern = format!("{c}.|.{c}|{c}");
            return Some(Box::new(RegexQuery::from_pattern(&pattern, field).ok()?));
        }
        let mut grams = Vec::new();
        if word.starts {
            grams.push(format!("{START}{first}"));
        }
        if !one {
            grams.extend(bigrams(&word.text));
        }
        if word.ends {
            grams.push(format!("{last}{END}"));
        }
        Some(match &grams[..] {
            [] => return None,
            [one] => Box::new(TermQuery::new(term(one), IndexRecordOption::Basic)),
            _ => Box::new(PhraseQuery::new(grams.iter().map(term).collect())),
        })
    }
}

/// The places `places` as numbers in archive order, where the issues have
/// `articles` articles each; `None` for a place outside them.
pub fn archive_order(places: &[Place], articles: &[usize]) -> Option<Vec<usize>> {
    let starts: Vec<usize> = articles
        .iter()
        .scan(0, |n, &count| {
            let start = *n;
            *n += count;
            Some(start)
        })
        .collect();
    places
        .iter()
        .map(|&(issue, article)| {
            let (i, k) = (issue as usize, article as usize);
            (k < *articles.get(i)?).then(|| starts[i] + k)
        })
        .collect()
}

/// A folder beside an index's place that it is built in, then renamed
/// into place. A file beside it (`NAME.lock`) is locked for as long as
/// this lives, so that what a killed builder left (up to a gigabyte at
/// 100k issues) is told from a build in progress and removed by the next
/// build ([`Aside::sweep`]).
struct Aside {
    dir: PathBuf,
    lock: PathBuf,
    _held: std::fs::File,
}

impl Aside {
    /// A new folder to build the index of `dir` in (not created yet), after
    /// the orphans beside it are removed.
    fn of(dir: &Path) -> std::io::Result<Aside> {
        let parent = dir.parent().unwrap_or(Path::new("."));
        Aside::sweep(parent);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .subsec_nanos();
        let name = format!("{BUILDING}{}-{nanos}", std::process::id());
        let lock = parent.join(format!("{name}.lock"));
        // The lock first: a folder without one is an orphan.
        let held = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)?;
        held.lock()?;
        Ok(Aside {
            dir: parent.join(name),
            lock,
            _held: held,
        })
    }

    /// Removes, in `parent`, every folder being built whose lock nobody
    /// holds (or that has none), and such locks.
    fn sweep(parent: &Path) {
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(folder) = name
                .strip_prefix(BUILDING)
                .map(|_| name.trim_end_matches(".lock"))
            else {
                continue;
            };
            let lock = parent.join(format!("{folder}.lock"));
            let orphan = match std::fs::OpenOptions::new().write(true).open(&lock) {
                Ok(file) => file.try_lock().is_ok(),
                Err(_) => true,
            };
            if orphan {
                let _ = std::fs::remove_dir_all(parent.join(folder));
                let _ = std::fs::remove_file(&lock);
            }
        }
    }
}

impl Drop for Aside {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        let _ = std::fs::remove_file(&self.lock);
    }
}

/// How the name of a folder an index is being built in begins.
const BUILDING: &str = ".building-";

/// A copy of the folder `from` at `to` made of hard links (a copy where
/// links cannot be made).
fn link_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        if !e.file_type()?.is_file() {
            continue;
        }
        let target = to.join(e.file_name());
        if std::fs::hard_link(e.path(), &target).is_err() {
            std::fs::copy(e.path(), &target)?;
        }
    }
    Ok(())
}

/// Replaces, in the index in `dir`, the documents of each issue of
/// `issues` by those of its articles now.
fn patch_in(dir: &Path, issues: &[(u32, &Issue)]) -> tantivy::Result<()> {
    let index = Index::open_in_dir(dir)?;
    let (expected, fields) = schema();
    if index.schema() != expected {
        return Err(tantivy::TantivyError::SchemaError("another layout".into()));
    }
    index
        .tokenizers()
        .register(BIGRAMS, super::bigrams::BigramTokenizer::marking());
    // One thread at tantivy's least memory: a few issues' articles.
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000)?;
    for &(n, issue) in issues {
        writer.delete_term(Term::from_field_u64(fields.issue, u64::from(n)));
        add_issue(&writer, fields, n, issue)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Adds the documents of the articles of `issue`, numbered `n`.
fn add_issue(writer: &IndexWriter, fields: Fields, n: u32, issue: &Issue) -> tantivy::Result<()> {
    let articles = issue.pages.iter().flat_map(|p| p.articles.iter());
    for (k, article) in articles.enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_u64(fields.issue, u64::from(n));
        doc.add_u64(fields.article, k as u64);
        for t in searched_texts(article) {
            let folded = crate::search::fold_for_search(t);
            let lower = folded.to_ascii_lowercase();
            if lower != folded {
                doc.add_text(fields.cased, folded);
            }
            doc.add_text(fields.text, lower);
        }
        writer.add_document(doc)?;
    }
    Ok(())
}

/// Builds the index of `archive` in a folder beside `dir` and renames it
/// to `dir`; another process that got there first has built the same.
fn build(dir: &Path, archive: &Archive) -> tantivy::Result<()> {
    let building = Aside::of(dir)?;
    let aside = &building.dir;
    std::fs::create_dir_all(aside)?;
    let built = (|| -> tantivy::Result<()> {
        let (schema, fields) = schema();
        let index = Index::create_in_dir(aside, schema)?;
        // Tokenized in the writer's threads. Why not the bigrams made here
        // and handed over pre-tokenized: tantivy passes those to its
        // threads as JSON, a fifth of the build's time (perf, 2,000
        // generated issues).
        index
            .tokenizers()
            .register(BIGRAMS, super::bigrams::BigramTokenizer::marking());
        let writer: IndexWriter = index.writer_with_num_threads(2, WRITER_BYTES)?;
        for (n, issue) in archive.issues.iter().enumerate() {
            let n = u32::try_from(n).map_err(|_| {
                tantivy::TantivyError::InvalidArgument("over 4 billion issues".into())
            })?;
            add_issue(&writer, fields, n, issue)?;
        }
        let mut writer = writer;
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(())
    })();
    // What is left of a failed build goes with `building`.
    let placed = built.and_then(|()| std::fs::rename(aside, dir).map_err(Into::into));
    if placed.is_err() && dir.is_dir() {
        return Ok(());
    }
    placed
}

/// A query word's bigrams, cut by the tokenizer that cut the index's
/// (every pair of neighbouring characters, none holding whitespace).
fn bigrams(folded: &str) -> Vec<String> {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let mut tokenizer = super::bigrams::BigramTokenizer::default();
    let mut stream = tokenizer.token_stream(folded);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_stop_at_whitespace() {
        assert_eq!(bigrams("株洲 日报"), ["株洲", "日报"]);
        assert_eq!(bigrams("a"), ["a"]);
    }
}
