//! The fuzz driver (issue 8): runs generated inputs through one target and prints its figures.
//! `scripts/fuzz.sh` runs it over every target with a million inputs in all; the test suite
//! runs the same targets briefly (`tests/harden/fuzz.rs`). A binary behind the `fuzz` feature,
//! not an example: examples build every dev-dependency (a browser driver, TLS) in release.
//!
//! ```sh
//! cargo run --release --features fuzz --bin fuzz -- TARGET INPUTS [SEED] [FIRST]
//! ```
//!
//! Targets: `bytes` (arbitrary bytes as a document), `utf8` (arbitrary text as a document),
//! `plan` (adversarial plan text), `ask` (questions against an index of `data/`), `damage`
//! (index files damaged, then opened and asked). A failing input is replayed with the same
//! target, seed and input number: each input has its own generator.

#[path = "../tests/fuzzgen/mod.rs"]
mod fuzzgen;

use std::path::PathBuf;
use std::process::ExitCode;

use fuzzgen::{guarded, rng_for, timed, timed_retried, Damaged, Tally};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(target), Some(inputs)) = (args.first(), args.get(1).and_then(|n| n.parse::<u64>().ok())) else {
        eprintln!("usage: fuzz bytes|utf8|plan|ask|damage INPUTS [SEED] [FIRST]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    // Replaying one input: the number of the first input to run.
    let first = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = std::env::var_os("PLANBOT_DATA").map_or_else(|| root.join("data"), PathBuf::from);
    let vocab = fuzzgen::vocabulary(&root.join("data/vocabulary.toml"));
    fuzzgen::silence_panics();
    let started = std::time::Instant::now();
    let mut tally = Tally::default();
    let mut errors = 0u64;
    match target.as_str() {
        "bytes" | "utf8" | "plan" => {
            for n in first..first + inputs {
                let mut rng = rng_for(seed, n);
                let input = match target.as_str() {
                    "bytes" => fuzzgen::bytes(&mut rng),
                    "utf8" => fuzzgen::utf8(&mut rng).into_bytes(),
                    _ => fuzzgen::plan(&mut rng, &vocab).into_bytes(),
                };
                let (outcome, took) = timed_retried(|| guarded(|| fuzzgen::read_document(&input)));
                tally.add(n, outcome, took, || format!("{} bytes", input.len()));
            }
        }
        "ask" => {
            let index = tempfile::tempdir().expect("temp folder");
            let engine = fuzzgen::engine(&data, index.path());
            let lines = fuzzgen::line_counts(&data);
            for n in first..first + inputs {
                let q = fuzzgen::question(&mut rng_for(seed, n), &vocab);
                let (outcome, took) = timed_retried(|| guarded(|| fuzzgen::ask(&engine, &lines, &q)));
                tally.add(n, outcome, took, || q.chars().take(80).collect());
            }
        }
        "damage" => {
            let bench = fuzzgen::DamageBench::new(&data, QUESTIONS);
            for n in first..first + inputs {
                let mut rng = rng_for(seed, n);
                let (outcome, took) = timed(|| {
                    guarded(|| match bench.run(&mut rng)? {
                        Damaged::Same => Ok(()),
                        Damaged::Error(_) => {
                            errors += 1;
                            Ok(())
                        }
                    })
                });
                // A damaged index is rebuilt: that takes seconds, and is not what SLOW is about.
                tally.add(n, outcome, took.min(fuzzgen::SLOW), String::new);
            }
        }
        other => {
            eprintln!("unknown target {other}");
            return ExitCode::from(2);
        }
    }
    println!(
        "target={target} seed={seed} inputs={} panics={} failures={} slowest_ms={:.1} slowest_input={} \
         peak_rss_mb={:.0} seconds={:.0}{}",
        tally.inputs,
        tally.panics,
        tally.failures.len(),
        tally.slowest.as_secs_f64() * 1000.0,
        tally.slowest_input,
        fuzzgen::peak_rss_mb(),
        started.elapsed().as_secs_f64(),
        if target == "damage" { format!(" reported_errors={errors}") } else { String::new() },
    );
    for f in &tally.failures {
        println!("  FAIL {target} seed={seed} {f}");
    }
    if tally.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Questions whose answers a damaged index must give unchanged (or fail loudly).
const QUESTIONS: &[&str] = &[
    "マイナンバーカード交付率の目標は？",
    "図書館の貸出冊数の目標は？",
    "市税の収納率の目標は？",
    "後期基本計画の期間は？",
];
