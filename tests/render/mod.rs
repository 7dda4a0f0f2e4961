//! Renderers of the metamorphic layout tests: one set of indicator rows written as a short plan
//! section in many layouts, each a combination of independent features (table form, header
//! words and years, extra columns, value forms, noise), with the line where each row's name
//! stands and the tags of the features used, so a pass rate per feature can be printed.

use std::collections::BTreeSet;

/// The pass-rate matrix both metamorphic reader tests count, print and hold against floors.
pub mod matrix;

/// The measure renderers, used by tests/measures_metamorph.rs only.
#[allow(dead_code)]
pub mod measures;

/// A figure as the expected rows give it: the digits (with commas where written, "-86" for
/// the accounting minus, "80~85" for a range), and whether it is missing (―).
#[derive(Debug, Clone)]
pub struct Fig {
    pub digits: String,
}

/// One indicator row to render.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub unit: String,
    pub baseline: Option<Fig>,
    pub target: Fig,
    pub department: String,
}

/// What a rendering promises about one row: where its name stands and what the reader must
/// read (the department only where it is rendered, the years only where they are written).
#[derive(Debug, Clone)]
pub struct Want {
    pub name: String,
    pub line: usize,
    pub baseline: Option<String>,
    pub target: String,
    pub department: Option<String>,
    pub baseline_year: Option<i32>,
    pub target_year: Option<i32>,
}

/// One rendered section.
#[derive(Debug)]
pub struct Rendering {
    pub text: String,
    pub wants: Vec<Want>,
    pub tags: BTreeSet<String>,
}

/// The generator every metamorphic test draws from (tests/util/rng.rs, shared with the tests of
/// the looked-at sets).
#[allow(dead_code)]
#[path = "../util/rng.rs"]
mod rng;
pub use rng::Rng;

/// The header words of each role, from data/vocabulary.toml.
pub struct Words {
    pub name: Vec<String>,
    pub baseline: Vec<String>,
    pub target: Vec<String>,
    pub department: Vec<String>,
}

/// The table forms.
pub const FORMS: &[&str] = &[
    "pipe",
    "tab",
    "spaces",
    "fullwidth-gaps",
    "box",
    "cell-per-line",
    "dump",
    "transposed",
    "labelled",
    "inline",
    "csv",
    "arrow-cell",
    "html",
    "wrapped",
    "excel",
];

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' | '%' | '.' | ',' | '-' | '~' | '(' | ')' | ':' => {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

/// A fiscal year as a header or cell writes it, in one of the common forms.
fn year_text(rng: &mut Rng, fiscal: i32, tags: &mut BTreeSet<String>) -> String {
    let reiwa = fiscal - 2018;
    let heisei = fiscal - 1988;
    let form = rng.below(4);
    tags.insert(format!("year-form:{}", ["R", "令和", "H/平成", "西暦"][form]));
    match form {
        0 if reiwa >= 1 => format!("R{reiwa}"),
        0 => format!("H{heisei}"),
        1 if reiwa == 1 => "令和元年度".to_string(),
        1 if reiwa >= 1 => format!("令和{reiwa}年度"),
        1 => format!("平成{heisei}年度"),
        2 if reiwa >= 1 => format!("令和{reiwa}年度"),
        2 => format!("H{heisei}年度"),
        _ => format!("{fiscal}年度"),
    }
}

/// Every independent choice of one rendering.
#[derive(Clone)]
pub struct Style {
    pub form: &'static str,
    /// "header" (現状値（R4）), "prefix" (令和4年度現状値), "row" (a second header row),
    /// "cell" (45%（R4）), "none".
    pub years: &'static str,
    /// "column", "header" (（％） in the value headers), "cell".
    pub unit: &'static str,
    pub department: bool,
    pub number: bool,
    pub direction: bool,
    pub status: bool,
    pub note_column: bool,
    pub middle: bool,
    pub yearly: bool,
    pub target_first: bool,
    pub split_header: bool,
    pub full_width: bool,
    pub qualifier: bool,
    pub mark: bool,
    pub page_break: bool,
    pub blank_line: bool,
    pub note_under: bool,
    pub heading: bool,
    pub base_year: i32,
    pub target_year: i32,
    pub words: [String; 4],
    pub label_brackets: bool,
}

impl Style {
    pub fn random(rng: &mut Rng, form: &'static str, words: &Words) -> Style {
        let table =
            matches!(form, "pipe" | "tab" | "spaces" | "fullwidth-gaps" | "box" | "csv" | "html" | "wrapped" | "excel");
        Style {
            form,
            // A second header row of years, written one cell per line, run into a dump or
            // between gaps that do not line up, is no longer tied to its column even for a
            // careful reader: those forms date their headers instead.
            years: match *rng.pick(&["header", "prefix", "row", "cell", "none"]) {
                "row" if matches!(form, "cell-per-line" | "dump" | "fullwidth-gaps") => "header",
                years => years,
            },
            unit: ["column", "header", "cell"][rng.below(3)],
            department: rng.chance(60),
            number: table && rng.chance(25),
            direction: table && rng.chance(20),
            status: table && rng.chance(20),
            note_column: table && rng.chance(20),
            middle: table && rng.chance(15),
            yearly: table && rng.chance(15),
            target_first: rng.chance(20),
            // Header words split over two lines only line up where the columns do.
            split_header: table && !matches!(form, "csv" | "excel" | "fullwidth-gaps") && rng.chance(20),
            full_width: rng.chance(50),
            qualifier: rng.chance(30),
            mark: rng.chance(15),
            page_break: rng.chance(20),
            blank_line: rng.chance(20),
            note_under: rng.chance(30),
            heading: rng.chance(60),
            base_year: *rng.pick(&[2018, 2019, 2020, 2021, 2022, 2023]),
            target_year: *rng.pick(&[2025, 2026, 2027, 2028, 2030]),
            words: [
                rng.pick_word(&words.name).clone(),
                rng.pick_word(&words.baseline).clone(),
                rng.pick_word(&words.target).clone(),
                rng.pick_word(&words.department).clone(),
            ],
            label_brackets: rng.chance(50),
        }
    }
}

struct Cells {
    header: Vec<String>,
    /// Years under each header cell, for a second header row ("" where none).
    years: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn value_cell(
    rng: &mut Rng,
    style: &Style,
    fig: &Option<Fig>,
    unit: &str,
    year: Option<&str>,
    qualifier: &str,
) -> String {
    let Some(fig) = fig else { return rng.pick(&["―", "－", "—"]).to_string() };
    let mut digits = fig.digits.clone();
    if let Some(rest) = digits.strip_prefix('-') {
        digits = format!("{}{rest}", rng.pick(&["▲", "△", "－"]));
    }
    let mut text = if style.unit == "cell" { format!("{digits}{unit}") } else { digits };
    text.push_str(qualifier);
    if style.full_width {
        text = full_width(&text);
    }
    if style.mark {
        text.push_str(footnote_mark(style));
    }
    if let Some(year) = year {
        text.push_str(&format!("（{year}）"));
    }
    text
}

/// The footnote mark a converter leaves glued to a figure (「45.2※1」「30件*2」「12.0（注）」), by
/// the years, with no draw of its own, so that the other renderings stay those the floors were
/// set on.
fn footnote_mark(style: &Style) -> &'static str {
    ["※", "※1", "*2", "（注）"][(style.base_year + style.target_year) as usize % 4]
}

/// How one column's cell is written for the i-th row.
type Column<'a> = Box<dyn Fn(&mut Rng, usize, &Row) -> String + 'a>;

/// The cells of a table of the rows, in the style's column order.
fn table_cells(rng: &mut Rng, style: &Style, rows: &[Row], tags: &mut BTreeSet<String>) -> Cells {
    let base_year = year_text(rng, style.base_year, tags);
    let target_year = year_text(rng, style.target_year, tags);
    let unit_header =
        |w: &str| if style.unit == "header" { format!("{w}（{}）", rows[0].unit) } else { w.to_string() };
    let dated = |w: &str, year: &str| match style.years {
        "header" => format!("{w}（{year}）"),
        "prefix" => format!("{year}{w}"),
        _ => w.to_string(),
    };
    let year_row = |year: &str| if style.years == "row" { format!("（{year}）") } else { String::new() };
    let cell_year = |year: &str| (style.years == "cell").then(|| year.to_string());
    let mut header: Vec<(String, String)> = Vec::new();
    let mut columns: Vec<Column<'_>> = Vec::new();
    if style.number {
        tags.insert("extra:No".into());
        header.push(("No.".into(), String::new()));
        columns.push(Box::new(|_, i, _| format!("{}", i + 1)));
    }
    header.push((style.words[0].clone(), String::new()));
    columns.push(Box::new(|_, _, r| r.name.clone()));
    if style.unit == "column" {
        header.push(("単位".into(), String::new()));
        columns.push(Box::new(|_, _, r| r.unit.clone()));
    }
    let qualifier = if style.qualifier { *rng.pick(&["以上", "以下"]) } else { "" };
    let mut values: Vec<(String, String, Column<'_>)> = Vec::new();
    let (by, ty) = (base_year.clone(), target_year.clone());
    values.push((
        unit_header(&dated(&style.words[1], &base_year)),
        year_row(&base_year),
        Box::new(move |rng, _, r| value_cell(rng, style, &r.baseline, &r.unit, cell_year(&by).as_deref(), "")),
    ));
    if style.middle {
        tags.insert("extra:中間値".into());
        values.push((
            unit_header(&format!("中間値（R{}）", style.base_year - 2018 + 2)),
            String::new(),
            Box::new(|rng, i, r| {
                value_cell(rng, style, &Some(Fig { digits: format!("{}", 7 + i * 13) }), &r.unit, None, "")
            }),
        ));
    }
    if style.yearly {
        tags.insert("extra:yearly-columns".into());
        // Years between baseline and target, the last being the target year.
        for (k, step) in [(style.target_year - 2), (style.target_year - 1)].into_iter().enumerate() {
            values.push((
                unit_header(&format!("R{}", step - 2018)),
                String::new(),
                Box::new(move |rng, i, r| {
                    value_cell(rng, style, &Some(Fig { digits: format!("{}", 900 + i * 10 + k) }), &r.unit, None, "")
                }),
            ));
        }
        // Half of them (by the base year, with no draw of its own, so that the other renderings
        // stay those the floors were set on) leave the last year unmarked: the last year of a
        // series after the baseline is the target all the same.
        let unmarked = style.base_year % 2 == 0;
        if unmarked {
            tags.insert("extra:yearly-unmarked".into());
        }
        values.push((
            unit_header(&format!("R{}{}", style.target_year - 2018, if unmarked { "" } else { "（目標）" })),
            String::new(),
            Box::new(move |rng, _, r| value_cell(rng, style, &Some(r.target.clone()), &r.unit, None, qualifier)),
        ));
    } else {
        values.push((
            unit_header(&dated(&style.words[2], &target_year)),
            year_row(&target_year),
            Box::new(move |rng, _, r| {
                value_cell(rng, style, &Some(r.target.clone()), &r.unit, cell_year(&ty).as_deref(), qualifier)
            }),
        ));
    }
    if style.target_first && !style.yearly && !style.middle {
        tags.insert("order:target-first".into());
        values.reverse();
    }
    let mut years_row: Vec<String> = header.iter().map(|h| h.1.clone()).collect();
    for (h, y, f) in values {
        header.push((h, String::new()));
        years_row.push(y);
        columns.push(f);
    }
    if style.direction {
        tags.insert("extra:方向性".into());
        header.push(("方向性".into(), String::new()));
        years_row.push(String::new());
        columns.push(Box::new(|rng, _, _| rng.pick(&["↗", "↘", "→"]).to_string()));
    }
    if style.status {
        tags.insert("extra:達成状況".into());
        header.push(("達成状況".into(), String::new()));
        years_row.push(String::new());
        columns.push(Box::new(|rng, _, _| rng.pick(&["○", "△", "◎"]).to_string()));
    }
    if style.department {
        header.push((style.words[3].clone(), String::new()));
        years_row.push(String::new());
        columns.push(Box::new(|_, _, r| r.department.clone()));
    }
    if style.note_column {
        tags.insert("extra:備考".into());
        header.push(("備考".into(), String::new()));
        years_row.push(String::new());
        columns.push(Box::new(|rng, _, _| rng.pick(&["市民アンケート", "住民基本台帳", "業務統計"]).to_string()));
    }
    let rows = rows.iter().enumerate().map(|(i, r)| columns.iter().map(|f| f(rng, i, r)).collect()).collect();
    Cells { header: header.into_iter().map(|h| h.0).collect(), years: years_row, rows }
}

/// Display width: two for wide characters.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Splits each header word in two lines (「現状」 over 「値」), as narrow columns do.
fn split_words(header: &[String]) -> (Vec<String>, Vec<String>) {
    header
        .iter()
        .map(|h| {
            let chars: Vec<char> = h.chars().collect();
            // Narrow columns wrap between letters, never inside a number (「R1」 over 「0」).
            if chars.len() >= 3 && !h.contains(|c: char| c.is_ascii_digit()) {
                let at = chars.len().div_ceil(2);
                (chars[..at].iter().collect(), chars[at..].iter().collect())
            } else {
                (h.clone(), String::new())
            }
        })
        .unzip()
}

const HEADINGS: &[&str] = &[
    "第２章　施策の展開",
    "施策１－２　地域の活力づくり",
    "（１）成果指標",
    "■　数値目標",
    "①　目標とする指標",
    "【成果指標】",
    "## 基本目標３　健康で安心なまち",
    "１－２－３　子育て支援の充実",
    "ア　指標",
];

const NOTES: &[&str] =
    &["（注）現状値は令和４年度の実績です。", "※市民アンケート調査による。", "注：目標値は計画最終年度の値です。"];

const PAGE_NOISE: &[&str] = &["－１２－", "― 34 ―", "白鷺市総合計画", "- 5 -"];

/// Renders the rows in the style; lines are numbered from 1.
pub fn render(rng: &mut Rng, style: &Style, rows: &[Row]) -> Rendering {
    let mut tags = BTreeSet::new();
    tags.insert(format!("form:{}", style.form));
    // Converters merge a department the same as the row above's (an HTML rowspan, a blank cell
    // of a spreadsheet export): the second row gets the first one's department.
    let merged: Vec<Row>;
    let rows = if matches!(style.form, "html" | "excel") && style.department && rows.len() >= 2 && rng.chance(50) {
        merged = rows
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                department: if i == 1 { rows[0].department.clone() } else { r.department.clone() },
                ..r.clone()
            })
            .collect();
        &merged[..]
    } else {
        rows
    };
    let mut lines: Vec<String> = vec!["本計画の目標を次のとおり定めます。".into(), String::new()];
    if style.heading {
        tags.insert("noise:heading-above".into());
        lines.push(rng.pick(HEADINGS).to_string());
    }
    let mut wants: Vec<Want> = rows
        .iter()
        .map(|r| Want {
            name: r.name.clone(),
            line: 0,
            baseline: r.baseline.as_ref().map(|f| f.digits.clone()),
            target: r.target.digits.clone(),
            department: None,
            baseline_year: None,
            target_year: None,
        })
        .collect();
    match style.form {
        "html" => {
            let cells = table_cells(rng, style, rows, &mut tags);
            html_table(rng, style, &cells, &mut lines, &mut wants, &mut tags);
        }
        "pipe" | "tab" | "spaces" | "fullwidth-gaps" | "box" | "csv" | "cell-per-line" | "dump" | "wrapped"
        | "excel" => {
            let cells = table_cells(rng, style, rows, &mut tags);
            table_lines(rng, style, &cells, &mut lines, &mut wants, &mut tags);
        }
        "transposed" => transposed(rng, style, rows, &mut lines, &mut wants, &mut tags),
        "labelled" => labelled(rng, style, rows, &mut lines, &mut wants, &mut tags),
        "arrow-cell" => arrow_cell(rng, style, rows, &mut lines, &mut wants, &mut tags),
        _ => inline(rng, style, rows, &mut lines, &mut wants, &mut tags),
    }
    if style.note_under {
        tags.insert("noise:note-under".into());
        lines.push(rng.pick(NOTES).to_string());
    }
    lines.push(String::new());
    lines.push("以上の目標の達成に向けて取り組みます。".into());
    let years_rendered = tags.iter().any(|t| t.starts_with("years:") && t != "years:none");
    for w in &mut wants {
        if style.department && !tags.contains("no-department") {
            w.department = rows.iter().find(|r| r.name == w.name).map(|r| r.department.clone());
        }
        if years_rendered {
            w.baseline_year = w.baseline.as_ref().map(|_| style.base_year);
            w.target_year = Some(style.target_year);
        }
    }
    tags.remove("no-department");
    if style.full_width {
        tags.insert("value:full-width".into());
    }
    if style.qualifier {
        tags.insert("value:以上/以下".into());
    }
    if style.mark {
        tags.insert("value:※".into());
        tags.insert(format!("value:mark {}", footnote_mark(style)));
    }
    if rows.iter().any(|r| r.baseline.is_none()) {
        tags.insert("value:― missing".into());
    }
    if rows.iter().any(|r| r.target.digits.contains('~')) {
        tags.insert("value:range".into());
    }
    if rows.iter().any(|r| r.baseline.as_ref().is_some_and(|f| f.digits.starts_with('-'))) {
        tags.insert("value:minus".into());
    }
    if rows.iter().any(|r| r.target.digits.contains(',')) {
        tags.insert("value:comma".into());
    }
    Rendering { text: lines.join("\n"), wants, tags }
}

/// The tags of the style's features every table form has: years, unit, a department column.
fn style_tags(style: &Style, tags: &mut BTreeSet<String>) {
    tags.insert(format!("years:{}", style.years));
    tags.insert(format!("unit:{}", style.unit));
    if style.department {
        tags.insert("department".into());
    }
}

fn table_lines(
    rng: &mut Rng,
    style: &Style,
    cells: &Cells,
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    style_tags(style, tags);
    let name_column = cells.header.iter().position(|h| *h == style.words[0]).unwrap_or(0);
    let mut header_lines: Vec<Vec<String>> = if style.split_header {
        tags.insert("header:split-words".into());
        let (top, bottom) = split_words(&cells.header);
        vec![top, bottom]
    } else {
        vec![cells.header.clone()]
    };
    if style.years == "row" {
        header_lines.push(cells.years.clone());
    }
    if header_lines.len() >= 2 {
        tags.insert(format!("header:{}-lines", header_lines.len()));
    }
    // The lines each row stands on: one, or (pdftotext -layout) the name wrapped inside its
    // column over several, with the other cells on the first, middle or last of them.
    let physical: Vec<Vec<Vec<String>>> = if style.form == "wrapped" {
        let chars = 4 + rng.below(4);
        let place = rng.below(3);
        tags.insert(format!("wrapped:figures-{}", ["top", "middle", "bottom"][place]));
        tags.insert(format!("wrapped:{chars}-chars"));
        cells.rows.iter().map(|row| wrapped(row, name_column, chars, place)).collect()
    } else {
        cells.rows.iter().map(|row| vec![row.clone()]).collect()
    };
    let widths: Vec<usize> = (0..cells.header.len())
        .map(|c| header_lines.iter().chain(physical.iter().flatten()).map(|r| width(&r[c])).max().unwrap_or(0))
        .collect();
    let join = |row: &[String], rng: &mut Rng| -> String {
        match style.form {
            "pipe" => format!("| {} |", row.join(" | ")),
            "tab" => row.join("\t"),
            "csv" => row
                .iter()
                // Figures are quoted: unquoted, 「7,900」 of a 7 and a 900 reads as seven
                // thousand nine hundred even to a careful reader.
                .map(|c| {
                    if c.contains([',', '，'])
                        || c.starts_with(|ch: char| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
                    {
                        format!("\"{c}\"")
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(","),
            // A spreadsheet's export quotes a cell only where it must.
            "excel" => {
                row.iter()
                    .map(|c| {
                        if c.contains([',', '，', '"']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            }
            "spaces" | "wrapped" => {
                let mut line = String::from("  ");
                for (c, cell) in row.iter().enumerate() {
                    line.push_str(cell);
                    if c + 1 < row.len() {
                        line.push_str(&" ".repeat(widths[c] - width(cell) + 3));
                    }
                }
                line.trim_end().to_string()
            }
            "fullwidth-gaps" => {
                let gap = if rng.chance(50) { "　　" } else { "　　　" };
                row.iter()
                    .map(|c| if c.is_empty() { "　".to_string() } else { c.clone() })
                    .collect::<Vec<_>>()
                    .join(gap)
            }
            "box" => format!("│{}│", row.join("│")),
            _ => row.join(" "),
        }
    };
    let rule = |left: &str, mid: &str, right: &str| {
        format!("{left}{}{right}", widths.iter().map(|w| "─".repeat((w / 2).max(2))).collect::<Vec<_>>().join(mid))
    };
    match style.form {
        "cell-per-line" => {
            for h in &header_lines {
                lines.extend(h.iter().filter(|c| !c.is_empty()).cloned());
            }
            for (r, row) in cells.rows.iter().enumerate() {
                if r == 1 && style.page_break {
                    tags.insert("noise:page-break".into());
                    lines.push(rng.pick(PAGE_NOISE).to_string());
                }
                for (c, cell) in row.iter().enumerate() {
                    if c == name_column {
                        wants[r].line = lines.len() + 1;
                    }
                    lines.push(cell.clone());
                }
            }
        }
        "dump" => {
            let mut words: Vec<String> = header_lines.iter().flatten().filter(|c| !c.is_empty()).cloned().collect();
            for row in &cells.rows {
                words.extend(row.iter().filter(|c| !c.is_empty()).cloned());
            }
            let sep = if rng.chance(50) { " " } else { "　" };
            lines.push(words.join(sep));
            wants.iter_mut().for_each(|w| w.line = lines.len());
        }
        _ => {
            if style.form == "box" {
                lines.push(rule("┌", "┬", "┐"));
            }
            // A spreadsheet's export: the table's title in the first cell of a row above the
            // header, the other cells empty.
            if style.form == "excel" && rng.chance(60) {
                tags.insert("excel:title-row".into());
                lines.push(format!("表３　成果指標一覧{}", ",".repeat(cells.header.len() - 1)));
            }
            for h in &header_lines {
                lines.push(join(h, rng));
            }
            match style.form {
                "pipe" => lines.push(format!("|{}|", vec!["---"; cells.header.len()].join("|"))),
                "box" => lines.push(rule("├", "┼", "┤")),
                _ => {}
            }
            for (r, row) in cells.rows.iter().enumerate() {
                if r == 1 && style.page_break {
                    tags.insert("noise:page-break".into());
                    lines.push(rng.pick(PAGE_NOISE).to_string());
                    // Half the tables broken by a page repeat their header on the next page (by
                    // the target year, with no draw of its own, so that the other renderings
                    // stay those the floors were set on).
                    if style.target_year % 2 == 0 {
                        tags.insert("noise:header-repeated".into());
                        for h in &header_lines {
                            lines.push(join(h, rng));
                        }
                        match style.form {
                            "pipe" => lines.push(format!("|{}|", vec!["---"; cells.header.len()].join("|"))),
                            "box" => lines.push(rule("├", "┼", "┤")),
                            _ => {}
                        }
                    }
                }
                if r == 2 && style.blank_line {
                    tags.insert("noise:blank-line".into());
                    lines.push(String::new());
                }
                let mut row = row.clone();
                // A merged cell, exported: the cell under the first one is empty.
                if let Some(d) = ditto_column(style, cells).filter(|_| style.form == "excel" && r == 1) {
                    row[d].clear();
                    tags.insert("excel:blank-as-above".into());
                }
                wants[r].line = lines.len() + 1;
                if physical[r].len() > 1 {
                    tags.insert("wrapped:name-wraps".into());
                }
                for piece in if style.form == "wrapped" { physical[r].clone() } else { vec![row] } {
                    lines.push(join(&piece, rng));
                }
            }
            if style.form == "excel" && rng.chance(40) {
                tags.insert("excel:empty-rows".into());
                lines.push(",".repeat(cells.header.len() - 1));
            }
            if style.form == "box" {
                lines.push(rule("└", "┴", "┘"));
            }
        }
    }
}

fn transposed(
    rng: &mut Rng,
    style: &Style,
    rows: &[Row],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    let base_year = year_text(rng, style.base_year, tags);
    let target_year = year_text(rng, style.target_year, tags);
    let years = if style.years == "none" || style.years == "row" || style.years == "cell" { "none" } else { "header" };
    tags.insert(format!("years:{years}"));
    tags.insert(format!("unit:{}", if style.unit == "header" { "cell" } else { style.unit }));
    let dated = |w: &str, y: &str| if years == "header" { format!("{w}（{y}）") } else { w.to_string() };
    let unit_style = Style { unit: if style.unit == "column" { "column" } else { "cell" }, ..style.clone() };
    let mut table: Vec<Vec<String>> =
        vec![std::iter::once(style.words[0].clone()).chain(rows.iter().map(|r| r.name.clone())).collect()];
    if style.unit == "column" {
        table.push(std::iter::once("単位".to_string()).chain(rows.iter().map(|r| r.unit.clone())).collect());
    }
    let mut values = vec![
        std::iter::once(dated(&style.words[1], &base_year))
            .chain(rows.iter().map(|r| value_cell(rng, &unit_style, &r.baseline, &r.unit, None, "")))
            .collect::<Vec<_>>(),
        std::iter::once(dated(&style.words[2], &target_year))
            .chain(rows.iter().map(|r| {
                value_cell(
                    rng,
                    &unit_style,
                    &Some(r.target.clone()),
                    &r.unit,
                    None,
                    if style.qualifier { "以上" } else { "" },
                )
            }))
            .collect::<Vec<_>>(),
    ];
    if style.target_first {
        tags.insert("order:target-first".into());
        values.reverse();
    }
    table.extend(values);
    if style.department {
        tags.insert("department".into());
        table.push(std::iter::once(style.words[3].clone()).chain(rows.iter().map(|r| r.department.clone())).collect());
    }
    let pipe = rng.chance(50);
    tags.insert(format!("transposed:{}", if pipe { "pipe" } else { "tab" }));
    for (k, row) in table.iter().enumerate() {
        lines.push(if pipe { format!("| {} |", row.join(" | ")) } else { row.join("\t") });
        if k == 0 {
            wants.iter_mut().for_each(|w| w.line = lines.len());
            if pipe {
                lines.push(format!("|{}|", vec!["---"; row.len()].join("|")));
            }
        }
    }
}

fn labelled(
    rng: &mut Rng,
    style: &Style,
    rows: &[Row],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    let label = |w: &str| if style.label_brackets { format!("【{w}】") } else { format!("{w}：") };
    tags.insert(format!("labels:{}", if style.label_brackets { "【】" } else { "：" }));
    let unit_style = Style { unit: if style.unit == "column" { "column" } else { "cell" }, ..style.clone() };
    let years = if matches!(style.years, "none" | "cell") { style.years } else { "header" };
    tags.insert(format!("years:{years}"));
    tags.insert(format!("unit:{}", unit_style.unit));
    if style.department {
        tags.insert("department".into());
    }
    for (r, row) in rows.iter().enumerate() {
        if r > 0 && (style.blank_line || r == 1 && style.page_break) {
            lines.push(if r == 1 && style.page_break { rng.pick(PAGE_NOISE).to_string() } else { String::new() });
        }
        let base_year = year_text(rng, style.base_year, tags);
        let target_year = year_text(rng, style.target_year, tags);
        let dated = |w: &str, y: &str| if years == "header" { format!("{w}（{y}）") } else { w.to_string() };
        let cell_year = |y: &str| (years == "cell").then(|| y.to_string());
        lines.push(format!("{}{}", label(&style.words[0]), row.name));
        wants[r].line = lines.len();
        if unit_style.unit == "column" {
            lines.push(format!("{}{}", label("単位"), row.unit));
        }
        let mut values = vec![
            format!(
                "{}{}",
                label(&dated(&style.words[1], &base_year)),
                value_cell(rng, &unit_style, &row.baseline, &row.unit, cell_year(&base_year).as_deref(), "")
            ),
            format!(
                "{}{}",
                label(&dated(&style.words[2], &target_year)),
                value_cell(
                    rng,
                    &unit_style,
                    &Some(row.target.clone()),
                    &row.unit,
                    cell_year(&target_year).as_deref(),
                    if style.qualifier { "以上" } else { "" }
                )
            ),
        ];
        if style.target_first {
            tags.insert("order:target-first".into());
            values.reverse();
        }
        lines.extend(values);
        if style.department {
            lines.push(format!("{}{}", label(&style.words[3]), row.department));
        }
    }
}

fn inline(
    rng: &mut Rng,
    style: &Style,
    rows: &[Row],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    let unit_style = Style { unit: "cell", ..style.clone() };
    let arrow_only = rng.chance(40);
    tags.insert(format!("inline:{}", if arrow_only { "name：a→b" } else { "現状（R）a→目標（R）b" }));
    tags.insert(format!("years:{}", if arrow_only { "none" } else { "header" }));
    tags.insert("no-department".into());
    for (r, row) in rows.iter().enumerate() {
        let base = value_cell(rng, &unit_style, &row.baseline, &row.unit, None, "");
        let target = value_cell(
            rng,
            &unit_style,
            &Some(row.target.clone()),
            &row.unit,
            None,
            if style.qualifier { "以上" } else { "" },
        );
        let arrow = *rng.pick(&["→", "⇒", "➡"]);
        let line = if arrow_only {
            format!("・{}：{base}{arrow}{target}", row.name)
        } else {
            let by = year_text(rng, style.base_year, tags);
            let ty = year_text(rng, style.target_year, tags);
            format!(
                "・{}　{}（{by}）{base}{arrow}{}（{ty}）{target}",
                row.name,
                pick_short(&style.words[1]),
                pick_short(&style.words[2])
            )
        };
        if r == 1 && style.blank_line {
            lines.push(String::new());
        }
        lines.push(line);
        wants[r].line = lines.len();
    }
}

/// A table whose one value column holds both figures, 「45.2%→60%」, under a header that says so
/// (「現状値→目標値」, dated or not), with the department after it or not.
fn arrow_cell(
    rng: &mut Rng,
    style: &Style,
    rows: &[Row],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    let unit_style = Style { unit: if style.unit == "column" { "column" } else { "cell" }, ..style.clone() };
    let pipe = rng.chance(50);
    tags.insert(format!("arrow-cell:{}", if pipe { "pipe" } else { "tab" }));
    tags.insert(format!("unit:{}", unit_style.unit));
    let by = year_text(rng, style.base_year, tags);
    let ty = year_text(rng, style.target_year, tags);
    let dated = style.years != "none";
    tags.insert(format!("years:{}", if dated { "header" } else { "none" }));
    let arrow = *rng.pick(&["→", "⇒", "▶"]);
    let value_header = if dated {
        format!("{}（{by}）{arrow}{}（{ty}）", style.words[1], style.words[2])
    } else {
        format!("{}{arrow}{}", style.words[1], style.words[2])
    };
    let mut header = vec![style.words[0].clone()];
    if unit_style.unit == "column" {
        header.push("単位".into());
    }
    header.push(value_header);
    if style.department {
        tags.insert("department".into());
        header.push(style.words[3].clone());
    }
    let join = |cells: &[String]| if pipe { format!("| {} |", cells.join(" | ")) } else { cells.join("\t") };
    lines.push(join(&header));
    if pipe {
        lines.push(format!("|{}|", vec!["---"; header.len()].join("|")));
    }
    for (r, row) in rows.iter().enumerate() {
        let base = value_cell(rng, &unit_style, &row.baseline, &row.unit, None, "");
        let target = value_cell(
            rng,
            &unit_style,
            &Some(row.target.clone()),
            &row.unit,
            None,
            if style.qualifier { "以上" } else { "" },
        );
        let mut cells = vec![row.name.clone()];
        if unit_style.unit == "column" {
            cells.push(row.unit.clone());
        }
        cells.push(format!("{base}{arrow}{target}"));
        if style.department {
            cells.push(row.department.clone());
        }
        lines.push(join(&cells));
        wants[r].line = lines.len();
    }
}

/// The word of an inline statement: the header word itself.
fn pick_short(word: &str) -> String {
    word.to_string()
}

/// The department column where the second row's department is the first one's, which a
/// converter merges.
fn ditto_column(style: &Style, cells: &Cells) -> Option<usize> {
    let d = cells.header.iter().position(|h| style.department && *h == style.words[3])?;
    (cells.rows.len() >= 2 && cells.rows[0][d] == cells.rows[1][d]).then_some(d)
}

/// One row as pdftotext -layout writes it when its name is wider than its column: the name in
/// pieces of `chars` characters on successive lines, every other cell on the first (`place`
/// 0), middle (1) or last (2) of them.
fn wrapped(row: &[String], name_column: usize, chars: usize, place: usize) -> Vec<Vec<String>> {
    let name: Vec<char> = row[name_column].chars().collect();
    let pieces: Vec<String> = name.chunks(chars).map(|c| c.iter().collect()).collect();
    let at = match place {
        0 => 0,
        1 => pieces.len() / 2,
        _ => pieces.len() - 1,
    };
    pieces
        .iter()
        .enumerate()
        .map(|(k, piece)| {
            (0..row.len())
                .map(|c| {
                    if c == name_column {
                        piece.clone()
                    } else if k == at {
                        row[c].clone()
                    } else {
                        String::new()
                    }
                })
                .collect()
        })
        .collect()
}

/// A table as an HTML export leaves it in a text: `<table>`, `<tr>`, `<th>`/`<td>`, a row per
/// line or a cell per line, `<br>` inside header words and long names, entities (`&nbsp;`,
/// `&#12288;`), a caption or a title row spanning every column, a department merged with
/// the row above's by `rowspan`.
fn html_table(
    rng: &mut Rng,
    style: &Style,
    cells: &Cells,
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    style_tags(style, tags);
    let per_cell = rng.chance(40);
    tags.insert(format!("html:{}", if per_cell { "cell-per-line" } else { "row-per-line" }));
    let entities = rng.chance(50);
    let br = rng.chance(50);
    let name_column = cells.header.iter().position(|h| *h == style.words[0]).unwrap_or(0);
    let span = ditto_column(style, cells).filter(|_| rng.chance(70));
    let n = cells.header.len();
    match rng.below(3) {
        0 => {
            tags.insert("html:caption".into());
            lines.push("<table border=\"1\">".into());
            lines.push("<caption>成果指標</caption>".into());
        }
        1 => {
            tags.insert("html:title-colspan".into());
            lines.push("<table>".into());
            lines.push(format!("<tr><th colspan=\"{n}\">成果指標</th></tr>"));
        }
        _ => lines.push("<table class=\"indicator\">".into()),
    }
    let escaped = |text: &str, value: bool| -> String {
        if !entities {
            return text.to_string();
        }
        if text.is_empty() {
            "&nbsp;".to_string()
        } else if value {
            format!("{text}&nbsp;")
        } else {
            format!("&#12288;{text}")
        }
    };
    if entities {
        tags.insert("html:entities".into());
    }
    let push_row = |lines: &mut Vec<String>, row: Vec<String>, tag: &str, name_at: Option<&mut Want>| {
        let cells: Vec<String> =
            row.into_iter().map(|c| if c.starts_with('<') { c } else { format!("<{tag}>{c}</{tag}>") }).collect();
        let mut want = name_at;
        if per_cell {
            lines.push("<tr>".into());
            for (c, cell) in cells.iter().enumerate() {
                lines.push(format!("  {cell}"));
                if c == name_column {
                    if let Some(w) = want.as_deref_mut() {
                        w.line = lines.len();
                    }
                }
            }
            lines.push("</tr>".into());
        } else {
            lines.push(format!("<tr>{}</tr>", cells.concat()));
            if let Some(w) = want {
                w.line = lines.len();
            }
        }
    };
    let header: Vec<String> = if style.split_header {
        tags.insert("header:split-words".into());
        let (top, bottom) = split_words(&cells.header);
        top.iter().zip(&bottom).map(|(t, b)| if b.is_empty() { t.clone() } else { format!("{t}<br>{b}") }).collect()
    } else {
        cells.header.clone()
    };
    push_row(lines, header.iter().map(|h| escaped(h, false)).collect(), "th", None);
    if style.years == "row" {
        tags.insert("header:2-lines".into());
        push_row(lines, cells.years.iter().map(|y| escaped(y, false)).collect(), "th", None);
    }
    for (r, row) in cells.rows.iter().enumerate() {
        let mut out = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if Some(c) == span && r == 0 {
                tags.insert("html:rowspan".into());
                out.push(format!("<td rowspan=\"2\">{}</td>", escaped(cell, false)));
            } else if Some(c) == span && r == 1 {
                continue;
            } else if c == name_column && br && cell.chars().count() >= 6 {
                tags.insert("html:br".into());
                let chars: Vec<char> = cell.chars().collect();
                let at = chars.len() / 2;
                let (a, b): (String, String) = (chars[..at].iter().collect(), chars[at..].iter().collect());
                out.push(escaped(&format!("{a}<br>{b}"), false));
            } else {
                out.push(escaped(cell, c != name_column));
            }
        }
        push_row(lines, out, "td", Some(&mut wants[r]));
    }
    lines.push("</table>".into());
}
