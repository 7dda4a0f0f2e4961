//! Labelled blocks: a label and its value on one line (「指標名：…」「現状値（令和4年度）：…」),
//! on alternating lines (evaluation sheets, PDF text with every cell on its own line), and
//! vertical tables (header words one per line, then name and figures one per line).
//!
//! A block starts at a name label (指標名, 事業名 …) and takes the labelled values that follow;
//! its roles decide what it is: an indicator (a name and figures) or a measure (a name and a
//! department). A block is bounded: at most [`MAX_SPAN`] lines.

use once_cell::sync::Lazy;
use regex::Regex;

use super::record::{Body, Indicator, Measure};
use super::roles::{Label, Role, Vocabulary};
use super::tables::{name_and_description, split_departments};
use super::value::{self, looks_like_value, Value};
use super::{Doc, Line};

type Out = Vec<(usize, usize, Body)>;

/// Most lines one labelled block may span.
const MAX_SPAN: usize = 30;

static COLON: Lazy<Regex> = Lazy::new(|| Regex::new(r"^([^:]{1,24}?)\s*:\s*(\S.*)$").unwrap());

/// One label with its value and the lines they stand on.
#[derive(Debug)]
struct Pair {
    label: Label,
    value: String,
    line: usize,
    value_line: usize,
}

pub fn blocks(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let used = vertical_tables(doc, vocabulary, out);
    let pairs = pairs(&doc.lines, vocabulary, &used);
    let mut i = 0;
    while i < pairs.len() {
        if !starts_block(&pairs[i].label) {
            i += 1;
            continue;
        }
        let start = pairs[i].line;
        let mut j = i + 1;
        while j < pairs.len() && pairs[j].value_line <= start + MAX_SPAN && !starts_block(&pairs[j].label) {
            j += 1;
        }
        block(&pairs[i..j], out);
        i = j;
    }
}

/// A block starts at an indicator's name, or at a measure's name label (事業名, 取組名: a label
/// that names one item ends in 名; 主な事業 is a list's heading, not a label).
fn starts_block(label: &Label) -> bool {
    label.role == Role::Name || label.role == Role::Measure && label.text.ends_with('名')
}

fn label_line(vocabulary: &Vocabulary, text: &str) -> Option<Label> {
    let text = text.trim().trim_matches(['|', ':']).trim();
    if text.chars().count() > 24 || looks_like_value(text) {
        return None;
    }
    vocabulary.exact_label(text)
}

/// Labels with their values, in order: "label: value" lines, and label lines followed by a value
/// line. Lines used by vertical tables are skipped.
fn pairs(lines: &[Line], vocabulary: &Vocabulary, used: &[bool]) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        let is_row = super::blocks::cells(line).is_some();
        if used.get(line.no).copied().unwrap_or(false) || line.text.is_empty() || is_row {
            continue;
        }
        if let Some(c) = COLON.captures(&line.text) {
            if let Some(label) = vocabulary.exact_label(&c[1]).filter(|l| l.role != Role::YearStep) {
                let value = c[2].trim().trim_end_matches('|').trim().to_string();
                out.push(Pair { label, value, line: line.no, value_line: line.no });
                continue;
            }
        }
        let Some(label) = label_line(vocabulary, &line.text).filter(|l| l.role != Role::YearStep) else { continue };
        let Some(next) = lines[i..].iter().take(3).find(|l| !l.text.is_empty() && l.text != "|") else { continue };
        if label_line(vocabulary, &next.text).is_some() {
            continue;
        }
        let value = next.text.trim().trim_end_matches('|').trim().to_string();
        out.push(Pair { label, value, line: line.no, value_line: next.no });
        i = next.no; // the index of the line after `next`
    }
    out
}

fn parse_value(pair: &Pair) -> Option<Value> {
    let mut v = value::parse(&pair.value, pair.value_line)?;
    v.year = pair.label.year.clone().or(v.year);
    Some(v)
}

fn block(pairs: &[Pair], out: &mut Out) {
    let Some(first) = pairs.first() else { return };
    let find = |role: Role| pairs.iter().find(|p| p.label.role == role);
    let start = first.line;
    let end = pairs.last().map_or(start, |p| p.value_line);
    let departments = find(Role::Department).map(|p| split_departments(&p.value)).unwrap_or_default();
    let figures = [Role::Baseline, Role::Target, Role::Actual].iter().any(|r| find(*r).is_some());
    if first.label.role == Role::Name && figures {
        let (name, description) = name_and_description(&first.value);
        let mut indicator = Indicator::row(
            "指標",
            name,
            description,
            find(Role::Baseline).and_then(parse_value),
            find(Role::Target).and_then(parse_value),
        );
        indicator.actual = find(Role::Actual).and_then(parse_value);
        indicator.departments = departments;
        indicator.labels = pairs
            .iter()
            .filter(|p| p.label.role.is_value())
            .map(|p| value::strip_years(&p.label.text).replace(['(', ')', ' '], ""))
            .collect();
        out.push((start, end, Body::Indicator(Box::new(indicator))));
    } else if first.label.role == Role::Measure && !departments.is_empty() {
        let measure = Measure {
            category: first.label.text.trim_end_matches('名').to_string(),
            number: None,
            name: first.value.clone(),
            content: find(Role::Content).map(|p| p.value.clone()),
            department_role: find(Role::Department).map(|p| p.label.text.clone()),
            departments,
            area: None,
            start: None,
        };
        out.push((start, end, Body::Measure(measure)));
    }
}

/// Tables with one cell a line: header words (指標 / 現状値 / (令和4年度) / 目標値 / …), then
/// for each row its name and one line per figure column. Returns the lines used, by number.
fn vertical_tables(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) -> Vec<bool> {
    let lines: Vec<&Line> = doc.lines.iter().filter(|l| !l.text.is_empty()).collect();
    let mut used = vec![false; doc.lines.len() + 2];
    let mut i = 0;
    while i < lines.len() {
        let mut header: Vec<Label> = Vec::new();
        let mut j = i;
        while j < lines.len() {
            let Some(label) = label_line(vocabulary, &lines[j].text) else { break };
            match (label.role, header.last_mut()) {
                (Role::YearStep, Some(last)) if label.mark.is_none() => last.year = label.year,
                _ => header.push(label),
            }
            j += 1;
        }
        let values: Vec<Role> = header.iter().map(|l| l.role).filter(|r| r.is_value()).collect();
        let named = header.iter().any(|l| l.role == Role::Name);
        if !named || values.is_empty() || j - i < 3 || header.iter().any(|l| l.role == Role::YearStep) {
            i = j.max(i + 1);
            continue;
        }
        let years: Vec<_> = header.iter().filter(|l| l.role.is_value()).map(|l| l.year.clone()).collect();
        lines[i..j].iter().for_each(|l| used[l.no] = true);
        let mut k = j;
        while k + values.len() < lines.len() + 1 {
            let name = lines[k];
            let cells = &lines[k + 1..(k + 1 + values.len()).min(lines.len())];
            let is_row = cells.len() == values.len()
                && !looks_like_value(&name.text)
                && label_line(vocabulary, &name.text).is_none()
                && cells.iter().all(|c| looks_like_value(&c.text) || is_word_value(&c.text));
            if !is_row {
                break;
            }
            let figure = |role: Role| {
                let at = values.iter().position(|r| *r == role)?;
                let mut v = value::parse(&cells[at].text, cells[at].no)?;
                v.year = years[at].clone();
                Some(v)
            };
            let (title, description) = name_and_description(&name.text);
            let indicator =
                Indicator::row("成果指標", title, description, figure(Role::Baseline), figure(Role::Target));
            let end = cells.last().map_or(name.no, |c| c.no);
            out.push((name.no, end, Body::Indicator(Box::new(indicator))));
            std::iter::once(&name).chain(cells).for_each(|l| used[l.no] = true);
            k += 1 + values.len();
        }
        i = k.max(j);
    }
    used
}

/// Values written as words: 増加, 減少, 維持, 現状維持, 調整中.
fn is_word_value(text: &str) -> bool {
    matches!(text.trim(), "増加" | "減少" | "維持" | "現状維持" | "調整中" | "向上" | "増" | "減")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicators(text: &str) -> Vec<(usize, usize, Indicator)> {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        blocks(&doc, &Vocabulary::built_in(), &mut out);
        out.into_iter()
            .filter_map(|(a, b, body)| match body {
                Body::Indicator(i) => Some((a, b, *i)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn colon_labels() {
        let rows = indicators("指標名：朝食を毎日食べる小学５年生の割合\n現状値（令和４年度）：９２．１％\n目標値（令和９年度）：１００％\n担当課：健康推進課・学校教育課\n\n指標名：歯周病検診の受診者数\n現状値（令和４年度）：－\n目標値（令和９年度）：１，０００人");
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].0, rows[0].1), (1, 4));
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2022);
        assert_eq!(rows[0].2.departments, ["健康推進課", "学校教育課"]);
        assert_eq!(rows[1].2.target.as_ref().unwrap().figure.as_deref(), Some("1,000"));
        assert!(rows[1].2.baseline.as_ref().unwrap().figure.is_none());
    }

    #[test]
    fn labels_and_values_on_alternating_lines() {
        let rows = indicators("指標名\n子ども食堂の開設数\n現状値（令和４年度）\n３箇所\n目標値（令和１０年度）\n６箇所\n担当課\n子育て支援課");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].2.name, "子ども食堂の開設数");
        assert_eq!(rows[0].2.target.as_ref().unwrap().figure.as_deref(), Some("6"));
    }

    #[test]
    fn vertical_tables_one_cell_a_line() {
        let rows = indicators("成果指標\n指標\n現状値\n（令和４年度）\n目標値\n（令和１０年度）\n充足率\n９４．２％\n１００％\n相談件数\n―\n増加\n主な取組");
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].0, rows[0].1), (7, 9));
        assert_eq!(rows[0].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2028);
        assert_eq!(rows[1].2.target.as_ref().unwrap().qualifier.as_deref(), Some("増加"));
    }
}
