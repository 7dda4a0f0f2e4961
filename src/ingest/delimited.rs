//! Tables whose cells stand apart by a mark other than a pipe, a tab or a comma: a Word table
//! converted to text with 「／」 or 「；」 as its separator, as web pages publish a table for
//! small screens (「指標名／現状値／目標値／担当課」 over 「刑法犯認知件数／1,048件／900件以下／
//! くらし安全課」).
//!
//! The mark is found as a CSV sniffer finds it: a line split at it must be a table's header by
//! its words (see [`blocks::header`]), and the lines under it that split into as many cells are
//! its rows. Those lines are rewritten as pipe rows before any pass reads them; others are left
//! alone, so a date (2024/3/31) or a unit (人/ha) in prose is no separator.

use super::blocks;
use super::roles::Vocabulary;
use super::Line;

/// The marks a table may be separated by, as NFKC leaves them (／ → /, ； → ;).
const MARKS: [char; 2] = ['/', ';'];

/// Most rows one such table may hold.
const MAX_ROWS: usize = 200;

/// Rewrites every table separated by one of [`MARKS`] as pipe rows.
pub fn rewrite(vocabulary: &Vocabulary, lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        i = match header_mark(vocabulary, &lines[i]) {
            Some((mark, count)) => rows(lines, i, mark, count),
            None => i + 1,
        };
    }
}

/// The mark a header line is split at and the number of cells it gives.
fn header_mark(vocabulary: &Vocabulary, line: &Line) -> Option<(char, usize)> {
    let text = line.text.trim();
    if text.contains(['|', '\t']) || !line.cells.is_empty() {
        return None;
    }
    MARKS.into_iter().find_map(|mark| {
        // A header's cells are words: none empty, none a label with its value (「担当:福祉課」).
        let cells = split(text, mark).filter(|c| c.iter().all(|c| !c.is_empty() && !c.contains(':')))?;
        let header = blocks::header(vocabulary, line.no, &cells)?;
        (header.columns.iter().filter(|c| c.is_some()).count() >= 2).then_some((mark, cells.len()))
    })
}

/// The cells of a text split at `mark`: three or more (a row may leave some empty; a header
/// leaves none).
fn split(text: &str, mark: char) -> Option<Vec<String>> {
    (text.matches(mark).count() >= 2).then(|| text.split(mark).map(|c| c.trim().to_string()).collect())
}

/// Rewrites the header at `i` and the rows under it that split into `count` cells; the index
/// after the last.
fn rows(lines: &mut [Line], i: usize, mark: char, count: usize) -> usize {
    let mut j = i;
    while j < lines.len() && j <= i + MAX_ROWS {
        let Some(cells) = split(lines[j].text.trim(), mark).filter(|c| c.len() == count) else { break };
        lines[j] = Line::new(lines[j].no, &format!("| {} |", cells.join(" | ")));
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(text: &str) -> Vec<Line> {
        let mut lines: Vec<Line> = text.split('\n').enumerate().map(|(i, r)| Line::new(i + 1, r)).collect();
        rewrite(&Vocabulary::built_in(), &mut lines);
        lines
    }

    #[test]
    fn a_table_with_slashes_as_separators_becomes_pipe_rows() {
        let lines = rewritten(
            "表　成果指標\n指標名／現状値／目標値／説明／担当課\n図書の貸出冊数／45万冊（令和５年度）／50万冊（令和11年度）／市立図書館３館の合計。うち電子書籍は1.2万冊。／図書館\n来館者数／31万人／35万人以上／／図書館\n※「／」は表の区切りです。",
        );
        let row = blocks::cells(&lines[2]).expect("a row");
        assert_eq!(
            row,
            [
                "図書の貸出冊数",
                "45万冊(令和5年度)",
                "50万冊(令和11年度)",
                "市立図書館3館の合計。うち電子書籍は1.2万冊。",
                "図書館"
            ]
        );
        assert_eq!(blocks::cells(&lines[3]).unwrap(), ["来館者数", "31万人", "35万人以上", "", "図書館"]);
        // The note under the table is no row, nor the caption over it.
        assert_eq!(lines[4].text, Line::new(5, "※「／」は表の区切りです。").text);
        assert_eq!(lines[0].text, Line::new(1, "表　成果指標").text);
        // A record cites the line the row stands on.
        assert_eq!(lines[2].no, 3);
    }

    #[test]
    fn semicolons_separate_like_slashes() {
        let lines = rewritten("指標;基準値;目標値\n公園の数;12か所;15か所");
        assert_eq!(blocks::cells(&lines[1]).unwrap(), ["公園の数", "12か所", "15か所"]);
    }

    #[test]
    fn dates_units_and_prose_with_slashes_are_left_alone() {
        let text = "人口密度は42.3人/haで、2024/3/31現在の値です。\n現状値/目標値は下の表のとおり\n男性/女性/全体\n指標名:公園の数;現状値:12か所;目標値:15か所";
        let lines = rewritten(text);
        for (line, raw) in lines.iter().zip(text.split('\n')) {
            assert_eq!(line.text, Line::new(1, raw).text);
        }
    }
}
