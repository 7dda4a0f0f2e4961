//! The looked-at sets' questions that planbot answers right today, shared by the metamorphic
//! tests of questions (tests/phrasing.rs) and of documents (tests/distract.rs): dev over data/
//! (when ../shared is there), the zoo's looked-at sets over their own folders, and the paraphrase
//! fixture over data/; with what each right answer must hold and where it cited.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use planbot::answer::synonyms::Synonyms;
use planbot::answer::{Answer, Citation, Engine};
use planbot::eval::{Checker, Item};
use planbot::index::{self, Paths};
use planbot::ingest::Record;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One question answered right today, with what its answer must hold and where it cited.
#[derive(Clone)]
pub struct Case {
    pub id: String,
    pub question: String,
    pub kind: String,
    /// Strings every right answer holds (must_contain, or the paraphrase fixture's string).
    pub wants: Vec<String>,
    /// Groups of which a right answer holds one string each.
    pub any_of: Vec<Vec<String>>,
    /// The first three citations of today's answer.
    pub cited: Vec<Citation>,
    /// The first three records today's answer was made of.
    pub hits: Vec<Record>,
}

/// One looked-at set: its data folder, an engine over it, and its right-answered cases.
pub struct Set {
    pub name: String,
    /// The data folder the set's questions are asked over.
    pub data: PathBuf,
    pub engine: Engine,
    pub municipalities: Vec<String>,
    pub cases: Vec<Case>,
}

pub fn engine_over(data: &Path) -> Engine {
    let dir = tempfile::tempdir().unwrap().keep();
    let (index, _) = index::open(&Paths { data: data.to_path_buf(), index: dir }).unwrap();
    Engine::new(index, Synonyms::load(data).unwrap()).unwrap()
}

pub fn norm(s: &str) -> String {
    planbot::eval::norm(s)
}

pub fn holds(case: &Case, answer: &Answer) -> bool {
    let text = norm(&answer.answer);
    case.wants.iter().all(|w| text.contains(&norm(w)))
        && case.any_of.iter().all(|g| g.iter().any(|x| text.contains(&norm(x))))
}

/// The rewrite's answer cites one of the lines today's answer cited (±3 lines, as score.py
/// widens a citation), among its first `n` citations.
pub fn cites_same(case: &Case, answer: &Answer, n: usize) -> bool {
    answer.citations.iter().take(n).any(|c| {
        case.cited
            .iter()
            .any(|r| r.file == c.file && c.line <= r.line_end.max(r.line) + 3 && r.line <= c.line_end.max(c.line) + 3)
    })
}

pub fn load_set(name: &str, data: &Path, questions: &Path, seeds: &Path) -> Set {
    let engine = engine_over(data);
    let items = planbot::eval::read_items(questions).unwrap();
    let checker = Checker::new(&root(), seeds).unwrap();
    let cases = items
        .iter()
        .filter(|item| item.kind != "none")
        .filter_map(|item| {
            let a = engine.ask(&item.question);
            (checker.answer_ok(item, &a) && checker.cite_ok(item, &a)).then(|| case_of(item, &a))
        })
        .collect();
    let municipalities = municipalities_of(&engine);
    Set { name: name.to_string(), data: data.to_path_buf(), engine, municipalities, cases }
}

pub fn municipalities_of(engine: &Engine) -> Vec<String> {
    let mut m: Vec<String> = engine.index().documents().unwrap().into_iter().filter_map(|d| d.municipality).collect();
    m.sort();
    m.dedup();
    m
}

pub fn case_of(item: &Item, a: &Answer) -> Case {
    Case {
        id: item.id.clone(),
        question: item.question.clone(),
        kind: item.kind.clone(),
        wants: item.must_contain.clone(),
        any_of: item.any_of.clone(),
        cited: a.citations.iter().take(3).cloned().collect(),
        hits: a.hits.iter().take(3).cloned().collect(),
    }
}

/// The looked-at sets: dev over data/ (when ../shared is there), the zoo's sets named in `zoo`
/// (folders of tests/fixtures/) over their own folders, and the paraphrase fixture over data/.
pub fn sets(zoo: &[&str]) -> Vec<Set> {
    let mut sets = Vec::new();
    let shared = root().join("../shared/eval");
    let data_engine = || engine_over(&root().join("data"));
    if shared.join("dev.jsonl").is_file() {
        sets.push(load_set("dev", &root().join("data"), &shared.join("dev.jsonl"), &root().join("../shared/plans")));
    }
    for name in zoo {
        let dir = root().join("tests/fixtures").join(name);
        sets.push(load_set(name, &dir, &dir.join("questions.jsonl"), &dir.join("plans")));
    }
    let engine = data_engine();
    let text = std::fs::read_to_string(root().join("tests/fixtures/paraphrases.tsv")).unwrap();
    let mut cases = Vec::new();
    for (i, line) in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).enumerate() {
        let (q, want) = line.split_once('\t').unwrap();
        if want == "NONE" {
            continue;
        }
        let a = engine.ask(q);
        if a.found && norm(&a.answer).contains(&norm(want)) && !a.citations.is_empty() {
            cases.push(Case {
                id: format!("para-{:03}", i + 1),
                question: q.to_string(),
                kind: String::new(),
                wants: vec![want.to_string()],
                any_of: Vec::new(),
                cited: a.citations.iter().take(3).cloned().collect(),
                hits: a.hits.iter().take(3).cloned().collect(),
            });
        }
    }
    let municipalities = municipalities_of(&engine);
    sets.push(Set { name: "paraphrases".into(), data: root().join("data"), engine, municipalities, cases });
    sets
}

/// What a rewritten question's, or a distracted document's, answer came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Same,
    /// The right figure, cited from another line: not the answer planbot gave before.
    OtherLine,
    NotFound,
    /// Found, and the figure is not in the answer (or a distractor's is): a wrong answer.
    Wrong,
}

/// Outcomes counted for one feature, one set or all.
#[derive(Default)]
pub struct Tally {
    pub n: usize,
    pub by: BTreeMap<Outcome, usize>,
}

impl Tally {
    pub fn get(&self, o: Outcome) -> usize {
        self.by.get(&o).copied().unwrap_or(0)
    }
    pub fn percent(&self, o: Outcome) -> f64 {
        100.0 * self.get(o) as f64 / self.n.max(1) as f64
    }
    pub fn add(&mut self, o: Outcome) {
        self.n += 1;
        *self.by.entry(o).or_default() += 1;
    }
}

/// Prints the pass-rate matrix of a metamorphic test: a row per feature, then per set, then all.
pub fn print_matrix(
    title: &str,
    width: usize,
    per_feature: &BTreeMap<String, Tally>,
    per_set: &BTreeMap<String, Tally>,
    total: &Tally,
) {
    let header = format!(
        "{:<width$} {:>5} {:>6} {:>6} {:>9} {:>6} {:>7}",
        "", "asked", "same", "other", "not found", "WRONG", "same %"
    );
    let row = |name: &str, t: &Tally| {
        println!(
            "{name:<width$} {:>5} {:>6} {:>6} {:>9} {:>6} {:>6.1}%",
            t.n,
            t.get(Outcome::Same),
            t.get(Outcome::OtherLine),
            t.get(Outcome::NotFound),
            t.get(Outcome::Wrong),
            t.percent(Outcome::Same)
        )
    };
    println!("{title}");
    println!("{header}");
    for (f, t) in per_feature {
        row(f, t);
    }
    println!("{header}");
    for (s, t) in per_set {
        row(s, t);
    }
    row("ALL", total);
}
