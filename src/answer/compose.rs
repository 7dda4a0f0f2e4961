//! Turns ranked candidates into the answer a citizen reads: which records answer each intent,
//! and the Japanese sentence for each, with [n] marks pointing at the citations.

use crate::ingest::record::{Count, Indicator, Measure, Plan};
use crate::ingest::value::Value;
use crate::ingest::{Body, Record};

use super::matching::compact;
use super::question::{Intent, Question};
use super::{Answer, Citation, Scored, MIN_COVERAGE};

/// The candidates found for one intent of the question.
pub struct Part {
    pub intent: Intent,
    pub candidates: Vec<Scored>,
    /// Municipalities that do have a match when the one asked about has none.
    pub elsewhere: Vec<String>,
    /// Every record of the group the best measure belongs to (施策中項目 of one 施策, …).
    pub group: Vec<Record>,
    /// Records answering the rest of a question that asks for two things.
    pub also: Vec<Scored>,
    /// Records that matched the words but not what was asked: named as related when nothing
    /// answers, never stated as the answer.
    pub near: Vec<Record>,
    /// No record of the kind asked answered; the candidates are passages stating the figure.
    pub from_text: bool,
}

/// What one part contributes: its sentences and the records they cite.
struct Written {
    lines: Vec<String>,
    records: Vec<Record>,
}

/// The answers to the questions of one message, one after the other, their [n] marks
/// numbered on so each still points at its citation. Found when any part is found; a part not
/// found still says so.
pub fn join(question: &str, mut answers: Vec<Answer>) -> Answer {
    if answers.len() == 1 {
        return answers.pop().expect("one answer");
    }
    let found = answers.iter().any(|a| a.found);
    let intent = answers.iter().find(|a| a.found).unwrap_or(&answers[0]).intent.clone();
    let mut text = Vec::new();
    let (mut citations, mut hits) = (Vec::new(), Vec::new());
    for a in answers {
        text.push(shift_marks(&a.answer, citations.len()));
        citations.extend(a.citations);
        hits.extend(a.hits);
    }
    Answer { question: question.to_string(), found, intent, answer: text.join("\n\n"), citations, hits }
}

/// `[n]` marks of `text` moved on by `offset`.
fn shift_marks(text: &str, offset: usize) -> String {
    if offset == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        match after[digits..].starts_with(']').then(|| after[..digits].parse::<usize>().ok()).flatten() {
            Some(n) => {
                out.push_str(&format!("[{}]", n + offset));
                rest = &after[digits + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn not_found(question: &str, intent: Intent, message: String) -> Answer {
    Answer {
        question: question.to_string(),
        found: false,
        intent: intent.as_str().to_string(),
        answer: message,
        citations: Vec::new(),
        hits: Vec::new(),
    }
}

/// What planbot can answer, for greetings and questions it could not read.
pub fn what_planbot_does(known: &[String]) -> String {
    format!(
        "planbot は {} の計画に書かれた指標の現状値・目標値、取組、担当課、計画期間などを、計画の該当行を示してお答えします。",
        some_places(known)
    )
}

/// Municipalities named in a message: all of up to ten, else the first five and how many more.
/// A national corpus has 1,741; a message (and the time to write it) should not grow with them
/// (issue 12).
pub fn some_places(known: &[String]) -> String {
    const ALL_UP_TO: usize = 10;
    const NAMED: usize = 5;
    if known.len() <= ALL_UP_TO {
        return known.join("・");
    }
    format!("{} ほか {} 自治体", known[..NAMED].join("・"), known.len() - NAMED)
}

/// A greeting or thanks: answered politely, with what planbot can do (`found: false`: no fact
/// of the plans is stated).
pub fn small_talk(question: &str, text: &str, known: &[String]) -> Answer {
    let thanks = ["ありがと", "有難", "感謝", "助かり", "thank"].iter().any(|w| text.to_lowercase().contains(w));
    let hello = ["こんにちは", "こんばんは", "おはよう", "はじめまして", "初めまして", "hello", "ハロー"]
        .iter()
        .any(|w| text.to_lowercase().contains(w));
    let opening = if thanks {
        "どういたしまして。お役に立てたならうれしいです。"
    } else if hello {
        "こんにちは。"
    } else {
        ""
    };
    let message = format!(
        "{opening}{}例えば「（指標名）の目標は？」「（取組名）の担当課は？」「（計画名）の計画期間は？」のように聞いてください。",
        what_planbot_does(known)
    );
    Answer {
        question: question.to_string(),
        found: false,
        intent: "small_talk".to_string(),
        answer: message,
        citations: Vec::new(),
        hits: Vec::new(),
    }
}

/// How a related record is named: its name, or for a passage (which has none) the start of
/// its text, so that a related passage never shows as 「」.
fn near_name(r: &Record) -> String {
    /// Letters of a passage shown as its name.
    const SHOWN: usize = 30;
    let name = r.body.name();
    if !name.trim().is_empty() {
        return name;
    }
    let text = r.quote.trim();
    let mut shown: String = text.chars().take(SHOWN).collect();
    if text.chars().count() > SHOWN {
        shown.push('…');
    }
    shown
}

/// For a related indicator whose target cell says "no value" (―, ●●%): what it does hold, so
/// that the reader sees why it is no answer.
fn holds_no_target(r: &Record) -> String {
    let Body::Indicator(i) = &r.body else { return String::new() };
    match (&i.baseline, &i.target) {
        (Some(b), Some(t)) if super::no_value(t) && !super::no_value(b) => {
            format!("は現状値 {} で、目標値は示されていません", with_year(b))
        }
        (_, Some(t)) if super::no_value(t) => "には目標値が示されていません".to_string(),
        _ => String::new(),
    }
}

/// The whole answer from its parts; found when any part found something.
pub fn assemble(question: &str, q: &Question, parts: Vec<Part>, known: &[String]) -> Answer {
    let intent = parts.iter().map(|p| p.intent.as_str()).collect::<Vec<_>>().join("+");
    let mut lines = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    let mut missing = Vec::new();
    for part in &parts {
        match write(part, q) {
            // Another intent of the question already cited these records.
            Some(w) if !w.records.is_empty() && w.records.iter().all(|r| records.contains(r)) => {}
            Some(w) => {
                for line in w.lines {
                    lines.push(renumber(&line, &w.records, &mut records));
                }
            }
            None => missing.push(part),
        }
    }
    if records.is_empty() {
        let first = &parts[0];
        let scope = if q.municipalities.is_empty() {
            "登録されている計画".to_string()
        } else {
            format!("{}の計画", q.municipalities.join("・"))
        };
        let near: Vec<&Record> = parts.iter().flat_map(|p| p.near.iter()).take(3).collect();
        let message = if !near.is_empty() && first.elsewhere.is_empty() {
            let asked = q
                .measure
                .as_ref()
                .cloned()
                .or(q.compounds.first().map(|c| c.concat()))
                .map(|m| format!("「{m}」"))
                .unwrap_or_else(|| "お尋ねのこと".to_string());
            let mut names: Vec<String> = Vec::new();
            for r in &near {
                let name = format!("「{}」（{}）{}", near_name(r), origin(r), holds_no_target(r));
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            // (A question of no kind is asked of what it names: 「お尋ねのことに当たるお尋ねの内容」
            // says nothing twice.)
            let what = match (first.intent, asked.as_str()) {
                (Intent::Lookup, "お尋ねのこと") => "お尋ねのことに当たる記述".to_string(),
                (intent, _) => format!("{asked}に当たる{}", intent_label(intent)),
            };
            format!(
                "{scope}には、{what}は見つかりませんでした。関連する記述: {}。計画にない数字はお答えできません。",
                names.join("、")
            )
        } else if first.elsewhere.is_empty() {
            format!(
                "{scope}には、この質問に答える記述が見つかりませんでした。planbot が答えられるのは {} の計画に書かれた指標・目標値・取組・担当課・計画期間などです。",
                some_places(known)
            )
        } else {
            let mut names = first.elsewhere.iter().take(5).cloned().collect::<Vec<_>>().join("・");
            if first.elsewhere.len() > 5 {
                names.push_str("など");
            }
            format!("{scope}には、この質問に当たる記述はありません（{names}の計画にはあります）。")
        };
        return not_found(question, first.intent, message);
    }
    // A satisfaction share with the survey before it is itself the comparison asked for.
    // So are the periods of two plans or more.
    let compared = records.iter().any(|r| matches!(&r.body, Body::Satisfaction(s) if s.previous.is_some()))
        || q.intents.contains(&Intent::Period)
            && records.iter().filter(|r| matches!(r.body, Body::Plan(_))).count() >= 2;
    // One municipality's two plans are compared only from two documents: a figure read from
    // the text of one plan is one side.
    let from_text = parts.iter().any(|p| p.from_text) && q.municipalities.len() == 1;
    if q.intents.contains(&Intent::Compare) && !compared && (q.municipalities.len() != 1 || from_text) {
        if let Some(answer) = one_side(question, q, &lines, &records) {
            return answer;
        }
    }
    if let Some(answer) = some_places_missing(question, q, &lines, &records) {
        return answer;
    }
    if let Some(answer) = some_documents_missing(question, q, &lines, &records) {
        return answer;
    }
    for part in missing.into_iter().filter(|p| !(compared && p.intent == Intent::Compare)) {
        lines.push(format!("{}については、計画の中に答えが見つかりませんでした。", intent_label(part.intent)));
    }
    Answer {
        question: question.to_string(),
        found: true,
        intent,
        answer: lines.join("\n"),
        citations: Citation::all(&records),
        hits: records,
    }
}

/// A comparison needs a figure from two places (or two plans): with one, the answer says so
/// and shows that one figure, but does not claim to have compared (`found: false`).
fn one_side(question: &str, q: &Question, lines: &[String], records: &[Record]) -> Option<Answer> {
    let mut places: Vec<&Option<String>> = records.iter().map(|r| &r.source.municipality).collect();
    places.dedup();
    let mut files: Vec<&String> = records.iter().map(|r| &r.source.file).collect();
    files.dedup();
    if places.len() >= 2 || files.len() >= 2 {
        return None;
    }
    let place = records.first()?.source.municipality.clone().unwrap_or_else(|| "一つの計画".to_string());
    let asked =
        if q.municipalities.len() >= 2 { q.municipalities.join("・") } else { "ほかの市町村".to_string() };
    let answer = format!(
        "比べられる数値が見つかったのは {place} の計画だけで、{asked}の計画には同じものが見つかりませんでした。比較はできません。参考までに {place} の記述: {}",
        lines.join(" ")
    );
    Some(Answer {
        question: question.to_string(),
        found: false,
        intent: Intent::Compare.as_str().to_string(),
        answer,
        citations: Citation::all(records),
        hits: records.to_vec(),
    })
}

/// A figure (or a department, a period) asked of each of several named places
/// (「椿尾村と雪見原町でそれぞれいくら？」「担当課、A市とB町は？」) is
/// not answered when some of them have none: the answer names the places without it and shows
/// what was found, but does not claim to have answered (`found: false`).
fn some_places_missing(question: &str, q: &Question, lines: &[String], records: &[Record]) -> Option<Answer> {
    // A department or a period asked of each place is asked of each place, as a figure is.
    let figure = q.intents.iter().any(|i| {
        matches!(
            i,
            Intent::Target
                | Intent::Current
                | Intent::Both
                | Intent::Department
                | Intent::Period
                | Intent::Satisfaction
        )
    });
    if q.municipalities.len() < 2 || !figure || records.is_empty() {
        return None;
    }
    let has = |m: &String| records.iter().any(|r| r.source.municipality.as_ref() == Some(m));
    let missing: Vec<&str> = q.municipalities.iter().filter(|m| !has(m)).map(String::as_str).collect();
    if missing.is_empty() {
        return None;
    }
    let asked = asked_of_each(q);
    let answer = format!(
        "{}の計画には、お尋ねの{}が見つかりませんでした。見つかった記述: {}",
        missing.join("・"),
        intent_label(asked),
        lines.join(" ")
    );
    Some(partly_found(question, asked, answer, records))
}

/// What was asked of each place or plan: the figure or the department, not the comparison.
fn asked_of_each(q: &Question) -> Intent {
    q.intents.iter().copied().find(|i| *i != Intent::Compare).unwrap_or(q.intents[0])
}

/// An answer that shows what was found of a question asked of several places or plans, and does
/// not claim to have answered it (`found: false`).
fn partly_found(question: &str, asked: Intent, answer: String, records: &[Record]) -> Answer {
    Answer {
        question: question.to_string(),
        found: false,
        intent: asked.as_str().to_string(),
        answer,
        citations: Citation::all(records),
        hits: records.to_vec(),
    }
}

/// 「歯の計画と生涯学習の計画、それぞれ…」: what is asked of each of several plans named by their
/// titles is not answered from some of them only (`found: false`, and what was found shown).
fn some_documents_missing(question: &str, q: &Question, lines: &[String], records: &[Record]) -> Option<Answer> {
    if q.documents.len() < 2 || !(q.intents.contains(&Intent::Compare) || q.every_place) || records.is_empty() {
        return None;
    }
    let has = |file: &String| records.iter().any(|r| r.source.file == *file);
    if q.documents.iter().all(has) {
        return None;
    }
    let asked = asked_of_each(q);
    let label = intent_label(asked);
    let what = if label.starts_with("お尋ね") { label.to_string() } else { format!("お尋ねの{label}") };
    let answer = format!(
        "名前を挙げられた計画のうち一部にしか、{what}が見つかりませんでした。見つかった記述: {}",
        lines.join(" ")
    );
    Some(partly_found(question, asked, answer, records))
}

fn intent_label(intent: Intent) -> &'static str {
    match intent {
        Intent::Target => "目標値",
        Intent::Current => "現状値",
        Intent::Both => "現状値と目標値",
        Intent::Department => "担当課",
        Intent::Period => "期間",
        Intent::Measures => "取組",
        Intent::Count => "数",
        Intent::Satisfaction => "市民満足度",
        Intent::Compare => "比較",
        Intent::Lookup => "お尋ねの内容",
    }
}

/// Rewrites the part's local marks {0}, {1}… into global [n] marks, adding each record once.
fn renumber(line: &str, local: &[Record], global: &mut Vec<Record>) -> String {
    let mut out = line.to_string();
    for (i, r) in local.iter().enumerate() {
        let mark = format!("{{{i}}}");
        if !out.contains(&mark) {
            continue;
        }
        let n = match global.iter().position(|g| g == r) {
            Some(n) => n + 1,
            None => {
                global.push(r.clone());
                global.len()
            }
        };
        out = out.replace(&mark, &format!("[{n}]"));
    }
    out
}

fn good(part: &Part) -> Vec<&Scored> {
    part.candidates.iter().filter(|c| c.coverage >= MIN_COVERAGE).collect()
}

fn write(part: &Part, q: &Question) -> Option<Written> {
    let good = good(part);
    let best = *good.first()?;
    if part.from_text {
        return Some(one(&best.record, from_text_line(part.intent, &best.record)));
    }
    match part.intent {
        Intent::Target | Intent::Current | Intent::Both | Intent::Compare => {
            write_indicators(part.intent, &good, q, &part.also)
        }
        Intent::Department => Some(write_department(&good, q)),
        Intent::Satisfaction => match &best.record.body {
            Body::Indicator(_) => write_indicators(Intent::Both, &good, q, &[]),
            _ => Some(one(&best.record, satisfaction_line(&best.record))),
        },
        Intent::Period if q.intents.contains(&Intent::Compare) => {
            Some(write_periods(&good, q).unwrap_or_else(|| one(&best.record, period_line(&best.record, &q.text))))
        }
        Intent::Period => Some(one(&best.record, period_line(&best.record, &q.text))),
        // 「全部でいくつ？」 is not answered by counting a list of one: the list found is not
        // the whole the question counts.
        Intent::Count if matches!(best.record.body, Body::Measure(_)) && part.group.len() <= 1 => None,
        Intent::Measures | Intent::Count => Some(write_list(part, best)),
        Intent::Lookup => match &best.record.body {
            Body::Indicator(_) => write_indicators(Intent::Both, &good, q, &[]),
            _ => Some(one(&best.record, lookup_line(&best.record))),
        },
    }
}

/// 「有機農業の計画と木材利用の方針、期間が長いのはどっち？」: the period of each plan compared
/// (the first of each document, of the documents the question names when it names them), and
/// which is longer, shorter, ends or begins first; `None` with fewer than two periods.
fn write_periods(good: &[&Scored], q: &Question) -> Option<Written> {
    let mut chosen: Vec<(&Record, (i32, i32))> = Vec::new();
    for c in good {
        let Body::Plan(Plan { period: Some(period), .. }) = &c.record.body else { continue };
        let file = &c.record.source.file;
        let named = q.documents.is_empty() || q.documents.binary_search(file).is_ok();
        let years = crate::ingest::value::years_in(period);
        let (Some(first), Some(last)) = (years.first(), years.last()) else { continue };
        if named && !chosen.iter().any(|(r, _)| r.source.file == *file) && chosen.len() < 6 {
            chosen.push((&c.record, (first.fiscal, last.fiscal)));
        }
    }
    if chosen.len() < 2 {
        return None;
    }
    // Each line cites its own record ({i} of the part's records).
    let mut lines: Vec<String> = chosen
        .iter()
        .enumerate()
        .map(|(i, (r, _))| period_line(r, &q.text).replace("{0}", &format!("{{{i}}}")))
        .collect();
    let label = |r: &Record| match &r.body {
        Body::Plan(p) => format!("{}の「{}」", r.source.municipality.as_deref().unwrap_or(""), p.name),
        _ => String::new(),
    };
    let years = |(from, to): (i32, i32)| to - from + 1;
    let text = &q.text;
    let ends = text.contains("終わ") || text.contains("まで");
    let verdict = if text.contains("同じ") {
        let same = if ends {
            chosen.iter().all(|(_, s)| s.1 == chosen[0].1 .1)
        } else {
            chosen.iter().all(|(_, s)| years(*s) == years(chosen[0].1))
        };
        let what = if ends { "終わる年度" } else { "期間の長さ" };
        Some(format!("{what}は{}。", if same { "同じです" } else { "違います" }))
    } else {
        let pick = |key: &dyn Fn(&(i32, i32)) -> i32, most: bool, what: &str| {
            let best = if most {
                chosen.iter().max_by_key(|(_, s)| key(s))
            } else {
                chosen.iter().min_by_key(|(_, s)| key(s))
            }?;
            // A tie names no one.
            let tied = chosen.iter().filter(|(_, s)| key(s) == key(&best.1)).count() > 1;
            (!tied).then(|| format!("{what}のは {} です。", label(best.0)))
        };
        if text.contains("長い") {
            pick(&|s| years(*s), true, "期間が長い")
        } else if text.contains("短い") {
            pick(&|s| years(*s), false, "期間が短い")
        } else if ends && (text.contains("早い") || text.contains("先")) {
            pick(&|s| s.1, false, "先に終わる")
        } else if ends && (text.contains("遅い") || text.contains("後")) {
            pick(&|s| s.1, true, "後に終わる")
        } else if text.contains("始ま") && (text.contains("早い") || text.contains("先")) {
            pick(&|s| s.0, false, "先に始まった")
        } else {
            None
        }
    };
    lines.extend(verdict);
    Some(Written { lines, records: chosen.iter().map(|(r, _)| (*r).clone()).collect() })
}

fn one(record: &Record, line: String) -> Written {
    Written { lines: vec![line], records: vec![record.clone()] }
}

/// "本庄市 後期基本計画 施策6-4「行政のデジタル化の推進」" — who says it, where.
pub fn origin(record: &Record) -> String {
    let s = &record.source;
    let municipality = s.municipality.clone().unwrap_or_default();
    let plan = plan_label(record);
    let section = &record.section;
    let place = match (&section.number, section.title.is_empty()) {
        // A number that names its level (基本施策2, 施策6, 基本方針1) is said as written; a bare
        // number (6-4) is a 施策's.
        (Some(n), false) if !n.starts_with(|c: char| c.is_ascii_digit()) => format!(" {n}「{}」", section.title),
        (Some(n), false) => format!(" 施策{n}「{}」", section.title),
        (None, false) if !section.title.starts_with('第') => format!("「{}」", section.title),
        _ => String::new(),
    };
    format!("{municipality} {plan}{place}").trim().to_string()
}

/// The plan's short name: the catalog title without the municipality and parenthetical scope.
pub fn plan_label(record: &Record) -> String {
    let s = &record.source;
    let mut title = s.title.clone();
    if let Some(m) = &s.municipality {
        title = title.trim_start_matches(m.as_str()).trim().to_string();
    }
    if let Some(at) = title.find('（') {
        title.truncate(at);
    }
    title = title.trim_start_matches("総合計画").trim().to_string();
    if title.is_empty() {
        s.title.clone()
    } else {
        title
    }
}

fn with_year(v: &Value) -> String {
    match &v.year {
        Some(y) => format!("{}（{}）", v.display(), y.label),
        None => v.display(),
    }
}

/// The best indicators, and the `also` records that answer the rest of the question.
fn write_indicators(intent: Intent, good: &[&Scored], q: &Question, also: &[Scored]) -> Option<Written> {
    let best = good.first()?;
    let mut chosen: Vec<&Scored> = vec![best];
    chosen.extend(also.iter().filter(|a| a.record != best.record));
    let many_places = q.municipalities.len() != 1;
    for c in good.iter().skip(1) {
        let same_name = compact(&name(&c.record)) == compact(&name(&best.record));
        let new_doc = !chosen.iter().any(|x| x.record.source.file == c.record.source.file);
        let new_place = !chosen.iter().any(|x| x.record.source.municipality == c.record.source.municipality);
        let close = c.score >= best.score - 0.3;
        // A question naming a section or a category ties several indicators: list them all.
        let tie = c.score >= best.score - 0.02 && c.record.source.file == best.record.source.file;
        let wanted = tie
            || (new_doc && same_name && q.edition.is_none())
            || (many_places && new_place && (close || q.every_place))
            || (intent == Intent::Compare && new_doc && close);
        if wanted && chosen.len() < 6 {
            chosen.push(c);
        }
    }
    // The latest plan first among editions of one municipality.
    if q.edition.is_none() && intent != Intent::Compare {
        chosen.sort_by(|a, b| {
            let key =
                |s: &Scored| (s.record.source.municipality.clone(), std::cmp::Reverse(s.record.source.period.clone()));
            if a.record.source.municipality == b.record.source.municipality {
                key(a).cmp(&key(b))
            } else {
                std::cmp::Ordering::Equal
            }
        });
    }
    // Indicators listed from one document read best in the document's order.
    if chosen.len() > 2 && chosen.iter().all(|c| c.record.source.file == best.record.source.file) {
        chosen.sort_by_key(|c| c.record.line);
    }
    let records: Vec<Record> = chosen.iter().map(|c| c.record.clone()).collect();
    let mut lines: Vec<String> = records.iter().enumerate().map(|(i, r)| indicator_line(intent, r, q, i)).collect();
    if intent == Intent::Compare || q.asks_which_higher {
        if let Some(verdict) = compare_verdict(&records, q) {
            lines.push(verdict);
        }
    }
    Some(Written { lines, records })
}

fn name(record: &Record) -> String {
    record.body.name()
}

fn indicator_line(intent: Intent, record: &Record, q: &Question, mark: usize) -> String {
    let Body::Indicator(ind) = &record.body else { return lookup_line(record) };
    let head = format!("{}の{}「{}」", origin(record), ind.category, ind.name);
    if let Some(note) = &ind.note {
        return format!("{} では目標値は設定されていません（「{note}」）。{{{mark}}}", origin(record));
    }
    // Nor is a bare year in the baseline cell a baseline.
    let base = ind.baseline.as_ref().filter(|b| !super::refers_elsewhere(b.raw.trim())).map(with_year);
    // 「〃」 or a bare year in the target cell is no figure: never state it as the target.
    let target = ind.target.as_ref().filter(|t| !super::refers_elsewhere(t.raw.trim())).map(with_year);
    let asked_year = q
        .years
        .iter()
        .find_map(|y| ind.yearly.iter().find(|v| v.year.as_ref().is_some_and(|vy| vy.fiscal == y.fiscal)));
    // 「今は？」「今と目標」 of a row with a later measured value (策定時 | 現状 | 目標, 基準 |
    // 最新 | 目標): that value is where things stand now, the baseline beside it.
    let actual = ind.actual.as_ref().filter(|a| a.figure.is_some()).map(with_year);
    let leads_with_actual = actual.is_some()
        && (intent == Intent::Current
            || intent == Intent::Both && asked_year.is_none() && base.is_some() && target.is_some());
    // A series with no baseline and no target is a record of the past or a projection
    // (「中期財政計画」「推計」): its figures are no targets.
    let figures_only = ind.baseline.is_none() && ind.target.is_none();
    let body = match (intent, asked_year) {
        (Intent::Current, _) if leads_with_actual => {
            let a = actual.clone().unwrap_or_default();
            match (&base, &target) {
                (Some(b), Some(t)) => format!("の実績値は {a} です（基準の値 {b}、目標値 {t}）。"),
                (Some(b), None) => format!("の実績値は {a} です（基準の値 {b}）。"),
                (None, Some(t)) => format!("の実績値は {a} です（目標値 {t}）。"),
                (None, None) => format!("の実績値は {a} です。"),
            }
        }
        (Intent::Both, None) if leads_with_actual => {
            let (a, b, t) = (
                actual.clone().unwrap_or_default(),
                base.clone().unwrap_or_default(),
                target.clone().unwrap_or_default(),
            );
            format!("は 実績値 {a} → 目標値 {t} です（基準の値 {b}）。")
        }
        (Intent::Current, _) => match (&base, &target) {
            (Some(b), Some(t)) => format!("の現状値は {b} です（目標値 {t}）。"),
            (Some(b), None) => format!("の現状値は {b} です。"),
            _ => "の現状値は記載されていません。".to_string(),
        },
        // A year of such a series is its figure of that year, no target.
        (_, Some(v)) if figures_only => {
            let year = v.year.as_ref().map(|y| y.label.clone()).unwrap_or_default();
            format!("の{year}の数値は {} です。", v.display())
        }
        (_, Some(v)) if Some(v) != ind.baseline.as_ref() => {
            let year = v.year.as_ref().map(|y| y.label.clone()).unwrap_or_default();
            let fin = target.clone().unwrap_or_default();
            match (intent, &base) {
                // 「今と2034年の目標」: both were asked, the year only says which target.
                (Intent::Both, Some(b)) => {
                    format!("は 現状値 {b} → {year}の目標値 {} です（最終目標 {fin}）。", v.display())
                }
                _ => format!("の{year}の目標値は {} です（最終目標 {fin}）。", v.display()),
            }
        }
        _ => match (&base, &target) {
            (Some(b), Some(t)) => format!("は 現状値 {b} → 目標値 {t} です。"),
            (None, Some(t)) => format!("の目標値は {t} です。"),
            // A target cell read as no figure of its own (〃, a bare year) states none; no cell
            // read at all may be a cell the reader missed, and is not said to be empty.
            (Some(b), None) if ind.target.is_some() => format!("の現状値は {b} で、目標値は記載されていません。"),
            (Some(b), None) => {
                format!("の現状値は {b} です。目標値は読み取れませんでした（引用した行をご確認ください）。")
            }
            (None, None) if !ind.yearly.is_empty() => {
                "は年度ごとの数値で、現状値・目標値としては示されていません。".to_string()
            }
            (None, None) => "には値が記載されていません。".to_string(),
        },
    };
    // An evaluation sheet's 実績値: what was reached, beside what was planned.
    let body = match &ind.actual {
        Some(a) if !leads_with_actual => format!("{body}実績値は {} です。", with_year(a)),
        _ => body,
    };
    let path = if ind.yearly.len() > 2 && intent != Intent::Current {
        let steps: Vec<String> = ind
            .yearly
            .iter()
            .map(|v| format!("{} {}", v.year.as_ref().map(|y| y.label.as_str()).unwrap_or(""), v.display()))
            .collect();
        let what = ind.yearly_word();
        format!(" {what}: {}。", steps.join(" → "))
    } else {
        String::new()
    };
    format!("{head}{body}{path}{{{mark}}}")
}

fn compare_verdict(records: &[Record], q: &Question) -> Option<String> {
    // 「現状値を比べて」 compares baselines; anything else compares targets.
    let current = q.intents.contains(&Intent::Current);
    let what = if current { "現状値" } else { "目標値" };
    let values: Vec<(String, f64)> = records
        .iter()
        .filter_map(|r| match &r.body {
            Body::Indicator(i) => {
                let value = if current { i.baseline.as_ref() } else { i.target.as_ref() };
                Some((
                    format!("{} {}", r.source.municipality.clone().unwrap_or_default(), plan_label(r)),
                    value?.number?,
                ))
            }
            _ => None,
        })
        .collect();
    if values.len() < 2 {
        return None;
    }
    let (hi, lo) = if values[0].1 >= values[1].1 { (&values[0], &values[1]) } else { (&values[1], &values[0]) };
    if hi.1 == lo.1 {
        return Some(format!("{what}は同じです。"));
    }
    Some(format!("{what}は {} のほうが {} より高くなっています。", hi.0, lo.0))
}

fn write_department(good: &[&Scored], q: &Question) -> Written {
    let best = good[0];
    if let Some(written) = by_department(good, q) {
        return written;
    }
    let mut chosen = vec![best];
    if q.municipalities.is_empty() {
        for c in good.iter().skip(1) {
            let new_place = !chosen.iter().any(|x| x.record.source.municipality == c.record.source.municipality);
            if new_place && (c.score >= best.score - 0.3 || q.every_place) && chosen.len() < 3 {
                chosen.push(c);
            }
        }
    }
    let mut lines = Vec::new();
    let mut records = Vec::new();
    for c in chosen {
        let r = &c.record;
        let mark = records.len();
        let line = match &r.body {
            Body::Measure(m) => measure_department_line(r, m, mark),
            Body::Indicator(i) if !i.departments.is_empty() => {
                format!(
                    "{}の{}「{}」の担当は {} です。{{{mark}}}",
                    origin(r),
                    i.category,
                    i.name,
                    i.departments.join("・")
                )
            }
            Body::Responsibility(_) => {
                // Both roles of the section, 主管課 first.
                let mut roles: Vec<&Record> = good
                    .iter()
                    .map(|s| &s.record)
                    .filter(|x| {
                        matches!(x.body, Body::Responsibility(_))
                            && x.section == r.section
                            && x.source.file == r.source.file
                    })
                    .collect();
                roles.sort_by_key(|x| x.line);
                let texts: Vec<String> = roles
                    .iter()
                    .filter_map(|x| match &x.body {
                        Body::Responsibility(resp) => Some(format!("{}は {}", resp.role, resp.departments.join("・"))),
                        _ => None,
                    })
                    .collect();
                format!("{}の{}です。{{{mark}}}", origin(r), texts.join("、"))
            }
            _ => lookup_line(r),
        };
        lines.push(line);
        records.push(r.clone());
    }
    Written { lines, records }
}

/// 「水道課が担当する計画は？」: the question names a department, so list what it is in charge
/// of, from the candidates of the same municipality that name it.
fn by_department(good: &[&Scored], q: &Question) -> Option<Written> {
    let best = good[0];
    let Body::Measure(m) = &best.record.body else { return None };
    let department = m.departments.iter().find(|d| d.chars().count() >= 2 && q.text.contains(d.as_str()))?;
    let mut records: Vec<Record> = good
        .iter()
        .map(|c| &c.record)
        .filter(|r| r.source.municipality == best.record.source.municipality)
        .filter(|r| matches!(&r.body, Body::Measure(x) if x.departments.contains(department)))
        .cloned()
        .collect();
    records.sort_by_key(|r| (r.source.file.clone(), r.line));
    records.dedup();
    let names: Vec<String> = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.body {
            Body::Measure(x) => Some(format!("「{}」{{{i}}}", x.name)),
            _ => None,
        })
        .collect();
    let municipality = best.record.source.municipality.clone().unwrap_or_default();
    let line = format!("{municipality}の{department}が担当するのは次の{}件です: {}。", names.len(), names.join("、"));
    Some(Written { lines: vec![line], records })
}

fn measure_department_line(r: &Record, m: &Measure, mark: usize) -> String {
    let role = m.department_role.as_deref().unwrap_or("担当課");
    let extra = match (&m.area, &m.start) {
        (Some(area), Some(start)) if *area != r.section.title => format!("（改革分野「{area}」、開始 {start}）"),
        (_, Some(start)) => format!("（開始 {start}）"),
        _ => String::new(),
    };
    let number = m.number.as_ref().map(|n| format!(" No.{n}")).unwrap_or_default();
    format!("{}{number}「{}」の{role}は {} です{extra}。{{{mark}}}", origin(r), m.name, m.departments.join("・"))
}

fn satisfaction_line(r: &Record) -> String {
    let Body::Satisfaction(s) = &r.body else { return lookup_line(r) };
    let before = match (&s.previous, s.value.number) {
        (Some(p), Some(now)) => {
            let year = p.year.as_ref().map(|y| format!("（{}）", y.label)).unwrap_or_default();
            let change = match p.number {
                Some(b) if now > b => "上がりました",
                Some(b) if now < b => "下がりました",
                _ => "変わりませんでした",
            };
            format!("前回{year}の {} から{change}。", p.display())
        }
        _ => String::new(),
    };
    format!("{}に係る市民満足度は {} です（調査項目「{}」）。{before}{{0}}", origin(r), s.value.display(), s.item)
}

fn period_line(r: &Record, question: &str) -> String {
    match &r.body {
        Body::Passage(p) => {
            let quote = focus(&p.text, question, true);
            // Dates from 4月1日 to 3月31日 are said again as the fiscal years people ask in.
            let years = crate::ingest::value::fiscal_span(&quote)
                .map(|(from, to)| {
                    let label = crate::ingest::value::era_label;
                    format!("これは {}～{} に当たります。", label(from), label(to))
                })
                .unwrap_or_default();
            format!("{}には次のように書かれています: 「{quote}」{years}{{0}}", origin(r))
        }
        Body::Plan(Plan { name, period: Some(period), .. }) => {
            // A period read from a sentence names its plan in the sentence: quote it.
            let sentence = r.quote.contains('。') && !r.quote.contains('|') && !r.quote.contains('\t');
            let said =
                if sentence && r.quote.contains(name.as_str()) && r.quote.chars().count() > name.chars().count() + 8 {
                    format!(" 「{}」", clip(&r.quote, 160))
                } else {
                    String::new()
                };
            format!("「{name}」の計画期間は {period}{} です（{}）。{said}{{0}}", years_long(period), origin(r))
        }
        Body::Indicator(ind) if !ind.yearly.is_empty() => {
            let Indicator { name, yearly, baseline, .. } = ind.as_ref();
            let targets: Vec<&Value> = yearly.iter().filter(|v| Some(*v) != baseline.as_ref()).collect();
            let year =
                |v: Option<&&Value>| v.and_then(|v| v.year.as_ref()).map(|y| y.label.clone()).unwrap_or_default();
            let base = baseline
                .as_ref()
                .and_then(|b| b.year.as_ref())
                .map(|y| format!("（現状値は{}）", y.label))
                .unwrap_or_default();
            format!(
                "{}の目標値は {}から{}まで年度ごとに設定されています{base}。例: 「{name}」。{{0}}",
                origin(r),
                year(targets.first()),
                year(targets.last())
            )
        }
        _ => lookup_line(r),
    }
}

/// 「（10年間）」 after a period of fiscal years that does not say how long it is.
fn years_long(period: &str) -> String {
    let years = crate::ingest::value::years_in(period);
    match (years.first(), years.last()) {
        (Some(from), Some(to)) if to.fiscal > from.fiscal && !period.contains("年間") => {
            format!("（{}年間）", to.fiscal - from.fiscal + 1)
        }
        _ => String::new(),
    }
}

/// The sentence of a long passage that shares most with the question (dates count extra for
/// period questions), so the quote shows the fact rather than the passage's opening.
fn focus(text: &str, question: &str, want_dates: bool) -> String {
    if text.chars().count() <= 220 {
        return text.to_string();
    }
    let q = compact(question);
    let score = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let shared = chars.windows(2).filter(|w| q.contains(&w.iter().collect::<String>())).count();
        let dates = if want_dates { 5 * crate::ingest::value::years_in(s).len() } else { 0 };
        shared + dates
    };
    let best = text.split_inclusive('。').max_by_key(|s| score(s)).unwrap_or(text);
    clip(best.trim(), 220)
}

/// A figure read from the text, said to be so: no table row states it.
/// The passage is already cut to the topic and the figures it governs (`topic_figure`).
fn from_text_line(intent: Intent, r: &Record) -> String {
    let Body::Passage(p) = &r.body else { return lookup_line(r) };
    // A department is looked for among the measures, a figure among the indicators.
    let table = if intent == Intent::Department { "取組の一覧" } else { "指標の表" };
    format!(
        "{}の{table}には見当たりませんが、本文に次の記述があります（表ではなく本文から読み取った{}です）: 「{}」{{0}}",
        origin(r),
        intent_label(intent),
        clip(&p.text, 220)
    )
}

fn lookup_line(r: &Record) -> String {
    match &r.body {
        Body::Passage(p) => format!("{}には次のように書かれています: 「{}」{{0}}", origin(r), clip(&p.text, 220)),
        Body::Measure(m) if !m.departments.is_empty() && m.content.is_none() => measure_department_line(r, m, 0),
        Body::Measure(m) => measure_text_line(r, m),
        Body::Plan(p) => format!(
            "「{}」{}（{}）。{{0}}",
            p.name,
            p.period.as_ref().map(|x| format!("の計画期間は {x} です")).unwrap_or_default(),
            origin(r)
        ),
        Body::Count(c) => count_line(r, c),
        Body::Satisfaction(_) => satisfaction_line(r),
        Body::Responsibility(x) => format!("{}の{}は {} です。{{0}}", origin(r), x.role, x.departments.join("・")),
        Body::Indicator(_) => indicator_line(Intent::Both, r, &question_stub(), 0),
    }
}

/// An item and what it says it does (and who does it): 「…の主な取組「A」: …します。（担当: B課）」.
fn measure_text_line(r: &Record, m: &Measure) -> String {
    let who = if m.departments.is_empty() {
        String::new()
    } else {
        format!("（{}: {}）", m.department_role.as_deref().unwrap_or("担当"), m.departments.join("・"))
    };
    format!("{}の{}「{}」: {}{who}{{0}}", origin(r), m.category, m.name, m.content.as_deref().unwrap_or(""))
}

fn question_stub() -> Question {
    super::question::analyse("", &[])
}

fn count_line(r: &Record, c: &Count) -> String {
    let items = if c.items.is_empty() {
        String::new()
    } else {
        format!(
            "（{}）",
            c.items.iter().enumerate().map(|(i, x)| format!("{}. {x}", i + 1)).collect::<Vec<_>>().join("、")
        )
    };
    // 「つ」 counts up to nine (ひとつ…ここのつ); from ten on a number stands alone (16です).
    let unit = if c.unit == "つ" && c.value >= 10 { "" } else { c.unit.as_str() };
    format!("{}の「{}」は {}{}です{items}。{{0}}", origin(r), c.label, c.value, unit)
}

/// Most items of a list that are shown with what they do, and the longest such description.
const MAX_DESCRIBED: usize = 4;
const MAX_DESCRIPTION: usize = 80;

/// A list of measures (the group of the best match), or a count.
fn write_list(part: &Part, best: &Scored) -> Written {
    if let Body::Count(c) = &best.record.body {
        return one(&best.record, count_line(&best.record, c));
    }
    let group: Vec<&Record> = if part.group.is_empty() { vec![&best.record] } else { part.group.iter().collect() };
    let Body::Measure(first) = &group[0].body else { return one(&best.record, lookup_line(&best.record)) };
    if group.len() == 1 && first.content.is_some() {
        // One item found by its text: show the text (and who does it).
        return one(group[0], measure_text_line(group[0], first));
    }
    // A short list says what each item does, when the document says it briefly: 「何をするの」
    // is answered by the work, not only by its titles.
    let described = part.intent != Intent::Count && group.len() <= MAX_DESCRIBED;
    let names: Vec<String> = group
        .iter()
        .filter_map(|r| match &r.body {
            Body::Measure(m) => {
                // (A measure named by its sentence keeps one 。, the list's.)
                let bare = m.name.trim_end_matches('。');
                let name = match &m.number {
                    Some(n) => format!("{n}. {bare}"),
                    None => bare.to_string(),
                };
                let content = m.content.as_deref().map(|c| c.trim().trim_end_matches('。'));
                Some(match content.filter(|c| described && !c.is_empty() && c.chars().count() <= MAX_DESCRIPTION) {
                    Some(c) => format!("{name}（{c}）"),
                    None => name,
                })
            }
            _ => None,
        })
        .collect();
    let scope = match &first.area {
        Some(area) if *area != group[0].section.title => format!("{}の改革分野「{area}」", origin(group[0])),
        _ => origin(group[0]),
    };
    let what = if first.category == "実施計画" { "計画".to_string() } else { first.category.clone() };
    let text = if part.intent == Intent::Count {
        format!("{scope}の{what}は {}件です: {}。{{0}}", names.len(), names.join("、"))
    } else {
        format!("{scope}の{what}は次の{}件です: {}。{{0}}", names.len(), names.join("、"))
    };
    // Cite the first and the last line of the list so the whole of it can be checked.
    let mut cited = group[0].clone();
    cited.line_end = group.iter().map(|r| r.line_end).max().unwrap_or(cited.line_end);
    if cited.line_end > cited.line + 40 {
        cited.line_end = cited.line + 40;
    }
    Written { lines: vec![text], records: vec![cited] }
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::record::Passage;

    #[test]
    fn a_period_says_how_many_years_it_runs() {
        assert_eq!(years_long("令和7年度〜令和16年度"), "（10年間）");
        assert_eq!(years_long("2025年度～2029年度"), "（5年間）");
        // Said already, or one year alone: nothing to add.
        assert_eq!(years_long("令和7年度〜令和11年度（5年間）"), "");
        assert_eq!(years_long("令和7年度"), "");
    }

    #[test]
    fn a_series_with_no_target_is_told_as_figures_of_years() {
        let value = |raw: &str, fiscal: i32| {
            let mut v = crate::ingest::value::parse(raw, 1).unwrap();
            v.year = Some(crate::ingest::value::Year { label: format!("令和{}年度", fiscal - 2018), fiscal });
            v
        };
        let mut series = crate::ingest::record::Indicator::row("指標", "財政調整基金残高".into(), None, None, None);
        series.yearly = vec![value("960", 2024), value("955", 2025), value("827", 2030)];
        let record = super::super::test_record("白鷺村 中期財政計画", Body::Indicator(Box::new(series)));
        let q = crate::answer::question::analyse("財政調整基金の見込みは？", &[]);
        let line = indicator_line(Intent::Lookup, &record, &q, 1);
        assert!(line.contains("年度ごとの数値: 令和6年度 960"), "{line}");
        assert!(!line.contains("年度ごとの目標") && !line.contains("目標値は"), "{line}");
        let q = crate::answer::question::analyse("財政調整基金、令和7年度は？", &[]);
        let line = indicator_line(Intent::Lookup, &record, &q, 1);
        assert!(line.contains("の令和7年度の数値は 955 です。"), "{line}");
    }

    #[test]
    fn a_path_that_begins_with_past_years_is_told_as_figures_of_years() {
        let value = |raw: &str, fiscal: i32| {
            let mut v = crate::ingest::value::parse(raw, 1).unwrap();
            v.year = Some(crate::ingest::value::Year { label: format!("令和{}年度", fiscal - 2018), fiscal });
            v
        };
        let (base, target) = (value("24.3%", 2024), value("35.0%", 2030));
        let mut row = crate::ingest::record::Indicator::row(
            "指標",
            "審議会等の委員に占める女性の割合".into(),
            None,
            Some(base.clone()),
            Some(target.clone()),
        );
        row.yearly = vec![value("17.0%", 2020), value("22.7%", 2023), base.clone(), target.clone()];
        let record = super::super::test_record("白鷺村 男女共同参画計画", Body::Indicator(Box::new(row.clone())));
        let q = crate::answer::question::analyse("審議会の女性の割合の目標は？", &[]);
        let line = indicator_line(Intent::Target, &record, &q, 1);
        assert!(line.contains("年度ごとの数値: 令和2年度 17.0%"), "{line}");
        // Steps from the baseline on are the path of targets.
        row.yearly = vec![base, value("30.0%", 2027), target];
        let record = super::super::test_record("白鷺村 男女共同参画計画", Body::Indicator(Box::new(row)));
        let line = indicator_line(Intent::Target, &record, &q, 1);
        assert!(line.contains("年度ごとの目標: 令和6年度 24.3%"), "{line}");
    }

    #[test]
    fn a_related_passage_is_named_by_its_text() {
        let text = "村営バスの利用者数は令和５年度に年間１２，４００人で、前年度より８％増えました。";
        let record = Record {
            line: 3,
            line_end: 3,
            quote: crate::ingest::normalize::text(text),
            ..super::super::test_record("白鷺村 計画", Body::Passage(Passage { text: text.into() }))
        };
        let name = near_name(&record);
        assert!(name.starts_with("村営バスの利用者数は"), "{name}");
        assert!(name.ends_with('…') && name.chars().count() == 31, "{name}");
    }

    #[test]
    fn a_department_asked_of_two_places_needs_both() {
        let q = crate::answer::question::analyse("デマンド交通の担当課、白鷺村と黒鷺町は？", &[]);
        let q = Question { municipalities: vec!["白鷺村".into(), "黒鷺町".into()], ..q };
        let text = "デマンド交通の運行区域の拡大 村(交通政策課)";
        let record = super::super::test_record("白鷺村 交通計画", Body::Passage(Passage { text: text.into() }));
        let lines = vec!["白鷺村: 交通政策課 [1]".to_string()];
        let answer = some_places_missing("q", &q, &lines, std::slice::from_ref(&record)).expect("one place is missing");
        assert!(!answer.found);
        assert!(answer.answer.starts_with("黒鷺町の計画には、お尋ねの担当課が"), "{}", answer.answer);
        // With both places answered, nothing is missing.
        let other = Record {
            source: crate::ingest::record::Source { municipality: Some("黒鷺町".into()), ..record.source.clone() },
            ..record.clone()
        };
        assert!(some_places_missing("q", &q, &lines, &[record, other]).is_none());
    }

    #[test]
    fn what_is_asked_of_two_named_plans_needs_both() {
        let q = crate::answer::question::analyse("歯の計画と学習の計画、中間の見直しはそれぞれ何年度？", &[]);
        let q = Question { documents: vec!["data/plans/x.txt".into(), "data/plans/y.txt".into()], ..q };
        let text = "令和11年度に中間評価を行います。";
        let record = super::super::test_record("白鷺村 歯の計画", Body::Passage(Passage { text: text.into() }));
        let lines = vec!["白鷺村 歯の計画: 令和11年度 [1]".to_string()];
        let answer = some_documents_missing("q", &q, &lines, std::slice::from_ref(&record)).expect("a plan is missing");
        assert!(!answer.found && answer.answer.contains("一部にしか"), "{}", answer.answer);
        let other = Record {
            source: crate::ingest::record::Source { file: "data/plans/y.txt".into(), ..record.source.clone() },
            ..record.clone()
        };
        assert!(some_documents_missing("q", &q, &lines, &[record, other]).is_none());
    }

    #[test]
    fn a_target_cell_not_read_is_not_said_to_be_empty() {
        let q = crate::answer::question::analyse("誘導ブロックの整備延長、いまと目標は？", &[]);
        let row = |target: Option<&str>| {
            let baseline = crate::ingest::value::parse("5.4km", 3);
            let target = target.and_then(|t| crate::ingest::value::parse(t, 3));
            let i =
                crate::ingest::record::Indicator::row("指標", "誘導ブロックの整備延長".into(), None, baseline, target);
            super::super::test_record("白鷺村 計画", Body::Indicator(Box::new(i)))
        };
        let missed = indicator_line(Intent::Both, &row(None), &q, 0);
        assert!(missed.contains("目標値は読み取れませんでした") && !missed.contains("記載されていません"), "{missed}");
        // A cell that holds no figure of its own (a bare year slid under 目標値) is one the
        // reader did read: it states no target.
        let year = indicator_line(Intent::Both, &row(Some("令和11年度")), &q, 0);
        assert!(year.contains("目標値は記載されていません"), "{year}");
    }

    #[test]
    fn now_is_the_latest_measured_value_where_a_row_has_one() {
        let parse = |v: &str| crate::ingest::value::parse(v, 3);
        let mut i = crate::ingest::record::Indicator::row(
            "指標",
            "警報器の設置率".into(),
            None,
            parse("78.2%"),
            parse("90.0%"),
        );
        i.actual = parse("83.5%");
        let record = super::super::test_record("白鷺村 計画", Body::Indicator(Box::new(i)));
        let now = |q: &str| indicator_line(Intent::Current, &record, &crate::answer::question::analyse(q, &[]), 0);
        let current = now("警報器の設置率、今は？");
        assert!(current.contains("実績値は 83.5%") && current.contains("基準の値 78.2%"), "{current}");
        let q = crate::answer::question::analyse("警報器の設置率、今と目標は？", &[]);
        let both = indicator_line(Intent::Both, &record, &q, 0);
        assert!(both.contains("実績値 83.5% → 目標値 90.0%"), "{both}");
        assert_eq!(both.matches("83.5").count(), 1, "{both}");
        // Asked for the target, the row reads as written: baseline, target, then the latest.
        let target = indicator_line(Intent::Target, &record, &q, 0);
        assert!(target.contains("現状値 78.2% → 目標値 90.0%") && target.contains("実績値は 83.5%"), "{target}");
    }

    #[test]
    fn a_message_names_a_few_municipalities_and_counts_the_rest() {
        let places: Vec<String> = (1..=1741).map(|k| format!("市{k}")).collect();
        assert_eq!(some_places(&places[..3]), "市1・市2・市3");
        assert_eq!(some_places(&places[..10]).matches('・').count(), 9);
        assert_eq!(some_places(&places), "市1・市2・市3・市4・市5 ほか 1736 自治体");
        assert!(what_planbot_does(&places).chars().count() < 200);
    }
}
