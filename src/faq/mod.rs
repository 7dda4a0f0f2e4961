//! FAQ entries generated from the records the answer engine uses (issue 11): one per indicator,
//! per group of measures, per department lookup and per plan period, each asked the way a
//! citizen would ask and answered with its citation. Plain data; [`render`] writes it out.
//!
//! Ids are hashes of what an entry is about (kind, file, line, name), not of its position, and
//! the order is the order of the documents and their lines: a re-run on the same data changes
//! nothing, and a new indicator does not renumber the others.

pub mod render;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::answer::compose::{origin, plan_label};
use crate::ingest::record::{Body, Indicator, Record};
use crate::ingest::value::Value;

/// What an entry answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Indicator,
    Measures,
    Department,
    Period,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Indicator => "指標の目標",
            Kind::Measures => "取組",
            Kind::Department => "担当課",
            Kind::Period => "計画期間",
        }
    }
}

/// Where an answer comes from: the document, its section and the lines of the original file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    pub title: String,
    pub section: String,
    pub file: String,
    pub line: usize,
    pub line_end: usize,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Stable: `i-`/`m-`/`d-`/`p-` and 10 hex digits of a hash of what the entry is about.
    pub id: String,
    pub kind: Kind,
    pub municipality: String,
    /// The document's title as the catalog gives it.
    pub plan: String,
    /// The section label ("6-4 行政のデジタル化の推進"), empty when the record has none.
    pub section: String,
    pub question: String,
    pub answer: String,
    /// The figures and names the answer must show (values as the plan writes them, department
    /// names, measure names, the period): what the consistency test compares with `ask`.
    pub facts: Vec<String>,
    /// The lines that hold the answer; for a group of measures, each measure's first line.
    pub lines: Vec<usize>,
    pub citation: Citation,
    /// The indicator itself, for its chart.
    #[serde(skip)]
    pub indicator: Option<Indicator>,
}

/// Every entry of the records, in document order, grouped by municipality, plan and section.
/// `municipality` keeps only that municipality's entries.
pub fn generate(records: &[Record], municipality: Option<&str>) -> Vec<Entry> {
    let records: Vec<&Record> =
        records.iter().filter(|r| municipality.is_none_or(|m| r.source.municipality.as_deref() == Some(m))).collect();
    let mut entries = Vec::new();
    entries.extend(periods(&records));
    for r in &records {
        match &r.body {
            Body::Indicator(i) => entries.extend(indicator(r, i, &records)),
            // A department line under no titled section names no topic a citizen could ask about.
            Body::Responsibility(resp) if !resp.departments.is_empty() && !r.section.title.is_empty() => {
                entries.push(department(r, &resp.role, &resp.departments, None, &records))
            }
            Body::Measure(m) if !m.departments.is_empty() => entries.push(department(
                r,
                m.department_role.as_deref().unwrap_or("担当課"),
                &m.departments,
                Some(&m.name),
                &records,
            )),
            _ => {}
        }
    }
    entries.extend(measure_groups(&records));
    order_and_dedupe(entries, &records)
}

/// The indicator entries a user means by `query`: the one with that id; else those with that
/// name (compared after NFKC, ignoring spaces); else those whose name contains it.
pub fn find_indicators<'a>(entries: &'a [Entry], query: &str) -> Vec<&'a Entry> {
    let squash = |s: &str| crate::ingest::normalize::nfkc(s).split_whitespace().collect::<String>();
    let wanted = squash(query);
    let indicators: Vec<&Entry> = entries.iter().filter(|e| e.kind == Kind::Indicator).collect();
    let name = |e: &Entry| e.indicator.as_ref().map(|i| squash(&i.name)).unwrap_or_default();
    if let Some(e) = indicators.iter().find(|e| e.id == query.trim()) {
        return vec![e];
    }
    let exact: Vec<&Entry> = indicators.iter().copied().filter(|e| name(e) == wanted).collect();
    if !exact.is_empty() || wanted.is_empty() {
        return exact;
    }
    indicators.into_iter().filter(|e| name(e).contains(&wanted)).collect()
}

/// Sorted by municipality, then document, section and line (the reading order), then kind;
/// an entry asking the same question as an earlier one is dropped (a table printed twice).
fn order_and_dedupe(mut entries: Vec<Entry>, records: &[&Record]) -> Vec<Entry> {
    let file_order: Vec<&str> = {
        let mut files: Vec<&str> = records.iter().map(|r| r.source.file.as_str()).collect();
        files.dedup();
        files
    };
    let rank = |file: &str| file_order.iter().position(|f| *f == file).unwrap_or(usize::MAX);
    entries.sort_by(|a, b| {
        (&a.municipality, rank(&a.citation.file), a.citation.line, a.kind as u8, &a.id).cmp(&(
            &b.municipality,
            rank(&b.citation.file),
            b.citation.line,
            b.kind as u8,
            &b.id,
        ))
    });
    // The same question twice: the same row printed twice (dropped), or two rows of one name
    // (a 目標 and an 指標 of the same words): one entry that answers with both.
    let mut out: Vec<Entry> = Vec::new();
    for e in entries {
        match out.iter_mut().find(|o| o.question == e.question) {
            Some(first) if first.answer != e.answer && first.citation.file == e.citation.file => {
                first.answer = format!("{} {}", first.answer, e.answer);
                first.facts.extend(e.facts.into_iter().filter(|f| !first.facts.contains(f)).collect::<Vec<_>>());
                first.lines.extend(e.lines);
            }
            Some(_) => {}
            None => out.push(e),
        }
    }
    out
}

fn id(kind: Kind, parts: &[&str]) -> String {
    let prefix = match kind {
        Kind::Indicator => "i",
        Kind::Measures => "m",
        Kind::Department => "d",
        Kind::Period => "p",
    };
    let mut hash = Sha256::new();
    for p in parts {
        hash.update(p.as_bytes());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}

fn citation(r: &Record, line_end: usize) -> Citation {
    Citation {
        title: r.source.title.clone(),
        section: r.section.label(),
        file: r.source.file.clone(),
        line: r.line,
        line_end,
        quote: r.quote.chars().take(200).collect(),
    }
}

fn municipality(r: &Record) -> String {
    r.source.municipality.clone().unwrap_or_default()
}

/// How a citizen names the plan's owner: 「本庄市の」, or nothing when it is unknown.
fn whose(r: &Record) -> String {
    r.source.municipality.as_ref().map(|m| format!("{m}の")).unwrap_or_default()
}

/// 「36.1%（令和3年度）」
fn with_year(v: &Value) -> String {
    match &v.year {
        Some(y) => format!("{}（{}）", v.display(), y.label),
        None => v.display(),
    }
}

/// 「施策6-2「効率的・効果的な行政経営の推進」」: the section as plans and their readers refer to
/// it; the number tells apart sections of the same title in different places.
fn section_words(r: &Record) -> String {
    let title = &r.section.title;
    match &r.section.number {
        Some(n) if n.starts_with(|c: char| c.is_ascii_digit()) => format!("施策{n}「{title}」"),
        // 「基本目標1」 would make the question one about a 目標 (a target): the title alone.
        _ => format!("「{title}」"),
    }
}

/// Whether another document of the record's municipality has a section of the same title: then
/// the question names the plan too (前期 and 後期 plans share most section titles).
fn section_elsewhere(r: &Record, records: &[&Record]) -> bool {
    records.iter().any(|o| {
        o.source.file != r.source.file
            && o.source.municipality == r.source.municipality
            && o.section.title == r.section.title
    })
}

/// The plan's name in a question, where the municipality has several documents that would
/// otherwise answer it (the same indicator in the 前期 and 後期 plans).
fn plan_words(r: &Record, ambiguous: bool) -> String {
    if ambiguous {
        format!("{}の", plan_label(r))
    } else {
        String::new()
    }
}

fn indicator(r: &Record, ind: &Indicator, records: &[&Record]) -> Option<Entry> {
    // A series of the past or a projection (yearly figures, no baseline or target) sets no
    // target, and ask answers no target question from it.
    if ind.baseline.is_none() && ind.target.is_none() && ind.actual.is_none() {
        return None;
    }
    // A target cell saying "no value" (―, ●●%) sets no target: ask only asks what the row holds.
    let target = ind.target.as_ref().filter(|t| !crate::answer::no_value(t)).or(ind.yearly.last());
    // With no target and no present figure either (「●●%」), the row answers nothing.
    if target.is_none() && ind.baseline.as_ref().is_none_or(crate::answer::no_value) {
        return None;
    }
    // With no target (a dash, or no target cell at all), ask what the row holds: its present.
    let placeholder = target.is_none();
    // Another document of the same municipality with an indicator of this name: say which plan.
    let ambiguous = records.iter().any(|o| {
        o.source.file != r.source.file
            && o.source.municipality == r.source.municipality
            && matches!(&o.body, Body::Indicator(other) if other.name == ind.name)
    });
    let asked = if placeholder { "現状値" } else { "目標" };
    let question = format!("{}{}{}の{asked}は？", whose(r), plan_words(r, ambiguous), ind.name);
    let mut facts = Vec::new();
    let mut parts = Vec::new();
    if let Some(b) = &ind.baseline {
        parts.push(format!("現状値 {}", with_year(b)));
        facts.push(b.display());
    }
    if let Some(t) = target {
        parts.push(format!("目標値 {}", with_year(t)));
        facts.push(t.display());
    }
    let mut answer = format!("{}の{}「{}」は {} です。", origin(r), ind.category, ind.name, parts.join(" → "));
    if ind.yearly.len() >= 2 {
        let steps: Vec<String> = ind.yearly.iter().map(with_year).collect();
        answer.push_str(&format!("{}: {}。", ind.yearly_word(), steps.join("、")));
    }
    if let Some(note) = &ind.note {
        answer.push_str(&format!("（{note}）"));
    } else if target.is_none() {
        answer.push_str("目標値は計画に示されていません。");
    }
    Some(Entry {
        id: id(Kind::Indicator, &[&r.source.file, &r.line.to_string(), &ind.name]),
        kind: Kind::Indicator,
        municipality: municipality(r),
        plan: r.source.title.clone(),
        section: r.section.label(),
        question,
        answer,
        facts,
        lines: vec![r.line],
        citation: citation(r, r.line_end),
        indicator: Some(ind.clone()),
    })
}

/// 「本庄市の『行政のデジタル化の推進』の担当課はどこですか？」, or for a measure row with its own
/// 実行課, the measure's name in place of the section.
fn department(r: &Record, role: &str, departments: &[String], measure: Option<&str>, records: &[&Record]) -> Entry {
    let topic = measure.unwrap_or(&r.section.title);
    let question = match measure {
        Some(m) => format!("{}「{m}」の担当課はどこですか？", whose(r)),
        None => format!(
            "{}{}{}の担当課はどこですか？",
            whose(r),
            plan_words(r, section_elsewhere(r, records)),
            section_words(r)
        ),
    };
    // A section's own 主管課: origin already names the section, so it is not repeated.
    let about = measure.map(|m| format!("の「{m}」")).unwrap_or_default();
    let answer = format!("{}{about}の{role}は {} です。", origin(r), departments.join("、"));
    Entry {
        id: id(Kind::Department, &[&r.source.file, &r.line.to_string(), topic]),
        kind: Kind::Department,
        municipality: municipality(r),
        plan: r.source.title.clone(),
        section: r.section.label(),
        question,
        answer,
        facts: departments.to_vec(),
        lines: vec![r.line],
        citation: citation(r, r.line_end),
        indicator: None,
    }
}

/// One entry per section with measures: 「〜のためにどんな取組をしますか？」.
fn measure_groups(records: &[&Record]) -> Vec<Entry> {
    let mut groups: Vec<(String, String, Vec<&Record>)> = Vec::new();
    for r in records {
        if !matches!(r.body, Body::Measure(_)) || r.section.title.is_empty() {
            continue;
        }
        let key = (r.source.file.clone(), r.section.label());
        match groups.iter_mut().find(|(f, s, _)| (f, s) == (&key.0, &key.1)) {
            Some((_, _, members)) => members.push(r),
            None => groups.push((key.0, key.1, vec![r])),
        }
    }
    groups.into_iter().map(|(_, _, members)| measure_group(&members, records)).collect()
}

fn measure_group(members: &[&Record], records: &[&Record]) -> Entry {
    let first = members[0];
    let mut names: Vec<String> = Vec::new();
    for m in members {
        let name = m.body.name();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let question = format!(
        "{}{}{}のためにどんな取組をしますか？",
        whose(first),
        plan_words(first, section_elsewhere(first, records)),
        section_words(first)
    );
    let answer =
        format!("{}の取組は {} です。", origin(first), names.iter().map(|n| format!("「{n}」")).collect::<String>());
    let line_end = members.iter().map(|m| m.line_end).max().unwrap_or(first.line_end);
    Entry {
        id: id(Kind::Measures, &[&first.source.file, &first.section.label()]),
        kind: Kind::Measures,
        municipality: municipality(first),
        plan: first.source.title.clone(),
        section: first.section.label(),
        question,
        answer,
        facts: names,
        lines: members.iter().map(|m| m.line).collect(),
        citation: citation(first, line_end),
        indicator: None,
    }
}

/// One entry per `Plan` record with a period. A record named like a plan (〜計画, 〜大綱, …) is
/// a related plan the document lists; one named otherwise (「計画の推進」) states the document's
/// own period, and is asked as the period of the document.
fn periods(records: &[&Record]) -> Vec<Entry> {
    let mut out = Vec::new();
    for r in records {
        let Body::Plan(p) = &r.body else { continue };
        let Some(period) = &p.period else { continue };
        // Every line of the document that gives this plan the same years holds the answer.
        let years = |period: &str| {
            let mut y: Vec<i32> = crate::ingest::value::years_in(period).iter().map(|y| y.fiscal).collect();
            y.sort_unstable();
            y.dedup();
            y
        };
        let lines: Vec<usize> = records
            .iter()
            .filter(|o| o.source.file == r.source.file)
            .filter(|o| match &o.body {
                Body::Plan(q) => q.name == p.name && q.period.as_deref().map(years) == Some(years(period)),
                _ => false,
            })
            .map(|o| o.line)
            .collect();
        let (question, answer, about) = if names_other_plan(r, &p.name) {
            // The name often carries the municipality already: 「本庄市行政改革大綱」.
            let owner = if r.source.municipality.as_deref().is_some_and(|m| p.name.starts_with(m)) {
                String::new()
            } else {
                whose(r)
            };
            (
                format!("{owner}{}にある「{}」の期間は？", plan_label(r), p.name),
                format!("{}に挙げられた「{}」の期間は {period} です。", origin(r), p.name),
                p.name.clone(),
            )
        } else {
            // The plan's name only where the municipality has several documents.
            let several = records
                .iter()
                .any(|o| o.source.municipality == r.source.municipality && o.source.file != r.source.file);
            (
                format!("{}{}計画期間は？", whose(r), plan_words(r, several)),
                format!("{}の計画期間は {period} です。", r.source.title),
                r.source.title.clone(),
            )
        };
        out.push(Entry {
            id: id(Kind::Period, &[&r.source.file, &r.line.to_string(), &about]),
            kind: Kind::Period,
            municipality: municipality(r),
            plan: r.source.title.clone(),
            section: r.section.label(),
            question,
            answer,
            facts: vec![period.clone()],
            lines,
            citation: citation(r, r.line_end),
            indicator: None,
        });
    }
    out
}

/// Words a plan's name ends with, before any parenthesis: 「〜行動計画(第3期計画)」.
const PLAN_WORDS: &[&str] = &["計画", "大綱", "方針", "指針", "ビジョン", "戦略", "プラン", "構想", "プログラム"];

/// Whether a `Plan` record is about a plan other than its document: named like a plan, not
/// 「本計画」 nor a part of the document's title, and named on its own line (a period line that
/// does not name its plan speaks of the document it stands in).
fn names_other_plan(r: &Record, name: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let (name, quote, title) = (squash(name), squash(&r.quote), squash(&r.source.title));
    // 「本計画」「本戦略」: the document speaking of itself (but 本庄市… is a name).
    let this_one = PLAN_WORDS.iter().any(|w| name == format!("本{w}"));
    names_a_plan(&name) && !this_one && !title.contains(&name) && quote.contains(&name)
}

fn names_a_plan(name: &str) -> bool {
    let bare = name.split(['(', '（']).next().unwrap_or(name).trim();
    // A bare 「計画」 is the document speaking of itself.
    PLAN_WORDS.iter().any(|w| bare.ends_with(w) && bare.len() > w.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::record::{Measure, Plan, Section, Source};
    use crate::ingest::value;

    fn record(line: usize, section: &str, body: Body) -> Record {
        Record {
            source: Source {
                file: "data/plans/a.txt".into(),
                municipality: Some("桜川台市".into()),
                title: "桜川台市 後期基本計画".into(),
                edition: Some("後期".into()),
                period: Some("2023-2027".into()),
            },
            section: Section { number: Some("2-1".into()), title: section.into(), path: vec![] },
            line,
            line_end: line,
            quote: String::new(),
            body,
        }
    }

    fn measure(line: usize, section: &str, name: &str, dept: &[&str]) -> Record {
        record(
            line,
            section,
            Body::Measure(Measure {
                category: "主な取組".into(),
                number: None,
                name: name.into(),
                content: None,
                department_role: Some("担当課".into()),
                departments: dept.iter().map(|d| d.to_string()).collect(),
                area: None,
                start: None,
                legend: None,
            }),
        )
    }

    fn indicator(line: usize, name: &str, b: &str, t: &str) -> Record {
        let v = |s: &str| value::parse(s, line);
        record(line, "子育て支援", Body::Indicator(Box::new(Indicator::row("成果指標", name.into(), None, v(b), v(t)))))
    }

    #[test]
    fn a_row_with_no_target_is_asked_for_its_present_and_one_with_no_figure_not_at_all() {
        let records = vec![indicator(10, "子ども食堂の数", "11か所", ""), indicator(11, "相談窓口の認知度", "●●%", "")];
        let faq = generate(&records, None);
        let questions: Vec<&str> = faq.iter().map(|e| e.question.as_str()).collect();
        assert_eq!(questions, ["桜川台市の子ども食堂の数の現状値は？"]);
    }

    #[test]
    fn one_entry_per_indicator_group_and_department_with_citations() {
        let records = vec![
            indicator(10, "保育所待機児童数", "12人", "0人"),
            measure(20, "子育て支援", "保育所の整備", &["こども課"]),
            measure(21, "子育て支援", "相談窓口の充実", &[]),
        ];
        let faq = generate(&records, None);
        let kinds: Vec<Kind> = faq.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [Kind::Indicator, Kind::Measures, Kind::Department]);
        let ind = &faq[0];
        assert_eq!(ind.question, "桜川台市の保育所待機児童数の目標は？");
        assert!(ind.answer.contains("現状値 12人 → 目標値 0人"), "{}", ind.answer);
        assert_eq!((ind.citation.file.as_str(), ind.citation.line), ("data/plans/a.txt", 10));
        assert_eq!(faq[1].facts, ["保育所の整備", "相談窓口の充実"]);
        assert_eq!((faq[1].citation.line, faq[1].citation.line_end), (20, 21));
        assert_eq!(faq[2].question, "桜川台市の「保育所の整備」の担当課はどこですか？");
        assert_eq!(faq[1].question, "桜川台市の施策2-1「子育て支援」のためにどんな取組をしますか？");
        assert_eq!(faq[2].facts, ["こども課"]);
    }

    #[test]
    fn ids_and_order_are_stable_and_duplicates_dropped() {
        let records = vec![indicator(10, "A率", "1%", "2%"), indicator(30, "B率", "1%", "3%")];
        let once = generate(&records, None);
        let mut more = records.clone();
        more.insert(0, indicator(5, "C率", "1%", "4%"));
        more.push(records[0].clone()); // the same row again
        let again = generate(&more, None);
        assert_eq!(again.len(), 3);
        assert_eq!(again[1].lines, [10], "the repeated row adds nothing");
        assert_eq!(again[1].id, once[0].id, "a new entry does not change the others' ids");
        assert_eq!(generate(&more, None), again);
        assert!(generate(&records, Some("他市")).is_empty());
    }

    #[test]
    fn a_related_plan_and_the_document_s_own_period_are_asked_apart() {
        let plan = |line, name: &str, period: &str| {
            record(
                line,
                "計画の推進",
                Body::Plan(Plan { name: name.into(), period: Some(period.into()), summary: None }),
            )
        };
        let mut related = plan(9, "桜川台市公共施設等総合管理計画(改訂版)", "平成28年度~");
        related.quote = "| 桜川台市公共施設等総合管理計画(改訂版) | 平成28年度~ |".into();
        let records =
            vec![plan(5, "計画の推進", "令和6年度〜令和10年度"), related, plan(12, "本計画", "令和6年度〜令和10年度")];
        let faq = generate(&records, None);
        assert_eq!(faq[0].question, "桜川台市の計画期間は？", "one document: no need to name it");
        assert_eq!(faq[0].facts, ["令和6年度〜令和10年度"]);
        assert_eq!(faq[1].question, "後期基本計画にある「桜川台市公共施設等総合管理計画(改訂版)」の期間は？");
        assert_eq!(faq.len(), 2, "「本計画」 is the document: the same question as the first, merged");
    }

    #[test]
    fn indicators_are_found_by_id_exact_name_or_part_of_it() {
        let records = vec![indicator(10, "保育所待機児童数", "12人", "0人"), indicator(12, "待機児童数", "3人", "0人")];
        let faq = generate(&records, None);
        assert_eq!(find_indicators(&faq, &faq[0].id).len(), 1);
        assert_eq!(find_indicators(&faq, "待機児童数").len(), 1, "the exact name wins");
        assert_eq!(find_indicators(&faq, "待機 児童").len(), 2);
        assert!(find_indicators(&faq, "図書館").is_empty() && find_indicators(&faq, " ").is_empty());
    }
}
