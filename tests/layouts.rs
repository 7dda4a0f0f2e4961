//! The layout zoo (`tests/fixtures/layouts/`): plans of fictional municipalities written in the
//! layouts Japanese plans use, checked against what a careful reader finds in them
//! (`expected.toml`), and the zoo's questions checked against their sources.
//!
//! The zoo has ten parts with the same shape: the main part; `layouts-heldout/`, a third kept
//! apart so that a reader tuned on the main part can be measured on layouts it was not tuned to;
//! `layouts-heldout2/`, a second held-out set written after the first had been looked at;
//! `layouts-heldout3/`, a third written after the second had been looked at;
//! `layouts-heldout4/`, a fourth written after the third had been looked at; and
//! `layouts-heldout5/`, a fifth written after the fourth had been looked at; and
//! `layouts-heldout6/`, a sixth written after the fifth had been looked at; and
//! `layouts-heldout7/`, a seventh written after the sixth had been looked at; and
//! `layouts-heldout8/`, an eighth written after the seventh had been looked at; and
//! `layouts-heldout9/`, a ninth written after the eighth had been looked at; and
//! `layouts-heldout10/`, a tenth written while the ninth was still unseen; and
//! `layouts-heldout11/`, an eleventh written while the tenth was being looked at; and
//! `layouts-heldout12/` and `layouts-heldout13/`, written together while the eleventh was still
//! unseen. The fifth to thirteenth were kept from whoever tunes the reader or the answer engine
//! until their first figures were recorded. Each test runs on all of them. A failure lists, per
//! document, every row that was missed and what the reader made of that line instead; for the
//! held-out parts it only counts them, unless `PLANBOT_ZOO_SHOW_HELDOUT` is set.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use planbot::ingest::{self, Body, Catalog, Record, Source};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// The main part of the zoo.
fn zoo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts")
}

/// The held-out third.
fn heldout() -> PathBuf {
    zoo().with_file_name("layouts-heldout")
}

/// The second held-out set, written after the first had been looked at.
fn heldout2() -> PathBuf {
    zoo().with_file_name("layouts-heldout2")
}

/// The third held-out set, written after the second had been looked at.
fn heldout3() -> PathBuf {
    zoo().with_file_name("layouts-heldout3")
}

/// The fourth held-out set, written after the third had been looked at.
fn heldout4() -> PathBuf {
    zoo().with_file_name("layouts-heldout4")
}

/// The fifth held-out set, written after the fourth had been looked at.
fn heldout5() -> PathBuf {
    zoo().with_file_name("layouts-heldout5")
}

/// Text as the eval compares it: NFKC, the two CJK radicals NFKC leaves, no white space, and
/// the wave dash of ranges written as NFKC writes the full-width tilde.
fn norm(text: &str) -> String {
    text.nfkc()
        .map(|c| match c {
            '⺠' => '民',
            '⻑' => '長',
            '〜' => '~',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default)]
    indicator: Vec<ExpectedIndicator>,
    #[serde(default)]
    measure: Vec<ExpectedMeasure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedIndicator {
    file: String,
    name: String,
    baseline: Option<String>,
    target: Option<String>,
    line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedMeasure {
    file: String,
    name: String,
    departments: Vec<String>,
    line: usize,
}

fn expected(part: &Path) -> Expected {
    let path = part.join("expected.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The plan files of one part, relative to it ("plans/01_….txt"), in order.
fn plan_files(part: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(part.join("plans"))
        .unwrap()
        .flatten()
        .map(|e| format!("plans/{}", e.file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".txt"))
        .collect();
    files.sort();
    files
}

/// Every document of a part through the reader, as planbot ingests it: file → records.
fn records(part: &Path) -> BTreeMap<String, Vec<Record>> {
    let catalog = Catalog::load(part).unwrap();
    plan_files(part)
        .into_iter()
        .map(|file| {
            let entry =
                catalog.get(&file).unwrap_or_else(|| panic!("{file} is not in {}/catalog.toml", part.display()));
            let source = Source {
                file: file.clone(),
                municipality: entry.municipality.clone(),
                title: entry.title.clone().unwrap_or_default(),
                edition: entry.edition.clone(),
                period: entry.period.clone(),
            };
            let text = std::fs::read_to_string(part.join(&file)).unwrap();
            let found = ingest::parse(&text, &source);
            (file, found)
        })
        .collect()
}

fn covers(r: &Record, line: usize) -> bool {
    r.line <= line && line <= r.line_end
}

fn figure(v: &Option<ingest::value::Value>) -> Option<String> {
    // (The expected rows write the accounting minus, △312, as a minus sign.)
    v.as_ref().and_then(|v| v.signed_figure()).map(|f| norm(&f))
}

/// Whether a value is the expected figure: its figure, or its figure with the multiplier its
/// unit starts with (「8億7,200」 of 8億7,200万円 is written 「8億7,200万」, 「7」 of 7億円 「7億」).
fn same(v: &Option<ingest::value::Value>, expected: &Option<String>) -> bool {
    let multiplied = v.as_ref().and_then(|v| {
        let multiplier = v.unit.chars().next().filter(|c| ['万', '億'].contains(c))?;
        Some(format!("{}{multiplier}", norm(v.figure.as_deref()?)))
    });
    // (Some sets write the accounting minus as the plan does, 「△186」, and zero as 「±0」, or
    // not: the same figures.)
    let canon = |e: &String| match e.strip_prefix(['△', '▲']) {
        Some(rest) => format!("-{rest}"),
        None if e == "±0" => "0".to_string(),
        None => e.clone(),
    };
    let expected = &expected.as_ref().map(canon);
    figure(v).as_ref().map(canon) == *expected || multiplied.is_some() && multiplied == *expected
}

fn shown(figure: &Option<String>) -> &str {
    figure.as_deref().unwrap_or("—")
}

/// Set to list the held-out misses row by row; without it they are only counted, so that whoever
/// tunes the reader on the main part does not see the held-out rows in a test run.
const SHOW_HELDOUT: &str = "PLANBOT_ZOO_SHOW_HELDOUT";

/// Prints the misses per document and fails when there are any.
fn report(part: &Path, what: &str, total: usize, misses: BTreeMap<String, Vec<String>>) {
    let missed: usize = misses.values().map(Vec::len).sum();
    if missed == 0 {
        return;
    }
    // The second, third and fourth held-out sets have been looked at (the fourth after its first
    // figures were recorded, and its rows and measures are now a gate): their misses are listed
    // like the main part's. The first is held out by habit.
    let held_out = part == heldout()
        || part == heldout5()
        || part
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("layouts-heldout"))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n >= 6);
    let detailed = !held_out || std::env::var_os(SHOW_HELDOUT).is_some();
    let mut text = format!("{}: {missed} of {total} {what} missing\n", part.display());
    for (file, lines) in &misses {
        text.push_str(&format!("  {file}: {} missing\n", lines.len()));
        for line in lines.iter().filter(|_| detailed) {
            text.push_str(&format!("    {line}\n"));
        }
    }
    if !detailed {
        text.push_str(&format!("  (held out: rows not listed; {SHOW_HELDOUT}=1 lists them)\n"));
    }
    panic!("{text}");
}

/// Every indicator row of `expected.toml` is extracted: a record covering its line whose name
/// holds the expected name and whose baseline and target figures are the expected ones.
fn indicator_rows_are_read(part: &Path) {
    let expected = expected(part);
    let records = records(part);
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for want in &expected.indicator {
        let found =
            records.get(&want.file).unwrap_or_else(|| panic!("expected.toml names {} that is not there", want.file));
        let (baseline, target) = (want.baseline.as_deref().map(norm), want.target.as_deref().map(norm));
        let on_line: Vec<&ingest::record::Indicator> = found
            .iter()
            .filter(|r| covers(r, want.line))
            .filter_map(|r| match &r.body {
                Body::Indicator(i) => Some(i.as_ref()),
                _ => None,
            })
            .collect();
        let ok = on_line.iter().any(|i| {
            norm(&i.name).contains(&norm(&want.name)) && same(&i.baseline, &baseline) && same(&i.target, &target)
        });
        if ok {
            continue;
        }
        let mut line = format!("line {}: {} {} → {}", want.line, want.name, shown(&baseline), shown(&target));
        if on_line.is_empty() {
            line.push_str("  (no indicator record covers this line)");
        }
        for i in on_line {
            line.push_str(&format!(
                "\n        read instead: {} {} → {}",
                i.name,
                shown(&figure(&i.baseline)),
                shown(&figure(&i.target))
            ));
        }
        misses.entry(want.file.clone()).or_default().push(line);
    }
    report(part, "indicator rows", expected.indicator.len(), misses);
}

/// Every measure of `expected.toml` is extracted with each department the document names.
fn measure_departments_are_read(part: &Path) {
    let expected = expected(part);
    let records = records(part);
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for want in &expected.measure {
        let found =
            records.get(&want.file).unwrap_or_else(|| panic!("expected.toml names {} that is not there", want.file));
        let on_line: Vec<&ingest::record::Measure> = found
            .iter()
            .filter(|r| covers(r, want.line))
            .filter_map(|r| match &r.body {
                Body::Measure(m) => Some(m),
                _ => None,
            })
            .collect();
        let has_all = |m: &ingest::record::Measure| {
            let departments: Vec<String> = m.departments.iter().map(|d| norm(d)).collect();
            want.departments.iter().all(|d| departments.iter().any(|have| have.contains(&norm(d))))
        };
        if on_line.iter().any(|m| norm(&m.name).contains(&norm(&want.name)) && has_all(m)) {
            continue;
        }
        let mut line = format!("line {}: {} ({})", want.line, want.name, want.departments.join("・"));
        if on_line.is_empty() {
            line.push_str("  (no measure record covers this line)");
        }
        for m in on_line {
            line.push_str(&format!("\n        read instead: {} ({})", m.name, m.departments.join("・")));
        }
        misses.entry(want.file.clone()).or_default().push(line);
    }
    report(part, "measures with their departments", expected.measure.len(), misses);
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    id: String,
    question: String,
    kind: String,
    municipality: Option<String>,
    must_contain: Vec<String>,
    any_of: Vec<Vec<String>>,
    sources: Vec<String>,
    #[allow(dead_code)]
    section: String,
    #[allow(dead_code)]
    note: String,
}

const KINDS: &[&str] =
    &["target", "current", "both", "department", "period", "measures", "count", "satisfaction", "compare", "none"];

/// Guards the fixtures against typos: every question is well formed, names sources of its
/// part, and its first expected string stands within the lines a citation may show (the cited
/// line widened by 3 on each side, as `score.py` widens it); every other expected string is
/// somewhere in its sources.
fn questions_match_their_sources(part: &Path) {
    let path = part.join("questions.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let files: HashSet<String> =
        plan_files(part).into_iter().map(|f| f.trim_start_matches("plans/").to_string()).collect();
    let mut ids = HashSet::new();
    let mut problems = Vec::new();
    let mut count = 0;
    for (no, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        count += 1;
        let q: Question = match serde_json::from_str(line) {
            Ok(q) => q,
            Err(e) => {
                problems.push(format!("line {}: {e}", no + 1));
                continue;
            }
        };
        let mut problem = |p: String| problems.push(format!("{}: {p}", q.id));
        if !ids.insert(q.id.clone()) {
            problem("id used twice".into());
        }
        if !KINDS.contains(&q.kind.as_str()) {
            problem(format!("unknown kind {}", q.kind));
        }
        if q.question.trim().is_empty() {
            problem("empty question".into());
        }
        if q.kind == "none" {
            if !q.sources.is_empty() || !q.must_contain.is_empty() {
                problem("a question the plans do not answer has no sources and nothing to contain".into());
            }
            continue;
        }
        if q.kind != "compare" && q.municipality.is_none() {
            problem("no municipality".into());
        }
        let Some(first) = q.must_contain.first().or(q.any_of.first().and_then(|g| g.first())) else {
            problem("nothing to check the answer with".into());
            continue;
        };
        if q.sources.is_empty() {
            problem("no sources".into());
        }
        let mut texts = Vec::new();
        for s in &q.sources {
            if !files.contains(s) {
                problem(format!("source {s} is not in {}", part.join("plans").display()));
                continue;
            }
            texts.push(std::fs::read_to_string(part.join("plans").join(s)).unwrap());
        }
        let first = norm(first);
        let cited = texts.iter().any(|t| {
            let lines: Vec<String> = t.split('\n').map(norm).collect();
            (0..lines.len()).any(|i| lines[i..(i + 7).min(lines.len())].concat().contains(&first))
        });
        if !cited {
            problem(format!("「{first}」 stands on no line of {}", q.sources.join(", ")));
        }
        let whole: String = texts.iter().map(|t| norm(t)).collect();
        for m in q.must_contain.iter().skip(1) {
            if !whole.contains(&norm(m)) {
                problem(format!("「{m}」 is not in its sources"));
            }
        }
        for group in &q.any_of {
            if !group.iter().any(|s| whole.contains(&norm(s))) {
                problem(format!("none of {group:?} is in its sources"));
            }
        }
    }
    assert!(count > 0, "{} has no questions", path.display());
    assert!(problems.is_empty(), "{}:\n  {}", path.display(), problems.join("\n  "));
}

/// The folder is one planbot can read with `--data`: every plan has a catalog entry naming its
/// municipality, and the expected rows point at lines that exist and hold the expected name.
fn fixtures_are_consistent(part: &Path) {
    let catalog = Catalog::load(part).unwrap();
    assert!(catalog.missing_files(part).is_empty(), "catalog names missing files: {:?}", catalog.missing_files(part));
    let mut problems = Vec::new();
    for file in plan_files(part) {
        match catalog.get(&file) {
            Some(e) if e.municipality.is_some() => {}
            _ => problems.push(format!("{file}: no catalog entry with a municipality")),
        }
        let lines = std::fs::read_to_string(part.join(&file)).unwrap().lines().count();
        if !(40..=150).contains(&lines) {
            problems.push(format!("{file}: {lines} lines, not 40–150"));
        }
    }
    let expected = expected(part);
    let rows = expected.indicator.iter().map(|i| (&i.file, &i.name, i.line));
    for (file, name, line) in rows.chain(expected.measure.iter().map(|m| (&m.file, &m.name, m.line))) {
        let text = std::fs::read_to_string(part.join(file)).unwrap_or_default();
        match text.split('\n').nth(line.wrapping_sub(1)) {
            Some(l) if norm(l).contains(&norm(name)) => {}
            _ => problems.push(format!("{file}:{line}: 「{name}」 is not on this line")),
        }
    }
    assert!(problems.is_empty(), "{}:\n  {}", part.display(), problems.join("\n  "));
}

#[test]
fn zoo_fixtures_are_consistent() {
    fixtures_are_consistent(&zoo());
    fixtures_are_consistent(&heldout());
}

#[test]
fn zoo_questions_match_their_sources() {
    questions_match_their_sources(&zoo());
}

#[test]
fn zoo_heldout_questions_match_their_sources() {
    questions_match_their_sources(&heldout());
}

#[test]
fn zoo_indicator_rows_are_read() {
    indicator_rows_are_read(&zoo());
}

#[test]
#[ignore = "held-out third: a measure of generality scored by the lead, not a gate; run with --ignored"]
fn zoo_heldout_indicator_rows_are_read() {
    indicator_rows_are_read(&heldout());
}

#[test]
fn zoo_measure_departments_are_read() {
    measure_departments_are_read(&zoo());
}

#[test]
#[ignore = "held-out third: a measure of generality scored by the lead, not a gate; run with --ignored"]
fn zoo_heldout_measure_departments_are_read() {
    measure_departments_are_read(&heldout());
}

#[test]
fn zoo_heldout2_fixtures_are_consistent() {
    fixtures_are_consistent(&heldout2());
}

#[test]
fn zoo_heldout2_questions_match_their_sources() {
    questions_match_their_sources(&heldout2());
}

/// The second held-out set has been looked at (reader4, issue 7): its rows are a gate now.
#[test]
fn zoo_heldout2_indicator_rows_are_read() {
    indicator_rows_are_read(&heldout2());
}

/// The second held-out set has been looked at (reader4, issue 7): its rows are a gate now.
#[test]
fn zoo_heldout2_measure_departments_are_read() {
    measure_departments_are_read(&heldout2());
}

#[test]
fn zoo_heldout3_fixtures_are_consistent() {
    fixtures_are_consistent(&heldout3());
}

#[test]
fn zoo_heldout3_questions_match_their_sources() {
    questions_match_their_sources(&heldout3());
}

/// The third held-out set has been looked at (reader5, issue 7): its rows are a gate now.
#[test]
fn zoo_heldout3_indicator_rows_are_read() {
    indicator_rows_are_read(&heldout3());
}

/// The third held-out set has been looked at (reader5, issue 7): its rows are a gate now.
#[test]
fn zoo_heldout3_measure_departments_are_read() {
    measure_departments_are_read(&heldout3());
}

#[test]
fn zoo_heldout4_fixtures_are_consistent() {
    fixtures_are_consistent(&heldout4());
}

#[test]
fn zoo_heldout4_questions_match_their_sources() {
    questions_match_their_sources(&heldout4());
}

#[test]
fn zoo_heldout4_indicator_rows_are_read() {
    indicator_rows_are_read(&heldout4());
}

#[test]
fn zoo_heldout4_measure_departments_are_read() {
    measure_departments_are_read(&heldout4());
}

#[test]
fn zoo_heldout5_fixtures_are_consistent() {
    fixtures_are_consistent(&heldout5());
}

#[test]
fn zoo_heldout5_questions_match_their_sources() {
    questions_match_their_sources(&heldout5());
}

#[test]
#[ignore = "fifth held-out set: a measure of generality scored by the lead, not a gate; run with --ignored"]
fn zoo_heldout5_indicator_rows_are_read() {
    indicator_rows_are_read(&heldout5());
}

/// A gate since look5r: the fifth set's layouts (grid and dash-ruled tables, ◎ matrices,
/// 〔所管〕 lines, nested lists, ▶担当：) give every measure with its department.
#[test]
fn zoo_heldout5_measure_departments_are_read() {
    measure_departments_are_read(&heldout5());
}

/// The four tests of a held-out set whose rows are a measure, not a gate: its files agree with
/// its catalog and expected rows, its questions with their sources; its rows and measures are
/// counted by the lead with `--ignored`.
macro_rules! held_out_set {
    ($module:ident, $dir:literal) => {
        mod $module {
            use super::*;

            fn part() -> PathBuf {
                zoo().with_file_name($dir)
            }

            #[test]
            fn fixtures_are_consistent() {
                super::fixtures_are_consistent(&part());
            }

            #[test]
            fn questions_match_their_sources() {
                super::questions_match_their_sources(&part());
            }

            #[test]
            #[ignore = "held-out set: a measure of generality scored by the lead, not a gate; run with --ignored"]
            fn indicator_rows_are_read() {
                super::indicator_rows_are_read(&part());
            }

            #[test]
            #[ignore = "held-out set: a measure of generality scored by the lead, not a gate; run with --ignored"]
            fn measure_departments_are_read() {
                super::measure_departments_are_read(&part());
            }
        }
    };
}

held_out_set!(zoo_heldout6, "layouts-heldout6");
held_out_set!(zoo_heldout7, "layouts-heldout7");
held_out_set!(zoo_heldout8, "layouts-heldout8");
held_out_set!(zoo_heldout9, "layouts-heldout9");
held_out_set!(zoo_heldout10, "layouts-heldout10");
held_out_set!(zoo_heldout11, "layouts-heldout11");
held_out_set!(zoo_heldout12, "layouts-heldout12");
held_out_set!(zoo_heldout13, "layouts-heldout13");
held_out_set!(zoo_heldout14, "layouts-heldout14");
held_out_set!(zoo_heldout15, "layouts-heldout15");
held_out_set!(zoo_heldout16, "layouts-heldout16");
held_out_set!(zoo_heldout17, "layouts-heldout17");
held_out_set!(zoo_heldout18, "layouts-heldout18");
held_out_set!(zoo_heldout19, "layouts-heldout19");
held_out_set!(zoo_heldout20, "layouts-heldout20");
held_out_set!(zoo_heldout21, "layouts-heldout21");
held_out_set!(zoo_heldout22, "layouts-heldout22");
held_out_set!(zoo_heldout23, "layouts-heldout23");
held_out_set!(zoo_heldout24, "layouts-heldout24");
held_out_set!(zoo_heldout25, "layouts-heldout25");
held_out_set!(zoo_heldout26, "layouts-heldout26");
held_out_set!(zoo_heldout27, "layouts-heldout27");
held_out_set!(zoo_heldout28, "layouts-heldout28");
held_out_set!(zoo_heldout29, "layouts-heldout29");
held_out_set!(zoo_heldout30, "layouts-heldout30");
held_out_set!(zoo_heldout31, "layouts-heldout31");
held_out_set!(zoo_heldout32, "layouts-heldout32");
held_out_set!(zoo_heldout33, "layouts-heldout33");
held_out_set!(zoo_heldout34, "layouts-heldout34");
held_out_set!(zoo_heldout35, "layouts-heldout35");
held_out_set!(zoo_heldout36, "layouts-heldout36");
held_out_set!(zoo_heldout37, "layouts-heldout37");
held_out_set!(zoo_heldout38, "layouts-heldout38");
held_out_set!(zoo_heldout39, "layouts-heldout39");
held_out_set!(zoo_heldout40, "layouts-heldout40");
held_out_set!(zoo_heldout41, "layouts-heldout41");
held_out_set!(zoo_heldout42, "layouts-heldout42");
held_out_set!(zoo_heldout43, "layouts-heldout43");
held_out_set!(zoo_heldout44, "layouts-heldout44");
held_out_set!(zoo_heldout45, "layouts-heldout45");
held_out_set!(zoo_heldout46, "layouts-heldout46");
held_out_set!(zoo_heldout47, "layouts-heldout47");
held_out_set!(zoo_heldout48, "layouts-heldout48");
held_out_set!(zoo_heldout49, "layouts-heldout49");
held_out_set!(zoo_heldout50, "layouts-heldout50");
held_out_set!(zoo_heldout51, "layouts-heldout51");
held_out_set!(zoo_heldout52, "layouts-heldout52");
held_out_set!(zoo_heldout53, "layouts-heldout53");
held_out_set!(zoo_heldout54, "layouts-heldout54");
held_out_set!(zoo_heldout55, "layouts-heldout55");
held_out_set!(zoo_heldout56, "layouts-heldout56");
held_out_set!(zoo_heldout57, "layouts-heldout57");
held_out_set!(zoo_heldout58, "layouts-heldout58");
held_out_set!(zoo_heldout59, "layouts-heldout59");
held_out_set!(zoo_heldout60, "layouts-heldout60");
held_out_set!(zoo_heldout61, "layouts-heldout61");
held_out_set!(zoo_heldout62, "layouts-heldout62");
held_out_set!(zoo_heldout63, "layouts-heldout63");
held_out_set!(zoo_heldout64, "layouts-heldout64");
held_out_set!(zoo_heldout65, "layouts-heldout65");
held_out_set!(zoo_heldout66, "layouts-heldout66");
held_out_set!(zoo_heldout67, "layouts-heldout67");
held_out_set!(zoo_heldout68, "layouts-heldout68");
held_out_set!(zoo_heldout69, "layouts-heldout69");
held_out_set!(zoo_heldout70, "layouts-heldout70");

/// `planbot check --strict` (issue 7): every line of data/, of each looked-at part of the zoo and
/// of the public excerpts of real plans (when `../shared` is there) that holds a figure is in a
/// record or listed with a reason, so the command exits 0. Run as a user runs it: the binary,
/// an index folder of its own.
#[test]
fn check_strict_explains_every_figure_line() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut parts = vec![root.join("data"), zoo(), heldout(), heldout2(), heldout3(), heldout4()];
    let real = root.join("../shared/eval/real");
    let copy = tempfile::tempdir().unwrap();
    if real.join("plans").is_dir() {
        // Copied, as the eval does: the index is made beside the data, never inside ../shared.
        let data = copy.path().join("data");
        std::fs::create_dir_all(data.join("plans")).unwrap();
        std::fs::copy(real.join("catalog.toml"), data.join("catalog.toml")).unwrap();
        for entry in std::fs::read_dir(real.join("plans")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, data.join("plans").join(path.file_name().unwrap())).unwrap();
        }
        parts.push(data);
    }
    for part in parts {
        let index = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_planbot"))
            .arg("--data")
            .arg(&part)
            .arg("--index")
            .arg(index.path())
            .args(["check", "--strict"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let open: Vec<&str> = stdout.lines().filter(|l| l.ends_with("要確認")).collect();
        assert!(
            out.status.success() && open.is_empty(),
            "{}: check --strict exited {:?}; lines without a reason:\n{}\n{}",
            part.display(),
            out.status.code(),
            open.join("\n"),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
