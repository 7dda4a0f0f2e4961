//! Ingest: reads the documents in `data/` and turns each into [`Record`]s.
//!
//! One reader for plan documents in general, in passes over normalized lines that keep their
//! original line numbers (so a record cites the line a person can open and check): headings
//! (`structure`), blocks such as tables of any separator (`blocks`), the roles of header and
//! label words from a vocabulary kept as data (`roles`), then records from tables (`tables`),
//! labelled blocks (`labels`), PDF table dumps (`dumps`), sentences that state targets
//! (`prose`) and lists of measures (`measures`). Whatever no pass understands still becomes
//! passages, so a plan in a new layout is answered from its text; `check` reports the figures
//! no record explains. A document that cannot be read is reported and skipped.

pub mod amend;
pub mod blocks;
pub mod catalog;
pub mod check;
pub mod columns;
pub mod csv;
pub mod delimited;
pub mod divided;
pub mod dumps;
pub mod grid;
pub mod html;
pub mod kanji;
pub mod labels;
pub mod measures;
pub mod normalize;
pub mod numbered;
pub mod owners;
pub mod prose;
pub mod record;
pub mod roles;
pub mod structure;
pub mod tables;
pub mod transposed;
pub mod value;
pub mod wrapped;

use std::path::{Path, PathBuf};

pub use catalog::Catalog;
pub use record::{Body, Record, Section, Source};

/// Problems ingest reports; the other documents go on.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A file could not be read.
    #[error("{file} を読めません: {source}")]
    Read { file: PathBuf, source: std::io::Error },
    /// A document is not UTF-8 text.
    #[error("{file}:{line}: UTF-8 のテキストではありません")]
    NotText { file: PathBuf, line: usize },
    /// A FIFO or a device where a document was expected: never read, since reading it could
    /// block forever or never end.
    #[error("{file} は通常のファイルではないので読みません")]
    NotRegular { file: PathBuf },
    /// A link to a folder: not followed, since it could lead back into the data folder and
    /// make the walk endless.
    #[error("{dir} はフォルダへのリンクなのでたどりません")]
    LinkedFolder { dir: PathBuf },
    /// A folder of the data that cannot be listed: its documents would silently be missing.
    #[error("フォルダ {dir} を読めません: {source}")]
    Folder { dir: PathBuf, source: std::io::Error },
    /// The catalog is not valid TOML or has an unknown field, or one of its entries is unusable.
    #[error("{}{}: {message}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Catalog { file: PathBuf, line: Option<usize>, message: String },
}

impl IngestError {
    /// The problem as a warning for the user, saying what planbot did about it.
    pub fn warning(&self) -> String {
        match self {
            IngestError::Read { .. } | IngestError::NotText { .. } | IngestError::NotRegular { .. } => {
                format!("{self}（この文書は飛ばしました）")
            }
            _ => self.to_string(),
        }
    }
}

/// One line of a document: its 1-based number, its normalized text, and its cells when its
/// columns are aligned by runs of spaces (see [`normalize::gap_cells`]).
#[derive(Debug, Clone)]
pub struct Line {
    pub no: usize,
    pub text: String,
    pub cells: Vec<String>,
    /// Where each cell starts: the display column of each of `cells` (see
    /// [`normalize::gap_pieces`]), or, on a tab-separated line, the column of each non-empty cell
    /// (see [`normalize::tab_columns`]).
    pub starts: Vec<usize>,
    /// Whether the raw line separates its cells by tabs (its text may have lost them all: 「指標\t\t」).
    pub tabbed: bool,
    /// For a row a pre-pass rewrote from several lines (see [`grid`], [`columns`]): the last line
    /// of the document it stands for, so its record cites the lines that hold its figures.
    pub row_end: Option<usize>,
    /// For a line aligned by spaces: per cell, the display columns of the letters after its
    /// single spaces (see [`normalize::GapPiece`]), where a cell that filled its column may
    /// run into the next.
    pub inner_spaces: Vec<Vec<usize>>,
}

impl Line {
    /// Where the line's text starts when it is one piece with no cells of a table (a name's
    /// wrapped piece, a group's title, a cell's continued text).
    pub fn lone_start(&self) -> Option<usize> {
        match (self.starts.as_slice(), self.cells.is_empty()) {
            (&[at], true) => Some(at),
            _ => None,
        }
    }

    pub fn new(no: usize, raw: &str) -> Line {
        // The definition of a pandoc definition list (「:   現状値　38件」) reads as the line
        // under its term reads without the mark.
        let raw = raw
            .strip_prefix(':')
            .filter(|r| r.starts_with([' ', '\t']) && !r.trim().is_empty())
            .map_or(raw, str::trim_start);
        // A plan sent by e-mail or kept in Markdown quotes its lines (「> 指標…」「>> …」 of a
        // reply): the lines read as they would unquoted.
        let raw = quoted(raw).unwrap_or(raw);
        let raw = normalize::spaced_words(raw);
        let raw = raw.as_ref();
        // Read once for the cells and the text.
        let read = normalize::read(raw);
        let cells = if normalize::has_gaps(raw) { normalize::cells_of(&read) } else { Vec::new() };
        let tabbed = raw.contains('\t');
        // A line of one piece keeps where it starts too: a lone year under one column.
        let pieces = if tabbed { Vec::new() } else { normalize::gap_pieces(raw, cells.len().max(1)) };
        let starts = if tabbed { normalize::tab_columns(raw) } else { pieces.iter().map(|p| p.start).collect() };
        let mut inner_spaces: Vec<Vec<usize>> =
            if cells.len() >= 2 { pieces.into_iter().map(|p| p.inner_spaces).collect() } else { Vec::new() };
        let (mut cells, mut starts) = (cells, starts);
        if cells.len() >= 2 && !tabbed {
            split_dated_brackets(&mut cells, &mut starts, &mut inner_spaces);
            split_dated_pairs(&mut cells, &mut starts, &mut inner_spaces);
            split_number_word(&mut cells, &mut starts, &mut inner_spaces);
        }
        Line { no, text: normalize::line_of(read), cells, starts, tabbed, row_end: None, inner_spaces }
    }
}

/// A header's years written with no gap between them (「（令和５年度）（令和11年度）（令和16年度）」
/// under 「現状値　中間値　目標値」, the columns too narrow for a space): one cell per year, each
/// starting where its share of the cell's width puts it.
fn split_dated_brackets(cells: &mut Vec<String>, starts: &mut Vec<usize>, inner: &mut Vec<Vec<usize>>) {
    if starts.len() != cells.len() {
        return;
    }
    let mut k = 0;
    while k < cells.len() {
        let cell = &cells[k];
        let groups: Vec<&str> = cell.split_inclusive(')').collect();
        let dated = groups.len() >= 2
            && groups.iter().all(|g| g.starts_with('(') && g.ends_with(')') && !value::years_in(g).is_empty());
        if !dated {
            k += 1;
            continue;
        }
        let pieces: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        let mut at = starts[k];
        let piece_starts: Vec<usize> = pieces
            .iter()
            .map(|p| {
                let start = at;
                // A bracket of full-width letters, as such headers are written, is twice as wide.
                at += normalize::width(p) + 2;
                start
            })
            .collect();
        let n = pieces.len();
        cells.splice(k..=k, pieces);
        starts.splice(k..=k, piece_starts);
        if inner.len() > k {
            inner.splice(k..=k, vec![Vec::new(); n]);
        }
        k += n;
    }
}

/// Two dated header words a single space apart (「現状値（令和６年度） 目標値（令和16年度）」, the
/// columns too narrow for a gap): one cell each, the second starting after the space.
fn split_dated_pairs(cells: &mut Vec<String>, starts: &mut Vec<usize>, inner: &mut Vec<Vec<usize>>) {
    if starts.len() != cells.len() || inner.len() != cells.len() {
        return;
    }
    let dated = |p: &str| p.ends_with(')') && p.contains('(') && !value::years_in(p).is_empty();
    let mut k = 0;
    while k < cells.len() {
        let pair = cells[k].split_once(' ').filter(|(a, b)| dated(a) && dated(b) && !b.contains(' '));
        match (pair, inner[k].as_slice()) {
            (Some((a, b)), &[space]) => {
                let (a, b) = (a.to_string(), b.to_string());
                cells.splice(k..=k, [a, b]);
                // (An inner space is recorded by where the word after it starts.)
                starts.insert(k + 1, space);
                inner.splice(k..=k, [Vec::new(), Vec::new()]);
                k += 2;
            }
            _ => k += 1,
        }
    }
}

/// The word over the rows' numbers a single space before the next header word (「No. 取組項目」,
/// the number column too narrow for a gap): one cell each, as the rows' numbers stand apart.
fn split_number_word(cells: &mut Vec<String>, starts: &mut Vec<usize>, inner: &mut Vec<Vec<usize>>) {
    if starts.len() != cells.len() || inner.len() != cells.len() {
        return;
    }
    let Some((number, rest)) = cells[0].split_once(' ') else { return };
    let number_word =
        matches!(number.trim_end_matches('.').to_ascii_lowercase().as_str(), "no" | "#") || number == "番号";
    if !number_word || rest.contains(' ') || rest.is_empty() || !rest.chars().all(char::is_alphabetic) {
        return;
    }
    let &[space] = inner[0].as_slice() else { return };
    let (a, b) = (number.to_string(), rest.to_string());
    cells.splice(0..=0, [a, b]);
    starts.insert(1, space);
    inner.splice(0..=0, [Vec::new(), Vec::new()]);
}

/// The text of a line quoted with 「>」 marks (one or more, with a space after each), or `None`
/// for a line that is no quote.
fn quoted(raw: &str) -> Option<&str> {
    if !raw.starts_with(['>', '＞']) {
        return None;
    }
    let mut rest = raw;
    while let Some(r) = rest.strip_prefix(['>', '＞']) {
        // The one space after each mark goes with it; more is the text's own indentation.
        rest = r.strip_prefix(' ').unwrap_or(r);
    }
    Some(rest)
}

/// A document being parsed: its lines and the section of each.
pub struct Doc {
    pub lines: Vec<Line>,
    pub sections: Vec<std::sync::Arc<Section>>,
    /// Regions of two tables side by side apart by a rule (see [`divided`]): their first and
    /// last lines, and the document read with only the left halves and only the right halves.
    pub divided: Vec<(usize, usize)>,
    /// Regions of a page in two columns, prose on the left and a table on the right (see
    /// [`divided::gutters`]): the document's lines hold the left column there, and the right
    /// column is read as a document of its own, the last of `halves`.
    pub beside: Vec<(usize, usize)>,
    pub halves: Vec<Doc>,
}

impl Doc {
    /// The document read with the bundled vocabulary (tests and tools without a data folder).
    pub fn from_text(text: &str) -> Doc {
        Doc::with_vocabulary(text, &roles::Vocabulary::built_in())
    }

    /// The document read with the words of `vocabulary` (its heading level words).
    pub fn with_vocabulary(text: &str, vocabulary: &roles::Vocabulary) -> Doc {
        // What converters leave in text (inline math, escaped carriage returns) read as text.
        let converted: Vec<std::borrow::Cow<str>> = text.split('\n').map(normalize::converted).collect();
        let published: Vec<&str> = converted.iter().map(|l| l.as_ref()).collect();
        // A revision printed 見え消し is read as revised.
        let revised = normalize::revisions(&published);
        let raw: Vec<&str> = revised.iter().map(|l| l.as_ref()).collect();
        // A page in two columns is read as its left column; its right column apart, below.
        let columns = divided::gutters(&raw, vocabulary);
        let raw: Vec<&str> = match &columns {
            Some(c) => raw
                .iter()
                .enumerate()
                .map(
                    |(k, line)| {
                        if c.regions.iter().any(|&(a, b)| a <= k + 1 && k < b) {
                            c.left[k].as_str()
                        } else {
                            line
                        }
                    },
                )
                .collect(),
            None => raw,
        };
        let mut lines: Vec<Line> = raw.iter().enumerate().map(|(i, raw)| Line::new(i + 1, raw)).collect();
        // Tables whose cells wrap over lines become pipe rows before any pass reads them.
        html::rewrite(vocabulary, &raw, &mut lines);
        csv::rewrite(vocabulary, &raw, &mut lines);
        delimited::rewrite(vocabulary, &mut lines);
        grid::rewrite(vocabulary, &raw, &mut lines);
        columns::rewrite(vocabulary, &mut lines);
        numbered::rewrite(vocabulary, &mut lines);
        let sections = structure::sections(&lines, vocabulary);
        let read = |side: &[String]| Doc::with_vocabulary(&side.join("\n"), vocabulary);
        let (divided, mut halves) = match divided::halves(&raw) {
            Some(h) => (h.regions, vec![read(&h.left), read(&h.right)]),
            None => (Vec::new(), Vec::new()),
        };
        let beside = match columns {
            Some(c) => {
                halves.push(read(&c.right));
                c.regions
            }
            None => Vec::new(),
        };
        Doc { lines, sections, divided, beside, halves }
    }

    fn section_at_line(&self, no: usize) -> &Section {
        &self.sections[no.saturating_sub(1).min(self.sections.len() - 1)]
    }

    /// The title of the heading that stands right above line `no` (blank lines apart): what
    /// a sentence under it that names no subject of its own is about (「目標１　家庭系ごみ
    /// 排出量」 over 「…から460gに削減します」).
    fn heading_above(&self, no: usize) -> Option<&str> {
        let above = self.lines.get(..no.saturating_sub(1))?.iter().rev().find(|l| !l.text.trim().is_empty())?;
        let section = self.section_at_line(no);
        // The line ends with the title, white space apart: both read from their ends.
        let ends_with_title = || {
            let mut line = above.text.chars().rev().filter(|c| !c.is_whitespace());
            section.title.chars().rev().filter(|c| !c.is_whitespace()).all(|t| line.next() == Some(t))
        };
        let heads =
            !section.title.is_empty() && std::ptr::eq(self.section_at_line(above.no), section) && ends_with_title();
        heads.then_some(section.title.as_str())
    }

    /// The text of lines `from..=to`, at most [`MAX_QUOTE`] characters: a record's size stays
    /// bounded however long its lines are.
    fn quote(&self, from: usize, to: usize) -> String {
        // A row rewritten from several lines holds the whole row: the lines it spans hold the
        // other rows' pieces (a table written column by column).
        let to = if self.lines.get(from.saturating_sub(1)).is_some_and(|l| l.row_end.is_some()) { from } else { to };
        let mut quote = String::new();
        let mut room = MAX_QUOTE;
        for line in self.lines[from.saturating_sub(1)..to.min(self.lines.len())].iter().filter(|l| !l.text.is_empty()) {
            if room <= 1 {
                break;
            }
            if !quote.is_empty() {
                quote.push(' ');
                room -= 1;
            }
            // The first `room` characters, sliced rather than collected char by char.
            let mut taken = 0;
            let end = line.text.char_indices().find(|_| {
                taken += 1;
                taken > room
            });
            let end = end.map_or(line.text.len(), |(at, _)| at);
            room -= taken.min(room);
            quote.push_str(&line.text[..end]);
        }
        if quote.contains('\t') {
            quote.replace('\t', " ")
        } else {
            quote
        }
    }
}

/// Longest quote a record carries.
pub const MAX_QUOTE: usize = 400;

/// All records of one document's text, read with the vocabulary in force ([`roles::active`]):
/// for callers that hold no vocabulary of their own; see [`parse_with`].
pub fn parse(text: &str, source: &Source) -> Vec<Record> {
    parse_with(text, source, &roles::active())
}

/// All records of one document's text, read with the given vocabulary: every pass takes its
/// words from it, none from the process-wide one.
pub fn parse_with(text: &str, source: &Source, vocabulary: &roles::Vocabulary) -> Vec<Record> {
    let doc = Doc::with_vocabulary(text, vocabulary);
    let (found, stated) = read(&doc, vocabulary);
    let mut records = to_records(&doc, source, found, Vec::new());
    records.extend(to_records(&doc, source, Vec::new(), stated));
    amend::apply(&doc, &mut records);
    planned_series(source, &mut records);
    units_from_names(vocabulary, &mut records);
    departments_whole(vocabulary, &mut records);
    // 「指標名：―」, a line that opens with 「→」, a table's rule: an indicator named by marks
    // alone names nothing, and its figures are no one's. (One with no name at all is found by
    // its quote: 「緑が豊かだと感じる市民の割合」 / 「52.3％（R6）→ 65％（R16）」.)
    records.retain(|r| match &r.body {
        Body::Indicator(i) => i.name.trim().is_empty() || i.name.chars().any(char::is_alphanumeric),
        _ => true,
    });
    if kanji::has_numeral_run(text) {
        mark_kanji_figures(text, &mut records);
    }
    records
}

/// A series of one figure a year that starts no earlier than the plan itself (「年度ごとの目安」
/// of a 2025–2029 plan: 令和７年度 625円 … 令和11年度 680円) is the plan's path, not its record of
/// the past: its last year is a target, and nothing in it is the figure of today. The plan's
/// first year is the catalog's, else the one the document states.
fn planned_series(source: &Source, records: &mut [Record]) {
    let stated = records.iter().find_map(|r| match &r.body {
        Body::Plan(p) => p.period.as_deref().and_then(|p| value::years_in(p).first().map(|y| y.fiscal)),
        _ => None,
    });
    let Some(start) = source.first_year().or(stated) else { return };
    for record in records {
        let Body::Indicator(indicator) = &mut record.body else { continue };
        let fiscal = |v: &value::Value| v.year.as_ref().map(|y| y.fiscal);
        let planned = indicator.target.is_none()
            && indicator.yearly.len() >= 2
            && indicator.yearly.iter().all(|v| fiscal(v).is_some_and(|y| y >= start))
            && indicator.baseline.as_ref().is_some_and(|b| indicator.yearly.last() == Some(b));
        if planned {
            indicator.target = indicator.baseline.take();
        }
    }
}

/// 「こども食堂の数（か所）　５　…　10」: a figure written bare under a name that states its
/// unit in brackets is in that unit, when the bracket holds a unit (not 「（延べ人数）」).
fn units_from_names(vocabulary: &roles::Vocabulary, records: &mut [Record]) {
    for record in records {
        let Body::Indicator(indicator) = &mut record.body else { continue };
        let Some(unit) = value::name_unit(&indicator.name).filter(|u| vocabulary.is_unit(u)) else { continue };
        let values = indicator
            .baseline
            .iter_mut()
            .chain(indicator.target.iter_mut())
            .chain(indicator.actual.iter_mut())
            .chain(indicator.yearly.iter_mut());
        for v in values.filter(|v| v.unit.is_empty() && v.figure.is_some()) {
            v.unit = unit.to_string();
        }
    }
}

/// Each record's departments with a name split at its own ・ made whole again (人権・男女共同参画課),
/// and two names run together parted (see [`roles::Vocabulary::rejoin_departments`],
/// [`roles::Vocabulary::part_departments`]).
fn departments_whole(vocabulary: &roles::Vocabulary, records: &mut [Record]) {
    for record in records {
        let departments = match &mut record.body {
            Body::Indicator(i) => &mut i.departments,
            Body::Measure(m) => &mut m.departments,
            Body::Responsibility(r) => &mut r.departments,
            _ => continue,
        };
        vocabulary.rejoin_departments(departments, &record.quote);
        vocabulary.part_departments(departments, &record.quote);
    }
}

/// Gives each indicator figure that its lines write in kanji numerals its written form
/// (`Value::written`), so answers quote 「一万一千人」 beside the 11000人 they read.
fn mark_kanji_figures(text: &str, records: &mut [Record]) {
    let lines: Vec<&str> = text.lines().collect();
    for record in records {
        let Body::Indicator(indicator) = &mut record.body else { continue };
        let span = lines.get(record.line.saturating_sub(1)..record.line_end.min(lines.len())).unwrap_or_default();
        let span = span.concat();
        let values =
            indicator.baseline.iter_mut().chain(indicator.target.iter_mut()).chain(indicator.yearly.iter_mut());
        for value in values {
            let number = value.figure.as_deref().and_then(|f| f.replace(',', "").parse::<u64>().ok());
            if let Some(number) = number {
                value.written = kanji::written(&span, number, &value.unit);
            }
        }
    }
}

/// Structured records (start, end, body) of a document, with the passages of what is left, and
/// the targets stated in sentences (which keep their passage, so they come apart).
fn read(doc: &Doc, vocabulary: &roles::Vocabulary) -> (Vec<(usize, usize, Body)>, Vec<prose::Stated>) {
    let mut found: Vec<(usize, usize, Body)> = Vec::new();
    let mut unread = tables::from_tables(doc, vocabulary, &mut found);
    // Two tables side by side are read half by half, in place of what was read across them.
    if !doc.divided.is_empty() {
        let inside = |line: usize| doc.divided.iter().any(|&(a, b)| a <= line && line <= b);
        found.retain(|(line, _, _)| !inside(*line));
    }
    for half in &doc.halves {
        unread.extend(tables::from_tables(half, vocabulary, &mut found));
    }
    transposed::tables(doc, vocabulary, &mut found);
    // Two older passes stay beside the general ones (issue 7): `yearly_tables` reads a name
    // row (「指標名\tX」) over a row of year headers whose last header cell is a label and
    // whose values sit on the row below, and `labelled_blocks` a markdown heading as the name
    // with all its labels first and all its values after them. Neither shape is a table
    // header or a label/value pair, so the general passes cannot see them without a third
    // grammar; both are bounded and skip every line that is not in their shape.
    tables::yearly_tables(doc, &mut found);
    tables::kind_blocks(doc, vocabulary, &mut found);
    labels::blocks(doc, vocabulary, &mut found);
    labels::inline_rows(doc, vocabulary, &mut found);
    labels::name_over_labelled_lines(doc, vocabulary, &mut found);
    tables::labelled_blocks(doc, &mut found);
    measures::sub_items(doc, &mut found);
    measures::plan_rows(doc, &mut found);
    measures::stated_counts(doc, &mut found);
    measures::numbered_lists(doc, &mut found);
    measures::responsibilities(doc, &mut found);
    measures::listed_projects(doc, &mut found);
    measures::satisfaction(doc, &mut found);
    owners::heading_lines(doc, vocabulary, &mut found);
    measures::with_departments(doc, vocabulary, &mut found);
    measures::grouped_by_department(doc, vocabulary, &mut found);
    owners::below_items(doc, vocabulary, &mut found);
    owners::matrices(doc, vocabulary, &mut found);
    measures::dumped(doc, vocabulary, &mut found);
    owners::legends(doc, vocabulary, &mut found);
    owners::sheet_lists(doc, vocabulary, &mut found);
    owners::headed_sections(doc, vocabulary, &mut found);
    owners::numbered_owners(doc, vocabulary, &mut found);
    departments_wrapped(doc, vocabulary, &mut found);
    departments_named(vocabulary, &mut found);
    items_own_indicators(doc, vocabulary, &mut found);
    prose::interim_steps(doc, &mut found);
    units_agree(&mut found);
    rows_once(&mut found);
    // A line a structured record stands on needs no passage of its own: the record is found by
    // the same words, and indexing the line twice would only cost time.
    let mut covered = vec![false; doc.lines.len() + 1];
    // Beside a table of the right column, the lines' text is the left column's prose.
    let beside = |line: usize, body: &Body| {
        matches!(body, Body::Indicator(_)) && doc.beside.iter().any(|&(a, b)| a <= line && line <= b)
    };
    for (line, line_end, _) in found.iter().filter(|(line, _, body)| !beside(*line, body)) {
        let end = (*line_end).min(doc.lines.len());
        if let Some(span) = covered.get_mut(*line..=end) {
            span.iter_mut().for_each(|c| *c = true);
        }
    }
    passages(doc, &covered, &mut found);
    // A dump row quotes its own cells: a whole table on one line is no quote for each row. Lines
    // a table pass already read as indicator rows (a table written one cell per line looks like
    // a stream of cells to the dump pass) give no second, misaligned row.
    let mut stated = dumps::tables(doc, vocabulary);
    let figure = |v: &Option<value::Value>| v.as_ref().is_some_and(|v| v.figure.is_some());
    // Nor do rows the table pass left unread (names wrapped past telling apart).
    let rows: Vec<(usize, usize)> = found
        .iter()
        .filter(|(_, _, b)| matches!(b, Body::Indicator(i) if figure(&i.baseline) || figure(&i.target)))
        .map(|(a, b, _)| (*a, *b))
        .chain(unread)
        .collect();
    stated.retain(|s| !rows.iter().any(|(a, b)| *a <= s.line_end && s.line <= *b));
    stated.extend(prose::targets(doc, vocabulary));
    // An arrow on a line a row already reads (「令和５年度 42手続　→　令和11年度 120手続」 under
    // its 「指標」 line) is that row, not a second one named by what stands around it.
    let numbers = |body: &Body| match body {
        Body::Indicator(i) => [&i.baseline, &i.target].map(|v| v.as_ref().and_then(|v| v.number)),
        _ => [None, None],
    };
    let mut arrows = prose::arrows(doc, vocabulary);
    arrows.retain(|s| {
        let [_, target] = numbers(&s.body);
        !found
            .iter()
            .any(|(a, b, body)| *a <= s.line_end && s.line <= *b && target.is_some() && numbers(body)[1] == target)
    });
    stated.extend(arrows);
    stated.extend(prose::colon_targets(doc, vocabulary));
    stated.extend(prose::labelled_figures(doc, vocabulary));
    prose::baseline_notes(doc, vocabulary, &mut stated);
    prose::caption_baselines(doc, &mut stated);
    stated.extend(prose::facts(doc, vocabulary));
    stated.extend(prose::period_cells(doc, vocabulary));
    // The period on the cover, unless a sentence already states the same years (one record of
    // the document's period is enough, and the sentence says what it is).
    let stated_periods: Vec<Option<String>> = stated
        .iter()
        .filter_map(|s| match &s.body {
            Body::Plan(p) => Some(p.period.clone()),
            _ => None,
        })
        .collect();
    stated.extend(prose::title_period(doc).filter(|cover| match &cover.body {
        Body::Plan(p) => !stated_periods.contains(&p.period),
        _ => true,
    }));
    (found, stated)
}

/// A record whose departments name no department at all (「117.2%」「A」「指標2」: the other
/// column of a sheet read as a 担当課 column) has none: a measure read so was no row of
/// measures and is dropped, an indicator keeps its figures without them.
/// 「②直売所の改修　【所管】農政課、」 / 「　　商工振興課」: a measure whose line ends with a mark
/// that joins departments (or with the label that announces them, 「【担当】」) has the rest of
/// them on the next line, when that line holds nothing but departments; so has an indicator's
/// block (「担当：総務課、」 / 「産業観光課」).
fn departments_wrapped(doc: &Doc, vocabulary: &roles::Vocabulary, found: &mut [(usize, usize, Body)]) {
    for (_, end, body) in found.iter_mut() {
        let m = match body {
            Body::Measure(m) => &mut m.departments,
            Body::Indicator(i) => &mut i.departments,
            _ => continue,
        };
        let (Some(last), Some(next)) = (doc.lines.get(end.wrapping_sub(1)), doc.lines.get(*end)) else { continue };
        let Some(named) = m.last() else { continue };
        // The line may name the department with its section in brackets (「産業振興課（林務係）、」),
        // kept apart from the name.
        let ends_with_named = |t: &str| {
            let bare = t.strip_suffix(')').and_then(|t| t.rsplit_once('(')).map_or(t, |(before, _)| before);
            t.ends_with(named.as_str()) || bare.ends_with(named.as_str())
        };
        let joined = last.text.trim_end().strip_suffix(['、', '・', ',']).is_some_and(ends_with_named);
        // 「…開きます。【担当】」 / 「生涯学習課・学校教育課」: the label closed the line, and was
        // read as the department it announces.
        let label = |d: &String| vocabulary.exact_label(d).is_some_and(|l| l.role == roles::Role::Department);
        let announced = m.len() == 1
            && label(named)
            && last.text.trim_end().ends_with(['】', '〕', ']', ')'])
            && last.text.trim_end().trim_end_matches(['】', '〕', ']', ')']).ends_with(named.as_str());
        // 「④…段差解消と、…進めます　　　道路課」 / 「　　　　　　　　都市計画課」: a department
        // alone on the next line, standing under the department that ends this one, is the same
        // column's cell wrapped.
        let under = || {
            let (Some(&at), Some(cell)) = (last.starts.last(), last.cells.last()) else { return false };
            cell.ends_with(named.as_str())
                && last.cells.len() >= 2
                && next.lone_start().is_some_and(|start| start.abs_diff(at) <= 2)
        };
        // 「担当：産業建設課」 / 「　　　　　総務企画課」: a department alone on the next line,
        // standing where the label's value starts, is the next of the list.
        let after_label = || {
            let (Some(at), Some(start)) = (last.lone_start(), next.lone_start()) else { return false };
            let Some((word, value)) = last.text.trim().split_once(':') else { return false };
            value.trim().ends_with(named.as_str())
                && label(&word.trim().to_string())
                && start.abs_diff(at + normalize::width(word.trim()) + 2) <= 2
        };
        if !(joined || announced || under() || after_label()) || next.no != *end + 1 {
            continue;
        }
        if announced {
            m.clear();
        }
        // (A line number the document prints at the head of each line is no department: 「8 教育総務課」.)
        let text = next.text.trim();
        let text = match text.split_once(' ') {
            Some((number, rest)) if (1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit()) => {
                rest.trim()
            }
            _ => text,
        };
        if let Some(more) = vocabulary.departments_in(text) {
            m.extend(more.into_iter().filter(|d| !m.contains(d)).collect::<Vec<_>>());
            *end = next.no;
        }
    }
}

fn departments_named(vocabulary: &roles::Vocabulary, found: &mut Vec<(usize, usize, Body)>) {
    let none_named =
        |departments: &[String]| !departments.is_empty() && !departments.iter().any(|d| vocabulary.names_department(d));
    found.retain_mut(|(_, _, body)| match body {
        Body::Measure(m) => !none_named(&m.departments),
        Body::Indicator(i) => {
            if none_named(&i.departments) {
                i.departments.clear();
            }
            true
        }
        _ => true,
    });
}

/// 「取組項目２　…」 / 「担当課　総務課」 / 「現状　…」 / 「指標　公共施設の延床面積」: an indicator
/// read in the block of an item whose department a label names is that item's, and its
/// department the item's. The block runs from the item down, line after line with no blank
/// line, rule or heading between.
fn items_own_indicators(doc: &Doc, vocabulary: &roles::Vocabulary, found: &mut [(usize, usize, Body)]) {
    /// Most lines from an item's first line down to an indicator of its block.
    const MAX_BLOCK: usize = 12;
    let line = |no: usize| doc.lines.get(no.wrapping_sub(1));
    // Only a department on a line of its label (「担当課　総務課」「所管課：…」): a list's items
    // 「…（課）」「…（担当：課）」 head no blocks.
    let labelled = |a: usize, b: usize| {
        (a..=b).filter_map(line).any(|l| {
            let head = l.text.trim().split([' ', ':']).next().unwrap_or("");
            let head = head.trim_start_matches(['【', '[', '(']).trim_end_matches(['】', ']', ')']);
            vocabulary.exact_label(head).is_some_and(|l| l.role == roles::Role::Department)
        })
    };
    let items: Vec<(usize, usize, Vec<String>)> = found
        .iter()
        .filter_map(|(a, b, body)| match body {
            Body::Measure(m) if !m.departments.is_empty() && labelled(*a, *b) => Some((*a, *b, m.departments.clone())),
            _ => None,
        })
        .collect();
    // (A rule drawn across the page is read as a table's separator row by then.)
    // So is the title of a block of indicators (「【成果指標】」「■ 成果指標」): they are no item's.
    let titles_indicators = |text: &str| {
        let bare = text
            .trim_start_matches(['【', '[', '■', '◆', '●', '□', '◇', '〔', ' '])
            .trim_end_matches(['】', ']', '〕']);
        bare.len() < text.len() && vocabulary.exact_label(bare).is_some_and(|l| l.role == roles::Role::Name)
    };
    let apart = |no: usize| {
        line(no).is_none_or(|l| {
            let text = l.text.trim();
            text.is_empty()
                || text == grid::SEPARATOR
                || text.chars().all(|c| "─━-=―_".contains(c))
                || titles_indicators(text)
        })
    };
    let same_section = |a: usize, b: usize| std::ptr::eq(doc.section_at_line(a), doc.section_at_line(b));
    for (start, _, body) in found.iter_mut() {
        let Body::Indicator(i) = body else { continue };
        if !i.departments.is_empty() {
            continue;
        }
        let item = items.iter().filter(|(a, b, _)| *b < *start && *a + MAX_BLOCK >= *start).max_by_key(|(a, _, _)| *a);
        if let Some((a, b, departments)) = item {
            if (*a..*start).all(|no| !apart(no)) && same_section(*a, *start) {
                i.departments = departments.clone();
                let quote = (*a..=*b).filter_map(line).map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
                i.legend = Some(record::Legend { line: *a, line_end: *b, quote });
            }
        }
    }
}

/// A row two passes read alike (a header written one cell per line is read by the table pass and
/// by the pass for that shape): once, as the later pass read it (it knows the shape, and the
/// category its heading gives).
fn rows_once(found: &mut Vec<(usize, usize, Body)>) {
    let figure = |v: &Option<value::Value>| v.as_ref().and_then(|v| v.figure.clone());
    let key = |(line, end, body): &(usize, usize, Body)| match body {
        Body::Indicator(i) => Some((*line, *end, i.name.clone(), figure(&i.baseline), figure(&i.target))),
        _ => None,
    };
    let keys: Vec<_> = found.iter().map(key).collect();
    let mut k = 0;
    found.retain(|_| {
        let later = keys[k].is_some() && keys[k + 1..].contains(&keys[k]);
        k += 1;
        !later
    });
}

/// A row whose name states its unit in brackets (「藻場の面積（ha）」) and whose figure is a
/// percentage is read off its columns (a 前年度比 or 進捗率 column taken for the target): its
/// figures are not known to be its own, and the row is dropped.
fn units_agree(found: &mut Vec<(usize, usize, Body)>) {
    found.retain(|(_, _, body)| {
        let Body::Indicator(i) = body else { return true };
        // Only a unit of the vocabulary (「（百万円）」「（t/年）」), not a note (「（小6）」).
        let is_unit = |u: &str| {
            let u = value::base_unit(u);
            value::UNITS.contains(&u) && !["%", "割", "ポイント"].contains(&u)
        };
        if !value::name_unit(&i.name).is_some_and(is_unit) {
            return true;
        }
        let percent = |v: &Option<value::Value>| v.as_ref().is_some_and(|v| v.figure.is_some() && v.unit == "%");
        !(percent(&i.baseline) || percent(&i.target))
    });
}

fn to_records(doc: &Doc, source: &Source, found: Vec<(usize, usize, Body)>, stated: Vec<prose::Stated>) -> Vec<Record> {
    let quoted = stated.into_iter().map(|s| (s.line, s.line_end, s.body, Some(s.sentence)));
    found
        .into_iter()
        .map(|(a, b, body)| (a, b, body, None))
        .chain(quoted)
        .map(|(line, line_end, mut body, quote)| {
            // 「本計画の期間は…」: the document speaks of itself, and its title is the plan's name.
            if let Body::Plan(p) = &mut body {
                if names_itself(&p.name) {
                    p.name = normalize::text(&source.title);
                }
            }
            (line, line_end, body, quote)
        })
        .map(|(line, line_end, body, quote)| Record {
            source: source.clone(),
            section: section_of(doc, line, &body),
            quote: quote.map_or_else(|| doc.quote(line, line_end), |q| q.chars().take(MAX_QUOTE).collect()),
            line,
            line_end,
            body,
        })
        .collect()
}

/// The words a plan calls itself by (本計画, 本戦略, このプラン).
const PLAN_WORDS: [&str; 6] = ["計画", "プラン", "戦略", "ビジョン", "指針", "大綱"];

/// Whether a plan's name is the document speaking of itself: 本計画, この計画, 当プラン, or the
/// bare word (「計画の期間は、令和７年度から…」 in a plan names no other plan).
fn names_itself(name: &str) -> bool {
    let rest = name.strip_prefix("本").or_else(|| name.strip_prefix("この")).or_else(|| name.strip_prefix("当"));
    PLAN_WORDS.contains(&rest.unwrap_or(name))
}

/// The section a record stands in. A 実施計画 row's 改革分野 is its section: the plan text
/// marks each block only with 「≪改革分野≫」, so the heading above it is the plan's summary.
fn section_of(doc: &Doc, line: usize, body: &Body) -> Section {
    let section = doc.section_at_line(line);
    match body {
        Body::Measure(m) if m.category == "実施計画" => match &m.area {
            Some(area) => Section { number: None, title: area.clone(), path: vec![area.clone()] },
            None => section.clone(),
        },
        _ => section.clone(),
    }
}

const SENTENCE_END: &[char] = &['。', '」', ')', ']'];

/// Paragraphs as fallback text. Lines of PDF text break mid-sentence, so a line that does not
/// end a sentence is joined with the next one (up to a limit), unless that one starts a
/// heading, a bullet or a table row.
fn passages(doc: &Doc, covered: &[bool], out: &mut Vec<(usize, usize, Body)>) {
    let mut current: Option<(usize, usize, String)> = None;
    let mut last_was_heading = false;
    let starts_block = |t: &str| t.starts_with(['#', '-', '|', '◆', '■', '【']) || t.contains('\t');
    for line in &doc.lines {
        let text = line.text.trim_start_matches(['#', '-', ' ']).replace('\t', " ");
        let text = text.trim_matches('|').trim().to_string();
        // Image captions (「▲ 市長への手紙」) say nothing by themselves.
        if text.is_empty() || text.chars().all(|c| "|-: ".contains(c)) || text.starts_with('▲') {
            continue;
        }
        if covered.get(line.no).copied().unwrap_or(false) {
            // Close the paragraph: what follows a structured record starts a new one.
            if let Some((a, b, t)) = current.take() {
                out.push((a, b, Body::Passage(record::Passage { text: t })));
            }
            continue;
        }
        // A row of a table the reader did not read (three cells or more, by pipes, tabs or
        // aligned columns) is a passage of its own, its cells apart: the answer engine reads its
        // figures under the header row above it, which a paragraph of rows run together hides.
        if line.cells.len() >= 3 {
            if let Some((a, b, t)) = current.take() {
                out.push((a, b, Body::Passage(record::Passage { text: t })));
            }
            let cells: Vec<&str> = line.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
            out.push((line.no, line.no, Body::Passage(record::Passage { text: cells.join(" ") })));
            last_was_heading = false;
            continue;
        }
        // A line that opens with a particle (「と答えた人が82.1%」) goes on the sentence above,
        // though that one ends with a bracket (「…住み続けたい」」).
        let goes_on = text.starts_with(['と', 'を', 'に', 'が', 'は', 'で', 'へ', 'や']);
        let joinable = current.as_ref().is_some_and(|(_, end, t)| {
            (!t.ends_with(SENTENCE_END) || goes_on && !t.ends_with('。'))
                && line.no <= end + 2
                && t.chars().count() < 300
                && !starts_block(&line.text)
        }) && !last_was_heading;
        last_was_heading = line.text.starts_with('#');
        match current.as_mut() {
            Some((_, end, t)) if joinable => {
                t.push_str(&text);
                *end = line.no;
            }
            _ => {
                if let Some((a, b, t)) = current.take() {
                    out.push((a, b, Body::Passage(record::Passage { text: t })));
                }
                current = Some((line.no, line.no, text));
            }
        }
    }
    if let Some((a, b, t)) = current {
        out.push((a, b, Body::Passage(record::Passage { text: t })));
    }
}

/// A document found in the data folder.
#[derive(Debug, Clone)]
pub struct DocumentFile {
    /// Path relative to the data folder, with `/`.
    pub relative: String,
    pub path: PathBuf,
}

/// The documents of a data folder, and the entries that looked like documents but are not
/// regular files.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<DocumentFile>,
    pub skipped: Vec<IngestError>,
}

/// Finds the documents of a data folder: every regular `.txt` and `.md` below it (or link to
/// one), sorted. Links to folders are not followed, so a link loop cannot make the walk endless;
/// a folder that cannot be listed is an error, never a silently smaller set of documents.
pub fn discover(data_dir: &Path) -> Result<Discovered, IngestError> {
    let mut found = Discovered::default();
    collect(data_dir, data_dir, &mut found)?;
    found.files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(found)
}

/// The documents of a data folder ([`discover`]), or none when it cannot be walked.
pub fn document_files(data_dir: &Path) -> Vec<DocumentFile> {
    discover(data_dir).map(|d| d.files).unwrap_or_default()
}

fn collect(root: &Path, dir: &Path, out: &mut Discovered) -> Result<(), IngestError> {
    let folder_error = |source| IngestError::Folder { dir: dir.to_path_buf(), source };
    for entry in std::fs::read_dir(dir).map_err(folder_error)? {
        let entry = entry.map_err(folder_error)?;
        let path = entry.path();
        // The entry's own type: a link is reported as a link, not as what it points to.
        let kind = entry.file_type().map_err(folder_error)?;
        if kind.is_dir() {
            collect(root, &path, out)?;
            continue;
        }
        let points_to = || std::fs::metadata(&path).ok();
        if kind.is_symlink() && points_to().is_some_and(|m| m.is_dir()) {
            out.skipped.push(IngestError::LinkedFolder { dir: path });
            continue;
        }
        let named_like_a_document = path.extension().is_some_and(|e| e == "txt" || e == "md")
            && path.file_name().is_some_and(|n| n != "README.md");
        if !named_like_a_document {
            continue;
        }
        if kind.is_file() || (kind.is_symlink() && points_to().is_some_and(|m| m.is_file())) {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.files.push(DocumentFile { relative, path });
        } else {
            out.skipped.push(IngestError::NotRegular { file: path });
        }
    }
    Ok(())
}

/// The bytes of a document, if it is (still) a regular file: what it is is checked on the open
/// file, so a file swapped for a FIFO or a device after [`discover`] is not read either.
pub fn read_document(path: &Path) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let read_error = |source| IngestError::Read { file: path.to_path_buf(), source };
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    let meta = file.metadata().map_err(read_error)?;
    if !meta.is_file() {
        return Err(IngestError::NotRegular { file: path.to_path_buf() });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(read_error)?;
    Ok(bytes)
}

/// Records of all documents, and the problems met on the way.
pub struct Ingested {
    pub records: Vec<Record>,
    pub problems: Vec<IngestError>,
}

/// Reads one document and describes it from the catalog (or from its own text).
pub fn ingest_file(file: &DocumentFile, catalog: &Catalog, data_dir: &Path) -> Result<Vec<Record>, IngestError> {
    let bytes = read_document(&file.path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        IngestError::NotText { file: file.path.clone(), line }
    })?;
    let entry = catalog.get(&file.relative);
    let stem = file.relative.rsplit('/').next().unwrap_or(&file.relative).to_string();
    let source = Source {
        file: display_path(data_dir, &file.relative),
        municipality: entry
            .and_then(|e| e.municipality.clone())
            .or_else(|| catalog::infer_municipality(&normalize::nfkc(&text))),
        title: entry.and_then(|e| e.title.clone()).unwrap_or(stem),
        edition: entry.and_then(|e| e.edition.clone()),
        period: entry.and_then(|e| e.period.clone()),
    };
    Ok(parse(&text, &source))
}

/// Reads every document of the data folder. Catalog problems, entries that are not regular
/// files and documents that cannot be read are reported in `problems`; the rest goes on.
pub fn ingest_dir(data_dir: &Path) -> Result<Ingested, IngestError> {
    let catalog = Catalog::load(data_dir)?;
    let discovered = discover(data_dir)?;
    let mut records = Vec::new();
    let mut problems = catalog.problems(data_dir);
    problems.extend(discovered.skipped);
    for file in discovered.files {
        match ingest_file(&file, &catalog, data_dir) {
            Ok(mut r) => records.append(&mut r),
            Err(e) => problems.push(e),
        }
    }
    Ok(Ingested { records, problems })
}

/// How a citation names a file: the data folder as given, joined with the relative path.
fn display_path(data_dir: &Path, relative: &str) -> String {
    let dir = data_dir.to_string_lossy().replace('\\', "/");
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() || dir == "." {
        relative.to_string()
    } else {
        format!("{dir}/{relative}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vocabulary_passed_in_is_the_one_read_with() {
        let built_in = include_str!("../../data/vocabulary.toml");
        let extended = built_in.replace("baseline = [", "baseline = [\"はじまりの値\", ");
        let vocabulary = roles::Vocabulary::parse(&extended).unwrap();
        let text = "指標名\tはじまりの値\t目標値\n図書館の来館者数\t８万人\t１０万人";
        let source = Source {
            file: "plan.txt".into(),
            municipality: None,
            title: "白鷺村 教育計画".into(),
            edition: None,
            period: None,
        };
        let baseline = |records: Vec<Record>| {
            records.iter().find_map(|r| match &r.body {
                Body::Indicator(i) => Some(i.baseline.as_ref().and_then(|v| v.figure.clone())),
                _ => None,
            })
        };
        assert_eq!(baseline(parse_with(text, &source, &vocabulary)), Some(Some("8".to_string())));
        assert_eq!(baseline(parse_with(text, &source, &roles::Vocabulary::built_in())), Some(None));
    }

    /// The bodies of the records of a plan named 計画, of no municipality.
    fn bodies(text: &str) -> Vec<Body> {
        let source =
            Source { file: "plan.txt".into(), municipality: None, title: "計画".into(), edition: None, period: None };
        parse(text, &source).into_iter().map(|r| r.body).collect()
    }

    /// A table of what the plan covers (対象鳥獣 | 計画期間 | 対象地域) gives the plan's own period,
    /// though its one row wraps onto the line below.
    #[test]
    fn a_period_in_a_table_of_what_the_plan_covers() {
        let text = "架空町鳥獣被害防止計画\n\n１．対象鳥獣の種類、被害防止計画の期間及び対象地域\n\
                    ┌────────┬────────┬──────┐\n│対象鳥獣　　　　│計画期間　　　　│対象地域　　│\n\
                    ├────────┼────────┼──────┤\n│イノシシ、ニホン│令和８年度～令和10年度│架空町全域　│\n\
                    │ザル、カラス　　│　　　　　　　　│　　　　　　│\n└────────┴────────┴──────┘\n";
        let got: Vec<(String, Option<String>)> = bodies(text)
            .into_iter()
            .filter_map(|b| match b {
                Body::Plan(p) => Some((p.name, p.period)),
                _ => None,
            })
            .collect();
        assert_eq!(got, [("架空町鳥獣被害防止計画".to_string(), Some("令和8年度〜令和10年度".to_string()))]);
    }

    /// 「〔ＫＰＩ〕…件数　現状　累計22件」 / 「→　目標　累計120件」: the line the arrow opens gives the
    /// row above its target.
    #[test]
    fn a_line_opened_by_an_arrow_goes_on_the_row_above() {
        let text = "（１）中小企業の支援\n\u{3000}\u{3000}〔ＫＰＩ〕デジタル化補助の交付件数　現状　累計22件（令和５年度）\n\
                    \u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}→　目標　累計120件（令和11年度）\n\u{3000}\u{3000}〔担当〕商工観光課\n";
        let got = indicator_rows(text);
        assert!(
            got.iter().any(|(n, b, t)| n.contains("デジタル化補助の交付件数")
                && b.as_deref().is_some_and(|b| b.contains("22件"))
                && t.as_deref().is_some_and(|t| t.contains("120件"))),
            "{got:?}"
        );
    }

    /// 「指標名：―」 names no indicator, so its 「目標値：―」 is no one's; an indicator with no name
    /// at all is kept for its quote.
    #[test]
    fn an_indicator_named_by_a_mark_alone_is_none() {
        let text = "（３）補助金の見直し\n　所管課：財政課\n　指標名：―\n　目標値：―\n";
        let names: Vec<String> = indicator_names(text);
        assert!(names.iter().all(|n| n.trim().is_empty() || n.chars().any(char::is_alphanumeric)), "{names:?}");
    }

    /// A line of units under a header aligned by spaces is the header's, no row named 「ha」.
    #[test]
    fn a_line_of_units_under_the_header_is_no_row() {
        let text = "表１　土地の利用区分ごとの規模の目標\n\
                    \u{3000}　　　　　　　　　　　　　令和２年　　　令和17年　　　増　減　　　構　成　比\n\
                    \u{3000}利用区分　　　　　　　　（基準年次）　（目標年次）　　　　　　　 令和２年　令和17年\n\
                    \u{3000}　　　　　　　　　　　　　　　 ha　　　　　 ha　　　　 ha　　　　　 ％　　　　％\n\
                    \u{3000}農用地　　　　　　　　　　　　612　　　　　585　　　　△27　　　　 7.1　　　 6.8\n\
                    \u{3000}森林　　　　　　　　　　　　7,215　　　　7,208　　　　△7　　　　84.0　　　83.9\n";
        let names: Vec<String> = indicator_names(text);
        assert_eq!(names, ["農用地", "森林"]);
    }

    /// 「【ＫＰＩ】」 over a row of header words heads the table below it: the words are no target
    /// of the block the label above (【数値目標】) opened.
    #[test]
    fn a_label_over_header_words_is_no_value() {
        let text = "【数値目標】\n・合計特殊出生率　1.38（令和４年）→ 1.50（令和11年）\n（１）出会いの支援\n　婚活イベントを行います。\n\
                    \u{3000}担当：企画課\n【ＫＰＩ】\n　指標　　　　　　　　基準値（R5）　目標値（R11）\n　産後ケア事業の利用率　12.5％　　　　30.0％\n";
        let targets: Vec<String> = bodies(text)
            .into_iter()
            .filter_map(|b| match b {
                Body::Indicator(i) => i.target.map(|v| v.raw),
                _ => None,
            })
            .collect();
        assert!(targets.iter().all(|t| !t.contains("基準値")), "{targets:?}");
    }

    /// 「区分」 heads the kinds of rows (実績, 目標) in a table of kinds, but over names it is the
    /// names' column.
    #[test]
    fn a_column_of_kinds_that_holds_names_names_the_rows() {
        let csv = ",,区分,,単位,現在（令和５年度）,目標（令和12年度）,備考\n,,酪農家戸数,,戸,14,12,\n,,総頭数,,,\"1,020頭\",\"1,080頭\",\n";
        assert_eq!(
            indicator_rows(csv),
            [
                ("酪農家戸数".to_string(), Some("14".to_string()), Some("12".to_string())),
                ("総頭数".to_string(), Some("1,020頭".to_string()), Some("1,080頭".to_string()))
            ]
        );
    }

    /// 「取組 | 内容 | 担当課」 whose 取組 column holds only each row's number: the content is the
    /// measure's name, the number its number.
    #[test]
    fn a_column_of_numbers_under_a_measure_word_names_no_measure() {
        let text = "　取組\t内容\t担当課\n（１）\t加工機器の購入への補助\t農業振興課\n（２）\t個別相談会の開催\t農業振興課、商工観光課\n";
        let got: Vec<(Option<String>, String, Option<String>)> = bodies(text)
            .into_iter()
            .filter_map(|b| match b {
                Body::Measure(m) => Some((m.number, m.name, m.content)),
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some("(1)".to_string()), "加工機器の購入への補助".to_string(), None),
                (Some("(2)".to_string()), "個別相談会の開催".to_string(), None)
            ]
        );
    }

    /// A list aligned by spaces whose marks stand in a cell of their own (「ア　　生ごみ…　　住民生活課」,
    /// one space after the mark and two before the department): under its header (取組 / 担当) the
    /// table pass reads each row's department one column to the right of the mark; past a
    /// department wrapped onto a line of its own, each marked line alone.
    #[test]
    fn items_whose_mark_stands_in_a_cell_of_its_own() {
        let text = [
            "５．取組",
            "取組　　　　　　　　　　　　　　　　　　　　　担当",
            "ア　生ごみの水切りとコンポスト容器の購入補助　　住民生活課",
            "イ　雑がみの分別の徹底（回収袋の全戸配布）　　　住民生活課",
            "ウ　製品プラスチックの一括回収　　　　　　　　　住民生活課・",
            "　　　　　　　　　　　　　　　　　　　　　　　　広域施設組合",
            "エ　食べきり協力店の登録と食品ロスの削減　　　　産業振興課",
            "オ　小学校での分別教室　　　　　　　　　　　　　学校教育課",
        ]
        .join("\n");
        let found = measure_departments(&text);
        let own = |n: &str, d: &[&str]| (n.to_string(), d.iter().map(|d| d.to_string()).collect::<Vec<_>>());
        assert_eq!(
            found,
            [
                own("生ごみの水切りとコンポスト容器の購入補助", &["住民生活課"]),
                own("雑がみの分別の徹底(回収袋の全戸配布)", &["住民生活課"]),
                own("製品プラスチックの一括回収", &["住民生活課", "広域施設組合"]),
                own("食べきり協力店の登録と食品ロスの削減", &["産業振興課"]),
                own("小学校での分別教室", &["学校教育課"]),
            ]
        );
    }

    /// A dotted leader wrapped with its item (「②…特定空家等の措置」 / 「　　……建設課、税務課」) and a
    /// department's name wrapped after the leader (「……建設課、子育て」 / 「　支援課」); not the arrows
    /// of a schedule (「ジオパーク推進課・　設計　工事　→」 / 「文化振興課」).
    #[test]
    fn a_leader_and_its_departments_wrapped_onto_the_next_line() {
        let text = [
            "　基本方針２　空き家の活用と管理",
            "　　① 空き家バンクの運営と、登録物件の改修への補助……企画課",
            "　　② 管理が不十分な空き家の所有者への助言・指導と、特定空家等の措置",
            "　　　　……建設課、税務課",
            "　　③ 空いている町営住宅の子育て世帯向けの改修と、優先入居……建設課、子育て",
            "　　　　　支援課",
            "　　④ 民間賃貸住宅を借り上げた町営住宅の検討……建設課",
            "",
            "　方針　取組　　　　　　　　　　　　　　　担当　　　　　　　　R7　　　R8　　　R9　　　R10　　R11",
            "　１　　センター展示のリニューアル　　　　ジオパーク推進課・　設計　　工事　　公開　　→　　　→",
            "　　　　　　　　　　　　　　　　　　　　　文化振興課",
        ]
        .join("\n");
        let found = measure_departments(&text);
        let own = |n: &str, d: &[&str]| (n.to_string(), d.iter().map(|d| d.to_string()).collect::<Vec<_>>());
        let wanted = [
            own("空き家バンクの運営と、登録物件の改修への補助", &["企画課"]),
            own("管理が不十分な空き家の所有者への助言・指導と、特定空家等の措置", &["建設課", "税務課"]),
            own("空いている町営住宅の子育て世帯向けの改修と、優先入居", &["建設課", "子育て支援課"]),
            own("民間賃貸住宅を借り上げた町営住宅の検討", &["建設課"]),
        ];
        assert!(wanted.iter().all(|w| found.contains(w)), "{found:?}");
        assert!(found.iter().all(|(_, d)| d.iter().all(|d| !d.contains('→'))), "{found:?}");
    }

    /// 「年間15人」「年３回から年６回に」: the span a count is per stays with the figure read from a
    /// line of prose, as the plan writes it; the 年 of a date (「令和6年31人」) is no span.
    #[test]
    fn the_span_a_figure_is_per_stays_with_it() {
        let shown = |text: &str| {
            bodies(text)
                .into_iter()
                .filter_map(|b| match b {
                    Body::Indicator(i) => Some((i.baseline.map(|v| v.display()), i.target.map(|v| v.display()))),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let got = shown("　・移住相談を通じた移住者数　８人（令和６年度）→　年間15人（令和12年度）");
        assert_eq!(got, [(Some("8人".to_string()), Some("年間15人".to_string()))]);
        let got = shown("特定健診とがん検診を同じ日に受けられる休日健診を、年３回から年６回に増やします。");
        assert_eq!(got, [(Some("年3回".to_string()), Some("年6回".to_string()))]);
        let got = shown("【KPI】年間の重傷者数　令和6年31人 → 令和12年　20人以下");
        assert_eq!(got, [(Some("31人".to_string()), Some("20人以下".to_string()))]);
    }

    /// A numbered item whose name holds a bracket of its own (「⑥保育所・幼稚園への巡回相談（発達が
    /// 気になる子ども）」, read 「(6)…(…)」) is a row of its own, not a note under the row above.
    #[test]
    fn a_numbered_item_ending_in_a_bracket_is_a_row_of_its_own() {
        let text = [
            "第４章　施策の展開",
            "　取組　　　　　　　　　　　　　　　　　　　　　　　　　　　　　担当課",
            "　⑤ＬＩＮＥを使った子育て相談の開始　　　　　　　　　　　　　　こども家庭課、情報政策課",
            "　⑥保育所・幼稚園への巡回相談（発達が気になる子ども）　　　　　こども家庭課、障がい福祉課",
            "　⑦放課後児童クラブの小学校内への移設　　　　　　　　　　　　　青少年育成課",
        ]
        .join("\n");
        let found = measure_departments(&text);
        let departments: Vec<Vec<String>> = found.iter().map(|(_, d)| d.clone()).collect();
        assert_eq!(
            departments,
            [vec!["こども家庭課", "情報政策課"], vec!["こども家庭課", "障がい福祉課"], vec!["青少年育成課"]]
        );
        assert!(found[1].0.contains("巡回相談"), "{found:?}");
    }

    /// Departments and names wrapped onto the next line: after a joining mark at a line's end
    /// (「【所管】農政課、」 / 「商工振興課」), under a joining mark in a table's department column,
    /// and an item numbered （イ） whose name runs on to the line above its 担当課： line.
    #[test]
    fn departments_and_names_wrapped_onto_the_next_line() {
        let measures = measure_departments;
        let own = |d: &[&str]| d.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        let got = measures("基本方針３　市民と農\n　①体験農園の開設支援　【所管】農政課、公園緑地課\n　②直売所の改修と認証制度　【所管】農政課、\n　　商工振興課\n");
        assert_eq!(got[1], ("直売所の改修と認証制度".to_string(), own(&["農政課", "商工振興課"])), "{got:?}");
        // Lines numbered by the document; the label alone closing a line.
        let got = measures("1  （１）支援員の配置\n2  　支援員を２人から４人に増員します。【担当】学校教育課・\n3  教育総務課\n4  （２）情報モラル教育\n5  　情報モラル教室を全校で開きます。【担当】\n6  生涯学習課・学校教育課\n");
        let departments: Vec<&Vec<String>> = got.iter().map(|(_, d)| d).collect();
        assert_eq!(departments, [&own(&["学校教育課", "教育総務課"]), &own(&["生涯学習課", "学校教育課"])], "{got:?}");
        let table = [
            "　方針　取組　　　　　　　　　　　　　　担当　　　　　　　　R7　　　R8",
            "　１　　施設の展示のリニューアル　　　　文化財保護課・　　　設計　　工事",
            "　　　　　　　　　　　　　　　　　　　　観光課",
            "　２　　出前授業　　　　　　　　　　　　学校教育課　　　　　実施　　→",
        ]
        .join("\n");
        let got = measures(&table);
        assert_eq!(got[0], ("施設の展示のリニューアル".to_string(), own(&["文化財保護課", "観光課"])), "{got:?}");
        assert_eq!(got[1].1, own(&["学校教育課"]));
        // A department alone on the next line, under the one that ends the item's line.
        let got = measures("■主な取組　　　　　　　　　　　　　　　　　　　　担当課\n③商店街のイベントを支援します　　　　　　　　　商工観光課\n④歩道の段差解消と、街路灯のＬＥＤ化を進めます　道路課\n　　　　　　　　　　　　　　　　　　　　　　　　都市計画課\n");
        assert!(
            got.contains(&("(4)歩道の段差解消と、街路灯のLED化を進めます".to_string(), own(&["道路課", "都市計画課"]))),
            "{got:?}"
        );
        // A department named with its section (「（林務係）」), the next one on a line of its own.
        let got = measures("（３）点検の効率化\n　ドローンを使って点検の費用を抑えます。\n　担当：産業振興課（林務係）、\n　　　　総務課（情報政策係）\n（４）林道の廃止\n");
        assert_eq!(got, [("点検の効率化".to_string(), own(&["産業振興課(林務係)", "総務課"]))]);
        // With no joining mark, the next one stands where the label's value starts.
        let got = measures(
            "ウ　担い手の確保\n　　担当：産業建設課\n　　　　　総務企画課\nエ　木造化\n　　担当：総務企画課\n",
        );
        assert_eq!(got[0], ("担い手の確保".to_string(), own(&["産業建設課", "総務企画課"])), "{got:?}");
        let got = measures("ウ　担い手の確保\n　　担当：産業建設課\n　総務企画課\n");
        assert_eq!(got[0], ("担い手の確保".to_string(), own(&["産業建設課"])), "{got:?}");
        let items = "イ　図書館サービス\n　（ア）録音図書の貸出を始めます。\n　　担当課：図書館\n　（イ）郵送貸出と、宅配サービスを始め\n　　　ます。\n　　担当課：生涯学習課、福祉課\n";
        let got = measures(items);
        assert!(
            got.contains(&("郵送貸出と、宅配サービスを始めます。".to_string(), own(&["生涯学習課", "福祉課"]))),
            "{got:?}"
        );
        // An indicator's block, its department list broken after the comma.
        let block = "（２）関係人口の創出\n　　ＫＰＩ：ファンクラブの会員数\n　　基準値：―\n　　目標値：500人（令和12年度）\n　　担当：総務課、\n　　　　　産業観光課\n";
        let departments: Vec<Vec<String>> = bodies(block)
            .into_iter()
            .filter_map(|b| match b {
                Body::Indicator(i) => Some(i.departments),
                _ => None,
            })
            .collect();
        assert_eq!(departments, [own(&["総務課", "産業観光課"])]);
    }

    /// A numbered heading with its department line and the work listed under it: what the list
    /// says is what the heading's measure does, and a department's own bracket is kept.
    #[test]
    fn a_headings_listed_work_is_what_it_does() {
        let source =
            Source { file: "plan.txt".into(), municipality: None, title: "計画".into(), edition: None, period: None };
        let text = "（２）生ごみの分別収集と堆肥化\n【所管】町民生活課（ごみ減量推進係）\n\u{3000}・分別収集を全24地区に広げる\n\u{3000}・堆肥を直売所で販売する\n";
        let heading = parse(text, &source).into_iter().find_map(|r| match r.body {
            Body::Measure(m) if m.name == "生ごみの分別収集と堆肥化" => Some(m),
            _ => None,
        });
        let heading = heading.expect("the heading's measure");
        assert_eq!(heading.content.as_deref(), Some("分別収集を全24地区に広げる。堆肥を直売所で販売する"));
        assert_eq!(heading.departments, ["町民生活課(ごみ減量推進係)"]);
    }

    #[test]
    fn a_row_whose_figure_is_in_another_unit_than_its_name_says_is_dropped() {
        let row = |name: &str, base: &str, target: &str| {
            let v = |t: &str| value::parse(t, 1);
            (1, 1, Body::Indicator(Box::new(record::Indicator::row("指標", name.into(), None, v(base), v(target)))))
        };
        let mut found = vec![
            row("藻場の面積(ha)", "38.5", "102.2%"),
            row("藻場の面積(ha)", "38.5", "45.0"),
            row("加入率(%)", "68.2", "85%"),
        ];
        found.push(row("売上額(百万円)", "62", "104.4%"));
        found.push(row("喫煙率(妊婦)", "1.2%", "0%"));
        units_agree(&mut found);
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn a_plan_that_names_itself_goes_by_the_documents_title() {
        let source = Source {
            file: "x.txt".into(),
            municipality: None,
            title: "白鷺村 自殺対策計画".into(),
            edition: None,
            period: None,
        };
        let records = parse("本計画の期間は、令和７年度から令和11年度までの５年間とします。", &source);
        let names: Vec<&str> = records
            .iter()
            .filter_map(|r| match &r.body {
                Body::Plan(p) => Some(p.name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["白鷺村 自殺対策計画"]);
        assert!(
            names_itself("この計画")
                && names_itself("計画")
                && !names_itself("本庁舎整備計画")
                && !names_itself("前計画")
        );
    }

    #[test]
    fn a_figure_in_kanji_numerals_keeps_how_it_is_written() {
        let source =
            Source { file: "x.txt".into(), municipality: None, title: "x".into(), edition: None, period: None };
        let records = parse(
            "町は、令和十六年の人口一万一千人をめざします。\n指標\t現状値\t目標値\n来館者数\t8,000人\t9,000人",
            &source,
        );
        let targets: Vec<(String, Option<String>)> = records
            .iter()
            .filter_map(|r| match &r.body {
                Body::Indicator(i) => i.target.as_ref().map(|t| (t.display(), t.written.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            targets,
            vec![("9,000人".to_string(), None), ("11000人（一万一千人）".to_string(), Some("一万一千人".to_string())),]
        );
    }

    #[test]
    fn pdf_lines_join_into_one_passage() {
        let doc = Doc::from_text(
            " 大 綱 と 同 じ く 、 令 和 ５ 年 度 か ら 令 和 ９ 年 度 ま で\n\nの ５ 年 間 と し ま す 。\n次の段落。",
        );
        let mut out = Vec::new();
        passages(&doc, &[], &mut out);
        let Body::Passage(p) = &out[0].2 else { panic!() };
        assert_eq!(p.text, "大綱と同じく、令和5年度から令和9年度までの5年間とします。");
        assert_eq!((out[0].0, out[0].1), (1, 3));
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn unknown_layouts_still_give_passages_and_never_panic() {
        let source =
            Source { file: "x.txt".into(), municipality: None, title: "x".into(), edition: None, period: None };
        for text in [
            "",
            "\n\n\n",
            "|||\n|---|",
            "\t\t\t",
            "成果指標\t現状値\n\t",
            "【施策 1-1】",
            "施策大項目",
            "指標名\t",
            "≪改革分野≫\n計画名実行課\n1",
        ] {
            let _ = parse(text, &source);
        }
        let records = parse("新しい様式の計画です。\n目標は100件です。", &source);
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].line, 2);
    }

    #[test]
    fn a_row_two_passes_read_alike_is_one_record() {
        let source =
            Source { file: "x.txt".into(), municipality: None, title: "x".into(), edition: None, period: None };
        let text = "第４章　成果指標\n指標名\n現状値\n（令和６年度）\n目標値\n（令和12年度）\n\
                    支援制度を知っている市民の割合\n23.4％\n50.0％\n研修を受講した市職員の数（累計）\n48人\n300人";
        let names: Vec<String> = parse(text, &source)
            .into_iter()
            .filter_map(|r| match r.body {
                Body::Indicator(i) => Some(i.name),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["支援制度を知っている市民の割合", "研修を受講した市職員の数(累計)"]);
    }

    #[test]
    fn a_whole_table_on_one_long_line_gives_rows_with_bounded_quotes() {
        // Quoting the whole line for each of its rows would copy it once per row.
        let mut text = String::from("指標 基準値 目標値\n");
        for i in 0..5_000 {
            text.push_str(&format!("名前{i} 12件 34件 "));
        }
        let source =
            Source { file: "x.txt".into(), municipality: None, title: "x".into(), edition: None, period: None };
        let records = parse(&text, &source);
        let rows = records.iter().filter(|r| matches!(r.body, Body::Indicator(_))).count();
        assert_eq!(rows, 5_000);
        assert!(records.iter().all(|r| r.quote.chars().count() <= MAX_QUOTE));
        let first = records.iter().find(|r| matches!(r.body, Body::Indicator(_))).unwrap();
        assert_eq!(first.quote, "名前0 12件 34件");
    }

    #[test]
    fn each_row_of_a_space_aligned_table_is_read_once() {
        let text = "  ● 数値目標\n    項目                現状値          目標値          所管課\n                        （令和４年度）  （令和９年度）\n    経常収支比率        ９１．８％      ９０．０％以下  財政課\n    人件費比率          ２４．６％      ２３．０％      総務課\n";
        assert_eq!(indicator_names(text), ["経常収支比率", "人件費比率"]);
    }

    #[test]
    fn an_indicator_in_an_items_block_is_the_items() {
        let text = [
            "取組項目２　公共施設の総量の適正化",
            "　担当課　　総務課（財産管理係）・教育委員会事務局",
            "　現状　　　町の公共施設の延床面積は8万2,400㎡（令和５年度末）。",
            "　指標　　　公共施設の延床面積",
            "　　　　　　令和５年度 82,400㎡　→　令和11年度 78,000㎡",
            "────────────────────",
            "取組項目３　職員の定員の適正な管理",
            "　担当課　　総務課（人事係）",
            "",
            "　指標　　　一般職員数",
            "　　　　　　令和６年 186人　→　令和11年 182人以内",
            "【主な取組】",
            "　①健康ポイント事業の実施………（健康推進課）",
            "　指標　　　健康ポイントの参加者数",
            "　　　　　　令和６年度 1,850人　→　令和11年度 4,000人",
            "（３）地域おこし協力隊の配置",
            "　　担当：企画課、総務課",
            "【成果指標】",
            "　指標　　　区への加入率",
            "　　　　　　令和６年度 86.4％　→　令和12年度 88.0％",
        ]
        .join("\n");
        let source =
            Source { file: "x.txt".into(), municipality: None, title: "x".into(), edition: None, period: None };
        let got: Vec<(String, Vec<String>, Option<usize>)> = parse(&text, &source)
            .into_iter()
            .filter_map(|r| match r.body {
                Body::Indicator(i) => Some((i.name, i.departments, i.legend.map(|l| l.line))),
                _ => None,
            })
            .collect();
        let owned = |name: &str, departments: &[&str], item: Option<usize>| {
            (name.to_string(), departments.iter().map(|d| d.to_string()).collect::<Vec<_>>(), item)
        };
        assert_eq!(
            got,
            [
                // Its item's department, and the item's lines to cite for it.
                owned("公共施設の延床面積", &["総務課(財産管理係)", "教育委員会事務局"], Some(1)),
                // A blank line ends the item's block.
                owned("一般職員数", &[], None),
                // A list's item 「…（課）」 heads no block.
                owned("健康ポイントの参加者数", &[], None),
                // The title of a block of indicators ends the item's block.
                owned("区への加入率", &[], None),
            ]
        );
    }

    #[test]
    fn years_written_with_no_gap_between_are_a_cell_each() {
        let line = Line::new(1, "　指標　　　　　　単位　　（令和５年度）（令和11年度）（令和16年度）");
        assert_eq!(line.cells, ["指標", "単位", "(令和5年度)", "(令和11年度)", "(令和16年度)"]);
        assert_eq!(line.starts.len(), line.cells.len());
        assert!(line.starts.windows(2).all(|w| w[0] < w[1]), "{:?}", line.starts);
        // A name with two brackets of its own is left whole.
        let line = Line::new(1, "　市民満足度（％）（Ｒ５）　　62.4　　70.0");
        assert_eq!(line.cells[0], "市民満足度(%)(R5)");
    }

    #[test]
    fn two_dated_headers_a_single_space_apart_are_a_cell_each() {
        let header =
            "     指標                                              現状値（令和６年度） 目標値（令和16年度）    担当";
        let row = "     視覚障害者誘導用ブロックの整備延長                5.4                 9.8                 km   道路課";
        let (header, row) = (Line::new(1, header), Line::new(2, row));
        assert_eq!(header.cells, ["指標", "現状値(令和6年度)", "目標値(令和16年度)", "担当"]);
        // The target's header starts over the target's figures (a wide letter's width apart).
        assert!(header.starts[2].abs_diff(row.starts[2]) <= 1, "{:?} {:?}", header.starts, row.starts);
        // Words with one bracket that dates nothing stay one cell.
        assert_eq!(Line::new(1, "　指標名　　現状値（％） 目標値（％）").cells.len(), 2);
    }

    #[test]
    fn a_target_on_the_way_under_a_row_is_its_yearly_step() {
        let text = "（３）計画の目標\n　　・市が管理する道路の無電柱化延長\n　　　　現状　6.8km（令和６年度末）　→　目標　14.0km（令和16年度末）\n　　　　（うち前期の目標　10.2km（令和11年度末））\n";
        let source =
            Source { file: "x.txt".into(), municipality: None, title: "x".into(), edition: None, period: None };
        let rows: Vec<_> = parse(text, &source)
            .into_iter()
            .filter_map(|r| match r.body {
                Body::Indicator(i) => Some((
                    i.name.clone(),
                    i.yearly.iter().filter_map(|v| v.figure.clone()).collect::<Vec<_>>(),
                    r.line_end,
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            rows,
            [(
                "市が管理する道路の無電柱化延長".to_string(),
                vec!["6.8".to_string(), "10.2".to_string(), "14.0".to_string()],
                4
            )]
        );
    }

    /// The names of the indicators `parse` reads of `text`.
    fn indicator_names(text: &str) -> Vec<String> {
        indicator_rows(text).into_iter().map(|(name, _, _)| name).collect()
    }

    /// Each measure's name with its departments.
    fn measure_departments(text: &str) -> Vec<(String, Vec<String>)> {
        bodies(text)
            .into_iter()
            .filter_map(|b| match b {
                Body::Measure(m) => Some((m.name, m.departments)),
                _ => None,
            })
            .collect()
    }

    /// Each indicator's name with its baseline and target as written.
    fn indicator_rows(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        bodies(text)
            .into_iter()
            .filter_map(|b| match b {
                Body::Indicator(i) => Some((i.name, i.baseline.map(|v| v.raw), i.target.map(|v| v.raw))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lines_quoted_in_a_mail_read_as_unquoted() {
        assert_eq!(super::quoted("> 指標  単位"), Some("指標  単位"));
        assert_eq!(super::quoted(">> > 　現状値 8.3%"), Some("　現状値 8.3%"));
        assert_eq!(super::quoted(">"), Some(""));
        assert_eq!(super::quoted("a > b"), None);
        let text = "> | 指標 | 現状値 | 目標値 |\n> |---|---|---|\n> | 地域クラブの指導者登録数 | 40人 | 120人 |\n";
        assert_eq!(indicator_names(text), ["地域クラブの指導者登録数"]);
    }

    #[test]
    fn a_file_that_is_not_text_is_reported_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.txt"), "本文です。").unwrap();
        std::fs::write(dir.path().join("bad.txt"), b"line1\n\xff\xfe").unwrap();
        let ingested = ingest_dir(dir.path()).unwrap();
        assert_eq!(ingested.records.len(), 1);
        assert_eq!(ingested.problems.len(), 1);
        assert!(ingested.problems[0].to_string().contains("bad.txt:2"), "{}", ingested.problems[0]);
    }
}
