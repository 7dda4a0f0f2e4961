//! What a plan does and who does it: 施策中項目, the rows of 実施計画 with 実行課, 主な事業,
//! 主管課・関連課, 市民満足度, stated counts and numbered lists.
//!
//! `with_departments` is the general pass (an item and its department in every common form).
//! The others stay from the first plans because each reads a shape no table header or label
//! marks (issue 7): `sub_items` a numbered list under 施策中項目, `plan_rows` PDF rows of a
//! 実施計画 whose 改革分野 are counted elsewhere, `satisfaction` a share split over lines after
//! 施策に係る市民満足度 (a sentence of any plan is read by `prose`). Each looks only at lines of
//! its shape, so a new layout never meets them by chance.

use once_cell::sync::Lazy;
use regex::Regex;

use super::record::{Body, Count, Measure, Plan, Responsibility, Satisfaction};
use super::roles::Vocabulary;
use super::value;
use super::Doc;

type Out = Vec<(usize, usize, Body)>;

static ITEM: Lazy<Regex> = Lazy::new(|| Regex::new(r"^#*\s*(\d+)\.?\s+([^。]{2,60})$").unwrap());
static PLAN_ROW: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d+)\s+(.+?)\s+(\S+)\s+(R\d+)(?:\s+(R\d+))?$").unwrap());
static COUNT: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(?:\d+\.)?\s*(.+?):\s*(\d+)\s*(計画|件|事業|施策)$").unwrap());
static LIST_ITEM: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d+)\.\s+(\S.*)$").unwrap());
static CHAPTER_PREFIX: Lazy<Regex> = Lazy::new(|| Regex::new(r"^第\s*\d+\s*章\s*").unwrap());
static PERCENT: Lazy<Regex> = Lazy::new(|| Regex::new(r"(\d+(?:\.\d+)?%)").unwrap());
static ROLE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(主管課|関連課|関係課|所管課|担当課|実行課)\s*:\s*(.+)$").unwrap());

/// Most lines a 実施計画 row may wrap onto after its first.
const MAX_WRAP: usize = 2;

/// Lines that end a list of 施策中項目.
const LIST_END: &[&str] = &["協働による取組", "関連計画", "めざす姿", "▲"];

/// 施策中項目 with their 取組内容: "1. 自治会の支援" (or "#### 1 行政改革の推進") and bullets.
pub fn sub_items(doc: &Doc, out: &mut Out) {
    let mut open = false;
    let mut current: Option<(usize, usize, Measure)> = None;
    for (i, line) in doc.lines.iter().enumerate() {
        let text = line.text.as_str();
        if text.contains("施策中項目") && !text.contains("施策大項目") {
            open = true;
            continue;
        }
        if !open || text.is_empty() {
            continue;
        }
        let ends = LIST_END.iter().any(|w| text.contains(w))
            || (i > 0 && doc.sections[i] != doc.sections[i - 1] && doc.sections[i].title != doc.sections[i - 1].title);
        if ends {
            out.extend(current.take().map(|(a, b, m)| (a, b, Body::Measure(m))));
            open = false;
            continue;
        }
        if let Some(c) = ITEM.captures(text) {
            out.extend(current.take().map(|(a, b, m)| (a, b, Body::Measure(m))));
            let measure = Measure {
                category: "施策中項目".to_string(),
                number: Some(c[1].to_string()),
                name: c[2].trim().to_string(),
                content: None,
                department_role: None,
                departments: Vec::new(),
                area: None,
                start: None,
                legend: None,
            };
            current = Some((line.no, line.no, measure));
        } else if let (Some(bullet), Some((_, end, m))) = (text.strip_prefix("- "), current.as_mut()) {
            let content = m.content.get_or_insert_with(String::new);
            content.push_str(bullet.trim());
            *end = line.no;
        }
    }
    out.extend(current.map(|(a, b, m)| (a, b, Body::Measure(m))));
}

/// Rows of a 実施計画 in plain text: "9 コンビニ交付の普及推進 市民課 R5", a name may wrap onto
/// the next line. The 改革分野 of each block is the n-th of the areas the plan counts.
pub fn plan_rows(doc: &Doc, out: &mut Out) {
    let areas: Vec<String> = doc
        .lines
        .iter()
        .filter_map(|l| {
            let numbered = l.text.starts_with(char::is_numeric);
            numbered.then(|| COUNT.captures(&l.text)).flatten().map(|c| c[1].trim().to_string())
        })
        .filter(|label| !label.contains("年度"))
        .collect();
    let mut area_index: Option<usize> = None;
    let mut in_table = false;
    let mut pending: Option<(usize, String)> = None;
    for line in &doc.lines {
        let compact: String = if line.text.contains(['≪', '<', '計']) {
            line.text.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            String::new()
        };
        if compact.contains("≪改革分野≫") || compact.contains("<<改革分野>>") {
            area_index = Some(area_index.map_or(0, |a| a + 1));
            in_table = false;
            continue;
        }
        if compact.starts_with("計画名実行課") {
            in_table = true;
            continue;
        }
        if !in_table || line.text.is_empty() {
            continue;
        }
        let (first_line, text) = match pending.take() {
            Some((no, head)) => (no, format!("{head}{}", line.text)),
            None => (line.no, line.text.clone()),
        };
        match PLAN_ROW.captures(&text) {
            Some(c) => {
                let measure = Measure {
                    category: "実施計画".to_string(),
                    number: Some(c[1].to_string()),
                    name: c[2].trim().to_string(),
                    content: None,
                    department_role: Some("実行課".to_string()),
                    departments: vec![c[3].to_string()],
                    area: area_index.and_then(|a| areas.get(a).cloned()),
                    start: Some(c[4].to_string()),
                    legend: None,
                };
                out.push((first_line, line.no, Body::Measure(measure)));
            }
            // A row wraps onto at most MAX_WRAP more lines: a line that starts with a number but
            // completes no row must not swallow the rest of the document (issue 8, defect 1).
            None if text.starts_with(char::is_numeric) && line.no < first_line + MAX_WRAP => {
                pending = Some((first_line, text))
            }
            None => {}
        }
    }
}

/// "R5年度:50 計画", "2.業務改善・効率化改革:17 計画": counts the plan states.
pub fn stated_counts(doc: &Doc, out: &mut Out) {
    for (i, line) in doc.lines.iter().enumerate() {
        if !line.text.contains(':') {
            continue;
        }
        if let Some(c) = COUNT.captures(&line.text) {
            let label = c[1].trim().to_string();
            let label = if value::years_in(&label).is_empty() {
                label
            } else {
                format!("{}({label})", doc.sections[i].title.trim_start_matches(|c: char| c.is_numeric() || c == '.'))
            };
            let count = Count { label, value: c[2].parse().unwrap_or(0), unit: c[3].to_string(), items: Vec::new() };
            out.push((line.no, line.no, Body::Count(count)));
        }
    }
}

/// A numbered list right under a title ("第7章 政策連携プラン" / "1. …" / "2. …"): its items
/// and how many there are.
pub fn numbered_lists(doc: &Doc, out: &mut Out) {
    let lines = &doc.lines;
    let mut i = 0;
    while i < lines.len() {
        // The first item is numbered 1 (and no more digits): its line starts with 「1.」.
        let is_first =
            lines[i].text.starts_with("1.") && LIST_ITEM.captures(&lines[i].text).is_some_and(|c| &c[1] == "1");
        if !is_first {
            i += 1;
            continue;
        }
        let title = lines[..i].iter().rev().map(|l| l.text.as_str()).find(|t| !t.is_empty());
        let mut items = Vec::new();
        let mut end = i;
        for (j, line) in lines.iter().enumerate().skip(i) {
            if line.text.is_empty() {
                continue;
            }
            match LIST_ITEM.captures(&line.text) {
                Some(c) if c[1].parse::<usize>().ok() == Some(items.len() + 1) => {
                    items.push(c[2].trim().to_string());
                    end = j;
                }
                _ => break,
            }
        }
        if let (Some(title), true) = (title, items.len() >= 2) {
            let label = CHAPTER_PREFIX.replace(title, "").to_string();
            let count = Count { label, value: items.len() as u32, unit: "つ".to_string(), items };
            out.push((lines[i].no, lines[end].no, Body::Count(count)));
        }
        i = end + 1;
    }
}

/// 主管課:企画課/市民課 and 関連課:全課.
pub fn responsibilities(doc: &Doc, out: &mut Out) {
    for line in &doc.lines {
        // The label ends at a colon: a line without one is none.
        if let Some(c) = line.text.contains(':').then(|| ROLE.captures(&line.text)).flatten() {
            let departments =
                c[2].split(['/', '・', '、']).map(|d| d.replace(' ', "")).filter(|d| !d.is_empty()).collect();
            let r = Responsibility { role: c[1].to_string(), departments };
            out.push((line.no, line.no, Body::Responsibility(r)));
        }
    }
}

/// "◆主な事業" (items separated by ／) and "◆個別計画" (plan names).
pub fn listed_projects(doc: &Doc, out: &mut Out) {
    let lines = &doc.lines;
    for (i, line) in lines.iter().enumerate() {
        let heading = line.text.trim_start_matches('◆');
        if heading != "主な事業" && heading != "個別計画" {
            continue;
        }
        // The list is the paragraph under the heading (its lines wrap at ／): up to the blank
        // line after it, the next ◆ or 【 heading, or a table, not the rest of the document.
        let body: Vec<_> = lines[i + 1..]
            .iter()
            .skip_while(|l| l.text.is_empty())
            .take_while(|l| {
                !l.text.is_empty()
                    && !l.text.starts_with(['◆', '【', '|'])
                    && !l.text.contains('\t')
                    && l.cells.len() <= 1
            })
            .collect();
        for l in body {
            for item in l.text.split(['/', '／']).map(str::trim).filter(|s| !s.is_empty()) {
                let body = if heading == "主な事業" {
                    Body::Measure(Measure {
                        category: "主な事業".to_string(),
                        number: None,
                        name: item.to_string(),
                        content: None,
                        department_role: None,
                        departments: Vec::new(),
                        area: None,
                        start: None,
                        legend: None,
                    })
                } else {
                    Body::Plan(Plan { name: item.to_string(), period: None, summary: Some("個別計画".to_string()) })
                };
                out.push((l.no, l.no, body));
            }
        }
    }
}

/// A table of measures whose rows are grouped under a row that holds only a department
/// (「| 【こども家庭課】 | | |」 over 「| 相談会の開催 | 年2回開く | 新規 |」): each row under it is
/// that department's measure, up to the next group row or the table's end. The table's header
/// names a measure or its content in its first column; it needs no department column.
pub fn grouped_by_department(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    use super::roles::Role;
    let lines = &doc.lines;
    let mut i = 0;
    while i < lines.len() {
        let header = lines[i].text.starts_with('|').then(|| super::blocks::cells(&lines[i])).flatten();
        let roles: Vec<Option<Role>> = header.iter().flatten().map(|c| vocabulary.label(c).map(|l| l.role)).collect();
        // A table with a department column is read as a table (see `tables`).
        let has_department = roles.contains(&Some(Role::Department));
        if !matches!(roles.first(), Some(Some(Role::Measure | Role::Content))) || has_department {
            i += 1;
            continue;
        }
        let mut departments: Option<Vec<String>> = None;
        let mut j = i + 1;
        while let Some(row) = lines.get(j).filter(|l| l.text.starts_with('|')).and_then(super::blocks::cells) {
            j += 1;
            let filled: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
            if let [only] = filled.as_slice() {
                if let Some(group) = lone_bracketed(only, vocabulary) {
                    departments = Some(group);
                    continue;
                }
            }
            let (Some((name, rest)), Some(departments)) = (filled.split_first(), departments.clone()) else { continue };
            let mut m = measure(name.to_string(), None, departments);
            // Its outline, when the next cell says something (「年2回開く」), not a bare figure.
            m.content = rest.first().filter(|c| c.chars().any(char::is_alphabetic)).map(|c| c.to_string());
            out.push((lines[j - 1].no, lines[j - 1].no, Body::Measure(m)));
        }
        i = j;
    }
}

/// 施策に係る市民満足度: the survey item and its share, on one line or over a few.
pub fn satisfaction(doc: &Doc, out: &mut Out) {
    let lines = &doc.lines;
    for (i, line) in lines.iter().enumerate() {
        if !line.text.contains("施策に係る市民満足度") {
            continue;
        }
        let mut text = String::new();
        let mut end = line.no;
        for l in lines[i..].iter().take(8) {
            if l.text.is_empty() {
                continue;
            }
            text.push_str(&l.text);
            end = l.no;
            if PERCENT.is_match(&l.text) {
                break;
            }
        }
        let Some(m) = PERCENT.find(&text) else { continue };
        let item = text[..m.start()].replace("施策に係る市民満足度", "");
        let item =
            super::normalize::tighten(item.trim_matches(|c: char| c.is_whitespace() || "#【】:「」".contains(c)));
        let Some(value) = value::parse(m.as_str(), end) else { continue };
        out.push((line.no, end, Body::Satisfaction(Satisfaction { item, value, previous: None })));
    }
}

static ITEM_MARK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\(\d{1,2}\)|^\([ア-ン]\)|^・|^-\s|^[○●◯◎■□◇◆▷▶▸▹★☆◉▪☑☐✓✔]\s*|^\d{1,2}[.)]\s*|^[ア-ン][.)]?\s").unwrap()
});
/// A card's title: a numbered label in brackets (【事業１】, [施策3], 〔取組2〕) and a name.
static CARD_TITLE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[【\[〔][^】\]〕\d]{1,6}\d{1,3}(?:[-.]\d{1,3})*[】\]〕]\s*([^【\[〔:]{2,40})$").unwrap()
});
/// A labelled line of a card: a short label and a colon (目的:, 内容:, 指標:, 事業費:).
static CARD_LABEL: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[^:\s\d]{1,6}:").unwrap());
/// Most lines a card's labels may take between its title and its department.
const MAX_CARD_LINES: usize = 6;
/// "空き店舗の活用支援 ………… 商工課": an item and its department after a dotted leader (… and
/// ‥ are dots after NFKC; ・・・ and ⋯ too).
/// An arrow leads to the departments as the dots do: 「【取組１】…の運営支援 → スポーツ振興課」.
static LEADER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(.+?)\s*(?:\.{3,}|・{3,}|⋯{2,}|[→⇒➡▶])\s*(\S[^.→⇒➡▶]*)$").unwrap());
static TRAILING_DEPARTMENT: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(.+?)\s*[(【\[<≪《〔〈]([^()【】\[\]<>≪≫《》〔〕〈〉]+)[)】\]>≫》〕〉]$").unwrap());
/// "担当:", "所管課:" inside a bracket before the department ("(担当:健康づくり課)").
static BRACKET_LABEL: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[^:]{1,6}:\s*").unwrap());
/// "担当課: X", "【担当課】X", "(担当) X": a department label and its departments.
/// Only the head of the line is matched, its departments (group 2) running from the first letter
/// after the label to the end: as `(\S.*)$` would take them, without the regex walking the whole
/// line, which it did for every line of every plan (issue 12).
/// What closes a department label on its line: a colon or a closing bracket (「担当：」「【所管】」
/// 「〔担当〕」); a space after the label says less (see `with_departments`).
const LABEL_ENDS: [char; 6] = [':', '】', ']', ')', '>', '〕'];

static DEPARTMENT_LINE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^[【\[(<〔]?([^:】\])>〕\s]{2,8})[】\])>〕]?\s*:?\s*(\S)").unwrap());

/// Whether the line at `at` runs to the right margin of the prose around it: its text was cut
/// there and goes on on the next line (an item's name wrapped mid-sentence), not ended.
pub(super) fn fills_its_line(doc: &Doc, at: usize) -> bool {
    /// Lines above and below that show where the margin is.
    const AROUND: usize = 12;
    /// Display columns short of the margin a cut line may end (a wide letter is two).
    const SLACK: usize = 4;
    let end = |l: &super::Line| l.starts.first().copied().unwrap_or(0) + super::normalize::width(l.text.trim());
    let Some(line) = doc.lines.get(at) else { return false };
    let around = doc.lines[at.saturating_sub(AROUND)..(at + AROUND).min(doc.lines.len())].iter();
    let margin = around.filter(|l| l.cells.is_empty()).map(end).max().unwrap_or(0);
    end(line) + SLACK >= margin
}

/// Measures whose department follows them: "(1) 地域防災計画の見直し(危機管理課)",
/// "①公共施設へのLED照明の導入【営繕課】 ②…" (several on one line), or a bullet with a
/// "担当課: …" line under it. What counts as a department is vocabulary (its endings).
pub fn with_departments(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    // The item waiting for its department on a line below, and whether it had a mark.
    let mut last_item: Option<(usize, String, bool)> = None;
    // The departments of the item on the line above after a dotted leader (for a 同上 under it).
    let mut leader_departments: Option<Vec<String>> = None;
    // The line of the card title (【事業１】…) whose labelled lines may stand before its 所管.
    let mut card: Option<usize> = None;
    // The outline read between the waiting item and its department line: the measure's content.
    let mut outlined = String::new();
    // The measure a department line just closed: a content label right under it (「取組内容：…」)
    // still says what it does.
    let mut closed: Option<usize> = None;
    // The measure a marked item with its department in brackets just gave, and its line's indent:
    // a sentence under it, further in and with no mark (「教育支援センターの…を２か所に増やします。」),
    // says what it does.
    let mut described: Option<(usize, usize)> = None;
    let mut listed_to = 0;
    // A legend's short forms stand for departments after a leader (「…の推進 ……… Ａ・Ｂ」).
    let shorts = super::owners::legend_shorts(doc, vocabulary);
    for (at, line) in doc.lines.iter().enumerate() {
        let text = line.text.as_str();
        if text.is_empty() {
            described = None;
            // An item with no mark is its department's only when the department line is right
            // under it: after a blank line, a name alone is more likely a title.
            if last_item.as_ref().is_some_and(|(_, _, marked)| !marked) {
                last_item = None;
            }
            continue;
        }
        if text.contains('\t') || text.starts_with('|') || line.no <= listed_to {
            continue;
        }
        if let Some(k) = closed.take() {
            // 「取組内容：…」, or the label and a space (「事業概要　老朽化した…」).
            let content = text.split_once(':').or_else(|| text.trim_start().split_once(' ')).filter(|(label, rest)| {
                !rest.trim().is_empty()
                    && vocabulary.exact_label(label.trim()).is_some_and(|l| l.role == super::roles::Role::Content)
            });
            if let (Some((_, rest)), Some((_, end, Body::Measure(m)))) = (content, out.get_mut(k)) {
                m.content.get_or_insert_with(String::new).push_str(rest.trim());
                *end = line.no;
                closed = Some(k);
                continue;
            }
        }
        if let Some((k, indent)) = described.take() {
            let further_in = line.starts.first().is_some_and(|&s| s > indent);
            let sentence = text.trim_end().ends_with('。') && !ITEM_MARK.is_match(text.trim_start());
            if let (true, true, Some((_, end, Body::Measure(m)))) = (further_in, sentence, out.get_mut(k)) {
                if m.content.is_none() {
                    m.content = Some(text.trim().to_string());
                    *end = line.no;
                    continue;
                }
            }
        }
        // The label is a whole word: a colon, a bracket or a space after it (「担当課」 alone on
        // its line, its value under it, is the label pass's).
        // The label is at most eight letters after a bracket: what ends it stands among the
        // line's first ten letters, and most lines have none there.
        let label_end = text.chars().take(10).any(|c| LABEL_ENDS.contains(&c) || c == ' ');
        let department_line = label_end.then(|| DEPARTMENT_LINE.captures(text)).flatten().filter(|c| {
            text[c.get(1).map_or(0, |m| m.end())..].starts_with(|c: char| LABEL_ENDS.contains(&c) || c == ' ')
                && vocabulary.exact_label(&c[1]).is_some_and(|l| l.role == super::roles::Role::Department)
        });
        if let Some(c) = department_line {
            if let Some((no, name, marked)) = last_item.take() {
                let rest = &text[c.get(2).map_or(text.len(), |m| m.start())..];
                let after = &text[c.get(1).map_or(0, |m| m.end())..];
                // 「（担当課：農林振興課）」: the bracket the line opened closes after the departments.
                // (Only a bracket left open: 「【所管】町民生活課(ごみ減量推進係)」 keeps its own.)
                let rest = match [('(', ')'), ('【', '】'), ('[', ']'), ('<', '>'), ('〔', '〕')]
                    .iter()
                    .find(|(o, _)| text.starts_with(*o))
                {
                    Some(&(open, close)) if rest.matches(close).count() > rest.matches(open).count() => {
                        rest.trim_end().strip_suffix(close).unwrap_or(rest)
                    }
                    _ => rest,
                };
                let departments = super::tables::split_departments(rest);
                // A label followed by a colon or its bracket says a department follows: any name
                // counts (観光協会). After an item with no mark, or a label and a space only
                // (「実行課 （自己評価）」 in a chart), the names must have a department's shape.
                let said = marked && after.starts_with(LABEL_ENDS);
                if !departments.is_empty() && (said || vocabulary.departments_in(rest).is_some()) {
                    // (An item a department line above it heads is that line's: owners::heading_lines.)
                    let headed = super::owners::measure_covers(out, no);
                    // A department line that closes a list of bullets (「- …」 / 「- …」 /
                    // 「担当：…」, 「【担当】…」) is the department of each bullet of the list, not
                    // only the last; 「（担当：…）」 in brackets is the last item's alone.
                    if said && !text.starts_with(['(', '<']) {
                        for (above, name) in bullets_above(doc, no, out) {
                            out.push((
                                above,
                                line.no,
                                Body::Measure(measure(name, Some(c[1].to_string()), departments.clone())),
                            ));
                        }
                    }
                    if !headed {
                        let mut m = measure(name, Some(c[1].to_string()), departments);
                        m.content = (!outlined.is_empty()).then(|| std::mem::take(&mut outlined));
                        out.push((no, line.no, Body::Measure(m)));
                        closed = Some(out.len() - 1);
                    }
                }
            }
            outlined.clear();
            continue;
        }
        // A department alone in brackets under a name alone (「生け垣設置への助成」/「【環境政策課】」):
        // the name's, as a slide or a leaflet sets it under each item.
        // (Not a department line that heads the items under it: owners::heading_lines.)
        let heads = || {
            out.iter()
                .any(|(_, _, b)| matches!(b, Body::Measure(m) if m.legend.as_ref().is_some_and(|l| l.line == line.no)))
        };
        if last_item.is_some() && text.starts_with(['【', '〔', '(', '[', '<', '《']) && heads() {
            last_item = None;
            continue;
        }
        if let Some(departments) = last_item.as_ref().and_then(|_| lone_bracketed(text, vocabulary)) {
            if let Some((no, name, _)) = last_item.take() {
                out.push((no, line.no, Body::Measure(measure(name, None, departments))));
            }
            continue;
        }
        // An item's outline between it and its department line (「①事業名」/「　…を進めます。」/
        // 「　担当課：…」): a sentence of its own, no item, a line or two under the item.
        // Or a card's labelled lines (「目的：…」「内容：…」「指標：…」, a few, under 「【事業１】…」).
        let outline = |no: usize| {
            line.no <= no + 2 && text.ends_with('。') && !ITEM_MARK.is_match(text) && line.cells.len() <= 1
                || card == Some(no) && line.no <= no + MAX_CARD_LINES && CARD_LABEL.is_match(text)
        };
        // 「・芦野辺駅周辺を…都市機能を誘導し」 / 「　　ます。（都市計画課）」: a marked item wrapped
        // onto the line under it, its department closing the wrapped line.
        // The wrapped line stands to the right of the item's mark, and the item ends no sentence.
        let start = |l: &super::Line| l.starts.first().copied().unwrap_or(0);
        let wraps = |no: usize, item: &str| {
            no + 1 == line.no && !item.ends_with('。') && doc.lines.get(no - 1).is_some_and(|l| start(l) < start(line))
        };
        if last_item.as_ref().is_some_and(|(no, _, _)| outline(*no)) {
            // The rest of a marked item's sentence (「（イ）…宅配サービスを始め」 / 「　　ます。」)
            // is its name's, not its outline.
            let cut = |no: usize, item: &str| wraps(no, item) && fills_its_line(doc, no - 1);
            match last_item.as_mut().filter(|(no, item, marked)| *marked && outlined.is_empty() && cut(*no, item)) {
                Some((_, item, _)) => item.push_str(text.trim()),
                None => outlined.push_str(text.trim()),
            }
            continue;
        }
        if let Some((no, item, true)) = last_item.take().filter(|(no, item, _)| wraps(*no, item) && outlined.is_empty())
        {
            if !ITEM_MARK.is_match(text) {
                // 「②…特定空家等の措置」 / 「　　……建設課、税務課」: the dotted leader and the
                // departments on the wrapped line, the rest of the name (if any) before them.
                if let Some((rest, departments, wrapped)) = leader_parts(doc, at, vocabulary, &shorts, None) {
                    let (rest, end) = (rest.trim_matches('.').trim(), if wrapped { line.no + 1 } else { line.no });
                    listed_to = listed_to.max(end);
                    out.push((no, end, Body::Measure(measure(format!("{item}{rest}"), None, departments))));
                    continue;
                }
                // The department's bracket closes on the wrapped line (「…の開催（産業振興課、農業委員」
                // / 「　会事務局）」), or the whole bracket stands there.
                let whole = format!("{item}{}", text.trim());
                let read = bracketed(text, vocabulary)
                    .map(|(name, departments)| (format!("{item}{name}"), departments))
                    .or_else(|| bracketed(&whole, vocabulary));
                if let Some((name, departments)) = read {
                    out.push((
                        no,
                        line.no,
                        Body::Measure(measure(name.trim_end_matches('。').to_string(), None, departments)),
                    ));
                    continue;
                }
                // 「②…画材や作品の搬入にかかる費用」 / 「　の助成」 / 「　【所管】福祉課」: the rest of
                // the item's name, its department on a line below.
                let rest = text.trim();
                if fills_its_line(doc, no - 1) || rest.starts_with(crate::ingest::normalize::is_hiragana) {
                    last_item = Some((no, format!("{item}{rest}"), true));
                    continue;
                }
            }
        }
        last_item = None;
        outlined.clear();
        if let Some(end) = listed_with_departments(doc, at, vocabulary, out) {
            listed_to = end;
            continue;
        }
        // A dotted leader is three dots (or two ⋯) at least: most lines have none.
        let leader = text.contains("...") || text.contains("・・・") || text.contains("⋯⋯") || text.contains(ARROWS);
        if let Some((name, departments, wrapped)) = leader
            .then(|| leader_parts(doc, at, vocabulary, &shorts, leader_departments.as_ref()))
            .flatten()
            .map(|(before, departments, wrapped)| {
                (ITEM_MARK.replace(&before, "").trim().to_string(), departments, wrapped)
            })
            .filter(|(name, _, _)| !name.is_empty())
        {
            leader_departments = Some(departments.clone());
            // (The line the departments wrapped onto is theirs: read, it is no line of its own.)
            let end = if wrapped { line.no + 1 } else { line.no };
            listed_to = listed_to.max(end);
            out.push((line.no, end, Body::Measure(measure(name, None, departments))));
            continue;
        }
        leader_departments = None;
        // 「【事業１】特定健康診査未受診者対策」: a card's numbered title, its department on a
        // labelled line of the card below.
        let card_title = text.starts_with(['【', '[', '〔']).then(|| CARD_TITLE.captures(text)).flatten();
        if let Some(c) = card_title.filter(|c| is_name(c[1].trim())) {
            last_item = Some((line.no, c[1].trim().to_string(), true));
            card = Some(line.no);
            continue;
        }
        // 「施策５　営農型太陽光発電の導入検討」 over 「内容：…」 and 「実施主体：市（農林課）」: a
        // card titled by a measure word and its number, with no brackets.
        if let Some(name) = numbered_measure(text, vocabulary) {
            last_item = Some((line.no, name.to_string(), true));
            card = Some(line.no);
            continue;
        }
        let starts: Vec<usize> = ITEM_MARK.find_iter(text).map(|m| m.start()).collect();
        if starts.is_empty() {
            // (A row's name wrapped onto this line, 「中学生の割合（運動部）」 under its figures, is
            // the indicator's, whatever its bracket holds.)
            let in_a_row =
                || out.iter().any(|(a, b, body)| matches!(body, Body::Indicator(_)) && *a < line.no && line.no <= *b);
            if let Some((name, role, departments)) = unmarked(line, vocabulary).filter(|_| !in_a_row()) {
                out.push((line.no, line.no, Body::Measure(measure(name, role, departments))));
            } else if line.cells.len() <= 1 && is_name(text) && !doc.sections[at].title.contains(text) {
                // (A section's title, 施策6-1's 「参加と協働により…」, is no item of it.)
                // A name alone on its line, its department on the next.
                last_item = Some((line.no, text.to_string(), false));
            }
            continue;
        }
        let mut found_here = false;
        for (k, &at) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            let item = ITEM_MARK.replace(&text[at..end], "").trim().to_string();
            let item = without_tag(&item, vocabulary);
            match bracketed(item, vocabulary) {
                Some((name, departments)) => {
                    out.push((line.no, line.no, Body::Measure(measure(name, None, departments))));
                    found_here = true;
                    if starts.len() == 1 {
                        described = Some((out.len() - 1, line.starts.first().copied().unwrap_or(0)));
                    }
                }
                // A bracket that names no department (（再掲）) leaves the item to a label or
                // to the department line under it.
                None => match labelled_department(item, vocabulary) {
                    Some((name, role, departments)) => {
                        out.push((line.no, line.no, Body::Measure(measure(name, Some(role), departments))));
                        found_here = true;
                        // (「（４）…の検討　【担当】教育総務課」 over a sentence further in: what it does.)
                        if starts.len() == 1 {
                            described = Some((out.len() - 1, line.starts.first().copied().unwrap_or(0)));
                        }
                    }
                    None if starts.len() == 1 && at == 0 => {
                        // (A table's row another pass read is that pass's.)
                        let read = super::owners::measure_covers(out, line.no);
                        match columned(line, vocabulary).filter(|_| !read) {
                            Some((name, departments)) => {
                                out.push((line.no, line.no, Body::Measure(measure(name, None, departments))));
                                found_here = true;
                            }
                            // (Not a target stated on a bullet, 「・男性職員の育児休業取得率　現状 46.2％
                            // → 目標 85％」: a figure's line, no item of work.)
                            None if !item.is_empty() && !states_figures(item) => {
                                last_item = Some((line.no, item.to_string(), true))
                            }
                            None => {}
                        }
                    }
                    None => {}
                },
            }
        }
        if found_here {
            last_item = None;
        }
    }
}

/// The name of a measure titled by a measure word (or a number word: 取組番号) of the vocabulary
/// and its number, a space apart (「施策５　営農型太陽光発電の導入検討」「事業3 空き店舗の活用」
/// 「取組番号２－①　指定管理者制度の導入」).
fn numbered_measure<'a>(text: &'a str, vocabulary: &Vocabulary) -> Option<&'a str> {
    use super::roles::Role;
    // The number: digits, and more after a dash or a point, in brackets or not (2-(1), 3.2).
    static NUMBER: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\d+(?:[-.・]\(?\d+\)?)*").unwrap());
    let digits = text.find(|c: char| c.is_ascii_digit()).filter(|&at| at > 0 && at <= 18)?;
    let (word, rest) = text.split_at(digits);
    // 「事務事業１　…」: the word of a measure label without its 名 (事務事業名) titles a measure too.
    let role = vocabulary.exact_label(word.trim()).map(|l| l.role).or_else(|| {
        vocabulary.exact_label(&format!("{}名", word.trim())).map(|l| l.role).filter(|r| *r == Role::Measure)
    });
    // A number in parts only after a number word, or a measure word that is no heading's level
    // word (「取組１－３　ふるさと納税の推進」): 「施策１－１　…」 heads a 施策's page, whose
    // departments (主管課, 関係課) are the page's, no item's.
    let level = vocabulary.heading_levels.iter().any(|l| l == word.trim());
    let numbered = role == Some(Role::Number) && word.trim().ends_with("番号") || role == Some(Role::Measure) && !level;
    let number = if numbered { NUMBER.find(rest)?.end() } else { rest.find(|c: char| !c.is_ascii_digit())? };
    let name = rest[number..].strip_prefix(' ')?.trim();
    ((role == Some(Role::Measure) || numbered) && is_name(name)).then_some(name)
}

/// The arrows that lead from an item to who does it (see [`LEADER`]).
pub(super) const ARROWS: [char; 4] = ['→', '⇒', '➡', '▶'];

/// A line that is nothing but departments in brackets, or after an arrow: 「【環境政策課】」,
/// 「（福祉課・保健課）」, 「▶ 総務課・建設課」.
fn lone_bracketed(text: &str, vocabulary: &Vocabulary) -> Option<Vec<String>> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix(ARROWS) {
        return leader_department(rest.trim(), vocabulary);
    }
    in_charge(super::owners::whole_bracket(text)?, vocabulary)
}

/// What a dotted leader on the line at `at` leads from and to: the text before it (an item, or
/// the rest of a wrapped item's name: 「　　……建設課、税務課」 has none), its departments, and
/// whether their last name wrapped onto the next line. 「同上」 after it is the departments of the
/// item above (`above`); short forms a legend explains (`shorts`) stand for departments.
fn leader_parts(
    doc: &Doc,
    at: usize,
    vocabulary: &Vocabulary,
    shorts: &[String],
    above: Option<&Vec<String>>,
) -> Option<(String, Vec<String>, bool)> {
    let c = LEADER.captures(&doc.lines[at].text)?;
    let before = c[1].trim().to_string();
    // 「▶担当：公園緑地課」: the label of who does it, then the departments.
    let cell = match c[2].trim().split_once(':') {
        Some((label, rest))
            if vocabulary.exact_label(label).is_some_and(|l| l.role == super::roles::Role::Department) =>
        {
            rest.trim()
        }
        _ => c[2].trim(),
    };
    // 「……建設課、子育て」 / 「　支援課」: a department's name wrapped onto the next line.
    let joined = departments_wrapped(doc, at, cell, vocabulary);
    let wrapped = joined.is_some();
    let cell = joined.as_deref().unwrap_or(cell);
    // 「同上」 after the leader: the department of the item above.
    if vocabulary.ditto.iter().any(|m| m == cell) {
        return Some((before, above?.clone(), wrapped));
    }
    let abbreviated = || {
        let parts: Vec<String> = cell.split(['・', '、', ',']).map(|p| p.trim().to_string()).collect();
        parts.iter().all(|p| shorts.contains(p)).then_some(parts)
    };
    Some((before, leader_department(cell, vocabulary).or_else(abbreviated)?, wrapped))
}

/// A leader's departments (`cell`, on the line at `at`) whose last name wrapped onto the next
/// line (「建設課、子育て」 / 「支援課」): the cell joined with that line, when the line is a short
/// piece further in, and the last name is a department only with it.
fn departments_wrapped(doc: &Doc, at: usize, cell: &str, vocabulary: &Vocabulary) -> Option<String> {
    /// Letters at most of a piece of a department's name on a line of its own.
    const PIECE: usize = 8;
    let next = doc.lines.get(at + 1)?;
    let piece = next.text.trim();
    let start = |l: &super::Line| l.starts.first().copied().unwrap_or(0);
    if piece.is_empty()
        || piece.chars().count() > PIECE
        || start(next) <= start(&doc.lines[at])
        || ITEM_MARK.is_match(piece)
        || piece.contains(['.', '、', ',', '・', ' '])
    {
        return None;
    }
    let last = cell.rsplit(['、', ',', '・']).next().unwrap_or(cell).trim();
    // (The piece before is the head of a name, in letters: not an arrow of a schedule.)
    let letters =
        |c: char| super::normalize::is_kanji(c) || super::normalize::is_katakana(c) || super::normalize::is_hiragana(c);
    if last.is_empty() || !last.chars().all(letters) || vocabulary.departments_in(last).is_some() {
        return None;
    }
    let joined = format!("{cell}{piece}");
    vocabulary.departments_in(&format!("{last}{piece}")).and(Some(joined))
}

/// The departments after a dotted leader: 「産業振興課」, 「産業振興課（林務係）、森林組合」 (a
/// section in brackets is part of its department).
fn leader_department(cell: &str, vocabulary: &Vocabulary) -> Option<Vec<String>> {
    vocabulary.departments_in(cell).or_else(|| {
        let outside = super::normalize::outside_brackets(cell);
        (outside != cell).then(|| vocabulary.departments_in(&outside)).flatten()
    })
}

/// A bullet (「- 」「・」) at the head of a line: what [`bullets_above`] gathers.
static BULLET_MARK: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(?:-\s|・|[○●◯■□◇◆▷▶▸▹★☆▪]\s*)").unwrap());

/// The bullets of the list whose last bullet stands at line `last` (1-based), above it, first
/// first: each line with the same bullet mark, blank lines between allowed, up to a line that is
/// no bullet; a bullet another record already stands on ends the list.
fn bullets_above(doc: &Doc, last: usize, out: &Out) -> Vec<(usize, String)> {
    let mark_of = |text: &str| BULLET_MARK.find(text).map(|m| m.as_str().trim().to_string());
    let Some(mark) = doc.lines.get(last.wrapping_sub(1)).and_then(|l| mark_of(l.text.trim())) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for line in doc.lines[..last - 1].iter().rev() {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        if mark_of(text).as_deref() != Some(mark.as_str()) || out.iter().any(|(a, _, _)| *a == line.no) {
            break;
        }
        let name = BULLET_MARK.replace(text, "").trim().to_string();
        if name.is_empty() {
            break;
        }
        found.push((line.no, name));
    }
    found.reverse();
    found
}

/// The item and its departments when it ends in a bracket of them: 「移動図書館車の更新〔生涯学習課〕」,
/// 「相談会の開催（担当：高齢福祉課）」.
pub(super) fn bracketed(item: &str, vocabulary: &Vocabulary) -> Option<(String, Vec<String>)> {
    let c = TRAILING_DEPARTMENT.captures(item).filter(|c| !is_a_department(c[1].trim(), vocabulary))?;
    let departments = in_charge(&BRACKET_LABEL.replace(&c[2], ""), vocabulary)?;
    Some((c[1].trim().to_string(), departments))
}

/// The departments a bracket after an item names: all of it, or the departments before one
/// last piece that says with whom they work (「公園緑地課、国土交通省河川国道事務所と連携」).
fn in_charge(inner: &str, vocabulary: &Vocabulary) -> Option<Vec<String>> {
    vocabulary.departments_in(inner).or_else(|| {
        let (departments, note) = inner.rsplit_once(['、', ','])?;
        let with = ["と連携", "と協力", "と協働", "と共同", "と調整", "と協議"];
        with.iter().any(|w| note.trim_end_matches('。').ends_with(w)).then(|| vocabulary.departments_in(departments))?
    })
}

/// A mark plans put after an item (【新規】, （重点）, ★): a short bracket or a symbol at the end.
static TAG: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\s*(?:[(【\[<≪《〔〈]([^()【】\[\]<>≪≫《》〔〕〈〉]{1,4})[)】\]>≫》〕〉]|[★☆◎●■◆※])$").unwrap()
});

/// The item without a tag after its department: 「…【担当：営繕課】【新規】」, 「…（営繕課）　★」.
/// Only taken off when a bracket is left at the end, and when it names no department itself.
fn without_tag<'a>(item: &'a str, vocabulary: &Vocabulary) -> &'a str {
    const CLOSE: [char; 8] = [')', '】', ']', '>', '≫', '》', '〕', '〉'];
    if !item.ends_with(CLOSE) && !item.ends_with(['★', '☆', '◎', '●', '■', '◆', '※']) {
        return item;
    }
    let Some(c) = TAG.captures(item) else { return item };
    let rest = item[..c.get(0).map_or(item.len(), |m| m.start())].trim_end();
    let names_department = c.get(1).is_some_and(|inside| vocabulary.departments_in(inside.as_str()).is_some());
    if rest.ends_with(CLOSE) && !names_department {
        rest
    } else {
        item
    }
}

/// Whether what stands before a bracket is a department itself, so the bracket holds its section
/// (「総務課（情報政策係）」, a department list wrapped onto its own line), not an item's
/// department. An item ends like a department at times (「子育て支援センターの土曜開所」): a
/// department's name joins no words with の.
fn is_a_department(name: &str, vocabulary: &Vocabulary) -> bool {
    vocabulary.is_department(name) && !name.contains('の')
}

/// Whether a line may be the name of an item: short, no sentence, not a figure.
/// Whether an item's text states figures from one to another (「現状 46.2％（R5）→ 目標 85％」):
/// a target's line.
fn states_figures(text: &str) -> bool {
    text.contains(ARROWS) && text.split(ARROWS).all(|side| side.contains(|c: char| c.is_ascii_digit()))
}

fn is_name(text: &str) -> bool {
    let n = text.chars().count();
    // 「【事業費】2,067千円」 is a label and its value, not a name.
    (2..=40).contains(&n)
        && !text.contains(['。', ':', '|'])
        && !text.starts_with(['【', '[', '<', '≪', '《', '〔'])
        && !value::looks_like_value(text)
}

/// Whether a text is one sentence saying what is done (「…を補助します。」): it ends there,
/// holds no other sentence, and is no longer than a line of a plan.
fn is_done(text: &str) -> bool {
    const MAX_SENTENCE: usize = 100;
    text.ends_with('。') && text.matches('。').count() == 1 && text.chars().count() <= MAX_SENTENCE
}

/// An item written with no mark before it, its department after it on the line: in brackets
/// (「図書館の開館時間の延長【生涯学習課】」, a name; or a sentence saying what is done,
/// 「町内会の防犯カメラの設置費を補助します。（くらし安全課）」) or after a department label
/// (「空き家の改修を支援します。　担当：まちづくり課」). The name ends at its first sentence.
fn unmarked(line: &super::Line, vocabulary: &Vocabulary) -> Option<(String, Option<String>, Vec<String>)> {
    let text = without_tag(line.text.trim(), vocabulary);
    if line.cells.len() > 2 || !text.contains([')', '】', ']', '>', '〕', '〉', '》', '≫', ':']) {
        return None;
    }
    // (「〈推進方針〉【…課】」: a label alone in its bracket names no item.)
    let item = |c: &regex::Captures| {
        let name = c[1].trim();
        (is_name(name) || is_done(name))
            && !is_a_department(name, vocabulary)
            && super::owners::whole_bracket(name).is_none()
    };
    if let Some(c) = TRAILING_DEPARTMENT.captures(text).filter(item) {
        if let Some(departments) = vocabulary.departments_in(&BRACKET_LABEL.replace(&c[2], "")) {
            return Some((c[1].trim().trim_end_matches('。').to_string(), None, departments));
        }
    }
    let (name, role, departments) = labelled_department(text, vocabulary)?;
    let name = name.split('。').next().unwrap_or_default().trim().to_string();
    is_name(&name).then_some((name, Some(role), departments))
}

/// A marked item with its departments in a column of their own, apart by a run of spaces
/// (「①　公民館講座の見直し　　　　　生涯学習課・福祉課」): the line's two cells, the item's
/// name and nothing but departments (not a header's 「担当課」).
/// The mark may stand in a cell of its own, a run of spaces after it (「ア　　生ごみ…　　住民生活課」).
/// (Not a name cut at the line's end, 「(2)企業誘致と」 in a table whose cells wrap.)
fn columned(line: &super::Line, vocabulary: &Vocabulary) -> Option<(String, Vec<String>)> {
    let (item, departments) = match line.cells.as_slice() {
        [item, departments] => (item, departments),
        [mark, item, departments] if ITEM_MARK.replace(&format!("{} ", mark.trim()), "").trim().is_empty() => {
            (item, departments)
        }
        _ => return None,
    };
    let name = ITEM_MARK.replace(item.trim(), "").trim().to_string();
    let departments = Some(departments.trim())
        .filter(|cell| vocabulary.exact_label(cell).is_none())
        .and_then(|cell| leader_department(cell, vocabulary))?;
    let cut = name.ends_with(['と', 'の', 'を', 'に', 'や', '、', '・']);
    (is_name(&name) && !cut && !is_a_department(&name, vocabulary)).then_some((name, departments))
}

/// 「主な事業:創業支援補助金(商工課)、起業塾(商工課・商工会)」, 「【主な事業】A(課・課)/B(課)/」:
/// a measure label (vocabulary) and its items separated by 、 or /, each with its department in
/// brackets; a list that ends in a separator goes on on the next lines. Returns the number of
/// the last line read when the list gave at least one measure.
fn listed_with_departments(doc: &Doc, at: usize, vocabulary: &Vocabulary, out: &mut Out) -> Option<usize> {
    static LISTED: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^[◆■●○・]?\s*(?:【([^】]{2,8})】|([^:]{2,8}):)\s*(\S.*)$").unwrap());
    let line = &doc.lines[at];
    // The label ends at a colon or a bracket: a line without either is not a listing.
    if !line.text.contains([':', '】']) {
        return None;
    }
    let c = LISTED.captures(line.text.trim())?;
    let label = c.get(1).or(c.get(2))?.as_str().trim();
    if !vocabulary.exact_label(label).is_some_and(|l| l.role == super::roles::Role::Measure) {
        return None;
    }
    // The list and the line each piece stands on; at most a few lines of continuation.
    let mut pieces: Vec<(String, usize)> = vec![(c[3].to_string(), line.no)];
    let mut last = line.no;
    for next in doc.lines.iter().skip(at + 1).take(3) {
        let open = pieces.last().is_some_and(|(p, _)| p.trim_end().ends_with(['/', '、']));
        if !open || next.text.trim().is_empty() {
            break;
        }
        pieces.push((next.text.trim().to_string(), next.no));
        last = next.no;
    }
    let mut found = false;
    for (list, no) in &pieces {
        for item in split_outside_brackets(list, &['、', ',', '/']).into_iter().map(|i| i.trim().trim_end_matches('。'))
        {
            let Some(c) = TRAILING_DEPARTMENT.captures(item) else { continue };
            let Some(departments) = vocabulary.departments_in(&BRACKET_LABEL.replace(&c[2], "")) else { continue };
            let mut m = measure(c[1].trim().to_string(), None, departments);
            m.category = label.to_string();
            out.push((*no, *no, Body::Measure(m)));
            found = true;
        }
    }
    found.then_some(last)
}

/// The items of a list: split at `separators` outside brackets and quotes (a department list
/// inside them may hold 、 too; 「A、B」 is one name).
pub(super) fn split_outside_brackets<'a>(list: &'a str, separators: &[char]) -> Vec<&'a str> {
    let mut items = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (at, ch) in list.char_indices() {
        match ch {
            '(' | '【' | '[' | '「' => depth += 1,
            ')' | '】' | ']' | '」' => depth -= 1,
            _ if depth == 0 && separators.contains(&ch) => {
                items.push(&list[from..at]);
                from = at + ch.len_utf8();
            }
            _ => {}
        }
    }
    items.push(&list[from..]);
    items
}

/// An item whose department follows it on the line after a department label:
/// 「ア　空き家の改修を支援する。　担当：まちづくり課」. The label says what follows is a
/// department, so any name counts (観光協会 as well as 産業振興課).
fn labelled_department(item: &str, vocabulary: &Vocabulary) -> Option<(String, String, Vec<String>)> {
    if let Some(found) = bracketed_department(item, vocabulary) {
        return Some(found);
    }
    let at = item.rfind(':')?;
    let (before, after) = (&item[..at], item[at + 1..].trim());
    let chars: Vec<(usize, char)> = before.char_indices().collect();
    // A label is one word: no space or bracket in it (「ます (所管課名」 reads as its bracket).
    let role = |from: usize| {
        !before[from..].contains([' ', '(', '[', '<'])
            && vocabulary.exact_label(&before[from..]).is_some_and(|l| l.role == super::roles::Role::Department)
    };
    // The longest department label the text before the colon ends with.
    let start = (1..=chars.len().min(8)).rev().map(|n| chars[chars.len() - n].0).find(|&from| role(from))?;
    let mut name = before[..start].trim();
    let mut after = after;
    // 「…（担当：健康推進課）」: the label opened a bracket that closes after the departments.
    if let Some(open) = name.strip_suffix(['(', '[', '<']) {
        name = open.trim();
        after = after.trim_end_matches([')', ']', '>']).trim();
    }
    // An arrow may lead from the item to its label (「…をふやします ▶担当：こども家庭課」).
    let name = name.trim_end_matches(['。', '▶', '▷', '→', '⇒', '➡']).trim().to_string();
    let departments = super::tables::split_departments(after);
    // Names, not a sentence nor a bracket or a mark left over from another piece of the line.
    let plausible = departments
        .iter()
        .all(|d| d.chars().count() <= 16 && !d.contains(['(', ')', '【', '】', '[', ']', '<', '>', '★', '☆', '※']))
        && !after.contains('。');
    (name.chars().count() >= 2 && !departments.is_empty() && plausible)
        .then(|| (name, before[start..].trim().to_string(), departments))
}

/// 「介護予防教室の開催 《担当課》健康福祉課」: a department label in brackets of any form
/// (《》〔〕〈〉[]【】) between the measure and its departments, which end the item.
fn bracketed_department(item: &str, vocabulary: &Vocabulary) -> Option<(String, String, Vec<String>)> {
    const PAIRS: [(char, char); 7] =
        [('《', '》'), ('〔', '〕'), ('〈', '〉'), ('[', ']'), ('【', '】'), ('≪', '≫'), ('<', '>')];
    let (at, close) = item.char_indices().rev().find(|(_, c)| PAIRS.iter().any(|(_, close)| close == c))?;
    let open = PAIRS.iter().find(|(_, c)| *c == close)?.0;
    let start = item[..at].rfind(open)?;
    let label = &item[start + open.len_utf8()..at];
    let (before, after) = (item[..start].trim(), item[at + close.len_utf8()..].trim());
    let is_department = vocabulary.exact_label(label).is_some_and(|l| l.role == super::roles::Role::Department);
    if !is_department || before.chars().count() < 2 || after.is_empty() {
        return None;
    }
    // The departments are the whole rest: names with their endings, not a sentence.
    let departments = vocabulary.departments_in(after.trim_end_matches('。'))?;
    Some((before.trim_end_matches('。').to_string(), label.to_string(), departments))
}

pub(super) fn measure(name: String, role: Option<String>, departments: Vec<String>) -> Measure {
    Measure {
        category: "主な取組".to_string(),
        number: None,
        name,
        content: None,
        department_role: Some(role.unwrap_or_else(|| "担当課".to_string())),
        departments,
        area: None,
        start: None,
        legend: None,
    }
}

/// A table of measures dumped on one line, as PDF text makes of it: its header words (取組
/// 担当課) and then each measure followed by its department, all apart by single spaces
/// (「取組 担当課 空き家の活用 住宅課 道路の補修 土木課」). Read only when the whole rest of
/// the line falls into such pairs, two at least.
pub fn dumped(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    use super::roles::Role;
    let role = |w: &str| vocabulary.exact_label(w).map(|l| l.role);
    /// The items of a run of tokens, each its name and the departments after it; None when
    /// the run does not end in departments.
    fn items(tokens: &[&str], vocabulary: &Vocabulary) -> Option<Vec<(String, Vec<String>)>> {
        let mut found = Vec::new();
        let mut name: Vec<&str> = Vec::new();
        for token in tokens {
            match vocabulary.departments_in(token) {
                Some(departments) if !name.is_empty() => {
                    // 「(1)教育・啓発の推進 (1)町民向け…」: the title of a group of items before the
                    // item's own mark is none of its name; nor is the mark.
                    let own = name.iter().rposition(|t| ITEM_MARK.find(t).is_some_and(|m| m.start() == 0)).unwrap_or(0);
                    let joined = name[own..].concat();
                    let bare = ITEM_MARK
                        .find(&joined)
                        .filter(|m| m.start() == 0)
                        .map_or(joined.as_str(), |m| &joined[m.end()..]);
                    found.push((bare.trim().to_string(), departments));
                }
                _ => {
                    name.push(token);
                    continue;
                }
            }
            name.clear();
        }
        name.is_empty().then_some(found)
    }
    let tokens_of =
        |text: &str| -> Vec<String> { text.split(' ').filter(|t| !t.is_empty()).map(str::to_string).collect() };
    let mut lines = doc.lines.iter().peekable();
    while let Some(line) = lines.next() {
        let tokens = tokens_of(&line.text);
        let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let Some(at) = tokens.windows(2).position(|w| {
            matches!(role(w[0]), Some(Role::Measure | Role::Content)) && role(w[1]) == Some(Role::Department)
        }) else {
            continue;
        };
        let Some(found) = items(&tokens[at + 2..], vocabulary).filter(|f| f.len() >= 2) else { continue };
        let label = tokens[at + 1].to_string();
        let mut read = vec![(line.no, found)];
        // The dump goes on over the lines right under it, each a run of items and departments.
        while let Some(next) = lines.peek().filter(|n| n.no == read.last().map_or(0, |r| r.0) + 1) {
            let tokens = tokens_of(&next.text);
            let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
            match items(&tokens, vocabulary).filter(|f| !f.is_empty()) {
                Some(found) => read.push((next.no, found)),
                None => break,
            }
            lines.next();
        }
        for (no, found) in read {
            for (item, departments) in found {
                out.push((no, no, Body::Measure(measure(item, Some(label.clone()), departments))));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Doc;
    use super::*;

    fn run(text: &str, f: fn(&Doc, &mut Out)) -> Out {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        f(&doc, &mut out);
        out
    }

    fn measures(out: &Out) -> Vec<&Measure> {
        out.iter().filter_map(|(_, _, b)| if let Body::Measure(m) = b { Some(m) } else { None }).collect()
    }

    /// [`with_departments`] with the built-in vocabulary.
    fn with(doc: &Doc, out: &mut Out) {
        with_departments(doc, &Vocabulary::built_in(), out)
    }

    /// Each measure's name with its departments.
    fn named(out: &Out) -> Vec<(&str, Vec<&str>)> {
        measures(out).iter().map(|m| (m.name.as_str(), m.departments.iter().map(String::as_str).collect())).collect()
    }

    #[test]
    fn marked_items_with_their_departments_in_a_column_apart_by_spaces() {
        let text = [
            "■ 基本目標１  いつでも学べる機会をつくる",
            "",
            "  ■主な取組                                         担当課",
            "  ① 公民館講座の見直しとオンライン講座の導入        生涯学習課",
            "  ② 高齢者大学「寿大学」の運営                      生涯学習課・福祉課",
            "  ③ 町立図書館の移動図書館車の巡回                  図書館",
            "  (4)企業誘致と                                     企業立地推進課",
        ]
        .join("\n");
        let out = run(&text, with);
        // (Not the header's 担当課, nor a name cut at the end of its line.)
        assert_eq!(
            named(&out),
            [
                ("公民館講座の見直しとオンライン講座の導入", vec!["生涯学習課"]),
                ("高齢者大学「寿大学」の運営", vec!["生涯学習課", "福祉課"]),
                ("町立図書館の移動図書館車の巡回", vec!["図書館"]),
            ]
        );
    }

    #[test]
    fn a_sentence_under_an_item_with_its_labelled_department_says_what_it_does() {
        let text = "（４）学校施設の複合化の検討　【担当】教育総務課、資産経営課\n　　学校の建替えの際に、公民館との複合化を検討します。\n（５）プールの集約　【担当】教育施設課";
        let out = run(text, with);
        let found = measures(&out);
        assert_eq!(found.len(), 2, "{:?}", named(&out));
        assert_eq!(found[0].content.as_deref(), Some("学校の建替えの際に、公民館との複合化を検討します。"));
        assert_eq!(found[0].departments, ["教育総務課", "資産経営課"]);
        assert_eq!(found[1].content, None);
    }

    #[test]
    fn a_row_name_wrapped_with_a_bracket_is_no_measure() {
        // 「中学生の割合（運動部）」 under its row's figures goes on the row's name: 運動部 is no
        // department of an item.
        let text = [
            "  指標                               単位     現状値     目標値",
            "  休日に地域クラブで活動する         ％       ―          100",
            "  中学生の割合（運動部）",
            "  ボッチャ大会の参加者数（年間）     人       42         150",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let vocabulary = Vocabulary::built_in();
        let mut out = Vec::new();
        super::super::tables::from_tables(&doc, &vocabulary, &mut out);
        assert!(out.iter().any(|(a, b, body)| matches!(body, Body::Indicator(_)) && (*a, *b) == (2, 3)));
        with_departments(&doc, &vocabulary, &mut out);
        assert!(measures(&out).is_empty(), "{:?}", named(&out));
    }

    #[test]
    fn a_department_with_its_section_in_brackets_is_no_item() {
        let text = "　担当：産業振興課（林務係）、\n　　　　総務課（情報政策係）\n　・子育て支援センターの土曜開所（教育委員会）";
        let out = run(text, with);
        assert_eq!(named(&out), [("子育て支援センターの土曜開所", vec!["教育委員会"])]);
    }

    #[test]
    fn a_bullet_whose_bracket_of_departments_wraps_onto_the_next_line() {
        // The bracket closes on the wrapped line, cut in a department's name or in a partner's
        // (ＪＡ…, a body that works with the departments).
        let text = [
            "　・地域計画の目標地図の更新と、地区ごとの話合いの開催（産業振興課、農業委員",
            "　　会事務局）",
            "　・認定農業者の経営改善計画の作成の支援と、機械の導入補助（産業振興課、ＪＡいかだは",
            "　　ら）",
        ]
        .join("\n");
        let out = run(&text, with);
        assert_eq!(
            named(&out),
            [
                ("地域計画の目標地図の更新と、地区ごとの話合いの開催", vec!["産業振興課", "農業委員会事務局"]),
                ("認定農業者の経営改善計画の作成の支援と、機械の導入補助", vec!["産業振興課", "JAいかだはら"]),
            ]
        );
    }

    #[test]
    fn an_item_wrapped_onto_a_line_of_its_own_keeps_its_name_for_the_department_line_under_it() {
        let text = [
            "②障害福祉サービス事業所でのアート活動への講師の派遣と、画材や作品の搬入にかかる費用",
            "　の助成",
            "　【所管】福祉課",
            "③特別支援学級の児童生徒の作品の展示",
            "　【所管】学校教育課",
        ]
        .join("\n");
        let out = run(&text, with);
        assert_eq!(
            named(&out),
            [
                (
                    "障害福祉サービス事業所でのアート活動への講師の派遣と、画材や作品の搬入にかかる費用の助成",
                    vec!["福祉課"]
                ),
                ("特別支援学級の児童生徒の作品の展示", vec!["学校教育課"]),
            ]
        );
        assert_eq!((out[0].0, out[0].1), (1, 3));
    }

    #[test]
    fn a_bullet_wrapped_onto_the_line_that_its_department_closes() {
        let text = [
            "　・駅周辺を中心拠点とし、医療・商業などの都市機能を誘導し",
            "　　ます。（都市計画課）",
            "　・河川敷を利用した「かわまちづくり」で遊歩道を整備します。",
            "　　（公園緑地課、国土交通省河川国道事務所と連携）",
            "　・老朽化した公園施設を更新します。（公園緑地課）",
        ]
        .join("\n");
        let out = run(&text, with);
        assert_eq!(
            named(&out),
            [
                ("駅周辺を中心拠点とし、医療・商業などの都市機能を誘導します", vec!["都市計画課"]),
                ("河川敷を利用した「かわまちづくり」で遊歩道を整備します。", vec!["公園緑地課"]),
                ("老朽化した公園施設を更新します。", vec!["公園緑地課"]),
            ]
        );
        assert_eq!((out[0].0, out[0].1), (1, 2));
        // A line standing left of the item's mark is no piece of the item.
        let text =
            "　　・放課後児童クラブの登録児童数　　1,120人→1,300人\n　【主な事業】保育士確保対策事業（こども家庭課）";
        assert!(named(&run(text, with)).iter().all(|(name, _)| !name.contains("登録児童数")));
        // After the departments, only a word of working with someone is passed over.
        assert!(in_charge("公園緑地課、地元の協力を得て", &Vocabulary::built_in()).is_none());
    }

    #[test]
    fn measures_dumped_on_one_line_after_their_header_words() {
        fn dump(doc: &Doc, out: &mut Out) {
            dumped(doc, &Vocabulary::built_in(), out)
        }
        let text = "（２）主な取組 取組 担当課 通学路の安全点検 学校教育課 防犯灯のＬＥＤ化 生活安全課・道路課\n取組 担当課 自主防災組織の結成支援 に取り組みます";
        let out = run(text, dump);
        let m = measures(&out);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[0].name, "通学路の安全点検");
        assert_eq!(m[1].name, "防犯灯のLED化");
        assert_eq!(m[1].departments, ["生活安全課", "道路課"]);
        // Group titles and item marks before the names; the dump going on over the next line.
        let text = "施策の方向 具体的な取組 担当課 (1)教育・啓発の推進 ①町民向け人権啓発講座 人権推進課 ②教職員の研修 学校教育課\n(2)相談体制の充実 ⑤人権相談窓口の運営 人権推進課 ⑥隣保館での生活相談 人権ふれあいセンター\n　本文の段落です。";
        let out = run(text, dump);
        let names: Vec<&str> = measures(&out).iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["町民向け人権啓発講座", "教職員の研修", "人権相談窓口の運営", "隣保館での生活相談"]);
    }

    #[test]
    fn a_department_line_closing_a_list_of_bullets_is_each_bullets() {
        fn general(doc: &Doc, out: &mut Out) {
            with_departments(doc, &Vocabulary::built_in(), out)
        }
        let text = "## 方針２　川を身近に\n\n本文の段落です。\n\n- 川辺の遊歩道の草刈り\n- 魚道の点検と清掃\n\n- 水辺の観察会（年２回）\n\n担当：河川課（維持係）、環境課\n\n## 方針３　見守り\n\n本文の段落です。";
        let out = run(text, general);
        assert_eq!(
            named(&out),
            [
                ("川辺の遊歩道の草刈り", vec!["河川課(維持係)", "環境課"]),
                ("魚道の点検と清掃", vec!["河川課(維持係)", "環境課"]),
                ("水辺の観察会(年2回)", vec!["河川課(維持係)", "環境課"]),
            ]
        );
    }

    #[test]
    fn a_legends_short_forms_after_dotted_leaders() {
        let text = [
            "　施策ごとの担当課を次の記号で示します。",
            "　　Ａ＝商工振興課　　Ｂ＝企業立地推進室　　Ｃ＝農政課",
            "",
            "　(1) 新たな産業用地の確保と企業誘致 ………………………… Ｂ",
            "　(2) 市内企業と大学の共同研究の促進 …………………… Ａ・Ｂ",
            "　(3) 農地の集約 ……………………………………………… Ｚ",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let vocabulary = Vocabulary::built_in();
        let mut out = Vec::new();
        with_departments(&doc, &vocabulary, &mut out);
        super::super::owners::legends(&doc, &vocabulary, &mut out);
        let m = measures(&out);
        let got: Vec<(&str, Vec<&str>)> =
            m.iter().map(|m| (m.name.as_str(), m.departments.iter().map(String::as_str).collect())).collect();
        // Ｚ is no short form of the legend: no department, no measure.
        assert_eq!(
            got,
            [
                ("新たな産業用地の確保と企業誘致", vec!["企業立地推進室"]),
                ("市内企業と大学の共同研究の促進", vec!["商工振興課", "企業立地推進室"])
            ]
        );
        assert!(m.iter().all(|m| m.legend.as_ref().is_some_and(|l| l.line == 2)));
    }

    #[test]
    fn departments_after_dotted_leaders_and_other_marks() {
        fn general(doc: &Doc, out: &mut Out) {
            with_departments(doc, &Vocabulary::built_in(), out)
        }
        let text = [
            "【主な取組】",
            "　・図書館の開館時間の延長 ………………………… 生涯学習課",
            "　・読書ボランティアの養成 ・・・・・・・・・・・・ 生涯学習課・いろは読書協会",
            "　　学校図書館との連携‥‥‥‥‥‥‥学校教育課",
            "　◎移動図書館車の更新〔生涯学習課〕",
            "　・蔵書は年間…約３万冊…を更新します。",
        ]
        .join("\n");
        let text = text.as_str();
        let out = run(text, general);
        let m = measures(&out);
        assert_eq!(m.len(), 4, "{m:?}");
        assert_eq!(m[0].name, "図書館の開館時間の延長");
        assert_eq!(m[0].departments, ["生涯学習課"]);
        assert_eq!(m[1].departments, ["生涯学習課", "いろは読書協会"]);
        assert_eq!(
            (m[2].name.as_str(), m[2].departments.as_slice()),
            ("学校図書館との連携", &["学校教育課".to_string()][..])
        );
        assert_eq!(m[3].name, "移動図書館車の更新");
    }

    #[test]
    fn a_sentence_under_an_item_with_its_department_says_what_it_does() {
        let out = run_with(
            "　　○ヤングケアラーの早期把握と支援（担当：こども家庭センター、学校教育課）\n             　　　　教職員向け研修と、ヘルパー派遣を行います。\n             　　○不登校児童生徒の居場所づくり（担当：学校教育課）\n\n             　　教育支援センターの運営は別の計画で定めます。\n",
        );
        let got: Vec<(&str, Option<&str>)> =
            measures(&out).iter().map(|m| (m.name.as_str(), m.content.as_deref())).collect();
        // After a blank line, a sentence is the text's, not the item's.
        assert_eq!(
            got,
            [
                ("ヤングケアラーの早期把握と支援", Some("教職員向け研修と、ヘルパー派遣を行います。")),
                ("不登校児童生徒の居場所づくり", None)
            ]
        );
    }

    #[test]
    fn departments_after_an_arrow_on_the_line_or_under_it() {
        fn general(doc: &Doc, out: &mut Out) {
            with_departments(doc, &Vocabulary::built_in(), out);
        }
        let out = run(
            "【取組１】地域クラブの設立と運営支援 → スポーツ振興課
【取組２】指導者の研修会 → スポーツ振興課・生涯学習課
             🌲 町営住宅の建替えは木造を原則とします
　　▶ 建設課
             参加者数 40人 → 120人
",
            general,
        );
        assert_eq!(
            named(&out),
            [
                ("【取組1】地域クラブの設立と運営支援", vec!["スポーツ振興課"]),
                ("【取組2】指導者の研修会", vec!["スポーツ振興課", "生涯学習課"]),
                ("🌲 町営住宅の建替えは木造を原則とします", vec!["建設課"]),
            ]
        );
    }

    #[test]
    fn a_ditto_or_a_section_in_brackets_after_a_dotted_leader() {
        fn general(doc: &Doc, out: &mut Out) {
            with_departments(doc, &Vocabulary::built_in(), out);
        }
        let out = run(
            "ア　見守り会議の開催……………………福祉課\nイ　相談員の研修……………………同上\n\
             ・森の間伐の指導……………産業課（林務係）、森林組合",
            general,
        );
        assert_eq!(
            named(&out),
            [
                ("見守り会議の開催", vec!["福祉課"]),
                ("相談員の研修", vec!["福祉課"]),
                ("森の間伐の指導", vec!["産業課", "森林組合"])
            ]
        );
    }

    #[test]
    fn a_card_with_labelled_lines_and_its_department_last() {
        fn general(doc: &Doc, out: &mut Out) {
            with_departments(doc, &Vocabulary::built_in(), out);
        }
        let out = run(
            "【事業１】歯科健診の受診勧奨\n　目的：むし歯の予防\n　内容：はがきによる勧奨（年２回）\n　指標：受診率　20％→30％\n　所管：健康推進課／保険年金課\n\n             【事業２】禁煙外来の費用助成\n　内容：治療費の半額を助成\n　所管：健康推進課",
            general,
        );
        assert_eq!(
            named(&out),
            [("歯科健診の受診勧奨", vec!["健康推進課", "保険年金課"]), ("禁煙外来の費用助成", vec!["健康推進課"])]
        );
        // A title numbered in parts (【取組１－１】), its department labelled first.
        let out = run(
            "【取組１－１】書かない窓口の導入
　担当課：住民保険課、デジタル推進室
　指標：申請書を書かずに済む窓口手続の数",
            general,
        );
        assert_eq!(named(&out), [("書かない窓口の導入", vec!["住民保険課", "デジタル推進室"])]);
    }

    #[test]
    fn a_department_in_brackets_under_each_item() {
        fn general(doc: &Doc, out: &mut Out) {
            with_departments(doc, &Vocabulary::built_in(), out);
        }
        let out = run("取組の展開\n市民花壇の育成\n【公園課】\n雨水タンク設置への助成\n【環境課】\n", general);
        assert_eq!(named(&out), [("市民花壇の育成", vec!["公園課"]), ("雨水タンク設置への助成", vec!["環境課"])]);
    }

    #[test]
    fn a_bracketed_label_listing_measures_over_two_lines() {
        fn general(doc: &Doc, out: &mut Out) {
            with_departments(doc, &Vocabulary::built_in(), out)
        }
        let text = "　【主な事業】空き店舗活用事業（商工課・企画課）／駅前広場整備（都市計画課）／\n　　　　　　　朝市の開催（商工課）\n　【主な事業】は毎年見直します。";
        let out = run(text, general);
        let m = measures(&out);
        let got: Vec<(usize, &str, Vec<String>)> =
            out.iter().zip(&m).map(|(o, m)| (o.0, m.name.as_str(), m.departments.clone())).collect();
        let own = |d: &[&str]| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                (1, "空き店舗活用事業", own(&["商工課", "企画課"])),
                (1, "駅前広場整備", own(&["都市計画課"])),
                (2, "朝市の開催", own(&["商工課"])),
            ]
        );
    }

    #[test]
    fn sub_items_with_their_bullets() {
        let text = "取組内容(施策中項目)\n\n1. 自治会の支援\n\n- 自治会を支援します。\n\n2. コミュニティ活動団体の支援\n\n- 場を提供します。\n- 事業を支援します。\n\n協働による取組\n\n- 自治会を支援し";
        let out = run(text, sub_items);
        let m = measures(&out);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].name, "コミュニティ活動団体の支援");
        assert_eq!(m[1].content.as_deref(), Some("場を提供します。事業を支援します。"));
        assert_eq!((out[1].0, out[1].1), (7, 10));
    }

    #[test]
    fn plan_rows_wrap_and_take_their_area() {
        let text = "1.行政サービス改革:23 計画\n2.財政改革:10 計画\n≪改革分野≫\n計画名 実行課 開始 終了\n9 コンビニ交付の普及推進 市⺠課 R5\n\n5 より分かりやすく丁寧に!税金制度への理解と信頼につなげ\nます 課税課 R5\n≪改革分野≫\n計 画 名 実 ⾏ 課 開始 終了\n２ ふるさと納税の推進 広報課 R5";
        let out = run(text, plan_rows);
        let m = measures(&out);
        assert_eq!(m.len(), 3);
        assert_eq!((m[0].name.as_str(), m[0].departments[0].as_str()), ("コンビニ交付の普及推進", "市民課"));
        assert_eq!(m[0].area.as_deref(), Some("行政サービス改革"));
        assert_eq!(m[1].name, "より分かりやすく丁寧に!税金制度への理解と信頼につなげます");
        assert_eq!((out[1].0, out[1].1), (7, 8));
        assert_eq!((m[2].area.as_deref(), m[2].departments[0].as_str()), (Some("財政改革"), "広報課"));
    }

    #[test]
    fn counts_stated_and_listed() {
        let out = run("4.計画数\n\nR5年度:50 計画\n3.財政改革:10 計画", stated_counts);
        let labels: Vec<_> = out
            .iter()
            .map(|(_, _, b)| if let Body::Count(c) = b { (c.label.clone(), c.value) } else { unreachable!() })
            .collect();
        assert_eq!(labels, [("計画数(R5年度)".to_string(), 50), ("財政改革".to_string(), 10)]);

        let out = run(
            "第7章 政策連携プラン\n\n1. 塙保己一プラン\n2. 本庄版ネウボラプラン\n3. にぎわいプラン\n\n本文",
            numbered_lists,
        );
        let Body::Count(c) = &out[0].2 else { panic!() };
        assert_eq!((c.label.as_str(), c.value, c.items[1].as_str()), ("政策連携プラン", 3, "本庄版ネウボラプラン"));
    }

    #[test]
    fn departments_and_projects() {
        let out = run("主管課:税務課・収納管理室\n\n関連課:全 課", responsibilities);
        let Body::Responsibility(r) = &out[0].2 else { panic!() };
        assert_eq!(r.departments, ["税務課", "収納管理室"]);
        let Body::Responsibility(r) = &out[1].2 else { panic!() };
        assert_eq!(r.departments, ["全課"]);

        let out = run("◆主な事業\n\n財政管理費運営費/財産管理費運営費\n/集約駐車場管理事業\n\n◆個別計画\n\n公共施設等総合管理計画", listed_projects);
        assert_eq!(
            measures(&out).iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
            ["財政管理費運営費", "財産管理費運営費", "集約駐車場管理事業"]
        );
        assert!(matches!(&out[3].2, Body::Plan(p) if p.name == "公共施設等総合管理計画"));
        // The list is the paragraph under its heading: a table after it is no list of projects.
        let out = run(
            "主な事業\n\n道路改良事業／橋りょう補修事業\n\n| 指標 | 現状 | 目標 |\n| 舗装率 | 80% | 90% |",
            listed_projects,
        );
        assert_eq!(
            measures(&out).iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
            ["道路改良事業", "橋りょう補修事業"]
        );
    }

    #[test]
    fn a_row_that_never_completes_swallows_nothing() {
        // Issue 8, defect 1: after a 計画名 実行課 header, a line that starts with a number but is
        // no complete row took every following line into one ever-growing row (quadratic, and a
        // measure of 20,000 lines when a row finally completed).
        let mut text = String::from("計画名 実行課\n1 窓口サービスの見直し\n");
        for i in 0..20_000 {
            text.push_str(&format!("市民サービスの向上に向けた取組を進めます{i}\n"));
        }
        text.push_str("市民課 R5\n");
        let source = super::super::Source {
            file: "x.txt".into(),
            municipality: None,
            title: "x".into(),
            edition: None,
            period: None,
        };
        let records = super::super::parse(&text, &source);
        assert!(records.len() > 100, "the lines are still read, as passages");
        for r in &records {
            assert!(r.line_end - r.line <= 30, "record spans lines {}..{}", r.line, r.line_end);
            assert!(r.quote.chars().count() <= 2_000, "quote of {} characters", r.quote.chars().count());
            assert!(r.body.name().chars().count() <= 200, "name of {} characters", r.body.name().chars().count());
        }
    }

    #[test]
    fn departments_after_items_in_every_form() {
        let out = run_with(
            "(1) 地域防災計画の見直し(危機管理課)\n①自主防災組織の育成(危機管理課・消防総務課)\n主な取組 (1)LED照明の導入【営繕課】 (2)蓄電池の設置補助【環境政策課】\n・料理教室の開催\n 担当課:健康推進課\n(2) 累計の推移(再掲)\n・相談会の開催(担当:高齢福祉課)\n1) 窓口の改善\n【担当課】市民課",
        );
        assert_eq!(
            named(&out),
            [
                ("地域防災計画の見直し", vec!["危機管理課"]),
                ("自主防災組織の育成", vec!["危機管理課", "消防総務課"]),
                ("LED照明の導入", vec!["営繕課"]),
                ("蓄電池の設置補助", vec!["環境政策課"]),
                ("料理教室の開催", vec!["健康推進課"]),
                ("相談会の開催", vec!["高齢福祉課"]),
                ("窓口の改善", vec!["市民課"]),
            ]
        );
        assert_eq!((out[4].0, out[4].1), (4, 5));
    }

    fn run_with(text: &str) -> Out {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        with_departments(&doc, &Vocabulary::built_in(), &mut out);
        out
    }

    #[test]
    fn satisfaction_on_one_line_or_several() {
        let out = run("### 【施策に係る市民満足度:「電子自治体の推進」18.8%】", satisfaction);
        let Body::Satisfaction(s) = &out[0].2 else { panic!() };
        assert_eq!((s.item.as_str(), s.value.display()), ("電子自治体の推進", "18.8%".to_string()));

        let out =
            run("施策に係る市民満足度\n\n市の情報発信が充実し、\nまちづくりへの参加機会がある\n\n30.4%", satisfaction);
        let Body::Satisfaction(s) = &out[0].2 else { panic!() };
        assert_eq!(s.item, "市の情報発信が充実し、まちづくりへの参加機会がある");
        assert_eq!((out[0].0, out[0].1), (1, 6));
    }

    #[test]
    fn an_item_with_its_department_labelled_on_the_line() {
        let text = "（２）その対策\nア　空き家の改修費を補助する。　担当：定住推進課\nイ　農産物直売所の運営を支援する　担当：農林課・商工会\nウ　雪下ろしの担い手を育てる。";
        let out = run_with(text);
        let m = measures(&out);
        assert_eq!(m.len(), 2);
        assert_eq!((out[0].0, m[0].name.as_str()), (2, "空き家の改修費を補助する"));
        assert_eq!(m[0].departments, ["定住推進課"]);
        assert_eq!(m[1].departments, ["農林課", "商工会"]);
    }

    #[test]
    fn a_department_label_in_brackets_of_any_form() {
        let text = "・朝市の開催　《担当課》商工振興課\n・防犯灯のＬＥＤ化　〔所管課〕防災安全課、道路維持課\n・花壇の整備　〈担当〉公園緑地課\n・古紙回収の拡大　［担当部署］清掃センター\n・市民農園の貸出　【担当課】農政課\n・図書館の開館時間　《担当課》検討中です。";
        let out = run_with(text);
        assert_eq!(
            named(&out),
            [
                ("朝市の開催", vec!["商工振興課"]),
                ("防犯灯のLED化", vec!["防災安全課", "道路維持課"]),
                ("花壇の整備", vec!["公園緑地課"]),
                ("古紙回収の拡大", vec!["清掃センター"]),
                ("市民農園の貸出", vec!["農政課"]),
            ]
        );
    }

    #[test]
    fn a_labelled_list_of_projects_each_with_its_department() {
        let text = "　主な事業：ふるさと納税の返礼品開発（産業振興課）、道の駅の改修（建設課・観光協議会）\n主な事業：雪まつりの開催\n目標：交流人口の拡大（企画課）";
        let out = run_with(text);
        let m = measures(&out);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!((m[0].name.as_str(), m[0].category.as_str()), ("ふるさと納税の返礼品開発", "主な事業"));
        assert_eq!(m[1].departments, ["建設課", "観光協議会"]);
        assert!(out.iter().all(|o| o.0 == 1));
    }

    #[test]
    fn items_with_no_mark_and_tags_after_their_department() {
        let text = "図書館の開館時間の延長【生涯学習課】\n・空き家バンクの運営（担当部署：都市整備部）　★\n・ごみ分別アプリの配信（再掲）\n　対象者に通知します。\n　（主管課：清掃センター）\n市民活動団体への助成。団体と連携します　【推進主体】市民協働推進課\n・バス路線の再編（市北部）";
        assert_eq!(
            named(&run_with(text)),
            [
                ("図書館の開館時間の延長", vec!["生涯学習課"]),
                ("空き家バンクの運営", vec!["都市整備部"]),
                ("ごみ分別アプリの配信(再掲)", vec!["清掃センター"]),
                ("市民活動団体への助成", vec!["市民協働推進課"]),
            ]
        );
    }

    #[test]
    fn a_table_of_measures_grouped_under_department_rows() {
        let text = "| 事業名 | 内容 | 区分 |\n|---|---|---|\n| 【こども家庭課】 |  |  |\n| 相談会の開催 | 年２回開く | 新規 |\n| 学習支援 | 中学生が対象 | 継続 |\n| 【建設課】 |  |  |\n| 町営住宅の優先入居 | 当選確率を２倍にする | 継続 |\n\n| 項目 | 値 |\n| 【参考】 |  |\n| 人口 | 1万人 |";
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        grouped_by_department(&doc, &Vocabulary::built_in(), &mut out);
        assert_eq!(
            named(&out),
            [
                ("相談会の開催", vec!["こども家庭課"]),
                ("学習支援", vec!["こども家庭課"]),
                ("町営住宅の優先入居", vec!["建設課"]),
            ]
        );
        assert_eq!(out[2].0, 7);
        let Body::Measure(m) = &out[0].2 else { panic!() };
        assert_eq!(m.content.as_deref(), Some("年2回開く"));
    }

    #[test]
    fn a_card_titled_by_a_measure_word_and_its_number() {
        let text = "施策５　小水力発電の導入検討\n　区分：□新規　☑継続\n　内容：農業用水路の２地点で可能性調査を行います。\n　実施主体：市（農林課）、土地改良区\n\n施策の体系\n　施策１から施策６まで";
        assert_eq!(named(&run_with(text)), [("小水力発電の導入検討", vec!["農林課", "土地改良区"])]);
    }

    #[test]
    fn a_card_titled_by_the_word_of_a_measure_label_and_its_body_in_charge() {
        // 事業 (of 事業名) and its number; the section in charge labelled inside the body's bracket.
        let text = "事業１　常設展示の多言語化\n　実施主体：市立歴史博物館（担当課：文化振興課）\n　内容：解説を英語に対応させます。\n事務事業２　町家の改修への補助\n　実施主体：市（都市計画課、文化振興課）";
        assert_eq!(
            named(&run_with(text)),
            [("常設展示の多言語化", vec!["文化振興課"]), ("町家の改修への補助", vec!["都市計画課", "文化振興課"])]
        );
    }

    #[test]
    fn a_content_label_and_a_space_under_the_department_line() {
        let text = "事業番号 3-1-01　こども園整備事業\n担当課　こども教育課\n事業概要　二つの保育所を統合し、認定こども園を整備する。\n事業費（千円）　Ｒ８：148,000";
        let out = run_with(text);
        let m = measures(&out);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].content.as_deref(), Some("二つの保育所を統合し、認定こども園を整備する。"));
    }

    #[test]
    fn a_department_label_in_tortoise_shell_brackets_under_each_item() {
        // 「〔担当〕」 closes each item's outline, as 【担当】 does.
        let text = "施策１　浴場の経営の安定\n　◇設備改修費の補助\n　　ボイラーの改修費を補助します。\n　　〔担当〕生活衛生課\n　◇燃料費の高騰への支援金\n　　燃料費の一部を支援します。\n　　〔担当〕生活衛生課、商工振興課";
        let out = run_with(text);
        let got: Vec<(&str, Vec<&str>)> = measures(&out)
            .iter()
            .map(|m| (m.name.as_str(), m.departments.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [("設備改修費の補助", vec!["生活衛生課"]), ("燃料費の高騰への支援金", vec!["生活衛生課", "商工振興課"])]
        );
        // A bullet that states a target is no item the department line closes.
        let text = "（５）働きやすい職場づくり\n　次の目標を掲げます。\n　・男性職員の育児休業取得率　現状 46.2％（R5）→ 目標 85％（R11）\n　〔所管〕人事課";
        let out = run_with(text);
        assert!(measures(&out).iter().all(|m| !m.name.contains("育児休業取得率")), "{:?}", measures(&out));
    }

    #[test]
    fn a_numbered_item_with_its_outline_and_its_department_under_it() {
        // 「取組番号２－①」: a number word and a number in parts; the sentence between the item and
        // its department line is what the item does.
        let text = "取組番号２－①　窓口の一本化\n　総合窓口を本庁舎１階に設けます。\n　所管課：市民課\n\n取組番号２－②　書かない窓口\n　所管課：市民課\n　取組内容：申請書を窓口で作ります。\n\n（１）空き店舗の活用\n　商店街の空き店舗に出店する人の改装費を補助します。\n　担当：商工課";
        let out = run_with(text);
        assert_eq!(
            named(&out),
            [("窓口の一本化", vec!["市民課"]), ("書かない窓口", vec!["市民課"]), ("空き店舗の活用", vec!["商工課"])]
        );
        // 「取組１－３」: a measure word that heads no page, and a number in parts.
        let card = "取組１－３　ふるさと納税の推進\n　所管課：シティプロモーション課\n　内容：返礼品を拡充します。";
        assert_eq!(named(&run_with(card)), [("ふるさと納税の推進", vec!["シティプロモーション課"])]);
        // 「施策１－１」 heads a 施策's page: its 主管課 is the page's, no item's.
        assert!(measures(&run_with("施策１－１　防災体制の充実\n\n主管課：危機管理課\n関係課：消防総務課")).is_empty());
        let contents: Vec<Option<&str>> = measures(&out).iter().map(|m| m.content.as_deref()).collect();
        assert_eq!(
            contents,
            [
                Some("総合窓口を本庁舎1階に設けます。"),
                // A content label right under the department line says what the item does too.
                Some("申請書を窓口で作ります。"),
                Some("商店街の空き店舗に出店する人の改装費を補助します。")
            ]
        );
    }

    #[test]
    fn sentences_that_say_what_is_done_with_their_department_after_them() {
        let text = "ごみ出しの支援\n高齢者のごみを戸別に収集します（令和８年度から）。（清掃課）\n自治会の集積所の改修費を補助します。（環境政策課、清掃課）\n\n本市の人口は減っています。詳しくは次のとおりです。（企画課）";
        assert_eq!(
            named(&run_with(text)),
            [
                ("高齢者のごみを戸別に収集します(令和8年度から)", vec!["清掃課"]),
                ("自治会の集積所の改修費を補助します", vec!["環境政策課", "清掃課"]),
            ]
        );
    }

    #[test]
    fn a_title_or_a_chart_over_a_department_label_is_no_measure() {
        // A section's title with its 主管課 under it, a blank line between; a chart's boxes
        // (「実行課 （自己評価）」); a label alone on its line with its value under it.
        let text = "【施策 6-1】\n\n参加と協働のまちづくりを推進します\n\n主管課：企画課\n\n推進本部 （審議）\n実行課 （自己評価）\n事業名\n障がい者相談支援事業\n担当課\n障がい福祉課";
        assert_eq!(named(&run_with(text)), []);
    }
}
