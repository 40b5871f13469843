//! What the marks in the lists mean, for the help (`?`) and the README.
//! The read mark is a small hollow bullet, the review's ok a heavy tick:
//! two shapes, so that "read" is never taken for "reviewed" at a glance.

/// The read mark in the article list.
pub const READ: &str = "◦";

/// (mark, meaning), in the order the help lists them.
pub const LEGEND: &[(&str, &str)] = &[
    (READ, "read"),
    ("✔", "review: ok"),
    ("✗", "review: needs fix"),
    ("?", "a review of other text (not applied)"),
    ("⚑", "bookmarked"),
    ("✎", "headline or issue date corrected in review"),
    ("↳ 重复", "printed twice, folded under its original"),
    ("~", "issue date inferred from the datelines"),
    ("!", "issue with warnings (kanbao check lists them)"),
];
