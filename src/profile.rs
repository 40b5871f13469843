//! Paper profiles: how a newspaper names itself and signs its articles.
//!
//! The parser's rules are structural; what differs from paper to paper (its
//! name, the OCR misreadings of it, its byline role words) lives in RON files
//! under `assets/profiles/`, embedded at build time. Another paper is another
//! profile, not new code.

use serde::Deserialize;
use std::collections::BTreeMap;

/// What a byline role word makes of the names after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Reporter,
    Correspondent,
    Intern,
    /// `本报评论员`: an editorial's signature. It may stand without a name;
    /// a name after it is the writer (`Byline.writers`), not a reporter.
    Commentator,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The paper's name as its masthead prints it. A profile without one
    /// (the generic profile) names no paper: it only adds role words,
    /// agencies and markers shared by every paper.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub english_name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default = "default_roles")]
    pub roles: BTreeMap<String, Role>,
    #[serde(default = "default_local_marker")]
    pub local_dateline_marker: String,
    #[serde(default = "default_wire_marker")]
    pub wire_dateline_marker: String,
    #[serde(default)]
    pub agencies: Vec<String>,
}

fn default_roles() -> BTreeMap<String, Role> {
    [
        ("记者", Role::Reporter),
        ("通讯员", Role::Correspondent),
        ("实习生", Role::Intern),
        ("评论员", Role::Commentator),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn default_local_marker() -> String {
    "讯".into()
}

fn default_wire_marker() -> String {
    "电".into()
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "generic.ron",
        include_str!("../assets/profiles/generic.ron"),
    ),
    (
        "zhuzhou-daily.ron",
        include_str!("../assets/profiles/zhuzhou-daily.ron"),
    ),
    (
        "renmin-ribao.ron",
        include_str!("../assets/profiles/renmin-ribao.ron"),
    ),
    (
        "xinmin-wanbao.ron",
        include_str!("../assets/profiles/xinmin-wanbao.ron"),
    ),
    (
        "shenzhen-tequbao.ron",
        include_str!("../assets/profiles/shenzhen-tequbao.ron"),
    ),
    (
        "jiefang-ribao.ron",
        include_str!("../assets/profiles/jiefang-ribao.ron"),
    ),
];

/// The profiles known to this run, with the byline grammar they share.
#[derive(Debug, Clone)]
pub struct Profiles {
    pub papers: Vec<Profile>,
    /// Every role word of every profile, longest first so that 特约记者 would
    /// win over 记者 were both listed.
    roles: Vec<(String, Role)>,
    /// The first character of every role word.
    role_firsts: Vec<char>,
    local_markers: Vec<Marker>,
    wire_markers: Vec<Marker>,
}

/// A dateline marker (讯, 電…), looked for in the head of every line of
/// every page, each marker in turn. Found by its last byte with memchr, then
/// checked whole: a marker's last byte is one of 64 continuation bytes, so
/// it is rare in a line's head. Measured with cachegrind on a 300-issue
/// archive: walking the head's characters cost 75M instructions, a
/// substring searcher built per line about half of that.
#[derive(Debug, Clone)]
pub struct Marker {
    pub text: String,
}

impl Marker {
    fn new(text: String) -> Marker {
        Marker { text }
    }

    /// Where the marker first stands in `hay` (a line's head: short).
    pub fn find(&self, hay: &str) -> Option<usize> {
        let m = self.text.as_bytes();
        let (&last, _) = m.split_last()?;
        let h = hay.as_bytes();
        memchr::memchr_iter(last, h)
            .filter_map(|end| (end + 1).checked_sub(m.len()))
            .find(|&start| &h[start..start + m.len()] == m)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{name}: {message}")]
pub struct ProfileError {
    pub name: String,
    pub message: String,
}

impl Profiles {
    /// The generic profile alone: how a paper no profile names is read.
    pub fn generic() -> Profiles {
        let (name, text) = BUILTIN[0];
        Profiles::new(vec![
            parse_profile(name, text).expect("built-in profile parses"),
        ])
    }

    /// The built-in profiles.
    pub fn builtin() -> Profiles {
        let papers = BUILTIN
            .iter()
            .map(|(name, text)| parse_profile(name, text).expect("built-in profile parses"))
            .collect();
        Profiles::new(papers)
    }

    pub fn new(papers: Vec<Profile>) -> Profiles {
        let mut roles: Vec<(String, Role)> = papers
            .iter()
            .flat_map(|p| p.roles.iter().map(|(w, r)| (w.clone(), *r)))
            .collect();
        if roles.is_empty() {
            roles = default_roles().into_iter().collect();
        }
        // Grouped by first character, longest first within a group: a line
        // is tried only against the words that can start where it stands.
        roles.sort_by(|a, b| {
            a.0.chars()
                .next()
                .cmp(&b.0.chars().next())
                .then(b.0.chars().count().cmp(&a.0.chars().count()))
                .then(a.0.cmp(&b.0))
        });
        roles.dedup_by(|a, b| a.0 == b.0);
        let mut local_markers: Vec<String> = papers
            .iter()
            .map(|p| p.local_dateline_marker.clone())
            .collect();
        let mut wire_markers: Vec<String> = papers
            .iter()
            .map(|p| p.wire_dateline_marker.clone())
            .collect();
        // The common markers always count: a profile adds its own.
        local_markers.push(default_local_marker());
        wire_markers.push(default_wire_marker());
        for v in [&mut local_markers, &mut wire_markers] {
            v.sort();
            v.dedup();
        }
        let local_markers = local_markers.into_iter().map(Marker::new).collect();
        let wire_markers = wire_markers.into_iter().map(Marker::new).collect();
        let mut role_firsts: Vec<char> =
            roles.iter().filter_map(|(w, _)| w.chars().next()).collect();
        role_firsts.sort_unstable();
        role_firsts.dedup();
        Profiles {
            papers,
            roles,
            role_firsts,
            local_markers,
            wire_markers,
        }
    }

    pub fn roles(&self) -> &[(String, Role)] {
        &self.roles
    }

    /// The role words that start with `c`, longest first.
    pub fn roles_starting(&self, c: char) -> &[(String, Role)] {
        let first = |w: &String| w.chars().next();
        let from = self.roles.partition_point(|(w, _)| first(w) < Some(c));
        let to = self.roles.partition_point(|(w, _)| first(w) <= Some(c));
        &self.roles[from..to]
    }

    /// Could a role word start with `c`? A cheap test before comparing
    /// every role word at every position of a line.
    pub fn may_start_role(&self, c: char) -> bool {
        // Sorted when built: asked of every character of every short line.
        self.role_firsts.binary_search(&c).is_ok()
    }

    pub fn local_markers(&self) -> &[Marker] {
        &self.local_markers
    }

    pub fn wire_markers(&self) -> &[Marker] {
        &self.wire_markers
    }

    /// The profiles that name a paper (not the generic one).
    fn named(&self) -> impl Iterator<Item = &Profile> {
        self.papers.iter().filter(|p| !p.name.is_empty())
    }

    /// The canonical paper name when `text` is, or starts with, a known name or
    /// alias: `株珠日报·掌上株珠` → `株洲日报`.
    pub fn paper_in(&self, text: &str) -> Option<&str> {
        self.named().find_map(|p| {
            std::iter::once(&p.name)
                .chain(p.aliases.iter())
                .any(|n| text.starts_with(n.as_str()))
                .then_some(p.name.as_str())
        })
    }

    /// True when `line` is exactly a paper's name, alias or Latin name (a masthead line).
    pub fn is_paper_name_line(&self, line: &str) -> bool {
        let line = line.trim();
        self.named().any(|p| {
            p.name == line
                || p.aliases.iter().any(|a| a == line)
                || p.english_name
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(line))
        })
    }

    pub fn is_agency(&self, s: &str) -> bool {
        self.papers
            .iter()
            .any(|p| p.agencies.iter().any(|a| a == s))
    }
}

impl Default for Profiles {
    fn default() -> Self {
        Profiles::builtin()
    }
}

/// Parses one profile, reporting line and column on error.
pub fn parse_profile(name: &str, text: &str) -> Result<Profile, ProfileError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| ProfileError {
            name: name.to_string(),
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profile_resolves_ocr_aliases() {
        let p = Profiles::builtin();
        assert_eq!(p.paper_in("株珠日报·掌上株珠讯"), Some("株洲日报"));
        assert_eq!(p.paper_in("株洲日报记者"), Some("株洲日报"));
        assert_eq!(p.paper_in("湖南日报"), None);
        assert!(p.is_paper_name_line("ZHUZHOU DAILY"));
        assert!(p.is_paper_name_line(" 株洲日报 "));
        assert!(p.is_agency("新华社"));
    }

    #[test]
    fn roles_longest_first() {
        let mut prof = parse_profile(
            "t",
            r#"(name: "测试报", roles: {"记者": reporter, "记者站": correspondent, "特约记者": correspondent})"#,
        )
        .unwrap();
        prof.aliases.clear();
        let p = Profiles::new(vec![prof]);
        // Among the words a character can start, the longest is tried first.
        let words = |c| {
            p.roles_starting(c)
                .iter()
                .map(|(w, _)| w.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(words('记'), ["记者站", "记者"]);
        assert_eq!(words('特'), ["特约记者"]);
        assert!(words('甲').is_empty());
    }

    #[test]
    fn a_bad_profile_names_line_and_column() {
        let err = parse_profile("x.ron", "(\n  name: 3,\n)").unwrap_err();
        assert!(err.to_string().starts_with("x.ron: 2:"), "{err}");
    }
}
