//! Numbered tables whose rows wrap onto lines of their own, as a 工程表 drawn with │ or pipes
//! leaves them: a row starts on the line of its number (「１ │行かない窓口・書かない窓口の　│準備│…」)
//! and goes on, cell by cell, on lines whose number cell is blank (「　 │導入　│　　│…│ＤＸ│　０手続→40手続」).
//! A pre-pass joins each row's lines into one pipe row on the line of its number, as the grid
//! tables of [`super::grid`] are joined, so the table reader reads a row whole and its record
//! cites all its lines.
//!
//! A column that holds an indicator with its figures in one cell (header 「目標（指標：現状→R10）」,
//! cells 「職員数（４月１日）」 over 「842人→830人」) is written as the three columns it stands for:
//! the indicator's name, its baseline and its target, the target dated by the header's year.
//!
//! Only a table whose header starts with a number word (No., 番号) is looked at, and only its
//! rows that wrap are rewritten.

use once_cell::sync::Lazy;
use regex::Regex;

use super::blocks;
use super::grid::{joiner, pipe_row, SEPARATOR};
use super::roles::{Role, Vocabulary};
use super::value::{self, looks_like_value};
use super::Line;

/// Most lines one numbered row may wrap over.
const MAX_ROW_LINES: usize = 4;

/// A cell holding an indicator's name and its two figures: 「職員数（４月１日） 842人→830人」
/// (after the pieces are joined), a dash for a figure not yet measured (「―→４億円」).
static NAMED_PAIR: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(.*\S)\s+(\S+?)\s*[→⇒]\s*(\S+)$").unwrap());

/// Dashes a cell writes for no figure.
const NO_FIGURE: [&str; 4] = ["―", "-", "－", "—"];

/// Rewrites every numbered table's wrapped rows as one pipe row each.
pub fn rewrite(vocabulary: &Vocabulary, lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        i = table(vocabulary, lines, i).unwrap_or(i + 1);
    }
}

/// The numbered table whose header is line `i`: its wrapped rows joined; returns the index after
/// the table, or `None` when line `i` is no such header.
fn table(vocabulary: &Vocabulary, lines: &mut [Line], i: usize) -> Option<usize> {
    // Cheap tests first: the line holds pipes and its first cell is a number word.
    let text = &lines[i].text;
    if !text.contains('|') {
        return None;
    }
    let head = text.trim().trim_start_matches('|').split('|').next().unwrap_or("").trim();
    if head.is_empty() || head.len() > 12 || head.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let header = blocks::cells(&lines[i]).filter(|c| c.len() >= 3)?;
    let first = vocabulary.exact_label(&header[0])?;
    if first.role != Role::Number {
        return None;
    }
    let width = header.len();
    let text = lines[i].text.trim();
    let cells = |line: &Line| pipe_cells(&line.text, text.starts_with('|'), text.ends_with('|'));
    // The rows: each a line of its number and the lines under it with a blank number cell.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut j = i + 1;
    while j < lines.len() {
        let cells = cells(&lines[j]);
        if cells.iter().all(|c| c.chars().all(|c| c == '-' || c == ':')) && cells.len() > 1 {
            // A rule between the header and the rows (「|---|」).
            j += 1;
            continue;
        }
        if cells.len() != width {
            break;
        }
        if blocks::is_row_number(&cells[0]) {
            rows.push(vec![j]);
        } else if cells[0].is_empty() && rows.last().is_some_and(|r| r.len() < MAX_ROW_LINES) {
            rows.last_mut()?.push(j);
        } else {
            break;
        }
        j += 1;
    }
    if !rows.iter().any(|r| r.len() > 1) {
        return None;
    }
    let departments: Vec<bool> =
        header.iter().map(|h| vocabulary.label(h).is_some_and(|l| l.role == Role::Department)).collect();
    let joined: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let pieces: Vec<Vec<String>> = r.iter().map(|&k| cells(&lines[k])).collect();
            (0..width).map(|c| join(vocabulary, pieces.iter().map(|p| p[c].as_str()), departments[c])).collect()
        })
        .collect();
    // Columns of an indicator and its figures in one cell, split in three.
    let split: Vec<usize> =
        (0..width).filter(|&c| named_pairs(&header[c], joined.iter().map(|r| r[c].as_str()))).collect();
    lines[i] = Line::new(lines[i].no, &pipe_row(&split_header(header, &split)));
    for (r, cells) in rows.iter().zip(joined) {
        let end = lines[*r.last()?].no;
        for &k in &r[1..] {
            lines[k] = Line::new(lines[k].no, SEPARATOR);
        }
        let at = r[0];
        lines[at] = Line::new(lines[at].no, &pipe_row(&split_cells(cells, &split)));
        if r.len() > 1 {
            lines[at].row_end = Some(end);
        }
    }
    Some(j)
}

/// The cells of a line between pipes, the blank ones kept (a wrapped row's number cell is
/// blank): the pipes at its ends are the table's border when the header has them too.
fn pipe_cells(text: &str, left: bool, right: bool) -> Vec<String> {
    if !text.contains('|') {
        return Vec::new();
    }
    let mut text = text.trim();
    if left {
        text = text.strip_prefix('|').unwrap_or(text);
    }
    if right {
        text = text.strip_suffix('|').unwrap_or(text);
    }
    text.split('|').map(|c| c.trim().to_string()).collect()
}

/// One cell of a row from its pieces, line by line: departments apart by 「、」, a figure apart
/// from the name it follows by a space, the rest as [`joiner`] joins a wrapped cell.
fn join<'a>(vocabulary: &Vocabulary, pieces: impl Iterator<Item = &'a str>, department: bool) -> String {
    let mut cell = String::new();
    for piece in pieces.filter(|p| !p.is_empty()) {
        let figure = piece.starts_with(|c: char| c.is_ascii_digit()) || NO_FIGURE.iter().any(|d| piece.starts_with(d));
        let between = match cell.is_empty() {
            true => "",
            false if department && !cell.ends_with(['、', '・']) => "、",
            false if figure && !cell.ends_with(|c: char| c.is_ascii_digit()) => " ",
            false => joiner(vocabulary, &cell, piece),
        };
        cell.push_str(between);
        cell.push_str(piece);
    }
    cell
}

/// The name and the two figures of a cell 「name base→target」.
fn named_pair(cell: &str) -> Option<(String, String, String)> {
    let c = NAMED_PAIR.captures(cell)?;
    let figure = |t: &str| looks_like_value(t) || NO_FIGURE.contains(&t);
    (figure(&c[2]) && figure(&c[3]) && looks_like_value(&c[3]) && !looks_like_value(&c[1]))
        .then(|| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
}

/// Whether a column holds an indicator and its figures per cell: its header shows the arrow
/// (「目標（指標：現状→R10）」) and most of its filled cells are such.
fn named_pairs<'a>(header: &str, cells: impl Iterator<Item = &'a str>) -> bool {
    if !header.contains(['→', '⇒']) {
        return false;
    }
    let filled: Vec<&str> = cells.filter(|c| !c.is_empty()).collect();
    let pairs = filled.iter().filter(|c| named_pair(c).is_some()).count();
    pairs > 0 && 2 * pairs >= filled.len()
}

/// The header with each split column as three: 指標名, 現状値, 目標値 dated as the header dates
/// the right of its arrow (「現状→R10」: 目標値(R10)).
fn split_header(mut header: Vec<String>, split: &[usize]) -> Vec<String> {
    for &c in split.iter().rev() {
        let right = header[c].rsplit(['→', '⇒']).next().unwrap_or("").trim_end_matches([')', '）']).to_string();
        let target = match value::years_in(&right).is_empty() {
            true => "目標値".to_string(),
            false => format!("目標値({right})"),
        };
        header.splice(c..=c, ["指標名".to_string(), "現状値".to_string(), target]);
    }
    header
}

/// A row with each split column as three cells; a cell that holds no pair keeps its text as a
/// note in the name cell, with no figures.
fn split_cells(mut row: Vec<String>, split: &[usize]) -> Vec<String> {
    for &c in split.iter().rev() {
        let (name, base, target) =
            named_pair(&row[c]).unwrap_or_else(|| (row[c].clone(), String::new(), String::new()));
        row.splice(c..=c, [name, base, target]);
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<usize>)> {
        let mut lines: Vec<Line> = text.split('\n').enumerate().map(|(i, r)| Line::new(i + 1, r)).collect();
        rewrite(&Vocabulary::built_in(), &mut lines);
        lines.into_iter().map(|l| (l.text, l.row_end)).collect()
    }

    #[test]
    fn a_wrapped_row_is_joined_on_the_line_of_its_number() {
        let text = [
            "No.│取組項目　　　　　│R7　│R8　│担当│目標（指標：現状→R10）",
            "１ │行かない窓口の　　│準備│実施│市民│書かない窓口の対象手続数",
            "　 │導入　　　　　　　│　　│　　│ＤＸ│　０手続→40手続",
            "２ │使用料の見直し　　│検討│準備│財政│―（受益者負担の適正化）",
            "本文です。",
        ]
        .join("\n");
        let lines = read(&text);
        assert_eq!(lines[0].0, "|No.|取組項目|R7|R8|担当|指標名|現状値|目標値(R10)|");
        assert_eq!(
            lines[1],
            ("|1|行かない窓口の導入|準備|実施|市民、DX|書かない窓口の対象手続数|0手続|40手続|".to_string(), Some(3))
        );
        assert_eq!(lines[2].0, SEPARATOR);
        assert_eq!(lines[3], ("|2|使用料の見直し|検討|準備|財政|―(受益者負担の適正化)|||".to_string(), None));
        assert_eq!(lines[4].0, "本文です。");
    }

    #[test]
    fn a_table_without_wrapped_rows_or_number_column_stays_as_written() {
        let unwrapped = "No.|取組|担当|目標\n1|窓口の改善|市民課|40手続\n2|料金の見直し|財政課|―";
        let texts: Vec<String> = read(unwrapped).into_iter().map(|l| l.0).collect();
        assert_eq!(texts, ["No.|取組|担当|目標", "1|窓口の改善|市民課|40手続", "2|料金の見直し|財政課|―"]);
        // A blank first cell under a table with no number column is a cell merged over rows.
        let grouped = "分野|取組|担当\n子育て|保育の充実|こども課\n|学童の拡充|こども課";
        let texts: Vec<String> = read(grouped).into_iter().map(|l| l.0).collect();
        assert_eq!(texts, ["分野|取組|担当", "子育て|保育の充実|こども課", "|学童の拡充|こども課"]);
    }
}
