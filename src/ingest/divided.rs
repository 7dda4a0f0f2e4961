//! Pages divided by a vertical rule into two tables side by side (pdftotext -layout of a page
//! laid out in two columns: 「指標　現状　目標　│指標　現状　目標」). Read as one table, the
//! left half's names would take the right half's figures; each half is read as a table of its
//! own instead, on the same line numbers, so every row still cites the line it stands on.
//!
//! A region is a run of lines that each hold exactly one vertical rule (│┃), all at the same
//! display column, with text on both sides of it on two lines at least.

use super::roles::{Role, Vocabulary};

/// Fewest lines a divided region spans.
const MIN_LINES: usize = 3;

/// How far the rule may stand from the region's column (a wide letter before it counts two,
/// and PDF text is not always exact).
const SLACK: usize = 1;

/// The two halves of the divided regions of a document: for each region its first and last
/// line (1-based), and the document's lines with only the left halves, and with only the right
/// halves, of those regions (every other line empty). `None` when no line is divided.
pub struct Halves {
    pub regions: Vec<(usize, usize)>,
    pub left: Vec<String>,
    pub right: Vec<String>,
}

pub fn halves(raw: &[&str]) -> Option<Halves> {
    if !raw.iter().any(|l| l.contains(is_rule)) {
        return None;
    }
    let column = |line: &str| -> Option<usize> {
        let mut rules = line.char_indices().filter(|(_, c)| is_rule(*c));
        let (at, _) = rules.next()?;
        rules.next().is_none().then(|| super::normalize::width(&line[..at]))
    };
    let both_sides = |line: &str| line.split(is_rule).all(|side| side.chars().any(char::is_alphanumeric));
    let mut regions = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let Some(at) = column(raw[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < raw.len() && column(raw[j]).is_some_and(|c| c.abs_diff(at) <= SLACK) {
            j += 1;
        }
        // A full-width bar (｜) also separates the cells of tables: it divides a page only
        // under a header that repeats on both sides (「指標　現状値　目標値　｜指標　現状値　目標値」).
        let ruled = raw[i].contains(['│', '┃', '║']) || repeated_header(raw[i]);
        if ruled && j - i >= MIN_LINES && raw[i..j].iter().filter(|l| both_sides(l)).count() >= 2 {
            regions.push((i + 1, j));
        }
        i = j;
    }
    if regions.is_empty() {
        return None;
    }
    let mut left = vec![String::new(); raw.len()];
    let mut right = vec![String::new(); raw.len()];
    for &(first, last) in &regions {
        for k in first - 1..last {
            let (l, r) = raw[k].split_once(is_rule).expect("a divided line holds its rule");
            left[k] = l.trim_end().to_string();
            right[k] = r.trim_end().to_string();
        }
    }
    Some(Halves { regions, left, right })
}

/// Pages laid out in two columns with no rule between them (pdftotext -layout): prose on the
/// left, a table of indicators on the right, on the same lines (「　中心商店街の空き店舗は、令和
/// ６年度末で48店　　　　指標名　　　現状値　　目標値」). Read as one table, the prose would be the
/// names. A region starts at a header line whose right part, after a run of white space, names
/// an indicator and a value column and whose left part names none; it takes the lines below
/// that hold text on the right of the same gutter (each line's white space reaching it), and
/// ends at the first that does not. The right halves keep their alignment, measured from the
/// gutter; the left halves are the prose.
pub fn gutters(raw: &[&str], vocabulary: &Vocabulary) -> Option<Halves> {
    let mut regions: Vec<(usize, usize, usize)> = Vec::new();
    let mut k = 0;
    while k < raw.len() {
        let Some(gutter) = header_gutter(raw[k], vocabulary) else {
            k += 1;
            continue;
        };
        let beside = |line: &str| right_from(line, gutter).is_some_and(|(_, right)| !right.trim().is_empty());
        // Lines above the header belong to the page's head as often as to the column (a
        // heading with its department at the right margin): the region starts at the header.
        let mut last = k;
        while last + 1 < raw.len() && beside(raw[last + 1]) {
            last += 1;
        }
        if last > k {
            regions.push((k + 1, last + 1, gutter));
        }
        k = last + 1;
    }
    if regions.is_empty() {
        return None;
    }
    let mut left = vec![String::new(); raw.len()];
    let mut right = vec![String::new(); raw.len()];
    for &(first, last, gutter) in &regions {
        // The right column starts where its leftmost line does (a letter may stand one column
        // before the header's); each line keeps its indent from there.
        let cuts: Vec<(usize, usize)> =
            (first - 1..last).filter_map(|k| right_from(raw[k], gutter).map(|(at, _)| (k, at))).collect();
        let start = cuts.iter().map(|&(k, at)| super::normalize::width(&raw[k][..at])).min().unwrap_or(gutter);
        for (k, at) in cuts {
            let (l, r) = raw[k].split_at(at);
            left[k] = l.trim_end().to_string();
            let indent = super::normalize::width(l) - start;
            right[k] = format!("{}{}", " ".repeat(indent), r.trim_end());
        }
    }
    Some(Halves { regions: regions.into_iter().map(|(a, b, _)| (a, b)).collect(), left, right })
}

/// Fewest white-space letters between the two columns of a page.
const MIN_GAP: usize = 2;

/// The display column where the right part of a header line starts, when its right part names
/// an indicator and a value column (指標名　現状値　目標値) and its left part is text naming no
/// role.
fn header_gutter(line: &str, vocabulary: &Vocabulary) -> Option<usize> {
    let gaps = gaps(line);
    gaps.iter().find_map(|&(from, to)| {
        let (left, right) = (&line[..from], &line[to..]);
        if left.trim().is_empty() || right.trim().is_empty() {
            return None;
        }
        let on_the_right: Vec<Role> = gaps_split(right)
            .iter()
            .filter_map(|cell| vocabulary.label(&super::normalize::text(cell)))
            .map(|l| l.role)
            .collect();
        let named = on_the_right.contains(&Role::Name);
        let valued = on_the_right.iter().any(|r| r.is_value());
        // Prose: hiragana, and no cell a header word (a sentence may well say 目標 in passing).
        let header =
            gaps_split(left).iter().any(|cell| vocabulary.exact_label(&super::normalize::text(cell)).is_some());
        let prose = left.trim().chars().filter(|c| super::normalize::is_hiragana(*c)).count() >= MIN_KANA && !header;
        (named && valued && prose).then(|| super::normalize::width(&line[..to]))
    })
}

/// Fewest hiragana of a left part read as prose.
const MIN_KANA: usize = 3;

/// Runs of white space of [`MIN_GAP`] letters or more, as byte ranges, after the line's indent.
fn gaps(line: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let indent = line.len() - line.trim_start().len();
    for (at, c) in line.char_indices().skip_while(|&(at, _)| at < indent) {
        if c.is_whitespace() {
            let (from, n) = run.unwrap_or((at, 0));
            run = Some((from, n + 1));
        } else if let Some((from, n)) = run.take() {
            if n >= MIN_GAP {
                found.push((from, at));
            }
        }
    }
    found
}

/// The cells of a text apart by runs of white space.
fn gaps_split(text: &str) -> Vec<&str> {
    let text = text.trim();
    let mut cells = Vec::new();
    let mut from = 0;
    for (a, b) in gaps(text) {
        cells.push(&text[from..a]);
        from = b;
    }
    cells.push(&text[from..]);
    cells
}

/// Where a line's right column starts (byte offset) and its text there, when the line's white
/// space reaches the gutter: a run of white space that starts before it and ends at it or
/// past it (the right text may start a column early), or no text before it at all.
fn right_from(line: &str, gutter: usize) -> Option<(usize, &str)> {
    const EARLY: usize = 2;
    let line = line.trim_end();
    let indent = line.len() - line.trim_start().len();
    if super::normalize::width(&line[..indent]) + EARLY >= gutter {
        return Some((indent, &line[indent..]));
    }
    gaps(line).into_iter().find_map(|(from, to)| {
        let (a, b) = (super::normalize::width(&line[..from]), super::normalize::width(&line[..to]));
        (a < gutter && b + EARLY >= gutter).then(|| (to, &line[to..]))
    })
}

fn is_rule(c: char) -> bool {
    matches!(c, '│' | '┃' | '║' | '｜')
}

/// Whether a line holds the same words on both sides of its rule: the header of two tables side
/// by side.
fn repeated_header(line: &str) -> bool {
    let words = |side: &str| side.split_whitespace().collect::<Vec<_>>().join(" ");
    line.split_once(is_rule).is_some_and(|(left, right)| {
        let (left, right) = (words(left), words(right));
        !left.is_empty() && left == right
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_on_the_left_and_a_table_on_the_right() {
        let raw = [
            "施策２－３　商店街のにぎわい　　　　　　　　　　　　主担当課：商工観光課",
            "■現状と課題　　　　　　　　　　　　　　　　　　　　■成果指標",
            "　中心商店街の空き店舗は、令和６年度末で48店　　　　指標名　　　　　　　　　現状値　　目標値",
            "舗と、５年前より11店舗増えました。平日の歩行者　　　　　　　　　　　　　　　（R6）　　（R12）",
            "通行量は１日3,120人（令和６年度調査）で、平成30　　空き店舗を活用した新規　　６件　　　15件",
            "年度の3,860人から約２割減っています。　　　　　　　出店数（累計）",
            "市民の21.6％が魅力を感じています。",
            "■主な取組",
        ];
        let h = gutters(&raw, &Vocabulary::built_in()).expect("one region");
        // From the header to the last line with text right of the gutter; the heading and the
        // caption above stay whole.
        assert_eq!(h.regions, [(3, 6)]);
        assert_eq!(h.left[2], "　中心商店街の空き店舗は、令和６年度末で48店");
        assert_eq!(h.left[3], "舗と、５年前より11店舗増えました。平日の歩行者");
        // The right column keeps its alignment: the years stand under their headers.
        let column = |line: &str, word: &str| crate::ingest::normalize::width(&line[..line.find(word).unwrap()]);
        assert_eq!(column(&h.right[3], "（R6）"), column(&h.right[2], "現状値"));
        assert_eq!(h.right[4].trim_start(), "空き店舗を活用した新規　　６件　　　15件");
        assert!(h.right[0].is_empty() && h.right[6].is_empty());
        // An ordinary table aligned by spaces, its names in the first column, is no page in two.
        let table = [
            "指標名　　　　　　現状値　　目標値",
            "待機児童数　　　　８人　　　０人",
            "受診率　　　　　　96.8％　　98％",
        ];
        assert!(gutters(&table, &Vocabulary::built_in()).is_none());
    }

    #[test]
    fn two_tables_apart_by_a_rule() {
        let raw = [
            "【数値目標】",
            "指標                  現状    目標    │指標                  現状    目標",
            "図書館の貸出冊数      45万冊  50万冊  │読み聞かせの参加者数  320人   400人",
            "（年間）                              │",
            "公民館の利用者数      7万人   8万人   │講座の数              12講座  15講座",
            "本文です。",
        ];
        let h = halves(&raw).expect("one region");
        assert_eq!(h.regions, [(2, 5)]);
        assert_eq!(h.left[2].trim_end(), "図書館の貸出冊数      45万冊  50万冊");
        assert_eq!(h.right[2], "読み聞かせの参加者数  320人   400人");
        assert_eq!(h.right[3], "");
        assert!(h.left[0].is_empty() && h.left[5].is_empty());
        // A full-width bar under a header repeated on both sides; not the one bar of two columns.
        let raw = [
            "　指標　　　　　　現状値　　目標値　｜指標　　　　　　現状値　　目標値",
            "　入館者数　　　　38,400人　60,000人｜外国人入館者数　1,120人　4,000人",
            "　来訪者の満足度　78.3％　　85.0％　｜平均滞在時間　　1.6時間　3.0時間",
        ];
        let h = halves(&raw).expect("one region");
        assert_eq!(h.regions, [(1, 3)]);
        assert_eq!(h.right[1], "外国人入館者数　1,120人　4,000人");
        assert!(halves(&["指標｜現状値", "入館者数｜38,400人", "満足度｜78.3％"]).is_none());
        // A frame or a tree is no divided page.
        assert!(halves(&["├─基本目標１", "│ ├─施策１", "│ └─施策２"]).is_none());
        assert!(halves(&["本文です。", "│表の左│"]).is_none());
    }
}
