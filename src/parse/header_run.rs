//! A run of title, byline and caption lines, decided: an article's header
//! (kicker, headline, subheadlines, bylines), a letter's signature, a
//! column label over briefs, a notice's heading, or crossheads inside the
//! open article. The page's layout, its signing and the article's earlier
//! sections decide (see `walker`, `context`, `sections`).

use super::classify::{Jump, Kind, Unit, is_notice_heading};
use super::sections::RunShape;
use super::shape::{self, at_most_chars, comma_count};
use super::slash_credit::signed_with_one;
use super::walker::{Walker, new_article, take_bylines_and_captions};
use super::{header, is_bare_date};
use crate::model::{ArticleKind, Block, BlockKind, Span, Text};

impl Walker<'_> {
    /// The run's lines are paragraphs of article `i`, not a header.
    fn run_as_text_of(&mut self, i: usize, run: &[Unit]) {
        let a = &mut self.articles[i];
        for u in run {
            a.lines = a.lines.cover(Span::line(u.n));
            a.body.push(Block {
                kind: BlockKind::Paragraph,
                text: u.text.trim().to_string(),
                lines: Span::line(u.n),
                repeated: false,
            });
        }
    }

    /// A run of title, byline and caption lines: a new article's header, or
    /// subheads inside the current one.
    pub(super) fn header_run(&mut self, run: &[Unit], prev: Option<&Unit>, next: Option<&Unit>) {
        // A credit under the lead is the open article's; titles after it
        // are its crossheads (see `Walker::is_lead_credit`).
        if let Some(first) = run.first()
            && matches!(first.kind, Kind::Byline(_))
            && let Some(i) = self.current
            && self.is_lead_credit(first.text)
        {
            let papers = take_bylines_and_captions(&mut self.articles[i], &run[..1]);
            self.papers.extend(papers);
            if run.len() > 1 {
                self.header_run(&run[1..], Some(first), next);
            }
            return;
        }
        let titles: Vec<&Unit> = run.iter().filter(|u| u.kind == Kind::Title).collect();
        let has_byline = run.iter().any(|u| matches!(u.kind, Kind::Byline(_)));
        let dateline_follows = matches!(next.map(|u| &u.kind), Some(Kind::Dateline(_)));
        let open_body = self
            .current
            .map(|i| {
                let a = &self.articles[i];
                a.kind == ArticleKind::Article || a.kind == ArticleKind::Continuation
            })
            .unwrap_or(false);
        let titles_look_like_a_header = titles.len() >= 2
            && (titles
                .iter()
                .any(|t| shape::is_section_label(t.text) || shape::is_kicker_shaped(t.text))
                || titles
                    .iter()
                    .skip(1)
                    .any(|t| shape::is_attendee_line(t.text) || shape::is_dash_deck(t.text))
                || titles.iter().all(|t| comma_count(t.text) == 0));
        // A photo item: a title and its caption (either above the other).
        let photo_item = run.iter().any(|u| u.kind == Kind::Caption) && !titles.is_empty();
        // `（上接A1版）` under a title: the continuation's reprinted headline.
        let continuation_follows = matches!(next.map(|u| &u.kind), Some(Kind::Jump(Jump::From, _)));
        // Titles right under an enumerated heading (`第1计` / `轻车熟路` /
        // `改装采样车`) are that section's crossheads, whatever their number.
        let under_enumeration = matches!(prev.map(|u| &u.kind), Some(Kind::Subhead))
            && open_body
            && !has_byline
            && !dateline_follows;
        // `致全市人民的感谢信` over `亲爱的市民朋友们：`: a letter opens.
        let salutation_follows = next.is_some_and(|u| {
            u.kind == Kind::Body
                && at_most_chars(u.text, 20)
                && u.text.trim_end().ends_with(['：', ':'])
                && !u.text.contains(['，', '。', ','])
        });
        // The page's own layout: a flush title after a blank line opens an
        // article; an indented title line is a crosshead.
        let layout = self.layout;
        // On a page that keeps its wider gaps for the ends of articles, a
        // title after one opens an article even when set like the open
        // one's crossheads.
        let after_article_gap = layout.wide_gap_breaks && run[0].after_wide_gap;
        let flush_after_blank = (layout.indented_text && !run[0].indented && run[0].after_blank)
            || (layout.blank_breaks && run[0].after_blank)
            || after_article_gap;
        let indented_crosshead = (layout.indented_text && titles.iter().all(|t| t.indented)
            || layout.blank_breaks && !run[0].after_blank)
            && open_body
            && !has_byline
            && !dateline_follows;
        // A feature's sections (see `sections`): a heading inside an
        // article not yet signed, on a page that signs at the end, or one
        // set as the article's earlier crossheads were.
        let run_shape = RunShape::of(run);
        let section_heading = open_body
            && !has_byline
            && !dateline_follows
            && !self.continuation_open
            && !after_article_gap
            && run_shape.is_some_and(|s| {
                self.is_sibling_section(s) || (self.bylines_close && self.open_unsigned())
            });
        // On a page that credits with slash credits (`報導．攝影╱王小明`
        // under the lead), a new article carries one in its first lines:
        // titles with none inside a credited article are its sections
        // (`後記` over a heading, a heading under a photo's caption).
        let credited_section = open_body
            && !has_byline
            && !dateline_follows
            && !self.continuation_open
            && self
                .current
                .is_some_and(|i| signed_with_one(&self.articles[i], self.profiles));
        let is_header = !under_enumeration
            && !credited_section
            && !indented_crosshead
            && !section_heading
            && (has_byline
                || flush_after_blank
                || salutation_follows
                || dateline_follows
                || !open_body
                || self.continuation_open
                || titles_look_like_a_header
                || photo_item
                || continuation_follows);

        // A titled article still waiting for its dateline, its summary
        // begun: lines too long for a headline (`甲乙丙丁，…执行到位`, 43
        // characters, one comma) before that dateline are more of its
        // summary, not a new article's header (a 解放日报 front page in a
        // full-text database: summary lines, then `本报讯`).
        if dateline_follows
            && !has_byline
            && titles.len() == run.len()
            && titles.iter().all(|t| {
                !at_most_chars(t.text, shape::MAX_HEADLINE_CHARS) && comma_count(t.text) == 1
            })
            && let Some(i) = self.current
            && self.waits_for_its_dateline(i)
            && !self.articles[i].body.is_empty()
        {
            self.run_as_text_of(i, run);
            self.summary_before_dateline = Some(i);
            return;
        }
        // `某某公司清算组` / `2021年3月24日` under a notice, a letter or a
        // statement: its signature, not the next article's header.
        if let Some(i) = self.current
            && (self.articles[i].kind == ArticleKind::Notice
                || (open_body && !self.articles[i].body.is_empty()))
            && !has_byline
            && titles.len() == run.len()
            && titles.len() <= 3
            && titles.last().is_some_and(|t| is_bare_date(t.text))
        {
            self.run_as_text_of(i, run);
            return;
        }
        // A column label over briefs (`简讯` then `■…`) heads the first one.
        if titles.len() == 1
            && run.len() == 1
            && matches!(next.map(|u| &u.kind), Some(Kind::Brief))
            && shape::is_section_label(run[0].text)
        {
            self.pending_section = Some(run[0].as_text());
            return;
        }
        // `本报讯 …导语。` then the byline: printed after the lead paragraph,
        // it belongs to the article above, not to a new untitled one.
        if titles.is_empty()
            && has_byline
            && !dateline_follows
            && let Some(i) = self.current
            && let a = &mut self.articles[i]
            && a.kind == ArticleKind::Article
            && a.headline.is_some()
            && a.byline.is_empty()
            && a.byline.lines.is_empty()
            && a.dateline.is_some()
            && a.body.len() == 1
        {
            let papers = take_bylines_and_captions(a, run);
            self.papers.extend(papers);
            return;
        }
        // A heading over a run of notices (遗失声明), or one that names itself
        // a notice (`停水通告`), is the notices' headline; their text follows.
        if titles.len() == 1
            && run.len() == 1
            && (matches!(next.map(|u| &u.kind), Some(Kind::Notice))
                || (is_notice_heading(run[0].text) && !dateline_follows))
            && !self.continuation_open
        {
            let mut a = new_article(ArticleKind::Notice, Span::line(run[0].n));
            a.headline = Some(run[0].as_text());
            self.push_article(a);
            return;
        }

        if !is_header {
            if let (Some(i), Some(s)) = (self.current, run_shape) {
                self.sections.push((i, s));
            }
            // Inside an article: short title lines are in-body subheads; a
            // title-shaped line with a comma is a cut piece of a paragraph.
            for u in run {
                match &u.kind {
                    Kind::Caption => {
                        let t = u.as_text();
                        if let Some(a) = self.cur() {
                            a.lines = a.lines.cover(t.lines);
                            a.captions.push(t);
                        }
                    }
                    _ if comma_count(u.text) > 0 => self.add_body(u, BlockKind::Paragraph),
                    _ => self.add_body(u, BlockKind::Subhead),
                }
            }
            return;
        }

        let first = Span::line(run[0].n);
        let idx = if self.continuation_open {
            self.continuation_open = false;
            self.current.expect("a continuation is open")
        } else {
            let mut a = new_article(ArticleKind::Article, first);
            a.captions = std::mem::take(&mut self.pending_captions);
            self.push_article(a)
        };
        let title_texts: Vec<Text> = titles.iter().map(|u| u.as_text()).collect();
        let header = header::assign(&title_texts);
        let a = &mut self.articles[idx];
        let papers = take_bylines_and_captions(a, run);
        a.section = header.section;
        a.kicker = header.kicker;
        a.headline = header.headline;
        a.subheadlines = header.subheadlines;
        self.papers.extend(papers);
    }
}
