//! The block pass: finds tables in a document, whatever separates their cells (pipes, tabs,
//! runs of spaces) and whatever their columns are, by the roles of their header words.
//!
//! A table is a header row whose cells have roles (see [`super::roles`]), an optional second
//! header row that only names years, and the rows below it up to the first line that is no row
//! or that is itself a header. Every pass here looks at each line a bounded number of times, so
//! the reader stays linear in the document (issue 8, defect 1).

use super::roles::{self, Label, Role, Vocabulary};
use super::value::{self, looks_like_value};
use super::{wrapped, Line};

/// Most rows a table may hold; a longer run is cut into several tables.
const MAX_ROWS: usize = 400;

/// The cells of a line that is a table row: pipe rows, tab rows, and columns aligned by gaps.
/// `None` for other lines; markdown separator rows ("|---|---|") give an empty row.
pub fn cells(line: &Line) -> Option<Vec<String>> {
    let text = line.text.trim();
    if text.contains('\t') {
        return Some(text.split('\t').map(|c| c.trim().trim_matches('|').trim().to_string()).collect());
    }
    if is_pipe_row(text) {
        if text.chars().all(|c| "|-: ".contains(c)) {
            return Some(Vec::new());
        }
        let mut cells: Vec<String> = text.split('|').map(|c| c.trim().to_string()).collect();
        if text.starts_with('|') {
            cells.remove(0);
        }
        if text.ends_with('|') {
            cells.pop();
        }
        return Some(cells);
    }
    if line.cells.is_empty() {
        return comma_cells(text);
    }
    Some(line.cells.clone())
}

/// Whether [`cells`] reads `line` as a table row, told without making its cells (most lines
/// asked are no row, and a line of gap cells would be cloned for nothing).
pub fn is_row(line: &Line) -> bool {
    let text = line.text.trim();
    text.contains('\t') || is_pipe_row(text) || !line.cells.is_empty() || comma_cells(text).is_some()
}

/// A row of cells between pipes (「| 指標 | 現状値 |」, 「指標|現状値|目標値」).
fn is_pipe_row(text: &str) -> bool {
    text.starts_with('|') || text.matches('|').count() >= 2
}

/// The cells of a line of comma-separated values (「指標名,現状値,目標値」, a figure with a
/// thousands comma in double quotes): two separating commas or more outside quotes, no sentence
/// mark, and no cell longer than a table cell. A comma between a digit and three digits is a
/// thousands comma, not a separator (「来場者数 7,670人 8,000人」 is no row of three cells);
/// rows are only taken when they have the header's cell count.
fn comma_cells(text: &str) -> Option<Vec<String>> {
    // No comma, no cells (`split_commas` needs one): most lines are decided without a scan.
    if !text.contains(',') {
        return None;
    }
    // A sentence mark outside double quotes: prose with commas, not a row (a quoted cell may
    // list two departments with 、).
    let mut inside = false;
    let sentence = text.chars().any(|c| {
        inside ^= c == '"';
        !inside && (c == '。' || c == '、')
    });
    if sentence {
        return None;
    }
    split_commas(text).filter(|c| c.len() >= 3)
}

/// The cells of a line split at its separating commas, sentence marks or not: under a header of
/// comma-separated values a row may hold an unquoted sentence (「…を進めます。」) or a list of
/// departments with 、, as CSV quotes only cells with a comma or a quote in them.
fn split_commas(text: &str) -> Option<Vec<String>> {
    split_commas_reading(text, true)
}

/// [`split_commas`], reading a comma between a digit and three digits as a thousands comma or
/// (`thousands` false) as a separator like any other.
fn split_commas_reading(text: &str, thousands_commas: bool) -> Option<Vec<String>> {
    if !text.contains(',') {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    // A comma after a decimal fraction (「92.0,100」) separates: no number has one there.
    let fraction = |at: usize| {
        let digits = chars[..at].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        at > digits && chars[at - digits - 1] == '.'
    };
    let thousands = |at: usize| {
        // Four digits before the comma are no thousands (「2030,642」 is a year and a figure).
        let run = chars[..at].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        thousands_commas
            && (1..=3).contains(&run)
            && !fraction(at)
            && chars.get(at + 1..at + 4).is_some_and(|d| d.iter().all(char::is_ascii_digit))
            && !chars.get(at + 4).is_some_and(char::is_ascii_digit)
    };
    let mut cells = vec![String::new()];
    let mut quoted = false;
    for (at, &c) in chars.iter().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted && !thousands(at) => cells.push(String::new()),
            c => cells.last_mut().expect("never empty").push(c),
        }
    }
    let cells: Vec<String> = cells.into_iter().map(|c| c.trim().to_string()).collect();
    (cells.len() >= 2 && !quoted && cells.iter().all(|c| c.chars().count() <= MAX_LONE_CELL)).then_some(cells)
}

/// Whether a line's cells are comma-separated values: such a row must have the header's count.
fn is_comma_row(line: &Line) -> bool {
    let text = line.text.trim();
    !text.contains(['\t', '|']) && line.cells.is_empty() && comma_cells(text).is_some()
}

/// A header row understood: the label of each column (None for a column of no known role).
#[derive(Debug, Clone)]
pub struct Header {
    pub line: usize,
    pub columns: Vec<Option<Label>>,
    pub texts: Vec<String>,
}

impl Header {
    pub fn find(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|c| c.as_ref().is_some_and(|l| l.role == role))
    }

    /// The column of the departments in charge: the first, unless it names the bodies that carry
    /// a measure out (「主な実施主体 | 村の担当課」: 協議会, 観光協会) beside a column of the office
    /// in charge (担当, 所管; a 関係課 beside a 実施主体 is not).
    pub fn department(&self) -> Option<usize> {
        let columns = || (0..self.columns.len()).filter(|&i| self.role(i) == Some(Role::Department));
        columns()
            .find(|&i| self.texts.get(i).is_some_and(|t| t.contains("担当") || t.contains("所管")))
            .filter(|_| columns().next().is_some_and(|i| self.texts.get(i).is_some_and(|t| t.contains("主体"))))
            .or_else(|| columns().next())
    }

    pub fn has(&self, role: Role) -> bool {
        self.find(role).is_some()
    }

    /// The column of the rows' names: the one the header names so, else, in a table with a
    /// target, the first when it is no column of figures or numbers (「区分」「部門」).
    pub fn names(&self) -> Option<usize> {
        let first = || {
            (self.has(Role::Target) && !self.value_columns().contains(&0) && self.role(0) != Some(Role::Number))
                .then_some(0)
        };
        self.find(Role::Name).or_else(first)
    }

    pub fn role(&self, i: usize) -> Option<Role> {
        self.columns.get(i).and_then(|c| c.as_ref()).map(|l| l.role)
    }

    /// Columns holding figures, in order.
    pub fn value_columns(&self) -> Vec<usize> {
        (0..self.columns.len()).filter(|&i| self.role(i).is_some_and(Role::is_value)).collect()
    }

    /// Whether the header says what kind of table this is: indicators (a name and figures),
    /// measures (a name or content, and a department), a yearly series (年度 and other columns),
    /// plans, or satisfaction shares.
    pub fn is_table(&self) -> bool {
        let named = self.has(Role::Name);
        let values = !self.value_columns().is_empty();
        let known = self.columns.iter().filter(|c| c.is_some()).count();
        (named && values)
            || (self.has(Role::Baseline) && self.has(Role::Target))
            // 「No. | 中間目標 | 目標値 | 担当課」: the second page of a table split by columns.
            || (self.has(Role::Number) && self.has(Role::Target))
            || ((self.has(Role::Measure) || self.has(Role::Content)) && self.has(Role::Department))
            || (self.find(Role::Year) == Some(0) && self.columns.len() >= 2)
            || ((named || self.has(Role::Measure)) && self.has(Role::Satisfaction))
            || (known >= 2 && self.has(Role::Plan) && self.has(Role::Period))
            || self.is_series_by_column()
            || self.is_named_by_first_column()
    }

    /// 「部門 | R7.4.1（現状） | R12.4.1（目標） | 増減」: a first column of no known word and
    /// columns named by their dates, marked as the baseline and the target: each row is an
    /// indicator named in its first cell.
    fn is_named_by_first_column(&self) -> bool {
        let marked =
            |role: Role| self.columns.iter().flatten().any(|l| l.role == Role::YearStep && l.mark == Some(role));
        self.columns.first().is_some_and(Option::is_none) && marked(Role::Baseline) && marked(Role::Target)
    }

    /// 「区分 | 令和7年度 | 令和8年度 | …」: rows named in the first column (量の見込み, 確保方策),
    /// one column per year and nothing else: each row is a yearly series.
    fn is_series_by_column(&self) -> bool {
        let values = self.value_columns();
        self.find(Role::Status) == Some(0)
            && values.len() >= 2
            && values.len() + 1 == self.columns.len()
            && values.iter().all(|&i| self.role(i) == Some(Role::YearStep))
    }
}

/// Whether a row is labels each followed by its value (「担当課　ＤＸ推進課　　関係課　市民課」,
/// 「取組名　窓口のワンストップ化」): a line of a labelled sheet, not a table's header or row,
/// however many of its cells are header words.
pub fn is_label_pairs(vocabulary: &Vocabulary, cells: &[String]) -> bool {
    cells.len() >= 2
        && cells.len().is_multiple_of(2)
        && cells.chunks(2).all(|pair| {
            // (「年度 | 職員数」 heads a column of years: a year label's value is a year.)
            let label = vocabulary.exact_label(&pair[0]).is_some_and(|l| {
                l.role != Role::YearStep
                    && !l.role.is_value()
                    && (l.role != Role::Year || !value::years_in(&pair[1]).is_empty())
            });
            label && !pair[1].is_empty() && vocabulary.exact_label(&pair[1]).is_none() && !looks_like_value(&pair[1])
        })
}

/// 「ＫＰＩ | Ｒ５（基準値） | Ｒ11（目標値）」: a first column headed by a target word (ＫＰＩ alone
/// reads as 目標) before columns of figures that name the baseline or the target themselves
/// holds the indicators' names.
fn named_by_target_word(columns: &mut [Option<Label>]) {
    let figures = |l: &Label| l.role.is_value() || l.role == Role::YearStep && l.mark.is_some();
    let Some((Some(first), rest)) = columns.split_first_mut() else { return };
    let named = rest.iter().flatten().any(|l| l.role == Role::Name);
    if first.role == Role::Target && !named && rest.iter().flatten().filter(|l| figures(l)).count() >= 2 {
        first.role = Role::Name;
    }
}

/// Reads a row as a header: every non-empty cell's label, when enough of them have one.
pub fn header(vocabulary: &Vocabulary, line: usize, cells: &[String]) -> Option<Header> {
    if is_label_pairs(vocabulary, cells) {
        return None;
    }
    let filled = cells.iter().filter(|c| !c.is_empty()).count();
    // A header holds no figures; "3か年事業費(千円)" reads like one, so allow a few.
    // A column named by its year and step ("2023年度(実績)") is no figure.
    let year_step = |c: &str| vocabulary.label(c).is_some_and(|l| l.role == Role::YearStep);
    let figures = cells
        .iter()
        .filter(|c| !c.is_empty() && looks_like_value(c) && !year_step(c) && grouped_label(vocabulary, c).is_none())
        .count();
    if filled < 2 || figures * 3 > filled {
        return None;
    }
    let mut columns: Vec<Option<Label>> = cells
        .iter()
        .map(|c| {
            if c.is_empty() {
                None
            } else {
                numbered_label(vocabulary, c)
                    .or_else(|| vocabulary.label(&without_unit(c)))
                    .or_else(|| grouped_label(vocabulary, c))
            }
        })
        .collect();
    named_by_target_word(&mut columns);
    let labelled = columns.iter().filter(|c| c.is_some()).count();
    // Most cells of a header are header words; a data row has one at most by chance. A table
    // with one row per year is headed by 年度 and the names of its measures, which no
    // vocabulary holds ("年度　移動販売車の利用者数　介護予防教室の参加者数").
    let by_year = columns.first().and_then(|c| c.as_ref()).is_some_and(|l| l.role == Role::Year);
    if labelled * 2 < filled && !(by_year && figures == 0) {
        return None;
    }
    let h = Header { line, columns, texts: cells.to_vec() };
    h.is_table().then_some(h)
}

/// The label of a header cell that ran a number column into the next (「No. 事業名」, one space
/// apart): the column's cells run together the same way (「1-1 出産・子育て応援給付事業」), so it
/// is the column of the word after the number word, whose cells the reader strips of their
/// numbers.
fn numbered_label(vocabulary: &Vocabulary, cell: &str) -> Option<Label> {
    let (number, rest) = cell.split_once(' ')?;
    vocabulary.exact_label(number).filter(|l| l.role == Role::Number)?;
    vocabulary.exact_label(rest.trim()).filter(|l| l.role != Role::Number)
}

/// The label of a header cell that a group's name led by a count stands over (「3歳児健診」 over
/// 「現状」, read as one cell 「3歳児健診現状」, which reads like a figure): the figure word it
/// ends with. Only cells that open with a digit are looked at again.
fn grouped_label(vocabulary: &Vocabulary, cell: &str) -> Option<Label> {
    // A figure with its unit (「12か所」「45.2%」) has fewer letters than a group's name and word.
    if !cell.starts_with(|c: char| c.is_ascii_digit())
        || cell.chars().count() > 24
        || cell.chars().filter(|c| c.is_alphabetic()).count() < 4
    {
        return None;
    }
    let (_, label) = cell
        .char_indices()
        .skip(1)
        .find_map(|(at, _)| Some((at, vocabulary.exact_label(&cell[at..]).filter(|l| l.role.is_value())?)))?;
    matches!(label.role, Role::Baseline | Role::Target | Role::Actual)
        .then(|| Label { text: cell.to_string(), ..label })
}

/// A header cell without the unit it names in brackets (「R10（団体）」, 「現状値（単位：人）」):
/// the unit says nothing of the column's role, and a year column named 「R10（団体）」 is a
/// year column all the same.
fn without_unit(cell: &str) -> std::borrow::Cow<'_, str> {
    let Some(open) = cell.rfind('(').filter(|_| cell.ends_with(')')) else { return cell.into() };
    let inside = &cell[open + 1..cell.len() - 1];
    let unit = inside.strip_prefix("単位").map(|u| u.trim_start_matches([':', ' '])).unwrap_or(inside);
    if open > 0 && (value::UNITS.contains(&unit) || inside.starts_with("単位")) {
        cell[..open].trim_end().into()
    } else {
        cell.into()
    }
}

/// A table: its header, the line of a second header row of years if any, and its rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Header,
    pub years_line: Option<usize>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// The last line of each row, where a row stands over several lines (one cell per line);
    /// empty when each row is one line.
    pub ends: Vec<usize>,
    /// Whether the header is a line of comma-separated values: its rows are split at commas
    /// even where they hold a sentence.
    comma: bool,
    /// Columns of the rows as written that hold a baseline and a target apart by an arrow.
    arrows: Vec<usize>,
    /// The lines (first, last) of runs of rows left unread (names wrapped past telling apart):
    /// no other pass may read rows there either.
    pub unread: Vec<(usize, usize)>,
}

impl Table {
    fn new(header: Header) -> Table {
        Table {
            header,
            years_line: None,
            rows: Vec::new(),
            ends: Vec::new(),
            comma: false,
            arrows: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// The same rows under another reading of the header (one group of its columns).
    pub fn with_header(&self, header: Header) -> Table {
        Table { header, ..self.clone() }
    }

    /// The last line of the `k`-th row.
    pub fn row_end(&self, k: usize) -> usize {
        self.ends.get(k).copied().unwrap_or_else(|| self.rows[k].0)
    }

    /// Appends `pieces`, cell by cell, to the last row, which then ends on `line`; false when
    /// there is no row yet.
    fn extend_last_row(&mut self, pieces: &[String], line: usize) -> bool {
        let Some((_, row)) = self.rows.last_mut() else { return false };
        for (cell, piece) in row.iter_mut().zip(pieces) {
            cell.push_str(piece);
        }
        if let Some(end) = self.ends.last_mut() {
            *end = line;
        }
        true
    }
}

/// Every table of the document, each line looked at once as a header and once as a row.
pub fn tables(vocabulary: &Vocabulary, lines: &[Line]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some((table, next)) = one_cell_per_line(vocabulary, lines, i) {
            out.push(table);
            i = next;
            continue;
        }
        let row = cells(&lines[i]);
        let (row, arrows) = match row.as_ref().and_then(|r| arrow_header(vocabulary, r)) {
            Some((split, arrows)) => (Some(split), arrows),
            None => (row, Vec::new()),
        };
        // 「事業名,担当課」: a header of two comma-separated words (a line with one comma is no
        // row anywhere else: prose has them).
        let pair = row.is_none().then(|| split_commas(lines[i].text.trim()).filter(|c| c.len() == 2)).flatten();
        if let Some((h, height)) = stacked_header(vocabulary, lines, i).or_else(|| raised_header(vocabulary, lines, i))
        {
            let mut table = Table::new(h);
            // Years under a header of words stacked over lines (a third header line).
            let width = table.header.columns.len();
            let mut next = i + height;
            if let Some(years) = lines.get(next).and_then(|l| years_row(&lines[i], l, width)) {
                merge_years(&mut table.header, &years);
                table.years_line = Some(lines[next].no);
                next += 1;
            }
            i = read_rows(vocabulary, lines, next, &mut table);
            out.push(table);
            continue;
        }
        let Some(h) = row.as_ref().or(pair.as_ref()).and_then(|c| header(vocabulary, lines[i].no, c)) else {
            if let Some(h) = row.and_then(|row| continued(&out, lines, i, &row)) {
                out.push(Table::new(h));
                i = read_rows(vocabulary, lines, i, out.last_mut().expect("just pushed"));
            } else {
                i += 1;
            }
            continue;
        };
        // A header repeated over the rows after a page break (the footer, the running title, the
        // same header again): the table goes on, so a 〃 under it still means the row above.
        if let Some(last) = out.last_mut().filter(|t| repeated(t, &h, lines, i)) {
            i = read_rows(vocabulary, lines, i + 1, last);
            continue;
        }
        let mut table = Table::new(h);
        table.comma = is_comma_row(&lines[i]) || pair.is_some();
        table.arrows = arrows;
        i += 1;
        // The row of years may stand after separator rows (「|---|」; the lines of a header row
        // that a pre-pass rewrote).
        let below = (i..lines.len().min(i + MAX_SEPARATORS))
            .find(|&k| cells(&lines[k]).is_none_or(|c| !c.is_empty()))
            .unwrap_or(i);
        let width = table.header.columns.len();
        let wrapped = lines.get(below + 1).and_then(|l| wrapped_years_row(&lines[i - 1], &lines[below], l, width));
        if let Some(years) = &wrapped {
            merge_years(&mut table.header, years);
            table.years_line = Some(lines[below].no);
            i = below + 2;
        } else if let Some(years) = lines.get(below).and_then(|l| years_row(&lines[i - 1], l, width)) {
            merge_years(&mut table.header, &years);
            table.years_line = Some(lines[below].no);
            i = below + 1;
        } else if let Some(sub) =
            lines.get(below).and_then(cells).filter(|r| is_value_unit_row(vocabulary, &table.header, r))
        {
            merge_value_units(vocabulary, &mut table.header, &sub);
            i = below + 1;
        }
        i = read_rows(vocabulary, lines, i, &mut table);
        out.push(table);
    }
    out
}

/// What separates a baseline from its target in one cell: 「45.2%→60%」.
const ARROWS: [char; 6] = ['→', '⇒', '▶', '➡', '▷', '⇨'];

/// A header cell 「現状値（R4）→目標値（R10）」 over cells 「45.2%→60%」: the header with that
/// cell as two, the baseline and the target, each with its year, as if the table had written
/// them apart, and the columns so split. None when no cell is such a pair.
fn arrow_header(vocabulary: &Vocabulary, cells: &[String]) -> Option<(Vec<String>, Vec<usize>)> {
    if !cells.iter().any(|c| c.contains(ARROWS)) {
        return None;
    }
    let role = |t: &str| vocabulary.label(&without_unit(t)).map(|l| l.role);
    let arrows: Vec<usize> = (0..cells.len())
        .filter(|&c| {
            halves(&cells[c]).is_some_and(|(a, b)| role(&a) == Some(Role::Baseline) && role(&b) == Some(Role::Target))
        })
        .collect();
    (!arrows.is_empty()).then(|| (split_columns(cells.to_vec(), &arrows), arrows))
}

/// A cell's two sides of its arrow.
fn halves(cell: &str) -> Option<(String, String)> {
    cell.split_once(ARROWS).map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
}

/// A row with each of the `arrows` columns cut in two at its arrow (a cell with none keeps its
/// text as the first and leaves the second empty).
fn split_columns(mut row: Vec<String>, arrows: &[usize]) -> Vec<String> {
    for &c in arrows.iter().rev() {
        if c < row.len() {
            let (a, b) = halves(&row[c]).unwrap_or_else(|| (row[c].clone(), String::new()));
            row.splice(c..=c, [a, b]);
        }
    }
    row
}

/// Most cells a header written one cell per line may have.
const MAX_LONE_CELLS: usize = 12;

/// Most characters of a line that is one cell of a table written one cell per line.
const MAX_LONE_CELL: usize = 40;

/// The text of a line that is one cell alone: no separator of cells, short, not empty.
fn lone_cell(line: &Line) -> Option<&str> {
    let text = line.text.trim();
    (!text.is_empty() && text.chars().count() <= MAX_LONE_CELL && !is_row(line)).then_some(text)
}

/// A table written one cell per line, as PDF and HTML extraction leave tables: a run of lines
/// that are each a header word (指標名 / 現状値（R4） / 目標値 / 担当課) and make a table header,
/// then rows of as many lines each. A group is a row when its figure columns hold figures and
/// its name column a name; a short line between groups that breaks the count (a page number, a
/// running title) is passed over when the next group is a row. Returns the table and the index
/// after it.
fn one_cell_per_line(vocabulary: &Vocabulary, lines: &[Line], i: usize) -> Option<(Table, usize)> {
    let mut texts: Vec<String> = Vec::new();
    // Lines the header takes (a year under its word takes one more).
    let mut header_lines = 0;
    for line in lines.iter().skip(i).take(MAX_LONE_CELLS) {
        // Each line nothing but a header word (with a year or unit at most): a heading that holds
        // one (「① 目標とする指標」) is no cell of the header.
        let word = |t: &str| {
            let t = without_unit(t);
            // 「令和12年度目標値（最終）」, 「R2スタート値」: a word dated in front.
            vocabulary.exact_label(&t).or_else(|| vocabulary.exact_label(value::strip_years(&t).trim())).is_some()
                || roles::unnamed_value_word(&t)
        };
        // 「目標」 over 「（令和12年度）」: a line of only a year in brackets dates the word above.
        let dates_the_word = |t: &str| {
            !texts.is_empty()
                && t.starts_with(['(', '（'])
                && !value::years_in(t).is_empty()
                && value::strip_years(t).trim_matches(|c: char| "()（） ".contains(c)).is_empty()
        };
        match lone_cell(line) {
            Some(text) if dates_the_word(text) => {
                if let Some(last) = texts.last_mut() {
                    last.push_str(text);
                }
            }
            Some(text) if word(text) && !looks_like_value(text) => texts.push(text.to_string()),
            _ => break,
        }
        header_lines += 1;
    }
    if texts.len() < 2 {
        return None;
    }
    let header = header(vocabulary, lines[i].no, &texts)?;
    let width = texts.len();
    let values = header.value_columns();
    let name = header.find(Role::Name);
    // A table of measures may have a schedule by year (R6 / R7 / R8: 検討・実施) but no figure.
    let measures = values.iter().all(|&v| header.role(v) == Some(Role::YearStep))
        && (header.has(Role::Measure) || header.has(Role::Content));
    let department = header.department().filter(|_| measures);
    let numbered = |c: usize| header.role(c) == Some(Role::Number);
    // Columns of text a row's cell may wrap in onto a second line (「…の拡充と」 / 「体験型…」):
    // neither a row number, nor a figure, nor a department.
    let wrapping: Vec<usize> =
        (0..width).filter(|&c| !numbered(c) && !values.contains(&c) && Some(c) != header.department()).collect();
    let group_is_row = |group: &[String], above: bool, wrapped: bool| -> bool {
        let group: Vec<&str> = group.iter().map(String::as_str).collect();
        let figure = value::is_figure;
        // A name has letters: a page number (「― 34 ―」) in its place puts the groups out of step.
        let named = name.is_none_or(|n| {
            !looks_like_value(group[n]) && !vocabulary.is_word(group[n]) && group[n].chars().any(char::is_alphabetic)
        });
        let valued = values.iter().all(|&v| looks_like_value(group[v]));
        // Only figure columns hold figures: a figure elsewhere means the groups are out of step.
        let in_step = (0..width).all(|c| {
            values.contains(&c)
                || header.columns[c].is_none()
                || matches!(header.role(c), Some(Role::Number | Role::Compared))
                || !figure(group[c])
        });
        let departed = header.department().is_none_or(|d| vocabulary.departments_in(group[d]).is_some());
        // A row of a table of indicators and measures (番号 / 取組項目 / 担当課 / 指標 / 現状値 /
        // 目標値) that sets no indicator: dashes for the indicator and its figures.
        let unmeasured = || {
            header.department().is_some()
                && (header.has(Role::Measure) || header.has(Role::Content))
                && departed
                && name.is_some_and(|n| value::is_placeholder(group[n]))
                && values.iter().all(|&v| value::is_placeholder(group[v]))
                && wrapping.iter().any(|&c| group[c].chars().any(char::is_alphabetic))
        };
        // A table of measures (施策 / 内容 / 担当課) has no figures: its rows end in a department.
        match department {
            Some(d) => {
                let ditto = vocabulary.ditto.iter().any(|m| m == &group[d].replace(' ', ""));
                (vocabulary.departments_in(group[d]).is_some() || ditto && above) && !vocabulary.is_word(group[0])
            }
            None => {
                named && valued && in_step && values.iter().any(|&v| figure(group[v])) && (departed || !wrapped)
                    || unmeasured()
            }
        }
    };
    // `above`: whether the table has a row already, which a 〃 may repeat.
    let is_row = |at: usize, above: bool| -> Option<(Vec<String>, usize)> {
        let plain = joined_cells(lines, at, width, numbered).and_then(|(group, used)| {
            let row = group_is_row(&group, above, false);
            row.then_some((group, used))
        });
        // Or one cell wrapped onto a second line, told by the row it then makes, which must
        // name its department where the table has that column.
        plain.or_else(|| {
            let (group, used) = joined_cells(lines, at, width + 1, numbered)?;
            wrapping.iter().filter(|&&c| c + 1 < group.len()).find_map(|&c| {
                let pieces = [&group[c], &group[c + 1]];
                if pieces.iter().any(|p| looks_like_value(p) || vocabulary.is_word(p) || p.ends_with('。')) {
                    return None;
                }
                let mut joined = group.clone();
                let rest = joined.remove(c + 1);
                joined[c].push_str(&rest);
                group_is_row(&joined, above, true).then_some((joined, used))
            })
        })
    };
    let mut table = Table::new(header.clone());
    let mut j = i + header_lines;
    while table.rows.len() < MAX_ROWS {
        // The rows of a table of measures copied from a web page stand apart by blank lines.
        while department.is_some() && lines.get(j).is_some_and(|l| l.text.trim().is_empty()) {
            j += 1;
        }
        let above = !table.rows.is_empty();
        // A page break between rows: a page number, the running title, blank lines round them.
        const MAX_PAGE_BREAK: usize = 4;
        let skips = if above { MAX_PAGE_BREAK } else { 0 };
        let Some(((row, used), at)) = (j..=j + skips).find_map(|at| is_row(at, above).map(|row| (row, at))) else {
            break;
        };
        let row = ditto_filled(vocabulary, table.rows.last().map(|(_, r)| r.as_slice()), row);
        table.rows.push((lines[at].no, row));
        table.ends.push(lines[at + used - 1].no);
        j = at + used;
    }
    (!table.rows.is_empty()).then_some((table, j))
}

/// The `width` cells of a row written one cell per line from line `at`, and how many lines they
/// take: a cell wrapped onto the next line goes on there — after a joining mark (「企画課・」 /
/// 「産業振興課」) or before a bracket it opens (「総務課」 / 「（ＤＸ推進室）」) — where neither
/// piece is a figure and the cell is no row number (`numbered` tells those columns).
fn joined_cells(
    lines: &[Line],
    at: usize,
    width: usize,
    numbered: impl Fn(usize) -> bool,
) -> Option<(Vec<String>, usize)> {
    let mut cells: Vec<String> = Vec::new();
    let mut k = at;
    loop {
        let next = lines.get(k).and_then(lone_cell);
        let continues = |last: &String, text: &str| {
            (last.ends_with(JOINING_MARKS) || text.starts_with(['(', '（']))
                && !numbered(cells.len() - 1)
                && !looks_like_value(last)
                && !looks_like_value(text)
        };
        match (next, cells.last()) {
            (Some(text), Some(last)) if continues(last, text) => {
                let text = text.to_string();
                cells.last_mut()?.push_str(&text);
            }
            _ if cells.len() == width => return Some((cells, k - at)),
            (Some(text), _) => cells.push(text.to_string()),
            (None, _) => return None,
        }
        k += 1;
    }
}

/// Most lines a header's words may be stacked over.
const MAX_HEADER_LINES: usize = 3;

/// A header whose words stand over two or three lines of the same columns (「基準」 over
/// 「年度」, 「目標値」 over 「（Ｒ１０）」), as box-drawn and PDF tables write narrow columns:
/// the lines read column by column, top to bottom, as one header. Taken only when it says more
/// than the first line alone (more columns with a role), so a header is never glued to the
/// row under it, and as tall as it stays so; returns the header and how many lines it spans.
/// How far (display columns) a header word may stand from the word over it in the same column.
const MAX_HEADER_SHIFT: usize = 8;

fn stacked_header(vocabulary: &Vocabulary, lines: &[Line], i: usize) -> Option<(Header, usize)> {
    // A heading over the header (「第４章　取組と担当課」 over 「取組　…　担当課」) is none of it.
    if heads_a_section(vocabulary, &lines[i]) {
        return None;
    }
    let first = cells(&lines[i]).filter(|c| c.len() >= 2)?;
    let known = |h: &Option<Header>| h.as_ref().map_or(0, |h| h.columns.iter().filter(|c| c.is_some()).count());
    let single = header(vocabulary, lines[i].no, &first);
    // A header with a row of years under it is read by `merge_years`, which keeps its columns'
    // roles ("事業費（千円）" over "R7 | R8 | R9" stays a measure table's header).
    if single.is_some() && lines.get(i + 1).and_then(cells).is_some_and(|c| is_years_row(&c)) {
        return None;
    }
    let alone = known(&single);
    let exact = |cells: &[String]| {
        cells.iter().filter(|c| !c.is_empty() && vocabulary.exact_label(&without_unit(c)).is_some()).count()
    };
    let mut stack = vec![first.clone()];
    let mut best: Option<(Header, usize)> = None;
    // A word repeated under itself is one cell merged over rows (an HTML rowspan): said once.
    let merge = |stack: &[Vec<String>], row: &[String]| -> Vec<String> {
        (0..first.len())
            .map(|c| {
                let mut pieces: Vec<&str> = stack.iter().map(|r| r[c].as_str()).chain([row[c].as_str()]).collect();
                pieces.dedup();
                pieces.concat()
            })
            .collect()
    };
    for line in lines.iter().skip(i + 1).take(MAX_HEADER_LINES - 1) {
        // Lines of one header are cut alike: a heading split at its gap (「①　取組の方向」) is
        // not stacked on a tab header under it.
        if line.tabbed != lines[i].tabbed {
            break;
        }
        // A tab line whose text kept one cell (「指標\t\t\t」) has no separator left in it; nor
        // has a line aligned by spaces holding one word in brackets (「（実績）」 under its year).
        let text = line.text.trim();
        let bracketed = text.starts_with(['(', '（']) && text.ends_with([')', '）']);
        let lone = !text.is_empty() && (line.tabbed || bracketed && line.lone_start().is_some());
        let Some(row) = cells(line).or_else(|| lone.then(|| vec![line.text.trim().to_string()])) else { break };
        if is_label_pairs(vocabulary, &row) {
            break;
        }
        // A line holding a figure is a data row; years ("（Ｒ１０）") belong to headers, but a
        // figure with its year ("96.4件（令和元年度）") is data.
        let figure = |c: &String| value::strip_years(c).contains(|ch: char| ch.is_ascii_digit());
        if row.iter().any(|c| !c.is_empty() && looks_like_value(c) && figure(c)) {
            break;
        }
        // So is a line naming a department (a header names the column: 担当課); a piece of a
        // header word split over lines (「部局」 under 「担当」) is shorter than a department's name.
        let department = |c: &String| {
            c.chars().count() >= 3 && vocabulary.exact_label(c).is_none() && vocabulary.departments_in(c).is_some()
        };
        if row.iter().any(department) {
            break;
        }
        // As many cells as the first line's, the first far left of the first line's (「　　現状値
        // 目標値　担当課」 over 「指標　（令和６年度）　（令和12年度）」): the first line leaves the
        // names' column blank, and the header is raised (`raised_header`), not stacked.
        let misaligned = !line.tabbed
            && row.len() == first.len()
            && line.starts.len() == row.len()
            && lines[i].starts.len() == first.len()
            && line.starts.first().zip(lines[i].starts.first()).is_some_and(|(a, b)| *b > a + MAX_HEADER_SHIFT);
        if misaligned {
            break;
        }
        let row = match aligned(&lines[i], line, row.clone(), first.len()) {
            Some(row) => row,
            // A tab row loses its empty cells at either end with the line's white space: its
            // cells are the first ones or the last ones, whichever makes more header words;
            // neither when both make as many.
            None if line.text.contains('\t') && row.len() < first.len() => {
                let mut right = row.clone();
                right.resize(first.len(), String::new());
                let left: Vec<String> =
                    std::iter::repeat_n(String::new(), first.len() - row.len()).chain(row).collect();
                let (r, l) = (exact(&merge(&stack, &right)), exact(&merge(&stack, &left)));
                match r.cmp(&l) {
                    std::cmp::Ordering::Greater => right,
                    std::cmp::Ordering::Less => left,
                    std::cmp::Ordering::Equal => break,
                }
            }
            None => break,
        };
        let merged = merge(&stack, &row);
        stack.push(row);
        let h = header(vocabulary, lines[i].no, &merged);
        // A lower line may add a year or a word to a column already known (「基準」 + 「年度」).
        let so_far = best.as_ref().map_or(0, |(b, _)| b.columns.iter().filter(|c| c.is_some()).count());
        // Or it makes whole words of pieces the first line only half names (「KPI」 over 「項目」
        // is 指標名 though KPI alone reads as a target, 「前回値（」 over 「施設）」).
        let named = |h: &Option<Header>| h.as_ref().is_some_and(|h| h.has(Role::Name));
        // Or it dates value columns the first line leaves undated (「現状値」 over 「（令和５」 and
        // 「年度）」); a year under the name column says the lines are not aligned so.
        let dated = |h: &Option<Header>| {
            h.as_ref()
                .map_or(0, |h| h.columns.iter().flatten().filter(|l| l.year.is_some() && l.role.is_value()).count())
        };
        let dated_name =
            h.as_ref().is_some_and(|h| h.columns.iter().flatten().any(|l| l.year.is_some() && l.role == Role::Name));
        // Or it marks which of the year columns is a result or the target (「令和６年度」 over
        // 「（実績）」).
        let marked = |h: &Option<Header>| {
            h.as_ref().map_or(0, |h| h.columns.iter().flatten().filter(|l| l.mark.is_some()).count())
        };
        let completes = known(&h) >= alone
            && (exact(&merged) > exact(&first)
                || named(&h) && !named(&single)
                || dated(&h) > dated(&single) && !dated_name
                || marked(&h) > marked(&single));
        // Or it tells apart columns a word spans on the first line (「基準値」 over 「時点」 and
        // 「値」, as an HTML colspan is spread): a header naming two columns alike is not whole.
        let separates = known(&h) >= alone && repeats(&first) && !repeats(&merged);
        if (known(&h) > alone || completes || separates) && known(&h) >= so_far {
            best = h.map(|h| (h, stack.len()));
        }
    }
    best
}

/// A header over lines aligned by spaces whose first line leaves the name column blank, its
/// name word on the line under it (「　　　　現状値　　中間目標　　目標値」 over 「指標　　（令和
/// （令和　（令和」): the first line's words go down into the second line's columns, and the
/// header is read from there as [`stacked_header`] reads one. Returns the header (cited from the
/// second line, whose columns the rows follow) and how many lines it spans from the first.
fn raised_header(vocabulary: &Vocabulary, lines: &[Line], i: usize) -> Option<(Header, usize)> {
    let (upper, lower) = (&lines[i], lines.get(i + 1)?);
    if upper.tabbed || lower.tabbed || upper.cells.len() < 2 || lower.cells.len() < 2 {
        return None;
    }
    // The second line opens with the names' word, or with a word of no role over years in
    // brackets (「部門　（平成25　（令和５」 under 「基準年度　現状　目標」): the names' column.
    let names = vocabulary.label(&lower.cells[0]).is_some_and(|l| l.role == Role::Name);
    let unnamed = vocabulary.label(&lower.cells[0]).is_none()
        && !looks_like_value(&lower.cells[0])
        && lower.cells[1..].iter().all(|c| c.starts_with('(') && !value::years_in(c).is_empty());
    if !names && !unnamed {
        return None;
    }
    // The columns: the second line's, or where either line starts a cell when the second leaves
    // a column of the first blank (「担当課」 with no year under it).
    let grid = if lower.cells.len() == upper.cells.len() + 1 {
        lower.clone()
    } else {
        let starts = column_starts([upper, lower]);
        if starts.len() != upper.cells.len() + 1 || lower.starts.len() != lower.cells.len() {
            return None;
        }
        Line { starts, ..lower.clone() }
    };
    let width = grid.starts.len();
    // Each word of the first line over a column of the second, none over the names.
    let over = aligned(&grid, upper, upper.cells.clone(), width)?;
    let under = aligned(&grid, lower, lower.cells.clone(), width)?;
    if !over[0].is_empty() || over.iter().filter(|c| !c.is_empty()).count() != upper.cells.len() {
        return None;
    }
    let mut joined = grid.clone();
    joined.cells = over.iter().zip(&under).map(|(a, b)| format!("{a}{b}")).collect();
    // 「（令和６」 over 「年度）」: a third line that closes the brackets the second left open
    // goes into them.
    let open = |c: &String| c.matches('(').count() > c.matches(')').count();
    let closing = lines.get(i + 2).and_then(|l| {
        let cells = aligned(&grid, l, l.cells.clone(), width)?;
        let closes = cells.iter().zip(&joined.cells).all(|(c, j)| c.is_empty() || open(j) && c.ends_with(')'));
        (closes && cells.iter().any(|c| !c.is_empty())).then_some(cells)
    });
    let closed = closing.is_some();
    if let Some(cells) = closing {
        for (j, c) in joined.cells.iter_mut().zip(cells) {
            j.push_str(&c);
        }
    }
    let mut rest: Vec<Line> = vec![joined];
    rest.extend(lines.iter().skip(i + 2 + usize::from(closed)).take(MAX_HEADER_LINES).cloned());
    let (h, height) = stacked_header(vocabulary, &rest, 0).or_else(|| {
        let h = header(vocabulary, rest[0].no, &rest[0].cells)?;
        Some((h, 1))
    })?;
    let named = h.has(Role::Name) || unnamed && h.role(0).is_none() && h.has(Role::Target);
    (named && !h.value_columns().is_empty()).then_some((h, height + 1 + usize::from(closed)))
}

/// Whether a header names two of its columns with the same words.
fn repeats(cells: &[String]) -> bool {
    let named: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    named.iter().enumerate().any(|(k, c)| named[..k].contains(c))
}

/// The cells of `line` in the columns of `top`: as they are when they are as many, else, for
/// lines aligned by spaces, each cell in the column of `top` whose start is nearest its own (a
/// narrow header's second line leaves some columns blank: 「（令和２年度）」 under 現状値 only).
fn aligned(top: &Line, line: &Line, row: Vec<String>, width: usize) -> Option<Vec<String>> {
    if row.len() == width {
        return Some(row);
    }
    // Tab lines: each non-empty cell in the column its tabs put it in, counted from the first
    // cell the header's text kept.
    if top.tabbed && line.tabbed {
        let filled: Vec<String> = row.into_iter().filter(|c| !c.is_empty()).collect();
        let offset = top.starts.first().copied().unwrap_or(0);
        if filled.len() != line.starts.len() {
            return None;
        }
        let mut out = vec![String::new(); width];
        for (cell, column) in filled.into_iter().zip(&line.starts) {
            *out.get_mut(column.checked_sub(offset)?)? = cell;
        }
        return Some(out);
    }
    if top.starts.len() != width || line.starts.len() != row.len() || row.len() > width {
        return None;
    }
    let mut out = vec![String::new(); width];
    for (cell, start) in row.into_iter().zip(&line.starts) {
        let column = (0..width).min_by_key(|&c| top.starts[c].abs_diff(*start))?;
        out[column].push_str(&cell);
    }
    Some(out)
}

/// The cells of a line aligned by spaces where a cell filled its column and left one space before
/// the next (pdftotext -layout: 「累計 46件（R2～R6） 累計 120件」): each cell split at a single space
/// where a column of the header starts, until the row has the header's cells. None when the
/// line's cells already fill the header, or no split makes them do so.
fn split_at_columns(top: &Line, line: &Line, width: usize) -> Option<Vec<String>> {
    /// How many letters past its column's end a cell may run.
    const OVERFLOW: usize = 3;
    if top.tabbed || top.starts.len() != width || line.cells.len() >= width {
        return None;
    }
    if line.starts.len() != line.cells.len() || line.inner_spaces.len() != line.cells.len() {
        return None;
    }
    let mut out = Vec::with_capacity(width);
    for ((cell, &start), spaces) in line.cells.iter().zip(&line.starts).zip(&line.inner_spaces) {
        let pieces: Vec<&str> = cell.split(' ').collect();
        // The cell as read must keep the raw piece's single spaces, one for one.
        if pieces.len() != spaces.len() + 1 {
            out.push(cell.clone());
            continue;
        }
        // A space right before a header column's start (a letter of slack), or a few letters
        // after it: the piece before it filled its column, or overflowed it by a few letters
        // (「15.0以下 R11」 where the target's column is six wide).
        let mut piece = pieces[0].to_string();
        for (next, &at) in pieces[1..].iter().zip(spaces) {
            if top.starts.iter().any(|&h| h > start && h <= at + 1 && at <= h + OVERFLOW) {
                out.push(std::mem::take(&mut piece));
            } else {
                piece.push(' ');
            }
            piece.push_str(next);
        }
        out.push(piece);
    }
    (out.len() == width).then_some(out)
}

/// Whether every row read so far (one at least) opens with its number (「1-1」「2」「(3)」) under a
/// number column of the header.
fn numbered_rows(table: &Table, first: usize) -> bool {
    let opens = |c: &String| {
        let mut parts = c.split('-');
        is_row_number(c)
            || parts.all(|p| (1..=2).contains(&p.len()) && p.chars().all(|ch| ch.is_ascii_digit())) && c.len() <= 5
    };
    table.header.role(0) == Some(Role::Number)
        && table.rows.len() > first
        && table.rows[first..].iter().all(|(_, row)| row.first().is_some_and(opens))
}

/// Whether a row stops mid-phrase: a cell cut after a particle or a comma (「…ＳＮＳ相談の」
/// 「人権・男女共同参画課、」) or with a bracket left open (「居場所「ほっとス」).
fn left_open(row: &[String]) -> bool {
    let open = |c: &String| {
        let opened = c.matches(['(', '（', '「']).count();
        let closed = c.matches([')', '）', '」']).count();
        opened > closed || c.ends_with(['、', '・', 'の', 'に', 'を', 'と', 'や', 'が', 'で', 'は'])
    };
    row.iter().skip(1).any(open)
}

/// The pieces of a line aligned by spaces under the columns of `top`, when it leaves the first
/// column (the rows' numbers) blank and holds no figure but where the row above left its cell
/// empty: the rest of the row above (「決済の導入　…　できる窓口の数」 under 「1-2 窓口での
/// キャッシュレス … キャッシュレス決済が」; 「（料金改定の検討）　…　71.4%　85.0%」 under a row
/// whose figures went down to its second line).
fn rest_of_row(top: &Line, line: &Line, width: usize, above: &[String]) -> Option<Vec<String>> {
    if line.tabbed || top.starts.len() != width {
        return None;
    }
    let (cells, starts) = match line.lone_start() {
        Some(at) => (vec![line.text.trim().to_string()], vec![at]),
        None => (line.cells.clone(), line.starts.clone()),
    };
    if cells.is_empty() || cells.len() != starts.len() {
        return None;
    }
    let mut out = vec![String::new(); width];
    for (cell, start) in cells.into_iter().zip(starts) {
        let column = (0..width).min_by_key(|&c| top.starts[c].abs_diff(start))?;
        let filled = above.get(column).is_none_or(|c| !c.is_empty());
        if column == 0 || value::is_figure(&cell) && filled || !out[column].is_empty() {
            return None;
        }
        out[column].push_str(&cell);
    }
    Some(out)
}

/// A header over two or three lines whose first line names only some columns (「　　現状値　目標値
/// 担当課」 over 「指標　（令和６年度）　（令和12年度）」): the first line with the columns where
/// the header's lines start a cell, so that pieces under the names are placed as under a header
/// of one line. `None` when the first line names every column, or the lines do not add up to the
/// header's columns.
fn merged_header_line(lines: &[Line], header: usize, first_row: usize, width: usize) -> Option<Line> {
    let at = lines.iter().position(|l| l.no == header)?;
    let top = &lines[at];
    // (Only a header aligned by spaces: tab and pipe lines keep their cells' places.)
    let aligned_by_spaces = |l: &Line| !l.tabbed && !l.text.trim_start().starts_with('|');
    if top.starts.len() == width || !aligned_by_spaces(top) {
        return None;
    }
    let mut header_lines = vec![top];
    // (A header raised from the line above it, 「現状値　目標値　担当課」 over 「指標　…」: that
    // line's columns too.)
    let above = at.checked_sub(1).map(|k| &lines[k]).filter(|l| l.no + 1 == header && aligned_by_spaces(l));
    let above = above.filter(|l| !l.text.trim().is_empty() && !l.cells.iter().any(|c| value::is_figure(c)));
    for line in above.into_iter().chain(lines[at + 1..].iter().take(3).take_while(|l| l.no < first_row)) {
        if line.text == super::grid::SEPARATOR || line.text.trim().is_empty() {
            continue;
        }
        if !aligned_by_spaces(line) || line.cells.iter().any(|c| value::is_figure(c)) {
            return None;
        }
        header_lines.push(line);
    }
    let starts = column_starts(header_lines);
    (starts.len() == width).then(|| Line { starts, ..top.clone() })
}

/// The columns of lines aligned by spaces read together: where any of them starts a cell, starts
/// within two display columns of each other counted as one.
fn column_starts<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Vec<usize> {
    let mut starts: Vec<usize> = lines.into_iter().flat_map(|l| l.starts.iter().copied()).collect();
    starts.sort_unstable();
    starts.dedup_by(|b, a| b.abs_diff(*a) <= 2);
    starts
}

/// Adds the rows from line index `i` on to the table; returns the index after them.
fn read_rows(vocabulary: &Vocabulary, lines: &[Line], mut i: usize, table: &mut Table) -> usize {
    let mut width = table.header.columns.len();
    let first = table.rows.len();
    // Names wrapped inside their column (pdftotext -layout): the lone pieces under the name
    // column, given to their rows once the run is read.
    // (A table of figures whose first column has no name word, 「区分」, is named there.)
    let name = table.header.names().filter(|_| !table.comma);
    let merged = merged_header_line(lines, table.header.line, lines.get(i).map_or(usize::MAX, |l| l.no), width);
    let top_line = merged.as_ref().or_else(|| lines.iter().find(|l| l.no == table.header.line));
    let top = name.and(top_line);
    let mut pieces: Vec<wrapped::Piece> = Vec::new();
    let piece = |line: &Line| name.zip(top).and_then(|(name, top)| wrapped::piece(vocabulary, top, name, line));
    // A run that goes on after a page break or a blank line starts at the pieces above its first
    // row's figures.
    // A line of text where the name column starts that is no piece cuts the names: the run's
    // rows are not read then.
    let cut = |line: &Line| name.zip(top).is_some_and(|(name, top)| wrapped::at_name(top, name, line));
    let mut back = i;
    let mut names_cut = false;
    while back > 0 && i - back < MAX_BREAK && lines[back - 1].no > table.header.line {
        let Some((text, indented)) = piece(&lines[back - 1]) else {
            names_cut = cut(&lines[back - 1]);
            break;
        };
        pieces.insert(0, wrapped::Piece { after_rows: 0, line: lines[back - 1].no, text, indented });
        back -= 1;
    }
    while i < lines.len() && table.rows.len() < MAX_ROWS {
        // The readings printed over a row are no row.
        if is_ruby(&lines[i]) {
            i += 1;
            continue;
        }
        // 「施策６　移住・定住の促進」 under the last row heads what follows: the table ends.
        if heads_a_section(vocabulary, &lines[i]) {
            break;
        }
        // A table whose rows each open with their number (「1-1」): a line under a row that opens
        // with none is the rest of that row's cells, each piece under its column.
        // (A piece under the names alone may open the next row's name as well: the pieces of
        // names wrapped inside their column are placed further on.)
        let above = table.rows.last().map_or(&[][..], |(_, row)| row.as_slice());
        let rest =
            top_line.filter(|_| numbered_rows(table, first)).and_then(|top| rest_of_row(top, &lines[i], width, above));
        let names_only =
            |rest: &Vec<String>| name.is_some_and(|n| rest.iter().enumerate().all(|(c, p)| p.is_empty() || c == n));
        if let Some(mut rest) = rest.filter(|rest| !names_only(rest) && table.rows.len() > first) {
            // The piece under the names is a piece of a name wrapped in its column, placed with
            // the others once the run is read (the widths there are of one line's text).
            if let Some(text) = name.and_then(|n| rest.get_mut(n)).filter(|t| !t.is_empty()).map(std::mem::take) {
                let after_rows = table.rows.len() - first;
                pieces.push(wrapped::Piece { after_rows, line: lines[i].no, text, indented: false });
            }
            table.extend_last_row(&rest, lines[i].no);
            i += 1;
            continue;
        }
        // A tab row of one cell past the first column (「\t立地誘導\t\t」 under 「2\t地区計画の変更
        // による店舗・事業所の\t…」) lost every tab with its white space: its one cell, placed by
        // its tabs further on. (Unless it goes on a cell left open above: 「\t\t生涯学習課」.)
        let read_above = table.rows.last().filter(|_| table.rows.len() > first).map(|(_, row)| row.as_slice());
        let lone_tabbed = |line: &Line| {
            let rest_of_cell = top_line.and_then(|top| continued_cell(top, &table.header, line, read_above)).is_some();
            (line.tabbed
                && line.starts.len() == 1
                && line.starts[0] > 0
                && !line.text.trim().is_empty()
                && !rest_of_cell)
                .then(|| vec![line.text.trim().to_string()])
        };
        let row = cells(&lines[i])
            .or_else(|| table.comma.then(|| split_commas(lines[i].text.trim()).filter(|r| r.len() == width)).flatten())
            .or_else(|| lone_tabbed(&lines[i]));
        // A spreadsheet quotes no plain integer: 「62,7,900,901」 under a header of as many
        // columns is four cells, not three with a 7,900.
        let row = row.map(|row| match table.comma && row.len() != width {
            true => split_commas_reading(lines[i].text.trim(), false).filter(|r| r.len() == width).unwrap_or(row),
            false => row,
        });
        // Cells run together where a cell filled its column (one space before the next).
        let row = row.map(|row| match top_line.filter(|_| !table.comma && row.len() < width) {
            Some(top) => split_at_columns(top, &lines[i], width).unwrap_or(row),
            None => row,
        });
        let Some(mut row) = row else {
            // A name too wide for its column on a line of its own, its figures on the line under
            // it with the name column blank: one row, cited from both lines.
            if let Some(row) = top.and_then(|top| name_over_figures(top, &table.header, lines, i)) {
                table.rows.push((lines[i].no, row));
                table.ends.push(lines[i + 1].no);
                i += 2;
                continue;
            }
            // 「円）、農地・住宅のあっせん」 under the content of a measure's row (spaces align it):
            // the rest of that cell.
            let above = table.rows.last().filter(|_| table.rows.len() > first).map(|(_, row)| row.as_slice());
            if let Some(column) = top_line.and_then(|top| continued_cell(top, &table.header, &lines[i], above)) {
                let read_some = table.rows.len() > first;
                if let Some((_, row)) = table.rows.last_mut().filter(|_| read_some) {
                    if let Some(cell) = row.get_mut(column).filter(|c| !c.is_empty()) {
                        cell.push_str(lines[i].text.trim());
                        if let Some(end) = table.ends.last_mut() {
                            *end = lines[i].no;
                        }
                        i += 1;
                        continue;
                    }
                }
            }
            // 「就業による自立」 standing out to the left of the names under it: a group's title
            // (the 分野 of the rows below), no piece of a name.
            if group_title(lines, i, width) {
                i += 1;
                continue;
            }
            if let Some((text, indented)) = piece(&lines[i]) {
                let after_rows = table.rows.len() - first;
                pieces.push(wrapped::Piece { after_rows, line: lines[i].no, text, indented });
                i += 1;
                continue;
            }
            // A line of text after the last row (a note under the table) ends the run; only one
            // between rows cuts it.
            let cuts = !pieces.is_empty() && cut(&lines[i]);
            match resumed(vocabulary, lines, i, table) {
                Some(next) => {
                    names_cut |= cuts;
                    i = next;
                    continue;
                }
                None => break,
            }
        };
        // 「企業立地件数　３件　10件　233％」 under 「現状　計画終了後　増加率」 written right of
        // the names: the header left the names' column unnamed, and the row's name stands in it.
        if row.len() == width + 1 && table.rows.len() == first && unnamed_names(&table.header, &row) {
            table.header.columns.insert(0, None);
            table.header.texts.insert(0, String::new());
            width += 1;
        }
        // 「①　地域の行事に…　41.3　50」 under 「指標　現状　目標」: the row's number stands
        // in no column of its own.
        if row.len() == width + 1 && row.first().is_some_and(|c| is_row_number(c)) {
            row.remove(0);
        }
        if header(vocabulary, lines[i].no, &row).is_some()
            || is_comma_row(&lines[i]) && row.len() != table.header.columns.len()
        {
            break;
        }
        // A row of a table of measures that left its first cells blank (the 施策 a group of
        // measures stands under, written on its first row only) lost them with the line's
        // white space: its cells go back under the header's columns by where they stand.
        if !table.arrows.is_empty() {
            row = split_columns(row, &table.arrows);
        }
        // So may a row of indicators (the 分野 of a group of rows written on its middle row),
        // when its name stays in the name column; a row without one (「６５歳以上」 under the
        // row above) is the row above's sub-row, read as such further on.
        if row.len() < width {
            if let Some(top) = top_line {
                let name = table.header.find(Role::Name);
                let placed = aligned(top, &lines[i], row.clone(), width).filter(|r| {
                    lists_measures(&table.header) || name.is_some_and(|n| r.get(n).is_some_and(|c| !c.is_empty()))
                });
                row = placed.unwrap_or(row);
            }
        }
        // 「| 1-2 | …ＳＮＳ相談（ＬＩＮＥ）の | 人権・男女共同参画課、 |」 over 「|     | 開設 | 情報
        // 政策課 |」: in a table whose rows open with their number, a row with none under a row
        // left open is the rest of that row, cell by cell.
        // So is one that leaves every figure column empty (「| | 支援 | | | | |」, 「| | | （累計） |」):
        // a cell wrapped with nothing left open.
        let figureless = table.header.value_columns().iter().all(|&c| row.get(c).is_some_and(String::is_empty));
        // 「（平日朝７時～９時）　…　まちづくり課」 under a row whose department list broke after
        // its 「・」: the rest of that list, and of the row's name.
        let department = table.header.department();
        let open_department = department
            .zip(table.rows.last().filter(|_| table.rows.len() > first))
            .and_then(|(d, (_, above))| above.get(d))
            .is_some_and(|c| c.ends_with(['・', '、']));
        let rest_of_list = figureless
            && merged.is_some()
            && open_department
            && row.len() == width
            && department.is_some_and(|d| !row[d].is_empty())
            && row.iter().enumerate().all(|(c, cell)| cell.is_empty() || Some(c) == department || Some(c) == name);
        if rest_of_list {
            table.extend_last_row(&row, lines[i].no);
            i += 1;
            continue;
        }
        let rest_of_above = row.len() == width
            && row[0].is_empty()
            && numbered_rows(table, first)
            && table.rows.last().is_some_and(|(_, above)| above.len() == width && (left_open(above) || figureless));
        if rest_of_above && table.extend_last_row(&row, lines[i].no) {
            i += 1;
            continue;
        }
        if row.iter().any(|c| !c.is_empty()) {
            let mut row = ditto_filled(vocabulary, table.rows.last().map(|(_, r)| r.as_slice()), row);
            // A spreadsheet exports a department merged over rows as the first row's, the
            // cells under it empty.
            if let (true, Some(d), Some((_, above))) =
                (table.comma, table.header.department(), table.rows.last().filter(|_| table.rows.len() > first))
            {
                if row.get(d).is_some_and(String::is_empty) && above.len() == row.len() {
                    row[d].clone_from(&above[d]);
                }
            }
            table.rows.push((lines[i].no, row));
            table.ends.push(lines[i].row_end.unwrap_or(lines[i].no));
        }
        i += 1;
    }
    if let Some(name) = name.filter(|_| !pieces.is_empty()) {
        let mut rows: Vec<(usize, usize, String)> = (first..table.rows.len())
            .map(|k| (table.rows[k].0, table.row_end(k), table.rows[k].1.get(name).cloned().unwrap_or_default()))
            .collect();
        match wrapped::attach(vocabulary, &mut rows, &pieces).filter(|_| !names_cut) {
            Some(()) => {
                for (k, (line, end, text)) in (first..).zip(rows) {
                    table.rows[k].0 = line;
                    if let Some(cell) = table.rows[k].1.get_mut(name) {
                        *cell = text;
                    }
                    if let Some(e) = table.ends.get_mut(k) {
                        *e = end;
                    }
                }
            }
            None => {
                let lines = rows.iter().flat_map(|r| [r.0, r.1]).chain(pieces.iter().map(|p| p.line));
                if let (Some(from), Some(to)) = (lines.clone().min(), lines.max()) {
                    table.unread.push((from, to));
                }
                table.rows.truncate(first);
                table.ends.truncate(first);
            }
        }
    }
    i
}

/// A line of a heading's level word and number and a title, no figure, no separator of cells
/// (「施策６　移住・定住の促進」, 「基本目標２ 安心して暮らせるまち」), by the heading grammar of
/// [`super::structure`].
fn heads_a_section(vocabulary: &Vocabulary, line: &Line) -> bool {
    let text = line.text.trim();
    // Cheap tests first: every table row passes here.
    if line.tabbed || line.cells.len() > 2 || !text.starts_with(|c: char| !c.is_ascii()) || text.contains('|') {
        return false;
    }
    super::structure::is_level_heading(vocabulary, text)
}

/// The row of a name that filled its line, written where the name column starts and wider than
/// the column (「休日夜間急患センターの軽症受診者の割合」), when the line under it holds the rest of
/// the row with the name column blank (「68.9％　60.0％　地域医療課」).
fn name_over_figures(top: &Line, header: &Header, lines: &[Line], i: usize) -> Option<Vec<String>> {
    const MAX_NAME: usize = 40;
    let (line, below) = (&lines[i], lines.get(i + 1)?);
    let column = header.find(Role::Name)?;
    let text = line.text.trim();
    let named = line.lone_start().is_some()
        && !line.tabbed
        && wrapped::at_name(top, column, line)
        && text.chars().count() <= MAX_NAME
        && !text.ends_with(['。', '、'])
        && !text.contains(['|', '\t']);
    if !named || below.tabbed || below.cells.is_empty() {
        return None;
    }
    let mut row = aligned(top, below, below.cells.clone(), header.columns.len())?;
    let figures =
        header.value_columns().iter().any(|&c| row.get(c).is_some_and(|v| v.chars().any(|c| c.is_ascii_digit())));
    if !row.get(column)?.is_empty() || !figures {
        return None;
    }
    row[column] = text.to_string();
    Some(row)
}

/// Whether line `i`, between the rows of a table aligned by spaces, is the title of the group of
/// rows below it: one short cell without a figure or a sentence's end that starts at least two
/// columns left of the first cell of the row after it (a table of three columns or more), as a
/// spreadsheet saved as text indents its rows under a group's title.
fn group_title(lines: &[Line], i: usize, width: usize) -> bool {
    const MAX_TITLE: usize = 20;
    let line = &lines[i];
    let text = line.text.trim();
    let Some(at) = line.lone_start() else { return false };
    if text.is_empty()
        || text.chars().count() > MAX_TITLE
        || text.chars().any(|c| c.is_ascii_digit())
        || text.ends_with(['。', '、', '）'])
    {
        return false;
    }
    let indented = |l: &Line| width >= 3 && l.cells.len() >= 2 && l.starts.first().is_some_and(|&s| s >= at + 2);
    lines.get(i + 1).is_some_and(indented)
}

/// Marks that end a cell continued on the next line (「ジオパーク推進課・」).
const JOINING_MARKS: [char; 4] = ['・', '、', ',', '/'];

/// The column of a table of measures aligned by spaces whose cell a lone piece of text goes on:
/// one line of one piece that starts where the content column starts, or where the department
/// column starts under a cell that ends with a joining mark (「ジオパーク推進課・」 / 「学校教育課」).
fn continued_cell(top: &Line, header: &Header, line: &Line, above: Option<&[String]>) -> Option<usize> {
    let joining = |column: usize| above.and_then(|row| row.get(column)).is_some_and(|c| c.ends_with(JOINING_MARKS));
    // Tab rows: a line of one piece (「\t\t生涯学習課」) under a department cell that ends with a
    // joining mark (「資産経営課・」) goes on that cell, whatever the other columns hold.
    // So does a line of one piece in the name column (「利用者数（年間）\t\t\t」 under
    // 「コミュニティバス「もりっこ号」の\t万人\t7.9…」): the rest of the name.
    if line.tabbed {
        let piece = line.text.trim();
        let lone = !piece.is_empty() && !piece.contains('\t') && !looks_like_value(piece);
        let named = header.find(Role::Name).filter(|&c| {
            line.starts.as_slice() == [c]
                && piece.chars().count() <= 24
                && !piece.contains('。')
                && above.and_then(|row| row.get(c)).is_some_and(|n| !n.is_empty())
        });
        let department = header.department().filter(|&c| joining(c));
        return named.or(department).filter(|_| lone);
    }
    if !lists_measures(header) || top.tabbed || top.starts.len() != header.columns.len() {
        return None;
    }
    let at = line.lone_start()?;
    let column = (1..top.starts.len()).find(|&c| top.starts[c].abs_diff(at) <= 1)?;
    if line.text.trim().is_empty() {
        return None;
    }
    // Only where each row starts with its number (No.): elsewhere a line under a row may be
    // the next row's (its name and department wrapped apart), as measure_rows reads it.
    let content = header.role(column) == Some(Role::Content) && header.has(Role::Number);
    let joined = header.role(column) == Some(Role::Department) && joining(column);
    (content || joined).then_some(column)
}

/// Whether a line is only the readings (furigana) printed over the line below it, as pdftotext
/// -layout leaves a plan printed with ruby: kana words apart by spaces, nothing else.
pub fn is_ruby(line: &Line) -> bool {
    let text = line.text.trim();
    !text.is_empty()
        && text.contains(' ')
        && text.chars().all(|c| c == ' ' || super::normalize::is_hiragana(c) || super::normalize::is_katakana(c))
}

/// Whether a row of one cell more than `header` has its name first where the header names no
/// column of names: the header starts with a figure's word (現状, 目標 …) and names no column of
/// names, and the row's first cell is no figure, its second is.
fn unnamed_names(header: &Header, row: &[String]) -> bool {
    let role = |c: &Option<Label>| c.as_ref().map(|l| l.role);
    let names = [Role::Name, Role::Measure, Role::Content, Role::Group, Role::Number, Role::Plan];
    let figures_only = header.columns.iter().all(|c| role(c).is_none_or(|r| !names.contains(&r)))
        && header.columns.first().is_some_and(|c| role(c).is_some_and(Role::is_value));
    let valued = header.columns.iter().any(|c| role(c).is_some_and(Role::is_value));
    let named = row.first().is_some_and(|c| !c.is_empty() && !looks_like_value(c) && !is_row_number(c));
    figures_only && valued && named && row.get(1).is_some_and(|c| looks_like_value(c))
}

/// Whether a cell is only a row's number: 「①」, 「(3)」, 「4.」.
pub(super) fn is_row_number(cell: &str) -> bool {
    let number = cell.trim().trim_start_matches('(').trim_end_matches([')', '.']);
    let digits = (1..=2).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit());
    let mut chars = number.chars();
    let circled = matches!((chars.next(), chars.next()), (Some(c), None) if ('①'..='⑳').contains(&c));
    digits || circled
}

/// Whether a header is a table of measures: a measure (or its content) and a department, and no
/// figure column but a schedule by year.
fn lists_measures(h: &Header) -> bool {
    h.has(Role::Department)
        && (h.has(Role::Measure) || h.has(Role::Content))
        && h.value_columns().iter().all(|&v| h.role(v) == Some(Role::YearStep))
}

/// A table of measures broken by a page (a footer, a page number, the running title): the index
/// of the first row after a few short lines that are no row, when it has the header's cells and
/// a department (or 〃) in the department column. A table of figures goes on by [`continued`].
fn resumed(vocabulary: &Vocabulary, lines: &[Line], i: usize, table: &Table) -> Option<usize> {
    let h = &table.header;
    let department = h.department()?;
    let name = h.find(Role::Measure).or(h.find(Role::Content))?;
    if !lists_measures(h) {
        return None;
    }
    for (k, line) in lines.iter().enumerate().skip(i).take(MAX_BREAK) {
        let row = cells(line).or_else(|| {
            table.comma.then(|| split_commas(line.text.trim()).filter(|r| r.len() == h.columns.len())).flatten()
        });
        match row {
            None if line.text.chars().count() <= 40 => continue,
            None => return None,
            Some(row) => {
                let named = row.get(name).is_some_and(|n| !n.is_empty() && !vocabulary.is_word(n));
                let dept = row.get(department).is_some_and(|d| {
                    vocabulary.departments_in(d).is_some() || vocabulary.ditto.iter().any(|m| m == &d.replace(' ', ""))
                });
                // A row slid off its columns (a schedule's bars) still ends in its department.
                let slid = (3..h.columns.len()).contains(&row.len())
                    && row.last().is_some_and(|d| vocabulary.departments_in(d).is_some());
                return (k > i && (row.len() == h.columns.len() && named && dept || slid)).then_some(k);
            }
        }
    }
    None
}

/// Whether header `h` at line index `i` repeats the header of the table `t` that ends a few
/// short lines above it (a page break).
fn repeated(t: &Table, h: &Header, lines: &[Line], i: usize) -> bool {
    // The last line of the last row: a row may stand over several lines (a wrapped name).
    let Some(end) = t.rows.len().checked_sub(1).map(|k| t.row_end(k)).or(t.ends.last().copied()) else { return false };
    let at = lines[i].no;
    t.header.texts == h.texts
        && at > end
        && at - end <= MAX_BREAK + 1
        && lines.iter().filter(|l| l.no > end && l.no < at).all(|l| l.text.chars().count() <= 40 && !is_row(l))
}

/// A row whose cells say "as above" (〃, 同上) with the cell above in their place, so each row
/// reads on its own.
fn ditto_filled(vocabulary: &Vocabulary, above: Option<&[String]>, mut row: Vec<String>) -> Vec<String> {
    let Some(above) = above.filter(|a| a.len() == row.len()) else { return row };
    for (cell, up) in row.iter_mut().zip(above) {
        if vocabulary.ditto.iter().any(|d| d == &cell.replace(' ', "")) {
            cell.clone_from(up);
        }
    }
    row
}

/// Most separator rows between a header and its row of years.
const MAX_SEPARATORS: usize = 80;

/// Most lines between a table and its continuation.
const MAX_BREAK: usize = 6;

/// The header of a table that goes on under a subheading without repeating its header (a
/// table split by 「基本目標３　…」 or a page break): a row with as many cells as the header of
/// one of the last tables, whose figure columns hold figures, a few short lines after that
/// table. Tables between are passed over: a plan that prints each 施策's 事業 and then its 成果指標
/// heads the 事業 once, and the next 施策's 事業 rows go on under the 成果指標 table.
fn continued(tables: &[Table], lines: &[Line], i: usize, row: &[String]) -> Option<Header> {
    const MAX_TABLES_BETWEEN: usize = 2;
    let at = lines[i].no;
    let first = tables.len().saturating_sub(MAX_TABLES_BETWEEN + 1);
    (first..tables.len()).rev().find_map(|k| {
        let last = &tables[k];
        let later = &tables[k + 1..];
        let header = &last.header;
        // The row's shape first: most lines that reach here are prose, of no table's width.
        // (「2-1 学校給食費支援事業」 under 「No. 事業名」: cells run together where the header's
        // stand apart, split at the header's columns as the table's rows are.)
        let split;
        let row = match row.len() + 1 == header.columns.len() {
            true => {
                let top = lines.iter().find(|l| l.no == header.line)?;
                split = split_at_columns(top, &lines[i], header.columns.len())?;
                split.as_slice()
            }
            false => row,
        };
        if row.len() != header.columns.len() {
            return None;
        }
        // The last line of its last row (a row may stand over several lines: a wrapped name).
        let end = last.row_end(last.rows.len().checked_sub(1)?);
        if at <= end {
            return None;
        }
        let in_later = |no: usize| {
            later.iter().any(|t| {
                let to = t.rows.len().checked_sub(1).map_or(t.header.line, |r| t.row_end(r));
                (t.header.line..=to).contains(&no)
            })
        };
        // The lines between, found by their numbers (the lines are in order).
        let from = lines.partition_point(|l| l.no <= end);
        let between: Vec<&Line> = lines[from..i].iter().filter(|l| !in_later(l.no)).collect();
        // A heading between may look like a row of two cells (「基本目標３　…」 has a wide space).
        let short_lines = between
            .iter()
            .all(|l| cells(l).is_none_or(|c| c.len() < header.columns.len()) && l.text.chars().count() <= 40);
        let values = header.value_columns();
        let figures = values.iter().all(|&c| row.get(c).is_some_and(|cell| cell.is_empty() || looks_like_value(cell)))
            && values.iter().any(|&c| row.get(c).is_some_and(|cell| value::is_figure(cell)));
        let named = header.names().or_else(|| header.find(Role::Measure));
        let name = named.and_then(|c| row.get(c)).is_some_and(|n| !n.is_empty() && !looks_like_value(n));
        (between.len() <= MAX_BREAK && short_lines && figures && name).then(|| Header {
            line: header.line,
            columns: header.columns.clone(),
            texts: header.texts.clone(),
        })
    })
}

/// The line under a header as a row of years, in the header's columns where it can be aligned:
/// its cells, or a lone year under one column of a table aligned by spaces, by position.
fn years_row(top: &Line, line: &Line, width: usize) -> Option<Vec<String>> {
    let row = match cells(line) {
        Some(row) => row,
        None if !line.text.trim().is_empty() => vec![line.text.trim().to_string()],
        None => return None,
    };
    if !is_years_row(&row) {
        return None;
    }
    Some(aligned(top, line, row.clone(), width).unwrap_or(row))
}

/// A row of years wrapped over two lines aligned by spaces (「（令和６　（令和12」 over 「年度）
/// 年度）」): the two joined column by column, when that is a row of years and the second line
/// alone names none.
fn wrapped_years_row(top: &Line, first: &Line, second: &Line, width: usize) -> Option<Vec<String>> {
    let in_columns = |line: &Line| {
        let row = cells(line).filter(|r| !r.is_empty()).unwrap_or_else(|| vec![line.text.trim().to_string()]);
        aligned(top, line, row, width)
    };
    if second.text.trim().is_empty() || !value::years_in(&second.text).is_empty() {
        return None;
    }
    let (upper, lower) = (in_columns(first)?, in_columns(second)?);
    let joined: Vec<String> = upper.iter().zip(&lower).map(|(a, b)| format!("{a}{b}")).collect();
    is_years_row(&joined).then_some(joined)
}

/// Words of a second header row that tell a figure's cell from its unit's under one heading
/// (「2023年度 実績」 over 「値 | 単位」, as a PDF converter writes a merged header cell).
const VALUE_WORDS: &[&str] = &["値", "数値"];

/// A second header row under a header whose merged cells were repeated column by column
/// (「| 区分 | 指標 | 2023年度 実績 | 2023年度 実績 | 2029年度 目標 | 2029年度 目標 | 担当 |」 over
/// 「| 区分 | 指標 | 値 | 単位 | 値 | 単位 | 担当 |」): each cell repeats the one above, or is a
/// figure's cell (値) or its unit's (単位), and both of the latter stand in it.
fn is_value_unit_row(vocabulary: &Vocabulary, header: &Header, row: &[String]) -> bool {
    let unit = |c: &str| vocabulary.exact_label(c).is_some_and(|l| l.role == Role::Unit);
    row.len() == header.texts.len()
        && row.iter().any(|c| unit(c))
        && row.iter().any(|c| VALUE_WORDS.contains(&c.as_str()))
        && row
            .iter()
            .zip(&header.texts)
            .all(|(c, above)| c.is_empty() || c == above || unit(c) || VALUE_WORDS.contains(&c.as_str()))
}

/// The columns a [`is_value_unit_row`] calls units become unit columns (no longer a step of the
/// heading above); the others keep the heading's role.
fn merge_value_units(vocabulary: &Vocabulary, header: &mut Header, row: &[String]) {
    for (k, cell) in row.iter().enumerate() {
        if let Some(label) = vocabulary.exact_label(cell).filter(|l| l.role == Role::Unit) {
            header.columns[k] = Some(label);
        }
    }
}

/// A second header row that only names years: "\t\t(令和2年度)\t(令和13年度)".
fn is_years_row(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.is_empty())
        && cells.iter().all(|c| c.is_empty() || !value::years_in(c).is_empty() && !looks_like_value(c))
}

/// Gives the years of a second header row to the value columns: cell for cell when the rows
/// align, else in order when there is one year per value column.
fn merge_years(header: &mut Header, years: &[String]) {
    let filled: Vec<&String> = years.iter().filter(|c| !c.is_empty()).collect();
    let value_columns = header.value_columns();
    let targets: Vec<(usize, &String)> = if filled.len() == value_columns.len() {
        value_columns.into_iter().zip(filled).collect()
    } else if years.len() == header.columns.len() {
        years.iter().enumerate().filter(|(_, c)| !c.is_empty()).collect()
    } else {
        Vec::new()
    };
    for (i, cell) in targets {
        if let Some(Some(label)) = header.columns.get_mut(i) {
            label.year = value::years_in(cell).into_iter().next();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Vec<Line> {
        text.split('\n').enumerate().map(|(i, t)| Line::new(i + 1, t)).collect()
    }

    #[test]
    fn a_row_of_value_and_unit_under_repeated_merged_headings_heads_the_table() {
        let text = "| 区分 | 指標 | 2023年度 実績 | 2023年度 実績 | 2029年度 目標 | 2029年度 目標 | 担当 |\n\
                    |---|---|---|---|---|---|---|\n\
                    | 区分 | 指標 | 値 | 単位 | 値 | 単位 | 担当 |\n\
                    | 創業の促進 | 創業者数 | 46 | 人 | 60 | 人 | 商工振興課 |";
        let parsed = super::super::Doc::from_text(text);
        let t = tables(&Vocabulary::built_in(), &parsed.lines);
        assert_eq!(t.len(), 1);
        let h = &t[0].header;
        assert_eq!(h.role(3), Some(Role::Unit));
        assert_eq!(h.role(5), Some(Role::Unit));
        assert_ne!(h.role(4), Some(Role::Unit));
        assert_eq!(t[0].rows.len(), 1, "{:?}", t[0].rows);
    }

    /// The rows of every table read in `text`, in order.
    fn rows_of(text: &str) -> Vec<Vec<String>> {
        let parsed = super::super::Doc::from_text(text);
        let t = tables(&Vocabulary::built_in(), &parsed.lines);
        t.into_iter().flat_map(|t| t.rows.into_iter().map(|(_, r)| r)).collect()
    }

    /// 「No. 取組項目」: the number column's word a single space before the next header word;
    /// every text column of a row wrapped onto the lines under it.
    #[test]
    fn a_numbered_table_whose_text_columns_wrap() {
        let text = [
            "                                                                          現状値      目標値",
            " No. 取組項目              取組の内容                 指標                      （令和      （令和        担当課",
            "                                                                                 6年度）     11年度）",
            " 1   書かない窓口の導入    住民票などの申請書を職員   書かない窓口で受け付け       ―        40種類       町民課",
            "                           が聞き取って作成します     る手続の種類",
            " 2   施設予約のオンライ    公民館・体育館の予約と支   オンライン予約の割合        12.5%       60.0%       生涯学習課",
            "     ン化                  払をスマートフォンででき",
            "                           るようにします",
            " 3   キャッシュレス決済    窓口の手数料と施設の使用   キャッシュレス決済を         3か所      全18か所      会計課、",
            "     の導入                料の支払に導入します       導入した窓口・施設                                   総務課",
            " 4   ふるさと納税の拡大    返礼品を見直し、寄附の受   ふるさと納税の寄附額        2.1億円     3.5億円      商工観光課",
        ]
        .join("\n");
        let rows = rows_of(&text);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[1][1], "施設予約のオンライン化");
        assert_eq!(rows[2][3], "キャッシュレス決済を導入した窓口・施設");
        assert_eq!(
            (rows[2][4].as_str(), rows[2][5].as_str(), rows[2][6].as_str()),
            ("3か所", "全18か所", "会計課、総務課")
        );
    }

    /// The name word on the header's second line, each year's era and number there too and 年度
    /// closing its bracket on the third (「（令和６」 over 「年度）」); 中間 alone heads a column.
    #[test]
    fn a_header_whose_years_close_on_its_third_line() {
        let text = [
            "　　　　　　　　　　　　　　　　　　　　　　　現状値　　　中間　　　　目標値",
            "　目標項目　　　　　　　　　　　　　　　　　（令和６　　（令和12　　（令和17",
            "　　　　　　　　　　　　　　　　　　　　　　　年度）　　　年度）　　　年度）",
            "　対象施設の数　　　　　　　　　　　　　　　　９施設　　　８施設　　　５施設",
            "　照明のＬＥＤ化率　　　　　　　　　　　　　　31.0％　　　70.0％　　　100％",
        ]
        .join("\n");
        let parsed = super::super::Doc::from_text(&text);
        let t = tables(&Vocabulary::built_in(), &parsed.lines);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header.texts[1], "現状値(令和6年度)");
        assert_eq!(t[0].rows.iter().map(|(_, r)| r[0].as_str()).collect::<Vec<_>>(), ["対象施設の数", "照明のLED化率"]);
    }

    #[test]
    fn a_header_whose_name_word_stands_on_its_second_line() {
        let text = [
            "　　　　　　　　　　　　　　　　　　　　現状値　　　中間目標　　目標値",
            "　指標　　　　　　　　　　　　　　　　　（令和　　　（令和　　　（令和",
            "　　　　　　　　　　　　　　　　　　　　６年度）　　10年度）　　15年度）",
            "　ため池の改修数　　　　　　　　　　　　12か所　　　18か所　　　24か所",
            "　農業用水路の補修延長　　　　　　　　　3.2km　　　 6.0km　　　10.0km",
        ]
        .join("\n");
        let parsed = super::super::Doc::from_text(&text);
        let t = tables(&Vocabulary::built_in(), &parsed.lines);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header.find(Role::Name), Some(0));
        assert_eq!(
            t[0].rows.iter().map(|(_, r)| r[0].as_str()).collect::<Vec<_>>(),
            ["ため池の改修数", "農業用水路の補修延長"]
        );
        assert_eq!(t[0].rows[0].1[3], "24か所");
    }

    #[test]
    fn the_content_of_a_numbered_measure_goes_on_under_its_column() {
        let text = [
            "  No.  事業名                事業概要                         担当課      R7       R8",
            "  1    空き家改修事業        改修費の助成（上限50万円）、     住宅課      5,000    5,000",
            "                             移住者は上限80万円",
            "  2    空き家バンク運営      物件の登録と見学の案内           住宅課        400      400",
        ]
        .join("\n");
        let rows = rows_of(&text);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0][2], "改修費の助成(上限50万円)、移住者は上限80万円");
        assert_eq!(rows[1][1], "空き家バンク運営");
    }

    #[test]
    fn a_name_wider_than_its_column_has_its_figures_on_the_line_below() {
        let text = [
            "　成果指標　　　　　　　　　　現状値（R5）　目標値（R11）　担当課",
            "　公園の数　　　　　　　　　　　　12か所　　　 15か所　　　　公園緑地課",
            "　週に一度は公園で体を動かす市民の割合",
            "　　　　　　　　　　　　　　　 41.0％　　　 50.0％　　　　公園緑地課",
            "　花壇の数　　　　　　　　　　　　 8か所　　　 10か所　　　　公園緑地課",
        ]
        .join("\n");
        let rows = rows_of(&text);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[1][0], "週に一度は公園で体を動かす市民の割合");
        assert_eq!(rows[1][1..3], ["41.0%", "50.0%"]);
        assert_eq!(rows[2][0], "花壇の数");
    }

    #[test]
    fn cells_run_together_where_one_filled_its_column() {
        // pdftotext -layout: the baseline cell fills its column and leaves one space before the
        // target; the header says where the target's column starts.
        let text = "   指標                      現状                目標\n   \
                    見守り訪問の件数          年 120件（R5）      年 200件\n   \
                    相談会の参加者数          累計 46人（R2～R6） 累計 120人\n   \
                    地域の防災訓練の          35.0％              50.0％\n   \
                    参加率\n\u{3000}※参加率は自治会の報告による値です。";
        let doc = super::super::Doc::from_text(text);
        let t = tables(&Vocabulary::built_in(), &doc.lines);
        let rows: Vec<&Vec<String>> = t[0].rows.iter().map(|(_, r)| r).collect();
        assert_eq!(rows[1], &["相談会の参加者数", "累計 46人(R2~R6)", "累計 120人"]);
        assert_eq!(rows[0][2], "年 200件");
        // A name cut after a particle goes on below its figures; a note under the table cuts nothing.
        assert_eq!(rows[2][0], "地域の防災訓練の参加率");
    }

    #[test]
    fn one_cell_a_line_under_a_header_with_an_interim_value() {
        let text = "指標名\n単位\n現状値\n（R6）\n中間値\n（R10）\n目標値\n（R12）\n\
                    自主防災組織の結成率\n％\n86.4\n90.0\n93.0\n\
                    津波避難訓練の参加者数（年間）\n人\n2,310\n3,000\n3,600";
        let doc = super::super::Doc::from_text(text);
        let t = tables(&Vocabulary::built_in(), &doc.lines);
        assert_eq!(t.len(), 1);
        let rows: Vec<&Vec<String>> = t[0].rows.iter().map(|(_, r)| r).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][0], "津波避難訓練の参加者数(年間)");
        assert!(t[0].header.columns[3].is_none(), "the interim value is none of the plan's values");
        assert_eq!(t[0].header.role(4), Some(Role::Target));
    }

    #[test]
    fn a_numbered_row_left_open_goes_on_in_the_row_without_a_number() {
        let text = "| 番号 | 主な取組 | 担当課 |\n|---|---|---|\n\
                    | 1-1 | 女性相談支援員の増員 | 人権・男女共同参画課 |\n\
                    | 1-2 | 休日・夜間も相談できるＳＮＳ相談（ＬＩＮＥ）の | 人権・男女共同参画課、 |\n\
                    |     | 開設 | 情報政策課 |\n\
                    | 2-1 | 若い女性の居場所「ほっとス | こども家庭課 |\n\
                    |     | ペース」の開設 | |";
        let doc = super::super::Doc::from_text(text);
        let t = tables(&Vocabulary::built_in(), &doc.lines);
        let rows: Vec<&Vec<String>> = t[0].rows.iter().map(|(_, r)| r).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][1], "休日・夜間も相談できるSNS相談(LINE)の開設");
        assert_eq!(rows[1][2], "人権・男女共同参画課、情報政策課");
        assert_eq!(rows[2][1], "若い女性の居場所「ほっとスペース」の開設");
    }

    #[test]
    fn years_wrapped_under_the_header_and_a_name_wrapped_after_a_verb() {
        // The years of the header over two lines (「（令和６」 / 「年度）」); a name that breaks
        // after 「受けていない」, the noun it describes on the line under its figures.
        let text = "  指標                                   現状値        目標値        担当課\n\
                    \x20                                        （令和６      （令和12\n\
                    \x20                                          年度）        年度）\n\
                    \x20 校内教育支援センターを設置した学校       ８校         全22校       学校教育課\n\
                    \x20 学校内外で相談・指導を受けていない       36.4％        20.0％        教育相談室\n\
                    \x20 不登校児童生徒の割合\n\
                    \x20 オンラインの学習支援を受けた児童生徒数   24人          80人          学校教育課";
        let doc = super::super::Doc::from_text(text);
        let t = tables(&Vocabulary::built_in(), &doc.lines);
        assert_eq!(t.len(), 1);
        let year = |c: usize| t[0].header.columns[c].as_ref().and_then(|l| l.year.as_ref()).map(|y| y.fiscal);
        assert_eq!((year(1), year(2)), (Some(2024), Some(2030)));
        let names: Vec<&str> = t[0].rows.iter().map(|(_, r)| r[0].as_str()).collect();
        assert_eq!(
            names,
            [
                "校内教育支援センターを設置した学校",
                "学校内外で相談・指導を受けていない不登校児童生徒の割合",
                "オンラインの学習支援を受けた児童生徒数"
            ]
        );
    }

    #[test]
    fn a_spreadsheet_saved_as_formatted_text() {
        // Fixed-width columns (.prn): text cut at the column width, so a cell that fills its
        // column leaves one space before the next, or runs a letter or two into it; the rows
        // indented under their group's title.
        let text = [
            "分類/指標            単位  現状値  目標値  目標年度",
            "健康づくり",
            "  けんしん受診者の割 %     38.5    50.0以下 R12",
            "  運動教室の参加者数 人/年 240     400     R12",
            "食の安全",
            "  食育講座の開催回数 回    12      20      R12",
        ]
        .join("\n");
        let rows = rows_of(&text);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[0], &["けんしん受診者の割", "%", "38.5", "50.0以下", "R12"]);
        assert_eq!(rows[2][0], "食育講座の開催回数");
        // A sentence, or a line no row follows, is no group's title.
        let lines = doc("指標                 単位  現状値  目標値\n健康づくり\n  運動教室の参加者数 人/年 240     400\n以上です。\n  見守り訪問の件数   件    12      20\n食の安全");
        assert!(group_title(&lines, 1, 4));
        assert!(!group_title(&lines, 3, 4));
        assert!(!group_title(&lines, 5, 4));
    }

    #[test]
    fn readings_over_rows_and_row_numbers_stand_in_no_column() {
        // pdftotext -layout of a plan printed with furigana: the readings on a line of their
        // own over the text; the rows numbered ① … under a header that names no number column.
        let text = [
            "         しひょう                            げんじょう    もくひょう",
            "         指標                                現状          目標",
            "        ちいき    ぎょうじ    さんか",
            "   ①  地域の行事に参加している町民の割合     41.3          50",
            "        じちかい   かにゅうりつ",
            "   ②  自治会の加入率                         78.6          80以上",
        ]
        .join("\n");
        let rows = rows_of(&text);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0], &["地域の行事に参加している町民の割合", "41.3", "50"]);
        assert_eq!(rows[1], &["自治会の加入率", "78.6", "80以上"]);
        assert!(is_row_number("①") && is_row_number("(3)") && is_row_number("4."));
        assert!(!is_row_number("123") && !is_row_number("第1"));
    }

    #[test]
    fn names_under_no_header_word_left_of_the_figures() {
        // A template whose header names only the figures' columns, right of the names.
        let text = "　　　　　　　　　　　　　　　　　現状　　　　計画終了後　　増加率\n                    　新規立地件数　　　　　　　　　　２件　　　　８件　　　　　300％\n                    　市内の従業者数　　　　　　　　　2,150人　　 2,400人　　　11.6％";
        let parsed = super::super::Doc::from_text(text);
        let t = tables(&Vocabulary::built_in(), &parsed.lines);
        let rows: Vec<&Vec<String>> = t.iter().flat_map(|t| t.rows.iter().map(|(_, r)| r)).collect();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0][..3], ["新規立地件数", "2件", "8件"]);
        assert_eq!(t[0].header.find(Role::Target), Some(2));
    }

    #[test]
    fn a_group_column_is_no_target() {
        // 「基本目標」 holds 目標 but names the group of the rows: a table of measures.
        let v = Vocabulary::built_in();
        let text = "基本目標  施策                    担当課\n1         就業相談の実施          子育て支援課\n          在宅就業の紹介          商工観光課";
        let doc = super::super::Doc::from_text(text);
        let t = tables(&v, &doc.lines);
        assert!(!t[0].header.has(Role::Target), "{:?}", t[0].header);
        assert!(lists_measures(&t[0].header));
    }

    #[test]
    fn a_group_written_on_its_middle_row_leaves_the_rows_in_their_columns() {
        // pdftotext -layout of a table with merged cells: the 分野 of three rows stands on the
        // middle one, rules drawn across the page between the groups.
        let rule = format!(" {}", "─".repeat(60));
        let text = [
            rule.as_str(),
            "  分野        指標                     単位     現状値     目標値",
            rule.as_str(),
            "              空き家バンクの登録件数   件       12         40",
            "  住まい      移住相談の件数           件/年    85         150",
            "              お試し住宅の利用者数     人       9          30",
            rule.as_str(),
            "              地域おこし協力隊の人数   人       2          6",
            rule.as_str(),
        ]
        .join("\n");
        let doc = super::super::Doc::from_text(&text);
        let t = tables(&Vocabulary::built_in(), &doc.lines);
        let rows: Vec<&Vec<String>> = t.iter().flat_map(|t| t.rows.iter().map(|(_, r)| r)).collect();
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[0][1..], ["空き家バンクの登録件数", "件", "12", "40"]);
        assert_eq!(rows[1][..2], ["住まい", "移住相談の件数"]);
        assert_eq!(rows[3][1..], ["地域おこし協力隊の人数", "人", "2", "6"]);
    }

    #[test]
    fn tables_of_every_separator() {
        let v = Vocabulary::built_in();
        for text in [
            "| 指標名 | 現状値 | 目標値 |\n|---|---|---|\n| 自治会加入率 | 68.2% | 75.0% |",
            "指標\t基準値\t目標値\n自治会加入率\t68.2%\t75.0%",
            "    項目          現状値      目標値\n    自治会加入率  68.2%       75.0%",
            "指 標 名　　現 状 値　　目 標 値\n自 治 会 加 入 率　　６８．２％　　７５．０％",
        ] {
            let t = tables(&v, &doc(text));
            assert_eq!(t.len(), 1, "{text}");
            let row = &t[0].rows.last().unwrap().1;
            assert_eq!(row.iter().filter(|c| !c.is_empty()).count(), 3, "{text}: {row:?}");
            assert_eq!(row.last().unwrap(), "75.0%");
        }
    }

    #[test]
    fn spreadsheet_exports_read_whole() {
        // A title row, a comma after a decimal fraction, a department merged over two rows
        // (blank under the first), a row of empty cells.
        let v = Vocabulary::built_in();
        let text = "表２　環境指標,,,\n指標名,現状値,目標値,担当課\n河川の水質達成率,92.0,100,環境課\n\
                    雨水タンク設置数,\"1,240\",\"1,500\",\n,,,";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows[0].1, ["河川の水質達成率", "92.0", "100", "環境課"]);
        assert_eq!(t[0].rows[1].1, ["雨水タンク設置数", "1,240", "1,500", "環境課"]);
        // An integer before the comma still makes a thousands comma (「1,500」 unquoted), unless
        // the header's columns say otherwise.
        assert_eq!(split_commas("花壇の数,1,500,課").unwrap(), ["花壇の数", "1,500", "課"]);
        let t = tables(
            &v,
            &doc(
                "指標名,現状値,中間値,目標値,担当課\n花壇の数,62,7,900,公園課\n街路樹の数,1,500,1,800,\"2,000\",公園課",
            ),
        );
        assert_eq!(t[0].rows[0].1, ["花壇の数", "62", "7", "900", "公園課"]);
        assert_eq!(t[0].rows[1].1, ["街路樹の数", "1,500", "1,800", "2,000", "公園課"]);
    }

    #[test]
    fn names_wrapped_in_their_column_join_their_rows() {
        let v = Vocabulary::built_in();
        let text = "  指標名          現状値   目標値\n  里山保全活動団  12       20\n  体の数\n  \
                    緑化推進員の登  30       45\n  録者数\n";
        let t = tables(&v, &doc(text));
        assert_eq!(t[0].rows.len(), 2, "{:?}", t[0].rows);
        assert_eq!((t[0].rows[0].0, t[0].row_end(0)), (2, 3));
        assert_eq!(t[0].rows[0].1, ["里山保全活動団体の数", "12", "20"]);
        assert_eq!(t[0].rows[1].1, ["緑化推進員の登録者数", "30", "45"]);
        // Figures on a middle line of names whose pieces cannot be told apart: no rows.
        let text =
            "  指標名          現状値   目標値\n  里山保全活動団\n  体の数ほか全体  12       20\n  緑化推進員の登\n  \
                    録者数ほか全体  30       45\n  の値\n";
        let t = tables(&v, &doc(text));
        assert!(t.iter().all(|t| t.rows.iter().all(|r| r.1[0] != "体の数ほか全体")), "{t:?}");
    }

    #[test]
    fn years_on_a_second_header_row() {
        let v = Vocabulary::built_in();
        let text = "まちづくり指標\t当初値\t目標値\t担当課\n\t（令和５年度）\t（令和８年度）\t\n乳幼児健診の受診率\t９６．８％\t９８．０％以上\t保健センター";
        let t = tables(&v, &doc(text));
        let target = t[0].header.columns[2].as_ref().unwrap();
        assert_eq!((target.role, target.year.as_ref().unwrap().fiscal), (Role::Target, 2026));
        assert_eq!(t[0].rows.len(), 1);
    }

    #[test]
    fn a_table_written_one_cell_per_line() {
        let v = Vocabulary::built_in();
        let text = "指標名\n現状値（R4）\n目標値（R10）\n担当課\n自治会加入率\n68.2%\n75.0%\n市民協働課\n－１２－\n公民館の利用者数\n－\n5,000人\n生涯学習課\n\n本文です。";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        let rows: Vec<(usize, usize, &str)> =
            t[0].rows.iter().enumerate().map(|(k, (no, r))| (*no, t[0].row_end(k), r[0].as_str())).collect();
        assert_eq!(rows, [(5, 8, "自治会加入率"), (10, 13, "公民館の利用者数")]);
        // Lines of words with no rows of figures under them are no table.
        assert!(tables(&v, &doc("指標名\n目標値\n本文の段落です。\n次の段落です。")).is_empty());
        // A page break of a blank line, the running title with the page number and another blank.
        let text = "指標名\n現状値\n目標値\n児童遊園の数\n23か所\n15か所\n\n樽ノ浦町公園計画　　　－ 11 －\n\n\
                    インクルーシブ遊具のある公園\n―\n3か所\n※注記です。";
        let t = tables(&v, &doc(text));
        let names: Vec<&str> = t[0].rows.iter().map(|(_, r)| r[0].as_str()).collect();
        assert_eq!(names, ["児童遊園の数", "インクルーシブ遊具のある公園"]);
    }

    #[test]
    fn one_cell_per_line_with_a_wrapped_cell_a_row_without_an_indicator_and_a_column_to_compare() {
        // A measure's name wrapped onto a second line, a row of dashes for the indicator (its
        // measure is still a row), and the rows after both.
        let text = "番号\n取組項目\n担当課\n指標\n現状値（R6）\n目標値（R12）\n1-1\nふるさと納税の返礼品の拡充と\n体験型返礼品の開発\n産業振興課\nふるさと納税の寄附額（年間）\n12,400万円\n20,000万円\n2-2\n窓口業務の委託\n住民税務課\n―\n―\n―\n3-1\n職員の人材育成\n総務課\n研修の受講者数\n15人\n30人";
        let rows = rows_of(text);
        let named: Vec<(&str, &str)> = rows.iter().map(|r| (r[1].as_str(), r[3].as_str())).collect();
        assert_eq!(
            named,
            [
                ("ふるさと納税の返礼品の拡充と体験型返礼品の開発", "ふるさと納税の寄附額(年間)"),
                ("窓口業務の委託", "―"),
                ("職員の人材育成", "研修の受講者数")
            ]
        );
        // A column of the previous plan's targets (「第２次計画の目標」) is a column of the header,
        // its figures no page numbers between rows.
        let text = "指標\n単位\n現状値\n目標値\n第２次計画の目標\n（令和７年度）\n栽培面積\nha\n418\n400\n430\n新規就農者数\n人\n3\n6\n5";
        let names: Vec<String> = rows_of(text).into_iter().map(|r| r[0].clone()).collect();
        assert_eq!(names, ["栽培面積", "新規就農者数"]);
        // Nor is one of an interim target (中間目標).
        let text = "指標名\n単位\n現状値\n（R6）\n中間目標\n（R10）\n目標値\n（R12）\n区への加入率\n％\n86.4\n87.0\n88.0\n行事に参加している村民の割合\n％\n52.3\n55.0\n60.0";
        let rows = rows_of(text);
        let read: Vec<(&str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[4].as_str())).collect();
        assert_eq!(read, [("区への加入率", "88.0"), ("行事に参加している村民の割合", "60.0")]);
    }

    #[test]
    fn a_name_wrapped_under_a_first_column_of_no_name_word() {
        // 「区分」 names no column of names, but the rows are named in it: a piece under it is
        // the rest of a name, and the rows after it are read.
        let text = "　区分　　　　　　　　　　　　　　目標（令和16年度）　現状（令和６年度）\n　認定農業者数　　　　　　　　　　75経営体　　　　　　58経営体\n　農地中間管理機構を通じた貸借面積　420ha　　　　　　　186ha\n　（累計）\n　集落営農組織の数　　　　　　　　14組織　　　　　　　９組織";
        let names: Vec<String> = rows_of(text).into_iter().map(|r| r[0].clone()).collect();
        assert_eq!(names, ["認定農業者数", "農地中間管理機構を通じた貸借面積(累計)", "集落営農組織の数"]);
    }

    #[test]
    fn a_cell_wrapped_under_a_numbered_pipe_row_goes_on_it_with_nothing_left_open() {
        let text = "| 番号 | アクション | 指標 | 現状値 | 目標値 | 担当課 |\n|---|---|---|---|---|---|\n| 1-3 | ブロック塀の撤去費の補助 | 危険なブロック塀の撤去件数 | 46件 | 120件 | 建設課 |\n| | | （累計） | | | |\n| 2-3 | 宿泊施設の避難計画の作成 | 計画を作った宿泊施設の数 | 12施設 | 全34施設 | 商工観光課 |\n| | 支援 | | | | |";
        let rows = rows_of(text);
        let cells: Vec<(&str, &str)> = rows.iter().map(|r| (r[1].as_str(), r[2].as_str())).collect();
        assert_eq!(
            cells,
            [
                ("ブロック塀の撤去費の補助", "危険なブロック塀の撤去件数(累計)"),
                ("宿泊施設の避難計画の作成支援", "計画を作った宿泊施設の数")
            ]
        );
    }

    #[test]
    fn a_header_over_lines_with_blank_columns_aligns_by_position() {
        let v = Vocabulary::built_in();
        let text = "  成果      単位   現状値（   目標値（   担当\n  指標             令和2年度）令和8年度） 課\n  公園の利用率  %  45.2       60.0       公園緑地課";
        let text = text.replace("令和2年度）令和8年度） 課", "令和2年度）  令和8年度）  課");
        let t = tables(&v, &doc(&text));
        assert_eq!(t.len(), 1, "{t:?}");
        let h = &t[0].header;
        assert_eq!(h.find(Role::Baseline), Some(2), "{h:?}");
        assert_eq!(h.columns[3].as_ref().unwrap().year.as_ref().unwrap().fiscal, 2026);
        assert_eq!(h.find(Role::Department), Some(4));
        assert_eq!(t[0].rows[0].1.len(), 5);
    }

    #[test]
    fn a_word_of_no_role_over_years_in_brackets_names_the_rows_of_a_raised_header() {
        // 「部門」 is no name word; the years close their brackets on a third line; a page's
        // running title and number stand between the rows.
        let v = Vocabulary::built_in();
        let text = "　　　　　　　　　　　　　　基準年度　　　　現状　　　　　目標\n\
                    \u{3000}部門　　　　　　　　　　　（平成25　　　　（令和５　　　　（令和12\n\
                    \u{3000}　　　　　　　　　　　　　　年度）　　　　　年度）　　　　　年度）\n\
                    \u{3000}家庭部門　　　　　　　　　　62.4　　　　　　51.8　　　　　　34.3\n\
                    \n\
                    轍ヶ丘町低炭素まちづくり計画　　　　　　　　　　　　　　９\n\
                    \n\
                    \u{3000}運輸部門（自動車）　　　　　71.5　　　　　　65.0　　　　　　46.5";
        let t = tables(&v, &doc(text));
        let rows: Vec<&Vec<String>> = t.iter().flat_map(|t| t.rows.iter().map(|(_, r)| r)).collect();
        assert_eq!(rows.len(), 2, "{t:?}");
        assert_eq!(t[0].header.names(), Some(0), "{t:?}");
        assert_eq!(t[0].header.find(Role::Target), Some(3), "{t:?}");
        assert_eq!(rows[1][0], "運輸部門(自動車)");
    }

    #[test]
    fn a_tab_row_that_lost_its_tabs_goes_on_the_row_it_continues() {
        // 「\t立地誘導\t\t」: one cell in the second column, every tab trimmed off with the
        // line's white space.
        let v = Vocabulary::built_in();
        let text = "No.\t事業名\t実施主体\t実施年度\n\
                    2\t地区計画の変更による店舗・事業所の\t村（建設課）\tR8～R9\n\
                    \t立地誘導\t\t\n\
                    3\t空き家バンクへの登録の促進\t村（企画振興課）\tR8～R12";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].rows.len(), 2, "{t:?}");
        assert_eq!(t[0].rows[0].1[1], "地区計画の変更による店舗・事業所の立地誘導");
        assert_eq!(t[0].rows[1].1[1], "空き家バンクへの登録の促進");
    }

    #[test]
    fn measures_under_a_group_title_right_below_the_header_and_not_the_chapter_above() {
        let v = Vocabulary::built_in();
        let text = "第４章　取組と担当課\n\
                    \u{3000}取組　　　　　　　　　　　　　　　　　　　　　　担当課\n\
                    （１）集約型の都市構造への転換\n\
                    \u{3000}・中心拠点区域への住み替えに対する補助　　　　　都市計画課\n\
                    （２）公共交通と自転車の利用の促進\n\
                    \u{3000}・町営バスのダイヤの見直しと増便　　　　　　　　企画課";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header.texts, ["取組", "担当課"]);
        assert_eq!(t[0].rows.len(), 2, "{t:?}");
        assert_eq!(t[0].rows[1].1, ["・町営バスのダイヤの見直しと増便", "企画課"]);
    }

    #[test]
    fn a_raised_header_with_a_column_blank_below_and_department_lists_wrapped_with_the_name() {
        // The first line leaves the names' column blank and the second the departments'; a row's
        // department list breaks after its 「・」, the rest of it on the next line beside the rest
        // of the name (or a note under it).
        let v = Vocabulary::built_in();
        let text = "                                    現状値          目標値          担当課\n\
                    \x20 指標                              （令和６年度）  （令和12年度）\n\
                    \x20 駅前の路上喫煙者数                18人            ５人以下        環境課・\n\
                    \x20 （平日朝、１時間あたり）                                          まちづくり課\n\
                    \x20 美化ボランティア「クリーン        386人           600人           環境課・\n\
                    \x20 サポーター」の登録者数                                            住民協働課";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        let h = &t[0].header;
        assert_eq!(h.find(Role::Name), Some(0), "{h:?}");
        assert_eq!(h.department(), Some(3), "{h:?}");
        assert_eq!(t[0].rows.len(), 2, "{t:?}");
        assert_eq!(t[0].rows[0].1[0], "駅前の路上喫煙者数(平日朝、1時間あたり)");
        assert_eq!(t[0].rows[0].1[3], "環境課・まちづくり課");
        assert_eq!(t[0].rows[1].1[0], "美化ボランティア「クリーンサポーター」の登録者数");
        assert_eq!(t[0].rows[1].1[3], "環境課・住民協働課");
    }

    #[test]
    fn a_lone_year_under_one_column_dates_that_column() {
        let v = Vocabulary::built_in();
        let text = "  指標名          現状値          目標値\n                                  （令和10年度）\n  自治会加入率    68.2%           75.0%";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        let year = |c: usize| t[0].header.columns[c].as_ref().unwrap().year.as_ref().map(|y| y.fiscal);
        assert_eq!((year(1), year(2)), (None, Some(2028)));
        assert_eq!(t[0].rows.len(), 1);
    }

    #[test]
    fn header_words_split_over_two_lines_stop_at_a_dated_figure() {
        let v = Vocabulary::built_in();
        let text = "成果\t基準年\tめざそ\t所管\n指標\t度値\tう値\t部\n研修の受講率\t96.4%（令和元年度）\t100%（令和8年度）\t人事課";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header.texts, ["成果指標", "基準年度値", "めざそう値", "所管部"]);
        assert_eq!(t[0].rows.len(), 1);
    }

    #[test]
    fn a_second_header_line_that_completes_the_words_of_the_first() {
        let v = Vocabulary::built_in();
        let text = "| KPI | 前回値（ | 目標値（ | 所管 |\n| 項目 | 件） | 件） | 課 |\n|---|---|---|---|\n| 不法投棄の発見件数 | 146 | 100 | 環境課 |";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header.find(Role::Name), Some(0));
        assert_eq!(t[0].header.find(Role::Target), Some(2));
    }

    #[test]
    fn years_under_a_header_stacked_over_two_tab_lines() {
        let v = Vocabulary::built_in();
        let text = "管理\t基準（\t目標（\t担当\n指標\t冊）\t冊）\t部局\n\t（2020年度）\t（令和10年度）\t\n図書館の利用率\t47.7\t67.0\t生涯学習課";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        let year = |c: usize| t[0].header.columns[c].as_ref().unwrap().year.as_ref().map(|y| y.fiscal);
        assert_eq!((year(1), year(2)), (Some(2020), Some(2028)));
        assert_eq!(t[0].rows.len(), 1);
    }

    #[test]
    fn tab_header_lines_that_lost_their_empty_cells_keep_their_columns() {
        let v = Vocabulary::built_in();
        let text = "業績\t現状値\t目標値\t中間値\t備考\n指標\t\t\t\t\n\t\t\t（令和７年度）\t\n\t（令和４年度）\t（令和10年度）\t\t\n町の従業者数\t5,820人\t6,000人\t5,900人\t統計";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        let h = &t[0].header;
        assert_eq!(h.texts[0], "業績指標");
        assert_eq!(h.columns[2].as_ref().unwrap().year.as_ref().map(|y| y.fiscal), Some(2028));
        assert_eq!(t[0].rows.len(), 1);
    }

    #[test]
    fn a_unit_in_a_header_cell_does_not_hide_its_role() {
        let v = Vocabulary::built_in();
        let text = "|指標名|現状値（団体）|R10（団体）|R12（目標）（団体）|\n|自治会数|２３|９１０|６０|";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].header.role(1), Some(Role::Baseline));
        assert_eq!(t[0].header.role(2), Some(Role::YearStep));
        assert_eq!(without_unit("現状値(単位:人)"), "現状値");
        assert_eq!(without_unit("目標値(R10)"), "目標値(R10)");
    }

    #[test]
    fn comma_separated_values() {
        let v = Vocabulary::built_in();
        let text = "指標名,現状値,目標値,担当課\n市民活動の参加者数,\"12,340人\",15,500人,市民協働課\n公園の利用率,45.2%,60.0%\n本文です。";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1);
        // The second row lacks a cell: comma rows must have the header's count.
        assert_eq!(t[0].rows.len(), 1, "{t:?}");
        assert_eq!(t[0].rows[0].1, ["市民活動の参加者数", "12,340人", "15,500人", "市民協働課"]);
        assert!(cells(&doc("来場者数 H18年度 7,670人 8,000人")[0]).is_none());
    }

    #[test]
    fn prose_is_no_table() {
        let v = Vocabulary::built_in();
        assert!(tables(&v, &doc("目標値は現状値より高く設定しました。\n本文です。")).is_empty());
    }

    #[test]
    fn a_yearly_plan_table_headed_by_kubun() {
        let v = Vocabulary::built_in();
        let text = "区分\t令和７年度\t令和８年度\t令和９年度\n量の見込み（人）\t１２０\t１１８\t１１５\n確保方策（人）\t１３０\t１３０\t１２０";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 2);
        assert!(tables(&v, &doc("区分\t内容\n利用者\t市民")).is_empty());
    }

    #[test]
    fn a_table_goes_on_under_a_subheading() {
        let v = Vocabulary::built_in();
        let text = "成果指標\t現状\t目標\n\t令和５年度\t令和１０年度\n公民館の利用者数\t４，２００人\t５，０００人\n\n基本目標３　学びを地域に生かす\n図 書 館 の 貸 出 冊 数\t１ ２ 万 冊\t１ ５ 万 冊\n\n本文の段落です。\n地区\t人口\n北地区\t１，２００人";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[1].rows.len(), 1);
        assert_eq!(t[1].rows[0].0, 6);
        assert_eq!(t[1].header.columns[2].as_ref().unwrap().year.as_ref().unwrap().fiscal, 2028);
    }

    #[test]
    fn a_baseline_and_a_target_apart_by_an_arrow_in_one_column() {
        let v = Vocabulary::built_in();
        let text = "| 指標名 | 現状値（R4）→目標値（R10） | 担当課 |\n|---|---|---|\n| 図書館の貸出冊数 | 45万冊→50万冊 | 生涯学習課 |";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        let h = &t[0].header;
        assert_eq!(
            (h.role(1), h.role(2), h.role(3)),
            (Some(Role::Baseline), Some(Role::Target), Some(Role::Department))
        );
        let year = |c: usize| h.columns[c].as_ref().unwrap().year.as_ref().map(|y| y.fiscal);
        assert_eq!((year(1), year(2)), (Some(2022), Some(2028)));
        assert_eq!(t[0].rows[0].1, ["図書館の貸出冊数", "45万冊", "50万冊", "生涯学習課"]);
    }

    #[test]
    fn a_measure_table_goes_on_after_a_page_break_and_its_repeated_header() {
        let v = Vocabulary::built_in();
        let text = "取組\t担当課\n空き家の活用\t住宅課\n－１２－\n白鷺市総合計画\n道路の補修\t〃\n公園の整備\t公園課\n- 13 -\n取組\t担当課\n通学路の点検\t〃";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 1, "{t:?}");
        let rows: Vec<(&str, &str)> = t[0].rows.iter().map(|(_, r)| (r[0].as_str(), r[1].as_str())).collect();
        assert_eq!(
            rows,
            [
                ("空き家の活用", "住宅課"),
                ("道路の補修", "住宅課"),
                ("公園の整備", "公園課"),
                ("通学路の点検", "公園課")
            ]
        );
    }

    #[test]
    fn comma_rows_under_a_comma_header_may_hold_sentences() {
        let v = Vocabulary::built_in();
        let text = "事業名,内容,担当課\n子ども食堂への支援,団体と連携して取り組みます。,子育て支援課、福祉課\n事業名,担当課\n創業支援,商工課";
        let t = tables(&v, &doc(text));
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[0].rows[0].1[2], "子育て支援課、福祉課");
        assert_eq!(t[1].rows[0].1, ["創業支援", "商工課"]);
    }
}
