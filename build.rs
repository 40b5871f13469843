//! Embeds the sample archive (`seeds/`) so that `kanbao` with no path works
//! from any directory, and names the parser's version for the parse cache.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("seeds");
    println!("cargo:rerun-if-changed=seeds");
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("seeds/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".ron"))
        .collect();
    names.sort();
    let mut out = String::from("pub static SAMPLE_FILES: &[(&str, &[u8])] = &[\n");
    for n in &names {
        println!("cargo:rerun-if-changed=seeds/{n}");
        let abs = fs::canonicalize(dir.join(n)).expect("seed path");
        out.push_str(&format!(
            "    (\"seeds/{n}\", include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("sample_files.rs");
    fs::write(dest, out).unwrap();
    parser_hash();
}

/// `KANBAO_PARSER_HASH`: FNV-1a over the source of everything that turns a
/// file into its cached parse (and the locked dependency versions), so
/// that a changed parser never reads an older one's cache (src/index).
fn parser_hash() {
    let mut files: Vec<String> = fs::read_dir("src/parse")
        .expect("src/parse exists")
        .filter_map(|e| e.ok())
        .map(|e| format!("src/parse/{}", e.file_name().to_string_lossy()))
        .collect();
    files.extend(
        [
            "src/decode.rs",
            "src/intake.rs",
            "src/model.rs",
            "src/profile.rs",
            "src/loader/file.rs",
            "src/index/parses.rs",
            "Cargo.lock",
        ]
        .map(String::from),
    );
    files.sort();
    // The folder too: a file added to the parser changes it.
    println!("cargo:rerun-if-changed=src/parse");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        println!("cargo:rerun-if-changed={f}");
        for b in f.bytes().chain(fs::read(f).unwrap_or_default()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=KANBAO_PARSER_HASH={h:016x}");
}
