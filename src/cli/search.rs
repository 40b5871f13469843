//! `kanbao search`: headlines by the fuzzy filter, or articles by their text.

use super::*;
use crate::search::{HeadlineIndex, Scope};

/// What `search` was asked.
pub(super) struct Ask<'a> {
    pub query: &'a str,
    pub limit: usize,
    pub body: bool,
    pub json: bool,
    pub pinyin: bool,
    /// With `body`: the only articles that may match (archive order), from
    /// the full-text index; `None` reads every article.
    pub among: Option<&'a [usize]>,
}

pub(super) fn run(out: &mut impl Write, archive: &Archive, ask: Ask) -> Result<usize, CliError> {
    let Ask {
        query,
        limit,
        body,
        json,
        pinyin,
        among,
    } = ask;
    let place = |r: crate::search::ArticleRef| {
        let (issue, article) = r.get(archive).expect("hits point into the archive");
        let page = issue.pages[r.page as usize].label.clone();
        (issue, article, page)
    };
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
        let hits = found.hits;
        if json {
            let hits: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    let (issue, a, page) = place(h.article);
                    let mut v = hit_json(issue, a, &page);
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
                    v
                })
                .collect();
            let v = serde_json::json!({ "total": found.total, "hits": hits });
            print_json(out, &v)?;
        } else {
            for h in &hits {
                let (issue, a, page) = place(h.article);
                let date = issue.date.map(|d| d.to_string()).unwrap_or_default();
                writeln!(
                    out,
                    "{}\t{date}\t{page}\t{}\t{}",
                    a.id,
                    clean(&a.title()),
                    clean(&h.snippet)
                )?;
            }
            more_hits(found.total, hits.len());
        }
        return Ok(found.total);
    }
    let index = HeadlineIndex::build(archive, pinyin);
    let result = index
        .filter(query, Scope::All, limit, &|| false)
        .unwrap_or_default();
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
    Ok(result.total)
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
