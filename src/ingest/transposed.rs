//! Transposed indicator tables: each indicator is a column, each row one kind of figure
//! (「| 区分 | 町内の事業所数 | 創業件数 |」 over 「| 現状値（Ｒ５） | ６１２事業所 | ４件 |」,
//! 「| 目標値（Ｒ１０） | ６２０事業所 | ８件 |」), or one row per year.
//!
//! The block pass cannot see these: their header holds names, not header words, so the roles
//! sit down the first column instead. A row label says which figure the row gives (the same
//! vocabulary as header words); a row the vocabulary does not know (中間値) gives none, so an
//! interim figure never becomes the target.

use super::blocks;
use super::record::{Body, Indicator};
use super::roles::{Label, Role, Vocabulary};
use super::value::{self, looks_like_value, Value};
use super::Doc;

type Out = Vec<(usize, usize, Body)>;

/// Longest name a header cell may hold: a longer cell is a sentence, not an indicator.
const MAX_NAME: usize = 40;

/// One row of figures: its line, the label of its first cell (None for a row no word explains)
/// and its cells.
struct Row {
    line: usize,
    label: Option<Label>,
    cells: Vec<String>,
}

/// Indicators of every transposed table of the document. Each line is looked at once as a
/// header and at most once as a row.
pub fn tables(doc: &Doc, vocabulary: &Vocabulary, out: &mut Out) {
    let lines = &doc.lines;
    let mut i = 0;
    while i < lines.len() {
        let shape = Shape::of(vocabulary, &lines[i]);
        // Most lines are no header: first the cheap test that a labelled row of figures follows.
        if !figures_follow(vocabulary, lines, i + 1, &shape) {
            i += 1;
            continue;
        }
        // A header the block pass reads (「年度 | 利用者数 | 参加者数」) is its table, not this one,
        // unless its figure columns are only names that hold a word (「ＢＯＤ環境基準の達成率」
        // holds 基準) over rows labelled by value words, or its rows of years say which is the
        // baseline and which the target (「2023（現状）」「2030（目標）」).
        let headed = |c: &Vec<String>| {
            blocks::header(vocabulary, lines[i].no, c).is_some_and(|h| {
                h.find(Role::Year) == Some(0) && !marked_rows_follow(vocabulary, lines, i + 1, &shape)
                    || h.value_columns().iter().any(|&v| vocabulary.exact_label(&h.texts[v]).is_some())
            })
        };
        let head = blocks::cells(&lines[i])
            .filter(|c| shape.merged || !headed(c))
            .map(|c| shape.apply_head(c))
            .and_then(|c| name_row(vocabulary, c));
        let Some(head) = head else {
            i += 1;
            continue;
        };
        let mut rows = Vec::new();
        let mut departments: Vec<Vec<String>> = Vec::new();
        let mut last_side = 0;
        let mut j = i + 1;
        while let Some(cells) = lines.get(j).and_then(|l| cells_of(l, shape.width)).map(|c| shape.apply(c)) {
            if cells.is_empty() {
                // A markdown separator row.
                j += 1;
                continue;
            }
            if cells.len() != head.len() {
                break;
            }
            // A row of departments or units (「担当課 | 企画課 | 福祉課」) belongs to the table
            // without giving a figure.
            if let Some(role) = side_role(vocabulary, &cells) {
                if role == Role::Department {
                    departments = cells.iter().map(|c| vocabulary.departments_in(c).unwrap_or_default()).collect();
                }
                last_side = lines[j].no;
                j += 1;
                continue;
            }
            if !is_figure_row(vocabulary, &cells) {
                break;
            }
            let label = vocabulary.label(&cells[0]).filter(|l| l.role.is_value());
            rows.push(Row { line: lines[j].no, label, cells });
            j += 1;
        }
        // 「目標１　障害者である職員の実雇用率（％）」 right over a header of bodies (町長部局 |
        // 教育委員会): one indicator of that name for each column.
        let title = i
            .checked_sub(1)
            .filter(|_| head[0].is_empty())
            .and_then(|above| super::labels::numbered_title(vocabulary, &lines[above].text));
        // Rows of years under a caption of the past or of a projection (「中期財政計画」, 「…の
        // 見通し」) are a series: their first and last years are no baseline and no target.
        let guess_steps = !super::tables::captioned_as_no_steps(vocabulary, lines, lines[i].no);
        let read = Columns { head: &head, rows: &rows, departments: &departments, last_side, title, guess_steps };
        // (An indicator named by the title starts on the title's line.)
        let first = if title.is_some() { lines[i - 1].no } else { lines[i].no };
        if read_columns(&read, first, out) {
            i = j;
        } else {
            i += 1;
        }
    }
}

/// How the cells of a table's lines are taken: as they are, or with two label columns read as
/// one (「年度,区分,産業部門,…」 over 「2030,目標,297,…」: the row is labelled 「2030目標」) and
/// without the columns of notes (備考) the header names.
struct Shape {
    merged: bool,
    notes: Vec<usize>,
    /// Which of the two label cells is the 年度 column: a bare year under it is that 年度.
    year_at: Option<usize>,
    /// How many cells the header has (0 where the line has none).
    width: usize,
}

impl Shape {
    /// The shape a header line gives its table: its first two cells both header words that
    /// are no figure's (年度 and 区分, 区分 and 年度), and the cells under 備考 set apart.
    fn of(vocabulary: &Vocabulary, line: &super::Line) -> Shape {
        let plain = Shape { merged: false, notes: Vec::new(), year_at: None, width: 0 };
        // Only lines of comma or tab separated cells or pipes can be such a header.
        if !line.text.contains([',', '\t', '|']) {
            return plain;
        }
        let Some(cells) = blocks::cells(line) else { return plain };
        let word = |c: &String| vocabulary.exact_label(c).is_some_and(|l| !l.role.is_value() && l.role != Role::Note);
        let merged = cells.len() >= 4 && word(&cells[0]) && word(&cells[1]);
        let year_column = cells.first().and_then(|c| vocabulary.exact_label(c)).is_some_and(|l| l.role == Role::Year);
        if !merged && year_column {
            return Shape { merged, notes: Vec::new(), year_at: Some(0), width: cells.len() };
        }
        let notes = if merged {
            (0..cells.len())
                .filter(|&k| vocabulary.exact_label(&cells[k]).is_some_and(|l| l.role == Role::Note))
                .collect()
        } else {
            Vec::new()
        };
        let year_at = if merged {
            (0..2).find(|&k| vocabulary.exact_label(&cells[k]).is_some_and(|l| l.role == Role::Year))
        } else {
            None
        };
        Shape { merged, notes, year_at, width: cells.len() }
    }

    /// A row's cells in this shape: the two label cells as one.
    fn apply(&self, cells: Vec<String>) -> Vec<String> {
        self.reshape(cells, true)
    }

    /// The header's cells in this shape: its first word stands for both.
    fn apply_head(&self, cells: Vec<String>) -> Vec<String> {
        self.reshape(cells, false)
    }

    fn reshape(&self, mut cells: Vec<String>, join: bool) -> Vec<String> {
        if !self.merged {
            // 「2023（現状）」 under 年度 is 2023年度（現状）; a year alone (a row of statistics)
            // stays as it is.
            if let (Some(0), true, Some(first)) = (self.year_at, join, cells.first_mut()) {
                if first.chars().count() > 4 {
                    with_fiscal_year(first);
                }
            }
            return cells;
        }
        if cells.len() < 2 {
            return cells;
        }
        let mut kept: Vec<String> =
            cells.into_iter().enumerate().filter(|(k, _)| !self.notes.contains(k)).map(|(_, c)| c).collect();
        if join {
            // 「2030」 under 年度 is 2030年度; the two cells read as 「目標(2030年度)」.
            if let Some(k) = self.year_at {
                with_fiscal_year(&mut kept[k]);
            }
            let (year, other) = match self.year_at {
                Some(0) => (kept[0].clone(), kept[1].clone()),
                _ => (kept[1].clone(), kept[0].clone()),
            };
            kept[0] = if other.is_empty() {
                year
            } else if year.is_empty() {
                other
            } else {
                format!("{other}({year})")
            };
        }
        kept.remove(1);
        kept
    }
}

/// The cells of a line of the table, `want` of them: comma-separated figures of three digits
/// (「512,246,238」) read as thousands by [`blocks::cells`] are separate cells when only that
/// reading gives the header's count.
fn cells_of(line: &super::Line, want: usize) -> Option<Vec<String>> {
    let cells = blocks::cells(line)?;
    let text = line.text.trim();
    if cells.len() == want || text.contains(['"', '\t', '|']) || !text.contains(',') {
        return Some(cells);
    }
    let plain: Vec<String> = text.split(',').map(|c| c.trim().to_string()).collect();
    Some(if plain.len() == want { plain } else { cells })
}

/// A cell under a 年度 column that starts with a bare western year (「2030」, 「2023（現状）」)
/// gets its 年度, so the year reads as one.
fn with_fiscal_year(cell: &mut String) {
    let digits = cell.chars().take_while(char::is_ascii_digit).count();
    let bare = digits == 4 && cell.starts_with(['1', '2']) && !cell[4..].starts_with('年');
    if bare {
        cell.insert_str(4, "年度");
    }
}

/// Most rows of units or departments between the names and the figures.
const MAX_SIDE_ROWS: usize = 2;

/// Whether one of the rows from `j` on labels itself the baseline or the target (「2023（現状）」).
fn marked_rows_follow(vocabulary: &Vocabulary, lines: &[super::Line], j: usize, shape: &Shape) -> bool {
    lines.iter().skip(j).take(MAX_SIDE_ROWS + 4).map_while(|l| cells_of(l, shape.width).map(|c| shape.apply(c))).any(
        |cells| {
            cells.first().and_then(|c| vocabulary.label(c)).is_some_and(|l| {
                matches!(l.role, Role::Baseline | Role::Target) || matches!(l.mark, Some(Role::Baseline | Role::Target))
            })
        },
    )
}

/// Whether the row at `j` (past a markdown separator and rows of units or departments) is a
/// row of figures labelled by a value word (現状値, 目標値, a year).
fn figures_follow(vocabulary: &Vocabulary, lines: &[super::Line], j: usize, shape: &Shape) -> bool {
    for cells in lines.iter().skip(j).take(MAX_SIDE_ROWS + 2).map(|l| cells_of(l, shape.width).map(|c| shape.apply(c)))
    {
        let Some(cells) = cells else { return false };
        if cells.is_empty() || side_role(vocabulary, &cells).is_some() {
            continue;
        }
        return is_figure_row(vocabulary, &cells) && vocabulary.label(&cells[0]).is_some_and(|l| l.role.is_value());
    }
    false
}

/// The role of a row that says something of each column other than a figure: its units or
/// departments, as a header word in its first cell says (単位, 担当課).
fn side_role(vocabulary: &Vocabulary, cells: &[String]) -> Option<Role> {
    let first = cells.first()?;
    vocabulary
        .exact_label(first)
        .map(|l| l.role)
        .filter(|r| matches!(r, Role::Unit | Role::Department | Role::Direction | Role::Note | Role::Compared))
}

/// A transposed table as read: the header of names, the rows of figures, the departments of
/// each column (where a row names them) and the line of the last row of units or departments.
struct Columns<'a> {
    head: &'a [String],
    rows: &'a [Row],
    departments: &'a [Vec<String>],
    last_side: usize,
    /// The name of a numbered title right over the table, whose columns are its parts.
    title: Option<&'a str>,
    /// Whether unmarked rows of years are a plan's steps (first the baseline, last the target);
    /// not under a caption of the past or of a projection.
    guess_steps: bool,
}

/// The cells of a header of names, with an empty first cell where the line lost it (a tab row
/// whose leading tab is trimmed with the line).
fn name_row(vocabulary: &Vocabulary, cells: Vec<String>) -> Option<Vec<String>> {
    if is_name_row(vocabulary, &cells) {
        return Some(cells);
    }
    let padded: Vec<String> = std::iter::once(String::new()).chain(cells).collect();
    is_name_row(vocabulary, &padded).then_some(padded)
}

/// A header of names: a first cell that is empty or a word (区分, 指標), then two or more cells
/// that are neither figures nor header words.
fn is_name_row(vocabulary: &Vocabulary, cells: &[String]) -> bool {
    let Some((first, names)) = cells.split_first() else { return false };
    let first_ok = first.is_empty() || vocabulary.label(first).is_some_and(|l| !l.role.is_value());
    first_ok
        && names.len() >= 2
        && names.iter().all(|n| {
            !n.is_empty()
                && n.chars().count() <= MAX_NAME
                && !n.contains('。')
                && !looks_like_value(n)
                && !vocabulary.is_word(n)
                // A name may hold a word (「指標」, 「ＢＯＤ環境基準の達成率」 holds 基準), but a
                // cell that is a figure or year column's header is no name.
                && vocabulary.exact_label(n).is_none_or(|l| !l.role.is_value() && l.role != Role::Year)
        })
}

/// A row whose first cell labels it and whose other cells are figures or blanks.
/// A first cell that reads like a figure labels the row when it is a vocabulary word (5年後).
fn is_figure_row(vocabulary: &Vocabulary, cells: &[String]) -> bool {
    let Some((first, rest)) = cells.split_first() else { return false };
    let value = |c: &String| c.is_empty() || looks_like_value(c) || super::labels::is_word_value(c);
    // 「2028年度（中間）」: a year with a word in brackets labels its row, though it reads
    // like a figure with a note.
    let dated_word = first.contains('(') && !value::years_in(first).is_empty();
    let label = !looks_like_value(first) || vocabulary.is_word(first) || dated_word;
    !first.is_empty() && label && rest.iter().all(value)
}

/// One indicator per name column; true when the rows say which is the baseline or the target.
fn read_columns(table: &Columns<'_>, header_line: usize, out: &mut Out) -> bool {
    let (head, rows) = (table.head, table.rows);
    let labelled: Vec<&Row> = rows.iter().filter(|r| r.label.is_some()).collect();
    let role_of = |r: &Row| r.label.as_ref().map(|l| l.role);
    let first_of = |role: Role| labelled.iter().copied().find(|r| role_of(r) == Some(role));
    let last_of = |role: Role| labelled.iter().copied().rfind(|r| role_of(r) == Some(role));
    let steps: Vec<&Row> = labelled.iter().copied().filter(|r| role_of(r) == Some(Role::YearStep)).collect();
    let marked = |mark: Role| steps.iter().copied().rfind(|r| r.label.as_ref().is_some_and(|l| l.mark == Some(mark)));
    // Of two rows of baselines (基準年度 and 現状), the later one before the target is the
    // present figure; the earlier is the year a rate is reckoned from.
    let target_line = last_of(Role::Target).map_or(usize::MAX, |t| t.line);
    let latest = labelled.iter().copied().rfind(|r| role_of(r) == Some(Role::Baseline) && r.line < target_line);
    let mut baseline = latest.or_else(|| first_of(Role::Baseline)).or_else(|| marked(Role::Baseline));
    let mut target = last_of(Role::Target).or_else(|| marked(Role::Target));
    // Rows of years: the first is the baseline and the last the target, unless marked.
    if steps.len() >= 2 && table.guess_steps {
        baseline = baseline.or(steps.first().copied().filter(|r| Some(r.line) != target.map(|t| t.line)));
        target = target.or(steps.last().copied().filter(|r| Some(r.line) != baseline.map(|b| b.line)));
    }
    if baseline.is_none() && target.is_none() {
        return false;
    }
    let actual = last_of(Role::Actual);
    let last_line = rows.last().map_or(header_line, |r| r.line).max(table.last_side);
    let mut any = false;
    for (column, name) in head.iter().enumerate().skip(1) {
        let figure = |row: Option<&Row>| -> Option<Value> {
            let row = row?;
            let mut v = value::parse(row.cells.get(column)?, row.line)?;
            if v.year.is_none() {
                v.year = row.label.as_ref().and_then(|l| l.year.clone());
            }
            Some(v)
        };
        let (name, description) = match table.title.map(super::tables::name_and_description) {
            Some((title, description)) => (format!("{title}({name})"), description),
            None => super::tables::name_and_description(name),
        };
        let mut indicator = Indicator::row("指標".to_string(), name, description, figure(baseline), figure(target));
        indicator.actual = figure(actual);
        indicator.departments = table.departments.get(column).cloned().unwrap_or_default();
        indicator.labels = [baseline, target]
            .iter()
            .flatten()
            .filter_map(|r| r.label.as_ref())
            .map(|l| value::strip_years(&l.text).replace(['(', ')', ' '], ""))
            .filter(|t| !t.is_empty())
            .collect();
        // Every dated row, the interim ones (中間値) included, is a step of the path: asked
        // for 令和8年度, the answer is the interim figure, not the target.
        // A row that starts with its year is a step where the year stands alone or with a word
        // in brackets (「2027年度（中間）」), not 「2013年度比」, a row of rates against a year.
        let step = |r: &&Row| {
            let cell = r.cells[0].trim();
            let rest = value::strip_years(cell);
            let rest = rest.trim();
            let starts_with_year = cell.starts_with(|c: char| c.is_ascii_digit())
                || ["令和", "平成", "R", "H"].iter().any(|e| cell.starts_with(e));
            r.label.is_some() || !starts_with_year || rest.is_empty() || rest.starts_with('(')
        };
        let dated: Vec<Value> = rows
            .iter()
            .filter(step)
            .filter_map(|r| {
                let year = value::years_in(&r.cells[0]).into_iter().next()?;
                let v = figure(Some(r)).filter(|v| v.figure.is_some() || v.qualifier.is_some())?;
                Some(Value { year: Some(year), ..v })
            })
            .collect();
        if dated.len() >= 3 || steps.len() >= 2 {
            indicator.yearly = dated;
        }
        let has_figure = [&indicator.baseline, &indicator.target, &indicator.actual]
            .iter()
            .any(|v| v.as_ref().is_some_and(|v| v.figure.is_some()));
        if has_figure {
            out.push((header_line, last_line, Body::Indicator(Box::new(indicator))));
            any = true;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(usize, usize, Indicator)> {
        let doc = Doc::from_text(text);
        let mut out = Vec::new();
        tables(&doc, &Vocabulary::built_in(), &mut out);
        out.into_iter()
            .filter_map(|(a, b, body)| match body {
                Body::Indicator(i) => Some((a, b, *i)),
                _ => None,
            })
            .collect()
    }

    fn figure(v: &Option<Value>) -> Option<&str> {
        v.as_ref().and_then(|v| v.figure.as_deref())
    }

    #[test]
    fn a_name_that_holds_a_header_word_is_still_a_name() {
        let rows = read("| 環境指標 | ＢＯＤ環境基準の達成率 | 公園の数 |\n|---|---|---|\n| 目標値 | 100% | 20か所 |\n| 現在値 | 83.3% | 18か所 |");
        assert_eq!(rows.len(), 2, "{:?}", rows.iter().map(|r| &r.2.name).collect::<Vec<_>>());
        assert_eq!(rows[0].2.name, "BOD環境基準の達成率");
        assert_eq!(figure(&rows[0].2.baseline), Some("83.3"));
    }

    #[test]
    fn rows_of_units_and_departments_belong_to_the_table() {
        let rows = read("指標\t図書館の貸出冊数\t公園の利用率\n単位\t冊\t%\n現状値\t▲12\t45.2\n目標値\t20\t60.0\n担当課\t生涯学習課\t公園緑地課");
        assert_eq!(rows.len(), 2);
        let (from, to, library) = &rows[0];
        assert_eq!((*from, *to), (1, 5));
        assert_eq!((figure(&library.baseline), figure(&library.target)), (Some("▲12"), Some("20")));
        assert_eq!(library.departments, ["生涯学習課"]);
        assert_eq!(rows[1].2.departments, ["公園緑地課"]);
    }

    #[test]
    fn indicators_as_columns_with_an_interim_row() {
        let text = "■成果指標\n| 区分 | 公園の清掃ボランティア登録者数 | 花いっぱい運動の参加団体数（累計） |\n|---|---|---|\n| 基準値（Ｒ４） | ３１０人 | １２団体 |\n| 中間値（Ｒ７） | ３６０人 | ― |\n| 目標値（Ｒ９） | ４００人 | 維持 |\n\n本文です。";
        let got = read(text);
        assert_eq!(got.len(), 2, "{:?}", got.iter().map(|g| &g.2.name).collect::<Vec<_>>());
        let (from, to, first) = &got[0];
        assert_eq!((*from, *to), (2, 6));
        assert_eq!(first.name, "公園の清掃ボランティア登録者数");
        assert_eq!((figure(&first.baseline), figure(&first.target)), (Some("310"), Some("400")));
        assert_eq!(first.baseline.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2022);
        assert_eq!(first.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2027);
        let steps: Vec<Option<&str>> = first.yearly.iter().map(|v| v.figure.as_deref()).collect();
        assert_eq!(steps, [Some("310"), Some("360"), Some("400")]);
        assert_eq!(first.yearly[1].year.as_ref().unwrap().fiscal, 2025);
        let second = &got[1].2;
        assert_eq!((figure(&second.baseline), figure(&second.target)), (Some("12"), None));
        assert_eq!(second.target.as_ref().unwrap().qualifier.as_deref(), Some("維持"));
    }

    #[test]
    fn rows_by_year_with_tabs() {
        let text = "\t自転車駐車場の利用台数\t駅前広場の歩行者数\n令和５年度\t１，２００台\t８，４００人\n令和７年度\t１，３５０台\t９，０００人\n令和９年度（目標）\t１，５００台\t１０，０００人";
        let got = read(text);
        assert_eq!(got.len(), 2);
        let bikes = &got[0].2;
        assert_eq!((figure(&bikes.baseline), figure(&bikes.target)), (Some("1,200"), Some("1,500")));
        assert_eq!(bikes.yearly.len(), 3);
    }

    #[test]
    fn csv_rows_of_years_marked_present_interim_and_target() {
        let text = "表　指標\n年度,市民農園の区画数（区画）,落ち葉堆肥の配布量（t）\n2024（現状）,140,8.5\n2028（中間）,,11\n2031（目標）,200,14\n\n本文です。";
        let got = read(text);
        assert_eq!(got.len(), 2, "{:?}", got.iter().map(|g| &g.2.name).collect::<Vec<_>>());
        assert_eq!(got[0].0, 2);
        assert_eq!((figure(&got[0].2.baseline), figure(&got[0].2.target)), (Some("140"), Some("200")));
        assert_eq!((figure(&got[1].2.baseline), figure(&got[1].2.target)), (Some("8.5"), Some("14")));
        assert_eq!(got[1].2.target.as_ref().unwrap().year.as_ref().unwrap().fiscal, 2031);
    }

    #[test]
    fn a_year_column_and_a_kind_column_label_each_row_together() {
        let text = "年度,区分,北地区の排水量,南地区の排水量\n2012,基準,80,60\n2022,現状,72,55\n2032,目標,50,40\n,2012年度比,▲38%,▲33%";
        let got = read(text);
        assert_eq!(got.len(), 2, "{:?}", got.iter().map(|g| &g.2.name).collect::<Vec<_>>());
        assert_eq!(got[0].2.name, "北地区の排水量");
        assert_eq!((figure(&got[0].2.baseline), figure(&got[0].2.target)), (Some("72"), Some("50")));
        assert_eq!((figure(&got[1].2.baseline), figure(&got[1].2.target)), (Some("55"), Some("40")));
        // The row of rates against 2012 is no step of the path.
        let years: Vec<i32> = got[0].2.yearly.iter().filter_map(|v| v.year.as_ref().map(|y| y.fiscal)).collect();
        assert_eq!(years, [2012, 2022, 2032]);
    }

    #[test]
    fn a_kind_column_before_the_years_with_a_reference_year_and_notes() {
        let text = "区分,年度,排水量（千m3）,削減率,備考\n基準年度,2012,80,,\n現状,2022,72,▲10%,速報値\n目標,2032,40,▲50%,\n,2050,,ゼロ,";
        let got = read(text);
        assert_eq!(got.len(), 2, "{:?}", got.iter().map(|g| &g.2.name).collect::<Vec<_>>());
        assert_eq!((figure(&got[0].2.baseline), figure(&got[0].2.target)), (Some("72"), Some("40")));
        assert_eq!((figure(&got[1].2.baseline), figure(&got[1].2.target)), (Some("▲10"), Some("▲50")));
    }

    #[test]
    fn csv_figures_of_three_digits_are_cells_when_the_header_says_so() {
        let text = "年度,区分,東町の戸数,西町の戸数,北町の戸数\n2020,現状,312,145,208\n2030,目標,350,160,240";
        let got = read(text);
        assert_eq!(got.len(), 3, "{:?}", got.iter().map(|g| &g.2.name).collect::<Vec<_>>());
        assert_eq!((figure(&got[1].2.baseline), figure(&got[1].2.target)), (Some("145"), Some("160")));
    }

    #[test]
    fn tables_of_other_shapes_are_left_alone() {
        // A table whose header names its columns by words, and a list of areas with figures.
        assert!(read("| 指標名 | 現状値 | 目標値 |\n|---|---|---|\n| 自治会加入率 | 68% | 75% |").is_empty());
        assert!(read("| 地区 | 北地区 | 南地区 |\n|---|---|---|\n| 人口 | 1,200人 | 980人 |").is_empty());
    }
}
