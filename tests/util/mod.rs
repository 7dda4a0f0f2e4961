//! Helpers for the integration tests: a temp project folder and a way to run the binary in it.

#[allow(dead_code)] // each test binary uses a part of the helpers
pub mod looked_at;
#[allow(dead_code)]
pub mod rng;

use std::path::{Path, PathBuf};
use std::process::Command;

use planbot::ingest::{self, record::Indicator, Body};

/// The repository's bundled `data/`.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// (line, indicator) of every indicator row of one bundled document.
pub fn indicators_of(file: &str) -> Vec<(usize, Indicator)> {
    ingest::ingest_dir(&data_dir())
        .unwrap()
        .records
        .into_iter()
        .filter(|r| r.source.file.ends_with(file))
        .filter_map(|r| match r.body {
            Body::Indicator(i) => Some((r.line, *i)),
            _ => None,
        })
        .collect()
}

/// A temp folder to run `planbot` in, as a user would run it in a checkout.
pub struct TempProject {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl TempProject {
    pub fn empty() -> TempProject {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        TempProject { _dir: dir, root }
    }

    /// A copy of the bundled data, so tests may change it.
    pub fn with_bundled_data() -> TempProject {
        let p = TempProject::empty();
        copy_dir(&data_dir(), &p.root.join("data"));
        p
    }

    /// A project whose folder `dir` holds one plan, `file`, its catalog naming the municipality
    /// and the title.
    pub fn with_plan(dir: &str, file: &str, municipality: &str, title: &str, text: &str) -> TempProject {
        let p = TempProject::empty();
        p.write(
            &format!("{dir}/catalog.toml"),
            &format!("[[document]]\nfile = \"{file}\"\nmunicipality = \"{municipality}\"\ntitle = \"{title}\"\n"),
        );
        p.write(&format!("{dir}/{file}"), text);
        p
    }

    pub fn write(&self, relative: &str, text: &str) {
        self.write_bytes(relative, text.as_bytes());
    }

    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// The generation folder `index/CURRENT` points at.
    pub fn current_generation(&self) -> String {
        std::fs::read_to_string(self.root.join("index/CURRENT")).unwrap().trim().to_string()
    }
}

/// Copies a folder with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs the binary in the project folder: (exit code, stdout, stderr).
pub fn run(p: &TempProject, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_planbot"))
        .args(args)
        .current_dir(&p.root)
        .env_remove("PLANBOT_DATA")
        .env_remove("PLANBOT_INDEX")
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert_ne!(code, 101, "planbot panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Runs the binary with `input` on its standard input.
pub fn run_stdin(p: &TempProject, args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_planbot"))
        .args(args)
        .current_dir(&p.root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // planbot reads only as much of its input as it uses, then may close it: not an error.
    if let Err(e) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert_ne!(code, 101, "planbot panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

pub fn ask(p: &TempProject, q: &str) -> (i32, String, String) {
    run(p, &["ask", q])
}

pub fn ask_json(p: &TempProject, q: &str) -> (i32, serde_json::Value) {
    let (code, out, err) = run(p, &["ask", "--json", q]);
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}")))
}
