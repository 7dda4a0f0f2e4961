//! Amendments written as Japanese legal text writes them (改め文): 「…の表○○の項中「35」を「45」
//! に改める」「第5章の表中「農林振興課」を「農政課」に改める」. A bill (議案) that amends a plan
//! often carries the plan as it stood before as a reference; the reader reads that text as
//! usual, then each amendment is applied to what was read, so an answer states the figure and
//! the department in force and cites the line that set them. The document is left as written.

use once_cell::sync::Lazy;
use regex::Regex;

use super::record::{Body, Record};
use super::roles::squeeze;
use super::value::{self, Value};
use super::Doc;

/// One replacement an amending sentence makes.
#[derive(Debug, Clone, PartialEq)]
struct Amendment {
    line: usize,
    sentence: String,
    /// The row it amends (「…の表○○の項中」), when it names one.
    row: Option<String>,
    from: String,
    to: String,
}

/// 「「A」を「B」に」: one replacement; a sentence may make several (「「A」を「B」に、「C」を「D」に改める」).
static REPLACE: Lazy<Regex> = Lazy::new(|| Regex::new(r"「([^「」]{1,40})」を「([^「」]{1,40})」に").unwrap());

/// The amendments the document makes, in its order.
fn amendments(doc: &Doc) -> Vec<Amendment> {
    let mut out = Vec::new();
    for line in doc.lines.iter().filter(|l| l.text.contains("改め")) {
        for sentence in line.text.split_inclusive('。').filter(|s| s.contains("改め")) {
            // The row: what stands between the table (…の表) and 「の項中」.
            let row = sentence.find("の項中").map(|at| {
                let before = &sentence[..at];
                let after_table = before.rfind('表').map_or(before, |t| &before[t + '表'.len_utf8()..]);
                after_table.trim().to_string()
            });
            for c in REPLACE.captures_iter(sentence) {
                out.push(Amendment {
                    line: line.no,
                    sentence: sentence.trim().to_string(),
                    row: row.clone().filter(|r| !r.is_empty()),
                    from: c[1].trim().to_string(),
                    to: c[2].trim().to_string(),
                });
            }
        }
    }
    out
}

/// Applies the document's amendments to its records: in the row an amendment names, a figure
/// written as its 「A」 becomes 「B」 (in the cell's unit); a department named 「A」 anywhere
/// becomes 「B」. A record an amendment changed cites the amending sentence.
pub fn apply(doc: &Doc, records: &mut [Record]) {
    let amendments = amendments(doc);
    for a in &amendments {
        for record in records.iter_mut().filter(|r| r.line != a.line) {
            let changed = match &mut record.body {
                Body::Indicator(i) => {
                    let in_row = a.row.as_deref().is_some_and(|row| same_row(row, &i.name));
                    let values = i.baseline.iter_mut().chain(i.target.iter_mut()).chain(i.yearly.iter_mut());
                    // Every cell the amendment names changes, not only the first.
                    let mut figures = false;
                    for v in values.filter(|_| in_row) {
                        figures |= replace_figure(v, a);
                    }
                    figures | replace_department(&mut i.departments, a)
                }
                Body::Measure(m) => replace_department(&mut m.departments, a),
                _ => false,
            };
            if changed {
                record.line = a.line;
                record.line_end = a.line;
                record.quote.clone_from(&a.sentence);
            }
        }
    }
}

/// Whether an amendment's row names this indicator: one name holds the other, white space aside.
fn same_row(row: &str, name: &str) -> bool {
    let (row, name) = (squeeze(row), squeeze(name));
    !name.is_empty() && (row.contains(&name) || name.contains(&row))
}

/// The cell written as the amendment's 「A」 (a figure, its unit left out as amendments leave it
/// out) read again as 「B」.
fn replace_figure(v: &mut Value, a: &Amendment) -> bool {
    let (written, from) = (squeeze(&v.raw), squeeze(&a.from));
    let bare = v.figure.as_deref().map(squeeze);
    if written != from && bare.as_deref() != Some(from.as_str()) {
        return false;
    }
    let to = if written == from { a.to.clone() } else { written.replacen(&from, &a.to, 1) };
    match value::parse(&to, a.line) {
        Some(mut new) => {
            if new.unit.is_empty() {
                new.unit.clone_from(&v.unit);
            }
            new.year = new.year.or(v.year.clone());
            *v = new;
            true
        }
        None => false,
    }
}

fn replace_department(departments: &mut [String], a: &Amendment) -> bool {
    let mut changed = false;
    for d in departments.iter_mut().filter(|d| **d == a.from) {
        d.clone_from(&a.to);
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::record::Source;

    fn records(text: &str) -> Vec<Record> {
        let source = Source {
            file: "plans/x.txt".into(),
            municipality: Some("白鷺村".into()),
            title: "白鷺村観光振興計画".into(),
            edition: None,
            period: None,
        };
        crate::ingest::parse_with(text, &source, &crate::ingest::roles::Vocabulary::built_in())
    }

    #[test]
    fn an_amended_figure_and_department_are_the_ones_in_force() {
        let text = "議案第５号\n\
            白鷺村観光振興計画の一部を次のように変更する。\n\
            第３章の表観光入込客数（年間）の項中「８０，０００」を「９５，０００」に改める。\n\
            第４章の表中「商工課」を「観光交流課」に改める。\n\
            \n\
            （参考）白鷺村観光振興計画\n\
            | 指標 | 単位 | 現状値 | 目標値 |\n\
            |---|---|---|---|\n\
            | 観光入込客数（年間） | 人 | ６２，０００ | ８０，０００ |\n\
            | 宿泊者数（年間） | 人 | ８，０００ | ８０，０００ |\n\
            \n\
            | 取組 | 内容 | 担当課 |\n\
            |---|---|---|\n\
            | 観光案内所の運営 | 駅前案内所の通年開設 | 商工課 |\n";
        let read = records(text);
        let target = |name: &str| {
            read.iter().find_map(|r| match &r.body {
                Body::Indicator(i) if i.name.starts_with(name) => {
                    Some((i.target.as_ref().and_then(|t| t.figure.clone()), r.line))
                }
                _ => None,
            })
        };
        assert_eq!(target("観光入込客数"), Some((Some("95,000".to_string()), 3)));
        // Another row with the same figure is not the row amended.
        assert_eq!(target("宿泊者数"), Some((Some("80,000".to_string()), 10)));
        let department = read.iter().find_map(|r| match &r.body {
            Body::Measure(m) if m.name == "観光案内所の運営" => Some((m.departments.clone(), r.line)),
            _ => None,
        });
        assert_eq!(department, Some((vec!["観光交流課".to_string()], 4)));
    }

    #[test]
    fn a_document_without_amendments_is_read_as_it_is() {
        let text = "| 指標 | 現状値 | 目標値 |\n|---|---|---|\n| 観光入込客数 | 62,000人 | 80,000人 |\n\
                    名称を「しらさぎ館」に改めました。";
        let read = records(text);
        let target = read.iter().find_map(|r| match &r.body {
            Body::Indicator(i) => i.target.as_ref().and_then(|t| t.figure.clone()),
            _ => None,
        });
        assert_eq!(target.as_deref(), Some("80,000"));
    }
}
