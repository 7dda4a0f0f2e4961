//! Indicator tables in the layouts the plans use: markdown pipe tables, tab-separated rows
//! (with ▶▶ between 現状値 and 目標値), yearly target tables (令和元年度〜令和5年度), and
//! free-form blocks of a name, a description and labelled values (参考指標, 政策指標).

use once_cell::sync::Lazy;
use regex::Regex;

use super::blocks::{self, Header};
use super::normalize;
use super::record::{Body, Indicator, Measure, Plan, Satisfaction};
use super::roles::{Role, Vocabulary};
use super::value::{self, looks_like_value, Value, Year};
use super::{Doc, Line};

static BRACKET: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(.*?)\s*[\[【](.+)[\]】]\s*$").unwrap());
static LABEL: Lazy<Regex> = Lazy::new(|| Regex::new(r"^【?(基準値|現状値|目標値|目標)】?\s*(\(.*\))?$").unwrap());
static ENCLOSED_NUMBER: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(?:\(\d+\)|\d+\.)\s*").unwrap());

type Out = Vec<(usize, usize, Body)>;

/// Splits "name [description]" (brackets from the table, or after a `<br>`), or a name
/// followed by a note that is a whole sentence ("選挙投票率 前回実施した…指標化します。").
pub fn name_and_description(cell: &str) -> (String, Option<String>) {
    let cell = ENCLOSED_NUMBER.replace(cell, "").replace("(再掲)", "");
    let (name, description) = match BRACKET.captures(&cell) {
        Some(c) => (c[1].to_string(), Some(c[2].trim().to_string())),
        None => match cell.split_once(' ') {
            Some((name, note)) if note.trim_end().ends_with('。') => (name.to_string(), Some(note.trim().to_string())),
            _ => (cell.clone(), None),
        },
    };
    (normalize::tighten(&name), description)
}

fn with_year(mut v: Option<Value>, year: &Option<Year>) -> Option<Value> {
    if let Some(v) = v.as_mut() {
        if v.year.is_none() {
            v.year = year.clone();
        }
    }
    v
}

/// Records of every table the block pass finds, by the roles of its columns.
pub fn from_tables(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    for table in blocks::tables(vocabulary, &doc.lines) {
        let h = &table.header;
        if h.find(Role::Year) == Some(0) {
            series_rows(doc, &table, out);
        } else if h.has(Role::Name) && h.has(Role::Satisfaction) && h.value_columns().is_empty() {
            satisfaction_rows(&table, out);
        } else if !h.value_columns().is_empty() {
            indicator_rows(vocabulary, &table, out);
        } else if h.has(Role::Department) {
            measure_rows(vocabulary, &table, out);
        } else if h.has(Role::Plan) {
            plan_rows(&table, out);
        }
    }
}

/// The kind of indicator a table lists, from the header of its name column: 成果指標,
/// 重要業績評価指標(KPI), まちづくり指標 … or plain 指標 for 指標名 / 項目.
fn category(h: &Header, name_column: usize) -> String {
    // "財政健全化指標 | 成果指標 | …": the first column says which kind the rows are.
    let column = (0..name_column).find(|&i| h.role(i) == Some(Role::Name)).unwrap_or(name_column);
    let text = h.texts.get(column).map(|t| value::strip_years(t)).unwrap_or_default();
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if text.contains("指標") && !text.ends_with('名') && !text.ends_with("項目") {
        text
    } else if text.contains("KPI") {
        "KPI".to_string()
    } else {
        "指標".to_string()
    }
}

/// Which figure each value column gives: baseline, target, actual, or a step of a series.
struct Columns {
    name: usize,
    baseline: Option<usize>,
    target: Option<usize>,
    actual: Option<usize>,
    steps: Vec<usize>,
}

fn columns(h: &Header) -> Option<Columns> {
    let values = h.value_columns();
    let first_value = *values.first()?;
    // Several name-like columns ("財政健全化指標 | 成果指標"): the last before the figures names the row.
    let name = (0..h.columns.len())
        .filter(|&i| h.role(i) == Some(Role::Name))
        .rfind(|&i| i < first_value)
        .or_else(|| h.find(Role::Name))
        .unwrap_or(0);
    let of = |role: Role| values.iter().copied().filter(|&i| h.role(i) == Some(role)).collect::<Vec<_>>();
    let steps = of(Role::YearStep);
    let marked =
        |role: Role| steps.iter().copied().rfind(|&i| h.columns[i].as_ref().is_some_and(|l| l.mark == Some(role)));
    let mut baseline = of(Role::Baseline).first().copied().or_else(|| marked(Role::Baseline));
    let mut target = of(Role::Target).last().copied().or_else(|| marked(Role::Target));
    let bases = of(Role::Baseline);
    // "現状値 | 基準値(令和13年度)": with no target word, the later of two baselines is the target.
    if target.is_none() && bases.len() >= 2 {
        target = bases.last().copied();
    }
    if target.is_none() && baseline.is_none() && steps.len() >= 2 {
        baseline = steps.first().copied();
        target = steps.last().copied();
    }
    Some(Columns { name, baseline, target, actual: of(Role::Actual).first().copied(), steps })
}

fn cell(row: &[String], i: Option<usize>) -> Option<&str> {
    i.and_then(|i| row.get(i)).map(|c| c.as_str()).filter(|c| !c.is_empty())
}

/// A row whose cells do not line up with the header (merged cells of PDF tables): the name is
/// the cell before the first figure, and the figures fill the value columns in order.
fn realign(row: &[String], h: &Header, cols: &Columns) -> Option<Vec<String>> {
    let first = row.iter().position(|c| !c.is_empty() && looks_like_value(c))?;
    let name = row[..first].iter().rev().find(|c| !c.is_empty())?;
    let mut aligned = vec![String::new(); h.columns.len()];
    aligned[cols.name] = name.clone();
    let values: Vec<&String> = row[first..].iter().take_while(|c| looks_like_value(c)).collect();
    for (i, v) in h.value_columns().into_iter().zip(values) {
        aligned[i] = v.clone();
    }
    Some(aligned)
}

fn indicator_rows(vocabulary: &Vocabulary, table: &blocks::Table, out: &mut Out) {
    let h = &table.header;
    let Some(cols) = columns(h) else { return };
    let category = category(h, cols.name);
    let year_of = |i: Option<usize>| i.and_then(|i| h.columns[i].as_ref()).and_then(|l| l.year.clone());
    let unit_column = h.find(Role::Unit);
    for (no, row) in &table.rows {
        let lined_up = cell(row, Some(cols.name)).is_some_and(|n| !looks_like_value(n))
            && h.value_columns().iter().any(|&i| cell(row, Some(i)).is_some_and(looks_like_value));
        let row = if lined_up { row.clone() } else { realign(row, h, &cols).unwrap_or_default() };
        let Some(name_cell) = cell(&row, Some(cols.name)) else { continue };
        if vocabulary.is_word(name_cell) {
            continue;
        }
        let unit = cell(&row, unit_column).unwrap_or("");
        let value_at = |i: Option<usize>| {
            let mut v = with_year(cell(&row, i).and_then(|c| value::parse(c, *no)), &year_of(i));
            if let Some(v) = v.as_mut().filter(|v| v.unit.is_empty() && v.figure.is_some()) {
                v.unit = unit.to_string();
            }
            v
        };
        let (name, mut description) = name_and_description(name_cell);
        if description.is_none() {
            description = cell(&row, h.find(Role::Note)).map(str::to_string);
        }
        let mut indicator =
            Indicator::row(category.clone(), name, description, value_at(cols.baseline), value_at(cols.target));
        indicator.actual = value_at(cols.actual);
        if cols.steps.len() >= 2 {
            indicator.yearly = cols.steps.iter().filter_map(|&i| value_at(Some(i))).collect();
        }
        indicator.departments = cell(&row, h.find(Role::Department)).map(split_departments).unwrap_or_default();
        indicator.labels = value_labels(h);
        if indicator.baseline.is_none() && indicator.target.is_none() && indicator.actual.is_none() {
            continue;
        }
        out.push((*no, *no, Body::Indicator(Box::new(indicator))));
    }
}

/// The header words of a table's figure columns, years aside ("策定時", "目標", "KPI").
fn value_labels(h: &Header) -> Vec<String> {
    h.value_columns()
        .into_iter()
        .filter_map(|i| h.texts.get(i))
        .map(|t| value::strip_years(t).replace(['(', ')', ' '], ""))
        .filter(|t| !t.is_empty())
        .collect()
}

pub fn split_departments(text: &str) -> Vec<String> {
    text.split([' ', '・', '、', '/', ',']).map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect()
}

/// Tables with one row per year ("年度 | 不登校児童生徒数 | 区分"): each other column is an
/// indicator whose series the rows give; 区分 says which row is the baseline and the target.
fn series_rows(doc: &Doc, table: &blocks::Table, out: &mut Out) {
    let h = &table.header;
    let status = h.find(Role::Status);
    let Some(last) = table.rows.last().map(|(no, _)| *no) else { return };
    // A row is marked in a column of its own (区分: 実績・目標) or inside the figure ("380人(基準値)").
    let marks = |row: &[String], word: &str| cell(row, status).is_some_and(|s| s.contains(word));
    // Without a 区分 column, a figure marked (基準値) marks its whole row as the baseline year:
    // the other measures' figures of that row (even "－") are their baselines too.
    let base_row = status
        .is_none()
        .then(|| table.rows.iter().position(|(_, row)| row.iter().skip(1).any(|c| c.contains("基準"))))
        .flatten();
    for column in 1..h.columns.len() {
        if h.columns[column].is_some() {
            continue;
        }
        let Some(title) = h.texts.get(column).filter(|t| !t.is_empty()) else { continue };
        let mut yearly = Vec::new();
        let (mut based, mut actual, mut target) = (None, None, None);
        for (at, (no, row)) in table.rows.iter().enumerate() {
            let Some(text) = cell(row, Some(column)) else { continue };
            let Some(mut v) = value::parse(text, *no) else { continue };
            v.year = cell(row, Some(0)).and_then(|c| value::years_in(c).into_iter().next());
            if marks(row, "目標") || text.contains("目標") {
                target = Some(v.clone());
            } else if marks(row, "基準") || base_row == Some(at) {
                based = Some(v.clone());
            } else if base_row.is_some_and(|b| at > b) {
                // After a marked baseline, the unmarked years of the table are its targets.
                target = Some(v.clone());
            } else if status.is_none() || marks(row, "実績") {
                actual = Some(v.clone());
            }
            yearly.push(v);
        }
        let baseline = based.or(actual);
        if yearly.is_empty() {
            continue;
        }
        // A heading right above the table often names the indicator in full (貸出冊数 →
        // 町立図書館の年間貸出冊数).
        let (name, first) = heading_naming(doc, h.line, title).unwrap_or((title.clone(), h.line));
        let mut indicator = Indicator::row("指標", name, None, baseline, target);
        indicator.yearly = yearly;
        out.push((first, last, Body::Indicator(Box::new(indicator))));
    }
}

fn tab_cells(line: &Line) -> Vec<String> {
    line.text.trim().split('\t').map(|c| c.trim().to_string()).collect()
}

fn heading_naming(doc: &Doc, header_line: usize, title: &str) -> Option<(String, usize)> {
    let above = doc.lines[..header_line.saturating_sub(1)].iter().rev().filter(|l| !l.text.is_empty()).take(1);
    above
        .map(|l| (l.text.trim_start_matches(['#', ' ', '■', '◆', '●']).to_string(), l.no))
        .find(|(t, _)| t.contains(title) && t.chars().count() <= 40)
}

fn satisfaction_rows(table: &blocks::Table, out: &mut Out) {
    let h = &table.header;
    let (Some(name), Some(share)) = (h.find(Role::Name), h.find(Role::Satisfaction)) else { return };
    let before = h.find(Role::Previous);
    for (no, row) in &table.rows {
        let (Some(item), Some(v)) = (cell(row, Some(name)), cell(row, Some(share)).and_then(|c| value::parse(c, *no)))
        else {
            continue;
        };
        // 「前回（令和2年度）」: the share of the survey before, dated by its header.
        let year = before.and_then(|c| h.columns[c].as_ref()).and_then(|l| l.year.clone());
        let previous = cell(row, before)
            .and_then(|c| value::parse(c, *no))
            .filter(|p| p.figure.is_some())
            .map(|p| Value { year: year.clone(), ..p });
        if v.figure.is_some() {
            out.push((*no, *no, Body::Satisfaction(Satisfaction { item: item.to_string(), value: v, previous })));
        }
    }
}

/// Measures with their department: "取組名 | 取組内容 | 担当課", "事業番号 | 事業名 | … | 実行課".
fn measure_rows(vocabulary: &Vocabulary, table: &blocks::Table, out: &mut Out) {
    let h = &table.header;
    let Some(department) = h.find(Role::Department) else { return };
    let content = h.find(Role::Content);
    let Some(name) = h.find(Role::Measure).or(content) else { return };
    let content = content.filter(|&c| c != name);
    for (no, row) in &table.rows {
        let Some(title) = cell(row, Some(name)) else { continue };
        if vocabulary.is_word(title) {
            continue;
        }
        let measure = Measure {
            category: "具体的な取組".to_string(),
            number: cell(row, h.find(Role::Number)).map(str::to_string),
            name: title.to_string(),
            content: cell(row, content).map(str::to_string),
            department_role: h.texts.get(department).cloned(),
            departments: cell(row, Some(department)).map(split_departments).unwrap_or_default(),
            area: None,
            start: None,
        };
        out.push((*no, *no, Body::Measure(measure)));
    }
}

/// 関連計画 tables: 計画名 | 計画期間 | 概要.
fn plan_rows(table: &blocks::Table, out: &mut Out) {
    let h = &table.header;
    let (Some(name), period) = (h.find(Role::Plan), h.find(Role::Period)) else { return };
    for (no, row) in &table.rows {
        let Some(title) = cell(row, Some(name)) else { continue };
        let summary =
            (0..row.len()).find(|&i| i != name && Some(i) != period && !row[i].is_empty()).map(|i| row[i].clone());
        let plan = Plan { name: title.to_string(), period: cell(row, period).map(str::to_string), summary };
        out.push((*no, *no, Body::Plan(plan)));
    }
}

/// Yearly target tables: "指標名\tNAME", "目標値\t令和元年度(現状値)\t令和2年度 …" and a row of
/// values; or "目標値は設定しない。" where the plan sets none.
pub fn yearly_tables(doc: &Doc, out: &mut Out) {
    let lines = &doc.lines;
    for (i, line) in lines.iter().enumerate() {
        if line.text.starts_with("目標値は設定しない") {
            let indicator = Indicator {
                category: "成果指標".to_string(),
                name: doc.sections[i].title.clone(),
                description: None,
                baseline: None,
                target: None,
                yearly: Vec::new(),
                note: Some(line.text.clone()),
                actual: None,
                departments: Vec::new(),
                labels: Vec::new(),
            };
            out.push((line.no, line.no, Body::Indicator(Box::new(indicator))));
            continue;
        }
        let c = tab_cells(line);
        let Some(at) = c.iter().position(|x| x == "指標名") else { continue };
        let Some(name) = c.get(at + 1).filter(|n| !n.is_empty()) else { continue };
        // The header of years and the row of values follow within a few lines.
        let Some(h) = (i + 1..(i + 5).min(lines.len())).find(|&j| lines[j].text.contains("目標値\t")) else {
            continue;
        };
        let Some(v) = lines.get(h + 1) else { continue };
        let years: Vec<String> = tab_cells(&lines[h]).into_iter().skip_while(|x| x != "目標値").skip(1).collect();
        let values: Vec<String> = tab_cells(v).into_iter().filter(|x| !x.is_empty()).collect();
        let mut yearly: Vec<Value> = Vec::new();
        let mut baseline = None;
        for (label, cell) in years.iter().zip(values.iter()) {
            let Some(mut value) = value::parse(cell, v.no) else { continue };
            value.year = value::years_in(label).into_iter().next();
            if label.contains("現状値") {
                baseline = Some(value.clone());
            }
            yearly.push(value);
        }
        let reason = (i + 1..h).find_map(|j| {
            let c = tab_cells(&lines[j]);
            c.iter().position(|x| x == "設定理由").and_then(|p| c.get(p + 1).cloned())
        });
        let indicator = Indicator {
            category: "成果指標".to_string(),
            name: name.clone(),
            description: reason,
            baseline,
            target: yearly.last().cloned(),
            yearly,
            note: None,
            actual: None,
            departments: Vec::new(),
            labels: Vec::new(),
        };
        out.push((line.no, v.no, Body::Indicator(Box::new(indicator))));
    }
}

/// Blocks of a heading, a description and labelled values, in either order:
/// "## 職員提案の提案数 / 説明 / 基準値(令和2年度) / 目標(令和5年度) / 20 件 / 30 件".
pub fn labelled_blocks(doc: &Doc, out: &mut Out) {
    let lines = &doc.lines;
    let mut category = "参考指標";
    for (i, line) in lines.iter().enumerate() {
        let Some(heading) = line.text.strip_prefix('#').map(|t| t.trim_start_matches('#').trim()) else {
            continue;
        };
        if heading.contains("参考指標") {
            category = "参考指標";
            continue;
        }
        let block: Vec<&Line> =
            lines[i + 1..].iter().take_while(|l| !l.text.starts_with('#')).filter(|l| !l.text.is_empty()).collect();
        let labels: Vec<(&str, Option<Year>)> = block
            .iter()
            .filter_map(|l| LABEL.captures(&l.text))
            .map(|c| {
                (c.get(1).unwrap().as_str(), c.get(2).and_then(|y| value::years_in(y.as_str()).into_iter().next()))
            })
            .collect();
        let values: Vec<&&Line> = block.iter().filter(|l| looks_like_value(&l.text)).collect();
        if labels.is_empty() || values.is_empty() {
            continue;
        }
        let texts: Vec<&&Line> =
            block.iter().filter(|l| !LABEL.is_match(&l.text) && !looks_like_value(&l.text)).collect();
        let (name, description, cat) = if heading == "政策指標" {
            let Some(first) = texts.first() else { continue };
            (first.text.clone(), None, "政策指標")
        } else {
            (heading.replace("(再掲)", "").trim().to_string(), texts.first().map(|l| l.text.clone()), category)
        };
        let mut baseline = None;
        let mut target = None;
        for ((label, year), line) in labels.iter().zip(values.iter()) {
            let mut v = value::parse(&line.text, line.no);
            if let Some(v) = v.as_mut() {
                v.year = year.clone();
            }
            if matches!(*label, "基準値" | "現状値") {
                baseline = v;
            } else {
                target = v;
            }
        }
        let end = values.last().map_or(line.no, |l| l.no);
        let indicator = Indicator::row(cat.to_string(), name, description, baseline, target);
        out.push((line.no, end, Body::Indicator(Box::new(indicator))));
    }
}

#[cfg(test)]
mod tests {
    use super::super::Doc;
    use super::*;

    fn general(doc: &Doc, out: &mut Out) {
        from_tables(doc, &Vocabulary::built_in(), out)
    }

    fn indicators(text: &str, f: fn(&Doc, &mut Out)) -> Vec<(usize, usize, Indicator)> {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        f(&doc, &mut out);
        out.into_iter()
            .filter_map(|(a, b, body)| match body {
                Body::Indicator(i) => Some((a, b, *i)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn satisfaction_with_the_survey_before() {
        let doc = Doc::from_text(
            "| 調査項目 | 満足度 | 前回（令和３年度） |\n|---|---|---|\n| 除雪の対応 | ５２．０％ | ４８．５％ |",
        );
        let mut out = Vec::new();
        general(&doc, &mut out);
        let Some((3, 3, Body::Satisfaction(s))) = out.first() else { panic!("{out:?}") };
        assert_eq!(s.value.figure.as_deref(), Some("52.0"));
        let before = s.previous.as_ref().unwrap();
        assert_eq!((before.figure.as_deref(), before.year.as_ref().unwrap().fiscal), (Some("48.5"), 2021));
    }

    #[test]
    fn pipe_table_rows_with_descriptions_and_qualifiers() {
        let text = "| 成果指標   | 現状値   | 目標値          |\n|--|-------|--------------|\n| <b>経常収支比率*</b><br>[財政運営の弾力性を示す指標] | 87.6% | 90%以内        |\n| <b>20歳代・30歳代の転入超過人口</b><br>[転入人口－転出人口] | -43人  | 0人<br>(移動均衡) |";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2);
        let (line, _, first) = &rows[0];
        assert_eq!((*line, first.name.as_str()), (3, "経常収支比率"));
        assert_eq!(first.description.as_deref(), Some("財政運営の弾力性を示す指標"));
        assert_eq!(first.target.as_ref().unwrap().display(), "90%以内");
        let second = &rows[1].2;
        assert_eq!(second.baseline.as_ref().unwrap().number, Some(-43.0));
        assert_eq!(second.target.as_ref().unwrap().qualifier.as_deref(), Some("移動均衡"));
    }

    #[test]
    fn tab_rows_with_arrows_and_split_units() {
        let text = "成果指標\t現状値\t目標値\nマイナンバーカードの交付率\t36.1 % ▶▶\t100.0 %\n市民提案型事業数 [市民活動団体等が企画・立案し、行政と協働で行う事業数]\t— ▶▶\t2 件";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().display(), "36.1%");
        assert_eq!(rows[0].2.target.as_ref().unwrap().display(), "100.0%");
        assert_eq!(rows[1].2.name, "市民提案型事業数");
        assert_eq!(rows[1].2.baseline.as_ref().unwrap().raw, "—");
        assert_eq!(rows[1].2.target.as_ref().unwrap().display(), "2件");
    }

    #[test]
    fn tab_rows_with_years_in_a_second_header_row() {
        let text = "財政健全化指標\t成果指標\t現状値\t基準値\n\t\t(令和2年度)\t(令和13年度)\n財政健全化指標\t①実質赤字比率\t-5.76%\t12.58%未満\n\t②連結実質赤字比率\t-14.06%\t17.58%未満";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].2.name, "連結実質赤字比率");
        assert_eq!(rows[1].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2031);
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().year.as_ref().unwrap().label, "令和2年度");
    }

    #[test]
    fn yearly_target_tables() {
        let text = "\t指標名\t市税現年収納率\t\t\t\t\n①\t設定理由\t自発的な納税の定着\t\t\t\t\n\t目標値\t令和元年度(現状値)\t令和2年度\t令和3年度\t令和4年度\t令和5年度\n\t\t98.73%\t98.78%\t98.83%\t98.88%\t98.93%";
        let rows = indicators(text, yearly_tables);
        assert_eq!(rows.len(), 1);
        let (line, end, ind) = &rows[0];
        assert_eq!((*line, *end), (1, 4));
        assert_eq!(ind.baseline.as_ref().unwrap().display(), "98.73%");
        assert_eq!(ind.baseline.as_ref().unwrap().year.as_ref().unwrap().label, "令和元年度");
        assert_eq!(ind.target.as_ref().unwrap().display(), "98.93%");
        assert_eq!(ind.yearly.len(), 5);
        assert_eq!(ind.yearly[3].year.as_ref().unwrap().fiscal, 2022);
    }

    #[test]
    fn columns_in_any_order_with_units_departments_and_years() {
        let text = "| 方向性 | 目標（指標）名 | 目標（令和１０年度） | 策定時（令和４年度） |\n|:---:|---|---:|---:|\n| ↑ | 自治会加入率 | ７５．０％ | ６８．２％ |";
        let rows = indicators(text, general);
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().figure.as_deref(), Some("68.2"));
        assert_eq!(rows[0].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2028);

        let text = "指標\t担当部署\t基準値\t目標値\n新規就農者数\t農政課\t年４人\t年６～８人";
        let rows = indicators(text, general);
        assert_eq!(rows[0].2.departments, ["農政課"]);
        assert_eq!(rows[0].2.target.as_ref().unwrap().figure.as_deref(), Some("6~8"));

        let text = "| 目標（指標）名 | 単位 | 策定時 | 目標 |\n|---|---|---|---|\n| 防災訓練の参加者数 | 人 | － | ３，０００ |";
        let rows = indicators(text, general);
        assert_eq!(rows[0].2.target.as_ref().unwrap().display(), "3,000人");
        assert!(rows[0].2.baseline.as_ref().unwrap().figure.is_none());
    }

    #[test]
    fn series_by_column_and_by_row() {
        let text = "| 評価指標 | 令和５年度（実績） | 令和６年度 | 令和９年度（目標） |\n|---|---|---|---|\n| 授業が分かる割合 | ７８．４％ | ８０．０％ | ８５．０％ |";
        let rows = indicators(text, general);
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().figure.as_deref(), Some("78.4"));
        assert_eq!(rows[0].2.target.as_ref().unwrap().figure.as_deref(), Some("85.0"));
        assert_eq!(rows[0].2.yearly.len(), 3);

        let text = "### 町立図書館の年間貸出冊数\n\n年度          貸出冊数        区分\n令和４年度    ９２，１８０冊  実績\n令和５年度    ９５，６００冊  実績（基準値）\n令和９年度    １１０，０００冊  目標値";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 1);
        let (line, end, ind) = &rows[0];
        assert_eq!((*line, *end, ind.name.as_str()), (1, 6, "町立図書館の年間貸出冊数"));
        assert_eq!(ind.baseline.as_ref().unwrap().figure.as_deref(), Some("95,600"));
        assert_eq!(ind.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2027);
    }

    #[test]
    fn years_down_the_side_with_several_measures_across() {
        let text = "年度別の目標\n年度　　　　図書館の来館者数　　　読み聞かせ会の参加者数\n令和２年度　　－　　　　　　　　　　２１０人（基準値）\n令和４年度　　８，０００人　　　　　　２３０人\n令和６年度　　９，５００人　　　　　　２６０人\n";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2, "{rows:?}");
        let reading = &rows[1].2;
        assert_eq!(reading.name, "読み聞かせ会の参加者数");
        assert_eq!(reading.baseline.as_ref().unwrap().number, Some(210.0));
        assert_eq!(reading.target.as_ref().unwrap().number, Some(260.0));
        assert_eq!(reading.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2024);
        // The row marked (基準値) is the baseline year of every measure of the table.
        assert_eq!(rows[0].2.name, "図書館の来館者数");
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().line, 3);
        assert_eq!(rows[0].2.target.as_ref().unwrap().number, Some(9500.0));
    }

    #[test]
    fn a_plan_that_sets_no_target_says_so() {
        let rows = indicators("目標値は設定しない。", yearly_tables);
        assert_eq!(rows[0].2.note.as_deref(), Some("目標値は設定しない。"));
        assert!(rows[0].2.target.is_none());
    }

    #[test]
    fn labelled_blocks_in_either_order() {
        let text = "## 職員提案の提案数\n\n石岡市職員提案に関する要綱に準ずる提案の数(年間)\n\n基準値(令和2年度)\n\n目標(令和5年度)\n\n20 件\n\n30 件\n\n## 研修の紹介\n\n研修を行っています。\n\n### 連携協定数\n\n協定の数\n\n基準値(令和2年度)\n\n97 件\n\n目標(令和9年度)\n\n104 件";
        let rows = indicators(text, labelled_blocks);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].2.name, "職員提案の提案数");
        assert_eq!(rows[0].2.target.as_ref().unwrap().display(), "30件");
        assert_eq!(rows[0].2.target.as_ref().unwrap().line, 11);
        assert_eq!(rows[1].2.baseline.as_ref().unwrap().display(), "97件");
        assert_eq!(rows[1].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2027);
    }
}
