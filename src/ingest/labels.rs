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
/// 「【評価指標】経常収支比率」: a label in lenticular brackets, its value after it on the line.
/// 「［事業名］駅前広場再整備事業」 (［］ as NFKC leaves it, []) likewise.
static LENTICULAR: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(?:【([^】]{1,24})】|\[([^\]]{1,24})\])\s*(.*)$").unwrap());

/// The label and the value of a line that opens with a label in brackets.
fn bracketed<'a>(c: &regex::Captures<'a>) -> (&'a str, &'a str) {
    let label = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
    (label, c.get(3).map_or("", |m| m.as_str()))
}

/// One label with its value and the lines they stand on.
#[derive(Debug)]
struct Pair {
    label: Label,
    value: String,
    line: usize,
    value_line: usize,
}

pub fn blocks(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let mut used = vertical_tables(doc, vocabulary, out);
    side_by_side(doc, vocabulary, &mut used, out);
    let mut pairs = pairs(&doc.lines, vocabulary, &used);
    // 「【ＫＰＩ】」 over 「指標　基準値（R5）　目標値（R11）」: a label whose value is a row of header
    // words heads a table below it, and holds no value of a block.
    pairs.retain(|p| !heads_columns(vocabulary, &p.value));
    // 「ＫＰＩ：空き家バンクを通じた移住者数」 over 「基準値：…」: a figure's label (ＫＰＩ heads
    // a column of targets in a table) whose value is no figure, with the figures' labels under
    // it, names the indicator.
    // (A label whose value holds figures of its own, 「ＫＰＩ：新規漁業就業者数　５年間で15人」, is a
    // target stated on one line.)
    for k in 1..pairs.len() {
        let (above, below) = (&pairs[k - 1], &pairs[k]);
        let names = above.label.role == Role::Target
            && !above.value.is_empty()
            && !above.value.chars().any(|c| c.is_ascii_digit())
            && below.line == above.value_line + 1;
        if names && matches!(below.label.role, Role::Baseline | Role::Target) {
            pairs[k - 1].label.role = Role::Name;
        }
    }
    // The department of the item the indicators below stand under (【取組項目】A 【主管課】B
    // 【評価指標】C …): an indicator block that names none is that item's.
    let mut item: Option<(usize, Vec<String>)> = None;
    let mut i = 0;
    while i < pairs.len() {
        if !starts_block(&pairs[i]) {
            i += 1;
            continue;
        }
        let start = pairs[i].line;
        let mut j = i + 1;
        while j < pairs.len()
            && pairs[j].value_line <= start + MAX_SPAN
            && !starts_block(&pairs[j])
            && !(pairs[j].label.role == Role::Department
                && pairs[i..j].iter().any(|p| p.label.role.is_value())
                && text_between(doc, pairs[j - 1].value_line, pairs[j].line))
        {
            j += 1;
        }
        let inherited = item.as_ref().filter(|(end, _)| start <= end + MAX_SPAN).map(|(_, d)| d.as_slice());
        match block(&pairs[i..j], inherited.unwrap_or_default(), out) {
            Some(departments) => item = Some((pairs[j - 1].value_line, departments)),
            None if pairs[i].label.role != Role::Name => item = None,
            None if pairs[i..j].iter().all(|p| !p.label.role.is_value()) => {
                yearly_under(doc, vocabulary, &pairs[i], out)
            }
            None => {}
        }
        i = j;
    }
}

/// Whether a label's value is a row of two or more header words, each dated at most
/// (「指標　基準値（R5）　目標値（R11）」).
fn heads_columns(vocabulary: &Vocabulary, value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    words.len() >= 2 && words.iter().all(|w| vocabulary.exact_label(w).is_some())
}

/// Whether lines of text that are no pair stand between lines `from` and `to` (「③ 地域食堂の
/// ネットワークづくり」 and its sentence, before its 「担当：」): a department after them, below
/// an indicator's figures, is another item's, not the indicator's.
fn text_between(doc: &Doc, from: usize, to: usize) -> bool {
    /// Lines of text a block's pairs may stand apart by (a wrapped value, a note).
    const MAX_GAP: usize = 1;
    let lines = doc.lines.get(from..to.saturating_sub(1)).unwrap_or_default();
    lines.iter().filter(|l| !l.text.trim().is_empty()).count() > MAX_GAP
}

/// A block starts at an indicator's name, or at a measure's name label: one that names one
/// item (事業名, 取組名: it ends in 名), or any measure label with its value on the same line
/// (「【取組項目】A」「取組：A」); 主な事業 alone on a line is a list's heading, not a label.
fn starts_block(pair: &Pair) -> bool {
    let label = &pair.label;
    label.role == Role::Name
        || label.role == Role::Measure && (label.text.ends_with('名') || pair.value_line == pair.line)
}

fn label_line(vocabulary: &Vocabulary, text: &str) -> Option<Label> {
    let text = text.trim().trim_matches(['|', ':']).trim();
    if text.chars().count() > 24 || looks_like_value(text) {
        return None;
    }
    vocabulary.exact_label(text)
}

/// Labels with their values, in order: "label: value" lines (several on one line:
/// 「指標：A　基準値：1人　目標値：2人」), 【label】value lines, and label lines followed by a
/// value line. Lines used by vertical tables are skipped.
fn pairs(lines: &[Line], vocabulary: &Vocabulary, used: &[bool]) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        if used.get(line.no).copied().unwrap_or(false) || line.text.is_empty() {
            continue;
        }
        // 「現在（2023年度）：　　2030年：」 over 「186万人　　210万人」: labels in a row, their
        // figures on the line under them.
        if let Some(row) = labels_over_figures(vocabulary, line, lines.get(i)) {
            out.extend(row);
            i += 1;
            continue;
        }
        let inline = inline_pairs(&line.text, line.no, vocabulary);
        if !inline.is_empty() {
            out.extend(inline);
            continue;
        }
        // A template's KPI box: 「８　8.9　　指標：観光消費額」, the goal's numbers before the label.
        if let Some((last, _)) = line.cells.split_last().filter(|(_, numbers)| {
            !numbers.is_empty() && numbers.iter().all(|c| c.chars().all(|ch| ch.is_ascii_digit() || ch == '.'))
        }) {
            let inline = inline_pairs(last, line.no, vocabulary);
            if !inline.is_empty() {
                out.extend(inline);
                continue;
            }
        }
        // Labels and values aligned by gaps (a 取組シート: 「取組名　　X」, 「担当課　　A　　関係課　　B」).
        if !line.tabbed && !line.text.contains('|') && super::blocks::is_label_pairs(vocabulary, &line.cells) {
            for pair in line.cells.chunks(2) {
                let label = vocabulary.exact_label(&pair[0]).expect("a label pair starts with a label");
                out.push(Pair { label, value: pair[1].clone(), line: line.no, value_line: line.no });
            }
            continue;
        }
        // A row of a table is read by the table pass; a 【label】 alone is a label line.
        // (The pattern needs its bracket at the head of the line: most lines are told without it.)
        let lenticular = line.text.starts_with(['【', '[']).then(|| LENTICULAR.captures(&line.text)).flatten();
        let text = lenticular.as_ref().map_or(line.text.as_str(), |c| bracketed(c).0);
        if lenticular.is_none() && super::blocks::is_row(line) {
            continue;
        }
        let Some(label) = label_line(vocabulary, text).filter(|l| l.role != Role::YearStep) else { continue };
        let Some(next) = lines[i..].iter().take(3).find(|l| !l.text.is_empty() && l.text != "|") else { continue };
        // A heading label (「【具体的な取組】」) over a line that holds labels of its own
        // (「取組名：…」): that line is read for them, not taken as the heading's value.
        if label_line(vocabulary, &next.text).is_some()
            || LENTICULAR.is_match(&next.text)
            || !inline_pairs(&next.text, next.no, vocabulary).is_empty()
        {
            continue;
        }
        let value = next.text.trim().trim_end_matches('|').trim().to_string();
        // 「【数値目標】」 over a sentence (「村内で新たに生まれる雇用を、…累計40人とすることを」):
        // a target stated in prose, for the prose pass; no indicator's name.
        if label.role == Role::Name && is_sentence(&value) {
            continue;
        }
        // 「【ＫＰＩ】」 over 「村営若者住宅の入居世帯数　０世帯（令和６年度）→８世帯」: the heading
        // of rows that hold their own names and figures, no label of one figure.
        if label.role.is_value() && !looks_like_value(&value) && next.cells.iter().skip(1).any(|c| looks_like_value(c))
        {
            continue;
        }
        out.push(Pair { label, value, line: line.no, value_line: next.no });
        i = next.no; // the index of the line after `next`
    }
    out
}

/// The pairs of a line of figure labels, each closed by a colon (「現在（2023年度）：」「2030年：」,
/// cells before them such as a goal's number aside), over a line of as many figures. A year's
/// label marks the target when a baseline's label stands before it.
fn labels_over_figures(vocabulary: &Vocabulary, line: &Line, next: Option<&Line>) -> Option<Vec<Pair>> {
    let next = next?;
    let labels: Vec<&str> = line.cells.iter().filter_map(|c| c.strip_suffix(':')).collect();
    if labels.len() < 2 || next.cells.len() != labels.len() || !next.cells.iter().all(|c| looks_like_value(c)) {
        return None;
    }
    let mut out = Vec::new();
    for (text, value) in labels.iter().zip(&next.cells) {
        let after_baseline = out.iter().any(|p: &Pair| p.label.role == Role::Baseline);
        // A year alone (「2030年」): the year the plan aims at, after the baseline.
        let year_alone = || {
            let years = value::years_in(text);
            let year = years.first().filter(|_| years.len() == 1 && value::strip_years(text).trim().is_empty())?;
            Some(Label { role: Role::Target, year: Some(year.clone()), mark: None, text: text.to_string() })
        };
        let label = match vocabulary.label(text) {
            Some(l) if matches!(l.role, Role::Baseline | Role::Target | Role::Actual) => l,
            Some(l) if l.role == Role::YearStep && after_baseline => Label { role: Role::Target, ..l },
            None if after_baseline => year_alone()?,
            _ => return None,
        };
        out.push(Pair { label, value: value.clone(), line: line.no, value_line: next.no });
    }
    Some(out)
}

/// The labels of a line that holds its values: 「【基準値】93.4%」, 「担当課：健康推進課」, and
/// several on one line separated by spaces (「指標：A 基準値(令和4年度)：1人 目標値：2人」), where
/// a piece that is no label continues the value before it. Empty when the line starts with no
/// label, or when it is a table row (pipes, tabs) the table pass reads.
fn inline_pairs(text: &str, no: usize, vocabulary: &Vocabulary) -> Vec<Pair> {
    let labelled = |piece: &str| -> Option<(Label, String)> {
        // Each pattern only where the letter it starts or turns on stands: most pieces have neither.
        let lenticular = piece.starts_with(['【', '[']).then(|| LENTICULAR.captures(piece)).flatten();
        let (label, value) = match lenticular.filter(|c| !bracketed(c).1.trim().is_empty()) {
            Some(c) => bracketed(&c),
            None => {
                let c = piece.contains(':').then(|| COLON.captures(piece)).flatten()?;
                (c.get(1)?.as_str(), c.get(2)?.as_str())
            }
        };
        // 「【指標６】」「KPI2:」: an indicator's label numbered (only a name's: 【目標３】 heads a goal).
        let numbered = || {
            let word = label.trim_end_matches(|c: char| c.is_ascii_digit() || ('①'..='⑳').contains(&c));
            (word.len() < label.len()).then(|| vocabulary.exact_label(word)).flatten().filter(|l| l.role == Role::Name)
        };
        let label = vocabulary.exact_label(label).or_else(numbered).filter(|l| l.role != Role::YearStep)?;
        Some((label, value.trim().trim_end_matches('|').trim().to_string()))
    };
    if text.contains('\t') || text.starts_with('|') {
        return Vec::new();
    }
    // 「目標1;指標:管理戸数;現状:312戸;目標:248戸;担当:建設課」: one record a line, as a
    // management system exports it, its fields apart by semicolons and led by its number.
    let fields;
    let text = if text.contains(';') {
        let mut pieces: Vec<&str> = text.split(';').map(str::trim).collect();
        if pieces.len() > 2 && !pieces[0].contains(':') && pieces[0].chars().count() <= 8 {
            pieces.remove(0);
        }
        fields = pieces.join(" ");
        fields.as_str()
    } else {
        text
    };
    let Some((label, value)) = labelled(text) else { return Vec::new() };
    let mut out = vec![Pair { label, value: String::new(), line: no, value_line: no }];
    for piece in value.split(' ').filter(|p| !p.is_empty()) {
        match labelled(piece) {
            Some((label, value)) => out.push(Pair { label, value, line: no, value_line: no }),
            None => {
                let last = out.last_mut().expect("one pair at least");
                if !last.value.is_empty() {
                    last.value.push(' ');
                }
                last.value.push_str(piece);
            }
        }
    }
    out.retain(|p| !p.value.is_empty());
    out
}

/// The value of a pair; a bracket after the figure that dates it (「93.4%(令和4年度決算)」)
/// gives its year when the label gives none, and is no qualifier.
fn parse_value(pair: &Pair) -> Option<Value> {
    let (figure, dated) = match DATED.captures(&pair.value) {
        Some(c) => (c[1].to_string(), value::years_in(&c[2]).into_iter().next()),
        None => (pair.value.clone(), None),
    };
    let mut v = value::parse(&figure, pair.value_line)?;
    v.year = pair.label.year.clone().or(dated).or(v.year);
    Some(v)
}

/// A value followed by a bracket that names a year: 「42.5億円(令和4年度末)」.
static DATED: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(.*?)\s*\(([^()]*(?:令和|平成|R|H|20\d\d)[^()]*)\)$").unwrap());

/// Reads one block into a record; returns the departments of a measure block, which the
/// indicator blocks after it inherit when they name none.
fn block(pairs: &[Pair], inherited: &[String], out: &mut Out) -> Option<Vec<String>> {
    let first = pairs.first()?;
    let find = |role: Role| pairs.iter().find(|p| p.label.role == role);
    let start = first.line;
    let end = pairs.last().map_or(start, |p| p.value_line);
    // 「［実施主体］柚木坂市（都市整備課）、商店街振興組合」: the department in the bracket.
    let departments = find(Role::Department).map(|p| split_departments(&in_charge(&p.value))).unwrap_or_default();
    // A figure's label over no figure (【ＫＰＩ】 over a table's header row) makes no indicator.
    let figures = [Role::Baseline, Role::Target, Role::Actual].iter().any(|r| find(*r).and_then(parse_value).is_some());
    if first.label.role == Role::Name && figures {
        let (name, description) = name_and_description(&first.value);
        // A sheet may give a year's target before the final one (「R6目標」, then 「最終目標」).
        let target = pairs.iter().rfind(|p| p.label.role == Role::Target);
        // 「単位　人」: the unit of figures written without one.
        let unit = find(Role::Unit).map_or("", |p| p.value.trim());
        let with_unit = |v: Option<Value>| v.map(|v| v.with_unit(unit));
        let mut indicator = Indicator::row(
            "指標",
            name,
            description,
            with_unit(find(Role::Baseline).and_then(parse_value)),
            with_unit(target.and_then(parse_value)),
        );
        indicator.actual = with_unit(find(Role::Actual).and_then(parse_value));
        indicator.departments = if departments.is_empty() { inherited.to_vec() } else { departments };
        indicator.labels = pairs
            .iter()
            .filter(|p| p.label.role.is_value())
            .map(|p| value::strip_years(&p.label.text).replace(['(', ')', ' '], ""))
            .collect();
        out.push((start, end, Body::Indicator(Box::new(indicator))));
    } else if first.label.role == Role::Measure && !departments.is_empty() {
        // 「主な事業：新規就業者研修支援事業、漁船リース事業、…」: a label of several items
        // (主な…) lists a measure per item, each the department's.
        let names = match first.label.text.starts_with("主な") {
            true => listed_items(&first.value),
            false => vec![first.value.clone()],
        };
        for name in names {
            let measure = Measure {
                category: first.label.text.trim_end_matches('名').to_string(),
                number: None,
                name,
                content: find(Role::Content).map(|p| p.value.clone()),
                department_role: find(Role::Department).map(|p| p.label.text.clone()),
                departments: departments.clone(),
                area: None,
                start: None,
                legend: None,
            };
            out.push((start, end, Body::Measure(measure)));
        }
        return Some(departments);
    }
    None
}

/// A name's figures given one year per line under it (「指標名：…の寄附件数」 /
/// 「年度別の目標は次のとおりです。」 / 「令和６年度(実績)　3,240件」 … 「令和12年度　6,000件」), a
/// sentence that opens them allowed: the year marked as the record (実績, 現状) is the baseline,
/// else the first; the year marked as the target, else the last, the target.
fn yearly_under(doc: &Doc, vocabulary: &Vocabulary, name: &Pair, out: &mut Out) {
    let after = doc.lines.iter().skip(name.value_line).skip_while(|l| l.text.is_empty());
    let mut steps: Vec<(Option<Role>, Value)> = Vec::new();
    let mut end = name.value_line;
    for (k, line) in after.enumerate() {
        // A year alone or with a word in brackets (令和６年度(実績)), and a figure.
        let step = match line.cells.as_slice() {
            [label, figure] => value::years_in(label).into_iter().next().and_then(|year| {
                let rest = value::strip_years(label);
                let bare = rest.trim().is_empty() || rest.trim().starts_with('(');
                let mark = vocabulary.exact_label(label).and_then(|l| l.mark);
                value::parse(figure, line.no)
                    .filter(|v| bare && v.figure.is_some())
                    .map(|v| (mark, Value { year: Some(year), ..v }))
            }),
            _ => None,
        };
        match step {
            Some(step) => {
                steps.push(step);
                end = line.no;
            }
            // (The sentence that opens the years.)
            None if k == 0 && line.text.ends_with('。') => {}
            None => break,
        }
    }
    if steps.len() < 2 {
        return;
    }
    let target_at = steps.iter().rposition(|(m, _)| *m == Some(Role::Target)).unwrap_or(steps.len() - 1);
    let base_at = steps[..target_at]
        .iter()
        .rposition(|(m, _)| matches!(m, Some(Role::Baseline | Role::Actual)))
        .or((target_at > 0).then_some(0));
    let (name_text, description) = name_and_description(&name.value);
    let baseline = base_at.map(|k| steps[k].1.clone());
    let mut indicator = Indicator::row("指標", name_text, description, baseline, Some(steps[target_at].1.clone()));
    indicator.yearly = steps.into_iter().map(|(_, v)| v).collect();
    out.push((name.line, end, Body::Indicator(Box::new(indicator))));
}

/// The items of a list written in one value (「A、B（上限200万円、年1回）、C」): split at 、 and ／
/// outside brackets.
fn listed_items(value: &str) -> Vec<String> {
    super::measures::split_outside_brackets(value, &['、', '/'])
        .into_iter()
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .collect()
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

/// Sheets printed two by two (pdftotext -layout): two labelled blocks side by side, from a line
/// where the same name label stands twice (「指標名　A　　　指標名　B」) down to the first line
/// with a label on neither side. The right block may slip a line below the left, and a name may
/// go on alone on the line under it (「（年間）」): each side is read as a block of its own.
fn side_by_side(doc: &Doc, vocabulary: &Vocabulary, used: &mut [bool], out: &mut Out) {
    // A year's column on a sheet: 「R6目標」 a target on the way, 「R6実績」 what was reached.
    let label_of = |cell: &str| {
        let label = vocabulary.exact_label(cell)?;
        match (label.role, label.mark) {
            (Role::YearStep, Some(Role::Target)) => Some(Label { role: Role::Target, ..label }),
            (Role::YearStep, Some(Role::Baseline)) if cell.contains("実績") => {
                Some(Label { role: Role::Actual, ..label })
            }
            (Role::YearStep, _) => None,
            _ => Some(label),
        }
    };
    let lines = &doc.lines;
    let mut i = 0;
    while i < lines.len() {
        let Some(split) = twice_named(vocabulary, &lines[i]) else {
            i += 1;
            continue;
        };
        let mut sides: [Vec<Pair>; 2] = [Vec::new(), Vec::new()];
        let mut j = i;
        while j < lines.len().min(i + MAX_SPAN) {
            let line = &lines[j];
            let mut read = false;
            for (side, pairs) in sides.iter_mut().enumerate() {
                let cells: Vec<&str> = line
                    .starts
                    .iter()
                    .zip(&line.cells)
                    .filter(|(at, _)| (**at + 2 >= split) == (side == 1))
                    .map(|(_, c)| c.as_str())
                    .collect();
                // 「最終目標 7,000（R9）」: a label and its value one space apart, one cell.
                let cells = match cells.as_slice() {
                    [one] => match one.split_once(' ') {
                        Some((label, value)) if label_of(label).is_some() => vec![label, value],
                        _ => cells,
                    },
                    _ => cells,
                };
                match cells.as_slice() {
                    // A label the vocabulary does not know (「達成率」「R6実績」) is passed over.
                    [label, value @ ..] if !value.is_empty() && !looks_like_value(label) => {
                        if let Some(label) = label_of(label) {
                            let value = value.join(" ");
                            pairs.push(Pair { label, value, line: line.no, value_line: line.no });
                        }
                        read = true;
                    }
                    // The rest of the name on the line under it.
                    [more] if label_of(more).is_none() && pairs.last().is_some_and(|p| p.label.role == Role::Name) => {
                        let name = pairs.last_mut().expect("a name");
                        name.value.push_str(more);
                        name.value_line = line.no;
                        read = true;
                    }
                    _ => {}
                }
            }
            if !read {
                break;
            }
            used[line.no] = true;
            j += 1;
        }
        for side in &sides {
            block(side, &[], out);
        }
        i = j.max(i + 1);
    }
}

/// Where the right block of a line starts, when the line names two things with the same name
/// label at the head of each half (「指標名　A　　　指標名　B」).
fn twice_named(vocabulary: &Vocabulary, line: &Line) -> Option<usize> {
    let [first, _, rest @ ..] = line.cells.as_slice() else { return None };
    vocabulary.exact_label(first).filter(|l| l.role == Role::Name)?;
    let at = rest.iter().position(|c| c == first)? + 2;
    (at + 1 < line.cells.len()).then(|| line.starts[at])
}

/// The department a body's name brackets (「柚木坂市(都市整備課)」 → 都市整備課): the section of
/// the body in charge.
fn in_charge(value: &str) -> String {
    static BODY: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[^()、]{1,12}[市町村]\(([^()]+(?:課|室|局|部))\)").unwrap());
    BODY.replace(value.trim(), "$1").into_owned()
}

/// Values written as words: 増加, 減少, 維持, 現状維持, 調整中.
pub(super) fn is_word_value(text: &str) -> bool {
    matches!(text.trim(), "増加" | "減少" | "維持" | "現状維持" | "調整中" | "向上" | "増" | "減")
}

/// 「ふれあいサロンの数　　現状値　６２か所　　目標値　８０か所」: an indicator's name, then
/// its figures each after its label, on one line whose parts stand apart by wide gaps. Lines a
/// record already stands on are left to it.
pub fn inline_rows(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let taken: Vec<(usize, usize)> = out.iter().map(|(a, b, _)| (*a, *b)).collect();
    for line in &doc.lines {
        if line.cells.len() < 3 || taken.iter().any(|&(a, b)| a <= line.no && line.no <= b) {
            continue;
        }
        // A label and its figure may share a cell ("現状値 62か所", "目標:8社") or stand in two.
        let mut tokens: Vec<&str> = Vec::new();
        for cell in &line.cells {
            match cell.split_once([' ', ':']) {
                Some((label, figure)) if value_label(vocabulary, label.trim()).is_some() => {
                    tokens.extend([label.trim(), figure.trim()]);
                }
                _ => tokens.push(cell),
            }
        }
        let (name, rest) = tokens.split_first().expect("three cells or more");
        if rest.len() < 2 || rest.len() % 2 != 0 || looks_like_value(name) || vocabulary.is_word(name) {
            continue;
        }
        let mut indicator = Indicator::row("指標", String::new(), None, None, None);
        let mut read = true;
        for pair in rest.chunks(2) {
            // A cell that is no figure (「実績:6社」 read as the value of 「目標:8社」) is no value.
            let figure = |v: &Value| v.figure.is_some() || value::is_placeholder(&v.raw) || is_word_value(&v.raw);
            let parsed = value::parse(pair[1], line.no).filter(figure);
            let (Some(label), Some(v)) = (value_label(vocabulary, pair[0]), parsed) else {
                read = false;
                break;
            };
            let v = Some(Value { year: v.year.clone().or(label.year.clone()), ..v });
            match label.role {
                Role::Baseline => indicator.baseline = v,
                Role::Target => indicator.target = v,
                _ => indicator.actual = v,
            }
            indicator.labels.push(label.text);
        }
        // 「目標:8社 実績:6社」 with no baseline: how an earlier plan did, no target of this one.
        let evaluation = indicator.baseline.is_none() && indicator.actual.is_some();
        if !read || evaluation || (indicator.baseline.is_none() && indicator.target.is_none()) {
            continue;
        }
        // 「…交付件数　現状　累計22件」 / 「→　目標　累計120件」: a line opened by an arrow goes on
        // the row of the line above with the figures that row lacks.
        if name.chars().all(|c| super::measures::ARROWS.contains(&c)) {
            if let Some((_, end, Body::Indicator(above))) = out.last_mut().filter(|(_, end, _)| *end + 1 == line.no) {
                above.baseline = above.baseline.take().or(indicator.baseline);
                above.target = above.target.take().or(indicator.target);
                above.actual = above.actual.take().or(indicator.actual);
                above.labels.extend(indicator.labels);
                *end = line.no;
            }
            continue;
        }
        let (name, description) = name_and_description(name);
        indicator.name = name;
        indicator.description = description;
        out.push((line.no, line.no, Body::Indicator(Box::new(indicator))));
    }
}

/// 「◆観光入込客数」 / 「現状　32.4万人（令和4年）」 / 「目標　45万人」: a name on its own line
/// and, on each line under it, a label and its figure apart by a space or a colon (no table).
/// The lines may be items of a nested list (「- 名前」 / 「  - 現状値：88.4%」), and one line
/// may hold both labels with an arrow between (「いま 62.4% ▶ 5年後 75%」).
/// Lines a record already stands on are left to it.
pub fn name_over_labelled_lines(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let taken: Vec<(usize, usize)> = out.iter().map(|(a, b, _)| (*a, *b)).collect();
    let free = |no: usize| !taken.iter().any(|&(a, b)| a <= no && no <= b);
    let lines = &doc.lines;
    for (i, line) in lines.iter().enumerate() {
        let name = without_list_mark(&line.text).trim_start_matches(|c: char| "◆◇■□●○◎▶▷・".contains(c)).trim();
        let name = after_name_label(vocabulary, name).unwrap_or(name);
        // 「Ａ－１　保護司研修会の開催回数」「①　保護司の充足率」「目標２　採用後１年の定着率」: the
        // item's number is none of it.
        let name = ITEM_NUMBER.find(name).or_else(|| NUMBERED_WORD.find(name)).map_or(name, |m| &name[m.end()..]);
        // 「現状：80.0％（…のうち４人）」: a labelled figure too long to read as a label is no name.
        let labelled = name.split_once(':').is_some_and(|(l, _)| vocabulary.exact_label(l).is_some());
        if !name.chars().any(char::is_alphabetic)
            || labelled
            || is_bracketed(name)
            || name.chars().count() > 40
            || name.contains(' ')
            || looks_like_value(name)
            || is_label_like(vocabulary, name)
            || !free(line.no)
        {
            continue;
        }
        let mut indicator = Indicator::row("指標", String::new(), None, None, None);
        let mut end = line.no;
        // 「（…のうち、…の割合）」 on its own line under the name says what the name means.
        let mut explained = None;
        // 「単位：件／日」 among the labelled lines: the unit of figures written without one.
        let mut unit: Option<String> = None;
        // Whether a line of the figures holds two parts with an arrow between.
        let mut arrowed = false;
        'lines: for (k, below) in lines[i + 1..].iter().take(MAX_LABELLED_LINES).enumerate() {
            let text = without_list_mark(&below.text);
            if k == 0 && is_bracketed(text) {
                explained = Some(text);
                continue;
            }
            let parts = labelled_parts(vocabulary, text);
            arrowed |= parts.len() == 2 && text.contains(['▶', '→', '⇒']);
            for part in parts {
                let Some((label, figure)) = part.split_once([' ', ':']) else { break 'lines };
                if vocabulary.exact_label(label).is_some_and(|l| l.role == Role::Unit) && unit.is_none() {
                    unit = Some(figure.trim().to_string()).filter(|u| !u.is_empty() && u.chars().count() <= 8);
                    end = below.no;
                    continue;
                }
                // Here the label stands alone before a figure: only a whole label word counts
                // (「基本目標１　…」 holds 目標 but is a heading).
                let exact = vocabulary.exact_label(label).and_then(|_| value_label(vocabulary, label));
                // 「・令和７年度：25人」: a year alone labels a step of the yearly targets.
                let step = year_step(vocabulary, label);
                let exact = exact.or(step);
                let figure = figure.trim();
                // A figure may follow a word of two letters at most that says over what (年3人,
                // 累計42件).
                let prefixed = figure
                    .find(|c: char| c.is_ascii_digit())
                    .is_some_and(|at| figure[..at].chars().count() <= 2 && !figure[..at].contains(' '));
                let starts_as_figure = figure.starts_with(|c: char| c.is_ascii_digit() || "-―—ー−".contains(c));
                let parsed =
                    value::parse(figure, below.no).filter(|v| starts_as_figure || prefixed && v.figure.is_some());
                let (Some(label), Some(v)) = (exact, parsed) else {
                    break 'lines;
                };
                if !free(below.no) {
                    break 'lines;
                }
                // 「いま ― ▶ 5年後 100%」: no figure yet, and the next pair goes on.
                if v.figure.is_none() && v.qualifier.is_none() {
                    if !value::is_placeholder(figure) {
                        break 'lines;
                    }
                    end = below.no;
                    continue;
                }
                let mut v = dated(v, &label);
                if v.unit.is_empty() && v.figure.is_some() {
                    v.unit = unit.clone().unwrap_or_default();
                }
                let v = Some(v);
                // A target under another word after a target (「流行初期：96」「流行初期以降：185」)
                // is a later step: the last is the plan's target, as in a table's columns.
                let later_step = indicator.target.is_some() && !indicator.labels.contains(&label.text);
                match label.role {
                    Role::YearStep => indicator.yearly.extend(v),
                    Role::Baseline if indicator.baseline.is_none() => indicator.baseline = v,
                    Role::Target if indicator.target.is_none() || later_step => indicator.target = v,
                    Role::Actual if indicator.actual.is_none() => indicator.actual = v,
                    _ => break 'lines,
                }
                indicator.labels.push(label.text);
                end = below.no;
            }
        }
        // Yearly steps after a baseline (「現状：38人」 / 「令和７年度：25人」 … 「令和11年度：０人」)
        // lead to the last, the plan's target; with no baseline they may be statistics.
        let baseline_year = indicator.baseline.as_ref().and_then(|b| b.year.as_ref()).map(|y| y.fiscal);
        let last_step =
            indicator.yearly.iter().filter(|v| v.year.is_some()).max_by_key(|v| v.year.as_ref().map(|y| y.fiscal));
        // (A baseline with no year of its own, 「現状値 43.2」, is dated above the table or the card.)
        if indicator.target.is_none() && indicator.baseline.is_some() {
            if let Some(last) = last_step.filter(|v| v.year.as_ref().map(|y| y.fiscal) > baseline_year) {
                indicator.target = Some(last.clone());
            }
        }
        // 「令和５年度 42手続　→　令和11年度 120手続」: two years with an arrow between go from the
        // first, the baseline, to the second, the target.
        if indicator.baseline.is_none() && indicator.target.is_none() && arrowed && indicator.yearly.len() == 2 {
            let (from, to) = (&indicator.yearly[0], &indicator.yearly[1]);
            let fiscal = |v: &Value| v.year.as_ref().map(|y| y.fiscal);
            if fiscal(from) < fiscal(to) {
                indicator.baseline = Some(from.clone());
                indicator.target = Some(to.clone());
                indicator.yearly.clear();
            }
        }
        if indicator.baseline.is_none() && indicator.target.is_none() {
            continue;
        }
        let (name, description) = name_and_description(name);
        indicator.name = name;
        indicator.description = description.or(explained.map(|e| e[1..e.len() - 1].trim().to_string()));
        out.push((line.no, end, Body::Indicator(Box::new(indicator))));
    }
}

/// Most lines of labels and figures under a name (a baseline and a step for each year).
const MAX_LABELLED_LINES: usize = 12;

/// Whether a text is wholly one bracketed note (「（…の割合）」), as NFKC leaves its brackets.
fn is_bracketed(text: &str) -> bool {
    text.starts_with('(') && text.ends_with(')') && text[1..text.len() - 1].find([')', '(']).is_none()
}

/// Whether a line reads as a label rather than an indicator's name: a label word with a year or
/// a bracket at most, or a short text holding one (「現状値」「目標値（R11）」「基本目標」). A
/// longer name holding a label word (「障害のある職員の職場満足度」, 「…の受講率（全職員、計画
/// 期間の累計）」) is a name.
fn is_label_like(vocabulary: &Vocabulary, name: &str) -> bool {
    /// Longest text still read as a label when it holds a label word.
    const SHORT: usize = 8;
    vocabulary.exact_label(name).is_some() || name.chars().count() <= SHORT && vocabulary.label(name).is_some()
}

/// Whether a value line is (part of) a sentence, not a name: it ends or holds one (。), or it
/// runs on past a particle or a comma at its end.
fn is_sentence(value: &str) -> bool {
    /// Longest name a label line's value may be with a comma in it.
    const MAX_NAME: usize = 40;
    value.contains('。')
        || value.ends_with(['を', 'は', 'が', 'に', 'で', 'と', '、'])
        || value.contains('、') && value.chars().count() > MAX_NAME
}

/// A word and a number before an item's name: 「目標2 」「指標3 」「KPI(1) 」 (ＫＰＩ① as the reader
/// leaves it).
static NUMBERED_WORD: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[^\s\d:()]{1,4}(?:\d{1,2}|\(\d{1,2}\))\s+").unwrap());

/// The name of a numbered title line (「目標１　障害者である職員の実雇用率（％）」 → the name after
/// the word and its number); None for a caption (表１ …, 図２ …) or a label.
pub(super) fn numbered_title<'a>(vocabulary: &Vocabulary, text: &'a str) -> Option<&'a str> {
    let text = text.trim();
    let m = NUMBERED_WORD.find(text)?;
    let name = text[m.end()..].trim();
    let caption = text.starts_with(['表', '図']) || super::prose::is_caption(text);
    let fits = (2..=40).contains(&name.chars().count()) && !name.contains(' ') && !looks_like_value(name);
    (!caption && fits && !is_label_like(vocabulary, name)).then_some(name)
}

/// The number of an item before its name: 「A-1 」「1 」 (① as NFKC leaves it), 「(2) 」「ア 」.
static ITEM_NUMBER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?:[①-⑳]|[A-Za-z]-?\d{1,2}|\d{1,2}[.)]?|\(\d{1,2}\)|[ア-ン])\s+").unwrap());

/// The parts of a line of labelled figures, each a label and its figure: apart by an arrow
/// (「いま 62.4% ▶ 5年後 75%」) or by a space before the next label, with a colon
/// (「現状:年2回(R5) 目標:年4回(R11)」) or a space and a figure after it (「基準 48件　最新 131件
/// 目標 200件」).
fn labelled_parts<'a>(vocabulary: &Vocabulary, text: &'a str) -> Vec<&'a str> {
    let mut parts = Vec::new();
    for part in text.split(['▶', '→', '⇒']).map(str::trim) {
        let mut start = 0;
        for (at, _) in part.match_indices(' ') {
            let next = &part[at + 1..];
            let label = next.split_once(':').map(|(l, _)| l).or_else(|| {
                let (label, figure) = next.split_once(' ')?;
                figure.trim_start().starts_with(|c: char| c.is_ascii_digit()).then_some(label)
            });
            // A year alone labels a step of a yearly series (「現状値 43.2　Ｒ８ 46.0　Ｒ９ 48.0」).
            let step = |l: &str| year_step(vocabulary, l).is_some();
            if at > start && label.is_some_and(|l| value_label(vocabulary, l.trim()).is_some() || step(l.trim())) {
                parts.push(part[start..at].trim());
                start = at + 1;
            }
        }
        parts.push(part[start..].trim());
    }
    parts
}

/// The name after a label that says the line names an indicator, with its number if any:
/// 「目標指標①　休日の通行量」「KPI-2 空き家の成約件数」「指標名：…」 → the name.
fn after_name_label<'a>(vocabulary: &Vocabulary, text: &'a str) -> Option<&'a str> {
    let (head, name) = text.split_once([' ', ':'])?;
    let numbering = |c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || ('①'..='⑳').contains(&c);
    let head = head.trim_end_matches(numbering);
    let named = vocabulary.exact_label(head).is_some_and(|l| l.role == Role::Name);
    let name = name.trim();
    (named && name.chars().count() >= 2).then_some(name)
}

/// A line without the mark of a markdown list item (「- 」「* 」「+ 」) at its head.
fn without_list_mark(text: &str) -> &str {
    let text = text.trim();
    text.strip_prefix(['-', '*', '+']).filter(|rest| rest.starts_with(' ')).map_or(text, str::trim_start)
}

/// A value with its year: the one its bracket names (「32.4万人（令和4年）」), else its label's.
fn dated(mut v: Value, label: &Label) -> Value {
    if v.year.is_none() {
        let named = v.qualifier.as_deref().map(value::years_in).and_then(|y| y.into_iter().next());
        // 「(令和6年度末)」「(令和6年4月1日時点)」 only date the figure.
        let only_dates = |q: &str| {
            let rest = value::strip_years(q);
            let rest = rest.trim();
            ["末", "現在", "時点"].iter().fold(rest, |r, w| r.strip_suffix(w).unwrap_or(r)).trim().is_empty()
        };
        if named.is_some() && v.qualifier.as_deref().is_some_and(only_dates) {
            v.qualifier = None;
        }
        v.year = named.or(label.year.clone());
    }
    v
}

/// A year alone as a label (「令和７年度」「Ｒ８」), a step of a yearly series, or None.
fn year_step(vocabulary: &Vocabulary, text: &str) -> Option<Label> {
    vocabulary.exact_label(text).filter(|l| l.role == Role::YearStep && l.mark.is_none())
}

/// The label of a figure (現状値, 目標値（R12）, 実績), or None.
fn value_label(vocabulary: &Vocabulary, text: &str) -> Option<Label> {
    vocabulary.label(text).filter(|l| {
        matches!(l.role, Role::Baseline | Role::Target | Role::Actual)
            && (!looks_like_value(text) || vocabulary.is_word(text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `blocks` reads of `text`.
    fn run(text: &str) -> Out {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        blocks(&doc, &Vocabulary::built_in(), &mut out);
        out
    }

    fn indicators(text: &str) -> Vec<(usize, usize, Indicator)> {
        only_indicators(run(text))
    }

    #[test]
    fn a_name_over_its_figures_one_year_per_line() {
        let text = "【指標４】\n  指標名：ふるさと納税の水産物返礼品の寄附件数\n  年度別の目標は次のとおりです。\n        令和６年度(実績)     3,240件\n        令和７年度(見込)     3,600件\n        令和８年度           4,000件\n        令和12年度           6,000件\n  ※町全体の寄附件数は令和６年度で9,870件です。\n";
        let found = indicators(text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (line, end, row) = &found[0];
        assert_eq!((*line, *end, row.name.as_str()), (2, 7, "ふるさと納税の水産物返礼品の寄附件数"));
        let figure = |v: &Option<Value>| v.as_ref().and_then(|v| v.figure.clone());
        assert_eq!((figure(&row.baseline), figure(&row.target)), (Some("3,240".into()), Some("6,000".into())));
        assert_eq!(row.target.as_ref().and_then(|v| v.year.as_ref()).map(|y| y.fiscal), Some(2030));
        assert_eq!(row.yearly.len(), 4);
    }

    #[test]
    fn a_list_of_projects_on_one_label_is_a_measure_each() {
        let got: Vec<(String, Vec<String>)> = run("（１）創業の支援\n　主な事業：創業塾の開催、空き店舗の改修補助（上限100万円、年3件）、相談窓口\n　担当：商工課")
            .into_iter()
            .filter_map(|(_, _, b)| match b {
                Body::Measure(m) => Some((m.name, m.departments)),
                _ => None,
            })
            .collect();
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["創業塾の開催", "空き店舗の改修補助(上限100万円、年3件)", "相談窓口"]);
        assert!(got.iter().all(|(_, d)| d == &["商工課".to_string()]));
    }

    #[test]
    fn a_template_kpi_box_with_labels_over_their_figures() {
        // The national SDGs template: goal numbers, 指標：name, then the labels of the
        // present and of the year aimed at in a row, their figures under them.
        let text = "ゴール、ターゲット番号　　　KPI\n                    ３　3.4　　　　　　　　　　指標：特定健診の受診率\n                    　　　　　　　　　　　　　　現在（2024年度）：　　　　2030年：\n                    　　　　　　　　　　　　　　41.2％　　　　　　　　　　60.0％";
        let got = indicators(text);
        assert_eq!(got.len(), 1, "{got:?}");
        let i = &got[0].2;
        assert_eq!(i.name, "特定健診の受診率");
        assert_eq!(i.baseline.as_ref().and_then(|v| v.figure.as_deref()), Some("41.2"));
        let target = i.target.as_ref().expect("a target");
        assert_eq!((target.figure.as_deref(), target.year.as_ref().map(|y| y.fiscal)), (Some("60.0"), Some(2030)));
        // A row of years alone with no baseline's label before them is no KPI box.
        assert!(indicators("指標：特定健診の受診率\n2023年：　　2030年：\n41.2％　　60.0％").is_empty());
    }

    fn only_indicators(out: Out) -> Vec<(usize, usize, Indicator)> {
        out.into_iter()
            .filter_map(|(a, b, body)| match body {
                Body::Indicator(i) => Some((a, b, *i)),
                _ => None,
            })
            .collect()
    }

    /// The indicator rows one pass reads of `text`.
    fn rows_of(text: &str, pass: fn(&Doc, &Vocabulary, &mut Out)) -> Vec<Indicator> {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        pass(&doc, &Vocabulary::built_in(), &mut out);
        only_indicators(out).into_iter().map(|(_, _, i)| i).collect()
    }

    #[test]
    fn a_name_and_labelled_figures_on_one_line() {
        let text = [
            "＜成果の目安＞",
            "　　子ども食堂の数　　　　　　　現状値　１２か所※１　　目標値（Ｒ１１）　２０か所",
            "　　学習支援教室の参加者数　　　現状値 ―　　　目標値 ３００人",
            "　　※１　令和６年３月末現在。",
            "　　放課後の居場所づくり　　　　こども課　　　　令和７年度から",
        ]
        .join("\n");
        let rows = rows_of(&text, inline_rows);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].name, "子ども食堂の数");
        assert_eq!(rows[0].baseline.as_ref().unwrap().display(), "12か所");
        assert_eq!(rows[0].target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2029);
        assert_eq!(rows[1].target.as_ref().unwrap().display(), "300人");
        assert!(rows[1].baseline.as_ref().is_none_or(|b| b.figure.is_none()));
    }

    #[test]
    fn a_name_after_its_label_and_number_over_labelled_figures() {
        let text = [
            "目標指標①　図書館の年間貸出冊数（全館合計）",
            "　基準値　45万冊（令和６年度）",
            "　目標値　50万冊（令和11年度）",
            "　※参考として把握します。",
            "",
            "成果指標２　公民館の利用者数",
            "　基準値　７万人（令和６年度末）",
            "　目標値　８万人（令和11年度末）",
        ]
        .join("\n");
        let rows = rows_of(&text, name_over_labelled_lines);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].name, "図書館の年間貸出冊数(全館合計)");
        assert_eq!(rows[0].target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2029);
        assert_eq!(rows[1].name, "公民館の利用者数");
        assert_eq!(rows[1].baseline.as_ref().unwrap().display(), "7万人");
    }

    #[test]
    fn a_progress_card_with_labels_and_figures_apart_by_gaps() {
        let text = [
            "指標 2-1",
            "電子図書の貸出件数",
            "（貸出のうち、電子図書館によるものの件数）",
            "基準 1,200件　　最新 3,450件　　目標 6,000件",
            "進捗率 ████░░░░ 47%",
        ]
        .join("\n");
        let rows = rows_of(&text, name_over_labelled_lines);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].name, "電子図書の貸出件数");
        assert_eq!(rows[0].description.as_deref(), Some("貸出のうち、電子図書館によるものの件数"));
        assert_eq!(rows[0].baseline.as_ref().unwrap().display(), "1,200件");
        assert_eq!(rows[0].actual.as_ref().unwrap().display(), "3,450件");
        assert_eq!(rows[0].target.as_ref().unwrap().display(), "6,000件");
    }

    #[test]
    fn a_baseline_and_a_step_for_each_year_on_one_line() {
        // A 事業 card: the activity indicator's name after its label, the yearly figures below.
        let text = [
            "活動指標　特定健診受診率（％）",
            "　　　　　現状値 43.2　　Ｒ８ 46.0　　Ｒ９ 48.0　　Ｒ10 50.0",
            "　　　　　※国の目標は60％。",
        ]
        .join("\n");
        let rows = rows_of(&text, name_over_labelled_lines);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].name, "特定健診受診率(%)");
        assert_eq!(rows[0].baseline.as_ref().unwrap().display(), "43.2");
        let target = rows[0].target.as_ref().unwrap();
        assert_eq!((target.display(), target.year.as_ref().map(|y| y.fiscal)), ("50.0".to_string(), Some(2028)));
        assert_eq!(rows[0].yearly.len(), 3);
    }

    #[test]
    fn two_years_with_an_arrow_between_under_the_name() {
        let text = [
            "　指標　　　オンライン申請できる手続数",
            "　　　　　　令和５年度 42手続　→　令和11年度 120手続",
            "　年次計画　Ｒ７：導入準備　Ｒ８～Ｒ11：順次拡大",
        ]
        .join("\n");
        let rows = rows_of(&text, name_over_labelled_lines);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].name, "オンライン申請できる手続数");
        let (baseline, target) = (rows[0].baseline.as_ref().unwrap(), rows[0].target.as_ref().unwrap());
        assert_eq!((baseline.display(), baseline.year.as_ref().map(|y| y.fiscal)), ("42手続".to_string(), Some(2023)));
        assert_eq!((target.display(), target.year.as_ref().map(|y| y.fiscal)), ("120手続".to_string(), Some(2029)));
        // Two years without an arrow are two steps of a series with no baseline: no row.
        let text = "　指標　　　手続数\n　　　　　　令和５年度 42手続　　令和11年度 120手続";
        assert!(rows_of(text, name_over_labelled_lines).is_empty());
    }

    #[test]
    fn numbered_names_over_both_labelled_figures_on_one_line() {
        let text = [
            "【アウトプット】",
            "Ａ－１　読み聞かせ会の開催回数",
            "　現状：年６回（Ｒ５）　目標：年12回（Ｒ11）",
            "①　図書館を利用した市民の割合",
            "　現状：62.0％（Ｒ６利用者調査）　目標：75％以上（Ｒ11）",
        ]
        .join("\n");
        let rows = rows_of(&text, name_over_labelled_lines);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].name, "読み聞かせ会の開催回数");
        assert_eq!(rows[0].target.as_ref().unwrap().figure.as_deref(), Some("12"));
        assert_eq!(rows[1].name, "図書館を利用した市民の割合");
        assert_eq!(rows[1].baseline.as_ref().unwrap().figure.as_deref(), Some("62.0"));
        assert_eq!(rows[1].target.as_ref().unwrap().display(), "75%以上");
    }

    #[test]
    fn sheets_printed_two_by_two() {
        let text = [
            "【評価シート】 施策２ 来てもらう                                担当課：観光課",
            " 指標１                                     指標２",
            " 指標名   観光案内所の利用者数              指標名   体験プログラムの参加者数",
            " 単位     人                                         （年間）",
            " 基準値   4,200（R4）                       単位     人",
            " R6目標   5,000                             基準値   310（R4）",
            " R6実績   5,320                             R6目標   400",
            " 最終目標 6,000（R9）                       R6実績   352",
            " 評価     A                                 最終目標 500（R9）",
            "                                            評価     B",
            " 主な取組",
        ]
        .join("\n");
        let rows = indicators(&text);
        let got: Vec<(&str, String, String)> = rows
            .iter()
            .map(|(_, _, i)| {
                (i.name.as_str(), i.baseline.as_ref().unwrap().display(), i.target.as_ref().unwrap().display())
            })
            .collect();
        assert_eq!(
            got,
            [
                ("観光案内所の利用者数", "4,200人".to_string(), "6,000人".to_string()),
                ("体験プログラムの参加者数(年間)", "310人".to_string(), "500人".to_string())
            ]
        );
        assert_eq!(rows[0].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2027);
        // The year's result is what was reached last.
        assert_eq!(rows[1].2.actual.as_ref().unwrap().display(), "352人");
    }

    #[test]
    fn measures_in_square_brackets_with_the_section_of_the_body_in_charge() {
        let out = run("［事業名］駅前広場再整備事業\n［内容］ロータリーを再編する\n［実施主体］白鷺市（都市整備課）、商店街振興組合\n\n［事業名］本町通りの歩道拡幅\n［実施主体］白鷺市（道路課）");
        let got: Vec<(String, Vec<String>)> = out
            .into_iter()
            .filter_map(|(_, _, b)| match b {
                Body::Measure(m) => Some((m.name, m.departments)),
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                ("駅前広場再整備事業".to_string(), vec!["都市整備課".to_string(), "商店街振興組合".to_string()]),
                ("本町通りの歩道拡幅".to_string(), vec!["道路課".to_string()])
            ]
        );
    }

    #[test]
    fn a_past_target_beside_its_result_is_no_row() {
        let text = [
            "（参考）前計画の指標の状況",
            "　　市民農園の区画数　　目標：１２０区画　　実績：９８区画",
            "　　図書館の貸出冊数　　目標 50万冊　　実績 45万冊",
            "　　ごみの排出量　　　　現状：６８０ｇ　　目標：６００ｇ",
        ]
        .join("\n");
        let rows = rows_of(&text, inline_rows);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].name, "ごみの排出量");
        assert_eq!(rows[0].target.as_ref().unwrap().display(), "600g");
    }

    #[test]
    fn a_name_over_its_labelled_figures() {
        let text = [
            "【めざす値】",
            "　■自転車の駐輪台数",
            "　　　現状　１，２４０台（令和５年）",
            "　　　目標　１，６００台",
            "基本目標２　にぎわいのあるまち",
            "　■目標　駅前の再整備を進めます",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let mut out = Vec::new();
        name_over_labelled_lines(&doc, &Vocabulary::built_in(), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((out[0].0, out[0].1), (2, 4));
        let Body::Indicator(i) = &out[0].2 else { panic!("{out:?}") };
        assert_eq!(i.name, "自転車の駐輪台数");
        assert_eq!(i.baseline.as_ref().unwrap().display(), "1,240台");
        assert_eq!(i.target.as_ref().unwrap().display(), "1,600台");
    }

    #[test]
    fn a_name_over_its_baseline_and_a_step_for_each_year() {
        let read = |text: &str| {
            let doc = Doc::from_text(text);
            let mut out = Vec::new();
            name_over_labelled_lines(&doc, &Vocabulary::built_in(), &mut out);
            out
        };
        let out = read("（２）放課後子ども教室の実施校数\n　・現状（令和６年度末）：９校\n　・令和７年度：10校\n　・令和８年度：11校\n　・令和11年度：14校（全校）\n　　担当：生涯学習課");
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((out[0].0, out[0].1), (1, 5));
        let Body::Indicator(i) = &out[0].2 else { panic!("{out:?}") };
        assert_eq!(i.baseline.as_ref().unwrap().figure.as_deref(), Some("9"));
        assert_eq!(i.target.as_ref().and_then(|t| t.figure.as_deref()), Some("14"));
        assert_eq!(i.target.as_ref().and_then(|t| t.year.as_ref()).map(|y| y.fiscal), Some(2029));
        assert_eq!(i.yearly.len(), 3);
        // Figures by year with no baseline are a series, not targets.
        assert!(read("◆人口の推移\n令和４年度：1,200人\n令和５年度：1,180人").is_empty());
    }

    #[test]
    fn numbered_names_over_labelled_lines_under_a_sentence_label() {
        // 【数値目標】 over a sentence names nothing (the prose pass reads it); the KPIs below are
        // named after their number (ＫＰＩ①, 目標２), and a name holding a label word
        // (満足度) is still a name.
        let text = "【数値目標】\n　村内で新たに生まれる雇用を、令和７年度から11年度までの５年間で累計40人とすることを\n目指します。\n　ＫＰＩ①　新規就農者数\n　　　基準値：２人／年（令和５年度）\n　　　目標値：累計12人（令和７～11年度）\n\n目標３　障害のある職員の職場満足度\n　現状：62.5％（「満足している」の割合）\n　目標：80％以上";
        let doc = Doc::from_text(text);
        let vocabulary = Vocabulary::built_in();
        let mut out = Vec::new();
        blocks(&doc, &vocabulary, &mut out);
        name_over_labelled_lines(&doc, &vocabulary, &mut out);
        let got: Vec<(usize, String, Option<String>)> = out
            .iter()
            .filter_map(|(a, _, b)| match b {
                Body::Indicator(i) => Some((*a, i.name.clone(), i.target.as_ref().and_then(|t| t.figure.clone()))),
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                (4, "新規就農者数".to_string(), Some("12".to_string())),
                (8, "障害のある職員の職場満足度".to_string(), Some("80".to_string()))
            ]
        );
    }

    #[test]
    fn a_unit_line_and_two_steps_of_targets_in_a_labelled_block() {
        // 感染症予防計画's 数値目標 written out for a screen reader: 単位 on a line of its own, the
        // target at two points in time, the later the plan's.
        let doc = Doc::from_text(
            "大項目：医療提供体制\n小項目：発熱外来の医療機関数\n単位：機関\n現状：―\n流行初期：30\n流行初期以降：52\n",
        );
        let mut out = Vec::new();
        name_over_labelled_lines(&doc, &Vocabulary::built_in(), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        let Body::Indicator(i) = &out[0].2 else { panic!("{out:?}") };
        assert_eq!(i.name, "発熱外来の医療機関数");
        assert_eq!(i.target.as_ref().map(|t| t.display()), Some("52機関".to_string()));
    }

    #[test]
    fn sheets_of_labels_and_values_aligned_by_gaps() {
        // A 取組シート: labels and values separated by runs of spaces, two pairs on one line;
        // the department is the 担当課, not the 関係課, and no line is a table header.
        let text = [
            "取組名　　　窓口の一本化",
            "担当課　　　市民課　　　　　　関係課　　各施設所管課",
            "取組内容　　書かない窓口を設ける。",
            "年次計画　　Ｒ６：設計　　Ｒ７：開設",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let mut out = Vec::new();
        super::super::tables::from_tables(&doc, &Vocabulary::built_in(), &mut out);
        assert!(out.is_empty(), "{out:?}");
        blocks(&doc, &Vocabulary::built_in(), &mut out);
        let measures: Vec<&Measure> = out
            .iter()
            .filter_map(|(_, _, b)| match b {
                Body::Measure(m) => Some(m),
                _ => None,
            })
            .collect();
        assert_eq!(measures.len(), 1, "{out:?}");
        assert_eq!(
            (measures[0].name.as_str(), measures[0].departments.as_slice()),
            ("窓口の一本化", &["市民課".to_string()][..])
        );
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
    fn a_kpi_label_over_its_figures_names_the_indicator() {
        let rows = indicators("（１）移住・定住の促進\n　　ＫＰＩ：空き家バンクを通じた移住者数（年間）\n　　基準値：９人（令和６年度）\n　　目標値：15人（令和12年度）\n　　担当：企画政策課");
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].2.name, "空き家バンクを通じた移住者数(年間)");
        assert_eq!(rows[0].2.target.as_ref().unwrap().figure.as_deref(), Some("15"));
        assert_eq!(rows[0].2.departments, ["企画政策課"]);
    }

    #[test]
    fn a_kpi_heading_over_rows_is_no_label_of_the_block_above() {
        // 【ＫＰＩ】 heads rows with their own names and figures (the table pass reads them): its
        // next line is no target of the indicator above.
        let rows = indicators(
            "　　ＫＰＩ：ファンクラブの会員数\n　　基準値：―\n　　目標値：500人（令和12年度）\n　　担当：総務課\n\n基本目標３　子育て\n【ＫＰＩ】\n　村営若者住宅の入居世帯数　　　０世帯（令和６年度）→　８世帯（令和12年度）",
        );
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].2.name, "ファンクラブの会員数");
        assert_eq!(rows[0].2.target.as_ref().unwrap().figure.as_deref(), Some("500"));
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

    #[test]
    fn a_numbered_indicator_label_names_its_indicator_but_a_numbered_goal_no_target() {
        let text = "【指標６】定期報告の提出率\n【現状値】―（令和７年５月に制度開始）\n【目標値】１００％（令和１２年度）\n【担当課】宅地防災課\n\n【目標３】安心して暮らせるまち\n【現状値】２３人";
        let rows = indicators(text);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].2.name, "定期報告の提出率");
        assert_eq!(rows[0].2.target.as_ref().and_then(|t| t.figure.as_deref()), Some("100"));
        assert_eq!(rows[0].2.departments, ["宅地防災課"]);
    }

    #[test]
    fn lenticular_labels_with_the_item_department() {
        let text = "【取組項目】２－１　ごみの減量\n【主管課】清掃事業課\n【評価指標】１人１日当たりのごみ排出量\n【基準値】８９０ｇ（令和４年度）\n【目標値】８５０ｇ以下（令和９年度）\n【評価指標】資源化率\n【基準値】－\n【目標値】●●％\n\n【取組項目】２－２　公共施設の再配置\n【主管課】施設計画課";
        let out = run(text);
        let rows = indicators(text);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].0, rows[0].1), (3, 5));
        let target = rows[0].2.target.as_ref().unwrap();
        assert_eq!((target.figure.as_deref(), target.qualifier.as_deref()), (Some("850"), Some("以下")));
        assert_eq!(target.year.as_ref().unwrap().fiscal, 2027);
        assert_eq!(rows[0].2.departments, ["清掃事業課"]);
        assert_eq!(rows[1].2.departments, ["清掃事業課"]);
        assert!(rows[1].2.target.as_ref().unwrap().figure.is_none());
        let measures: Vec<_> = out
            .iter()
            .filter_map(|(a, _, b)| match b {
                Body::Measure(m) => Some((*a, m.name.clone(), m.departments.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(measures.len(), 2);
        assert_eq!(measures[1].0, 10);
        assert!(measures[1].1.contains("公共施設の再配置"));
        assert_eq!(measures[1].2, ["施設計画課"]);
    }

    #[test]
    fn several_labels_on_one_line() {
        let rows = indicators("指標：消防団員数　基準値（令和５年４月１日）：４１２人　目標値（令和１０年４月１日）：４５０人以上\n指標：救命講習の受講者数　基準値（令和４年度）：１，１２０人　目標値（令和９年度）：年間１，５００人");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].2.name, "消防団員数");
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().figure.as_deref(), Some("412"));
        assert_eq!(rows[0].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2028);
        assert_eq!((rows[1].0, rows[1].1), (2, 2));
        assert_eq!(rows[1].2.target.as_ref().unwrap().figure.as_deref(), Some("1,500"));
    }

    #[test]
    fn one_record_a_line_with_fields_apart_by_semicolons() {
        let rows = indicators("目標１；指標：市営住宅の管理戸数；現状：312戸（令和６年４月１日）；目標：248戸（令和16年度末）；担当：建設課住宅係\n目標２；指標：入居率；現状：84.6％；目標：90％以上；担当：建設課");
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].2.name, "市営住宅の管理戸数");
        assert_eq!(rows[0].2.baseline.as_ref().unwrap().figure.as_deref(), Some("312"));
        assert_eq!(rows[0].2.target.as_ref().unwrap().figure.as_deref(), Some("248"));
        assert_eq!(rows[0].2.departments, ["建設課住宅係"]);
        assert_eq!(rows[1].2.target.as_ref().unwrap().display(), "90%以上");
    }

    #[test]
    fn an_evaluation_sheet_names_its_policy_and_department() {
        let text = "施策名\n生涯スポーツの振興\n主管課\nスポーツ推進課\n成果指標\n指標名\n週１回以上運動する市民の割合\n当初値（令和元年度）\n４１．０％\n最終目標（令和７年度）\n５０．０％";
        let out = run(text);
        let Some((1, 4, Body::Measure(m))) = out.first() else { panic!("{out:?}") };
        assert_eq!(
            (m.name.as_str(), m.departments.as_slice()),
            ("生涯スポーツの振興", ["スポーツ推進課".to_string()].as_slice())
        );
        let rows = indicators(text);
        assert_eq!(rows[0].2.departments, ["スポーツ推進課"]);
        assert_eq!(rows[0].2.target.as_ref().unwrap().figure.as_deref(), Some("50.0"));
    }

    #[test]
    fn names_over_labelled_figures_in_a_nested_list_and_with_an_arrow() {
        let text = [
            "- KPI",
            "  - 自主防災組織の結成率",
            "    - 現状値：72.5%（R5）",
            "    - 目標値：90%（R11）",
            "  - 防災訓練の参加者数",
            "    - 現状値：1,200人（R5）",
            "公民館の利用者数",
            "　　いま　４，２００人　　▶　　５年後　５，０００人",
            "子育てしやすいまちと思う人の割合",
            "　　いま　―　　▶　　５年後　８０％",
            "移住した人",
            "　　いま　年３人　　▶　　５年後　年１０人",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let mut out = Vec::new();
        name_over_labelled_lines(&doc, &Vocabulary::built_in(), &mut out);
        type Row = (usize, usize, String, Option<String>, Option<String>);
        let rows: Vec<Row> = out
            .into_iter()
            .filter_map(|(a, b, body)| match body {
                Body::Indicator(i) => {
                    Some((a, b, i.name, i.baseline.and_then(|v| v.figure), i.target.and_then(|v| v.figure)))
                }
                _ => None,
            })
            .collect();
        let row = |a: usize, b: usize, name: &str, base: Option<&str>, target: Option<&str>| {
            (a, b, name.to_string(), base.map(String::from), target.map(String::from))
        };
        assert_eq!(
            rows,
            [
                row(2, 4, "自主防災組織の結成率", Some("72.5"), Some("90")),
                row(5, 6, "防災訓練の参加者数", Some("1,200"), None),
                row(7, 8, "公民館の利用者数", Some("4,200"), Some("5,000")),
                row(9, 10, "子育てしやすいまちと思う人の割合", None, Some("80")),
                row(11, 12, "移住した人", Some("3"), Some("10")),
            ]
        );
    }
}
