//! `kanbao search`: headlines by the fuzzy filter, or articles by their text.

use super::*;
use crate::search::{HeadlineIndex, Scope};

/// What `search` was asked.
#[derive(Clone, Copy)]
pub(super) struct Ask<'a> {
    pub query: &'a str,
    pub limit: usize,
    pub body: bool,
    pub json: bool,
    pub pinyin: bool,
    /// With `body`: the only articles that may match (archive order), from
    /// the full-text index; `None` reads every article.
    pub among: Option<&'a [usize]>,
    /// With `body`: how many articles match, when the full-text index
    /// counted them and the archive given holds only those shown.
    pub total: Option<usize>,
    /// Given the headline index once built, to keep it for the next search.
    pub keep_index: Option<&'a dyn Fn(&HeadlineIndex)>,
}

/// The headline search with its index ready (kept in the archive's index):
/// the filter runs first, then `archive_of` gives the archive with the
/// pages of the issues holding the hits (by number), over which `reviews`
/// correct dates. `None`, having printed nothing, when that archive cannot
/// be had.
pub(super) fn run_indexed(
    out: &mut impl Write,
    index: &HeadlineIndex,
    archive_of: &dyn Fn(&[u32]) -> Option<Archive>,
    reviews: &crate::review::ReviewFile,
    ask: Ask,
) -> Result<Option<usize>, CliError> {
    if let Some(e) = crate::search::query_error(ask.query) {
        return Err(CliError::Usage(format!(
            "the query {:?} cannot match: {e}",
            ask.query
        )));
    }
    let result = index
        .filter(ask.query, Scope::All, ask.limit, &|| false)
        .unwrap_or_default();
    let issues: Vec<u32> = result
        .hits
        .iter()
        .map(|h| index.article(h.entry).issue)
        .collect();
    let Some(archive) = archive_of(&issues) else {
        return Ok(None);
    };
    let archive = reviews.correct(archive);
    print_headlines(out, &archive, index, &result, ask.json)?;
    Ok(Some(result.total))
}

pub(super) fn run(out: &mut impl Write, archive: &Archive, ask: Ask) -> Result<usize, CliError> {
    let Ask {
        query,
        limit,
        body,
        json,
        pinyin,
        among,
        total,
        keep_index,
    } = ask;
    // A query that cannot match is a usage error (exit 2), not "no hits"
    // (exit 1): the user typed an operator without its term.
    if let Some(e) = crate::search::query_error(query) {
        return Err(CliError::Usage(format!(
            "the query {query:?} cannot match: {e}"
        )));
    }
    if body {
        let found = match among {
            Some(among) => {
                crate::search::search_bodies_among(archive, query, among, limit, &|| false)
                    .unwrap_or_default()
            }
            None => crate::search::search_bodies_with(archive, query, Scope::All, limit, &|| false)
                .unwrap_or_default(),
        };
        let mut printed = BodyHits::new(json);
        printed.add(archive, found.hits, total.unwrap_or(found.total));
        return printed.print(out);
    }
    let index = HeadlineIndex::build(archive, pinyin);
    if let Some(keep) = keep_index {
        keep(&index);
    }
    let result = index
        .filter(query, Scope::All, limit, &|| false)
        .unwrap_or_default();
    print_headlines(out, archive, &index, &result, json)?;
    Ok(result.total)
}

/// The hits of a body search as they will be printed (JSON values, or
/// lines), gathered from one archive or from several read in turn, and
/// how many articles match.
pub(super) struct BodyHits {
    total: usize,
    printed: Printed,
}

/// The hits held, in the form they are printed in.
enum Printed {
    Json(Vec<serde_json::Value>),
    Lines(Vec<String>),
}

impl BodyHits {
    pub(super) fn new(json: bool) -> BodyHits {
        BodyHits {
            total: 0,
            printed: match json {
                true => Printed::Json(Vec::new()),
                false => Printed::Lines(Vec::new()),
            },
        }
    }

    /// How many hits are held.
    pub(super) fn len(&self) -> usize {
        match &self.printed {
            Printed::Json(values) => values.len(),
            Printed::Lines(lines) => lines.len(),
        }
    }

    /// `hits` of `archive` (whose articles they name), after those held,
    /// and `matched` more matching articles.
    pub(super) fn add(
        &mut self,
        archive: &Archive,
        hits: Vec<crate::search::BodyHit>,
        matched: usize,
    ) {
        self.total += matched;
        for h in &hits {
            let (issue, a) = h.article.get(archive).expect("hits point into the archive");
            let page = &issue.pages[h.article.page as usize].label;
            match &mut self.printed {
                Printed::Json(values) => {
                    let mut v = hit_json(issue, a, page);
                    v["snippet"] = h.snippet.clone().into();
                    v["matches"] = h
                        .matches
                        .iter()
                        .map(|m| {
                            serde_json::json!({
                                "block": m.block, "start": m.range.start, "end": m.range.end,
                            })
                        })
                        .collect();
                    values.push(v);
                }
                Printed::Lines(lines) => {
                    let date = issue.date.map(|d| d.to_string()).unwrap_or_default();
                    lines.push(format!(
                        "{}\t{date}\t{page}\t{}\t{}",
                        a.id,
                        clean(&a.title()),
                        clean(&h.snippet)
                    ));
                }
            }
        }
    }

    /// How many articles match, when counted elsewhere.
    pub(super) fn counted(&mut self, total: usize) {
        self.total = total;
    }

    /// Prints them (and on stderr how many more match); the total.
    pub(super) fn print(self, out: &mut impl Write) -> Result<usize, CliError> {
        match self.printed {
            Printed::Json(values) => {
                let v = serde_json::json!({ "total": self.total, "hits": values });
                print_json(out, &v)?;
            }
            Printed::Lines(lines) => {
                for line in &lines {
                    writeln!(out, "{line}")?;
                }
                more_hits(self.total, lines.len());
            }
        }
        Ok(self.total)
    }
}

/// The hits of a headline search, as lines or JSON.
fn print_headlines(
    out: &mut impl Write,
    archive: &Archive,
    index: &HeadlineIndex,
    result: &crate::search::FilterResult,
    json: bool,
) -> Result<(), CliError> {
    let place = |r: crate::search::ArticleRef| {
        let (issue, article) = r.get(archive).expect("hits point into the archive");
        let page = issue.pages[r.page as usize].label.clone();
        (issue, article, page)
    };
    if json {
        let hits: Vec<serde_json::Value> = result
            .hits
            .iter()
            .map(|h| {
                let (issue, a, page) = place(index.article(h.entry));
                let mut v = hit_json(issue, a, &page);
                v["subheadlines"] = a.subheadlines.iter().map(|t| t.text.as_str()).collect();
                // What `positions` index: kicker, headline and subheadlines
                // joined by single spaces.
                v["text"] = index.text(h.entry).into();
                v["score"] = h.score.into();
                v["positions"] = serde_json::json!(h.positions);
                v
            })
            .collect();
        let v = serde_json::json!({ "total": result.total, "hits": hits });
        print_json(out, &v)?;
    } else {
        for h in &result.hits {
            let (issue, a, page) = place(index.article(h.entry));
            let date = issue.date.map(|d| d.to_string()).unwrap_or_default();
            writeln!(
                out,
                "{}\t{date}\t{page}\t{}",
                a.id,
                clean(&crate::export::headline_line(a))
            )?;
        }
        more_hits(result.total, result.hits.len());
    }
    Ok(())
}

/// Says on stderr that the list was cut (stdout stays one line per hit).
fn more_hits(total: usize, shown: usize) {
    if total > shown {
        eprintln!(
            "kanbao: {} more match(es); --limit {total} shows them all",
            total - shown
        );
    }
}

/// The fields every search hit carries, in the order scripts see them.
fn hit_json(
    issue: &crate::model::Issue,
    a: &crate::model::Article,
    page: &str,
) -> serde_json::Value {
    serde_json::json!({
        "id": a.id,
        "date": issue.date.map(|d| d.to_string()),
        "page": page,
        "kicker": a.kicker.as_ref().map(|t| &t.text),
        "headline": a.title(),
    })
}
