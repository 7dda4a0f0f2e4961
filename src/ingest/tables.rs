//! Indicator tables in the layouts the plans use: markdown pipe tables, tab-separated rows
//! (with ▶▶ between 現状値 and 目標値), yearly target tables (令和元年度〜令和5年度), and
//! free-form blocks of a name, a description and labelled values (参考指標, 政策指標).

use once_cell::sync::Lazy;
use regex::Regex;

use super::blocks::{self, Header};
use super::normalize;
use super::record::{Body, Indicator, Measure, Plan, Satisfaction};
use super::roles::{self, Label, Role, Vocabulary};
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

/// Records of every table the block pass finds, by the roles of its columns; returns the lines
/// (first, last) of rows the block pass left unread, which no other pass may read as rows.
pub fn from_tables(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) -> Vec<(usize, usize)> {
    let mut unread = Vec::new();
    // The rows of the last table numbered by a No. column, by their number: a table printed
    // over two pages by columns (names and baselines, then targets and departments) is joined
    // by it.
    let mut numbered: Vec<(String, usize)> = Vec::new();
    for table in blocks::tables(vocabulary, &doc.lines) {
        unread.extend(&table.unread);
        let table = named_by_words(vocabulary, table);
        let h = &table.header;
        if h.find(Role::Year) == Some(0) {
            series_rows(doc, vocabulary, &table, out);
        } else if (h.has(Role::Name) || h.has(Role::Measure))
            && h.has(Role::Satisfaction)
            && h.value_columns().is_empty()
        {
            satisfaction_rows(&table, out);
        } else if h.has(Role::Status) && !h.value_columns().is_empty() && status_rows(vocabulary, &table, out) {
            // Rows marked 目標 / 実績 in a 区分 column, read as one indicator per name.
        } else if is_past_evaluation(h) {
            // 目標（R5） | 実績（R5） | 評価: how the previous plan did, no target of this one;
            // its rows stay passages.
        } else if is_budget_table(h) {
            // 事業名 | 担当 | R6 | R7 | R8: the figures by year are each measure's costs.
            measure_rows(vocabulary, &table, false, out);
        } else if is_rest_of_numbered(h) && !numbered.is_empty() {
            rest_of_numbered(&table, &numbered, out);
        } else if !h.value_columns().is_empty() && (holds_figures(&table) || !h.has(Role::Measure)) {
            let first = out.len();
            match column_groups(vocabulary, h) {
                // 「税目 | 現年課税分: 現状 目標 | 滞納繰越分: 現状 目標」: a row per group.
                Some(groups) => {
                    for (group, header) in groups {
                        let from = out.len();
                        indicator_rows(vocabulary, &table.with_header(header), &doc.lines, out);
                        for (_, _, body) in &mut out[from..] {
                            if let Body::Indicator(i) = body {
                                i.name = format!("{}({group})", i.name);
                            }
                        }
                    }
                }
                None => indicator_rows(vocabulary, &table, &doc.lines, out),
            }
            // 「取組項目 | 取組内容 | 所管課 | 指標 | 現状値 | 目標値」: each row is a measure with
            // its department as well as the indicator that measures it.
            if h.has(Role::Name) && measure_column(h).is_some() && h.has(Role::Department) {
                measure_rows(vocabulary, &table, spaced(doc, h), out);
            }
            if let Some(no) = h.find(Role::Number) {
                // Each row read, by the number in its line's No. cell.
                numbered = table
                    .rows
                    .iter()
                    .filter_map(|(line, row)| {
                        let at = (first..out.len()).find(|&k| out[k].0 == *line)?;
                        Some((cell(row, Some(no))?.to_string(), at))
                    })
                    .collect();
            }
        } else if h.has(Role::Department) {
            measure_rows(vocabulary, &table, spaced(doc, h), out);
        } else if h.has(Role::Plan) {
            plan_rows(&table, out);
        }
    }
    unread
}

/// A header whose figures come in groups of the same columns, each group named over its first
/// column (「現年課税分 現状 | 目標 | 滞納繰越分 現状 | 目標」, 「4か月児健診 現状 | 目標 | 3歳児
/// 健診 現状 | 目標」, a two-row header whose upper cells spanned their group): the name of each
/// group and the header with only that group's figures. None when the figures are one group,
/// when the groups differ in shape, or when a group is named by a year (a table of years is
/// read by its steps).
fn column_groups(vocabulary: &Vocabulary, h: &Header) -> Option<Vec<(String, Header)>> {
    let figures: Vec<usize> = (0..h.columns.len())
        .filter(|&i| matches!(h.role(i), Some(Role::Baseline | Role::Target | Role::Actual)))
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &i in &figures {
        match groups.last_mut() {
            Some(g) if !g.iter().any(|&j| h.role(j) == h.role(i)) => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    let shape = |g: &[usize]| g.iter().map(|&i| h.role(i)).collect::<Vec<_>>();
    if groups.len() < 2
        || !shape(&groups[0]).contains(&Some(Role::Target))
        || groups.iter().any(|g| shape(g) != shape(&groups[0]))
    {
        return None;
    }
    let names: Vec<String> = groups.iter().map(|g| group_name(vocabulary, &h.texts[g[0]])).collect::<Option<_>>()?;
    if names.iter().enumerate().any(|(k, n)| names[..k].contains(n)) {
        return None;
    }
    let split = groups
        .iter()
        .zip(names)
        .map(|(g, name)| {
            let mut header = h.clone();
            for &i in figures.iter().filter(|i| !g.contains(i)) {
                header.columns[i] = None;
            }
            (name, header)
        })
        .collect();
    Some(split)
}

/// The name of a group of columns written before the first column's own header word
/// (「滞納繰越分現状」 → 滞納繰越分), when it names no year.
fn group_name(vocabulary: &Vocabulary, text: &str) -> Option<String> {
    let (at, _) = text.char_indices().skip(1).find(|&(at, _)| vocabulary.exact_label(&text[at..]).is_some())?;
    let name = text[..at].trim();
    (!name.is_empty() && value::years_in(name).is_empty()).then(|| name.to_string())
}

/// 「No. | 中間目標 | 目標値 | 担当課」: the rest of a numbered table's columns, with no names.
fn is_rest_of_numbered(h: &Header) -> bool {
    h.has(Role::Number) && !h.has(Role::Name) && !h.has(Role::Measure) && h.has(Role::Target)
}

/// Gives the rows of a numbered table the targets and departments its second part (printed on
/// the next page) sets by the same numbers.
fn rest_of_numbered(table: &blocks::Table, numbered: &[(String, usize)], out: &mut Out) {
    let h = &table.header;
    let (Some(no), targets) =
        (h.find(Role::Number), (0..h.columns.len()).filter(|&i| h.role(i) == Some(Role::Target)).collect::<Vec<_>>())
    else {
        return;
    };
    let year_of = |i: usize| h.columns[i].as_ref().and_then(|l| l.year.clone());
    for (line, row) in &table.rows {
        let Some(&(_, at)) = cell(row, Some(no)).and_then(|n| numbered.iter().find(|(m, _)| m == n)) else { continue };
        let (_, _, Body::Indicator(i)) = &mut out[at] else { continue };
        if i.target.is_some() {
            continue;
        }
        // The last target column is the final target, one before it a step on the way; a figure
        // without a unit has its baseline's.
        let unit = i.baseline.as_ref().map(|b| b.unit.clone()).unwrap_or_default();
        let value = |c: usize| {
            cell(row, Some(c))
                .and_then(|t| value::parse(t, *line))
                .map(|v| Value { year: v.year.clone().or(year_of(c)), ..v }.with_unit(&unit))
        };
        i.target = targets.last().and_then(|&c| value(c));
        i.yearly = targets[..targets.len().saturating_sub(1)].iter().filter_map(|&c| value(c)).collect();
        if let Some(d) = cell(row, h.department()) {
            i.departments = split_departments(d);
        }
    }
}

/// A table that sets a target beside the result of the same year and no baseline (「指標 |
/// 目標（R5） | 実績（R5） | 評価」): the evaluation of a plan whose period is over.
fn is_past_evaluation(h: &blocks::Header) -> bool {
    let year = |role: Role| h.find(role).and_then(|i| h.columns[i].as_ref()?.year.as_ref().map(|y| y.fiscal));
    !h.has(Role::Baseline)
        && !h.has(Role::YearStep)
        && year(Role::Target).is_some()
        && year(Role::Target) == year(Role::Actual)
}

/// A table of measures with their department and a figure for each year and nothing else (no
/// indicator's name, no baseline or target): the figures are the measures' yearly costs.
fn is_budget_table(h: &blocks::Header) -> bool {
    let values = h.value_columns();
    h.has(Role::Measure)
        && h.has(Role::Department)
        && !h.has(Role::Name)
        && values.len() >= 2
        && values.iter().all(|&i| h.role(i) == Some(Role::YearStep))
}

/// Whether any row has a figure under a figure column: 「基本目標 | 主な取組 | 担当課」 reads
/// 目標 in its first header, but with a measure column and rows of Ⅰ, Ⅱ it is a table of
/// measures. A dash is no figure: a schedule of 検討・実施・― under year columns is a table
/// of measures too.
fn holds_figures(table: &blocks::Table) -> bool {
    let columns = table.header.value_columns();
    table.rows.iter().any(|(_, row)| columns.iter().any(|&i| cell(row, Some(i)).is_some_and(value::is_figure)))
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
    /// Columns holding the year of the baseline and of the target (基準年度 | 目標年度).
    baseline_year: Option<usize>,
    target_year: Option<usize>,
    /// Whether the target is only the last of year columns no word marks (「区分 | 令和7年度 |
    /// 令和12年度」, 「R6決算 | R7見込 | R8 … R12」), and the baseline the first or a marked one.
    guessed: bool,
    /// Target columns before `target` (「当初目標 | 見直し後目標」): a row whose revised target is
    /// a dash (not revised) keeps the one before.
    earlier_targets: Vec<usize>,
}

/// A column of figures whose header names a year (基準年度, 目標年度) holds the year of the
/// figure beside it when another column of the same role holds the figure (基準値 | 基準年度).
fn is_year_column(vocabulary: &Vocabulary, h: &Header, i: usize) -> bool {
    h.texts.get(i).is_some_and(|t| {
        // 「目標値（令和12年度）」 is a figure dated in brackets, not a column of years.
        let t = match t.trim_end().strip_suffix([')', '）']) {
            Some(inner) => inner.rfind(['(', '（']).map_or(inner, |at| &inner[..at]),
            None => t.as_str(),
        };
        vocabulary.year_columns.iter().any(|w| t.trim_end().ends_with(w.as_str()))
    })
}

/// Whether the `i`-th column holds a figure on some row.
fn figured(table: &blocks::Table, i: usize) -> bool {
    table.rows.iter().any(|(_, row)| cell(row, Some(i)).is_some_and(value::is_figure))
}

/// 「施策 | ＫＰＩ | 基準値 | 目標値 | 担当課」: a header word that can name the target (ＫＰＩ) over
/// a column of words, beside a column of that role with the figures, names the rows when no
/// column is named for that.
///
/// So does 「区分」 over names (酪農家戸数, 総頭数) rather than the kinds of rows it heads in a
/// table of kinds (実績, 目標) or a mark of one letter (継, 新, 拡).
fn named_by_words(vocabulary: &Vocabulary, mut table: blocks::Table) -> blocks::Table {
    let h = &table.header;
    if h.has(Role::Name) {
        return table;
    }
    if let Some(status) = h.find(Role::Status) {
        let cells: Vec<&str> = table.rows.iter().filter_map(|(_, row)| cell(row, Some(status))).collect();
        // (Before the figures, with no column of items beside it: 「取組 | 重要度 | 満足度 | 区分」
        // grades its items in the last column.)
        let named = !h.has(Role::Measure)
            && h.value_columns().first().is_some_and(|&v| status < v)
            && cells.len() * 2 > table.rows.len()
            && cells
                .iter()
                .all(|c| c.chars().count() >= 2 && !looks_like_value(c) && row_kind(vocabulary, c).is_none());
        if let Some(label) = table.header.columns[status].as_mut().filter(|_| named) {
            label.role = Role::Name;
            return table;
        }
    }
    let h = &table.header;
    let values = h.value_columns();
    let worded = values.iter().copied().find(|&i| {
        let words = table.rows.iter().filter(|(_, row)| cell(row, Some(i)).is_some_and(|c| !looks_like_value(c)));
        let figures = table.rows.iter().filter(|(_, row)| cell(row, Some(i)).is_some_and(looks_like_value));
        let words = words.count();
        words * 2 > table.rows.len()
            && words > figures.count() * 2
            && values.iter().any(|&j| j > i && h.role(j) == h.role(i) && figured(&table, j))
    });
    if let Some(label) = worded.and_then(|i| table.header.columns[i].as_mut()) {
        label.role = Role::Name;
    }
    table
}

fn columns(vocabulary: &Vocabulary, table: &blocks::Table) -> Option<Columns> {
    let h = &table.header;
    let values = h.value_columns();
    let first_value = *values.first()?;
    // Several name-like columns ("財政健全化指標 | 成果指標"): the last before the figures names the row.
    let name = (0..h.columns.len())
        .filter(|&i| h.role(i) == Some(Role::Name))
        .rfind(|&i| i < first_value)
        .or_else(|| h.find(Role::Name))
        .unwrap_or(0);
    // A header of figure words only, over rows with a name before them (「現状値　第３期の目標値
    // 目標値」 over 「住宅の耐震化率（％）　89.2　92.0　95.0」, its 区分 lost to a third line): its
    // columns are not the rows', and a name is no figure.
    if values.contains(&name) {
        return None;
    }
    let all = |role: Role| values.iter().copied().filter(|&i| h.role(i) == Some(role)).collect::<Vec<_>>();
    let year_column = |role: Role| {
        let columns = all(role);
        columns
            .iter()
            .copied()
            .find(|&i| is_year_column(vocabulary, h, i))
            .filter(|_| columns.iter().any(|&i| !is_year_column(vocabulary, h, i)))
    };
    let (baseline_year, target_year) = (year_column(Role::Baseline), year_column(Role::Target));
    let of = |role: Role| {
        all(role).into_iter().filter(|&i| Some(i) != baseline_year && Some(i) != target_year).collect::<Vec<_>>()
    };
    let steps = of(Role::YearStep);
    let marked =
        |role: Role| steps.iter().copied().rfind(|&i| h.columns[i].as_ref().is_some_and(|l| l.mark == Some(role)));
    // 「関連する目標」 names a goal, not a figure: a column of no figures on any row is none of
    // the values, while another column of its role holds them.
    let figured = |i: &usize| figured(table, *i);
    let pick = |columns: Vec<usize>, last: bool| {
        let with_figures: Vec<usize> = columns.iter().copied().filter(figured).collect();
        let from = if with_figures.is_empty() { columns } else { with_figures };
        if last {
            from.last().copied()
        } else {
            from.first().copied()
        }
    };
    let mut baseline = pick(of(Role::Baseline), false).or_else(|| marked(Role::Baseline));
    let mut target = pick(of(Role::Target), true).or_else(|| marked(Role::Target));
    let bases = of(Role::Baseline);
    // "現状値 | 基準値(令和13年度)": with no target word, the later of two baselines is the target.
    if target.is_none() && bases.len() >= 2 {
        target = bases.last().copied();
    }
    let mut guessed = target.is_none() && baseline.is_none() && steps.len() >= 2;
    if guessed {
        baseline = steps.first().copied();
        target = steps.last().copied();
    }
    // "現状値 | Ｒ６ | … | Ｒ１０": a baseline then a yearly series with no target word and no
    // 実績 column. The series is the plan's steps toward its final year, so its last column is
    // the target; a series that does not reach past the baseline's year is a record of the past.
    let year_at = |i: usize| h.columns[i].as_ref().and_then(|l| l.year.as_ref()).map(|y| y.fiscal);
    if let (None, Some(b), Some(&last)) = (target, baseline, steps.last()) {
        // The baseline may be a step itself (「2020年度基準」 is a year marked as the baseline).
        let after = steps.iter().all(|&i| i >= b) && steps.iter().filter(|&&i| i > b).count() >= 2;
        let later = match (year_at(b), year_at(last)) {
            (Some(from), Some(to)) => to > from,
            _ => true,
        };
        if after && later && of(Role::Actual).is_empty() {
            target = Some(last);
            guessed = true;
        }
    }
    // 「策定時 | 現状 | 目標」: of two baselines beside a target, the later is the value the
    // plan stands at now, its baseline; the earlier is where it started.
    // (「基準値 | 目標値 | 直近値」: one after the target is how far the plan has come, its
    // latest actual, not the figure the target was set from.)
    let later_baseline = match (target, &bases[..]) {
        (Some(t), [.., last]) if bases.len() >= 2 && Some(*last) != baseline && *last < t && figured(last) => {
            Some(*last)
        }
        _ => None,
    };
    let progress = match (target, &bases[..]) {
        (Some(t), [first, .., last]) if *first < t && *last > t && figured(last) => Some(*last),
        _ => None,
    };
    let earlier_targets = of(Role::Target).into_iter().filter(|&i| target.is_some_and(|t| i < t)).collect();
    Some(Columns {
        name,
        baseline: later_baseline.or(baseline),
        target,
        // 「実績（R4） | 実績（R5） | 実績（R6）」: the latest of several is the figure of today.
        actual: pick(of(Role::Actual), true).or(progress),
        steps,
        baseline_year,
        target_year,
        guessed,
        earlier_targets,
    })
}

fn cell(row: &[String], i: Option<usize>) -> Option<&str> {
    i.and_then(|i| row.get(i)).map(|c| c.as_str()).filter(|c| !c.is_empty())
}

/// A row whose cells do not line up with the header (merged cells of PDF tables): the name is
/// the cell before the first figure, and the figures fill the value columns in order.
/// A row that left its name blank has its 対象 first, whatever it looks like (「６５歳以上」).
fn realign(row: &[String], h: &Header, cols: &Columns, blank_name: bool) -> Option<Vec<String>> {
    let first =
        if blank_name && row.len() >= 2 { 1 } else { row.iter().position(|c| !c.is_empty() && looks_like_value(c))? };
    let name = row[..first].iter().rev().find(|c| !c.is_empty())?;
    let mut aligned = vec![String::new(); h.columns.len()];
    aligned[cols.name] = name.clone();
    let values: Vec<&String> = row[first..].iter().take_while(|c| looks_like_value(c)).collect();
    for (i, v) in h.value_columns().into_iter().zip(values) {
        aligned[i] = v.clone();
    }
    Some(aligned)
}

fn indicator_rows(vocabulary: &Vocabulary, table: &blocks::Table, lines: &[Line], out: &mut Out) {
    let h = &table.header;
    let Some(cols) = columns(vocabulary, table) else { return };
    let category = category(h, cols.name);
    let year_of = |i: Option<usize>| i.and_then(|i| h.columns[i].as_ref()).and_then(|l| l.year.clone());
    let unit_column = h.find(Role::Unit);
    let mut last: Option<(usize, usize)> = None;
    let first_out = out.len();
    // Departments written alone on a line between the rows of a group (a cell merged over the
    // group's rows, printed once in its middle): their lines.
    let mut lone_departments: Vec<(usize, Vec<String>)> = Vec::new();
    // The name of the row above, for a row that leaves its name blank (another 対象 of it).
    let mut above_name: Option<String> = None;
    // A column before the names that groups them, written once for its rows (「対象鳥獣」:
    // イノシシ over 被害金額 and 被害面積, then 合計): which group a row is of.
    let group_column = (0..cols.name).rfind(|&i| {
        matches!(h.role(i), None | Some(Role::Group)) && h.texts.get(i).is_some_and(|t| !t.trim().is_empty())
    });
    let mut group: Option<String> = None;
    // The start of a numbered row's name on a line of no figures (「④サテライトオフィスの誘致 |
    // サテライトオフィスに進出した」), whose figures stand on the next line with the rest of it.
    let mut opened: Option<(usize, String)> = None;
    let start_of = |no: usize| lines.get(no.wrapping_sub(1)).filter(|l| l.no == no && !l.tabbed);
    // The line over the header, where a table's caption stands (「■将来推計」).
    let caption = caption_of(lines, h.line);
    // 「表1　税目別の収納率（単位：％）」: the caption's unit is every figure's that names none.
    // (Over a header of two lines, the caption stands above its first.)
    let caption_unit = lines_above(lines, h.line).find_map(|l| unit_named(&l.text));
    for (k, (no, row)) in table.rows.iter().enumerate() {
        // 「　　ha　　ha　　ha　　％　　％」: the header's line of units, no row.
        let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
        let unit = |c: &str| value::UNITS.contains(&c) || vocabulary.unit_words().any(|u| u == c);
        if filled.len() >= 2 && filled.iter().all(|c| unit(c)) {
            continue;
        }
        // A column of units the header leaves unnamed (its 「単位」 printed upright above the
        // header, one letter a line): one cell more than the header, a unit alone after the
        // figures. The row is read without it, and it is the row's unit.
        let split = without_unnamed_unit(row, h, unit_column, cols.name);
        let (row, unnamed_unit) = match &split {
            Some((rest, unit)) => (rest, Some(unit.as_str())),
            None => (row, None),
        };
        // A row aligned by gaps that leaves the name column blank loses that cell: its first
        // cell starts under the column after the name (「　　　　中学生　５．８％　０％」).
        let blank_name = row.len() < h.columns.len()
            && match (start_of(*no), start_of(h.line)) {
                (Some(r), Some(head)) if r.starts.len() == row.len() && head.starts.len() == h.columns.len() => {
                    head.starts.get(cols.name + 1).is_some_and(|&next| r.starts[0] + 2 >= next)
                }
                _ => false,
            };
        let lined_up = !blank_name
            && cell(row, Some(cols.name)).is_some_and(|n| !looks_like_value(n))
            && h.value_columns().iter().any(|&i| cell(row, Some(i)).is_some_and(looks_like_value));
        // A name broken over two lines of its cell (「放課後児童クラブの」 / 「待機児童数」): the
        // line right under an indicator row, with no figure anywhere, holds the rest of the name
        // (in a two-column page, as the last cell, after the prose of the other column).
        let numbered = row.first().is_some_and(|c| ENCLOSED_NUMBER.is_match(c));
        if numbered && row.len() < h.columns.len() && !row.iter().any(|c| looks_like_value(c)) {
            opened = name_piece(vocabulary, row, None).map(|piece| (*no, piece.to_string()));
            last = None;
            continue;
        }
        let opening = opened.take().filter(|(line, _)| line + 1 == *no).map(|(_, piece)| piece);
        // 「商業・　　　　　　　　商工振興課」 between two rows of the group 商業・商店街: the
        // department of the group, not the rest of the name above.
        let aligned = (table.header.texts.len() == row.len()).then_some(cols.name);
        let lone = row.iter().rev().find(|c| !c.is_empty()).filter(|d| {
            aligned.is_none()
                && h.department().is_some()
                && !row.iter().any(|c| looks_like_value(c))
                && vocabulary.is_department(d)
        });
        if let Some(d) = lone {
            lone_departments.push((*no, split_departments(d)));
            last = None;
            continue;
        }
        if let Some((at, line)) = last.filter(|(_, line)| *line + 1 == *no && opening.is_none()) {
            if let (Some(piece), Body::Indicator(i)) = (name_piece(vocabulary, row, aligned), &mut out[at].2) {
                i.name = normalize::tighten(&format!("{}{piece}", i.name));
                // The department cell of that line names a second department of the row
                // (「総務課」 / 「教育総務課」).
                let more = aligned.and(cell(row, h.department())).filter(|d| !looks_like_value(d));
                for d in more.map(split_departments).unwrap_or_default() {
                    if !i.departments.contains(&d) {
                        i.departments.push(d);
                    }
                }
                last = Some((at, line + 1));
                continue;
            }
        }
        last = None;
        let row = if lined_up { row.clone() } else { realign(row, h, &cols, blank_name).unwrap_or_default() };
        let Some(name_cell) = cell(&row, Some(cols.name)) else { continue };
        // A row realigned by its figures whose name column is empty (「―」 under 指標) takes the
        // department before them for a name: it names no indicator.
        let department_taken = !lined_up && h.department().is_some() && vocabulary.is_department(name_cell);
        if vocabulary.is_word(name_cell) || department_taken {
            continue;
        }
        // 「再エネ導入容量〔kW〕」「設置件数〔件・累計〕」: the unit in brackets after the name.
        let unit = cell(&row, unit_column)
            .or_else(|| unit_after_name(name_cell))
            .or(unnamed_unit)
            .or(caption_unit)
            .unwrap_or("");
        let year_in = |i: Option<usize>| cell(&row, i).and_then(|c| value::years_in(c).into_iter().next());
        let value_at = |i: Option<usize>| {
            let v = cell(&row, i).and_then(|c| value::parse(c, *no));
            let v = if i.is_some() && i == cols.baseline {
                with_year(v, &year_in(cols.baseline_year))
            } else if i.is_some() && i == cols.target {
                with_year(v, &year_in(cols.target_year))
            } else {
                v
            };
            with_year(v, &year_of(i)).map(|v| v.with_unit(unit))
        };
        let (mut name, mut description) = name_and_description(name_cell);
        if let Some(piece) = opening {
            name = normalize::tighten(&format!("{piece}{name}"));
        }
        if let Some(above) = above_name.as_ref().filter(|_| blank_name) {
            name = format!("{above}({name})");
        }
        if description.is_none() {
            description = cell(&row, h.find(Role::Note)).map(str::to_string);
        }
        if let Some(g) = cell(&row, group_column).filter(|g| !looks_like_value(g)) {
            group = Some(g.to_string());
        }
        if description.is_none() {
            description = group.clone();
        }
        // 「取組項目 | … | 指標」: the measure the indicator measures says what it is about
        // (「削減した業務時間」 of 「ＲＰＡ・ＡＩの活用」).
        if description.is_none() {
            description = cell(&row, measure_column(h)).filter(|m| !looks_like_value(m)).map(str::to_string);
        }
        // Year columns no word marks are read as a plan's steps, first the baseline and last the
        // target, unless the caption or the row says they are a record of the past or a
        // projection (「■人口の推移」「…（推計値）」): those figures are no baseline and no target.
        let (baseline, target) = if cols.guessed
            && (vocabulary.names_no_steps(name_cell) || caption.is_some_and(|c| vocabulary.names_no_steps(c)))
        {
            (None, None)
        } else {
            // 「当初目標 35% | 見直し後目標 ―」: a target not revised is the one first set.
            let unset = |i: usize| cell(&row, Some(i)).is_none_or(|c| c.is_empty() || value::is_placeholder(c));
            let target = match cols.target {
                Some(t) if unset(t) => cols.earlier_targets.iter().rev().copied().find(|&i| !unset(i)).or(Some(t)),
                t => t,
            };
            // 「実績 R3 ― | R4 ― | R5 15人 | 目標 R11 60人」: a baseline step with no figure yet
            // starts where the first figure of the steps before the target stands. (Not a year
            // the header marks as the result, 「令和６年度（実績）」: its ― says there is none.)
            let fiscal = |i: Option<usize>| year_of(i).map(|y| y.fiscal);
            let marked = |i: usize| h.columns.get(i).and_then(|l| l.as_ref()).is_some_and(|l| l.mark.is_some());
            let baseline = match cols.baseline {
                Some(b) if unset(b) && cols.steps.contains(&b) && !marked(b) => cols
                    .steps
                    .iter()
                    .copied()
                    .filter(|&i| i > b && target.is_none_or(|t| i < t))
                    .find(|&i| {
                        let before_the_target = match (fiscal(Some(i)), fiscal(target)) {
                            (Some(at), Some(end)) => at < end,
                            _ => true,
                        };
                        !unset(i) && before_the_target && value_at(Some(i)).is_some_and(|v| v.number.is_some())
                    })
                    .or(Some(b)),
                b => b,
            };
            (baseline, target)
        };
        let mut indicator = Indicator::row(category.clone(), name, description, value_at(baseline), value_at(target));
        indicator.actual = value_at(cols.actual);
        // 「実績（R6） | 目標値（R12）」 with no column of a baseline: the latest result is where
        // the target starts from, the baseline.
        if cols.baseline.is_none() && cols.actual.is_some_and(|a| target.is_some_and(|t| a < t)) {
            indicator.baseline = indicator.actual.take();
        }
        if cols.steps.len() >= 2 {
            indicator.yearly = cols.steps.iter().filter_map(|&i| value_at(Some(i))).collect();
        }
        indicator.departments = cell(&row, h.department()).map(split_departments).unwrap_or_default();
        indicator.labels = value_labels(h);
        // A series of the past or a projection keeps its yearly figures, and states no target.
        if indicator.baseline.is_none()
            && indicator.target.is_none()
            && indicator.actual.is_none()
            && (indicator.yearly.is_empty() || !cols.guessed)
        {
            continue;
        }
        // A table with results and no column of a baseline or a target (「前期目標 | 実績 | 達成
        // 状況」) looks back on an earlier plan: its rows are none of this plan's indicators.
        if cols.baseline.is_none() && cols.target.is_none() && indicator.yearly.is_empty() {
            continue;
        }
        // The rest of a broken name may stand on a line the table did not take as its row (the
        // last row of a two-column page, whose next line starts a new block).
        // Only a name that ends mid-phrase (「…のうち」「…の」) reaches out of its table.
        let open = indicator.name.ends_with(normalize::is_hiragana);
        let below = lines.get(*no).filter(|l| open && !table.rows.iter().any(|(n, _)| *n == l.no));
        if let Some(piece) = below.and_then(|l| name_piece(vocabulary, &l.cells, None)) {
            indicator.name = normalize::tighten(&format!("{}{piece}", indicator.name));
        }
        if !blank_name {
            above_name = Some(indicator.name.clone());
        }
        out.push((*no, table.row_end(k), Body::Indicator(Box::new(indicator))));
        last = Some((out.len() - 1, table.row_end(k)));
    }
    group_departments(lines, &lone_departments, &mut out[first_out..]);
}

/// A row with one cell more than its header, that cell a unit standing alone right after a
/// figure (「62.1　100　％　道路課」 under 「現状値　目標値　担当」), when the header has no unit
/// column: the row without it, and the unit; `None` (and no copy of the row) for any other row.
fn without_unnamed_unit(
    row: &[String],
    h: &Header,
    unit_column: Option<usize>,
    name: usize,
) -> Option<(Vec<String>, String)> {
    if row.len() != h.columns.len() + 1 || unit_column.is_some() {
        return None;
    }
    // (Cells are NFKC already: a ％ reads as %.)
    let k =
        (name + 2..row.len()).find(|&k| value::UNITS.contains(&row[k].as_str()) && looks_like_value(&row[k - 1]))?;
    let mut rest = row.to_vec();
    let unit = rest.remove(k);
    Some((rest, unit))
}

/// Whether a line is a rule across a table (───, ━━━, or a rule a pre-pass rewrote).
fn is_rule(line: &Line) -> bool {
    let t = line.text.trim();
    t == super::grid::SEPARATOR || (t.chars().count() >= 10 && t.chars().all(|c| "─━-―－=＝_".contains(c)))
}

/// A table whose groups of rows are ruled off (───) and whose department cell is merged over
/// each group, printed once (「担当課の欄は、その分野の指標を取りまとめる課を示します」): each
/// group's one department, on a row of it or alone on a line between its rows, is every row's of
/// the group that names none. A group with two departments or none gives nothing.
fn group_departments(lines: &[Line], lone: &[(usize, Vec<String>)], rows: &mut [(usize, usize, Body)]) {
    let (Some(first), Some(last)) = (rows.first().map(|r| r.0), rows.last().map(|r| r.1)) else { return };
    let rules: Vec<usize> = lines.iter().filter(|l| l.no > first && l.no < last && is_rule(l)).map(|l| l.no).collect();
    if rules.is_empty() {
        return;
    }
    let group_of = |no: usize| rules.iter().filter(|&&r| r < no).count();
    for g in 0..=rules.len() {
        let mut named: Vec<Vec<String>> =
            lone.iter().filter(|(no, _)| group_of(*no) == g).map(|(_, d)| d.clone()).collect();
        named.extend(rows.iter().filter(|r| group_of(r.0) == g).filter_map(|r| match &r.2 {
            Body::Indicator(i) if !i.departments.is_empty() => Some(i.departments.clone()),
            _ => None,
        }));
        named.dedup();
        let [departments] = named.as_slice() else { continue };
        for row in rows.iter_mut().filter(|r| group_of(r.0) == g) {
            if let Body::Indicator(i) = &mut row.2 {
                if i.departments.is_empty() {
                    i.departments = departments.clone();
                }
            }
        }
    }
}

/// The unit a name states in square brackets at its end (〔kW〕, 〔件・累計〕, [%]).
fn unit_after_name(name: &str) -> Option<&str> {
    let inside = name.strip_suffix(['〕', ']'])?.rsplit(['〔', '[']).next()?;
    let unit = inside.split(['・', '、']).next()?.trim();
    value::UNITS.contains(&unit).then_some(unit)
}

/// The unit a caption names for a whole table (「（単位：％）」「単位:千円」), when it is one unit.
fn unit_named(caption: &str) -> Option<&str> {
    let (_, after) = caption.split_once("単位")?;
    let after = after.trim_start_matches([':', ' ']);
    let named = after.split([')', ' ']).next()?;
    let mut pieces = named.split(['、', ',', '・']).map(str::trim);
    let unit = pieces.next()?;
    // 「（単位：％、人、か所）」 names a unit for each of several rows, which it does not say; so
    // does 「（単位：百万円、比率は％）」.
    let several = pieces.any(|p| value::UNITS.contains(&p) || p.contains('は'));
    // A unit the value reader reads after a figure (千t-CO2), not only the common ones.
    let read = || value::parse(&format!("1{unit}"), 0).is_some_and(|v| v.unit == unit);
    ((value::UNITS.contains(&unit) || read()) && !several).then_some(unit)
}

/// The rest of a broken name on the line under a row: the name column's cell when the line's
/// cells line up with the header, else its last cell (after the prose of a page's other
/// column). None when the line holds a figure, a sentence or a header word.
fn name_piece<'a>(vocabulary: &Vocabulary, row: &'a [String], name_column: Option<usize>) -> Option<&'a str> {
    if row.iter().any(|c| looks_like_value(c)) {
        return None;
    }
    // Unaligned, the piece must stand beside other text: a lone line may be the prose itself.
    let piece = match name_column {
        Some(i) => cell(row, Some(i)),
        None if row.iter().filter(|c| !c.is_empty()).count() >= 2 => {
            row.iter().rev().find(|c| !c.is_empty()).map(String::as_str)
        }
        None => None,
    };
    piece.filter(|p| p.chars().count() <= 24 && !p.contains('。') && !vocabulary.is_word(p))
}

/// One row of a per-year block: what the row gives (目標 → target, 実績 → actual, 基準 →
/// baseline), its line, and its figures each under the label of its column.
struct KindRow {
    kind: Role,
    line: usize,
    cells: Vec<(Option<Label>, String)>,
}

/// The kind a row label states (「目標」「実績」「目標値」「計画」), from the vocabulary.
fn row_kind(vocabulary: &Vocabulary, cell: &str) -> Option<Role> {
    let label = vocabulary.label(cell)?;
    matches!(label.role, Role::Target | Role::Actual | Role::Baseline).then_some(label.role)
}

/// An indicator from rows that each give one kind of figure per year column. The baseline is
/// the figure under the baseline column (基準値, 現状値); the target the last figure of the
/// target row, since its columns run to the plan's final year; the actual the latest figure of
/// the actual row. A value of a 中間 or an earlier year is never the target.
fn kind_series(category: &str, name: String, unit: &str, rows: &[KindRow]) -> Option<Indicator> {
    let value_of = |label: &Option<Label>, text: &str, line: usize| {
        let mut v = value::parse(text, line)?.with_unit(unit);
        if v.year.is_none() {
            v.year = label.as_ref().and_then(|l| l.year.clone());
        }
        Some(v)
    };
    let is_base = |l: &Option<Label>| l.as_ref().is_some_and(|l| l.role == Role::Baseline);
    let figures = |row: &KindRow, base: bool| -> Vec<Value> {
        row.cells
            .iter()
            .filter(|(l, t)| is_base(l) == base && !t.is_empty())
            .filter_map(|(l, t)| value_of(l, t, row.line))
            .filter(|v| v.figure.is_some() || v.qualifier.is_some())
            .collect()
    };
    let mut baseline = None;
    for row in rows.iter().filter(|r| r.kind != Role::Target).chain(rows.iter().filter(|r| r.kind == Role::Target)) {
        if baseline.is_none() {
            baseline = figures(row, true).into_iter().next();
        }
    }
    let target_row = rows.iter().find(|r| r.kind == Role::Target);
    let yearly = target_row.map(|r| figures(r, false)).unwrap_or_default();
    let target = yearly.last().cloned();
    let actual = rows.iter().find(|r| r.kind == Role::Actual).and_then(|r| figures(r, false).pop());
    if baseline.is_none() && target.is_none() && actual.is_none() {
        return None;
    }
    let mut indicator = Indicator::row(category, name, None, baseline, target);
    indicator.actual = actual;
    indicator.yearly = yearly;
    Some(indicator)
}

/// 「| KPI | 区分 | 基準値(R元) | R3 | … | R7 |」 with a 目標 row and a 実績 row per indicator, the
/// name written only on the first of them. Returns false when no row is marked by a kind word
/// (a 区分 column naming the rows themselves, 量の見込み・確保方策), for the other readers.
fn status_rows(vocabulary: &Vocabulary, table: &blocks::Table, out: &mut Out) -> bool {
    let h = &table.header;
    let Some(status) = h.find(Role::Status) else { return false };
    let Some(cols) = columns(vocabulary, table) else { return false };
    if cols.name == status {
        return false;
    }
    let category = category(h, cols.name);
    let unit = h.find(Role::Unit);
    let mut groups: Vec<(String, String, Vec<KindRow>)> = Vec::new();
    for (no, row) in &table.rows {
        let Some(kind) = cell(row, Some(status)).and_then(|c| row_kind(vocabulary, c)) else { continue };
        match cell(row, Some(cols.name)).filter(|n| !looks_like_value(n)) {
            Some(name) => groups.push((name.to_string(), cell(row, unit).unwrap_or("").to_string(), Vec::new())),
            None if groups.is_empty() => continue,
            None => {}
        }
        let cells =
            h.value_columns().into_iter().map(|i| (h.columns[i].clone(), row.get(i).cloned().unwrap_or_default()));
        groups.last_mut().unwrap().2.push(KindRow { kind, line: *no, cells: cells.collect() });
    }
    let mut any = false;
    for (name, unit, rows) in groups {
        let (name, _) = name_and_description(&name);
        let (first, last) = (rows[0].line, rows.last().map_or(rows[0].line, |r| r.line));
        if let Some(indicator) = kind_series(&category, name, &unit, &rows) {
            out.push((first, last, Body::Indicator(Box::new(indicator))));
            any = true;
        }
    }
    any
}

/// A per-year block written with spaces, under a line naming the indicator:
/// 「[KPI]空き店舗の活用件数(単位:件)」, 「基準値(R2) R4 R5 R6」, 「実績 3 5」, 「目標 - 6 8 10」.
/// The rows' figures fill the header's columns from the left (the later years of 実績 are
/// still blank).
pub fn kind_blocks(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    static TAG: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[\[【<]([^\]】>]*)[\]】>]\s*").unwrap());
    static UNIT: Lazy<Regex> = Lazy::new(|| Regex::new(r"\s*\(単位:\s*([^、,)]*)(?:[、,]\s*([^)]*))?\)\s*$").unwrap());
    let lines = &doc.lines;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        if i == 0 || text.contains(['\t', '|']) {
            continue;
        }
        // Every word a header of values: the first word that is none ends the look at the line.
        let Some(header) = text
            .split(' ')
            .map(|c| vocabulary.label(c).filter(|l| l.role.is_value()).map(Some))
            .collect::<Option<Vec<Option<Label>>>>()
        else {
            continue;
        };
        let steps = header.iter().filter(|l| l.as_ref().is_some_and(|l| l.role == Role::YearStep)).count();
        if steps < 2 {
            continue;
        }
        let mut rows = Vec::new();
        for next in &lines[i + 1..] {
            let mut cells = next.text.trim().split(' ');
            let Some(kind) = cells.next().and_then(|c| row_kind(vocabulary, c)) else { break };
            let cells: Vec<&str> = cells.collect();
            if cells.is_empty() || cells.len() > header.len() || !cells.iter().all(|c| looks_like_value(c)) {
                break;
            }
            let cells =
                header.iter().cloned().zip(cells.iter().map(|c| c.to_string()).chain(std::iter::repeat(String::new())));
            rows.push(KindRow { kind, line: next.no, cells: cells.collect() });
        }
        let Some(last) = rows.last().map(|r| r.line) else { continue };
        // The name stands on the line above: a tag ([KPI]) and the unit come off it.
        let above = &lines[i - 1];
        let mut name = above.text.trim().to_string();
        if name.is_empty() || name.ends_with('。') || name.chars().count() > 60 || looks_like_value(&name) {
            continue;
        }
        let mut category = "指標".to_string();
        if let Some(c) = TAG.captures(&name.clone()) {
            if c[1].contains("KPI") {
                category = "KPI".to_string();
            }
            name = name[c.get(0).unwrap().end()..].to_string();
        }
        let mut unit = String::new();
        let mut cumulative = false;
        if let Some(c) = UNIT.captures(&name.clone()) {
            unit = c[1].trim().to_string();
            cumulative = c.get(2).is_some_and(|m| m.as_str().contains("累計"));
            name = name[..c.get(0).unwrap().start()].to_string();
        }
        let (name, description) = name_and_description(&name);
        if name.chars().count() < 2 || vocabulary.is_word(&name) {
            continue;
        }
        let Some(mut indicator) = kind_series(&category, name, &unit, &rows) else { continue };
        indicator.description = description;
        if cumulative {
            if let Some(v) = indicator.target.as_mut() {
                v.qualifier.get_or_insert_with(|| "累計".to_string());
            }
        }
        out.push((above.no, last, Body::Indicator(Box::new(indicator))));
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
    const SEPARATORS: [char; 5] = [' ', '・', '、', '/', ','];
    super::measures::split_outside_brackets(text, &SEPARATORS)
        .into_iter()
        .flat_map(|d| match within_the_body(d.trim()) {
            // 「市(都市計画課、文化振興課)」: the sections in charge, each a department.
            Some(inner) => inner.split(SEPARATORS).map(|i| i.trim().to_string()).collect(),
            None => vec![d.trim().to_string()],
        })
        .filter(|d| !d.is_empty())
        .collect()
}

/// Longest label inside a body's bracket before its section in charge (担当課, 所管課).
const MAX_INNER_LABEL: usize = 6;

/// 「市(農林課)」: the body with the section of it in charge in brackets is that section; so is
/// any body with the section labelled (「市立歴史博物館(担当課:文化振興課)」).
fn within_the_body(name: &str) -> Option<&str> {
    let (body, inner) = name.strip_suffix(')')?.split_once('(')?;
    let labelled = inner.split_once(':').filter(|(label, _)| label.chars().count() <= MAX_INNER_LABEL);
    // (Not a department's own bracket, nor one of who works with it: 「財政課(関係課:施設所管課)」.)
    let a_department = body.ends_with(['課', '室', '係', '部', '局']);
    let aside = |label: &str| ["関係", "連携", "協力"].iter().any(|w| label.contains(w));
    let inner = match labelled {
        Some((label, rest)) if !a_department && !aside(label) => rest.trim(),
        Some(_) => return None,
        None if ["市", "町", "村", "県"].contains(&body) => inner,
        None => return None,
    };
    (!inner.is_empty() && !inner.contains(['(', ')'])).then_some(inner)
}

/// The caption of a table whose header stands on line `header` (1-based): the nearest line
/// with text among the two above it (「■将来推計」, 「４　中期財政計画（普通会計）」).
pub(super) fn caption_of(lines: &[Line], header: usize) -> Option<&str> {
    lines_above(lines, header).map(|l| l.text.as_str()).find(|t| !t.trim().is_empty())
}

/// The (at most two) lines right above line `header` (1-based), nearest first.
fn lines_above(lines: &[Line], header: usize) -> impl Iterator<Item = &Line> {
    (1..=2).filter_map(move |up| lines.get(header.wrapping_sub(1 + up)).filter(|l| l.no + up == header))
}

/// Whether the lines right above a table's header (its caption and the sentence that opens it)
/// say that its years are a record of the past or a projection (`[series] not_steps` of the
/// vocabulary: 推移, 推計, 財政計画, 見通し): its first and last years are then no baseline and
/// no target.
pub(super) fn captioned_as_no_steps(vocabulary: &Vocabulary, lines: &[Line], header: usize) -> bool {
    lines_above(lines, header).any(|l| vocabulary.names_no_steps(&l.text))
}

/// The first cells of a table's row of totals (「合計」「小計」).
const TOTAL_ROWS: [&str; 4] = ["合計", "小計", "計", "総計"];

/// Tables with one row per year ("年度 | 不登校児童生徒数 | 区分"): each other column is an
/// indicator whose series the rows give; 区分 says which row is the baseline and the target.
/// Under a caption of the past or of a projection (「４　中期財政計画」 over 「…の見通しを次のとおり
/// 見込みます」) only rows marked so (目標, 基準) are the target or the baseline: the others are a
/// series.
fn series_rows(doc: &Doc, vocabulary: &Vocabulary, table: &blocks::Table, out: &mut Out) {
    let h = &table.header;
    let no_steps = captioned_as_no_steps(vocabulary, &doc.lines, h.line);
    // 「…は次のとおり推移しています」 over the years and a row of the target: the last year of
    // the record before the target is where the figure stands now.
    let past = no_steps && lines_above(&doc.lines, h.line).any(|l| vocabulary.names_the_past(&l.text));
    let status = h.find(Role::Status);
    let Some(last) = table.rows.last().map(|(no, _)| *no) else { return };
    // A row is marked in a column of its own (区分: 実績・目標), beside its year ("令和12年度(目標)")
    // or inside the figure ("380人(基準値)").
    let marks = |row: &[String], word: &str| {
        cell(row, status).is_some_and(|s| s.contains(word)) || cell(row, Some(0)).is_some_and(|y| y.contains(word))
    };
    // Without a 区分 column, a figure marked (基準値) marks its whole row as the baseline year:
    // the other measures' figures of that row (even "－") are their baselines too.
    let base_row = status
        .is_none()
        .then(|| table.rows.iter().position(|(_, row)| row.iter().skip(1).any(|c| c.contains("基準"))))
        .flatten();
    // Years marked (実績) beside unmarked ones (planned steps): only the marked are actual.
    let marked_actual = table.rows.iter().any(|(_, row)| marks(row, "実績"));
    for column in 1..h.columns.len() {
        if h.columns[column].is_some() {
            continue;
        }
        let Some(title) = h.texts.get(column).filter(|t| !t.is_empty()) else { continue };
        // A column of words (「漁港」: 漆ノ浦, 小戸 …, in a schedule of works by year) is no
        // series of figures: most of its cells must hold one.
        let filled: Vec<&str> = table.rows.iter().filter_map(|(_, row)| cell(row, Some(column))).collect();
        if filled.iter().filter(|c| looks_like_value(c)).count() * 2 < filled.len() {
            continue;
        }
        // 「運用経費（見込み・千円）」: a column that calls itself a projection.
        let projected = roles::compact(title).contains("見込") || vocabulary.names_no_steps(title);
        let mut yearly = Vec::new();
        let (mut based, mut actual, mut target) = (None, None, None);
        // The last year of a record of the past, before any target.
        let mut latest = None;
        for (at, (no, row)) in table.rows.iter().enumerate() {
            // (The row of totals under the years, 「合計　12」, is the sum of the steps, no year's
            // figure: no baseline.)
            let total = cell(row, Some(0)).is_some_and(|c| TOTAL_ROWS.contains(&c));
            let Some(text) = cell(row, Some(column)).filter(|_| !total) else { continue };
            let Some(mut v) = value::parse(text, *no) else { continue };
            v.year = cell(row, Some(0)).and_then(|c| value::years_in(c).into_iter().next());
            if marks(row, "目標") || text.contains("目標") {
                target = Some(v.clone());
            } else if marks(row, "基準") || base_row == Some(at) {
                based = Some(v.clone());
            } else if text.contains("実績") {
                // 「258,000（実績）」 among projected years: the one figure that is.
                actual = Some(v.clone());
            } else if no_steps || projected {
                // Unmarked years of a record of the past or a projection are neither.
                if past && target.is_none() && v.year.is_some() && v.figure.is_some() {
                    latest = Some(v.clone());
                }
            } else if base_row.is_some_and(|b| at > b) {
                // After a marked baseline, the unmarked years of the table are its targets.
                target = Some(v.clone());
            } else if status.is_none() && !marked_actual || marks(row, "実績") {
                actual = Some(v.clone());
            }
            yearly.push(v);
        }
        let baseline = based.or(actual).or(latest.filter(|_| target.is_some()));
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

/// (A sentence that opens the table names it by its subject: 「村の審議会等の委員に占める女性の
/// 割合は、次のとおり推移しています。」 names 「村の審議会等の委員に占める女性の割合」.)
fn heading_naming(doc: &Doc, header_line: usize, title: &str) -> Option<(String, usize)> {
    let above = doc.lines[..header_line.saturating_sub(1)].iter().rev().filter(|l| !l.text.is_empty()).take(1);
    above
        .map(|l| {
            let text = l.text.trim_start_matches(['#', ' ', '■', '◆', '●']);
            let subject = ["は、次の", "は次の"].iter().find_map(|w| text.split_once(w)).map_or(text, |(s, _)| s);
            (subject.to_string(), l.no)
        })
        .find(|(t, _)| t.contains(title) && t.chars().count() <= 40)
}

fn satisfaction_rows(table: &blocks::Table, out: &mut Out) {
    let h = &table.header;
    // The item is named by an indicator column or, in a survey of 施策, by the measure column.
    let (Some(name), Some(share)) = (h.find(Role::Name).or(h.find(Role::Measure)), h.find(Role::Satisfaction)) else {
        return;
    };
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
fn measure_rows(vocabulary: &Vocabulary, table: &blocks::Table, by_gaps: bool, out: &mut Out) {
    let h = &table.header;
    let Some(department) = h.department() else { return };
    let content = h.find(Role::Content);
    // A department cell broken over two rows (「住宅政策課・」 / 「市民相談室」): the row below
    // holds only the rest of the list, or a note in brackets under the name or the content
    // (「（法に基づく助言・指導・勧告）」).
    let continued = |row: &[String]| {
        cell(row, Some(department)).is_some()
            && (0..row.len()).filter(|&i| i != department).all(|i| {
                cell(row, Some(i)).is_none_or(|c| {
                    // (One bracket: 「(6)巡回相談(発達が気になる子ども)」 is an item of its own.)
                    matches!(h.role(i), Some(Role::Measure | Role::Content))
                        && c.starts_with('(')
                        && super::owners::whole_bracket(c).is_some()
                })
            })
    };
    // Of two measure columns (施策 | 主な取組) the measures are the one filled on every row: the
    // other names the group they stand under on its first row only.
    let own: Vec<&[String]> = table.rows.iter().map(|(_, row)| row.as_slice()).filter(|row| !continued(row)).collect();
    let filled = |c: usize| own.iter().filter(|row| cell(row, Some(c)).is_some()).count();
    let rows = own.len();
    let measures = (0..h.columns.len()).filter(|&c| h.role(c) == Some(Role::Measure));
    // 「事業 | 内容 | 担当課」: with no measure word in the header, a column of no role right
    // before the content, filled with words on every row, names what the content describes.
    // (In a table aligned by spaces a row's cells shift left under an empty first column.)
    let unnamed = content.and_then(|c| c.checked_sub(1)).filter(|&c| {
        !by_gaps
            && h.role(c).is_none()
            && !h.texts[c].is_empty()
            && filled(c) == rows
            && own.iter().all(|row| cell(row, Some(c)).is_none_or(|t| !looks_like_value(t)))
    });
    let Some(name) = measures.max_by_key(|&c| (filled(c), c)).or(unnamed).or(content) else { return };
    // So of a measure column and a content column (事業名 | 事業内容 in a 過疎計画): when the
    // content is filled on every row and the name column only on some, the name column groups
    // the rows (「(1)移住・定住」) and each content is a measure. (Only in a table of cells: in
    // one aligned by spaces an empty name cell is a name wrapped onto the line below.)
    let (name, content, group) = match content.filter(|&c| c != name) {
        Some(c) if !by_gaps && filled(c) == rows && filled(name) < filled(c) => (c, None, Some(name)),
        other => (name, other, None),
    };
    let mut grouped: Option<String> = None;
    let mut last: Option<usize> = None;
    for (k, (no, row)) in table.rows.iter().enumerate() {
        if let (true, Some(at)) = (continued(row), last) {
            if let (start, _, Body::Measure(m)) = &out[at] {
                let mut m = m.clone();
                if let (Some(c), Some(note)) = (m.content.as_mut(), cell(row, content)) {
                    c.push_str(note);
                }
                m.departments.extend(cell(row, Some(department)).map(split_departments).unwrap_or_default());
                out[at] = (*start, *no, Body::Measure(m));
            }
            continue;
        }
        if let Some(at) = last.filter(|&at| by_gaps && wrapped(vocabulary, &out[at], *no, row, h.columns.len())) {
            if let (start, _, Body::Measure(m)) = &out[at] {
                let mut m = m.clone();
                let (dept, rest) = row.split_last().expect("a wrapped row has cells");
                // Aligned, the row continues each column; shorter, it lost the empty name
                // column to the gap split and holds the rest of the content.
                if row.len() == h.columns.len() {
                    if let Some(piece) = cell(row, Some(name)) {
                        m.name.push_str(piece);
                    }
                    if let (Some(c), Some(piece)) = (m.content.as_mut(), cell(row, content)) {
                        c.push_str(piece);
                    }
                } else if let Some(c) = m.content.as_mut() {
                    c.push_str(&rest.concat());
                }
                m.departments.extend(split_departments(dept));
                out[at] = (*start, *no, Body::Measure(m));
            }
            continue;
        }
        // 「ア　　生ごみの水切り…　　住民生活課」 under 「取組　　担当」: aligned by spaces, the row's
        // mark stands in a cell of its own and every cell after it one column to the right.
        let mark = (by_gaps && row.len() == h.columns.len() + 1)
            .then(|| cell(row, Some(name)))
            .flatten()
            .filter(|c| is_item_mark(c));
        let unmarked: Vec<String>;
        let row: &[String] = match mark {
            Some(_) => {
                unmarked = row.iter().enumerate().filter(|&(i, _)| i != name).map(|(_, c)| c.clone()).collect();
                &unmarked
            }
            None => row,
        };
        if let Some(g) = cell(row, group) {
            grouped = Some(g.to_string());
        }
        let Some(mut title) = cell(row, Some(name)) else { continue };
        let mut number = cell(row, h.find(Role::Number)).or(mark);
        let mut content = content;
        // 「Ａ　運営支援」「（３）　…」: the row's mark stands in the name column, the name in the
        // next cell (the content's, when that is the next: then it is the name, not a content).
        if is_item_mark(title) {
            let Some(at) = (name + 1..row.len()).find(|&c| !row[c].is_empty()) else { continue };
            number = number.or(Some(title));
            title = &row[at];
            content = content.filter(|&c| c != at);
        }
        // 「1-1 出産・子育て応援給付事業」 under 「No. 事業名」: the number ran into the name.
        let numeral = |n: &str| {
            n.chars().all(|c| c.is_ascii_digit() || "-.・()".contains(c)) && n.contains(|c: char| c.is_ascii_digit())
        };
        if let Some((n, rest)) = title.split_once(' ').filter(|(n, _)| number.is_none() && numeral(n)) {
            number = Some(n);
            title = rest.trim();
        }
        // 「・街路灯のＬＥＤ化」: a list's bullet is no part of the name.
        title = title.trim_start_matches(['・', '○', '●', '◯', '◦']).trim_start();
        // 「合計」「小計」: the row of a table's total, no measure.
        if title.is_empty() || vocabulary.is_word(title) || TOTAL_ROWS.contains(&title) {
            continue;
        }
        // A row that slid off its columns (a schedule's bars between name and department) ends
        // in its department.
        let departments = match cell(row, Some(department)) {
            Some(d) => split_departments(d),
            None => row
                .iter()
                .rev()
                .find(|c| !c.is_empty())
                .filter(|c| c.as_str() != title)
                .and_then(|c| vocabulary.departments_in(c))
                .unwrap_or_default(),
        };
        let measure = Measure {
            category: "具体的な取組".to_string(),
            number: number.map(str::to_string),
            name: title.to_string(),
            content: cell(row, content).map(str::to_string),
            department_role: h.texts.get(department).cloned(),
            departments,
            area: grouped.clone(),
            start: None,
            legend: None,
        };
        // A row written one cell per line ends at its last cell.
        out.push((*no, table.row_end(k), Body::Measure(measure)));
        last = Some(out.len() - 1);
    }
}

/// The column of a header that names measures (取組項目, 事業名), not the rows' numbers
/// (施策番号).
fn measure_column(h: &Header) -> Option<usize> {
    (0..h.columns.len()).find(|&c| h.role(c) == Some(Role::Measure) && !h.texts[c].ends_with("番号"))
}

/// Whether a table's columns are aligned by spaces: only such a table wraps a row onto lines of
/// its own cells.
fn spaced(doc: &Doc, h: &Header) -> bool {
    doc.lines.iter().find(|l| l.no == h.line).is_some_and(|l| !l.text.contains(['|', '\t']))
}

/// A row's mark alone in a cell: 「A」「1」「ア」「①」「(3)」, no name of anything.
fn is_item_mark(cell: &str) -> bool {
    let cell = cell.strip_prefix('(').and_then(|c| c.strip_suffix(')')).unwrap_or(cell);
    let mut chars = cell.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return false };
    c.is_ascii_alphanumeric() || ('ア'..='ン').contains(&c) || ('①'..='⑳').contains(&c)
}

/// A measure's row wrapped onto the next line of a table aligned by spaces (「…を助成し、」 /
/// 「…を拡充します。　保健センター」): the line right under it, while its content has not
/// ended its sentence, ending in a department (a 課 under the 部 above it).
fn wrapped(vocabulary: &Vocabulary, above: &(usize, usize, Body), no: usize, row: &[String], width: usize) -> bool {
    let (_, end, Body::Measure(m)) = above else { return false };
    let open = m.content.as_deref().is_some_and(|c| !c.ends_with('。'));
    // 「２ 除草の省力化 …」: a row that starts with its item's number is the next item.
    let numbered = row
        .first()
        .and_then(|c| c.split_whitespace().next())
        .is_some_and(|w| is_item_mark(w) || w.chars().all(|c| c.is_ascii_digit()));
    *end + 1 == no
        && open
        && !numbered
        && (2..=width).contains(&row.len())
        && row.last().is_some_and(|d| vocabulary.departments_in(d).is_some())
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
                legend: None,
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
            legend: None,
        };
        out.push((line.no, v.no, Body::Indicator(Box::new(indicator))));
    }
}

/// Blocks of a heading, a description and labelled values, in either order:
/// "## 職員提案の提案数 / 説明 / 基準値(令和2年度) / 目標(令和5年度) / 20 件 / 30 件".
pub fn labelled_blocks(doc: &Doc, out: &mut Out) {
    let lines = &doc.lines;
    let mut category = "参考指標";
    // Lines a table already read as indicator rows (a table written one cell per line under a
    // heading looks like labels followed by values) are no block of this shape.
    let taken: Vec<(usize, usize)> =
        out.iter().filter(|(_, _, b)| matches!(b, Body::Indicator(_))).map(|(a, b, _)| (*a, *b)).collect();
    let is_taken = |no: usize| taken.iter().any(|(a, b)| *a <= no && no <= *b);
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
        if labels.is_empty() || values.is_empty() || block.iter().any(|l| is_taken(l.no)) {
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
    #[test]
    fn departments_split_outside_a_bodys_bracket() {
        assert_eq!(
            split_departments("市(都市計画課、文化振興課)、交通事業者"),
            ["都市計画課", "文化振興課", "交通事業者"]
        );
        assert_eq!(
            split_departments("市立歴史博物館(担当課:文化振興課)、市(担当課:観光交流課)"),
            ["文化振興課", "観光交流課"]
        );
        // A department's own bracket, and one of who works with it, stay as written.
        assert_eq!(split_departments("財政課(関係課:施設所管課)"), ["財政課(関係課:施設所管課)"]);
        assert_eq!(split_departments("観光協会(観光課)・保存会"), ["観光協会(観光課)", "保存会"]);
    }

    #[test]
    fn the_nations_target_beside_the_plans_is_not_the_plans() {
        let text = "| 評価指標 | 現状値 | 目標値 | 国の目標値 |\n|---|---|---|---|\n| 食育に関心を持つ人の割合 | 61.0% | 75%以上 | 90%以上 |";
        let got = indicators(text, general);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2.target.as_ref().and_then(|v| v.figure.as_deref()), Some("75"));
    }

    #[test]
    fn a_kpi_column_before_marked_years_names_the_rows() {
        // ＫＰＩ alone reads as 目標; before columns that mark the baseline and the target, it
        // heads the names. The earlier years are history.
        let text = "| ＫＰＩ | Ｒ３ | Ｒ４ | Ｒ５（基準値） | Ｒ11（目標値） |\n|---|---|---|---|---|\n| 移住相談の件数（年間） | 118 | 142 | 186 | 300 |";
        let got = indicators(text, general);
        let figure = |v: &Option<Value>| v.as_ref().and_then(|v| v.figure.clone());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2.name, "移住相談の件数(年間)");
        assert_eq!((figure(&got[0].2.baseline), figure(&got[0].2.target)), (Some("186".into()), Some("300".into())));
    }

    #[test]
    fn settled_and_projected_years_beside_the_target() {
        // 決算 is the figure as it stands; 見込 and 推計 are projections, never the target.
        let text = "区分　　　　　　　　Ｒ５決算　Ｒ６見込　Ｒ７推計　Ｒ10推計　Ｒ10目標\n経常収支比率　　　　　93.8　　　94.6　　　95.2　　　96.8　　92.0以下";
        let got = indicators(text, general);
        let figure = |v: &Option<Value>| v.as_ref().and_then(|v| v.figure.clone());
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((figure(&got[0].2.baseline), figure(&got[0].2.target)), (Some("93.8".into()), Some("92.0".into())));
    }

    #[test]
    fn a_column_of_no_word_before_the_content_names_the_measures() {
        let text = "| 事業 | 内容 | 担当課 |\n|---|---|---|\n| 産業団地への企業誘致 | 産業団地（12.4ha）の分譲と立地奨励金 | 企業立地推進室 |\n| 関係人口の拡大 | ファン倶楽部会員への情報発信 | 秘書広報課 |";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        from_tables(&doc, &Vocabulary::built_in(), &mut out);
        let names: Vec<String> = out
            .into_iter()
            .filter_map(|(_, _, b)| match b {
                Body::Measure(m) => Some(m.name),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["産業団地への企業誘致", "関係人口の拡大"]);
    }

    #[test]
    fn projects_headed_once_go_on_under_each_measures_indicator_table() {
        let text = [
            " 施策１　子育て環境の充実",
            " No. 事業名                     区分  担当課        R7年度    R8年度    R9年度",
            " 1-1 出産・子育て応援給付事業    継   健康福祉課      9,800     9,800     9,800",
            " 1-2 子ども医療費助成事業        拡   住民課         58,400    61,200    61,200",
            " 【成果指標】",
            "   指標名                                   現状値（R5）    目標値（R9）",
            "   保育園の待機児童数                             2人            0人",
            " 施策２　学校教育の充実",
            " 2-1 学校給食費支援事業          拡   教育課         31,800    31,800    31,800",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let mut out = Vec::new();
        from_tables(&doc, &Vocabulary::built_in(), &mut out);
        let read: Vec<(usize, String, Vec<String>)> = out
            .into_iter()
            .map(|(a, _, body)| match body {
                Body::Measure(m) => (a, format!("{} {}", m.number.unwrap_or_default(), m.name), m.departments),
                Body::Indicator(i) => (a, i.name, i.departments),
                _ => (a, String::new(), Vec::new()),
            })
            .collect();
        let row = |a: usize, name: &str, d: &[&str]| (a, name.to_string(), d.iter().map(|d| d.to_string()).collect());
        assert_eq!(
            read,
            [
                row(3, "1-1 出産・子育て応援給付事業", &["健康福祉課"]),
                row(4, "1-2 子ども医療費助成事業", &["住民課"]),
                row(7, "保育園の待機児童数", &[]),
                row(9, "2-1 学校給食費支援事業", &["教育課"]),
            ]
        );
    }

    #[test]
    fn a_caption_names_a_unit_only_when_it_names_one() {
        assert_eq!(super::unit_named("表1 成果指標(単位:人)"), Some("人"));
        assert_eq!(super::unit_named("(単位:% 出典:市民アンケート)"), Some("%"));
        assert_eq!(super::unit_named("(単位:%、人、か所)"), None);
    }

    use super::super::Doc;
    use super::*;

    fn general(doc: &Doc, out: &mut Out) {
        from_tables(doc, &Vocabulary::built_in(), out);
    }

    #[test]
    fn a_name_is_never_read_as_a_figure_of_a_header_of_figure_words_only() {
        // The header's third line, where 区分 stood, ran its years together: what is left names
        // figures only, and the rows' names would be read as their baselines.
        let text = "\
                                現状値        第３期の      目標値
                                （令和        目標値        （令和
区分                            ５年度）      （令和７年度）１２年度）
住宅の耐震化率（％）            ８９．２      ９２．０      ９５．０";
        let got = indicators(text, general);
        assert!(got.iter().all(|(_, _, i)| i.baseline.as_ref().is_none_or(|b| b.number.is_some())), "{got:?}");
        assert!(got.iter().all(|(_, _, i)| i.target.as_ref().is_none_or(|t| t.raw != "92.0")), "{got:?}");
    }

    #[test]
    fn a_column_of_units_the_header_leaves_unnamed_is_read_apart() {
        // 「単位」 printed upright above the header, one letter a line.
        let text = "\
                                                                         単
  表２－１ 評価指標                                                      位
     指標                                     現状値（令和６年度） 目標値（令和16年度）    担当
     生活関連経路のバリアフリー化率           62.1                100                 ％   道路課
     心のバリアフリー講座の受講者数（年間）   320                 600                 人   福祉総務課";
        let got = indicators(text, general);
        let read: Vec<(&str, String, String)> = got
            .iter()
            .map(|(_, _, i)| {
                (i.name.as_str(), i.target.as_ref().map(|v| v.display()).unwrap_or_default(), i.departments.join("・"))
            })
            .collect();
        assert_eq!(
            read,
            [
                ("生活関連経路のバリアフリー化率", "100%".to_string(), "道路課".to_string()),
                ("心のバリアフリー講座の受講者数(年間)", "600人".to_string(), "福祉総務課".to_string()),
            ]
        );
    }

    #[test]
    fn a_department_merged_over_a_ruled_group_of_rows_is_each_rows() {
        let text = "\
 ─────────────────────────────────────────────────────────────────────────────
  分野        指標                             単位     現状値         目標値        担当課
 ─────────────────────────────────────────────────────────────────────────────
              市内での新規創業件数             件/年    18             30
  創業・      創業相談の件数                   件/年    126            180           商工振興課
  起業        創業塾の修了者数（累計）         人       64             150
 ─────────────────────────────────────────────────────────────────────────────
              中心商店街の空き店舗率           ％       22.1           15.0以下
  商業・                                                                             商業振興課
  商店街      中心商店街の歩行者通行量         人/日    4,260          5,000
 ─────────────────────────────────────────────────────────────────────────────";
        let got = indicators(text, general);
        let departments: Vec<(&str, String)> =
            got.iter().map(|(_, _, i)| (i.name.as_str(), i.departments.join("・"))).collect();
        assert_eq!(
            departments,
            [
                ("市内での新規創業件数", "商工振興課".to_string()),
                ("創業相談の件数", "商工振興課".to_string()),
                ("創業塾の修了者数(累計)", "商工振興課".to_string()),
                ("中心商店街の空き店舗率", "商業振興課".to_string()),
                ("中心商店街の歩行者通行量", "商業振興課".to_string()),
            ]
        );
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

    fn blocks(doc: &Doc, out: &mut Out) {
        kind_blocks(doc, &Vocabulary::built_in(), out)
    }

    fn figure(v: &Option<Value>) -> Option<&str> {
        v.as_ref().and_then(|v| v.figure.as_deref())
    }

    #[test]
    fn the_latest_of_several_results_is_the_baseline_of_the_target() {
        let text = "| 指標 | 実績 | 実績 | 実績 | 目標値 |\n| | （R4） | （R5） | （R6） | （R12） |\n|---|---:|---:|---:|---:|\n\
                    | 支援調整会議で支援方針を決めたケース数（年間） | ４件 | ９件 | 15件 | 30件 |";
        fn read(doc: &Doc, out: &mut Out) {
            from_tables(doc, &Vocabulary::built_in(), out);
        }
        let rows = indicators(text, read);
        assert_eq!(rows.len(), 1);
        assert_eq!(figure(&rows[0].2.baseline), Some("15"));
        assert_eq!(figure(&rows[0].2.target), Some("30"));
    }

    #[test]
    fn a_row_of_a_measure_and_its_indicator_is_both() {
        let text = "| No. | 取組項目 | 取組内容 | 所管課 | 指標 | 現状値 | 目標値 |\n|---|---|---|---|---|---|---|\n\
                    | 1 | 窓口の電子化 | 申請をオンラインにする | 情報政策課 | 電子申請の件数 | 40件 | 300件 |\n\
                    | 2 | 補助金の見直し | ３年ごとに見直す | 財政課 | ― | ― | ― |";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let measures: Vec<(&str, &[String])> = out
            .iter()
            .filter_map(|(_, _, b)| match b {
                Body::Measure(m) => Some((m.name.as_str(), m.departments.as_slice())),
                _ => None,
            })
            .collect();
        assert_eq!(
            measures,
            [("窓口の電子化", &["情報政策課".to_string()][..]), ("補助金の見直し", &["財政課".to_string()][..])]
        );
        let got = indicators(text, general);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].2.name.as_str(), figure(&got[0].2.target)), ("電子申請の件数", Some("300")));
        // What the indicator measures is told by its measure.
        assert_eq!(got[0].2.description.as_deref(), Some("窓口の電子化"));
        // A number column named 施策番号 is no measure's name.
        let numbered = "| 施策番号 | 指標名 | 現状値 | 目標値 | 担当課 |\n|---|---|---|---|---|\n| 1-1 | 貸出冊数 | 4.8冊 | 5.5冊 | 図書館 |";
        let doc = Doc::from_text(numbered);
        let mut out = Vec::new();
        general(&doc, &mut out);
        assert!(out.iter().all(|(_, _, b)| !matches!(b, Body::Measure(_))));
    }

    #[test]
    fn groups_of_figure_columns_named_over_them_make_a_row_each() {
        let text = "税目\t普通徴収分\t\t特別徴収分\t\t担当\n\t現状\t目標\t現状\t目標\t\n個人住民税\t97.12\t98.40\t99.64\t99.80\t納税課\n入湯税\t99.85\t99.90\t91.20\t95.00\t税務課";
        let got = indicators(text, general);
        let rows: Vec<(&str, Option<&str>, Option<&str>)> =
            got.iter().map(|(_, _, i)| (i.name.as_str(), figure(&i.baseline), figure(&i.target))).collect();
        assert_eq!(
            rows,
            [
                ("個人住民税(普通徴収分)", Some("97.12"), Some("98.40")),
                ("入湯税(普通徴収分)", Some("99.85"), Some("99.90")),
                ("個人住民税(特別徴収分)", Some("99.64"), Some("99.80")),
                ("入湯税(特別徴収分)", Some("91.20"), Some("95.00")),
            ]
        );
        assert_eq!(got[3].2.departments, ["税務課"]);
        // Groups named by a count (健診 by the child's age) over a pipe table's two header rows.
        let text = "| 指標 | ４か月児健診 | | ３歳児健診 | |\n| | 現状 | 目標 | 現状 | 目標 |\n|---|---|---|---|---|\n| 母親の割合 | 89.2 | 92.0 | 72.1 | 80.0 |";
        let got = indicators(text, general);
        let rows: Vec<(&str, Option<&str>)> =
            got.iter().map(|(_, _, i)| (i.name.as_str(), figure(&i.target))).collect();
        assert_eq!(rows, [("母親の割合(4か月児健診)", Some("92.0")), ("母親の割合(3歳児健診)", Some("80.0"))]);
        // Targets by year are no groups: one row, its last target the final one.
        let text = "| 指標 | 現状値 | 目標値（R7） | 目標値（R12） |\n|---|---|---|---|\n| 公園の数 | 12 | 15 | 18 |";
        let got = indicators(text, general);
        assert_eq!(got.len(), 1);
        assert_eq!(figure(&got[0].2.target), Some("18"));
    }

    #[test]
    fn the_unit_of_the_caption_is_every_figures_that_names_none() {
        let text = "表１　税目別の収納率（単位：％）\n| 税目 | 現状 | 目標 |\n|---|---|---|\n| 入湯税 | 99.12 | 99.40 |\n| 手数料 | 12件 | 10件 |";
        let got = indicators(text, general);
        let unit = |k: usize| got[k].2.target.as_ref().map(|v| v.unit.clone());
        assert_eq!((unit(0), unit(1)), (Some("%".to_string()), Some("件".to_string())));
        assert_eq!(unit_named("表2 人数(単位:人、各年度末)"), Some("人"));
        assert_eq!(unit_named("単位の説明"), None);
        // A unit the value reader knows, though no common one; not when rows have their own.
        assert_eq!(unit_named("部門別の排出量(単位:千t-CO2)"), Some("千t-CO2"));
        assert_eq!(unit_named("表1 財政の見通し (単位:百万円、比率は%、職員数は人)"), None);
        assert_eq!(unit_after_name("住宅用太陽光の設置件数〔件・累計〕"), Some("件"));
        assert_eq!(unit_after_name("再エネ電力の割合[%]"), Some("%"));
        assert_eq!(unit_after_name("施設の数〔参考〕"), None);
    }

    #[test]
    fn of_two_baselines_beside_a_target_the_later_is_the_baseline() {
        let text = "| 指標 | 策定時（R2） | 現状（R6） | 目標（R12） |\n|---|---|---|---|\n| 公園の数 | 12か所 | 14か所 | 18か所 |";
        let got = indicators(text, general);
        let i = &got[0].2;
        assert_eq!((figure(&i.baseline), figure(&i.actual), figure(&i.target)), (Some("14"), None, Some("18")));
        assert_eq!(i.baseline.as_ref().and_then(|b| b.year.as_ref()).map(|y| y.fiscal), Some(2024));
        // With no target, the later baseline stays the target it was read as.
        let text = "| 指標 | 現状値 | 基準値（令和13年度） |\n|---|---|---|\n| 公園の数 | 12か所 | 18か所 |";
        let got = indicators(text, general);
        assert_eq!((figure(&got[0].2.actual), figure(&got[0].2.target)), (None, Some("18")));
        // After the target, the latest figure: how far the plan has come, no baseline.
        let text = "ＫＰＩ\t基準値\t目標値\t直近値\t担当課\n\t（R5）\t（R11）\t（R6）\n新規就農者数（年間）\t4人\t8人\t5人\t農林振興課";
        let got = indicators(text, general);
        let i = &got[0].2;
        assert_eq!((figure(&i.baseline), figure(&i.actual), figure(&i.target)), (Some("4"), Some("5"), Some("8")));
        assert_eq!(i.departments, ["農林振興課"]);
    }

    #[test]
    fn a_value_and_its_year_under_one_header_word_over_two_rows() {
        // A web page's table: 「基準値」 and 「目標値」 span a 時点 and a 値 column (colspan),
        // 分野 and 担当 span both header rows and two data rows (rowspan).
        let html = "<table>\n<tr><th rowspan=\"2\">分野</th><th rowspan=\"2\">評価指標</th><th colspan=\"2\">基準値</th>\
                    <th colspan=\"2\">目標値</th><th rowspan=\"2\">担当</th></tr>\n\
                    <tr><th>時点</th><th>値</th><th>時点</th><th>値</th></tr>\n\
                    <tr><td rowspan=\"2\">福祉</td><td>見守り協力事業所の数</td><td>2022年度</td><td>64事業所</td>\
                    <td>2030年度</td><td>90事業所</td><td rowspan=\"2\">福祉政策課</td></tr>\n\
                    <tr><td>認知症サポーターの人数</td><td>2023年</td><td>3,150人</td><td>2030年</td><td>5,000人</td></tr>\n</table>";
        // The same header as a pipe table whose header words were repeated over their columns.
        let pipes = "| 評価指標 | 基準値 | 基準値 | 目標値 | 目標値 |\n| 評価指標 | 時点 | 値 | 時点 | 値 |\n|---|---|---|---|---|\n\
                     | 見守り協力事業所の数 | 2022年度 | 64事業所 | 2030年度 | 90事業所 |";
        for text in [html, pipes] {
            let got = indicators(text, general);
            let i = &got.iter().find(|(_, _, i)| i.name == "見守り協力事業所の数").expect("row read").2;
            assert_eq!((figure(&i.baseline), figure(&i.target)), (Some("64"), Some("90")), "{text}");
            assert_eq!(i.baseline.as_ref().and_then(|v| v.year.as_ref()).map(|y| y.fiscal), Some(2022), "{text}");
        }
        let got = indicators(html, general);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].2.departments, ["福祉政策課"]);
        assert_eq!(figure(&got[1].2.baseline), Some("3,150"));
    }

    #[test]
    fn rows_marked_target_and_actual_under_one_name() {
        // The name is on the 目標 row only; the baseline sits in the 実績 row's 基準値 column,
        // and the target is the last year's 目標, not a year of 実績.
        let text = "| 指標 | 区分 | 基準値（Ｒ２） | Ｒ４ | Ｒ５ | Ｒ６ |\n|---|---|---|---|---|---|\n\
                    | 図書館の年間来館者数 | 目標 | | 9万人 | 10万人 | 11万人 |\n| | 実績 | 8.2万人 | 8.8万人 | | |\n\
                    | 読み聞かせ会の回数 | 実績 | 40回 | 44回 | | |\n| | 目標 | | 45回 | 48回 | 50回 |";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2, "{rows:?}");
        let (first, last, i) = &rows[0];
        assert_eq!((i.name.as_str(), *first, *last), ("図書館の年間来館者数", 3, 4));
        assert_eq!(figure(&i.baseline), Some("8.2"));
        assert_eq!(figure(&i.target), Some("11"));
        assert_eq!(i.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2024);
        assert_eq!(figure(&i.actual), Some("8.8"));
        let i = &rows[1].2;
        assert_eq!((figure(&i.baseline), figure(&i.target)), (Some("40"), Some("50")));
    }

    #[test]
    fn a_schedule_of_works_by_year_has_no_series_of_words() {
        // 年度 first, then the place and the work of each year: words, no indicator's figures.
        let text = [
            "　年度　　　漁港　　　施設　　　　　　　　工種",
            "　令和８　　漆ノ浦　　北防波堤　　　　　　補修",
            "　令和９　　漆ノ浦　　物揚場　　　　　　　防舷材更新",
            "　令和10　　小戸　　　東防波堤　　　　　　補修",
        ]
        .join("\n");
        let rows = indicators(&text, general);
        assert!(rows.iter().all(|(_, _, i)| i.name != "漁港" && i.name != "施設"), "{rows:?}");
    }

    #[test]
    fn per_year_blocks_written_with_spaces() {
        let text = [
            "○施策（３）商店街のにぎわい",
            "　［ＫＰＩ］空き店舗の活用件数（単位：件、累計）",
            "　　　　　基準値（Ｒ２）　Ｒ４　　Ｒ５　　Ｒ６",
            "　　実績　　　３　　　　５",
            "　　目標　　　－　　　　６　　　８　　１０",
            "　主な事業：空き店舗活用補助金（商工課）",
        ]
        .join("\n");
        let text = text.as_str();
        let rows = indicators(text, blocks);
        assert_eq!(rows.len(), 1, "{rows:?}");
        let (first, last, i) = &rows[0];
        assert_eq!((i.name.as_str(), i.category.as_str(), *first, *last), ("空き店舗の活用件数", "KPI", 2, 5));
        assert_eq!(i.baseline.as_ref().unwrap().display(), "3件");
        assert_eq!(i.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2020);
        assert_eq!(figure(&i.target), Some("10"));
        assert_eq!(i.target.as_ref().unwrap().qualifier.as_deref(), Some("累計"));
        assert_eq!(figure(&i.actual), Some("5"));
        assert_eq!(i.yearly.len(), 3);
        // Years over figures with no row word are no such block.
        assert!(indicators("人口の推移\nＲ２ Ｒ３ Ｒ４\n１２０ １１８ １１５", blocks).is_empty());
    }

    #[test]
    fn measures_under_a_goal_column_with_departments_over_two_rows() {
        let text = "| 基本目標 | 主な取組 | 担当課 |\n|---|---|---|\n| Ⅰ | 河川の浚渫 | 土木課 |\n\
                    | Ⅱ | 避難所の備蓄の充実 | 危機管理課・ |\n| | （自主防災組織との連携） | 福祉課 |\n| Ⅱ | 防災無線の更新 | 総務課 |";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let m: Vec<(usize, usize, &Measure)> = out
            .iter()
            .filter_map(|(a, b, body)| match body {
                Body::Measure(m) => Some((*a, *b, m)),
                _ => None,
            })
            .collect();
        assert_eq!(m.len(), 3, "{out:?}");
        assert_eq!((m[1].0, m[1].1, m[1].2.name.as_str()), (4, 5, "避難所の備蓄の充実"));
        assert_eq!(m[1].2.departments, ["危機管理課", "福祉課"]);
        assert_eq!(m[2].2.departments, ["総務課"]);
    }

    #[test]
    fn a_name_column_filled_on_some_rows_groups_the_contents_under_it() {
        let text = "| 施策区分 | 事業名（施設名） | 事業内容 | 担当課 | 備考 |\n|---|---|---|---|---|\n\
                    | １ 移住・定住 | (1)移住・定住 | 空き家改修費補助 | 企画政策課 | |\n\
                    | | | お試し住宅整備事業 | 企画政策課 | 2,800万円 |\n\
                    | ２ 産業の振興 | (1)基盤整備 | 町道牧場線改良 | 建設課 | |";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let m: Vec<(&str, Option<&str>, &[String])> = out
            .iter()
            .filter_map(|(_, _, body)| match body {
                Body::Measure(m) => Some((m.name.as_str(), m.area.as_deref(), m.departments.as_slice())),
                _ => None,
            })
            .collect();
        let kikaku = ["企画政策課".to_string()];
        assert_eq!(
            m,
            [
                ("空き家改修費補助", Some("(1)移住・定住"), &kikaku[..]),
                ("お試し住宅整備事業", Some("(1)移住・定住"), &kikaku[..]),
                ("町道牧場線改良", Some("(1)基盤整備"), &["建設課".to_string()][..]),
            ]
        );
    }

    #[test]
    fn a_target_not_revised_is_the_one_first_set() {
        let text = "| 指標 | 現状（R6） | 当初目標（R10） | 見直し後目標（R10） |\n|---|---|---|---|\n\
                    | 市民活動団体の登録数 | 214団体 | 200団体 | 240団体 |\n| 自治会加入率 | 68.9% | 72% | ― |";
        let rows = indicators(text, general);
        let targets: Vec<Option<&str>> = rows.iter().map(|r| figure(&r.2.target)).collect();
        assert_eq!(targets, [Some("240"), Some("72")]);
    }

    #[test]
    fn an_earlier_plans_target_is_no_target_of_this_one() {
        // 「（参考）前期目標」 after the target column: the last target-like column is not the target.
        let text = "| 指標名 | 基準値（R6） | 目標値（R12） | （参考）前期目標（R7） | 達成 |\n|---|---|---|---|---|\n\
                    | 特定健康診査の受診率（％） | 41.8 | 55.0 | 50.0 | × |";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 1, "{rows:?}");
        let (b, t) = (rows[0].2.baseline.as_ref().unwrap(), rows[0].2.target.as_ref().unwrap());
        assert_eq!((b.display(), t.display()), ("41.8".to_string(), "55.0".to_string()));
        // A table that looks back on the earlier plan (its target and what came of it) has no
        // indicator of this plan.
        let text = "| 指標名 | 前期目標 | 実績（R5） | 達成状況 |\n|---|---|---|---|\n| 緑のボランティア登録者数 | 500人 | 412人 | 未達成 |";
        assert!(indicators(text, general).is_empty());
    }

    #[test]
    fn a_name_broken_over_two_lines_of_its_cell() {
        let text = "| 指標 | 単位 | 現状値 | 目標値 | 備考 |\n|---|---|---|---|---|\n| 公民館講座の | 人 | 820 | 1,000 | |\n\
                    | 　延べ受講者数 | | | | 年間 |\n| 図書館の蔵書数 | 冊 | 9万 | 10万 | |\n| | | | | 電子書籍を含む |";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].2.name, "公民館講座の延べ受講者数");
        assert_eq!(rows[1].2.name, "図書館の蔵書数");
        // Two columns on one page: the prose on the left, the table on the right, read apart
        // (see divided::gutters).
        fn paged(doc: &Doc, out: &mut Out) {
            from_tables(doc, &Vocabulary::built_in(), out);
            for half in &doc.halves {
                from_tables(half, &Vocabulary::built_in(), out);
            }
        }
        let text = "【現状】                                   【成果指標】\n\
                    市内の公園は４２か所で、               指標名                  現状値    目標値\n\
                    うち３割が開設後４０年を超えます。     公園の再整備の           ３か所    １２か所\n\
                    遊具の更新も課題です。                 実施か所数\n\
                    利用者の満足度は５割でした。           公園愛護会の登録団体のうち  ６０％    ８０％\n\
                    今後も支援します。                     清掃を毎月行う割合\n\n次の章です。";
        let rows = indicators(text, paged);
        let names: Vec<&str> = rows.iter().map(|r| r.2.name.as_str()).collect();
        assert_eq!(names, ["公園の再整備の実施か所数", "公園愛護会の登録団体のうち清掃を毎月行う割合"]);
        // The line with the rest of the name names a second department in its column.
        let text = "指標\t現状値\t目標値（令和11年度）\t所管\t\n管理職（課長相当職以上）に\t12.5％\t25％\t総務課\t\n\
                    占める女性職員の割合\t（令和６年４月１日）\t（令和12年４月１日）\t教育総務課\t\n\
                    年次休暇の平均取得日数\t11.3日\t14日以上\t総務課\t";
        let rows = indicators(text, general);
        assert_eq!(rows[0].2.name, "管理職(課長相当職以上)に占める女性職員の割合");
        assert_eq!(rows[0].2.departments, ["総務課", "教育総務課"]);
        assert_eq!(rows[1].2.departments, ["総務課"]);
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
        // The share headed by the answers it sums (満足・やや満足), beside the opposite share.
        let doc = Doc::from_text(
            "| 項目 | 満足・やや満足 | 不満・やや不満 | 前回（平成３０年度）の満足 |\n|---|---|---|---|\n| 路線バスの便利さ | ２４．６％ | ５５．１％ | ２７．０％ |",
        );
        let mut out = Vec::new();
        general(&doc, &mut out);
        let Some((3, 3, Body::Satisfaction(s))) = out.first() else { panic!("{out:?}") };
        assert_eq!((s.item.as_str(), s.value.figure.as_deref()), ("路線バスの便利さ", Some("24.6")));
        assert_eq!(s.previous.as_ref().and_then(|p| p.figure.as_deref()), Some("27.0"));
        // A survey of the plan's 施策, aligned by spaces, with an importance column beside.
        let doc = Doc::from_text(
            "　　施策名　　　　　満足度　　　重要度
　　ごみの減量　　　４１．２％　　６８．０％",
        );
        let mut out = Vec::new();
        general(&doc, &mut out);
        let Some((2, 2, Body::Satisfaction(s))) = out.first() else { panic!("{out:?}") };
        assert_eq!((s.item.as_str(), s.value.figure.as_deref()), ("ごみの減量", Some("41.2")));
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
    fn a_column_of_words_under_kpi_beside_the_target_names_the_rows() {
        // ＫＰＩ alone reads as a target, but here it stands over words beside 目標値; the last
        // row opens its name on a line of no figures and ends it on the next.
        let text = "施策\tＫＰＩ\t基準値\t目標値\t担当課\n\
                    ①工業団地への企業誘致\t工業団地の分譲率\t62.5％\t100％\t商工観光課\n\
                    ②漁業の担い手の育成\t新規漁業就業者数\t８人\t15人\t水産振興課\n\
                    ③サテライトオフィスの誘致\tサテライトオフィスに進出した\n\
                    \t企業の数（累計）\t３社\t12社\t企画政策課";
        let rows = indicators(text, general);
        let got: Vec<(&str, Option<&str>)> =
            rows.iter().map(|(_, _, i)| (i.name.as_str(), figure(&i.target))).collect();
        assert_eq!(
            got,
            [
                ("工業団地の分譲率", Some("100")),
                ("新規漁業就業者数", Some("15")),
                ("サテライトオフィスに進出した企業の数(累計)", Some("12"))
            ]
        );
    }

    #[test]
    fn a_tab_rows_department_continued_on_a_line_of_its_own() {
        let text = "No.\t取組\t担当課\t指標\t現状値\t目標値\n\
                    1\t指定管理者制度の活用\t資産経営課・\t導入した施設数\t22施設\t30施設\n\
                    \t\t生涯学習課\n\
                    2\t窓口業務の委託\t市民課\t申請できる手続の割合\t31.0％\t80.0％";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let departments = |name: &str| {
            out.iter().find_map(|(_, _, b)| match b {
                Body::Measure(m) if m.name == name => Some(m.departments.join("・")),
                _ => None,
            })
        };
        assert_eq!(departments("指定管理者制度の活用").as_deref(), Some("資産経営課・生涯学習課"));
        assert_eq!(departments("窓口業務の委託").as_deref(), Some("市民課"));
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].2.departments, ["資産経営課", "生涯学習課"]);
    }

    #[test]
    fn a_baseline_year_of_no_figure_yet_starts_at_the_first_figure() {
        let text = "指標\t令和3年度\t令和4年度\t令和5年度\t令和11年度\n\
                    鑑賞サポーターの登録者数\t―\t―\t15人\t60人\n\
                    アート展の出展者数\t48人\t56人\t63人\t100人";
        let rows = indicators(text, general);
        let got: Vec<(Option<&str>, Option<&str>)> =
            rows.iter().map(|(_, _, i)| (figure(&i.baseline), figure(&i.target))).collect();
        assert_eq!(got, [(Some("15"), Some("60")), (Some("48"), Some("100"))]);
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2023);
    }

    #[test]
    fn an_urban_renewal_plans_value_before_is_the_baseline() {
        let text = "| 指標 | 単位 | 従前値 | 目標値 |\n|---|---|---|---|\n| 駅前商店街の空き店舗数 | 店舗 | 34 | 24 |";
        let rows = indicators(text, general);
        assert_eq!((figure(&rows[0].2.baseline), figure(&rows[0].2.target)), (Some("34"), Some("24")));
    }

    #[test]
    fn the_office_in_charge_not_the_bodies_that_carry_it_out() {
        let text = "| No. | 取組の内容 | 主な実施主体 | 村の担当課 |\n|---|---|---|---|\n\
                    | 1 | 入域の予約システムの導入 | 協議会 | 観光振興課、総務企画課 |\n\
                    | 2 | 遊歩道の補修 | 村、森林組合 | 産業建設課 |";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let got: Vec<(&str, String)> = out
            .iter()
            .filter_map(|(_, _, b)| match b {
                Body::Measure(m) => Some((m.name.as_str(), m.departments.join("・"))),
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                ("入域の予約システムの導入", "観光振興課・総務企画課".to_string()),
                ("遊歩道の補修", "産業建設課".to_string())
            ]
        );
    }

    #[test]
    fn a_tab_rows_name_ended_on_a_line_of_its_own() {
        let text = "指標名\t単位\t現状値\t目標値\t担当課\n\
                    コミュニティバス「もりっこ号」の\t万人\t8.6\t10.0\t交通政策課\n\
                    利用者数（年間）\t\t\t\t\n\
                    路線バスの利用者数（年間）\t万人\t142\t150\t交通政策課";
        let rows = indicators(text, general);
        let names: Vec<&str> = rows.iter().map(|(_, _, i)| i.name.as_str()).collect();
        assert_eq!(names, ["コミュニティバス「もりっこ号」の利用者数(年間)", "路線バスの利用者数(年間)"]);
    }

    #[test]
    fn cells_one_per_line_wrapped_onto_the_next_line() {
        // 「総務課」 / 「（ＤＸ推進室）」 and 「企画課・」 / 「産業振興課」 are one cell each; 「全46項目」
        // is a figure.
        let text = "番号\n取組\n担当課\n指標\n現状値\n目標値\n\
                    1-1\n公式ＬＩＮＥの受付\n総務課\n（ＤＸ推進室）\n友だち登録者数\n2,140人\n6,000人\n\
                    1-2\n返礼品の開発\n企画課・\n産業振興課\nふるさと納税の寄附額\n1.8億円\n3.0億円\n\
                    1-3\n使用料の見直し\n企画課\n見直した項目数\n―\n全46項目\n\
                    1-4\n公共施設の集約化\n企画課\n延床面積\n48,600㎡\n45,000㎡";
        let rows = indicators(text, general);
        let got: Vec<(&str, Vec<String>)> =
            rows.iter().map(|(_, _, i)| (i.name.as_str(), i.departments.clone())).collect();
        let own = |d: &[&str]| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                ("友だち登録者数", own(&["総務課(DX推進室)"])),
                ("ふるさと納税の寄附額", own(&["企画課", "産業振興課"])),
                ("見直した項目数", own(&["企画課"])),
                ("延床面積", own(&["企画課"]))
            ]
        );
        // Each row is cited from its first line to its last.
        assert_eq!((rows[0].0, rows[0].1), (7, 13));
    }

    #[test]
    fn a_header_one_cell_per_line_with_years_under_its_words() {
        let text = "取組項目\n現状\n（令和７年度）\n目標\n（令和12年度）\n担当課\n\
                    村対策本部の設置・運営訓練の実施回数\n年０回\n年１回以上\n総務課\n\
                    感染症対応の研修を受けた村職員の割合\n18.5％\n100％\n総務課";
        let rows = indicators(text, general);
        let got: Vec<(usize, usize, &str, Option<&str>)> =
            rows.iter().map(|(no, end, i)| (*no, *end, i.name.as_str(), figure(&i.target))).collect();
        assert_eq!(
            got,
            [
                (7, 10, "村対策本部の設置・運営訓練の実施回数", Some("1")),
                (11, 14, "感染症対応の研修を受けた村職員の割合", Some("100"))
            ]
        );
        let target = rows[1].2.target.as_ref().unwrap();
        assert_eq!(target.year.as_ref().unwrap().fiscal, 2030);
    }

    #[test]
    fn numbered_rows_aligned_by_spaces_go_on_over_the_lines_under_them() {
        // (A line with a piece under the names alone is left to the wrapped-names pass, which
        // cannot yet place the pieces of such a table: that layout stays unread.)
        let text = "番号  取組                        所管課            指標                        現状値      目標値\n\
                    1-1   行政手続のオンライン化      総務課            オンライン手続の数          38手続      120手続\n\
                    1-2   窓口でのキャッシュレス      住民税務課        キャッシュレス決済が        1か所       6か所\n\
                    \u{20}     決済の導入                                    できる窓口の数\n\
                    2-1   公共施設の再編              企画財政課・      公共施設の延床面積          98,600㎡    89,000㎡\n\
                    \u{20}                                 教育委員会事務局\n\
                    2-2   使用料・手数料の見直し      企画財政課        ―                          ―          ―\n\
                    ※使用料・手数料は４年ごとに見直します。";
        let rows = indicators(text, general);
        let got: Vec<(usize, usize, &str, Vec<String>)> =
            rows.iter().map(|(no, end, i)| (*no, *end, i.name.as_str(), i.departments.clone())).collect();
        let own = |d: &[&str]| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                (2, 2, "オンライン手続の数", own(&["総務課"])),
                (3, 4, "キャッシュレス決済ができる窓口の数", own(&["住民税務課"])),
                (5, 6, "公共施設の延床面積", own(&["企画財政課", "教育委員会事務局"]))
            ]
        );
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let measures: Vec<&str> = out
            .iter()
            .filter_map(|(_, _, b)| match b {
                Body::Measure(m) => Some(m.name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            measures,
            ["行政手続のオンライン化", "窓口でのキャッシュレス決済の導入", "公共施設の再編", "使用料・手数料の見直し"]
        );
    }

    #[test]
    fn numbered_rows_with_pieces_of_names_and_figures_on_the_lines_under_them() {
        // A piece under the names alone (row 1-1), pieces under the names and the measures (1-4),
        // and a row whose figures went down to its second line with the rest of its measure (2-5).
        let text = "No.  取組項目                     担当課        指標                           現状値     目標値\n\
                    \u{20}                                                                               (R6)       (R12)\n\
                    1-1  書かない窓口の導入           住民課        窓口の申請のうち書かない窓口   ―         70%\n\
                    \u{20}                                               で受け付けた割合\n\
                    1-4  会議録作成へのAI・RPAの      総務課        会議録の作成にかかる作業時間   1,460時間  600時間\n\
                    \u{20}    導入                                       （年間）\n\
                    2-5  簡易水道の料金の適正化       建設課        簡易水道事業の経費回収率\n\
                    \u{20}    （料金改定の検討）                                                        71.4%      85.0%\n\
                    3-1  公共施設の集約化             総務課        村が保有する公共施設の数       52施設     46施設";
        let rows = indicators(text, general);
        let got: Vec<(usize, usize, &str, Option<String>)> = rows
            .iter()
            .map(|(no, end, i)| (*no, *end, i.name.as_str(), i.target.as_ref().map(|t| t.display())))
            .collect();
        assert_eq!(
            got,
            [
                (3, 4, "窓口の申請のうち書かない窓口で受け付けた割合", Some("70%".to_string())),
                (5, 6, "会議録の作成にかかる作業時間(年間)", Some("600時間".to_string())),
                (7, 8, "簡易水道事業の経費回収率", Some("85.0%".to_string())),
                (9, 9, "村が保有する公共施設の数", Some("46施設".to_string())),
            ]
        );
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
    fn box_drawn_tables_with_a_header_stacked_over_three_lines() {
        let text = "【数値目標】\n┏━━━━━━━━━━┳━━━┳━━━━┳━━━━━┓\n┃　　　　　　　　　　┃　　　┃現状　　┃目標　　　┃\n┃項目　　　　　　　　┃単位　┃　　　　┃　　　　　┃\n┃　　　　　　　　　　┃　　　┃（Ｒ５）┃（Ｒ１２）┃\n┣━━━━━━━━━━╋━━━╋━━━━╋━━━━━┫\n┃公民館の年間利用者数┃人　　┃４，２１０┃５，０００┃\n┃読み聞かせ会の回数　┃回　　┃１２　　┃２４　　　┃\n┗━━━━━━━━━━┻━━━┻━━━━┻━━━━━┛";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2, "{rows:?}");
        let first = &rows[0].2;
        assert_eq!(first.name, "公民館の年間利用者数");
        assert_eq!(first.baseline.as_ref().unwrap().display(), "4,210人");
        assert_eq!(first.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2023);
        assert_eq!(first.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2030);
        assert_eq!(figure(&rows[1].2.target), Some("24"));
        // A tree of the plan drawn with the same characters is no table.
        assert!(indicators("├─基本目標１　安心のまち\n│　└─施策１－１　防災（目標　２件）", general).is_empty());
    }

    #[test]
    fn measures_wrapped_onto_a_second_line_of_a_table_aligned_by_spaces() {
        let text = [
            "　事業名　　　　　　　事業概要　　　　　　　　　　　　　担当",
            "　商店街の空き店舗　　空き店舗に出店する事業者の家賃を　　産業部",
            "　活用支援　　　　　　２年間補助します。　　　　　　　　　商工課",
            "　朝市の開催　　　　　毎月第１日曜日に駅前で開きます。　　産業部",
            "　　　　　　　　　　　　　　　　　　　　　　　　　　　　　農政課",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let mut out = Vec::new();
        from_tables(&doc, &Vocabulary::built_in(), &mut out);
        let m: Vec<(usize, usize, &Measure)> = out
            .iter()
            .filter_map(|(a, b, body)| if let Body::Measure(m) = body { Some((*a, *b, m)) } else { None })
            .collect();
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!((m[0].0, m[0].1), (2, 3));
        assert_eq!(m[0].2.name, "商店街の空き店舗活用支援");
        assert_eq!(m[0].2.content.as_deref(), Some("空き店舗に出店する事業者の家賃を2年間補助します。"));
        assert_eq!(m[0].2.departments, ["産業部", "商工課"]);
        // A content that ended its sentence takes no more lines.
        assert_eq!(m[1].2.departments, ["産業部"]);
    }

    #[test]
    fn a_baseline_then_yearly_steps_ends_at_the_target() {
        // Interim years with － and a final year with 以内: the last year is the target.
        let text = "| 指標名 | 単位 | 現状値 | Ｒ６ | Ｒ７ | Ｒ８ |\n|---|---|---|---|---|---|\n\
| 平均待ち時間 | 分 | 18 | － | 12 | 10以内 |";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!((figure(&rows[0].2.baseline), figure(&rows[0].2.target)), (Some("18"), Some("10")));
        // Years before the baseline's are a record of the past, not steps toward a target.
        let text =
            "| 指標名 | 現状値（Ｒ５） | Ｒ３ | Ｒ４ |\n|---|---|---|---|\n| 来館者数 | 9万人 | 8万人 | 8.5万人 |";
        let rows = indicators(text, general);
        assert!(rows.iter().all(|r| r.2.target.is_none()), "{rows:?}");
    }

    #[test]
    fn measures_with_yearly_costs_in_quoted_csv() {
        let text = "\"No.\",\"事業名\",\"担当\",\"R6\",\"R7\"\n\"1\",\"朝市の開催\",\"商工課、観光協会\",\"1,200\",\"1,200\"\n\"2\",\"駅前広場整備\",\"都市計画課\",\"48,000\",\"―\"";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let got: Vec<(usize, String, Vec<String>)> = out
            .into_iter()
            .map(|(no, _, b)| match b {
                Body::Measure(m) => (no, m.name, m.departments),
                other => panic!("{other:?}"),
            })
            .collect();
        let own = |d: &[&str]| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                (2, "朝市の開催".to_string(), own(&["商工課", "観光協会"])),
                (3, "駅前広場整備".to_string(), own(&["都市計画課"]))
            ]
        );
    }

    #[test]
    fn a_schedule_of_marked_rows_with_bars_and_a_note_under_one() {
        let text = [
            "　取組　　　　　　　　　　　　　Ｒ７　　Ｒ８　　Ｒ９　　担当",
            "　Ａ　図書館の開館時間の延長　━━━━━━━━━━━━▶　生涯学習課",
            "　Ｂ　移動図書館車の更新　　　┅┅┅┅━━━━━━━━▶　図書館",
            "　　　（車両の共同利用の検討を含む）",
            "　Ｃ　読書ボランティアの養成　━━━━━━━━━━━━▶　生涯学習課",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let got: Vec<(String, Option<String>, Vec<String>)> = out
            .into_iter()
            .filter_map(|(_, _, b)| match b {
                Body::Measure(m) => Some((m.name, m.number, m.departments)),
                _ => None,
            })
            .collect();
        let row = |name: &str, mark: &str, d: &str| (name.to_string(), Some(mark.to_string()), vec![d.to_string()]);
        assert_eq!(
            got,
            [
                row("図書館の開館時間の延長", "A", "生涯学習課"),
                row("移動図書館車の更新", "B", "図書館"),
                row("読書ボランティアの養成", "C", "生涯学習課")
            ]
        );
    }

    #[test]
    fn measures_one_cell_per_line_with_blank_lines_between_rows() {
        let text = "施策\n内容\n担当課\n\n朝市の開催\n毎月第一日曜に開く\n商工課\n\n駅前広場の整備\nベンチと照明を設ける\n都市計画課、道路課\n\n第４章　推進体制";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        general(&doc, &mut out);
        let got: Vec<(usize, usize, String, Vec<String>)> = out
            .into_iter()
            .map(|(no, end, b)| match b {
                Body::Measure(m) => (no, end, m.name, m.departments),
                other => panic!("{other:?}"),
            })
            .collect();
        let own = |d: &[&str]| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                (5, 7, "朝市の開催".to_string(), own(&["商工課"])),
                (9, 11, "駅前広場の整備".to_string(), own(&["都市計画課", "道路課"]))
            ]
        );
    }

    #[test]
    fn a_row_that_leaves_its_name_blank_is_another_target_group_of_the_row_above() {
        let text = [
            "　指標　　　　　　　　　　対象　　　　　現状値（Ｒ５）　目標値（Ｒ１８）",
            "　運動する人の割合　　　　２０～６４歳　２２．５％　　　３０％",
            "　　　　　　　　　　　　　６５歳以上　　３６．１％　　　４０％",
            "　歩数の平均値　　　　　　２０歳以上　　６，４２０歩　　８，０００歩",
        ]
        .join("\n");
        let rows = indicators(&text, general);
        let got: Vec<(&str, Option<&str>, Option<&str>)> =
            rows.iter().map(|(_, _, i)| (i.name.as_str(), figure(&i.baseline), figure(&i.target))).collect();
        assert_eq!(
            got,
            [
                ("運動する人の割合", Some("22.5"), Some("30")),
                ("運動する人の割合(65歳以上)", Some("36.1"), Some("40")),
                ("歩数の平均値", Some("6,420"), Some("8,000")),
            ]
        );
    }

    #[test]
    fn year_columns_of_a_past_record_or_a_projection_are_no_target() {
        // Unmarked year columns are a plan's steps: first the baseline, last the target.
        let plan = "| 区分 | 令和５年度 | 令和１０年度 |\n|---|---|---|\n| 朝食を食べる児童の割合 | 91.2% | 95.0% |";
        let rows = indicators(plan, general);
        assert_eq!(figure(&rows[0].2.target), Some("95.0"), "{rows:?}");
        // The same columns under a caption of the past or of a projection, or a row called a
        // projection, are not: no row of them says what the plan aims at.
        for text in [
            "■朝食を食べる児童の割合の推移\n| 区分 | 平成２２年 | 平成２７年 |\n|---|---|---|\n| 朝食を食べる児童の割合 | 81.4% | 84.0% |",
            "■将来推計\n\n| 区分 | 令和７年度 | 令和１２年度 |\n|---|---|---|\n| 高齢化率 | 33.1% | 35.8% |",
            "| 区分 | 令和７年度 | 令和１２年度 |\n|---|---|---|\n| 高齢化率（推計値） | 33.1% | 35.8% |",
            // A 中期財政計画 projects its years from the last 決算: its last year is no target.
            "Ⅳ　中期財政計画（普通会計）　　　　（単位：百万円）\n\
             区分                R6決算   R7見込   R8      R9      R10     R11     R12\n\
             財政調整基金残高      960      955      940     917     888     860     827",
        ] {
            let rows = indicators(text, general);
            assert!(rows.iter().all(|r| r.2.target.is_none() && r.2.baseline.is_none()), "{text}: {rows:?}");
        }
    }

    #[test]
    fn rows_of_years_under_a_projection_are_a_series() {
        // One row per year under a 中期財政計画 and a sentence that says it is an outlook: no
        // row is the target, and only a row marked 決算 could be the present figure.
        let text =
            "４　中期財政計画（普通会計）\n　令和12年度までの財政の見通しを次のとおり見込みます。（単位：百万円）\n\
                    年度\t歳入総額\t財政調整基金残高\nR6（決算）\t6,842\t940\nR7（見込）\t7,020\t880\nR8\t6,750\t840\n\
                    R9\t6,690\t810\nR10\t6,640\t800";
        let rows = indicators(text, general);
        assert!(!rows.is_empty(), "the series is kept");
        assert!(rows.iter().all(|r| r.2.target.is_none()), "{rows:?}");
        assert!(rows.iter().all(|r| figure(&r.2.baseline).is_none_or(|b| b == "940" || b == "6,842")), "{rows:?}");
        // A column that calls itself a projection (見込み) has no target either; its figure marked
        // (実績) is the one that is.
        let text =
            "年度　　　　　　運用経費（見込み・千円）\n令和６年度　　　258,000（実績）\n令和７年度　　　312,000\n\
                    令和８年度　　　224,000\n令和９年度　　　196,000";
        let rows = indicators(text, general);
        assert!(rows.iter().all(|r| r.2.target.is_none()), "{rows:?}");
        assert!(rows.iter().any(|r| figure(&r.2.baseline) == Some("258,000")), "{rows:?}");
        // Rows marked 目標 under a caption of the past keep their target.
        let marked = "### 評価指標の推移と目標\n\n| 年度 | 不登校児童生徒数 | 区分 |\n|---|---|---|\n\
                      | 令和４年度 | 39人 | 実績 |\n| 令和５年度 | 42人 | 実績（基準） |\n| 令和９年度 | 30人 | 目標 |";
        let rows = indicators(marked, general);
        assert!(rows.iter().any(|r| figure(&r.2.target) == Some("30")), "{rows:?}");
    }

    #[test]
    fn year_columns_and_cells_as_above() {
        let text = "| 指標 | 現状値 | 基準年度 | 目標値 | 目標年度 |\n|---|---|---|---|---|\n\
| 図書の貸出冊数 | 8.2万冊 | R4 | 9万冊 | R10 |\n| 自習室の利用者数 | 3,100人 | 〃 | 4,000人 | 同上 |";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(figure(&rows[0].2.baseline), Some("8.2"));
        assert_eq!(figure(&rows[0].2.target), Some("9"));
        assert_eq!(rows[0].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2028);
        // 〃 and 同上 take the year of the row above.
        assert_eq!(rows[1].2.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2022);
        assert_eq!(rows[1].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2028);
    }

    #[test]
    fn a_numbered_table_printed_over_two_pages_by_columns() {
        let text = [
            "  表１　成果指標（1/2）",
            "  No.   指標                           単位     現状値",
            "   1    図書館の年間貸出冊数           万冊     45",
            "   2    読書会の参加者数               人       320",
            "",
            "  表１　成果指標（2/2）",
            "  No.   中間目標          目標値            担当課",
            "        （令和９年度）    （令和11年度）",
            "   1    48                50                生涯学習課",
            "   2    ―                 400               図書館",
        ]
        .join("\n");
        let rows = indicators(&text, general);
        let got: Vec<(&str, Option<String>, Vec<String>, usize)> = rows
            .iter()
            .map(|(line, _, i)| (i.name.as_str(), i.target.as_ref().map(|t| t.display()), i.departments.clone(), *line))
            .collect();
        assert_eq!(
            got,
            [
                ("図書館の年間貸出冊数", Some("50万冊".to_string()), vec!["生涯学習課".to_string()], 3),
                ("読書会の参加者数", Some("400人".to_string()), vec!["図書館".to_string()], 4)
            ]
        );
        assert_eq!(rows[0].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2029);
    }

    #[test]
    fn a_column_that_names_a_goal_is_no_target() {
        let text = "No.\t指標名\t基準値（令和５年度）\t目標値（令和12年度）\t関連する目標\nKPI-1\t図書館の貸出冊数\t45万冊\t50万冊\t目標１\nKPI-2\t読書会の参加者数\t320人\t400人\t目標２";
        let rows = indicators(text, general);
        let targets: Vec<Option<&str>> = rows.iter().map(|(_, _, i)| figure(&i.target)).collect();
        assert_eq!(targets, [Some("50"), Some("400")]);
    }

    #[test]
    fn a_column_grouping_the_names_says_which_group_a_row_is_of() {
        let text = "対象,指標,現状値,目標値\n小学校,図書の貸出冊数,4800,5500\n,読書感想文の応募数,120,150\n中学校,図書の貸出冊数,2100,2600\n合計,図書の貸出冊数,6900,8100";
        let rows = indicators(text, general);
        let got: Vec<(&str, Option<&str>, Option<&str>)> =
            rows.iter().map(|(_, _, i)| (i.name.as_str(), i.description.as_deref(), figure(&i.target))).collect();
        assert_eq!(
            got,
            [
                ("図書の貸出冊数", Some("小学校"), Some("5500")),
                ("読書感想文の応募数", Some("小学校"), Some("150")),
                ("図書の貸出冊数", Some("中学校"), Some("2600")),
                ("図書の貸出冊数", Some("合計"), Some("8100")),
            ]
        );
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
    fn a_record_of_the_past_that_ends_in_a_target_starts_from_its_last_year() {
        let text = "　村の審議会等の委員に占める女性の割合は、次のとおり推移しています。\n　　年度　　　　　委員数　　女性委員　　割合\n　　令和５年度　　　216人　　　 49人　　22.7％\n　　令和６年度　　　214人　　　 52人　　24.3％\n　　令和12年度（目標）　―　　　 ―　　　35.0％\n";
        let rows = indicators(text, general);
        let share = rows
            .iter()
            .find(|r| r.2.target.as_ref().and_then(|v| v.figure.as_deref()) == Some("35.0"))
            .expect("the share's row");
        assert_eq!(share.2.name, "村の審議会等の委員に占める女性の割合");
        assert_eq!(share.2.baseline.as_ref().and_then(|v| v.figure.as_deref()), Some("24.3"));
        assert_eq!(share.2.baseline.as_ref().and_then(|v| v.year.as_ref()).map(|y| y.fiscal), Some(2024));
        // Without a target the record of the past stays a series.
        let past = indicators(&text.replace("　　令和12年度（目標）　―　　　 ―　　　35.0％\n", ""), general);
        assert!(past.iter().all(|r| r.2.baseline.is_none() && r.2.target.is_none()), "{past:?}");
    }

    #[test]
    fn a_schedule_by_year_and_its_total_give_no_baseline() {
        // The total under the years (合計) is no year's figure; under a caption of what is
        // planned (予定), the years are the schedule, not a baseline and a target.
        let rows = |caption: &str| {
            let text = format!(
                "{caption}\n　年度　　　　長寿命化改修（棟）　　事業費（百万円）\n　令和８年度　　　２　　　　　　　　　1,284\n　令和９年度　　　３　　　　　　　　　1,652\n　合計　　　　　　５　　　　　　　　　2,936\n"
            );
            indicators(&text, general)
        };
        let planned = rows("５　前期の改修の予定と事業費");
        let repair = planned.iter().find(|r| r.2.name.starts_with("長寿命化改修")).expect("the column's series");
        assert!(repair.2.baseline.is_none() && repair.2.target.is_none(), "{:?}", repair.2);
        assert!(repair.2.yearly.iter().all(|v| v.year.is_some()), "{:?}", repair.2.yearly);
        let plain = rows("５　改修と事業費");
        let repair = plain.iter().find(|r| r.2.name.starts_with("長寿命化改修")).expect("the column's series");
        assert_ne!(repair.2.baseline.as_ref().and_then(|v| v.number), Some(5.0), "{:?}", repair.2);
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
    fn years_down_the_side_marked_beside_the_year() {
        // 「令和12年度（目標）」: the mark stands by the year, not in a column of its own; the
        // unmarked years between are planned steps, not what was achieved.
        let text = "年度別の目標\n年度　　　　職員数　　　　人件費\n令和６年度（実績）　　462人　　30億円\n令和８年度　　458人　　31億円\n令和12年度（目標）　　445人　　29億円\n";
        let rows = indicators(text, general);
        assert!(!rows.is_empty());
        for (_, _, i) in &rows {
            let want = if i.name == "職員数" { ("462", "445") } else { ("30", "29") };
            assert_eq!((figure(&i.baseline), figure(&i.target)), (Some(want.0), Some(want.1)), "{rows:?}");
        }
        // One measure only: 「年度 | 職員数」 is a header, not a label and its value.
        let rows = indicators(
            "年度　　　　職員数\n令和６年（実績）　　462人\n令和８年　　458人\n令和12年（目標）　　445人\n",
            general,
        );
        let staff = rows.first().map(|(_, _, i)| (figure(&i.baseline), figure(&i.target)));
        assert_eq!(staff, Some((Some("462"), Some("445"))));
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

    #[test]
    fn the_evaluation_of_a_past_plan_gives_no_targets() {
        let past =
            "| 指標 | 目標（R5） | 実績（R5） | 評価 |\n|---|---|---|---|\n| 公園の数 | 15か所 | 12か所 | 未達成 |";
        assert!(indicators(past, general).is_empty());
        // A plan's own table has a baseline, or a target later than its result.
        let own = "| 指標 | 実績（R5） | 目標（R11） |\n|---|---|---|\n| 公園の数 | 12か所 | 15か所 |";
        assert_eq!(indicators(own, general).len(), 1);
    }

    #[test]
    fn rows_named_by_their_first_column_under_dated_columns() {
        let text = "　地　区　　　　　R7.4.1（現状）　　R12.4.1（目標）　　増　減\n　本庁　　　　　　　　　412　　　　　　　 400　　　　　 ▲12\n　支所　　　　　　　　　 88　　　　　　　　90　　　　　　　2";
        let rows = indicators(text, general);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!((rows[0].0, rows[0].2.name.as_str()), (2, "本庁"));
        assert_eq!(figure(&rows[0].2.baseline), Some("412"));
        assert_eq!(figure(&rows[0].2.target), Some("400"));
        assert_eq!(rows[0].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2030);
        // A date of January to March belongs to the fiscal year before.
        assert_eq!(value::years_in("R8.3.31")[0].fiscal, 2025);
        assert_eq!(normalize::spaced_words("　合　計　　１２"), "　合計　　１２");
        assert_eq!(normalize::spaced_words("　　　現　状：3.1㎢"), "　　　現状：3.1㎢");
    }
}
