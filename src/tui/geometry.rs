//! Where the panes go at a given terminal size. Shared by `update` (page
//! sizes, mouse hits) and `draw`, so both always agree.

use ratatui::layout::Rect;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Issues,
    Articles,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Below 20×6: only a "window too small" line.
    Tiny,
    /// Below 80 columns: one pane at a time.
    Narrow,
    /// 80–119: lists left (issues folded into a header line), reader right.
    Medium,
    /// 120 and wider: three panes side by side.
    Wide,
}

pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub issues: Option<Rect>,
    pub articles: Option<Rect>,
    pub reader: Option<Rect>,
    /// Medium layout: the folded issues pane, one line above the articles.
    pub issue_header: Option<Rect>,
    /// Vertical separators between panes.
    pub separators: [Option<Rect>; 2],
    pub status: Rect,
}

pub fn mode(area: Rect) -> Mode {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        Mode::Tiny
    } else if area.width < 80 {
        Mode::Narrow
    } else if area.width < 120 {
        Mode::Medium
    } else {
        Mode::Wide
    }
}

/// The panes for `area`. `issues_hidden` (the `i` key on a wide screen)
/// gives the issue list's columns to the other two.
pub fn geometry(area: Rect, focus: Pane, issues_hidden: bool) -> Geometry {
    let mut g = Geometry::default();
    if mode(area) == Mode::Tiny {
        g.status = area;
        return g;
    }
    let body_h = area.height - 1;
    g.status = Rect::new(area.x, area.y + body_h, area.width, 1);
    let (x, y) = (area.x, area.y);
    match mode(area) {
        Mode::Tiny => unreachable!("handled above"),
        Mode::Narrow => {
            let full = Rect::new(x, y, area.width, body_h);
            match focus {
                Pane::Issues => g.issues = Some(full),
                Pane::Articles => g.articles = Some(full),
                Pane::Reader => g.reader = Some(full),
            }
        }
        Mode::Medium => {
            let left = (area.width * 2 / 5).clamp(34, 46);
            let right = area.width - left - 1;
            let lists = Rect::new(x, y, left, body_h);
            if focus == Pane::Issues {
                g.issues = Some(lists);
            } else {
                g.issue_header = Some(Rect::new(x, y, left, 1));
                g.articles = Some(Rect::new(x, y + 1, left, body_h - 1));
            }
            g.separators[0] = Some(Rect::new(x + left, y, 1, body_h));
            g.reader = Some(Rect::new(x + left + 1, y, right, body_h));
        }
        // Moving left into the hidden list (h) shows it again.
        Mode::Wide if issues_hidden && focus != Pane::Issues => {
            let articles_w = (area.width / 3).clamp(40, 56);
            g.articles = Some(Rect::new(x, y, articles_w, body_h));
            g.separators[0] = Some(Rect::new(x + articles_w, y, 1, body_h));
            g.reader = Some(Rect::new(
                x + articles_w + 1,
                y,
                area.width - articles_w - 1,
                body_h,
            ));
        }
        Mode::Wide => {
            let issues_w = 26;
            let articles_w = (area.width / 3).clamp(40, 56);
            let reader_w = area.width - issues_w - articles_w - 2;
            g.issues = Some(Rect::new(x, y, issues_w, body_h));
            g.separators[0] = Some(Rect::new(x + issues_w, y, 1, body_h));
            g.articles = Some(Rect::new(x + issues_w + 1, y, articles_w, body_h));
            g.separators[1] = Some(Rect::new(x + issues_w + 1 + articles_w, y, 1, body_h));
            g.reader = Some(Rect::new(
                x + issues_w + articles_w + 2,
                y,
                reader_w,
                body_h,
            ));
        }
    }
    g
}

impl Geometry {
    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Issues => self.issues,
            Pane::Articles => self.articles,
            Pane::Reader => self.reader,
        }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains((x, y).into()));
        [Pane::Issues, Pane::Articles, Pane::Reader]
            .into_iter()
            .find(|&p| hit(self.rect(p)))
    }
}

/// Rows a list pane shows below its title bar.
pub fn list_rows(r: Rect) -> usize {
    r.height.saturating_sub(1) as usize
}

/// The reader's text column: at most `max_text` wide, centred, with a
/// one-column margin on each side. Returns (x, width).
pub fn reader_text_column(r: Rect, max_text: u16) -> (u16, u16) {
    let avail = r.width.saturating_sub(2).max(1);
    let w = avail.min(max_text.max(10));
    let x = r.x + 1 + (avail - w) / 2;
    (x, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakpoints() {
        assert_eq!(mode(Rect::new(0, 0, 19, 24)), Mode::Tiny);
        assert_eq!(mode(Rect::new(0, 0, 80, 5)), Mode::Tiny);
        assert_eq!(mode(Rect::new(0, 0, 20, 6)), Mode::Narrow);
        assert_eq!(mode(Rect::new(0, 0, 80, 24)), Mode::Medium);
        assert_eq!(mode(Rect::new(0, 0, 120, 40)), Mode::Wide);
    }

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for (w, h) in [
            (20, 6),
            (60, 20),
            (80, 24),
            (119, 30),
            (120, 40),
            (400, 120),
        ] {
            for focus in [Pane::Issues, Pane::Articles, Pane::Reader] {
                let g = geometry(Rect::new(0, 0, w, h), focus, false);
                let rects: Vec<Rect> = [g.issues, g.articles, g.reader, g.issue_header]
                    .into_iter()
                    .chain(g.separators)
                    .flatten()
                    .collect();
                for (i, a) in rects.iter().enumerate() {
                    assert!(a.right() <= w && a.bottom() < h, "{w}x{h} {a:?}");
                    for b in &rects[i + 1..] {
                        assert!(!a.intersects(*b), "{w}x{h}: {a:?} overlaps {b:?}");
                    }
                }
                assert!(
                    g.rect(focus).is_some() || focus == Pane::Issues,
                    "{w}x{h} {focus:?}"
                );
            }
        }
    }
}
