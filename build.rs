//! Stamps the binary with a hash of the code that decides what an index holds (ingest and the
//! index schema), so an index built by other code is rebuilt instead of misread — without
//! anyone having to remember to bump a version.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

fn main() {
    let mut files: Vec<_> = ["src/ingest", "src/index"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).into_iter().flatten().flatten())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        file.to_string_lossy().hash(&mut hasher);
        std::fs::read(Path::new(file)).unwrap_or_default().hash(&mut hasher);
    }
    // The bundled vocabulary is compiled in and decides what ingest reads.
    println!("cargo:rerun-if-changed=data/vocabulary.toml");
    std::fs::read("data/vocabulary.toml").unwrap_or_default().hash(&mut hasher);
    println!("cargo:rerun-if-changed=src/ingest");
    println!("cargo:rerun-if-changed=src/index");
    println!("cargo:rustc-env=PLANBOT_INDEX_CODE={:016x}", hasher.finish());
}
