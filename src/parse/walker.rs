//! The state machine that groups a page's classified lines into articles:
//! a run of title lines with the bylines and captions around it is a header
//! when a byline or dateline confirms it (or no article is open); inside an
//! article such lines are its subheads. Body lines cut by column breaks are
//! joined; every line ends up in exactly one place.

use super::byline::{BylineParts, parse_byline};
use super::classify::{
    Jump, Kind, Unit, brief_parts, is_contact_line, is_field_line, is_parenthesised,
    run_in_marked_byline, trailing_byline, trailing_jump,
};
use super::context::PageLayout;
use super::dateline::Dateline;
use super::is_bare_date;
use super::sections::RunShape;
use super::shape::{
    self, at_least_chars, at_most_chars, char_len, ends_sentence, is_latin_alnum, is_title_shaped,
};
use super::slash_credit::slash_credit;
use crate::model::{Article, ArticleKind, Block, BlockKind, Byline, Span, Text};
use crate::profile::Profiles;

/// An entry of a contact box: see `context::contact_boxes`.
fn is_box_entry(s: &str) -> bool {
    is_contact_line(s) || is_field_line(s)
}

pub(super) fn new_article(kind: ArticleKind, at: Span) -> Article {
    Article {
        id: String::new(),
        kind,
        section: None,
        kicker: None,
        headline: None,
        subheadlines: Vec::new(),
        byline: Byline::default(),
        dateline: None,
        body: Vec::new(),
        captions: Vec::new(),
        jumps: Vec::new(),
        continued_to: None,
        continued_from: None,
        see_also: None,
        duplicate_of: None,
        lines: at,
    }
}

pub(super) fn merge_byline(into: &mut Byline, parts: &BylineParts) {
    if into.agency.is_none() {
        into.agency.clone_from(&parts.agency);
    }
    for (list, names) in [
        (&mut into.reporters, &parts.reporters),
        (&mut into.correspondents, &parts.correspondents),
        (&mut into.interns, &parts.interns),
        (&mut into.writers, &parts.writers),
    ] {
        for n in names {
            if !list.contains(n) {
                list.push(n.clone());
            }
        }
    }
}

/// Gives `a` the bylines and captions of a header run (and its lines);
/// returns the papers the bylines name.
pub(super) fn take_bylines_and_captions(a: &mut Article, run: &[Unit]) -> Vec<String> {
    let mut papers = Vec::new();
    for u in run {
        a.lines = a.lines.cover(Span::line(u.n));
        match &u.kind {
            Kind::Byline(b) => {
                merge_byline(&mut a.byline, b);
                a.byline.lines.push(u.as_text());
                papers.extend(b.paper.clone());
            }
            Kind::Caption => a.captions.push(u.as_text()),
            _ => {}
        }
    }
    papers
}

pub(super) struct Walker<'p> {
    pub(super) profiles: &'p Profiles,
    pub(super) articles: Vec<Article>,
    /// The article text is currently flowing into.
    pub(super) current: Option<usize>,
    /// Set right after `上接X版`: the next header names that continuation.
    pub(super) continuation_open: bool,
    /// Captions seen before any article they could belong to.
    pub(super) pending_captions: Vec<Text>,
    /// A column label (`简讯`) over briefs: the first brief's section.
    pub(super) pending_section: Option<Text>,
    pub(super) fragments: Vec<Text>,
    pub(super) papers: Vec<String>,
    pub(super) dateline_days: Vec<(u32, u32)>,
    /// The article whose dateline was printed in brackets, if it is open.
    pub(super) bracketed_dateline: Option<usize>,
    /// How the page shows where its articles start.
    pub(super) layout: PageLayout,
    /// The article whose long summary lines `header_run` just took as its
    /// lead: the dateline right below them is its own.
    pub(super) summary_before_dateline: Option<usize>,
    /// The article and line of the last paragraph line that ended with its
    /// credit (`…。報導．攝影╱王小明`): no later line joins it.
    pub(super) credit_closed: Option<(usize, u32)>,
    /// The page signs its articles at their end: see
    /// `context::bylines_close_articles`.
    pub(super) bylines_close: bool,
    /// The shapes of each article's crosshead runs (by article index): a
    /// later heading set the same way is another section of it.
    pub(super) sections: Vec<(usize, RunShape)>,
}

impl Walker<'_> {
    pub(super) fn cur(&mut self) -> Option<&mut Article> {
        self.current.map(|i| &mut self.articles[i])
    }

    /// Is a heading of shape `s` set as a crosshead of the current article?
    pub(super) fn is_sibling_section(&self, s: RunShape) -> bool {
        self.current
            .is_some_and(|c| self.sections.iter().any(|&(i, t)| i == c && t.matches(s)))
    }

    /// The current article has a headline and text but no signature yet.
    pub(super) fn open_unsigned(&self) -> bool {
        self.current.is_some_and(|c| {
            let a = &self.articles[c];
            a.headline.is_some()
                && !a.body.is_empty()
                && a.byline.is_empty()
                && a.byline.lines.is_empty()
                && a.dateline.is_none()
        })
    }

    pub(super) fn push_article(&mut self, a: Article) -> usize {
        self.articles.push(a);
        let i = self.articles.len() - 1;
        self.current = Some(i);
        i
    }

    /// Is `text` a cut-off repeat of a paragraph already printed in the current
    /// article (the scan printed its opening twice)?
    fn repeats_current(&self, text: &str) -> bool {
        let Some(i) = self.current else { return false };
        char_len(text) >= 8
            && self.articles[i]
                .body
                .iter()
                .any(|b| b.text.len() > text.len() && b.text.starts_with(text.trim()))
    }

    pub(super) fn add_body(&mut self, unit: &Unit, kind: BlockKind) {
        // Text straight after `上接X版`: the continuation has no reprinted
        // headline, and the next header starts another article.
        self.continuation_open = false;
        let idx = match self.current {
            Some(i) => i,
            None => self.push_article(new_article(ArticleKind::Article, Span::line(unit.n))),
        };
        let a = &mut self.articles[idx];
        a.lines = a.lines.cover(Span::line(unit.n));
        if let Some((jump, label)) = trailing_jump(unit.text) {
            jump.record(a, label);
        }
        // `…。（记者 张三 通讯员 李四）`: the byline closing the text.
        if kind == BlockKind::Paragraph
            && let Some(before) = shape::before_trailing_group(unit.text)
            && ends_sentence(before)
            && let Some(b) = parse_byline(&unit.text.trim()[before.len()..], self.profiles)
        {
            merge_byline(&mut a.byline, &b);
        }
        // `…谢谢所有人了。”本报记者  杨硕`: run on after the last sentence.
        let closed_by_credit = kind == BlockKind::Paragraph
            && match trailing_byline(unit.text, self.profiles) {
                Some(b) => {
                    merge_byline(&mut a.byline, &b);
                    true
                }
                None => false,
            };

        let text = unit.text.trim();
        // A paragraph printed again (between the halves of one the column
        // break cut), or the cut-off opening of one printed again, is marked
        // as a copy and joins nothing.
        let copies = |b: &Block| {
            b.kind == BlockKind::Paragraph
                && (b.text == text || (b.text.len() > text.len() && b.text.starts_with(text)))
        };
        if kind == BlockKind::Paragraph
            && (at_least_chars(text, 16) || (at_least_chars(text, 8) && !ends_sentence(text)))
            && a.body.iter().any(copies)
        {
            a.body.push(Block {
                kind,
                text: text.to_string(),
                lines: Span::line(unit.n),
                repeated: true,
            });
            return;
        }
        // Join a paragraph cut by a column break: the last paragraph (or the
        // one before a copy printed between the halves) did not end its
        // sentence and this line continues it.
        let open = a.body.iter().rposition(|b| !b.repeated).filter(|&i| {
            a.body[i + 1..]
                .iter()
                .all(|b| b.kind == BlockKind::Paragraph)
        });
        if kind == BlockKind::Paragraph
            && let Some(last) = open.map(|i| &mut a.body[i])
            && last.kind == BlockKind::Paragraph
            && !ends_sentence(&last.text)
            // The date that closes a text (`一九四六年二月五日`) ends it.
            && !is_bare_date(&last.text)
            // A contact box's entries stand a line each.
            && !(is_box_entry(text) && is_box_entry(&last.text))
            // A paragraph closed by its credit (`…。報導．攝影╱王小明`) is
            // whole.
            && self.credit_closed != Some((idx, last.lines.last))
        {
            let glue = match (last.text.chars().last(), text.chars().next()) {
                // A number cut in two is one number; Latin words keep a space.
                (Some(x), Some(y)) if x.is_ascii_digit() && (y.is_ascii_digit() || y == '.') => "",
                (Some(x), Some(y)) if is_latin_alnum(x) && is_latin_alnum(y) => " ",
                _ => "",
            };
            last.text.push_str(glue);
            last.text.push_str(text);
            last.lines = last.lines.cover(Span::line(unit.n));
            if closed_by_credit {
                self.credit_closed = Some((idx, unit.n));
            }
            return;
        }
        a.body.push(Block {
            kind,
            text: text.to_string(),
            lines: Span::line(unit.n),
            repeated: false,
        });
        if closed_by_credit {
            self.credit_closed = Some((idx, unit.n));
        }
    }

    /// Starts a standalone insert (promo, notice) without ending the article
    /// whose columns it interrupts.
    fn insert(&mut self, unit: &Unit, kind: ArticleKind) {
        let resume = self.current;
        let notice_open =
            self.current.is_some() && self.current == self.articles.len().checked_sub(1);
        if kind == ArticleKind::Notice
            && notice_open
            && let Some(last) = self.articles.last_mut()
            && last.kind == ArticleKind::Notice
        {
            // Consecutive notices form one notice block.
            last.body.push(Block {
                kind: BlockKind::Paragraph,
                text: unit.text.trim().to_string(),
                lines: Span::line(unit.n),
                repeated: false,
            });
            last.lines = last.lines.cover(Span::line(unit.n));
            return;
        }
        let mut a = new_article(kind, Span::line(unit.n));
        match kind {
            ArticleKind::Promo => a.headline = Some(unit.as_text()),
            _ => a.body.push(Block {
                kind: BlockKind::Paragraph,
                text: unit.text.trim().to_string(),
                lines: Span::line(unit.n),
                repeated: false,
            }),
        }
        self.articles.push(a);
        // Notices are runs: keep the notice open; a promo hands back at once.
        self.current = if kind == ArticleKind::Notice {
            Some(self.articles.len() - 1)
        } else {
            resume
        };
    }

    fn dateline(&mut self, unit: &Unit, d: &Dateline) {
        if let Some((m, day)) = d.month_day {
            self.dateline_days.push((m, day));
        }
        if let Some(p) = &d.paper {
            self.papers.push(p.clone());
        }
        let needs_new = match self.current {
            None => true,
            Some(i) => {
                let a = &self.articles[i];
                // A lead printed above the dateline (a summary, 核心阅读, an
                // editor's note) leaves a titled article still waiting for
                // its dateline: the dateline is its, not another's.
                let lead_only = self.waits_for_its_dateline(i)
                    || self.summary_before_dateline.take() == Some(i);
                // `【新华社延安二十五日电】…` then `【新华社延安二十三日电】…`:
                // further dispatches under the same headline.
                let next_dispatch = d.bracketed
                    && a.kind == ArticleKind::Article
                    && a.headline.is_some()
                    && self.bracketed_dateline == Some(i);
                a.kind == ArticleKind::Notice
                    || a.kind == ArticleKind::Promo
                    || (!a.body.is_empty() && !lead_only && !next_dispatch)
            }
        };
        if needs_new {
            let mut a = new_article(ArticleKind::Article, Span::line(unit.n));
            a.captions = std::mem::take(&mut self.pending_captions);
            // A title read as a crosshead of the article above, then a line
            // or two of summary, then this dateline: the title was this
            // article's headline, the summary its lead. An article has one
            // dateline of its own, so the second one decides it.
            if let Some(i) = self.current
                && let Some((headline, lead)) = self.take_misread_header(i)
            {
                a.lines = a.lines.cover(headline.lines);
                for b in &lead {
                    a.lines = a.lines.cover(b.lines);
                }
                a.headline = Some(headline);
                a.body = lead;
            }
            self.push_article(a);
        }
        if d.bracketed {
            self.bracketed_dateline = self.current;
        }
        let a = self.cur().expect("an article is open");
        if a.dateline.is_some() {
            // A further dispatch: its text joins the article's.
            return self.add_body(unit, BlockKind::Paragraph);
        }
        a.dateline = Some(d.text.clone());
        if let Some(agency) = &d.agency {
            a.byline.agency = Some(agency.clone());
        }
        if let Some(b) = &d.byline {
            merge_byline(&mut a.byline, b);
        }
        self.add_body(unit, BlockKind::Paragraph);
    }

    /// Article `i` is titled, with at most two paragraphs of lead (a
    /// summary, 核心阅读, an editor's note) and neither dateline nor byline
    /// yet: a dateline that comes is its own.
    pub(super) fn waits_for_its_dateline(&self, i: usize) -> bool {
        let a = &self.articles[i];
        a.kind == ArticleKind::Article
            && a.headline.is_some()
            && a.dateline.is_none()
            && a.byline.is_empty()
            && a.body.len() <= 2
    }

    /// `報導．攝影╱王小明` under the lead (the first paragraphs) of the
    /// current article, not yet signed or dated: a slash credit signs what
    /// is above it, never the next headline, and the article goes on.
    pub(super) fn is_lead_credit(&self, text: &str) -> bool {
        self.current.is_some_and(|c| {
            let a = &self.articles[c];
            a.headline.is_some()
                && a.byline.is_empty()
                && a.dateline.is_none()
                && (1..=3).contains(&a.body.len())
        }) && slash_credit(text, self.profiles).is_some()
    }

    /// See [`Walker::dateline`]: the last subhead of article `i` and the at
    /// most two paragraphs after it, taken out of it. The article keeps its
    /// own dateline, or text enough before that subhead to be an article
    /// without it (a dateline this far into it cannot be its own: the new
    /// article is untitled otherwise).
    fn take_misread_header(&mut self, i: usize) -> Option<(Text, Vec<Block>)> {
        let a = &mut self.articles[i];
        if a.kind != ArticleKind::Article {
            return None;
        }
        // A title with a comma was kept as a paragraph piece: it counts too.
        let k = a.body.iter().rposition(|b| {
            b.kind == BlockKind::Subhead
                || (!b.repeated
                    && at_most_chars(&b.text, shape::MAX_HEADLINE_CHARS)
                    && is_title_shaped(&b.text))
        })?;
        let after = &a.body[k + 1..];
        if (a.dateline.is_none() && k < 2)
            || after.len() > 2
            || after
                .iter()
                .any(|b| b.kind != BlockKind::Paragraph || b.repeated)
        {
            return None;
        }
        let mut tail = a.body.split_off(k);
        let head = tail.remove(0);
        // What the article keeps decides its span again.
        a.lines = a.spans().into_iter().reduce(Span::cover).unwrap_or(a.lines);
        Some((
            Text {
                text: head.text,
                lines: head.lines,
            },
            tail,
        ))
    }

    /// `（新华社北京1月1日电）`: the wire copy above ends here; what follows
    /// is another article.
    fn closing_dateline(&mut self, unit: &Unit, d: &Dateline) {
        let Some(a) = self.cur() else {
            return self.fragments.push(unit.as_text());
        };
        a.lines = a.lines.cover(Span::line(unit.n));
        if a.dateline.is_none() {
            a.dateline = Some(d.text.clone());
        }
        if a.byline.agency.is_none() {
            a.byline.agency.clone_from(&d.agency);
        }
        if let Some(b) = &d.byline {
            merge_byline(&mut a.byline, b);
        }
        a.body.push(Block {
            kind: BlockKind::Paragraph,
            text: unit.text.trim().to_string(),
            lines: Span::line(unit.n),
            repeated: false,
        });
        self.current = None;
    }

    /// `■标题 正文…`: a new article whose headline is the run-in title.
    fn brief(&mut self, unit: &Unit) {
        if let Some((b, text)) = run_in_marked_byline(unit.text, self.profiles) {
            // Under a headline with no text yet, the byline is its; else it
            // opens an article of its own.
            let idx = match self.current {
                Some(i) if self.articles[i].body.is_empty() => i,
                _ => self.push_article(new_article(ArticleKind::Article, Span::line(unit.n))),
            };
            let a = &mut self.articles[idx];
            merge_byline(&mut a.byline, &b);
            a.lines = a.lines.cover(Span::line(unit.n));
            self.papers.extend(b.paper.clone());
            let body = Unit {
                n: unit.n,
                text,
                kind: Kind::Body,
                indented: false,
                after_blank: false,
                after_wide_gap: false,
                contact: false,
            };
            return self.add_body(&body, BlockKind::Paragraph);
        }
        let Some((title, rest)) = brief_parts(unit.text) else {
            return self.add_body(unit, BlockKind::Paragraph);
        };
        let at = Span::line(unit.n);
        let mut a = new_article(ArticleKind::Article, at);
        a.section = self.pending_section.take();
        if let Some(s) = &a.section {
            a.lines = a.lines.cover(s.lines);
        }
        a.headline = Some(Text {
            text: title.to_string(),
            lines: at,
        });
        self.continuation_open = false;
        self.push_article(a);
        if let Some(rest) = rest {
            let body = Unit {
                n: unit.n,
                text: rest,
                kind: Kind::Body,
                indented: false,
                after_blank: false,
                after_wide_gap: false,
                contact: false,
            };
            self.add_body(&body, BlockKind::Paragraph);
        }
    }

    fn jump(&mut self, unit: &Unit, jump: Jump, label: String) {
        if jump == Jump::From
            && let Some(a) = self.current.and_then(|i| self.articles.get_mut(i))
            && a.kind == ArticleKind::Article
            && a.headline.is_some()
            && a.body.is_empty()
            && a.dateline.is_none()
        {
            // `标题` then `（上接A1版）`: the reprinted headline names it.
            a.kind = ArticleKind::Continuation;
            a.continued_from = Some(label);
            a.lines = a.lines.cover(Span::line(unit.n));
            a.jumps.push(unit.as_text());
            return;
        }
        if jump == Jump::From {
            let mut a = new_article(ArticleKind::Continuation, Span::line(unit.n));
            a.continued_from = Some(label);
            a.jumps.push(unit.as_text());
            self.push_article(a);
            self.continuation_open = true;
            return;
        }
        match self.cur() {
            Some(a) => {
                a.lines = a.lines.cover(Span::line(unit.n));
                a.jumps.push(unit.as_text());
                jump.record(a, label);
            }
            None => self.fragments.push(unit.as_text()),
        }
    }
}

/// Walks the classified lines once, grouping them into articles.
pub(super) fn walk<'p>(
    units: &[Unit],
    profiles: &'p Profiles,
    bylines_close: bool,
    layout: PageLayout,
) -> Walker<'p> {
    let mut w = Walker {
        profiles,
        articles: Vec::new(),
        current: None,
        continuation_open: false,
        pending_captions: Vec::new(),
        pending_section: None,
        fragments: Vec::new(),
        papers: Vec::new(),
        dateline_days: Vec::new(),
        bracketed_dateline: None,
        layout,
        summary_before_dateline: None,
        credit_closed: None,
        bylines_close,
        sections: Vec::new(),
    };
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        match &u.kind {
            Kind::Title | Kind::Byline(_) | Kind::Caption => {
                // A cut-off repeat of a paragraph stays with its article.
                if u.kind == Kind::Title && w.repeats_current(u.text) {
                    w.add_body(u, BlockKind::Paragraph);
                    if let Some(a) = w.cur()
                        && let Some(b) = a.body.last_mut()
                    {
                        b.repeated = true;
                    }
                    i += 1;
                    continue;
                }
                // A bracketed byline after an article's text closes that
                // article; so does any byline right after the text on a page
                // that signs its articles at their end.
                let closing = is_parenthesised(u.text)
                    || (bylines_close && i > 0 && units[i - 1].kind == Kind::Body);
                // The article goes on after a credit under its lead.
                let lead_credit = w.is_lead_credit(u.text);
                if let Kind::Byline(b) = &u.kind
                    && closing
                    && let Some(a) = w.cur()
                    && !a.body.is_empty()
                {
                    merge_byline(&mut a.byline, b);
                    a.byline.lines.push(u.as_text());
                    a.lines = a.lines.cover(Span::line(u.n));
                    // The next section of an enumerated piece (`第2计`)
                    // goes on in the same article, and so does text with no
                    // header of its own (a roundup's next item): a new
                    // article needs a header.
                    // A heading set as the article's earlier crossheads is
                    // its next section (see `sections`).
                    let next_run = units[i + 1..]
                        .iter()
                        .take_while(|x| x.kind == Kind::Title)
                        .count();
                    let section_follows = units
                        .get(i + 1)
                        .is_some_and(|x| matches!(x.kind, Kind::Subhead | Kind::Body))
                        || RunShape::of(&units[i + 1..i + 1 + next_run])
                            .is_some_and(|s| w.is_sibling_section(s));
                    if !is_parenthesised(u.text) && !section_follows && !lead_credit {
                        w.current = None;
                    }
                    i += 1;
                    continue;
                }
                // Page furniture inside a header (a folio between the page's
                // section name and the headline) does not split it.
                let mut end = units[i..]
                    .iter()
                    .position(|x| {
                        !matches!(
                            x.kind,
                            Kind::Title
                                | Kind::Byline(_)
                                | Kind::Caption
                                | Kind::Furniture
                                | Kind::Folio
                        )
                    })
                    .map(|p| i + p)
                    .unwrap_or(units.len());
                // A title after a signature (names alone) that signs the
                // titles above it, on a page that signs under the headline,
                // heads the next article (`某画（中国画）` / `甲  乙` /
                // `某文的题目`). A reporter's byline there may be the next
                // article's, printed above its headline.
                if !bylines_close
                    && let Some(k) = (i + 2..end).find(|&k| {
                        units[k].kind == Kind::Title
                            && matches!(&units[k - 1].kind, Kind::Byline(b)
                                if b.reporters.is_empty() && b.correspondents.is_empty())
                            && units[i..k - 1].iter().any(|x| x.kind == Kind::Title)
                    })
                {
                    end = k;
                }
                // A photo item printed caption first: caption, its title, then
                // a kicker (`…时要求`) that opens the next article.
                if units[i].kind == Kind::Caption
                    && let Some(t) = (i + 1..end).find(|&j| units[j].kind != Kind::Caption)
                    && units[t].kind == Kind::Title
                    && units
                        .get(t + 1)
                        .is_some_and(|x| x.kind == Kind::Title && shape::is_kicker_shaped(x.text))
                {
                    end = t + 1;
                }
                // A photo item (title, then its caption) ends at the caption
                // when another article's titles follow.
                if let Some(c) = (i + 1..end).find(|&j| {
                    units[j].kind == Kind::Caption
                        && units[i..j].iter().any(|x| x.kind == Kind::Title)
                        && units[j + 1..]
                            .iter()
                            .find(|x| x.kind != Kind::Furniture)
                            .is_some_and(|x| x.kind == Kind::Title)
                }) {
                    end = c + 1;
                }
                // A signature closing the text (`某某委员会` / `2022年6月1日`)
                // ends at its date: titles after it head the next article.
                if w.current.is_some_and(|c| !w.articles[c].body.is_empty())
                    && let Some(d) = (i..end.min(i + 3))
                        .take_while(|&j| units[j].kind == Kind::Title)
                        .find(|&j| is_bare_date(units[j].text))
                {
                    end = end.min(d + 1);
                }
                let run = &units[i..end];
                for f in run.iter().filter(|x| x.kind == Kind::Furniture) {
                    w.fragments.push(f.as_text());
                }
                let kept: Vec<Unit> = run
                    .iter()
                    .filter(|x| !matches!(x.kind, Kind::Furniture | Kind::Folio))
                    .cloned()
                    .collect();
                let run = kept.as_slice();
                let only_captions = run.iter().all(|x| x.kind == Kind::Caption);
                if only_captions {
                    for c in run {
                        let t = c.as_text();
                        match w.cur() {
                            Some(a) if !a.body.is_empty() || a.headline.is_some() => {
                                a.lines = a.lines.cover(t.lines);
                                a.captions.push(t)
                            }
                            _ => w.pending_captions.push(t),
                        }
                    }
                } else {
                    w.header_run(run, i.checked_sub(1).map(|j| &units[j]), units.get(end));
                }
                i = end;
                continue;
            }
            Kind::Subhead => w.add_body(u, BlockKind::Subhead),
            Kind::Dateline(d) => {
                let d = d.clone();
                w.dateline(u, &d);
            }
            Kind::ClosingDateline(d) => {
                let d = d.clone();
                w.closing_dateline(u, &d);
            }
            Kind::Jump(jump, label) => w.jump(u, *jump, label.clone()),
            Kind::Furniture => w.fragments.push(u.as_text()),
            Kind::Folio => {}
            Kind::Brief => w.brief(u),
            Kind::Promo => w.insert(u, ArticleKind::Promo),
            Kind::Notice => w.insert(u, ArticleKind::Notice),
            Kind::Body => {
                // A notice under its own heading takes the text that follows;
                // a run of bare notices does not.
                if w.current.is_some_and(|c| {
                    w.articles[c].kind == ArticleKind::Notice && w.articles[c].headline.is_none()
                }) {
                    // Body text after a notice run resumes the page's flow.
                    w.current = w.articles.iter().rposition(|a| {
                        a.kind == ArticleKind::Article || a.kind == ArticleKind::Continuation
                    });
                }
                w.add_body(u, BlockKind::Paragraph);
            }
        }
        i += 1;
    }
    w
}
