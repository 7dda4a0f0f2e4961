//! Tables as HTML exports leave them in a text (a page saved as text, a converter that keeps
//! `<table>`): `<tr>` rows of `<th>`/`<td>` cells, a row on one line or a cell a line, `<br>`
//! inside a cell, `rowspan`/`colspan`, a `<caption>`, entities (`&nbsp;`, `&#12288;`, `&amp;`).
//! A pre-pass rewrites each such table as the pipe table it is, one row on the line where the
//! row starts (its `<tr>`), so the table reader of [`super::blocks`] reads it like any other and
//! a record cites the lines of its row. A cell merged over rows (`rowspan`) is the same cell in
//! each of them; a row of one cell spanning the table (its title) becomes a line of text.
//!
//! It only looks further at a line that opens a `<table>`, so it costs nothing on documents
//! without one; a table it cannot place row by row (two rows on one line) is left as it was.

use super::grid::{joiner, pipe_row, SEPARATOR};
use super::roles::Vocabulary;
use super::Line;

/// Most lines one table may stand over.
const MAX_LINES: usize = 4000;

/// Most rows and columns a table may have, and a span may cover.
const MAX_ROWS: usize = 400;
const MAX_COLUMNS: usize = 64;

/// Rewrites every HTML table of the document (`raw` are its lines as written, `lines` the same
/// lines read) as pipe rows.
pub fn rewrite(vocabulary: &Vocabulary, raw: &[&str], lines: &mut [Line]) {
    let mut i = 0;
    while i < raw.len() {
        i = if opens_table(raw[i]) { table(vocabulary, raw, lines, i).unwrap_or(i + 1) } else { i + 1 };
    }
}

fn opens_table(raw: &str) -> bool {
    // Most lines hold no '<' at all: one fast search decides them.
    raw.contains('<') && raw.as_bytes().windows(6).any(|w| w.eq_ignore_ascii_case(b"<table"))
}

/// A cell as written: its text in pieces (apart at `<br>` and line ends), and its spans.
#[derive(Default)]
struct Cell {
    pieces: Vec<String>,
    rowspan: usize,
    colspan: usize,
    /// A `<th>`: a header cell.
    head: bool,
}

/// A row as written: the line indices it starts and ends on, its cells.
struct Row {
    start: usize,
    end: usize,
    cells: Vec<Cell>,
}

/// What is being read.
#[derive(Default)]
struct Reader {
    rows: Vec<Row>,
    cell: Option<Cell>,
    caption: Option<(usize, Vec<String>)>,
    in_caption: bool,
    closed: bool,
}

impl Reader {
    fn text(&mut self, text: &str) {
        let target = if self.in_caption {
            self.caption.as_mut().map(|c| &mut c.1)
        } else {
            self.cell.as_mut().map(|c| &mut c.pieces)
        };
        if let Some(pieces) = target {
            match pieces.last_mut() {
                Some(last) => last.push_str(text),
                None => pieces.push(text.to_string()),
            }
        }
    }

    /// Ends the piece being written (a `<br>`, a line end inside a cell).
    fn piece(&mut self) {
        let target = if self.in_caption {
            self.caption.as_mut().map(|c| &mut c.1)
        } else {
            self.cell.as_mut().map(|c| &mut c.pieces)
        };
        if let Some(pieces) = target {
            pieces.push(String::new());
        }
    }

    fn end_cell(&mut self, at: usize) {
        if let Some(cell) = self.cell.take() {
            if self.rows.last().is_none() {
                self.rows.push(Row { start: at, end: at, cells: Vec::new() });
            }
            if let Some(row) = self.rows.last_mut() {
                row.end = at;
                if row.cells.len() < MAX_COLUMNS {
                    row.cells.push(cell);
                }
            }
        }
    }

    fn tag(&mut self, tag: &str, at: usize, open_row: &mut bool) {
        let lower = tag.to_ascii_lowercase();
        let closing = lower.starts_with('/');
        let name: String = lower.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        match (name.as_str(), closing) {
            ("tr", false) => {
                self.end_cell(at);
                if self.rows.len() < MAX_ROWS {
                    self.rows.push(Row { start: at, end: at, cells: Vec::new() });
                }
                *open_row = true;
            }
            ("tr", true) => {
                self.end_cell(at);
                if let Some(row) = self.rows.last_mut() {
                    row.end = at;
                }
                *open_row = false;
            }
            ("td" | "th", false) => {
                self.end_cell(at);
                if !*open_row && self.rows.len() < MAX_ROWS {
                    self.rows.push(Row { start: at, end: at, cells: Vec::new() });
                    *open_row = true;
                }
                self.cell = Some(Cell {
                    pieces: Vec::new(),
                    rowspan: span(&lower, "rowspan").min(MAX_ROWS),
                    colspan: span(&lower, "colspan").min(MAX_COLUMNS),
                    head: name == "th",
                });
            }
            ("td" | "th", true) => self.end_cell(at),
            ("caption", false) => {
                self.caption = Some((at, Vec::new()));
                self.in_caption = true;
            }
            ("caption", true) => self.in_caption = false,
            ("br" | "p" | "div" | "li", _) => self.piece(),
            ("table", true) => {
                self.end_cell(at);
                self.closed = true;
            }
            _ => {}
        }
    }
}

/// The value of a `rowspan="2"` or `colspan=3` attribute of a tag; 1 when absent or unreadable.
fn span(tag: &str, attribute: &str) -> usize {
    let Some(at) = tag.find(attribute) else { return 1 };
    let rest = tag[at + attribute.len()..].trim_start().trim_start_matches('=').trim_start();
    let digits: String =
        rest.trim_start_matches(['"', '\'']).chars().take_while(char::is_ascii_digit).take(4).collect();
    digits.parse().ok().filter(|&n| n >= 1).unwrap_or(1)
}

/// Reads the table opening at line `i`; returns the index after it, or `None` when it is not
/// closed within [`MAX_LINES`] or its rows cannot each have a line of their own.
fn table(vocabulary: &Vocabulary, raw: &[&str], lines: &mut [Line], i: usize) -> Option<usize> {
    let mut reader = Reader::default();
    let mut open_row = false;
    let mut j = i;
    // Text before `<table` on its line is not the table's.
    let mut from = raw[i].to_ascii_lowercase().find("<table")?;
    while j < raw.len() && j < i + MAX_LINES && !reader.closed {
        let line = &raw[j][from..];
        from = 0;
        let mut rest = line;
        while !rest.is_empty() && !reader.closed {
            match rest.find('<') {
                Some(0) => {
                    let end = rest.find('>').unwrap_or(rest.len());
                    reader.tag(&rest[1..end], j, &mut open_row);
                    rest = rest.get(end + 1..).unwrap_or("");
                }
                Some(k) => {
                    reader.text(&decode(&rest[..k]));
                    rest = &rest[k..];
                }
                None => {
                    reader.text(&decode(rest));
                    rest = "";
                }
            }
        }
        reader.piece();
        j += 1;
    }
    if !reader.closed || reader.rows.is_empty() {
        return None;
    }
    let rows = spread(vocabulary, &reader.rows);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let starts: Vec<usize> = reader.rows.iter().map(|r| r.start).collect();
    let caption = reader.caption.as_ref().map(|(at, pieces)| (*at, joined(vocabulary, pieces)));
    let mut taken = starts.clone();
    taken.extend(caption.iter().map(|c| c.0));
    taken.sort_unstable();
    if taken.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    for line in &mut lines[i..j] {
        *line = Line::new(line.no, SEPARATOR);
    }
    if let Some((at, text)) = caption {
        lines[at] = Line::new(lines[at].no, &text);
    }
    for (row, cells) in reader.rows.iter().zip(&rows) {
        // A title spanning the table: a line of text, no row.
        let title = row.cells.len() == 1 && row.cells[0].colspan >= width && width > 1 && !cells[0].is_empty();
        let text = if title { cells[0].clone() } else { pipe_row(cells) };
        lines[row.start] = Line::new(lines[row.start].no, &text);
        if row.end > row.start && !title {
            lines[row.start].row_end = Some(lines[row.end].no);
        }
    }
    Some(j)
}

/// The rows' cells with spans spread out: a cell merged over rows stands in each of them; a
/// cell over columns stands in the first with the others empty, but a header's (a `<th>`, or a
/// cell of a row without figures: 「基準値」 over 「時点」 and 「値」) names each of its columns.
fn spread(vocabulary: &Vocabulary, rows: &[Row]) -> Vec<Vec<String>> {
    // Per column: how many more rows a merged cell covers, and its text.
    let mut carried: Vec<(usize, String)> = Vec::new();
    let mut out = Vec::new();
    for row in rows {
        let texts: Vec<String> = row.cells.iter().map(|c| joined(vocabulary, &c.pieces).replace('|', "/")).collect();
        let figures = texts.iter().any(|t| super::value::strip_years(t).contains(|c: char| c.is_ascii_digit()));
        let mut cells: Vec<String> = Vec::new();
        let mut column = 0;
        for (cell, text) in row.cells.iter().zip(texts) {
            take_carried(&mut carried, &mut cells, &mut column);
            let names_each = cell.head || !figures;
            for k in 0..cell.colspan.min(MAX_COLUMNS.saturating_sub(column)) {
                if carried.len() <= column + k {
                    carried.resize(column + k + 1, (0, String::new()));
                }
                let piece = if k == 0 || names_each { text.clone() } else { String::new() };
                if cell.rowspan > 1 {
                    carried[column + k] = (cell.rowspan - 1, piece.clone());
                }
                cells.push(piece);
            }
            column += cell.colspan;
        }
        take_carried(&mut carried, &mut cells, &mut column);
        out.push(cells);
    }
    out
}

/// The cells merged from rows above that stand at `column` on, added to the row.
fn take_carried(carried: &mut [(usize, String)], cells: &mut Vec<String>, column: &mut usize) {
    while let Some((left, text)) = carried.get_mut(*column).filter(|(left, _)| *left > 0) {
        *left -= 1;
        cells.push(text.clone());
        *column += 1;
    }
}

/// A cell's pieces, each trimmed, joined as a wrapped cell's are (see [`joiner`]).
fn joined(vocabulary: &Vocabulary, pieces: &[String]) -> String {
    let mut cell = String::new();
    for piece in pieces.iter().map(|p| p.trim_matches(|c: char| c.is_whitespace())).filter(|p| !p.is_empty()) {
        cell.push_str(joiner(vocabulary, &cell, piece));
        cell.push_str(piece);
    }
    cell
}

/// Text with its character references decoded: the named ones converters write (`&nbsp;`,
/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&ensp;`, `&emsp;`, `&thinsp;`) and numeric ones
/// (`&#12288;`, `&#x3000;`). Anything else is kept as written.
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.char_indices().take(12).find(|(_, c)| *c == ';').map(|(k, _)| k);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32).filter(|c| !c.is_control() || c.is_whitespace())
                }),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks;

    fn rewritten(text: &str) -> Vec<Line> {
        let vocabulary = Vocabulary::built_in();
        let raw: Vec<&str> = text.split('\n').collect();
        let mut lines: Vec<Line> = raw.iter().enumerate().map(|(i, r)| Line::new(i + 1, r)).collect();
        rewrite(&vocabulary, &raw, &mut lines);
        lines
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(decode("&#12288;緑地&amp;公園&nbsp;"), "\u{3000}緑地&公園 ");
        assert_eq!(decode("&#x3000;A&lt;B"), "\u{3000}A<B");
        assert_eq!(decode("R&D 5&6 &unknown; &#xZZ; &"), "R&D 5&6 &unknown; &#xZZ; &");
        assert_eq!(decode("&#0;&#1114112;"), "&#0;&#1114112;");
    }

    #[test]
    fn a_row_a_line_becomes_pipe_rows_with_br_joined_and_rowspan_spread() {
        let lines = rewritten(
            "前文\n<table border=\"1\">\n<caption>成果指標</caption>\n<tr><th>指標名</th><th>現状値</th><th>目標値</th><th>担当課</th></tr>\n\
             <tr><td>&#12288;里山保全活動の<br>参加団体数</td><td>12&nbsp;</td><td>20</td><td rowspan=\"2\">みどり推進課</td></tr>\n\
             <tr><td>緑のカーテン設置数</td><td>340</td><td>500</td></tr>\n</table>\n後文",
        );
        assert_eq!(lines[2].text, "成果指標");
        assert_eq!(blocks::cells(&lines[4]).unwrap(), ["里山保全活動の参加団体数", "12", "20", "みどり推進課"]);
        assert_eq!(blocks::cells(&lines[5]).unwrap(), ["緑のカーテン設置数", "340", "500", "みどり推進課"]);
        assert_eq!(lines[1].text, SEPARATOR);
        assert_eq!(lines[6].text, SEPARATOR);
        assert_eq!(lines[7].text, "後文");
    }

    #[test]
    fn a_cell_a_line_row_stands_on_its_tr_line_and_ends_on_its_close() {
        let lines = rewritten(
            "<TABLE>\n<tr><th colspan=\"3\">表２　指標一覧</th></tr>\n<tr>\n  <th>指標名</th>\n  <th>基準値</th>\n  <th>目標値</th>\n</tr>\n\
             <tr>\n  <td>星空観察会の参加者数</td>\n  <td>85</td>\n  <td>120</td>\n</tr>\n</TABLE>",
        );
        assert_eq!(lines[1].text, "表2 指標一覧");
        assert_eq!(blocks::cells(&lines[2]).unwrap(), ["指標名", "基準値", "目標値"]);
        assert_eq!(blocks::cells(&lines[7]).unwrap(), ["星空観察会の参加者数", "85", "120"]);
        assert_eq!(lines[7].row_end, Some(12));
        assert_eq!(lines[8].text, SEPARATOR);
    }

    #[test]
    fn tables_it_cannot_place_are_left_as_written() {
        // Two rows on one line; a table never closed; broken markup.
        for text in [
            "<table><tr><td>指標名</td><td>目標値</td></tr><tr><td>花壇の数</td><td>30</td></tr></table>",
            "<table>\n<tr><td>指標名</td><td>目標値</td></tr>\n<tr><td>花壇の数</td><td>30</td></tr>",
            "<table <tr <td rowspan=\"99999999\">&#99999999;<",
        ] {
            let lines = rewritten(text);
            assert!(lines.iter().zip(text.split('\n')).all(|(l, r)| l.text == Line::new(l.no, r).text), "{text}");
        }
    }

    #[test]
    fn huge_spans_are_bounded() {
        let lines = rewritten(
            "<table>\n<tr><td colspan=\"9999\" rowspan=\"9999\">x</td><td>y</td></tr>\n<tr><td>z</td></tr>\n</table>",
        );
        let cells = blocks::cells(&lines[1]).unwrap();
        assert!(cells.len() <= MAX_COLUMNS + 1, "{}", cells.len());
    }
}
