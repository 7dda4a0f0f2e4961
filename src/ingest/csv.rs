//! Rows of comma-separated values whose quoted cells hold line breaks, as a spreadsheet or an
//! open-data catalog exports them (RFC 4180: `…,"40歳代の特定健診` / `受診率",％,R4,…`). A
//! pre-pass joins the lines of such a row into one on the line where it starts, the cell's pieces
//! joined as a wrapped cell's are (see [`joiner`]), so the table reader reads the row like any
//! other and its record cites every line it stands on; the lines it took become separators.
//!
//! It only looks further at a line that leaves a double quote open, and leaves the lines as they
//! were when the quote does not close within a few lines or what it closes is no row of values.

use super::grid::{joiner, SEPARATOR};
use super::roles::Vocabulary;
use super::Line;

/// Most lines one quoted cell may stand over.
const MAX_LINES: usize = 6;

/// Joins every row whose quoted cells run over lines (`raw` are the document's lines as
/// written, `lines` the same lines read).
pub fn rewrite(vocabulary: &Vocabulary, raw: &[&str], lines: &mut [Line]) {
    let mut i = 0;
    while i < raw.len() {
        i = match opens_cell(raw[i]) {
            true => row(vocabulary, raw, lines, i).unwrap_or(i + 1),
            false => i + 1,
        };
    }
}

/// Whether the line leaves a double-quoted cell open at its end.
fn opens_cell(raw: &str) -> bool {
    raw.matches('"').count() % 2 == 1
}

/// Whether a text is a row of values: two commas or more outside quotes.
fn is_row(text: &str) -> bool {
    let mut inside = false;
    text.chars()
        .filter(|&c| {
            inside ^= c == '"';
            !inside && c == ','
        })
        .count()
        >= 2
}

/// Joins the row starting at `i`; the index after it, or None when its quote never closes.
fn row(vocabulary: &Vocabulary, raw: &[&str], lines: &mut [Line], i: usize) -> Option<usize> {
    let mut text = raw[i].trim_end().to_string();
    let mut quotes = text.matches('"').count();
    let mut j = i + 1;
    while quotes % 2 == 1 {
        if j >= raw.len() || j > i + MAX_LINES {
            return None;
        }
        let piece = raw[j].trim();
        // The piece goes on the cell the row left open: join it as a wrapped cell's piece.
        let cell = text.rsplit('"').next().unwrap_or("");
        text.push_str(joiner(vocabulary, cell, piece));
        text.push_str(piece);
        quotes += piece.matches('"').count();
        j += 1;
    }
    if !is_row(&text) {
        return None;
    }
    let last = lines[j - 1].no;
    lines[i] = Line::new(lines[i].no, &text);
    lines[i].row_end = Some(last);
    for line in &mut lines[i + 1..j] {
        *line = Line::new(line.no, SEPARATOR);
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::super::blocks;
    use super::*;

    fn rewritten(text: &str) -> Vec<Line> {
        let raw: Vec<&str> = text.split('\n').collect();
        let mut lines: Vec<Line> = raw.iter().enumerate().map(|(i, r)| Line::new(i + 1, r)).collect();
        rewrite(&Vocabulary::built_in(), &raw, &mut lines);
        lines
    }

    #[test]
    fn a_quoted_cell_over_lines_is_one_cell_of_its_row() {
        let lines = rewritten(
            "指標名,単位,基準値,目標値,担当課,備考\n\"30歳代の\n健診受診率\",％,21.5,40.0,保健課,\"目標は\n400人以上\"\n見守り訪問の件数,件,1200,1500,福祉課,",
        );
        let row = blocks::cells(&lines[1]).expect("a row");
        assert_eq!(row, ["30歳代の健診受診率", "%", "21.5", "40.0", "保健課", "目標は400人以上"]);
        assert_eq!(lines[1].row_end, Some(4));
        assert_eq!((lines[2].text.as_str(), lines[3].text.as_str()), (SEPARATOR, SEPARATOR));
        assert_eq!(blocks::cells(&lines[4]).unwrap()[0], "見守り訪問の件数");
    }

    #[test]
    fn a_quote_that_never_closes_or_prose_is_left_alone() {
        let text = "名前,値,\"未完\n次の行\n\n\n\n\n\n\n\n終わり";
        let lines = rewritten(text);
        assert_eq!(lines[0].text, Line::new(1, "名前,値,\"未完").text);
        assert_eq!(lines[1].text, "次の行");
        // A sentence with one quote mark and few commas is no row.
        let lines = rewritten("「\"」の記号、つまり引用符は\n次の行\"");
        assert_eq!(lines[1].text, "次の行\"");
    }
}
