//! An article rebuilt from its lines and their roles, after a structural
//! correction (see `structure.rs`) moved lines or changed a role.
//!
//! Whatever the correction left as it was keeps the parser's text: a
//! headline, caption or byline line with the same lines, a paragraph with
//! the same first and last line. The rest is joined from the source lines.
//! Header roles (section, kicker, headline, subheadline) met after the body
//! has begun become in-body subheads; a byline set by hand is read again
//! for its names.

use crate::model::{Article, Block, BlockKind, Byline, Span, Text};
use crate::profile::Profiles;
use crate::source_view::Role;
use std::collections::HashMap;

use super::structure::FileLines;

fn profiles() -> &'static Profiles {
    static BUILTIN: std::sync::OnceLock<Profiles> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(Profiles::builtin)
}

/// Lines joined as the parser joins a title or paragraph cut by a line
/// break: trimmed and run together, with a space only between two Latin
/// letters or digits.
pub(super) fn join<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines.map(str::trim).filter(|l| !l.is_empty()) {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(l.chars().next()) {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

fn text_at(file: &FileLines, n: u32) -> &str {
    file.get(n as usize - 1).map_or("", String::as_str)
}

/// What the originals said, by span: titles, captions, bylines; and each
/// body line's block.
struct Known<'a> {
    texts: HashMap<(u32, u32), &'a str>,
    blocks: HashMap<u32, (usize, usize)>,
    originals: &'a [&'a Article],
}

impl<'a> Known<'a> {
    fn new(originals: &'a [&'a Article]) -> Known<'a> {
        let mut texts = HashMap::new();
        let mut blocks = HashMap::new();
        for (o, a) in originals.iter().enumerate() {
            let all = a
                .section
                .iter()
                .chain(&a.kicker)
                .chain(&a.headline)
                .chain(&a.subheadlines)
                .chain(&a.captions)
                .chain(&a.jumps)
                .chain(&a.byline.lines);
            for t in all {
                texts.insert((t.lines.first, t.lines.last), t.text.as_str());
            }
            for (b, block) in a.body.iter().enumerate() {
                for l in block.lines.first..=block.lines.last {
                    blocks.entry(l).or_insert((o, b));
                }
            }
        }
        Known {
            texts,
            blocks,
            originals,
        }
    }

    fn text(&self, span: Span, file: &FileLines) -> Text {
        let text = match self.texts.get(&(span.first, span.last)) {
            Some(t) => t.to_string(),
            None => join((span.first..=span.last).map(|l| text_at(file, l))),
        };
        Text { text, lines: span }
    }

    fn block(&self, group: &[u32], kind: BlockKind, file: &FileLines) -> Block {
        let span = Span::new(group[0], *group.last().expect("a group has a line"));
        if let Some(&(o, b)) = self.blocks.get(&group[0]) {
            let orig = &self.originals[o].body[b];
            if orig.lines == span && orig.kind == kind {
                return orig.clone();
            }
        }
        Block {
            kind,
            text: join(group.iter().map(|&l| text_at(file, l))),
            lines: span,
            repeated: false,
        }
    }
}

/// What groups body lines into one block: its kind and the original
/// block (article, block) a line came from.
type BlockKey = (BlockKind, Option<(usize, usize)>);

/// Runs of consecutive entries with the same key.
fn runs<K: PartialEq + Copy>(items: &[(u32, K)]) -> Vec<(K, Vec<u32>)> {
    let mut out: Vec<(K, Vec<u32>)> = Vec::new();
    for &(l, k) in items {
        match out.last_mut() {
            Some((key, lines)) if *key == k => lines.push(l),
            _ => out.push((k, vec![l])),
        }
    }
    out
}

/// `base` rebuilt as `id` from `lines` (line, role), in line order.
pub(super) fn build(
    base: &Article,
    id: String,
    lines: &[(u32, Role)],
    file: &FileLines,
    originals: &[&Article],
) -> Article {
    let known = Known::new(originals);
    let mut a = Article {
        id,
        section: None,
        kicker: None,
        headline: None,
        subheadlines: Vec::new(),
        byline: Byline::default(),
        dateline: None,
        body: Vec::new(),
        captions: Vec::new(),
        jumps: Vec::new(),
        lines: Span::line(lines.first().map_or(1, |l| l.0)),
        ..base.clone()
    };
    // Body lines group by the block they came from, so a paragraph the
    // correction left whole keeps its text.
    let mut in_body = false;
    let mut body: Vec<(u32, BlockKey)> = Vec::new();
    let mut dateline_line = None;
    let mut header: Vec<(u32, Role)> = Vec::new();
    // Body lines above the first title (a line moved in from above) do not
    // make the title a subhead.
    let titled_from = lines
        .iter()
        .find(|(_, r)| {
            matches!(
                r,
                Role::Section | Role::Kicker | Role::Headline | Role::Subheadline
            )
        })
        .map_or(0, |(l, _)| *l);
    for &(l, role) in lines {
        let starts_body = l > titled_from;
        a.lines = a.lines.cover(Span::line(l));
        let key = |kind| (kind, known.blocks.get(&l).copied());
        match role {
            Role::Section | Role::Kicker | Role::Headline | Role::Subheadline if !in_body => {
                header.push((l, role))
            }
            Role::Section | Role::Kicker | Role::Headline | Role::Subheadline | Role::Subhead => {
                in_body = true;
                body.push((l, (BlockKind::Subhead, None)));
            }
            Role::Byline => a.byline.lines.push(known.text(Span::line(l), file)),
            Role::Caption => a.captions.push(known.text(Span::line(l), file)),
            Role::Jump => a.jumps.push(known.text(Span::line(l), file)),
            Role::Dateline => {
                in_body |= starts_body;
                dateline_line.get_or_insert(l);
                body.push((l, key(BlockKind::Paragraph)));
            }
            Role::Body | Role::Duplicate | Role::Fragment | Role::Masthead => {
                in_body |= starts_body;
                body.push((l, key(BlockKind::Paragraph)));
            }
        }
    }
    for (role, run) in runs(&header) {
        let text = known.text(Span::new(run[0], *run.last().unwrap()), file);
        match role {
            Role::Section if a.section.is_none() => a.section = Some(text),
            Role::Kicker if a.kicker.is_none() && a.headline.is_none() => a.kicker = Some(text),
            Role::Headline if a.headline.is_none() => a.headline = Some(text),
            // A second title under the headline is a subheadline.
            _ => a
                .subheadlines
                .extend(run.iter().map(|&l| known.text(Span::line(l), file))),
        }
    }
    for ((kind, _), run) in runs(&body) {
        if kind == BlockKind::Subhead {
            a.body
                .extend(run.iter().map(|&l| known.block(&[l], kind, file)));
        } else {
            a.body.push(known.block(&run, kind, file));
        }
    }
    // Merge multi-line captions and jumps the parser had as one.
    a.captions = merge_known(&a.captions, &known, file);
    a.jumps = merge_known(&a.jumps, &known, file);
    a.dateline = dateline_line.and_then(|l| dateline(l, originals, file));
    a.byline = byline(&a, base, originals, file);
    if a.jumps.is_empty() {
        a.continued_to = None;
        a.see_also = None;
    }
    a
}

/// The split-off part of `base`: a new article, of the same kind, that
/// continues nothing and repeats nothing.
pub(super) fn build_new(
    base: &Article,
    id: String,
    lines: &[(u32, Role)],
    file: &FileLines,
    originals: &[&Article],
) -> Article {
    let mut a = build(base, id, lines, file, originals);
    a.continued_from = None;
    a.duplicate_of = None;
    a
}

/// Single lines that an original held as one multi-line element, joined
/// back into it.
fn merge_known(items: &[Text], known: &Known, file: &FileLines) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    for t in items {
        if let Some(last) = out.last_mut() {
            let span = last.lines.cover(t.lines);
            if known.texts.contains_key(&(span.first, span.last)) {
                *last = known.text(span, file);
                continue;
            }
        }
        out.push(t.clone());
    }
    out
}

/// The dateline opening the paragraph at line `l`: the original's, when
/// that line was its dateline, else read again.
fn dateline(l: u32, originals: &[&Article], file: &FileLines) -> Option<String> {
    for o in originals {
        if o.dateline.is_some() && o.body.first().is_some_and(|b| b.lines.first == l) {
            return o.dateline.clone();
        }
    }
    crate::parse::parse_dateline(text_at(file, l), profiles()).map(|d| d.text)
}

/// The byline: the parser's when its lines are unchanged (or, with no
/// byline lines, when the names came from the same dateline); else each
/// byline line read again for its names and roles.
fn byline(a: &Article, base: &Article, originals: &[&Article], file: &FileLines) -> Byline {
    let spans = |b: &Byline| b.lines.iter().map(|t| t.lines).collect::<Vec<_>>();
    let mine = spans(&a.byline);
    if let Some(o) = originals
        .iter()
        .find(|o| !mine.is_empty() && spans(&o.byline) == mine)
    {
        return Byline {
            lines: a.byline.lines.clone(),
            ..o.byline.clone()
        };
    }
    if mine.is_empty() {
        let same_dateline = a.dateline.is_some()
            && base.dateline == a.dateline
            && base.body.first().map(|b| b.lines.first) == a.body.first().map(|b| b.lines.first);
        return if same_dateline && base.byline.lines.is_empty() {
            base.byline.clone()
        } else {
            Byline::default()
        };
    }
    let mut out = Byline {
        lines: a.byline.lines.clone(),
        ..Byline::default()
    };
    for t in &a.byline.lines {
        let Some(parts) = crate::parse::parse_byline(text_at(file, t.lines.first), profiles())
        else {
            continue;
        };
        let add = |to: &mut Vec<String>, names: Vec<String>| {
            for n in names {
                if !to.contains(&n) {
                    to.push(n);
                }
            }
        };
        add(&mut out.reporters, parts.reporters);
        add(&mut out.correspondents, parts.correspondents);
        add(&mut out.interns, parts.interns);
        add(&mut out.writers, parts.writers);
        if out.agency.is_none() {
            out.agency = parts.agency;
        }
    }
    out
}
