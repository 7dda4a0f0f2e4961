//! Crash safety (issue 8): `kill -9` at random moments of a build — `planbot index`, and a
//! server building the index it was started on (`planbot serve` on changed data) — then the
//! next start must answer from the documents as they are now, and the index folder must not
//! grow with half-written generations. `PLANBOT_CRASH_ROUNDS` sets the number of kills (10
//! here, 100 in `scripts/crash.sh`), `PLANBOT_CRASH_SEED` the moments.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::fuzzgen::Rng;
use crate::util::{run, TempProject};

const QUESTION: &str = "小諸市の市税現年収納率の目標は？";
const DOCUMENT: &str = "data/plans/003_bd705e7a88c4c15c.txt";
const FIGURES: [&str; 2] = ["98.93%", "99.50%"];

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Bytes under a folder, and how many `gen-` folders it holds.
fn footprint(index: &Path) -> (u64, usize) {
    fn size(p: &Path) -> u64 {
        std::fs::read_dir(p)
            .map(|d| {
                d.flatten()
                    .map(
                        |e| if e.file_type().unwrap().is_dir() { size(&e.path()) } else { e.metadata().unwrap().len() },
                    )
                    .sum()
            })
            .unwrap_or(0)
    }
    let generations = std::fs::read_dir(index)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    (size(index), generations)
}

/// Starts a build in a process of its own: `planbot index` (`--full`: every document read again,
/// otherwise an update of the changed one), or a server that must update first.
fn start_build(p: &TempProject, serve: bool, full: bool) -> std::process::Child {
    let args: &[&str] = match (serve, full) {
        (true, _) => &["serve", "--addr", "127.0.0.1:0"],
        (false, true) => &["index", "--full"],
        (false, false) => &["index"],
    };
    Command::new(env!("CARGO_BIN_EXE_planbot"))
        .args(args)
        .current_dir(&p.root)
        .env_remove("PLANBOT_DATA")
        .env_remove("PLANBOT_INDEX")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn harden_kill_9_during_builds_leaves_an_index_that_answers_and_does_not_grow() {
    let rounds = env_number("PLANBOT_CRASH_ROUNDS", 10);
    let seed = env_number("PLANBOT_CRASH_SEED", 9);
    let mut rng = Rng::new(seed);
    let p = TempProject::with_bundled_data();
    let document = p.root.join(DOCUMENT);
    let index = p.root.join("index");
    // How long a whole build takes here, so that kills land anywhere in it.
    let started = Instant::now();
    let (code, _, err) = run(&p, &["index"]);
    assert_eq!(code, 0, "{err}");
    let build = started.elapsed();
    // And how long an update of the one changed document takes.
    let text = std::fs::read_to_string(&document).unwrap();
    std::fs::write(&document, text.replace(FIGURES[0], FIGURES[1])).unwrap();
    let started = Instant::now();
    let (code, _, err) = run(&p, &["index"]);
    assert_eq!(code, 0, "{err}");
    let update = started.elapsed();
    std::fs::write(&document, text).unwrap();
    let (code, _, err) = run(&p, &["index"]);
    assert_eq!(code, 0, "{err}");
    let (clean_size, _) = footprint(&index);
    let mut worst = (0u64, 0usize);
    // Kills of `planbot index` before it finished, and kills of a server (building or serving).
    let (mut killed_midway, mut servers) = (0, 0);
    for round in 0..rounds {
        // Change the document, so that every build has something new to write.
        let (from, to) = (FIGURES[(round % 2) as usize], FIGURES[(1 - round % 2) as usize]);
        let text = std::fs::read_to_string(&document).unwrap();
        std::fs::write(&document, text.replace(from, to)).unwrap();
        let serve = rng.chance(40);
        let full = rng.chance(50);
        let mut child = start_build(&p, serve, full);
        let span = if full { build } else { update };
        let moment = Duration::from_millis(rng.below(span.as_millis() as usize * 12 / 10 + 1) as u64);
        std::thread::sleep(moment);
        if serve {
            servers += 1;
        } else if child.try_wait().unwrap().is_none() {
            killed_midway += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // The next start answers from the documents as they are now.
        let (code, out, err) = run(&p, &["ask", QUESTION]);
        assert!(
            code == 0 && out.contains(to) && !out.contains(from),
            "round {round} (seed {seed}, {} killed after {moment:?}): exit {code}\n{out}{err}",
            if serve { "serve" } else { "index" }
        );
        let now = footprint(&index);
        worst = (worst.0.max(now.0), worst.1.max(now.1));
    }
    eprintln!(
        "crash safety: {rounds} kills ({killed_midway} of `index` before it finished, {servers} of a server \
         building on start), build {build:?}, update {update:?}, index {} kB clean, at most {} kB and {} generations after a kill",
        clean_size / 1024,
        worst.0 / 1024,
        worst.1
    );
    assert!(killed_midway > 0 || rounds < 3, "no kill landed during a build: {build:?}");
    // A killed build's half generation is removed by the next build: never more than the one in
    // use and one more.
    assert!(worst.1 <= 2, "{} generations left behind", worst.1);
    assert!(worst.0 <= clean_size * 5 / 2, "the index folder grew: {} → {} bytes", clean_size, worst.0);
}
