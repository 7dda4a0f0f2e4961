//! Reliability of the index and the command line (issue 8): concurrent builds, links and
//! special files under data/, a damaged index, a read-only index, unreadable documents,
//! catalog problems and unbounded input. Each test reproduces a defect through the binary.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use super::fuzzgen::copy_tree;
use super::util::{run, TempProject};

const QUESTION: &str = "備蓄食料の目標は？";
const FACT: &str = "60,000食";

/// The binary, run in the project folder, with a time limit: `None` when it had to be killed.
fn run_limited(p: &TempProject, args: &[&str], stdin: Stdio, limit: Duration) -> Option<(i32, String, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planbot"))
        .args(args)
        .current_dir(&p.root)
        .env_remove("PLANBOT_DATA")
        .env_remove("PLANBOT_INDEX")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes while waiting, so a large output cannot block the child.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
            }
            text
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let code = status.code().unwrap_or(-1);
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    assert_ne!(code, 101, "planbot panicked: {stderr}");
    Some((code, stdout, stderr))
}

// ---------------------------------------------------------------- defect 2: concurrent builds

#[test]
fn reliability_concurrent_asks_and_index_runs_on_an_empty_index_folder_all_succeed() {
    let p = TempProject::with_bundled_data();
    let bin = env!("CARGO_BIN_EXE_planbot");
    let mut failures = Vec::new();
    for round in 0..2 {
        let _ = std::fs::remove_dir_all(p.root.join("index"));
        let jobs: Vec<_> = (0..8)
            .map(|i| {
                let args: Vec<&str> = if i % 4 == 3 { vec!["index"] } else { vec!["ask", QUESTION] };
                let root = p.root.clone();
                std::thread::spawn(move || {
                    let out = Command::new(bin).args(&args).current_dir(root).output().unwrap();
                    (args, out)
                })
            })
            .collect();
        for job in jobs {
            let (args, out) = job.join().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let ok = out.status.code() == Some(0) && (args[0] == "index" || stdout.contains(FACT));
            if !ok {
                failures.push(format!(
                    "round {round} {args:?}: {:?} {stdout} {}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} of 16 failed:\n{}", failures.len(), failures.join("\n"));
    // Only the current generation is left once nobody uses the others.
    let (code, _, _) = run(&p, &["index"]);
    assert_eq!(code, 0);
    let generations: Vec<_> = std::fs::read_dir(p.root.join("index"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .collect();
    assert_eq!(generations.len(), 1, "{generations:?}");
}

// ---------------------------------------------------------------- defect 4: links and special files

#[test]
fn reliability_symlink_loops_fifos_and_device_links_under_data_are_not_followed() {
    let p = TempProject::with_bundled_data();
    let data = p.root.join("data");
    std::os::unix::fs::symlink(".", data.join("self")).unwrap();
    std::os::unix::fs::symlink("..", data.join("plans/up")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", data.join("plans/zero.txt")).unwrap();
    let status = Command::new("mkfifo").arg(data.join("plans/pipe.txt")).status().unwrap();
    assert!(status.success());
    let limit = Duration::from_secs(120);
    let (code, out, err) = run_limited(&p, &["index"], Stdio::null(), limit).expect("index did not finish");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("5 文書"), "{out}");
    for skipped in ["data/self", "plans/up", "zero.txt", "pipe.txt"] {
        assert!(err.contains(skipped), "no warning about {skipped}: {err}");
    }
    let (code, out, err) = run_limited(&p, &["ask", QUESTION], Stdio::null(), limit).expect("ask did not finish");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(FACT), "{out}");
    let (code, out, _) =
        run_limited(&p, &["indicators", "--format", "json"], Stdio::null(), limit).expect("indicators hung");
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 70);
}

// ---------------------------------------------------------------- defect 5: a damaged index

enum Damage {
    Delete,
    Truncate,
    /// Flip the bits of the byte at this share of the file's length.
    Flip(f64),
}

fn damage(path: &Path, how: &Damage) {
    match how {
        Damage::Delete => std::fs::remove_file(path).unwrap(),
        Damage::Truncate => {
            let len = std::fs::metadata(path).unwrap().len();
            let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
            f.set_len(len / 2).unwrap();
        }
        Damage::Flip(at) => {
            let mut bytes = std::fs::read(path).unwrap();
            let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
            bytes[i] ^= 0x01;
            std::fs::write(path, bytes).unwrap();
        }
    }
}

/// The parts of a JSON answer that must not change silently.
fn essence(v: &serde_json::Value) -> String {
    format!("{} | {} | {}", v["found"], v["answer"], v["citations"])
}

#[test]
fn reliability_a_damaged_index_is_detected_and_rebuilt_never_a_panic_or_a_wrong_answer() {
    let p = TempProject::with_bundled_data();
    let questions = [QUESTION, "マイナンバーカード交付率の目標は？"];
    let (code, _, _) = run(&p, &["index"]);
    assert_eq!(code, 0);
    let mut baseline = Vec::new();
    for q in questions {
        let (code, out, err) = run(&p, &["ask", "--json", q]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
        baseline.push((code, essence(&v)));
    }
    let pristine = p.root.join("pristine");
    copy_tree(&p.root.join("index"), &pristine);
    let generation = p.current_generation();
    let mut segment_files: Vec<String> = std::fs::read_dir(pristine.join(&generation))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.len() > 32 && n.as_bytes()[32] == b'.')
        .collect();
    segment_files.sort();
    let of = |ext: &str| segment_files.iter().find(|n| n.ends_with(ext)).unwrap().clone();
    let cases: Vec<(String, Damage)> = vec![
        (of(".pos"), Damage::Delete),
        (of(".fieldnorm"), Damage::Delete),
        (of(".store"), Damage::Delete),
        (of(".idx"), Damage::Truncate),
        (of(".store"), Damage::Truncate),
        (of(".term"), Damage::Truncate),
        (of(".idx"), Damage::Flip(0.5)),
        (of(".idx"), Damage::Flip(0.1)),
        (of(".fast"), Damage::Flip(0.3)),
        (of(".store"), Damage::Flip(0.5)),
        (of(".store"), Damage::Flip(1.0)),
        (of(".term"), Damage::Flip(0.7)),
        (of(".fieldnorm"), Damage::Flip(0.5)),
        ("meta.json".to_string(), Damage::Truncate),
        (".managed.json".to_string(), Damage::Delete),
    ];
    let mut wrong = Vec::new();
    for (i, (file, how)) in cases.iter().enumerate() {
        let index = p.root.join("index");
        std::fs::remove_dir_all(&index).unwrap();
        copy_tree(&pristine, &index);
        damage(&index.join(&generation).join(file), how);
        let q = questions[i % questions.len()];
        let (code, out, err) = run(&p, &["ask", "--json", q]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{file}: {e}: {out}{err}"));
        if (code, essence(&v)) != baseline[i % questions.len()] {
            wrong.push(format!("{file} ({i}): exit {code}, {}\n{err}", essence(&v)));
        }
    }
    // The manifest names the documents: a changed byte there would change a citation.
    let index = p.root.join("index");
    std::fs::remove_dir_all(&index).unwrap();
    copy_tree(&pristine, &index);
    let manifest = index.join(&generation).join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap().replacen("002_ce28", "003_ce28", 1);
    std::fs::write(&manifest, text).unwrap();
    let (code, out, _) = run(&p, &["ask", "--json", questions[0]]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    if (code, essence(&v)) != baseline[0] {
        wrong.push(format!("manifest.json: exit {code}, {}", essence(&v)));
    }
    assert!(wrong.is_empty(), "{} damaged indexes answered differently:\n{}", wrong.len(), wrong.join("\n"));
}

// ---------------------------------------------------------------- defects 6 and 7: permissions

/// Every file under `dir` with its size and modification time.
fn listing(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            out.extend(listing(&entry.path()));
        }
        out.insert(entry.path(), (meta.len(), meta.modified().unwrap()));
    }
    out
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `chmod -R a+rX`, so another user can read the tree.
fn open_up(path: &Path) {
    let meta = std::fs::symlink_metadata(path).unwrap();
    if meta.file_type().is_symlink() {
        return;
    }
    let mode = meta.permissions().mode();
    let extra = if meta.is_dir() || mode & 0o100 != 0 { 0o555 } else { 0o444 };
    chmod(path, mode | extra);
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).unwrap().flatten() {
            open_up(&entry.path());
        }
    }
}

/// A dictionary cache every user can read, shared by the tests that run as another user.
fn shared_dictionary() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("planbot-dict");
    let p = TempProject::with_bundled_data();
    let out = Command::new(env!("CARGO_BIN_EXE_planbot"))
        .args(["ask", QUESTION])
        .current_dir(&p.root)
        .env("PLANBOT_DICT_DIR", &dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    open_up(&dir);
    let mut up = dir.parent();
    while let Some(d) = up {
        if d.as_os_str().len() > 1 {
            let mode = std::fs::metadata(d).unwrap().permissions().mode();
            if mode & 0o005 != 0o005 {
                chmod(d, mode | 0o005);
            }
        }
        up = d.parent();
    }
    dir
}

/// Runs the binary as a user whom permission bits bind: `nobody` when the tests run as root
/// (root reads everything), the current user otherwise. `None` when that is impossible here.
fn run_unprivileged(p: &TempProject, dict: &Path, args: &[&str]) -> Option<(i32, String, String)> {
    let root = unsafe_is_root();
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(env!("CARGO_BIN_EXE_planbot"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_planbot"))
    };
    let out = cmd
        .args(args)
        .current_dir(&p.root)
        .env_remove("PLANBOT_DATA")
        .env_remove("PLANBOT_INDEX")
        .env("PLANBOT_DICT_DIR", dict)
        .env("HOME", &p.root)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if root && stderr.starts_with("setpriv:") {
        eprintln!("skipped: cannot run as another user here: {stderr}");
        return None;
    }
    let code = out.status.code().unwrap_or(-1);
    assert_ne!(code, 101, "planbot panicked: {stderr}");
    Some((code, String::from_utf8_lossy(&out.stdout).into_owned(), stderr))
}

fn unsafe_is_root() -> bool {
    // The owner of a file this process just created is this process's user.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("me");
    std::fs::write(&path, "").unwrap();
    std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(&path).unwrap()) == 0
}

#[test]
fn reliability_an_up_to_date_index_is_asked_without_writing_to_it() {
    let p = TempProject::with_bundled_data();
    let (code, _, _) = run(&p, &["index"]);
    assert_eq!(code, 0);
    let before = listing(&p.root.join("index"));
    let (code, out, err) = run(&p, &["ask", QUESTION]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(before, listing(&p.root.join("index")), "an ask changed the index folder");
}

#[test]
fn reliability_a_read_only_up_to_date_index_answers() {
    let dict = shared_dictionary();
    let p = TempProject::with_bundled_data();
    let out = Command::new(env!("CARGO_BIN_EXE_planbot"))
        .arg("index")
        .current_dir(&p.root)
        .env("PLANBOT_DICT_DIR", &dict)
        .output()
        .unwrap();
    assert!(out.status.success());
    open_up(&p.root);
    let index = p.root.join("index");
    let read_only = |dir: &Path| {
        chmod(dir, 0o555);
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                chmod(&entry.path(), 0o555);
            }
        }
    };
    read_only(&index);
    let Some((code, out, err)) = run_unprivileged(&p, &dict, &["ask", QUESTION]) else { return };
    chmod(&index, 0o755);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(FACT), "{out}");
    // A stale read-only index cannot be rebuilt: the error names the folder.
    p.write("data/plans/new.txt", "新しい文書です。\n");
    open_up(&p.root);
    read_only(&index);
    let Some((code, _, err)) = run_unprivileged(&p, &dict, &["ask", QUESTION]) else { return };
    chmod(&index, 0o755);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("index"), "{err}");
}

#[test]
fn reliability_an_unreadable_document_is_skipped_with_a_warning_everywhere() {
    let dict = shared_dictionary();
    let p = TempProject::with_bundled_data();
    open_up(&p.root);
    for dir in [p.root.clone(), p.root.join("data"), p.root.join("data/plans")] {
        chmod(&dir, 0o777);
    }
    let secret = p.root.join("data/plans/001_unreadable.txt");
    std::fs::write(&secret, "読めない文書です。\n").unwrap();
    chmod(&secret, 0o000);
    for args in [&["ask", QUESTION][..], &["index"], &["indicators"], &["ask", QUESTION]] {
        let Some((code, out, err)) = run_unprivileged(&p, &dict, args) else { return };
        assert_eq!(code, 0, "{args:?}: {out}{err}");
        assert!(err.contains("001_unreadable.txt") && err.contains("警告"), "{args:?}: {err}");
    }
    // An unreadable folder of documents is an error that names it, not an empty index.
    chmod(&p.root.join("data/plans"), 0o000);
    let Some((code, out, err)) = run_unprivileged(&p, &dict, &["index"]) else { return };
    chmod(&p.root.join("data/plans"), 0o777);
    assert_eq!(code, 3, "{out}{err}");
    assert!(err.contains("plans"), "{err}");
}

// ---------------------------------------------------------------- defect 9: catalog problems

#[test]
fn reliability_catalog_problems_are_warned_once_at_build() {
    let p = TempProject::with_bundled_data();
    let catalog = p.root.join("data/catalog.toml");
    let mut text = std::fs::read_to_string(&catalog).unwrap();
    text.push_str(
        "\n[[document]]\nfile = \"plans/002_ce2878ebb8c6f072.txt\"\nmunicipality = \"別の市\"\ntitle = \"重複\"\n\
         \n[[document]]\nfile = \"plans/no_such_plan.txt\"\ntitle = \"ない\"\n\
         \n[[document]]\nfile = \"../outside.txt\"\ntitle = \"外\"\n\
         \n[[document]]\nfile = \"/etc/hostname\"\ntitle = \"外\"\n",
    );
    std::fs::write(&catalog, text).unwrap();
    let (code, out, err) = run(&p, &["ask", "--json", QUESTION]);
    assert_eq!(code, 0, "{out}{err}");
    for name in ["002_ce2878ebb8c6f072.txt", "no_such_plan.txt", "../outside.txt", "/etc/hostname"] {
        assert!(err.contains(name), "no warning about {name}: {err}");
    }
    // The first entry of a file is the one used.
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["citations"][0]["municipality"], "本庄市");
    let (_, _, err) = run(&p, &["ask", QUESTION]);
    assert!(!err.contains("no_such_plan.txt"), "warned again: {err}");
}

// ---------------------------------------------------------------- defect 10: bounded input and output

#[test]
fn reliability_ask_reads_a_bounded_amount_of_standard_input() {
    let p = TempProject::with_bundled_data();
    let (code, _, _) = run(&p, &["index"]);
    assert_eq!(code, 0);
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let (code, _, err) = run_limited(&p, &["ask", "-"], Stdio::from(zero), Duration::from_secs(30))
        .expect("ask - < /dev/zero did not finish");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn reliability_every_field_of_the_json_answer_is_bounded() {
    let p = TempProject::with_bundled_data();
    // One line of 200,000 characters: a passage as long as the line.
    let long = "防災倉庫の点検を毎月行い備蓄品を入れ替えます".repeat(10_000);
    p.write("data/plans/long_line.txt", &format!("{long}\n"));
    let question = format!("防災倉庫の点検{}", "あ".repeat(20_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_planbot"))
        .args(["ask", "--json", "-"])
        .current_dir(&p.root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // planbot stops reading once it has what it uses.
    if let Err(e) = std::io::Write::write_all(&mut child.stdin.take().unwrap(), question.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(v["hits"].as_array().is_some_and(|h| !h.is_empty()), "{stdout}");
    fn longest(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(s) => s.chars().count(),
            serde_json::Value::Array(a) => a.iter().map(longest).max().unwrap_or(0),
            serde_json::Value::Object(o) => o.values().map(longest).max().unwrap_or(0),
            _ => 0,
        }
    }
    assert!(longest(&v) <= 2_000, "a field of {} characters", longest(&v));
    assert!(stdout.len() < 100_000, "{} bytes of JSON", stdout.len());
    assert!(v["question"].as_str().unwrap().chars().count() <= 500);
}
