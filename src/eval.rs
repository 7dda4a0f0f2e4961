//! Runs an eval file (`../shared/eval/dev.jsonl`) through the answer engine and scores it with
//! exactly the rules of the eval set's README (and its `score.py`): answer, cite, both.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::answer::{Answer, Citation, Engine};
use crate::ingest::normalize;

/// One question of an eval file.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    pub question: String,
    pub kind: String,
    #[serde(default)]
    pub must_contain: Vec<String>,
    #[serde(default)]
    pub any_of: Vec<Vec<String>>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub municipality: Option<String>,
}

/// An answer as `score.py` reads it.
#[derive(Debug, Serialize)]
pub struct AnswerRow<'a> {
    pub id: &'a str,
    pub question: &'a str,
    pub found: bool,
    pub answer: &'a str,
    pub citations: &'a [Citation],
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub n: usize,
    pub answer: usize,
    pub cite: usize,
    pub both: usize,
}

pub struct Report {
    /// In-process time of each `ask`, in question order.
    pub latencies: Vec<std::time::Duration>,
    pub per_kind: BTreeMap<String, Tally>,
    pub failures: Vec<(Item, Answer, bool, bool)>,
    pub answers: Vec<(Item, Answer)>,
    /// Answers given with `found: true`, and those of them whose answer is not ok: a wrong
    /// figure stated as the answer misleads more than an honest "not found".
    pub found: usize,
    pub found_wrong: usize,
}

pub fn read_items(path: &Path) -> Result<Vec<Item>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{} を読めません", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}: 評価データの形式が違います", path.display(), i + 1))
        })
        .collect()
}

/// Text as the rules compare it: NFKC, radical letters mapped, all white space removed.
pub fn norm(text: &str) -> String {
    normalize::nfkc(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A cited file's hash and lines, read once.
type CitedFile = (String, Vec<String>);

/// Cited files are read relative to `root`; a citation counts when the file has the same
/// bytes as one of the item's sources, found in `seeds`.
pub struct Checker {
    root: PathBuf,
    seed_hashes: HashMap<String, String>,
    files: std::cell::RefCell<HashMap<PathBuf, Option<CitedFile>>>,
}

impl Checker {
    pub fn new(root: &Path, seeds: &Path) -> Result<Checker> {
        let mut seed_hashes = HashMap::new();
        let entries =
            std::fs::read_dir(seeds).with_context(|| format!("資料のフォルダ {} を読めません", seeds.display()))?;
        for entry in entries.flatten() {
            if entry.path().is_file() {
                let bytes = std::fs::read(entry.path())?;
                seed_hashes.insert(entry.file_name().to_string_lossy().to_string(), sha(&bytes));
            }
        }
        Ok(Checker { root: root.to_path_buf(), seed_hashes, files: Default::default() })
    }

    pub fn answer_ok(&self, item: &Item, answer: &Answer) -> bool {
        if item.kind == "none" {
            return !answer.found;
        }
        let text = norm(&answer.answer);
        answer.found
            && item.must_contain.iter().all(|m| text.contains(&norm(m)))
            && item.any_of.iter().all(|group| group.iter().any(|x| text.contains(&norm(x))))
    }

    pub fn cite_ok(&self, item: &Item, answer: &Answer) -> bool {
        if item.kind == "none" {
            return !answer.found;
        }
        let wanted: Vec<&String> = item.sources.iter().filter_map(|s| self.seed_hashes.get(s)).collect();
        let keys: Vec<String> = if item.must_contain.is_empty() {
            item.any_of.iter().take(1).filter_map(|g| g.first()).map(|k| norm(k)).collect()
        } else {
            item.must_contain.iter().map(|k| norm(k)).collect()
        };
        answer.citations.iter().take(3).any(|c| {
            let Some((hash, text)) = self.window(c) else { return false };
            wanted.contains(&&hash) && (keys.is_empty() || keys.iter().any(|k| text.contains(k.as_str())))
        })
    }

    /// The cited lines, widened by 3 on each side, as normalized text.
    fn window(&self, c: &Citation) -> Option<(String, String)> {
        let path = self.root.join(&c.file);
        let mut files = self.files.borrow_mut();
        let entry = files.entry(path.clone()).or_insert_with(|| {
            let bytes = std::fs::read(&path).ok()?;
            let lines = String::from_utf8_lossy(&bytes).split('\n').map(String::from).collect();
            Some((sha(&bytes), lines))
        });
        let (hash, lines) = entry.as_ref()?;
        let lo = c.line.max(1).saturating_sub(3).max(1);
        let hi = (c.line_end.max(c.line) + 3).min(lines.len());
        let text = norm(&lines.get(lo - 1..hi)?.concat());
        Some((hash.clone(), text))
    }
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Asks every item and scores the answers.
pub fn run(engine: &Engine, items: &[Item], checker: &Checker) -> Report {
    let mut per_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut answers = Vec::new();
    let mut latencies = Vec::new();
    let (mut found, mut found_wrong) = (0, 0);
    // One untimed question first: regexes compile and index files map in on first use.
    if let Some(first) = items.first() {
        engine.ask(&first.question);
    }
    for item in items {
        let started = std::time::Instant::now();
        let answer = engine.ask(&item.question);
        latencies.push(started.elapsed());
        let a = checker.answer_ok(item, &answer);
        let c = checker.cite_ok(item, &answer);
        if answer.found {
            found += 1;
            found_wrong += !a as usize;
        }
        let t = per_kind.entry(item.kind.clone()).or_default();
        t.n += 1;
        t.answer += a as usize;
        t.cite += c as usize;
        t.both += (a && c) as usize;
        if !(a && c) {
            failures.push((item.clone(), answer.clone(), a, c));
        }
        answers.push((item.clone(), answer));
    }
    Report { latencies, per_kind, failures, answers, found, found_wrong }
}

/// The p-th percentile (0–100) of durations, nearest rank.
pub fn percentile(durations: &[std::time::Duration], p: f64) -> std::time::Duration {
    let mut sorted = durations.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return std::time::Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Report {
    /// "ask latency p50 0.41 ms, p99 1.20 ms (60 questions, in-process)".
    pub fn latency_line(&self) -> String {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        format!(
            "ask latency p50 {:.2} ms, p99 {:.2} ms ({} questions, in-process, after one warm-up)",
            ms(percentile(&self.latencies, 50.0)),
            ms(percentile(&self.latencies, 99.0)),
            self.latencies.len()
        )
    }

    pub fn total(&self) -> Tally {
        self.per_kind.values().fold(Tally::default(), |t, k| Tally {
            n: t.n + k.n,
            answer: t.answer + k.answer,
            cite: t.cite + k.cite,
            both: t.both + k.both,
        })
    }

    /// The table score.py prints, its "found but wrong" line and its overall line, character
    /// for character (CI compares the last line with score.py's). Shares are computed as
    /// Python does, `x / n` first and then ×100, so that ties round the same way.
    pub fn table(&self) -> String {
        let pct = |x: usize, n: usize| if n == 0 { 0.0 } else { x as f64 / n as f64 * 100.0 };
        let mut out = String::from("kind          n  answer  cite  both\n");
        for (kind, t) in &self.per_kind {
            out.push_str(&format!(
                "{kind:12} {:3}  {:5.0}% {:4.0}% {:4.0}%\n",
                t.n,
                pct(t.answer, t.n),
                pct(t.cite, t.n),
                pct(t.both, t.n)
            ));
        }
        out.push_str(&self.found_wrong_line());
        out.push('\n');
        let t = self.total();
        let n = t.n.max(1);
        out.push_str(&format!(
            "overall {} questions: answer {:.1}%  cite {:.1}%  both {:.1}%",
            t.n,
            pct(t.answer, n),
            pct(t.cite, n),
            pct(t.both, n)
        ));
        out
    }

    /// "found but wrong: 1 of 50 found answers (2.0%)", as score.py prints it.
    pub fn found_wrong_line(&self) -> String {
        let share = self.found_wrong as f64 / self.found.max(1) as f64 * 100.0;
        format!("found but wrong: {} of {} found answers ({share:.1}%)", self.found_wrong, self.found)
    }

    /// Share of found answers that are wrong, in percent.
    pub fn found_wrong_percent(&self) -> f64 {
        self.found_wrong as f64 / self.found.max(1) as f64 * 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let d: Vec<_> = (1..=100).map(std::time::Duration::from_millis).collect();
        assert_eq!(percentile(&d, 50.0).as_millis(), 50);
        assert_eq!(percentile(&d, 99.0).as_millis(), 99);
        assert_eq!(percentile(&[], 50.0), std::time::Duration::ZERO);
    }

    #[test]
    fn norm_matches_the_rules() {
        assert_eq!(norm("市⺠課 ４７０ 件"), "市民課470件");
        assert_eq!(norm("令 和 ５ 年 度"), "令和5年度");
    }
}
