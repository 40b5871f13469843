//! Dates as a person types them to find issues: a day (`2021-01-10`), a
//! month (`2021-01`) or a year (`2021`), each the span of days it names.
//! The reader's go-to-date lands on the issue nearest one; `--from` and
//! `--to` keep the issues between two.

use crate::model::{IssueDate, days_in_month};

/// The days a typed date names, first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub first: IssueDate,
    pub last: IssueDate,
}

impl DateSpan {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`/` or `.` between them too, and
    /// a one-digit month or day); `None` for anything else.
    pub fn parse(s: &str) -> Option<DateSpan> {
        let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
        let number = |p: &str, most: usize| {
            (!p.is_empty() && p.len() <= most && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        let year = parts
            .first()
            .filter(|y| y.len() == 4)
            .and_then(|y| number(y, 4))? as i32;
        let (first, last) = match parts[1..] {
            [] => (IssueDate::ymd(year, 1, 1), IssueDate::ymd(year, 12, 31)),
            [m] => {
                let m = number(m, 2).filter(|m| (1..=12).contains(m))?;
                let end = days_in_month(year, m);
                (IssueDate::ymd(year, m, 1), IssueDate::ymd(year, m, end))
            }
            [m, d] => {
                let date = IssueDate::ymd(year, number(m, 2)?, number(d, 2)?);
                if !date.is_valid() {
                    return None;
                }
                (date, date)
            }
            _ => return None,
        };
        Some(DateSpan { first, last })
    }

    /// Days from `date` to the span (0 within it); `None` for a date
    /// without a year.
    pub fn distance(&self, date: IssueDate) -> Option<i64> {
        let d = day_number(date)?;
        let (a, b) = (day_number(self.first)?, day_number(self.last)?);
        Some(if d < a {
            a - d
        } else if d > b {
            d - b
        } else {
            0
        })
    }

    /// Of `dates` (by position), the one nearest the span: within it, the
    /// earliest; else the closest, the earlier of two as close.
    pub fn nearest(&self, dates: impl IntoIterator<Item = Option<IssueDate>>) -> Option<usize> {
        dates
            .into_iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let d = d?;
                Some(((self.distance(d)?, day_number(d)?), i))
            })
            .min()
            .map(|(_, i)| i)
    }
}

/// Days since 1970-01-01 (proleptic Gregorian); `None` without a year.
pub fn day_number(date: IssueDate) -> Option<i64> {
    // Howard Hinnant's days_from_civil.
    let y = date.year? as i64 - i64::from(date.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = date.month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + date.day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `--from` and `--to`: issues dated from the first day of one span to the
/// last of the other. With either bound, an issue of unknown date is left
/// out (it cannot be said to fall inside).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateWindow {
    pub from: Option<DateSpan>,
    pub to: Option<DateSpan>,
}

impl DateWindow {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    pub fn contains(&self, date: Option<IssueDate>) -> bool {
        if self.is_open() {
            return true;
        }
        let Some(day) = date.and_then(day_number) else {
            return false;
        };
        let after = self
            .from
            .and_then(|f| day_number(f.first))
            .is_none_or(|f| day >= f);
        let before = self
            .to
            .and_then(|t| day_number(t.last))
            .is_none_or(|t| day <= t);
        after && before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: &str) -> DateSpan {
        DateSpan::parse(s).unwrap()
    }

    #[test]
    fn a_day_a_month_or_a_year() {
        assert_eq!(span("2021-01-10").first, IssueDate::ymd(2021, 1, 10));
        assert_eq!(span("2021-01-10").last, IssueDate::ymd(2021, 1, 10));
        assert_eq!(span("2020-02").last, IssueDate::ymd(2020, 2, 29));
        assert_eq!(span("2021/2").last, IssueDate::ymd(2021, 2, 28));
        assert_eq!(span(" 2021 ").first, IssueDate::ymd(2021, 1, 1));
        assert_eq!(span("2021").last, IssueDate::ymd(2021, 12, 31));
        for bad in [
            "",
            "21",
            "2021-13",
            "2021-02-30",
            "2021-01-10-1",
            "二〇二一",
            "2021-+1",
        ] {
            assert_eq!(DateSpan::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(day_number(IssueDate::ymd(1970, 1, 1)), Some(0));
        assert_eq!(day_number(IssueDate::ymd(2000, 3, 1)), Some(11_017));
        let a = day_number(IssueDate::ymd(2020, 2, 28)).unwrap();
        let b = day_number(IssueDate::ymd(2020, 3, 1)).unwrap();
        assert_eq!(b - a, 2, "2020 is a leap year");
    }

    #[test]
    fn the_nearest_issue_is_inside_the_span_else_the_closest() {
        let dates = [
            Some(IssueDate::ymd(2022, 1, 7)),
            Some(IssueDate::ymd(2021, 1, 10)),
            None,
            Some(IssueDate::ymd(2021, 1, 3)),
            Some(IssueDate::ymd(2020, 11, 28)),
        ];
        assert_eq!(
            span("2021-01").nearest(dates),
            Some(3),
            "the earliest of the month"
        );
        assert_eq!(span("2021-01-09").nearest(dates), Some(1));
        assert_eq!(
            span("2021-06").nearest(dates),
            Some(1),
            "closer than 2022-01-07"
        );
        assert_eq!(span("1999").nearest(dates), Some(4));
        assert_eq!(span("2030").nearest(dates), Some(0));
        assert_eq!(span("2021").nearest([None]), None);
    }

    #[test]
    fn a_window_keeps_dated_issues_between_its_bounds() {
        let w = DateWindow {
            from: Some(span("2021-01")),
            to: Some(span("2021")),
        };
        assert!(w.contains(Some(IssueDate::ymd(2021, 1, 1))));
        assert!(w.contains(Some(IssueDate::ymd(2021, 12, 31))));
        assert!(!w.contains(Some(IssueDate::ymd(2020, 12, 31))));
        assert!(!w.contains(None));
        assert!(DateWindow::default().contains(None));
    }
}
