//! Indicator values ("92.7 %以内", "基準値より増", "—") and fiscal years in every era form.

use once_cell::sync::Lazy;
use regex::Regex;
use serde::{Deserialize, Serialize};

/// A fiscal year as the document writes it, with its Western number for matching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Year {
    /// As written, normalized: "令和5年度", "令和元年度", "平成34年度", "2023年度".
    pub label: String,
    /// The Western fiscal year: 令和5年度 → 2023, 平成34年度 → 2022.
    pub fiscal: i32,
}

/// One value of an indicator: baseline, target or a yearly step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// The text of the cell, normalized ("92.7%以内", "—", "基準値より増").
    pub raw: String,
    /// The number, when the cell has one.
    pub number: Option<f64>,
    /// The number as written ("60,000", "+1", "100.0"), so answers never reformat it.
    pub figure: Option<String>,
    pub unit: String,
    pub year: Option<Year>,
    /// 以内 / 未満 / 以上 / 以下 / 基準値より増 / 移動均衡 / 調整中 ...
    pub qualifier: Option<String>,
    /// 1-based line of the original file that holds this value.
    pub line: usize,
    /// The figure as the document writes it when that is not in digits (「一万一千人」): the
    /// reader reads kanji numerals as digits, and answers quote both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

/// What the bracket that closes a name holds, trimmed: 「排出量(千t-CO2)」 → 千t-CO2.
pub fn closing_bracket(name: &str) -> Option<&str> {
    let inner = name.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    Some(inner[open + 1..].trim())
}

/// The unit an indicator's name states in brackets at its end (「排出量(千t-CO2)」 → 千t-CO2,
/// 「リサイクル率(%)」 → %), when it is a unit and not a note (no year, short).
pub fn name_unit(name: &str) -> Option<&str> {
    let unit = closing_bracket(name)?;
    let short = !unit.is_empty() && unit.chars().count() <= 8;
    // 「(件/年)」 is a unit per year; 「(5年間の累計)」「(令和6年)」 say over when.
    let per = unit.split_once('/').map_or(unit, |(unit, _)| unit);
    let noted = per.is_empty() || per.contains(['年', '度', '累', '計', '調', '査', '・', '、', 'の']);
    (short && !noted).then_some(unit)
}

/// An era year, or a day of it written with points (「R7.4.1」, a date of 定員 and 人口 counts).
static ERA_YEAR: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(令和|平成|昭和|R|H)\s*(元|\d{1,2})\s*(年度|年|\.\d{1,2}\.\d{1,2}\b)?").unwrap());
static WESTERN_YEAR: Lazy<Regex> = Lazy::new(|| Regex::new(r"((?:19|20)\d{2})\s*(年度|年)").unwrap());
static NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?:(累計|年間|年|月|週|約|計|全)で?)?([+\-−]?\d[\d,]*(?:\.\d+)?(?:億\d[\d,]*)?(?:万\d[\d,]*千?)?(?:~\d[\d,]*(?:\.\d+)?)?)\s*((?:[^\d\s()（）~のをにはがでと]*?[A-Za-z]\d[^\d\s()（）~のをにはがでと]*?|[^\d\s()（）~のをにはがでと]*?))\s*((?:以内|未満|以上|以下|超)(?:を?維持)?|を?維持)?\s*(?:[(（]([^)）]*)[)）])?$",
    )
    .unwrap()
});

/// Units a figure commonly carries, for telling "7,670 人" (a figure and its unit split by
/// PDF extraction) from a figure followed by a word.
pub const UNITS: &[&str] = &[
    "%",
    "人",
    "件",
    "箇所",
    "か所",
    "ヶ所",
    "施設",
    "円",
    "千円",
    "万円",
    "億円",
    "冊",
    "回",
    "団体",
    "事業",
    "時間",
    "分",
    "日",
    "校",
    "社",
    "組",
    "路線",
    "世帯",
    "戸",
    "歳",
    "ポイント",
    "倍",
    "割",
    "km",
    "ha",
    "m2",
    "t",
    "g",
    "食",
    "店舗",
    "事業者",
    "手続",
    "教科",
    "台",
    "本",
    "区画",
    "名",
    "者",
    "万人",
    "千人",
    "館",
    "園",
    "か国",
    "頭",
    "匹",
    "地区",
    "区域",
    "基",
    "隻",
    "校区",
];

/// Words before a figure that tell the span it counts over (「週11回」「年間500人」「累計46件」).
const SPANS: &[&str] = &["累計", "年間", "年", "月", "週"];

/// A figure with at most a short unit: a long "unit" is a name that starts with a digit.
fn number(raw: &str) -> Option<regex::Captures<'_>> {
    // NUMBER is anchored: a figure starts the text, after one of its few prefix words at most.
    // Most text starts otherwise, and this rules it out before the regex runs (issue 12).
    let starts_figure = |t: &str| t.starts_with(|c: char| may_be_digit(c) || matches!(c, '+' | '-' | '−'));
    let prefixed = SPANS.iter().chain(&["約", "計", "全"]).any(|p| raw.starts_with(p));
    if !prefixed && !starts_figure(raw) {
        return None;
    }
    NUMBER.captures(raw).filter(|c| c.get(3).is_none_or(|u| u.as_str().chars().count() <= 8) && !is_dated_word(c))
}

/// "2026年度目標", "2020年度実績": a Western year followed by a word is a header that dates
/// its column, not a figure with the unit 年度目標 (a year alone, "2026年度", stays a value:
/// the cell of a 目標年度 column).
fn is_dated_word(c: &regex::Captures<'_>) -> bool {
    let figure = &c[2];
    let unit = c.get(3).map_or("", |u| u.as_str());
    let year = figure.len() == 4 && (figure.starts_with("19") || figure.starts_with("20"));
    let rest = unit.strip_prefix("年度").or_else(|| unit.strip_prefix('年')).unwrap_or("");
    year && !rest.is_empty() && c.get(4).is_none()
}

/// Western year of an era year: ("令和", 5) → 2023.
pub fn western(era: &str, n: i32) -> Option<i32> {
    match era {
        "令和" | "R" => Some(2018 + n),
        "平成" | "H" => Some(1988 + n),
        "昭和" => Some(1925 + n),
        _ => None,
    }
}

/// The era label of a Western fiscal year, as Japanese plans write it.
pub fn era_label(fiscal: i32) -> String {
    match fiscal {
        2019 => "令和元年度".to_string(),
        y if y > 2019 => format!("令和{}年度", y - 2018),
        y if y > 1989 => format!("平成{}年度", y - 1988),
        y => format!("{y}年度"),
    }
}

/// The fiscal years a span of dates covers: 「令和3年4月1日から令和8年3月31日まで」 (or of months,
/// 「令和3年4月～令和8年3月」) is 令和3年度～令和7年度, the form in which plans and questions name a
/// period.
pub fn fiscal_span(text: &str) -> Option<(i32, i32)> {
    static SPAN: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(令和|平成)\s*(元|\d{1,2})\s*年\s*4\s*月\s*(?:1\s*日)?\s*(?:から|～|〜|~|-|－|―|至)\s*(令和|平成)\s*(元|\d{1,2})\s*年\s*3\s*月(?:\s*31\s*日)?")
            .unwrap()
    });
    let c = SPAN.captures(text)?;
    let year = |era: usize, n: usize| {
        let n = if &c[n] == "元" { 1 } else { c[n].parse().ok()? };
        western(&c[era], n)
    };
    let (from, to) = (year(1, 2)?, year(3, 4)? - 1);
    (from <= to).then_some((from, to))
}

/// Whether `text` has what every year pattern needs, a digit or 元: most cells and lines a
/// pass looks at have neither, and this decides them without running the regexes (issue 12).
/// `\d` of the patterns is any Unicode digit, which `char::is_numeric` includes.
fn may_hold_year(text: &str) -> bool {
    text.contains(|c: char| may_be_digit(c) || c == '元')
}

/// Whether a text names an era as [`ERA_YEAR`] needs one (令和, 平成, 昭和, R, H).
fn names_an_era(text: &str) -> bool {
    text.contains(['R', 'H']) || ERAS.iter().any(|era| text.contains(era))
}

/// The eras a plan's years are written in, by name.
pub const ERAS: [&str; 3] = ["令和", "平成", "昭和"];

/// Whether `c` may be a `\d` of a regex (a Unicode decimal digit): [`is_numeric`] is a superset.
fn may_be_digit(c: char) -> bool {
    is_numeric(c)
}

/// `char::is_numeric`, answered at once for ASCII, kana and the unified ideographs (none of
/// which but 0-9 is numeric), which are most of a Japanese line and cost a table lookup each
/// otherwise (issue 12).
pub fn is_numeric(c: char) -> bool {
    c.is_ascii_digit()
        || !c.is_ascii() && !matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}') && c.is_numeric()
}

/// Every year mentioned in `text`, in order: 令和5年度, R5, 平成34年度, 2023年度.
pub fn years_in(text: &str) -> Vec<Year> {
    if !may_hold_year(text) {
        return Vec::new();
    }
    let mut found: Vec<(usize, Year)> = Vec::new();
    // ERA_YEAR's word boundary keeps the regex from its fast engine on Japanese text: run it
    // only on text that names an era.
    let eras = names_an_era(text).then(|| ERA_YEAR.captures_iter(text));
    for c in eras.into_iter().flatten() {
        let whole = c.get(0).unwrap();
        // "R" and "H" only count as eras when followed by a number and not inside a word.
        let era = &c[1];
        if era.len() == 1 && text[..whole.start()].chars().last().is_some_and(|p| p.is_ascii_alphabetic()) {
            continue;
        }
        let n = if &c[2] == "元" { 1 } else { c[2].parse().unwrap_or(0) };
        let Some(fiscal) = western(era, n) else { continue };
        // A date: January to March belong to the fiscal year before (R8.3.31 is 令和7年度).
        if let Some(day) = c.get(3).filter(|d| d.as_str().starts_with('.')) {
            let month: u32 = day.as_str()[1..].split('.').next().and_then(|m| m.parse().ok()).unwrap_or(4);
            let fiscal = if month <= 3 { fiscal - 1 } else { fiscal };
            found.push((whole.start(), Year { label: whole.as_str().replace(' ', ""), fiscal }));
            continue;
        }
        let label = match era {
            "R" => format!("令和{}年度", if n == 1 { "元".to_string() } else { n.to_string() }),
            "H" => format!("平成{n}年度"),
            _ => whole.as_str().replace(' ', ""),
        };
        found.push((whole.start(), Year { label, fiscal }));
    }
    for c in WESTERN_YEAR.captures_iter(text) {
        let whole = c.get(0).unwrap();
        // "令和5年度(2023年度)" names one year twice.
        let fiscal: i32 = c[1].parse().unwrap_or(0);
        if found.iter().any(|(_, y)| y.fiscal == fiscal) {
            continue;
        }
        found.push((whole.start(), Year { label: whole.as_str().replace(' ', ""), fiscal }));
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, y)| y).collect()
}

/// The text with every year expression blanked out (years filter, they are not a topic).
pub fn strip_years(text: &str) -> String {
    if !may_hold_year(text) {
        return text.to_string();
    }
    if !names_an_era(text) {
        return WESTERN_YEAR.replace_all(text, " ").into_owned();
    }
    let text = ERA_YEAR.replace_all(text, |c: &regex::Captures| {
        let whole = c.get(0).unwrap();
        let era = &c[1];
        let inside_word =
            era.len() == 1 && text[..whole.start()].chars().last().is_some_and(|p| p.is_ascii_alphabetic());
        if inside_word {
            whole.as_str().to_string()
        } else {
            " ".to_string()
        }
    });
    WESTERN_YEAR.replace_all(&text, " ").into_owned()
}

/// A unit without what it is per and without its multiplier: 「千t/年」 → t, 「百万円」 → 円.
pub fn base_unit(unit: &str) -> &str {
    let unit = unit.split('/').next().unwrap_or(unit);
    ["百万", "千", "万", "億"].iter().find_map(|m| unit.strip_prefix(m)).unwrap_or(unit)
}

/// The accounting minus (△312, ▲12) before a figure written as a minus sign: 「-312」.
fn minus_signed(text: &str) -> Option<String> {
    text.strip_prefix(['△', '▲'])
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .map(|rest| format!("-{rest}"))
}

/// Parses a table cell into a value; `None` for an empty cell.
pub fn parse(cell: &str, line: usize) -> Option<Value> {
    // The wave dash 〜 (which NFKC leaves) marks a range as ~ does: "80〜85%".
    let raw: String = cell.split_whitespace().collect::<Vec<_>>().join("").replace('〜', "~");
    let raw = raw.trim_end_matches("▶").to_string();
    // △ and ▲ before a figure are the accounting minus (△312 is -312): read as a minus, and
    // written back as the document writes it (「△40人」).
    let minus_mark = raw.chars().next().filter(|c| ['△', '▲'].contains(c));
    let raw = minus_signed(&raw).unwrap_or(raw);
    let as_written = |text: String| match (minus_mark, text.strip_prefix('-')) {
        (Some(mark), Some(rest)) => format!("{mark}{rest}"),
        _ => text,
    };
    // A cell holding pipes is a row of a table (its header read as one cell), no value.
    if raw.is_empty() || raw.contains('|') {
        return None;
    }
    // 「±0」: neither more nor less, zero (the balance of people moving in and out).
    let zero = raw
        .strip_prefix('±')
        .filter(|r| r.starts_with('0') && !r[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.'));
    if let Some(rest) = zero {
        return parse(rest, line).map(|v| Value { raw: raw.clone(), figure: v.figure.map(|f| format!("±{f}")), ..v });
    }
    if let Some(counted) = out_of(&raw, line) {
        return Some(counted);
    }
    // 「2割弱(18.6%、…)」: a share in 割 with its percentage in the bracket is that percentage.
    static TENTHS_AS_PERCENT: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^約?\d{1,2}割[弱強]?\((\d{1,3}(?:\.\d+)?%)").unwrap());
    if let Some(c) = TENTHS_AS_PERCENT.captures(&raw) {
        let percent = c[1].to_string();
        return parse(&percent, line).map(|v| Value { raw: raw.clone(), ..v });
    }
    // 「均衡（０人）」「全校（13校）」: a target said in a word, its figure in the bracket after it.
    static WORD_THEN_FIGURE: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^[^\d()]{1,6}\((約?-?\d[\d,]*(?:\.\d+)?[^\d()]{0,4})\)$").unwrap());
    // (Not a year: 「目標（2030年度）」 heads a column.)
    // (Most cells end in no bracket: the pattern is tried only on those that do.)
    let bracketed = raw.ends_with(')').then(|| WORD_THEN_FIGURE.captures(&raw)).flatten();
    if let Some(c) = bracketed.filter(|c| !c[1].contains('年')) {
        if let Some(v) = parse(&c[1], line).filter(|v| v.number.is_some()) {
            return Some(Value { raw: as_written(raw.clone()), ..v });
        }
    }
    let mut value = Value {
        raw: as_written(raw.clone()),
        number: None,
        figure: None,
        unit: String::new(),
        year: None,
        qualifier: None,
        line,
        written: None,
    };
    // 「*2」「※1」: the value is in the note below the table, not a figure here.
    if is_note_mark(&raw) {
        return Some(value);
    }
    // 「８基（令和12年度）※統廃合６基」「６基（令和17年度）（水門２基・陸閘４基）」: a note after
    // the figure and its year is no part of them.
    // (Or a note set off by a space: 「８基（令和12年度）　統廃合６基」, its ※ taken off.)
    if number(&raw).is_none() {
        let first = cell.split_whitespace().next().filter(|f| f.len() < cell.trim().len() && f.ends_with(')'));
        let noted = without_trailing_note(&raw).or(first).and_then(|head| parse(head, line));
        if let Some(v) = noted.filter(|v| v.number.is_some()) {
            return Some(Value { raw: as_written(raw.clone()), ..v });
        }
    }
    if let Some(c) = number(&raw) {
        let figure = c[2].replace('−', "-");
        // A range ("6~8") is compared by its lower end.
        value.number = figure_number(figure.split('~').next().unwrap_or(""));
        value.figure = Some(as_written(figure));
        value.unit = c.get(3).map_or("", |m| m.as_str()).to_string();
        // "14（令和4年度）": a bracket that only dates the figure gives its year.
        let dated = c.get(5).filter(|b| {
            let years = years_in(b.as_str());
            years.len() == 1 && strip_years(b.as_str()).trim().is_empty()
        });
        if let Some(bracket) = dated {
            value.year = years_in(bracket.as_str()).into_iter().next();
        }
        value.qualifier = c
            .get(4)
            .or(c.get(5).filter(|_| dated.is_none()))
            .or(c.get(1).filter(|p| p.as_str() == "累計"))
            .map(|m| m.as_str().to_string());
    } else if !is_placeholder(&raw) {
        value.qualifier = Some(raw.clone());
    }
    Some(value)
}

/// A value without the note that follows it: the text before a ※, or all but the last of two
/// brackets at its end.
fn without_trailing_note(raw: &str) -> Option<&str> {
    if let Some((head, _)) = raw.split_once('※').filter(|(head, _)| head.contains(|c: char| c.is_ascii_digit())) {
        return Some(head);
    }
    let head = raw.strip_suffix(')')?.rsplit_once('(')?.0;
    (head.ends_with(')') && head.contains(|c: char| c.is_ascii_digit())).then_some(head)
}

/// The number a figure states, in its unit: 「4億8,200」 of 4億8,200万円 is 48,200 (万円);
/// 「44万2千」 of 44万2千人 is 442,000 (人), 「3万1,800」 31,800.
fn figure_number(figure: &str) -> Option<f64> {
    let plain = |f: &str| f.replace(['+', ','], "").parse::<f64>().ok();
    let below_man = |f: &str| match f.strip_suffix('千') {
        Some(sen) => Some(plain(sen)? * 1_000.0),
        None => plain(f),
    };
    if let Some((oku, man)) = figure.split_once('億') {
        return Some(plain(oku)? * 10_000.0 + plain(man)?);
    }
    match figure.split_once('万') {
        Some((man, rest)) => Some(plain(man)? * 10_000.0 + below_man(rest)?),
        None => plain(figure),
    }
}

/// A count out of a whole (「5校中3校」, 「12地区中9地区」): the figure is the count, the
/// whole stays as the qualifier (「5校中」); the same counter on both sides.
fn out_of(raw: &str, line: usize) -> Option<Value> {
    static OUT_OF: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^(\d{1,4})([^\d\s中]{1,3})中(\d{1,4})([^\d\s]{1,3})$").unwrap());
    let c = OUT_OF.captures(raw).filter(|c| c[2] == c[4] && !c[2].contains(['%', '.']))?;
    Some(Value {
        raw: raw.to_string(),
        number: c[3].parse().ok(),
        figure: Some(c[3].to_string()),
        unit: c[2].to_string(),
        year: None,
        qualifier: Some(format!("{}{}中", &c[1], &c[2])),
        line,
        written: None,
    })
}

/// Cells that say "no value": a dash, or a figure not yet known ("●●%").
/// A mark that sends the reader to a note (「*2」「※1」「注3」).
fn is_note_mark(raw: &str) -> bool {
    let rest = raw.strip_prefix(['*', '※']).or_else(|| raw.strip_prefix('注'));
    rest.is_some_and(|r| (1..=2).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a cell is a figure: a value with a digit (a dash or 基準値より増 is a value, no figure).
pub fn is_figure(text: &str) -> bool {
    looks_like_value(text) && text.contains(|c: char| c.is_ascii_digit())
}

pub fn is_placeholder(raw: &str) -> bool {
    if is_note_mark(raw) {
        return true;
    }
    let dashes = |c: char| matches!(c, '—' | '-' | '―' | '−' | '‐' | '–' | 'ー' | '─');
    // "●●%", "●●人": a figure not yet known, whatever its unit.
    let unknown = raw.starts_with('●') && raw.chars().filter(|c| *c != '●').count() <= 3;
    // 「―（目標は設定しない）」「―(R5)」: a dash with a note in brackets says no more. The dash
    // starts the cell: a cell that starts otherwise is not searched for the bracket.
    let dashed = raw.starts_with(dashes) && {
        let dash = match raw.find(['(', '（']) {
            Some(at) if at > 0 && raw.ends_with([')', '）']) => &raw[..at],
            _ => raw,
        }
        .trim_end();
        !dash.is_empty() && dash.chars().all(dashes)
    };
    dashed || unknown || raw == "%"
}

/// Whether a line of text is nothing but a value ("20 件", "基準値より 増", "調整中").
pub fn looks_like_value(text: &str) -> bool {
    // Most cells hold neither white space nor 〜: then they are compact as they are, unallocated.
    let compact: std::borrow::Cow<'_, str> = if text.contains(|c: char| c.is_whitespace() || c == '〜') {
        let joined: String = text.split_whitespace().collect();
        if joined.contains('〜') { joined.replace('〜', "~") } else { joined }.into()
    } else {
        text.into()
    };
    // △ and ▲ before a figure are the accounting minus, as `parse` reads them.
    let unsigned = compact.strip_prefix(['△', '▲']).filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    // 「全46項目」: all of them, a figure too (parsed as written).
    let figure =
        unsigned.or_else(|| compact.strip_prefix('全').filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit())));
    let figure = figure.unwrap_or(&compact);
    // A figure needs a digit (`\d`, which `char::is_numeric` includes): skip the regex without one.
    figure.contains(may_be_digit) && number(figure).is_some()
        || is_placeholder(&compact)
        || compact.starts_with("基準値より")
        || matches!(compact.as_ref(), "調整中" | "指標数管理継続")
}

impl Value {
    /// The value with `unit` when its figure was written without one (the unit of its column,
    /// of its table's 単位 line or of its row's name).
    pub fn with_unit(mut self, unit: &str) -> Value {
        if self.unit.is_empty() && self.figure.is_some() {
            self.unit = unit.to_string();
        }
        self
    }

    /// The value as a reader wants to see it: "92.7%以内", "60,000食", "基準値より増".
    /// The figure with an accounting minus (△312, ▲12) written as a minus sign (-312), as a
    /// figure is compared with figures written otherwise.
    pub fn signed_figure(&self) -> Option<String> {
        let figure = self.figure.as_deref()?;
        Some(minus_signed(figure).unwrap_or_else(|| figure.to_string()))
    }

    pub fn display(&self) -> String {
        match &self.figure {
            Some(figure) => {
                let qualifier = match self.qualifier.as_deref() {
                    // 「以上を維持」「を維持」: a figure to keep, said as the plan says it.
                    Some(q) if q.ends_with("維持") => q.to_string(),
                    Some(q @ ("以内" | "未満" | "以上" | "以下" | "超")) => q.to_string(),
                    Some(q) => format!("({q})"),
                    None => String::new(),
                };
                let written = self.written.as_ref().map(|w| format!("（{w}）")).unwrap_or_default();
                // 「週11回」「年間500人」: the span a count is per stays with it; so does the 全 of
                // 「全31事業所」 (every one of them).
                let per = SPANS
                    .iter()
                    .chain(&["全"])
                    .copied()
                    .find(|p| {
                        self.raw.strip_prefix(p).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                    })
                    .unwrap_or("");
                format!("{per}{figure}{}{qualifier}{written}", self.unit)
            }
            None => self.raw.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_in_oku_and_man_is_one_figure() {
        // 「4億8,200万円」: one sum, written in two multipliers, in the unit of the smaller.
        let v = parse("4億8,200万円", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.unit.as_str(), v.number), (Some("4億8,200"), "万円", Some(48_200.0)));
        assert_eq!(v.display(), "4億8,200万円");
        assert_eq!(parse("全31事業所", 1).unwrap().display(), "全31事業所");
        // A header row read as one cell is no value.
        assert!(parse("|指標|基準値(R5)|目標値(令和11年度)", 1).is_none());
        let v = parse("7億円", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.unit.as_str(), v.number), (Some("7"), "億円", Some(7.0)));
    }

    #[test]
    fn all_of_a_count_is_its_figure() {
        // 「全34施設」: every one of them, 34 of them.
        let v = parse("全34施設", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.unit.as_str(), v.number), (Some("34"), "施設", Some(34.0)));
        assert_eq!(v.raw, "全34施設");
    }

    #[test]
    fn a_count_in_man_and_sen_is_one_figure() {
        // 「44万2千人」「3万1,800人」: one count written with 万 inside it, in the unit after it.
        let v = parse("44万2千人", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.unit.as_str(), v.number), (Some("44万2千"), "人", Some(442_000.0)));
        assert_eq!(v.display(), "44万2千人");
        let v = parse("3万1,800人", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.number), (Some("3万1,800"), Some(31_800.0)));
        let v = parse("50万人", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.unit.as_str(), v.number), (Some("50"), "万人", Some(50.0)));
    }

    #[test]
    fn a_count_keeps_the_span_it_is_per() {
        assert_eq!(parse("週11回以上", 1).unwrap().display(), "週11回以上");
        assert_eq!(parse("年間500人", 1).unwrap().display(), "年間500人");
        assert_eq!(parse("500人", 1).unwrap().display(), "500人");
    }

    #[test]
    fn counters_of_districts_and_areas_are_units() {
        let v = parse("5地区", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.unit.as_str()), (Some("5"), "地区"));
        assert_eq!(parse("6区域", 1).unwrap().unit, "区域");
    }

    #[test]
    fn the_fast_is_numeric_is_char_is_numeric() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn tenths_with_a_percentage_in_the_bracket_are_the_percentage() {
        let v = parse("3割強(34.2%、令和6年度調査)", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.unit.as_str()), (Some("34.2"), "%"));
        assert_eq!(parse("6割以上", 1).unwrap().figure.as_deref(), Some("6"));
    }

    #[test]
    fn a_word_with_its_figure_in_a_bracket_is_the_figure() {
        let v = parse("均衡(0人)", 1).unwrap();
        assert_eq!((v.number, v.unit.as_str(), v.raw.as_str()), (Some(0.0), "人", "均衡(0人)"));
        assert_eq!(parse("全校(13校)", 1).unwrap().number, Some(13.0));
        let v = parse("±0人", 1).unwrap();
        assert_eq!((v.number, v.figure.as_deref(), v.raw.as_str()), (Some(0.0), Some("±0"), "±0人"));
        // A column's header, its year in the bracket, is no figure.
        assert_eq!(parse("目標(2030年度)", 1).and_then(|v| v.number), None);
    }

    #[test]
    fn a_unit_with_a_digit_and_a_rate_after_it() {
        // 「約1.8万㎥／年（R5）」 as NFKC writes it.
        let v = parse("約1.8万m3/年(R5)", 1).unwrap();
        assert_eq!((v.figure.as_deref(), v.unit.as_str()), (Some("1.8"), "万m3/年"));
        assert_eq!(parse("1,284千t-CO2", 1).unwrap().unit, "千t-CO2");
        assert!(looks_like_value("約2.5万m3/年(R11)"));
    }

    #[test]
    fn a_count_out_of_a_whole_is_the_count() {
        let v = parse("12地区中9地区", 1).unwrap();
        assert_eq!(
            (v.figure.as_deref(), v.unit.as_str(), v.qualifier.as_deref()),
            (Some("9"), "地区", Some("12地区中"))
        );
        assert_eq!(v.number, Some(9.0));
        // Two counters that differ are no count out of a whole.
        assert_ne!(parse("4人中2件", 1).unwrap().figure.as_deref(), Some("2"));
    }

    #[test]
    fn a_range_with_a_wave_dash() {
        let range = parse("80〜85%", 1).unwrap();
        assert_eq!((range.figure.as_deref(), range.number, range.unit.as_str()), (Some("80~85"), Some(80.0), "%"));
        assert!(looks_like_value("12〜15件"));
    }

    #[test]
    fn a_span_of_dates_is_a_span_of_fiscal_years() {
        assert_eq!(fiscal_span("令和6年4月1日から令和11年3月31日までの5年間"), Some((2024, 2028)));
        assert_eq!(fiscal_span("平成31年4月1日～令和6年3月31日"), Some((2019, 2023)));
        assert_eq!(fiscal_span("令和6年4月1日から施行します"), None);
    }

    fn v(s: &str) -> Value {
        parse(s, 1).unwrap()
    }

    #[test]
    fn numbers_units_and_qualifiers() {
        let x = v("92.7 %以内");
        assert_eq!((x.number, x.unit.as_str(), x.qualifier.as_deref()), (Some(92.7), "%", Some("以内")));
        assert_eq!(v("48,340食").number, Some(48340.0));
        assert_eq!(v("48,340食").display(), "48,340食");
        assert_eq!(v("36.1 % ▶▶").display(), "36.1%");
        assert_eq!(v("100.0 %").display(), "100.0%");
        assert_eq!(v("-43人").number, Some(-43.0));
        assert_eq!(v("+1人以上").display(), "+1人以上");
        assert_eq!(v("0 人(移動均衡)").qualifier.as_deref(), Some("移動均衡"));
        assert_eq!(v("12.58%未満").qualifier.as_deref(), Some("未満"));
        // 「９軒を維持」: the figure to keep, its unit without the verb.
        let kept = v("9軒を維持");
        assert_eq!((kept.number, kept.unit.as_str(), kept.qualifier.as_deref()), (Some(9.0), "軒", Some("を維持")));
        assert_eq!(kept.display(), "9軒を維持");
        // A note after the figure and its year.
        for noted in ["8基(令和12年度)※統廃合6基", "6基(令和17年度)(水門2基・陸閘4基)", "8基(令和12年度) 統廃合6基"]
        {
            let n = v(noted);
            assert_eq!((n.number.is_some(), n.unit.as_str(), n.year.is_some()), (true, "基", true), "{noted}");
        }
        let kept = v("80以上を維持");
        assert_eq!((kept.number, kept.unit.as_str(), kept.qualifier.as_deref()), (Some(80.0), "", Some("以上を維持")));
        assert_eq!(v("17").unit, "");
        let dated = v("14件(令和4年度)");
        assert_eq!(
            (dated.figure.as_deref(), dated.year.map(|y| y.fiscal), dated.qualifier),
            (Some("14"), Some(2022), None)
        );
        assert_eq!(v("3(暫定値)").qualifier.as_deref(), Some("暫定値"));
        assert!(!looks_like_value("2026年度目標") && !looks_like_value("2020年度実績(基準)"));
        assert!(looks_like_value("2026年度"));
        assert!(looks_like_value("▲88団体") && looks_like_value("△1,200") && !looks_like_value("△"));
    }

    #[test]
    fn the_accounting_minus() {
        assert_eq!(v("△45人").number, Some(-45.0));
        assert_eq!((v("△45人").figure.as_deref(), v("△45人").display()), (Some("△45"), "△45人".to_string()));
        assert_eq!((v("▲1,200千円").figure.as_deref(), v("▲1,200千円").number), (Some("▲1,200"), Some(-1_200.0)));
        assert_eq!(v("▲1,200千円").signed_figure().as_deref(), Some("-1,200"));
        assert_eq!(v("△").number, None);
    }

    #[test]
    fn words_instead_of_numbers() {
        assert_eq!(v("基準値より 増").qualifier.as_deref(), Some("基準値より増"));
        assert_eq!(v("調整中").qualifier.as_deref(), Some("調整中"));
        let dash = v("—");
        assert_eq!((dash.number, dash.qualifier), (None, None));
        assert_eq!(v("●●%").number, None);
        assert!(parse("  ", 1).is_none());
    }

    #[test]
    fn era_years_in_every_form() {
        let f = |s: &str| years_in(s).into_iter().map(|y| y.fiscal).collect::<Vec<_>>();
        assert_eq!(f("令和5年度"), [2023]);
        assert_eq!(f("令和元年度(現状値)"), [2019]);
        assert_eq!(f("R5年度"), [2023]);
        assert_eq!(f("平成34年度"), [2022]);
        assert_eq!(f("2023年度"), [2023]);
        assert_eq!(f("令和5年度(2023年度)から令和9年度(2027年度)まで"), [2023, 2027]);
        assert_eq!(f("NPO法人"), Vec::<i32>::new());
        assert_eq!(years_in("R5")[0].label, "令和5年度");
    }

    #[test]
    fn years_are_stripped_from_topics() {
        assert_eq!(strip_years("令和5年度の市税収納率").trim(), "の市税収納率");
        assert_eq!(strip_years("R3の目標").trim(), "の目標");
        assert_eq!(strip_years("2022年度の満足度").trim(), "の満足度");
        assert_eq!(strip_years("NPO法人").trim(), "NPO法人");
    }

    #[test]
    fn era_labels_round_trip() {
        assert_eq!(era_label(2023), "令和5年度");
        assert_eq!(era_label(2019), "令和元年度");
        assert_eq!(era_label(2018), "平成30年度");
    }

    #[test]
    fn value_lines_are_recognized() {
        assert!(looks_like_value("20 件"));
        assert!(looks_like_value("基準値より 増"));
        assert!(looks_like_value("0"));
        assert!(!looks_like_value("目標（令和5年度）"));
        assert!(!looks_like_value("石岡市職員提案に関する要綱に準ずる提案の数（年間）"));
    }
}
