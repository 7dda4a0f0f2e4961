//! Tables whose cells wrap over several lines, as document converters write them (pandoc from
//! Word): grid tables (`+----+` rules, `|` between cells, `+====+` under the header), simple
//! tables (columns marked by runs of dashes under the header) and multiline tables (between two
//! long dash rules, rows apart by blank lines). A pre-pass rewrites each such table as the pipe
//! table it is, one row on the line where the row starts, so the table reader of [`super::blocks`]
//! reads it like any other and a record cites the line its name starts on.
//!
//! It only looks further at a line that is itself a rule (`+---`, a run of dashes), so it costs
//! nothing on documents without such tables; a table it cannot read whole is left as it was.

use super::roles::Vocabulary;
use super::Line;

/// The text given to a line that a rewritten table no longer needs (a rule, a row's wrapped
/// lines): a markdown separator row, which the table reader passes over and passages skip.
pub(super) const SEPARATOR: &str = "|---|";

/// Most lines a header of a dash-ruled table may stand over.
const MAX_HEADER_LINES: usize = 2;

/// Most lines one row of a table may wrap over.
const MAX_ROW_LINES: usize = 8;

/// Rewrites every grid, simple and multiline table of the document (`raw` are its lines as
/// written, `lines` the same lines read) as pipe rows.
pub fn rewrite(vocabulary: &Vocabulary, raw: &[&str], lines: &mut [Line]) {
    let mut i = 0;
    while i < raw.len() {
        let next = if is_grid_rule(raw[i]) {
            grid(vocabulary, raw, lines, i)
        } else if is_dash_rule(raw[i]) {
            dashed(vocabulary, raw, lines, i)
        } else {
            None
        };
        i = next.unwrap_or(i + 1);
    }
}

/// `+-----+----+` or `+=====+====+` (with `:` for alignment): a rule of a grid table.
fn is_grid_rule(raw: &str) -> bool {
    let t = raw.trim();
    t.len() >= 5
        && t.starts_with('+')
        && t.ends_with('+')
        && t.matches('+').count() >= 3
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// One row of a grid table read from its lines: the cells of each line split at `|`, as many as
/// the rule above has columns. `None` when a line is no such row.
fn grid_cells(raw: &str, width: usize) -> Option<Vec<String>> {
    let t = raw.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    (cells.len() == width).then_some(cells)
}

/// A grid table from the rule at `i`: its rows (the lines between two rules) with their cells
/// joined line by line, and the header (the rows above the `+===+` rule) as one row. Returns the
/// index after the table, or `None` when what follows the rule is no grid table.
fn grid(vocabulary: &Vocabulary, raw: &[&str], lines: &mut [Line], i: usize) -> Option<usize> {
    let width = raw[i].trim().matches('+').count() - 1;
    let mut rows: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    let mut current: Vec<Vec<String>> = Vec::new();
    let mut start = i + 1;
    let mut j = i + 1;
    while j < raw.len() {
        if is_grid_rule(raw[j]) {
            if current.is_empty() {
                return None;
            }
            rows.push((start, std::mem::take(&mut current)));
            start = j + 1;
            j += 1;
            continue;
        }
        match grid_cells(raw[j], width) {
            Some(cells) if current.len() < MAX_ROW_LINES => current.push(cells),
            _ => break,
        }
        j += 1;
    }
    // A table ends on a rule: lines after the last rule that are no row end it unread.
    if rows.is_empty() || !current.is_empty() {
        return None;
    }
    for line in &mut lines[i..j] {
        *line = Line::new(line.no, SEPARATOR);
    }
    for (at, row) in rows {
        let end = lines[at + row.len() - 1].no;
        lines[at] = Line::new(lines[at].no, &pipe_row(&joined(vocabulary, &row)));
        lines[at].row_end = Some(end);
    }
    Some(j)
}

/// The cells of a row standing over several lines, each column's pieces joined in order.
fn joined(vocabulary: &Vocabulary, pieces: &[Vec<String>]) -> Vec<String> {
    let width = pieces.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            let mut cell = String::new();
            for piece in pieces.iter().filter_map(|p| p.get(c)).filter(|p| !p.is_empty()) {
                cell.push_str(joiner(vocabulary, &cell, piece));
                cell.push_str(piece);
            }
            cell
        })
        .collect()
}

/// What goes between two pieces of a wrapped cell: nothing in Japanese text, which a converter
/// breaks anywhere (「交通」 + 「政策課）」); a space between Latin words; 「、」 between two
/// whole departments, each on its own line of the cell (「建設水道課」 over 「工務係」).
pub(super) fn joiner(vocabulary: &Vocabulary, before: &str, piece: &str) -> &'static str {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if before.is_empty() {
        ""
    } else if latin(before.chars().last()) && latin(piece.chars().next()) {
        " "
    } else if !before.ends_with(['、', '・', ','])
        && is_department(vocabulary, before)
        && is_department(vocabulary, piece)
    {
        "、"
    } else {
        ""
    }
}

/// Whether a piece of a cell names departments and nothing else (「建設水道課」, 「総務企画課、」).
fn is_department(vocabulary: &Vocabulary, piece: &str) -> bool {
    let text = super::normalize::line(piece);
    vocabulary.departments_in(text.trim_end_matches(['、', '・', ','])).is_some()
}

/// A row written as a pipe row, which the table reader reads cell for cell.
pub(super) fn pipe_row(cells: &[String]) -> String {
    // No spaces round the pipes: a row of short cells would read as letter-spaced PDF text.
    let mut row = String::from("|");
    for cell in cells {
        row.push_str(cell);
        row.push('|');
    }
    row
}

/// The display columns each run of dashes of a line covers (a wide letter counts two): the
/// columns of a dash-ruled table. Empty when the line is not dashes and spaces only.
fn dash_runs(raw: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    let mut column = 0;
    for c in raw.trim_end().chars() {
        match c {
            '-' => {
                start.get_or_insert(column);
            }
            ' ' => {
                if let Some(s) = start.take() {
                    runs.push((s, column - 1));
                }
            }
            _ => return Vec::new(),
        }
        column += 1;
    }
    if let Some(s) = start {
        runs.push((s, column - 1));
    }
    runs
}

/// A line of at least two runs of dashes, each three long or more: the rule under a header of a
/// simple table (or the column rule of a multiline table).
fn is_column_rule(raw: &str) -> bool {
    let runs = dash_runs(raw);
    runs.len() >= 2 && runs.iter().all(|(a, b)| b - a >= 2)
}

/// A single run of dashes as wide as a table (the rule above and below a multiline table).
fn is_long_rule(raw: &str) -> bool {
    let runs = dash_runs(raw);
    runs.len() == 1 && runs[0].1 - runs[0].0 >= 19
}

fn is_dash_rule(raw: &str) -> bool {
    is_column_rule(raw) || is_long_rule(raw)
}

fn is_blank(raw: &str) -> bool {
    raw.trim().is_empty()
}

/// The pieces of a line between runs of two spaces or more, each with the display column it
/// starts at (a wide letter and an ideographic space count two). A single space ends a piece too
/// where the next word starts in another of the columns `runs`: a name as wide as its column
/// leaves one space before the next cell (「内部留保資金（千円） 215,000」).
fn pieces(raw: &str, runs: &[(usize, usize)]) -> Vec<(usize, String)> {
    let column_at = |at: usize| runs.iter().rposition(|(a, _)| *a <= at);
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut column = 0;
    let mut spaces = 0;
    let mut piece = String::new();
    let mut at = 0;
    for c in raw.trim_end().chars() {
        let (blank, width) = match c {
            ' ' => (true, 1),
            '\u{3000}' => (true, 2),
            '\t' => (true, 1),
            c => (false, if c.is_ascii() { 1 } else { 2 }),
        };
        if blank {
            spaces += width;
        } else {
            if spaces >= 2 || piece.is_empty() || spaces == 1 && column_at(column) != column_at(at) {
                if !piece.is_empty() {
                    out.push((at, std::mem::take(&mut piece)));
                }
                at = column;
            } else if spaces == 1 {
                piece.push(' ');
            }
            piece.push(c);
            spaces = 0;
        }
        column += width;
    }
    if !piece.is_empty() {
        out.push((at, piece));
    }
    out
}

/// The pieces of a line in the columns of `runs`: each piece in the column it starts in (a
/// piece may run over into the next column's space, as wide cells do). `None` when a piece
/// starts outside every column and left of the first, or two pieces fall in one column.
fn columns_of(raw: &str, runs: &[(usize, usize)]) -> Option<Vec<String>> {
    let mut cells = vec![String::new(); runs.len()];
    for (at, piece) in pieces(raw, runs) {
        // The column it starts in, or the next one when it starts in the gap after a column.
        let column = runs.iter().rposition(|(a, _)| *a <= at)?;
        let (_, end) = runs[column];
        let column = if at > end + 1 && column + 1 < runs.len() { column + 1 } else { column };
        if !cells[column].is_empty() {
            return None;
        }
        cells[column] = piece;
    }
    Some(cells)
}

/// A simple or multiline table around the dash rule at `i`; returns the index after it.
fn dashed(vocabulary: &Vocabulary, raw: &[&str], lines: &mut [Line], i: usize) -> Option<usize> {
    if is_long_rule(raw[i]) {
        return multiline(vocabulary, raw, lines, i).or_else(|| underline(raw, lines, i));
    }
    let runs = dash_runs(raw[i]);
    // The header: the lines right above the rule whose pieces all stand in its columns.
    let mut top = i;
    while top > 0 && i - top < MAX_HEADER_LINES && !is_blank(raw[top - 1]) && !is_dash_rule(raw[top - 1]) {
        if !fits(raw[top - 1], &runs) {
            break;
        }
        top -= 1;
    }
    if top == i {
        return None;
    }
    let header: Vec<Vec<String>> = (top..i).map(|k| columns_of(raw[k], &runs)).collect::<Option<_>>()?;
    // The rows: one a line, a line whose first column is empty going on the row above, up to
    // a blank line, a closing rule or a line that is no row of these columns.
    let mut rows: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    let mut j = i + 1;
    while j < raw.len() && !is_blank(raw[j]) && !is_dash_rule(raw[j]) {
        let Some(cells) = columns_of(raw[j], &runs).filter(|_| fits(raw[j], &runs)) else { break };
        match rows.last_mut() {
            Some((_, row)) if cells[0].is_empty() && row.len() < MAX_ROW_LINES => row.push(cells),
            _ if cells[0].is_empty() => break,
            _ => rows.push((j, vec![cells])),
        }
        j += 1;
    }
    if rows.is_empty() {
        return None;
    }
    let end = if j < raw.len() && is_column_rule(raw[j]) { j + 1 } else { j };
    for line in &mut lines[top..end] {
        *line = Line::new(line.no, SEPARATOR);
    }
    lines[top] = Line::new(lines[top].no, &pipe_row(&joined(vocabulary, &header)));
    for (at, row) in rows {
        lines[at] = Line::new(lines[at].no, &pipe_row(&joined(vocabulary, &row)));
    }
    Some(end)
}

/// A long rule that only underlines a header aligned by spaces (「指標　現状値　目標値」 over
/// 「------」 over the rows): the rule becomes a separator row, which the table reader passes
/// over, so that header and rows are one table. Returns the index after it.
fn underline(raw: &[&str], lines: &mut [Line], i: usize) -> Option<usize> {
    let framed = i > 0 && !is_blank(raw[i - 1]) && raw.get(i + 1).is_some_and(|l| !is_blank(l) && !is_dash_rule(l));
    if !framed {
        return None;
    }
    lines[i] = Line::new(lines[i].no, SEPARATOR);
    Some(i + 1)
}

/// Whether every piece of a line starts in one of the columns (a line of text above a table,
/// 「単位：千円」 between two columns, is no header line of it).
fn fits(raw: &str, runs: &[(usize, usize)]) -> bool {
    let first = runs.first().map_or(0, |r| r.0);
    pieces(raw, runs).iter().all(|(at, _)| *at >= first && runs.iter().any(|(a, b)| at >= a && at <= b))
}

/// A multiline table: a long rule, header lines, a column rule, rows apart by blank lines (each
/// over several lines), a long rule. Returns the index after it.
fn multiline(vocabulary: &Vocabulary, raw: &[&str], lines: &mut [Line], i: usize) -> Option<usize> {
    let rule = (i + 2..=i + 1 + MAX_HEADER_LINES).find(|&k| raw.get(k).is_some_and(|l| is_column_rule(l)))?;
    let runs = dash_runs(raw[rule]);
    let header: Vec<Vec<String>> = (i + 1..rule).map(|k| columns_of(raw[k], &runs)).collect::<Option<_>>()?;
    let mut rows: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    let mut current: Option<(usize, Vec<Vec<String>>)> = None;
    let mut j = rule + 1;
    loop {
        let line = raw.get(j)?;
        if is_long_rule(line) {
            break;
        }
        if is_blank(line) {
            rows.extend(current.take());
        } else {
            let cells = columns_of(line, &runs)?;
            match current.as_mut() {
                Some((_, row)) if row.len() < MAX_ROW_LINES => row.push(cells),
                Some(_) => return None,
                None => current = Some((j, vec![cells])),
            }
        }
        j += 1;
    }
    rows.extend(current);
    if rows.is_empty() {
        return None;
    }
    for line in &mut lines[i..=j] {
        *line = Line::new(line.no, SEPARATOR);
    }
    lines[i + 1] = Line::new(lines[i + 1].no, &pipe_row(&joined(vocabulary, &header)));
    for (at, row) in rows {
        lines[at] = Line::new(lines[at].no, &pipe_row(&joined(vocabulary, &row)));
    }
    Some(j + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::roles::Role;

    /// The document's lines after the pre-pass.
    fn read(text: &str) -> Vec<String> {
        let raw: Vec<&str> = text.split('\n').collect();
        let mut lines: Vec<Line> = raw.iter().enumerate().map(|(i, r)| Line::new(i + 1, r)).collect();
        rewrite(&Vocabulary::built_in(), &raw, &mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_grid_table_with_wrapped_cells_becomes_one_pipe_row_per_row() {
        let text = "+------------+----------+----------+\n\
                    | 指標名     | 基準値   | 目標値   |\n\
                    |            | （R4）   | （R10）  |\n\
                    +============+==========+==========+\n\
                    | 図書館の年 | 12.5     | 15.0     |\n\
                    | 間貸出冊数 | （R5）   |          |\n\
                    +------------+----------+----------+\n\
                    | 公民館数   | 8        | 9        |\n\
                    +------------+----------+----------+\n\
                    本文です。";
        let lines = read(text);
        assert_eq!(lines[1], "|指標名|基準値(R4)|目標値(R10)|");
        assert_eq!(lines[4], "|図書館の年間貸出冊数|12.5(R5)|15.0|");
        assert_eq!(lines[7], "|公民館数|8|9|");
        assert!([0, 2, 3, 5, 6, 8].iter().all(|&k| lines[k] == SEPARATOR), "{lines:?}");
        assert_eq!(lines[9], "本文です。");
    }

    #[test]
    fn a_grid_table_that_does_not_close_is_left_as_it_was() {
        let text = "+-----+-----+\n| 項目 | 値 |\n本文です。";
        assert_eq!(read(text), ["+-----+-----+", "| 項目 | 値 |", "本文です。"]);
    }

    #[test]
    fn a_department_broken_mid_word_joins_and_two_departments_stay_two() {
        let text = "+--------+------------+\n| 事業   | 担当       |\n+========+============+\n| 道路の | 市（道路   |\n| 補修   | 管理課）   |\n+--------+------------+\n| 清掃   | 環境課     |\n|        | 清掃係     |\n+--------+------------+";
        let lines = read(text);
        assert_eq!(lines[3], "|道路の補修|市(道路管理課)|");
        assert_eq!(lines[6], "|清掃|環境課、清掃係|");
    }

    #[test]
    fn a_long_rule_that_underlines_a_header_is_a_separator() {
        let text = "  番号  取組                  担当課\n  ----------------------------------------\n  1     喫煙所の設置          まちづくり課\n\n  ----------------------------------------\n本文です。";
        let lines = read(text);
        assert_eq!(lines[1], super::SEPARATOR);
        assert_eq!(lines[2], "1 喫煙所の設置 まちづくり課");
        // A rule with a blank line on one side frames nothing: it stays as it was.
        assert_ne!(lines[4], super::SEPARATOR);
    }

    #[test]
    fn a_simple_table_with_a_header_over_two_lines() {
        let text = "  コード  指標名          現状値    目標値\n                          （R5）    （R10）\n  ------  --------------  --------  --------\n  A1      公園の数        12        15\n  A2      花壇の数        30        40\n  ------  --------------  --------  --------\n\n本文です。";
        let lines = read(text);
        assert_eq!(lines[0], "|コード|指標名|現状値(R5)|目標値(R10)|");
        assert_eq!(lines[3], "|A1|公園の数|12|15|");
        assert_eq!(lines[4], "|A2|花壇の数|30|40|");
        assert_eq!((lines[1].as_str(), lines[5].as_str()), (SEPARATOR, SEPARATOR));
    }

    #[test]
    fn a_row_of_a_simple_table_goes_on_where_its_first_column_is_empty() {
        let text = "  事業          担当\n  ------------  ----------\n  道路の補修    道路課\n                補修係\n  公園の清掃    公園課\n";
        let lines = read(text);
        assert_eq!(lines[2], "|道路の補修|道路課、補修係|");
        assert_eq!(lines[3], SEPARATOR);
        assert_eq!(lines[4], "|公園の清掃|公園課|");
    }

    #[test]
    fn a_column_named_by_a_western_year_and_its_step_heads_a_table() {
        let v = Vocabulary::built_in();
        let cells: Vec<String> = ["番号", "指標", "2022年度(実績)", "2030年度(目標)"].map(String::from).to_vec();
        let header = super::super::blocks::header(&v, 1, &cells).expect("a header");
        let step = |c: usize| header.columns[c].as_ref().map(|l| (l.role, l.mark, l.year.as_ref().map(|y| y.fiscal)));
        assert_eq!(step(2), Some((Role::YearStep, Some(Role::Baseline), Some(2022))));
        assert_eq!(step(3), Some((Role::YearStep, Some(Role::Target), Some(2030))));
        // A western year alone is still a figure: a row of years is no header.
        assert!(v.label("2019年度").is_none());
    }

    #[test]
    fn a_multiline_table_between_long_rules() {
        let text = "--------------------------------------\n  項目          現状      目標\n                （R5）    （R10）\n------------  --------  --------\n  ごみの排出量  820       750\n  （１人１日）\n\n  資源化率      18%       25%\n--------------------------------------";
        let lines = read(text);
        assert_eq!(lines[1], "|項目|現状(R5)|目標(R10)|");
        assert_eq!(lines[4], "|ごみの排出量(1人1日)|820|750|");
        assert_eq!(lines[7], "|資源化率|18%|25%|");
        assert!([0, 2, 3, 5, 6, 8].iter().all(|&k| lines[k] == SEPARATOR), "{lines:?}");
    }

    #[test]
    fn lines_of_dashes_that_frame_no_table_stay() {
        let text =
            "---\ntitle: 計画\n---\n\n--------------------------------\n本文です。\n--------------------------------";
        let lines = read(text);
        assert_eq!(lines[4], "--------------------------------");
        assert_eq!(lines[1], "title: 計画");
    }
}
