//! Deterministic synthetic archives shaped like the sample archive.
//!
//! A crate of the workspace, not of kanbao: `examples/gen_archive.rs` (the
//! command), `tests/gen_archive.rs` and `benches/load.rs` use it as a
//! dev-dependency, so no tool is compiled into the product or included into
//! it by path.
//!
//! # What an archive looks like
//!
//! One issue per day, the newest dated [`LAST_DAY`], older ones a day apart.
//! Each issue is `--pages-per-issue` files `YEAR/YYYY-MM-DD.txt` (one page)
//! or `YEAR/YYYY-MM-DD_A1.txt`, `_A2.txt`… About one issue in five opens with
//! a masthead (name, `A1`, `2021年1月` / `10` / `星期日` / lunar date / `第 N 期`
//! / `今日4版`, as in seed 001); about half carry a `.ron` sidecar (every page
//! does when an issue has several, so its pages are grouped by date).
//!
//! A page holds 7–12 articles (plus an occasional promo, a repeat of an
//! article and a continuation), about 2 KB of UTF-8 each like the sample's:
//!
//! - local reports (most): kicker / headline / subheadlines (the sample's, or
//!   a headline recombined from halves of two sample headlines), a byline
//!   (`株洲日报记者 X` + `通讯员/Y`, or inside the dateline as
//!   `株洲日报讯(记者/X 通讯员/Y) 1月6日,`), a dateline `株洲日报讯 M月D日，`
//!   dated the day before the issue (sometimes two or three days), body
//!   paragraphs from the sample with officials, places, counts and dates
//!   varied; sometimes a photo caption (`…。某某摄`);
//! - wire copy: the sample's Xinhua articles as printed, re-dated
//!   (`新华社北京M月D日电`);
//! - features: byline but no dateline.
//!
//! Paragraphs are sometimes cut by a column break (split mid-sentence across
//! a blank line), a page sometimes prints an article twice, and an article
//! sometimes jumps (`下转A2版`, continued as `上接A1版` on the next page when
//! the issue has one).
//!
//! Every random choice comes from [`Rng`] streams derived from `--seed` and
//! the issue's number, so the same options write the same bytes, whatever the
//! thread count.

mod headlines;
mod material;
mod rng;

pub use headlines::{synthetic_entries, synthetic_headlines, synthetic_pages};

pub use material::Material;
pub use rng::{Day, Rng};

use material::{Block, Cast, Template};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

pub const PAPER: &str = "株洲日报";

/// The newest issue's date (year, month, day).
pub const LAST_DAY: (i32, u32, u32) = (2025, 12, 31);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub issues: usize,
    pub seed: u64,
    pub pages_per_issue: usize,
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub issues: usize,
    /// `.txt` files.
    pub pages: usize,
    /// `.ron` files.
    pub sidecars: usize,
    pub bytes: u64,
    /// Articles as the reader should list them: reports, wire copy,
    /// features, promos, repeats and continuations.
    pub articles: usize,
}

impl Summary {
    fn merge(self, o: Summary) -> Summary {
        Summary {
            issues: self.issues + o.issues,
            pages: self.pages + o.pages,
            sidecars: self.sidecars + o.sidecars,
            bytes: self.bytes + o.bytes,
            articles: self.articles + o.articles,
        }
    }
}

/// What an issue was generated to be (tests check the loader reads it so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub day: Day,
    pub sidecar: bool,
    pub masthead: bool,
}

/// One file: path under the archive root (`/`-separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedIssue {
    pub files: Vec<File>,
    pub articles: usize,
}

/// Common surnames and given-name characters for bylines and officials.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤易旷阳";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红文辉建国志鹏飞斌宇浩凯俊峰雪琳晶婷欣怡佳颖晓燕慧琼毅凌坤正卫新福洁远昆艺红蓉章重礼芬岚嘉瑶翔晨曦蕾莉云海波瑞";

fn name(rng: &mut Rng, surnames: &[char], given: &[char]) -> String {
    let mut s = String::with_capacity(9);
    s.push(*rng.pick(surnames));
    for _ in 0..rng.range(1, 2) {
        s.push(*rng.pick(given));
    }
    s
}

/// A pool of distinct names.
fn names(rng: &mut Rng, n: usize) -> Vec<String> {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut out: Vec<String> = Vec::with_capacity(n);
    while out.len() < n {
        let s = name(rng, &surnames, &given);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// One article rendered: header blocks, then paragraphs (each one or more
/// pieces when a column break cuts it). Blocks are separated by blank lines.
#[derive(Clone)]
struct Rendered {
    header: Vec<String>,
    headline: String,
    body: Vec<Vec<String>>,
}

impl Rendered {
    fn push_to(&self, page: &mut String) {
        for b in self.header.iter().chain(self.body.iter().flatten()) {
            page.push_str(b);
            page.push_str("\n\n");
        }
    }
}

pub struct Generator {
    material: Material,
    opts: Options,
    first_day: Day,
    reporters: Vec<String>,
    correspondents: Vec<String>,
    officials: Vec<String>,
}

const WEEKDAYS: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];
const WEATHER: [&str; 7] = ["晴", "多云", "阴", "小雨", "阵雨", "晴转多云", "多云转阴"];

impl Generator {
    pub fn new(opts: Options) -> Generator {
        assert!(opts.pages_per_issue >= 1, "at least one page per issue");
        let mut rng = Rng::new(opts.seed);
        let (y, m, d) = LAST_DAY;
        Generator {
            material: Material::from_sample(),
            opts,
            first_day: Day::ymd(y, m, d).plus(1 - opts.issues as i64),
            // A newsroom's staff is small and stable; its correspondents many.
            reporters: names(&mut rng, 60),
            correspondents: names(&mut rng, 400),
            officials: names(&mut rng, 300),
        }
    }

    /// Issue `i` (0 = the oldest) as planned: date, sidecar, masthead.
    pub fn plan(&self, i: usize) -> Plan {
        let mut rng = Rng::stream(self.opts.seed ^ 0x5EED_5EED_5EED, i as u64);
        Plan {
            day: self.first_day.plus(i as i64),
            sidecar: self.opts.pages_per_issue > 1 || rng.chance(0.5),
            masthead: rng.chance(0.2),
        }
    }

    /// Renders issue `i`.
    pub fn issue(&self, i: usize) -> GeneratedIssue {
        let plan = self.plan(i);
        let mut rng = Rng::stream(self.opts.seed, i as u64);
        let cast = Cast {
            day: plan.day,
            people: (0..material::people_count())
                .map(|_| rng.pick(&self.officials).as_str())
                .collect(),
            place_shift: [
                rng.below(material::PLACES[0].len()),
                rng.below(material::PLACES[1].len()),
            ],
        };
        let pages = self.opts.pages_per_issue;
        let year = plan.day.year();
        let iso = plan.day.iso();
        let mut files = Vec::with_capacity(pages * 2);
        let mut articles = 0;
        let mut carried: Option<(String, Rendered)> = None;
        for p in 1..=pages {
            let label = format!("A{p}");
            let stem = if pages == 1 {
                iso.clone()
            } else {
                format!("{iso}_{label}")
            };
            let mut text = String::with_capacity(24 * 1024);
            text.push_str(if rng.chance(0.5) { "\n\n" } else { "\n\n\n\n" });
            if p == 1 && plan.masthead {
                self.masthead(&mut text, i, plan.day, &mut rng);
            }
            if let Some((from, rest)) = carried.take() {
                // The jumped article goes on: `上接A1版`, its headline, the rest.
                let _ = write!(text, "上接{from}版\n\n{}\n\n", rest.headline);
                for piece in rest.body.iter().flatten() {
                    text.push_str(piece);
                    text.push_str("\n\n");
                }
                articles += 1;
            }
            let (page_articles, jump) = self.page(&mut text, &cast, &mut rng, p, pages);
            articles += page_articles;
            if let Some(rest) = jump {
                carried = Some((label.clone(), rest));
            }
            if plan.sidecar {
                files.push(File {
                    path: format!("{year}/{stem}.ron"),
                    text: format!(
                        "// Issue metadata for {stem}.txt: overrides what the parser infers.\n\
                         (\n    date: \"{iso}\",\n    paper: \"{PAPER}\",\n    page: \"{label}\",\n)\n"
                    ),
                });
            }
            files.push(File {
                path: format!("{year}/{stem}.txt"),
                text,
            });
        }
        GeneratedIssue { files, articles }
    }

    /// The masthead block of seed 001 with this issue's values. The lunar
    /// date is only shaped like one (stem-branch year, month, day about a
    /// month behind): no lunar calendar is computed.
    fn masthead(&self, out: &mut String, i: usize, day: Day, rng: &mut Rng) {
        const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
        const BRANCHES: [char; 12] = [
            '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
        ];
        const MONTHS: [&str; 12] = [
            "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "腊",
        ];
        const TENS: [&str; 3] = ["初", "十", "廿"];
        const UNITS: [&str; 10] = ["十", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        let (y, m, d) = day.ymd_parts();
        let (ly, lm, ld) = day.plus(-35).ymd_parts();
        let cycle = (ly - 4).rem_euclid(60) as usize;
        let ld = ld.min(30) as usize;
        let lunar_day = match ld {
            10 => "初十".to_string(),
            20 => "二十".to_string(),
            30 => "三十".to_string(),
            _ => format!("{}{}", TENS[ld / 10], UNITS[ld % 10]),
        };
        let low = [1, 3, 8, 13, 18, 22, 25, 25, 20, 15, 9, 3][m as usize - 1] + rng.below(5) as i32;
        let _ = write!(
            out,
            "{PAPER}\n\nZHUZHOU DAILY\n\n中共株洲市委主管、主办\n国内统一连续出版物号 CN 43-0005\n\n\
             A1\n\n今日城区天气：{}\n气温 {low}℃~{}℃\n\n{y}年{m}月\n\n{d}\n\n星期{}\n\n\
             {}{}年{}月{lunar_day}\n\n第 {} 期\n\n\n\n今日{}版\n\n",
            rng.pick(&WEATHER),
            low + 4 + rng.below(6) as i32,
            WEEKDAYS[day.weekday()],
            STEMS[cycle % 10],
            BRANCHES[cycle % 12],
            MONTHS[lm as usize - 1],
            10_000 + i,
            self.opts.pages_per_issue.max(4),
        );
    }

    /// Writes page `p` of `pages`; returns how many articles it holds, and
    /// the rest of an article that jumps to the next page when there is one.
    fn page(
        &self,
        out: &mut String,
        cast: &Cast,
        rng: &mut Rng,
        p: usize,
        pages: usize,
    ) -> (usize, Option<Rendered>) {
        let m = &self.material;
        let n = rng.range(7, 12);
        let promo_at = rng.chance(0.08).then(|| rng.below(n));
        let mut rendered: Vec<Rendered> = Vec::with_capacity(n + 1);
        let mut first_dated = true;
        let mut local_pick = Shuffled::new(m.local.len());
        let mut wire_pick = Shuffled::new(m.wire.len());
        for _ in 0..n {
            let roll = rng.below(100);
            let a = if roll < 14 {
                let t = &m.wire[wire_pick.next(rng)];
                self.wire(t, cast, rng)
            } else {
                let t = &m.local[local_pick.next(rng)];
                let feature = roll < 24 || t.lead.is_none();
                // The page's first dated report was filed the day before the
                // issue, so the issue date can be inferred from the datelines.
                let back = if first_dated || rng.chance(0.8) {
                    1
                } else {
                    rng.range(2, 3) as i64
                };
                if !feature {
                    first_dated = false;
                }
                self.local(t, feature, cast.day.plus(-back), cast, rng)
            };
            rendered.push(a);
        }
        let mut count = rendered.len();
        // An article the page printed twice.
        if rng.chance(0.04) {
            let k = rng.below(rendered.len());
            let copy = rendered[k].clone();
            let at = rng.range(k + 1, rendered.len());
            rendered.insert(at, copy);
            count += 1;
        }
        // The last article jumps to the next page.
        let mut carried = None;
        if rng.chance(0.1)
            && let Some(last) = rendered.last_mut()
            && last.body.len() >= 3
        {
            let keep = rng.range(1, last.body.len() - 1);
            let rest = last.body.split_off(keep);
            let spaced = if rng.chance(0.2) { " " } else { "" };
            last.body.push(vec![format!("下转{spaced}A{}版", p + 1)]);
            if p < pages {
                carried = Some(Rendered {
                    header: Vec::new(),
                    headline: last.headline.clone(),
                    body: rest,
                });
            }
        }
        for (k, a) in rendered.iter().enumerate() {
            if promo_at == Some(k) {
                out.push_str(rng.pick(&m.promos).as_str());
                out.push_str("\n\n\n\n");
                count += 1;
            }
            a.push_to(out);
            if rng.chance(0.15) {
                out.push_str("\n\n");
            }
        }
        (count, carried)
    }

    /// Byline names: one reporter (sometimes two) and maybe correspondents.
    fn staff(&self, rng: &mut Rng) -> (Vec<&str>, Vec<&str>) {
        let mut reporters = vec![rng.pick(&self.reporters).as_str()];
        if rng.chance(0.15) {
            let r = rng.pick(&self.reporters).as_str();
            if !reporters.contains(&r) {
                reporters.push(r);
            }
        }
        let mut correspondents = Vec::new();
        if rng.chance(0.45) {
            correspondents.push(rng.pick(&self.correspondents).as_str());
            if rng.chance(0.2) {
                let c = rng.pick(&self.correspondents).as_str();
                if !correspondents.contains(&c) {
                    correspondents.push(c);
                }
            }
        }
        (reporters, correspondents)
    }

    fn local(
        &self,
        t: &Template,
        feature: bool,
        filed: Day,
        cast: &Cast,
        rng: &mut Rng,
    ) -> Rendered {
        let m = &self.material;
        let (reporters, correspondents) = self.staff(rng);
        let outlet = match rng.below(100) {
            0..=84 => PAPER,
            85..=96 => "株洲日报·掌上株洲",
            _ => "株珠日报·掌上株珠", // an OCR misreading the loader warns about
        };
        // Where the byline goes: on its own lines (most), above the headline,
        // or inside the dateline (`株洲日报讯(记者/X 通讯员/Y) 1月6日,`).
        let in_dateline = !feature && rng.chance(0.25);
        let above = !in_dateline && rng.chance(0.05);
        let one_line = outlet != PAPER && rng.chance(0.5);
        let byline_block = || {
            if one_line {
                // `株珠日报·掌上株珠记者/旷昆红 通讯员/莫艳琼` on one line.
                let mut s = format!("{outlet}记者/{}", reporters.join(" "));
                if !correspondents.is_empty() {
                    let _ = write!(s, " 通讯员/{}", correspondents.join(" "));
                }
                s
            } else {
                let mut s = format!("{PAPER}记者 {}", reporters.join(" "));
                if !correspondents.is_empty() {
                    let _ = write!(s, "\n通讯员/{}", correspondents.join(" "));
                }
                s
            }
        };
        let mut header = Vec::with_capacity(6);
        if above {
            header.push(byline_block());
        }
        if let Some(k) = &t.kicker
            && rng.chance(0.8)
        {
            header.push(k.render_string(cast, rng));
        }
        let headline = if rng.chance(0.45) {
            m.recombined_headline(rng).render_string(cast, rng)
        } else {
            t.headline.render_string(cast, rng)
        };
        header.push(headline.clone());
        for s in &t.subheadlines {
            if rng.chance(0.85) {
                header.push(s.render_string(cast, rng));
            }
        }
        if rng.chance(0.1) {
            let mut c = rng.pick(&m.captions).render_string(cast, rng);
            if rng.chance(0.8) {
                let _ = write!(c, "。{}摄", rng.pick(&self.reporters));
            } else {
                c.push_str("。受访单位 供图");
            }
            header.push(c);
        }
        if !above && !in_dateline {
            header.push(byline_block());
        }

        let mut body: Vec<Vec<String>> = Vec::with_capacity(8);
        if let Some(lead) = &t.lead {
            let mut first = String::with_capacity(lead.text.chars * 3 + 64);
            if !feature {
                let (_, mo, d) = filed.ymd_parts();
                if in_dateline {
                    let _ = write!(first, "{outlet}讯(记者/{}", reporters.join(" "));
                    if !correspondents.is_empty() {
                        let _ = write!(first, " 通讯员/{}", correspondents.join(" "));
                    }
                    let _ = write!(first, ") {mo}月{d}日,");
                } else if lead.dated || rng.chance(0.3) {
                    let _ = write!(first, "{outlet}讯 {mo}月{d}日，");
                } else {
                    let _ = write!(first, "{outlet}讯 ");
                }
            }
            lead.text.render(cast, rng, &mut first);
            body.push(column_breaks(first, rng));
        }
        let keep = rng.range(3, 8);
        for b in t.body.iter().take(keep) {
            match b {
                Block::Para(p) => body.push(column_breaks(p.render_string(cast, rng), rng)),
                Block::Subhead(s) => body.push(vec![s.render_string(cast, rng)]),
            }
        }
        // Short templates borrow a paragraph or two from other reports.
        while body.len() < 4 || rng.chance(0.2) {
            let p = rng.pick(&m.paragraphs).render_string(cast, rng);
            body.push(column_breaks(p, rng));
            if body.len() >= 8 {
                break;
            }
        }
        Rendered {
            header,
            headline,
            body,
        }
    }

    fn wire(&self, t: &Template, cast: &Cast, rng: &mut Rng) -> Rendered {
        let mut header = vec![t.headline.render_string(cast, rng)];
        header.extend(t.subheadlines.iter().map(|s| s.render_string(cast, rng)));
        let lead = t.lead.as_ref().expect("wire templates have a dateline");
        let back = if rng.chance(0.9) { 1 } else { 2 };
        let (_, mo, d) = cast.day.plus(-back).ymd_parts();
        let mut first = format!(
            "{}{mo}月{d}日电 ",
            lead.wire_source.as_deref().unwrap_or("新华社北京")
        );
        lead.text.render(cast, rng, &mut first);
        let mut body = vec![column_breaks(first, rng)];
        for b in t.body.iter().take(rng.range(3, 6)) {
            match b {
                Block::Para(p) => body.push(column_breaks(p.render_string(cast, rng), rng)),
                Block::Subhead(s) => body.push(vec![s.render_string(cast, rng)]),
            }
        }
        Rendered {
            headline: header[0].clone(),
            header,
            body,
        }
    }
}

/// Draws indices in `0..n` without repeats until all are used, then again:
/// a page does not print the same sample article twice by chance.
struct Shuffled {
    n: usize,
    left: Vec<usize>,
}

impl Shuffled {
    fn new(n: usize) -> Shuffled {
        Shuffled {
            n,
            left: Vec::new(),
        }
    }

    fn next(&mut self, rng: &mut Rng) -> usize {
        if self.left.is_empty() {
            self.left.extend(0..self.n);
        }
        let k = rng.below(self.left.len());
        self.left.swap_remove(k)
    }
}

/// A paragraph as printed: sometimes cut by a column break into two pieces
/// (the first one stops mid-sentence, the rest continues after a blank line).
fn column_breaks(p: String, rng: &mut Rng) -> Vec<String> {
    use kanbao::parse::shape::{ends_sentence, is_title_shaped};
    let n = p.chars().count();
    if n < 60 || !rng.chance(0.25) {
        return vec![p];
    }
    // Mostly long first pieces; sometimes a short one like `“各单位、学校集体团拜和大`.
    let lo = if rng.chance(0.2) { 12 } else { 65.min(n - 20) };
    let at = rng.range(lo, n - 15);
    // Try from `at` on, leaving at least ten characters after the cut.
    for (cut, next) in p.char_indices().skip(at).take(n - 10 - at) {
        let (a, b) = p.split_at(cut);
        // A real mid-sentence cut that no reader could take for a title,
        // between two characters of text (a line never opens with a comma).
        if !ends_sentence(a)
            && (next.is_alphanumeric() || matches!(next, '“' | '《' | '（' | '('))
            && !is_title_shaped(a)
        {
            return vec![a.to_string(), b.to_string()];
        }
    }
    vec![p]
}

/// Writes the archive under `out`, in parallel; the same options always
/// write the same bytes.
pub fn write_archive(out: &Path, opts: &Options) -> io::Result<Summary> {
    let generator = Generator::new(*opts);
    let mut years: Vec<i32> = (0..opts.issues)
        .map(|i| generator.plan(i).day.year())
        .collect();
    years.dedup();
    for y in years {
        std::fs::create_dir_all(out.join(y.to_string()))?;
    }
    (0..opts.issues)
        .into_par_iter()
        .map(|i| {
            let issue = generator.issue(i);
            let mut s = Summary {
                issues: 1,
                articles: issue.articles,
                ..Summary::default()
            };
            for f in &issue.files {
                std::fs::write(out.join(&f.path), &f.text)?;
                s.bytes += f.text.len() as u64;
                if f.path.ends_with(".ron") {
                    s.sidecars += 1;
                } else {
                    s.pages += 1;
                }
            }
            Ok(s)
        })
        .try_reduce(Summary::default, |a, b| Ok(a.merge(b)))
}
