//! Reader frame times: the first frame of an article (which lays it out)
//! and then paging through it, for the longest sample article and a synthetic
//! 100,000-character one, at 120×40 and 80×24.
//!
//! ```sh
//! cargo run --release --example bench_frame
//! ```
//!
//! The claim checked: the reader lays an article out once per width (the
//! layout cache), and a frame draws only the visible lines, so paging
//! through a 100,000-character article costs what a short one does.
//! The last line is one JSON array with every number, for scripts.

use kanbao::loader::{self, LoadOptions};
use kanbao::model::Archive;
use kanbao::tui::geometry::Pane;
use kanbao::tui::{Action, App, Settings, draw, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

/// Frames timed while paging, per case (the article is paged through from
/// the top as often as it takes).
const FRAMES: usize = 300;

/// One article of about `chars` characters: a headline, a byline, a
/// dateline and paragraphs of about 300 characters made of the sample's
/// sentences, each numbered so that none repeats another (repeats would be
/// folded, which is not what this measures).
fn long_article(chars: usize) -> Archive {
    let sample = loader::load_sample(&LoadOptions::default());
    let sentences: Vec<String> = sample
        .issues
        .iter()
        .flat_map(|i| i.articles())
        .flat_map(|a| a.body.iter())
        .flat_map(|b| b.text.split_inclusive('。'))
        .filter(|s| s.ends_with('。') && s.chars().count() >= 10)
        .map(str::to_string)
        .collect();
    let mut text =
        String::from("十万字长文：株洲日报记者走访全市各区县纪实\n\n株洲日报记者 刘毅\n\n");
    text.push_str("株洲日报讯 1月6日，");
    let (mut total, mut n) = (0, 0);
    let mut para = String::new();
    for s in sentences.iter().cycle() {
        if para.is_empty() {
            n += 1;
            para = format!("（{n}）");
        }
        para.push_str(s);
        if para.chars().count() >= 300 {
            total += para.chars().count();
            text.push_str(&para);
            text.push_str("\n\n");
            para.clear();
            if total >= chars {
                break;
            }
        }
    }
    loader::load_texts(
        "bench",
        &[("long.txt", text.as_bytes())],
        &LoadOptions::default(),
    )
}

/// (issue, row) of the article with the longest body.
fn longest(app: &App) -> (usize, usize) {
    let mut best = (0, 0, 0);
    for i in 0..app.archive.issues.len() {
        for r in 0..app.issue_rows(i).len() {
            let chars = app.article_at(i, r).map_or(0, |a| a.body_chars());
            if chars > best.2 {
                best = (i, r, chars);
            }
        }
    }
    (best.0, best.1)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct Case {
    name: &'static str,
    chars: usize,
    width: u16,
    height: u16,
    lines: usize,
    first_frame: Duration,
    frame_median: Duration,
    frame_max: Duration,
    draw_median: Duration,
    draw_max: Duration,
    frames: usize,
}

fn run(name: &'static str, archive: Archive, width: u16, height: u16) -> Case {
    let mut app = App::new(archive, Settings::default(), Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let mut frame = |app: &App| {
        let t = Instant::now();
        terminal.draw(|f| draw::draw(f, app)).expect("draw");
        t.elapsed()
    };
    // The article selected in the reader with nothing laid out yet: the
    // first frame wraps the whole article, then draws the visible lines.
    let (issue, row) = longest(&app);
    let chars = app.article_at(issue, row).map_or(0, |a| a.body_chars());
    app.issue = issue;
    app.article = row;
    app.focus = Pane::Reader;
    let first_frame = frame(&app);
    let lines = app.reader_lines().len();

    // One pass to the bottom warms everything; then page for real.
    let page_through = |app: &mut App, frame: &mut dyn FnMut(&App) -> Duration| {
        let mut steps = Vec::new();
        let mut draws = Vec::new();
        let _ = update(app, Action::Top);
        loop {
            let before = app.scroll;
            let t = Instant::now();
            let _ = update(app, Action::PageDown);
            let d = frame(app);
            steps.push(t.elapsed());
            draws.push(d);
            if app.scroll == before {
                break;
            }
        }
        (steps, draws)
    };
    page_through(&mut app, &mut frame);
    let (mut steps, mut draws) = (Vec::new(), Vec::new());
    while steps.len() < FRAMES {
        let (s, d) = page_through(&mut app, &mut frame);
        steps.extend(s);
        draws.extend(d);
    }
    Case {
        name,
        chars,
        width,
        height,
        lines,
        first_frame,
        frame_max: *steps.iter().max().expect("frames"),
        frame_median: median(&mut steps),
        draw_max: *draws.iter().max().expect("frames"),
        draw_median: median(&mut draws),
        frames: steps.len(),
    }
}

fn main() {
    let mut cases = Vec::new();
    for (width, height) in [(120, 40), (80, 24)] {
        cases.push(run(
            "longest sample article",
            loader::load_sample(&LoadOptions::default()),
            width,
            height,
        ));
        cases.push(run(
            "synthetic 100k chars",
            long_article(100_000),
            width,
            height,
        ));
    }
    println!(
        "{:<24} {:>7} {:>7} {:>6} {:>9} {:>22} {:>20}",
        "article", "chars", "size", "lines", "1st frame", "PageDown+frame ms", "frame only ms"
    );
    println!(
        "{:<24} {:>7} {:>7} {:>6} {:>9} {:>22} {:>20}",
        "", "", "", "", "", "median / max", "median / max"
    );
    for c in &cases {
        println!(
            "{:<24} {:>7} {:>7} {:>6} {:>9.2} {:>13.3} / {:>6.3} {:>11.3} / {:>6.3}",
            c.name,
            c.chars,
            format!("{}×{}", c.width, c.height),
            c.lines,
            ms(c.first_frame),
            ms(c.frame_median),
            ms(c.frame_max),
            ms(c.draw_median),
            ms(c.draw_max),
        );
    }
    let json: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            serde_json::json!({
                "article": c.name,
                "chars": c.chars,
                "width": c.width,
                "height": c.height,
                "lines": c.lines,
                "first_frame_ms": ms(c.first_frame),
                "frame_median_ms": ms(c.frame_median),
                "frame_max_ms": ms(c.frame_max),
                "draw_median_ms": ms(c.draw_median),
                "draw_max_ms": ms(c.draw_max),
                "frames": c.frames,
            })
        })
        .collect();
    println!("{}", serde_json::Value::Array(json));
}
