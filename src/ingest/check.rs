//! `planbot check`: what the reader understood of a document — records by kind, the sections
//! found — and every line holding a figure (a number with a unit, a percentage) that no record
//! explains, with a reason where one can be given (a population statistic in a paragraph, a
//! budget, a page number of a table of contents). Staff adding a new plan see at once what was
//! missed; a line with neither a record nor a reason is what a new vocabulary word or a reader
//! fix should cover.

use std::collections::BTreeMap;

use once_cell::sync::Lazy;
use regex::Regex;

use super::record::{Body, Record};
use super::value;
use super::{normalize, Line};

/// What the reader made of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Records per kind (indicator, measure, …), passages included.
    pub kinds: BTreeMap<&'static str, usize>,
    /// Section labels in the order they first appear.
    pub sections: Vec<String>,
    /// Figure lines no structured record covers.
    pub unexplained: Vec<Unexplained>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unexplained {
    pub line: usize,
    pub text: String,
    /// Why the line holds no indicator, when the text says so; `None` is a line to look at.
    pub reason: Option<&'static str>,
}

impl Report {
    /// Figure lines with neither a record nor a reason: what `--strict` fails on.
    pub fn unresolved(&self) -> usize {
        self.unexplained.iter().filter(|u| u.reason.is_none()).count()
    }
}

/// A figure: a number followed by a unit or a percent sign (years are removed first).
static FIGURE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"\d[\d,]*(?:\.\d+)?(?:\s*%|万|千|億|件|人|箇所|か所|ヶ所|施設|円|冊|回|団体|事業|時間|分|日|校|社|組|路線|世帯|戸|歳|ポイント|倍|割|km|ha|m2|t|g|食|店舗|事業者|手続|教科|路線|台|本|区画|名|者)",
    )
    .unwrap()
});

/// Reasons a figure is no indicator, checked in order: (words any of which the line holds, reason).
const REASONS: &[(&[&str], &str)] = &[
    (&["---", "…"], "目次のページ番号"),
    (&["出典", "資料:", "注:"], "出典・注記"),
    (
        &["人口", "世帯", "高齢化率", "平均寿命", "出生率", "死因", "事業所数", "従業者数", "出荷額"],
        "人口などの統計（指標ではありません）",
    ),
    (
        &["予算", "事業費", "千円", "決算", "歳出", "歳入", "町債", "市債", "億円", "万円"],
        "予算・事業費（指標ではありません）",
    ),
    (&["昭和", "開館", "開設", "施行", "策定して以来", "被害"], "沿革・経緯（指標ではありません）"),
    (&["推計", "見込まれ"], "将来の推計（目標ではありません）"),
    (&["県平均", "全国平均", "国平均"], "比べるための他の団体の平均"),
    (
        &[
            "でした",
            "ました",
            "ています",
            "ってい",
            "あります",
            "です。",
            "となり",
            "を占め",
            "上回",
            "下回",
            "に達して",
            "れている",
            "された",
            "います。",
        ],
        "文章中の現状・実績（目標ではありません）",
    ),
    (&["委員", "本部員", "回答者", "構成する", "で組織", "でつくる"], "会議・調査の規模（指標ではありません）"),
    (&["年度", "年間", "期間"], "期間・年度の説明"),
    (&["増やします", "減らします", "目指します", "努めます"], "方向を示す文（数値の目標ではありません）"),
];

/// A figure only inside brackets ("すべての小中学校(22校)で"): a side note.
static BRACKETED: Lazy<Regex> = Lazy::new(|| Regex::new(r"\([^()]*\d[^()]*\)").unwrap());

/// Checks one document: its normalized lines and the records read from them.
pub fn check(text: &str, records: &[Record]) -> Report {
    let lines: Vec<Line> = text.split('\n').enumerate().map(|(i, raw)| Line::new(i + 1, raw)).collect();
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut covered = vec![false; lines.len() + 2];
    let mut sections: Vec<String> = Vec::new();
    for r in records {
        *kinds.entry(r.body.kind()).or_default() += 1;
        let label = r.section.label();
        if !label.is_empty() && !sections.contains(&label) {
            sections.push(label);
        }
        if !matches!(r.body, Body::Passage(_)) {
            let end = r.line_end.min(lines.len());
            if let Some(span) = covered.get_mut(r.line..=end.max(r.line)) {
                span.iter_mut().for_each(|c| *c = true);
            }
        }
    }
    // A heading's figures name its section (「(2)0~2歳の保育(3号認定)」), they are no value.
    let compact = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let headings: Vec<String> = records.iter().flat_map(|r| r.section.path.iter().map(|p| compact(p))).collect();
    let vocabulary = super::roles::Vocabulary::built_in();
    let unexplained = lines
        .iter()
        .filter(|l| !covered.get(l.no).copied().unwrap_or(false) && holds_figure(&l.text))
        .map(|l| {
            let heading = headings.contains(&compact(&l.text)).then_some("見出し（数は名前の一部です）");
            let series =
                under_a_series_caption(&lines, l.no, &vocabulary).then_some("推移・推計の表（目標ではありません）");
            let reason = heading.or_else(|| column_of_prose(l)).or(series).or_else(|| reason(&l.text));
            Unexplained { line: l.no, text: l.text.clone(), reason }
        })
        .collect();
    Report { kinds, sections, unexplained }
}

/// Whether 1-based line `no` stands in a block of lines (a table) whose caption — the block's
/// first line, or the line over the block or over the blank line before it — names a record of the past or a projection
/// (「◆ 市民満足度の推移」): the reader takes no target from it.
fn under_a_series_caption(lines: &[Line], no: usize, vocabulary: &super::roles::Vocabulary) -> bool {
    let blank = |i: usize| lines[i].text.trim().is_empty();
    let Some(mut start) = no.checked_sub(1).filter(|&i| i < lines.len()) else { return false };
    while start > 0 && !blank(start - 1) {
        start -= 1;
    }
    // The block's own first line when it is not the line asked about, else the lines over it.
    let over = (1..=2).filter_map(|up| start.checked_sub(up)).find(|&i| !blank(i));
    let first = (start + 1 < no).then_some(start);
    [first, over].into_iter().flatten().any(|i| vocabulary.names_no_steps(&lines[i].text))
}

/// Whether a line holds a figure: a number with a unit or a percentage, years aside.
pub fn holds_figure(text: &str) -> bool {
    let text = normalize::text(text);
    FIGURE.is_match(&DATE.replace_all(&value::strip_years(&text), " "))
}

/// Dates ("11月25日", "4月1日現在") are no figures either.
static DATE: Lazy<Regex> = Lazy::new(|| Regex::new(r"\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日(?:現在|時点)").unwrap());

/// Shortest piece of prose taken for a column of text: a table's name cell is shorter.
const PROSE_CELL: usize = 15;

/// A two-column page: the figure stands in a piece of a sentence in the left column (「…と答えた
/// 人が38%あり」), the right column beside it holds no figure (the rest of a table's name, a
/// header). The figure belongs to the prose, not to the table.
fn column_of_prose(line: &Line) -> Option<&'static str> {
    let (first, rest) = line.cells.split_first()?;
    let prose = first.chars().count() >= PROSE_CELL && holds_figure(first) && !value::looks_like_value(first);
    (prose && !rest.is_empty() && !rest.iter().any(|c| holds_figure(c)))
        .then_some("二段組の左の段の文章（右の段の表とは別です）")
}

fn reason(text: &str) -> Option<&'static str> {
    let found = REASONS.iter().find(|(words, _)| words.iter().any(|w| text.contains(w))).map(|(_, why)| *why);
    found
        .or_else(|| (!holds_figure(&BRACKETED.replace_all(text, ""))).then_some("括弧内の補足の数"))
        .or_else(|| dated_statistic(text).then_some("時点つきの統計（目標ではありません）"))
}

/// Words without which a line states no target: a line that holds none of them and one figure
/// tagged with its year is a statistic (「・宿泊者数　令和4年　2.1万人泊」).
const TARGET_WORDS: &[&str] = &[
    "目標",
    "目指",
    "めざ",
    "まで",
    "予定",
    "見込",
    "計画値",
    "KPI",
    "指標",
    "にする",
    "にします",
    "増や",
    "減ら",
    "削減",
    "向上",
    "以上",
    "以下",
    "達成",
    "引き上げ",
    "維持",
];

/// One figure outside brackets, a year in the line, no target word. A table row of an indicator
/// has a baseline and a target (two figures), or a target word in its header or cell.
fn dated_statistic(text: &str) -> bool {
    let plain = BRACKETED.replace_all(text, "");
    let figures = FIGURE.find_iter(&DATE.replace_all(&value::strip_years(&plain), " ")).count();
    figures == 1 && !value::years_in(&plain).is_empty() && !TARGET_WORDS.iter().any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Source};
    use super::*;

    fn source() -> Source {
        Source { file: "x.txt".into(), municipality: None, title: "x".into(), edition: None, period: None }
    }

    #[test]
    fn a_heading_with_a_number_is_no_figure() {
        let text = "第２章　事業\n（１）３歳児健診（年２回実施分）\n本文です。";
        let report = check(text, &parse(text, &source()));
        let lines: Vec<(usize, Option<&str>)> = report.unexplained.iter().map(|u| (u.line, u.reason)).collect();
        assert_eq!(lines, [(2, Some("見出し（数は名前の一部です）"))]);
    }

    #[test]
    fn figures_a_record_explains_are_not_listed() {
        let text = "指標\t基準値\t目標値\n自治会加入率\t68.2%\t75.0%\n本市の人口は87,412人です。\n加入率の推移は30%前後で推移している";
        let report = check(text, &parse(text, &source()));
        assert_eq!(report.kinds.get("indicator"), Some(&1));
        let lines: Vec<(usize, Option<&str>)> = report.unexplained.iter().map(|u| (u.line, u.reason)).collect();
        assert_eq!(lines, [(3, Some("人口などの統計（指標ではありません）")), (4, None)]);
        assert_eq!(report.unresolved(), 1);
    }

    #[test]
    fn prose_of_the_left_column_beside_a_table_has_its_reason() {
        let text = "　ごみの出し方について「わかりにくい」と答えた人が２４％あり       分別できている
　資源化率　　　　　　　　　　　　　　　　　　　　　　　　　　　　１８％";
        let report = check(text, &[]);
        let lines: Vec<(usize, Option<&str>)> = report.unexplained.iter().map(|u| (u.line, u.reason)).collect();
        assert_eq!(lines, [(1, Some("二段組の左の段の文章（右の段の表とは別です）")), (2, None)]);
    }

    #[test]
    fn years_alone_are_no_figures() {
        assert!(!holds_figure("令和5年度から令和9年度までの5年間"));
        assert!(holds_figure("目標は120件です"));
        assert!(holds_figure("達成率は９５％"));
        assert!(!holds_figure("第1章 計画の概要"));
        assert!(!holds_figure("更新日:2013年11月25日"));
    }

    #[test]
    fn a_single_figure_of_a_year_without_a_target_word_is_a_statistic() {
        assert!(dated_statistic("・宿泊者数 令和4年 2.1万人泊"));
        assert!(dated_statistic("・観光入込客数 令和4年 32.4万人(令和元年 41.8万人)"));
        assert!(dated_statistic("・宿泊施設数 令和5年4月 18施設(収容人員 820人)"));
        // A target, a row with two figures, or a figure without a year stays to be looked at.
        assert!(!dated_statistic("宿泊者数を令和12年に3万人泊にする"));
        assert!(!dated_statistic("・宿泊者数 令和4年 2.1万人泊 → 令和12年 3.0万人泊"));
        assert!(!dated_statistic("・宿泊者数 2.1万人泊"));
        assert!(!dated_statistic("目標値(令和12年) 3.0万人泊"));
    }
}
