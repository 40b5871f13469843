//! kanbao (看报): a terminal reader for archives of OCR'd newspapers.
//!
//! Module map — the core is pure (no terminal code) and tested directly;
//! `tui` is the reader's state, its one `update` (which returns effects
//! rather than doing I/O), the effect performer and the terminal shell:
//!
//! | module      | what it is                                                        |
//! |-------------|-------------------------------------------------------------------|
//! | [`model`]   | the issue → page → article tree, spans, dates                     |
//! | [`intake`]  | the one reader of files and cleaner of strings from outside       |
//! | [`decode`]  | bytes → text: UTF-8/BOM or GB18030, line endings, sanitizing      |
//! | [`profile`] | paper profiles (RON in `assets/`): names, OCR aliases, bylines    |
//! | [`parse`]   | one page of text → masthead, articles, fragments                  |
//! | [`loader`]  | a folder or file (or the embedded sample) → [`model::Archive`]    |
//! | [`index`]   | cache between runs: parses, skeleton, full text, refresh, watch   |
//! | [`layout`]  | width measuring and Chinese line breaking (`wrap_cjk`)            |
//! | [`dates`]   | a typed day, month or year; the nearest issue; `--from`/`--to`    |
//! | [`search`]  | fuzzy headline filter (pinyin, NFKC) and full-text search         |
//! | [`store`]   | atomic, locked, merge-on-write files that never lose a mark       |
//! | [`review`]  | review marks, title/date and structural corrections, gold reading |
//! | [`signals`] | a signal while the reader loads: the terminal is restored         |
//! | [`source_view`] | a page's lines with their roles and owners, around an article |
//! | [`state`]   | per-user reading state: read marks, bookmarks, last position      |
//! | [`key`]     | a key press (`ctrl-d`, `G`, `pgdn`): read, written, shown in help |
//! | [`config`]  | `config.ron`: defaults in `assets/`, errors with line and column  |
//! | [`located`] | `file:line:column`, the place every located message names         |
//! | [`check`]   | coverage: every source line placed exactly once                   |
//! | [`score`]   | a parse scored against a gold reading (as `score.py` scores it)   |
//! | [`reading`] | an article laid out as styled lines for the reader and `show`     |
//! | [`export`]  | JSON / Markdown / text / headline / ndjson output                 |
//! | [`cli`]     | the command line (clap) and its subcommands                       |
//! | [`tui`]     | reader: keys → `Action` → `update` → effects → `perform`; `draw`  |

pub mod check;
pub mod cli;
pub mod config;
pub mod dates;
pub mod decode;
pub mod export;
pub mod index;
pub mod intake;
pub mod key;
pub mod layout;
pub mod loader;
pub mod located;
pub mod model;
pub mod parse;
pub mod profile;
pub mod reading;
pub mod review;
pub mod score;
pub mod search;
pub mod signals;
pub mod source_view;
pub mod state;
pub mod store;
pub mod tui;
