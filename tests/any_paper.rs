//! Loading pages of any paper: what the loader makes of shapes that the
//! parser's unit tests read line by line.

use kanbao::loader::{LoadOptions, load_texts};
use kanbao::model::ArticleKind;

#[test]
fn a_file_holding_a_front_page_and_its_continuation_loads_as_two_linked_pages() {
    let text = include_str!("fixtures/two_pages.txt");
    let archive = load_texts("t", &[("p.txt", text.as_bytes())], &LoadOptions::default());
    assert_eq!(archive.issues.len(), 1);
    let issue = &archive.issues[0];
    assert_eq!(issue.paper.as_deref(), Some("某市日报"));
    assert_eq!(
        issue.date.map(|d| d.to_string()).as_deref(),
        Some("2021-01-10")
    );
    let labels: Vec<&str> = issue.pages.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["A1", "A2"]);
    // The continuation's start is in the issue: it is an ordinary article.
    let rest = &issue.pages[1].articles[0];
    assert_eq!(rest.continued_from.as_deref(), Some("A1"));
    assert_eq!(rest.kind, ArticleKind::Article);
    assert_eq!(issue.sources.len(), 1, "one file, one source");
    let (placed, lines, _) = kanbao::check::archive_coverage(&archive);
    assert_eq!(placed, lines, "every line placed exactly once");
}
