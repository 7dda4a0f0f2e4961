//! Answers computed over the structured records rather than found in one of them: the highest
//! or lowest satisfaction (一番低い満足度), the indicators whose target is set for a year
//! (令和7年度が目標年度の指標), how many plans start in a year (開始がR5の計画はいくつ).
//!
//! Each applies only when the question asks for it in general words; a question that names a
//! topic is answered from the records that match it, as usual.

use crate::ingest::value::years_in;
use crate::ingest::{Body, Record};

use super::compose::origin;
use super::question::{Extreme, Intent, Question};
use super::{Answer, Citation};

/// What a computed answer needs of the records: the kinds to read.
pub enum Computation {
    /// 「満足度が一番低いのは？」
    Satisfaction(Extreme),
    /// 「令和7年度が目標年度の指標は？」
    TargetYear(i32),
    /// 「開始がR5の計画はいくつ？」
    StartYear(i32),
}

impl Computation {
    /// The computation a question asks for, if any. `topical` is whether the question names
    /// a topic of its own (then the usual search answers it).
    pub fn of(q: &Question, topical: bool) -> Option<Computation> {
        if topical {
            return None;
        }
        let year = q.years.first().map(|y| y.fiscal);
        if let (Some(extreme), true) = (q.superlative, q.text.contains("満足")) {
            return Some(Computation::Satisfaction(extreme));
        }
        if let (Some(y), true) = (year, q.text.contains("目標年度") || q.text.contains("目標年")) {
            return Some(Computation::TargetYear(y));
        }
        if let (Some(y), true) = (year, q.text.contains("開始") || q.text.contains("始ま")) {
            return Some(Computation::StartYear(y));
        }
        None
    }

    pub fn kinds(&self) -> &'static [&'static str] {
        match self {
            Computation::Satisfaction(_) => &["satisfaction", "indicator"],
            Computation::TargetYear(_) => &["indicator"],
            Computation::StartYear(_) => &["measure", "plan"],
        }
    }

    /// The answer computed over `records` (already limited to what the question's filters
    /// allow), or `None` when no record qualifies.
    pub fn answer(&self, question: &str, records: &[Record]) -> Option<Answer> {
        match self {
            Computation::Satisfaction(extreme) => satisfaction(question, *extreme, records),
            Computation::TargetYear(year) => target_year(question, *year, records),
            Computation::StartYear(year) => start_year(question, *year, records),
        }
    }
}

/// The satisfaction figure of a record: a survey result, or an indicator measuring satisfaction
/// (its latest value).
fn satisfaction_of(record: &Record) -> Option<(String, f64, String)> {
    match &record.body {
        Body::Satisfaction(s) => Some((s.item.clone(), s.value.number?, s.value.display())),
        Body::Indicator(i) if i.name.contains("満足") => {
            let v = i.baseline.as_ref()?;
            Some((i.name.clone(), v.number?, v.display()))
        }
        _ => None,
    }
}

fn satisfaction(question: &str, extreme: Extreme, records: &[Record]) -> Option<Answer> {
    let rated: Vec<(&Record, (String, f64, String))> =
        records.iter().filter_map(|r| Some((r, satisfaction_of(r)?))).collect();
    let pick = |a: &&(&Record, (String, f64, String)), b: &&(&Record, (String, f64, String))| a.1 .1.total_cmp(&b.1 .1);
    let best = match extreme {
        Extreme::Highest => rated.iter().max_by(pick)?,
        Extreme::Lowest => rated.iter().min_by(pick)?,
    };
    let (record, (item, _, shown)) = best;
    // The survey item often repeats the section's title; name it once.
    let item = if *item == record.section.title { String::new() } else { format!("「{item}」") };
    let word = if extreme == Extreme::Highest { "最も高い" } else { "最も低い" };
    let text = format!(
        "計画に載っている市民満足度 {} 件のうち、{word}のは {}{item}の {shown} です。[1]",
        rated.len(),
        origin(record)
    );
    Some(found(question, Intent::Satisfaction, text, vec![(*record).clone()]))
}

fn target_year(question: &str, year: i32, records: &[Record]) -> Option<Answer> {
    let chosen: Vec<&Record> = records
        .iter()
        .filter(|r| match &r.body {
            Body::Indicator(i) => i.target.as_ref().and_then(|t| t.year.as_ref()).is_some_and(|y| y.fiscal == year),
            _ => false,
        })
        .collect();
    let label = chosen.iter().find_map(|r| match &r.body {
        Body::Indicator(i) => i.target.as_ref()?.year.as_ref().map(|y| y.label.clone()),
        _ => None,
    })?;
    let lines: Vec<String> = chosen
        .iter()
        .take(10)
        .enumerate()
        .map(|(n, r)| match &r.body {
            Body::Indicator(i) => format!(
                "{}「{}」 目標値 {}[{}]",
                origin(r),
                i.name,
                i.target.as_ref().map(|t| t.display()).unwrap_or_default(),
                n + 1
            ),
            _ => String::new(),
        })
        .collect();
    let more = if chosen.len() > 10 { format!("（ほか {} 件）", chosen.len() - 10) } else { String::new() };
    let text = format!("{label}を目標年度とする指標は {} 件です{more}:\n{}", chosen.len(), lines.join("\n"));
    Some(found(question, Intent::Target, text, chosen.into_iter().take(10).cloned().collect()))
}

fn start_year(question: &str, year: i32, records: &[Record]) -> Option<Answer> {
    let starts = |r: &Record| match &r.body {
        Body::Measure(m) => m.start.as_deref().map(years_in).and_then(|y| y.first().map(|y| y.fiscal)),
        Body::Plan(p) => p.period.as_deref().map(years_in).and_then(|y| y.first().map(|y| y.fiscal)),
        _ => None,
    };
    let starting: Vec<&Record> = records.iter().filter(|r| starts(r) == Some(year)).collect();
    // Items of an 実施計画 and plans named in a text are not counted together: the larger
    // kind is what the question counts.
    let measures = starting.iter().filter(|r| matches!(r.body, Body::Measure(_))).count();
    let plans = starting.len() - measures;
    let chosen: Vec<&Record> =
        starting.into_iter().filter(|r| matches!(r.body, Body::Measure(_)) == (measures >= plans)).collect();
    if chosen.is_empty() {
        return None;
    }
    let names: Vec<String> = chosen.iter().take(10).map(|r| r.body.name()).collect();
    let more = if chosen.len() > 10 { "など" } else { "" };
    let mut documents: Vec<String> = chosen
        .iter()
        .map(|r| {
            format!("{} {}", r.source.municipality.as_deref().unwrap_or(""), super::compose::plan_label(r))
                .trim()
                .to_string()
        })
        .collect();
    documents.dedup();
    let text = format!(
        "{}で{}に始まる計画は {} 件です: {}{more}。[1]",
        documents.join("・"),
        era(year),
        chosen.len(),
        names.join("、")
    );
    // Cite the first and the last of them, so the list can be checked.
    let mut cited = chosen[0].clone();
    let same_file = chosen.iter().all(|r| r.source.file == cited.source.file);
    if same_file {
        cited.line_end = chosen.iter().map(|r| r.line_end).max().unwrap_or(cited.line_end).min(cited.line + 40);
    }
    Some(found(question, Intent::Count, text, vec![cited]))
}

/// The items of a plan, whatever the plan calls them: 「行革の取組はいくつ？」 counts the items of
/// 行政改革大綱実施計画 even when the plan counts them as 計画 (「計画数 50計画」).
const ITEM_NOUNS: &[&str] = &["計画", "取組", "事業", "施策", "項目", "プラン"];

/// 「行革の取組はいくつ？」: a count question that names a document and no topic of its own, when
/// no count record uses the question's word. The plan's count of its items answers: of its
/// counts of items, the largest (the whole, not one field's share).
pub fn document_total(question: &str, records: &[Record]) -> Option<Answer> {
    let items = |r: &&Record| match &r.body {
        Body::Count(c) => ITEM_NOUNS.iter().any(|n| c.unit.contains(n) || c.label.contains(n)),
        _ => false,
    };
    let best = records.iter().filter(items).max_by_key(|r| match &r.body {
        Body::Count(c) => c.value,
        _ => 0,
    })?;
    let Body::Count(c) = &best.body else { return None };
    let text = format!("{}の{}は {}{} です。[1]", origin(best), c.label, c.value, c.unit);
    Some(found(question, Intent::Count, text, vec![best.clone()]))
}

/// 2023 → "令和5年度".
fn era(year: i32) -> String {
    match year {
        2019 => "令和元年度".to_string(),
        y if y > 2019 => format!("令和{}年度", y - 2018),
        y if y >= 1989 => format!("平成{}年度", y - 1988),
        y => format!("{y}年度"),
    }
}

fn found(question: &str, intent: Intent, text: String, records: Vec<Record>) -> Answer {
    Answer {
        question: question.to_string(),
        found: true,
        intent: intent.as_str().to_string(),
        answer: text,
        citations: Citation::all(&records),
        hits: records,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(label: &str, value: u32, unit: &str) -> Record {
        use crate::ingest::record::Count;
        let body = Body::Count(Count { label: label.into(), value, unit: unit.into(), items: Vec::new() });
        super::super::test_record("白鷺村 行財政改革実施計画", body)
    }

    #[test]
    fn a_plans_total_is_its_largest_count_of_items() {
        let records = vec![count("改革分野", 3, "つ"), count("計画数", 41, "計画"), count("財政改革", 12, "計画")];
        let answer = document_total("行財革の取組はいくつ？", &records).unwrap();
        assert!(answer.answer.contains("41計画"), "{}", answer.answer);
        assert!(document_total("行財革の取組はいくつ？", &records[..1]).is_none());
    }

    #[test]
    fn eras() {
        assert_eq!(era(2023), "令和5年度");
        assert_eq!(era(2019), "令和元年度");
        assert_eq!(era(2017), "平成29年度");
    }
}
