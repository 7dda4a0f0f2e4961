//! Metamorphic layout tests (issue 7): the same indicator rows, rendered in many layouts that
//! combine independent features (table form, header words from data/vocabulary.toml, years in
//! the header, extra columns, value forms, page noise), must give the same records through the
//! real reader. A pass rate per feature is printed, so the weak features are visible, and no row
//! may get a figure of another row or column: a wrong figure is a wrong answer.
//!
//! `cargo test --test metamorph -- --nocapture` prints the matrix.

mod render;

use std::collections::HashSet;
use std::path::PathBuf;

use planbot::ingest::{self, roles::Vocabulary, Body, Record, Source};
use render::matrix::{self, Outcome, Results};
use render::{Fig, Rendering, Rng, Row, Style, Want, Words, FORMS};
use unicode_normalization::UnicodeNormalization;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn norm(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace() && *c != ',').map(|c| if c == '〜' { '~' } else { c }).collect()
}

/// The role words of data/vocabulary.toml, every synonym. Words that name a year column
/// (基準年度, 目標年度) are left out: a column of figures headed by them is ambiguous even to a
/// careful reader (the year of the figure, or the figure of that year).
fn words() -> Words {
    let text = std::fs::read_to_string(root().join("data/vocabulary.toml")).unwrap();
    let file: toml::Value = toml::from_str(&text).unwrap();
    let list = |table: &str, role: &str| -> Vec<String> {
        file[table][role]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .filter(|w| !w.ends_with("年度"))
            .collect()
    };
    Words {
        name: list("roles", "name"),
        baseline: list("roles", "baseline"),
        target: list("roles", "target"),
        department: list("roles", "department"),
    }
}

/// Indicator rows with a baseline and a target from the expected.toml of the looked-at zoo
/// sets (names and figures as the plans write them), plus generated ones.
fn pool() -> Vec<Row> {
    let units = ["%", "人", "件", "回", "箇所", "施設", "ポイント", "冊", "団体", "千円"];
    let departments = [
        "企画政策課",
        "健康づくり課",
        "子育て支援課",
        "生涯学習課",
        "環境保全課",
        "商工観光課",
        "地域福祉課",
        "財政課",
    ];
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for set in ["layouts", "layouts-heldout", "layouts-heldout2", "layouts-heldout3"] {
        let text = std::fs::read_to_string(root().join("tests/fixtures").join(set).join("expected.toml")).unwrap();
        let file: toml::Value = toml::from_str(&text).unwrap();
        for row in file["indicator"].as_array().unwrap() {
            let (Some(name), Some(target)) = (row["name"].as_str(), row.get("target").and_then(|t| t.as_str())) else {
                continue;
            };
            let baseline = row.get("baseline").and_then(|b| b.as_str());
            let plain = |f: &str| f.chars().all(|c| c.is_ascii_digit() || ",.-~".contains(c));
            // Names that are only a distinctive part of a longer name, or hold a figure, would
            // make the check ambiguous.
            if !plain(target)
                || baseline.is_some_and(|b| !plain(b))
                || name.chars().count() < 4
                || name.chars().any(|c| c.is_ascii_digit())
                || !seen.insert(name.to_string())
            {
                continue;
            }
            let i = rows.len();
            rows.push(Row {
                name: name.to_string(),
                unit: units[i % units.len()].to_string(),
                baseline: baseline.map(|b| Fig { digits: b.to_string() }),
                target: Fig { digits: target.to_string() },
                department: departments[i % departments.len()].to_string(),
            });
        }
    }
    // Generated rows: large figures with commas, decimals, minus baselines, ranges and missing
    // baselines, so each value form meets every layout.
    for i in 0..24 {
        let (baseline, target) = match i % 6 {
            0 => (Some(format!("{},{:03}", 12 + i, 340 + i)), format!("{},{:03}", 15 + i, 500 + i)),
            1 => (Some(format!("{}.{}", 40 + i, i % 10)), format!("{}.0", 60 + i)),
            2 => (Some(format!("-{}", 80 + i)), "0".to_string()),
            3 => (None, format!("{}", 150 + i)),
            4 => (Some(format!("{}", 30 + i)), format!("{}~{}", 45 + i, 50 + i)),
            _ => (Some(format!("{}", 200 + i)), format!("{}", 260 + i)),
        };
        rows.push(Row {
            name: format!(
                "{}の{}",
                ["市民活動", "図書館", "公園", "地域交流", "健康教室", "防災訓練"][i % 6],
                ["参加者数", "利用率", "登録件数", "満足度"][i / 6]
            ),
            unit: units[i % units.len()].to_string(),
            baseline: baseline.map(|digits| Fig { digits }),
            target: Fig { digits: target },
            department: departments[i % departments.len()].to_string(),
        });
    }
    rows
}

/// Three rows whose figures are all different, so a figure read from another row or column
/// is told from the right one.
fn pick_rows(rng: &mut Rng, pool: &[Row], style: &Style) -> Vec<Row> {
    loop {
        let rows: Vec<Row> = (0..3).map(|_| rng.pick(pool).clone()).collect();
        let mut figures: Vec<String> = rows
            .iter()
            .flat_map(|r| r.baseline.iter().chain(std::iter::once(&r.target)).map(|f| norm(&f.digits)))
            .collect();
        let n = figures.len();
        figures.sort();
        figures.dedup();
        let names: HashSet<&String> = rows.iter().map(|r| &r.name).collect();
        let contained = rows.iter().any(|a| rows.iter().any(|b| a.name != b.name && b.name.contains(&a.name)));
        if figures.len() == n && names.len() == 3 && !contained {
            let mut rows = rows;
            if style.unit == "header" {
                let unit = rows[0].unit.clone();
                rows.iter_mut().for_each(|r| r.unit = unit.clone());
            }
            return rows;
        }
    }
}

fn figure(v: &Option<ingest::value::Value>) -> Option<String> {
    // (The rows write the accounting minus, △312, as a minus sign.)
    v.as_ref().and_then(|v| v.signed_figure()).map(|f| norm(&f))
}

fn check(want: &Want, records: &[Record], all_figures: &HashSet<String>) -> (Outcome, String) {
    let indicators: Vec<(&Record, &ingest::record::Indicator)> = records
        .iter()
        .filter_map(|r| match &r.body {
            Body::Indicator(i) => Some((r, i.as_ref())),
            _ => None,
        })
        .collect();
    let name = norm(&want.name);
    let mine: Vec<&(&Record, &ingest::record::Indicator)> =
        indicators.iter().filter(|(_, i)| norm(&i.name).contains(&name)).collect();
    let baseline = want.baseline.as_deref().map(norm);
    let target = Some(norm(&want.target));
    let year = |v: &Option<ingest::value::Value>| v.as_ref().and_then(|v| v.year.as_ref()).map(|y| y.fiscal);
    let shown = |i: &ingest::record::Indicator, r: &Record| {
        format!(
            "{} [{}-{}] {:?}({:?}) → {:?}({:?}) {:?}",
            i.name,
            r.line,
            r.line_end,
            figure(&i.baseline),
            year(&i.baseline),
            figure(&i.target),
            year(&i.target),
            i.departments
        )
    };
    for (r, i) in &mine {
        let good = figure(&i.baseline) == baseline
            && figure(&i.target) == target
            && r.line <= want.line
            && want.line <= r.line_end
            && want.department.as_ref().is_none_or(|d| i.departments.iter().any(|x| x.contains(d.as_str())))
            && (want.baseline_year.is_none() || year(&i.baseline) == want.baseline_year)
            && (want.target_year.is_none() || year(&i.target) == want.target_year);
        if good {
            return (Outcome::Read, String::new());
        }
    }
    // A figure of the record that is not the row's own (another row's, another column's).
    let foreign = |f: Option<String>, own: &Option<String>| {
        f.is_some() && f != *own && f.as_ref().is_some_and(|f| all_figures.contains(f) || f != "0")
    };
    if let Some((r, i)) =
        mine.iter().find(|(_, i)| foreign(figure(&i.baseline), &baseline) || foreign(figure(&i.target), &target))
    {
        return (Outcome::Wrong, shown(i, r));
    }
    let seen = mine.iter().map(|(r, i)| shown(i, r)).collect::<Vec<_>>().join(" | ");
    (Outcome::Missing, seen)
}

/// Records whose name holds none of the rows' names but whose figures are the rows': a row
/// read under another name.
fn strays(wants: &[Want], records: &[Record]) -> Vec<String> {
    let figures: HashSet<String> =
        wants.iter().flat_map(|w| w.baseline.iter().chain(std::iter::once(&w.target)).map(|f| norm(f))).collect();
    records
        .iter()
        .filter_map(|r| match &r.body {
            Body::Indicator(i) => Some(i),
            _ => None,
        })
        .filter(|i| !wants.iter().any(|w| norm(&i.name).contains(&norm(&w.name))))
        .filter(|i| [figure(&i.baseline), figure(&i.target)].iter().flatten().any(|f| figures.contains(f)))
        .map(|i| format!("{} {:?} → {:?}", i.name, figure(&i.baseline), figure(&i.target)))
        .collect()
}

fn run(cases_per_form: usize, first_case: usize) -> Results {
    let vocabulary = Vocabulary::parse(&std::fs::read_to_string(root().join("data/vocabulary.toml")).unwrap()).unwrap();
    let words = words();
    let pool = pool();
    let source = Source {
        file: "plan.txt".into(),
        municipality: None,
        title: "白鷺市 総合計画".into(),
        edition: None,
        period: None,
    };
    let mut results = Results::default();
    for (f, form) in FORMS.iter().enumerate() {
        for case in first_case..first_case + cases_per_form {
            let mut rng = Rng::new((f * 1_000_000 + case) as u64);
            let style = Style::random(&mut rng, form, &words);
            let rows = pick_rows(&mut rng, &pool, &style);
            let Rendering { text, wants, tags } = render::render(&mut rng, &style, &rows);
            let records = ingest::parse_with(&text, &source, &vocabulary);
            let all_figures: HashSet<String> = wants
                .iter()
                .flat_map(|w| w.baseline.iter().chain(std::iter::once(&w.target)).map(|f| norm(f)))
                .collect();
            let stray = strays(&wants, &records);
            results.strays += stray.len();
            if !stray.is_empty() {
                results.failures.push(format!("{form} case {case} strays: {stray:?}\n{text}\n"));
            }
            for want in &wants {
                let (outcome, seen) = check(want, &records, &all_figures);
                results.count(&tags, &outcome);
                if outcome != Outcome::Read {
                    results.failures.push(format!(
                        "{form} case {case} {outcome:?}: {} line {} {:?} → {} dept {:?} years {:?}/{:?}\n    read: {seen}\n{}\n",
                        want.name,
                        want.line,
                        want.baseline,
                        want.target,
                        want.department,
                        want.baseline_year,
                        want.target_year,
                        text.lines().enumerate().map(|(i, l)| format!("    {:>2}| {l}", i + 1)).collect::<Vec<_>>().join("\n")
                    ));
                }
            }
        }
    }
    results
}

#[test]
fn metamorph_layouts_keep_their_rows() {
    let (cases, first) = matrix::cases();
    let results = run(cases, first);
    results.print("rows", "rows read under another name (strays)");
    let t = &results.total;
    // Floors measured on this reader: a layout feature that regresses fails the test.
    results.assert_floors("rows", FLOOR_ALL, FLOOR_FORMS);
    // A figure of another row or column is a wrong answer: none is allowed.
    assert_eq!(t.wrong, 0, "rows got a figure of another row or column");
    assert_eq!(results.strays, 0, "rows read under another name");
}

/// Floors a little under what the reader reads today (99.8 % of 1440 rows; every form 97.5 % or
/// more; arrow-cell read 0 % before the reader split its columns), so a change that loses a
/// layout fails here and shows which.
const FLOOR_ALL: f64 = 98.0;
const FLOOR_FORMS: &[(&str, f64)] = &[
    ("pipe", 97.0),
    ("tab", 97.0),
    // Header words are drawn by rendezvous hashing (`Rng::pick_word`) since 2026-11-22, so that
    // a word added to the vocabulary redraws only the cases it wins (before, every case was
    // redrawn and these two floors failed on the new draw, not on a change of the reader). On
    // that draw spaces reads 96.7 % and cell-per-line 92.5 %, with the vocabulary before and
    // after that day's words alike; over 300 cases a form (PLANBOT_METAMORPH_CASES=300,5000)
    // 96.4 % and 93.3 % → 94.3 % (before → after the words).
    ("spaces", 96.0),
    ("fullwidth-gaps", 97.0),
    ("box", 97.0),
    ("cell-per-line", 92.0),
    ("dump", 95.0),
    ("transposed", 97.0),
    ("labelled", 97.0),
    ("inline", 97.0),
    ("csv", 97.0),
    ("arrow-cell", 97.0),
    // Converter artefacts: before the reader read them html 0 %, wrapped 9.2 %, excel 70.0 %;
    // after, 100 %, 86.7 % (names whose pieces cannot be told apart are left unread) and 94.2 %.
    ("html", 97.0),
    ("wrapped", 85.0),
    ("excel", 92.0),
];

/// A line without its HTML tags and entities.
fn plain(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let skip = match c {
            '<' => rest.find('>').map(|e| e + 1),
            '&' => rest.find(';').filter(|&e| e <= 8).map(|e| e + 1),
            _ => None,
        };
        match skip {
            Some(n) => rest = &rest[n..],
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// The generator itself: each rendering holds every row's name on the line it claims, and its
/// figures, so a failure above is the reader's and not the renderer's.
#[test]
fn metamorph_renderings_hold_what_they_promise() {
    let words = words();
    let pool = pool();
    assert!(pool.len() >= 100, "{} rows in the pool", pool.len());
    for (f, form) in FORMS.iter().enumerate() {
        for case in 0..40 {
            let mut rng = Rng::new((f * 1_000_000 + case) as u64);
            let style = Style::random(&mut rng, form, &words);
            let rows = pick_rows(&mut rng, &pool, &style);
            let r = render::render(&mut rng, &style, &rows);
            let lines: Vec<&str> = r.text.split('\n').collect();
            for w in &r.wants {
                // The line holds the name, or (a name wrapped inside its column, broken by
                // <br>, after an entity) its start.
                let line = norm(&plain(lines[w.line - 1]));
                let start: String = norm(&w.name).chars().take(4).collect();
                assert!(
                    line.contains(&norm(&w.name)) || matches!(*form, "html" | "wrapped") && line.contains(&start),
                    "{form} {case}: line {} is {line}, not {}",
                    w.line,
                    w.name
                );
                let digits = |f: &str| norm(f).trim_start_matches('-').to_string();
                assert!(norm(&r.text).contains(&digits(&w.target)), "{form} {case}: no {}", w.target);
            }
        }
    }
}
