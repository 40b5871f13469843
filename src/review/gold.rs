//! The archive as reviewed, handed back as a gold reading: per page file
//! whose every article an archivist has marked ok, its date, pages and
//! articles (kicker, headline, subs, reporters, correspondents, agency,
//! kind, untitled), in the JSON of `tests/gold/seeds.json`, which
//! [`crate::score`] scores a parse against. So the archivists' corrections
//! become regression tests of the parser.

use super::{ReviewFile, ReviewStatus};
use crate::model::{Archive, Article, ArticleKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// One article as the gold reading gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldArticle {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subs: Vec<String>,
    pub reporters: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub correspondents: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Left out for an article (the format's default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub untitled: bool,
    /// An untitled article's opening words, which find it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_text: Option<String>,
}

/// One page file of the gold reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldFile {
    pub date: Option<String>,
    pub pages: Vec<String>,
    pub articles: Vec<GoldArticle>,
}

/// How many characters of an untitled article's text name it (the scorer
/// looks for the first 20, punctuation aside).
const FIRST_TEXT_CHARS: usize = 30;

fn gold_article(a: &Article) -> GoldArticle {
    let untitled = a.untitled();
    GoldArticle {
        kicker: a.kicker.as_ref().map(|t| t.text.clone()),
        headline: a.headline.as_ref().map(|t| t.text.clone()),
        subs: a.subheadlines.iter().map(|t| t.text.clone()).collect(),
        reporters: a.byline.reporters.clone(),
        correspondents: a.byline.correspondents.clone(),
        agency: a.byline.agency.clone(),
        kind: (a.kind != ArticleKind::Article).then(|| a.kind.as_str()),
        untitled,
        first_text: untitled
            .then(|| a.body.first())
            .flatten()
            .map(|b| b.text.chars().take(FIRST_TEXT_CHARS).collect()),
    }
}

/// The gold reading of `archive` as `reviews` correct it: every page file
/// whose articles (repeats aside) are all freshly marked ok, by file name.
/// Files with no article are left out (nothing was read on them).
pub fn gold_reading(archive: &Archive, reviews: &ReviewFile) -> BTreeMap<String, GoldFile> {
    let corrected = reviews.corrected(archive);
    let mut files: BTreeMap<String, (GoldFile, bool)> = BTreeMap::new();
    for (issue, original) in corrected.issues.iter().zip(&archive.issues) {
        for (page, parsed) in issue.pages.iter().zip(&original.pages) {
            let name = crate::score::file_name(&page.source).to_string();
            let (file, all_ok) = files.entry(name).or_insert_with(|| {
                (
                    GoldFile {
                        date: issue.date.map(|d| d.to_string()),
                        pages: Vec::new(),
                        articles: Vec::new(),
                    },
                    true,
                )
            });
            file.pages.push(page.label.clone());
            // The review is looked up on the parsed article, whose text
            // its fingerprint was taken from.
            for (a, p) in page.articles.iter().zip(&parsed.articles) {
                if a.duplicate_of.is_some() {
                    continue;
                }
                *all_ok &= reviews.lookup(p).status() == ReviewStatus::Ok;
                file.articles.push(gold_article(a));
            }
        }
    }
    files
        .into_iter()
        .filter(|(_, (f, ok))| *ok && !f.articles.is_empty())
        .map(|(name, (f, _))| (name, f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{LoadOptions, load_texts};
    use crate::review::ReviewChange;

    const PAGE: &str = "晨光日报\n2021年3月4日 星期四\n\n河边新建一座桥\n记者 王小明\n\
        本报讯 3月3日，河边的新桥通车了。\n\n公园花开\n记者 李四\n\
        本报讯 春天到了，公园里的花都开了。\n";

    fn archive() -> Archive {
        load_texts("t", &[("p.txt", PAGE.as_bytes())], &LoadOptions::default())
    }

    fn mark(reviews: &mut ReviewFile, a: &Article, change: ReviewChange) {
        reviews.apply(a, &change, None, 0);
    }

    #[test]
    fn only_pages_marked_ok_throughout_are_written_as_corrected() {
        let archive = archive();
        let articles: Vec<Article> = archive.issues[0].articles().cloned().collect();
        let mut reviews = ReviewFile::default();
        mark(
            &mut reviews,
            &articles[0],
            ReviewChange::status(ReviewStatus::Ok),
        );
        assert!(gold_reading(&archive, &reviews).is_empty(), "one of two ok");
        mark(
            &mut reviews,
            &articles[1],
            ReviewChange::status(ReviewStatus::Ok),
        );
        mark(
            &mut reviews,
            &articles[1],
            ReviewChange::headline(Some("公园里花开了".into())),
        );
        let gold = gold_reading(&archive, &reviews);
        let file = &gold["p.txt"];
        assert_eq!(file.date.as_deref(), Some("2021-03-04"));
        assert_eq!(file.articles.len(), 2);
        assert_eq!(file.articles[0].reporters, ["王小明"]);
        assert_eq!(file.articles[1].headline.as_deref(), Some("公园里花开了"));
        let json = serde_json::to_value(&gold).unwrap();
        assert!(json["p.txt"]["articles"][0].get("kind").is_none());
        assert!(json["p.txt"]["articles"][0].get("untitled").is_none());
    }

    #[test]
    fn the_reading_scores_the_parse_it_came_from_at_one_and_a_correction_below() {
        let archive = archive();
        let articles: Vec<Article> = archive.issues[0].articles().cloned().collect();
        let mut reviews = ReviewFile::default();
        for a in &articles {
            mark(&mut reviews, a, ReviewChange::status(ReviewStatus::Ok));
        }
        let as_gold = |reviews: &ReviewFile| {
            let json = serde_json::to_vec(&gold_reading(&archive, reviews)).unwrap();
            crate::score::read_gold(&json).unwrap()
        };
        let s = crate::score::score(&archive, &as_gold(&reviews), None).unwrap();
        assert_eq!((s.recall(), s.precision(), s.dates_ok), (1.0, 1.0, 1));
        mark(
            &mut reviews,
            &articles[0],
            ReviewChange::headline(Some("全然不同的一个标题".into())),
        );
        let s = crate::score::score(&archive, &as_gold(&reviews), None).unwrap();
        assert_eq!(
            (s.found, s.gold),
            (1, 2),
            "the parser's headline is now wrong"
        );
    }
}
