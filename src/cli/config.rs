//! `kanbao config`: where the config file is, or the defaults.

use super::*;

pub(super) fn run(default: bool, path: bool) -> Result<i32, CliError> {
    let mut out = std::io::stdout().lock();
    if default {
        out.write_all(crate::config::DEFAULT_CONFIG.as_bytes())?;
        return Ok(0);
    }
    match crate::config::config_path() {
        Some(p) if path => {
            writeln!(out, "{}", p.display())?;
            Ok(0)
        }
        Some(p) => {
            let (_, error) = crate::config::load_config(&p);
            let state = if !p.exists() {
                "not created yet; `kanbao config --default` prints one to start from".to_string()
            } else if let Some(e) = error {
                format!("has a mistake, defaults are used: {e}")
            } else {
                "read".to_string()
            };
            writeln!(out, "{}\t{state}", p.display())?;
            Ok(0)
        }
        None => Err(CliError::Other("no home directory: no config file".into())),
    }
}
