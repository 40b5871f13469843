//! Writing text into the frame buffer cell by cell, measuring with kanbao's
//! own width function so that East Asian ambiguous-width characters take the
//! columns the terminal will really give them.
//!
//! ratatui measures every symbol with `unicode-width`'s narrow rules, so on a
//! terminal that draws “ ” · … — two columns wide its idea of the row would be
//! off by one per such character. With `--ambiguous-width 2` each ambiguous
//! character's cell is given `CellDiffOption::ForcedWidth(2)` and the cell it
//! covers is blanked, exactly as ratatui does for ideographs; the diff then
//! skips the covered cell and the cursor arithmetic stays right.

use crate::layout::{AmbiguousWidth, char_width, is_ambiguous};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use std::num::NonZeroU16;

/// Writes `text` at (x, y), at most `max` columns. Returns the columns used.
/// A wide character that would straddle the edge is not drawn (its column
/// stays blank), so nothing ever spills into the next pane.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    text: &str,
    style: Style,
    amb: AmbiguousWidth,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.y + area.height || x >= area.x + area.width {
        return 0;
    }
    let limit = max.min(area.x + area.width - x);
    let mut used: u16 = 0;
    let mut utf8 = [0u8; 4];
    for c in text.chars() {
        // Archive text is sanitized at load; this keeps a tab or a stray
        // control character from moving the terminal's cursor regardless.
        let c = if c == '\t' { ' ' } else { c };
        if c.is_control() {
            continue;
        }
        let w = char_width(c, amb) as u16;
        if w == 0 {
            // Combining marks join the previous cell's symbol.
            if used > 0
                && let Some(cell) = buf.cell_mut((x + used - 1, y))
            {
                let mut s = cell.symbol().to_string();
                s.push(c);
                cell.set_symbol(&s);
            }
            continue;
        }
        if used + w > limit {
            break;
        }
        if let Some(cell) = buf.cell_mut((x + used, y)) {
            cell.reset();
            cell.set_symbol(c.encode_utf8(&mut utf8));
            cell.set_style(style);
            if w == 2 && is_ambiguous(c) {
                cell.set_diff_option(CellDiffOption::ForcedWidth(
                    NonZeroU16::new(2).expect("two is not zero"),
                ));
            }
        }
        // The column a wide character covers is blank and styled alike.
        for i in 1..w {
            if let Some(cell) = buf.cell_mut((x + used + i, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
        used += w;
    }
    used
}

/// Columns a cell's symbol takes on the terminal: its forced width (an
/// ambiguous character drawn wide), else its Unicode width.
pub fn cell_width(cell: &ratatui::buffer::Cell) -> u16 {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(w) => w.get(),
        _ => unicode_width::UnicodeWidthStr::width(cell.symbol()) as u16,
    }
}

/// Fills `width` columns from (x, y) with spaces in `style`.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    for i in 0..width {
        if let Some(cell) = buf.cell_mut((x + i, y)) {
            cell.reset();
            cell.set_style(style);
        }
    }
}

/// Writes styled pieces one after another; returns the columns used.
pub fn put_spans(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    spans: &[(&str, Style)],
    amb: AmbiguousWidth,
) -> u16 {
    let mut used = 0;
    for (text, style) in spans {
        if used >= max {
            break;
        }
        used += put_str(buf, x + used, y, max - used, text, *style, amb);
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn wide_characters_never_straddle_the_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let used = put_str(
            &mut buf,
            0,
            0,
            5,
            "株洲日报",
            Style::default(),
            AmbiguousWidth::Narrow,
        );
        assert_eq!(used, 4);
        // covered cells hold a blank; the fifth column stays empty
        assert_eq!(row(&buf, 0), "株 洲  ");
    }

    #[test]
    fn ambiguous_characters_take_two_cells_when_wide() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let used = put_str(
            &mut buf,
            0,
            0,
            6,
            "“好”",
            Style::default(),
            AmbiguousWidth::Wide,
        );
        assert_eq!(used, 6);
        assert_eq!(
            buf[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap())
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let used = put_str(
            &mut buf,
            0,
            0,
            6,
            "“好”",
            Style::default(),
            AmbiguousWidth::Narrow,
        );
        assert_eq!(used, 4);
    }

    #[test]
    fn controls_are_dropped() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        put_str(
            &mut buf,
            0,
            0,
            6,
            "a\u{1b}[b\tc",
            Style::default(),
            AmbiguousWidth::Narrow,
        );
        assert_eq!(row(&buf, 0), "a[b c ");
    }
}
