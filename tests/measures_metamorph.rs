//! Metamorphic measure tests (issue 7): the same measures (施策・事業 with the departments in
//! charge), rendered in the forms plans list them in (tables with any columns in any order,
//! bullets with the department in brackets, on the next line or after a leader, 事業シート
//! blocks, labelled lists) with independent features (numbering, several departments, 〃,
//! page noise and repeated headers), must each be read with their own departments by the real
//! reader. A pass rate per form and feature is printed; no measure may get a department that is
//! not its own: a wrong department is a wrong answer.
//!
//! `cargo test --test measures_metamorph -- --nocapture` prints the matrix.

#[allow(dead_code)]
mod render;

use std::collections::HashSet;
use std::path::PathBuf;

use planbot::ingest::{self, roles::Vocabulary, Body, Record, Source};
use render::matrix::{self, Outcome, Results};
use render::measures::{self as gen, Item, Rendering, Style, Want, Words, FORMS};
use render::Rng;
use unicode_normalization::UnicodeNormalization;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn norm(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// The measure, department and content words of data/vocabulary.toml. 施設類型 and 施設分類 head
/// the columns of a 公共施設 table, whose rows are kinds of facility, not measures.
fn words() -> Words {
    let text = std::fs::read_to_string(root().join("data/vocabulary.toml")).unwrap();
    let file: toml::Value = toml::from_str(&text).unwrap();
    let list = |role: &str| -> Vec<String> {
        file["roles"][role]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .filter(|w| !w.starts_with("施設"))
            .collect()
    };
    Words { measure: list("measure"), department: list("department"), content: list("content") }
}

const NAMES: &[&str] = &[
    "特定健診の受診勧奨",
    "子ども食堂への支援",
    "自主防災組織の育成",
    "空き家バンクの運営",
    "創業支援補助金の交付",
    "図書館の開館時間の延長",
    "地域公共交通の再編",
    "公共施設の長寿命化",
    "介護予防教室の開催",
    "環境学習の推進",
    "通学路の安全点検",
    "防犯灯のＬＥＤ化",
    "ふるさと納税の返礼品開発",
    "移住相談窓口の設置",
    "認知症サポーターの養成",
    "学校給食の地産地消",
    "農地の集積・集約化",
    "道路橋りょうの修繕",
    "行政手続のオンライン化",
    "男女共同参画講座の開催",
    "ごみ分別アプリの配信",
    "市民活動団体への助成",
    "観光案内板の多言語化",
    "消防団員の確保",
    "文化財の保存と活用",
    "障がい者の就労支援",
    "妊婦健康診査の助成",
    "ICTを活用した授業",
];

const DEPARTMENTS: &[&str] = &[
    "健康づくり課",
    "子育て支援課",
    "危機管理室",
    "都市計画課",
    "商工観光課",
    "生涯学習課",
    "地域交通対策室",
    "資産経営課",
    "高齢福祉課",
    "環境保全課",
    "学校教育課",
    "道路維持係",
    "企画政策課",
    "移住定住推進室",
    "保健センター",
    "農林振興課",
    "情報政策課",
    "人権推進課",
    "清掃センター",
    "市民協働推進課",
    "消防本部",
    "文化財保護係",
    "障がい福祉課",
    "都市整備部",
];

const CONTENTS: &[&str] = &[
    "対象者に個別通知を送り、受診を促します。",
    "地域の団体と連携して取り組みます。",
    "計画的に実施し、効果を検証します。",
    "利用者の声を聞きながら見直します。",
];

/// Four measures with different names and departments; with `several`, some have two
/// departments; with a ditto, one has the departments of the one above it.
fn pick_items(rng: &mut Rng, style: &Style) -> Vec<Item> {
    let mut names: Vec<&str> = Vec::new();
    while names.len() < 4 {
        let n = *rng.pick(NAMES);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let mut used: Vec<&str> = Vec::new();
    let mut fresh = |rng: &mut Rng| loop {
        let d = *rng.pick(DEPARTMENTS);
        if !used.contains(&d) {
            used.push(d);
            return d.to_string();
        }
    };
    let mut items: Vec<Item> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let mut departments = vec![fresh(rng)];
        if style.several && rng.chance(50) {
            departments.push(fresh(rng));
        }
        if style.ditto && i == 2 {
            departments = items[1].departments.clone();
        }
        items.push(Item {
            name: name.to_string(),
            departments,
            content: rng.pick(CONTENTS).to_string(),
            cost: format!("{},{:03}", 1 + rng.below(40), rng.below(1000)),
        });
    }
    items
}

fn measures(records: &[Record]) -> Vec<(&Record, &ingest::record::Measure)> {
    records
        .iter()
        .filter_map(|r| match &r.body {
            Body::Measure(m) => Some((r, m)),
            _ => None,
        })
        .collect()
}

fn check(want: &Want, wants: &[Want], records: &[Record]) -> (Outcome, String) {
    let name = norm(&want.name);
    let own: HashSet<String> = want.departments.iter().map(|d| norm(d)).collect();
    let all = measures(records);
    // A record of this measure: its name holds the measure's name and no other measure's.
    let mine: Vec<&(&Record, &ingest::record::Measure)> = all
        .iter()
        .filter(|(_, m)| {
            let n = norm(&m.name);
            n.contains(&name) && !wants.iter().any(|w| w.name != want.name && n.contains(&norm(&w.name)))
        })
        .collect();
    let shown =
        |r: &Record, m: &ingest::record::Measure| format!("{} [{}-{}] {:?}", m.name, r.line, r.line_end, m.departments);
    for (r, m) in &mine {
        let got: HashSet<String> = m.departments.iter().map(|d| norm(d)).collect();
        if got == own && r.line <= want.line && want.line <= r.line_end {
            return (Outcome::Read, String::new());
        }
    }
    if let Some((r, m)) = mine.iter().find(|(_, m)| m.departments.iter().any(|d| !own.contains(&norm(d)))) {
        return (Outcome::Wrong, shown(r, m));
    }
    (Outcome::Missing, mine.iter().map(|(r, m)| shown(r, m)).collect::<Vec<_>>().join(" | "))
}

/// Measure records that name none of the measures (or several) but carry a department of
/// them: a department given to something that is not its measure.
fn strays(wants: &[Want], records: &[Record]) -> Vec<String> {
    let departments: HashSet<String> = wants.iter().flat_map(|w| w.departments.iter().map(|d| norm(d))).collect();
    measures(records)
        .into_iter()
        .filter(|(_, m)| wants.iter().filter(|w| norm(&m.name).contains(&norm(&w.name))).count() != 1)
        .filter(|(_, m)| m.departments.iter().any(|d| departments.contains(&norm(d))))
        .map(|(r, m)| format!("{} [{}] {:?}", m.name, r.line, m.departments))
        .collect()
}

fn run(cases_per_form: usize, first_case: usize) -> Results {
    let vocabulary = Vocabulary::parse(&std::fs::read_to_string(root().join("data/vocabulary.toml")).unwrap()).unwrap();
    let words = words();
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
            let mut rng = Rng::new((f * 1_000_000 + case + 77) as u64);
            let style = Style::random(&mut rng, form, &words);
            let items = pick_items(&mut rng, &style);
            let Rendering { text, wants, tags } = gen::render(&mut rng, &style, &items);
            let records = ingest::parse_with(&text, &source, &vocabulary);
            let numbered = || {
                text.lines().enumerate().map(|(i, l)| format!("    {:>2}| {l}", i + 1)).collect::<Vec<_>>().join("\n")
            };
            let stray = strays(&wants, &records);
            results.strays += stray.len();
            if !stray.is_empty() {
                results.failures.push(format!("{form} case {case} strays: {stray:?}\n{}\n", numbered()));
            }
            for want in &wants {
                let (outcome, seen) = check(want, &wants, &records);
                results.count(&tags, &outcome);
                if outcome != Outcome::Read {
                    results.failures.push(format!(
                        "{form} case {case} {outcome:?}: {} line {} {:?}\n    read: {seen}\n{}\n",
                        want.name,
                        want.line,
                        want.departments,
                        numbered()
                    ));
                }
            }
        }
    }
    results
}

#[test]
fn metamorph_measures_keep_their_departments() {
    let (cases, first) = matrix::cases();
    let results = run(cases, first);
    results.print("items", "departments given to no measure of theirs (strays)");
    let t = &results.total;
    results.assert_floors("measures", FLOOR_ALL, FLOOR_FORMS);
    // A department of another measure is a wrong answer: none is allowed.
    assert_eq!(t.wrong, 0, "measures got a department that is not theirs");
    assert_eq!(results.strays, 0, "departments given to no measure of theirs");
}

/// Floors a little under what the reader reads today (99.8 % of 2080 measures; every form 98.8 %
/// or more, none with a wrong department). Before the reader was made general the first eleven
/// forms read 77.2 % with 44 wrong departments (cell-per-line 36 %, next-line 34 %, csv 44 %),
/// and tags, （再掲） and group columns took it from 99.9 % to 81.6 % again. A change that loses
/// a form fails here and shows which.
const FLOOR_ALL: f64 = 99.0;
const FLOOR_FORMS: &[(&str, f64)] = &[
    ("pipe", 98.0),
    ("tab", 98.0),
    ("spaces", 98.0),
    ("csv", 98.0),
    ("box", 98.0),
    ("cell-per-line", 97.0),
    ("bracket", 98.0),
    ("next-line", 98.0),
    ("leader", 98.0),
    ("inline-label", 98.0),
    ("sheet", 98.0),
    ("listed", 98.0),
    ("dump", 98.0),
    // An HTML export (a row a line, <th>/<td>): 0 % before the reader's html pre-pass, 100 % after.
    ("html", 98.0),
];

/// The generator itself: each rendering holds every measure's name on the line it claims and
/// its departments somewhere, so a failure above is the reader's and not the renderer's.
#[test]
fn metamorph_measure_renderings_hold_what_they_promise() {
    let words = words();
    for (f, form) in FORMS.iter().enumerate() {
        for case in 0..40 {
            let mut rng = Rng::new((f * 1_000_000 + case + 77) as u64);
            let style = Style::random(&mut rng, form, &words);
            let items = pick_items(&mut rng, &style);
            let r = gen::render(&mut rng, &style, &items);
            let lines: Vec<&str> = r.text.split('\n').collect();
            for w in &r.wants {
                let line = norm(lines[w.line - 1]);
                assert!(line.contains(&norm(&w.name)), "{form} {case}: line {} is {line}, not {}", w.line, w.name);
                for d in &w.departments {
                    assert!(norm(&r.text).contains(&norm(d)), "{form} {case}: no {d}");
                }
            }
        }
    }
}
