//! Names wrapped inside their column, as `pdftotext -layout` leaves a table whose name cells are
//! wider than the column: the name in pieces on successive lines, the other cells of the row on
//! one of them (the first, when the PDF aligned its cells at the top; the last, at the bottom).
//!
//! ```text
//!   指標名        現状値   目標値
//!   里山保全活動  12       20
//!   の参加団体数
//!   緑化推進員数  30       45
//! ```
//!
//! The table reader of [`super::blocks`] hands over the lone pieces it meets under the name
//! column (lines of one short cell that starts where the name column does and ends before the
//! next one); [`attach`] gives each to its row. Which row a piece goes with is told by where the
//! pieces stand in the whole run of rows: none before the first row and some after the last
//! means the figures stand on a name's first line; some before the first and none after, on its
//! last. And a wrapped piece fills its column: every piece that is not the last of its name is
//! as wide as the widest. A run that fits neither (pieces at both ends, figures on a middle
//! line, a piece too short to have been wrapped) loses its rows: a name cut in two is a wrong
//! name, and a row under a wrong name is worse than no row.

use super::grid::joiner;
use super::roles::Vocabulary;
use super::Line;

/// Most characters a wrapped piece of a name may have.
const MAX_PIECE: usize = 30;

/// A lone piece of a name under the name column.
#[derive(Debug, Clone)]
pub struct Piece {
    /// How many rows of the run were read before it.
    pub after_rows: usize,
    pub line: usize,
    pub text: String,
    /// Whether it stands indented under the name column (see [`indented_under`]).
    pub indented: bool,
}

/// The piece `line` holds when it is one short cell that starts at the name column of the
/// header line `top` (within one display column) and ends before the next column starts.
pub fn piece(vocabulary: &Vocabulary, top: &Line, name: usize, line: &Line) -> Option<(String, bool)> {
    let text = line.text.trim();
    let start = *top.starts.get(name)?;
    let next = *top.starts.get(name + 1)?;
    let at = line.lone_start()?;
    let fits = !line.tabbed && !top.tabbed && indented_under(at, start) && at + super::normalize::width(text) < next;
    let named = !text.is_empty()
        && text.chars().count() <= MAX_PIECE
        && text.chars().any(char::is_alphabetic)
        && !vocabulary.is_word(text)
        && !text.contains(['|', ','])
        && !text.ends_with('。');
    (fits && named).then(|| (text.to_string(), at > start + 1))
}

/// Whether a piece starting at display column `at` stands under a name column starting at
/// `start`: there (within one column), or indented by one full-width space, as a cell's
/// hanging indent sets off the rest of a name (「「学校に行くのが楽しい」と答えた」 /
/// 「　児童生徒の割合」).
fn indented_under(at: usize, start: usize) -> bool {
    at.abs_diff(start) <= 1 || at == start + 2
}

/// Whether `line` is text of one cell standing where the name column starts: a piece, or a line
/// that cuts a run of pieces (too wide, a sentence), after which the names cannot be trusted.
pub fn at_name(top: &Line, name: usize, line: &Line) -> bool {
    let start = top.starts.get(name);
    line.cells.is_empty()
        && !line.text.trim().is_empty()
        && line.starts.first().zip(start).is_some_and(|(at, start)| at.abs_diff(*start) <= 1)
}

/// Whether a name's piece ends in a particle or a list mark (「…建築物の」, 「…・」): the name goes on.
fn cut_after_particle(text: &str) -> bool {
    text.ends_with(['の', '・', '、', 'を', 'に', 'と', 'や', 'が'])
}

/// Whether a piece is narrower than the widest piece of its column by two letters or more.
fn clearly_narrow(text: &str, widest: usize) -> bool {
    super::normalize::width(text) + 4 <= widest
}

/// The rows of one run (`rows`, each its first line, last line and the name cell) with the
/// pieces met among them joined to their names, or `None` when the pieces cannot be told apart.
///
/// The pieces between two rows go to the row above, to the row below, or are split between
/// them. None before the first row and some after the last: every row's figures stand on its
/// first line, the pieces go up; the other way round, down. Otherwise (figures on a middle line)
/// the one piece narrower than the column among them ends the upper row's name; without one,
/// they all go down when the upper row's own piece is narrow (its name ends there), and the run
/// is unreadable else.
pub fn attach(vocabulary: &Vocabulary, rows: &mut [(usize, usize, String)], pieces: &[Piece]) -> Option<()> {
    if pieces.is_empty() {
        return Some(());
    }
    // Pieces set off by a hanging indent each go on the name of the row above them, whatever
    // their width (「「ケアラー」という言葉を知っている」 / 「　町民の割合」).
    if pieces.iter().all(|p| p.indented) {
        if pieces.iter().any(|p| p.after_rows == 0) {
            return None;
        }
        for p in pieces {
            let row = &mut rows[p.after_rows - 1];
            let joined = format!("{}{}{}", row.2, joiner(vocabulary, &row.2, &p.text), p.text);
            *row = (row.0, row.1.max(p.line), joined);
        }
        return Some(());
    }
    let n = rows.len();
    let (lead, trail) =
        (pieces.iter().filter(|p| p.after_rows == 0).count(), pieces.iter().filter(|p| p.after_rows == n).count());
    // A name cut after a particle (「多数の者が利用する建築物の」 / 「耐震化率」) goes on below
    // its figures: when every row the pieces follow is cut so, they are read top-aligned.
    // Only a piece clearly narrower than the column: where the column is narrow every piece is
    // full, and one may end in の by chance.
    let widest = pieces
        .iter()
        .map(|p| super::normalize::width(&p.text))
        .chain(rows.iter().map(|r| super::normalize::width(&r.2)))
        .max()
        .unwrap_or(0);
    let cut_after_particle = (1..n).filter(|&k| pieces.iter().any(|p| p.after_rows == k)).all(|k| {
        let name = &rows[k - 1].2;
        cut_after_particle(name) && clearly_narrow(name, widest)
    });
    let ends = match (lead, trail) {
        (0, t) if t > 0 => Some(Alignment::Top),
        (l, 0) if l > 0 => Some(Alignment::Bottom),
        (0, 0) if cut_after_particle => Some(Alignment::Top),
        _ => None,
    };
    let names =
        ends.and_then(|a| names(rows, pieces, a, widest)).or_else(|| names(rows, pieces, Alignment::Middle, widest))?;
    for (row, (first, last, name)) in rows.iter_mut().zip(names) {
        let mut text = String::new();
        for piece in &name {
            text.push_str(joiner(vocabulary, &text, piece));
            text.push_str(piece);
        }
        *row = (first, last.max(row.1), text);
    }
    Some(())
}

/// Where a row's figures stand among the lines of its name.
#[derive(Clone, Copy)]
enum Alignment {
    Top,
    Bottom,
    Middle,
}

/// Each row's first line, last line and name pieces, the pieces given by `alignment`; `None`
/// when a piece that is not the last of its name is narrower than the column (`widest`, the
/// widest piece or name of the run).
fn names(
    rows: &[(usize, usize, String)],
    pieces: &[Piece],
    alignment: Alignment,
    widest: usize,
) -> Option<Vec<(usize, usize, Vec<String>)>> {
    let n = rows.len();
    let gap = |k: usize| -> Vec<&Piece> { pieces.iter().filter(|p| p.after_rows == k).collect() };
    let full = |text: &str| super::normalize::width(text) + 1 >= widest;
    let clearly_narrow = |text: &str| clearly_narrow(text, widest);
    // Each row's pieces above and below the line of its figures.
    let mut above: Vec<Vec<&Piece>> = vec![Vec::new(); n];
    let mut below: Vec<Vec<&Piece>> = vec![Vec::new(); n];
    for k in 0..=n {
        let pieces = gap(k);
        let up = match alignment {
            _ if k == 0 => 0,
            _ if k == n => pieces.len(),
            Alignment::Top => pieces.len(),
            Alignment::Bottom => 0,
            Alignment::Middle => {
                // Only a piece clearly narrower (two letters or more) ends a name here: a piece
                // a little narrower may be a whole one whose letters normalization narrowed
                // (「ＳＮ」 → 「SN」).
                if pieces.iter().any(|p| !full(&p.text) && !clearly_narrow(&p.text)) {
                    return None;
                }
                // A piece cut after a particle (「道路の補修に関する住民通報の」) ends no name: it
                // starts the one below, however narrow.
                let narrow: Vec<usize> = (0..pieces.len())
                    .filter(|&p| !full(&pieces[p].text) && !cut_after_particle(&pieces[p].text))
                    .collect();
                // A piece wholly in brackets (「（「満足」「やや満足」の割合）」) qualifies the name
                // above it, as a note on a name does, however wide.
                let notes = pieces.iter().take_while(|p| p.text.starts_with('(') && p.text.ends_with(')')).count();
                match narrow[..] {
                    [] if notes > 0 => notes,
                    [p] => p + 1,
                    [] if pieces.is_empty() || !full(&rows[k - 1].2) => 0,
                    _ => return None,
                }
            }
        };
        if k > 0 {
            below[k - 1].extend(&pieces[..up]);
        }
        if k < n {
            above[k].extend(&pieces[up..]);
        }
    }
    let mut out = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let lines: Vec<(usize, &str)> = above[k]
            .iter()
            .map(|p| (p.line, p.text.as_str()))
            .chain(std::iter::once((row.0, row.2.as_str())))
            .chain(below[k].iter().map(|p| (p.line, p.text.as_str())))
            .collect();
        // A piece that ends in a particle, or before a note in brackets (「…講座の数」 / 「（年間）」),
        // is cut where a line may break, whatever its width. A piece one letter short of the
        // widest is full: a line breaks between words, and a word may not fit in what is left.
        // So is one that ends in the kana of a verb or an adjective before the noun it describes
        // (「…指導を受けていない」 / 「不登校児童生徒の割合」): the noun did not fit on the line.
        let short = |k: usize| {
            let (t, next) = (lines[k].1, lines[k + 1].1);
            let describes = t.ends_with(super::normalize::is_hiragana);
            clearly_narrow(t) && !cut_after_particle(t) && !describes && !next.starts_with(['(', '（'])
        };
        if lines.len() > 1 && (row.2.is_empty() || (0..lines.len() - 1).any(short)) {
            return None;
        }
        let first = lines.iter().map(|l| l.0).min().unwrap_or(row.0);
        let last = lines.iter().map(|l| l.0).max().unwrap_or(row.1);
        out.push((first, last, lines.iter().map(|l| l.1.to_string()).collect()));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rows: &[(usize, &str)], pieces: &[(usize, usize, &str)]) -> Option<Vec<(usize, usize, String)>> {
        let mut rows: Vec<(usize, usize, String)> = rows.iter().map(|(l, t)| (*l, *l, t.to_string())).collect();
        let pieces: Vec<Piece> = pieces
            .iter()
            .map(|(a, l, t)| Piece { after_rows: *a, line: *l, text: t.to_string(), indented: false })
            .collect();
        attach(&Vocabulary::built_in(), &mut rows, &pieces).map(|_| rows)
    }

    #[test]
    fn a_narrow_piece_cut_after_a_particle_starts_the_name_below() {
        // Figures on the last line of each name: the narrow piece 「…住民通報の」 cannot end
        // the name of 「道路照明のLED化率」 above it.
        let got = run(
            &[
                (1, "町道の改良率"),
                (3, "完了した橋りょう数(累計)"),
                (4, "道路照明のLED化率"),
                (6, "スマートフォンアプリ利用率"),
            ],
            &[(1, 2, "判定区分IIIの橋りょうのうち修繕を"), (3, 5, "道路の補修に関する住民通報の")],
        )
        .expect("the pieces are told apart");
        let names: Vec<&str> = got.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(
            names,
            [
                "町道の改良率",
                "判定区分IIIの橋りょうのうち修繕を完了した橋りょう数(累計)",
                "道路照明のLED化率",
                "道路の補修に関する住民通報のスマートフォンアプリ利用率"
            ]
        );
    }

    #[test]
    fn a_name_cut_after_a_particle_goes_on_below_its_figures() {
        let got = run(
            &[(1, "空き家の活用件数"), (2, "多数の者が利用する施設の"), (4, "出前講座「わが家の防災」参加者数")],
            &[(2, 3, "耐震化率")],
        )
        .unwrap();
        assert_eq!(got[1], (2, 3, "多数の者が利用する施設の耐震化率".to_string()));
        assert_eq!(got[2].2, "出前講座「わが家の防災」参加者数");
        // A note in brackets under a short name is the name's.
        let got = run(&[(1, "多数の者が利用する施設の"), (3, "講座の数")], &[(1, 2, "耐震化率"), (2, 4, "（年間）")])
            .unwrap();
        assert_eq!(got[1], (3, 4, "講座の数（年間）".to_string()));
    }

    #[test]
    fn indented_pieces_go_on_the_row_above() {
        let mut rows = vec![(1, 1, "「図書館」を知っている".to_string()), (3, 3, "花壇の数".to_string())];
        let pieces = [Piece { after_rows: 1, line: 2, text: "市民の割合".to_string(), indented: true }];
        attach(&Vocabulary::built_in(), &mut rows, &pieces).unwrap();
        assert_eq!(rows, [(1, 2, "「図書館」を知っている市民の割合".to_string()), (3, 3, "花壇の数".to_string())]);
        // Indented above every row, a piece continues none.
        let pieces = [Piece { after_rows: 0, line: 0, text: "市民の割合".to_string(), indented: true }];
        assert!(attach(&Vocabulary::built_in(), &mut rows, &pieces).is_none());
    }

    #[test]
    fn figures_on_the_first_line_take_the_pieces_below() {
        let got = run(&[(1, "里山保全活動"), (3, "緑化推進員数")], &[(1, 2, "団体数"), (2, 4, "の登録")]).unwrap();
        assert_eq!(got, [(1, 2, "里山保全活動団体数".to_string()), (3, 4, "緑化推進員数の登録".to_string())]);
    }

    #[test]
    fn figures_on_the_last_line_take_the_pieces_above() {
        let got = run(&[(2, "の参加者数"), (3, "花壇の数")], &[(0, 1, "星空観察会")]).unwrap();
        assert_eq!(got[0], (1, 2, "星空観察会の参加者数".to_string()));
        assert_eq!(got[1], (3, 3, "花壇の数".to_string()));
    }

    #[test]
    fn figures_on_a_middle_line_split_at_the_narrow_piece() {
        // 「里山保全」 / 「活動団体」(figures) / 「数」, then 「緑化推進」 / 「員の数」(figures).
        let got =
            run(&[(2, "活動団体"), (5, "員の数")], &[(0, 1, "里山保全"), (1, 3, "数"), (1, 4, "緑化推進")]).unwrap();
        assert_eq!(got[0], (1, 3, "里山保全活動団体数".to_string()));
        assert_eq!(got[1], (4, 5, "緑化推進員の数".to_string()));
    }

    #[test]
    fn a_note_in_brackets_between_rows_goes_on_the_row_above() {
        let got =
            run(&[(1, "来訪者の満足度"), (3, "町家を活用した施設の数")], &[(1, 2, "(「満足」「やや満足」の割合)")])
                .unwrap();
        assert_eq!(got[0], (1, 2, "来訪者の満足度(「満足」「やや満足」の割合)".to_string()));
        assert_eq!(got[1], (3, 3, "町家を活用した施設の数".to_string()));
    }

    #[test]
    fn pieces_that_cannot_be_told_apart_lose_the_run() {
        // Two full pieces between two full rows, pieces at both ends: which row's?
        assert!(run(
            &[(2, "活動団体"), (5, "緑化推進")],
            &[(0, 1, "里山保全"), (1, 3, "花壇植栽"), (1, 4, "河川清掃"), (2, 6, "数")]
        )
        .is_none());
        // A narrow piece that would have to be wrapped.
        assert!(run(&[(1, "里山保全活"), (3, "花壇の数")], &[(1, 2, "動"), (1, 3, "団体数"), (2, 4, "の数")]).is_none());
    }
}
