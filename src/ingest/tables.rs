//! Indicator tables in the layouts the plans use: markdown pipe tables, tab-separated rows
//! (with ▶▶ between 現状値 and 目標値), yearly target tables (令和元年度〜令和5年度), and
//! free-form blocks of a name, a description and labelled values (参考指標, 政策指標).

use once_cell::sync::Lazy;
use regex::Regex;

use super::normalize;
use super::record::{Body, Indicator, Measure, Plan};
use super::value::{self, looks_like_value, Value, Year};
use super::{Doc, Line};

/// Header words that name the indicator column of a table.
const INDICATOR_HEADERS: &[&str] = &["成果指標", "財政健全化指標", "政策指標", "参考指標"];
/// Header words of value columns: the first is the baseline, the last the target.
const VALUE_HEADERS: &[&str] = &["現状値", "基準値", "目標値", "目標"];

static BRACKET: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(.*?)\s*[\[【](.+)[\]】]\s*$").unwrap());
static LABEL: Lazy<Regex> = Lazy::new(|| Regex::new(r"^【?(基準値|現状値|目標値|目標)】?\s*(\(.*\))?$").unwrap());
static ENCLOSED_NUMBER: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\(\d+\)\s*").unwrap());

fn cells(line: &Line, sep: char) -> Vec<String> {
    let text = line.text.trim().trim_matches('|');
    text.split(sep).map(|c| c.trim().to_string()).collect()
}

fn is_indicator_header(cells: &[String]) -> bool {
    cells.iter().any(|c| INDICATOR_HEADERS.iter().any(|h| c.starts_with(h)))
        && cells.iter().any(|c| VALUE_HEADERS.iter().any(|h| c.starts_with(h)))
}

/// Splits "name [description]" (brackets from the table, or after a `<br>`), or a name
/// followed by a note that is a whole sentence ("選挙投票率 前回実施した…指標化します。").
fn name_and_description(cell: &str) -> (String, Option<String>) {
    let cell = cell.replace("(再掲)", "");
    let (name, description) = match BRACKET.captures(&cell) {
        Some(c) => (c[1].to_string(), Some(c[2].trim().to_string())),
        None => match cell.split_once(' ') {
            Some((name, note)) if note.trim_end().ends_with('。') => (name.to_string(), Some(note.trim().to_string())),
            _ => (cell.clone(), None),
        },
    };
    (normalize::tighten(&name), description)
}

/// Years named in the header cells of the baseline and target columns.
fn header_years(header: &[String], extra: Option<&[String]>) -> (Option<Year>, Option<Year>) {
    let mut years: Vec<Option<Year>> = header
        .iter()
        .filter(|c| VALUE_HEADERS.iter().any(|h| c.starts_with(h)))
        .map(|c| value::years_in(c).into_iter().next())
        .collect();
    if let Some(extra) = extra {
        let more: Vec<Option<Year>> =
            extra.iter().filter(|c| !c.is_empty()).map(|c| value::years_in(c).into_iter().next()).collect();
        if more.len() == years.len() {
            years = more;
        }
    }
    let first = years.first().cloned().flatten();
    let last = if years.len() > 1 { years.last().cloned().flatten() } else { None };
    (first, last)
}

fn with_year(mut v: Option<Value>, year: &Option<Year>) -> Option<Value> {
    if let Some(v) = v.as_mut() {
        v.year = year.clone();
    }
    v
}

/// Markdown pipe tables: indicator tables and 関連計画 tables.
pub fn pipe_tables(doc: &Doc, out: &mut Vec<(usize, usize, Body)>) {
    let mut i = 0;
    while i < doc.lines.len() {
        if !doc.lines[i].text.starts_with('|') {
            i += 1;
            continue;
        }
        let start = i;
        while i < doc.lines.len() && doc.lines[i].text.starts_with('|') {
            i += 1;
        }
        let rows: Vec<&Line> = doc.lines[start..i].iter().filter(|l| !l.text.contains("---")).collect();
        let Some((header, body)) = rows.split_first() else { continue };
        let header = cells(header, '|');
        if is_indicator_header(&header) {
            let (base_year, target_year) = header_years(&header, None);
            for row in body {
                let c = cells(row, '|');
                if c.len() < 3 {
                    continue;
                }
                let (name, description) = name_and_description(&c[0]);
                let baseline = with_year(value::parse(&c[c.len() - 2], row.no), &base_year);
                let target = with_year(value::parse(&c[c.len() - 1], row.no), &target_year);
                let indicator = Indicator::row(header[0].clone(), name, description, baseline, target);
                out.push((row.no, row.no, Body::Indicator(Box::new(indicator))));
            }
        } else if header.iter().any(|c| c == "計画名") && header.iter().any(|c| c == "計画期間") {
            for row in body {
                let c = cells(row, '|');
                if c.len() >= 2 && !c[0].is_empty() {
                    let summary = c.get(2).filter(|s| !s.is_empty()).cloned();
                    let plan = Plan { name: c[0].clone(), period: Some(c[1].clone()), summary };
                    out.push((row.no, row.no, Body::Plan(plan)));
                }
            }
        }
    }
}

/// Tab-separated tables: indicator rows ("name\t82.31 % ▶▶\t85.00 %") and 取組 rows
/// ("取組名\t取組内容\t担当課").
pub fn tab_tables(doc: &Doc, out: &mut Vec<(usize, usize, Body)>) {
    let lines = &doc.lines;
    let mut i = 0;
    while i < lines.len() {
        let header = cells(&lines[i], '\t');
        if !lines[i].text.contains('\t') {
            i += 1;
            continue;
        }
        if is_indicator_header(&header) {
            i = indicator_rows(lines, i, &header, out);
        } else if header.first().is_some_and(|c| c == "取組名") && header.iter().any(|c| c == "担当課") {
            i = measure_rows(lines, i, out);
        } else {
            i += 1;
        }
    }
}

fn indicator_rows(lines: &[Line], at: usize, header: &[String], out: &mut Vec<(usize, usize, Body)>) -> usize {
    let mut i = at + 1;
    // A second header row may carry the years: "\t\t(令和2年度)\t(令和13年度)".
    let years_row = lines
        .get(i)
        .map(|l| cells(l, '\t'))
        .filter(|c| c.iter().all(|x| x.is_empty() || !value::years_in(x).is_empty() && !looks_like_value(x)));
    if years_row.is_some() {
        i += 1;
    }
    let (base_year, target_year) = header_years(header, years_row.as_deref());
    let category = header.iter().find(|c| INDICATOR_HEADERS.contains(&c.as_str())).cloned().unwrap_or_default();
    while i < lines.len() && lines[i].text.contains('\t') {
        let c = cells(&lines[i], '\t');
        let texts: Vec<&String> = c.iter().filter(|x| !x.is_empty()).collect();
        if texts.len() >= 3 {
            let name_cell = texts[texts.len() - 3];
            let (name, description) = name_and_description(&ENCLOSED_NUMBER.replace(name_cell, ""));
            let indicator = Indicator::row(
                category.clone(),
                name,
                description,
                with_year(value::parse(texts[texts.len() - 2], lines[i].no), &base_year),
                with_year(value::parse(texts[texts.len() - 1], lines[i].no), &target_year),
            );
            out.push((lines[i].no, lines[i].no, Body::Indicator(Box::new(indicator))));
        }
        i += 1;
    }
    i
}

fn measure_rows(lines: &[Line], at: usize, out: &mut Vec<(usize, usize, Body)>) -> usize {
    let mut i = at + 1;
    while i < lines.len() && lines[i].text.contains('\t') {
        let c = cells(&lines[i], '\t');
        if c.len() >= 3 && !c[0].is_empty() {
            let departments = c[2].split([' ', '・', '、']).filter(|d| !d.is_empty()).map(String::from).collect();
            let measure = Measure {
                category: "具体的な取組".to_string(),
                number: None,
                name: c[0].clone(),
                content: Some(c[1].clone()),
                department_role: Some("担当課".to_string()),
                departments,
                area: None,
                start: None,
            };
            out.push((lines[i].no, lines[i].no, Body::Measure(measure)));
        }
        i += 1;
    }
    i
}

/// Yearly target tables: "指標名\tNAME", "目標値\t令和元年度(現状値)\t令和2年度 …" and a row of
/// values; or "目標値は設定しない。" where the plan sets none.
pub fn yearly_tables(doc: &Doc, out: &mut Vec<(usize, usize, Body)>) {
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
            };
            out.push((line.no, line.no, Body::Indicator(Box::new(indicator))));
            continue;
        }
        let c = cells(line, '\t');
        let Some(at) = c.iter().position(|x| x == "指標名") else { continue };
        let Some(name) = c.get(at + 1).filter(|n| !n.is_empty()) else { continue };
        // The header of years and the row of values follow within a few lines.
        let Some(h) = (i + 1..(i + 5).min(lines.len())).find(|&j| lines[j].text.contains("目標値\t")) else {
            continue;
        };
        let Some(v) = lines.get(h + 1) else { continue };
        let years: Vec<String> = cells(&lines[h], '\t').into_iter().skip_while(|x| x != "目標値").skip(1).collect();
        let values: Vec<String> = cells(v, '\t').into_iter().filter(|x| !x.is_empty()).collect();
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
            let c = cells(&lines[j], '\t');
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
        };
        out.push((line.no, v.no, Body::Indicator(Box::new(indicator))));
    }
}

/// Blocks of a heading, a description and labelled values, in either order:
/// "## 職員提案の提案数 / 説明 / 基準値(令和2年度) / 目標(令和5年度) / 20 件 / 30 件".
pub fn labelled_blocks(doc: &Doc, out: &mut Vec<(usize, usize, Body)>) {
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

    fn indicators(text: &str, f: fn(&Doc, &mut Vec<(usize, usize, Body)>)) -> Vec<(usize, usize, Indicator)> {
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
    fn pipe_table_rows_with_descriptions_and_qualifiers() {
        let text = "| 成果指標   | 現状値   | 目標値          |\n|--|-------|--------------|\n| <b>経常収支比率*</b><br>[財政運営の弾力性を示す指標] | 87.6% | 90%以内        |\n| <b>20歳代・30歳代の転入超過人口</b><br>[転入人口－転出人口] | -43人  | 0人<br>(移動均衡) |";
        let rows = indicators(text, pipe_tables);
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
        let rows = indicators(text, tab_tables);
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
        let rows = indicators(text, tab_tables);
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
