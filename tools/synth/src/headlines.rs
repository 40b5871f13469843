//! Realistic synthetic headlines, for benchmarks and large tests: fragments
//! of real 株洲日报 headlines recombined by a seeded generator, so that runs
//! are repeatable and need no data set.

use kanbao::search::{ArticleRef, HeadlineEntry};
use std::sync::OnceLock;

/// The fragments, kept as data beside the benchmarks rather than as code:
/// they are sample text, and no rule of kanbao's may depend on them.
const DATA: &str = include_str!("../data/headlines.txt");

struct Fragments {
    who: Vec<&'static str>,
    did: Vec<&'static str>,
    what: Vec<&'static str>,
    kicker: Vec<&'static str>,
    sentences: Vec<&'static str>,
    names: Vec<&'static str>,
}

fn fragments() -> &'static Fragments {
    static F: OnceLock<Fragments> = OnceLock::new();
    F.get_or_init(|| {
        let section = |name: &str| -> Vec<&'static str> {
            let header = format!("[{name}]");
            DATA.lines()
                .skip_while(|l| *l != header)
                .skip(1)
                .take_while(|l| !l.starts_with('['))
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        };
        Fragments {
            who: section("who"),
            did: section("did"),
            what: section("what"),
            kicker: section("kicker"),
            sentences: section("sentences"),
            names: section("names"),
        }
    })
}

/// A small, seeded generator (xorshift64*): no dependency, same sequence on
/// every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One synthetic headline (kicker, headline, subheadline as the index joins them).
fn headline(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(10) {
        s.push_str(rng.pick(&fragments().kicker));
        s.push(' ');
    }
    s.push_str(rng.pick(&fragments().who));
    if rng.chance(30) {
        s.push('与');
        s.push_str(rng.pick(&fragments().who));
    }
    s.push_str(rng.pick(&fragments().did));
    s.push_str(rng.pick(&fragments().what));
    if rng.chance(25) {
        s.push(' ');
        s.push_str(rng.pick(&fragments().what));
    }
    s
}

/// `n` synthetic headline entries, `per_issue` to an issue, newest issue
/// first (as an archive lists them).
pub fn synthetic_entries(
    n: usize,
    per_issue: usize,
    seed: u64,
) -> impl Iterator<Item = HeadlineEntry> {
    let per_issue = per_issue.max(1);
    let issues = n.div_ceil(per_issue) as u32;
    synthetic_headlines(n, seed)
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

/// The texts of [`synthetic_entries`] alone (for kanbao's own unit tests,
/// which build their entries from them).
pub fn synthetic_headlines(n: usize, seed: u64) -> impl Iterator<Item = String> {
    let mut rng = Rng(seed | 1);
    (0..n).map(move |_| headline(&mut rng))
}

/// A paragraph of three to six sentences.
fn paragraph(rng: &mut Rng) -> String {
    let n = 3 + rng.next() % 4;
    let mut p = String::new();
    for i in 0..n {
        if i > 0 {
            p.push('，');
        }
        p.push_str(rng.pick(&fragments().sentences));
    }
    p.push('。');
    p
}

/// A synthetic archive as page files in the layout the loader reads: one
/// `(file stem, page text, sidecar RON)` per page, `per_page` articles to a
/// page, `pages` pages to an issue, one issue a day from 2000-01-01. Each
/// article has a synthetic headline, a byline and four to seven paragraphs
/// (about 2 KB, like the sample pages).
pub fn synthetic_pages(
    articles: usize,
    per_page: usize,
    pages: usize,
    seed: u64,
) -> impl Iterator<Item = (String, String, String)> {
    let per_page = per_page.max(1);
    let mut rng = Rng(seed | 1);
    let mut date = kanbao::model::IssueDate::ymd(2000, 1, 1);
    (0..articles.div_ceil(per_page)).map(move |page| {
        let (issue, in_issue) = (page / pages, page % pages);
        if in_issue == 0 && page > 0 {
            date = date.next_day();
        }
        let mut text = String::from("\n\n株洲日报\n\n");
        let count = per_page.min(articles - page * per_page);
        for _ in 0..count {
            text.push_str(&headline(&mut rng));
            text.push_str("\n\n\n\n株洲日报记者 ");
            text.push_str(rng.pick(&fragments().names));
            text.push_str("\n\n株洲日报讯 ");
            let paragraphs = 4 + rng.next() % 4;
            for i in 0..paragraphs {
                if i > 0 {
                    text.push_str("\n\n");
                }
                text.push_str(&paragraph(&mut rng));
            }
            text.push_str("\n\n\n\n");
        }
        let sidecar = format!(
            "(\n    date: \"{date}\",\n    paper: \"株洲日报\",\n    page: \"A{}\",\n)\n",
            in_issue + 1
        );
        (format!("{issue:06}_{in_issue:02}"), text, sidecar)
    })
}
