//! One file of the archive → its parsed page(s): read (with its sidecar),
//! decoded, parsed, what was odd about it kept as warnings. The unit the
//! parse cache keeps (see [`crate::index`]).

use crate::decode::{self, Encoding};
use crate::intake;
use crate::model::{FileError, Warning};
use crate::parse::{self, ParsedPage};
use crate::profile::Profiles;
use serde::{Deserialize, Serialize};
use std::path::Path;

use super::LoadOptions;

/// Issue metadata kept beside a page as `NAME.ron`; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub paper: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default)]
    pub page_count: Option<u32>,
}

/// A sidecar's text → metadata, or a message with line and column.
pub fn parse_sidecar(text: &str) -> Result<Sidecar, (u32, u32, String)> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e: ron::error::SpannedError| {
            (
                e.span.start.line as u32,
                e.span.start.col as u32,
                e.code.to_string(),
            )
        })
}

/// One file's text as found, before parsing.
pub(super) struct Input {
    pub(super) source: String,
    pub(super) bytes: Vec<u8>,
    /// The sidecar's path (shown) and its text, or why it was not read.
    pub(super) sidecar: Option<(String, Result<String, String>)>,
}

/// One file after parsing: what the parse cache keeps per file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub(super) source: String,
    pub(super) stem: String,
    pub(super) bytes: u64,
    pub(super) page: ParsedPage,
    /// Further pages the file holds (a front page and its continuation).
    pub(super) more_pages: Vec<ParsedPage>,
    pub(super) sidecar: Option<Sidecar>,
    pub(super) warnings: Vec<Warning>,
}

impl Parsed {
    /// One `Parsed` per page: the file's further pages share its source and
    /// sidecar (but not the sidecar's page label, which names the first).
    pub(super) fn into_pages(mut self) -> Vec<Parsed> {
        let more = std::mem::take(&mut self.more_pages);
        let source = self.source.clone();
        let sidecar = self.sidecar.clone().map(|s| Sidecar { page: None, ..s });
        let mut pages = Vec::with_capacity(1 + more.len());
        pages.push(self);
        pages.extend(more.into_iter().map(|page| Parsed {
            source: source.clone(),
            stem: String::new(),
            bytes: 0,
            page,
            more_pages: Vec::new(),
            sidecar: sidecar.clone(),
            warnings: Vec::new(),
        }));
        pages
    }
}

pub(super) fn read_input(path: &Path) -> Result<Input, FileError> {
    let source = intake::display_path(path);
    // A named pipe or a device would block the load forever (or never end).
    let bytes = intake::read_file(path, intake::PAGE_LIMIT).map_err(|e| FileError {
        source: source.clone(),
        message: e.to_string(),
    })?;
    let ron_path = path.with_extension("ron");
    let sidecar = match intake::read_file(&ron_path, intake::SIDECAR_LIMIT) {
        Ok(b) => Some(Ok(String::from_utf8_lossy(&b).into_owned())),
        Err(e) if e.is_not_found() => None,
        Err(e) => Some(Err(e.to_string())),
    }
    .map(|text| (intake::display_path(&ron_path), text));
    Ok(Input {
        source,
        bytes,
        sidecar,
    })
}

/// The built-in profiles, read from their RON once per process rather than
/// once per file (a twentieth of the load time when it was per file).
pub(super) fn builtin_profiles() -> &'static Profiles {
    static BUILTIN: std::sync::OnceLock<Profiles> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(Profiles::builtin)
}

pub(super) fn parse_input(input: Input, opts: &LoadOptions) -> Parsed {
    let profiles: &Profiles = match opts.profiles {
        Some(p) => p,
        None => builtin_profiles(),
    };
    let source = input.source;
    let stem = Path::new(&source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.clone());
    let warn = |line: Option<u32>, column: Option<u32>, message: String| Warning {
        source: source.clone(),
        line,
        column,
        message,
    };
    let mut warnings = Vec::new();
    let mut more_pages = Vec::new();
    let page = if input.bytes.is_empty() {
        warnings.push(warn(None, None, "empty file".into()));
        ParsedPage::default()
    } else if decode::looks_binary(&input.bytes) {
        warnings.push(warn(
            None,
            None,
            format!(
                "looks like a binary file ({} bytes), not text: skipped",
                input.bytes.len()
            ),
        ));
        ParsedPage::default()
    } else {
        let decoded = decode::decode(&input.bytes);
        if decoded.encoding == Encoding::Gb18030 {
            warnings.push(warn(None, None, "decoded as GB18030".into()));
        }
        for w in decoded.warnings {
            warnings.push(warn(Some(w.line), None, w.message));
        }
        let mut pages = parse::parse_pages(&decoded.text, profiles).into_iter();
        let page = pages.next().unwrap_or_default();
        more_pages = pages.collect();
        for p in std::iter::once(&page).chain(&more_pages) {
            for (line, message) in &p.warnings {
                warnings.push(warn(Some(*line), None, message.clone()));
            }
        }
        if page.articles.is_empty() && page.masthead.is_none() && !page.nonblank_lines.is_empty() {
            warnings.push(warn(None, None, "no article found on this page".into()));
        }
        page
    };
    let sidecar = input.sidecar.and_then(|(path, text)| {
        let text = match text {
            Ok(text) => text,
            Err(refused) => {
                warnings.push(Warning {
                    source: path,
                    line: None,
                    column: None,
                    message: format!("sidecar ignored: {refused}"),
                });
                return None;
            }
        };
        match parse_sidecar(&text) {
            Ok(s) => Some(checked_sidecar(s, &path, &mut warnings)),
            Err((line, col, msg)) => {
                warnings.push(Warning {
                    source: path,
                    line: Some(line),
                    column: Some(col),
                    message: format!("sidecar ignored: {}", intake::clean(&msg)),
                });
                None
            }
        }
    });
    Parsed {
        source,
        stem,
        bytes: input.bytes.len() as u64,
        page,
        more_pages,
        sidecar,
        warnings,
    }
}

/// A sidecar's strings as they may be used: the paper's name cleaned (an
/// empty one ignored), the page label only when it is a short printable
/// token (it becomes part of every article id), the rest cleaned. What is
/// dropped is reported.
fn checked_sidecar(mut s: Sidecar, path: &str, warnings: &mut Vec<Warning>) -> Sidecar {
    let mut warn = |message: String| {
        warnings.push(Warning {
            source: path.to_string(),
            line: None,
            column: None,
            message,
        })
    };
    if let Some(paper) = s.paper.take() {
        let cleaned = intake::clean(&paper);
        if cleaned.is_empty() {
            warn("sidecar paper name is empty: ignored".into());
        } else {
            s.paper = Some(cleaned);
        }
    }
    if let Some(label) = s.page.take() {
        match intake::page_label(&label) {
            Some(ok) => s.page = Some(ok.to_string()),
            None => warn(format!(
                "sidecar page label \"{}\" is not a short printable token (1-{} characters, \
                 no space or /): ignored",
                intake::display_name(&label),
                intake::LABEL_MAX_CHARS
            )),
        }
    }
    if let Some(date) = &mut s.date {
        intake::clean_in_place(date);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecars_parse_and_report_position() {
        let s = parse_sidecar("(date: \"2020-11-28\", page: \"A1\")").unwrap();
        assert_eq!(s.date.as_deref(), Some("2020-11-28"));
        let (line, col, msg) = parse_sidecar("(\n  date: 2020-11-28,\n)").unwrap_err();
        assert_eq!(line, 2);
        assert!(col > 1, "{msg}");
        assert!(parse_sidecar("(dat: \"x\")").is_err());
    }
}
