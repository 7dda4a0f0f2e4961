//! Renderers of the metamorphic measure tests: one set of measures (a name, the departments in
//! charge, an outline, a cost) written as a plan section in the forms plans list their 施策・事業
//! in (tables with any columns in any order, bullets with the department in brackets or on the
//! next line, dotted leaders, 事業シート blocks, labelled lists), with the line each measure's
//! name stands on and the tags of the features used, so a pass rate per feature can be printed.

use std::collections::BTreeSet;

use super::Rng;

/// One measure to render.
#[derive(Debug, Clone)]
pub struct Item {
    pub name: String,
    pub departments: Vec<String>,
    pub content: String,
    /// 事業費 in 千円, with its comma.
    pub cost: String,
}

/// What a rendering promises about one measure: the line its name stands on and its departments.
#[derive(Debug, Clone)]
pub struct Want {
    pub name: String,
    pub line: usize,
    pub departments: Vec<String>,
}

/// One rendered section.
#[derive(Debug)]
pub struct Rendering {
    pub text: String,
    pub wants: Vec<Want>,
    pub tags: BTreeSet<String>,
}

/// The header and label words of each role, from data/vocabulary.toml.
pub struct Words {
    pub measure: Vec<String>,
    pub department: Vec<String>,
    pub content: Vec<String>,
}

/// The forms.
pub const FORMS: &[&str] = &[
    "pipe",
    "tab",
    "spaces",
    "csv",
    "box",
    "cell-per-line",
    "bracket",
    "next-line",
    "leader",
    "inline-label",
    "sheet",
    "listed",
    "dump",
    "html",
];

/// Every independent choice of one rendering.
#[derive(Clone)]
pub struct Style {
    pub form: &'static str,
    pub measure_word: String,
    pub department_word: String,
    pub content_word: String,
    /// The mark before each item: "", "・", "○", "①", "(1)", "ア", "1.".
    pub mark: &'static str,
    /// Some measures have two departments.
    pub several: bool,
    /// What joins two departments: "・" or "、".
    pub joiner: &'static str,
    /// A department the same as the row above's is written 〃 or 同上 (tables).
    pub ditto: bool,
    pub content: bool,
    pub cost: bool,
    pub schedule: bool,
    pub number_column: bool,
    pub department_first: bool,
    pub page_break: bool,
    /// At the page break a table repeats its header.
    pub repeat_header: bool,
    pub heading: bool,
    pub full_width: bool,
    pub blank_line: bool,
    /// The bracket form: which brackets and label ("（）", "【】", "〔〕", "【担当：】", "（担当課：）").
    pub bracket: &'static str,
    /// A tag after the department (【新規】, ★): plans mark new and priority measures so.
    pub tag_after: bool,
    /// Some names are marked （再掲）, a measure listed again under another 施策.
    pub reprint: bool,
    /// 事業シート labels alone on their line, the value under them.
    pub over: bool,
    /// Tables: a first column of the 施策 the measures stand under, written on its first row only.
    pub group: bool,
    /// Tables: a 関係課 column after the department in charge (主担当 and 関係 apart).
    pub related: bool,
}

const MARKS: &[&str] = &["", "・", "○", "①", "(1)", "ア", "1."];
const BRACKETS: &[&str] = &["（）", "【】", "〔〕", "［］", "【label：】", "（label：）"];

impl Style {
    pub fn random(rng: &mut Rng, form: &'static str, words: &Words) -> Style {
        let table = matches!(form, "pipe" | "tab" | "spaces" | "csv" | "box" | "cell-per-line" | "html");
        Style {
            form,
            measure_word: rng.pick(&words.measure).clone(),
            department_word: rng.pick(&words.department).clone(),
            content_word: rng.pick(&words.content).clone(),
            mark: MARKS[rng.below(MARKS.len())],
            several: rng.chance(40),
            joiner: ["・", "、"][rng.below(2)],
            ditto: table && rng.chance(25),
            content: rng.chance(40),
            cost: rng.chance(30),
            schedule: table && rng.chance(25),
            number_column: table && rng.chance(25),
            department_first: table && rng.chance(20),
            page_break: rng.chance(20),
            repeat_header: rng.chance(50),
            heading: rng.chance(60),
            full_width: rng.chance(40),
            blank_line: rng.chance(25),
            bracket: BRACKETS[rng.below(BRACKETS.len())],
            tag_after: matches!(form, "bracket" | "leader" | "next-line") && rng.chance(30),
            reprint: rng.chance(20),
            over: form == "sheet" && rng.chance(40),
            group: matches!(form, "pipe" | "tab" | "csv" | "box" | "spaces") && rng.chance(30),
            related: table && rng.chance(25),
        }
    }
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' | '(' | ')' | ',' | '.' | ':' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The mark of the i-th item.
fn mark(style: &Style, i: usize) -> String {
    let text = match style.mark {
        "①" => char::from_u32('①' as u32 + i as u32).unwrap().to_string(),
        "(1)" => format!("({})", i + 1),
        "ア" => format!("{}　", ["ア", "イ", "ウ", "エ", "オ", "カ"][i % 6]),
        "1." => format!("{}.", i + 1),
        "" => String::new(),
        m => m.to_string(),
    };
    if style.full_width {
        full_width(&text)
    } else {
        text
    }
}

const HEADINGS: &[&str] = &[
    "（２）主な取組",
    "■　主な事業",
    "【具体的な取組】",
    "施策２－３　地域福祉の推進",
    "## 基本施策４　安全なまちづくり",
    "①　取組の方向",
    "第４章　施策の展開",
];

const PAGE_NOISE: &[&[&str]] =
    &[&["－１２－"], &["― 34 ―", "白鷺市総合計画"], &["- 5 -"], &["白鷺市第２次総合計画", "２３"]];

/// Renders the items in the style; lines are numbered from 1.
pub fn render(rng: &mut Rng, style: &Style, items: &[Item]) -> Rendering {
    let mut tags = BTreeSet::new();
    tags.insert(format!("form:{}", style.form));
    let mut lines: Vec<String> = vec!["本施策では、次の取組を進めます。".into(), String::new()];
    if style.heading {
        tags.insert("noise:heading-above".into());
        lines.push(rng.pick(HEADINGS).to_string());
    }
    if items.iter().any(|i| i.departments.len() > 1) && style.form != "listed" {
        tags.insert(format!("departments:several{}", style.joiner));
    }
    if style.full_width {
        tags.insert("full-width".into());
    }
    let mut wants: Vec<Want> =
        items.iter().map(|i| Want { name: i.name.clone(), line: 0, departments: i.departments.clone() }).collect();
    // The second measure listed again: its name as written carries （再掲）.
    let reprinted: Vec<Item>;
    let items = if style.reprint && style.form != "listed" {
        tags.insert("name:（再掲）".into());
        reprinted = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mut item = item.clone();
                if i == 1 {
                    item.name.push_str("（再掲）");
                }
                item
            })
            .collect();
        &reprinted[..]
    } else {
        items
    };
    match style.form {
        "pipe" | "tab" | "spaces" | "csv" | "box" | "cell-per-line" | "html" => {
            table(rng, style, items, &mut lines, &mut wants, &mut tags)
        }
        "sheet" => sheets(rng, style, items, &mut lines, &mut wants, &mut tags),
        "listed" => listed(rng, style, items, &mut lines, &mut wants, &mut tags),
        "dump" => dump(rng, style, items, &mut lines, &mut wants, &mut tags),
        _ => bullets(rng, style, items, &mut lines, &mut wants, &mut tags),
    }
    lines.push(String::new());
    lines.push("以上の取組により、施策の目標の達成を目指します。".into());
    Rendering { text: lines.join("\n"), wants, tags }
}

/// Display width: two for wide characters.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn table(
    rng: &mut Rng,
    style: &Style,
    items: &[Item],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    type Column<'a> = Box<dyn Fn(&mut Rng, usize) -> String + 'a>;
    tags.insert(format!("word:{}", style.measure_word));
    tags.insert(format!("word:{}", style.department_word));
    let department_cell = |i: usize| -> String {
        let same = i > 0 && items[i].departments == items[i - 1].departments;
        if style.ditto && same {
            if style.full_width { "同上" } else { "〃" }.to_string()
        } else {
            items[i].departments.join(style.joiner)
        }
    };
    if style.ditto && (1..items.len()).any(|i| items[i].departments == items[i - 1].departments) {
        tags.insert("ditto".into());
    }
    let mut header: Vec<String> = Vec::new();
    let mut columns: Vec<Column<'_>> = Vec::new();
    if style.number_column {
        tags.insert("extra:No".into());
        header.push("No.".into());
        columns.push(Box::new(
            |_, i| if style.full_width { full_width(&format!("{}", i + 1)) } else { format!("{}", i + 1) },
        ));
    }
    if style.group {
        tags.insert("extra:group-column".into());
        let word = if style.measure_word.starts_with("施策") { "基本施策" } else { "施策" };
        header.push(word.into());
        columns.push(Box::new(|_, i| match i {
            0 => "(1)健康づくりの推進".to_string(),
            2 => "(2)地域福祉の充実".to_string(),
            _ => String::new(),
        }));
    }
    let mut rest: Vec<(String, Column<'_>)> =
        vec![(style.measure_word.clone(), Box::new(|_, i| items[i].name.clone()))];
    if style.content {
        tags.insert("extra:content".into());
        rest.push((style.content_word.clone(), Box::new(|_, i| items[i].content.clone())));
    }
    if style.cost {
        tags.insert("extra:cost".into());
        rest.push((
            "事業費（千円）".into(),
            Box::new(|_, i| if style.full_width { full_width(&items[i].cost) } else { items[i].cost.clone() }),
        ));
    }
    if style.schedule {
        tags.insert("extra:schedule".into());
        for year in ["R6", "R7", "R8"] {
            rest.push((year.into(), Box::new(|rng, _| rng.pick(&["実施", "検討", "拡充", "→", "継続"]).to_string())));
        }
    }
    let department: (String, Column<'_>) = (style.department_word.clone(), Box::new(move |_, i| department_cell(i)));
    // The departments that help, in a column of their own after the one in charge: the
    // measure's department is the one in charge.
    let related = style.related && !matches!(style.department_word.as_str(), "関係課" | "関連課");
    let at = if style.department_first { 0 } else { rest.len() };
    if style.department_first {
        tags.insert("order:department-first".into());
    }
    rest.insert(at, department);
    if related {
        tags.insert("extra:関係課".into());
        let word = if style.department_word.contains("担当") { "関係課" } else { "関連課" };
        rest.insert(
            at + 1,
            (word.into(), Box::new(|rng, _| rng.pick(&["総務課", "財政課・秘書広報課", "関係各課", "―"]).to_string())),
        );
    }
    let name_column = header.len() + rest.iter().position(|(h, _)| *h == style.measure_word).unwrap_or(0);
    for (h, f) in rest {
        header.push(h);
        columns.push(f);
    }
    let rows: Vec<Vec<String>> = (0..items.len()).map(|i| columns.iter().map(|f| f(rng, i)).collect()).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| std::iter::once(&header).chain(&rows).map(|r| width(&r[c])).max().unwrap_or(0))
        .collect();
    let join = |row: &[String]| -> String {
        match style.form {
            "pipe" => format!("| {} |", row.join(" | ")),
            "tab" => row.join("\t"),
            "csv" => row
                .iter()
                // Only a cell with a comma is quoted, as spreadsheets write CSV.
                .map(|c| if c.contains([',', '，']) { format!("\"{c}\"") } else { c.clone() })
                .collect::<Vec<_>>()
                .join(","),
            "box" => format!("│{}│", row.join("│")),
            // An HTML export: a row a line, the cells in <td> (the header's in <th>).
            "html" => {
                let tag = if row == header.as_slice() { "th" } else { "td" };
                format!("<tr>{}</tr>", row.iter().map(|c| format!("<{tag}>{c}</{tag}>")).collect::<String>())
            }
            _ => {
                let mut line = String::from("  ");
                for (c, cell) in row.iter().enumerate() {
                    line.push_str(cell);
                    if c + 1 < row.len() {
                        line.push_str(&" ".repeat(widths[c] - width(cell) + 3));
                    }
                }
                line.trim_end().to_string()
            }
        }
    };
    let header_lines = |lines: &mut Vec<String>| match style.form {
        "cell-per-line" => lines.extend(header.iter().cloned()),
        _ => {
            lines.push(join(&header));
            match style.form {
                "pipe" => lines.push(format!("|{}|", vec!["---"; header.len()].join("|"))),
                "box" => lines.push(format!("├{}┤", vec!["──"; header.len()].join("┼"))),
                _ => {}
            }
        }
    };
    if style.form == "html" {
        lines.push("<table border=\"1\">".into());
    }
    header_lines(lines);
    for (r, row) in rows.iter().enumerate() {
        // An HTML table has no pages.
        if r == 2 && style.page_break && style.form != "html" {
            tags.insert("noise:page-break".into());
            lines.extend(rng.pick(PAGE_NOISE).iter().map(|s| s.to_string()));
            if style.repeat_header {
                tags.insert("noise:header-repeated".into());
                header_lines(lines);
            }
        }
        match style.form {
            "cell-per-line" => {
                if style.blank_line {
                    tags.insert("noise:blank-line".into());
                    lines.push(String::new());
                }
                for (c, cell) in row.iter().enumerate() {
                    if c == name_column {
                        wants[r].line = lines.len() + 1;
                    }
                    lines.push(cell.clone());
                }
            }
            _ => {
                lines.push(join(row));
                wants[r].line = lines.len();
            }
        }
    }
    if style.form == "html" {
        lines.push("</table>".into());
    }
    // A measure whose department is 〃 has the department of the row above.
    for r in 1..items.len() {
        if items[r].departments == items[r - 1].departments {
            wants[r].departments = items[r - 1].departments.clone();
        }
    }
}

/// Bullets with the department after the name: in brackets, after a dotted leader, after a
/// label on the same line, or on the next line.
fn bullets(
    rng: &mut Rng,
    style: &Style,
    items: &[Item],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    tags.insert(format!("mark:{}", if style.mark.is_empty() { "none" } else { style.mark }));
    let label = &style.department_word;
    for (i, item) in items.iter().enumerate() {
        if i == 2 && style.page_break {
            tags.insert("noise:page-break".into());
            lines.extend(rng.pick(PAGE_NOISE).iter().map(|s| s.to_string()));
        }
        if i > 0 && style.blank_line {
            tags.insert("noise:blank-line".into());
            lines.push(String::new());
        }
        let departments = item.departments.join(style.joiner);
        let head = format!("{}{}", mark(style, i), item.name);
        match style.form {
            "bracket" => {
                tags.insert(format!("bracket:{}", style.bracket.replace("label", "担当")));
                let (open, close) = {
                    let chars: Vec<char> = style.bracket.chars().collect();
                    (chars[0], chars[chars.len() - 1])
                };
                let inside =
                    if style.bracket.contains("label") { format!("{label}：{departments}") } else { departments };
                let tag = tag(rng, style, tags);
                lines.push(format!("{head}{}{open}{inside}{close}{tag}", if rng.chance(30) { "　" } else { "" }));
                wants[i].line = lines.len();
                if style.content {
                    tags.insert("extra:content-under".into());
                    lines.push(format!("　{}", item.content));
                }
            }
            "leader" => {
                let dots = rng.pick(&["…………………", "・・・・・・・・", "‥‥‥‥‥‥", "......"]);
                let tag = tag(rng, style, tags);
                lines.push(format!("　{head}{tag} {dots} {departments}"));
                wants[i].line = lines.len();
            }
            "inline-label" => {
                let written = match rng.below(3) {
                    0 => format!("{label}：{departments}"),
                    1 => format!("【{label}】{departments}"),
                    _ => format!("（{label}：{departments}）"),
                };
                let sentence =
                    if style.content { format!("。{}", item.content.trim_end_matches('。')) } else { String::new() };
                lines.push(format!("{head}{sentence}　{written}"));
                wants[i].line = lines.len();
            }
            _ => {
                // next-line: the name, maybe an outline, then the department under it.
                let tag = tag(rng, style, tags);
                lines.push(format!("{head}{tag}"));
                wants[i].line = lines.len();
                if style.content {
                    tags.insert("extra:content-between".into());
                    lines.push(format!("　{}", item.content));
                }
                let written = match rng.below(3) {
                    0 => format!("　{label}：{departments}"),
                    1 => format!("　【{label}】{departments}"),
                    _ => format!("　（{label}：{departments}）"),
                };
                lines.push(written);
            }
        }
    }
}

/// A tag after an item (新規, 重点, ★) or nothing.
fn tag(rng: &mut Rng, style: &Style, tags: &mut BTreeSet<String>) -> String {
    if !style.tag_after {
        return String::new();
    }
    tags.insert("tag-after".into());
    rng.pick(&["【新規】", "【重点】", "　★", "〈拡充〉", "（新規）"]).to_string()
}

/// 事業シート: one labelled block per measure (事業名：／担当課：／事業費：／概要：).
fn sheets(
    rng: &mut Rng,
    style: &Style,
    items: &[Item],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    let brackets = rng.chance(50);
    tags.insert(format!("labels:{}", if brackets { "【】" } else { "：" }));
    // A label over its value (「事業名」 / 「子ども食堂への支援」) joins them with a line break.
    let label = |w: &str| {
        if style.over {
            format!("{w}\n")
        } else if brackets {
            format!("【{w}】")
        } else {
            format!("{w}：")
        }
    };
    if style.over {
        tags.insert("labels:over-value".into());
    }
    let name_word =
        if style.measure_word.ends_with('名') { style.measure_word.clone() } else { "事業名".to_string() };
    tags.insert(format!("word:{name_word}"));
    for (i, item) in items.iter().enumerate() {
        if i == 2 && style.page_break {
            tags.insert("noise:page-break".into());
            lines.extend(rng.pick(PAGE_NOISE).iter().map(|s| s.to_string()));
        }
        if i > 0 {
            lines.push(String::new());
        }
        if style.mark == "(1)" {
            lines.push(format!("事業{}", mark(style, i)));
        }
        lines.extend(format!("{}{}", label(&name_word), item.name).split('\n').map(str::to_string));
        wants[i].line = lines.len();
        let mut rest = vec![format!("{}{}", label(&style.department_word), item.departments.join(style.joiner))];
        if style.cost {
            tags.insert("extra:cost".into());
            let cost = if style.full_width { full_width(&item.cost) } else { item.cost.clone() };
            rest.push(format!("{}{cost}千円", label("事業費")));
        }
        if style.content {
            tags.insert("extra:content".into());
            rest.push(format!("{}{}", label(&style.content_word), item.content));
        }
        if rng.chance(30) {
            tags.insert("order:department-last".into());
            rest.rotate_left(1);
        }
        lines.extend(rest.iter().flat_map(|r| r.split('\n').map(str::to_string)));
    }
}

/// 「主な事業：A（課）、B（課・課）」: the items of a labelled list, each with its department in
/// brackets, on one line or continued.
fn listed(
    rng: &mut Rng,
    style: &Style,
    items: &[Item],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    let word = rng.pick(&["主な事業", "主な取組", "具体的な取組"]).to_string();
    let brackets = rng.chance(50);
    let separator = *rng.pick(&["、", "／"]);
    tags.insert(format!("listed:{}{separator}", if brackets { "【】" } else { "：" }));
    // Departments joined by 、 inside a list split at 、 would be ambiguous: they take ・ there.
    let joiner = if separator == "、" { "・" } else { style.joiner };
    let piece = |i: usize| format!("{}（{}）", items[i].name, items[i].departments.join(joiner));
    let head = if brackets { format!("【{word}】") } else { format!("{word}：") };
    let wrap = style.page_break || items.len() > 3;
    let first: Vec<String> = (0..if wrap { 2 } else { items.len() }).map(piece).collect();
    lines.push(format!("{head}{}{}", first.join(separator), if wrap { separator } else { "" }));
    (0..first.len()).for_each(|i| wants[i].line = lines.len());
    if wrap {
        tags.insert("listed:continued".into());
        let rest: Vec<String> = (2..items.len()).map(piece).collect();
        lines.push(format!("　　{}", rest.join(separator)));
        (2..items.len()).for_each(|i| wants[i].line = lines.len());
    }
}

/// A table of measures as PDF text leaves it: the header words, then each measure and its
/// departments, all on one line apart by single spaces (「取組 担当課 空き家の活用 住宅課 …」).
fn dump(
    rng: &mut Rng,
    style: &Style,
    items: &[Item],
    lines: &mut Vec<String>,
    wants: &mut [Want],
    tags: &mut BTreeSet<String>,
) {
    let sep = if rng.chance(50) { " " } else { "　" };
    tags.insert(format!("dump:{}", if sep == " " { "space" } else { "wide-space" }));
    let mut words = vec![style.measure_word.clone(), style.department_word.clone()];
    for item in items {
        words.push(item.name.clone());
        words.push(item.departments.join("・"));
    }
    lines.push(words.join(sep));
    wants.iter_mut().for_each(|w| w.line = lines.len());
}
