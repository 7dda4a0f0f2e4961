//! PDF table dumps: a table flattened into long lines of space-separated tokens, the header
//! words first ("指標名 単位 基準値(R3) 目標値(R12) name unit 1,284 770 name unit 14 30 …"), or
//! a header line followed by one row a line with the columns' figures in order.
//!
//! A row is read as: name tokens, the unit token when the header has a unit column, then the
//! figures of the value columns (a qualifier token such as 以上 joins the figure before it;
//! tokens naming a year annotate the next figure), then the tokens of trailing text columns.
//! A row with fewer figures than the header has columns is no row. Each line is read once.

use super::blocks;
use super::prose::Stated;
use super::record::{Body, Indicator};
use super::roles::{self, Label, Role, Vocabulary};
use super::tables::name_and_description;
use super::value::{self, looks_like_value, Value};
use super::Doc;

type Out = Vec<Stated>;

/// Lines after a header line that may still hold its rows.
const MAX_ROW_LINES: usize = 40;

/// The columns after the name: value roles (with years) and how many text columns follow.
#[derive(Debug)]
struct Columns {
    unit: bool,
    values: Vec<Label>,
    trailing: usize,
    /// Which of the trailing text columns names the department (担当課), if one does.
    department: Option<usize>,
    /// The value columns (true) and the columns of figures to compare with (false) in header
    /// order, when there are such (「前期目標（R7） 現状値（R6） 目標値（R12）」, 「… 国の目標値」):
    /// a row with a figure in every one of them is read by position. Empty otherwise.
    spread: Vec<bool>,
}

pub fn tables(doc: &Doc, vocabulary: &Vocabulary) -> Vec<Stated> {
    let mut out = Vec::new();
    read_dumps(doc, vocabulary, &mut out);
    streams(doc, vocabulary, &mut out);
    out
}

fn read_dumps(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    // Page furniture between a dump and its rest on the next page: a page number (「－14－」)
    // or a running head, a line the document repeats word for word.
    let mut seen: std::collections::HashMap<&str, usize, super::roles::CellHasher> = Default::default();
    for line in doc.lines.iter().filter(|l| !l.text.is_empty()) {
        *seen.entry(line.text.as_str()).or_default() += 1;
    }
    let furniture = |text: &str| {
        let bare = text.trim_matches(|c: char| c.is_whitespace() || "-－―‐ー—–".contains(c));
        (!bare.is_empty() && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_digit()))
            || seen.get(text).is_some_and(|&n| n >= 2) && text.chars().count() <= 40
    };
    let mut current: Option<(Columns, usize)> = None;
    for line in &doc.lines {
        if current.is_some() && furniture(&line.text) {
            continue;
        }
        // A line of gaps is a row of a table aligned by spaces, unless the whole table stands on
        // it, the cells split by single ideographic spaces (which count as gaps): a header that
        // the block pass does not read, followed by rows on the same line.
        let gapped = !line.cells.is_empty();
        if line.text.contains(['\t', '|'])
            || gapped && (current.is_some() || blocks::header(vocabulary, line.no, &line.cells).is_some())
        {
            current = None;
            continue;
        }
        let words: Vec<&str> = line.text.split(' ').filter(|t| !t.is_empty()).collect();
        if let Some((columns, at)) = header(vocabulary, &words) {
            let tokens = tokens(words[at..].iter().map(|w| (*w, line.no)), &columns);
            if gapped && !has_rows(&tokens, &columns) {
                continue;
            }
            let found = rows(&tokens, &columns, out);
            // (A caption set off by a gap before the dump, 「表１　成果指標 No. 指標 …」, leaves
            // the dump itself one run of words: its rows may go on on the lines under it.)
            let caption_only = line.cells.last().is_some_and(|c| c.split(' ').count() >= words.len() - at);
            current = ((!gapped || caption_only) && (found > 0 || at == words.len())).then_some((columns, line.no));
            continue;
        }
        if gapped {
            continue;
        }
        let Some((columns, header_line)) = current.as_ref() else { continue };
        if line.text.is_empty() {
            continue;
        }
        let tokens = tokens(words.iter().map(|w| (*w, line.no)), columns);
        if line.no > header_line + MAX_ROW_LINES || rows(&tokens, columns, out) == 0 {
            current = None;
        }
    }
}

/// Tables whose cells PDF extraction spread over many short lines: a header block of short lines
/// that run header words together ("現状値 指 標 説 明" / "基準年 数 値" / "目標値 (H29 年度)"),
/// then the cells of the rows, a few to a line, up to a line that starts another block.
fn streams(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let lines: Vec<&super::Line> = doc.lines.iter().filter(|l| !l.text.is_empty()).collect();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        let mut roles: Vec<Role> = Vec::new();
        let mut crowded = false;
        let mut year = None;
        // Rows of tables the block pass reads (pipes, tabs, gaps) are no stream.
        let is_row = |k: usize| super::blocks::is_row(lines[k]);
        while j < lines.len() && !is_row(j) && lines[j].text.chars().filter(|c| !c.is_whitespace()).count() <= 20 {
            let found = vocabulary.roles_in(&lines[j].text);
            // (A label with its value after a colon, 「現状値：1,860t」, is a labelled block's
            // line, no header word.)
            let labelled = lines[j].text.split_once(':').is_some_and(|(_, value)| !value.trim().is_empty());
            if found.is_empty() || looks_like_value(&lines[j].text) || labelled {
                break;
            }
            crowded |= found.len() >= 2;
            if found.contains(&Role::Target) {
                year = value::years_in(&lines[j].text).into_iter().next().or(year);
            }
            roles.extend(found);
            j += 1;
        }
        let has = |r: Role| roles.contains(&r);
        if !(crowded && j - i >= 2 && has(Role::Name) && has(Role::Target)) {
            i = j.max(i + 1);
            continue;
        }
        let mut values = Vec::new();
        // In the order the header names them: a target column may stand before the baseline.
        let mut order = vec![Role::Baseline, Role::Target];
        order.sort_by_key(|r| roles.iter().position(|x| x == r));
        for role in order {
            if has(role) {
                let text = format!("{role:?}");
                values.push(Label {
                    role,
                    year: if role == Role::Target { year.clone() } else { None },
                    mark: None,
                    text,
                });
            }
        }
        let columns = Columns { unit: false, values, trailing: 0, department: None, spread: Vec::new() };
        let end = (j..lines.len())
            .take_while(|&k| lines[k].no <= lines[j.min(lines.len() - 1)].no + MAX_ROW_LINES)
            .find(|&k| {
                is_row(k)
                    || lines[k].text.starts_with(['●', '■', '◆', '#', '【'])
                    || !vocabulary.roles_in(&lines[k].text).is_empty() && lines[k].text.chars().count() <= 6
            })
            .unwrap_or_else(|| lines.len().min(j + MAX_ROW_LINES));
        let words =
            lines[j..end].iter().flat_map(|l| l.text.split(' ').filter(|t| !t.is_empty()).map(move |t| (t, l.no)));
        let tokens = tokens(words, &columns);
        rows(&tokens, &columns, out);
        i = end.max(j);
    }
}

/// Tokens ready for [`rows`]: "(0 人)" closed up and split from what follows it, "H18 年度"
/// joined, and, where the header has no unit column, "7,670 人" joined.
fn tokens<'a>(words: impl Iterator<Item = (&'a str, usize)>, columns: &Columns) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut open_bracket = false;
    for (word, line) in words {
        let last = out.last_mut();
        match last {
            Some((prev, _)) if open_bracket => {
                match word.split_once(')') {
                    Some((inside, rest)) => {
                        prev.push_str(inside);
                        prev.push(')');
                        open_bracket = false;
                        if !rest.is_empty() {
                            out.push((rest.to_string(), line));
                        }
                    }
                    None => prev.push_str(word),
                }
                continue;
            }
            Some((prev, _)) if matches!(word, "年度" | "年") && prev.chars().any(|c| c.is_ascii_digit()) => {
                prev.push_str(word);
                continue;
            }
            Some((prev, _))
                if !columns.unit
                    && prev.chars().all(|c| c.is_ascii_digit() || ",.".contains(c))
                    && value::UNITS.contains(&word) =>
            {
                prev.push_str(word);
                continue;
            }
            _ => {}
        }
        if word.starts_with('(') && !word.contains(')') {
            open_bracket = true;
        }
        out.push((word.to_string(), line));
    }
    // A bracketed figure ("(0人)") qualifies the figure before it.
    let mut merged: Vec<(String, usize)> = Vec::new();
    for (t, line) in out {
        let bracketed = t.starts_with('(') && t.ends_with(')') && t.chars().any(|c| c.is_ascii_digit());
        match merged.last_mut() {
            Some((prev, _)) if bracketed && is_figure(prev) => prev.push_str(&t),
            _ => merged.push((t, line)),
        }
    }
    merged
}

/// A header inside the tokens: a run of labelled tokens with a name (or a first value column)
/// and value columns. Returns the columns and the index of the first token after the header.
fn header(vocabulary: &Vocabulary, tokens: &[&str]) -> Option<(Columns, usize)> {
    // A header is a run of two labels at least: a line of one word (most lines of prose) is none,
    // and is not looked up.
    if tokens.len() < 2 {
        return None;
    }
    // 「成果指標:証明書の交付率」 is a label and its value, no header word.
    let labelled = |t: &str| t.split_once(':').is_some_and(|(_, rest)| !rest.is_empty());
    // 「中間値（令和10年度）」: a value of no role, a column to pass over.
    let passed_over = |t: &str| Label { role: Role::Compared, year: None, mark: None, text: t.to_string() };
    let labels: Vec<Option<Label>> = tokens
        .iter()
        .map(|t| {
            if labelled(t) {
                return None;
            }
            vocabulary.label(t).or_else(|| roles::unnamed_value_word(t).then(|| passed_over(t)))
        })
        .collect();
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
    let mut department = None;
    // Value and compared columns in order (true for a value column): `Columns::spread`.
    let mut figured: Vec<bool> = Vec::new();
    for label in &run[from..] {
        match label.role {
            // "平成28年度 中間実績値": a bare year names the column after it.
            Role::YearStep if label.mark.is_none() && label.text.chars().count() <= 8 => year = label.year.clone(),
            Role::Unit if values.is_empty() => unit = true,
            r if r.is_value() => {
                let mut l = (*label).clone();
                // 「令和4年度現状値」: a column named by its year whose word marks the figure.
                if let (Role::YearStep, Some(mark)) = (l.role, l.mark) {
                    l.role = mark;
                }
                l.year = l.year.or(year.take());
                values.push(l);
                figured.push(true);
                trailing = 0;
                // A department column before the figures is not where the rows give it.
                department = None;
            }
            Role::Department => {
                department = Some(trailing);
                trailing += 1;
            }
            // 「前回調査（令和元年度）」: a survey's previous figure, to compare with.
            Role::Compared | Role::Previous => {
                figured.push(false);
                trailing += 1;
            }
            Role::Note | Role::Direction => trailing += 1,
            _ => return None,
        }
    }
    let enough = if named { !values.is_empty() } else { values.len() >= 2 };
    let spread = if figured.len() > values.len() { figured } else { Vec::new() };
    enough.then_some(Columns { unit, values, trailing, department, spread })
}

/// Whether the tokens after a header hold at least one row.
fn has_rows(tokens: &[(String, usize)], columns: &Columns) -> bool {
    rows(tokens, columns, &mut Vec::new()) > 0
}

/// Whether a token holds a figure of a row: a value, a dash, or a word value.
fn is_figure(token: &str) -> bool {
    (looks_like_value(token) && token != "%") || matches!(token, "増加" | "減少" | "維持" | "現状維持")
}

/// A token that only says when ("H27年度現在", "H31年度予測"): it annotates the next figure.
fn is_when(token: &str) -> bool {
    let dated = !value::years_in(token).is_empty() || token.chars().any(|c| c.is_ascii_digit());
    let when = ["現在", "予測", "見込", "実績", "平均", "時点"].iter().any(|w| token.ends_with(w));
    !is_figure(token) && token.chars().count() <= 10 && (!value::years_in(token).is_empty() || dated && when)
}

const QUALIFIERS: &[&str] = &["以上", "以下", "未満", "以内", "超"];

/// Reads the rows of a token run; returns how many it found. A row's name is its text tokens;
/// when they stand on several lines, the text on the line of the figures is its description.
fn rows(tokens: &[(String, usize)], columns: &Columns, out: &mut Out) -> usize {
    let k = columns.values.len();
    let mut found = 0;
    let mut i = 0;
    while i < tokens.len() {
        let name_start = i;
        while i < tokens.len() && !is_figure(&tokens[i].0) && !is_when(&tokens[i].0) {
            i += 1;
        }
        let mut name: Vec<&(String, usize)> = tokens[name_start..i].iter().collect();
        let unit = if columns.unit && name.len() >= 2 { name.pop().map(|t| t.0.as_str()) } else { None };
        let mut figures: Vec<(String, usize)> = Vec::new();
        while i < tokens.len()
            && (is_figure(&tokens[i].0) || is_when(&tokens[i].0) || QUALIFIERS.contains(&tokens[i].0.as_str()))
        {
            let (t, line) = &tokens[i];
            if QUALIFIERS.contains(&t.as_str()) {
                if let Some(last) = figures.last_mut() {
                    last.0.push_str(t);
                }
            } else if is_figure(t) {
                figures.push((t.clone(), *line));
            }
            i += 1;
        }
        // A dash before more figures than columns is an empty description cell.
        while figures.len() > k && figures.first().is_some_and(|f| value::is_placeholder(&f.0)) {
            figures.remove(0);
        }
        if name.is_empty() || figures.len() < k || k == 0 {
            if i == name_start {
                i += 1;
            }
            continue;
        }
        // More figures than columns ("127件 H31年度予測 144件 139件 127件"): the first is the
        // baseline, the rest fill the columns from the right.
        let extra = figures.len() - k;
        let spread = !columns.spread.is_empty() && figures.len() == columns.spread.len();
        let chosen: Vec<&(String, usize)> = if spread {
            figures.iter().zip(&columns.spread).filter(|(_, value)| **value).map(|(f, _)| f).collect()
        } else if extra == 0 {
            figures.iter().collect()
        } else {
            figures.iter().take(1).chain(figures.iter().skip(1 + extra)).take(k).collect()
        };
        let value_of = |role: Role| -> Option<Value> {
            let at = columns.values.iter().position(|l| l.role == role)?;
            let (text, line) = chosen.get(at)?;
            let mut v = value::parse(text, *line)?;
            // The cell's own year (「268人（平成30年度）」) before the column's.
            v.year = v.year.or_else(|| columns.values[at].year.clone());
            Some(v.with_unit(unit.unwrap_or("")))
        };
        let figure_line = chosen.first().map_or(0, |f| f.1);
        let first_line = name.first().map_or(figure_line, |t| t.1);
        let on_figure_line = |t: &&(String, usize)| first_line < figure_line && t.1 >= figure_line;
        let title: Vec<&str> = name.iter().filter(|t| !on_figure_line(t)).map(|t| t.0.as_str()).collect();
        let rest: Vec<&str> = name.iter().filter(|t| on_figure_line(t)).map(|t| t.0.as_str()).collect();
        let (title, bracketed) = name_and_description(&title.join(" "));
        let description: Vec<String> = bracketed.into_iter().chain(rest.iter().map(|r| r.to_string())).collect();
        let description = (!description.is_empty()).then(|| description.join(" "));
        let mut indicator =
            Indicator::row("指標", title, description, value_of(Role::Baseline), value_of(Role::Target));
        indicator.actual = value_of(Role::Actual);
        indicator.labels =
            columns.values.iter().map(|l| value::strip_years(&l.text).replace(['(', ')', ' '], "")).collect();
        let last_line = chosen.last().map_or(figure_line, |f| f.1);
        let cells: Vec<&str> = tokens[name_start..i].iter().map(|t| t.0.as_str()).collect();
        // Note columns read as figures of this row are behind `i` already.
        let consumed = if spread { columns.spread.iter().rev().take_while(|value| !**value).count() } else { 0 };
        let department =
            columns.department.and_then(|d| tokens.get(i + d.saturating_sub(consumed))).filter(|t| !is_figure(&t.0));
        if let Some((department, _)) = department {
            indicator.departments = department.split('・').map(str::to_string).collect();
        }
        let sentence: String = cells.join(" ").chars().take(super::MAX_QUOTE).collect();
        out.push(Stated {
            line: first_line,
            line_end: last_line,
            sentence,
            body: Body::Indicator(Box::new(indicator)),
        });
        found += 1;
        i += columns.trailing.saturating_sub(consumed).min(tokens.len() - i);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let doc = Doc::from_text(text);
        let out = tables(&doc, &Vocabulary::built_in());
        let fig = |v: &Option<Value>| v.as_ref().and_then(|v| v.figure.clone());
        out.into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => Some((i.name.clone(), fig(&i.baseline), fig(&i.target))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn columns_of_other_targets_beside_the_values() {
        // The earlier plan's target before the baseline: the figures are read by position.
        let got = read("指標名 単位 前期目標（R7） 現状値（R6） 目標値（R12）\n防災士の人数 人 150 138 200\n個別避難計画の作成率 ％ ― 17.9 60.0");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], ("防災士の人数".to_string(), Some("138".into()), Some("200".into())));
        assert_eq!(got[1], ("個別避難計画の作成率".to_string(), Some("17.9".into()), Some("60.0".into())));
        // The nation's target after the plan's, then the department.
        let got = read("指標名 現状値（R6） 目標値（R12） 国の目標値 担当課 特定健診の受診率 41.8 55.0 60.0 健康課 がん検診の受診率 12.0 20.0 50.0 健康課");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], ("特定健診の受診率".to_string(), Some("41.8".into()), Some("55.0".into())));
        assert_eq!(got[1], ("がん検診の受診率".to_string(), Some("12.0".into()), Some("20.0".into())));
        // A survey's previous figure (前回調査) after the target, on two lines.
        let got = read("指標名 現状値（令和６年度） 目標値（令和12年度） 前回調査（令和元年度） 法律を知っている町民の割合 21.8％ 50.0％ 14.5％\n町職員の人権研修の受講率 87.5％ 100％ ―");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], ("町職員の人権研修の受講率".to_string(), Some("87.5".into()), Some("100".into())));
    }

    #[test]
    fn labelled_lines_head_no_stream_of_cells() {
        // 「指標名：…」「現状値：…」 are a labelled block's lines: the running title and page
        // number under them are no row of a table.
        let got = read("【指標２】\n指標名：ホタテガイ養殖の生産量\n現状値：1,860t（令和６年度）\n目標値：2,300t（令和12年度）\n\n---------- 架空町水産業振興計画 --- 6 ---\n【指標３】");
        assert!(got.iter().all(|(name, _, _)| !name.contains("振興計画")), "{got:?}");
    }

    #[test]
    fn a_whole_table_on_one_line() {
        let got = read("環境指標 指標名 単位 基準値（R3） 目標値（R12） 市域の排出量 千t-CO2 1,284 770 リサイクル率 % 18.2 25.0 以上 森林ボランティアの活動日数 日 ― 120");
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], ("市域の排出量".to_string(), Some("1,284".into()), Some("770".into())));
        assert_eq!(got[2].1, None);
    }

    #[test]
    fn a_numbered_dump_with_an_interim_column() {
        // 「中間値」 is no word of the vocabulary: its column is passed over, the target is the
        // last figure, and 「９軒を維持」 is a figure to keep.
        // The caption stands a gap before the dump, and the rows go on on the next line.
        let got = read(
            "表１　成果指標 No. 指標 現状値（令和６年度） 中間値（令和10年度） 目標値（令和12年度） 担当課 \
             1 市内の一般公衆浴場の数 ９軒 ９軒 ９軒を維持 生活衛生課 2 一般公衆浴場の年間入浴者数 31.4万人 32.5万人 \
             34.0万人 生活衛生課\n3 「銭湯は地域に必要だ」と答えた市民の割合 61.3％ 65.0％ 70.0％ 生活衛生課",
        );
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(
            got[2],
            ("「銭湯は地域に必要だ」と答えた市民の割合".to_string(), Some("61.3".into()), Some("70.0".into()))
        );
        assert_eq!(got[0], ("市内の一般公衆浴場の数".to_string(), Some("9".into()), Some("9".into())));
        assert_eq!(got[1], ("一般公衆浴場の年間入浴者数".to_string(), Some("31.4".into()), Some("34.0".into())));
    }

    #[test]
    fn a_dump_split_by_ideographic_spaces_with_its_departments() {
        let text = "指標名　現状値　目標値　担当課　市民活動の参加者数　１，２００人　１，５００人　市民協働課　公園の利用率　４５．２％　６０．０％　公園緑地課";
        let doc = Doc::from_text(text);
        let rows: Vec<(String, Option<String>, Vec<String>)> = tables(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => Some((i.name.clone(), i.target.and_then(|v| v.figure), i.departments)),
                _ => None,
            })
            .collect();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0], ("市民活動の参加者数".to_string(), Some("1,500".into()), vec!["市民協働課".to_string()]));
        assert_eq!(rows[1].2, ["公園緑地課"]);
        // A table aligned by the same spaces is the block pass's, not a dump.
        assert!(read("指標名　　現状値　　目標値\n公園の利用率　　４５％　　６０％").is_empty());
    }

    #[test]
    fn a_dump_with_year_led_headers_and_dated_cells() {
        let doc = Doc::from_text("指標名 R9目標 令和4年度現状値 消防団員の充足率 95.0% 88.5%(令和4年度) 認知症サポーター養成数 18,000人 12,600人");
        let rows: Vec<(Option<String>, Option<i32>, Option<String>)> = tables(&doc, &Vocabulary::built_in())
            .into_iter()
            .filter_map(|s| match s.body {
                Body::Indicator(i) => {
                    let base = i.baseline.unwrap();
                    Some((base.figure, base.year.map(|y| y.fiscal), i.target.and_then(|v| v.figure)))
                }
                _ => None,
            })
            .collect();
        assert_eq!(rows[0], (Some("88.5".into()), Some(2022), Some("95.0".into())));
        assert_eq!(rows[1].0.as_deref(), Some("12,600"));
    }

    #[test]
    fn a_labelled_indicator_line_is_no_dump() {
        // 「成果指標：name」 is a label and its value: the line is no header of a table dump,
        // and what follows 現状 is no row (a name 「6%(令和5年度)→目標」 was read from it).
        let got = read("成果指標：証明書のコンビニ交付率　現状 18.6％（令和５年度）→ 目標 40％（令和10年度）");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_dump_goes_on_over_a_page_break() {
        let text = "みどり町環境計画\n環境指標 指標名 単位 基準値 目標値 市域の排出量 千t-CO2 1,284 770\n- 9 -\nみどり町環境計画\nリサイクル率 % 18.2 25.0 森林ボランティアの活動日数 日 80 120\n- 10 -\n次の章では、取組を述べます。";
        let got = read(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[2], ("森林ボランティアの活動日数".to_string(), Some("80".into()), Some("120".into())));
    }

    #[test]
    fn cells_spread_over_short_lines() {
        let text = "●目標指標\n\n現状値 指 標 説 明\n\n基準年 数 値\n\n目標値 (H29 年度)\n\n地 域 子 育 て 支 援 セ ン タ ー\n\nの設置数\n\n- H19.3 5箇所 7箇所 フ ァ ミ リ ー サ ポ ー ト セ ン タ ー\n\n設置数(登録人数)\n\n- H19.3\n\n0箇所 (0 人)\n\n1箇所 (100 人) 児 童 館 1 館 当 た り 来 場\n\n者数\n\n1年間の来場者数 H18 年度 7,670 人 8,000 人\n\n●";
        let got = read(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], ("地域子育て支援センターの設置数".to_string(), Some("5".into()), Some("7".into())));
        assert_eq!(got[1].2.as_deref(), Some("1"));
        assert_eq!(got[2], ("児童館1館当たり来場者数".to_string(), Some("7,670".into()), Some("8,000".into())));
    }

    #[test]
    fn a_header_line_and_rows_with_columns_out_of_order() {
        let got = read("数値目標項目 基準値 KPI 実績値 進捗状況\n空き店舗数増加の抑制 H27年度現在 127件 H31年度予測 144件 139件 127件 その他\n新規就農者数 - 3人 0人 その他\n現状での主要な成果");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], ("空き店舗数増加の抑制".to_string(), Some("127".into()), Some("139".into())));
        assert_eq!(got[1], ("新規就農者数".to_string(), None, Some("3".into())));
    }
}
