//! Indicators as open data: one flat row per indicator with the columns a data portal expects
//! (全国地方公共団体コード, plan, section, baseline and target with value/unit/year, qualifier,
//! yearly targets, source file and line), written as CSV or JSON. docs/indicators.schema.json
//! documents the row; a test keeps the two in step.

use std::collections::HashMap;

use serde::Serialize;

use crate::ingest::record::{Body, Record};
use crate::ingest::value::Value;
use crate::ingest::Catalog;

/// One yearly target of a plan's table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub year: Option<String>,
    pub fiscal_year: Option<i32>,
    pub value: Option<f64>,
    pub unit: String,
    /// As the plan writes it: "98.73%".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub municipality_code: Option<String>,
    pub municipality: Option<String>,
    pub plan: String,
    pub plan_period: Option<String>,
    pub section: String,
    pub category: String,
    pub indicator: String,
    pub description: Option<String>,
    pub baseline: Option<String>,
    pub baseline_value: Option<f64>,
    pub baseline_unit: Option<String>,
    pub baseline_year: Option<String>,
    pub baseline_fiscal_year: Option<i32>,
    pub target: Option<String>,
    pub target_value: Option<f64>,
    pub target_unit: Option<String>,
    pub target_year: Option<String>,
    pub target_fiscal_year: Option<i32>,
    pub target_qualifier: Option<String>,
    pub yearly_targets: Vec<Step>,
    pub note: Option<String>,
    pub source_file: String,
    pub source_line: usize,
    pub source_line_end: usize,
}

/// Whether a 全国地方公共団体コード is six digits whose last is the check digit of the first
/// five: weights 6,5,4,3,2, and the last digit of 11 − (sum mod 11).
pub fn valid_code(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 6 || code.len() != 6 {
        return false;
    }
    let sum: u32 = digits[..5].iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
    (11 - sum % 11) % 10 == digits[5]
}

/// Municipality → code from the catalog; codes that fail the check digit are reported in
/// `problems` and left out rather than published wrong.
pub fn codes(catalog: &Catalog) -> (HashMap<String, String>, Vec<String>) {
    let mut codes = HashMap::new();
    let mut problems = Vec::new();
    for e in catalog.entries() {
        let (Some(m), Some(code)) = (&e.municipality, &e.code) else { continue };
        if valid_code(code) {
            codes.insert(m.clone(), code.clone());
        } else {
            problems.push(format!("{} の団体コード {code} は検査数字が合いません（6 桁で書いてください）", e.file));
        }
    }
    (codes, problems)
}

pub fn rows(records: &[Record], codes: &HashMap<String, String>) -> Vec<Row> {
    records.iter().filter_map(|r| row(r, codes)).collect()
}

fn row(r: &Record, codes: &HashMap<String, String>) -> Option<Row> {
    let Body::Indicator(i) = &r.body else { return None };
    let b = i.baseline.as_ref();
    let t = i.target.as_ref();
    let unit = |v: Option<&Value>| v.map(|v| v.unit.clone()).filter(|u| !u.is_empty());
    fn year(v: Option<&Value>) -> Option<&crate::ingest::value::Year> {
        v.and_then(|v| v.year.as_ref())
    }
    Some(Row {
        municipality_code: r.source.municipality.as_ref().and_then(|m| codes.get(m).cloned()),
        municipality: r.source.municipality.clone(),
        plan: r.source.title.clone(),
        plan_period: r.source.period.clone(),
        section: r.section.label(),
        category: i.category.clone(),
        indicator: i.name.clone(),
        description: i.description.clone(),
        baseline: b.map(Value::display),
        baseline_value: b.and_then(|v| v.number),
        baseline_unit: unit(b),
        baseline_year: year(b).map(|y| y.label.clone()),
        baseline_fiscal_year: year(b).map(|y| y.fiscal),
        target: t.map(Value::display),
        target_value: t.and_then(|v| v.number),
        target_unit: unit(t),
        target_year: year(t).map(|y| y.label.clone()),
        target_fiscal_year: year(t).map(|y| y.fiscal),
        target_qualifier: t.and_then(|v| v.qualifier.clone()),
        yearly_targets: i
            .yearly
            .iter()
            .map(|v| Step {
                year: v.year.as_ref().map(|y| y.label.clone()),
                fiscal_year: v.year.as_ref().map(|y| y.fiscal),
                value: v.number,
                unit: v.unit.clone(),
                text: v.display(),
            })
            .collect(),
        note: i.note.clone(),
        source_file: r.source.file.clone(),
        source_line: r.line,
        source_line_end: r.line_end,
    })
}

/// The CSV header: the JSON row's properties, in order.
pub const COLUMNS: &[&str] = &[
    "municipality_code",
    "municipality",
    "plan",
    "plan_period",
    "section",
    "category",
    "indicator",
    "description",
    "baseline",
    "baseline_value",
    "baseline_unit",
    "baseline_year",
    "baseline_fiscal_year",
    "target",
    "target_value",
    "target_unit",
    "target_year",
    "target_fiscal_year",
    "target_qualifier",
    "yearly_targets",
    "note",
    "source_file",
    "source_line",
    "source_line_end",
];

/// UTF-8 with BOM (Excel), CRLF, RFC 4180 quoting; yearly targets as 「令和4年度=98.88%」 joined
/// by spaces; the municipality code kept as text so its leading zero survives.
pub fn csv(rows: &[Row]) -> String {
    let mut s = format!("\u{feff}{}\r\n", COLUMNS.join(","));
    for r in rows {
        let json = serde_json::to_value(r).unwrap_or_default();
        let fields: Vec<String> = COLUMNS
            .iter()
            .map(|c| match (*c, &json[*c]) {
                ("yearly_targets", _) => r
                    .yearly_targets
                    .iter()
                    .map(|s| format!("{}={}", s.year.as_deref().unwrap_or(""), s.text))
                    .collect::<Vec<_>>()
                    .join(" "),
                (_, serde_json::Value::String(s)) => s.clone(),
                (_, serde_json::Value::Null) => String::new(),
                (_, other) => other.to_string(),
            })
            .map(|f| field(&f))
            .collect();
        s.push_str(&fields.join(","));
        s.push_str("\r\n");
    }
    s
}

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_municipality_codes() {
        // 千代田区 131016 (the textbook example), and the bundled plans' municipalities.
        for code in ["131016", "112119", "082058", "202088"] {
            assert!(valid_code(code), "{code}");
        }
        for code in ["112110", "11211", "1121190", "11211x", "082050"] {
            assert!(!valid_code(code), "{code}");
        }
    }

    #[test]
    fn csv_columns_match_the_json_row() {
        let row = Row {
            municipality_code: Some("082058".into()),
            municipality: Some("石岡市".into()),
            plan: "計画, 改定版".into(),
            plan_period: None,
            section: String::new(),
            category: "成果指標".into(),
            indicator: "x".into(),
            description: None,
            baseline: None,
            baseline_value: None,
            baseline_unit: None,
            baseline_year: None,
            baseline_fiscal_year: None,
            target: Some("98.9%".into()),
            target_value: Some(98.9),
            target_unit: Some("%".into()),
            target_year: None,
            target_fiscal_year: Some(2023),
            target_qualifier: None,
            yearly_targets: vec![],
            note: None,
            source_file: "data/a.txt".into(),
            source_line: 4,
            source_line_end: 4,
        };
        let json = serde_json::to_value(&row).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), COLUMNS.len());
        assert!(COLUMNS.iter().all(|c| json.get(*c).is_some()));
        let csv = csv(&[row]);
        let line = csv.lines().nth(1).unwrap();
        assert!(line.starts_with("082058,石岡市,\"計画, 改定版\",,"), "{line}");
        assert!(line.contains(",98.9%,98.9,%,,2023,"), "{line}");
    }
}
