//! Who does a measure, where a plan says it apart from the measure's own line: a 所管：/担当：
//! item of a nested list under the measure's item, a 〔所管〕 line that closes the paragraph of a
//! numbered item, and a matrix of responsibilities (the measures down the side, the departments
//! across the top, ◎ where a department is in charge).
//!
//! A legend of abbreviations (「担当の略称：環＝環境政策課　清＝清掃事務所」) next to a table
//! whose 担当 cells hold the abbreviations (「環・清」) gives their departments their names.
//!
//! The passes look only at lines of their shape (a department label and names with department
//! endings; a header row of department names), and give no second record of a measure another
//! pass already read.

use once_cell::sync::Lazy;
use regex::Regex;

use super::record::{Body, Legend, Measure};
use super::roles::{Role, Vocabulary};
use super::structure::is_level_heading;
use super::Doc;

type Out = Vec<(usize, usize, Body)>;

/// A list item's mark at the head of a line: 「- 」「* 」「+ 」「・」.
static LIST_MARK: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(?:[-*+]\s+|・\s*)").unwrap());

/// The mark of a numbered item that starts a paragraph: (1), (ア), 1., ア ….
static NUMBERED: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?:\(\d{1,2}\)|\([ア-ン]\)|\d{1,2}[.)]\s*|[ア-ン][.)]?\s)").unwrap());

/// A bullet's mark at the head of a paragraph: ■ ◆ ● ○ ☑ ★ ・ ….
static BULLET: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[■□◆◇●○◎☑★・]\s*").unwrap());

/// 「所管：都市計画課、建築指導課」, 「〔所管〕行政経営課」: a department label of the vocabulary
/// (after a colon or in brackets) and the departments, nothing else.
static LABELLED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[〔【\[(<《〈≪]([^〕】\])>》〉≫]{1,8})[〕】\])>》〉≫]|([^:\s]{1,8}):)\s*(\S.*)$").unwrap()
});

/// Most lines between a measure's item and its department line.
const MAX_BELOW: usize = 8;

/// Longest description of a measure kept with it.
const MAX_CONTENT: usize = 200;

/// A department line: the label and the departments it names.
fn department_line(vocabulary: &Vocabulary, text: &str) -> Option<(String, Vec<String>)> {
    // 「〔担当：建設課（道路維持係）、総務課（財政係）〕」: the label and its departments in one bracket.
    if let Some(inner) = whole_bracket(text).filter(|i| i.contains(':')) {
        return department_line(vocabulary, inner);
    }
    let c = LABELLED.captures(text)?;
    let label = c.get(1).or(c.get(2))?.as_str();
    if !vocabulary.exact_label(label).is_some_and(|l| l.role == Role::Department) {
        // 「〈推進方針〉【都市計画課・建築指導課】」: a heading's label, then departments alone in
        // a bracket of their own.
        let inner = whole_bracket(&c[3])?;
        let parts = super::tables::split_departments(inner);
        // (Not the header of a column of them: 「【主な取組】　〔担当課〕」.)
        let all = !parts.is_empty()
            && parts.iter().all(|p| vocabulary.names_department(p) && vocabulary.exact_label(p).is_none());
        return all.then(|| ("担当".to_string(), parts));
    }
    let departments = vocabulary.departments_in(c[3].trim_end_matches('。'))?;
    Some((label.to_string(), departments))
}

/// What a line that is one bracket holds: 「〔担当：総務課〕」 → 「担当：総務課」.
pub(super) fn whole_bracket(text: &str) -> Option<&str> {
    const PAIRS: [(char, char); 7] =
        [('〔', '〕'), ('【', '】'), ('[', ']'), ('(', ')'), ('<', '>'), ('〈', '〉'), ('《', '》')];
    let text = text.trim();
    let (open, close) = PAIRS.iter().find(|(open, _)| text.starts_with(*open))?;
    let inner = text.strip_prefix(*open)?.strip_suffix(*close)?;
    // (Not two brackets: 「【所管】総務課【新規】」.)
    (!inner.contains(*close)).then_some(inner.trim())
}

/// Where a line's text starts on the raw line (its indentation), in display columns.
fn indent(doc: &Doc, at: usize) -> usize {
    doc.lines[at].starts.first().copied().unwrap_or(0)
}

/// Measures with their department on a line below them (see the module's doc).
pub fn below_items(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    for (at, line) in doc.lines.iter().enumerate() {
        let text = line.text.trim();
        // Most lines hold no department label: look further only at a colon or a bracket.
        if !text.contains([':', '〕', '】', ']', ')']) {
            continue;
        }
        let listed = LIST_MARK.find(text);
        let rest = listed.map_or(text, |m| &text[m.end()..]);
        let Some((label, departments)) = department_line(vocabulary, rest) else { continue };
        let item = if listed.is_some() { parent_item(doc, at) } else { paragraph_item(doc, at) };
        let Some((item_at, name)) = item else { continue };
        let item_no = doc.lines[item_at].no;
        let known = out.iter().any(|(a, b, body)| matches!(body, Body::Measure(_)) && (*a == item_no || *b == line.no));
        if known || name.chars().count() < 2 || vocabulary.exact_label(&name).is_some() {
            continue;
        }
        // A name wrapped onto lines indented under its own (「（イ）…宅配サービスを始め」 /
        // 「　　ます。」), cut at the right margin, goes on there, to the end of its sentence.
        let mut name = name;
        let mut from = item_at + 1;
        while from < at
            && !name.ends_with('。')
            && indent(doc, from) > indent(doc, item_at)
            && super::measures::fills_its_line(doc, from - 1)
        {
            name.push_str(doc.lines[from].text.trim());
            from += 1;
        }
        let content: String = doc.lines[from..at]
            .iter()
            .map(|l| LIST_MARK.replace(l.text.trim(), "").into_owned())
            .collect::<String>()
            .chars()
            .take(MAX_CONTENT)
            .collect();
        let measure = Measure {
            category: "主な取組".to_string(),
            number: None,
            name,
            content: (!content.is_empty()).then_some(content),
            department_role: Some(label),
            departments,
            area: None,
            start: None,
            legend: None,
        };
        out.push((item_no, line.no, Body::Measure(measure)));
    }
}

/// Department lines that head the list under them (「【所管】総務課管財係」 / 「・旧第二小学校の利活用」
/// / 「・村営住宅の集約」 / 「【所管】総務課総務係」 / 「・…」): each item right under such a line
/// is its department's. A document heads its lists so when a department line after a blank line
/// (or at the start of a block) has items right under it; from then on, each department line
/// followed by items heads them, though items stand right above it too. A department line that
/// closes the paragraph above it (「・…」 / 「〔所管〕…」 / blank) is left to [`below_items`].
pub fn heading_lines(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let lines = &doc.lines;
    let listed = |l: &&super::Line| is_headed_item(l.text.trim());
    let item = |at: usize| lines.get(at).is_some_and(|l| listed(&l));
    let mut heads = false;
    for (at, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        // A blank line ends the lists a department line headed: the next must head its own.
        if text.is_empty() || at > 0 && lines[at - 1].no + 1 != line.no {
            heads = false;
        }
        if LIST_MARK.is_match(text) || !text.contains(['】', '〕', ']', ')']) {
            continue;
        }
        let Some((role, departments)) = department_line(vocabulary, text) else { continue };
        let after_a_gap = at == 0 || lines[at - 1].text.trim().is_empty() || lines[at - 1].no + 1 != line.no;
        // (Or under a heading with no item between: 「５　対策の方針と主な取組」 / 「〔担当：建設課〕」 /
        // 「(1) …」: no item above in its paragraph that the line could close.)
        let paragraph = lines[..at].iter().rev().take_while(|l| !l.text.trim().is_empty());
        let first_of_its_list = at > 0 && !after_a_gap && paragraph.clone().all(|l| !listed(&l));
        heads |= (after_a_gap || first_of_its_list) && item(at + 1);
        if !heads || !item(at + 1) {
            continue;
        }
        for below in lines[at + 1..].iter().take_while(listed) {
            let name = headed_item_name(below.text.trim());
            // (An item with its own departments in brackets is theirs: measures::with_departments.)
            let own = super::measures::bracketed(&name, vocabulary).is_some();
            if name.chars().count() < 2 || own || measure_covers(out, below.no) {
                continue;
            }
            let legend = Legend { line: line.no, line_end: line.no, quote: text.to_string() };
            let m = Measure {
                category: "主な取組".to_string(),
                legend: Some(legend),
                ..super::measures::measure(name, Some(role.clone()), departments.clone())
            };
            out.push((below.no, below.no, Body::Measure(m)));
        }
    }
}

/// Longest heading in brackets (【現状と課題】) that closes a list.
const MAX_LABEL: usize = 12;

/// Longest line read as a numbered heading.
const MAX_HEADING: usize = 30;

/// Most lines from a sheet's title, where its department is labelled, down to its list of work.
const MAX_SHEET: usize = 30;

/// Evaluation sheets that label their department on the title line (「【評価シート】 施策３ …
/// 担当課：定住促進課」) and list the sheet's work under a measure label (「主な取組」 then
/// 「・…」 lines): each item of the list is that department's. Items another pass read are left.
pub fn sheet_lists(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let lines = &doc.lines;
    for (at, line) in lines.iter().enumerate() {
        let label = vocabulary.exact_label(line.text.trim());
        if !label.is_some_and(|l| l.role == Role::Measure) {
            continue;
        }
        // The department on the nearest line above that ends in a department label.
        let title = lines[at.saturating_sub(MAX_SHEET)..at].iter().rev().find_map(|l| {
            let last = l.text.trim().rsplit(' ').next()?;
            department_line(vocabulary, last).filter(|_| l.text.trim() != last)
        });
        let Some((role, departments)) = title else { continue };
        for item in lines[at + 1..].iter().take_while(|l| is_item(l.text.trim())) {
            let text = item.text.trim();
            let name = item_name(text);
            if measure_covers(out, item.no) || name.chars().count() < 2 {
                continue;
            }
            let measure = Measure {
                category: line.text.trim().to_string(),
                number: None,
                name,
                content: None,
                department_role: Some(role.clone()),
                departments: departments.clone(),
                area: None,
                start: None,
                legend: None,
            };
            out.push((item.no, item.no, Body::Measure(measure)));
        }
    }
}

/// A numbered heading with its department on the line under it (「推進項目１　市民サービスのデジタル化」
/// / 「【所管】デジタル推進課／市民課」): the heading is a measure of that department, and so is
/// each list item under a label of what is done (【取組内容】, 主な取組), or right under the
/// department line, in its section, up to the next heading or the next department line. Items
/// another pass read are left.
pub fn headed_sections(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let lines = &doc.lines;
    let measure = |category: &str, number: Option<String>, name: String, role: &str, departments: &[String]| Measure {
        category: category.to_string(),
        number,
        ..super::measures::measure(name, Some(role.to_string()), departments.to_vec())
    };
    // A heading: of a level (施策３), or an item numbered in brackets (「（１）日常の療養支援」).
    let heading = |text: &str| {
        is_level_heading(vocabulary, text)
            || NUMBERED.is_match(text) && text.chars().count() <= MAX_HEADING && !text.contains('。')
    };
    for (at, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        if !heading(text) {
            continue;
        }
        let Some(next) = lines.get(at + 1) else { continue };
        let Some((role, departments)) = department_line(vocabulary, next.text.trim()) else { continue };
        // (A numbered item is no section of the document: its name is its line's.)
        let (number, title) = match is_level_heading(vocabulary, text) {
            true => {
                let section = doc.section_at_line(line.no);
                (section.number.clone(), section.title.clone())
            }
            false => (None, NUMBERED.replace(text, "").trim().to_string()),
        };
        // The heading's measure: read here, or by a pass before.
        let mut heading_at = measure_at(out, line.no);
        if !title.is_empty() && heading_at.is_none() {
            let heading = measure("", number, title, &role, &departments);
            out.push((line.no, next.no, Body::Measure(heading)));
            heading_at = Some(out.len() - 1);
        }
        // What the heading's listed work says is what the heading does (「（２）生ごみの分別収集と
        // 堆肥化」: 「・…全24地区に広げる」「・…直売所で販売する」).
        let mut work: Vec<String> = Vec::new();
        // Whether the lines are under a label of what is done, and that label. Items right
        // under the department line, before any label, are the heading's work.
        let (mut listing, mut category) = (true, "");
        for item in lines.iter().skip(at + 2).take(MAX_SHEET) {
            let text = item.text.trim();
            if heading(text) || department_line(vocabulary, text).is_some() {
                break;
            }
            // 「【取組内容】」「主な取組」 alone on a line start the list; another label ends it.
            let label = text.trim_start_matches(['【', '[', '〔']).trim_end_matches(['】', ']', '〕']);
            if let Some(l) = vocabulary.exact_label(label).filter(|_| label != text || !LIST_MARK.is_match(text)) {
                listing = matches!(l.role, Role::Measure | Role::Content);
                category = label;
                continue;
            }
            // 「【現状と課題】」: a heading in brackets of no known label ends the list too.
            let lenticular = text.starts_with(['【', '[', '〔']) && text.ends_with(['】', ']', '〕']);
            if lenticular && label.chars().count() <= MAX_LABEL {
                listing = false;
                continue;
            }
            let listed = is_item(text);
            if !listing || !listed || measure_covers(out, item.no) {
                continue;
            }
            let name = item_name(text);
            if name.chars().count() >= 2 {
                work.push(name.clone());
                // The department line stands apart from the item: an answer cites it beside.
                let named = Legend { line: next.no, line_end: next.no, quote: next.text.trim().to_string() };
                let item_measure =
                    Measure { legend: Some(named), ..measure(category, None, name, &role, &departments) };
                out.push((item.no, item.no, Body::Measure(item_measure)));
            }
        }
        if let Some((_, _, Body::Measure(m))) = heading_at.and_then(|k| out.get_mut(k)) {
            if !work.is_empty() && m.content.is_none() {
                m.content = Some(work.join("。").chars().take(MAX_CONTENT).collect());
            }
        }
    }
}

/// Whether a line's text is a list item (「- 」「・」) or a bullet (■ ◆ ● …).
fn is_item(text: &str) -> bool {
    LIST_MARK.is_match(text) || BULLET.is_match(text)
}

/// A list item's or a bullet's text without its mark.
fn item_name(text: &str) -> String {
    BULLET.replace(&LIST_MARK.replace(text, ""), "").trim().to_string()
}

/// Whether a line's text is an item of a list a department line heads: a list item, a bullet,
/// or a numbered item (「(1) …」「1. …」).
fn is_headed_item(text: &str) -> bool {
    is_item(text) || NUMBERED.is_match(text)
}

/// A headed item's text without its mark.
fn headed_item_name(text: &str) -> String {
    NUMBERED.replace(&item_name(text), "").trim().to_string()
}

/// Whether a measure another pass read stands on line `no`.
pub(super) fn measure_covers(out: &Out, no: usize) -> bool {
    measure_at(out, no).is_some()
}

/// Where in `out` the first measure that stands on line `no` is.
fn measure_at(out: &Out, no: usize) -> Option<usize> {
    out.iter().position(|(a, b, body)| matches!(body, Body::Measure(_)) && *a <= no && no <= *b)
}

/// One entry of a department line keyed by item numbers: a department and the numbers of its
/// items (「子育て支援課:2-01、2-02、2-03」).
static NUMBERED_ENTRY: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(\S+?):\s*(\d[\dA-Za-z-]*(?:[、,・]\s*\d[\dA-Za-z-]*)*)").unwrap());

/// Departments with their item numbers.
type Owners = Vec<(String, Vec<String>)>;

/// The entries of a line that is nothing but departments each followed by item numbers, after a
/// department label in brackets or none (a line continuing the one above), and whether the label
/// was there.
fn numbered_entries(vocabulary: &Vocabulary, text: &str) -> Option<(bool, Owners)> {
    let mut rest = text.trim();
    let labelled = LABELLED.captures(rest).filter(|c| c.get(1).is_some());
    if let Some(c) = &labelled {
        let label = c.get(1)?.as_str();
        vocabulary.exact_label(label).filter(|l| l.role == Role::Department)?;
        rest = c.get(3)?.as_str();
    }
    let mut entries = Vec::new();
    let mut end = 0;
    for c in NUMBERED_ENTRY.captures_iter(rest) {
        let whole = c.get(0)?;
        if !rest[end..whole.start()].trim().is_empty() || !vocabulary.is_department(&c[1]) {
            return None;
        }
        end = whole.end();
        let numbers = c[2].split(['、', ',', '・']).map(|n| n.trim().to_string()).collect();
        entries.push((c[1].to_string(), numbers));
    }
    (rest[end..].trim().is_empty() && !entries.is_empty()).then_some((labelled.is_some(), entries))
}

/// A department line keyed by item numbers under a list of numbered items (「No. 事業名 …」 rows
/// 「2-01 出産・子育て応援給付金 …」, then 「【所管】子育て支援課：2-01、2-02　教育総務課：2-04」, its
/// entries going on over the lines under it): each item above whose number it names is a
/// measure of those departments. A note under it naming one of the numbers and a department
/// (「※ 2-04は子育て支援課と共管」) adds that department. Answers cite the department line.
pub fn numbered_owners(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let lines = &doc.lines;
    let mut at = 0;
    while at < lines.len() {
        let line = &lines[at];
        let Some((true, mut owners)) = numbered_entries(vocabulary, &line.text) else {
            at += 1;
            continue;
        };
        let mut last = at;
        for next in lines.iter().skip(at + 1).take(MAX_BELOW) {
            let text = next.text.trim();
            if let Some((_, more)) = numbered_entries(vocabulary, text) {
                owners.extend(more);
            } else {
                // A note (its ※ the reader took off) naming a number, then a department after its
                // は (「2-04は子育て支援課と共管」).
                let note = text.trim_start_matches(['※', ' ']);
                let mut numbers = owners.iter().flat_map(|(_, ns)| ns);
                let Some((number, after)) = numbers.find_map(|n| note.strip_prefix(n.as_str()).map(|a| (n, a))) else {
                    break;
                };
                let after = after.trim_start().trim_start_matches('は');
                let also = after.split(['と', 'が', 'も', '、', ' ']).next().filter(|d| vocabulary.is_department(d));
                let Some(also) = also else { break };
                owners.push((also.to_string(), vec![number.clone()]));
            }
            last = next.no - 1;
        }
        let cited = Legend {
            line: line.no,
            line_end: lines[last].no,
            quote: lines[at..=last].iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" "),
        };
        // The items: numbered rows above, up to a heading or another department line.
        for item in lines[at.saturating_sub(MAX_SHEET)..at].iter().rev() {
            let text = item.text.trim();
            if is_level_heading(vocabulary, text) || numbered_entries(vocabulary, text).is_some() {
                break;
            }
            let (Some(number), Some(name)) = (item.cells.first(), item.cells.get(1)) else { continue };
            let mut departments: Vec<String> = Vec::new();
            for (department, _) in owners.iter().filter(|(_, ns)| ns.contains(number)) {
                if !departments.contains(department) {
                    departments.push(department.clone());
                }
            }
            if departments.is_empty() || measure_covers(out, item.no) || name.chars().count() < 2 {
                continue;
            }
            let measure = Measure {
                category: "事業".to_string(),
                number: Some(number.clone()),
                legend: Some(cited.clone()),
                ..super::measures::measure(name.clone(), Some("所管".to_string()), departments)
            };
            out.push((item.no, item.no, Body::Measure(measure)));
        }
        at = last + 1;
    }
}

/// The item a list item belongs to: the nearest line above it that stands less indented and is
/// itself a list item.
fn parent_item(doc: &Doc, at: usize) -> Option<(usize, String)> {
    let own = indent(doc, at);
    let above = (at.saturating_sub(MAX_BELOW)..at).rev().find(|&k| {
        let text = doc.lines[k].text.trim();
        !text.is_empty() && indent(doc, k) < own
    })?;
    let text = doc.lines[above].text.trim();
    // (A numbered item too: 「1. 空き家バンクへの登録の…」 / 「   - 担当：総務企画課」.)
    let mark = LIST_MARK.find(text).or_else(|| NUMBERED.find(text))?;
    Some((above, text[mark.end()..].trim().to_string()))
}

/// The item whose paragraph a line closes: the nearest line above in the paragraph that starts
/// with a number's mark (bullets under a numbered item are its details), else the paragraph's
/// first line when it starts with a bullet.
fn paragraph_item(doc: &Doc, at: usize) -> Option<(usize, String)> {
    let mut first = at;
    while first > 0 && at - first < MAX_BELOW && !doc.lines[first - 1].text.trim().is_empty() {
        first -= 1;
        let text = doc.lines[first].text.trim();
        if NUMBERED.is_match(text) {
            return Some((first, NUMBERED.replace(text, "").trim().to_string()));
        }
    }
    let text = doc.lines[first].text.trim();
    (first < at && BULLET.is_match(text)).then(|| (first, BULLET.replace(text, "").trim().to_string()))
}

/// Matrices of responsibility: a header row of a measure word (取組, 事業名 …) and two
/// department names or more, then rows of a measure and marks under the departments; a
/// department is in charge where its column holds one of the vocabulary's marks of the
/// department in charge (◎). Marks are put under the header name nearest them.
pub fn matrices(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let mut at = 0;
    while at < doc.lines.len() {
        at = match matrix_header(doc, vocabulary, at) {
            Some(columns) => matrix_rows(doc, vocabulary, at + 1, &columns, out),
            None => at + 1,
        };
    }
}

/// The departments of a matrix header at line `at`, with the display column each is centred on.
fn matrix_header(doc: &Doc, vocabulary: &Vocabulary, at: usize) -> Option<Vec<(String, usize)>> {
    let line = &doc.lines[at];
    if line.cells.len() < 3 || line.starts.len() != line.cells.len() {
        return None;
    }
    let first = vocabulary.exact_label(&line.cells[0])?;
    if !matches!(first.role, Role::Measure | Role::Name | Role::Content) {
        return None;
    }
    line.cells[1..]
        .iter()
        .zip(&line.starts[1..])
        .map(|(cell, start)| {
            let departments = vocabulary.departments_in(cell).filter(|d| d.len() == 1)?;
            Some((departments[0].clone(), start + super::normalize::width(cell) / 2))
        })
        .collect()
}

/// Reads the rows of a matrix from line `at`; returns the index after them.
fn matrix_rows(doc: &Doc, vocabulary: &Vocabulary, mut at: usize, columns: &[(String, usize)], out: &mut Out) -> usize {
    while let Some(line) = doc.lines.get(at) {
        let marks = |cell: &String| cell.chars().all(|c| !c.is_alphanumeric() && !c.is_whitespace());
        let row = line.cells.len() >= 2
            && line.starts.len() == line.cells.len()
            && !marks(&line.cells[0])
            && line.cells[1..].iter().all(marks);
        if !row {
            break;
        }
        let mut departments = Vec::new();
        for (cell, start) in line.cells[1..].iter().zip(&line.starts[1..]) {
            let centre = start + super::normalize::width(cell) / 2;
            let nearest = columns.iter().min_by_key(|(_, c)| c.abs_diff(centre));
            if let Some((department, _)) = nearest.filter(|_| vocabulary.primary_marks.contains(cell)) {
                departments.push(department.clone());
            }
        }
        if !departments.is_empty() {
            let measure = Measure {
                category: "主な取組".to_string(),
                number: None,
                name: line.cells[0].clone(),
                content: None,
                department_role: Some("主担当".to_string()),
                departments,
                area: None,
                start: None,
                legend: None,
            };
            out.push((line.no, line.no, Body::Measure(measure)));
        }
        at += 1;
    }
    at
}

/// One entry of a legend of abbreviations: 「環＝環境政策課」 (after NFKC 「環=環境政策課」), the
/// short form of one to four letters and a department.
static LEGEND_ENTRY: Lazy<Regex> = Lazy::new(|| Regex::new(r"^([^\s=:]{1,4})=(\S+)$").unwrap());

/// The entries of a legend line: an optional label ending in a colon (「担当の略称：」), then
/// two entries or more, or one after a label, each a short form and a department, and nothing
/// else on the line.
fn legend(vocabulary: &Vocabulary, text: &str) -> Option<Vec<(String, String)>> {
    let (label, entries) = legend_entries(vocabulary, text)?;
    // Departments for the most part: one entry may name a body the plan works with
    // (「会議所＝淀見商工会議所（連携）」).
    let departments = entries.iter().filter(|(_, long)| vocabulary.is_department(long)).count();
    let others = entries.len() - departments;
    (others <= departments / 2 && (departments >= 2 || (label && departments == 1))).then_some(entries)
}

/// A legend line's entries, and whether a label stood before them; every piece of the line must be
/// an entry.
fn legend_entries(vocabulary: &Vocabulary, text: &str) -> Option<(bool, Vec<(String, String)>)> {
    // 「【担当の略称】商振＝商工振興課　…」: the label in brackets.
    let bracketed = ["【", "[", "〔", "<"].iter().find_map(|open| {
        let rest = text.strip_prefix(open)?;
        let (label, rest) = rest.split_once(['】', ']', '〕', '>'])?;
        (!label.contains('=') && rest.contains('=')).then_some((Some(label), rest.trim_start()))
    });
    let (label, rest) = match text.split_once(':') {
        _ if bracketed.is_some() => bracketed?,
        Some((label, rest)) if !label.contains('=') => (Some(label), rest),
        // 「担当課の略称　行革＝行政経営課、…」: a label set apart by a space, not a colon.
        _ => match text.split_once(' ') {
            Some((label, rest)) if !label.contains('=') && rest.contains('=') => (Some(label), rest),
            _ => (None, text),
        },
    };
    let entries: Vec<(String, String)> = rest
        .split([' ', '、', ',', '/'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let c = LEGEND_ENTRY.captures(p)?;
            let (short, long) = (c[1].to_string(), c[2].trim_end_matches('。').to_string());
            // (A short form shaped like a department only as the tail of its name: 会議所.)
            (!vocabulary.is_department(&short) || long.contains(&short)).then_some((short, long))
        })
        .collect::<Option<_>>()?;
    (!entries.is_empty()).then_some((label.is_some(), entries))
}

/// The short forms every legend of the document defines (「Ａ＝商工振興課」 → 「A」): what a list may
/// write after its items in place of departments, for [`legends`] to name.
pub fn legend_shorts(doc: &Doc, vocabulary: &Vocabulary) -> Vec<String> {
    let mut shorts: Vec<String> = doc
        .lines
        .iter()
        .filter(|l| l.text.contains('='))
        .filter_map(|l| legend(vocabulary, l.text.trim()))
        .flatten()
        .map(|(short, _)| short)
        .collect();
    shorts.sort();
    shorts.dedup();
    shorts
}

/// Departments written as a legend's abbreviations get their names: every record from the
/// paragraph the legend stands in (the table it is written under or over) to the next legend
/// has its departments looked up (a legend over a 工程表 holds for each table of it below); the
/// lines of one paragraph are one legend, and a legend line itself is no record.
pub fn legends(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let blank = |k: usize| doc.lines[k].text.trim().is_empty();
    let paragraph = |at: usize| (0..at).rev().find(|&k| blank(k)).map_or(0, |k| k + 1);
    // Each legend: the index of its paragraph's first line, its entries and its lines.
    type Entries = Vec<(String, String)>;
    let mut found: Vec<(usize, Entries, Legend)> = Vec::new();
    for (at, line) in doc.lines.iter().enumerate() {
        let text = line.text.trim();
        if !text.contains('=') {
            continue;
        }
        // The next line of a legend may name only bodies the plan works with (「会議所＝…（連携）」).
        let goes_on = found.last().is_some_and(|(_, _, lines)| lines.line_end + 1 == line.no);
        let entries = legend(vocabulary, text)
            .or_else(|| goes_on.then(|| legend_entries(vocabulary, text).map(|(_, e)| e)).flatten());
        let Some(entries) = entries else { continue };
        out.retain(|(a, b, body)| !(*a == line.no && *b == line.no && matches!(body, Body::Measure(_))));
        let first = paragraph(at);
        match found.last_mut() {
            Some((from, known, lines)) if *from == first => {
                known.extend(entries);
                lines.line_end = line.no;
                lines.quote = format!("{} {text}", lines.quote);
            }
            _ => found.push((first, entries, Legend { line: line.no, line_end: line.no, quote: text.to_string() })),
        }
    }
    for (k, (first, entries, lines)) in found.iter().enumerate() {
        let from = doc.lines[*first].no;
        let to = found.get(k + 1).map_or(usize::MAX, |(next, _, _)| doc.lines[*next].no);
        let long_of = |short: &str| entries.iter().find(|(s, _)| s == short).map(|(_, long)| long.clone());
        let expand = |departments: &mut Vec<String>, legend: &mut Option<Legend>| {
            let mut expanded = Vec::new();
            for d in departments.iter() {
                // 「商振・会議所」: short forms in one cell, each of the legend.
                let parts: Vec<Option<String>> = d.split(['・', '、']).map(|p| long_of(p.trim())).collect();
                match parts.iter().all(Option::is_some) {
                    true => {
                        expanded.extend(parts.into_iter().flatten());
                        *legend = Some(lines.clone());
                    }
                    false => expanded.push(d.clone()),
                }
            }
            *departments = expanded;
        };
        for (a, _, body) in out.iter_mut() {
            if *a < from || *a >= to {
                continue;
            }
            match body {
                Body::Measure(m) => expand(&mut m.departments, &mut m.legend),
                Body::Indicator(i) => expand(&mut i.departments, &mut i.legend),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measures(text: &str, pass: fn(&Doc, &Vocabulary, &mut Out)) -> Vec<(usize, usize, String, Vec<String>)> {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        pass(&doc, &Vocabulary::built_in(), &mut out);
        out.into_iter()
            .filter_map(|(a, b, body)| match body {
                Body::Measure(m) => Some((a, b, m.name, m.departments)),
                _ => None,
            })
            .collect()
    }

    /// Department lines heading their lists, with the pass that reads department lines closing
    /// a list after it, as ingest runs them.
    fn both(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
        heading_lines(doc, vocabulary, out);
        crate::ingest::measures::with_departments(doc, vocabulary, out);
    }

    /// The passes that give items their departments, in the order ingest runs them.
    fn item_passes(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
        heading_lines(doc, vocabulary, out);
        super::super::measures::with_departments(doc, vocabulary, out);
        below_items(doc, vocabulary, out);
    }

    #[test]
    fn a_bracketed_department_line_under_a_heading_heads_the_numbered_items_below() {
        let text = [
            "５　対策の方針と主な取組",
            "〔担当：建設課（道路維持係）〕",
            "　(1) 横断歩道橋の塗装の塗り替え",
            "　(2) 中央横断歩道橋の撤去の検討（地元の自治会と協議）",
            "〔担当：建設課、総務課（財政係）〕",
            "　(3) 道路照明のＬＥＤ化",
        ]
        .join("\n");
        let mut found = measures(&text, item_passes);
        found.sort();
        let d = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            found,
            [
                (3, 3, "横断歩道橋の塗装の塗り替え".to_string(), d(&["建設課"])),
                (4, 4, "中央横断歩道橋の撤去の検討(地元の自治会と協議)".to_string(), d(&["建設課"])),
                (6, 6, "道路照明のLED化".to_string(), d(&["建設課", "総務課"])),
            ]
        );
    }

    #[test]
    fn a_department_line_closing_an_items_paragraph_heads_nothing_below() {
        // (1) / its outline / its department line / (2): the line is (1)'s, not (2)'s.
        let text = [
            "３　主な取組",
            "(1) 法面・路肩の対策",
            "落石防護柵と排水施設を優先して整えます。",
            "担当：産業振興課（林務係）、建設課",
            "(2) 点検の効率化",
            "ドローンを使って点検の費用を抑えます。",
            "担当：総務課（情報政策係）",
        ]
        .join("\n");
        let mut found = measures(&text, item_passes);
        found.sort();
        let names: Vec<(&str, Vec<String>)> = found.iter().map(|(_, _, n, d)| (n.as_str(), d.clone())).collect();
        assert_eq!(names[0].0, "法面・路肩の対策");
        assert!(names[0].1.iter().any(|d| d.starts_with("産業振興課")), "{names:?}");
        assert_eq!(names[1].0, "点検の効率化");
        assert!(names[1].1.iter().all(|d| d.starts_with("総務課")), "{names:?}");
    }

    #[test]
    fn a_numbered_item_with_its_department_on_a_bullet_under_it() {
        let text = "1. 空き家バンクへの登録の掘り起こし\n   - 担当：総務企画課\n2. 移住体験住宅の運営\n   - 担当：総務企画課、産業観光課";
        let mut found = measures(text, item_passes);
        found.sort();
        let d = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            found,
            [
                (1, 2, "空き家バンクへの登録の掘り起こし".to_string(), d(&["総務企画課"])),
                (3, 4, "移住体験住宅の運営".to_string(), d(&["総務企画課", "産業観光課"])),
            ]
        );
    }

    #[test]
    fn a_department_line_keyed_by_numbers_owns_the_numbered_items_above() {
        let text = [
            "No.    事業名                            区分    Ｒ８",
            "2-01   出産・子育て応援給付金            継続    9,600",
            "2-03   病児保育室の開設                  新規    21,000",
            "2-04   放課後児童クラブの施設整備        拡充    62,400",
            "",
            "【所管】子育て支援課：2-01、2-03　　教育総務課：2-04",
            "　　　　総務課企画係：2-05",
            "　　　　※ 2-04は子育て支援課と共管",
            "",
            "No.    指標名                                    目標値      現状値",
            "2-01   妊娠期からの面談の実施率（％）            100         92.3",
        ]
        .join("\n");
        let found = measures(&text, numbered_owners);
        let d = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            found,
            [
                // Read upwards from the department line; the indicator row below is none of its items.
                (4, 4, "放課後児童クラブの施設整備".to_string(), d(&["教育総務課", "子育て支援課"])),
                (3, 3, "病児保育室の開設".to_string(), d(&["子育て支援課"])),
                (2, 2, "出産・子育て応援給付金".to_string(), d(&["子育て支援課"])),
            ]
        );
    }

    #[test]
    fn a_headings_label_and_departments_alone_in_a_bracket_head_the_list_under_them() {
        let text = "1-1　住宅・建物の倒壊\n〈推進方針〉【都市計画課・建築指導課】\n　・木造住宅の耐震改修の補助の拡充\n　・ブロック塀等の撤去の補助\n\n【主な取組】　〔担当課〕\n　・認知症サポーター養成講座の開催";
        let got: Vec<(usize, String, Vec<String>)> =
            measures(text, both).into_iter().map(|(a, _, n, d)| (a, n, d)).collect();
        let both_departments = vec!["都市計画課".to_string(), "建築指導課".to_string()];
        assert_eq!(
            got,
            [
                (3, "木造住宅の耐震改修の補助の拡充".to_string(), both_departments.clone()),
                (4, "ブロック塀等の撤去の補助".to_string(), both_departments),
            ]
        );
    }

    #[test]
    fn department_lines_that_head_their_lists() {
        // Each 【所管】 line heads the items under it, though the second has items right above it
        // too; with the pass that reads department lines closing a list after it, as ingest runs.
        let text = "重点取組３\n\n【所管】総務課管財係\n　・旧第二小学校の利活用方針の決定\n　・村営住宅の集約\n【所管】総務課総務係\n　・人事評価制度の見直し\n\n本文です。";
        let got: Vec<(usize, String, Vec<String>)> =
            measures(text, both).into_iter().map(|(a, _, n, d)| (a, n, d)).collect();
        let own = |d: &str| vec![d.to_string()];
        assert_eq!(
            got,
            [
                (4, "旧第二小学校の利活用方針の決定".to_string(), own("総務課管財係")),
                (5, "村営住宅の集約".to_string(), own("総務課管財係")),
                (7, "人事評価制度の見直し".to_string(), own("総務課総務係")),
            ]
        );
        // A department line that closes the list above it (a blank line after it) heads nothing:
        // the items are its, read by the pass after.
        let text = "（１）採用の拡大\n　・障害者を対象とした職員採用選考\n　・ステップアップ雇用を導入する\n　【担当】総務課人事係\n\n（２）職場環境の整備\n　・相談員を選任する\n　【担当】総務課人事係、財産管理課";
        let got: Vec<(usize, Vec<String>)> = measures(text, both).into_iter().map(|(a, _, _, d)| (a, d)).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().take(2).all(|(_, d)| d == &own("総務課人事係")), "{got:?}");
        assert_eq!(got[2], (7, vec!["総務課人事係".to_string(), "財産管理課".to_string()]));
    }

    #[test]
    fn an_item_numbered_in_brackets_with_its_department_under_it_owns_the_items_below() {
        let text = "（１）日常の療養支援\n　【所管】長寿支援課、健康推進課\n　　・多職種研修会の開催（年４回）\n　　・在宅医療資源マップの更新\n　〈目標〉訪問診療を行う医療機関を、現在の22か所から26か所に増やします。\n\n（２）看取り\n　・所管のない取組";
        let found = measures(text, headed_sections);
        let got: Vec<(usize, &str)> = found.iter().map(|(a, _, n, _)| (*a, n.as_str())).collect();
        // The heading is named by its own line (no section of the document), and the items under
        // the next heading, which has no department line, are none of its.
        assert_eq!(got, [(1, "日常の療養支援"), (3, "多職種研修会の開催(年4回)"), (4, "在宅医療資源マップの更新")]);
        assert!(found.iter().all(|(_, _, _, d)| d == &["長寿支援課".to_string(), "健康推進課".to_string()]));
    }

    #[test]
    fn a_heading_with_its_department_under_it_owns_its_listed_work() {
        let text = [
            "推進項目１　市民サービスのデジタル化",
            "【所管】デジタル推進課／市民課",
            "【現状と課題】",
            "　・行政手続のオンライン化は86手続にとどまります。",
            "【取組内容】",
            "　・子育ての手続をスマートフォンで申請できるようにする。",
            "　・市民課の窓口に「書かない窓口」を導入する。",
            "【数値目標】",
            "　・オンライン申請が可能な手続の数　86手続（R6）→　200手続（R10）",
            "推進項目２　職員の働き方改革",
            "　・時間外勤務を減らす。",
        ]
        .join("\n");
        let found = measures(&text, headed_sections);
        let departments = vec!["デジタル推進課".to_string(), "市民課".to_string()];
        assert_eq!(
            found,
            [
                (1, 2, "市民サービスのデジタル化".to_string(), departments.clone()),
                // Only the items under 【取組内容】: not the 現状と課題 above, nor the 数値目標 below.
                (6, 6, "子育ての手続をスマートフォンで申請できるようにする。".to_string(), departments.clone()),
                (7, 7, "市民課の窓口に「書かない窓口」を導入する。".to_string(), departments),
            ]
        );
    }

    #[test]
    fn a_department_item_of_a_nested_list_names_who_does_its_parent() {
        let text = "- 主な取組\n  - 公園の再整備\n    - 遊具を更新します。\n    - 担当：公園緑地課、土木課\n  - 花壇づくり\n    - 所管：公園緑地課\n- 指標\n  - 公園の数";
        let found = measures(text, below_items);
        assert_eq!(
            found,
            [
                (2, 4, "公園の再整備".to_string(), vec!["公園緑地課".to_string(), "土木課".to_string()]),
                (5, 6, "花壇づくり".to_string(), vec!["公園緑地課".to_string()]),
            ]
        );
    }

    #[test]
    fn a_sheets_list_of_work_is_the_department_its_title_names() {
        let text = "【評価シート】 施策２ 来てもらう（観光の振興）          担当課：観光課
 指標名   観光案内所の利用者数
 基準値   4,200（R4）
 主な取組
  ・駅前の観光案内所の土日開所
  ・体験プログラムの造成
 今後の方向性：案内所の認知度を上げる。

【コラム】
 主な取組
  ・見出しに担当のない取組";
        let found = measures(text, sheet_lists);
        let got: Vec<(&str, &[String])> = found.iter().map(|(_, _, n, d)| (n.as_str(), d.as_slice())).collect();
        let d = ["観光課".to_string()];
        // The second list stands under the same sheet title (the nearest department label above).
        assert_eq!(
            got,
            [
                ("駅前の観光案内所の土日開所", &d[..]),
                ("体験プログラムの造成", &d[..]),
                ("見出しに担当のない取組", &d[..])
            ]
        );
        // Without a title that labels a department, a list of work gets none.
        assert!(measures(" 主な取組\n  ・見出しのない取組", sheet_lists).is_empty());
    }

    #[test]
    fn a_bracketed_department_line_closes_the_paragraph_of_a_numbered_item() {
        let text = "（１）窓口の電子化\n　申請をオンラインで受け付けます。\n　・手数料は無料です。\n昨年度は１２０件でした。\n　〔所管〕市民課、情報政策課\n\n本文です。\n　〔所管〕総務課";
        let found = measures(text, below_items);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1, found[0].2.as_str()), (1, 5, "窓口の電子化"));
        assert_eq!(found[0].3, ["市民課", "情報政策課"]);
    }

    #[test]
    fn a_matrix_of_responsibilities_gives_the_departments_in_charge() {
        let text = "取組　　　　　　　　道路課　　公園課　　市民課\n歩道の整備　　　　　　◎　　　　　　　　　○\n公園の清掃　　　　　　○　　　　◎\n\n本文です。";
        let found = measures(text, matrices);
        assert_eq!(
            found,
            [
                (2, 2, "歩道の整備".to_string(), vec!["道路課".to_string()]),
                (3, 3, "公園の清掃".to_string(), vec!["公園課".to_string()]),
            ]
        );
    }

    #[test]
    fn a_legend_under_a_table_names_the_abbreviated_departments() {
        let text = "番号        取組                          担当\nA-1         公園の遊具の更新              公・土\nA-2         街路樹の剪定                  土\nA-3         花壇ボランティアの募集        公・市民協働課\n担当の略称：公＝公園緑地課　土＝土木管理課\n\n本文です。";
        let doc = Doc::from_text(text);
        let vocabulary = Vocabulary::built_in();
        let (out, _) = super::super::read(&doc, &vocabulary);
        let found: Vec<(usize, String, Vec<String>)> = out
            .into_iter()
            .filter_map(|(a, _, body)| match body {
                Body::Measure(m) => Some((a, m.name, m.departments)),
                _ => None,
            })
            .collect();
        let names = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            found,
            [
                (2, "公園の遊具の更新".to_string(), names(&["公園緑地課", "土木管理課"])),
                (3, "街路樹の剪定".to_string(), names(&["土木管理課"])),
                (4, "花壇ボランティアの募集".to_string(), names(&["公園緑地課", "市民協働課"])),
            ]
        );
    }

    #[test]
    fn short_forms_in_one_box_cell_each_get_their_names() {
        let text = [
            "┌──┬────────────────┬──────┐",
            "│No│取組　　　　　　　　　　　　　　│担当　　　　│",
            "├──┼────────────────┼──────┤",
            "│1 │空き店舗の改装費の補助　　　　　│商振　　　　│",
            "│2 │空き店舗の物件情報の発信　　　　│商振・会議所│",
            "│3 │駅前通りの歩道の拡幅　　　　　　│道路・都計　│",
            "└──┴────────────────┴──────┘",
            "【担当の略称】商振＝商工振興課　都計＝都市計画課　道路＝道路整備課",
            "　　　　　　　会議所＝淀見商工会議所（連携）",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let (out, _) = super::super::read(&doc, &Vocabulary::built_in());
        let found: Vec<(String, Vec<String>)> = out
            .into_iter()
            .filter_map(|(_, _, body)| match body {
                Body::Measure(m) => Some((m.name, m.departments)),
                _ => None,
            })
            .collect();
        let d = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            found,
            [
                ("空き店舗の改装費の補助".to_string(), d(&["商工振興課"])),
                ("空き店舗の物件情報の発信".to_string(), d(&["商工振興課", "淀見商工会議所(連携)"])),
                ("駅前通りの歩道の拡幅".to_string(), d(&["道路整備課", "都市計画課"])),
            ]
        );
    }

    #[test]
    fn a_legend_over_a_schedule_names_the_departments_of_each_table_below_it() {
        let text = [
            "担当課の略称　行革＝行政経営課、財政＝財政課、",
            "　　　　　　　ＤＸ＝デジタル推進課、市民＝市民課",
            "",
            "基本方針１　市民サービスの向上",
            "",
            "No.│取組項目　　　　　│R7　│R8　│担当│目標（指標：現状→R10）",
            "１ │行かない窓口の　　│準備│実施│市民│書かない窓口の対象手続数",
            "　 │導入　　　　　　　│　　│　　│ＤＸ│　０手続→40手続",
            "",
            "基本方針２　財政基盤の確立",
            "",
            "No.│取組項目　　　　　│R7　│R8　│担当│目標（指標：現状→R10）",
            "２ │使用料の見直し　　│検討│準備│財政│―（受益者負担の適正化）",
        ]
        .join("\n");
        let doc = Doc::from_text(&text);
        let (out, _) = super::super::read(&doc, &Vocabulary::built_in());
        let found: Vec<(usize, String, Vec<String>)> = out
            .into_iter()
            .filter_map(|(a, _, body)| match body {
                Body::Measure(m) => Some((a, m.name, m.departments)),
                Body::Indicator(i) => Some((
                    a,
                    format!("{} {:?}→{:?}", i.name, i.baseline.map(|v| v.raw), i.target.map(|v| v.raw)),
                    i.departments,
                )),
                _ => None,
            })
            .collect();
        let names = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(
            found.contains(&(7, "行かない窓口の導入".to_string(), names(&["市民課", "デジタル推進課"]))),
            "{found:?}"
        );
        assert!(found.contains(&(13, "使用料の見直し".to_string(), names(&["財政課"]))), "{found:?}");
        assert!(
            found.contains(&(
                7,
                "書かない窓口の対象手続数 Some(\"0手続\")→Some(\"40手続\")".to_string(),
                names(&["市民課", "デジタル推進課"])
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_sentence_with_an_equals_sign_is_no_legend() {
        let vocabulary = Vocabulary::built_in();
        // A label in brackets; a body the plan works with among the departments, its short form
        // the tail of its name; but not a line of bodies only.
        let got =
            legend(&vocabulary, "【担当の略称】商振=商工振興課 観交=観光交流課 会議所=淀見商工会議所(連携)").unwrap();
        assert_eq!(got[2], ("会議所".to_string(), "淀見商工会議所(連携)".to_string()));
        assert!(legend(&vocabulary, "A=会員の数 B=参加者の数").is_none());
        assert!(legend(&vocabulary, "達成率=実績÷目標").is_none());
        assert!(legend(&vocabulary, "公=公園緑地課 です").is_none());
        assert_eq!(legend(&vocabulary, "略称:公=公園緑地課"), Some(vec![("公".to_string(), "公園緑地課".to_string())]));
    }

    #[test]
    fn a_checked_item_with_an_arrow_to_its_department_label() {
        let text = "☑ 公園の遊具を新しくします　　　▶担当：公園緑地課\n☑ 本文だけの項目です";
        let found = measures(text, super::super::measures::with_departments);
        assert_eq!(found, [(1, 1, "公園の遊具を新しくします".to_string(), vec!["公園緑地課".to_string()])]);
    }
}
