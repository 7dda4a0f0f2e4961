//! Metamorphic test of documents: distractors. Real plans carry, next to the figure a question
//! asks for, other figures about the same topic: the previous plan's target and result, a
//! projection (推計, 見込量), national and prefectural averages, budget amounts, statistics of
//! past years in prose, a trial calculation (仮の試算), a subgroup's or a district's figure, the
//! same KPI repeated under another heading. Every question planbot answers right today in the
//! looked-at sets (tests/util/looked_at.rs) is asked again over a copy of its plans into which
//! generated distractor text about the same indicator was written — a sentence, a table or a
//! list item, before or after the true row's block or in another section — and the answer must
//! keep its figure, or honestly say "not found". An answer that misses the figure, or quotes a
//! figure of the distractor, is WRONG: the worst outcome.
//!
//! `cargo test --test distract -- --nocapture` prints the matrix per feature (kind, form, place)
//! and per set. By default a seeded sample is asked (two rounds per set: in each round every
//! document of the set gets one distractor, for one of its questions, and the index is built
//! once); `PLANBOT_DISTRACT_ROUNDS=n` asks n rounds, and `PLANBOT_METAMORPH_SHOW=kind:budget`
//! (a tag, or 1 for all) prints every case that did not keep its answer.

#[allow(dead_code)] // the helpers serve several test binaries
mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use planbot::answer::{Answer, Citation};
use planbot::ingest::Body;
use util::looked_at::{cites_same, holds, norm, sets, Case, Outcome, Set, Tally};
use util::rng::Rng;

/// The zoo's looked-at sets (never layouts-heldout6, which nobody tuning has looked at).
const ZOO: &[&str] =
    &["layouts", "layouts-heldout", "layouts-heldout2", "layouts-heldout3", "layouts-heldout4", "layouts-heldout5"];

/// The kinds of distractor, each a tagged feature.
const KINDS: &[&str] = &["prev-plan", "projection", "national", "budget", "statistics", "trial", "subgroup", "repeat"];
/// How the distractor is written.
const FORMS: &[&str] = &["sentence", "table", "list"];
/// Where it stands: just before the true row's block, just after it, or in a section of its own
/// at the end of the document.
const PLACES: &[&str] = &["before", "after", "elsewhere"];

/// One generated distractor: its lines and the figures it states (none of them the answer).
struct Distractor {
    tags: BTreeSet<String>,
    lines: Vec<String>,
    figures: Vec<String>,
}

/// What a right answer states: its first figure, parsed, with how it is written.
struct Figure {
    value: f64,
    decimals: usize,
    commas: bool,
}

impl Figure {
    fn of(want: &str) -> Option<Figure> {
        let w = norm(want);
        let digits: String = w.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
        if digits.is_empty() || digits != w.trim() {
            return None;
        }
        let value: f64 = digits.replace(',', "").parse().ok()?;
        let decimals = digits.split_once('.').map(|(_, d)| d.len()).unwrap_or(0);
        Some(Figure { value, decimals, commas: digits.contains(',') })
    }

    /// The figure written as the answer's is, times `factor`.
    fn scaled(&self, factor: f64, cap: Option<f64>) -> String {
        let mut v = if self.value == 0.0 { 3.0 * factor } else { self.value * factor };
        if let Some(cap) = cap {
            if v > cap {
                v = self.value * (2.0 - factor).min(0.9);
            }
        }
        let s = format!("{v:.*}", self.decimals);
        if self.commas {
            with_commas(&s)
        } else {
            s
        }
    }
}

fn with_commas(s: &str) -> String {
    let (int, frac) = s.split_once('.').map(|(i, f)| (i, Some(f))).unwrap_or((s, None));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{out}.{f}"),
        None => out,
    }
}

/// The text `figure` stands in as a number of its own (no digit, point or comma touching it),
/// not as a year or a date (令和11年度, R11, 11月).
fn quotes(text: &str, figure: &str) -> bool {
    let text = norm(text);
    let figure = norm(figure);
    text.match_indices(&figure).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        let number = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',');
        let year = before.is_some_and(|c| "和成RrHh".contains(c)) || after.is_some_and(|c| "年月日".contains(c));
        !number(before) && !number(after) && !year
    })
}

/// The indicator (or survey item) a case's answer came from: its name and unit.
fn topic(case: &Case) -> Option<(String, String)> {
    case.hits.iter().find_map(|r| match &r.body {
        Body::Indicator(i) => {
            let unit = i.target.as_ref().or(i.baseline.as_ref()).map(|v| v.unit.clone()).unwrap_or_default();
            Some((i.name.clone(), unit))
        }
        Body::Satisfaction(s) => Some((s.item.clone(), s.value.unit.clone())),
        _ => None,
    })
}

/// Figures near the answer's: `n` of them, none equal to a figure the right answer holds.
fn figures(case: &Case, figure: &Figure, unit: &str, rng: &mut Rng, n: usize) -> Vec<String> {
    const FACTORS: &[f64] = &[0.62, 0.71, 0.83, 0.87, 0.93, 1.07, 1.12, 1.19];
    let cap = (unit == "%" || unit == "％").then_some(100.0);
    let mut out: Vec<String> = Vec::new();
    let mut tries = 0;
    while out.len() < n && tries < 50 {
        tries += 1;
        let f = figure.scaled(FACTORS[rng.below(FACTORS.len())], cap);
        // Not a figure of the right answer, nor of the lines today's answer quoted.
        let quoted = case.cited.iter().map(|c| c.quote.as_str());
        let clash = case
            .wants
            .iter()
            .chain(case.any_of.iter().flatten())
            .map(String::as_str)
            .chain(quoted)
            .any(|w| quotes(w, &f));
        if !clash && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// An amount of money (千円) unlike any figure of the right answer.
fn amount(case: &Case, rng: &mut Rng) -> String {
    loop {
        let a = with_commas(&(1_000 + rng.below(90_000)).to_string());
        if !case.wants.iter().any(|w| quotes(w, &a)) {
            return a;
        }
    }
}

fn pick<'a>(rng: &mut Rng, options: &[&'a str]) -> &'a str {
    options[rng.below(options.len())]
}

/// Fills `{n}` (the indicator's name), `{v}`, `{w}` (distractor figures with the unit), `{a}`,
/// `{b}` (amounts).
fn fill(template: &str, name: &str, v: &str, w: &str, a: &str, b: &str) -> String {
    template.replace("{n}", name).replace("{v}", v).replace("{w}", w).replace("{a}", a).replace("{b}", b)
}

/// The distractor of one kind and form about the case's indicator; None where the case has no
/// indicator or figure to imitate.
fn distractor(case: &Case, kind: &str, form: &str, place: &str, rng: &mut Rng, block: &[String]) -> Option<Distractor> {
    let (name, unit) = topic(case)?;
    let figure = case.wants.iter().find_map(|w| Figure::of(w))?;
    let figs = figures(case, &figure, &unit, rng, 2);
    if figs.len() < 2 {
        return None;
    }
    let (v, w) = (format!("{}{unit}", figs[0]), format!("{}{unit}", figs[1]));
    let (a, b) = (amount(case, rng), amount(case, rng));
    let mut stated = figs.clone();
    let table = |caption: &str, header: &str, rows: &[&str]| -> Vec<String> {
        let cells = header.matches('|').count() - 1;
        let mut t = vec![caption.to_string(), header.to_string(), format!("|{}", "---|".repeat(cells))];
        t.extend(rows.iter().map(|r| r.to_string()));
        t
    };
    let lines: Vec<String> = match (kind, form) {
        ("repeat", _) => {
            stated.clear();
            let mut l = vec!["（再掲）".to_string()];
            l.extend(block.iter().cloned());
            l
        }
        ("prev-plan", "sentence") => vec![pick(
            rng,
            &[
                "前期計画では、{n}の目標値を{v}（令和５年度）としていました。",
                "第８期計画における{n}の目標は{v}でしたが、達成できませんでした。",
                "前回計画の{n}の目標値{v}に対し、令和５年度の実績は{w}でした。",
            ],
        )
        .to_string()],
        ("prev-plan", "table") => table(
            "■前期計画の成果指標の達成状況",
            "| 指標名 | 目標(R5) | 実績(R5) | 評価 |",
            &["| {n} | {v} | {w} | Ｂ |"],
        ),
        ("prev-plan", _) => {
            vec![pick(rng, &["・第８期の目標：{n} {v}（令和５年度）", "○前期計画の目標値　{n}　{v}"]).to_string()]
        }
        ("projection", "sentence") => vec![pick(
            rng,
            &[
                "{n}は、現状のまま推移した場合、令和１２年度には{v}になると推計されます。",
                "国の推計をもとにすると、{n}は令和１７年に{v}となる見込みです。",
            ],
        )
        .to_string()],
        ("projection", "table") => {
            table("■将来推計", "| 区分 | 令和７年度 | 令和１２年度 |", &["| {n}（推計値） | {v} | {w} |"])
        }
        ("projection", _) => {
            vec![pick(rng, &["・{n}の見込量（令和９年度）：{v}", "・推計値　{n}　{v}（令和１２年度）"]).to_string()]
        }
        ("national", "sentence") => vec![pick(
            rng,
            &["全国平均の{n}は{v}（令和４年度）です。", "なお、県全体の{n}は{v}となっており、国の目標は{w}です。"],
        )
        .to_string()],
        ("national", "table") => table("■全国・県との比較", "| 区分 | 全国 | 県 |", &["| {n} | {v} | {w} |"]),
        ("national", _) => vec![pick(rng, &["・（参考）{n}の全国平均：{v}", "・県平均　{n}　{v}"]).to_string()],
        ("budget", "sentence") => {
            stated = vec![a.clone(), b.clone()];
            vec![pick(
                rng,
                &[
                    "{n}の向上に向けて、令和６年度予算に事業費{a}千円を計上しています。",
                    "{n}に関する事業の総事業費は{a}千円（うち一般財源{b}千円）です。",
                ],
            )
            .to_string()]
        }
        ("budget", "table") => {
            stated = vec![a.clone(), b.clone()];
            table("■関連事業費", "| 事業名 | 事業費（千円） | 一般財源（千円） |", &["| {n}向上事業 | {a} | {b} |"])
        }
        ("budget", _) => {
            stated = vec![a.clone()];
            vec![pick(rng, &["・{n}関連事業費　{a}千円", "・事業費（{n}関係）：{a}千円"]).to_string()]
        }
        ("statistics", "sentence") => vec![pick(
            rng,
            &[
                "平成２７年の調査では、{n}は{v}でした。",
                "平成２２年国勢調査によると、当時の{n}は{v}で、平成２７年には{w}となりました。",
            ],
        )
        .to_string()],
        ("statistics", "table") => {
            table("■これまでの推移", "| 区分 | 平成２２年 | 平成２７年 |", &["| {n} | {v} | {w} |"])
        }
        ("statistics", _) => vec![pick(rng, &["・平成２７年　{n}　{v}", "・（平成２２年）{n}：{v}"]).to_string()],
        ("trial", "sentence") => vec![pick(
            rng,
            &[
                "仮の試算として、{n}が{v}となった場合の効果を示します。",
                "試算上、{n}を{v}まで引き上げると、年間約{a}千円の効果が見込まれます。",
            ],
        )
        .to_string()],
        ("trial", "table") => table("■試算（仮）", "| 項目 | 試算値 |", &["| {n} | {v} |"]),
        ("trial", _) => vec![pick(rng, &["・試算：{n} {v}（仮）", "・仮に{n}を{v}とした場合"]).to_string()],
        ("subgroup", "sentence") => vec![pick(
            rng,
            &["このうち女性の{n}は{v}、男性は{w}です。", "地区別にみると、北部地区の{n}は{v}と最も低くなっています。"],
        )
        .to_string()],
        ("subgroup", "table") => {
            table("■地区別の状況", "| 地区 | {n} |", &["| 北部地区 | {v} |", "| 南部地区 | {w} |"])
        }
        ("subgroup", _) => vec![pick(rng, &["・うち６５歳以上：{n} {v}", "・北部地区の{n}　{v}"]).to_string()],
        _ => unreachable!("{kind} {form}"),
    };
    if kind == "trial" && lines.iter().any(|l| l.contains("{a}")) {
        stated.push(a.clone());
    }
    let lines = lines.iter().map(|l| fill(l, &name, &v, &w, &a, &b)).collect();
    let form = if kind == "repeat" { "block" } else { form };
    let place = if kind == "repeat" { "elsewhere" } else { place };
    let tags = [format!("kind:{kind}"), format!("form:{form}"), format!("place:{place}")].into_iter().collect();
    Some(Distractor { tags, lines, figures: stated })
}

/// The lines (0-based, end exclusive) of the blank-line-separated block holding 1-based `line`.
fn block_of(lines: &[String], line: usize, line_end: usize) -> (usize, usize) {
    let at = line.saturating_sub(1).min(lines.len().saturating_sub(1));
    let last = line_end.max(line).saturating_sub(1).min(lines.len().saturating_sub(1));
    let start = (0..=at).rev().find(|&i| lines[i].trim().is_empty()).map(|i| i + 1).unwrap_or(0);
    let end = (last..lines.len()).find(|&i| lines[i].trim().is_empty()).unwrap_or(lines.len());
    (start, end)
}

/// Writes `d` into `text` beside the block of `cited`; returns the new text, the 0-based line
/// before which the distractor went and its number of lines.
fn inject(text: &str, cited: &Citation, d: &Distractor, place: &str) -> (String, usize, usize) {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let (start, end) = block_of(&lines, cited.line, cited.line_end);
    let mut insert = vec![String::new()];
    insert.extend(d.lines.iter().cloned());
    insert.push(String::new());
    let at = match place {
        "before" => start,
        "after" => end,
        _ => {
            insert.splice(0..0, [String::new(), "資料編　関連データ".to_string()]);
            lines.len()
        }
    };
    let n = insert.len();
    lines.splice(at..at, insert);
    (lines.join("\n") + "\n", at, n)
}

fn judge(case: &Case, answer: &Answer, d: &Distractor) -> Outcome {
    if !answer.found {
        return Outcome::NotFound;
    }
    if !holds(case, answer) || d.figures.iter().any(|f| quotes(&answer.answer, f)) {
        return Outcome::Wrong;
    }
    if cites_same(case, answer, 3) {
        Outcome::Same
    } else {
        Outcome::OtherLine
    }
}

#[derive(Default)]
struct Results {
    per_tag: BTreeMap<String, Tally>,
    per_set: BTreeMap<String, Tally>,
    total: Tally,
    questions: usize,
    failures: Vec<(BTreeSet<String>, String)>,
}

/// The file of `set`'s data folder a citation names (citations name files as the index saw them).
fn file_of(set: &Set, cited: &Citation) -> Option<PathBuf> {
    let name = Path::new(&cited.file).file_name()?;
    let mut stack = vec![set.data.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name() == Some(name)
                && cited.file.ends_with(&*p.strip_prefix(&set.data).ok()?.to_string_lossy())
            {
                return Some(p);
            }
        }
    }
    None
}

fn run(rounds: usize) -> Results {
    let sets = sets(ZOO);
    let mut results = Results::default();
    let mut serial = 0usize;
    for (s, set) in sets.iter().enumerate() {
        // The cases that can be distracted, by the document they cite.
        let mut by_file: BTreeMap<PathBuf, Vec<&Case>> = BTreeMap::new();
        for case in &set.cases {
            let Some(cited) = case.cited.first() else { continue };
            if topic(case).is_none() || !case.wants.iter().any(|w| Figure::of(w).is_some()) {
                continue;
            }
            if let Some(file) = file_of(set, cited) {
                by_file.entry(file).or_default().push(case);
            }
        }
        results.questions += by_file.values().map(Vec::len).sum::<usize>();
        for round in 0..rounds {
            let dir = tempfile::tempdir().unwrap();
            let data = dir.path().join("data");
            util::copy_dir(&set.data, &data);
            let mut asked = Vec::new();
            for (d, (file, cases)) in by_file.iter().enumerate() {
                let mut rng = Rng::new((s * 1_000_000 + round * 1_000 + d) as u64);
                let case = cases[(round * 7 + rng.below(cases.len())) % cases.len()];
                let kind = KINDS[serial % KINDS.len()];
                serial += 1;
                let form = FORMS[rng.below(FORMS.len())];
                let place = PLACES[rng.below(PLACES.len())];
                let cited = &case.cited[0];
                let text = std::fs::read_to_string(file).unwrap();
                let lines: Vec<String> = text.lines().map(str::to_string).collect();
                let (start, end) = block_of(&lines, cited.line, cited.line_end);
                let Some(distractor) = distractor(case, kind, form, place, &mut rng, &lines[start..end]) else {
                    continue;
                };
                let place = distractor.tags.iter().find_map(|t| t.strip_prefix("place:")).unwrap().to_string();
                let (text, at, shift) = inject(&text, cited, &distractor, &place);
                let target = data.join(file.strip_prefix(&set.data).unwrap());
                std::fs::write(&target, text).unwrap();
                // Today's citations, in the copy and moved where the distractor pushed them.
                let mut moved = case.clone();
                let (old_dir, new_dir) = (set.data.to_string_lossy(), data.to_string_lossy());
                for c in moved.cited.iter_mut() {
                    if c.file == cited.file && c.line > at {
                        c.line += shift;
                        c.line_end += shift;
                    }
                    c.file = c.file.replacen(old_dir.trim_end_matches('/'), new_dir.trim_end_matches('/'), 1);
                }
                asked.push((moved, distractor));
            }
            let engine = util::looked_at::engine_over(&data);
            for (case, distractor) in asked {
                let a = engine.ask(&case.question);
                let outcome = judge(&case, &a, &distractor);
                for tag in &distractor.tags {
                    results.per_tag.entry(tag.clone()).or_default().add(outcome);
                }
                results.per_set.entry(set.name.clone()).or_default().add(outcome);
                results.total.add(outcome);
                if outcome != Outcome::Same {
                    let tags: Vec<&str> = distractor.tags.iter().map(String::as_str).collect();
                    results.failures.push((
                        distractor.tags.clone(),
                        format!(
                            "{outcome:?} {tags:?} [{} {}] {}\n    want {:?} {:?}; distractor figures {:?}\n    {}\n    got: {}",
                            set.name,
                            case.id,
                            case.question,
                            case.wants,
                            case.any_of,
                            distractor.figures,
                            distractor.lines.join(" / "),
                            a.answer.chars().take(200).collect::<String>()
                        ),
                    ));
                }
            }
        }
    }
    results
}

fn print_matrix(r: &Results) {
    util::looked_at::print_matrix(
        &format!("{} questions answered right today can be distracted; asked with a distractor:", r.questions),
        22,
        &r.per_tag,
        &r.per_set,
        &r.total,
    );
}

#[test]
fn distractors_beside_the_true_row_do_not_change_the_answer() {
    let rounds = std::env::var("PLANBOT_DISTRACT_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(2);
    let results = run(rounds);
    print_matrix(&results);
    if let Some(filter) = std::env::var_os("PLANBOT_METAMORPH_SHOW") {
        let filter = filter.to_string_lossy().to_string();
        for (tags, text) in &results.failures {
            if filter == "1" || tags.contains(&filter) {
                println!("{text}");
            }
        }
    }
    let t = &results.total;
    assert!(t.n >= MIN_ASKED * rounds / 2, "only {} questions asked with a distractor", t.n);
    assert!(
        t.percent(Outcome::Same) >= FLOOR_ALL,
        "{:.1}% kept their answer, floor {FLOOR_ALL}%",
        t.percent(Outcome::Same)
    );
    for kind in KINDS {
        let got = results.per_tag.get(&format!("kind:{kind}")).map(|t| t.percent(Outcome::Same)).unwrap_or(0.0);
        assert!(got >= FLOOR_KIND, "kind:{kind}: {got:.1}% kept their answer, floor {FLOOR_KIND}%");
    }
    assert!(
        t.percent(Outcome::Wrong) <= CEILING_WRONG,
        "{} of {} answers WRONG ({:.1}%), ceiling {CEILING_WRONG}%: run with PLANBOT_METAMORPH_SHOW=1",
        t.get(Outcome::Wrong),
        t.n,
        t.percent(Outcome::Wrong)
    );
}

/// The default sample (two rounds) asks 82 questions; fewer means the sets or the generator lost
/// cases.
const MIN_ASKED: usize = 70;
/// Floors under what planbot keeps today: on the default sample 82 of 82 keep their answer, and
/// 331 of 333 over eight rounds (two say "not found" where the distractor, written between a
/// table and its header-less continuation, broke the true table); before the reader and the
/// answer learnt about series of the past and projections, 77 of 82 (5 WRONG, all past-statistics
/// tables) and 317 of 333 (16 WRONG).
const FLOOR_ALL: f64 = 95.0;
const FLOOR_KIND: f64 = 85.0;
/// A found answer that misses the figure or quotes the distractor's: none today, in the default
/// sample or over eight rounds.
const CEILING_WRONG: f64 = 0.0;

/// The generator itself: figures keep the answer's form and never equal it; a figure is found
/// only as a number of its own.
#[test]
fn distractor_figures_are_near_and_never_the_answer() {
    let f = Figure::of("12,408").unwrap();
    assert_eq!(f.scaled(1.07, None), "13,277");
    assert_eq!(Figure::of("95.0").unwrap().scaled(1.12, Some(100.0)), "83.6");
    assert!(Figure::of("R5").is_none());
    assert!(quotes("目標は87.4%です", "87.4"));
    assert!(!quotes("目標は187.45%です", "87.4"));
    assert!(!quotes("目標値 12件（令和11年度）", "11"));
    assert_eq!(with_commas("1234567.5"), "1,234,567.5");
}
