//! The fuzz targets of `fuzz/main.rs`, briefly: a few thousand inputs with fixed seeds (set
//! `PLANBOT_FUZZ_SEED` to explore others), so CI runs every target on every change.

use crate::fuzzgen::{self, guarded, rng_for, timed_retried, Damaged, Tally};
use crate::util::data_dir;

fn seed() -> u64 {
    std::env::var("PLANBOT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(8)
}

fn vocab() -> Vec<String> {
    fuzzgen::vocabulary(&data_dir().join("vocabulary.toml"))
}

fn assert_clean(target: &str, tally: &Tally) {
    assert!(
        tally.failures.is_empty(),
        "fuzz target {target} (seed {}): replay with `cargo run --release --features fuzz --bin fuzz -- {target} 1 {} N`\n{}",
        seed(),
        seed(),
        tally.failures.join("\n")
    );
}

fn reader(target: &str, inputs: u64, make: impl Fn(&mut fuzzgen::Rng) -> Vec<u8>) {
    let mut tally = Tally::default();
    for n in 0..inputs {
        let input = make(&mut rng_for(seed(), n));
        let (outcome, took) = timed_retried(|| guarded(|| fuzzgen::read_document(&input)));
        tally.add(n, outcome, took, || format!("{} bytes", input.len()));
    }
    assert_clean(target, &tally);
}

#[test]
fn harden_fuzz_the_reader_with_arbitrary_bytes() {
    reader("bytes", 1_500, fuzzgen::bytes);
}

#[test]
fn harden_fuzz_the_reader_with_arbitrary_text() {
    reader("utf8", 1_500, |rng| fuzzgen::utf8(rng).into_bytes());
}

#[test]
fn harden_fuzz_the_reader_with_adversarial_plans() {
    let vocab = vocab();
    reader("plan", 800, |rng| fuzzgen::plan(rng, &vocab).into_bytes());
}

#[test]
fn harden_fuzz_the_answer_engine_with_hostile_questions() {
    let index = tempfile::tempdir().unwrap();
    let engine = fuzzgen::engine(&data_dir(), index.path());
    let lines = fuzzgen::line_counts(&data_dir());
    let vocab = vocab();
    let mut tally = Tally::default();
    for (n, q) in fuzzgen::HOSTILE.iter().map(|q| q.to_string()).enumerate() {
        let (outcome, took) = timed_retried(|| guarded(|| fuzzgen::ask(&engine, &lines, &q)));
        tally.add(n as u64, outcome, took, || q.clone());
    }
    for n in 0..400 {
        let q = fuzzgen::question(&mut rng_for(seed(), n), &vocab);
        let (outcome, took) = timed_retried(|| guarded(|| fuzzgen::ask(&engine, &lines, &q)));
        tally.add(n, outcome, took, || q.chars().take(80).collect());
    }
    assert_clean("ask", &tally);
}

#[test]
fn harden_fuzz_index_damage_never_panics_nor_answers_silently_wrong() {
    let bench =
        fuzzgen::DamageBench::new(&data_dir(), &["マイナンバーカード交付率の目標は？", "市税の収納率の目標は？"]);
    let mut failures = Vec::new();
    for n in 0..6 {
        let mut rng = rng_for(seed(), n);
        match guarded(|| bench.run(&mut rng).map(|d| assert_ne!(d, Damaged::Error("".into())))) {
            Ok(()) => {}
            Err(f) => failures.push(format!("input {n}: {}", f.what)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
