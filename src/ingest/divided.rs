//! Pages divided by a vertical rule into two tables side by side (pdftotext -layout of a page
//! laid out in two columns: 「指標　現状　目標　│指標　現状　目標」). Read as one table, the
//! left half's names would take the right half's figures; each half is read as a table of its
//! own instead, on the same line numbers, so every row still cites the line it stands on.
//!
//! A region is a run of lines that each hold exactly one vertical rule (│┃), all at the same
//! display column, with text on both sides of it on two lines at least.

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
        if j - i >= MIN_LINES && raw[i..j].iter().filter(|l| both_sides(l)).count() >= 2 {
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

fn is_rule(c: char) -> bool {
    matches!(c, '│' | '┃' | '║')
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // A frame or a tree is no divided page.
        assert!(halves(&["├─基本目標１", "│ ├─施策１", "│ └─施策２"]).is_none());
        assert!(halves(&["本文です。", "│表の左│"]).is_none());
    }
}
