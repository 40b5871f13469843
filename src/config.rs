//! The user's settings: `config.ron` in kanbao's config directory.
//!
//! The defaults are `assets/config.ron`, embedded in the binary; it shows and
//! explains every setting, so it doubles as the documentation. A user's file
//! sets only what it changes. A file with any mistake (bad syntax, a misspelt
//! setting, a value out of range) is reported in one line with its file, line
//! and column, and kanbao starts with the defaults: never half a config.

use crate::key::Key;
use crate::located::Located;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The default configuration, commented: also what `kanbao` can print for a
/// user to start from.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.ron");

/// The config file's name in the config directory.
pub const CONFIG_FILE_NAME: &str = "config.ron";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Light or dark as the terminal's background is (asked with OSC 11;
    /// dark when the terminal does not say).
    #[serde(alias = "auto")]
    Auto,
    #[serde(alias = "dark")]
    Dark,
    #[serde(alias = "light")]
    Light,
    /// No colour: for `NO_COLOR`, monochrome terminals and screen readers.
    #[serde(alias = "none")]
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The archive opened when none is named; `None`: the embedded sample.
    pub archive: Option<PathBuf>,
    /// Columns taken by East Asian ambiguous-width characters: 1 or 2;
    /// `None` (written `auto`): the reader asks the terminal at start.
    #[serde(with = "ambiguous_setting")]
    pub ambiguous_width: Option<u8>,
    pub theme: Theme,
    /// The widest the reader sets article text, in columns.
    pub max_text_width: u16,
    /// Match headlines by pinyin in the filter.
    pub pinyin: bool,
    /// The reader takes the mouse (wheel, clicks); `false` leaves it to the
    /// terminal, whose own selection then works.
    pub mouse: bool,
    /// Action name (`quit`) → keys (`q`, `ctrl-c`, `shift-tab`, `pgdn`).
    pub keys: BTreeMap<String, Vec<Key>>,
}

impl Default for Config {
    /// The embedded `assets/config.ron`.
    fn default() -> Self {
        static DEFAULT: OnceLock<Config> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                // The asset is part of the program, not input; the test
                // `embedded_defaults_parse` keeps it valid.
                ron::from_str(DEFAULT_CONFIG).expect("assets/config.ron is a valid Config")
            })
            .clone()
    }
}

impl Config {
    /// The theme to draw with: `None` when `no_color` (a non-empty `NO_COLOR`,
    /// see [`no_color_env`]), else the configured one.
    pub fn effective_theme(&self, no_color: bool) -> Theme {
        if no_color { Theme::None } else { self.theme }
    }

    /// The action names kanbao knows: those of the default key map.
    pub fn actions() -> BTreeSet<String> {
        Config::default().keys.into_keys().collect()
    }
}

/// True when the `NO_COLOR` environment variable is set and not empty
/// (<https://no-color.org>).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `$XDG_CONFIG_HOME/kanbao/config.ron` (or the platform's equivalent), or
/// `None` when the system names no home directory.
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kanbao").map(|d| d.config_dir().join(CONFIG_FILE_NAME))
}

/// A mistake in the config file. Displays as one line:
/// `~/.config/kanbao/config.ron:3:14: expected ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the mistake has a place.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl ConfigError {
    /// The place of the mistake in the file named `path`.
    fn at<P: fmt::Display>(&self, path: P) -> Located<P> {
        let (line, column) = self.position.unzip();
        Located::new(path, line, column)
    }

    /// The mistake with the file's name only, for the status line, where a
    /// long path would push the line and column off an 80-column screen.
    pub fn short(&self) -> String {
        let name = self
            .path
            .file_name()
            .map(|n| crate::intake::display_name(&n.to_string_lossy()))
            .unwrap_or_default();
        format!("{}: {}", self.at(name), self.message)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at(tilde(&self.path)), self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Reads the config at `path`. A missing file gives the defaults and no
/// error; a file with any mistake gives the defaults and the error, for the
/// caller to show.
pub fn load_config(path: &Path) -> (Config, Option<ConfigError>) {
    match read_config(path) {
        Ok(config) => (config, None),
        Err(e) => (Config::default(), Some(e)),
    }
}

fn read_config(path: &Path) -> Result<Config, ConfigError> {
    // The message may quote the file (an unknown key's name): cleaned, so
    // that nothing in the file reaches the terminal.
    let error = |position, message: String| ConfigError {
        path: path.to_path_buf(),
        position,
        message: crate::intake::clean(&message),
    };
    // Only a regular file of a sane size: a named pipe would block every
    // command (and the reader before its first frame).
    let bytes = match crate::intake::read_file(path, crate::intake::CONFIG_LIMIT) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => return Ok(Config::default()),
        Err(crate::intake::ReadError::Io(e)) => {
            return Err(error(None, format!("cannot read: {e}")));
        }
        Err(refused) => return Err(error(None, refused.to_string())),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        let line = 1 + valid.matches('\n').count();
        let column = 1 + valid.rsplit('\n').next().map_or(0, |l| l.chars().count());
        error(Some((line, column)), "not valid UTF-8".to_string())
    })?;
    // `archive: "/srv/papers"` reads as it looks: no `Some(…)` needed.
    let file: ConfigFile = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .map_err(|e| {
            error(
                Some((e.span.start.line, e.span.start.col)),
                crate::store::lower_first(&e.code.to_string()),
            )
        })?;
    Ok(file.over(Config::default()))
}

/// What a user's file may say: every setting optional, none unknown. The
/// checks live in the field types, so that a bad value is reported with its
/// line and column.
#[derive(Deserialize)]
#[serde(rename = "Config", deny_unknown_fields)]
struct ConfigFile {
    // `present` keeps "not in the file" (`None`) apart from a value written
    // without RON's `Some(…)`, as in the defaults file.
    #[serde(default, deserialize_with = "present")]
    archive: Option<Option<PathBuf>>,
    #[serde(default, deserialize_with = "present")]
    ambiguous_width: Option<AmbiguousWidth>,
    #[serde(default, deserialize_with = "present")]
    theme: Option<Theme>,
    #[serde(default, deserialize_with = "present")]
    max_text_width: Option<TextWidth>,
    #[serde(default, deserialize_with = "present")]
    pinyin: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    mouse: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    keys: Option<BTreeMap<Action, Vec<Key>>>,
}

/// For a field that is in the file: its value.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

impl ConfigFile {
    fn over(self, mut config: Config) -> Config {
        if let Some(archive) = self.archive {
            config.archive = archive.map(|p| expand_home(&p));
        }
        if let Some(AmbiguousWidth(w)) = self.ambiguous_width {
            config.ambiguous_width = w;
        }
        if let Some(theme) = self.theme {
            config.theme = theme;
        }
        if let Some(TextWidth(w)) = self.max_text_width {
            config.max_text_width = w;
        }
        if let Some(pinyin) = self.pinyin {
            config.pinyin = pinyin;
        }
        if let Some(mouse) = self.mouse {
            config.mouse = mouse;
        }
        for (Action(action), keys) in self.keys.unwrap_or_default() {
            config.keys.insert(action, keys);
        }
        config
    }
}

struct AmbiguousWidth(Option<u8>);

impl<'de> Deserialize<'de> for AmbiguousWidth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ambiguous_setting::deserialize(d).map(AmbiguousWidth)
    }
}

/// `ambiguous_width`: `1`, `2` or `"auto"` (a string: RON reads a bare
/// word as a unit value, which would let any misspelling pass for auto).
mod ambiguous_setting {
    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::Serializer;
    use std::fmt;

    pub fn serialize<S: Serializer>(v: &Option<u8>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(w) => s.serialize_u8(*w),
            None => s.serialize_str("auto"),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
        d.deserialize_any(Setting)
    }

    struct Setting;

    impl<'de> Visitor<'de> for Setting {
        type Value = Option<u8>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("1, 2 or auto")
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<u8>, E> {
            match v {
                1 | 2 => Ok(Some(v as u8)),
                _ => Err(E::custom(format!(
                    "ambiguous_width must be 1, 2 or auto, not {v}"
                ))),
            }
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<u8>, E> {
            self.visit_u64(u64::try_from(v).unwrap_or(0))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<u8>, E> {
            match v {
                "auto" | "Auto" => Ok(None),
                _ => Err(E::custom(format!(
                    "ambiguous_width must be 1, 2 or auto, not {v:?}"
                ))),
            }
        }
    }
}

/// The narrowest `max_text_width` that still sets a readable line of Chinese.
const MIN_TEXT_WIDTH: u16 = 20;

struct TextWidth(u16);

impl<'de> Deserialize<'de> for TextWidth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match u16::deserialize(d)? {
            w if w >= MIN_TEXT_WIDTH => Ok(TextWidth(w)),
            w => Err(de::Error::custom(format!(
                "max_text_width must be at least {MIN_TEXT_WIDTH}, not {w}"
            ))),
        }
    }
}

/// An action name from the default key map.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Action(String);

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        let known = Config::actions();
        if known.contains(&name) {
            Ok(Action(name))
        } else {
            let list: Vec<&str> = known.iter().map(String::as_str).collect();
            Err(de::Error::custom(format!(
                "unknown action {name:?} in keys; actions are: {}",
                list.join(", ")
            )))
        }
    }
}

/// `~/x` → `$HOME/x`: the shell does not expand paths inside a config file.
fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(base)) => base.home_dir().join(rest),
        _ => path.to_path_buf(),
    }
}

/// `$HOME/x` → `~/x`, for shorter messages.
fn tilde(path: &Path) -> String {
    if let Some(base) = directories::BaseDirs::new()
        && let Ok(rest) = path.strip_prefix(base.home_dir())
        && !base.home_dir().as_os_str().is_empty()
    {
        return crate::intake::display_path(&Path::new("~").join(rest));
    }
    crate::intake::display_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(spec: &str) -> Key {
        spec.parse().unwrap()
    }

    fn load_text(text: &str) -> (Config, Option<ConfigError>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(&path, text).unwrap();
        load_config(&path)
    }

    fn error_of(text: &str) -> ConfigError {
        let (config, error) = load_text(text);
        assert_eq!(config, Config::default(), "an error means the defaults");
        error.expect("an error")
    }

    #[test]
    fn embedded_defaults_parse_and_show_every_setting() {
        let c: Config = ron::from_str(DEFAULT_CONFIG).expect("assets/config.ron parses");
        assert_eq!(c, Config::default());
        assert_eq!(c.archive, None);
        assert_eq!(c.ambiguous_width, None, "auto: the terminal is asked");
        assert_eq!(c.theme, Theme::Auto);
        for (text, want) in [("2", Some(2)), ("1", Some(1)), ("\"auto\"", None)] {
            let (c, e) = load_text(&format!("(ambiguous_width: {text})"));
            assert!(e.is_none(), "{text}: {e:?}");
            assert_eq!(c.ambiguous_width, want, "{text}");
        }
        assert_eq!(c.max_text_width, 76);
        assert!(c.pinyin);
        assert!(c.mouse, "the reader takes the mouse unless told not to");
        let (c, e) = load_text("(mouse: false)");
        assert!(e.is_none() && !c.mouse);
        assert_eq!(c.keys["quit"], [key("q")]);
        // The defaults pass the user-file checks too.
        assert_eq!(load_text(DEFAULT_CONFIG), (Config::default(), None));
    }

    #[test]
    fn missing_file_is_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let (c, e) = load_config(&dir.path().join("nope.ron"));
        assert_eq!((c, e), (Config::default(), None));
    }

    #[test]
    fn a_partial_file_changes_only_what_it_says() {
        let (c, e) = load_text(
            "#![enable(implicit_some)]\n(\n  theme: Light,\n  archive: \"/srv/papers\",\n  \
             keys: { \"quit\": [\"ctrl-q\"], \"help\": [] },\n)\n",
        );
        assert_eq!(e, None);
        assert_eq!(c.theme, Theme::Light);
        assert_eq!(c.archive, Some(PathBuf::from("/srv/papers")));
        assert_eq!(c.keys["quit"], [key("ctrl-q")]);
        assert!(c.keys["help"].is_empty());
        assert_eq!(c.keys["down"], Config::default().keys["down"]);
        assert_eq!(c.max_text_width, 76);

        let (c, e) = load_text("(theme: None, archive: Some(\"~/papers\"))");
        assert_eq!(e, None);
        assert_eq!(c.theme, Theme::None);
        assert!(!c.archive.unwrap().starts_with("~"));
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let e = error_of("(\n    theme: Dark,\n    pinyin: yes,\n)\n");
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e}");
        let shown = e.to_string();
        assert!(shown.contains("config.ron:3:"), "{shown}");
        assert!(!shown.contains('\n'), "one line: {shown}");
    }

    #[test]
    fn unknown_settings_are_reported() {
        let e = error_of("(\n  theme: Dark,\n  colour: true,\n)");
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e}");
        assert!(e.message.contains("colour"), "{e}");
    }

    #[test]
    fn out_of_range_values_are_reported_where_they_are() {
        let e = error_of("(\n  ambiguous_width: 3,\n)");
        assert_eq!(e.position.map(|p| p.0), Some(2), "{e}");
        assert!(
            e.message
                .contains("ambiguous_width must be 1, 2 or auto, not 3"),
            "{e}"
        );

        let e = error_of("(max_text_width: 5)");
        assert!(e.message.contains("at least 20"), "{e}");
        let e = error_of("(theme: Blue)");
        assert!(e.to_string().contains(":1:"), "{e}");
    }

    #[test]
    fn bad_keys_and_actions_are_reported() {
        let e = error_of("(keys: {\"qiut\": [\"q\"]})");
        assert!(e.message.contains("unknown action \"qiut\""), "{e}");
        let e = error_of("(keys: {\"quit\": [\"ctrl-\"]})");
        assert!(e.message.contains("\"ctrl-\" is not a key"), "{e}");
    }

    #[test]
    fn no_color_wins_over_the_theme() {
        let c = Config::default();
        assert_eq!(c.effective_theme(false), Theme::Auto);
        assert_eq!(c.effective_theme(true), Theme::None);
    }
}
