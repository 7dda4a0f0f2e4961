//! Tables that PDF text extraction (pdftotext without -layout) wrote column by column: the
//! header's cells one a line (a year line under a word belongs to it), then every name, then every
//! figure of the first value column, then every figure of the next. A pre-pass rewrites such a
//! table as pipe rows on the lines of its names, so the table reader reads it like any other and
//! each row cites the line its name stands on.
//!
//! It looks further only at a short line that is a name column's header word, and leaves the
//! lines as they were unless the figures divide evenly among the names.

use super::grid::{pipe_row, SEPARATOR};
use super::roles::{Role, Vocabulary};
use super::value::{self, looks_like_value};
use super::Line;

/// Most cells of a header written one a line.
const MAX_HEADER: usize = 8;

/// Most rows such a table may have.
const MAX_ROWS: usize = 60;

/// Longest line that may be one cell.
const MAX_CELL: usize = 40;

/// Rewrites every table written column by column as pipe rows.
pub fn rewrite(vocabulary: &Vocabulary, lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        i = table(vocabulary, lines, i).unwrap_or(i + 1);
    }
}

/// The text of a line that is one cell alone: short, no separator of cells.
fn lone(line: &Line) -> Option<&str> {
    let text = line.text.trim();
    // Its length first: most lines are longer than a cell, and counting is cheaper than a search.
    let one = !text.is_empty() && line.cells.is_empty() && text.chars().count() <= MAX_CELL;
    (one && !text.contains(['|', '\t'])).then_some(text)
}

/// A line that only dates the header word above it: 「（令和４年度）」.
fn is_year_line(text: &str) -> bool {
    !value::years_in(text).is_empty() && value::strip_years(text).chars().all(|c| "()[] ".contains(c))
}

/// The table written column by column from line `i`; returns the index after it.
fn table(vocabulary: &Vocabulary, lines: &mut [Line], i: usize) -> Option<usize> {
    let first = lone(&lines[i])?;
    if !vocabulary.exact_label(first).is_some_and(|l| l.role == Role::Name) {
        return None;
    }
    // The header: header words, each with the year lines under it.
    let mut header: Vec<String> = vec![first.to_string()];
    let mut j = i + 1;
    while j < lines.len() && header.len() <= MAX_HEADER {
        let Some(text) = lone(&lines[j]) else { break };
        if is_year_line(text) {
            header.last_mut()?.push_str(text);
        } else if vocabulary.exact_label(text).is_some_and(|l| l.role.is_value()) && !looks_like_value(text) {
            header.push(text.to_string());
        } else {
            break;
        }
        j += 1;
    }
    let columns = header.len() - 1;
    if columns == 0 {
        return None;
    }
    // The names: lone lines that are no figures; then the figures, column after column.
    let names_from = j;
    let name = |t: &str| !looks_like_value(t) && !vocabulary.is_word(t);
    while j < lines.len() && j - names_from < 2 * MAX_ROWS && lone(&lines[j]).is_some_and(name) {
        j += 1;
    }
    let figures_from = j;
    while j < lines.len() && j - figures_from < columns * MAX_ROWS && lone(&lines[j]).is_some_and(looks_like_value) {
        j += 1;
    }
    let figures = j - figures_from;
    // One row is a table written row by row, cell after cell, as well: that reader's (blocks).
    if figures < 2 * columns || !figures.is_multiple_of(columns) {
        return None;
    }
    let rows = figures / columns;
    let names = names(&lines[names_from..figures_from], rows)?;
    let row_of = |k: usize| -> Vec<String> {
        let mut row = vec![names[k].1.clone()];
        row.extend((0..columns).map(|c| lines[figures_from + c * rows + k].text.trim().to_string()));
        row
    };
    // Each row cites its name and, down to the last column, its figures.
    let last = |k: usize| lines[figures_from + (columns - 1) * rows + k].no;
    let rewritten: Vec<(usize, String, usize)> =
        (0..rows).map(|k| (names_from + names[k].0, pipe_row(&row_of(k)), last(k))).collect();
    for line in &mut lines[i..j] {
        *line = Line::new(line.no, SEPARATOR);
    }
    lines[i] = Line::new(lines[i].no, &pipe_row(&header));
    for (at, row, end) in rewritten {
        lines[at] = Line::new(lines[at].no, &row);
        lines[at].row_end = Some(end);
    }
    Some(j)
}

/// The names of `rows` rows from their lines: a name broken over two lines goes on on a line
/// that starts with kana of a particle (「による…」「の…」), as Japanese never starts a name
/// so. Each name with the index of its first line; `None` when they do not come out `rows`.
fn names(lines: &[Line], rows: usize) -> Option<Vec<(usize, String)>> {
    let mut names: Vec<(usize, String)> = Vec::new();
    let goes_on = lines.len() > rows;
    for (k, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        let particle = text.starts_with(super::normalize::is_hiragana);
        match names.last_mut() {
            Some((_, name)) if goes_on && particle => name.push_str(text),
            _ => names.push((k, text.to_string())),
        }
    }
    (names.len() == rows).then_some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        let mut lines: Vec<Line> = text.split('\n').enumerate().map(|(i, r)| Line::new(i + 1, r)).collect();
        rewrite(&Vocabulary::built_in(), &mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_table_written_column_by_column_becomes_rows_on_the_lines_of_its_names() {
        let text = "指標名\n基準値\n（令和５年度）\n目標値\n公園の数\n花壇の\nある公園の数\n緑化ボランティア数\n12か所\n3か所\n45人\n15か所\n6か所\n60人\n※本文です。";
        let lines = read(text);
        assert_eq!(lines[0], "|指標名|基準値(令和5年度)|目標値|");
        assert_eq!(lines[4], "|公園の数|12か所|15か所|");
        assert_eq!(lines[5], "|花壇のある公園の数|3か所|6か所|");
        assert_eq!(lines[7], "|緑化ボランティア数|45人|60人|");
        assert!([1, 2, 3, 6, 8, 13].iter().all(|&k| lines[k] == SEPARATOR), "{lines:?}");
        assert_eq!(lines[14], "本文です。");
        // Each row's record cites the lines of its figures, and quotes the row alone.
        let doc = super::super::Doc::from_text(text);
        let tables = super::super::blocks::tables(&Vocabulary::built_in(), &doc.lines);
        assert_eq!((tables[0].rows[1].0, tables[0].row_end(1)), (6, 13));
        assert_eq!(doc.quote(6, 13), "|花壇のある公園の数|3か所|6か所|");
    }

    #[test]
    fn figures_that_do_not_divide_among_the_names_leave_the_lines_as_they_are() {
        let text = "指標名\n目標値\n公園の数\n花壇の数\n12か所";
        assert_eq!(read(text), ["指標名", "目標値", "公園の数", "花壇の数", "12か所"]);
    }
}
