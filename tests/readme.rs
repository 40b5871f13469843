//! The README is documentation people act on: its key table must match the
//! keys the reader really has, and the commands it promises must exist.

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The key table as the README shows it, from the keymap itself.
fn key_table() -> String {
    kanbao::tui::Keymap::default()
        .help_lines()
        .into_iter()
        .map(|(keys, help)| {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
            format!("| {} | {help} |\n", keys.join(" "))
        })
        .collect()
}

#[test]
fn readme_lists_every_key() {
    let table = key_table();
    let readme = readme();
    assert!(
        readme.contains(&table),
        "README's key table is out of date; it should read:\n{table}"
    );
}

#[test]
fn readme_starts_with_the_two_commands_ci_runs() {
    let readme = readme();
    let head: String = readme.lines().take(20).collect::<Vec<_>>().join("\n");
    assert!(head.contains("cargo run --release"), "{head}");
    assert!(head.contains("bash .ci/test"), "{head}");
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.contains("bash .ci/test"),
        "CI runs the README's test command"
    );
}
