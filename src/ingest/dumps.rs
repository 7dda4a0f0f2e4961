//! PDF table dumps: a table flattened into long lines of space-separated tokens, the header
//! words first ("指標名 単位 基準値(R3) 目標値(R12) name unit 1,284 770 name unit 14 30 …"), or
//! a header line followed by one row a line with the columns' figures in order.
//!
//! A row is read as: name tokens, the unit token when the header has a unit column, then the
//! figures of the value columns (a qualifier token such as 以上 joins the figure before it;
//! tokens naming a year annotate the next figure), then the tokens of trailing text columns.
//! A row with fewer figures than the header has columns is no row. Each line is read once.

use super::record::{Body, Indicator};
use super::roles::{Label, Role, Vocabulary};
use super::tables::name_and_description;
use super::value::{self, looks_like_value, Value};
use super::Doc;

type Out = Vec<(usize, usize, Body)>;

/// Lines after a header line that may still hold its rows.
const MAX_ROW_LINES: usize = 40;

/// The columns after the name: value roles (with years) and how many text columns follow.
#[derive(Debug)]
struct Columns {
    unit: bool,
    values: Vec<Label>,
    trailing: usize,
}

pub fn tables(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let mut current: Option<(Columns, usize)> = None;
    for line in &doc.lines {
        if line.text.contains(['\t', '|']) || !line.cells.is_empty() {
            current = None;
            continue;
        }
        let tokens: Vec<&str> = line.text.split(' ').filter(|t| !t.is_empty()).collect();
        if let Some((columns, at)) = header(vocabulary, &tokens) {
            let found = rows(&tokens[at..], &columns, line.no, out);
            current = (found > 0 || at == tokens.len()).then_some((columns, line.no));
            continue;
        }
        let Some((columns, header_line)) = current.as_ref() else { continue };
        if line.text.is_empty() {
            continue;
        }
        if line.no > header_line + MAX_ROW_LINES || rows(&tokens, columns, line.no, out) == 0 {
            current = None;
        }
    }
}

/// A header inside the tokens: a run of labelled tokens with a name (or a first value column)
/// and value columns. Returns the columns and the index of the first token after the header.
fn header(vocabulary: &Vocabulary, tokens: &[&str]) -> Option<(Columns, usize)> {
    let labels: Vec<Option<Label>> = tokens.iter().map(|t| vocabulary.label(t)).collect();
    let mut start = 0;
    while start < tokens.len() {
        let mut end = start;
        while end < tokens.len() && labels[end].is_some() {
            end += 1;
        }
        if end - start >= 2 {
            if let Some(columns) = columns(&labels[start..end]) {
                return Some((columns, end));
            }
        }
        start = end + 1;
    }
    None
}

fn columns(run: &[Option<Label>]) -> Option<Columns> {
    let run: Vec<&Label> = run.iter().flatten().collect();
    // The columns start after the last name word (「環境指標 指標名 …」), or at the first figure.
    let from = run.iter().rposition(|l| l.role == Role::Name).map_or(0, |i| i + 1);
    let named = from > 0;
    let mut values: Vec<Label> = Vec::new();
    let mut unit = false;
    let mut trailing = 0;
    let mut year = None;
    for label in &run[from..] {
        match label.role {
            // "平成28年度 中間実績値": a bare year names the column after it.
            Role::YearStep if label.mark.is_none() && label.text.chars().count() <= 8 => year = label.year.clone(),
            Role::Unit if values.is_empty() => unit = true,
            r if r.is_value() => {
                let mut l = (*label).clone();
                l.year = l.year.or(year.take());
                values.push(l);
                trailing = 0;
            }
            Role::Note | Role::Department | Role::Direction => trailing += 1,
            _ => return None,
        }
    }
    let enough = if named { !values.is_empty() } else { values.len() >= 2 };
    enough.then_some(Columns { unit, values, trailing })
}

/// Whether a token holds a figure of a row: a value, a dash, or a word value.
fn is_figure(token: &str) -> bool {
    (looks_like_value(token) && token != "%") || matches!(token, "増加" | "減少" | "維持" | "現状維持")
}

/// A token that only says when ("H27年度現在", "H31年度予測"): it annotates the next figure.
fn is_when(token: &str) -> bool {
    !is_figure(token) && !value::years_in(token).is_empty() && token.chars().count() <= 10
}

const QUALIFIERS: &[&str] = &["以上", "以下", "未満", "以内", "超"];

/// Reads the rows of a token run; returns how many it found.
fn rows(tokens: &[&str], columns: &Columns, line: usize, out: &mut Out) -> usize {
    let k = columns.values.len();
    let mut found = 0;
    let mut i = 0;
    while i < tokens.len() {
        let name_start = i;
        while i < tokens.len() && !is_figure(tokens[i]) && !is_when(tokens[i]) {
            i += 1;
        }
        let mut name: Vec<&str> = tokens[name_start..i].to_vec();
        let unit = if columns.unit && name.len() >= 2 { name.pop() } else { None };
        let mut figures: Vec<String> = Vec::new();
        while i < tokens.len() && (is_figure(tokens[i]) || is_when(tokens[i]) || QUALIFIERS.contains(&tokens[i])) {
            if QUALIFIERS.contains(&tokens[i]) {
                if let Some(last) = figures.last_mut() {
                    last.push_str(tokens[i]);
                }
            } else if is_figure(tokens[i]) {
                figures.push(tokens[i].to_string());
            }
            i += 1;
        }
        if name.is_empty() || figures.len() < k {
            if i == name_start {
                i += 1;
            }
            continue;
        }
        // More figures than columns ("127件 H31年度予測 144件 139件 127件"): the first is the
        // baseline, the rest fill the columns from the right.
        let extra = figures.len() - k;
        let chosen: Vec<&String> =
            figures.iter().take(1).chain(figures.iter().skip(1 + extra)).take(k).collect();
        let chosen: Vec<&String> = if extra == 0 { figures.iter().collect() } else { chosen };
        let value_of = |role: Role| -> Option<Value> {
            let at = columns.values.iter().position(|l| l.role == role)?;
            let mut v = value::parse(chosen.get(at)?, line)?;
            v.year = columns.values[at].year.clone();
            if v.unit.is_empty() && v.figure.is_some() {
                v.unit = unit.unwrap_or("").to_string();
            }
            Some(v)
        };
        let (title, description) = name_and_description(&name.join(" "));
        let mut indicator = Indicator::row("指標", title, description, value_of(Role::Baseline), value_of(Role::Target));
        indicator.actual = value_of(Role::Actual);
        out.push((line, line, Body::Indicator(Box::new(indicator))));
        found += 1;
        i += columns.trailing.min(tokens.len() - i);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        tables(&doc, &Vocabulary::built_in(), &mut out);
        let fig = |v: &Option<Value>| v.as_ref().and_then(|v| v.figure.clone());
        out.into_iter()
            .filter_map(|(_, _, b)| match b {
                Body::Indicator(i) => Some((i.name.clone(), fig(&i.baseline), fig(&i.target))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_whole_table_on_one_line() {
        let got = read("環境指標 指標名 単位 基準値（R3） 目標値（R12） 市域の排出量 千t-CO2 1,284 770 リサイクル率 % 18.2 25.0 以上 森林ボランティアの活動日数 日 ― 120");
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], ("市域の排出量".to_string(), Some("1,284".into()), Some("770".into())));
        assert_eq!(got[2].1, None);
    }

    #[test]
    fn a_header_line_and_rows_with_columns_out_of_order() {
        let got = read("数値目標項目 基準値 KPI 実績値 進捗状況\n空き店舗数増加の抑制 H27年度現在 127件 H31年度予測 144件 139件 127件 その他\n新規就農者数 - 3人 0人 その他\n現状での主要な成果");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], ("空き店舗数増加の抑制".to_string(), Some("127".into()), Some("139".into())));
        assert_eq!(got[1], ("新規就農者数".to_string(), None, Some("3".into())));
    }
}
