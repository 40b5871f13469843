//! Embeds the sample archive (`seeds/`) so that `kanbao` with no path works
//! from any directory.
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
}
